/* test-hostile.c
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

/* The client against a server that misbehaves in every way we could think
 * of. The server is a raw TCP listener on loopback (one thread per
 * connection), so it can send what no HTTP library would: truncated bodies,
 * lies in Content-Length, endless streams, redirect loops. For each kind the
 * client must give a clear error (or the usable part of the data), never
 * crash, never hang past its timeout, and never read without bound. */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "converc.h"
#include "converc-test-utils.h"

#define API_KEY "sk_live_hostile_test_key_4242"
#define TIMEOUT 3

typedef enum { OP_LIST, OP_EVENTS, OP_CREATE, OP_TEST, OP_DISABLE } Op;

typedef enum
{
  SEND_NORMAL,         /* status, headers and body, Connection: close */
  SEND_RAW,            /* body is the whole response, as it is */
  SEND_SLOW,           /* a chunked body, one byte every 200 ms, forever */
  SEND_HANG,           /* read the request, answer nothing */
  SEND_CLOSE_EARLY,    /* promise 1000 bytes, send 10, close */
  SEND_HUGE_LENGTH,    /* Content-Length: 200 MB */
  SEND_HUGE_STREAM,    /* a chunked body without end */
  SEND_REDIRECT_LOOP,  /* 302 to itself */
  SEND_REDIRECT_AWAY,  /* 302 to another host (localhost vs 127.0.0.1) */
} Send;

typedef struct _Case Case;

typedef struct
{
  GError     *error;
  GPtrArray  *list;      /* webhooks or events */
  guint       n_skipped;
  char       *problem;
  char       *secret;
  ConvercTestResult *test;
  gboolean    disabled;
  gint64      retry_after;
  gint64      elapsed_ms;
} Outcome;

struct _Case
{
  const char *name;
  Op          op;
  Send        send;
  guint       status;
  const char *headers;
  const char *body;
  GBytes   *(*make_body) (void);
  int         expect;     /* a ConvercError code, or -1 for success */
  void      (*check)      (const Case *c, Outcome *outcome);
};

static GSocketService *service;
static guint16 port;
static const Case *current;
static int leaked_requests;
G_LOCK_DEFINE_STATIC (server);

/* Bodies made at run time */

static GBytes *
deep_nesting (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, ']');
  return g_string_free_to_bytes (s);
}

static GBytes *
deep_nesting_in_event (void)
{
  GString *s = g_string_new ("[{\"id\":\"evt_ok\",\"type\":\"call.ended\"},{\"id\":\"evt_deep\",\"x\":");

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "}]");
  return g_string_free_to_bytes (s);
}

static GBytes *
invalid_utf8 (void)
{
  static const char bytes[] = "{\"webhooks\":[{\"id\":\"wh_\xff\xfe\",\"url\":\"https://x\"}]}";
  return g_bytes_new_static (bytes, sizeof bytes - 1);
}

static GBytes *
nul_byte (void)
{
  static const char bytes[] = "{\"webhooks\":[]}\0trailing";
  return g_bytes_new_static (bytes, sizeof bytes - 1);
}

static GBytes *
megabyte_name (void)
{
  GString *s = g_string_new ("[{\"id\":\"evt_big\",\"type\":\"call.ended\",\"data\":{\"contact\":{\"name\":\"");

  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (s, 'a' + i % 26);
  g_string_append (s, "\"}}}]");
  return g_string_free_to_bytes (s);
}

static GBytes *
many_endpoints (void)
{
  GString *s = g_string_new ("{\"webhooks\":[");

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (s, "%s{\"id\":\"wh_%u\",\"url\":\"https://example.com/%u\","
                               "\"events\":[],\"isActive\":%s}",
                            i ? "," : "", i, i, i % 3 ? "true" : "false");
  g_string_append (s, "]}");
  return g_string_free_to_bytes (s);
}

/* Checks */

static void
check_retry_after_5 (const Case *c, Outcome *o)
{
  g_assert_cmpint (o->retry_after, ==, 5);
  g_assert_nonnull (strstr (o->error->message, "5 seconds"));
}

static void
check_retry_after_none (const Case *c, Outcome *o)
{
  g_assert_cmpint (o->retry_after, ==, -1);
  g_assert_nonnull (strstr (o->error->message, "429"));
}

static void
check_retry_after_clamped (const Case *c, Outcome *o)
{
  g_assert_cmpint (o->retry_after, ==, 24 * 60 * 60);
}

static void
check_retry_after_date (const Case *c, Outcome *o)
{
  /* A date in the past means: now. */
  g_assert_cmpint (o->retry_after, ==, 0);
}

static void
check_key_redacted (const Case *c, Outcome *o)
{
  g_assert_null (strstr (o->error->message, API_KEY));
  g_assert_nonnull (strstr (o->error->message, "[API key]"));
}

static void
check_server_text (const Case *c, Outcome *o)
{
  g_assert_nonnull (strstr (o->error->message, "Quota exceeded for organisation"));
}

static void
check_markup_kept (const Case *c, Outcome *o)
{
  /* A message taken from JSON is quoted as it is; showing it literally is
   * the UI's business. */
  g_assert_nonnull (strstr (o->error->message, "<b>bold</b> & <i>it</i>"));
}

static void
check_html_title (const Case *c, Outcome *o)
{
  g_assert_nonnull (strstr (o->error->message, "502 Bad Gateway"));
  g_assert_null (strstr (o->error->message, "<html>"));
}

static void
check_text_cut (const Case *c, Outcome *o)
{
  /* At most 200 characters of the body are quoted. */
  g_assert_null (strstr (o->error->message, "yyyy"));
  g_assert_nonnull (strstr (o->error->message, "…"));
}

static void
check_one_webhook (const Case *c, Outcome *o)
{
  g_assert_cmpuint (o->list->len, ==, 1);
}

static void
check_empty_list (const Case *c, Outcome *o)
{
  g_assert_cmpuint (o->list->len, ==, 0);
}

static void
check_nulls_webhook (const Case *c, Outcome *o)
{
  ConvercWebhook *webhook;

  g_assert_cmpuint (o->list->len, ==, 1);
  webhook = g_ptr_array_index (o->list, 0);
  g_assert_cmpstr (converc_webhook_get_id (webhook), ==, "wh_1");
  g_assert_true (converc_webhook_get_all_events (webhook));
  g_assert_null (converc_webhook_get_created_at (webhook));
}

static void
check_numeric_id (const Case *c, Outcome *o)
{
  g_assert_cmpuint (o->list->len, ==, 2);
  g_assert_cmpstr (converc_webhook_get_id (g_ptr_array_index (o->list, 0)), ==, "12345");
  g_assert_false (converc_webhook_get_is_active (g_ptr_array_index (o->list, 1)));
}

static void
check_partial_events (const Case *c, Outcome *o)
{
  g_assert_cmpuint (o->list->len, ==, 2);
  g_assert_cmpuint (o->n_skipped, ==, 2);
  g_assert_nonnull (o->problem);
}

static void
check_one_event_one_skipped (const Case *c, Outcome *o)
{
  g_assert_cmpuint (o->list->len, ==, 1);
  g_assert_cmpuint (o->n_skipped, ==, 1);
  g_assert_cmpstr (converc_event_get_id (g_ptr_array_index (o->list, 0)), ==, "evt_ok");
}

static void
check_all_skipped (const Case *c, Outcome *o)
{
  g_assert_cmpuint (o->list->len, ==, 0);
  g_assert_cmpuint (o->n_skipped, ==, 3);
}

static void
check_wrapped_events (const Case *c, Outcome *o)
{
  g_assert_cmpuint (o->list->len, ==, 2);
  g_assert_cmpstr (converc_event_get_event_type (g_ptr_array_index (o->list, 1)), ==, "call.event");
}

static void
check_markup_literal (const Case *c, Outcome *o)
{
  ConvercEvent *event;

  g_assert_cmpuint (o->list->len, ==, 1);
  event = g_ptr_array_index (o->list, 0);
  g_assert_cmpstr (converc_event_get_contact_name (event), ==, "<b>Bold</b> & <i>co</i>");
  g_assert_cmpstr (converc_event_get_event_type (event), ==, "<span>call</span>");
}

static void
check_big_name (const Case *c, Outcome *o)
{
  g_assert_cmpuint (o->list->len, ==, 1);
  g_assert_cmpuint (strlen (converc_event_get_contact_name (g_ptr_array_index (o->list, 0))),
                    ==, 1024 * 1024);
}

static void
check_5000 (const Case *c, Outcome *o)
{
  g_assert_cmpuint (o->list->len, ==, 5000);
}

static void
check_garbled_time (const Case *c, Outcome *o)
{
  ConvercEvent *event = g_ptr_array_index (o->list, 0);

  g_assert_cmpint (converc_event_get_created_unix (event), ==, 1704067200);
  g_assert_cmpint (converc_event_get_created_unix (g_ptr_array_index (o->list, 1)), ==, G_MININT64);
  g_assert_cmpstr (converc_event_get_created_at (g_ptr_array_index (o->list, 1)), ==, "last tuesday");
}

static void
check_test_status_string (const Case *c, Outcome *o)
{
  g_assert_cmpint (o->test->status, ==, 200);
  g_assert_true (o->test->ok);
}

static void
check_test_failed (const Case *c, Outcome *o)
{
  g_assert_false (o->test->ok);
  g_assert_cmpint (o->test->status, ==, 0);
  g_assert_cmpstr (o->test->error, ==, "connect ECONNREFUSED");
}

static void
check_secret (const Case *c, Outcome *o)
{
  g_assert_cmpstr (o->secret, ==, "whsec_abc");
}

static void
check_secret_missing (const Case *c, Outcome *o)
{
  /* The endpoint exists now: the message must say so, with its id. */
  g_assert_nonnull (strstr (o->error->message, "wh_made"));
}

static void
check_fast_refusal (const Case *c, Outcome *o)
{
  /* Refused from the headers, without reading 200 MB. */
  g_assert_cmpint (o->elapsed_ms, <, 2000);
}

static void
check_timeout_bounded (const Case *c, Outcome *o)
{
  g_assert_cmpint (o->elapsed_ms, >=, (TIMEOUT - 1) * 1000);
  g_assert_cmpint (o->elapsed_ms, <, (TIMEOUT + 3) * 1000);
}

static void
check_no_leak (const Case *c, Outcome *o)
{
  G_LOCK (server);
  g_assert_cmpint (leaked_requests, ==, 0);
  G_UNLOCK (server);
}

static const Case cases[] = {
  /* Bodies that are not what the API documents */
  { "truncated-json", OP_LIST, SEND_NORMAL, 200, NULL, "{\"webhooks\": [{\"id\": \"wh_1\", \"url\"", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "webhooks-string", OP_LIST, SEND_NORMAL, 200, NULL, "{\"webhooks\": \"none\"}", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "webhooks-number", OP_LIST, SEND_NORMAL, 200, NULL, "{\"webhooks\": 3}", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "webhooks-null", OP_LIST, SEND_NORMAL, 200, NULL, "{\"webhooks\": null}", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "webhooks-object", OP_LIST, SEND_NORMAL, 200, NULL, "{\"webhooks\": {\"id\": \"wh_1\"}}", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "body-is-string", OP_LIST, SEND_NORMAL, 200, NULL, "\"ok\"", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "body-is-null", OP_LIST, SEND_NORMAL, 200, NULL, "null", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "elements-wrong-types", OP_LIST, SEND_NORMAL, 200, NULL, "{\"webhooks\": [1, \"x\", null, [], {\"id\": \"wh_1\"}, {\"url\": \"no id\"}]}", NULL, -1, check_one_webhook },
  { "nulls-everywhere", OP_LIST, SEND_NORMAL, 200, NULL, "{\"webhooks\": [{\"id\": \"wh_1\", \"url\": null, \"events\": null, \"isActive\": null, \"createdAt\": null, \"updatedAt\": null}]}", NULL, -1, check_nulls_webhook },
  { "wrong-member-types", OP_LIST, SEND_NORMAL, 200, NULL, "{\"webhooks\": [{\"id\": 12345, \"url\": 7, \"events\": 5, \"isActive\": \"true\", \"createdAt\": []}, {\"id\": \"wh_2\", \"isActive\": 0, \"events\": [1, null, \"call.ended\"]}]}", NULL, -1, check_numeric_id },
  { "empty-200", OP_LIST, SEND_NORMAL, 200, NULL, "", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "no-content-204", OP_LIST, SEND_NORMAL, 204, NULL, "", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "html-200", OP_LIST, SEND_NORMAL, 200, "Content-Type: text/html\r\n", "<!DOCTYPE html><html><body>Login</body></html>", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "invalid-utf8", OP_LIST, SEND_NORMAL, 200, NULL, NULL, invalid_utf8, CONVERC_ERROR_INVALID_RESPONSE },
  { "nul-byte", OP_LIST, SEND_NORMAL, 200, NULL, NULL, nul_byte, CONVERC_ERROR_INVALID_RESPONSE },
  { "deep-nesting", OP_LIST, SEND_NORMAL, 200, NULL, NULL, deep_nesting, CONVERC_ERROR_INVALID_RESPONSE },
  { "deep-nesting-events", OP_EVENTS, SEND_NORMAL, 200, NULL, NULL, deep_nesting, CONVERC_ERROR_INVALID_RESPONSE },
  { "deep-nesting-one-event", OP_EVENTS, SEND_NORMAL, 200, NULL, NULL, deep_nesting_in_event, CONVERC_ERROR_INVALID_RESPONSE },
  { "bom-and-duplicates", OP_LIST, SEND_NORMAL, 200, NULL, "\xEF\xBB\xBF{\"webhooks\": [], \"webhooks\": [{\"id\": \"wh_1\"}]}", NULL, -1, check_one_webhook },
  { "huge-numbers", OP_LIST, SEND_NORMAL, 200, NULL, "{\"webhooks\": [{\"id\": \"wh_1\", \"isActive\": 1e400, \"n\": -99999999999999999999999}]}", NULL, -1, NULL },
  { "json-with-wrong-content-type", OP_LIST, SEND_NORMAL, 200, "Content-Type: text/plain\r\n", "{\"webhooks\": []}", NULL, -1, check_empty_list },
  { "5000-endpoints", OP_LIST, SEND_NORMAL, 200, NULL, NULL, many_endpoints, -1, check_5000 },

  /* Event lists */
  { "events-partial", OP_EVENTS, SEND_NORMAL, 200, NULL, "[{\"id\": \"evt_1\", \"type\": \"call.ended\"}, 42, \"text\", {\"id\": \"evt_2\", \"type\": \"call.event\", \"data\": null}]", NULL, -1, check_partial_events },
  { "events-all-bad", OP_EVENTS, SEND_NORMAL, 200, NULL, "[1, 2, \"three\"]", NULL, -1, check_all_skipped },
  { "events-wrapped", OP_EVENTS, SEND_NORMAL, 200, NULL, "{\"events\": [{\"id\": \"evt_1\", \"type\": \"call.ended\"}, {\"id\": \"evt_2\", \"type\": \"call.event\"}]}", NULL, -1, check_wrapped_events },
  { "events-object", OP_EVENTS, SEND_NORMAL, 200, NULL, "{\"id\": \"evt_1\"}", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "events-truncated", OP_EVENTS, SEND_NORMAL, 200, NULL, "[{\"id\": \"evt_1\"}, {\"id\": \"ev", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "events-trailing-garbage", OP_EVENTS, SEND_NORMAL, 200, NULL, "[{\"id\": \"evt_1\"}] <html>", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "events-broken-element", OP_EVENTS, SEND_NORMAL, 200, NULL, "[{\"id\": \"evt_ok\", \"type\": \"call.ended\"}, {\"id\": \"evt_bad\" \"type\": 1}]", NULL, -1, check_one_event_one_skipped },
  { "events-markup", OP_EVENTS, SEND_NORMAL, 200, NULL, "[{\"id\": \"evt_1\", \"type\": \"<span>call</span>\", \"data\": {\"contact\": {\"name\": \"<b>Bold</b> & <i>co</i>\"}}}]", NULL, -1, check_markup_literal },
  { "events-megabyte-field", OP_EVENTS, SEND_NORMAL, 200, NULL, NULL, megabyte_name, -1, check_big_name },
  { "events-garbled-times", OP_EVENTS, SEND_NORMAL, 200, NULL, "[{\"id\": \"evt_1\", \"createdAt\": \"2024-01-01T00: 00: 0002\"}, {\"id\": \"evt_2\", \"createdAt\": \"last tuesday\"}]", NULL, -1, check_garbled_time },

  /* Create and test answers */
  { "create-ok-201", OP_CREATE, SEND_NORMAL, 201, NULL, "{\"webhook\": {\"id\": \"wh_1\", \"url\": \"https://example.com/h\", \"events\": [], \"isActive\": true}, \"secret\": \"whsec_abc\"}", NULL, -1, check_secret },
  { "create-no-secret", OP_CREATE, SEND_NORMAL, 200, NULL, "{\"webhook\": {\"id\": \"wh_made\"}}", NULL, CONVERC_ERROR_INVALID_RESPONSE, check_secret_missing },
  { "create-empty-secret", OP_CREATE, SEND_NORMAL, 200, NULL, "{\"webhook\": {\"id\": \"wh_made\"}, \"secret\": \"\"}", NULL, CONVERC_ERROR_INVALID_RESPONSE, check_secret_missing },
  { "create-webhook-string", OP_CREATE, SEND_NORMAL, 200, NULL, "{\"webhook\": \"wh_1\", \"secret\": \"s\"}", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "test-status-string", OP_TEST, SEND_NORMAL, 200, NULL, "{\"ok\": true, \"status\": \"200\", \"error\": null}", NULL, -1, check_test_status_string },
  { "test-delivery-failed", OP_TEST, SEND_NORMAL, 200, NULL, "{\"ok\": false, \"status\": null, \"error\": \"connect ECONNREFUSED\"}", NULL, -1, check_test_failed },
  { "test-empty-object", OP_TEST, SEND_NORMAL, 200, NULL, "{}", NULL, CONVERC_ERROR_INVALID_RESPONSE },
  { "disable-204", OP_DISABLE, SEND_NORMAL, 204, NULL, "", NULL, -1 },
  { "disable-not-ok", OP_DISABLE, SEND_NORMAL, 200, NULL, "{\"ok\": false, \"error\": \"locked\"}", NULL, CONVERC_ERROR_FAILED },

  /* HTTP errors */
  { "401-echoes-key", OP_LIST, SEND_NORMAL, 401, NULL, "{\"error\": \"Invalid API key " API_KEY "\"}", NULL, CONVERC_ERROR_UNAUTHORIZED, check_key_redacted },
  { "403-nested-message", OP_LIST, SEND_NORMAL, 403, NULL, "{\"error\": {\"message\": \"Quota exceeded for organisation\"}}", NULL, CONVERC_ERROR_FORBIDDEN, check_server_text },
  { "404-plain-text", OP_DISABLE, SEND_NORMAL, 404, "Content-Type: text/plain\r\n", "Not Found", NULL, CONVERC_ERROR_NOT_FOUND },
  { "409-conflict", OP_CREATE, SEND_NORMAL, 409, NULL, "{\"message\": \"Quota exceeded for organisation\"}", NULL, CONVERC_ERROR_INVALID_REQUEST, check_server_text },
  { "422-unprocessable", OP_CREATE, SEND_NORMAL, 422, NULL, "{\"error\": \"url must be https\"}", NULL, CONVERC_ERROR_INVALID_REQUEST },
  { "418-teapot", OP_LIST, SEND_NORMAL, 418, NULL, "", NULL, CONVERC_ERROR_INVALID_REQUEST },
  { "429-retry-after", OP_LIST, SEND_NORMAL, 429, "Retry-After: 5\r\n", "", NULL, CONVERC_ERROR_RATE_LIMITED, check_retry_after_5 },
  { "429-no-retry-after", OP_LIST, SEND_NORMAL, 429, NULL, "slow down", NULL, CONVERC_ERROR_RATE_LIMITED, check_retry_after_none },
  { "429-absurd-retry-after", OP_EVENTS, SEND_NORMAL, 429, "Retry-After: 99999999999999999999\r\n", "", NULL, CONVERC_ERROR_RATE_LIMITED, check_retry_after_clamped },
  { "429-garbage-retry-after", OP_EVENTS, SEND_NORMAL, 429, "Retry-After: soon-ish\r\n", "", NULL, CONVERC_ERROR_RATE_LIMITED, check_retry_after_none },
  { "429-http-date", OP_EVENTS, SEND_NORMAL, 429, "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\n", "", NULL, CONVERC_ERROR_RATE_LIMITED, check_retry_after_date },
  { "500-json-markup", OP_LIST, SEND_NORMAL, 500, NULL, "{\"error\": \"<b>bold</b> & <i>it</i>\"}", NULL, CONVERC_ERROR_SERVER, check_markup_kept },
  { "500-json", OP_LIST, SEND_NORMAL, 500, NULL, "{\"error\": \"Internal\"}", NULL, CONVERC_ERROR_SERVER },
  { "502-html", OP_LIST, SEND_NORMAL, 502, "Content-Type: text/html\r\n", "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", NULL, CONVERC_ERROR_SERVER, check_html_title },
  { "503-long-text", OP_LIST, SEND_NORMAL, 503, NULL, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxyyyyyyyyyyyyyyyy", NULL, CONVERC_ERROR_SERVER, check_text_cut },
  { "302-no-location", OP_LIST, SEND_NORMAL, 302, NULL, "", NULL, CONVERC_ERROR_HTTP },

  /* Transport */
  { "garbage-status-line", OP_LIST, SEND_RAW, 0, NULL, "HELLO THERE\r\n\r\n", NULL, CONVERC_ERROR_NETWORK },
  { "closed-mid-body", OP_LIST, SEND_CLOSE_EARLY, 200, NULL, NULL, NULL, CONVERC_ERROR_NETWORK },
  { "slow-endless-body", OP_EVENTS, SEND_SLOW, 200, NULL, NULL, NULL, CONVERC_ERROR_TIMEOUT, check_timeout_bounded },
  { "no-answer", OP_LIST, SEND_HANG, 0, NULL, NULL, NULL, CONVERC_ERROR_TIMEOUT, check_timeout_bounded },
  { "200mb-content-length", OP_EVENTS, SEND_HUGE_LENGTH, 200, NULL, NULL, NULL, CONVERC_ERROR_TOO_LARGE, check_fast_refusal },
  { "endless-stream", OP_EVENTS, SEND_HUGE_STREAM, 200, NULL, NULL, NULL, CONVERC_ERROR_TOO_LARGE },
  { "endless-stream-small-op", OP_LIST, SEND_HUGE_STREAM, 200, NULL, NULL, NULL, CONVERC_ERROR_TOO_LARGE },
  { "redirect-loop", OP_LIST, SEND_REDIRECT_LOOP, 302, NULL, NULL, NULL, CONVERC_ERROR_HTTP },
  { "redirect-other-host", OP_LIST, SEND_REDIRECT_AWAY, 302, NULL, NULL, NULL, CONVERC_ERROR_HTTP, check_no_leak },
};

/* The raw server */

static void
write_all (GOutputStream *out,
           const void    *data,
           gsize          len)
{
  g_output_stream_write_all (out, data, len, NULL, NULL, NULL);
}

static char *
read_request (GInputStream *in)
{
  GString *request = g_string_new (NULL);
  char c;

  while (g_input_stream_read (in, &c, 1, NULL, NULL) == 1)
    {
      g_string_append_c (request, c);
      if (g_str_has_suffix (request->str, "\r\n\r\n") || request->len > 65536)
        break;
    }

  /* Drain a small request body so the client is not blocked writing it. */
  {
    const char *cl = strstr (request->str, "Content-Length: ");

    if (cl == NULL)
      cl = strstr (request->str, "content-length: ");
    if (cl != NULL)
      {
        guint64 n = g_ascii_strtoull (cl + 16, NULL, 10);
        char buf[4096];

        while (n > 0)
          {
            gssize r = g_input_stream_read (in, buf, MIN (n, sizeof buf), NULL, NULL);
            if (r <= 0)
              break;
            n -= r;
          }
      }
  }

  return g_string_free (request, FALSE);
}

static gboolean
run_cb (GThreadedSocketService *self,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autofree char *request = read_request (in);
  g_autoptr(GBytes) made = NULL;
  g_autofree char *head = NULL;
  const Case *c;
  const char *body;
  gsize body_len;

  G_LOCK (server);
  c = current;
  if (strstr (request, " /leak") != NULL)
    leaked_requests++;
  G_UNLOCK (server);

  if (c == NULL)
    return TRUE;

  if (c->make_body != NULL)
    made = c->make_body ();
  body = made != NULL ? g_bytes_get_data (made, &body_len) : c->body;
  if (made == NULL)
    body_len = body != NULL ? strlen (body) : 0;

  switch (c->send)
    {
    case SEND_NORMAL:
      head = g_strdup_printf ("HTTP/1.1 %u Something\r\n%s%sContent-Length: %" G_GSIZE_FORMAT
                              "\r\nConnection: close\r\n\r\n",
                              c->status,
                              c->headers && strstr (c->headers, "Content-Type") ? "" : "Content-Type: application/json\r\n",
                              c->headers ? c->headers : "",
                              c->status == 204 ? 0 : body_len);
      write_all (out, head, strlen (head));
      if (c->status != 204)
        write_all (out, body, body_len);
      break;

    case SEND_RAW:
      write_all (out, body, body_len);
      break;

    case SEND_SLOW:
      head = g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                       "Transfer-Encoding: chunked\r\n\r\n");
      write_all (out, head, strlen (head));
      for (guint i = 0; i < 150; i++)
        {
          if (!g_output_stream_write_all (out, "1\r\n[\r\n", 6, NULL, NULL, NULL))
            break;
          g_usleep (200 * 1000);
        }
      break;

    case SEND_HANG:
      g_usleep ((TIMEOUT + 2) * G_USEC_PER_SEC);
      break;

    case SEND_CLOSE_EARLY:
      head = g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                       "Content-Length: 1000\r\n\r\n{\"webhooks");
      write_all (out, head, strlen (head));
      break;

    case SEND_HUGE_LENGTH:
      head = g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                       "Content-Length: 209715200\r\n\r\n[");
      write_all (out, head, strlen (head));
      break;

    case SEND_HUGE_STREAM:
      {
        g_autofree char *chunk = NULL;
        GString *s = g_string_new (NULL);

        head = g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n");
        write_all (out, head, strlen (head));
        g_string_append_printf (s, "%x\r\n", 65536);
        for (guint i = 0; i < 65536 / 8; i++)
          g_string_append (s, "{\"a\":1},");
        g_string_append (s, "\r\n");
        chunk = g_string_free (s, FALSE);
        /* At most 400 MB, far over any limit; stops when the client hangs up. */
        for (guint i = 0; i < 6400; i++)
          if (!g_output_stream_write_all (out, chunk, strlen (chunk), NULL, NULL, NULL))
            break;
      }
      break;

    case SEND_REDIRECT_LOOP:
      head = g_strdup ("HTTP/1.1 302 Found\r\nLocation: /loop/integrations/webhooks\r\n"
                       "Content-Length: 0\r\nConnection: close\r\n\r\n");
      write_all (out, head, strlen (head));
      break;

    case SEND_REDIRECT_AWAY:
      head = g_strdup_printf ("HTTP/1.1 302 Found\r\nLocation: http://localhost:%u/leak\r\n"
                              "Content-Length: 0\r\nConnection: close\r\n\r\n", port);
      write_all (out, head, strlen (head));
      break;

    default:
      g_assert_not_reached ();
    }

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* Running one case */

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  Outcome o = { 0 };
  gint64 start;

  G_LOCK (server);
  current = c;
  leaked_requests = 0;
  G_UNLOCK (server);

  client = converc_client_new (base_url, API_KEY);
  /* Only the cases about time use the short timeout; the others get room
   * for slow machines and sanitizers. */
  converc_client_set_timeout (client, c->send == SEND_SLOW || c->send == SEND_HANG ? TIMEOUT : 30);
  start = g_get_monotonic_time ();

  switch (c->op)
    {
    case OP_LIST:
      converc_client_list_webhooks_async (client, NULL, converc_test_store_result_cb, &result);
      converc_test_wait_for_result (&result, 40);
      o.list = converc_client_list_webhooks_finish (client, result, &o.error);
      break;

    case OP_EVENTS:
      converc_client_list_events_async (client, NULL, 10, NULL, converc_test_store_result_cb, &result);
      converc_test_wait_for_result (&result, 40);
      o.list = converc_client_list_events_finish (client, result, &o.n_skipped, &o.problem, &o.error);
      break;

    case OP_CREATE:
      {
        const char *events[] = { "call.ended", NULL };
        g_autoptr(ConvercWebhook) webhook = NULL;

        converc_client_create_webhook_async (client, "https://example.com/h", events, NULL,
                                             converc_test_store_result_cb, &result);
        converc_test_wait_for_result (&result, 40);
        webhook = converc_client_create_webhook_finish (client, result, &o.secret, &o.error);
        g_assert_true ((webhook == NULL) == (o.error != NULL));
      }
      break;

    case OP_TEST:
      converc_client_test_webhook_async (client, "wh_1", NULL, converc_test_store_result_cb, &result);
      converc_test_wait_for_result (&result, 40);
      o.test = converc_client_test_webhook_finish (client, result, &o.error);
      break;

    case OP_DISABLE:
      converc_client_disable_webhook_async (client, "wh_1", NULL, converc_test_store_result_cb, &result);
      converc_test_wait_for_result (&result, 40);
      o.disabled = converc_client_disable_webhook_finish (client, result, &o.error);
      break;

    default:
      g_assert_not_reached ();
    }

  o.elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  o.retry_after = converc_client_get_retry_after (client);

  if (c->expect < 0)
    {
      g_assert_no_error (o.error);
    }
  else
    {
      g_assert_error (o.error, CONVERC_ERROR, c->expect);
      /* Every message is readable text and never carries the key. */
      g_assert_true (g_utf8_validate (o.error->message, -1, NULL));
      g_assert_cmpuint (strlen (o.error->message), >, 10);
      g_assert_null (strstr (o.error->message, API_KEY));
      g_test_message ("%s: %s", c->name, o.error->message);
    }

  if (c->check != NULL)
    c->check (c, &o);

  g_clear_error (&o.error);
  g_clear_pointer (&o.list, g_ptr_array_unref);
  g_clear_pointer (&o.problem, g_free);
  g_clear_pointer (&o.secret, g_free);
  g_clear_pointer (&o.test, converc_test_result_free);

  G_LOCK (server);
  current = NULL;
  G_UNLOCK (server);
}

/* An https base URL whose certificate nobody vouches for is refused. */
static void
test_self_signed_refused (void)
{
  g_autofree char *cert_path = converc_test_data_path ("self-signed-cert.pem");
  g_autofree char *key_path = converc_test_data_path ("self-signed-key.pem");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) https = NULL;
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  GSList *uris;

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  if (certificate == NULL && g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_UNAVAILABLE))
    {
      g_test_skip ("no TLS backend (glib-networking) is installed");
      return;
    }
  g_assert_no_error (error);

  https = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_listen_local (https, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (https);
  base_url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  client = converc_client_new (base_url, API_KEY);
  /* A TLS handshake is slow under sanitizers: allow more than the raw cases. */
  converc_client_set_timeout (client, 30);
  converc_client_list_webhooks_async (client, NULL, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, 40);
  list = converc_client_list_webhooks_finish (client, result, &error);

  g_assert_null (list);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "could not be trusted"));
  g_test_message ("self-signed: %s", error->message);
}

/* Issue 13, item 9: a key with a line break, another control character,
 * a space, non-ASCII text, or nothing at all is refused before any request,
 * with a message that says what is wrong and never shows the key. */
static void
count_request_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  guint *n_requests = user_data;

  (*n_requests)++;
  soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
}

static void
test_api_key_refused_before_request (void)
{
  static const struct
  {
    const char *key;
    const char *says;
  } bad[] = {
    { "K1\r\nX-Evil: 1", "line break" },
    { "K1\nX-Evil: 1", "line break" },
    { "sk_live\tsecond", "tab" },
    { "sk_live\x1b[31m", "control character" },
    { "sk_live\x7f", "control character" },
    { "sk_live second", "space" },
    { "sk_live_\xc3\xa9t\xc3\xa9", "not ASCII" },
    { "sk_live_\xff\xfe", "not valid text" },
    { "", "empty" },
    { "  \t ", "empty" },
  };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  guint n_requests = 0;
  GSList *uris;

  soup_server_add_handler (server, NULL, count_request_cb, &n_requests, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  /* White space around a key is not part of it. */
  g_assert_true (converc_validate_api_key (" " API_KEY "\r\n", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(ConvercClient) client = converc_client_new (base_url, NULL);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) list = NULL;

      g_assert_false (converc_validate_api_key (bad[i].key, &error));
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, bad[i].says));
      g_clear_error (&error);

      converc_client_set_api_key (client, bad[i].key);
      converc_client_list_webhooks_async (client, NULL, converc_test_store_result_cb, &result);
      converc_test_wait_for_result (&result, 10);
      list = converc_client_list_webhooks_finish (client, result, &error);
      g_assert_null (list);
      /* "No API key" for the blank ones, else what is wrong with it */
      if (strspn (bad[i].key, " \t") == strlen (bad[i].key))
        g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NO_API_KEY);
      else
        {
          g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
          g_assert_nonnull (strstr (error->message, bad[i].says));
          g_assert_null (strstr (error->message, "sk_live"));
          g_assert_null (strstr (error->message, "X-Evil"));
        }
      g_test_message ("%u: %s", i, error->message);
      g_clear_error (&error);
    }

  g_assert_cmpuint (n_requests, ==, 0);
}

/* Issue 13, item 8: a URL's user name and password never come back in a
 * message, and a URL has a length limit. */
static void
test_url_userinfo_and_length (void)
{
  static const struct
  {
    const char *url;
    const char *shown;
  } shown[] = {
    { "https://user:hunter2@api.converc.com/x", "https://***@api.converc.com/x" },
    { "https://user@host", "https://***@host" },
    { "https://a:b@c@host/p@q", "https://***@host/p@q" },
    { "user:hunter2@host/x", "***@host/x" },
    { "https://host/path?x=@y", "https://host/path?x=@y" },
    { "not a url", "not a url" },
    { "", "" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) url = g_string_new ("https://example.com/");
  g_autofree char *long_shown = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_autofree char *text = converc_dup_url_for_message (shown[i].url);

      g_assert_cmpstr (text, ==, shown[i].shown);
    }

  g_assert_false (converc_validate_endpoint_url ("https://user:hunter2@example.com/x", &error));
  g_assert_null (strstr (error->message, "hunter2"));
  g_clear_error (&error);
  g_assert_false (converc_validate_base_url ("https://user:hunter2@api.converc.com", &error));
  g_assert_null (strstr (error->message, "hunter2"));
  g_clear_error (&error);

  while (url->len < CONVERC_MAX_URL_LENGTH)
    g_string_append_c (url, 'a');
  g_assert_true (converc_validate_endpoint_url (url->str, &error));
  g_assert_no_error (error);
  g_assert_true (converc_validate_base_url (url->str, &error));
  g_assert_no_error (error);

  g_string_append_c (url, 'a');
  g_assert_false (converc_validate_endpoint_url (url->str, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "too long"));
  g_clear_error (&error);
  g_assert_false (converc_validate_base_url (url->str, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* A long URL in a message is cut. */
  long_shown = converc_dup_url_for_message (url->str);
  g_assert_cmpint (g_utf8_strlen (long_shown, -1), <=, 201);
  g_assert_true (g_str_has_suffix (long_shown, "…"));
}


/* The events list's summary puts the contact's name beside the app's own
 * " · ended": a right-to-left override in the name is shown as <U+202E>,
 * never obeyed, and a name of any length costs what 128 characters cost. */
static void
test_summary_bidi_and_length (void)
{
  g_autofree char *huge = g_strnfill (50000, 'x');
  g_autofree char *json = g_strdup_printf ("[{\"id\":\"evt_1\",\"type\":\"call.ended\","
                                           "\"data\":{\"call\":{\"status\":\"ended\"},"
                                           "\"contact\":{\"name\":\"Alice \\u202Egnp.exe\"}}},"
                                           "{\"id\":\"evt_2\",\"type\":\"call.ended\","
                                           "\"data\":{\"contact\":{\"name\":\"%s\"}}}]", huge);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  events = converc_parse_event_list (body, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);

  first = converc_event_dup_summary (g_ptr_array_index (events, 0));
  g_assert_cmpstr (first, ==, "Alice <U+202E>gnp.exe · ended");
  second = converc_event_dup_summary (g_ptr_array_index (events, 1));
  g_assert_cmpuint (g_utf8_strlen (second, -1), <=, 129);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  int status;

  converc_test_init (&argc, &argv);

  service = g_threaded_socket_service_new (8);
  g_signal_connect (service, "run", G_CALLBACK (run_cb), NULL);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_service_start (service);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/converc/hostile/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], run_case);
    }

  g_test_add_func ("/converc/hostile/self-signed-certificate", test_self_signed_refused);
  g_test_add_func ("/converc/hostile/api-key-refused-before-request",
                   test_api_key_refused_before_request);
  g_test_add_func ("/converc/hostile/url-userinfo-and-length", test_url_userinfo_and_length);
  g_test_add_func ("/converc/hostile/summary-bidi-and-length", test_summary_bidi_and_length);

  status = g_test_run ();

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_clear_object (&service);

  return status;
}
