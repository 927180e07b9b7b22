/* converc-test-events.h
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

/* The one concern of this file: generated events for the tests of lists
 * of events (the emulator's generator, as JSON texts). */

#pragma once

#include <glib.h>

#include "converc-emulator-private.h"

/* Events as the emulator writes them: @n JSON texts. */
static inline GPtrArray *
generate_events (guint   n,
                 guint32 seed)
{
  g_autoptr(ConvercEmulatorGenerator) gen = converc_emulator_generator_new (seed);
  GPtrArray *events = g_ptr_array_new_with_free_func (g_free);
  gint64 start = G_GINT64_CONSTANT (1780000000) * G_USEC_PER_SEC;

  for (guint i = 0; i < n; i++)
    {
      const char *type = converc_emulator_generator_pick_type (gen);
      g_autofree char *id = NULL;

      g_ptr_array_add (events, converc_emulator_generator_render (gen, type, start + i * G_USEC_PER_SEC,
                                                                  &id));
    }

  return events;
}
