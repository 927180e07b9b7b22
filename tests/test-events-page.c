/* test-events-page.c
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

#define G_LOG_DOMAIN "test-events-page"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-event-private.h"
#include "cw-events-page-private.h"
#include "cw-test-utils.h"
#include "cw-test-widgets.h"
#include "cw-time-format.h"

typedef struct
{
  ConvercEmulator *emulator;
  ConvercClient   *client;
  GtkWindow       *window;
  CwEventsPage    *page;
  CwEventFeed     *feed;   /* the page's */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->emulator = converc_emulator_new (NULL);
  g_assert_true (converc_emulator_start (f->emulator, 0, &error));
  g_assert_no_error (error);
  converc_emulator_seed (f->emulator, 40, 11);
  f->client = converc_client_new (converc_emulator_get_base_url (f->emulator),
                                  converc_emulator_get_api_key (f->emulator));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 700);
  f->page = cw_events_page_new ();
  g_object_ref (f->page);
  f->feed = cw_events_page_get_feed (f->page);
  /* Auto-refresh is tested on its own; here every load is explicit. */
  cw_event_feed_set_auto_refresh (f->feed, FALSE);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->page);
  g_clear_object (&f->client);
  converc_emulator_stop (f->emulator);
  g_clear_object (&f->emulator);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Shows the window, which loads the events. */
static void
show_and_load (Fixture *f)
{
  cw_event_feed_set_client (f->feed, f->client);
  gtk_window_present (f->window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  WAIT_FOR ((cw_event_feed_get_loaded (f->feed) || cw_event_feed_get_last_error (f->feed) != NULL) &&
            !cw_event_feed_get_loading (f->feed));
}

static void
refresh_and_wait (Fixture *f)
{
  cw_event_feed_refresh (f->feed);
  g_assert_true (cw_event_feed_get_loading (f->feed));
  WAIT_FOR (!cw_event_feed_get_loading (f->feed));
}

static ConvercEvent *
item_at (GListModel *model,
         guint       i)
{
  g_autoptr(ConvercEvent) event = g_list_model_get_item (model, i);

  return event;   /* still owned by the model */
}

/* The text a label or an inscription (the list's cells) shows, or NULL. */
static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_INSCRIPTION (widget))
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  return NULL;
}

static gboolean
widget_has_label_text (GtkWidget  *widget,
                       const char *text)
{
  if (gtk_widget_get_visible (widget) && g_strcmp0 (widget_text (widget), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (widget_has_label_text (child, text))
        return TRUE;
    }

  return FALSE;
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (f->page->list_stack);
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  GListModel *model;
  gint64 previous = G_MAXINT64;

  g_assert_cmpstr (visible_page (f), ==, "no-client");

  show_and_load (f);
  model = cw_events_page_get_model (f->page);

  /* The default count (100) is more than the emulator has. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 40);
  g_assert_cmpstr (visible_page (f), ==, "list");

  /* Newest first. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      gint64 created = converc_event_get_created_unix (item_at (model, i));

      g_assert_cmpint (created, <=, previous);
      previous = created;
    }

  g_assert_nonnull (strstr (_cw_events_page_get_status (f->page), "40 events"));
  g_assert_null (_cw_events_page_get_problem (f->page));
  g_assert_null (cw_events_page_get_selected (f->page));
  g_assert_null (cw_event_detail_get_event (f->page->detail));

  /* Sorting by the Type column, then back to newest first. */
  gtk_column_view_sort_by_column (f->page->column_view, f->page->type_column, GTK_SORT_ASCENDING);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    g_assert_cmpint (g_strcmp0 (converc_event_get_event_type (item_at (model, i - 1)),
                                converc_event_get_event_type (item_at (model, i))), <=, 0);
}

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  guint n_requests;

  cw_event_feed_set_event_count (f->feed, 7);
  show_and_load (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);

  /* A new count (a preference) asks again; the list follows. */
  n_requests = converc_emulator_get_n_requests (f->emulator);
  cw_event_feed_set_event_count (f->feed, 12);
  WAIT_FOR (!cw_event_feed_get_loading (f->feed) &&
            converc_emulator_get_n_requests (f->emulator) > n_requests);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 12);
  g_assert_nonnull (strstr (_cw_events_page_get_status (f->page), "12 events"));
}

static void
test_filter_type (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  GListModel *types = cw_event_feed_get_types (f->feed);
  guint position = GTK_INVALID_LIST_POSITION;
  guint n_all;

  show_and_load (f);
  n_all = g_list_model_get_n_items (model);

  /* The eight documented types are offered, after "All Types". */
  g_assert_cmpuint (g_list_model_get_n_items (types), >=, 8);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (f->page->type_dropdown)),
                    ==, g_list_model_get_n_items (types) + 1);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (types), i), "call.ended") == 0)
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

  /* Choose it as a user would, in the drop-down. */
  gtk_drop_down_set_selected (f->page->type_dropdown, position + 1);
  g_assert_cmpstr (cw_event_feed_get_event_type (f->feed), ==, "call.ended");
  WAIT_FOR (!cw_event_feed_get_loading (f->feed));

  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_assert_cmpstr (converc_event_get_event_type (item_at (model, i)), ==, "call.ended");

  /* Back to every type. */
  gtk_drop_down_set_selected (f->page->type_dropdown, 0);
  g_assert_null (cw_event_feed_get_event_type (f->feed));
  WAIT_FOR (!cw_event_feed_get_loading (f->feed));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  g_autofree char *email = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *folded = NULL;
  guint n_all;
  guint n_expected = 0;

  show_and_load (f);
  n_all = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_all && email == NULL; i++)
    {
      ConvercEvent *event = item_at (model, i);

      if (converc_event_get_contact_email (event) != NULL)
        email = g_strdup (converc_event_get_contact_email (event));
    }
  g_assert_nonnull (email);

  folded = converc_fold_for_search (email);
  for (guint i = 0; i < n_all; i++)
    n_expected += converc_event_matches (item_at (model, i), folded);

  /* Typed in capitals: the search ignores case. */
  upper = g_utf8_strup (email, -1);
  cw_events_page_set_search_text (f->page, upper);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_expected);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      ConvercEvent *event = item_at (model, i);
      g_autofree char *raw = g_strndup (g_bytes_get_data (converc_event_get_raw (event), NULL),
                                        g_bytes_get_size (converc_event_get_raw (event)));

      g_assert_nonnull (strstr (raw, email));
    }
  g_assert_nonnull (strstr (_cw_events_page_get_status (f->page), "shown"));

  /* The id of one event finds exactly that one. */
  {
    const char *id = converc_event_get_id (item_at (model, 0));

    cw_events_page_set_search_text (f->page, id);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpstr (converc_event_get_id (item_at (model, 0)), ==, id);
  }

  /* Nothing matches: the empty state says so. */
  cw_events_page_set_search_text (f->page, "no-such-text-anywhere-xyzzy");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (visible_page (f), ==, "no-match");

  /* Typing in the entry itself (search-changed is delayed a little). */
  gtk_editable_set_text (GTK_EDITABLE (f->page->search_entry), "");
  WAIT_FOR (g_list_model_get_n_items (model) == n_all);
  g_assert_cmpstr (visible_page (f), ==, "list");

  /* Ctrl+F's action puts the focus in the search entry. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "events.find", NULL);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_nonnull (focus);
    g_assert_true (focus == GTK_WIDGET (f->page->search_entry) ||
                   gtk_widget_is_ancestor (focus, GTK_WIDGET (f->page->search_entry)));
  }
}

static void
test_selection_kept (Fixture       *f,
                     gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  g_autoptr(ConvercEvent) selected = NULL;
  g_autofree char *id = NULL;
  guint n_before;

  show_and_load (f);
  n_before = g_list_model_get_n_items (model);

  g_assert_true (cw_events_page_select_id (f->page, converc_event_get_id (item_at (model, 5))));
  selected = g_object_ref (cw_events_page_get_selected (f->page));
  id = g_strdup (converc_event_get_id (selected));
  g_assert_true (cw_event_detail_get_event (f->page->detail) == selected);

  converc_emulator_generate_events (f->emulator, 4, 99);
  refresh_and_wait (f);

  /* The new events were added; the old ones are the very same objects. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_before + 4);
  g_assert_true (cw_events_page_get_selected (f->page) == selected);
  g_assert_cmpstr (converc_event_get_id (cw_events_page_get_selected (f->page)), ==, id);
  g_assert_true (cw_event_detail_get_event (f->page->detail) == selected);
  g_assert_true (item_at (model, 9) == selected);

  /* A refresh without anything new changes nothing. */
  refresh_and_wait (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_before + 4);
  g_assert_true (cw_events_page_get_selected (f->page) == selected);
}

static void
test_unknown_type (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  GListModel *types = cw_event_feed_get_types (f->feed);
  gboolean offered = FALSE;

  converc_emulator_add_raw_event (f->emulator,
                                  "{\"id\":\"evt_unknown_1\",\"type\":\"call.event\","
                                  "\"createdAt\":\"2024-01-01T00: 00: 0002\",\"data\":{}}");
  show_and_load (f);

  g_assert_true (cw_events_page_select_id (f->page, "evt_unknown_1"));
  g_assert_cmpstr (converc_event_get_event_type (cw_events_page_get_selected (f->page)), ==,
                   "call.event");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 41);

  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    offered |= g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (types), i),
                          "call.event") == 0;
  g_assert_true (offered);

  /* The detail shows what is there. */
  g_assert_true (widget_has_label_text (GTK_WIDGET (f->page->detail), "call.event"));
  g_assert_true (widget_has_label_text (GTK_WIDGET (f->page->detail), "evt_unknown_1"));
  {
    g_autofree char *json = cw_event_detail_dup_json (f->page->detail);

    g_assert_nonnull (strstr (json, "\"call.event\""));
  }

  /* Its garbled time is shown as sent. */
  {
    ConvercEvent *event = cw_events_page_get_selected (f->page);
    g_autofree char *when = cw_format_event_time (event, g_get_real_time () / G_USEC_PER_SEC);

    if (converc_event_get_created_unix (event) == G_MININT64)
      g_assert_cmpstr (when, ==, "2024-01-01T00: 00: 0002");
    else
      g_assert_cmpstr (when, ==, "2024-01-01 00:00");
  }

  /* Filtering by the unknown type asks the server for that type. */
  cw_event_feed_set_event_type (f->feed, "call.event");
  WAIT_FOR (!cw_event_feed_get_loading (f->feed));
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_assert_cmpstr (converc_event_get_event_type (item_at (model, i)), ==, "call.event");
  g_assert_true (cw_events_page_select_id (f->page, "evt_unknown_1"));
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  const char *problem;

  converc_emulator_add_raw_event (f->emulator, "42");
  converc_emulator_add_raw_event (f->emulator, "{\"id\": [1, 2], \"type\": {}}");
  show_and_load (f);

  /* The readable events are all shown ... */
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 40);
  g_assert_cmpstr (visible_page (f), ==, "list");

  /* ... and the unreadable ones are reported, not hidden. */
  problem = _cw_events_page_get_problem (f->page);
  g_assert_nonnull (problem);
  g_test_message ("problem: %s", problem);
  g_assert_true (gtk_revealer_get_reveal_child (f->page->problem_revealer));
  g_assert_cmpstr (gtk_label_get_text (f->page->problem_label), ==, problem);
  g_assert_true (strstr (problem, "could not be read") != NULL);
}

static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  ConvercEvent *ended = NULL;
  const char *name;
  g_autofree char *json = NULL;

  show_and_load (f);
  cw_event_feed_set_event_type (f->feed, "call.ended");
  WAIT_FOR (!cw_event_feed_get_loading (f->feed));

  for (guint i = 0; i < g_list_model_get_n_items (model) && ended == NULL; i++)
    {
      if (converc_event_get_contact_name (item_at (model, i)) != NULL)
        ended = item_at (model, i);
    }
  g_assert_nonnull (ended);
  name = converc_event_get_contact_name (ended);

  g_assert_true (cw_events_page_select_id (f->page, converc_event_get_id (ended)));
  g_assert_true (cw_event_detail_get_event (f->page->detail) == ended);

  g_assert_true (widget_has_label_text (GTK_WIDGET (f->page->detail), name));
  g_assert_true (widget_has_label_text (GTK_WIDGET (f->page->detail), "Contact"));
  g_assert_true (widget_has_label_text (GTK_WIDGET (f->page->detail), "Call"));
  g_assert_true (widget_has_label_text (GTK_WIDGET (f->page->detail), "call.ended"));

  json = cw_event_detail_dup_json (f->page->detail);
  g_assert_nonnull (strstr (json, converc_event_get_id (ended)));
  g_assert_nonnull (strstr (json, "\n  \"type\": \"call.ended\""));

  /* Copy Event ID puts the id on the clipboard. */
  gtk_widget_activate_action (GTK_WIDGET (f->page->detail), "event.copy-id", NULL);
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->page->detail));
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *text = NULL;

    gdk_clipboard_read_text_async (clipboard, NULL, store_result_cb, &result);
    WAIT_FOR (result != NULL);
    text = gdk_clipboard_read_text_finish (clipboard, result, NULL);
    g_assert_cmpstr (text, ==, converc_event_get_id (ended));
  }
}


/* TRUE when a cell under @widget shows "@first<one character>@second". */
static gboolean
widget_has_joined_text (GtkWidget  *widget,
                        const char *first,
                        const char *second)
{
  const char *text = widget_text (widget);

  if (text != NULL && g_str_has_prefix (text, first) && g_str_has_suffix (text, second) &&
      g_utf8_strlen (text, -1) == g_utf8_strlen (first, -1) + 1 + g_utf8_strlen (second, -1))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (widget_has_joined_text (child, first, second))
        return TRUE;
    }

  return FALSE;
}

static void
add_readable_event (Fixture *f)
{
  converc_emulator_add_raw_event (f->emulator,
                                  "{\"id\":\"evt_readable\",\"type\":\"call.ended\","
                                  "\"createdAt\":\"2024-05-01T10:42:00Z\",\"data\":{"
                                  "\"call\":{\"status\":\"completed\","
                                  "\"acceptedAt\":\"2024-05-01T10:05:27Z\","
                                  "\"endedAt\":\"2024-05-01T10:42:00Z\"},"
                                  "\"contact\":{\"name\":\"Kwame Mensah\","
                                  "\"email\":\"kwame@example.com\",\"phone\":null},"
                                  "\"recording\":{\"available\":true,"
                                  "\"videoUrl\":\"https://media.example.com/v.mp4\","
                                  "\"expiresInSeconds\":86400}}}");
}

static char *
read_clipboard (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autoptr(GAsyncResult) result = NULL;

  gdk_clipboard_read_text_async (clipboard, NULL, store_result_cb, &result);
  WAIT_FOR (result != NULL);
  return gdk_clipboard_read_text_finish (clipboard, result, NULL);
}

/* The heading says what, who and when; lengths are said as a person would;
 * each value has a button that copies exactly that value. */
static void
test_detail_readable (Fixture       *f,
                      gconstpointer  data)
{
  const char *heading;
  GtkLabel *email;
  GtkWidget *grid;
  GtkWidget *copy;
  g_autofree char *copied = NULL;
  int row;

  add_readable_event (f);
  show_and_load (f);
  g_assert_true (cw_events_page_select_id (f->page, "evt_readable"));
  cw_events_page_set_search_text (f->page, "evt_readable");

  /* TZ is UTC here: the time as sent. */
  heading = "call.ended · Kwame Mensah · 2024-05-01 10:42";
  g_assert_nonnull (find_label (GTK_WIDGET (f->page->detail), heading));

  g_assert_nonnull (find_label (GTK_WIDGET (f->page->detail), "1 day"));
  g_assert_nonnull (find_label (GTK_WIDGET (f->page->detail), "36 minutes 33 seconds"));
  g_assert_nonnull (find_label (GTK_WIDGET (f->page->detail), "2024-05-01 10:42:00 UTC"));

  /* The event row's summary has the email. */
  WAIT_FOR (widget_has_label_text (GTK_WIDGET (f->page->column_view),
                                   "Kwame Mensah · kwame@example.com · completed · 36:33"));

  email = find_label (GTK_WIDGET (f->page->detail), "kwame@example.com");
  g_assert_nonnull (email);
  grid = gtk_widget_get_parent (GTK_WIDGET (email));
  g_assert_true (GTK_IS_GRID (grid));
  gtk_grid_query_child (GTK_GRID (grid), GTK_WIDGET (email), NULL, &row, NULL, NULL);
  copy = gtk_grid_get_child_at (GTK_GRID (grid), 2, row);
  g_assert_true (GTK_IS_BUTTON (copy));
  g_signal_emit_by_name (copy, "clicked");
  copied = read_clipboard (copy);
  g_assert_cmpstr (copied, ==, "kwame@example.com");
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The detail's JSON view (a GtkSourceView) is made when an event is
 * first shown, not with the page: a page that shows no event has none. */
static void
test_detail_json_view_later (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  GtkWidget *view;
  g_autofree char *json = NULL;

  show_and_load (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_assert_null (find_widget_of_type (GTK_WIDGET (f->page->detail), GTK_TYPE_TEXT_VIEW));

  g_assert_true (cw_events_page_select_id (f->page, converc_event_get_id (item_at (model, 0))));
  view = find_widget_of_type (GTK_WIDGET (f->page->detail), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (view);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_true (gtk_text_view_get_monospace (GTK_TEXT_VIEW (view)));
  json = cw_event_detail_dup_json (f->page->detail);
  g_assert_nonnull (strstr (json, converc_event_get_id (item_at (model, 0))));

  /* No event again: the view stays, emptied */
  gtk_single_selection_set_selected (f->page->selection, GTK_INVALID_LIST_POSITION);
  g_assert_null (cw_event_detail_get_event (f->page->detail));
  g_assert_true (find_widget_of_type (GTK_WIDGET (f->page->detail), GTK_TYPE_TEXT_VIEW) == view);
  g_clear_pointer (&json, g_free);
  json = cw_event_detail_dup_json (f->page->detail);
  g_assert_cmpstr (json, ==, "");
}

/* Where (0, 0) of @widget is in @ancestor. */
static graphene_point_t
origin_in (GtkWidget *widget,
           GtkWidget *ancestor)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, ancestor, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point;
}

/* With the application's style: a recording link's text starts where the
 * other values do and sits level with its label; a JSON line too long for
 * the view wraps under its own text, not at the left edge. */
static void
test_detail_layout (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autofree char *long_value = g_strnfill (400, 'a');
  g_autofree char *event = NULL;
  graphene_point_t key_at, link_at, value_at;
  GtkTextIter line_start, text_start, wrapped;
  GdkRectangle text_rect, wrapped_rect;
  GtkTextBuffer *buffer;
  GtkWidget *link, *link_label, *grid, *view;
  GtkLabel *key, *value;
  gboolean found;

  gtk_css_provider_load_from_resource (provider, "/com/converc/Webhooks/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  for (guint i = 40; i < 400; i += 41)
    long_value[i] = ' ';
  event = g_strdup_printf ("{\"id\":\"evt_layout\",\"type\":\"call.ended\","
                           "\"createdAt\":\"2024-05-01T10:42:00Z\",\"data\":{"
                           "\"contact\":{\"name\":\"Ama Owusu\",\"note\":\"%s\"},"
                           "\"recording\":{\"available\":true,"
                           "\"videoUrl\":\"https://media.example.com/v.mp4\","
                           "\"expiresInSeconds\":86400}}}", long_value);
  converc_emulator_add_raw_event (f->emulator, event);
  gtk_window_set_default_size (f->window, 700, 700);
  show_and_load (f);
  g_assert_true (cw_events_page_select_id (f->page, "evt_layout"));
  cw_events_page_set_search_text (f->page, "evt_layout");

  link = find_widget_of_type (GTK_WIDGET (f->page->detail), GTK_TYPE_LINK_BUTTON);
  g_assert_nonnull (link);
  WAIT_FOR (gtk_widget_get_mapped (link) && gtk_widget_get_width (link) > 0);
  link_label = gtk_button_get_child (GTK_BUTTON (link));
  g_assert_true (GTK_IS_LABEL (link_label));
  grid = gtk_widget_get_parent (link);
  key = find_label (grid, "Video");
  value = find_label (grid, "1 day");
  g_assert_nonnull (key);
  g_assert_nonnull (value);

  key_at = origin_in (GTK_WIDGET (key), grid);
  link_at = origin_in (link_label, grid);
  value_at = origin_in (GTK_WIDGET (value), grid);
  g_test_message ("key y %.0f, link text at %.0f,%.0f, value x %.0f",
                  key_at.y, link_at.x, link_at.y, value_at.x);
  g_assert_cmpfloat (ABS (link_at.y - key_at.y), <=, 2);
  g_assert_cmpfloat (ABS (link_at.x - value_at.x), <=, 2);

  /* The JSON: the line with the long value wraps, and its second display
   * line starts to the right of where the line's own text starts. */
  view = find_widget_of_type (GTK_WIDGET (f->page->detail), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_start_iter (buffer, &line_start);
  found = gtk_text_iter_forward_search (&line_start, "\"note\"", 0, &text_start, NULL, NULL);
  g_assert_true (found);
  line_start = text_start;
  gtk_text_iter_set_line_offset (&line_start, 0);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&text_start), >, 0);

  WAIT_FOR (gtk_widget_get_mapped (view) && gtk_widget_get_width (view) > 0);
  wrapped = text_start;
  found = FALSE;
  /* Let the view lay the line out, then find where it wraps. */
  for (guint tries = 0; tries < 50 && !found; tries++)
    {
      g_main_context_iteration (NULL, FALSE);
      wrapped = text_start;
      while (gtk_text_iter_forward_char (&wrapped) && !gtk_text_iter_ends_line (&wrapped))
        if (gtk_text_view_starts_display_line (GTK_TEXT_VIEW (view), &wrapped))
          {
            found = TRUE;
            break;
          }
    }
  g_assert_true (found);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &text_start, &text_rect);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &wrapped, &wrapped_rect);
  g_test_message ("line text at x %d, wrapped part at x %d", text_rect.x, wrapped_rect.x);
  g_assert_cmpint (wrapped_rect.y, >, text_rect.y);
  g_assert_cmpint (wrapped_rect.x, >, text_rect.x);

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (provider));
}

/* At 360 px the list still says what happened to whom, and the detail's
 * buttons show their whole labels. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  static const char * const actions[] = { "event.copy-json", "event.copy-pretty-json",
                                          "event.save-json" };

  gtk_window_set_default_size (f->window, 360, 700);
  add_readable_event (f);
  show_and_load (f);
  g_assert_true (cw_events_page_select_id (f->page, "evt_readable"));
  cw_events_page_set_search_text (f->page, "evt_readable");

  WAIT_FOR (!gtk_column_view_column_get_visible (f->page->type_column));
  g_assert_true (gtk_column_view_column_get_visible (f->page->summary_column));
  g_assert_false (gtk_column_view_column_get_visible (f->page->id_column));
  /* Summary has the rest of the row, not the width it had beside Type. */
  WAIT_FOR (gtk_column_view_column_get_fixed_width (f->page->summary_column) >= 200);
  WAIT_FOR (widget_has_label_text (GTK_WIDGET (f->page->column_view),
                                   "call.ended · Kwame Mensah · kwame@example.com · completed · 36:33"));

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = cw_test_find_action_button (GTK_WIDGET (f->page->detail), actions[i]);
      GtkWidget *label;
      int min;

      g_assert_nonnull (button);
      WAIT_FOR (gtk_widget_get_width (button) > 0);
      label = gtk_button_get_child (GTK_BUTTON (button));
      g_assert_true (GTK_IS_LABEL (label));
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (button), >=, min);
      /* Inside the window. */
      {
        graphene_point_t right = GRAPHENE_POINT_INIT (gtk_widget_get_width (button), 0);
        graphene_point_t point;

        g_assert_true (gtk_widget_compute_point (button, GTK_WIDGET (f->window), &right, &point));
        g_assert_cmpfloat (point.x, <=, 360);
      }
    }
}

/* TRUE when a cell under @widget shows text with a line break in it. */
static gboolean
has_multi_line_text (GtkWidget *widget)
{
  const char *text = widget_text (widget);

  if (text != NULL && strpbrk (text, "\r\n") != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_multi_line_text (child))
        return TRUE;
    }

  return FALSE;
}

static void
test_literal_text (Fixture       *f,
                   gconstpointer  data)
{
  const char *name = "<b>Bold</b> & <span foreground=\"red\">Red</span>";
  GtkLabel *label;

  converc_emulator_add_raw_event (f->emulator,
                                  "{\"id\":\"evt_markup\",\"type\":\"call.ended\","
                                  "\"createdAt\":\"2024-05-01T10:00:00Z\",\"data\":{"
                                  "\"contact\":{\"name\":\"<b>Bold</b> & <span foreground=\\\"red\\\">Red</span>\","
                                  "\"email\":null,\"phone\":null,\"location\":null}}}");
  /* A line break in server text stays on the row's one line, shown as a
   * mark so that it cannot pass for another field. */
  converc_emulator_add_raw_event (f->emulator,
                                  "{\"id\":\"evt_lines\",\"type\":\"call.ended\","
                                  "\"createdAt\":\"2024-05-01T10:00:01Z\",\"data\":{"
                                  "\"contact\":{\"name\":\"Line one\\nLine two\","
                                  "\"email\":null,\"phone\":null,\"location\":null}}}");
  show_and_load (f);
  /* The break is shown as one visible mark (converc_display_text, since
   * 11706be), never as a second line. */
  WAIT_FOR (widget_has_joined_text (GTK_WIDGET (f->page->column_view), "Line one", "Line two"));
  g_assert_false (has_multi_line_text (GTK_WIDGET (f->page->column_view)));

  g_assert_true (cw_events_page_select_id (f->page, "evt_markup"));
  label = find_label (GTK_WIDGET (f->page->detail), name);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);

  /* First load fails: the error page says why. */
  converc_emulator_set_forced_status (f->emulator, 500, NULL);
  show_and_load (f);
  g_assert_cmpstr (visible_page (f), ==, "error");
  g_assert_cmpstr (gtk_label_get_text (f->page->error_label), !=, "");
  g_assert_cmpuint (cw_event_feed_get_n_failures (f->feed), ==, 1);

  /* It works again. */
  converc_emulator_reset_knobs (f->emulator);
  refresh_and_wait (f);
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 40);

  /* Rate limited while events are shown: they stay, the message says so,
   * and auto-refresh waits at least as long as Retry-After asks. */
  cw_event_feed_set_refresh_interval (f->feed, 10);
  cw_event_feed_set_auto_refresh (f->feed, TRUE);
  converc_emulator_set_rate_limited (f->emulator, TRUE, "120");
  refresh_and_wait (f);
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 40);
  g_assert_nonnull (_cw_events_page_get_problem (f->page));
  g_assert_cmpint (cw_event_feed_get_retry_after (f->feed), ==, 120);
  g_assert_cmpuint (cw_event_feed_get_next_poll (f->feed), !=, 0);
  g_assert_cmpint (cw_event_feed_get_next_poll (f->feed) - g_get_monotonic_time (), >, 110 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (_cw_events_page_get_status (f->page), "wait"));

  /* Back-off without Retry-After: twice the interval, then four times. */
  converc_emulator_set_rate_limited (f->emulator, FALSE, NULL);
  converc_emulator_set_forced_status (f->emulator, 503, NULL);
  refresh_and_wait (f);
  g_assert_cmpint (cw_event_feed_get_next_poll (f->feed) - g_get_monotonic_time (), >, 15 * G_USEC_PER_SEC);
  g_assert_cmpint (cw_event_feed_get_next_poll (f->feed) - g_get_monotonic_time (), <=, 20 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (_cw_events_page_get_status (f->page), "refresh failed"));
}

static void
test_paused_when_hidden (Fixture       *f,
                         gconstpointer  data)
{
  cw_event_feed_set_refresh_interval (f->feed, 30);
  cw_event_feed_set_auto_refresh (f->feed, TRUE);
  show_and_load (f);

  g_assert_false (cw_event_feed_get_paused (f->feed));
  g_assert_cmpuint (cw_event_feed_get_next_poll (f->feed), !=, 0);
  g_assert_nonnull (strstr (_cw_events_page_get_status (f->page), "Auto-Refresh every 30 s"));

  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  g_assert_true (cw_event_feed_get_paused (f->feed));
  g_assert_cmpuint (cw_event_feed_get_next_poll (f->feed), ==, 0);
  g_assert_nonnull (strstr (_cw_events_page_get_status (f->page), "paused while the events are hidden"));

  gtk_window_present (f->window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  g_assert_false (cw_event_feed_get_paused (f->feed));
  g_assert_cmpuint (cw_event_feed_get_next_poll (f->feed), !=, 0);

  /* Auto-refresh off: no polling at all. */
  cw_event_feed_set_auto_refresh (f->feed, FALSE);
  g_assert_cmpuint (cw_event_feed_get_next_poll (f->feed), ==, 0);
  g_assert_false (gtk_toggle_button_get_active (f->page->auto_refresh_button));
}

static void
test_auto_refresh_merges (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  guint n_before;

  show_and_load (f);
  n_before = g_list_model_get_n_items (model);
  g_assert_true (cw_events_page_select_id (f->page, converc_event_get_id (item_at (model, 2))));

  /* Shortest interval: a poll comes within MIN_POLL_SECONDS. */
  converc_emulator_generate_events (f->emulator, 3, 5);
  cw_event_feed_set_refresh_interval (f->feed, 1);
  cw_event_feed_set_auto_refresh (f->feed, TRUE);
  WAIT_FOR (g_list_model_get_n_items (model) == n_before + 3);
  g_assert_true (cw_events_page_get_selected (f->page) == item_at (model, 5));
}

/* The rows on screen show what the model holds: after a search narrows the
 * list and after it is cleared, each shown event's id is in a row, the
 * hidden events' ids are in none, and the selected row is the selected
 * event's. */
static gboolean
widget_has_selected_label (GtkWidget  *widget,
                           const char *text,
                           gboolean    in_selected)
{
  in_selected |= (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_SELECTED) != 0;

  if (in_selected && g_strcmp0 (widget_text (widget), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (widget_has_selected_label (child, text, in_selected))
        return TRUE;
    }

  return FALSE;
}

static void
wait_for_frame (Fixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  gint64 counter = gdk_frame_clock_get_frame_counter (clock);

  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  WAIT_FOR (gdk_frame_clock_get_frame_counter (clock) > counter);
}

static void
test_rows_follow_model (Fixture       *f,
                        gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  GtkWidget *view = GTK_WIDGET (f->page->column_view);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *email = NULL;
  ConvercEvent *chosen = NULL;
  guint n_all;

  show_and_load (f);
  wait_for_frame (f);
  n_all = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_all; i++)
    g_ptr_array_add (ids, g_strdup (converc_event_get_id (item_at (model, i))));
  for (guint i = 0; i < 8; i++)
    g_assert_true (widget_has_label_text (view, g_ptr_array_index (ids, i)));

  /* Choose an event below the first rows, with a contact e-mail. */
  for (guint i = n_all / 2; i < n_all && chosen == NULL; i++)
    {
      if (converc_event_get_contact_email (item_at (model, i)) != NULL)
        chosen = item_at (model, i);
    }
  g_assert_nonnull (chosen);
  email = g_strdup (converc_event_get_contact_email (chosen));
  g_assert_true (cw_events_page_select_id (f->page, converc_event_get_id (chosen)));

  /* Narrowed: exactly the matching events have rows; the selection stays. */
  cw_events_page_set_search_text (f->page, email);
  wait_for_frame (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_all);
  for (guint i = 0; i < n_all; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      gboolean shown = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        shown |= g_strcmp0 (converc_event_get_id (item_at (model, j)), id) == 0;
      g_assert_cmpint (widget_has_label_text (view, id), ==, shown);
    }
  g_assert_true (cw_events_page_get_selected (f->page) == chosen);
  g_assert_true (widget_has_selected_label (view, converc_event_get_id (chosen), FALSE));

  /* Cleared: the first rows are back, in order, and the selection too. */
  cw_events_page_set_search_text (f->page, "");
  wait_for_frame (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  for (guint i = 0; i < 8; i++)
    g_assert_true (widget_has_label_text (view, g_ptr_array_index (ids, i)));
  g_assert_true (cw_events_page_get_selected (f->page) == chosen);
  g_assert_true (widget_has_selected_label (view, converc_event_get_id (chosen), FALSE));
  g_assert_true (cw_event_detail_get_event (f->page->detail) == chosen);

  /* Another order: the rows follow it. */
  gtk_column_view_sort_by_column (f->page->column_view, f->page->id_column, GTK_SORT_ASCENDING);
  wait_for_frame (f);
  for (guint i = 0; i < 8; i++)
    g_assert_true (widget_has_label_text (view, converc_event_get_id (item_at (model, i))));
  g_assert_true (widget_has_selected_label (view, converc_event_get_id (chosen), FALSE));
}

/* A long answer is added to the list in steps, so that the main loop keeps
 * running; the load ends only when every event is in, and a refresh in the
 * middle loses none of them. */
static void
test_large_load (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *model = cw_events_page_get_model (f->page);
  gint64 previous = G_MAXINT64;
  guint n_all = 40 + 600;

  converc_emulator_generate_events (f->emulator, 600, 77);
  cw_event_feed_set_event_count (f->feed, 1000);
  show_and_load (f);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_nonnull (strstr (_cw_events_page_get_status (f->page), "640 events"));
  for (guint i = 0; i < n_all; i++)
    {
      gint64 created = converc_event_get_created_unix (item_at (model, i));

      g_assert_cmpint (created, <=, previous);
      previous = created;
    }

  /* Again from scratch; refresh while the first events are shown. */
  cw_event_feed_clear (f->feed);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  cw_event_feed_refresh (f->feed);
  WAIT_FOR (g_list_model_get_n_items (model) > 0 || !cw_event_feed_get_loading (f->feed));
  if (cw_event_feed_get_loading (f->feed))
    {
      g_test_message ("refreshing with %u of %u events shown",
                      g_list_model_get_n_items (model), n_all);
      cw_event_feed_refresh (f->feed);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
      WAIT_FOR (!cw_event_feed_get_loading (f->feed));
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/cw/events-page/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("load", test_load);
  ADD ("count", test_count);
  ADD ("filter-type", test_filter_type);
  ADD ("search", test_search);
  ADD ("selection-kept", test_selection_kept);
  ADD ("unknown-type", test_unknown_type);
  ADD ("malformed", test_malformed);
  ADD ("detail", test_detail);
  ADD ("detail-readable", test_detail_readable);
  ADD ("detail-layout", test_detail_layout);
  ADD ("detail-json-view-later", test_detail_json_view_later);
  ADD ("narrow", test_narrow);
  ADD ("literal-text", test_literal_text);
  ADD ("errors", test_errors);
  ADD ("paused-when-hidden", test_paused_when_hidden);
  ADD ("auto-refresh-merges", test_auto_refresh_merges);
  ADD ("rows-follow-model", test_rows_follow_model);
  ADD ("large-load", test_large_load);

#undef ADD

  return g_test_run ();
}
