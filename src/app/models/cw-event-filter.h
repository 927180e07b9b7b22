/* cw-event-filter.h
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

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CW_TYPE_EVENT_FILTER (cw_event_filter_get_type())

G_DECLARE_FINAL_TYPE (CwEventFilter, cw_event_filter, CW, EVENT_FILTER, GtkFilter)

/* Keeps the ConvercEvents of one type (NULL: every type) whose search text
 * contains the search words. Matching is a strstr on text the client built
 * while parsing, so filtering 10,000 events takes milliseconds. */
CwEventFilter *cw_event_filter_new            (void);
const char    *cw_event_filter_get_event_type (CwEventFilter *self);
void           cw_event_filter_set_event_type (CwEventFilter *self,
                                               const char    *event_type);
const char    *cw_event_filter_get_search     (CwEventFilter *self);
void           cw_event_filter_set_search     (CwEventFilter *self,
                                               const char    *search);

G_END_DECLS
