/* cw-machine-text.c
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

/* The one concern of this file: showing machine-readable values exactly —
 * Pango inserts a hyphen where it breaks a long word, and "…b390b2b0f-c0c6…"
 * read aloud is another secret; and server text of any length costs a
 * bounded layout. */

#define G_LOG_DOMAIN "cw-machine-text"

#include "config.h"

#include "cw-machine-text.h"

#include "converc.h"

/**
 * cw_label_no_hyphens:
 *
 * Breaks @label's lines without inserting hyphens (its other attributes
 * stay).
 */
void
cw_label_no_hyphens (GtkLabel *label)
{
  PangoAttrList *attrs;

  g_return_if_fail (GTK_IS_LABEL (label));

  attrs = gtk_label_get_attributes (label);
  attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
  pango_attr_list_change (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

/* The narrowest a wrapping label of server text gets, in characters. */
#define WRAP_MIN_CHARS 16

/**
 * cw_label_bound_wrapping:
 *
 * Gives wrapping @label a minimum width of a few characters. Without one,
 * GtkLabel measures its minimum width by breaking after every character,
 * and Pango shapes the rest of a word again for each of those lines: a
 * 500-character word without a space costs about 125,000 glyph shapings
 * (tens of milliseconds per label), 16 characters a line cuts that
 * sixteen-fold. The label still wraps anywhere inside its column.
 */
void
cw_label_bound_wrapping (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  if (gtk_label_get_width_chars (label) < WRAP_MIN_CHARS)
    gtk_label_set_width_chars (label, WRAP_MIN_CHARS);
}

/**
 * cw_label_set_machine_text:
 * @text: (nullable): a value, possibly from a server
 * @max_chars: how much of it to show at most (the rest becomes "…")
 *
 * Shows @text in @label on one line of meaning (line breaks and invisible
 * characters made visible), without hyphens where it wraps.
 */
void
cw_label_set_machine_text (GtkLabel   *label,
                           const char *text,
                           gsize       max_chars)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));

  shown = converc_display_text (text != NULL ? text : "", -1, max_chars,
                                CONVERC_DISPLAY_TEXT_ONE_LINE | CONVERC_DISPLAY_TEXT_IDENTITY);
  gtk_label_set_text (label, shown);
  cw_label_no_hyphens (label);
}

static GtkLabel *
find_subtitle (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "subtitle"))
        return GTK_LABEL (child);
      if ((found = find_subtitle (child)) != NULL)
        return found;
    }

  return NULL;
}

/**
 * cw_row_set_machine_subtitle:
 *
 * Like cw_label_set_machine_text() for @row's subtitle.
 */
void
cw_row_set_machine_subtitle (AdwActionRow *row,
                             const char   *text,
                             gsize         max_chars)
{
  g_autofree char *shown = NULL;
  GtkLabel *subtitle;

  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  shown = converc_display_text (text != NULL ? text : "", -1, max_chars,
                                CONVERC_DISPLAY_TEXT_ONE_LINE | CONVERC_DISPLAY_TEXT_IDENTITY);
  /* The rows that show values have use-markup off (their .ui files). */
  adw_action_row_set_subtitle (row, shown);

  if ((subtitle = find_subtitle (GTK_WIDGET (row))) != NULL)
    cw_label_no_hyphens (subtitle);
}
