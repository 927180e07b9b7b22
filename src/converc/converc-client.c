/* converc-client.c
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
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "converc-client.h"
#include "converc-error.h"
#include "converc-parse.h"

#define MAX_REDIRECTS 5
#define READ_CHUNK    (64 * 1024)

struct _ConvercClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *api_key;
  gsize        max_body_size;
  gint64       retry_after;
  guint        timeout;
};

G_DEFINE_FINAL_TYPE (ConvercClient, converc_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Parses a 2xx body in a worker thread; returns the result or NULL with
 * @error set. */
typedef gpointer (*ParseFunc) (GBytes  *body,
                               GError **error);

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
  ParseFunc       parse;
  GDestroyNotify  result_free;
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

  redact_error (request->client, error);
  g_task_return_error (task, error);
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
    g_task_return_pointer (task, result, request->result_free);
}

static void send_message (GTask *task);

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

  if (request->buffer->len + g_bytes_get_size (chunk) > request->max_body_size)
    {
      g_autofree char *limit = g_format_size_full (request->max_body_size, G_FORMAT_SIZE_IEC_UNITS);

      g_cancellable_cancel (request->internal);
      return_error (task, g_error_new (CONVERC_ERROR, CONVERC_ERROR_TOO_LARGE,
                                       _("The server’s answer is larger than %s, the most this "
                                         "client accepts; it was not read."),
                                       limit));
      return;
    }

  g_byte_array_append (request->buffer,
                       g_bytes_get_data (chunk, NULL),
                       g_bytes_get_size (chunk));

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
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
      g_autofree char *shown = g_uri_to_string_partial (target, G_URI_HIDE_PASSWORD);

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
      g_autofree char *limit = g_format_size_full (request->max_body_size, G_FORMAT_SIZE_IEC_UNITS);

      g_cancellable_cancel (request->internal);
      return_error (task, g_error_new (CONVERC_ERROR, CONVERC_ERROR_TOO_LARGE,
                                       _("The server’s answer is larger than %s, the most this "
                                         "client accepts; it was not read."),
                                       limit));
      return;
    }

  request->buffer = g_byte_array_sized_new (length > 0 ? (guint)MIN (length, 16 * 1024 * 1024) : 4096);
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
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

/* Starts METHOD base_url + path, with an optional JSON body; on 2xx the
 * body goes to @parse in a worker thread. */
static void
converc_client_request_async (ConvercClient       *self,
                              const char          *method,
                              const char          *path,
                              JsonNode            *json_body,
                              ParseFunc            parse,
                              GDestroyNotify       result_free,
                              gpointer             source_tag,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  request = g_new0 (Request, 1);
  request->client = g_object_ref (self);
  request->method = g_strdup (method);
  request->parse = parse;
  request->result_free = result_free;
  request->max_body_size = source_tag == converc_client_list_events_async
                           ? self->max_body_size
                           : MIN (self->max_body_size, CONVERC_MAX_SMALL_BODY_SIZE);
  request->internal = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  if (self->api_key == NULL || self->api_key[0] == '\0')
    {
      g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_NO_API_KEY,
                               _("No API key is set. Sign in with a key from the Converc "
                                 "dashboard (Settings → Integrations → API Keys)."));
      return;
    }

  if (!converc_validate_base_url (self->base_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  url = g_strconcat (self->base_url, path, NULL);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                               _("The request address %s is not valid: %s"),
                               url, error->message);
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

static gpointer
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

static void
converc_client_finalize (GObject *object)
{
  ConvercClient *self = (ConvercClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  if (self->api_key != NULL)
    {
      explicit_bzero (self->api_key, strlen (self->api_key));
      g_clear_pointer (&self->api_key, g_free);
    }

  G_OBJECT_CLASS (converc_client_parent_class)->finalize (object);
}

static void
converc_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ConvercClient *self = CONVERC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_API_KEY:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
converc_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ConvercClient *self = CONVERC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      converc_client_set_base_url (self, g_value_get_string (value));
      break;

    case PROP_API_KEY:
      converc_client_set_api_key (self, g_value_get_string (value));
      break;

    case PROP_TIMEOUT:
      converc_client_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
converc_client_class_init (ConvercClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = converc_client_finalize;
  object_class->get_property = converc_client_get_property;
  object_class->set_property = converc_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, CONVERC_DEFAULT_BASE_URL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, 3600, CONVERC_DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
converc_client_init (ConvercClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("converc-webhooks/%s ", PACKAGE_VERSION);

  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", CONVERC_DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 NULL);
  self->base_url = g_strdup (CONVERC_DEFAULT_BASE_URL);
  self->timeout = CONVERC_DEFAULT_TIMEOUT;
  self->max_body_size = CONVERC_MAX_BODY_SIZE;
  self->retry_after = -1;
}

ConvercClient *
converc_client_new (const char *base_url,
                    const char *api_key)
{
  return g_object_new (CONVERC_TYPE_CLIENT,
                       "base-url", base_url != NULL ? base_url : CONVERC_DEFAULT_BASE_URL,
                       "api-key", api_key,
                       NULL);
}

const char *
converc_client_get_base_url (ConvercClient *self)
{
  g_return_val_if_fail (CONVERC_IS_CLIENT (self), NULL);
  return self->base_url;
}

void
converc_client_set_base_url (ConvercClient *self,
                             const char    *base_url)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (CONVERC_IS_CLIENT (self));

  if (base_url == NULL || base_url[0] == '\0')
    base_url = CONVERC_DEFAULT_BASE_URL;

  normalized = g_strstrip (g_strdup (base_url));
  while (g_str_has_suffix (normalized, "/"))
    normalized[strlen (normalized) - 1] = '\0';

  if (g_strcmp0 (normalized, self->base_url) != 0)
    {
      g_free (self->base_url);
      self->base_url = g_steal_pointer (&normalized);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
    }
}

void
converc_client_set_api_key (ConvercClient *self,
                            const char    *api_key)
{
  g_return_if_fail (CONVERC_IS_CLIENT (self));

  if (self->api_key != NULL)
    {
      explicit_bzero (self->api_key, strlen (self->api_key));
      g_clear_pointer (&self->api_key, g_free);
    }

  if (api_key != NULL)
    self->api_key = g_strstrip (g_strdup (api_key));
}

gboolean
converc_client_has_api_key (ConvercClient *self)
{
  g_return_val_if_fail (CONVERC_IS_CLIENT (self), FALSE);
  return self->api_key != NULL && self->api_key[0] != '\0';
}

void
converc_client_set_timeout (ConvercClient *self,
                            guint          seconds)
{
  g_return_if_fail (CONVERC_IS_CLIENT (self));

  if (self->timeout != seconds)
    {
      self->timeout = seconds;
      g_object_set (self->session, "timeout", seconds, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
    }
}

void
converc_client_set_max_body_size (ConvercClient *self,
                                  gsize          max_body_size)
{
  g_return_if_fail (CONVERC_IS_CLIENT (self));
  self->max_body_size = max_body_size > 0 ? max_body_size : CONVERC_MAX_BODY_SIZE;
}

gint64
converc_client_get_retry_after (ConvercClient *self)
{
  g_return_val_if_fail (CONVERC_IS_CLIENT (self), -1);
  return self->retry_after;
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost"))
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
validate_http_url (const char  *url,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || url[0] == '\0')
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s is empty."), what);
      return FALSE;
    }

  for (const char *p = url; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      {
        g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                     _("The %s must not contain spaces."), what);
        return FALSE;
      }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s is not a valid address. It should look like https://example.com/webhooks."),
                   what);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s must start with https:// (not %s:)."), what, scheme);
      return FALSE;
    }

  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s has no host name."), what);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback_host (host))
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s must use https://. Plain http:// is only allowed for this computer "
                     "(localhost, 127.0.0.1)."),
                   what);
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s must not contain a user name or password."), what);
      return FALSE;
    }

  return TRUE;
}

gboolean
converc_validate_base_url (const char  *url,
                           GError     **error)
{
  return validate_http_url (url, _("API base URL"), error);
}

gboolean
converc_validate_endpoint_url (const char  *url,
                               GError     **error)
{
  return validate_http_url (url, _("endpoint URL"), error);
}

/* list */

static gpointer
parse_webhook_list (GBytes  *body,
                    GError **error)
{
  return converc_parse_webhook_list (body, NULL, error);
}

void
converc_client_list_webhooks_async (ConvercClient       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CONVERC_IS_CLIENT (self));

  converc_client_request_async (self, "GET", "/integrations/webhooks", NULL,
                                parse_webhook_list, (GDestroyNotify)g_ptr_array_unref,
                                converc_client_list_webhooks_async,
                                cancellable, callback, user_data);
}

GPtrArray *
converc_client_list_webhooks_finish (ConvercClient  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return converc_client_request_finish (self, result, converc_client_list_webhooks_async, error);
}

/* create */

typedef struct
{
  ConvercWebhook *webhook;
  char           *secret;
} CreateResult;

static void
create_result_free (CreateResult *result)
{
  g_clear_object (&result->webhook);
  if (result->secret != NULL)
    {
      explicit_bzero (result->secret, strlen (result->secret));
      g_free (result->secret);
    }
  g_free (result);
}

static gpointer
parse_create (GBytes  *body,
              GError **error)
{
  CreateResult *result = g_new0 (CreateResult, 1);

  result->webhook = converc_parse_create_response (body, &result->secret, error);
  if (result->webhook == NULL)
    {
      create_result_free (result);
      return NULL;
    }

  return result;
}

void
converc_client_create_webhook_async (ConvercClient       *self,
                                     const char          *url,
                                     const char * const  *events,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CONVERC_IS_CLIENT (self));

  if (!converc_validate_endpoint_url (url, &error))
    {
      g_task_report_error (self, callback, user_data,
                           converc_client_create_webhook_async, g_steal_pointer (&error));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  if (events != NULL && events[0] != NULL)
    {
      json_builder_set_member_name (builder, "events");
      json_builder_begin_array (builder);
      for (guint i = 0; events[i] != NULL; i++)
        json_builder_add_string_value (builder, events[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  converc_client_request_async (self, "POST", "/integrations/webhooks", body,
                                parse_create, (GDestroyNotify)create_result_free,
                                converc_client_create_webhook_async,
                                cancellable, callback, user_data);
}

/**
 * converc_client_create_webhook_finish:
 * @secret: (out) (transfer full): the signing secret, shown by Converc
 *   only this once: store it before anything else
 *
 * Returns: (transfer full): the new endpoint
 */
ConvercWebhook *
converc_client_create_webhook_finish (ConvercClient  *self,
                                      GAsyncResult   *result,
                                      char          **secret,
                                      GError        **error)
{
  CreateResult *create;
  ConvercWebhook *webhook;

  g_return_val_if_fail (secret != NULL, NULL);

  *secret = NULL;
  create = converc_client_request_finish (self, result, converc_client_create_webhook_async, error);
  if (create == NULL)
    return NULL;

  webhook = g_steal_pointer (&create->webhook);
  *secret = g_steal_pointer (&create->secret);
  create_result_free (create);

  return webhook;
}

/* disable */

static gpointer
parse_disable (GBytes  *body,
               GError **error)
{
  gboolean is_active = FALSE;

  if (!converc_parse_disable_response (body, &is_active, error))
    return NULL;

  return GINT_TO_POINTER (1);
}

static char *
escape_id (const char *id)
{
  return g_uri_escape_string (id, NULL, FALSE);
}

void
converc_client_disable_webhook_async (ConvercClient       *self,
                                      const char          *webhook_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (CONVERC_IS_CLIENT (self));

  if (webhook_id == NULL || webhook_id[0] == '\0')
    {
      g_task_report_new_error (self, callback, user_data, converc_client_disable_webhook_async,
                               CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                               _("No endpoint id was given."));
      return;
    }

  escaped = escape_id (webhook_id);
  path = g_strconcat ("/integrations/webhooks/", escaped, NULL);

  converc_client_request_async (self, "DELETE", path, NULL,
                                parse_disable, NULL,
                                converc_client_disable_webhook_async,
                                cancellable, callback, user_data);
}

gboolean
converc_client_disable_webhook_finish (ConvercClient  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return converc_client_request_finish (self, result, converc_client_disable_webhook_async,
                                        error) != NULL;
}

/* test */

static gpointer
parse_test (GBytes  *body,
            GError **error)
{
  return converc_parse_test_response (body, error);
}

void
converc_client_test_webhook_async (ConvercClient       *self,
                                   const char          *webhook_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CONVERC_IS_CLIENT (self));

  if (webhook_id == NULL || webhook_id[0] == '\0')
    {
      g_task_report_new_error (self, callback, user_data, converc_client_test_webhook_async,
                               CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                               _("No endpoint id was given."));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "webhookId");
  json_builder_add_string_value (builder, webhook_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  converc_client_request_async (self, "POST", "/integrations/webhooks/test", body,
                                parse_test, (GDestroyNotify)converc_test_result_free,
                                converc_client_test_webhook_async,
                                cancellable, callback, user_data);
}

ConvercTestResult *
converc_client_test_webhook_finish (ConvercClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return converc_client_request_finish (self, result, converc_client_test_webhook_async, error);
}

/* events */

typedef struct
{
  GPtrArray *events;
  char      *first_problem;
  guint      n_skipped;
} EventsResult;

static void
events_result_free (EventsResult *result)
{
  g_clear_pointer (&result->events, g_ptr_array_unref);
  g_clear_pointer (&result->first_problem, g_free);
  g_free (result);
}

static gpointer
parse_events (GBytes  *body,
              GError **error)
{
  EventsResult *result = g_new0 (EventsResult, 1);

  result->events = converc_parse_event_list (body, &result->n_skipped,
                                             &result->first_problem, error);
  if (result->events == NULL)
    {
      events_result_free (result);
      return NULL;
    }

  return result;
}

void
converc_client_list_events_async (ConvercClient       *self,
                                  const char          *event_type,
                                  guint                display,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GString *path;

  g_return_if_fail (CONVERC_IS_CLIENT (self));

  path = g_string_new ("/webhooks/events");
  if (event_type != NULL && event_type[0] != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (event_type, NULL, FALSE);

      g_string_append_printf (path, "?eventType=%s", escaped);
    }
  if (display > 0)
    g_string_append_printf (path, "%cdisplay=%u", strchr (path->str, '?') ? '&' : '?', display);

  converc_client_request_async (self, "GET", path->str, NULL,
                                parse_events, (GDestroyNotify)events_result_free,
                                converc_client_list_events_async,
                                cancellable, callback, user_data);
  g_string_free (path, TRUE);
}

GPtrArray *
converc_client_list_events_finish (ConvercClient  *self,
                                   GAsyncResult   *result,
                                   guint          *n_skipped,
                                   char          **first_problem,
                                   GError        **error)
{
  EventsResult *events;
  GPtrArray *array;

  if (n_skipped != NULL)
    *n_skipped = 0;
  if (first_problem != NULL)
    *first_problem = NULL;

  events = converc_client_request_finish (self, result, converc_client_list_events_async, error);
  if (events == NULL)
    return NULL;

  array = g_steal_pointer (&events->events);
  if (n_skipped != NULL)
    *n_skipped = events->n_skipped;
  if (first_problem != NULL)
    *first_problem = g_steal_pointer (&events->first_problem);
  events_result_free (events);

  return array;
}
