/* converc-diagnosis.h
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

/* The one concern of this file: what the delivery doctor found, in words. */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the doctor found, most important first. A valid signature whose
 * timestamp is out of the tolerance is CONVERC_DIAGNOSIS_TIMESTAMP; a body
 * change or a misused secret found with an old timestamp keeps its own kind,
 * and converc_diagnosis_get_timestamp_problem() tells about the time. */
typedef enum
{
  CONVERC_DIAGNOSIS_VALID,              /* signature and timestamp right */
  CONVERC_DIAGNOSIS_VALID_OTHER_SECRET, /* right, but with another secret than the preferred one */
  CONVERC_DIAGNOSIS_TIMESTAMP,          /* signature right, timestamp outside the tolerance */
  CONVERC_DIAGNOSIS_BODY_CHANGED,       /* matches a changed body: see get_body_change() */
  CONVERC_DIAGNOSIS_SECRET_MISUSED,     /* matches a misused secret: see get_secret_misuse() */
  CONVERC_DIAGNOSIS_MALFORMED_HEADER,   /* see get_header_problem() */
  CONVERC_DIAGNOSIS_NO_SECRET,          /* no secret to try */
  CONVERC_DIAGNOSIS_UNEXPLAINED,        /* nothing matched, nothing explains it */
} ConvercDiagnosisKind;

/* How the body that arrived differs from the body that was signed. */
typedef enum
{
  CONVERC_BODY_CHANGE_NONE,
  CONVERC_BODY_CHANGE_TRAILING_NEWLINE_ADDED,
  CONVERC_BODY_CHANGE_TRAILING_NEWLINE_REMOVED,
  CONVERC_BODY_CHANGE_LF_TO_CRLF,       /* signed with LF, arrived with CRLF */
  CONVERC_BODY_CHANGE_CRLF_TO_LF,       /* signed with CRLF, arrived with LF */
  CONVERC_BODY_CHANGE_JSON_COMPACT,     /* signed compact, arrived re-serialised */
  CONVERC_BODY_CHANGE_JSON_PRETTY_2,    /* signed pretty-printed (2 spaces) */
  CONVERC_BODY_CHANGE_JSON_PRETTY_4,    /* signed pretty-printed (4 spaces) */
  CONVERC_BODY_CHANGE_JSON_KEYS_ORDER,  /* signed with the keys in another order */
  CONVERC_BODY_CHANGE_UTF8_TO_LATIN1,   /* signed as UTF-8, arrived as Latin-1 */
  CONVERC_BODY_CHANGE_LATIN1_TO_UTF8,   /* signed as Latin-1, arrived as UTF-8 */
} ConvercBodyChange;

/* How the signer's secret differs from the candidate secret. */
typedef enum
{
  CONVERC_SECRET_MISUSE_NONE,
  CONVERC_SECRET_MISUSE_PREFIX_DROPPED, /* signed without the whsec_ prefix */
  CONVERC_SECRET_MISUSE_PREFIX_ADDED,   /* signed with a whsec_ prefix added */
  CONVERC_SECRET_MISUSE_WHITESPACE,     /* spaces or a newline around the secret */
  CONVERC_SECRET_MISUSE_HEX_DECODED,    /* the secret's hex decoded into bytes */
  CONVERC_SECRET_MISUSE_BASE64_DECODED, /* the secret's base64 decoded into bytes */
} ConvercSecretMisuse;

typedef enum
{
  CONVERC_TIMESTAMP_UNCHECKED,          /* no tolerance, or no timestamp */
  CONVERC_TIMESTAMP_OK,
  CONVERC_TIMESTAMP_FUTURE,             /* ahead of now: clock skew */
  CONVERC_TIMESTAMP_SKEW,               /* slightly old (< 1 h): clock skew or a slow delivery */
  CONVERC_TIMESTAMP_REPLAY,             /* old: a replay */
} ConvercTimestampProblem;

typedef enum
{
  CONVERC_HEADER_OK,
  CONVERC_HEADER_MISSING,               /* no header, or an empty one */
  CONVERC_HEADER_TOO_LONG,
  CONVERC_HEADER_BAD_SEPARATOR,         /* a part is not name=value separated by commas */
  CONVERC_HEADER_NO_TIMESTAMP,
  CONVERC_HEADER_TIMESTAMP_NOT_NUMBER,
  CONVERC_HEADER_SEVERAL_TIMESTAMPS,
  CONVERC_HEADER_NO_V1,
  CONVERC_HEADER_V1_NOT_HEX,            /* no v1 is 64 hexadecimal digits */
} ConvercHeaderProblem;

/* ConvercDiagnosis: an immutable result. Its title is a short heading and
 * its explanation the sentences a person reads; both are translated. No
 * secret is ever part of it, only the labels given with them. */
#define CONVERC_TYPE_DIAGNOSIS (converc_diagnosis_get_type ())

G_DECLARE_FINAL_TYPE (ConvercDiagnosis, converc_diagnosis, CONVERC, DIAGNOSIS, GObject)

ConvercDiagnosisKind     converc_diagnosis_get_kind              (ConvercDiagnosis *self);
/* TRUE for VALID and VALID_OTHER_SECRET */
gboolean                 converc_diagnosis_is_valid              (ConvercDiagnosis *self);
const char              *converc_diagnosis_get_title             (ConvercDiagnosis *self);
const char              *converc_diagnosis_get_explanation       (ConvercDiagnosis *self);
/* The label of the secret that matched (also for a body change or misuse) */
const char              *converc_diagnosis_get_secret_label      (ConvercDiagnosis *self);
ConvercBodyChange        converc_diagnosis_get_body_change       (ConvercDiagnosis *self);
ConvercSecretMisuse      converc_diagnosis_get_secret_misuse     (ConvercDiagnosis *self);
ConvercHeaderProblem     converc_diagnosis_get_header_problem    (ConvercDiagnosis *self);
ConvercTimestampProblem  converc_diagnosis_get_timestamp_problem (ConvercDiagnosis *self);
/* The header's t; FALSE when it has none */
gboolean                 converc_diagnosis_get_timestamp         (ConvercDiagnosis *self,
                                                                  gint64           *timestamp);
/* now - t in seconds (negative: in the future) */
gint64                   converc_diagnosis_get_age               (ConvercDiagnosis *self);
/* TRUE when the body was too large for every check to run */
gboolean                 converc_diagnosis_get_checks_limited    (ConvercDiagnosis *self);
/* Stable names for scripts: "valid", "body-changed", "trailing-newline-added"... */
const char              *converc_diagnosis_kind_to_string        (ConvercDiagnosisKind     kind);
const char              *converc_body_change_to_string           (ConvercBodyChange        change);
const char              *converc_secret_misuse_to_string         (ConvercSecretMisuse      misuse);
const char              *converc_header_problem_to_string        (ConvercHeaderProblem     problem);
const char              *converc_timestamp_problem_to_string     (ConvercTimestampProblem  problem);

G_END_DECLS
