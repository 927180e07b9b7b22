/* converc-test-journal.c
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

/* The one concern of this file: what the journal's tests share (see
 * converc-test-journal.h). */

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

char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("converc-journal-XXXXXX", &error);

  g_assert_no_error (error);
  return folder;
}

ConvercEvent *
event_from_json (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  ConvercEvent *event = converc_parse_event (bytes, &error);

  g_assert_no_error (error);
  return event;
}

ConvercEvent *
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

GPtrArray *
events_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* Generated events, @n of them, a minute apart, newest last. */
GPtrArray *
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

ConvercJournal *
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
GPtrArray *
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
gint64
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

/* Rows of the trigram index itself (its content is event_folded). */
gint64
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
void
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

gint64
count_unindexed (ConvercJournal *journal)
{
  gint64 n;

  converc_journal_lock (journal);
  n = converc_journal_count_unindexed_locked (journal, NULL);
  g_mutex_unlock (&journal->lock);
  return n;
}

/* Waits (up to 60 s) for the journal's indexer to index every event. */
void
wait_indexed (ConvercJournal *journal)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (count_unindexed (journal) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
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
GPtrArray *
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
guint
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
