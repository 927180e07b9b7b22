/* cw-test-endpoints.h
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

/* Shared by the endpoint tests (model, page, dialogs): a seeded emulator
 * with a client and a memory store, and questions about endpoint lists. */

#pragma once

#include "converc.h"
#include "converc-emulator.h"

G_BEGIN_DECLS

typedef struct
{
  ConvercEmulator    *emulator;
  ConvercClient      *client;
  ConvercSecretStore *store;
} CwTestServer;

/* Starts an emulator on loopback seeded with a few endpoints, a client
 * for it and an empty memory store; the teardown stops it all. */
void            cw_test_server_setup    (CwTestServer  *server,
                                         gconstpointer  data);
void            cw_test_server_teardown (CwTestServer  *server,
                                         gconstpointer  data);

/* How many endpoints of @model pass @test (called with @arg), and the first
 * that does (transfer none: @model holds it), or NULL. */
typedef gboolean (*CwTestWebhookFunc) (ConvercWebhook *webhook,
                                       const char     *arg);
guint           cw_test_count_webhooks  (GListModel        *model,
                                         CwTestWebhookFunc  test,
                                         const char        *arg);
ConvercWebhook *cw_test_find_webhook    (GListModel        *model,
                                         CwTestWebhookFunc  test,
                                         const char        *arg);
/* Tests for the above */
gboolean        cw_test_webhook_is_active  (ConvercWebhook *webhook,
                                            const char     *unused);
gboolean        cw_test_webhook_all_events (ConvercWebhook *webhook,
                                            const char     *unused);

G_END_DECLS
