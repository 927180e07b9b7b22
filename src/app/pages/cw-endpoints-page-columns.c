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

/* The Endpoints page's columns: cell factories, tooltips and sorters. */

#define G_LOG_DOMAIN "cw-endpoints-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-cell.h"
#include "cw-endpoints-page-private.h"
#include "cw-time-format.h"

typedef enum
{
  COLUMN_STATUS,
  COLUMN_URL,
  COLUMN_EVENTS,
  COLUMN_CREATED,
  COLUMN_ACTIONS,
} Column;

static void
cell_notify_cb (GtkListItem *list_item,
                GParamSpec  *pspec,
                gpointer     item);

static void
cell_update (GtkListItem *list_item)
{
  ConvercWebhook *webhook = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "cw-column"));
  g_autofree char *text = NULL;

  if (webhook == NULL || child == NULL)
    return;

  switch (column)
    {
    case COLUMN_STATUS:
      _cw_endpoints_page_set_status_badge (GTK_LABEL (child), webhook);
      return;

    case COLUMN_URL:
      text = g_strdup (converc_webhook_get_url (webhook));
      break;

    case COLUMN_EVENTS:
      text = converc_webhook_dup_events_label (webhook);
      break;

    case COLUMN_CREATED:
      /* One date column: "Updated" only in the tooltip, and only when it
       * says something "Created" does not. */
      text = cw_format_timestamp_short (converc_webhook_get_created_at (webhook));
      g_object_set_data_full (G_OBJECT (child), "cw-updated",
                              _cw_endpoints_page_dup_updated_text (webhook), g_free);
      break;

    case COLUMN_ACTIONS:
      {
        g_autofree char *label = g_strdup_printf (_("Send Test Event to %s"),
                                                  converc_webhook_get_url (webhook));

        gtk_actionable_set_action_target (GTK_ACTIONABLE (child), "s",
                                          converc_webhook_get_id (webhook));
        gtk_actionable_set_action_name (GTK_ACTIONABLE (child), "endpoints.test");
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
      }
      return;

    default:
      g_assert_not_reached ();
    }

  cw_cell_set_text (child, text);
}

/* Tooltips are computed when asked for: gtk_widget_set_tooltip_text() in
 * bind asks the X server where the pointer is, for every cell bound, which
 * made scrolling 5,000 endpoints take ~60 ms a frame. */
static gboolean
cell_query_tooltip_cb (GtkWidget  *child,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *updated = g_object_get_data (G_OBJECT (child), "cw-updated");
  g_autofree char *both = NULL;
  const char *text;

  if (GTK_IS_BUTTON (child))
    text = _("Send Test Event");
  else
    text = gtk_inscription_get_text (GTK_INSCRIPTION (child));

  if (text == NULL || text[0] == '\0')
    return FALSE;

  if (updated != NULL)
    {
      /* TRANSLATORS: a tooltip: when an endpoint was created, then when it
       * was last changed */
      both = g_strdup_printf (_("Created %s\nUpdated %s"), text, updated);
      text = both;
    }

  /* Server text: plain text, never markup. */
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
cell_notify_cb (GtkListItem *list_item,
                GParamSpec  *pspec,
                gpointer     item)
{
  cell_update (list_item);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child;

  g_object_set_data (G_OBJECT (list_item), "cw-column", GINT_TO_POINTER (column));

  if (column == COLUMN_ACTIONS)
    {
      child = gtk_button_new_from_icon_name ("mail-send-symbolic");
      gtk_widget_add_css_class (child, "flat");
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
    }
  else if (column == COLUMN_STATUS)
    {
      child = gtk_label_new (NULL);
      gtk_widget_add_css_class (child, "endpoint-status");
      gtk_label_set_xalign (GTK_LABEL (child), 0.5);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
    }
  else
    {
      /* The URL has the room: host and path readable, cut in the middle
       * of the path only when the window is narrow. */
      if (column == COLUMN_URL)
        child = cw_cell_new (24, 48, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE);
      else if (column == COLUMN_EVENTS)
        child = cw_cell_new (8, 14, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      else
        {
          /* Dates: "2026-11-27 14:03" (cw_format_timestamp_short()). The
           * width of a character here is Pango's average, wider than a
           * digit: 15 hold the 16 characters with some to spare. A date the
           * app cannot read is shown as it came, ellipsized, whole in its
           * tooltip. */
          child = cw_cell_new (15, 15, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
          gtk_widget_add_css_class (child, "numeric");
        }
    }

  if (column != COLUMN_STATUS)
    {
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect (child, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
    }

  gtk_list_item_set_child (list_item, child);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  ConvercWebhook *webhook = gtk_list_item_get_item (list_item);
  gulong handler;

  cell_update (list_item);

  handler = g_signal_connect_object (webhook, "notify",
                                     G_CALLBACK (cell_notify_cb), list_item,
                                     G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (list_item), "cw-notify", GSIZE_TO_POINTER (handler));
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  ConvercWebhook *webhook = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "cw-notify"));

  if (webhook != NULL && handler != 0)
    g_signal_handler_disconnect (webhook, handler);
  g_object_set_data (G_OBJECT (list_item), "cw-notify", NULL);
}

static void
cw_endpoints_page_setup_column (GtkColumnViewColumn *column,
                                Column               kind,
                                GtkSorter           *sorter)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), GINT_TO_POINTER (kind));
  gtk_column_view_column_set_factory (column, factory);

  if (sorter != NULL)
    {
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
    }
}

static GtkSorter *
string_sorter_for (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (CONVERC_TYPE_WEBHOOK,
                                                                         NULL, property)));
}

void
_cw_endpoints_page_set_status_badge (GtkLabel       *label,
                                     ConvercWebhook *webhook)
{
  gboolean active = converc_webhook_get_is_active (webhook);
  const char *text = active ? _("Active") : _("Disabled");

  /* A label's new text resizes the whole window: only when it changes. */
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), active ? "disabled" : "active");
  gtk_widget_add_css_class (GTK_WIDGET (label), active ? "active" : "disabled");
}

/* When @webhook was last changed, or %NULL when that reads the same as
 * when it was created (the API sets both at creation). */
char *
_cw_endpoints_page_dup_updated_text (ConvercWebhook *webhook)
{
  g_autofree char *created = cw_format_timestamp_short (converc_webhook_get_created_at (webhook));
  g_autofree char *updated = NULL;

  if (converc_webhook_get_updated_at (webhook) == NULL)
    return NULL;

  updated = cw_format_timestamp_short (converc_webhook_get_updated_at (webhook));
  if (updated == NULL || updated[0] == '\0' || g_strcmp0 (created, updated) == 0)
    return NULL;

  return g_steal_pointer (&updated);
}

/* Sets up every column's factory and sorter; the list is sorted newest
 * first. */
void
_cw_endpoints_page_setup_columns (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  cw_endpoints_page_setup_column (self->status_column, COLUMN_STATUS,
                                  GTK_SORTER (gtk_numeric_sorter_new (
                                    gtk_property_expression_new (CONVERC_TYPE_WEBHOOK, NULL,
                                                                 "is-active"))));
  cw_endpoints_page_setup_column (self->url_column, COLUMN_URL, string_sorter_for ("url"));
  cw_endpoints_page_setup_column (self->events_column, COLUMN_EVENTS, NULL);
  cw_endpoints_page_setup_column (self->created_column, COLUMN_CREATED,
                                  string_sorter_for ("created-at"));
  cw_endpoints_page_setup_column (self->actions_column, COLUMN_ACTIONS, NULL);
}
