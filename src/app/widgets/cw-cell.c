/* cw-cell.c
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

/* The one concern of this file: the one-line text cells of the lists, and the one-line form of
 * server text they show. */

#define G_LOG_DOMAIN "cw-cell"

#include "config.h"

#include <string.h>

#include "cw-cell.h"

#include "converc.h"

#define CELL_MAX_CHARS 512

/**
 * cw_text_one_line:
 * @text: (nullable): text, possibly from a server
 *
 * For a one-line list cell: line breaks, tabs and other control characters
 * become spaces, so that none of the text goes below the line. (The
 * tooltip and the detail view show the text as it is.)
 *
 * Returns: (transfer full) (nullable): the text on one line
 */
char *
cw_text_one_line (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) line = NULL;
  gsize n_chars = 0;

  if (text == NULL)
    return NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  /* A cell shows a few dozen characters: what lies past CELL_MAX_CHARS is
   * never laid out (a URL of 100,000 characters costs what 512 cost). */
  line = g_string_new (NULL);
  for (const char *p = text; *p != '\0' && n_chars <= CELL_MAX_CHARS; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
        g_string_append_c (line, ' ');
      else
        g_string_append_len (line, p, g_utf8_next_char (p) - p);
    }

  /* Bounded, with bidi overrides shown, not obeyed. */
  return converc_display_text (line->str, line->len, CELL_MAX_CHARS, CONVERC_DISPLAY_TEXT_DEFAULT);
}

/**
 * cw_cell_new:
 * @min_chars: the fewest characters it shows before the column scrolls
 * @nat_chars: how many it asks for
 * @overflow: where text too long for it is ellipsized
 *
 * A one-line text cell for a list. A GtkInscription sizes itself from a
 * number of characters, not from its text: binding another item to a row
 * redraws the cell, where a GtkLabel's new text would measure the whole
 * window again (a third of a scroll frame, BENCHMARKS.md).
 *
 * Returns: (transfer floating): the cell
 */
GtkWidget *
cw_cell_new (guint                  min_chars,
             guint                  nat_chars,
             GtkInscriptionOverflow overflow)
{
  GtkInscription *cell = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  gtk_inscription_set_xalign (cell, 0);
  gtk_inscription_set_min_lines (cell, 1);
  gtk_inscription_set_nat_lines (cell, 1);
  gtk_inscription_set_min_chars (cell, min_chars);
  gtk_inscription_set_nat_chars (cell, nat_chars);
  gtk_inscription_set_text_overflow (cell, overflow);
  /* Given the row's whole height, it would wrap to a second line. */
  gtk_widget_set_valign (GTK_WIDGET (cell), GTK_ALIGN_CENTER);

  return GTK_WIDGET (cell);
}

/**
 * cw_cell_set_text:
 * @cell: a cell from cw_cell_new()
 * @text: (nullable): plain text, possibly from a server
 *
 * Shows @text on the cell's one line (cw_text_one_line()).
 */
void
cw_cell_set_text (GtkWidget  *cell,
                  const char *text)
{
  g_autofree char *line = cw_text_one_line (text);

  g_return_if_fail (GTK_IS_INSCRIPTION (cell));

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), line);
}
