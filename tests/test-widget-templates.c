/* test-widget-templates.c
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

/* Every template widget can be built: catches .ui mistakes early. */

#define G_LOG_DOMAIN "test-widget-templates"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc.h"
#include "cw-add-endpoint-dialog-private.h"
#include "cw-endpoints-page-private.h"
#include "cw-secret-dialog-private.h"
#include "cw-sign-in-page-private.h"

/* Every template widget can be built (catches .ui mistakes). */
static void
test_templates (void)
{
  g_autoptr(ConvercClient) client = converc_client_new ("https://api.converc.com", "k");
  CwSignInPage *sign_in = g_object_ref_sink (g_object_new (CW_TYPE_SIGN_IN_PAGE, NULL));
  CwEndpointsPage *page = g_object_ref_sink (cw_endpoints_page_new ());
  CwAddEndpointDialog *add = cw_add_endpoint_dialog_new (client);
  CwSecretDialog *secret = cw_secret_dialog_new ("whsec_x", "https://example.com/h",
                                                 CW_SECRET_SAVED, NULL);

  g_assert_true (GTK_IS_WIDGET (sign_in->key_row));
  g_assert_true (GTK_IS_COLUMN_VIEW (page->column_view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->content_stack), ==, "loading");
  g_assert_true (GTK_IS_WIDGET (add->url_row));
  g_assert_cmpuint (add->event_checks->len, >=, 8);
  g_assert_cmpstr (gtk_label_get_text (secret->secret_label), ==, "whsec_x");

  g_object_ref (add);
  gtk_window_destroy (GTK_WINDOW (add));
  g_assert_finalize_object (add);
  g_object_ref (secret);
  gtk_window_destroy (GTK_WINDOW (secret));
  g_assert_finalize_object (secret);
  g_assert_finalize_object (sign_in);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/widgets/templates", test_templates);

  return g_test_run ();
}
