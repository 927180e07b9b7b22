/* cw-add-account-dialog.h
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

G_BEGIN_DECLS

/* The one concern of this file: the Add Organisation dialog — a label, an
 * API key and (advanced) a base URL; the key is checked with the server
 * before anything is stored — and its Replace Key form for an existing
 * account. */

/* The longest organisation name the app accepts (characters). */
#define CW_ACCOUNT_LABEL_MAX 200

#define CW_TYPE_ADD_ACCOUNT_DIALOG (cw_add_account_dialog_get_type())

G_DECLARE_FINAL_TYPE (CwAddAccountDialog, cw_add_account_dialog, CW, ADD_ACCOUNT_DIALOG, AdwWindow)

/* Signals: "account-added" (ConvercAccount) once the key is in
 * @secret_store and the account in @accounts, then the dialog closes;
 * "key-replaced" (ConvercAccount, the new key) in the Replace Key form,
 * once the checked key replaced the stored one. @secret_store NULL: no
 * keyring; nothing is added (a key is never kept in plain text). */
CwAddAccountDialog *cw_add_account_dialog_new             (ConvercAccountStore *accounts,
                                                           ConvercSecretStore  *secret_store);
CwAddAccountDialog *cw_add_account_dialog_new_replace_key (ConvercAccountStore *accounts,
                                                           ConvercSecretStore  *secret_store,
                                                           ConvercAccount      *account);
/* The label (cleaned) checked as the dialog would check it: NULL with
 * @error when it is empty, too long or taken by another account than
 * @except. */
char               *cw_account_check_label                (ConvercAccountStore *accounts,
                                                           const char          *label,
                                                           ConvercAccount      *except,
                                                           GError             **error);

G_END_DECLS
