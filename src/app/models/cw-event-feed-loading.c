/* cw-event-feed-loading.c
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

/* The one concern of this file: when the feed asks the server — the first
 * load, polls with back-off and Retry-After, pausing while inactive or
 * offline — and what it keeps of each answer. */

#define G_LOG_DOMAIN "cw-event-feed"

#include "config.h"

#include <gtk/gtk.h>

#include "cw-event-feed-private.h"

#define MIN_POLL_SECONDS          5
#define MAX_BACKOFF_SECONDS       900
#define MAX_RETRY_AFTER_SECONDS   3600

/* One list request and what it was for. */
typedef struct
{
  CwEventFeed *self;
  char        *event_type;
  guint        count;
  guint        preferred_count;
  guint        replace : 1;
} Load;

static void schedule_poll (CwEventFeed *self);

static void
load_free (Load *load)
{
  g_clear_pointer (&load->event_type, g_free);
  g_free (load);
}

static gboolean
host_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;

  return g_str_equal (host, "localhost") ||
         g_str_has_prefix (host, "127.") ||
         g_str_equal (host, "::1") ||
         g_str_equal (host, "[::1]");
}

static gboolean
compute_offline (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (self->network_monitor == NULL || self->client == NULL)
    return FALSE;

  /* The demo's emulator on loopback works without any network. */
  if (host_is_loopback (converc_client_get_base_url (self->client)))
    return FALSE;

  return !g_network_monitor_get_network_available (self->network_monitor);
}

static void
set_loading (CwEventFeed *self,
             gboolean     loading)
{
  g_assert (CW_IS_EVENT_FEED (self));

  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  _cw_event_feed_notify (self, PROP_LOADING);
}

static void
set_next_poll (CwEventFeed *self,
               gint64       next_poll)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (self->next_poll == next_poll)
    return;

  self->next_poll = next_poll;
  _cw_event_feed_notify (self, PROP_NEXT_POLL);
}

static void
cancel_poll (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  g_clear_handle_id (&self->poll_source, g_source_remove);
  set_next_poll (self, 0);
}

static void
set_failures (CwEventFeed *self,
              guint        n_failures,
              gint64       retry_after)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (self->n_failures != n_failures)
    {
      self->n_failures = n_failures;
      _cw_event_feed_notify (self, PROP_N_FAILURES);
    }
  if (self->retry_after != retry_after)
    {
      self->retry_after = retry_after;
      _cw_event_feed_notify (self, PROP_RETRY_AFTER);
    }
}

static void
set_last_error (CwEventFeed  *self,
                const GError *error)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (self->last_error == NULL && error == NULL)
    return;

  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  _cw_event_feed_notify (self, PROP_LAST_ERROR);
}

static void
set_skipped (CwEventFeed *self,
             guint        n_skipped,
             const char  *problem)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (self->n_skipped != n_skipped)
    {
      self->n_skipped = n_skipped;
      _cw_event_feed_notify (self, PROP_N_SKIPPED);
    }
  if (g_strcmp0 (self->skip_problem, problem) != 0)
    {
      g_free (self->skip_problem);
      self->skip_problem = g_strdup (problem);
      _cw_event_feed_notify (self, PROP_SKIP_PROBLEM);
    }
}

void
_cw_event_feed_finish_load (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  set_loading (self, FALSE);
  schedule_poll (self);
}

void
_cw_event_feed_update_paused (CwEventFeed *self)
{
  gboolean offline;
  gboolean paused;

  g_assert (CW_IS_EVENT_FEED (self));

  offline = compute_offline (self);
  paused = cw_event_feed_auto_refresh_enabled (self) && (!self->active || offline);

  if (offline != self->offline)
    {
      self->offline = offline;
      _cw_event_feed_notify (self, PROP_OFFLINE);
    }
  if (paused != self->paused)
    {
      self->paused = paused;
      _cw_event_feed_notify (self, PROP_PAUSED);
    }

  schedule_poll (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  CwEventFeed *self = user_data;

  g_assert (CW_IS_EVENT_FEED (self));

  self->poll_source = 0;
  set_next_poll (self, 0);
  _cw_event_feed_start_load (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
schedule_poll (CwEventFeed *self)
{
  gint64 delay;
  gint64 elapsed;

  g_assert (CW_IS_EVENT_FEED (self));

  g_clear_handle_id (&self->poll_source, g_source_remove);

  /* Polls follow a first attempt, even a failed one (with back-off). */
  if (!cw_event_feed_auto_refresh_enabled (self) || self->paused || self->loading ||
      self->last_attempt == 0)
    {
      set_next_poll (self, 0);
      return;
    }

  delay = MAX (self->refresh_interval, MIN_POLL_SECONDS);

  /* Back off on errors: twice as long after each failure, up to 15 min,
   * and never sooner than the server's Retry-After. */
  if (self->n_failures > 0)
    delay = MIN (delay << MIN (self->n_failures, 8), MAX (delay, MAX_BACKOFF_SECONDS));
  if (self->retry_after > delay)
    delay = MIN (self->retry_after, MAX_RETRY_AFTER_SECONDS);

  elapsed = (g_get_monotonic_time () - self->last_attempt) / G_USEC_PER_SEC;
  delay = MAX (0, delay - elapsed);

  self->poll_source = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (delay * 1000),
                                          poll_cb, self, NULL);
  g_source_set_name_by_id (self->poll_source, "[cw] events poll");
  set_next_poll (self, g_get_monotonic_time () + delay * G_USEC_PER_SEC);
}

static void
remember_types (CwEventFeed *self,
                GPtrArray   *events)
{
  for (guint i = 0; i < events->len; i++)
    _cw_event_feed_remember_type (self,
                                  converc_event_get_event_type (g_ptr_array_index (events, i)));
}

/* The end of a load: @events (NULL for a streamed answer, whose events
 * were stored as they came) or @error. */
static void
load_answered (Load         *load,
               GPtrArray    *events,
               guint         n_skipped,
               const char   *first_problem,
               const GError *error)
{
  CwEventFeed *self = load->self;

  /* Cancelled: the feed may be gone, do not touch it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_free (load);
      return;
    }

  g_assert (CW_IS_EVENT_FEED (self));

  /* A streamed (deep) load that broke off keeps the parts it stored; the
   * next load asks as deep again, so that the older events are not left
   * out for good. */
  if (events == NULL)
    self->deep_incomplete = error != NULL;

  g_object_freeze_notify (G_OBJECT (self));

  if (error != NULL)
    {
      /* Only a 429 asks to wait; the client remembers its Retry-After. */
      set_failures (self, self->n_failures + 1,
                    g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_RATE_LIMITED)
                    ? converc_client_get_retry_after (self->client) : -1);
      set_last_error (self, error);
    }
  else
    {
      set_failures (self, 0, -1);
      set_last_error (self, NULL);

      /* With a journal the answer goes there, and the page reads it from
       * there: the feed holds it only while it is stored, so that its
       * memory does not grow with the history. */
      if (events != NULL && self->journal != NULL)
        {
          remember_types (self, events);
          _cw_event_feed_ingest (self, events, FALSE);
        }
      else if (events != NULL)
        _cw_event_feed_add_events (self, events, load->replace);

      g_free (self->loaded_type);
      self->loaded_type = g_strdup (load->event_type);
      self->loaded_count = load->preferred_count;
      self->last_update = g_get_real_time ();
      if (!self->loaded)
        {
          self->loaded = TRUE;
          _cw_event_feed_notify (self, PROP_LOADED);
        }
      _cw_event_feed_notify (self, PROP_LAST_UPDATE);
      set_skipped (self, n_skipped, first_problem);
    }

  load_free (load);

  _cw_event_feed_emit_answered (self);

  /* Still adding events: the load ends when the last are in. */
  if (self->pending == NULL)
    _cw_event_feed_finish_load (self);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ConvercClient *client = CONVERC_CLIENT (object);
  Load *load = user_data;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_problem = NULL;
  guint n_skipped = 0;

  events = converc_client_list_events_finish (client, result, &n_skipped, &first_problem, &error);
  load_answered (load, events, n_skipped, first_problem, error);
}

/* A part of a deep answer, stored as soon as it is read: the page shows
 * the first rows while the rest still arrives. */
static void
stream_part_cb (GPtrArray *events,
                gpointer   user_data)
{
  Load *load = user_data;
  CwEventFeed *self = load->self;

  g_assert (CW_IS_EVENT_FEED (self));

  remember_types (self, events);
  if (self->journal != NULL)
    _cw_event_feed_ingest_part (self, events);
  else
    {
      /* The journal went (another organisation's opening): the events
       * wait in the feed's list, as any answer does then. */
      _cw_event_feed_add_events (self, events, FALSE);
    }
}

static void
stream_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ConvercClient *client = CONVERC_CLIENT (object);
  Load *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_problem = NULL;
  guint n_skipped = 0;

  converc_client_stream_events_finish (client, result, NULL, &n_skipped, &first_problem, &error);
  load_answered (load, NULL, n_skipped, first_problem, error);
}

void
_cw_event_feed_start_load (CwEventFeed *self,
                           gboolean     replace)
{
  Load *load;

  g_assert (CW_IS_EVENT_FEED (self));

  if (self->client == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* The previous answer's last events go in first. */
  _cw_event_feed_flush_pending (self);

  cancel_poll (self);
  self->last_attempt = g_get_monotonic_time ();

  load = g_new0 (Load, 1);
  load->self = self;
  load->event_type = g_strdup (self->event_type);
  load->count = _cw_event_feed_count_for_load (self);
  load->preferred_count = self->event_count;
  load->replace = replace || !self->loaded ||
                  g_strcmp0 (self->loaded_type, self->event_type) != 0 ||
                  self->loaded_count != self->event_count;

  set_loading (self, TRUE);

  /* A deep load into the journal (its first sync) stores and shows its
   * events as they arrive; other loads are small and come whole. */
  if (self->journal != NULL && load->count > self->event_count)
    converc_client_stream_events_async (self->client, self->event_type, load->count,
                                        stream_part_cb, load,
                                        self->cancellable, stream_cb, load);
  else
    converc_client_list_events_async (self->client, self->event_type, load->count,
                                      self->cancellable, load_cb, load);
}

/* Asks again for what the settings now say, when something was asked. */
void
_cw_event_feed_reload_if_started (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (self->client != NULL && (self->loaded || self->loading))
    _cw_event_feed_start_load (self, TRUE);
}

void
_cw_event_feed_network_changed_cb (CwEventFeed     *self,
                                   gboolean         available,
                                   GNetworkMonitor *monitor)
{
  g_assert (CW_IS_EVENT_FEED (self));

  _cw_event_feed_update_paused (self);
}

/**
 * cw_event_feed_auto_refresh_enabled:
 *
 * Returns: %TRUE when auto-refresh is on, with an interval, and signed in
 */
gboolean
cw_event_feed_auto_refresh_enabled (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), FALSE);

  return self->auto_refresh && self->refresh_interval > 0 && self->client != NULL;
}

/**
 * cw_event_feed_refresh:
 *
 * Fetches the recent events now. Events already loaded stay, new ones are
 * added.
 */
void
cw_event_feed_refresh (CwEventFeed *self)
{
  g_return_if_fail (CW_IS_EVENT_FEED (self));

  if (self->client == NULL)
    return;

  /* A manual refresh is a fresh start for the back-off. */
  set_failures (self, 0, -1);
  _cw_event_feed_start_load (self, FALSE);
}

/**
 * cw_event_feed_clear:
 *
 * Forgets every loaded event (for example after signing out).
 */
void
cw_event_feed_clear (CwEventFeed *self)
{
  g_return_if_fail (CW_IS_EVENT_FEED (self));

  g_object_freeze_notify (G_OBJECT (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cancel_poll (self);

  _cw_event_feed_drop_pending (self);
  g_hash_table_remove_all (self->keys);
  g_list_store_remove_all (self->store);

  if (self->loaded)
    {
      self->loaded = FALSE;
      _cw_event_feed_notify (self, PROP_LOADED);
    }
  if (self->last_update != 0)
    {
      self->last_update = 0;
      _cw_event_feed_notify (self, PROP_LAST_UPDATE);
    }
  self->last_attempt = 0;
  g_clear_pointer (&self->loaded_type, g_free);
  set_failures (self, 0, -1);
  set_last_error (self, NULL);
  set_skipped (self, 0, NULL);
  set_loading (self, FALSE);

  g_object_thaw_notify (G_OBJECT (self));
}

void
_cw_event_feed_poll_now (CwEventFeed *self)
{
  g_return_if_fail (CW_IS_EVENT_FEED (self));
  g_return_if_fail (self->poll_source != 0);

  g_clear_handle_id (&self->poll_source, g_source_remove);
  poll_cb (self);
}
