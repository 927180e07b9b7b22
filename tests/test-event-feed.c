/* test-event-feed.c
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

/* CwEventFeed against the emulator over loopback, with no display: loading,
 * merging, compaction, back-off, Retry-After, pausing and steps. */

#define G_LOG_DOMAIN "test-event-feed"

#include "config.h"

#include <gtk/gtk.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-event-private.h"
#include "cw-event-feed.h"
#include "cw-event-feed-private.h"
#include "cw-test-utils.h"

/* A network monitor whose answer the test sets. */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_monitor_iface_init))

enum { MON_PROP_0, MON_PROP_AVAILABLE, MON_PROP_METERED, MON_PROP_CONNECTIVITY };

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MON_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MON_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MON_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MON_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MON_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MON_PROP_CONNECTIVITY, "connectivity");
}

static gboolean
test_monitor_initable_init_fn (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init_fn;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

typedef struct
{
  ConvercEmulator *emulator;
  ConvercClient   *client;
  CwEventFeed     *feed;
  guint            n_answers;
} Fixture;

static void
answered_cb (CwEventFeed *feed,
             Fixture     *f)
{
  f->n_answers++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->emulator = converc_emulator_new (NULL);
  g_assert_true (converc_emulator_start (f->emulator, 0, &error));
  g_assert_no_error (error);
  converc_emulator_seed (f->emulator, 40, 11);
  f->client = converc_client_new (converc_emulator_get_base_url (f->emulator),
                                  converc_emulator_get_api_key (f->emulator));
  f->feed = cw_event_feed_new ();
  /* Auto-refresh is tested on its own; elsewhere every load is explicit. */
  cw_event_feed_set_auto_refresh (f->feed, FALSE);
  g_signal_connect (f->feed, "answered", G_CALLBACK (answered_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->feed);
  g_clear_object (&f->client);
  converc_emulator_stop (f->emulator);
  g_clear_object (&f->emulator);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_idle (Fixture *f)
{
  WAIT_FOR (!cw_event_feed_get_loading (f->feed));
}

/* Signs in and shows the events: the first load. */
static void
start (Fixture *f)
{
  guint answers = f->n_answers;

  cw_event_feed_set_client (f->feed, f->client);
  cw_event_feed_set_active (f->feed, TRUE);
  g_assert_true (cw_event_feed_get_loading (f->feed));
  WAIT_FOR (f->n_answers > answers);
  wait_idle (f);
}

static void
refresh (Fixture *f)
{
  guint answers = f->n_answers;

  cw_event_feed_refresh (f->feed);
  g_assert_true (cw_event_feed_get_loading (f->feed));
  WAIT_FOR (f->n_answers > answers);
  wait_idle (f);
}

static ConvercEvent *
event_at (Fixture *f,
          guint    i)
{
  g_autoptr(ConvercEvent) event = g_list_model_get_item (cw_event_feed_get_events (f->feed), i);

  return event;   /* still owned by the store */
}

static guint
n_events (Fixture *f)
{
  return g_list_model_get_n_items (cw_event_feed_get_events (f->feed));
}

static gboolean
has_type (Fixture    *f,
          const char *type)
{
  GListModel *types = cw_event_feed_get_types (f->feed);

  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (types, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), type) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  /* Nothing happens before someone looks. */
  cw_event_feed_set_client (f->feed, f->client);
  g_assert_false (cw_event_feed_get_loading (f->feed));
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, 0);
  g_assert_true (has_type (f, "call.ended"));
  g_assert_true (has_type (f, "webhook.test"));

  start (f);
  g_assert_true (cw_event_feed_get_loaded (f->feed));
  g_assert_cmpuint (n_events (f), ==, 40);
  g_assert_null (cw_event_feed_get_last_error (f->feed));
  g_assert_cmpuint (cw_event_feed_get_n_failures (f->feed), ==, 0);
  g_assert_cmpint (cw_event_feed_get_last_update (f->feed), >, 0);
  g_assert_cmpuint (cw_event_feed_get_n_skipped (f->feed), ==, 0);

  /* Each event can be found by its id. */
  for (guint i = 0; i < n_events (f); i++)
    g_assert_true (cw_event_feed_lookup (f->feed, converc_event_get_id (event_at (f, i))) ==
                   event_at (f, i));
  g_assert_null (cw_event_feed_lookup (f->feed, "evt_no_such_event"));

  /* Shown again later: no second load. */
  cw_event_feed_set_active (f->feed, FALSE);
  cw_event_feed_set_active (f->feed, TRUE);
  g_assert_false (cw_event_feed_get_loading (f->feed));
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, 1);
}

static void
test_count_and_type (Fixture       *f,
                     gconstpointer  data)
{
  guint n_requests;

  cw_event_feed_set_event_count (f->feed, 7);
  start (f);
  g_assert_cmpuint (n_events (f), ==, 7);

  /* A new count asks again and replaces the list. */
  n_requests = converc_emulator_get_n_requests (f->emulator);
  cw_event_feed_set_event_count (f->feed, 12);
  g_assert_true (cw_event_feed_get_loading (f->feed));
  wait_idle (f);
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, n_requests + 1);
  g_assert_cmpuint (n_events (f), ==, 12);

  /* A type asks the server for that type only. */
  cw_event_feed_set_event_type (f->feed, "call.ended");
  g_assert_true (cw_event_feed_get_loading (f->feed));
  wait_idle (f);
  g_assert_cmpuint (n_events (f), >, 0);
  for (guint i = 0; i < n_events (f); i++)
    g_assert_cmpstr (converc_event_get_event_type (event_at (f, i)), ==, "call.ended");

  /* "" is every type. */
  cw_event_feed_set_event_type (f->feed, "");
  g_assert_null (cw_event_feed_get_event_type (f->feed));
  wait_idle (f);
  g_assert_cmpuint (n_events (f), ==, 12);

  /* Out of range counts are clamped. */
  cw_event_feed_set_event_count (f->feed, 0);
  g_assert_cmpuint (cw_event_feed_get_event_count (f->feed), ==, 1);
  wait_idle (f);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 previous = G_MAXINT64;

  start (f);
  for (guint i = 0; i < n_events (f); i++)
    g_ptr_array_add (before, g_object_ref (event_at (f, i)));

  /* Nothing new: nothing changes, the very same objects stay. */
  refresh (f);
  g_assert_cmpuint (n_events (f), ==, 40);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (event_at (f, i) == g_ptr_array_index (before, i));

  /* New events join at the end, newest first among themselves. */
  converc_emulator_generate_events (f->emulator, 4, 99);
  refresh (f);
  g_assert_cmpuint (n_events (f), ==, 44);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (event_at (f, i) == g_ptr_array_index (before, i));
  for (guint i = 40; i < 44; i++)
    {
      gint64 created = converc_event_get_created_unix (event_at (f, i));

      g_assert_cmpint (created, <=, previous);
      previous = created;
    }

  /* Each id once, whatever the server repeats. */
  {
    g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < n_events (f); i++)
      g_assert_true (g_hash_table_add (ids, (gpointer) converc_event_get_id (event_at (f, i))));
  }
}

/* The events of an answer share its bytes. A refresh that brings a few new
 * events among those already loaded gives the new ones bytes of their own,
 * so the rest of its answer is not kept for them; one that is mostly new
 * events copies nothing. */
static void
test_compaction (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) before = g_hash_table_new (NULL, NULL);
  guint n_new = 0;

  start (f);
  for (guint i = 0; i < n_events (f); i++)
    {
      g_assert_true (converc_event_raw_is_slice (event_at (f, i)));
      g_hash_table_add (before, event_at (f, i));
    }

  /* 3 new events in an answer of 43 */
  converc_emulator_generate_events (f->emulator, 3, 5);
  refresh (f);
  g_assert_cmpuint (n_events (f), ==, 43);
  for (guint i = 0; i < n_events (f); i++)
    {
      ConvercEvent *event = event_at (f, i);
      GBytes *raw = converc_event_get_raw (event);
      const char *bytes = g_bytes_get_data (raw, NULL);

      if (g_hash_table_contains (before, event))
        {
          g_assert_true (converc_event_raw_is_slice (event));
          continue;
        }

      /* Its own bytes, still the element's exactly */
      n_new++;
      g_assert_false (converc_event_raw_is_slice (event));
      g_assert_cmpint (bytes[0], ==, '{');
      g_assert_cmpint (bytes[g_bytes_get_size (raw) - 1], ==, '}');
    }
  g_assert_cmpuint (n_new, ==, 3);

  /* 80 new events in an answer of 100 (the count): they share it */
  converc_emulator_generate_events (f->emulator, 80, 6);
  refresh (f);
  g_assert_cmpuint (n_events (f), ==, 43 + 80);
  n_new = 0;
  for (guint i = 0; i < n_events (f); i++)
    {
      ConvercEvent *event = event_at (f, i);

      if (!g_hash_table_contains (before, event) && converc_event_raw_is_slice (event))
        n_new++;
    }
  g_assert_cmpuint (n_new, ==, 80);
}

static void
test_unknown_and_malformed (Fixture       *f,
                            gconstpointer  data)
{
  converc_emulator_add_raw_event (f->emulator,
                                  "{\"id\":\"evt_unknown_1\",\"type\":\"call.event\","
                                  "\"createdAt\":\"2024-01-01T00: 00: 0002\",\"data\":{}}");
  converc_emulator_add_raw_event (f->emulator, "42");
  g_assert_false (has_type (f, "call.event"));

  start (f);

  /* Kept and offered, never rejected. */
  g_assert_nonnull (cw_event_feed_lookup (f->feed, "evt_unknown_1"));
  g_assert_true (has_type (f, "call.event"));
  g_assert_cmpuint (n_events (f), ==, 41);

  /* The unreadable one is counted, with why. */
  g_assert_cmpuint (cw_event_feed_get_n_skipped (f->feed), ==, 1);
  g_assert_nonnull (cw_event_feed_get_skip_problem (f->feed));
  g_test_message ("skipped: %s", cw_event_feed_get_skip_problem (f->feed));

  cw_event_feed_set_event_type (f->feed, "call.event");
  wait_idle (f);
  g_assert_cmpuint (n_events (f), >=, 1);
  for (guint i = 0; i < n_events (f); i++)
    g_assert_cmpstr (converc_event_get_event_type (event_at (f, i)), ==, "call.event");
  g_assert_nonnull (cw_event_feed_lookup (f->feed, "evt_unknown_1"));
}

static gint64
seconds_to_poll (Fixture *f)
{
  g_assert_cmpint (cw_event_feed_get_next_poll (f->feed), !=, 0);

  return (cw_event_feed_get_next_poll (f->feed) - g_get_monotonic_time ()) / G_USEC_PER_SEC;
}

static void
test_errors_and_back_off (Fixture       *f,
                          gconstpointer  data)
{
  gint64 wait;

  /* First load fails: why is kept, nothing is loaded. */
  converc_emulator_set_forced_status (f->emulator, 500, NULL);
  start (f);
  g_assert_false (cw_event_feed_get_loaded (f->feed));
  g_assert_nonnull (cw_event_feed_get_last_error (f->feed));
  g_assert_cmpuint (cw_event_feed_get_n_failures (f->feed), ==, 1);
  g_assert_cmpuint (n_events (f), ==, 0);

  /* It works again. */
  converc_emulator_reset_knobs (f->emulator);
  refresh (f);
  g_assert_null (cw_event_feed_get_last_error (f->feed));
  g_assert_cmpuint (cw_event_feed_get_n_failures (f->feed), ==, 0);
  g_assert_cmpuint (n_events (f), ==, 40);

  /* Rate limited: the events stay, and the next poll waits at least as
   * long as Retry-After asks. */
  cw_event_feed_set_refresh_interval (f->feed, 10);
  cw_event_feed_set_auto_refresh (f->feed, TRUE);
  g_assert_cmpint (seconds_to_poll (f), <=, 10);
  converc_emulator_set_rate_limited (f->emulator, TRUE, "120");
  refresh (f);
  g_assert_cmpuint (n_events (f), ==, 40);
  g_assert_true (g_error_matches (cw_event_feed_get_last_error (f->feed),
                                  CONVERC_ERROR, CONVERC_ERROR_RATE_LIMITED));
  g_assert_cmpint (cw_event_feed_get_retry_after (f->feed), ==, 120);
  wait = seconds_to_poll (f);
  g_assert_cmpint (wait, >, 110);
  g_assert_cmpint (wait, <=, 120);

  /* An absurd Retry-After is capped at an hour. */
  converc_emulator_set_rate_limited (f->emulator, TRUE, "999999");
  refresh (f);
  wait = seconds_to_poll (f);
  g_assert_cmpint (wait, >, 3500);
  g_assert_cmpint (wait, <=, 3600);

  /* Back-off without Retry-After: twice the interval after one failure,
   * four times after two; a manual refresh starts over. */
  converc_emulator_set_rate_limited (f->emulator, FALSE, NULL);
  converc_emulator_set_forced_status (f->emulator, 503, NULL);
  refresh (f);
  g_assert_cmpuint (cw_event_feed_get_n_failures (f->feed), ==, 1);
  g_assert_cmpint (cw_event_feed_get_retry_after (f->feed), ==, -1);
  wait = seconds_to_poll (f);
  g_assert_cmpint (wait, >, 15);
  g_assert_cmpint (wait, <=, 20);

  _cw_event_feed_poll_now (f->feed);
  g_assert_true (cw_event_feed_get_loading (f->feed));
  wait_idle (f);
  g_assert_cmpuint (cw_event_feed_get_n_failures (f->feed), ==, 2);
  wait = seconds_to_poll (f);
  g_assert_cmpint (wait, >, 35);
  g_assert_cmpint (wait, <=, 40);

  converc_emulator_reset_knobs (f->emulator);
  refresh (f);
  g_assert_cmpuint (cw_event_feed_get_n_failures (f->feed), ==, 0);
  g_assert_cmpint (seconds_to_poll (f), <=, 10);
  g_assert_cmpuint (n_events (f), ==, 40);
}

static void
test_auto_refresh (Fixture       *f,
                   gconstpointer  data)
{
  /* Shortest interval: a poll comes within 5 s and merges. */
  start (f);
  converc_emulator_generate_events (f->emulator, 3, 5);
  cw_event_feed_set_refresh_interval (f->feed, 1);
  cw_event_feed_set_auto_refresh (f->feed, TRUE);
  g_assert_true (cw_event_feed_auto_refresh_enabled (f->feed));
  g_assert_cmpint (seconds_to_poll (f), <=, 5);
  WAIT_FOR (n_events (f) == 43);

  /* Interval 0 is off. */
  cw_event_feed_set_refresh_interval (f->feed, 0);
  g_assert_false (cw_event_feed_auto_refresh_enabled (f->feed));
  g_assert_cmpint (cw_event_feed_get_next_poll (f->feed), ==, 0);
}

static void
test_paused (Fixture       *f,
             gconstpointer  data)
{
  cw_event_feed_set_refresh_interval (f->feed, 30);
  cw_event_feed_set_auto_refresh (f->feed, TRUE);
  start (f);
  g_assert_false (cw_event_feed_get_paused (f->feed));
  g_assert_cmpint (seconds_to_poll (f), <=, 30);

  /* Nobody looks: no polling. */
  cw_event_feed_set_active (f->feed, FALSE);
  g_assert_true (cw_event_feed_get_paused (f->feed));
  g_assert_cmpint (cw_event_feed_get_next_poll (f->feed), ==, 0);

  cw_event_feed_set_active (f->feed, TRUE);
  g_assert_false (cw_event_feed_get_paused (f->feed));
  g_assert_cmpint (seconds_to_poll (f), <=, 30);

  /* Auto-refresh off: not paused, just off. */
  cw_event_feed_set_auto_refresh (f->feed, FALSE);
  g_assert_false (cw_event_feed_get_paused (f->feed));
  g_assert_cmpint (cw_event_feed_get_next_poll (f->feed), ==, 0);
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(CwEventFeed) feed = NULL;
  g_autoptr(ConvercClient) remote = NULL;

  /* A server on this computer works without a network. */
  test_monitor_set_available (monitor, FALSE);
  feed = cw_event_feed_new_with_monitor (G_NETWORK_MONITOR (monitor));
  cw_event_feed_set_refresh_interval (feed, 30);
  cw_event_feed_set_client (feed, f->client);
  cw_event_feed_set_active (feed, TRUE);
  g_assert_false (cw_event_feed_get_offline (feed));
  g_assert_false (cw_event_feed_get_paused (feed));
  WAIT_FOR (!cw_event_feed_get_loading (feed));
  g_assert_cmpint (cw_event_feed_get_next_poll (feed), !=, 0);

  /* A remote one waits for the network. */
  remote = converc_client_new ("https://api.converc.invalid", "key");
  cw_event_feed_set_client (feed, remote);
  g_assert_true (cw_event_feed_get_offline (feed));
  g_assert_true (cw_event_feed_get_paused (feed));
  g_assert_cmpint (cw_event_feed_get_next_poll (feed), ==, 0);

  test_monitor_set_available (monitor, TRUE);
  g_assert_false (cw_event_feed_get_offline (feed));
  g_assert_false (cw_event_feed_get_paused (feed));

  test_monitor_set_available (monitor, FALSE);
  g_assert_true (cw_event_feed_get_paused (feed));

  /* Signing out cancels what was asked. */
  cw_event_feed_set_client (feed, NULL);
  g_assert_false (cw_event_feed_get_loading (feed));
  g_assert_false (cw_event_feed_get_offline (feed));
  g_assert_false (cw_event_feed_get_paused (feed));
}

/* A long answer is added in steps, so that the main loop keeps running;
 * the load ends only when every event is in, and a refresh in the middle
 * loses none of them. */
static void
test_steps (Fixture       *f,
            gconstpointer  data)
{
  guint n_all = 40 + 600;
  guint answers = f->n_answers;
  gint64 previous = G_MAXINT64;

  converc_emulator_generate_events (f->emulator, 600, 77);
  cw_event_feed_set_event_count (f->feed, 1000);
  cw_event_feed_set_client (f->feed, f->client);
  cw_event_feed_set_active (f->feed, TRUE);
  WAIT_FOR (f->n_answers > answers);

  /* Answered: the first step is in, the rest follows. */
  g_assert_true (cw_event_feed_get_loading (f->feed));
  g_assert_cmpuint (n_events (f), ==, 25);
  wait_idle (f);
  g_assert_cmpuint (n_events (f), ==, n_all);
  for (guint i = 0; i < n_all; i++)
    {
      gint64 created = converc_event_get_created_unix (event_at (f, i));

      g_assert_cmpint (created, <=, previous);
      previous = created;
    }

  /* Again from scratch; refresh while the first events are in. */
  cw_event_feed_clear (f->feed);
  g_assert_cmpuint (n_events (f), ==, 0);
  g_assert_false (cw_event_feed_get_loaded (f->feed));
  answers = f->n_answers;
  cw_event_feed_refresh (f->feed);
  WAIT_FOR (f->n_answers > answers);
  g_assert_cmpuint (n_events (f), <, n_all);
  cw_event_feed_refresh (f->feed);
  g_assert_cmpuint (n_events (f), ==, n_all);
  wait_idle (f);
  g_assert_cmpuint (n_events (f), ==, n_all);
}

static void
test_client_change_cancels (Fixture       *f,
                            gconstpointer  data)
{
  start (f);
  g_assert_cmpuint (n_events (f), ==, 40);

  /* A slow answer for the old client never lands in the new one's list. */
  converc_emulator_set_latency (f->emulator, 300);
  cw_event_feed_refresh (f->feed);
  g_assert_true (cw_event_feed_get_loading (f->feed));
  cw_event_feed_set_client (f->feed, NULL);
  g_assert_false (cw_event_feed_get_loading (f->feed));
  g_assert_false (cw_event_feed_get_loaded (f->feed));
  g_assert_cmpuint (n_events (f), ==, 0);

  {
    gint64 until = g_get_monotonic_time () + 600 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (n_events (f), ==, 0);
  g_assert_false (cw_event_feed_get_loading (f->feed));
}

static gint64
stored (ConvercJournal *journal)
{
  return converc_journal_count (journal, NULL, 0, NULL);
}

/* Every answer is stored in the journal; the first into an empty journal
 * fetches deeply, later ones the preference. */
static void
test_journal_fill (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();
  guint revision;

  cw_event_feed_set_journal (f->feed, journal);
  g_assert_true (cw_event_feed_get_journal (f->feed) == journal);
  cw_event_feed_set_event_count (f->feed, 7);

  revision = cw_event_feed_get_journal_revision (f->feed);
  start (f);
  /* With a journal the feed's list stays empty: the answer goes to the
   * journal, held only while it is stored. */
  g_assert_cmpuint (n_events (f), ==, 0);
  /* Deep: every one of the server's 40, though the preference is 7,
   * stored a part at a time as the answer is read (the first part at
   * once, the rest after it). */
  WAIT_FOR (cw_event_feed_get_journal_revision (f->feed) > revision);
  g_assert_cmpint (stored (journal), >=, 25);
  WAIT_FOR (!cw_event_feed_get_loading (f->feed) && stored (journal) == 40 &&
            _cw_event_feed_get_n_held (f->feed) == 0);
  g_assert_cmpint (stored (journal), ==, 40);
  g_assert_cmpuint (_cw_event_feed_get_n_held (f->feed), ==, 0);
  g_assert_null (cw_event_feed_get_journal_problem (f->feed));

  /* Later: the preference, overlapping what is stored. */
  converc_emulator_generate_events (f->emulator, 3, 5);
  revision = cw_event_feed_get_journal_revision (f->feed);
  refresh (f);
  g_assert_cmpuint (n_events (f), ==, 0);
  WAIT_FOR (cw_event_feed_get_journal_revision (f->feed) > revision);
  g_assert_cmpint (stored (journal), ==, 43);
  g_assert_cmpuint (_cw_event_feed_get_n_held (f->feed), ==, 0);

  /* Another, empty journal (another account): filled deeply at once. */
  {
    g_autoptr(ConvercJournal) other = converc_journal_new_in_memory ();

    converc_emulator_generate_events (f->emulator, 20, 6);
    revision = cw_event_feed_get_journal_revision (f->feed);
    cw_event_feed_set_journal (f->feed, other);
    /* One for the new journal, one (or more) as the deep answer's parts
     * are stored; then the feed holds none of it */
    WAIT_FOR (cw_event_feed_get_journal_revision (f->feed) > revision + 1 &&
              !cw_event_feed_get_loading (f->feed) &&
              _cw_event_feed_get_n_held (f->feed) == 0);
    g_assert_cmpint (stored (other), ==, 63);

    /* An answer all new (20 more than the 7 asked): events may be missing
     * between it and the stored ones, the next load goes deep. */
    for (guint i = 0; i < 20; i++)
      {
        g_autoptr(GDateTime) when = g_date_time_new_now_utc ();
        g_autofree char *created = g_date_time_format_iso8601 (when);
        g_autofree char *json =
          g_strdup_printf ("{\"id\":\"evt_newest_%u\",\"type\":\"call.ended\",\"createdAt\":\"%s\"}",
                           i, created);

        converc_emulator_add_raw_event (f->emulator, json);
      }
    revision = cw_event_feed_get_journal_revision (f->feed);
    refresh (f);
    WAIT_FOR (cw_event_feed_get_journal_revision (f->feed) > revision);
    g_assert_cmpint (stored (other), ==, 70);
    revision = cw_event_feed_get_journal_revision (f->feed);
    refresh (f);
    /* Deep: stored in parts, until the last is */
    WAIT_FOR (cw_event_feed_get_journal_revision (f->feed) > revision &&
              !cw_event_feed_get_loading (f->feed) && _cw_event_feed_get_n_held (f->feed) == 0);
    g_assert_cmpint (stored (other), ==, 83);
    cw_event_feed_set_journal (f->feed, NULL);
  }
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
count_revision_cb (CwEventFeed *feed,
                   GParamSpec  *pspec,
                   guint       *n_stores)
{
  (*n_stores)++;
}

/* The first sync stores and shows its events a part at a time as the
 * answer is read, not once the last byte is in; later polls come whole. */
static void
test_journal_first_sync_parts (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();
  guint n_stores = 0;

  converc_emulator_generate_events (f->emulator, 600, 11);
  cw_event_feed_set_journal (f->feed, journal);
  g_signal_connect (f->feed, "notify::journal-revision", G_CALLBACK (count_revision_cb),
                    &n_stores);

  start (f);
  WAIT_FOR (!cw_event_feed_get_loading (f->feed) && _cw_event_feed_get_n_held (f->feed) == 0);

  /* The parts stored what the whole answer stores (the generator's
   * events repeat an id now and then: stored once). */
  {
    g_autoptr(ConvercJournal) reference = converc_journal_new_in_memory ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) whole = NULL;
    g_autoptr(GError) error = NULL;

    converc_client_list_events_async (f->client, NULL, CW_EVENT_FEED_DEEP_COUNT, NULL,
                                      store_result_cb, &result);
    WAIT_FOR (result != NULL);
    whole = converc_client_list_events_finish (f->client, result, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (whole->len, ==, 640);
    g_assert_true (converc_journal_ingest (reference, whole, 0, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (stored (reference), >, 600);
    g_assert_cmpint (stored (journal), ==, stored (reference));
  }
  /* 640 events: a first part of 25 or a few more, then the rest, in
   * parts twice as large each time (at least two stores). */
  g_test_message ("the first sync was stored in %u parts", n_stores);
  g_assert_cmpuint (n_stores, >=, 2);
  g_assert_null (cw_event_feed_get_last_error (f->feed));
  g_assert_cmpuint (cw_event_feed_get_n_skipped (f->feed), ==, 0);

  /* A poll (the preference, 50) is read whole: one store. */
  converc_emulator_generate_events (f->emulator, 3, 12);
  n_stores = 0;
  {
    gint64 before = stored (journal);

    refresh (f);
    WAIT_FOR (_cw_event_feed_get_n_held (f->feed) == 0 && n_stores > 0);
    g_assert_cmpint (stored (journal), ==, before + 3);
  }
  g_assert_cmpuint (n_stores, ==, 1);

  g_signal_handlers_disconnect_by_func (f->feed, count_revision_cb, &n_stores);
  cw_event_feed_set_journal (f->feed, NULL);
}

/* A server with a maximum of `display` refuses the first sync's 10,000:
 * the feed is not stuck on an empty journal, asking 10,000 at every poll.
 * The client asks again for fewer, the history fills with what the
 * server gives, and polls are the preference's size after it. */
static void
test_journal_first_sync_refused (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();
  guint n_before;

  converc_emulator_seed (f->emulator, 800, 17);
  converc_emulator_set_max_display (f->emulator, 500);
  cw_event_feed_set_journal (f->feed, journal);
  g_assert_cmpuint (_cw_event_feed_count_for_load (f->feed), ==, CW_EVENT_FEED_DEEP_COUNT);

  n_before = converc_emulator_get_n_requests (f->emulator);
  start (f);
  WAIT_FOR (!cw_event_feed_get_loading (f->feed) && _cw_event_feed_get_n_held (f->feed) == 0);
  g_assert_null (cw_event_feed_get_last_error (f->feed));
  /* 10,000 refused, 1,000 refused, 500 answered */
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator) - n_before, ==, 3);
  g_assert_cmpuint (converc_client_get_display_limit (f->client), ==, 500);
  g_assert_cmpint (stored (journal), ==, 500);
  g_assert_cmpuint (_cw_event_feed_count_for_load (f->feed), ==,
                    cw_event_feed_get_event_count (f->feed));

  /* The next poll asks once, for the preference's size */
  n_before = converc_emulator_get_n_requests (f->emulator);
  refresh (f);
  WAIT_FOR (!cw_event_feed_get_loading (f->feed) && _cw_event_feed_get_n_held (f->feed) == 0);
  g_assert_null (cw_event_feed_get_last_error (f->feed));
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator) - n_before, ==, 1);

  cw_event_feed_set_journal (f->feed, NULL);
}

/* A first sync that breaks off keeps the parts it read, says why, and
 * the next load asks as deep again; once one is whole, polls are the
 * preference's size. */
static void
test_journal_first_sync_broken (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();
  gint64 kept;

  converc_emulator_generate_events (f->emulator, 600, 13);
  cw_event_feed_set_journal (f->feed, journal);
  /* Half the answer: its first ~320 events whole, then cut short. */
  converc_emulator_set_malformed (f->emulator, TRUE);
  start (f);
  WAIT_FOR (!cw_event_feed_get_loading (f->feed) && _cw_event_feed_get_n_held (f->feed) == 0);
  g_assert_nonnull (cw_event_feed_get_last_error (f->feed));
  g_assert_true (g_error_matches (cw_event_feed_get_last_error (f->feed), CONVERC_ERROR,
                                  CONVERC_ERROR_INVALID_RESPONSE));
  kept = stored (journal);
  g_test_message ("a broken first sync kept %" G_GINT64_FORMAT " events", kept);
  g_assert_cmpint (kept, >=, 25);
  g_assert_cmpint (kept, <, 640);
  g_assert_cmpuint (_cw_event_feed_count_for_load (f->feed), ==, CW_EVENT_FEED_DEEP_COUNT);

  converc_emulator_set_malformed (f->emulator, FALSE);
  refresh (f);
  WAIT_FOR (!cw_event_feed_get_loading (f->feed) && _cw_event_feed_get_n_held (f->feed) == 0);
  g_assert_null (cw_event_feed_get_last_error (f->feed));
  g_assert_cmpint (stored (journal), >, kept);
  g_assert_cmpuint (_cw_event_feed_count_for_load (f->feed), ==,
                    cw_event_feed_get_event_count (f->feed));

  cw_event_feed_set_journal (f->feed, NULL);
}

/* The journal of a scope opens off the main thread; a damaged one gives
 * one message and a journal in memory for the run. */
static void
test_journal_open (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = converc_journal_dup_path_for_scope ("test-feed-broken");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  ConvercJournal *journal;

  cw_event_feed_open_journal (f->feed, "test-feed-ok");
  g_assert_null (cw_event_feed_get_journal (f->feed));
  WAIT_FOR (cw_event_feed_get_journal (f->feed) != NULL);
  g_assert_nonnull (converc_journal_get_path (cw_event_feed_get_journal (f->feed)));
  g_assert_null (cw_event_feed_get_journal_problem (f->feed));

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "this is not a database, only words", -1, &error));
  g_assert_no_error (error);

  g_test_expect_message ("cw-event-feed", G_LOG_LEVEL_WARNING, "*could not be opened*");
  cw_event_feed_open_journal (f->feed, "test-feed-broken");
  g_assert_null (cw_event_feed_get_journal (f->feed));
  WAIT_FOR (cw_event_feed_get_journal (f->feed) != NULL);
  g_test_assert_expected_messages ();
  journal = cw_event_feed_get_journal (f->feed);
  g_assert_null (converc_journal_get_path (journal));
  g_assert_nonnull (cw_event_feed_get_journal_problem (f->feed));

  /* The events are still stored, in memory. */
  start (f);
  WAIT_FOR (stored (journal) == 40);

  /* The demo: in memory at once, no message. */
  cw_event_feed_open_journal (f->feed, NULL);
  g_assert_nonnull (cw_event_feed_get_journal (f->feed));
  g_assert_null (converc_journal_get_path (cw_event_feed_get_journal (f->feed)));
  g_assert_null (cw_event_feed_get_journal_problem (f->feed));
  WAIT_FOR (stored (cw_event_feed_get_journal (f->feed)) == 40);
  cw_event_feed_set_journal (f->feed, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cw/event-feed/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("load", test_load);
  ADD ("count-and-type", test_count_and_type);
  ADD ("merge", test_merge);
  ADD ("compaction", test_compaction);
  ADD ("unknown-and-malformed", test_unknown_and_malformed);
  ADD ("errors-and-back-off", test_errors_and_back_off);
  ADD ("auto-refresh", test_auto_refresh);
  ADD ("paused", test_paused);
  ADD ("offline", test_offline);
  ADD ("steps", test_steps);
  ADD ("client-change-cancels", test_client_change_cancels);
  ADD ("journal-fill", test_journal_fill);
  ADD ("journal-open", test_journal_open);
  ADD ("journal-first-sync-parts", test_journal_first_sync_parts);
  ADD ("journal-first-sync-broken", test_journal_first_sync_broken);
  ADD ("journal-first-sync-refused", test_journal_first_sync_refused);

#undef ADD

  return g_test_run ();
}
