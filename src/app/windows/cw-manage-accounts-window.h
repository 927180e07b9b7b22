/* cw-manage-accounts-window.h
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

/* The one concern of this file: the Manage Organisations window — every
 * account, to rename, recolour, mark as production, give a new key, or
 * remove from this computer. */

#define CW_TYPE_MANAGE_ACCOUNTS_WINDOW (cw_manage_accounts_window_get_type())

G_DECLARE_FINAL_TYPE (CwManageAccountsWindow, cw_manage_accounts_window, CW, MANAGE_ACCOUNTS_WINDOW, AdwWindow)

/* Signals: "account-removed" (ConvercAccount) once the account, its key
 * and history (and, if confirmed, its signing secrets) are gone;
 * "key-replaced" (ConvercAccount, the new key) once a checked key replaced
 * the stored one. @secret_store NULL: nothing in the keyring can change. */
CwManageAccountsWindow *cw_manage_accounts_window_new (ConvercAccountStore *accounts,
                                                       ConvercSecretStore  *secret_store);

G_END_DECLS
