/* cw-add-endpoint-dialog-private.h
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

#include "cw-add-endpoint-dialog.h"
#include "cw-endpoint-form-private.h"

G_BEGIN_DECLS

struct _CwAddEndpointDialog
{
  AdwWindow      parent_instance;

  ConvercClient *client;
  GCancellable  *cancellable;
  GPtrArray     *event_checks;   /* the form's, one per event type */
  GHashTable    *known_ids;      /* endpoint ids listed before the create */
  char          *pending_url;    /* the URL of a create whose outcome is unsure */
  GError        *pending_error;  /* and its error, shown if nothing was made */
  guint          busy : 1;

  /* Template widgets; below the form, its parts (the form owns them) */
  CwEndpointForm *form;
  GtkSwitch     *all_events_switch;
  GtkButton     *cancel_button;
  GtkButton     *create_button;
  GtkSpinner    *create_spinner;
  GtkLabel      *error_label;
  AdwPreferencesGroup *events_group;
  AdwPreferencesPage  *page;
  GtkLabel      *url_error_label;
  AdwEntryRow   *url_row;
};

G_END_DECLS
