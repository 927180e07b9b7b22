/* converc-signature.h
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

#include <glib.h>

G_BEGIN_DECLS

#define CONVERC_SIGNATURE_ERROR (converc_signature_error_quark ())
#define CONVERC_SIGNATURE_DEFAULT_TOLERANCE 300

typedef enum
{
  CONVERC_SIGNATURE_ERROR_MALFORMED,  /* the header cannot be read */
  CONVERC_SIGNATURE_ERROR_MISMATCH,   /* no v1 signature matches the body */
  CONVERC_SIGNATURE_ERROR_EXPIRED,    /* timestamp outside the tolerance */
  CONVERC_SIGNATURE_ERROR_NO_SECRET,  /* empty secret */
} ConvercSignatureError;

GQuark    converc_signature_error_quark (void);

/* hex(HMAC-SHA256(secret, "<t>." + body)), lowercase */
char     *converc_signature_compute     (const char    *secret,
                                         gint64         timestamp,
                                         const guint8  *body,
                                         gsize          body_len);
/* "t=<t>,v1=<hex>" */
char     *converc_signature_header      (const char    *secret,
                                         gint64         timestamp,
                                         const guint8  *body,
                                         gsize          body_len);
/* Parses "t=...,v1=...[,v1=...]"; returns the v1 values (one or more) */
gboolean  converc_signature_parse       (const char    *header,
                                         gint64        *timestamp,
                                         GStrv         *signatures,
                                         GError       **error);
/* now_unix: current time in seconds; tolerance <= 0 disables the age check */
gboolean  converc_signature_verify      (const char    *secret,
                                         const char    *header,
                                         const guint8  *body,
                                         gsize          body_len,
                                         gint64         now_unix,
                                         gint64         tolerance,
                                         GError       **error);

G_END_DECLS
