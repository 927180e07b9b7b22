/* test-parse.c
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

/* The one concern of this file: the parsers of the API's answers —
 * JSON bodies, endpoint lists, create/disable/test answers, event lists —
 * and the JSON scanner under them, on every shape the API documents and
 * every wrong one. */

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
  g_autofree char *ok_depth = converc_test_nested ("[", "]", CONVERC_MAX_NESTING_DEPTH - 1);
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
      g_autofree char *text = converc_test_nested (cases[i].open, cases[i].close, cases[i].depth);
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
      converc_test_assert_raw_equals (event, elements[objects[i]], strlen (elements[objects[i]]));
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
      converc_test_assert_raw_equals (g_ptr_array_index (events, 0), e1, strlen (e1));
      converc_test_assert_raw_equals (g_ptr_array_index (events, 1), e2, strlen (e2));
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
      converc_test_assert_raw_equals (g_ptr_array_index (events, 0), e1, strlen (e1));
      converc_test_assert_raw_equals (g_ptr_array_index (events, 1), e2, strlen (e2));
      converc_test_assert_raw_equals (g_ptr_array_index (events, 2), e3, strlen (e3));
      for (guint j = 0; j < events->len; j++)
        g_assert_true (points_into (converc_event_get_raw (g_ptr_array_index (events, j)), body));

      /* One event kept of three: it alone keeps the whole answer alive... */
      kept = g_object_ref (g_ptr_array_index (events, 1));
      g_clear_pointer (&events, g_ptr_array_unref);
      g_clear_pointer (&body, g_bytes_unref);
      g_assert_false (freed);
      converc_test_assert_raw_equals (kept, e2, strlen (e2));

      /* ...until it is compacted: the same bytes, its own. */
      converc_event_compact (kept);
      g_assert_true (freed);
      converc_test_assert_raw_equals (kept, e2, strlen (e2));
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
  converc_test_assert_raw_equals (event, (const char *) g_bytes_get_data (body, NULL) + 1, g_bytes_get_size (body) - 2);
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
  g_test_add_func ("/converc/json/skip-value", test_json_skip_value);
  g_test_add_func ("/converc/json/member-range", test_json_member_range);

  return g_test_run ();
}
