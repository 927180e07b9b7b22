/* cw-event-feed-merge.c
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

/* The one concern of this file: how an answer joins the feed's events —
 * each event once (by id, else by its bytes), answers' bytes shared or
 * compacted, and long answers added in steps. */

#define G_LOG_DOMAIN "cw-event-feed"

#include "config.h"

#include <gtk/gtk.h>

#include "cw-event-feed-private.h"

/* Events added to the list in one main-loop iteration while a view builds
 * its first ROWS_CHUNKED rows */
#define FIRST_CHUNK   25
#define ROWS_CHUNKED  200

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

void
_cw_event_feed_remember_type (CwEventFeed *self,
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

      _cw_event_feed_remember_type (self, converc_event_get_event_type (event));
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

static gboolean
splice_pending_cb (gpointer user_data)
{
  CwEventFeed *self = user_data;

  g_assert (CW_IS_EVENT_FEED (self));

  if (splice_pending (self, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                      next_chunk_size (self)))
    return G_SOURCE_CONTINUE;

  self->pending_source = 0;
  _cw_event_feed_finish_load (self);

  return G_SOURCE_REMOVE;
}

/* Adds every pending event now (before another load starts). */
void
_cw_event_feed_flush_pending (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  g_clear_handle_id (&self->pending_source, g_source_remove);
  if (self->pending != NULL)
    splice_pending (self, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0, G_MAXUINT);
}

/* Forgets the pending events (the store is cleared). */
void
_cw_event_feed_drop_pending (CwEventFeed *self)
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
void
_cw_event_feed_add_events (CwEventFeed *self,
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
      /* At the priority of drawing, not below it: a frame and a step
       * take turns. Below it, frames that take longer than the frame
       * interval (a slow machine, the loading spinner turning) would
       * never let a step run, and the load would never end. */
      self->pending_source = g_idle_add_full (GDK_PRIORITY_REDRAW, splice_pending_cb, self, NULL);
      g_source_set_name_by_id (self->pending_source, "[cw] events adding");
    }
}

/* Lets every event of the list go (they are stored in the journal); the
 * types seen stay. */
void
_cw_event_feed_forget_events (CwEventFeed *self)
{
  g_assert (CW_IS_EVENT_FEED (self));

  _cw_event_feed_drop_pending (self);
  g_hash_table_remove_all (self->keys);
  g_list_store_remove_all (self->store);
}
