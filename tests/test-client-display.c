/* test-client-display.c
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

/* The one concern of this file: a server that refuses a large `display`
 * (the API documents no maximum) is asked again for fewer events, by the
 * whole answer and the streamed one; other failures are not. The server
 * here is not the emulator: it is one that has a maximum. */

#define G_LOG_DOMAIN "test-client-display"

#include "config.h"

#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "converc-client.h"
#include "converc-error.h"
#include "converc-event.h"

#include "converc-test-utils.h"

#define API_KEY "ck_test_display_limit"
#define WAIT    20

typedef struct
{
  SoupServer *server;
  char       *base_url;
  /* Asked for more than this: refused with @status (0: no maximum) */
  guint       max_display;
  guint       status;
  /* Every request refused with @status, however many it asks for */
  gboolean    refuse_all;
  /* The display of each request, in order (0: none given) */
  GArray     *asked;
} Server;

static void
events_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *server = user_data;
  const char *display_text = query != NULL ? g_hash_table_lookup (query, "display") : NULL;
  guint display = display_text != NULL ? (guint) atoi (display_text) : 0;
  g_autoptr(GString) body = g_string_new ("[");
  guint n;

  g_array_append_val (server->asked, display);

  if (server->refuse_all || (server->max_display > 0 && display > server->max_display))
    {
      g_autofree char *refusal =
        g_strdup_printf ("{\"error\": \"display must be between 1 and %u\"}", server->max_display);

      soup_server_message_set_status (msg, server->status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        refusal, strlen (refusal));
      return;
    }

  /* The server's newest 3,000 events, newest first */
  n = MIN (display > 0 ? display : 50, 3000);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (body,
                            "%s{\"id\": \"evt_limit%05u\", \"type\": \"call.ended\", "
                            "\"createdAt\": \"2026-12-01T10:%02u:%02uZ\", \"data\": {}}",
                            i > 0 ? ", " : "", i, (59 - i / 60 % 60), 59 - i % 60);
  g_string_append_c (body, ']');

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body->str, body->len);
}

static void
server_setup (Server        *server,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server->asked = g_array_new (FALSE, FALSE, sizeof (guint));
  server->status = SOUP_STATUS_BAD_REQUEST;
  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, "/webhooks/events", events_cb, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server->server);
  g_assert_nonnull (uris);
  server->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
server_teardown (Server        *server,
                 gconstpointer  data)
{
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_clear_pointer (&server->base_url, g_free);
  g_clear_pointer (&server->asked, g_array_unref);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The displays asked for, as "10000 1000 500" */
static char *
asked_text (Server *server)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < server->asked->len; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? " " : "", g_array_index (server->asked, guint, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
list_events (ConvercClient  *client,
             guint           display,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  converc_client_list_events_async (client, NULL, display, NULL, converc_test_store_result_cb,
                                    &result);
  converc_test_wait_for_result (&result, WAIT);
  return converc_client_list_events_finish (client, result, NULL, NULL, error);
}

static void
count_parts_cb (GPtrArray *events,
                gpointer   user_data)
{
  guint *n_given = user_data;

  *n_given += events->len;
}

static gboolean
stream_events (ConvercClient  *client,
               guint           display,
               guint          *n_given,
               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint n_events = 0;
  gboolean ok;

  *n_given = 0;
  converc_client_stream_events_async (client, NULL, display, count_parts_cb, n_given, NULL,
                                      converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, WAIT);
  ok = converc_client_stream_events_finish (client, result, &n_events, NULL, NULL, error);
  if (ok)
    g_assert_cmpuint (n_events, ==, *n_given);

  return ok;
}

static void
test_list_asks_fewer (Server        *server,
                      gconstpointer  data)
{
  g_autoptr(ConvercClient) client = converc_client_new (server->base_url, API_KEY);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) few = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *asked = NULL;

  server->max_display = 500;
  g_assert_cmpuint (converc_client_get_display_limit (client), ==, 0);

  /* 10,000 refused, then 1,000: 500 answered, the newest first */
  events = list_events (client, 10000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (events);
  g_assert_cmpuint (events->len, ==, 500);
  g_assert_cmpstr (converc_event_get_id (g_ptr_array_index (events, 0)), ==, "evt_limit00000");
  asked = asked_text (server);
  g_assert_cmpstr (asked, ==, "10000 1000 500");
  g_assert_cmpuint (converc_client_get_display_limit (client), ==, 500);

  /* The next deep request asks for what was answered, at once */
  again = list_events (client, 10000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 500);
  g_clear_pointer (&asked, g_free);
  asked = asked_text (server);
  g_assert_cmpstr (asked, ==, "10000 1000 500 500");

  /* Fewer than the limit are asked for as they are */
  few = list_events (client, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (few->len, ==, 20);
  g_clear_pointer (&asked, g_free);
  asked = asked_text (server);
  g_assert_cmpstr (asked, ==, "10000 1000 500 500 20");
}

static void
test_stream_asks_fewer (Server        *server,
                        gconstpointer  data)
{
  g_autoptr(ConvercClient) client = converc_client_new (server->base_url, API_KEY);
  g_autoptr(GError) error = NULL;
  g_autofree char *asked = NULL;
  guint n_given = 0;

  /* A 422 is a refusal of the request as much as a 400 */
  server->max_display = 100;
  server->status = 422;

  g_assert_true (stream_events (client, 10000, &n_given, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_given, ==, 100);
  asked = asked_text (server);
  g_assert_cmpstr (asked, ==, "10000 1000 500 100");
  g_assert_cmpuint (converc_client_get_display_limit (client), ==, 100);

  /* The whole answer follows the same limit: one request */
  {
    g_autoptr(GPtrArray) events = list_events (client, 10000, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 100);
    g_clear_pointer (&asked, g_free);
    asked = asked_text (server);
    g_assert_cmpstr (asked, ==, "10000 1000 500 100 100");
  }
}

static void
test_refused_whatever_asked (Server        *server,
                             gconstpointer  data)
{
  g_autoptr(ConvercClient) client = converc_client_new (server->base_url, API_KEY);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *asked = NULL;
  guint n_given = 0;

  /* Not the display: every request is refused. The client goes down the
   * ladder once, then says what the server said. */
  server->refuse_all = TRUE;
  events = list_events (client, 10000, &error);
  g_assert_null (events);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "display must be between"));
  asked = asked_text (server);
  g_assert_cmpstr (asked, ==, "10000 1000 500 100 50");
  g_assert_cmpuint (converc_client_get_display_limit (client), ==, 0);
  g_clear_error (&error);

  /* Fifty or fewer, or as many as the server chooses: asked once */
  g_array_set_size (server->asked, 0);
  g_assert_false (stream_events (client, 50, &n_given, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_REQUEST);
  g_assert_cmpuint (n_given, ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = list_events (client, 0, &error);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_REQUEST);
  g_clear_pointer (&asked, g_free);
  asked = asked_text (server);
  g_assert_cmpstr (asked, ==, "50 0");
}

static void
test_other_failures_not_asked_again (Server        *server,
                                     gconstpointer  data)
{
  static const struct
  {
    guint        status;
    ConvercError code;
  } failures[] = {
    { 401, CONVERC_ERROR_UNAUTHORIZED },
    { 403, CONVERC_ERROR_FORBIDDEN },
    { 404, CONVERC_ERROR_NOT_FOUND },
    { 429, CONVERC_ERROR_RATE_LIMITED },
    { 500, CONVERC_ERROR_SERVER },
    { 503, CONVERC_ERROR_SERVER },
  };

  server->max_display = 100;
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr(ConvercClient) client = converc_client_new (server->base_url, API_KEY);
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *asked = NULL;
      guint n_given = 0;

      g_test_message ("HTTP %u", failures[i].status);
      server->status = failures[i].status;
      g_array_set_size (server->asked, 0);

      events = list_events (client, 10000, &error);
      g_assert_error (error, CONVERC_ERROR, (int) failures[i].code);
      g_clear_error (&error);
      g_assert_false (stream_events (client, 10000, &n_given, &error));
      g_assert_error (error, CONVERC_ERROR, (int) failures[i].code);

      asked = asked_text (server);
      g_assert_cmpstr (asked, ==, "10000 10000");
      g_assert_cmpuint (converc_client_get_display_limit (client), ==, 0);
    }
}

static void
test_cancel_while_asking_fewer (Server        *server,
                                gconstpointer  data)
{
  g_autoptr(ConvercClient) client = converc_client_new (server->base_url, API_KEY);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled once the first refusal is in: no other request goes out
   * after the cancel, and the caller hears the cancel. */
  server->max_display = 50;
  converc_client_list_events_async (client, NULL, 10000, cancellable,
                                    converc_test_store_result_cb, &result);
  while (server->asked->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  converc_test_wait_for_result (&result, WAIT);
  events = converc_client_list_events_finish (client, result, NULL, NULL, &error);
  g_assert_null (events);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (server->asked->len, <=, 2);
  g_assert_cmpuint (converc_client_get_display_limit (client), ==, 0);
}

#define ADD(path, func) \
  g_test_add ("/converc/client-display/" path, Server, NULL, server_setup, func, server_teardown)

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  ADD ("list-asks-fewer", test_list_asks_fewer);
  ADD ("stream-asks-fewer", test_stream_asks_fewer);
  ADD ("refused-whatever-asked", test_refused_whatever_asked);
  ADD ("other-failures-not-asked-again", test_other_failures_not_asked_again);
  ADD ("cancel-while-asking-fewer", test_cancel_while_asking_fewer);

  return g_test_run ();
}
