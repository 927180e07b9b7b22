/* cw-window.c
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

/* The one concern of this file: the main window — its state (loading, sign-in, pages), the
 * header, the pages it holds and the window actions. */

#define G_LOG_DOMAIN "cw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-window-private.h"

#include "cw-accessible.h"
#include "cw-error-text.h"
#include "cw-toast.h"

/* The longest a new window waits for its first list before it is shown */
#define PRESENT_DELAY_MS 250

G_DEFINE_FINAL_TYPE (CwWindow, cw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void present_list_changed_cb (CwWindow   *self,
                                     guint       position,
                                     guint       removed,
                                     guint       added,
                                     GListModel *model);
static void present_rows_changed_cb (CwWindow   *self,
                                     guint       position,
                                     guint       removed,
                                     guint       added,
                                     GListModel *rows);
static void await_events_rows       (CwWindow   *self);

CwApplication *
_cw_window_get_app (CwWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CW_IS_APPLICATION (app) ? CW_APPLICATION (app) : NULL;
}

static void cw_window_ensure_events_page (CwWindow *self);

void
_cw_window_set_state (CwWindow   *self,
                      const char *state)
{
  gboolean main_page;

  g_assert (CW_IS_WINDOW (self));

  main_page = g_strcmp0 (state, "main") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->removed_page), g_strcmp0 (state, "removed") == 0);
  gtk_stack_set_visible_child_name (self->main_stack, state);
  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (state, "loading") == 0);

  /* The header shows only what the visible page can do. */
  gtk_widget_set_visible (self->add_button,
                          main_page &&
                          g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                                     "endpoints") == 0);
  gtk_widget_set_visible (self->refresh_button, main_page);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, main_page);
  /* The pages are not there to switch to on the sign-in page. */
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), main_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-endpoint", main_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", main_page);
  _cw_window_update_account (self);
}

/* @feed keeps every event of the account in its journal: opened off the
 * main thread, in memory for the demo. */
static void
cw_window_open_journal (CwWindow    *self,
                        CwEventFeed *feed)
{
  const char *scope;

  g_assert (CW_IS_WINDOW (self));
  g_assert (CW_IS_EVENT_FEED (feed));

  if (self->session == NULL)
    return;

  scope = cw_session_get_demo (self->session) ? ""
                                              : cw_session_get_journal_scope (self->session);
  if (scope == NULL || g_strcmp0 (scope, self->journal_scope) == 0)
    return;

  g_free (self->journal_scope);
  self->journal_scope = g_strdup (scope);
  /* With Preferences → History off, nothing is written to disk. */
  cw_event_feed_set_history_keeper (feed,
                                    _cw_window_get_app (self) != NULL
                                    ? cw_application_get_history_keeper (_cw_window_get_app (self))
                                    : NULL);
  cw_event_feed_open_journal (feed, scope[0] != '\0' ? scope : NULL);
}

static void
cw_window_sync_journal (CwWindow *self)
{
  g_assert (CW_IS_WINDOW (self));

  if (self->events_page != NULL)
    cw_window_open_journal (self, cw_events_page_get_feed (self->events_page));
}

static void
cw_window_update_pages (CwWindow *self)
{
  CwSession *session = self->session;
  ConvercClient *client;
  gboolean demo;

  g_assert (CW_IS_WINDOW (self));

  if (session == NULL)
    return;

  demo = cw_session_get_demo (session);
  client = cw_session_get_client (session);

  cw_endpoints_page_set_client (self->endpoints_page, client);
  cw_endpoints_page_set_secret_store (self->endpoints_page,
                                      cw_session_get_secret_store (session));
  cw_endpoints_page_set_demo (self->endpoints_page, demo);
  cw_window_sync_journal (self);
  if (self->events_page != NULL)
    cw_event_feed_set_client (cw_events_page_get_feed (self->events_page), client);

  cw_sign_in_page_set_base_url (self->sign_in_page, cw_session_get_base_url (session));
  cw_sign_in_page_set_secret_store (self->sign_in_page, cw_session_get_secret_store (session));
  cw_sign_in_page_set_secret_scope (self->sign_in_page, cw_session_get_secret_scope (session));
  cw_endpoints_page_set_secret_scope (self->endpoints_page,
                                      cw_session_get_secret_scope (session));

  /* The demo is an account of its own in the badge. */
  gtk_widget_set_visible (GTK_WIDGET (self->demo_badge), FALSE);
  _cw_window_update_account (self);
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        demo ? _("Demo — nothing is saved") : NULL);
}

/**
 * _cw_window_take_session:
 *
 * Makes @session (nullable) the one the window acts on and points its
 * pages at it. Callers drop the old session's data first.
 */
void
_cw_window_take_session (CwWindow  *self,
                         CwSession *session)
{
  CwApplication *app = _cw_window_get_app (self);
  ConvercAccount *account;

  g_assert (CW_IS_WINDOW (self));

  if (g_set_object (&self->session, session))
    {
      g_signal_group_set_target (self->session_signals, session);
      g_clear_object (&self->removed_other);
      account = session != NULL ? cw_session_get_account (session) : NULL;
      self->account_was_saved =
        account != NULL && app != NULL &&
        converc_account_store_lookup_id (cw_application_get_accounts (app),
                                         converc_account_get_id (account)) == account;
      /* The demo switches nowhere: its switcher lists no account. */
      if (app != NULL)
        cw_account_badge_set_accounts (self->account_badge,
                                       session != NULL && cw_session_get_demo (session)
                                       ? NULL
                                       : G_LIST_MODEL (cw_application_get_accounts (app)));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
    }

  cw_window_update_pages (self);
}

void
_cw_window_drop_data (CwWindow *self)
{
  g_assert (CW_IS_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  cw_endpoints_page_clear (self->endpoints_page);
  if (self->events_page != NULL)
    cw_event_feed_clear (cw_events_page_get_feed (self->events_page));
}

static void
cw_window_show_main (CwWindow *self)
{
  g_assert (CW_IS_WINDOW (self));

  _cw_window_set_state (self, "main");
  cw_endpoints_page_refresh (self->endpoints_page);
  /* The client may be the same object with a new key: load again. */
  if (self->events_page != NULL)
    cw_event_feed_refresh (cw_events_page_get_feed (self->events_page));
  gtk_widget_grab_focus (GTK_WIDGET (self->endpoints_page));
}

static void
cw_window_lookup_key_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CwWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwSession) session = NULL;
  g_autofree char *api_key = NULL;
  ConvercAccount *account;

  api_key = cw_application_lookup_api_key_finish (CW_APPLICATION (object), result, &session,
                                                  &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_WINDOW (self));

  /* The lookup picked the session: its items are where the pages look. */
  _cw_window_take_session (self, session);

  if (api_key != NULL && *api_key != '\0')
    {
      converc_client_set_api_key (cw_session_get_client (session), api_key);
      cw_window_show_main (self);
      return;
    }

  account = cw_session_get_account (session);
  if (error != NULL)
    {
      g_autofree char *text = cw_error_describe (error, -1);
      g_autofree char *message =
        g_strdup_printf (_("%s An API key you enter now is kept for this run only."), text);

      cw_sign_in_page_set_notice (self->sign_in_page, message);
      cw_sign_in_page_set_returning (self->sign_in_page, NULL);
    }
  else if (self->account_was_saved && account != NULL)
    {
      /* Listed in the settings, but its key is gone from the keyring: the
       * same account signs in again, label and server kept. */
      g_autofree char *shown = cw_account_short_label (converc_account_get_label (account));
      g_autofree char *message =
        g_strdup_printf (_("The API key of “%s” is no longer in the keyring. Enter it again "
                           "to continue."), shown);

      cw_sign_in_page_set_notice (self->sign_in_page, message);
      cw_sign_in_page_set_returning (self->sign_in_page, shown);
    }
  else
    {
      cw_sign_in_page_set_notice (self->sign_in_page, NULL);
      cw_sign_in_page_set_returning (self->sign_in_page, NULL);
    }

  _cw_window_set_state (self, "sign-in");
  gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_page));
}

static void
sign_in_page_signed_in_cb (CwWindow     *self,
                           const char   *api_key,
                           const char   *store_error,
                           CwSignInPage *page)
{
  CwApplication *app;
  g_autoptr(CwSession) session = NULL;

  g_assert (CW_IS_WINDOW (self));

  app = _cw_window_get_app (self);
  if (app == NULL || self->session == NULL)
    return;

  session = g_object_ref (self->session);
  converc_client_set_api_key (cw_session_get_client (session), api_key);
  if (store_error == NULL)
    {
      cw_application_account_signed_in (app, session);
      self->account_was_saved = TRUE;
    }
  /* Every window of the account shows its endpoints now. */
  cw_session_changed (session);

  if (store_error != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Signed in for this run only: the key could not be saved. %s"),
                         store_error);
      cw_window_add_toast (self, message);
    }
  else
    cw_window_add_toast (self, _("Signed in. The API key is saved in the keyring."));
}

/* A narrow window gets a compact badge. Decided by the window's width,
 * not by what the header has room for: the header gives its end children
 * their minimum width, which a full badge would raise past a narrow
 * window's, so the window could never become narrow. */
#define COMPACT_BADGE_WIDTH 600

static void
cw_window_width_cb (CwWindow   *self,
                    GParamSpec *pspec,
                    gpointer    unused)
{
  int width, height;
  gboolean compact;

  g_assert (CW_IS_WINDOW (self));

  /* GTK 4.8 writes both. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  compact = width > 0 && width < COMPACT_BADGE_WIDTH;
  cw_account_badge_set_compact (self->account_badge, compact);
  /* Narrow, the header's title would be the app's name (it shows in
   * place of the view switcher): the room goes to the organisation. */
  adw_view_switcher_title_set_title (self->switcher_title,
                                     compact ? "" : _("Converc Webhooks"));
}

static void
cw_window_add_endpoint_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  CwWindow *self = CW_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "endpoints");
  cw_endpoints_page_add_endpoint (self->endpoints_page);
}

/* Alt+1, Alt+2: "endpoints" or "events". */
static void
cw_window_show_page_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CwWindow *self = CW_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;

  if (g_str_equal (name, "endpoints") || g_str_equal (name, "events"))
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* Ctrl+F from any page: the event search. */
static void
cw_window_find_event_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  CwWindow *self = CW_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "events");
  cw_window_ensure_events_page (self);
  cw_events_page_focus_search (self->events_page);
}

/* Export Shown Events… in the primary menu: there while the Events page
 * is shown, enabled while it shows events. */
static void
cw_window_update_export (CwWindow *self)
{
  gboolean enabled;

  g_assert (CW_IS_WINDOW (self));

  enabled = self->events_page != NULL &&
            g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") == 0 &&
            g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "events") == 0 &&
            cw_events_page_get_can_export (self->events_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-events", enabled);
}

static void
cw_window_export_events_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  CwWindow *self = CW_WINDOW (widget);

  if (self->events_page != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->events_page), "events.export", NULL);
}

static void
cw_window_refresh_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  CwWindow *self = CW_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;

  if (self->events_page != NULL &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "events") == 0)
    cw_event_feed_refresh (cw_events_page_get_feed (self->events_page));
  else
    cw_endpoints_page_refresh (self->endpoints_page);
}

/* Builds the Events page: its list, detail pane and JSON view are not
 * needed before the tab is first shown, and the first frame comes sooner
 * without them. Its feed comes first: the journal opens on a worker
 * thread while the page is built. */
static void
cw_window_ensure_events_page (CwWindow *self)
{
  CwApplication *app = _cw_window_get_app (self);
  g_autoptr(CwEventFeed) feed = NULL;
  GSettings *settings;

  g_assert (CW_IS_WINDOW (self));

  if (self->events_page != NULL)
    return;

  feed = cw_event_feed_new ();
  if (app != NULL && (settings = cw_application_get_settings (app)) != NULL)
    {
      g_settings_bind (settings, "event-count", feed, "event-count", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "refresh-interval", feed, "refresh-interval",
                       G_SETTINGS_BIND_GET);
    }
  cw_window_open_journal (self, feed);
  if (self->session != NULL)
    cw_event_feed_set_client (feed, cw_session_get_client (self->session));

  self->events_page = cw_events_page_new ();
  cw_events_page_set_feed (self->events_page, feed);

  g_signal_connect_object (self->events_page, "notify::can-export",
                           G_CALLBACK (cw_window_update_export), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->events_bin, GTK_WIDGET (self->events_page));
  await_events_rows (self);
  cw_accessible_fix_drop_downs (GTK_WIDGET (self->events_page));
  /* Built after the window was shown: its buttons are named here. */
  cw_accessible_fix_names (GTK_WIDGET (self->events_page));
}

static void
view_stack_page_cb (CwWindow     *self,
                    GParamSpec   *pspec,
                    AdwViewStack *stack)
{
  g_assert (CW_IS_WINDOW (self));

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (stack), "events") == 0)
    cw_window_ensure_events_page (self);

  _cw_window_set_state (self, gtk_stack_get_visible_child_name (self->main_stack));
  cw_window_update_export (self);
}

static void
cw_window_save_state (CwWindow *self)
{
  CwApplication *app = _cw_window_get_app (self);
  GSettings *settings;
  int width, height;

  g_assert (CW_IS_WINDOW (self));

  if (app == NULL || (settings = cw_application_get_settings (app)) == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static gboolean
cw_window_close_request (GtkWindow *window)
{
  CwWindow *self = CW_WINDOW (window);

  cw_window_save_state (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cw_window_parent_class)->close_request (window);
}

static void
cw_window_dispose (GObject *object)
{
  CwWindow *self = (CwWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->present_source, g_source_remove);
  g_clear_pointer (&self->journal_scope, g_free);
  g_clear_object (&self->removed_other);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cw_window_parent_class)->dispose (object);
}

static void
cw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CwWindow *self = CW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_window_class_init (CwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cw_window_dispose;
  object_class->get_property = cw_window_get_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CW_TYPE_SESSION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  window_class->close_request = cw_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwWindow, account_badge);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, demo_badge);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, endpoints_page);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, events_bin);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, removed_page);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, removed_switch_button);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_page_signed_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_stack_page_cb);

  gtk_widget_class_install_action (widget_class, "win.add-endpoint", NULL,
                                   cw_window_add_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL,
                                   cw_window_refresh_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s",
                                   cw_window_show_page_action);
  gtk_widget_class_install_action (widget_class, "win.find-event", NULL,
                                   cw_window_find_event_action);
  gtk_widget_class_install_action (widget_class, "win.export-events", NULL,
                                   cw_window_export_events_action);
  _cw_window_accounts_class_init (widget_class);

  g_type_ensure (CW_TYPE_ACCOUNT_BADGE);
  g_type_ensure (CW_TYPE_ENDPOINTS_PAGE);
  g_type_ensure (CW_TYPE_SIGN_IN_PAGE);
}

static void
cw_window_init (CwWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->session_signals = g_signal_group_new (CW_TYPE_SESSION);
  /* The key was replaced or forgotten (in this window's Preferences or
   * another window of the account): load it again. */
  g_signal_group_connect_object (self->session_signals, "changed",
                                 G_CALLBACK (cw_window_load_session), self,
                                 G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::default-width", G_CALLBACK (cw_window_width_cb), NULL);
  cw_accessible_fix_drop_downs (GTK_WIDGET (self));

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  _cw_window_set_state (self, "loading");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-events", FALSE);
}

CwWindow *
cw_window_new (CwApplication *application)
{
  return cw_window_new_for_session (application, NULL);
}

CwWindow *
cw_window_new_for_session (CwApplication *application,
                           CwSession     *session)
{
  CwWindow *self;
  GSettings *settings;

  g_return_val_if_fail (CW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!session || CW_IS_SESSION (session), NULL);

  self = g_object_new (CW_TYPE_WINDOW,
                       "application", application,
                       NULL);
  g_signal_connect_object (application, "session-changed",
                           G_CALLBACK (_cw_window_app_session_changed), self,
                           G_CONNECT_SWAPPED);
  if (cw_application_get_accounts (application) != NULL)
    {
      cw_account_badge_set_accounts (self->account_badge,
                                     G_LIST_MODEL (cw_application_get_accounts (application)));
      /* A renamed account: the title and the confirmations follow (the
       * badge follows by itself); a removed one: the window says so. */
      g_signal_connect_object (cw_application_get_accounts (application), "changed",
                               G_CALLBACK (_cw_window_accounts_changed), self,
                               G_CONNECT_SWAPPED);
    }
  if (session != NULL)
    _cw_window_take_session (self, session);

  /* GtkApplication has loaded gtk/help-overlay.ui by now. */
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)) != NULL)
    cw_accessible_label_internals (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self))),
                                   _("Keyboard Shortcuts"));

  settings = cw_application_get_settings (application);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  return self;
}

static gboolean
showing_events (CwWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "events") == 0;
}

static gboolean
present_timeout_cb (gpointer user_data)
{
  CwWindow *self = user_data;

  g_assert (CW_IS_WINDOW (self));

  self->present_source = 0;
  g_signal_handlers_disconnect_by_func (cw_endpoints_page_get_model (self->endpoints_page),
                                        present_list_changed_cb, self);
  if (self->events_page != NULL)
    g_signal_handlers_disconnect_by_func (cw_events_page_get_rows (self->events_page),
                                          present_rows_changed_cb, self);
  gtk_window_present (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
present_list_changed_cb (CwWindow   *self,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GListModel *model)
{
  g_assert (CW_IS_WINDOW (self));

  if (showing_events (self))
    return;   /* the events' rows are awaited */

  g_clear_handle_id (&self->present_source, g_source_remove);
  present_timeout_cb (self);
}

/* The Events page's first rows (the stored events, read from the journal
 * on a worker): a window opened on that page shows them in its first
 * frame. */
static void
present_rows_changed_cb (CwWindow   *self,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GListModel *rows)
{
  g_assert (CW_IS_WINDOW (self));

  if (!showing_events (self) || g_list_model_get_n_items (rows) == 0)
    return;

  g_clear_handle_id (&self->present_source, g_source_remove);
  present_timeout_cb (self);
}

static void
await_events_rows (CwWindow *self)
{
  g_assert (CW_IS_WINDOW (self));

  if (self->present_source == 0 || self->events_page == NULL)
    return;

  g_signal_connect_object (cw_events_page_get_rows (self->events_page), "items-changed",
                           G_CALLBACK (present_rows_changed_cb), self, G_CONNECT_SWAPPED);
  /* Rows in already: no need to wait */
  present_rows_changed_cb (self, 0, 0, 0, cw_events_page_get_rows (self->events_page));
}

/**
 * cw_window_present_when_ready:
 *
 * Presents the window once the endpoint list it is loading is in (or,
 * on the Events page, its first rows), or after PRESENT_DELAY_MS at most,
 * so that its first frame shows the list instead of a spinner followed by
 * the list one frame later (drawing that first frame keeps the main loop
 * from reading the answer). A window on another page, or already shown,
 * is presented at once; one waiting already goes on waiting.
 */
void
cw_window_present_when_ready (CwWindow *self)
{
  g_return_if_fail (CW_IS_WINDOW (self));

  if (self->present_source != 0)
    return;

  if (gtk_widget_get_visible (GTK_WIDGET (self)) ||
      g_strcmp0 (cw_window_get_state (self), "main") != 0)
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  g_signal_connect_object (cw_endpoints_page_get_model (self->endpoints_page), "items-changed",
                           G_CALLBACK (present_list_changed_cb), self, G_CONNECT_SWAPPED);
  self->present_source = g_timeout_add (PRESENT_DELAY_MS, present_timeout_cb, self);
  g_source_set_name_by_id (self->present_source, "[cw] present when the list is in");
  await_events_rows (self);
}

/**
 * cw_window_load_session:
 *
 * Looks up the API key of the window's session (the start session when it
 * has none yet) and shows either the endpoints or the sign-in page.
 * Called at start, after "Try the Demo", after a switch and after the key
 * was replaced or forgotten.
 */
void
cw_window_load_session (CwWindow *self)
{
  CwApplication *app;

  g_return_if_fail (CW_IS_WINDOW (self));

  app = _cw_window_get_app (self);
  if (app == NULL)
    return;

  /* Drop what an earlier lookup was doing. */
  _cw_window_drop_data (self);

  /* The whole application runs the demo: so does every window. */
  if (cw_application_get_demo (app) &&
      (self->session == NULL || !cw_session_get_demo (self->session)))
    _cw_window_take_session (self, cw_application_get_start_session (app));
  else
    cw_window_update_pages (self);

  if (self->session != NULL &&
      (cw_session_get_demo (self->session) ||
       converc_client_has_api_key (cw_session_get_client (self->session))))
    {
      cw_window_show_main (self);
      return;
    }

  _cw_window_set_state (self, "loading");
  cw_application_lookup_api_key_async (app,
                                       self->session,
                                       self->cancellable,
                                       cw_window_lookup_key_cb,
                                       self);
}

CwSession *
cw_window_get_session (CwWindow *self)
{
  g_return_val_if_fail (CW_IS_WINDOW (self), NULL);

  return self->session;
}

void
cw_window_set_session (CwWindow  *self,
                       CwSession *session)
{
  g_return_if_fail (CW_IS_WINDOW (self));
  g_return_if_fail (!session || CW_IS_SESSION (session));

  /* Nothing of the old account stays, not even for a frame. */
  _cw_window_drop_data (self);
  _cw_window_take_session (self, session);
  cw_window_load_session (self);
}

void
cw_window_add_toast (CwWindow   *self,
                     const char *title)
{
  AdwToast *toast;

  g_return_if_fail (CW_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  toast = cw_toast_new (title);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * cw_window_get_state:
 *
 * Returns: "loading", "sign-in", "main" or "removed"
 */
const char *
cw_window_get_state (CwWindow *self)
{
  g_return_val_if_fail (CW_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
cw_window_show_event (CwWindow   *self,
                      const char *event_id)
{
  g_return_if_fail (CW_IS_WINDOW (self));
  g_return_if_fail (event_id != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, "events");
  cw_window_ensure_events_page (self);
  if (!cw_events_page_select_id (self->events_page, event_id))
    cw_events_page_set_search_text (self->events_page, event_id);
}

void
cw_window_search_events (CwWindow   *self,
                         const char *text)
{
  g_return_if_fail (CW_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, "events");
  cw_window_ensure_events_page (self);
  cw_events_page_set_search_text (self->events_page, text);
}
