/* test-slot-model.c
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

#define G_LOG_DOMAIN "test-slot-model"

#include "config.h"

#include <gtk/gtk.h>

#include "cw-slot-model.h"

/* CwSlotModel (src/app/cw-slot-model.c): a slot a position, the same slot
 * objects at the same positions across items-changed, items-changed and
 * selection passed on unchanged. No display: list models need none. */

static const char * const fruits[] = {
  "apple", "apricot", "banana", "blueberry", "cherry", "avocado", "blackberry", NULL,
};

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  GListStore         *store;
  GtkStringFilter    *filter;
  GtkFilterListModel *filtered;
  GtkMultiSelection  *selection;
  CwSlotModel        *slots;
  /* What the wrapped model and the slot model emitted, in order. */
  GArray             *inner_changes;
  GArray             *outer_changes;
  GArray             *inner_selection;
  GArray             *outer_selection;
  /* The slot objects by position, as a view would see them. */
  GPtrArray          *seen;
} Fixture;

static void
record_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GArray     *changes)
{
  Change change = { position, removed, added };

  g_test_message ("%s items-changed (%u, %u, %u)",
                  G_OBJECT_TYPE_NAME (model), position, removed, added);
  g_array_append_val (changes, change);
}

static void
record_selection_changed_cb (GtkSelectionModel *model,
                             guint              position,
                             guint              n_items,
                             GArray            *changes)
{
  Change change = { position, n_items, 0 };

  g_array_append_val (changes, change);
}

static void
clear_slot (gpointer slot)
{
  g_clear_object (&slot);
}

/* Run after every items-changed of the slot model, as a view does: the
 * positions at the start of the changed range that are both removed and
 * added keep their slot objects; positions outside the range keep theirs,
 * moved with them; every slot shows the wrapped model's item there. */
static void
check_slots_kept_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  GListModel *inner = G_LIST_MODEL (f->selection);
  guint keep = MIN (removed, added);

  g_assert_cmpuint (position + removed, <=, f->seen->len);
  g_assert_cmpuint (f->seen->len - removed + added, ==, g_list_model_get_n_items (model));
  g_assert_cmpuint (g_list_model_get_n_items (inner), ==, g_list_model_get_n_items (model));

  g_ptr_array_remove_range (f->seen, position + keep, removed - keep);
  for (guint i = 0; i < added - keep; i++)
    g_ptr_array_insert (f->seen, position + keep, NULL);

  /* A slot a view holds shows its position's new item as soon as the
   * change is announced, before the view asks for the position again. */
  for (guint i = 0; i < f->seen->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (inner, i);

      if (f->seen->pdata[i] != NULL)
        g_assert_true (cw_slot_get_item (f->seen->pdata[i]) == (gpointer) item);
    }

  for (guint i = 0; i < f->seen->len; i++)
    {
      g_autoptr(CwSlot) slot = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = g_list_model_get_item (inner, i);

      if (f->seen->pdata[i] != NULL)
        g_assert_true (f->seen->pdata[i] == (gpointer) slot);
      else
        f->seen->pdata[i] = g_object_ref (slot);
      g_assert_true (cw_slot_get_item (slot) == (gpointer) item);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkExpression *expression;

  f->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  for (guint i = 0; fruits[i] != NULL; i++)
    {
      g_autoptr(GtkStringObject) item = gtk_string_object_new (fruits[i]);

      g_list_store_append (f->store, item);
    }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  f->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (f->filter, GTK_STRING_FILTER_MATCH_MODE_PREFIX);
  f->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (f->store)),
                                           GTK_FILTER (g_object_ref (f->filter)));
  f->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (f->filtered)));
  f->slots = cw_slot_model_new (GTK_SELECTION_MODEL (f->selection));

  f->inner_changes = g_array_new (FALSE, FALSE, sizeof (Change));
  f->outer_changes = g_array_new (FALSE, FALSE, sizeof (Change));
  f->inner_selection = g_array_new (FALSE, FALSE, sizeof (Change));
  f->outer_selection = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (f->selection, "items-changed",
                    G_CALLBACK (record_items_changed_cb), f->inner_changes);
  g_signal_connect (f->slots, "items-changed",
                    G_CALLBACK (record_items_changed_cb), f->outer_changes);
  g_signal_connect (f->selection, "selection-changed",
                    G_CALLBACK (record_selection_changed_cb), f->inner_selection);
  f->seen = g_ptr_array_new_with_free_func (clear_slot);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->slots)); i++)
    g_ptr_array_add (f->seen, g_list_model_get_item (G_LIST_MODEL (f->slots), i));
  g_signal_connect (f->slots, "items-changed", G_CALLBACK (check_slots_kept_cb), f);
  g_signal_connect (f->slots, "selection-changed",
                    G_CALLBACK (record_selection_changed_cb), f->outer_selection);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->seen, g_ptr_array_unref);
  /* Nothing else holds the slot model, and its slots hold no item past it. */
  g_assert_finalize_object (f->slots);
  g_assert_finalize_object (f->selection);
  g_assert_finalize_object (f->filtered);
  g_assert_finalize_object (f->filter);
  g_assert_finalize_object (f->store);
  g_array_unref (f->inner_changes);
  g_array_unref (f->outer_changes);
  g_array_unref (f->inner_selection);
  g_array_unref (f->outer_selection);
}

static void
clear_records (Fixture *f)
{
  g_array_set_size (f->inner_changes, 0);
  g_array_set_size (f->outer_changes, 0);
  g_array_set_size (f->inner_selection, 0);
  g_array_set_size (f->outer_selection, 0);
}

static void
assert_same_changes (GArray *expected,
                     GArray *actual)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      Change *e = &g_array_index (expected, Change, i);
      Change *a = &g_array_index (actual, Change, i);

      g_assert_cmpuint (a->position, ==, e->position);
      g_assert_cmpuint (a->removed, ==, e->removed);
      g_assert_cmpuint (a->added, ==, e->added);
    }
}

/* The slot model has as many positions as the wrapped one, each a slot
 * that shows the wrapped model's item at that position. */
static void
assert_mirrors (Fixture *f)
{
  GListModel *inner = G_LIST_MODEL (f->selection);
  GListModel *outer = G_LIST_MODEL (f->slots);
  guint n = g_list_model_get_n_items (inner);

  g_assert_cmpuint (g_list_model_get_n_items (outer), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (inner, i);
      g_autoptr(CwSlot) slot = g_list_model_get_item (outer, i);

      g_assert_true (CW_IS_SLOT (slot));
      g_assert_true (cw_slot_get_item (slot) == (gpointer) item);
      g_assert_true (cw_slot_unwrap (slot) == (gpointer) item);
    }
  g_assert_null (g_list_model_get_item (outer, n));
}

/* Every slot, by position (each one asked for, so each one exists). */
static GPtrArray *
dup_slots (Fixture *f)
{
  GPtrArray *slots = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->slots)); i++)
    g_ptr_array_add (slots, g_list_model_get_item (G_LIST_MODEL (f->slots), i));

  return slots;
}

static const char *
slot_string (gpointer slot)
{
  return gtk_string_object_get_string (cw_slot_get_item (slot));
}

static void
test_basics (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GtkStringObject) plain = gtk_string_object_new ("plain");
  g_autoptr(CwSlot) first = NULL;
  g_autoptr(CwSlot) again = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->slots)) == CW_TYPE_SLOT);
  g_assert_true (cw_slot_model_get_model (f->slots) == GTK_SELECTION_MODEL (f->selection));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->slots)), ==,
                    g_strv_length ((GStrv) fruits));
  assert_mirrors (f);

  /* Asking twice for a position gives the same slot. */
  first = g_list_model_get_item (G_LIST_MODEL (f->slots), 0);
  again = g_list_model_get_item (G_LIST_MODEL (f->slots), 0);
  g_assert_true (first == again);
  g_assert_cmpstr (slot_string (first), ==, "apple");

  /* Unwrapping anything else gives it back. */
  g_assert_true (cw_slot_unwrap (plain) == (gpointer) plain);
  g_assert_null (cw_slot_unwrap (NULL));
}

/* A search that changes which items are shown keeps the slot objects at
 * the positions that stay, now showing the new items there. */
static void
test_filter_keeps_slots (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  gtk_string_filter_set_search (f->filter, "a");
  /* apple, apricot, avocado */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->slots)), ==, 3);
  assert_mirrors (f);
  assert_same_changes (f->inner_changes, f->outer_changes);
  before = dup_slots (f);
  clear_records (f);

  gtk_string_filter_set_search (f->filter, "b");
  /* banana, blueberry, blackberry */
  g_assert_cmpuint (f->outer_changes->len, >, 0);
  assert_same_changes (f->inner_changes, f->outer_changes);
  assert_mirrors (f);
  after = dup_slots (f);
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (after->pdata[i] == before->pdata[i]);
  g_assert_cmpstr (slot_string (after->pdata[0]), ==, "banana");
  g_assert_cmpstr (slot_string (after->pdata[2]), ==, "blackberry");
  clear_records (f);

  /* Fewer items: banana's slot goes, the others move up with their items
   * (check_slots_kept_cb checks every step against the rule). */
  gtk_string_filter_set_search (f->filter, "bl");
  assert_same_changes (f->inner_changes, f->outer_changes);
  assert_mirrors (f);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = dup_slots (f);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_true (after->pdata[0] == before->pdata[1]);
  g_assert_true (after->pdata[1] == before->pdata[2]);
  g_assert_cmpstr (slot_string (after->pdata[0]), ==, "blueberry");
  g_assert_cmpstr (slot_string (after->pdata[1]), ==, "blackberry");
  clear_records (f);

  /* A different search again, then every item. */
  gtk_string_filter_set_search (f->filter, "c");
  assert_same_changes (f->inner_changes, f->outer_changes);
  assert_mirrors (f);
  gtk_string_filter_set_search (f->filter, NULL);
  assert_same_changes (f->inner_changes, f->outer_changes);
  assert_mirrors (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->slots)), ==,
                    g_strv_length ((GStrv) fruits));
}

/* Changes in the middle: a removal and an insertion move the slots after
 * them with their items; a replacement keeps the slot in place. */
static void
test_insert_remove_splice (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) before = dup_slots (f);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GtkStringObject) fig = gtk_string_object_new ("fig");
  g_autoptr(GtkStringObject) grape = gtk_string_object_new ("grape");
  Change *change;

  /* Remove "banana" (position 2). */
  g_list_store_remove (f->store, 2);
  g_assert_cmpuint (f->outer_changes->len, ==, 1);
  change = &g_array_index (f->outer_changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 2);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);
  assert_mirrors (f);
  after = dup_slots (f);
  g_assert_true (after->pdata[1] == before->pdata[1]);
  /* "blueberry" moved up with its slot. */
  g_assert_true (after->pdata[2] == before->pdata[3]);
  g_assert_cmpstr (slot_string (after->pdata[2]), ==, "blueberry");
  clear_records (f);

  /* Insert "fig" at position 1: a new slot there, the others move down. */
  g_clear_pointer (&before, g_ptr_array_unref);
  before = g_steal_pointer (&after);
  g_list_store_insert (f->store, 1, fig);
  assert_same_changes (f->inner_changes, f->outer_changes);
  assert_mirrors (f);
  after = dup_slots (f);
  g_assert_true (after->pdata[0] == before->pdata[0]);
  g_assert_true (after->pdata[2] == before->pdata[1]);
  g_assert_true (after->pdata[1] != before->pdata[1]);
  g_assert_cmpstr (slot_string (after->pdata[1]), ==, "fig");
  g_assert_cmpstr (slot_string (after->pdata[2]), ==, "apricot");
  clear_records (f);

  /* Replace two items by one at position 1: the first keeps its slot. */
  g_clear_pointer (&before, g_ptr_array_unref);
  before = g_steal_pointer (&after);
  g_list_store_splice (f->store, 1, 2, (gpointer *) &grape, 1);
  g_assert_cmpuint (f->outer_changes->len, ==, 1);
  change = &g_array_index (f->outer_changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 2);
  g_assert_cmpuint (change->added, ==, 1);
  assert_mirrors (f);
  after = dup_slots (f);
  g_assert_true (after->pdata[1] == before->pdata[1]);
  g_assert_cmpstr (slot_string (after->pdata[1]), ==, "grape");
  g_assert_true (after->pdata[2] == before->pdata[3]);
  g_assert_cmpstr (slot_string (after->pdata[2]), ==, "blueberry");
  clear_records (f);

  /* Everything goes, then comes back. */
  g_list_store_remove_all (f->store);
  assert_same_changes (f->inner_changes, f->outer_changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->slots)), ==, 0);
  g_list_store_append (f->store, fig);
  assert_mirrors (f);
}

/* Slots never asked for are made when asked, after any change (the
 * fixture's own slot model has all its slots made: this one has none). */
static void
test_slots_made_on_demand (Fixture       *f,
                           gconstpointer  data)
{
  CwSlotModel *lazy = cw_slot_model_new (GTK_SELECTION_MODEL (f->selection));
  g_autoptr(GtkStringObject) kiwi = gtk_string_object_new ("kiwi");
  g_autoptr(CwSlot) first = NULL;
  g_autoptr(CwSlot) last = NULL;

  first = g_list_model_get_item (G_LIST_MODEL (lazy), 0);
  g_list_store_insert (f->store, 0, kiwi);
  gtk_string_filter_set_search (f->filter, "b");
  g_list_store_remove (f->store, 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lazy)), ==, 3);
  last = g_list_model_get_item (G_LIST_MODEL (lazy), 2);
  g_assert_cmpstr (slot_string (last), ==, "blackberry");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CwSlot) slot = g_list_model_get_item (G_LIST_MODEL (lazy), i);
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (f->selection), i);

      g_assert_true (cw_slot_get_item (slot) == (gpointer) item);
    }
  g_assert_finalize_object (lazy);
}

/* Selection is the wrapped model's, read and written through the slot
 * model, and its changes are passed on as they come. */
static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  GtkSelectionModel *outer = GTK_SELECTION_MODEL (f->slots);
  GtkSelectionModel *inner = GTK_SELECTION_MODEL (f->selection);
  g_autoptr(GtkBitset) in_range = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  g_autoptr(CwSlot) top = NULL;

  g_assert_true (gtk_selection_model_select_item (outer, 2, FALSE));
  g_assert_true (gtk_selection_model_is_selected (inner, 2));
  g_assert_true (gtk_selection_model_is_selected (outer, 2));
  g_assert_false (gtk_selection_model_is_selected (outer, 1));
  g_assert_cmpuint (f->outer_selection->len, >, 0);
  assert_same_changes (f->inner_selection, f->outer_selection);

  g_assert_true (gtk_selection_model_select_range (outer, 4, 2, FALSE));
  in_range = gtk_selection_model_get_selection_in_range (outer, 0, 7);
  g_assert_cmpuint (gtk_bitset_get_size (in_range), ==, 3);
  g_assert_true (gtk_bitset_contains (in_range, 2));
  g_assert_true (gtk_bitset_contains (in_range, 4));
  g_assert_true (gtk_bitset_contains (in_range, 5));

  g_assert_true (gtk_selection_model_unselect_item (outer, 4));
  g_assert_false (gtk_selection_model_is_selected (inner, 4));
  g_assert_true (gtk_selection_model_unselect_range (outer, 5, 1));
  g_assert_false (gtk_selection_model_is_selected (inner, 5));
  g_assert_true (gtk_selection_model_is_selected (inner, 2));

  g_assert_true (gtk_selection_model_select_all (outer));
  for (guint i = 0; fruits[i] != NULL; i++)
    g_assert_true (gtk_selection_model_is_selected (inner, i));
  g_assert_true (gtk_selection_model_unselect_all (outer));
  for (guint i = 0; fruits[i] != NULL; i++)
    g_assert_false (gtk_selection_model_is_selected (inner, i));

  selected = gtk_bitset_new_range (0, 2);
  mask = gtk_bitset_new_range (0, 7);
  g_assert_true (gtk_selection_model_set_selection (outer, selected, mask));
  g_assert_true (gtk_selection_model_is_selected (inner, 0));
  g_assert_true (gtk_selection_model_is_selected (inner, 1));
  g_assert_false (gtk_selection_model_is_selected (inner, 2));

  /* Every change the wrapped model reported, the slot model reported. */
  assert_same_changes (f->inner_selection, f->outer_selection);

  /* Selection follows items, not positions: "cherry" stays selected when a
   * search moves it to the top. */
  gtk_selection_model_unselect_all (outer);
  gtk_selection_model_select_item (outer, 4, TRUE);
  gtk_string_filter_set_search (f->filter, "c");
  top = g_list_model_get_item (G_LIST_MODEL (f->slots), 0);
  g_assert_cmpstr (slot_string (top), ==, "cherry");
  g_assert_true (gtk_selection_model_is_selected (outer, 0));
}

/* Once the slot model is gone, the wrapped model can change freely. */
static void
test_outlived_by_model (void)
{
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GtkStringObject) item = gtk_string_object_new ("one");
  g_autoptr(GtkSingleSelection) selection = NULL;
  CwSlotModel *slots;
  g_autoptr(CwSlot) slot = NULL;

  g_list_store_append (store, item);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (store)));
  slots = cw_slot_model_new (GTK_SELECTION_MODEL (selection));
  slot = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (cw_slot_get_item (slot) == (gpointer) item);

  g_assert_finalize_object (slots);
  g_list_store_remove_all (store);
  g_list_store_append (store, item);
  gtk_single_selection_set_selected (selection, 0);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) item);
}

/* Scrolled through a long list: the slots no view holds any more go, and
 * their items with them; one a view holds stays, the same object, at its
 * position. */
static void
test_slots_let_go (void)
{
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(CwSlotModel) slots = NULL;
  g_autoptr(CwSlot) held = NULL;
  g_autoptr(GObject) first_item = NULL;
  guint n_still_held = 0;

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *text = g_strdup_printf ("item %u", i);
      g_autoptr(GtkStringObject) item = gtk_string_object_new (text);

      g_list_store_append (store, item);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (store)));
  slots = cw_slot_model_new (GTK_SELECTION_MODEL (selection));
  first_item = g_list_model_get_item (G_LIST_MODEL (store), 0);

  held = g_list_model_get_item (G_LIST_MODEL (slots), 7);
  /* Every position asked for once, as rows passing by while scrolling. */
  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(CwSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);

      g_assert_nonnull (cw_slot_get_item (slot));
    }

  /* The store's reference, the test's, and a slot's only where one is
   * still kept: most slots (and their references) went. */
  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      n_still_held += G_OBJECT (item)->ref_count > 2;
    }
  g_test_message ("%u of 5,000 items still held by a slot", n_still_held);
  g_assert_cmpuint (n_still_held, <=, 2 * 500 + 1);

  /* The slot a view holds is kept, and still shows its position. */
  {
    g_autoptr(CwSlot) again = g_list_model_get_item (G_LIST_MODEL (slots), 7);
    g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), 7);

    g_assert_true (again == held);
    g_assert_true (cw_slot_get_item (held) == (gpointer) item);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 5000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/cw/slot-model/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("basics", test_basics);
  ADD ("filter-keeps-slots", test_filter_keeps_slots);
  ADD ("insert-remove-splice", test_insert_remove_splice);
  ADD ("slots-made-on-demand", test_slots_made_on_demand);
  ADD ("selection", test_selection);
#undef ADD
  g_test_add_func ("/cw/slot-model/outlived-by-model", test_outlived_by_model);
  g_test_add_func ("/cw/slot-model/slots-let-go", test_slots_let_go);

  return g_test_run ();
}
