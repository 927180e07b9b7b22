/* cw-add-account-dialog-private.h
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

#include "cw-add-account-dialog.h"

G_BEGIN_DECLS

/* The one concern of this file: the Add Organisation dialog's fields, for
 * the widget tests. */

struct _CwAddAccountDialog
{
  AdwWindow            parent_instance;

  ConvercAccountStore *accounts;
  ConvercSecretStore  *secret_store;
  /* The Replace Key form: the account whose key is replaced */
  ConvercAccount      *account;
  GCancellable        *cancellable;

  /* Template widgets */
  GtkButton           *add_button;
  GtkLabel            *add_label;
  AdwExpanderRow      *advanced_row;
  GtkLabel            *description_label;
  GtkLabel            *error_label;
  AdwPasswordEntryRow *key_row;
  AdwEntryRow         *label_row;
  GtkSpinner          *spinner;
  AdwEntryRow         *url_row;
  AdwWindowTitle      *window_title;

  guint                busy : 1;
};

G_END_DECLS
