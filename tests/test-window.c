/* test-window.c
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

/* CwWindow: it follows the application's session, its header shows only
 * what the visible page can do, and its shortcuts are there and listed. */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cw-application.h"
#include "cw-events-page.h"
#include "cw-test-utils.h"
#include "cw-test-widgets.h"
#include "cw-window.h"

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_shortcut_titles (GtkWidget *root,
                         GString   *titles)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (root, "title", &title, "accelerator", &accelerator, NULL);
      g_string_append_printf (titles, "%s=%s;", title, accelerator != NULL ? accelerator : "");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcut_titles (child, titles);
}

static const char *
visible_page (CwWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  return adw_view_stack_get_visible_child_name (stack);
}

/* One registered application for the whole run (a second one could not
 * export itself on the session bus). */
static CwApplication *the_app;

static CwApplication *
demo_app (void)
{
  g_autoptr(GError) error = NULL;

  if (the_app == NULL)
    {
      the_app = cw_application_new ();
      g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (the_app), NULL, &error);
      g_assert_no_error (error);
    }

  return g_object_ref (the_app);
}

/* A change of session reaches every window through the application's
 * signal, without the caller knowing the windows. */
static void
test_session_changed (void)
{
  g_autoptr(CwApplication) app = demo_app ();
  g_autoptr(GError) error = NULL;
  CwWindow *first;
  CwWindow *second;

  g_assert_false (cw_application_get_demo (app));
  first = cw_window_new (app);
  second = cw_window_new (app);
  g_assert_cmpstr (cw_window_get_state (first), ==, "loading");
  g_assert_true (cw_application_start_demo (app, &error));
  g_assert_no_error (error);

  cw_application_session_changed (app);
  g_assert_cmpstr (cw_window_get_state (first), ==, "main");
  g_assert_cmpstr (cw_window_get_state (second), ==, "main");

  gtk_window_destroy (GTK_WINDOW (first));
  gtk_window_destroy (GTK_WINDOW (second));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_header_and_pages (void)
{
  g_autoptr(CwApplication) app = demo_app ();
  g_autoptr(GError) error = NULL;
  CwWindow *window = cw_window_new (app);
  GtkWidget *add;
  GtkWidget *refresh;
  GtkWidget *focus;
  CwEventsPage *events;

  if (!cw_application_get_demo (app))
    g_assert_true (cw_application_start_demo (app, &error));
  g_assert_no_error (error);
  cw_window_load_session (window);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));

  add = cw_test_find_action_button (GTK_WIDGET (window), "win.add-endpoint");
  refresh = cw_test_find_action_button (GTK_WIDGET (window), "win.refresh");
  g_assert_nonnull (add);
  g_assert_nonnull (refresh);

  /* Endpoints: Add Endpoint and Refresh. */
  g_assert_cmpstr (visible_page (window), ==, "endpoints");
  g_assert_true (gtk_widget_get_visible (add));
  g_assert_true (gtk_widget_get_visible (refresh));

  /* Alt+2's action: the Events page, which cannot add endpoints. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "events"));
  g_assert_cmpstr (visible_page (window), ==, "events");
  g_assert_false (gtk_widget_get_visible (add));
  g_assert_true (gtk_widget_get_visible (refresh));

  /* Alt+1's action: back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "endpoints"));
  g_assert_cmpstr (visible_page (window), ==, "endpoints");
  g_assert_true (gtk_widget_get_visible (add));

  /* Ctrl+F's action from the Endpoints page: the event search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-event", NULL));
  g_assert_cmpstr (visible_page (window), ==, "events");
  events = CW_EVENTS_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_EVENTS_PAGE));
  g_assert_nonnull (events);
  WAIT_FOR ((focus = gtk_root_get_focus (GTK_ROOT (window))) != NULL &&
            gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL &&
            gtk_widget_is_ancestor (focus, GTK_WIDGET (events)));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_shortcuts (void)
{
  g_autoptr(CwApplication) app = demo_app ();
  g_autoptr(GString) titles = g_string_new (NULL);
  CwWindow *window = cw_window_new (app);
  GtkShortcutsWindow *overlay;
  g_auto(GStrv) accels = NULL;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-page('events')");
  g_assert_cmpstr (accels[0], ==, "<Alt>2");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-page('endpoints')");
  g_assert_cmpstr (accels[0], ==, "<Alt>1");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.find-event");
  g_assert_cmpstr (accels[0], ==, "<Control>f");

  /* The Keyboard Shortcuts window lists them, with the Events ones. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  collect_shortcut_titles (GTK_WIDGET (overlay), titles);
  g_test_message ("%s", titles->str);
  g_assert_nonnull (strstr (titles->str, "Show Endpoints=<Alt>1;"));
  g_assert_nonnull (strstr (titles->str, "Show Events=<Alt>2;"));
  g_assert_nonnull (strstr (titles->str, "Search Events=<Control>f;"));
  g_assert_nonnull (strstr (titles->str, "New Window=<Shift><Control>n;"));
  g_assert_nonnull (strstr (titles->str, "Copy Event JSON=<Control><Shift>c;"));
  g_assert_nonnull (strstr (titles->str, "Save Event JSON=<Control>s;"));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* GNOME Shell's result and search ("app.show-event", "app.search-events"):
 * the window shows the Events page with that event selected. */
static void
test_show_event (void)
{
  g_autoptr(CwApplication) app = demo_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercEvent) first = NULL;
  g_autofree char *id = NULL;
  CwWindow *window = cw_window_new (app);
  CwEventsPage *events;
  ConvercEvent *selected;

  if (!cw_application_get_demo (app))
    g_assert_true (cw_application_start_demo (app, &error));
  g_assert_no_error (error);
  cw_window_load_session (window);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) ==
                 GTK_WINDOW (window));

  /* The demo's events, loaded once the page was shown. */
  cw_window_search_events (window, "");
  g_assert_cmpstr (visible_page (window), ==, "events");
  events = CW_EVENTS_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_EVENTS_PAGE));
  g_assert_nonnull (events);
  WAIT_FOR (g_list_model_get_n_items (cw_events_page_get_model (events)) > 1);
  first = g_list_model_get_item (cw_events_page_get_model (events), 1);
  id = g_strdup (converc_event_get_id (first));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "endpoints"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-event", g_variant_new_string (id));
  g_assert_cmpstr (visible_page (window), ==, "events");
  selected = cw_events_page_get_selected (events);
  g_assert_nonnull (selected);
  g_assert_cmpstr (converc_event_get_id (selected), ==, id);

  /* An event not listed: searched for by its id. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-event",
                                  g_variant_new_string ("evt_not_listed_anywhere"));
  WAIT_FOR (g_list_model_get_n_items (cw_events_page_get_model (events)) == 0);

  /* A search from GNOME Shell: the Events page with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "endpoints"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "search-events", g_variant_new_string (id));
  g_assert_cmpstr (visible_page (window), ==, "events");
  WAIT_FOR (g_list_model_get_n_items (cw_events_page_get_model (events)) == 1);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  CwEventsPage *events;
  guint         rows_when_shown;
  gint64        shown_usec;
} Shown;

static void
window_shown_cb (GtkWidget *window,
                 GParamSpec *pspec,
                 Shown      *shown)
{
  if (!gtk_widget_get_visible (window) || shown->shown_usec != 0)
    return;

  shown->shown_usec = g_get_monotonic_time ();
  shown->events = CW_EVENTS_PAGE (find_type (window, CW_TYPE_EVENTS_PAGE));
  shown->rows_when_shown = shown->events != NULL
                           ? g_list_model_get_n_items (cw_events_page_get_rows (shown->events))
                           : 0;
}

/* A window opened on the Events page (GNOME Shell's search) is shown with
 * the page's first rows, not before them (the endpoint list coming in
 * first does not show it), or after 250 ms at most. */
static void
test_present_on_events (void)
{
  g_autoptr(CwApplication) app = demo_app ();
  g_autoptr(GError) error = NULL;
  CwWindow *window;
  Shown shown = { NULL, 0, 0 };
  gint64 asked;

  if (!cw_application_get_demo (app))
    g_assert_true (cw_application_start_demo (app, &error));
  g_assert_no_error (error);
  window = cw_window_new (app);
  cw_window_load_session (window);
  g_assert_cmpstr (cw_window_get_state (window), ==, "main");
  g_signal_connect (window, "notify::visible", G_CALLBACK (window_shown_cb), &shown);

  asked = g_get_monotonic_time ();
  cw_window_present_when_ready (window);
  cw_window_search_events (window, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  WAIT_FOR (shown.shown_usec != 0);

  g_assert_nonnull (shown.events);
  if (shown.rows_when_shown == 0)
    g_assert_cmpint (shown.shown_usec - asked, >=, 250 * 1000);
  g_printerr ("shown after %.0f ms with %u rows\n", (shown.shown_usec - asked) / 1000.0,
              shown.rows_when_shown);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/window/session-changed", test_session_changed);
  g_test_add_func ("/cw/window/header-and-pages", test_header_and_pages);
  g_test_add_func ("/cw/window/shortcuts", test_shortcuts);
  g_test_add_func ("/cw/window/show-event", test_show_event);
  g_test_add_func ("/cw/window/present-on-events", test_present_on_events);

  status = g_test_run ();
  g_clear_object (&the_app);

  return status;
}
