/* cw-endpoint-list.h
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

/* The endpoints of one account, and what was done to them in this run: a
 * model without widgets (the Endpoints page shows it). */

#pragma once

#include <gio/gio.h>

#include "converc.h"
#include "cw-test-outcome.h"
#include "cw-types.h"

G_BEGIN_DECLS

#define CW_TYPE_ENDPOINT_LIST (cw_endpoint_list_get_type())

G_DECLARE_FINAL_TYPE (CwEndpointList, cw_endpoint_list, CW, ENDPOINT_LIST, GObject)

CwEndpointList     *cw_endpoint_list_new                (void);
ConvercClient      *cw_endpoint_list_get_client         (CwEndpointList       *self);
void                cw_endpoint_list_set_client         (CwEndpointList       *self,
                                                         ConvercClient        *client);
ConvercSecretStore *cw_endpoint_list_get_secret_store   (CwEndpointList       *self);
void                cw_endpoint_list_set_secret_store   (CwEndpointList       *self,
                                                         ConvercSecretStore   *store);
/* The scope of signing secrets (converc-secret-store.h): the account id;
 * NULL means the client's base URL. Get returns the scope in use. */
const char         *cw_endpoint_list_get_secret_scope   (CwEndpointList       *self);
void                cw_endpoint_list_set_secret_scope   (CwEndpointList       *self,
                                                         const char           *scope);
gboolean            cw_endpoint_list_get_demo           (CwEndpointList       *self);
void                cw_endpoint_list_set_demo           (CwEndpointList       *self,
                                                         gboolean              demo);
gboolean            cw_endpoint_list_get_loading        (CwEndpointList       *self);
gboolean            cw_endpoint_list_get_loaded         (CwEndpointList       *self);
const GError       *cw_endpoint_list_get_last_error     (CwEndpointList       *self);
gint64              cw_endpoint_list_get_last_retry_after (CwEndpointList     *self);
GListModel         *cw_endpoint_list_get_webhooks       (CwEndpointList       *self);
ConvercWebhook     *cw_endpoint_list_lookup             (CwEndpointList       *self,
                                                         const char           *webhook_id,
                                                         guint                *position);
void                cw_endpoint_list_refresh            (CwEndpointList       *self);
void                cw_endpoint_list_clear              (CwEndpointList       *self);
gboolean            cw_endpoint_list_add                (CwEndpointList       *self,
                                                         ConvercWebhook       *webhook);
void                cw_endpoint_list_disable_async      (CwEndpointList       *self,
                                                         const char           *webhook_id,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cw_endpoint_list_disable_finish     (CwEndpointList       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cw_endpoint_list_send_test          (CwEndpointList       *self,
                                                         const char           *webhook_id);
gboolean            cw_endpoint_list_is_test_pending    (CwEndpointList       *self,
                                                         const char           *webhook_id);
GPtrArray          *cw_endpoint_list_get_outcomes       (CwEndpointList       *self,
                                                         const char           *webhook_id);
/* Where the outcomes of Converc's test events are kept across restarts,
 * beside the local sends of the delivery window; NULL: the default file
 * (converc_delivery_outcomes_default_file). */
void                cw_endpoint_list_set_outcomes_file  (CwEndpointList       *self,
                                                         GFile                *file);
void                cw_endpoint_list_store_secret_async (CwEndpointList       *self,
                                                         ConvercWebhook       *webhook,
                                                         const char           *secret,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cw_endpoint_list_store_secret_finish (CwEndpointList      *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cw_endpoint_list_is_created_here    (CwEndpointList       *self,
                                                         const char           *webhook_id);
/* The signing secret of @webhook_id in the secret store: NULL without
 * error when none is stored. */
void                cw_endpoint_list_lookup_secret_async (CwEndpointList      *self,
                                                         const char           *webhook_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
char               *cw_endpoint_list_lookup_secret_finish (CwEndpointList     *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Whether @secret may be stored as a signing secret: not empty, no line
 * break, no space before or after it. */
gboolean            cw_endpoint_list_check_secret       (const char           *secret,
                                                         GError              **error);
/* Stores the secret of an endpoint made elsewhere, after checking it. */
void                cw_endpoint_list_add_secret_async   (CwEndpointList       *self,
                                                         const char           *webhook_id,
                                                         const char           *secret,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cw_endpoint_list_add_secret_finish  (CwEndpointList       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
