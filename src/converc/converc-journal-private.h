/* converc-journal-private.h
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

/* The one concern of this file: what the journal's files share — its
 * struct, its SQLite helpers and its error mapping. */

#pragma once

#include <sqlite3.h>

#include "converc-journal.h"

G_BEGIN_DECLS

/* How a search is answered: from the trigram index when it finds fewer
 * candidates than this (and, for a page, fewer than √(page end × events):
 * converc-journal-query.c), else by walking the events newest first and
 * checking each one's folded text, which soon fills a page of a common
 * word (figures in BENCHMARKS.md). */
#define CONVERC_JOURNAL_INDEX_CANDIDATES_MAX 10000

/* The background indexer adds this many stored events to the trigram
 * index per transaction, letting a waiting writer in between. */
#define CONVERC_JOURNAL_INDEX_BATCH 2000

struct _ConvercJournal
{
  GObject   parent_instance;

  /* One connection, used by one thread at a time (@lock): the worker
   * threads of the async calls and the caller's. */
  GMutex    lock;
  sqlite3  *db;
  char     *path;  /* NULL in memory */
  /* A second connection to the file for reading, so that a search never
   * waits for an ingest (WAL lets readers go on beside the writer); NULL
   * in memory, where the one connection serves both. */
  ConvercJournal *reader;
  /* Below this many candidates a search reads the index, else it walks
   * the events newest first (converc-journal-query.c); tests lower it. */
  gint64    index_candidates_max;

  /* Writers and searches of the in-memory journal waiting for @lock: the
   * indexer lets them in between its batches. */
  int       n_waiting;
  /* The indexer: a thread of the writing connection that adds stored
   * events to the trigram index behind each ingest (events_unindexed
   * lists them; searches read those apart). Under @lock. */
  GThread  *indexer;
  GCond     indexer_cond;
  gboolean  index_wanted;
  /* Set (atomically, without @lock) when the journal goes: the batch
   * under way gives up at SQLite's next progress check and rolls back,
   * its events left for the next open, instead of keeping the one who
   * closes the journal (the CLI's exit, the app's quit) waiting. */
  int       indexer_stopping;
  /* Tests: called by the indexer, @lock held, before each batch. */
  void    (*before_index_batch) (ConvercJournal *self);
  /* Frames in the WAL after the last commit (SQLite's WAL hook; atomic).
   * A commit does not copy them into the file: the indexer's thread does,
   * behind the ingest (converc_journal_checkpoint_locked()). */
  int       wal_frames;
  /* FALSE: an ingest leaves its events to converc_journal_index_pending()
   * (tests, and the benchmark's bulk build). */
  gboolean  auto_index;
};

/* Sets @error from the connection's last error, "@what: <SQLite's words>",
 * in CONVERC_JOURNAL_ERROR with the code that fits @rc. */
void     converc_journal_set_error  (ConvercJournal  *self,
                                     int              rc,
                                     const char      *what,
                                     GError         **error);
/* Runs @sql (no results wanted). */
gboolean converc_journal_exec       (ConvercJournal  *self,
                                     const char      *sql,
                                     GError         **error);
/* Ends a transaction left open by a failure. */
void     converc_journal_rollback   (ConvercJournal  *self);
/* The SQL of each schema version's step from the one before
 * (converc-journal-schema.c): CONVERC_JOURNAL_SCHEMA_VERSION of them. */
extern const char * const converc_journal_migrations[];

/* Locks and returns the connection that reads: the second one for a file
 * (so a search does not wait for an ingest), else @self. */
ConvercJournal *converc_journal_lock_reader (ConvercJournal *self);
/* Locks @self->lock, ahead of the indexer's next batch. */
void     converc_journal_lock       (ConvercJournal  *self);
/* With @self->lock held: how many stored events are not in the trigram
 * index yet, or -1 on error. */
gint64   converc_journal_count_unindexed_locked (ConvercJournal  *self,
                                                 GError         **error);
/* The WAL is copied into the file once it holds this many frames
 * (SQLite's own default for the checkpoint it runs inside a commit). */
#define CONVERC_JOURNAL_CHECKPOINT_FRAMES 1000

/* Counts the frames each commit leaves in the WAL (@wal_frames), instead
 * of SQLite copying them into the file inside the commit. */
void     converc_journal_watch_wal         (ConvercJournal *self);
/* With @self->lock held: copies the WAL into the file, as far as readers
 * let it and waiting for none, once it holds
 * CONVERC_JOURNAL_CHECKPOINT_FRAMES, or whatever it holds if @all. */
void     converc_journal_checkpoint_locked (ConvercJournal *self,
                                            gboolean        all);
/* With @self->lock held: starts the indexer (once) and wakes it. */
void     converc_journal_want_index (ConvercJournal  *self);
/* Stops the indexer, its batch under way rolled back, and waits for it
 * (finalize). */
void     converc_journal_stop_indexer (ConvercJournal *self);
sqlite3_stmt *converc_journal_prepare (ConvercJournal  *self,
                                       const char      *sql,
                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
