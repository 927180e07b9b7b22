/* bench-events-journal.c
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

/* The one concern of this file: the Events page on a stored journal, as
 * figures (a benchmark, not a test).
 *
 * Usage, in a display session (build-aux/headless.sh), on a journal that
 * bench-journal built (`bench-journal --dir DIR --keep 100000`); the
 * journal is written to by --ingest, so give it a copy:
 *   bench-startup bench-events-journal --open JOURNAL
 *       launch → first rows of the journal painted (the page opened on
 *       it, like the app at a cold start, offline); compare with
 *       `bench-startup bench-minimal-window`
 *   bench-events-journal --search JOURNAL NEEDLE...
 *       a search keystroke → the list updated (the query's answer
 *       applied) and → painted, typing each NEEDLE's first 10 characters
 *       one at a time; medians; then the list scrolled top to bottom a
 *       page of rows at a time; peak RSS (VmHWM) of the whole
 *   bench-events-journal --ingest JOURNAL
 *       a 10,000-event answer from an in-process emulator (in its own
 *       thread) fetched and stored by a refresh while the page shows the
 *       journal, signed in and at rest (a first load brought the server's
 *       newest event): the longest main-loop stall (a 1 ms high-priority
 *       timeout) until the answer is stored and the list shows it
 *       (BENCH_GAPS=1: every gap and frame over 15 ms)
 *   bench-events-journal --first-sync EMPTY_JOURNAL
 *       the first sync of a 10,000-event answer into an empty journal:
 *       the first byte of the page's own answer (the emulator's
 *       ::answer-started, its headers written to loopback) → first rows
 *       painted; and, as before round 8, request → first rows painted
 *       less request → first byte of the same answer asked by libsoup
 *       alone beforehand; the longest main-loop stall from the request,
 *       and from the answer's first byte on (the gaps that end after it:
 *       those before are the page's own change from "Not Signed In" to the
 *       empty list) (BENCH_SHOT=FILE.png: a screenshot once the first rows
 *       are shown; the figures then do not count)
 * Every figure is printed with the machine's load average; lines
 * "@name value" are for scripts. */

#define G_LOG_DOMAIN "bench-events-journal"

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "converc.h"
#include "converc-emulator.h"
#include "cw-renderer.h"
#include "cw-events-page-private.h"
#include "../cw-shot-utils.h"

#define ANSWER_EVENTS 10000

static gint64   last_tick;
static gint64   longest_stall;
/* The main thread's CPU time between two ticks, at most: on a machine
 * where other processes take the cores, a wall-clock gap may be time the
 * main thread did not get, not time it worked */
static gint64   last_tick_cpu;
static gint64   longest_busy;
static gboolean measuring;
static guint    n_frames;

/* Every gap of the measure: when it ended, its wall and CPU time (µs) */
typedef struct
{
  gint64 end;
  gint64 wall;
  gint64 cpu;
} Gap;
static GArray  *gaps;

static double
load_average (void)
{
  double load[3] = { 0 };

  getloadavg (load, 3);
  return load[0];
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

static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_usec ();

  if (measuring && last_tick != 0)
    {
      longest_stall = MAX (longest_stall, now - last_tick);
      longest_busy = MAX (longest_busy, cpu - last_tick_cpu);
      g_array_append_vals (gaps, &(Gap) { now, now - last_tick, cpu - last_tick_cpu }, 1);
      if (g_getenv ("BENCH_GAPS") != NULL && cpu - last_tick_cpu > 15000)
        g_printerr ("gap ending at %" G_GINT64_FORMAT " µs (monotonic): %.1f ms wall, %.1f ms cpu\n",
                    now, (now - last_tick) / 1000.0, (cpu - last_tick_cpu) / 1000.0);
    }
  last_tick = now;
  last_tick_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

/* BENCH_GAPS=1: a frame over 15 ms is printed with its phases (GTK's
 * handlers run before these, connected after them): layout, paint (the
 * snapshot and its rendering) and after-paint; and what the page showed. */
enum { PHASE_UPDATE, PHASE_LAYOUT, PHASE_PAINT, PHASE_AFTER_PAINT, N_PHASES };
static gint64        phase_usec[N_PHASES];
static CwEventsPage *frame_page;

static void
phase_cb (GdkFrameClock *clock,
          gpointer       data)
{
  guint phase = GPOINTER_TO_UINT (data);
  CwEventFeed *feed;

  phase_usec[phase] = g_get_monotonic_time ();
  if (phase != PHASE_AFTER_PAINT || g_getenv ("BENCH_GAPS") == NULL || frame_page == NULL ||
      phase_usec[PHASE_AFTER_PAINT] - phase_usec[PHASE_UPDATE] <= 15000)
    return;

  feed = cw_events_page_get_feed (frame_page);
  g_printerr ("frame ending at %" G_GINT64_FORMAT " µs: layout %.1f ms, paint %.1f ms, "
              "after-paint %.1f ms (loading %d, %u rows, %u events held)\n",
              phase_usec[PHASE_AFTER_PAINT],
              (phase_usec[PHASE_LAYOUT] - phase_usec[PHASE_UPDATE]) / 1000.0,
              (phase_usec[PHASE_PAINT] - phase_usec[PHASE_LAYOUT]) / 1000.0,
              (phase_usec[PHASE_AFTER_PAINT] - phase_usec[PHASE_PAINT]) / 1000.0,
              cw_event_feed_get_loading (feed),
              g_list_model_get_n_items (cw_events_page_get_model (frame_page)),
              _cw_event_feed_get_n_held (feed));
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
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
  return values->len > 0 ? g_array_index (values, double, values->len / 2) : -1;
}

static double
maximum (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len > 0 ? g_array_index (values, double, values->len - 1) : -1;
}

static ConvercJournal *
open_journal (const char *path)
{
  g_autoptr(GError) error = NULL;
  ConvercJournal *journal = converc_journal_open (path, &error);

  if (journal == NULL)
    g_error ("%s: %s", path, error->message);

  return journal;
}

/* The first rows are read (whatever the page shows: signed out, it
 * shows none). */
static gboolean
first_rows_read (CwEventsPage *page)
{
  GListModel *model = cw_events_page_get_model (page);
  g_autoptr(GObject) first = NULL;

  if (g_list_model_get_n_items (model) == 0)
    return FALSE;
  first = g_list_model_get_item (model, 0);

  return !cw_journal_model_is_placeholder (first);
}

/* The first rows: the list shows events, the first of them read. */
static gboolean
first_rows_shown (CwEventsPage *page)
{
  return first_rows_read (page) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (page->list_stack), "list") == 0;
}

static gboolean
query_done (CwEventsPage *page)
{
  return cw_journal_model_get_queried (page->journal_model) &&
         !cw_journal_model_get_loading (page->journal_model);
}

typedef struct
{
  GtkWindow    *window;
  CwEventsPage *page;
  CwEventFeed  *feed;
} Shown;

/* A window with the Events page, signed in to @client, on @journal. */
static void
show_page (Shown          *shown,
           ConvercClient  *client,
           ConvercJournal *journal)
{
  GdkFrameClock *clock;

  shown->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (shown->window, 1100, 720);
  shown->page = cw_events_page_new ();
  frame_page = shown->page;
  shown->feed = cw_events_page_get_feed (shown->page);
  cw_event_feed_set_auto_refresh (shown->feed, FALSE);
  if (journal != NULL)
    cw_event_feed_set_journal (shown->feed, journal);
  gtk_window_set_child (shown->window, GTK_WIDGET (shown->page));
  gtk_window_present (shown->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (shown->page)))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (shown->window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_signal_connect (clock, "update", G_CALLBACK (phase_cb), GUINT_TO_POINTER (PHASE_UPDATE));
  g_signal_connect (clock, "layout", G_CALLBACK (phase_cb), GUINT_TO_POINTER (PHASE_LAYOUT));
  g_signal_connect (clock, "paint", G_CALLBACK (phase_cb), GUINT_TO_POINTER (PHASE_PAINT));
  g_signal_connect (clock, "after-paint", G_CALLBACK (phase_cb),
                    GUINT_TO_POINTER (PHASE_AFTER_PAINT));
  if (client != NULL)
    cw_event_feed_set_client (shown->feed, client);
  g_print ("@renderer %s\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (shown->window))));
}

/* --open: the app's cold start, offline, as bench-startup times it. */

typedef struct
{
  char          *path;
  CwEventsPage  *page;
  ConvercClient *client;
  CwEventFeed   *feed;
  GtkWidget     *window;
  guint          present_source;
} Open;

/* As cw_window_present_when_ready() does on the Events page: the window
 * is shown once the first rows are in, or after 250 ms at most. */
static gboolean
open_present_cb (gpointer data)
{
  Open *open = data;

  open->present_source = 0;
  g_signal_handlers_disconnect_by_data (cw_events_page_get_rows (open->page), open);
  gtk_window_present (GTK_WINDOW (open->window));

  return G_SOURCE_REMOVE;
}

static void
open_rows_changed_cb (GListModel *rows,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Open       *open)
{
  if (g_list_model_get_n_items (rows) == 0)
    return;

  g_clear_handle_id (&open->present_source, g_source_remove);
  open_present_cb (open);
}

static void
open_after_paint_cb (GdkFrameClock *clock,
                     Open          *open)
{
  if (!first_rows_shown (open->page))
    return;

  g_print ("CONVERC_BENCH first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_print ("load average %.2f\n", load_average ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, open_after_paint_cb, open);
  g_application_quit (g_application_get_default ());
}

static void
open_realize_cb (GtkWidget *window,
                 Open      *open)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (open_after_paint_cb), open);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, open_journal (task_data), g_object_unref);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  Open *open = data;
  g_autoptr(ConvercJournal) journal = g_task_propagate_pointer (G_TASK (result), NULL);

  cw_event_feed_set_journal (open->feed, journal);
}

static void
open_activate_cb (GtkApplication *app,
                  Open           *open)
{
  GtkWidget *window = adw_application_window_new (app);
  g_autoptr(GTask) task = NULL;
  CwEventFeed *feed;

  open->window = window;
  /* As cw_window_ensure_events_page() does: the feed first, its journal
   * opening on a worker thread while the page is made. */
  open->feed = cw_event_feed_new ();
  feed = open->feed;
  cw_event_feed_set_auto_refresh (feed, FALSE);
  task = g_task_new (NULL, NULL, opened_cb, open);
  g_task_set_task_data (task, g_strdup (open->path), g_free);
  g_task_run_in_thread (task, open_thread);
  /* Offline: nothing listens there; the stored events show. */
  open->client = converc_client_new ("http://127.0.0.1:9", "bench-key");
  cw_event_feed_set_client (feed, open->client);
  open->page = cw_events_page_new ();
  cw_events_page_set_feed (open->page, feed);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (open->page));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_signal_connect (window, "realize", G_CALLBACK (open_realize_cb), open);
  g_signal_connect (cw_events_page_get_rows (open->page), "items-changed",
                    G_CALLBACK (open_rows_changed_cb), open);
  open->present_source = g_timeout_add (250, open_present_cb, open);
}

static void
startup_cb (GApplication *app)
{
  cw_renderer_choose (gdk_display_get_default ());  /* as the app's startup does */
}

static int
run_open (const char *path)
{
  g_autoptr(AdwApplication) app = NULL;
  Open open = { (char *) path, NULL, NULL };
  char *argv[] = { (char *) "bench-events-journal", NULL };
  int status;

  app = adw_application_new ("com.converc.BenchEventsJournal", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (startup_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (open_activate_cb), &open);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_clear_object (&open.client);
  g_clear_object (&open.feed);

  return status;
}

/* --search */
static int
run_search (const char  *path,
            char       **needles)
{
  g_autoptr(ConvercJournal) journal = open_journal (path);
  g_autoptr(ConvercClient) client = converc_client_new ("http://127.0.0.1:9", "bench-key");
  g_autoptr(GArray) update_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scroll_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Shown shown = { 0, };
  GListModel *model;
  double load_before = load_average ();
  double rss_open;
  double rss_searched;
  guint n_items;

  show_page (&shown, client, journal);
  while (!first_rows_shown (shown.page))
    g_main_context_iteration (NULL, TRUE);
  model = cw_events_page_get_model (shown.page);
  /* Every stored event listed (the list grows a step at a time) */
  while (g_list_model_get_n_items (model) < cw_journal_model_get_n_stored (shown.page->journal_model))
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (GTK_WIDGET (shown.window));
  n_items = g_list_model_get_n_items (model);
  rss_open = vm_hwm_mb ();

  for (guint n = 0; needles[n] != NULL; n++)
    {
      guint len = MIN (strlen (needles[n]), 10);

      for (guint i = 1; i <= len; i++)
        {
          g_autofree char *typed = g_strndup (needles[n], i);
          gint64 t0 = g_get_monotonic_time ();
          double ms;

          cw_events_page_set_search_text (shown.page, typed);
          while (!query_done (shown.page))
            g_main_context_iteration (NULL, TRUE);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (update_ms, ms);
          wait_for_paint (GTK_WIDGET (shown.window));
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (paint_ms, ms);
        }
      cw_events_page_set_search_text (shown.page, "");
      while (!query_done (shown.page))
        g_main_context_iteration (NULL, TRUE);
    }

  rss_searched = vm_hwm_mb ();

  /* Scrolled top to bottom, 5,000 rows at a time: each page read on the
   * worker while placeholders show. */
  for (guint position = 0; position < n_items; position += 5000)
    {
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      _cw_events_page_scroll_to (shown.page, position);
      wait_for_paint (GTK_WIDGET (shown.window));
      while (TRUE)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, position);

          if (!cw_journal_model_is_placeholder (item))
            break;
          g_main_context_iteration (NULL, TRUE);
        }
      wait_for_paint (GTK_WIDGET (shown.window));
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (scroll_ms, ms);
    }

  g_print ("journal %s: %u events; load average %.2f before, %.2f after\n",
           path, n_items, load_before, load_average ());
  g_print ("  search keystroke (%u keys): median %.1f ms to the list updated (max %.1f), "
           "median %.1f ms to the painted frame (max %.1f)\n",
           update_ms->len, median (update_ms), maximum (update_ms), median (paint_ms),
           maximum (paint_ms));
  g_print ("  jump by 5,000 rows → rows painted: median %.1f ms (max %.1f), %u jumps\n",
           median (scroll_ms), maximum (scroll_ms), scroll_ms->len);
  g_print ("  peak RSS (VmHWM): %.1f MB once the first rows were painted, %.1f MB after "
           "the searches, %.1f MB at the end\n", rss_open, rss_searched, vm_hwm_mb ());
  g_print ("@search_update_ms %.1f\n@search_paint_ms %.1f\n@jump_ms %.1f\n@peak_rss_mb %.1f\n",
           median (update_ms), median (paint_ms), median (scroll_ms), vm_hwm_mb ());

  gtk_window_destroy (shown.window);
  return 0;
}

/* --ingest and --first-sync: an emulator in its own thread */

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean done;
} Seeding;

/* When the emulator's answers to /webhooks/events started going out (their
 * headers written: the client's first byte is on loopback), in order. */
static GMutex  answers_lock;
static GArray *answers_started;

static void
answer_started_cb (ConvercEmulator *emulator,
                   const char      *path,
                   guint            status,
                   gpointer         data)
{
  gint64 now = g_get_monotonic_time ();

  if (g_strcmp0 (path, "/webhooks/events") != 0)
    return;
  g_mutex_lock (&answers_lock);
  g_array_append_val (answers_started, now);
  g_mutex_unlock (&answers_lock);
}

/* The first answer to start going out at or after @since, or 0. */
static gint64
answer_started_since (gint64 since)
{
  gint64 found = 0;

  g_mutex_lock (&answers_lock);
  for (guint i = 0; i < answers_started->len && found == 0; i++)
    if (g_array_index (answers_started, gint64, i) >= since)
      found = g_array_index (answers_started, gint64, i);
  g_mutex_unlock (&answers_lock);

  return found;
}

static void
seed_cb (ConvercEmulator *emulator,
         gpointer         data)
{
  Seeding *seeding = data;

  g_signal_connect (emulator, "answer-started", G_CALLBACK (answer_started_cb), NULL);

  /* Another seed than bench-journal's: events the journal does not hold */
  converc_emulator_seed (emulator, ANSWER_EVENTS, 777);
  g_mutex_lock (&seeding->lock);
  seeding->done = TRUE;
  g_cond_signal (&seeding->cond);
  g_mutex_unlock (&seeding->lock);
}

static ConvercEmulatorThread *
start_server (void)
{
  Seeding seeding = { 0, };
  g_autoptr(GError) error = NULL;
  ConvercEmulatorThread *server;

  g_mutex_init (&seeding.lock);
  g_cond_init (&seeding.cond);
  answers_started = g_array_new (FALSE, FALSE, sizeof (gint64));
  server = converc_emulator_thread_start (NULL, seed_cb, &seeding, &error);
  if (server == NULL)
    g_error ("emulator: %s", error->message);
  g_mutex_lock (&seeding.lock);
  while (!seeding.done)
    g_cond_wait (&seeding.cond, &seeding.lock);
  g_mutex_unlock (&seeding.lock);

  return server;
}

static void
got_headers_cb (SoupMessage *message,
                gint64      *when)
{
  *when = g_get_monotonic_time ();
}

/* Request → first byte of the answer (its headers), by libsoup alone. */
static double
first_byte_ms (ConvercEmulatorThread *server,
               guint                  count)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/webhooks/events?display=%u",
                                          converc_emulator_thread_get_base_url (server), count);
  g_autofree char *authorization =
    g_strconcat ("Bearer ", converc_emulator_thread_get_api_key (server), NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 headers = 0;
  gint64 t0;

  soup_message_headers_append (soup_message_get_request_headers (message), "Authorization",
                               authorization);
  g_signal_connect (message, "got-headers", G_CALLBACK (got_headers_cb), &headers);
  t0 = g_get_monotonic_time ();
  /* The server is another thread: the sync call does not deadlock. */
  body = soup_session_send_and_read (session, message, NULL, &error);
  if (body == NULL)
    g_error ("%s", error->message);

  return (headers - t0) / 1000.0;
}

static int
run_ingest (const char *path,
            gboolean    first_sync)
{
  g_autoptr(ConvercJournal) journal = open_journal (path);
  ConvercEmulatorThread *server = start_server ();
  g_autoptr(ConvercClient) client =
    converc_client_new (converc_emulator_thread_get_base_url (server),
                        converc_emulator_thread_get_api_key (server));
  gint64 n_before = converc_journal_count (journal, NULL, 0, NULL);
  double load_before = load_average ();
  Shown shown = { 0, };
  guint revision;
  gint64 t0, t_rows = 0, t_stored, t_first_byte;
  double header_ms;

  g_assert (!first_sync || n_before == 0);
  header_ms = first_byte_ms (server, ANSWER_EVENTS);
  gaps = g_array_new (FALSE, FALSE, sizeof (Gap));

  if (first_sync)
    {
      /* An empty journal: the first load fetches deeply (10,000). */
      show_page (&shown, NULL, journal);
      wait_for_paint (GTK_WIDGET (shown.window));
      revision = cw_event_feed_get_journal_revision (shown.feed);
      g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, NULL, NULL);
      measuring = TRUE;
      last_tick = t0 = g_get_monotonic_time ();
      last_tick_cpu = thread_cpu_usec ();
      cw_event_feed_set_client (shown.feed, client);
    }
  else
    {
      GListModel *model;

      /* The page at rest, showing the journal and signed in (a first
       * load brings the server's newest event), when a poll brings a
       * 10,000-event answer: as the app is between two polls. */
      show_page (&shown, NULL, journal);
      model = cw_events_page_get_model (shown.page);
      while (!first_rows_read (shown.page) ||
             g_list_model_get_n_items (model) < cw_journal_model_get_n_stored (shown.page->journal_model))
        g_main_context_iteration (NULL, TRUE);
      cw_event_feed_set_event_count (shown.feed, 1);
      revision = cw_event_feed_get_journal_revision (shown.feed);
      cw_event_feed_set_client (shown.feed, client);
      while (cw_event_feed_get_journal_revision (shown.feed) == revision ||
             cw_event_feed_get_loading (shown.feed) || _cw_event_feed_get_n_held (shown.feed) > 0 ||
             !query_done (shown.page))
        g_main_context_iteration (NULL, TRUE);
      wait_for_paint (GTK_WIDGET (shown.window));
      wait_for_paint (GTK_WIDGET (shown.window));

      cw_event_feed_set_event_count (shown.feed, ANSWER_EVENTS);
      revision = cw_event_feed_get_journal_revision (shown.feed);
      n_before = converc_journal_count (journal, NULL, 0, NULL);
      g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, NULL, NULL);
      measuring = TRUE;
      last_tick = t0 = g_get_monotonic_time ();
      last_tick_cpu = thread_cpu_usec ();
      cw_event_feed_refresh (shown.feed);
    }

  /* Until stored (a first sync's parts too), and the list shows what was
   * stored */
  while (cw_event_feed_get_journal_revision (shown.feed) == revision ||
         cw_event_feed_get_loading (shown.feed) || _cw_event_feed_get_n_held (shown.feed) > 0 ||
         !query_done (shown.page) || !first_rows_shown (shown.page))
    {
      guint frames = n_frames;

      g_main_context_iteration (NULL, TRUE);
      if (t_rows == 0 && n_frames != frames && first_rows_shown (shown.page))
        {
          t_rows = g_get_monotonic_time ();
          /* BENCH_SHOT=FILE.png: a screenshot of the first rows while the
           * rest still arrives (it stalls the loop: not for figures) */
          if (g_getenv ("BENCH_SHOT") != NULL)
            cw_shot_take (g_getenv ("BENCH_SHOT"), 1100, 720);
        }
      if (!cw_event_feed_get_loading (shown.feed) && cw_event_feed_get_last_error (shown.feed))
        g_error ("load failed: %s", cw_event_feed_get_last_error (shown.feed)->message);
    }
  wait_for_paint (GTK_WIDGET (shown.window));
  t_stored = g_get_monotonic_time ();
  if (t_rows == 0)
    t_rows = t_stored;
  measuring = FALSE;

  g_print ("journal %s: %" G_GINT64_FORMAT " events before, %" G_GINT64_FORMAT " after; "
           "load average %.2f before, %.2f after\n",
           path, n_before, converc_journal_count (journal, NULL, 0, NULL),
           load_before, load_average ());
  g_print ("  request → first byte of the answer (libsoup alone): %.1f ms\n", header_ms);
  t_first_byte = answer_started_since (t0);
  if (t_first_byte == 0)
    g_error ("the emulator never started an answer to the page's request");
  g_print ("  request → first byte of the page's own answer (its headers written by the "
           "emulator): %.1f ms\n", (t_first_byte - t0) / 1000.0);
  g_print ("  request → answer stored and the list showing it: %.0f ms\n",
           (t_stored - t0) / 1000.0);
  g_print ("  longest main-loop stall meanwhile: %.1f ms wall; the main thread's CPU time "
           "in one gap at most %.1f ms\n", longest_stall / 1000.0, longest_busy / 1000.0);
  if (first_sync)
    {
      Gap answer = { 0, };

      /* A gap that ends after the answer's first byte belongs to the
       * answer's ingest, whenever it began. Those before are the page
       * leaving "Not Signed In" for the empty list, the sign-in's own. */
      for (guint i = 0; i < gaps->len; i++)
        {
          const Gap *gap = &g_array_index (gaps, Gap, i);

          if (gap->end > t_first_byte)
            {
              answer.wall = MAX (answer.wall, gap->wall);
              answer.cpu = MAX (answer.cpu, gap->cpu);
            }
        }
      g_print ("  longest main-loop stall once the answer began (a gap ending after its first "
               "byte): %.1f ms wall; %.1f ms of the main thread's CPU time at most\n",
               answer.wall / 1000.0, answer.cpu / 1000.0);
      g_print ("@first_sync_answer_stall_ms %.1f\n@first_sync_answer_busy_ms %.1f\n",
               answer.wall / 1000.0, answer.cpu / 1000.0);
    }
  if (first_sync)
    g_print ("  request → first rows painted: %.0f ms, i.e. %.0f ms after the first byte of "
             "the page's own answer (%.0f ms after the first byte as libsoup alone got it)\n",
             (t_rows - t0) / 1000.0, (t_rows - t_first_byte) / 1000.0,
             (t_rows - t0) / 1000.0 - header_ms);
  g_print ("  peak RSS (VmHWM, with the in-process emulator): %.1f MB\n", vm_hwm_mb ());
  g_print ("@%s_stall_ms %.1f\n", first_sync ? "first_sync" : "ingest", longest_stall / 1000.0);
  g_print ("@%s_busy_ms %.1f\n", first_sync ? "first_sync" : "ingest", longest_busy / 1000.0);
  if (first_sync)
    g_print ("@first_rows_after_first_byte_ms %.0f\n@first_rows_after_libsoup_first_byte_ms %.0f\n",
             (t_rows - t_first_byte) / 1000.0, (t_rows - t0) / 1000.0 - header_ms);

  gtk_window_destroy (shown.window);
  g_clear_pointer (&gaps, g_array_unref);
  g_clear_object (&client);
  converc_emulator_thread_stop (server);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--open"))
    return run_open (argv[2]);

  if (argc >= 3 && (g_str_equal (argv[1], "--search") || g_str_equal (argv[1], "--ingest") ||
                    g_str_equal (argv[1], "--first-sync")))
    {
      gtk_init ();
      cw_renderer_choose (gdk_display_get_default ());  /* as the app's startup does */
      adw_init ();
      if (g_str_equal (argv[1], "--search") && argc >= 4)
        return run_search (argv[2], argv + 3);
      if (g_str_equal (argv[1], "--ingest"))
        return run_ingest (argv[2], FALSE);
      if (g_str_equal (argv[1], "--first-sync"))
        return run_ingest (argv[2], TRUE);
    }

  g_printerr ("Usage: bench-events-journal --open JOURNAL | --search JOURNAL NEEDLE... |\n"
              "       --ingest JOURNAL | --first-sync EMPTY_JOURNAL\n");
  return 2;
}
