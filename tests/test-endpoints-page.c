/* test-endpoints-page.c
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

/* The Endpoints page under Xvfb against an in-process emulator: what it
 * shows of its model (the model alone: test-endpoint-list.c). */

#define G_LOG_DOMAIN "test-endpoints-page"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "cw-add-endpoint-dialog-private.h"
#include "cw-endpoints-page-private.h"
#include "cw-secret-dialog-private.h"
#include "cw-test-endpoints.h"
#include "cw-renderer.h"
#include "cw-test-utils.h"
#include "cw-time-format.h"
#include "cw-toast.h"

typedef CwTestServer Fixture;

static CwEndpointsPage *
loaded_page (Fixture *f)
{
  CwEndpointsPage *page = g_object_ref_sink (cw_endpoints_page_new ());

  cw_endpoints_page_set_client (page, f->client);
  cw_endpoints_page_set_secret_store (page, f->store);
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!cw_endpoint_list_get_loading (page->list));

  return page;
}

/* A visible top-level window of @type, or NULL. */
static gpointer
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
test_page_lists (Fixture       *f,
                 gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  GListModel *model = cw_endpoints_page_get_model (page);

  g_assert_true (cw_endpoint_list_get_loaded (page->list));
  g_assert_null (cw_endpoint_list_get_last_error (page->list));
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

  /* Cleared (as when the window switches account), the hidden details keep
   * no text of the endpoint they showed. */
  {
    g_autoptr(ConvercWebhook) first = g_list_model_get_item (model, 0);

    g_assert_true (_cw_endpoints_page_select_id (page, converc_webhook_get_id (first)));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (page->details_stack), ==, "details");
    g_assert_nonnull (strstr (gtk_label_get_text (page->details_title), "://"));
    g_clear_object (&first);
    cw_endpoints_page_clear (page);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (page->details_stack), ==, "none");
    g_assert_cmpstr (gtk_label_get_text (page->details_title), ==, "");
    g_assert_cmpstr (adw_action_row_get_subtitle (page->url_row), ==, "");
    g_assert_cmpstr (adw_action_row_get_subtitle (page->id_row), ==, "");
  }

  g_assert_finalize_object (page);
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
  guint active = cw_test_count_webhooks (model, cw_test_webhook_is_active, NULL);
  g_autoptr(ConvercWebhook) first = g_list_model_get_item (model, 0);

  g_assert_cmpuint (active, <, all); /* the seed has a disabled endpoint */

  /* Filter by a piece of the id: exactly that endpoint. */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), converc_webhook_get_id (first));
  g_signal_emit_by_name (page->search_entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* An event type: every endpoint that receives it, those subscribed to
   * all events included (issue 12). */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "call.ended");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, cw_test_count_webhooks (cw_endpoint_list_get_webhooks (page->list),
                                            (CwTestWebhookFunc) converc_webhook_receives,
                                            "call.ended"));
  g_assert_nonnull (cw_test_find_webhook (model, cw_test_webhook_all_events, NULL));

  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "no-such-endpoint-anywhere");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "no-results");

  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all);

  /* "Show disabled" off hides the disabled ones. */
  gtk_check_button_set_active (page->show_disabled_button, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, active);
  gtk_check_button_set_active (page->show_disabled_button, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all);

  g_assert_finalize_object (page);
}

static void
test_page_disable_and_test (Fixture       *f,
                            gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  GListModel *model = cw_endpoints_page_get_model (page);
  ConvercWebhook *webhook = cw_test_find_webhook (model, cw_test_webhook_is_active, NULL);
  g_autofree char *id = NULL;
  GPtrArray *outcomes;
  CwTestOutcome *outcome;
  GtkWidget *row;
  guint active;

  g_assert_nonnull (webhook);
  id = g_strdup (converc_webhook_get_id (webhook));
  active = cw_test_count_webhooks (model, cw_test_webhook_is_active, NULL);

  /* Send Test Event: the seeded endpoints point at the emulator's receiver. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.test", "s", id));
  g_assert_true (cw_endpoint_list_is_test_pending (page->list, id));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->test_spinner)));
  WAIT_FOR (!cw_endpoint_list_is_test_pending (page->list, id));
  outcomes = cw_endpoint_list_get_outcomes (page->list, id);
  g_assert_nonnull (outcomes);
  g_assert_cmpuint (outcomes->len, ==, 1);
  outcome = g_ptr_array_index (outcomes, 0);
  g_assert_true (outcome->delivered);
  g_assert_cmpint (outcome->status, ==, 200);
  g_assert_cmpuint (converc_emulator_get_n_deliveries (f->emulator), >=, 1);
  /* The test selected the endpoint and shows the result in the details. */
  g_assert_true (_cw_endpoints_page_get_selected (page) == webhook);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->details_stack), ==, "details");
  row = gtk_widget_get_first_child (GTK_WIDGET (page->test_results_list));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  /* Formatted from the outcome's fields: the words, the mark and the colour. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "✓ Delivered — HTTP 200");
  g_assert_true (gtk_widget_has_css_class (row, "success"));
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* Disable: the row stays, marked Disabled. */
  _cw_endpoints_page_disable (page, id);
  WAIT_FOR (!converc_webhook_get_is_active (webhook));
  g_assert_cmpuint (cw_test_count_webhooks (model, cw_test_webhook_is_active, NULL), ==, active - 1);
  g_assert_cmpstr (gtk_label_get_text (page->details_status_label), ==, "Disabled");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->disable_button)));

  /* The server agrees. */
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!cw_endpoint_list_get_loading (page->list));
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
  g_autofree char *last_error = NULL;
  g_autoptr(AdwToast) toast = NULL;

  converc_emulator_set_forced_status (f->emulator, 500,
                                      "{\"error\": \"<b>bold</b> & <span size='99999'>big\"}");
  page = loaded_page (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "error");
  last_error = _cw_endpoints_page_dup_error_text (page);
  g_test_message ("last error: %s", last_error);
  g_assert_nonnull (strstr (last_error, "<b>bold</b> & <span"));
  expected = g_markup_escape_text (last_error, -1);
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
  g_autofree char *error = NULL;
  g_autofree char *rate_limited = NULL;
  g_autofree char *refused = NULL;

  converc_emulator_set_forced_status (f->emulator, 500, NULL);
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!cw_endpoint_list_get_loading (page->list));
  error = _cw_endpoints_page_dup_error_text (page);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "Try again later"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "list");

  /* Rate limited: says how long to wait. */
  converc_emulator_reset_knobs (f->emulator);
  converc_emulator_set_rate_limited (f->emulator, TRUE, "30");
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!cw_endpoint_list_get_loading (page->list));
  rate_limited = _cw_endpoints_page_dup_error_text (page);
  g_assert_nonnull (strstr (rate_limited, "30 seconds"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* A page that never loaded shows the error with a way to retry. */
  converc_emulator_reset_knobs (f->emulator);
  converc_emulator_set_forced_status (f->emulator, 401, NULL);
  fresh = loaded_page (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fresh->content_stack), ==, "error");
  refused = _cw_endpoints_page_dup_error_text (fresh);
  g_assert_nonnull (strstr (refused, "API key"));

  converc_emulator_reset_knobs (f->emulator);
  cw_endpoints_page_refresh (fresh);
  WAIT_FOR (!cw_endpoint_list_get_loading (fresh->list));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fresh->content_stack), ==, "list");

  g_assert_finalize_object (fresh);
  g_assert_finalize_object (page);
}

/* The answer to a create is lost after the server made the endpoint: the
 * page shows that endpoint and says its secret is gone, instead of inviting
 * the user to create a duplicate; "Disable It" disables it. */
static void
test_page_create_answer_lost (Fixture       *f,
                              gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  CwAddEndpointDialog *dialog;
  guint n_webhooks = converc_emulator_get_n_webhooks (f->emulator);
  AdwMessageDialog *message;
  ConvercWebhook *selected;
  g_autofree char *orphan_id = NULL;

  cw_endpoints_page_add_endpoint (page);
  dialog = find_window (CW_TYPE_ADD_ENDPOINT_DIALOG);
  g_assert_nonnull (dialog);

  /* The create is handled, then its answer comes after the client gave up. */
  converc_client_set_timeout (f->client, 1);
  converc_emulator_set_latency_once (f->emulator, 3000);
  gtk_editable_set_text (GTK_EDITABLE (dialog->url_row), "https://example.com/lost-answer");
  g_signal_emit_by_name (dialog->create_button, "clicked");
  WAIT_FOR (find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  message = find_window (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->emulator), ==, n_webhooks + 1);
  g_assert_null (find_window (CW_TYPE_SECRET_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (message), "Secret Was Lost"));
  selected = _cw_endpoints_page_get_selected (page);
  g_assert_nonnull (selected);
  g_assert_cmpstr (converc_webhook_get_url (selected), ==, "https://example.com/lost-answer");
  orphan_id = g_strdup (converc_webhook_get_id (selected));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), orphan_id));

  converc_client_set_timeout (f->client, CONVERC_DEFAULT_TIMEOUT);
  WAIT_FOR (!cw_endpoint_list_get_loading (page->list));
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
  CwAddEndpointDialog *dialog;
  CwSecretDialog *secret_dialog;
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  ConvercWebhook *created;
  guint n = g_list_model_get_n_items (cw_endpoints_page_get_model (page));

  cw_endpoints_page_set_demo (page, TRUE);
  cw_endpoints_page_add_endpoint (page);
  dialog = find_window (CW_TYPE_ADD_ENDPOINT_DIALOG);
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (dialog->url_row), "http://127.0.0.1:9/hook");
  g_signal_emit_by_name (dialog->create_button, "clicked");
  WAIT_FOR (find_window (CW_TYPE_SECRET_DIALOG) != NULL);
  secret_dialog = find_window (CW_TYPE_SECRET_DIALOG);

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

/* The table gives the URL the room: one date column ("Updated" only where
 * it differs, in the tooltip and the details), the status a coloured label
 * rather than a pill, "Show Disabled" a check box that reads as on or off. */
static void
test_page_table (Fixture       *f,
                 gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  GListModel *columns = gtk_column_view_get_columns (page->column_view);
  g_autoptr(ConvercWebhook) same = converc_webhook_new ("wh_1", "https://example.com/a", NULL, TRUE,
                                                        "2026-11-27T14:03:00Z",
                                                        "2026-11-27T14:03:00Z");
  g_autoptr(ConvercWebhook) changed = converc_webhook_new ("wh_2", "https://example.com/b", NULL, TRUE,
                                                           "2026-11-27T14:03:00Z",
                                                           "2026-11-28T09:30:00Z");
  g_autofree char *updated = NULL;
  g_autoptr(GtkWidget) badge = g_object_ref_sink (gtk_label_new (NULL));

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 5);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), !=, "Updated");
    }
  g_assert_true (gtk_column_view_column_get_expand (page->url_column));

  g_assert_null (_cw_endpoints_page_dup_updated_text (same));
  updated = _cw_endpoints_page_dup_updated_text (changed);
  g_assert_nonnull (updated);
  g_assert_nonnull (strstr (updated, "2026-11-28"));

  /* The details show "Updated" only when it differs. */
  g_assert_true (_cw_endpoints_page_select_id (page, converc_webhook_get_id (
    cw_test_find_webhook (cw_endpoints_page_get_model (page), cw_test_webhook_is_active, NULL))));
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (page->updated_row)), ==,
                   _cw_endpoints_page_dup_updated_text (_cw_endpoints_page_get_selected (page)) != NULL);

  /* Status: text and colour, no pill. */
  _cw_endpoints_page_set_status_badge (GTK_LABEL (badge), same);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "Active");
  g_assert_true (gtk_widget_has_css_class (badge, "active"));
  converc_webhook_set_is_active (same, FALSE);
  _cw_endpoints_page_set_status_badge (GTK_LABEL (badge), same);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "Disabled");
  g_assert_true (gtk_widget_has_css_class (badge, "disabled"));
  g_assert_false (gtk_widget_has_css_class (badge, "active"));
  g_assert_false (GTK_IS_BUTTON (badge));

  /* A check box: on or off, as it reads. */
  g_assert_true (GTK_IS_CHECK_BUTTON (page->show_disabled_button));
  g_assert_true (gtk_check_button_get_active (page->show_disabled_button));
  g_assert_cmpstr (gtk_check_button_get_label (page->show_disabled_button), ==, "Show _Disabled");

  g_assert_finalize_object (page);
}

/* A failed refresh over a list: a banner stays while the list is stale, with
 * "Try Again"; a refused key offers Preferences, where the key is replaced;
 * a refresh that works takes it away. */
static void
test_page_stale_banner (Fixture       *f,
                        gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);

  g_assert_false (gtk_revealer_get_reveal_child (page->problem_revealer));

  converc_emulator_set_forced_status (f->emulator, 500, NULL);
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!cw_endpoint_list_get_loading (page->list));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "list");
  g_assert_true (gtk_revealer_get_reveal_child (page->problem_revealer));
  g_assert_nonnull (strstr (gtk_label_get_text (page->problem_label), "Could not refresh endpoints"));
  g_assert_nonnull (strstr (gtk_label_get_text (page->problem_label), "out of date"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (page->problem_button)), ==,
                   "endpoints.refresh");
  g_assert_cmpstr (gtk_button_get_label (page->problem_button), ==, "_Try Again");

  /* It stays: no timeout takes it away. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_revealer_get_reveal_child (page->problem_revealer));

  converc_emulator_reset_knobs (f->emulator);
  converc_emulator_set_forced_status (f->emulator, 401, NULL);
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!cw_endpoint_list_get_loading (page->list));
  g_assert_true (gtk_revealer_get_reveal_child (page->problem_revealer));
  g_assert_nonnull (strstr (gtk_label_get_text (page->problem_label), "API key"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (page->problem_button)), ==,
                   "app.preferences");

  converc_emulator_reset_knobs (f->emulator);
  converc_emulator_set_forced_status (f->emulator, 403, NULL);
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!cw_endpoint_list_get_loading (page->list));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (page->problem_button)), ==,
                   "app.preferences");

  converc_emulator_reset_knobs (f->emulator);
  cw_endpoints_page_refresh (page);
  WAIT_FOR (!cw_endpoint_list_get_loading (page->list));
  g_assert_null (cw_endpoint_list_get_last_error (page->list));
  g_assert_false (gtk_revealer_get_reveal_child (page->problem_revealer));
  g_assert_finalize_object (page);
}

/* The longest wait between two main-loop iterations while a probe runs. */
typedef struct
{
  gint64 last;
  gint64 longest;
} StallProbe;

static gboolean
stall_probe_cb (gpointer user_data)
{
  StallProbe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  probe->longest = MAX (probe->longest, now - probe->last);
  probe->last = now;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  ConvercSecretStore *store;
  const char         *base_url;
  gboolean            listed;
  gboolean            stored_before_listed;
} CreateOrder;

static void
new_row_cb (GListModel  *model,
            guint        position,
            guint        removed,
            guint        added,
            CreateOrder *order)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (model, i);
      g_autofree char *stored = NULL;

      if (g_strcmp0 (converc_webhook_get_id (webhook), "wh_long_url") != 0 || order->listed)
        continue;

      /* The endpoint reaches the list: its secret must be kept already. */
      order->listed = TRUE;
      stored = converc_secret_store_lookup_sync (order->store, order->base_url, "wh_long_url", NULL);
      order->stored_before_listed = g_strcmp0 (stored, "whsec_only_copy") == 0;
    }
}

/* A server that answers a create with a URL of 100,000 characters: the
 * secret is in the store before any of that text is laid out, and showing
 * it never stalls the window for long (issue 13, item 1). */
static void
test_page_create_long_url (Fixture       *f,
                           gconstpointer  data)
{
  CwEndpointsPage *page = loaded_page (f);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(GString) url = g_string_new ("https://example.com/");
  g_autoptr(ConvercWebhook) webhook = NULL;
  CreateOrder order = { f->store, converc_client_get_base_url (f->client), FALSE, FALSE };
  StallProbe probe = { 0, 0 };
  CwAddEndpointDialog *dialog;
  guint probe_id;

  for (guint i = 0; i < 100000 - 20; i++)
    g_string_append_c (url, "abcdefghij"[i % 10]);
  webhook = converc_webhook_new ("wh_long_url", url->str, NULL, TRUE,
                                 "2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z");

  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_signal_connect (cw_endpoint_list_get_webhooks (page->list), "items-changed",
                    G_CALLBACK (new_row_cb), &order);

  cw_endpoints_page_add_endpoint (page);
  dialog = find_window (CW_TYPE_ADD_ENDPOINT_DIALOG);
  g_assert_nonnull (dialog);

  probe.last = g_get_monotonic_time ();
  probe_id = g_timeout_add (5, stall_probe_cb, &probe);
  /* As the dialog does when the create answer arrives. */
  g_signal_emit_by_name (dialog, "created", webhook, "whsec_only_copy");
  WAIT_FOR (order.listed && find_window (CW_TYPE_SECRET_DIALOG) != NULL);
  for (int i = 0; i < 3; i++)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      gint64 counter = gdk_frame_clock_get_frame_counter (clock);

      gtk_widget_queue_draw (GTK_WIDGET (window));
      WAIT_FOR (gdk_frame_clock_get_frame_counter (clock) > counter);
    }
  g_source_remove (probe_id);
  g_test_message ("longest main-loop stall while showing it: %" G_GINT64_FORMAT " ms",
                  probe.longest / 1000);

  g_assert_true (order.stored_before_listed);
  /* A generous bound (the figure is printed): 60 s before the cap. */
  g_assert_cmpint (probe.longest, <, 1 * G_USEC_PER_SEC * CW_TEST_TIME_FACTOR);
  g_assert_cmpstr (converc_webhook_get_id (_cw_endpoints_page_get_selected (page)), ==,
                   "wh_long_url");

  g_signal_handlers_disconnect_by_data (cw_endpoint_list_get_webhooks (page->list), &order);
  gtk_window_destroy (GTK_WINDOW (find_window (CW_TYPE_SECRET_DIALOG)));
  gtk_window_destroy (window);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Draw as the app does (cairo on a software GL): the stall figures are
   * the app's, not llvmpipe's shader compiler's. */
  cw_renderer_choose (gdk_display_get_default ());

  g_test_add ("/cw/endpoints-page/lists", Fixture, NULL, cw_test_server_setup, test_page_lists, cw_test_server_teardown);
  g_test_add ("/cw/endpoints-page/filter", Fixture, NULL, cw_test_server_setup, test_page_filter, cw_test_server_teardown);
  g_test_add ("/cw/endpoints-page/cells", Fixture, NULL, cw_test_server_setup, test_page_cells, cw_test_server_teardown);
  g_test_add ("/cw/endpoints-page/table", Fixture, NULL, cw_test_server_setup, test_page_table, cw_test_server_teardown);
  g_test_add ("/cw/endpoints-page/stale-banner", Fixture, NULL, cw_test_server_setup,
              test_page_stale_banner, cw_test_server_teardown);
  g_test_add ("/cw/endpoints-page/disable-and-test", Fixture, NULL, cw_test_server_setup,
              test_page_disable_and_test, cw_test_server_teardown);
  g_test_add ("/cw/endpoints-page/errors-keep-list", Fixture, NULL, cw_test_server_setup,
              test_page_errors_keep_list, cw_test_server_teardown);
  g_test_add ("/cw/endpoints-page/server-text-literal", Fixture, NULL, cw_test_server_setup,
              test_page_server_text_literal, cw_test_server_teardown);
  g_test_add ("/cw/endpoints-page/create-stores-secret", Fixture, NULL, cw_test_server_setup,
              test_page_create_stores_secret, cw_test_server_teardown);
  g_test_add ("/cw/endpoints-page/create-answer-lost", Fixture, NULL, cw_test_server_setup,
              test_page_create_answer_lost, cw_test_server_teardown);
  g_test_add ("/cw/endpoints-page/create-long-url", Fixture, NULL, cw_test_server_setup,
              test_page_create_long_url, cw_test_server_teardown);

  return g_test_run ();
}
