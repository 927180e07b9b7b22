/* test-emulator.c
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

/* The one concern of this file: the emulator as a server — starting on
 * loopback or in a thread, the API key, endpoints created, listed and
 * disabled, seeding, its knobs (latency, forced status, rate limit,
 * malformed answers), large answers, and stopping with requests in flight.
 * Its events endpoint is test-emulator-events.c's; its deliveries,
 * test-emulator-deliveries.c's. */

#define G_LOG_DOMAIN "test-emulator"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "converc-parse.h"
#include "converc-signature.h"
#include "converc-test-emulator.h"
#include "converc-test-utils.h"

static void
seed_in_thread_cb (ConvercEmulator *emulator,
                   gpointer         data)
{
  GThread **seeded_in = data;

  converc_emulator_seed (emulator, 5, 7);
  *seeded_in = g_thread_self ();
}

/* An emulator in a thread of its own answers while this thread only waits
 * for the answer, with what its @then callback made there. */
static void
test_thread (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Response) r = NULL;
  GThread *seeded_in = NULL;
  ConvercEmulatorThread *server;
  JsonArray *webhooks;

  server = converc_emulator_thread_start ("cvk_thread_test_key", seed_in_thread_cb,
                                          &seeded_in, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server);
  g_assert_true (g_str_has_prefix (converc_emulator_thread_get_base_url (server), "http://127.0.0.1:"));
  g_assert_cmpstr (converc_emulator_thread_get_api_key (server), ==, "cvk_thread_test_key");

  r = request_at (converc_emulator_thread_get_base_url (server), "GET", "/integrations/webhooks",
                  "cvk_thread_test_key", NULL);
  g_assert_cmpuint (r->status, ==, 200);
  webhooks = json_object_get_array_member (parse_object (r->body, &root), "webhooks");
  g_assert_cmpuint (json_array_get_length (webhooks), ==, 4);

  converc_emulator_thread_stop (server);
  g_assert_nonnull (seeded_in);
  g_assert_true (seeded_in != g_thread_self ());
}

static void
test_start_loopback (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(GUri) uri = NULL;
  const char *base = converc_emulator_get_base_url (emu);

  g_assert_nonnull (base);
  g_assert_true (g_str_has_prefix (base, "http://127.0.0.1:"));
  g_assert_false (g_str_has_suffix (base, "/"));
  uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (uri);
  g_assert_cmpint (g_uri_get_port (uri), >, 0);
  g_assert_cmpstr (converc_emulator_get_api_key (emu), ==, KEY);

  converc_emulator_stop (emu);
  g_assert_null (converc_emulator_get_base_url (emu));

  /* Default key */
  {
    g_autoptr(ConvercEmulator) demo = converc_emulator_new (NULL);
    g_assert_cmpstr (converc_emulator_get_api_key (demo), ==, CONVERC_EMULATOR_DEMO_KEY);
    g_assert_null (converc_emulator_get_base_url (demo));
  }
}

static void
test_auth (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  const char *paths[] = { "/integrations/webhooks", "/webhooks/events", "/nope" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Response) none = request (emu, "GET", paths[i], NULL, NULL);
      g_autoptr(Response) wrong = request (emu, "GET", paths[i], "wrong-key", NULL);
      g_autoptr(Response) prefix = request (emu, "GET", paths[i], "test-key-012", NULL);

      g_assert_cmpuint (none->status, ==, 401);
      assert_error_message (none->body, "Invalid API key");
      g_assert_cmpuint (wrong->status, ==, 401);
      assert_error_message (wrong->body, "Invalid API key");
      g_assert_cmpuint (prefix->status, ==, 401);
    }

  {
    g_autoptr(Response) ok = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
    g_autoptr(Response) missing = request (emu, "GET", "/nope", KEY, NULL);

    g_assert_cmpuint (ok->status, ==, 200);
    g_assert_cmpstr (soup_message_headers_get_content_type (ok->headers, NULL), ==,
                     "application/json");
    g_assert_cmpuint (missing->status, ==, 404);
  }

  g_assert_cmpuint (converc_emulator_get_n_requests (emu), ==, 11);
}

static void
test_create (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) r = NULL;
  g_autoptr(Response) r2 = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) node2 = NULL;
  JsonObject *object;
  JsonObject *webhook;
  JsonArray *events;
  const char *secret;

  r = request (emu, "POST", "/integrations/webhooks", KEY,
               "{\"url\": \"https://example.com/hooks/converc\", "
               "\"events\": [\"call.ended\", \"call.missed\", \"call.ended\"]}");
  g_assert_cmpuint (r->status, ==, 201);
  object = parse_object (r->body, &node);

  secret = json_object_get_string_member (object, "secret");
  g_assert_true (g_str_has_prefix (secret, "whsec_"));
  g_assert_cmpuint (strlen (secret), ==, 6 + 64);

  webhook = json_object_get_object_member (object, "webhook");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (webhook, "id"), "wh_"));
  g_assert_cmpstr (json_object_get_string_member (webhook, "url"), ==,
                   "https://example.com/hooks/converc");
  g_assert_true (json_object_get_boolean_member (webhook, "isActive"));
  assert_iso_timestamp (json_object_get_string_member (webhook, "createdAt"));
  assert_iso_timestamp (json_object_get_string_member (webhook, "updatedAt"));
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$",
                                       json_object_get_string_member (webhook, "createdAt"),
                                       0, 0));
  events = json_object_get_array_member (webhook, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (events, 0), ==, "call.ended");
  g_assert_cmpstr (json_array_get_string_element (events, 1), ==, "call.missed");

  g_assert_cmpstr (converc_emulator_get_secret (emu, json_object_get_string_member (webhook,
                                                                                    "id")),
                   ==, secret);
  g_assert_null (converc_emulator_get_secret (emu, "wh_nope"));

  /* Without events: every type, an empty list */
  r2 = request (emu, "POST", "/integrations/webhooks", KEY,
                "{\"url\": \"http://10.0.0.5:8080/x\"}");
  g_assert_cmpuint (r2->status, ==, 201);
  object = parse_object (r2->body, &node2);
  webhook = json_object_get_object_member (object, "webhook");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (webhook, "events")),
                    ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "secret"), !=, secret);

  g_assert_cmpuint (converc_emulator_get_n_webhooks (emu), ==, 2);
}

static void
test_create_invalid (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  const struct {
    const char *json;
    guint       status;
    const char *message;
  } cases[] = {
    { "not json", 400, "JSON" },
    { "[1, 2]", 400, "JSON" },
    { "{}", 422, "url is required" },
    { "{\"url\": null}", 422, "url is required" },
    { "{\"url\": 42}", 422, "string" },
    { "{\"url\": \"example.com/hook\"}", 422, "URL" },
    { "{\"url\": \"ftp://example.com/hook\"}", 422, "http" },
    { "{\"url\": \"http:///nohost\"}", 422, "host" },
    { "{\"url\": \"https://example.com\", \"events\": \"call.ended\"}", 422, "array" },
    { "{\"url\": \"https://example.com\", \"events\": [1]}", 422, "array" },
    { "{\"url\": \"https://example.com\", \"events\": [\"call.ended\", \"call.exploded\"]}",
      422, "call.exploded" },
    { "{\"url\": \"https://example.com\", \"events\": [\"call.event\"]}", 422, "call.event" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Response) r = request (emu, "POST", "/integrations/webhooks", KEY,
                                       cases[i].json);

      g_test_message ("body: %s", cases[i].json);
      g_assert_cmpuint (r->status, ==, cases[i].status);
      assert_error_message (r->body, cases[i].message);
    }

  g_assert_cmpuint (converc_emulator_get_n_webhooks (emu), ==, 0);
}

static void
test_list_seeded (void)
{
  g_autoptr(ConvercEmulator) emu = converc_emulator_new (KEY);
  g_autoptr(Response) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *webhooks;
  guint n_inactive = 0;
  guint n_all = 0;

  /* Seeding before start: receiver URLs are fixed up at start */
  converc_emulator_seed (emu, 20, 7);
  converc_emulator_start (emu, 0, &error);
  g_assert_no_error (error);

  r = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  webhooks = json_object_get_array_member (parse_object (r->body, &node), "webhooks");
  g_assert_cmpuint (json_array_get_length (webhooks), ==, 4);
  g_assert_cmpuint (converc_emulator_get_n_webhooks (emu), ==, 4);

  for (guint i = 0; i < json_array_get_length (webhooks); i++)
    {
      JsonObject *w = json_array_get_object_element (webhooks, i);
      g_autofree char *prefix = g_strconcat (converc_emulator_get_base_url (emu),
                                             "/demo-receiver/", NULL);

      g_assert_true (g_str_has_prefix (json_object_get_string_member (w, "id"), "wh_"));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (w, "url"), prefix));
      assert_iso_timestamp (json_object_get_string_member (w, "createdAt"));
      assert_iso_timestamp (json_object_get_string_member (w, "updatedAt"));
      g_assert_false (json_object_has_member (w, "secret"));
      if (!json_object_get_boolean_member (w, "isActive"))
        n_inactive++;
      if (json_array_get_length (json_object_get_array_member (w, "events")) == 0)
        n_all++;
    }

  g_assert_cmpuint (n_inactive, ==, 1);
  g_assert_cmpuint (n_all, ==, 1);
  g_assert_cmpuint (converc_emulator_get_n_events (emu), ==, 20);
}

static void
test_disable (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autofree char *id = create_webhook (emu, "https://example.com/a", NULL, NULL);
  g_autofree char *path = g_strconcat ("/integrations/webhooks/", id, NULL);
  g_autoptr(Response) before = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
  g_autoptr(Response) r = NULL;
  g_autoptr(Response) after = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(Response) unknown = NULL;
  g_autoptr(Response) get_one = NULL;
  g_autoptr(JsonNode) n1 = NULL;
  g_autoptr(JsonNode) n2 = NULL;
  g_autoptr(JsonNode) n3 = NULL;
  JsonObject *object;
  JsonObject *w1;
  JsonObject *w2;

  wait_ms (5);
  r = request (emu, "DELETE", path, KEY, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  object = parse_object (r->body, &n1);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpstr (json_object_get_string_member (object, "webhookId"), ==, id);
  g_assert_false (json_object_get_boolean_member (object, "isActive"));

  after = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
  w1 = json_array_get_object_element (json_object_get_array_member (parse_object (before->body,
                                                                                  &n2),
                                                                    "webhooks"), 0);
  w2 = json_array_get_object_element (json_object_get_array_member (parse_object (after->body,
                                                                                  &n3),
                                                                    "webhooks"), 0);
  g_assert_true (json_object_get_boolean_member (w1, "isActive"));
  g_assert_false (json_object_get_boolean_member (w2, "isActive"));
  g_assert_cmpstr (json_object_get_string_member (w1, "createdAt"), ==,
                   json_object_get_string_member (w2, "createdAt"));
  g_assert_cmpstr (json_object_get_string_member (w1, "updatedAt"), !=,
                   json_object_get_string_member (w2, "updatedAt"));

  /* Disabling twice is fine */
  again = request (emu, "DELETE", path, KEY, NULL);
  g_assert_cmpuint (again->status, ==, 200);

  unknown = request (emu, "DELETE", "/integrations/webhooks/wh_doesnotexist", KEY, NULL);
  g_assert_cmpuint (unknown->status, ==, 404);
  assert_error_message (unknown->body, "Webhook not found");

  /* There is no get-one */
  get_one = request (emu, "GET", path, KEY, NULL);
  g_assert_cmpuint (get_one->status, ==, 405);
}

static char *
events_without_ports (ConvercEmulator *emu)
{
  g_autoptr(Response) events = request (emu, "GET", "/webhooks/events?display=100000", KEY,
                                        NULL);
  g_autoptr(Response) hooks = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
  g_autofree char *a = g_strndup (g_bytes_get_data (events->body, NULL),
                                  g_bytes_get_size (events->body));
  g_autofree char *b = g_strndup (g_bytes_get_data (hooks->body, NULL),
                                  g_bytes_get_size (hooks->body));
  g_autoptr(GRegex) port = g_regex_new ("127\\.0\\.0\\.1:\\d+", 0, 0, NULL);
  g_autofree char *b2 = g_regex_replace_literal (port, b, -1, 0, "127.0.0.1:PORT", 0, NULL);

  return g_strconcat (a, "\n", b2, NULL);
}

static void
test_seed_determinism (void)
{
  gint64 when = (gint64)1767225600 * G_USEC_PER_SEC + 123456; /* 2026-01-01 */
  g_autoptr(ConvercEmulator) a = start_emulator ();
  g_autoptr(ConvercEmulator) b = start_emulator ();
  g_autoptr(ConvercEmulator) c = start_emulator ();
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  g_autofree char *text_c = NULL;
  gint64 previous;

  converc_emulator_set_reference_time (a, when);
  converc_emulator_set_reference_time (b, when);
  converc_emulator_set_reference_time (c, when);
  converc_emulator_seed (a, 150, 42);
  converc_emulator_seed (b, 150, 42);
  converc_emulator_seed (c, 150, 43);

  text_a = events_without_ports (a);
  text_b = events_without_ports (b);
  text_c = events_without_ports (c);
  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_cmpstr (text_a, !=, text_c);

  /* Seeded webhook secrets are deterministic too (the demo knows them) */
  g_assert_cmpuint (converc_emulator_get_n_webhooks (a), ==, 4);

  /* Events end near the reference time, within the last few days */
  {
    g_autoptr(Response) r = request (a, "GET", "/webhooks/events?display=150", KEY, NULL);
    g_autoptr(JsonNode) node = NULL;
    JsonArray *array = parse_array (r->body, &node);
    g_autoptr(GDateTime) newest = g_date_time_new_from_iso8601 (
      json_object_get_string_member (json_array_get_object_element (array, 0), "createdAt"),
      NULL);
    g_autoptr(GDateTime) oldest = g_date_time_new_from_iso8601 (
      json_object_get_string_member (json_array_get_object_element (array, 149), "createdAt"),
      NULL);
    gint64 newest_s = g_date_time_to_unix (newest);
    gint64 oldest_s = g_date_time_to_unix (oldest);

    g_assert_cmpint (newest_s, <=, when / G_USEC_PER_SEC);
    g_assert_cmpint (newest_s, >=, when / G_USEC_PER_SEC - 300);
    g_assert_cmpint (oldest_s, >=, when / G_USEC_PER_SEC - 7 * 86400);
    g_assert_cmpint (newest_s - oldest_s, >=, 86400);
  }

  /* More events come after the existing ones */
  converc_emulator_generate_events (a, 10, 1);
  {
    g_autoptr(Response) r = request (a, "GET", "/webhooks/events?display=11", KEY, NULL);
    g_autoptr(JsonNode) node = NULL;
    JsonArray *array = parse_array (r->body, &node);
    g_autoptr(GDateTime) t0 = g_date_time_new_from_iso8601 (
      json_object_get_string_member (json_array_get_object_element (array, 9), "createdAt"),
      NULL);
    g_autoptr(GDateTime) t1 = g_date_time_new_from_iso8601 (
      json_object_get_string_member (json_array_get_object_element (array, 10), "createdAt"),
      NULL);

    g_autoptr(GDateTime) newest = g_date_time_new_from_iso8601 (
      json_object_get_string_member (json_array_get_object_element (array, 0), "createdAt"),
      NULL);

    g_assert_cmpuint (converc_emulator_get_n_events (a), ==, 160);
    g_assert_cmpint (g_date_time_compare (t0, t1), >, 0);
    /* ... and not in the future */
    g_assert_cmpint (g_date_time_to_unix (newest), <=, when / G_USEC_PER_SEC);
  }

  /* With no room before now, they follow the newest event closely */
  {
    g_autoptr(Response) r = request (b, "GET", "/webhooks/events?display=1", KEY, NULL);
    g_autoptr(JsonNode) node = NULL;
    JsonArray *array = parse_array (r->body, &node);
    g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (
      json_object_get_string_member (json_array_get_object_element (array, 0), "createdAt"),
      NULL);

    previous = g_date_time_to_unix (t);
  }
  converc_emulator_add_raw_event (b, "{\"id\": \"evt_x\"}");
  converc_emulator_set_reference_time (b, when - 1000 * G_USEC_PER_SEC);
  converc_emulator_generate_events (b, 3, 2);
  {
    g_autoptr(Response) r = request (b, "GET", "/webhooks/events?display=4", KEY, NULL);
    g_autoptr(JsonNode) node = NULL;
    JsonArray *array = parse_array (r->body, &node);
    g_autoptr(GDateTime) t_new = NULL;
    g_autoptr(GDateTime) t_old = NULL;

    g_assert_cmpuint (json_array_get_length (array), ==, 4);
    t_new = g_date_time_new_from_iso8601 (
      json_object_get_string_member (json_array_get_object_element (array, 0), "createdAt"),
      NULL);
    t_old = g_date_time_new_from_iso8601 (
      json_object_get_string_member (json_array_get_object_element (array, 2), "createdAt"),
      NULL);
    g_assert_cmpint (g_date_time_compare (t_new, t_old), >, 0);
    g_assert_cmpint (g_date_time_to_unix (t_old), >=, previous);
    g_assert_cmpint (g_date_time_to_unix (t_new), <, previous + 30);
  }
}

typedef struct
{
  GPtrArray *paths;
  GArray    *statuses;
  GArray    *times;
} Started;

static void
answer_started_cb (ConvercEmulator *emu,
                   const char      *path,
                   guint            status,
                   Started         *started)
{
  gint64 now = g_get_monotonic_time ();

  g_ptr_array_add (started->paths, g_strdup (path));
  g_array_append_val (started->statuses, status);
  g_array_append_val (started->times, now);
}

/* ::answer-started comes once an answer's headers are written: after the
 * latency an answer waits for, once per answer, with its path and status. */
static void
test_answer_started (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) events = NULL;
  g_autoptr(Response) denied = NULL;
  Started started = { g_ptr_array_new_with_free_func (g_free),
                      g_array_new (FALSE, FALSE, sizeof (guint)),
                      g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gint64 asked;

  converc_emulator_seed (emu, 30, 5);
  g_signal_connect (emu, "answer-started", G_CALLBACK (answer_started_cb), &started);

  converc_emulator_set_latency (emu, 300);
  asked = g_get_monotonic_time ();
  events = request (emu, "GET", "/webhooks/events?display=10", KEY, NULL);
  g_assert_cmpuint (events->status, ==, 200);
  g_assert_cmpuint (started.paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (started.paths, 0), ==, "/webhooks/events");
  g_assert_cmpuint (g_array_index (started.statuses, guint, 0), ==, 200);
  /* Not when the answer was made: when it went out, after the latency */
  g_assert_cmpint (g_array_index (started.times, gint64, 0) - asked, >=, 290 * 1000);
  g_assert_cmpint (g_array_index (started.times, gint64, 0), <=, asked + events->elapsed_usec);

  converc_emulator_reset_knobs (emu);
  denied = request (emu, "GET", "/integrations/webhooks", "wrong-key", NULL);
  g_assert_cmpuint (denied->status, ==, 401);
  g_assert_cmpuint (started.paths->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (started.paths, 1), ==, "/integrations/webhooks");
  g_assert_cmpuint (g_array_index (started.statuses, guint, 1), ==, 401);

  g_signal_handlers_disconnect_by_data (emu, &started);
  g_ptr_array_unref (started.paths);
  g_array_unref (started.statuses);
  g_array_unref (started.times);
}

static void
test_knob_latency (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) slow = NULL;
  g_autoptr(Response) fast = NULL;

  converc_emulator_set_latency (emu, 400);
  slow = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpint (slow->elapsed_usec, >=, 390 * 1000);

  converc_emulator_reset_knobs (emu);
  fast = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
  g_assert_cmpuint (fast->status, ==, 200);
  g_assert_cmpint (fast->elapsed_usec, <, 390 * 1000);
}

static void
test_knob_latency_stop (void)
{
  ConvercEmulator *emu = start_emulator ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = g_strconcat (converc_emulator_get_base_url (emu),
                                      "/integrations/webhooks", NULL);

  /* A request waiting on the latency knob when the emulator goes away */
  converc_emulator_set_latency (emu, 60000);
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", "Bearer " KEY);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    converc_test_store_result_cb, &result);
  wait_ms (100);
  g_assert_null (result);

  g_object_add_weak_pointer (G_OBJECT (emu), (gpointer *)&emu);
  g_object_unref (emu);
  g_assert_null (emu);

  converc_test_wait_for_result (&result, 10);
  body = soup_session_send_and_read_finish (session, result, NULL);
}

static void
test_knob_forced (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) custom = NULL;
  g_autoptr(Response) json = NULL;
  g_autoptr(Response) unauth = NULL;
  g_autoptr(Response) normal = NULL;

  converc_emulator_set_forced_status (emu, 503, "<html>Service Unavailable</html>");
  custom = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
  g_assert_cmpuint (custom->status, ==, 503);
  g_assert_cmpmem (g_bytes_get_data (custom->body, NULL), g_bytes_get_size (custom->body),
                   "<html>Service Unavailable</html>", 32);

  converc_emulator_set_forced_status (emu, 500, NULL);
  json = request (emu, "POST", "/integrations/webhooks", KEY,
                  "{\"url\": \"https://example.com\"}");
  g_assert_cmpuint (json->status, ==, 500);
  assert_error_message (json->body, "Internal Server Error");
  g_assert_cmpuint (converc_emulator_get_n_webhooks (emu), ==, 0);

  /* The key is still checked first */
  unauth = request (emu, "GET", "/integrations/webhooks", "bad", NULL);
  g_assert_cmpuint (unauth->status, ==, 401);

  converc_emulator_reset_knobs (emu);
  normal = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
  g_assert_cmpuint (normal->status, ==, 200);
}

static void
test_knob_rate_limit (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) with = NULL;
  g_autoptr(Response) without = NULL;
  g_autoptr(Response) normal = NULL;

  converc_emulator_set_rate_limited (emu, TRUE, "7");
  with = request (emu, "GET", "/webhooks/events", KEY, NULL);
  g_assert_cmpuint (with->status, ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (with->headers, "Retry-After"), ==, "7");
  assert_error_message (with->body, "Too many requests");

  converc_emulator_set_rate_limited (emu, TRUE, NULL);
  without = request (emu, "GET", "/webhooks/events", KEY, NULL);
  g_assert_cmpuint (without->status, ==, 429);
  g_assert_null (soup_message_headers_get_one (without->headers, "Retry-After"));

  converc_emulator_set_rate_limited (emu, FALSE, NULL);
  normal = request (emu, "GET", "/webhooks/events", KEY, NULL);
  g_assert_cmpuint (normal->status, ==, 200);
  g_assert_cmpuint (converc_emulator_get_n_requests (emu), ==, 3);
}

static void
test_knob_malformed (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  const char *paths[] = { "/integrations/webhooks", "/webhooks/events?display=5",
                          "/webhooks/events?display=0" };

  converc_emulator_seed (emu, 10, 3);
  converc_emulator_set_malformed (emu, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Response) r = request (emu, "GET", paths[i], KEY, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len;
      const char *data = g_bytes_get_data (r->body, &len);

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpuint (len, >, 0);
      g_assert_false (json_parser_load_from_data (parser, data, len, NULL));
    }

  converc_emulator_set_malformed (emu, FALSE);
  {
    g_autoptr(Response) r = request (emu, "GET", "/webhooks/events?display=5", KEY, NULL);
    g_autoptr(JsonNode) node = NULL;

    g_assert_cmpuint (json_array_get_length (parse_array (r->body, &node)), ==, 5);
  }
}

static void
test_large (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) r = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gsize len;
  const char *data;

  converc_emulator_seed (emu, 10000, 12345);
  g_test_message ("generated 10,000 events in %.2f s",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (converc_emulator_get_n_events (emu), ==, 10000);

  r = request (emu, "GET", "/webhooks/events?display=10000", KEY, NULL);
  g_test_message ("served in %.2f s", r->elapsed_usec / 1e6);
  g_assert_cmpuint (r->status, ==, 200);
  data = g_bytes_get_data (r->body, &len);
  g_test_message ("%" G_GSIZE_FORMAT " bytes", len);
  g_assert_cmpuint (len, >, 18 * 1000 * 1000);
  g_assert_cmpuint (len, <, 26 * 1000 * 1000);

  /* The bare array splits into 10,000 elements, each a valid event */
  ranges = converc_json_split_array (data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranges->len, ==, 2 * 10000);
  for (guint i = 0; i < 10000; i += 37)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize offset = g_array_index (ranges, gsize, 2 * i);
      gsize length = g_array_index (ranges, gsize, 2 * i + 1);
      JsonNode *root;

      json_parser_load_from_data (parser, data + offset, length, &error);
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (root),
                                                                      "id"), "evt_"));
    }

#ifndef __SANITIZE_ADDRESS__
  /* And as a whole (too slow under AddressSanitizer's full unwinding) */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonNode *root;

    json_parser_load_from_data (parser, data, len, &error);
    g_assert_no_error (error);
    root = json_parser_get_root (parser);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 10000);
  }
#endif
}

static void
test_dispose_in_flight (void)
{
  ConvercEmulator *emu = start_emulator ();
  g_autoptr(Receiver) receiver = receiver_new (200);
  g_autofree char *url = g_strconcat (receiver->url, "/slow", NULL);
  g_autofree char *id = create_webhook (emu, url, NULL, NULL);
  g_autofree char *json = g_strdup_printf ("{\"webhookId\": \"%s\"}", id);
  g_autofree char *test_url = g_strconcat (converc_emulator_get_base_url (emu),
                                           "/integrations/webhooks/test", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) answer = NULL;

  receiver->hang = TRUE;
  converc_emulator_emit_event (emu, "call.ended");

  msg = soup_message_new ("POST", test_url);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", "Bearer " KEY);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    converc_test_store_result_cb, &result);

  /* Both deliveries reach the receiver, which never answers */
  while (receiver->bodies->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result);
  g_assert_cmpuint (converc_emulator_get_n_deliveries (emu), ==, 0);

  g_object_add_weak_pointer (G_OBJECT (emu), (gpointer *)&emu);
  g_object_unref (emu);
  g_assert_null (emu);

  /* The paused /test request ends (the connection closes) without a crash */
  converc_test_wait_for_result (&result, 10);
  answer = soup_session_send_and_read_finish (session, result, NULL);
  wait_ms (100);
}

static void
test_stop_in_flight (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Receiver) receiver = receiver_new (204);
  g_autofree char *url = g_strconcat (receiver->url, "/slow", NULL);
  g_autofree char *id = create_webhook (emu, url, NULL, NULL);
  g_autofree char *json = g_strdup_printf ("{\"webhookId\": \"%s\"}", id);
  g_autofree char *test_url = g_strconcat (converc_emulator_get_base_url (emu),
                                           "/integrations/webhooks/test", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  receiver->hang = TRUE;
  msg = soup_message_new ("POST", test_url);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", "Bearer " KEY);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    converc_test_store_result_cb, &result);
  while (receiver->bodies->len < 1)
    g_main_context_iteration (NULL, TRUE);

  /* Stopping drops the waiting /test request... */
  converc_emulator_stop (emu);
  converc_test_wait_for_result (&result, 10);
  answer = soup_session_send_and_read_finish (session, result, &error);
  g_assert_nonnull (error);

  /* ...and when the receiver answers at last, the delivery is recorded */
  for (guint i = 0; i < receiver->hanging->len; i++)
    {
      SoupServerMessage *hung = g_ptr_array_index (receiver->hanging, i);

      soup_server_message_set_status (hung, 204, NULL);
      soup_server_message_unpause (hung);
    }
  wait_for_deliveries (emu, 1);
  g_assert_cmpint (converc_emulator_get_delivery (emu, 0)->status, ==, 204);

  /* The emulator starts again */
  g_clear_error (&error);
  converc_emulator_start (emu, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (converc_emulator_get_base_url (emu));
  {
    g_autoptr(Response) r = request (emu, "GET", "/integrations/webhooks", KEY, NULL);
    g_assert_cmpuint (r->status, ==, 200);
  }
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/emulator/start-loopback", test_start_loopback);
  g_test_add_func ("/converc/emulator/thread", test_thread);
  g_test_add_func ("/converc/emulator/auth", test_auth);
  g_test_add_func ("/converc/emulator/create", test_create);
  g_test_add_func ("/converc/emulator/create-invalid", test_create_invalid);
  g_test_add_func ("/converc/emulator/list-seeded", test_list_seeded);
  g_test_add_func ("/converc/emulator/disable", test_disable);
  g_test_add_func ("/converc/emulator/seed-determinism", test_seed_determinism);
  g_test_add_func ("/converc/emulator/answer-started", test_answer_started);
  g_test_add_func ("/converc/emulator/knob-latency", test_knob_latency);
  g_test_add_func ("/converc/emulator/knob-latency-stop", test_knob_latency_stop);
  g_test_add_func ("/converc/emulator/knob-forced", test_knob_forced);
  g_test_add_func ("/converc/emulator/knob-rate-limit", test_knob_rate_limit);
  g_test_add_func ("/converc/emulator/knob-malformed", test_knob_malformed);
  g_test_add_func ("/converc/emulator/large", test_large);
  g_test_add_func ("/converc/emulator/dispose-in-flight", test_dispose_in_flight);
  g_test_add_func ("/converc/emulator/stop-in-flight", test_stop_in_flight);

  return g_test_run ();
}
