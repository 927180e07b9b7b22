/* cw-event-detail.h
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

#define CW_TYPE_EVENT_DETAIL (cw_event_detail_get_type())

G_DECLARE_FINAL_TYPE (CwEventDetail, cw_event_detail, CW, EVENT_DETAIL, AdwBin)

/* Shows one event: a readable summary grouped by Event, Call, Contact,
 * Qualification answers, Recording and Transcript, then its pretty-printed
 * JSON. Actions: "event.copy-id", "event.copy-json", "event.save-json". */
CwEventDetail *cw_event_detail_new       (void);
ConvercEvent  *cw_event_detail_get_event (CwEventDetail *self);
void           cw_event_detail_set_event (CwEventDetail *self,
                                          ConvercEvent  *event);
/* The text of the JSON view, for tests. */
char          *cw_event_detail_dup_json  (CwEventDetail *self);

G_END_DECLS
