/* test-background.c
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

/* The one concern of this file: bulk work runs on threads of a lower
 * priority than the main thread's, its results reach the main context,
 * and no other thread is lowered with them. */

#define G_LOG_DOMAIN "test-background"

#include "config.h"

#include <gio/gio.h>

#include "converc-background-private.h"

#include "converc-test-utils.h"

#define N_TASKS 12

typedef struct
{
  GThread *thread;   /* where the work ran */
  int      nice;     /* at what nice value */
} Ran;

static void
note_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Ran *ran = task_data;

  ran->thread = g_thread_self ();
  ran->nice = converc_background_get_nice ();
  /* Long enough that the tasks overlap and take several threads */
  g_usleep (20 * 1000);
  g_task_return_int (task, 42);
}

typedef struct
{
  guint     n_done;
  GThread  *callback_thread;
  gboolean  wrong_value;
} Done;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Done *done = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_int (G_TASK (result), &error) != 42 || error != NULL)
    done->wrong_value = TRUE;
  done->callback_thread = g_thread_self ();
  done->n_done++;
}

/* Iterates the main context until @n tasks are done (30 s at most). */
static void
wait_for_done (Done  *done,
               guint  n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (done->n_done < n)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("only %u of %u tasks came back", done->n_done, n);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
on_linux (void)
{
#ifdef __linux__
  return TRUE;
#else
  return FALSE;
#endif
}

/* Each task runs off the main thread, lowered; its result comes back to
 * the main thread; the main thread keeps its priority. */
static void
test_runs_lowered (void)
{
  Ran ran[N_TASKS] = { { NULL, 0 }, };
  Done done = { 0, };
  GThread *main_thread = g_thread_self ();
  int main_nice = converc_background_get_nice ();

  for (guint i = 0; i < N_TASKS; i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, done_cb, &done);

      g_task_set_task_data (task, &ran[i], NULL);
      converc_background_run_task (task, note_thread);
    }
  wait_for_done (&done, N_TASKS);

  g_assert_false (done.wrong_value);
  g_assert_true (done.callback_thread == main_thread);
  g_assert_cmpint (converc_background_get_nice (), ==, main_nice);
  for (guint i = 0; i < N_TASKS; i++)
    {
      g_assert_nonnull (ran[i].thread);
      g_assert_true (ran[i].thread != main_thread);
      if (on_linux ())
        g_assert_cmpint (ran[i].nice, ==, MAX (main_nice, CONVERC_BACKGROUND_NICE));
    }
}

/* GLib's own threads (g_task_run_in_thread) are never the lowered ones:
 * every later task of the program would run lowered. */
static void
test_glib_threads_untouched (void)
{
  Done done = { 0, };
  Ran ran[N_TASKS] = { { NULL, 0 }, };
  int main_nice = converc_background_get_nice ();

  if (!on_linux ())
    {
      g_test_skip ("threads have a nice value of their own only on Linux");
      return;
    }

  /* Background tasks first, then GLib's: an idle lowered thread must
   * not serve them. */
  for (guint i = 0; i < N_TASKS; i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, done_cb, &done);

      g_task_set_task_data (task, &ran[i], NULL);
      if (i < N_TASKS / 2)
        converc_background_run_task (task, note_thread);
      else
        {
          if (i == N_TASKS / 2)
            wait_for_done (&done, N_TASKS / 2);
          g_task_run_in_thread (task, note_thread);
        }
    }
  wait_for_done (&done, N_TASKS);

  for (guint i = N_TASKS / 2; i < N_TASKS; i++)
    g_assert_cmpint (ran[i].nice, ==, main_nice);
}

static gpointer
lower_in_thread (gpointer data)
{
  int *nice_after = data;

  converc_background_lower_priority ();
  /* Twice is the same as once */
  converc_background_lower_priority ();
  *nice_after = converc_background_get_nice ();

  return NULL;
}

/* A thread of its own (the search indexer) lowers itself, and only
 * itself. */
static void
test_lower_own_thread (void)
{
  int main_nice = converc_background_get_nice ();
  int nice_after = G_MININT;

  if (!on_linux ())
    {
      g_test_skip ("threads have a nice value of their own only on Linux");
      return;
    }

  g_thread_join (g_thread_new ("lowered", lower_in_thread, &nice_after));
  g_assert_cmpint (nice_after, ==, MAX (main_nice, CONVERC_BACKGROUND_NICE));
  g_assert_cmpint (converc_background_get_nice (), ==, main_nice);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/background/runs-lowered", test_runs_lowered);
  g_test_add_func ("/background/glib-threads-untouched", test_glib_threads_untouched);
  g_test_add_func ("/background/lower-own-thread", test_lower_own_thread);

  return g_test_run ();
}
