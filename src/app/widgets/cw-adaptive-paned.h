/* cw-adaptive-paned.h
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

#define CW_TYPE_ADAPTIVE_PANED (cw_adaptive_paned_get_type())

G_DECLARE_FINAL_TYPE (CwAdaptivePaned, cw_adaptive_paned, CW, ADAPTIVE_PANED, AdwBin)

/* A bin whose child holds a GtkPaned ("paned": a list beside its details).
 * The paned is laid out side by side when the bin is at least
 * "narrow-width" wide and both panes fit, else the details go below the
 * list, so that a page works from 360 px up. (AdwBreakpoint is newer than
 * our libadwaita.) */
GtkWidget *cw_adaptive_paned_new              (void);
GtkPaned  *cw_adaptive_paned_get_paned        (CwAdaptivePaned *self);
void       cw_adaptive_paned_set_paned        (CwAdaptivePaned *self,
                                               GtkPaned        *paned);
int        cw_adaptive_paned_get_narrow_width (CwAdaptivePaned *self);
void       cw_adaptive_paned_set_narrow_width (CwAdaptivePaned *self,
                                               int              narrow_width);

G_END_DECLS
