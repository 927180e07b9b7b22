/* converc-test-emulator.c
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

/* The one concern of this file: what the emulator's tests share (see
 * converc-test-emulator.h). */

#include "config.h"

#include <string.h>

#include "converc-test-emulator.h"
#include "converc-test-utils.h"

void
response_free (Response *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_free (r);
}

Response *
request_at (const char *base_url,
            const char *method,
            const char *path,
            const char *key,
            const char *json)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  Response *r = g_new0 (Response, 1);
  gint64 start;

  msg = soup_message_new (method, url);
  g_assert_nonnull (msg);
  if (key != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", key, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", auth);
    }
  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  start = g_get_monotonic_time ();
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, 30);
  r->body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  r->elapsed_usec = g_get_monotonic_time () - start;
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  return r;
}

Response *
request (ConvercEmulator *emu,
         const char      *method,
         const char      *path,
         const char      *key,
         const char      *json)
{
  return request_at (converc_emulator_get_base_url (emu), method, path, key, json);
}

JsonNode *
parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
  return json_parser_steal_root (parser);
}

JsonObject *
parse_object (GBytes    *bytes,
              JsonNode **holder)
{
  *holder = parse (bytes);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*holder));
  return json_node_get_object (*holder);
}

JsonArray *
parse_array (GBytes    *bytes,
             JsonNode **holder)
{
  *holder = parse (bytes);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*holder));
  return json_node_get_array (*holder);
}

ConvercEmulator *
start_emulator (void)
{
  g_autoptr(GError) error = NULL;
  ConvercEmulator *emu = converc_emulator_new (KEY);

  converc_emulator_start (emu, 0, &error);
  g_assert_no_error (error);
  return emu;
}

void
assert_iso_timestamp (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (text);
  g_assert_true (g_str_has_suffix (text, "Z"));
  dt = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (dt);
}

void
assert_error_message (GBytes     *body,
                      const char *expected)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object = parse_object (body, &node);
  JsonNode *error = json_object_get_member (object, "error");

  g_assert_nonnull (error);
  if (JSON_NODE_HOLDS_OBJECT (error))
    {
      const char *message = json_object_get_string_member (json_node_get_object (error),
                                                           "message");
      g_assert_nonnull (message);
      if (expected != NULL)
        g_assert_nonnull (strstr (message, expected));
    }
  else
    {
      g_assert_cmpstr (json_node_get_string (error), ==, expected);
    }
}

static void
receiver_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Receiver *r = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  g_ptr_array_add (r->bodies, g_bytes_new (body->data, body->length));
  g_ptr_array_add (r->headers,
                   soup_message_headers_ref (soup_server_message_get_request_headers (msg)));
  g_ptr_array_add (r->paths, g_strdup (path));

  if (r->hang)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (r->hanging, g_object_ref (msg));
      return;
    }

  soup_server_message_set_status (msg, r->status, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "thanks", 6);
}

Receiver *
receiver_new (guint status)
{
  g_autoptr(GError) error = NULL;
  Receiver *r = g_new0 (Receiver, 1);
  GSList *uris;

  r->status = status;
  r->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  r->headers = g_ptr_array_new_with_free_func ((GDestroyNotify)soup_message_headers_unref);
  r->paths = g_ptr_array_new_with_free_func (g_free);
  r->hanging = g_ptr_array_new_with_free_func (g_object_unref);
  r->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (r->server, NULL, receiver_cb, r, NULL);
  soup_server_listen_local (r->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (r->server);
  r->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return r;
}

void
receiver_free (Receiver *r)
{
  soup_server_disconnect (r->server);
  g_ptr_array_unref (r->hanging);
  g_object_unref (r->server);
  g_ptr_array_unref (r->bodies);
  g_ptr_array_unref (r->headers);
  g_ptr_array_unref (r->paths);
  g_free (r->url);
  g_free (r);
}

char *
create_webhook (ConvercEmulator  *emu,
                const char       *url,
                const char       *events_json,
                char            **secret)
{
  g_autofree char *json = NULL;
  g_autoptr(Response) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (events_json != NULL)
    json = g_strdup_printf ("{\"url\": \"%s\", \"events\": %s}", url, events_json);
  else
    json = g_strdup_printf ("{\"url\": \"%s\"}", url);

  r = request (emu, "POST", "/integrations/webhooks", KEY, json);
  g_assert_cmpuint (r->status, ==, 201);
  object = parse_object (r->body, &node);
  if (secret != NULL)
    *secret = g_strdup (json_object_get_string_member (object, "secret"));

  return g_strdup (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "webhook"),
                                                  "id"));
}

void
wait_for_deliveries (ConvercEmulator *emu,
                     guint            n)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (converc_emulator_get_n_deliveries (emu) < n &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (converc_emulator_get_n_deliveries (emu), >=, n);
}

void
wait_ms (guint ms)
{
  gboolean done = FALSE;
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (!done)
    {
      g_main_context_iteration (NULL, FALSE);
      done = g_get_monotonic_time () >= deadline;
      if (!done)
        g_usleep (1000);
    }
}
