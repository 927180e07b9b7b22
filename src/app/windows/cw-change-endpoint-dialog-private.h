/* cw-change-endpoint-dialog-private.h
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

/* The one concern of this file: CwChangeEndpointDialog's insides, for its
 * tests. */

#pragma once

#include "cw-change-endpoint-dialog.h"
#include "cw-endpoint-form-private.h"

G_BEGIN_DECLS

struct _CwChangeEndpointDialog
{
  AdwWindow         parent_instance;

  CwEndpointChange *change;
  /* The organisation the change is made in, for the confirmation (NULL
   * when there is no account: demo, or a key from before accounts) */
  char             *account_label;
  /* The confirmation before the old endpoint is disabled, while shown */
  AdwMessageDialog *confirm_dialog;
  /* The new endpoint's secret dialog, while shown */
  GtkWindow        *secret_dialog;

  /* Template widgets */
  GtkButton        *cancel_button;
  GtkLabel         *disable_error_label;
  AdwStatusPage    *done_page;
  CwEndpointForm   *form;
  AdwActionRow     *new_id_row;
  AdwActionRow     *new_url_row;
  AdwActionRow     *old_id_row;
  AdwActionRow     *old_url_row;
  GtkButton        *primary_button;
  GtkLabel         *primary_label;
  GtkSpinner       *primary_spinner;
  GtkStack         *stack;
  GtkLabel         *state_label;
  GtkButton        *test_button;
  GtkLabel         *test_result_label;
};

G_END_DECLS
