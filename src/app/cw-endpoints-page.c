/* cw-endpoints-page.c
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

#define G_LOG_DOMAIN "cw-endpoints-page"

/* Below this width the details go below the list. */
#define NARROW_WIDTH 760

#include "config.h"

#include <glib/gi18n.h>

#include "cw-add-endpoint-dialog.h"
#include "cw-endpoints-page-private.h"
#include "cw-secret-dialog.h"
#include "cw-util.h"

G_DEFINE_FINAL_TYPE (CwEndpointsPage, cw_endpoints_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SECRET_STORE,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COLUMN_STATUS,
  COLUMN_URL,
  COLUMN_EVENTS,
  COLUMN_CREATED,
  COLUMN_UPDATED,
  COLUMN_ACTIONS,
} Column;

/* State for one request about one endpoint. */
typedef struct
{
  CwEndpointsPage *self;
  char            *webhook_id;
} Request;

static void
request_free (Request *request)
{
  g_clear_pointer (&request->webhook_id, g_free);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Request *
request_new (CwEndpointsPage *self,
             const char      *webhook_id)
{
  Request *request = g_new0 (Request, 1);

  request->self = self;
  request->webhook_id = g_strdup (webhook_id);

  return request;
}

static void cw_endpoints_page_update_details (CwEndpointsPage *self);

static ConvercWebhook *
cw_endpoints_page_find (CwEndpointsPage *self,
                        const char      *webhook_id,
                        guint           *position)
{
  guint n;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (converc_webhook_get_id (webhook), webhook_id) == 0)
        {
          if (position != NULL)
            *position = i;
          return webhook;
        }
    }

  return NULL;
}

static void
cw_endpoints_page_set_status_badge (GtkLabel       *label,
                                    ConvercWebhook *webhook)
{
  gboolean active = converc_webhook_get_is_active (webhook);
  const char *text = active ? _("Active") : _("Disabled");

  /* A label's new text resizes the whole window: only when it changes. */
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), active ? "disabled" : "active");
  gtk_widget_add_css_class (GTK_WIDGET (label), active ? "active" : "disabled");
}

static void
cw_endpoints_page_update_view (CwEndpointsPage *self)
{
  const char *page;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (!self->loaded)
    page = self->loading || self->last_error == NULL ? "loading" : "error";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    page = "empty";
  else
    page = "list";

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->content_stack, page);

  if (self->last_error != NULL)
    {
      /* The description is markup; the error may quote the server. */
      g_autofree char *escaped = g_markup_escape_text (self->last_error, -1);

      adw_status_page_set_description (self->error_page, escaped);
    }

  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) > 0
                                      ? "list" : "no-results");
}

static void
cw_endpoints_page_update_actions (CwEndpointsPage *self)
{
  ConvercWebhook *webhook;
  gboolean has_client;
  gboolean pending = FALSE;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  webhook = _cw_endpoints_page_get_selected (self);
  has_client = self->client != NULL;
  if (webhook != NULL)
    pending = g_hash_table_contains (self->pending_tests, converc_webhook_get_id (webhook));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.add", has_client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.refresh", has_client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.disable",
                                 has_client && webhook != NULL &&
                                 converc_webhook_get_is_active (webhook));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.test-selected",
                                 has_client && webhook != NULL && !pending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.copy-id", webhook != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.copy-url", webhook != NULL);
}

static void
cw_endpoints_page_lookup_secret_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  CwEndpointsPage *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  ConvercWebhook *selected;
  const char *text;

  secret = converc_secret_store_lookup_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  selected = _cw_endpoints_page_get_selected (self);
  if (selected == NULL || g_strcmp0 (converc_webhook_get_id (selected), request->webhook_id) != 0)
    return;

  if (error != NULL)
    {
      g_autofree char *message = cw_error_describe_short (error, -1);

      adw_action_row_set_subtitle (self->secret_row, message);
      return;
    }

  if (secret != NULL && self->demo)
    text = _("Kept in memory for this demo run only");
  else if (secret != NULL)
    text = _("Stored in the keyring");
  else if (self->demo)
    text = _("Not known: this sample endpoint was not created in this run");
  else
    text = _("Not in the keyring: Converc shows a secret only once, when the endpoint "
             "is created, so an endpoint created elsewhere has its secret there");

  adw_action_row_set_subtitle (self->secret_row, text);
}

static void
cw_endpoints_page_update_test_results (CwEndpointsPage *self,
                                       ConvercWebhook  *webhook)
{
  GtkWidget *child;
  GPtrArray *results;
  gboolean pending;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->test_results_list))))
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (self->test_results_list, child);
      else
        break;
    }

  pending = webhook != NULL &&
            g_hash_table_contains (self->pending_tests, converc_webhook_get_id (webhook));
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), pending);
  gtk_spinner_set_spinning (self->test_spinner, pending);
  gtk_label_set_text_with_mnemonic (self->test_label,
                                    pending ? _("Sending…") : _("Send _Test Event"));

  if (webhook == NULL)
    return;

  results = g_hash_table_lookup (self->test_results, converc_webhook_get_id (webhook));
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      const char *line = g_ptr_array_index (results, i);
      const char *tab = strchr (line, '\t');
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (tab != NULL)
        {
          g_autofree char *when = g_strndup (line, tab - line);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tab + 1);
          adw_action_row_set_subtitle (row, when);
        }
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);

      adw_action_row_set_title_lines (row, 0);
      gtk_widget_add_css_class (GTK_WIDGET (row),
                                g_str_has_prefix (tab ? tab + 1 : line, "✓") ? "success" : "error");
      gtk_list_box_append (self->test_results_list, GTK_WIDGET (row));
    }
}

static void
cw_endpoints_page_update_details (CwEndpointsPage *self)
{
  ConvercWebhook *webhook;
  g_autofree char *events = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  cw_endpoints_page_update_actions (self);

  webhook = _cw_endpoints_page_get_selected (self);
  if (webhook == NULL)
    {
      gtk_stack_set_visible_child_name (self->details_stack, "none");
      cw_endpoints_page_update_test_results (self, NULL);
      return;
    }

  events = converc_webhook_dup_events_label (webhook);
  created = cw_format_timestamp (converc_webhook_get_created_at (webhook));
  updated = cw_format_timestamp (converc_webhook_get_updated_at (webhook));

  cw_endpoints_page_set_status_badge (self->details_status_label, webhook);
  gtk_label_set_text (self->details_title, converc_webhook_get_url (webhook));
  adw_action_row_set_subtitle (self->id_row, converc_webhook_get_id (webhook));
  adw_action_row_set_subtitle (self->url_row, converc_webhook_get_url (webhook));
  adw_action_row_set_subtitle (self->events_row, events);
  adw_action_row_set_subtitle (self->created_row, created);
  adw_action_row_set_subtitle (self->updated_row, updated);
  gtk_widget_set_visible (GTK_WIDGET (self->disable_button),
                          converc_webhook_get_is_active (webhook));

  cw_endpoints_page_update_test_results (self, webhook);
  gtk_stack_set_visible_child_name (self->details_stack, "details");

  /* Is the signing secret in the keyring? */
  g_cancellable_cancel (self->secret_cancellable);
  g_clear_object (&self->secret_cancellable);

  if (self->secret_store == NULL || self->client == NULL)
    {
      adw_action_row_set_subtitle (self->secret_row, _("Unknown: no keyring"));
      return;
    }

  adw_action_row_set_subtitle (self->secret_row, _("Looking in the keyring…"));
  self->secret_cancellable = g_cancellable_new ();
  converc_secret_store_lookup_async (self->secret_store,
                                     converc_client_get_base_url (self->client),
                                     converc_webhook_get_id (webhook),
                                     self->secret_cancellable,
                                     cw_endpoints_page_lookup_secret_cb,
                                     request_new (self, converc_webhook_get_id (webhook)));
}

static gboolean
cw_endpoints_page_filter_func (gpointer item,
                               gpointer user_data)
{
  CwEndpointsPage *self = user_data;
  ConvercWebhook *webhook = item;
  g_autofree char *needle = NULL;
  g_autofree char *events = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;
  const char *text;

  if (!gtk_toggle_button_get_active (self->show_disabled_button) &&
      !converc_webhook_get_is_active (webhook))
    return FALSE;

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (text == NULL || *text == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  events = converc_webhook_dup_events_label (webhook);
  haystack = g_strjoin ("\n",
                        converc_webhook_get_url (webhook),
                        converc_webhook_get_id (webhook),
                        events,
                        NULL);
  folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

/* CONVERC_BENCH=1 (build-aux/bench.sh): once the first list is on screen,
 * print when its frame was painted and quit, so start-up can be timed. */
static void
bench_after_paint_cb (GdkFrameClock *clock,
                      gpointer       data)
{
  g_print ("CONVERC_BENCH first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, data);
  g_application_quit (g_application_get_default ());
}

static void
bench_report_first_list (CwEndpointsPage *self)
{
  static gboolean reported;
  GdkFrameClock *clock;

  if (reported || g_strcmp0 (g_getenv ("CONVERC_BENCH"), "1") != 0)
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      /* Not on screen yet: try again when it is. */
      g_signal_connect (self, "map", G_CALLBACK (bench_report_first_list), NULL);
      return;
    }

  reported = TRUE;
  g_signal_handlers_disconnect_by_func (self, bench_report_first_list, NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cw_endpoints_page_list_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  CwEndpointsPage *self = user_data;
  ConvercClient *client = CONVERC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autofree char *selected_id = NULL;
  ConvercWebhook *selected;

  webhooks = converc_client_list_webhooks_finish (client, result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  self->loading = FALSE;

  if (webhooks == NULL)
    {
      g_autofree char *message = cw_error_describe (error, converc_client_get_retry_after (client));

      g_free (self->last_error);
      self->last_error = g_strdup (message);

      /* Keep the last good list: only say what went wrong. */
      if (self->loaded)
        {
          g_autofree char *brief = cw_error_describe_short (error, converc_client_get_retry_after (client));
          g_autofree char *toast = g_strdup_printf (_("Could not refresh endpoints. %s"), brief);
          cw_widget_add_toast (GTK_WIDGET (self), toast);
        }

      cw_endpoints_page_update_view (self);
      return;
    }

  g_clear_pointer (&self->last_error, g_free);

  selected = _cw_endpoints_page_get_selected (self);
  if (selected != NULL)
    selected_id = g_strdup (converc_webhook_get_id (selected));

  g_list_store_splice (self->store,
                       0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       webhooks->pdata,
                       webhooks->len);
  self->loaded = TRUE;

  if (selected_id == NULL || !_cw_endpoints_page_select_id (self, selected_id))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  cw_endpoints_page_update_view (self);
  cw_endpoints_page_update_details (self);
  bench_report_first_list (self);
}

static void
cw_endpoints_page_disable_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  CwEndpointsPage *self = request->self;
  ConvercClient *client = CONVERC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  ConvercWebhook *webhook;

  converc_client_disable_webhook_finish (client, result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (error != NULL)
    {
      g_autofree char *message = cw_error_describe_short (error, converc_client_get_retry_after (client));
      g_autofree char *toast = g_strdup_printf (_("Could not disable the endpoint. %s"), message);

      cw_widget_add_toast (GTK_WIDGET (self), toast);
      cw_endpoints_page_update_actions (self);
      return;
    }

  webhook = cw_endpoints_page_find (self, request->webhook_id, NULL);
  if (webhook != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format_iso8601 (now);

      converc_webhook_set_is_active (webhook, FALSE);
      converc_webhook_set_updated_at (webhook, stamp);
    }

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);
  cw_endpoints_page_update_view (self);
  cw_endpoints_page_update_details (self);
  cw_widget_add_toast (GTK_WIDGET (self), _("Endpoint disabled. Converc no longer sends it events."));
}

static void
cw_endpoints_page_disable_response_cb (CwEndpointsPage  *self,
                                       const char       *response,
                                       AdwMessageDialog *dialog)
{
  const char *webhook_id;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  webhook_id = g_object_get_data (G_OBJECT (dialog), "webhook-id");
  if (g_strcmp0 (response, "disable") == 0 && webhook_id != NULL)
    _cw_endpoints_page_disable (self, webhook_id);
}

/* Asks whether to disable @webhook, with @body (a format taking the
 * endpoint's id and URL, in that order; either may be skipped with %2$s).
 * Leaving it as it is, @keep_label, is the default and what closing does. */
static void
cw_endpoints_page_ask_disable (CwEndpointsPage *self,
                               ConvercWebhook  *webhook,
                               const char      *heading,
                               const char      *body,
                               const char      *keep_label,
                               const char      *disable_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));
  g_assert (CONVERC_IS_WEBHOOK (webhook));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "keep", keep_label,
                                    "disable", disable_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "disable", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), "webhook-id",
                          g_strdup (converc_webhook_get_id (webhook)), g_free);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (cw_endpoints_page_disable_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cw_endpoints_page_test_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  CwEndpointsPage *self = request->self;
  ConvercClient *client = CONVERC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercTestResult) test = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *toast = NULL;
  ConvercWebhook *webhook;
  ConvercWebhook *selected;
  GPtrArray *results;

  test = converc_client_test_webhook_finish (client, result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  g_hash_table_remove (self->pending_tests, request->webhook_id);

  if (test == NULL)
    {
      g_autofree char *message = cw_error_describe (error, converc_client_get_retry_after (client));
      g_autofree char *brief = cw_error_describe_short (error, converc_client_get_retry_after (client));

      outcome = g_strdup_printf (_("✗ Could not send: %s"), message);
      toast = g_strdup_printf (_("Could not send the test event. %s"), brief);
    }
  else if (test->status >= 200 && test->status < 300)
    outcome = g_strdup_printf (_("✓ Delivered — HTTP %d"), test->status);
  else if (test->status > 0)
    outcome = g_strdup_printf (_("✗ Not accepted — the receiver answered HTTP %d%s%s"),
                               test->status,
                               test->error ? ": " : "",
                               test->error ? test->error : "");
  else
    outcome = g_strdup_printf (_("✗ Not delivered — %s"),
                               test->error ? test->error : _("the receiver did not answer"));

  now = g_date_time_new_now_local ();
  when = g_date_time_format (now, "%X");

  results = g_hash_table_lookup (self->test_results, request->webhook_id);
  if (results == NULL)
    {
      results = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->test_results, g_strdup (request->webhook_id), results);
    }
  g_ptr_array_insert (results, 0, g_strdup_printf ("%s\t%s", when, outcome));

  webhook = cw_endpoints_page_find (self, request->webhook_id, NULL);
  /* The ✓/✗ mark is for the list; the toast reads better without it. */
  if (toast == NULL)
    toast = g_strdup_printf (_("Test event to %s: %s"),
                             webhook ? converc_webhook_get_url (webhook) : request->webhook_id,
                             g_utf8_next_char (outcome) + 1);
  cw_widget_add_toast (GTK_WIDGET (self), toast);

  selected = _cw_endpoints_page_get_selected (self);
  if (selected != NULL && g_strcmp0 (converc_webhook_get_id (selected), request->webhook_id) == 0)
    cw_endpoints_page_update_test_results (self, selected);
  cw_endpoints_page_update_actions (self);
}

static void
cw_endpoints_page_send_test (CwEndpointsPage *self,
                             const char      *webhook_id)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (self->client == NULL || webhook_id == NULL)
    return;

  if (g_hash_table_contains (self->pending_tests, webhook_id))
    return;

  g_hash_table_add (self->pending_tests, g_strdup (webhook_id));
  _cw_endpoints_page_select_id (self, webhook_id);
  cw_endpoints_page_update_details (self);

  converc_client_test_webhook_async (self->client,
                                     webhook_id,
                                     self->cancellable,
                                     cw_endpoints_page_test_cb,
                                     request_new (self, webhook_id));
}

static void
cw_endpoints_page_secret_stored_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwEndpointsPage *self = g_task_get_source_object (task);
  ConvercWebhook *webhook = g_task_get_task_data (task);
  const char *secret = g_object_get_data (G_OBJECT (task), "secret");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  CwSecretSaveStatus status;
  CwSecretDialog *dialog;
  GtkRoot *root;

  if (!converc_secret_store_store_finish (CONVERC_SECRET_STORE (object), result, &error))
    {
      status = CW_SECRET_SAVE_FAILED;
      message = cw_error_describe (error, -1);
    }
  else
    {
      status = self->demo ? CW_SECRET_DEMO : CW_SECRET_SAVED;
      if (self->created_here != NULL)
        g_hash_table_add (self->created_here, g_strdup (converc_webhook_get_id (webhook)));
    }

  dialog = cw_secret_dialog_new (secret, converc_webhook_get_url (webhook), status, message);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));

  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    cw_endpoints_page_update_details (self);
}

static void
cw_endpoints_page_created_cb (CwEndpointsPage     *self,
                              ConvercWebhook      *webhook,
                              const char          *secret,
                              CwAddEndpointDialog *dialog)
{
  g_autoptr(GTask) task = NULL;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));
  g_assert (CONVERC_IS_WEBHOOK (webhook));

  if (cw_endpoints_page_find (self, converc_webhook_get_id (webhook), NULL) == NULL)
    g_list_store_append (self->store, webhook);
  self->loaded = TRUE;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  cw_endpoints_page_update_view (self);
  _cw_endpoints_page_select_id (self, converc_webhook_get_id (webhook));

  /* First keep the secret, then show it. The store call is never cancelled:
   * losing the only copy of a secret is worse than a late callback. */
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (webhook), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "secret", g_strdup (secret), g_free);

  if (self->secret_store == NULL)
    {
      CwSecretDialog *secret_dialog =
        cw_secret_dialog_new (secret, converc_webhook_get_url (webhook),
                              CW_SECRET_SAVE_FAILED, _("No keyring is available."));
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (secret_dialog), GTK_WINDOW (root));
      gtk_window_present (GTK_WINDOW (secret_dialog));
      return;
    }

  converc_secret_store_store_async (self->secret_store,
                                    converc_client_get_base_url (self->client),
                                    converc_webhook_get_id (webhook),
                                    secret,
                                    NULL,
                                    cw_endpoints_page_secret_stored_cb,
                                    g_steal_pointer (&task));
}

/* A create failed, yet the server made the endpoint: show it, and say
 * plainly that its secret is gone, instead of inviting a duplicate. */
static void
cw_endpoints_page_orphaned_cb (CwEndpointsPage     *self,
                               ConvercWebhook      *webhook,
                               CwAddEndpointDialog *dialog)
{
  g_autofree char *body = NULL;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));
  g_assert (CONVERC_IS_WEBHOOK (webhook));

  if (cw_endpoints_page_find (self, converc_webhook_get_id (webhook), NULL) == NULL)
    g_list_store_append (self->store, webhook);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  cw_endpoints_page_update_view (self);
  _cw_endpoints_page_select_id (self, converc_webhook_get_id (webhook));
  cw_endpoints_page_refresh (self);

  body = g_strdup_printf (_("The answer to the create request did not arrive, but Converc "
                            "made the endpoint %s for %s. Its signing secret was in that "
                            "answer and can never be fetched again, so its deliveries "
                            "cannot be verified. Disable it and add the endpoint again, "
                            "or keep it if you do not check signatures."),
                          converc_webhook_get_id (webhook),
                          converc_webhook_get_url (webhook));
  cw_endpoints_page_ask_disable (self, webhook, _("Endpoint Created, but Its Secret Was Lost"),
                                 body, _("_Keep It"), _("_Disable It"));
}

static void
search_changed_cb (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  cw_endpoints_page_update_view (self);
}

static void
show_disabled_toggled_cb (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  gtk_filter_changed (GTK_FILTER (self->filter),
                      gtk_toggle_button_get_active (self->show_disabled_button)
                        ? GTK_FILTER_CHANGE_LESS_STRICT
                        : GTK_FILTER_CHANGE_MORE_STRICT);
  cw_endpoints_page_update_view (self);
}

static void
column_view_activate_cb (CwEndpointsPage *self,
                         guint            position,
                         GtkColumnView   *column_view)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/* Cells */

static void
cell_notify_cb (GtkListItem *list_item,
                GParamSpec  *pspec,
                gpointer     item);

static void
cell_update (GtkListItem *list_item)
{
  ConvercWebhook *webhook = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "cw-column"));
  g_autofree char *text = NULL;

  if (webhook == NULL || child == NULL)
    return;

  switch (column)
    {
    case COLUMN_STATUS:
      cw_endpoints_page_set_status_badge (GTK_LABEL (child), webhook);
      return;

    case COLUMN_URL:
      text = g_strdup (converc_webhook_get_url (webhook));
      break;

    case COLUMN_EVENTS:
      text = converc_webhook_dup_events_label (webhook);
      break;

    case COLUMN_CREATED:
      text = cw_format_timestamp_short (converc_webhook_get_created_at (webhook));
      break;

    case COLUMN_UPDATED:
      text = cw_format_timestamp_short (converc_webhook_get_updated_at (webhook));
      break;

    case COLUMN_ACTIONS:
      {
        g_autofree char *label = g_strdup_printf (_("Send Test Event to %s"),
                                                  converc_webhook_get_url (webhook));

        gtk_actionable_set_action_target (GTK_ACTIONABLE (child), "s",
                                          converc_webhook_get_id (webhook));
        gtk_actionable_set_action_name (GTK_ACTIONABLE (child), "endpoints.test");
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
      }
      return;

    default:
      g_assert_not_reached ();
    }

  cw_cell_set_text (child, text);
}

/* Tooltips are computed when asked for: gtk_widget_set_tooltip_text() in
 * bind asks the X server where the pointer is, for every cell bound, which
 * made scrolling 5,000 endpoints take ~60 ms a frame. */
static gboolean
cell_query_tooltip_cb (GtkWidget  *child,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text;

  if (GTK_IS_BUTTON (child))
    text = _("Send Test Event");
  else
    text = gtk_inscription_get_text (GTK_INSCRIPTION (child));

  if (text == NULL || text[0] == '\0')
    return FALSE;

  /* Server text: plain text, never markup. */
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
cell_notify_cb (GtkListItem *list_item,
                GParamSpec  *pspec,
                gpointer     item)
{
  cell_update (list_item);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child;

  g_object_set_data (G_OBJECT (list_item), "cw-column", GINT_TO_POINTER (column));

  if (column == COLUMN_ACTIONS)
    {
      child = gtk_button_new_from_icon_name ("mail-send-symbolic");
      gtk_widget_add_css_class (child, "flat");
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
    }
  else if (column == COLUMN_STATUS)
    {
      child = gtk_label_new (NULL);
      gtk_widget_add_css_class (child, "status-badge");
      gtk_label_set_xalign (GTK_LABEL (child), 0.5);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
    }
  else
    {
      if (column == COLUMN_URL)
        child = cw_cell_new (10, 24, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE);
      else if (column == COLUMN_EVENTS)
        child = cw_cell_new (8, 14, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      else
        {
          /* Dates: "2026-11-27 14:03" (cw_format_timestamp_short()). The
           * width of a character here is Pango's average, wider than a
           * digit: 15 hold the 16 characters with some to spare. A date the
           * app cannot read is shown as it came, ellipsized, whole in its
           * tooltip. */
          child = cw_cell_new (15, 15, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
          gtk_widget_add_css_class (child, "numeric");
        }
    }

  if (column != COLUMN_STATUS)
    {
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect (child, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
    }

  gtk_list_item_set_child (list_item, child);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  ConvercWebhook *webhook = gtk_list_item_get_item (list_item);
  gulong handler;

  cell_update (list_item);

  handler = g_signal_connect_object (webhook, "notify",
                                     G_CALLBACK (cell_notify_cb), list_item,
                                     G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (list_item), "cw-notify", GSIZE_TO_POINTER (handler));
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  ConvercWebhook *webhook = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "cw-notify"));

  if (webhook != NULL && handler != 0)
    g_signal_handler_disconnect (webhook, handler);
  g_object_set_data (G_OBJECT (list_item), "cw-notify", NULL);
}

static void
cw_endpoints_page_setup_column (GtkColumnViewColumn *column,
                                Column               kind,
                                GtkSorter           *sorter)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), GINT_TO_POINTER (kind));
  gtk_column_view_column_set_factory (column, factory);

  if (sorter != NULL)
    {
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
    }
}

static GtkSorter *
string_sorter_for (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (CONVERC_TYPE_WEBHOOK,
                                                                         NULL, property)));
}

/* Actions */

static void
cw_endpoints_page_add_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  cw_endpoints_page_add_endpoint (CW_ENDPOINTS_PAGE (widget));
}

static void
cw_endpoints_page_refresh_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  cw_endpoints_page_refresh (CW_ENDPOINTS_PAGE (widget));
}

static void
cw_endpoints_page_disable_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);
  ConvercWebhook *webhook;
  g_autofree char *body = NULL;

  webhook = _cw_endpoints_page_get_selected (self);
  if (webhook == NULL || !converc_webhook_get_is_active (webhook))
    return;

  body = g_strdup_printf (_("Converc will stop sending events to %s. The endpoint "
                            "stays in the list as Disabled; it cannot be enabled "
                            "again from here."),
                          converc_webhook_get_url (webhook));
  cw_endpoints_page_ask_disable (self, webhook, _("Disable Endpoint?"), body,
                                 _("_Cancel"), _("_Disable"));
}

static void
cw_endpoints_page_test_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  cw_endpoints_page_send_test (CW_ENDPOINTS_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
cw_endpoints_page_test_selected_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);
  ConvercWebhook *webhook = _cw_endpoints_page_get_selected (self);

  if (webhook != NULL)
    cw_endpoints_page_send_test (self, converc_webhook_get_id (webhook));
}

static void
cw_endpoints_page_copy_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);
  ConvercWebhook *webhook = _cw_endpoints_page_get_selected (self);
  gboolean is_id = g_str_equal (action_name, "endpoints.copy-id");

  if (webhook == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          is_id ? converc_webhook_get_id (webhook)
                                : converc_webhook_get_url (webhook));
  cw_widget_add_toast (widget, is_id ? _("ID copied") : _("URL copied"));
}

/* GObject */

static void
cw_endpoints_page_selection_changed_cb (CwEndpointsPage *self)
{
  cw_endpoints_page_update_details (self);
}

static void
cw_endpoints_page_items_changed_cb (CwEndpointsPage *self)
{
  cw_endpoints_page_update_view (self);
}

static gboolean
cw_endpoints_page_grab_focus (GtkWidget *widget)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "list") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));

  return GTK_WIDGET_CLASS (cw_endpoints_page_parent_class)->grab_focus (widget);
}

/* The details go below the list when the page is narrow (cw-util.c). */
static void
cw_endpoints_page_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);

  cw_adaptive_paned_measure (adw_bin_get_child (ADW_BIN (widget)), self->paned,
                             orientation, for_size, minimum, natural,
                             minimum_baseline, natural_baseline);
}

static void
cw_endpoints_page_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);

  cw_adaptive_paned_allocate (adw_bin_get_child (ADW_BIN (widget)), self->paned,
                              NARROW_WIDTH, width, height, baseline);
}

static void
cw_endpoints_page_dispose (GObject *object)
{
  CwEndpointsPage *self = (CwEndpointsPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->secret_cancellable);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_model, self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->secret_cancellable);

  /* AdwBin owns the template's root: let it go first, then clear the
   * pointers bound to its children. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_ENDPOINTS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->secret_store);
  g_clear_pointer (&self->test_results, g_hash_table_unref);
  g_clear_pointer (&self->pending_tests, g_hash_table_unref);
  g_clear_pointer (&self->created_here, g_hash_table_unref);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (cw_endpoints_page_parent_class)->dispose (object);
}

static void
cw_endpoints_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SECRET_STORE:
      g_value_set_object (value, self->secret_store);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_endpoints_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      cw_endpoints_page_set_client (self, g_value_get_object (value));
      break;

    case PROP_SECRET_STORE:
      cw_endpoints_page_set_secret_store (self, g_value_get_object (value));
      break;

    case PROP_DEMO:
      cw_endpoints_page_set_demo (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_endpoints_page_class_init (CwEndpointsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_endpoints_page_dispose;
  object_class->get_property = cw_endpoints_page_get_property;
  object_class->set_property = cw_endpoints_page_set_property;

  widget_class->grab_focus = cw_endpoints_page_grab_focus;
  widget_class->measure = cw_endpoints_page_measure;
  widget_class->size_allocate = cw_endpoints_page_size_allocate;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CONVERC_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECRET_STORE] =
    g_param_spec_object ("secret-store", NULL, NULL, CONVERC_TYPE_SECRET_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-endpoints-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, actions_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, created_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, created_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, details_status_label);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, details_title);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, disable_button);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, events_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, events_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, id_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, show_disabled_button);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, test_label);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, test_results_list);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, updated_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, updated_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, url_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, url_row);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_disabled_toggled_cb);

  gtk_widget_class_install_action (widget_class, "endpoints.add", NULL,
                                   cw_endpoints_page_add_action);
  gtk_widget_class_install_action (widget_class, "endpoints.copy-id", NULL,
                                   cw_endpoints_page_copy_action);
  gtk_widget_class_install_action (widget_class, "endpoints.copy-url", NULL,
                                   cw_endpoints_page_copy_action);
  gtk_widget_class_install_action (widget_class, "endpoints.disable", NULL,
                                   cw_endpoints_page_disable_action);
  gtk_widget_class_install_action (widget_class, "endpoints.refresh", NULL,
                                   cw_endpoints_page_refresh_action);
  gtk_widget_class_install_action (widget_class, "endpoints.test", "s",
                                   cw_endpoints_page_test_action);
  gtk_widget_class_install_action (widget_class, "endpoints.test-selected", NULL,
                                   cw_endpoints_page_test_selected_action);

  gtk_widget_class_set_css_name (widget_class, "endpointspage");
}

static void
cw_endpoints_page_init (CwEndpointsPage *self)
{
  GtkSorter *sorter;

  /* The page lays out its child itself (measure, size_allocate). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->cancellable = g_cancellable_new ();
  self->test_results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  self->pending_tests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->created_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (CONVERC_TYPE_WEBHOOK);
  self->filter = gtk_custom_filter_new (cw_endpoints_page_filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                                  g_object_ref (GTK_FILTER (self->filter)));

  cw_endpoints_page_setup_column (self->status_column, COLUMN_STATUS,
                                  GTK_SORTER (gtk_numeric_sorter_new (
                                    gtk_property_expression_new (CONVERC_TYPE_WEBHOOK, NULL,
                                                                 "is-active"))));
  cw_endpoints_page_setup_column (self->url_column, COLUMN_URL, string_sorter_for ("url"));
  cw_endpoints_page_setup_column (self->events_column, COLUMN_EVENTS, NULL);
  cw_endpoints_page_setup_column (self->created_column, COLUMN_CREATED,
                                  string_sorter_for ("created-at"));
  cw_endpoints_page_setup_column (self->updated_column, COLUMN_UPDATED,
                                  string_sorter_for ("updated-at"));
  cw_endpoints_page_setup_column (self->actions_column, COLUMN_ACTIONS, NULL);

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->created_column, GTK_SORT_DESCENDING);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (cw_endpoints_page_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (cw_endpoints_page_items_changed_cb),
                           self, G_CONNECT_SWAPPED);

  cw_endpoints_page_update_view (self);
  cw_endpoints_page_update_details (self);
}

CwEndpointsPage *
cw_endpoints_page_new (void)
{
  return g_object_new (CW_TYPE_ENDPOINTS_PAGE, NULL);
}

void
cw_endpoints_page_set_client (CwEndpointsPage *self,
                              ConvercClient   *client)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));
  g_return_if_fail (!client || CONVERC_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    {
      cw_endpoints_page_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
    }
}

void
cw_endpoints_page_set_secret_store (CwEndpointsPage    *self,
                                    ConvercSecretStore *store)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));
  g_return_if_fail (!store || CONVERC_IS_SECRET_STORE (store));

  if (g_set_object (&self->secret_store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRET_STORE]);
}

void
cw_endpoints_page_set_demo (CwEndpointsPage *self,
                            gboolean         demo)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));

  demo = !!demo;
  if (self->demo != demo)
    {
      self->demo = demo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
    }
}

/**
 * cw_endpoints_page_refresh:
 *
 * Fetches the endpoint list again. The list keeps its contents until an
 * answer arrives; a failure after a first success only shows a toast.
 */
void
cw_endpoints_page_refresh (CwEndpointsPage *self)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));

  if (self->client == NULL || self->loading)
    return;

  self->loading = TRUE;
  cw_endpoints_page_update_view (self);

  converc_client_list_webhooks_async (self->client,
                                      self->cancellable,
                                      cw_endpoints_page_list_cb,
                                      self);
}

/**
 * cw_endpoints_page_clear:
 *
 * Forgets the list and cancels requests in flight (another account or
 * server is about to be used).
 */
void
cw_endpoints_page_clear (CwEndpointsPage *self)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_list_store_remove_all (self->store);
  g_hash_table_remove_all (self->pending_tests);
  g_hash_table_remove_all (self->test_results);
  g_clear_pointer (&self->last_error, g_free);
  self->loaded = FALSE;
  self->loading = FALSE;

  cw_endpoints_page_update_view (self);
  cw_endpoints_page_update_details (self);
}

void
cw_endpoints_page_add_endpoint (CwEndpointsPage *self)
{
  CwAddEndpointDialog *dialog;
  GtkRoot *root;

  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));

  if (self->client == NULL)
    return;

  dialog = cw_add_endpoint_dialog_new (self->client);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  cw_add_endpoint_dialog_set_known_ids (dialog, G_LIST_MODEL (self->store));
  g_signal_connect_object (dialog, "created",
                           G_CALLBACK (cw_endpoints_page_created_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "orphaned",
                           G_CALLBACK (cw_endpoints_page_orphaned_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * cw_endpoints_page_get_model:
 *
 * Returns: (transfer none): the endpoints as shown: filtered and sorted
 */
GListModel *
cw_endpoints_page_get_model (CwEndpointsPage *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

ConvercWebhook *
_cw_endpoints_page_get_selected (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (self->selection == NULL)
    return NULL;

  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
_cw_endpoints_page_select_id (CwEndpointsPage *self,
                              const char      *webhook_id)
{
  guint n;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (g_strcmp0 (converc_webhook_get_id (webhook), webhook_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

void
_cw_endpoints_page_disable (CwEndpointsPage *self,
                            const char      *webhook_id)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (self->client == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.disable", FALSE);
  converc_client_disable_webhook_async (self->client,
                                        webhook_id,
                                        self->cancellable,
                                        cw_endpoints_page_disable_cb,
                                        request_new (self, webhook_id));
}
