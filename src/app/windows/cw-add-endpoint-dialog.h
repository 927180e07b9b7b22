/* cw-add-endpoint-dialog.h
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

#define CW_TYPE_ADD_ENDPOINT_DIALOG (cw_add_endpoint_dialog_get_type())

G_DECLARE_FINAL_TYPE (CwAddEndpointDialog, cw_add_endpoint_dialog, CW, ADD_ENDPOINT_DIALOG, AdwWindow)

CwAddEndpointDialog  *cw_add_endpoint_dialog_new        (ConvercClient       *client);
gboolean              cw_add_endpoint_dialog_is_valid   (CwAddEndpointDialog *self);
/* The ids of the endpoints the caller lists now: an endpoint that appears
 * after a failed create, with the same URL, was made by that create. */
void                  cw_add_endpoint_dialog_set_known_ids (CwAddEndpointDialog *self,
                                                         GListModel          *webhooks);
/* The chosen event types; NULL when "All events" is on. */
char                **cw_add_endpoint_dialog_dup_events (CwAddEndpointDialog *self);

G_END_DECLS
