/* converc-client.c
 *
 * The API client object: its session, base URL, API key, timeout and limits.
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

#include <string.h>

#include "converc-client-private.h"

G_DEFINE_FINAL_TYPE (ConvercClient, converc_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

