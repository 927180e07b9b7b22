/* bench-json-parse.c
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

/* The event-load reference's second half: parses a file of JSON (the
 * bytes curl fetched) with json-glib alone, as any program would, and
 * prints how long reading and parsing took, and the peak RSS it needed.
 *
 * Usage: bench-json-parse FILE
 * Prints: parse_ms <milliseconds>  parse_hwm_mb <MB> */

#define G_LOG_DOMAIN "bench-json-parse"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *status = NULL;
  gsize len = 0;
  gint64 start;
  gint64 end;
  JsonNode *root;
  const char *hwm;

  if (argc != 2)
    {
      g_printerr ("Usage: bench-json-parse FILE\n");
      return 2;
    }

  start = g_get_monotonic_time ();
  if (!g_file_get_contents (argv[1], &data, &len, &error))
    g_error ("%s", error->message);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &error))
    g_error ("%s", error->message);
  root = json_parser_get_root (parser);
  end = g_get_monotonic_time ();

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    g_error ("not a JSON array");

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  hwm = status != NULL ? strstr (status, "VmHWM:") : NULL;

  g_print ("parse_ms %.1f\n", (end - start) / 1000.0);
  g_print ("parse_elements %u\n", json_array_get_length (json_node_get_array (root)));
  if (hwm != NULL)
    g_print ("parse_hwm_mb %.1f\n", g_ascii_strtod (hwm + 6, NULL) / 1024.0);

  return 0;
}
