/* converc-journal-export.c
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

/* The one concern of this file: writing events as JSON Lines, one event's
 * exact bytes a line (the export of the events shown). */

#define G_LOG_DOMAIN "converc-journal-export"

#include "config.h"

#include <string.h>

#include "converc-journal-export.h"

/* Writes @data with every CR or LF as a space. */
static gboolean
write_one_line (GOutputStream  *stream,
                const char     *data,
                gsize           len,
                GCancellable   *cancellable,
                GError        **error)
{
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    {
      if (i < len && data[i] != '\n' && data[i] != '\r')
        continue;

      if (i > start &&
          !g_output_stream_write_all (stream, data + start, i - start, NULL,
                                      cancellable, error))
        return FALSE;

      if (i < len &&
          !g_output_stream_write_all (stream, " ", 1, NULL, cancellable, error))
        return FALSE;

      start = i + 1;
    }

  return g_output_stream_write_all (stream, "\n", 1, NULL, cancellable, error);
}

gboolean
converc_events_write_json_lines (GPtrArray      *events,
                                 GOutputStream  *stream,
                                 guint          *n_written,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  guint written = 0;

  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;

  for (guint i = 0; i < events->len; i++)
    {
      ConvercEvent *event = g_ptr_array_index (events, i);
      GBytes *raw;
      gsize len = 0;
      const char *data;

      g_return_val_if_fail (CONVERC_IS_EVENT (event), FALSE);

      raw = converc_event_get_raw (event);
      data = raw != NULL ? g_bytes_get_data (raw, &len) : NULL;
      if (data == NULL || len == 0)
        continue;

      if (!write_one_line (stream, data, len, cancellable, error))
        return FALSE;

      written++;
      if (n_written != NULL)
        *n_written = written;
    }

  return TRUE;
}

gboolean
converc_events_export_to_file (GPtrArray      *events,
                               GFile          *file,
                               guint          *n_written,
                               GCancellable   *cancellable,
                               GError        **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) buffered = NULL;

  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, error);
  if (out == NULL)
    return FALSE;

  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 64 * 1024);

  if (!converc_events_write_json_lines (events, buffered, n_written, cancellable, error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closing a cancelled stream drops the temporary file: the earlier
       * file, if any, stays as it was. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (buffered, abandon, NULL);
      if (n_written != NULL)
        *n_written = 0;
      return FALSE;
    }

  return g_output_stream_close (buffered, cancellable, error);
}
