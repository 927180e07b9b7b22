/* converc-emulator-handlers.c
 *
 * The emulator's API: routing each request to its handler, the handlers of
 * every endpoint of the API, the demo receiver, and how a response leaves
 * (the latency and malformed knobs).
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

#define G_LOG_DOMAIN "converc-emulator"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "converc-signature.h"

#define DISPLAY_DEFAULT           10
#define DISPLAY_MAX               100000
#define MAX_REQUEST_BODY          (1024 * 1024)
#define MAX_URL_LENGTH            2048

void
converc_emulator_pending_reply_free (gpointer data)
{
  PendingReply *p = data;

  g_clear_handle_id (&p->source_id, g_source_remove);
  g_clear_object (&p->msg);
  g_free (p);
}

static char *
random_hex (guint n_bytes)
{
  GString *s = g_string_sized_new (n_bytes * 2 + 1);

  for (guint i = 0; i < n_bytes; i++)
    g_string_append_printf (s, "%02x", g_random_int_range (0, 256));

  return g_string_free (s, FALSE);
}

static char *
random_id (const char *prefix,
           guint       n_chars)
{
  static const char chars[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < n_chars; i++)
    g_string_append_c (s, chars[g_random_int_range (0, sizeof chars - 1)]);

  return g_string_free (s, FALSE);
}

/* Responses */

static void
set_json_response (SoupServerMessage *msg,
                   guint              status,
                   char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    body, strlen (body));
}

static char *
error_string_body (const char *message)
{
  GString *s = g_string_new (NULL);

  converc_emulator_json_begin_object (s, NULL);
  converc_emulator_json_string (s, "error", message);
  converc_emulator_json_end_object (s);

  return converc_emulator_json_finish (s);
}

static char *
error_object_body (const char *message)
{
  GString *s = g_string_new (NULL);

  converc_emulator_json_begin_object (s, NULL);
  converc_emulator_json_begin_object (s, "error");
  converc_emulator_json_string (s, "message", message);
  converc_emulator_json_end_object (s);
  converc_emulator_json_end_object (s);

  return converc_emulator_json_finish (s);
}

static gboolean
pending_reply_cb (gpointer user_data)
{
  PendingReply *p = user_data;
  ConvercEmulator *self = p->self;

  p->source_id = 0;
  soup_server_message_unpause (p->msg);
  g_ptr_array_remove (self->pending, p);

  return G_SOURCE_REMOVE;
}

/* Every API response goes through here: the malformed and latency knobs
 * apply to whatever the handler decided. @paused: whether @msg is paused
 * already (asynchronous handlers). */
void
converc_emulator_finish_response (ConvercEmulator   *self,
                                  SoupServerMessage *msg,
                                  guint              status,
                                  char              *body,
                                  gboolean           paused)
{
  guint latency;

  g_assert (CONVERC_IS_EMULATOR (self));

  if (self->malformed && SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      gsize len = strlen (body);
      gsize cut = MAX (len / 2, 1);

      /* Half of any JSON object or array is never valid JSON */
      body[cut] = '\0';
      status = SOUP_STATUS_OK;
    }

  set_json_response (msg, status, body);
  g_signal_connect_object (msg, "wrote-headers", G_CALLBACK (converc_emulator_answer_started),
                           self, G_CONNECT_SWAPPED);

  latency = self->latency_once > 0 ? self->latency_once : self->latency;
  self->latency_once = 0;

  if (latency > 0)
    {
      PendingReply *p = g_new0 (PendingReply, 1);

      p->self = self;
      p->msg = g_object_ref (msg);
      if (!paused)
        soup_server_message_pause (msg);
      p->source_id = g_timeout_add (latency, pending_reply_cb, p);
      g_ptr_array_add (self->pending, p);
    }
  else if (paused)
    {
      soup_server_message_unpause (msg);
    }
}

static gboolean
check_auth (ConvercEmulator   *self,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *expected = NULL;
  gsize len;
  guint8 diff = 0;

  g_assert (CONVERC_IS_EMULATOR (self));

  if (value == NULL || self->api_key == NULL || self->api_key[0] == '\0')
    return FALSE;

  expected = g_strconcat ("Bearer ", self->api_key, NULL);
  len = strlen (expected);
  if (strlen (value) != len)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    diff |= (guint8)(value[i] ^ expected[i]);

  return diff == 0;
}

static JsonObject *
parse_body_object (SoupServerMessage  *msg,
                   JsonParser         *parser)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  JsonNode *root;

  if (body == NULL || body->length == 0 || body->length > MAX_REQUEST_BODY)
    return NULL;

  if (!json_parser_load_from_data (parser, body->data, body->length, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_node_get_object (root);
}

/* Endpoint handlers. Each returns the status and takes the body, or
 * returns 0 when it answers later by itself. */

static guint
handle_list (ConvercEmulator  *self,
             char            **body)
{
  GString *s = g_string_new (NULL);

  g_assert (CONVERC_IS_EMULATOR (self));

  converc_emulator_json_begin_object (s, NULL);
  converc_emulator_json_begin_array (s, "webhooks");
  for (guint i = 0; i < self->webhooks->len; i++)
    converc_emulator_write_webhook (s, NULL, g_ptr_array_index (self->webhooks, i));
  converc_emulator_json_end_array (s);
  converc_emulator_json_end_object (s);

  *body = converc_emulator_json_finish (s);
  return SOUP_STATUS_OK;
}

static gboolean
validate_url (const char  *url,
              char       **message)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (strlen (url) > MAX_URL_LENGTH)
    {
      *message = g_strdup ("url is too long");
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      *message = g_strdup ("url is not a valid URL");
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      *message = g_strdup ("url must use http or https");
      return FALSE;
    }

  if (host == NULL || host[0] == '\0')
    {
      *message = g_strdup ("url must have a host");
      return FALSE;
    }

  return TRUE;
}

static guint
handle_create (ConvercEmulator    *self,
               SoupServerMessage  *msg,
               char              **body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *message = NULL;
  JsonObject *object;
  JsonNode *url_node;
  JsonNode *events_node;
  const char *url;
  EmuWebhook *w;
  GString *s;

  g_assert (CONVERC_IS_EMULATOR (self));

  object = parse_body_object (msg, parser);
  if (object == NULL)
    {
      *body = error_object_body ("Request body must be a JSON object");
      return SOUP_STATUS_BAD_REQUEST;
    }

  url_node = json_object_get_member (object, "url");
  if (url_node == NULL || JSON_NODE_HOLDS_NULL (url_node))
    {
      *body = error_object_body ("url is required");
      return SOUP_STATUS_UNPROCESSABLE_ENTITY;
    }
  if (json_node_get_value_type (url_node) != G_TYPE_STRING)
    {
      *body = error_object_body ("url must be a string");
      return SOUP_STATUS_UNPROCESSABLE_ENTITY;
    }

  url = json_node_get_string (url_node);
  if (!validate_url (url, &message))
    {
      *body = error_object_body (message);
      return SOUP_STATUS_UNPROCESSABLE_ENTITY;
    }

  events_node = json_object_get_member (object, "events");
  if (events_node != NULL && !JSON_NODE_HOLDS_NULL (events_node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (events_node))
        {
          *body = error_object_body ("events must be an array of event types");
          return SOUP_STATUS_UNPROCESSABLE_ENTITY;
        }

      array = json_node_get_array (events_node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *type;

          if (json_node_get_value_type (node) != G_TYPE_STRING)
            {
              *body = error_object_body ("events must be an array of event types");
              return SOUP_STATUS_UNPROCESSABLE_ENTITY;
            }

          type = json_node_get_string (node);
          if (!converc_emulator_type_is_documented (type))
            {
              g_autofree char *text = g_strdup_printf ("Unknown event type: %s", type);

              *body = error_object_body (text);
              return SOUP_STATUS_UNPROCESSABLE_ENTITY;
            }

          if (!g_ptr_array_find_with_equal_func (events, type, g_str_equal, NULL))
            g_ptr_array_add (events, g_strdup (type));
        }
    }
  g_ptr_array_add (events, NULL);

  w = g_new0 (EmuWebhook, 1);
  w->id = random_id ("wh_", 20);
  w->url = g_strdup (url);
  w->events = (GStrv)g_ptr_array_steal (events, NULL);
  w->is_active = TRUE;
  w->created = w->updated = g_get_real_time ();
  {
    g_autofree char *hex = random_hex (32);

    w->secret = g_strconcat ("whsec_", hex, NULL);
  }
  g_ptr_array_add (self->webhooks, w);

  s = g_string_new (NULL);
  converc_emulator_json_begin_object (s, NULL);
  converc_emulator_write_webhook (s, "webhook", w);
  converc_emulator_json_string (s, "secret", w->secret);
  converc_emulator_json_end_object (s);

  *body = converc_emulator_json_finish (s);
  return SOUP_STATUS_CREATED;
}

static guint
handle_disable (ConvercEmulator  *self,
                const char       *id,
                char            **body)
{
  EmuWebhook *w = converc_emulator_find_webhook (self, id);
  GString *s;

  g_assert (CONVERC_IS_EMULATOR (self));

  if (w == NULL)
    {
      *body = error_string_body ("Webhook not found");
      return SOUP_STATUS_NOT_FOUND;
    }

  if (w->is_active)
    {
      w->is_active = FALSE;
      w->updated = MAX (g_get_real_time (), w->updated + 1000);
    }

  s = g_string_new (NULL);
  converc_emulator_json_begin_object (s, NULL);
  converc_emulator_json_boolean (s, "ok", TRUE);
  converc_emulator_json_string (s, "webhookId", w->id);
  converc_emulator_json_boolean (s, "isActive", FALSE);
  converc_emulator_json_end_object (s);

  *body = converc_emulator_json_finish (s);
  return SOUP_STATUS_OK;
}

static guint
handle_test (ConvercEmulator    *self,
             SoupServerMessage  *msg,
             char              **body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *node;
  EmuWebhook *w;
  EmuEvent *event;

  g_assert (CONVERC_IS_EMULATOR (self));

  object = parse_body_object (msg, parser);
  if (object == NULL)
    {
      *body = error_string_body ("Request body must be a JSON object");
      return SOUP_STATUS_BAD_REQUEST;
    }

  node = json_object_get_member (object, "webhookId");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0')
    {
      *body = error_string_body ("webhookId is required");
      return SOUP_STATUS_BAD_REQUEST;
    }

  w = converc_emulator_find_webhook (self, json_node_get_string (node));
  if (w == NULL)
    {
      *body = error_string_body ("Webhook not found");
      return SOUP_STATUS_NOT_FOUND;
    }

  event = converc_emulator_make_live_event (self, "webhook.test");
  soup_server_message_pause (msg);
  converc_emulator_deliver (self, w, event, msg);

  return 0;
}

static guint
handle_events (ConvercEmulator  *self,
               GHashTable       *query,
               char            **body)
{
  const char *type = NULL;
  const char *display_text = NULL;
  guint64 display = DISPLAY_DEFAULT;
  GString *s;
  guint n = 0;
  gsize estimate = 2;

  g_assert (CONVERC_IS_EMULATOR (self));

  if (query != NULL)
    {
      type = g_hash_table_lookup (query, "eventType");
      display_text = g_hash_table_lookup (query, "display");
    }

  if (type != NULL && type[0] == '\0')
    type = NULL;

  if (display_text != NULL &&
      !g_ascii_string_to_unsigned (display_text, 10, 0, G_MAXUINT64, &display, NULL))
    {
      *body = error_string_body ("display must be a non-negative number");
      return SOUP_STATUS_BAD_REQUEST;
    }
  /* The API documents no maximum: one reading of it has one, and refuses
   * a deeper request (converc_emulator_set_max_display()). */
  if (self->max_display > 0 && display > self->max_display)
    {
      g_autofree char *refusal = g_strdup_printf ("display must be between 1 and %u",
                                                  self->max_display);

      *body = error_string_body (refusal);
      return SOUP_STATUS_BAD_REQUEST;
    }
  display = MIN (display, DISPLAY_MAX);

  /* One pass to size the buffer, one to copy: no JSON trees involved */
  for (guint i = self->events->len; i > 0 && n < display; i--)
    {
      EmuEvent *e = g_ptr_array_index (self->events, i - 1);

      if (type == NULL || g_strcmp0 (e->type, type) == 0)
        {
          estimate += e->len + 1;
          n++;
        }
    }

  s = g_string_sized_new (estimate + 1);
  g_string_append_c (s, '[');
  n = 0;
  for (guint i = self->events->len; i > 0 && n < display; i--)
    {
      EmuEvent *e = g_ptr_array_index (self->events, i - 1);

      if (type == NULL || g_strcmp0 (e->type, type) == 0)
        {
          if (n > 0)
            g_string_append_c (s, ',');
          g_string_append_len (s, e->raw, e->len);
          n++;
        }
    }
  g_string_append_c (s, ']');

  *body = g_string_free (s, FALSE);
  return SOUP_STATUS_OK;
}

/* Server callbacks */

void
converc_emulator_api_handler_cb (SoupServer        *server,
                                 SoupServerMessage *msg,
                                 const char        *path,
                                 GHashTable        *query,
                                 gpointer           user_data)
{
  ConvercEmulator *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  char *body = NULL;
  guint status;

  g_assert (CONVERC_IS_EMULATOR (self));

  self->n_requests++;

  if (!check_auth (self, msg))
    {
      converc_emulator_finish_response (self, msg, SOUP_STATUS_UNAUTHORIZED,
                                        error_string_body ("Invalid API key"), FALSE);
      return;
    }

  if (self->rate_limited)
    {
      if (self->retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Retry-After", self->retry_after);
      converc_emulator_finish_response (self, msg, 429,
                                        error_string_body ("Too many requests"), FALSE);
      return;
    }

  if (self->forced_status != 0)
    {
      if (self->forced_body != NULL)
        body = g_strdup (self->forced_body);
      else
        body = error_string_body (soup_status_get_phrase (self->forced_status) != NULL ?
                                  soup_status_get_phrase (self->forced_status) :
                                  "Forced error");
      converc_emulator_finish_response (self, msg, self->forced_status, body, FALSE);
      return;
    }

  if (g_str_equal (path, "/integrations/webhooks"))
    {
      if (g_str_equal (method, "GET"))
        status = handle_list (self, &body);
      else if (g_str_equal (method, "POST"))
        status = handle_create (self, msg, &body);
      else
        {
          status = SOUP_STATUS_METHOD_NOT_ALLOWED;
          body = error_string_body ("Method not allowed");
        }
    }
  else if (g_str_equal (path, "/integrations/webhooks/test") &&
           g_str_equal (method, "POST"))
    {
      status = handle_test (self, msg, &body);
      if (status == 0)
        return;
    }
  else if (g_str_has_prefix (path, "/integrations/webhooks/") &&
           strchr (path + strlen ("/integrations/webhooks/"), '/') == NULL &&
           path[strlen ("/integrations/webhooks/")] != '\0')
    {
      if (g_str_equal (method, "DELETE"))
        status = handle_disable (self, path + strlen ("/integrations/webhooks/"), &body);
      else
        {
          status = SOUP_STATUS_METHOD_NOT_ALLOWED;
          body = error_string_body ("Method not allowed");
        }
    }
  else if (g_str_equal (path, "/webhooks/events"))
    {
      if (g_str_equal (method, "GET"))
        status = handle_events (self, query, &body);
      else
        {
          status = SOUP_STATUS_METHOD_NOT_ALLOWED;
          body = error_string_body ("Method not allowed");
        }
    }
  else
    {
      status = SOUP_STATUS_NOT_FOUND;
      body = error_string_body ("Not found");
    }

  converc_emulator_finish_response (self, msg, status, body, FALSE);
}

/* The demo receiver: what seeded endpoints point at, so that "Send Test
 * Event" works in demo mode. It checks the signature like a real receiver
 * would, against the secret of every endpoint registered on its URL. */
void
converc_emulator_demo_receiver_cb (SoupServer        *server,
                                   SoupServerMessage *msg,
                                   const char        *path,
                                   GHashTable        *query,
                                   gpointer           user_data)
{
  ConvercEmulator *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *signature = soup_message_headers_get_one (headers, "X-IC-Signature");
  gboolean verified = FALSE;

  g_assert (CONVERC_IS_EMULATOR (self));

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      set_json_response (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                         error_string_body ("Method not allowed"));
      return;
    }

  for (guint i = 0; signature != NULL && i < self->webhooks->len && !verified; i++)
    {
      EmuWebhook *w = g_ptr_array_index (self->webhooks, i);
      g_autoptr(GUri) uri = g_uri_parse (w->url, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || g_strcmp0 (g_uri_get_path (uri), path) != 0)
        continue;

      verified = converc_signature_verify (w->secret, signature,
                                           (const guint8 *)body->data, body->length,
                                           g_get_real_time () / G_USEC_PER_SEC,
                                           CONVERC_SIGNATURE_DEFAULT_TOLERANCE, NULL);
    }

  if (verified)
    set_json_response (msg, SOUP_STATUS_OK, g_strdup ("{\"received\":true}"));
  else
    set_json_response (msg, SOUP_STATUS_UNAUTHORIZED,
                       error_string_body ("Invalid signature"));
}

