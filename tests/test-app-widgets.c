/* test-app-widgets.c
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

#define G_LOG_DOMAIN "test-app-widgets"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "cw-add-endpoint-dialog-private.h"
#include "cw-application-private.h"
#include "cw-endpoints-page-private.h"
#include "cw-preferences-window.h"
#include "cw-secret-dialog-private.h"
#include "cw-sign-in-page-private.h"
#include "cw-test-endpoints.h"
#include "cw-test-utils.h"
#include "cw-cell.h"
#include "cw-window.h"

typedef CwTestServer Fixture;

/* Every template widget can be built (catches .ui mistakes). */
static void
test_templates (void)
{
  g_autoptr(ConvercClient) client = converc_client_new ("https://api.converc.com", "k");
  CwSignInPage *sign_in = g_object_ref_sink (g_object_new (CW_TYPE_SIGN_IN_PAGE, NULL));
  CwEndpointsPage *page = g_object_ref_sink (cw_endpoints_page_new ());
  CwAddEndpointDialog *add = cw_add_endpoint_dialog_new (client);
  CwSecretDialog *secret = cw_secret_dialog_new ("whsec_x", "https://example.com/h",
                                                 CW_SECRET_SAVED, NULL);

  g_assert_true (GTK_IS_WIDGET (sign_in->key_row));
  g_assert_true (GTK_IS_COLUMN_VIEW (page->column_view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "loading");
  g_assert_true (GTK_IS_WIDGET (add->url_row));
  g_assert_cmpuint (add->event_checks->len, >=, 8);
  g_assert_cmpstr (gtk_label_get_text (secret->secret_label), ==, "whsec_x");

  g_object_ref (add);
  gtk_window_destroy (GTK_WINDOW (add));
  g_assert_finalize_object (add);
  g_object_ref (secret);
  gtk_window_destroy (GTK_WINDOW (secret));
  g_assert_finalize_object (secret);
  g_assert_finalize_object (sign_in);
  g_assert_finalize_object (page);
}

/* The window and the preferences need the application (settings, client). */
static void
test_window_and_preferences (void)
{
  g_autoptr(CwApplication) app = cw_application_new ();
  g_autoptr(GError) error = NULL;
  CwPreferencesWindow *prefs;
  CwWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cw_application_get_settings (app));
  g_assert_cmpstr (cw_application_get_base_url (app), ==, "https://api.converc.com");

  window = cw_window_new (app);
  g_assert_cmpstr (cw_window_get_state (window), ==, "loading");
  prefs = cw_preferences_window_new (app);
  g_assert_true (ADW_IS_PREFERENCES_WINDOW (prefs));

  /* Demo mode: an in-process emulator, a memory store, memory settings. */
  g_assert_true (cw_application_start_demo (app, &error));
  g_assert_no_error (error);
  g_assert_true (cw_application_get_demo (app));
  g_assert_true (g_str_has_prefix (cw_application_get_base_url (app), "http://127.0.0.1:"));
  cw_window_load_session (window);
  g_assert_cmpstr (cw_window_get_state (window), ==, "main");

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_text_one_line (void)
{
  g_autofree char *plain = cw_text_one_line ("https://example.com/hook");
  g_autofree char *breaks = cw_text_one_line ("a\nb\r\n\tc\xe2\x80\xa8" "d\x7f");
  g_autofree char *invalid = cw_text_one_line ("ok\xff\n");

  g_assert_cmpstr (plain, ==, "https://example.com/hook");
  g_assert_cmpstr (breaks, ==, "a b   c d ");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_null (strchr (invalid, '\n'));
  g_assert_null (cw_text_one_line (NULL));
}

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

static void
test_secret_dialog (void)
{
  CwSecretDialog *saved = cw_secret_dialog_new ("s3cr3t", "https://example.com/a",
                                                CW_SECRET_SAVED, NULL);
  CwSecretDialog *failed = cw_secret_dialog_new ("s3cr3t", "https://example.com/a",
                                                 CW_SECRET_SAVE_FAILED, "no Secret Service");
  CwSecretDialog *demo = cw_secret_dialog_new ("s3cr3t", "https://example.com/a",
                                               CW_SECRET_DEMO, NULL);
  GdkClipboard *clipboard;

  g_object_ref (saved);
  g_object_ref (failed);
  g_object_ref (demo);

  g_assert_true (cw_secret_dialog_get_can_close (saved));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (saved->copied_check)));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (saved->status_row)), "Keyring"));

  g_assert_nonnull (strstr (adw_action_row_get_subtitle (demo->status_row), "only in memory"));
  g_assert_true (cw_secret_dialog_get_can_close (demo));

  /* The keyring failed: it cannot be dismissed until the user confirms. */
  gtk_window_present (GTK_WINDOW (failed));
  g_assert_false (cw_secret_dialog_get_can_close (failed));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (failed->copied_check)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (failed->done_button)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (failed->status_row), "no Secret Service"));
  gtk_window_close (GTK_WINDOW (failed));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (failed)));

  /* Copy Secret puts it on the clipboard. */
  g_signal_emit_by_name (failed->copy_button, "clicked");
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (failed));
  g_assert_true (gdk_clipboard_is_local (clipboard));

  gtk_check_button_set_active (failed->copied_check, TRUE);
  g_assert_true (cw_secret_dialog_get_can_close (failed));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (failed->done_button)));
  gtk_window_close (GTK_WINDOW (failed));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (failed)));

  gtk_window_destroy (GTK_WINDOW (saved));
  gtk_window_destroy (GTK_WINDOW (demo));
  g_assert_finalize_object (saved);
  g_assert_finalize_object (failed);
  g_assert_finalize_object (demo);
}

static void
test_sign_in_wrong_key (Fixture       *f,
                        gconstpointer  data)
{
  CwSignInPage *page = g_object_ref_sink (g_object_new (CW_TYPE_SIGN_IN_PAGE, NULL));
  g_autofree char *stored = NULL;

  cw_sign_in_page_set_base_url (page, converc_emulator_get_base_url (f->emulator));
  cw_sign_in_page_set_secret_store (page, f->store);

  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (page->sign_in_button)));
  gtk_editable_set_text (GTK_EDITABLE (page->key_row), "wrong-key");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (page->sign_in_button)));
  g_signal_emit_by_name (page->sign_in_button, "clicked");
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (page->error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (page->error_label), "refused the API key"));
  /* The key stays for correction; nothing was stored. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->key_row)), ==, "wrong-key");
  stored = converc_secret_store_lookup_sync (f->store, converc_emulator_get_base_url (f->emulator),
                                             NULL, NULL);
  g_assert_null (stored);

  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/widgets/templates", test_templates);
  g_test_add_func ("/cw/widgets/window-and-preferences", test_window_and_preferences);
  g_test_add_func ("/cw/widgets/secret-dialog", test_secret_dialog);
  g_test_add_func ("/cw/widgets/text-one-line", test_text_one_line);
  g_test_add ("/cw/add-endpoint/validation", Fixture, NULL, cw_test_server_setup,
              test_add_validation, cw_test_server_teardown);
  g_test_add ("/cw/add-endpoint/failure-keeps-form", Fixture, NULL, cw_test_server_setup,
              test_add_failure_keeps_form, cw_test_server_teardown);
  g_test_add ("/cw/sign-in/wrong-key", Fixture, NULL, cw_test_server_setup,
              test_sign_in_wrong_key, cw_test_server_teardown);

  return g_test_run ();
}
