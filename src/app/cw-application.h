/* cw-application.h
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

#pragma once

#include <adwaita.h>

#include "converc.h"
#include "converc-emulator.h"
#include "cw-session.h"
#include "cw-types.h"

G_BEGIN_DECLS

#define CW_TYPE_APPLICATION (cw_application_get_type())

G_DECLARE_FINAL_TYPE (CwApplication, cw_application, CW, APPLICATION, AdwApplication)

CwApplication      *cw_application_new               (void);
GSettings          *cw_application_get_settings      (CwApplication  *self);
/* The keyring (a memory store in demo mode) */
ConvercSecretStore *cw_application_get_secret_store  (CwApplication  *self);
/* The server a new account signs in to: the "base-url" setting, this
 * run's --base-url, or the demo server */
const char         *cw_application_get_base_url      (CwApplication  *self);
/* The whole application runs the demo (--demo, or "Try the Demo") */
gboolean            cw_application_get_demo          (CwApplication  *self);
gboolean            cw_application_has_base_url_override (CwApplication *self);
gboolean            cw_application_start_demo        (CwApplication  *self,
                                                      GError        **error);
/* The demo started or the base URL setting changed
 * (CwApplication::session-changed): windows on the demo, or on no saved
 * account, load their session again. */
void                cw_application_session_changed   (CwApplication  *self);
/* The journal file of the default account (what GNOME Shell's search
 * searches), or NULL in demo mode. */
char               *cw_application_dup_journal_path  (CwApplication  *self);
/* Keeps that journal as Preferences → History says; NULL in demo mode. */
CwHistoryKeeper    *cw_application_get_history_keeper (CwApplication *self);

/* Accounts (cw-application-accounts.c). Each window acts on one account
 * through a CwSession; windows of the same account share it. */
ConvercAccountStore *cw_application_get_accounts     (CwApplication  *self);
/* The session of @account (one of cw_application_get_accounts(), or the
 * demo account), made on the first call. */
CwSession          *cw_application_get_session       (CwApplication  *self,
                                                      ConvercAccount *account);
/* The session a window starts on when none is named: the demo's, else
 * the account of the current base URL (the default account when it uses
 * that URL), else a new account for it that is saved once a key for it
 * is. Accounts saved before accounts existed are migrated first by
 * cw_application_lookup_api_key_async(): call this after. */
CwSession          *cw_application_get_start_session (CwApplication  *self);
/* Moves a key saved before accounts to the first account (once), picks
 * the start session when @session is NULL, then reads the session's API
 * key (NULL without error: none saved). */
void                cw_application_lookup_api_key_async  (CwApplication       *self,
                                                          CwSession           *session,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* @session: (out) (transfer full) (optional): the session looked up */
char               *cw_application_lookup_api_key_finish (CwApplication       *self,
                                                          GAsyncResult        *result,
                                                          CwSession          **session,
                                                          GError             **error);
/* A key for @session's account was saved: a new account is added to the
 * list, and it becomes the default. */
void                cw_application_account_signed_in (CwApplication  *self,
                                                      CwSession      *session);
/* A window switched to @account: it becomes the default (the command line
 * and Ctrl+Shift+N use it) and the server of the "base-url" setting. */
gboolean            cw_application_account_chosen    (CwApplication  *self,
                                                      ConvercAccount *account,
                                                      GError        **error);

/* Windows (cw-application-windows.c) */
/* A new window on @session (NULL: the start session), shown. */
CwWindow           *cw_application_open_window       (CwApplication  *self,
                                                      CwSession      *session);
/* The ids of the accounts of the open windows, as saved in the
 * "window-accounts" setting (demo windows are never saved). */
void                cw_application_save_windows      (CwApplication  *self);
/* Opens one window per account saved in "window-accounts" that still
 * exists (at most CW_MAX_RESTORED_WINDOWS), else one on the start
 * session. */
void                cw_application_restore_windows   (CwApplication  *self);

G_END_DECLS
