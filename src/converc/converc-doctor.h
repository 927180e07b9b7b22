/* converc-doctor.h
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

/* The one concern of this file: explaining why a delivery's signature fails. */

#pragma once

#include <gio/gio.h>

#include "converc-diagnosis.h"

G_BEGIN_DECLS

/* ConvercDoctor: the candidate secrets and the tolerance; diagnose() may run
 * in a thread (the async variant does). A preferred secret is the one the
 * user expects (the one they gave); a match with another is then reported
 * as VALID_OTHER_SECRET. */
#define CONVERC_TYPE_DOCTOR (converc_doctor_get_type ())

G_DECLARE_FINAL_TYPE (ConvercDoctor, converc_doctor, CONVERC, DOCTOR, GObject)

ConvercDoctor           *converc_doctor_new                      (void);
/* @label: "endpoint wh_123 (https://…)" or "the secret you gave"; shown to
 * the user. @secret is copied and wiped when the doctor goes. */
void                     converc_doctor_add_secret               (ConvercDoctor        *self,
                                                                  const char           *label,
                                                                  const char           *secret,
                                                                  gboolean              preferred);
guint                    converc_doctor_get_n_secrets            (ConvercDoctor        *self);
/* Seconds; 0 or less: no age check. Default CONVERC_SIGNATURE_DEFAULT_TOLERANCE. */
void                     converc_doctor_set_tolerance            (ConvercDoctor        *self,
                                                                  gint64                tolerance);
/* @header: the X-IC-Signature value (a leading "X-IC-Signature:" is allowed)
 * or NULL; @body: the body as received; @now_unix: seconds since the epoch. */
ConvercDiagnosis        *converc_doctor_diagnose                 (ConvercDoctor        *self,
                                                                  const char           *header,
                                                                  GBytes               *body,
                                                                  gint64                now_unix);
void                     converc_doctor_diagnose_async           (ConvercDoctor        *self,
                                                                  const char           *header,
                                                                  GBytes               *body,
                                                                  gint64                now_unix,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
ConvercDiagnosis        *converc_doctor_diagnose_finish          (ConvercDoctor        *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

G_END_DECLS
