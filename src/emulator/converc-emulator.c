/* converc-emulator.c
 *
 * The emulator object: its state (endpoints, events, deliveries), the
 * server's start and stop, seeding and generating data, and the test knobs.
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

#define DELIVERY_TIMEOUT_SECONDS  10
#define DEMO_RECEIVER_PREFIX      "/demo-receiver/"

G_DEFINE_FINAL_TYPE (ConvercEmulator, converc_emulator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_KEY,
  PROP_BASE_URL,
  N_PROPS
};

enum {
  DELIVERY_FINISHED,
  ANSWER_STARTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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

gint64
converc_emulator_now_usec (ConvercEmulator *self)
{
  g_assert (CONVERC_IS_EMULATOR (self));

  if (self->reference_time != 0)
    return self->reference_time;
  return g_get_real_time ();
}

EmuWebhook *
converc_emulator_find_webhook (ConvercEmulator *self,
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

void
converc_emulator_write_webhook (GString    *s,
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

  /* Like Converc's server: only the newest events are kept. */
  if (self->max_events > 0 && self->events->len > self->max_events)
    g_ptr_array_remove_range (self->events, 0, self->events->len - self->max_events);

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
EmuEvent *
converc_emulator_make_live_event (ConvercEmulator *self,
                                  const char      *type)
{
  char *id = NULL;
  char *raw;
  gint64 created = converc_emulator_now_usec (self);
  gint64 last = last_event_time (self);

  g_assert (CONVERC_IS_EMULATOR (self));

  if (created <= last)
    created = last + 1000;

  raw = converc_emulator_generator_render (self->live, type, created, &id);
  return add_event (self, id, type, raw, created);
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

  /**
   * ConvercEmulator::answer-started:
   * @path: the path asked for
   * @status: the answer's status
   *
   * Emitted, in the emulator's thread, once the status line and headers
   * of an answer to the API were written to its connection: when the
   * client's first byte of it is on its way (benchmarks time from it).
   */
  signals[ANSWER_STARTED] =
    g_signal_new ("answer-started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

void
converc_emulator_answer_started (ConvercEmulator   *self,
                                  SoupServerMessage *msg)
{
  g_assert (CONVERC_IS_EMULATOR (self));

  g_signal_emit (self, signals[ANSWER_STARTED], 0,
                 g_uri_get_path (soup_server_message_get_uri (msg)),
                 soup_server_message_get_status (msg));
}

static void
converc_emulator_init (ConvercEmulator *self)
{
  self->cancellable = g_cancellable_new ();
  self->webhooks = g_ptr_array_new_with_free_func (emu_webhook_free);
  self->events = g_ptr_array_new_with_free_func (emu_event_free);
  self->deliveries = g_ptr_array_new_with_free_func (converc_emulator_delivery_record_free);
  self->pending = g_ptr_array_new_with_free_func (converc_emulator_pending_reply_free);
  self->in_flight = g_ptr_array_new ();
  self->live = converc_emulator_generator_new (g_random_int ());
  self->session = soup_session_new_with_options ("timeout", DELIVERY_TIMEOUT_SECONDS,
                                                 "idle-timeout", DELIVERY_TIMEOUT_SECONDS,
                                                 "user-agent", "Converc-Webhooks/1.0",
                                                 NULL);
}

/* Private API */

/* Tells listeners about the delivery recorded last. */
void
converc_emulator_delivery_finished (ConvercEmulator *self)
{
  g_assert (CONVERC_IS_EMULATOR (self));

  g_signal_emit (self, signals[DELIVERY_FINISHED], 0, self->deliveries->len - 1);
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
  soup_server_add_handler (server, "/", converc_emulator_api_handler_cb, self, NULL);
  soup_server_add_handler (server, DEMO_RECEIVER_PREFIX, converc_emulator_demo_receiver_cb, self, NULL);

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
  now = converc_emulator_now_usec (self);

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
  now = converc_emulator_now_usec (self);
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

  event = converc_emulator_make_live_event (self, type);

  for (guint i = 0; i < self->webhooks->len; i++)
    {
      EmuWebhook *w = g_ptr_array_index (self->webhooks, i);

      if (w->is_active && webhook_wants (w, type))
        converc_emulator_deliver (self, w, event, NULL);
    }
}

/**
 * converc_emulator_set_max_events:
 * @max_events: how many of the newest events are kept; 0: all
 *
 * Like Converc's server, which answers from a window of its newest events:
 * the oldest events beyond @max_events are dropped, now and whenever
 * events are added.
 */
void
converc_emulator_set_max_events (ConvercEmulator *self,
                                 guint            max_events)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  self->max_events = max_events;
  if (max_events > 0 && self->events->len > max_events)
    g_ptr_array_remove_range (self->events, 0, self->events->len - max_events);
}

/**
 * converc_emulator_set_max_display:
 * @max_display: the most events a request may ask for; 0: any
 *
 * The API documents no maximum of `display`; a server may have one. With
 * one, a request that asks for more is refused with HTTP 400 and
 * `{"error": "display must be between 1 and N"}`.
 */
void
converc_emulator_set_max_display (ConvercEmulator *self,
                                  guint            max_display)
{
  g_return_if_fail (CONVERC_IS_EMULATOR (self));

  self->max_display = max_display;
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

  w = converc_emulator_find_webhook (self, webhook_id);
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
  self->max_display = 0;
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

