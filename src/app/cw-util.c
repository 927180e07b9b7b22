/* cw-util.c
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

#define G_LOG_DOMAIN "cw-util"

#include "config.h"

#include "cw-util.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>


/* Adaptive paned: a page whose content holds a GtkPaned (list beside
 * details) lays it out side by side when the page is wide, and the details
 * below the list when it is narrow, so that the window works from 360 px
 * up. AdwBreakpoint is newer than our libadwaita, so the page measures and
 * allocates its child itself with these two helpers. */

static int
paned_child_min_width (GtkWidget *child)
{
  int min = 0;

  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);

  return min;
}

/* The width the paned needs side by side (the handle is a few pixels). */
static int
paned_side_by_side_min_width (GtkPaned *paned)
{
  return paned_child_min_width (gtk_paned_get_start_child (paned)) +
         paned_child_min_width (gtk_paned_get_end_child (paned)) + 6;
}

static gboolean
set_paned_position_cb (gpointer user_data)
{
  GtkPaned *paned = user_data;

  gtk_paned_set_position (paned, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (paned),
                                                                     "cw-paned-position")));
  return G_SOURCE_REMOVE;
}

void
cw_adaptive_paned_measure (GtkWidget      *child,
                           GtkPaned       *paned,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  g_return_if_fail (GTK_IS_PANED (paned));

  if (child == NULL || !gtk_widget_should_layout (child))
    {
      *minimum = *natural = 0;
      return;
    }

  gtk_widget_measure (child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);

  /* Side by side the paned needs both panes' widths; stacked it needs the
   * wider one only, and it stacks as soon as the width is short. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL &&
      gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) == GTK_ORIENTATION_HORIZONTAL)
    {
      int stacked = MAX (paned_child_min_width (gtk_paned_get_start_child (paned)),
                         paned_child_min_width (gtk_paned_get_end_child (paned)));

      *minimum = MIN (*minimum, stacked);
      *natural = MAX (*natural, *minimum);
    }
}

void
cw_adaptive_paned_allocate (GtkWidget *child,
                            GtkPaned  *paned,
                            int        narrow_width,
                            int        width,
                            int        height,
                            int        baseline)
{
  GtkOrientation wanted;

  g_return_if_fail (GTK_IS_PANED (paned));

  wanted = width < MAX (narrow_width, paned_side_by_side_min_width (paned))
           ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  /* Flip before the child is allocated, so that it is never given less
   * than it needs. GtkPaned then moves the handle by the difference between
   * its old width and its new height: put the handle where it belongs once
   * this allocation is done. */
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) != wanted)
    {
      int position = wanted == GTK_ORIENTATION_VERTICAL ? MAX (200, height / 2)
                                                        : MAX (360, width * 3 / 5);

      gtk_orientable_set_orientation (GTK_ORIENTABLE (paned), wanted);
      gtk_paned_set_position (paned, position);
      g_object_set_data (G_OBJECT (paned), "cw-paned-position", GINT_TO_POINTER (position));
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, set_paned_position_cb,
                       g_object_ref (paned), g_object_unref);
    }

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}
