/* converc-emulator-deliveries.c
 *
 * Deliveries: signing an event and posting it to an endpoint's URL, and
 * recording what the receiver answered.
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

#include <libsoup/soup.h>

#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "converc-signature.h"

void
converc_emulator_delivery_record_free (gpointer data)
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

/* Keeps what the receiver answered, or why it could not be reached. */
static void
record_delivery (ConvercEmulator *self,
                 Delivery        *d,
                 guint            status,
                 const char      *error)
{
  ConvercEmulatorDelivery *record = g_new0 (ConvercEmulatorDelivery, 1);

  g_assert (CONVERC_IS_EMULATOR (self));

  record->webhook_id = g_strdup (d->webhook_id);
  record->event_id = g_strdup (d->event_id);
  record->event_type = g_strdup (d->event_type);
  record->status = (int)status;
  record->error = g_strdup (error);
  g_ptr_array_add (self->deliveries, record);
}

static void
deliver_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Delivery *d = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ConvercEmulator *self;
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

  record_delivery (self, d, status, error != NULL ? error->message : NULL);

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

      converc_emulator_finish_response (self, d->test_request, SOUP_STATUS_OK,
                                        converc_emulator_json_finish (s), TRUE);
    }

  converc_emulator_delivery_finished (self);

  delivery_free (d);
}

void
converc_emulator_deliver (ConvercEmulator   *self,
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
      record_delivery (self, d, 0, "Invalid endpoint URL");

      if (test_request != NULL)
        converc_emulator_finish_response (self, test_request, SOUP_STATUS_OK,
                                          g_strdup ("{\"ok\":false,\"status\":null,"
                                   "\"error\":\"Invalid endpoint URL\"}"), TRUE);

      converc_emulator_delivery_finished (self);
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

