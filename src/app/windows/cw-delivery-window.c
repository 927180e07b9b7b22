/* cw-delivery-window.c
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

/* The one concern of this file: the window that sends a signed event from
 * this computer to an endpoint, shows the exchange, and lists the previous
 * outcomes. The sending is libconverc's (converc_delivery_send_async). */

#define G_LOG_DOMAIN "cw-delivery-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-delivery-window-private.h"
#include "cw-error-text.h"
#include "cw-machine-text.h"
#include "cw-time-format.h"

G_DEFINE_FINAL_TYPE (CwDeliveryWindow, cw_delivery_window, ADW_TYPE_WINDOW)

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

static void
show_problem (CwDeliveryWindow *self,
              const char       *message)
{
  g_assert (CW_IS_DELIVERY_WINDOW (self));

  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static void
set_sending (CwDeliveryWindow *self,
             gboolean          sending)
{
  g_assert (CW_IS_DELIVERY_WINDOW (self));

  self->sending = sending;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), sending);
  gtk_spinner_set_spinning (self->spinner, sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), !sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !sending);
}

static void
update_event_row (CwDeliveryWindow *self)
{
  g_autofree char *text = NULL;

  g_assert (CW_IS_DELIVERY_WINDOW (self));

  if (self->event == NULL)
    text = g_strdup (_("webhook.test — a test event made here, shaped like a call.ended event"));
  else
    text = g_strdup_printf ("%s — %s", self->event_type ? self->event_type : "",
                            self->event_id ? self->event_id : "");

  cw_row_set_machine_subtitle (self->event_row, text, 256);
}

static void
show_outcomes (CwDeliveryWindow *self)
{
  g_autoptr(GPtrArray) list = NULL;
  GtkWidget *child;

  g_assert (CW_IS_DELIVERY_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outcomes_list))) != NULL)
    gtk_list_box_remove (self->outcomes_list, child);

  list = converc_delivery_outcomes_list (self->outcomes, self->base_url,
                                         converc_webhook_get_id (self->webhook));

  for (guint i = 0; i < list->len; i++)
    {
      ConvercDeliveryExchange *exchange = g_ptr_array_index (list, i);
      g_autofree char *summary = converc_delivery_exchange_dup_summary (exchange);
      g_autofree char *when = cw_format_clock (converc_delivery_exchange_get_started_at (exchange));
      g_autofree char *title = converc_display_text (summary, -1, 200,
                                                     CONVERC_DISPLAY_TEXT_ONE_LINE);
      g_autofree char *subtitle = NULL;
      g_autofree char *url = converc_display_text (converc_delivery_exchange_get_url (exchange),
                                                   -1, 120, CONVERC_DISPLAY_TEXT_ONE_LINE |
                                                   CONVERC_DISPLAY_TEXT_IDENTITY);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      if (converc_delivery_exchange_get_origin (exchange) == CONVERC_DELIVERY_ORIGIN_LOCAL)
        /* Translators: "14:02:11 · from this computer · https://…" */
        subtitle = g_strdup_printf (_("%s · from this computer · %s"), when, url);
      else
        /* Translators: "14:02:11 · by Converc · https://…" */
        subtitle = g_strdup_printf (_("%s · by Converc · %s"), when, url);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, subtitle);
      adw_action_row_set_icon_name (row, converc_delivery_exchange_is_success (exchange)
                                         ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "exchange", g_object_ref (exchange),
                              g_object_unref);
      gtk_list_box_append (self->outcomes_list, GTK_WIDGET (row));
    }
}

static void save_unsaved (CwDeliveryWindow *self);

static void
outcomes_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CwDeliveryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  saved = converc_delivery_outcomes_save_finish (CONVERC_DELIVERY_OUTCOMES (object), result, &error);
  self->saving = FALSE;
  if (self->unsaved->len > 0)
    save_unsaved (self);

  /* The window may have been closed meanwhile (its widgets are gone). */
  if (!saved && !cw_error_is_cancelled (error) && !self->disposed)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The outcome could not be kept for later: %s"), error->message);
      gtk_label_set_text (self->outcomes_problem_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->outcomes_problem_label), TRUE);
    }
}

static void
outcomes_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CwDeliveryWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!converc_delivery_outcomes_load_finish (CONVERC_DELIVERY_OUTCOMES (object), result, &error))
    {
      if (cw_error_is_cancelled (error))
        return;

      /* Say so, and go on with what is known: the next save replaces it. */
      gtk_label_set_text (self->outcomes_problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->outcomes_problem_label), TRUE);
    }

  self->outcomes_loaded = TRUE;
  show_outcomes (self);
}

/* The outcomes file read afresh with the new outcome added: saved, and
 * shown, since it also holds what was kept elsewhere since the window
 * opened (Converc's own tests of this endpoint, kept by the endpoint list). */
static void
outcomes_reloaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CwDeliveryWindow) self = user_data;
  ConvercDeliveryOutcomes *fresh = CONVERC_DELIVERY_OUTCOMES (object);
  g_autoptr(GError) error = NULL;

  /* A file that cannot be read: the save replaces it, as at the start. */
  if (!converc_delivery_outcomes_load_finish (fresh, result, &error))
    g_debug ("Kept outcomes unreadable, starting anew: %s", error->message);

  /* Outcomes shown since this save started: they go into this one too. */
  for (guint i = 0; i < self->unsaved->len; i++)
    converc_delivery_outcomes_add (fresh, self->base_url, converc_webhook_get_id (self->webhook),
                                   g_ptr_array_index (self->unsaved, i));
  g_ptr_array_set_size (self->unsaved, 0);
  g_set_object (&self->outcomes, fresh);
  if (!self->disposed)
    show_outcomes (self);
  converc_delivery_outcomes_save_async (fresh, NULL, outcomes_saved_cb, g_object_ref (self));
}

/* Saves the file as it is now plus the outcomes not saved yet (outcomes
 * added before a load stay on top of what it reads), so that what was kept
 * meanwhile by others is not overwritten. One save at a time. Not
 * cancelled when the window closes: the outcomes are kept anyway. */
static void
save_unsaved (CwDeliveryWindow *self)
{
  g_autoptr(ConvercDeliveryOutcomes) fresh = NULL;

  if (self->saving)
    return;

  fresh = converc_delivery_outcomes_new (converc_delivery_outcomes_get_file (self->outcomes));
  for (guint i = 0; i < self->unsaved->len; i++)
    converc_delivery_outcomes_add (fresh, self->base_url, converc_webhook_get_id (self->webhook),
                                   g_ptr_array_index (self->unsaved, i));
  g_ptr_array_set_size (self->unsaved, 0);
  self->saving = TRUE;
  converc_delivery_outcomes_load_async (fresh, NULL, outcomes_reloaded_cb, g_object_ref (self));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CwDeliveryWindow) self = user_data;
  g_autoptr(ConvercDeliveryExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;

  exchange = converc_delivery_send_finish (result, &error);
  if (exchange == NULL && cw_error_is_cancelled (error))
    return;

  set_sending (self, FALSE);

  if (exchange == NULL)
    {
      show_problem (self, error->message);
      return;
    }

  cw_exchange_view_set_exchange (self->exchange_view, exchange);
  gtk_widget_set_visible (GTK_WIDGET (self->exchange_view), TRUE);

  converc_delivery_outcomes_add (self->outcomes, self->base_url,
                                 converc_webhook_get_id (self->webhook), exchange);
  show_outcomes (self);
  g_ptr_array_add (self->unsaved, g_object_ref (exchange));
  save_unsaved (self);
}

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CwDeliveryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *test_id = NULL;
  char *secret;

  secret = converc_secret_store_lookup_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (secret == NULL && cw_error_is_cancelled (error))
    return;

  if (secret == NULL)
    {
      g_autofree char *message = NULL;

      set_sending (self, FALSE);
      if (error != NULL)
        {
          g_autofree char *why = cw_error_describe (error, -1);

          message = g_strdup_printf (_("The endpoint’s signing secret could not be read from "
                                       "the keyring. %s"), why);
        }
      else
        message = g_strdup_printf (_("No signing secret for this endpoint is in the keyring, so "
                                     "nothing can be signed. Converc shows a secret only when "
                                     "the endpoint is created; if you have it, store it with "
                                     "“converc secret store %s”."),
                                   converc_webhook_get_id (self->webhook));
      show_problem (self, message);
      return;
    }

  if (self->event != NULL)
    body = g_bytes_ref (self->event);
  else
    body = converc_delivery_build_test_event (g_get_real_time () / G_USEC_PER_SEC, &test_id);

  converc_delivery_send_async (NULL, gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                               secret, body,
                               self->event != NULL ? self->event_type : "webhook.test",
                               self->event != NULL ? self->event_id : test_id,
                               0, self->timeout_ms, self->cancellable,
                               sent_cb, g_object_ref (self));
  wipe_free (secret);
}

static void
send_clicked_cb (CwDeliveryWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *url;

  g_assert (CW_IS_DELIVERY_WINDOW (self));

  if (self->sending)
    return;

  url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  if (!converc_validate_endpoint_url (url, &error))
    {
      show_problem (self, error->message);
      return;
    }

  if (self->store == NULL)
    {
      show_problem (self, _("No keyring is available, so the endpoint’s signing secret "
                            "cannot be read."));
      return;
    }

  show_problem (self, NULL);
  set_sending (self, TRUE);
  converc_secret_store_lookup_async (self->store, self->base_url,
                                     converc_webhook_get_id (self->webhook),
                                     self->cancellable, secret_cb, g_object_ref (self));
}

static void
url_changed_cb (CwDeliveryWindow *self)
{
  const char *url;
  gboolean valid;

  g_assert (CW_IS_DELIVERY_WINDOW (self));

  url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  valid = converc_validate_endpoint_url (url, NULL);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
}

static void
outcome_activated_cb (CwDeliveryWindow *self,
                      GtkListBoxRow    *row)
{
  ConvercDeliveryExchange *exchange;

  g_assert (CW_IS_DELIVERY_WINDOW (self));

  exchange = g_object_get_data (G_OBJECT (row), "exchange");
  if (exchange == NULL)
    return;

  cw_exchange_view_set_exchange (self->exchange_view, exchange);
  gtk_widget_set_visible (GTK_WIDGET (self->exchange_view), TRUE);
}

static void
cw_delivery_window_dispose (GObject *object)
{
  CwDeliveryWindow *self = (CwDeliveryWindow *)object;

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (cw_delivery_window_parent_class)->dispose (object);
}

static void
cw_delivery_window_finalize (GObject *object)
{
  CwDeliveryWindow *self = (CwDeliveryWindow *)object;

  g_clear_object (&self->webhook);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->outcomes);
  g_clear_pointer (&self->unsaved, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->event, g_bytes_unref);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->event_id, g_free);

  G_OBJECT_CLASS (cw_delivery_window_parent_class)->finalize (object);
}

static void
cw_delivery_window_class_init (CwDeliveryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_delivery_window_dispose;
  object_class->finalize = cw_delivery_window_finalize;

  g_type_ensure (CW_TYPE_EXCHANGE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/converc/Webhooks/ui/cw-delivery-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryWindow, event_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryWindow, exchange_view);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryWindow, outcomes_list);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryWindow, outcomes_problem_label);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryWindow, send_button);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CwDeliveryWindow, url_row);
  gtk_widget_class_bind_template_callback (widget_class, outcome_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_delivery_window_init (CwDeliveryWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->unsaved = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @base_url: the keyring scope of the endpoint's secret and outcomes: the
 * account's id, or the API base URL for items from before accounts. */
CwDeliveryWindow *
cw_delivery_window_new (ConvercWebhook     *webhook,
                        const char         *base_url,
                        ConvercSecretStore *store,
                        GFile              *outcomes_file)
{
  g_autoptr(GFile) default_file = NULL;
  CwDeliveryWindow *self;

  g_return_val_if_fail (CONVERC_IS_WEBHOOK (webhook), NULL);
  g_return_val_if_fail (store == NULL || CONVERC_IS_SECRET_STORE (store), NULL);
  g_return_val_if_fail (outcomes_file == NULL || G_IS_FILE (outcomes_file), NULL);

  if (outcomes_file == NULL)
    outcomes_file = default_file = converc_delivery_outcomes_default_file ();

  self = g_object_new (CW_TYPE_DELIVERY_WINDOW, NULL);
  self->webhook = g_object_ref (webhook);
  self->base_url = g_strdup (base_url);
  self->store = store ? g_object_ref (store) : NULL;
  self->outcomes = converc_delivery_outcomes_new (outcomes_file);

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), converc_webhook_get_url (webhook));
  update_event_row (self);
  converc_delivery_outcomes_load_async (self->outcomes, self->cancellable,
                                        outcomes_loaded_cb, g_object_ref (self));

  return self;
}

void
cw_delivery_window_set_event (CwDeliveryWindow *self,
                              GBytes           *raw,
                              const char       *event_type,
                              const char       *event_id)
{
  g_return_if_fail (CW_IS_DELIVERY_WINDOW (self));

  g_clear_pointer (&self->event, g_bytes_unref);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->event_id, g_free);

  if (raw != NULL)
    {
      self->event = g_bytes_ref (raw);
      self->event_type = g_strdup (event_type);
      self->event_id = g_strdup (event_id);
    }

  update_event_row (self);
}

void
cw_delivery_window_set_timeout (CwDeliveryWindow *self,
                                guint             timeout_ms)
{
  g_return_if_fail (CW_IS_DELIVERY_WINDOW (self));

  self->timeout_ms = timeout_ms;
}

void
cw_delivery_window_send (CwDeliveryWindow *self)
{
  g_return_if_fail (CW_IS_DELIVERY_WINDOW (self));

  send_clicked_cb (self);
}
