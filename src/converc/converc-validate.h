/* converc-validate.h
 *
 * Checking what a person types before any request: addresses and the API
 * key; and showing an address in a message without its password.
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

G_BEGIN_DECLS

/* The longest base URL or endpoint URL accepted (the app's and the CLI's
 * limit; the server refuses longer receiving URLs too). */
#define CONVERC_MAX_URL_LENGTH 2048

/* Accepts https:// anywhere and http:// only for loopback hosts. */
gboolean converc_validate_base_url     (const char  *url,
                                        GError     **error);
/* Validates a receiving URL for a new endpoint: https, or http for loopback;
 * a host is required. */
gboolean converc_validate_endpoint_url (const char  *url,
                                        GError     **error);

/* An API key as typed or pasted: surrounding white space is ignored (the
 * client strips it); empty, line breaks, other control characters, spaces
 * and non-ASCII characters inside are refused, with a message that says
 * which and where, never the key. */
gboolean converc_validate_api_key      (const char  *api_key,
                                        GError     **error);
/* A URL as error messages may show it: any user name and password
 * replaced by "***", and cut to a readable length. Any text is accepted;
 * the result is valid UTF-8. */
char    *converc_dup_url_for_message   (const char  *url);

G_END_DECLS
