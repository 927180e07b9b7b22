/* converc-http-message.c
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

#define G_LOG_DOMAIN "converc-http-message"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "converc-http-message.h"

#define MAX_HEAD_LEN (256 * 1024)

struct _ConvercHttpMessage
{
  GObject            parent_instance;

  char              *method;
  char              *path;
  GPtrArray         *names;   /* lowercase, parallel to values */
  GPtrArray         *values;
  GBytes            *body;
  ConvercLineEnding  line_ending;
  guint              truncated : 1;
};

G_DEFINE_FINAL_TYPE (ConvercHttpMessage, converc_http_message, G_TYPE_OBJECT)

G_DEFINE_QUARK (converc-http-message-error-quark, converc_http_message_error)

/* Finds the next line from *@pos; returns FALSE at the end of the data. */
static gboolean
next_line (const guint8      *data,
           gsize              length,
           gsize             *pos,
           const char       **line,
           gsize             *line_len,
           ConvercLineEnding *ending)
{
  gsize start = *pos;
  gsize i = start;

  if (start >= length)
    return FALSE;

  while (i < length && data[i] != '\n' && data[i] != '\r')
    i++;

  *line = (const char *) data + start;
  *line_len = i - start;

  if (i >= length)
    {
      *ending = CONVERC_LINE_ENDING_NONE;
      *pos = length;
    }
  else if (data[i] == '\r' && i + 1 < length && data[i + 1] == '\n')
    {
      *ending = CONVERC_LINE_ENDING_CRLF;
      *pos = i + 2;
    }
  else
    {
      *ending = data[i] == '\n' ? CONVERC_LINE_ENDING_LF : CONVERC_LINE_ENDING_CR;
      *pos = i + 1;
    }

  return TRUE;
}

static void
note_ending (ConvercHttpMessage *self,
             ConvercLineEnding   ending)
{
  if (ending == CONVERC_LINE_ENDING_NONE)
    return;
  if (self->line_ending == CONVERC_LINE_ENDING_NONE)
    self->line_ending = ending;
  else if (self->line_ending != ending)
    self->line_ending = CONVERC_LINE_ENDING_MIXED;
}

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t')
      return FALSE;
  return TRUE;
}

static gboolean
is_method (const char *word)
{
  if (*word == '\0')
    return FALSE;
  for (; *word; word++)
    if (!g_ascii_isupper (*word) && *word != '-')
      return FALSE;
  return TRUE;
}

/* "POST /hook HTTP/1.1" (the version may be missing) */
static gboolean
parse_request_line (ConvercHttpMessage *self,
                    const char         *line)
{
  g_auto(GStrv) words = g_strsplit_set (line, " \t", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);

  if (kept->len < 2 || kept->len > 3 || !is_method (kept->pdata[0]))
    return FALSE;
  if (kept->len == 3 && !g_str_has_prefix (kept->pdata[2], "HTTP/"))
    return FALSE;

  self->method = g_strdup (kept->pdata[0]);
  self->path = g_strdup (kept->pdata[1]);

  return TRUE;
}

static gboolean
add_header (ConvercHttpMessage *self,
            const char         *line)
{
  const char *colon = strchr (line, ':');
  g_autofree char *name = NULL;

  if (colon == NULL || colon == line)
    return FALSE;

  name = g_ascii_strdown (line, colon - line);
  g_strstrip (name);
  if (*name == '\0' || strpbrk (name, " \t") != NULL)
    return FALSE;

  g_ptr_array_add (self->names, g_steal_pointer (&name));
  g_ptr_array_add (self->values, g_string_new (colon + 1));

  return TRUE;
}

static void
converc_http_message_finalize (GObject *object)
{
  ConvercHttpMessage *self = (ConvercHttpMessage *) object;

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_pointer (&self->body, g_bytes_unref);

  G_OBJECT_CLASS (converc_http_message_parent_class)->finalize (object);
}

static void
converc_http_message_class_init (ConvercHttpMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = converc_http_message_finalize;
}

static void
free_value (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
converc_http_message_init (ConvercHttpMessage *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func (free_value);
}

/**
 * converc_http_message_parse:
 * @data: (array length=length): the pasted request
 * @length: its number of bytes
 * @error: a #GError in %CONVERC_HTTP_MESSAGE_ERROR
 *
 * Returns: (transfer full): the request, or %NULL
 */
ConvercHttpMessage *
converc_http_message_parse (const guint8  *data,
                           gsize          length,
                           GError       **error)
{
  g_autoptr(ConvercHttpMessage) self = NULL;
  ConvercLineEnding ending = CONVERC_LINE_ENDING_NONE;
  const char *line = NULL;
  const char *length_text;
  gsize line_len = 0;
  gsize pos = 0;
  gsize body_start;
  gsize body_len;
  guint line_number = 0;
  gboolean first = TRUE;
  gboolean ended = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = g_object_new (CONVERC_TYPE_HTTP_MESSAGE, NULL);

  /* Blank lines before the request are the paste's, not the request's */
  for (;;)
    {
      gsize before = pos;

      if (!next_line (data, length, &pos, &line, &line_len, &ending))
        {
          g_set_error_literal (error, CONVERC_HTTP_MESSAGE_ERROR,
                               CONVERC_HTTP_MESSAGE_ERROR_EMPTY,
                               _("The request is empty."));
          return NULL;
        }
      if (!is_blank (line, line_len))
        {
          pos = before;
          break;
        }
    }

  while (next_line (data, length, &pos, &line, &line_len, &ending))
    {
      g_autofree char *text = NULL;

      line_number++;
      note_ending (self, ending);

      if (pos > MAX_HEAD_LEN && !ended)
        {
          g_set_error_literal (error, CONVERC_HTTP_MESSAGE_ERROR,
                               CONVERC_HTTP_MESSAGE_ERROR_MALFORMED,
                               _("The request’s headers are too long."));
          return NULL;
        }

      if (is_blank (line, line_len))
        {
          ended = TRUE;
          break;
        }

      if (memchr (line, '\0', line_len) != NULL)
        {
          g_set_error (error, CONVERC_HTTP_MESSAGE_ERROR, CONVERC_HTTP_MESSAGE_ERROR_MALFORMED,
                       _("Line %u of the request holds a NUL byte."), line_number);
          return NULL;
        }

      text = g_utf8_make_valid (line, line_len);

      if (first)
        {
          first = FALSE;
          if (parse_request_line (self, text))
            continue;
        }

      /* A folded header goes on with white space (obsolete, but pasted) */
      if ((text[0] == ' ' || text[0] == '\t') && self->values->len > 0)
        {
          GString *value = g_ptr_array_index (self->values, self->values->len - 1);

          g_string_append_c (value, ' ');
          g_string_append (value, g_strchug (text));
          continue;
        }

      if (!add_header (self, text))
        {
          if (line_number == 1)
            g_set_error (error, CONVERC_HTTP_MESSAGE_ERROR, CONVERC_HTTP_MESSAGE_ERROR_MALFORMED,
                         _("Line %u of the request is neither a request line "
                           "(“POST /path HTTP/1.1”) nor a header (“Name: value”)."),
                         line_number);
          else
            g_set_error (error, CONVERC_HTTP_MESSAGE_ERROR, CONVERC_HTTP_MESSAGE_ERROR_MALFORMED,
                         _("Line %u of the request is not a header (“Name: value”), and no "
                           "empty line came before it."),
                         line_number);
          return NULL;
        }
    }

  for (guint i = 0; i < self->values->len; i++)
    g_strstrip (((GString *) g_ptr_array_index (self->values, i))->str);
  for (guint i = 0; i < self->values->len; i++)
    {
      GString *value = g_ptr_array_index (self->values, i);

      g_string_set_size (value, strlen (value->str));
    }

  body_start = ended ? pos : length;
  body_len = length - body_start;

  length_text = converc_http_message_get_header (self, "Content-Length");
  if (length_text != NULL && g_ascii_isdigit (length_text[0]))
    {
      char *end = NULL;
      guint64 announced = g_ascii_strtoull (length_text, &end, 10);

      if (end != NULL && *end == '\0')
        {
          if (announced < body_len)
            body_len = announced;
          else if (announced > body_len)
            self->truncated = TRUE;
        }
    }

  self->body = g_bytes_new (data + body_start, body_len);

  return g_steal_pointer (&self);
}

const char *
converc_http_message_get_method (ConvercHttpMessage *self)
{
  g_return_val_if_fail (CONVERC_IS_HTTP_MESSAGE (self), NULL);

  return self->method;
}

const char *
converc_http_message_get_path (ConvercHttpMessage *self)
{
  g_return_val_if_fail (CONVERC_IS_HTTP_MESSAGE (self), NULL);

  return self->path;
}

const char *
converc_http_message_get_header (ConvercHttpMessage *self,
                                 const char         *name)
{
  g_return_val_if_fail (CONVERC_IS_HTTP_MESSAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->names, i), name) == 0)
      return ((GString *) g_ptr_array_index (self->values, i))->str;

  return NULL;
}

guint
converc_http_message_get_n_headers (ConvercHttpMessage *self)
{
  g_return_val_if_fail (CONVERC_IS_HTTP_MESSAGE (self), 0);

  return self->names->len;
}

GBytes *
converc_http_message_get_body (ConvercHttpMessage *self)
{
  g_return_val_if_fail (CONVERC_IS_HTTP_MESSAGE (self), NULL);

  return self->body;
}

ConvercLineEnding
converc_http_message_get_line_ending (ConvercHttpMessage *self)
{
  g_return_val_if_fail (CONVERC_IS_HTTP_MESSAGE (self), CONVERC_LINE_ENDING_NONE);

  return self->line_ending;
}

gboolean
converc_http_message_get_truncated (ConvercHttpMessage *self)
{
  g_return_val_if_fail (CONVERC_IS_HTTP_MESSAGE (self), FALSE);

  return self->truncated;
}
