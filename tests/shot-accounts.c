/* shot-accounts.c
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

/* The one concern of this file: screenshots of the account badge (light,
 * dark, narrow), the switcher open and the confirmation that names the
 * organisation, in the real window against two emulators. Not a test:
 *
 *   GSETTINGS_SCHEMA_DIR=_build/data GSETTINGS_BACKEND=memory \
 *     build-aux/headless.sh _build/tests/shot-accounts OUT_DIR
 *
 * then look at the PNG files in OUT_DIR. Every window sits at (0,0). */

#define G_LOG_DOMAIN "shot-accounts"

#include "config.h"

#include <adwaita.h>

#include "converc-emulator.h"
#include "cw-account-badge.h"
#include "cw-application.h"
#include "cw-endpoints-page-private.h"
#include "cw-shot-utils.h"
#include "cw-window.h"

static const char *out_dir;

static void
settle (double seconds)
{
  cw_shot_settle (seconds);
}

static void
shot (const char *name,
      int         width,
      int         height)
{
  g_autofree char *path = g_build_filename (out_dir, name, NULL);

  cw_shot_take (path, width, height);
}

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

static gpointer
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
wait_loaded (CwWindow        *window,
             CwEndpointsPage *page)
{
  while (g_strcmp0 (cw_window_get_state (window), "main") != 0 ||
         g_list_model_get_n_items (cw_endpoints_page_get_model (page)) == 0)
    g_main_context_iteration (NULL, TRUE);
  settle (0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CwApplication) app = NULL;
  g_autoptr(ConvercEmulator) server_a = converc_emulator_new ("shot-key-a");
  g_autoptr(ConvercEmulator) server_b = converc_emulator_new ("shot-key-b");
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  ConvercAccountStore *accounts;
  ConvercAccount *staging, *production, *other;
  CwEndpointsPage *page;
  CwAccountBadge *badge;
  CwWindow *window;
  AdwMessageDialog *confirm;
  g_autoptr(ConvercWebhook) first = NULL;

  gtk_init ();
  adw_init ();
  /* GNOME's default title buttons (there is no window manager here). */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  if (argc != 2)
    g_error ("usage: shot-accounts OUT_DIR");
  out_dir = argv[1];
  g_mkdir_with_parents (out_dir, 0755);

  converc_emulator_seed (server_a, 5, 1);
  converc_emulator_seed (server_b, 5, 2);
  if (!converc_emulator_start (server_a, 0, &error) ||
      !converc_emulator_start (server_b, 0, &error))
    g_error ("%s", error->message);

  settings = g_settings_new ("com.converc.Webhooks");
  g_settings_set_string (settings, "base-url", converc_emulator_get_base_url (server_b));
  app = cw_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  accounts = cw_application_get_accounts (app);
  staging = converc_account_store_add (accounts, "Acme — Staging",
                                       converc_emulator_get_base_url (server_a), &error);
  production = converc_account_store_add (accounts, "Acme — Production",
                                          converc_emulator_get_base_url (server_b), &error);
  other = converc_account_store_add (accounts,
                                     "<b>Markup</b> & Sons Worldwide Logistics and "
                                     "Telephony Holdings International, Customer Care",
                                     "https://api.example.com", &error);
  if (staging == NULL || production == NULL || other == NULL)
    g_error ("%s", error->message);
  converc_account_store_recolor (accounts, converc_account_get_id (staging), "teal", NULL);
  converc_account_store_recolor (accounts, converc_account_get_id (other), "purple", NULL);
  converc_account_set_production (production, TRUE);
  converc_account_store_set_default (accounts, converc_account_get_id (production), NULL);
  converc_secret_store_store_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (staging), NULL, "shot-key-a", &error);
  converc_secret_store_store_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (production), NULL, "shot-key-b",
                                   &error);
  if (error != NULL)
    g_error ("%s", error->message);

  window = cw_window_new (app);
  badge = CW_ACCOUNT_BADGE (find_type (GTK_WIDGET (window), CW_TYPE_ACCOUNT_BADGE));
  page = CW_ENDPOINTS_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_ENDPOINTS_PAGE));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 560);
  gtk_window_present (GTK_WINDOW (window));
  cw_window_load_session (window);
  wait_loaded (window, page);
  g_print ("title: %s\n", gtk_window_get_title (GTK_WINDOW (window)));
  shot ("badge-production-light.png", 1000, 560);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  shot ("badge-production-dark.png", 1000, 560);

  gtk_menu_button_popup (cw_account_badge_get_button (badge));
  shot ("switcher-dark.png", 1000, 560);
  gtk_menu_button_popdown (cw_account_badge_get_button (badge));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_menu_button_popup (cw_account_badge_get_button (badge));
  shot ("switcher-light.png", 1000, 560);
  gtk_menu_button_popdown (cw_account_badge_get_button (badge));

  first = g_list_model_get_item (cw_endpoints_page_get_model (page), 0);
  _cw_endpoints_page_select_id (page, converc_webhook_get_id (first));
  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.disable", NULL);
  while ((confirm = find_window (ADW_TYPE_MESSAGE_DIALOG)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  shot ("confirm-disable.png", 1000, 560);
  adw_message_dialog_response (confirm, "keep");
  gtk_window_destroy (GTK_WINDOW (confirm));

  /* Narrow (a new window, nothing selected), then staging (not
   * production) narrow, wide, light and dark. */
  gtk_window_destroy (GTK_WINDOW (window));
  window = cw_window_new (app);
  badge = CW_ACCOUNT_BADGE (find_type (GTK_WIDGET (window), CW_TYPE_ACCOUNT_BADGE));
  page = CW_ENDPOINTS_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_ENDPOINTS_PAGE));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 560);
  gtk_window_present (GTK_WINDOW (window));
  cw_window_load_session (window);
  wait_loaded (window, page);
  {
    int header_min, page_min;

    gtk_widget_measure (find_type (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR),
                        GTK_ORIENTATION_HORIZONTAL, -1, &header_min, NULL, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &page_min,
                        NULL, NULL, NULL);
    g_print ("narrow window: %d px (header at least %d, page %d)\n",
             gtk_widget_get_width (GTK_WIDGET (window)), header_min, page_min);
  }
  shot ("badge-production-narrow-light.png", 360, 560);
  cw_account_badge_activate (badge, 0);
  wait_loaded (window, page);
  shot ("badge-staging-narrow-light.png", 360, 560);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  shot ("badge-staging-narrow-dark.png", 360, 560);
  gtk_window_destroy (GTK_WINDOW (window));
  window = cw_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 560);
  page = CW_ENDPOINTS_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_ENDPOINTS_PAGE));
  gtk_window_present (GTK_WINDOW (window));
  cw_window_load_session (window);
  wait_loaded (window, page);
  shot ("badge-staging-dark.png", 1000, 560);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  shot ("badge-staging-light.png", 1000, 560);

  converc_secret_store_clear_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (staging), NULL, NULL);
  converc_secret_store_clear_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (production), NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  converc_emulator_stop (server_a);
  converc_emulator_stop (server_b);

  return 0;
}
