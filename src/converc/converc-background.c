/* converc-background.c
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

/* The one concern of this file: bulk work — parsing a deep answer,
 * storing it, indexing it — on threads of a lower priority than the main
 * thread's. On two cores, a first sync keeps the parser, the store, the
 * indexer and the X server busy at once; at the same priority the main
 * thread got a core for about half of each frame, and a 25 ms frame took
 * 50 ms and more (BENCHMARKS.md, round 10). */

#define G_LOG_DOMAIN "converc-background"

#include "config.h"

#include "converc-background-private.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* Parsing and storing overlap (a part is parsed while the one before is
 * stored); a third for whatever else comes meanwhile. */
#define N_THREADS 3

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Job;

void
converc_background_lower_priority (void)
{
#ifdef __linux__
  /* On Linux a nice value is a thread's own. Lowered once, it stays:
   * only these threads ever have it. */
  pid_t tid = (pid_t) syscall (SYS_gettid);

  errno = 0;
  if (getpriority (PRIO_PROCESS, (id_t) tid) < CONVERC_BACKGROUND_NICE && errno == 0)
    (void) setpriority (PRIO_PROCESS, (id_t) tid, CONVERC_BACKGROUND_NICE);
#endif
}

int
converc_background_get_nice (void)
{
#ifdef __linux__
  int nice_value;

  errno = 0;
  nice_value = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
  return errno == 0 ? nice_value : G_MININT;
#else
  return G_MININT;
#endif
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;

  converc_background_lower_priority ();
  job->func (job->task,
             g_task_get_source_object (job->task),
             g_task_get_task_data (job->task),
             g_task_get_cancellable (job->task));
  g_object_unref (job->task);
  g_free (job);
}

void
converc_background_run_task (GTask           *task,
                             GTaskThreadFunc  func)
{
  static GThreadPool *pool;
  Job *job;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  /* Exclusive: GLib's shared threads never come back from here with
   * the lowered priority. */
  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (run_job, NULL, N_THREADS, TRUE, NULL));

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (pool, job, NULL);
}
