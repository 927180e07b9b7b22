/* cw-window-private.h
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

/* The one concern of this file: the main window's struct and the helpers
 * its account code (cw-window-accounts.c) shares with cw-window.c. */

#pragma once

#include "cw-account-badge.h"
#include "cw-application.h"
#include "cw-endpoints-page.h"
#include "cw-events-page.h"
#include "cw-session.h"
#include "cw-sign-in-page.h"
#include "cw-window.h"

G_BEGIN_DECLS

struct _CwWindow
{
  AdwApplicationWindow  parent_instance;

  GCancellable         *cancellable;

  /* What the window acts on (NULL until its first key lookup picks the
   * start session) */
  CwSession            *session;
  GSignalGroup         *session_signals;

  /* Template widgets */
  CwAccountBadge       *account_badge;
  GtkWidget            *add_button;
  GtkLabel             *demo_badge;
  CwEndpointsPage      *endpoints_page;
  /* Built when the Events tab is first shown, in @events_bin */
  CwEventsPage         *events_page;
  AdwBin               *events_bin;
  GtkSpinner           *loading_spinner;
  GtkStack             *main_stack;
  GtkWidget            *refresh_button;
  AdwStatusPage        *removed_page;
  GtkButton            *removed_switch_button;
  CwSignInPage         *sign_in_page;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *switcher_bar;

  guint                 present_source;

  /* The scope whose journal the events page's feed has open ("" for the
   * demo's journal in memory, NULL: none yet) */
  char                 *journal_scope;
  /* The account to switch to from the "removed" page */
  ConvercAccount       *removed_other;

  /* The session's account was seen in the account list: if it leaves
   * the list, it was removed. */
  guint                 account_was_saved : 1;
  /* Ctrl+Shift+N: the switcher opens once the window is shown. */
  guint                 open_switcher_on_map : 1;
};

CwApplication *_cw_window_get_app            (CwWindow       *self);
/* Cancels the window's requests and empties its pages. */
void           _cw_window_drop_data          (CwWindow       *self);
void           _cw_window_set_state          (CwWindow       *self,
                                              const char     *state);
void           _cw_window_take_session       (CwWindow       *self,
                                              CwSession      *session);
void           _cw_window_update_account     (CwWindow       *self);
/* cw-window-accounts.c */
void           _cw_window_accounts_class_init (GtkWidgetClass *widget_class);
void           _cw_window_accounts_changed   (CwWindow       *self);
void           _cw_window_app_session_changed (CwWindow      *self);
void           _cw_window_switch_to          (CwWindow       *self,
                                              ConvercAccount *account);

G_END_DECLS
