/* cw-account-actions.c
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

/* The one concern of this file: app.add-account and app.manage-accounts —
 * the dialogs opened over the active window, and that window switching to
 * an added account, or away from a removed one. */

#define G_LOG_DOMAIN "cw-account-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-account-actions.h"

#include "cw-add-account-dialog.h"
#include "cw-manage-accounts-window.h"
#include "cw-session.h"
#include "cw-window.h"

/* The window the dialogs are for: the active one, if it is a main window. */
static GtkWindow *
active_main_window (CwApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* A Manage Organisations window is active when it opens Add
   * Organisation: the main window is the one it belongs to. */
  while (window != NULL && !CW_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);

  return window;
}

static void
switch_window_to (GtkWindow      *window,
                  ConvercAccount *account)
{
  if (window != NULL && account != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-account", "s",
                                converc_account_get_id (account));
}

static void
account_added_cb (CwAddAccountDialog *dialog,
                  ConvercAccount     *account,
                  GtkWindow          *window)
{
  g_autofree char *message = NULL;

  g_assert (CW_IS_WINDOW (window));

  switch_window_to (window, account);
  /* Translators: %s is an organisation's name */
  message = g_strdup_printf (_("Added “%s”. Its API key is saved in the keyring."),
                             converc_account_get_label (account));
  cw_window_add_toast (CW_WINDOW (window), message);
}

static void
add_account (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CwApplication *app = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWindow *window = active_main_window (app);
  CwAddAccountDialog *dialog;

  g_assert (CW_IS_APPLICATION (app));

  if (cw_application_get_accounts (app) == NULL)
    return;

  dialog = cw_add_account_dialog_new (cw_application_get_accounts (app),
                                      cw_application_get_demo (app)
                                        ? NULL : cw_application_get_secret_store (app));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (app));
  if (window != NULL)
    g_signal_connect_object (dialog, "account-added", G_CALLBACK (account_added_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The active window's account was removed there: it moves to the default
 * account. With none left it shows the sign-in page by itself, and other
 * windows on the account say that it was removed (cw-window-accounts.c). */
static void
account_removed_cb (CwManageAccountsWindow *manage,
                    ConvercAccount         *account,
                    CwApplication          *app)
{
  GtkWindow *window = active_main_window (app);
  ConvercAccount *current;
  ConvercAccount *next;

  g_assert (CW_IS_APPLICATION (app));

  if (window == NULL)
    return;

  current = cw_session_get_account (cw_window_get_session (CW_WINDOW (window)));
  if (current == NULL ||
      g_strcmp0 (converc_account_get_id (current), converc_account_get_id (account)) != 0)
    return;

  next = converc_account_store_get_default (cw_application_get_accounts (app));
  if (next != NULL)
    switch_window_to (window, next);
}

/* Every window of the account uses the new key from now on. */
static void
key_replaced_cb (CwManageAccountsWindow *manage,
                 ConvercAccount         *account,
                 const char             *api_key,
                 CwApplication          *app)
{
  CwSession *session;

  g_assert (CW_IS_APPLICATION (app));

  session = cw_application_get_session (app, account);
  if (session != NULL)
    converc_client_set_api_key (cw_session_get_client (session), api_key);
}

static void
manage_accounts (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  CwApplication *app = user_data;
  CwManageAccountsWindow *manage;

  g_assert (CW_IS_APPLICATION (app));

  if (cw_application_get_accounts (app) == NULL)
    return;

  manage = cw_manage_accounts_window_new (cw_application_get_accounts (app),
                                          cw_application_get_demo (app)
                                            ? NULL : cw_application_get_secret_store (app));
  gtk_window_set_transient_for (GTK_WINDOW (manage), active_main_window (app));
  /* Its Add Organisation… button is app.add-account. */
  gtk_window_set_application (GTK_WINDOW (manage), GTK_APPLICATION (app));
  g_signal_connect_object (manage, "account-removed", G_CALLBACK (account_removed_cb), app, 0);
  g_signal_connect_object (manage, "key-replaced", G_CALLBACK (key_replaced_cb), app, 0);
  gtk_window_present (GTK_WINDOW (manage));
}

void
cw_account_actions_init (CwApplication *app)
{
  static const GActionEntry entries[] = {
    { "add-account", add_account },
    { "manage-accounts", manage_accounts },
  };

  g_return_if_fail (CW_IS_APPLICATION (app));

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
}
