/* converc-secret-store-keyring-private.h
 *
 * The libsecret calls behind the keyring store, so that tests can put a
 * keyring that never answers, or answers late, in their place.
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

#include <libsecret/secret.h>

#include "converc-secret-store.h"

G_BEGIN_DECLS

/* The signatures are libsecret's (secret_password_storev() and the rest). */
typedef struct
{
  void      (*store)         (const SecretSchema   *schema,
                              GHashTable           *attributes,
                              const char           *collection,
                              const char           *label,
                              const char           *password,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean  (*store_finish)  (GAsyncResult         *result,
                              GError              **error);
  void      (*lookup)        (const SecretSchema   *schema,
                              GHashTable           *attributes,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  char     *(*lookup_finish) (GAsyncResult         *result,
                              GError              **error);
  void      (*password_free) (char                 *password);
  void      (*clear)         (const SecretSchema   *schema,
                              GHashTable           *attributes,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean  (*clear_finish)  (GAsyncResult         *result,
                              GError              **error);
  /* Every item matching @attributes, unlocked, secrets loaded: a GList of
   * SecretItem. NULL in a backend that cannot list (then list fails). */
  void      (*search)        (const SecretSchema   *schema,
                              GHashTable           *attributes,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  GList    *(*search_finish) (GAsyncResult         *result,
                              GError              **error);
} ConvercKeyringBackend;

/* A keyring store over @backend (static: it must outlive every call). */
ConvercSecretStore *converc_keyring_store_new_with_backend (guint                        timeout_seconds,
                                                            const ConvercKeyringBackend *backend);

G_END_DECLS
