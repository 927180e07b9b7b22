/* converc-journal-query.c
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

/* The one concern of this file: reading the journal — search and count
 * (the bodies of found events: converc-journal-lookup.c). */

#define G_LOG_DOMAIN "converc-journal"

#include "config.h"

#include "converc-journal-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* The trigram index finds words of three characters or more; shorter
 * ones are looked for in the folded text of every candidate. */
#define TRIGRAM 3

static const char row_columns[] =
  "e.key, e.id, e.type, e.created_at, e.created_usec, e.first_seen_usec,"
  " e.contact_name, e.contact_email, e.call_status";

typedef enum
{
  PLAN_NO_WORDS,  /* type and time only: the time (or type) index */
  PLAN_INDEX,     /* the trigram index gives the candidates */
  PLAN_WALK,      /* newest first, each event's folded text checked */
} Plan;

/* The SQL of a search and what to bind to it, in order. */
typedef struct
{
  Plan       plan;
  GString   *where;   /* over e (events): the time and the type */
  GString   *text_where;  /* " AND …" over t (event_folded): the words */
  GPtrArray *texts;   /* bound as text, from ?2 on (?1 is the time) */
  gint64     since_usec;
  char      *match;   /* the FTS5 query of the long words, or NULL */
  guint      match_param;  /* its number (PLAN_INDEX) */
} Search;

static void
search_clear (Search *c)
{
  g_string_free (c->where, TRUE);
  g_string_free (c->text_where, TRUE);
  g_ptr_array_unref (c->texts);
  g_free (c->match);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Search, search_clear)

/* A word as an FTS5 phrase: in double quotes, its quotes doubled. */
static char *
fts_phrase (const char *word)
{
  GString *phrase = g_string_new ("\"");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (phrase, '"');
      g_string_append_c (phrase, *p);
    }
  g_string_append_c (phrase, '"');

  return g_string_free (phrase, FALSE);
}

/* Adds to @match (an FTS5 query, its phrases ANDed) the trigrams of @word
 * that do not overlap, and the last one: an event holding the word holds
 * them all. The index keeps no positions (detail=none), so it cannot tell
 * whether they stand together; the caller checks the word itself. Fewer
 * trigrams are fewer lists for the index to read: an event id asks for
 * 10 rather than 26. */
static void
append_trigrams (GString    *match,
                 const char *word)
{
  g_autoptr(GPtrArray) starts = g_ptr_array_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  guint n;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    g_ptr_array_add (starts, (gpointer) p);
  n = starts->len;
  g_ptr_array_add (starts, (gpointer) (word + strlen (word)));
  g_assert (n >= TRIGRAM);

  for (guint i = 0;; i += TRIGRAM)
    {
      const char *from;
      const char *to;
      g_autofree char *trigram = NULL;
      gboolean dup = FALSE;

      if (i + TRIGRAM > n)
        i = n - TRIGRAM;  /* the last one, overlapping its neighbour */
      from = g_ptr_array_index (starts, i);
      to = g_ptr_array_index (starts, i + TRIGRAM);
      trigram = g_strndup (from, to - from);

      for (guint j = 0; j < seen->len && !dup; j++)
        dup = g_str_equal (g_ptr_array_index (seen, j), trigram);
      if (!dup)
        {
          g_autofree char *phrase = fts_phrase (trigram);

          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append (match, phrase);
          g_ptr_array_add (seen, g_steal_pointer (&trigram));
        }
      if (i == n - TRIGRAM)
        break;
    }
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* How many candidates the index gives for @match, counting up to @at_most,
 * and those not in it yet. */
static gint64
count_candidates (ConvercJournal  *self,
                  const char      *match,
                  gint64           at_most,
                  GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    converc_journal_prepare (self,
                             "SELECT (SELECT count(*) FROM (SELECT 1 FROM events_text"
                             " WHERE events_text MATCH ?1 LIMIT ?2))"
                             " + (SELECT count(*) FROM events_unindexed)", error);
  int rc;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, at_most);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      converc_journal_set_error (self, rc, _("Searching the event history"), error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

static gint64
isqrt (gint64 x)
{
  gint64 r = x, y = (x + 1) / 2;

  while (y < r)
    {
      r = y;
      y = (r + x / r) / 2;
    }

  return r;
}

/* How many candidates of the index are too many for a search that needs
 * the newest @needed matches (0: all). The index plan reads and sorts
 * every candidate, n; a walk from the newest event reads about
 * @needed × events / n of them before its page is full. They cost about
 * the same where n = √(@needed × events); the number of events is taken
 * from the keys (at most two steps down the table's tree). */
static gint64
index_limit (ConvercJournal  *self,
             gint64           needed,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 span;
  int rc;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (needed <= 0)
    return self->index_candidates_max;

  /* Two queries apart: max() and min() together would scan the table. */
  stmt = converc_journal_prepare (self,
                                  "SELECT (SELECT max(key) FROM events)"
                                  " - (SELECT min(key) FROM events) + 1", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      converc_journal_set_error (self, rc, _("Searching the event history"), error);
      return -1;
    }
  span = sqlite3_column_int64 (stmt, 0);

  return CLAMP (isqrt (needed * MAX (span, 1)), 1, self->index_candidates_max);
}

/* Every word must be in the folded text (one value a line, and no word
 * holds a line break), found by instr(): exactly what
 * converc_event_matches() gives. The plan is the index's candidates (the
 * events holding some trigrams of each long word) when they are few, else
 * a walk from the newest event. */
static gboolean
plan_search (ConvercJournal            *self,
             const ConvercSearchQuery  *query,
             gint64                     since_usec,
             gboolean                   for_count,
             gint64                     needed,
             Search                    *c,
             GError                   **error)
{
  g_autoptr(GString) match = g_string_new (NULL);

  g_assert (CONVERC_IS_JOURNAL (self));

  c->plan = PLAN_NO_WORDS;
  /* ?1 is always named, so that the numbering of the texts holds; a
   * plain range lets a walk stop at @since_usec. */
  c->where = g_string_new (since_usec > 0 ? "e.sort_usec >= ?1" : "?1 IS NULL");
  c->text_where = g_string_new (NULL);
  c->texts = g_ptr_array_new_with_free_func (g_free);
  c->since_usec = since_usec;
  c->match = NULL;

  if (query == NULL)
    return TRUE;

  if (query->event_type != NULL)
    {
      g_ptr_array_add (c->texts, g_strdup (query->event_type));
      g_string_append_printf (c->where, " AND e.type = ?%u", 1 + c->texts->len);
    }

  if (query->words[0] == NULL)
    return TRUE;

  for (guint i = 0; query->words[i] != NULL; i++)
    {
      if (g_utf8_strlen (query->words[i], -1) >= TRIGRAM)
        append_trigrams (match, query->words[i]);
    }

  c->plan = PLAN_WALK;
  if (match->len > 0)
    {
      c->match = g_strdup (match->str);

      /* A count walks the index however many there are: it stops at its
       * limit, and a walk would read every event. */
      if (for_count)
        c->plan = PLAN_INDEX;
      else
        {
          gint64 max = index_limit (self, needed, error);
          gint64 n = max < 0 ? -1 : count_candidates (self, c->match, max, error);

          if (n < 0)
            return FALSE;
          if (n < max)
            c->plan = PLAN_INDEX;
        }
    }

  if (c->plan == PLAN_INDEX)
    {
      g_ptr_array_add (c->texts, g_strdup (c->match));
      c->match_param = 1 + c->texts->len;
    }

  for (guint i = 0; query->words[i] != NULL; i++)
    {
      /* The index gives candidates only (it keeps no positions): every
       * word is checked in the folded text, on either plan. */
      g_ptr_array_add (c->texts, g_strdup (query->words[i]));
      g_string_append_printf (c->text_where, " AND instr(t.folded, ?%u) > 0", 1 + c->texts->len);
    }

  return TRUE;
}

/* FROM: the events alone, or joined to their folded text in the plan's
 * order. The index's candidates are those it holds and those not in it
 * yet (events_unindexed, converc-journal-index.c), checked word by word
 * alike. */
static char *
search_from (const Search *c,
             gboolean      with_text)
{
  switch (c->plan)
    {
    case PLAN_INDEX:
      return g_strdup_printf ("(SELECT rowid AS key FROM events_text WHERE events_text MATCH ?%u"
                              " UNION ALL SELECT key FROM events_unindexed) c"
                              " CROSS JOIN events e ON e.key = c.key%s",
                              c->match_param,
                              with_text ? " CROSS JOIN event_folded t ON t.key = e.key" : "");
    case PLAN_WALK:
      return g_strdup ("events e CROSS JOIN event_folded t ON t.key = e.key");
    case PLAN_NO_WORDS:
    default:
      return g_strdup ("events e");
    }
}

static void
search_bind (const Search *c,
             sqlite3_stmt *stmt)
{
  if (c->since_usec > 0)
    sqlite3_bind_int64 (stmt, 1, c->since_usec);
  else
    sqlite3_bind_null (stmt, 1);

  for (guint i = 0; i < c->texts->len; i++)
    sqlite3_bind_text (stmt, 2 + i, g_ptr_array_index (c->texts, i), -1, SQLITE_STATIC);
}

static ConvercJournalRow *
read_row (sqlite3_stmt *stmt)
{
  ConvercJournalRow *row = g_new0 (ConvercJournalRow, 1);

  row->key = sqlite3_column_int64 (stmt, 0);
  row->id = dup_column_text (stmt, 1);
  row->event_type = dup_column_text (stmt, 2);
  row->created_at = dup_column_text (stmt, 3);
  row->created_usec = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                        ? G_MININT64 : sqlite3_column_int64 (stmt, 4);
  row->first_seen_usec = sqlite3_column_int64 (stmt, 5);
  row->contact_name = dup_column_text (stmt, 6);
  row->contact_email = dup_column_text (stmt, 7);
  row->call_status = dup_column_text (stmt, 8);

  return row;
}

typedef struct
{
  gint64 sort_usec;
  gint64 key;
} Candidate;

/* Newest first, as the SQL of a page orders them. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->sort_usec != y->sort_usec)
    return x->sort_usec < y->sort_usec ? 1 : -1;
  return (x->key < y->key) - (x->key > y->key);
}

/* PLAN_INDEX: the candidates' keys and times are read (small rows) and
 * sorted newest first; only then is each checked in its folded text (the
 * large rows), in that order, until the page is full and the count has
 * reached @count_at_most (0: all). The page and the count come from one
 * pass, and a common word checks about as many texts as it needs rather
 * than every candidate's. @n_matches: (optional). */
static GPtrArray *
index_page_locked (ConvercJournal  *self,
                   const Search    *c,
                   guint            offset,
                   guint            limit,
                   gint64           count_at_most,
                   gint64          *n_matches,
                   GError         **error)
{
  g_autofree char *from = search_from (c, FALSE);
  g_autofree char *candidates_sql = g_strdup_printf ("SELECT e.sort_usec, e.key FROM %s WHERE %s",
                                                     from, c->where->str);
  g_autofree char *check_sql = g_strdup_printf ("SELECT 1 FROM event_folded t"
                                                " WHERE t.key = ?%u%s",
                                                c->texts->len + 2, c->text_where->str);
  g_autofree char *row_sql = g_strdup_printf ("SELECT %s FROM events e WHERE e.key = ?", row_columns);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(sqlite3_stmt) fetch = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) converc_journal_row_free);
  gint64 page_end = limit > 0 ? (gint64) offset + limit : G_MAXINT64;
  gint64 enough = page_end;
  gint64 matched = 0;
  int rc;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (n_matches != NULL)
    enough = count_at_most > 0 ? MAX (page_end, count_at_most) : G_MAXINT64;

  stmt = converc_journal_prepare (self, candidates_sql, error);
  check = stmt == NULL ? NULL : converc_journal_prepare (self, check_sql, error);
  fetch = check == NULL ? NULL : converc_journal_prepare (self, row_sql, error);
  if (fetch == NULL)
    return NULL;

  search_bind (c, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate candidate = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (candidates, candidate);
    }
  if (rc != SQLITE_DONE)
    goto failed;
  g_array_sort (candidates, compare_candidates);

  search_bind (c, check);
  for (guint i = 0; i < candidates->len && matched < enough; i++)
    {
      gint64 key = g_array_index (candidates, Candidate, i).key;

      sqlite3_reset (check);
      sqlite3_bind_int64 (check, c->texts->len + 2, key);
      rc = sqlite3_step (check);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        goto failed;

      if (matched >= offset && matched < page_end)
        {
          sqlite3_reset (fetch);
          sqlite3_bind_int64 (fetch, 1, key);
          rc = sqlite3_step (fetch);
          if (rc != SQLITE_ROW)
            goto failed;
          g_ptr_array_add (rows, read_row (fetch));
        }
      matched++;
    }

  if (n_matches != NULL)
    *n_matches = count_at_most > 0 ? MIN (matched, count_at_most) : matched;

  return g_steal_pointer (&rows);

failed:
  converc_journal_set_error (self, rc, _("Searching the event history"), error);
  return NULL;
}

/* One page of a search. @n_matches: (out) (optional): how many match (up
 * to @count_at_most, 0: all), when the plan gave it on the way, else -1. */
/* The ORDER BY of @order; the key breaks ties, the same way round. */
static const char *
order_by (ConvercJournalOrder order)
{
  switch (order)
    {
    case CONVERC_JOURNAL_ORDER_OLDEST_FIRST:
      return "e.sort_usec ASC, e.key ASC";
    case CONVERC_JOURNAL_ORDER_TYPE_ASCENDING:
      return "e.type ASC, e.sort_usec DESC, e.key DESC";
    case CONVERC_JOURNAL_ORDER_TYPE_DESCENDING:
      return "e.type DESC, e.sort_usec DESC, e.key DESC";
    case CONVERC_JOURNAL_ORDER_NEWEST_FIRST:
    default:
      return "e.sort_usec DESC, e.key DESC";
    }
}

static GPtrArray *
query_locked (ConvercJournal            *self,
              const ConvercSearchQuery  *search,
              gint64                     since_usec,
              ConvercJournalOrder        order,
              guint                      offset,
              guint                      limit,
              gint64                     count_at_most,
              gint64                    *n_matches,
              GError                   **error)
{
  g_auto(Search) c = { 0, };
  g_autofree char *sql = NULL;
  g_autofree char *from = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) converc_journal_row_free);
  int rc;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (n_matches != NULL)
    *n_matches = -1;

  if (!plan_search (self, search, since_usec, FALSE, limit > 0 ? (gint64) offset + limit : 0,
                    &c, error))
    return NULL;

  /* The index's candidates are sorted newest first; another order asks
   * SQLite to sort the matches. */
  if (c.plan == PLAN_INDEX && order == CONVERC_JOURNAL_ORDER_NEWEST_FIRST)
    return index_page_locked (self, &c, offset, limit, count_at_most, n_matches, error);

  from = search_from (&c, TRUE);
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s%s"
                         " ORDER BY %s LIMIT %" G_GINT64_FORMAT " OFFSET %u",
                         row_columns, from, c.where->str, c.text_where->str, order_by (order),
                         limit > 0 ? (gint64) limit : (gint64) -1, offset);

  stmt = converc_journal_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  search_bind (&c, stmt);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));

  if (rc != SQLITE_DONE)
    {
      converc_journal_set_error (self, rc, _("Searching the event history"), error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* How many events are stored (at most @at_most, 0: all), as the
 * triggers of event_stats keep it: read, not counted. */
static gint64
stored_count_locked (ConvercJournal  *self,
                     gint64           at_most,
                     GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n;
  int rc;

  g_assert (CONVERC_IS_JOURNAL (self));

  stmt = converc_journal_prepare (self, "SELECT n_events FROM event_stats WHERE id = 1", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      converc_journal_set_error (self, rc, _("Counting the event history"), error);
      return -1;
    }
  n = sqlite3_column_int64 (stmt, 0);

  return at_most > 0 ? MIN (n, at_most) : n;
}

static gint64
count_search_locked (ConvercJournal            *self,
                     const ConvercSearchQuery  *search,
                     gint64                     since_usec,
                     gint64                     at_most,
                     GError                   **error)
{
  g_auto(Search) c = { 0, };
  g_autofree char *sql = NULL;
  g_autofree char *from = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (!plan_search (self, search, since_usec, TRUE, 0, &c, error))
    return -1;

  from = search_from (&c, TRUE);
  if (at_most > 0)
    sql = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM %s WHERE %s%s LIMIT %" G_GINT64_FORMAT ")",
                           from, c.where->str, c.text_where->str, at_most);
  else
    sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s%s", from, c.where->str,
                           c.text_where->str);

  stmt = converc_journal_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  search_bind (&c, stmt);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      converc_journal_set_error (self, rc, _("Counting the event history"), error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

static gint64
count_locked (ConvercJournal            *self,
              const ConvercSearchQuery  *search,
              gint64                     since_usec,
              gint64                     at_most,
              GError                   **error)
{
  /* Every event: the number the triggers keep (schema version 5) */
  if (since_usec <= 0 &&
      (search == NULL || (search->event_type == NULL && search->words[0] == NULL)))
    return stored_count_locked (self, at_most, error);

  return count_search_locked (self, search, since_usec, at_most, error);
}

/* Locks and returns the connection that reads: the second one for a file
 * (so a search does not wait for an ingest), else @self. */
ConvercJournal *
converc_journal_lock_reader (ConvercJournal *self)
{
  ConvercJournal *reader = self->reader != NULL ? self->reader : self;

  g_assert (CONVERC_IS_JOURNAL (self));

  converc_journal_lock (reader);
  reader->index_candidates_max = self->index_candidates_max;

  return reader;
}

GPtrArray *
converc_journal_query (ConvercJournal            *self,
                       const ConvercSearchQuery  *search,
                       gint64                     since_usec,
                       guint                      offset,
                       guint                      limit,
                       GError                   **error)
{
  GPtrArray *rows;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* From here on @self is the reading connection, locked. */
  self = converc_journal_lock_reader (self);
  rows = query_locked (self, search, since_usec, CONVERC_JOURNAL_ORDER_NEWEST_FIRST,
                       offset, limit, 0, NULL, error);
  g_mutex_unlock (&self->lock);

  return rows;
}

GPtrArray *
converc_journal_query_ordered (ConvercJournal            *self,
                               const ConvercSearchQuery  *search,
                               gint64                     since_usec,
                               ConvercJournalOrder        order,
                               guint                      offset,
                               guint                      limit,
                               GError                   **error)
{
  GPtrArray *rows;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* From here on @self is the reading connection, locked. */
  self = converc_journal_lock_reader (self);
  rows = query_locked (self, search, since_usec, order, offset, limit, 0, NULL, error);
  g_mutex_unlock (&self->lock);

  return rows;
}

gint64
converc_journal_count_at_most (ConvercJournal            *self,
                               const ConvercSearchQuery  *search,
                               gint64                     since_usec,
                               gint64                     at_most,
                               GError                   **error)
{
  gint64 n;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  /* From here on @self is the reading connection, locked. */
  self = converc_journal_lock_reader (self);
  n = count_locked (self, search, since_usec, at_most, error);
  g_mutex_unlock (&self->lock);

  return n;
}

gint64
converc_journal_count (ConvercJournal            *self,
                       const ConvercSearchQuery  *search,
                       gint64                     since_usec,
                       GError                   **error)
{
  return converc_journal_count_at_most (self, search, since_usec, 0, error);
}

/* SQLite asks this every few thousand steps of a statement: non-zero
 * stops it (SQLITE_INTERRUPT). */
static int
cancelled_cb (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data));
}

/* Locks and returns the reading connection, whose statements stop soon
 * after @cancellable (nullable) is cancelled. */
static ConvercJournal *
lock_reader_stoppable (ConvercJournal *self,
                       GCancellable   *cancellable)
{
  ConvercJournal *reader = converc_journal_lock_reader (self);

  if (cancellable != NULL)
    sqlite3_progress_handler (reader->db, 4096, cancelled_cb, cancellable);

  return reader;
}

static void
unlock_reader_stoppable (ConvercJournal *reader,
                         GCancellable   *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (reader->db, 0, NULL, NULL);
  g_mutex_unlock (&reader->lock);
}

/* @local_error, or "stopped" when @cancellable stopped the statement. */
static void
propagate_stopped (GCancellable  *cancellable,
                   GError        *local_error,
                   GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&local_error);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The search was stopped"));
      return;
    }

  g_propagate_error (error, local_error);
}

/**
 * converc_journal_count_cancellable:
 * @cancellable: (nullable): stops the count part-way
 *
 * As converc_journal_count(), but a count of many events (every match of
 * a short word in a large journal takes a while) stops soon after
 * @cancellable is cancelled, with %G_IO_ERROR_CANCELLED, and lets the
 * next reader (a search keystroke) in.
 *
 * Returns: how many events match, or -1 with @error
 */
gint64
converc_journal_count_cancellable (ConvercJournal            *self,
                                   const ConvercSearchQuery  *search,
                                   gint64                     since_usec,
                                   GCancellable              *cancellable,
                                   GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  ConvercJournal *reader;
  gint64 n;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), -1);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  reader = lock_reader_stoppable (self, cancellable);
  n = count_locked (reader, search, since_usec, 0, &local_error);
  unlock_reader_stoppable (reader, cancellable);

  if (n < 0)
    propagate_stopped (cancellable, g_steal_pointer (&local_error), error);

  return n;
}

/**
 * converc_journal_query_ordered_cancellable:
 * @cancellable: (nullable): stops the query part-way
 *
 * As converc_journal_query_ordered(), but stopped soon after @cancellable
 * is, with %G_IO_ERROR_CANCELLED: a page that a list no longer needs
 * (the search changed) lets the next search in.
 *
 * Returns: (transfer full) (element-type ConvercJournalRow): the rows, or
 *   %NULL with @error
 */
GPtrArray *
converc_journal_query_ordered_cancellable (ConvercJournal            *self,
                                           const ConvercSearchQuery  *search,
                                           gint64                     since_usec,
                                           ConvercJournalOrder        order,
                                           guint                      offset,
                                           guint                      limit,
                                           GCancellable              *cancellable,
                                           GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  ConvercJournal *reader;
  GPtrArray *rows;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  reader = lock_reader_stoppable (self, cancellable);
  rows = query_locked (reader, search, since_usec, order, offset, limit, 0, NULL, &local_error);
  unlock_reader_stoppable (reader, cancellable);

  if (rows == NULL)
    propagate_stopped (cancellable, g_steal_pointer (&local_error), error);

  return rows;
}

/* With the reading connection locked: a page and its count. */
static GPtrArray *
query_page_locked (ConvercJournal            *self,
                   const ConvercSearchQuery  *search,
                   gint64                     since_usec,
                   guint                      offset,
                   guint                      limit,
                   gint64                     count_at_most,
                   gint64                    *n_matches,
                   GError                   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 n_total = -1;

  rows = query_locked (self, search, since_usec, CONVERC_JOURNAL_ORDER_NEWEST_FIRST,
                       offset, limit, count_at_most, &n_total, error);
  if (rows == NULL)
    return NULL;

  /* A first page that is not full holds every match: no count needed. */
  if (offset == 0 && limit > 0 && rows->len < limit)
    *n_matches = rows->len;
  else if (n_total >= 0)
    *n_matches = n_total;
  else
    *n_matches = count_locked (self, search, since_usec, count_at_most, error);

  if (*n_matches < 0)
    return NULL;

  return g_steal_pointer (&rows);
}

GPtrArray *
converc_journal_query_page (ConvercJournal            *self,
                            const ConvercSearchQuery  *search,
                            gint64                     since_usec,
                            guint                      offset,
                            guint                      limit,
                            gint64                     count_at_most,
                            gint64                    *n_matches,
                            GError                   **error)
{
  GPtrArray *rows;
  gint64 n = -1;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* From here on @self is the reading connection, locked. */
  self = converc_journal_lock_reader (self);
  rows = query_page_locked (self, search, since_usec, offset, limit, count_at_most, &n, error);
  g_mutex_unlock (&self->lock);

  if (rows != NULL && n_matches != NULL)
    *n_matches = n;

  return rows;
}
