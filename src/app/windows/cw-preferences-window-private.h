/* cw-preferences-window-private.h
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

/* The one concern of this file: the Preferences window's insides, for its
 * tests. */

#pragma once

#include "cw-history-keeper.h"
#include "cw-preferences-window.h"

G_BEGIN_DECLS

struct _CwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CwApplication        *application;
  /* The session of the window Preferences was opened from: its key is the
   * one replaced or forgotten (NULL: none, the key group is off) */
  CwSession            *session;
  GCancellable         *cancellable;
  char                 *pending_key;

  /* Template widgets */
  GtkLabel             *base_url_message_label;
  AdwEntryRow          *base_url_row;
  GtkSpinButton        *count_spin;
  GtkButton            *forget_button;
  AdwActionRow         *forget_row;
  AdwPreferencesGroup  *key_group;
  GtkLabel             *key_message_label;
  AdwEntryRow          *new_key_row;
  GtkSpinButton        *refresh_spin;
  GtkButton            *reset_base_url_button;
  AdwPreferencesGroup  *server_group;
  GtkButton            *clear_history_button;
  AdwActionRow         *history_days_row;
  GtkSpinButton        *history_days_spin;
  AdwPreferencesGroup  *history_group;
  GtkSwitch            *history_switch;

  /* Clear History's confirmation while it is open */
  AdwMessageDialog     *clear_dialog;
  /* Clear History's keeper for @session's journal when it is not the
   * application's (the default account's) */
  CwHistoryKeeper      *session_keeper;
};

G_END_DECLS
