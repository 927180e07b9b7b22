/* test-endpoint-tools.c
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

/* The one concern of this file: the endpoint details' tools under Xvfb —
 * Copy Secret, Show, Add Its Secret… and Copy as curl (issue 16, items 1
 * and 5). */

#define G_LOG_DOMAIN "test-endpoint-tools"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "cw-delivery-window.h"
#include "cw-endpoints-page-private.h"
#include "cw-events-page.h"
#include "cw-renderer.h"
#include "cw-test-endpoints.h"
#include "cw-test-utils.h"

typedef CwTestServer Fixture;

typedef struct
{
  CwEndpointsPage *page;
  GtkWindow       *window;
} Shown;

static void
shown_free (Shown *shown)
{
  CwEndpointsPage *page = shown->page;

  gtk_window_destroy (shown->window);
  g_free (shown);
  g_assert_finalize_object (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shown, shown_free)

static Shown *
show_page (Fixture *f)
{
  Shown *shown = g_new0 (Shown, 1);

  shown->page = g_object_ref_sink (cw_endpoints_page_new ());
  cw_endpoints_page_set_client (shown->page, f->client);
  cw_endpoints_page_set_secret_store (shown->page, f->store);
  cw_endpoints_page_refresh (shown->page);
  WAIT_FOR (!cw_endpoint_list_get_loading (shown->page->list));

  shown->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (shown->window, 1000, 700);
  gtk_window_set_child (shown->window, GTK_WIDGET (shown->page));
  gtk_window_present (shown->window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (shown->page)));

  return shown;
}

/* The id of the first active endpoint listed. */
static const char *
first_active_id (CwEndpointsPage *page)
{
  ConvercWebhook *webhook = cw_test_find_webhook (cw_endpoint_list_get_webhooks (page->list),
                                                  cw_test_webhook_is_active, NULL);

  g_assert_nonnull (webhook);
  return converc_webhook_get_id (webhook);
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

static void
clear_clipboard (GtkWidget *widget)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), "before");
}

static char *
lookup (Fixture    *f,
        const char *webhook_id)
{
  return converc_secret_store_lookup_sync (f->store, converc_client_get_base_url (f->client),
                                           webhook_id, NULL);
}

/* A stored secret: Copy Secret puts exactly it on the clipboard; Show
 * reveals it and Hide takes the text away again. */
static void
test_copy_and_show (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Shown) shown = show_page (f);
  CwEndpointsPage *page = shown->page;
  g_autofree char *id = g_strdup (first_active_id (page));
  g_autofree char *copied = NULL;
  const char *secret = "whsec_copy'me \"exactly\"";

  g_assert_true (converc_secret_store_store_sync (f->store, converc_client_get_base_url (f->client),
                                                  id, secret, NULL));
  g_assert_true (_cw_endpoints_page_select_id (page, id));
  WAIT_FOR (page->secret_state == CW_SECRET_STATE_STORED);

  g_assert_cmpstr (adw_action_row_get_subtitle (page->secret_row), ==, "Stored in the keyring");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->copy_secret_button)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->show_secret_button)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->add_secret_button)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->secret_value_row)));
  /* Not shown before the click. */
  g_assert_null (strstr (adw_action_row_get_subtitle (page->secret_value_row) ?: "", "whsec"));

  clear_clipboard (GTK_WIDGET (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.copy-secret", NULL);
  WAIT_FOR ((g_free (copied), copied = read_clipboard (GTK_WIDGET (page)),
             g_strcmp0 (copied, "before") != 0));
  g_assert_cmpstr (copied, ==, secret);

  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.show-secret", NULL);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (page->secret_value_row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (page->secret_value_row), ==, secret);
  g_assert_cmpstr (gtk_button_get_label (page->show_secret_button), ==, "Hide");

  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.show-secret", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->secret_value_row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (page->secret_value_row), ==, "");
  g_assert_cmpstr (gtk_button_get_label (page->show_secret_button), ==, "Show");

  /* Shown, then another endpoint is selected: the secret goes away. */
  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.show-secret", NULL);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (page->secret_value_row)));
  gtk_single_selection_set_selected (page->selection,
                                     gtk_single_selection_get_selected (page->selection) == 0 ? 1 : 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->secret_value_row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (page->secret_value_row), ==, "");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* An endpoint made elsewhere: Add Its Secret… refuses a secret with a line
 * break, spaces around it or nothing, then stores the pasted one, and the
 * details say it is stored. */
static void
test_add_secret (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Shown) shown = show_page (f);
  CwEndpointsPage *page = shown->page;
  g_autofree char *id = g_strdup (first_active_id (page));
  g_autofree char *stored = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  GtkWidget *error_label;
  const char *refused[] = { "", "   ", "whsec_a\nwhsec_b", "whsec_a\r", " whsec_a", "whsec_a\t" };

  g_assert_true (_cw_endpoints_page_select_id (page, id));
  WAIT_FOR (page->secret_state == CW_SECRET_STATE_MISSING);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->add_secret_button)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->copy_secret_button)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->show_secret_button)));

  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.add-secret", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  entry = g_object_get_data (G_OBJECT (dialog), "entry");
  error_label = g_object_get_data (G_OBJECT (dialog), "error-label");
  g_assert_nonnull (entry);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      gtk_editable_set_text (entry, "x");
      gtk_editable_set_text (entry, refused[i]);
      g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
      g_assert_true (gtk_widget_get_visible (error_label));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
    }

  gtk_editable_set_text (entry, "whsec_pasted_secret");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_false (gtk_widget_get_visible (error_label));
  adw_message_dialog_response (dialog, "add");
  gtk_window_close (GTK_WINDOW (dialog));

  WAIT_FOR ((g_free (stored), stored = lookup (f, id), stored != NULL));
  g_assert_cmpstr (stored, ==, "whsec_pasted_secret");
  WAIT_FOR (page->secret_state == CW_SECRET_STATE_STORED);
  g_assert_cmpstr (adw_action_row_get_subtitle (page->secret_row), ==, "Stored in the keyring");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->copy_secret_button)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->add_secret_button)));
}

/* The model refuses a bad secret on its own, and stores nothing. */
static void
test_add_secret_model_refuses (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CwEndpointList) list = cw_endpoint_list_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  cw_endpoint_list_set_client (list, f->client);
  cw_endpoint_list_set_secret_store (list, f->store);
  cw_endpoint_list_add_secret_async (list, "wh_x", "line\nbreak", store_result_cb, &result);
  WAIT_FOR (result != NULL);
  g_assert_false (cw_endpoint_list_add_secret_finish (list, result, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  stored = lookup (f, "wh_x");
  g_assert_null (stored);
}

/* Copy as curl copies the command libconverc builds for the selected
 * endpoint, with the key as a variable. */
static void
test_copy_curl (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Shown) shown = show_page (f);
  CwEndpointsPage *page = shown->page;
  g_autofree char *id = g_strdup (first_active_id (page));
  const char *base = converc_client_get_base_url (f->client);
  ConvercWebhook *webhook;
  struct { const char *which; char *expected; } cases[4];

  g_assert_true (_cw_endpoints_page_select_id (page, id));
  webhook = _cw_endpoints_page_get_selected (page);
  cases[0].which = "list";
  cases[0].expected = converc_curl_command_for_list (base);
  cases[1].which = "create";
  cases[1].expected = converc_curl_command_for_create (base, converc_webhook_get_url (webhook),
                                                       converc_webhook_get_events (webhook));
  cases[2].which = "disable";
  cases[2].expected = converc_curl_command_for_disable (base, id);
  cases[3].which = "test";
  cases[3].expected = converc_curl_command_for_test (base, id);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *copied = NULL;

      clear_clipboard (GTK_WIDGET (page));
      gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.copy-curl", "s", cases[i].which);
      WAIT_FOR ((g_free (copied), copied = read_clipboard (GTK_WIDGET (page)),
                 g_strcmp0 (copied, "before") != 0));
      g_assert_cmpstr (copied, ==, cases[i].expected);
      g_assert_nonnull (strstr (copied, "$CONVERC_API_KEY"));
      g_assert_null (strstr (copied, converc_emulator_get_api_key (f->emulator)));
      g_free (cases[i].expected);
    }
}

/* The Events page copies its query (type filter, count) as curl. */
static void
test_events_copy_curl (Fixture       *f,
                       gconstpointer  data)
{
  CwEventsPage *page = g_object_ref_sink (cw_events_page_new ());
  g_autoptr(CwEventFeed) feed = cw_event_feed_new ();
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;

  cw_event_feed_set_auto_refresh (feed, FALSE);
  cw_event_feed_set_client (feed, f->client);
  cw_event_feed_set_event_type (feed, "call.ended");
  cw_event_feed_set_event_count (feed, 17);
  cw_events_page_set_feed (page, feed);

  expected = converc_curl_command_for_events (converc_client_get_base_url (f->client),
                                              "call.ended", 17);
  clear_clipboard (GTK_WIDGET (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "events.copy-curl", NULL);
  WAIT_FOR ((g_free (copied), copied = read_clipboard (GTK_WIDGET (page)),
             g_strcmp0 (copied, "before") != 0));
  g_assert_cmpstr (copied, ==, expected);
  g_assert_nonnull (strstr (copied, "eventType=call.ended&display=17"));
  g_assert_null (strstr (copied, converc_emulator_get_api_key (f->emulator)));

  g_assert_finalize_object (page);
}

/* Whether @model (or a section or submenu in it) has an item for @action */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (menu_has_action (linked, action))
            return TRUE;
        }
    }

  return FALSE;
}

/* Whether a button under @widget is bound to @action */
static gboolean
has_button_for (GtkWidget  *widget,
                const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return TRUE;
      if (has_button_for (child, action))
        return TRUE;
    }

  return FALSE;
}

static GtkWindow *
find_delivery_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CW_IS_DELIVERY_WINDOW (window))
        return GTK_WINDOW (window);
    }

  return NULL;
}

/* "Send a Signed Event from This Computer…" is in the details' More menu,
 * not a button of its own (the details show Send Test Event and Disable…
 * and More); the menu's action opens the delivery window. */
static void
test_send_from_computer_in_more (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(Shown) shown = show_page (f);
  CwEndpointsPage *page = shown->page;
  g_autofree char *id = g_strdup (first_active_id (page));
  GMenuModel *more = gtk_menu_button_get_menu_model (page->more_button);
  GtkWindow *window;

  g_assert_true (_cw_endpoints_page_select_id (page, id));
  g_assert_nonnull (more);
  g_assert_true (menu_has_action (more, "endpoints.send-from-computer"));
  g_assert_true (menu_has_action (more, "endpoints.change"));
  g_assert_false (has_button_for (GTK_WIDGET (page), "endpoints.send-from-computer"));
  g_assert_true (has_button_for (GTK_WIDGET (page), "endpoints.test-selected"));
  g_assert_true (has_button_for (GTK_WIDGET (page), "endpoints.disable"));

  g_assert_null (find_delivery_window ());
  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.send-from-computer", NULL);
  WAIT_FOR (find_delivery_window () != NULL);
  window = find_delivery_window ();
  g_assert_nonnull (window);
  gtk_window_destroy (window);
  WAIT_FOR (find_delivery_window () == NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cw_renderer_choose (gdk_display_get_default ());

  g_test_add ("/cw/endpoint-tools/send-from-computer-in-more", Fixture, NULL, cw_test_server_setup,
              test_send_from_computer_in_more, cw_test_server_teardown);
  g_test_add ("/cw/endpoint-tools/copy-and-show", Fixture, NULL, cw_test_server_setup,
              test_copy_and_show, cw_test_server_teardown);
  g_test_add ("/cw/endpoint-tools/add-secret", Fixture, NULL, cw_test_server_setup,
              test_add_secret, cw_test_server_teardown);
  g_test_add ("/cw/endpoint-tools/add-secret-model-refuses", Fixture, NULL, cw_test_server_setup,
              test_add_secret_model_refuses, cw_test_server_teardown);
  g_test_add ("/cw/endpoint-tools/copy-curl", Fixture, NULL, cw_test_server_setup,
              test_copy_curl, cw_test_server_teardown);
  g_test_add ("/cw/endpoint-tools/events-copy-curl", Fixture, NULL, cw_test_server_setup,
              test_events_copy_curl, cw_test_server_teardown);

  return g_test_run ();
}
