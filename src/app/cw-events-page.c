/* cw-events-page.c
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

#define G_LOG_DOMAIN "cw-events-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-events-page-private.h"
#include "cw-util.h"

G_DEFINE_FINAL_TYPE (CwEventsPage, cw_events_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_EVENT_TYPE,
  PROP_EVENT_COUNT,
  PROP_AUTO_REFRESH,
  PROP_REFRESH_INTERVAL,
  PROP_LOADING,
  PROP_PAUSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COLUMN_TIME,
  COLUMN_TYPE,
  COLUMN_SUMMARY,
  COLUMN_ID,
} Column;

#define DEFAULT_EVENT_COUNT       100
#define DEFAULT_REFRESH_INTERVAL  60
#define MIN_POLL_SECONDS          5
#define MAX_BACKOFF_SECONDS       900
#define MAX_RETRY_AFTER_SECONDS   3600
#define NARROW_WIDTH              760
/* Events added to the list in one main-loop iteration while the view
 * builds its first ROWS_CHUNKED rows */
#define FIRST_CHUNK               50
#define ROWS_CHUNKED              200

/* One list request and what it was for. */
typedef struct
{
  CwEventsPage *self;
  char         *event_type;
  guint         count;
  guint         replace : 1;
} Load;

static void
load_free (Load *load)
{
  g_clear_pointer (&load->event_type, g_free);
  g_free (load);
}

static void schedule_poll  (CwEventsPage *self);
static void update_view    (CwEventsPage *self);
static void set_loading    (CwEventsPage *self,
                            gboolean      loading);
static void start_load     (CwEventsPage *self,
                            gboolean      replace);

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
is_offline (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->network_monitor == NULL || self->client == NULL)
    return FALSE;

  /* The demo's emulator on loopback works without any network. */
  if (host_is_loopback (converc_client_get_base_url (self->client)))
    return FALSE;

  return !g_network_monitor_get_network_available (self->network_monitor);
}

static gboolean
is_hidden (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  return !gtk_widget_get_mapped (GTK_WIDGET (self)) || self->minimized;
}

static gboolean
auto_refresh_enabled (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  return self->auto_refresh && self->refresh_interval > 0 && self->client != NULL;
}

static char *
format_seconds_short (gint64 seconds)
{
  if (seconds < 60)
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%d min"), (int) ((seconds + 59) / 60));
  return g_strdup_printf (_("%d h"), (int) ((seconds + 3599) / 3600));
}

char *
_cw_events_page_format_time (ConvercEvent *event,
                             gint64        now_unix)
{
  g_autoptr(GDateTime) local = NULL;
  const char *raw;
  gint64 created;
  gint64 age;

  g_return_val_if_fail (CONVERC_IS_EVENT (event), NULL);

  raw = converc_event_get_created_at (event);
  created = converc_event_get_created_unix (event);

  /* Not a time we can read: show it as the server sent it. */
  if (created == G_MININT64)
    return g_strdup (raw != NULL && raw[0] != '\0' ? raw : "—");

  age = now_unix - created;
  if (age > -60 && age < 60)
    return g_strdup (_("just now"));
  if (age >= 60 && age < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago",
                                         (gulong) (age / 60)),
                            (int) (age / 60));
  if (age >= 3600 && age < 24 * 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h ago", "%d h ago",
                                         (gulong) (age / 3600)),
                            (int) (age / 3600));

  local = g_date_time_new_from_unix_local (created);
  if (local == NULL)
    return g_strdup (raw != NULL ? raw : "—");

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
format_exact_time (ConvercEvent *event)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *exact = NULL;
  const char *raw = converc_event_get_created_at (event);
  gint64 created = converc_event_get_created_unix (event);

  if (created == G_MININT64)
    {
      if (raw == NULL)
        return g_strdup (_("This event has no creation time"));
      return g_strdup_printf (_("Could not read this time; shown as sent: %s"), raw);
    }

  local = g_date_time_new_from_unix_local (created);
  if (local == NULL)
    return g_strdup (raw);

  exact = g_date_time_format (local, "%A %Y-%m-%d %H:%M:%S %Z");
  return g_strdup_printf ("%s\n%s", exact, raw != NULL ? raw : "");
}

static void
bind_time (GtkListItem *item,
           gint64       now_unix)
{
  ConvercEvent *event = cw_slot_unwrap (gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (!CONVERC_IS_EVENT (event) || !GTK_IS_INSCRIPTION (cell))
    return;

  text = _cw_events_page_format_time (event, now_unix);
  cw_cell_set_text (cell, text);
}

static gboolean
tick_cb (gpointer user_data)
{
  CwEventsPage *self = user_data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GHashTableIter iter;
  gpointer item;

  g_assert (CW_IS_EVENTS_PAGE (self));

  /* Only the rows on screen are bound: a few dozen labels. */
  g_hash_table_iter_init (&iter, self->bound_times);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    bind_time (item, now);

  return G_SOURCE_CONTINUE;
}

static gboolean
query_tooltip_cb (GtkWidget   *label,
                  int          x,
                  int          y,
                  gboolean     keyboard_mode,
                  GtkTooltip  *tooltip,
                  GtkListItem *item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "cw-column"));
  ConvercEvent *event = cw_slot_unwrap (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;

  if (!CONVERC_IS_EVENT (event))
    return FALSE;

  switch (column)
    {
    case COLUMN_TIME:
      text = format_exact_time (event);
      break;

    case COLUMN_TYPE:
      {
        const char *type = converc_event_get_event_type (event);
        const char *description = type != NULL ? converc_event_type_describe (type) : NULL;

        text = g_strdup (description != NULL ? _(description)
                                             : _("An event type this app does not know"));
      }
      break;

    case COLUMN_SUMMARY:
      text = converc_event_dup_summary (event);
      break;

    case COLUMN_ID:
      text = g_strdup (converc_event_get_id (event));
      break;

    default:
      g_assert_not_reached ();
    }

  if (text == NULL)
    return FALSE;

  /* Server text: plain text, never markup. */
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CwEventsPage             *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "cw-column"));
  /* The columns but Summary have fixed widths (the .ui file). */
  GtkWidget *label = cw_cell_new (column == COLUMN_SUMMARY ? 12 : 4,
                                  column == COLUMN_SUMMARY ? 32 : 12,
                                  column == COLUMN_ID ? GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE
                                                      : GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (column == COLUMN_ID)
    gtk_widget_add_css_class (label, "monospace");
  if (column == COLUMN_TIME)
    gtk_widget_add_css_class (label, "numeric");

  /* Tooltips are computed when asked for: gtk_widget_set_tooltip_text() in
   * bind would query the pointer from the X server for every row bound. */
  g_object_set_data (G_OBJECT (label), "cw-column", GINT_TO_POINTER (column));
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_tooltip_cb), item);

  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CwEventsPage             *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "cw-column"));
  ConvercEvent *event = cw_slot_unwrap (gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_list_item_get_child (item);

  if (!CONVERC_IS_EVENT (event))
    return;

  /* Only what the event already holds: no JSON is parsed here. Server text
   * always goes in as plain text, never as markup. */
  switch (column)
    {
    case COLUMN_TIME:
      bind_time (item, g_get_real_time () / G_USEC_PER_SEC);
      if (self->bound_times != NULL)
        g_hash_table_add (self->bound_times, item);
      break;

    case COLUMN_TYPE:
      {
        const char *type = converc_event_get_event_type (event);

        cw_cell_set_text (cell, type != NULL ? type : "—");
      }
      break;

    case COLUMN_SUMMARY:
      {
        g_autofree char *summary = converc_event_dup_summary (event);

        cw_cell_set_text (cell, summary);
      }
      break;

    case COLUMN_ID:
      {
        const char *id = converc_event_get_id (event);

        cw_cell_set_text (cell, id != NULL ? id : "—");
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
unbind_label_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CwEventsPage             *self)
{
  if (self->bound_times != NULL)
    g_hash_table_remove (self->bound_times, item);
}

static void
setup_column (CwEventsPage        *self,
              GtkColumnViewColumn *column,
              Column               which,
              GtkSorter           *sorter)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_assert (CW_IS_EVENTS_PAGE (self));

  g_object_set_data (G_OBJECT (factory), "cw-column", GINT_TO_POINTER (which));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_label_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_label_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_label_cb), self, 0);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
}

static char *
summary_for_sort (ConvercEvent *event)
{
  return CONVERC_IS_EVENT (event) ? converc_event_dup_summary (event) : NULL;
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
remember_type (CwEventsPage *self,
               const char   *type)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (type == NULL || type[0] == '\0' || g_hash_table_contains (self->type_names, type))
    return;

  g_hash_table_add (self->type_names, g_strdup (type));
  gtk_string_list_append (self->types, type);
}

/* Keeps the events not in the store yet (or all, when @replace), in the
 * order given, and remembers their keys and types.
 *
 * The events of an answer share its bytes (one slice each). When most of
 * the answer is dropped, as on a refresh that brings a few new events among
 * those already shown, the kept events get bytes of their own, so that the
 * whole answer is not kept alive for them. When most of it is kept, the
 * little that is dropped does not pay for copying the rest. This runs as
 * the events reach the main thread, before any other code reads them. */
static GPtrArray *
collect_new (CwEventsPage *self,
             GPtrArray    *events)
{
  GPtrArray *fresh = g_ptr_array_sized_new (events->len);
  gsize kept_bytes = 0;
  gsize all_bytes = 0;

  g_assert (CW_IS_EVENTS_PAGE (self));

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

static guint
find_position (GListModel *model,
               gpointer    item)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* GtkColumnView 4.8 has no scroll_to(): its inner list view has the action. */
static void
scroll_to (CwEventsPage *self,
           guint         position)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          return;
        }
    }
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = converc_event_get_created_unix (*(ConvercEvent **) a);
  gint64 y = converc_event_get_created_unix (*(ConvercEvent **) b);

  return x < y ? 1 : x > y ? -1 : 0;
}

/* How many pending events the next step adds: small steps while the list
 * view builds its rows (it keeps rows for up to 200 items), then all the
 * others, which only need sorting. */
static guint
next_chunk_size (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->pending_pos < ROWS_CHUNKED)
    return FIRST_CHUNK;

  return G_MAXUINT;
}

/* Adds the next pending events to the store. Returns TRUE when some are
 * still pending. */
static gboolean
splice_pending (CwEventsPage *self,
                guint        position,
                guint        n_removed,
                guint        max)
{
  guint n;

  g_assert (CW_IS_EVENTS_PAGE (self));
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
finish_load (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  set_loading (self, FALSE);
  schedule_poll (self);
  update_view (self);
}

static gboolean
splice_pending_cb (gpointer user_data)
{
  CwEventsPage *self = user_data;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (splice_pending (self, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                      next_chunk_size (self)))
    return G_SOURCE_CONTINUE;

  self->pending_source = 0;
  finish_load (self);

  return G_SOURCE_REMOVE;
}

/* Adds every pending event now (before another load starts). */
static void
flush_pending (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  g_clear_handle_id (&self->pending_source, g_source_remove);
  if (self->pending != NULL)
    splice_pending (self, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0, G_MAXUINT);
}

/* Forgets the pending events (the store is cleared). */
static void
drop_pending (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending_pos = 0;
}

/* Returns TRUE when some of the events are added later, from idle
 * callbacks: adding 10,000 events at once would make the view sort them
 * and build all its rows in one main-loop iteration. */
static gboolean
add_events (CwEventsPage *self,
            GPtrArray    *events,
            gboolean      replace)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(ConvercEvent) selected = NULL;
  guint n_items;

  g_assert (CW_IS_EVENTS_PAGE (self));
  g_assert (self->pending == NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (replace)
    {
      g_hash_table_remove_all (self->keys);
    }
  else
    {
      selected = gtk_single_selection_get_selected_item (self->selection);
      if (selected != NULL)
        g_object_ref (selected);
    }

  fresh = collect_new (self, events);
  if (fresh->len == 0 && !replace)
    return FALSE;

  /* Newest first, whatever order the server used: the first steps then
   * hold the rows at the top of the default order, and later steps go
   * below them. New events go at the end of the store; the sort model
   * puts them in place. */
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

  /* The selection model follows its item; make sure of it. */
  if (selected != NULL && gtk_single_selection_get_selected_item (self->selection) != (gpointer) selected)
    {
      guint position = find_position (G_LIST_MODEL (self->filter_model), selected);

      if (position != GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, position);
    }

  return self->pending != NULL;
}

static void
set_problem (CwEventsPage *self,
             const char   *problem)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (g_strcmp0 (problem, self->problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);

  if (problem != NULL)
    gtk_label_set_text (self->problem_label, problem);
  gtk_revealer_set_reveal_child (self->problem_revealer, problem != NULL);
}

static void
set_loading (CwEventsPage *self,
             gboolean      loading)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->busy_spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_status (CwEventsPage *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->client == NULL)
    {
      gtk_label_set_text (self->status_label, _("Not signed in"));
      return;
    }

  if (self->loading)
    g_ptr_array_add (parts, g_strdup (self->loaded ? _("Refreshing…") : _("Loading events…")));

  if (self->loaded)
    {
      guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
      guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));

      if (shown == total)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event",
                                                              "%u events", total),
                                                 total));
      else
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u of %u event shown",
                                                              "%u of %u events shown", total),
                                                 shown, total));
    }

  if (self->last_update != 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (self->last_update / G_USEC_PER_SEC);
      g_autofree char *clock = g_date_time_format (when, "%H:%M:%S");

      g_ptr_array_add (parts, g_strdup_printf (_("updated %s"), clock));
    }

  if (!auto_refresh_enabled (self))
    {
      if (self->auto_refresh && self->refresh_interval == 0)
        g_ptr_array_add (parts, g_strdup (_("auto-refresh is off in Preferences")));
    }
  else if (self->paused && is_offline (self))
    g_ptr_array_add (parts, g_strdup (_("auto-refresh paused: offline")));
  else if (self->paused && self->minimized)
    g_ptr_array_add (parts, g_strdup (_("auto-refresh paused while the window is minimized")));
  else if (self->paused)
    g_ptr_array_add (parts, g_strdup (_("auto-refresh paused while the events are hidden")));
  else if (self->n_failures > 0 && self->next_poll != 0)
    {
      gint64 wait = MAX (0, (self->next_poll - g_get_monotonic_time ()) / G_USEC_PER_SEC);
      g_autofree char *delay = format_seconds_short (wait);

      if (self->retry_after > 0)
        g_ptr_array_add (parts, g_strdup_printf (_("Converc asked to wait: next try in %s"), delay));
      else
        g_ptr_array_add (parts, g_strdup_printf (_("refresh failed: next try in %s"), delay));
    }
  else
    {
      g_autofree char *every = format_seconds_short (self->refresh_interval);

      g_ptr_array_add (parts, g_strdup_printf (_("auto-refresh every %s"), every));
    }

  g_ptr_array_add (parts, NULL);
  text = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_text (self->status_label, text);
}

static void
update_view (CwEventsPage *self)
{
  const char *page;
  guint total;
  guint shown;

  g_assert (CW_IS_EVENTS_PAGE (self));

  total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.refresh", self->client != NULL);

  if (self->client == NULL)
    page = "no-client";
  else if (total > 0)
    page = shown > 0 ? "list" : "no-match";
  else if (self->loading || !self->loaded)
    page = self->last_error != NULL && !self->loading ? "error" : "loading";
  else if (self->last_error != NULL)
    page = "error";
  else
    page = "empty";

  /* An empty result still shows the list when only the search hides rows. */
  gtk_stack_set_visible_child_name (self->list_stack, page);

  update_status (self);
}

static void
update_paused (CwEventsPage *self)
{
  gboolean paused;

  g_assert (CW_IS_EVENTS_PAGE (self));

  paused = auto_refresh_enabled (self) && (is_hidden (self) || is_offline (self));

  if (paused != self->paused)
    {
      self->paused = paused;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
    }

  schedule_poll (self);
  update_status (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  CwEventsPage *self = user_data;

  g_assert (CW_IS_EVENTS_PAGE (self));

  self->poll_source = 0;
  self->next_poll = 0;
  start_load (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
schedule_poll (CwEventsPage *self)
{
  gint64 delay;
  gint64 elapsed;

  g_assert (CW_IS_EVENTS_PAGE (self));

  g_clear_handle_id (&self->poll_source, g_source_remove);
  self->next_poll = 0;

  /* Polls follow a first attempt, even a failed one (with back-off). */
  if (!auto_refresh_enabled (self) || self->paused || self->loading || self->last_attempt == 0)
    return;

  delay = MAX (self->refresh_interval, MIN_POLL_SECONDS);

  /* Back off on errors: twice as long after each failure, up to 15 min,
   * and never sooner than the server's Retry-After. */
  if (self->n_failures > 0)
    delay = MIN (delay << MIN (self->n_failures, 8), MAX (delay, MAX_BACKOFF_SECONDS));
  if (self->retry_after > delay)
    delay = MIN (self->retry_after, MAX_RETRY_AFTER_SECONDS);

  elapsed = self->last_attempt != 0
            ? (g_get_monotonic_time () - self->last_attempt) / G_USEC_PER_SEC
            : 0;
  delay = MAX (0, delay - elapsed);

  self->next_poll = g_get_monotonic_time () + delay * G_USEC_PER_SEC;
  self->poll_source = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (delay * 1000),
                                          poll_cb, self, NULL);
  g_source_set_name_by_id (self->poll_source, "[cw] events poll");
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ConvercClient *client = CONVERC_CLIENT (object);
  Load *load = user_data;
  CwEventsPage *self;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_problem = NULL;
  guint n_skipped = 0;

  events = converc_client_list_events_finish (client, result, &n_skipped, &first_problem, &error);

  /* Cancelled: the page may be gone, do not touch it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_free (load);
      return;
    }

  self = load->self;
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (events == NULL)
    {
      g_autofree char *message = NULL;

      self->n_failures++;
      /* Only a 429 asks to wait; the client remembers its Retry-After. */
      if (g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_RATE_LIMITED))
        self->retry_after = converc_client_get_retry_after (client);
      else
        self->retry_after = -1;
      g_free (self->last_error);
      self->last_error = cw_error_describe (error, self->retry_after);

      gtk_label_set_text (self->error_label, self->last_error);
      message = g_strdup_printf (_("Could not refresh the events: %s"), self->last_error);
      if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
        set_problem (self, message);
      else
        set_problem (self, NULL);
    }
  else
    {
      self->n_failures = 0;
      self->retry_after = -1;
      g_clear_pointer (&self->last_error, g_free);

      add_events (self, events, load->replace);

      self->loaded = TRUE;
      g_free (self->loaded_type);
      self->loaded_type = g_strdup (load->event_type);
      self->loaded_count = load->count;
      self->last_update = g_get_real_time ();

      if (n_skipped > 0)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u event in the server’s answer could not be read and is not shown: %s",
                                                  "%u events in the server’s answer could not be read and are not shown. The first problem: %s",
                                                  n_skipped),
                                     n_skipped,
                                     first_problem != NULL ? first_problem : _("unknown problem"));
          set_problem (self, message);
        }
      else
        set_problem (self, NULL);
    }

  load_free (load);

  /* Still adding events: the load ends when the last are in. */
  if (self->pending == NULL)
    finish_load (self);
  else
    update_view (self);
}

static void
start_load (CwEventsPage *self,
            gboolean      replace)
{
  Load *load;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->client == NULL)
    {
      update_view (self);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* The previous answer's last events go in first. */
  flush_pending (self);

  g_clear_handle_id (&self->poll_source, g_source_remove);
  self->next_poll = 0;
  self->last_attempt = g_get_monotonic_time ();

  load = g_new0 (Load, 1);
  load->self = self;
  load->event_type = g_strdup (self->event_type);
  load->count = self->event_count;
  load->replace = replace || !self->loaded ||
                  g_strcmp0 (self->loaded_type, self->event_type) != 0 ||
                  self->loaded_count != self->event_count;

  set_loading (self, TRUE);
  update_view (self);

  converc_client_list_events_async (self->client, self->event_type, self->event_count,
                                    self->cancellable, load_cb, load);
}

static void
sync_type_dropdown (CwEventsPage *self)
{
  guint n;
  guint position = 0;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->event_type != NULL)
    {
      remember_type (self, self->event_type);
      n = g_list_model_get_n_items (G_LIST_MODEL (self->types));
      for (guint i = 1; i < n; i++)
        {
          if (g_strcmp0 (gtk_string_list_get_string (self->types, i), self->event_type) == 0)
            {
              position = i;
              break;
            }
        }
    }

  self->updating_controls = TRUE;
  gtk_drop_down_set_selected (self->type_dropdown, position);
  self->updating_controls = FALSE;
}

static void
surface_state_cb (CwEventsPage *self,
                  GParamSpec   *pspec,
                  GdkSurface   *surface)
{
  GdkToplevelState state;
  gboolean minimized;

  g_assert (CW_IS_EVENTS_PAGE (self));

  state = gdk_toplevel_get_state (GDK_TOPLEVEL (surface));
  minimized = (state & GDK_TOPLEVEL_STATE_MINIMIZED) != 0;
  if (minimized == self->minimized)
    return;

  self->minimized = minimized;
  update_paused (self);
}

static void
disconnect_surface (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->surface != NULL)
    {
      g_clear_signal_handler (&self->surface_state_handler, self->surface);
      g_clear_weak_pointer (&self->surface);
    }
  self->minimized = FALSE;
}

static gboolean
apply_count_cb (gpointer user_data)
{
  CwEventsPage *self = user_data;

  g_assert (CW_IS_EVENTS_PAGE (self));

  self->count_source = 0;
  cw_events_page_set_event_count (self, (guint) gtk_adjustment_get_value (self->count_adjustment));

  return G_SOURCE_REMOVE;
}

/* Template callbacks */

static void
search_changed_cb (CwEventsPage   *self,
                   GtkSearchEntry *entry)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->setting_search)
    return;

  cw_event_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (CwEventsPage   *self,
                GtkSearchEntry *entry)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  cw_event_filter_set_search (self->filter, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
type_selected_cb (CwEventsPage *self,
                  GParamSpec   *pspec,
                  GtkDropDown  *dropdown)
{
  guint position;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->updating_controls)
    return;

  position = gtk_drop_down_get_selected (dropdown);
  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    cw_events_page_set_event_type (self, NULL);
  else
    cw_events_page_set_event_type (self, gtk_string_list_get_string (self->types, position));
}

static void
count_changed_cb (CwEventsPage  *self,
                  GtkSpinButton *spin)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->updating_controls)
    return;

  /* Wait until the user stops typing or clicking before asking again. */
  g_clear_handle_id (&self->count_source, g_source_remove);
  self->count_source = g_timeout_add (700, apply_count_cb, self);
}

static void
dismiss_problem_cb (CwEventsPage *self,
                    GtkButton    *button)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  set_problem (self, NULL);
}

static void
selection_changed_cb (CwEventsPage       *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  cw_event_detail_set_event (self->detail, gtk_single_selection_get_selected_item (selection));
}

static void
model_changed_cb (CwEventsPage *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  update_view (self);
}

static void
network_changed_cb (CwEventsPage    *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  update_paused (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  cw_events_page_refresh (CW_EVENTS_PAGE (widget));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  cw_events_page_focus_search (CW_EVENTS_PAGE (widget));
}

static void
cw_events_page_map (GtkWidget *widget)
{
  CwEventsPage *self = CW_EVENTS_PAGE (widget);
  GtkNative *native;

  GTK_WIDGET_CLASS (cw_events_page_parent_class)->map (widget);

  disconnect_surface (self);
  native = gtk_widget_get_native (widget);
  if (native != NULL && GDK_IS_TOPLEVEL (gtk_native_get_surface (native)))
    {
      g_set_weak_pointer (&self->surface, gtk_native_get_surface (native));
      self->surface_state_handler =
        g_signal_connect_object (self->surface, "notify::state",
                                 G_CALLBACK (surface_state_cb), self, G_CONNECT_SWAPPED);
      surface_state_cb (self, NULL, self->surface);
    }

  /* First time shown: load. */
  if (self->client != NULL && self->last_attempt == 0 && !self->loading)
    start_load (self, TRUE);

  update_paused (self);
}

static void
cw_events_page_unmap (GtkWidget *widget)
{
  CwEventsPage *self = CW_EVENTS_PAGE (widget);

  disconnect_surface (self);

  GTK_WIDGET_CLASS (cw_events_page_parent_class)->unmap (widget);

  update_paused (self);
}

/* The page lays out its one child itself (instead of AdwBin's layout
 * manager) to see its width: the detail pane goes below the list when the
 * page is narrow. AdwBreakpoint is newer than our libadwaita. */
static void
cw_events_page_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  CwEventsPage *self = CW_EVENTS_PAGE (widget);

  cw_adaptive_paned_measure (adw_bin_get_child (ADW_BIN (widget)), self->paned,
                             orientation, for_size, minimum, natural,
                             minimum_baseline, natural_baseline);
}

static void
cw_events_page_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CwEventsPage *self = CW_EVENTS_PAGE (widget);

  cw_adaptive_paned_allocate (adw_bin_get_child (ADW_BIN (widget)), self->paned,
                              NARROW_WIDTH, width, height, baseline);
}

static void
cw_events_page_dispose (GObject *object)
{
  CwEventsPage *self = (CwEventsPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->count_source, g_source_remove);
  drop_pending (self);
  disconnect_surface (self);

  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_pointer (&self->bound_times, g_hash_table_unref);

  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_EVENTS_PAGE);

  g_clear_object (&self->slots);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->store);
  g_clear_object (&self->types);
  g_clear_object (&self->client);
  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network_monitor, self);
  g_clear_object (&self->network_monitor);

  G_OBJECT_CLASS (cw_events_page_parent_class)->dispose (object);
}

static void
cw_events_page_finalize (GObject *object)
{
  CwEventsPage *self = (CwEventsPage *)object;

  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->type_names, g_hash_table_unref);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->loaded_type, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (cw_events_page_parent_class)->finalize (object);
}

static void
cw_events_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CwEventsPage *self = CW_EVENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
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

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_events_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CwEventsPage *self = CW_EVENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      cw_events_page_set_client (self, g_value_get_object (value));
      break;

    case PROP_EVENT_TYPE:
      cw_events_page_set_event_type (self, g_value_get_string (value));
      break;

    case PROP_EVENT_COUNT:
      cw_events_page_set_event_count (self, g_value_get_uint (value));
      break;

    case PROP_AUTO_REFRESH:
      cw_events_page_set_auto_refresh (self, g_value_get_boolean (value));
      break;

    case PROP_REFRESH_INTERVAL:
      cw_events_page_set_refresh_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_events_page_class_init (CwEventsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_events_page_dispose;
  object_class->finalize = cw_events_page_finalize;
  object_class->get_property = cw_events_page_get_property;
  object_class->set_property = cw_events_page_set_property;

  widget_class->map = cw_events_page_map;
  widget_class->unmap = cw_events_page_unmap;
  widget_class->measure = cw_events_page_measure;
  widget_class->size_allocate = cw_events_page_size_allocate;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CONVERC_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EVENT_TYPE] =
    g_param_spec_string ("event-type", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EVENT_COUNT] =
    g_param_spec_uint ("event-count", NULL, NULL, 1, 100000, DEFAULT_EVENT_COUNT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUTO_REFRESH] =
    g_param_spec_boolean ("auto-refresh", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 0, 24 * 3600, DEFAULT_REFRESH_INTERVAL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CW_TYPE_EVENT_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-events-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, auto_refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, count_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, count_spin);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, detail);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, id_column);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, summary_column);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, time_column);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, type_column);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, type_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, count_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_selected_cb);

  gtk_widget_class_install_action (widget_class, "events.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "events.find", NULL, find_action);
}

static void
cw_events_page_init (CwEventsPage *self)
{
  const ConvercEventTypeInfo *infos;
  guint n_types = 0;
  GtkSorter *sorter;

  self->event_count = DEFAULT_EVENT_COUNT;
  self->refresh_interval = DEFAULT_REFRESH_INTERVAL;
  self->auto_refresh = TRUE;
  self->retry_after = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->type_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bound_times = g_hash_table_new (NULL, NULL);

  /* The type filter: all, the documented types, then any others seen. */
  self->types = gtk_string_list_new (NULL);
  gtk_string_list_append (self->types, _("All types"));
  infos = converc_event_types_get (&n_types);
  for (guint i = 0; i < n_types; i++)
    remember_type (self, infos[i].name);
  self->updating_controls = TRUE;
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (self->types));
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  self->updating_controls = FALSE;

  /* store → sort (column view's sorter) → filter (type, search) → selection */
  self->store = g_list_store_new (CONVERC_TYPE_EVENT);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = cw_event_filter_new ();
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* The view shows the events through slots so that it keeps its row
   * widgets when a search changes which events are shown. */
  self->slots = cw_slot_model_new (GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->slots));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);

  sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (CONVERC_TYPE_EVENT, NULL, "created-unix")));
  setup_column (self, self->time_column, COLUMN_TIME, sorter);
  sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (CONVERC_TYPE_EVENT, NULL, "event-type")));
  setup_column (self, self->type_column, COLUMN_TYPE, sorter);
  sorter = GTK_SORTER (gtk_string_sorter_new (gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                                           G_CALLBACK (summary_for_sort),
                                                                           NULL, NULL)));
  setup_column (self, self->summary_column, COLUMN_SUMMARY, sorter);
  sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (CONVERC_TYPE_EVENT, NULL, "id")));
  setup_column (self, self->id_column, COLUMN_ID, sorter);

  /* Newest first. */
  gtk_column_view_sort_by_column (self->column_view, self->time_column, GTK_SORT_DESCENDING);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  self->updating_controls = TRUE;
  gtk_adjustment_set_value (self->count_adjustment, self->event_count);
  self->updating_controls = FALSE;

  g_object_bind_property (self, "auto-refresh", self->auto_refresh_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->network_monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network_monitor, "network-changed",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);

  self->tick_source = g_timeout_add_seconds (30, tick_cb, self);
  g_source_set_name_by_id (self->tick_source, "[cw] events relative times");

  update_view (self);
}

CwEventsPage *
cw_events_page_new (void)
{
  return g_object_new (CW_TYPE_EVENTS_PAGE, NULL);
}

ConvercClient *
cw_events_page_get_client (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), NULL);

  return self->client;
}

/**
 * cw_events_page_set_client:
 * @client: (nullable): the API client, or %NULL when signed out
 *
 * Forgets the events of the previous client, and loads events with the new
 * one when the page is shown.
 */
void
cw_events_page_set_client (CwEventsPage  *self,
                           ConvercClient *client)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));
  g_return_if_fail (!client || CONVERC_IS_CLIENT (client));

  if (self->client == client)
    return;

  cw_events_page_clear (self);
  g_set_object (&self->client, client);

  if (self->client != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_load (self, TRUE);

  update_paused (self);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

const char *
cw_events_page_get_event_type (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), NULL);

  return self->event_type;
}

/**
 * cw_events_page_set_event_type:
 * @event_type: (nullable): a type such as "call.ended", or %NULL for all
 *
 * Shows only events of @event_type and asks the server for the most recent
 * ones of that type.
 */
void
cw_events_page_set_event_type (CwEventsPage *self,
                               const char   *event_type)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));

  if (event_type != NULL && event_type[0] == '\0')
    event_type = NULL;

  if (g_strcmp0 (self->event_type, event_type) == 0)
    return;

  g_free (self->event_type);
  self->event_type = g_strdup (event_type);

  /* The loaded events narrow at once; the server's answer follows. */
  cw_event_filter_set_event_type (self->filter, event_type);
  sync_type_dropdown (self);

  if (self->client != NULL && (self->loaded || self->loading))
    start_load (self, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_TYPE]);
}

guint
cw_events_page_get_event_count (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), 0);

  return self->event_count;
}

void
cw_events_page_set_event_count (CwEventsPage *self,
                                guint         event_count)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));

  event_count = CLAMP (event_count, 1, 100000);

  g_clear_handle_id (&self->count_source, g_source_remove);

  if (self->event_count == event_count)
    return;

  self->event_count = event_count;

  self->updating_controls = TRUE;
  gtk_adjustment_set_value (self->count_adjustment, event_count);
  self->updating_controls = FALSE;

  if (self->client != NULL && (self->loaded || self->loading))
    start_load (self, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_COUNT]);
}

gboolean
cw_events_page_get_auto_refresh (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), FALSE);

  return self->auto_refresh;
}

void
cw_events_page_set_auto_refresh (CwEventsPage *self,
                                 gboolean      auto_refresh)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));

  auto_refresh = !!auto_refresh;
  if (self->auto_refresh == auto_refresh)
    return;

  self->auto_refresh = auto_refresh;
  update_paused (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_REFRESH]);
}

guint
cw_events_page_get_refresh_interval (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), 0);

  return self->refresh_interval;
}

/**
 * cw_events_page_set_refresh_interval:
 * @seconds: seconds between automatic refreshes; 0 turns them off
 */
void
cw_events_page_set_refresh_interval (CwEventsPage *self,
                                     guint         seconds)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));

  if (self->refresh_interval == seconds)
    return;

  self->refresh_interval = seconds;
  gtk_widget_set_sensitive (GTK_WIDGET (self->auto_refresh_button), seconds > 0);
  update_paused (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESH_INTERVAL]);
}

gboolean
cw_events_page_get_loading (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), FALSE);

  return self->loading;
}

/**
 * cw_events_page_get_paused:
 *
 * Returns: %TRUE when auto-refresh is on but waits, because the window is
 *   hidden or minimized, or because the computer is offline
 */
gboolean
cw_events_page_get_paused (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), FALSE);

  return self->paused;
}

/**
 * cw_events_page_refresh:
 *
 * Fetches the recent events now. Events already shown stay, new ones are
 * added: the selection and the scroll position are kept.
 */
void
cw_events_page_refresh (CwEventsPage *self)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));

  if (self->client == NULL)
    return;

  /* A manual refresh is a fresh start for the back-off. */
  self->n_failures = 0;
  self->retry_after = -1;
  start_load (self, FALSE);
}

/**
 * cw_events_page_clear:
 *
 * Forgets every loaded event (for example after signing out).
 */
void
cw_events_page_clear (CwEventsPage *self)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->poll_source, g_source_remove);

  drop_pending (self);
  g_hash_table_remove_all (self->keys);
  g_list_store_remove_all (self->store);

  self->loaded = FALSE;
  self->n_failures = 0;
  self->retry_after = -1;
  self->last_update = 0;
  self->last_attempt = 0;
  self->next_poll = 0;
  g_clear_pointer (&self->loaded_type, g_free);
  g_clear_pointer (&self->last_error, g_free);
  set_problem (self, NULL);
  set_loading (self, FALSE);
  update_view (self);
}

void
cw_events_page_focus_search (CwEventsPage *self)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * cw_events_page_set_search_text:
 *
 * Types @text into the search entry and applies it at once.
 */
void
cw_events_page_set_search_text (CwEventsPage *self,
                                const char   *text)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));

  /* Replacing the entry's text deletes it first, and the entry reports an
   * empty search at once: that would show every event again, then filter
   * them for @text. Apply @text alone. */
  self->setting_search = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  self->setting_search = FALSE;
  cw_event_filter_set_search (self->filter, text);
}

GListModel *
cw_events_page_get_model (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

GListModel *
cw_events_page_get_types (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->types);
}

ConvercEvent *
cw_events_page_get_selected (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

/**
 * cw_events_page_select_id:
 *
 * Selects the shown event with @event_id and scrolls to it.
 *
 * Returns: %TRUE when such an event is shown
 */
gboolean
cw_events_page_select_id (CwEventsPage *self,
                          const char   *event_id)
{
  ConvercEvent *event;
  guint position;

  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  event = g_hash_table_lookup (self->keys, event_id);
  if (event == NULL)
    return FALSE;

  position = find_position (G_LIST_MODEL (self->filter_model), event);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  scroll_to (self, position);

  return TRUE;
}

const char *
_cw_events_page_get_status (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), NULL);

  return gtk_label_get_text (self->status_label);
}

const char *
_cw_events_page_get_problem (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), NULL);

  return self->problem;
}
