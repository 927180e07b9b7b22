/* test-events-journal.c
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

/* The one concern of this file: the Events page on a journal — stored
 * events shown before any answer, searched when the server no longer has
 * them or cannot be reached, what the status line and an empty result say,
 * Enter opening the first match; and the feed filling its journal. */

#define G_LOG_DOMAIN "test-events-journal"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "cw-events-page-private.h"
#include "cw-journal-model-private.h"
#include "cw-test-utils.h"
#include "cw-time-format.h"

typedef struct
{
  ConvercEmulator *emulator;
  ConvercClient   *client;
  ConvercJournal  *journal;
  GtkWindow       *window;
  CwEventsPage    *page;
  CwEventFeed     *feed;   /* the page's */
} Fixture;

/* Three events the emulator never had: older than its own. */
static void
fill_journal (ConvercJournal *journal)
{
  static const struct { const char *id, *type, *name; } stored[] = {
    { "evt_gone_1", "call.ended", "Kwame Mensah" },
    { "evt_gone_2", "call.started", "Ada Lovelace" },
    { "evt_gone_3", "call.ended", "Grace Hopper" },
  };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  guint n_added = 0;

  for (guint i = 0; i < G_N_ELEMENTS (stored); i++)
    {
      /* 60 days and more ago: older than every event of the emulator */
      gint64 created_usec = now - (60 + i) * G_GINT64_CONSTANT (24 * 3600) * G_USEC_PER_SEC;
      g_autofree char *created = converc_emulator_format_time (created_usec, FALSE);
      g_autofree char *json =
        g_strdup_printf ("{\"id\":\"%s\",\"type\":\"%s\",\"createdAt\":\"%s\","
                         "\"data\":{\"contact\":{\"name\":\"%s\",\"email\":\"%s@example.com\"}}}",
                         stored[i].id, stored[i].type, created, stored[i].name, stored[i].id);
      g_autoptr(GBytes) raw = g_bytes_new (json, strlen (json));
      ConvercEvent *event = converc_parse_event (raw, &error);

      g_assert_no_error (error);
      g_ptr_array_add (events, event);
    }

  g_assert_true (converc_journal_ingest (journal, events, now, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 3);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->emulator = converc_emulator_new (NULL);
  g_assert_true (converc_emulator_start (f->emulator, 0, &error));
  g_assert_no_error (error);
  converc_emulator_seed (f->emulator, 40, 11);
  f->client = converc_client_new (converc_emulator_get_base_url (f->emulator),
                                  converc_emulator_get_api_key (f->emulator));
  f->journal = converc_journal_new_in_memory ();
  fill_journal (f->journal);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 700);
  f->page = cw_events_page_new ();
  g_object_ref (f->page);
  f->feed = cw_events_page_get_feed (f->page);
  cw_event_feed_set_auto_refresh (f->feed, FALSE);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->page);
  g_clear_object (&f->client);
  converc_emulator_stop (f->emulator);
  g_clear_object (&f->emulator);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Reads still running on workers (the slow read hook, an exact count)
   * hold the journal until they end; their answers are dropped. */
  WAIT_FOR (G_OBJECT (f->journal)->ref_count == 1);
  g_assert_finalize_object (f->journal);
}

static GListModel *
shown (Fixture *f)
{
  return cw_events_page_get_model (f->page);
}

static gboolean
model_has_id (GListModel *model,
              const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvercEvent) event = g_list_model_get_item (model, i);

      if (event != NULL && g_strcmp0 (converc_event_get_id (event), id) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
queried (Fixture *f)
{
  return cw_journal_model_get_queried (f->page->journal_model) &&
         !cw_journal_model_get_loading (f->page->journal_model);
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (f->page->list_stack);
}

static const char *
status (Fixture *f)
{
  return _cw_events_page_get_status (f->page);
}

static void
search (Fixture    *f,
        const char *text)
{
  cw_events_page_set_search_text (f->page, text);
  g_assert_true (cw_journal_model_get_loading (f->page->journal_model));
  WAIT_FOR (queried (f));
}

/* Signs in, shows the page and waits for the answer to be stored. */
static void
show_and_sync (Fixture *f)
{
  guint revision;

  cw_event_feed_set_journal (f->feed, f->journal);
  revision = cw_event_feed_get_journal_revision (f->feed);
  cw_event_feed_set_client (f->feed, f->client);
  gtk_window_present (f->window);
  WAIT_FOR (cw_event_feed_get_loaded (f->feed) && !cw_event_feed_get_loading (f->feed));
  WAIT_FOR (cw_event_feed_get_journal_revision (f->feed) > revision);
  WAIT_FOR (queried (f) && g_list_model_get_n_items (shown (f)) == 43);
}

/* The stored events show before the server answers, and the rows are
 * built for them. */
static void
test_cold_start (Fixture       *f,
                 gconstpointer  data)
{
  converc_emulator_set_latency (f->emulator, 2000);
  cw_event_feed_set_journal (f->feed, f->journal);
  cw_event_feed_set_client (f->feed, f->client);
  gtk_window_present (f->window);

  WAIT_FOR (queried (f));
  g_assert_true (cw_event_feed_get_loading (f->feed));
  g_assert_false (cw_event_feed_get_loaded (f->feed));
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 3);
  WAIT_FOR (g_strcmp0 (visible_page (f), "list") == 0);

  /* Newest first. */
  {
    g_autoptr(ConvercEvent) first = g_list_model_get_item (shown (f), 0);
    g_autoptr(ConvercEvent) last = g_list_model_get_item (shown (f), 2);

    g_assert_cmpstr (converc_event_get_id (first), ==, "evt_gone_1");
    g_assert_cmpstr (converc_event_get_id (last), ==, "evt_gone_3");
  }
  g_assert_nonnull (strstr (status (f), "3 events since"));

  /* The answer joins them once stored. */
  WAIT_FOR (g_list_model_get_n_items (shown (f)) == 43);
  g_assert_cmpint (converc_journal_count (f->journal, NULL, 0, NULL), ==, 43);
}

/* Search finds stored events the server no longer returns, with the type
 * prefix and the drop-down; the status says how many of how many. */
static void
test_search_history (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ConvercEvent) found = NULL;

  show_and_sync (f);
  g_assert_false (cw_event_feed_lookup (f->feed, "evt_gone_1") != NULL);

  search (f, "kwame MENSAH");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);
  found = g_list_model_get_item (shown (f), 0);
  g_assert_cmpstr (converc_event_get_id (found), ==, "evt_gone_1");
  g_assert_nonnull (strstr (status (f), "1 of 43 events since"));
  g_assert_nonnull (strstr (status (f), "updated"));

  /* Copy JSON copies the stored bytes: the event is read by key. */
  g_assert_nonnull (strstr (g_bytes_get_data (converc_event_get_raw (found), NULL),
                            "\"name\":\"Kwame Mensah\""));

  search (f, "type:call.started ada");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);
  g_assert_true (model_has_id (shown (f), "evt_gone_2"));

  search (f, "type:call.ended gone");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2);
  g_assert_true (model_has_id (shown (f), "evt_gone_1"));
  g_assert_true (model_has_id (shown (f), "evt_gone_3"));
}

/* An empty result says how many events, since when, were searched. */
static void
test_empty_result (Fixture       *f,
                   gconstpointer  data)
{
  const char *description;

  show_and_sync (f);
  search (f, "no-such-customer-anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 0);
  g_assert_cmpstr (visible_page (f), ==, "no-match");
  description = adw_status_page_get_description (f->page->no_match_page);
  g_assert_nonnull (strstr (description, "Searched all 43 stored events since "));
  g_assert_nonnull (strstr (status (f), "0 of 43 events since"));
}

/* The server failing: the page says since when its events are, and
 * reading and searching go on. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autofree char *clock = NULL;

  show_and_sync (f);
  clock = cw_format_clock (cw_event_feed_get_last_update (f->feed));
  expected = g_strdup_printf ("Offline — events as of %s", clock);

  converc_emulator_set_forced_status (f->emulator, 503, NULL);
  cw_event_feed_refresh (f->feed);
  WAIT_FOR (cw_event_feed_get_last_error (f->feed) != NULL && !cw_event_feed_get_loading (f->feed));

  g_assert_nonnull (strstr (status (f), expected));
  g_assert_null (strstr (status (f), "updated"));
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 43);

  search (f, "evt_gone_3");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);
  g_assert_true (model_has_id (shown (f), "evt_gone_3"));
  g_assert_nonnull (strstr (status (f), expected));
}

/* Cold start with the server down: the stored events, searchable. */
static void
test_server_down (Fixture       *f,
                  gconstpointer  data)
{
  converc_emulator_set_forced_status (f->emulator, 500, NULL);
  cw_event_feed_set_journal (f->feed, f->journal);
  cw_event_feed_set_client (f->feed, f->client);
  gtk_window_present (f->window);
  WAIT_FOR (cw_event_feed_get_last_error (f->feed) != NULL && !cw_event_feed_get_loading (f->feed));
  WAIT_FOR (queried (f));

  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_nonnull (strstr (status (f), "Offline — stored events"));
  g_assert_nonnull (strstr (status (f), "3 events since"));
  search (f, "hopper");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);
}

/* Enter in the search opens the first match, even typed before the
 * result came. */
static void
test_enter_opens_first (Fixture       *f,
                        gconstpointer  data)
{
  ConvercEvent *open;

  show_and_sync (f);
  g_assert_null (cw_events_page_get_selected (f->page));

  gtk_editable_set_text (GTK_EDITABLE (f->page->search_entry), "evt_gone_3");
  g_signal_emit_by_name (f->page->search_entry, "activate");
  WAIT_FOR (cw_events_page_get_selected (f->page) != NULL);
  open = cw_events_page_get_selected (f->page);
  g_assert_cmpstr (converc_event_get_id (open), ==, "evt_gone_3");
  g_assert_true (cw_event_detail_get_event (f->page->detail) == open);

  /* A new answer stored keeps the open event open. */
  converc_emulator_generate_events (f->emulator, 5, 7);
  cw_event_feed_refresh (f->feed);
  WAIT_FOR (cw_journal_model_get_n_stored (f->page->journal_model) == 48 && queried (f));
  g_assert_nonnull (cw_events_page_get_selected (f->page));
  g_assert_cmpstr (converc_event_get_id (cw_events_page_get_selected (f->page)), ==, "evt_gone_3");
}

static gboolean
is_placeholder_at (GListModel *model,
                   guint       position)
{
  g_autoptr(ConvercEvent) event = g_list_model_get_item (model, position);

  return cw_journal_model_is_placeholder (event);
}

/* Shows 1,003 stored events (960 generated, 40 seeded, 3 gone). */
static void
show_many (Fixture *f)
{
  converc_emulator_generate_events (f->emulator, 960, 7);
  /* The journal holds events: no deep sync, the preference is asked. */
  cw_event_feed_set_event_count (f->feed, 1000);
  cw_event_feed_set_journal (f->feed, f->journal);
  cw_event_feed_set_client (f->feed, f->client);
  gtk_window_present (f->window);
  WAIT_FOR (queried (f) && g_list_model_get_n_items (shown (f)) == 1003);
}

/* The list holds a few pages of events, not every one; a page not read
 * yet shows placeholders until it arrives. */
static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  show_many (f);

  /* Reading every position goes through pages; the last are the stored
   * ones, oldest last. */
  for (guint i = 0; i < 1003; i++)
    {
      g_autoptr(ConvercEvent) event = NULL;

      WAIT_FOR (!is_placeholder_at (shown (f), i));
      event = g_list_model_get_item (shown (f), i);
      g_assert_nonnull (converc_event_get_id (event));
      g_assert_cmpuint (_cw_journal_model_get_n_pages (f->page->journal_model), <=, 9);
    }
  {
    g_autoptr(ConvercEvent) last = g_list_model_get_item (shown (f), 1002);

    g_assert_cmpstr (converc_event_get_id (last), ==, "evt_gone_3");
  }
  g_assert_null (g_list_model_get_item (shown (f), 1003));

  /* A search with more than 1,000 matches shows the first 1,000 at once,
   * then all of them once they are counted. */
  search (f, "evt_");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), >=, 1000);
  WAIT_FOR (g_list_model_get_n_items (shown (f)) == 1003);
}

typedef struct
{
  guint  n;
  gint64 last;
  gint64 longest;
} Ticks;

static gboolean
tick_cb (gpointer user_data)
{
  Ticks *ticks = user_data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last != 0)
    ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  ticks->n++;

  return G_SOURCE_CONTINUE;
}

/* Counts the results applied: each changes the first position. */
static void
count_change_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 guint      *n_changes)
{
  if (position == 0)
    (*n_changes)++;
}

/* Reads of the journal happen on a worker: with reads that take a second
 * (a slow disk), asking for a row, searching and sorting return at once,
 * and the main loop goes on answering meanwhile (a read on the main
 * thread would stop it for the whole second). */
static void
test_reads_off_main_thread (Fixture       *f,
                            gconstpointer  data)
{
  CwJournalModel *model;
  Ticks ticks = { 0, };
  guint tick_source;
  gint64 before;
  guint n_reads;

  show_many (f);
  model = f->page->journal_model;
  /* The pages of the rows the list shows first are read (two at a time,
   * the others waiting their turn): a page asked for now starts at once. */
  WAIT_FOR (_cw_journal_model_get_n_reading (model) == 0);
  _cw_journal_model_set_read_delay (model, 1000);
  tick_source = g_timeout_add (10, tick_cb, &ticks);

  /* A row far down: a placeholder at once, its page read meanwhile. */
  n_reads = _cw_journal_model_get_n_reads (model);
  before = g_get_monotonic_time ();
  g_assert_true (is_placeholder_at (shown (f), 700));
  g_assert_cmpint (g_get_monotonic_time () - before, <, 100 * 1000);
  g_assert_cmpuint (_cw_journal_model_get_n_reads (model), ==, n_reads + 1);
  /* Asked again while it is read: no second read */
  g_assert_true (is_placeholder_at (shown (f), 701));
  g_assert_cmpuint (_cw_journal_model_get_n_reads (model), ==, n_reads + 1);
  WAIT_FOR (!is_placeholder_at (shown (f), 700));
  g_assert_cmpint (g_get_monotonic_time () - before, >=, 1000 * 1000);
  /* The main loop answered throughout (frames of a loaded machine take
   * a few hundred ms at worst, not the read's second). */
  g_assert_cmpuint (ticks.n, >=, 3);
  g_assert_cmpint (ticks.longest, <, 800 * 1000);

  /* A search returns at once; its result comes later. */
  ticks = (Ticks) { 0, };
  before = g_get_monotonic_time ();
  cw_events_page_set_search_text (f->page, "evt_gone_2");
  g_assert_cmpint (g_get_monotonic_time () - before, <, 100 * 1000);
  g_assert_true (cw_journal_model_get_loading (model));
  WAIT_FOR (queried (f));
  g_assert_cmpint (g_get_monotonic_time () - before, >=, 1000 * 1000);
  g_assert_cmpuint (ticks.n, >=, 3);
  g_assert_cmpint (ticks.longest, <, 800 * 1000);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);
  g_assert_true (model_has_id (shown (f), "evt_gone_2"));

  g_source_remove (tick_source);
}

/* A list view asks for the pages around what it shows at once (four or
 * five); they are read two at a time, so that a search keystroke meanwhile
 * finds the reader free, and each is read once. */
static void
test_page_reads_bounded (Fixture       *f,
                         gconstpointer  data)
{
  static const guint positions[] = { 300, 400, 500, 600, 700 };
  CwJournalModel *model;
  guint n_reads;

  show_many (f);
  model = f->page->journal_model;
  /* The pages the view asked for first are read: none is under way */
  for (guint position = 0; position < 250; position += CW_JOURNAL_MODEL_PAGE)
    WAIT_FOR (!is_placeholder_at (shown (f), position));
  WAIT_FOR (_cw_journal_model_get_n_reading (model) == 0);
  _cw_journal_model_set_read_delay (model, 400);

  n_reads = _cw_journal_model_get_n_reads (model);
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    g_assert_true (is_placeholder_at (shown (f), positions[i]));
  g_assert_cmpuint (_cw_journal_model_get_n_reads (model), ==, n_reads + 2);

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    WAIT_FOR (!is_placeholder_at (shown (f), positions[i]));
  g_assert_cmpuint (_cw_journal_model_get_n_reads (model), ==, n_reads + G_N_ELEMENTS (positions));

  /* The events are those of their positions: newest first */
  for (guint i = 1; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(ConvercEvent) newer = g_list_model_get_item (shown (f), positions[i - 1]);
      g_autoptr(ConvercEvent) older = g_list_model_get_item (shown (f), positions[i]);

      g_assert_cmpint (converc_event_get_created_unix (newer), >=,
                       converc_event_get_created_unix (older));
    }
}

/* A refresh shows its spinner at the end of the status line without
 * moving anything: the spinner is always laid out and only turns while
 * loading (showing and hiding it changed the status line's height, and
 * the whole window was laid out and drawn again, 50 ms a frame on a
 * software renderer). */
static void
test_refresh_keeps_layout (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *spinner;
  GtkWidget *status;
  GtkWidget *list;
  GdkFrameClock *clock;
  gint64 frame;
  int status_height;
  int list_height;

  show_and_sync (f);
  spinner = GTK_WIDGET (f->page->busy_spinner);
  status = gtk_widget_get_parent (GTK_WIDGET (f->page->status_label));
  list = GTK_WIDGET (f->page->column_view);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  frame = gdk_frame_clock_get_frame_counter (clock);
  WAIT_FOR (gdk_frame_clock_get_frame_counter (clock) > frame + 1);

  g_assert_true (gtk_widget_get_mapped (spinner));
  g_assert_false (gtk_spinner_get_spinning (f->page->busy_spinner));
  status_height = gtk_widget_get_height (status);
  list_height = gtk_widget_get_height (list);
  g_assert_cmpint (status_height, >, 0);

  converc_emulator_set_latency_once (f->emulator, 1000);
  cw_event_feed_refresh (f->feed);
  g_assert_true (cw_event_feed_get_loading (f->feed));
  frame = gdk_frame_clock_get_frame_counter (clock);
  WAIT_FOR (gdk_frame_clock_get_frame_counter (clock) > frame + 1);
  g_assert_true (cw_event_feed_get_loading (f->feed));
  g_assert_true (gtk_spinner_get_spinning (f->page->busy_spinner));
  g_assert_true (gtk_widget_get_mapped (spinner));
  g_assert_cmpint (gtk_widget_get_height (status), ==, status_height);
  g_assert_cmpint (gtk_widget_get_height (list), ==, list_height);

  WAIT_FOR (!cw_event_feed_get_loading (f->feed));
  frame = gdk_frame_clock_get_frame_counter (clock);
  WAIT_FOR (gdk_frame_clock_get_frame_counter (clock) > frame + 1);
  g_assert_false (gtk_spinner_get_spinning (f->page->busy_spinner));
  g_assert_cmpint (gtk_widget_get_height (status), ==, status_height);
  g_assert_cmpint (gtk_widget_get_height (list), ==, list_height);
}

/* Searches typed quickly: the answers of the older ones, which come back
 * after the newer one was asked, are dropped; only the last is shown. */
static void
test_stale_results_dropped (Fixture       *f,
                            gconstpointer  data)
{
  CwJournalModel *model;
  guint n_changes = 0;
  gulong handler;

  show_and_sync (f);
  model = f->page->journal_model;
  _cw_journal_model_set_read_delay (model, 150);
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (count_change_cb), &n_changes);

  cw_events_page_set_search_text (f->page, "evt_gone_1");
  cw_events_page_set_search_text (f->page, "evt_gone_2");
  cw_events_page_set_search_text (f->page, "evt_gone_3");
  WAIT_FOR (queried (f));
  /* Long enough for the older reads to have come back, were they kept */
  {
    gint64 until = g_get_monotonic_time () + 500 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }

  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);
  g_assert_true (model_has_id (shown (f), "evt_gone_3"));
  g_signal_handler_disconnect (model, handler);
}

static gint64
created_at (GListModel *model,
            guint       position)
{
  g_autoptr(ConvercEvent) event = g_list_model_get_item (model, position);

  return converc_event_get_created_unix (event);
}

static char *
type_at (GListModel *model,
         guint       position)
{
  g_autoptr(ConvercEvent) event = g_list_model_get_item (model, position);

  return g_strdup (converc_event_get_event_type (event));
}

static void
sort_by (Fixture             *f,
         GtkColumnViewColumn *column,
         GtkSortType          direction)
{
  gtk_column_view_sort_by_column (f->page->column_view, column, direction);
  WAIT_FOR (queried (f));
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 43);
}

/* Sorting by a column's header sorts the journal's rows: by time both
 * ways, and by type (newest first within a type) both ways. */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GListModel *model;
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);

  show_and_sync (f);
  model = shown (f);

  sort_by (f, f->page->time_column, GTK_SORT_ASCENDING);
  g_assert_cmpint (cw_journal_model_get_order (f->page->journal_model), ==,
                   CONVERC_JOURNAL_ORDER_OLDEST_FIRST);
  {
    g_autoptr(ConvercEvent) first = g_list_model_get_item (model, 0);

    g_assert_cmpstr (converc_event_get_id (first), ==, "evt_gone_3");
  }
  for (guint i = 1; i < 43; i++)
    g_assert_cmpint (created_at (model, i - 1), <=, created_at (model, i));

  sort_by (f, f->page->time_column, GTK_SORT_DESCENDING);
  g_assert_cmpint (cw_journal_model_get_order (f->page->journal_model), ==,
                   CONVERC_JOURNAL_ORDER_NEWEST_FIRST);
  {
    g_autoptr(ConvercEvent) last = g_list_model_get_item (model, 42);

    g_assert_cmpstr (converc_event_get_id (last), ==, "evt_gone_3");
  }
  for (guint i = 1; i < 43; i++)
    g_assert_cmpint (created_at (model, i - 1), >=, created_at (model, i));

  sort_by (f, f->page->type_column, GTK_SORT_ASCENDING);
  g_assert_cmpint (cw_journal_model_get_order (f->page->journal_model), ==,
                   CONVERC_JOURNAL_ORDER_TYPE_ASCENDING);
  for (guint i = 0; i < 43; i++)
    g_ptr_array_add (types, type_at (model, i));
  for (guint i = 1; i < 43; i++)
    {
      int cmp = g_strcmp0 (g_ptr_array_index (types, i - 1), g_ptr_array_index (types, i));

      g_assert_cmpint (cmp, <=, 0);
      if (cmp == 0)
        g_assert_cmpint (created_at (model, i - 1), >=, created_at (model, i));
    }
  /* More than one type, or the test says nothing */
  g_assert_cmpstr (g_ptr_array_index (types, 0), !=, g_ptr_array_index (types, 42));

  sort_by (f, f->page->type_column, GTK_SORT_DESCENDING);
  g_assert_cmpint (cw_journal_model_get_order (f->page->journal_model), ==,
                   CONVERC_JOURNAL_ORDER_TYPE_DESCENDING);
  for (guint i = 1; i < 43; i++)
    {
      g_autofree char *a = type_at (model, i - 1);
      g_autofree char *b = type_at (model, i);

      g_assert_cmpint (g_strcmp0 (a, b), >=, 0);
    }

  /* A search keeps the order. */
  search (f, "type:call.ended gone");
  g_assert_cmpint (cw_journal_model_get_order (f->page->journal_model), ==,
                   CONVERC_JOURNAL_ORDER_TYPE_DESCENDING);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  gtk_column_view_sort_by_column (f->page->column_view, f->page->time_column,
                                  GTK_SORT_ASCENDING);
  WAIT_FOR (queried (f));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  {
    g_autoptr(ConvercEvent) first = g_list_model_get_item (model, 0);

    g_assert_cmpstr (converc_event_get_id (first), ==, "evt_gone_3");
  }
}

/* With a journal the feed holds no event once an answer is stored: the
 * journal is the store, and the list reads pages of it. */
static void
test_feed_holds_no_bodies (Fixture       *f,
                           gconstpointer  data)
{
  show_and_sync (f);
  WAIT_FOR (_cw_event_feed_get_n_held (f->feed) == 0);
  g_assert_cmpuint (g_list_model_get_n_items (cw_event_feed_get_events (f->feed)), ==, 0);
  g_assert_cmpint (converc_journal_count (f->journal, NULL, 0, NULL), ==, 43);

  /* A refresh: held while it is stored, let go after. */
  converc_emulator_generate_events (f->emulator, 5, 7);
  cw_event_feed_refresh (f->feed);
  WAIT_FOR (cw_journal_model_get_n_stored (f->page->journal_model) == 48 && queried (f));
  WAIT_FOR (_cw_event_feed_get_n_held (f->feed) == 0);
  g_assert_cmpuint (g_list_model_get_n_items (cw_event_feed_get_events (f->feed)), ==, 0);
  /* The types it saw stay for the drop-down. */
  g_assert_cmpuint (g_list_model_get_n_items (cw_event_feed_get_types (f->feed)), >, 0);
}

/* A journal that cannot be opened: one message, which the first answer
 * does not take away, and the events still searchable from memory. */
static void
test_journal_problem (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = converc_journal_dup_path_for_scope ("test-page-broken");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "not a database", -1, &error));
  g_assert_no_error (error);

  g_test_expect_message ("cw-event-feed", G_LOG_LEVEL_WARNING, "*could not be opened*");
  cw_event_feed_open_journal (f->feed, "test-page-broken");
  WAIT_FOR (cw_event_feed_get_journal (f->feed) != NULL);
  g_test_assert_expected_messages ();
  g_assert_nonnull (_cw_events_page_get_problem (f->page));
  g_assert_nonnull (strstr (_cw_events_page_get_problem (f->page), "could not be opened"));

  cw_event_feed_set_client (f->feed, f->client);
  gtk_window_present (f->window);
  WAIT_FOR (cw_event_feed_get_loaded (f->feed) && !cw_event_feed_get_loading (f->feed));
  WAIT_FOR (queried (f) && g_list_model_get_n_items (shown (f)) == 40);
  g_assert_nonnull (_cw_events_page_get_problem (f->page));
  g_assert_nonnull (strstr (_cw_events_page_get_problem (f->page), "could not be opened"));
  g_assert_null (converc_journal_get_path (cw_event_feed_get_journal (f->feed)));
}

/* How the list grew: the number of rows before and after each change */
typedef struct
{
  guint before;
  guint after;
} Growth;

static void
note_growth_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                GArray     *growths)
{
  Growth growth;

  growth.after = g_list_model_get_n_items (model);
  growth.before = growth.after + removed - added;
  g_array_append_val (growths, growth);
}

/* The first sync of an empty history: the empty list shows while the
 * answer is awaited, a spinner over it; the first screenful of rows then
 * comes a few at a time (each frame draws only a few new rows). */
static void
test_first_sync (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ConvercJournal) empty = converc_journal_new_in_memory ();
  g_autoptr(GArray) growths = g_array_new (FALSE, FALSE, sizeof (Growth));
  guint n_first_steps = 0;

  converc_emulator_set_latency (f->emulator, 500);
  g_signal_connect (f->page->journal_model, "items-changed",
                    G_CALLBACK (note_growth_cb), growths);
  cw_event_feed_set_journal (f->feed, empty);
  cw_event_feed_set_client (f->feed, f->client);
  gtk_window_present (f->window);

  /* Awaited: the list, empty, the spinner turning over it */
  WAIT_FOR (queried (f));
  g_assert_true (cw_event_feed_get_loading (f->feed));
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 0);
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_true (gtk_spinner_get_spinning (f->page->loading_spinner));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->page->loading_spinner)));
  g_assert_false (cw_events_page_get_can_export (f->page));
  g_assert_true (g_str_has_prefix (status (f), "Loading events…"));
  g_assert_null (strstr (status (f), "0 events"));

  /* Stored and shown: the spinner stops */
  WAIT_FOR (!cw_event_feed_get_loading (f->feed) && queried (f) &&
            g_list_model_get_n_items (shown (f)) == 40);
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_false (gtk_spinner_get_spinning (f->page->loading_spinner));
  g_assert_true (cw_events_page_get_can_export (f->page));

  /* The first rows came CW_JOURNAL_MODEL_FIRST_STEP at a time */
  g_assert_cmpuint (growths->len, >, 0);
  for (guint i = 0; i < growths->len; i++)
    {
      const Growth *growth = &g_array_index (growths, Growth, i);

      if (growth->before >= CW_JOURNAL_MODEL_FIRST_ROWS || growth->after <= growth->before)
        continue;
      g_assert_cmpuint (growth->after - growth->before, <=, CW_JOURNAL_MODEL_FIRST_STEP);
      n_first_steps++;
    }
  g_assert_cmpuint (g_array_index (growths, Growth, 0).before, ==, 0);
  g_assert_cmpuint (g_array_index (growths, Growth, 0).after, ==, CW_JOURNAL_MODEL_FIRST_STEP);
  g_assert_cmpuint (n_first_steps, >=, CW_JOURNAL_MODEL_FIRST_ROWS / CW_JOURNAL_MODEL_FIRST_STEP);
  g_signal_handlers_disconnect_by_func (f->page->journal_model, note_growth_cb, growths);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/cw/events-journal/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("cold-start", test_cold_start);
  ADD ("first-sync", test_first_sync);
  ADD ("search-history", test_search_history);
  ADD ("empty-result", test_empty_result);
  ADD ("offline", test_offline);
  ADD ("server-down", test_server_down);
  ADD ("enter-opens-first", test_enter_opens_first);
  ADD ("paging", test_paging);
  ADD ("reads-off-main-thread", test_reads_off_main_thread);
  ADD ("page-reads-bounded", test_page_reads_bounded);
  ADD ("refresh-keeps-layout", test_refresh_keeps_layout);
  ADD ("stale-results-dropped", test_stale_results_dropped);
  ADD ("sort", test_sort);
  ADD ("feed-holds-no-bodies", test_feed_holds_no_bodies);
  ADD ("journal-problem", test_journal_problem);

  return g_test_run ();
}
