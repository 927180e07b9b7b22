/* shot-events-journal.c
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

/* The one concern of this file: screenshots of the Events page on a
 * journal — online, refreshing, offline (the server failing) and an
 * empty result.
 * Not a test: run under build-aux/headless.sh with an OUT-PREFIX; writes
 * OUT-PREFIX-online.png, OUT-PREFIX-refreshing.png, OUT-PREFIX-offline.png,
 * OUT-PREFIX-empty.png and OUT-PREFIX-export.png (the toast of Export
 * Shown Events…). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "cw-events-page-private.h"

static void
wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_until_queried (CwEventsPage *page)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  wait_ms (200);
  while ((cw_journal_model_get_loading (page->journal_model) ||
          cw_event_feed_get_loading (cw_events_page_get_feed (page))) &&
         g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  wait_ms (600);
}

static gboolean
shoot (const char *prefix,
       const char *part)
{
  g_autofree char *path = g_strdup_printf ("%s-%s.png", prefix, part);
  const char *argv_import[] = { "import", "-window", "root", path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv_import, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, NULL, &status, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  g_print ("%s\n", path);
  return g_spawn_check_wait_status (status, NULL);
}

static void
fill_journal (ConvercJournal *journal)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < 300; i++)
    {
      gint64 created_usec = now - (8 + i / 12) * G_GINT64_CONSTANT (24 * 3600) * G_USEC_PER_SEC
                            - i * G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC / 7;
      g_autofree char *created = converc_emulator_format_time (created_usec, FALSE);
      g_autofree char *json =
        g_strdup_printf ("{\"id\":\"evt_hist_%04u\",\"type\":\"%s\",\"createdAt\":\"%s\","
                         "\"data\":{\"contact\":{\"name\":\"%s\",\"email\":\"customer%u@example.com\"},"
                         "\"call\":{\"status\":\"completed\"}}}",
                         i, i % 3 == 0 ? "call.ended" : "call.started", created,
                         i == 150 ? "Kwame Mensah" : "Stored Customer", i);
      g_autoptr(GBytes) raw = g_bytes_new (json, strlen (json));

      g_ptr_array_add (events, converc_parse_event (raw, NULL));
    }

  converc_journal_ingest (journal, events, now, NULL, NULL);
}

static void
exported_cb (CwEventsPage *page,
             gboolean      ok,
             gboolean     *done)
{
  *done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ConvercEmulator) emulator = NULL;
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  CwEventsPage *page;
  CwEventFeed *feed;
  GtkWindow *window;
  gboolean ok = TRUE;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUT-PREFIX\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/com/converc/Webhooks/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  emulator = converc_emulator_new (NULL);
  if (!converc_emulator_start (emulator, 0, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  converc_emulator_seed (emulator, 60, 11);
  client = converc_client_new (converc_emulator_get_base_url (emulator),
                               converc_emulator_get_api_key (emulator));
  journal = converc_journal_new_in_memory ();
  fill_journal (journal);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 700);
  page = cw_events_page_new ();
  feed = cw_events_page_get_feed (page);
  cw_event_feed_set_auto_refresh (feed, FALSE);
  cw_event_feed_set_journal (feed, journal);
  cw_event_feed_set_client (feed, client);
  /* In a toast overlay, as in the window: the export's toast shows. */
  gtk_window_set_child (window, adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (gtk_window_get_child (window)),
                               GTK_WIDGET (page));
  gtk_window_present (window);
  wait_until_queried (page);
  wait_ms (1500);
  cw_events_page_set_search_text (page, "type:call.ended");
  wait_until_queried (page);
  ok = shoot (argv[1], "online") && ok;

  /* Refreshing: the spinner at the end of the status line (the shot is
   * taken while the answer is still awaited, at least a frame drawn) */
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
    gint64 frame = gdk_frame_clock_get_frame_counter (clock);

    converc_emulator_set_latency_once (emulator, 1500);
    cw_event_feed_refresh (feed);
    while (cw_event_feed_get_loading (feed) && gdk_frame_clock_get_frame_counter (clock) < frame + 2)
      g_main_context_iteration (NULL, FALSE);
    if (cw_event_feed_get_loading (feed))
      ok = shoot (argv[1], "refreshing") && ok;
    else
      g_printerr ("the refresh was answered before a frame was drawn: no refreshing shot\n");
    wait_until_queried (page);
  }

  converc_emulator_set_forced_status (emulator, 503, NULL);
  cw_event_feed_refresh (feed);
  cw_events_page_set_search_text (page, "kwame");
  wait_until_queried (page);
  ok = shoot (argv[1], "offline") && ok;

  cw_events_page_set_search_text (page, "nobody-like-this");
  wait_until_queried (page);
  ok = shoot (argv[1], "empty") && ok;

  {
    g_autofree char *folder = g_dir_make_tmp ("shot-export-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (folder, "converc-events-2026-12-06.jsonl", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    gboolean done = FALSE;
    gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    cw_events_page_set_search_text (page, "type:call.ended");
    wait_until_queried (page);
    g_signal_connect (page, "exported", G_CALLBACK (exported_cb), &done);
    _cw_events_page_export_to (page, file);
    while (!done && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    wait_ms (1200);   /* the toast slides in */
    ok = shoot (argv[1], "export") && ok;
    g_unlink (path);
    g_rmdir (folder);
  }

  gtk_window_destroy (window);
  converc_emulator_stop (emulator);

  return ok ? 0 : 1;
}
