/* cw-endpoint-form.h
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

/* The one concern of this file: the endpoint form (receiving URL with live
 * validation, event-type checklist), shared by Add Endpoint and Change URL
 * or Events. */

#pragma once

#include <adwaita.h>

#include "converc.h"

G_BEGIN_DECLS

#define CW_TYPE_ENDPOINT_FORM (cw_endpoint_form_get_type())

G_DECLARE_FINAL_TYPE (CwEndpointForm, cw_endpoint_form, CW, ENDPOINT_FORM, AdwPreferencesPage)

CwEndpointForm  *cw_endpoint_form_new         (void);
/* The URL is acceptable and at least one event type (or "All events") is on */
gboolean         cw_endpoint_form_is_valid    (CwEndpointForm     *self);
/* The URL without surrounding spaces */
char            *cw_endpoint_form_dup_url     (CwEndpointForm     *self);
/* The chosen event types; NULL when "All events" is on. */
char           **cw_endpoint_form_dup_events  (CwEndpointForm     *self);
/* Fills the form: @events NULL or empty means "All events". */
void             cw_endpoint_form_set_values  (CwEndpointForm     *self,
                                               const char         *url,
                                               const char * const *events);
/* A message above the form (a failed request), or NULL to hide it */
void             cw_endpoint_form_show_error  (CwEndpointForm     *self,
                                               const char         *message);
void             cw_endpoint_form_focus_url   (CwEndpointForm     *self);

G_END_DECLS
