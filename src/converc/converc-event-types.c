/* converc-event-types.c
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

/* The one concern of this file: the catalogue of documented event types and their descriptions. */

#define G_LOG_DOMAIN "converc-event-types"

#include "config.h"

#include <glib/gi18n.h>

#include "converc-event-types.h"

/* The documented event types, in the order a call lives through them. */
static const ConvercEventTypeInfo event_types[] = {
  { "call.requested",        N_("A visitor starts a call and joins the queue") },
  { "call.accepted",         N_("A representative accepts the call") },
  { "call.canceled",         N_("The visitor leaves before anyone accepts") },
  { "call.missed",           N_("Nobody accepts before the ring timeout") },
  { "call.ended",            N_("A call ends") },
  { "call.transcript_ready", N_("The call transcript is ready") },
  { "call.recording_ready",  N_("The recording finished uploading") },
  { "webhook.test",          N_("Sent by the test endpoint") },
};

/**
 * converc_event_types_get:
 * @n_types: (out) (optional): the number of types
 *
 * Returns: (array length=n_types): the documented event types; their
 *   descriptions are untranslated (use converc_event_type_describe())
 */
const ConvercEventTypeInfo *
converc_event_types_get (guint *n_types)
{
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (event_types);
  return event_types;
}

/**
 * converc_event_type_describe:
 * @type: (nullable): an event type name
 *
 * Returns: (nullable): the translated one-line description, or %NULL for a
 *   type the documentation does not list
 */
const char *
converc_event_type_describe (const char *type)
{
  if (type == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (event_types); i++)
    if (g_strcmp0 (event_types[i].name, type) == 0)
      return g_dgettext (GETTEXT_PACKAGE, event_types[i].description);

  return NULL;
}

gboolean
converc_event_type_is_known (const char *type)
{
  return converc_event_type_describe (type) != NULL;
}
