/* cw-journal-model.h
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

/* The one concern of this file: the API of the list model that shows the
 * events of a journal query. */

#pragma once

#include <gio/gio.h>

#include "converc.h"

G_BEGIN_DECLS

#define CW_TYPE_JOURNAL_MODEL (cw_journal_model_get_type())

G_DECLARE_FINAL_TYPE (CwJournalModel, cw_journal_model, CW, JOURNAL_MODEL, GObject)

/* The events of a journal that match a search, newest first (or in
 * another order), as a GListModel of ConvercEvent. It knows how many match
 * from one query on a worker thread, and reads the events themselves a
 * page (CW_JOURNAL_MODEL_PAGE) at a time when a view asks for them, on a
 * worker thread too, keeping a few pages: it never holds every event and
 * never reads on the main thread. Until a page arrives its positions hold
 * placeholder events (cw_journal_model_is_placeholder()); then they
 * change (items-changed). Reads of an older query are dropped.
 *
 * Properties: "journal", "loading" (a query is under way), "n-items",
 * "n-stored" (every event of the journal), "oldest" (the created time of
 * the oldest stored event, µs, 0 when none), "queried" (TRUE once the
 * first query came back). */
/* About the rows a window shows: a keystroke reads no more than these. */
#define CW_JOURNAL_MODEL_PAGE 50

CwJournalModel *cw_journal_model_new          (void);
ConvercJournal *cw_journal_model_get_journal  (CwJournalModel *self);
void            cw_journal_model_set_journal  (CwJournalModel *self,
                                               ConvercJournal *journal);
/* @search: the search entry's text (type: prefix, words); @event_type:
 * the type drop-down's (NULL: any), which a type: in @search overrides. */
void            cw_journal_model_set_search   (CwJournalModel *self,
                                               const char     *search,
                                               const char     *event_type);
/* The search the events shown match (NULL before the first
 * set_search: every event). */
const ConvercSearchQuery *cw_journal_model_get_query (CwJournalModel *self);
/* Queries again (the journal's events changed). */
void            cw_journal_model_reload       (CwJournalModel *self);
gboolean        cw_journal_model_get_loading  (CwJournalModel *self);
gboolean        cw_journal_model_get_queried  (CwJournalModel *self);
gint64          cw_journal_model_get_n_stored (CwJournalModel *self);
gint64          cw_journal_model_get_oldest   (CwJournalModel *self);
/* The position of the event with @id among the pages read, or
 * GTK_INVALID_LIST_POSITION (G_MAXUINT). */
guint           cw_journal_model_find_id      (CwJournalModel *self,
                                               const char     *id);
ConvercJournalOrder cw_journal_model_get_order (CwJournalModel    *self);
void            cw_journal_model_set_order    (CwJournalModel      *self,
                                               ConvercJournalOrder  order);
gboolean        cw_journal_model_is_placeholder (gpointer           event);
/* For tests: how many pages of events are kept. */
guint           _cw_journal_model_get_n_pages (CwJournalModel *self);
/* For tests: every read on the worker sleeps @msec first (a slow disk). */
void            _cw_journal_model_set_read_delay (CwJournalModel *self,
                                                  guint           msec);
/* For tests: how many pages were read after the first of each query. */
guint           _cw_journal_model_get_n_reads (CwJournalModel *self);
/* For tests: how many pages are being read or wait their turn. */
guint           _cw_journal_model_get_n_reading (CwJournalModel *self);

G_END_DECLS
