/* converc-timestamp.c
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

/* The one concern of this file: reading the API's timestamps, the garbled documented form
 * included, and writing them for people. */

#define G_LOG_DOMAIN "converc-timestamp"

#include "config.h"

#include <string.h>

#include "converc-timestamp.h"

/* Anything longer is not a timestamp. */
#define MAX_TIMESTAMP_LEN 64

static GDateTime *
parse_iso8601 (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *with_time = NULL;
  GDateTime *result;

  result = g_date_time_new_from_iso8601 (text, utc);
  if (result != NULL)
    return result;

  /* A date alone ("2024-01-01") is midnight UTC. */
  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-')
    {
      with_time = g_strconcat (text, "T00:00:00Z", NULL);
      return g_date_time_new_from_iso8601 (with_time, utc);
    }

  return NULL;
}

/* Seconds since the epoch (10 digits) or milliseconds (13 digits). */
static GDateTime *
parse_epoch (const char *text)
{
  gsize len = strlen (text);
  guint64 value;

  if (len != 10 && len != 13)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return NULL;

  value = g_ascii_strtoull (text, NULL, 10);
  if (len == 13)
    return g_date_time_new_from_unix_utc ((gint64)(value / 1000));
  return g_date_time_new_from_unix_utc ((gint64)value);
}

/* The published examples render "2024-01-01T00:00:00Z" as
 * "2024-01-01T00: 00: 0002": spaces after the colons and the "Z" printed as
 * "2", sometimes with an extra digit glued to the seconds. Undo that. */
static char *
ungarble (const char *text)
{
  GString *s = g_string_new (NULL);
  const char *t;
  const char *time_part;
  const char *colon;
  gsize sec_start;
  gsize digits = 0;

  for (const char *p = text; *p; p++)
    {
      if (*p == ' ')
        {
          /* "2024-01-01 00:00:00": a space between date and time */
          if (s->len == 10)
            g_string_append_c (s, 'T');
          continue;
        }
      g_string_append_c (s, *p);
    }

  t = strchr (s->str, 'T');
  if (t == NULL)
    t = strchr (s->str, 't');
  if (t == NULL)
    {
      g_string_free (s, TRUE);
      return NULL;
    }

  time_part = t + 1;
  /* Has a zone already? Then only the spaces were wrong. */
  if (strpbrk (time_part, "Zz+-") != NULL)
    return g_string_free (s, FALSE);

  colon = strrchr (time_part, ':');
  if (colon == NULL)
    return g_string_free (s, FALSE);

  sec_start = (colon + 1) - s->str;
  while (g_ascii_isdigit (s->str[sec_start + digits]))
    digits++;

  /* The last digit stands for the "Z" when the seconds have one digit too
   * many, or when a fraction ends the string. */
  if (s->len > sec_start && g_ascii_isdigit (s->str[s->len - 1]) &&
      (digits > 2 || (digits == 2 && s->str[sec_start + 2] == '.')))
    {
      gboolean has_fraction = s->str[sec_start + digits] == '.';

      g_string_truncate (s, s->len - 1);
      if (!has_fraction && digits - 1 > 3)
        {
          g_string_free (s, TRUE);
          return NULL;
        }
      if (!has_fraction && digits - 1 == 3)
        g_string_insert_c (s, sec_start + 2, '.');
      g_string_append_c (s, 'Z');
    }

  return g_string_free (s, FALSE);
}

/**
 * converc_timestamp_parse:
 * @text: (nullable): a timestamp as the server sent it
 *
 * Reads ISO 8601 (with or without a fraction, with `Z` or an offset; UTC when
 * it has no zone), the garbled form of Converc's published examples
 * (`2024-01-01T00: 00: 0002`), and epoch seconds or milliseconds.
 *
 * Returns: (transfer full) (nullable): the time, or %NULL when @text cannot
 *   be read; show the raw text then
 */
GDateTime *
converc_timestamp_parse (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *fixed = NULL;
  GDateTime *result;

  if (text == NULL)
    return NULL;

  if (strnlen (text, MAX_TIMESTAMP_LEN + 1) > MAX_TIMESTAMP_LEN)
    return NULL;

  trimmed = g_strstrip (g_ascii_strup (text, -1));
  if (trimmed[0] == '\0' || !g_str_is_ascii (trimmed))
    return NULL;

  if ((result = parse_iso8601 (trimmed)) != NULL)
    return result;

  if ((result = parse_epoch (trimmed)) != NULL)
    return result;

  fixed = ungarble (trimmed);
  if (fixed != NULL)
    return parse_iso8601 (fixed);

  return NULL;
}

/**
 * converc_timestamp_format:
 * @text: (nullable): a timestamp as the server sent it
 * @tz: (nullable): the zone to show it in, %NULL for local time
 *
 * Returns: (transfer full): "2024-01-01 00:00:00" in @tz, or @text itself
 *   when it cannot be read (the empty string for %NULL)
 */
char *
converc_timestamp_format (const char *text,
                          GTimeZone  *tz)
{
  g_autoptr(GDateTime) parsed = converc_timestamp_parse (text);
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GTimeZone) local = NULL;

  if (parsed == NULL)
    return g_strdup (text != NULL ? text : "");

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  shown = g_date_time_to_timezone (parsed, tz);
  if (shown == NULL)
    return g_strdup (text);

  return g_date_time_format (shown, "%Y-%m-%d %H:%M:%S");
}
