/* converc-delivery-exchange.c
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

/* The one concern of this file: ConvercDeliveryExchange, what one delivery
 * sent and got back, how its body reads, and its JSON form for storage. */

#define G_LOG_DOMAIN "converc-delivery"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "converc-delivery-private.h"
#include "converc-error.h"
#include "converc-parse.h"

#define JSON_FORMAT_VERSION 1

G_DEFINE_FINAL_TYPE (ConvercDeliveryExchange, converc_delivery_exchange, G_TYPE_OBJECT)

static const char *
header_lookup (const char * const *headers,
               const char         *name)
{
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    if (g_ascii_strcasecmp (headers[i], name) == 0)
      return headers[i + 1];

  return NULL;
}

/* Text is valid UTF-8 (a character cut by truncation at the very end
 * allowed) without control characters other than tab, CR, LF, FF. */
static gboolean
is_text (const guint8 *data,
         gsize         len,
         gboolean      truncated)
{
  const char *end = NULL;
  gsize valid = len;

  if (!g_utf8_validate_len ((const char *)data, len, &end))
    {
      valid = end - (const char *)data;
      if (!truncated || len - valid >= 4 ||
          g_utf8_get_char_validated (end, len - valid) != (gunichar)-2)
        return FALSE;
    }

  for (gsize i = 0; i < valid; i++)
    {
      guint8 c = data[i];

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
        return FALSE;
    }

  return TRUE;
}

static char *
format_duration (gint64 usec)
{
  if (usec < 1000 * 1000)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_("%d ms"), (int)(usec / 1000));

  /* Translators: a duration in seconds */
  return g_strdup_printf (_("%.1f s"), usec / 1e6);
}

static void
converc_delivery_exchange_finalize (GObject *object)
{
  ConvercDeliveryExchange *self = (ConvercDeliveryExchange *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->http_version, g_free);
  g_clear_pointer (&self->request_headers, g_strfreev);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->response_headers, g_strfreev);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (converc_delivery_exchange_parent_class)->finalize (object);
}

static void
converc_delivery_exchange_class_init (ConvercDeliveryExchangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = converc_delivery_exchange_finalize;
}

static void
converc_delivery_exchange_init (ConvercDeliveryExchange *self)
{
  self->method = g_strdup ("POST");
  self->body = g_bytes_new (NULL, 0);
  self->request_headers = g_new0 (char *, 1);
  self->response_headers = g_new0 (char *, 1);
}

ConvercDeliveryExchange *
_converc_delivery_exchange_new (ConvercDeliveryOrigin origin)
{
  ConvercDeliveryExchange *self = g_object_new (CONVERC_TYPE_DELIVERY_EXCHANGE, NULL);

  self->origin = origin;

  return self;
}

ConvercDeliveryOrigin
converc_delivery_exchange_get_origin (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), CONVERC_DELIVERY_ORIGIN_LOCAL);
  return self->origin;
}

const char *
converc_delivery_exchange_get_url (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return self->url;
}

const char *
converc_delivery_exchange_get_method (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return self->method;
}

const char *
converc_delivery_exchange_get_http_version (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return self->http_version;
}

const char * const *
converc_delivery_exchange_get_request_headers (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return (const char * const *)self->request_headers;
}

const char *
converc_delivery_exchange_get_event_type (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return self->event_type;
}

const char *
converc_delivery_exchange_get_event_id (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return self->event_id;
}

gint64
converc_delivery_exchange_get_timestamp (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), 0);
  return self->timestamp;
}

gint64
converc_delivery_exchange_get_started_at (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), 0);
  return self->started_at;
}

gint64
converc_delivery_exchange_get_duration (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), 0);
  return self->duration;
}

guint
converc_delivery_exchange_get_status (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), 0);
  return self->status;
}

const char *
converc_delivery_exchange_get_reason (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return self->reason;
}

const char * const *
converc_delivery_exchange_get_response_headers (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return (const char * const *)self->response_headers;
}

const char *
converc_delivery_exchange_get_response_header (ConvercDeliveryExchange *self,
                                               const char              *name)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return header_lookup ((const char * const *)self->response_headers, name);
}

GBytes *
converc_delivery_exchange_get_body (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return self->body;
}

guint64
converc_delivery_exchange_get_body_size (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), 0);
  return self->body_size;
}

gboolean
converc_delivery_exchange_get_body_truncated (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), FALSE);
  return self->truncated;
}

const char *
converc_delivery_exchange_get_content_type (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return self->content_type;
}

const GError *
converc_delivery_exchange_get_error (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);
  return self->error;
}

gboolean
converc_delivery_exchange_is_success (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), FALSE);
  return self->error == NULL && self->status >= 200 && self->status <= 299;
}

char *
converc_delivery_exchange_dup_request_line (ConvercDeliveryExchange *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);

  if (self->url != NULL)
    uri = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, NULL);

  if (uri != NULL)
    {
      const char *path = g_uri_get_path (uri);
      const char *query = g_uri_get_query (uri);

      target = g_strconcat (path[0] != '\0' ? path : "/", query ? "?" : "", query ? query : "",
                            NULL);
    }
  else
    target = g_strdup (self->url ? self->url : "/");

  return g_strdup_printf ("%s %s %s", self->method, target,
                          self->http_version ? self->http_version : "HTTP/1.1");
}

char *
converc_delivery_exchange_dup_status_line (ConvercDeliveryExchange *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);

  if (self->status == 0)
    return NULL;

  return g_strdup_printf ("%s %u%s%s", self->http_version ? self->http_version : "HTTP/1.1",
                          self->status, self->reason && self->reason[0] ? " " : "",
                          self->reason ? self->reason : "");
}

char *
converc_delivery_exchange_dup_body_text (ConvercDeliveryExchange *self,
                                         ConvercDeliveryBodyKind *kind)
{
  ConvercDeliveryBodyKind k;
  const guint8 *data;
  gsize len = 0;
  char *text;

  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);

  data = g_bytes_get_data (self->body, &len);

  if (len == 0)
    {
      k = CONVERC_DELIVERY_BODY_EMPTY;
      text = g_strdup ("");
    }
  else if (!is_text (data, len, self->truncated))
    {
      g_autofree char *size = g_format_size (self->body_size);

      k = CONVERC_DELIVERY_BODY_BINARY;
      if (self->body_size < 1000)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "binary, %lu byte",
                                             "binary, %lu bytes", (gulong)self->body_size),
                                (gulong)self->body_size);
      else
        /* Translators: %s is a size such as "1.2 MB", %lu the exact bytes */
        text = g_strdup_printf (_("binary, %s (%lu bytes)"), size, (gulong)self->body_size);
    }
  else
    {
      g_autoptr(JsonNode) root = NULL;

      k = CONVERC_DELIVERY_BODY_TEXT;
      text = NULL;

      /* The bounded parser: a hostile receiver may nest without end. */
      if (!self->truncated &&
          (root = converc_parse_json ((const char *)data, len, NULL)) != NULL &&
          (JSON_NODE_HOLDS_OBJECT (root) || JSON_NODE_HOLDS_ARRAY (root)))
        {
          k = CONVERC_DELIVERY_BODY_JSON;
          text = json_to_string (root, TRUE);
        }

      if (text == NULL)
        {
          const char *end = NULL;

          g_utf8_validate_len ((const char *)data, len, &end);
          text = g_strndup ((const char *)data, end - (const char *)data);
        }
    }

  if (kind != NULL)
    *kind = k;

  return text;
}

char *
converc_delivery_exchange_dup_summary (ConvercDeliveryExchange *self)
{
  g_autofree char *took = NULL;

  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);

  if (self->error != NULL && self->status == 0)
    return g_strdup (self->error->message);

  if (self->status == 0)
    return g_strdup (_("No answer"));

  took = format_duration (self->duration);
  if (self->origin == CONVERC_DELIVERY_ORIGIN_CONVERC || self->duration <= 0)
    return g_strdup_printf ("HTTP %u%s%s", self->status,
                            self->reason && self->reason[0] ? " " : "",
                            self->reason ? self->reason : "");

  /* Translators: "HTTP 200 OK · 35 ms" */
  return g_strdup_printf (_("HTTP %u%s%s · %s"), self->status,
                          self->reason && self->reason[0] ? " " : "",
                          self->reason ? self->reason : "", took);
}

const char *
converc_delivery_origin_describe (ConvercDeliveryOrigin origin)
{
  if (origin == CONVERC_DELIVERY_ORIGIN_CONVERC)
    return _("Sent by Converc (its own test event).");

  return _("Sent from this computer, not by Converc: it shows what the receiver answers "
           "this computer, which may differ from what it answers Converc.");
}

ConvercDeliveryExchange *
converc_delivery_exchange_new_converc_test (const char *url,
                                            guint       status,
                                            const char *error_text,
                                            gint64      started_at)
{
  ConvercDeliveryExchange *self = _converc_delivery_exchange_new (CONVERC_DELIVERY_ORIGIN_CONVERC);

  self->url = g_strdup (url);
  self->status = status;
  self->reason = status > 0 ? g_strdup (soup_status_get_phrase (status)) : NULL;
  self->started_at = started_at;
  self->event_type = g_strdup ("webhook.test");
  if (error_text != NULL)
    self->error = g_error_new_literal (CONVERC_ERROR, CONVERC_ERROR_FAILED, error_text);

  return self;
}

/* JSON ------------------------------------------------------------------- */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_headers (JsonBuilder        *builder,
             const char         *name,
             const char * const *headers)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    {
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, headers[i]);
      json_builder_add_string_value (builder, headers[i + 1]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
converc_delivery_exchange_to_json (ConvercDeliveryExchange *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *body = NULL;
  const guint8 *data;
  gsize len = 0;

  g_return_val_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (self), NULL);

  data = g_bytes_get_data (self->body, &len);
  body = g_base64_encode (data, len);

  json_builder_begin_object (builder);
  add_int (builder, "version", JSON_FORMAT_VERSION);
  add_string (builder, "origin",
              self->origin == CONVERC_DELIVERY_ORIGIN_CONVERC ? "converc" : "local");
  add_string (builder, "url", self->url);
  add_string (builder, "method", self->method);
  add_string (builder, "httpVersion", self->http_version);
  add_headers (builder, "requestHeaders", (const char * const *)self->request_headers);
  add_string (builder, "eventType", self->event_type);
  add_string (builder, "eventId", self->event_id);
  add_int (builder, "timestamp", self->timestamp);
  add_int (builder, "startedAt", self->started_at);
  add_int (builder, "duration", self->duration);
  add_int (builder, "status", self->status);
  add_string (builder, "reason", self->reason);
  add_headers (builder, "responseHeaders", (const char * const *)self->response_headers);
  add_string (builder, "body", body);
  add_int (builder, "bodySize", (gint64)self->body_size);
  json_builder_set_member_name (builder, "truncated");
  json_builder_add_boolean_value (builder, self->truncated);
  add_string (builder, "contentType", self->content_type);
  json_builder_set_member_name (builder, "error");
  if (self->error != NULL)
    {
      json_builder_begin_object (builder);
      add_int (builder, "code", self->error->code);
      add_string (builder, "message", self->error->message);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_dup_string (node);
}

static gint64
get_int_member (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;

  return json_node_get_int (node);
}

static GStrv
dup_headers (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *pair = json_array_get_element (array, i);
          JsonArray *p;

          if (!JSON_NODE_HOLDS_ARRAY (pair))
            continue;
          p = json_node_get_array (pair);
          if (json_array_get_length (p) != 2 ||
              json_node_get_value_type (json_array_get_element (p, 0)) != G_TYPE_STRING ||
              json_node_get_value_type (json_array_get_element (p, 1)) != G_TYPE_STRING)
            continue;
          g_strv_builder_add (builder, json_array_get_string_element (p, 0));
          g_strv_builder_add (builder, json_array_get_string_element (p, 1));
        }
    }

  return g_strv_builder_end (builder);
}

ConvercDeliveryExchange *
converc_delivery_exchange_from_json (JsonNode  *node,
                                     GError   **error)
{
  g_autoptr(ConvercDeliveryExchange) self = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *body = NULL;
  JsonObject *object;
  JsonNode *error_node;
  gint64 status;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
                   _("A stored delivery is not a JSON object."));
      return NULL;
    }

  object = json_node_get_object (node);
  if (get_int_member (object, "version") != JSON_FORMAT_VERSION)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
                   _("A stored delivery has an unknown format version."));
      return NULL;
    }

  origin = dup_string_member (object, "origin");
  self = _converc_delivery_exchange_new (g_strcmp0 (origin, "converc") == 0
                                         ? CONVERC_DELIVERY_ORIGIN_CONVERC
                                         : CONVERC_DELIVERY_ORIGIN_LOCAL);
  self->url = dup_string_member (object, "url");
  g_free (self->method);
  self->method = dup_string_member (object, "method");
  if (self->method == NULL)
    self->method = g_strdup ("POST");
  self->http_version = dup_string_member (object, "httpVersion");
  g_strfreev (self->request_headers);
  self->request_headers = dup_headers (object, "requestHeaders");
  self->event_type = dup_string_member (object, "eventType");
  self->event_id = dup_string_member (object, "eventId");
  self->timestamp = get_int_member (object, "timestamp");
  self->started_at = get_int_member (object, "startedAt");
  self->duration = get_int_member (object, "duration");
  status = get_int_member (object, "status");
  self->status = status >= 0 && status <= 999 ? (guint)status : 0;
  self->reason = dup_string_member (object, "reason");
  g_strfreev (self->response_headers);
  self->response_headers = dup_headers (object, "responseHeaders");
  self->content_type = dup_string_member (object, "contentType");
  self->truncated = json_object_get_boolean_member_with_default (object, "truncated", FALSE);

  body = dup_string_member (object, "body");
  if (body != NULL && body[0] != '\0')
    {
      gsize len = 0;
      guchar *data = g_base64_decode (body, &len);

      g_bytes_unref (self->body);
      self->body = g_bytes_new_take (data, MIN (len, (gsize)CONVERC_DELIVERY_MAX_KEPT_BODY));
    }
  self->body_size = MAX ((guint64)MAX (get_int_member (object, "bodySize"), 0),
                         g_bytes_get_size (self->body));

  error_node = json_object_get_member (object, "error");
  if (error_node != NULL && JSON_NODE_HOLDS_OBJECT (error_node))
    {
      JsonObject *e = json_node_get_object (error_node);
      g_autofree char *message = dup_string_member (e, "message");
      gint64 code = get_int_member (e, "code");

      self->error = g_error_new_literal (CONVERC_ERROR,
                                         code >= 0 && code <= CONVERC_ERROR_NO_API_KEY
                                         ? (int)code : CONVERC_ERROR_FAILED,
                                         message ? message : _("The delivery failed."));
    }

  return g_steal_pointer (&self);
}
