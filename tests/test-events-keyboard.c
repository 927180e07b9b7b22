/* test-events-keyboard.c
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

/* The one concern of this file: finding one customer's call.ended and
 * putting its JSON on the clipboard takes four keyboard actions — Ctrl+F
 * (from either page), typing `type:call.ended EMAIL`, Enter, Ctrl+Shift+C
 * — which copy the exact bytes Converc sent; and every one of these
 * shortcuts is in the Shortcuts window. */

#define G_LOG_DOMAIN "test-events-keyboard"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cw-application.h"
#include "cw-event-detail.h"
#include "cw-events-page.h"
#include "cw-test-utils.h"
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

/* Activates the shortcut of @widget's controllers whose trigger is
 * @trigger, if any. */
static gboolean
run_controllers (GtkWidget          *widget,
                 GtkShortcutTrigger *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            continue;
          if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

/* A key press as the window resolves it: the application's accelerators
 * first (GTK runs them in the capture phase), then the shortcuts of the
 * focused widget and of each of its ancestors (bubbling). */
static void
press (CwWindow   *window,
       const char *accel)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accel);
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (app, accel);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (trigger);

  if (actions != NULL && actions[0] != NULL)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_action_parse_detailed_name (actions[0], &name, &target, &error));
      g_assert_no_error (error);
      g_assert_true (gtk_widget_activate_action_variant (focus != NULL ? focus : GTK_WIDGET (window),
                                                         name, target));
      return;
    }

  for (GtkWidget *w = focus != NULL ? focus : GTK_WIDGET (window); w != NULL; w = gtk_widget_get_parent (w))
    if (run_controllers (w, trigger))
      return;

  g_error ("No shortcut of the window handles %s", accel);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
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

static const char *
visible_page (CwWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  return adw_view_stack_get_visible_child_name (stack);
}

/* The email of a call.ended event in the demo's journal, and the newest
 * call.ended event that has it (the first match the page will show). */
static ConvercEvent *
pick_target (ConvercJournal  *journal,
             char           **email)
{
  g_autoptr(ConvercSearchQuery) ended = converc_search_query_parse ("type:call.ended");
  g_autoptr(GPtrArray) rows = converc_journal_query (journal, ended, 0, 0, 0, NULL);

  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    {
      ConvercJournalRow *row = g_ptr_array_index (rows, i);
      g_autofree char *text = NULL;
      g_autoptr(ConvercSearchQuery) query = NULL;
      g_autoptr(GPtrArray) matches = NULL;
      g_autoptr(GBytes) raw = NULL;

      if (row->contact_email == NULL || strchr (row->contact_email, '@') == NULL)
        continue;

      text = g_strdup_printf ("type:call.ended %s", row->contact_email);
      query = converc_search_query_parse (text);
      matches = converc_journal_query (journal, query, 0, 0, 1, NULL);
      g_assert_nonnull (matches);
      g_assert_cmpuint (matches->len, ==, 1);
      raw = converc_journal_lookup_by_key (journal,
                                           ((ConvercJournalRow *) g_ptr_array_index (matches, 0))->key,
                                           NULL);
      g_assert_nonnull (raw);
      *email = g_strdup (row->contact_email);
      return converc_parse_event (raw, NULL);
    }

  g_assert_not_reached ();
  return NULL;
}

static void
four_keys (CwWindow   *window,
           const char *from_page)
{
  g_autoptr(ConvercEvent) target = NULL;
  g_autofree char *email = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *expected = NULL;
  CwEventsPage *events;
  ConvercJournal *journal;
  ConvercEvent *selected;
  GtkWidget *focus;
  GBytes *raw;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", from_page));
  g_assert_cmpstr (visible_page (window), ==, from_page);

  /* 1. Ctrl+F: the Events page, the focus in its search. */
  press (window, "<Control>f");
  g_assert_cmpstr (visible_page (window), ==, "events");
  events = CW_EVENTS_PAGE (find_type (GTK_WIDGET (window), CW_TYPE_EVENTS_PAGE));
  g_assert_nonnull (events);
  WAIT_FOR ((focus = gtk_root_get_focus (GTK_ROOT (window))) != NULL &&
            gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL &&
            gtk_widget_is_ancestor (focus, GTK_WIDGET (events)));

  /* The demo's events are stored (in memory) before we pick one. */
  WAIT_FOR ((journal = cw_event_feed_get_journal (cw_events_page_get_feed (events))) != NULL &&
            converc_journal_count (journal, NULL, 0, NULL) >= 40 &&
            !cw_event_feed_get_loading (cw_events_page_get_feed (events)));
  target = pick_target (journal, &email);

  /* 2. Typing the search into the focused entry. */
  typed = g_strdup_printf ("type:call.ended %s", email);
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), typed);

  /* 3. Enter: the first match opens. */
  press (window, "Return");
  WAIT_FOR ((selected = cw_events_page_get_selected (events)) != NULL &&
            g_strcmp0 (converc_event_get_id (selected), converc_event_get_id (target)) == 0);

  /* 4. Ctrl+Shift+C, the focus still in the search: the exact bytes. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (focus), "not yet");
  press (window, "<Control><Shift>c");
  raw = converc_event_get_raw (target);
  expected = g_strndup (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
  copied = read_clipboard (focus);
  g_assert_cmpstr (copied, ==, expected);
  /* Not the pretty-printed JSON: the bytes as sent, on one line. */
  g_assert_null (strchr (copied, '\n'));

  /* Copy Pretty JSON sits beside it. */
  {
    GtkWidget *detail = find_type (GTK_WIDGET (events), CW_TYPE_EVENT_DETAIL);
    g_autofree char *pretty = NULL;

    g_assert_nonnull (detail);
    g_assert_true (gtk_widget_activate_action (detail, "event.copy-pretty-json", NULL));
    pretty = read_clipboard (focus);
    g_assert_nonnull (strchr (pretty, '\n'));
    g_assert_cmpstr (pretty, !=, expected);
  }
}

/* From a cold start of the demo, from either page. */
static void
test_four_keys (void)
{
  g_autoptr(CwApplication) app = cw_application_new ();
  g_autoptr(GError) error = NULL;
  CwWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cw_application_start_demo (app, &error));
  g_assert_no_error (error);

  window = cw_window_new (app);
  cw_window_load_session (window);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));

  four_keys (window, "endpoints");
  four_keys (window, "events");

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
collect_accels (GObject   *object,
                GString   *found)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (object))
    {
      g_autofree char *accelerator = NULL;

      g_object_get (object, "accelerator", &accelerator, NULL);
      g_string_append_printf (found, "[%s]", accelerator != NULL ? accelerator : "");
    }

  if (GTK_IS_WIDGET (object))
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (object));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      collect_accels (G_OBJECT (child), found);
}

/* help-overlay.ui lists every one of the keys. */
static void
test_listed (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/com/converc/Webhooks/gtk/help-overlay.ui");
  g_autoptr(GString) found = g_string_new (NULL);
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  const char *keys[] = { "<Control>f", "Return", "<Control><Shift>c", "<Control><Shift>s" };

  g_assert_nonnull (overlay);
  collect_accels (overlay, found);
  g_test_message ("%s", found->str);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *bracketed = g_strdup_printf ("[%s]", keys[i]);

      g_assert_nonnull (strstr (found->str, bracketed));
    }

  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/events-keyboard/four-keys", test_four_keys);
  g_test_add_func ("/cw/events-keyboard/listed", test_listed);

  return g_test_run ();
}
