/* converc-client.h
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


#define G_LOG_DOMAIN "test-parse"

#include "config.h"

#include <string.h>

#include "converc-error.h"
#include "converc-event.h"
#include "converc-json-scan.h"
#include "converc-parse.h"
#include "converc-webhook.h"

#include "converc-test-utils.h"

/* 2024-01-01T00:00:00Z */
#define NEW_YEAR_2024 G_GINT64_CONSTANT (1704067200)

static GBytes *
bytes_of (const char *text)
{
  return converc_test_bytes_new (text);
}

static char *
nested (const char *open,
        const char *close,
        guint       depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  for (guint i = 0; close != NULL && i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
assert_raw_equals (ConvercEvent *event,
                   const char   *expected,
                   gsize         expected_len)
{
  GBytes *raw = converc_event_get_raw (event);
  gsize len = 0;
  const char *data;

  g_assert_nonnull (raw);
  data = g_bytes_get_data (raw, &len);
  g_assert_cmpmem (data, len, expected, expected_len);
}

/* Bodies of every wrong shape the parsers must refuse without crashing. */
static const char * const bad_bodies[] = {
  "",
  "   \n\t ",
  "\"just a string\"",
  "42",
  "-1.5e300",
  "true",
  "null",
  "{",
  "}",
  "[",
  "]",
  "{\"webhooks\": [{\"id\": \"wh_1\", \"url\": \"https://a.example\"",
  "{\"webhook\": {\"id\": \"wh_1\"}, \"secret\": \"s\"",
  "[{\"id\":\"evt_1\"}",
  "{\"a\":1} trailing",
  "\xff\xfe\xfd",
  "{\"webhooks\": [\"\xff\"]}",
  "{\"name\": \"\xc3\x28\"}",
  "[\"\xed\xa0\x80\"]",
  "\x00\x00\x00",
};

/* ---------------------------------------------------------------- json */

static void
test_parse_json_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *ok_depth = nested ("[", "]", CONVERC_MAX_NESTING_DEPTH - 1);
  const char *text = "{\"a\": [1, 2.5, \"x\", null, true, {\"b\": {}}]}";

  node = converc_parse_json (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_clear_pointer (&node, json_node_unref);

  /* Not NUL-terminated: only len bytes are read */
  node = converc_parse_json ("[1,2]garbage", 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
  g_clear_pointer (&node, json_node_unref);

  /* Nesting just below the bound is fine */
  node = converc_parse_json (ok_depth, strlen (ok_depth), &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static void
test_parse_json_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      gsize len = i == G_N_ELEMENTS (bad_bodies) - 1 ? 3 : strlen (bad_bodies[i]);

      /* Valid JSON values are not errors for the generic parser */
      if (i >= 2 && i <= 6)
        continue;

      g_test_message ("body %u \"%s\"", i, bad_bodies[i]);
      node = converc_parse_json (bad_bodies[i], len, &error);
      g_assert_null (node);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_parse_json_deep (void)
{
  struct {
    const char *open;
    const char *close;
    guint       depth;
  } cases[] = {
    { "[", NULL, 100000 },
    { "[", "]", 100000 },
    { "{\"a\":", "}", 100000 },
    { "[", "]", CONVERC_MAX_NESTING_DEPTH + 2 },
    { "{\"a\":", "}", CONVERC_MAX_NESTING_DEPTH + 2 },
    { "[{\"a\":", "}]", 50000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nested (cases[i].open, cases[i].close, cases[i].depth);
      g_autoptr(GBytes) body = bytes_of (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GArray) ranges = NULL;

      g_test_message ("case %u", i);
      node = converc_parse_json (text, strlen (text), &error);
      g_assert_null (node);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);

      list = converc_parse_webhook_list (body, NULL, &error);
      g_assert_null (list);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);

      list = converc_parse_event_list (body, NULL, NULL, &error);
      if (list != NULL)
        {
          /* Only acceptable if the deep element was skipped */
          g_assert_cmpuint (list->len, ==, 0);
        }
      else
        g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);

      ranges = converc_json_split_array (text, strlen (text), &error);
      if (ranges == NULL)
        g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);

        {
          g_autoptr(ConvercEvent) event = converc_parse_event (body, &error);

          g_assert_null (event);
          g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
        }
    }
}

/* ---------------------------------------------------------- webhooks */

static void
test_parse_webhook_list_documented (void)
{
  g_autoptr(GBytes) body = converc_test_load_data ("webhooks-list.json");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  ConvercWebhook *wh;
  const char * const *events;
  guint n_skipped = 99;

  list = converc_parse_webhook_list (body, &n_skipped, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (n_skipped, ==, 0);
  g_assert_cmpuint (list->len, ==, 3);

  wh = g_ptr_array_index (list, 0);
  g_assert_true (CONVERC_IS_WEBHOOK (wh));
  g_assert_cmpstr (converc_webhook_get_id (wh), ==, "wh_1");
  g_assert_cmpstr (converc_webhook_get_url (wh), ==, "https://hooks.example.com/converc");
  events = converc_webhook_get_events (wh);
  g_assert_nonnull (events);
  g_assert_cmpuint (g_strv_length ((GStrv) events), ==, 2);
  g_assert_cmpstr (events[0], ==, "call.ended");
  g_assert_cmpstr (events[1], ==, "call.missed");
  g_assert_false (converc_webhook_get_all_events (wh));
  g_assert_true (converc_webhook_get_is_active (wh));
  g_assert_cmpstr (converc_webhook_get_created_at (wh), ==, "2024-01-01T00:00:00Z");
  /* raw strings as the server sent them, even garbled */
  g_assert_cmpstr (converc_webhook_get_updated_at (wh), ==, "2024-01-02T00: 00: 00.0002");

  wh = g_ptr_array_index (list, 1);
  g_assert_cmpstr (converc_webhook_get_id (wh), ==, "wh_2");
  g_assert_cmpstr (converc_webhook_get_url (wh), ==, "https://crm.example.org/in?src=converc&x=1");
  g_assert_true (converc_webhook_get_all_events (wh));
  g_assert_false (converc_webhook_get_is_active (wh));
  g_assert_cmpstr (converc_webhook_get_created_at (wh), ==, "2024-01-01T00: 00: 0002");

  /* No "events" member: every event type; missing timestamps are NULL */
  wh = g_ptr_array_index (list, 2);
  g_assert_cmpstr (converc_webhook_get_id (wh), ==, "wh_3");
  g_assert_true (converc_webhook_get_all_events (wh));
  g_assert_true (converc_webhook_get_is_active (wh));
  g_assert_null (converc_webhook_get_created_at (wh));
  g_assert_null (converc_webhook_get_updated_at (wh));
}

/* Who receives an event type: an endpoint with no event list ("All
 * events") receives every type, one with a list only what it lists. */
static void
test_webhook_receives (void)
{
  static const char * const some[] = { "call.ended", "call.missed", NULL };
  static const char * const none[] = { NULL };
  g_autoptr(ConvercWebhook) listed = converc_webhook_new ("wh_1", "https://a.example/", some,
                                                          TRUE, NULL, NULL);
  g_autoptr(ConvercWebhook) all = converc_webhook_new ("wh_2", "https://b.example/", NULL,
                                                       TRUE, NULL, NULL);
  g_autoptr(ConvercWebhook) empty = converc_webhook_new ("wh_3", "https://c.example/", none,
                                                         FALSE, NULL, NULL);

  g_assert_true (converc_webhook_receives (listed, "call.ended"));
  g_assert_true (converc_webhook_receives (listed, "call.missed"));
  g_assert_false (converc_webhook_receives (listed, "call.accepted"));
  g_assert_false (converc_webhook_receives (listed, "call.end"));
  g_assert_false (converc_webhook_receives (listed, ""));

  g_assert_true (converc_webhook_receives (all, "call.ended"));
  g_assert_true (converc_webhook_receives (all, "call.accepted"));
  g_assert_true (converc_webhook_receives (all, "some.future_type"));

  /* An empty list is "All events" too; being disabled does not matter. */
  g_assert_true (converc_webhook_receives (empty, "call.ended"));
}

/* The Endpoints page's search (issue 12): an endpoint with no event list
 * receives every type, so searching a type finds it too. */
static void
test_webhook_matches (void)
{
  static const char * const ended[] = { "call.ended", NULL };
  static const char * const missed[] = { "call.missed", "call.canceled", NULL };
  g_autoptr(ConvercWebhook) all = converc_webhook_new ("wh_all", "https://crm.example/in",
                                                       NULL, TRUE, NULL, NULL);
  g_autoptr(ConvercWebhook) on_ended = converc_webhook_new ("wh_ended", "https://a.example/hook",
                                                            ended, TRUE, NULL, NULL);
  g_autoptr(ConvercWebhook) on_missed = converc_webhook_new ("wh_missed", "https://b.example/x",
                                                             missed, TRUE, NULL, NULL);

  /* "Who receives call.ended?" */
  g_assert_true (converc_webhook_matches (all, "call.ended"));
  g_assert_true (converc_webhook_matches (on_ended, "call.ended"));
  g_assert_false (converc_webhook_matches (on_missed, "call.ended"));

  /* A part of a type name. */
  g_assert_true (converc_webhook_matches (all, "ended"));
  g_assert_true (converc_webhook_matches (on_missed, "missed"));
  g_assert_false (converc_webhook_matches (on_ended, "missed"));

  /* URL, id and the events label as before. */
  g_assert_true (converc_webhook_matches (on_missed, "b.example"));
  g_assert_false (converc_webhook_matches (all, "b.example"));
  g_assert_true (converc_webhook_matches (on_ended, "wh_ended"));
  g_assert_true (converc_webhook_matches (all, "all events"));
  g_assert_false (converc_webhook_matches (on_ended, "all events"));
  g_assert_false (converc_webhook_matches (all, "no-such-endpoint-anywhere"));
}

static void
test_parse_webhook_list_empty (void)
{
  g_autoptr(GBytes) body = bytes_of ("{\"webhooks\": []}");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = converc_parse_webhook_list (body, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_parse_webhook_list_nulls (void)
{
  g_autoptr(GBytes) body = bytes_of ("{\"webhooks\": [{\"id\": \"wh_n\", \"url\": null, "
                                     "\"events\": null, \"isActive\": null, "
                                     "\"createdAt\": null, \"updatedAt\": null}], "
                                     "\"next\": null, \"unknown\": {\"deep\": [1]}}");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  ConvercWebhook *wh;

  list = converc_parse_webhook_list (body, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  wh = g_ptr_array_index (list, 0);
  g_assert_cmpstr (converc_webhook_get_id (wh), ==, "wh_n");
  /* NULL or empty: nothing to show either way */
  g_assert_true (converc_webhook_get_url (wh) == NULL || converc_webhook_get_url (wh)[0] == '\0');
  g_assert_true (converc_webhook_get_all_events (wh));
  g_assert_null (converc_webhook_get_created_at (wh));
}

static void
test_parse_webhook_list_bad_elements (void)
{
  g_autoptr(GBytes) body = bytes_of ("{\"webhooks\": [42, {\"id\": \"wh_ok\", \"url\": \"https://a.example\"}, "
                                     "\"string\", null, [1], "
                                     "{\"id\": \"wh_ok2\", \"events\": [\"call.ended\", 5, null]}]}");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint n_skipped = 0;

  list = converc_parse_webhook_list (body, &n_skipped, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpuint (n_skipped, ==, 4);
  g_assert_cmpstr (converc_webhook_get_id (g_ptr_array_index (list, 0)), ==, "wh_ok");
  g_assert_cmpstr (converc_webhook_get_id (g_ptr_array_index (list, 1)), ==, "wh_ok2");
  /* A wrongly-typed event name is dropped, the string one kept */
  g_assert_cmpstr (converc_webhook_get_events (g_ptr_array_index (list, 1))[0], ==, "call.ended");
}

static void
test_parse_webhook_list_wrong_shape (void)
{
  static const char * const shapes[] = {
    "{\"webhooks\": {}}",
    "{\"webhooks\": \"wh_1\"}",
    "{\"webhooks\": 5}",
    "{\"webhooks\": true}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes) + G_N_ELEMENTS (bad_bodies); i++)
    {
      const char *text = i < G_N_ELEMENTS (shapes) ? shapes[i] : bad_bodies[i - G_N_ELEMENTS (shapes)];
      gsize len = i == G_N_ELEMENTS (shapes) + G_N_ELEMENTS (bad_bodies) - 1 ? 3 : strlen (text);
      g_autoptr(GBytes) body = g_bytes_new (text, len);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("body \"%s\"", text);
      list = converc_parse_webhook_list (body, NULL, &error);
      g_assert_null (list);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
    }
}

static void
test_parse_create_response (void)
{
  g_autoptr(GBytes) body = converc_test_load_data ("webhook-create.json");
  g_autoptr(ConvercWebhook) wh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  wh = converc_parse_create_response (body, &secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wh);
  g_assert_cmpstr (secret, ==, "whsec_5f2b9c1e7a4d");
  g_assert_cmpstr (converc_webhook_get_id (wh), ==, "wh_new");
  g_assert_cmpstr (converc_webhook_get_url (wh), ==, "https://hooks.example.com/new");
  g_assert_cmpstr (converc_webhook_get_events (wh)[0], ==, "call.ended");
  g_assert_null (converc_webhook_get_events (wh)[1]);
  g_assert_true (converc_webhook_get_is_active (wh));
}

static void
test_parse_create_response_bad (void)
{
  static const char * const bodies[] = {
    /* the secret is the one thing that can never be fetched again */
    "{\"webhook\": {\"id\": \"wh_1\", \"url\": \"https://a.example\"}}",
    "{\"webhook\": {\"id\": \"wh_1\"}, \"secret\": null}",
    "{\"webhook\": {\"id\": \"wh_1\"}, \"secret\": {\"value\": \"s\"}}",
    "{\"secret\": \"whsec_1\"}",
    "{\"webhook\": null, \"secret\": \"whsec_1\"}",
    "{\"webhook\": \"wh_1\", \"secret\": \"whsec_1\"}",
    "{\"webhook\": [], \"secret\": \"whsec_1\"}",
    "[{\"webhook\": {\"id\": \"wh_1\"}, \"secret\": \"whsec_1\"}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies) + G_N_ELEMENTS (bad_bodies); i++)
    {
      const char *text = i < G_N_ELEMENTS (bodies) ? bodies[i] : bad_bodies[i - G_N_ELEMENTS (bodies)];
      gsize len = i == G_N_ELEMENTS (bodies) + G_N_ELEMENTS (bad_bodies) - 1 ? 3 : strlen (text);
      g_autoptr(GBytes) body = g_bytes_new (text, len);
      g_autoptr(ConvercWebhook) wh = NULL;
      g_autoptr(GError) error = NULL;
      char *secret = NULL;

      g_test_message ("body \"%s\"", text);
      wh = converc_parse_create_response (body, &secret, &error);
      g_assert_null (wh);
      g_assert_null (secret);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
    }
}

static void
test_parse_disable_response (void)
{
  g_autoptr(GError) error = NULL;
  gboolean is_active = TRUE;

    {
      g_autoptr(GBytes) body = bytes_of ("{\"ok\": true, \"webhookId\": \"wh_1\", \"isActive\": false}");

      g_assert_true (converc_parse_disable_response (body, &is_active, &error));
      g_assert_no_error (error);
      g_assert_false (is_active);
    }

    {
      /* Says nothing contradicting it */
      g_autoptr(GBytes) body = bytes_of ("{}");

      is_active = TRUE;
      g_assert_true (converc_parse_disable_response (body, &is_active, &error));
      g_assert_no_error (error);
      g_assert_false (is_active);
    }

    {
      g_autoptr(GBytes) body = bytes_of ("{\"ok\": true, \"unknown\": [1, 2, {\"x\": null}]}");

      g_assert_true (converc_parse_disable_response (body, NULL, &error));
      g_assert_no_error (error);
    }

    {
      /* 204 No Content says nothing either */
      g_autoptr(GBytes) body = g_bytes_new (NULL, 0);

      g_assert_true (converc_parse_disable_response (body, &is_active, &error));
      g_assert_no_error (error);
      g_assert_false (is_active);
    }
}

static void
test_parse_disable_response_contradicting (void)
{
  static const char * const bodies[] = {
    "{\"ok\": false, \"error\": \"cannot disable\"}",
    "{\"ok\": false}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = bytes_of (bodies[i]);
      g_autoptr(GError) error = NULL;

      g_assert_false (converc_parse_disable_response (body, NULL, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == CONVERC_ERROR);
    }
}

static void
test_parse_disable_response_still_active (void)
{
  g_autoptr(GBytes) body = bytes_of ("{\"ok\": true, \"webhookId\": \"wh_1\", \"isActive\": true}");
  g_autoptr(GError) error = NULL;
  gboolean is_active = FALSE;
  gboolean ok;

  /* converc-parse.h: "Returns TRUE when the body says the endpoint is
   * disabled or says nothing contradicting it". isActive: true contradicts. */
  ok = converc_parse_disable_response (body, &is_active, &error);
  g_assert_true (is_active);
  g_assert_false (ok);
  g_assert_nonnull (error);
}

static void
test_parse_disable_response_wrong_shape (void)
{
  static const char * const shapes[] = { "[]", "[{\"ok\": true}]", "\"ok\"", "42", "{\"ok\": " };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(GBytes) body = bytes_of (shapes[i]);
      g_autoptr(GError) error = NULL;

      g_test_message ("body \"%s\"", shapes[i]);
      g_assert_false (converc_parse_disable_response (body, NULL, &error));
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
    }
}

static void
test_parse_test_response (void)
{
  g_autoptr(GError) error = NULL;

    {
      g_autoptr(GBytes) body = bytes_of ("{\"ok\": true, \"status\": 200, \"error\": null}");
      g_autoptr(ConvercTestResult) result = converc_parse_test_response (body, &error);

      g_assert_no_error (error);
      g_assert_nonnull (result);
      g_assert_true (result->ok);
      g_assert_cmpint (result->status, ==, 200);
      g_assert_null (result->error);
    }

    {
      g_autoptr(GBytes) body = bytes_of ("{\"ok\": false, \"status\": 0, \"error\": \"connect ECONNREFUSED 10.0.0.1:443\"}");
      g_autoptr(ConvercTestResult) result = converc_parse_test_response (body, &error);

      g_assert_no_error (error);
      g_assert_false (result->ok);
      g_assert_cmpint (result->status, ==, 0);
      g_assert_cmpstr (result->error, ==, "connect ECONNREFUSED 10.0.0.1:443");
    }

    {
      /* The receiver answered 500: still a completed test */
      g_autoptr(GBytes) body = bytes_of ("{\"ok\": true, \"status\": 500, \"error\": \"Internal Server Error\", \"extra\": 1}");
      g_autoptr(ConvercTestResult) result = converc_parse_test_response (body, &error);

      g_assert_no_error (error);
      g_assert_cmpint (result->status, ==, 500);
      g_assert_cmpstr (result->error, ==, "Internal Server Error");
    }

    {
      /* Missing and null members */
      g_autoptr(GBytes) body = bytes_of ("{\"ok\": true, \"status\": null}");
      g_autoptr(ConvercTestResult) result = converc_parse_test_response (body, &error);

      g_assert_no_error (error);
      g_assert_true (result->ok);
      g_assert_cmpint (result->status, ==, 0);
      g_assert_null (result->error);
    }

  /* converc_test_result_free accepts NULL like other free functions */
  converc_test_result_free (NULL);
}

static void
test_parse_test_response_wrong_shape (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_bodies); i++)
    {
      gsize len = i == G_N_ELEMENTS (bad_bodies) - 1 ? 3 : strlen (bad_bodies[i]);
      g_autoptr(GBytes) body = g_bytes_new (bad_bodies[i], len);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercTestResult) result = NULL;

      g_test_message ("body \"%s\"", bad_bodies[i]);
      result = converc_parse_test_response (body, &error);
      g_assert_null (result);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
    }

    {
      g_autoptr(GBytes) body = bytes_of ("[{\"ok\": true}]");
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercTestResult) result = converc_parse_test_response (body, &error);

      g_assert_null (result);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
    }
}

/* ------------------------------------------------------- split array */

static void
test_parse_split_array (void)
{
  static const char * const elements[] = {
    "\"a]\"",
    "\"b\\\"]\\\\\"",
    "\"\\u005d[\\\"\"",
    "{\"x\":\"[{\",\"y\":[1,{\"z\":\"}\"}],\"w\":\"\\\\\"}",
    "[1,[2]]",
    "3",
    "null",
    "true",
    "-1.5e3",
    "\"\xc3\xa9\xe6\x97\xa5\xe6\x9c\xac \\ud83d\\ude00\"",
    "{}",
    "[]",
  };
  static const char * const separators[] = {
    " , ", ",", " ,\n", "\t,\t", ",", ",", " , ", ",", ",", ",\r\n", ",", "",
  };
  g_autoptr(GString) text = g_string_new (" \n[ ");
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) error = NULL;
  gsize offsets[G_N_ELEMENTS (elements)];

  G_STATIC_ASSERT (G_N_ELEMENTS (elements) == G_N_ELEMENTS (separators));

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      offsets[i] = text->len;
      g_string_append (text, elements[i]);
      g_string_append (text, separators[i]);
    }
  g_string_append (text, " ]\n ");

  ranges = converc_json_split_array (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ranges);
  g_assert_cmpuint (g_array_get_element_size (ranges), ==, sizeof (gsize));
  g_assert_cmpuint (ranges->len, ==, 2 * G_N_ELEMENTS (elements));

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      gsize offset = g_array_index (ranges, gsize, 2 * i);
      gsize length = g_array_index (ranges, gsize, 2 * i + 1);

      g_test_message ("element %u", i);
      g_assert_cmpuint (offset, ==, offsets[i]);
      g_assert_cmpuint (length, ==, strlen (elements[i]));
      g_assert_cmpmem (text->str + offset, length, elements[i], strlen (elements[i]));
    }
}

static void
test_parse_split_array_empty (void)
{
  static const char * const empties[] = { "[]", "  [ \n ]  ", "\t[\r\n]" };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ranges = converc_json_split_array (empties[i], strlen (empties[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (ranges);
      g_assert_cmpuint (ranges->len, ==, 0);
    }
}

static void
test_parse_split_array_invalid (void)
{
  static const char * const invalid[] = {
    "",
    "   ",
    "{}",
    "{\"events\": []}",
    "\"[1,2]\"",
    "[",
    "[1,2",
    "[1,2,",
    "[\"abc]",
    "[\"abc\\\"]",
    "[1,]",
    "[,1]",
    "[1,,2]",
    "[1}",
    "[{]",
    "[1] x",
    "[1][2]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ranges = NULL;

      g_test_message ("\"%s\"", invalid[i]);
      ranges = converc_json_split_array (invalid[i], strlen (invalid[i]), &error);
      g_assert_null (ranges);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
    }
}

static void
test_parse_split_array_not_terminated (void)
{
  const char text[] = "[1,\"two\",3]" "[9]";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranges = NULL;

  /* Only len bytes count: the "[9]" after them is never read */
  ranges = converc_json_split_array (text, strlen ("[1,\"two\",3]"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranges->len, ==, 6);
  g_assert_cmpuint (g_array_index (ranges, gsize, 2), ==, 3);
  g_assert_cmpuint (g_array_index (ranges, gsize, 3), ==, 5);

  /* A string cut by len is unterminated */
  g_clear_pointer (&ranges, g_array_unref);
  ranges = converc_json_split_array (text, 6, &error);
  g_assert_null (ranges);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
}

/* -------------------------------------------------------- event list */

static void
test_parse_event_list_exact_bytes (void)
{
  static const char * const elements[] = {
    "{\"id\":\"evt_a\",\"type\":\"call.ended\",\"createdAt\":\"2024-01-01T00:00:00Z\"}",
    "42",
    "{ \"id\" : \"evt_b\" ,\n\t\"type\":\"call.event\", \"note\":\"a \\\"quoted\\\" ] [ } { \\u00e9 \\\\\", \"n\": 1.50 , \"big\": 12345678901234567890 }",
    "\"just a string\"",
    "{\"id\":\"evt_c\",\"type\":\"call.missed\",\"data\":null}",
    "null",
    "{\"id\":\"evt_d\",\"type\":\"call.requested\",\"data\":{\"contact\":{\"name\":\"Z\xc3\xb6\xc3\xab \xe6\x97\xa5\xe6\x9c\xac\"}}}",
  };
  static const char * const separators[] = { " ,\n  ", ",", "\r\n,", " , ", ",", ",\t", "" };
  g_autoptr(GString) text = g_string_new ("\n[\n  ");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_problem = NULL;
  guint n_skipped = 0;
  static const guint objects[] = { 0, 2, 4, 6 };

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      g_string_append (text, elements[i]);
      g_string_append (text, separators[i]);
    }
  g_string_append (text, "\n]\n");
  body = g_bytes_new (text->str, text->len);

  events = converc_parse_event_list (body, &n_skipped, &first_problem, &error);
  g_assert_no_error (error);
  g_assert_nonnull (events);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpuint (n_skipped, ==, 3);
  g_assert_nonnull (first_problem);
  g_assert_cmpstr (first_problem, !=, "");
  g_assert_true (g_utf8_validate (first_problem, -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      ConvercEvent *event = g_ptr_array_index (events, i);

      g_assert_true (CONVERC_IS_EVENT (event));
      assert_raw_equals (event, elements[objects[i]], strlen (elements[objects[i]]));
    }

  /* In the server's order, unknown type kept */
  g_assert_cmpstr (converc_event_get_id (g_ptr_array_index (events, 0)), ==, "evt_a");
  g_assert_cmpstr (converc_event_get_id (g_ptr_array_index (events, 1)), ==, "evt_b");
  g_assert_cmpstr (converc_event_get_event_type (g_ptr_array_index (events, 1)), ==, "call.event");
  g_assert_cmpstr (converc_event_get_id (g_ptr_array_index (events, 2)), ==, "evt_c");
  g_assert_cmpstr (converc_event_get_contact_name (g_ptr_array_index (events, 3)), ==,
                   "Z\xc3\xb6\xc3\xab \xe6\x97\xa5\xe6\x9c\xac");
}

static void
test_parse_event_list_wrappers (void)
{
  static const char * const wrappers[][2] = {
    { "{\"events\": ", "}" },
    { "{\"data\": ", ", \"total\": 2}" },
    { "{\"meta\": {\"events\": \"no\"}, \"events\" :\n ", " }" },
  };
  const char *e1 = "{\"id\" : \"evt_1\", \"type\": \"call.ended\"}";
  const char *e2 = "{\"id\":\"evt_2\",\"type\":\"call.event\",\"x\":\"]\"}";

  for (guint i = 0; i < G_N_ELEMENTS (wrappers); i++)
    {
      g_autofree char *array = g_strdup_printf ("[ %s ,\n%s]", e1, e2);
      g_autofree char *text = g_strconcat (wrappers[i][0], array, wrappers[i][1], NULL);
      g_autoptr(GBytes) body = bytes_of (text);
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) error = NULL;
      guint n_skipped = 99;

      g_test_message ("%s", text);
      events = converc_parse_event_list (body, &n_skipped, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (events);
      g_assert_cmpuint (events->len, ==, 2);
      g_assert_cmpuint (n_skipped, ==, 0);
      assert_raw_equals (g_ptr_array_index (events, 0), e1, strlen (e1));
      assert_raw_equals (g_ptr_array_index (events, 1), e2, strlen (e2));
    }
}

static void
body_freed_cb (gpointer data)
{
  gboolean *freed = data;

  *freed = TRUE;
}

static gboolean
points_into (GBytes *inner,
             GBytes *outer)
{
  const char *in = g_bytes_get_data (inner, NULL);
  const char *out = g_bytes_get_data (outer, NULL);

  return in >= out && in + g_bytes_get_size (inner) <= out + g_bytes_get_size (outer);
}

/* The events of a list share the answer's bytes, exactly each element's,
 * wrapped or not; a compacted event has its own, and the answer goes. */
static void
test_parse_event_list_shares_body (void)
{
  const char *e1 = "{\"id\":\"evt_1\",\"note\":\"x\\\"y\"}";
  const char *e2 = "{ \"id\" : \"evt_2\", \"n\": 1.50 }";
  const char *e3 = "{\"id\":\"evt_3\"}";
  static const char * const wrappers[][2] = {
    { "", "" },
    { "\xEF\xBB\xBF{\"meta\": {\"n\": 3}, \"events\": ", ", \"total\": 3}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrappers); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s[ %s,\n%s , %s ]%s", wrappers[i][0],
                                               e1, e2, e3, wrappers[i][1]);
      gsize len = strlen (text);
      gboolean freed = FALSE;
      g_autoptr(GBytes) body = g_bytes_new_with_free_func (text, len, body_freed_cb, &freed);
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercEvent) kept = NULL;
      GBytes *raw;

      events = converc_parse_event_list (body, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (events->len, ==, 3);
      assert_raw_equals (g_ptr_array_index (events, 0), e1, strlen (e1));
      assert_raw_equals (g_ptr_array_index (events, 1), e2, strlen (e2));
      assert_raw_equals (g_ptr_array_index (events, 2), e3, strlen (e3));
      for (guint j = 0; j < events->len; j++)
        g_assert_true (points_into (converc_event_get_raw (g_ptr_array_index (events, j)), body));

      /* One event kept of three: it alone keeps the whole answer alive... */
      kept = g_object_ref (g_ptr_array_index (events, 1));
      g_clear_pointer (&events, g_ptr_array_unref);
      g_clear_pointer (&body, g_bytes_unref);
      g_assert_false (freed);
      assert_raw_equals (kept, e2, strlen (e2));

      /* ...until it is compacted: the same bytes, its own. */
      converc_event_compact (kept);
      g_assert_true (freed);
      assert_raw_equals (kept, e2, strlen (e2));
      g_assert_cmpstr (converc_event_get_id (kept), ==, "evt_2");

      /* A second time changes nothing. */
      raw = converc_event_get_raw (kept);
      converc_event_compact (kept);
      g_assert_true (converc_event_get_raw (kept) == raw);
    }

  {
    /* An event parsed on its own has its bytes already: compacting keeps them. */
    g_autoptr(GBytes) raw = bytes_of (e1);
    g_autoptr(ConvercEvent) event = converc_parse_event (raw, NULL);

    converc_event_compact (event);
    g_assert_true (converc_event_get_raw (event) == raw);
  }
}

static void
test_parse_event_list_docs_example (void)
{
  g_autoptr(GBytes) body = converc_test_load_data ("events-docs-example.json");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  ConvercEvent *event;

  events = converc_parse_event_list (body, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  event = g_ptr_array_index (events, 0);
  /* The unknown type of the docs' polling example is kept */
  g_assert_cmpstr (converc_event_get_event_type (event), ==, "call.event");
  /* Its garbled timestamp is read */
  g_assert_cmpstr (converc_event_get_created_at (event), ==, "2024-01-01T00: 00: 0002");
  g_assert_cmpint (converc_event_get_created_unix (event), ==, NEW_YEAR_2024);
  g_assert_cmpstr (converc_event_get_contact_name (event), ==, "Polling Example");
  g_assert_cmpstr (converc_event_get_call_status (event), ==, "completed");
  /* The element is the body without its brackets */
  assert_raw_equals (event, (const char *) g_bytes_get_data (body, NULL) + 1, g_bytes_get_size (body) - 2);
}

static void
test_parse_event_list_broken_element (void)
{
  g_autoptr(GBytes) body = bytes_of ("[{\"id\":\"ok1\"},{\"id\": },{\"id\":\"ok2\"},{\"id\":\"x\" \"y\"}]");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_problem = NULL;
  guint n_skipped = 0;

  events = converc_parse_event_list (body, &n_skipped, &first_problem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpuint (n_skipped, ==, 2);
  g_assert_nonnull (first_problem);
  g_assert_cmpstr (converc_event_get_id (g_ptr_array_index (events, 0)), ==, "ok1");
  g_assert_cmpstr (converc_event_get_id (g_ptr_array_index (events, 1)), ==, "ok2");
}

static void
test_parse_event_list_empty (void)
{
  g_autoptr(GBytes) body = bytes_of ("[]");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  char *first_problem = (char *) "unset";
  guint n_skipped = 99;

  events = converc_parse_event_list (body, &n_skipped, &first_problem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_cmpuint (n_skipped, ==, 0);
  g_assert_null (first_problem);
}

static void
test_parse_event_list_wrong_shape (void)
{
  static const char * const shapes[] = {
    "{\"foo\": [1]}",
    "{\"events\": \"no\"}",
    "{\"events\": {}}",
    "{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes) + G_N_ELEMENTS (bad_bodies); i++)
    {
      const char *text = i < G_N_ELEMENTS (shapes) ? shapes[i] : bad_bodies[i - G_N_ELEMENTS (shapes)];
      gsize len = i == G_N_ELEMENTS (shapes) + G_N_ELEMENTS (bad_bodies) - 1 ? 3 : strlen (text);
      g_autoptr(GBytes) body = g_bytes_new (text, len);
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) error = NULL;
      guint n_skipped = 0;

      /* "[\"\xed\xa0\x80\"]" is invalid UTF-8 (a surrogate): either the
       * body or that one element is refused. */
      g_test_message ("body \"%s\"", text);
      events = converc_parse_event_list (body, &n_skipped, NULL, &error);
      if (events != NULL && strcmp (text, "[\"\xed\xa0\x80\"]") == 0)
        {
          g_assert_cmpuint (events->len, ==, 0);
          g_assert_cmpuint (n_skipped, ==, 1);
          continue;
        }
      g_assert_null (events);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
    }
}

/* ------------------------------------------------------------- event */

/* Parses an event that must be valid. */
static ConvercEvent *
event_from_bytes (GBytes *raw)
{
  g_autoptr(GError) error = NULL;
  ConvercEvent *event = converc_parse_event (raw, &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

static ConvercEvent *
load_event (const char *name)
{
  g_autoptr(GBytes) raw = converc_test_load_data (name);

  return event_from_bytes (raw);
}

static void
test_event_fields (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");

  g_assert_cmpstr (converc_event_get_id (event), ==, "evt_01HQ3Z8K2M4N6P8R0T2V4X6Z8B");
  g_assert_cmpstr (converc_event_get_event_type (event), ==, "call.ended");
  g_assert_cmpstr (converc_event_get_created_at (event), ==, "2024-01-01T10:04:13Z");
  g_assert_cmpint (converc_event_get_created_unix (event), ==, NEW_YEAR_2024 + 10 * 3600 + 4 * 60 + 13);
  g_assert_cmpstr (converc_event_get_organization_id (event), ==, "org_7f3c2a");
  g_assert_cmpstr (converc_event_get_call_id (event), ==, "call_9a8b7c6d");
  g_assert_cmpstr (converc_event_get_call_status (event), ==, "completed");
  g_assert_cmpstr (converc_event_get_media_type (event), ==, "video");
  g_assert_cmpstr (converc_event_get_requested_at (event), ==, "2024-01-01T09:59:30Z");
  g_assert_cmpstr (converc_event_get_accepted_at (event), ==, "2024-01-01T10:00:00Z");
  g_assert_cmpstr (converc_event_get_ended_at (event), ==, "2024-01-01T10:04:12Z");
  g_assert_cmpstr (converc_event_get_accepted_by (event), ==, "rep_grace_hopper");
  g_assert_cmpstr (converc_event_get_contact_name (event), ==, "Ada Lovelace");
  g_assert_cmpstr (converc_event_get_contact_email (event), ==, "ada@example.com");
  g_assert_cmpstr (converc_event_get_contact_phone (event), ==, "+44 20 7946 0958");
  /* acceptedAt 10:00:00 -> endedAt 10:04:12 */
  g_assert_cmpint (converc_event_get_duration (event), ==, 252);
}

static void
test_event_properties (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");
  g_autofree char *id = NULL;
  g_autofree char *type = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) raw = NULL;
  gint64 duration = 0;
  gint64 created = 0;

  g_object_get (event,
                "id", &id,
                "event-type", &type,
                "contact-name", &name,
                "duration", &duration,
                "created-unix", &created,
                "raw", &raw,
                NULL);
  g_assert_cmpstr (id, ==, "evt_01HQ3Z8K2M4N6P8R0T2V4X6Z8B");
  g_assert_cmpstr (type, ==, "call.ended");
  g_assert_cmpstr (name, ==, "Ada Lovelace");
  g_assert_cmpint (duration, ==, 252);
  g_assert_cmpint (created, ==, converc_event_get_created_unix (event));
  g_assert_true (g_bytes_equal (raw, converc_event_get_raw (event)));
}

static void
test_event_raw_exact (void)
{
  g_autoptr(GBytes) raw = converc_test_load_data ("event-call-ended.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercEvent) event = converc_parse_event (raw, &error);

  g_assert_no_error (error);
  /* The file has newlines and indentation; the raw bytes keep them */
  assert_raw_equals (event, g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
}

static void
test_event_nulls (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-nulls.json");
  g_autofree char *summary = NULL;
  g_autofree char *pretty = NULL;

  g_assert_null (converc_event_get_id (event));
  g_assert_null (converc_event_get_event_type (event));
  g_assert_null (converc_event_get_created_at (event));
  g_assert_null (converc_event_get_organization_id (event));
  g_assert_null (converc_event_get_call_id (event));
  g_assert_null (converc_event_get_call_status (event));
  g_assert_null (converc_event_get_media_type (event));
  g_assert_null (converc_event_get_accepted_at (event));
  g_assert_null (converc_event_get_ended_at (event));
  g_assert_null (converc_event_get_accepted_by (event));
  g_assert_null (converc_event_get_contact_name (event));
  g_assert_null (converc_event_get_contact_email (event));
  g_assert_null (converc_event_get_contact_phone (event));
  g_assert_cmpint (converc_event_get_duration (event), ==, -1);
  g_assert_cmpint (converc_event_get_created_unix (event), ==, G_MININT64);

  summary = converc_event_dup_summary (event);
  g_assert_nonnull (summary);
  g_assert_true (g_utf8_validate (summary, -1, NULL));
  g_assert_false (converc_event_matches (event, "lovelace"));
  pretty = converc_event_dup_pretty_json (event);
  g_assert_nonnull (pretty);
}

static void
test_event_minimal_and_odd (void)
{
  static const char * const bodies[] = {
    "{}",
    "{\"data\": null}",
    "{\"data\": \"text\"}",
    "{\"data\": [1, 2]}",
    "{\"data\": {\"call\": [], \"contact\": 7, \"qualificationAnswers\": {}}}",
    "{\"data\": {\"call\": {\"status\": [\"x\"], \"acceptedAt\": 5, \"endedAt\": true}}}",
    "{\"type\": [\"call.ended\"], \"createdAt\": {\"t\": 1}}",
    "{\"id\": \"\", \"type\": \"\"}",
    "{\"data\": {\"contact\": {\"name\": \"\\u0000nul\\u0000\"}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) raw = bytes_of (bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercEvent) event = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *pretty = NULL;

      g_test_message ("%s", bodies[i]);
      event = converc_parse_event (raw, &error);
      g_assert_no_error (error);
      g_assert_nonnull (event);
      g_assert_cmpint (converc_event_get_duration (event), ==, -1);
      g_assert_null (converc_event_get_call_status (event));
      if (i == 6)
        g_assert_null (converc_event_get_event_type (event));
      summary = converc_event_dup_summary (event);
      g_assert_nonnull (summary);
      pretty = converc_event_dup_pretty_json (event);
      g_assert_nonnull (pretty);
      converc_event_matches (event, "x");
      assert_raw_equals (event, bodies[i], strlen (bodies[i]));
    }
}

static void
test_event_not_object (void)
{
  static const char * const bodies[] = { "[]", "[{\"id\":\"a\"}]", "42", "\"evt\"", "null", "", "{" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) raw = bytes_of (bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercEvent) event = NULL;

      event = converc_parse_event (raw, &error);
      g_assert_null (event);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
    }
}

static void
test_event_duration (void)
{
  struct {
    const char *accepted;
    const char *ended;
    gint64      duration;
  } cases[] = {
    { "\"2024-01-01T00:00:00Z\"", "\"2024-01-01T00:01:30Z\"", 90 },
    { "\"2024-01-01T00: 00: 0002\"", "\"2024-01-01T00:01:30Z\"", 90 },
    { "\"2024-01-01T01:00:00+01:00\"", "\"2024-01-01T00:00:05Z\"", 5 },
    { "\"2024-01-01T00:00:00Z\"", "\"2024-01-01T00:00:00Z\"", 0 },
    { "\"2024-01-01T00:00:00.250Z\"", "\"2024-01-01T00:00:10.750Z\"", 10 },
    { "null", "\"2024-01-01T00:01:30Z\"", -1 },
    { "\"2024-01-01T00:00:00Z\"", "null", -1 },
    { "\"yesterday\"", "\"2024-01-01T00:01:30Z\"", -1 },
    { "\"2024-01-01T00:01:30Z\"", "\"2024-01-01T00:00:00Z\"", -1 },  /* ends before it starts */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"type\":\"call.ended\",\"data\":{\"call\":{"
                                               "\"requestedAt\":\"2023-12-31T23:00:00Z\","
                                               "\"acceptedAt\":%s,\"endedAt\":%s}}}",
                                               cases[i].accepted, cases[i].ended);
      g_autoptr(GBytes) raw = bytes_of (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercEvent) event = converc_parse_event (raw, &error);

      g_test_message ("%s", text);
      g_assert_no_error (error);
      g_assert_cmpint (converc_event_get_duration (event), ==, cases[i].duration);
    }
}

static void
test_event_created_unix (void)
{
  struct {
    const char *created;
    gint64      unix_time;
  } cases[] = {
    { "\"2024-01-01T00:00:00Z\"", NEW_YEAR_2024 },
    { "\"2024-01-01T00: 00: 0002\"", NEW_YEAR_2024 },
    { "\"2024-01-02T00: 00: 00.0002\"", NEW_YEAR_2024 + 86400 },
    { "\"2024-01-01T01:00:00+01:00\"", NEW_YEAR_2024 },
    { "\"yesterday\"", G_MININT64 },
    { "\"\"", G_MININT64 },
    { "null", G_MININT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"id\":\"e\",\"createdAt\":%s}", cases[i].created);
      g_autoptr(GBytes) raw = bytes_of (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercEvent) event = converc_parse_event (raw, &error);

      g_test_message ("%s", text);
      g_assert_no_error (error);
      g_assert_cmpint (converc_event_get_created_unix (event), ==, cases[i].unix_time);
    }

    {
      /* An unreadable timestamp keeps its raw text: never drop the record */
      g_autoptr(GBytes) raw = bytes_of ("{\"id\":\"e\",\"createdAt\":\"last tuesday\"}");
      g_autoptr(ConvercEvent) event = converc_parse_event (raw, NULL);

      g_assert_cmpstr (converc_event_get_created_at (event), ==, "last tuesday");
    }
}

static gboolean
matches (ConvercEvent *event,
         const char   *needle)
{
  g_autofree char *folded = converc_fold_for_search (needle);

  return converc_event_matches (event, folded);
}

static void
test_event_search (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");

  /* ids, contact fields, case-insensitively */
  g_assert_true (matches (event, "evt_01HQ3Z8K2M4N6P8R0T2V4X6Z8B"));
  g_assert_true (matches (event, "evt_01hq3z8k"));
  g_assert_true (matches (event, "LOVELACE"));
  g_assert_true (matches (event, "ada lovelace"));
  g_assert_true (matches (event, "ADA@EXAMPLE.COM"));
  g_assert_true (matches (event, "7946 0958"));
  g_assert_true (matches (event, "call_9a8b7c6d"));
  /* text deep in the payload: qualification answers, questions, location */
  g_assert_true (matches (event, "enterprise platinum"));
  g_assert_true (matches (event, "How many seats"));
  g_assert_true (matches (event, "london"));
  /* numbers too */
  g_assert_true (matches (event, "987654"));

  g_assert_false (matches (event, "zzz-not-there"));
  g_assert_false (matches (event, "Grace Lovelace"));
  /* member names are not searched */
  g_assert_false (matches (event, "qualificationAnswers"));
  g_assert_false (matches (event, "organizationId"));
}

static ConvercEvent *
event_of (const char *text)
{
  g_autoptr(GBytes) raw = bytes_of (text);

  return event_from_bytes (raw);
}

/* What a search means: the needle inside one string or number value,
 * whatever the case; never in a member name, never across values. */
static void
test_event_search_values (void)
{
  g_autoptr(ConvercEvent) event = NULL;

  /* A value in another case */
  event = event_of ("{\"id\":\"evt_1\",\"note\":\"Hello World\",\"tags\":[\"Red\",\"blue\"]}");
  g_assert_true (matches (event, "hello w"));
  g_assert_true (matches (event, "WORLD"));
  g_assert_true (matches (event, "EVT_1"));
  g_assert_true (matches (event, "red"));
  g_assert_true (matches (event, "Hello World"));
  g_assert_false (matches (event, "Hello World!"));
  /* Not in a member name, nor spanning one and its value */
  g_assert_false (matches (event, "note"));
  g_assert_false (matches (event, "tags"));
  g_assert_false (matches (event, "ote"));
  g_assert_false (matches (event, "note\":\"hello"));
  g_assert_false (matches (event, "\"hello"));
  /* Not across two values */
  g_assert_false (matches (event, "red\",\"blue"));
  g_assert_false (matches (event, "red\nblue"));
  g_assert_false (matches (event, "redblue"));
  g_assert_false (matches (event, "d\",\""));
  g_clear_object (&event);

  /* Names that are not plain ASCII are not searched either */
  event = event_of ("{\"gr\xc3\xb6\xc3\x9f" "e\":\"XL\",\"n\\u00e4me\":\"Bo\",\"a\\\"b\":1}");
  g_assert_false (matches (event, "gr\xc3\xb6\xc3\x9f" "e"));
  g_assert_false (matches (event, "n\xc3\xa4me"));
  g_assert_false (matches (event, "a\"b"));
  g_assert_true (matches (event, "xl"));
  g_assert_true (matches (event, "bo"));
  g_clear_object (&event);

  /* Not across two values that are not plain ASCII */
  event = event_of ("{\"v\":[\"Zo\xc3\xab\",\"\xc3\x85ngstr\xc3\xb6m\",\"a\\nb\",\"x\\ty\"]}");
  g_assert_true (matches (event, "zo\xc3\xab"));
  g_assert_true (matches (event, "\xc3\xa5ngstr\xc3\xb6m"));
  g_assert_false (matches (event, "zo\xc3\xab\xc3\xa5ngstr\xc3\xb6m"));
  g_assert_false (matches (event, "zo\xc3\xab\n\xc3\xa5ngstr\xc3\xb6m"));
  /* an escaped newline is in its value; it joins nothing */
  g_assert_true (matches (event, "a\nb"));
  g_assert_false (matches (event, "b\nx"));
  g_assert_false (matches (event, "a\\nb"));
  g_assert_false (matches (event, "anb"));
  g_assert_true (matches (event, "x\ty"));
  g_clear_object (&event);

  /* Non-ASCII values, as decoded, normalised and folded text */
  event = event_of ("{\"contact\":{\"name\":\"Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m\"}}");
  g_assert_true (matches (event, "zo\xc3\xab"));                 /* zoë */
  g_assert_true (matches (event, "\xc3\x85NGSTR\xc3\x96M"));     /* ÅNGSTRÖM */
  g_assert_true (matches (event, "Zo\xc3\xab \xc3\xa5ngstr\xc3\xb6m"));
  g_assert_true (matches (event, "ngstr"));                        /* ASCII part of it */
  g_assert_true (matches (event, "zoe\xcc\x88"));                 /* ë decomposed */
  g_assert_false (matches (event, "zoe"));
  g_assert_false (matches (event, "angstrom"));
  g_clear_object (&event);

  /* Escaped values, as decoded text */
  event = event_of ("{\"last\":\"O\\\"Brien\",\"city\":\"Caf\\u00e9\","
                    "\"u\":\"https:\\/\\/x.test\\/a\","
                    "\"k\":\"\\u004bEY\",\"smile\":\"\\ud83d\\ude00!\",\"p\":\"C:\\\\dir\"}");
  g_assert_true (matches (event, "o\"brien"));
  g_assert_true (matches (event, "O\"BRIEN"));
  g_assert_true (matches (event, "brien"));
  g_assert_true (matches (event, "\xc3\xa9"));                    /* é */
  g_assert_true (matches (event, "CAF\xc3\x89"));                 /* CAFÉ */
  g_assert_true (matches (event, "https://x.test/a"));
  g_assert_true (matches (event, "key"));
  g_assert_true (matches (event, "\xf0\x9f\x98\x80!"));          /* 😀! */
  g_assert_true (matches (event, "c:\\dir"));
  /* not the escapes as spelled */
  g_assert_false (matches (event, "u00e9"));
  g_assert_false (matches (event, "o\\\"brien"));
  g_assert_false (matches (event, "\\/"));
  g_assert_false (matches (event, "u004b"));
  g_assert_false (matches (event, "\\\\"));
  g_clear_object (&event);

  /* Numbers, as spelled in the JSON */
  event = event_of ("{\"n\":1.50,\"big\":12345678901234567890,\"lat\":-33.897039,"
                    "\"e\":1E5,\"i\":42,\"list\":[7,9]}");
  g_assert_true (matches (event, "1.50"));
  g_assert_true (matches (event, "1.5"));
  g_assert_true (matches (event, "12345678901234567890"));
  g_assert_true (matches (event, "-33.897039"));
  g_assert_true (matches (event, "33.89"));
  g_assert_true (matches (event, "1e5"));
  g_assert_true (matches (event, "42"));
  g_assert_true (matches (event, "7"));
  g_assert_false (matches (event, "100000"));
  g_assert_false (matches (event, "7,9"));
  g_assert_false (matches (event, "79"));
  g_assert_false (matches (event, "42,"));
  g_assert_false (matches (event, "big"));
  g_clear_object (&event);

  /* Booleans and null are no text */
  event = event_of ("{\"a\":true,\"b\":false,\"c\":null,\"d\":[true]}");
  g_assert_false (matches (event, "true"));
  g_assert_false (matches (event, "fals"));
  g_assert_false (matches (event, "null"));
  g_assert_false (matches (event, "u"));
  g_clear_object (&event);

  /* A needle longer than the event; the empty needle; at the very end */
  event = event_of ("{\"a\":\"xyz\"}");
  g_assert_false (matches (event, "{\"a\":\"xyz\"}{\"a\":\"xyz\"}"));
  g_assert_false (matches (event, "xyz\"}"));
  g_assert_true (matches (event, "xyz"));
  g_assert_true (matches (event, "yz"));
  g_assert_true (matches (event, "z"));
  g_assert_true (matches (event, ""));
  g_assert_true (converc_event_matches (event, NULL));
  g_assert_false (matches (event, "\xc3\xa9"));
  g_clear_object (&event);
}

static void
collect_string_values (JsonNode  *node,
                       GPtrArray *values)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          collect_string_values (member, values);
      }
      break;
    case JSON_NODE_ARRAY:
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        collect_string_values (json_array_get_element (json_node_get_array (node), i), values);
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (values, converc_fold_for_search (json_node_get_string (node)));
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* Bytes made to defeat the quick search (one letter repeated, the needle
 * that letter and one other): the search gives up comparing and answers
 * in linear time, with the same meaning. Correctness only: speed is for
 * the benchmarks. */
static void
test_event_search_repetitive (void)
{
  g_autofree char *run = g_strnfill (200000, 'a');
  g_autofree char *forty = g_strnfill (40, 'a');
  g_autofree char *needle_end = g_strconcat (forty, "e", NULL);       /* at the value's end */
  g_autofree char *needle_none = g_strconcat (forty, "ea", NULL);     /* nowhere */
  g_autofree char *in_value = g_strdup_printf ("{\"id\":\"evt_1\",\"note\":\"%sE\"}", run);
  g_autofree char *in_key = g_strdup_printf ("{\"id\":\"evt_1\",\"%se\":1}", run);
  g_autofree char *digits = g_strnfill (200000, '1');
  g_autofree char *forty_ones = g_strnfill (40, '1');
  g_autofree char *digits_end = g_strconcat (forty_ones, "2", NULL);
  g_autofree char *digits_none = g_strconcat (forty_ones, "21", NULL);
  g_autofree char *in_number = g_strdup_printf ("{\"id\":\"evt_1\",\"n\":%s2}", digits);
  g_autoptr(ConvercEvent) value_event = event_of (in_value);
  g_autoptr(ConvercEvent) key_event = event_of (in_key);
  g_autoptr(ConvercEvent) number_event = event_of (in_number);

  g_assert_true (matches (value_event, needle_end));
  g_assert_false (matches (value_event, needle_none));
  g_assert_true (matches (value_event, "evt_1"));

  /* The same text in a key is never found. */
  g_assert_false (matches (key_event, needle_end));
  g_assert_true (matches (key_event, "evt_1"));

  g_assert_true (matches (number_event, digits_end));
  g_assert_false (matches (number_event, digits_none));
}

/* Every piece of an event's text as a needle: it matches exactly when
 * json-glib's decoded string values, folded, hold it (no numbers here). */
static void
test_event_search_every_needle (void)
{
  static const char * const texts[] = {
    "{\"id\":\"evt_X1\",\"data\":{\"contact\":{\"name\":\"Ren\xc3\xa9" "e O\\\"Hara\","
    "\"email\":\"RO@Example.COM\"},\"tags\":[\"a\",\"b\",\"ab\",\"\",\"Stra\xc3\x9f" "e\"],"
    "\"note\":\"line1\\nline2 \\u00c9t\\u00e9\",\"ok\":true,"
    "\"na\\u006de\":\"key-like\",\"x\":null,\"deep\":[[{\"k\":\"v:\\\\\"}]]}}",
    "  {\n  \"a\" : \"A b\" ,\n  \"b\":[ \"c\" , {\"d\":\"e\"} ] }\n",
  };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(ConvercEvent) event = event_of (texts[t]);
      g_autoptr(JsonNode) root = converc_event_parse_payload (event, NULL);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      gsize len = strlen (texts[t]);

      collect_string_values (root, values);

      for (gsize start = 0; start < len; start++)
        {
          for (gsize n = 1; n <= 12 && start + n <= len; n++)
            {
              g_autofree char *piece = g_strndup (texts[t] + start, n);
              g_autofree char *folded = NULL;
              gboolean expected = FALSE;

              if (!g_utf8_validate (piece, -1, NULL))
                continue;

              folded = converc_fold_for_search (piece);
              for (guint i = 0; i < values->len && !expected; i++)
                expected = strstr (g_ptr_array_index (values, i), folded) != NULL;

              if (converc_event_matches (event, folded) != expected)
                g_error ("needle “%s” in %s: expected %d", folded, texts[t], expected);
            }
        }

      /* Each value, and each piece of it, finds the event */
      for (guint i = 0; i < values->len; i++)
        {
          const char *value = g_ptr_array_index (values, i);

          for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
            g_assert_true (converc_event_matches (event, p));
        }
    }
}

static void
test_event_search_unicode (void)
{
  g_autoptr(GBytes) raw = bytes_of ("{\"id\":\"e1\",\"data\":{\"contact\":{\"name\":\"Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m\"},"
                                    "\"qualificationAnswers\":[{\"answer\":{\"value\":\"Stra\xc3\x9f" "e\"}},"
                                    "{\"answer\":{\"value\":\"caf\\u00e9\"}}]}}");
  g_autoptr(ConvercEvent) event = converc_parse_event (raw, NULL);

  g_assert_nonnull (event);
  g_assert_true (matches (event, "ZO\xc3\x8b"));               /* ZOË */
  g_assert_true (matches (event, "\xc3\xa5ngstr\xc3\xb6m"));   /* ångström */
  g_assert_true (matches (event, "STRASSE"));                   /* ß folds to ss */
  g_assert_true (matches (event, "CAF\xc3\x89"));               /* escaped é in the JSON */
  g_assert_true (matches (event, "cafe\xcc\x81"));              /* decomposed é */
  g_assert_false (matches (event, "zoe "));
}

static void
test_event_summary (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");
  g_autofree char *summary = converc_event_dup_summary (event);

  /* Name, email, status, duration, in that order. */
  g_assert_cmpstr (summary, ==, "Ada Lovelace · ada@example.com · completed · 4:12");
}

static void
test_event_summary_bounded (void)
{
  g_autoptr(GString) body = g_string_new ("{\"data\": {\"contact\": {\"name\": \"Kwame\", \"email\": \"");
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(ConvercEvent) event = NULL;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (body, 'k');
  g_string_append (body, "@example.com\"}}}");
  raw = g_bytes_new (body->str, body->len);
  event = converc_parse_event (raw, NULL);
  g_assert_nonnull (event);

  /* The email is there, cut to a bound; only the email, when it is all. */
  summary = converc_event_dup_summary (event);
  g_assert_true (g_str_has_prefix (summary, "Kwame · kkkk"));
  g_assert_cmpuint (g_utf8_strlen (summary, -1), <=, 300);
}

static void
test_event_pretty_json (void)
{
  const char *text = "{\"id\":\"e1\",\"n\":1.50,\"big\":12345678901234567890,\"s\":\"a\\u00e9\\n\\\"q\\\"\","
                     "\"list\":[1,{\"x\":null}],\"empty\":{},\"none\":[]}";
  g_autoptr(GBytes) raw = bytes_of (text);
  g_autoptr(ConvercEvent) event = converc_parse_event (raw, NULL);
  g_autofree char *pretty = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (event);
  pretty = converc_event_dup_pretty_json (event);
  g_assert_nonnull (pretty);
  g_assert_true (g_utf8_validate (pretty, -1, NULL));

  /* two-space indentation, one member a line */
  g_assert_true (g_str_has_prefix (pretty, "{\n  \"id\""));
  g_assert_nonnull (strstr (pretty, "\n  \"list\""));
  g_assert_nonnull (strstr (pretty, "\n    1"));

  /* the same JSON */
  reparsed = converc_parse_json (pretty, strlen (pretty), &error);
  g_assert_no_error (error);
  original = converc_parse_json (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (reparsed, original));

  /* values spelled as the server sent them */
  g_assert_nonnull (strstr (pretty, "1.50"));
  g_assert_nonnull (strstr (pretty, "12345678901234567890"));
}

static void
test_event_pretty_json_document (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");
  g_autofree char *pretty = converc_event_dup_pretty_json (event);
  g_autoptr(GBytes) raw = converc_test_load_data ("event-call-ended.json");
  g_autoptr(JsonNode) a = converc_parse_json (pretty, strlen (pretty), NULL);
  g_autoptr(JsonNode) b = converc_parse_json (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (json_node_equal (a, b));
  g_assert_nonnull (strstr (pretty, "\n      \"status\": \"completed\""));
}

static void
test_event_parse_payload (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = converc_event_parse_payload (event, &error);
  g_autoptr(JsonNode) again = NULL;
  JsonObject *data;
  JsonArray *answers;

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  data = json_object_get_object_member (json_node_get_object (node), "data");
  g_assert_nonnull (data);
  answers = json_object_get_array_member (data, "qualificationAnswers");
  g_assert_cmpuint (json_array_get_length (answers), ==, 2);
  g_assert_true (json_object_get_null_member (data, "transcript"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (data, "recording"), "available"));

  /* The caller owns a fresh node each time */
  again = converc_event_parse_payload (event, &error);
  g_assert_no_error (error);
  g_assert_true (again != node);
  g_assert_true (json_node_equal (again, node));
}

/* ------------------------------------------------------------- errors */

static void
test_error_for_http_codes (void)
{
  struct {
    guint status;
    int   code;
  } cases[] = {
    { 400, CONVERC_ERROR_INVALID_REQUEST },
    { 401, CONVERC_ERROR_UNAUTHORIZED },
    { 403, CONVERC_ERROR_FORBIDDEN },
    { 404, CONVERC_ERROR_NOT_FOUND },
    { 405, CONVERC_ERROR_INVALID_REQUEST },
    { 409, CONVERC_ERROR_INVALID_REQUEST },
    { 418, CONVERC_ERROR_INVALID_REQUEST },
    { 422, CONVERC_ERROR_INVALID_REQUEST },
    { 429, CONVERC_ERROR_RATE_LIMITED },
    { 500, CONVERC_ERROR_SERVER },
    { 502, CONVERC_ERROR_SERVER },
    { 503, CONVERC_ERROR_SERVER },
    { 599, CONVERC_ERROR_SERVER },
    { 100, CONVERC_ERROR_HTTP },
    { 301, CONVERC_ERROR_HTTP },
    { 304, CONVERC_ERROR_HTTP },
    { 600, CONVERC_ERROR_HTTP },
    { 0,   CONVERC_ERROR_HTTP },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = converc_error_new_for_http (cases[i].status, NULL, NULL);
      g_autofree char *status = g_strdup_printf ("%u", cases[i].status);

      g_test_message ("status %u", cases[i].status);
      g_assert_error (error, CONVERC_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      /* The message names the HTTP status */
      if (cases[i].status != 0)
        g_assert_nonnull (strstr (error->message, status));
    }
}

static void
test_error_for_http_server_text (void)
{
  struct {
    guint       status;
    const char *body;
    const char *expected;
  } cases[] = {
    { 401, "{\"error\": \"Invalid API key\"}", "Invalid API key" },
    { 403, "{\"message\": \"Scope webhooks:write required\"}", "Scope webhooks:write required" },
    { 404, "{\"error\": {\"code\": \"not_found\", \"message\": \"Webhook wh_9 does not exist\"}}", "Webhook wh_9 does not exist" },
    { 422, "{\"error\": \"url must be https\", \"field\": \"url\"}", "url must be https" },
    { 500, "Internal failure in the webhook service", "Internal failure in the webhook service" },
    { 502, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", "502 Bad Gateway" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = bytes_of (cases[i].body);
      g_autoptr(GError) error = converc_error_new_for_http (cases[i].status, NULL, body);

      g_test_message ("%u %s", cases[i].status, cases[i].body);
      g_assert_nonnull (strstr (error->message, cases[i].expected));
    }
}

static void
test_error_for_http_retry_after (void)
{
  g_autoptr(GError) error = converc_error_new_for_http (429, "37", NULL);

  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_RATE_LIMITED);
  /* the wait is said */
  g_assert_nonnull (strstr (error->message, "37"));
}

static char *
extract (const char *text)
{
  g_autoptr(GBytes) body = bytes_of (text);

  return converc_error_extract_message (body);
}

static void
test_error_extract_message (void)
{
  g_autofree char *a = extract ("{\"error\": \"bad key\"}");
  g_autofree char *b = extract ("{\"message\": \"slow down\"}");
  g_autofree char *c = extract ("{\"error\": {\"message\": \"nested text\", \"code\": 7}}");
  g_autofree char *d = extract ("Service Unavailable");
  g_autofree char *e = extract ("  plain text with spaces around \n");
  g_autofree char *f = extract ("<!DOCTYPE html><html><body><p>Gateway Timeout</p></body></html>");

  g_assert_cmpstr (a, ==, "bad key");
  g_assert_cmpstr (b, ==, "slow down");
  g_assert_cmpstr (c, ==, "nested text");
  g_assert_cmpstr (d, ==, "Service Unavailable");
  g_assert_nonnull (strstr (e, "plain text with spaces around"));
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f, "Gateway Timeout"));
}

static void
test_error_extract_message_empty (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  g_assert_null (converc_error_extract_message (NULL));
  g_assert_null (converc_error_extract_message (empty));
}

static void
test_error_extract_message_long (void)
{
  g_autoptr(GString) ascii = g_string_new (NULL);
  g_autoptr(GString) utf8 = g_string_new (NULL);
  g_autofree char *cut = NULL;
  g_autofree char *cut_utf8 = NULL;
  g_autofree char *json = NULL;
  g_autofree char *cut_json = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append_c (ascii, 'a' + i % 26);
  cut = extract (ascii->str);
  g_assert_nonnull (cut);
  /* the first 200 characters (an ellipsis may follow) */
  g_assert_cmpuint (g_utf8_strlen (cut, -1), >=, 200);
  g_assert_cmpuint (g_utf8_strlen (cut, -1), <=, 203);
  g_assert_true (strncmp (cut, ascii->str, 200) == 0);

  /* multi-byte characters are not split */
  for (guint i = 0; i < 500; i++)
    g_string_append (utf8, "\xe6\x97\xa5\xc3\xa9");
  cut_utf8 = extract (utf8->str);
  g_assert_true (g_utf8_validate (cut_utf8, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (cut_utf8, -1), <=, 203);
  g_assert_cmpuint (g_utf8_strlen (cut_utf8, -1), >=, 200);

  /* a long "error" string is cut as well */
  json = g_strdup_printf ("{\"error\": \"%s\"}", ascii->str);
  cut_json = extract (json);
  g_assert_cmpuint (g_utf8_strlen (cut_json, -1), <=, 203);
}

static void
test_error_extract_message_invalid_utf8 (void)
{
  static const char body[] = "bad \xff\xfe bytes \xc3";
  g_autoptr(GBytes) bytes = g_bytes_new (body, sizeof body - 1);
  g_autofree char *text = converc_error_extract_message (bytes);
  g_autoptr(GBytes) binary = g_bytes_new ("\x00\x01\x02{\"error\":1}", 14);
  g_autofree char *text2 = converc_error_extract_message (binary);
  g_autoptr(GError) error = converc_error_new_for_http (500, NULL, bytes);

  /* whatever is shown is valid UTF-8 */
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "bytes"));
  if (text2 != NULL)
    g_assert_true (g_utf8_validate (text2, -1, NULL));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_error_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);

  g_assert_cmpint (converc_parse_retry_after ("120", now), ==, 120);
  g_assert_cmpint (converc_parse_retry_after ("0", now), ==, 0);
  g_assert_cmpint (converc_parse_retry_after ("1", NULL), ==, 1);
  /* HTTP-date, two minutes after now */
  g_assert_cmpint (converc_parse_retry_after ("Mon, 01 Jan 2024 00:02:00 GMT", now), ==, 120);
  /* a date in the past: retry now */
  g_assert_cmpint (converc_parse_retry_after ("Sun, 31 Dec 2023 23:00:00 GMT", now), ==, 0);
}

static void
test_error_retry_after_garbage (void)
{
  static const char * const garbage[] = {
    "",
    "   ",
    "soon",
    "-5",
    "1.5",
    "12abc",
    "0x10",
    "Mon, 99 Foo 2024 99:99:99 GMT",
    "\xff\xfe",
  };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);

  g_assert_cmpint (converc_parse_retry_after (NULL, now), ==, -1);
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_test_message ("\"%s\"", garbage[i]);
      g_assert_cmpint (converc_parse_retry_after (garbage[i], now), ==, -1);
    }
}

static void
test_error_retry_after_huge (void)
{
  static const char * const huge[] = {
    "99999999999999999999999999999",
    "9223372036854775807",
    "18446744073709551616",
    "31536000000",
    "Fri, 31 Dec 9999 23:59:59 GMT",
  };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);

  /* converc-error.h does not say; converc-error.c documents "at most one
   * day". Whatever the cap, it is a sane positive wait, never negative or
   * wrapped around. */
  for (guint i = 0; i < G_N_ELEMENTS (huge); i++)
    {
      gint64 seconds = converc_parse_retry_after (huge[i], now);

      g_test_message ("\"%s\" -> %" G_GINT64_FORMAT, huge[i], seconds);
      g_assert_cmpint (seconds, >, 0);
      g_assert_cmpint (seconds, <=, 24 * 60 * 60);
    }
}

/* The scanner finds values by their brackets, whatever strings hold. */
static void
test_json_skip_value (void)
{
  const struct { const char *json; gsize end; } cases[] = {
    { "\"a]\\\"}\" , ", 7 },
    { "[1,[2,{\"]\":\"[\"}],3] tail", 19 },
    { "{\"a\":{\"b\":[]}}", 14 },
    { "-12.5e3,", 7 },
    { "true}", 4 },
    { "  null ]", 6 },
    { "[1,2", 4 },            /* cut short: the length */
    { "\"open", 5 },
    { "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (converc_json_skip_value (cases[i].json, strlen (cases[i].json), 0), ==,
                      cases[i].end);
}

static void
test_json_member_range (void)
{
  const char *json = "{\"x\":\"data\" , \"d\\u0061ta\" : [1, \"]\"] ,\"data\":2}";
  gsize len = strlen (json);
  gsize start = 0, end = 0;
  g_autofree char *value = NULL;

  /* The first member whose key means "data", escaped or not. */
  g_assert_true (converc_json_member_range (json, len, 0, "data", &start, &end));
  value = g_strndup (json + start, end - start);
  g_assert_cmpstr (value, ==, "[1, \"]\"]");
  g_assert_true (converc_json_member_range (json, len, 0, "x", &start, &end));
  g_assert_cmpuint (end - start, ==, 6);

  g_assert_false (converc_json_member_range (json, len, 0, "missing", &start, &end));
  g_assert_false (converc_json_member_range ("[1]", 3, 0, "data", &start, &end));
  g_assert_false (converc_json_member_range ("{\"a\":", 5, 0, "a", &start, &end));
  g_assert_false (converc_json_member_range ("{\"a\" 1}", 7, 0, "a", &start, &end));
  g_assert_false (converc_json_member_range ("{}", 2, 0, "a", &start, &end));
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/parse/json-valid", test_parse_json_valid);
  g_test_add_func ("/converc/parse/json-invalid", test_parse_json_invalid);
  g_test_add_func ("/converc/parse/json-deep", test_parse_json_deep);
  g_test_add_func ("/converc/parse/webhook-list-documented", test_parse_webhook_list_documented);
  g_test_add_func ("/converc/parse/webhook-list-empty", test_parse_webhook_list_empty);
  g_test_add_func ("/converc/webhook/receives", test_webhook_receives);
  g_test_add_func ("/converc/webhook/matches", test_webhook_matches);
  g_test_add_func ("/converc/parse/webhook-list-nulls", test_parse_webhook_list_nulls);
  g_test_add_func ("/converc/parse/webhook-list-bad-elements", test_parse_webhook_list_bad_elements);
  g_test_add_func ("/converc/parse/webhook-list-wrong-shape", test_parse_webhook_list_wrong_shape);
  g_test_add_func ("/converc/parse/create-response", test_parse_create_response);
  g_test_add_func ("/converc/parse/create-response-bad", test_parse_create_response_bad);
  g_test_add_func ("/converc/parse/disable-response", test_parse_disable_response);
  g_test_add_func ("/converc/parse/disable-response-contradicting",
                   test_parse_disable_response_contradicting);
  g_test_add_func ("/converc/parse/disable-response-still-active",
                   test_parse_disable_response_still_active);
  g_test_add_func ("/converc/parse/disable-response-wrong-shape",
                   test_parse_disable_response_wrong_shape);
  g_test_add_func ("/converc/parse/test-response", test_parse_test_response);
  g_test_add_func ("/converc/parse/test-response-wrong-shape", test_parse_test_response_wrong_shape);
  g_test_add_func ("/converc/parse/split-array", test_parse_split_array);
  g_test_add_func ("/converc/parse/split-array-empty", test_parse_split_array_empty);
  g_test_add_func ("/converc/parse/split-array-invalid", test_parse_split_array_invalid);
  g_test_add_func ("/converc/parse/split-array-not-terminated", test_parse_split_array_not_terminated);
  g_test_add_func ("/converc/parse/event-list-exact-bytes", test_parse_event_list_exact_bytes);
  g_test_add_func ("/converc/parse/event-list-wrappers", test_parse_event_list_wrappers);
  g_test_add_func ("/converc/parse/event-list-shares-body", test_parse_event_list_shares_body);
  g_test_add_func ("/converc/parse/event-list-docs-example", test_parse_event_list_docs_example);
  g_test_add_func ("/converc/parse/event-list-broken-element", test_parse_event_list_broken_element);
  g_test_add_func ("/converc/parse/event-list-empty", test_parse_event_list_empty);
  g_test_add_func ("/converc/parse/event-list-wrong-shape", test_parse_event_list_wrong_shape);
  g_test_add_func ("/converc/event/fields", test_event_fields);
  g_test_add_func ("/converc/event/properties", test_event_properties);
  g_test_add_func ("/converc/event/raw-exact", test_event_raw_exact);
  g_test_add_func ("/converc/event/nulls", test_event_nulls);
  g_test_add_func ("/converc/event/minimal-and-odd", test_event_minimal_and_odd);
  g_test_add_func ("/converc/event/not-object", test_event_not_object);
  g_test_add_func ("/converc/event/duration", test_event_duration);
  g_test_add_func ("/converc/event/created-unix", test_event_created_unix);
  g_test_add_func ("/converc/event/search", test_event_search);
  g_test_add_func ("/converc/event/search-unicode", test_event_search_unicode);
  g_test_add_func ("/converc/event/search-values", test_event_search_values);
  g_test_add_func ("/converc/event/search-every-needle", test_event_search_every_needle);
  g_test_add_func ("/converc/event/search-repetitive", test_event_search_repetitive);
  g_test_add_func ("/converc/event/summary", test_event_summary);
  g_test_add_func ("/converc/event/summary-bounded", test_event_summary_bounded);
  g_test_add_func ("/converc/json/skip-value", test_json_skip_value);
  g_test_add_func ("/converc/json/member-range", test_json_member_range);
  g_test_add_func ("/converc/event/pretty-json", test_event_pretty_json);
  g_test_add_func ("/converc/event/pretty-json-document", test_event_pretty_json_document);
  g_test_add_func ("/converc/event/parse-payload", test_event_parse_payload);
  g_test_add_func ("/converc/error/for-http-codes", test_error_for_http_codes);
  g_test_add_func ("/converc/error/for-http-server-text", test_error_for_http_server_text);
  g_test_add_func ("/converc/error/for-http-retry-after", test_error_for_http_retry_after);
  g_test_add_func ("/converc/error/extract-message", test_error_extract_message);
  g_test_add_func ("/converc/error/extract-message-empty", test_error_extract_message_empty);
  g_test_add_func ("/converc/error/extract-message-long", test_error_extract_message_long);
  g_test_add_func ("/converc/error/extract-message-invalid-utf8",
                   test_error_extract_message_invalid_utf8);
  g_test_add_func ("/converc/error/retry-after", test_error_retry_after);
  g_test_add_func ("/converc/error/retry-after-garbage", test_error_retry_after_garbage);
  g_test_add_func ("/converc/error/retry-after-huge", test_error_retry_after_huge);

  return g_test_run ();
}
