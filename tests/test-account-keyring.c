/* test-account-keyring.c
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

/* The one concern of this file: accounts against a real keyring (run under
 * build-aux/headless.sh): the migration of today's items by base URL, two
 * accounts on one server, and a missing keyring. */

#define G_LOG_DOMAIN "test-account-keyring"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gio.h>
#include <gio/gsettingsbackend.h>
#include <libsecret/secret.h>
#include <string.h>
#include <unistd.h>

#include "converc-account.h"
#include "converc-account-migration.h"
#include "converc-account-store.h"
#include "converc-error.h"
#include "converc-secret-store.h"
#include "converc-test-utils.h"

#define SCHEMA_ID "com.converc.Webhooks"

static GTestDBus *keep_bus;

/* The attributes of the one item of @schema_name that has @name = @value
 * (and the webhook id, if given). */
static GHashTable *
find_item_attributes (const char *schema_name,
                      const char *name,
                      const char *value,
                      const char *webhook_id)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *attributes = NULL;
  GList *items;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  query = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (query, (gpointer) name, (gpointer) value);
  g_hash_table_insert (query, (gpointer) "xdg:schema", (gpointer) schema_name);
  if (webhook_id != NULL)
    g_hash_table_insert (query, (gpointer) CONVERC_SECRET_ATTR_WEBHOOK_ID, (gpointer) webhook_id);
  items = secret_service_search_sync (service, NULL, query, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) these = secret_item_get_attributes (l->data);

      if (g_strcmp0 (g_hash_table_lookup (these, "xdg:schema"), schema_name) != 0)
        continue;
      g_assert_null (attributes);
      attributes = g_steal_pointer (&these);
    }
  g_list_free_full (items, g_object_unref);
  g_assert_nonnull (attributes);

  return attributes;
}

static void
test_migration_keyring (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (SCHEMA_ID, backend);
  g_autoptr(ConvercAccountStore) store = converc_account_store_new (settings);
  g_autoptr(ConvercSecretStore) secrets = converc_keyring_store_new (10);
  g_autoptr(ConvercAccount) account = NULL;
  g_autoptr(ConvercAccount) again = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = converc_test_unique_base_url ("migrate");
  g_autofree char *other_url = converc_test_unique_base_url ("other");
  g_autofree char *value = NULL;
  const char *scope;

  if (!converc_test_need_session_bus ())
    return;

  /* Today's items, written the way the app and CLI write them now. */
  g_assert_true (converc_secret_store_store_sync (secrets, url, NULL, "sk_live_before", &error));
  g_assert_true (converc_secret_store_store_sync (secrets, url, "wh_a", "whsec_a", &error));
  g_assert_true (converc_secret_store_store_sync (secrets, url, "wh_b", "whsec_b", &error));
  g_assert_true (converc_secret_store_store_sync (secrets, other_url, "wh_c", "whsec_c", &error));
  g_assert_no_error (error);

  account = converc_account_migrate_sync (store, secrets, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (converc_account_get_base_url (account), ==, url);
  g_assert_true (converc_account_store_get_default (store) == account);
  scope = converc_account_get_secret_scope (account);

  value = converc_secret_store_lookup_sync (secrets, scope, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "sk_live_before");
  g_clear_pointer (&value, g_free);
  value = converc_secret_store_lookup_sync (secrets, scope, "wh_a", &error);
  g_assert_cmpstr (value, ==, "whsec_a");
  g_clear_pointer (&value, g_free);
  value = converc_secret_store_lookup_sync (secrets, scope, "wh_b", &error);
  g_assert_cmpstr (value, ==, "whsec_b");
  g_clear_pointer (&value, g_free);
  value = converc_secret_store_lookup_sync (secrets, scope, "wh_c", &error);
  g_assert_null (value);
  g_assert_no_error (error);

  /* The new key is filed under com.converc.Webhooks.ApiKey with the
   * account attribute (and no base-url). */
  attributes = find_item_attributes (CONVERC_SECRET_SCHEMA_API_KEY,
                                     CONVERC_SECRET_ATTR_ACCOUNT, scope, NULL);
  g_assert_cmpstr (g_hash_table_lookup (attributes, CONVERC_SECRET_ATTR_ACCOUNT), ==, scope);
  g_assert_null (g_hash_table_lookup (attributes, CONVERC_SECRET_ATTR_BASE_URL));
  g_clear_pointer (&attributes, g_hash_table_unref);
  attributes = find_item_attributes (CONVERC_SECRET_SCHEMA_SIGNING_SECRET,
                                     CONVERC_SECRET_ATTR_ACCOUNT, scope, "wh_b");
  g_assert_null (g_hash_table_lookup (attributes, CONVERC_SECRET_ATTR_BASE_URL));
  g_clear_pointer (&attributes, g_hash_table_unref);

  /* The old items are still there, untouched. */
  value = converc_secret_store_lookup_sync (secrets, url, NULL, &error);
  g_assert_cmpstr (value, ==, "sk_live_before");
  g_clear_pointer (&value, g_free);
  value = converc_secret_store_lookup_sync (secrets, url, "wh_a", &error);
  g_assert_cmpstr (value, ==, "whsec_a");
  g_clear_pointer (&value, g_free);

  /* Once is enough. */
  again = converc_account_migrate_sync (store, secrets, url, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  /* Clean up this run's items. */
  converc_secret_store_clear_sync (secrets, scope, NULL, NULL);
  converc_secret_store_clear_sync (secrets, scope, "wh_a", NULL);
  converc_secret_store_clear_sync (secrets, scope, "wh_b", NULL);
  converc_secret_store_clear_sync (secrets, url, NULL, NULL);
  converc_secret_store_clear_sync (secrets, url, "wh_a", NULL);
  converc_secret_store_clear_sync (secrets, url, "wh_b", NULL);
  converc_secret_store_clear_sync (secrets, other_url, "wh_c", NULL);
}

static void
test_same_base_url_keyring (void)
{
  g_autoptr(ConvercAccountStore) store = converc_account_store_new (NULL);
  g_autoptr(ConvercSecretStore) secrets = converc_keyring_store_new (10);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = converc_test_unique_base_url ("shared");
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;
  ConvercAccount *a, *b;

  if (!converc_test_need_session_bus ())
    return;

  a = converc_account_store_add (store, "Client A", url, &error);
  b = converc_account_store_add (store, "Client B", url, &error);
  g_assert_no_error (error);

  g_assert_true (converc_secret_store_store_sync (secrets, converc_account_get_id (a), NULL,
                                                  "key-a", &error));
  g_assert_true (converc_secret_store_store_sync (secrets, converc_account_get_id (b), NULL,
                                                  "key-b", &error));
  g_assert_no_error (error);

  key_a = converc_secret_store_lookup_sync (secrets, converc_account_get_id (a), NULL, &error);
  key_b = converc_secret_store_lookup_sync (secrets, converc_account_get_id (b), NULL, &error);
  g_assert_cmpstr (key_a, ==, "key-a");
  g_assert_cmpstr (key_b, ==, "key-b");

  /* Clearing one leaves the other. */
  g_assert_true (converc_secret_store_clear_sync (secrets, converc_account_get_id (a), NULL,
                                                  &error));
  g_clear_pointer (&key_a, g_free);
  g_clear_pointer (&key_b, g_free);
  key_a = converc_secret_store_lookup_sync (secrets, converc_account_get_id (a), NULL, &error);
  key_b = converc_secret_store_lookup_sync (secrets, converc_account_get_id (b), NULL, &error);
  g_assert_null (key_a);
  g_assert_cmpstr (key_b, ==, "key-b");
  converc_secret_store_clear_sync (secrets, converc_account_get_id (b), NULL, NULL);
}

/* No Secret Service: a clear error, the accounts stay listed, nothing is
 * written (no account made up, no settings written). */
static void
test_migration_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
      g_autoptr(GSettings) settings = g_settings_new_with_backend (SCHEMA_ID, backend);
      g_autoptr(ConvercAccountStore) store = converc_account_store_new (settings);
      g_autoptr(ConvercSecretStore) secrets = NULL;
      g_autoptr(ConvercAccount) account = NULL;
      g_autoptr(GVariant) saved = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      ConvercAccount *listed;

      g_test_dbus_up (bus);
      secrets = converc_keyring_store_new (10);

      account = converc_account_migrate_sync (store, secrets, "https://api.converc.com", &error);
      g_assert_null (account);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING);
      g_printerr ("migrate: %s\n", error->message);
      g_clear_error (&error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
      saved = g_settings_get_value (settings, CONVERC_ACCOUNT_STORE_KEY_ACCOUNTS);
      g_assert_cmpuint (g_variant_n_children (saved), ==, 0);

      /* An account listed already stays listed; its key cannot be read. */
      listed = converc_account_store_add (store, "Acme", "https://api.converc.com", &error);
      g_assert_no_error (error);
      key = converc_secret_store_lookup_sync (secrets, converc_account_get_id (listed), NULL,
                                              &error);
      g_assert_null (key);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

      g_test_dbus_stop (bus);
      keep_bus = bus;
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*No keyring (Secret Service) is running*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/converc/account/keyring/migration", test_migration_keyring);
  g_test_add_func ("/converc/account/keyring/same-base-url", test_same_base_url_keyring);
  g_test_add_func ("/converc/account/keyring/migration-no-keyring", test_migration_no_keyring);

  return g_test_run ();
}
