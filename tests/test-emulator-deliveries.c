/* test-emulator-deliveries.c
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

/* The one concern of this file: the emulator's deliveries — the test
 * event sent to an endpoint's URL, signed, and what an unreachable, slow
 * or failing receiver makes of it; the demo receiver; emitted deliveries. */

#define G_LOG_DOMAIN "test-emulator-deliveries"

#include "config.h"

#include <string.h>

#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "converc-parse.h"
#include "converc-signature.h"
#include "converc-test-emulator.h"
#include "converc-test-utils.h"

static void
assert_signed_delivery (Receiver   *receiver,
                        guint       index,
                        const char *secret,
                        const char *type)
{
  SoupMessageHeaders *headers = g_ptr_array_index (receiver->headers, index);
  GBytes *body = g_ptr_array_index (receiver->bodies, index);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *event;
  const char *signature = soup_message_headers_get_one (headers, "X-IC-Signature");
  gsize len;
  const guint8 *data = g_bytes_get_data (body, &len);

  g_assert_nonnull (signature);
  g_assert_true (g_regex_match_simple ("^t=\\d+,v1=[0-9a-f]{64}$", signature, 0, 0));
  g_assert_true (converc_signature_verify (secret, signature, data, len,
                                           g_get_real_time () / G_USEC_PER_SEC,
                                           CONVERC_SIGNATURE_DEFAULT_TOLERANCE, &error));
  g_assert_no_error (error);
  g_assert_false (converc_signature_verify ("whsec_wrong", signature, data, len,
                                            g_get_real_time () / G_USEC_PER_SEC,
                                            CONVERC_SIGNATURE_DEFAULT_TOLERANCE, NULL));
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==,
                   "application/json");

  event = parse_object (body, &node);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-IC-Event"), ==, type);
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, type);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-IC-Id"), ==,
                   json_object_get_string_member (event, "id"));
}

static void
test_send_test_event (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Receiver) receiver = receiver_new (202);
  g_autofree char *url = g_strconcat (receiver->url, "/hook", NULL);
  g_autofree char *secret = NULL;
  g_autofree char *id = create_webhook (emu, url, "[\"call.ended\"]", &secret);
  g_autofree char *json = g_strdup_printf ("{\"webhookId\": \"%s\"}", id);
  g_autoptr(Response) r = NULL;
  g_autoptr(Response) r2 = NULL;
  g_autoptr(Response) events = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) node2 = NULL;
  g_autoptr(JsonNode) node3 = NULL;
  JsonObject *object;
  const ConvercEmulatorDelivery *d;
  JsonArray *array;

  r = request (emu, "POST", "/integrations/webhooks/test", KEY, json);
  g_assert_cmpuint (r->status, ==, 200);
  object = parse_object (r->body, &node);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, 202);
  g_assert_true (json_object_get_null_member (object, "error"));

  g_assert_cmpuint (receiver->bodies->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (receiver->paths, 0), ==, "/hook");
  assert_signed_delivery (receiver, 0, secret, "webhook.test");

  g_assert_cmpuint (converc_emulator_get_n_deliveries (emu), ==, 1);
  d = converc_emulator_get_delivery (emu, 0);
  g_assert_cmpstr (d->webhook_id, ==, id);
  g_assert_cmpstr (d->event_type, ==, "webhook.test");
  g_assert_cmpint (d->status, ==, 202);
  g_assert_null (d->error);

  /* The test event is kept, and the delivered bytes are its raw JSON */
  events = request (emu, "GET", "/webhooks/events?eventType=webhook.test", KEY, NULL);
  array = parse_array (events->body, &node2);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "id"), ==, d->event_id);
  {
    gsize len;
    const char *raw = g_bytes_get_data (events->body, &len);
    GBytes *delivered = g_ptr_array_index (receiver->bodies, 0);

    g_assert_cmpuint (len, ==, g_bytes_get_size (delivered) + 2);
    g_assert_cmpmem (raw + 1, len - 2, g_bytes_get_data (delivered, NULL),
                     g_bytes_get_size (delivered));
  }

  /* The receiver's status is passed on as it is, errors included */
  receiver->status = 500;
  r2 = request (emu, "POST", "/integrations/webhooks/test", KEY, json);
  g_assert_cmpuint (r2->status, ==, 200);
  object = parse_object (r2->body, &node3);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, 500);
  g_assert_cmpint (converc_emulator_get_delivery (emu, 1)->status, ==, 500);
}

static void
test_send_test_event_unreachable (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/hook",
                                          converc_test_get_unused_port ());
  g_autofree char *id = create_webhook (emu, url, NULL, NULL);
  g_autofree char *json = g_strdup_printf ("{\"webhookId\": \"%s\"}", id);
  g_autoptr(Response) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  const ConvercEmulatorDelivery *d;

  r = request (emu, "POST", "/integrations/webhooks/test", KEY, json);
  g_assert_cmpuint (r->status, ==, 200);
  object = parse_object (r->body, &node);
  g_assert_false (json_object_get_boolean_member (object, "ok"));
  g_assert_true (json_object_get_null_member (object, "status"));
  g_assert_nonnull (json_object_get_string_member (object, "error"));
  g_assert_cmpstr (json_object_get_string_member (object, "error"), !=, "");

  d = converc_emulator_get_delivery (emu, 0);
  g_assert_cmpint (d->status, ==, 0);
  g_assert_nonnull (d->error);
}

static void
test_send_test_event_timeout (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Receiver) receiver = receiver_new (200);
  g_autofree char *url = g_strconcat (receiver->url, "/never", NULL);
  g_autofree char *id = create_webhook (emu, url, NULL, NULL);
  g_autofree char *json = g_strdup_printf ("{\"webhookId\": \"%s\"}", id);
  g_autoptr(Response) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  /* A receiver that accepts and never answers: the delivery times out */
  receiver->hang = TRUE;
  converc_emulator_set_delivery_timeout (emu, 1);
  r = request (emu, "POST", "/integrations/webhooks/test", KEY, json);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (r->elapsed_usec, >=, 900 * 1000);
  object = parse_object (r->body, &node);
  g_assert_false (json_object_get_boolean_member (object, "ok"));
  g_assert_true (json_object_get_null_member (object, "status"));
  g_test_message ("error: %s", json_object_get_string_member (object, "error"));
  g_assert_nonnull (json_object_get_string_member (object, "error"));
  g_assert_cmpuint (receiver->bodies->len, ==, 1);
}

static void
test_send_test_event_errors (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  const struct {
    const char *json;
    guint       status;
    const char *error;
  } cases[] = {
    { "{}", 400, "webhookId is required" },
    { "{\"webhookId\": 12}", 400, "webhookId is required" },
    { "{\"webhookId\": \"\"}", 400, "webhookId is required" },
    { "garbage", 400, NULL },
    { "{\"webhookId\": \"wh_unknown\"}", 404, "Webhook not found" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Response) r = request (emu, "POST", "/integrations/webhooks/test", KEY,
                                       cases[i].json);
      g_autoptr(JsonNode) node = NULL;

      g_assert_cmpuint (r->status, ==, cases[i].status);
      if (cases[i].error != NULL)
        assert_error_message (r->body, cases[i].error);
      else
        g_assert_nonnull (json_object_get_member (parse_object (r->body, &node), "error"));
    }

  g_assert_cmpuint (converc_emulator_get_n_deliveries (emu), ==, 0);
}

static void
test_demo_receiver (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) list = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *webhooks;

  /* Seeding after start uses the real port at once */
  converc_emulator_seed (emu, 5, 1);
  list = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
  webhooks = json_object_get_array_member (parse_object (list->body, &node), "webhooks");

  for (guint i = 0; i < json_array_get_length (webhooks); i++)
    {
      JsonObject *w = json_array_get_object_element (webhooks, i);
      g_autofree char *json = g_strdup_printf ("{\"webhookId\": \"%s\"}",
                                               json_object_get_string_member (w, "id"));
      g_autoptr(Response) r = request (emu, "POST", "/integrations/webhooks/test", KEY, json);
      g_autoptr(JsonNode) result = NULL;
      JsonObject *object = parse_object (r->body, &result);

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_true (json_object_get_boolean_member (object, "ok"));
      g_assert_cmpint (json_object_get_int_member (object, "status"), ==, 200);
    }

  /* A forged delivery is refused by the demo receiver; it needs no API key */
  {
    g_autoptr(Response) forged = NULL;
    g_autoptr(Response) unsigned_ = NULL;
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) msg = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
    g_autoptr(GBytes) answer = NULL;
    g_autofree char *url = g_strconcat (converc_emulator_get_base_url (emu),
                                        "/demo-receiver/crm", NULL);
    g_autofree char *header = converc_signature_header ("whsec_forged",
                                                        g_get_real_time () / G_USEC_PER_SEC,
                                                        (const guint8 *)"{}", 2);
    guint n_requests = converc_emulator_get_n_requests (emu);

    msg = soup_message_new ("POST", url);
    soup_message_headers_replace (soup_message_get_request_headers (msg),
                                  "X-IC-Signature", header);
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
    soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                      converc_test_store_result_cb, &result);
    converc_test_wait_for_result (&result, 10);
    answer = soup_session_send_and_read_finish (session, result, NULL);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
    g_assert_cmpuint (converc_emulator_get_n_requests (emu), ==, n_requests);
  }
}

static void
test_emit_deliveries (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Receiver) receiver = receiver_new (200);
  g_autofree char *url_ended = g_strconcat (receiver->url, "/ended", NULL);
  g_autofree char *url_all = g_strconcat (receiver->url, "/all", NULL);
  g_autofree char *url_missed = g_strconcat (receiver->url, "/missed", NULL);
  g_autofree char *url_disabled = g_strconcat (receiver->url, "/disabled", NULL);
  g_autofree char *secret_ended = NULL;
  g_autofree char *secret_all = NULL;
  g_autofree char *id_ended = create_webhook (emu, url_ended, "[\"call.ended\"]",
                                              &secret_ended);
  g_autofree char *id_all = create_webhook (emu, url_all, "[]", &secret_all);
  g_autofree char *id_missed = create_webhook (emu, url_missed, "[\"call.missed\"]", NULL);
  g_autofree char *id_disabled = create_webhook (emu, url_disabled, NULL, NULL);
  g_autofree char *path = g_strconcat ("/integrations/webhooks/", id_disabled, NULL);
  g_autoptr(Response) del = request (emu, "DELETE", path, KEY, NULL);
  guint n_events = converc_emulator_get_n_events (emu);

  g_assert_cmpuint (del->status, ==, 200);

  converc_emulator_emit_event (emu, "call.ended");
  g_assert_cmpuint (converc_emulator_get_n_events (emu), ==, n_events + 1);
  wait_for_deliveries (emu, 2);
  wait_ms (50);
  g_assert_cmpuint (converc_emulator_get_n_deliveries (emu), ==, 2);
  g_assert_cmpuint (receiver->bodies->len, ==, 2);

  for (guint i = 0; i < receiver->bodies->len; i++)
    {
      const char *p = g_ptr_array_index (receiver->paths, i);

      if (g_str_equal (p, "/ended"))
        assert_signed_delivery (receiver, i, secret_ended, "call.ended");
      else if (g_str_equal (p, "/all"))
        assert_signed_delivery (receiver, i, secret_all, "call.ended");
      else
        g_assert_not_reached ();
    }

  for (guint i = 0; i < 2; i++)
    {
      const ConvercEmulatorDelivery *d = converc_emulator_get_delivery (emu, i);

      g_assert_cmpint (d->status, ==, 200);
      g_assert_null (d->error);
      g_assert_cmpstr (d->event_type, ==, "call.ended");
      g_assert_true (g_str_equal (d->webhook_id, id_ended) ||
                     g_str_equal (d->webhook_id, id_all));
    }

  /* call.missed goes to the "missed" and the "all" endpoints only */
  converc_emulator_emit_event (emu, "call.missed");
  wait_for_deliveries (emu, 4);
  wait_ms (50);
  g_assert_cmpuint (converc_emulator_get_n_deliveries (emu), ==, 4);
  for (guint i = 2; i < 4; i++)
    {
      const ConvercEmulatorDelivery *d = converc_emulator_get_delivery (emu, i);

      g_assert_true (g_str_equal (d->webhook_id, id_missed) ||
                     g_str_equal (d->webhook_id, id_all));
    }

  /* The undocumented type goes to "all events" endpoints */
  converc_emulator_emit_event (emu, "call.event");
  wait_for_deliveries (emu, 5);
  wait_ms (50);
  g_assert_cmpuint (converc_emulator_get_n_deliveries (emu), ==, 5);
  g_assert_cmpstr (converc_emulator_get_delivery (emu, 4)->webhook_id, ==, id_all);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/emulator/send-test-event", test_send_test_event);
  g_test_add_func ("/converc/emulator/send-test-event-unreachable",
                   test_send_test_event_unreachable);
  g_test_add_func ("/converc/emulator/send-test-event-timeout", test_send_test_event_timeout);
  g_test_add_func ("/converc/emulator/send-test-event-errors", test_send_test_event_errors);
  g_test_add_func ("/converc/emulator/demo-receiver", test_demo_receiver);
  g_test_add_func ("/converc/emulator/emit-deliveries", test_emit_deliveries);

  return g_test_run ();
}
