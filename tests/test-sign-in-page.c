/* test-sign-in-page.c
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

/* CwSignInPage: checking a key, and what a failure says and marks. */

#define G_LOG_DOMAIN "test-sign-in-page"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "cw-sign-in-page-private.h"
#include "cw-test-endpoints.h"
#include "cw-test-utils.h"

typedef CwTestServer Fixture;

static void
test_sign_in_wrong_key (Fixture       *f,
                        gconstpointer  data)
{
  CwSignInPage *page = g_object_ref_sink (g_object_new (CW_TYPE_SIGN_IN_PAGE, NULL));
  g_autofree char *stored = NULL;

  cw_sign_in_page_set_base_url (page, converc_emulator_get_base_url (f->emulator));
  cw_sign_in_page_set_secret_store (page, f->store);

  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (page->sign_in_button)));
  gtk_editable_set_text (GTK_EDITABLE (page->key_row), "wrong-key");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (page->sign_in_button)));
  g_signal_emit_by_name (page->sign_in_button, "clicked");
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (page->error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (page->error_label), "refused the API key"));
  /* Here the key can be retyped: the message says so, and the field is
   * marked as the culprit. */
  g_assert_nonnull (strstr (gtk_label_get_text (page->error_label), "paste it here"));
  g_assert_null (strstr (gtk_label_get_text (page->error_label), "Preferences"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (page->key_row), "error"));
  /* The key stays for correction; nothing was stored. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->key_row)), ==, "wrong-key");
  stored = converc_secret_store_lookup_sync (f->store, converc_emulator_get_base_url (f->emulator),
                                             NULL, NULL);
  g_assert_null (stored);

  g_assert_finalize_object (page);
}

/* The server cannot be reached (nothing listens on the port, as with a
 * name that does not resolve): the message says so, and the key field is
 * not marked wrong, since nothing is known about the key. */
static void
test_sign_in_network_error (Fixture       *f,
                            gconstpointer  data)
{
  CwSignInPage *page = g_object_ref_sink (g_object_new (CW_TYPE_SIGN_IN_PAGE, NULL));
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  guint16 port;

  /* A port that was free a moment ago: connections to it are refused. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  base_url = g_strdup_printf ("http://127.0.0.1:%u", port);

  cw_sign_in_page_set_base_url (page, base_url);
  cw_sign_in_page_set_secret_store (page, f->store);
  gtk_editable_set_text (GTK_EDITABLE (page->key_row), "a-key-that-may-be-right");
  g_signal_emit_by_name (page->sign_in_button, "clicked");
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (page->error_label)));
  g_test_message ("network error: %s", gtk_label_get_text (page->error_label));
  g_assert_null (strstr (gtk_label_get_text (page->error_label), "refused the API key"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (page->key_row), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->key_row)), ==,
                   "a-key-that-may-be-right");
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/cw/sign-in/wrong-key", Fixture, NULL, cw_test_server_setup,
              test_sign_in_wrong_key, cw_test_server_teardown);
  g_test_add ("/cw/sign-in/network-error", Fixture, NULL, cw_test_server_setup,
              test_sign_in_network_error, cw_test_server_teardown);

  return g_test_run ();
}
