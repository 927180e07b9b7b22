/* cw-sign-in-page-private.h
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

#include "cw-sign-in-page.h"

G_BEGIN_DECLS

struct _CwSignInPage
{
  AdwBin              parent_instance;

  char               *base_url;
  /* Where the key is kept (the account id); NULL: the base URL */
  char               *secret_scope;
  ConvercSecretStore *secret_store;
  GCancellable       *cancellable;
  /* The account whose key is gone (its label as shown); NULL: first run */
  char               *returning_label;

  /* Template widgets */
  GtkButton          *demo_button;
  GtkLabel           *error_label;
  AdwEntryRow        *key_row;
  GtkLabel           *notice_label;
  GtkLabel           *server_label;
  GtkButton          *sign_in_button;
  GtkLabel           *sign_in_label;
  GtkSpinner         *sign_in_spinner;
  AdwStatusPage      *status_page;
};

G_END_DECLS
