/* shot-delivery-doctor.c
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

/* The one concern of this file: screenshots of the Check a Delivery window with its
 * answers. Not a test:
 *
 *   build-aux/headless.sh _build/tests/shot-delivery-doctor PREFIX
 *
 * writes PREFIX-newline.png (a pasted request whose body gained a trailing
 * newline, the secret found in the store) and PREFIX-replay.png (a valid
 * signature two hours old); then look at them. */

#define G_LOG_DOMAIN "shot-delivery-doctor"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cw-delivery-doctor-window-private.h"

#define BASE_URL "https://api.converc.com"
#define SECRET   "whsec_screenshot_secret"
#define BODY     "{\"id\":\"evt_01HV8Z\",\"type\":\"call.ended\"," \
                 "\"data\":{\"call\":{\"status\":\"completed\",\"duration\":61}}}"

static void
wait (double seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
shoot (const char *prefix,
       const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s-%s.png", prefix, name);
  const char *argv_import[] = { "import", "-window", "root", path, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv_import, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("import: %s", error->message);
  g_print ("%s\n", path);
}

static void
show (CwDeliveryDoctorWindow *window,
      gint64                  signed_at,
      const char             *suffix)
{
  g_autofree char *header = converc_signature_header (SECRET, signed_at,
                                                      (const guint8 *) BODY, strlen (BODY));
  g_autofree char *request = g_strdup_printf ("POST /hooks/converc HTTP/1.1\n"
                                              "Host: receiver.example.com\n"
                                              "Content-Type: application/json\n"
                                              "X-IC-Signature: %s\n"
                                              "X-IC-Event: call.ended\n"
                                              "X-IC-Id: evt_01HV8Z\n"
                                              "\n" BODY "%s", header, suffix);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (window->request_view), request, -1);
  gtk_label_set_text (window->result_title, "");
  cw_delivery_doctor_window_check (window);
  while (gtk_label_get_text (window->result_title)[0] == '\0')
    g_main_context_iteration (NULL, TRUE);
  wait (1.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ConvercSecretStore) store = NULL;
  CwDeliveryDoctorWindow *window;
  gint64 now;

  if (argc != 2)
    {
      g_printerr ("Usage: %s PREFIX\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  store = converc_memory_store_new ();
  converc_secret_store_store_sync (store, BASE_URL, "wh_7Kd2", "whsec_another_endpoint", NULL);
  converc_secret_store_store_sync (store, BASE_URL, "wh_3Fa9", SECRET, NULL);

  window = cw_delivery_doctor_window_new (store, BASE_URL);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait (1);

  now = g_get_real_time () / G_USEC_PER_SEC;
  show (window, now - 4, "\n");
  shoot (argv[1], "newline");
  show (window, now - 7300, "");
  shoot (argv[1], "replay");

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
