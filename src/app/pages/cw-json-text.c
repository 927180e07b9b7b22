/* cw-json-text.c
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

/* The one concern of this file: the text of the event's JSON view — the
 * event's pretty JSON, the capped preview, and wrapped lines that keep
 * their indentation. */

#define G_LOG_DOMAIN "cw-json-text"

#include "config.h"

#include <string.h>

#include "converc.h"
#include "cw-json-text.h"

/* The JSON view first shows at most this much, each line capped. */
#define JSON_PREVIEW_MAX   (16 * 1024)
#define JSON_PREVIEW_LINES 100
#define JSON_LINE_MAX      300
/* Wrapped parts of a line start this many characters right of its text. */
#define HANG               2
/* Deeper indentation than this hangs no further. */
#define INDENT_MAX         40
/* What the preview of a large event is made from: the start of its pretty
 * JSON, enough for cw_json_text_preview() (16 KB and 100 lines, each cut at
 * 300 characters); the whole is made only when asked for. */
#define JSON_PREFIX_MAX    (32 * 1024)

/* Appends @json[@start, @end) to @out with every line capped at
 * @line_max characters. Returns whether anything was cut. */
gboolean
cw_json_text_append_capped_lines (GString    *out,
                     const char *start,
                     const char *end,
                     gsize       line_max)
{
  gboolean cut = FALSE;

  while (start < end)
    {
      const char *nl = memchr (start, '\n', end - start);
      const char *line_end = nl != NULL ? nl : end;
      const char *p = start;
      gsize n = 0;

      while (p < line_end && n < line_max)
        {
          p = g_utf8_next_char (p);
          n++;
        }
      if (p > line_end)
        p = line_end;

      g_string_append_len (out, start, p - start);
      if (p < line_end)
        {
          g_string_append (out, CONVERC_DISPLAY_ELLIPSIS);
          cut = TRUE;
        }
      if (nl != NULL)
        g_string_append_c (out, '\n');
      start = nl != NULL ? nl + 1 : end;
    }

  return cut;
}

/* The first part of @json for the view: whole lines up to a size and a
 * count, each capped. Returns NULL when @json is small enough to show. */
char *
cw_json_text_preview (const char *json,
              gsize       len)
{
  GString *out;
  const char *end = json;
  guint lines = 0;
  gboolean cut;

  while (end < json + len && (gsize)(end - json) < JSON_PREVIEW_MAX && lines < JSON_PREVIEW_LINES)
    {
      const char *nl = memchr (end, '\n', json + len - end);

      end = nl != NULL ? nl + 1 : json + len;
      lines++;
    }

  out = g_string_sized_new (end - json + 64);
  cut = cw_json_text_append_capped_lines (out, json, end, JSON_LINE_MAX);

  if (!cut && end == json + len)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/**
 * cw_json_text_indent_wrapped:
 * @view: a text view that wraps
 *
 * Makes the wrapped part of every line of @view start under the line's own
 * text, a little further in, instead of at the left edge, so that JSON
 * keeps its shape. For a few hundred lines (the preview): one tag per
 * indentation depth.
 */
void
cw_json_text_indent_wrapped (GtkTextView *view)
{
  PangoFontMetrics *metrics;
  GtkTextBuffer *buffer;
  GtkTextTagTable *table;
  GtkTextIter line;
  int char_width;
  int margin;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (view)),
                                       NULL, NULL);
  char_width = MAX (1, pango_font_metrics_get_approximate_digit_width (metrics) / PANGO_SCALE);
  pango_font_metrics_unref (metrics);
  margin = gtk_text_view_get_left_margin (view);

  buffer = gtk_text_view_get_buffer (view);
  table = gtk_text_buffer_get_tag_table (buffer);
  gtk_text_buffer_get_start_iter (buffer, &line);

  do
    {
      g_autofree char *name = NULL;
      GtkTextTag *tag;
      GtkTextIter end = line;
      int spaces = 0;
      int hang;

      while (gtk_text_iter_get_char (&end) == ' ' && spaces < INDENT_MAX)
        {
          gtk_text_iter_forward_char (&end);
          spaces++;
        }

      hang = (spaces + HANG) * char_width;
      name = g_strdup_printf ("cw-hang-%d-%d", spaces, char_width);
      tag = gtk_text_tag_table_lookup (table, name);
      if (tag == NULL)
        tag = gtk_text_buffer_create_tag (buffer, name,
                                          "left-margin", margin + hang,
                                          "indent", -hang,
                                          NULL);

      end = line;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      gtk_text_buffer_apply_tag (buffer, tag, &line, &end);
    }
  while (gtk_text_iter_forward_line (&line));
}

/**
 * cw_json_text_dup_event:
 * @event: (nullable): an event
 *
 * Returns: (transfer full) (nullable): the whole pretty JSON of @event, or
 *   its bytes as they came (valid UTF-8 only) when it cannot be indented
 */
char *
cw_json_text_dup_event (ConvercEvent *event)
{
  char *json;

  if (event == NULL)
    return NULL;

  json = converc_event_dup_pretty_json (event);
  if (json == NULL)
    {
      GBytes *raw = converc_event_get_raw (event);
      gsize len = 0;
      const char *data = raw != NULL ? g_bytes_get_data (raw, &len) : NULL;

      /* Not JSON we can indent: show the bytes as they came (valid UTF-8 only). */
      json = data != NULL ? g_utf8_make_valid (data, len) : g_strdup ("");
    }

  return json;
}

/**
 * cw_json_text_dup_event_preview:
 * @event: an event
 * @cut: (out): whether what is returned is only a part of the JSON
 *
 * What the JSON view shows first: the whole pretty JSON of a small event,
 * a capped preview of a large one, made at a cost bounded however large
 * @event is.
 *
 * Returns: (transfer full): the text
 */
char *
cw_json_text_dup_event_preview (ConvercEvent *event,
                                gboolean     *cut)
{
  g_autofree char *start = NULL;
  char *preview;
  gboolean complete = FALSE;
  GBytes *raw;
  const char *data;
  gsize len = 0;

  g_return_val_if_fail (CONVERC_IS_EVENT (event), NULL);
  g_return_val_if_fail (cut != NULL, NULL);

  raw = converc_event_get_raw (event);
  data = raw != NULL ? g_bytes_get_data (raw, &len) : NULL;
  if (data == NULL || len <= JSON_PREFIX_MAX / 2)
    start = cw_json_text_dup_event (event);
  else
    {
      start = converc_event_dup_pretty_json_prefix (event, JSON_PREFIX_MAX, &complete);
      /* Not JSON we can indent: the bytes as they came, their start only. */
      if (!g_utf8_validate (start, -1, NULL))
        {
          g_free (start);
          start = g_utf8_make_valid (data, MIN (len, JSON_PREFIX_MAX));
        }
    }

  preview = cw_json_text_preview (start, strlen (start));
  *cut = preview != NULL || (data != NULL && len > JSON_PREFIX_MAX / 2 && !complete);
  if (preview == NULL)
    preview = g_steal_pointer (&start);

  return preview;
}
