/* cw-exchange-view.c
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

/* The one concern of this file: showing one delivery exchange (what was
 * sent, what came back) as a widget. */

#define G_LOG_DOMAIN "cw-exchange-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-exchange-view.h"
#include "cw-machine-text.h"

/* A header value longer than this is cut ("…") */
#define MAX_HEADER_CHARS 2048

struct _CwExchangeView
{
  AdwBin                   parent_instance;

  ConvercDeliveryExchange *exchange;

  GtkWidget               *body_heading;
  GtkLabel                *body_note_label;
  GtkWidget               *body_scroller;
  GtkTextView             *body_view;
  GtkLabel                *error_label;
  GtkImage                *origin_icon;
  GtkLabel                *origin_label;
  GtkWidget               *response_heading;
  GtkLabel                *response_label;
  GtkLabel                *request_label;
  GtkLabel                *status_label;
  GtkLabel                *time_label;
};

G_DEFINE_FINAL_TYPE (CwExchangeView, cw_exchange_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EXCHANGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
append_line (GString    *text,
             const char *line)
{
  g_autofree char *shown = converc_display_text (line, -1, MAX_HEADER_CHARS,
                                                 CONVERC_DISPLAY_TEXT_ONE_LINE |
                                                 CONVERC_DISPLAY_TEXT_IDENTITY);

  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, shown);
}

static void
append_headers (GString            *text,
                const char * const *headers)
{
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    {
      g_autofree char *line = g_strdup_printf ("%s: %s", headers[i], headers[i + 1]);

      append_line (text, line);
    }
}

static char *
format_duration (gint64 usec)
{
  if (usec < G_USEC_PER_SEC)
    /* Translators: how long a delivery took, in milliseconds */
    return g_strdup_printf (_("%d ms"), (int)(usec / 1000));

  /* Translators: how long a delivery took, in seconds */
  return g_strdup_printf (_("%.1f s"), usec / (double)G_USEC_PER_SEC);
}

static void
set_status_class (CwExchangeView *self,
                  const char     *name)
{
  static const char * const classes[] = { "success", "warning", "error" };

  g_assert (CW_IS_EXCHANGE_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
  if (name != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), name);
}

static void
cw_exchange_view_update (CwExchangeView *self)
{
  ConvercDeliveryExchange *exchange = self->exchange;
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GString) response = g_string_new (NULL);
  g_autofree char *request_line = NULL;
  g_autofree char *status_line = NULL;
  g_autofree char *body = NULL;
  g_autofree char *shown_body = NULL;
  g_autofree char *took = NULL;
  const GError *error;
  ConvercDeliveryBodyKind kind = CONVERC_DELIVERY_BODY_EMPTY;
  gboolean local;
  guint status;

  g_assert (CW_IS_EXCHANGE_VIEW (self));

  if (exchange == NULL)
    {
      gtk_label_set_text (self->status_label, "");
      gtk_label_set_text (self->time_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      gtk_label_set_text (self->request_label, "");
      gtk_label_set_text (self->response_label, "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), "", -1);
      return;
    }

  local = converc_delivery_exchange_get_origin (exchange) == CONVERC_DELIVERY_ORIGIN_LOCAL;
  status = converc_delivery_exchange_get_status (exchange);
  error = converc_delivery_exchange_get_error (exchange);

  gtk_label_set_text (self->origin_label,
                      converc_delivery_origin_describe (converc_delivery_exchange_get_origin (exchange)));
  gtk_image_set_from_icon_name (self->origin_icon,
                                local ? "computer-symbolic" : "network-server-symbolic");

  if (status > 0)
    {
      const char *reason = converc_delivery_exchange_get_reason (exchange);
      g_autofree char *text = g_strdup_printf ("%u %s", status, reason ? reason : "");

      gtk_label_set_text (self->status_label, g_strstrip (text));
      set_status_class (self, status >= 200 && status <= 299 ? "success"
                              : status >= 300 && status <= 399 ? "warning" : "error");
    }
  else
    {
      gtk_label_set_text (self->status_label, _("No Answer"));
      set_status_class (self, "error");
    }

  took = local ? format_duration (converc_delivery_exchange_get_duration (exchange)) : NULL;
  gtk_label_set_text (self->time_label, took ? took : "");

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    gtk_label_set_text (self->error_label, error->message);

  request_line = converc_delivery_exchange_dup_request_line (exchange);
  if (local)
    {
      append_line (request, request_line);
      append_headers (request, converc_delivery_exchange_get_request_headers (exchange));
    }
  else
    {
      /* Converc's own test: only its URL and outcome are known. */
      append_line (request, converc_delivery_exchange_get_url (exchange));
    }
  gtk_label_set_text (self->request_label, request->str);
  cw_label_no_hyphens (self->request_label);

  status_line = converc_delivery_exchange_dup_status_line (exchange);
  gtk_widget_set_visible (self->response_heading, status_line != NULL && local);
  gtk_widget_set_visible (GTK_WIDGET (self->response_label), status_line != NULL && local);
  if (status_line != NULL)
    {
      append_line (response, status_line);
      append_headers (response, converc_delivery_exchange_get_response_headers (exchange));
    }
  gtk_label_set_text (self->response_label, response->str);
  cw_label_no_hyphens (self->response_label);

  body = converc_delivery_exchange_dup_body_text (exchange, &kind);
  gtk_widget_set_visible (self->body_heading, status > 0 && local);
  gtk_widget_set_visible (GTK_WIDGET (self->body_note_label), status > 0 && local);
  gtk_widget_set_visible (self->body_scroller,
                          status > 0 && local && kind != CONVERC_DELIVERY_BODY_EMPTY &&
                          kind != CONVERC_DELIVERY_BODY_BINARY);

  switch (kind)
    {
    case CONVERC_DELIVERY_BODY_EMPTY:
      gtk_label_set_text (self->body_note_label, _("The answer has no body."));
      break;

    case CONVERC_DELIVERY_BODY_BINARY:
      {
        /* Translators: %s is "binary, 2,048 bytes" */
        g_autofree char *note = g_strdup_printf (_("Not shown: %s."), body);

        gtk_label_set_text (self->body_note_label, note);
      }
      break;

    case CONVERC_DELIVERY_BODY_JSON:
      gtk_label_set_text (self->body_note_label, _("JSON, pretty-printed."));
      break;

    case CONVERC_DELIVERY_BODY_TEXT:
    default:
      if (converc_delivery_exchange_get_body_truncated (exchange))
        {
          g_autofree char *total =
            g_format_size (converc_delivery_exchange_get_body_size (exchange));
          /* Translators: %s is a size such as "10.5 MB" */
          g_autofree char *note = g_strdup_printf (_("Cut: the first 64 KB of %s are shown."),
                                                   total);

          gtk_label_set_text (self->body_note_label, note);
        }
      else
        gtk_label_set_text (self->body_note_label, _("Text."));
      break;
    }

  if (kind == CONVERC_DELIVERY_BODY_JSON || kind == CONVERC_DELIVERY_BODY_TEXT)
    shown_body = converc_display_text (body, -1, CONVERC_DELIVERY_MAX_KEPT_BODY * 2,
                                       CONVERC_DISPLAY_TEXT_DEFAULT);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            shown_body ? shown_body : "", -1);
}

static void
cw_exchange_view_dispose (GObject *object)
{
  CwExchangeView *self = (CwExchangeView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_EXCHANGE_VIEW);
  g_clear_object (&self->exchange);

  G_OBJECT_CLASS (cw_exchange_view_parent_class)->dispose (object);
}

static void
cw_exchange_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CwExchangeView *self = CW_EXCHANGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXCHANGE:
      g_value_set_object (value, self->exchange);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_exchange_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CwExchangeView *self = CW_EXCHANGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXCHANGE:
      cw_exchange_view_set_exchange (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_exchange_view_class_init (CwExchangeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_exchange_view_dispose;
  object_class->get_property = cw_exchange_view_get_property;
  object_class->set_property = cw_exchange_view_set_property;

  properties[PROP_EXCHANGE] =
    g_param_spec_object ("exchange", NULL, NULL,
                         CONVERC_TYPE_DELIVERY_EXCHANGE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/converc/Webhooks/ui/cw-exchange-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, body_heading);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, body_note_label);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, body_scroller);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, body_view);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, origin_icon);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, origin_label);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, request_label);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, response_heading);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, response_label);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, status_label);
  gtk_widget_class_bind_template_child (widget_class, CwExchangeView, time_label);
}

static void
cw_exchange_view_init (CwExchangeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cw_exchange_view_new (void)
{
  return g_object_new (CW_TYPE_EXCHANGE_VIEW, NULL);
}

ConvercDeliveryExchange *
cw_exchange_view_get_exchange (CwExchangeView *self)
{
  g_return_val_if_fail (CW_IS_EXCHANGE_VIEW (self), NULL);

  return self->exchange;
}

void
cw_exchange_view_set_exchange (CwExchangeView          *self,
                               ConvercDeliveryExchange *exchange)
{
  g_return_if_fail (CW_IS_EXCHANGE_VIEW (self));
  g_return_if_fail (exchange == NULL || CONVERC_IS_DELIVERY_EXCHANGE (exchange));

  if (g_set_object (&self->exchange, exchange))
    {
      cw_exchange_view_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCHANGE]);
    }
}

const char *
cw_exchange_view_get_status_text (CwExchangeView *self)
{
  g_return_val_if_fail (CW_IS_EXCHANGE_VIEW (self), NULL);

  return gtk_label_get_text (self->status_label);
}

char *
cw_exchange_view_dup_body_text (CwExchangeView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CW_IS_EXCHANGE_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
