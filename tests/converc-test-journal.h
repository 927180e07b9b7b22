/* converc-test-journal.h
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

/* The one concern of this file: what the journal's tests share — a
 * scratch folder, events made from JSON or by the emulator's generator, a
 * journal opened there, and reads behind its API (rows, the trigram index,
 * what is left to index). */

#pragma once

#include "converc.h"

G_BEGIN_DECLS

#define DAY_USEC (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
/* 2026-11-01T00:00:00Z */
#define NOV_1_USEC (G_GINT64_CONSTANT (1793491200) * G_USEC_PER_SEC)

/* A new folder under the temporary folder (remove it with
 * converc_test_remove_tree()) */
char           *make_folder        (void);
ConvercEvent   *event_from_json    (const char     *json);
/* An event of @type with a contact @name and the email @id@example.com */
ConvercEvent   *simple_event       (const char     *id,
                                    const char     *type,
                                    gint64          created_usec,
                                    const char     *name);
GPtrArray      *events_new         (void);
/* Generated events, @n of them, a minute apart from NOV_1_USEC, newest
 * last. */
GPtrArray      *generate_events    (guint           n,
                                    guint32         seed);
ConvercJournal *open_journal       (const char     *folder,
                                    const char     *name);
/* The ids a journal search finds, in its order. */
GPtrArray      *journal_ids        (ConvercJournal *journal,
                                    const char     *text,
                                    gint64          since_usec);
/* Rows of a table, read behind the API. */
gint64          count_rows         (ConvercJournal *journal,
                                    const char     *table);
/* Rows of the trigram index itself matching @match. */
gint64          count_indexed      (ConvercJournal *journal,
                                    const char     *match);
/* Fails unless the trigram index holds exactly the events' folded text. */
void            assert_index_sound (ConvercJournal *journal);
gint64          count_unindexed    (ConvercJournal *journal);
/* Waits (up to 60 s) for the journal's indexer to index every event. */
void            wait_indexed       (ConvercJournal *journal);
/* Searches for the matcher test: fixed ones, and pieces of the values of
 * @events, one or two words. */
GPtrArray      *make_searches      (GPtrArray      *events);
/* Each of @searches finds in @journal exactly what the matcher finds in
 * @events (all of them stored, oldest first), in the same order, both from
 * the index and walking the events. Returns how many found something. */
guint           assert_searches_equal (ConvercJournal *journal,
                                       GPtrArray      *events,
                                       GPtrArray      *searches);

G_END_DECLS
