/* cw-application.c
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

/* The one concern of this file: the application — command-line options, the
 * secret store and settings it owns, the server new accounts sign in to,
 * the demo server, and the session-changed signal windows follow. */

#define G_LOG_DOMAIN "cw-application"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <string.h>

#include "converc-emulator.h"
#include "cw-accessible.h"
#include "cw-application-private.h"
#include "cw-renderer.h"
#include "cw-window.h"

#define SCHEMA_ID "com.converc.Webhooks"

G_DEFINE_FINAL_TYPE (CwApplication, cw_application, ADW_TYPE_APPLICATION)

enum {
  SESSION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The demo's emulator runs in a thread of its own, with its own main
 * context, as a real server would run elsewhere: it answers the first
 * requests while the main thread builds and shows the window, and serving
 * never takes the main loop's time. Its sample data is made there too. */
static void
demo_seed_cb (ConvercEmulator *emulator,
              gpointer         user_data)
{
  converc_emulator_seed (emulator, 60, 42);
}

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run against a built-in demo server with sample data; nothing is saved"), NULL },
  { "base-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use this API base URL for this run only"), N_("URL") },
  { NULL }
};

static GSettings *
cw_application_create_memory_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_with_backend (SCHEMA_ID, backend);
}

/**
 * _cw_application_read_base_url:
 * @settings: the app's settings
 * @problem: (out) (transfer full): why the saved value was not used, or %NULL
 *
 * Reads "base-url" and checks it before anything uses it: a value that is
 * too long (a 64 KiB URL once made the app impossible to start) or not a
 * valid https:// address is replaced by the default, and @problem says why
 * without repeating the value. Preferences can then replace or reset it.
 *
 * Returns: (transfer full): the base URL to use
 */
char *
_cw_application_read_base_url (GSettings  *settings,
                               char      **problem)
{
  g_autofree char *url = g_settings_get_string (settings, "base-url");
  g_autoptr(GError) error = NULL;
  gsize len = strlen (url);

  *problem = NULL;

  if (len > CW_BASE_URL_MAX)
    *problem = g_strdup_printf (_("The saved API base URL is %zu characters long, more than "
                                  "the %d allowed."), len, CW_BASE_URL_MAX);
  else if (!converc_validate_base_url (url, &error))
    *problem = g_strdup (error->message);

  if (*problem == NULL)
    return g_steal_pointer (&url);

  g_warning ("Saved base URL not used (%s); using %s", *problem, CONVERC_DEFAULT_BASE_URL);
  return g_strdup (CONVERC_DEFAULT_BASE_URL);
}

static void
cw_application_base_url_changed_cb (CwApplication *self,
                                    const char    *key,
                                    GSettings     *settings)
{
  g_autofree char *url = NULL;

  g_assert (CW_IS_APPLICATION (self));

  if (self->demo || self->base_url_override != NULL)
    return;

  g_clear_pointer (&self->settings_problem, g_free);
  url = _cw_application_read_base_url (settings, &self->settings_problem);
  if (g_strcmp0 (url, self->base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_steal_pointer (&url);
  if (self->history_keeper != NULL)
    {
      g_autofree char *journal = cw_application_dup_journal_path (self);

      cw_history_keeper_set_path (self->history_keeper, journal);
    }
  cw_application_session_changed (self);
}

static int
cw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CwApplication *self = CW_APPLICATION (app);
  const char *base_url = NULL;

  if (g_variant_dict_lookup (options, "demo", "b", NULL))
    self->demo_requested = TRUE;

  if (g_variant_dict_lookup (options, "base-url", "&s", &base_url))
    {
      g_autoptr(GError) error = NULL;

      if (!converc_validate_base_url (base_url, &error))
        {
          g_printerr (_("Invalid --base-url: %s\n"), error->message);
          return EXIT_FAILURE;
        }

      g_free (self->base_url_override);
      self->base_url_override = g_strdup (base_url);
    }

  /* A demo or a one-off server is its own instance: it must not be merged
   * into a running window that talks to the real service. */
  if (self->demo_requested || self->base_url_override != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (cw_application_parent_class)->handle_local_options (app, options);
}

static void
cw_application_startup (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (cw_application_parent_class)->startup (app);

  /* Before any window: cairo rather than GL drawn in software. */
  cw_renderer_choose (gdk_display_get_default ());
  /* Every window's buttons read as they are labelled (GTK 4.8 adds the
   * mnemonic and the label twice). */
  cw_accessible_fix_names_on_map ();
  gtk_window_set_default_icon_name (APP_ID);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      /* Without a schema even a memory backend cannot work: give up. */
      g_printerr (_("The GSettings schema %s is not installed, so Converc Webhooks cannot "
                    "start. Install the app, or run it from the build tree with "
                    "build-aux/run-app.sh (which sets GSETTINGS_SCHEMA_DIR).\n"), SCHEMA_ID);
      self->startup_failed = TRUE;
      g_application_quit (app);
      return;
    }

  if (self->demo_requested)
    self->settings = cw_application_create_memory_settings ();
  else
    self->settings = g_settings_new (SCHEMA_ID);

  g_signal_connect_object (self->settings,
                           "changed::base-url",
                           G_CALLBACK (cw_application_base_url_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  if (self->base_url_override != NULL)
    self->base_url = g_strdup (self->base_url_override);
  else
    self->base_url = _cw_application_read_base_url (self->settings, &self->settings_problem);

  self->secret_store = converc_keyring_store_new (0);
  _cw_application_accounts_init (self);

  if (self->demo_requested)
    {
      g_autoptr(GError) error = NULL;

      if (!cw_application_start_demo (self, &error))
        g_warning ("Could not start the demo server: %s", error->message);
    }

  _cw_application_actions_init (self);
  _cw_application_windows_init (self);

  if (!self->demo)
    {
      g_autofree char *journal = cw_application_dup_journal_path (self);

      self->history_keeper = cw_history_keeper_new (self->settings, journal,
                                                    CW_HISTORY_KEEPER_DAILY);
    }

  /* Started by D-Bus for GNOME Shell's search (--gapplication-service):
   * stay a while for the next keystroke's search rather than quit after
   * each answer. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, 20000);
}

static void
cw_application_activate (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);
  GtkWindow *window;

  if (self->settings == NULL)
    return;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      /* The windows open at the last quit, each on its account. */
      cw_application_restore_windows (self);
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
      if (self->settings_problem != NULL && CW_IS_WINDOW (window))
        {
          g_autofree char *text =
            g_strdup_printf (_("%s The default server is used; change it in Preferences."),
                             self->settings_problem);

          cw_window_add_toast (CW_WINDOW (window), text);
        }
      return;
    }

  gtk_window_present (window);
}

/* GNOME Shell's search provider lives beside the application's own
 * objects: <object path>/SearchProvider (the installed .ini names it). */
static gboolean
cw_application_dbus_register (GApplication     *app,
                              GDBusConnection  *connection,
                              const char       *object_path,
                              GError          **error)
{
  CwApplication *self = CW_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (cw_application_parent_class)->dbus_register (app, connection,
                                                                          object_path, error))
    return FALSE;

  if (self->search_provider == NULL)
    self->search_provider = cw_search_provider_new (self);

  return cw_search_provider_register (self->search_provider, connection, path, error);
}

static void
cw_application_dbus_unregister (GApplication    *app,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  CwApplication *self = CW_APPLICATION (app);

  if (self->search_provider != NULL)
    cw_search_provider_unregister (self->search_provider);

  G_APPLICATION_CLASS (cw_application_parent_class)->dbus_unregister (app, connection,
                                                                      object_path);
}

static void
cw_application_shutdown (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);

  /* The windows still open are the ones to open next time. */
  self->quitting = TRUE;
  g_clear_pointer (&self->demo_server, converc_emulator_thread_stop);

  G_APPLICATION_CLASS (cw_application_parent_class)->shutdown (app);
}

static void
cw_application_finalize (GObject *object)
{
  CwApplication *self = (CwApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->secret_store);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_object (&self->unsaved_session);
  g_clear_object (&self->demo_session);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->history_keeper);
  g_clear_pointer (&self->demo_server, converc_emulator_thread_stop);
  g_clear_pointer (&self->base_url_override, g_free);
  g_clear_pointer (&self->settings_problem, g_free);

  G_OBJECT_CLASS (cw_application_parent_class)->finalize (object);
}

static void
cw_application_class_init (CwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cw_application_finalize;

  app_class->activate = cw_application_activate;
  app_class->dbus_register = cw_application_dbus_register;
  app_class->dbus_unregister = cw_application_dbus_unregister;
  app_class->handle_local_options = cw_application_handle_local_options;
  app_class->shutdown = cw_application_shutdown;
  app_class->startup = cw_application_startup;

  /**
   * CwApplication::session-changed:
   *
   * The base URL setting or the demo changed: windows on the demo, or on
   * no saved account, load their session again.
   */
  signals[SESSION_CHANGED] =
    g_signal_new ("session-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cw_application_init (CwApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
}

CwApplication *
cw_application_new (void)
{
  return g_object_new (CW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/com/converc/Webhooks",
                       NULL);
}

GSettings *
cw_application_get_settings (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  return self->settings;
}

ConvercSecretStore *
cw_application_get_secret_store (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  return self->secret_store;
}

const char *
cw_application_get_base_url (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  return self->base_url;
}

gboolean
cw_application_get_demo (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), FALSE);

  return self->demo;
}

gboolean
cw_application_has_base_url_override (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), FALSE);

  return self->base_url_override != NULL;
}

/**
 * cw_application_start_demo:
 *
 * Starts the embedded emulator with sample data on a loopback port and
 * makes the demo session (the "Demo" account) that every window moves to.
 * From then on nothing is written to the keyring or to GSettings: the key,
 * the URL and any signing secret live in memory.
 */
gboolean
cw_application_start_demo (CwApplication  *self,
                           GError        **error)
{
  ConvercEmulatorThread *server;
  g_autoptr(ConvercAccount) account = NULL;
  const char *url;

  g_return_val_if_fail (CW_IS_APPLICATION (self), FALSE);

  if (self->demo)
    return TRUE;

  server = converc_emulator_thread_start (CONVERC_EMULATOR_DEMO_KEY, demo_seed_cb, NULL, error);
  if (server == NULL)
    return FALSE;

  self->demo = TRUE;
  self->demo_server = server;
  /* The demo's journal lives in memory: nothing on disk to keep. */
  g_clear_object (&self->history_keeper);

  g_clear_object (&self->secret_store);
  self->secret_store = converc_memory_store_new ();

  if (!self->demo_requested)
    {
      /* Switching from the sign-in page: stop writing to the real settings. */
      g_autoptr(GSettings) memory = cw_application_create_memory_settings ();

      g_signal_handlers_disconnect_by_data (self->settings, self);
      g_set_object (&self->settings, memory);
    }

  url = converc_emulator_thread_get_base_url (server);
  g_free (self->base_url);
  self->base_url = g_strdup (url);
  account = converc_account_new_demo (url);
  self->demo_session = cw_session_new (account, url, self->secret_store);
  converc_client_set_api_key (cw_session_get_client (self->demo_session),
                              converc_emulator_thread_get_api_key (server));

  return TRUE;
}

const char *
_cw_application_get_settings_problem (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  return self->settings_problem;
}

gboolean
_cw_application_get_startup_failed (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), TRUE);

  return self->startup_failed;
}

/**
 * cw_application_session_changed:
 *
 * Says that the API key, the base URL or the demo changed
 * (#CwApplication::session-changed).
 */
void
cw_application_session_changed (CwApplication *self)
{
  g_return_if_fail (CW_IS_APPLICATION (self));

  g_signal_emit (self, signals[SESSION_CHANGED], 0);
}

char *
cw_application_dup_journal_path (CwApplication *self)
{
  ConvercAccount *account = NULL;

  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  if (self->demo || self->base_url == NULL)
    return NULL;

  /* The journal of the default account, as its windows' feed opens it;
   * before any account, that of the base URL. */
  if (self->accounts != NULL)
    account = converc_account_store_get_default (self->accounts);
  if (account != NULL)
    return converc_journal_dup_path_for_scope (converc_account_get_secret_scope (account));

  return converc_journal_dup_path_for_scope (self->base_url);
}

CwHistoryKeeper *
cw_application_get_history_keeper (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  return self->history_keeper;
}
