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

#include "converc-atomic-file.h"

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

static gboolean
write_events_cb (GOutputStream  *stream,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  gpointer *args = user_data;

  return converc_events_write_json_lines (args[0], stream, args[1], cancellable, error);
}

gboolean
converc_events_export_to_file (GPtrArray      *events,
                               GFile          *file,
                               guint          *n_written,
                               GCancellable   *cancellable,
                               GError        **error)
{
  gpointer args[2] = { events, n_written };

  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;

  /* A temporary file renamed over @file once complete and synced: a full
   * disk or a cancel leaves any earlier file as it was. */
  if (!converc_atomic_file_replace_with (file, write_events_cb, args, cancellable, error))
    {
      if (n_written != NULL)
        *n_written = 0;
      return FALSE;
    }

  return TRUE;
}

/* The export of a journal's events matching a search, in a worker thread. */
typedef struct
{
  ConvercSearchQuery *search;
  GFile              *file;
  ConvercJournal     *journal;
  guint               n_written;
} JournalExport;

static void
journal_export_free (JournalExport *export)
{
  g_clear_pointer (&export->search, converc_search_query_free);
  g_clear_object (&export->file);
  g_free (export);
}

#define EXPORT_BATCH 500

/* Newest first, as the Events page lists them, a batch of rows at a time
 * (the bodies are read one by one): never every event in memory. Events
 * stored meanwhile shift the batches; an event is written once. */
static gboolean
write_journal_cb (GOutputStream  *stream,
                  gpointer        user_data,
                  GCancellable   *cancellable,
                  GError        **error)
{
  JournalExport *export = user_data;
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, NULL);
  guint offset = 0;

  export->n_written = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) rows = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      rows = converc_journal_query (export->journal, export->search, 0, offset,
                                    EXPORT_BATCH, error);
      if (rows == NULL)
        return FALSE;

      for (guint i = 0; i < rows->len; i++)
        {
          ConvercJournalRow *row = g_ptr_array_index (rows, i);
          g_autoptr(GBytes) raw = NULL;
          g_autoptr(GError) lookup_error = NULL;
          const char *data;
          gsize len = 0;

          if (g_hash_table_contains (written, &row->key))
            continue;
          g_hash_table_add (written, g_memdup2 (&row->key, sizeof row->key));

          raw = converc_journal_lookup_by_key (export->journal, row->key, &lookup_error);
          if (raw == NULL)
            {
              /* Pruned or cleared since the batch was read: not shown any more. */
              if (g_error_matches (lookup_error, CONVERC_JOURNAL_ERROR,
                                   CONVERC_JOURNAL_ERROR_NOT_FOUND))
                continue;
              g_propagate_error (error, g_steal_pointer (&lookup_error));
              return FALSE;
            }

          data = g_bytes_get_data (raw, &len);
          if (data == NULL || len == 0)
            continue;
          if (!write_one_line (stream, data, len, cancellable, error))
            return FALSE;
          export->n_written++;
        }

      if (rows->len < EXPORT_BATCH)
        break;
      offset += rows->len;
    }

  return TRUE;
}

static void
journal_export_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  JournalExport *export = task_data;
  g_autoptr(GError) error = NULL;

  export->journal = source_object;
  if (converc_atomic_file_replace_with (export->file, write_journal_cb, export,
                                        cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * converc_journal_export_async:
 * @search: (nullable): the search (type and words) the events match;
 *   %NULL: every stored event
 *
 * Writes the events of @self matching @search, newest first, to @file as
 * JSON Lines (see converc_events_write_json_lines()), in a worker thread,
 * replacing @file whole or not at all.
 */
void
converc_journal_export_async (ConvercJournal            *self,
                              const ConvercSearchQuery  *search,
                              GFile                     *file,
                              GCancellable              *cancellable,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  JournalExport *export;

  g_return_if_fail (CONVERC_IS_JOURNAL (self));
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (JournalExport, 1);
  export->search = search != NULL ? converc_search_query_copy (search) : NULL;
  export->file = g_object_ref (file);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_journal_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) journal_export_free);
  g_task_run_in_thread (task, journal_export_thread);
}

/**
 * converc_journal_export_finish:
 * @n_written: (out) (optional): how many events the file holds
 *
 * Returns: %TRUE when @file holds the export
 */
gboolean
converc_journal_export_finish (ConvercJournal  *self,
                               GAsyncResult    *result,
                               guint           *n_written,
                               GError         **error)
{
  JournalExport *export;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (n_written != NULL)
    *n_written = 0;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  export = g_task_get_task_data (G_TASK (result));
  if (n_written != NULL)
    *n_written = export->n_written;
  return TRUE;
}
