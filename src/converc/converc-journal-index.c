/* converc-journal-index.c
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

/* The one concern of this file: keeping the trigram index in step with the
 * events — filling it behind the ingest (the journal's indexer thread and
 * converc_journal_index_pending()), and taking events out (prune, clear). */

#define G_LOG_DOMAIN "converc-journal"

#include "config.h"

#include "converc-journal-private.h"

#include "converc-background-private.h"

#include <glib/gi18n.h>

void
converc_journal_lock (ConvercJournal *self)
{
  g_atomic_int_inc (&self->n_waiting);
  g_mutex_lock (&self->lock);
  g_atomic_int_dec_and_test (&self->n_waiting);
}

gint64
converc_journal_count_unindexed_locked (ConvercJournal  *self,
                                        GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    converc_journal_prepare (self, "SELECT count(*) FROM events_unindexed", error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      converc_journal_set_error (self, rc, _("Event history"), error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* One transaction: adds the oldest @max_events (0: all) unindexed events
 * to the trigram index and takes them off the list. Returns how many are
 * left, or -1 on error (then none was added). */
static gint64
index_batch_locked (ConvercJournal  *self,
                    guint            max_events,
                    GError         **error)
{
  g_autoptr(sqlite3_stmt) bound = NULL;
  g_autoptr(sqlite3_stmt) add = NULL;
  g_autoptr(sqlite3_stmt) done = NULL;
  gint64 last = G_MAXINT64;
  int rc;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (!converc_journal_exec (self, "BEGIN IMMEDIATE", error))
    return -1;

  bound = converc_journal_prepare (self,
                                   "SELECT key FROM events_unindexed ORDER BY key"
                                   " LIMIT 1 OFFSET ?", error);
  add = bound == NULL ? NULL :
    converc_journal_prepare (self,
                             "INSERT INTO events_text (rowid, folded)"
                             " SELECT f.key, f.folded FROM events_unindexed u"
                             " CROSS JOIN event_folded f ON f.key = u.key WHERE u.key <= ?", error);
  done = add == NULL ? NULL :
    converc_journal_prepare (self, "DELETE FROM events_unindexed WHERE key <= ?", error);
  if (done == NULL)
    {
      converc_journal_rollback (self);
      return -1;
    }

  /* The batch ends at the key of its last event (all when there are
   * fewer). */
  if (max_events > 0)
    {
      sqlite3_bind_int64 (bound, 1, (gint64) max_events - 1);
      rc = sqlite3_step (bound);
      if (rc == SQLITE_ROW)
        last = sqlite3_column_int64 (bound, 0);
      else if (rc != SQLITE_DONE)
        goto failed;
    }

  sqlite3_bind_int64 (add, 1, last);
  sqlite3_bind_int64 (done, 1, last);
  rc = sqlite3_step (add);
  if (rc == SQLITE_DONE)
    rc = sqlite3_step (done);
  if (rc != SQLITE_DONE)
    goto failed;

  g_clear_pointer (&bound, sqlite3_finalize);
  g_clear_pointer (&add, sqlite3_finalize);
  g_clear_pointer (&done, sqlite3_finalize);
  if (!converc_journal_exec (self, "COMMIT", error))
    {
      converc_journal_rollback (self);
      return -1;
    }

  return converc_journal_count_unindexed_locked (self, error);

failed:
  converc_journal_set_error (self, rc, _("Indexing events"), error);
  converc_journal_rollback (self);
  return -1;
}

gint64
converc_journal_index_pending (ConvercJournal  *self,
                               guint            max_events,
                               GError         **error)
{
  gint64 left;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  converc_journal_lock (self);
  left = index_batch_locked (self, max_events, error);
  g_mutex_unlock (&self->lock);

  return left;
}

/* SQLite's progress handler during a batch: non-zero stops it. */
static int
batch_stopped_cb (gpointer data)
{
  ConvercJournal *self = data;

  return g_atomic_int_get (&self->indexer_stopping);
}

/* Batches until nothing is left, the journal goes, or a batch fails (then
 * the events stay listed for the next ingest or open: a search finds them
 * all the same). */
static gpointer
indexer_main (gpointer data)
{
  ConvercJournal *self = data;

  converc_background_lower_priority ();

  g_mutex_lock (&self->lock);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gint64 left;

      /* Going: not another batch while the one who stops waits for the lock */
      while (!g_atomic_int_get (&self->indexer_stopping) && !self->index_wanted)
        g_cond_wait (&self->indexer_cond, &self->lock);
      if (g_atomic_int_get (&self->indexer_stopping))
        break;

      if (self->before_index_batch != NULL)
        self->before_index_batch (self);
      sqlite3_progress_handler (self->db, 1000, batch_stopped_cb, self);
      left = index_batch_locked (self, CONVERC_JOURNAL_INDEX_BATCH, &error);
      sqlite3_progress_handler (self->db, 0, NULL, NULL);
      if (left < 0 && !g_atomic_int_get (&self->indexer_stopping))
        g_debug ("The search index was not brought up to date: %s", error->message);
      /* The ingest's frames and the batch's: into the file, behind them */
      if (!g_atomic_int_get (&self->indexer_stopping))
        converc_journal_checkpoint_locked (self, left <= 0);
      if (left <= 0)
        self->index_wanted = FALSE;

      /* An ingest or search waiting goes first. */
      while (g_atomic_int_get (&self->n_waiting) > 0 && !g_atomic_int_get (&self->indexer_stopping))
        {
          g_mutex_unlock (&self->lock);
          g_usleep (1000);
          g_mutex_lock (&self->lock);
        }
    }
  g_mutex_unlock (&self->lock);

  return NULL;
}

void
converc_journal_want_index (ConvercJournal *self)
{
  g_assert (CONVERC_IS_JOURNAL (self));

  self->index_wanted = TRUE;
  if (self->indexer == NULL)
    self->indexer = g_thread_new ("journal-indexer", indexer_main, self);
  g_cond_signal (&self->indexer_cond);
}

void
converc_journal_stop_indexer (ConvercJournal *self)
{
  g_assert (CONVERC_IS_JOURNAL (self));

  if (self->indexer == NULL)
    return;

  /* Set before the lock is taken: a batch under way stops at once */
  g_atomic_int_set (&self->indexer_stopping, TRUE);
  g_mutex_lock (&self->lock);
  g_cond_signal (&self->indexer_cond);
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&self->indexer, g_thread_join);
}

gint64
converc_journal_prune (ConvercJournal  *self,
                       guint            days,
                       gint64           now_usec,
                       GError         **error)
{
  g_autoptr(sqlite3_stmt) del_bodies = NULL;
  g_autoptr(sqlite3_stmt) del_text = NULL;
  g_autoptr(sqlite3_stmt) del_folded = NULL;
  g_autoptr(sqlite3_stmt) del_unindexed = NULL;
  g_autoptr(sqlite3_stmt) del_events = NULL;
  g_autoptr(sqlite3_stmt) del_outcomes = NULL;
  gint64 cutoff = now_usec - (gint64) days * G_USEC_PER_SEC * 60 * 60 * 24;
  gint64 removed = -1;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), -1);

  converc_journal_lock (self);

  if (!converc_journal_exec (self, "BEGIN IMMEDIATE", error))
    goto out;

  del_bodies = converc_journal_prepare (self,
                                        "DELETE FROM event_bodies WHERE key IN"
                                        " (SELECT key FROM events WHERE sort_usec < ?1)", error);
  /* The index holds no text of its own (external content): it is told
   * which text goes, for the events it holds, before the text goes. */
  del_text = del_bodies == NULL ? NULL :
    converc_journal_prepare (self,
                             "INSERT INTO events_text (events_text, rowid, folded)"
                             " SELECT 'delete', t.key, t.folded FROM events e"
                             " CROSS JOIN event_folded t ON t.key = e.key"
                             " WHERE e.sort_usec < ?1"
                             " AND e.key NOT IN (SELECT key FROM events_unindexed)", error);
  del_folded = del_text == NULL ? NULL :
    converc_journal_prepare (self,
                             "DELETE FROM event_folded WHERE key IN"
                             " (SELECT key FROM events WHERE sort_usec < ?1)", error);
  del_unindexed = del_folded == NULL ? NULL :
    converc_journal_prepare (self,
                             "DELETE FROM events_unindexed WHERE key IN"
                             " (SELECT key FROM events WHERE sort_usec < ?1)", error);
  del_events = del_unindexed == NULL ? NULL :
    converc_journal_prepare (self, "DELETE FROM events WHERE sort_usec < ?1", error);
  del_outcomes = del_events == NULL ? NULL :
    converc_journal_prepare (self, "DELETE FROM outcomes WHERE time_usec < ?1", error);
  if (del_outcomes == NULL)
    {
      converc_journal_rollback (self);
      goto out;
    }

  sqlite3_bind_int64 (del_bodies, 1, cutoff);
  sqlite3_bind_int64 (del_text, 1, cutoff);
  sqlite3_bind_int64 (del_folded, 1, cutoff);
  sqlite3_bind_int64 (del_unindexed, 1, cutoff);
  sqlite3_bind_int64 (del_events, 1, cutoff);
  sqlite3_bind_int64 (del_outcomes, 1, cutoff);

  {
    int rc = sqlite3_step (del_bodies);
    gint64 n = 0;

    if (rc == SQLITE_DONE)
      rc = sqlite3_step (del_text);
    if (rc == SQLITE_DONE)
      rc = sqlite3_step (del_folded);
    if (rc == SQLITE_DONE)
      rc = sqlite3_step (del_unindexed);
    if (rc == SQLITE_DONE)
      rc = sqlite3_step (del_events);
    n = sqlite3_changes64 (self->db);
    if (rc == SQLITE_DONE)
      rc = sqlite3_step (del_outcomes);
    if (rc != SQLITE_DONE)
      {
        converc_journal_set_error (self, rc, _("Removing old events"), error);
        converc_journal_rollback (self);
        goto out;
      }

    g_clear_pointer (&del_bodies, sqlite3_finalize);
    g_clear_pointer (&del_text, sqlite3_finalize);
    g_clear_pointer (&del_folded, sqlite3_finalize);
    g_clear_pointer (&del_unindexed, sqlite3_finalize);
    g_clear_pointer (&del_events, sqlite3_finalize);
    g_clear_pointer (&del_outcomes, sqlite3_finalize);
    if (!converc_journal_exec (self, "COMMIT", error))
      {
        converc_journal_rollback (self);
        goto out;
      }
    removed = n;
    converc_journal_checkpoint_locked (self, FALSE);
  }

out:
  g_mutex_unlock (&self->lock);

  return removed;
}

gboolean
converc_journal_clear (ConvercJournal  *self,
                       GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), FALSE);

  converc_journal_lock (self);
  ok = converc_journal_exec (self,
                             "BEGIN IMMEDIATE;"
                             "INSERT INTO events_text (events_text) VALUES ('delete-all');"
                             "DELETE FROM event_folded;"
                             "DELETE FROM events_unindexed;"
                             "DELETE FROM event_bodies;"
                             "DELETE FROM events;"
                             "DELETE FROM outcomes;"
                             "COMMIT;", error);
  if (!ok)
    converc_journal_rollback (self);
  /* Gives the space back and leaves no trace of the events in free pages,
   * nor in the file's pages that the WAL replaces: they are copied over
   * now, not behind. */
  else if (self->path != NULL)
    ok = converc_journal_exec (self, "VACUUM", error) &&
         converc_journal_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  g_mutex_unlock (&self->lock);

  return ok;
}
