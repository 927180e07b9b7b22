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

/* The Endpoints page's actions (endpoints.*): add, refresh, disable, send a
 * test event, copy; and the add-endpoint flow that keeps the new secret. */

#define G_LOG_DOMAIN "cw-endpoints-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-account-badge.h"
#include "cw-add-endpoint-dialog.h"
#include "cw-change-endpoint-dialog.h"
#include "cw-delivery-window.h"
#include "cw-endpoints-page-private.h"
#include "cw-error-text.h"
#include "cw-secret-dialog.h"
#include "cw-toast.h"

/* An endpoint just created, while its secret goes to the keyring. */
typedef struct
{
  CwEndpointsPage *self;
  ConvercWebhook  *webhook;
  char            *secret;
} NewEndpoint;

static void
new_endpoint_free (NewEndpoint *created)
{
  g_clear_object (&created->self);
  g_clear_object (&created->webhook);
  if (created->secret != NULL)
    memset (created->secret, 0, strlen (created->secret));
  g_clear_pointer (&created->secret, g_free);
  g_free (created);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NewEndpoint, new_endpoint_free)

static NewEndpoint *
new_endpoint_new (CwEndpointsPage *self,
                  ConvercWebhook  *webhook,
                  const char      *secret)
{
  NewEndpoint *created = g_new0 (NewEndpoint, 1);

  created->self = g_object_ref (self);
  created->webhook = g_object_ref (webhook);
  created->secret = g_strdup (secret);

  return created;
}

static void
cw_endpoints_page_present (CwEndpointsPage *self,
                           GtkWindow       *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (window, GTK_WINDOW (root));
  gtk_window_present (window);
}

/* An endpoint made in this run: into the list, shown and selected. */
static void
cw_endpoints_page_show_new (CwEndpointsPage *self,
                            ConvercWebhook  *webhook)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  cw_endpoint_list_add (self->list, webhook);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  _cw_endpoints_page_update_view (self);
  _cw_endpoints_page_select_id (self, converc_webhook_get_id (webhook));
}

/* The endpoint's URL inside one of the app's sentences: the server's
 * text, bounded and isolated from the words around it. */
static char *
shown_url (ConvercWebhook *webhook)
{
  return converc_display_text (converc_webhook_get_url (webhook), -1, 256,
                               CONVERC_DISPLAY_TEXT_ONE_LINE | CONVERC_DISPLAY_TEXT_IDENTITY |
                               CONVERC_DISPLAY_TEXT_ISOLATE);
}

static void
cw_endpoints_page_disable_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(CwEndpointsPage) self = user_data;
  CwEndpointList *list = CW_ENDPOINT_LIST (object);
  g_autoptr(GError) error = NULL;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  /* The page went away meanwhile (its list is cleared in dispose). */
  if (self->list == NULL)
    {
      cw_endpoint_list_disable_finish (list, result, NULL);
      return;
    }

  if (!cw_endpoint_list_disable_finish (list, result, &error))
    {
      g_autofree char *message = NULL;
      g_autofree char *toast = NULL;
      ConvercClient *client;

      if (cw_error_is_cancelled (error))
        return;

      client = cw_endpoint_list_get_client (list);
      message = cw_error_describe_short (error,
                                         client ? converc_client_get_retry_after (client) : -1);
      toast = g_strdup_printf (_("Could not disable the endpoint. %s"), message);
      cw_widget_add_toast (GTK_WIDGET (self), toast);
      _cw_endpoints_page_update_actions (self);
      return;
    }

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);
  _cw_endpoints_page_update_view (self);
  _cw_endpoints_page_update_details (self);
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
  g_autofree char *named = NULL;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));
  g_assert (CONVERC_IS_WEBHOOK (webhook));

  /* Which organisation, whatever the heading says. */
  if (self->account_label != NULL)
    named = g_strdup_printf (_("%s\n\nOrganisation: %s"), body, self->account_label);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, named != NULL ? named : body));
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
cw_endpoints_page_secret_stored_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(NewEndpoint) created = user_data;
  CwEndpointsPage *self = created->self;
  CwEndpointList *list = CW_ENDPOINT_LIST (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  CwSecretSaveStatus status;
  CwSecretDialog *dialog;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (!cw_endpoint_list_store_secret_finish (list, result, &error))
    {
      status = CW_SECRET_SAVE_FAILED;
      message = cw_error_describe (error, -1);
    }
  else
    status = cw_endpoint_list_get_demo (list) ? CW_SECRET_DEMO : CW_SECRET_SAVED;

  dialog = cw_secret_dialog_new (created->secret, converc_webhook_get_url (created->webhook),
                                 status, message);
  cw_endpoints_page_present (self, GTK_WINDOW (dialog));

  /* Only now does the endpoint's text (its URL, which the server chose)
   * reach the list and the details. */
  cw_endpoints_page_show_new (self, created->webhook);
}

static void
cw_endpoints_page_created_cb (CwEndpointsPage     *self,
                              ConvercWebhook      *webhook,
                              const char          *secret,
                              CwAddEndpointDialog *dialog)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));
  g_assert (CONVERC_IS_WEBHOOK (webhook));

  if (cw_endpoint_list_get_secret_store (self->list) == NULL)
    {
      CwSecretDialog *secret_dialog =
        cw_secret_dialog_new (secret, converc_webhook_get_url (webhook),
                              CW_SECRET_SAVE_FAILED, _("No keyring is available."));

      cw_endpoints_page_present (self, GTK_WINDOW (secret_dialog));
      cw_endpoints_page_show_new (self, webhook);
      return;
    }

  /* First keep the secret, then show it, then the endpoint: nothing that
   * lays out text the server sent (a URL of any length) may run before the
   * only copy of the secret is in the keyring. */
  cw_endpoint_list_store_secret_async (self->list, webhook, secret,
                                       cw_endpoints_page_secret_stored_cb,
                                       new_endpoint_new (self, webhook, secret));
}

/* A create failed, yet the server made the endpoint: show it, and say
 * plainly that its secret is gone, instead of inviting a duplicate. */
static void
cw_endpoints_page_orphaned_cb (CwEndpointsPage     *self,
                               ConvercWebhook      *webhook,
                               CwAddEndpointDialog *dialog)
{
  g_autofree char *body = NULL;
  g_autofree char *url = NULL;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));
  g_assert (CONVERC_IS_WEBHOOK (webhook));

  cw_endpoints_page_show_new (self, webhook);
  cw_endpoints_page_refresh (self);

  body = g_strdup_printf (_("The answer to the create request did not arrive, but Converc "
                            "made the endpoint %s for %s. Its signing secret was in that "
                            "answer and can never be fetched again, so its deliveries "
                            "cannot be verified. Disable it and add the endpoint again, "
                            "or keep it if you do not check signatures."),
                          converc_webhook_get_id (webhook),
                          url = shown_url (webhook));
  cw_endpoints_page_ask_disable (self, webhook, _("Endpoint Created, but Its Secret Was Lost"),
                                 body, _("_Keep It"), _("_Disable It"));
}

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
  g_autofree char *url = NULL;
  g_autofree char *heading = NULL;

  webhook = _cw_endpoints_page_get_selected (self);
  if (webhook == NULL || !converc_webhook_get_is_active (webhook))
    return;

  if (self->account_label != NULL)
    heading = g_strdup_printf (_("Disable Endpoint in %s?"), self->account_label);

  body = g_strdup_printf (_("Converc will stop sending events to %s. The endpoint "
                            "stays in the list as Disabled; it cannot be enabled "
                            "again from here."),
                          url = shown_url (webhook));
  cw_endpoints_page_ask_disable (self, webhook,
                                 heading != NULL ? heading : _("Disable Endpoint?"), body,
                                 _("_Cancel"), _("_Disable"));
}

static void
cw_endpoints_page_test_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  _cw_endpoints_page_send_test (CW_ENDPOINTS_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
cw_endpoints_page_test_selected_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);
  ConvercWebhook *webhook = _cw_endpoints_page_get_selected (self);

  if (webhook != NULL)
    _cw_endpoints_page_send_test (self, converc_webhook_get_id (webhook));
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

/* A change made the new endpoint or disabled the old one: the list's
 * filter and the details follow; when done, the new one is selected. */
static void
cw_endpoints_page_change_step_cb (CwEndpointsPage  *self,
                                  GParamSpec       *pspec,
                                  CwEndpointChange *change)
{
  CwEndpointChangeStep step = cw_endpoint_change_get_step (change);
  ConvercWebhook *made = cw_endpoint_change_get_new_webhook (change);

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (step != CW_ENDPOINT_CHANGE_CREATED && step != CW_ENDPOINT_CHANGE_DONE)
    return;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  _cw_endpoints_page_update_view (self);
  if (step == CW_ENDPOINT_CHANGE_DONE && made != NULL)
    _cw_endpoints_page_select_id (self, converc_webhook_get_id (made));
  _cw_endpoints_page_update_details (self);
}

static void
cw_endpoints_page_change_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);
  ConvercWebhook *webhook = _cw_endpoints_page_get_selected (self);
  g_autoptr(CwEndpointChange) change = NULL;
  CwChangeEndpointDialog *dialog;

  if (webhook == NULL || cw_endpoint_list_get_client (self->list) == NULL)
    return;

  change = cw_endpoint_change_new (self->list, webhook);
  g_signal_connect_object (change, "notify::step",
                           G_CALLBACK (cw_endpoints_page_change_step_cb),
                           self, G_CONNECT_SWAPPED);
  dialog = cw_change_endpoint_dialog_new (change);
  cw_change_endpoint_dialog_set_account_label (dialog, self->account_label);
  cw_endpoints_page_present (self, GTK_WINDOW (dialog));
}

/* Copy as curl: the request the app would make, with $CONVERC_API_KEY
 * where the key goes. */
static void
cw_endpoints_page_copy_curl_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);
  ConvercWebhook *webhook = _cw_endpoints_page_get_selected (self);
  ConvercClient *client = cw_endpoint_list_get_client (self->list);
  const char *which = g_variant_get_string (param, NULL);
  g_autofree char *command = NULL;
  const char *base_url;

  if (client == NULL)
    return;

  base_url = converc_client_get_base_url (client);
  if (g_str_equal (which, "list"))
    command = converc_curl_command_for_list (base_url);
  else if (webhook == NULL)
    return;
  else if (g_str_equal (which, "create"))
    command = converc_curl_command_for_create (base_url, converc_webhook_get_url (webhook),
                                               converc_webhook_get_events (webhook));
  else if (g_str_equal (which, "disable"))
    command = converc_curl_command_for_disable (base_url, converc_webhook_get_id (webhook));
  else if (g_str_equal (which, "test"))
    command = converc_curl_command_for_test (base_url, converc_webhook_get_id (webhook));
  else
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), command);
  cw_widget_add_toast (widget, _("curl command copied"));
}

/* The window signs and sends by itself (through libconverc): the page
 * only hands it the endpoint, the base URL and the keyring. */
static void
cw_endpoints_page_send_from_computer_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *param)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);
  ConvercWebhook *webhook = _cw_endpoints_page_get_selected (self);
  ConvercClient *client = cw_endpoint_list_get_client (self->list);
  CwDeliveryWindow *window;

  if (webhook == NULL || client == NULL)
    return;

  /* Secrets and outcomes belong to the account's scope. */
  window = cw_delivery_window_new (webhook, cw_endpoint_list_get_secret_scope (self->list),
                                   cw_endpoint_list_get_secret_store (self->list), NULL);
  cw_endpoints_page_present (self, GTK_WINDOW (window));
}

void
_cw_endpoints_page_class_actions_init (CwEndpointsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
  gtk_widget_class_install_action (widget_class, "endpoints.send-from-computer", NULL,
                                   cw_endpoints_page_send_from_computer_action);
  gtk_widget_class_install_action (widget_class, "endpoints.test", "s",
                                   cw_endpoints_page_test_action);
  gtk_widget_class_install_action (widget_class, "endpoints.test-selected", NULL,
                                   cw_endpoints_page_test_selected_action);
  gtk_widget_class_install_action (widget_class, "endpoints.copy-curl", "s",
                                   cw_endpoints_page_copy_curl_action);
  gtk_widget_class_install_action (widget_class, "endpoints.change", NULL,
                                   cw_endpoints_page_change_action);
}

/* Selects the endpoint and has a test event sent to it; the model says
 * when it started and what it came to. */
void
_cw_endpoints_page_send_test (CwEndpointsPage *self,
                              const char      *webhook_id)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (cw_endpoint_list_get_client (self->list) == NULL || webhook_id == NULL ||
      cw_endpoint_list_is_test_pending (self->list, webhook_id))
    return;

  _cw_endpoints_page_select_id (self, webhook_id);
  cw_endpoint_list_send_test (self->list, webhook_id);
}

void
_cw_endpoints_page_disable (CwEndpointsPage *self,
                            const char      *webhook_id)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (cw_endpoint_list_get_client (self->list) == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.disable", FALSE);
  cw_endpoint_list_disable_async (self->list, webhook_id,
                                  cw_endpoints_page_disable_cb, g_object_ref (self));
}

void
cw_endpoints_page_add_endpoint (CwEndpointsPage *self)
{
  CwAddEndpointDialog *dialog;

  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));

  if (cw_endpoint_list_get_client (self->list) == NULL)
    return;

  dialog = cw_add_endpoint_dialog_new (cw_endpoint_list_get_client (self->list));
  cw_add_endpoint_dialog_set_known_ids (dialog, cw_endpoint_list_get_webhooks (self->list));
  if (self->account_label != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Add Endpoint to %s"), self->account_label);

      /* The header shows where the endpoint is made. */
      gtk_window_set_title (GTK_WINDOW (dialog), title);
    }
  g_signal_connect_object (dialog, "created",
                           G_CALLBACK (cw_endpoints_page_created_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "orphaned",
                           G_CALLBACK (cw_endpoints_page_orphaned_cb),
                           self, G_CONNECT_SWAPPED);
  cw_endpoints_page_present (self, GTK_WINDOW (dialog));
}
