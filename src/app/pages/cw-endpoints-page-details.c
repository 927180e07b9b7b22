/* cw-endpoints-page-details.c
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

/* The Endpoints page's details pane: the selected endpoint's fields, where
 * its secret is, and its test outcomes put into words. */

#define G_LOG_DOMAIN "cw-endpoints-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-endpoints-page-private.h"

#include "cw-error-text.h"
#include "cw-machine-text.h"
#include "cw-time-format.h"

/* A keyring lookup for the endpoint then selected. */
typedef struct
{
  CwEndpointsPage *self;
  char            *webhook_id;
} SecretLookup;

static void
secret_lookup_free (SecretLookup *lookup)
{
  g_clear_pointer (&lookup->webhook_id, g_free);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecretLookup, secret_lookup_free)

/* What a test came to, in words (the mark and colour are added apart).
 * @brief: for a toast, without the technical detail. */
char *
_cw_endpoints_page_dup_outcome_text (CwTestOutcome *outcome,
                                     gboolean       brief)
{
  g_autofree char *message = NULL;

  if (outcome->error != NULL && brief)
    {
      message = cw_error_describe_short (outcome->error, outcome->retry_after);
      return g_strdup_printf (_("Could not send the test event. %s"), message);
    }
  if (outcome->error != NULL)
    {
      message = cw_error_describe (outcome->error, outcome->retry_after);
      return g_strdup_printf (_("Could not send: %s"), message);
    }
  if (outcome->delivered)
    return g_strdup_printf (_("Delivered — HTTP %d"), outcome->status);
  if (outcome->status > 0)
    return g_strdup_printf (_("Not accepted — the receiver answered HTTP %d%s%s"),
                            outcome->status,
                            outcome->detail ? ": " : "",
                            outcome->detail ? outcome->detail : "");
  return g_strdup_printf (_("Not delivered — %s"),
                          outcome->detail ? outcome->detail : _("the receiver did not answer"));
}

void
_cw_endpoints_page_update_test_results (CwEndpointsPage *self,
                                        ConvercWebhook  *webhook)
{
  GtkWidget *child;
  GPtrArray *outcomes;
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
            cw_endpoint_list_is_test_pending (self->list, converc_webhook_get_id (webhook));
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), pending);
  gtk_spinner_set_spinning (self->test_spinner, pending);
  gtk_label_set_text_with_mnemonic (self->test_label,
                                    pending ? _("Sending…") : _("Send _Test Event"));

  if (webhook == NULL)
    return;

  outcomes = cw_endpoint_list_get_outcomes (self->list, converc_webhook_get_id (webhook));
  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      CwTestOutcome *outcome = g_ptr_array_index (outcomes, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autoptr(GDateTime) local = g_date_time_to_local (outcome->when);
      g_autofree char *when = g_date_time_format (local, "%X");
      g_autofree char *text = _cw_endpoints_page_dup_outcome_text (outcome, FALSE);
      g_autofree char *title = g_strdup_printf ("%s %s", outcome->delivered ? "✓" : "✗", text);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, when);
      adw_action_row_set_title_lines (row, 0);
      gtk_widget_add_css_class (GTK_WIDGET (row), outcome->delivered ? "success" : "error");
      gtk_list_box_append (self->test_results_list, GTK_WIDGET (row));
    }
}

static void
cw_endpoints_page_lookup_secret_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(SecretLookup) lookup = user_data;
  CwEndpointsPage *self = lookup->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  ConvercWebhook *selected;
  gboolean demo;
  const char *text;

  secret = converc_secret_store_lookup_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  selected = _cw_endpoints_page_get_selected (self);
  if (selected == NULL || g_strcmp0 (converc_webhook_get_id (selected), lookup->webhook_id) != 0)
    return;

  if (error != NULL)
    {
      g_autofree char *message = cw_error_describe_short (error, -1);

      adw_action_row_set_subtitle (self->secret_row, message);
      return;
    }

  self->secret_state = secret != NULL ? CW_SECRET_STATE_STORED : CW_SECRET_STATE_MISSING;
  _cw_endpoints_page_update_secret_tools (self);

  demo = cw_endpoint_list_get_demo (self->list);
  if (secret != NULL && demo)
    text = _("Kept in memory for this demo run only");
  else if (secret != NULL)
    text = _("Stored in the keyring");
  else if (demo)
    text = _("Not known: this sample endpoint was not created in this run");
  else
    text = _("Not in the keyring: Converc shows a secret only once, when the endpoint "
             "is created, so an endpoint created elsewhere has its secret there");

  adw_action_row_set_subtitle (self->secret_row, text);
}

void
_cw_endpoints_page_update_details (CwEndpointsPage *self)
{
  ConvercWebhook *webhook;
  ConvercSecretStore *store;
  ConvercClient *client;
  SecretLookup *lookup;
  g_autofree char *events = NULL;
  g_autofree char *created = NULL;
  g_autofree char *changed = NULL;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  _cw_endpoints_page_update_actions (self);

  webhook = _cw_endpoints_page_get_selected (self);
  if (webhook == NULL)
    {
      gtk_stack_set_visible_child_name (self->details_stack, "none");
      /* The hidden details keep nothing of the endpoint they showed: a
       * screen reader may still read them, and after an account switch
       * that endpoint is another organisation's. */
      gtk_label_set_text (self->details_title, "");
      adw_action_row_set_subtitle (self->id_row, "");
      adw_action_row_set_subtitle (self->url_row, "");
      adw_action_row_set_subtitle (self->events_row, "");
      adw_action_row_set_subtitle (self->created_row, "");
      adw_action_row_set_subtitle (self->updated_row, "");
      _cw_endpoints_page_update_test_results (self, NULL);
      self->secret_state = CW_SECRET_STATE_UNKNOWN;
      _cw_endpoints_page_update_secret_tools (self);
      return;
    }

  events = converc_webhook_dup_events_label (webhook);
  created = cw_format_timestamp (converc_webhook_get_created_at (webhook));
  /* "Updated" only when it is not the creation time again. */
  changed = _cw_endpoints_page_dup_updated_text (webhook);

  _cw_endpoints_page_set_status_badge (self->details_status_label, webhook);
  /* Server text, of any length: bounded, never hyphenated. The copy
   * buttons copy the whole values. */
  cw_label_set_machine_text (self->details_title, converc_webhook_get_url (webhook), 100);
  cw_row_set_machine_subtitle (self->id_row, converc_webhook_get_id (webhook), 256);
  cw_row_set_machine_subtitle (self->url_row, converc_webhook_get_url (webhook), 200);
  adw_action_row_set_subtitle (self->events_row, events);
  adw_action_row_set_subtitle (self->created_row, created);
  gtk_widget_set_visible (GTK_WIDGET (self->updated_row), changed != NULL);
  if (changed != NULL)
    {
      g_autofree char *updated = cw_format_timestamp (converc_webhook_get_updated_at (webhook));

      adw_action_row_set_subtitle (self->updated_row, updated);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->disable_button),
                          converc_webhook_get_is_active (webhook));

  _cw_endpoints_page_update_test_results (self, webhook);
  gtk_stack_set_visible_child_name (self->details_stack, "details");

  /* Is the signing secret in the keyring? */
  g_cancellable_cancel (self->secret_cancellable);
  g_clear_object (&self->secret_cancellable);
  self->secret_state = CW_SECRET_STATE_UNKNOWN;
  _cw_endpoints_page_update_secret_tools (self);

  store = cw_endpoint_list_get_secret_store (self->list);
  client = cw_endpoint_list_get_client (self->list);
  if (store == NULL || client == NULL)
    {
      adw_action_row_set_subtitle (self->secret_row, _("Unknown: no keyring"));
      return;
    }

  adw_action_row_set_subtitle (self->secret_row, _("Looking in the keyring…"));
  self->secret_cancellable = g_cancellable_new ();
  lookup = g_new0 (SecretLookup, 1);
  lookup->self = self;
  lookup->webhook_id = g_strdup (converc_webhook_get_id (webhook));
  converc_secret_store_lookup_async (store,
                                     cw_endpoint_list_get_secret_scope (self->list),
                                     converc_webhook_get_id (webhook),
                                     self->secret_cancellable,
                                     cw_endpoints_page_lookup_secret_cb,
                                     lookup);
}
