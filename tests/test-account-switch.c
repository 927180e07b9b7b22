/* test-account-switch.c
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

/* The one concern of this file: switching the window's account in its
 * badge changes the account acted on and its keyring scope, drops the old
 * account's requests and never shows one account's endpoints under the
 * other's badge, not even for a frame (slow servers on both sides). Needs
 * build-aux/headless.sh (a real keyring). */

#define G_LOG_DOMAIN "test-account-switch"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc-emulator.h"
#include "cw-account-badge.h"
#include "cw-add-endpoint-dialog.h"
#include "cw-application.h"
#include "cw-endpoints-page-private.h"
#include "cw-test-utils.h"
#include "cw-window.h"

typedef struct
{
  CwAccountBadge *badge;
  GListModel     *model;
  guint           n_checks;
  guint           n_frames;
  guint           n_wrong;
} Watch;

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

/* Every endpoint the emulators seed points at its own server: an endpoint
 * shown under an account whose server it is not is the other's. */
static gboolean
all_of (GListModel     *model,
        ConvercAccount *account)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (model, i);

      if (account == NULL ||
          !g_str_has_prefix (converc_webhook_get_url (webhook),
                             converc_account_get_base_url (account)))
        return FALSE;
    }

  return TRUE;
}

static void
check (Watch *watch)
{
  watch->n_checks++;
  if (!all_of (watch->model, cw_account_badge_get_account (watch->badge)))
    watch->n_wrong++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  check (watch);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Watch *watch = user_data;

  watch->n_frames++;
  check (watch);

  return G_SOURCE_CONTINUE;
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

static int
position_of (GListModel *model,
             gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }

  return -1;
}

static void
test_switch (void)
{
  g_autoptr(CwApplication) app = cw_application_new ();
  g_autoptr(ConvercEmulator) server_a = converc_emulator_new ("switch-key-a");
  g_autoptr(ConvercEmulator) server_b = converc_emulator_new ("switch-key-b");
  g_autoptr(GSettings) settings = g_settings_new ("com.converc.Webhooks");
  g_autoptr(GError) error = NULL;
  ConvercAccountStore *accounts;
  ConvercAccount *staging, *production;
  CwEndpointsPage *page;
  CwAccountBadge *badge;
  CwWindow *window;
  Watch watch = { 0 };
  guint tick;
  gint64 until;

  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  converc_emulator_seed (server_a, 5, 1);
  converc_emulator_seed (server_b, 5, 2);
  converc_emulator_start (server_a, 0, &error);
  g_assert_no_error (error);
  converc_emulator_start (server_b, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (converc_emulator_get_n_webhooks (server_a), >, 0);
  g_assert_cmpuint (converc_emulator_get_n_webhooks (server_b), >, 0);

  g_settings_set_string (settings, "base-url", converc_emulator_get_base_url (server_a));
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* Two organisations, each key under its own account. */
  accounts = cw_application_get_accounts (app);
  staging = converc_account_store_add (accounts, "Acme — Staging",
                                       converc_emulator_get_base_url (server_a), &error);
  g_assert_no_error (error);
  production = converc_account_store_add (accounts, "Acme — Production",
                                          converc_emulator_get_base_url (server_b), &error);
  g_assert_no_error (error);
  converc_account_set_production (production, TRUE);
  g_assert_true (converc_secret_store_store_sync (cw_application_get_secret_store (app),
                                                  converc_account_get_id (staging), NULL,
                                                  "switch-key-a", &error));
  g_assert_true (converc_secret_store_store_sync (cw_application_get_secret_store (app),
                                                  converc_account_get_id (production), NULL,
                                                  "switch-key-b", &error));
  g_assert_no_error (error);

  window = cw_window_new (app);
  badge = CW_ACCOUNT_BADGE (find_type (GTK_WIDGET (window), CW_TYPE_ACCOUNT_BADGE));
  page = CW_ENDPOINTS_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_ENDPOINTS_PAGE));
  g_assert_nonnull (badge);
  g_assert_nonnull (page);
  gtk_window_present (GTK_WINDOW (window));
  cw_window_load_session (window);

  watch.badge = badge;
  watch.model = cw_endpoints_page_get_model (page);
  WAIT_FOR (g_strcmp0 (cw_window_get_state (window), "main") == 0 &&
            g_list_model_get_n_items (watch.model) > 0);

  /* Staging's endpoints under staging's badge and title. */
  g_assert_true (cw_session_get_account (cw_window_get_session (window)) == staging);
  g_assert_true (cw_account_badge_get_account (badge) == staging);
  g_assert_cmpstr (cw_account_badge_get_text (badge), ==, "Acme — Staging");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Endpoints — Acme — Staging");
  g_assert_true (all_of (watch.model, staging));
  g_assert_true (cw_account_badge_is_checked (badge, position_of (G_LIST_MODEL (accounts),
                                                                  staging)));

  /* From here on, every change of the list and every frame is checked. */
  g_signal_connect (watch.model, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, &watch, NULL);

  /* A slow reload of staging in flight, a slow production: switch. */
  converc_emulator_set_latency (server_a, 400);
  converc_emulator_set_latency (server_b, 600);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  cw_account_badge_activate (badge, position_of (G_LIST_MODEL (accounts), production));

  /* At once: the new account, its scope, nothing of the old one. */
  g_assert_true (cw_session_get_account (cw_window_get_session (window)) == production);
  g_assert_true (converc_account_store_get_default (accounts) == production);
  g_assert_cmpstr (cw_session_get_secret_scope (cw_window_get_session (window)), ==,
                   converc_account_get_id (production));
  g_assert_true (cw_account_badge_get_account (badge) == production);
  g_assert_cmpuint (g_list_model_get_n_items (watch.model), ==, 0);
  g_assert_cmpstr (g_settings_get_string (settings, "base-url"), ==,
                   converc_emulator_get_base_url (server_b));

  WAIT_FOR (g_strcmp0 (cw_window_get_state (window), "main") == 0 &&
            g_list_model_get_n_items (watch.model) > 0);
  g_assert_true (all_of (watch.model, production));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "Endpoints — Acme — Production");
  g_assert_true (cw_account_badge_is_checked (badge, position_of (G_LIST_MODEL (accounts),
                                                                  production)));

  /* Staging's late answer, had it not been dropped, would come now. */
  until = g_get_monotonic_time () + 800 * G_USEC_PER_SEC / 1000 * CW_TEST_TIME_FACTOR;
  WAIT_FOR (g_get_monotonic_time () > until);
  g_assert_true (all_of (watch.model, production));

  g_test_message ("%u checks, %u frames while switching", watch.n_checks, watch.n_frames);
  g_assert_cmpuint (watch.n_frames, >, 0);
  g_assert_cmpuint (watch.n_wrong, ==, 0);

  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  g_signal_handlers_disconnect_by_func (watch.model, items_changed_cb, &watch);

  /* Production's destructive confirmation names it, and Add Endpoint says
   * where the endpoint is made. */
  {
    g_autoptr(ConvercWebhook) first = g_list_model_get_item (watch.model, 0);
    AdwMessageDialog *confirm;
    GtkWindow *add;
    guint n_requests;

    g_assert_true (_cw_endpoints_page_select_id (page, converc_webhook_get_id (first)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.disable", NULL));
    WAIT_FOR ((confirm = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
    g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==,
                     "Disable Endpoint in Acme — Production?");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm),
                              "Organisation: Acme — Production"));
    n_requests = converc_emulator_get_n_requests (server_b);
    adw_message_dialog_response (confirm, "keep");
    gtk_window_destroy (GTK_WINDOW (confirm));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpuint (converc_emulator_get_n_requests (server_b), ==, n_requests);

    cw_endpoints_page_add_endpoint (page);
    WAIT_FOR ((add = find_window (CW_TYPE_ADD_ENDPOINT_DIALOG)) != NULL);
    g_assert_cmpstr (gtk_window_get_title (add), ==, "Add Endpoint to Acme — Production");
    gtk_window_destroy (add);
  }

  /* And back: the same holds. */
  converc_emulator_reset_knobs (server_a);
  converc_emulator_reset_knobs (server_b);
  cw_account_badge_activate (badge, position_of (G_LIST_MODEL (accounts), staging));
  g_assert_true (cw_session_get_account (cw_window_get_session (window)) == staging);
  g_assert_cmpuint (g_list_model_get_n_items (watch.model), ==, 0);
  WAIT_FOR (g_strcmp0 (cw_window_get_state (window), "main") == 0 &&
            g_list_model_get_n_items (watch.model) > 0);
  g_assert_true (all_of (watch.model, staging));

  converc_secret_store_clear_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (staging), NULL, NULL);
  converc_secret_store_clear_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (production), NULL, NULL);
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

  g_test_add_func ("/cw/account-switch/switch", test_switch);

  return g_test_run ();
}
