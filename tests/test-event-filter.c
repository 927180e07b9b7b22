/* test-event-filter.c
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

#define G_LOG_DOMAIN "test-event-filter"

#include "config.h"

#include <gtk/gtk.h>

#include "cw-event-filter.h"

#include "converc.h"

/* CwEventFilter (src/app/cw-event-filter.c): which events the Events page
 * shows for a type and a search, and what it tells a GtkFilterListModel
 * when either changes. No display: filters and list models need none. */

static const char ada_json[] =
  "{\"id\": \"evt_ada\", \"type\": \"call.ended\", \"createdAt\": \"2024-01-01T10:04:13Z\","
  " \"data\": {\"call\": {\"id\": \"call_1\", \"status\": \"completed\"},"
  " \"contact\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.com\","
  " \"location\": {\"city\": \"London\"}},"
  " \"qualificationAnswers\": [{\"answer\": {\"value\": 987654}}]}}";

/* Non-ASCII values, precomposed (NFC) in the JSON. */
static const char zoe_json[] =
  "{\"id\": \"evt_zoe\", \"type\": \"call.started\", \"createdAt\": \"2024-01-02T08:00:00Z\","
  " \"data\": {\"call\": {\"id\": \"call_2\", \"status\": \"ringing\"},"
  " \"contact\": {\"name\": \"Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m\", \"email\": \"zoe@example.org\","
  " \"location\": {\"city\": \"Malm\xc3\xb6\"}}}}";

static const char grace_json[] =
  "{\"id\": \"evt_grace\", \"type\": \"call.ended\", \"createdAt\": \"2024-01-03T12:00:00Z\","
  " \"data\": {\"call\": {\"id\": \"call_3\", \"status\": \"missed\"},"
  " \"contact\": {\"name\": \"Grace Hopper\", \"email\": \"grace@example.net\","
  " \"location\": {\"city\": \"New York\"}}}}";

typedef struct
{
  CwEventFilter *filter;
  ConvercEvent  *ada;
  ConvercEvent  *zoe;
  ConvercEvent  *grace;
  /* The GtkFilterChange of every "changed" emission, in order. */
  GArray        *changes;
  guint          n_search_notifies;
  guint          n_type_notifies;
} Fixture;

static ConvercEvent *
parse_event (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  ConvercEvent *event = converc_parse_event (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

static void
changed_cb (GtkFilter       *filter,
            GtkFilterChange  change,
            Fixture         *f)
{
  g_array_append_val (f->changes, change);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Fixture    *f)
{
  if (g_str_equal (pspec->name, "search"))
    f->n_search_notifies++;
  else if (g_str_equal (pspec->name, "event-type"))
    f->n_type_notifies++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->filter = cw_event_filter_new ();
  f->ada = parse_event (ada_json);
  f->zoe = parse_event (zoe_json);
  f->grace = parse_event (grace_json);
  f->changes = g_array_new (FALSE, FALSE, sizeof (GtkFilterChange));
  g_signal_connect (f->filter, "changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->filter, "notify", G_CALLBACK (notify_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->filter);
  g_assert_finalize_object (f->ada);
  g_assert_finalize_object (f->zoe);
  g_assert_finalize_object (f->grace);
  g_array_unref (f->changes);
}

/* Which of ada, zoe and grace the filter keeps, as "ada zoe grace". */
static char *
dup_matches (Fixture *f)
{
  g_autoptr(GString) out = g_string_new (NULL);
  struct { const char *name; ConvercEvent *event; } events[] = {
    { "ada", f->ada }, { "zoe", f->zoe }, { "grace", f->grace },
  };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      if (gtk_filter_match (GTK_FILTER (f->filter), events[i].event))
        g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", events[i].name);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_search (Fixture    *f,
               const char *search,
               const char *expected)
{
  g_autofree char *matches = NULL;

  cw_event_filter_set_search (f->filter, search);
  matches = dup_matches (f);
  if (g_strcmp0 (matches, expected) != 0)
    g_error ("search \"%s\" (type %s) kept \"%s\", expected \"%s\"",
             search, cw_event_filter_get_event_type (f->filter), matches, expected);
}

static GtkFilterChange
last_change (Fixture *f)
{
  g_assert_cmpuint (f->changes->len, >, 0);
  return g_array_index (f->changes, GtkFilterChange, f->changes->len - 1);
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GtkStringObject) other = gtk_string_object_new ("call.ended Ada");
  g_autofree char *matches = dup_matches (f);

  g_assert_null (cw_event_filter_get_event_type (f->filter));
  g_assert_null (cw_event_filter_get_search (f->filter));
  g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (f->filter)), ==,
                   GTK_FILTER_MATCH_ALL);
  g_assert_cmpstr (matches, ==, "ada zoe grace");

  /* Only events are ever kept. */
  g_assert_false (gtk_filter_match (GTK_FILTER (f->filter), other));
}

static void
test_type (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *type = NULL;

  cw_event_filter_set_event_type (f->filter, "call.ended");
  g_assert_cmpstr (cw_event_filter_get_event_type (f->filter), ==, "call.ended");
  g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (f->filter)), ==,
                   GTK_FILTER_MATCH_SOME);
  assert_search (f, NULL, "ada grace");
  g_assert_cmpuint (f->n_type_notifies, ==, 1);
  g_assert_cmpint (last_change (f), ==, GTK_FILTER_CHANGE_MORE_STRICT);

  /* The type is compared whole, not searched in. */
  cw_event_filter_set_event_type (f->filter, "call");
  assert_search (f, NULL, "");
  g_assert_cmpint (last_change (f), ==, GTK_FILTER_CHANGE_DIFFERENT);

  /* Through the property, as the page binds it. */
  g_object_set (f->filter, "event-type", "call.started", NULL);
  g_object_get (f->filter, "event-type", &type, NULL);
  g_assert_cmpstr (type, ==, "call.started");
  assert_search (f, NULL, "zoe");

  /* The same type again changes nothing. */
  g_array_set_size (f->changes, 0);
  f->n_type_notifies = 0;
  cw_event_filter_set_event_type (f->filter, "call.started");
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpuint (f->n_type_notifies, ==, 0);

  /* "" is every type, like NULL. */
  cw_event_filter_set_event_type (f->filter, "");
  g_assert_null (cw_event_filter_get_event_type (f->filter));
  g_assert_cmpint (last_change (f), ==, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (f->filter)), ==,
                   GTK_FILTER_MATCH_ALL);
  assert_search (f, NULL, "ada zoe grace");
  g_assert_cmpuint (f->n_type_notifies, ==, 1);
  cw_event_filter_set_event_type (f->filter, NULL);
  g_assert_cmpuint (f->n_type_notifies, ==, 1);
}

/* What a search finds: folded words, each inside some value. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  /* Case does not matter, in ASCII or not. */
  assert_search (f, "LOVELACE", "ada");
  assert_search (f, "lovelace", "ada");
  assert_search (f, "ZO\xc3\x8b", "zoe");              /* ZOË */
  assert_search (f, "\xc3\xa5ngstr\xc3\xb6m", "zoe");  /* ångström */
  assert_search (f, "MALM\xc3\x96", "zoe");            /* MALMÖ */

  /* A decomposed "ë" (e + U+0308) finds the precomposed one. */
  assert_search (f, "Zoe\xcc\x88", "zoe");

  /* Accents are ignored too: folding drops non-spacing marks
   * (converc_fold_for_search), so "angstrom" finds "Ångström" and "malmo"
   * finds "MALMÖ", and an accented needle finds the bare spelling. */
  assert_search (f, "angstrom", "zoe");
  assert_search (f, "malmo", "zoe");
  assert_search (f, "ANGSTR\xc3\x96M", "zoe");

  /* Any part of a value: ids, e-mail addresses, numbers as spelled. */
  assert_search (f, "evt_gr", "grace");
  assert_search (f, "@example.", "ada zoe grace");
  assert_search (f, "98765", "ada");
  assert_search (f, "complete", "ada");

  /* `type:T` among the words keeps events of type T (parsed in
   * libconverc, as the journal's search reads it). */
  assert_search (f, "type:call.ended", "ada grace");
  assert_search (f, "TYPE:call.ended ada", "ada");
  assert_search (f, "ada type:call.started", "");
  assert_search (f, "type:call.en", "");

  /* Member names are not searched, only values. */
  assert_search (f, "email", "");
  assert_search (f, "contact", "");
  assert_search (f, "qualificationanswers", "");
  assert_search (f, "city", "");

  /* Several words: each must be in the event, in any value and order. */
  assert_search (f, "ada london", "ada");
  assert_search (f, "london ada", "ada");
  assert_search (f, "  ada \t london\n", "ada");
  assert_search (f, "ada york", "");
  assert_search (f, "example new", "grace");

  /* No words: every event. */
  assert_search (f, " \t ", "ada zoe grace");
  g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (f->filter)), ==,
                   GTK_FILTER_MATCH_ALL);
  assert_search (f, "", "ada zoe grace");
  assert_search (f, NULL, "ada zoe grace");

  /* Type and search together. */
  cw_event_filter_set_event_type (f->filter, "call.ended");
  assert_search (f, "example", "ada grace");
  assert_search (f, "zo\xc3\xab", "");
  g_object_set (f->filter, "search", "hopper", NULL);
  g_assert_cmpstr (cw_event_filter_get_search (f->filter), ==, "hopper");
  assert_search (f, "hopper", "grace");
}

/* What the filter tells its list model: narrowing lets it check only what
 * it kept, widening only what it left out; a search that folds to the
 * same words re-checks nothing. */
static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  cw_event_filter_set_search (f->filter, "lo");
  g_assert_cmpint (last_change (f), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  cw_event_filter_set_search (f->filter, "lov");
  g_assert_cmpint (last_change (f), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  cw_event_filter_set_search (f->filter, "lov lon");
  g_assert_cmpint (last_change (f), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  cw_event_filter_set_search (f->filter, "lov");
  g_assert_cmpint (last_change (f), ==, GTK_FILTER_CHANGE_LESS_STRICT);
  cw_event_filter_set_search (f->filter, "ov");
  g_assert_cmpint (last_change (f), ==, GTK_FILTER_CHANGE_LESS_STRICT);
  cw_event_filter_set_search (f->filter, "ho");
  g_assert_cmpint (last_change (f), ==, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (f->changes->len, ==, 6);
  g_assert_cmpuint (f->n_search_notifies, ==, 6);

  /* Same words, written differently: the search is kept as typed and
   * notified, but nothing is filtered again. */
  cw_event_filter_set_search (f->filter, "HO ");
  g_assert_cmpstr (cw_event_filter_get_search (f->filter), ==, "HO ");
  g_assert_cmpuint (f->changes->len, ==, 6);
  g_assert_cmpuint (f->n_search_notifies, ==, 7);

  /* The very same string: nothing at all. */
  cw_event_filter_set_search (f->filter, "HO ");
  g_assert_cmpuint (f->n_search_notifies, ==, 7);

  cw_event_filter_set_search (f->filter, NULL);
  g_assert_cmpint (last_change (f), ==, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_null (cw_event_filter_get_search (f->filter));
}

/* Through a GtkFilterListModel, which trusts those hints: after any
 * sequence of searches it shows what a fresh filter would. */
static void
test_filter_model (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const searches[] = {
    "a", "ad", "ada", "ada l", "ada lo", "ada", "a", "", "o", "on", "lon", "on",
    "york", "new york", "york new", "EXAMPLE", "example.org", "example", NULL,
  };
  g_autoptr(GListStore) store = g_list_store_new (CONVERC_TYPE_EVENT);
  g_autoptr(GtkFilterListModel) model = NULL;

  g_list_store_append (store, f->ada);
  g_list_store_append (store, f->zoe);
  g_list_store_append (store, f->grace);
  model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (store)),
                                     GTK_FILTER (g_object_ref (f->filter)));

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; searches[i] != NULL; i++)
        {
          g_autoptr(CwEventFilter) fresh = cw_event_filter_new ();
          guint n_expected = 0;
          guint shown = 0;

          cw_event_filter_set_search (f->filter, searches[i]);
          cw_event_filter_set_search (fresh, searches[i]);
          cw_event_filter_set_event_type (fresh, cw_event_filter_get_event_type (f->filter));

          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (store)); j++)
            {
              g_autoptr(ConvercEvent) event = g_list_model_get_item (G_LIST_MODEL (store), j);

              if (!gtk_filter_match (GTK_FILTER (fresh), event))
                continue;
              n_expected++;

              /* Shown, in the store's order. */
              for (; shown < g_list_model_get_n_items (G_LIST_MODEL (model)); shown++)
                {
                  g_autoptr(ConvercEvent) item = g_list_model_get_item (G_LIST_MODEL (model),
                                                                        shown);
                  if (item == event)
                    break;
                }
              g_assert_cmpuint (shown, <, g_list_model_get_n_items (G_LIST_MODEL (model)));
            }
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_expected);
        }

      /* Once more, within one type. */
      cw_event_filter_set_event_type (f->filter, "call.ended");
    }

  cw_event_filter_set_event_type (f->filter, NULL);
  cw_event_filter_set_search (f->filter, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/cw/event-filter/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("defaults", test_defaults);
  ADD ("type", test_type);
  ADD ("search", test_search);
  ADD ("changes", test_changes);
  ADD ("filter-model", test_filter_model);
#undef ADD

  return g_test_run ();
}
