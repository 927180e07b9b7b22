/* bench-startup.c
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

/* Start-up timer: runs a program with CONVERC_BENCH=1 and prints how long
 * it took from launch (just before fork) to the first frame it reports
 * with a line "CONVERC_BENCH first-frame <monotonic µs>" on its standard
 * output. Both clocks are CLOCK_MONOTONIC, shared by every process.
 *
 * Usage: bench-startup PROGRAM [ARGS...]
 * Prints: startup_ms <milliseconds>   (exit status 1 when no marker came) */

#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 frame = 0;
  char *line;

  if (argc < 2)
    {
      g_printerr ("Usage: bench-startup PROGRAM [ARGS...]\n");
      return 2;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "CONVERC_BENCH", "1", TRUE);

  start = g_get_monotonic_time ();
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv + 1, &error);
  if (child == NULL)
    g_error ("%s", error->message);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "CONVERC_BENCH first-frame "))
        frame = g_ascii_strtoll (line + strlen ("CONVERC_BENCH first-frame "), NULL, 10);
      g_free (line);
      if (frame != 0)
        break;
    }

  /* The program quits by itself after the marker; make sure of it. */
  if (!g_subprocess_wait (child, NULL, &error))
    g_error ("%s", error->message);

  if (frame == 0)
    {
      g_printerr ("bench-startup: %s printed no first-frame marker\n", argv[1]);
      return 1;
    }

  g_print ("startup_ms %.1f\n", (frame - start) / 1000.0);
  return 0;
}
