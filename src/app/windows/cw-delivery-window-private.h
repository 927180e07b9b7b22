/* cw-delivery-window-private.h
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

/* The one concern of this file: the delivery window's fields, for its
 * tests. */

#pragma once

#include "cw-delivery-window.h"
#include "cw-exchange-view.h"

G_BEGIN_DECLS

struct _CwDeliveryWindow
{
  AdwWindow                parent_instance;

  ConvercWebhook          *webhook;
  char                    *base_url;
  ConvercSecretStore      *store;
  ConvercDeliveryOutcomes *outcomes;
  GCancellable            *cancellable;
  GBytes                  *event;
  char                    *event_type;
  char                    *event_id;
  guint                    timeout_ms;
  gboolean                 sending;
  gboolean                 outcomes_loaded;
  gboolean                 disposed;
  /* Outcomes shown but not yet in a save, oldest first; one save at a time */
  GPtrArray               *unsaved;
  gboolean                 saving;

  /* Template widgets */
  AdwActionRow            *event_row;
  CwExchangeView          *exchange_view;
  GtkListBox              *outcomes_list;
  GtkLabel                *outcomes_problem_label;
  GtkLabel                *problem_label;
  GtkButton               *send_button;
  GtkSpinner              *spinner;
  AdwEntryRow             *url_row;
};

G_END_DECLS
