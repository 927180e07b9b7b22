/* converc-webhook.h
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

#include <glib-object.h>

G_BEGIN_DECLS

#define CONVERC_TYPE_WEBHOOK (converc_webhook_get_type())

G_DECLARE_FINAL_TYPE (ConvercWebhook, converc_webhook, CONVERC, WEBHOOK, GObject)

/* Properties: "id", "url", "events" (GStrv, empty = every event type),
 * "is-active", "created-at", "updated-at" (raw strings as the server sent them). */
ConvercWebhook     *converc_webhook_new              (const char          *id,
                                                      const char          *url,
                                                      const char * const  *events,
                                                      gboolean             is_active,
                                                      const char          *created_at,
                                                      const char          *updated_at);
const char         *converc_webhook_get_id           (ConvercWebhook      *self);
const char         *converc_webhook_get_url          (ConvercWebhook      *self);
const char * const *converc_webhook_get_events       (ConvercWebhook      *self);
gboolean            converc_webhook_get_all_events   (ConvercWebhook      *self);
gboolean            converc_webhook_get_is_active    (ConvercWebhook      *self);
void                converc_webhook_set_is_active    (ConvercWebhook      *self,
                                                      gboolean             is_active);
const char         *converc_webhook_get_created_at   (ConvercWebhook      *self);
const char         *converc_webhook_get_updated_at   (ConvercWebhook      *self);
void                converc_webhook_set_updated_at   (ConvercWebhook      *self,
                                                      const char          *updated_at);
/* TRUE when Converc sends events of @event_type to it: an endpoint with no
 * event list ("All events") receives every type. Active or not. */
gboolean            converc_webhook_receives         (ConvercWebhook      *self,
                                                      const char          *event_type);
/* @needle (case-folded, g_utf8_casefold()) in the URL, id or event list, or
 * in the name of an event type the endpoint receives. */
gboolean            converc_webhook_matches          (ConvercWebhook      *self,
                                                      const char          *needle);
/* "call.ended, call.missed" or "All events" (translated) */
char               *converc_webhook_dup_events_label (ConvercWebhook      *self);

G_END_DECLS
