/* test-preferences-window.c
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

/* The main window and the preferences window with a real application (settings, client, demo). */

#define G_LOG_DOMAIN "test-preferences-window"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cw-application-private.h"
#include "cw-preferences-window.h"
#include "cw-window.h"

/* The window and the preferences need the application (settings, client). */
static void
test_window_and_preferences (void)
{
  g_autoptr(CwApplication) app = cw_application_new ();
  g_autoptr(GError) error = NULL;
  CwPreferencesWindow *prefs;
  CwWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cw_application_get_settings (app));
  g_assert_cmpstr (cw_application_get_base_url (app), ==, "https://api.converc.com");

  window = cw_window_new (app);
  g_assert_cmpstr (cw_window_get_state (window), ==, "loading");
  prefs = cw_preferences_window_new (app);
  g_assert_true (ADW_IS_PREFERENCES_WINDOW (prefs));

  /* Demo mode: an in-process emulator, a memory store, memory settings. */
  g_assert_true (cw_application_start_demo (app, &error));
  g_assert_no_error (error);
  g_assert_true (cw_application_get_demo (app));
  g_assert_true (g_str_has_prefix (cw_application_get_base_url (app), "http://127.0.0.1:"));
  cw_window_load_session (window);
  g_assert_cmpstr (cw_window_get_state (window), ==, "main");

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/widgets/window-and-preferences", test_window_and_preferences);

  return g_test_run ();
}
