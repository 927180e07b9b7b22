/* cw-delivery-doctor-window.c
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

/* The one concern of this file: the "Check a Delivery" window (the delivery doctor):
 * it gathers a pasted delivery and the secrets to try, and shows what libconverc's
 * doctor found. It never reads HTTP or JSON itself. */

#define G_LOG_DOMAIN "cw-delivery-doctor-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-delivery-doctor-window-private.h"

G_DEFINE_FINAL_TYPE (CwDeliveryDoctorWindow, cw_delivery_doctor_window, ADW_TYPE_WINDOW)

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_busy (CwDeliveryDoctorWindow *self,
          gboolean                busy)
{
  g_assert (CW_IS_DELIVERY_DOCTOR_WINDOW (self));

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), !busy);
}

/* The result: an icon, a heading and the explanation, all read by a screen
 * reader (the labels are text; the box is named "Diagnosis"). */
static void
show_result (CwDeliveryDoctorWindow *self,
             gboolean                valid,
             const char             *title,
             const char             *explanation)
{
  GtkWidget *icon = GTK_WIDGET (self->result_icon);

  g_assert (CW_IS_DELIVERY_DOCTOR_WINDOW (self));

  gtk_image_set_from_icon_name (self->result_icon,
                                valid ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (icon, valid ? "warning" : "success");
  gtk_widget_add_css_class (icon, valid ? "success" : "warning");
  gtk_label_set_text (self->result_title, title);
  gtk_label_set_text (self->result_explanation, explanation);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->result_box),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->result_box), TRUE);
}

static void
diagnose_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ConvercDiagnosis) diagnosis = NULL;
  g_autoptr(GError) error = NULL;
  CwDeliveryDoctorWindow *self;

  diagnosis = converc_doctor_diagnose_finish (CONVERC_DOCTOR (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = CW_DELIVERY_DOCTOR_WINDOW (user_data);
  set_busy (self, FALSE);

  if (diagnosis == NULL)
    {
      show_result (self, FALSE, _("The Check Failed"), error->message);
      return;
    }

  g_set_object (&self->diagnosis, diagnosis);
  show_result (self, converc_diagnosis_is_valid (diagnosis),
               converc_diagnosis_get_title (diagnosis),
               converc_diagnosis_get_explanation (diagnosis));
}

static void
diagnose (CwDeliveryDoctorWindow *self)
{
  g_assert (CW_IS_DELIVERY_DOCTOR_WINDOW (self));

  converc_doctor_diagnose_async (self->doctor, self->header, self->body,
                                 g_get_real_time () / G_USEC_PER_SEC, self->cancellable,
                                 diagnose_cb, self);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GPtrArray) secrets = NULL;
  g_autoptr(GError) error = NULL;
  CwDeliveryDoctorWindow *self;

  secrets = converc_secret_store_list_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = CW_DELIVERY_DOCTOR_WINDOW (user_data);

  /* Without a keyring the given secret is still tried */
  if (secrets == NULL)
    g_debug ("The stored secrets cannot be listed: %s", error->message);

  for (guint i = 0; secrets != NULL && i < secrets->len; i++)
    {
      ConvercStoredSecret *stored = g_ptr_array_index (secrets, i);
      /* Translators: names the secret that matched; %s is an endpoint id */
      g_autofree char *label = g_strdup_printf (_("endpoint %s"), stored->webhook_id);

      converc_doctor_add_secret (self->doctor, label, stored->secret, FALSE);
    }

  diagnose (self);
}

/* libadwaita 1.2 gives the secret row's show/hide toggle no accessible name */
static void
name_secret_toggle (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL &&
          gtk_widget_get_visible (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show Secret"),
                                        -1);
      name_secret_toggle (child);
    }
}

static void
check_cb (CwDeliveryDoctorWindow *self)
{
  g_assert (CW_IS_DELIVERY_DOCTOR_WINDOW (self));

  cw_delivery_doctor_window_check (self);
}

static void
cw_delivery_doctor_window_dispose (GObject *object)
{
  CwDeliveryDoctorWindow *self = (CwDeliveryDoctorWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->doctor);
  g_clear_object (&self->diagnosis);
  g_clear_pointer (&self->body, g_bytes_unref);

  G_OBJECT_CLASS (cw_delivery_doctor_window_parent_class)->dispose (object);
}

static void
cw_delivery_doctor_window_finalize (GObject *object)
{
  CwDeliveryDoctorWindow *self = (CwDeliveryDoctorWindow *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->header, g_free);

  G_OBJECT_CLASS (cw_delivery_doctor_window_parent_class)->finalize (object);
}

static void
cw_delivery_doctor_window_class_init (CwDeliveryDoctorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_delivery_doctor_window_dispose;
  object_class->finalize = cw_delivery_doctor_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/"
                                               "cw-delivery-doctor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow, body_view);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow, header_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow, input_stack);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow, request_view);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow, result_box);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow,
                                        result_explanation);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow, result_icon);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow, result_title);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow, secret_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryDoctorWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, check_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_delivery_doctor_window_init (CwDeliveryDoctorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_secret_toggle (GTK_WIDGET (self->secret_row));
}

/**
 * cw_delivery_doctor_window_new:
 * @store: (nullable): the secret store whose signing secrets are tried
 * @base_url: (nullable): the keyring scope the secrets belong to: the
 *   account's id, or the API base URL for items from before accounts
 *
 * Returns: (transfer floating): a new window
 */
CwDeliveryDoctorWindow *
cw_delivery_doctor_window_new (ConvercSecretStore *store,
                               const char         *base_url)
{
  CwDeliveryDoctorWindow *self;

  g_return_val_if_fail (!store || CONVERC_IS_SECRET_STORE (store), NULL);

  self = g_object_new (CW_TYPE_DELIVERY_DOCTOR_WINDOW, NULL);
  g_set_object (&self->store, store);
  self->base_url = g_strdup (base_url);

  return self;
}

void
cw_delivery_doctor_window_check (CwDeliveryDoctorWindow *self)
{
  g_autofree char *secret = NULL;
  const char *page;

  g_return_if_fail (CW_IS_DELIVERY_DOCTOR_WINDOW (self));

  /* A new check replaces one still running */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->diagnosis);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->header, g_free);

  page = gtk_stack_get_visible_child_name (self->input_stack);
  if (g_strcmp0 (page, "request") == 0)
    {
      g_autofree char *text = buffer_text (self->request_view);
      g_autoptr(ConvercHttpMessage) message = NULL;
      g_autoptr(GError) error = NULL;

      message = converc_http_message_parse ((const guint8 *) text, strlen (text), &error);
      if (message == NULL)
        {
          set_busy (self, FALSE);
          show_result (self, FALSE, _("Cannot Read the Request"), error->message);
          return;
        }

      self->header = g_strdup (converc_http_message_get_header (message, "X-IC-Signature"));
      self->body = g_bytes_ref (converc_http_message_get_body (message));
    }
  else
    {
      char *text = buffer_text (self->body_view);

      self->header = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->header_row)));
      self->body = g_bytes_new_take (text, strlen (text));
    }

  g_clear_object (&self->doctor);
  self->doctor = converc_doctor_new ();
  secret = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->secret_row)));
  if (secret[0] != '\0')
    converc_doctor_add_secret (self->doctor, _("the secret you gave"), secret, TRUE);
  memset (secret, 0, strlen (secret));

  set_busy (self, TRUE);

  if (self->store != NULL && self->base_url != NULL)
    converc_secret_store_list_async (self->store, self->base_url, self->cancellable,
                                     list_cb, self);
  else
    diagnose (self);
}

ConvercDiagnosis *
cw_delivery_doctor_window_get_diagnosis (CwDeliveryDoctorWindow *self)
{
  g_return_val_if_fail (CW_IS_DELIVERY_DOCTOR_WINDOW (self), NULL);

  return self->diagnosis;
}
