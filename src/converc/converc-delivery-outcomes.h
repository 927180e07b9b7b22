/* converc-delivery-outcomes.h
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

/* The one concern of this file: the last outcomes of deliveries per
 * endpoint, kept in a small file so that they survive restarts. */

#pragma once

#include <gio/gio.h>

#include "converc-delivery.h"

G_BEGIN_DECLS

#define CONVERC_DELIVERY_OUTCOMES_MAX 20
/* Endpoints kept at most (demo runs add a new base URL each time): the one
 * whose newest outcome is oldest goes first. */
#define CONVERC_DELIVERY_OUTCOMES_MAX_ENDPOINTS 200

#define CONVERC_TYPE_DELIVERY_OUTCOMES (converc_delivery_outcomes_get_type ())

G_DECLARE_FINAL_TYPE (ConvercDeliveryOutcomes, converc_delivery_outcomes,
                      CONVERC, DELIVERY_OUTCOMES, GObject)

/* $XDG_DATA_HOME/converc-webhooks/deliveries.json. The file holds no
 * secret: exchanges keep the signature header, never the secret. It is
 * written atomically, readable by its owner only (0600). */
GFile                   *converc_delivery_outcomes_default_file (void);
ConvercDeliveryOutcomes *converc_delivery_outcomes_new          (GFile                    *file);
GFile                   *converc_delivery_outcomes_get_file     (ConvercDeliveryOutcomes  *self);
/* A missing file is no error. A file that cannot be read is: the outcomes
 * then start empty, and the next save replaces it. */
gboolean                 converc_delivery_outcomes_load         (ConvercDeliveryOutcomes  *self,
                                                                 GCancellable             *cancellable,
                                                                 GError                  **error);
void                     converc_delivery_outcomes_load_async   (ConvercDeliveryOutcomes  *self,
                                                                 GCancellable             *cancellable,
                                                                 GAsyncReadyCallback       callback,
                                                                 gpointer                  user_data);
gboolean                 converc_delivery_outcomes_load_finish  (ConvercDeliveryOutcomes  *self,
                                                                 GAsyncResult             *result,
                                                                 GError                  **error);
/* Newest first; a new array of references */
GPtrArray               *converc_delivery_outcomes_list         (ConvercDeliveryOutcomes  *self,
                                                                 const char               *base_url,
                                                                 const char               *webhook_id);
/* Keeps the newest CONVERC_DELIVERY_OUTCOMES_MAX per endpoint */
void                     converc_delivery_outcomes_add          (ConvercDeliveryOutcomes  *self,
                                                                 const char               *base_url,
                                                                 const char               *webhook_id,
                                                                 ConvercDeliveryExchange  *exchange);
gboolean                 converc_delivery_outcomes_save         (ConvercDeliveryOutcomes  *self,
                                                                 GCancellable             *cancellable,
                                                                 GError                  **error);
void                     converc_delivery_outcomes_save_async   (ConvercDeliveryOutcomes  *self,
                                                                 GCancellable             *cancellable,
                                                                 GAsyncReadyCallback       callback,
                                                                 gpointer                  user_data);
gboolean                 converc_delivery_outcomes_save_finish  (ConvercDeliveryOutcomes  *self,
                                                                 GAsyncResult             *result,
                                                                 GError                  **error);

G_END_DECLS
