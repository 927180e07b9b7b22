/* cw-event-feed-journal.c
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

/* The one concern of this file: the feed's journal — opening it off the
 * main thread (falling back to memory, said once), storing every answer in
 * it off the main thread, and how deep a load fetches. */

#define G_LOG_DOMAIN "cw-event-feed"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "cw-event-feed-private.h"

/* One ingest: the feed (weak: it may go while the thread works) and how
 * many events it stores. */
typedef struct
{
  GWeakRef   weak;
  guint      n_events;
  guint      requested;
  /* The answer, held only while it is stored: if storing fails, the
   * feed keeps it in memory instead */
  GPtrArray *events;
  /* The events are the feed's own list (fetched before the journal
   * came): once stored, the list lets them go */
  gboolean   from_store;
  /* A part of a deep answer, stored as it arrived */
  gboolean   part;
} Ingest;

static void
drop_events (gpointer data,
             gpointer user_data)
{
  g_ptr_array_unref (data);
}

/* Lets @events go on a thread of their own: 10,000 events are 200,000
 * blocks to free, too long a step for the main loop once they are
 * stored. */
static void
drop_events_off_main_thread (GPtrArray *events)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (drop_events, NULL, 1, FALSE, NULL));

  g_thread_pool_push (pool, events, NULL);
}

static void
ingest_free (Ingest *ingest)
{
  g_weak_ref_clear (&ingest->weak);
  if (ingest->events != NULL)
    drop_events_off_main_thread (g_steal_pointer (&ingest->events));
  g_free (ingest);
}

static void
set_journal_problem (CwEventFeed *self,
                     const char  *problem)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (g_strcmp0 (self->journal_problem, problem) == 0)
    return;

  g_free (self->journal_problem);
  self->journal_problem = g_strdup (problem);
  _cw_event_feed_notify (self, PROP_JOURNAL_PROBLEM);
}

static void
bump_revision (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  self->journal_revision++;
  _cw_event_feed_notify (self, PROP_JOURNAL_REVISION);
}

void
_cw_event_feed_dispose_journal (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  g_cancellable_cancel (self->journal_cancellable);
  g_clear_object (&self->journal_cancellable);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->journal_problem, g_free);
  if (self->history_keeper != NULL)
    g_signal_handlers_disconnect_by_data (self->history_keeper, self);
  g_clear_object (&self->history_keeper);
  g_clear_pointer (&self->journal_scope, g_free);
}

/* Whether events may be written to a journal on disk (Preferences →
 * History). */
static gboolean
history_enabled (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  return self->history_keeper == NULL || cw_history_keeper_get_enabled (self->history_keeper);
}

/* The display of the next load: deep while the journal has no event (or
 * the last answer did not reach back to the events stored before it), the
 * preference otherwise. */
guint
_cw_event_feed_count_for_load (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (self->journal != NULL && (self->journal_empty || self->deep_incomplete))
    return MAX (self->event_count, CW_EVENT_FEED_DEEP_COUNT);

  return self->event_count;
}

static void
ingest_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ConvercJournal *journal = CONVERC_JOURNAL (object);
  Ingest *ingest = user_data;
  g_autoptr(CwEventFeed) self = g_weak_ref_get (&ingest->weak);
  g_autoptr(GError) error = NULL;
  gboolean was_empty;
  guint n_added = 0;

  converc_journal_ingest_finish (journal, result, &n_added, &error);

  if (self == NULL)
    {
      ingest_free (ingest);
      return;
    }

  /* Stored, failed or cancelled (another journal was set): the feed no
   * longer holds these events for the store. */
  g_assert (self->n_ingesting >= ingest->n_events);
  self->n_ingesting -= ingest->n_events;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      ingest_free (ingest);
      return;
    }

  if (self->journal != journal)
    {
      ingest_free (ingest);
      return;
    }

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      /* The events stay shown from the answer; only storing failed. */
      g_warning ("Could not store events in the history: %s", error->message);
      message = g_strdup_printf (_("Events could not be kept in the history: %s"),
                                 error->message);
      set_journal_problem (self, message);
      /* Not stored: the feed keeps them in memory for the run. */
      if (!ingest->from_store)
        {
          _cw_event_feed_flush_pending (self);
          _cw_event_feed_add_events (self, ingest->events, FALSE);
        }
      ingest_free (ingest);
      return;
    }

  /* Stored: the journal is where they are read from now. */
  if (ingest->from_store)
    _cw_event_feed_forget_events (self);

  /* Every event of a full answer was new: older ones may be missing
   * between it and what was stored before, the next load goes deep. */
  was_empty = self->journal_empty;
  if (ingest->n_events == 0)
    self->journal_empty = was_empty;
  else if (ingest->part)
    self->journal_empty = FALSE;   /* the deep answer it belongs to reaches back */
  else
    self->journal_empty = !was_empty && n_added == ingest->n_events &&
                          ingest->n_events >= ingest->requested;

  bump_revision (self);
  ingest_free (ingest);
}

/* Stores the events of an answer in the journal, off the main thread;
 * the feed holds them until they are stored. @from_store: they are the
 * feed's list, which lets them go once they are stored. */
static void
ingest (CwEventFeed *self,
        GPtrArray   *events,
        gboolean     from_store,
        gboolean     part)
{
  Ingest *stored;

  g_assert (CW_IS_EVENT_FEED (self));
  g_assert (events != NULL);

  if (self->journal == NULL)
    return;

  /* History off: nothing goes to a file (the journal is swapped for one
   * in memory as soon as the setting says so; this holds meanwhile). */
  if (converc_journal_get_path (self->journal) != NULL && !history_enabled (self))
    return;

  if (self->journal_cancellable == NULL)
    self->journal_cancellable = g_cancellable_new ();

  stored = g_new0 (Ingest, 1);
  g_weak_ref_init (&stored->weak, self);
  stored->n_events = events->len;
  stored->requested = self->event_count;
  stored->events = g_ptr_array_ref (events);
  stored->from_store = from_store;
  stored->part = part;
  self->n_ingesting += events->len;
  converc_journal_ingest_async (self->journal, events, self->journal_cancellable,
                                ingest_cb, stored);
}

void
_cw_event_feed_ingest (CwEventFeed *self,
                       GPtrArray   *events,
                       gboolean     from_store)
{
  ingest (self, events, from_store, FALSE);
}

/* Stores a part of a deep answer as soon as it is read. */
void
_cw_event_feed_ingest_part (CwEventFeed *self,
                            GPtrArray   *events)
{
  ingest (self, events, FALSE, TRUE);
}

/**
 * cw_event_feed_get_journal:
 *
 * Returns: (transfer none) (nullable): the journal answers are stored in
 */
ConvercJournal *
cw_event_feed_get_journal (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), NULL);

  return self->journal;
}

static void
set_journal_full (CwEventFeed    *self,
                  ConvercJournal *journal,
                  gboolean        empty)
{
  g_assert (CW_IS_EVENT_FEED (self));

  g_cancellable_cancel (self->journal_cancellable);
  g_clear_object (&self->journal_cancellable);
  g_set_object (&self->journal, journal);
  self->journal_empty = journal != NULL && empty;
  self->deep_incomplete = FALSE;

  _cw_event_feed_notify (self, PROP_JOURNAL);
  bump_revision (self);

  /* What was already fetched goes in too; an empty journal is filled
   * deeply with the next load. */
  if (journal != NULL && self->client != NULL && (self->loaded || self->loading) && empty)
    {
      /* The deep load brings them again, into the journal. */
      _cw_event_feed_forget_events (self);
      _cw_event_feed_start_load (self, FALSE);
    }
  else if (journal != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    {
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

      _cw_event_feed_flush_pending (self);
      n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (events, g_list_model_get_item (G_LIST_MODEL (self->store), i));
      _cw_event_feed_ingest (self, events, TRUE);
    }
}

/**
 * cw_event_feed_set_journal:
 * @journal: (nullable): where to store every answer
 *
 * Reads on the calling thread whether @journal holds events (quick): an
 * empty one is filled deeply by the next load.
 */
void
cw_event_feed_set_journal (CwEventFeed    *self,
                           ConvercJournal *journal)
{
  gboolean empty = TRUE;

  g_return_if_fail (CW_IS_EVENT_FEED (self));
  g_return_if_fail (!journal || CONVERC_IS_JOURNAL (journal));

  if (self->journal == journal)
    return;

  if (journal != NULL)
    empty = converc_journal_count_at_most (journal, NULL, 0, 1, NULL) <= 0;

  set_journal_full (self, journal, empty);
}

typedef struct
{
  ConvercJournal *journal;
  char           *problem;
  gboolean        empty;
  gint64          last_seen;   /* when the newest stored event was fetched */
} Opened;

static void
opened_free (Opened *opened)
{
  g_clear_object (&opened->journal);
  g_clear_pointer (&opened->problem, g_free);
  g_free (opened);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *scope = task_data;
  g_autoptr(GError) error = NULL;
  Opened *opened = g_new0 (Opened, 1);

  opened->journal = converc_journal_open_for_scope (scope, &error);
  if (opened->journal == NULL)
    {
      /* The message names the problem (and, for a damaged file, where it
       * was moved); never a key or secret. */
      opened->problem = g_strdup_printf (_("The event history could not be opened, so events are kept only while the app runs: %s"),
                                         error->message);
      opened->journal = converc_journal_new_in_memory ();
    }
  opened->empty = converc_journal_count_at_most (opened->journal, NULL, 0, 1, NULL) <= 0;
  if (!opened->empty)
    {
      g_autoptr(GPtrArray) newest = converc_journal_query (opened->journal, NULL, 0, 0, 1, NULL);

      if (newest != NULL && newest->len > 0)
        opened->last_seen = ((ConvercJournalRow *) g_ptr_array_index (newest, 0))->first_seen_usec;
    }

  g_task_return_pointer (task, opened, (GDestroyNotify) opened_free);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CwEventFeed *self = CW_EVENT_FEED (object);
  Opened *opened;

  opened = g_task_propagate_pointer (G_TASK (result), NULL);
  if (opened == NULL)
    return;   /* cancelled: the feed is going */

  /* History was turned off while the file opened: it is not used. */
  if (!history_enabled (self))
    {
      g_autoptr(ConvercJournal) memory = converc_journal_new_in_memory ();

      opened_free (opened);
      set_journal_problem (self, NULL);
      set_journal_full (self, memory, TRUE);
      return;
    }

  /* A cold start: the stored events are as of their last fetch ("Offline
   * — events as of 10:42" until an answer comes). */
  if (self->last_update == 0 && opened->last_seen > 0)
    {
      self->last_update = opened->last_seen;
      _cw_event_feed_notify (self, PROP_LAST_UPDATE);
    }

  if (opened->problem != NULL)
    g_warning ("%s", opened->problem);
  set_journal_problem (self, opened->problem);
  set_journal_full (self, opened->journal, opened->empty);
  opened_free (opened);
}

/**
 * cw_event_feed_open_journal:
 * @scope: (nullable): the account's scope (cw_session_get_journal_scope),
 *   or %NULL for a journal in memory (demo mode)
 *
 * Opens the journal of @scope on a worker thread and stores every answer
 * in it from then on. A journal that cannot be opened (damaged, from a
 * newer version, read-only, disk full) sets "journal-problem" and the feed
 * keeps its events in memory for the run.
 */
void
cw_event_feed_open_journal (CwEventFeed *self,
                            const char  *scope)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_EVENT_FEED (self));

  if (scope != self->journal_scope)
    {
      g_free (self->journal_scope);
      self->journal_scope = g_strdup (scope);
    }
  self->journal_scope_set = TRUE;

  /* History off: the events of this run stay in memory. */
  if (scope == NULL || !history_enabled (self))
    {
      g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();

      set_journal_problem (self, NULL);
      set_journal_full (self, journal, TRUE);
      return;
    }

  /* Answers of the new scope must not go in the old journal meanwhile;
   * what comes before the new one is open goes in when it is. */
  if (self->journal != NULL)
    set_journal_full (self, NULL, FALSE);
  if (self->journal_cancellable == NULL)
    self->journal_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->journal_cancellable, open_cb, NULL);
  g_task_set_source_tag (task, cw_event_feed_open_journal);
  g_task_set_task_data (task, g_strdup (scope), g_free);
  g_task_run_in_thread (task, open_thread);
}

static void
history_enabled_cb (CwEventFeed     *self,
                    GParamSpec      *pspec,
                    CwHistoryKeeper *keeper)
{
  gboolean on_disk;
  gboolean want_disk;

  g_assert (CW_IS_EVENT_FEED (self));

  /* No scope asked for yet, or its file still opening (open_cb looks at
   * the setting when it is). */
  if (!self->journal_scope_set || self->journal == NULL)
    return;

  on_disk = converc_journal_get_path (self->journal) != NULL;
  want_disk = self->journal_scope != NULL && history_enabled (self);
  if (on_disk != want_disk)
    {
      g_autofree char *scope = g_strdup (self->journal_scope);

      cw_event_feed_open_journal (self, scope);
    }
}

/**
 * cw_event_feed_set_history_keeper:
 * @keeper: (nullable): what says whether history is kept
 *
 * With @keeper's history off, the feed keeps its events in a journal in
 * memory and writes nothing to disk; when it is turned on again, the
 * journal of the scope last given to cw_event_feed_open_journal() opens.
 */
void
cw_event_feed_set_history_keeper (CwEventFeed     *self,
                                  CwHistoryKeeper *keeper)
{
  g_return_if_fail (CW_IS_EVENT_FEED (self));
  g_return_if_fail (!keeper || CW_IS_HISTORY_KEEPER (keeper));

  if (self->history_keeper == keeper)
    return;

  if (self->history_keeper != NULL)
    g_signal_handlers_disconnect_by_data (self->history_keeper, self);
  g_set_object (&self->history_keeper, keeper);
  if (keeper != NULL)
    g_signal_connect_object (keeper, "notify::enabled",
                             G_CALLBACK (history_enabled_cb), self, G_CONNECT_SWAPPED);

  history_enabled_cb (self, NULL, keeper);
}

/**
 * cw_event_feed_get_journal_problem:
 *
 * Returns: (nullable): why the journal could not be opened or written
 */
const char *
cw_event_feed_get_journal_problem (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), NULL);

  return self->journal_problem;
}

/**
 * cw_event_feed_get_journal_revision:
 *
 * Returns: a number that grows whenever the journal's events may have
 *   changed (a store finished, another journal was set)
 */
guint
cw_event_feed_get_journal_revision (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), 0);

  return self->journal_revision;
}

/**
 * _cw_event_feed_get_n_held:
 *
 * For tests: how many events the feed holds — its list, the events still
 * to add to it, and the answers being stored.
 */
guint
_cw_event_feed_get_n_held (CwEventFeed *self)
{
  guint n;

  g_return_val_if_fail (CW_IS_EVENT_FEED (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store)) + self->n_ingesting;
  if (self->pending != NULL)
    n += self->pending->len - self->pending_pos;

  return n;
}
