/* converc-client.h
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

#pragma once

#include <gio/gio.h>

#include "converc-event.h"
#include "converc-parse.h"
#include "converc-validate.h"
#include "converc-webhook.h"

G_BEGIN_DECLS

#define CONVERC_DEFAULT_BASE_URL     "https://api.converc.com"
#define CONVERC_DEFAULT_TIMEOUT      30       /* seconds */
/* The largest answer read: event lists may be large (10,000 events are about
 * 24 MB); every other answer is small, and is parsed as one tree. */
#define CONVERC_MAX_BODY_SIZE        (128 * 1024 * 1024)
#define CONVERC_MAX_SMALL_BODY_SIZE  (16 * 1024 * 1024)

#define CONVERC_TYPE_CLIENT (converc_client_get_type())

G_DECLARE_FINAL_TYPE (ConvercClient, converc_client, CONVERC, CLIENT, GObject)

/* Properties: "base-url" (string), "api-key" (string, write-only: never
 * read back or logged), "timeout" (uint seconds, for a whole exchange).
 * converc_client_set_max_body_size() bounds event lists; other answers are
 * bounded by the smaller of it and CONVERC_MAX_SMALL_BODY_SIZE. */
ConvercClient     *converc_client_new                 (const char           *base_url,
                                                       const char           *api_key);
const char        *converc_client_get_base_url        (ConvercClient        *self);
void               converc_client_set_base_url        (ConvercClient        *self,
                                                       const char           *base_url);
void               converc_client_set_api_key         (ConvercClient        *self,
                                                       const char           *api_key);
gboolean           converc_client_has_api_key         (ConvercClient        *self);
void               converc_client_set_timeout         (ConvercClient        *self,
                                                       guint                 seconds);
void               converc_client_set_max_body_size   (ConvercClient        *self,
                                                       gsize                 max_body_size);
/* Seconds asked by the last 429's Retry-After, or -1 when none. */
gint64             converc_client_get_retry_after     (ConvercClient        *self);
guint              converc_client_get_display_limit   (ConvercClient        *self);

void               converc_client_list_webhooks_async (ConvercClient        *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
/* Returns a GPtrArray of ConvercWebhook */
GPtrArray         *converc_client_list_webhooks_finish(ConvercClient        *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* @events: NULL or empty for every event type */
void               converc_client_create_webhook_async(ConvercClient        *self,
                                                       const char           *url,
                                                       const char * const   *events,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
ConvercWebhook    *converc_client_create_webhook_finish (ConvercClient      *self,
                                                       GAsyncResult         *result,
                                                       char                **secret,
                                                       GError              **error);
void               converc_client_disable_webhook_async (ConvercClient      *self,
                                                       const char           *webhook_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean           converc_client_disable_webhook_finish (ConvercClient     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void               converc_client_test_webhook_async  (ConvercClient        *self,
                                                       const char           *webhook_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
ConvercTestResult *converc_client_test_webhook_finish (ConvercClient        *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* @event_type: NULL for all; @display: 0 to let the server choose. A
 * server that refuses @display as invalid (HTTP 400, 422…) is asked again
 * for fewer (1000, 500, 100, 50), and the client asks no more than it
 * answered from then on (converc_client_get_display_limit()). */
void               converc_client_list_events_async   (ConvercClient        *self,
                                                       const char           *event_type,
                                                       guint                 display,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
/* Returns a GPtrArray of ConvercEvent; parsing happens in a worker thread.
 * @n_skipped and @first_problem describe malformed elements (may be NULL). */
GPtrArray         *converc_client_list_events_finish  (ConvercClient        *self,
                                                       GAsyncResult         *result,
                                                       guint                *n_skipped,
                                                       char                **first_problem,
                                                       GError              **error);

/* Called with the events of an answer in the server's order, a part at a
 * time as they arrive (@events: ConvercEvent, owned by the caller of the
 * function: take a reference to keep it). */
typedef void (*ConvercEventsFunc) (GPtrArray *events,
                                   gpointer   user_data);

/* As converc_client_list_events_async(), but the events go to @events_func
 * as the answer arrives: the first few dozen as soon as their bytes are
 * in, then parts twice as large each time (each parsed in a worker
 * thread), all before @callback. An answer that is not a bare array is
 * read whole at its end. If the answer turns out broken after some parts
 * were given, @callback gets the error; those parts were read correctly. */
void               converc_client_stream_events_async (ConvercClient        *self,
                                                       const char           *event_type,
                                                       guint                 display,
                                                       ConvercEventsFunc     events_func,
                                                       gpointer              events_data,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
/* @n_events: (out) (optional): how many were given to the function. */
gboolean           converc_client_stream_events_finish (ConvercClient       *self,
                                                        GAsyncResult        *result,
                                                        guint               *n_events,
                                                        guint               *n_skipped,
                                                        char               **first_problem,
                                                        GError             **error);

G_END_DECLS
