/* cw-endpoints-page-secret.c
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

/* The one concern of this file: the selected endpoint's signing secret in
 * the details — Copy Secret, Show/Hide, and Add Its Secret… for one made
 * elsewhere. The model reads and writes the keyring; nothing is logged. */

#define G_LOG_DOMAIN "cw-endpoints-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-endpoints-page-private.h"

#include "cw-error-text.h"
#include "cw-machine-text.h"
#include "cw-toast.h"

typedef enum
{
  SECRET_COPY,
  SECRET_SHOW,
} SecretUse;

/* A lookup for Copy or Show, for the endpoint then selected. */
typedef struct
{
  CwEndpointsPage *self;
  char            *webhook_id;
  SecretUse        use;
} SecretRequest;

static void
secret_request_free (SecretRequest *request)
{
  g_clear_object (&request->self);
  g_clear_pointer (&request->webhook_id, g_free);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecretRequest, secret_request_free)

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
cw_endpoints_page_secret_found_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(SecretRequest) request = user_data;
  CwEndpointsPage *self = request->self;
  g_autoptr(GError) error = NULL;
  ConvercWebhook *selected;
  char *secret;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  secret = cw_endpoint_list_lookup_secret_finish (CW_ENDPOINT_LIST (object), result, &error);
  if (cw_error_is_cancelled (error) || self->list == NULL)
    {
      wipe_free (secret);
      return;
    }

  if (error != NULL || secret == NULL)
    {
      g_autofree char *message = NULL;
      g_autofree char *toast = NULL;

      message = error ? cw_error_describe_short (error, -1)
                      : g_strdup (_("It is not in the keyring."));
      toast = g_strdup_printf (_("Could not read the secret. %s"), message);
      cw_widget_add_toast (GTK_WIDGET (self), toast);
      return;
    }

  if (request->use == SECRET_COPY)
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), secret);
      cw_widget_add_toast (GTK_WIDGET (self), _("Secret copied"));
    }
  else
    {
      /* Still the endpoint the user asked about? */
      selected = _cw_endpoints_page_get_selected (self);
      if (selected != NULL &&
          g_strcmp0 (converc_webhook_get_id (selected), request->webhook_id) == 0)
        {
          g_free (self->secret_shown_id);
          self->secret_shown_id = g_strdup (request->webhook_id);
          cw_row_set_machine_subtitle (self->secret_value_row, secret, 1024);
          _cw_endpoints_page_update_secret_tools (self);
        }
    }

  wipe_free (secret);
}

static void
cw_endpoints_page_request_secret (CwEndpointsPage *self,
                                  SecretUse        use)
{
  ConvercWebhook *webhook;
  SecretRequest *request;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  webhook = _cw_endpoints_page_get_selected (self);
  if (webhook == NULL)
    return;

  request = g_new0 (SecretRequest, 1);
  request->self = g_object_ref (self);
  request->webhook_id = g_strdup (converc_webhook_get_id (webhook));
  request->use = use;
  cw_endpoint_list_lookup_secret_async (self->list, request->webhook_id, NULL,
                                        cw_endpoints_page_secret_found_cb, request);
}

static void
cw_endpoints_page_copy_secret_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  cw_endpoints_page_request_secret (CW_ENDPOINTS_PAGE (widget), SECRET_COPY);
}

static void
cw_endpoints_page_show_secret_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);

  if (self->secret_shown_id != NULL)
    _cw_endpoints_page_hide_secret (self);
  else
    cw_endpoints_page_request_secret (self, SECRET_SHOW);
}

static void
cw_endpoints_page_secret_added_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(CwEndpointsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (!cw_endpoint_list_add_secret_finish (CW_ENDPOINT_LIST (object), result, &error))
    {
      g_autofree char *message = cw_error_describe_short (error, -1);
      g_autofree char *toast = g_strdup_printf (_("Could not store the secret. %s"), message);

      if (self->list != NULL)
        cw_widget_add_toast (GTK_WIDGET (self), toast);
      return;
    }

  if (self->list == NULL)
    return;

  cw_widget_add_toast (GTK_WIDGET (self), _("Secret stored in the keyring"));
  _cw_endpoints_page_update_details (self);
}

/* The dialog's Add is enabled only for a secret the model would take; a
 * refused one is said why under the entry. */
static void
cw_endpoints_page_add_secret_changed_cb (GtkEditable      *entry,
                                         AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  GtkLabel *label = g_object_get_data (G_OBJECT (dialog), "error-label");
  gboolean valid;

  valid = cw_endpoint_list_check_secret (gtk_editable_get_text (entry), &error);
  adw_message_dialog_set_response_enabled (dialog, "add", valid);
  gtk_label_set_text (label, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (label), !valid);
}

static void
cw_endpoints_page_add_secret_response_cb (CwEndpointsPage  *self,
                                          const char       *response,
                                          AdwMessageDialog *dialog)
{
  const char *webhook_id;
  GtkEditable *entry;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  webhook_id = g_object_get_data (G_OBJECT (dialog), "webhook-id");
  entry = g_object_get_data (G_OBJECT (dialog), "entry");
  /* GTK 4.8 notifies the focused text of the lost focus after the row
   * around it is gone when the dialog is destroyed: unfocus it first. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  if (g_strcmp0 (response, "add") != 0 || webhook_id == NULL || entry == NULL)
    return;

  cw_endpoint_list_add_secret_async (self->list, webhook_id, gtk_editable_get_text (entry),
                                     cw_endpoints_page_secret_added_cb, g_object_ref (self));
}

static void
cw_endpoints_page_add_secret_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  ConvercWebhook *webhook = _cw_endpoints_page_get_selected (self);
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *label;
  GtkWidget *list;

  if (webhook == NULL)
    return;

  url = converc_display_text (converc_webhook_get_url (webhook), -1, 256,
                              CONVERC_DISPLAY_TEXT_ONE_LINE | CONVERC_DISPLAY_TEXT_IDENTITY |
                              CONVERC_DISPLAY_TEXT_ISOLATE);
  body = g_strdup_printf (_("Paste the signing secret of %s, as it was shown when the "
                            "endpoint was created. It is kept in the keyring."), url);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Add Its Secret"), body));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  entry = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Signing Secret"));
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), label);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add Secret"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "error-label", label);
  g_object_set_data_full (G_OBJECT (dialog), "webhook-id",
                          g_strdup (converc_webhook_get_id (webhook)), g_free);
  g_signal_connect_object (entry, "changed",
                           G_CALLBACK (cw_endpoints_page_add_secret_changed_cb),
                           dialog, 0);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (cw_endpoints_page_add_secret_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
_cw_endpoints_page_class_secret_init (CwEndpointsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "endpoints.add-secret", NULL,
                                   cw_endpoints_page_add_secret_action);
  gtk_widget_class_install_action (widget_class, "endpoints.copy-secret", NULL,
                                   cw_endpoints_page_copy_secret_action);
  gtk_widget_class_install_action (widget_class, "endpoints.show-secret", NULL,
                                   cw_endpoints_page_show_secret_action);
}

/* Forgets the shown secret: the label's text is cleared, not only hidden. */
void
_cw_endpoints_page_hide_secret (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  g_clear_pointer (&self->secret_shown_id, g_free);
  adw_action_row_set_subtitle (self->secret_value_row, "");
  _cw_endpoints_page_update_secret_tools (self);
}

/* The buttons follow what the details know: a stored secret can be copied
 * and shown; a missing one can be added. */
void
_cw_endpoints_page_update_secret_tools (CwEndpointsPage *self)
{
  ConvercWebhook *webhook;
  gboolean shown;
  gboolean stored;
  gboolean missing;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  webhook = _cw_endpoints_page_get_selected (self);
  if (self->secret_shown_id != NULL &&
      (webhook == NULL || g_strcmp0 (converc_webhook_get_id (webhook), self->secret_shown_id) != 0))
    {
      g_clear_pointer (&self->secret_shown_id, g_free);
      adw_action_row_set_subtitle (self->secret_value_row, "");
    }

  stored = webhook != NULL && self->secret_state == CW_SECRET_STATE_STORED;
  missing = webhook != NULL && self->secret_state == CW_SECRET_STATE_MISSING;
  shown = stored && self->secret_shown_id != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.copy-secret", stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.show-secret", stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.add-secret", missing);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_secret_button), stored);
  gtk_widget_set_visible (GTK_WIDGET (self->show_secret_button), stored);
  gtk_widget_set_visible (GTK_WIDGET (self->add_secret_button), missing);
  gtk_button_set_label (self->show_secret_button, shown ? _("Hide") : _("Show"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->show_secret_button),
                               shown ? _("Hide the signing secret")
                                     : _("Show the signing secret"));
  gtk_widget_set_visible (GTK_WIDGET (self->secret_value_row), shown);
}
