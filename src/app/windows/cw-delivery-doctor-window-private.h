/* cw-delivery-doctor-window-private.h
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

/* The one concern of this file: the window's struct, for its tests. */

#pragma once

#include "cw-delivery-doctor-window.h"

G_BEGIN_DECLS

struct _CwDeliveryDoctorWindow
{
  AdwWindow           parent_instance;

  ConvercSecretStore *store;
  char               *base_url;
  GCancellable       *cancellable;
  ConvercDoctor      *doctor;
  ConvercDiagnosis   *diagnosis;
  GBytes             *body;
  char               *header;

  /* Template widgets */
  GtkTextView        *body_view;
  GtkButton          *check_button;
  AdwEntryRow        *header_row;
  GtkStack           *input_stack;
  GtkTextView        *request_view;
  GtkLabel           *result_explanation;
  GtkBox             *result_box;
  GtkImage           *result_icon;
  GtkLabel           *result_title;
  AdwPasswordEntryRow *secret_row;
  GtkSpinner         *spinner;
};

G_END_DECLS
