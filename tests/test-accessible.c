/* test-accessible.c
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

/* cw-accessible: buttons are named exactly as their labels read. */

#define G_LOG_DOMAIN "test-accessible"

#include "config.h"

#include <adwaita.h>

#include "cw-accessible.h"

/* A button with a mnemonic is named by its label as it reads, once: no
 * underscore, no second name from the label it is labelled by; again
 * when the label changes. "__" is a literal underscore. */
static void
test_button_names (void)
{
  GtkWidget *box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  GtkWidget *done = gtk_button_new_with_mnemonic ("_Done");
  GtkWidget *check = gtk_check_button_new_with_mnemonic ("Show _Disabled");
  GtkWidget *plain = gtk_button_new_with_label ("All Events");
  GtkWidget *literal = gtk_button_new_with_mnemonic ("call.transcript__ready");
  GtkWidget *content_button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), "_Copy Secret");
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (content_button), content);
  gtk_box_append (GTK_BOX (box), done);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), plain);
  gtk_box_append (GTK_BOX (box), literal);
  gtk_box_append (GTK_BOX (box), content_button);

  cw_accessible_fix_names (box);

  gtk_test_accessible_assert_property (done, GTK_ACCESSIBLE_PROPERTY_LABEL, "Done");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (done),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_property (check, GTK_ACCESSIBLE_PROPERTY_LABEL, "Show Disabled");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (check),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_property (plain, GTK_ACCESSIBLE_PROPERTY_LABEL, "All Events");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (plain),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_property (literal, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "call.transcript_ready");
  gtk_test_accessible_assert_property (content_button, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Copy Secret");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (content_button),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));

  /* A new label: named again. */
  gtk_button_set_label (GTK_BUTTON (done), "Open _Preferences");
  gtk_test_accessible_assert_property (done, GTK_ACCESSIBLE_PROPERTY_LABEL, "Open Preferences");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), "_Copied");
  gtk_test_accessible_assert_property (content_button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Copied");

  g_assert_finalize_object (box);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/accessible/button-names", test_button_names);

  return g_test_run ();
}
