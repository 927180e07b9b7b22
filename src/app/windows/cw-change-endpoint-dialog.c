/* cw-change-endpoint-dialog.c
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

/* The one concern of this file: the Change URL or Events dialog — the form
 * prefilled with the old endpoint, then the new endpoint and its secret, an
 * optional test, the confirmation that shows both, and the outcome. The
 * sequence itself is CwEndpointChange's. */

#define G_LOG_DOMAIN "cw-change-endpoint-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-change-endpoint-dialog-private.h"
#include "cw-error-text.h"
#include "cw-machine-text.h"
#include "cw-secret-dialog.h"

G_DEFINE_FINAL_TYPE (CwChangeEndpointDialog, cw_change_endpoint_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CHANGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* An endpoint's URL inside a sentence: bounded, one line, isolated. */
static char *
shown_url (ConvercWebhook *webhook)
{
  return converc_display_text (converc_webhook_get_url (webhook), -1, 256,
                               CONVERC_DISPLAY_TEXT_ONE_LINE | CONVERC_DISPLAY_TEXT_IDENTITY |
                               CONVERC_DISPLAY_TEXT_ISOLATE);
}

static gboolean
cw_change_endpoint_dialog_is_busy (CwChangeEndpointDialog *self)
{
  CwEndpointChangeStep step = cw_endpoint_change_get_step (self->change);

  return step == CW_ENDPOINT_CHANGE_CREATING || step == CW_ENDPOINT_CHANGE_DISABLING;
}

/* The header bar's buttons, the page and the words follow the step. */
static void
cw_change_endpoint_dialog_update (CwChangeEndpointDialog *self)
{
  ConvercWebhook *made;
  CwEndpointChangeStep step;
  const char *primary = NULL;
  const char *cancel = _("_Cancel");
  const char *page = "form";
  gboolean busy;
  gboolean destructive = FALSE;
  gboolean sensitive = TRUE;

  g_assert (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  step = cw_endpoint_change_get_step (self->change);
  busy = cw_change_endpoint_dialog_is_busy (self);
  made = cw_endpoint_change_get_new_webhook (self->change);

  switch (step)
    {
    case CW_ENDPOINT_CHANGE_EDITING:
    case CW_ENDPOINT_CHANGE_CREATING:
      primary = _("C_reate");
      sensitive = cw_endpoint_form_is_valid (self->form);
      break;

    case CW_ENDPOINT_CHANGE_CREATED:
    case CW_ENDPOINT_CHANGE_DISABLING:
      primary = _("_Disable Old…");
      cancel = _("_Keep Both");
      destructive = TRUE;
      page = "created";
      gtk_label_set_text (self->state_label,
                          _("The new endpoint is active. The old one also still receives "
                            "events until you disable it."));
      break;

    case CW_ENDPOINT_CHANGE_DISABLE_FAILED:
      primary = _("_Retry Disable");
      cancel = _("_Keep Both");
      destructive = TRUE;
      page = "created";
      gtk_label_set_text (self->state_label,
                          _("Both endpoints are now active: Converc sends every event to "
                            "both of them."));
      break;

    case CW_ENDPOINT_CHANGE_DONE:
      primary = _("_Done");
      page = "done";
      break;

    default:
      g_assert_not_reached ();
    }

  if (made != NULL)
    {
      cw_row_set_machine_subtitle (self->new_url_row, converc_webhook_get_url (made), 256);
      cw_row_set_machine_subtitle (self->new_id_row, converc_webhook_get_id (made), 256);
    }

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_label_set_text_with_mnemonic (self->primary_label, primary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->primary_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->primary_label),
                                  -1);
  if (destructive)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->primary_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->primary_button), "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->primary_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->primary_button), "suggested-action");
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->primary_button), sensitive && !busy);
  gtk_button_set_label (self->cancel_button, cancel);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), step != CW_ENDPOINT_CHANGE_DONE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form), step == CW_ENDPOINT_CHANGE_EDITING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button),
                            made != NULL && !busy &&
                            !cw_endpoint_list_is_test_pending (cw_endpoint_change_get_list (self->change),
                                                               converc_webhook_get_id (made)));
  gtk_widget_set_visible (GTK_WIDGET (self->primary_spinner), busy);
  gtk_spinner_set_spinning (self->primary_spinner, busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
}

static void
cw_change_endpoint_dialog_created_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(CwChangeEndpointDialog) self = user_data;
  g_autoptr(ConvercWebhook) made = NULL;
  g_autoptr(GError) secret_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *status_message = NULL;
  CwSecretSaveStatus status;
  CwSecretDialog *dialog;

  g_assert (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  made = cw_endpoint_change_create_finish (CW_ENDPOINT_CHANGE (object), result,
                                           &secret, &secret_error, &error);
  if (made == NULL)
    {
      g_autofree char *message = cw_error_describe (error, -1);
      g_autofree char *text = g_strdup_printf (_("Could not create the new endpoint; the old "
                                                 "one was left as it is. %s"), message);

      /* The form keeps what the user typed. */
      cw_endpoint_form_show_error (self->form, text);
      cw_change_endpoint_dialog_update (self);
      return;
    }

  cw_endpoint_form_show_error (self->form, NULL);
  cw_change_endpoint_dialog_update (self);

  /* The secret is in the keyring already (or its loss is known): show it
   * this once. */
  if (secret_error != NULL)
    {
      status = CW_SECRET_SAVE_FAILED;
      status_message = cw_error_describe (secret_error, -1);
    }
  else
    status = cw_endpoint_list_get_demo (cw_endpoint_change_get_list (self->change))
               ? CW_SECRET_DEMO : CW_SECRET_SAVED;

  /* The server made it, but the answer with the secret was lost: nothing
   * to show; say so where the next step is offered. */
  if (secret == NULL)
    {
      gtk_label_set_text (self->disable_error_label, status_message);
      gtk_widget_set_visible (GTK_WIDGET (self->disable_error_label), TRUE);
      return;
    }

  dialog = cw_secret_dialog_new (secret, converc_webhook_get_url (made), status, status_message);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_set_weak_pointer (&self->secret_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cw_change_endpoint_dialog_disabled_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  g_autoptr(CwChangeEndpointDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  if (!cw_endpoint_change_disable_old_finish (CW_ENDPOINT_CHANGE (object), result, &error))
    {
      g_autofree char *message = cw_error_describe (error, -1);
      g_autofree char *text = g_strdup_printf (_("Could not disable the old endpoint, so both "
                                                 "endpoints are now active. %s Try again, or "
                                                 "disable it later from the list."), message);

      gtk_label_set_text (self->disable_error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->disable_error_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->disable_error_label), FALSE);

  cw_change_endpoint_dialog_update (self);
}

static void
cw_change_endpoint_dialog_disable (CwChangeEndpointDialog *self)
{
  g_assert (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  cw_endpoint_change_disable_old_async (self->change,
                                        cw_change_endpoint_dialog_disabled_cb,
                                        g_object_ref (self));
  cw_change_endpoint_dialog_update (self);
}

static void
cw_change_endpoint_dialog_confirm_cb (CwChangeEndpointDialog *self,
                                      const char             *response,
                                      AdwMessageDialog       *dialog)
{
  g_assert (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  if (g_strcmp0 (response, "disable") == 0 &&
      cw_endpoint_change_get_step (self->change) == CW_ENDPOINT_CHANGE_CREATED)
    cw_change_endpoint_dialog_disable (self);
}

/* The confirmation names both endpoints, old and new, by URL and id. */
static void
cw_change_endpoint_dialog_confirm (CwChangeEndpointDialog *self)
{
  ConvercWebhook *old = cw_endpoint_change_get_old_webhook (self->change);
  ConvercWebhook *made = cw_endpoint_change_get_new_webhook (self->change);
  g_autofree char *old_url = shown_url (old);
  g_autofree char *new_url = shown_url (made);
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  g_assert (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  body = g_strdup_printf (_("Converc will stop sending events to the old endpoint and keep "
                            "sending them to the new one.\n\n"
                            "Old (to disable): %s\nID %s\n\n"
                            "New (stays active): %s\nID %s"),
                          old_url, converc_webhook_get_id (old),
                          new_url, converc_webhook_get_id (made));
  if (self->account_label != NULL)
    heading = g_strdup_printf (_("Disable the Old Endpoint in %s?"), self->account_label);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       heading != NULL ? heading
                                                                       : _("Disable the Old Endpoint?"),
                                                       body));
  /* Server and user text: never markup. */
  adw_message_dialog_set_heading_use_markup (dialog, FALSE);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "disable", _("_Disable Old Endpoint"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "disable", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (cw_change_endpoint_dialog_confirm_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->confirm_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
primary_cb (CwChangeEndpointDialog *self)
{
  g_assert (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  if (cw_change_endpoint_dialog_is_busy (self))
    return;

  switch (cw_endpoint_change_get_step (self->change))
    {
    case CW_ENDPOINT_CHANGE_EDITING:
      {
        g_autofree char *url = NULL;
        g_auto(GStrv) events = NULL;

        if (!cw_endpoint_form_is_valid (self->form))
          return;

        url = cw_endpoint_form_dup_url (self->form);
        events = cw_endpoint_form_dup_events (self->form);
        cw_endpoint_form_show_error (self->form, NULL);
        cw_endpoint_change_create_async (self->change, url, (const char * const *) events,
                                         cw_change_endpoint_dialog_created_cb,
                                         g_object_ref (self));
        cw_change_endpoint_dialog_update (self);
      }
      break;

    case CW_ENDPOINT_CHANGE_CREATED:
      cw_change_endpoint_dialog_confirm (self);
      break;

    case CW_ENDPOINT_CHANGE_DISABLE_FAILED:
      /* Agreed to already: try again at once. */
      cw_change_endpoint_dialog_disable (self);
      break;

    case CW_ENDPOINT_CHANGE_DONE:
      gtk_window_close (GTK_WINDOW (self));
      break;

    case CW_ENDPOINT_CHANGE_CREATING:
    case CW_ENDPOINT_CHANGE_DISABLING:
    default:
      break;
    }
}

static void
form_changed_cb (CwChangeEndpointDialog *self)
{
  g_assert (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  cw_change_endpoint_dialog_update (self);
}

static void
test_cb (CwChangeEndpointDialog *self)
{
  g_assert (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  if (cw_endpoint_change_send_test (self->change))
    gtk_label_set_text (self->test_result_label, _("Sending…"));
  cw_change_endpoint_dialog_update (self);
}

static void
cw_change_endpoint_dialog_outcome_cb (CwChangeEndpointDialog *self,
                                      const char             *webhook_id,
                                      CwTestOutcome          *outcome,
                                      CwEndpointList         *list)
{
  ConvercWebhook *made;
  g_autofree char *text = NULL;

  g_assert (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  made = cw_endpoint_change_get_new_webhook (self->change);
  if (made == NULL || g_strcmp0 (webhook_id, converc_webhook_get_id (made)) != 0)
    return;

  if (outcome->error != NULL)
    {
      g_autofree char *message = cw_error_describe_short (outcome->error, outcome->retry_after);

      text = g_strdup_printf (_("✗ Could not send the test event. %s"), message);
    }
  else if (outcome->delivered)
    text = g_strdup_printf (_("✓ Delivered — the new endpoint answered HTTP %d"), outcome->status);
  else if (outcome->status > 0)
    text = g_strdup_printf (_("✗ Not accepted — the new endpoint answered HTTP %d"), outcome->status);
  else
    text = g_strdup_printf (_("✗ Not delivered — %s"),
                            outcome->detail ? outcome->detail : _("the receiver did not answer"));

  gtk_label_set_text (self->test_result_label, text);
  cw_change_endpoint_dialog_update (self);
}

static gboolean
cw_change_endpoint_dialog_close_request (GtkWindow *window)
{
  CwChangeEndpointDialog *self = CW_CHANGE_ENDPOINT_DIALOG (window);

  /* A create's answer carries the only copy of the new secret: wait. */
  if (cw_change_endpoint_dialog_is_busy (self))
    return TRUE;

  return GTK_WINDOW_CLASS (cw_change_endpoint_dialog_parent_class)->close_request (window);
}

static void
cw_change_endpoint_dialog_constructed (GObject *object)
{
  CwChangeEndpointDialog *self = (CwChangeEndpointDialog *)object;
  ConvercWebhook *old;

  G_OBJECT_CLASS (cw_change_endpoint_dialog_parent_class)->constructed (object);

  g_assert (CW_IS_ENDPOINT_CHANGE (self->change));

  old = cw_endpoint_change_get_old_webhook (self->change);
  cw_endpoint_form_set_values (self->form, converc_webhook_get_url (old),
                               converc_webhook_get_events (old));
  cw_row_set_machine_subtitle (self->old_url_row, converc_webhook_get_url (old), 256);
  cw_row_set_machine_subtitle (self->old_id_row, converc_webhook_get_id (old), 256);

  g_signal_connect_object (cw_endpoint_change_get_list (self->change), "outcome-added",
                           G_CALLBACK (cw_change_endpoint_dialog_outcome_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->change, "notify::step",
                           G_CALLBACK (cw_change_endpoint_dialog_update),
                           self, G_CONNECT_SWAPPED);
  cw_change_endpoint_dialog_update (self);
}

static void
cw_change_endpoint_dialog_dispose (GObject *object)
{
  CwChangeEndpointDialog *self = (CwChangeEndpointDialog *)object;

  g_clear_weak_pointer (&self->confirm_dialog);
  g_clear_weak_pointer (&self->secret_dialog);
  g_clear_object (&self->change);
  g_clear_pointer (&self->account_label, g_free);

  G_OBJECT_CLASS (cw_change_endpoint_dialog_parent_class)->dispose (object);
}

static void
cw_change_endpoint_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CwChangeEndpointDialog *self = CW_CHANGE_ENDPOINT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CHANGE:
      g_value_set_object (value, self->change);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_change_endpoint_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CwChangeEndpointDialog *self = CW_CHANGE_ENDPOINT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CHANGE:
      self->change = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_change_endpoint_dialog_class_init (CwChangeEndpointDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cw_change_endpoint_dialog_constructed;
  object_class->dispose = cw_change_endpoint_dialog_dispose;
  object_class->get_property = cw_change_endpoint_dialog_get_property;
  object_class->set_property = cw_change_endpoint_dialog_set_property;

  window_class->close_request = cw_change_endpoint_dialog_close_request;

  properties[PROP_CHANGE] =
    g_param_spec_object ("change", NULL, NULL, CW_TYPE_ENDPOINT_CHANGE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CW_TYPE_ENDPOINT_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-change-endpoint-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, disable_error_label);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, form);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, new_id_row);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, new_url_row);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, old_id_row);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, old_url_row);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, primary_button);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, primary_label);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, primary_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, state_label);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, CwChangeEndpointDialog, test_result_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, primary_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_change_endpoint_dialog_init (CwChangeEndpointDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CwChangeEndpointDialog *
cw_change_endpoint_dialog_new (CwEndpointChange *change)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_CHANGE (change), NULL);

  return g_object_new (CW_TYPE_CHANGE_ENDPOINT_DIALOG,
                       "change", change,
                       NULL);
}

/**
 * cw_change_endpoint_dialog_set_account_label:
 * @label: (nullable): the organisation's label, already shortened
 *
 * Names the organisation in the confirmation before the old endpoint is
 * disabled ("Disable the Old Endpoint in Acme — Production?").
 */
void
cw_change_endpoint_dialog_set_account_label (CwChangeEndpointDialog *self,
                                             const char             *label)
{
  g_return_if_fail (CW_IS_CHANGE_ENDPOINT_DIALOG (self));

  g_free (self->account_label);
  self->account_label = g_strdup (label);
}

CwEndpointChange *
cw_change_endpoint_dialog_get_change (CwChangeEndpointDialog *self)
{
  g_return_val_if_fail (CW_IS_CHANGE_ENDPOINT_DIALOG (self), NULL);

  return self->change;
}
