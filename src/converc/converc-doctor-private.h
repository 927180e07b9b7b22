/* converc-doctor-private.h
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

/* The one concern of this file: what the doctor's two files share. */

#pragma once

#include "converc-diagnosis.h"

G_BEGIN_DECLS

/* A body the signer may have signed, and how it became the one received */
typedef struct
{
  GBytes            *bytes;
  ConvercBodyChange  change;
} Variant;

/* A key the signer may have made of the secret by mistake */
typedef struct
{
  guint8              *key;
  gsize                len;
  ConvercSecretMisuse  misuse;
} KeyVariant;

/* Overwrites @len bytes, in a way the compiler keeps */
void      converc_doctor_wipe            (guint8        *data,
                                          gsize          len);
/* @len hex digits into @len / 2 bytes; FALSE on a non-hex digit */
gboolean  converc_doctor_decode_hex      (const char    *hex,
                                          gsize          len,
                                          guint8        *out);
/* Variants of @body, the cheap and common first; JSON re-serialisations only
 * up to @max_json bytes (else *@limited is set). An array of Variant. */
GArray   *converc_doctor_body_variants   (GBytes        *body,
                                          gsize          max_json,
                                          gboolean      *limited);
/* An array of KeyVariant, wiped when freed */
GArray   *converc_doctor_secret_variants (const guint8  *secret,
                                          gsize          len);

/* The bytes of @bytes, never NULL: an empty body reads as "" (pointer
 * arithmetic on NULL is undefined even with a zero offset). */
static inline const guint8 *
converc_doctor_bytes_data (GBytes *bytes,
                           gsize  *len)
{
  const guint8 *data = g_bytes_get_data (bytes, len);

  return data != NULL ? data : (const guint8 *) "";
}

G_END_DECLS
