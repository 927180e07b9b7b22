/* cw-util.h
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

#pragma once

#include <adwaita.h>

#include "cw-time-format.h"

G_BEGIN_DECLS

char     *cw_error_describe        (const GError *error,
                                    gint64        retry_after);
char     *cw_error_describe_short  (const GError *error,
                                    gint64        retry_after);
AdwToast *cw_toast_new             (const char   *text);
char     *cw_text_one_line         (const char   *text);
/* One-line text cells for the lists */
GtkWidget *cw_cell_new      (guint                   min_chars,
                             guint                   nat_chars,
                             GtkInscriptionOverflow  overflow);
void       cw_cell_set_text (GtkWidget              *cell,
                             const char             *text);
void      cw_widget_add_toast      (GtkWidget    *widget,
                                    const char   *title);
gboolean  cw_error_is_cancelled    (const GError *error);
void      cw_adaptive_paned_measure  (GtkWidget      *child,
                                      GtkPaned       *paned,
                                      GtkOrientation  orientation,
                                      int             for_size,
                                      int            *minimum,
                                      int            *natural,
                                      int            *minimum_baseline,
                                      int            *natural_baseline);
void      cw_adaptive_paned_allocate (GtkWidget      *child,
                                      GtkPaned       *paned,
                                      int             narrow_width,
                                      int             width,
                                      int             height,
                                      int             baseline);

void      cw_accessible_label_internals (GtkWidget  *root,
                                         const char *label);
void      cw_accessible_fix_drop_downs  (GtkWidget  *root);

G_END_DECLS
