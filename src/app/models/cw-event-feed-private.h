/* cw-event-feed-private.h
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

/* What the three files of the event feed share: its fields, its property
 * ids and the steps each file offers the others. */

#pragma once

#include <gtk/gtk.h>

#include "cw-event-feed.h"

G_BEGIN_DECLS

struct _CwEventFeed
{
  GObject          parent_instance;

  ConvercClient   *client;
  GCancellable    *cancellable;
  GNetworkMonitor *network_monitor;

  /* Every loaded event, in arrival order; views sort and filter. */
  GListStore      *store;
  /* merge key (the event id) → ConvercEvent in @store (borrowed) */
  GHashTable      *keys;
  /* Events of the last answer not in @store yet, newest first, and the
   * index of the next one to add */
  GPtrArray       *pending;
  guint            pending_pos;
  guint            pending_source;

  /* The documented types, then unknown types seen */
  GtkStringList   *types;
  GHashTable      *type_names;

  char            *event_type;
  guint            event_count;
  guint            refresh_interval;

  /* What the events in @store were fetched for */
  char            *loaded_type;
  guint            loaded_count;

  GError          *last_error;
  char            *skip_problem;
  guint            n_skipped;
  guint            n_failures;
  gint64           retry_after;
  gint64           last_update;      /* real time, µs; 0: never */
  gint64           last_attempt;     /* monotonic time, µs; 0: never */
  gint64           next_poll;        /* monotonic time, µs; 0: none */

  guint            poll_source;

  /* The journal every answer is stored in (NULL: none), see
   * cw-event-feed-journal.c */
  ConvercJournal  *journal;
  GCancellable    *journal_cancellable;
  char            *journal_problem;
  guint            journal_revision;
  /* Events held by ingests under way (the answers being stored) */
  guint            n_ingesting;
  /* The journal held no event: the next load fetches deeply */
  guint            journal_empty : 1;
  /* The last deep load broke off: the next goes deep again */
  guint            deep_incomplete : 1;
  /* Preferences → History: with it off the journal stays in memory, and
   * nothing is written to a journal on disk; @journal_scope is the scope
   * last asked for, opened again when history is turned on. */
  CwHistoryKeeper *history_keeper;
  char            *journal_scope;
  guint            journal_scope_set : 1;

  guint            auto_refresh : 1;
  guint            active : 1;
  guint            loading : 1;
  guint            loaded : 1;
  guint            paused : 1;
  guint            offline : 1;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_NETWORK_MONITOR,
  PROP_EVENT_TYPE,
  PROP_EVENT_COUNT,
  PROP_AUTO_REFRESH,
  PROP_REFRESH_INTERVAL,
  PROP_ACTIVE,
  PROP_LOADING,
  PROP_LOADED,
  PROP_PAUSED,
  PROP_OFFLINE,
  PROP_N_FAILURES,
  PROP_RETRY_AFTER,
  PROP_LAST_ERROR,
  PROP_LAST_UPDATE,
  PROP_NEXT_POLL,
  PROP_N_SKIPPED,
  PROP_SKIP_PROBLEM,
  PROP_EVENTS,
  PROP_TYPES,
  PROP_JOURNAL,
  PROP_JOURNAL_PROBLEM,
  PROP_JOURNAL_REVISION,
  N_PROPS
};

/* cw-event-feed.c */
void _cw_event_feed_notify             (CwEventFeed     *self,
                                        guint            prop);
void _cw_event_feed_emit_answered      (CwEventFeed     *self);

/* cw-event-feed-loading.c */
void _cw_event_feed_start_load         (CwEventFeed     *self,
                                        gboolean         replace);
void _cw_event_feed_reload_if_started  (CwEventFeed     *self);
void _cw_event_feed_finish_load        (CwEventFeed     *self);
void _cw_event_feed_update_paused      (CwEventFeed     *self);
void _cw_event_feed_network_changed_cb (CwEventFeed     *self,
                                        gboolean         available,
                                        GNetworkMonitor *monitor);

/* cw-event-feed-merge.c */
void _cw_event_feed_remember_type      (CwEventFeed     *self,
                                        const char      *type);
void _cw_event_feed_add_events         (CwEventFeed     *self,
                                        GPtrArray       *events,
                                        gboolean         replace);
void _cw_event_feed_flush_pending      (CwEventFeed     *self);
void _cw_event_feed_drop_pending       (CwEventFeed     *self);
void _cw_event_feed_forget_events      (CwEventFeed     *self);

/* cw-event-feed-journal.c */
guint _cw_event_feed_count_for_load    (CwEventFeed     *self);
void  _cw_event_feed_ingest            (CwEventFeed     *self,
                                        GPtrArray       *events,
                                        gboolean         from_store);
void  _cw_event_feed_ingest_part       (CwEventFeed     *self,
                                        GPtrArray       *events);
void  _cw_event_feed_dispose_journal   (CwEventFeed     *self);

G_END_DECLS
