/* converc-http-message.h
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

/* The one concern of this file: reading a raw HTTP request that someone pasted. */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONVERC_HTTP_MESSAGE_ERROR (converc_http_message_error_quark ())

typedef enum
{
  CONVERC_HTTP_MESSAGE_ERROR_EMPTY,     /* nothing but white space */
  CONVERC_HTTP_MESSAGE_ERROR_MALFORMED, /* the head is not HTTP */
} ConvercHttpMessageError;

/* How the lines of the head end. Anything but CRLF means the request went
 * through an editor or a clipboard, which may have changed the body's line
 * endings too. */
typedef enum
{
  CONVERC_LINE_ENDING_NONE,  /* a single line */
  CONVERC_LINE_ENDING_CRLF,
  CONVERC_LINE_ENDING_LF,
  CONVERC_LINE_ENDING_CR,
  CONVERC_LINE_ENDING_MIXED,
} ConvercLineEnding;

#define CONVERC_TYPE_HTTP_MESSAGE (converc_http_message_get_type ())

G_DECLARE_FINAL_TYPE (ConvercHttpMessage, converc_http_message, CONVERC, HTTP_MESSAGE, GObject)

GQuark              converc_http_message_error_quark      (void);
/* Reads "METHOD PATH HTTP/x", the headers (names in any case, folded lines
 * joined), an empty line, then the body, with lines ended by CRLF, LF, CR or
 * a mix. The request line may be missing (a paste that starts at the
 * headers). Content-Length, when present and valid, bounds the body. */
ConvercHttpMessage *converc_http_message_parse            (const guint8        *data,
                                                           gsize                length,
                                                           GError             **error);
/* NULL when the paste had no request line */
const char         *converc_http_message_get_method       (ConvercHttpMessage  *self);
const char         *converc_http_message_get_path         (ConvercHttpMessage  *self);
/* @name in any case; the first header of that name; NULL if absent */
const char         *converc_http_message_get_header       (ConvercHttpMessage  *self,
                                                           const char          *name);
guint               converc_http_message_get_n_headers    (ConvercHttpMessage  *self);
/* The exact body bytes (empty, never NULL) */
GBytes             *converc_http_message_get_body         (ConvercHttpMessage  *self);
ConvercLineEnding   converc_http_message_get_line_ending  (ConvercHttpMessage  *self);
/* TRUE when Content-Length announced more bytes than the paste holds */
gboolean            converc_http_message_get_truncated    (ConvercHttpMessage  *self);

G_END_DECLS
