/* cw-add-endpoint-dialog.c
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

/* The one concern of this file: the Add Endpoint dialog — the form (a
 * CwEndpointForm) and the create request, with what happens when its answer
 * is lost. */

#define G_LOG_DOMAIN "cw-add-endpoint-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-add-endpoint-dialog-private.h"
#include "cw-error-text.h"

G_DEFINE_FINAL_TYPE (CwAddEndpointDialog, cw_add_endpoint_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

enum {
  CREATED,
  ORPHANED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
cw_add_endpoint_dialog_update (CwAddEndpointDialog *self)
{
  g_assert (CW_IS_ADD_ENDPOINT_DIALOG (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                            !self->busy && cw_add_endpoint_dialog_is_valid (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->create_spinner), self->busy);
  gtk_spinner_set_spinning (self->create_spinner, self->busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !self->busy);
}

static void
validate_cb (CwAddEndpointDialog *self)
{
  g_assert (CW_IS_ADD_ENDPOINT_DIALOG (self));

  cw_add_endpoint_dialog_update (self);
}

/* The form keeps what the user typed. A create is never retried by
 * itself: it could register the endpoint twice. */
static void
cw_add_endpoint_dialog_fail (CwAddEndpointDialog *self,
                             const GError        *error)
{
  g_autofree char *message = cw_error_describe (error, converc_client_get_retry_after (self->client));
  g_autofree char *text = g_strdup_printf (_("Could not create the endpoint. %s"), message);

  g_assert (CW_IS_ADD_ENDPOINT_DIALOG (self));

  self->busy = FALSE;
  cw_endpoint_form_show_error (self->form, text);
  cw_add_endpoint_dialog_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->create_button));
}

static void
cw_add_endpoint_dialog_check_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  CwAddEndpointDialog *self = user_data;
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;
  ConvercWebhook *orphan = NULL;

  webhooks = converc_client_list_webhooks_finish (CONVERC_CLIENT (object), result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_ADD_ENDPOINT_DIALOG (self));

  for (guint i = 0; webhooks != NULL && i < webhooks->len; i++)
    {
      ConvercWebhook *webhook = g_ptr_array_index (webhooks, i);

      if (self->known_ids != NULL &&
          !g_hash_table_contains (self->known_ids, converc_webhook_get_id (webhook)) &&
          g_strcmp0 (converc_webhook_get_url (webhook), self->pending_url) == 0)
        orphan = webhook;
    }

  if (orphan == NULL)
    {
      /* Nothing was made (or the list failed too): the first error says
       * what went wrong, and creating again is safe. */
      cw_add_endpoint_dialog_fail (self, self->pending_error);
      return;
    }

  self->busy = FALSE;
  g_object_ref (self);
  g_signal_emit (self, signals[ORPHANED], 0, orphan);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
cw_add_endpoint_dialog_create_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  CwAddEndpointDialog *self = user_data;
  ConvercClient *client = CONVERC_CLIENT (object);
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  webhook = converc_client_create_webhook_finish (client, result, &secret, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_ADD_ENDPOINT_DIALOG (self));

  self->busy = FALSE;

  if (webhook == NULL)
    {
      /* Did the server make the endpoint before the answer was lost? Look
       * before inviting the user to create it twice. */
      if (converc_error_outcome_unsure (error))
        {
          self->busy = TRUE;
          g_clear_error (&self->pending_error);
          self->pending_error = g_steal_pointer (&error);
          converc_client_list_webhooks_async (client, self->cancellable,
                                              cw_add_endpoint_dialog_check_cb, self);
          return;
        }

      cw_add_endpoint_dialog_fail (self, error);
      return;
    }

  g_object_ref (self);
  g_signal_emit (self, signals[CREATED], 0, webhook, secret);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
create_cb (CwAddEndpointDialog *self)
{
  g_auto(GStrv) events = NULL;
  g_autofree char *url = NULL;

  g_assert (CW_IS_ADD_ENDPOINT_DIALOG (self));

  if (self->busy || self->client == NULL || !cw_add_endpoint_dialog_is_valid (self))
    return;

  url = cw_endpoint_form_dup_url (self->form);
  events = cw_add_endpoint_dialog_dup_events (self);

  self->busy = TRUE;
  g_free (self->pending_url);
  self->pending_url = g_strdup (url);
  cw_endpoint_form_show_error (self->form, NULL);
  cw_add_endpoint_dialog_update (self);

  converc_client_create_webhook_async (self->client,
                                       url,
                                       (const char * const *) events,
                                       self->cancellable,
                                       cw_add_endpoint_dialog_create_cb,
                                       self);
}

static gboolean
cw_add_endpoint_dialog_close_request (GtkWindow *window)
{
  CwAddEndpointDialog *self = CW_ADD_ENDPOINT_DIALOG (window);

  /* While a create is in flight its answer carries the only copy of the
   * signing secret: wait for it. */
  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (cw_add_endpoint_dialog_parent_class)->close_request (window);
}

/* Keyboard users start typing the URL at once: the first time the dialog
 * is the active window (a text focused in an inactive window makes GTK's
 * cursor blink warn about a missing focus-out). */
static void
cw_add_endpoint_dialog_notify_is_active_cb (CwAddEndpointDialog *self)
{
  g_assert (CW_IS_ADD_ENDPOINT_DIALOG (self));

  if (!gtk_window_is_active (GTK_WINDOW (self)))
    return;

  g_signal_handlers_disconnect_by_func (self, cw_add_endpoint_dialog_notify_is_active_cb, NULL);
  if (!self->busy)
    cw_endpoint_form_focus_url (self->form);
}

static void
cw_add_endpoint_dialog_dispose (GObject *object)
{
  CwAddEndpointDialog *self = (CwAddEndpointDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  self->event_checks = NULL;
  g_clear_pointer (&self->known_ids, g_hash_table_unref);
  g_clear_pointer (&self->pending_url, g_free);
  g_clear_error (&self->pending_error);

  G_OBJECT_CLASS (cw_add_endpoint_dialog_parent_class)->dispose (object);
}

static void
cw_add_endpoint_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CwAddEndpointDialog *self = CW_ADD_ENDPOINT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_add_endpoint_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CwAddEndpointDialog *self = CW_ADD_ENDPOINT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_set_object (&self->client, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_add_endpoint_dialog_class_init (CwAddEndpointDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cw_add_endpoint_dialog_dispose;
  object_class->get_property = cw_add_endpoint_dialog_get_property;
  object_class->set_property = cw_add_endpoint_dialog_set_property;

  window_class->close_request = cw_add_endpoint_dialog_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CONVERC_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwAddEndpointDialog::created:
   * @webhook: the new endpoint
   * @secret: its signing secret, shown by Converc this once
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CONVERC_TYPE_WEBHOOK, G_TYPE_STRING);

  /* A create failed, but the server made the endpoint: its secret is lost. */
  signals[ORPHANED] =
    g_signal_new ("orphaned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONVERC_TYPE_WEBHOOK);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-add-endpoint-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwAddEndpointDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CwAddEndpointDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CwAddEndpointDialog, create_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwAddEndpointDialog, form);
  gtk_widget_class_bind_template_callback (widget_class, create_cb);
  gtk_widget_class_bind_template_callback (widget_class, validate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (CW_TYPE_ENDPOINT_FORM);
}

static void
cw_add_endpoint_dialog_init (CwAddEndpointDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The form's parts, by their old names (the tests reach them so). */
  self->page = ADW_PREFERENCES_PAGE (self->form);
  self->all_events_switch = self->form->all_events_switch;
  self->error_label = self->form->error_label;
  self->event_checks = self->form->event_checks;
  self->events_group = self->form->events_group;
  self->url_error_label = self->form->url_error_label;
  self->url_row = self->form->url_row;

  cw_add_endpoint_dialog_update (self);

  g_signal_connect (self, "notify::is-active",
                    G_CALLBACK (cw_add_endpoint_dialog_notify_is_active_cb), NULL);
}

CwAddEndpointDialog *
cw_add_endpoint_dialog_new (ConvercClient *client)
{
  g_return_val_if_fail (!client || CONVERC_IS_CLIENT (client), NULL);

  return g_object_new (CW_TYPE_ADD_ENDPOINT_DIALOG,
                       "client", client,
                       NULL);
}

/**
 * cw_add_endpoint_dialog_is_valid:
 *
 * Returns: %TRUE when the URL is acceptable and at least one event type
 *   (or "All events") is chosen
 */
gboolean
cw_add_endpoint_dialog_is_valid (CwAddEndpointDialog *self)
{
  g_return_val_if_fail (CW_IS_ADD_ENDPOINT_DIALOG (self), FALSE);

  return cw_endpoint_form_is_valid (self->form);
}

char **
cw_add_endpoint_dialog_dup_events (CwAddEndpointDialog *self)
{
  g_return_val_if_fail (CW_IS_ADD_ENDPOINT_DIALOG (self), NULL);

  return cw_endpoint_form_dup_events (self->form);
}

void
cw_add_endpoint_dialog_set_known_ids (CwAddEndpointDialog *self,
                                      GListModel          *webhooks)
{
  guint n;

  g_return_if_fail (CW_IS_ADD_ENDPOINT_DIALOG (self));
  g_return_if_fail (G_IS_LIST_MODEL (webhooks));

  g_clear_pointer (&self->known_ids, g_hash_table_unref);
  self->known_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  n = g_list_model_get_n_items (webhooks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (webhooks, i);

      g_hash_table_add (self->known_ids, g_strdup (converc_webhook_get_id (webhook)));
    }
}
