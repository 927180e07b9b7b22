/* test-http-message.c
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

/* The one concern of this file: pasted HTTP requests are read whatever their
 * line endings, with or without a body, however large. */

#define G_LOG_DOMAIN "test-http-message"

#include "config.h"

#include <string.h>

#include "converc-http-message.h"

#include "converc-test-utils.h"

#define BODY "{\"id\":\"evt_1\",\"type\":\"webhook.test\"}"

static ConvercHttpMessage *
parse (const char  *text,
       GError     **error)
{
  return converc_http_message_parse ((const guint8 *) text, strlen (text), error);
}

static void
assert_body (ConvercHttpMessage *message,
             const char         *expected)
{
  GBytes *body = converc_http_message_get_body (message);

  g_assert_nonnull (body);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   expected, strlen (expected));
}

static void
test_http_message_line_endings (void)
{
  struct {
    const char        *nl;
    ConvercLineEnding  ending;
  } styles[] = {
    { "\r\n", CONVERC_LINE_ENDING_CRLF },
    { "\n", CONVERC_LINE_ENDING_LF },
    { "\r", CONVERC_LINE_ENDING_CR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      const char *nl = styles[i].nl;
      g_autofree char *text = g_strconcat ("POST /hooks/converc HTTP/1.1", nl,
                                           "Host: example.com", nl,
                                           "x-ic-signature: t=1700000000,v1=abc", nl,
                                           "X-IC-EVENT: webhook.test", nl,
                                           "X-Ic-Id: evt_1", nl,
                                           "Content-Type: application/json", nl,
                                           nl, BODY, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercHttpMessage) message = parse (text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (converc_http_message_get_method (message), ==, "POST");
      g_assert_cmpstr (converc_http_message_get_path (message), ==, "/hooks/converc");
      g_assert_cmpstr (converc_http_message_get_header (message, "X-IC-Signature"), ==,
                       "t=1700000000,v1=abc");
      g_assert_cmpstr (converc_http_message_get_header (message, "x-ic-event"), ==,
                       "webhook.test");
      g_assert_cmpstr (converc_http_message_get_header (message, "X-IC-ID"), ==, "evt_1");
      g_assert_null (converc_http_message_get_header (message, "X-Other"));
      g_assert_cmpuint (converc_http_message_get_n_headers (message), ==, 5);
      g_assert_cmpint (converc_http_message_get_line_ending (message), ==, styles[i].ending);
      assert_body (message, BODY);
    }

  /* Mixed */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ConvercHttpMessage) message =
      parse ("POST / HTTP/1.1\r\nX-IC-Id: a\nX-IC-Event: b\r\r\n\n" BODY, &error);

    g_assert_no_error (error);
    g_assert_cmpint (converc_http_message_get_line_ending (message), ==,
                     CONVERC_LINE_ENDING_MIXED);
    g_assert_cmpstr (converc_http_message_get_header (message, "X-IC-Event"), ==, "b");
    /* "\r\r\n": the CR ends the header line, the CRLF is the empty line */
    assert_body (message, "\n" BODY);
  }
}

static void
test_http_message_body_kept_exactly (void)
{
  g_autoptr(GError) error = NULL;
  /* The body's own line endings and trailing spaces are the body's */
  g_autoptr(ConvercHttpMessage) message =
    parse ("POST /x HTTP/1.1\nHost: a\n\nline 1\r\nline 2\n  \n", &error);

  g_assert_no_error (error);
  assert_body (message, "line 1\r\nline 2\n  \n");
}

static void
test_http_message_no_body (void)
{
  const char * const texts[] = {
    "POST /x HTTP/1.1\r\nX-IC-Id: a\r\n\r\n",
    "POST /x HTTP/1.1\r\nX-IC-Id: a\r\n",
    "POST /x HTTP/1.1\nX-IC-Id: a",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercHttpMessage) message = parse (texts[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (converc_http_message_get_header (message, "x-ic-id"), ==, "a");
      g_assert_cmpuint (g_bytes_get_size (converc_http_message_get_body (message)), ==, 0);
    }
}

static void
test_http_message_content_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercHttpMessage) bounded = NULL;
  g_autoptr(ConvercHttpMessage) short_paste = NULL;
  g_autoptr(ConvercHttpMessage) bad = NULL;

  /* A newline after the body (the paste's) is not the body's */
  bounded = parse ("POST /x HTTP/1.1\nContent-Length: 5\n\nhello\n", &error);
  g_assert_no_error (error);
  assert_body (bounded, "hello");
  g_assert_false (converc_http_message_get_truncated (bounded));

  short_paste = parse ("POST /x HTTP/1.1\ncontent-length: 50\n\nhello", &error);
  g_assert_no_error (error);
  assert_body (short_paste, "hello");
  g_assert_true (converc_http_message_get_truncated (short_paste));

  bad = parse ("POST /x HTTP/1.1\nContent-Length: lots\n\nhello\n", &error);
  g_assert_no_error (error);
  assert_body (bad, "hello\n");
}

static void
test_http_message_folded_and_partial (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercHttpMessage) folded = NULL;
  g_autoptr(ConvercHttpMessage) headers_only = NULL;

  folded = parse ("\n\nPOST /x HTTP/1.1\nX-IC-Signature: t=1700000000,\n   v1=abc\n"
                  "X-IC-Id:evt_2   \n\n{}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (converc_http_message_get_header (folded, "X-IC-Signature"), ==,
                   "t=1700000000, v1=abc");
  g_assert_cmpstr (converc_http_message_get_header (folded, "X-IC-Id"), ==, "evt_2");
  assert_body (folded, "{}");

  /* A paste that starts at the headers */
  headers_only = parse ("X-IC-Signature: t=1,v1=2\n\n{}", &error);
  g_assert_no_error (error);
  g_assert_null (converc_http_message_get_method (headers_only));
  g_assert_cmpstr (converc_http_message_get_header (headers_only, "X-IC-Signature"), ==,
                   "t=1,v1=2");
  assert_body (headers_only, "{}");
}

static void
test_http_message_bad (void)
{
  struct {
    const char *text;
    int         code;
  } cases[] = {
    { "", CONVERC_HTTP_MESSAGE_ERROR_EMPTY },
    { "\n \r\n\t\n", CONVERC_HTTP_MESSAGE_ERROR_EMPTY },
    { "hello world, this is not HTTP\n\nbody", CONVERC_HTTP_MESSAGE_ERROR_MALFORMED },
    { "POST /x HTTP/1.1\nno colon here\n\nbody", CONVERC_HTTP_MESSAGE_ERROR_MALFORMED },
    { "POST /x HTTP/1.1\n: empty name\n\nbody", CONVERC_HTTP_MESSAGE_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercHttpMessage) message = parse (cases[i].text, &error);

      g_assert_null (message);
      g_assert_error (error, CONVERC_HTTP_MESSAGE_ERROR, cases[i].code);
    }

  /* A NUL byte in the head */
  {
    g_autoptr(GError) error = NULL;
    static const guint8 text[] = "POST /x HTTP/1.1\nX-A: a\0b\n\nbody";
    g_autoptr(ConvercHttpMessage) message = converc_http_message_parse (text, sizeof text - 1,
                                                                       &error);

    g_assert_null (message);
    g_assert_error (error, CONVERC_HTTP_MESSAGE_ERROR, CONVERC_HTTP_MESSAGE_ERROR_MALFORMED);
  }

  /* A head that never ends */
  {
    g_autoptr(GString) text = g_string_new ("POST /x HTTP/1.1\n");
    g_autoptr(GError) error = NULL;
    g_autoptr(ConvercHttpMessage) message = NULL;

    while (text->len < 300 * 1024)
      g_string_append (text, "X-Filler: some value\n");
    message = parse (text->str, &error);
    g_assert_null (message);
    g_assert_error (error, CONVERC_HTTP_MESSAGE_ERROR, CONVERC_HTTP_MESSAGE_ERROR_MALFORMED);
  }
}

static void
test_http_message_huge_body (void)
{
  g_autoptr(GString) text = g_string_new ("POST /hook HTTP/1.1\r\n"
                                          "Content-Type: application/json\r\n"
                                          "X-IC-Id: evt_big\r\n\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercHttpMessage) message = NULL;
  gsize head = text->len;
  GBytes *body;

  while (text->len - head < 5 * 1024 * 1024)
    g_string_append (text, "{\"n\":12345,\"text\":\"a line of a large body\"}\r\n");

  message = converc_http_message_parse ((const guint8 *) text->str, text->len, &error);
  g_assert_no_error (error);
  body = converc_http_message_get_body (message);
  g_assert_cmpuint (g_bytes_get_size (body), ==, text->len - head);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   text->str + head, text->len - head);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/http-message/line-endings", test_http_message_line_endings);
  g_test_add_func ("/converc/http-message/body-kept-exactly",
                   test_http_message_body_kept_exactly);
  g_test_add_func ("/converc/http-message/no-body", test_http_message_no_body);
  g_test_add_func ("/converc/http-message/content-length", test_http_message_content_length);
  g_test_add_func ("/converc/http-message/folded-and-partial",
                   test_http_message_folded_and_partial);
  g_test_add_func ("/converc/http-message/bad", test_http_message_bad);
  g_test_add_func ("/converc/http-message/huge-body", test_http_message_huge_body);

  return g_test_run ();
}
