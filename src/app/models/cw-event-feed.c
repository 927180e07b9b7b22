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

/* The one concern of this file: the event feed as an object — its
 * properties, signal and accessors. When it asks the server is in
 * cw-event-feed-loading.c, how answers join its events in
 * cw-event-feed-merge.c. No widget code. */

#define G_LOG_DOMAIN "cw-event-feed"

#include "config.h"

#include <gtk/gtk.h>

#include "cw-event-feed-private.h"

G_DEFINE_FINAL_TYPE (CwEventFeed, cw_event_feed, G_TYPE_OBJECT)

enum {
  ANSWERED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define DEFAULT_EVENT_COUNT       100
#define DEFAULT_REFRESH_INTERVAL  60
#define MAX_EVENT_COUNT           100000

void
_cw_event_feed_notify (CwEventFeed *self,
                       guint        prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
cw_event_feed_constructed (GObject *object)
{
  CwEventFeed *self = (CwEventFeed *)object;

  G_OBJECT_CLASS (cw_event_feed_parent_class)->constructed (object);

  if (self->network_monitor == NULL)
    self->network_monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network_monitor, "network-changed",
                           G_CALLBACK (_cw_event_feed_network_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
cw_event_feed_dispose (GObject *object)
{
  CwEventFeed *self = (CwEventFeed *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  _cw_event_feed_drop_pending (self);
  _cw_event_feed_dispose_journal (self);

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

    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    case PROP_JOURNAL_PROBLEM:
      g_value_set_string (value, self->journal_problem);
      break;

    case PROP_JOURNAL_REVISION:
      g_value_set_uint (value, self->journal_revision);
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

    case PROP_JOURNAL:
      cw_event_feed_set_journal (self, g_value_get_object (value));
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
  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, CONVERC_TYPE_JOURNAL, rw);
  properties[PROP_JOURNAL_PROBLEM] =
    g_param_spec_string ("journal-problem", NULL, NULL, NULL, ro);
  properties[PROP_JOURNAL_REVISION] =
    g_param_spec_uint ("journal-revision", NULL, NULL, 0, G_MAXUINT, 0, ro);

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
    _cw_event_feed_remember_type (self, infos[i].name);
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
    _cw_event_feed_start_load (self, TRUE);

  _cw_event_feed_update_paused (self);
  _cw_event_feed_notify (self, PROP_CLIENT);
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
  _cw_event_feed_remember_type (self, event_type);

  _cw_event_feed_reload_if_started (self);
  _cw_event_feed_notify (self, PROP_EVENT_TYPE);
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
  _cw_event_feed_reload_if_started (self);
  _cw_event_feed_notify (self, PROP_EVENT_COUNT);
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
  _cw_event_feed_update_paused (self);
  _cw_event_feed_notify (self, PROP_AUTO_REFRESH);
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
  _cw_event_feed_update_paused (self);
  _cw_event_feed_notify (self, PROP_REFRESH_INTERVAL);
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
    _cw_event_feed_start_load (self, TRUE);

  _cw_event_feed_update_paused (self);
  _cw_event_feed_notify (self, PROP_ACTIVE);
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

void
_cw_event_feed_emit_answered (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  g_signal_emit (self, signals[ANSWERED], 0);
}
