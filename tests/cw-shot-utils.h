/* cw-shot-utils.h
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

/* The one concern of this file: what the screenshot programs (tests/shot-*.c,
 * run by hand under build-aux/headless.sh, not tests) share — letting the
 * window settle and taking a screenshot of the root window. */

#pragma once

#include <glib.h>

/* Iterates the main loop for @seconds. */
static inline void
cw_shot_settle (double seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Settles for a second, then saves the root window to @path with
 * ImageMagick's import, cropped to @width × @height from the top left
 * (0 or less: the whole screen). Aborts with the reason on failure. */
static inline void
cw_shot_take (const char *path,
              int         width,
              int         height)
{
  g_autofree char *crop = g_strdup_printf ("%dx%d+0+0", width, height);
  const char *argv[] = { "import", "-window", "root", "-crop", crop, path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (width <= 0 || height <= 0)
    {
      argv[3] = path;
      argv[4] = NULL;
    }
  cw_shot_settle (1.0);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("import: %s", error->message);
  g_print ("screenshot: %s\n", path);
}
