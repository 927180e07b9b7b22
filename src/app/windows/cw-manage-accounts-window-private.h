/* cw-manage-accounts-window-private.h
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

#include "cw-add-account-dialog.h"
#include "cw-manage-accounts-window.h"

G_BEGIN_DECLS

/* The one concern of this file: what the widget tests reach inside the
 * Manage Organisations window. */

/* The row of the account at @position (an AdwExpanderRow). Its controls
 * are in its object data: "cw-name-row" (AdwEntryRow), "cw-production"
 * (GtkSwitch), "cw-replace-key" and "cw-remove" (GtkButton), and
 * "cw-color-<name>" (GtkToggleButton) for each palette colour. */
GtkWidget          *_cw_manage_accounts_window_get_row        (CwManageAccountsWindow *self,
                                                               guint                   position);
/* The confirmation on screen, or NULL. */
AdwMessageDialog   *_cw_manage_accounts_window_get_dialog     (CwManageAccountsWindow *self);
/* The Replace Key dialog on screen, or NULL. */
CwAddAccountDialog *_cw_manage_accounts_window_get_key_dialog (CwManageAccountsWindow *self);
/* Whether a removal is under way. */
gboolean            _cw_manage_accounts_window_is_busy        (CwManageAccountsWindow *self);

G_END_DECLS
