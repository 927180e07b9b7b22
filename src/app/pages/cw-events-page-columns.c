/* cw-events-page-columns.c
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

/* The one concern of this file: the Events page's columns — their cells,
 * sorters and tooltips, and the ticker that keeps "2 min ago" true. */

#define G_LOG_DOMAIN "cw-events-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-events-page-private.h"
#include "cw-cell.h"
#include "cw-time-format.h"

/* A list narrower than this hides the Event ID column (px)… */
#define NO_ID_WIDTH       640
/* …and narrower than this shows Time and Summary only. */
#define NARROW_LIST_WIDTH 460

typedef enum
{
  COLUMN_TIME,
  COLUMN_TYPE,
  COLUMN_SUMMARY,
  COLUMN_ID,
} Column;

static void
bind_time (GtkListItem *item,
           gint64       now_unix)
{
  ConvercEvent *event = cw_slot_unwrap (gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (!CONVERC_IS_EVENT (event) || !GTK_IS_INSCRIPTION (cell) ||
      cw_journal_model_is_placeholder (event))
    return;

  text = cw_format_event_time (event, now_unix);
  cw_cell_set_text (cell, text);
}

static void
bind_summary (CwEventsPage *self,
              GtkListItem  *item)
{
  ConvercEvent *event = cw_slot_unwrap (gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *summary = NULL;
  g_autofree char *with_type = NULL;

  if (!CONVERC_IS_EVENT (event) || !GTK_IS_INSCRIPTION (cell) ||
      cw_journal_model_is_placeholder (event))
    return;

  summary = converc_event_dup_summary (event);

  /* Narrow, the Type column is hidden: the type leads the summary. */
  if (self->narrow_level >= 2)
    {
      const char *type = converc_event_get_event_type (event);
      g_autofree char *shown = converc_display_text (type != NULL ? type : "—", -1, 80,
                                                     CONVERC_DISPLAY_TEXT_ONE_LINE |
                                                     CONVERC_DISPLAY_TEXT_IDENTITY);

      with_type = g_strconcat (shown, " · ", summary, NULL);
    }
  cw_cell_set_text (cell, with_type != NULL ? with_type : summary);
}

static gboolean
tick_cb (gpointer user_data)
{
  CwEventsPage *self = user_data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GHashTableIter iter;
  gpointer item;

  g_assert (CW_IS_EVENTS_PAGE (self));

  /* Only the rows on screen are bound: a few dozen labels. */
  g_hash_table_iter_init (&iter, self->bound_times);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    bind_time (item, now);

  return G_SOURCE_CONTINUE;
}

static gboolean
query_tooltip_cb (GtkWidget   *label,
                  int          x,
                  int          y,
                  gboolean     keyboard_mode,
                  GtkTooltip  *tooltip,
                  GtkListItem *item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "cw-column"));
  ConvercEvent *event = cw_slot_unwrap (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;

  if (!CONVERC_IS_EVENT (event) || cw_journal_model_is_placeholder (event))
    return FALSE;

  switch (column)
    {
    case COLUMN_TIME:
      text = cw_format_event_time_exact (event);
      break;

    case COLUMN_TYPE:
      {
        const char *type = converc_event_get_event_type (event);
        const char *description = type != NULL ? converc_event_type_describe (type) : NULL;

        text = g_strdup (description != NULL ? _(description)
                                             : _("An event type this app does not know"));
      }
      break;

    case COLUMN_SUMMARY:
      text = converc_event_dup_summary (event);
      break;

    case COLUMN_ID:
      text = g_strdup (converc_event_get_id (event));
      break;

    default:
      g_assert_not_reached ();
    }

  if (text == NULL)
    return FALSE;

  /* Server text: plain text, never markup. */
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CwEventsPage             *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "cw-column"));
  /* The columns but Summary have fixed widths (the .ui file). */
  GtkWidget *label = cw_cell_new (column == COLUMN_SUMMARY ? 12 : 4,
                                  column == COLUMN_SUMMARY ? 32 : 12,
                                  column == COLUMN_ID ? GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE
                                                      : GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (column == COLUMN_ID)
    gtk_widget_add_css_class (label, "monospace");
  if (column == COLUMN_TIME)
    gtk_widget_add_css_class (label, "numeric");

  /* Tooltips are computed when asked for: gtk_widget_set_tooltip_text() in
   * bind would query the pointer from the X server for every row bound. */
  g_object_set_data (G_OBJECT (label), "cw-column", GINT_TO_POINTER (column));
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_tooltip_cb), item);

  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CwEventsPage             *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "cw-column"));
  ConvercEvent *event = cw_slot_unwrap (gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_list_item_get_child (item);

  if (!CONVERC_IS_EVENT (event))
    return;

  /* A row whose page of the journal is still read: blank until it comes. */
  if (cw_journal_model_is_placeholder (event))
    {
      if (GTK_IS_INSCRIPTION (cell))
        cw_cell_set_text (cell, "");
      return;
    }

  /* Only what the event already holds: no JSON is parsed here. Server text
   * always goes in as plain text, never as markup. */
  switch (column)
    {
    case COLUMN_TIME:
      bind_time (item, g_get_real_time () / G_USEC_PER_SEC);
      if (self->bound_times != NULL)
        g_hash_table_add (self->bound_times, item);
      break;

    case COLUMN_TYPE:
      {
        const char *type = converc_event_get_event_type (event);

        cw_cell_set_text (cell, type != NULL ? type : "—");
      }
      break;

    case COLUMN_SUMMARY:
      bind_summary (self, item);
      if (self->bound_summaries != NULL)
        g_hash_table_add (self->bound_summaries, item);
      break;

    case COLUMN_ID:
      {
        const char *id = converc_event_get_id (event);

        cw_cell_set_text (cell, id != NULL ? id : "—");
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
unbind_label_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CwEventsPage             *self)
{
  if (self->bound_times != NULL)
    g_hash_table_remove (self->bound_times, item);
  if (self->bound_summaries != NULL)
    g_hash_table_remove (self->bound_summaries, item);
}

static void
setup_column (CwEventsPage        *self,
              GtkColumnViewColumn *column,
              Column               which,
              GtkSorter           *sorter)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_assert (CW_IS_EVENTS_PAGE (self));

  g_object_set_data (G_OBJECT (factory), "cw-column", GINT_TO_POINTER (which));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_label_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_label_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_label_cb), self, 0);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
}

static char *
summary_for_sort (ConvercEvent *event)
{
  return CONVERC_IS_EVENT (event) ? converc_event_dup_summary (event) : NULL;
}

static GtkSorter *
property_sorter (const char *property)
{
  GtkExpression *expression = gtk_property_expression_new (CONVERC_TYPE_EVENT, NULL, property);

  if (g_str_equal (property, "created-unix"))
    return GTK_SORTER (gtk_numeric_sorter_new (expression));

  return GTK_SORTER (gtk_string_sorter_new (expression));
}

static gboolean
adapt_columns_cb (gpointer user_data)
{
  CwEventsPage *self = user_data;
  GHashTableIter iter;
  gpointer item;
  gboolean rebind;

  g_assert (CW_IS_EVENTS_PAGE (self));

  self->adapt_source = 0;
  rebind = (self->narrow_level >= 2) != (self->wanted_level >= 2);
  self->narrow_level = self->wanted_level;

  gtk_column_view_column_set_visible (self->type_column, self->narrow_level < 2);
  gtk_column_view_column_set_visible (self->id_column, self->narrow_level < 1);
  gtk_column_view_column_set_fixed_width (self->time_column, self->narrow_level >= 2 ? 110 : 140);
  /* GTK 4.8 leaves an expanding column at the width it had beside the
   * hidden ones: give Summary the rest of the list. */
  gtk_column_view_column_set_fixed_width (self->summary_column,
                                          self->narrow_level >= 2
                                            ? MAX (120, self->list_width - 110 - 4)
                                            : -1);

  if (!rebind)
    return G_SOURCE_REMOVE;

  /* The summaries on screen again, with or without their type. */
  g_hash_table_iter_init (&iter, self->bound_summaries);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    bind_summary (self, item);

  return G_SOURCE_REMOVE;
}

/* Called after each allocation of the list: below NO_ID_WIDTH
 * the Event ID column goes (the detail has it, and search finds it), below
 * NARROW_LIST_WIDTH the Type column too, the type leading the summary, so
 * that a 360 px window still says what happened to whom. Changed after the
 * allocation, never during it. */
static void
hadjustment_changed_cb (CwEventsPage  *self,
                        GtkAdjustment *adjustment)
{
  /* The list's width, not the columns': hiding columns never changes it,
   * so the list cannot flip back and forth. */
  int list_width = (int) gtk_adjustment_get_page_size (adjustment);
  int level;
  gboolean resized;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (list_width <= 0)
    return;

  level = list_width < NARROW_LIST_WIDTH ? 2 : list_width < NO_ID_WIDTH ? 1 : 0;
  resized = list_width != self->list_width;
  self->list_width = list_width;
  self->wanted_level = level;
  if (self->adapt_source == 0 && (level != self->narrow_level || (level >= 2 && resized)))
    self->adapt_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, adapt_columns_cb, self, NULL);
}

/* Called from init: sets the four columns up, newest first, and starts the
 * ticker. */
void
_cw_events_page_setup_columns (CwEventsPage *self)
{
  GtkExpression *summary;

  g_assert (CW_IS_EVENTS_PAGE (self));

  self->bound_times = g_hash_table_new (NULL, NULL);
  self->bound_summaries = g_hash_table_new (NULL, NULL);

  summary = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                         G_CALLBACK (summary_for_sort), NULL, NULL);

  setup_column (self, self->time_column, COLUMN_TIME, property_sorter ("created-unix"));
  setup_column (self, self->type_column, COLUMN_TYPE, property_sorter ("event-type"));
  setup_column (self, self->summary_column, COLUMN_SUMMARY,
                GTK_SORTER (gtk_string_sorter_new (summary)));
  setup_column (self, self->id_column, COLUMN_ID, property_sorter ("id"));

  /* Newest first. */
  gtk_column_view_sort_by_column (self->column_view, self->time_column, GTK_SORT_DESCENDING);

  self->tick_source = g_timeout_add_seconds (30, tick_cb, self);
  g_source_set_name_by_id (self->tick_source, "[cw] events relative times");

  /* Configured with the list's width at each allocation. */
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                           G_CALLBACK (hadjustment_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Called from dispose, before the column view goes. */
void
_cw_events_page_stop_columns (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->adapt_source, g_source_remove);
  g_clear_pointer (&self->bound_times, g_hash_table_unref);
  g_clear_pointer (&self->bound_summaries, g_hash_table_unref);
}
