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

#define G_LOG_DOMAIN "cw-event-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "cw-event-detail.h"
#include "cw-toast.h"

struct _CwEventDetail
{
  AdwBin             parent_instance;

  ConvercEvent      *event;
  GCancellable      *cancellable;
  GtkFileChooserNative *chooser;
  /* Keys of every group line up */
  GtkSizeGroup      *keys;
  guint              feedback_source;
  gboolean           highlighting;

  /* Template widgets */
  GtkLabel          *description_label;
  GtkLabel          *feedback_label;
  GtkLabel          *json_heading;
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

static GtkWidget *
add_group (CwEventDetail *self,
           const char    *title)
{
  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *grid;

  g_assert (CW_IS_EVENT_DETAIL (self));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_box_append (GTK_BOX (box), grid);

  gtk_box_append (self->summary_box, box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (grid),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);

  return grid;
}

static int
grid_next_row (GtkWidget *grid)
{
  int rows = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (grid);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int row, height;

      gtk_grid_query_child (GTK_GRID (grid), child, NULL, &row, NULL, &height);
      rows = MAX (rows, row + height);
    }

  return rows;
}

static GtkWidget *
add_key (GtkWidget  *grid,
         const char *key,
         int         row,
         gboolean    aligned)
{
  GtkWidget *label = gtk_label_new (NULL);
  CwEventDetail *self = CW_EVENT_DETAIL (gtk_widget_get_ancestor (grid, CW_TYPE_EVENT_DETAIL));

  /* Keys may be server text too (question labels). */
  gtk_label_set_text (GTK_LABEL (label), key);
  if (aligned && self != NULL)
    gtk_size_group_add_widget (self->keys, label);
  if (!aligned)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
    }

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);

  return label;
}

/* Adds "key: value" to @grid. @value is server text: set as plain text.
 * @aligned: line the key up with the keys of the other groups. */
static GtkWidget *
add_row_full (GtkWidget  *grid,
              const char *key,
              const char *value,
              gboolean    aligned)
{
  GtkWidget *key_label;
  GtkWidget *label;
  int row;

  if (value == NULL || value[0] == '\0')
    return NULL;

  row = grid_next_row (grid);
  key_label = add_key (grid, key, row, aligned);

  label = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (label), value);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  -1);
  gtk_grid_attach (GTK_GRID (grid), label, 1, row, 1, 1);

  return label;
}

static GtkWidget *
add_row (GtkWidget  *grid,
         const char *key,
         const char *value)
{
  return add_row_full (grid, key, value, TRUE);
}

static void
add_time_row (GtkWidget  *grid,
              const char *key,
              const char *value)
{
  g_autofree char *formatted = NULL;
  GtkWidget *label;

  if (value == NULL || value[0] == '\0')
    return;

  /* Unreadable timestamps come back unchanged: shown raw. */
  formatted = converc_timestamp_format (value, NULL);
  label = add_row (grid, key, formatted != NULL ? formatted : value);
  if (label != NULL && g_strcmp0 (formatted, value) != 0)
    gtk_widget_set_tooltip_text (label, value);
}

static gboolean
is_web_link (const char *url)
{
  return url != NULL &&
         (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

static void
add_link_row (GtkWidget  *grid,
              const char *key,
              const char *url)
{
  GtkWidget *button;
  GtkWidget *child;
  GtkWidget *key_label;
  int row;

  if (url == NULL || url[0] == '\0')
    return;

  /* Only web links become buttons; anything else is shown as text. */
  if (!is_web_link (url))
    {
      add_row (grid, key, url);
      return;
    }

  row = grid_next_row (grid);
  key_label = add_key (grid, key, row, TRUE);

  button = gtk_link_button_new_with_label (url, url);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_tooltip_text (button, url);
  child = gtk_button_get_child (GTK_BUTTON (button));
  if (GTK_IS_LABEL (child))
    {
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_use_markup (GTK_LABEL (child), FALSE);
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  -1);
  gtk_grid_attach (GTK_GRID (grid), button, 1, row, 1, 1);
}

static void
clear_summary (CwEventDetail *self)
{
  GtkWidget *child;

  g_assert (CW_IS_EVENT_DETAIL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_box))))
    gtk_box_remove (self->summary_box, child);
}

static char *
format_seconds (gint64 seconds)
{
  g_autofree char *exact = NULL;

  if (seconds < 0)
    return NULL;

  /* Plain %lld: xgettext cannot read G_GINT64_FORMAT inside a msgid. */
  exact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld second", "%lld seconds",
                                        (gulong) seconds),
                           (long long) seconds);
  if (seconds < 3600)
    return g_steal_pointer (&exact);

  /* Translators: "86400 seconds (24 h)" */
  return g_strdup_printf (_("%s (%lld h)"), exact, (long long) (seconds / 3600));
}

static void
build_summary (CwEventDetail *self)
{
  g_autoptr(ConvercEventDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *duration = NULL;
  GtkWidget *grid;
  const char *type;

  g_assert (CW_IS_EVENT_DETAIL (self));
  g_assert (self->event != NULL);

  clear_summary (self);

  details = converc_event_details_new (self->event, &error);

  type = converc_event_get_event_type (self->event);
  gtk_label_set_text (self->title_label, type != NULL ? type : _("Event without a type"));

  if (details != NULL && details->type_description != NULL)
    gtk_label_set_text (self->description_label, details->type_description);
  else if (type != NULL && converc_event_type_describe (type) != NULL)
    gtk_label_set_text (self->description_label, _(converc_event_type_describe (type)));
  else
    gtk_label_set_text (self->description_label,
                        _("An event type this app does not know: every field it has is shown below."));

  if (details == NULL)
    {
      g_autofree char *text = NULL;
      GtkWidget *label;

      /* Show what the list knows, and why the rest is missing. */
      text = g_strdup_printf (_("The payload of this event could not be read: %s"),
                              error != NULL ? error->message : _("unknown error"));
      label = gtk_label_new (NULL);
      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->summary_box, label);

      grid = add_group (self, _("Event"));
      add_row (grid, _("ID"), converc_event_get_id (self->event));
      add_row (grid, _("Type"), type);
      add_time_row (grid, _("Created"), converc_event_get_created_at (self->event));
      add_row (grid, _("Contact"), converc_event_get_contact_name (self->event));
      add_row (grid, _("Email"), converc_event_get_contact_email (self->event));
      add_row (grid, _("Phone"), converc_event_get_contact_phone (self->event));
      return;
    }

  grid = add_group (self, _("Event"));
  add_row (grid, _("ID"), details->id != NULL ? details->id : "—");
  add_row (grid, _("Type"), details->type != NULL ? details->type : "—");
  add_time_row (grid, _("Created"), details->created_at);
  add_row (grid, _("Organization"), details->organization_id);

  if (details->has_call)
    {
      duration = converc_format_duration (details->duration);

      grid = add_group (self, _("Call"));
      add_row (grid, _("Status"), details->call_status);
      add_row (grid, _("Media"), details->media_type);
      add_time_row (grid, _("Requested"), details->requested_at);
      add_time_row (grid, _("Accepted"), details->accepted_at);
      add_time_row (grid, _("Ended"), details->ended_at);
      add_row (grid, _("Duration"), duration);
      add_row (grid, _("Accepted by"), details->accepted_by);
      add_row (grid, _("Call ID"), details->call_id);
      add_row (grid, _("Session"), details->session_id);
      add_row (grid, _("Site"), details->site_id);
      add_row (grid, _("Visitor fingerprint"), details->visitor_fingerprint);
      add_row (grid, _("Qualification flow"), details->qualification_flow_id);
      if (grid_next_row (grid) == 0)
        add_row (grid, _("Call"), _("No call fields in this event"));
    }

  if (details->has_contact)
    {
      grid = add_group (self, _("Contact"));
      add_row (grid, _("Name"), details->contact_name);
      add_row (grid, _("Email"), details->contact_email);
      add_row (grid, _("Phone"), details->contact_phone);
      add_row (grid, _("Location"), details->location);
      add_row (grid, _("Time zone"), details->location_timezone);
      add_row (grid, _("Coordinates"), details->coordinates);
      add_time_row (grid, _("Last seen"), details->contact_last_seen_at);
      add_row (grid, _("Identity ID"), details->contact_identity_id);
      add_row (grid, _("Fingerprint"), details->contact_fingerprint);
      if (grid_next_row (grid) == 0)
        add_row (grid, _("Contact"), _("No contact fields in this event"));
    }

  if (details->answers->len > 0)
    {
      grid = add_group (self, _("Qualification Answers"));
      for (guint i = 0; i < details->answers->len; i++)
        {
          ConvercAnswer *answer = g_ptr_array_index (details->answers, i);
          GtkWidget *label;

          label = add_row_full (grid,
                                answer->question != NULL ? answer->question : _("Question"),
                                answer->answer != NULL ? answer->answer : _("(no answer)"),
                                FALSE);
          if (label != NULL && answer->type != NULL)
            gtk_widget_set_tooltip_text (label, answer->type);
        }
    }

  if (details->has_recording)
    {
      g_autofree char *expires = format_seconds (details->recording_expires_in);

      grid = add_group (self, _("Recording"));
      add_row (grid, _("Available"), details->recording_available ? _("Yes") : _("No"));
      add_link_row (grid, _("Video"), details->video_url);
      add_link_row (grid, _("Audio"), details->audio_url);
      add_row (grid, _("Links expire in"), expires);
    }

  if (details->transcript != NULL)
    {
      GtkWidget *box;
      GtkWidget *heading;
      GtkWidget *label;

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      heading = gtk_label_new (_("Transcript"));
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (box), heading);

      label = gtk_label_new (NULL);
      gtk_label_set_text (GTK_LABEL (label), details->transcript);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                      -1);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (self->summary_box, box);
    }
}

static char *
dup_json (CwEventDetail *self)
{
  char *json;

  g_assert (CW_IS_EVENT_DETAIL (self));

  if (self->event == NULL)
    return NULL;

  json = converc_event_dup_pretty_json (self->event);
  if (json == NULL)
    {
      GBytes *raw = converc_event_get_raw (self->event);
      gsize len = 0;
      const char *data = raw != NULL ? g_bytes_get_data (raw, &len) : NULL;

      /* Not JSON we can indent: show the bytes as they came (valid UTF-8 only). */
      json = data != NULL ? g_utf8_make_valid (data, len) : g_strdup ("");
    }

  return json;
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

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
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
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  languages = gtk_source_language_manager_get_default ();
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer),
                                  gtk_source_language_manager_get_language (languages, "json"));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
}

static void
update (CwEventDetail *self)
{
  g_autofree char *json = NULL;
  GtkTextBuffer *buffer;
  gboolean has_event;

  g_assert (CW_IS_EVENT_DETAIL (self));

  has_event = self->event != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.copy-id",
                                 has_event && converc_event_get_id (self->event) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.copy-json", has_event);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.save-json", has_event);

  g_clear_handle_id (&self->feedback_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), FALSE);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));

  if (!has_event)
    {
      clear_summary (self);
      gtk_text_buffer_set_text (buffer, "", 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  build_summary (self);
  json = dup_json (self);
  ensure_highlighting (self);
  gtk_text_buffer_set_text (buffer, json, -1);

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

static void
copy_json_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CwEventDetail *self = CW_EVENT_DETAIL (widget);
  g_autofree char *json = NULL;

  if (self->event == NULL)
    return;

  json = dup_json (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), json);
  cw_event_detail_feedback (self, _("JSON copied"), FALSE);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CwEventDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = G_FILE (object);

  if (!g_file_replace_contents_finish (file, result, NULL, &error))
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
  json = dup_json (self);
  len = strlen (json);
  json = g_realloc (json, len + 2);
  json[len] = '\n';
  json[len + 1] = '\0';
  bytes = g_bytes_new_take (g_steal_pointer (&json), len + 1);

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, save_cb, g_object_ref (self));
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

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-event-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, json_heading);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, source_view);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, summary_box);
  gtk_widget_class_bind_template_child (widget_class, CwEventDetail, title_label);

  gtk_widget_class_install_action (widget_class, "event.copy-id", NULL, copy_id_action);
  gtk_widget_class_install_action (widget_class, "event.copy-json", NULL, copy_json_action);
  gtk_widget_class_install_action (widget_class, "event.save-json", NULL, save_json_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "event.save-json", NULL);
}

static void
cw_event_detail_init (CwEventDetail *self)
{
  g_autoptr(GtkSourceBuffer) buffer = NULL;

  gtk_source_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->keys = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_BUFFER (buffer));

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

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
