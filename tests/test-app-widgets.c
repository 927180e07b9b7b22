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
#include "cw-test-utils.h"
#include "cw-util.h"
#include "cw-window.h"

typedef struct
{
  ConvercEmulator    *emulator;
  ConvercClient      *client;
  ConvercSecretStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->emulator = converc_emulator_new (NULL);
  g_assert_true (converc_emulator_start (f->emulator, 0, &error));
  g_assert_no_error (error);
  converc_emulator_seed (f->emulator, 10, 7);
  f->client = converc_client_new (converc_emulator_get_base_url (f->emulator),
                                  converc_emulator_get_api_key (f->emulator));
  f->store = converc_memory_store_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  converc_emulator_stop (f->emulator);
  g_clear_object (&f->emulator);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static CwEndpointsPage *
loaded_page (Fixture *f)
{
  CwEndpointsPage *page = g_object_ref_sink (cw_endpoints_page_new ());

  cw_endpoints_page_set_client (page, f->client);
  cw_endpoints_page_set_secret_store (page, f->store);
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!page->loading);

  return page;
}

static guint
count_active (GListModel *model)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (model, i);

      n += converc_webhook_get_is_active (webhook);
    }

  return n;
}

static ConvercWebhook *
first_active (GListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (model, i);

      if (converc_webhook_get_is_active (webhook))
        return webhook;
    }

  return NULL;
}

static CwSecretDialog *
find_secret_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CW_IS_SECRET_DIALOG (window))
        return CW_SECRET_DIALOG (window);
    }

  return NULL;
}

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
test_page_lists (Fixture       *f,
                 gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  GListModel *model = cw_endpoints_page_get_model (page);

  g_assert_true (page->loaded);
  g_assert_null (page->last_error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, converc_emulator_get_n_webhooks (f->emulator));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "list");

  /* Newest first by default. */
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvercWebhook) a = g_list_model_get_item (model, i - 1);
      g_autoptr(ConvercWebhook) b = g_list_model_get_item (model, i);

      g_assert_cmpstr (converc_webhook_get_created_at (a), >=, converc_webhook_get_created_at (b));
    }

  g_assert_finalize_object (page);
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

/* Every GtkInscription and GtkLabel under @widget, depth first. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_INSCRIPTION (child) && gtk_inscription_get_text (GTK_INSCRIPTION (child)) != NULL)
        g_ptr_array_add (texts, (gpointer) gtk_inscription_get_text (GTK_INSCRIPTION (child)));
      else if (GTK_IS_LABEL (child))
        g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (child)));
      collect_texts (child, texts);
    }
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

/* The list's cells show each endpoint's whole URL and events (ellipsized
 * on screen, whole to a screen reader and in the tooltip), and the badge. */
static void
test_page_cells (Fixture       *f,
                 gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  GListModel *model = cw_endpoints_page_get_model (page);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  guint n = MIN (3, g_list_model_get_n_items (model));

  gtk_window_set_default_size (window, 1100, 720);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  WAIT_FOR ((g_ptr_array_set_size (texts, 0), collect_texts (GTK_WIDGET (page->column_view), texts),
             texts->len > 5 * n));

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (model, i);
      g_autofree char *events = converc_webhook_dup_events_label (webhook);
      g_autofree char *created = cw_format_timestamp_short (converc_webhook_get_created_at (webhook));

      g_assert_true (has_text (texts, converc_webhook_get_url (webhook)));
      g_assert_true (has_text (texts, events));
      g_assert_true (has_text (texts, created));
    }
  g_assert_true (has_text (texts, "Active"));

  gtk_window_destroy (window);
  g_assert_finalize_object (page);
}

static void
test_page_filter (Fixture       *f,
                  gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  GListModel *model = cw_endpoints_page_get_model (page);
  guint all = g_list_model_get_n_items (model);
  guint active = count_active (model);
  g_autoptr(ConvercWebhook) first = g_list_model_get_item (model, 0);

  g_assert_cmpuint (active, <, all); /* the seed has a disabled endpoint */

  /* Filter by a piece of the id: exactly that endpoint. */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), converc_webhook_get_id (first));
  g_signal_emit_by_name (page->search_entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "no-such-endpoint-anywhere");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "no-results");

  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all);

  /* "Show disabled" off hides the disabled ones. */
  gtk_toggle_button_set_active (page->show_disabled_button, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, active);
  gtk_toggle_button_set_active (page->show_disabled_button, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all);

  g_assert_finalize_object (page);
}

static void
test_page_disable_and_test (Fixture       *f,
                            gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  GListModel *model = cw_endpoints_page_get_model (page);
  ConvercWebhook *webhook = first_active (model);
  g_autofree char *id = NULL;
  GPtrArray *results;
  guint active;

  g_assert_nonnull (webhook);
  id = g_strdup (converc_webhook_get_id (webhook));
  active = count_active (model);

  /* Send Test Event: the seeded endpoints point at the emulator's receiver. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.test", "s", id));
  g_assert_true (g_hash_table_contains (page->pending_tests, id));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->test_spinner)));
  WAIT_FOR (!g_hash_table_contains (page->pending_tests, id));
  results = g_hash_table_lookup (page->test_results, id);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (results, 0), "Delivered — HTTP 200"));
  g_assert_cmpuint (converc_emulator_get_n_deliveries (f->emulator), >=, 1);
  /* The test selected the endpoint and shows the result in the details. */
  g_assert_true (_cw_endpoints_page_get_selected (page) == webhook);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->details_stack), ==, "details");
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (page->test_results_list)));

  /* Disable: the row stays, marked Disabled. */
  _cw_endpoints_page_disable (page, id);
  WAIT_FOR (!converc_webhook_get_is_active (webhook));
  g_assert_cmpuint (count_active (model), ==, active - 1);
  g_assert_cmpstr (gtk_label_get_text (page->details_status_label), ==, "Disabled");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->disable_button)));

  /* The server agrees. */
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!page->loading);
  webhook = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvercWebhook) w = g_list_model_get_item (model, i);

      if (g_str_equal (converc_webhook_get_id (w), id))
        g_assert_false (converc_webhook_get_is_active (w));
    }

  g_assert_finalize_object (page);
}

/* Text from a server is shown literally: markup characters in an error
 * body neither break the error page (libadwaita reads its description as
 * markup) nor a toast (same for toast titles). */
static void
test_page_server_text_literal (Fixture       *f,
                               gconstpointer  data)
{
  CwEndpointsPage *page;
  g_autofree char *expected = NULL;
  g_autoptr(AdwToast) toast = NULL;

  converc_emulator_set_forced_status (f->emulator, 500,
                                      "{\"error\": \"<b>bold</b> & <span size='99999'>big\"}");
  page = loaded_page (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "error");
  g_test_message ("last error: %s", page->last_error);
  g_assert_nonnull (strstr (page->last_error, "<b>bold</b> & <span"));
  expected = g_markup_escape_text (page->last_error, -1);
  g_assert_cmpstr (adw_status_page_get_description (page->error_page), ==, expected);

  toast = g_object_ref_sink (cw_toast_new ("Delivered to https://x.example/?a=1&b=<2>"));
  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "Delivered to https://x.example/?a=1&amp;b=&lt;2&gt;");

  g_assert_finalize_object (page);
}

static void
test_page_errors_keep_list (Fixture       *f,
                            gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  GListModel *model = cw_endpoints_page_get_model (page);
  guint n = g_list_model_get_n_items (model);
  CwEndpointsPage *fresh;

  converc_emulator_set_forced_status (f->emulator, 500, NULL);
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!page->loading);
  g_assert_nonnull (page->last_error);
  g_assert_nonnull (strstr (page->last_error, "Try again later"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "list");

  /* Rate limited: says how long to wait. */
  converc_emulator_reset_knobs (f->emulator);
  converc_emulator_set_rate_limited (f->emulator, TRUE, "30");
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!page->loading);
  g_assert_nonnull (strstr (page->last_error, "30 seconds"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* A page that never loaded shows the error with a way to retry. */
  converc_emulator_reset_knobs (f->emulator);
  converc_emulator_set_forced_status (f->emulator, 401, NULL);
  fresh = loaded_page (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fresh->content_stack), ==, "error");
  g_assert_nonnull (strstr (fresh->last_error, "API key"));

  converc_emulator_reset_knobs (f->emulator);
  cw_endpoints_page_refresh (fresh);
  WAIT_FOR (!fresh->loading);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fresh->content_stack), ==, "list");

  g_assert_finalize_object (fresh);
  g_assert_finalize_object (page);
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

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* The answer to a create is lost after the server made the endpoint: the
 * page shows that endpoint and says its secret is gone, instead of inviting
 * the user to create a duplicate; "Disable It" disables it. */
static void
test_page_create_answer_lost (Fixture       *f,
                              gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  CwAddEndpointDialog *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_webhooks = converc_emulator_get_n_webhooks (f->emulator);
  AdwMessageDialog *message;
  ConvercWebhook *selected;
  g_autofree char *orphan_id = NULL;

  cw_endpoints_page_add_endpoint (page);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CW_IS_ADD_ENDPOINT_DIALOG (window))
        dialog = CW_ADD_ENDPOINT_DIALOG (window);
    }
  g_assert_nonnull (dialog);

  /* The create is handled, then its answer comes after the client gave up. */
  converc_client_set_timeout (f->client, 1);
  converc_emulator_set_latency_once (f->emulator, 3000);
  gtk_editable_set_text (GTK_EDITABLE (dialog->url_row), "https://example.com/lost-answer");
  g_signal_emit_by_name (dialog->create_button, "clicked");
  WAIT_FOR (find_message_dialog () != NULL);
  message = find_message_dialog ();

  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->emulator), ==, n_webhooks + 1);
  g_assert_null (find_secret_dialog ());
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (message), "Secret Was Lost"));
  selected = _cw_endpoints_page_get_selected (page);
  g_assert_nonnull (selected);
  g_assert_cmpstr (converc_webhook_get_url (selected), ==, "https://example.com/lost-answer");
  orphan_id = g_strdup (converc_webhook_get_id (selected));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), orphan_id));

  converc_client_set_timeout (f->client, CONVERC_DEFAULT_TIMEOUT);
  WAIT_FOR (!page->loading);
  adw_message_dialog_response (message, "disable");
  WAIT_FOR (!converc_webhook_get_is_active (_cw_endpoints_page_get_selected (page)));
  g_assert_cmpstr (converc_webhook_get_id (_cw_endpoints_page_get_selected (page)), ==, orphan_id);

  g_assert_finalize_object (page);
}

/* The page stores the secret first, then shows it. */
static void
test_page_create_stores_secret (Fixture       *f,
                                gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  CwAddEndpointDialog *dialog = NULL;
  CwSecretDialog *secret_dialog;
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  ConvercWebhook *created;
  guint n = g_list_model_get_n_items (cw_endpoints_page_get_model (page));

  cw_endpoints_page_set_demo (page, TRUE);
  cw_endpoints_page_add_endpoint (page);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CW_IS_ADD_ENDPOINT_DIALOG (window))
        dialog = CW_ADD_ENDPOINT_DIALOG (window);
    }
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (dialog->url_row), "http://127.0.0.1:9/hook");
  g_signal_emit_by_name (dialog->create_button, "clicked");
  WAIT_FOR (find_secret_dialog () != NULL);
  secret_dialog = find_secret_dialog ();

  g_assert_cmpuint (g_list_model_get_n_items (cw_endpoints_page_get_model (page)), ==, n + 1);
  created = _cw_endpoints_page_get_selected (page);
  g_assert_nonnull (created);
  g_assert_cmpstr (converc_webhook_get_url (created), ==, "http://127.0.0.1:9/hook");

  stored = converc_secret_store_lookup_sync (f->store,
                                             converc_client_get_base_url (f->client),
                                             converc_webhook_get_id (created),
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, converc_emulator_get_secret (f->emulator, converc_webhook_get_id (created)));
  g_assert_cmpstr (gtk_label_get_text (secret_dialog->secret_label), ==, stored);
  g_assert_cmpint (secret_dialog->status, ==, CW_SECRET_DEMO);
  g_assert_true (cw_secret_dialog_get_can_close (secret_dialog));

  gtk_window_destroy (GTK_WINDOW (secret_dialog));
  g_assert_finalize_object (page);
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
  g_test_add ("/cw/endpoints-page/lists", Fixture, NULL, fixture_setup, test_page_lists, fixture_teardown);
  g_test_add ("/cw/endpoints-page/filter", Fixture, NULL, fixture_setup, test_page_filter, fixture_teardown);
  g_test_add ("/cw/endpoints-page/cells", Fixture, NULL, fixture_setup, test_page_cells, fixture_teardown);
  g_test_add ("/cw/endpoints-page/disable-and-test", Fixture, NULL, fixture_setup,
              test_page_disable_and_test, fixture_teardown);
  g_test_add ("/cw/endpoints-page/errors-keep-list", Fixture, NULL, fixture_setup,
              test_page_errors_keep_list, fixture_teardown);
  g_test_add ("/cw/endpoints-page/server-text-literal", Fixture, NULL, fixture_setup,
              test_page_server_text_literal, fixture_teardown);
  g_test_add ("/cw/endpoints-page/create-stores-secret", Fixture, NULL, fixture_setup,
              test_page_create_stores_secret, fixture_teardown);
  g_test_add ("/cw/endpoints-page/create-answer-lost", Fixture, NULL, fixture_setup,
              test_page_create_answer_lost, fixture_teardown);
  g_test_add ("/cw/add-endpoint/validation", Fixture, NULL, fixture_setup,
              test_add_validation, fixture_teardown);
  g_test_add ("/cw/add-endpoint/failure-keeps-form", Fixture, NULL, fixture_setup,
              test_add_failure_keeps_form, fixture_teardown);
  g_test_add ("/cw/sign-in/wrong-key", Fixture, NULL, fixture_setup,
              test_sign_in_wrong_key, fixture_teardown);

  return g_test_run ();
}
