/* cw-test-spy-store.c
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

/* The one concern of this file: the spy secret store of the account
 * dialogs' tests (cw-test-spy-store.h). */

#include "config.h"

#include "cw-test-spy-store.h"

static void cw_test_spy_store_iface_init (ConvercSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CwTestSpyStore, cw_test_spy_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CONVERC_TYPE_SECRET_STORE,
                                                      cw_test_spy_store_iface_init))

/* NULL when the call goes on to the memory store; else a task that failed. */
static gboolean
spy_fails (CwTestSpyStore      *self,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  self->n_calls++;
  if (!self->absent)
    return FALSE;

  task = g_task_new (self, NULL, callback, user_data);
  g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING,
                           "No keyring (Secret Service) is running.");
  return TRUE;
}

/* The memory store's result, handed on as ours. */
typedef struct
{
  GAsyncReadyCallback callback;
  gpointer            user_data;
  CwTestSpyStore     *self;
} Forward;

static void
forward_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Forward *forward = user_data;
  g_autoptr(GTask) task = g_task_new (forward->self, NULL, forward->callback,
                                      forward->user_data);

  g_task_return_pointer (task, g_object_ref (result), g_object_unref);
  g_object_unref (forward->self);
  g_free (forward);
}

static Forward *
forward_new (CwTestSpyStore      *self,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  Forward *forward = g_new0 (Forward, 1);

  forward->callback = callback;
  forward->user_data = user_data;
  forward->self = g_object_ref (self);

  return forward;
}

/* The memory store's own result, or NULL with @error (ours failed). */
static GAsyncResult *
inner_result (GAsyncResult  *result,
              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
spy_store_async (ConvercSecretStore *store, const char *scope, const char *webhook_id,
                 const char *secret, GCancellable *cancellable,
                 GAsyncReadyCallback callback, gpointer user_data)
{
  CwTestSpyStore *self = CW_TEST_SPY_STORE (store);

  self->n_stores++;
  if (spy_fails (self, callback, user_data))
    return;
  converc_secret_store_store_async (self->memory, scope, webhook_id, secret, cancellable,
                                    forward_cb, forward_new (self, callback, user_data));
}

static gboolean
spy_store_finish (ConvercSecretStore *store, GAsyncResult *result, GError **error)
{
  g_autoptr(GAsyncResult) inner = inner_result (result, error);

  return inner != NULL &&
         converc_secret_store_store_finish (CW_TEST_SPY_STORE (store)->memory, inner, error);
}

static void
spy_lookup_async (ConvercSecretStore *store, const char *scope, const char *webhook_id,
                  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  CwTestSpyStore *self = CW_TEST_SPY_STORE (store);

  if (spy_fails (self, callback, user_data))
    return;
  converc_secret_store_lookup_async (self->memory, scope, webhook_id, cancellable,
                                     forward_cb, forward_new (self, callback, user_data));
}

static char *
spy_lookup_finish (ConvercSecretStore *store, GAsyncResult *result, GError **error)
{
  g_autoptr(GAsyncResult) inner = inner_result (result, error);

  return inner != NULL
    ? converc_secret_store_lookup_finish (CW_TEST_SPY_STORE (store)->memory, inner, error)
    : NULL;
}

static void
spy_clear_async (ConvercSecretStore *store, const char *scope, const char *webhook_id,
                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  CwTestSpyStore *self = CW_TEST_SPY_STORE (store);

  if (spy_fails (self, callback, user_data))
    return;
  converc_secret_store_clear_async (self->memory, scope, webhook_id, cancellable,
                                    forward_cb, forward_new (self, callback, user_data));
}

static gboolean
spy_clear_finish (ConvercSecretStore *store, GAsyncResult *result, GError **error)
{
  g_autoptr(GAsyncResult) inner = inner_result (result, error);

  return inner != NULL &&
         converc_secret_store_clear_finish (CW_TEST_SPY_STORE (store)->memory, inner, error);
}

static void
spy_list_async (ConvercSecretStore *store, const char *scope, GCancellable *cancellable,
                GAsyncReadyCallback callback, gpointer user_data)
{
  CwTestSpyStore *self = CW_TEST_SPY_STORE (store);

  if (spy_fails (self, callback, user_data))
    return;
  converc_secret_store_list_async (self->memory, scope, cancellable,
                                   forward_cb, forward_new (self, callback, user_data));
}

static GPtrArray *
spy_list_finish (ConvercSecretStore *store, GAsyncResult *result, GError **error)
{
  g_autoptr(GAsyncResult) inner = inner_result (result, error);

  return inner != NULL
    ? converc_secret_store_list_finish (CW_TEST_SPY_STORE (store)->memory, inner, error)
    : NULL;
}

static void
cw_test_spy_store_iface_init (ConvercSecretStoreInterface *iface)
{
  iface->store_async = spy_store_async;
  iface->store_finish = spy_store_finish;
  iface->lookup_async = spy_lookup_async;
  iface->lookup_finish = spy_lookup_finish;
  iface->clear_async = spy_clear_async;
  iface->clear_finish = spy_clear_finish;
  iface->list_async = spy_list_async;
  iface->list_finish = spy_list_finish;
}

static void
cw_test_spy_store_finalize (GObject *object)
{
  CwTestSpyStore *self = CW_TEST_SPY_STORE (object);

  g_clear_object (&self->memory);

  G_OBJECT_CLASS (cw_test_spy_store_parent_class)->finalize (object);
}

static void
cw_test_spy_store_class_init (CwTestSpyStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_test_spy_store_finalize;
}

static void
cw_test_spy_store_init (CwTestSpyStore *self)
{
  self->memory = converc_memory_store_new ();
}

CwTestSpyStore *
cw_test_spy_store_new (void)
{
  return g_object_new (CW_TYPE_TEST_SPY_STORE, NULL);
}
