/* converc-account-store.h
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

#include <gio/gio.h>

#include "converc-account.h"

G_BEGIN_DECLS

/* The one concern of this file: the list of accounts, kept (non-secret) in
 * GSettings, with the default account. */

#define CONVERC_TYPE_ACCOUNT_STORE (converc_account_store_get_type())

G_DECLARE_FINAL_TYPE (ConvercAccountStore, converc_account_store, CONVERC, ACCOUNT_STORE, GObject)

/* The GSettings keys (in the application's schema). */
#define CONVERC_ACCOUNT_STORE_KEY_ACCOUNTS  "accounts"         /* aa{sv} */
#define CONVERC_ACCOUNT_STORE_KEY_DEFAULT   "default-account"  /* s: an id or "" */

/* A GListModel of ConvercAccount, in the order they were added.
 *
 * @settings (nullable) is the caller's: an object of a schema with the two
 * keys above (the app's com.converc.Webhooks; tests use the memory
 * backend). With NULL the list lives in memory only. Every change is saved
 * at once; a change made by another process (the CLI) is read back, the
 * objects of accounts that stay are kept (so windows keep theirs).
 *
 * Signals: "changed" after any change to the list, an account's properties
 * or the default account. Demo accounts are listed but never saved. */
ConvercAccountStore *converc_account_store_new            (GSettings            *settings);
GSettings           *converc_account_store_get_settings   (ConvercAccountStore  *self);
guint                converc_account_store_get_n_accounts (ConvercAccountStore  *self);
/* Adds an account with a new id. The label is cleaned
 * (converc_account_clean_label()) and must be non-empty and unique (case
 * does not count); the base URL must pass converc_validate_base_url().
 * The first account added becomes the default. Returns (transfer none). */
ConvercAccount      *converc_account_store_add            (ConvercAccountStore  *self,
                                                           const char           *label,
                                                           const char           *base_url,
                                                           GError              **error);
/* Adds @account as it is (its id must be new; same checks as _add()). */
gboolean             converc_account_store_insert         (ConvercAccountStore  *self,
                                                           ConvercAccount       *account,
                                                           GError              **error);
/* The demo account (created on the first call, never saved). */
ConvercAccount      *converc_account_store_add_demo       (ConvercAccountStore  *self,
                                                           const char           *base_url);
gboolean             converc_account_store_rename         (ConvercAccountStore  *self,
                                                           const char           *id,
                                                           const char           *label,
                                                           GError              **error);
/* @color must be a palette name (converc_account_get_palette()). */
gboolean             converc_account_store_recolor        (ConvercAccountStore  *self,
                                                           const char           *id,
                                                           const char           *color,
                                                           GError              **error);
/* Removes the account from the list (not its keyring items: the caller
 * clears those, see converc_account_store_remove() callers). If it was the
 * default, the first remaining account becomes the default. */
gboolean             converc_account_store_remove         (ConvercAccountStore  *self,
                                                           const char           *id,
                                                           GError              **error);
ConvercAccount      *converc_account_store_lookup_id      (ConvercAccountStore  *self,
                                                           const char           *id);
/* By id, else by label compared without case (g_utf8_casefold()). */
ConvercAccount      *converc_account_store_lookup         (ConvercAccountStore  *self,
                                                           const char           *id_or_label);
/* The accounts whose base URL is @base_url (trailing slashes ignored). */
GPtrArray           *converc_account_store_find_by_base_url (ConvercAccountStore *self,
                                                             const char          *base_url);
/* The default account: the one set, else the first one, else NULL. */
ConvercAccount      *converc_account_store_get_default    (ConvercAccountStore  *self);
gboolean             converc_account_store_set_default    (ConvercAccountStore  *self,
                                                           const char           *id,
                                                           GError              **error);

G_END_DECLS
