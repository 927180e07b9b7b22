/* cw-time-format.c
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

/* The one concern of this file: how the app writes times and durations —
 * server timestamps, "2 min ago", exact times with their zone, short
 * delays and clock times. */

#define G_LOG_DOMAIN "cw-time-format"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-time-format.h"

/**
 * cw_format_timestamp:
 * @text: (nullable): a timestamp as the server sent it
 *
 * Returns: (transfer full): the time in the local zone, or @text unchanged
 *   when it cannot be read
 */
char *
cw_format_timestamp (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_strdup ("—");

  return converc_timestamp_format (text, NULL);
}

/**
 * cw_format_timestamp_short:
 *
 * Like cw_format_timestamp() without the seconds, for list cells.
 */
char *
cw_format_timestamp_short (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup ("—");

  parsed = converc_timestamp_parse (text);
  if (parsed == NULL || (local = g_date_time_to_local (parsed)) == NULL)
    return g_strdup (text);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * cw_format_event_time:
 * @now_unix: the current time, in seconds since 1970
 *
 * Returns: (transfer full): "2 min ago" for recent times, else the local
 *   date and time; the text as sent when the time could not be read
 */
char *
cw_format_event_time (ConvercEvent *event,
                      gint64        now_unix)
{
  g_autoptr(GDateTime) local = NULL;
  const char *raw;
  gint64 created;
  gint64 age;

  g_return_val_if_fail (CONVERC_IS_EVENT (event), NULL);

  raw = converc_event_get_created_at (event);
  created = converc_event_get_created_unix (event);

  /* Not a time we can read: show it as the server sent it. */
  if (created == G_MININT64)
    return g_strdup (raw != NULL && raw[0] != '\0' ? raw : "—");

  age = now_unix - created;
  if (age > -60 && age < 60)
    return g_strdup (_("just now"));
  if (age >= 60 && age < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago",
                                         (gulong) (age / 60)),
                            (int) (age / 60));
  if (age >= 3600 && age < 24 * 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h ago", "%d h ago",
                                         (gulong) (age / 3600)),
                            (int) (age / 3600));

  local = g_date_time_new_from_unix_local (created);
  if (local == NULL)
    return g_strdup (raw != NULL ? raw : "—");

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * cw_format_event_time_exact:
 *
 * Returns: (transfer full): the weekday, date, time and zone of @event,
 *   then the text as sent; or why it could not be read
 */
char *
cw_format_event_time_exact (ConvercEvent *event)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *exact = NULL;
  const char *raw;
  gint64 created;

  g_return_val_if_fail (CONVERC_IS_EVENT (event), NULL);

  raw = converc_event_get_created_at (event);
  created = converc_event_get_created_unix (event);

  if (created == G_MININT64)
    {
      if (raw == NULL)
        return g_strdup (_("This event has no creation time"));
      return g_strdup_printf (_("Could not read this time; shown as sent: %s"), raw);
    }

  local = g_date_time_new_from_unix_local (created);
  if (local == NULL)
    return g_strdup (raw);

  exact = g_date_time_format (local, "%A %Y-%m-%d %H:%M:%S %Z");
  return g_strdup_printf ("%s\n%s", exact, raw != NULL ? raw : "");
}

/**
 * cw_format_seconds_short:
 *
 * Returns: (transfer full): a delay such as "30 s", "2 min" or "1 h",
 *   rounded up
 */
char *
cw_format_seconds_short (gint64 seconds)
{
  if (seconds < 60)
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%d min"), (int) ((seconds + 59) / 60));
  return g_strdup_printf (_("%d h"), (int) ((seconds + 3599) / 3600));
}

/**
 * cw_format_clock:
 * @real_time_us: a real time, in µs since 1970
 *
 * Returns: (transfer full): the local time of day, "10:42:07"
 */
char *
cw_format_clock (gint64 real_time_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (real_time_us / G_USEC_PER_SEC);

  if (when == NULL)
    return g_strdup ("—");

  return g_date_time_format (when, "%H:%M:%S");
}

/**
 * cw_format_timestamp_zone:
 * @text: (nullable): a timestamp as the server sent it
 *
 * Returns: (transfer full): "2026-12-06 10:42:07 CET", the local time with
 *   its zone; @text unchanged when it cannot be read
 */
char *
cw_format_timestamp_zone (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup ("—");

  parsed = converc_timestamp_parse (text);
  if (parsed == NULL || (local = g_date_time_to_local (parsed)) == NULL)
    return g_strdup (text);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
}

static char *
format_unit (gint64 n,
             int    unit)
{
  switch (unit)
    {
    case 0:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) n), (int) n);
    case 1:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", (gulong) n), (int) n);
    case 2:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", (gulong) n), (int) n);
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds", (gulong) n), (int) n);
    }
}

/**
 * cw_format_span:
 * @seconds: a length of time
 *
 * Returns: (transfer full) (nullable): the length said as a person would,
 *   with its two largest units: "1 day", "36 minutes 33 seconds",
 *   "2 days 3 hours"; %NULL for a negative or absurd length
 */
char *
cw_format_span (gint64 seconds)
{
  static const gint64 units[] = { 86400, 3600, 60, 1 };
  g_autofree char *first = NULL;
  int i;

  /* More than a million days is not a length anyone sends on purpose. */
  if (seconds < 0 || seconds > G_GINT64_CONSTANT (86400000000))
    return NULL;

  if (seconds == 0)
    return format_unit (0, 3);

  for (i = 0; seconds < units[i]; i++)
    ;

  first = format_unit (seconds / units[i], i);
  seconds %= units[i];
  if (i == 3 || seconds / units[i + 1] == 0)
    return g_steal_pointer (&first);

  {
    g_autofree char *second = format_unit (seconds / units[i + 1], i + 1);

    /* Translators: two parts of a length of time, "1 day 2 hours" */
    return g_strdup_printf (_("%s %s"), first, second);
  }
}

/**
 * cw_format_event_heading_time:
 * @now_unix: the current time, in seconds since 1970
 *
 * Returns: (transfer full) (nullable): when @event happened, short, for a
 *   heading: "10:42" today, else "2026-12-05 10:42"; %NULL when unknown
 */
char *
cw_format_event_heading_time (ConvercEvent *event,
                              gint64        now_unix)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 created;

  g_return_val_if_fail (CONVERC_IS_EVENT (event), NULL);

  created = converc_event_get_created_unix (event);
  if (created == G_MININT64 ||
      (local = g_date_time_new_from_unix_local (created)) == NULL ||
      (now = g_date_time_new_from_unix_local (now_unix)) == NULL)
    return NULL;

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
