/* converc-journal-wal.c
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

/* The one concern of this file: the journal's WAL — counting the frames
 * each commit leaves in it, and copying them into the file (a checkpoint)
 * behind the ingest rather than inside its commit. */

#define G_LOG_DOMAIN "converc-journal"

#include "config.h"

#include "converc-journal-private.h"

/* SQLite's WAL hook, after each commit: how many frames the WAL holds. It
 * replaces SQLite's default one, which copied them into the file inside
 * the commit. */
static int
wal_committed_cb (gpointer    data,
                  sqlite3    *db,
                  const char *name,
                  int         n_frames)
{
  ConvercJournal *self = data;

  g_atomic_int_set (&self->wal_frames, n_frames);
  return SQLITE_OK;
}

void
converc_journal_watch_wal (ConvercJournal *self)
{
  g_assert (CONVERC_IS_JOURNAL (self));

  sqlite3_wal_hook (self->db, wal_committed_cb, self);
}

void
converc_journal_checkpoint_locked (ConvercJournal *self,
                                   gboolean        all)
{
  int n_log = 0;
  int n_copied = 0;
  int rc;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (self->path == NULL || g_atomic_int_get (&self->wal_frames) == 0 ||
      (!all && g_atomic_int_get (&self->wal_frames) < CONVERC_JOURNAL_CHECKPOINT_FRAMES))
    return;

  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &n_log, &n_copied);
  if (rc != SQLITE_OK)
    g_debug ("The history's WAL was not copied into its file: %s", sqlite3_errmsg (self->db));
  else if (n_copied >= n_log)
    g_atomic_int_set (&self->wal_frames, 0);
}
