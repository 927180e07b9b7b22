/* converc-secret-store.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where the API key and the signing secrets live. The keyring implementation
 * talks to the Secret Service through libsecret; the memory implementation
 * keeps them for the process (demo mode, tests).
 *
 * Scopes. The argument named @base_url below is the *scope* of an item: an
 * opaque string. Since accounts (converc-account.h) it is the account's id
 * (converc_account_get_secret_scope()), stored as the "account" attribute,
 * so that two accounts on one server keep two keys. A scope that contains
 * "://" is a base URL, the scope of items written before accounts existed
 * (the "base-url" attribute): only the migration (converc-account-migration.h)
 * still reads those. The signatures stayed as they were so that callers and
 * the other implementations of this interface did not have to change; only
 * what the string means did. */

#define CONVERC_SECRET_SCHEMA_API_KEY         "com.converc.Webhooks.ApiKey"
#define CONVERC_SECRET_SCHEMA_SIGNING_SECRET  "com.converc.Webhooks.SigningSecret"
#define CONVERC_SECRET_ATTR_BASE_URL          "base-url"
#define CONVERC_SECRET_ATTR_WEBHOOK_ID        "webhook-id"
#define CONVERC_SECRET_ATTR_ACCOUNT           "account"
#define CONVERC_SECRET_ATTR_VERSION           "version"
#define CONVERC_SECRET_DEFAULT_TIMEOUT        20   /* seconds */

/* One signing secret of the store, as listed by converc_secret_store_list_async() */
typedef struct
{
  char *webhook_id;
  char *secret;      /* wiped when freed */
} ConvercStoredSecret;

void                converc_stored_secret_free         (ConvercStoredSecret  *stored);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvercStoredSecret, converc_stored_secret_free)

#define CONVERC_TYPE_SECRET_STORE (converc_secret_store_get_type ())

G_DECLARE_INTERFACE (ConvercSecretStore, converc_secret_store, CONVERC, SECRET_STORE, GObject)

/* @webhook_id NULL means the API key for @base_url. */
struct _ConvercSecretStoreInterface
{
  GTypeInterface parent_iface;

  void      (*store_async)   (ConvercSecretStore   *self,
                              const char           *base_url,
                              const char           *webhook_id,
                              const char           *secret,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean  (*store_finish)  (ConvercSecretStore   *self,
                              GAsyncResult         *result,
                              GError              **error);
  void      (*lookup_async)  (ConvercSecretStore   *self,
                              const char           *base_url,
                              const char           *webhook_id,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  /* Returns NULL without error when nothing is stored */
  char     *(*lookup_finish) (ConvercSecretStore   *self,
                              GAsyncResult         *result,
                              GError              **error);
  void      (*clear_async)   (ConvercSecretStore   *self,
                              const char           *base_url,
                              const char           *webhook_id,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean  (*clear_finish)  (ConvercSecretStore   *self,
                              GAsyncResult         *result,
                              GError              **error);
  /* Every signing secret stored for a base URL (not the API key) */
  void      (*list_async)    (ConvercSecretStore   *self,
                              const char           *base_url,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  GPtrArray*(*list_finish)   (ConvercSecretStore   *self,
                              GAsyncResult         *result,
                              GError              **error);
};

void                converc_secret_store_store_async   (ConvercSecretStore   *self,
                                                        const char           *base_url,
                                                        const char           *webhook_id,
                                                        const char           *secret,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            converc_secret_store_store_finish  (ConvercSecretStore   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void                converc_secret_store_lookup_async  (ConvercSecretStore   *self,
                                                        const char           *base_url,
                                                        const char           *webhook_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
char               *converc_secret_store_lookup_finish (ConvercSecretStore   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void                converc_secret_store_clear_async   (ConvercSecretStore   *self,
                                                        const char           *base_url,
                                                        const char           *webhook_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            converc_secret_store_clear_finish  (ConvercSecretStore   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
/* Every signing secret stored for @base_url, in no particular order: an
 * array of ConvercStoredSecret (empty when there is none). */
void                converc_secret_store_list_async    (ConvercSecretStore   *self,
                                                        const char           *base_url,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray          *converc_secret_store_list_finish   (ConvercSecretStore   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* The Secret Service store. @timeout_seconds bounds every call (0: default). */
ConvercSecretStore *converc_keyring_store_new          (guint                 timeout_seconds);
/* The in-memory store (demo mode, tests, or no keyring). */
ConvercSecretStore *converc_memory_store_new           (void);
/* Synchronous helpers for the command line: they run a private main loop and
 * must never be called from a GTK main loop. */
gboolean            converc_secret_store_store_sync    (ConvercSecretStore   *self,
                                                        const char           *base_url,
                                                        const char           *webhook_id,
                                                        const char           *secret,
                                                        GError              **error);
char               *converc_secret_store_lookup_sync   (ConvercSecretStore   *self,
                                                        const char           *base_url,
                                                        const char           *webhook_id,
                                                        GError              **error);
gboolean            converc_secret_store_clear_sync    (ConvercSecretStore   *self,
                                                        const char           *base_url,
                                                        const char           *webhook_id,
                                                        GError              **error);
GPtrArray          *converc_secret_store_list_sync     (ConvercSecretStore   *self,
                                                        const char           *base_url,
                                                        GError              **error);

G_END_DECLS
