/* cw-journal-model-private.h
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

#include "converc.h"

G_BEGIN_DECLS

/* A query counts its matches up to this many first, so that the list
 * shows at once; past it, an exact count follows and the list grows. */
#define CW_JOURNAL_MODEL_FIRST_COUNT 1000

/* A list that starts from no rows gets its first screenful
 * CW_JOURNAL_MODEL_FIRST_STEP rows at a time, a step a frame
 * (CW_JOURNAL_MODEL_FIRST_STEP_MS): on GTK 4.8's cairo renderer a frame
 * costs about the area it draws anew, and a whole screenful of new rows
 * in one frame stalled the first sync's main loop past 50 ms
 * (BENCHMARKS.md, round 10). */
#define CW_JOURNAL_MODEL_FIRST_STEP     8
#define CW_JOURNAL_MODEL_FIRST_ROWS     32
#define CW_JOURNAL_MODEL_FIRST_STEP_MS  16

/* What a worker reads: a query's count and first page, one page, or the
 * exact count. */
typedef struct
{
  ConvercJournal     *journal;
  ConvercSearchQuery *query;
  ConvercJournalOrder order;
  guint               generation;
  guint               page;
  guint               read_delay_ms;
  gboolean            count;
  /* With @count: the stored events' number and oldest time, when known
   * (@known_stored ≥ 0) */
  gint64              known_stored;
  gint64              known_oldest;
  /* Only the exact number of matches (after a first count that stopped
   * at CW_JOURNAL_MODEL_FIRST_COUNT) */
  gboolean            exact;
  /* Out */
  GPtrArray          *events;
  gint64              n_matches;
  gint64              n_stored;
  gint64              oldest;
} CwJournalRead;

void          cw_journal_read_free        (CwJournalRead *read);
/* A GTaskThreadFunc: reads what @task_data (a CwJournalRead) asks */
void          cw_journal_read_thread      (GTask         *task,
                                           gpointer       source_object,
                                           gpointer       task_data,
                                           GCancellable  *cancellable);
/* An event whose page is still read (see cw_journal_model_is_placeholder()) */
ConvercEvent *cw_journal_placeholder_new  (void);
GQuark        cw_journal_placeholder_quark (void);

G_END_DECLS
