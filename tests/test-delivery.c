/* test-delivery.c
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

/* The one concern of this file: testing a delivery sent from this computer
 * against local receivers, friendly and hostile, and the outcomes file. */

#define G_LOG_DOMAIN "test-delivery"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "converc-delivery.h"
#include "converc-delivery-outcomes.h"
#include "converc-error.h"
#include "converc-signature.h"

#include "converc-test-utils.h"

#define SECRET    "whsec_delivery_test_secret"
#define EVENT_ID  "evt_test_0001"
#define BIG_SIZE  (10 * 1024 * 1024)

typedef struct
{
  SoupServer *server;
  char       *base;         /* "http://127.0.0.1:PORT" */
  GPtrArray  *paused;       /* SoupServerMessage the hang handler holds */
  guint       n_requests;
  gboolean    verified;
  char       *event_header;
  char       *id_header;
  char       *content_type;
  char       *user_agent;
} Receiver;

static char big_body[BIG_SIZE];

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Receiver *r = user_data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  r->n_requests++;

  if (g_str_equal (path, "/ok") || g_str_equal (path, "/fail"))
    {
      g_autoptr(GError) error = NULL;
      const char *signature = soup_message_headers_get_one (req, "X-IC-Signature");
      gboolean ok = signature != NULL &&
                    converc_signature_verify (SECRET, signature,
                                              g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes),
                                              g_get_real_time () / G_USEC_PER_SEC,
                                              CONVERC_SIGNATURE_DEFAULT_TOLERANCE, &error);

      r->verified = ok;
      g_free (r->event_header);
      r->event_header = g_strdup (soup_message_headers_get_one (req, "X-IC-Event"));
      g_free (r->id_header);
      r->id_header = g_strdup (soup_message_headers_get_one (req, "X-IC-Id"));
      g_free (r->content_type);
      r->content_type = g_strdup (soup_message_headers_get_content_type (req, NULL));
      g_free (r->user_agent);
      r->user_agent = g_strdup (soup_message_headers_get_one (req, "User-Agent"));

      if (g_str_equal (path, "/fail"))
        {
          const char *text = "java.lang.NullPointerException in WebhookController\n";

          soup_server_message_set_status (msg, 500, NULL);
          soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                            text, strlen (text));
          return;
        }

      if (ok)
        {
          const char *json = "{\"received\":true,\"items\":[1,2]}";

          soup_server_message_set_status (msg, 200, NULL);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "X-Receiver", "test");
          soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                            json, strlen (json));
        }
      else
        {
          soup_server_message_set_status (msg, 401, NULL);
          soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY,
                                            error ? error->message : "no signature",
                                            strlen (error ? error->message : "no signature"));
        }
    }
  else if (g_str_equal (path, "/hang"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (r->paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/redirect"))
    {
      soup_server_message_set_redirect (msg, 302, "https://elsewhere.invalid/next");
    }
  else if (g_str_equal (path, "/big"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                        big_body, BIG_SIZE);
    }
  else if (g_str_equal (path, "/deep"))
    {
      /* 30,000 nested arrays: valid JSON that no tree should be built for */
      GString *deep = g_string_new (NULL);

      for (guint i = 0; i < 30000; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < 30000; i++)
        g_string_append_c (deep, ']');
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                        deep->str, deep->len);
      g_string_free (deep, FALSE);
    }
  else if (g_str_equal (path, "/binary"))
    {
      static guint8 data[256];

      for (guint i = 0; i < sizeof data; i++)
        data[i] = (guint8)i;
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_STATIC,
                                        (const char *)data, sizeof data);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static void
receiver_setup (Receiver      *r,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  r->paused = g_ptr_array_new_with_free_func (g_object_unref);
  r->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (r->server, NULL, handler_cb, r, NULL);
  soup_server_listen_local (r->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (r->server);
  r->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
receiver_teardown (Receiver      *r,
                   gconstpointer  data)
{
  for (guint i = 0; i < r->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (r->paused, i);

      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_unpause (msg);
    }
  soup_server_disconnect (r->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&r->paused, g_ptr_array_unref);
  g_clear_object (&r->server);
  g_clear_pointer (&r->base, g_free);
  g_clear_pointer (&r->event_header, g_free);
  g_clear_pointer (&r->id_header, g_free);
  g_clear_pointer (&r->content_type, g_free);
  g_clear_pointer (&r->user_agent, g_free);
}

/* Sends the test event to @url; returns the exchange or NULL + @error. */
static ConvercDeliveryExchange *
send_to (const char    *url,
         guint          timeout_ms,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GBytes) event = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  event = converc_delivery_build_test_event (g_get_real_time () / G_USEC_PER_SEC, NULL);
  converc_delivery_send_async (NULL, url, SECRET, event, "webhook.test", EVENT_ID, 0,
                               timeout_ms, cancellable, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, 90);

  return converc_delivery_send_finish (result, error);
}

static gboolean
strv_contains_text (const char * const *strv,
                    const char         *needle)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (strstr (strv[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_signed_ok (Receiver      *r,
                gconstpointer  data)
{
  g_autofree char *url = g_strconcat (r->base, "/ok?source=test", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = NULL;
  g_autofree char *request_line = NULL;
  g_autofree char *status_line = NULL;
  g_autofree char *body = NULL;
  g_autofree char *summary = NULL;
  const char * const *sent;
  ConvercDeliveryBodyKind kind;

  exchange = send_to (url, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (exchange);

  /* The receiver verified the signature over the exact bytes. */
  g_assert_true (r->verified);
  g_assert_cmpstr (r->event_header, ==, "webhook.test");
  g_assert_cmpstr (r->id_header, ==, EVENT_ID);
  g_assert_cmpstr (r->content_type, ==, "application/json");
  g_assert_true (g_str_has_prefix (r->user_agent, "converc-webhooks/"));

  g_assert_null (converc_delivery_exchange_get_error (exchange));
  g_assert_true (converc_delivery_exchange_is_success (exchange));
  g_assert_cmpuint (converc_delivery_exchange_get_status (exchange), ==, 200);
  g_assert_cmpstr (converc_delivery_exchange_get_reason (exchange), ==, "OK");
  g_assert_cmpint (converc_delivery_exchange_get_origin (exchange), ==,
                   CONVERC_DELIVERY_ORIGIN_LOCAL);
  g_assert_cmpstr (converc_delivery_exchange_get_response_header (exchange, "x-receiver"), ==,
                   "test");
  g_assert_true (g_str_has_prefix (converc_delivery_exchange_get_content_type (exchange),
                                   "application/json"));
  g_assert_cmpint (converc_delivery_exchange_get_duration (exchange), >, 0);

  request_line = converc_delivery_exchange_dup_request_line (exchange);
  g_assert_cmpstr (request_line, ==, "POST /ok?source=test HTTP/1.1");
  status_line = converc_delivery_exchange_dup_status_line (exchange);
  g_assert_cmpstr (status_line, ==, "HTTP/1.1 200 OK");

  /* The signature is shown, the secret never. */
  sent = converc_delivery_exchange_get_request_headers (exchange);
  g_assert_true (strv_contains_text (sent, "X-IC-Signature"));
  g_assert_true (strv_contains_text (sent, "t="));
  g_assert_true (strv_contains_text (sent, "webhook.test"));
  g_assert_false (strv_contains_text (sent, SECRET));

  body = converc_delivery_exchange_dup_body_text (exchange, &kind);
  g_assert_cmpint (kind, ==, CONVERC_DELIVERY_BODY_JSON);
  g_assert_nonnull (strstr (body, "\n  \"received\" : true"));

  summary = converc_delivery_exchange_dup_summary (exchange);
  g_assert_true (g_str_has_prefix (summary, "HTTP 200 OK · "));
}

static void
test_failure_with_body (Receiver      *r,
                        gconstpointer  data)
{
  g_autofree char *url = g_strconcat (r->base, "/fail", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = send_to (url, 0, NULL, &error);
  g_autofree char *body = NULL;
  ConvercDeliveryBodyKind kind;

  g_assert_no_error (error);
  g_assert_false (converc_delivery_exchange_is_success (exchange));
  g_assert_null (converc_delivery_exchange_get_error (exchange));
  g_assert_cmpuint (converc_delivery_exchange_get_status (exchange), ==, 500);
  body = converc_delivery_exchange_dup_body_text (exchange, &kind);
  g_assert_cmpint (kind, ==, CONVERC_DELIVERY_BODY_TEXT);
  g_assert_cmpstr (body, ==, "java.lang.NullPointerException in WebhookController\n");
}

static void
test_timeout (Receiver      *r,
              gconstpointer  data)
{
  g_autofree char *url = g_strconcat (r->base, "/hang", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = NULL;
  const GError *failure;
  gint64 start = g_get_monotonic_time ();

  exchange = send_to (url, 700, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  failure = converc_delivery_exchange_get_error (exchange);
  g_assert_error (failure, CONVERC_ERROR, CONVERC_ERROR_TIMEOUT);
  g_test_message ("%s", failure->message);
  g_assert_true (g_str_has_prefix (failure->message, "Timed out"));
  g_assert_cmpuint (converc_delivery_exchange_get_status (exchange), ==, 0);
  g_assert_false (converc_delivery_exchange_is_success (exchange));
  /* What was sent is still shown. */
  g_assert_true (strv_contains_text (converc_delivery_exchange_get_request_headers (exchange),
                                     "X-IC-Signature"));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Receiver      *r,
             gconstpointer  data)
{
  g_autofree char *url = g_strconcat (r->base, "/hang", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = NULL;

  g_timeout_add (200, cancel_cb, cancellable);
  exchange = send_to (url, 20000, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (exchange);
}

static void
test_redirect_not_followed (Receiver      *r,
                            gconstpointer  data)
{
  g_autofree char *url = g_strconcat (r->base, "/redirect", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = send_to (url, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (r->n_requests, ==, 1);
  g_assert_cmpuint (converc_delivery_exchange_get_status (exchange), ==, 302);
  g_assert_cmpstr (converc_delivery_exchange_get_response_header (exchange, "Location"), ==,
                   "https://elsewhere.invalid/next");
  g_assert_false (converc_delivery_exchange_is_success (exchange));
}

static void
test_big_answer (Receiver      *r,
                 gconstpointer  data)
{
  g_autofree char *url = g_strconcat (r->base, "/big", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = NULL;
  g_autofree char *text = NULL;
  ConvercDeliveryBodyKind kind;

  memset (big_body, 'x', sizeof big_body);
  exchange = send_to (url, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (converc_delivery_exchange_get_status (exchange), ==, 200);
  g_assert_null (converc_delivery_exchange_get_error (exchange));
  /* Only 64 KB kept; the rest counted. */
  g_assert_cmpuint (g_bytes_get_size (converc_delivery_exchange_get_body (exchange)), ==,
                    CONVERC_DELIVERY_MAX_KEPT_BODY);
  g_assert_cmpuint (converc_delivery_exchange_get_body_size (exchange), ==, BIG_SIZE);
  g_assert_true (converc_delivery_exchange_get_body_truncated (exchange));
  text = converc_delivery_exchange_dup_body_text (exchange, &kind);
  g_assert_cmpint (kind, ==, CONVERC_DELIVERY_BODY_TEXT);
  g_assert_cmpuint (strlen (text), ==, CONVERC_DELIVERY_MAX_KEPT_BODY);
}

static void
test_deep_json_answer (Receiver      *r,
                       gconstpointer  data)
{
  g_autofree char *url = g_strconcat (r->base, "/deep", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = send_to (url, 0, NULL, &error);
  g_autofree char *text = NULL;
  ConvercDeliveryBodyKind kind;

  g_assert_no_error (error);
  g_assert_cmpuint (converc_delivery_exchange_get_body_size (exchange), ==, 60000);
  /* Shown as text, never parsed into a 30,000-deep tree. */
  text = converc_delivery_exchange_dup_body_text (exchange, &kind);
  g_assert_cmpint (kind, ==, CONVERC_DELIVERY_BODY_TEXT);
  g_assert_cmpuint (strlen (text), ==, 60000);
}

static void
test_binary_answer (Receiver      *r,
                    gconstpointer  data)
{
  g_autofree char *url = g_strconcat (r->base, "/binary", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = send_to (url, 0, NULL, &error);
  g_autofree char *text = NULL;
  ConvercDeliveryBodyKind kind;

  g_assert_no_error (error);
  text = converc_delivery_exchange_dup_body_text (exchange, &kind);
  g_assert_cmpint (kind, ==, CONVERC_DELIVERY_BODY_BINARY);
  g_assert_cmpstr (text, ==, "binary, 256 bytes");
}

/* A receiver that resets every connection (SO_LINGER 0, then close). */
static gboolean
reset_incoming_cb (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source,
                   gpointer           user_data)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  struct linger linger = { 1, 0 };
  char buffer[256];

  g_socket_set_blocking (socket, TRUE);
  g_socket_set_timeout (socket, 2);
  g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
  g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER,
                               &linger, sizeof linger), ==, 0);
  g_socket_close (socket, NULL);

  return TRUE;
}

static void
test_reset (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = NULL;
  g_autofree char *url = NULL;
  const GError *failure;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (reset_incoming_cb), NULL);
  g_socket_service_start (service);

  url = g_strdup_printf ("http://127.0.0.1:%u/reset",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  exchange = send_to (url, 20000, NULL, &error);
  g_assert_no_error (error);
  failure = converc_delivery_exchange_get_error (exchange);
  g_assert_error (failure, CONVERC_ERROR, CONVERC_ERROR_NETWORK);
  g_test_message ("%s", failure->message);
  g_assert_true (g_str_has_prefix (failure->message, "Connection reset"));
  g_assert_cmpuint (converc_delivery_exchange_get_status (exchange), ==, 0);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static void
test_refused (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/",
                                          converc_test_get_unused_port ());
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = send_to (url, 20000, NULL, &error);

  g_assert_no_error (error);
  g_assert_error (converc_delivery_exchange_get_error (exchange), CONVERC_ERROR,
                  CONVERC_ERROR_NETWORK);
}

static void
test_bad_certificate (void)
{
  g_autofree char *cert_path = converc_test_data_path ("self-signed-cert.pem");
  g_autofree char *key_path = converc_test_data_path ("self-signed-key.pem");
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = NULL;
  g_autofree char *url = NULL;
  const GError *failure;
  GSList *uris;
  Receiver r = { 0 };

  cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (server, NULL, handler_cb, &r, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/ok", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  exchange = send_to (url, 20000, NULL, &error);
  g_assert_no_error (error);
  failure = converc_delivery_exchange_get_error (exchange);
  g_assert_error (failure, CONVERC_ERROR, CONVERC_ERROR_TLS);
  g_test_message ("%s", failure->message);
  g_assert_true (g_str_has_prefix (failure->message, "Certificate problem"));
  g_assert_cmpuint (r.n_requests, ==, 0);

  soup_server_disconnect (server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_http_off_loopback_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = NULL;

  exchange = send_to ("http://example.com/hooks", 5000, NULL, &error);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  g_assert_null (exchange);
  g_clear_error (&error);

  exchange = send_to ("ftp://127.0.0.1/hooks", 5000, NULL, &error);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
}

static void
assert_same_exchange (ConvercDeliveryExchange *a,
                      ConvercDeliveryExchange *b)
{
  g_assert_cmpint (converc_delivery_exchange_get_origin (a), ==,
                   converc_delivery_exchange_get_origin (b));
  g_assert_cmpstr (converc_delivery_exchange_get_url (a), ==, converc_delivery_exchange_get_url (b));
  g_assert_cmpstrv (converc_delivery_exchange_get_request_headers (a),
                    converc_delivery_exchange_get_request_headers (b));
  g_assert_cmpstrv (converc_delivery_exchange_get_response_headers (a),
                    converc_delivery_exchange_get_response_headers (b));
  g_assert_cmpstr (converc_delivery_exchange_get_event_id (a), ==,
                   converc_delivery_exchange_get_event_id (b));
  g_assert_cmpstr (converc_delivery_exchange_get_event_type (a), ==,
                   converc_delivery_exchange_get_event_type (b));
  g_assert_cmpint (converc_delivery_exchange_get_timestamp (a), ==,
                   converc_delivery_exchange_get_timestamp (b));
  g_assert_cmpint (converc_delivery_exchange_get_started_at (a), ==,
                   converc_delivery_exchange_get_started_at (b));
  g_assert_cmpint (converc_delivery_exchange_get_duration (a), ==,
                   converc_delivery_exchange_get_duration (b));
  g_assert_cmpuint (converc_delivery_exchange_get_status (a), ==,
                    converc_delivery_exchange_get_status (b));
  g_assert_cmpstr (converc_delivery_exchange_get_reason (a), ==,
                   converc_delivery_exchange_get_reason (b));
  g_assert_true (g_bytes_equal (converc_delivery_exchange_get_body (a),
                                converc_delivery_exchange_get_body (b)));
  g_assert_cmpuint (converc_delivery_exchange_get_body_size (a), ==,
                    converc_delivery_exchange_get_body_size (b));
  g_assert_cmpint (converc_delivery_exchange_get_body_truncated (a), ==,
                   converc_delivery_exchange_get_body_truncated (b));
  g_assert_cmpstr (converc_delivery_exchange_get_content_type (a), ==,
                   converc_delivery_exchange_get_content_type (b));
  if (converc_delivery_exchange_get_error (a) == NULL)
    g_assert_null (converc_delivery_exchange_get_error (b));
  else
    {
      g_assert_error (converc_delivery_exchange_get_error (b), CONVERC_ERROR,
                      converc_delivery_exchange_get_error (a)->code);
      g_assert_cmpstr (converc_delivery_exchange_get_error (a)->message, ==,
                       converc_delivery_exchange_get_error (b)->message);
    }
}

static ConvercDeliveryExchange *
round_trip (ConvercDeliveryExchange *exchange)
{
  g_autoptr(JsonNode) node = converc_delivery_exchange_to_json (exchange);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonNode) parsed = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  ConvercDeliveryExchange *back;

  g_assert_null (strstr (text, SECRET));
  back = converc_delivery_exchange_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  return back;
}

static void
test_json_round_trip (Receiver      *r,
                      gconstpointer  data)
{
  g_autofree char *ok_url = g_strconcat (r->base, "/ok", NULL);
  g_autofree char *hang_url = g_strconcat (r->base, "/hang", NULL);
  g_autofree char *binary_url = g_strconcat (r->base, "/binary", NULL);
  const char *urls[] = { ok_url, hang_url, binary_url };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(ConvercDeliveryExchange) exchange = send_to (urls[i], 700, NULL, &error);
      g_autoptr(ConvercDeliveryExchange) back = NULL;

      g_assert_no_error (error);
      back = round_trip (exchange);
      assert_same_exchange (exchange, back);
    }

  /* Converc's own test, in the same shape */
  {
    g_autoptr(ConvercDeliveryExchange) converc =
      converc_delivery_exchange_new_converc_test ("https://example.com/h", 0, "Socket I/O timed out", 42);
    g_autoptr(ConvercDeliveryExchange) back = round_trip (converc);

    assert_same_exchange (converc, back);
    g_assert_cmpint (converc_delivery_exchange_get_origin (back), ==,
                     CONVERC_DELIVERY_ORIGIN_CONVERC);
  }

  /* Hostile stored JSON: a clear error or a sane exchange, never a crash. */
  {
    const char *bad[] = { "[]", "{}", "{\"version\":2}", "\"x\"", "null",
                          "{\"version\":1,\"status\":-5,\"body\":\"@@@\",\"requestHeaders\":[1,[\"a\"]]}" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonNode) node = json_from_string (bad[i], NULL);
        g_autoptr(ConvercDeliveryExchange) e = converc_delivery_exchange_from_json (node, &error);

        if (e == NULL)
          {
            g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
            g_clear_error (&error);
          }
        else
          g_assert_cmpuint (converc_delivery_exchange_get_status (e), ==, 0);
      }
  }
}

static void
test_outcomes_file (Receiver      *r,
                    gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("test-delivery-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "deliveries.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ConvercDeliveryOutcomes) outcomes = converc_delivery_outcomes_new (file);
  g_autoptr(ConvercDeliveryOutcomes) again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ok_url = g_strconcat (r->base, "/ok", NULL);
  g_autoptr(ConvercDeliveryExchange) sent = send_to (ok_url, 0, NULL, &error);
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_no_error (error);

  /* Missing file: empty, no error */
  g_assert_true (converc_delivery_outcomes_load (outcomes, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < CONVERC_DELIVERY_OUTCOMES_MAX + 5; i++)
    {
      g_autoptr(ConvercDeliveryExchange) e =
        converc_delivery_exchange_new_converc_test ("https://example.com/h", 200 + i, NULL, i);

      converc_delivery_outcomes_add (outcomes, "https://api.example", "wh_1", e);
    }
  converc_delivery_outcomes_add (outcomes, "https://api.example", "wh_1", sent);
  converc_delivery_outcomes_add (outcomes, "https://other.example", "wh_1", sent);

  g_assert_true (converc_delivery_outcomes_save (outcomes, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, SECRET));

  again = converc_delivery_outcomes_new (file);
  g_assert_true (converc_delivery_outcomes_load (again, NULL, &error));
  g_assert_no_error (error);
  list = converc_delivery_outcomes_list (again, "https://api.example", "wh_1");
  g_assert_cmpuint (list->len, ==, CONVERC_DELIVERY_OUTCOMES_MAX);
  assert_same_exchange (g_ptr_array_index (list, 0), sent);
  g_assert_cmpuint (converc_delivery_exchange_get_status (g_ptr_array_index (list, 1)), ==,
                    200 + CONVERC_DELIVERY_OUTCOMES_MAX + 4);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = converc_delivery_outcomes_list (again, "https://other.example", "wh_1");
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = converc_delivery_outcomes_list (again, "https://api.example", "wh_2");
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Async load gives the same */
  {
    g_autoptr(ConvercDeliveryOutcomes) third = converc_delivery_outcomes_new (file);
    g_autoptr(GAsyncResult) result = NULL;

    converc_delivery_outcomes_load_async (third, NULL, converc_test_store_result_cb, &result);
    converc_test_wait_for_result (&result, 10);
    g_assert_true (converc_delivery_outcomes_load_finish (third, result, &error));
    g_assert_no_error (error);
    list = converc_delivery_outcomes_list (third, "https://api.example", "wh_1");
    g_assert_cmpuint (list->len, ==, CONVERC_DELIVERY_OUTCOMES_MAX);
    g_clear_pointer (&list, g_ptr_array_unref);
  }

  /* At most CONVERC_DELIVERY_OUTCOMES_MAX_ENDPOINTS endpoints: the stalest go. */
  {
    g_autoptr(ConvercDeliveryOutcomes) many = converc_delivery_outcomes_new (file);

    for (guint i = 0; i < CONVERC_DELIVERY_OUTCOMES_MAX_ENDPOINTS + 10; i++)
      {
        g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", 10000 + i);
        g_autoptr(ConvercDeliveryExchange) e =
          converc_delivery_exchange_new_converc_test ("https://example.com/h", 200, NULL,
                                                      1000 + i);

        converc_delivery_outcomes_add (many, base, "wh_1", e);
      }
    list = converc_delivery_outcomes_list (many, "http://127.0.0.1:10000", "wh_1");
    g_assert_cmpuint (list->len, ==, 0);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = converc_delivery_outcomes_list (many, "http://127.0.0.1:10010", "wh_1");
    g_assert_cmpuint (list->len, ==, 1);
    g_clear_pointer (&list, g_ptr_array_unref);
  }

  /* A corrupt file: a clear error, empty outcomes, and the next save works. */
  {
    g_autofree char *deep = g_strnfill (100000, '[');
    const char *corrupt[] = { "{\"version\":1,\"endpoints\":[", "\x01\x02garbage", deep,
                              "{\"version\":7,\"endpoints\":[]}", "[]" };

    for (guint i = 0; i < G_N_ELEMENTS (corrupt); i++)
      {
        g_autoptr(ConvercDeliveryOutcomes) bad = converc_delivery_outcomes_new (file);

        g_assert_true (g_file_set_contents (path, corrupt[i], -1, NULL));
        g_assert_false (converc_delivery_outcomes_load (bad, NULL, &error));
        g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
        g_assert_nonnull (strstr (error->message, "deliveries.json"));
        g_assert_nonnull (strstr (error->message, "start afresh"));
        g_clear_error (&error);
        list = converc_delivery_outcomes_list (bad, "https://api.example", "wh_1");
        g_assert_cmpuint (list->len, ==, 0);
        g_clear_pointer (&list, g_ptr_array_unref);

        converc_delivery_outcomes_add (bad, "https://api.example", "wh_1", sent);
        g_assert_true (converc_delivery_outcomes_save (bad, NULL, &error));
        g_assert_no_error (error);
      }
  }

  g_unlink (path);
  {
    g_autofree char *sub = g_path_get_dirname (path);

    g_rmdir (sub);
  }
  g_rmdir (dir);
}

static void
test_test_event (void)
{
  g_autofree char *id = NULL;
  g_autoptr(GBytes) event = converc_delivery_build_test_event (1700000000, &id);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (event, NULL), g_bytes_get_size (event));
  JsonObject *object;
  JsonObject *call;

  node = json_from_string (text, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id);
  g_assert_true (g_str_has_prefix (id, "evt_"));
  g_assert_cmpuint (strlen (id), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "webhook.test");
  g_assert_cmpstr (json_object_get_string_member (object, "createdAt"), ==,
                   "2023-11-14T22:13:20.000Z");
  call = json_object_get_object_member (json_object_get_object_member (object, "data"), "call");
  g_assert_cmpstr (json_object_get_string_member (call, "status"), ==, "completed");
  g_assert_true (json_object_has_member (json_object_get_object_member (object, "data"),
                                         "recording"));
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

#define RECEIVER_TEST(path, func) \
  g_test_add ("/converc/delivery/" path, Receiver, NULL, receiver_setup, func, receiver_teardown)

  RECEIVER_TEST ("signed-ok", test_signed_ok);
  RECEIVER_TEST ("failure-with-body", test_failure_with_body);
  RECEIVER_TEST ("timeout", test_timeout);
  RECEIVER_TEST ("cancel", test_cancel);
  RECEIVER_TEST ("redirect-not-followed", test_redirect_not_followed);
  RECEIVER_TEST ("big-answer", test_big_answer);
  RECEIVER_TEST ("binary-answer", test_binary_answer);
  RECEIVER_TEST ("deep-json-answer", test_deep_json_answer);
  RECEIVER_TEST ("json-round-trip", test_json_round_trip);
  RECEIVER_TEST ("outcomes-file", test_outcomes_file);
  g_test_add_func ("/converc/delivery/reset", test_reset);
  g_test_add_func ("/converc/delivery/refused", test_refused);
  g_test_add_func ("/converc/delivery/bad-certificate", test_bad_certificate);
  g_test_add_func ("/converc/delivery/http-off-loopback", test_http_off_loopback_refused);
  g_test_add_func ("/converc/delivery/test-event", test_test_event);

  return g_test_run ();
}
