/* cw-event-summary.c
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

/* The readable summary of an event in the detail view. */

#define G_LOG_DOMAIN "cw-event-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-detail-list.h"
#include "cw-event-summary.h"
#include "cw-machine-text.h"
#include "cw-time-format.h"
#include "cw-toast.h"

/* What a label may show of server text (characters). Layout of text without
 * spaces grows much faster than its length (11 s for 10,000 characters in a
 * wrapping label), so every string is capped; the JSON has it whole. */
#define KEY_MAX           80
#define FIELD_MAX         128
/* A link button shows its whole target on one line (ellipsized in the
 * middle, whole in the tooltip): no wrapping, so a longer cap is cheap. */
#define URL_MAX           1024
#define ANSWER_MAX        200
#define ERROR_MAX         500
#define TRANSCRIPT_MAX    CONVERC_TRANSCRIPT_LINE_MAX
/* Lists show their first items, then all of them lazily on request. */
#define N_PREVIEW         20

/* What the heading may show of the type and of the contact (characters). */
#define HEADING_MAX       80

#define ONE_LINE  CONVERC_DISPLAY_TEXT_ONE_LINE
#define IDENTITY  CONVERC_DISPLAY_TEXT_IDENTITY

static GtkWidget *
add_group (GtkBox       *summary,
           GtkSizeGroup *keys,
           const char   *title)
{
  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *grid;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_box_append (GTK_BOX (box), grid);

  gtk_box_append (summary, box);
  /* Keys of every group line up. */
  g_object_set_data (G_OBJECT (grid), "cw-keys", keys);
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
  g_autofree char *shown = NULL;
  GtkWidget *label = gtk_label_new (NULL);
  GtkSizeGroup *keys = g_object_get_data (G_OBJECT (grid), "cw-keys");

  /* Keys may be server text too (question labels). */
  /* Wrapping keys are question labels: prose. */
  shown = converc_display_text (key, -1, KEY_MAX,
                                aligned ? ONE_LINE : ONE_LINE | CONVERC_DISPLAY_TEXT_BREAK_RUNS);
  gtk_label_set_text (GTK_LABEL (label), shown);
  if (aligned && keys != NULL)
    gtk_size_group_add_widget (keys, label);
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

static void
copy_value_clicked_cb (GtkButton *button)
{
  const char *value = g_object_get_data (G_OBJECT (button), "cw-value");

  if (value == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), value);
  cw_widget_add_toast (GTK_WIDGET (button), _("Copied"));
}

/* A small button in the third column that copies @value, exactly, and
 * nothing else. Named after its key for a screen reader. @owner, when
 * given, holds @value: the button keeps a reference on it rather than a
 * copy of a value that may be long. */
static void
add_copy_button (GtkWidget  *grid,
                 GtkWidget  *key_label,
                 const char *value,
                 GPtrArray  *owner,
                 int         row)
{
  g_autofree char *name = NULL;
  GtkWidget *button;

  button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "copy-value");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Copy"));
  /* Translators: the name of a button that copies one value, "Copy Email" */
  name = g_strdup_printf (_("Copy %s"), gtk_label_get_text (GTK_LABEL (key_label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  if (owner != NULL)
    {
      g_object_set_data_full (G_OBJECT (button), "cw-value-owner",
                              g_ptr_array_ref (owner), (GDestroyNotify)g_ptr_array_unref);
      g_object_set_data (G_OBJECT (button), "cw-value", (gpointer)value);
    }
  else
    {
      g_object_set_data_full (G_OBJECT (button), "cw-value", g_strdup (value), g_free);
    }
  g_signal_connect (button, "clicked", G_CALLBACK (copy_value_clicked_cb), NULL);
  gtk_grid_attach (GTK_GRID (grid), button, 2, row, 1, 1);
}

/* Adds "key: value" to @grid. @value is server text: set as plain text,
 * capped to @max_chars, on one line, anything invisible made visible.
 * @aligned: line the key up with the keys of the other groups. */
static GtkWidget *
add_row_full (GtkWidget               *grid,
              const char              *key,
              const char              *value,
              gboolean                 aligned,
              gsize                    max_chars,
              ConvercDisplayTextFlags  flags,
              GPtrArray               *owner)
{
  g_autofree char *shown = NULL;
  GtkWidget *key_label;
  GtkWidget *label;
  int row;

  if (value == NULL || value[0] == '\0')
    return NULL;

  row = grid_next_row (grid);
  key_label = add_key (grid, key, row, aligned);

  shown = converc_display_text (value, -1, max_chars, flags);
  label = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (label), shown);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  cw_label_bound_wrapping (GTK_LABEL (label));
  /* Ids, fingerprints, phones: never a hyphen that is not there. */
  cw_label_no_hyphens (GTK_LABEL (label));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  -1);
  gtk_grid_attach (GTK_GRID (grid), label, 1, row, 1, 1);
  add_copy_button (grid, key_label, value, owner, row);

  return label;
}

static GtkWidget *
add_row (GtkWidget  *grid,
         const char *key,
         const char *value)
{
  return add_row_full (grid, key, value, TRUE, FIELD_MAX, ONE_LINE | IDENTITY, NULL);
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
  formatted = cw_format_timestamp_zone (value);
  label = add_row (grid, key, formatted != NULL ? formatted : value);
  if (label != NULL && g_strcmp0 (formatted, value) != 0)
    {
      g_autofree char *raw = converc_display_text (value, -1, FIELD_MAX, ONE_LINE | IDENTITY);

      gtk_widget_set_tooltip_text (label, raw);
    }
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
  g_autofree char *tooltip = NULL;
  GtkWidget *button;
  GtkWidget *child;
  GtkWidget *key_label;
  int row;

  if (url == NULL || url[0] == '\0')
    return;

  /* Only a web link whose label can be the whole target, character for
   * character, becomes a button: a bidi override, an invisible character
   * or a cut would let the label hide where it leads. Anything else is
   * shown as text, with what hides made visible. */
  if (!is_web_link (url) || !converc_display_text_is_exact (url, URL_MAX, ONE_LINE | IDENTITY))
    {
      GtkWidget *label = add_row (grid, key, url);

      if (label != NULL && is_web_link (url))
        gtk_widget_set_tooltip_text (label,
                                     _("Not opened as a link: the address is too long or has "
                                       "hidden characters. The JSON below has it whole."));
      return;
    }

  row = grid_next_row (grid);
  key_label = add_key (grid, key, row, TRUE);

  button = gtk_link_button_new_with_label (url, url);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_hexpand (button, TRUE);
  /* Level with its key, not indented: no button padding (style.css). */
  gtk_widget_add_css_class (button, "inline-link");
  /* The tooltip wraps: break opportunities keep that cheap. */
  tooltip = converc_display_text (url, -1, 0, CONVERC_DISPLAY_TEXT_BREAK_RUNS);
  gtk_widget_set_tooltip_text (button, tooltip);
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
  add_copy_button (grid, key_label, url, NULL, row);
}

static char *
format_answer (gconstpointer item)
{
  const ConvercAnswer *answer = item;
  g_autofree char *question = converc_display_text (answer->question != NULL ? answer->question
                                                                             : _("Question"),
                                                    -1, KEY_MAX, ONE_LINE);
  g_autofree char *text = converc_display_text (answer->answer != NULL ? answer->answer
                                                                       : _("(no answer)"),
                                                -1, ANSWER_MAX,
                                                ONE_LINE | CONVERC_DISPLAY_TEXT_BREAK_RUNS);

  /* Translators: a question and its answer in a list */
  return g_strdup_printf (_("%s: %s"), question, text);
}

static char *
format_transcript_line (gconstpointer item)
{
  const ConvercTranscriptLine *line = item;
  g_autofree char *text = converc_display_text (line->text, -1, TRANSCRIPT_MAX,
                                                CONVERC_DISPLAY_TEXT_BREAK_RUNS);
  g_autofree char *speaker = NULL;

  if (line->speaker == NULL)
    return g_steal_pointer (&text);

  speaker = converc_display_text (line->speaker, -1, KEY_MAX, ONE_LINE | IDENTITY);
  /* Translators: who said what, in a transcript */
  return g_strdup_printf (_("%s: %s"), speaker, text);
}

static GtkWidget *
add_heading_box (GtkBox      *summary,
                 const char  *title,
                 GtkWidget  **heading_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (summary, box);
  *heading_out = heading;

  return box;
}

static void
add_answers (GtkBox                    *summary,
             const ConvercEventDetails *details)
{
  g_autofree char *show_all = NULL;
  GtkWidget *heading;
  GtkWidget *box;
  GtkWidget *grid;
  guint n = details->answers->len;

  box = add_heading_box (summary, _("Qualification Answers"), &heading);
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (grid),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);

  for (guint i = 0; i < MIN (n, N_PREVIEW); i++)
    {
      ConvercAnswer *answer = g_ptr_array_index (details->answers, i);
      GtkWidget *label;

      label = add_row_full (grid,
                            answer->question != NULL ? answer->question : _("Question"),
                            answer->answer != NULL ? answer->answer : _("(no answer)"),
                            FALSE, ANSWER_MAX, ONE_LINE | CONVERC_DISPLAY_TEXT_BREAK_RUNS,
                            details->answers);
      if (label != NULL && answer->type != NULL)
        {
          g_autofree char *type = converc_display_text (answer->type, -1, KEY_MAX, ONE_LINE);

          gtk_widget_set_tooltip_text (label, type);
        }
    }

  show_all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Answer…",
                                           "Show All %u Answers…", n), n);
  gtk_box_append (GTK_BOX (box),
                  cw_detail_list_new (details->answers, format_answer, grid, N_PREVIEW,
                                      show_all, heading));
}

static void
add_transcript (GtkBox                    *summary,
                const ConvercEventDetails *details)
{
  g_autofree char *show_all = NULL;
  GtkWidget *heading;
  GtkWidget *box;
  guint n = details->transcript->len;

  box = add_heading_box (summary, _("Transcript"), &heading);
  show_all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Line…",
                                           "Show All %u Lines…", n), n);
  gtk_box_append (GTK_BOX (box),
                  cw_detail_list_new (details->transcript, format_transcript_line, NULL,
                                      N_PREVIEW, show_all, heading));
}

/**
 * cw_event_summary_build:
 * @summary: the box to fill
 * @keys: lines up the keys of every group
 * @event: the event
 * @details: (nullable): what was read from its payload
 * @error: (nullable): why @details is %NULL
 *
 * Fills @summary with the readable groups of @event: Event, Call, Contact,
 * Qualification Answers, Recording and Transcript. Every server string goes
 * through converc_display_text(); long lists show their first items.
 */
void
cw_event_summary_build (GtkBox                    *summary,
                        GtkSizeGroup              *keys,
                        ConvercEvent              *event,
                        const ConvercEventDetails *details,
                        const GError              *error)
{
  g_autofree char *duration = NULL;
  GtkWidget *grid;

  g_return_if_fail (GTK_IS_BOX (summary));
  g_return_if_fail (CONVERC_IS_EVENT (event));

  if (details == NULL)
    {
      g_autofree char *reason = NULL;
      g_autofree char *text = NULL;
      GtkWidget *label;

      /* Show what the list knows, and why the rest is missing. */
      reason = converc_display_text (error != NULL ? error->message : _("unknown error"), -1,
                                     ERROR_MAX, ONE_LINE);
      text = g_strdup_printf (_("The payload of this event could not be read: %s"), reason);
      label = gtk_label_new (NULL);
      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (summary, label);

      grid = add_group (summary, keys, _("Event"));
      add_row (grid, _("ID"), converc_event_get_id (event));
      add_row (grid, _("Type"), converc_event_get_event_type (event));
      add_time_row (grid, _("Created"), converc_event_get_created_at (event));
      add_row (grid, _("Contact"), converc_event_get_contact_name (event));
      add_row (grid, _("Email"), converc_event_get_contact_email (event));
      add_row (grid, _("Phone"), converc_event_get_contact_phone (event));
      return;
    }

  grid = add_group (summary, keys, _("Event"));
  add_row (grid, _("ID"), details->id != NULL ? details->id : "—");
  add_row (grid, _("Type"), details->type != NULL ? details->type : "—");
  add_time_row (grid, _("Created"), details->created_at);
  add_row (grid, _("Organization"), details->organization_id);

  if (details->has_call)
    {
      duration = cw_format_span (details->duration);

      grid = add_group (summary, keys, _("Call"));
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
      grid = add_group (summary, keys, _("Contact"));
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
    add_answers (summary, details);

  if (details->has_recording)
    {
      g_autofree char *expires = cw_format_span (details->recording_expires_in);

      grid = add_group (summary, keys, _("Recording"));
      add_row (grid, _("Available"), details->recording_available ? _("Yes") : _("No"));
      add_link_row (grid, _("Video"), details->video_url);
      add_link_row (grid, _("Audio"), details->audio_url);
      add_row (grid, _("Links expire in"), expires);
    }

  if (details->transcript != NULL)
    add_transcript (summary, details);
}

/**
 * cw_event_summary_dup_heading:
 * @event: the event
 * @now_unix: the current time, in seconds since 1970
 *
 * Returns: (transfer full): what a support person looks for first: the
 *   type, who, and when, "call.ended · Kwame Mensah · 10:42"; each part
 *   bounded, on one line, with anything invisible made visible
 */
char *
cw_event_summary_dup_heading (ConvercEvent *event,
                              gint64        now_unix)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *type = NULL;
  g_autofree char *when = NULL;
  const char *who;

  g_return_val_if_fail (CONVERC_IS_EVENT (event), NULL);

  type = converc_display_text (converc_event_get_event_type (event) != NULL
                                 ? converc_event_get_event_type (event)
                                 : _("Event without a type"),
                               -1, HEADING_MAX, ONE_LINE | IDENTITY);
  g_string_append (out, type);

  who = converc_event_get_contact_name (event);
  if (who == NULL || who[0] == '\0')
    who = converc_event_get_contact_email (event);
  if (who == NULL || who[0] == '\0')
    who = converc_event_get_contact_phone (event);
  if (who != NULL && who[0] != '\0')
    {
      g_autofree char *shown = converc_display_text (who, -1, HEADING_MAX, ONE_LINE | IDENTITY);

      g_string_append (out, " · ");
      g_string_append (out, shown);
    }

  when = cw_format_event_heading_time (event, now_unix);
  if (when != NULL)
    {
      g_string_append (out, " · ");
      g_string_append (out, when);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
