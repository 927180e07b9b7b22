/* test-delivery-window.c
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

/* The one concern of this file: the delivery window and its exchange view,
 * sending to a local receiver that checks the signature, showing status,
 * body, failures, and the outcomes kept for the next time. */

#define G_LOG_DOMAIN "test-delivery-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "converc.h"
#include "cw-delivery-window-private.h"
#include "cw-exchange-view.h"
#include "cw-test-utils.h"

#define SECRET   "whsec_window_test"
#define BASE_URL "https://api.example.test"

typedef struct
{
  SoupServer         *server;
  char               *base;
  GPtrArray          *paused;
  ConvercSecretStore *store;
  char               *tmpdir;
  GFile              *outcomes_file;
  guint               n_verified;
} Fixture;

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *signature = soup_message_headers_get_one (req, "X-IC-Signature");

  if (g_str_equal (path, "/hang"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
      return;
    }

  if (signature == NULL ||
      !converc_signature_verify (SECRET, signature, g_bytes_get_data (body, NULL),
                                 g_bytes_get_size (body), g_get_real_time () / G_USEC_PER_SEC,
                                 300, NULL))
    {
      soup_server_message_set_status (msg, 401, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                        "bad signature", 13);
      return;
    }
  f->n_verified++;

  if (g_str_equal (path, "/fail"))
    {
      const char *text = "java.lang.NullPointerException\n\tat WebhookController.handle(WebhookController.java:42)\n";

      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, text,
                                        strlen (text));
    }
  else
    {
      const char *json = "{\"received\":true,\"handler\":\"local-dev\"}";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, json,
                                        strlen (json));
    }
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (converc_secret_store_store_finish (CONVERC_SECRET_STORE (object), result, NULL));
  *done = TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean stored = FALSE;
  GSList *uris;

  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  f->store = converc_memory_store_new ();
  converc_secret_store_store_async (f->store, BASE_URL, "wh_local", SECRET, NULL,
                                    store_done_cb, &stored);
  WAIT_FOR (stored);

  f->tmpdir = g_dir_make_tmp ("test-delivery-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->tmpdir, "deliveries.json", NULL);
  f->outcomes_file = g_file_new_for_path (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (f->outcomes_file);

  for (guint i = 0; i < f->paused->len; i++)
    {
      soup_server_message_set_status (g_ptr_array_index (f->paused, i), 503, NULL);
      soup_server_message_unpause (g_ptr_array_index (f->paused, i));
    }
  soup_server_disconnect (f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_unlink (path);
  g_rmdir (f->tmpdir);
  g_clear_pointer (&f->paused, g_ptr_array_unref);
  g_clear_object (&f->server);
  g_clear_object (&f->store);
  g_clear_object (&f->outcomes_file);
  g_free (f->base);
  g_free (f->tmpdir);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;

  return n;
}

/* With CW_SHOTS_DIR set, the window is rendered to CW_SHOTS_DIR/NAME.png. */
static void
maybe_shoot (GtkWidget  *widget,
             const char *name)
{
  const char *dir = g_getenv ("CW_SHOTS_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  gint64 until;
  int width, height;

  if (dir == NULL || dir[0] == '\0')
    return;

  /* Let it lay out and draw. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* How many outcomes of wh_local the file holds now */
static guint
count_stored (GFile *file)
{
  g_autoptr(ConvercDeliveryOutcomes) outcomes = converc_delivery_outcomes_new (file);
  g_autoptr(GPtrArray) list = NULL;

  if (!converc_delivery_outcomes_load (outcomes, NULL, NULL))
    return 0;
  list = converc_delivery_outcomes_list (outcomes, BASE_URL, "wh_local");

  return list->len;
}

/* Destroys @window and waits until its last pending work let it go. */
static void
destroy_and_wait (CwDeliveryWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  WAIT_FOR (weak == NULL);
}

static void
send_and_wait (CwDeliveryWindow *window)
{
  ConvercDeliveryExchange *before = cw_exchange_view_get_exchange (window->exchange_view);

  cw_delivery_window_send (window);
  g_assert_true (window->sending);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->send_button)));
  WAIT_FOR (!window->sending && cw_exchange_view_get_exchange (window->exchange_view) != before);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->send_button)));
}

static void
test_send_and_show (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autofree char *ok_url = g_strconcat (f->base, "/ok", NULL);
  g_autofree char *fail_url = g_strconcat (f->base, "/fail", NULL);
  g_autofree char *hang_url = g_strconcat (f->base, "/hang", NULL);
  g_autofree char *body = NULL;
  CwDeliveryWindow *window;
  ConvercDeliveryExchange *exchange;

  webhook = converc_webhook_new ("wh_local", ok_url, NULL, TRUE, NULL, NULL);
  window = cw_delivery_window_new (webhook, BASE_URL, f->store, f->outcomes_file);
  g_object_ref_sink (window);
  cw_delivery_window_set_timeout (window, 1000);
  gtk_window_set_default_size (GTK_WINDOW (window), 680, 1000);
  gtk_window_present (GTK_WINDOW (window));

  /* The URL is the endpoint's, editable; nothing shown yet. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->url_row)), ==, ok_url);
  WAIT_FOR (window->outcomes_loaded);
  g_assert_cmpuint (count_rows (window->outcomes_list), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->exchange_view)));

  /* Success: the receiver verified the signature; status and JSON body shown. */
  send_and_wait (window);
  g_assert_cmpuint (f->n_verified, ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->exchange_view)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->problem_label)));
  g_assert_cmpstr (cw_exchange_view_get_status_text (window->exchange_view), ==, "200 OK");
  body = cw_exchange_view_dup_body_text (window->exchange_view);
  g_assert_nonnull (strstr (body, "\"received\" : true"));
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (count_rows (window->outcomes_list), ==, 1);
  maybe_shoot (GTK_WIDGET (window), "delivery-success");

  /* A failing receiver: its status and its body. */
  gtk_editable_set_text (GTK_EDITABLE (window->url_row), fail_url);
  send_and_wait (window);
  g_assert_cmpstr (cw_exchange_view_get_status_text (window->exchange_view), ==,
                   "500 Internal Server Error");
  body = cw_exchange_view_dup_body_text (window->exchange_view);
  g_assert_nonnull (strstr (body, "NullPointerException"));
  g_clear_pointer (&body, g_free);
  maybe_shoot (GTK_WIDGET (window), "delivery-failure-body");

  /* A receiver that hangs: a clear timeout. */
  gtk_editable_set_text (GTK_EDITABLE (window->url_row), hang_url);
  send_and_wait (window);
  g_assert_cmpstr (cw_exchange_view_get_status_text (window->exchange_view), ==, "No Answer");
  exchange = cw_exchange_view_get_exchange (window->exchange_view);
  g_assert_error (converc_delivery_exchange_get_error (exchange), CONVERC_ERROR,
                  CONVERC_ERROR_TIMEOUT);
  maybe_shoot (GTK_WIDGET (window), "delivery-timeout");
  g_assert_cmpuint (count_rows (window->outcomes_list), ==, 3);

  /* http:// off loopback is refused before anything is sent. */
  gtk_editable_set_text (GTK_EDITABLE (window->url_row), "http://example.com/hook");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window->url_row), "error"));
  cw_delivery_window_send (window);
  g_assert_false (window->sending);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->problem_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (window->problem_label), "https://"));

  /* An earlier outcome can be shown again. */
  {
    GtkListBoxRow *last = gtk_list_box_get_row_at_index (window->outcomes_list, 2);

    g_signal_emit_by_name (window->outcomes_list, "row-activated", last);
    g_assert_cmpstr (cw_exchange_view_get_status_text (window->exchange_view), ==, "200 OK");
  }

  WAIT_FOR (count_stored (f->outcomes_file) == 3);
  destroy_and_wait (window);
}

static void
test_outcomes_survive (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autofree char *ok_url = g_strconcat (f->base, "/ok", NULL);
  g_autofree char *contents = NULL;
  CwDeliveryWindow *window;

  webhook = converc_webhook_new ("wh_local", ok_url, NULL, TRUE, NULL, NULL);
  window = cw_delivery_window_new (webhook, BASE_URL, f->store, f->outcomes_file);
  g_object_ref_sink (window);
  WAIT_FOR (window->outcomes_loaded);
  send_and_wait (window);
  send_and_wait (window);
  WAIT_FOR (count_stored (f->outcomes_file) == 2);
  g_assert_true (g_file_load_contents (f->outcomes_file, NULL, &contents, NULL, NULL, NULL));
  g_assert_null (strstr (contents, SECRET));
  destroy_and_wait (window);

  window = cw_delivery_window_new (webhook, BASE_URL, f->store, f->outcomes_file);
  g_object_ref_sink (window);
  WAIT_FOR (window->outcomes_loaded);
  g_assert_cmpuint (count_rows (window->outcomes_list), ==, 2);

  /* Closed as soon as the answer is shown: the outcome is still kept. */
  send_and_wait (window);
  destroy_and_wait (window);
  g_assert_cmpuint (count_stored (f->outcomes_file), ==, 3);
}

static void
test_no_secret (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autofree char *ok_url = g_strconcat (f->base, "/ok", NULL);
  CwDeliveryWindow *window;

  webhook = converc_webhook_new ("wh_elsewhere", ok_url, NULL, TRUE, NULL, NULL);
  window = cw_delivery_window_new (webhook, BASE_URL, f->store, f->outcomes_file);
  g_object_ref_sink (window);
  cw_delivery_window_send (window);
  WAIT_FOR (!window->sending);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->problem_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (window->problem_label), "No signing secret"));
  g_assert_nonnull (strstr (gtk_label_get_text (window->problem_label), "wh_elsewhere"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->exchange_view)));
  g_assert_cmpuint (f->n_verified, ==, 0);
  destroy_and_wait (window);

  /* No keyring at all */
  window = cw_delivery_window_new (webhook, BASE_URL, NULL, f->outcomes_file);
  g_object_ref_sink (window);
  cw_delivery_window_send (window);
  g_assert_false (window->sending);
  g_assert_nonnull (strstr (gtk_label_get_text (window->problem_label), "keyring"));
  destroy_and_wait (window);
}

static void
test_chosen_event (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autofree char *ok_url = g_strconcat (f->base, "/ok", NULL);
  g_autoptr(GBytes) raw = g_bytes_new_static ("{\"id\":\"evt_chosen\",\"type\":\"call.ended\"}", 39);
  CwDeliveryWindow *window;
  ConvercDeliveryExchange *exchange;

  webhook = converc_webhook_new ("wh_local", ok_url, NULL, TRUE, NULL, NULL);
  window = cw_delivery_window_new (webhook, BASE_URL, f->store, f->outcomes_file);
  g_object_ref_sink (window);
  cw_delivery_window_set_event (window, raw, "call.ended", "evt_chosen");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (window->event_row), "evt_chosen"));
  send_and_wait (window);
  exchange = cw_exchange_view_get_exchange (window->exchange_view);
  g_assert_cmpstr (converc_delivery_exchange_get_event_id (exchange), ==, "evt_chosen");
  g_assert_cmpstr (converc_delivery_exchange_get_event_type (exchange), ==, "call.ended");
  g_assert_cmpuint (f->n_verified, ==, 1);
  destroy_and_wait (window);
}

/* Converc's own test of the endpoint, kept by the endpoint list while the
 * window is open: the window's next save keeps it, and lists it. */
static void
test_keeps_converc_outcomes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autofree char *ok_url = g_strconcat (f->base, "/ok", NULL);
  g_autoptr(ConvercDeliveryOutcomes) other = converc_delivery_outcomes_new (f->outcomes_file);
  g_autoptr(ConvercDeliveryExchange) converc_test = NULL;
  g_autoptr(GError) error = NULL;
  gboolean by_converc = FALSE;
  CwDeliveryWindow *window;

  webhook = converc_webhook_new ("wh_local", ok_url, NULL, TRUE, NULL, NULL);
  window = cw_delivery_window_new (webhook, BASE_URL, f->store, f->outcomes_file);
  g_object_ref_sink (window);
  WAIT_FOR (window->outcomes_loaded);
  send_and_wait (window);
  WAIT_FOR (count_stored (f->outcomes_file) == 1);

  /* Meanwhile the endpoint list keeps a Converc test in the same file. */
  converc_test = converc_delivery_exchange_new_converc_test (ok_url, 503, "receiver down",
                                                             g_get_real_time ());
  g_assert_true (converc_delivery_outcomes_load (other, NULL, &error));
  g_assert_no_error (error);
  converc_delivery_outcomes_add (other, BASE_URL, "wh_local", converc_test);
  g_assert_true (converc_delivery_outcomes_save (other, NULL, &error));
  g_assert_no_error (error);

  /* Two quick sends: all four are kept, none twice. */
  send_and_wait (window);
  send_and_wait (window);
  WAIT_FOR (count_stored (f->outcomes_file) == 4 && !window->saving);
  g_assert_cmpuint (count_stored (f->outcomes_file), ==, 4);
  g_assert_cmpuint (count_rows (window->outcomes_list), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (window->outcomes_list, i);
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      by_converc |= strstr (subtitle, "by Converc") != NULL;
    }
  g_assert_true (by_converc);
  destroy_and_wait (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/cw/delivery-window/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("send-and-show", test_send_and_show);
  ADD ("outcomes-survive", test_outcomes_survive);
  ADD ("no-secret", test_no_secret);
  ADD ("chosen-event", test_chosen_event);
  ADD ("keeps-converc-outcomes", test_keeps_converc_outcomes);

#undef ADD

  return g_test_run ();
}
