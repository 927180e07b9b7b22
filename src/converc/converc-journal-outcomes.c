/* converc-journal-outcomes.c
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

/* The one concern of this file: the delivery outcomes of endpoints kept in
 * the journal. */

#define G_LOG_DOMAIN "converc-journal"

#include "config.h"

#include "converc-journal-private.h"

#include <glib/gi18n.h>

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
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

  converc_journal_lock (self);
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
        converc_journal_set_error (self, rc, _("Storing a delivery outcome"), error);
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

  /* From here on @self is the reading connection, locked. */
  self = converc_journal_lock_reader (self);
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
        converc_journal_set_error (self, rc, _("Reading delivery outcomes"), error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->lock);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&outcomes);
}
