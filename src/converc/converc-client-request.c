/* converc-client-request.c
 *
 * One HTTP exchange of the client: the request, redirects, the deadline,
 * reading a bounded body, and mapping transport errors and HTTP statuses
 * into CONVERC_ERROR.
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

#define G_LOG_DOMAIN "converc-client"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "converc-client-private.h"
#include "converc-error.h"
#include "converc-parse.h"
#include "converc-validate.h"

#define MAX_REDIRECTS 5
#define READ_CHUNK    (64 * 1024)

typedef struct
{
  ConvercClient  *client;
  SoupMessage    *message;
  GInputStream   *stream;
  GByteArray     *buffer;
  GBytes         *request_body;
  char           *method;
  GCancellable   *internal;
  GCancellable   *external;
  gulong          external_handler;
  guint           deadline_id;
  guint           n_redirects;
  gsize           max_body_size;
  gboolean        timed_out;
  gboolean        done;
  gsize           n_read;
  ConvercParseFunc parse;
  GDestroyNotify  result_free;
  /* A body read as it arrives (else it is read whole at its end) */
  const ConvercBodyReaderFuncs *reader_funcs;
  gpointer        reader;
  GDestroyNotify  reader_free;
} Request;

static void
request_free (Request *request)
{
  if (request->external != NULL && request->external_handler != 0)
    g_cancellable_disconnect (request->external, request->external_handler);
  g_clear_handle_id (&request->deadline_id, g_source_remove);
  g_clear_object (&request->client);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_clear_pointer (&request->request_body, g_bytes_unref);
  g_clear_pointer (&request->method, g_free);
  g_clear_object (&request->internal);
  g_clear_object (&request->external);
  if (request->reader_free != NULL)
    g_clear_pointer (&request->reader, request->reader_free);
  g_free (request);
}

/* Error messages are built from server text, which could echo the key. */
static void
redact_error (ConvercClient *self,
              GError        *error)
{
  char *found;

  if (error == NULL || self->api_key == NULL || strlen (self->api_key) < 4)
    return;

  while ((found = strstr (error->message, self->api_key)) != NULL)
    {
      g_autofree char *before = g_strndup (error->message, found - error->message);
      char *message = g_strconcat (before, "[API key]", found + strlen (self->api_key), NULL);

      g_free (error->message);
      error->message = message;
    }
}

static void
return_error (GTask  *task,
              GError *error)
{
  Request *request = g_task_get_task_data (task);

  /* A cancel can be told by the reader of a body before the read it also
   * stopped comes back with it: the caller hears it once. */
  if (request->done)
    {
      g_error_free (error);
      return;
    }

  request->done = TRUE;
  redact_error (request->client, error);
  g_task_return_error (task, error);
}

void
converc_client_request_return_error (GTask  *task,
                                     GError *error)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (error != NULL);

  return_error (task, error);
}

void
converc_client_request_return_result (GTask          *task,
                                      gpointer        result,
                                      GDestroyNotify  result_free)
{
  Request *request;

  g_return_if_fail (G_IS_TASK (task));

  request = g_task_get_task_data (task);
  request->done = TRUE;
  g_task_return_pointer (task, result, result_free);
}

gboolean
converc_client_request_is_done (GTask *task)
{
  Request *request;

  g_return_val_if_fail (G_IS_TASK (task), TRUE);

  request = g_task_get_task_data (task);

  /* Cancelled: the caller may be gone before the error reaches it. */
  return request->done ||
         (request->external != NULL && g_cancellable_is_cancelled (request->external));
}

/* Stops reading an answer larger than the request accepts. */
static void
return_too_large (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autofree char *limit = g_format_size_full (request->max_body_size, G_FORMAT_SIZE_IEC_UNITS);

  g_cancellable_cancel (request->internal);
  return_error (task, g_error_new (CONVERC_ERROR, CONVERC_ERROR_TOO_LARGE,
                                   _("The server’s answer is larger than %s, the most this "
                                     "client accepts; it was not read."),
                                   limit));
}

static GError *
map_transport_error (Request      *request,
                     const GError *error)
{
  const char *base_url = request->client->base_url;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (request->timed_out)
        return g_error_new (CONVERC_ERROR, CONVERC_ERROR_TIMEOUT,
                            _("The server at %s did not answer within %u seconds. "
                              "Check your connection and try again."),
                            base_url, request->client->timeout);
      return g_error_copy (error);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (CONVERC_ERROR, CONVERC_ERROR_TIMEOUT,
                        _("The server at %s did not answer in time. "
                          "Check your connection and try again."),
                        base_url);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (CONVERC_ERROR, CONVERC_ERROR_TLS,
                        _("The secure connection to %s could not be trusted (%s). "
                          "Check the API base URL; a proxy may be intercepting the connection."),
                        base_url, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (CONVERC_ERROR, CONVERC_ERROR_NETWORK,
                        _("The server %s could not be found (%s). "
                          "Check the API base URL and your internet connection."),
                        base_url, error->message);

  if (error->domain == CONVERC_ERROR)
    return g_error_copy (error);

  if (request->stream != NULL)
    return g_error_new (CONVERC_ERROR, CONVERC_ERROR_NETWORK,
                        _("The connection to %s broke off while reading the answer (%s). "
                          "Try again."),
                        base_url, error->message);

  return g_error_new (CONVERC_ERROR, CONVERC_ERROR_NETWORK,
                      _("Could not reach %s (%s). Check your internet connection and the API base URL."),
                      base_url, error->message);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  gpointer result;

  body = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
  result = request->parse (body, &error);

  if (result == NULL)
    return_error (task, error);
  else
    converc_client_request_return_result (task, result, request->result_free);
}

static void send_message (GTask *task);

/* A body read as it arrives can be megabytes of chunks, each ready at
 * once: it is read at the priority a GTK application draws at
 * (G_PRIORITY_HIGH_IDLE + 20, GDK_PRIORITY_REDRAW), so that reads and
 * frames take turns and what its first parts show is painted while the
 * rest is read. Not below it: frames slower than their interval would
 * then keep the rest from ever being read. */
static int
read_priority (Request *request)
{
  return request->reader_funcs != NULL ? G_PRIORITY_HIGH_IDLE + 20 : G_PRIORITY_DEFAULT;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_strcmp0 (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                             g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

static void
finish_response (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);

  g_clear_handle_id (&request->deadline_id, g_source_remove);

  if (status >= 200 && status <= 299 && request->reader_funcs != NULL)
    {
      request->reader_funcs->finish (request->reader, task);
      return;
    }

  if (status >= 200 && status <= 299)
    {
      /* The parse runs on a worker thread; the main loop never stalls. */
      g_task_run_in_thread (task, parse_in_thread);
      return;
    }

  {
    g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
    const char *retry_after = soup_message_headers_get_one (headers, "Retry-After");

    if (status == 429)
      request->client->retry_after = converc_parse_retry_after (retry_after, NULL);

    return_error (task, converc_error_new_for_http (status, retry_after, body));
  }
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      return_error (task, map_transport_error (request, error));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_response (task);
      return;
    }

  if (request->n_read + g_bytes_get_size (chunk) > request->max_body_size)
    {
      return_too_large (task);
      return;
    }
  request->n_read += g_bytes_get_size (chunk);

  if (request->reader_funcs != NULL && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (request->message)))
    {
      request->reader_funcs->push (request->reader, task, chunk);
      if (request->done)
        return;
    }
  else
    g_byte_array_append (request->buffer,
                         g_bytes_get_data (chunk, NULL),
                         g_bytes_get_size (chunk));

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, read_priority (request),
                                   request->internal, read_cb, g_steal_pointer (&task));
}

static gboolean
follow_redirect (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  GUri *current = soup_message_get_uri (request->message);
  g_autoptr(GUri) target = NULL;

  if (location == NULL)
    return FALSE;

  target = g_uri_parse_relative (current, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL)
    {
      return_error (task, g_error_new (CONVERC_ERROR, CONVERC_ERROR_HTTP,
                                       _("The server redirected to an address that cannot be read.")));
      return TRUE;
    }

  if (!same_origin (current, target))
    {
      g_autofree char *target_url = g_uri_to_string_partial (target, G_URI_HIDE_USERINFO);
      g_autofree char *shown = converc_dup_url_for_message (target_url);

      /* The API key must not follow a redirect to another host. */
      return_error (task, g_error_new (CONVERC_ERROR, CONVERC_ERROR_HTTP,
                                       _("The server redirected to another address (%s). "
                                         "It was not followed, so your API key is not sent there. "
                                         "If the API moved, change the API base URL."),
                                       shown));
      return TRUE;
    }

  if (++request->n_redirects > MAX_REDIRECTS)
    {
      return_error (task, g_error_new (CONVERC_ERROR, CONVERC_ERROR_HTTP,
                                       _("The server redirected more than %d times."),
                                       MAX_REDIRECTS));
      return TRUE;
    }

  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  request->message = soup_message_new_from_uri (request->method, target);
  send_message (g_object_ref (task));
  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset length;
  guint status;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      return_error (task, map_transport_error (request, error));
      return;
    }

  status = soup_message_get_status (request->message);
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != 304 && follow_redirect (task))
    return;

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (request->message));
  if (length > 0 && (guint64)length > request->max_body_size)
    {
      return_too_large (task);
      return;
    }

  /* A 2xx body read as it arrives goes to its reader, not here. */
  if (request->reader_funcs != NULL && SOUP_STATUS_IS_SUCCESSFUL (status))
    request->buffer = g_byte_array_new ();
  else
    request->buffer = g_byte_array_sized_new (length > 0 ? (guint)MIN (length, 16 * 1024 * 1024) : 4096);
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, read_priority (request),
                                   request->internal, read_cb, g_steal_pointer (&task));
}

static void
send_message (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_request_headers (request->message);
  g_autofree char *authorization = g_strconcat ("Bearer ", request->client->api_key, NULL);

  soup_message_set_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");

  if (request->request_body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/json",
                                              request->request_body);

  soup_session_send_async (request->client->session, request->message, G_PRIORITY_DEFAULT,
                           request->internal, send_cb, task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *request = user_data;

  request->deadline_id = 0;
  request->timed_out = TRUE;
  g_cancellable_cancel (request->internal);

  return G_SOURCE_REMOVE;
}

static void
external_cancelled_cb (GCancellable *external,
                       GCancellable *internal)
{
  g_cancellable_cancel (internal);
}

static void
start_request (ConvercClient       *self,
               const char          *method,
               const char          *path,
               JsonNode            *json_body,
               Request             *request,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  request->client = g_object_ref (self);
  request->method = g_strdup (method);
  request->internal = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  if (self->api_key == NULL || self->api_key[0] == '\0')
    {
      request->done = TRUE;
      g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_NO_API_KEY,
                               _("No API key is set. Sign in with a key from the Converc "
                                 "dashboard (Settings → Integrations → API Keys)."));
      return;
    }

  /* A key with a line break would never reach the server (libsoup drops
   * the header): say what is wrong with it instead of "refused". */
  if (!converc_validate_api_key (self->api_key, &error) ||
      !converc_validate_base_url (self->base_url, &error))
    {
      request->done = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  url = g_strconcat (self->base_url, path, NULL);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_autofree char *shown = converc_dup_url_for_message (url);

      request->done = TRUE;
      g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                               _("The request address %s is not valid."), shown);
      return;
    }

  if (json_body != NULL)
    {
      char *text = json_to_string (json_body, FALSE);

      request->request_body = g_bytes_new_take (text, strlen (text));
    }

  if (cancellable != NULL)
    {
      request->external = g_object_ref (cancellable);
      request->external_handler = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (external_cancelled_cb),
                                                         g_object_ref (request->internal),
                                                         g_object_unref);
    }

  if (self->timeout > 0)
    request->deadline_id = g_timeout_add_seconds (self->timeout, deadline_cb, request);

  request->message = soup_message_new_from_uri (method, uri);
  send_message (g_steal_pointer (&task));
}

void
converc_client_request_async (ConvercClient       *self,
                              const char          *method,
                              const char          *path,
                              JsonNode            *json_body,
                              ConvercParseFunc     parse,
                              GDestroyNotify       result_free,
                              gpointer             source_tag,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Request *request = g_new0 (Request, 1);

  request->parse = parse;
  request->result_free = result_free;
  request->max_body_size = source_tag == converc_client_list_events_async
                           ? self->max_body_size
                           : MIN (self->max_body_size, CONVERC_MAX_SMALL_BODY_SIZE);

  start_request (self, method, path, json_body, request, source_tag,
                 cancellable, callback, user_data);
}

/* A GET whose 2xx body @reader reads as it arrives (lists of events: the
 * largest answers this client takes). */
void
converc_client_request_streamed_async (ConvercClient                *self,
                                       const char                   *path,
                                       const ConvercBodyReaderFuncs *funcs,
                                       gpointer                      reader,
                                       GDestroyNotify                reader_free,
                                       gpointer                      source_tag,
                                       GCancellable                 *cancellable,
                                       GAsyncReadyCallback           callback,
                                       gpointer                      user_data)
{
  Request *request = g_new0 (Request, 1);

  g_return_if_fail (funcs != NULL);

  request->reader_funcs = funcs;
  request->reader = reader;
  request->reader_free = reader_free;
  request->max_body_size = self->max_body_size;

  start_request (self, "GET", path, NULL, request, source_tag,
                 cancellable, callback, user_data);
}

gpointer
converc_client_request_finish (ConvercClient  *self,
                               GAsyncResult   *result,
                               gpointer        source_tag,
                               GError        **error)
{
  g_return_val_if_fail (CONVERC_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

