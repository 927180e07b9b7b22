/* test-account.c
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

/* The one concern of this file: accounts without a keyring: the model, the
 * store in GSettings (memory backend), hostile labels, two accounts on one
 * server, and the migration against the memory secret store. */

#define G_LOG_DOMAIN "test-account"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gio.h>
#include <gio/gsettingsbackend.h>
#include <string.h>

#include "converc-account.h"
#include "converc-account-migration.h"
#include "converc-account-store.h"
#include "converc-error.h"
#include "converc-secret-store.h"
#include "converc-test-utils.h"

#define SCHEMA_ID "com.converc.Webhooks"
#define URL "https://api.converc.com"
#define STAGING_URL "https://staging.converc.example"

static GSettings *
new_settings (GSettingsBackend *backend)
{
  return g_settings_new_with_backend (SCHEMA_ID, backend);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_model (void)
{
  g_autoptr(ConvercAccount) account = NULL;
  g_autoptr(ConvercAccount) copy = NULL;
  g_autoptr(ConvercAccount) demo = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autofree char *other_id = NULL;

  account = converc_account_new_generated ("Acme — Production", URL "/");
  g_assert_true (g_str_has_prefix (converc_account_get_id (account), "acct-"));
  g_assert_true (converc_account_is_valid_id (converc_account_get_id (account)));
  g_assert_cmpstr (converc_account_get_secret_scope (account), ==,
                   converc_account_get_id (account));
  g_assert_cmpstr (converc_account_get_label (account), ==, "Acme — Production");
  g_assert_cmpstr (converc_account_get_base_url (account), ==, URL);
  g_assert_cmpstr (converc_account_get_color (account), ==, CONVERC_ACCOUNT_COLOR_DEFAULT);
  g_assert_false (converc_account_get_production (account));
  g_assert_false (converc_account_get_demo (account));
  g_assert_null (converc_account_get_organization_id (account));

  /* Ids are fresh each time, and never look like a URL. */
  {
    g_autoptr(ConvercAccount) other = converc_account_new_generated ("Other", URL);

    other_id = g_strdup (converc_account_get_id (other));
  }
  g_assert_cmpstr (other_id, !=, converc_account_get_id (account));
  g_assert_false (converc_account_is_valid_id ("https://api.converc.com"));
  g_assert_false (converc_account_is_valid_id (""));
  g_assert_false (converc_account_is_valid_id ("Acct"));

  converc_account_set_color (account, "red");
  g_assert_cmpstr (converc_account_get_color (account), ==, "red");
  converc_account_set_color (account, "chartreuse");
  g_assert_cmpstr (converc_account_get_color (account), ==, CONVERC_ACCOUNT_COLOR_DEFAULT);
  g_assert_true (g_strv_length ((char **) converc_account_get_palette ()) >= 6);
  converc_account_set_color (account, "orange");
  converc_account_set_production (account, TRUE);
  converc_account_set_organization_id (account, "org_42");

  dict = g_variant_ref_sink (converc_account_to_variant (account));
  copy = converc_account_new_from_variant (dict);
  g_assert_nonnull (copy);
  g_assert_cmpstr (converc_account_get_id (copy), ==, converc_account_get_id (account));
  g_assert_cmpstr (converc_account_get_label (copy), ==, "Acme — Production");
  g_assert_cmpstr (converc_account_get_base_url (copy), ==, URL);
  g_assert_cmpstr (converc_account_get_color (copy), ==, "orange");
  g_assert_true (converc_account_get_production (copy));
  g_assert_cmpstr (converc_account_get_organization_id (copy), ==, "org_42");

  /* Entries that cannot be an account are dropped, not half-read. */
  {
    g_autoptr(GVariant) bad = g_variant_ref_sink (
      g_variant_new_parsed ("{'id': <'../x'>, 'label': <'X'>, 'base-url': <'https://a.b'>}"));
    g_autoptr(GVariant) no_label = g_variant_ref_sink (
      g_variant_new_parsed ("{'id': <'acct-1'>, 'label': <'\\t'>, 'base-url': <'https://a.b'>}"));

    g_assert_null (converc_account_new_from_variant (bad));
    g_assert_null (converc_account_new_from_variant (no_label));
  }

  demo = converc_account_new_demo ("http://127.0.0.1:1234");
  g_assert_true (converc_account_get_demo (demo));
  g_assert_cmpstr (converc_account_get_label (demo), ==, "Demo");
}

static void
test_store (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = new_settings (backend);
  g_autoptr(ConvercAccountStore) store = converc_account_store_new (settings);
  g_autoptr(GError) error = NULL;
  ConvercAccount *prod, *staging;
  guint changed = 0, items_changed = 0;
  g_autofree char *prod_id = NULL;

  g_signal_connect (store, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &items_changed);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (converc_account_store_get_default (store));

  prod = converc_account_store_add (store, "Acme — Production", URL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (prod);
  prod_id = g_strdup (converc_account_get_id (prod));
  staging = converc_account_store_add (store, "Acme — Staging", STAGING_URL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (items_changed, ==, 2);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == CONVERC_TYPE_ACCOUNT);

  /* The first account is the default. */
  g_assert_true (converc_account_store_get_default (store) == prod);

  /* Lookup by id, and by label without regard to case. */
  g_assert_true (converc_account_store_lookup_id (store, prod_id) == prod);
  g_assert_true (converc_account_store_lookup (store, prod_id) == prod);
  g_assert_true (converc_account_store_lookup (store, "acme — STAGING") == staging);
  g_assert_null (converc_account_store_lookup (store, "Acme"));
  g_assert_null (converc_account_store_lookup (store, NULL));

  /* Labels are unique (case does not count), non-empty; URLs are checked. */
  g_assert_null (converc_account_store_add (store, "ACME — production", URL, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (converc_account_store_add (store, " \n\t", URL, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (converc_account_store_add (store, "Plain", "http://api.converc.com", &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  /* Rename, recolour. */
  changed = 0;
  g_assert_true (converc_account_store_rename (store, converc_account_get_id (staging),
                                               "Acme — Test", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (converc_account_get_label (staging), ==, "Acme — Test");
  g_assert_false (converc_account_store_rename (store, converc_account_get_id (staging),
                                                "acme — production", &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* Renaming to itself with another case is fine. */
  g_assert_true (converc_account_store_rename (store, converc_account_get_id (staging),
                                               "ACME — Test", &error));
  g_assert_true (converc_account_store_recolor (store, converc_account_get_id (staging),
                                                "green", &error));
  g_assert_cmpstr (converc_account_get_color (staging), ==, "green");
  g_assert_false (converc_account_store_recolor (store, converc_account_get_id (staging),
                                                 "chartreuse", &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_false (converc_account_store_rename (store, "acct-nobody", "X", &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Default, and what happens when the default goes. */
  g_assert_true (converc_account_store_set_default (store, converc_account_get_id (staging),
                                                    &error));
  g_assert_true (converc_account_store_get_default (store) == staging);
  g_assert_false (converc_account_store_set_default (store, "acct-nobody", &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (converc_account_store_remove (store, converc_account_get_id (staging), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_true (converc_account_store_get_default (store) == prod);
  g_assert_false (converc_account_store_remove (store, "acct-nobody", &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* The demo account is listed, never saved. */
  {
    ConvercAccount *demo = converc_account_store_add_demo (store, "http://127.0.0.1:9");
    g_autoptr(GVariant) saved = NULL;

    g_assert_true (converc_account_get_demo (demo));
    g_assert_true (converc_account_store_add_demo (store, "http://127.0.0.1:9") == demo);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
    saved = g_settings_get_value (settings, CONVERC_ACCOUNT_STORE_KEY_ACCOUNTS);
    g_assert_cmpuint (g_variant_n_children (saved), ==, 1);
    g_assert_true (converc_account_store_get_default (store) == prod);
  }
}

static void
test_persistence (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *prod_id = NULL;
  g_autofree char *staging_id = NULL;

  {
    g_autoptr(GSettings) settings = new_settings (backend);
    g_autoptr(ConvercAccountStore) store = converc_account_store_new (settings);
    ConvercAccount *prod, *staging;

    prod = converc_account_store_add (store, "Acme — Production", URL, &error);
    staging = converc_account_store_add (store, "Acme — Staging", STAGING_URL, &error);
    g_assert_no_error (error);
    prod_id = g_strdup (converc_account_get_id (prod));
    staging_id = g_strdup (converc_account_get_id (staging));
    converc_account_set_production (prod, TRUE);
    converc_account_set_organization_id (prod, "org_1");
    g_assert_true (converc_account_store_recolor (store, prod_id, "red", &error));
    g_assert_true (converc_account_store_set_default (store, staging_id, &error));
    converc_account_store_add_demo (store, "http://127.0.0.1:9");
  }

  /* A new store on a new GSettings over the same backend sees it all. */
  {
    g_autoptr(GSettings) settings = new_settings (backend);
    g_autoptr(ConvercAccountStore) store = converc_account_store_new (settings);
    ConvercAccount *prod, *staging;

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
    prod = converc_account_store_lookup_id (store, prod_id);
    staging = converc_account_store_lookup_id (store, staging_id);
    g_assert_nonnull (prod);
    g_assert_nonnull (staging);
    g_assert_cmpstr (converc_account_get_label (prod), ==, "Acme — Production");
    g_assert_cmpstr (converc_account_get_base_url (staging), ==, STAGING_URL);
    g_assert_true (converc_account_get_production (prod));
    g_assert_cmpstr (converc_account_get_organization_id (prod), ==, "org_1");
    g_assert_cmpstr (converc_account_get_color (prod), ==, "red");
    g_assert_true (converc_account_store_get_default (store) == staging);
    /* Order kept. */
    {
      g_autoptr(ConvercAccount) first = g_list_model_get_item (G_LIST_MODEL (store), 0);

      g_assert_true (first == prod);
    }
  }
}

/* Another process (the CLI) changes the settings: an open store follows,
 * keeping the objects of the accounts that stay. */
static void
test_external_change (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings_a = new_settings (backend);
  g_autoptr(GSettings) settings_b = new_settings (backend);
  g_autoptr(ConvercAccountStore) a = converc_account_store_new (settings_a);
  g_autoptr(ConvercAccountStore) b = converc_account_store_new (settings_b);
  g_autoptr(GError) error = NULL;
  ConvercAccount *in_a, *in_b;
  gboolean seen = FALSE;
  guint changed = 0;

  g_signal_connect (b, "changed", G_CALLBACK (count_cb), &changed);

  in_a = converc_account_store_add (a, "Acme", URL, &error);
  g_assert_no_error (error);
  while (g_list_model_get_n_items (G_LIST_MODEL (b)) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changed, >=, 1);
  in_b = converc_account_store_lookup_id (b, converc_account_get_id (in_a));
  g_assert_nonnull (in_b);

  g_assert_true (converc_account_store_rename (a, converc_account_get_id (in_a), "Acme Inc",
                                               &error));
  while (!(seen = g_str_equal (converc_account_get_label (in_b), "Acme Inc")))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (seen);
  /* The same object, updated in place. */
  g_assert_true (converc_account_store_lookup_id (b, converc_account_get_id (in_a)) == in_b);

  g_assert_true (converc_account_store_remove (a, converc_account_get_id (in_a), &error));
  while (g_list_model_get_n_items (G_LIST_MODEL (b)) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (converc_account_store_get_default (b));
}

static void
test_hostile_labels (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = new_settings (backend);
  g_autoptr(ConvercAccountStore) store = converc_account_store_new (settings);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_label = g_string_new (NULL);
  ConvercAccount *account;
  g_autofree char *markup_id = NULL;
  g_autofree char *long_id = NULL;

  /* Markup is stored as given: the UI escapes it. */
  account = converc_account_store_add (store, "<b>Acme</b> & \"Co\" <script>", URL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (converc_account_get_label (account), ==, "<b>Acme</b> & \"Co\" <script>");
  markup_id = g_strdup (converc_account_get_id (account));

  /* 2,000 characters are stored whole: the UI ellipsises. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_unichar (long_label, i % 2 ? 0x00e9 : 'x');
  account = converc_account_store_add (store, long_label->str, URL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_utf8_strlen (converc_account_get_label (account), -1), ==, 2000);
  long_id = g_strdup (converc_account_get_id (account));

  /* Control characters (escapes, line breaks, tabs) go; bad UTF-8 is
   * repaired. */
  account = converc_account_store_add (store, "\tAcme\n\x1b[31mRed\x7f\r Prod\xff ", URL,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (converc_account_get_label (account), ==, "Acme[31mRed Prod\xef\xbf\xbd");
  g_assert_true (g_utf8_validate (converc_account_get_label (account), -1, NULL));

  /* Read back as stored. */
  {
    g_autoptr(GSettings) settings2 = new_settings (backend);
    g_autoptr(ConvercAccountStore) store2 = converc_account_store_new (settings2);

    g_assert_cmpstr (converc_account_get_label (converc_account_store_lookup_id (store2, markup_id)),
                     ==, "<b>Acme</b> & \"Co\" <script>");
    g_assert_cmpstr (converc_account_get_label (converc_account_store_lookup_id (store2, long_id)),
                     ==, long_label->str);
    g_assert_true (converc_account_store_lookup (store2, "<B>ACME</B> & \"CO\" <SCRIPT>") ==
                   converc_account_store_lookup_id (store2, markup_id));
  }

  /* Hostile settings written by hand: wrong entries are skipped, the rest
   * is read. */
  g_settings_set_value (settings, CONVERC_ACCOUNT_STORE_KEY_ACCOUNTS,
                        g_variant_new_parsed ("[{'id': <'acct-ok'>, 'label': <'Fine'>, "
                                              "'base-url': <'https://a.example'>}, "
                                              "{'id': <'NOT AN ID'>, 'label': <'Bad'>, "
                                              "'base-url': <'https://b.example'>}, "
                                              "{'label': <'No id'>}, "
                                              "{'id': <'acct-ok'>, 'label': <'Twice'>, "
                                              "'base-url': <'https://c.example'>}]"));
  {
    g_autoptr(ConvercAccountStore) store3 = converc_account_store_new (settings);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store3)), ==, 1);
    g_assert_cmpstr (converc_account_get_label (converc_account_store_lookup_id (store3, "acct-ok")),
                     ==, "Fine");
  }
}

/* Two accounts on one server with two keys: each gets its own. */
static void
test_same_base_url (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = new_settings (backend);
  g_autoptr(ConvercAccountStore) store = converc_account_store_new (settings);
  g_autoptr(ConvercSecretStore) secrets = converc_memory_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) both = NULL;
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;
  g_autofree char *legacy = NULL;
  ConvercAccount *a, *b;

  a = converc_account_store_add (store, "Agency — Client A", URL, &error);
  b = converc_account_store_add (store, "Agency — Client B", URL "/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (converc_account_get_id (a), !=, converc_account_get_id (b));

  both = converc_account_store_find_by_base_url (store, URL "//");
  g_assert_cmpuint (both->len, ==, 2);

  g_assert_true (converc_secret_store_store_sync (secrets, converc_account_get_secret_scope (a),
                                                  NULL, "key-of-a", &error));
  g_assert_true (converc_secret_store_store_sync (secrets, converc_account_get_secret_scope (b),
                                                  NULL, "key-of-b", &error));
  g_assert_true (converc_secret_store_store_sync (secrets, converc_account_get_secret_scope (a),
                                                  "wh_1", "whsec_a", &error));
  g_assert_no_error (error);

  key_a = converc_secret_store_lookup_sync (secrets, converc_account_get_secret_scope (a), NULL,
                                            &error);
  key_b = converc_secret_store_lookup_sync (secrets, converc_account_get_secret_scope (b), NULL,
                                            &error);
  g_assert_cmpstr (key_a, ==, "key-of-a");
  g_assert_cmpstr (key_b, ==, "key-of-b");
  g_clear_pointer (&key_b, g_free);
  key_b = converc_secret_store_lookup_sync (secrets, converc_account_get_secret_scope (b), "wh_1",
                                            &error);
  g_assert_null (key_b);
  /* Nor does the base URL (the scope of items from before accounts) see them. */
  legacy = converc_secret_store_lookup_sync (secrets, URL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (legacy);
}

static void
test_migration_memory (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = new_settings (backend);
  g_autoptr(ConvercAccountStore) store = converc_account_store_new (settings);
  g_autoptr(ConvercSecretStore) secrets = converc_memory_store_new ();
  g_autoptr(ConvercAccount) account = NULL;
  g_autoptr(ConvercAccount) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *old_key = NULL;
  const char *scope;

  /* Nothing stored: nothing to migrate, no account made up. */
  account = converc_account_migrate_sync (store, secrets, URL, &error);
  g_assert_no_error (error);
  g_assert_null (account);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* Today's items: the key and two signing secrets by base URL, plus an
   * item of another server that must stay where it is. */
  converc_secret_store_store_sync (secrets, URL "/", NULL, "sk_live_old", &error);
  converc_secret_store_store_sync (secrets, URL, "wh_1", "whsec_1", &error);
  converc_secret_store_store_sync (secrets, URL, "wh_2", "whsec_2", &error);
  converc_secret_store_store_sync (secrets, STAGING_URL, "wh_9", "whsec_9", &error);
  g_assert_no_error (error);

  account = converc_account_migrate_sync (store, secrets, URL "/", &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (converc_account_get_label (account), ==, "api.converc.com");
  g_assert_cmpstr (converc_account_get_base_url (account), ==, URL);
  g_assert_cmpstr (converc_account_get_legacy_base_url (account), ==, URL);
  g_assert_true (converc_account_store_get_default (store) == account);
  scope = converc_account_get_secret_scope (account);

  key = converc_secret_store_lookup_sync (secrets, scope, NULL, &error);
  g_assert_cmpstr (key, ==, "sk_live_old");
  g_clear_pointer (&key, g_free);
  key = converc_secret_store_lookup_sync (secrets, scope, "wh_1", &error);
  g_assert_cmpstr (key, ==, "whsec_1");
  g_clear_pointer (&key, g_free);
  key = converc_secret_store_lookup_sync (secrets, scope, "wh_2", &error);
  g_assert_cmpstr (key, ==, "whsec_2");
  g_clear_pointer (&key, g_free);
  key = converc_secret_store_lookup_sync (secrets, scope, "wh_9", &error);
  g_assert_null (key);
  g_assert_no_error (error);

  /* The old items are kept. */
  old_key = converc_secret_store_lookup_sync (secrets, URL, NULL, &error);
  g_assert_cmpstr (old_key, ==, "sk_live_old");

  /* Saved: a new store sees the account. A second start migrates nothing. */
  {
    g_autoptr(GSettings) settings2 = new_settings (backend);
    g_autoptr(ConvercAccountStore) store2 = converc_account_store_new (settings2);

    g_assert_nonnull (converc_account_store_lookup_id (store2, scope));
    again = converc_account_migrate_sync (store2, secrets, URL, &error);
    g_assert_no_error (error);
    g_assert_null (again);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store2)), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/account/model", test_model);
  g_test_add_func ("/converc/account/store", test_store);
  g_test_add_func ("/converc/account/store/persistence", test_persistence);
  g_test_add_func ("/converc/account/store/external-change", test_external_change);
  g_test_add_func ("/converc/account/store/hostile-labels", test_hostile_labels);
  g_test_add_func ("/converc/account/same-base-url", test_same_base_url);
  g_test_add_func ("/converc/account/migration/memory", test_migration_memory);

  return g_test_run ();
}
