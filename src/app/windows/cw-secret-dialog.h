/* cw-secret-dialog.h
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

#include <adwaita.h>

#include "cw-types.h"

G_BEGIN_DECLS

#define CW_TYPE_SECRET_DIALOG (cw_secret_dialog_get_type())

G_DECLARE_FINAL_TYPE (CwSecretDialog, cw_secret_dialog, CW, SECRET_DIALOG, AdwWindow)

CwSecretDialog *cw_secret_dialog_new           (const char         *secret,
                                                const char         *url,
                                                CwSecretSaveStatus  status,
                                                const char         *status_message);
gboolean        cw_secret_dialog_get_can_close (CwSecretDialog     *self);

G_END_DECLS
