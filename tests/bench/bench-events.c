/* bench-events.c
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

/* A benchmark, not a test: loads N realistic events from an in-process
 * emulator into the Events page and prints
 *   - the wall time from the request to the populated list on screen,
 *   - the longest main-loop stall during the load (a 1 ms timeout source
 *     records the longest gap between its runs) and the longest gap
 *     between painted frames,
 *   - the peak RSS (VmHWM) before and after,
 *   - how long a search keystroke takes to update the list (median).
 *
 * Usage, in a display session (build-aux/headless.sh):
 *   bench-events [N ...]        default: 1000 10000, each in its own process
 *   bench-events --single N [URL KEY]
 *                               one run; with URL and KEY against a server
 *                               in another process (build-aux/bench.sh runs
 *                               `converc emulator --events N`), so that the
 *                               peak RSS is the page's alone
 * Machine-readable lines "@name value" follow the human ones.
 *
 * Without a URL the emulator runs in a thread of its own, so that building
 * its answer does not count as the page's stall. */

#define G_LOG_DOMAIN "bench-events"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "converc.h"
#include "converc-emulator.h"
#include "cw-renderer.h"
#include "cw-events-page-private.h"

/* The events an in-process emulator makes in its thread, and when it is done */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  guint    n_events;
  gboolean done;
} Seeding;

static gint64 last_tick;
static gint64 longest_stall;
static gint64 last_tick_cpu;
static gint64 gap_origin;
static GListModel *gap_model;
static gint64 longest_stall_cpu;
static gint64 longest_stall_end;
static gint64 last_frame;
static gint64 longest_frame_gap;
static guint  n_frames;
static gboolean measuring;

static void
seed_cb (ConvercEmulator *emulator,
         gpointer         data)
{
  Seeding *seeding = data;

  converc_emulator_seed (emulator, seeding->n_events, 4242);
  g_mutex_lock (&seeding->lock);
  seeding->done = TRUE;
  g_cond_signal (&seeding->cond);
  g_mutex_unlock (&seeding->lock);
}

/* CPU time of the calling (main) thread, µs: unlike wall time it does not
 * count the time other processes on a busy machine take from us. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
vm_hwm_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;

  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_usec ();

  if (measuring && last_tick != 0 && g_getenv ("BENCH_GAPS") && now - last_tick > 15000)
    g_printerr ("gap at +%.1f ms: %.1f ms wall, %.1f ms cpu, n_items %u\n",
                (last_tick - gap_origin) / 1000.0, (now - last_tick) / 1000.0,
                (cpu - last_tick_cpu) / 1000.0, gap_model ? g_list_model_get_n_items (gap_model) : 0);
  if (measuring && last_tick != 0 && now - last_tick > longest_stall)
    {
      longest_stall = now - last_tick;
      longest_stall_cpu = cpu - last_tick_cpu;
      longest_stall_end = now;
    }
  last_tick = now;
  last_tick_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  gint64 now = g_get_monotonic_time ();

  if (measuring && last_frame != 0)
    longest_frame_gap = MAX (longest_frame_gap, now - last_frame);
  last_frame = now;
  n_frames++;
}

/* Iterates until the next frame has been painted. */
static void
wait_for_paint (GtkWidget *widget)
{
  guint frames = n_frames;

  gtk_widget_queue_draw (widget);
  while (n_frames == frames)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static int
run_one (guint       n_events,
         const char *url,
         const char *key)
{
  Seeding seeding = { 0 };
  ConvercEmulatorThread *server = NULL;
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(GArray) filter_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 cpu_start, cpu_listed;
  double load[3] = { 0 };
  g_autofree char *needle = NULL;
  GtkWindow *window;
  CwEventsPage *page;
  CwEventFeed *feed;
  GListModel *model;
  GdkFrameClock *clock;
  gint64 start, listed, painted;
  double rss_before, rss_after;
  guint n_shown;
  double clear_ms, clear_paint_ms;

  if (url == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The load is timed from a server that holds its events already. */
      g_mutex_init (&seeding.lock);
      g_cond_init (&seeding.cond);
      seeding.n_events = n_events;
      server = converc_emulator_thread_start (NULL, seed_cb, &seeding, &error);
      if (server == NULL)
        g_error ("emulator: %s", error->message);
      g_mutex_lock (&seeding.lock);
      while (!seeding.done)
        g_cond_wait (&seeding.cond, &seeding.lock);
      g_mutex_unlock (&seeding.lock);
      url = converc_emulator_thread_get_base_url (server);
      key = converc_emulator_thread_get_api_key (server);
    }

  client = converc_client_new (url, key);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 800);
  page = cw_events_page_new ();
  feed = cw_events_page_get_feed (page);
  cw_event_feed_set_auto_refresh (feed, FALSE);
  cw_event_feed_set_event_count (feed, n_events);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (page)))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_print ("@renderer %s\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  /* The page's spinner animates while loading: frames keep coming unless
   * the main loop stalls. */
  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, NULL, NULL);
  wait_for_paint (GTK_WIDGET (window));

  rss_before = vm_hwm_mb ();
  model = cw_events_page_get_model (page);

  /* Load */
  measuring = TRUE;
  last_tick = last_frame = g_get_monotonic_time ();
  start = g_get_monotonic_time ();
  gap_origin = start;
  gap_model = model;
  cpu_start = thread_cpu_usec ();
  cw_event_feed_set_client (feed, client);
  while (cw_event_feed_get_loading (feed) || g_list_model_get_n_items (model) < n_events)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!cw_event_feed_get_loading (feed) && cw_event_feed_get_last_error (feed) != NULL)
        g_error ("load failed: %s", cw_event_feed_get_last_error (feed)->message);
    }
  listed = g_get_monotonic_time ();
  cpu_listed = thread_cpu_usec ();
  wait_for_paint (GTK_WIDGET (window));
  painted = g_get_monotonic_time ();
  measuring = FALSE;
  rss_after = vm_hwm_mb ();
  n_shown = g_list_model_get_n_items (model);

  /* Search: type a contact's email one key at a time. */
  {
    g_autoptr(ConvercEvent) event = g_list_model_get_item (model, n_shown / 2);
    for (guint i = n_shown / 2; i < n_shown && needle == NULL; i++)
      {
        g_autoptr(ConvercEvent) other = g_list_model_get_item (model, i);

        if (converc_event_get_contact_email (other) != NULL)
          needle = g_strdup (converc_event_get_contact_email (other));
      }
    if (needle == NULL)
      needle = g_strdup (converc_event_get_id (event));
  }

  cw_events_page_set_search_text (page, "");
  wait_for_paint (GTK_WIDGET (window));

  for (guint len = 1; len <= MIN (strlen (needle), 10); len++)
    {
      g_autofree char *typed = g_strndup (needle, len);
      gint64 t0, t1, t2;
      double ms;

      gint64 c0, c1;

      t0 = g_get_monotonic_time ();
      c0 = thread_cpu_usec ();
      cw_events_page_set_search_text (page, typed);
      c1 = thread_cpu_usec ();
      t1 = g_get_monotonic_time ();
      wait_for_paint (GTK_WIDGET (window));
      t2 = g_get_monotonic_time ();

      ms = (t1 - t0) / 1000.0;
      g_array_append_val (filter_ms, ms);
      ms = (c1 - c0) / 1000.0;
      g_array_append_val (cpu_ms, ms);
      ms = (t2 - t0) / 1000.0;
      g_array_append_val (paint_ms, ms);
    }

  {
    gint64 t0 = g_get_monotonic_time ();
    gint64 t1;

    cw_events_page_set_search_text (page, "");
    t1 = g_get_monotonic_time ();
    wait_for_paint (GTK_WIDGET (window));
    clear_ms = (t1 - t0) / 1000.0;
    clear_paint_ms = (g_get_monotonic_time () - t0) / 1000.0;
  }

  getloadavg (load, 3);
  g_print ("N = %u events (%u shown); machine load average %.2f\n", n_events, n_shown, load[0]);
  g_print ("  wall time to populated list:      %.0f ms (model filled), %.0f ms (painted); "
           "main thread CPU %.0f ms\n",
           (listed - start) / 1000.0, (painted - start) / 1000.0,
           (cpu_listed - cpu_start) / 1000.0);
  g_print ("  longest main-loop stall in load:  %.1f ms (1 ms timeout source)\n",
           longest_stall / 1000.0);
  g_print ("  that stall's main-thread CPU:     %.1f ms (ended at %" G_GINT64_FORMAT " µs)\n",
           longest_stall_cpu / 1000.0, longest_stall_end);
  g_print ("  longest gap between frames:       %.1f ms\n", longest_frame_gap / 1000.0);
  g_print ("  peak RSS (VmHWM):                 %.0f MB (%.0f MB before the load; "
           "%s)\n", rss_after, rss_before,
           url != NULL ? "the server is another process" : "includes the in-process emulator");
  {
    double filter_median = median (filter_ms);
    double filter_max = g_array_index (filter_ms, double, filter_ms->len - 1);
    double paint_median = median (paint_ms);

    double cpu_median = median (cpu_ms);
    double cpu_max = g_array_index (cpu_ms, double, cpu_ms->len - 1);

    g_print ("  search keystroke (%u keys of \"%s\"): median %.1f ms to update the list "
             "(max %.1f ms; main thread CPU median %.1f ms, max %.1f ms), "
             "median %.1f ms to the painted frame\n",
             filter_ms->len, needle, filter_median, filter_max, cpu_median, cpu_max,
             paint_median);
  }
  g_print ("  clearing the search:              %.2f ms to update, %.1f ms to the painted frame\n",
           clear_ms, clear_paint_ms);

  g_print ("@load_ms %.1f\n", (painted - start) / 1000.0);
  g_print ("@load_model_ms %.1f\n", (listed - start) / 1000.0);
  g_print ("@load_stall_ms %.1f\n", longest_stall / 1000.0);
  g_print ("@load_frame_gap_ms %.1f\n", longest_frame_gap / 1000.0);
  g_print ("@rss_delta_mb %.1f\n", rss_after - rss_before);
  g_print ("@search_ms %.1f\n", median (filter_ms));
  g_print ("@search_paint_ms %.1f\n", median (paint_ms));

  gtk_window_destroy (window);

  g_clear_object (&client);
  g_clear_pointer (&server, converc_emulator_thread_stop);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if ((argc == 3 || argc == 5) && g_str_equal (argv[1], "--single"))
    {
      gtk_init ();
      cw_renderer_choose (gdk_display_get_default ());  /* as the app's startup does */
      adw_init ();
      return run_one ((guint) g_ascii_strtoull (argv[2], NULL, 10),
                      argc == 5 ? argv[3] : NULL, argc == 5 ? argv[4] : NULL);
    }

  /* Each N in a fresh process, so peak RSS is its own. */
  {
    const char *defaults[] = { "1000", "10000" };
    const char * const *sizes = argc > 1 ? (const char * const *) argv + 1 : defaults;
    int n_sizes = argc > 1 ? argc - 1 : (int) G_N_ELEMENTS (defaults);
    int status = 0;

    for (int i = 0; i < n_sizes; i++)
      {
        const char *child[] = { argv[0], "--single", sizes[i], NULL };
        g_autoptr(GError) error = NULL;
        int wait_status = 0;

        if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                           NULL, NULL, NULL, NULL, &wait_status, &error))
          g_error ("%s", error->message);
        if (!g_spawn_check_wait_status (wait_status, NULL))
          status = 1;
      }

    return status;
  }
}
