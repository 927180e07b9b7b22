/* converc-webhook.c
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

/* The one concern of this file: the webhook endpoint model. */

#define G_LOG_DOMAIN "converc-webhook"

#include "config.h"

#include <glib/gi18n.h>

#include "converc-webhook.h"

#include "converc-event-types.h"

#include <string.h>

struct _ConvercWebhook
{
  GObject   parent_instance;

  char     *id;
  char     *url;
  GStrv     events;
  char     *created_at;
  char     *updated_at;
  guint     is_active : 1;
};

G_DEFINE_FINAL_TYPE (ConvercWebhook, converc_webhook, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_EVENTS,
  PROP_ALL_EVENTS,
  PROP_IS_ACTIVE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
converc_webhook_finalize (GObject *object)
{
  ConvercWebhook *self = (ConvercWebhook *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->events, g_strfreev);
  g_clear_pointer (&self->created_at, g_free);
  g_clear_pointer (&self->updated_at, g_free);

  G_OBJECT_CLASS (converc_webhook_parent_class)->finalize (object);
}

static void
converc_webhook_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ConvercWebhook *self = CONVERC_WEBHOOK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_EVENTS:
      g_value_set_boxed (value, self->events);
      break;

    case PROP_ALL_EVENTS:
      g_value_set_boolean (value, converc_webhook_get_all_events (self));
      break;

    case PROP_IS_ACTIVE:
      g_value_set_boolean (value, self->is_active);
      break;

    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_string (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
converc_webhook_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ConvercWebhook *self = CONVERC_WEBHOOK (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    case PROP_EVENTS:
      g_clear_pointer (&self->events, g_strfreev);
      self->events = g_value_dup_boxed (value);
      if (self->events == NULL)
        self->events = g_new0 (char *, 1);
      break;

    case PROP_IS_ACTIVE:
      converc_webhook_set_is_active (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED_AT:
      self->created_at = g_value_dup_string (value);
      break;

    case PROP_UPDATED_AT:
      converc_webhook_set_updated_at (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
converc_webhook_class_init (ConvercWebhookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = converc_webhook_finalize;
  object_class->get_property = converc_webhook_get_property;
  object_class->set_property = converc_webhook_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EVENTS] =
    g_param_spec_boxed ("events", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ALL_EVENTS] =
    g_param_spec_boolean ("all-events", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_IS_ACTIVE] =
    g_param_spec_boolean ("is-active", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
converc_webhook_init (ConvercWebhook *self)
{
  self->is_active = TRUE;
  self->events = g_new0 (char *, 1);
}

ConvercWebhook *
converc_webhook_new (const char         *id,
                     const char         *url,
                     const char * const *events,
                     gboolean            is_active,
                     const char         *created_at,
                     const char         *updated_at)
{
  return g_object_new (CONVERC_TYPE_WEBHOOK,
                       "id", id,
                       "url", url,
                       "events", events,
                       "is-active", is_active,
                       "created-at", created_at,
                       "updated-at", updated_at,
                       NULL);
}

const char *
converc_webhook_get_id (ConvercWebhook *self)
{
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (self), NULL);
  return self->id;
}

const char *
converc_webhook_get_url (ConvercWebhook *self)
{
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (self), NULL);
  return self->url;
}

/**
 * converc_webhook_get_events:
 *
 * Returns: (transfer none): the subscribed types; empty means every type
 */
const char * const *
converc_webhook_get_events (ConvercWebhook *self)
{
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (self), NULL);
  return (const char * const *)self->events;
}

gboolean
converc_webhook_get_all_events (ConvercWebhook *self)
{
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (self), FALSE);
  return self->events == NULL || self->events[0] == NULL;
}

gboolean
converc_webhook_get_is_active (ConvercWebhook *self)
{
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (self), FALSE);
  return self->is_active;
}

void
converc_webhook_set_is_active (ConvercWebhook *self,
                               gboolean        is_active)
{
  g_return_if_fail (CONVERC_IS_WEBHOOK (self));

  is_active = !!is_active;
  if (self->is_active != is_active)
    {
      self->is_active = is_active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_ACTIVE]);
    }
}

const char *
converc_webhook_get_created_at (ConvercWebhook *self)
{
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (self), NULL);
  return self->created_at;
}

const char *
converc_webhook_get_updated_at (ConvercWebhook *self)
{
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (self), NULL);
  return self->updated_at;
}

void
converc_webhook_set_updated_at (ConvercWebhook *self,
                                const char     *updated_at)
{
  g_return_if_fail (CONVERC_IS_WEBHOOK (self));

  if (g_strcmp0 (self->updated_at, updated_at) != 0)
    {
      g_free (self->updated_at);
      self->updated_at = g_strdup (updated_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
    }
}

/**
 * converc_webhook_receives:
 * @event_type: an event type such as "call.ended"
 *
 * Whether the endpoint is subscribed to @event_type. An endpoint that chose
 * no event types is subscribed to all of them, so it receives every type.
 * Whether it is active is not considered.
 *
 * Returns: %TRUE when Converc sends @self events of @event_type
 */
gboolean
converc_webhook_receives (ConvercWebhook *self,
                          const char     *event_type)
{
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (self), FALSE);
  g_return_val_if_fail (event_type != NULL, FALSE);

  if (converc_webhook_get_all_events (self))
    return TRUE;

  return g_strv_contains ((const char * const *) self->events, event_type);
}

/**
 * converc_webhook_dup_events_label:
 *
 * Returns: (transfer full): "call.ended, call.missed", or "All events" when
 *   the endpoint chose none
 */
char *
converc_webhook_dup_events_label (ConvercWebhook *self)
{
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (self), NULL);

  if (converc_webhook_get_all_events (self))
    return g_strdup (_("All events"));

  return g_strjoinv (", ", self->events);
}

/**
 * converc_webhook_matches:
 * @needle: the search text, case-folded (g_utf8_casefold()), not empty
 *
 * A search for endpoints (the app's Endpoints page): @needle in the URL,
 * id or event list, or in the name of an event type that the endpoint
 * receives. So "call.ended" finds the endpoints subscribed to all events.
 *
 * Returns: %TRUE when @self matches
 */
gboolean
converc_webhook_matches (ConvercWebhook *self,
                         const char     *needle)
{
  const ConvercEventTypeInfo *types;
  g_autofree char *events = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;
  guint n_types;

  g_return_val_if_fail (CONVERC_IS_WEBHOOK (self), FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  events = converc_webhook_dup_events_label (self);
  haystack = g_strjoin ("\n",
                        converc_webhook_get_url (self),
                        converc_webhook_get_id (self),
                        events,
                        NULL);
  folded = g_utf8_casefold (haystack, -1);
  if (strstr (folded, needle) != NULL)
    return TRUE;

  /* Type names are lower-case ASCII: folding leaves them as they are. */
  types = converc_event_types_get (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      if (strstr (types[i].name, needle) != NULL &&
          converc_webhook_receives (self, types[i].name))
        return TRUE;
    }

  return FALSE;
}
