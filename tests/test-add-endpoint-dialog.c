/* test-add-endpoint-dialog.c
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

/* CwAddEndpointDialog: validation, and a failed create that keeps the form. */

#define G_LOG_DOMAIN "test-add-endpoint-dialog"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "cw-add-endpoint-dialog-private.h"
#include "cw-test-endpoints.h"
#include "cw-test-utils.h"

typedef CwTestServer Fixture;

static void
test_add_validation (Fixture       *f,
                     gconstpointer  data)
{
  CwAddEndpointDialog *dialog = cw_add_endpoint_dialog_new (f->client);
  static const struct { const char *url; gboolean valid; } cases[] = {
    { "", FALSE },
    { "example.com/hook", FALSE },
    { "ftp://example.com/hook", FALSE },
    { "http://example.com/hook", FALSE },
    { "https://", FALSE },
    { "https://example.com/hook", TRUE },
    { "http://127.0.0.1:8080/hook", TRUE },
    { "http://localhost/hook", TRUE },
  };
  g_auto(GStrv) events = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (dialog->url_row), cases[i].url);
      g_assert_cmpint (cw_add_endpoint_dialog_is_valid (dialog), ==, cases[i].valid);
      g_assert_cmpint (gtk_widget_get_sensitive (GTK_WIDGET (dialog->create_button)), ==, cases[i].valid);
      /* An error under the URL for bad, non-empty input. */
      g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (dialog->url_error_label)), ==,
                       !cases[i].valid && *cases[i].url != '\0');
    }

  /* "All events" is on: no list is sent. */
  g_assert_null (cw_add_endpoint_dialog_dup_events (dialog));

  /* Off with nothing checked: not valid. */
  gtk_switch_set_active (dialog->all_events_switch, FALSE);
  g_assert_false (cw_add_endpoint_dialog_is_valid (dialog));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->create_button)));

  gtk_check_button_set_active (g_ptr_array_index (dialog->event_checks, 4), TRUE);
  g_assert_true (cw_add_endpoint_dialog_is_valid (dialog));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->create_button)));
  events = cw_add_endpoint_dialog_dup_events (dialog);
  g_assert_cmpuint (g_strv_length (events), ==, 1);
  g_assert_cmpstr (events[0], ==, "call.ended");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
created_cb (CwAddEndpointDialog  *dialog,
            ConvercWebhook       *webhook,
            const char           *secret,
            char                **out_secret)
{
  *out_secret = g_strdup_printf ("%s\n%s", converc_webhook_get_id (webhook), secret);
}

static void
test_add_failure_keeps_form (Fixture       *f,
                             gconstpointer  data)
{
  CwAddEndpointDialog *dialog = cw_add_endpoint_dialog_new (f->client);
  guint n_webhooks = converc_emulator_get_n_webhooks (f->emulator);
  guint n_requests;
  g_autofree char *created = NULL;
  g_auto(GStrv) parts = NULL;

  g_object_ref (dialog);
  g_signal_connect (dialog, "created", G_CALLBACK (created_cb), &created);
  gtk_editable_set_text (GTK_EDITABLE (dialog->url_row), "https://example.com/receiver");
  gtk_switch_set_active (dialog->all_events_switch, FALSE);
  gtk_check_button_set_active (g_ptr_array_index (dialog->event_checks, 0), TRUE);

  converc_emulator_set_forced_status (f->emulator, 503, NULL);
  n_requests = converc_emulator_get_n_requests (f->emulator);
  g_signal_emit_by_name (dialog->create_button, "clicked");
  g_assert_true (dialog->busy);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->create_button)));
  WAIT_FOR (!dialog->busy);

  /* One create, no retry (then one list, to check that a 5xx did not make
   * the endpoint after all), the form as it was, the error beside it. */
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, n_requests + 2);
  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->emulator), ==, n_webhooks);
  g_assert_null (created);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (dialog->error_label), "Could not create"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->url_row)), ==, "https://example.com/receiver");
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (dialog->event_checks, 0)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->create_button)));

  /* Now it works: the dialog hands over the endpoint and its secret, and closes. */
  converc_emulator_reset_knobs (f->emulator);
  g_signal_emit_by_name (dialog->create_button, "clicked");
  WAIT_FOR (created != NULL);
  parts = g_strsplit (created, "\n", 2);
  g_assert_cmpstr (parts[1], ==, converc_emulator_get_secret (f->emulator, parts[0]));
  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->emulator), ==, n_webhooks + 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_finalize_object (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/cw/add-endpoint/validation", Fixture, NULL, cw_test_server_setup,
              test_add_validation, cw_test_server_teardown);
  g_test_add ("/cw/add-endpoint/failure-keeps-form", Fixture, NULL, cw_test_server_setup,
              test_add_failure_keeps_form, cw_test_server_teardown);

  return g_test_run ();
}
