/* cw-events-page.h
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

#include <adwaita.h>

#include "converc.h"
#include "cw-event-feed.h"

G_BEGIN_DECLS

#define CW_TYPE_EVENTS_PAGE (cw_events_page_get_type())

G_DECLARE_FINAL_TYPE (CwEventsPage, cw_events_page, CW, EVENTS_PAGE, AdwBin)

/* The event browser: shows a CwEventFeed (its own until another is set)
 * with a type filter, a search, the columns and the detail of the selected
 * event. Property: "feed". Actions: "events.refresh", "events.find",
 * "events.copy-json", "events.copy-curl", "events.export". */
CwEventsPage *cw_events_page_new             (void);
CwEventFeed  *cw_events_page_get_feed        (CwEventsPage *self);
void          cw_events_page_set_feed        (CwEventsPage *self,
                                              CwEventFeed  *feed);
void          cw_events_page_focus_search    (CwEventsPage *self);
void          cw_events_page_set_search_text (CwEventsPage *self,
                                              const char   *text);
/* The events shown: filtered and sorted, newest first by default. */
GListModel   *cw_events_page_get_model       (CwEventsPage *self);
GListModel   *cw_events_page_get_rows        (CwEventsPage *self);
ConvercEvent *cw_events_page_get_selected    (CwEventsPage *self);
gboolean      cw_events_page_select_id       (CwEventsPage *self,
                                              const char   *event_id);
/* Whether Export Shown Events… ("events.export", Ctrl+Shift+S) can run:
 * the "can-export" property. */
gboolean      cw_events_page_get_can_export  (CwEventsPage *self);

G_END_DECLS
