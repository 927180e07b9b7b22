/* test-delivery-doctor-window.c
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

/* The one concern of this file: the "Check a Delivery" window reads a pasted
 * delivery and shows what the doctor found, with the keyring's secrets. */

#define G_LOG_DOMAIN "test-delivery-doctor-window"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cw-delivery-doctor-window-private.h"

#define BASE_URL "https://api.doctor.test.invalid"
#define SECRET   "whsec_window_doctor_secret"
#define BODY     "{\"id\":\"evt_1\",\"type\":\"webhook.test\",\"data\":{}}"

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

/* Presses Check and waits for the result to be shown */
static void
press_check (CwDeliveryDoctorWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_label_set_text (window->result_title, "");
  g_signal_emit_by_name (window->check_button, "clicked");
  while (gtk_label_get_text (window->result_title)[0] == '\0')
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->result_box)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->check_button)));
}

static void
test_delivery_doctor_window (void)
{
  g_autoptr(ConvercSecretStore) store = converc_memory_store_new ();
  g_autoptr(GError) error = NULL;
  CwDeliveryDoctorWindow *window;
  ConvercDiagnosis *diagnosis;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *header = converc_signature_header (SECRET, now, (const guint8 *) BODY,
                                                      strlen (BODY));
  /* Pasted: the receiver's log added a trailing newline to the body */
  g_autofree char *request = g_strdup_printf ("POST /hooks/converc HTTP/1.1\r\n"
                                              "Host: receiver.example\r\n"
                                              "X-IC-Signature: %s\r\n"
                                              "X-IC-Event: webhook.test\r\n"
                                              "\r\n" BODY "\n", header);

  converc_secret_store_store_sync (store, BASE_URL, "wh_other", "whsec_not_this", &error);
  g_assert_no_error (error);
  converc_secret_store_store_sync (store, BASE_URL, "wh_1", SECRET, &error);
  g_assert_no_error (error);

  window = cw_delivery_doctor_window_new (store, BASE_URL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->result_box)));
  g_assert_null (cw_delivery_doctor_window_get_diagnosis (window));

  /* The raw request, no secret given: the keyring's are tried */
  set_text (window->request_view, request);
  press_check (window);
  g_assert_cmpstr (gtk_label_get_text (window->result_title), ==, "The Body Was Changed");
  assert_contains (gtk_label_get_text (window->result_explanation),
                   "A trailing newline was added to the body");
  assert_contains (gtk_label_get_text (window->result_explanation), "endpoint wh_1");
  g_assert_null (strstr (gtk_label_get_text (window->result_explanation), SECRET));
  diagnosis = cw_delivery_doctor_window_get_diagnosis (window);
  g_assert_cmpint (converc_diagnosis_get_body_change (diagnosis), ==,
                   CONVERC_BODY_CHANGE_TRAILING_NEWLINE_ADDED);

  /* Header and body apart, with the secret given: valid */
  gtk_stack_set_visible_child_name (window->input_stack, "parts");
  gtk_editable_set_text (GTK_EDITABLE (window->header_row), header);
  set_text (window->body_view, BODY);
  gtk_editable_set_text (GTK_EDITABLE (window->secret_row), SECRET);
  press_check (window);
  g_assert_cmpstr (gtk_label_get_text (window->result_title), ==, "Valid Signature");
  assert_contains (gtk_label_get_text (window->result_explanation), "the secret you gave");

  /* Something that is not a request */
  gtk_stack_set_visible_child_name (window->input_stack, "request");
  set_text (window->request_view, "hello, this is not HTTP\n\n{}");
  press_check (window);
  g_assert_cmpstr (gtk_label_get_text (window->result_title), ==, "Cannot Read the Request");
  g_assert_null (cw_delivery_doctor_window_get_diagnosis (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Closed while a check runs: nothing touches the window afterwards */
static void
test_delivery_doctor_window_closed_early (void)
{
  g_autoptr(ConvercSecretStore) store = converc_memory_store_new ();
  CwDeliveryDoctorWindow *window = cw_delivery_doctor_window_new (store, BASE_URL);
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  g_object_ref (window);
  set_text (window->request_view, "POST / HTTP/1.1\nX-IC-Signature: t=1,v1=00\n\n{}");
  g_signal_emit_by_name (window->check_button, "clicked");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/windows/delivery-doctor", test_delivery_doctor_window);
  g_test_add_func ("/cw/windows/delivery-doctor-closed-early",
                   test_delivery_doctor_window_closed_early);

  return g_test_run ();
}
