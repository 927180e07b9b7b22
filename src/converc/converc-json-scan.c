/* converc-json-scan.c
 *
 * Reading JSON text byte by byte, without a tree: strings, tokens, escapes,
 * and the re-indenting that keeps every value's spelling.
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

#define G_LOG_DOMAIN "converc-json-scan"

#include "config.h"

#include <string.h>

#include "converc-json-scan.h"

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

gboolean
converc_json_is_escaped (const char *data,
                         gsize       at)
{
  gsize n_backslashes = 0;

  while (n_backslashes < at && data[at - n_backslashes - 1] == '\\')
    n_backslashes++;

  return n_backslashes % 2 == 1;
}

gsize
converc_json_string_end (const char *data,
                         gsize       len,
                         gsize       from)
{
  for (;;)
    {
      const char *quote = memchr (data + from, '"', len - from);

      if (quote == NULL)
        return len;
      if (!converc_json_is_escaped (data, quote - data))
        return quote - data;

      from = quote - data + 1;
    }
}

gsize
converc_json_skip_string (const char *data,
                          gsize       len,
                          gsize       i)
{
  gsize end = converc_json_string_end (data, len, i + 1);

  return end < len ? end + 1 : len;
}

gsize
converc_json_skip_space (const char *data,
                         gsize       len,
                         gsize       i)
{
  while (i < len && converc_json_is_space (data[i]))
    i++;
  return i;
}

gsize
converc_json_skip_value (const char *data,
                         gsize       len,
                         gsize       i)
{
  gsize depth = 0;

  i = converc_json_skip_space (data, len, i);
  if (i >= len)
    return len;

  if (data[i] == '"')
    return converc_json_skip_string (data, len, i);

  if (data[i] != '{' && data[i] != '[')
    {
      /* A number or a literal: up to the next delimiter. */
      while (i < len && !converc_json_is_space (data[i]) &&
             data[i] != ',' && data[i] != '}' && data[i] != ']' && data[i] != ':')
        i++;
      return i;
    }

  /* A container: count brackets, strings skipped whole (they may hold
   * brackets). No recursion, so no depth is too deep. */
  while (i < len)
    {
      char c = data[i];

      if (c == '"')
        {
          i = converc_json_skip_string (data, len, i);
          continue;
        }
      if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        return i + 1;
      i++;
    }

  return len;
}

static gboolean
key_equals (const char *data,
            gsize       start,
            gsize       end,
            const char *key)
{
  gsize key_len = strlen (key);
  g_autofree char *decoded = NULL;

  if (memchr (data + start, '\\', end - start) == NULL)
    return end - start == key_len && memcmp (data + start, key, key_len) == 0;

  /* An escaped key ("d\u0061ta") means the same as the plain one. */
  decoded = converc_json_decode_string (data, start, end);
  return decoded != NULL && strcmp (decoded, key) == 0;
}

gboolean
converc_json_member_range (const char *data,
                           gsize       len,
                           gsize       start,
                           const char *key,
                           gsize      *value_start,
                           gsize      *value_end)
{
  gsize i;

  g_return_val_if_fail (key != NULL, FALSE);

  if (start >= len || data[start] != '{')
    return FALSE;

  i = start + 1;
  while (TRUE)
    {
      gsize key_start, key_end, vstart, vend;

      i = converc_json_skip_space (data, len, i);
      if (i >= len || data[i] != '"')
        return FALSE;
      key_start = i + 1;
      i = converc_json_skip_string (data, len, i);
      if (i >= len)
        return FALSE;
      key_end = i - 1;

      i = converc_json_skip_space (data, len, i);
      if (i >= len || data[i] != ':')
        return FALSE;
      vstart = converc_json_skip_space (data, len, i + 1);
      vend = converc_json_skip_value (data, len, vstart);
      if (vend > len || vstart >= vend)
        return FALSE;

      if (key_equals (data, key_start, key_end, key))
        {
          *value_start = vstart;
          *value_end = vend;
          return TRUE;
        }

      i = converc_json_skip_space (data, len, vend);
      if (i >= len || data[i] != ',')
        return FALSE;
      i++;
    }
}

void
converc_json_tokens_init (ConvercJsonTokens *tokens,
                          const char        *data,
                          gsize              len)
{
  *tokens = (ConvercJsonTokens) { data, len, 0 };
}

gboolean
converc_json_tokens_next (ConvercJsonTokens *tokens)
{
  const char *data = tokens->data;
  gsize len = tokens->len;
  gsize i = tokens->pos;

  while (i < len && data[i] != '"' && data[i] != '-' && !g_ascii_isdigit (data[i]))
    i++;

  if (i >= len)
    {
      tokens->pos = len;
      return FALSE;
    }

  if (data[i] == '"')
    {
      gsize end = converc_json_string_end (data, len, i + 1);
      gsize after = MIN (end + 1, len);

      while (after < len && converc_json_is_space (data[after]))
        after++;

      tokens->kind = after < len && data[after] == ':'
                     ? CONVERC_JSON_TOKEN_KEY
                     : CONVERC_JSON_TOKEN_STRING;
      tokens->start = i + 1;
      tokens->end = end;
      tokens->pos = MIN (end + 1, len);
    }
  else
    {
      gsize end = i + 1;

      while (end < len && is_number_char (data[end]))
        end++;

      tokens->kind = CONVERC_JSON_TOKEN_NUMBER;
      tokens->start = i;
      tokens->end = end;
      tokens->pos = end;
    }

  return TRUE;
}

gboolean
converc_json_is_plain_text (const char *text,
                            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) text[i] >= 0x80 || text[i] == '\\')
        return FALSE;
    }

  return TRUE;
}

/* Reads the 4 hex digits of a \u escape at data[i..i+4), before @end. */
static gboolean
read_hex4 (const char *data,
           gsize       i,
           gsize       end,
           gunichar   *out)
{
  gunichar value = 0;

  if (i > end || end - i < 4)
    return FALSE;

  for (gsize k = i; k < i + 4; k++)
    {
      int digit = g_ascii_xdigit_value (data[k]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }

  *out = value;
  return TRUE;
}

/* Decoded as json-glib decodes valid JSON. A \u0000 ends the text, as the
 * C strings of json-glib end there too; a lone surrogate becomes U+FFFD;
 * other malformed escapes (not in text that parsed) are kept as they are. */
char *
converc_json_decode_string (const char *data,
                            gsize       start,
                            gsize       end)
{
  GString *out = g_string_sized_new (end - start);

  for (gsize i = start; i < end; i++)
    {
      gunichar c;

      if (data[i] != '\\')
        {
          g_string_append_c (out, data[i]);
          continue;
        }

      if (++i >= end)
        break;

      switch (data[i])
        {
        case 'b':
          g_string_append_c (out, '\b');
          break;
        case 'f':
          g_string_append_c (out, '\f');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'u':
          if (!read_hex4 (data, i + 1, end, &c))
            {
              g_string_append (out, "\\u");
              break;
            }
          i += 4;

          if (c >= 0xD800 && c <= 0xDBFF)
            {
              gunichar low;

              if (i + 2 < end && data[i + 1] == '\\' && data[i + 2] == 'u' &&
                  read_hex4 (data, i + 3, end, &low) && low >= 0xDC00 && low <= 0xDFFF)
                {
                  c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                  i += 6;
                }
              else
                c = 0xFFFD;
            }
          else if (c >= 0xDC00 && c <= 0xDFFF)
            c = 0xFFFD;

          if (c == 0)
            return g_string_free (out, FALSE);
          g_string_append_unichar (out, c);
          break;
        default:
          /* \" \\ \/ */
          g_string_append_c (out, data[i]);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Re-indents valid JSON token by token, so numbers and string escapes keep
 * their exact spelling (a round trip through a tree would not). */
char *
converc_json_pretty_print (const char *data,
                           gsize       len)
{
  return converc_json_pretty_print_prefix (data, len, G_MAXSIZE, NULL);
}

/* Re-indents the start of @data: stops once @max bytes are written, within
 * a long string if need be (at a character boundary). Costs O(@max) however
 * long @data is, for a preview of a large event. */
char *
converc_json_pretty_print_prefix (const char *data,
                                  gsize       len,
                                  gsize       max,
                                  gboolean   *complete)
{
  GString *out = g_string_sized_new (MIN (len + len / 2, max) + 64);
  int depth = 0;
  gsize i;

  for (i = 0; i < len && out->len < max; i++)
    {
      char c = data[i];

      switch (c)
        {
        case '"':
          {
            gsize after = converc_json_skip_string (data, len, i);

            if (after - i > max - out->len)
              {
                /* A long string: its start only, whole characters. */
                after = i + (max - out->len);
                while (after > i + 1 && ((guchar)data[after] & 0xC0) == 0x80)
                  after--;
              }
            g_string_append_len (out, data + i, after - i);
            i = after - 1;
          }
          break;

        case '{':
        case '[':
          {
            gsize j = i + 1;

            while (j < len && g_ascii_isspace (data[j]))
              j++;
            if (j < len && (data[j] == '}' || data[j] == ']'))
              {
                g_string_append_c (out, c);
                g_string_append_c (out, data[j]);
                i = j;
                break;
              }
            depth++;
            g_string_append_c (out, c);
            g_string_append_c (out, '\n');
            for (int k = 0; k < depth; k++)
              g_string_append (out, "  ");
          }
          break;

        case '}':
        case ']':
          depth = MAX (0, depth - 1);
          g_string_append_c (out, '\n');
          for (int k = 0; k < depth; k++)
            g_string_append (out, "  ");
          g_string_append_c (out, c);
          break;

        case ',':
          g_string_append (out, ",\n");
          for (int k = 0; k < depth; k++)
            g_string_append (out, "  ");
          break;

        case ':':
          g_string_append (out, ": ");
          break;

        case ' ':
        case '\t':
        case '\n':
        case '\r':
          break;

        default:
          g_string_append_c (out, c);
          break;
        }
    }

  if (complete != NULL)
    *complete = i >= len;
  if (i >= len)
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
