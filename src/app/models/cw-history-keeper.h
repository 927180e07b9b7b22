/* cw-history-keeper.h
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

/* The one concern of this file: keeping the event journal as Preferences →
 * History says — pruning old events at start and daily, nothing kept when
 * history is off, and Clear History. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CW_TYPE_HISTORY_KEEPER (cw_history_keeper_get_type())

G_DECLARE_FINAL_TYPE (CwHistoryKeeper, cw_history_keeper, CW, HISTORY_KEEPER, GObject)

/* A day, the interval of the app's pruning. */
#define CW_HISTORY_KEEPER_DAILY (24 * 60 * 60)

/* Keeps the journal file at @path (NULL: none, as in demo mode) and every
 * other organisation's journal in its folder (converc_journal_list_files)
 * as @settings say: with "history-enabled" off the stored events are
 * removed, else those older than "history-days" days. It does so at once,
 * then every @interval_seconds, and when either setting changes; each pass
 * runs in a worker thread and ends with CwHistoryKeeper::pruned (the events
 * removed from all of them). Clear History empties @path's alone. A journal
 * that does not exist is never created. */
CwHistoryKeeper *cw_history_keeper_new          (GSettings            *settings,
                                                 const char           *path,
                                                 guint                 interval_seconds);
const char      *cw_history_keeper_get_path     (CwHistoryKeeper      *self);
/* Another journal (the organisation changed): kept from now on, at once. */
void             cw_history_keeper_set_path     (CwHistoryKeeper      *self,
                                                 const char           *path);
/* Whether fetched events may be stored ("history-enabled"); the "enabled"
 * property, notified when the setting changes. */
gboolean         cw_history_keeper_get_enabled  (CwHistoryKeeper      *self);
/* A pass now (besides the timer's). */
void             cw_history_keeper_prune        (CwHistoryKeeper      *self);
/* Clear History: removes every stored event; CwHistoryKeeper::cleared
 * follows success. */
void             cw_history_keeper_clear_async  (CwHistoryKeeper      *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean         cw_history_keeper_clear_finish (CwHistoryKeeper      *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
