/* cw-exchange-view.h
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

/* The one concern of this file: showing one delivery exchange (what was
 * sent, what came back) as a widget. */

#pragma once

#include <adwaita.h>

#include "converc.h"

G_BEGIN_DECLS

#define CW_TYPE_EXCHANGE_VIEW (cw_exchange_view_get_type())

G_DECLARE_FINAL_TYPE (CwExchangeView, cw_exchange_view, CW, EXCHANGE_VIEW, AdwBin)

GtkWidget               *cw_exchange_view_new          (void);
ConvercDeliveryExchange *cw_exchange_view_get_exchange (CwExchangeView          *self);
void                     cw_exchange_view_set_exchange (CwExchangeView          *self,
                                                        ConvercDeliveryExchange *exchange);
/* What the view shows, for tests and accessibility checks */
const char              *cw_exchange_view_get_status_text (CwExchangeView       *self);
char                    *cw_exchange_view_dup_body_text   (CwExchangeView       *self);

G_END_DECLS
