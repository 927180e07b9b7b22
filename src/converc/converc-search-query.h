/* converc-search-query.h
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

/* The one concern of this file: reading a search string into the event type
 * (`type:call.ended`) and the folded words every matching event holds. */

#pragma once

#include <glib.h>

#include "converc-event.h"

G_BEGIN_DECLS

/* A search as typed in the Events page, the CLI or the shell: words
 * separated by white space. A word "type:T" (the prefix in any case)
 * keeps events of type T only (the last such word wins); every other word,
 * folded with converc_fold_for_search(), must be inside some string or
 * number value of the event. */
typedef struct
{
  char  *event_type;  /* or NULL: any type */
  GStrv  words;       /* folded, none empty, never NULL */
} ConvercSearchQuery;

ConvercSearchQuery *converc_search_query_parse   (const char               *text);
ConvercSearchQuery *converc_search_query_copy    (const ConvercSearchQuery *query);
void                converc_search_query_free    (ConvercSearchQuery       *query);
/* TRUE when @query asks for nothing (every event matches). */
gboolean            converc_search_query_is_empty (const ConvercSearchQuery *query);
/* The in-memory matcher: what the journal's search answers, for one event. */
gboolean            converc_search_query_matches (const ConvercSearchQuery *query,
                                                  ConvercEvent             *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvercSearchQuery, converc_search_query_free)

G_END_DECLS
