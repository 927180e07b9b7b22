/* converc-emulator-json.c
 *
 * The JSON text the emulator writes: a small streaming writer over GString,
 * and its timestamps.
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

#define G_LOG_DOMAIN "converc-emulator-json"

#include "config.h"

#include <string.h>

#include "converc-emulator-private.h"

/* JSON writer */

static void
json_escape (GString    *s,
             const char *text)
{
  const char *p;

  g_string_append_c (s, '"');
  for (p = text; *p; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (s, "\\\"");
          break;
        case '\\':
          g_string_append (s, "\\\\");
          break;
        case '\n':
          g_string_append (s, "\\n");
          break;
        case '\r':
          g_string_append (s, "\\r");
          break;
        case '\t':
          g_string_append (s, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (s, "\\u%04x", c);
          else
            g_string_append_c (s, (char)c);
        }
    }
  g_string_append_c (s, '"');
}

static void
json_key (GString    *s,
          const char *key)
{
  if (key != NULL)
    {
      json_escape (s, key);
      g_string_append_c (s, ':');
    }
}

static void
json_strip_separator (GString *s)
{
  if (s->len > 0 && s->str[s->len - 1] == ',')
    g_string_truncate (s, s->len - 1);
}

void
converc_emulator_json_begin_object (GString    *s,
                                    const char *key)
{
  json_key (s, key);
  g_string_append_c (s, '{');
}

void
converc_emulator_json_end_object (GString *s)
{
  json_strip_separator (s);
  g_string_append (s, "},");
}

void
converc_emulator_json_begin_array (GString    *s,
                                   const char *key)
{
  json_key (s, key);
  g_string_append_c (s, '[');
}

void
converc_emulator_json_end_array (GString *s)
{
  json_strip_separator (s);
  g_string_append (s, "],");
}

void
converc_emulator_json_string (GString    *s,
                              const char *key,
                              const char *value)
{
  json_key (s, key);
  if (value == NULL)
    g_string_append (s, "null");
  else
    json_escape (s, value);
  g_string_append_c (s, ',');
}

void
converc_emulator_json_int (GString    *s,
                           const char *key,
                           gint64      value)
{
  json_key (s, key);
  g_string_append_printf (s, "%" G_GINT64_FORMAT ",", value);
}

void
converc_emulator_json_double (GString    *s,
                              const char *key,
                              double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  json_key (s, key);
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.6f", value));
  g_string_append_c (s, ',');
}

void
converc_emulator_json_boolean (GString    *s,
                               const char *key,
                               gboolean    value)
{
  json_key (s, key);
  g_string_append (s, value ? "true," : "false,");
}

void
converc_emulator_json_null (GString    *s,
                            const char *key)
{
  json_key (s, key);
  g_string_append (s, "null,");
}

char *
converc_emulator_json_finish (GString *s)
{
  json_strip_separator (s);
  return g_string_free (s, FALSE);
}

/* Times */

char *
converc_emulator_format_time (gint64   unix_usec,
                              gboolean with_ms)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;
  gint64 secs = unix_usec / G_USEC_PER_SEC;
  int ms = (int)((unix_usec % G_USEC_PER_SEC) / 1000);

  if (ms < 0)
    {
      ms += 1000;
      secs -= 1;
    }

  dt = g_date_time_new_from_unix_utc (secs);
  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");

  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  if (with_ms)
    return g_strdup_printf ("%s.%03dZ", base, ms);
  return g_strdup_printf ("%sZ", base);
}
