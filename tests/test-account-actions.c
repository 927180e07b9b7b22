/* test-account-actions.c
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

/* The one concern of this file: Add Organisation… and Manage Organisations…
 * through the running application: the window switches to the account
 * added, and away from an account removed while it is open (to the
 * default account, or to the sign-in page when none is left). Needs
 * build-aux/headless.sh (a real keyring). */

#define G_LOG_DOMAIN "test-account-actions"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc-emulator.h"
#include "cw-account-badge.h"
#include "cw-add-account-dialog-private.h"
#include "cw-application.h"
#include "cw-endpoints-page.h"
#include "cw-manage-accounts-window-private.h"
#include "cw-test-utils.h"
#include "cw-session.h"
#include "cw-window.h"

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }

  return NULL;
}

/* Every endpoint an emulator seeds points at its own server. */
static gboolean
all_of (GListModel *model,
        const char *base_url)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (model, i);

      if (!g_str_has_prefix (converc_webhook_get_url (webhook), base_url))
        return FALSE;
    }

  return n > 0;
}

static void
remove_with_one_confirmation (CwManageAccountsWindow *manage,
                              guint                   position)
{
  GtkWidget *row = _cw_manage_accounts_window_get_row (manage, position);
  AdwMessageDialog *confirm;

  g_assert_nonnull (row);
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (row), "cw-remove"), "clicked");
  WAIT_FOR ((confirm = _cw_manage_accounts_window_get_dialog (manage)) != NULL);
  adw_message_dialog_response (confirm, "remove");
  gtk_window_destroy (GTK_WINDOW (confirm));
  WAIT_FOR (!_cw_manage_accounts_window_is_busy (manage));
}

static void
test_add_and_remove (void)
{
  g_autoptr(CwApplication) app = cw_application_new ();
  g_autoptr(ConvercEmulator) server_a = converc_emulator_new ("actions-key-a");
  g_autoptr(ConvercEmulator) server_b = converc_emulator_new ("actions-key-b");
  g_autoptr(GSettings) settings = g_settings_new ("com.converc.Webhooks");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  ConvercSecretStore *secrets;
  ConvercAccountStore *accounts;
  ConvercAccount *staging, *production;
  CwManageAccountsWindow *manage;
  CwAddAccountDialog *add;
  CwAccountBadge *badge;
  GListModel *endpoints;
  CwWindow *window;

  converc_emulator_seed (server_a, 3, 1);
  converc_emulator_seed (server_b, 3, 2);
  converc_emulator_start (server_a, 0, &error);
  g_assert_no_error (error);
  converc_emulator_start (server_b, 0, &error);
  g_assert_no_error (error);

  g_settings_set_string (settings, "base-url", converc_emulator_get_base_url (server_a));
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  accounts = cw_application_get_accounts (app);
  secrets = cw_application_get_secret_store (app);
  staging = converc_account_store_add (accounts, "Acme — Staging",
                                       converc_emulator_get_base_url (server_a), &error);
  g_assert_no_error (error);
  g_assert_true (converc_secret_store_store_sync (secrets, converc_account_get_id (staging),
                                                  NULL, "actions-key-a", &error));

  window = cw_window_new (app);
  badge = CW_ACCOUNT_BADGE (find_type (GTK_WIDGET (window), CW_TYPE_ACCOUNT_BADGE));
  endpoints = cw_endpoints_page_get_model (
    CW_ENDPOINTS_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_ENDPOINTS_PAGE)));
  gtk_window_present (GTK_WINDOW (window));
  cw_window_load_session (window);
  WAIT_FOR (g_strcmp0 (cw_window_get_state (window), "main") == 0 &&
            all_of (endpoints, converc_emulator_get_base_url (server_a)));

  /* Add Organisation…: checked, stored, and the window switches to it. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "add-account", NULL);
  WAIT_FOR ((add = CW_ADD_ACCOUNT_DIALOG (find_window (CW_TYPE_ADD_ACCOUNT_DIALOG))) != NULL);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (add)) == GTK_WINDOW (window));
  gtk_editable_set_text (GTK_EDITABLE (add->label_row), "Acme — Production");
  gtk_editable_set_text (GTK_EDITABLE (add->url_row), converc_emulator_get_base_url (server_b));
  gtk_editable_set_text (GTK_EDITABLE (add->key_row), "actions-key-b");
  g_signal_emit_by_name (add->add_button, "clicked");
  WAIT_FOR (cw_account_badge_get_account (badge) != staging &&
            cw_account_badge_get_account (badge) != NULL);
  production = cw_account_badge_get_account (badge);
  g_assert_cmpstr (converc_account_get_label (production), ==, "Acme — Production");
  g_assert_true (cw_session_get_account (cw_window_get_session (window)) == production);
  key = converc_secret_store_lookup_sync (secrets, converc_account_get_id (production), NULL,
                                          &error);
  g_assert_cmpstr (key, ==, "actions-key-b");
  g_clear_pointer (&key, g_free);
  WAIT_FOR (g_strcmp0 (cw_window_get_state (window), "main") == 0 &&
            all_of (endpoints, converc_emulator_get_base_url (server_b)));
  g_assert_null (find_window (CW_TYPE_ADD_ACCOUNT_DIALOG));

  /* Manage Organisations…: removing the window's account moves the window
   * to the other one. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "manage-accounts", NULL);
  WAIT_FOR ((manage = CW_MANAGE_ACCOUNTS_WINDOW (find_window (CW_TYPE_MANAGE_ACCOUNTS_WINDOW)))
            != NULL);
  g_object_ref (production);
  remove_with_one_confirmation (manage, 1);
  g_assert_cmpuint (converc_account_store_get_n_accounts (accounts), ==, 1);
  key = converc_secret_store_lookup_sync (secrets, converc_account_get_id (production), NULL,
                                          &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_object_unref (production);
  WAIT_FOR (cw_session_get_account (cw_window_get_session (window)) == staging);
  WAIT_FOR (cw_account_badge_get_account (badge) == staging &&
            g_strcmp0 (cw_window_get_state (window), "main") == 0 &&
            all_of (endpoints, converc_emulator_get_base_url (server_a)));

  /* The last one: the window asks to sign in. */
  remove_with_one_confirmation (manage, 0);
  g_assert_cmpuint (converc_account_store_get_n_accounts (accounts), ==, 0);
  WAIT_FOR (g_strcmp0 (cw_window_get_state (window), "sign-in") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (endpoints), ==, 0);

  gtk_window_destroy (GTK_WINDOW (manage));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  converc_emulator_stop (server_a);
  converc_emulator_stop (server_b);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/account-actions/add-and-remove", test_add_and_remove);

  return g_test_run ();
}
