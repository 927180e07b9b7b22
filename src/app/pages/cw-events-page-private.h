/* cw-events-page-private.h
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

#pragma once

#include "cw-event-detail.h"
#include "cw-event-feed.h"
#include "cw-event-filter.h"
#include "cw-events-page.h"
#include "cw-journal-model.h"
#include "cw-slot-model.h"

G_BEGIN_DECLS

struct _CwEventsPage
{
  AdwBin               parent_instance;

  /* The model shown; the page follows it with these groups. */
  CwEventFeed         *feed;
  GSignalGroup        *feed_signals;
  GBindingGroup       *feed_bindings;

  /* feed events → sort (column view's sorter) → filter (type, search) →
   * selection → slots (the column view's model, see cw-slot-model.h) */
  GtkSortListModel    *sort_model;
  CwEventFilter       *filter;
  GtkFilterListModel  *filter_model;
  GtkSingleSelection  *selection;
  CwSlotModel         *slots;

  /* With a journal (the feed's), the selection shows this instead of
   * @filter_model: the journal's events matching the search and
   * @event_type, newest first (see cw-events-page-journal.c). */
  CwJournalModel      *journal_model;
  char                *event_type;
  char                *reselect_id;
  /* A placeholder row selected before its page arrived */
  guint                reselect_position;

  /* The type drop-down's model: "All Types", then the feed's types */
  GListStore          *type_lists;
  GtkFlattenListModel *type_choices;

  /* GtkListItems bound in the Time column, to refresh "2 min ago" */
  GHashTable          *bound_times;
  guint                tick_source;
  /* 0: every column; 1: no Event ID; 2: Time and Summary, the type
   * leading the summary (see _cw_events_page_adapt_columns) */
  int                  narrow_level;
  /* GtkListItems bound in the Summary column, to add or drop the type */
  GHashTable          *bound_summaries;
  int                  wanted_level;
  int                  list_width;
  guint                adapt_source;

  char                *problem;

  /* Export Shown Events… (cw-events-page-export.c) */
  GtkFileChooserNative *export_chooser;
  GCancellable        *export_cancellable;
  char                *export_message;

  GdkSurface          *surface;
  gulong               surface_state_handler;

  guint                minimized : 1;
  guint                updating_controls : 1;
  guint                setting_search : 1;
  guint                reselecting : 1;
  guint                open_first : 1;
  guint                exporting : 1;
  guint                can_export : 1;

  /* Template widgets */
  GtkToggleButton     *auto_refresh_button;
  GtkSpinner          *busy_spinner;
  GtkColumnView       *column_view;
  CwEventDetail       *detail;
  GtkLabel            *error_label;
  AdwStatusPage       *no_match_page;
  GtkColumnViewColumn *id_column;
  GtkStack            *list_stack;
  GtkSpinner          *loading_spinner;
  GtkPaned            *paned;
  GtkLabel            *problem_label;
  GtkRevealer         *problem_revealer;
  GtkScrolledWindow   *scroller;
  GtkSearchEntry      *search_entry;
  GtkLabel            *status_label;
  GtkColumnViewColumn *summary_column;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *type_column;
  GtkDropDown         *type_dropdown;

  /* The spinners' icons, loaded ahead on GTK's thread (kept so that
   * GTK's icon cache keeps them). */
  GPtrArray           *spinner_icons;
};

/* cw-events-page-columns.c: the cells of the four columns, their sorters
 * and tooltips, and the ticker that keeps "2 min ago" true. */
void        _cw_events_page_setup_columns (CwEventsPage *self);
void        _cw_events_page_stop_columns  (CwEventsPage *self);

/* The text of the status line. */
const char *_cw_events_page_get_status    (CwEventsPage *self);
/* The inline problem message, or NULL when none is shown. */
const char *_cw_events_page_get_problem   (CwEventsPage *self);

/* cw-events-page.c */
void        _cw_events_page_update          (CwEventsPage *self);
void        _cw_events_page_scroll_to       (CwEventsPage *self,
                                             guint         position);

/* cw-events-page-journal.c: the page on the feed's journal */
void        _cw_events_page_init_journal    (CwEventsPage *self);
void        _cw_events_page_follow_journal  (CwEventsPage *self);
void        _cw_events_page_search_journal  (CwEventsPage *self);
gboolean    _cw_events_page_on_journal      (CwEventsPage *self);
gboolean    _cw_events_page_journal_select_id (CwEventsPage *self,
                                               const char   *event_id);
void        _cw_events_page_journal_counts  (CwEventsPage *self,
                                             guint        *total,
                                             guint        *shown,
                                             gboolean     *loading);
/* Selects the first event shown and shows it (Enter in the search). */
void        _cw_events_page_open_first      (CwEventsPage *self);
void        _cw_events_page_search_activate_cb (CwEventsPage   *self,
                                                GtkSearchEntry *entry);
/* Adds the journal's parts to the status line; FALSE when the page is not
 * on a journal. */
gboolean    _cw_events_page_journal_status  (CwEventsPage *self,
                                             GPtrArray    *parts);
/* The no-match page's text: how many events, since when, were searched */
void        _cw_events_page_journal_no_match (CwEventsPage *self);

/* cw-events-page-export.c: Export Shown Events… */
void  _cw_events_page_class_export_init (CwEventsPageClass *klass);
void  _cw_events_page_dispose_export    (CwEventsPage      *self);
void  _cw_events_page_export_to         (CwEventsPage      *self,
                                         GFile             *file);
char *_cw_events_page_export_name       (void);

/* cw-events-page-curl.c: Copy as curl */
void _cw_events_page_class_curl_init (CwEventsPageClass *klass);

G_END_DECLS
