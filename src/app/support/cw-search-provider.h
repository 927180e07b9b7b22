/* cw-search-provider.h
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

/* The one concern of this file: GNOME Shell's search provider
 * (org.gnome.Shell.SearchProvider2), answered from the event journal. */

#pragma once

#include <gio/gio.h>

#include "cw-types.h"

G_BEGIN_DECLS

#define CW_TYPE_SEARCH_PROVIDER (cw_search_provider_get_type())

G_DECLARE_FINAL_TYPE (CwSearchProvider, cw_search_provider, CW, SEARCH_PROVIDER, GObject)

/* At most this many events answer one search. */
#define CW_SEARCH_PROVIDER_MAX_RESULTS 20

/* Searches the journal of every account of @application (before any
 * account, that of its base URL, as `converc history` does), never
 * creating one; the newest results of all come first. A result's id is
 * "ACCOUNT-ID/EVENT-ID" (the event id alone before any account);
 * activating a result activates "app.show-event" with it, a search
 * "app.search-events". */
CwSearchProvider *cw_search_provider_new        (CwApplication    *application);
/* Exports the interface at @object_path (the application's path followed
 * by "/SearchProvider"). */
gboolean          cw_search_provider_register   (CwSearchProvider *self,
                                                 GDBusConnection  *connection,
                                                 const char       *object_path,
                                                 GError          **error);
void              cw_search_provider_unregister (CwSearchProvider *self);

G_END_DECLS
