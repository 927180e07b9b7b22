/* converc-account-removal.h
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

#include "converc-account-store.h"
#include "converc-secret-store.h"

G_BEGIN_DECLS

/* The one concern of this file: removing an account from this computer —
 * its API key, its event history (journal files), optionally its signing
 * secrets, then its entry in the list — in an order that never loses the
 * account while something of it is left behind. */

typedef enum
{
  CONVERC_ACCOUNT_REMOVAL_NONE           = 0,
  /* Also delete the signing secrets stored for the account's endpoints. */
  CONVERC_ACCOUNT_REMOVAL_DELETE_SECRETS = 1 << 0,
} ConvercAccountRemovalFlags;

/* The number of signing secrets stored for @account (its own scope and,
 * for an account migrated from before accounts, the items by its old base
 * URL, counted once per endpoint). */
void      converc_account_count_secrets_async  (ConvercSecretStore          *secrets,
                                                ConvercAccount              *account,
                                                GCancellable                *cancellable,
                                                GAsyncReadyCallback          callback,
                                                gpointer                     user_data);
/* Returns -1 with @error set on failure. */
int       converc_account_count_secrets_finish (ConvercSecretStore          *secrets,
                                                GAsyncResult                *result,
                                                GError                     **error);

/* Removes @account (listed in @accounts) from this computer:
 * 1. its API key is cleared from @secrets (for a migrated account also the
 *    old key by base URL, unless another account was migrated from it too,
 *    so that the next start does not migrate it again);
 * 2. with CONVERC_ACCOUNT_REMOVAL_DELETE_SECRETS, every signing secret of
 *    the account is cleared;
 * 3. its journal (converc_journal_dup_path_for_scope() and its -wal and -shm
 *    files) is deleted;
 * 4. only then is it removed from @accounts (the default moves on).
 * A failure at any step (keyring locked, absent or timed out; a journal
 * file that cannot be deleted) stops there with the error: the account
 * stays listed so that the removal can be tried again, and nothing is
 * written anywhere else. */
void      converc_account_remove_async         (ConvercAccountStore         *accounts,
                                                ConvercSecretStore          *secrets,
                                                ConvercAccount              *account,
                                                ConvercAccountRemovalFlags   flags,
                                                GCancellable                *cancellable,
                                                GAsyncReadyCallback          callback,
                                                gpointer                     user_data);
gboolean  converc_account_remove_finish        (ConvercAccountStore         *accounts,
                                                GAsyncResult                *result,
                                                GError                     **error);
/* The same for the command line (a private main context; never call it
 * from a GTK main loop). @n_secrets_deleted (optional) is how many signing
 * secrets were deleted. */
gboolean  converc_account_remove_sync          (ConvercAccountStore         *accounts,
                                                ConvercSecretStore          *secrets,
                                                ConvercAccount              *account,
                                                ConvercAccountRemovalFlags   flags,
                                                guint                       *n_secrets_deleted,
                                                GError                     **error);
int       converc_account_count_secrets_sync   (ConvercSecretStore          *secrets,
                                                ConvercAccount              *account,
                                                GError                     **error);

G_END_DECLS
