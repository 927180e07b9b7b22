/* cw-slot-model.c
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

/* The one concern of this file: a selection model of slots that lets a list view keep its row
 * widgets when a filter changes which items are shown. */

#define G_LOG_DOMAIN "cw-slot-model"

#include "config.h"

#include <string.h>

#include "cw-slot-model.h"

/* Slots at most this far apart are told of as one change */
#define SLOT_GAP 32
/* Changes that replace fewer positions are told as they came */
#define SPLIT_MIN 1000
/* Slots made since the last sweep that start another, at the least */
#define SWEEP_MIN 500

struct _CwSlot
{
  GObject  parent_instance;

  GObject *item;
};

G_DEFINE_FINAL_TYPE (CwSlot, cw_slot, G_TYPE_OBJECT)

struct _CwSlotModel
{
  GObject            parent_instance;

  GtkSelectionModel *model;
  /* One entry a position of @model: a CwSlot while a view may hold it,
   * else NULL. */
  GPtrArray         *slots;
  /* Slots kept by the last sweep, and made since */
  guint              n_kept;
  guint              n_made;
};

static void cw_slot_model_list_model_init      (GListModelInterface         *iface);
static void cw_slot_model_selection_model_init (GtkSelectionModelInterface  *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CwSlotModel, cw_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cw_slot_model_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      cw_slot_model_selection_model_init))

static void
cw_slot_finalize (GObject *object)
{
  CwSlot *self = (CwSlot *)object;

  g_clear_object (&self->item);

  G_OBJECT_CLASS (cw_slot_parent_class)->finalize (object);
}

static void
cw_slot_class_init (CwSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_slot_finalize;
}

static void
cw_slot_init (CwSlot *self)
{
}

static void
slot_free (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

/* Points the slot at @position, if there is one, to the item there now. */
static void
refresh_slot (CwSlotModel *self,
              guint        position)
{
  CwSlot *slot = g_ptr_array_index (self->slots, position);

  g_assert (CW_IS_SLOT_MODEL (self));

  if (slot != NULL)
    {
      GObject *item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

      g_clear_object (&slot->item);
      slot->item = item;
    }
}

/* Lets the slots go that no view holds any more (the array's is their
 * only reference), and their items with them: scrolling through a long
 * list asks for a slot at every position it passes, and each held an
 * item (a whole event) for as long as the model lived. A view asks again
 * for a position it does not hold, and gets a new slot. */
static void
sweep (CwSlotModel *self)
{
  g_assert (CW_IS_SLOT_MODEL (self));

  self->n_kept = 0;
  self->n_made = 0;
  for (guint i = 0; i < self->slots->len; i++)
    {
      CwSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot == NULL)
        continue;
      if (G_OBJECT (slot)->ref_count == 1)
        {
          g_ptr_array_index (self->slots, i) = NULL;
          g_object_unref (slot);
        }
      else
        self->n_kept++;
    }
}

static guint
count_empty (CwSlotModel *self,
             guint        position,
             guint        n)
{
  guint n_empty = 0;

  for (guint i = position; i < position + n; i++)
    n_empty += g_ptr_array_index (self->slots, i) == NULL;

  return n_empty;
}

/* Tells of @n replaced items from @position on, but only where slots
 * are: GTK 4.8's list view asks for every item a change adds, looking
 * for the rows of those it removes, so that replacing every item of a
 * long model (a journal query's answer) made a slot at every position
 * and asked the model below for each item, in one main-loop iteration.
 * A position without a slot was never asked for, or its slot was let
 * go when no view held it: no row shows it. Runs of slots less than SLOT_GAP apart are one change. */
static void
emit_replaced (CwSlotModel *self,
               guint        position,
               guint        n)
{
  guint end = position + n;
  guint i = position;

  g_assert (CW_IS_SLOT_MODEL (self));

  while (i < end)
    {
      guint first;
      guint last;

      while (i < end && g_ptr_array_index (self->slots, i) == NULL)
        i++;
      if (i == end)
        break;

      first = last = i;
      while (i < end && i - last <= SLOT_GAP)
        {
          if (g_ptr_array_index (self->slots, i) != NULL)
            last = i;
          i++;
        }

      g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1, last - first + 1);
      i = last + 1;
    }
}

static void
items_changed_cb (CwSlotModel *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *model)
{
  guint keep = MIN (removed, added);

  g_assert (CW_IS_SLOT_MODEL (self));
  g_assert (position + removed <= self->slots->len);

  /* A long change refreshes every slot it keeps: none for no view. */
  if (MIN (removed, added) >= SPLIT_MIN && self->n_made > 0)
    sweep (self);

  /* The first positions of the change keep their slots, now showing the
   * items that are there now; the rest are removed or inserted empty. */
  if (removed > keep)
    g_ptr_array_remove_range (self->slots, position + keep, removed - keep);

  if (added > keep)
    {
      guint extra = added - keep;
      guint old_len = self->slots->len;
      guint at = position + keep;

      g_ptr_array_set_size (self->slots, old_len + extra);
      memmove (self->slots->pdata + at + extra, self->slots->pdata + at,
               (old_len - at) * sizeof (gpointer));
      memset (self->slots->pdata + at, 0, extra * sizeof (gpointer));
    }

  for (guint i = position; i < position + keep; i++)
    refresh_slot (self, i);

  g_assert (self->slots->len == g_list_model_get_n_items (model));

  /* A change that replaces many positions without slots is told in
   * parts: positions added or removed at the end as one change, the
   * replaced ones with slots as others. Any other is told as it came. */
  if (keep < SPLIT_MIN || count_empty (self, position, keep) == 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  if (removed != added)
    g_list_model_items_changed (G_LIST_MODEL (self), position + keep,
                                removed - keep, added - keep);
  emit_replaced (self, position, keep);
}

static void
selection_changed_cb (CwSlotModel       *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *model)
{
  g_assert (CW_IS_SLOT_MODEL (self));

  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n_items);
}

static GType
cw_slot_model_get_item_type (GListModel *model)
{
  return CW_TYPE_SLOT;
}

static guint
cw_slot_model_get_n_items (GListModel *model)
{
  CwSlotModel *self = CW_SLOT_MODEL (model);

  return self->slots->len;
}

static gpointer
cw_slot_model_get_item (GListModel *model,
                        guint       position)
{
  CwSlotModel *self = CW_SLOT_MODEL (model);
  CwSlot *slot;

  if (position >= self->slots->len)
    return NULL;

  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      if (++self->n_made > MAX (SWEEP_MIN, self->n_kept))
        sweep (self);
      slot = g_object_new (CW_TYPE_SLOT, NULL);
      g_ptr_array_index (self->slots, position) = slot;
    }
  refresh_slot (self, position);

  return g_object_ref (slot);
}

static void
cw_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cw_slot_model_get_item_type;
  iface->get_n_items = cw_slot_model_get_n_items;
  iface->get_item = cw_slot_model_get_item;
}

static gboolean
cw_slot_model_is_selected (GtkSelectionModel *model,
                           guint              position)
{
  return gtk_selection_model_is_selected (CW_SLOT_MODEL (model)->model, position);
}

static GtkBitset *
cw_slot_model_get_selection_in_range (GtkSelectionModel *model,
                                      guint              position,
                                      guint              n_items)
{
  return gtk_selection_model_get_selection_in_range (CW_SLOT_MODEL (model)->model,
                                                     position, n_items);
}

static gboolean
cw_slot_model_select_item (GtkSelectionModel *model,
                           guint              position,
                           gboolean           unselect_rest)
{
  return gtk_selection_model_select_item (CW_SLOT_MODEL (model)->model,
                                          position, unselect_rest);
}

static gboolean
cw_slot_model_unselect_item (GtkSelectionModel *model,
                             guint              position)
{
  return gtk_selection_model_unselect_item (CW_SLOT_MODEL (model)->model, position);
}

static gboolean
cw_slot_model_select_range (GtkSelectionModel *model,
                            guint              position,
                            guint              n_items,
                            gboolean           unselect_rest)
{
  return gtk_selection_model_select_range (CW_SLOT_MODEL (model)->model,
                                           position, n_items, unselect_rest);
}

static gboolean
cw_slot_model_unselect_range (GtkSelectionModel *model,
                              guint              position,
                              guint              n_items)
{
  return gtk_selection_model_unselect_range (CW_SLOT_MODEL (model)->model,
                                             position, n_items);
}

static gboolean
cw_slot_model_select_all (GtkSelectionModel *model)
{
  return gtk_selection_model_select_all (CW_SLOT_MODEL (model)->model);
}

static gboolean
cw_slot_model_unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (CW_SLOT_MODEL (model)->model);
}

static gboolean
cw_slot_model_set_selection (GtkSelectionModel *model,
                             GtkBitset         *selected,
                             GtkBitset         *mask)
{
  return gtk_selection_model_set_selection (CW_SLOT_MODEL (model)->model, selected, mask);
}

static void
cw_slot_model_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = cw_slot_model_is_selected;
  iface->get_selection_in_range = cw_slot_model_get_selection_in_range;
  iface->select_item = cw_slot_model_select_item;
  iface->unselect_item = cw_slot_model_unselect_item;
  iface->select_range = cw_slot_model_select_range;
  iface->unselect_range = cw_slot_model_unselect_range;
  iface->select_all = cw_slot_model_select_all;
  iface->unselect_all = cw_slot_model_unselect_all;
  iface->set_selection = cw_slot_model_set_selection;
}

static void
cw_slot_model_dispose (GObject *object)
{
  CwSlotModel *self = (CwSlotModel *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (cw_slot_model_parent_class)->dispose (object);
}

static void
cw_slot_model_finalize (GObject *object)
{
  CwSlotModel *self = (CwSlotModel *)object;

  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_slot_model_parent_class)->finalize (object);
}

static void
cw_slot_model_class_init (CwSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_slot_model_dispose;
  object_class->finalize = cw_slot_model_finalize;
}

static void
cw_slot_model_init (CwSlotModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_free);
}

/**
 * cw_slot_model_new:
 * @model: (transfer none): the selection model to show
 */
CwSlotModel *
cw_slot_model_new (GtkSelectionModel *model)
{
  CwSlotModel *self;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (model), NULL);

  self = g_object_new (CW_TYPE_SLOT_MODEL, NULL);
  self->model = g_object_ref (model);
  g_ptr_array_set_size (self->slots, g_list_model_get_n_items (G_LIST_MODEL (model)));
  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

GtkSelectionModel *
cw_slot_model_get_model (CwSlotModel *self)
{
  g_return_val_if_fail (CW_IS_SLOT_MODEL (self), NULL);

  return self->model;
}

/**
 * cw_slot_get_item:
 *
 * Returns: (transfer none) (nullable): the item shown in this slot now
 */
gpointer
cw_slot_get_item (CwSlot *self)
{
  g_return_val_if_fail (CW_IS_SLOT (self), NULL);

  return self->item;
}

/**
 * cw_slot_unwrap:
 * @slot_or_item: (nullable): a #CwSlot, or any other object
 *
 * Returns: (transfer none) (nullable): the slot's item, or @slot_or_item
 *   itself when it is not a slot
 */
gpointer
cw_slot_unwrap (gpointer slot_or_item)
{
  if (slot_or_item != NULL && CW_IS_SLOT (slot_or_item))
    return CW_SLOT (slot_or_item)->item;

  return slot_or_item;
}
