/* cw-delivery-doctor-window.h
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

/* The one concern of this file: the "Check a Delivery" window (the delivery doctor). */

#pragma once

#include <adwaita.h>

#include "converc.h"

G_BEGIN_DECLS

#define CW_TYPE_DELIVERY_DOCTOR_WINDOW (cw_delivery_doctor_window_get_type())

G_DECLARE_FINAL_TYPE (CwDeliveryDoctorWindow, cw_delivery_doctor_window, CW,
                      DELIVERY_DOCTOR_WINDOW, AdwWindow)

/* @store and @base_url: where the endpoints' signing secrets are tried from */
CwDeliveryDoctorWindow *cw_delivery_doctor_window_new   (ConvercSecretStore     *store,
                                                         const char             *base_url);
/* Runs the check as the Check button does (for tests and the keyboard) */
void                    cw_delivery_doctor_window_check (CwDeliveryDoctorWindow *self);
/* The diagnosis shown, or NULL before the first check or when the request
 * could not be read */
ConvercDiagnosis       *cw_delivery_doctor_window_get_diagnosis
                                                        (CwDeliveryDoctorWindow *self);

G_END_DECLS
