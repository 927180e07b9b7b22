/* cw-endpoints-page.h
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

#define CW_TYPE_ENDPOINTS_PAGE (cw_endpoints_page_get_type())

G_DECLARE_FINAL_TYPE (CwEndpointsPage, cw_endpoints_page, CW, ENDPOINTS_PAGE, AdwBin)

CwEndpointsPage *cw_endpoints_page_new              (void);
void             cw_endpoints_page_set_client       (CwEndpointsPage    *self,
                                                     ConvercClient      *client);
void             cw_endpoints_page_set_secret_store (CwEndpointsPage    *self,
                                                     ConvercSecretStore *store);
void             cw_endpoints_page_set_secret_scope (CwEndpointsPage    *self,
                                                     const char         *scope);
void             cw_endpoints_page_set_demo         (CwEndpointsPage    *self,
                                                     gboolean            demo);
/* The organisation the page acts on, named in its confirmations and in
 * Add Endpoint (NULL: none named). */
void             cw_endpoints_page_set_account_label (CwEndpointsPage   *self,
                                                      const char        *label);
void             cw_endpoints_page_refresh          (CwEndpointsPage    *self);
void             cw_endpoints_page_clear            (CwEndpointsPage    *self);
void             cw_endpoints_page_add_endpoint     (CwEndpointsPage    *self);
GListModel      *cw_endpoints_page_get_model        (CwEndpointsPage    *self);
CwEndpointList  *cw_endpoints_page_get_endpoint_list (CwEndpointsPage   *self);

G_END_DECLS
