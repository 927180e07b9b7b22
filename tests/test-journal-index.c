/* test-journal-index.c
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

/* The one concern of this file: the journal's search index kept behind
 * the ingest — searches while it is filled, the index finished at the
 * next open, a journal that goes stopping its batch, and the WAL copied
 * into the file behind the ingest. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "converc.h"
#include "converc-background-private.h"
#include "converc-emulator-private.h"
#include "converc-event-search-private.h"
#include "converc-journal-private.h"
#include "converc-test-journal.h"
#include "converc-test-utils.h"

#include <sqlite3.h>

/* A search does not wait for an ingest in progress: it answers from the
 * last committed state at once (a second connection, WAL). */
static void
test_search_during_ingest (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(ConvercJournal) journal = open_journal (folder, "j.sqlite");
  g_autoptr(GPtrArray) first = generate_events (10, 1);
  g_autoptr(GPtrArray) many = generate_events (4000, 2);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_searches = 0;

  g_assert_true (converc_journal_ingest (journal, first, 1, NULL, NULL));

  converc_journal_ingest_async (journal, many, NULL, converc_test_store_result_cb, &result);
  /* Until the worker thread is inside its transaction */
  g_usleep (50 * 1000);
  while (result == NULL && n_searches < 3)
    {
      g_autoptr(GPtrArray) rows = converc_journal_query (journal, NULL, 0, 0, 50, &error);

      g_assert_no_error (error);
      g_main_context_iteration (NULL, FALSE);
      /* Answered while the ingest still runs, from what was committed */
      if (result == NULL)
        {
          g_assert_cmpuint (rows->len, ==, 10);
          n_searches++;
        }
    }
  g_test_message ("%u searches answered during the ingest", n_searches);
  g_assert_cmpuint (n_searches, ==, 3);

  converc_test_wait_for_result (&result, 120);
  g_assert_true (converc_journal_ingest_finish (journal, result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 4010);

  g_clear_object (&journal);
  converc_test_remove_tree (folder);
}

/* Events stored but not indexed when the journal closed (as after a crash
 * between the two transactions of an ingest) are found by search at once
 * and indexed by the journal's thread when it is opened again. */
static void
test_index_at_reopen (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(ConvercJournal) journal = open_journal (folder, "j.sqlite");
  g_autoptr(GPtrArray) events = generate_events (300, 77);
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GPtrArray) some = g_ptr_array_new_with_free_func (g_free);
  guint n_nonempty;

  journal->auto_index = FALSE;
  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, NULL, NULL));
  g_assert_cmpint (count_unindexed (journal), ==, 300);
  g_clear_object (&journal);

  /* Every 8th search of the matcher test, to keep it short. */
  searches = make_searches (events);
  for (guint i = 0; i < searches->len; i += 8)
    g_ptr_array_add (some, g_strdup (g_ptr_array_index (searches, i)));

  journal = open_journal (folder, "j.sqlite");
  n_nonempty = assert_searches_equal (journal, events, some);
  wait_indexed (journal);
  g_assert_cmpint (count_indexed (journal, "cal"), >, 0);
  assert_index_sound (journal);
  g_assert_cmpuint (assert_searches_equal (journal, events, some), ==, n_nonempty);
  g_assert_cmpuint (n_nonempty, >, 0);

  /* An ingest with the thread on indexes behind itself. */
  {
    g_autoptr(GPtrArray) more = generate_events (50, 78);
    guint added = 0;

    g_assert_true (converc_journal_ingest (journal, more, NOV_1_USEC, &added, NULL));
    g_assert_cmpuint (added, ==, 50);
    wait_indexed (journal);
    assert_index_sound (journal);
  }

  g_clear_object (&journal);
  converc_test_remove_tree (folder);
}

/* The indexer's hook: says a batch is about to start, and holds it until
 * the journal is going, so that the stop meets a batch under way. */
static int batch_entered;

static void
hold_batch_until_stop (ConvercJournal *journal)
{
  g_atomic_int_set (&batch_entered, TRUE);
  while (!g_atomic_int_get (&journal->indexer_stopping))
    g_usleep (1000);
}

/* A journal that goes while its indexer is in a batch does not wait for
 * the batch: it rolls back, its events stay listed, and the next open
 * indexes them. */
static void
test_stop_mid_batch (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "j.sqlite", NULL);
  g_autoptr(ConvercJournal) journal = open_journal (folder, "j.sqlite");
  g_autoptr(GPtrArray) events = generate_events (2 * CONVERC_JOURNAL_INDEX_BATCH, 91);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  journal->auto_index = FALSE;
  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, NULL, NULL));
  g_assert_cmpint (count_unindexed (journal), ==, events->len);

  g_atomic_int_set (&batch_entered, FALSE);
  journal->before_index_batch = hold_batch_until_stop;
  converc_journal_lock (journal);
  converc_journal_want_index (journal);
  g_mutex_unlock (&journal->lock);
  while (!g_atomic_int_get (&batch_entered))
    g_usleep (1000);
  g_clear_object (&journal);

  /* Nothing of the batch was kept */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM events_unindexed", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, events->len);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* The next open indexes them */
  journal = open_journal (folder, "j.sqlite");
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, events->len);
  wait_indexed (journal);
  assert_index_sound (journal);

  g_clear_object (&journal);
  converc_test_remove_tree (folder);
}

/* The indexer's hook: holds the first batch until the test lets it go. */
static int batch_released;

static void
hold_batch_until_released (ConvercJournal *journal)
{
  g_atomic_int_set (&batch_entered, TRUE);
  while (!g_atomic_int_get (&batch_released))
    g_usleep (1000);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* An ingest does not copy the WAL into the file (a checkpoint), which
 * took most of an ingest into a large journal: the indexer's thread does
 * it behind. Without the indexer (auto_index off), the ingest does it. */
static void
test_checkpoint_behind (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(ConvercJournal) journal = open_journal (folder, "j.sqlite");
  g_autoptr(GPtrArray) events = generate_events (CONVERC_JOURNAL_INDEX_BATCH, 92);
  g_autoptr(GPtrArray) more = generate_events (CONVERC_JOURNAL_INDEX_BATCH, 93);
  const char *path = converc_journal_get_path (journal);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 before = file_size (path);

  g_atomic_int_set (&batch_entered, FALSE);
  g_atomic_int_set (&batch_released, FALSE);
  journal->before_index_batch = hold_batch_until_released;
  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, NULL, NULL));

  /* Stored, in the WAL only: the file did not grow */
  g_assert_cmpint (g_atomic_int_get (&journal->wal_frames), >=, CONVERC_JOURNAL_CHECKPOINT_FRAMES);
  g_assert_cmpint (file_size (path), ==, before);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, events->len);

  /* Behind the indexer's batch, the frames go into the file */
  while (!g_atomic_int_get (&batch_entered))
    g_usleep (1000);
  g_atomic_int_set (&batch_released, TRUE);
  wait_indexed (journal);
  while (g_atomic_int_get (&journal->wal_frames) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_assert_cmpint (g_atomic_int_get (&journal->wal_frames), ==, 0);
  g_assert_cmpint (file_size (path), >, before);

  /* With no indexer, the ingest copies them itself */
  journal->before_index_batch = NULL;
  journal->auto_index = FALSE;
  before = file_size (path);
  g_assert_true (converc_journal_ingest (journal, more, NOV_1_USEC, NULL, NULL));
  g_assert_cmpint (g_atomic_int_get (&journal->wal_frames), ==, 0);
  g_assert_cmpint (file_size (path), >, before);

  /* Closed and opened again: every event is there */
  g_clear_object (&journal);
  journal = open_journal (folder, "j.sqlite");
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, events->len + more->len);

  g_clear_object (&journal);
  converc_test_remove_tree (folder);
}

static gint batch_nice = G_MININT;

static void
note_batch_nice (ConvercJournal *journal)
{
  g_atomic_int_set (&batch_nice, converc_background_get_nice ());
}

/* The indexer leaves the cores to the main thread: it runs at the
 * background threads' priority (on Linux, where a thread has its own). */
static void
test_indexer_lowered (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(ConvercJournal) journal = open_journal (folder, "j.sqlite");
  g_autoptr(GPtrArray) events = generate_events (20, 94);
  int main_nice = converc_background_get_nice ();

#ifndef __linux__
  g_test_skip ("threads have a nice value of their own only on Linux");
  return;
#endif

  journal->before_index_batch = note_batch_nice;
  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, NULL, NULL));
  wait_indexed (journal);

  g_assert_cmpint (g_atomic_int_get (&batch_nice), ==, MAX (main_nice, CONVERC_BACKGROUND_NICE));
  g_assert_cmpint (converc_background_get_nice (), ==, main_nice);

  g_clear_object (&journal);
  converc_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/journal/search-during-ingest", test_search_during_ingest);
  g_test_add_func ("/converc/journal/index-at-reopen", test_index_at_reopen);
  g_test_add_func ("/converc/journal/stop-mid-batch", test_stop_mid_batch);
  g_test_add_func ("/converc/journal/checkpoint-behind", test_checkpoint_behind);
  g_test_add_func ("/converc/journal/indexer-lowered", test_indexer_lowered);

  return g_test_run ();
}
