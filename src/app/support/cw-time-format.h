/* cw-time-format.h
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

#include <glib.h>

#include "converc.h"

G_BEGIN_DECLS

/* Every way the app writes a time or a duration, in one place. */
char *cw_format_timestamp        (const char   *text);
char *cw_format_timestamp_short  (const char   *text);
char *cw_format_event_time       (ConvercEvent *event,
                                  gint64        now_unix);
char *cw_format_event_time_exact (ConvercEvent *event);
char *cw_format_seconds_short    (gint64        seconds);
char *cw_format_clock            (gint64        real_time_us);
char *cw_format_timestamp_zone   (const char   *text);
char *cw_format_span             (gint64        seconds);
char *cw_format_event_heading_time (ConvercEvent *event,
                                    gint64        now_unix);

G_END_DECLS
