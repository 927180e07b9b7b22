/* cw-detail-list.c
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

/* A long list in the event detail: the first items, then all of them lazily. */

#define G_LOG_DOMAIN "cw-detail-list"

#include "config.h"

#include "cw-detail-list.h"
#include "cw-machine-text.h"

#include <string.h>

/* The characters a row is made for, when all items are shown. */
#define ROW_CHARS 60
/* The preview of labels stops at this many characters of text too: twenty
 * lines of 500 characters without a space took a frame of 50 ms. */
#define PREVIEW_CHARS 4000
/* "Show All" gives the list view its items this many at a time, one step a
 * frame: GTK 4.8's list view makes a row for each of its
 * first 200 items at once (200 rows of 500 characters: a 55 ms frame), not
 * only for the rows on screen. */
#define SHOW_STEP 40

/* The items as a GListModel of GtkStringObject, each made when a row asks
 * for it: 200,000 transcript lines cost nothing until they are scrolled to. */
#define CW_TYPE_DETAIL_LIST_MODEL (cw_detail_list_model_get_type())

G_DECLARE_FINAL_TYPE (CwDetailListModel, cw_detail_list_model, CW, DETAIL_LIST_MODEL, GObject)

struct _CwDetailListModel
{
  GObject             parent_instance;

  GPtrArray          *items;
  CwDetailListFormat  format;
  /* How many of the items the model has so far. */
  guint               n_shown;
};

static GType
cw_detail_list_model_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
cw_detail_list_model_get_n_items (GListModel *model)
{
  return CW_DETAIL_LIST_MODEL (model)->n_shown;
}

static gpointer
cw_detail_list_model_get_item (GListModel *model,
                               guint       position)
{
  CwDetailListModel *self = CW_DETAIL_LIST_MODEL (model);
  g_autofree char *text = NULL;

  if (position >= self->n_shown)
    return NULL;

  text = self->format (g_ptr_array_index (self->items, position));
  return gtk_string_object_new (text);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cw_detail_list_model_get_item_type;
  iface->get_n_items = cw_detail_list_model_get_n_items;
  iface->get_item = cw_detail_list_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CwDetailListModel, cw_detail_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
cw_detail_list_model_finalize (GObject *object)
{
  CwDetailListModel *self = (CwDetailListModel *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_detail_list_model_parent_class)->finalize (object);
}

static void
cw_detail_list_model_class_init (CwDetailListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_detail_list_model_finalize;
}

static void
cw_detail_list_model_init (CwDetailListModel *self)
{
}

/* The widget */

struct _CwDetailList
{
  AdwBin              parent_instance;

  GPtrArray          *items;
  CwDetailListFormat  format;
  GtkWidget          *labelled_by;

  GtkWidget          *box;
  GtkWidget          *preview;
  GtkWidget          *button;
  GtkWidget          *list_view;
  CwDetailListModel  *model;
  guint               grow_tick;
};

G_DEFINE_FINAL_TYPE (CwDetailList, cw_detail_list, ADW_TYPE_BIN)

static GtkWidget *
text_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Plain text, never markup; the text is already capped. */
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  cw_label_bound_wrapping (GTK_LABEL (label));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);

  return label;
}

/* Rows are inscriptions: their height comes from a line count, not from
 * laying out their text, so showing a list measures no row's text. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 0);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (inscription), PANGO_WRAP_WORD_CHAR);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 20);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), ROW_CHARS);
  gtk_widget_set_margin_top (inscription, 3);
  gtk_widget_set_margin_bottom (inscription, 3);
  gtk_list_item_set_child (item, inscription);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  guint lines = 0;

  /* Enough lines for the text at ROW_CHARS characters a line: a wider row
   * leaves some space, a narrower one ellipsizes the end. */
  for (const char *line = text; line != NULL; )
    {
      const char *nl = strchr (line, '\n');
      glong chars = g_utf8_strlen (line, nl != NULL ? nl - line : -1);

      lines += MAX (1, (chars + ROW_CHARS - 1) / ROW_CHARS);
      line = nl != NULL ? nl + 1 : NULL;
    }

  gtk_inscription_set_min_lines (inscription, MIN (lines, 40));
  gtk_inscription_set_nat_lines (inscription, MIN (lines, 40));
  gtk_inscription_set_text (inscription, text);
}

/* Gives the model its next SHOW_STEP items; beyond the rows the list view
 * makes at once, all the rest in one step (an item without a row costs
 * nothing). */
static gboolean
grow_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  CwDetailList *self = CW_DETAIL_LIST (widget);
  CwDetailListModel *model = self->model;
  guint before = model->n_shown;

  g_assert (CW_IS_DETAIL_LIST (self));

  if (before >= 5 * SHOW_STEP)
    model->n_shown = model->items->len;
  else
    model->n_shown = MIN (before + SHOW_STEP, model->items->len);
  g_list_model_items_changed (G_LIST_MODEL (model), before, 0, model->n_shown - before);

  if (model->n_shown < model->items->len)
    return G_SOURCE_CONTINUE;

  self->grow_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
show_all_clicked_cb (CwDetailList *self)
{
  g_assert (CW_IS_DETAIL_LIST (self));

  cw_detail_list_show_all (self);
}

static void
cw_detail_list_dispose (GObject *object)
{
  CwDetailList *self = (CwDetailList *)object;

  if (self->grow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_tick);
  self->grow_tick = 0;
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->model);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_detail_list_parent_class)->dispose (object);
}

static void
cw_detail_list_class_init (CwDetailListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cw_detail_list_dispose;
}

static void
cw_detail_list_init (CwDetailList *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_bin_set_child (ADW_BIN (self), self->box);
}

/**
 * cw_detail_list_new:
 * @items: the items, for @format
 * @format: makes an item's text
 * @preview: (nullable) (transfer floating): what shows the first items, or
 *   %NULL for one label per item
 * @n_preview: how many items the preview shows
 * @show_all_label: the button's label, e.g. "Show All 5,000 Lines…"
 * @labelled_by: (nullable): the heading that names the list
 *
 * Returns: (transfer floating): the list
 */
GtkWidget *
cw_detail_list_new (GPtrArray          *items,
                    CwDetailListFormat  format,
                    GtkWidget          *preview,
                    guint               n_preview,
                    const char         *show_all_label,
                    GtkWidget          *labelled_by)
{
  CwDetailList *self;

  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  self = g_object_new (CW_TYPE_DETAIL_LIST, NULL);
  self->items = g_ptr_array_ref (items);
  self->format = format;
  self->labelled_by = labelled_by;

  if (preview == NULL)
    {
      glong chars = 0;
      guint i;

      preview = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      for (i = 0; i < MIN (n_preview, items->len) && chars < PREVIEW_CHARS; i++)
        {
          g_autofree char *text = format (g_ptr_array_index (items, i));
          GtkWidget *label = text_label_new (text);

          chars += g_utf8_strlen (text, -1);
          if (labelled_by != NULL)
            gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY, labelled_by, NULL,
                                            -1);
          gtk_box_append (GTK_BOX (preview), label);
        }
      n_preview = i;
    }
  self->preview = preview;
  gtk_box_append (GTK_BOX (self->box), preview);

  if (items->len > n_preview)
    {
      self->button = gtk_button_new_with_label (show_all_label);
      gtk_widget_set_halign (self->button, GTK_ALIGN_START);
      g_signal_connect_object (self->button, "clicked",
                               G_CALLBACK (show_all_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->box), self->button);
    }

  return GTK_WIDGET (self);
}

/**
 * cw_detail_list_show_all:
 *
 * Replaces the preview with a list view of every item, scrolled on its
 * own so that only the rows on screen are made and laid out.
 */
void
cw_detail_list_show_all (CwDetailList *self)
{
  g_autoptr(CwDetailListModel) model = NULL;
  GtkListItemFactory *factory;
  GtkSelectionModel *selection;
  GtkWidget *scroller;

  g_return_if_fail (CW_IS_DETAIL_LIST (self));

  if (self->list_view != NULL)
    return;

  model = g_object_new (CW_TYPE_DETAIL_LIST_MODEL, NULL);
  model->items = g_ptr_array_ref (self->items);
  model->format = self->format;
  model->n_shown = MIN (SHOW_STEP, self->items->len);
  self->model = g_object_ref (model);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&model))));
  self->list_view = gtk_list_view_new (selection, factory);
  gtk_widget_add_css_class (self->list_view, "detail-list");
  if (self->labelled_by != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->list_view),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->labelled_by, NULL,
                                    -1);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list_view);

  gtk_box_remove (GTK_BOX (self->box), self->preview);
  self->preview = NULL;
  if (self->button != NULL)
    {
      gtk_box_remove (GTK_BOX (self->box), self->button);
      self->button = NULL;
    }
  gtk_box_append (GTK_BOX (self->box), scroller);
  gtk_widget_grab_focus (self->list_view);

  if (self->model->n_shown < self->items->len)
    self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_cb, NULL, NULL);
}

gboolean
cw_detail_list_get_showing_all (CwDetailList *self)
{
  g_return_val_if_fail (CW_IS_DETAIL_LIST (self), FALSE);

  return self->list_view != NULL;
}
