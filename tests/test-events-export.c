/* test-events-export.c
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

/* The one concern of this file: Export Shown Events… on the Events page —
 * with a search active, the file holds exactly the matching events' exact
 * bytes, one a line, every match (not only the rows read); the toast says
 * how many; nothing shown, nothing to export; a failed export keeps the
 * earlier file. */

#define G_LOG_DOMAIN "test-events-export"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "cw-events-page-private.h"
#include "cw-test-utils.h"

/* More than a page of the journal model (CW_JOURNAL_MODEL_PAGE) match. */
#define N_STORED 700

typedef struct
{
  ConvercEmulator *emulator;
  ConvercClient   *client;
  ConvercJournal  *journal;
  GPtrArray       *stored;   /* ConvercEvent, oldest first */
  GtkWindow       *window;
  CwEventsPage    *page;
  CwEventFeed     *feed;
  char            *folder;
  gboolean         exported;
  gboolean         ok;
} Fixture;

/* Stored events the emulator never had, 60 days old and older: every
 * third a call.ended of someone@example.com (as the app got them, with
 * odd spacing kept byte for byte). */
static void
fill_journal (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();

  f->stored = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < N_STORED; i++)
    {
      gint64 created_usec = now - G_GINT64_CONSTANT (60 * 24 * 3600) * G_USEC_PER_SEC -
                            (gint64) (N_STORED - i) * 60 * G_USEC_PER_SEC;
      g_autofree char *created = converc_emulator_format_time (created_usec, FALSE);
      const char *type = i % 3 == 0 ? "call.ended" : "call.started";
      const char *email = i % 2 == 0 ? "someone@example.com" : "nobody@example.org";
      g_autofree char *json =
        g_strdup_printf ("{\"id\":\"evt_old_%04u\",  \"type\":\"%s\",\"createdAt\":\"%s\","
                         "\"data\":{\"contact\":{\"name\":\"Caf\\u00e9 %u\",\"email\":\"%s\"}}}",
                         i, type, created, i, email);
      g_autoptr(GBytes) raw = g_bytes_new (json, strlen (json));
      ConvercEvent *event = converc_parse_event (raw, &error);

      g_assert_no_error (error);
      g_ptr_array_add (f->stored, event);
    }

  g_assert_true (converc_journal_ingest (f->journal, f->stored, now, NULL, &error));
  g_assert_no_error (error);
}

static void
exported_cb (CwEventsPage *page,
             gboolean      ok,
             Fixture      *f)
{
  f->exported = TRUE;
  f->ok = ok;
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
  fill_journal (f);

  f->folder = g_dir_make_tmp ("cw-events-export-XXXXXX", &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 700);
  f->page = cw_events_page_new ();
  g_object_ref (f->page);
  g_signal_connect (f->page, "exported", G_CALLBACK (exported_cb), f);
  f->feed = cw_events_page_get_feed (f->page);
  cw_event_feed_set_auto_refresh (f->feed, FALSE);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->folder, 0, NULL);
  const char *name;

  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* An export or a read still ending on a worker may hold the page until
   * its answer is back on the main loop. */
  WAIT_FOR (G_OBJECT (f->page)->ref_count == 1);
  g_assert_finalize_object (f->page);
  g_clear_object (&f->client);
  converc_emulator_stop (f->emulator);
  g_clear_object (&f->emulator);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->stored, g_ptr_array_unref);
  /* Reads still running on the model's workers (an exact count after the
   * first page) hold the journal until they end; their answers are
   * dropped. */
  WAIT_FOR (G_OBJECT (f->journal)->ref_count == 1);
  g_assert_finalize_object (f->journal);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->folder);
  g_free (f->folder);
}

static gboolean
queried (Fixture *f)
{
  return cw_journal_model_get_queried (f->page->journal_model) &&
         !cw_journal_model_get_loading (f->page->journal_model);
}

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
  WAIT_FOR (queried (f) &&
            g_list_model_get_n_items (cw_events_page_get_model (f->page)) == N_STORED + 40);
}

static void
search (Fixture    *f,
        const char *text)
{
  cw_events_page_set_search_text (f->page, text);
  WAIT_FOR (queried (f));
}

static void
export_and_wait (Fixture *f,
                 GFile   *file)
{
  f->exported = FALSE;
  _cw_events_page_export_to (f->page, file);
  /* Off the main thread: the page is not "can-export" meanwhile. */
  g_assert_false (cw_events_page_get_can_export (f->page));
  WAIT_FOR (f->exported);
}

/* With a search (and type) active, the file has exactly the matching
 * events, newest first, each its exact bytes, one a line: all 117 of them,
 * though the page has read only its first rows. */
static void
test_export_search (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->folder, "converc-events-test.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *contents = NULL;
  g_autofree char *toast = NULL;
  guint n_expected = 0;
  gsize len = 0;

  show_and_sync (f);
  g_assert_true (cw_events_page_get_can_export (f->page));

  search (f, "type:call.ended someone@example.com");
  for (guint i = N_STORED; i-- > 0;)
    {
      GBytes *raw;

      if (i % 3 != 0 || i % 2 != 0)
        continue;
      raw = converc_event_get_raw (g_ptr_array_index (f->stored, i));
      g_string_append_len (expected, g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
      g_string_append_c (expected, '\n');
      n_expected++;
    }
  g_assert_cmpuint (n_expected, ==, 117);
  g_assert_cmpuint (g_list_model_get_n_items (cw_events_page_get_model (f->page)), ==, n_expected);
  g_assert_true (cw_events_page_get_can_export (f->page));

  export_and_wait (f, file);
  g_assert_true (f->ok);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, expected->str, expected->len);

  toast = g_strdup_printf ("Exported %u events to converc-events-test.jsonl", n_expected);
  g_assert_cmpstr (f->page->export_message, ==, toast);
  g_assert_true (cw_events_page_get_can_export (f->page));

  /* The suggested name has the day. */
  {
    g_autofree char *name = _cw_events_page_export_name ();
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *day = g_date_time_format (now, "converc-events-%Y-%m-%d.jsonl");

    g_assert_cmpstr (name, ==, day);
  }
}

/* Nothing shown: nothing to export. A failed export says why and keeps
 * the earlier file. */
static void
test_export_nothing_and_failure (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->folder, "kept.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *missing = g_build_filename (f->folder, "no-such-folder", "x.jsonl", NULL);
  g_autoptr(GFile) nowhere = g_file_new_for_path (missing);
  g_autofree char *contents = NULL;

  show_and_sync (f);
  search (f, "no event has these words zzqx");
  g_assert_cmpuint (g_list_model_get_n_items (cw_events_page_get_model (f->page)), ==, 0);
  g_assert_false (cw_events_page_get_can_export (f->page));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->page), "events.export", NULL) &&
                  f->page->export_chooser != NULL);

  search (f, "someone@example.com");
  g_assert_true (cw_events_page_get_can_export (f->page));

  g_assert_true (g_file_set_contents (path, "earlier\n", -1, NULL));
  export_and_wait (f, nowhere);
  g_assert_false (f->ok);
  g_assert_true (g_str_has_prefix (f->page->export_message, "Could not export the events: "));
  g_assert_nonnull (strstr (f->page->export_message, "no-such-folder"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier\n");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/cw/events-export/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("search", test_export_search);
  ADD ("nothing-and-failure", test_export_nothing_and_failure);

#undef ADD

  return g_test_run ();
}
