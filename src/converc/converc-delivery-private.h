/* converc-delivery-private.h
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

/* The one concern of this file: the fields of a delivery exchange, shared
 * by the code that sends and the code that stores it. */

#pragma once

#include "converc-delivery.h"

G_BEGIN_DECLS

struct _ConvercDeliveryExchange
{
  GObject                parent_instance;

  ConvercDeliveryOrigin  origin;
  char                  *url;
  char                  *method;
  char                  *http_version;
  GStrv                  request_headers;
  char                  *event_type;
  char                  *event_id;
  gint64                 timestamp;
  gint64                 started_at;
  gint64                 duration;
  guint                  status;
  char                  *reason;
  GStrv                  response_headers;
  GBytes                *body;
  guint64                body_size;
  gboolean               truncated;
  char                  *content_type;
  GError                *error;
};

ConvercDeliveryExchange *_converc_delivery_exchange_new (ConvercDeliveryOrigin origin);

G_END_DECLS
