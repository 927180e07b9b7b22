/* converc-journal.h
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

/* The one concern of this file: the event journal's API — every event ever
 * fetched for one organisation, kept in SQLite and searchable. */

#pragma once

#include <gio/gio.h>

#include "converc-event.h"
#include "converc-search-query.h"

G_BEGIN_DECLS

#define CONVERC_JOURNAL_ERROR (converc_journal_error_quark ())

/**
 * ConvercJournalError:
 * @CONVERC_JOURNAL_ERROR_FAILED: anything not covered below
 * @CONVERC_JOURNAL_ERROR_CORRUPT: the file is damaged or not a journal; it
 *   was moved aside (the message says where) and opening again starts anew
 * @CONVERC_JOURNAL_ERROR_NEWER_VERSION: written by a newer version of the
 *   app; left untouched
 * @CONVERC_JOURNAL_ERROR_READ_ONLY: the file or its folder cannot be written
 * @CONVERC_JOURNAL_ERROR_NO_SPACE: the disk (or the file size limit) is full;
 *   nothing of the failed write was stored, everything before it is kept
 * @CONVERC_JOURNAL_ERROR_BUSY: another program held the journal too long
 * @CONVERC_JOURNAL_ERROR_NOT_FOUND: no stored event has that id
 */
typedef enum
{
  CONVERC_JOURNAL_ERROR_FAILED,
  CONVERC_JOURNAL_ERROR_CORRUPT,
  CONVERC_JOURNAL_ERROR_NEWER_VERSION,
  CONVERC_JOURNAL_ERROR_READ_ONLY,
  CONVERC_JOURNAL_ERROR_NO_SPACE,
  CONVERC_JOURNAL_ERROR_BUSY,
  CONVERC_JOURNAL_ERROR_NOT_FOUND,
} ConvercJournalError;

/* The schema version this code writes (PRAGMA user_version). */
#define CONVERC_JOURNAL_SCHEMA_VERSION 5

/* One event as a list shows it, without its body (fetch that by id with
 * converc_journal_lookup()). Strings may be NULL. */
typedef struct
{
  gint64  key;              /* stable while the event is stored */
  char   *id;
  char   *event_type;
  char   *created_at;       /* the raw text */
  gint64  created_usec;     /* G_MININT64 when it could not be read */
  gint64  first_seen_usec;
  char   *contact_name;
  char   *contact_email;
  char   *call_status;
} ConvercJournalRow;

/* One delivery outcome of an endpoint (issue 16 defines @blob, JSON). */
typedef struct
{
  char   *endpoint_id;
  gint64  time_usec;
  char   *kind;
  char   *blob;
} ConvercJournalOutcome;

/**
 * ConvercJournalOrder:
 * @CONVERC_JOURNAL_ORDER_NEWEST_FIRST: by time, newest first (the default)
 * @CONVERC_JOURNAL_ORDER_OLDEST_FIRST: by time, oldest first
 * @CONVERC_JOURNAL_ORDER_TYPE_ASCENDING: by type A to Z, newest first
 *   within a type
 * @CONVERC_JOURNAL_ORDER_TYPE_DESCENDING: by type Z to A, newest first
 *   within a type
 *
 * The order of converc_journal_query_ordered().
 */
typedef enum
{
  CONVERC_JOURNAL_ORDER_NEWEST_FIRST,
  CONVERC_JOURNAL_ORDER_OLDEST_FIRST,
  CONVERC_JOURNAL_ORDER_TYPE_ASCENDING,
  CONVERC_JOURNAL_ORDER_TYPE_DESCENDING,
} ConvercJournalOrder;

#define CONVERC_TYPE_JOURNAL (converc_journal_get_type())

G_DECLARE_FINAL_TYPE (ConvercJournal, converc_journal, CONVERC, JOURNAL, GObject)

GQuark          converc_journal_error_quark       (void);

void            converc_journal_row_free          (ConvercJournalRow     *row);
void            converc_journal_outcome_free      (ConvercJournalOutcome *outcome);

/* The scope of an organisation's journal while there are no accounts: its
 * base URL, normalised (scheme and host in lower case, no trailing slash).
 * Opaque to the journal: an account id will do as well. */
char           *converc_journal_scope_for_base_url (const char          *base_url);
/* $XDG_DATA_HOME/converc-webhooks/journal-<hash of @scope>.sqlite */
char           *converc_journal_dup_path_for_scope (const char          *scope);
/* The paths of every journal file in @folder (named as
 * converc_journal_dup_path_for_scope() names them), sorted; none when
 * @folder does not exist. */
GPtrArray      *converc_journal_list_files        (const char          *folder);

/* Opens (creating it, its folder 0700 and the file 0600) or migrates the
 * journal at @path. Errors: see #ConvercJournalError. */
ConvercJournal *converc_journal_open              (const char           *path,
                                                   GError              **error);
ConvercJournal *converc_journal_open_for_scope    (const char           *scope,
                                                   GError              **error);
/* A journal that writes nothing (demo mode, or after the file failed). */
ConvercJournal *converc_journal_new_in_memory     (void);
/* The file, or NULL in memory. */
const char     *converc_journal_get_path          (ConvercJournal       *self);

/* Stores @events (ConvercEvent) in one transaction: all or, on error,
 * none. An event whose id is stored already is skipped (its first-seen
 * time kept). @n_added: (out) (optional): how many were new. The new
 * events are searchable at once; a thread of the journal adds them to the
 * search index behind the ingest (a journal closed before that finishes
 * it when opened again). */
gboolean        converc_journal_ingest            (ConvercJournal       *self,
                                                   GPtrArray            *events,
                                                   gint64                seen_usec,
                                                   guint                *n_added,
                                                   GError              **error);
/* Adds up to @max_events (0: all) stored events to the search index now,
 * rather than waiting for the journal's thread. Returns how many are left
 * out of it, or -1 on error. */
gint64          converc_journal_index_pending     (ConvercJournal       *self,
                                                   guint                 max_events,
                                                   GError              **error);
/* Parses an answer of `GET /webhooks/events` and stores its events. */
gboolean        converc_journal_ingest_answer     (ConvercJournal       *self,
                                                   GBytes               *answer,
                                                   gint64                seen_usec,
                                                   guint                *n_added,
                                                   GError              **error);
void            converc_journal_ingest_async      (ConvercJournal       *self,
                                                   GPtrArray            *events,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        converc_journal_ingest_finish     (ConvercJournal       *self,
                                                   GAsyncResult         *result,
                                                   guint                *n_added,
                                                   GError              **error);

/* Events matching @search (NULL: all) created (or, without a readable
 * createdAt, first seen) at or after @since_usec (0: any time), newest
 * first; @limit 0: no limit. Returns ConvercJournalRow, or NULL. */
GPtrArray      *converc_journal_query             (ConvercJournal            *self,
                                                   const ConvercSearchQuery  *search,
                                                   gint64                     since_usec,
                                                   guint                      offset,
                                                   guint                      limit,
                                                   GError                   **error);
/* The same in another @order. */
GPtrArray      *converc_journal_query_ordered     (ConvercJournal            *self,
                                                   const ConvercSearchQuery  *search,
                                                   gint64                     since_usec,
                                                   ConvercJournalOrder        order,
                                                   guint                      offset,
                                                   guint                      limit,
                                                   GError                   **error);
/* The same, stopped part-way (G_IO_ERROR_CANCELLED) soon after
 * @cancellable is. */
GPtrArray      *converc_journal_query_ordered_cancellable (ConvercJournal            *self,
                                                           const ConvercSearchQuery  *search,
                                                           gint64                     since_usec,
                                                           ConvercJournalOrder        order,
                                                           guint                      offset,
                                                           guint                      limit,
                                                           GCancellable              *cancellable,
                                                           GError                   **error);
/* How many events match, or -1 on error. */
gint64          converc_journal_count             (ConvercJournal            *self,
                                                   const ConvercSearchQuery  *search,
                                                   gint64                     since_usec,
                                                   GError                   **error);
/* The same, counting no further than @at_most (0: all): a status line can
 * say "10,000+" at once where counting all would take long. */
/* The same, stopped part-way (G_IO_ERROR_CANCELLED) soon after
 * @cancellable is. */
gint64          converc_journal_count_cancellable (ConvercJournal            *self,
                                                   const ConvercSearchQuery  *search,
                                                   gint64                     since_usec,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);
gint64          converc_journal_count_at_most     (ConvercJournal            *self,
                                                   const ConvercSearchQuery  *search,
                                                   gint64                     since_usec,
                                                   gint64                     at_most,
                                                   GError                   **error);
/* One page of a query and the number of matches (up to @count_at_most,
 * 0: all), as a search keystroke wants them: where the page needs every
 * candidate of the index read, they are counted in the same pass. */
GPtrArray      *converc_journal_query_page        (ConvercJournal            *self,
                                                   const ConvercSearchQuery  *search,
                                                   gint64                     since_usec,
                                                   guint                      offset,
                                                   guint                      limit,
                                                   gint64                     count_at_most,
                                                   gint64                    *n_matches,
                                                   GError                   **error);
/* The same on a worker thread. */
void            converc_journal_query_async       (ConvercJournal            *self,
                                                   const ConvercSearchQuery  *search,
                                                   gint64                     since_usec,
                                                   guint                      offset,
                                                   guint                      limit,
                                                   gint64                     count_at_most,
                                                   GCancellable              *cancellable,
                                                   GAsyncReadyCallback        callback,
                                                   gpointer                   user_data);
GPtrArray      *converc_journal_query_finish      (ConvercJournal            *self,
                                                   GAsyncResult              *result,
                                                   gint64                    *n_matches,
                                                   GError                   **error);

/* The exact bytes of the event with @id. */
GBytes         *converc_journal_lookup            (ConvercJournal       *self,
                                                   const char           *id,
                                                   GError              **error);
/* The exact bytes of the event of a row (ConvercJournalRow.key). */
GBytes         *converc_journal_lookup_by_key     (ConvercJournal       *self,
                                                   gint64                key,
                                                   GError              **error);
/* The same for @rows (ConvercJournalRow) in one go: their bodies in
 * order, NULL where one is no longer stored (pruned meanwhile). NULL with
 * @error when the journal cannot be read. */
GPtrArray      *converc_journal_lookup_rows       (ConvercJournal       *self,
                                                   GPtrArray            *rows,
                                                   GError              **error);
/* The newest readable createdAt stored, in µs; G_MININT64 when none (or
 * on error, with @error set). */
gint64          converc_journal_get_newest_created (ConvercJournal      *self,
                                                   GError              **error);
/* Removes events (and outcomes) older than @days days before @now_usec.
 * Returns how many events went, or -1 on error. */
gint64          converc_journal_prune             (ConvercJournal       *self,
                                                   guint                 days,
                                                   gint64                now_usec,
                                                   GError              **error);
/* Removes every event and outcome. */
gboolean        converc_journal_clear             (ConvercJournal       *self,
                                                   GError              **error);

gboolean        converc_journal_add_outcome       (ConvercJournal       *self,
                                                   const char           *endpoint_id,
                                                   gint64                time_usec,
                                                   const char           *kind,
                                                   const char           *blob,
                                                   GError              **error);
/* The newest @limit (0: all) outcomes of @endpoint_id, newest first. */
GPtrArray      *converc_journal_list_outcomes     (ConvercJournal       *self,
                                                   const char           *endpoint_id,
                                                   guint                 limit,
                                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvercJournalRow, converc_journal_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvercJournalOutcome, converc_journal_outcome_free)

G_END_DECLS
