/* cw-window-accounts.c
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

/* The one concern of this file: the window's account — its badge and
 * title, switching this window (only) to another one, opening one in a
 * new window, and what the window shows when its account is removed. */

#define G_LOG_DOMAIN "cw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-window-private.h"

/* The account the window's session acts on, if it is one of the list */
static ConvercAccount *
cw_window_get_account (CwWindow *self)
{
  g_assert (CW_IS_WINDOW (self));

  return self->session != NULL ? cw_session_get_account (self->session) : NULL;
}

/* "Endpoints — Acme Production": the page, then the account acted on. */
static void
cw_window_update_title (CwWindow *self)
{
  ConvercAccount *account = NULL;
  AdwViewStackPage *page = NULL;
  GtkWidget *child;
  g_autofree char *title = NULL;

  g_assert (CW_IS_WINDOW (self));

  /* The demo's account is "Demo"; a removed one is no longer named. */
  if (self->session != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "removed") != 0)
    account = cw_session_get_account (self->session);

  child = adw_view_stack_get_visible_child (self->view_stack);
  if (child != NULL)
    page = adw_view_stack_get_page (self->view_stack, child);

  if (account != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") == 0 &&
      page != NULL)
    {
      g_autofree char *shown = cw_account_short_label (converc_account_get_label (account));

      /* Translators: the window title: a page ("Endpoints"), then the
       * organisation ("Acme Production"). */
      title = g_strdup_printf (_("%s — %s"), adw_view_stack_page_get_title (page), shown);
    }
  else if (account != NULL)
    title = cw_account_short_label (converc_account_get_label (account));

  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Converc Webhooks"));
}

/* The badge shows the account the window acts on ("Demo" for the demo,
 * none once it was removed). */
void
_cw_window_update_account (CwWindow *self)
{
  ConvercAccount *account = NULL;
  gboolean demo;

  g_assert (CW_IS_WINDOW (self));

  if (self->session != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "removed") != 0)
    account = cw_session_get_account (self->session);
  demo = account != NULL && converc_account_get_demo (account);

  cw_account_badge_set_account (self->account_badge, account);
  /* Its confirmations and Add Endpoint name the organisation. */
  cw_endpoints_page_set_account_label (self->endpoints_page,
                                       account != NULL && !demo
                                       ? converc_account_get_label (account)
                                       : NULL);
  cw_window_update_title (self);
}

/* Another account chosen in this window's switcher: this window switches,
 * clearing its pages before anything of the new account is loaded; the
 * other windows keep theirs. */
void
_cw_window_switch_to (CwWindow       *self,
                      ConvercAccount *account)
{
  CwApplication *app = _cw_window_get_app (self);
  g_autoptr(GError) error = NULL;
  CwSession *session;

  g_assert (CW_IS_WINDOW (self));
  g_assert (CONVERC_IS_ACCOUNT (account));

  if (app == NULL || cw_application_get_demo (app) || converc_account_get_demo (account))
    return;

  session = cw_application_get_session (app, account);
  if (session == self->session &&
      g_strcmp0 (cw_window_get_state (self), "removed") != 0)
    return;

  if (!cw_application_account_chosen (app, account, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("Could not switch to “%s”: %s"),
                         converc_account_get_label (account), error->message);

      cw_window_add_toast (self, message);
      return;
    }

  cw_window_set_session (self, session);
}

static void
account_badge_activated_cb (CwWindow       *self,
                            ConvercAccount *account,
                            CwAccountBadge *badge)
{
  g_assert (CW_IS_WINDOW (self));

  _cw_window_switch_to (self, account);
}

/* "Open in New Window" on an account's row of the switcher */
static void
account_badge_open_in_new_window_cb (CwWindow       *self,
                                     ConvercAccount *account,
                                     CwAccountBadge *badge)
{
  CwApplication *app = _cw_window_get_app (self);

  g_assert (CW_IS_WINDOW (self));

  if (app == NULL || cw_application_get_demo (app) || converc_account_get_demo (account))
    return;

  cw_application_open_window (app, cw_application_get_session (app, account));
}

/* win.switch-account('ID'): what choosing the account in the switcher
 * does (Manage Organisations uses it after adding one). */
static void
cw_window_switch_account_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  CwWindow *self = CW_WINDOW (widget);
  CwApplication *app = _cw_window_get_app (self);
  ConvercAccount *account;

  if (app == NULL || cw_application_get_accounts (app) == NULL)
    return;

  account = converc_account_store_lookup_id (cw_application_get_accounts (app),
                                             g_variant_get_string (param, NULL));
  if (account == NULL)
    {
      g_debug ("No account %s to switch to", g_variant_get_string (param, NULL));
      return;
    }

  _cw_window_switch_to (self, account);
}

static void
removed_switch_cb (CwWindow  *self,
                   GtkButton *button)
{
  g_assert (CW_IS_WINDOW (self));

  if (self->removed_other != NULL)
    _cw_window_switch_to (self, self->removed_other);
}

/* The window's account left the list (Manage Organisations, or `converc
 * accounts remove` in a terminal): nothing of it stays on screen, and
 * nothing more is asked of its server. */
static void
cw_window_show_removed (CwWindow *self)
{
  CwApplication *app = _cw_window_get_app (self);
  ConvercAccountStore *accounts;
  ConvercAccount *account = cw_window_get_account (self);
  ConvercAccount *other;
  g_autofree char *shown = NULL;
  g_autofree char *title = NULL;
  g_autofree char *other_shown = NULL;
  g_autofree char *button = NULL;

  g_assert (CW_IS_WINDOW (self));
  g_assert (account != NULL);

  accounts = cw_application_get_accounts (app);
  self->account_was_saved = FALSE;
  _cw_window_drop_data (self);
  converc_client_set_api_key (cw_session_get_client (self->session), NULL);

  other = converc_account_store_get_default (accounts);
  if (other == NULL)
    {
      /* None left: the sign-in page, for a new account. */
      cw_window_set_session (self, cw_application_get_start_session (app));
      return;
    }

  g_set_object (&self->removed_other, other);
  shown = cw_account_short_label (converc_account_get_label (account));
  /* Translators: the removed organisation's name */
  title = g_strdup_printf (_("“%s” was removed from this computer"), shown);
  adw_status_page_set_title (self->removed_page, title);
  other_shown = cw_account_short_label (converc_account_get_label (other));
  /* Translators: another organisation's name */
  button = g_strdup_printf (_("Switch to “%s”"), other_shown);
  gtk_button_set_label (self->removed_switch_button, button);

  _cw_window_set_state (self, "removed");
  _cw_window_update_account (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->removed_switch_button));
}

void
_cw_window_accounts_changed (CwWindow *self)
{
  CwApplication *app = _cw_window_get_app (self);
  ConvercAccount *account = cw_window_get_account (self);

  g_assert (CW_IS_WINDOW (self));

  if (app != NULL && account != NULL && !converc_account_get_demo (account))
    {
      ConvercAccount *listed =
        converc_account_store_lookup_id (cw_application_get_accounts (app),
                                         converc_account_get_id (account));

      if (listed == account)
        self->account_was_saved = TRUE;
      else if (self->account_was_saved &&
               g_strcmp0 (cw_window_get_state (self), "removed") != 0)
        {
          cw_window_show_removed (self);
          return;
        }
    }

  /* A renamed account: the title and the confirmations follow (the badge
   * follows by itself). */
  _cw_window_update_account (self);
}

/* The demo started, or the "base-url" setting changed: a window on the
 * demo, or on no saved account, loads its session again (choosing anew);
 * a window on a saved account keeps it. */
void
_cw_window_app_session_changed (CwWindow *self)
{
  CwApplication *app = _cw_window_get_app (self);

  g_assert (CW_IS_WINDOW (self));

  if (app == NULL)
    return;

  if (cw_application_get_demo (app))
    cw_window_load_session (self);
  else if (self->session != NULL && !self->account_was_saved &&
           g_strcmp0 (cw_window_get_state (self), "removed") != 0)
    cw_window_set_session (self, NULL);
}

static gboolean
open_switcher_cb (gpointer user_data)
{
  CwWindow *self = user_data;

  g_assert (CW_IS_WINDOW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (cw_account_badge_get_button (self->account_badge))))
    gtk_menu_button_popup (cw_account_badge_get_button (self->account_badge));

  return G_SOURCE_REMOVE;
}

static void
cw_window_map_cb (CwWindow *self)
{
  g_assert (CW_IS_WINDOW (self));

  g_signal_handlers_disconnect_by_func (self, cw_window_map_cb, NULL);
  if (!self->open_switcher_on_map)
    return;

  self->open_switcher_on_map = FALSE;
  /* Once the header is laid out: a popover needs its button's place. */
  g_idle_add_full (G_PRIORITY_LOW, open_switcher_cb, g_object_ref (self), g_object_unref);
}

void
cw_window_open_switcher (CwWindow *self)
{
  g_return_if_fail (CW_IS_WINDOW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      open_switcher_cb (self);
      return;
    }

  if (!self->open_switcher_on_map)
    {
      self->open_switcher_on_map = TRUE;
      g_signal_connect (self, "map", G_CALLBACK (cw_window_map_cb), NULL);
    }
}

void
_cw_window_accounts_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, account_badge_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_badge_open_in_new_window_cb);
  gtk_widget_class_bind_template_callback (widget_class, removed_switch_cb);

  gtk_widget_class_install_action (widget_class, "win.switch-account", "s",
                                   cw_window_switch_account_action);
}
