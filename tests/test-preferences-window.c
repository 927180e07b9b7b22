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

/* The main window and the preferences window with a real application (settings, client, demo,
 * the event history). */

#define G_LOG_DOMAIN "test-preferences-window"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cw-application-private.h"
#include "cw-preferences-window-private.h"
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
  prefs = cw_preferences_window_new (app, NULL);
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

static void
count_pruned_cb (CwHistoryKeeper *keeper,
                 gint64           removed,
                 guint           *n_pruned)
{
  (*n_pruned)++;
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

static gint64
count_stored (const char *path)
{
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  n = converc_journal_count (journal, NULL, 0, &error);
  g_assert_no_error (error);
  return n;
}

static void
iterate_until (const gboolean *done)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!*done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Preferences → History: the settings, Clear History behind a
 * confirmation, and off removing what is stored. */
static void
test_history_run (void)
{
  g_autoptr(CwApplication) app = cw_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *path = NULL;
  CwPreferencesWindow *prefs;
  CwHistoryKeeper *keeper;
  GSettings *settings;
  guint n_pruned = 0;
  guint n_before;
  gboolean done;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  settings = cw_application_get_settings (app);
  keeper = cw_application_get_history_keeper (app);
  g_assert_nonnull (keeper);
  g_signal_connect (keeper, "pruned", G_CALLBACK (count_pruned_cb), &n_pruned);

  /* Two recent events in the organisation's journal. */
  path = cw_application_dup_journal_path (app);
  g_assert_cmpstr (cw_history_keeper_get_path (keeper), ==, path);
  {
    g_autoptr(ConvercJournal) journal = converc_journal_open (path, &error);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *at = g_date_time_format_iso8601 (now);
    g_autofree char *text =
      g_strdup_printf ("[{\"id\":\"evt_a\",\"type\":\"call.ended\",\"createdAt\":\"%s\"},"
                       "{\"id\":\"evt_b\",\"type\":\"call.started\",\"createdAt\":\"%s\"}]",
                       at, at);

    g_assert_no_error (error);
    answer = g_bytes_new (text, strlen (text));
    g_assert_true (converc_journal_ingest_answer (journal, answer, g_get_real_time (), NULL,
                                                  &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (count_stored (path), ==, 2);

  prefs = cw_preferences_window_new (app, NULL);
  gtk_window_present (GTK_WINDOW (prefs));

  /* The defaults: kept, 30 days. */
  g_assert_true (gtk_switch_get_active (prefs->history_switch));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (prefs->history_days_spin), ==, 30);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (prefs->history_days_row)));

  n_before = n_pruned;
  gtk_spin_button_set_value (prefs->history_days_spin, 7);
  g_assert_cmpuint (g_settings_get_uint (settings, "history-days"), ==, 7);
  while (n_pruned == n_before)
    g_main_context_iteration (NULL, TRUE);
  /* Recent events stay. */
  g_assert_cmpint (count_stored (path), ==, 2);

  /* Clear History asks first; Cancel keeps everything. */
  g_assert_null (prefs->clear_dialog);
  g_signal_emit_by_name (prefs->clear_history_button, "clicked");
  g_assert_nonnull (prefs->clear_dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs->clear_dialog)) ==
                 GTK_WINDOW (prefs));
  adw_message_dialog_response (prefs->clear_dialog, "cancel");
  g_assert_null (prefs->clear_dialog);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (prefs->clear_history_button)));
  g_assert_cmpint (count_stored (path), ==, 2);

  /* Clear removes every stored event. */
  g_signal_emit_by_name (prefs->clear_history_button, "clicked");
  g_assert_nonnull (prefs->clear_dialog);
  done = FALSE;
  g_signal_connect_swapped (keeper, "cleared", G_CALLBACK (set_true), &done);
  adw_message_dialog_response (prefs->clear_dialog, "clear");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (prefs->clear_history_button)));
  iterate_until (&done);
  while (!gtk_widget_get_sensitive (GTK_WIDGET (prefs->clear_history_button)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (count_stored (path), ==, 0);

  /* Off: the days no longer apply, and what is stored goes. */
  {
    g_autoptr(ConvercJournal) journal = converc_journal_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (converc_journal_ingest_answer (journal, answer, g_get_real_time (), NULL,
                                                  &error));
  }
  g_assert_cmpint (count_stored (path), ==, 2);
  n_before = n_pruned;
  gtk_switch_set_active (prefs->history_switch, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "history-enabled"));
  g_assert_false (cw_history_keeper_get_enabled (keeper));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (prefs->history_days_row)));
  while (n_pruned == n_before)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (count_stored (path), ==, 0);

  g_signal_handlers_disconnect_by_data (keeper, &n_pruned);
  g_signal_handlers_disconnect_by_data (keeper, &done);
  gtk_window_destroy (GTK_WINDOW (prefs));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* In a process of its own: the application of the test above is still
 * exported on the session bus of this one. */
static void
test_history (void)
{
  if (g_test_subprocess ())
    {
      test_history_run ();
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
store_two_events (const char *path)
{
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  g_autofree char *text =
    g_strdup_printf ("[{\"id\":\"evt_a\",\"type\":\"call.ended\",\"createdAt\":\"%s\"},"
                     "{\"id\":\"evt_b\",\"type\":\"call.started\",\"createdAt\":\"%s\"}]",
                     at, at);
  g_autoptr(GBytes) answer = g_bytes_new (text, strlen (text));

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (converc_journal_ingest_answer (journal, answer, g_get_real_time (), NULL,
                                                &error));
  g_assert_no_error (error);
}

/* Preferences opened from a window on an account that is not the default:
 * Clear History names it and clears its journal only. */
static void
test_history_clear_account_run (void)
{
  g_autoptr(CwApplication) app = cw_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *staging_path = NULL;
  g_autofree char *heading = NULL;
  ConvercAccountStore *accounts;
  ConvercAccount *production, *staging;
  CwPreferencesWindow *prefs;
  CwHistoryKeeper *keeper;
  const char *default_path;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_settings_set_boolean (cw_application_get_settings (app), "history-enabled", TRUE);
  accounts = cw_application_get_accounts (app);
  g_assert_nonnull (accounts);
  production = converc_account_store_add (accounts, "Acme — Production",
                                          "https://production.example", &error);
  g_assert_no_error (error);
  g_assert_true (converc_account_store_set_default (accounts,
                                                    converc_account_get_id (production),
                                                    &error));
  staging = converc_account_store_add (accounts, "Acme — Staging", "https://staging.example",
                                       &error);
  g_assert_no_error (error);
  keeper = cw_application_get_history_keeper (app);
  g_assert_nonnull (keeper);
  default_path = cw_history_keeper_get_path (keeper);
  staging_path = cw_session_dup_journal_path (cw_application_get_session (app, staging));
  g_assert_nonnull (staging_path);
  g_assert_cmpstr (staging_path, !=, default_path);
  store_two_events (default_path);
  store_two_events (staging_path);

  prefs = cw_preferences_window_new (app, cw_application_get_session (app, staging));
  gtk_window_present (GTK_WINDOW (prefs));
  g_signal_emit_by_name (prefs->clear_history_button, "clicked");
  g_assert_nonnull (prefs->clear_dialog);
  g_object_get (prefs->clear_dialog, "heading", &heading, NULL);
  g_assert_cmpstr (heading, ==, "Clear the Event History of “Acme — Staging”?");
  adw_message_dialog_response (prefs->clear_dialog, "clear");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (prefs->clear_history_button)));
  {
    gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (!gtk_widget_get_sensitive (GTK_WIDGET (prefs->clear_history_button)))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, TRUE);
      }
  }
  g_assert_cmpint (count_stored (staging_path), ==, 0);
  g_assert_cmpint (count_stored (default_path), ==, 2);

  gtk_window_destroy (GTK_WINDOW (prefs));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_history_clear_account (void)
{
  if (g_test_subprocess ())
    {
      test_history_clear_account_run ();
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  /* The event history goes to a folder of the test's own, set before GLib
   * reads it. */
  data_home = g_dir_make_tmp ("cw-test-prefs-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/widgets/window-and-preferences", test_window_and_preferences);
  g_test_add_func ("/cw/widgets/preferences-history", test_history);
  g_test_add_func ("/cw/widgets/preferences-history-account", test_history_clear_account);

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_home);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  return status;
}
