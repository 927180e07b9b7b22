/* test-error.c
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

/* The one concern of this file: what the client says of a failed answer —
 * the error for each HTTP status, the server's own message taken from its
 * body, and Retry-After. */

#define G_LOG_DOMAIN "test-error"

#include "config.h"

#include <string.h>

#include "converc-error.h"

#include "converc-test-utils.h"

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
      g_autoptr(GBytes) body = converc_test_bytes_new (cases[i].body);
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
  g_autoptr(GBytes) body = converc_test_bytes_new (text);

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

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

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
