/* converc-diagnosis-private.h
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

/* The one concern of this file: how the doctor fills in a diagnosis. */

#pragma once

#include "converc-diagnosis.h"

G_BEGIN_DECLS

typedef struct
{
  ConvercDiagnosisKind     kind;
  char                    *secret_label;  /* not the secret */
  ConvercBodyChange        body_change;
  ConvercSecretMisuse      secret_misuse;
  ConvercHeaderProblem     header_problem;
  char                     *header_part;  /* the offending part, shown sanitised */
  ConvercTimestampProblem  timestamp_problem;
  gboolean                 has_timestamp;
  gint64                   timestamp;
  gint64                   age;
  gint64                   tolerance;
  guint                    n_secrets;
  gboolean                 checks_limited;
} ConvercDiagnosisFacts;

/* Takes the facts (their strings are copied) and writes the sentences. */
ConvercDiagnosis *converc_diagnosis_new (const ConvercDiagnosisFacts *facts);

G_END_DECLS
