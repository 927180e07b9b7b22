/* shot-endpoint-tools.c
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

/* The one concern of this file: screenshots of the endpoint details' tools
 * and of Change URL or Events, against an in-process emulator. Not a test:
 *
 *   GSETTINGS_SCHEMA_DIR=_build/data GSETTINGS_BACKEND=memory \
 *     build-aux/headless.sh _build/tests/shot-endpoint-tools OUT_DIR
 *
 * then look at the PNG files in OUT_DIR. Without a window manager every window sits
 * at (0,0), so each shot is the screen's top-left corner of a given size. */

#define G_LOG_DOMAIN "shot-endpoint-tools"

#include "config.h"

#include <adwaita.h>

#include "converc.h"
#include "converc-emulator.h"
#include "cw-change-endpoint-dialog-private.h"
#include "cw-endpoints-page-private.h"
#include "cw-shot-utils.h"
#include "cw-secret-dialog.h"

static const char *out_dir;

static void
settle (double seconds)
{
  cw_shot_settle (seconds);
}

static void
shot (const char *name,
      int         width,
      int         height)
{
  g_autofree char *path = g_build_filename (out_dir, name, NULL);

  cw_shot_take (path, width, height);
}

static gpointer
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
wait_for_window (GType type)
{
  for (int i = 0; i < 500 && find_window (type) == NULL; i++)
    settle (0.02);
  if (find_window (type) == NULL)
    g_error ("no %s", g_type_name (type));
}

/* The page in a window like the app's: a header bar above it. */
static CwEndpointsPage *
show_page (ConvercClient      *client,
           ConvercSecretStore *store,
           int                 width,
           int                 height,
           GtkWindow         **window_out)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *overlay = adw_toast_overlay_new ();
  CwEndpointsPage *page = cw_endpoints_page_new ();

  gtk_window_set_title (window, "Converc Webhooks");
  gtk_window_set_default_size (window, width, height);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_window_set_content (ADW_WINDOW (window), box);
  cw_endpoints_page_set_client (page, client);
  cw_endpoints_page_set_secret_store (page, store);
  cw_endpoints_page_refresh (page);
  gtk_window_present (window);
  while (!cw_endpoint_list_get_loaded (page->list))
    g_main_context_iteration (NULL, TRUE);
  settle (0.5);

  *window_out = window;
  return page;
}

/* Scrolls the pane around @widget to its end (a narrow window's details). */
static void
scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  if (scroller == NULL)
    return;
  settle (0.3);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static const char *
nth_active_id (CwEndpointsPage *page,
               guint            nth)
{
  GListModel *model = cw_endpoint_list_get_webhooks (page->list);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (model, i);

      if (converc_webhook_get_is_active (webhook) && nth-- == 0)
        return converc_webhook_get_id (webhook);
    }

  g_error ("not enough active endpoints");
}

static void
details_shots (ConvercClient      *client,
               ConvercSecretStore *store,
               const char         *variant,
               int                 width,
               int                 height)
{
  GtkWindow *window;
  CwEndpointsPage *page = show_page (client, store, width, height, &window);
  g_autofree char *name = NULL;
  const char *stored_id = nth_active_id (page, 0);

  /* A secret in the keyring, shown. */
  converc_secret_store_store_sync (store, converc_client_get_base_url (client), stored_id,
                                   "whsec_demo_0123456789abcdef0123456789abcdef", NULL);
  _cw_endpoints_page_select_id (page, stored_id);
  while (page->secret_state != CW_SECRET_STATE_STORED)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.show-secret", NULL);
  while (!gtk_widget_get_visible (GTK_WIDGET (page->secret_value_row)))
    g_main_context_iteration (NULL, TRUE);
  /* Scrolled into view on a narrow window. */
  scroll_to_end (GTK_WIDGET (page->secret_row));
  name = g_strdup_printf ("%s-details-secret-shown.png", variant);
  shot (name, width, height);

  /* The More menu open. */
  gtk_menu_button_popup (page->more_button);
  g_free (name);
  name = g_strdup_printf ("%s-details-more-menu.png", variant);
  /* The popover may reach past the window's right edge. */
  shot (name, MIN (width + 280, 1280), height);
  gtk_menu_button_popdown (page->more_button);

  /* An endpoint made elsewhere: Add Its Secret…, then its dialog with a
   * refused secret. */
  _cw_endpoints_page_select_id (page, nth_active_id (page, 1));
  while (page->secret_state != CW_SECRET_STATE_MISSING)
    g_main_context_iteration (NULL, TRUE);
  g_free (name);
  scroll_to_end (GTK_WIDGET (page->secret_row));
  name = g_strdup_printf ("%s-details-no-secret.png", variant);
  shot (name, width, height);

  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.add-secret", NULL);
  wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  {
    AdwMessageDialog *dialog = find_window (ADW_TYPE_MESSAGE_DIALOG);
    GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

    gtk_editable_set_text (entry, "whsec_pasted\nwith a second line");
    g_free (name);
    name = g_strdup_printf ("%s-add-secret-refused.png", variant);
    shot (name, width, height);
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_close (GTK_WINDOW (dialog));
  }

  /* Change URL or Events… for the first endpoint. */
  _cw_endpoints_page_select_id (page, stored_id);
  settle (0.3);
  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.change", NULL);
  wait_for_window (CW_TYPE_CHANGE_ENDPOINT_DIALOG);
  {
    CwChangeEndpointDialog *dialog = find_window (CW_TYPE_CHANGE_ENDPOINT_DIALOG);
    int dw = MIN (width, 560);
    int dh = MIN (height, 680);

    gtk_window_set_default_size (GTK_WINDOW (dialog), dw, dh);
    gtk_editable_set_text (GTK_EDITABLE (dialog->form->url_row),
                           "https://hooks.example.com/converc/v2");
    g_free (name);
    name = g_strdup_printf ("%s-change-form.png", variant);
    shot (name, dw, dh);

    g_signal_emit_by_name (dialog->primary_button, "clicked");
    while (cw_endpoint_change_get_step (dialog->change) == CW_ENDPOINT_CHANGE_CREATING)
      g_main_context_iteration (NULL, TRUE);
    wait_for_window (CW_TYPE_SECRET_DIALOG);
    g_free (name);
    name = g_strdup_printf ("%s-change-secret.png", variant);
    shot (name, MAX (dw, 560), MAX (dh, 600));
    gtk_window_destroy (find_window (CW_TYPE_SECRET_DIALOG));

    g_signal_emit_by_name (dialog->test_button, "clicked");
    settle (1.5);
    g_free (name);
    name = g_strdup_printf ("%s-change-created.png", variant);
    shot (name, dw, dh);

    g_signal_emit_by_name (dialog->primary_button, "clicked");
    while (dialog->confirm_dialog == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_free (name);
    name = g_strdup_printf ("%s-change-confirm.png", variant);
    shot (name, dw, dh);
    gtk_window_destroy (GTK_WINDOW (dialog->confirm_dialog));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  gtk_window_destroy (window);
  settle (0.3);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ConvercEmulator) emulator = NULL;
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUT_DIR\n", argv[0]);
      return 2;
    }
  out_dir = argv[1];
  g_mkdir_with_parents (out_dir, 0755);

  gtk_init ();
  adw_init ();

  emulator = converc_emulator_new (NULL);
  if (!converc_emulator_start (emulator, 0, &error))
    g_error ("%s", error->message);
  converc_emulator_seed (emulator, 10, 7);
  client = converc_client_new (converc_emulator_get_base_url (emulator),
                               converc_emulator_get_api_key (emulator));
  store = converc_memory_store_new ();

  details_shots (client, store, "light", 1000, 720);
  details_shots (client, store, "narrow", 360, 720);

  converc_emulator_stop (emulator);
  return 0;
}
