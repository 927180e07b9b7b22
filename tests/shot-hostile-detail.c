/* shot-hostile-detail.c
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

/* A screenshot of the event detail showing a hostile event: a name with a
 * right-to-left override, a 10,000-character name part without spaces, an
 * invisible character in the email, a line break in the phone, a recording
 * link with an override in it and 20,000 qualification answers. Not a test:
 *
 *   build-aux/headless.sh _build/tests/shot-hostile-detail OUT.png
 *   build-aux/headless.sh _build/tests/shot-hostile-detail --transcript OUT-PREFIX
 *
 * (the second: a 5 MB transcript, OUT-PREFIX-preview.png, then after "Show
 * All" OUT-PREFIX-all.png)
 * (GSETTINGS_SCHEMA_DIR=_build/data GSETTINGS_BACKEND=memory), then look at
 * OUT.png. */

#define G_LOG_DOMAIN "shot-hostile-detail"

#include "config.h"

#include <adwaita.h>

#include "converc.h"
#include "cw-event-detail.h"
#include "cw-shot-utils.h"

static GBytes *
transcript_event (void)
{
  GString *s = g_string_new ("{\"id\":\"evt_transcript_5mb\",\"type\":\"call.ended\","
                             "\"createdAt\":\"2024-05-01T10:00:00Z\",\"data\":{\"call\":"
                             "{\"id\":\"call_1\",\"status\":\"ended\"},\"transcript\":\"");

  while (s->len < 5 * 1024 * 1024)
    g_string_append (s, "and then the visitor said that the order never arrived ");
  g_string_append (s, "\"}}");

  return g_string_free_to_bytes (s);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *prefix)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (widget)), prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GBytes *
hostile_event (void)
{
  GString *s = g_string_new (NULL);
  g_autofree char *long_part = g_strnfill (10000, 'W');

  g_string_append_printf (s,
    "{\"id\":\"evt_hostile_1\",\"type\":\"call.ended\",\"createdAt\":\"2024-05-01T10:00:00Z\","
    "\"data\":{\"call\":{\"id\":\"call_1\",\"status\":\"ended\",\"duration\":61},"
    "\"contact\":{\"name\":\"Alice \\u202Egnp.exe %s\",\"email\":\"ad\\u200Bmin@example.com\","
    "\"phone\":\"+49 30 1234\\nEmail: evil@example.com\",\"identityId\":\"%s\"},"
    "\"recording\":{\"available\":true,"
    "\"videoUrl\":\"https://rec.example.com/rec/\\u202E4pm.exe\","
    "\"audioUrl\":\"https://rec.example.com/rec/audio.mp3\"},"
    "\"qualificationAnswers\":[", long_part, long_part);
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (s, "%s{\"question\":{\"label\":\"Question %u\"},\"answer\":\"Answer %u\"}",
                            i > 0 ? "," : "", i, i);
  g_string_append (s, "]}}");

  return g_string_free_to_bytes (s);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ConvercEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv_import[] = { "import", "-window", "root", NULL, NULL };
  CwEventDetail *detail;
  GtkWindow *window;
  gint64 until;
  int status = 0;

  gboolean transcript = argc == 3 && g_str_equal (argv[1], "--transcript");

  if (argc != 2 && !transcript)
    {
      g_printerr ("Usage: %s OUT.png | --transcript OUT-PREFIX\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  bytes = transcript ? transcript_event () : hostile_event ();
  event = converc_parse_event (bytes, &error);
  if (event == NULL)
    g_error ("%s", error->message);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 900, 780);
  detail = cw_event_detail_new ();
  gtk_window_set_child (window, GTK_WIDGET (detail));
  gtk_window_present (window);
  cw_event_detail_set_event (detail, event);

  if (transcript)
    {
      g_autofree char *preview = g_strconcat (argv[2], "-preview.png", NULL);
      g_autofree char *all = g_strconcat (argv[2], "-all.png", NULL);
      GtkWidget *button;

      /* A large event is read in a thread. */
      until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
      while ((button = find_button (GTK_WIDGET (detail), "Show All ")) == NULL &&
             g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      if (button == NULL)
        g_error ("no Show All button");
      cw_shot_take (preview, 0, 0);
      g_signal_emit_by_name (button, "clicked");
      cw_shot_take (all, 0, 0);
      gtk_window_destroy (window);
      return 0;
    }

  until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  argv_import[3] = argv[1];
  if (!g_spawn_sync (NULL, (char **)argv_import, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, NULL, &status, &error))
    g_error ("%s", error->message);

  gtk_window_destroy (window);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}
