/* cw-detail-list.h
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

G_BEGIN_DECLS

#define CW_TYPE_DETAIL_LIST (cw_detail_list_get_type())

G_DECLARE_FINAL_TYPE (CwDetailList, cw_detail_list, CW, DETAIL_LIST, AdwBin)

/* Returns the text to show for one item, made with converc_display_text(). */
typedef char *(*CwDetailListFormat) (gconstpointer item);

/* A list of any length in the event detail: a preview of its first items,
 * then "Show All N…", which shows every item in a list view that lays out
 * only the rows on screen. */
GtkWidget *cw_detail_list_new         (GPtrArray          *items,
                                       CwDetailListFormat  format,
                                       GtkWidget          *preview,
                                       guint               n_preview,
                                       const char         *show_all_label,
                                       GtkWidget          *labelled_by);
void       cw_detail_list_show_all    (CwDetailList       *self);
gboolean   cw_detail_list_get_showing_all (CwDetailList   *self);

G_END_DECLS
