/* cw-endpoint-form-private.h
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

/* The one concern of this file: CwEndpointForm's insides, for the dialogs
 * that show it and their tests. */

#pragma once

#include "cw-endpoint-form.h"

G_BEGIN_DECLS

struct _CwEndpointForm
{
  AdwPreferencesPage   parent_instance;

  GPtrArray           *event_checks;   /* GtkCheckButton, one per event type */

  /* Template widgets */
  GtkSwitch           *all_events_switch;
  GtkLabel            *error_label;
  AdwPreferencesGroup *events_group;
  GtkLabel            *url_error_label;
  AdwEntryRow         *url_row;
};

G_END_DECLS
