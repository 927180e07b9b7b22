/* converc-account-removal.c
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

/* The one concern of this file: removing an account from this computer
 * (key, secrets, event history, then the list entry). */

#define G_LOG_DOMAIN "converc-account-removal"

#include "config.h"

#include "converc-account-removal.h"
#include "converc-journal.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

typedef struct
{
  char *scope;
  char *webhook_id;   /* NULL: the API key */
} Item;

typedef struct
{
  ConvercAccountStore        *accounts;
  ConvercSecretStore         *secrets;
  ConvercAccount             *account;
  ConvercAccountRemovalFlags  flags;
  /* The account's scope, then its old base URL (migrated accounts) */
  GPtrArray                  *scopes;
  guint                       next_scope;
  /* What is left to clear, in order */
  GQueue                      items;
  /* Webhook ids seen while listing (counting, deleting) */
  GHashTable                 *webhook_ids;
  guint                       n_secrets_deleted;
} Removal;

static void
item_free (Item *item)
{
  g_free (item->scope);
  g_free (item->webhook_id);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Item, item_free)

static void
removal_free (Removal *r)
{
  g_clear_object (&r->accounts);
  g_clear_object (&r->secrets);
  g_clear_object (&r->account);
  g_clear_pointer (&r->scopes, g_ptr_array_unref);
  g_queue_clear_full (&r->items, (GDestroyNotify) item_free);
  g_clear_pointer (&r->webhook_ids, g_hash_table_unref);
  g_free (r);
}

static void
queue_item (Removal    *r,
            const char *scope,
            const char *webhook_id)
{
  Item *item = g_new0 (Item, 1);

  item->scope = g_strdup (scope);
  item->webhook_id = g_strdup (webhook_id);
  g_queue_push_tail (&r->items, item);
}

/* The scopes @account's items may be under: its own, and the base URL its
 * items were migrated from, unless @accounts lists another account
 * migrated from the same one (then those items are that one's too). */
static GPtrArray *
dup_scopes (ConvercAccountStore *accounts,
            ConvercAccount      *account)
{
  GPtrArray *scopes = g_ptr_array_new_with_free_func (g_free);
  const char *legacy = converc_account_get_legacy_base_url (account);

  g_ptr_array_add (scopes, g_strdup (converc_account_get_secret_scope (account)));

  if (legacy != NULL && legacy[0] != '\0')
    {
      guint n = accounts != NULL ? g_list_model_get_n_items (G_LIST_MODEL (accounts)) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ConvercAccount) other = g_list_model_get_item (G_LIST_MODEL (accounts), i);

          if (other != account &&
              g_strcmp0 (converc_account_get_legacy_base_url (other), legacy) == 0)
            return scopes;
        }

      g_ptr_array_add (scopes, g_strdup (legacy));
    }

  return scopes;
}

/* --- counting ------------------------------------------------------------- */

static void count_next (GTask *task);

static void
count_list_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Removal *r = g_task_get_task_data (task);
  g_autoptr(GPtrArray) stored = NULL;
  GError *error = NULL;

  stored = converc_secret_store_list_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (stored == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < stored->len; i++)
    {
      ConvercStoredSecret *secret = g_ptr_array_index (stored, i);

      g_hash_table_add (r->webhook_ids, g_strdup (secret->webhook_id));
    }

  count_next (g_steal_pointer (&task));
}

static void
count_next (GTask *task)
{
  Removal *r = g_task_get_task_data (task);
  const char *scope;

  if (r->next_scope >= r->scopes->len)
    {
      g_task_return_int (task, g_hash_table_size (r->webhook_ids));
      g_object_unref (task);
      return;
    }

  scope = g_ptr_array_index (r->scopes, r->next_scope++);
  converc_secret_store_list_async (g_task_get_source_object (task), scope,
                                   g_task_get_cancellable (task), count_list_cb, task);
}

void
converc_account_count_secrets_async (ConvercSecretStore  *secrets,
                                     ConvercAccount      *account,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Removal *r;

  g_return_if_fail (CONVERC_IS_SECRET_STORE (secrets));
  g_return_if_fail (CONVERC_IS_ACCOUNT (account));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (secrets, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_account_count_secrets_async);

  r = g_new0 (Removal, 1);
  r->account = g_object_ref (account);
  /* Without the list, the old base URL counts as this account's. */
  r->scopes = dup_scopes (NULL, account);
  r->webhook_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, r, (GDestroyNotify) removal_free);

  count_next (g_steal_pointer (&task));
}

int
converc_account_count_secrets_finish (ConvercSecretStore  *secrets,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (secrets), -1);
  g_return_val_if_fail (g_task_is_valid (result, secrets), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* --- removing ------------------------------------------------------------- */

static void remove_next (GTask *task);

static gboolean
delete_file (const char  *path,
             GError     **error)
{
  int saved_errno;

  if (g_unlink (path) == 0)
    return TRUE;

  saved_errno = errno;
  if (saved_errno == ENOENT)
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("The event history on this computer could not be deleted (%s): %s"),
               path, g_strerror (saved_errno));

  return FALSE;
}

static gboolean
delete_journal (Removal  *r,
                GError  **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *path = converc_journal_dup_path_for_scope (
    converc_account_get_secret_scope (r->account));

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (!delete_file (file, error))
        return FALSE;
    }

  return TRUE;
}

static void
remove_clear_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Removal *r = g_task_get_task_data (task);
  g_autoptr(Item) item = NULL;
  GError *error = NULL;

  item = g_queue_pop_head (&r->items);
  if (!converc_secret_store_clear_finish (CONVERC_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (item->webhook_id != NULL)
    r->n_secrets_deleted++;

  remove_next (g_steal_pointer (&task));
}

static void
remove_list_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Removal *r = g_task_get_task_data (task);
  g_autoptr(GPtrArray) stored = NULL;
  const char *scope;
  GError *error = NULL;

  stored = converc_secret_store_list_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (stored == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  scope = g_ptr_array_index (r->scopes, r->next_scope - 1);
  for (guint i = 0; i < stored->len; i++)
    {
      ConvercStoredSecret *secret = g_ptr_array_index (stored, i);

      queue_item (r, scope, secret->webhook_id);
    }

  remove_next (g_steal_pointer (&task));
}

static void
remove_next (GTask *task)
{
  Removal *r = g_task_get_task_data (task);
  ConvercSecretStore *secrets = r->secrets;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  /* 1, 2: every queued item (the keys, then the secrets listed) */
  if (!g_queue_is_empty (&r->items))
    {
      Item *item = g_queue_peek_head (&r->items);

      converc_secret_store_clear_async (secrets, item->scope, item->webhook_id,
                                        g_task_get_cancellable (task), remove_clear_cb, task);
      return;
    }

  /* 2: the secrets of each scope, listed once the keys are gone */
  if ((r->flags & CONVERC_ACCOUNT_REMOVAL_DELETE_SECRETS) != 0 &&
      r->next_scope < r->scopes->len)
    {
      const char *scope = g_ptr_array_index (r->scopes, r->next_scope++);

      converc_secret_store_list_async (secrets, scope, g_task_get_cancellable (task),
                                       remove_list_cb, task);
      return;
    }

  /* 3: the event history; 4: the list */
  if (!delete_journal (r, &error) ||
      !converc_account_store_remove (r->accounts, converc_account_get_id (r->account), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_debug ("Removed an account (%u signing secrets deleted)", r->n_secrets_deleted);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
converc_account_remove_async (ConvercAccountStore        *accounts,
                              ConvercSecretStore         *secrets,
                              ConvercAccount             *account,
                              ConvercAccountRemovalFlags  flags,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  Removal *r;

  g_return_if_fail (CONVERC_IS_ACCOUNT_STORE (accounts));
  g_return_if_fail (CONVERC_IS_SECRET_STORE (secrets));
  g_return_if_fail (CONVERC_IS_ACCOUNT (account));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (accounts, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_account_remove_async);

  if (converc_account_store_lookup_id (accounts, converc_account_get_id (account)) != account)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("This account is not listed any more."));
      return;
    }

  r = g_new0 (Removal, 1);
  r->accounts = g_object_ref (accounts);
  r->secrets = g_object_ref (secrets);
  r->account = g_object_ref (account);
  r->flags = flags;
  r->scopes = dup_scopes (accounts, account);
  g_task_set_task_data (task, r, (GDestroyNotify) removal_free);

  /* 1: the API keys first: if the keyring fails, nothing else is touched. */
  for (guint i = 0; i < r->scopes->len; i++)
    queue_item (r, g_ptr_array_index (r->scopes, i), NULL);

  remove_next (g_steal_pointer (&task));
}

gboolean
converc_account_remove_finish (ConvercAccountStore  *accounts,
                               GAsyncResult         *result,
                               GError              **error)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (accounts), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, accounts), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GMainContext  *context,
          GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (context, TRUE);
  while (g_main_context_iteration (context, FALSE))
    ;

  return *result;
}

gboolean
converc_account_remove_sync (ConvercAccountStore         *accounts,
                             ConvercSecretStore          *secrets,
                             ConvercAccount              *account,
                             ConvercAccountRemovalFlags   flags,
                             guint                       *n_secrets_deleted,
                             GError                     **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (accounts), FALSE);

  g_main_context_push_thread_default (context);
  converc_account_remove_async (accounts, secrets, account, flags, NULL, sync_done_cb, &result);
  wait_for (context, &result);
  if (n_secrets_deleted != NULL)
    {
      Removal *r = g_task_get_task_data (G_TASK (result));

      *n_secrets_deleted = r != NULL ? r->n_secrets_deleted : 0;
    }
  ok = converc_account_remove_finish (accounts, result, error);
  g_main_context_pop_thread_default (context);

  return ok;
}

int
converc_account_count_secrets_sync (ConvercSecretStore  *secrets,
                                    ConvercAccount      *account,
                                    GError             **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  int n;

  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (secrets), -1);

  g_main_context_push_thread_default (context);
  converc_account_count_secrets_async (secrets, account, NULL, sync_done_cb, &result);
  wait_for (context, &result);
  n = converc_account_count_secrets_finish (secrets, result, error);
  g_main_context_pop_thread_default (context);

  return n;
}
