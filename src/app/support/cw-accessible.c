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

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

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

/* "_Disable…" as it reads: "Disable…" ("__" is a literal underscore). */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      /* "_x" reads "x"; "__" reads "_" */
      if (*p == '_' && p[1] != '_')
        continue;
      if (*p == '_')
        p++;
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static void
name_from_label (GtkWidget  *widget,
                 const char *label,
                 gboolean    use_underline)
{
  g_autofree char *name = NULL;

  if (label == NULL || label[0] == '\0')
    return;

  name = use_underline ? strip_mnemonic (label) : g_strdup (label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
button_label_changed_cb (GtkWidget *widget)
{
  if (ADW_IS_BUTTON_CONTENT (widget) && GTK_IS_BUTTON (gtk_widget_get_parent (widget)))
    name_from_label (gtk_widget_get_parent (widget),
                     adw_button_content_get_label (ADW_BUTTON_CONTENT (widget)),
                     adw_button_content_get_use_underline (ADW_BUTTON_CONTENT (widget)));
  else if (GTK_IS_BUTTON (widget))
    cw_accessible_name_button (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    name_from_label (widget,
                     gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)),
                     gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)));
  else if (GTK_IS_MENU_BUTTON (widget))
    name_from_label (widget,
                     gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)),
                     gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (widget)));
}

/**
 * cw_accessible_name_button:
 * @button: a button with a text label
 *
 * GTK 4.8 names a labelled button twice over: its label property, with the
 * mnemonic underscore ("_Done"), and the label it is labelled by ("Done"),
 * so a screen reader says "underscore Done Done". This names @button once,
 * exactly as its label reads. A button with an icon or a child of its own
 * is left alone.
 */
void
cw_accessible_name_button (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  name_from_label (GTK_WIDGET (button),
                   gtk_button_get_label (button),
                   gtk_button_get_use_underline (button));
}

/**
 * cw_accessible_fix_names:
 * @root: a window or any widget
 *
 * Names every labelled button, toggle, check and menu button under @root
 * as its label reads (see cw_accessible_name_button()), now and whenever
 * its label changes. A button whose child is an AdwButtonContent (an icon
 * and a label) is named after that label the same way.
 */
void
cw_accessible_fix_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root) || GTK_IS_MENU_BUTTON (root) ||
      (ADW_IS_BUTTON_CONTENT (root) && GTK_IS_BUTTON (gtk_widget_get_parent (root))))
    {
      button_label_changed_cb (root);
      if (g_object_get_data (G_OBJECT (root), "cw-accessible-named") == NULL)
        {
          g_object_set_data (G_OBJECT (root), "cw-accessible-named", GINT_TO_POINTER (TRUE));
          g_signal_connect (root, "notify::label", G_CALLBACK (button_label_changed_cb), NULL);
          g_signal_connect (root, "notify::use-underline",
                            G_CALLBACK (button_label_changed_cb), NULL);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cw_accessible_fix_names (child);
}

static gboolean
window_map_hook (GSignalInvocationHint *hint,
                 guint                  n_params,
                 const GValue          *params,
                 gpointer               user_data)
{
  GObject *instance = g_value_get_object (&params[0]);

  if (GTK_IS_WINDOW (instance))
    cw_accessible_fix_names (GTK_WIDGET (instance));

  return TRUE;
}

/**
 * cw_accessible_fix_names_on_map:
 *
 * From now on, every window's buttons are named as they read
 * (cw_accessible_fix_names()) each time a window is shown: the app's own
 * windows and what libadwaita builds (a message dialog's responses, the
 * About window). Call once, at startup.
 */
void
cw_accessible_fix_names_on_map (void)
{
  static gsize hooked = 0;

  if (g_once_init_enter (&hooked))
    {
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WINDOW));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  window_map_hook, NULL, NULL);
      g_once_init_leave (&hooked, 1);
    }
}
