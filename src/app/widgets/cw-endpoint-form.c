/* cw-endpoint-form.c
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

/* The one concern of this file: the endpoint form — the receiving URL with
 * live validation and the event-type checklist — for Add Endpoint and
 * Change URL or Events. It makes no request. */

#define G_LOG_DOMAIN "cw-endpoint-form"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-endpoint-form-private.h"

G_DEFINE_FINAL_TYPE (CwEndpointForm, cw_endpoint_form, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CHANGED,
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
cw_endpoint_form_url_is_valid (CwEndpointForm  *self,
                               GError         **error)
{
  g_autofree char *url = NULL;

  g_assert (CW_IS_ENDPOINT_FORM (self));

  url = cw_endpoint_form_dup_url (self);

  return converc_validate_endpoint_url (url, error);
}

static gboolean
cw_endpoint_form_has_events (CwEndpointForm *self)
{
  g_assert (CW_IS_ENDPOINT_FORM (self));

  if (gtk_switch_get_active (self->all_events_switch))
    return TRUE;

  for (guint i = 0; i < self->event_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->event_checks, i)))
      return TRUE;

  return FALSE;
}

static void
cw_endpoint_form_emit_changed (CwEndpointForm *self)
{
  g_assert (CW_IS_ENDPOINT_FORM (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
url_changed_cb (CwEndpointForm *self)
{
  g_autoptr(GError) error = NULL;
  const char *text;

  g_assert (CW_IS_ENDPOINT_FORM (self));

  text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  if (text != NULL && *text != '\0' && !cw_endpoint_form_url_is_valid (self, &error))
    {
      gtk_label_set_text (self->url_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
    }

  cw_endpoint_form_emit_changed (self);
}

static void
url_activated_cb (CwEndpointForm *self)
{
  g_assert (CW_IS_ENDPOINT_FORM (self));

  g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
all_events_changed_cb (CwEndpointForm *self)
{
  gboolean all;

  g_assert (CW_IS_ENDPOINT_FORM (self));

  all = gtk_switch_get_active (self->all_events_switch);
  for (guint i = 0; i < self->event_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->event_checks, i);
      GtkWidget *row = gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW);

      gtk_widget_set_sensitive (row ? row : check, !all);
    }

  cw_endpoint_form_emit_changed (self);
}

static void
cw_endpoint_form_dispose (GObject *object)
{
  CwEndpointForm *self = (CwEndpointForm *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_ENDPOINT_FORM);
  g_clear_pointer (&self->event_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_endpoint_form_parent_class)->dispose (object);
}

static void
cw_endpoint_form_class_init (CwEndpointFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_endpoint_form_dispose;

  /* Anything in the form changed (the URL, a check, "All events"). */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* Enter in the URL: the dialog's primary action. */
  signals[ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-endpoint-form.ui");
  gtk_widget_class_bind_template_child (widget_class, CwEndpointForm, all_events_switch);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointForm, events_group);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointForm, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointForm, url_row);
  gtk_widget_class_bind_template_callback (widget_class, all_events_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
}

static void
cw_endpoint_form_init (CwEndpointForm *self)
{
  const ConvercEventTypeInfo *types;
  guint n_types = 0;

  self->event_checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  types = converc_event_types_get (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), types[i].name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(types[i].description));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "event-type", g_strdup (types[i].name), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (cw_endpoint_form_emit_changed),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->events_group, row);
      g_ptr_array_add (self->event_checks, check);
    }

  cw_endpoint_form_show_error (self, NULL);
  all_events_changed_cb (self);
}

CwEndpointForm *
cw_endpoint_form_new (void)
{
  return g_object_new (CW_TYPE_ENDPOINT_FORM, NULL);
}

gboolean
cw_endpoint_form_is_valid (CwEndpointForm *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_FORM (self), FALSE);

  return cw_endpoint_form_url_is_valid (self, NULL) && cw_endpoint_form_has_events (self);
}

char *
cw_endpoint_form_dup_url (CwEndpointForm *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_FORM (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
}

char **
cw_endpoint_form_dup_events (CwEndpointForm *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (CW_IS_ENDPOINT_FORM (self), NULL);

  if (gtk_switch_get_active (self->all_events_switch))
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->event_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->event_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "event-type"));
    }

  return g_strv_builder_end (builder);
}

void
cw_endpoint_form_set_values (CwEndpointForm     *self,
                             const char         *url,
                             const char * const *events)
{
  gboolean all;

  g_return_if_fail (CW_IS_ENDPOINT_FORM (self));

  all = events == NULL || events[0] == NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
  for (guint i = 0; i < self->event_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->event_checks, i);
      const char *type = g_object_get_data (G_OBJECT (check), "event-type");

      gtk_check_button_set_active (check, !all && g_strv_contains (events, type));
    }
  gtk_switch_set_active (self->all_events_switch, all);
  /* An event type this app does not know cannot be kept as a check: the
   * caller compares cw_endpoint_form_dup_events() if it matters. */
}

void
cw_endpoint_form_show_error (CwEndpointForm *self,
                             const char     *message)
{
  GtkWidget *group;

  g_return_if_fail (CW_IS_ENDPOINT_FORM (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  group = gtk_widget_get_ancestor (GTK_WIDGET (self->error_label), ADW_TYPE_PREFERENCES_GROUP);
  if (group != NULL)
    gtk_widget_set_visible (group, message != NULL);
}

void
cw_endpoint_form_focus_url (CwEndpointForm *self)
{
  g_return_if_fail (CW_IS_ENDPOINT_FORM (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}
