/* converc-secret-store-private.h
 *
 * What the secret stores share: how a key is named, wiping, task results.
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

#include "converc-secret-store.h"

G_BEGIN_DECLS

/* The base URL without surrounding spaces and trailing slashes. */
char     *converc_secret_store_normalize_base_url  (const char          *base_url);
/* A NULL or empty @webhook_id names the API key. */
gboolean  converc_secret_store_is_api_key          (const char          *webhook_id);
/* Overwrites a secret string, then frees it. */
void      converc_secret_store_wipe_and_free       (gpointer             data);
/* The finish of a store whose async calls return a GTask. */
gboolean  converc_secret_store_task_finish_boolean (ConvercSecretStore  *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
char     *converc_secret_store_task_finish_pointer (ConvercSecretStore  *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
