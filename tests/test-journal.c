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
 * migration, outcomes, async calls, the in-memory mode. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "converc.h"
#include "converc-emulator-private.h"
#include "converc-event-search-private.h"
#include "converc-journal-private.h"
#include "converc-test-utils.h"

#include <sqlite3.h>

#define DAY_USEC (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
/* 2026-11-01T00:00:00Z */
#define NOV_1_USEC (G_GINT64_CONSTANT (1793491200) * G_USEC_PER_SEC)

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("converc-journal-XXXXXX", &error);

  g_assert_no_error (error);
  return folder;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static ConvercEvent *
event_from_json (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  ConvercEvent *event = converc_parse_event (bytes, &error);

  g_assert_no_error (error);
  return event;
}

static ConvercEvent *
simple_event (const char *id,
              const char *type,
              gint64      created_usec,
              const char *name)
{
  g_autofree char *created = converc_emulator_format_time (created_usec, FALSE);
  g_autofree char *json =
    g_strdup_printf ("{\"id\":\"%s\",\"type\":\"%s\",\"createdAt\":\"%s\","
                     "\"data\":{\"contact\":{\"name\":\"%s\",\"email\":\"%s@example.com\"}}}",
                     id, type, created, name, id);

  return event_from_json (json);
}

static GPtrArray *
events_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* Generated events, @n of them, a minute apart, newest last. */
static GPtrArray *
generate_events (guint   n,
                 guint32 seed)
{
  g_autoptr(ConvercEmulatorGenerator) gen = converc_emulator_generator_new (seed);
  GPtrArray *events = events_new ();

  for (guint i = 0; i < n; i++)
    {
      const char *type = converc_emulator_generator_pick_type (gen);
      g_autofree char *id = NULL;
      g_autofree char *json = converc_emulator_generator_render (gen, type,
                                                                 NOV_1_USEC + (gint64) i * 60 * G_USEC_PER_SEC,
                                                                 &id);

      g_ptr_array_add (events, event_from_json (json));
    }

  return events;
}

static ConvercJournal *
open_journal (const char *folder,
              const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  ConvercJournal *journal = converc_journal_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

/* The ids a journal search finds, in its order. */
static GPtrArray *
journal_ids (ConvercJournal *journal,
             const char     *text,
             gint64          since_usec)
{
  g_autoptr(ConvercSearchQuery) query = converc_search_query_parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = converc_journal_query (journal, query, since_usec, 0, 0, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, g_strdup (((ConvercJournalRow *) g_ptr_array_index (rows, i))->id));
  g_assert_cmpint (converc_journal_count (journal, query, since_usec, NULL), ==, rows->len);

  return ids;
}

/* Rows of a table, read behind the API: nothing is left behind. */
static gint64
count_rows (ConvercJournal *journal,
            const char     *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (journal->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

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
  remove_tree (folder);
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

/* Text a needle is cut from: a random value of a random event. */
static char *
random_needle (GRand        *rand,
               ConvercEvent *event)
{
  gsize len;
  const char *data = g_bytes_get_data (converc_event_get_raw (event), &len);
  g_autofree char *text = converc_event_search_index_text (data, len);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_lines = g_strv_length (lines);
  const char *line;
  glong n_chars;
  glong start, count;
  g_autofree char *piece = NULL;

  if (n_lines < 2)
    return g_strdup ("x");
  line = lines[g_rand_int_range (rand, 0, n_lines - 1)];
  n_chars = g_utf8_strlen (line, -1);
  if (n_chars == 0)
    return g_strdup ("a");
  count = g_rand_int_range (rand, 1, MIN (n_chars, 9) + 1);
  start = g_rand_int_range (rand, 0, n_chars - count + 1);
  piece = g_utf8_substring (line, start, start + count);

  /* Upper case now and then, to be folded back. */
  if (g_rand_boolean (rand))
    return g_utf8_strup (piece, -1);
  return g_steal_pointer (&piece);
}

/* Searches for the matcher test: fixed ones, and pieces of the values of
 * @events, one or two words. */
static GPtrArray *
make_searches (GPtrArray *events)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  GPtrArray *searches = g_ptr_array_new_with_free_func (g_free);
  const char * const fixed[] = {
    "", "a", "e", "zz", "zoe", "ZOË", "müller", "mueller", "MULLER", "@example",
    "type:call.ended", "type:call.ended ada", "TYPE:call.missed 2026", "type:", "type:nope",
    "call", "call.ended", "completed", "\"", "\\", "%", "_", "a_b", "*", "true", "null",
    "0", "00", "2026-11", "https://", "\xc3\xa9", "e\xcc\x81", "zzzqqq", "lo ve", "ada lovelace",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (searches, g_strdup (fixed[i]));
  for (guint i = 0; i < 400; i++)
    {
      ConvercEvent *event = g_ptr_array_index (events, g_rand_int_range (rand, 0, events->len));
      g_autofree char *needle = random_needle (rand, event);

      if (strchr (needle, ' ') != NULL || i % 3 != 0)
        g_ptr_array_add (searches, g_steal_pointer (&needle));
      else
        {
          ConvercEvent *other = g_ptr_array_index (events, g_rand_int_range (rand, 0, events->len));
          g_autofree char *second = random_needle (rand, other);

          g_ptr_array_add (searches, g_strdup_printf ("%s %s", needle, second));
        }
    }

  return searches;
}

/* Each of @searches finds in @journal exactly what the matcher finds in
 * @events (all of them stored, oldest first), in the same order, both from
 * the index and walking the events. Returns how many found something. */
static guint
assert_searches_equal (ConvercJournal *journal,
                       GPtrArray      *events,
                       GPtrArray      *searches)
{
  guint n_nonempty = 0;

  /* Each search both ways: from the index, and walking the events (as
   * it does when the index has many candidates). */
  for (guint s = 0; s < 2 * searches->len; s++)
    {
      const char *text = g_ptr_array_index (searches, s % searches->len);
      g_autoptr(ConvercSearchQuery) query = converc_search_query_parse (text);
      g_autoptr(GPtrArray) found = journal_ids (journal, text, 0);
      g_autoptr(GPtrArray) expected = g_ptr_array_new ();

      /* The journal answers newest first: the events, backwards. */
      for (guint i = events->len; i-- > 0;)
        {
          if (converc_search_query_matches (query, g_ptr_array_index (events, i)))
            g_ptr_array_add (expected, (gpointer) converc_event_get_id (g_ptr_array_index (events, i)));
        }

      if (found->len != expected->len)
        g_error ("search “%s”: the journal found %u events, the matcher %u",
                 text, found->len, expected->len);
      for (guint i = 0; i < found->len; i++)
        g_assert_cmpstr (g_ptr_array_index (found, i), ==, g_ptr_array_index (expected, i));

      /* A page: 5 from the third on; and a count that stops at 4. */
      {
        g_autoptr(GPtrArray) page = converc_journal_query (journal, query, 0, 2, 5, NULL);

        g_assert_cmpuint (page->len, ==, MIN (5, MAX (expected->len, 2) - 2));
        for (guint i = 0; i < page->len; i++)
          g_assert_cmpstr (((ConvercJournalRow *) page->pdata[i])->id, ==,
                           g_ptr_array_index (expected, i + 2));
        g_assert_cmpint (converc_journal_count_at_most (journal, query, 0, 4, NULL), ==,
                         MIN (4, expected->len));
      }
      /* A keystroke's first page and its count, up to 7 and all. */
      for (guint at_most = 0; at_most <= 7; at_most += 7)
        {
          gint64 n_matches = -1;
          g_autoptr(GPtrArray) page = converc_journal_query_page (journal, query, 0, 0, 5, at_most,
                                                                  &n_matches, NULL);

          g_assert_cmpuint (page->len, ==, MIN (5, expected->len));
          for (guint i = 0; i < page->len; i++)
            g_assert_cmpstr (((ConvercJournalRow *) page->pdata[i])->id, ==,
                             g_ptr_array_index (expected, i));
          g_assert_cmpint (n_matches, ==, at_most > 0 ? MIN (at_most, expected->len) : expected->len);
        }
      if (found->len > 0 && s < searches->len)
        n_nonempty++;
      if (s + 1 == searches->len)
        journal->index_candidates_max = 1;
    }
  journal->index_candidates_max = CONVERC_JOURNAL_INDEX_CANDIDATES_MAX;

  return n_nonempty;
}

/* Rows of the trigram index itself (its content is event_folded). */
static gint64
count_indexed (ConvercJournal *journal,
               const char     *match)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events_text"
                                          " WHERE events_text MATCH '%s'", match);

  sqlite3_stmt *stmt = NULL;
  gint64 n;

  converc_journal_lock (journal);
  g_assert_cmpint (sqlite3_prepare_v2 (journal->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&journal->lock);
  return n;
}

/* The trigram index holds exactly the folded text of the events (FTS5's
 * own check of an index against its content). */
static void
assert_index_sound (ConvercJournal *journal)
{
  char *message = NULL;
  int rc;

  converc_journal_lock (journal);
  rc = sqlite3_exec (journal->db, "INSERT INTO events_text (events_text, rank)"
                     " VALUES ('integrity-check', 1)", NULL, NULL, &message);
  g_mutex_unlock (&journal->lock);
  if (rc != SQLITE_OK)
    g_error ("the search index is not sound: %s", message);
}

static gint64
count_unindexed (ConvercJournal *journal)
{
  gint64 n;

  converc_journal_lock (journal);
  n = converc_journal_count_unindexed_locked (journal, NULL);
  g_mutex_unlock (&journal->lock);
  return n;
}

/* Waits (up to 60 s) for the journal's indexer to index every event. */
static void
wait_indexed (ConvercJournal *journal)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (count_unindexed (journal) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
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
  remove_tree (folder);
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

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, CONVERC_JOURNAL_SCHEMA_VERSION);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  remove_tree (folder);
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
  remove_tree (folder);
}

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
  remove_tree (folder);
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
  remove_tree (folder);
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
  remove_tree (folder);
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
  remove_tree (folder);
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

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, CONVERC_JOURNAL_SCHEMA_VERSION);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  remove_tree (folder);
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
  remove_tree (folder);
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
  remove_tree (folder);
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
  remove_tree (folder);
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
  g_test_add_func ("/converc/journal/migrate-v1", test_migrate_v1);
  g_test_add_func ("/converc/journal/async-in-memory", test_async_in_memory);
  g_test_add_func ("/converc/journal/search-during-ingest", test_search_during_ingest);
  g_test_add_func ("/converc/journal/index-at-reopen", test_index_at_reopen);
  g_test_add_func ("/converc/journal/stop-mid-batch", test_stop_mid_batch);
  g_test_add_func ("/converc/journal/checkpoint-behind", test_checkpoint_behind);
  g_test_add_func ("/converc/journal/migrate-v3", test_migrate_v3);
  g_test_add_func ("/converc/journal/query-ordered", test_query_ordered);
  g_test_add_func ("/converc/journal/lookup-rows", test_lookup_rows);
  g_test_add_func ("/converc/journal/count-cancellable", test_count_cancellable);
  g_test_add_func ("/converc/journal/query-ordered-cancellable", test_query_ordered_cancellable);
  g_test_add_func ("/converc/journal/stored-count", test_stored_count);

  return g_test_run ();
}
