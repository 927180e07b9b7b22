/* test-journal.c
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

/* The one concern of this file: the event journal's behaviour — ingest,
 * dedupe, search equal to the in-memory matcher, order, retention,
 * outcomes, async calls, the in-memory mode. The index behind the ingest
 * is test-journal-index.c's; migrations, test-journal-migrate.c's. */

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

static void
test_ingest_and_dedupe (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(ConvercJournal) journal = open_journal (folder, "j.sqlite");
  g_autoptr(GPtrArray) first = events_new ();
  g_autoptr(GPtrArray) second = events_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, "j.sqlite", NULL);
  GStatBuf st;
  guint added = 99;

  g_ptr_array_add (first, simple_event ("evt_a", "call.ended", NOV_1_USEC, "Ada"));
  g_ptr_array_add (first, simple_event ("evt_b", "call.missed", NOV_1_USEC + G_USEC_PER_SEC, "Bob"));
  g_assert_true (converc_journal_ingest (journal, first, 111, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);

  /* The same id again (even with other bytes) is stored once; the first
   * bytes and first-seen time stay. */
  g_ptr_array_add (second, simple_event ("evt_a", "call.ended", NOV_1_USEC, "Changed"));
  g_ptr_array_add (second, simple_event ("evt_c", "call.ended", NOV_1_USEC + 2 * G_USEC_PER_SEC, "Cy"));
  g_assert_true (converc_journal_ingest (journal, second, 222, &added, &error));
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 3);

  rows = converc_journal_query (journal, NULL, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* Newest first, with the light fields. */
  g_assert_cmpstr (((ConvercJournalRow *) rows->pdata[0])->id, ==, "evt_c");
  g_assert_cmpstr (((ConvercJournalRow *) rows->pdata[2])->id, ==, "evt_a");
  g_assert_cmpstr (((ConvercJournalRow *) rows->pdata[2])->contact_name, ==, "Ada");
  g_assert_cmpstr (((ConvercJournalRow *) rows->pdata[2])->event_type, ==, "call.ended");
  g_assert_cmpint (((ConvercJournalRow *) rows->pdata[2])->first_seen_usec, ==, 111);
  g_assert_cmpint (((ConvercJournalRow *) rows->pdata[2])->created_usec, ==, NOV_1_USEC);

  /* The exact bytes come back. */
  bytes = converc_journal_lookup (journal, "evt_a", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, converc_event_get_raw (first->pdata[0])));
  g_assert_null (converc_journal_lookup (journal, "evt_nope", &error));
  g_assert_error (error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (converc_journal_get_newest_created (journal, NULL), ==, NOV_1_USEC + 2 * G_USEC_PER_SEC);

  /* Private: the folder 0700, the file 0600. */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A whole answer, as the server sends it. */
  {
    g_autoptr(GBytes) answer = converc_test_bytes_new (
      "[{\"id\":\"evt_d\",\"type\":\"call.ended\",\"createdAt\":\"2024-01-01T00: 00: 0002\"},"
      " {\"id\":\"evt_e\",\"type\":\"call.event\",\"createdAt\":\"not a time\"}]");

    g_assert_true (converc_journal_ingest_answer (journal, answer, NOV_1_USEC + 5 * G_USEC_PER_SEC, &added, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (added, ==, 2);
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = converc_journal_query (journal, NULL, 0, 0, 1, &error);
    /* An unreadable createdAt sorts by its first-seen time, kept raw. */
    g_assert_cmpstr (((ConvercJournalRow *) rows->pdata[0])->id, ==, "evt_e");
    g_assert_cmpstr (((ConvercJournalRow *) rows->pdata[0])->created_at, ==, "not a time");
    g_assert_cmpint (((ConvercJournalRow *) rows->pdata[0])->created_usec, ==, G_MININT64);
  }

  g_clear_object (&journal);
  converc_test_remove_tree (folder);
}

/* The path comes from the scope, in the user's data folder. */
static void
test_scope_path (void)
{
  g_autofree char *a = converc_journal_scope_for_base_url ("HTTPS://API.Converc.com/");
  g_autofree char *b = converc_journal_scope_for_base_url ("https://api.converc.com:443");
  g_autofree char *c = converc_journal_scope_for_base_url ("http://127.0.0.1:8080/");
  g_autofree char *path_a = converc_journal_dup_path_for_scope (a);
  g_autofree char *path_c = converc_journal_dup_path_for_scope (c);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "converc-webhooks", NULL);

  g_assert_cmpstr (a, ==, "https://api.converc.com");
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, "http://127.0.0.1:8080");
  g_assert_true (g_str_has_prefix (path_a, dir));
  g_assert_true (g_str_has_suffix (path_a, ".sqlite"));
  g_assert_cmpstr (path_a, !=, path_c);
}

/* The journal's search answers exactly as the in-memory matcher of the
 * Events page, on generated events, for many searches: before their
 * events are in the trigram index, with some of them in it, and with all. */
static void
test_search_equals_matcher (void)
{
  g_autoptr(GPtrArray) events = generate_events (600, 20261101);
  g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();
  g_autoptr(GPtrArray) searches = make_searches (events);
  g_autoptr(GError) error = NULL;
  guint n_nonempty;
  guint added = 0;

  journal->auto_index = FALSE;
  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, &added, NULL));
  g_assert_cmpuint (added, ==, events->len);

  g_assert_cmpint (count_unindexed (journal), ==, 600);
  g_assert_cmpint (count_indexed (journal, "cal"), ==, 0);
  n_nonempty = assert_searches_equal (journal, events, searches);

  /* The older 250 in the index, the newer 350 not. */
  g_assert_cmpint (converc_journal_index_pending (journal, 250, &error), ==, 350);
  g_assert_no_error (error);
  g_assert_cmpuint (assert_searches_equal (journal, events, searches), ==, n_nonempty);

  g_assert_cmpint (converc_journal_index_pending (journal, 0, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_indexed (journal, "cal"), >, 0);
  assert_index_sound (journal);
  g_assert_cmpuint (assert_searches_equal (journal, events, searches), ==, n_nonempty);

  /* The searches were not all empty or all full. */
  g_test_message ("%u of %u searches found something", n_nonempty, searches->len);
  g_assert_cmpuint (n_nonempty, >, searches->len / 2);
  g_assert_cmpuint (n_nonempty, <, searches->len);
}

/* Search is case- and accent-insensitive, several words must all match,
 * `type:` filters, and short words work without the index. */
static void
test_search_meaning (void)
{
  g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();
  g_autoptr(GPtrArray) events = events_new ();
  g_autoptr(GPtrArray) ids = NULL;

  g_ptr_array_add (events, simple_event ("evt_1", "call.ended", NOV_1_USEC, "Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m"));
  g_ptr_array_add (events, simple_event ("evt_2", "call.missed", NOV_1_USEC + G_USEC_PER_SEC, "Ada Lovelace"));
  g_ptr_array_add (events, simple_event ("evt_3", "call.ended", NOV_1_USEC + 2 * G_USEC_PER_SEC, "Kwame Mensah"));
  g_assert_true (converc_journal_ingest (journal, events, 1, NULL, NULL));

#define ASSERT_FINDS(text, expected_ids)                                     \
  G_STMT_START {                                                             \
    g_autoptr(GPtrArray) found_ = journal_ids (journal, text, 0);            \
    g_autoptr(GString) joined_ = g_string_new (NULL);                        \
    for (guint i_ = 0; i_ < found_->len; i_++)                               \
      g_string_append_printf (joined_, "%s%s", i_ > 0 ? " " : "",            \
                              (char *) g_ptr_array_index (found_, i_));      \
    g_assert_cmpstr (joined_->str, ==, expected_ids);                        \
  } G_STMT_END

  ASSERT_FINDS ("angstrom", "evt_1");
  ASSERT_FINDS ("ZOE", "evt_1");
  ASSERT_FINDS ("zo\xc3\xab", "evt_1");
  ASSERT_FINDS ("LOVELACE", "evt_2");
  ASSERT_FINDS ("ada love", "evt_2");
  ASSERT_FINDS ("love ada", "evt_2");
  ASSERT_FINDS ("ada kwame", "");
  ASSERT_FINDS ("evt_", "evt_3 evt_2 evt_1");
  ASSERT_FINDS ("ah", "evt_3");                   /* short: no index */
  ASSERT_FINDS ("type:call.ended", "evt_3 evt_1");
  ASSERT_FINDS ("type:call.ended ada", "");
  ASSERT_FINDS ("type:call.missed ad", "evt_2");
  /* Member names are not values. */
  ASSERT_FINDS ("contact", "");
  ASSERT_FINDS ("email", "");
  /* Not across two values: "Lovelace" then "evt_2@example.com" */
  ASSERT_FINDS ("lovelaceevt", "");

  /* Since, limit and offset */
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = journal_ids (journal, "", NOV_1_USEC + G_USEC_PER_SEC);
  g_assert_cmpuint (ids->len, ==, 2);
  {
    g_autoptr(GPtrArray) page = converc_journal_query (journal, NULL, 0, 1, 1, NULL);

    g_assert_cmpuint (page->len, ==, 1);
    g_assert_cmpstr (((ConvercJournalRow *) page->pdata[0])->id, ==, "evt_2");
  }
#undef ASSERT_FINDS
}

/* Old events go; outcomes are kept per endpoint; clear removes all. */
/* @path, if there is such a file, does not hold @text anywhere. */
static void
assert_file_lacks (const char *path,
                   const char *text)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  gsize text_len = strlen (text);

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return;
  for (gsize i = 0; i + text_len <= len; i++)
    if (contents[i] == text[0] && memcmp (contents + i, text, text_len) == 0)
      g_error ("%s holds “%s” at byte %" G_GSIZE_FORMAT, path, text, i);
}

static void
test_prune_clear_outcomes (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(ConvercJournal) journal = open_journal (folder, "j.sqlite");
  g_autoptr(GPtrArray) events = events_new ();
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) odd_days = events_new ();
  gint64 now = NOV_1_USEC + 40 * DAY_USEC;

  /* The even days in the trigram index, the odd ones stored only: prune
   * takes both kinds out. */
  journal->auto_index = FALSE;
  for (guint day = 0; day < 40; day++)
    {
      g_autofree char *id = g_strdup_printf ("evt_day%u", day);

      g_ptr_array_add (day % 2 == 0 ? events : odd_days,
                       simple_event (id, "call.ended", NOV_1_USEC + day * DAY_USEC, "X"));
    }
  g_assert_true (converc_journal_ingest (journal, events, now, NULL, NULL));
  g_assert_cmpint (converc_journal_index_pending (journal, 0, &error), ==, 0);
  g_assert_true (converc_journal_ingest (journal, odd_days, now, NULL, NULL));
  g_assert_cmpint (count_unindexed (journal), ==, 20);

  g_assert_true (converc_journal_add_outcome (journal, "wh_1", now - 35 * DAY_USEC, "delivered",
                                              "{\"status\":200}", &error));
  g_assert_true (converc_journal_add_outcome (journal, "wh_1", now - DAY_USEC, "failed",
                                              "{\"status\":500}", &error));
  g_assert_true (converc_journal_add_outcome (journal, "wh_2", now, "delivered", NULL, &error));
  g_assert_no_error (error);

  outcomes = converc_journal_list_outcomes (journal, "wh_1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 2);
  g_assert_cmpstr (((ConvercJournalOutcome *) outcomes->pdata[0])->kind, ==, "failed");
  g_assert_cmpstr (((ConvercJournalOutcome *) outcomes->pdata[0])->blob, ==, "{\"status\":500}");

  /* 30 days: days 10..39 stay. */
  g_assert_cmpint (converc_journal_prune (journal, 30, now, &error), ==, 10);
  g_assert_no_error (error);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 30);
  g_assert_cmpint (count_rows (journal, "event_bodies"), ==, 30);
  g_assert_cmpint (count_rows (journal, "event_folded"), ==, 30);
  g_assert_cmpint (count_unindexed (journal), ==, 15);
  g_assert_cmpint (count_indexed (journal, "day"), ==, 15);
  g_assert_cmpint (converc_journal_index_pending (journal, 0, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_indexed (journal, "day"), ==, 30);
  assert_index_sound (journal);
  g_assert_null (converc_journal_lookup (journal, "evt_day9", NULL));
  {
    g_autoptr(GBytes) kept = converc_journal_lookup (journal, "evt_day10", NULL);

    g_assert_nonnull (kept);
  }
  {
    g_autoptr(GPtrArray) ids = journal_ids (journal, "evt_day", 0);

    g_assert_cmpuint (ids->len, ==, 30);
  }
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  outcomes = converc_journal_list_outcomes (journal, "wh_1", 0, NULL);
  g_assert_cmpuint (outcomes->len, ==, 1);

  g_assert_true (converc_journal_clear (journal, &error));
  g_assert_no_error (error);
  /* Nothing of the events is left on disk, the journal still open: not in
   * the file's free pages, nor in those the WAL replaced */
  assert_file_lacks (converc_journal_get_path (journal), "evt_day");
  {
    g_autofree char *wal = g_strconcat (converc_journal_get_path (journal), "-wal", NULL);

    assert_file_lacks (wal, "evt_day");
  }
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 0);
  g_assert_cmpint (count_rows (journal, "event_bodies"), ==, 0);
  g_assert_cmpint (count_rows (journal, "event_folded"), ==, 0);
  g_assert_cmpint (count_rows (journal, "events_unindexed"), ==, 0);
  g_assert_cmpint (count_indexed (journal, "day"), ==, 0);
  assert_index_sound (journal);
  {
    g_autoptr(GPtrArray) ids = journal_ids (journal, "evt_day", 0);

    g_assert_cmpuint (ids->len, ==, 0);
  }
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  outcomes = converc_journal_list_outcomes (journal, "wh_2", 0, NULL);
  g_assert_cmpuint (outcomes->len, ==, 0);
  g_assert_cmpint (converc_journal_get_newest_created (journal, NULL), ==, G_MININT64);

  g_clear_object (&journal);
  converc_test_remove_tree (folder);
}

/* The async calls, as the app makes them, and the in-memory journal
 * writing nothing. */
static void
test_async_in_memory (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();
  g_autoptr(GPtrArray) events = generate_events (50, 3);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercSearchQuery) query = converc_search_query_parse ("type:call.ended");
  g_autofree char *data_dir = g_build_filename (folder, "data", NULL);
  gint64 n_matches = -1;
  guint added = 0;
  guint expected = 0;

  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_assert_null (converc_journal_get_path (journal));

  converc_journal_ingest_async (journal, events, NULL, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, 10);
  g_assert_true (converc_journal_ingest_finish (journal, result, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 50);
  g_clear_object (&result);

  for (guint i = 0; i < events->len; i++)
    expected += g_strcmp0 (converc_event_get_event_type (events->pdata[i]), "call.ended") == 0;

  converc_journal_query_async (journal, query, 0, 0, 3, 0, NULL, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, 10);
  rows = converc_journal_query_finish (journal, result, &n_matches, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, MIN (3, expected));
  g_assert_cmpint (n_matches, ==, expected);

  /* Nothing was written anywhere. */
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
  converc_test_remove_tree (folder);
}

static const char *
row_id (GPtrArray *rows,
        guint      i)
{
  return ((ConvercJournalRow *) g_ptr_array_index (rows, i))->id;
}

/* Another order: oldest first, or by type either way (newest first within
 * a type), with a search and with paging. */
static void
test_query_ordered (void)
{
  g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();
  g_autoptr(GPtrArray) events = events_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(ConvercSearchQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  static const char *expected_type_asc[] = { "e3", "e1", "e4", "e2" };
  static const char *expected_type_desc[] = { "e4", "e2", "e3", "e1" };

  g_ptr_array_add (events, simple_event ("e1", "call.ended", NOV_1_USEC, "Ada"));
  g_ptr_array_add (events, simple_event ("e2", "call.started", NOV_1_USEC + DAY_USEC, "Ada"));
  g_ptr_array_add (events, simple_event ("e3", "call.ended", NOV_1_USEC + 2 * DAY_USEC, "Ada"));
  g_ptr_array_add (events, simple_event ("e4", "call.started", NOV_1_USEC + 3 * DAY_USEC, "Bob"));
  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, NULL, &error));
  g_assert_no_error (error);

  rows = converc_journal_query_ordered (journal, NULL, 0, CONVERC_JOURNAL_ORDER_OLDEST_FIRST,
                                       0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i + 1);

      g_assert_cmpstr (row_id (rows, i), ==, id);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = converc_journal_query_ordered (journal, NULL, 0, CONVERC_JOURNAL_ORDER_TYPE_ASCENDING,
                                       0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (row_id (rows, i), ==, expected_type_asc[i]);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = converc_journal_query_ordered (journal, NULL, 0, CONVERC_JOURNAL_ORDER_TYPE_DESCENDING,
                                       0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (row_id (rows, i), ==, expected_type_desc[i]);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The default is newest first, as converc_journal_query() */
  rows = converc_journal_query_ordered (journal, NULL, 0, CONVERC_JOURNAL_ORDER_NEWEST_FIRST,
                                       1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (row_id (rows, 0), ==, "e3");
  g_assert_cmpstr (row_id (rows, 1), ==, "e2");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* With a search: Ada's, oldest first, the second page of one */
  query = converc_search_query_parse ("ada");
  rows = converc_journal_query_ordered (journal, query, 0, CONVERC_JOURNAL_ORDER_OLDEST_FIRST,
                                       1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_id (rows, 0), ==, "e2");
}

/* A page's bodies in one go are each row's exact bytes; a row pruned
 * meanwhile has none. */
static void
test_lookup_rows (void)
{
  g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();
  g_autoptr(GPtrArray) events = generate_events (30, 5);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, NULL, &error));
  g_assert_no_error (error);
  rows = converc_journal_query_ordered (journal, NULL, 0, CONVERC_JOURNAL_ORDER_NEWEST_FIRST,
                                       5, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 20);

  bodies = converc_journal_lookup_rows (journal, rows, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bodies->len, ==, 20);
  for (guint i = 0; i < rows->len; i++)
    {
      ConvercJournalRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GBytes) one = converc_journal_lookup_by_key (journal, row->key, &error);
      g_autoptr(GBytes) by_id = converc_journal_lookup (journal, row->id, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (g_ptr_array_index (bodies, i), one));
      g_assert_true (g_bytes_equal (g_ptr_array_index (bodies, i), by_id));
    }
  g_clear_pointer (&bodies, g_ptr_array_unref);

  /* The ten oldest pruned (a day's history, ten minutes after the first
   * day): the page's last five rows have no body any more. */
  g_assert_cmpint (converc_journal_prune (journal, 1,
                                          NOV_1_USEC + (G_GINT64_CONSTANT (86400) + 10 * 60) * G_USEC_PER_SEC,
                                          &error), ==, 10);
  g_assert_no_error (error);
  bodies = converc_journal_lookup_rows (journal, rows, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bodies->len, ==, 20);
  for (guint i = 0; i < 20; i++)
    {
      if (i < 15)
        g_assert_nonnull (g_ptr_array_index (bodies, i));
      else
        g_assert_null (g_ptr_array_index (bodies, i));
    }
}

/* A read of the journal on a thread of its own: a count, or a page */
typedef struct
{
  ConvercJournal     *journal;
  ConvercSearchQuery *query;
  GCancellable       *cancellable;
  gint64              n;
  GPtrArray          *rows;
  GError             *error;
} Reading;

static gpointer
count_thread (gpointer data)
{
  Reading *reading = data;

  reading->n = converc_journal_count_cancellable (reading->journal, reading->query, 0,
                                                  reading->cancellable, &reading->error);
  return NULL;
}

static gpointer
page_thread (gpointer data)
{
  Reading *reading = data;

  reading->rows = converc_journal_query_ordered_cancellable (reading->journal, reading->query, 0,
                                                             CONVERC_JOURNAL_ORDER_NEWEST_FIRST,
                                                             2500, 50, reading->cancellable,
                                                             &reading->error);
  return NULL;
}

/* @read, cancelled while it waits for the reading connection, then let
 * in: it stops (at SQLite's first progress check) with "cancelled". */
static void
assert_stopped_while_waiting (Reading     *reading,
                              GThreadFunc  read)
{
  ConvercJournal *reader;
  GThread *thread;

  g_cancellable_reset (reading->cancellable);
  reader = converc_journal_lock_reader (reading->journal);
  thread = g_thread_new ("reading", read, reading);
  g_usleep (100 * 1000);
  g_cancellable_cancel (reading->cancellable);
  g_mutex_unlock (&reader->lock);
  g_thread_join (thread);
  g_assert_error (reading->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&reading->error);
}

/* A long count stops when its cancellable is cancelled (the next search
 * keystroke must not wait for it); otherwise it counts every match. */
static void
test_count_cancellable (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(ConvercJournal) journal = open_journal (folder, "count.sqlite");
  g_autoptr(GPtrArray) events = generate_events (3000, 9);
  g_autoptr(ConvercSearchQuery) query = converc_search_query_parse ("e");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Reading counting = { journal, query, cancellable, 0, NULL, NULL };
  gint64 all;

  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, NULL, &error));
  g_assert_no_error (error);

  all = converc_journal_count_cancellable (journal, query, 0, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpint (all, ==, converc_journal_count (journal, query, 0, NULL));
  g_assert_cmpint (all, >, 2000);

  /* Cancelled before: nothing is read. */
  g_cancellable_cancel (cancellable);
  g_assert_cmpint (converc_journal_count_cancellable (journal, query, 0, cancellable, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled while it waits: it stops instead of counting 3,000 events */
  assert_stopped_while_waiting (&counting, count_thread);
  g_assert_cmpint (counting.n, ==, -1);

  /* The reader works on after it. */
  g_assert_cmpint (converc_journal_count_cancellable (journal, query, 0, NULL, &error), ==, all);
  g_assert_no_error (error);

  g_clear_object (&journal);
  converc_test_remove_tree (folder);
}

/* A page of a search far down stops when its cancellable is cancelled (a
 * page the list no longer needs must not hold up the next keystroke);
 * otherwise it is the page converc_journal_query_ordered() gives. */
static void
test_query_ordered_cancellable (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(ConvercJournal) journal = open_journal (folder, "page.sqlite");
  g_autoptr(GPtrArray) events = generate_events (3000, 11);
  g_autoptr(ConvercSearchQuery) query = converc_search_query_parse ("e");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  Reading paging = { journal, query, cancellable, 0, NULL, NULL };

  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, NULL, &error));
  g_assert_no_error (error);

  expected = converc_journal_query_ordered (journal, query, 0, CONVERC_JOURNAL_ORDER_NEWEST_FIRST,
                                            2500, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, 50);
  rows = converc_journal_query_ordered_cancellable (journal, query, 0,
                                                    CONVERC_JOURNAL_ORDER_NEWEST_FIRST, 2500, 50,
                                                    cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, expected->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (((ConvercJournalRow *) g_ptr_array_index (rows, i))->key, ==,
                     ((ConvercJournalRow *) g_ptr_array_index (expected, i))->key);

  /* Cancelled before: nothing is read. */
  g_cancellable_cancel (cancellable);
  g_assert_null (converc_journal_query_ordered_cancellable (journal, query, 0,
                                                            CONVERC_JOURNAL_ORDER_NEWEST_FIRST,
                                                            2500, 50, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled while it waits: it stops instead of walking 2,550 matches */
  assert_stopped_while_waiting (&paging, page_thread);
  g_assert_null (paging.rows);

  /* The reader works on after it. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = converc_journal_query_ordered_cancellable (journal, query, 0,
                                                    CONVERC_JOURNAL_ORDER_NEWEST_FIRST, 2500, 50,
                                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 50);

  g_clear_object (&journal);
  converc_test_remove_tree (folder);
}

/* The number of stored events is read from what the triggers keep, not
 * counted: it follows every ingest (duplicates not counted), prune and
 * clear, and is what count(*) says. */
static void
test_stored_count (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(ConvercJournal) journal = open_journal (folder, "stored.sqlite");
  g_autoptr(GPtrArray) events = generate_events (500, 13);
  g_autoptr(GPtrArray) half = g_ptr_array_new ();
  g_autoptr(ConvercSearchQuery) everything = converc_search_query_parse ("");
  g_autoptr(GError) error = NULL;
  gint64 pruned;

  g_assert_cmpint (converc_journal_count (journal, NULL, 0, &error), ==, 0);
  g_assert_no_error (error);

  for (guint i = 0; i < 250; i++)
    g_ptr_array_add (half, g_ptr_array_index (events, i));
  g_assert_true (converc_journal_ingest (journal, half, NOV_1_USEC, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 250);

  /* The same 250 again and 250 more: 500, not 750 */
  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC + 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 500);
  g_assert_cmpint (converc_journal_count (journal, everything, 0, NULL), ==, 500);
  g_assert_cmpint (converc_journal_count_at_most (journal, NULL, 0, 100, NULL), ==, 100);
  g_assert_cmpint (count_rows (journal, "events"), ==, 500);

  /* Created a minute apart from 1 Nov: the first 200 are older */
  pruned = converc_journal_prune (journal, 0, NOV_1_USEC + (gint64) 200 * 60 * G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pruned, ==, 200);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 500 - pruned);
  g_assert_cmpint (count_rows (journal, "events"), ==, 500 - pruned);

  g_assert_true (converc_journal_clear (journal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 0);

  g_clear_object (&journal);
  converc_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/journal/ingest-dedupe", test_ingest_and_dedupe);
  g_test_add_func ("/converc/journal/scope-path", test_scope_path);
  g_test_add_func ("/converc/journal/search-equals-matcher", test_search_equals_matcher);
  g_test_add_func ("/converc/journal/search-meaning", test_search_meaning);
  g_test_add_func ("/converc/journal/prune-clear-outcomes", test_prune_clear_outcomes);
  g_test_add_func ("/converc/journal/async-in-memory", test_async_in_memory);
  g_test_add_func ("/converc/journal/query-ordered", test_query_ordered);
  g_test_add_func ("/converc/journal/lookup-rows", test_lookup_rows);
  g_test_add_func ("/converc/journal/count-cancellable", test_count_cancellable);
  g_test_add_func ("/converc/journal/query-ordered-cancellable", test_query_ordered_cancellable);
  g_test_add_func ("/converc/journal/stored-count", test_stored_count);

  return g_test_run ();
}
