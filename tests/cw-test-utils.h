/* cw-test-utils.h
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

/* Shared by the widget tests: the app's asynchronous work completes on the
 * main loop, so a test iterates it until what it waits for holds. */

#define CW_TEST_WAIT_SECONDS 60

/* Under AddressSanitizer code runs several times slower and freed memory
 * stays in its quarantine: time bounds stretch by CW_TEST_TIME_FACTOR, and
 * peak-memory bounds are checked by the plain build only (the test says
 * so). */
#if defined(__SANITIZE_ADDRESS__)
# define CW_TEST_SANITIZED    1
# define CW_TEST_TIME_FACTOR  5
#else
# define CW_TEST_SANITIZED    0
# define CW_TEST_TIME_FACTOR  1
#endif

/* Iterates the main loop until @cond holds, failing after
 * CW_TEST_WAIT_SECONDS with the condition's text. */
#define WAIT_FOR(cond)                                                          \
  G_STMT_START {                                                                \
    gint64 _deadline = g_get_monotonic_time () +                                \
                       CW_TEST_WAIT_SECONDS * G_USEC_PER_SEC;                   \
    while (!(cond))                                                             \
      {                                                                         \
        if (g_get_monotonic_time () > _deadline)                                \
          g_error ("Timed out waiting for %s", #cond);                          \
        if (!g_main_context_iteration (NULL, FALSE))                            \
          g_usleep (2000);                                                      \
      }                                                                         \
  } G_STMT_END
