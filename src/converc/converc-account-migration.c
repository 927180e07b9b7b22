/* converc-account-migration.c
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

/* The one concern of this file: the migration of the keyring items from
 * before accounts (by base URL) to the first account. */

#define G_LOG_DOMAIN "converc-account-migration"

#include "config.h"

#include "converc-account-migration.h"
#include "converc-error.h"
#include "converc-secret-store-private.h"

#include <glib/gi18n.h>

typedef struct
{
  ConvercAccountStore *accounts;
  ConvercSecretStore  *secrets;
  char                *legacy_base_url;
  ConvercAccount      *account;
  char                *key;          /* wiped */
  GHashTable          *legacy;       /* webhook id -> secret */
  GPtrArray           *webhook_ids;  /* the keys of @legacy, in order */
  guint                next;         /* index in @webhook_ids */
} Migration;

static void
migration_free (gpointer data)
{
  Migration *m = data;

  g_clear_object (&m->accounts);
  g_clear_object (&m->secrets);
  g_clear_pointer (&m->legacy_base_url, g_free);
  g_clear_object (&m->account);
  g_clear_pointer (&m->key, converc_secret_store_wipe_and_free);
  g_clear_pointer (&m->legacy, g_hash_table_unref);
  g_clear_pointer (&m->webhook_ids, g_ptr_array_unref);
  g_free (m);
}

static gboolean
has_saved_account (ConvercAccountStore *accounts)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (accounts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvercAccount) account = g_list_model_get_item (G_LIST_MODEL (accounts), i);

      if (!converc_account_get_demo (account))
        return TRUE;
    }

  return FALSE;
}

static char *
label_for (const char *base_url)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0')
    return g_strdup (g_uri_get_host (uri));

  return g_strdup ("Converc");
}

static GError *
readback_error_new (void)
{
  return g_error_new_literal (CONVERC_ERROR, CONVERC_ERROR_KEYRING,
                              _("The keyring did not give back what was just saved in it, "
                                "so the old API key was left as it is. Try again."));
}

static void copy_next_secret (GTask *task);

/* Every copy is stored and read back: the account goes into the list. */
static void
finish_migration (GTask *task)
{
  Migration *m = g_task_get_task_data (task);
  GError *error = NULL;

  if (!converc_account_store_insert (m->accounts, m->account, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Migrated the API key and %u signing secrets to account %s",
           m->webhook_ids != NULL ? m->webhook_ids->len : 0,
           converc_account_get_id (m->account));
  g_task_return_pointer (task, g_object_ref (m->account), g_object_unref);
}

static void
verify_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Migration *m = g_task_get_task_data (task);
  const char *webhook_id = g_ptr_array_index (m->webhook_ids, m->next);
  g_autofree char *read = NULL;
  GError *error = NULL;

  read = converc_secret_store_lookup_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_strcmp0 (read, g_hash_table_lookup (m->legacy, webhook_id)) != 0)
    {
      g_clear_pointer (&read, converc_secret_store_wipe_and_free);
      g_task_return_error (task, readback_error_new ());
      return;
    }

  g_clear_pointer (&read, converc_secret_store_wipe_and_free);
  m->next++;
  copy_next_secret (g_steal_pointer (&task));
}

static void
store_secret_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Migration *m = g_task_get_task_data (task);
  GError *error = NULL;

  if (!converc_secret_store_store_finish (CONVERC_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  converc_secret_store_lookup_async (m->secrets,
                                     converc_account_get_secret_scope (m->account),
                                     g_ptr_array_index (m->webhook_ids, m->next),
                                     g_task_get_cancellable (task),
                                     verify_secret_cb, g_object_ref (task));
}

static void
copy_next_secret (GTask *task)
{
  Migration *m = g_task_get_task_data (task);
  const char *webhook_id;

  if (m->next >= m->webhook_ids->len)
    {
      finish_migration (task);
      g_object_unref (task);
      return;
    }

  webhook_id = g_ptr_array_index (m->webhook_ids, m->next);
  converc_secret_store_store_async (m->secrets,
                                    converc_account_get_secret_scope (m->account),
                                    webhook_id,
                                    g_hash_table_lookup (m->legacy, webhook_id),
                                    g_task_get_cancellable (task),
                                    store_secret_cb, task);
}

static void
list_legacy_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Migration *m = g_task_get_task_data (task);
  GError *error = NULL;
  GHashTableIter iter;
  gpointer key;

  m->legacy = converc_secret_store_list_legacy_finish (CONVERC_SECRET_STORE (object),
                                                       result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    {
      /* A store that cannot list holds no old signing secrets we can reach. */
      g_clear_error (&error);
      m->legacy = g_hash_table_new (g_str_hash, g_str_equal);
    }
  else if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  m->webhook_ids = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, m->legacy);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (m->webhook_ids, g_strdup (key));

  copy_next_secret (g_steal_pointer (&task));
}

static void
verify_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Migration *m = g_task_get_task_data (task);
  g_autofree char *read = NULL;
  GError *error = NULL;
  gboolean same;

  read = converc_secret_store_lookup_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  same = g_strcmp0 (read, m->key) == 0;
  g_clear_pointer (&read, converc_secret_store_wipe_and_free);
  if (!same)
    {
      g_task_return_error (task, readback_error_new ());
      return;
    }

  converc_secret_store_list_legacy_async (m->secrets, m->legacy_base_url,
                                          g_task_get_cancellable (task),
                                          list_legacy_cb, g_object_ref (task));
}

static void
store_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Migration *m = g_task_get_task_data (task);
  GError *error = NULL;

  if (!converc_secret_store_store_finish (CONVERC_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  converc_secret_store_lookup_async (m->secrets, converc_account_get_secret_scope (m->account),
                                     NULL, g_task_get_cancellable (task),
                                     verify_key_cb, g_object_ref (task));
}

static void
lookup_legacy_key_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Migration *m = g_task_get_task_data (task);
  g_autofree char *label = NULL;
  GError *error = NULL;

  m->key = converc_secret_store_lookup_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (m->key == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* Another start may have migrated meanwhile. */
  if (has_saved_account (m->accounts))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  label = label_for (m->legacy_base_url);
  m->account = converc_account_new_generated (label, m->legacy_base_url);
  converc_account_set_legacy_base_url (m->account, m->legacy_base_url);

  converc_secret_store_store_async (m->secrets, converc_account_get_secret_scope (m->account),
                                    NULL, m->key, g_task_get_cancellable (task),
                                    store_key_cb, g_object_ref (task));
}

void
converc_account_migrate_async (ConvercAccountStore *accounts,
                               ConvercSecretStore  *secrets,
                               const char          *legacy_base_url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  Migration *m;

  g_return_if_fail (CONVERC_IS_ACCOUNT_STORE (accounts));
  g_return_if_fail (CONVERC_IS_SECRET_STORE (secrets));
  g_return_if_fail (legacy_base_url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (accounts, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_account_migrate_async);

  url = converc_secret_store_normalize_base_url (legacy_base_url);
  if (has_saved_account (accounts) || !converc_secret_store_scope_is_base_url (url))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  m = g_new0 (Migration, 1);
  m->accounts = g_object_ref (accounts);
  m->secrets = g_object_ref (secrets);
  m->legacy_base_url = g_steal_pointer (&url);
  g_task_set_task_data (task, m, migration_free);

  converc_secret_store_lookup_async (secrets, m->legacy_base_url, NULL, cancellable,
                                     lookup_legacy_key_cb, g_object_ref (task));
}

ConvercAccount *
converc_account_migrate_finish (ConvercAccountStore  *accounts,
                                GAsyncResult         *result,
                                GError              **error)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (accounts), NULL);
  g_return_val_if_fail (g_task_is_valid (result, accounts), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

ConvercAccount *
converc_account_migrate_sync (ConvercAccountStore  *accounts,
                              ConvercSecretStore   *secrets,
                              const char           *legacy_base_url,
                              GError              **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  ConvercAccount *account;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (accounts), NULL);

  g_main_context_push_thread_default (context);
  converc_account_migrate_async (accounts, secrets, legacy_base_url, NULL,
                                 sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  while (g_main_context_iteration (context, FALSE))
    ;
  account = converc_account_migrate_finish (accounts, result, error);
  g_main_context_pop_thread_default (context);

  return account;
}
