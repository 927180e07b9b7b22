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

/* Being dissolved: the pieces have their own headers now. */
#include "cw-accessible.h"
#include "cw-cell.h"
#include "cw-error-text.h"
#include "cw-time-format.h"
#include "cw-toast.h"

G_BEGIN_DECLS

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

G_END_DECLS
