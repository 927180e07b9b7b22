/* cw-event-feed.h
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

#include <gio/gio.h>

#include "converc.h"
#include "cw-history-keeper.h"

G_BEGIN_DECLS

#define CW_TYPE_EVENT_FEED (cw_event_feed_get_type())

G_DECLARE_FINAL_TYPE (CwEventFeed, cw_event_feed, CW, EVENT_FEED, GObject)

/* The events of one account, as the Events page shows them: it loads the
 * recent events, polls for new ones (backing off on errors, obeying
 * Retry-After, pausing while inactive or offline) and merges each answer
 * into one list. No widget code: the page shows it.
 *
 * In: "client", "event-type" (NULL: every type), "event-count" (the API's
 * display), "auto-refresh", "refresh-interval" (seconds, 0: off), "active"
 * (the page is shown and its window not minimized).
 * Out: "loading", "loaded", "paused", "offline", "n-failures",
 * "retry-after" (seconds, -1: none), "last-error" (GError), "last-update"
 * (real time, µs), "next-poll" (monotonic time, µs), "n-skipped" and
 * "skip-problem" (unreadable events of the last answer), "events" (every
 * loaded ConvercEvent, in arrival order) and "types" (the documented event
 * types, then unknown types seen, as GtkStringObjects).
 *
 * Signal "answered": an answer (or an error) came in; the events of a long
 * answer are still being added until "loading" turns FALSE. */
CwEventFeed   *cw_event_feed_new                  (void);
CwEventFeed   *cw_event_feed_new_with_monitor     (GNetworkMonitor *monitor);
ConvercClient *cw_event_feed_get_client           (CwEventFeed     *self);
void           cw_event_feed_set_client           (CwEventFeed     *self,
                                                   ConvercClient   *client);
const char    *cw_event_feed_get_event_type       (CwEventFeed     *self);
void           cw_event_feed_set_event_type       (CwEventFeed     *self,
                                                   const char      *event_type);
guint          cw_event_feed_get_event_count      (CwEventFeed     *self);
void           cw_event_feed_set_event_count      (CwEventFeed     *self,
                                                   guint            event_count);
gboolean       cw_event_feed_get_auto_refresh     (CwEventFeed     *self);
void           cw_event_feed_set_auto_refresh     (CwEventFeed     *self,
                                                   gboolean         auto_refresh);
guint          cw_event_feed_get_refresh_interval (CwEventFeed     *self);
void           cw_event_feed_set_refresh_interval (CwEventFeed     *self,
                                                   guint            seconds);
gboolean       cw_event_feed_get_active           (CwEventFeed     *self);
void           cw_event_feed_set_active           (CwEventFeed     *self,
                                                   gboolean         active);
gboolean       cw_event_feed_get_loading          (CwEventFeed     *self);
gboolean       cw_event_feed_get_loaded           (CwEventFeed     *self);
gboolean       cw_event_feed_get_paused           (CwEventFeed     *self);
gboolean       cw_event_feed_get_offline          (CwEventFeed     *self);
guint          cw_event_feed_get_n_failures       (CwEventFeed     *self);
gint64         cw_event_feed_get_retry_after      (CwEventFeed     *self);
const GError  *cw_event_feed_get_last_error       (CwEventFeed     *self);
gint64         cw_event_feed_get_last_update      (CwEventFeed     *self);
gint64         cw_event_feed_get_next_poll        (CwEventFeed     *self);
guint          cw_event_feed_get_n_skipped        (CwEventFeed     *self);
const char    *cw_event_feed_get_skip_problem     (CwEventFeed     *self);
GListModel    *cw_event_feed_get_events           (CwEventFeed     *self);
GListModel    *cw_event_feed_get_types            (CwEventFeed     *self);
ConvercEvent  *cw_event_feed_lookup               (CwEventFeed     *self,
                                                   const char      *event_id);
gboolean       cw_event_feed_auto_refresh_enabled (CwEventFeed     *self);
void           cw_event_feed_refresh              (CwEventFeed     *self);
void           cw_event_feed_clear                (CwEventFeed     *self);

/* The journal (see converc-journal.h): when the feed has one, every
 * answer is stored in it off the main thread, "journal-revision" grows
 * after each store, and the first load into an empty journal fetches
 * deeply (CW_EVENT_FEED_DEEP_COUNT). "journal-problem" says, once, why the
 * journal on disk could not be opened (the feed then keeps one in memory
 * for the run). */
#define CW_EVENT_FEED_DEEP_COUNT 10000

ConvercJournal *cw_event_feed_get_journal         (CwEventFeed     *self);
void            cw_event_feed_set_journal         (CwEventFeed     *self,
                                                   ConvercJournal  *journal);
void            cw_event_feed_open_journal        (CwEventFeed     *self,
                                                   const char      *scope);
const char     *cw_event_feed_get_journal_problem (CwEventFeed     *self);
/* With @keeper's history off, the feed's journal is one in memory and
 * nothing is written to disk; turned on again, the scope's journal is
 * opened. @keeper: (nullable) */
void            cw_event_feed_set_history_keeper  (CwEventFeed     *self,
                                                   CwHistoryKeeper *keeper);
guint           cw_event_feed_get_journal_revision (CwEventFeed    *self);

/* For tests: the planned automatic refresh, now. */
void           _cw_event_feed_poll_now            (CwEventFeed     *self);

G_END_DECLS
