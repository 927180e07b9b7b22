/* cw-preferences-window.c
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

/* The one concern of this file: the Preferences window — replacing or forgetting the API key,
 * the base URL, the event preferences and the event history (how long it is
 * kept, Clear History). */

#define G_LOG_DOMAIN "cw-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-accessible.h"
#include "cw-account-badge.h"
#include "cw-application-private.h"
#include "cw-error-text.h"
#include "cw-preferences-window-private.h"
#include "cw-window.h"

G_DEFINE_FINAL_TYPE (CwPreferencesWindow, cw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
set_message (GtkLabel   *label,
             const char *text,
             gboolean    is_error)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

static void
cw_preferences_window_stored_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  CwPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  converc_secret_store_store_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->key_group), TRUE);
  converc_client_set_api_key (cw_session_get_client (self->session), self->pending_key);
  g_clear_pointer (&self->pending_key, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->new_key_row), "");

  if (error != NULL)
    {
      g_autofree char *message = cw_error_describe (error, -1);
      g_autofree char *text = g_strdup_printf (_("The new key works and is used for this run, "
                                                 "but it could not be saved. %s"), message);
      set_message (self->key_message_label, text, TRUE);
    }
  else
    {
      set_message (self->key_message_label, _("The new API key works and is saved in the keyring."), FALSE);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("API key replaced")));
    }

  cw_session_changed (self->session);
}

static void
cw_preferences_window_verify_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  CwPreferencesWindow *self = user_data;
  ConvercClient *client = CONVERC_CLIENT (object);
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;

  webhooks = converc_client_list_webhooks_finish (client, result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  if (webhooks == NULL)
    {
      g_autofree char *message = cw_error_describe (error, converc_client_get_retry_after (client));
      g_autofree char *text = g_strdup_printf (_("The key was not replaced. %s"), message);

      g_clear_pointer (&self->pending_key, g_free);
      gtk_widget_set_sensitive (GTK_WIDGET (self->key_group), TRUE);
      set_message (self->key_message_label, text, TRUE);
      return;
    }

  converc_secret_store_store_async (cw_session_get_secret_store (self->session),
                                    cw_session_get_secret_scope (self->session),
                                    NULL,
                                    self->pending_key,
                                    self->cancellable,
                                    cw_preferences_window_stored_cb,
                                    self);
}

static void
replace_key_cb (CwPreferencesWindow *self)
{
  g_autoptr(ConvercClient) client = NULL;
  g_autofree char *key = NULL;

  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  if (self->session == NULL)
    return;

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_key_row))));
  if (*key == '\0')
    {
      set_message (self->key_message_label, _("Enter the new API key first."), TRUE);
      return;
    }

  set_message (self->key_message_label, _("Checking the new key…"), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_group), FALSE);

  g_free (self->pending_key);
  self->pending_key = g_steal_pointer (&key);

  client = converc_client_new (cw_session_get_base_url (self->session), self->pending_key);
  converc_client_list_webhooks_async (client, self->cancellable,
                                      cw_preferences_window_verify_cb, self);
}

static void
cw_preferences_window_cleared_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  CwPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  converc_secret_store_clear_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->key_group), TRUE);

  if (error != NULL)
    {
      g_autofree char *message = cw_error_describe (error, -1);
      g_autofree char *text = g_strdup_printf (_("The key could not be removed from the keyring. %s"),
                                               message);
      set_message (self->key_message_label, text, TRUE);
      return;
    }

  converc_client_set_api_key (cw_session_get_client (self->session), NULL);
  set_message (self->key_message_label, _("The API key was removed. Sign in again to continue."), FALSE);
  cw_session_changed (self->session);
}

static void
forget_key_cb (CwPreferencesWindow *self)
{
  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  if (self->session == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->key_group), FALSE);
  converc_secret_store_clear_async (cw_session_get_secret_store (self->session),
                                    cw_session_get_secret_scope (self->session),
                                    NULL,
                                    self->cancellable,
                                    cw_preferences_window_cleared_cb,
                                    self);
}

static void
base_url_changed_cb (CwPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text;

  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  text = gtk_editable_get_text (GTK_EDITABLE (self->base_url_row));
  if (*text != '\0' && !converc_validate_base_url (text, &error))
    {
      set_message (self->base_url_message_label, error->message, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
    }
  else
    {
      set_message (self->base_url_message_label, NULL, FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");
    }
}

static void
base_url_apply_cb (CwPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWindow *window;

  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row))));
  while (g_str_has_suffix (text, "/"))
    text[strlen (text) - 1] = '\0';

  if (strlen (text) > CW_BASE_URL_MAX)
    g_set_error (&error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                 _("The API base URL is longer than %d characters."), CW_BASE_URL_MAX);

  if (error != NULL || !converc_validate_base_url (text, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      set_message (self->base_url_message_label, message, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
      return;
    }

  g_settings_set_string (cw_application_get_settings (self->application), "base-url", text);

  /* The window it was opened from goes to that server's account (or to a
   * new one, to sign in), as a switch in its switcher does; the other
   * windows keep theirs. */
  window = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (CW_IS_WINDOW (window) && !cw_application_get_demo (self->application))
    {
      CwSession *session = cw_application_get_start_session (self->application);

      if (session != cw_window_get_session (CW_WINDOW (window)))
        {
          g_set_object (&self->session, session);
          cw_window_set_session (CW_WINDOW (window), session);
        }
    }
  set_message (self->base_url_message_label,
               _("Saved. Sign in again if this server needs a different key."), FALSE);
}

static void
reset_base_url_cb (CwPreferencesWindow *self)
{
  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), CONVERC_DEFAULT_BASE_URL);
  base_url_apply_cb (self);
}

static void
history_cleared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CwPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  cw_history_keeper_clear_finish (CW_HISTORY_KEEPER (object), result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_history_button), TRUE);
  if (error != NULL)
    {
      g_autofree char *message = cw_error_describe (error, -1);
      g_autofree char *text = g_strdup_printf (_("The history was not cleared. %s"), message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
      return;
    }

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("History cleared")));
}

/* Clear History acts on the journal of the window's account: the
 * application's keeper when that is the default account's journal, else
 * one of its own (which also keeps that journal while Preferences is open). */
static CwHistoryKeeper *
get_clear_keeper (CwPreferencesWindow *self)
{
  CwHistoryKeeper *keeper = cw_application_get_history_keeper (self->application);
  g_autofree char *path = NULL;

  if (self->session_keeper != NULL)
    return self->session_keeper;

  if (self->session != NULL && !cw_application_get_demo (self->application))
    path = cw_session_dup_journal_path (self->session);
  if (path == NULL || keeper == NULL ||
      g_strcmp0 (path, cw_history_keeper_get_path (keeper)) == 0)
    return keeper;

  self->session_keeper =
    cw_history_keeper_new (cw_application_get_settings (self->application), path,
                           CW_HISTORY_KEEPER_DAILY);
  return self->session_keeper;
}

/* The account of the window Preferences was opened from, as shown; NULL
 * without one. */
static char *
dup_account_label (CwPreferencesWindow *self)
{
  ConvercAccount *account = self->session != NULL ? cw_session_get_account (self->session)
                                                  : NULL;

  if (account == NULL || converc_account_get_demo (account))
    return NULL;

  return cw_account_short_label (converc_account_get_label (account));
}

static void
clear_dialog_response_cb (CwPreferencesWindow *self,
                          const char          *response,
                          AdwMessageDialog    *dialog)
{
  CwHistoryKeeper *keeper;

  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  self->clear_dialog = NULL;
  if (g_strcmp0 (response, "clear") != 0 ||
      (keeper = get_clear_keeper (self)) == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_history_button), FALSE);
  cw_history_keeper_clear_async (keeper, self->cancellable, history_cleared_cb, self);
}

static void
clear_history_cb (CwPreferencesWindow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_assert (CW_IS_PREFERENCES_WINDOW (self));

  if (self->clear_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->clear_dialog));
      return;
    }

  label = dup_account_label (self);
  if (label != NULL)
    {
      /* Translators: %s is an organisation's name, as in "Acme — Staging" */
      heading = g_strdup_printf (_("Clear the Event History of “%s”?"), label);
      body = g_strdup_printf (_("Every event of “%s” stored on this computer is removed. "
                                "Events the server still lists are fetched again. Other "
                                "organisations’ history stays."), label);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   heading != NULL ? heading : _("Clear Event History?"),
                                   body != NULL ? body
                                   : _("Every event stored on this computer is removed. Events "
                                       "the server still lists are fetched again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("C_lear"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (clear_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  self->clear_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cw_preferences_window_dispose (GObject *object)
{
  CwPreferencesWindow *self = (CwPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->clear_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->clear_dialog)));
  g_clear_object (&self->application);
  g_clear_object (&self->session);
  g_clear_object (&self->session_keeper);
  g_clear_pointer (&self->pending_key, g_free);

  G_OBJECT_CLASS (cw_preferences_window_parent_class)->dispose (object);
}

static void
cw_preferences_window_class_init (CwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, base_url_message_label);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, count_spin);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, forget_row);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, key_group);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, key_message_label);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, new_key_row);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, reset_base_url_button);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, clear_history_button);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, history_days_row);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, history_days_spin);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, history_group);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, history_switch);
  gtk_widget_class_bind_template_callback (widget_class, clear_history_cb);
  gtk_widget_class_bind_template_callback (widget_class, base_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, base_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, forget_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, replace_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_base_url_cb);
}

static void
cw_preferences_window_init (CwPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  cw_accessible_label_internals (GTK_WIDGET (self), _("Preferences"));
}

CwPreferencesWindow *
cw_preferences_window_new (CwApplication *application,
                           CwSession     *session)
{
  CwPreferencesWindow *self;
  GSettings *settings;
  g_autofree char *base_url = NULL;
  const char *problem;

  g_return_val_if_fail (CW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!session || CW_IS_SESSION (session), NULL);

  self = g_object_new (CW_TYPE_PREFERENCES_WINDOW, NULL);
  self->application = g_object_ref (application);
  if (session != NULL)
    self->session = g_object_ref (session);

  settings = cw_application_get_settings (application);
  g_settings_bind (settings, "refresh-interval",
                   gtk_spin_button_get_adjustment (self->refresh_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "event-count",
                   gtk_spin_button_get_adjustment (self->count_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "history-enabled", self->history_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "history-days",
                   gtk_spin_button_get_adjustment (self->history_days_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->history_switch, "active", self->history_days_row, "sensitive",
                          G_BINDING_SYNC_CREATE);

  /* A saved value the app refused (too long, not https) is not put in the
   * entry: the one in use is, with why, until Apply or Reset replaces it. */
  problem = _cw_application_get_settings_problem (application);
  if (problem != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s The default is used until you apply another address or reset it."),
                         problem);

      gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), CONVERC_DEFAULT_BASE_URL);
      set_message (self->base_url_message_label, message, TRUE);
    }
  else
    {
      base_url = g_settings_get_string (settings, "base-url");
      gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), base_url);
      set_message (self->base_url_message_label, NULL, FALSE);
    }

  if (cw_application_get_demo (application))
    {
      adw_preferences_group_set_description (self->key_group,
                                             _("Demo mode uses the built-in server’s key. "
                                               "Nothing is read from or written to your keyring."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->new_key_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->forget_row), FALSE);
      adw_preferences_group_set_description (self->server_group,
                                             _("Demo mode: the built-in server runs on this "
                                               "computer for this run only."));
      gtk_editable_set_text (GTK_EDITABLE (self->base_url_row),
                             cw_application_get_base_url (application));
      gtk_widget_set_sensitive (GTK_WIDGET (self->base_url_row), FALSE);
      adw_preferences_group_set_description (self->history_group,
                                             _("Demo mode keeps its events in memory for "
                                               "this run only."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->clear_history_button), FALSE);
    }
  else
    {
      ConvercAccount *account = session != NULL ? cw_session_get_account (session) : NULL;
      g_autofree char *description = NULL;

      /* The key of the window's organisation, named. */
      if (account != NULL)
        {
          g_autofree char *shown = cw_account_short_label (converc_account_get_label (account));

          description =
            g_strdup_printf (_("The key of “%s” (%s) is kept in your keyring. A new key is "
                               "checked with Converc before it replaces the old one."),
                             shown, cw_session_get_base_url (session));
        }
      else
        description =
          g_strdup_printf (_("The key for %s is kept in your keyring. A new key is checked "
                             "with Converc before it replaces the old one."),
                           session != NULL ? cw_session_get_base_url (session)
                                           : cw_application_get_base_url (application));

      adw_preferences_group_set_description (self->key_group, description);
      gtk_widget_set_sensitive (GTK_WIDGET (self->new_key_row), session != NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->forget_row), session != NULL);

      if (cw_application_has_base_url_override (application))
        {
          g_autofree char *message =
            g_strdup_printf (_("This run uses %s (given with --base-url). The saved setting "
                               "applies to the next runs."),
                             cw_application_get_base_url (application));
          set_message (self->base_url_message_label, message, FALSE);
        }
    }

  return self;
}
