/* cw-journal-model-read.c
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

/* The one concern of this file: what the journal list model's worker
 * threads read — a query's count and first page, a later page, or the
 * exact count — and the placeholders standing for events not read yet. */

#define G_LOG_DOMAIN "cw-journal-model"

#include "config.h"

#include "cw-journal-model.h"
#include "cw-journal-model-private.h"

G_DEFINE_QUARK (cw-journal-model-placeholder, cw_journal_placeholder)

ConvercEvent *
cw_journal_placeholder_new (void)
{
  ConvercEvent *event = g_object_new (CONVERC_TYPE_EVENT, NULL);

  g_object_set_qdata (G_OBJECT (event), cw_journal_placeholder_quark (), GINT_TO_POINTER (TRUE));
  return event;
}

/* The events of @rows, their bodies read by key and parsed (on a worker
 * thread). An event that cannot be read any more (pruned meanwhile) is a
 * placeholder. */
static GPtrArray *
read_events (ConvercJournal *journal,
             GPtrArray      *rows)
{
  GPtrArray *events = g_ptr_array_new_full (rows->len, (GDestroyNotify) g_object_unref);
  g_autoptr(GPtrArray) bodies = converc_journal_lookup_rows (journal, rows, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      GBytes *raw = bodies != NULL ? g_ptr_array_index (bodies, i) : NULL;
      ConvercEvent *event = raw != NULL ? converc_parse_event (raw, NULL) : NULL;

      g_ptr_array_add (events, event != NULL ? event : cw_journal_placeholder_new ());
    }

  return events;
}

void
cw_journal_read_free (CwJournalRead *read)
{
  g_clear_object (&read->journal);
  g_clear_pointer (&read->query, converc_search_query_free);
  g_clear_pointer (&read->events, g_ptr_array_unref);
  g_free (read);
}

void
cw_journal_read_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  CwJournalRead *read = task_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (read->read_delay_ms > 0)
    g_usleep (read->read_delay_ms * 1000);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (read->exact)
    {
      /* Stopped by the next keystroke, which must not wait for it. */
      read->n_matches = converc_journal_count_cancellable (read->journal, read->query, 0,
                                                           cancellable, &error);
      if (read->n_matches < 0)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  if (read->count)
    {
      g_autoptr(GPtrArray) last = NULL;
      gboolean everything = read->query == NULL ||
                            (read->query->event_type == NULL && read->query->words[0] == NULL);

      read->n_stored = read->known_stored >= 0
                       ? read->known_stored
                       : converc_journal_count (read->journal, NULL, 0, &error);
      read->oldest = read->known_oldest;
      if (read->n_stored >= 0 && everything)
        read->n_matches = read->n_stored;
      else if (read->n_stored >= 0 && read->order == CONVERC_JOURNAL_ORDER_NEWEST_FIRST)
        {
          /* A search keystroke: its first page and count in one pass. */
          rows = converc_journal_query_page (read->journal, read->query, 0, 0,
                                             CW_JOURNAL_MODEL_PAGE, CW_JOURNAL_MODEL_FIRST_COUNT,
                                             &read->n_matches, &error);
          if (rows == NULL)
            read->n_matches = -1;
        }
      else if (read->n_stored >= 0)
        read->n_matches = converc_journal_count_at_most (read->journal, read->query, 0,
                                                         CW_JOURNAL_MODEL_FIRST_COUNT, &error);
      if (read->n_stored > 0 && read->n_matches >= 0 && read->known_stored < 0)
        last = converc_journal_query_ordered (read->journal, NULL, 0,
                                              CONVERC_JOURNAL_ORDER_OLDEST_FIRST, 0, 1,
                                              &error);
      if (read->n_stored < 0 || read->n_matches < 0 ||
          (read->n_stored > 0 && read->known_stored < 0 && last == NULL))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (last != NULL && last->len > 0)
        {
          ConvercJournalRow *row = g_ptr_array_index (last, 0);

          read->oldest = row->created_usec != G_MININT64 ? row->created_usec
                                                         : row->first_seen_usec;
        }
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  /* A page: stopped by the next keystroke, which must not wait for it */
  if (rows == NULL)
    rows = converc_journal_query_ordered_cancellable (read->journal, read->query, 0,
                                                      read->order,
                                                      read->page * CW_JOURNAL_MODEL_PAGE,
                                                      CW_JOURNAL_MODEL_PAGE, cancellable,
                                                      &error);
  if (rows == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  read->events = read_events (read->journal, rows);
  g_task_return_boolean (task, TRUE);
}
