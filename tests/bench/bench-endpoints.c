/* bench-endpoints.c
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

/* A benchmark, not a test: lists N endpoints (default 5,000) in the
 * Endpoints page and scrolls the list from top to bottom, one page per
 * frame, then prints
 *   - the time from the request to the painted list,
 *   - the longest frame (from the first GdkFrameClock phase of a frame to
 *     its after-paint: all the work of one frame on the main thread,
 *     whatever the frame rate),
 *   - the longest main-loop stall while scrolling (1 ms timeout source).
 *
 * Usage, in a display session (build-aux/headless.sh):
 *   bench-endpoints [N]
 * Prints machine-readable lines "@name value" after the human ones.
 *
 * The endpoints are created through the API of an emulator that runs in a
 * thread of its own. */

#define G_LOG_DOMAIN "bench-endpoints"

#include "config.h"

#include <adwaita.h>
#include <time.h>
#ifdef HAVE_CALLGRIND_H
#include <valgrind/callgrind.h>
#endif

#include "converc.h"
#include "converc-emulator.h"
#include "cw-renderer.h"
#include "cw-endpoints-page-private.h"


static gint64   frame_start;
static gint64   longest_frame;
static gint64   last_tick;
static gint64   longest_stall;
static guint    n_frames;
static guint    n_measured_frames;
static gboolean measuring;
static guint    n_pending;
static guint    n_created;
static GArray  *frame_ms;
/* When each phase's handlers (GTK's, connected before ours) were done, and
 * the longest frame's parts: to the end of update (the scroll), layout (the
 * rows rebound and allocated), paint (snapshot and render), in µs; and
 * which frame of the scroll it was */
static gint64   phase_update;
static gint64   phase_layout;
static gint64   phase_paint;
static gint64   worst_parts[3];
static guint    worst_index;

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(ConvercWebhook) webhook = NULL;

  webhook = converc_client_create_webhook_finish (CONVERC_CLIENT (object), result,
                                                  &secret, &error);
  if (webhook == NULL)
    g_error ("create: %s", error->message);
  n_pending--;
  n_created++;
}

static void
create_endpoints (ConvercClient *client,
                  const char    *base_url,
                  guint          n)
{
  static const char * const some[] = { "call.ended", "call.accepted", NULL };
  guint started = 0;

  while (n_created < n)
    {
      while (n_pending < 16 && started < n)
        {
          g_autofree char *url = g_strdup_printf ("%s/demo-receiver/bench-%05u", base_url, started);

          converc_client_create_webhook_async (client, url, started % 3 == 0 ? NULL : some,
                                               NULL, created_cb, NULL);
          n_pending++;
          started++;
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* With BENCH_PERF_CTL=FIFO, perf records the scroll alone:
 *   mkfifo ctl; perf record -D -1 --control fifo:ctl -g -- bench-endpoints N
 * (with BENCH_PERF_CTL=ctl in its environment). Under callgrind, run with
 * --instr-atstart=no to count the scroll's instructions alone. */
static void
perf_control (const char *command)
{
  const char *fifo = g_getenv ("BENCH_PERF_CTL");
  FILE *file;

#ifdef HAVE_CALLGRIND_H
  if (g_str_equal (command, "enable"))
    CALLGRIND_START_INSTRUMENTATION;
  else
    CALLGRIND_STOP_INSTRUMENTATION;
#endif

  if (fifo == NULL || (file = fopen (fifo, "w")) == NULL)
    return;
  fprintf (file, "%s\n", command);
  fclose (file);
}

/* CPU time of the calling thread, in µs: a figure that the other core's
 * load does not change as much as the wall clock's. */
static gint64
thread_cpu_time (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return 0;
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (measuring && last_tick != 0)
    longest_stall = MAX (longest_stall, now - last_tick);
  last_tick = now;

  return G_SOURCE_CONTINUE;
}

/* The first phase of a frame that runs (not every frame has them all). */
static void
frame_phase_cb (GdkFrameClock *clock,
                gpointer       data)
{
  const char *phase = data;

  if (frame_start == 0)
    frame_start = g_get_monotonic_time ();
  if (g_str_equal (phase, "update"))
    phase_update = g_get_monotonic_time ();
  else if (g_str_equal (phase, "layout"))
    phase_layout = g_get_monotonic_time ();
  else if (g_str_equal (phase, "paint"))
    phase_paint = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  if (measuring && frame_start != 0)
    {
      gint64 now = g_get_monotonic_time ();
      double ms = (now - frame_start) / 1000.0;

      if (now - frame_start > longest_frame && phase_update >= frame_start &&
          phase_layout >= phase_update && phase_paint >= phase_layout)
        {
          worst_parts[0] = phase_update - frame_start;
          worst_parts[1] = phase_layout - phase_update;
          worst_parts[2] = phase_paint - phase_layout;
          worst_index = n_measured_frames;
        }
      longest_frame = MAX (longest_frame, now - frame_start);
      g_array_append_val (frame_ms, ms);
      n_measured_frames++;
#ifdef HAVE_CALLGRIND_H
      /* BENCH_CALLGRIND_FRAMES=N: count the first N frames of the scroll only */
      if (g_getenv ("BENCH_CALLGRIND_FRAMES") != NULL &&
          n_measured_frames == g_ascii_strtoull (g_getenv ("BENCH_CALLGRIND_FRAMES"), NULL, 10))
        CALLGRIND_STOP_INSTRUMENTATION;
#endif
    }
  frame_start = 0;
  n_frames++;
}

static void
wait_for_paint (GtkWidget *widget)
{
  guint frames = n_frames;

  gtk_widget_queue_draw (widget);
  while (n_frames == frames)
    g_main_context_iteration (NULL, TRUE);
}

/* Moves the list down one page per frame. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  GtkAdjustment *adjustment = data;
  double value = gtk_adjustment_get_value (adjustment);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (value >= end)
    {
      g_object_set_data (G_OBJECT (widget), "bench-done", GINT_TO_POINTER (1));
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (adjustment,
                            MIN (end, value + gtk_adjustment_get_page_size (adjustment)));
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  ConvercEmulatorThread *server;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercClient) client = NULL;
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 5000;
  GtkWindow *window;
  CwEndpointsPage *page;
  GListModel *model;
  GdkFrameClock *clock;
  GtkAdjustment *adjustment;
  gint64 start, listed, painted, scroll_start, scroll_end, scroll_cpu;
  guint n_scroll_frames;
  double redraw_median, redraw_max;
  const char *phases[] = { "flush-events", "before-paint", "update", "layout", "paint" };

  gtk_init ();
  cw_renderer_choose (gdk_display_get_default ());  /* as the app's startup does */
  adw_init ();
  frame_ms = g_array_new (FALSE, FALSE, sizeof (double));

  server = converc_emulator_thread_start (NULL, NULL, NULL, &error);
  if (server == NULL)
    g_error ("emulator: %s", error->message);

  client = converc_client_new (converc_emulator_thread_get_base_url (server),
                               converc_emulator_thread_get_api_key (server));
  create_endpoints (client, converc_emulator_thread_get_base_url (server), n);

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 1100, 720);
  page = cw_endpoints_page_new ();
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (page)))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_print ("@renderer %s\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    g_signal_connect (clock, phases[i], G_CALLBACK (frame_phase_cb), (gpointer) phases[i]);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, NULL, NULL);
  wait_for_paint (GTK_WIDGET (window));

  model = cw_endpoints_page_get_model (page);
  start = g_get_monotonic_time ();
  cw_endpoints_page_set_client (page, client);
  cw_endpoints_page_refresh (page);
  while (g_list_model_get_n_items (model) < n)
    g_main_context_iteration (NULL, TRUE);
  listed = g_get_monotonic_time ();
  wait_for_paint (GTK_WIDGET (window));
  painted = g_get_monotonic_time ();

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (page->column_view));
  g_assert (adjustment != NULL);
  /* Let the list settle first. */
  for (guint i = 0; i < 3; i++)
    wait_for_paint (GTK_WIDGET (window));

  /* The platform's floor: repainting the same window without scrolling
   * (software GL under Xvfb renders every frame on the CPU). */
  measuring = TRUE;
  for (guint i = 0; i < 30; i++)
    wait_for_paint (GTK_WIDGET (window));
  measuring = FALSE;
  g_array_sort (frame_ms, compare_doubles);
  redraw_median = g_array_index (frame_ms, double, frame_ms->len / 2);
  redraw_max = g_array_index (frame_ms, double, frame_ms->len - 1);
  g_array_set_size (frame_ms, 0);
  longest_frame = 0;
  n_measured_frames = 0;

  measuring = TRUE;
  last_tick = 0;
  n_scroll_frames = n_frames;
  perf_control ("enable");
  scroll_start = g_get_monotonic_time ();
  scroll_cpu = thread_cpu_time ();
  gtk_widget_add_tick_callback (GTK_WIDGET (page->column_view), scroll_tick_cb, adjustment, NULL);
  while (g_object_get_data (G_OBJECT (page->column_view), "bench-done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (GTK_WIDGET (window));
  scroll_end = g_get_monotonic_time ();
  scroll_cpu = thread_cpu_time () - scroll_cpu;
  perf_control ("disable");
  measuring = FALSE;
  n_scroll_frames = n_frames - n_scroll_frames;

  g_print ("N = %u endpoints (%u listed)\n", n, g_list_model_get_n_items (model));
  g_print ("  request to painted list:  %.0f ms (%.0f ms to the model)\n",
           (painted - start) / 1000.0, (listed - start) / 1000.0);
  g_print ("  scrolled end to end:      %u frames in %.0f ms, one page a frame\n",
           n_scroll_frames, (scroll_end - scroll_start) / 1000.0);
  g_print ("  longest frame:            %.1f ms (first frame phase to after-paint)\n",
           longest_frame / 1000.0);
  g_print ("  its parts:                %.1f ms to the end of update, %.1f ms layout, "
           "%.1f ms paint (frame %u of the scroll)\n", worst_parts[0] / 1000.0,
           worst_parts[1] / 1000.0, worst_parts[2] / 1000.0, worst_index);
  g_print ("  longest main-loop stall:  %.1f ms\n", longest_stall / 1000.0);
  g_array_sort (frame_ms, compare_doubles);
  if (frame_ms->len > 0)
    g_print ("  frame times:              median %.1f ms, 90th percentile %.1f ms\n",
             g_array_index (frame_ms, double, frame_ms->len / 2),
             g_array_index (frame_ms, double, frame_ms->len * 9 / 10));
  g_print ("  main thread's CPU time:   %.2f ms a frame\n",
           n_scroll_frames > 0 ? scroll_cpu / 1000.0 / n_scroll_frames : 0.0);
  if (g_getenv ("BENCH_FRAMES") != NULL)
    for (guint i = 0; i < frame_ms->len; i++)
      g_print ("frame %.1f\n", g_array_index (frame_ms, double, i));
  g_print ("  repainting, not scrolling: median %.1f ms, longest %.1f ms a frame\n",
           redraw_median, redraw_max);
  g_print ("@endpoints_redraw_ms %.1f\n", redraw_median);
  g_print ("@endpoints_median_frame_ms %.1f\n",
           frame_ms->len > 0 ? g_array_index (frame_ms, double, frame_ms->len / 2) : 0.0);
  g_print ("@endpoints_list_ms %.1f\n", (painted - start) / 1000.0);
  g_print ("@endpoints_worst_frame_ms %.1f\n", longest_frame / 1000.0);
  g_print ("@endpoints_stall_ms %.1f\n", longest_stall / 1000.0);
  g_print ("@endpoints_frames %u\n", n_scroll_frames);
  g_print ("@endpoints_cpu_per_frame_ms %.2f\n",
           n_scroll_frames > 0 ? scroll_cpu / 1000.0 / n_scroll_frames : 0.0);

  gtk_window_destroy (window);
  g_clear_object (&client);
  converc_emulator_thread_stop (server);

  return 0;
}
