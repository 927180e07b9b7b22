/* bench-parse.c
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

/* libconverc's event-list parse alone (what the client runs off the main
 * thread): reads a file holding GET /webhooks/events' answer and prints the
 * wall and CPU time of converc_parse_event_list(), best of a few runs.
 *
 * Usage: bench-parse FILE [RUNS] */

#define G_LOG_DOMAIN "bench-parse"

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "converc.h"

static gint64
process_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  char *data = NULL;
  gsize len = 0;
  int runs = argc > 2 ? atoi (argv[2]) : 3;
  double best_wall = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;
  guint n = 0;

  if (argc < 2)
    {
      g_printerr ("Usage: bench-parse FILE [RUNS]\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &data, &len, &error))
    g_error ("%s", error->message);
  body = g_bytes_new_take (data, len);

  for (int r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) events = NULL;
      gint64 t0 = g_get_monotonic_time ();
      gint64 c0 = process_cpu_usec ();

      events = converc_parse_event_list (body, NULL, NULL, &error);
      if (events == NULL)
        g_error ("%s", error->message);
      best_wall = MIN (best_wall, (g_get_monotonic_time () - t0) / 1000.0);
      best_cpu = MIN (best_cpu, (process_cpu_usec () - c0) / 1000.0);
      n = events->len;
    }

  g_print ("%u events: parse %.1f ms wall, %.1f ms CPU (best of %d)\n",
           n, best_wall, best_cpu, runs);
  g_print ("@parse_events_ms %.1f\n", best_wall);
  return 0;
}
