/* converc-emulator.c
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

#define DELIVERY_TIMEOUT_SECONDS  10
#define DISPLAY_DEFAULT           10
#define DISPLAY_MAX               100000
#define DEMO_RECEIVER_PREFIX      "/demo-receiver/"
#define MAX_REQUEST_BODY          (1024 * 1024)
#define MAX_URL_LENGTH            2048

typedef struct
{
  char     *id;
  char     *url;
  char     *demo_path;    /* "/demo-receiver/crm" for seeded endpoints, else NULL */
  GStrv     events;       /* empty: every type */
  gboolean  is_active;
  gint64    created;
  gint64    updated;
  char     *secret;
} EmuWebhook;

typedef struct
{
  char   *id;
  char   *type;         /* NULL when the raw JSON has no readable type */
  char   *raw;
  gsize   len;
  gint64  created;
} EmuEvent;

/* A request answered later (latency knob). */
typedef struct
{
  ConvercEmulator   *self;
  SoupServerMessage *msg;
  guint              source_id;
} PendingReply;

/* A delivery in flight. It holds no reference on the emulator: dispose
 * cancels @cancellable first, and callbacks look at it before @self. */
typedef struct
{
  ConvercEmulator   *self;
  GCancellable      *cancellable;
  SoupMessage       *message;
  char              *webhook_id;
  char              *event_id;
  char              *event_type;
  SoupServerMessage *test_request;  /* the paused /test request, or NULL */
} Delivery;

struct _ConvercEmulator
{
  GObject                   parent_instance;

  char                     *api_key;
  SoupServer               *server;
  char                     *base_url;
  SoupSession              *session;
  GCancellable             *cancellable;

  GPtrArray                *webhooks;     /* EmuWebhook */
  GPtrArray                *events;       /* EmuEvent, oldest first */
  GPtrArray                *deliveries;   /* ConvercEmulatorDelivery */
  GPtrArray                *pending;      /* PendingReply */
  GPtrArray                *in_flight;    /* Delivery, not owned */
  ConvercEmulatorGenerator *live;         /* for emit_event and test events */
  gint64                    reference_time;

  guint                     latency;
  guint                     latency_once;  /* for the next response only */
  guint                     forced_status;
  char                     *forced_body;
  gboolean                  rate_limited;
  char                     *retry_after;
  gboolean                  malformed;
  guint                     n_requests;
};

G_DEFINE_FINAL_TYPE (ConvercEmulator, converc_emulator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_KEY,
  PROP_BASE_URL,
  N_PROPS
};

enum {
  DELIVERY_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void deliver (ConvercEmulator   *self,
                     EmuWebhook        *webhook,
                     EmuEvent          *event,
                     SoupServerMessage *test_request);

/* Helpers */

static void
emu_webhook_free (gpointer data)
{
  EmuWebhook *w = data;

  g_free (w->id);
  g_free (w->url);
  g_free (w->demo_path);
  g_strfreev (w->events);
  if (w->secret != NULL)
    memset (w->secret, 0, strlen (w->secret));
  g_free (w->secret);
  g_free (w);
}

static void
emu_event_free (gpointer data)
{
  EmuEvent *e = data;

  g_free (e->id);
  g_free (e->type);
  g_free (e->raw);
  g_free (e);
}

static void
delivery_record_free (gpointer data)
{
  ConvercEmulatorDelivery *d = data;

  g_free (d->webhook_id);
  g_free (d->event_id);
  g_free (d->event_type);
  g_free (d->error);
  g_free (d);
}

static void
delivery_free (Delivery *d)
{
  g_clear_object (&d->cancellable);
  g_clear_object (&d->message);
  g_clear_object (&d->test_request);
  g_free (d->webhook_id);
  g_free (d->event_id);
  g_free (d->event_type);
  g_free (d);
}

static void
pending_reply_free (gpointer data)
{
  PendingReply *p = data;

  g_clear_handle_id (&p->source_id, g_source_remove);
  g_clear_object (&p->msg);
  g_free (p);
}

static gint64
now_usec (ConvercEmulator *self)
{
  g_assert (CONVERC_IS_EMULATOR (self));

  if (self->reference_time != 0)
    return self->reference_time;
  return g_get_real_time ();
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

static EmuWebhook *
find_webhook (ConvercEmulator *self,
              const char      *id)
{
  g_assert (CONVERC_IS_EMULATOR (self));

  for (guint i = 0; i < self->webhooks->len; i++)
    {
      EmuWebhook *w = g_ptr_array_index (self->webhooks, i);

      if (g_strcmp0 (w->id, id) == 0)
        return w;
    }

  return NULL;
}

static gboolean
webhook_wants (EmuWebhook *w,
               const char *type)
{
  if (w->events == NULL || w->events[0] == NULL)
    return TRUE;
  return type != NULL && g_strv_contains ((const char * const *)w->events, type);
}

static void
write_webhook (GString    *s,
               const char *key,
               EmuWebhook *w)
{
  g_autofree char *created = converc_emulator_format_time (w->created, TRUE);
  g_autofree char *updated = converc_emulator_format_time (w->updated, TRUE);

  converc_emulator_json_begin_object (s, key);
  converc_emulator_json_string (s, "id", w->id);
  converc_emulator_json_string (s, "url", w->url);
  converc_emulator_json_begin_array (s, "events");
  for (guint i = 0; w->events != NULL && w->events[i] != NULL; i++)
    converc_emulator_json_string (s, NULL, w->events[i]);
  converc_emulator_json_end_array (s);
  converc_emulator_json_boolean (s, "isActive", w->is_active);
  converc_emulator_json_string (s, "createdAt", created);
  converc_emulator_json_string (s, "updatedAt", updated);
  converc_emulator_json_end_object (s);
}

static void
resolve_demo_urls (ConvercEmulator *self)
{
  g_assert (CONVERC_IS_EMULATOR (self));

  for (guint i = 0; i < self->webhooks->len; i++)
    {
      EmuWebhook *w = g_ptr_array_index (self->webhooks, i);

      if (w->demo_path == NULL)
        continue;

      g_free (w->url);
      w->url = g_strconcat (self->base_url != NULL ? self->base_url : "http://127.0.0.1",
                            w->demo_path, NULL);
    }
}

static EmuEvent *
add_event (ConvercEmulator *self,
           char            *id,
           const char      *type,
           char            *raw,
           gint64           created)
{
  EmuEvent *e = g_new0 (EmuEvent, 1);

  g_assert (CONVERC_IS_EMULATOR (self));

  e->id = id;
  e->type = g_strdup (type);
  e->raw = raw;
  e->len = strlen (raw);
  e->created = created;
  g_ptr_array_add (self->events, e);

  return e;
}

static gint64
last_event_time (ConvercEmulator *self)
{
  g_assert (CONVERC_IS_EMULATOR (self));

  for (guint i = self->events->len; i > 0; i--)
    {
      EmuEvent *e = g_ptr_array_index (self->events, i - 1);

      if (e->created != 0)
        return e->created;
    }

  return 0;
}

/* Renders and stores one live event (emit_event, test events). */
static EmuEvent *
make_live_event (ConvercEmulator *self,
                 const char      *type)
{
  char *id = NULL;
  char *raw;
  gint64 created = now_usec (self);
  gint64 last = last_event_time (self);

  g_assert (CONVERC_IS_EMULATOR (self));

  if (created <= last)
    created = last + 1000;

  raw = converc_emulator_generator_render (self->live, type, created, &id);
  return add_event (self, id, type, raw, created);
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
static void
finish_response (ConvercEmulator   *self,
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
    write_webhook (s, NULL, g_ptr_array_index (self->webhooks, i));
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
  write_webhook (s, "webhook", w);
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
  EmuWebhook *w = find_webhook (self, id);
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

  w = find_webhook (self, json_node_get_string (node));
  if (w == NULL)
    {
      *body = error_string_body ("Webhook not found");
      return SOUP_STATUS_NOT_FOUND;
    }

  event = make_live_event (self, "webhook.test");
  soup_server_message_pause (msg);
  deliver (self, w, event, msg);

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

static void
api_handler_cb (SoupServer        *server,
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
      finish_response (self, msg, SOUP_STATUS_UNAUTHORIZED,
                       error_string_body ("Invalid API key"), FALSE);
      return;
    }

  if (self->rate_limited)
    {
      if (self->retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Retry-After", self->retry_after);
      finish_response (self, msg, 429,
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
      finish_response (self, msg, self->forced_status, body, FALSE);
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

  finish_response (self, msg, status, body, FALSE);
}

/* The demo receiver: what seeded endpoints point at, so that "Send Test
 * Event" works in demo mode. It checks the signature like a real receiver
 * would, against the secret of every endpoint registered on its URL. */
static void
demo_receiver_cb (SoupServer        *server,
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

/* Deliveries */

static void
deliver_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Delivery *d = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ConvercEmulator *self;
  ConvercEmulatorDelivery *record;
  guint status = 0;
  GString *s;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  /* The emulator is being disposed: it may be gone, do not touch it */
  if (g_cancellable_is_cancelled (d->cancellable))
    {
      delivery_free (d);
      return;
    }

  self = d->self;
  g_assert (CONVERC_IS_EMULATOR (self));

  g_ptr_array_remove_fast (self->in_flight, d);

  if (error == NULL)
    status = soup_message_get_status (d->message);

  record = g_new0 (ConvercEmulatorDelivery, 1);
  record->webhook_id = g_strdup (d->webhook_id);
  record->event_id = g_strdup (d->event_id);
  record->event_type = g_strdup (d->event_type);
  record->status = (int)status;
  record->error = error != NULL ? g_strdup (error->message) : NULL;
  g_ptr_array_add (self->deliveries, record);

  if (error != NULL)
    g_debug ("Delivery of %s to %s failed: %s", d->event_id, d->webhook_id, error->message);

  if (d->test_request != NULL)
    {
      s = g_string_new (NULL);
      converc_emulator_json_begin_object (s, NULL);
      converc_emulator_json_boolean (s, "ok", error == NULL);
      if (error == NULL)
        converc_emulator_json_int (s, "status", status);
      else
        converc_emulator_json_null (s, "status");
      converc_emulator_json_string (s, "error", error != NULL ? error->message : NULL);
      converc_emulator_json_end_object (s);

      finish_response (self, d->test_request, SOUP_STATUS_OK,
                       converc_emulator_json_finish (s), TRUE);
    }

  g_signal_emit (self, signals[DELIVERY_FINISHED], 0, self->deliveries->len - 1);

  delivery_free (d);
}

static void
deliver (ConvercEmulator   *self,
         EmuWebhook        *webhook,
         EmuEvent          *event,
         SoupServerMessage *test_request)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *signature = NULL;
  SoupMessageHeaders *headers;
  Delivery *d;

  g_assert (CONVERC_IS_EMULATOR (self));

  d = g_new0 (Delivery, 1);
  d->self = self;
  d->cancellable = g_object_ref (self->cancellable);
  d->webhook_id = g_strdup (webhook->id);
  d->event_id = g_strdup (event->id);
  d->event_type = g_strdup (event->type);
  d->test_request = test_request != NULL ? g_object_ref (test_request) : NULL;

  message = soup_message_new (SOUP_METHOD_POST, webhook->url);
  if (message == NULL)
    {
      /* Cannot happen for validated URLs, but answer like a transport error */
      ConvercEmulatorDelivery *record = g_new0 (ConvercEmulatorDelivery, 1);

      record->webhook_id = g_strdup (webhook->id);
      record->event_id = g_strdup (event->id);
      record->event_type = g_strdup (event->type);
      record->error = g_strdup ("Invalid endpoint URL");
      g_ptr_array_add (self->deliveries, record);

      if (test_request != NULL)
        finish_response (self, test_request, SOUP_STATUS_OK,
                         g_strdup ("{\"ok\":false,\"status\":null,"
                                   "\"error\":\"Invalid endpoint URL\"}"), TRUE);

      g_signal_emit (self, signals[DELIVERY_FINISHED], 0, self->deliveries->len - 1);
      delivery_free (d);
      return;
    }

  signature = converc_signature_header (webhook->secret, g_get_real_time () / G_USEC_PER_SEC,
                                        (const guint8 *)event->raw, event->len);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "X-IC-Signature", signature);
  soup_message_headers_replace (headers, "X-IC-Event", event->type != NULL ? event->type : "");
  soup_message_headers_replace (headers, "X-IC-Id", event->id != NULL ? event->id : "");

  body = g_bytes_new (event->raw, event->len);
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  d->message = g_object_ref (message);
  g_ptr_array_add (self->in_flight, d);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    self->cancellable, deliver_cb, d);
}

/* GObject */

static void
converc_emulator_dispose (GObject *object)
{
  ConvercEmulator *self = (ConvercEmulator *)object;

  g_cancellable_cancel (self->cancellable);
  converc_emulator_stop (self);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (converc_emulator_parent_class)->dispose (object);
}

static void
converc_emulator_finalize (GObject *object)
{
  ConvercEmulator *self = (ConvercEmulator *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->webhooks, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->deliveries, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->in_flight, g_ptr_array_unref);
  g_clear_pointer (&self->live, converc_emulator_generator_free);
  g_clear_pointer (&self->forced_body, g_free);
  g_clear_pointer (&self->retry_after, g_free);

  G_OBJECT_CLASS (converc_emulator_parent_class)->finalize (object);
}

static void
converc_emulator_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConvercEmulator *self = CONVERC_EMULATOR (object);

  switch (prop_id)
    {
    case PROP_API_KEY:
      g_value_set_string (value, self->api_key);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
converc_emulator_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConvercEmulator *self = CONVERC_EMULATOR (object);

  switch (prop_id)
    {
    case PROP_API_KEY:
      g_free (self->api_key);
      self->api_key = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
converc_emulator_class_init (ConvercEmulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = converc_emulator_dispose;
  object_class->finalize = converc_emulator_finalize;
  object_class->get_property = converc_emulator_get_property;
  object_class->set_property = converc_emulator_set_property;

  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL,
                         CONVERC_EMULATOR_DEMO_KEY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ConvercEmulator::delivery-finished:
   * @index: the index of the new delivery record
   *
   * Emitted when a delivery to a receiver completed (or failed).
   */
  signals[DELIVERY_FINISHED] =
    g_signal_new ("delivery-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
converc_emulator_init (ConvercEmulator *self)
{
  self->cancellable = g_cancellable_new ();
  self->webhooks = g_ptr_array_new_with_free_func (emu_webhook_free);
  self->events = g_ptr_array_new_with_free_func (emu_event_free);
  self->deliveries = g_ptr_array_new_with_free_func (delivery_record_free);
  self->pending = g_ptr_array_new_with_free_func (pending_reply_free);
  self->in_flight = g_ptr_array_new ();
  self->live = converc_emulator_generator_new (g_random_int ());
  self->session = soup_session_new_with_options ("timeout", DELIVERY_TIMEOUT_SECONDS,
                                                 "idle-timeout", DELIVERY_TIMEOUT_SECONDS,
                                                 "user-agent", "Converc-Webhooks/1.0",
                                                 NULL);
}

/* Public API */

ConvercEmulator *
converc_emulator_new (const char *api_key)
{
  return g_object_new (CONVERC_TYPE_EMULATOR,
                       "api-key", api_key != NULL ? api_key : CONVERC_EMULATOR_DEMO_KEY,
                       NULL);
}

gboolean
converc_emulator_start (ConvercEmulator  *self,
                        guint             port,
                        GError          **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;
  guint bound_port = 0;

  g_return_val_if_fail (CONVERC_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;

  server = soup_server_new ("server-header", "converc-emulator/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (server, "/", api_handler_cb, self, NULL);
  soup_server_add_handler (server, DEMO_RECEIVER_PREFIX, demo_receiver_cb, self, NULL);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, (guint16)port);
  if (!soup_server_listen (server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  if (uris != NULL)
    bound_port = (guint)g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  self->server = g_steal_pointer (&server);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", bound_port);
  resolve_demo_urls (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);

  return TRUE;
}

void
converc_emulator_stop (ConvercEmulator *self)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  /* Answer whatever waits for the latency knob before going away */
  while (self->pending->len > 0)
    {
      PendingReply *p = g_ptr_array_index (self->pending, self->pending->len - 1);

      g_clear_handle_id (&p->source_id, g_source_remove);
      soup_server_message_unpause (p->msg);
      g_ptr_array_remove_index (self->pending, self->pending->len - 1);
    }

  /* Test requests waiting for a delivery lose their connection with the
   * server: the delivery goes on, but nobody is left to answer */
  for (guint i = 0; i < self->in_flight->len; i++)
    {
      Delivery *d = g_ptr_array_index (self->in_flight, i);

      g_clear_object (&d->test_request);
    }

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }

  if (self->base_url != NULL)
    {
      g_clear_pointer (&self->base_url, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
    }
}

const char *
converc_emulator_get_base_url (ConvercEmulator *self)
{
  g_return_val_if_fail (CONVERC_IS_EMULATOR (self), NULL);

  return self->base_url;
}

const char *
converc_emulator_get_api_key (ConvercEmulator *self)
{
  g_return_val_if_fail (CONVERC_IS_EMULATOR (self), NULL);

  return self->api_key;
}

void
converc_emulator_set_reference_time (ConvercEmulator *self,
                                     gint64           unix_usec)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  self->reference_time = unix_usec;
}

void
converc_emulator_set_delivery_timeout (ConvercEmulator *self,
                                       guint            seconds)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  soup_session_set_timeout (self->session, seconds);
}

void
converc_emulator_seed (ConvercEmulator *self,
                       guint            n_events,
                       guint32          seed)
{
  static const struct {
    const char *path;
    const char *events;
    gboolean    active;
    guint       age_days;
  } seeded[] = {
    { "/demo-receiver/crm", "call.ended call.transcript_ready call.recording_ready", TRUE, 41 },
    { "/demo-receiver/analytics", "", TRUE, 27 },
    { "/demo-receiver/helpdesk", "call.missed call.canceled call.requested", TRUE, 12 },
    { "/demo-receiver/legacy-zapier", "call.requested call.accepted", FALSE, 96 },
  };
  g_autoptr(ConvercEmulatorGenerator) gen = NULL;
  gint64 now;

  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  gen = converc_emulator_generator_new (seed ^ 0x5EED);
  now = now_usec (self);

  for (guint i = 0; i < G_N_ELEMENTS (seeded); i++)
    {
      EmuWebhook *w = g_new0 (EmuWebhook, 1);
      g_autofree char *tail = converc_emulator_generator_alnum (gen, 20);
      g_autofree char *hex = converc_emulator_generator_hex (gen, 32);

      w->id = g_strconcat ("wh_", tail, NULL);
      w->demo_path = g_strdup (seeded[i].path);
      w->events = g_strsplit (seeded[i].events, " ", -1);
      if (w->events[0] != NULL && w->events[0][0] == '\0')
        {
          g_strfreev (w->events);
          w->events = g_new0 (char *, 1);
        }
      w->is_active = seeded[i].active;
      w->created = now - (gint64)seeded[i].age_days * 86400 * G_USEC_PER_SEC -
                   (gint64)converc_emulator_generator_int_range (gen, 0, 86400000) * 1000;
      w->updated = w->created;
      if (!w->is_active)
        w->updated = now - (gint64)converc_emulator_generator_int_range (gen, 1, 20 * 86400) *
                     G_USEC_PER_SEC;
      w->secret = g_strconcat ("whsec_", hex, NULL);
      g_ptr_array_add (self->webhooks, w);
    }

  resolve_demo_urls (self);
  converc_emulator_generate_events (self, n_events, seed);
}

void
converc_emulator_generate_events (ConvercEmulator *self,
                                  guint            n,
                                  guint32          seed)
{
  g_autoptr(ConvercEmulatorGenerator) gen = NULL;
  g_autofree gint64 *times = NULL;
  g_autofree const char **types = NULL;
  gint64 now;
  gint64 last;
  gint64 end;
  gint64 span;
  gint64 mean_gap;
  guint n_all_types;
  const char * const *all_types;

  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  if (n == 0)
    return;

  gen = converc_emulator_generator_new (seed);
  now = now_usec (self);
  last = last_event_time (self);

  /* Spread over the last few days (or the time since the newest event
   * already there), ending a little before now */
  end = now - (gint64)converc_emulator_generator_int_range (gen, 5000, 120000) * 1000;
  span = (gint64)3 * 86400 * G_USEC_PER_SEC;
  if (last != 0)
    span = MIN (span, (end - last) / 2);
  mean_gap = MAX (span / n, 2000);
  times = g_new (gint64, n);
  times[n - 1] = end;
  for (guint i = n - 1; i > 0; i--)
    {
      /* 1 ms .. 2 × mean: strictly ordered, irregular */
      gint64 gap = 1000 + (gint64)converc_emulator_generator_int_range (gen, 0, 2000) *
                   (mean_gap / 1000);

      times[i - 1] = times[i] - gap;
    }

  /* Always newer than what is there already ("newest last"): when there is
   * no room before now, follow the newest event a few seconds apart */
  if (last != 0 && times[0] <= last)
    {
      times[0] = last + 1000 + (gint64)converc_emulator_generator_int_range (gen, 0, 3000) * 1000;
      for (guint i = 1; i < n; i++)
        times[i] = times[i - 1] + 1000 +
                   (gint64)converc_emulator_generator_int_range (gen, 0, 3000) * 1000;
    }

  /* Every type shows up among the newest events */
  types = g_new0 (const char *, n);
  for (guint i = 0; i < n; i++)
    types[i] = converc_emulator_generator_pick_type (gen);

  all_types = converc_emulator_documented_types (&n_all_types);
  if (n > n_all_types)
    {
      guint order[16];

      for (guint i = 0; i <= n_all_types; i++)
        order[i] = i;
      for (guint i = n_all_types; i > 0; i--)
        {
          guint j = converc_emulator_generator_int_range (gen, 0, i + 1);
          guint tmp = order[i];

          order[i] = order[j];
          order[j] = tmp;
        }
      for (guint i = 0; i <= n_all_types; i++)
        types[n - 1 - i] = order[i] < n_all_types ? all_types[order[i]]
                                                  : CONVERC_EMULATOR_UNDOCUMENTED_TYPE;
    }

  for (guint i = 0; i < n; i++)
    {
      char *id = NULL;
      char *raw = converc_emulator_generator_render (gen, types[i], times[i], &id);

      add_event (self, id, types[i], raw, times[i]);
    }
}

void
converc_emulator_add_raw_event (ConvercEmulator *self,
                                const char      *raw_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *id = NULL;
  g_autofree char *type = NULL;

  g_return_if_fail (CONVERC_IS_EMULATOR (self));
  g_return_if_fail (raw_json != NULL);

  if (json_parser_load_from_data (parser, raw_json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));
      JsonNode *node;

      node = json_object_get_member (object, "id");
      if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
        id = g_strdup (json_node_get_string (node));

      node = json_object_get_member (object, "type");
      if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
        type = g_strdup (json_node_get_string (node));
    }

  add_event (self, g_steal_pointer (&id), type, g_strdup (raw_json), 0);
}

void
converc_emulator_emit_event (ConvercEmulator *self,
                             const char      *type)
{
  EmuEvent *event;

  g_return_if_fail (CONVERC_IS_EMULATOR (self));
  g_return_if_fail (type != NULL);

  event = make_live_event (self, type);

  for (guint i = 0; i < self->webhooks->len; i++)
    {
      EmuWebhook *w = g_ptr_array_index (self->webhooks, i);

      if (w->is_active && webhook_wants (w, type))
        deliver (self, w, event, NULL);
    }
}

guint
converc_emulator_get_n_events (ConvercEmulator *self)
{
  g_return_val_if_fail (CONVERC_IS_EMULATOR (self), 0);

  return self->events->len;
}

guint
converc_emulator_get_n_webhooks (ConvercEmulator *self)
{
  g_return_val_if_fail (CONVERC_IS_EMULATOR (self), 0);

  return self->webhooks->len;
}

const char *
converc_emulator_get_secret (ConvercEmulator *self,
                             const char      *webhook_id)
{
  EmuWebhook *w;

  g_return_val_if_fail (CONVERC_IS_EMULATOR (self), NULL);
  g_return_val_if_fail (webhook_id != NULL, NULL);

  w = find_webhook (self, webhook_id);
  return w != NULL ? w->secret : NULL;
}

void
converc_emulator_set_latency (ConvercEmulator *self,
                              guint            milliseconds)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  self->latency = milliseconds;
}

void
converc_emulator_set_forced_status (ConvercEmulator *self,
                                    guint            status,
                                    const char      *body)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  self->forced_status = status;
  g_free (self->forced_body);
  self->forced_body = g_strdup (body);
}

void
converc_emulator_set_rate_limited (ConvercEmulator *self,
                                   gboolean         rate_limited,
                                   const char      *retry_after)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  self->rate_limited = !!rate_limited;
  g_free (self->retry_after);
  self->retry_after = g_strdup (retry_after);
}

void
converc_emulator_set_malformed (ConvercEmulator *self,
                                gboolean         malformed)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  self->malformed = !!malformed;
}

void
converc_emulator_reset_knobs (ConvercEmulator *self)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  self->latency = 0;
  self->latency_once = 0;
  self->forced_status = 0;
  g_clear_pointer (&self->forced_body, g_free);
  self->rate_limited = FALSE;
  g_clear_pointer (&self->retry_after, g_free);
  self->malformed = FALSE;
}

guint
converc_emulator_get_n_requests (ConvercEmulator *self)
{
  g_return_val_if_fail (CONVERC_IS_EMULATOR (self), 0);

  return self->n_requests;
}

guint
converc_emulator_get_n_deliveries (ConvercEmulator *self)
{
  g_return_val_if_fail (CONVERC_IS_EMULATOR (self), 0);

  return self->deliveries->len;
}

const ConvercEmulatorDelivery *
converc_emulator_get_delivery (ConvercEmulator *self,
                               guint            index)
{
  g_return_val_if_fail (CONVERC_IS_EMULATOR (self), NULL);
  g_return_val_if_fail (index < self->deliveries->len, NULL);

  return g_ptr_array_index (self->deliveries, index);
}

/* The next response only waits @milliseconds (after the request was
 * handled): a create whose answer is lost, for tests. */
void
converc_emulator_set_latency_once (ConvercEmulator *self,
                                   guint            milliseconds)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  self->latency_once = milliseconds;
}
