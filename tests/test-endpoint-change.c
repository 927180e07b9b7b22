/* test-endpoint-change.c
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

/* The one concern of this file: CwEndpointChange, the Change URL or Events
 * sequence, against the emulator with no display: a create that fails
 * disables nothing, a disable that fails leaves both active, and the new
 * secret is kept before anyone can show it. */

#define G_LOG_DOMAIN "test-endpoint-change"

#include "config.h"

#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "converc-test-utils.h"
#include "cw-endpoint-change.h"
#include "cw-test-endpoints.h"
#include "cw-test-utils.h"

typedef struct
{
  CwTestServer      server;
  CwEndpointList   *list;
  CwEndpointChange *change;
  char             *old_id;
  /* Filled by create_cb, the first code that sees the new secret */
  char             *stored_at_finish;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  ConvercWebhook *old;

  cw_test_server_setup (&f->server, data);
  f->list = cw_endpoint_list_new ();
  cw_endpoint_list_set_client (f->list, f->server.client);
  cw_endpoint_list_set_secret_store (f->list, f->server.store);
  cw_endpoint_list_refresh (f->list);
  WAIT_FOR (cw_endpoint_list_get_loaded (f->list));

  old = cw_test_find_webhook (cw_endpoint_list_get_webhooks (f->list),
                              cw_test_webhook_is_active, NULL);
  g_assert_nonnull (old);
  f->old_id = g_strdup (converc_webhook_get_id (old));
  f->change = cw_endpoint_change_new (f->list, old);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->old_id, g_free);
  g_clear_pointer (&f->stored_at_finish, g_free);
  g_assert_finalize_object (f->change);
  g_assert_finalize_object (f->list);
  cw_test_server_teardown (&f->server, data);
}

static gboolean
is_active (Fixture    *f,
           const char *id)
{
  ConvercWebhook *webhook = cw_endpoint_list_lookup (f->list, id, NULL);

  g_assert_nonnull (webhook);
  return converc_webhook_get_is_active (webhook);
}

/* Whether the emulator itself has @id active (a fresh list from it). */
static gboolean
server_says_active (Fixture    *f,
                    const char *id)
{
  g_autoptr(CwEndpointList) fresh = cw_endpoint_list_new ();
  ConvercWebhook *webhook;

  cw_endpoint_list_set_client (fresh, f->server.client);
  cw_endpoint_list_refresh (fresh);
  WAIT_FOR (cw_endpoint_list_get_loaded (fresh));
  webhook = cw_endpoint_list_lookup (fresh, id, NULL);
  g_assert_nonnull (webhook);

  return converc_webhook_get_is_active (webhook);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the create; in its callback, before anything could show the
 * secret, looks in the store. */
typedef struct
{
  Fixture      *f;
  GAsyncResult *result;
} CreateWait;

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CreateWait *wait = user_data;
  CwEndpointChange *change = CW_ENDPOINT_CHANGE (object);
  ConvercWebhook *made = cw_endpoint_change_get_new_webhook (change);

  if (made != NULL)
    wait->f->stored_at_finish =
      converc_secret_store_lookup_sync (wait->f->server.store,
                                        converc_client_get_base_url (wait->f->server.client),
                                        converc_webhook_get_id (made), NULL);
  wait->result = g_object_ref (result);
}

static ConvercWebhook *
run_create (Fixture     *f,
            const char  *url,
            char       **secret,
            GError     **error)
{
  const char *events[] = { "call.ended", "call.missed", NULL };
  CreateWait wait = { f, NULL };
  ConvercWebhook *made;

  cw_endpoint_change_create_async (f->change, url, events, create_cb, &wait);
  g_assert_cmpint (cw_endpoint_change_get_step (f->change), ==, CW_ENDPOINT_CHANGE_CREATING);
  WAIT_FOR (wait.result != NULL);
  made = cw_endpoint_change_create_finish (f->change, wait.result, secret, NULL, error);
  g_object_unref (wait.result);

  return made;
}

static gboolean
run_disable (Fixture  *f,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cw_endpoint_change_disable_old_async (f->change, store_result_cb, &result);
  WAIT_FOR (result != NULL);

  return cw_endpoint_change_disable_old_finish (f->change, result, error);
}

/* Create, test, disable: the new endpoint is listed active with its secret
 * kept before the create finished, the old one is disabled. */
static void
test_happy_path (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ConvercWebhook) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  guint n_before = g_list_model_get_n_items (cw_endpoint_list_get_webhooks (f->list));
  const char *new_id;

  made = run_create (f, "https://hooks.example.com/changed", &secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made);
  new_id = converc_webhook_get_id (made);
  g_assert_cmpstr (converc_webhook_get_url (made), ==, "https://hooks.example.com/changed");
  g_assert_cmpstr (secret, ==, converc_emulator_get_secret (f->server.emulator, new_id));
  /* Kept before the caller (who shows it) heard of it. */
  g_assert_cmpstr (f->stored_at_finish, ==, secret);
  g_assert_cmpint (cw_endpoint_change_get_step (f->change), ==, CW_ENDPOINT_CHANGE_CREATED);
  g_assert_cmpuint (g_list_model_get_n_items (cw_endpoint_list_get_webhooks (f->list)), ==,
                    n_before + 1);
  g_assert_true (is_active (f, new_id));
  g_assert_true (is_active (f, f->old_id));
  g_assert_true (cw_endpoint_list_is_created_here (f->list, new_id));

  g_assert_true (cw_endpoint_change_send_test (f->change));
  g_assert_true (cw_endpoint_list_is_test_pending (f->list, new_id));
  WAIT_FOR (!cw_endpoint_list_is_test_pending (f->list, new_id));
  g_assert_nonnull (cw_endpoint_list_get_outcomes (f->list, new_id));

  g_assert_true (run_disable (f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cw_endpoint_change_get_step (f->change), ==, CW_ENDPOINT_CHANGE_DONE);
  g_assert_false (is_active (f, f->old_id));
  g_assert_true (is_active (f, new_id));
  g_assert_false (server_says_active (f, f->old_id));
  g_assert_true (server_says_active (f, new_id));
}

/* A create the server refuses: nothing new, nothing disabled, and the
 * model will not disable the old one without a successor. */
static void
test_create_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ConvercWebhook) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  guint n_webhooks = converc_emulator_get_n_webhooks (f->server.emulator);
  guint n_requests;

  converc_emulator_set_forced_status (f->server.emulator, 422, NULL);
  made = run_create (f, "https://hooks.example.com/refused", &secret, &error);
  g_assert_null (made);
  g_assert_null (secret);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_REQUEST);
  g_assert_cmpint (cw_endpoint_change_get_step (f->change), ==, CW_ENDPOINT_CHANGE_EDITING);
  g_assert_nonnull (cw_endpoint_change_get_error (f->change));
  g_assert_null (cw_endpoint_change_get_new_webhook (f->change));
  g_clear_error (&error);

  n_requests = converc_emulator_get_n_requests (f->server.emulator);
  g_assert_false (run_disable (f, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);
  g_assert_cmpuint (converc_emulator_get_n_requests (f->server.emulator), ==, n_requests);

  converc_emulator_reset_knobs (f->server.emulator);
  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->server.emulator), ==, n_webhooks);
  g_assert_true (is_active (f, f->old_id));
  g_assert_true (server_says_active (f, f->old_id));

  /* The same change may be tried again. */
  g_clear_pointer (&f->stored_at_finish, g_free);
  made = run_create (f, "https://hooks.example.com/refused", &secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made);
}

/* The disable fails: both endpoints are active (in the list and on the
 * server), the step says so, and a retry finishes the change. */
static void
test_disable_fails (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ConvercWebhook) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  made = run_create (f, "https://hooks.example.com/both", &secret, &error);
  g_assert_no_error (error);

  converc_emulator_set_forced_status (f->server.emulator, 503, NULL);
  g_assert_false (run_disable (f, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_SERVER);
  g_clear_error (&error);
  converc_emulator_reset_knobs (f->server.emulator);

  g_assert_cmpint (cw_endpoint_change_get_step (f->change), ==, CW_ENDPOINT_CHANGE_DISABLE_FAILED);
  g_assert_nonnull (cw_endpoint_change_get_error (f->change));
  g_assert_true (is_active (f, f->old_id));
  g_assert_true (is_active (f, converc_webhook_get_id (made)));
  g_assert_true (server_says_active (f, f->old_id));
  g_assert_true (server_says_active (f, converc_webhook_get_id (made)));

  g_assert_true (run_disable (f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cw_endpoint_change_get_step (f->change), ==, CW_ENDPOINT_CHANGE_DONE);
  g_assert_false (server_says_active (f, f->old_id));
}

/* The create's answer is lost after the server made the endpoint (the
 * client gave up waiting): the change goes on with the one the server made,
 * says its secret was lost, and made no second one. Then a create that
 * really failed with an unsure error (503): nothing is found, the error
 * stays, the old endpoint is untouched. */
static void
test_create_answer_lost (Fixture       *f,
                         gconstpointer  data)
{
  const char *url = "https://hooks.example.com/lost-answer";
  g_autoptr(ConvercWebhook) made = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) secret_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  guint n_webhooks = converc_emulator_get_n_webhooks (f->server.emulator);
  guint n_found = 0;

  converc_client_set_timeout (f->server.client, 1);
  converc_emulator_set_latency_once (f->server.emulator, 3000);
  cw_endpoint_change_create_async (f->change, url, NULL, store_result_cb, &result);
  WAIT_FOR (result != NULL);
  converc_client_set_timeout (f->server.client, CONVERC_DEFAULT_TIMEOUT);
  made = cw_endpoint_change_create_finish (f->change, result, &secret, &secret_error, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_null (secret);
  g_assert_error (secret_error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (secret_error->message, "lost"));
  g_assert_cmpstr (converc_webhook_get_url (made), ==, url);
  g_assert_cmpstr (converc_webhook_get_id (made), !=, f->old_id);
  g_assert_cmpint (cw_endpoint_change_get_step (f->change), ==, CW_ENDPOINT_CHANGE_CREATED);
  g_assert_true (cw_endpoint_change_get_new_webhook (f->change) == made ||
                 g_strcmp0 (converc_webhook_get_id (cw_endpoint_change_get_new_webhook (f->change)),
                            converc_webhook_get_id (made)) == 0);
  /* One endpoint made, and it is in the list. */
  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->server.emulator), ==, n_webhooks + 1);
  g_assert_true (is_active (f, converc_webhook_get_id (made)));
  for (guint i = 0; i < g_list_model_get_n_items (cw_endpoint_list_get_webhooks (f->list)); i++)
    {
      g_autoptr(ConvercWebhook) w = g_list_model_get_item (cw_endpoint_list_get_webhooks (f->list), i);

      n_found += g_strcmp0 (converc_webhook_get_url (w), url) == 0;
    }
  g_assert_cmpuint (n_found, ==, 1);

  /* The change goes on: the old one is disabled. */
  g_assert_true (run_disable (f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cw_endpoint_change_get_step (f->change), ==, CW_ENDPOINT_CHANGE_DONE);
  g_assert_false (server_says_active (f, f->old_id));
  g_assert_true (server_says_active (f, converc_webhook_get_id (made)));
}

static void
test_create_unsure_nothing_made (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(ConvercWebhook) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  guint n_webhooks = converc_emulator_get_n_webhooks (f->server.emulator);

  converc_emulator_set_forced_status (f->server.emulator, 503, NULL);
  made = run_create (f, "https://hooks.example.com/unavailable", &secret, &error);
  converc_emulator_reset_knobs (f->server.emulator);
  g_assert_null (made);
  g_assert_null (secret);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_SERVER);
  g_assert_cmpint (cw_endpoint_change_get_step (f->change), ==, CW_ENDPOINT_CHANGE_EDITING);
  g_assert_null (cw_endpoint_change_get_new_webhook (f->change));
  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->server.emulator), ==, n_webhooks);
  g_assert_true (server_says_active (f, f->old_id));
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add ("/cw/endpoint-change/happy-path", Fixture, NULL,
              fixture_setup, test_happy_path, fixture_teardown);
  g_test_add ("/cw/endpoint-change/create-fails", Fixture, NULL,
              fixture_setup, test_create_fails, fixture_teardown);
  g_test_add ("/cw/endpoint-change/disable-fails", Fixture, NULL,
              fixture_setup, test_disable_fails, fixture_teardown);
  g_test_add ("/cw/endpoint-change/create-answer-lost", Fixture, NULL,
              fixture_setup, test_create_answer_lost, fixture_teardown);
  g_test_add ("/cw/endpoint-change/create-unsure-nothing-made", Fixture, NULL,
              fixture_setup, test_create_unsure_nothing_made, fixture_teardown);

  return g_test_run ();
}
