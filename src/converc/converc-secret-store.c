/* converc-secret-store.c
 *
 * The secret store interface, what its implementations share, and the
 * synchronous wrappers the command line uses.
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

#define G_LOG_DOMAIN "converc-secret-store"

#include "config.h"

#include <string.h>

#include "converc-secret-store.h"
#include "converc-secret-store-private.h"

/* "https://api.converc.com/" and "https://api.converc.com" are one key. */
char *
converc_secret_store_normalize_base_url (const char *base_url)
{
  char *url = g_strstrip (g_strdup (base_url));
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  return url;
}

gboolean
converc_secret_store_is_api_key (const char *webhook_id)
{
  return webhook_id == NULL || webhook_id[0] == '\0';
}

gboolean
converc_secret_store_scope_is_base_url (const char *scope)
{
  return scope != NULL && strstr (scope, "://") != NULL;
}

void
converc_secret_store_wipe_and_free (gpointer data)
{
  char *str = data;

  if (str == NULL)
    return;

  explicit_bzero (str, strlen (str));
  g_free (str);
}

gboolean
converc_secret_store_task_finish_boolean (ConvercSecretStore  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
converc_secret_store_task_finish_pointer (ConvercSecretStore  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
converc_stored_secret_free (ConvercStoredSecret *stored)
{
  if (stored == NULL)
    return;

  g_free (stored->webhook_id);
  converc_secret_store_wipe_and_free (stored->secret);
  g_free (stored);
}

G_DEFINE_INTERFACE (ConvercSecretStore, converc_secret_store, G_TYPE_OBJECT)

static void
converc_secret_store_default_init (ConvercSecretStoreInterface *iface)
{
}

void
converc_secret_store_store_async (ConvercSecretStore  *self,
                                  const char          *base_url,
                                  const char          *webhook_id,
                                  const char          *secret,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CONVERC_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  CONVERC_SECRET_STORE_GET_IFACE (self)->store_async (self, base_url, webhook_id, secret,
                                                      cancellable, callback, user_data);
}

gboolean
converc_secret_store_store_finish (ConvercSecretStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return CONVERC_SECRET_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

void
converc_secret_store_lookup_async (ConvercSecretStore  *self,
                                   const char          *base_url,
                                   const char          *webhook_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CONVERC_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  CONVERC_SECRET_STORE_GET_IFACE (self)->lookup_async (self, base_url, webhook_id,
                                                       cancellable, callback, user_data);
}

char *
converc_secret_store_lookup_finish (ConvercSecretStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return CONVERC_SECRET_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

void
converc_secret_store_clear_async (ConvercSecretStore  *self,
                                  const char          *base_url,
                                  const char          *webhook_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CONVERC_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  CONVERC_SECRET_STORE_GET_IFACE (self)->clear_async (self, base_url, webhook_id,
                                                      cancellable, callback, user_data);
}

gboolean
converc_secret_store_clear_finish (ConvercSecretStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return CONVERC_SECRET_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}

void
converc_secret_store_list_async (ConvercSecretStore  *self,
                                 const char          *base_url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ConvercSecretStoreInterface *iface;

  g_return_if_fail (CONVERC_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  iface = CONVERC_SECRET_STORE_GET_IFACE (self);
  if (iface->list_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data, converc_secret_store_list_async,
                               G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "This secret store cannot list its secrets");
      return;
    }

  iface->list_async (self, base_url, cancellable, callback, user_data);
}

GPtrArray *
converc_secret_store_list_finish (ConvercSecretStore  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  if (g_async_result_is_tagged (result, converc_secret_store_list_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  return CONVERC_SECRET_STORE_GET_IFACE (self)->list_finish (self, result, error);
}

typedef struct
{
  GAsyncResult *result;
} SyncData;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncData *data = user_data;

  data->result = g_object_ref (result);
}

/* Runs @data's operation, already started on @context, to its end. */
static void
sync_wait (GMainContext *context,
           SyncData     *data)
{
  while (data->result == NULL)
    g_main_context_iteration (context, TRUE);

  /* Let whatever libsecret queued on this context (D-Bus signals, idle
   * callbacks) run before the context goes away. */
  while (g_main_context_iteration (context, FALSE))
    ;
}

gboolean
converc_secret_store_store_sync (ConvercSecretStore  *self,
                                 const char          *base_url,
                                 const char          *webhook_id,
                                 const char          *secret,
                                 GError             **error)
{
  g_autoptr(GMainContext) context = NULL;
  SyncData data = { NULL };
  gboolean ret;

  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (base_url != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  converc_secret_store_store_async (self, base_url, webhook_id, secret, NULL,
                                    sync_done_cb, &data);
  sync_wait (context, &data);
  ret = converc_secret_store_store_finish (self, data.result, error);
  g_clear_object (&data.result);
  g_main_context_pop_thread_default (context);

  return ret;
}

char *
converc_secret_store_lookup_sync (ConvercSecretStore  *self,
                                  const char          *base_url,
                                  const char          *webhook_id,
                                  GError             **error)
{
  g_autoptr(GMainContext) context = NULL;
  SyncData data = { NULL };
  char *ret;

  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  converc_secret_store_lookup_async (self, base_url, webhook_id, NULL, sync_done_cb, &data);
  sync_wait (context, &data);
  ret = converc_secret_store_lookup_finish (self, data.result, error);
  g_clear_object (&data.result);
  g_main_context_pop_thread_default (context);

  return ret;
}

gboolean
converc_secret_store_clear_sync (ConvercSecretStore  *self,
                                 const char          *base_url,
                                 const char          *webhook_id,
                                 GError             **error)
{
  g_autoptr(GMainContext) context = NULL;
  SyncData data = { NULL };
  gboolean ret;

  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (base_url != NULL, FALSE);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  converc_secret_store_clear_async (self, base_url, webhook_id, NULL, sync_done_cb, &data);
  sync_wait (context, &data);
  ret = converc_secret_store_clear_finish (self, data.result, error);
  g_clear_object (&data.result);
  g_main_context_pop_thread_default (context);

  return ret;
}

GPtrArray *
converc_secret_store_list_sync (ConvercSecretStore  *self,
                                const char          *base_url,
                                GError             **error)
{
  g_autoptr(GMainContext) context = NULL;
  SyncData data = { NULL };
  GPtrArray *ret;

  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  converc_secret_store_list_async (self, base_url, NULL, sync_done_cb, &data);
  sync_wait (context, &data);
  ret = converc_secret_store_list_finish (self, data.result, error);
  g_clear_object (&data.result);
  g_main_context_pop_thread_default (context);

  return ret;
}

void
converc_secret_store_list_legacy_async (ConvercSecretStore  *self,
                                        const char          *base_url,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CONVERC_IS_SECRET_STORE (self));
  g_return_if_fail (converc_secret_store_scope_is_base_url (base_url));

  if (converc_keyring_store_is_keyring_store (self))
    {
      converc_keyring_store_list_legacy_async (self, base_url, cancellable, callback, user_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_secret_store_list_legacy_async);

  if (converc_memory_store_is_memory_store (self))
    g_task_return_pointer (task, converc_memory_store_list_legacy (self, base_url),
                           (GDestroyNotify) g_hash_table_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             "This secret store cannot list its items");
}

GHashTable *
converc_secret_store_list_legacy_finish (ConvercSecretStore  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
