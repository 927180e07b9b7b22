/* cw-secret-dialog-private.h
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

#include "cw-secret-dialog.h"

G_BEGIN_DECLS

struct _CwSecretDialog
{
  AdwWindow           parent_instance;

  char               *secret;
  char               *url;
  char               *status_message;
  CwSecretSaveStatus  status;

  /* Template widgets */
  GtkLabel           *body_label;
  GtkCheckButton     *copied_check;
  GtkButton          *copy_button;
  GtkButton          *done_button;
  GtkLabel           *secret_label;
  GtkImage           *status_icon;
  AdwActionRow       *status_row;
};

G_END_DECLS
