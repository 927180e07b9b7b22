/* cw-events-page-journal.c
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

/* The one concern of this file: the Events page on its feed's journal —
 * the list of stored events matching the search and type, the open event
 * kept across queries, and what the status line and the empty result say
 * about what was searched. */

#define G_LOG_DOMAIN "cw-events-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-events-page-private.h"

#include "cw-time-format.h"

gboolean
_cw_events_page_on_journal (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  return cw_journal_model_get_journal (self->journal_model) != NULL;
}

/* Before the selection learns of a new query: which event is open. */
static void
journal_changing_cb (CwEventsPage *self,
                     guint         position,
                     guint         removed,
                     guint         added,
                     GListModel   *model)
{
  ConvercEvent *event;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (!_cw_events_page_on_journal (self))
    return;

  event = gtk_single_selection_get_selected_item (self->selection);
  g_clear_pointer (&self->reselect_id, g_free);
  self->reselect_position = GTK_INVALID_LIST_POSITION;
  if (cw_journal_model_is_placeholder (event) && event != NULL)
    self->reselect_position = gtk_single_selection_get_selected (self->selection);
  else if (event != NULL)
    self->reselect_id = g_strdup (converc_event_get_id (event));
  self->reselecting = TRUE;
}

/* After it: the open event stays open when the new result holds it; Enter
 * typed before the result came opens its first event. */
static void
journal_changed_cb (CwEventsPage *self,
                    guint         position,
                    guint         removed,
                    guint         added,
                    GListModel   *model)
{
  guint found = GTK_INVALID_LIST_POSITION;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (!self->reselecting)
    return;
  self->reselecting = FALSE;

  /* Enter typed before this result: it opens its first event, if any. */
  if (self->open_first)
    {
      self->open_first = FALSE;
      g_clear_pointer (&self->reselect_id, g_free);
      if (g_list_model_get_n_items (model) > 0)
        {
          _cw_events_page_open_first (self);
          return;
        }
    }

  if (self->reselect_id != NULL)
    found = cw_journal_model_find_id (self->journal_model, self->reselect_id);
  else if (self->reselect_position >= position &&
           self->reselect_position < position + added && removed == added)
    found = self->reselect_position;   /* its page arrived */
  g_clear_pointer (&self->reselect_id, g_free);
  self->reselect_position = GTK_INVALID_LIST_POSITION;

  if (found != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, found);
  else
    cw_event_detail_set_event (self->detail,
                               gtk_single_selection_get_selected_item (self->selection));
}

static void
journal_notify_cb (CwEventsPage   *self,
                   GParamSpec     *pspec,
                   CwJournalModel *model)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  _cw_events_page_update (self);
}

static ConvercEvent *
probe_event (const char *type,
             const char *created_at)
{
  g_autofree char *json =
    g_strdup_printf ("{\"id\":\"probe\",\"type\":\"%s\",\"createdAt\":\"%s\"}",
                     type, created_at);
  gsize length = strlen (json);
  g_autoptr(GBytes) raw = g_bytes_new_take (g_steal_pointer (&json), length);

  return converc_parse_event (raw, NULL);
}

/* The journal's order for what the column view's sorter says. GTK 4.8
 * does not tell which column sorts, or which way: the sorter compares two
 * pairs of events that differ in time and type only, time the same way
 * round in both and type the other way round in the second, which tells
 * the four apart. Other columns (summary, id) keep newest first. */
static ConvercJournalOrder
order_for_sorter (GtkSorter *sorter)
{
  g_autoptr(ConvercEvent) a_old = probe_event ("a", "2020-01-01T00:00:00.000Z");
  g_autoptr(ConvercEvent) b_new = probe_event ("b", "2021-01-01T00:00:00.000Z");
  g_autoptr(ConvercEvent) a_new = probe_event ("a", "2021-01-01T00:00:00.000Z");
  g_autoptr(ConvercEvent) b_old = probe_event ("b", "2020-01-01T00:00:00.000Z");
  GtkOrdering first;
  GtkOrdering second;

  if (a_old == NULL || b_new == NULL || a_new == NULL || b_old == NULL)
    return CONVERC_JOURNAL_ORDER_NEWEST_FIRST;

  first = gtk_sorter_compare (sorter, a_old, b_new);
  second = gtk_sorter_compare (sorter, a_new, b_old);

  if (first == GTK_ORDERING_SMALLER && second == GTK_ORDERING_LARGER)
    return CONVERC_JOURNAL_ORDER_OLDEST_FIRST;
  if (first == GTK_ORDERING_SMALLER && second == GTK_ORDERING_SMALLER)
    return CONVERC_JOURNAL_ORDER_TYPE_ASCENDING;
  if (first == GTK_ORDERING_LARGER && second == GTK_ORDERING_LARGER)
    return CONVERC_JOURNAL_ORDER_TYPE_DESCENDING;

  return CONVERC_JOURNAL_ORDER_NEWEST_FIRST;
}

/* A column header was clicked: the journal is asked in that order. */
static void
sorter_changed_cb (CwEventsPage     *self,
                   GtkSorterChange   change,
                   GtkSorter        *sorter)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  cw_journal_model_set_order (self->journal_model, order_for_sorter (sorter));
}

void
_cw_events_page_init_journal (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  self->journal_model = cw_journal_model_new ();
  /* Connected before the selection follows the model: runs before it. */
  g_signal_connect_object (self->journal_model, "items-changed",
                           G_CALLBACK (journal_changing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->journal_model, "items-changed",
                           G_CALLBACK (journal_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->journal_model, "notify",
                           G_CALLBACK (journal_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  self->reselect_position = GTK_INVALID_LIST_POSITION;
}

/* The feed's journal changed, or its events did. */
void
_cw_events_page_follow_journal (CwEventsPage *self)
{
  ConvercJournal *journal;

  g_assert (CW_IS_EVENTS_PAGE (self));

  journal = self->feed != NULL ? cw_event_feed_get_journal (self->feed) : NULL;

  if (journal == cw_journal_model_get_journal (self->journal_model))
    {
      if (journal != NULL)
        cw_journal_model_reload (self->journal_model);
      return;
    }

  if (journal != NULL)
    {
      /* The type narrows the stored events; the server is asked for all. */
      if (self->feed != NULL && cw_event_feed_get_event_type (self->feed) != NULL)
        {
          g_free (self->event_type);
          self->event_type = g_strdup (cw_event_feed_get_event_type (self->feed));
          cw_event_feed_set_event_type (self->feed, NULL);
        }
      cw_journal_model_set_search (self->journal_model,
                                   gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                   self->event_type);
    }

  cw_journal_model_set_journal (self->journal_model, journal);
  gtk_single_selection_set_model (self->selection,
                                  journal != NULL ? G_LIST_MODEL (self->journal_model)
                                                  : G_LIST_MODEL (self->filter_model));
  _cw_events_page_update (self);
}

void
_cw_events_page_search_journal (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (!_cw_events_page_on_journal (self))
    return;

  cw_journal_model_set_search (self->journal_model,
                               gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                               self->event_type);
}

/* Enter: the first match opens, once the search typed so far applies. */
void
_cw_events_page_search_activate_cb (CwEventsPage   *self,
                                    GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (g_strcmp0 (text, cw_event_filter_get_search (self->filter)) != 0 &&
      !(text[0] == '\0' && cw_event_filter_get_search (self->filter) == NULL))
    {
      cw_event_filter_set_search (self->filter, text);
      _cw_events_page_search_journal (self);
    }

  if (_cw_events_page_on_journal (self) && cw_journal_model_get_loading (self->journal_model))
    self->open_first = TRUE;
  else
    _cw_events_page_open_first (self);
}

void
_cw_events_page_open_first (CwEventsPage *self)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  _cw_events_page_scroll_to (self, 0);
}

gboolean
_cw_events_page_journal_select_id (CwEventsPage *self,
                                   const char   *event_id)
{
  guint position = cw_journal_model_find_id (self->journal_model, event_id);

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  _cw_events_page_scroll_to (self, position);
  return TRUE;
}

/* What the list stack follows on the journal: the stored events, at once,
 * before any answer; events just fetched count as loading until they are
 * stored (@total comes in as the feed's). */
void
_cw_events_page_journal_counts (CwEventsPage *self,
                                guint        *total,
                                guint        *shown,
                                gboolean     *loading)
{
  gint64 stored = cw_journal_model_get_n_stored (self->journal_model);

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (stored == 0 && (!cw_journal_model_get_queried (self->journal_model) || *total > 0))
    *loading = TRUE;
  *total = (guint) MIN (stored, G_MAXUINT);
  *shown = g_list_model_get_n_items (G_LIST_MODEL (self->journal_model));
}

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static char *
format_since (gint64 usec)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return NULL;

  if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* Translators: a day, as in "events since 1 Nov" (strftime format) */
    return g_date_time_format (when, _("%-d %b"));
  /* Translators: a day of another year, as in "events since 1 Nov 2025" */
  return g_date_time_format (when, _("%-d %b %Y"));
}

/* "18 of 12,345 events since 1 Nov" */
static char *
describe_searched (CwEventsPage *self)
{
  gint64 stored = cw_journal_model_get_n_stored (self->journal_model);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->journal_model));
  g_autofree char *total = format_count (stored);
  g_autofree char *since = NULL;

  if (cw_journal_model_get_oldest (self->journal_model) != 0)
    since = format_since (cw_journal_model_get_oldest (self->journal_model));

  if (shown == stored)
    {
      if (since != NULL)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event since %s",
                                             "%s events since %s", stored),
                                total, since);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event", "%s events", stored),
                              total);
    }
  else
    {
      g_autofree char *matches = format_count (shown);

      if (since != NULL)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s event since %s",
                                             "%s of %s events since %s", stored),
                                matches, total, since);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s event",
                                           "%s of %s events", stored),
                              matches, total);
    }
}

/* Returns TRUE when it said the events are as of the last update (offline
 * or the server failing): the status line then says no "updated" again. */
gboolean
_cw_events_page_journal_status (CwEventsPage *self,
                                GPtrArray    *parts)
{
  CwEventFeed *feed = self->feed;
  gboolean offline;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (!cw_journal_model_get_queried (self->journal_model))
    {
      g_ptr_array_add (parts, g_strdup (_("Reading stored events…")));
      return FALSE;
    }

  offline = feed != NULL &&
            (cw_event_feed_get_offline (feed) || cw_event_feed_get_last_error (feed) != NULL);
  if (offline)
    {
      gint64 last_update = cw_event_feed_get_last_update (feed);

      if (last_update != 0)
        {
          g_autofree char *clock = cw_format_clock (last_update);

          g_ptr_array_add (parts, g_strdup_printf (_("Offline — events as of %s"), clock));
        }
      else
        g_ptr_array_add (parts, g_strdup (_("Offline — stored events")));
    }

  /* Nothing stored yet while the first events are awaited: "Loading
   * events…" says it all, not "0 events" beside it. */
  if (cw_journal_model_get_n_stored (self->journal_model) > 0 || feed == NULL ||
      !cw_event_feed_get_loading (feed))
    g_ptr_array_add (parts, describe_searched (self));

  return offline;
}

void
_cw_events_page_journal_no_match (CwEventsPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *total = NULL;
  g_autofree char *since = NULL;
  gint64 stored;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (!_cw_events_page_on_journal (self))
    {
      adw_status_page_set_description (self->no_match_page,
                                       _("No loaded event matches the search. Try other words or another event type."));
      return;
    }

  stored = cw_journal_model_get_n_stored (self->journal_model);
  total = format_count (stored);
  if (cw_journal_model_get_oldest (self->journal_model) != 0)
    since = format_since (cw_journal_model_get_oldest (self->journal_model));

  if (since != NULL)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Searched %s stored event since %s. Try other words or another event type.",
                                         "Searched all %s stored events since %s. Try other words or another event type.",
                                         stored),
                            total, since);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Searched %s stored event. Try other words or another event type.",
                                         "Searched all %s stored events. Try other words or another event type.",
                                         stored),
                            total);
  adw_status_page_set_description (self->no_match_page, text);
}
