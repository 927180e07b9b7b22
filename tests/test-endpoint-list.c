/* test-endpoint-list.c
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
/* CwEndpointList, the Endpoints page's model, against the emulator over
 * loopback: no display (g_test_init, not gtk_test_init). */

#define G_LOG_DOMAIN "test-endpoint-list"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-test-utils.h"
#include "cw-endpoint-list.h"
#include "cw-test-endpoints.h"
#include "cw-test-utils.h"

typedef struct
{
  CwTestServer        server;
  CwEndpointList     *list;
  char               *tmpdir;
  GFile              *outcomes_file;
  /* What the list's signals said */
  GPtrArray          *started;
  GPtrArray          *outcomes;
  guint               n_loading_notifies;
} Fixture;

static void
test_started_cb (CwEndpointList *list,
                 const char     *webhook_id,
                 Fixture        *f)
{
  g_ptr_array_add (f->started, g_strdup (webhook_id));
}

static void
outcome_added_cb (CwEndpointList *list,
                  const char     *webhook_id,
                  CwTestOutcome  *outcome,
                  Fixture        *f)
{
  /* Not pending any more when the outcome is announced. */
  g_assert_false (cw_endpoint_list_is_test_pending (list, webhook_id));
  g_assert_true (g_ptr_array_index (cw_endpoint_list_get_outcomes (list, webhook_id), 0) ==
                 outcome);
  g_ptr_array_add (f->outcomes, cw_test_outcome_ref (outcome));
}

static void
loading_notify_cb (CwEndpointList *list,
                   GParamSpec     *pspec,
                   Fixture        *f)
{
  f->n_loading_notifies++;
}

static void iterate_for (guint ms);

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cw_test_server_setup (&f->server, data);
  f->started = g_ptr_array_new_with_free_func (g_free);
  f->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_test_outcome_unref);

  f->tmpdir = g_dir_make_tmp ("test-endpoint-list-XXXXXX", NULL);
  g_assert_nonnull (f->tmpdir);
  f->outcomes_file = g_file_new_build_filename (f->tmpdir, "deliveries.json", NULL);

  f->list = cw_endpoint_list_new ();
  cw_endpoint_list_set_outcomes_file (f->list, f->outcomes_file);
  cw_endpoint_list_set_client (f->list, f->server.client);
  cw_endpoint_list_set_secret_store (f->list, f->server.store);
  g_signal_connect (f->list, "test-started", G_CALLBACK (test_started_cb), f);
  g_signal_connect (f->list, "outcome-added", G_CALLBACK (outcome_added_cb), f);
  g_signal_connect (f->list, "notify::loading", G_CALLBACK (loading_notify_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->list);
  /* Outcomes still on their way to the file */
  iterate_for (100);
  g_file_delete (f->outcomes_file, NULL, NULL);
  g_rmdir (f->tmpdir);
  g_clear_object (&f->outcomes_file);
  g_clear_pointer (&f->tmpdir, g_free);
  g_clear_pointer (&f->started, g_ptr_array_unref);
  g_clear_pointer (&f->outcomes, g_ptr_array_unref);
  cw_test_server_teardown (&f->server, data);
}

static ConvercWebhook *
first_active (Fixture *f)
{
  return cw_test_find_webhook (cw_endpoint_list_get_webhooks (f->list),
                               cw_test_webhook_is_active, NULL);
}

static GPtrArray *
outcomes_of (Fixture        *f,
             ConvercWebhook *webhook)
{
  return cw_endpoint_list_get_outcomes (f->list, converc_webhook_get_id (webhook));
}

static void
refresh_and_wait (CwEndpointList *list)
{
  cw_endpoint_list_refresh (list);
  g_assert_true (cw_endpoint_list_get_loading (list));
  WAIT_FOR (!cw_endpoint_list_get_loading (list));
}

/* Runs the main loop for @ms milliseconds. */
static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

/* An endpoint created through the API (as the Add Endpoint dialog does),
 * then handed to the list. */
static ConvercWebhook *
create_endpoint (Fixture     *f,
                 const char  *url,
                 char       **secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_secret = NULL;
  ConvercWebhook *webhook;

  converc_client_create_webhook_async (f->server.client, url, NULL, NULL,
                                       converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, CW_TEST_WAIT_SECONDS);
  webhook = converc_client_create_webhook_finish (f->server.client, result, &new_secret, &error);
  g_assert_no_error (error);
  if (secret != NULL)
    *secret = g_steal_pointer (&new_secret);
  g_assert_true (cw_endpoint_list_add (f->list, webhook));
  g_assert_false (cw_endpoint_list_add (f->list, webhook));

  return webhook;
}

static CwTestOutcome *
send_test_and_wait (Fixture    *f,
                    const char *webhook_id)
{
  guint n = f->outcomes->len;

  g_assert_true (cw_endpoint_list_send_test (f->list, webhook_id));
  WAIT_FOR (f->outcomes->len > n);

  return g_ptr_array_index (f->outcomes, f->outcomes->len - 1);
}

/* The outcomes of @webhook_id the outcomes file holds, newest first */
static GPtrArray *
kept_outcomes (Fixture    *f,
               const char *webhook_id)
{
  g_autoptr(ConvercDeliveryOutcomes) outcomes = converc_delivery_outcomes_new (f->outcomes_file);

  converc_delivery_outcomes_load (outcomes, NULL, NULL);

  return converc_delivery_outcomes_list (outcomes, cw_endpoint_list_get_secret_scope (f->list),
                                         webhook_id);
}

static guint
n_kept (Fixture    *f,
        const char *webhook_id)
{
  g_autoptr(GPtrArray) list = kept_outcomes (f, webhook_id);

  return list->len;
}

/* Converc's test outcomes are kept in the outcomes file, beside the local
 * sends of the delivery window, under the list's keyring scope: they
 * survive a restart. A failed delivery keeps its status and detail. */
static void
test_outcomes_kept (Fixture       *f,
                    gconstpointer  data)
{
  const char *base_url = converc_emulator_get_base_url (f->server.emulator);
  g_autofree char *refusing_url = g_strdup_printf ("%s/not-a-receiver", base_url);
  g_autoptr(ConvercWebhook) refusing = NULL;
  g_autoptr(ConvercDeliveryOutcomes) local = converc_delivery_outcomes_new (f->outcomes_file);
  g_autoptr(ConvercDeliveryExchange) earlier = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  ConvercDeliveryExchange *exchange;
  ConvercWebhook *webhook;
  const char *id;

  cw_endpoint_list_set_secret_scope (f->list, "account-1");
  refresh_and_wait (f->list);
  webhook = first_active (f);
  id = converc_webhook_get_id (webhook);

  /* An earlier outcome in the file (the delivery window's) stays. */
  earlier = converc_delivery_exchange_new_converc_test ("https://example.com/earlier", 204, NULL,
                                                        g_get_real_time () - G_USEC_PER_SEC);
  converc_delivery_outcomes_add (local, "account-1", id, earlier);
  g_assert_true (converc_delivery_outcomes_save (local, NULL, &error));
  g_assert_no_error (error);

  send_test_and_wait (f, id);
  WAIT_FOR (n_kept (f, id) == 2);
  kept = kept_outcomes (f, id);
  exchange = g_ptr_array_index (kept, 0);
  g_assert_cmpint (converc_delivery_exchange_get_origin (exchange), ==,
                   CONVERC_DELIVERY_ORIGIN_CONVERC);
  g_assert_cmpuint (converc_delivery_exchange_get_status (exchange), ==, 200);
  g_assert_true (converc_delivery_exchange_is_success (exchange));
  g_assert_cmpstr (converc_delivery_exchange_get_url (exchange), ==,
                   converc_webhook_get_url (webhook));
  g_assert_cmpstr (converc_delivery_exchange_get_url (g_ptr_array_index (kept, 1)), ==,
                   "https://example.com/earlier");
  g_clear_pointer (&kept, g_ptr_array_unref);

  /* Under the list's scope only. */
  {
    g_autoptr(ConvercDeliveryOutcomes) outcomes = converc_delivery_outcomes_new (f->outcomes_file);
    g_autoptr(GPtrArray) other = NULL;

    g_assert_true (converc_delivery_outcomes_load (outcomes, NULL, NULL));
    other = converc_delivery_outcomes_list (outcomes, base_url, id);
    g_assert_cmpuint (other->len, ==, 0);
  }

  /* A receiver that answers an error: its status, and the server's detail. */
  refusing = create_endpoint (f, refusing_url, NULL);
  send_test_and_wait (f, converc_webhook_get_id (refusing));
  WAIT_FOR (n_kept (f, converc_webhook_get_id (refusing)) == 1);
  kept = kept_outcomes (f, converc_webhook_get_id (refusing));
  exchange = g_ptr_array_index (kept, 0);
  g_assert_cmpuint (converc_delivery_exchange_get_status (exchange), >=, 400);
  g_assert_false (converc_delivery_exchange_is_success (exchange));
  g_assert_cmpuint (n_kept (f, id), ==, 2);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  GListModel *webhooks = cw_endpoint_list_get_webhooks (f->list);
  g_autoptr(GListModel) property = NULL;

  g_assert_false (cw_endpoint_list_get_loaded (f->list));
  g_assert_false (cw_endpoint_list_get_loading (f->list));
  g_object_get (f->list, "webhooks", &property, NULL);
  g_assert_true (property == webhooks);
  g_assert_true (g_list_model_get_item_type (webhooks) == CONVERC_TYPE_WEBHOOK);

  refresh_and_wait (f->list);
  g_assert_cmpuint (f->n_loading_notifies, ==, 2);
  g_assert_true (cw_endpoint_list_get_loaded (f->list));
  g_assert_null (cw_endpoint_list_get_last_error (f->list));
  g_assert_cmpuint (g_list_model_get_n_items (webhooks), ==,
                    converc_emulator_get_n_webhooks (f->server.emulator));
  g_assert_cmpuint (g_list_model_get_n_items (webhooks), >, 0);

  /* Without a client nothing happens. */
  cw_endpoint_list_set_client (f->list, NULL);
  cw_endpoint_list_refresh (f->list);
  g_assert_false (cw_endpoint_list_get_loading (f->list));
  g_assert_false (cw_endpoint_list_send_test (f->list, "wh_anything"));

  /* Clear forgets it all. */
  cw_endpoint_list_clear (f->list);
  g_assert_cmpuint (g_list_model_get_n_items (webhooks), ==, 0);
  g_assert_false (cw_endpoint_list_get_loaded (f->list));
}

static void
test_lookup (Fixture       *f,
             gconstpointer  data)
{
  GListModel *webhooks = cw_endpoint_list_get_webhooks (f->list);
  guint position = G_MAXUINT;

  refresh_and_wait (f->list);

  for (guint i = 0; i < g_list_model_get_n_items (webhooks); i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (webhooks, i);

      g_assert_true (cw_endpoint_list_lookup (f->list, converc_webhook_get_id (webhook),
                                              &position) == webhook);
      g_assert_cmpuint (position, ==, i);
      g_assert_true (cw_endpoint_list_lookup (f->list, converc_webhook_get_id (webhook),
                                              NULL) == webhook);
    }

  position = 42;
  g_assert_null (cw_endpoint_list_lookup (f->list, "wh_no_such_endpoint", &position));
  g_assert_cmpuint (position, ==, 42);
  g_assert_null (cw_endpoint_list_lookup (f->list, NULL, NULL));
}

static void
test_disable (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ConvercWebhook *webhook;
  g_autofree char *id = NULL;
  g_autofree char *updated = NULL;

  refresh_and_wait (f->list);
  webhook = first_active (f);
  g_assert_nonnull (webhook);
  id = g_strdup (converc_webhook_get_id (webhook));
  updated = g_strdup (converc_webhook_get_updated_at (webhook));

  cw_endpoint_list_disable_async (f->list, id, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, CW_TEST_WAIT_SECONDS);
  g_assert_true (cw_endpoint_list_disable_finish (f->list, result, &error));
  g_assert_no_error (error);

  /* Marked in the list, and the server agrees. */
  g_assert_false (converc_webhook_get_is_active (webhook));
  g_assert_cmpstr (converc_webhook_get_updated_at (webhook), !=, updated);
  refresh_and_wait (f->list);
  g_assert_false (converc_webhook_get_is_active (cw_endpoint_list_lookup (f->list, id, NULL)));

  /* An endpoint the server does not know: an error, the list as it was. */
  g_clear_object (&result);
  cw_endpoint_list_disable_async (f->list, "wh_no_such_endpoint",
                                  converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, CW_TEST_WAIT_SECONDS);
  g_assert_false (cw_endpoint_list_disable_finish (f->list, result, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (cw_endpoint_list_get_webhooks (f->list)), ==,
                    converc_emulator_get_n_webhooks (f->server.emulator));
}

/* A test event delivered: typed, newest first, pending while in flight. */
static void
test_outcome_delivered (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  CwTestOutcome *first;
  CwTestOutcome *second;
  GPtrArray *outcomes;
  const char *id;

  refresh_and_wait (f->list);
  id = converc_webhook_get_id (first_active (f));
  g_assert_null (cw_endpoint_list_get_outcomes (f->list, id));

  g_assert_true (cw_endpoint_list_send_test (f->list, id));
  g_assert_true (cw_endpoint_list_is_test_pending (f->list, id));
  g_assert_cmpuint (f->started->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->started, 0), ==, id);
  /* One test at a time per endpoint. */
  g_assert_false (cw_endpoint_list_send_test (f->list, id));
  g_assert_cmpuint (f->started->len, ==, 1);
  WAIT_FOR (f->outcomes->len == 1);
  after = g_date_time_new_now_utc ();

  first = g_ptr_array_index (f->outcomes, 0);
  g_assert_false (cw_endpoint_list_is_test_pending (f->list, id));
  g_assert_true (first->delivered);
  g_assert_cmpint (first->status, ==, 200);
  g_assert_null (first->error);
  g_assert_cmpint (first->retry_after, ==, -1);
  g_assert_cmpint (g_date_time_compare (before, first->when), <=, 0);
  g_assert_cmpint (g_date_time_compare (first->when, after), <=, 0);
  g_assert_cmpuint (converc_emulator_get_n_deliveries (f->server.emulator), >=, 1);

  second = send_test_and_wait (f, id);
  outcomes = cw_endpoint_list_get_outcomes (f->list, id);
  g_assert_cmpuint (outcomes->len, ==, 2);
  g_assert_true (g_ptr_array_index (outcomes, 0) == second);
  g_assert_true (g_ptr_array_index (outcomes, 1) == first);
}

/* Deliveries that fail: the receiver cannot be reached (no status, the
 * reason in the detail) or answers an error status. */
static void
test_outcome_failed (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *unreachable_url = g_strdup_printf ("http://127.0.0.1:%u/hook",
                                                      converc_test_get_unused_port ());
  const char *base_url = converc_emulator_get_base_url (f->server.emulator);
  g_autofree char *refusing_url = g_strdup_printf ("%s/not-a-receiver", base_url);
  g_autoptr(ConvercWebhook) unreachable = NULL;
  g_autoptr(ConvercWebhook) refusing = NULL;
  CwTestOutcome *outcome;

  unreachable = create_endpoint (f, unreachable_url, NULL);
  outcome = send_test_and_wait (f, converc_webhook_get_id (unreachable));
  g_assert_false (outcome->delivered);
  g_assert_cmpint (outcome->status, ==, 0);
  g_assert_null (outcome->error);
  g_assert_nonnull (outcome->detail);
  g_assert_cmpstr (outcome->detail, !=, "");
  g_test_message ("unreachable: %s", outcome->detail);

  refusing = create_endpoint (f, refusing_url, NULL);
  outcome = send_test_and_wait (f, converc_webhook_get_id (refusing));
  g_assert_false (outcome->delivered);
  g_assert_cmpint (outcome->status, >=, 400);
  g_assert_cmpint (outcome->status, <, 600);
  g_assert_null (outcome->error);

  /* Each endpoint keeps its own outcomes. */
  g_assert_cmpuint (outcomes_of (f, unreachable)->len, ==, 1);
  g_assert_cmpuint (outcomes_of (f, refusing)->len, ==, 1);
}

/* The test request itself fails: the outcome keeps the GError, untranslated. */
static void
test_outcome_request_failed (Fixture       *f,
                             gconstpointer  data)
{
  CwTestOutcome *outcome;
  g_autofree char *id = NULL;

  refresh_and_wait (f->list);
  id = g_strdup (converc_webhook_get_id (first_active (f)));

  converc_emulator_set_rate_limited (f->server.emulator, TRUE, "30");
  outcome = send_test_and_wait (f, id);
  g_assert_false (outcome->delivered);
  g_assert_cmpint (outcome->status, ==, 0);
  g_assert_error (outcome->error, CONVERC_ERROR, CONVERC_ERROR_RATE_LIMITED);
  g_assert_cmpint (outcome->retry_after, ==, 30);

  converc_emulator_reset_knobs (f->server.emulator);
  converc_emulator_set_forced_status (f->server.emulator, 500, NULL);
  outcome = send_test_and_wait (f, id);
  g_assert_error (outcome->error, CONVERC_ERROR, CONVERC_ERROR_SERVER);
  g_assert_false (cw_endpoint_list_is_test_pending (f->list, id));
}

/* The secret of an endpoint made here goes to the store; the list
 * remembers that this run created it. */
static void
test_created_here (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *secret = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwEndpointList) keyless = cw_endpoint_list_new ();
  const char *id;

  refresh_and_wait (f->list);
  webhook = create_endpoint (f, "https://example.com/made-here", &secret);
  id = converc_webhook_get_id (webhook);
  g_assert_true (cw_endpoint_list_lookup (f->list, id, NULL) == webhook);
  g_assert_false (cw_endpoint_list_is_created_here (f->list, id));

  cw_endpoint_list_store_secret_async (f->list, webhook, secret,
                                       converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, CW_TEST_WAIT_SECONDS);
  g_assert_true (cw_endpoint_list_store_secret_finish (f->list, result, &error));
  g_assert_no_error (error);
  g_assert_true (cw_endpoint_list_is_created_here (f->list, id));
  stored = converc_secret_store_lookup_sync (f->server.store,
                                             converc_emulator_get_base_url (f->server.emulator),
                                             id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, secret);

  /* The seeded endpoints were not made here. */
  g_assert_false (cw_endpoint_list_is_created_here (f->list,
                                                    converc_webhook_get_id (first_active (f))));

  /* No secret store: an error, and nothing recorded. */
  g_clear_object (&result);
  cw_endpoint_list_set_client (keyless, f->server.client);
  cw_endpoint_list_store_secret_async (keyless, webhook, secret,
                                       converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, CW_TEST_WAIT_SECONDS);
  g_assert_false (cw_endpoint_list_store_secret_finish (keyless, result, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING);
  g_assert_false (cw_endpoint_list_is_created_here (keyless, id));
}

/* A failed refresh keeps the list and says why, as a GError. */
static void
test_errors_keep_list (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *webhooks = cw_endpoint_list_get_webhooks (f->list);
  g_autoptr(CwEndpointList) fresh = cw_endpoint_list_new ();
  g_autoptr(GError) property = NULL;
  guint n;

  refresh_and_wait (f->list);
  n = g_list_model_get_n_items (webhooks);

  converc_emulator_set_forced_status (f->server.emulator, 500, NULL);
  refresh_and_wait (f->list);
  g_assert_error (cw_endpoint_list_get_last_error (f->list), CONVERC_ERROR, CONVERC_ERROR_SERVER);
  g_object_get (f->list, "last-error", &property, NULL);
  g_assert_error (property, CONVERC_ERROR, CONVERC_ERROR_SERVER);
  g_assert_cmpuint (g_list_model_get_n_items (webhooks), ==, n);
  g_assert_true (cw_endpoint_list_get_loaded (f->list));

  converc_emulator_reset_knobs (f->server.emulator);
  converc_emulator_set_rate_limited (f->server.emulator, TRUE, "30");
  refresh_and_wait (f->list);
  g_assert_error (cw_endpoint_list_get_last_error (f->list),
                  CONVERC_ERROR, CONVERC_ERROR_RATE_LIMITED);
  g_assert_cmpint (cw_endpoint_list_get_last_retry_after (f->list), ==, 30);
  g_assert_cmpuint (g_list_model_get_n_items (webhooks), ==, n);

  converc_emulator_reset_knobs (f->server.emulator);
  refresh_and_wait (f->list);
  g_assert_null (cw_endpoint_list_get_last_error (f->list));
  g_assert_cmpint (cw_endpoint_list_get_last_retry_after (f->list), ==, -1);

  /* A list that never loaded: not loaded, the error kept. */
  converc_emulator_set_forced_status (f->server.emulator, 401, NULL);
  cw_endpoint_list_set_client (fresh, f->server.client);
  refresh_and_wait (fresh);
  g_assert_false (cw_endpoint_list_get_loaded (fresh));
  g_assert_error (cw_endpoint_list_get_last_error (fresh),
                  CONVERC_ERROR, CONVERC_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (g_list_model_get_n_items (cw_endpoint_list_get_webhooks (fresh)), ==, 0);
}

/* Another client: what was in flight is dropped, the new client works. */
static void
test_cancel_on_client_change (Fixture       *f,
                              gconstpointer  data)
{
  GListModel *webhooks = cw_endpoint_list_get_webhooks (f->list);
  g_autoptr(ConvercClient) other = NULL;
  g_autofree char *id = NULL;
  guint n_requests;

  refresh_and_wait (f->list);
  id = g_strdup (converc_webhook_get_id (first_active (f)));
  cw_endpoint_list_clear (f->list);

  converc_emulator_set_latency (f->server.emulator, 500);
  n_requests = converc_emulator_get_n_requests (f->server.emulator);
  cw_endpoint_list_refresh (f->list);
  g_assert_true (cw_endpoint_list_send_test (f->list, id));
  g_assert_true (cw_endpoint_list_get_loading (f->list));
  /* Both requests reached the server, which answers them later. */
  WAIT_FOR (converc_emulator_get_n_requests (f->server.emulator) >= n_requests + 2);

  other = converc_client_new (converc_emulator_get_base_url (f->server.emulator),
                              converc_emulator_get_api_key (f->server.emulator));
  cw_endpoint_list_set_client (f->list, other);
  g_assert_true (cw_endpoint_list_get_client (f->list) == other);
  g_assert_false (cw_endpoint_list_get_loading (f->list));
  g_assert_false (cw_endpoint_list_is_test_pending (f->list, id));

  /* Their answers, which would have come by now, were dropped. */
  iterate_for (1500);
  g_assert_cmpuint (g_list_model_get_n_items (webhooks), ==, 0);
  g_assert_false (cw_endpoint_list_get_loaded (f->list));
  g_assert_null (cw_endpoint_list_get_last_error (f->list));
  g_assert_cmpuint (f->outcomes->len, ==, 0);
  g_assert_null (cw_endpoint_list_get_outcomes (f->list, id));

  converc_emulator_reset_knobs (f->server.emulator);
  refresh_and_wait (f->list);
  g_assert_cmpuint (g_list_model_get_n_items (webhooks), ==,
                    converc_emulator_get_n_webhooks (f->server.emulator));
}

/* Disposed with a request in flight: the request is cancelled and its
 * answer does not touch the list that is gone. */
static void
test_cancel_on_dispose (Fixture       *f,
                        gconstpointer  data)
{
  CwEndpointList *list = cw_endpoint_list_new ();

  cw_endpoint_list_set_client (list, f->server.client);
  converc_emulator_set_latency (f->server.emulator, 300);
  cw_endpoint_list_refresh (list);
  g_assert_true (cw_endpoint_list_get_loading (list));
  g_assert_true (cw_endpoint_list_send_test (list, "wh_whatever"));

  g_assert_finalize_object (list);

  iterate_for (800);
  converc_emulator_reset_knobs (f->server.emulator);
}

static void
test_outcome_boxed (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = g_error_new_literal (CONVERC_ERROR, CONVERC_ERROR_NETWORK, "down");
  CwTestOutcome *outcome = cw_test_outcome_new (now, FALSE, 0, NULL, error, 12);
  CwTestOutcome *copy = g_boxed_copy (CW_TYPE_TEST_OUTCOME, outcome);

  g_assert_true (copy == outcome);
  g_assert_true (outcome->when == now);
  g_assert_error (outcome->error, CONVERC_ERROR, CONVERC_ERROR_NETWORK);
  g_assert_true (outcome->error != error);
  g_assert_cmpint (outcome->retry_after, ==, 12);
  g_boxed_free (CW_TYPE_TEST_OUTCOME, copy);
  cw_test_outcome_unref (outcome);

  outcome = cw_test_outcome_new (now, TRUE, 204, "fine", NULL, 12);
  g_assert_true (outcome->delivered);
  g_assert_cmpint (outcome->status, ==, 204);
  g_assert_cmpstr (outcome->detail, ==, "fine");
  g_assert_cmpint (outcome->retry_after, ==, -1);
  cw_test_outcome_unref (outcome);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/cw/endpoint-list/outcome-boxed", test_outcome_boxed);
  g_test_add ("/cw/endpoint-list/list", Fixture, NULL, fixture_setup, test_list, fixture_teardown);
  g_test_add ("/cw/endpoint-list/lookup", Fixture, NULL, fixture_setup,
              test_lookup, fixture_teardown);
  g_test_add ("/cw/endpoint-list/disable", Fixture, NULL, fixture_setup,
              test_disable, fixture_teardown);
  g_test_add ("/cw/endpoint-list/outcome-delivered", Fixture, NULL, fixture_setup,
              test_outcome_delivered, fixture_teardown);
  g_test_add ("/cw/endpoint-list/outcome-failed", Fixture, NULL, fixture_setup,
              test_outcome_failed, fixture_teardown);
  g_test_add ("/cw/endpoint-list/outcomes-kept", Fixture, NULL, fixture_setup,
              test_outcomes_kept, fixture_teardown);
  g_test_add ("/cw/endpoint-list/outcome-request-failed", Fixture, NULL, fixture_setup,
              test_outcome_request_failed, fixture_teardown);
  g_test_add ("/cw/endpoint-list/created-here", Fixture, NULL, fixture_setup,
              test_created_here, fixture_teardown);
  g_test_add ("/cw/endpoint-list/errors-keep-list", Fixture, NULL, fixture_setup,
              test_errors_keep_list, fixture_teardown);
  g_test_add ("/cw/endpoint-list/cancel-on-client-change", Fixture, NULL, fixture_setup,
              test_cancel_on_client_change, fixture_teardown);
  g_test_add ("/cw/endpoint-list/cancel-on-dispose", Fixture, NULL, fixture_setup,
              test_cancel_on_dispose, fixture_teardown);

  return g_test_run ();
}
