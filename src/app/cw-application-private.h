/* cw-application-private.h
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

#include "cw-application.h"
#include "cw-history-keeper.h"
#include "cw-search-provider.h"
#include "cw-session.h"

G_BEGIN_DECLS

struct _CwApplication
{
  AdwApplication         parent_instance;

  GSettings             *settings;
  ConvercSecretStore    *secret_store;
  /* The server a new account signs in to: the "base-url" setting, the
   * --base-url of this run, or the demo's */
  char                  *base_url;
  /* The demo's emulator, in a thread of its own */
  ConvercEmulatorThread *demo_server;
  char                  *base_url_override;
  /* Why the saved base URL was not used, or NULL */
  char                  *settings_problem;
  /* Accounts (cw-application-accounts.c) */
  ConvercAccountStore   *accounts;
  /* What each window acts on (cw-application-accounts.c): one CwSession
   * per account id (or per base URL for a server no account uses) */
  GHashTable            *sessions;
  /* The session of a new account for the current base URL, not saved
   * until a key for it is */
  CwSession             *unsaved_session;
  CwSession             *demo_session;
  /* org.gnome.Shell.SearchProvider2 on the app's D-Bus connection */
  CwSearchProvider      *search_provider;
  /* Prunes the journal as Preferences → History says (NULL in demo mode) */
  CwHistoryKeeper       *history_keeper;

  guint                  demo : 1;
  guint                  demo_requested : 1;
  guint                  startup_failed : 1;
  guint                  accounts_migrated : 1;
  /* Quitting: the windows that close now are the ones to restore */
  guint                  quitting : 1;
};

/* The longest API base URL the app accepts from its settings. */
#define CW_BASE_URL_MAX 2048

void     _cw_application_actions_init       (CwApplication *self);
char    *_cw_application_read_base_url      (GSettings     *settings,
                                             char         **problem);
const char *_cw_application_get_settings_problem (CwApplication *self);
gboolean _cw_application_get_startup_failed (CwApplication *self);
void     _cw_application_accounts_init      (CwApplication *self);
void     _cw_application_windows_init       (CwApplication *self);
/* At most this many windows are opened again at start. */
#define CW_MAX_RESTORED_WINDOWS 8

G_END_DECLS
