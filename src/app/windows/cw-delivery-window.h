/* cw-delivery-window.h
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

/* The one concern of this file: the window that sends a signed event from
 * this computer to an endpoint and shows the exchange. */

#pragma once

#include <adwaita.h>

#include "converc.h"

G_BEGIN_DECLS

#define CW_TYPE_DELIVERY_WINDOW (cw_delivery_window_get_type())

G_DECLARE_FINAL_TYPE (CwDeliveryWindow, cw_delivery_window, CW, DELIVERY_WINDOW, AdwWindow)

/* @store: where the endpoint's secret is (NULL: none available);
 * @outcomes_file: NULL for converc_delivery_outcomes_default_file(). */
CwDeliveryWindow *cw_delivery_window_new         (ConvercWebhook     *webhook,
                                                  const char         *base_url,
                                                  ConvercSecretStore *store,
                                                  GFile              *outcomes_file);
/* Sends this event (exact bytes) instead of a webhook.test */
void              cw_delivery_window_set_event   (CwDeliveryWindow   *self,
                                                  GBytes             *raw,
                                                  const char         *event_type,
                                                  const char         *event_id);
/* Milliseconds; 0 for the default (tests shorten it) */
void              cw_delivery_window_set_timeout (CwDeliveryWindow   *self,
                                                  guint               timeout_ms);
void              cw_delivery_window_send        (CwDeliveryWindow   *self);

G_END_DECLS
