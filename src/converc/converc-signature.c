/* converc-signature.c
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

/* The one concern of this file: X-IC-Signature — signing a delivery and checking one. */

#define G_LOG_DOMAIN "converc-signature"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "converc-signature.h"

#define MAX_HEADER_LEN   4096
#define SIGNATURE_HEXLEN 64

G_DEFINE_QUARK (converc-signature-error-quark, converc_signature_error)

/**
 * converc_signature_compute:
 * @secret: the endpoint's signing secret
 * @timestamp: the `t` value, in seconds since the epoch
 * @body: (array length=body_len): the raw body bytes
 * @body_len: their number
 *
 * Returns: (transfer full): lowercase hex of HMAC-SHA256(secret, "<t>." + body)
 */
char *
converc_signature_compute (const char   *secret,
                           gint64        timestamp,
                           const guint8 *body,
                           gsize         body_len)
{
  g_autoptr(GHmac) hmac = NULL;
  char prefix[32];

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (body != NULL || body_len == 0, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guint8 *)secret, strlen (secret));
  g_snprintf (prefix, sizeof prefix, "%" G_GINT64_FORMAT ".", timestamp);
  g_hmac_update (hmac, (const guint8 *)prefix, strlen (prefix));
  if (body_len > 0)
    g_hmac_update (hmac, body, body_len);

  return g_strdup (g_hmac_get_string (hmac));
}

char *
converc_signature_header (const char   *secret,
                          gint64        timestamp,
                          const guint8 *body,
                          gsize         body_len)
{
  g_autofree char *hex = converc_signature_compute (secret, timestamp, body, body_len);

  g_return_val_if_fail (hex != NULL, NULL);

  return g_strdup_printf ("t=%" G_GINT64_FORMAT ",v1=%s", timestamp, hex);
}

static gboolean
is_hex (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isxdigit (*s))
      return FALSE;
  return TRUE;
}

/**
 * converc_signature_parse:
 * @header: the X-IC-Signature value, `t=<unix seconds>,v1=<hex>`
 * @timestamp: (out) (optional): the `t` value
 * @signatures: (out) (optional) (transfer full): every `v1` value, lowercased
 * @error: a #GError
 *
 * Reads the header liberally: spaces around parts, several `v1` values (key
 * rotation; a value that is not 64 hex digits is returned too, and simply
 * never matches), other schemes such as `v0` or `v2` (ignored). It needs
 * exactly one `t` and at least one `v1`.
 */
gboolean
converc_signature_parse (const char  *header,
                         gint64      *timestamp,
                         GStrv       *signatures,
                         GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) found = NULL;
  gboolean have_t = FALSE;
  gint64 t = 0;

  if (header == NULL || *header == '\0')
    {
      g_set_error_literal (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED,
                           _("The X-IC-Signature header is missing or empty."));
      return FALSE;
    }

  if (strnlen (header, MAX_HEADER_LEN + 1) > MAX_HEADER_LEN)
    {
      g_set_error_literal (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED,
                           _("The X-IC-Signature header is too long."));
      return FALSE;
    }

  parts = g_strsplit (header, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *eq = strchr (part, '=');
      char *key;
      char *value;

      if (*part == '\0')
        continue;

      if (eq == NULL)
        {
          g_set_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED,
                       _("The X-IC-Signature header is malformed: “%s” is not “name=value”."),
                       part);
          return FALSE;
        }

      *eq = '\0';
      key = g_strstrip (part);
      value = g_strstrip (eq + 1);

      if (g_strcmp0 (key, "t") == 0)
        {
          guint64 parsed;
          char *end = NULL;

          if (have_t)
            {
              g_set_error_literal (error, CONVERC_SIGNATURE_ERROR,
                                   CONVERC_SIGNATURE_ERROR_MALFORMED,
                                   _("The X-IC-Signature header has more than one timestamp."));
              return FALSE;
            }

          errno = 0;
          parsed = g_ascii_strtoull (value, &end, 10);
          if (!g_ascii_isdigit (*value) || end == NULL || *end != '\0' ||
              errno == ERANGE || parsed > G_MAXINT64 / G_USEC_PER_SEC)
            {
              g_set_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED,
                           _("The X-IC-Signature timestamp “%s” is not a number of seconds."),
                           value);
              return FALSE;
            }

          t = (gint64)parsed;
          have_t = TRUE;
        }
      else if (g_strcmp0 (key, "v1") == 0)
        {
          g_autofree char *lower = NULL;

          /* A v1 value that cannot be a signature is kept and simply never
           * matches: one good value among several is enough (key rotation,
           * as Stripe's and Svix's libraries read it). */
          if (*value == '\0')
            continue;
          lower = g_ascii_strdown (value, -1);
          g_strv_builder_add (builder, lower);
        }
    }

  found = g_strv_builder_end (builder);

  if (!have_t)
    {
      g_set_error_literal (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED,
                           _("The X-IC-Signature header has no timestamp (t=…)."));
      return FALSE;
    }

  if (found[0] == NULL)
    {
      g_set_error_literal (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED,
                           _("The X-IC-Signature header has no v1 signature."));
      return FALSE;
    }

  if (timestamp != NULL)
    *timestamp = t;
  if (signatures != NULL)
    *signatures = g_steal_pointer (&found);

  return TRUE;
}

/* Compares in time that depends only on the length, which is public. */
static gboolean
constant_time_equal (const char *a,
                     const char *b,
                     gsize       len)
{
  guint8 diff = 0;

  for (gsize i = 0; i < len; i++)
    diff |= (guint8)a[i] ^ (guint8)b[i];

  return diff == 0;
}

/**
 * converc_signature_verify:
 * @secret: the endpoint's signing secret
 * @header: the X-IC-Signature header value
 * @body: (array length=body_len): the raw body bytes, exactly as received
 * @body_len: their number
 * @now_unix: the current time in seconds since the epoch
 * @tolerance: the largest accepted distance between `t` and @now_unix, in
 *   seconds; 0 or less skips the check
 * @error: a #GError in %CONVERC_SIGNATURE_ERROR saying why the check failed
 *
 * Returns: %TRUE when a v1 signature matches and the timestamp is fresh
 */
gboolean
converc_signature_verify (const char    *secret,
                          const char    *header,
                          const guint8  *body,
                          gsize          body_len,
                          gint64         now_unix,
                          gint64         tolerance,
                          GError       **error)
{
  g_autofree char *expected = NULL;
  g_auto(GStrv) signatures = NULL;
  gboolean match = FALSE;
  guint64 distance;
  gint64 t = 0;

  g_return_val_if_fail (body != NULL || body_len == 0, FALSE);

  if (secret == NULL || *secret == '\0')
    {
      g_set_error_literal (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_NO_SECRET,
                           _("No signing secret was given."));
      return FALSE;
    }

  if (!converc_signature_parse (header, &t, &signatures, error))
    return FALSE;

  expected = converc_signature_compute (secret, t, body, body_len);

  for (guint i = 0; signatures[i] != NULL; i++)
    {
      if (strlen (signatures[i]) != SIGNATURE_HEXLEN || !is_hex (signatures[i]))
        continue;
      if (constant_time_equal (signatures[i], expected, SIGNATURE_HEXLEN))
        match = TRUE;
    }

  if (!match)
    {
      g_set_error_literal (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH,
                           _("The signature does not match: the body was changed, or it was signed with another secret."));
      return FALSE;
    }

  /* The distance is computed without overflow, whatever the inputs. */
  distance = t > now_unix ? (guint64)t - (guint64)now_unix : (guint64)now_unix - (guint64)t;

  if (tolerance > 0 && distance > (guint64)tolerance)
    {
      g_autofree char *age = g_strdup_printf ("%" G_GUINT64_FORMAT, distance);
      g_autofree char *allowed = g_strdup_printf ("%" G_GINT64_FORMAT, tolerance);

      g_set_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_EXPIRED,
                   _("The signature’s timestamp is %s seconds away from now, more than the %s allowed: it may be a replay."),
                   age, allowed);
      return FALSE;
    }

  return TRUE;
}
