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
/* TRUE when @scope is a base URL (items from before accounts), FALSE when
 * it is an account id. */
gboolean  converc_secret_store_scope_is_base_url   (const char          *scope);

/* The signing secrets stored under the base URL @base_url before accounts
 * existed: webhook id -> secret (wiped when the table is freed). Only the
 * keyring and memory stores can list; others answer G_IO_ERROR_NOT_SUPPORTED. */
void        converc_secret_store_list_legacy_async  (ConvercSecretStore   *self,
                                                     const char           *base_url,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GHashTable *converc_secret_store_list_legacy_finish (ConvercSecretStore   *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* The implementations behind it (in their own files). */
gboolean    converc_keyring_store_is_keyring_store  (ConvercSecretStore   *self);
void        converc_keyring_store_list_legacy_async (ConvercSecretStore   *self,
                                                     const char           *base_url,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean    converc_memory_store_is_memory_store    (ConvercSecretStore   *self);
GHashTable *converc_memory_store_list_legacy        (ConvercSecretStore   *self,
                                                     const char           *base_url);

G_END_DECLS
