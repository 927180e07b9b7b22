/* test-window-accounts.c
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

/* The one concern of this file: each window belongs to one account — two
 * windows on two servers side by side, switching one leaves the other
 * alone, New Window and Open in New Window, each window's account comes
 * back after a restart, a removed account's window, an account whose key
 * is gone, and the demo, which writes nothing. Needs build-aux/headless.sh
 * (a real keyring). */

#define G_LOG_DOMAIN "test-window-accounts"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "converc-emulator.h"
#include "cw-account-badge.h"
#include "cw-application.h"
#include "cw-endpoints-page.h"
#include "cw-preferences-window-private.h"
#include "cw-sign-in-page-private.h"
#include "cw-test-utils.h"
#include "cw-window.h"

/* One registered application for the run; a restart is a second one. */
static CwApplication   *the_app;
static ConvercEmulator *server_a;
static ConvercEmulator *server_b;
static ConvercAccount  *staging;
static ConvercAccount  *production;

typedef struct
{
  CwAccountBadge *badge;
  GListModel     *model;
  guint           n_changes;
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

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwStatusPage *
find_status_page (GtkWidget  *root,
                  const char *title)
{
  if (ADW_IS_STATUS_PAGE (root) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), title) == 0)
    return ADW_STATUS_PAGE (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found = find_status_page (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static CwAccountBadge *
badge_of (CwWindow *window)
{
  return CW_ACCOUNT_BADGE (find_type (GTK_WIDGET (window), CW_TYPE_ACCOUNT_BADGE));
}

static GListModel *
endpoints_of (CwWindow *window)
{
  CwEndpointsPage *page =
    CW_ENDPOINTS_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_ENDPOINTS_PAGE));

  return cw_endpoints_page_get_model (page);
}

static ConvercAccount *
account_of (CwWindow *window)
{
  CwSession *session = cw_window_get_session (window);

  return session != NULL ? cw_session_get_account (session) : NULL;
}

/* Every endpoint an emulator seeds points at its own server: one shown
 * under an account whose server it is not is the other's. */
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
  watch->n_changes++;
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

static gboolean
shows_endpoints_of (CwWindow       *window,
                    ConvercAccount *account)
{
  return g_strcmp0 (cw_window_get_state (window), "main") == 0 &&
         account_of (window) == account &&
         g_list_model_get_n_items (endpoints_of (window)) > 0 &&
         all_of (endpoints_of (window), account);
}

/* The CwWindows of @app, by account */
static CwWindow *
window_on (CwApplication  *app,
           ConvercAccount *account)
{
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (CW_IS_WINDOW (l->data) && account_of (l->data) == account)
      return l->data;

  return NULL;
}

static guint
n_windows (CwApplication *app)
{
  guint n = 0;

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (CW_IS_WINDOW (l->data))
      n++;

  return n;
}

static void
close_windows (CwApplication *app)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (const GList *l = windows; l; l = l->next)
    gtk_window_destroy (l->data);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
saved_windows_are (GSettings  *settings,
                   const char *first,
                   const char *second)
{
  g_auto(GStrv) ids = g_settings_get_strv (settings, "window-accounts");
  guint n = (first != NULL) + (second != NULL);

  return g_strv_length (ids) == n &&
         (first == NULL || g_strv_contains ((const char * const *) ids, first)) &&
         (second == NULL || g_strv_contains ((const char * const *) ids, second));
}

static void
setup (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("com.converc.Webhooks");
  g_autoptr(GError) error = NULL;
  ConvercAccountStore *accounts;
  ConvercSecretStore *keyring;

  server_a = converc_emulator_new ("window-key-a");
  server_b = converc_emulator_new ("window-key-b");
  converc_emulator_seed (server_a, 5, 1);
  converc_emulator_seed (server_b, 5, 2);
  converc_emulator_start (server_a, 0, &error);
  g_assert_no_error (error);
  converc_emulator_start (server_b, 0, &error);
  g_assert_no_error (error);

  g_settings_set_string (settings, "base-url", converc_emulator_get_base_url (server_a));
  the_app = cw_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);

  accounts = cw_application_get_accounts (the_app);
  staging = converc_account_store_add (accounts, "Acme — Staging",
                                       converc_emulator_get_base_url (server_a), &error);
  g_assert_no_error (error);
  production = converc_account_store_add (accounts, "Acme — Production",
                                          converc_emulator_get_base_url (server_b), &error);
  g_assert_no_error (error);
  converc_account_set_production (production, TRUE);
  converc_account_set_color (production, "red");
  /* Kept past their removal from the list. */
  g_object_ref (staging);
  g_object_ref (production);

  keyring = cw_application_get_secret_store (the_app);
  g_assert_true (converc_secret_store_store_sync (keyring, converc_account_get_id (staging),
                                                  NULL, "window-key-a", &error));
  g_assert_true (converc_secret_store_store_sync (keyring, converc_account_get_id (production),
                                                  NULL, "window-key-b", &error));
  g_assert_no_error (error);
}

/* Two windows, two servers, at the same time; switching one leaves the
 * other as it is. */
static void
test_side_by_side (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("com.converc.Webhooks");
  CwApplication *app = the_app;
  ConvercAccountStore *accounts = cw_application_get_accounts (app);
  CwWindow *first, *second;
  Watch one = { 0 }, two = { 0 };
  guint tick_one, tick_two;
  guint n_first;
  gint64 until;

  first = cw_application_open_window (app, cw_application_get_session (app, staging));
  second = cw_application_open_window (app, cw_application_get_session (app, production));
  g_assert_true (cw_window_get_session (first) != cw_window_get_session (second));
  WAIT_FOR (shows_endpoints_of (first, staging) && shows_endpoints_of (second, production));

  /* Each under its own badge and title. */
  g_assert_true (cw_account_badge_get_account (badge_of (first)) == staging);
  g_assert_true (cw_account_badge_get_account (badge_of (second)) == production);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (first)), ==, "Endpoints — Acme — Staging");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (second)), ==,
                   "Endpoints — Acme — Production");
  g_assert_cmpstr (cw_session_get_secret_scope (cw_window_get_session (second)), ==,
                   converc_account_get_id (production));
  g_assert_true (saved_windows_are (settings, converc_account_get_id (staging),
                                    converc_account_get_id (production)));

  /* From here on every change of either list and every frame of either
   * window is checked. */
  one.badge = badge_of (first);
  one.model = endpoints_of (first);
  two.badge = badge_of (second);
  two.model = endpoints_of (second);
  g_signal_connect (one.model, "items-changed", G_CALLBACK (items_changed_cb), &one);
  g_signal_connect (two.model, "items-changed", G_CALLBACK (items_changed_cb), &two);
  tick_one = gtk_widget_add_tick_callback (GTK_WIDGET (first), tick_cb, &one, NULL);
  tick_two = gtk_widget_add_tick_callback (GTK_WIDGET (second), tick_cb, &two, NULL);
  n_first = g_list_model_get_n_items (one.model);

  /* The second window, with a slow reload in flight, switches to staging
   * in its switcher: at once it is staging's, and empty. */
  converc_emulator_set_latency (server_a, 300);
  converc_emulator_set_latency (server_b, 500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.refresh", NULL));
  cw_account_badge_activate (two.badge, position_of (G_LIST_MODEL (accounts), staging));
  g_assert_true (account_of (second) == staging);
  g_assert_true (cw_account_badge_get_account (two.badge) == staging);
  g_assert_cmpuint (g_list_model_get_n_items (two.model), ==, 0);
  WAIT_FOR (shows_endpoints_of (second, staging));

  /* Production's late answer, had it not been dropped, comes now. */
  until = g_get_monotonic_time () + 700 * G_USEC_PER_SEC / 1000 * CW_TEST_TIME_FACTOR;
  WAIT_FOR (g_get_monotonic_time () > until);
  g_assert_true (all_of (two.model, staging));

  /* The first window saw none of it. */
  g_assert_true (account_of (first) == staging);
  g_assert_cmpuint (one.n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (one.model), ==, n_first);
  g_assert_true (shows_endpoints_of (first, staging));
  g_assert_true (saved_windows_are (settings, converc_account_get_id (staging),
                                    converc_account_get_id (staging)));

  /* And back through win.switch-account, as Manage Organisations does. */
  converc_emulator_reset_knobs (server_a);
  converc_emulator_reset_knobs (server_b);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.switch-account", "s",
                                             converc_account_get_id (production)));
  g_assert_true (account_of (second) == production);
  g_assert_cmpuint (g_list_model_get_n_items (two.model), ==, 0);
  WAIT_FOR (shows_endpoints_of (second, production));
  g_assert_true (saved_windows_are (settings, converc_account_get_id (staging),
                                    converc_account_get_id (production)));
  /* An unknown id switches nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.switch-account", "s",
                                             "no-such-account"));
  g_assert_true (account_of (second) == production);

  g_test_message ("%u + %u frames, %u changes in the second window", one.n_frames,
                  two.n_frames, two.n_changes);
  g_assert_cmpuint (two.n_frames, >, 0);
  g_assert_cmpuint (one.n_wrong, ==, 0);
  g_assert_cmpuint (two.n_wrong, ==, 0);
  g_assert_cmpuint (one.n_changes, ==, 0);

  gtk_widget_remove_tick_callback (GTK_WIDGET (first), tick_one);
  gtk_widget_remove_tick_callback (GTK_WIDGET (second), tick_two);
  g_signal_handlers_disconnect_by_data (one.model, &one);
  g_signal_handlers_disconnect_by_data (two.model, &two);
}

/* Preferences acts on the window it was opened from: its key group names
 * that window's organisation, and another server applied there moves that
 * window (only) to the server's account. */
static void
test_preferences (void)
{
  CwApplication *app = the_app;
  CwWindow *first = window_on (app, staging);
  CwWindow *second = window_on (app, production);
  CwPreferencesWindow *prefs;

  g_assert_nonnull (first);
  g_assert_nonnull (second);

  prefs = cw_preferences_window_new (app, cw_window_get_session (second));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (second));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (prefs->key_group),
                            "“Acme — Production”"));
  gtk_editable_set_text (GTK_EDITABLE (prefs->base_url_row),
                         converc_emulator_get_base_url (server_a));
  g_signal_emit_by_name (prefs->base_url_row, "apply");
  g_assert_true (account_of (second) == staging);
  g_assert_cmpuint (g_list_model_get_n_items (endpoints_of (second)), ==, 0);
  WAIT_FOR (shows_endpoints_of (second, staging));
  g_assert_true (shows_endpoints_of (first, staging));
  gtk_window_destroy (GTK_WINDOW (prefs));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.switch-account", "s",
                                             converc_account_get_id (production)));
  WAIT_FOR (shows_endpoints_of (second, production));
}

/* Ctrl+Shift+N: a window on the same account with its switcher open;
 * "Open in New Window" in a switcher: a window on that account. */
static void
test_new_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("com.converc.Webhooks");
  CwApplication *app = the_app;
  ConvercAccountStore *accounts = cw_application_get_accounts (app);
  g_auto(GStrv) accels = NULL;
  CwWindow *first = window_on (app, staging);
  CwWindow *opened = NULL;
  GtkPopover *popover;
  guint n_before;

  g_assert_nonnull (first);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.new-window");
  g_assert_cmpstr (accels[0], ==, "<Shift><Control>n");

  gtk_window_present (GTK_WINDOW (first));
  WAIT_FOR (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (first));
  n_before = n_windows (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  g_assert_cmpuint (n_windows (app), ==, n_before + 1);
  opened = CW_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  g_assert_true (opened != first);
  g_assert_true (account_of (opened) == staging);
  popover = gtk_menu_button_get_popover (cw_account_badge_get_button (badge_of (opened)));
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (popover)));
  WAIT_FOR (shows_endpoints_of (opened, staging));
  gtk_popover_popdown (popover);
  gtk_window_destroy (GTK_WINDOW (opened));

  /* Open in New Window, on production's row of the first window's
   * switcher: named for that organisation. */
  n_before = n_windows (app);
  cw_account_badge_open_in_new_window (badge_of (first),
                                       position_of (G_LIST_MODEL (accounts), production));
  g_assert_cmpuint (n_windows (app), ==, n_before + 1);
  opened = CW_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  g_assert_true (account_of (opened) == production);
  g_assert_true (account_of (first) == staging);
  WAIT_FOR (shows_endpoints_of (opened, production));
  gtk_window_destroy (GTK_WINDOW (opened));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (saved_windows_are (settings, converc_account_get_id (staging),
                                    converc_account_get_id (production)));
}

/* The windows open at quit come back, each on its account; an account
 * that no longer exists is skipped. */
static void
test_restart (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("com.converc.Webhooks");
  g_autoptr(CwApplication) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[4];
  CwWindow *on_staging, *on_production;

  ids[0] = converc_account_get_id (production);
  ids[1] = "gone-account";
  ids[2] = converc_account_get_id (staging);
  ids[3] = NULL;

  /* Quitting closes every window without saving fewer. */
  g_assert_cmpuint (n_windows (the_app), ==, 2);
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_windows (the_app), ==, 0);
  g_assert_true (saved_windows_are (settings, converc_account_get_id (staging),
                                    converc_account_get_id (production)));

  /* The next start: the same settings, a new application (its own id, as
   * the first one is still exported on this bus). */
  g_settings_set_strv (settings, "window-accounts", ids);
  again = g_object_new (CW_TYPE_APPLICATION,
                        "application-id", "com.converc.Webhooks.Restarted",
                        "flags", G_APPLICATION_NON_UNIQUE,
                        "resource-base-path", "/com/converc/Webhooks",
                        NULL);
  g_application_register (G_APPLICATION (again), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (again));

  g_assert_cmpuint (n_windows (again), ==, 2);
  on_staging = window_on (again, cw_application_get_accounts (again) != NULL
                                 ? converc_account_store_lookup_id (cw_application_get_accounts (again),
                                                                    converc_account_get_id (staging))
                                 : NULL);
  on_production = window_on (again, converc_account_store_lookup_id (cw_application_get_accounts (again),
                                                                     converc_account_get_id (production)));
  g_assert_nonnull (on_staging);
  g_assert_nonnull (on_production);
  WAIT_FOR (shows_endpoints_of (on_staging, account_of (on_staging)) &&
            shows_endpoints_of (on_production, account_of (on_production)));
  g_assert_true (all_of (endpoints_of (on_production), production));
  g_assert_true (all_of (endpoints_of (on_staging), staging));
  g_assert_true (saved_windows_are (settings, converc_account_get_id (staging),
                                    converc_account_get_id (production)));

  /* Closing one window of two forgets it; the last one is kept. */
  gtk_window_destroy (GTK_WINDOW (on_staging));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (saved_windows_are (settings, converc_account_get_id (production), NULL));
  gtk_window_destroy (GTK_WINDOW (on_production));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (saved_windows_are (settings, converc_account_get_id (production), NULL));
  close_windows (again);

  /* Nothing saved: one window, on the default account, as before. */
  g_settings_reset (settings, "window-accounts");
  g_application_activate (G_APPLICATION (the_app));
  g_assert_cmpuint (n_windows (the_app), ==, 1);
}

/* Listed in the settings, but its key is gone from the keyring: the
 * window asks for it again, for the same account. */
static void
test_key_gone (void)
{
  CwApplication *app = the_app;
  g_autoptr(GError) error = NULL;
  CwSignInPage *sign_in;
  ConvercAccount *gone;
  CwWindow *window;

  gone = converc_account_store_add (cw_application_get_accounts (app), "Acme — Archive",
                                    converc_emulator_get_base_url (server_b), &error);
  g_assert_no_error (error);

  window = cw_application_open_window (app, cw_application_get_session (app, gone));
  WAIT_FOR (g_strcmp0 (cw_window_get_state (window), "sign-in") == 0);
  g_assert_true (account_of (window) == gone);
  g_assert_true (cw_account_badge_get_account (badge_of (window)) == gone);
  sign_in = CW_SIGN_IN_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_SIGN_IN_PAGE));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sign_in->notice_label)));
  g_assert_cmpstr (gtk_label_get_text (sign_in->notice_label), ==,
                   "The API key of “Acme — Archive” is no longer in the keyring. "
                   "Enter it again to continue.");
  g_assert_cmpstr (sign_in->base_url, ==, converc_emulator_get_base_url (server_b));
  g_assert_cmpstr (sign_in->secret_scope, ==, converc_account_get_id (gone));
  /* The heading names the account; no first-run wording, and the server
   * is the account's own (not "change it in Preferences"). */
  g_assert_cmpstr (adw_status_page_get_title (sign_in->status_page), ==,
                   "Sign In to “Acme — Archive” Again");
  {
    g_autofree char *server = g_strdup_printf ("Server: %s",
                                               converc_emulator_get_base_url (server_b));

    g_assert_cmpstr (gtk_label_get_text (sign_in->server_label), ==, server);
  }
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Acme — Archive");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (converc_account_store_remove (cw_application_get_accounts (app),
                                               converc_account_get_id (gone), &error));
  g_assert_no_error (error);
}

/* An account removed from the list while its window is open (here by
 * another process's settings, as `converc accounts remove` does). */
static void
test_removed (void)
{
  CwApplication *app = the_app;
  g_autoptr(GSettings) other_settings = g_settings_new ("com.converc.Webhooks");
  g_autoptr(ConvercAccountStore) other = converc_account_store_new (other_settings);
  g_autoptr(GError) error = NULL;
  CwWindow *first, *second;
  AdwStatusPage *status;
  GtkButton *button;

  close_windows (app);
  first = cw_application_open_window (app, cw_application_get_session (app, staging));
  second = cw_application_open_window (app, cw_application_get_session (app, production));
  WAIT_FOR (shows_endpoints_of (first, staging) && shows_endpoints_of (second, production));

  converc_emulator_set_latency (server_b, 300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.refresh", NULL));
  g_assert_true (converc_account_store_remove (other, converc_account_get_id (production),
                                               &error));
  g_assert_no_error (error);
  WAIT_FOR (g_strcmp0 (cw_window_get_state (second), "removed") == 0);

  /* Nothing of it is left on screen, and its late answer is dropped. */
  g_assert_cmpuint (g_list_model_get_n_items (endpoints_of (second)), ==, 0);
  g_assert_null (cw_account_badge_get_account (badge_of (second)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (second)), ==, "Converc Webhooks");
  status = find_status_page (GTK_WIDGET (second),
                             "“Acme — Production” was removed from this computer");
  g_assert_nonnull (status);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (status)));
  button = GTK_BUTTON (find_button (GTK_WIDGET (status), "Switch to “Acme — Staging”"));
  g_assert_nonnull (button);
  g_assert_nonnull (find_button (GTK_WIDGET (status), "Close Window"));
  {
    gint64 until = g_get_monotonic_time () + 500 * G_USEC_PER_SEC / 1000 * CW_TEST_TIME_FACTOR;

    WAIT_FOR (g_get_monotonic_time () > until);
  }
  g_assert_cmpuint (g_list_model_get_n_items (endpoints_of (second)), ==, 0);
  g_assert_cmpstr (cw_window_get_state (second), ==, "removed");

  /* The other window keeps its account. */
  g_assert_true (shows_endpoints_of (first, staging));

  /* Switch to the one left. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (account_of (second) == staging);
  WAIT_FOR (shows_endpoints_of (second, staging));

  /* The last one removed: no account left, so the sign-in page. */
  g_assert_true (converc_account_store_remove (other, converc_account_get_id (staging),
                                               &error));
  g_assert_no_error (error);
  WAIT_FOR (g_strcmp0 (cw_window_get_state (first), "sign-in") == 0 &&
            g_strcmp0 (cw_window_get_state (second), "sign-in") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (endpoints_of (first)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (endpoints_of (second)), ==, 0);

  close_windows (app);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return g_file_test (path, G_FILE_TEST_EXISTS) ? 1 : 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += 1 + count_files (child);
    }

  return n;
}

/* The demo is the "Demo" account, and it writes nothing: no keyring item,
 * no account, no saved window, no file. In a process of its own, with a
 * data folder of its own. */
static void
test_demo (void)
{
  g_autoptr(CwApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) accounts_before = NULL;
  g_autoptr(GVariant) accounts_after = NULL;
  g_auto(GStrv) windows_before = NULL;
  g_auto(GStrv) windows_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercSecretStore) keyring = NULL;
  g_autofree char *data = NULL;
  g_autofree char *key = NULL;
  CwWindow *window;
  ConvercAccount *demo;

  if (!g_test_subprocess ())
    {
      g_autofree char *home = g_dir_make_tmp ("cw-demo-XXXXXX", &error);

      g_assert_no_error (error);
      g_setenv ("XDG_DATA_HOME", home, TRUE);
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT);
      g_test_trap_assert_passed ();
      g_assert_cmpuint (count_files (home), ==, 0);
      g_rmdir (home);
      return;
    }

  data = g_build_filename (g_get_user_data_dir (), "converc-webhooks", NULL);
  settings = g_settings_new ("com.converc.Webhooks");
  accounts_before = g_settings_get_value (settings, "accounts");
  windows_before = g_settings_get_strv (settings, "window-accounts");

  app = cw_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cw_application_start_demo (app, &error));
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (n_windows (app), ==, 1);
  window = CW_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  WAIT_FOR (g_strcmp0 (cw_window_get_state (window), "main") == 0 &&
            g_list_model_get_n_items (endpoints_of (window)) > 0);

  /* "Demo", in its own colour, in the badge and the title. */
  demo = account_of (window);
  g_assert_nonnull (demo);
  g_assert_true (converc_account_get_demo (demo));
  g_assert_true (cw_session_get_demo (cw_window_get_session (window)));
  g_assert_null (cw_session_get_journal_scope (cw_window_get_session (window)));
  g_assert_true (cw_account_badge_get_account (badge_of (window)) == demo);
  g_assert_cmpstr (cw_account_badge_get_text (badge_of (window)), ==, "Demo");
  g_assert_cmpstr (converc_account_get_color (demo), !=, CONVERC_ACCOUNT_COLOR_DEFAULT);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Endpoints — Demo");

  /* Its events, kept in memory; a second window on it. */
  cw_window_search_events (window, "");
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  g_assert_cmpuint (n_windows (app), ==, 2);
  WAIT_FOR (g_strcmp0 (cw_window_get_state (gtk_application_get_windows (GTK_APPLICATION (app))->data),
                       "main") == 0);
  g_assert_true (cw_window_get_session (gtk_application_get_windows (GTK_APPLICATION (app))->data) ==
                 cw_window_get_session (window));
  {
    gint64 until = g_get_monotonic_time () + 500 * G_USEC_PER_SEC / 1000 * CW_TEST_TIME_FACTOR;

    WAIT_FOR (g_get_monotonic_time () > until);
  }
  close_windows (app);

  /* Nothing written anywhere. */
  g_assert_false (g_file_test (data, G_FILE_TEST_EXISTS));
  accounts_after = g_settings_get_value (settings, "accounts");
  windows_after = g_settings_get_strv (settings, "window-accounts");
  g_assert_true (g_variant_equal (accounts_before, accounts_after));
  g_assert_true (g_strv_equal ((const char * const *) windows_before,
                               (const char * const *) windows_after));
  keyring = converc_keyring_store_new (10);
  key = converc_secret_store_lookup_sync (keyring, "demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/window-accounts/demo", test_demo);
  if (!g_test_subprocess ())
    {
      g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
      setup ();
    }
  g_test_add_func ("/cw/window-accounts/side-by-side", test_side_by_side);
  g_test_add_func ("/cw/window-accounts/preferences", test_preferences);
  g_test_add_func ("/cw/window-accounts/new-window", test_new_window);
  g_test_add_func ("/cw/window-accounts/restart", test_restart);
  g_test_add_func ("/cw/window-accounts/key-gone", test_key_gone);
  g_test_add_func ("/cw/window-accounts/removed", test_removed);

  status = g_test_run ();

  if (the_app != NULL)
    {
      ConvercSecretStore *keyring = cw_application_get_secret_store (the_app);

      converc_secret_store_clear_sync (keyring, converc_account_get_id (staging), NULL, NULL);
      converc_secret_store_clear_sync (keyring, converc_account_get_id (production), NULL, NULL);
      close_windows (the_app);
      g_clear_object (&the_app);
    }
  g_clear_object (&staging);
  g_clear_object (&production);
  if (server_a != NULL)
    {
      converc_emulator_stop (server_a);
      converc_emulator_stop (server_b);
      g_clear_object (&server_a);
      g_clear_object (&server_b);
    }

  return status;
}
