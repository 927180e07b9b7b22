/* test-event-stream.c
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

/* The one concern of this file: converc_client_stream_events_async() over
 * a server that writes its answer in pieces gives the first events before
 * the rest is written, in parts of 25, 50 … 2,000, and reads every answer
 * (events, counts, errors) as converc_client_list_events_async() does.
 * The splitter itself: test-event-stream-split.c. */

#define G_LOG_DOMAIN "test-event-stream"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator-private.h"

#include "converc-test-events.h"
#include "converc-test-utils.h"

#define API_KEY "ck_live_STREAMKEY_4242_do_not_print"
/* Seconds before a test gives up waiting; longer under AddressSanitizer,
 * which runs the parsing several times slower. */
#if defined(__SANITIZE_ADDRESS__)
# define WAIT   150
#else
# define WAIT   30
#endif

/* Elements @begin to @end of a bare array of @events: the '[' before the
 * first, each followed by ',' or, the last, by ']'. The pieces of
 * consecutive ranges add up to the whole array. */
static char *
array_piece (GPtrArray *events,
             guint      begin,
             guint      end)
{
  GString *s = g_string_new (begin == 0 ? "[" : "");

  for (guint i = begin; i < end; i++)
    {
      g_string_append (s, g_ptr_array_index (events, i));
      g_string_append (s, i + 1 < events->len ? ",\n" : "]\n");
    }
  if (events->len == 0)
    g_string_append (s, "]");

  return g_string_free (s, FALSE);
}

typedef struct
{
  SoupServer        *server;
  ConvercClient     *client;
  guint              status;
  GBytes            *body;
  gboolean           chunked;       /* no Content-Length, written in pieces */
  gsize              held_from;     /* > 0: only so many bytes until write_more() */
  SoupServerMessage *held;
  gboolean           rest_written;

  /* What converc_client_stream_events_async() gave */
  GPtrArray         *given;         /* every event, in order */
  GArray            *parts;         /* the size of each part (guint) */
  GAsyncResult      *result;
  gboolean           finished;
  gboolean           got_first;
  gboolean           rest_written_at_first;
  gboolean           cancel_at_first;
  GCancellable      *cancellable;
  GPtrArray         *feed;          /* set: each next part's worth is written after a part */
  guint              fed;
  guint              n_skipped;     /* of the last assert_stream_equals_list() */
  char              *problem;
} Fixture;

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize len;
  const char *data = g_bytes_get_data (f->body, &len);

  g_assert_cmpstr (path, ==, "/webhooks/events");
  soup_server_message_set_status (msg, f->status, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);

  if (!f->chunked)
    {
      if (len > 0)
        soup_message_body_append_bytes (body, f->body);
      return;
    }

  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  if (f->held_from > 0)
    {
      /* The rest when the test says (write_more()). */
      soup_message_body_append (body, SOUP_MEMORY_COPY, data, f->held_from);
      g_set_object (&f->held, msg);
      return;
    }

  for (gsize at = 0; at < len; at += 4096)
    soup_message_body_append (body, SOUP_MEMORY_COPY, data + at, MIN (4096, len - at));
  soup_message_body_complete (body);
}

/* The held answer gets @len more bytes, and its end when @complete. */
static void
write_more (Fixture    *f,
            const char *data,
            gsize       len,
            gboolean    complete)
{
  SoupMessageBody *body = soup_server_message_get_response_body (f->held);

  if (len > 0)
    soup_message_body_append (body, SOUP_MEMORY_COPY, data, len);
  if (complete)
    soup_message_body_complete (body);
  f->rest_written = complete;
  soup_server_message_unpause (f->held);
}

static void
write_rest (Fixture *f)
{
  gsize len;
  const char *data = g_bytes_get_data (f->body, &len);

  write_more (f, data + f->held_from, len - f->held_from, TRUE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  GSList *uris;

  f->status = 200;
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->client = converc_client_new (base, API_KEY);
  /* The whole exchange, every part parsed, within what the test waits. */
  converc_client_set_timeout (f->client, WAIT);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->held != NULL && !f->rest_written)
    write_more (f, NULL, 0, TRUE);
  g_clear_object (&f->client);
  soup_server_disconnect (f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->held);
  g_clear_object (&f->server);
  g_clear_object (&f->result);
  g_clear_object (&f->cancellable);
  g_clear_pointer (&f->body, g_bytes_unref);
  g_clear_pointer (&f->given, g_ptr_array_unref);
  g_clear_pointer (&f->parts, g_array_unref);
  g_clear_pointer (&f->problem, g_free);
}

static void
set_body (Fixture    *f,
          const char *text,
          gsize       len)
{
  g_clear_pointer (&f->body, g_bytes_unref);
  f->body = g_bytes_new (text, len);
}

static void
events_cb (GPtrArray *events,
           gpointer   user_data)
{
  Fixture *f = user_data;
  guint size = events->len;

  /* Every part comes before the callback, none is empty. */
  g_assert_false (f->finished);
  g_assert_null (f->result);
  g_assert_cmpuint (size, >, 0);
  if (f->parts->len == 0)
    f->rest_written_at_first = f->rest_written;
  f->got_first = TRUE;
  g_array_append_val (f->parts, size);
  for (guint i = 0; i < size; i++)
    g_ptr_array_add (f->given, g_object_ref (g_ptr_array_index (events, i)));

  if (f->cancel_at_first)
    g_cancellable_cancel (f->cancellable);

  /* Exactly the next part's worth of events, after a part came. */
  if (f->feed != NULL && f->fed < f->feed->len)
    {
      guint end = MIN (f->fed + MIN (25u << f->parts->len, 2000), f->feed->len);
      g_autofree char *piece = array_piece (f->feed, f->fed, end);

      f->fed = end;
      write_more (f, piece, strlen (piece), end == f->feed->len);
    }
}

/* Iterates the main context for @ms milliseconds. */
static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static void
stream_start (Fixture *f)
{
  g_clear_pointer (&f->given, g_ptr_array_unref);
  g_clear_pointer (&f->parts, g_array_unref);
  g_clear_object (&f->cancellable);
  g_clear_object (&f->held);
  f->given = g_ptr_array_new_with_free_func (g_object_unref);
  f->parts = g_array_new (FALSE, FALSE, sizeof (guint));
  f->cancellable = g_cancellable_new ();
  f->finished = f->rest_written = f->got_first = FALSE;
  converc_client_stream_events_async (f->client, NULL, 0, events_cb, f, f->cancellable,
                                      converc_test_store_result_cb, &f->result);
}

static gboolean
stream_finish (Fixture  *f,
               guint    *n_skipped,
               char    **first_problem,
               GError  **error)
{
  guint n_events = G_MAXUINT;
  gboolean ok;

  converc_test_wait_for_result (&f->result, WAIT);
  f->finished = TRUE;
  ok = converc_client_stream_events_finish (f->client, f->result, &n_events, n_skipped,
                                            first_problem, error);
  g_clear_object (&f->result);
  g_assert_cmpuint (n_events, ==, ok ? f->given->len : 0);

  /* Nothing comes after the callback (events_cb asserts it). */
  spin (50);
  return ok;
}

static gboolean
stream_events (Fixture  *f,
               guint    *n_skipped,
               char    **first_problem,
               GError  **error)
{
  stream_start (f);
  return stream_finish (f, n_skipped, first_problem, error);
}

/* The same body through converc_client_list_events_async(), whole. */
static GPtrArray *
list_events (Fixture  *f,
             guint    *n_skipped,
             char    **first_problem,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gboolean chunked = f->chunked;
  gsize held_from = f->held_from;
  GPtrArray *events;

  f->chunked = FALSE;
  f->held_from = 0;
  converc_client_list_events_async (f->client, NULL, 0, NULL, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, WAIT);
  events = converc_client_list_events_finish (f->client, result, n_skipped, first_problem, error);
  f->chunked = chunked;
  f->held_from = held_from;

  return events;
}

/* Event by event: the same ids and the same exact bytes. */
static void
assert_same_events (GPtrArray *given,
                    GPtrArray *listed)
{
  g_assert_cmpuint (given->len, ==, listed->len);
  for (guint i = 0; i < listed->len; i++)
    {
      ConvercEvent *a = g_ptr_array_index (given, i);
      ConvercEvent *b = g_ptr_array_index (listed, i);
      GBytes *raw_a = converc_event_get_raw (a);
      GBytes *raw_b = converc_event_get_raw (b);

      g_assert_cmpstr (converc_event_get_id (a), ==, converc_event_get_id (b));
      g_assert_cmpmem (g_bytes_get_data (raw_a, NULL), g_bytes_get_size (raw_a),
                       g_bytes_get_data (raw_b, NULL), g_bytes_get_size (raw_b));
    }
}

/* The stream and the whole reading agree on @f's body, in @parts parts
 * (below 0: at least -@parts). */
static void
assert_stream_equals_list (Fixture *f,
                           int      parts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *list_problem = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  guint n_skipped = G_MAXUINT;
  guint list_skipped = G_MAXUINT;

  stream_events (f, &n_skipped, &problem, &error);
  g_assert_no_error (error);
  listed = list_events (f, &list_skipped, &list_problem, &list_error);
  g_assert_no_error (list_error);
  assert_same_events (f->given, listed);
  g_assert_cmpuint (n_skipped, ==, list_skipped);
  g_assert_cmpstr (problem, ==, list_problem);
  f->n_skipped = n_skipped;
  g_free (f->problem);
  f->problem = g_steal_pointer (&problem);
  if (parts >= 0)
    g_assert_cmpuint (f->parts->len, ==, parts);
  else
    g_assert_cmpuint (f->parts->len, >=, -parts);
}

/* The given events are the first of @events, in order. */
static void
assert_prefix (GPtrArray *given,
               GPtrArray *events)
{
  for (guint i = 0; i < given->len; i++)
    {
      GBytes *raw = converc_event_get_raw (g_ptr_array_index (given, i));

      g_assert_cmpmem (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw),
                       events->pdata[i], strlen (events->pdata[i]));
    }
}

/* Parts of 25, 50, 100, … 2,000 when the server writes each part's worth
 * after the one before came. */
static void
test_client_parts_grow (Fixture       *f,
                        gconstpointer  data)
{
  const guint expected[] = { 25, 50, 100, 200, 400, 800, 1600, 2000, 125 };
  g_autoptr(GPtrArray) events = generate_events (5300, 23);
  g_autofree char *head = array_piece (events, 0, 25);
  g_autofree char *whole = array_piece (events, 0, events->len);
  g_autoptr(GError) error = NULL;

  set_body (f, whole, strlen (whole));
  f->chunked = TRUE;
  f->held_from = strlen (head);
  f->feed = events;
  f->fed = 25;

  stream_events (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (f->parts->data, f->parts->len * sizeof (guint), expected, sizeof expected);
  f->feed = NULL;
  g_assert_cmpuint (f->given->len, ==, events->len);
  assert_prefix (f->given, events);
}

/* Elements that are no event are counted and told as list_events tells
 * them, numbered across parts; the events are those of list_events. */
static void
test_client_skipped (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) events = generate_events (800, 9);
  /* The first bad one lies beyond the first part (at most 64 KiB). */
  const guint bad[] = { 299, 500, 700 };
  const char *elements[] = { "42", "\"not an event\"", "[1,2]" };
  g_autofree char *whole = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_free (events->pdata[bad[i]]);
      events->pdata[bad[i]] = g_strdup (elements[i]);
    }
  whole = array_piece (events, 0, events->len);
  set_body (f, whole, strlen (whole));

  for (guint chunked = 0; chunked < 2; chunked++)
    {
      f->chunked = chunked;
      assert_stream_equals_list (f, -2);
      g_assert_cmpuint (f->n_skipped, ==, 3);
      g_assert_cmpuint (f->given->len, ==, 797);
      g_assert_true (g_str_has_prefix (f->problem, "Event 300 of the list could not be read"));
    }
}

/* A wrapper object and a short list: one part, as list_events reads it. */
static void
test_client_read_whole (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) events = generate_events (100, 3);
  g_autofree char *list = array_piece (events, 0, events->len);
  g_autofree char *wrapped = g_strconcat ("{\"events\": ", list, ", \"next\": null}", NULL);
  g_autoptr(GPtrArray) few = generate_events (24, 4);
  g_autofree char *short_list = array_piece (few, 0, few->len);

  for (guint chunked = 0; chunked < 2; chunked++)
    {
      f->chunked = chunked;
      set_body (f, wrapped, strlen (wrapped));
      assert_stream_equals_list (f, 1);
      set_body (f, short_list, strlen (short_list));
      assert_stream_equals_list (f, 1);
    }
  set_body (f, "[]", 2);
  assert_stream_equals_list (f, 0);
}

/* Answers that fail fail as with list_events: the same domain, code and
 * message. */
static void
test_client_same_errors (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) events = generate_events (60, 71);
  g_autofree char *list = array_piece (events, 0, events->len);
  /* A broken byte order mark before a long list: no part, the error. */
  g_autofree char *bad_bom = g_strconcat ("\xEF", list, NULL);
  struct { guint status; const char *body; } answers[] = {
    { 200, "" },
    { 200, "   " },
    { 200, "hello, world" },
    { 200, "{\"events\": 3}" },
    { 200, "[1,2" },
    { 200, "[{\"id\":\"a\"}] trailing" },
    { 200, "\xEF[{\"id\":\"a\"}]" },
    { 500, "{\"message\":\"The database is resting.\"}" },
    { 401, "{\"message\":\"Unauthorized\"}" },
    { 404, "" },
    { 200, NULL },
  };

  answers[G_N_ELEMENTS (answers) - 1].body = bad_bom;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    for (guint chunked = 0; chunked < 2; chunked++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GError) list_error = NULL;
        g_autoptr(GPtrArray) listed = NULL;

        g_test_message ("answer %u (%s): %u %.60s", i, chunked ? "chunked" : "whole",
                        answers[i].status, answers[i].body);
        f->status = answers[i].status;
        f->chunked = chunked;
        set_body (f, answers[i].body, strlen (answers[i].body));
        g_assert_false (stream_events (f, NULL, NULL, &error));
        g_assert_cmpuint (f->parts->len, ==, 0);
        listed = list_events (f, NULL, NULL, &list_error);
        g_assert_null (listed);
        g_assert_nonnull (error);
        g_assert_nonnull (list_error);
        g_assert_cmpstr (g_quark_to_string (error->domain), ==, g_quark_to_string (list_error->domain));
        g_assert_cmpint (error->code, ==, list_error->code);
        g_assert_cmpstr (error->message, ==, list_error->message);
        g_assert_null (strstr (error->message, "STREAMKEY"));
      }
}

/* Writes the first @n_first of @events, then, after the first part came,
 * @rest; returns the finish's answer. */
static gboolean
stream_then (Fixture     *f,
             GPtrArray   *events,
             guint        n_first,
             const char  *rest,
             GError     **error)
{
  g_autofree char *head = array_piece (events, 0, n_first);
  g_autofree char *whole = g_strconcat (head, rest, NULL);

  set_body (f, whole, strlen (whole));
  f->chunked = TRUE;
  f->held_from = strlen (head);
  stream_start (f);
  /* The server holds the rest back until the test writes it. */
  converc_test_wait_for_flag (&f->got_first, WAIT / 3);
  g_assert_false (f->rest_written_at_first);
  g_assert_null (f->result);
  g_assert_cmpuint (f->parts->len, ==, 1);
  write_rest (f);

  return stream_finish (f, NULL, NULL, error);
}

/* The first part comes while the server still holds the rest back; all
 * parts add up to what list_events reads. */
static void
test_client_first_part_early (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) events = generate_events (300, 11);
  g_autofree char *rest = array_piece (events, 40, events->len);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  stream_then (f, events, 40, rest, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (f->parts, guint, 0), >=, 25);
  g_assert_cmpuint (g_array_index (f->parts, guint, 0), <=, 40);
  g_assert_cmpuint (f->given->len, ==, 300);
  listed = list_events (f, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_events (f->given, listed);
}

/* A list that breaks after parts were given: the parts were right, the
 * callback gets the error. */
static void
test_client_breaks_late (Fixture       *f,
                         gconstpointer  data)
{
  const char *endings[] = {
    "{\"id\":\"evt_cut\",\"type\":\"call.ended\"",
    "{\"id\":\"evt_x\"}}, {\"id\":\"evt_y\"}]",
    "17,, 18]",
    "<html>502 Bad Gateway</html>",
  };
  g_autoptr(GPtrArray) events = generate_events (200, 31);

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("ending %u: %s", i, endings[i]);
      g_assert_false (stream_then (f, events, 199, endings[i], &error));
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
      g_assert_cmpuint (f->given->len, >=, 25);
      g_assert_cmpuint (f->given->len, <=, 199);
      assert_prefix (f->given, events);
    }
}

/* Invalid UTF-8 in event 150: the parts before it, then the error
 * list_events gives; nothing from its part on. */
static void
test_client_bad_utf8 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) events = generate_events (400, 41);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *rest = NULL;
  char *event = events->pdata[149];
  char *quote = strchr (event + 2, '"');

  /* A byte that is never UTF-8, inside a string of event 150. */
  g_assert_nonnull (quote);
  events->pdata[149] = g_strdup_printf ("%.*s\xFF%s", (int) (quote - event), event, quote);
  g_free (event);

  rest = array_piece (events, 40, events->len);
  g_assert_false (stream_then (f, events, 40, rest, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
  g_assert_true (g_str_has_suffix (error->message, "not valid UTF-8 text"));
  g_assert_cmpuint (f->given->len, >=, 25);
  g_assert_cmpuint (f->given->len, <=, 149);
  assert_prefix (f->given, events);

  listed = list_events (f, NULL, NULL, &list_error);
  g_assert_null (listed);
  g_assert_error (list_error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (error->message, ==, list_error->message);
}

/* Cancelled at the first part: the callback says so, and no other part
 * comes, whether the server still writes or has written everything. */
static void
test_client_cancel (Fixture       *f,
                    gconstpointer  data)
{
  const char *ways[] = {
    "holds the rest back", "writes it all, chunked", "writes it all", "writes a short body",
  };
  g_autoptr(GPtrArray) events = generate_events (1000, 51);
  g_autofree char *whole = array_piece (events, 0, events->len);
  g_autofree char *head = array_piece (events, 0, 40);
  g_autoptr(GPtrArray) few = generate_events (150, 52);
  g_autofree char *short_body = array_piece (few, 0, few->len);

  f->cancel_at_first = TRUE;
  for (guint way = 0; way < G_N_ELEMENTS (ways); way++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("the server %s", ways[way]);
      if (way == 3)
        set_body (f, short_body, strlen (short_body));
      else
        set_body (f, whole, strlen (whole));
      f->chunked = way < 2;
      f->held_from = way == 0 ? strlen (head) : 0;
      stream_start (f);
      if (way == 0)
        {
          converc_test_wait_for_flag (&f->got_first, WAIT);
          write_rest (f);
        }
      g_assert_false (stream_finish (f, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      spin (300);
      g_assert_cmpuint (f->parts->len, ==, 1);
    }
}

/* Larger than the client takes: the error list_events gives. */
static void
test_client_too_large (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) events = generate_events (400, 61);
  g_autofree char *whole = array_piece (events, 0, events->len);

  set_body (f, whole, strlen (whole));
  converc_client_set_max_body_size (f->client, strlen (whole) / 2);

  for (guint chunked = 0; chunked < 2; chunked++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) list_error = NULL;
      g_autoptr(GPtrArray) listed = NULL;

      f->chunked = chunked;
      g_assert_false (stream_events (f, NULL, NULL, &error));
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_TOO_LARGE);
      listed = list_events (f, NULL, NULL, &list_error);
      g_assert_null (listed);
      g_assert_error (list_error, CONVERC_ERROR, CONVERC_ERROR_TOO_LARGE);
      g_assert_cmpstr (error->message, ==, list_error->message);
    }

  /* Just as large as the limit is read. */
  converc_client_set_max_body_size (f->client, strlen (whole));
  f->chunked = TRUE;
  assert_stream_equals_list (f, -2);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/event-stream/client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("first-part-early", test_client_first_part_early);
  ADD ("parts-grow", test_client_parts_grow);
  ADD ("skipped", test_client_skipped);
  ADD ("read-whole", test_client_read_whole);
  ADD ("same-errors", test_client_same_errors);
  ADD ("breaks-late", test_client_breaks_late);
  ADD ("bad-utf8", test_client_bad_utf8);
  ADD ("cancel", test_client_cancel);
  ADD ("too-large", test_client_too_large);
#undef ADD

  return g_test_run ();
}
