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
#include "cw-event-filter.h"
#include "cw-events-page.h"
#include "cw-slot-model.h"

G_BEGIN_DECLS

struct _CwEventsPage
{
  AdwBin               parent_instance;

  ConvercClient       *client;
  GCancellable        *cancellable;
  GNetworkMonitor     *network_monitor;

  /* Every loaded event, in arrival order; the views sort and filter. */
  GListStore          *store;
  /* merge key (the event id) → ConvercEvent in @store (borrowed) */
  GHashTable          *keys;
  GtkSortListModel    *sort_model;
  CwEventFilter       *filter;
  GtkFilterListModel  *filter_model;
  GtkSingleSelection  *selection;
  /* Events of the last answer not in @store yet, newest first, and the
   * index of the next one to add */
  GPtrArray           *pending;
  guint                pending_pos;
  guint                pending_source;
  /* @selection as the column view sees it (see cw-slot-model.h) */
  CwSlotModel         *slots;

  /* "All types", the documented types, then unknown types seen */
  GtkStringList       *types;
  GHashTable          *type_names;
  /* GtkListItems bound in the Time column, to refresh "2 min ago" */
  GHashTable          *bound_times;

  char                *event_type;
  guint                event_count;
  guint                refresh_interval;

  /* What the events in @store were fetched for */
  char                *loaded_type;
  guint                loaded_count;

  char                *last_error;
  char                *problem;
  guint                n_failures;
  gint64               retry_after;
  gint64               last_update;      /* real time, µs; 0: never */
  gint64               last_attempt;     /* monotonic time, µs; 0: never */
  gint64               next_poll;        /* monotonic time, µs; 0: none */

  guint                poll_source;
  guint                tick_source;
  guint                count_source;

  GdkSurface          *surface;
  gulong               surface_state_handler;

  guint                auto_refresh : 1;
  guint                loading : 1;
  guint                loaded : 1;
  guint                minimized : 1;
  guint                paused : 1;
  guint                updating_controls : 1;
  guint                setting_search : 1;

  /* Template widgets */
  GtkToggleButton     *auto_refresh_button;
  GtkSpinner          *busy_spinner;
  GtkColumnView       *column_view;
  GtkAdjustment       *count_adjustment;
  GtkSpinButton       *count_spin;
  CwEventDetail       *detail;
  GtkLabel            *error_label;
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
};

/* "2 min ago" for recent times, else the local date and time; the raw text
 * when the time could not be read. */
char *_cw_events_page_format_time (ConvercEvent *event,
                                   gint64        now_unix);
/* The text of the status line. */
const char *_cw_events_page_get_status (CwEventsPage *self);
/* The inline problem message, or NULL when none is shown. */
const char *_cw_events_page_get_problem (CwEventsPage *self);

G_END_DECLS
