/* cw-session.h
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

/* The one concern of this file: what one account's window acts on — the
 * account (or the demo), its API client, its keyring scope and its
 * journal. */

#pragma once

#include <gio/gio.h>

#include "converc.h"

G_BEGIN_DECLS

#define CW_TYPE_SESSION (cw_session_get_type())

G_DECLARE_FINAL_TYPE (CwSession, cw_session, CW, SESSION, GObject)

/* @account (nullable: a --base-url server no account uses, whose keyring
 * items are kept by base URL); a demo account (converc_account_new_demo())
 * makes a demo session, whose secrets live in @store (a memory store) and
 * whose journal is in memory.
 *
 * Signal: "changed" — the API key was replaced or forgotten: the windows
 * of this session load it again. */
CwSession          *cw_session_new               (ConvercAccount     *account,
                                                  const char         *base_url,
                                                  ConvercSecretStore *store);
ConvercAccount     *cw_session_get_account       (CwSession          *self);
ConvercClient      *cw_session_get_client        (CwSession          *self);
ConvercSecretStore *cw_session_get_secret_store  (CwSession          *self);
const char         *cw_session_get_base_url      (CwSession          *self);
gboolean            cw_session_get_demo          (CwSession          *self);
/* The scope of its keyring items: "demo", the account id, else the base URL */
const char         *cw_session_get_secret_scope  (CwSession          *self);
/* The scope of its event journal, NULL for the demo (kept in memory) */
const char         *cw_session_get_journal_scope (CwSession          *self);
/* Its journal file, as `converc history` reads it; NULL for the demo */
char               *cw_session_dup_journal_path  (CwSession          *self);
/* The id windows save and switch by: the account id, "demo", or NULL for
 * a session without an account. */
const char         *cw_session_get_id            (CwSession          *self);
void                cw_session_changed           (CwSession          *self);

G_END_DECLS
