/* converc-journal-lookup.c
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

/* The one concern of this file: reading stored events' exact bytes — one
 * by id or by key, or a page of rows in one go — and the newest event's
 * time. */

#define G_LOG_DOMAIN "converc-journal"

#include "config.h"

#include "converc-journal-private.h"

#include <glib/gi18n.h>

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

  g_assert (CONVERC_IS_JOURNAL (self));

  /* From here on @self is the reading connection, locked. */
  self = converc_journal_lock_reader (self);
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
                     _("No event “%s” is stored"), shown);
      else
        converc_journal_set_error (self, rc, _("Reading an event"), error);
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

  return lookup_raw (self, "SELECT b.raw FROM events e JOIN event_bodies b ON b.key = e.key"
                     " WHERE e.dedupe = ?", dedupe, 0, id, error);
}

GBytes *
converc_journal_lookup_by_key (ConvercJournal  *self,
                               gint64           key,
                               GError         **error)
{
  g_autofree char *shown = g_strdup_printf ("#%" G_GINT64_FORMAT, key);

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);

  return lookup_raw (self, "SELECT raw FROM event_bodies WHERE key = ?", NULL, key, shown, error);
}

/**
 * converc_journal_lookup_rows:
 * @rows: (element-type ConvercJournalRow): rows of a query
 *
 * Reads the bodies of @rows with one statement under one lock, as a list
 * shows a page of them.
 *
 * Returns: (transfer full) (element-type GBytes) (nullable): their bytes,
 *   in order, NULL for a row no longer stored
 */
GPtrArray *
converc_journal_lookup_rows (ConvercJournal  *self,
                             GPtrArray       *rows,
                             GError         **error)
{
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  bodies = g_ptr_array_new_full (rows->len, (GDestroyNotify) g_bytes_unref);

  /* From here on @self is the reading connection, locked. */
  self = converc_journal_lock_reader (self);
  stmt = converc_journal_prepare (self, "SELECT raw FROM event_bodies WHERE key = ?", error);
  for (guint i = 0; stmt != NULL && i < rows->len; i++)
    {
      const ConvercJournalRow *row = g_ptr_array_index (rows, i);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, row->key);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (bodies, g_bytes_new (sqlite3_column_blob (stmt, 0),
                                              sqlite3_column_bytes (stmt, 0)));
      else if (rc == SQLITE_DONE)
        g_ptr_array_add (bodies, NULL);
      else
        {
          converc_journal_set_error (self, rc, _("Reading an event"), error);
          g_clear_pointer (&stmt, sqlite3_finalize);
          g_clear_pointer (&bodies, g_ptr_array_unref);
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->lock);

  if (bodies == NULL || bodies->len < rows->len)
    return NULL;

  return g_steal_pointer (&bodies);
}

gint64
converc_journal_get_newest_created (ConvercJournal  *self,
                                    GError         **error)
{
  gint64 newest = G_MININT64;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), G_MININT64);

  /* From here on @self is the reading connection, locked. */
  self = converc_journal_lock_reader (self);
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
        converc_journal_set_error (self, rc, _("Event history"), error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->lock);

  return newest;
}
