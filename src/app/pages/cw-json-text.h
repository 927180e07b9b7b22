/* cw-json-text.h
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

#include <gtk/gtk.h>

#include "converc.h"

G_BEGIN_DECLS

gboolean cw_json_text_append_capped_lines (GString     *out,
                                           const char  *start,
                                           const char  *end,
                                           gsize        line_max);
char    *cw_json_text_preview             (const char  *json,
                                           gsize        len);
void     cw_json_text_indent_wrapped      (GtkTextView *view);
char    *cw_json_text_dup_event           (ConvercEvent *event);
char    *cw_json_text_dup_event_preview   (ConvercEvent *event,
                                           gboolean     *cut);

G_END_DECLS
