/* converc-account.h
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

#include <glib-object.h>

G_BEGIN_DECLS

/* The one concern of this file: one Converc organisation the user works
 * with (an account): its id, label, server, colour and flags. */

#define CONVERC_TYPE_ACCOUNT (converc_account_get_type())

G_DECLARE_FINAL_TYPE (ConvercAccount, converc_account, CONVERC, ACCOUNT, GObject)

/* The colours an account may have (a small named palette: the UI maps each
 * name to a style class). */
#define CONVERC_ACCOUNT_COLOR_DEFAULT "blue"

/* Properties: "id" (stable, generated, never shown as the name), "label"
 * (what the user chose, control characters removed; may contain markup
 * characters or be very long: the UI escapes and ellipsises), "base-url",
 * "color" (a name from converc_account_get_palette()), "production",
 * "organization-id" (NULL until seen in an event), "demo" (an account
 * whose secrets live in memory only and that is never saved), and
 * "legacy-base-url" (set on the account an old single API key was
 * migrated to: the base URL its keyring items were stored under).
 *
 * Setters notify; a ConvercAccountStore saves its accounts on every
 * notification. The store's rename checks that labels stay unique. */
ConvercAccount     *converc_account_new                 (const char      *id,
                                                         const char      *label,
                                                         const char      *base_url);
/* A new account with a fresh id. */
ConvercAccount     *converc_account_new_generated       (const char      *label,
                                                         const char      *base_url);
/* The demo account: label "Demo", demo flag set. */
ConvercAccount     *converc_account_new_demo            (const char      *base_url);
const char         *converc_account_get_id              (ConvercAccount  *self);
const char         *converc_account_get_label           (ConvercAccount  *self);
void                converc_account_set_label           (ConvercAccount  *self,
                                                         const char      *label);
const char         *converc_account_get_base_url        (ConvercAccount  *self);
void                converc_account_set_base_url        (ConvercAccount  *self,
                                                         const char      *base_url);
const char         *converc_account_get_color           (ConvercAccount  *self);
/* Unknown names become CONVERC_ACCOUNT_COLOR_DEFAULT. */
void                converc_account_set_color           (ConvercAccount  *self,
                                                         const char      *color);
gboolean            converc_account_get_production      (ConvercAccount  *self);
void                converc_account_set_production      (ConvercAccount  *self,
                                                         gboolean         production);
const char         *converc_account_get_organization_id (ConvercAccount  *self);
void                converc_account_set_organization_id (ConvercAccount  *self,
                                                         const char      *organization_id);
gboolean            converc_account_get_demo            (ConvercAccount  *self);
const char         *converc_account_get_legacy_base_url (ConvercAccount  *self);
void                converc_account_set_legacy_base_url (ConvercAccount  *self,
                                                         const char      *base_url);
/* The scope of this account's items in a ConvercSecretStore (its id). */
const char         *converc_account_get_secret_scope    (ConvercAccount  *self);

/* NULL-terminated, static: "blue", "teal", "green", ... */
const char * const *converc_account_get_palette         (void);
gboolean            converc_account_is_palette_color    (const char      *color);
/* @id is one converc_account_new_generated() could make: 1 to 64 of
 * [a-z0-9-], never a URL (so it can never be taken for a base URL). */
gboolean            converc_account_is_valid_id         (const char      *id);
/* @label without control characters (and invalid UTF-8 repaired), spaces
 * at either end removed. May return "". */
char               *converc_account_clean_label         (const char      *label);

/* Settings form: an a{sv} with "id", "label", "base-url", "color",
 * "production", "organization-id", "legacy-base-url". Unknown keys are
 * ignored. Returns NULL (with a g_debug) for a dictionary without a valid
 * id, label or base URL. */
GVariant           *converc_account_to_variant          (ConvercAccount  *self);
ConvercAccount     *converc_account_new_from_variant    (GVariant        *dict);

G_END_DECLS
