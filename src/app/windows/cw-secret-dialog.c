/* cw-secret-dialog.c
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

/* The one concern of this file: the dialog that shows a new endpoint's signing secret once,
 * after it was kept in the keyring. */

#define G_LOG_DOMAIN "cw-secret-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cw-secret-dialog-private.h"

#include "converc.h"
#include "cw-machine-text.h"

G_DEFINE_FINAL_TYPE (CwSecretDialog, cw_secret_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CAN_CLOSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cw_secret_dialog_update (CwSecretDialog *self)
{
  g_assert (CW_IS_SECRET_DIALOG (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), cw_secret_dialog_get_can_close (self));
  gtk_window_set_deletable (GTK_WINDOW (self), cw_secret_dialog_get_can_close (self));
}

static void
copy_cb (CwSecretDialog *self)
{
  AdwButtonContent *content;

  g_assert (CW_IS_SECRET_DIALOG (self));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->secret);

  content = ADW_BUTTON_CONTENT (gtk_button_get_child (self->copy_button));
  adw_button_content_set_label (content, _("Copied"));
  adw_button_content_set_icon_name (content, "object-select-symbolic");
}

static void
copied_toggled_cb (CwSecretDialog *self)
{
  g_assert (CW_IS_SECRET_DIALOG (self));

  cw_secret_dialog_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CLOSE]);
}

static gboolean
cw_secret_dialog_close_request (GtkWindow *window)
{
  CwSecretDialog *self = CW_SECRET_DIALOG (window);

  if (!cw_secret_dialog_get_can_close (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->copied_check));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (cw_secret_dialog_parent_class)->close_request (window);
}

static void
cw_secret_dialog_finalize (GObject *object)
{
  CwSecretDialog *self = (CwSecretDialog *)object;

  if (self->secret != NULL)
    explicit_bzero (self->secret, strlen (self->secret));
  g_clear_pointer (&self->secret, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->status_message, g_free);

  G_OBJECT_CLASS (cw_secret_dialog_parent_class)->finalize (object);
}

static void
cw_secret_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CwSecretDialog *self = CW_SECRET_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CAN_CLOSE:
      g_value_set_boolean (value, cw_secret_dialog_get_can_close (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_secret_dialog_class_init (CwSecretDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->finalize = cw_secret_dialog_finalize;
  object_class->get_property = cw_secret_dialog_get_property;

  window_class->close_request = cw_secret_dialog_close_request;

  properties[PROP_CAN_CLOSE] =
    g_param_spec_boolean ("can-close", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-secret-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwSecretDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, CwSecretDialog, copied_check);
  gtk_widget_class_bind_template_child (widget_class, CwSecretDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CwSecretDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, CwSecretDialog, secret_label);
  gtk_widget_class_bind_template_child (widget_class, CwSecretDialog, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CwSecretDialog, status_row);
  gtk_widget_class_bind_template_callback (widget_class, copied_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_secret_dialog_init (CwSecretDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cw_secret_dialog_new:
 * @secret: the signing secret of a new endpoint
 * @url: the endpoint's URL
 * @status: whether the secret was kept
 * @status_message: (nullable): why the keyring save failed
 *
 * Shows @secret once. When the keyring save failed the dialog cannot be
 * closed until the user says the secret was copied.
 */
CwSecretDialog *
cw_secret_dialog_new (const char         *secret,
                      const char         *url,
                      CwSecretSaveStatus  status,
                      const char         *status_message)
{
  CwSecretDialog *self;
  g_autofree char *body = NULL;
  g_autofree char *status_text = NULL;
  const char *icon_name;
  const char *css_class;
  const char *title;
  g_autofree char *shown_url = NULL;

  g_return_val_if_fail (secret != NULL, NULL);

  self = g_object_new (CW_TYPE_SECRET_DIALOG, NULL);
  self->secret = g_strdup (secret);
  self->url = g_strdup (url);
  self->status = status;
  self->status_message = g_strdup (status_message);

  /* Shown exactly: a secret read aloud with a hyphen Pango put in is
   * another secret. */
  cw_label_set_machine_text (self->secret_label, secret, 1024);

  /* The URL is the server's: bounded and isolated in the sentence. */
  shown_url = converc_display_text (url != NULL ? url : "", -1, 256,
                                    CONVERC_DISPLAY_TEXT_ONE_LINE | CONVERC_DISPLAY_TEXT_IDENTITY |
                                    CONVERC_DISPLAY_TEXT_ISOLATE);
  /* Translators: %s is the URL of the new endpoint */
  body = g_strdup_printf (_("Your receiver at %s needs this secret to check the "
                            "X-IC-Signature header of every delivery."),
                          shown_url);
  gtk_label_set_text (self->body_label, body);

  switch (status)
    {
    case CW_SECRET_SAVED:
      title = _("Saved in the Keyring");
      status_text = g_strdup (_("The endpoint’s details will show that it is saved, and you "
                                "can find it in Passwords and Keys."));
      icon_name = "emblem-ok-symbolic";
      css_class = "success";
      break;

    case CW_SECRET_DEMO:
      title = _("Demo: Kept for This Run Only");
      status_text = g_strdup (_("The secret is kept only in memory for this run, never in "
                                "your keyring. It is gone when the app quits."));
      icon_name = "dialog-information-symbolic";
      css_class = "accent";
      break;

    case CW_SECRET_SAVE_FAILED:
    default:
      title = _("Not Saved in the Keyring");
      /* Translators: %s says why the keyring could not be used */
      status_text = g_strdup_printf (_("%s Copy the secret now and keep it somewhere safe; "
                                       "this window stays open until you confirm."),
                                     status_message ? status_message
                                                    : _("The keyring could not be used."));
      icon_name = "dialog-warning-symbolic";
      css_class = "error";
      gtk_widget_set_visible (GTK_WIDGET (self->copied_check), TRUE);
      break;
    }

  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), css_class);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, status_text);

  cw_secret_dialog_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_button));

  return self;
}

/**
 * cw_secret_dialog_get_can_close:
 *
 * Returns: %FALSE while the secret exists nowhere else and the user has not
 *   confirmed copying it
 */
gboolean
cw_secret_dialog_get_can_close (CwSecretDialog *self)
{
  g_return_val_if_fail (CW_IS_SECRET_DIALOG (self), FALSE);

  return self->status != CW_SECRET_SAVE_FAILED ||
         gtk_check_button_get_active (self->copied_check);
}
