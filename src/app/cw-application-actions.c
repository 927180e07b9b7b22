/* cw-application-actions.c
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

/* The one concern of this file: the application's actions (about, check a delivery, demo,
 * new window, preferences, quit, shortcuts, show an event or a search from GNOME Shell)
 * and their keyboard shortcuts. */

#define G_LOG_DOMAIN "cw-application-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-application-private.h"
#include "cw-accessible.h"
#include "cw-account-actions.h"
#include "cw-delivery-doctor-window.h"
#include "cw-preferences-window.h"
#include "cw-window.h"

static void
cw_application_actions_quit (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  CwApplication *self = user_data;
  GList *windows;

  g_assert (CW_IS_APPLICATION (self));

  /* The windows open now are the ones to open at the next start. */
  self->quitting = TRUE;
  /* Close windows so that they save their state and cancel requests. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

static void
cw_application_actions_about (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  CwApplication *self = user_data;
  static const char *developers[] = { "Converc Webhooks contributors", NULL };
  GtkWindow *window;
  GtkWidget *about;

  g_assert (CW_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-icon", APP_ID,
                        "application-name", _("Converc Webhooks"),
                        "comments", _("Manage the webhook endpoints of a Converc organisation"),
                        "copyright", "© 2026 Converc Webhooks contributors",
                        "developer-name", _("Converc Webhooks contributors"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        "version", PACKAGE_VERSION,
                        "transient-for", window,
                        "modal", TRUE,
                        NULL);
  cw_accessible_label_internals (about, _("About Converc Webhooks"));
  gtk_window_present (GTK_WINDOW (about));
}

/* The session of the active window: what its Preferences and Check a
 * Delivery act on. */
static CwSession *
active_session (CwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* A dialog of a window acts for that window. */
  while (window != NULL && !CW_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);

  if (window != NULL && cw_window_get_session (CW_WINDOW (window)) != NULL)
    return cw_window_get_session (CW_WINDOW (window));

  return NULL;
}

/* Ctrl+Shift+N: another window, on the active one's account, with its
 * switcher open to pick the organisation. */
static void
cw_application_actions_new_window (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  CwApplication *self = user_data;
  CwWindow *window;

  g_assert (CW_IS_APPLICATION (self));

  window = cw_application_open_window (self, active_session (self));
  cw_window_open_switcher (window);
}

static void
cw_application_actions_preferences (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  CwApplication *self = user_data;
  CwPreferencesWindow *prefs;
  GtkWindow *window;

  g_assert (CW_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  prefs = cw_preferences_window_new (self, active_session (self));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), window);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
cw_application_actions_check_delivery (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data)
{
  CwApplication *self = user_data;
  CwDeliveryDoctorWindow *doctor;
  CwSession *session;
  GtkWindow *window;

  g_assert (CW_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  session = active_session (self);
  if (session == NULL)
    session = cw_application_get_start_session (self);
  doctor = cw_delivery_doctor_window_new (cw_session_get_secret_store (session),
                                          cw_session_get_secret_scope (session));
  gtk_window_set_transient_for (GTK_WINDOW (doctor), window);
  gtk_window_present (GTK_WINDOW (doctor));
}

static void
cw_application_actions_shortcuts (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  CwApplication *self = user_data;
  GtkWindow *window;

  g_assert (CW_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
cw_application_actions_demo (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  CwApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (CW_IS_APPLICATION (self));

  if (!cw_application_start_demo (self, &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
      g_autofree char *message = g_strdup_printf (_("Could not start the demo server: %s"),
                                                  error->message);

      if (CW_IS_WINDOW (window))
        cw_window_add_toast (CW_WINDOW (window), message);
      else
        g_warning ("%s", message);
      return;
    }

  cw_application_session_changed (self);
}

/* A window on @account (NULL: the default account): the most recently
 * used one, else a new one. A named account gets a window of its own,
 * never the one the application opens on activation (which is the
 * default account's). */
static CwWindow *
cw_application_actions_present_window (CwApplication  *self,
                                       ConvercAccount *account)
{
  gboolean named = account != NULL;
  CwSession *session;

  if (!named)
    g_application_activate (G_APPLICATION (self));

  if (account == NULL && self->accounts != NULL && !self->demo)
    account = converc_account_store_get_default (self->accounts);
  session = account != NULL ? cw_application_get_session (self, account)
                            : cw_application_get_start_session (self);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL; l = l->next)
    if (CW_IS_WINDOW (l->data) &&
        (cw_window_get_session (l->data) == session ||
         (!named && cw_window_get_session (l->data) == NULL)))
      {
        /* Just opened by the activation: it is shown with its page's
         * first rows (cw_window_present_when_ready()) */
        cw_window_present_when_ready (l->data);
        return l->data;
      }

  return cw_application_open_window (self, session);
}

/* A result activated in GNOME Shell's search ("ACCOUNT-ID/EVENT-ID", or
 * an event id alone: the default account's): that event on the Events page
 * of a window on its account. */
static void
cw_application_actions_show_event (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  CwApplication *self = user_data;
  const char *result_id = g_variant_get_string (param, NULL);
  const char *event_id = result_id;
  const char *slash = strchr (result_id, '/');
  ConvercAccount *account = NULL;
  CwWindow *window;

  g_assert (CW_IS_APPLICATION (self));

  if (slash != NULL && self->accounts != NULL && !self->demo)
    {
      g_autofree char *account_id = g_strndup (result_id, slash - result_id);

      account = converc_account_store_lookup_id (self->accounts, account_id);
      if (account != NULL)
        event_id = slash + 1;
    }

  window = cw_application_actions_present_window (self, account);
  if (window != NULL)
    cw_window_show_event (window, event_id);
}

/* "Search in the app" from GNOME Shell: the Events page with that search. */
static void
cw_application_actions_search_events (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  CwApplication *self = user_data;
  CwWindow *window;

  g_assert (CW_IS_APPLICATION (self));

  window = cw_application_actions_present_window (self, NULL);
  if (window != NULL)
    cw_window_search_events (window, g_variant_get_string (param, NULL));
}

static const GActionEntry actions[] = {
  { "about", cw_application_actions_about },
  { "check-delivery", cw_application_actions_check_delivery },
  { "demo", cw_application_actions_demo },
  { "new-window", cw_application_actions_new_window },
  { "preferences", cw_application_actions_preferences },
  { "quit", cw_application_actions_quit },
  { "search-events", cw_application_actions_search_events, "s" },
  { "show-event", cw_application_actions_show_event, "s" },
  { "shortcuts", cw_application_actions_shortcuts },
};

void
_cw_application_actions_init (CwApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.check-delivery", { "<Control><Shift>k", NULL } },
    { "app.new-window", { "<Control><Shift>n", NULL } },
    { "win.add-endpoint", { "<Control>n", NULL } },
    { "win.refresh", { "<Control>r", "F5", NULL } },
    { "win.find-event", { "<Control>f", NULL } },
    { "win.show-page('endpoints')", { "<Alt>1", NULL } },
    { "win.show-page('events')", { "<Alt>2", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  g_assert (CW_IS_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   actions,
                                   G_N_ELEMENTS (actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action,
                                           accels[i].accels);

  /* Add Organisation…, Manage Organisations… */
  cw_account_actions_init (self);
}
