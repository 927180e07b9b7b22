/* converc-client-private.h
 *
 * What the client's files share: the client's fields and the one request
 * function every operation goes through.
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

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "converc-client.h"

G_BEGIN_DECLS

struct _ConvercClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *api_key;
  gsize        max_body_size;
  gint64       retry_after;
  guint        timeout;
  /* The most events a request asks for (0: no limit known), see
   * converc-client-display.c */
  guint        display_limit;
};

/* Parses a 2xx body in a worker thread; returns the result or NULL with
 * @error set. */
typedef gpointer (*ConvercParseFunc) (GBytes  *body,
                                      GError **error);

/* Starts METHOD base_url + path, with an optional JSON body; on 2xx the
 * body goes to @parse in a worker thread, and its result is the task's. */
void     converc_client_request_async  (ConvercClient       *self,
                                        const char          *method,
                                        const char          *path,
                                        JsonNode            *json_body,
                                        ConvercParseFunc     parse,
                                        GDestroyNotify       result_free,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gpointer converc_client_request_finish (ConvercClient       *self,
                                        GAsyncResult        *result,
                                        gpointer             source_tag,
                                        GError             **error);

/* Reads the body of a 2xx answer as it arrives rather than whole at its
 * end (the events of a deep fetch). */
typedef struct
{
  /* The next bytes of the body. */
  void (*push)   (gpointer  reader,
                  GTask    *task,
                  GBytes   *chunk);
  /* The body is complete: the reader returns @task's result, now or
   * later, with converc_client_request_return_result() or _error(). */
  void (*finish) (gpointer  reader,
                  GTask    *task);
} ConvercBodyReaderFuncs;

void     converc_client_request_streamed_async (ConvercClient                *self,
                                                const char                   *path,
                                                const ConvercBodyReaderFuncs *funcs,
                                                gpointer                      reader,
                                                GDestroyNotify                reader_free,
                                                gpointer                      source_tag,
                                                GCancellable                 *cancellable,
                                                GAsyncReadyCallback           callback,
                                                gpointer                      user_data);
/* TRUE once @task of a request has its result (or error), or its caller
 * cancelled it. */
gboolean converc_client_request_is_done        (GTask                        *task);
void     converc_client_request_return_result  (GTask                        *task,
                                                gpointer                      result,
                                                GDestroyNotify                result_free);
/* Returns @error (taken) on @task, the API key blotted out of it. */
void     converc_client_request_return_error   (GTask                        *task,
                                                GError                       *error);

/* The paths and bodies of the requests (also for converc-curl.c) */
#define CONVERC_CLIENT_WEBHOOKS_PATH "/integrations/webhooks"
#define CONVERC_CLIENT_TEST_PATH     "/integrations/webhooks/test"
JsonNode *converc_client_new_create_body  (const char         *url,
                                           const char * const *events);
JsonNode *converc_client_new_test_body    (const char         *webhook_id);
char     *converc_client_dup_webhook_path (const char         *webhook_id);
char     *converc_client_dup_events_path  (const char         *event_type,
                                           guint               display);

/* converc-client-display.c: an events request, asked again for fewer when
 * the server refuses to send as many at once. @start sends one request for
 * @path (with @asked in it), tagged @source_tag, to @callback. */
typedef struct _ConvercEventsAsk ConvercEventsAsk;
typedef void (*ConvercEventsAskStart) (ConvercClient       *self,
                                       ConvercEventsAsk    *ask,
                                       const char          *path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
struct _ConvercEventsAsk
{
  char                  *event_type;
  guint                  wanted;
  guint                  asked;
  gpointer               source_tag;
  GDestroyNotify         result_free;
  ConvercEventsAskStart  start;
  /* A streamed request's (converc-client-stream.c) */
  ConvercEventsFunc      events_func;
  gpointer               events_data;
};

ConvercEventsAsk *converc_client_events_ask_new (const char            *event_type,
                                                 guint                  display,
                                                 gpointer               source_tag,
                                                 GDestroyNotify         result_free,
                                                 ConvercEventsAskStart  start);
void      converc_client_events_ask        (ConvercClient       *self,
                                            ConvercEventsAsk    *ask,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);

G_END_DECLS
