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
#include "cw-types.h"

G_BEGIN_DECLS

#define CW_TYPE_APPLICATION (cw_application_get_type())

G_DECLARE_FINAL_TYPE (CwApplication, cw_application, CW, APPLICATION, AdwApplication)

CwApplication      *cw_application_new               (void);
GSettings          *cw_application_get_settings      (CwApplication  *self);
ConvercClient      *cw_application_get_client        (CwApplication  *self);
ConvercSecretStore *cw_application_get_secret_store  (CwApplication  *self);
const char         *cw_application_get_base_url      (CwApplication  *self);
gboolean            cw_application_get_demo          (CwApplication  *self);
gboolean            cw_application_has_base_url_override (CwApplication *self);
gboolean            cw_application_start_demo        (CwApplication  *self,
                                                      GError        **error);
void                cw_application_session_changed   (CwApplication  *self);
/* The journal file of the organisation of the current base URL (as
 * `converc history` reads it), or NULL in demo mode. */
char               *cw_application_dup_journal_path  (CwApplication  *self);
/* Keeps that journal as Preferences → History says; NULL in demo mode. */
CwHistoryKeeper    *cw_application_get_history_keeper (CwApplication *self);

/* Accounts (cw-application-accounts.c). The window still acts on one
 * account, the one for the current base URL: the default account when it
 * uses that URL, else another saved one that does, else a new account that
 * is saved once a key for it is. Switching accounts comes later. */
ConvercAccountStore *cw_application_get_accounts     (CwApplication  *self);
/* The account acted on (NULL before the first key lookup, in demo mode, or
 * for a --base-url no account uses). */
ConvercAccount     *cw_application_get_account       (CwApplication  *self);
/* The scope of keyring items: the account id, else the base URL. */
const char         *cw_application_get_secret_scope  (CwApplication  *self);
/* Moves a key saved before accounts to the first account (once), picks the
 * account, then reads its API key (NULL without error: none saved). */
void                cw_application_lookup_api_key_async  (CwApplication       *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
char               *cw_application_lookup_api_key_finish (CwApplication       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* A key for the account was saved: a new account is added to the list and
 * becomes the default. */
void                cw_application_account_signed_in (CwApplication  *self);
/* Makes @account (one of cw_application_get_accounts()) the one acted on
 * and the default: the client goes to its server without a key, and
 * every window follows (CwApplication::session-changed) — it drops the old
 * account's requests and data before it looks up the new account's key.
 * Not in demo mode. */
gboolean            cw_application_switch_account    (CwApplication  *self,
                                                      ConvercAccount *account,
                                                      GError        **error);

G_END_DECLS
