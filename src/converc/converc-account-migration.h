/* converc-account-migration.h
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

/* The one concern of this file: moving the single API key and the signing
 * secrets of an installation from before accounts (keyring items by
 * base-url) to a first account. */

/* When @accounts lists no saved account and @secrets holds an API key for
 * @legacy_base_url, this creates the first account (label: the server's
 * host name) and copies the key and every signing secret stored under that
 * base URL to it: first the copies are written and read back, only then is
 * the account added to @accounts. The old items are kept (an older version
 * still finds them; nothing is ever deleted before its copy is stored).
 *
 * Finishes with the new account (transfer full), or NULL without an error
 * when there was nothing to migrate (accounts exist already, or no key was
 * stored). On a keyring error (locked, absent, timed out) nothing is
 * written anywhere and the next start tries again. */
void            converc_account_migrate_async  (ConvercAccountStore  *accounts,
                                                ConvercSecretStore   *secrets,
                                                const char           *legacy_base_url,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
ConvercAccount *converc_account_migrate_finish (ConvercAccountStore  *accounts,
                                                GAsyncResult         *result,
                                                GError              **error);
/* The same for the command line (a private main context; never call it from
 * a GTK main loop). */
ConvercAccount *converc_account_migrate_sync   (ConvercAccountStore  *accounts,
                                                ConvercSecretStore   *secrets,
                                                const char           *legacy_base_url,
                                                GError              **error);

G_END_DECLS
