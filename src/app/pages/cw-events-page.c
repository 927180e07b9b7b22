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

/* The one concern of this file: the Events page as a view of a CwEventFeed —
 * its construction, the toolbar, the status line, the problem banner and
 * the search, type filter and selection. The columns are in
 * cw-events-page-columns.c; loading and polling are the feed's. */

#define G_LOG_DOMAIN "cw-events-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-events-page-private.h"

#include "cw-adaptive-paned.h"
#include "cw-error-text.h"
#include "cw-time-format.h"

G_DEFINE_FINAL_TYPE (CwEventsPage, cw_events_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FEED,
  PROP_CAN_EXPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
update_status (CwEventsPage *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  CwEventFeed *feed = self->feed;
  gboolean as_of = FALSE;
  gboolean loaded;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (feed == NULL || cw_event_feed_get_client (feed) == NULL)
    {
      gtk_label_set_text (self->status_label, _("Not signed in"));
      return;
    }

  loaded = cw_event_feed_get_loaded (feed);

  if (cw_event_feed_get_loading (feed))
    g_ptr_array_add (parts, g_strdup (loaded ? _("Refreshing…") : _("Loading events…")));

  if (_cw_events_page_on_journal (self))
    as_of = _cw_events_page_journal_status (self, parts);
  else if (loaded)
    {
      guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
      guint total = g_list_model_get_n_items (cw_event_feed_get_events (feed));

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

  if (cw_event_feed_get_last_update (feed) != 0 && !as_of)
    {
      g_autofree char *clock = cw_format_clock (cw_event_feed_get_last_update (feed));

      g_ptr_array_add (parts, g_strdup_printf (_("updated %s"), clock));
    }

  if (!cw_event_feed_auto_refresh_enabled (feed))
    {
      if (cw_event_feed_get_auto_refresh (feed) && cw_event_feed_get_refresh_interval (feed) == 0)
        g_ptr_array_add (parts, g_strdup (_("Auto-Refresh is off in Preferences")));
    }
  else if (cw_event_feed_get_paused (feed) && cw_event_feed_get_offline (feed))
    g_ptr_array_add (parts, g_strdup (_("Auto-Refresh paused: offline")));
  else if (cw_event_feed_get_paused (feed) && self->minimized)
    g_ptr_array_add (parts, g_strdup (_("Auto-Refresh paused while the window is minimized")));
  else if (cw_event_feed_get_paused (feed))
    g_ptr_array_add (parts, g_strdup (_("Auto-Refresh paused while the events are hidden")));
  else if (cw_event_feed_get_n_failures (feed) > 0 && cw_event_feed_get_next_poll (feed) != 0)
    {
      gint64 wait = (cw_event_feed_get_next_poll (feed) - g_get_monotonic_time ()) / G_USEC_PER_SEC;
      g_autofree char *delay = cw_format_seconds_short (MAX (0, wait));

      if (cw_event_feed_get_retry_after (feed) > 0)
        g_ptr_array_add (parts, g_strdup_printf (_("Converc asked to wait: next try in %s"), delay));
      else
        g_ptr_array_add (parts, g_strdup_printf (_("refresh failed: next try in %s"), delay));
    }
  else
    {
      g_autofree char *every = cw_format_seconds_short (cw_event_feed_get_refresh_interval (feed));

      g_ptr_array_add (parts, g_strdup_printf (_("Auto-Refresh every %s"), every));
    }

  g_ptr_array_add (parts, NULL);
  text = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_text (self->status_label, text);
}

static void
update_view (CwEventsPage *self)
{
  CwEventFeed *feed = self->feed;
  gboolean signed_in;
  gboolean loading;
  gboolean failed;
  gboolean waiting;
  const char *page;
  guint total;
  guint shown;

  g_assert (CW_IS_EVENTS_PAGE (self));

  signed_in = feed != NULL && cw_event_feed_get_client (feed) != NULL;
  loading = feed != NULL && cw_event_feed_get_loading (feed);
  failed = feed != NULL && cw_event_feed_get_last_error (feed) != NULL;
  total = feed != NULL ? g_list_model_get_n_items (cw_event_feed_get_events (feed)) : 0;
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  if (_cw_events_page_on_journal (self))
    _cw_events_page_journal_counts (self, &total, &shown, &loading);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.refresh", signed_in);

  gtk_spinner_set_spinning (self->busy_spinner, loading);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->busy_spinner),
                               GTK_ACCESSIBLE_STATE_HIDDEN, !loading, -1);

  /* The first events awaited: the empty list, a spinner over it */
  waiting = signed_in && total == 0 && (loading || !cw_event_feed_get_loaded (feed)) &&
            !(failed && !loading);
  gtk_spinner_set_spinning (self->loading_spinner, waiting);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->loading_spinner),
                               GTK_ACCESSIBLE_STATE_HIDDEN, !waiting, -1);

  if (!signed_in)
    page = "no-client";
  else if (total > 0)
    page = shown > 0 ? "list" : "no-match";
  else if (waiting)
    page = "list";
  else if (failed)
    page = "error";
  else
    page = "empty";

  if (g_str_equal (page, "no-match"))
    _cw_events_page_journal_no_match (self);

  /* An empty result still shows the list when only the search hides rows. */
  gtk_stack_set_visible_child_name (self->list_stack, page);

  /* Export Shown Events…: something shown, no export under way. */
  if (self->can_export != (g_str_equal (page, "list") && shown > 0 && !self->exporting))
    {
      self->can_export = !self->can_export;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.export", self->can_export);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_EXPORT]);
    }

  update_status (self);
}

/* What the last answer says goes in the banner: a failed refresh while
 * events are shown (without any, the error page says it), or events that
 * could not be read. */
static void
feed_answered_cb (CwEventsPage *self,
                  CwEventFeed  *feed)
{
  const GError *error = cw_event_feed_get_last_error (feed);
  guint n_skipped = cw_event_feed_get_n_skipped (feed);

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (error != NULL)
    {
      g_autofree char *text = cw_error_describe (error, cw_event_feed_get_retry_after (feed));
      g_autofree char *message = g_strdup_printf (_("Could not refresh the events: %s"), text);

      gtk_label_set_text (self->error_label, text);
      if (g_list_model_get_n_items (cw_event_feed_get_events (feed)) > 0 ||
          (_cw_events_page_on_journal (self) &&
           cw_journal_model_get_n_stored (self->journal_model) > 0))
        set_problem (self, message);
      else
        set_problem (self, NULL);
    }
  else if (n_skipped > 0)
    {
      const char *first = cw_event_feed_get_skip_problem (feed);
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u event in the server’s answer could not be read and is not shown: %s",
                                              "%u events in the server’s answer could not be read and are not shown. The first problem: %s",
                                              n_skipped),
                                 n_skipped,
                                 first != NULL ? first : _("unknown problem"));
      set_problem (self, message);
    }
  else if (g_strcmp0 (self->problem, cw_event_feed_get_journal_problem (feed)) != 0)
    set_problem (self, NULL);   /* the history's problem stays until dismissed */

  update_view (self);
}

static void
sync_type_dropdown (CwEventsPage *self)
{
  const char *event_type = self->feed != NULL ? cw_event_feed_get_event_type (self->feed) : NULL;
  GListModel *choices = G_LIST_MODEL (self->type_choices);
  guint position = 0;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (_cw_events_page_on_journal (self))
    event_type = self->event_type;

  if (event_type != NULL)
    {
      guint n = g_list_model_get_n_items (choices);

      for (guint i = 1; i < n; i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (choices, i);

          if (g_strcmp0 (gtk_string_object_get_string (item), event_type) == 0)
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
sync_controls (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->feed == NULL)
    return;

  /* The loaded events narrow at once; the server's answer follows. */
  cw_event_filter_set_event_type (self->filter, cw_event_feed_get_event_type (self->feed));
  sync_type_dropdown (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->auto_refresh_button),
                            cw_event_feed_get_refresh_interval (self->feed) > 0);
}

static void
feed_notify_cb (CwEventsPage *self,
                GParamSpec   *pspec,
                CwEventFeed  *feed)
{
  const char *name = g_param_spec_get_name (pspec);

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (g_str_equal (name, "event-type") || g_str_equal (name, "event-count") ||
      g_str_equal (name, "refresh-interval"))
    sync_controls (self);
  else if (g_str_equal (name, "client") ||
           (g_str_equal (name, "loaded") && !cw_event_feed_get_loaded (feed)))
    {
      /* The events it spoke of are gone; the history's problem is not. */
      if (g_strcmp0 (self->problem, cw_event_feed_get_journal_problem (feed)) != 0)
        set_problem (self, NULL);
    }
  else if (g_str_equal (name, "journal") || g_str_equal (name, "journal-revision"))
    {
      _cw_events_page_follow_journal (self);
      sync_type_dropdown (self);
    }
  else if (g_str_equal (name, "journal-problem") &&
           cw_event_feed_get_journal_problem (feed) != NULL)
    set_problem (self, cw_event_feed_get_journal_problem (feed));

  update_view (self);
}

static void
update_active (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->feed != NULL)
    cw_event_feed_set_active (self->feed,
                              gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->minimized);
  update_status (self);
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
  update_active (self);
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
void
_cw_events_page_scroll_to (CwEventsPage *self,
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

/* Template callbacks */

static void
search_changed_cb (CwEventsPage   *self,
                   GtkSearchEntry *entry)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->setting_search)
    return;

  cw_event_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  _cw_events_page_search_journal (self);
}

static void
stop_search_cb (CwEventsPage   *self,
                GtkSearchEntry *entry)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  cw_event_filter_set_search (self->filter, NULL);
  _cw_events_page_search_journal (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
type_selected_cb (CwEventsPage *self,
                  GParamSpec   *pspec,
                  GtkDropDown  *dropdown)
{
  g_autoptr(GtkStringObject) item = NULL;
  guint position;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (self->updating_controls || self->feed == NULL)
    return;

  position = gtk_drop_down_get_selected (dropdown);
  if (position != 0 && position != GTK_INVALID_LIST_POSITION)
    item = g_list_model_get_item (G_LIST_MODEL (self->type_choices), position);

  /* On the journal the type narrows the stored events. */
  if (_cw_events_page_on_journal (self))
    {
      g_free (self->event_type);
      self->event_type = item != NULL ? g_strdup (gtk_string_object_get_string (item)) : NULL;
      _cw_events_page_search_journal (self);
      return;
    }

  cw_event_feed_set_event_type (self->feed,
                                item != NULL ? gtk_string_object_get_string (item) : NULL);
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

  /* A new query: the open event stays when it is still there. */
  if (self->reselecting)
    return;

  /* A row of the journal still read opens when its event arrives. */
  if (cw_journal_model_is_placeholder (gtk_single_selection_get_selected_item (selection)) &&
      gtk_single_selection_get_selected_item (selection) != NULL)
    return;

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
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CwEventsPage *self = CW_EVENTS_PAGE (widget);

  if (self->feed != NULL)
    cw_event_feed_refresh (self->feed);
}

static void
copy_json_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CwEventsPage *self = CW_EVENTS_PAGE (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->detail), "event.copy-json", NULL);
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
      self->minimized = (gdk_toplevel_get_state (GDK_TOPLEVEL (self->surface)) &
                         GDK_TOPLEVEL_STATE_MINIMIZED) != 0;
    }

  /* Shown: the feed loads the first time, and polls. */
  update_active (self);
}

static void
cw_events_page_unmap (GtkWidget *widget)
{
  CwEventsPage *self = CW_EVENTS_PAGE (widget);

  disconnect_surface (self);

  GTK_WIDGET_CLASS (cw_events_page_parent_class)->unmap (widget);

  update_active (self);
}

static void
cw_events_page_dispose (GObject *object)
{
  CwEventsPage *self = (CwEventsPage *)object;

  disconnect_surface (self);

  if (self->feed_signals != NULL)
    g_signal_group_set_target (self->feed_signals, NULL);
  if (self->feed_bindings != NULL)
    g_binding_group_set_source (self->feed_bindings, NULL);
  g_clear_object (&self->feed_signals);
  g_clear_object (&self->feed_bindings);

  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  if (self->column_view != NULL)
    {
      /* The sorter changes as the columns go: the journal is not asked. */
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  _cw_events_page_stop_columns (self);

  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_EVENTS_PAGE);

  _cw_events_page_dispose_export (self);
  g_clear_object (&self->slots);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->journal_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->type_choices);
  g_clear_object (&self->type_lists);
  g_clear_object (&self->feed);

  G_OBJECT_CLASS (cw_events_page_parent_class)->dispose (object);
}

static void
cw_events_page_finalize (GObject *object)
{
  CwEventsPage *self = (CwEventsPage *)object;

  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->reselect_id, g_free);
  g_clear_pointer (&self->spinner_icons, g_ptr_array_unref);

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
    case PROP_FEED:
      g_value_set_object (value, self->feed);
      break;

    case PROP_CAN_EXPORT:
      g_value_set_boolean (value, self->can_export);
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
    case PROP_FEED:
      cw_events_page_set_feed (self, g_value_get_object (value));
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

  properties[PROP_FEED] =
    g_param_spec_object ("feed", NULL, NULL, CW_TYPE_EVENT_FEED,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether Export Shown Events… can run: events are shown. */
  properties[PROP_CAN_EXPORT] =
    g_param_spec_boolean ("can-export", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CW_TYPE_ADAPTIVE_PANED);
  g_type_ensure (CW_TYPE_EVENT_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-events-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, auto_refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, detail);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwEventsPage, no_match_page);
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
  gtk_widget_class_bind_template_callback (widget_class, dismiss_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "search_activate_cb",
                                                G_CALLBACK (_cw_events_page_search_activate_cb));
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_selected_cb);

  gtk_widget_class_install_action (widget_class, "events.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "events.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "events.copy-json", NULL, copy_json_action);
  _cw_events_page_class_curl_init (klass);
  _cw_events_page_class_export_init (klass);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "events.copy-json", NULL);
}

/* The spinners' icon is the first SVG icon most sessions show, and the
 * first SVG costs GTK more than a frame: it loads gdk-pixbuf's SVG module
 * and librsvg. Asked for now, GTK loads it on its own thread, so that the
 * frame that first shows a spinner (a load's first) need not. */
static void
preload_spinner_icon (CwEventsPage *self)
{
  static const int sizes[] = { 16, 32 };
  GtkIconTheme *theme;

  g_assert (CW_IS_EVENTS_PAGE (self));

  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  self->spinner_icons = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_ptr_array_add (self->spinner_icons,
                     gtk_icon_theme_lookup_icon (theme, "process-working-symbolic", NULL, sizes[i],
                                                 gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                                 GTK_TEXT_DIR_NONE, GTK_ICON_LOOKUP_PRELOAD));
}

static void
cw_events_page_init (CwEventsPage *self)
{
  g_autoptr(GtkStringList) all = NULL;
  g_autoptr(CwEventFeed) feed = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.export", FALSE);
  preload_spinner_icon (self);

  /* The type filter: all, then the feed's types. */
  all = gtk_string_list_new (NULL);
  gtk_string_list_append (all, _("All Types"));
  self->type_lists = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->type_lists, all);
  self->type_choices = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->type_lists)));
  self->updating_controls = TRUE;
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (self->type_choices));
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  self->updating_controls = FALSE;

  /* feed → sort (column view's sorter) → filter (type, search) → selection */
  self->sort_model = gtk_sort_list_model_new (NULL,
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

  _cw_events_page_init_journal (self);
  _cw_events_page_setup_columns (self);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  /* The page follows whichever feed it is given. */
  self->feed_signals = g_signal_group_new (CW_TYPE_EVENT_FEED);
  g_signal_group_connect_object (self->feed_signals, "notify",
                                 G_CALLBACK (feed_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->feed_signals, "answered",
                                 G_CALLBACK (feed_answered_cb), self, G_CONNECT_SWAPPED);
  self->feed_bindings = g_binding_group_new ();
  g_binding_group_bind (self->feed_bindings, "auto-refresh", self->auto_refresh_button, "active",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  feed = cw_event_feed_new ();
  cw_events_page_set_feed (self, feed);
}

CwEventsPage *
cw_events_page_new (void)
{
  return g_object_new (CW_TYPE_EVENTS_PAGE, NULL);
}

/**
 * cw_events_page_get_feed:
 *
 * Returns: (transfer none): the events the page shows
 */
CwEventFeed *
cw_events_page_get_feed (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), NULL);

  return self->feed;
}

/**
 * cw_events_page_set_feed:
 * @feed: the events to show
 *
 * Shows @feed instead of the page's own: the page gives it its
 * activity (shown, not minimized).
 */
void
cw_events_page_set_feed (CwEventsPage *self,
                         CwEventFeed  *feed)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));
  g_return_if_fail (CW_IS_EVENT_FEED (feed));

  if (self->feed == feed)
    return;

  if (self->feed != NULL)
    cw_event_feed_set_active (self->feed, FALSE);
  g_set_object (&self->feed, feed);

  g_signal_group_set_target (self->feed_signals, feed);
  g_binding_group_set_source (self->feed_bindings, feed);
  gtk_sort_list_model_set_model (self->sort_model, cw_event_feed_get_events (feed));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->type_lists)) > 1)
    g_list_store_remove (self->type_lists, 1);
  g_list_store_append (self->type_lists, cw_event_feed_get_types (feed));

  set_problem (self, cw_event_feed_get_journal_problem (feed));
  _cw_events_page_follow_journal (self);
  sync_controls (self);
  update_active (self);
  update_view (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEED]);
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
  _cw_events_page_search_journal (self);
}

GListModel *
cw_events_page_get_model (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), NULL);

  return gtk_single_selection_get_model (self->selection);
}

/**
 * cw_events_page_get_rows:
 *
 * Returns: (transfer none): the rows the list shows, whichever model they
 *   come from now (cw_events_page_get_model()): "items-changed" is
 *   emitted when they change or the model is replaced
 */
GListModel *
cw_events_page_get_rows (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
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

  if (_cw_events_page_on_journal (self))
    return _cw_events_page_journal_select_id (self, event_id);

  event = cw_event_feed_lookup (self->feed, event_id);
  if (event == NULL)
    return FALSE;

  position = find_position (G_LIST_MODEL (self->filter_model), event);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  _cw_events_page_scroll_to (self, position);

  return TRUE;
}

void
_cw_events_page_update (CwEventsPage *self)
{
  g_return_if_fail (CW_IS_EVENTS_PAGE (self));

  update_view (self);
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
