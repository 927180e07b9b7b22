/* cw-endpoint-list-private.h
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

/* CwEndpointList's insides, shared by cw-endpoint-list.c (the list) and
 * cw-endpoint-list-actions.c (what is done to one endpoint). */

#pragma once

#include "cw-endpoint-list.h"

G_BEGIN_DECLS

struct _CwEndpointList
{
  GObject             parent_instance;

  ConvercClient      *client;
  ConvercSecretStore *secret_store;
  /* The scope of the signing secrets in @secret_store (the account id);
   * NULL: the client's base URL (items from before accounts) */
  char               *secret_scope;
  /* Cancelled when the client changes, on clear and on dispose */
  GCancellable       *cancellable;

  GListStore         *webhooks;
  /* webhook id → GPtrArray of CwTestOutcome, newest first */
  GHashTable         *outcomes;
  /* webhook ids with a test event in flight */
  GHashTable         *pending_tests;
  /* webhook ids whose secret this run stored (demo: in memory) */
  GHashTable         *created_here;
  /* Where Converc's test outcomes are kept; NULL: the default file */
  GFile              *outcomes_file;

  GError             *last_error;
  gint64              last_retry_after;
  guint               loaded : 1;
  guint               loading : 1;
  guint               demo : 1;
};

/* One request about the list or one endpoint. It holds the cancellable it
 * was started with, not @self: once that is cancelled (dispose, another
 * client) the answer is dropped without touching @self. */
typedef struct
{
  CwEndpointList *self;
  GCancellable   *cancellable;
  char           *webhook_id;
} Request;

Request *_cw_endpoint_list_request_new       (CwEndpointList *self,
                                              const char     *webhook_id);
void     _cw_endpoint_list_request_free      (Request        *request);
void     _cw_endpoint_list_add_outcome       (CwEndpointList *self,
                                              const char     *webhook_id,
                                              CwTestOutcome  *outcome);
void     _cw_endpoint_list_emit_test_started (CwEndpointList *self,
                                              const char     *webhook_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, _cw_endpoint_list_request_free)

G_END_DECLS
