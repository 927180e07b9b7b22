/* converc-background-private.h
 *
 * Bulk work off the main thread, on threads that leave the cores to it.
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

#include <gio/gio.h>

G_BEGIN_DECLS

/* The nice value of the background threads */
#define CONVERC_BACKGROUND_NICE 10

/* Runs @func on one of the background threads, as g_task_run_in_thread()
 * runs it on GLib's: @func returns @task's result, which reaches its
 * callback in @task's main context. */
void     converc_background_run_task       (GTask           *task,
                                            GTaskThreadFunc  func);
/* Lowers the calling thread's priority to the background threads' own
 * (for a thread of its own, such as the search indexer): it cannot be
 * raised again. */
void     converc_background_lower_priority (void);
/* The calling thread's nice value, or G_MININT where threads have none
 * of their own (for tests). */
int      converc_background_get_nice       (void);

G_END_DECLS
