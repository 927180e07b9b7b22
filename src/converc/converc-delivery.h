/* converc-delivery.h
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

/* The one concern of this file: a signed delivery sent from this computer
 * and the exchange it came to. */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CONVERC_DELIVERY_DEFAULT_TIMEOUT_MS  15000
/* The most of a receiver's answer that is kept; the rest is counted. */
#define CONVERC_DELIVERY_MAX_KEPT_BODY       (64 * 1024)

typedef enum
{
  CONVERC_DELIVERY_ORIGIN_LOCAL,    /* sent by this computer */
  CONVERC_DELIVERY_ORIGIN_CONVERC,  /* Converc's own test (only status/error known) */
} ConvercDeliveryOrigin;

typedef enum
{
  CONVERC_DELIVERY_BODY_EMPTY,
  CONVERC_DELIVERY_BODY_JSON,    /* pretty-printed */
  CONVERC_DELIVERY_BODY_TEXT,
  CONVERC_DELIVERY_BODY_BINARY,  /* "binary, N bytes" */
} ConvercDeliveryBodyKind;

#define CONVERC_TYPE_DELIVERY_EXCHANGE (converc_delivery_exchange_get_type ())

G_DECLARE_FINAL_TYPE (ConvercDeliveryExchange, converc_delivery_exchange,
                      CONVERC, DELIVERY_EXCHANGE, GObject)

/* One delivery: what was sent (the signature header, never the secret) and
 * what came back, or the error when no answer came. Headers are flat
 * NULL-terminated arrays of name, value, name, value, … */
ConvercDeliveryOrigin    converc_delivery_exchange_get_origin           (ConvercDeliveryExchange  *self);
const char              *converc_delivery_exchange_get_url              (ConvercDeliveryExchange  *self);
const char              *converc_delivery_exchange_get_method           (ConvercDeliveryExchange  *self);
const char              *converc_delivery_exchange_get_http_version     (ConvercDeliveryExchange  *self);
const char * const      *converc_delivery_exchange_get_request_headers  (ConvercDeliveryExchange  *self);
const char              *converc_delivery_exchange_get_event_type       (ConvercDeliveryExchange  *self);
const char              *converc_delivery_exchange_get_event_id         (ConvercDeliveryExchange  *self);
/* The signature's t= (unix seconds) */
gint64                   converc_delivery_exchange_get_timestamp        (ConvercDeliveryExchange  *self);
/* Wall-clock time the send started (unix microseconds) */
gint64                   converc_delivery_exchange_get_started_at       (ConvercDeliveryExchange  *self);
/* Microseconds from the start to the end of the answer (or the error) */
gint64                   converc_delivery_exchange_get_duration         (ConvercDeliveryExchange  *self);
/* 0 when no answer came */
guint                    converc_delivery_exchange_get_status           (ConvercDeliveryExchange  *self);
const char              *converc_delivery_exchange_get_reason           (ConvercDeliveryExchange  *self);
const char * const      *converc_delivery_exchange_get_response_headers (ConvercDeliveryExchange  *self);
const char              *converc_delivery_exchange_get_response_header  (ConvercDeliveryExchange  *self,
                                                                         const char               *name);
/* The first CONVERC_DELIVERY_MAX_KEPT_BODY bytes; never NULL */
GBytes                  *converc_delivery_exchange_get_body             (ConvercDeliveryExchange  *self);
guint64                  converc_delivery_exchange_get_body_size        (ConvercDeliveryExchange  *self);
gboolean                 converc_delivery_exchange_get_body_truncated   (ConvercDeliveryExchange  *self);
const char              *converc_delivery_exchange_get_content_type     (ConvercDeliveryExchange  *self);
/* The reason no (whole) answer came, in CONVERC_ERROR; NULL when it came */
const GError            *converc_delivery_exchange_get_error            (ConvercDeliveryExchange  *self);
/* A 2xx answer read whole */
gboolean                 converc_delivery_exchange_is_success           (ConvercDeliveryExchange  *self);
/* "POST /hooks?x=1 HTTP/1.1" */
char                    *converc_delivery_exchange_dup_request_line     (ConvercDeliveryExchange  *self);
/* "HTTP/1.1 200 OK" or NULL without an answer */
char                    *converc_delivery_exchange_dup_status_line      (ConvercDeliveryExchange  *self);
/* The body for reading: JSON pretty-printed, text as text, else
 * "binary, N bytes"; @kind may be NULL. */
char                    *converc_delivery_exchange_dup_body_text        (ConvercDeliveryExchange  *self,
                                                                         ConvercDeliveryBodyKind  *kind);
/* "HTTP 200 OK · 35 ms" or the error's message */
char                    *converc_delivery_exchange_dup_summary          (ConvercDeliveryExchange  *self);
/* "Sent from this computer, not by Converc." or "Sent by Converc." */
const char              *converc_delivery_origin_describe               (ConvercDeliveryOrigin     origin);

/* A Converc test outcome (status or error text) in the same shape. */
ConvercDeliveryExchange *converc_delivery_exchange_new_converc_test     (const char               *url,
                                                                         guint                     status,
                                                                         const char               *error_text,
                                                                         gint64                    started_at);

JsonNode                *converc_delivery_exchange_to_json              (ConvercDeliveryExchange  *self);
ConvercDeliveryExchange *converc_delivery_exchange_from_json            (JsonNode                 *node,
                                                                         GError                  **error);

/* A webhook.test event as Converc sends it (a call.ended-shaped envelope),
 * with a fresh id (returned in @event_id) created at @created_unix. */
GBytes                  *converc_delivery_build_test_event              (gint64                    created_unix,
                                                                         char                    **event_id);

/* POSTs @event (exact bytes) to @url, signed with @secret at @timestamp
 * (0: now) as Converc signs. @session: NULL for a private one. Redirects
 * are not followed; @timeout_ms 0 means CONVERC_DELIVERY_DEFAULT_TIMEOUT_MS.
 * http:// off loopback and an empty secret are refused (CONVERC_ERROR_
 * INVALID_INPUT). A transport failure is no error of the call: the
 * exchange carries it. Fails only on bad input or cancellation. */
void                     converc_delivery_send_async                    (SoupSession              *session,
                                                                         const char               *url,
                                                                         const char               *secret,
                                                                         GBytes                   *event,
                                                                         const char               *event_type,
                                                                         const char               *event_id,
                                                                         gint64                    timestamp,
                                                                         guint                     timeout_ms,
                                                                         GCancellable             *cancellable,
                                                                         GAsyncReadyCallback       callback,
                                                                         gpointer                  user_data);
ConvercDeliveryExchange *converc_delivery_send_finish                   (GAsyncResult             *result,
                                                                         GError                  **error);

G_END_DECLS
