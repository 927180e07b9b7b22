/* test-change-endpoint-dialog.c
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

/* The one concern of this file: Change URL or Events from the Endpoints
 * page under Xvfb against the emulator — the happy path, a create that
 * fails and a disable that fails (issue 16, item 4). */

#define G_LOG_DOMAIN "test-change-endpoint-dialog"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "cw-change-endpoint-dialog-private.h"
#include "cw-endpoints-page-private.h"
#include "cw-renderer.h"
#include "cw-secret-dialog-private.h"
#include "cw-test-endpoints.h"
#include "cw-test-utils.h"

typedef struct
{
  CwTestServer            server;
  CwEndpointsPage        *page;
  GtkWindow              *window;
  CwChangeEndpointDialog *dialog;
  ConvercWebhook         *old;
  char                   *old_id;
  /* What the store held when the secret dialog appeared */
  char                   *stored_when_shown;
  gboolean                secret_shown;
} Fixture;

static gpointer
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* When the secret dialog first appears, is its secret in the store? */
static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Fixture    *f)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      ConvercWebhook *made;

      if (!CW_IS_SECRET_DIALOG (window) || f->secret_shown)
        continue;

      f->secret_shown = TRUE;
      made = cw_endpoint_change_get_new_webhook (f->dialog->change);
      g_assert_nonnull (made);
      f->stored_when_shown =
        converc_secret_store_lookup_sync (f->server.store,
                                          converc_client_get_base_url (f->server.client),
                                          converc_webhook_get_id (made), NULL);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cw_test_server_setup (&f->server, data);

  f->page = g_object_ref_sink (cw_endpoints_page_new ());
  cw_endpoints_page_set_client (f->page, f->server.client);
  cw_endpoints_page_set_secret_store (f->page, f->server.store);
  cw_endpoints_page_refresh (f->page);
  WAIT_FOR (!cw_endpoint_list_get_loading (f->page->list));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->page)));

  /* An endpoint with chosen events, to see them prefilled. */
  f->old = cw_test_find_webhook (cw_endpoint_list_get_webhooks (f->page->list),
                                 cw_test_webhook_is_active, NULL);
  g_assert_nonnull (f->old);
  g_object_ref (f->old);
  f->old_id = g_strdup (converc_webhook_get_id (f->old));
  g_assert_true (_cw_endpoints_page_select_id (f->page, f->old_id));

  g_signal_connect (gtk_window_get_toplevels (), "items-changed",
                    G_CALLBACK (toplevels_changed_cb), f);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "endpoints.change", NULL);
  WAIT_FOR ((f->dialog = find_window (CW_TYPE_CHANGE_ENDPOINT_DIALOG)) != NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *window;

  g_signal_handlers_disconnect_by_data (gtk_window_get_toplevels (), f);
  while ((window = find_window (CW_TYPE_SECRET_DIALOG)) != NULL)
    gtk_window_destroy (window);
  while ((window = find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (window);
  if (find_window (CW_TYPE_CHANGE_ENDPOINT_DIALOG) != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->page);
  g_clear_object (&f->old);
  g_clear_pointer (&f->old_id, g_free);
  g_clear_pointer (&f->stored_when_shown, g_free);
  cw_test_server_teardown (&f->server, data);
}

static CwEndpointChangeStep
step (Fixture *f)
{
  return cw_endpoint_change_get_step (f->dialog->change);
}

static gboolean
listed_active (Fixture    *f,
               const char *id)
{
  ConvercWebhook *webhook = cw_endpoint_list_lookup (f->page->list, id, NULL);

  g_assert_nonnull (webhook);
  return converc_webhook_get_is_active (webhook);
}

static void
click (GtkButton *button)
{
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static void
create_new (Fixture    *f,
            const char *url)
{
  gtk_editable_set_text (GTK_EDITABLE (f->dialog->form->url_row), url);
  click (f->dialog->primary_button);
  g_assert_cmpint (step (f), ==, CW_ENDPOINT_CHANGE_CREATING);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (f->dialog->primary_button)));
  WAIT_FOR (step (f) != CW_ENDPOINT_CHANGE_CREATING);
}

/* Asks to disable the old one and agrees in the confirmation, which names
 * both endpoints by URL and id. */
static void
confirm_disable (Fixture *f)
{
  ConvercWebhook *made = cw_endpoint_change_get_new_webhook (f->dialog->change);
  const char *body;

  /* The organisation is named, as the page's own confirmations do; its
   * label is shown as text, never markup. */
  cw_change_endpoint_dialog_set_account_label (f->dialog, "<b>Acme</b> — Production");
  click (f->dialog->primary_button);
  WAIT_FOR (f->dialog->confirm_dialog != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (f->dialog->confirm_dialog), ==,
                   "Disable the Old Endpoint in <b>Acme</b> — Production?");
  g_assert_false (adw_message_dialog_get_heading_use_markup (f->dialog->confirm_dialog));
  body = adw_message_dialog_get_body (f->dialog->confirm_dialog);
  g_assert_nonnull (strstr (body, converc_webhook_get_url (f->old)));
  g_assert_nonnull (strstr (body, f->old_id));
  g_assert_nonnull (strstr (body, converc_webhook_get_url (made)));
  g_assert_nonnull (strstr (body, converc_webhook_get_id (made)));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (f->dialog->confirm_dialog, "disable"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (f->dialog->confirm_dialog, "disable");
  gtk_window_destroy (GTK_WINDOW (f->dialog->confirm_dialog));
}

static void
test_happy_path (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(GStrv) events = cw_endpoint_form_dup_events (f->dialog->form);
  g_autofree char *url = cw_endpoint_form_dup_url (f->dialog->form);
  const char * const *old_events = converc_webhook_get_events (f->old);
  CwSecretDialog *secret_dialog;
  ConvercWebhook *made;
  const char *new_url = "https://hooks.example.com/moved-here";

  /* Prefilled with the old endpoint. */
  g_assert_cmpstr (url, ==, converc_webhook_get_url (f->old));
  if (old_events == NULL || old_events[0] == NULL)
    g_assert_null (events);
  else
    g_assert_true (g_strv_equal ((const char * const *) events, old_events));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->dialog->stack), ==, "form");

  create_new (f, new_url);
  g_assert_cmpint (step (f), ==, CW_ENDPOINT_CHANGE_CREATED);
  made = cw_endpoint_change_get_new_webhook (f->dialog->change);
  g_assert_cmpstr (converc_webhook_get_url (made), ==, new_url);

  /* The secret dialog shows the new secret, which was in the store before
   * the dialog appeared. */
  WAIT_FOR ((secret_dialog = find_window (CW_TYPE_SECRET_DIALOG)) != NULL);
  g_assert_true (f->secret_shown);
  g_assert_cmpstr (secret_dialog->secret, ==,
                   converc_emulator_get_secret (f->server.emulator, converc_webhook_get_id (made)));
  g_assert_cmpstr (f->stored_when_shown, ==, secret_dialog->secret);
  gtk_window_destroy (GTK_WINDOW (secret_dialog));

  /* Both active, both listed; the dialog shows both. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->dialog->stack), ==, "created");
  g_assert_true (listed_active (f, f->old_id));
  g_assert_true (listed_active (f, converc_webhook_get_id (made)));
  g_assert_cmpstr (adw_action_row_get_subtitle (f->dialog->old_id_row), ==, f->old_id);
  g_assert_cmpstr (adw_action_row_get_subtitle (f->dialog->new_id_row), ==,
                   converc_webhook_get_id (made));

  /* The optional test. */
  click (f->dialog->test_button);
  WAIT_FOR (g_str_has_prefix (gtk_label_get_text (f->dialog->test_result_label), "✓") ||
            g_str_has_prefix (gtk_label_get_text (f->dialog->test_result_label), "✗"));

  confirm_disable (f);
  WAIT_FOR (step (f) == CW_ENDPOINT_CHANGE_DONE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->dialog->stack), ==, "done");
  g_assert_false (listed_active (f, f->old_id));
  g_assert_true (listed_active (f, converc_webhook_get_id (made)));
  g_assert_cmpstr (converc_webhook_get_id (_cw_endpoints_page_get_selected (f->page)), ==,
                   converc_webhook_get_id (made));

  click (f->dialog->primary_button);
  WAIT_FOR (find_window (CW_TYPE_CHANGE_ENDPOINT_DIALOG) == NULL);
}

/* Converc refuses the create: nothing is disabled, the form keeps what was
 * typed and says why; no secret dialog. */
static void
test_create_fails (Fixture       *f,
                   gconstpointer  data)
{
  guint n_webhooks = converc_emulator_get_n_webhooks (f->server.emulator);
  const char *new_url = "https://hooks.example.com/refused";

  converc_emulator_set_forced_status (f->server.emulator, 422, NULL);
  create_new (f, new_url);
  converc_emulator_reset_knobs (f->server.emulator);

  g_assert_cmpint (step (f), ==, CW_ENDPOINT_CHANGE_EDITING);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->dialog->stack), ==, "form");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog->form->error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (f->dialog->form->error_label),
                            "the old one was left as it is"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->dialog->form->url_row)), ==, new_url);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (f->dialog->primary_button)));
  g_assert_null (find_window (CW_TYPE_SECRET_DIALOG));
  g_assert_false (f->secret_shown);
  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->server.emulator), ==, n_webhooks);
  g_assert_true (listed_active (f, f->old_id));
}

/* Converc refuses the disable: the dialog says plainly that both endpoints
 * are active, and the disable can be retried. */
static void
test_disable_fails (Fixture       *f,
                    gconstpointer  data)
{
  ConvercWebhook *made;
  const char *text;

  create_new (f, "https://hooks.example.com/both-active");
  g_assert_cmpint (step (f), ==, CW_ENDPOINT_CHANGE_CREATED);
  made = cw_endpoint_change_get_new_webhook (f->dialog->change);
  WAIT_FOR (find_window (CW_TYPE_SECRET_DIALOG) != NULL);
  gtk_window_destroy (find_window (CW_TYPE_SECRET_DIALOG));

  converc_emulator_set_forced_status (f->server.emulator, 503, NULL);
  confirm_disable (f);
  WAIT_FOR (step (f) == CW_ENDPOINT_CHANGE_DISABLE_FAILED);
  converc_emulator_reset_knobs (f->server.emulator);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog->disable_error_label)));
  text = gtk_label_get_text (f->dialog->disable_error_label);
  g_assert_nonnull (strstr (text, "both endpoints are now active"));
  g_assert_nonnull (strstr (gtk_label_get_text (f->dialog->state_label), "Both endpoints are now active"));
  g_assert_cmpstr (gtk_label_get_text (f->dialog->primary_label), ==, "Retry Disable");
  g_assert_true (listed_active (f, f->old_id));
  g_assert_true (listed_active (f, converc_webhook_get_id (made)));

  click (f->dialog->primary_button);
  WAIT_FOR (step (f) == CW_ENDPOINT_CHANGE_DONE);
  g_assert_false (listed_active (f, f->old_id));
}

/* The create's answer is lost after the server made the endpoint: the
 * dialog goes on with that one (no second create, no secret dialog), says
 * its secret was lost, and the old one can be disabled as usual. */
static void
test_create_answer_lost (Fixture       *f,
                         gconstpointer  data)
{
  guint n_webhooks = converc_emulator_get_n_webhooks (f->server.emulator);
  const char *new_url = "https://hooks.example.com/lost-answer";
  ConvercWebhook *made;

  converc_client_set_timeout (f->server.client, 1);
  converc_emulator_set_latency_once (f->server.emulator, 3000);
  create_new (f, new_url);
  converc_client_set_timeout (f->server.client, CONVERC_DEFAULT_TIMEOUT);

  g_assert_cmpint (step (f), ==, CW_ENDPOINT_CHANGE_CREATED);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->dialog->stack), ==, "created");
  g_assert_null (find_window (CW_TYPE_SECRET_DIALOG));
  g_assert_false (f->secret_shown);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog->disable_error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (f->dialog->disable_error_label), "lost"));
  made = cw_endpoint_change_get_new_webhook (f->dialog->change);
  g_assert_nonnull (made);
  g_assert_cmpstr (converc_webhook_get_url (made), ==, new_url);
  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->server.emulator), ==, n_webhooks + 1);
  g_assert_true (listed_active (f, converc_webhook_get_id (made)));

  confirm_disable (f);
  WAIT_FOR (step (f) == CW_ENDPOINT_CHANGE_DONE);
  g_assert_false (listed_active (f, f->old_id));
  g_assert_true (listed_active (f, converc_webhook_get_id (made)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cw_renderer_choose (gdk_display_get_default ());

  g_test_add ("/cw/change-endpoint-dialog/happy-path", Fixture, NULL,
              fixture_setup, test_happy_path, fixture_teardown);
  g_test_add ("/cw/change-endpoint-dialog/create-fails", Fixture, NULL,
              fixture_setup, test_create_fails, fixture_teardown);
  g_test_add ("/cw/change-endpoint-dialog/disable-fails", Fixture, NULL,
              fixture_setup, test_disable_fails, fixture_teardown);
  g_test_add ("/cw/change-endpoint-dialog/create-answer-lost", Fixture, NULL,
              fixture_setup, test_create_answer_lost, fixture_teardown);

  return g_test_run ();
}
