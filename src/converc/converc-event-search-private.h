/* converc-event-search-private.h
 *
 * Searching one event's values: what is kept for it, and the matcher.
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

#include <glib.h>

G_BEGIN_DECLS

/* What a search of one event reads, kept together at the start of the
 * event: its raw bytes (not owned) and the folded values the raw bytes
 * cannot be searched in (owned, or NULL). */
typedef struct
{
  const char *raw_data;
  gsize       raw_len;
  char       *search_text;
  guint64     search_text_bytes;  /* bit (b % 64) set for each byte b in it */
} ConvercEventSearch;

/* Points @search at an event's raw JSON, which must outlive it, and
 * collects what cannot be searched in place. */
void     converc_event_search_init    (ConvercEventSearch       *search,
                                       const char               *raw_data,
                                       gsize                     raw_len);
/* The raw bytes moved (converc_event_compact()); they are equal. */
void     converc_event_search_move    (ConvercEventSearch       *search,
                                       const char               *raw_data,
                                       gsize                     raw_len);
void     converc_event_search_clear   (ConvercEventSearch       *search);
/* See converc_event_matches(). */
gboolean converc_event_search_matches (const ConvercEventSearch *search,
                                       const char               *folded_needle);
/* Every string and number value of the raw JSON, folded as the matcher
 * compares it, one a line: what the journal's substring index holds. */
char    *converc_event_search_index_text (const char *data,
                                          gsize       len);

G_END_DECLS
