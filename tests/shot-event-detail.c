/* shot-event-detail.c
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

/* The one concern of this file: screenshots of an ordinary call.ended event
 * in the event detail, scrolled so that each part of it is seen: the summary,
 * the recording links beside their labels, and the JSON with long lines
 * wrapped under their indentation. Not a test:
 *
 *   build-aux/headless.sh _build/tests/shot-event-detail OUT-PREFIX
 *
 * writes OUT-PREFIX-top.png, OUT-PREFIX-recording.png and OUT-PREFIX-json.png
 * (GSETTINGS_SCHEMA_DIR=_build/data GSETTINGS_BACKEND=memory). Look at them. */

#define G_LOG_DOMAIN "shot-event-detail"

#include "config.h"

#include <adwaita.h>

#include "converc.h"
#include "cw-event-detail.h"
#include "cw-shot-utils.h"

static const char event_json[] =
  "{\"id\":\"evt_8QmXo2LrT4nVb7Kc\",\"type\":\"call.ended\","
  "\"createdAt\":\"2026-11-30T09:32:04Z\",\"organizationId\":\"org_41\","
  "\"data\":{\"call\":{\"id\":\"call_77\",\"status\":\"ended\",\"mediaType\":\"video\","
  "\"requestedAt\":\"2026-11-30T08:55:00Z\",\"acceptedAt\":\"2026-11-30T08:55:31Z\","
  "\"endedAt\":\"2026-11-30T09:32:04Z\",\"acceptedBy\":\"rep_12\"},"
  "\"contact\":{\"name\":\"Chloé Martin\",\"email\":\"chloe.martin@example.fr\","
  "\"phone\":\"+33 1 23 45 67 89\",\"location\":{\"city\":\"Lyon\",\"country\":\"France\"}},"
  "\"qualificationAnswers\":[{\"id\":\"qa_1\",\"question\":{\"label\":\"What would you like "
  "to talk about today, and is there anything our representative should know before the "
  "call starts?\"},\"answer\":{\"value\":\"I ordered a sofa three weeks ago and the delivery "
  "date keeps moving; I would like to know when it will arrive and whether I can change the "
  "delivery address to my office in the city centre.\"}}],"
  "\"transcript\":null,"
  "\"recording\":{\"available\":true,"
  "\"videoUrl\":\"https://recordings.converc.com/org_41/call_77/video.mp4\","
  "\"audioUrl\":\"https://recordings.converc.com/org_41/call_77/audio.mp3\","
  "\"expiresInSeconds\":86400}}}";

static GtkScrolledWindow *
find_outer_scroller (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found;

      if (GTK_IS_SCROLLED_WINDOW (child) && gtk_widget_get_mapped (child))
        return GTK_SCROLLED_WINDOW (child);
      found = find_outer_scroller (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
shoot (const char *prefix,
       const char *part)
{
  g_autofree char *path = g_strdup_printf ("%s-%s.png", prefix, part);

  cw_shot_take (path, 0, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ConvercEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  CwEventDetail *detail;
  GtkWindow *window;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUT-PREFIX\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();
  /* As the application loads it: the same look as in the app. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/com/converc/Webhooks/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  bytes = g_bytes_new_static (event_json, sizeof event_json - 1);
  event = converc_parse_event (bytes, &error);
  if (event == NULL)
    g_error ("%s", error->message);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 640, 760);
  detail = cw_event_detail_new ();
  gtk_window_set_child (window, GTK_WIDGET (detail));
  gtk_window_present (window);
  cw_event_detail_set_event (detail, event);
  cw_shot_settle (2.0);

  scroller = find_outer_scroller (GTK_WIDGET (detail));
  if (scroller == NULL)
    g_error ("The event detail has no scrolled window");
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  shoot (argv[1], "top");
  /* The recording section sits just above the JSON: scroll so that the
   * bottom of the summary is in view, then to the very end for the JSON. */
  gtk_adjustment_set_value (adjustment, (gtk_adjustment_get_upper (adjustment)
                                         - gtk_adjustment_get_page_size (adjustment)) * 0.55);
  cw_shot_settle (0.8);
  shoot (argv[1], "recording");
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  cw_shot_settle (0.8);
  shoot (argv[1], "json");

  gtk_window_destroy (window);
  return 0;
}
