/* shot-window-accounts.c
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

/* The one concern of this file: screenshots of windows that each belong
 * to one account — two side by side on two emulators, a narrow one with
 * its switcher open, a removed account's window, an account whose key is
 * gone and the demo. Not a test:
 *
 *   GSETTINGS_SCHEMA_DIR=_build/data GSETTINGS_BACKEND=memory \
 *     build-aux/headless.sh _build/tests/shot-window-accounts OUT_DIR
 *
 * then look at the PNG files in OUT_DIR. There is no window manager: the
 * second window is moved beside the first with xdotool. */

#define G_LOG_DOMAIN "shot-window-accounts"

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "converc-emulator.h"
#include "cw-account-badge.h"
#include "cw-application.h"
#include "cw-endpoints-page.h"
#include "cw-shot-utils.h"
#include "cw-window.h"

static const char *out_dir;

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

static void
wait_state (CwWindow   *window,
            const char *state,
            gboolean    with_endpoints)
{
  CwEndpointsPage *page =
    CW_ENDPOINTS_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_ENDPOINTS_PAGE));

  while (g_strcmp0 (cw_window_get_state (window), state) != 0 ||
         (with_endpoints &&
          g_list_model_get_n_items (cw_endpoints_page_get_model (page)) == 0))
    g_main_context_iteration (NULL, TRUE);
  cw_shot_settle (0.5);
}

/* No window manager: X11 puts every window at (0,0). */
static void
move_window (CwWindow *window,
             int       x)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;
  g_autofree char *left = g_strdup_printf ("%d", x);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "xdotool", "windowmove", NULL, NULL, "0", NULL };

  if (!GDK_IS_X11_SURFACE (surface))
    g_error ("not on X11");
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  argv[2] = xid;
  argv[3] = left;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     NULL, &error))
    g_error ("xdotool: %s", error->message);
}

static CwWindow *
open_on (CwApplication  *app,
         ConvercAccount *account,
         int             width,
         int             height)
{
  CwWindow *window = cw_window_new_for_session (app, cw_application_get_session (app, account));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  cw_window_load_session (window);

  return window;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CwApplication) app = NULL;
  g_autoptr(ConvercEmulator) server_a = converc_emulator_new ("shot-key-a");
  g_autoptr(ConvercEmulator) server_b = converc_emulator_new ("shot-key-b");
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ConvercAccountStore) other_store = NULL;
  g_autoptr(GError) error = NULL;
  ConvercAccountStore *accounts;
  ConvercAccount *staging, *production, *archive;
  CwAccountBadge *badge;
  CwWindow *left, *right, *narrow;

  gtk_init ();
  adw_init ();
  /* GNOME's default title buttons (there is no window manager here). */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  if (argc != 2)
    g_error ("usage: shot-window-accounts OUT_DIR");
  out_dir = argv[1];
  g_mkdir_with_parents (out_dir, 0755);

  converc_emulator_seed (server_a, 5, 1);
  converc_emulator_seed (server_b, 5, 2);
  if (!converc_emulator_start (server_a, 0, &error) ||
      !converc_emulator_start (server_b, 0, &error))
    g_error ("%s", error->message);

  settings = g_settings_new ("com.converc.Webhooks");
  g_settings_set_string (settings, "base-url", converc_emulator_get_base_url (server_a));
  app = cw_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  accounts = cw_application_get_accounts (app);
  staging = converc_account_store_add (accounts, "Acme — Staging",
                                       converc_emulator_get_base_url (server_a), &error);
  production = converc_account_store_add (accounts, "Acme — Production",
                                          converc_emulator_get_base_url (server_b), &error);
  archive = converc_account_store_add (accounts, "Acme — Archive",
                                       converc_emulator_get_base_url (server_b), &error);
  if (staging == NULL || production == NULL || archive == NULL)
    g_error ("%s", error->message);
  converc_account_store_recolor (accounts, converc_account_get_id (staging), "teal", NULL);
  converc_account_store_recolor (accounts, converc_account_get_id (archive), "purple", NULL);
  converc_account_set_production (production, TRUE);
  converc_secret_store_store_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (staging), NULL, "shot-key-a", &error);
  converc_secret_store_store_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (production), NULL, "shot-key-b",
                                   &error);
  if (error != NULL)
    g_error ("%s", error->message);

  /* Two windows, two organisations, side by side. */
  left = open_on (app, staging, 636, 560);
  right = open_on (app, production, 636, 560);
  wait_state (left, "main", TRUE);
  wait_state (right, "main", TRUE);
  move_window (right, 644);
  g_print ("titles: %s | %s\n", gtk_window_get_title (GTK_WINDOW (left)),
           gtk_window_get_title (GTK_WINDOW (right)));
  shot ("two-windows-light.png", 1280, 560);

  /* A narrow window with its switcher open: every organisation, each
   * with Open in New Window. */
  gtk_window_destroy (GTK_WINDOW (left));
  gtk_window_destroy (GTK_WINDOW (right));
  narrow = open_on (app, production, 360, 600);
  wait_state (narrow, "main", TRUE);
  shot ("narrow-light.png", 360, 600);
  badge = CW_ACCOUNT_BADGE (find_type (GTK_WIDGET (narrow), CW_TYPE_ACCOUNT_BADGE));
  gtk_menu_button_popup (cw_account_badge_get_button (badge));
  shot ("narrow-switcher-light.png", 480, 600);
  gtk_menu_button_popdown (cw_account_badge_get_button (badge));
  gtk_window_destroy (GTK_WINDOW (narrow));

  /* An account whose key is gone from the keyring. */
  narrow = open_on (app, archive, 800, 560);
  wait_state (narrow, "sign-in", FALSE);
  shot ("key-gone-light.png", 800, 560);
  gtk_window_destroy (GTK_WINDOW (narrow));

  /* Production removed (as `converc accounts remove` does) while its
   * window is open. */
  narrow = open_on (app, production, 800, 560);
  wait_state (narrow, "main", TRUE);
  other_store = converc_account_store_new (settings);
  if (!converc_account_store_remove (other_store, converc_account_get_id (production), &error))
    g_error ("%s", error->message);
  wait_state (narrow, "removed", FALSE);
  shot ("removed-light.png", 800, 560);

  /* "Try the Demo": the window moves to the "Demo" account. */
  if (!cw_application_start_demo (app, &error))
    g_error ("%s", error->message);
  cw_application_session_changed (app);
  wait_state (narrow, "main", TRUE);
  shot ("demo-light.png", 800, 560);

  converc_secret_store_clear_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (staging), NULL, NULL);
  converc_secret_store_clear_sync (cw_application_get_secret_store (app),
                                   converc_account_get_id (production), NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (narrow));
  converc_emulator_stop (server_a);
  converc_emulator_stop (server_b);

  return 0;
}
