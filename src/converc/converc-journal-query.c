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

/* The one concern of this file: reading the journal — search, count, one
 * event's bytes, delivery outcomes — and trimming it. */

#define G_LOG_DOMAIN "converc-journal"

#include "config.h"

#include "converc-journal-private.h"

#include <string.h>

/* The trigram index finds words of three characters or more; shorter
 * ones are looked for in the folded text of every candidate. */
#define TRIGRAM 3

static const char row_columns[] =
  "e.key, e.id, e.type, e.created_at, e.created_usec, e.first_seen_usec,"
  " e.contact_name, e.contact_email, e.call_status";

/* The WHERE clause of a search, and what to bind to it, in order. */
typedef struct
{
  GString   *where;
  GPtrArray *texts;    /* bound as text, after @since */
  gboolean   has_since;
  gint64     since_usec;
  char      *type;
} Conditions;

static void
conditions_clear (Conditions *c)
{
  g_string_free (c->where, TRUE);
  g_ptr_array_unref (c->texts);
  g_free (c->type);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Conditions, conditions_clear)

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

static void
conditions_init (Conditions               *c,
                 const ConvercSearchQuery *search,
                 gint64                    since_usec)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) short_words = g_ptr_array_new ();

  c->where = g_string_new ("1");
  c->texts = g_ptr_array_new_with_free_func (g_free);
  c->has_since = since_usec > 0;
  c->since_usec = since_usec;
  c->type = NULL;

  if (c->has_since)
    g_string_append (c->where, " AND e.sort_usec >= ?1");

  if (search == NULL)
    return;

  if (search->event_type != NULL)
    {
      g_ptr_array_add (c->texts, g_strdup (search->event_type));
      g_string_append_printf (c->where, " AND e.type = ?%u", 1 + c->texts->len);
    }

  for (guint i = 0; search->words[i] != NULL; i++)
    {
      const char *word = search->words[i];

      if (g_utf8_strlen (word, -1) >= TRIGRAM)
        {
          g_autofree char *phrase = fts_phrase (word);

          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append (match, phrase);
        }
      else
        g_ptr_array_add (short_words, (gpointer) word);
    }

  if (match->len == 0 && short_words->len == 0)
    return;

  g_string_append (c->where, " AND e.key IN (SELECT rowid FROM events_text WHERE 1");
  if (match->len > 0)
    {
      g_ptr_array_add (c->texts, g_strdup (match->str));
      g_string_append_printf (c->where, " AND events_text MATCH ?%u", 1 + c->texts->len);
    }
  for (guint i = 0; i < short_words->len; i++)
    {
      g_ptr_array_add (c->texts, g_strdup (g_ptr_array_index (short_words, i)));
      g_string_append_printf (c->where, " AND instr(folded, ?%u) > 0", 1 + c->texts->len);
    }
  g_string_append (c->where, ")");
}

static void
conditions_bind (const Conditions *c,
                 sqlite3_stmt     *stmt)
{
  if (c->has_since)
    sqlite3_bind_int64 (stmt, 1, c->since_usec);
  else
    sqlite3_bind_null (stmt, 1);

  for (guint i = 0; i < c->texts->len; i++)
    sqlite3_bind_text (stmt, 2 + i, g_ptr_array_index (c->texts, i), -1, SQLITE_STATIC);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static GPtrArray *
query_locked (ConvercJournal            *self,
              const ConvercSearchQuery  *search,
              gint64                     since_usec,
              guint                      offset,
              guint                      limit,
              GError                   **error)
{
  g_auto(Conditions) c;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) converc_journal_row_free);
  int rc;

  conditions_init (&c, search, since_usec);
  /* ?1 is always named, so that the numbering of the texts holds. */
  sql = g_strdup_printf ("SELECT %s FROM events e WHERE (?1 IS NULL OR 1) AND %s"
                         " ORDER BY e.sort_usec DESC, e.key DESC LIMIT %" G_GINT64_FORMAT
                         " OFFSET %u",
                         row_columns, c.where->str,
                         limit > 0 ? (gint64) limit : (gint64) -1, offset);

  stmt = converc_journal_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  conditions_bind (&c, stmt);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
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
      g_ptr_array_add (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      converc_journal_set_error (self, rc, "Searching the event history", error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static gint64
count_locked (ConvercJournal            *self,
              const ConvercSearchQuery  *search,
              gint64                     since_usec,
              GError                   **error)
{
  g_auto(Conditions) c;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  conditions_init (&c, search, since_usec);
  sql = g_strdup_printf ("SELECT count(*) FROM events e WHERE (?1 IS NULL OR 1) AND %s",
                         c.where->str);

  stmt = converc_journal_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  conditions_bind (&c, stmt);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      converc_journal_set_error (self, rc, "Counting the event history", error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
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

  g_mutex_lock (&self->lock);
  rows = query_locked (self, search, since_usec, offset, limit, error);
  g_mutex_unlock (&self->lock);

  return rows;
}

gint64
converc_journal_count (ConvercJournal            *self,
                       const ConvercSearchQuery  *search,
                       gint64                     since_usec,
                       GError                   **error)
{
  gint64 n;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  g_mutex_lock (&self->lock);
  n = count_locked (self, search, since_usec, error);
  g_mutex_unlock (&self->lock);

  return n;
}

typedef struct
{
  ConvercSearchQuery *search;
  gint64              since_usec;
  guint               offset;
  guint               limit;
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

  g_mutex_lock (&self->lock);
  rows = query_locked (self, data->search, data->since_usec, data->offset, data->limit, &error);
  if (rows != NULL)
    data->n_matches = count_locked (self, data->search, data->since_usec, &error);
  g_mutex_unlock (&self->lock);

  if (rows == NULL || data->n_matches < 0)
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

static GBytes *
lookup_raw (ConvercJournal  *self,
            const char      *sql,
            const char      *text,
            gint64           key,
            const char      *shown,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GBytes *bytes = NULL;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = converc_journal_prepare (self, sql, error);
  if (stmt != NULL)
    {
      if (text != NULL)
        sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, 1, key);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      else if (rc == SQLITE_DONE)
        g_set_error (error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_NOT_FOUND,
                     "No event “%s” is stored", shown);
      else
        converc_journal_set_error (self, rc, "Reading an event", error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->lock);

  return bytes;
}

GBytes *
converc_journal_lookup (ConvercJournal  *self,
                        const char      *id,
                        GError         **error)
{
  g_autofree char *dedupe = NULL;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  dedupe = g_strconcat ("id:", id, NULL);

  return lookup_raw (self, "SELECT raw FROM events WHERE dedupe = ?", dedupe, 0, id, error);
}

GBytes *
converc_journal_lookup_by_key (ConvercJournal  *self,
                               gint64           key,
                               GError         **error)
{
  g_autofree char *shown = g_strdup_printf ("#%" G_GINT64_FORMAT, key);

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);

  return lookup_raw (self, "SELECT raw FROM events WHERE key = ?", NULL, key, shown, error);
}

gboolean
converc_journal_add_outcome (ConvercJournal  *self,
                             const char      *endpoint_id,
                             gint64           time_usec,
                             const char      *kind,
                             const char      *blob,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (endpoint_id != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  g_mutex_lock (&self->lock);
  stmt = converc_journal_prepare (self,
                                  "INSERT INTO outcomes (endpoint_id, time_usec, kind, blob)"
                                  " VALUES (?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, endpoint_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, time_usec);
      sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
      if (blob != NULL)
        sqlite3_bind_text (stmt, 4, blob, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      ok = rc == SQLITE_DONE;
      if (!ok)
        converc_journal_set_error (self, rc, "Storing a delivery outcome", error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->lock);

  return ok;
}

GPtrArray *
converc_journal_list_outcomes (ConvercJournal  *self,
                               const char      *endpoint_id,
                               guint            limit,
                               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (endpoint_id != NULL, NULL);

  outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) converc_journal_outcome_free);

  g_mutex_lock (&self->lock);
  stmt = converc_journal_prepare (self,
                                  "SELECT endpoint_id, time_usec, kind, blob FROM outcomes"
                                  " WHERE endpoint_id = ? ORDER BY time_usec DESC, key DESC"
                                  " LIMIT ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, endpoint_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          ConvercJournalOutcome *outcome = g_new0 (ConvercJournalOutcome, 1);

          outcome->endpoint_id = dup_column_text (stmt, 0);
          outcome->time_usec = sqlite3_column_int64 (stmt, 1);
          outcome->kind = dup_column_text (stmt, 2);
          outcome->blob = dup_column_text (stmt, 3);
          g_ptr_array_add (outcomes, outcome);
        }
      if (rc != SQLITE_DONE)
        converc_journal_set_error (self, rc, "Reading delivery outcomes", error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->lock);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&outcomes);
}

gint64
converc_journal_prune (ConvercJournal  *self,
                       guint            days,
                       gint64           now_usec,
                       GError         **error)
{
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) del_text = NULL;
  g_autoptr(sqlite3_stmt) del_events = NULL;
  g_autoptr(sqlite3_stmt) del_outcomes = NULL;
  gint64 cutoff = now_usec - (gint64) days * G_USEC_PER_SEC * 60 * 60 * 24;
  gint64 removed = -1;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), -1);

  g_mutex_lock (&self->lock);

  if (!converc_journal_exec (self, "BEGIN IMMEDIATE", error))
    goto out;

  del_text = converc_journal_prepare (self,
                                      "DELETE FROM events_text WHERE rowid IN"
                                      " (SELECT key FROM events WHERE sort_usec < ?1)", error);
  del_events = del_text == NULL ? NULL :
    converc_journal_prepare (self, "DELETE FROM events WHERE sort_usec < ?1", error);
  del_outcomes = del_events == NULL ? NULL :
    converc_journal_prepare (self, "DELETE FROM outcomes WHERE time_usec < ?1", error);
  if (del_outcomes == NULL)
    {
      converc_journal_rollback (self);
      goto out;
    }

  sqlite3_bind_int64 (del_text, 1, cutoff);
  sqlite3_bind_int64 (del_events, 1, cutoff);
  sqlite3_bind_int64 (del_outcomes, 1, cutoff);

  {
    int rc = sqlite3_step (del_text);
    gint64 n = 0;

    if (rc == SQLITE_DONE)
      rc = sqlite3_step (del_events);
    n = sqlite3_changes64 (self->db);
    if (rc == SQLITE_DONE)
      rc = sqlite3_step (del_outcomes);
    if (rc != SQLITE_DONE)
      {
        converc_journal_set_error (self, rc, "Removing old events", error);
        converc_journal_rollback (self);
        goto out;
      }

    g_clear_pointer (&del_text, sqlite3_finalize);
    g_clear_pointer (&del_events, sqlite3_finalize);
    g_clear_pointer (&del_outcomes, sqlite3_finalize);
    if (!converc_journal_exec (self, "COMMIT", error))
      {
        converc_journal_rollback (self);
        goto out;
      }
    removed = n;
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

  g_mutex_lock (&self->lock);
  ok = converc_journal_exec (self,
                             "BEGIN IMMEDIATE;"
                             "DELETE FROM events_text;"
                             "DELETE FROM events;"
                             "DELETE FROM outcomes;"
                             "COMMIT;", error);
  if (!ok)
    converc_journal_rollback (self);
  /* Gives the space back and leaves no trace of the events in free pages. */
  else if (self->path != NULL)
    ok = converc_journal_exec (self, "VACUUM", error);
  g_mutex_unlock (&self->lock);

  return ok;
}

gint64
converc_journal_get_newest_created (ConvercJournal  *self,
                                    GError         **error)
{
  gint64 newest = G_MININT64;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), G_MININT64);

  g_mutex_lock (&self->lock);
  /* Where createdAt was read, it is the sort time: the first such row in
   * the time index is the newest. */
  stmt = converc_journal_prepare (self,
                                  "SELECT created_usec FROM events WHERE created_usec IS NOT NULL"
                                  " ORDER BY sort_usec DESC LIMIT 1", error);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        newest = sqlite3_column_int64 (stmt, 0);
      else if (rc != SQLITE_DONE)
        converc_journal_set_error (self, rc, "Event history", error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->lock);

  return newest;
}
