/* test-search-provider.c
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

/* The one concern of this file: the app serves GNOME Shell's search
 * provider on a private session bus, answering `gdbus call` from the
 * journal in $XDG_DATA_HOME, without creating one; with accounts, from
 * every account's journal. */

#include "config.h"

#include <gio/gio.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <string.h>

#include "converc.h"

#define BASE_URL "https://api.converc.com"

static char *data_home;
static char *journal_path;
static char *object_path;
static GSubprocess *app;
static gboolean app_exited;
static char *display;

static char *
gdbus_call (const char *method,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *name = g_strconcat ("org.gnome.Shell.SearchProvider2.", method, NULL);
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) "gdbus");
  g_ptr_array_add (argv, (char *) "call");
  g_ptr_array_add (argv, (char *) "--session");
  g_ptr_array_add (argv, (char *) "--timeout");
  g_ptr_array_add (argv, (char *) "60");
  g_ptr_array_add (argv, (char *) "--dest");
  g_ptr_array_add (argv, (char *) APP_ID);
  g_ptr_array_add (argv, (char *) "--object-path");
  g_ptr_array_add (argv, object_path);
  g_ptr_array_add (argv, (char *) "--method");
  g_ptr_array_add (argv, name);
  va_start (args, method);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("gdbus call %s failed: %s", method, err);

  return g_strchomp (g_steal_pointer (&out));
}

static void
wait_for_app (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_nonnull (bus);
  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", APP_ID),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                           -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        return;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_false (app_exited);
      g_usleep (100 * 1000);
    }

  g_error ("%s did not appear on the bus", APP_ID);
}

static void
fill_journal (void)
{
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) two_hours_ago = g_date_time_add_hours (now, -2);
  g_autoptr(GDateTime) three_hours_ago = g_date_time_add_hours (now, -3);
  g_autofree char *at_2 = g_date_time_format_iso8601 (two_hours_ago);
  g_autofree char *at_3 = g_date_time_format_iso8601 (three_hours_ago);
  g_autofree char *answer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint n_added = 0;

  answer = g_strdup_printf (
    "[{\"id\":\"evt_kwame_ended\",\"type\":\"call.ended\",\"createdAt\":\"%s\","
    "\"data\":{\"call\":{\"status\":\"completed\"},"
    "\"contact\":{\"name\":\"Kwame Mensah\",\"email\":\"kwame@example.com\"}}},"
    "{\"id\":\"evt_kwame_started\",\"type\":\"call.started\",\"createdAt\":\"%s\","
    "\"data\":{\"contact\":{\"name\":\"Kwame Mensah\",\"email\":\"kwame@example.com\"}}},"
    "{\"id\":\"evt_ada\",\"type\":\"call.ended\",\"createdAt\":\"%s\","
    "\"data\":{\"contact\":{\"phone\":\"+44 20 7946 0958\"}}}]",
    at_2, at_3, at_3);
  bytes = g_bytes_new (answer, strlen (answer));

  journal = converc_journal_open (journal_path, &error);
  g_assert_no_error (error);
  g_assert_true (converc_journal_ingest_answer (journal, bytes, g_get_real_time (),
                                                &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 3);
}

/* One event of @contact, @hours_ago, into the journal at @path. */
static void
add_event (const char *path,
           const char *id,
           const char *contact,
           int         hours_ago)
{
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_hours (now, -hours_ago);
  g_autofree char *at = g_date_time_format_iso8601 (then);
  g_autofree char *answer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint n_added = 0;

  answer = g_strdup_printf ("[{\"id\":\"%s\",\"type\":\"call.ended\",\"createdAt\":\"%s\","
                            "\"data\":{\"contact\":{\"name\":\"%s\"}}}]",
                            id, at, contact);
  bytes = g_bytes_new (answer, strlen (answer));

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (converc_journal_ingest_answer (journal, bytes, g_get_real_time (),
                                                &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 1);
}

static void
test_no_journal (void)
{
  g_autofree char *out = NULL;

  out = gdbus_call ("GetInitialResultSet", "['kwame']", NULL);
  g_assert_cmpstr (out, ==, "(@as [],)");
  /* A search does not make a journal. */
  g_assert_false (g_file_test (journal_path, G_FILE_TEST_EXISTS));
}

static void
test_initial (void)
{
  g_autofree char *out = NULL;

  fill_journal ();

  /* Newest first. */
  out = gdbus_call ("GetInitialResultSet", "['kwame']", NULL);
  g_assert_cmpstr (out, ==, "(['evt_kwame_ended', 'evt_kwame_started'],)");
  g_clear_pointer (&out, g_free);

  /* Every term must match, case- and accent-insensitively. */
  out = gdbus_call ("GetInitialResultSet", "['KWAME', 'ended']", NULL);
  g_assert_cmpstr (out, ==, "(['evt_kwame_ended'],)");
  g_clear_pointer (&out, g_free);

  out = gdbus_call ("GetInitialResultSet", "['7946']", NULL);
  g_assert_cmpstr (out, ==, "(['evt_ada'],)");
  g_clear_pointer (&out, g_free);

  out = gdbus_call ("GetInitialResultSet", "['evt_kwame_started']", NULL);
  g_assert_cmpstr (out, ==, "(['evt_kwame_started'],)");
  g_clear_pointer (&out, g_free);

  out = gdbus_call ("GetInitialResultSet", "['nobody-here']", NULL);
  g_assert_cmpstr (out, ==, "(@as [],)");
}

static void
test_subsearch (void)
{
  g_autofree char *out = NULL;

  out = gdbus_call ("GetSubsearchResultSet", "['evt_kwame_ended', 'evt_kwame_started']",
                    "['kwame', 'started']", NULL);
  g_assert_cmpstr (out, ==, "(['evt_kwame_started'],)");
}

static void
test_metas (void)
{
  g_autofree char *out = NULL;

  out = gdbus_call ("GetResultMetas", "['evt_kwame_ended', 'evt_ada', 'evt_gone']", NULL);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "'name': <'call.ended · Kwame Mensah'>"));
  g_assert_nonnull (strstr (out, "'description': <'2 h ago · kwame@example.com'>"));
  g_assert_nonnull (strstr (out, "'id': <'evt_kwame_ended'>"));
  /* No name or email: the phone number names the contact, the id follows. */
  g_assert_nonnull (strstr (out, "'name': <'call.ended · +44 20 7946 0958'>"));
  g_assert_nonnull (strstr (out, "'description': <'3 h ago · evt_ada'>"));
  /* An id no longer stored is left out. */
  g_assert_null (strstr (out, "evt_gone"));
}

static void
test_activate (void)
{
  g_autofree char *out = NULL;
  g_autofree char *launch = NULL;

  /* Opens the window on the event; the app keeps serving. */
  out = gdbus_call ("ActivateResult", "evt_kwame_ended", "['kwame']", "0", NULL);
  g_assert_cmpstr (out, ==, "()");
  launch = gdbus_call ("LaunchSearch", "['kwame']", "0", NULL);
  g_assert_cmpstr (launch, ==, "()");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (app_exited);
}

static void
app_exited_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  if (object == (GObject *) app)
    app_exited = TRUE;
}

/* The app as D-Bus starts it for GNOME Shell, with @settings_home (NULL:
 * the memory settings backend) as its XDG_CONFIG_HOME. */
static void
start_app (const char *settings_home)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  /* GTestDBus unsets DISPLAY; the app needs one (headless.sh's Xvfb). */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_assert_nonnull (display);
  g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  if (settings_home != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", settings_home, TRUE);
    }
  app_exited = FALSE;
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CW_TEST_APP"),
                                     "--gapplication-service", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (app, NULL, app_exited_cb, NULL);
  wait_for_app ();
}

static void
stop_app (void)
{
  g_subprocess_force_exit (app);
  g_subprocess_wait (app, NULL, NULL);
  g_clear_object (&app);
}

/* The "window-accounts" setting as the app wrote it in @keyfile_path. */
static char *
read_window_accounts (const char *keyfile_path)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  if (!g_key_file_load_from_file (keyfile, keyfile_path, G_KEY_FILE_NONE, NULL))
    return NULL;

  return g_key_file_get_value (keyfile, "com/converc/Webhooks", "window-accounts", NULL);
}

/* Two accounts in the settings, each with its journal: one search finds
 * the events of both, newest first, and a result of the account that is
 * not the default opens a window on that account. */
static void
test_accounts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *settings_home = g_build_filename (data_home, "config", NULL);
  g_autofree char *keyfile_path = g_build_filename (settings_home, "glib-2.0", "settings",
                                                    "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ConvercAccountStore) store = NULL;
  g_autofree char *production_path = NULL;
  g_autofree char *staging_path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *staging_result = NULL;
  ConvercAccount *production, *staging;
  gint64 end;

  stop_app ();

  g_assert_cmpint (g_mkdir_with_parents (settings_home, 0700), ==, 0);
  backend = g_keyfile_settings_backend_new (keyfile_path, "/", NULL);
  settings = g_settings_new_with_backend (APP_ID, backend);
  store = converc_account_store_new (settings);
  production = converc_account_store_add (store, "Acme — Production", BASE_URL, &error);
  g_assert_no_error (error);
  staging = converc_account_store_add (store, "Acme — Staging", "https://staging.example",
                                       &error);
  g_assert_no_error (error);
  g_assert_true (converc_account_store_get_default (store) == production);
  g_settings_sync ();

  production_path =
    converc_journal_dup_path_for_scope (converc_account_get_secret_scope (production));
  staging_path = converc_journal_dup_path_for_scope (converc_account_get_secret_scope (staging));
  add_event (production_path, "evt_production_older", "Yaw Boateng", 5);
  add_event (staging_path, "evt_staging_newer", "Yaw Boateng", 1);
  add_event (staging_path, "evt_staging_oldest", "Yaw Boateng", 9);

  start_app (settings_home);

  /* Both journals, merged newest first; each id names its account. */
  out = gdbus_call ("GetInitialResultSet", "['yaw']", NULL);
  expected = g_strdup_printf ("(['%s/evt_staging_newer', '%s/evt_production_older', "
                              "'%s/evt_staging_oldest'],)",
                              converc_account_get_id (staging),
                              converc_account_get_id (production),
                              converc_account_get_id (staging));
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);

  /* The non-default account's result has its meta. */
  staging_result = g_strdup_printf ("['%s/evt_staging_newer']",
                                    converc_account_get_id (staging));
  out = gdbus_call ("GetResultMetas", staging_result, NULL);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "'name': <'call.ended · Yaw Boateng'>"));
  /* Without a way to reach the contact, the event id follows (not the
   * account's). */
  g_assert_nonnull (strstr (out, "'description': <'1 h ago · evt_staging_newer'>"));
  g_clear_pointer (&out, g_free);

  /* No window yet; activating it opens one on the staging account. */
  out = read_window_accounts (keyfile_path);
  g_assert_true (out == NULL || strstr (out, converc_account_get_id (staging)) == NULL);
  g_clear_pointer (&out, g_free);
  staging_result[strlen (staging_result) - 2] = '\0';
  out = gdbus_call ("ActivateResult", staging_result + 2, "['yaw']", "0", NULL);
  g_assert_cmpstr (out, ==, "()");
  g_clear_pointer (&out, g_free);

  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      out = read_window_accounts (keyfile_path);
      if (out != NULL && strstr (out, converc_account_get_id (staging)) != NULL)
        break;
      g_clear_pointer (&out, g_free);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (100 * 1000);
    }
  if (out == NULL)
    {
      g_autofree char *contents = NULL;

      g_file_get_contents (keyfile_path, &contents, NULL, NULL);
      g_test_message ("%s:\n%s", keyfile_path, contents);
    }
  g_test_message ("window-accounts: %s", out);
  g_assert_nonnull (out);
  g_assert_nonnull (strstr (out, converc_account_get_id (staging)));
  g_assert_null (strstr (out, converc_account_get_id (production)));
  g_assert_false (app_exited);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = NULL;
  const char *app_path = g_getenv ("CW_TEST_APP");
  int status;

  display = g_strdup (g_getenv ("DISPLAY"));

  /* Before GLib reads it. */
  data_home = g_dir_make_tmp ("cw-search-provider-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (app_path);
  scope = converc_journal_scope_for_base_url (BASE_URL);
  journal_path = converc_journal_dup_path_for_scope (scope);
  object_path = g_strdup_printf ("/%s/SearchProvider", APP_ID);
  g_strdelimit (object_path, ".", '/');

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  start_app (NULL);

  g_test_add_func ("/search-provider/no-journal", test_no_journal);
  g_test_add_func ("/search-provider/initial", test_initial);
  g_test_add_func ("/search-provider/subsearch", test_subsearch);
  g_test_add_func ("/search-provider/metas", test_metas);
  g_test_add_func ("/search-provider/activate", test_activate);
  g_test_add_func ("/search-provider/accounts", test_accounts);

  status = g_test_run ();

  stop_app ();
  g_test_dbus_down (bus);

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_home);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
  g_free (journal_path);
  g_free (object_path);
  g_free (data_home);
  g_free (display);

  return status;
}
