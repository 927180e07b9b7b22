/* test-adaptive-paned.c
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

/* CwAdaptivePaned: side by side when wide, stacked when narrow, and never
 * asking for more than the wider pane when stacking would fit. */

#define G_LOG_DOMAIN "test-adaptive-paned"

#include "config.h"

#include <adwaita.h>

#include "cw-adaptive-paned.h"
#include "cw-test-utils.h"

static GtkWidget *
pane (int width)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_size_request (box, width, 100);
  return box;
}

static GtkOrientation
orientation_at (GtkWindow *window,
                GtkPaned  *paned,
                int        width)
{
  gtk_window_set_default_size (window, width, 600);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) == width);
  /* One more layout after the flip. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  return gtk_orientable_get_orientation (GTK_ORIENTABLE (paned));
}

static void
test_flip (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *adaptive = cw_adaptive_paned_new ();
  GtkPaned *paned = GTK_PANED (gtk_paned_new (GTK_ORIENTATION_HORIZONTAL));
  int minimum = 0;

  gtk_paned_set_start_child (paned, pane (320));
  gtk_paned_set_end_child (paned, pane (300));
  gtk_paned_set_shrink_start_child (paned, FALSE);
  gtk_paned_set_shrink_end_child (paned, FALSE);
  adw_bin_set_child (ADW_BIN (adaptive), GTK_WIDGET (paned));
  cw_adaptive_paned_set_paned (CW_ADAPTIVE_PANED (adaptive), paned);
  cw_adaptive_paned_set_narrow_width (CW_ADAPTIVE_PANED (adaptive), 760);
  g_assert_cmpint (cw_adaptive_paned_get_narrow_width (CW_ADAPTIVE_PANED (adaptive)), ==, 760);
  gtk_window_set_child (window, adaptive);

  /* It asks for the wider pane only, so a window of 360 px can hold it. */
  gtk_widget_measure (adaptive, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, ==, 320);

  gtk_window_present (window);
  g_assert_cmpint (orientation_at (window, paned, 1200), ==, GTK_ORIENTATION_HORIZONTAL);
  g_assert_cmpint (orientation_at (window, paned, 400), ==, GTK_ORIENTATION_VERTICAL);
  /* The handle sits half-way down, not where the old width put it. */
  g_assert_cmpint (gtk_paned_get_position (paned), >=, 200);
  g_assert_cmpint (gtk_paned_get_position (paned), <=, 400);
  /* Wide enough for both panes but under narrow-width: still stacked. */
  g_assert_cmpint (orientation_at (window, paned, 700), ==, GTK_ORIENTATION_VERTICAL);
  g_assert_cmpint (orientation_at (window, paned, 900), ==, GTK_ORIENTATION_HORIZONTAL);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/adaptive-paned/flip", test_flip);

  return g_test_run ();
}
