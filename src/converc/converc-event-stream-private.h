/* converc-event-stream-private.h
 *
 * Finding the elements of a bare JSON array of events as its bytes arrive.
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

/* The one concern of this file: finding the events of a bare JSON array
 * while its bytes still arrive, so that the first can be shown before the
 * last are read. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ConvercEventStream ConvercEventStream;

ConvercEventStream *converc_event_stream_new          (void);
void                converc_event_stream_free         (ConvercEventStream  *self);
/* Adds the next bytes of the answer and finds the elements they end. */
void                converc_event_stream_push         (ConvercEventStream  *self,
                                                       const guint8        *data,
                                                       gsize                len);
/* Elements complete and not yet taken. None while the answer is not (or
 * no longer) a well-formed bare array: then it is read whole at its end. */
guint               converc_event_stream_get_n_ready  (ConvercEventStream  *self);
/* How many elements were taken before. */
guint               converc_event_stream_get_n_taken  (ConvercEventStream  *self);
/* Takes the ready elements: their bytes, with @ranges (offset and length
 * pairs of gsize) into them. NULL when none is ready. */
GBytes             *converc_event_stream_take         (ConvercEventStream  *self,
                                                       GArray             **ranges);
/* At the end of the answer, after the ready elements were taken: TRUE when
 * it was a whole bare array; else FALSE with @error saying what is wrong
 * (as converc_json_split_array() says it). */
gboolean            converc_event_stream_check_end    (ConvercEventStream  *self,
                                                       GError             **error);
/* Every byte pushed and not taken (the whole answer when none was). */
GBytes             *converc_event_stream_steal_rest   (ConvercEventStream  *self);
/* Every byte pushed. */
gsize               converc_event_stream_get_size     (ConvercEventStream  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvercEventStream, converc_event_stream_free)

G_END_DECLS
