/* test-journal-migrate.c
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

/* The one concern of this file: journals of earlier schema versions,
 * made here by SQL as those versions wrote them, opened and migrated with
 * every event kept. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "converc.h"
#include "converc-emulator-private.h"
#include "converc-event-search-private.h"
#include "converc-journal-private.h"
#include "converc-test-journal.h"
#include "converc-test-utils.h"

#include <sqlite3.h>

/* The schema version written in the journal file at @path, read with
 * SQLite alone (the journal closed). */
static int
file_schema_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return version;
}

/* A journal of schema version 1 (made here by SQL, as version 1 wrote
 * it) opens, migrates to the current version and keeps its events. */
static void
test_migrate_v1 (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "old.sqlite", NULL);
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) raw = NULL;
  sqlite3 *db = NULL;
  const char *v1 =
    "CREATE TABLE events (key INTEGER PRIMARY KEY, dedupe TEXT NOT NULL UNIQUE, id TEXT,"
    " type TEXT, created_at TEXT, created_usec INTEGER, first_seen_usec INTEGER NOT NULL,"
    " sort_usec INTEGER NOT NULL, contact_name TEXT, contact_email TEXT, call_status TEXT,"
    " raw BLOB NOT NULL);"
    "CREATE INDEX events_by_time ON events (sort_usec);"
    "CREATE VIRTUAL TABLE events_text USING fts5 (folded, tokenize = 'trigram case_sensitive 1');"
    "INSERT INTO events VALUES (1, 'id:evt_old', 'evt_old', 'call.ended', '2026-10-01T00:00:00Z',"
    " 1790812800000000, 5, 1790812800000000, 'Old Timer', NULL, NULL,"
    " '{\"id\":\"evt_old\",\"type\":\"call.ended\",\"data\":{\"contact\":{\"name\":\"Old Timer\"}}}');"
    "INSERT INTO events_text (rowid, folded) VALUES (1, 'evt_old\ncall.ended\nold timer\n');"
    "PRAGMA user_version = 1;";

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, v1, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (journal);

  raw = converc_journal_lookup (journal, "evt_old", &error);
  g_assert_no_error (error);
  g_assert_nonnull (raw);
  {
    g_autoptr(GPtrArray) ids = journal_ids (journal, "type:call.ended TIMER", 0);

    g_assert_cmpuint (ids->len, ==, 1);
  }
  /* What version 2 added works. */
  g_assert_true (converc_journal_add_outcome (journal, "wh", 1, "delivered", "{}", &error));
  g_assert_no_error (error);
  g_clear_object (&journal);

  g_assert_cmpint (file_schema_version (path), ==, CONVERC_JOURNAL_SCHEMA_VERSION);
  converc_test_remove_tree (folder);
}

/* A journal of schema version 3 (its trigram index holding the folded
 * text itself) migrates to version 4: the text moves to event_folded, the
 * index is rebuilt behind the open, and searches find the events before
 * and after; then to version 5, which keeps the number of events. */
static void
test_migrate_v3 (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "v3.sqlite", NULL);
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) raw = NULL;
  sqlite3 *db = NULL;
  const char *v3 =
    "CREATE TABLE events (key INTEGER PRIMARY KEY, dedupe TEXT NOT NULL UNIQUE, id TEXT,"
    " type TEXT, created_at TEXT, created_usec INTEGER, first_seen_usec INTEGER NOT NULL,"
    " sort_usec INTEGER NOT NULL, contact_name TEXT, contact_email TEXT, call_status TEXT);"
    "CREATE INDEX events_by_time ON events (sort_usec);"
    "CREATE TABLE event_bodies (key INTEGER PRIMARY KEY, raw BLOB NOT NULL);"
    "CREATE INDEX events_by_type_time ON events (type, sort_usec);"
    "CREATE TABLE outcomes (key INTEGER PRIMARY KEY, endpoint_id TEXT NOT NULL,"
    " time_usec INTEGER NOT NULL, kind TEXT NOT NULL, blob TEXT);"
    "CREATE INDEX outcomes_by_endpoint ON outcomes (endpoint_id, time_usec);"
    "CREATE VIRTUAL TABLE events_text USING fts5 (folded, tokenize = 'trigram case_sensitive 1',"
    " detail = none, columnsize = 0);"
    "INSERT INTO events VALUES (1, 'id:evt_old', 'evt_old', 'call.ended', '2026-10-01T00:00:00Z',"
    " 1790812800000000, 5, 1790812800000000, 'Old Timer', NULL, NULL);"
    "INSERT INTO events VALUES (2, 'id:evt_older', 'evt_older', 'call.missed', '2026-09-01T00:00:00Z',"
    " 1788220800000000, 5, 1788220800000000, 'Older Timer', NULL, NULL);"
    "INSERT INTO event_bodies VALUES (1, '{\"id\":\"evt_old\",\"type\":\"call.ended\"}');"
    "INSERT INTO event_bodies VALUES (2, '{\"id\":\"evt_older\",\"type\":\"call.missed\"}');"
    "INSERT INTO events_text (rowid, folded) VALUES (1, 'evt_old\ncall.ended\nold timer\n');"
    "INSERT INTO events_text (rowid, folded) VALUES (2, 'evt_older\ncall.missed\nolder timer\n');"
    "INSERT INTO outcomes VALUES (1, 'wh', 3, 'delivered', '{}');"
    "PRAGMA user_version = 3;";

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, v3, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (journal);

  /* Found at once, indexed or not. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GPtrArray) timers = journal_ids (journal, "TIMER", 0);
      g_autoptr(GPtrArray) ended = journal_ids (journal, "type:call.ended timer", 0);
      g_autoptr(GPtrArray) older = journal_ids (journal, "older", 0);

      g_assert_cmpuint (timers->len, ==, 2);
      g_assert_cmpstr (g_ptr_array_index (timers, 0), ==, "evt_old");
      g_assert_cmpuint (ended->len, ==, 1);
      g_assert_cmpuint (older->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (older, 0), ==, "evt_older");

      if (round == 0)
        wait_indexed (journal);
    }
  g_assert_cmpint (count_indexed (journal, "tim"), ==, 2);
  assert_index_sound (journal);
  g_assert_cmpint (count_rows (journal, "event_folded"), ==, 2);
  /* The number of events, kept since version 5, counts those of before */
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, &error), ==, 2);
  g_assert_no_error (error);

  raw = converc_journal_lookup (journal, "evt_older", &error);
  g_assert_no_error (error);
  g_assert_nonnull (raw);
  {
    g_autoptr(GPtrArray) outcomes = converc_journal_list_outcomes (journal, "wh", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (outcomes->len, ==, 1);
  }
  g_clear_object (&journal);

  g_assert_cmpint (file_schema_version (path), ==, CONVERC_JOURNAL_SCHEMA_VERSION);
  converc_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/journal/migrate-v1", test_migrate_v1);
  g_test_add_func ("/converc/journal/migrate-v3", test_migrate_v3);

  return g_test_run ();
}
