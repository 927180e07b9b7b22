/* cw-event-detail.c
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

/* The one concern of this file: the detail pane of the selected event —
 * its heading, the readable summary (cw-event-summary.c), the JSON
 * (cw-json-text.c) and the copy and save actions. */

#define G_LOG_DOMAIN "cw-event-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "cw-event-detail.h"
#include "cw-event-summary.h"
#include "cw-json-text.h"
#include "cw-toast.h"

/* Events up to this size are read at once; larger ones in a thread. */
#define SYNC_MAX          (64 * 1024)
/* The whole JSON: long lines still capped, no wrapping, and no highlighting
 * above JSON_HIGHLIGHT_MAX; inserted in steps of JSON_STEP bytes. */
#define JSON_WHOLE_LINE_MAX 10000
#define JSON_HIGHLIGHT_MAX  (512 * 1024)
#define JSON_STEP           (64 * 1024)
/* A smaller event's JSON is shown in the same frame as its summary. */
#define JSON_DEFER_MIN      (16 * 1024)


struct _CwEventDetail
{
  AdwBin             parent_instance;

  ConvercEvent      *event;
  GCancellable      *cancellable;
  /* Reading the current event in a thread; cancelled by the next one. */
  GCancellable      *load_cancellable;
  /* The whole pretty JSON while it is inserted in steps; made only when
   * "Show the Whole JSON" is pressed. */
  char              *json;
  gsize              json_len;
  gsize              json_inserted;
  guint              json_source;
  /* Only the start of the JSON is shown; making the whole of it. */
  gboolean           json_cut;
  GCancellable      *json_cancellable;
  /* The JSON view's text of an event over JSON_DEFER_MIN, shown a frame
   * after the summary so that no one frame lays out both. */
  char              *json_pending;
  gboolean           json_pending_cut;
  guint              json_tick;
  guint              json_ticks;
  GtkFileChooserNative *chooser;
  /* Keys of every group line up */
  GtkSizeGroup      *keys;
  guint              feedback_source;
  gboolean           highlighting;

  /* Template widgets */
  GtkLabel          *description_label;
  GtkLabel          *feedback_label;
  GtkBox            *json_cut_box;
  GtkLabel          *json_cut_label;
  GtkLabel          *json_heading;
  GtkScrolledWindow *json_scroller;
  GtkButton         *json_whole_button;
  GtkScrolledWindow *scroller;
  GtkSourceView     *source_view;
  GtkStack          *stack;
  GtkBox            *summary_box;
  GtkLabel          *title_label;
};

G_DEFINE_FINAL_TYPE (CwEventDetail, cw_event_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shows @message in the window's toast overlay when there is one, else in
 * the line under the buttons for a few seconds. Never markup. */
static gboolean
hide_feedback_cb (gpointer user_data)
{
  CwEventDetail *self = user_data;

  self->feedback_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), FALSE);

  return G_SOURCE_REMOVE;
}

static void
cw_event_detail_feedback (CwEventDetail *self,
                          const char    *message,
                          gboolean       is_error)
{
  GtkWidget *overlay;

  g_assert (CW_IS_EVENT_DETAIL (self));

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL && !is_error)
    {
      AdwToast *toast = cw_toast_new (message);

      adw_toast_set_timeout (toast, 3);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }

  gtk_label_set_text (self->feedback_label, message);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->feedback_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), TRUE);

  g_clear_handle_id (&self->feedback_source, g_source_remove);
  if (!is_error)
    self->feedback_source = g_timeout_add_seconds (4, hide_feedback_cb, self);
}

static void
clear_summary (CwEventDetail *self)
{
  GtkWidget *child;

  g_assert (CW_IS_EVENT_DETAIL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_box))))
    gtk_box_remove (self->summary_box, child);
}

static void
set_title (CwEventDetail       *self,
           ConvercEventDetails *details)
{
  g_autofree char *title = NULL;
  const char *type;

  g_assert (CW_IS_EVENT_DETAIL (self));

  /* "call.ended · Kwame Mensah · 10:42", the description below it. */
  type = converc_event_get_event_type (self->event);
  title = cw_event_summary_dup_heading (self->event, g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_text (self->title_label, title);

  if (details != NULL && details->type_description != NULL)
    gtk_label_set_text (self->description_label, details->type_description);
  else if (type != NULL && converc_event_type_describe (type) != NULL)
    gtk_label_set_text (self->description_label, _(converc_event_type_describe (type)));
  else
    gtk_label_set_text (self->description_label,
                        _("An event type this app does not know: every field it has is shown below."));
}

/* The JSON view: made the first time an event is shown, not while the
 * window starts (a GtkSourceView and its buffer read the default style
 * scheme and set up snippets: about 10 ms before the first frame). */
static GtkTextView *
json_view (CwEventDetail *self)
{
  g_autoptr(GtkSourceBuffer) buffer = NULL;
  GtkWidget *view;

  g_assert (CW_IS_EVENT_DETAIL (self));

  if (self->source_view != NULL)
    return GTK_TEXT_VIEW (self->source_view);

  gtk_source_init ();
  buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  view = gtk_source_view_new_with_buffer (buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Event JSON"), -1);
  gtk_scrolled_window_set_child (self->json_scroller, view);
  self->source_view = GTK_SOURCE_VIEW (view);

  return GTK_TEXT_VIEW (view);
}

static GtkTextBuffer *
json_buffer (CwEventDetail *self)
{
  return gtk_text_view_get_buffer (json_view (self));
}

/* Empties the JSON view, if there is one yet. */
static void
clear_json_view (CwEventDetail *self)
{
  if (self->source_view != NULL)
    gtk_text_buffer_set_text (json_buffer (self), "", 0);
}

static void
update_style_scheme (CwEventDetail *self)
{
  GtkSourceStyleSchemeManager *manager;
  GtkSourceStyleScheme *scheme;
  GtkTextBuffer *buffer;
  gboolean dark;

  g_assert (CW_IS_EVENT_DETAIL (self));

  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  manager = gtk_source_style_scheme_manager_get_default ();
  scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "classic-dark" : "classic");

  buffer = json_buffer (self);
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);
}

/* The JSON language and the style schemes are read from disk (XML) the
 * first time an event is shown, not while the window starts. */
static void
ensure_highlighting (CwEventDetail *self)
{
  GtkSourceLanguageManager *languages;
  GtkTextBuffer *buffer;

  g_assert (CW_IS_EVENT_DETAIL (self));

  if (self->highlighting)
    return;

  self->highlighting = TRUE;
  buffer = json_buffer (self);
  languages = gtk_source_language_manager_get_default ();
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer),
                                  gtk_source_language_manager_get_language (languages, "json"));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
}

static void
stop_whole_json (CwEventDetail *self)
{
  g_assert (CW_IS_EVENT_DETAIL (self));

  if (self->json_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->json_tick);
  self->json_tick = 0;
  g_clear_pointer (&self->json_pending, g_free);

  g_clear_handle_id (&self->json_source, g_source_remove);
  g_cancellable_cancel (self->json_cancellable);
  g_clear_object (&self->json_cancellable);
  g_clear_pointer (&self->json, g_free);
  self->json_len = self->json_inserted = 0;
  self->json_cut = FALSE;
}

static void
set_json_scrolling (CwEventDetail *self,
                    gboolean       whole)
{
  g_assert (CW_IS_EVENT_DETAIL (self));

  /* The whole of a large JSON scrolls on its own and does not wrap: only
   * the lines on screen are laid out. */
  gtk_scrolled_window_set_policy (self->json_scroller,
                                  whole ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER,
                                  whole ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  gtk_scrolled_window_set_max_content_height (self->json_scroller, whole ? 600 : -1);
  gtk_scrolled_window_set_min_content_height (self->json_scroller, whole ? 300 : -1);
  gtk_text_view_set_wrap_mode (json_view (self),
                               whole ? GTK_WRAP_NONE : GTK_WRAP_CHAR);
}

static void
show_json (CwEventDetail *self,
           char          *preview,
           gboolean       cut)
{
  g_autofree char *owned = preview;
  GtkTextBuffer *buffer;

  g_assert (CW_IS_EVENT_DETAIL (self));

  stop_whole_json (self);
  set_json_scrolling (self, FALSE);
  buffer = json_buffer (self);
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer), TRUE);
  ensure_highlighting (self);

  gtk_text_buffer_set_text (buffer, owned, -1);
  cw_json_text_indent_wrapped (json_view (self));
  gtk_widget_set_visible (GTK_WIDGET (self->json_cut_box), cut);
  self->json_cut = cut;
  if (!cut)
    return;

  {
    GBytes *raw = converc_event_get_raw (self->event);
    g_autofree char *size = g_format_size (raw != NULL ? g_bytes_get_size (raw) : 0);
    g_autofree char *message = NULL;
    g_autofree char *button = NULL;

    message = g_strdup_printf (_("This JSON is %s: the first part is shown, with long lines cut. "
                                 "Copy JSON and Save JSON keep all of it."), size);
    /* Translators: %s is a size, e.g. "12.3 MB" */
    button = g_strdup_printf (_("Show the Whole JSON (%s)"), size);
    gtk_label_set_text (self->json_cut_label, message);
    gtk_button_set_label (self->json_whole_button, button);
    gtk_widget_set_sensitive (GTK_WIDGET (self->json_whole_button), TRUE);
  }
}

static gboolean
insert_json_step_cb (gpointer user_data)
{
  CwEventDetail *self = user_data;
  g_autoptr(GString) step = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end_iter;
  const char *start;
  const char *end;
  gsize len;

  g_assert (CW_IS_EVENT_DETAIL (self));

  len = self->json_len - self->json_inserted;
  start = self->json + self->json_inserted;
  end = start + MIN (len, JSON_STEP);
  /* Whole lines per step. */
  if (end < start + len)
    {
      const char *nl = memchr (end, '\n', start + len - end);

      end = nl != NULL ? nl + 1 : start + len;
    }

  step = g_string_sized_new (end - start + 16);
  cw_json_text_append_capped_lines (step, start, end, JSON_WHOLE_LINE_MAX);

  buffer = json_buffer (self);
  gtk_text_buffer_get_end_iter (buffer, &end_iter);
  gtk_text_buffer_insert (buffer, &end_iter, step->str, step->len);
  self->json_inserted += end - start;

  if (self->json_inserted < self->json_len)
    return G_SOURCE_CONTINUE;

  self->json_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->json_cut_box), FALSE);
  g_clear_pointer (&self->json, g_free);
  self->json_cut = FALSE;
  return G_SOURCE_REMOVE;
}

static void
start_whole_json (CwEventDetail *self,
                  char          *json)
{
  GtkTextBuffer *buffer;

  g_assert (CW_IS_EVENT_DETAIL (self));

  self->json = json;
  self->json_len = strlen (json);
  self->json_inserted = 0;
  buffer = json_buffer (self);
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer),
                                          self->json_len <= JSON_HIGHLIGHT_MAX);
  set_json_scrolling (self, TRUE);
  gtk_text_buffer_set_text (buffer, "", 0);
  self->json_source = g_idle_add_full (G_PRIORITY_LOW, insert_json_step_cb, self, NULL);
}

static void
whole_json_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_task_return_pointer (task, cw_json_text_dup_event (task_data), g_free);
}

static void
whole_json_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CwEventDetail *self = CW_EVENT_DETAIL (object);
  char *json;

  json = g_task_propagate_pointer (G_TASK (result), NULL);
  /* Another event, or none, is shown now (the task was cancelled). */
  if (json == NULL)
    return;

  g_clear_object (&self->json_cancellable);
  start_whole_json (self, json);
}

static void
json_whole_clicked_cb (CwEventDetail *self)
{
  g_autoptr(GTask) task = NULL;

  g_assert (CW_IS_EVENT_DETAIL (self));

  if (!self->json_cut || self->json != NULL || self->json_cancellable != NULL)
    return;

  gtk_label_set_text (self->json_cut_label, _("Showing the whole JSON…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->json_whole_button), FALSE);

  /* The whole pretty JSON is made in a thread: megabytes of it. */
  self->json_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->json_cancellable, whole_json_cb, NULL);
  g_task_set_source_tag (task, json_whole_clicked_cb);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_object_ref (self->event), g_object_unref);
  g_task_run_in_thread (task, whole_json_thread);
}

/* Reading an event: the details and the pretty JSON, in a thread for a
 * large event. */
typedef struct
{
  ConvercEventDetails *details;
  GError              *error;
  /* What the JSON view shows first, and whether that is only a part. */
  char                *json;
  gboolean             json_cut;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->details, converc_event_details_free);
  g_clear_error (&loaded->error);
  g_free (loaded->json);
  g_free (loaded);
}

static Loaded *
load_event (ConvercEvent *event)
{
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->details = converc_event_details_new (event, &loaded->error);
  loaded->json = cw_json_text_dup_event_preview (event, &loaded->json_cut);

  return loaded;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, load_event (task_data), (GDestroyNotify)loaded_free);
}

static gboolean
json_tick_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  CwEventDetail *self = CW_EVENT_DETAIL (widget);
  gboolean cut = self->json_pending_cut;
  char *json;

  /* The first frame lays out the summary; the JSON comes in the next. */
  if (self->json_ticks++ == 0)
    return G_SOURCE_CONTINUE;

  self->json_tick = 0;
  json = g_steal_pointer (&self->json_pending);
  show_json (self, json, cut);

  return G_SOURCE_REMOVE;
}

static void
show_loaded (CwEventDetail *self,
             Loaded        *loaded)
{
  GBytes *raw;

  g_assert (CW_IS_EVENT_DETAIL (self));

  clear_summary (self);
  set_title (self, loaded->details);
  cw_event_summary_build (self->summary_box, self->keys, self->event,
                          loaded->details, loaded->error);

  raw = converc_event_get_raw (self->event);
  if (raw == NULL || g_bytes_get_size (raw) <= JSON_DEFER_MIN)
    {
      show_json (self, g_steal_pointer (&loaded->json), loaded->json_cut);
      return;
    }

  stop_whole_json (self);
  gtk_widget_set_visible (GTK_WIDGET (self->json_cut_box), FALSE);
  clear_json_view (self);
  self->json_pending = g_steal_pointer (&loaded->json);
  self->json_pending_cut = loaded->json_cut;
  self->json_ticks = 0;
  self->json_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), json_tick_cb, NULL, NULL);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CwEventDetail *self = CW_EVENT_DETAIL (object);
  Loaded *loaded;

  loaded = g_task_propagate_pointer (G_TASK (result), NULL);
  /* A later event replaced this one (the task was cancelled). */
  if (loaded == NULL)
    return;

  show_loaded (self, loaded);
  loaded_free (loaded);
}

static void
show_loading (CwEventDetail *self)
{
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  GtkWidget *label;

  g_assert (CW_IS_EVENT_DETAIL (self));

  clear_summary (self);
  stop_whole_json (self);
  set_title (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->json_cut_box), FALSE);
  clear_json_view (self);

  size = g_format_size (g_bytes_get_size (converc_event_get_raw (self->event)));
  text = g_strdup_printf (_("Reading this event (%s)…"), size);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (self->summary_box, label);
}

static void
update (CwEventDetail *self)
{
  gboolean has_event;
  GBytes *raw;

  g_assert (CW_IS_EVENT_DETAIL (self));

  has_event = self->event != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.copy-id",
                                 has_event && converc_event_get_id (self->event) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.copy-json", has_event);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.copy-pretty-json", has_event);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.save-json", has_event);

  g_clear_handle_id (&self->feedback_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), FALSE);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (!has_event)
    {
      clear_summary (self);
      stop_whole_json (self);
      gtk_widget_set_visible (GTK_WIDGET (self->json_cut_box), FALSE);
      clear_json_view (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  raw = converc_event_get_raw (self->event);
  if (raw == NULL || g_bytes_get_size (raw) <= SYNC_MAX)
    {
      Loaded *loaded = load_event (self->event);

      show_loaded (self, loaded);
      loaded_free (loaded);
    }
  else
    {
      g_autoptr(GTask) task = NULL;

      show_loading (self);
      self->load_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->load_cancellable, loaded_cb, NULL);
      g_task_set_source_tag (task, update);
      g_task_set_return_on_cancel (task, TRUE);
      g_task_set_task_data (task, g_object_ref (self->event), g_object_unref);
      g_task_run_in_thread (task, load_thread);
    }

  gtk_stack_set_visible_child_name (self->stack, "event");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
copy_id_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CwEventDetail *self = CW_EVENT_DETAIL (widget);
  const char *id;

  if (self->event == NULL || (id = converc_event_get_id (self->event)) == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), id);
  cw_event_detail_feedback (self, _("Event ID copied"), FALSE);
}

/* Copy JSON: the exact bytes Converc sent, what a signature is computed
 * over — as text when they are UTF-8 (JSON is), else as
 * application/json bytes beside a readable text. */
static void
copy_json_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CwEventDetail *self = CW_EVENT_DETAIL (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GBytes *raw;
  const char *data;
  gsize len = 0;

  if (self->event == NULL)
    return;

  raw = converc_event_get_raw (self->event);
  data = raw != NULL ? g_bytes_get_data (raw, &len) : NULL;
  if (data == NULL)
    return;

  if (g_utf8_validate_len (data, len, NULL))
    {
      g_autofree char *text = g_strndup (data, len);

      gdk_clipboard_set_text (clipboard, text);
    }
  else
    {
      char *text = g_utf8_make_valid (data, len);
      gsize text_len = strlen (text);
      g_autoptr(GBytes) utf8 = g_bytes_new_take (text, text_len);
      g_autoptr(GdkContentProvider) union_provider = NULL;
      GdkContentProvider *providers[2];

      providers[0] = gdk_content_provider_new_for_bytes ("application/json", raw);
      providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", utf8);
      union_provider = gdk_content_provider_new_union (providers, 2);
      gdk_clipboard_set_content (clipboard, union_provider);
    }

  cw_event_detail_feedback (self, _("JSON copied as sent"), FALSE);
}

/* Copy Pretty JSON: indented, as shown. */
static void
copy_pretty_json_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  CwEventDetail *self = CW_EVENT_DETAIL (widget);
  g_autofree char *json = NULL;

  if (self->event == NULL)
    return;

  json = cw_json_text_dup_event (self->event);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), json);
  cw_event_detail_feedback (self, _("Pretty JSON copied"), FALSE);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CwEventDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = G_FILE (object);

  if (!converc_atomic_file_replace_finish (file, result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = g_strdup_printf (_("Could not save the JSON: %s"), error->message);
      cw_event_detail_feedback (self, message, TRUE);
      return;
    }

  {
    g_autofree char *name = g_file_get_parse_name (file);
    g_autofree char *message = g_strdup_printf (_("Saved to %s"), name);

    cw_event_detail_feedback (self, message, FALSE);
  }
}

static void
chooser_response_cb (CwEventDetail        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *json = NULL;
  GBytes *bytes;
  gsize len;

  g_assert (CW_IS_EVENT_DETAIL (self));

  if (response == GTK_RESPONSE_ACCEPT && self->event != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  /* The pretty-printed JSON, as shown, ending with a newline: it keeps every
   * number and escape exactly as the server spelled it. */
  json = cw_json_text_dup_event (self->event);
  len = strlen (json);
  json = g_realloc (json, len + 2);
  json[len] = '\n';
  json[len + 1] = '\0';
  bytes = g_bytes_new_take (g_steal_pointer (&json), len + 1);

  /* Never in place: a full disk must not destroy the file being replaced. */
  converc_atomic_file_replace_async (file, bytes, self->cancellable, save_cb, g_object_ref (self));
  g_bytes_unref (bytes);
}

static void
save_json_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CwEventDetail *self = CW_EVENT_DETAIL (widget);
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkRoot *root;
  const char *id;

  if (self->event == NULL)
    return;

  root = gtk_widget_get_root (widget);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save Event JSON"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  /* A file name from the event id, without anything a path could abuse. */
  id = converc_event_get_id (self->event);
  if (id != NULL && id[0] != '\0')
    {
      name = g_strdup_printf ("%s.json", id);
      g_strdelimit (name, "/\\:*?\"<>|", '_');
      if (name[0] == '.')
        name[0] = '_';
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     name != NULL ? name : "event.json");

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cw_event_detail_dispose (GObject *object)
{
  CwEventDetail *self = (CwEventDetail *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  stop_whole_json (self);
  g_clear_handle_id (&self->feedback_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->event);
  g_clear_object (&self->keys);

  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_EVENT_DETAIL);

  G_OBJECT_CLASS (cw_event_detail_parent_class)->dispose (object);
}

static void
cw_event_detail_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CwEventDetail *self = CW_EVENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_event_detail_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CwEventDetail *self = CW_EVENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      cw_event_detail_set_event (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_event_detail_class_init (CwEventDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_event_detail_dispose;
  object_class->get_property = cw_event_detail_get_property;
  object_class->set_property = cw_event_detail_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, CONVERC_TYPE_EVENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-event-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, json_cut_box);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, json_cut_label);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, json_heading);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, json_scroller);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, json_whole_button);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, summary_box);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, title_label);
  gtk_widget_class_bind_template_callback (widget_class, json_whole_clicked_cb);

  gtk_widget_class_install_action (widget_class, "event.copy-id", NULL, copy_id_action);
  gtk_widget_class_install_action (widget_class, "event.copy-json", NULL, copy_json_action);
  gtk_widget_class_install_action (widget_class, "event.copy-pretty-json", NULL,
                                   copy_pretty_json_action);
  gtk_widget_class_install_action (widget_class, "event.save-json", NULL, save_json_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "event.save-json", NULL);
}

static void
cw_event_detail_init (CwEventDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->keys = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  update (self);
}

CwEventDetail *
cw_event_detail_new (void)
{
  return g_object_new (CW_TYPE_EVENT_DETAIL, NULL);
}

ConvercEvent *
cw_event_detail_get_event (CwEventDetail *self)
{
  g_return_val_if_fail (CW_IS_EVENT_DETAIL (self), NULL);

  return self->event;
}

void
cw_event_detail_set_event (CwEventDetail *self,
                           ConvercEvent  *event)
{
  g_return_if_fail (CW_IS_EVENT_DETAIL (self));
  g_return_if_fail (!event || CONVERC_IS_EVENT (event));

  if (!g_set_object (&self->event, event))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

char *
cw_event_detail_dup_json (CwEventDetail *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CW_IS_EVENT_DETAIL (self), NULL);

  /* Shown in the next frame. */
  if (self->json_pending != NULL)
    return g_strdup (self->json_pending);

  buffer = json_buffer (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
