/* converc-delivery.c
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

/* The one concern of this file: sending one signed delivery from this
 * computer (no redirects, a deadline, a bounded read) and the webhook.test
 * event it sends by default. */

#define G_LOG_DOMAIN "converc-delivery"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "converc-delivery-private.h"
#include "converc-error.h"
#include "converc-signature.h"
#include "converc-validate.h"

#define READ_CHUNK (16 * 1024)

typedef struct
{
  SoupSession             *session;
  SoupMessage             *message;
  GInputStream            *stream;
  ConvercDeliveryExchange *exchange;
  GByteArray              *kept;
  GCancellable            *internal;
  GCancellable            *external;
  gulong                   external_handler;
  GSource                 *deadline;
  gint64                   started_mono;
  guint                    timeout_ms;
  gboolean                 timed_out;
} Delivery;

static void
delivery_free (Delivery *delivery)
{
  if (delivery->external != NULL && delivery->external_handler != 0)
    g_cancellable_disconnect (delivery->external, delivery->external_handler);
  if (delivery->deadline != NULL)
    {
      g_source_destroy (delivery->deadline);
      g_source_unref (delivery->deadline);
    }
  g_clear_object (&delivery->session);
  g_clear_object (&delivery->message);
  g_clear_object (&delivery->stream);
  g_clear_object (&delivery->exchange);
  g_clear_pointer (&delivery->kept, g_byte_array_unref);
  g_clear_object (&delivery->internal);
  g_clear_object (&delivery->external);
  g_free (delivery);
}

static GStrv
headers_to_strv (SoupMessageHeaders *headers,
                 const char         *host)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  SoupMessageHeadersIter iter;
  const char *name, *value;

  if (host != NULL && soup_message_headers_get_one (headers, "Host") == NULL)
    {
      g_strv_builder_add (builder, "Host");
      g_strv_builder_add (builder, host);
    }

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_strv_builder_add (builder, name);
      g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

static char *
host_header (GUri *uri)
{
  int port = g_uri_get_port (uri);
  const char *scheme = g_uri_get_scheme (uri);
  gboolean default_port = port == -1 ||
                          (port == 443 && g_ascii_strcasecmp (scheme, "https") == 0) ||
                          (port == 80 && g_ascii_strcasecmp (scheme, "http") == 0);
  const char *host = g_uri_get_host (uri);
  gboolean ipv6 = strchr (host, ':') != NULL;

  if (default_port)
    return g_strdup_printf (ipv6 ? "[%s]" : "%s", host);

  return g_strdup_printf (ipv6 ? "[%s]:%d" : "%s:%d", host, port);
}

static const char *
http_version_text (SoupHTTPVersion version)
{
  switch (version)
    {
    case SOUP_HTTP_1_0:
      return "HTTP/1.0";
    case SOUP_HTTP_2_0:
      return "HTTP/2";
    case SOUP_HTTP_1_1:
    default:
      return "HTTP/1.1";
    }
}

/* Why no (whole) answer came, as a sentence a person can act on. */
static GError *
describe_failure (Delivery     *delivery,
                  const GError *error)
{
  g_autofree char *url = converc_dup_url_for_message (delivery->exchange->url);
  gboolean reading = delivery->stream != NULL;

  if (delivery->timed_out)
    {
      guint seconds = (delivery->timeout_ms + 999) / 1000;

      if (reading)
        return g_error_new (CONVERC_ERROR, CONVERC_ERROR_TIMEOUT,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Timed out: the receiver at %s began to answer but did "
                                         "not finish within %u second.",
                                         "Timed out: the receiver at %s began to answer but did "
                                         "not finish within %u seconds.", seconds),
                            url, seconds);
      return g_error_new (CONVERC_ERROR, CONVERC_ERROR_TIMEOUT,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Timed out: the receiver at %s did not answer within "
                                       "%u second.",
                                       "Timed out: the receiver at %s did not answer within "
                                       "%u seconds.", seconds),
                          url, seconds);
    }

  if (error->domain == G_TLS_ERROR)
    return g_error_new (CONVERC_ERROR, CONVERC_ERROR_TLS,
                        _("Certificate problem: the receiver at %s presented a certificate "
                          "this computer does not trust (%s). Self-signed, expired or "
                          "wrong-host certificates are refused."),
                        url, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (CONVERC_ERROR, CONVERC_ERROR_NETWORK,
                        _("The receiver’s host in %s could not be found (%s)."),
                        url, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (CONVERC_ERROR, CONVERC_ERROR_NETWORK,
                        _("Connection refused: nothing is listening at %s."), url);

  if (reading)
    return g_error_new (CONVERC_ERROR, CONVERC_ERROR_NETWORK,
                        _("Connection reset: the receiver at %s broke off in the middle of "
                          "its answer (%s)."),
                        url, error->message);

  return g_error_new (CONVERC_ERROR, CONVERC_ERROR_NETWORK,
                      _("Connection reset: the receiver at %s closed the connection without "
                        "answering (%s)."),
                      url, error->message);
}

static void
complete (GTask        *task,
          const GError *error)
{
  Delivery *delivery = g_task_get_task_data (task);
  ConvercDeliveryExchange *exchange = delivery->exchange;

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !delivery->timed_out)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  exchange->duration = g_get_monotonic_time () - delivery->started_mono;

  if (error != NULL)
    exchange->error = describe_failure (delivery, error);

  if (delivery->kept != NULL)
    {
      g_bytes_unref (exchange->body);
      exchange->body = g_byte_array_free_to_bytes (g_steal_pointer (&delivery->kept));
    }

  g_task_return_pointer (task, g_object_ref (exchange), g_object_unref);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Delivery *delivery = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  const guint8 *data;
  gsize len = 0;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      complete (task, error);
      return;
    }

  data = g_bytes_get_data (chunk, &len);
  if (len == 0)
    {
      complete (task, NULL);
      return;
    }

  /* Keep the first bytes; count the rest without keeping them. */
  delivery->exchange->body_size += len;
  if (delivery->kept->len < CONVERC_DELIVERY_MAX_KEPT_BODY)
    g_byte_array_append (delivery->kept, data,
                         MIN (len, CONVERC_DELIVERY_MAX_KEPT_BODY - delivery->kept->len));
  if (delivery->exchange->body_size > delivery->kept->len)
    delivery->exchange->truncated = TRUE;

  g_input_stream_read_bytes_async (delivery->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   delivery->internal, read_cb, g_steal_pointer (&task));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Delivery *delivery = g_task_get_task_data (task);
  ConvercDeliveryExchange *exchange = delivery->exchange;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;

  delivery->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  /* What went out, as libsoup finally wrote it (Accept-Encoding etc.). */
  g_clear_pointer (&exchange->request_headers, g_strfreev);
  {
    g_autofree char *host = host_header (soup_message_get_uri (delivery->message));

    exchange->request_headers =
      headers_to_strv (soup_message_get_request_headers (delivery->message), host);
  }

  if (delivery->stream == NULL)
    {
      complete (task, error);
      return;
    }

  headers = soup_message_get_response_headers (delivery->message);
  exchange->status = soup_message_get_status (delivery->message);
  exchange->reason = g_strdup (soup_message_get_reason_phrase (delivery->message));
  exchange->http_version = g_strdup (http_version_text (soup_message_get_http_version (delivery->message)));
  g_strfreev (exchange->response_headers);
  exchange->response_headers = headers_to_strv (headers, NULL);
  content_type = soup_message_headers_get_one (headers, "Content-Type");
  exchange->content_type = g_strdup (content_type);

  delivery->kept = g_byte_array_sized_new (4096);
  g_input_stream_read_bytes_async (delivery->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   delivery->internal, read_cb, g_steal_pointer (&task));
}

static gboolean
deadline_cb (gpointer user_data)
{
  Delivery *delivery = user_data;

  delivery->timed_out = TRUE;
  g_cancellable_cancel (delivery->internal);

  return G_SOURCE_REMOVE;
}

static void
external_cancelled_cb (GCancellable *external,
                       GCancellable *internal)
{
  g_cancellable_cancel (internal);
}

GBytes *
converc_delivery_build_test_event (gint64   created_unix,
                                   char   **event_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) id = g_string_new ("evt_");
  g_autofree char *call_id = g_uuid_string_random ();
  g_autofree char *session_id = g_uuid_string_random ();
  static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  const struct { const char *name; gint64 offset; } times[] = {
    { "requestedAt", -245 }, { "acceptedAt", -230 }, { "endedAt", -2 },
  };
  char *text;
  gsize len;

  for (guint i = 0; i < 26; i++)
    g_string_append_c (id, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);


  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id->str);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "webhook.test");
  {
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (created_unix);
    g_autofree char *iso = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");

    json_builder_set_member_name (builder, "createdAt");
    json_builder_add_string_value (builder, iso);
  }
  json_builder_set_member_name (builder, "organizationId");
  json_builder_add_string_value (builder, "org_local_test");
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "call");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, call_id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "completed");
  json_builder_set_member_name (builder, "mediaType");
  json_builder_add_string_value (builder, "video");
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (created_unix + times[i].offset);
      g_autofree char *iso = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");

      json_builder_set_member_name (builder, times[i].name);
      json_builder_add_string_value (builder, iso);
    }
  json_builder_set_member_name (builder, "acceptedBy");
  json_builder_add_string_value (builder, "Test Representative");
  json_builder_set_member_name (builder, "sessionId");
  json_builder_add_string_value (builder, session_id);
  json_builder_set_member_name (builder, "siteId");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "visitorFingerprint");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "qualificationFlowId");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "contact");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identityId");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "fingerprint");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, "test.contact@example.com");
  json_builder_set_member_name (builder, "phone");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Test Contact");
  json_builder_set_member_name (builder, "lastSeenAt");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "location");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "qualificationAnswers");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "transcript");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "recording");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "available");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "videoUrl");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "audioUrl");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "expiresInSeconds");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);

  if (event_id != NULL)
    *event_id = g_strdup (id->str);

  return g_bytes_new_take (text, len);
}

void
converc_delivery_send_async (SoupSession         *session,
                             const char          *url,
                             const char          *secret,
                             GBytes              *event,
                             const char          *event_type,
                             const char          *event_id,
                             gint64               timestamp,
                             guint                timeout_ms,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *user_agent = NULL;
  SoupMessageHeaders *headers;
  ConvercDeliveryExchange *exchange;
  Delivery *delivery;
  const guint8 *data;
  gsize len = 0;

  g_return_if_fail (session == NULL || SOUP_IS_SESSION (session));
  g_return_if_fail (event != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_delivery_send_async);

  if (!converc_validate_endpoint_url (url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (secret == NULL || secret[0] == '\0')
    {
      g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                               _("No signing secret: a delivery cannot be signed without the "
                                 "endpoint’s secret."));
      return;
    }

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                               _("The address is not valid: %s"), error->message);
      return;
    }

  if (timestamp <= 0)
    timestamp = g_get_real_time () / G_USEC_PER_SEC;
  if (timeout_ms == 0)
    timeout_ms = CONVERC_DELIVERY_DEFAULT_TIMEOUT_MS;

  delivery = g_new0 (Delivery, 1);
  g_task_set_task_data (task, delivery, (GDestroyNotify)delivery_free);

  user_agent = g_strdup_printf ("converc-webhooks/%s (sent from this computer)", PACKAGE_VERSION);
  if (session != NULL)
    delivery->session = g_object_ref (session);
  else
    delivery->session = soup_session_new_with_options ("user-agent", user_agent,
                                                       "timeout", 0,
                                                       NULL);

  exchange = delivery->exchange = _converc_delivery_exchange_new (CONVERC_DELIVERY_ORIGIN_LOCAL);
  exchange->url = g_strdup (url);
  exchange->event_type = g_strdup (event_type);
  exchange->event_id = g_strdup (event_id);
  exchange->timestamp = timestamp;
  exchange->started_at = g_get_real_time ();
  delivery->started_mono = g_get_monotonic_time ();
  delivery->timeout_ms = timeout_ms;

  data = g_bytes_get_data (event, &len);
  signature = converc_signature_header (secret, timestamp, data, len);

  delivery->message = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  soup_message_set_flags (delivery->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (delivery->message);
  soup_message_headers_replace (headers, "User-Agent", user_agent);
  soup_message_headers_replace (headers, "X-IC-Signature", signature);
  soup_message_headers_replace (headers, "X-IC-Event", event_type ? event_type : "");
  soup_message_headers_replace (headers, "X-IC-Id", event_id ? event_id : "");
  soup_message_set_request_body_from_bytes (delivery->message, "application/json", event);

  delivery->internal = g_cancellable_new ();
  if (cancellable != NULL)
    {
      delivery->external = g_object_ref (cancellable);
      delivery->external_handler = g_cancellable_connect (cancellable,
                                                          G_CALLBACK (external_cancelled_cb),
                                                          g_object_ref (delivery->internal),
                                                          g_object_unref);
    }

  delivery->deadline = g_timeout_source_new (timeout_ms);
  g_source_set_callback (delivery->deadline, deadline_cb, delivery, NULL);
  g_source_set_static_name (delivery->deadline, "[converc] delivery deadline");
  g_source_attach (delivery->deadline, g_main_context_get_thread_default ());

  soup_session_send_async (delivery->session, delivery->message, G_PRIORITY_DEFAULT,
                           delivery->internal, send_cb, g_steal_pointer (&task));
}

ConvercDeliveryExchange *
converc_delivery_send_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == converc_delivery_send_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
