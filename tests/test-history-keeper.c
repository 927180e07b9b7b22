/* test-history-keeper.c
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

/* The one concern of this file: CwHistoryKeeper prunes the journal at
 * start, on its timer and when the History settings change (every
 * organisation's journal beside it too), clears it when history is off or
 * on Clear History, and never creates one. */

#define G_LOG_DOMAIN "test-history-keeper"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "cw-event-feed.h"
#include "cw-history-keeper.h"

#define DAY_USEC (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

typedef struct
{
  char            *folder;
  char            *path;
  GSettings       *settings;
  CwHistoryKeeper *keeper;
  guint            n_pruned;
  gint64           last_removed;
  guint            n_cleared;
} Fixture;

static GSettings *
new_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("GSETTINGS_SCHEMA_DIR");

  g_assert_nonnull (dir);
  source = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, "com.converc.Webhooks", FALSE);
  g_assert_nonnull (schema);
  return g_settings_new_full (schema, backend, NULL);
}

/* Events created @ages days ago (negative ends the list). */
static void
store_events (const char *path,
              const int  *ages)
{
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GString) answer = g_string_new ("[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  static guint serial;

  for (guint i = 0; ages[i] >= 0; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -ages[i]);
      g_autofree char *at = g_date_time_format_iso8601 (when);

      g_string_append_printf (answer, "%s{\"id\":\"evt_%u\",\"type\":\"call.ended\","
                              "\"createdAt\":\"%s\"}", i > 0 ? "," : "", serial++, at);
    }
  g_string_append_c (answer, ']');
  bytes = g_bytes_new (answer->str, answer->len);

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (converc_journal_ingest_answer (journal, bytes, g_get_real_time (), NULL,
                                                &error));
  g_assert_no_error (error);
}

static gint64
count_events (const char *path)
{
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  n = converc_journal_count (journal, NULL, 0, &error);
  g_assert_no_error (error);
  return n;
}

static void
pruned_cb (CwHistoryKeeper *keeper,
           gint64           removed,
           Fixture         *fixture)
{
  fixture->n_pruned++;
  fixture->last_removed = removed;
}

static void
cleared_cb (CwHistoryKeeper *keeper,
            Fixture         *fixture)
{
  fixture->n_cleared++;
}

/* Iterates until the @n-th pass ended. */
static void
wait_for_passes (Fixture *fixture,
                 guint    n)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (fixture->n_pruned < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
start_keeper (Fixture *fixture,
              guint    interval_seconds)
{
  fixture->keeper = cw_history_keeper_new (fixture->settings, fixture->path, interval_seconds);
  g_signal_connect (fixture->keeper, "pruned", G_CALLBACK (pruned_cb), fixture);
  g_signal_connect (fixture->keeper, "cleared", G_CALLBACK (cleared_cb), fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("cw-history-keeper-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "journal.sqlite", NULL);
  fixture->settings = new_settings ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->keeper);
  /* Passes still running end before the folder goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->settings);

  dir = g_dir_open (fixture->folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->folder, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->path);
  g_free (fixture->folder);
}

static void
test_prunes_at_start (Fixture       *fixture,
                      gconstpointer  data)
{
  const int ages[] = { 40, 31, 10, 1, -1 };

  store_events (fixture->path, ages);
  g_assert_cmpint (count_events (fixture->path), ==, 4);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "history-days"), ==, 30);
  g_assert_true (g_settings_get_boolean (fixture->settings, "history-enabled"));

  start_keeper (fixture, CW_HISTORY_KEEPER_DAILY);
  g_assert_true (cw_history_keeper_get_enabled (fixture->keeper));
  wait_for_passes (fixture, 1);
  g_assert_cmpint (fixture->last_removed, ==, 2);
  g_assert_cmpint (count_events (fixture->path), ==, 2);
}

static void
test_prunes_when_settings_change (Fixture       *fixture,
                                  gconstpointer  data)
{
  const int ages[] = { 10, 3, 0, -1 };

  store_events (fixture->path, ages);
  start_keeper (fixture, CW_HISTORY_KEEPER_DAILY);
  wait_for_passes (fixture, 1);
  g_assert_cmpint (fixture->last_removed, ==, 0);

  g_settings_set_uint (fixture->settings, "history-days", 5);
  wait_for_passes (fixture, 2);
  g_assert_cmpint (fixture->last_removed, ==, 1);
  g_assert_cmpint (count_events (fixture->path), ==, 2);

  /* Off: nothing is kept. */
  g_settings_set_boolean (fixture->settings, "history-enabled", FALSE);
  g_assert_false (cw_history_keeper_get_enabled (fixture->keeper));
  wait_for_passes (fixture, 3);
  g_assert_cmpint (fixture->last_removed, ==, 2);
  g_assert_cmpint (count_events (fixture->path), ==, 0);
}

static void
test_prunes_on_timer (Fixture       *fixture,
                      gconstpointer  data)
{
  const int fresh[] = { 1, -1 };
  const int old[] = { 50, 60, -1 };

  store_events (fixture->path, fresh);
  start_keeper (fixture, 1);
  wait_for_passes (fixture, 1);
  g_assert_cmpint (fixture->last_removed, ==, 0);

  /* Stored after the first pass: the timer's pass removes them. */
  store_events (fixture->path, old);
  g_assert_cmpint (count_events (fixture->path), ==, 3);
  wait_for_passes (fixture, 2);
  g_assert_cmpint (fixture->last_removed, ==, 2);
  g_assert_cmpint (count_events (fixture->path), ==, 1);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  const int ages[] = { 2, 1, 0, -1 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  store_events (fixture->path, ages);
  start_keeper (fixture, CW_HISTORY_KEEPER_DAILY);
  wait_for_passes (fixture, 1);
  g_assert_cmpint (count_events (fixture->path), ==, 3);

  cw_history_keeper_clear_async (fixture->keeper, NULL, store_result_cb, &result);
  while (result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (cw_history_keeper_clear_finish (fixture->keeper, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_cleared, ==, 1);
  g_assert_cmpint (count_events (fixture->path), ==, 0);
}

/* Every organisation's journal in the folder is pruned, not only the one
 * on show; Clear History empties that one alone; other files are left. */
static void
test_prunes_every_journal (Fixture       *fixture,
                           gconstpointer  data)
{
  const int ages[] = { 45, 2, -1 };
  const int other_ages[] = { 60, 50, 1, -1 };
  g_autofree char *other = g_build_filename (fixture->folder, "journal-0123456789abcdef.sqlite", NULL);
  g_autofree char *third = g_build_filename (fixture->folder, "journal-fedcba9876543210.sqlite", NULL);
  g_autofree char *unrelated = g_build_filename (fixture->folder, "notes.sqlite", NULL);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  store_events (fixture->path, ages);
  store_events (other, other_ages);
  store_events (third, ages);
  store_events (unrelated, other_ages);

  listed = converc_journal_list_files (fixture->folder);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (listed, 0), ==, other);
  g_assert_cmpstr (g_ptr_array_index (listed, 1), ==, third);

  start_keeper (fixture, CW_HISTORY_KEEPER_DAILY);
  wait_for_passes (fixture, 1);
  g_assert_cmpint (fixture->last_removed, ==, 1 + 2 + 1);
  g_assert_cmpint (count_events (fixture->path), ==, 1);
  g_assert_cmpint (count_events (other), ==, 1);
  g_assert_cmpint (count_events (third), ==, 1);
  g_assert_cmpint (count_events (unrelated), ==, 3);

  cw_history_keeper_clear_async (fixture->keeper, NULL, store_result_cb, &result);
  while (result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (cw_history_keeper_clear_finish (fixture->keeper, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_events (fixture->path), ==, 0);
  g_assert_cmpint (count_events (other), ==, 1);
  g_assert_cmpint (count_events (third), ==, 1);

  /* History off: nothing is kept, for any organisation. */
  g_settings_set_boolean (fixture->settings, "history-enabled", FALSE);
  wait_for_passes (fixture, 2);
  g_assert_cmpint (fixture->last_removed, ==, 2);
  g_assert_cmpint (count_events (other), ==, 0);
  g_assert_cmpint (count_events (third), ==, 0);
  g_assert_cmpint (count_events (unrelated), ==, 3);
}

static void
test_never_creates (Fixture       *fixture,
                    gconstpointer  data)
{
  start_keeper (fixture, CW_HISTORY_KEEPER_DAILY);
  wait_for_passes (fixture, 1);
  g_assert_cmpint (fixture->last_removed, ==, 0);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (fixture->settings, "history-enabled", FALSE);
  wait_for_passes (fixture, 2);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (cw_history_keeper_get_path (fixture->keeper), ==, fixture->path);
}

static void
answered_cb (CwEventFeed *feed,
             guint       *n_answers)
{
  (*n_answers)++;
}

/* Iterates until @cond, for at most 30 s. */
#define WAIT_UNTIL(cond)                                                    \
  G_STMT_START {                                                            \
    gint64 _end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;            \
    while (!(cond))                                                         \
      {                                                                     \
        g_assert_cmpint (g_get_monotonic_time (), <, _end);                 \
        g_main_context_iteration (NULL, FALSE);                             \
        g_usleep (1000);                                                    \
      }                                                                     \
  } G_STMT_END

/* History off: the feed keeps fetched events in memory and writes nothing
 * to the journal on disk; turned on, it writes there; off again, nothing
 * more goes there (and the keeper empties it). */
static void
test_off_stores_nothing (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *scope = "test-history-off";
  g_autofree char *path = converc_journal_dup_path_for_scope (scope);
  g_autoptr(ConvercEmulator) emulator = converc_emulator_new (NULL);
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(CwEventFeed) feed = cw_event_feed_new ();
  g_autoptr(GError) error = NULL;
  ConvercJournal *journal;
  guint n_answers = 0;
  guint revision;

  g_assert_true (converc_emulator_start (emulator, 0, &error));
  g_assert_no_error (error);
  converc_emulator_seed (emulator, 40, 7);
  client = converc_client_new (converc_emulator_get_base_url (emulator),
                               converc_emulator_get_api_key (emulator));

  g_free (fixture->path);
  fixture->path = g_strdup (path);
  g_settings_set_boolean (fixture->settings, "history-enabled", FALSE);
  start_keeper (fixture, CW_HISTORY_KEEPER_DAILY);
  wait_for_passes (fixture, 1);

  cw_event_feed_set_auto_refresh (feed, FALSE);
  g_signal_connect (feed, "answered", G_CALLBACK (answered_cb), &n_answers);
  cw_event_feed_set_history_keeper (feed, fixture->keeper);
  cw_event_feed_open_journal (feed, scope);
  WAIT_UNTIL (cw_event_feed_get_journal (feed) != NULL);
  journal = cw_event_feed_get_journal (feed);
  g_assert_null (converc_journal_get_path (journal));

  revision = cw_event_feed_get_journal_revision (feed);
  cw_event_feed_set_client (feed, client);
  cw_event_feed_set_active (feed, TRUE);
  /* A first sync is stored in parts: until the last is. */
  WAIT_UNTIL (n_answers > 0 && cw_event_feed_get_journal_revision (feed) > revision &&
              !cw_event_feed_get_loading (feed) && _cw_event_feed_get_n_held (feed) == 0);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 40);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* On: the scope's journal on disk, filled by the next load. */
  g_settings_set_boolean (fixture->settings, "history-enabled", TRUE);
  WAIT_UNTIL (cw_event_feed_get_journal (feed) != NULL &&
              converc_journal_get_path (cw_event_feed_get_journal (feed)) != NULL);
  revision = cw_event_feed_get_journal_revision (feed);
  cw_event_feed_refresh (feed);
  WAIT_UNTIL (cw_event_feed_get_journal_revision (feed) > revision &&
              !cw_event_feed_get_loading (feed));
  WAIT_UNTIL (g_file_test (path, G_FILE_TEST_EXISTS) && count_events (path) == 40);

  /* Off again: back in memory; the keeper empties the file and no later
   * answer goes into it. */
  g_settings_set_boolean (fixture->settings, "history-enabled", FALSE);
  WAIT_UNTIL (converc_journal_get_path (cw_event_feed_get_journal (feed)) == NULL);
  wait_for_passes (fixture, 3);
  converc_emulator_generate_events (emulator, 5, 8);
  revision = cw_event_feed_get_journal_revision (feed);
  cw_event_feed_refresh (feed);
  WAIT_UNTIL (cw_event_feed_get_journal_revision (feed) > revision &&
              !cw_event_feed_get_loading (feed) && _cw_event_feed_get_n_held (feed) == 0);
  g_assert_cmpint (converc_journal_count (cw_event_feed_get_journal (feed), NULL, 0, NULL),
                   >=, 45);
  g_assert_cmpint (count_events (path), ==, 0);

  cw_event_feed_set_active (feed, FALSE);
  cw_event_feed_set_journal (feed, NULL);
  for (guint i = 0; i < 3; i++)
    {
      const char *suffix[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffix[i], NULL);

      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("cw-history-data-XXXXXX", NULL);
  int status;

  /* The feed's journal of a scope lives under $XDG_DATA_HOME. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history-keeper/prunes-at-start", Fixture, NULL,
              fixture_set_up, test_prunes_at_start, fixture_tear_down);
  g_test_add ("/history-keeper/prunes-when-settings-change", Fixture, NULL,
              fixture_set_up, test_prunes_when_settings_change, fixture_tear_down);
  g_test_add ("/history-keeper/prunes-on-timer", Fixture, NULL,
              fixture_set_up, test_prunes_on_timer, fixture_tear_down);
  g_test_add ("/history-keeper/clear", Fixture, NULL,
              fixture_set_up, test_clear, fixture_tear_down);
  g_test_add ("/history-keeper/prunes-every-journal", Fixture, NULL,
              fixture_set_up, test_prunes_every_journal, fixture_tear_down);
  g_test_add ("/history-keeper/never-creates", Fixture, NULL,
              fixture_set_up, test_never_creates, fixture_tear_down);
  g_test_add ("/history-keeper/off-stores-nothing", Fixture, NULL,
              fixture_set_up, test_off_stores_nothing, fixture_tear_down);

  status = g_test_run ();

  {
    g_autofree char *folder = g_build_filename (data_home, "converc-webhooks", NULL);

    g_rmdir (folder);
    g_rmdir (data_home);
  }

  return status;
}
