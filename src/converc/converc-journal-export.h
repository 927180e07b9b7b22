/* converc-journal-export.h
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

/* The one concern of this file: writing events as JSON Lines, one event's
 * exact bytes a line (the export of the events shown). */

#pragma once

#include <gio/gio.h>

#include "converc-event.h"
#include "converc-journal.h"
#include "converc-search-query.h"

G_BEGIN_DECLS

/* Writes @events (ConvercEvent), in their order, to @stream: each event's
 * exact bytes (converc_event_get_raw()) followed by "\n". A line break
 * inside an event's bytes can only be whitespace between JSON tokens; it is
 * written as a space so that every line stays one event. Does not close
 * @stream. @n_written: (out) (optional): how many events were written. */
gboolean converc_events_write_json_lines (GPtrArray      *events,
                                          GOutputStream  *stream,
                                          guint          *n_written,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* The same into @file, replacing it (whole or not at all: a partly written
 * export leaves any earlier file as it was). */
gboolean converc_events_export_to_file   (GPtrArray      *events,
                                          GFile          *file,
                                          guint          *n_written,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* The events of @journal that match @search (NULL: all), newest first, into
 * @file the same way, in a worker thread: what the Events page shows,
 * every one, not only those it has read. */
void     converc_journal_export_async    (ConvercJournal            *journal,
                                          const ConvercSearchQuery  *search,
                                          GFile                     *file,
                                          GCancellable              *cancellable,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data);
gboolean converc_journal_export_finish   (ConvercJournal            *journal,
                                          GAsyncResult              *result,
                                          guint                     *n_written,
                                          GError                   **error);

G_END_DECLS
