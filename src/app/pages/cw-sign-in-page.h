/* cw-sign-in-page.h
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
#include "cw-types.h"

G_BEGIN_DECLS

#define CW_TYPE_SIGN_IN_PAGE (cw_sign_in_page_get_type())

G_DECLARE_FINAL_TYPE (CwSignInPage, cw_sign_in_page, CW, SIGN_IN_PAGE, AdwBin)

void cw_sign_in_page_set_base_url     (CwSignInPage       *self,
                                       const char         *base_url);
void cw_sign_in_page_set_secret_store (CwSignInPage       *self,
                                       ConvercSecretStore *store);
void cw_sign_in_page_set_secret_scope (CwSignInPage       *self,
                                       const char         *scope);
void cw_sign_in_page_set_notice       (CwSignInPage       *self,
                                       const char         *notice);
/* @label (nullable): the account, listed but whose key is gone, that signs
 * in again (the heading names it, no first-run welcome); NULL: first run. */
void cw_sign_in_page_set_returning    (CwSignInPage       *self,
                                       const char         *label);

G_END_DECLS
