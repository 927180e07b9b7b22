/* converc-json-scan.h
 *
 * Reading JSON text byte by byte, without a tree: strings, tokens, escapes.
 *
 * Copyright 2026 Converc Webhooks contributors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* These read JSON text as RFC 8259 has it. Whatever the bytes, only
 * data[0..len) is read: on text that is not JSON they may answer wrongly,
 * never out of bounds. */

typedef enum
{
  CONVERC_JSON_TOKEN_KEY,
  CONVERC_JSON_TOKEN_STRING,
  CONVERC_JSON_TOKEN_NUMBER,
} ConvercJsonTokenKind;

/* The strings and numbers of JSON text, in order. On valid JSON keys are
 * told apart from string values by the colon after them. */
typedef struct
{
  const char           *data;
  gsize                 len;
  gsize                 pos;    /* where the next token is looked for */
  ConvercJsonTokenKind  kind;
  gsize                 start;  /* the token's text, a string's without its quotes */
  gsize                 end;
} ConvercJsonTokens;

static inline gboolean
converc_json_is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* TRUE when the quote at data[at] is escaped (after an odd number of
 * backslashes). */
gboolean  converc_json_is_escaped      (const char        *data,
                                        gsize              at);
/* The index of the first unescaped quote at or after @from (the end of the
 * string @from is in), or @len when there is none. */
gsize     converc_json_string_end      (const char        *data,
                                        gsize              len,
                                        gsize              from);
/* For the string opening at data[i] == '"': the index after its closing
 * quote, or @len when it is not closed. */
gsize     converc_json_skip_string     (const char        *data,
                                        gsize              len,
                                        gsize              i);
/* The index of the first byte at or after @i that is not JSON space. */
gsize     converc_json_skip_space      (const char        *data,
                                        gsize              len,
                                        gsize              i);
/* For the value starting at data[i] (a string, number, literal, object or
 * array, nested to any depth): the index after it, or @len when it is cut
 * short. */
gsize     converc_json_skip_value      (const char        *data,
                                        gsize              len,
                                        gsize              i);
/* The value of the first member @key of the object that opens at
 * data[start] == '{', as data[*value_start..*value_end). FALSE when the
 * object has no such member or is not an object. */
gboolean  converc_json_member_range    (const char        *data,
                                        gsize              len,
                                        gsize              start,
                                        const char        *key,
                                        gsize             *value_start,
                                        gsize             *value_end);
void      converc_json_tokens_init     (ConvercJsonTokens *tokens,
                                        const char        *data,
                                        gsize              len);
/* Moves to the next string or number; FALSE at the end. */
gboolean  converc_json_tokens_next     (ConvercJsonTokens *tokens);
/* TRUE for string text that is ASCII without escapes: its raw bytes are
 * its text, and folding it is lower-casing it. */
gboolean  converc_json_is_plain_text   (const char        *text,
                                        gsize              len);
/* The decoded text of the JSON string data[start..end) (without quotes). */
char     *converc_json_decode_string   (const char        *data,
                                        gsize              start,
                                        gsize              end);
/* Re-indents JSON token by token (two spaces), every value spelled as it is. */
char     *converc_json_pretty_print    (const char        *data,
                                        gsize              len);
/* The same, stopped once @max bytes are written; @complete: whether all of
 * @data was. */
char     *converc_json_pretty_print_prefix (const char   *data,
                                            gsize         len,
                                            gsize         max,
                                            gboolean     *complete);

G_END_DECLS
