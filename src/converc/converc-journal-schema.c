/* converc-journal-schema.c
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

/* The one concern of this file: the journal's schema — the SQL of each
 * version's step from the one before. */

#define G_LOG_DOMAIN "converc-journal"

#include "config.h"

#include "converc-journal-private.h"

/* Version 1: the events and their search text. */
static const char schema_v1[] =
  "CREATE TABLE events ("
  "  key INTEGER PRIMARY KEY,"
  "  dedupe TEXT NOT NULL UNIQUE,"    /* 'id:' || id, or 'sha256:' || hash of raw */
  "  id TEXT,"
  "  type TEXT,"
  "  created_at TEXT,"
  "  created_usec INTEGER,"
  "  first_seen_usec INTEGER NOT NULL,"
  "  sort_usec INTEGER NOT NULL,"      /* created_usec, else first_seen_usec */
  "  contact_name TEXT,"
  "  contact_email TEXT,"
  "  call_status TEXT,"
  "  raw BLOB NOT NULL);"
  "CREATE INDEX events_by_time ON events (sort_usec);"
  "CREATE VIRTUAL TABLE events_text USING fts5 (folded,"
  "  tokenize = 'trigram case_sensitive 1');";

/* Version 2: the bodies apart, so that the rows a search sorts and
 * filters are small; a type filter that does not scan; delivery outcomes. */
static const char migrate_v1_to_v2[] =
  "CREATE TABLE event_bodies ("
  "  key INTEGER PRIMARY KEY,"         /* events.key */
  "  raw BLOB NOT NULL);"
  "INSERT INTO event_bodies (key, raw) SELECT key, raw FROM events;"
  "ALTER TABLE events DROP COLUMN raw;"
  "CREATE INDEX events_by_type_time ON events (type, sort_usec);"
  "CREATE TABLE outcomes ("
  "  key INTEGER PRIMARY KEY,"
  "  endpoint_id TEXT NOT NULL,"
  "  time_usec INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  blob TEXT);"
  "CREATE INDEX outcomes_by_endpoint ON outcomes (endpoint_id, time_usec);";

/* Version 3: the trigram index without positions or sizes (detail=none,
 * columnsize=0): an event's postings are about half as large and quicker
 * to write. A search asks it for events holding every trigram of a word
 * (some trigrams, in fact: converc-journal-query.c) and checks the word in
 * the folded text, which the index still keeps. */
static const char migrate_v2_to_v3[] =
  "CREATE VIRTUAL TABLE events_text_v3 USING fts5 (folded,"
  "  tokenize = 'trigram case_sensitive 1', detail = none, columnsize = 0);"
  "INSERT INTO events_text_v3 (rowid, folded) SELECT rowid, folded FROM events_text;"
  "DROP TABLE events_text;"
  "ALTER TABLE events_text_v3 RENAME TO events_text;";

/* Version 4: the folded text in a table of its own, and the trigram index
 * over it (external content) filled behind each ingest, in a transaction
 * of its own (converc-journal-index.c): events_unindexed lists the events
 * stored but not in the index yet, which a search reads apart. The old
 * index goes; its events are listed, and the indexer rebuilds it after the
 * open while searches walk. */
static const char migrate_v3_to_v4[] =
  "CREATE TABLE event_folded ("
  "  key INTEGER PRIMARY KEY,"         /* events.key */
  "  folded TEXT NOT NULL);"
  "INSERT INTO event_folded (key, folded) SELECT rowid, folded FROM events_text;"
  "CREATE TABLE events_unindexed (key INTEGER PRIMARY KEY);"
  "INSERT INTO events_unindexed (key) SELECT key FROM event_folded;"
  "DROP TABLE events_text;"
  "CREATE VIRTUAL TABLE events_text USING fts5 (folded, content = 'event_folded',"
  "  content_rowid = 'key', tokenize = 'trigram case_sensitive 1', detail = none,"
  "  columnsize = 0);";

/* Version 5: the number of stored events, kept by triggers, so that "N
 * events" (the status line, each page at a cold start) is read, not
 * counted: count(*) walks an index of every event (11 ms at 100,000 from
 * a cold cache, ten times that at 1,000,000). */
static const char migrate_v4_to_v5[] =
  "CREATE TABLE event_stats ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  n_events INTEGER NOT NULL);"
  "INSERT INTO event_stats (id, n_events) SELECT 1, count(*) FROM events;"
  "CREATE TRIGGER events_counted_in AFTER INSERT ON events BEGIN"
  "  UPDATE event_stats SET n_events = n_events + 1 WHERE id = 1;"
  "END;"
  "CREATE TRIGGER events_counted_out AFTER DELETE ON events BEGIN"
  "  UPDATE event_stats SET n_events = n_events - 1 WHERE id = 1;"
  "END;";

const char * const converc_journal_migrations[] = {
  schema_v1,          /* 0 → 1 */
  migrate_v1_to_v2,   /* 1 → 2 */
  migrate_v2_to_v3,   /* 2 → 3 */
  migrate_v3_to_v4,   /* 3 → 4 */
  migrate_v4_to_v5,   /* 4 → 5 */
};

G_STATIC_ASSERT (G_N_ELEMENTS (converc_journal_migrations) == CONVERC_JOURNAL_SCHEMA_VERSION);
