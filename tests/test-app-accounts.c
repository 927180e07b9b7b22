/* test-app-accounts.c
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

/* The one concern of this file: a user upgrading from before accounts loses
 * nothing: the app's first start moves the key (and a signing secret) saved
 * by base URL to a first account, signs in with it, and the next key saved
 * goes to that account. Needs build-aux/headless.sh (a real keyring). */

#define G_LOG_DOMAIN "test-app-accounts"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc-emulator.h"
#include "cw-application.h"
#include "cw-test-utils.h"
#include "cw-window.h"

/* One registered application for the whole run. */
static CwApplication *the_app;

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_upgrade (void)
{
  g_autoptr(CwApplication) app = cw_application_new ();
  g_autoptr(ConvercEmulator) emulator = NULL;
  g_autoptr(ConvercSecretStore) keyring = converc_keyring_store_new (10);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *api_key = g_strdup_printf ("app-upgrade-key-%08x", g_random_int ());
  ConvercAccount *account;
  CwWindow *window;
  const char *url;

  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  emulator = converc_emulator_new (api_key);
  converc_emulator_start (emulator, 0, &error);
  g_assert_no_error (error);
  converc_emulator_seed (emulator, 5, 3);
  url = converc_emulator_get_base_url (emulator);

  /* Before the update: the base URL in the settings, the key and a
   * signing secret in the keyring by base URL, no accounts. */
  settings = g_settings_new ("com.converc.Webhooks");
  g_settings_set_string (settings, "base-url", url);
  g_assert_true (converc_secret_store_store_sync (keyring, url, NULL, api_key, &error));
  g_assert_true (converc_secret_store_store_sync (keyring, url, "wh_old", "whsec_old", &error));
  g_assert_no_error (error);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = cw_window_new (app);
  cw_window_load_session (window);
  WAIT_FOR (g_strcmp0 (cw_window_get_state (window), "loading") != 0);

  /* Signed in with the old key, through the new account. */
  g_assert_cmpstr (cw_window_get_state (window), ==, "main");
  account = cw_session_get_account (cw_window_get_session (window));
  g_assert_nonnull (account);
  g_assert_cmpstr (converc_account_get_base_url (account), ==, url);
  g_assert_cmpstr (converc_account_get_legacy_base_url (account), ==, url);
  g_assert_cmpstr (cw_session_get_secret_scope (cw_window_get_session (window)), ==,
                   converc_account_get_id (account));
  g_assert_true (converc_account_store_get_default (cw_application_get_accounts (app)) ==
                 account);

  /* Saved: in the settings and in the keyring under the account. */
  saved = g_settings_get_value (settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 1);
  key = converc_secret_store_lookup_sync (keyring, converc_account_get_id (account), NULL,
                                          &error);
  g_assert_cmpstr (key, ==, api_key);
  secret = converc_secret_store_lookup_sync (keyring, converc_account_get_id (account),
                                             "wh_old", &error);
  g_assert_cmpstr (secret, ==, "whsec_old");
  g_clear_pointer (&key, g_free);
  /* The old item is kept. */
  key = converc_secret_store_lookup_sync (keyring, url, NULL, &error);
  g_assert_cmpstr (key, ==, api_key);
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  converc_emulator_stop (emulator);
  the_app = g_steal_pointer (&app);
}

/* Another server in Preferences: a new account, saved (and made the
 * default) once its key is; its name does not clash with the first one's. */
static void
test_new_account_on_sign_in (void)
{
  CwApplication *app = the_app;
  g_autoptr(ConvercEmulator) emulator = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("com.converc.Webhooks");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autoptr(CwSession) session = NULL;
  ConvercAccountStore *accounts;
  ConvercAccount *first, *second;

  g_assert_nonnull (app);
  accounts = cw_application_get_accounts (app);
  first = converc_account_store_get_default (accounts);
  g_assert_nonnull (first);

  emulator = converc_emulator_new (NULL);
  converc_emulator_start (emulator, 0, &error);
  g_assert_no_error (error);
  g_settings_set_string (settings, "base-url", converc_emulator_get_base_url (emulator));
  WAIT_FOR (g_strcmp0 (cw_application_get_base_url (app),
                       converc_emulator_get_base_url (emulator)) == 0);

  cw_application_lookup_api_key_async (app, NULL, NULL, lookup_done_cb, &result);
  WAIT_FOR (result != NULL);
  key = cw_application_lookup_api_key_finish (app, result, &session, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  /* Not saved until a key is. */
  second = cw_session_get_account (session);
  g_assert_nonnull (second);
  g_assert_true (second != first);
  g_assert_null (converc_account_store_lookup_id (accounts, converc_account_get_id (second)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 1);

  g_assert_true (converc_secret_store_store_sync (cw_application_get_secret_store (app),
                                                  cw_session_get_secret_scope (session), NULL,
                                                  converc_emulator_get_api_key (emulator),
                                                  &error));
  cw_application_account_signed_in (app, session);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 2);
  g_assert_true (converc_account_store_get_default (accounts) == second);
  g_assert_cmpstr (converc_account_get_label (second), ==, "127.0.0.1 (2)");
  g_assert_cmpstr (converc_account_get_label (first), ==, "127.0.0.1");

  converc_secret_store_clear_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (second), NULL, NULL);
  converc_emulator_stop (emulator);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/accounts/upgrade", test_upgrade);
  g_test_add_func ("/cw/accounts/new-account-on-sign-in", test_new_account_on_sign_in);

  ret = g_test_run ();
  g_clear_object (&the_app);

  return ret;
}
