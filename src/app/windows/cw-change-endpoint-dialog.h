/* cw-change-endpoint-dialog.h
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

/* The one concern of this file: the Change URL or Events dialog, which walks
 * the user through a CwEndpointChange. */

#pragma once

#include <adwaita.h>

#include "cw-endpoint-change.h"

G_BEGIN_DECLS

#define CW_TYPE_CHANGE_ENDPOINT_DIALOG (cw_change_endpoint_dialog_get_type())

G_DECLARE_FINAL_TYPE (CwChangeEndpointDialog, cw_change_endpoint_dialog, CW, CHANGE_ENDPOINT_DIALOG, AdwWindow)

CwChangeEndpointDialog *cw_change_endpoint_dialog_new        (CwEndpointChange       *change);
void                    cw_change_endpoint_dialog_set_account_label (CwChangeEndpointDialog *self,
                                                                     const char             *label);
CwEndpointChange       *cw_change_endpoint_dialog_get_change (CwChangeEndpointDialog *self);

G_END_DECLS
