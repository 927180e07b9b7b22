/* cw-accessible.c
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

/* The one concern of this file: accessibility workarounds for what GTK 4.8 and libadwaita 1.2
 * build without names or with a broken focus chain. */

#define G_LOG_DOMAIN "cw-accessible"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-accessible.h"

/* Accessible names for what libadwaita and GTK 4.8 build inside windows
 * whose parts we do not declare (About, Keyboard Shortcuts, the scrollers,
 * lists and search entry of a preferences window): a screen reader would
 * otherwise meet focusable controls without a name. Only use it on trees
 * whose scrollers, lists and text views have no label of their own. */
void
cw_accessible_label_internals (GtkWidget  *root,
                               const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  g_return_if_fail (label != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SEARCH_ENTRY (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"),
                                        -1);
      else if (GTK_IS_SCROLLED_WINDOW (child) || GTK_IS_LIST_BOX (child) ||
               GTK_IS_TEXT_VIEW (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);

      cw_accessible_label_internals (child, label);
    }
}

static void
drop_down_unfocus_item (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_BUTTON (child) && !GTK_IS_POPOVER (child))
        gtk_widget_set_focusable (child, FALSE);
      if (!GTK_IS_POPOVER (child))
        drop_down_unfocus_item (child);
    }
}

/* GTK 4.8's GtkDropDown shows the selected item with a focusable row widget
 * of a generic role inside its button: take it out of the focus chain (the
 * button, named by the item's text, keeps the focus). Done for every
 * drop-down under @root. */
void
cw_accessible_fix_drop_downs (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_DROP_DOWN (child))
        drop_down_unfocus_item (child);
      else
        cw_accessible_fix_drop_downs (child);
    }
}
