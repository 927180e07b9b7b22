/* test-account-removal.c
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

/* The one concern of this file: removing an account (converc-account-removal.h)
 * against the memory secret store and a keyring that fails: its key, its
 * signing secrets kept or deleted, its journal files, the list. */

#define G_LOG_DOMAIN "test-account-removal"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gio.h>
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "converc-account.h"
#include "converc-account-removal.h"
#include "converc-account-store.h"
#include "converc-error.h"
#include "converc-journal.h"
#include "converc-secret-store.h"
#include "converc-test-utils.h"

#define SCHEMA_ID "com.converc.Webhooks"
#define URL "https://api.converc.com"

/* A keyring that is locked or absent: every call fails. */
#define TEST_TYPE_BROKEN_STORE (test_broken_store_get_type ())
G_DECLARE_FINAL_TYPE (TestBrokenStore, test_broken_store, TEST, BROKEN_STORE, GObject)

struct _TestBrokenStore
{
  GObject parent_instance;
  guint   n_calls;
};

static void test_broken_store_iface_init (ConvercSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestBrokenStore, test_broken_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CONVERC_TYPE_SECRET_STORE,
                                                      test_broken_store_iface_init))

static void
broken_fail (ConvercSecretStore  *store,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, NULL, callback, user_data);

  TEST_BROKEN_STORE (store)->n_calls++;
  g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING,
                           "No keyring (Secret Service) is running.");
}

static void
broken_store_async (ConvercSecretStore *store, const char *scope, const char *webhook_id,
                    const char *secret, GCancellable *cancellable,
                    GAsyncReadyCallback callback, gpointer user_data)
{
  broken_fail (store, callback, user_data);
}

static void
broken_lookup_async (ConvercSecretStore *store, const char *scope, const char *webhook_id,
                     GCancellable *cancellable, GAsyncReadyCallback callback,
                     gpointer user_data)
{
  broken_fail (store, callback, user_data);
}

static void
broken_list_async (ConvercSecretStore *store, const char *scope, GCancellable *cancellable,
                   GAsyncReadyCallback callback, gpointer user_data)
{
  broken_fail (store, callback, user_data);
}

static gboolean
broken_finish_boolean (ConvercSecretStore *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
broken_finish_string (ConvercSecretStore *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GPtrArray *
broken_finish_list (ConvercSecretStore *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_broken_store_iface_init (ConvercSecretStoreInterface *iface)
{
  iface->store_async = broken_store_async;
  iface->store_finish = broken_finish_boolean;
  iface->lookup_async = broken_lookup_async;
  iface->lookup_finish = broken_finish_string;
  iface->clear_async = broken_lookup_async;
  iface->clear_finish = broken_finish_boolean;
  iface->list_async = broken_list_async;
  iface->list_finish = broken_finish_list;
}

static void
test_broken_store_class_init (TestBrokenStoreClass *klass)
{
}

static void
test_broken_store_init (TestBrokenStore *self)
{
}

typedef struct
{
  GSettingsBackend    *backend;
  GSettings           *settings;
  ConvercAccountStore *accounts;
  ConvercSecretStore  *secrets;
  ConvercAccount      *a;
  ConvercAccount      *b;
} Fixture;

static void
write_journal (ConvercAccount *account)
{
  g_autofree char *path = converc_journal_dup_path_for_scope (converc_account_get_secret_scope (account));
  g_autofree char *dir = g_path_get_dirname (path);
  const char *suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_file_set_contents (file, "not really sqlite", -1, &error);
      g_assert_no_error (error);
    }
}

/* How many of the journal's three files exist. */
static guint
count_journal_files (ConvercAccount *account)
{
  g_autofree char *path = converc_journal_dup_path_for_scope (converc_account_get_secret_scope (account));
  const char *suffixes[] = { "", "-wal", "-shm" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      n += g_file_test (file, G_FILE_TEST_EXISTS);
    }

  return n;
}

static char *
lookup (ConvercSecretStore *secrets,
        const char         *scope,
        const char         *webhook_id)
{
  g_autoptr(GError) error = NULL;
  char *value = converc_secret_store_lookup_sync (secrets, scope, webhook_id, &error);

  g_assert_no_error (error);
  return value;
}

static void
store (ConvercSecretStore *secrets,
       const char         *scope,
       const char         *webhook_id,
       const char         *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (converc_secret_store_store_sync (secrets, scope, webhook_id, value, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->backend = g_memory_settings_backend_new ();
  f->settings = g_settings_new_with_backend (SCHEMA_ID, f->backend);
  f->accounts = converc_account_store_new (f->settings);
  f->secrets = converc_memory_store_new ();
  f->a = g_object_ref (converc_account_store_add (f->accounts, "Acme — Production", URL, &error));
  g_assert_no_error (error);
  /* The same server, another key: allowed, with another label. */
  f->b = g_object_ref (converc_account_store_add (f->accounts, "Acme — Staging", URL, &error));
  g_assert_no_error (error);

  store (f->secrets, converc_account_get_id (f->a), NULL, "key-a");
  store (f->secrets, converc_account_get_id (f->a), "wh_1", "whsec_1");
  store (f->secrets, converc_account_get_id (f->a), "wh_2", "whsec_2");
  store (f->secrets, converc_account_get_id (f->b), NULL, "key-b");
  store (f->secrets, converc_account_get_id (f->b), "wh_3", "whsec_3");
  write_journal (f->a);
  write_journal (f->b);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  g_clear_object (&f->secrets);
  g_clear_object (&f->accounts);
  g_clear_object (&f->settings);
  g_clear_object (&f->backend);
}

static guint
n_saved (Fixture *f)
{
  g_autoptr(GVariant) saved = g_settings_get_value (f->settings,
                                                    CONVERC_ACCOUNT_STORE_KEY_ACCOUNTS);

  return g_variant_n_children (saved);
}

static void
assert_b_untouched (Fixture *f)
{
  g_autofree char *key = lookup (f->secrets, converc_account_get_id (f->b), NULL);
  g_autofree char *secret = lookup (f->secrets, converc_account_get_id (f->b), "wh_3");

  g_assert_cmpstr (key, ==, "key-b");
  g_assert_cmpstr (secret, ==, "whsec_3");
  g_assert_cmpuint (count_journal_files (f->b), ==, 3);
  g_assert_true (converc_account_store_lookup_id (f->accounts,
                                                  converc_account_get_id (f->b)) == f->b);
}

static void
test_keep_secrets (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  guint n_deleted = 99;

  g_assert_cmpint (converc_account_count_secrets_sync (f->secrets, f->a, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_true (converc_account_store_get_default (f->accounts) == f->a);

  g_assert_true (converc_account_remove_sync (f->accounts, f->secrets, f->a,
                                              CONVERC_ACCOUNT_REMOVAL_NONE, &n_deleted,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, 0);

  key = lookup (f->secrets, converc_account_get_id (f->a), NULL);
  g_assert_null (key);
  secret = lookup (f->secrets, converc_account_get_id (f->a), "wh_1");
  g_assert_cmpstr (secret, ==, "whsec_1");
  g_assert_cmpint (converc_account_count_secrets_sync (f->secrets, f->a, &error), ==, 2);
  g_assert_cmpuint (count_journal_files (f->a), ==, 0);

  g_assert_null (converc_account_store_lookup_id (f->accounts, converc_account_get_id (f->a)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)), ==, 1);
  g_assert_cmpuint (n_saved (f), ==, 1);
  /* The default moved on. */
  g_assert_true (converc_account_store_get_default (f->accounts) == f->b);
  assert_b_untouched (f);

  /* Removing it again: it is not listed any more. */
  g_assert_false (converc_account_remove_sync (f->accounts, f->secrets, f->a,
                                               CONVERC_ACCOUNT_REMOVAL_NONE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_delete_secrets (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  guint n_deleted = 0;

  g_assert_true (converc_account_remove_sync (f->accounts, f->secrets, f->a,
                                              CONVERC_ACCOUNT_REMOVAL_DELETE_SECRETS,
                                              &n_deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, 2);
  secret = lookup (f->secrets, converc_account_get_id (f->a), "wh_1");
  g_assert_null (secret);
  g_assert_cmpint (converc_account_count_secrets_sync (f->secrets, f->a, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal_files (f->a), ==, 0);
  g_assert_cmpuint (n_saved (f), ==, 1);
  assert_b_untouched (f);
}

/* A migrated account: the key by base URL goes too (else the next start
 * would migrate it again), unless another account came from it. */
static void
test_legacy (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;

  converc_account_set_legacy_base_url (f->a, URL);
  store (f->secrets, URL, NULL, "key-old");
  store (f->secrets, URL, "wh_1", "whsec_1");
  store (f->secrets, URL, "wh_9", "whsec_9");

  /* wh_1 is under both scopes: counted once. */
  g_assert_cmpint (converc_account_count_secrets_sync (f->secrets, f->a, &error), ==, 3);
  g_assert_no_error (error);

  /* B came from the same old key: it stays for B. */
  converc_account_set_legacy_base_url (f->b, URL);
  g_assert_true (converc_account_remove_sync (f->accounts, f->secrets, f->a,
                                              CONVERC_ACCOUNT_REMOVAL_DELETE_SECRETS, NULL,
                                              &error));
  g_assert_no_error (error);
  key = lookup (f->secrets, URL, NULL);
  g_assert_cmpstr (key, ==, "key-old");
  g_clear_pointer (&key, g_free);

  /* B alone: its removal clears the old key and, asked, the old secrets. */
  g_assert_true (converc_account_remove_sync (f->accounts, f->secrets, f->b,
                                              CONVERC_ACCOUNT_REMOVAL_DELETE_SECRETS, NULL,
                                              &error));
  g_assert_no_error (error);
  key = lookup (f->secrets, URL, NULL);
  g_assert_null (key);
  secret = lookup (f->secrets, URL, "wh_9");
  g_assert_null (secret);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->accounts)), ==, 0);
  g_assert_cmpuint (n_saved (f), ==, 0);
}

/* A locked or absent keyring: an error that says so, the account stays
 * listed and its history stays. */
static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ConvercSecretStore) broken = g_object_new (TEST_TYPE_BROKEN_STORE, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (converc_account_count_secrets_sync (broken, f->a, &error), ==, -1);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING);
  g_clear_error (&error);

  TEST_BROKEN_STORE (broken)->n_calls = 0;
  g_assert_false (converc_account_remove_sync (f->accounts, broken, f->a,
                                               CONVERC_ACCOUNT_REMOVAL_DELETE_SECRETS, NULL,
                                               &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING);
  /* It stopped at the first call. */
  g_assert_cmpuint (TEST_BROKEN_STORE (broken)->n_calls, ==, 1);
  g_assert_true (converc_account_store_lookup_id (f->accounts,
                                                  converc_account_get_id (f->a)) == f->a);
  g_assert_cmpuint (n_saved (f), ==, 2);
  g_assert_cmpuint (count_journal_files (f->a), ==, 3);
  assert_b_untouched (f);
}

/* The async form, cancelled before it starts: nothing happens. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_cancellable_cancel (cancellable);
  converc_account_remove_async (f->accounts, f->secrets, f->a, CONVERC_ACCOUNT_REMOVAL_NONE,
                                cancellable, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, 10);
  g_assert_false (converc_account_remove_finish (f->accounts, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  key = lookup (f->secrets, converc_account_get_id (f->a), NULL);
  g_assert_cmpstr (key, ==, "key-a");
  g_assert_cmpuint (count_journal_files (f->a), ==, 3);
  g_assert_cmpuint (n_saved (f), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("test-account-removal-XXXXXX", NULL);
  int status;

  /* The journals live under the user data folder: a private one. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  converc_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/converc/account/removal/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("keep-secrets", test_keep_secrets);
  ADD ("delete-secrets", test_delete_secrets);
  ADD ("legacy", test_legacy);
  ADD ("no-keyring", test_no_keyring);
  ADD ("cancelled", test_cancelled);
#undef ADD

  status = g_test_run ();
  converc_test_remove_tree (home);

  return status;
}
