/* converc-journal-async.c
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

/* The one concern of this file: a search's page and count asked of a
 * worker thread (converc_journal_query_async()). */

#define G_LOG_DOMAIN "converc-journal"

#include "config.h"

#include "converc-journal-private.h"

typedef struct
{
  ConvercSearchQuery *search;
  gint64              since_usec;
  guint               offset;
  guint               limit;
  gint64              count_at_most;
  gint64              n_matches;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_clear_pointer (&data->search, converc_search_query_free);
  g_free (data);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ConvercJournal *self = source_object;
  QueryData *data = task_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  rows = converc_journal_query_page (self, data->search, data->since_usec, data->offset,
                                     data->limit, data->count_at_most, &data->n_matches, &error);
  if (rows == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
converc_journal_query_async (ConvercJournal            *self,
                             const ConvercSearchQuery  *search,
                             gint64                     since_usec,
                             guint                      offset,
                             guint                      limit,
                             gint64                     count_at_most,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryData *data;

  g_return_if_fail (CONVERC_IS_JOURNAL (self));

  data = g_new0 (QueryData, 1);
  data->search = search != NULL ? converc_search_query_copy (search) : NULL;
  data->since_usec = since_usec;
  data->offset = offset;
  data->limit = limit;
  data->count_at_most = count_at_most;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_journal_query_async);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  g_task_run_in_thread (task, query_thread);
}

GPtrArray *
converc_journal_query_finish (ConvercJournal  *self,
                              GAsyncResult    *result,
                              gint64          *n_matches,
                              GError         **error)
{
  GPtrArray *rows;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  rows = g_task_propagate_pointer (G_TASK (result), error);
  if (rows != NULL && n_matches != NULL)
    *n_matches = ((QueryData *) g_task_get_task_data (G_TASK (result)))->n_matches;

  return rows;
}
