/* converc-secret-store-memory.c
 *
 * The in-memory secret store: secrets kept for this process only (demo
 * mode, tests, no keyring).
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

#include <string.h>

#define CONVERC_TYPE_MEMORY_STORE (converc_memory_store_get_type ())
G_DECLARE_FINAL_TYPE (ConvercMemoryStore, converc_memory_store, CONVERC, MEMORY_STORE, GObject)

struct _ConvercMemoryStore
{
  GObject     parent_instance;
  /* "<base-url>\n<webhook-id or empty>" -> secret (wiped on removal) */
  GHashTable *secrets;
};

static void converc_memory_store_iface_init (ConvercSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConvercMemoryStore, converc_memory_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CONVERC_TYPE_SECRET_STORE,
                                                      converc_memory_store_iface_init))

static char *
memory_key (const char *base_url,
            const char *webhook_id)
{
  g_autofree char *url = converc_secret_store_normalize_base_url (base_url);

  return g_strconcat (url, "\n", converc_secret_store_is_api_key (webhook_id) ? "" : webhook_id, NULL);
}

static void
converc_memory_store_store_async (ConvercSecretStore  *store,
                                  const char          *base_url,
                                  const char          *webhook_id,
                                  const char          *secret,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  ConvercMemoryStore *self = (ConvercMemoryStore *)store;
  g_autoptr(GTask) task = NULL;

  g_assert (CONVERC_IS_MEMORY_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_memory_store_store_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_hash_table_replace (self->secrets, memory_key (base_url, webhook_id), g_strdup (secret));
  g_task_return_boolean (task, TRUE);
}

static void
converc_memory_store_lookup_async (ConvercSecretStore  *store,
                                   const char          *base_url,
                                   const char          *webhook_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  ConvercMemoryStore *self = (ConvercMemoryStore *)store;
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  const char *secret;

  g_assert (CONVERC_IS_MEMORY_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_memory_store_lookup_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  key = memory_key (base_url, webhook_id);
  secret = g_hash_table_lookup (self->secrets, key);
  g_task_return_pointer (task, g_strdup (secret), converc_secret_store_wipe_and_free);
}

static void
converc_memory_store_clear_async (ConvercSecretStore  *store,
                                  const char          *base_url,
                                  const char          *webhook_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  ConvercMemoryStore *self = (ConvercMemoryStore *)store;
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;

  g_assert (CONVERC_IS_MEMORY_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_memory_store_clear_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  key = memory_key (base_url, webhook_id);
  g_hash_table_remove (self->secrets, key);
  g_task_return_boolean (task, TRUE);
}

static void
converc_memory_store_list_async (ConvercSecretStore  *store,
                                 const char          *base_url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ConvercMemoryStore *self = (ConvercMemoryStore *)store;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *prefix = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_assert (CONVERC_IS_MEMORY_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_memory_store_list_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  prefix = memory_key (base_url, NULL);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) converc_stored_secret_free);
  g_hash_table_iter_init (&iter, self->secrets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ConvercStoredSecret *stored;

      /* "<url>\n<id>": the API key ("<url>\n") is not a signing secret */
      if (!g_str_has_prefix (key, prefix) || ((const char *) key)[strlen (prefix)] == '\0')
        continue;

      stored = g_new0 (ConvercStoredSecret, 1);
      stored->webhook_id = g_strdup ((const char *) key + strlen (prefix));
      stored->secret = g_strdup (value);
      g_ptr_array_add (list, stored);
    }

  g_task_return_pointer (task, g_steal_pointer (&list), (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
converc_memory_store_list_finish (ConvercSecretStore  *store,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_assert (g_task_is_valid (result, store));

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
converc_memory_store_iface_init (ConvercSecretStoreInterface *iface)
{
  iface->store_async = converc_memory_store_store_async;
  iface->store_finish = converc_secret_store_task_finish_boolean;
  iface->lookup_async = converc_memory_store_lookup_async;
  iface->lookup_finish = converc_secret_store_task_finish_pointer;
  iface->clear_async = converc_memory_store_clear_async;
  iface->clear_finish = converc_secret_store_task_finish_boolean;
  iface->list_async = converc_memory_store_list_async;
  iface->list_finish = converc_memory_store_list_finish;
}

static void
converc_memory_store_finalize (GObject *object)
{
  ConvercMemoryStore *self = (ConvercMemoryStore *)object;

  g_clear_pointer (&self->secrets, g_hash_table_unref);

  G_OBJECT_CLASS (converc_memory_store_parent_class)->finalize (object);
}

static void
converc_memory_store_class_init (ConvercMemoryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = converc_memory_store_finalize;
}

static void
converc_memory_store_init (ConvercMemoryStore *self)
{
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, converc_secret_store_wipe_and_free);
}

/**
 * converc_memory_store_new:
 *
 * Returns: (transfer full): a store that keeps secrets for this process only
 */
ConvercSecretStore *
converc_memory_store_new (void)
{
  return g_object_new (CONVERC_TYPE_MEMORY_STORE, NULL);
}

gboolean
converc_memory_store_is_memory_store (ConvercSecretStore *self)
{
  return CONVERC_IS_MEMORY_STORE (self);
}

GHashTable *
converc_memory_store_list_legacy (ConvercSecretStore *store,
                                  const char         *base_url)
{
  ConvercMemoryStore *self = (ConvercMemoryStore *)store;
  g_autofree char *prefix = NULL;
  GHashTable *found;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (CONVERC_IS_MEMORY_STORE (self), NULL);

  prefix = memory_key (base_url, NULL);
  found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 converc_secret_store_wipe_and_free);

  g_hash_table_iter_init (&iter, self->secrets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      /* "<base-url>\n<webhook-id>"; the API key has an empty webhook id. */
      if (g_str_has_prefix (key, prefix) && ((const char *) key)[strlen (prefix)] != '\0')
        g_hash_table_insert (found, g_strdup ((const char *) key + strlen (prefix)),
                             g_strdup (value));
    }

  return found;
}
