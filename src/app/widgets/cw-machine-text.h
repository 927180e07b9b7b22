/* cw-machine-text.h
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

/* Machine-readable values (secrets, ids, URLs, hashes) shown as they are:
 * never hyphenated where a line breaks, and server text bounded. */
void cw_label_no_hyphens        (GtkLabel     *label);
void cw_label_bound_wrapping    (GtkLabel     *label);
void cw_label_set_machine_text  (GtkLabel     *label,
                                 const char   *text,
                                 gsize         max_chars);
void cw_row_set_machine_subtitle (AdwActionRow *row,
                                  const char   *text,
                                  gsize         max_chars);

G_END_DECLS
