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

G_BEGIN_DECLS

#define CW_TYPE_EVENTS_PAGE (cw_events_page_get_type())

G_DECLARE_FINAL_TYPE (CwEventsPage, cw_events_page, CW, EVENTS_PAGE, AdwBin)

/* The event browser. Properties: "client" (ConvercClient), "event-type"
 * (string, NULL for every type), "event-count" (uint, the API's display),
 * "auto-refresh" (boolean), "refresh-interval" (uint seconds; 0 turns
 * auto-refresh off), "loading" and "paused" (read-only booleans).
 * Actions: "events.refresh", "events.find". */
CwEventsPage  *cw_events_page_new                  (void);
ConvercClient *cw_events_page_get_client           (CwEventsPage  *self);
void           cw_events_page_set_client           (CwEventsPage  *self,
                                                    ConvercClient *client);
const char    *cw_events_page_get_event_type       (CwEventsPage  *self);
void           cw_events_page_set_event_type       (CwEventsPage  *self,
                                                    const char    *event_type);
guint          cw_events_page_get_event_count      (CwEventsPage  *self);
void           cw_events_page_set_event_count      (CwEventsPage  *self,
                                                    guint          event_count);
gboolean       cw_events_page_get_auto_refresh     (CwEventsPage  *self);
void           cw_events_page_set_auto_refresh     (CwEventsPage  *self,
                                                    gboolean       auto_refresh);
guint          cw_events_page_get_refresh_interval (CwEventsPage  *self);
void           cw_events_page_set_refresh_interval (CwEventsPage  *self,
                                                    guint          seconds);
gboolean       cw_events_page_get_loading          (CwEventsPage  *self);
gboolean       cw_events_page_get_paused           (CwEventsPage  *self);
void           cw_events_page_refresh              (CwEventsPage  *self);
void           cw_events_page_clear                (CwEventsPage  *self);
void           cw_events_page_focus_search         (CwEventsPage  *self);
void           cw_events_page_set_search_text      (CwEventsPage  *self,
                                                    const char    *text);
/* The events shown: filtered and sorted, newest first by default. */
GListModel    *cw_events_page_get_model            (CwEventsPage  *self);
/* The event types the filter offers, after "All types". */
GListModel    *cw_events_page_get_types            (CwEventsPage  *self);
ConvercEvent  *cw_events_page_get_selected         (CwEventsPage  *self);
gboolean       cw_events_page_select_id            (CwEventsPage  *self,
                                                    const char    *event_id);

G_END_DECLS
