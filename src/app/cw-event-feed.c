/* cw-event-feed.c
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

/* The one concern of this file: the events of one account as a model —
 * loading, polling with back-off and Retry-After, pausing while inactive or
 * offline, merging answers (dedupe, compaction) and adding long answers in
 * steps. No widget code. */

#define G_LOG_DOMAIN "cw-event-feed"

#include "config.h"

#include <gtk/gtk.h>

#include "cw-event-feed.h"

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

  guint            auto_refresh : 1;
  guint            active : 1;
  guint            loading : 1;
  guint            loaded : 1;
  guint            paused : 1;
  guint            offline : 1;
};

G_DEFINE_FINAL_TYPE (CwEventFeed, cw_event_feed, G_TYPE_OBJECT)

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
  N_PROPS
};

enum {
  ANSWERED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define DEFAULT_EVENT_COUNT       100
#define DEFAULT_REFRESH_INTERVAL  60
#define MAX_EVENT_COUNT           100000
#define MIN_POLL_SECONDS          5
#define MAX_BACKOFF_SECONDS       900
#define MAX_RETRY_AFTER_SECONDS   3600
/* Events added to the list in one main-loop iteration while a view builds
 * its first ROWS_CHUNKED rows */
#define FIRST_CHUNK               50
#define ROWS_CHUNKED              200

/* One list request and what it was for. */
typedef struct
{
  CwEventFeed *self;
  char        *event_type;
  guint        count;
  guint        replace : 1;
} Load;

static void schedule_poll (CwEventFeed *self);
static void start_load    (CwEventFeed *self,
                           gboolean     replace);

static void
load_free (Load *load)
{
  g_clear_pointer (&load->event_type, g_free);
  g_free (load);
}

static void
notify (CwEventFeed *self,
        guint        prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
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
  notify (self, PROP_LOADING);
}

static void
set_next_poll (CwEventFeed *self,
               gint64       next_poll)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (self->next_poll == next_poll)
    return;

  self->next_poll = next_poll;
  notify (self, PROP_NEXT_POLL);
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
      notify (self, PROP_N_FAILURES);
    }
  if (self->retry_after != retry_after)
    {
      self->retry_after = retry_after;
      notify (self, PROP_RETRY_AFTER);
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
  notify (self, PROP_LAST_ERROR);
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
      notify (self, PROP_N_SKIPPED);
    }
  if (g_strcmp0 (self->skip_problem, problem) != 0)
    {
      g_free (self->skip_problem);
      self->skip_problem = g_strdup (problem);
      notify (self, PROP_SKIP_PROBLEM);
    }
}

static char *
merge_key (ConvercEvent *event)
{
  const char *id = converc_event_get_id (event);
  g_autofree char *checksum = NULL;
  GBytes *raw;

  if (id != NULL)
    return g_strdup (id);

  /* No id: the same bytes are the same event. */
  raw = converc_event_get_raw (event);
  if (raw == NULL)
    return NULL;

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, raw);
  return g_strconcat ("\001", checksum, NULL);
}

static void
remember_type (CwEventFeed *self,
               const char  *type)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (type == NULL || type[0] == '\0' || g_hash_table_contains (self->type_names, type))
    return;

  g_hash_table_add (self->type_names, g_strdup (type));
  gtk_string_list_append (self->types, type);
}

/* Keeps the events not in the store yet (or all, when the store was just
 * emptied), in the order given, and remembers their keys and types.
 *
 * The events of an answer share its bytes (one slice each). When most of
 * the answer is dropped, as on a refresh that brings a few new events among
 * those already shown, the kept events get bytes of their own, so that the
 * whole answer is not kept alive for them. When most of it is kept, the
 * little that is dropped does not pay for copying the rest. This runs as
 * the events reach the main thread, before any other code reads them. */
static GPtrArray *
collect_new (CwEventFeed *self,
             GPtrArray   *events)
{
  GPtrArray *fresh = g_ptr_array_sized_new (events->len);
  gsize kept_bytes = 0;
  gsize all_bytes = 0;

  g_assert (CW_IS_EVENT_FEED (self));

  for (guint i = 0; i < events->len; i++)
    {
      ConvercEvent *event = g_ptr_array_index (events, i);
      gsize size = g_bytes_get_size (converc_event_get_raw (event));
      char *key = merge_key (event);

      all_bytes += size;

      if (key != NULL)
        {
          if (g_hash_table_contains (self->keys, key))
            {
              g_free (key);
              continue;
            }
          g_hash_table_insert (self->keys, key, event);
        }

      remember_type (self, converc_event_get_event_type (event));
      g_ptr_array_add (fresh, event);
      kept_bytes += size;
    }

  if (fresh->len < events->len && kept_bytes < all_bytes / 2)
    {
      for (guint i = 0; i < fresh->len; i++)
        converc_event_compact (g_ptr_array_index (fresh, i));
    }

  return fresh;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = converc_event_get_created_unix (*(ConvercEvent **) a);
  gint64 y = converc_event_get_created_unix (*(ConvercEvent **) b);

  return x < y ? 1 : x > y ? -1 : 0;
}

/* How many pending events the next step adds: small steps while a list
 * view builds its rows (it keeps rows for up to 200 items), then all the
 * others, which only need sorting. */
static guint
next_chunk_size (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (self->pending_pos < ROWS_CHUNKED)
    return FIRST_CHUNK;

  return G_MAXUINT;
}

/* Adds the next pending events to the store. Returns TRUE when some are
 * still pending. */
static gboolean
splice_pending (CwEventFeed *self,
                guint        position,
                guint        n_removed,
                guint        max)
{
  guint n;

  g_assert (CW_IS_EVENT_FEED (self));
  g_assert (self->pending != NULL);

  n = MIN (max, self->pending->len - self->pending_pos);
  g_list_store_splice (self->store, position, n_removed,
                       self->pending->pdata + self->pending_pos, n);
  self->pending_pos += n;

  if (self->pending_pos < self->pending->len)
    return TRUE;

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending_pos = 0;
  return FALSE;
}

static void
finish_load (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  set_loading (self, FALSE);
  schedule_poll (self);
}

static gboolean
splice_pending_cb (gpointer user_data)
{
  CwEventFeed *self = user_data;

  g_assert (CW_IS_EVENT_FEED (self));

  if (splice_pending (self, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                      next_chunk_size (self)))
    return G_SOURCE_CONTINUE;

  self->pending_source = 0;
  finish_load (self);

  return G_SOURCE_REMOVE;
}

/* Adds every pending event now (before another load starts). */
static void
flush_pending (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  g_clear_handle_id (&self->pending_source, g_source_remove);
  if (self->pending != NULL)
    splice_pending (self, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0, G_MAXUINT);
}

/* Forgets the pending events (the store is cleared). */
static void
drop_pending (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending_pos = 0;
}

/* Adds the new events of an answer. Some are added later, from idle
 * callbacks, while self->pending is set: adding 10,000 events at once
 * would make a view sort them and build all its rows in one main-loop
 * iteration. */
static void
add_events (CwEventFeed *self,
            GPtrArray   *events,
            gboolean     replace)
{
  g_autoptr(GPtrArray) fresh = NULL;
  guint n_items;

  g_assert (CW_IS_EVENT_FEED (self));
  g_assert (self->pending == NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  if (replace)
    g_hash_table_remove_all (self->keys);

  fresh = collect_new (self, events);
  if (fresh->len == 0 && !replace)
    return;

  /* Newest first, whatever order the server used: the first steps then
   * hold the rows at the top of the default order, and later steps go
   * below them. New events go at the end of the store; views sort them
   * into place. */
  g_ptr_array_sort (fresh, compare_newest_first);
  self->pending = g_ptr_array_new_full (fresh->len, g_object_unref);
  for (guint i = 0; i < fresh->len; i++)
    g_ptr_array_add (self->pending, g_object_ref (g_ptr_array_index (fresh, i)));
  self->pending_pos = 0;

  /* The first step at once: a small refresh is one items-changed. */
  if (splice_pending (self, replace ? 0 : n_items, replace ? n_items : 0, FIRST_CHUNK))
    {
      self->pending_source = g_idle_add (splice_pending_cb, self);
      g_source_set_name_by_id (self->pending_source, "[cw] events adding");
    }
}

static void
update_paused (CwEventFeed *self)
{
  gboolean offline;
  gboolean paused;

  g_assert (CW_IS_EVENT_FEED (self));

  offline = compute_offline (self);
  paused = cw_event_feed_auto_refresh_enabled (self) && (!self->active || offline);

  if (offline != self->offline)
    {
      self->offline = offline;
      notify (self, PROP_OFFLINE);
    }
  if (paused != self->paused)
    {
      self->paused = paused;
      notify (self, PROP_PAUSED);
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
  start_load (self, FALSE);

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
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ConvercClient *client = CONVERC_CLIENT (object);
  Load *load = user_data;
  CwEventFeed *self;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_problem = NULL;
  guint n_skipped = 0;

  events = converc_client_list_events_finish (client, result, &n_skipped, &first_problem, &error);

  /* Cancelled: the feed may be gone, do not touch it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_free (load);
      return;
    }

  self = load->self;
  g_assert (CW_IS_EVENT_FEED (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (events == NULL)
    {
      /* Only a 429 asks to wait; the client remembers its Retry-After. */
      set_failures (self, self->n_failures + 1,
                    g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_RATE_LIMITED)
                    ? converc_client_get_retry_after (client) : -1);
      set_last_error (self, error);
    }
  else
    {
      set_failures (self, 0, -1);
      set_last_error (self, NULL);

      add_events (self, events, load->replace);

      g_free (self->loaded_type);
      self->loaded_type = g_strdup (load->event_type);
      self->loaded_count = load->count;
      self->last_update = g_get_real_time ();
      if (!self->loaded)
        {
          self->loaded = TRUE;
          notify (self, PROP_LOADED);
        }
      notify (self, PROP_LAST_UPDATE);
      set_skipped (self, n_skipped, first_problem);
    }

  load_free (load);

  g_signal_emit (self, signals[ANSWERED], 0);

  /* Still adding events: the load ends when the last are in. */
  if (self->pending == NULL)
    finish_load (self);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
start_load (CwEventFeed *self,
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
  flush_pending (self);

  cancel_poll (self);
  self->last_attempt = g_get_monotonic_time ();

  load = g_new0 (Load, 1);
  load->self = self;
  load->event_type = g_strdup (self->event_type);
  load->count = self->event_count;
  load->replace = replace || !self->loaded ||
                  g_strcmp0 (self->loaded_type, self->event_type) != 0 ||
                  self->loaded_count != self->event_count;

  set_loading (self, TRUE);

  converc_client_list_events_async (self->client, self->event_type, self->event_count,
                                    self->cancellable, load_cb, load);
}

/* Asks again for what the settings now say, when something was asked. */
static void
reload_if_started (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  if (self->client != NULL && (self->loaded || self->loading))
    start_load (self, TRUE);
}

static void
network_changed_cb (CwEventFeed     *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  g_assert (CW_IS_EVENT_FEED (self));

  update_paused (self);
}

static void
cw_event_feed_constructed (GObject *object)
{
  CwEventFeed *self = (CwEventFeed *)object;

  G_OBJECT_CLASS (cw_event_feed_parent_class)->constructed (object);

  if (self->network_monitor == NULL)
    self->network_monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network_monitor, "network-changed",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
cw_event_feed_dispose (GObject *object)
{
  CwEventFeed *self = (CwEventFeed *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  drop_pending (self);

  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network_monitor, self);
  g_clear_object (&self->network_monitor);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (cw_event_feed_parent_class)->dispose (object);
}

static void
cw_event_feed_finalize (GObject *object)
{
  CwEventFeed *self = (CwEventFeed *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->types);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->type_names, g_hash_table_unref);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->loaded_type, g_free);
  g_clear_pointer (&self->skip_problem, g_free);
  g_clear_error (&self->last_error);

  G_OBJECT_CLASS (cw_event_feed_parent_class)->finalize (object);
}

static void
cw_event_feed_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CwEventFeed *self = CW_EVENT_FEED (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->network_monitor);
      break;

    case PROP_EVENT_TYPE:
      g_value_set_string (value, self->event_type);
      break;

    case PROP_EVENT_COUNT:
      g_value_set_uint (value, self->event_count);
      break;

    case PROP_AUTO_REFRESH:
      g_value_set_boolean (value, self->auto_refresh);
      break;

    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    case PROP_N_FAILURES:
      g_value_set_uint (value, self->n_failures);
      break;

    case PROP_RETRY_AFTER:
      g_value_set_int64 (value, self->retry_after);
      break;

    case PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;

    case PROP_LAST_UPDATE:
      g_value_set_int64 (value, self->last_update);
      break;

    case PROP_NEXT_POLL:
      g_value_set_int64 (value, self->next_poll);
      break;

    case PROP_N_SKIPPED:
      g_value_set_uint (value, self->n_skipped);
      break;

    case PROP_SKIP_PROBLEM:
      g_value_set_string (value, self->skip_problem);
      break;

    case PROP_EVENTS:
      g_value_set_object (value, self->store);
      break;

    case PROP_TYPES:
      g_value_set_object (value, self->types);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_event_feed_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CwEventFeed *self = CW_EVENT_FEED (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      cw_event_feed_set_client (self, g_value_get_object (value));
      break;

    case PROP_NETWORK_MONITOR:
      self->network_monitor = g_value_dup_object (value);
      break;

    case PROP_EVENT_TYPE:
      cw_event_feed_set_event_type (self, g_value_get_string (value));
      break;

    case PROP_EVENT_COUNT:
      cw_event_feed_set_event_count (self, g_value_get_uint (value));
      break;

    case PROP_AUTO_REFRESH:
      cw_event_feed_set_auto_refresh (self, g_value_get_boolean (value));
      break;

    case PROP_REFRESH_INTERVAL:
      cw_event_feed_set_refresh_interval (self, g_value_get_uint (value));
      break;

    case PROP_ACTIVE:
      cw_event_feed_set_active (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_event_feed_class_init (CwEventFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = cw_event_feed_constructed;
  object_class->dispose = cw_event_feed_dispose;
  object_class->finalize = cw_event_feed_finalize;
  object_class->get_property = cw_event_feed_get_property;
  object_class->set_property = cw_event_feed_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CONVERC_TYPE_CLIENT, rw);
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_TYPE] =
    g_param_spec_string ("event-type", NULL, NULL, NULL, rw);
  properties[PROP_EVENT_COUNT] =
    g_param_spec_uint ("event-count", NULL, NULL, 1, MAX_EVENT_COUNT, DEFAULT_EVENT_COUNT, rw);
  properties[PROP_AUTO_REFRESH] =
    g_param_spec_boolean ("auto-refresh", NULL, NULL, TRUE, rw);
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 0, 24 * 3600,
                       DEFAULT_REFRESH_INTERVAL, rw);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE, rw);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE, ro);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE, ro);
  properties[PROP_N_FAILURES] =
    g_param_spec_uint ("n-failures", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RETRY_AFTER] =
    g_param_spec_int64 ("retry-after", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_LAST_ERROR] =
    g_param_spec_boxed ("last-error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_LAST_UPDATE] =
    g_param_spec_int64 ("last-update", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_NEXT_POLL] =
    g_param_spec_int64 ("next-poll", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_N_SKIPPED] =
    g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_SKIP_PROBLEM] =
    g_param_spec_string ("skip-problem", NULL, NULL, NULL, ro);
  properties[PROP_EVENTS] =
    g_param_spec_object ("events", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPES] =
    g_param_spec_object ("types", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ANSWERED] =
    g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cw_event_feed_init (CwEventFeed *self)
{
  const ConvercEventTypeInfo *infos;
  guint n_types = 0;

  self->event_count = DEFAULT_EVENT_COUNT;
  self->refresh_interval = DEFAULT_REFRESH_INTERVAL;
  self->auto_refresh = TRUE;
  self->retry_after = -1;

  self->store = g_list_store_new (CONVERC_TYPE_EVENT);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->type_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->types = gtk_string_list_new (NULL);
  infos = converc_event_types_get (&n_types);
  for (guint i = 0; i < n_types; i++)
    remember_type (self, infos[i].name);
}

CwEventFeed *
cw_event_feed_new (void)
{
  return g_object_new (CW_TYPE_EVENT_FEED, NULL);
}

/**
 * cw_event_feed_new_with_monitor:
 * @monitor: the network monitor that says when the computer is offline
 *
 * For tests, which pretend to be offline.
 */
CwEventFeed *
cw_event_feed_new_with_monitor (GNetworkMonitor *monitor)
{
  g_return_val_if_fail (G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (CW_TYPE_EVENT_FEED, "network-monitor", monitor, NULL);
}

ConvercClient *
cw_event_feed_get_client (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), NULL);

  return self->client;
}

/**
 * cw_event_feed_set_client:
 * @client: (nullable): the API client, or %NULL when signed out
 *
 * Forgets the events of the previous client, and loads events with the new
 * one when the feed is active.
 */
void
cw_event_feed_set_client (CwEventFeed   *self,
                          ConvercClient *client)
{
  g_return_if_fail (CW_IS_EVENT_FEED (self));
  g_return_if_fail (!client || CONVERC_IS_CLIENT (client));

  if (self->client == client)
    return;

  cw_event_feed_clear (self);
  g_set_object (&self->client, client);

  if (self->client != NULL && self->active)
    start_load (self, TRUE);

  update_paused (self);
  notify (self, PROP_CLIENT);
}

const char *
cw_event_feed_get_event_type (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), NULL);

  return self->event_type;
}

/**
 * cw_event_feed_set_event_type:
 * @event_type: (nullable): a type such as "call.ended", or %NULL for all
 *
 * Asks the server for the most recent events of @event_type (a type not
 * seen yet joins "types").
 */
void
cw_event_feed_set_event_type (CwEventFeed *self,
                              const char  *event_type)
{
  g_return_if_fail (CW_IS_EVENT_FEED (self));

  if (event_type != NULL && event_type[0] == '\0')
    event_type = NULL;

  if (g_strcmp0 (self->event_type, event_type) == 0)
    return;

  g_free (self->event_type);
  self->event_type = g_strdup (event_type);
  remember_type (self, event_type);

  reload_if_started (self);
  notify (self, PROP_EVENT_TYPE);
}

guint
cw_event_feed_get_event_count (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), 0);

  return self->event_count;
}

void
cw_event_feed_set_event_count (CwEventFeed *self,
                               guint        event_count)
{
  g_return_if_fail (CW_IS_EVENT_FEED (self));

  event_count = CLAMP (event_count, 1, MAX_EVENT_COUNT);
  if (self->event_count == event_count)
    return;

  self->event_count = event_count;
  reload_if_started (self);
  notify (self, PROP_EVENT_COUNT);
}

gboolean
cw_event_feed_get_auto_refresh (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), FALSE);

  return self->auto_refresh;
}

void
cw_event_feed_set_auto_refresh (CwEventFeed *self,
                                gboolean     auto_refresh)
{
  g_return_if_fail (CW_IS_EVENT_FEED (self));

  auto_refresh = !!auto_refresh;
  if (self->auto_refresh == auto_refresh)
    return;

  self->auto_refresh = auto_refresh;
  update_paused (self);
  notify (self, PROP_AUTO_REFRESH);
}

guint
cw_event_feed_get_refresh_interval (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), 0);

  return self->refresh_interval;
}

/**
 * cw_event_feed_set_refresh_interval:
 * @seconds: seconds between automatic refreshes; 0 turns them off
 */
void
cw_event_feed_set_refresh_interval (CwEventFeed *self,
                                    guint        seconds)
{
  g_return_if_fail (CW_IS_EVENT_FEED (self));

  if (self->refresh_interval == seconds)
    return;

  self->refresh_interval = seconds;
  update_paused (self);
  notify (self, PROP_REFRESH_INTERVAL);
}

gboolean
cw_event_feed_get_active (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), FALSE);

  return self->active;
}

/**
 * cw_event_feed_set_active:
 * @active: whether someone looks at the events (the page is shown and its
 *   window is not minimized)
 *
 * The first time the feed is active it loads; auto-refresh pauses while it
 * is not.
 */
void
cw_event_feed_set_active (CwEventFeed *self,
                          gboolean     active)
{
  g_return_if_fail (CW_IS_EVENT_FEED (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;

  if (active && self->client != NULL && self->last_attempt == 0 && !self->loading)
    start_load (self, TRUE);

  update_paused (self);
  notify (self, PROP_ACTIVE);
}

gboolean
cw_event_feed_get_loading (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), FALSE);

  return self->loading;
}

/**
 * cw_event_feed_get_loaded:
 *
 * Returns: %TRUE once an answer came in (since the last clear)
 */
gboolean
cw_event_feed_get_loaded (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), FALSE);

  return self->loaded;
}

/**
 * cw_event_feed_get_paused:
 *
 * Returns: %TRUE when auto-refresh is on but waits, because the feed is
 *   not active or the computer is offline
 */
gboolean
cw_event_feed_get_paused (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), FALSE);

  return self->paused;
}

/**
 * cw_event_feed_get_offline:
 *
 * Returns: %TRUE when the network is down and the server is not on this
 *   computer
 */
gboolean
cw_event_feed_get_offline (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), FALSE);

  return self->offline;
}

guint
cw_event_feed_get_n_failures (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), 0);

  return self->n_failures;
}

/**
 * cw_event_feed_get_retry_after:
 *
 * Returns: the seconds the last 429 asked to wait, or -1
 */
gint64
cw_event_feed_get_retry_after (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), -1);

  return self->retry_after;
}

/**
 * cw_event_feed_get_last_error:
 *
 * Returns: (nullable): why the last load failed, or %NULL after a success
 */
const GError *
cw_event_feed_get_last_error (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), NULL);

  return self->last_error;
}

/**
 * cw_event_feed_get_last_update:
 *
 * Returns: the real time of the last answer, in µs, or 0
 */
gint64
cw_event_feed_get_last_update (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), 0);

  return self->last_update;
}

/**
 * cw_event_feed_get_next_poll:
 *
 * Returns: the monotonic time of the next automatic refresh, in µs, or 0
 *   when none is planned
 */
gint64
cw_event_feed_get_next_poll (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), 0);

  return self->next_poll;
}

/**
 * cw_event_feed_get_n_skipped:
 *
 * Returns: how many events of the last answer could not be read
 */
guint
cw_event_feed_get_n_skipped (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), 0);

  return self->n_skipped;
}

/**
 * cw_event_feed_get_skip_problem:
 *
 * Returns: (nullable): why the first unreadable event of the last answer
 *   could not be read
 */
const char *
cw_event_feed_get_skip_problem (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), NULL);

  return self->skip_problem;
}

/**
 * cw_event_feed_get_events:
 *
 * Returns: (transfer none): every loaded #ConvercEvent, in arrival order
 */
GListModel *
cw_event_feed_get_events (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), NULL);

  return G_LIST_MODEL (self->store);
}

/**
 * cw_event_feed_get_types:
 *
 * Returns: (transfer none): the documented event types, then the unknown
 *   types seen, as #GtkStringObjects
 */
GListModel *
cw_event_feed_get_types (CwEventFeed *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), NULL);

  return G_LIST_MODEL (self->types);
}

/**
 * cw_event_feed_lookup:
 *
 * Returns: (transfer none) (nullable): the loaded event with @event_id
 */
ConvercEvent *
cw_event_feed_lookup (CwEventFeed *self,
                      const char  *event_id)
{
  g_return_val_if_fail (CW_IS_EVENT_FEED (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  return g_hash_table_lookup (self->keys, event_id);
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
  start_load (self, FALSE);
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

  drop_pending (self);
  g_hash_table_remove_all (self->keys);
  g_list_store_remove_all (self->store);

  if (self->loaded)
    {
      self->loaded = FALSE;
      notify (self, PROP_LOADED);
    }
  if (self->last_update != 0)
    {
      self->last_update = 0;
      notify (self, PROP_LAST_UPDATE);
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
