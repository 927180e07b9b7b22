/* cw-slot-model.h
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

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CW_TYPE_SLOT (cw_slot_get_type())

G_DECLARE_FINAL_TYPE (CwSlot, cw_slot, CW, SLOT, GObject)

#define CW_TYPE_SLOT_MODEL (cw_slot_model_get_type())

G_DECLARE_FINAL_TYPE (CwSlotModel, cw_slot_model, CW, SLOT_MODEL, GObject)

/* A selection model that shows the items of another one through "slots":
 * one CwSlot object per position, which holds the item at that position.
 *
 * GTK 4.8's list views keep a row widget for up to 200 items and find the
 * widget of an item again, after items-changed, only by the item's
 * identity: when a search changes which events are shown, every row of an
 * event that is no longer shown is destroyed and a new one is built for
 * the next (~0.4 ms a row of GtkColumnView). Here, when positions change,
 * the same slot objects come back at the same positions, so the view keeps
 * its row widgets and only binds them again to the slots' new items.
 *
 * Selection is the wrapped model's: it follows its items, not positions. */
CwSlotModel       *cw_slot_model_new       (GtkSelectionModel *model);
GtkSelectionModel *cw_slot_model_get_model (CwSlotModel       *self);

/* The item this slot shows now (owned by the wrapped model), or NULL. */
gpointer           cw_slot_get_item        (CwSlot            *self);
/* A slot's item, or the argument itself when it is not a slot. */
gpointer           cw_slot_unwrap          (gpointer           slot_or_item);

G_END_DECLS
