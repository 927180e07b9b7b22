/* cw-test-endpoints.c
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

#define G_LOG_DOMAIN "cw-test-endpoints"

#include "config.h"

#include "cw-test-endpoints.h"

void
cw_test_server_setup (CwTestServer  *server,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  server->emulator = converc_emulator_new (NULL);
  g_assert_true (converc_emulator_start (server->emulator, 0, &error));
  g_assert_no_error (error);
  converc_emulator_seed (server->emulator, 10, 7);
  server->client = converc_client_new (converc_emulator_get_base_url (server->emulator),
                                       converc_emulator_get_api_key (server->emulator));
  server->store = converc_memory_store_new ();
}

void
cw_test_server_teardown (CwTestServer  *server,
                         gconstpointer  data)
{
  g_clear_object (&server->store);
  g_clear_object (&server->client);
  converc_emulator_stop (server->emulator);
  g_clear_object (&server->emulator);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

ConvercWebhook *
cw_test_find_webhook (GListModel        *model,
                      CwTestWebhookFunc  test,
                      const char        *arg)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (model, i);

      if (test (webhook, arg))
        return webhook;
    }

  return NULL;
}

guint
cw_test_count_webhooks (GListModel        *model,
                        CwTestWebhookFunc  test,
                        const char        *arg)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (model, i);

      n += !!test (webhook, arg);
    }

  return n;
}

gboolean
cw_test_webhook_is_active (ConvercWebhook *webhook,
                           const char     *unused)
{
  return converc_webhook_get_is_active (webhook);
}

gboolean
cw_test_webhook_all_events (ConvercWebhook *webhook,
                            const char     *unused)
{
  return converc_webhook_get_all_events (webhook);
}
