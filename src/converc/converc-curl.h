/* converc-curl.h
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

/* The one concern of this file: the curl command line for each API call the
 * app makes, for a shell, with the API key left as $CONVERC_API_KEY. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @arg as one POSIX shell word: in single quotes, each ' written '\''. */
char *converc_curl_quote                  (const char         *arg);
/* Each command is one line per option, joined by " \" and a newline; every
 * argument is quoted; the key is "$CONVERC_API_KEY", never its value. */
char *converc_curl_command_for_list       (const char         *base_url);
/* @events: NULL or empty for every event type */
char *converc_curl_command_for_create     (const char         *base_url,
                                           const char         *url,
                                           const char * const *events);
char *converc_curl_command_for_disable    (const char         *base_url,
                                           const char         *webhook_id);
char *converc_curl_command_for_test       (const char         *base_url,
                                           const char         *webhook_id);
/* @event_type: NULL for all; @display: 0 to let the server choose */
char *converc_curl_command_for_events     (const char         *base_url,
                                           const char         *event_type,
                                           guint               display);

G_END_DECLS
