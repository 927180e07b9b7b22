/* cw-account-badge.h
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

/* The one concern of this file: the account badge in the header bar — the
 * organisation the window acts on, always in sight, and the switcher it
 * opens. */

#define CW_TYPE_ACCOUNT_BADGE (cw_account_badge_get_type())

G_DECLARE_FINAL_TYPE (CwAccountBadge, cw_account_badge, CW, ACCOUNT_BADGE, GtkWidget)

/* Properties: "account" (the account shown, nullable), "accounts" (a
 * GListModel of ConvercAccount listed in the switcher, nullable).
 * Signal: "account-activated" (ConvercAccount *) when one is chosen in the
 * switcher (also when it is the current one: the window ignores that);
 * "open-in-new-window" (ConvercAccount *) when its row's "Open in New
 * Window" button is clicked. */
GtkWidget      *cw_account_badge_new          (void);
ConvercAccount *cw_account_badge_get_account  (CwAccountBadge *self);
void            cw_account_badge_set_account  (CwAccountBadge *self,
                                               ConvercAccount *account);
GListModel     *cw_account_badge_get_accounts (CwAccountBadge *self);
void            cw_account_badge_set_accounts (CwAccountBadge *self,
                                               GListModel     *accounts);
/* The text the badge shows (the label as is, never markup) */
const char     *cw_account_badge_get_text     (CwAccountBadge *self);
/* A narrow window's badge: a shorter label, production by colour only. */
void            cw_account_badge_set_compact  (CwAccountBadge *self,
                                               gboolean        compact);
/* @label as confirmations and titles name the organisation: at most 64
 * characters, "…" after a longer one. */
char           *cw_account_short_label        (const char     *label);
/* The switcher's parts, for tests and for the window. */
GtkMenuButton  *cw_account_badge_get_button   (CwAccountBadge *self);
GtkListBox     *cw_account_badge_get_list     (CwAccountBadge *self);
/* The row of @account in the switcher is checked (the current one). */
gboolean        cw_account_badge_is_checked   (CwAccountBadge *self,
                                               guint           position);
/* Chooses the account at @position, as a click on its row does. */
void            cw_account_badge_activate     (CwAccountBadge *self,
                                               guint           position);
/* Clicks the "Open in New Window" button of the account at @position. */
void            cw_account_badge_open_in_new_window (CwAccountBadge *self,
                                                     guint           position);

G_END_DECLS
