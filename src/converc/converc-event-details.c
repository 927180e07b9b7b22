/* converc-event-details.c
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

/* The one concern of this file: the detail model of an event — what the detail view shows,
 * read from the payload when the event is opened. */

#define G_LOG_DOMAIN "converc-event-details"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "converc-error.h"
#include "converc-event-details.h"
#include "converc-event-types.h"
#include "converc-json-private.h"
#include "converc-json-scan.h"
#include "converc-parse.h"

/* Any scalar as text; containers as compact JSON; null as NULL. */
static char *
node_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *text = node_to_text (json_array_get_element (array, i));

          if (text != NULL)
            g_strv_builder_add (parts, text);
        }
      strv = g_strv_builder_end (parts);
      return strv[0] != NULL ? g_strjoinv (", ", strv) : NULL;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *label = json_object_get_member (object, "label");

      /* A chosen option: {"label": "...", "value": "..."} */
      if (label != NULL && JSON_NODE_HOLDS_VALUE (label))
        return node_to_text (label);

      return json_to_string (node, FALSE);
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", json_node_get_double (node)));
      }

    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));

    default:
      return NULL;
    }
}

static char *
text_member (JsonObject *object,
             const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  return node_to_text (node);
}

static gboolean
number_member (JsonObject *object,
               const char *name,
               double     *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = (double)json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return TRUE;
    case G_TYPE_STRING:
      {
        char *end = NULL;
        const char *s = json_node_get_string (node);

        *value = g_ascii_strtod (s, &end);
        return end != s && end != NULL && *end == '\0';
      }
    default:
      return FALSE;
    }
}

static void
answer_free (ConvercAnswer *answer)
{
  g_free (answer->question);
  g_free (answer->type);
  g_free (answer->answer);
  g_free (answer);
}

static char *
format_location (JsonObject *location)
{
  g_autofree char *city = text_member (location, "city");
  g_autofree char *region = text_member (location, "region");
  g_autofree char *country = text_member (location, "country");
  g_autofree char *code = text_member (location, "countryCode");
  GString *out = g_string_new (NULL);
  const char *parts[] = { city, region, country };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || parts[i][0] == '\0')
        continue;
      /* "Berlin, Berlin" reads badly: skip a region equal to the city. */
      if (i == 1 && g_strcmp0 (parts[1], parts[0]) == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, parts[i]);
    }

  if (code != NULL && code[0] != '\0')
    {
      if (out->len > 0)
        g_string_append_printf (out, " (%s)", code);
      else
        g_string_append (out, code);
    }

  return g_string_free (out, out->len == 0);
}

static void
transcript_line_free (ConvercTranscriptLine *line)
{
  g_free (line->speaker);
  g_free (line->text);
  g_free (line);
}

/* Adds @text (taken) as lines of at most CONVERC_TRANSCRIPT_LINE_MAX bytes:
 * split at its line breaks, and a long line at its last space (or at a
 * character boundary) before the limit. A 5 MB transcript string becomes
 * lines a view can show lazily instead of one paragraph to lay out. */
static void
add_transcript_line (GPtrArray *lines,
                     char      *speaker,
                     char      *text)
{
  const char *p = text;
  const char *end = text + strlen (text);
  gboolean first = TRUE;

  while (p < end || first)
    {
      ConvercTranscriptLine *line = g_new (ConvercTranscriptLine, 1);
      const char *stop = memchr (p, '\n', end - p);
      const char *next;

      if (stop == NULL)
        stop = end;
      next = stop < end ? stop + 1 : end;

      if (stop - p > CONVERC_TRANSCRIPT_LINE_MAX)
        {
          const char *cut = p + CONVERC_TRANSCRIPT_LINE_MAX;
          const char *space = g_strrstr_len (p, cut - p, " ");

          if (space != NULL && space - p > CONVERC_TRANSCRIPT_LINE_MAX / 2)
            {
              stop = space;
              next = space + 1;
            }
          else
            {
              /* No space: cut before the character that crosses the limit. */
              while (cut > p + 1 && ((guchar)*cut & 0xC0) == 0x80)
                cut--;
              stop = next = cut;
            }
        }

      if (stop > p && stop[-1] == '\r')
        stop--;

      line->speaker = first ? speaker : NULL;
      line->text = g_strndup (p, stop - p);
      g_ptr_array_add (lines, line);
      first = FALSE;
      p = next;
    }

  g_free (text);
}

/* One segment of a transcript array: {"speaker", "text"} or a bare value.
 * A #ReadElementFunc. */
static void
add_segment (gpointer  lines,
             JsonNode *element,
             guint     index,
             gpointer  user_data)
{
  char *speaker = NULL;
  char *text = NULL;

  if (JSON_NODE_HOLDS_OBJECT (element))
    {
      JsonObject *segment = json_node_get_object (element);

      text = text_member (segment, "text");
      if (text == NULL)
        text = text_member (segment, "content");
      if (text != NULL)
        {
          speaker = text_member (segment, "speaker");
          if (speaker == NULL)
            speaker = text_member (segment, "role");
          if (speaker == NULL)
            speaker = text_member (segment, "from");
        }
    }
  else
    {
      text = node_to_text (element);
    }

  if (text != NULL)
    add_transcript_line (lines, speaker, text);
}

/* The members of a transcript object that can hold its segments: the
 * first that is an array does. */
static const char * const segment_names[] = {
  "segments", "messages", "entries", "lines", "utterances"
};

/* One line per segment, however many: the view shows them lazily. */
static GPtrArray *
read_transcript (JsonNode *node)
{
  g_autoptr(GPtrArray) lines = NULL;
  JsonArray *segments = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify)transcript_line_free);

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      char *text = node_to_text (node);

      if (text != NULL)
        add_transcript_line (lines, NULL, text);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      segments = json_node_get_array (node);
    }
  else
    {
      JsonObject *object = json_node_get_object (node);

      for (guint i = 0; i < G_N_ELEMENTS (segment_names) && segments == NULL; i++)
        segments = converc_json_array_member (object, segment_names[i]);

      if (segments == NULL)
        {
          char *text = text_member (object, "text");

          add_transcript_line (lines, NULL, text != NULL ? text : json_to_string (node, TRUE));
        }
    }

  for (guint i = 0; segments != NULL && i < json_array_get_length (segments); i++)
    add_segment (lines, json_array_get_element (segments, i), i, NULL);

  if (lines->len == 0)
    return NULL;

  return g_steal_pointer (&lines);
}

/* One qualification answer. A #ReadElementFunc. */
static void
add_answer (gpointer  answers,
            JsonNode *element,
            guint     index,
            gpointer  user_data)
{
  JsonObject *entry;
  JsonObject *question;
  JsonNode *answer_node;
  ConvercAnswer *answer;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return;

  entry = json_node_get_object (element);
  question = converc_json_object_member (entry, "question");
  answer = g_new0 (ConvercAnswer, 1);
  answer->question = text_member (question, "label");
  if (answer->question == NULL)
    answer->question = text_member (entry, "questionId");
  if (answer->question == NULL)
    answer->question = g_strdup_printf (_("Question %u"), index + 1);
  answer->type = text_member (question, "type");

  answer_node = json_object_get_member (entry, "answer");
  if (answer_node != NULL && JSON_NODE_HOLDS_OBJECT (answer_node) &&
      json_object_has_member (json_node_get_object (answer_node), "value"))
    answer->answer = node_to_text (json_object_get_member (json_node_get_object (answer_node),
                                                           "value"));
  else
    answer->answer = node_to_text (answer_node);

  g_ptr_array_add (answers, answer);
}

/* Large arrays of the payload (a transcript of 200,000 segments, 20,000
 * answers) are not parsed into one tree, which takes about eleven times
 * their size: they are cut out of the bytes and read a slice of elements
 * at a time, each slice's tree freed before the next. */
#define LARGE_ARRAY_BYTES (64 * 1024)
#define SLICE_BYTES       (32 * 1024)

typedef void (*ReadElementFunc) (gpointer  into,
                                 JsonNode *element,
                                 guint     index,
                                 gpointer  user_data);

typedef struct
{
  gsize start;  /* at its '[' */
  gsize end;    /* after its ']'; 0 when there is none */
} LargeArray;

/* Finds data.<member> when it is an array of more than LARGE_ARRAY_BYTES. */
static void
find_large_array (const char *raw,
                  gsize       raw_len,
                  gsize       data_start,
                  const char *member,
                  LargeArray *found)
{
  gsize start, end;

  *found = (LargeArray) { 0, 0 };
  if (converc_json_member_range (raw, raw_len, data_start, member, &start, &end) &&
      raw[start] == '[' && end - start > LARGE_ARRAY_BYTES && raw[end - 1] == ']')
    *found = (LargeArray) { start, end };
}

/* Finds the transcript's segments when they are a large array: data.transcript
 * itself, or the member of data.transcript that read_transcript() would
 * take ({"segments": [...]}, the documented shape). */
static void
find_large_transcript (const char *raw,
                       gsize       raw_len,
                       gsize       data_start,
                       LargeArray *found)
{
  gsize start, end;

  find_large_array (raw, raw_len, data_start, "transcript", found);
  if (found->end > 0 ||
      !converc_json_member_range (raw, raw_len, data_start, "transcript", &start, &end) ||
      raw[start] != '{')
    return;

  for (guint i = 0; i < G_N_ELEMENTS (segment_names); i++)
    {
      gsize member_start, member_end;

      if (!converc_json_member_range (raw, end, start, segment_names[i],
                                      &member_start, &member_end) ||
          raw[member_start] != '[')
        continue;

      /* The first array is the segments, large or not. */
      find_large_array (raw, end, start, segment_names[i], found);
      return;
    }
}

static void
read_slice (JsonParser      *parser,
            GString         *slice,
            guint           *index,
            ReadElementFunc  func,
            gpointer         into)
{
  JsonArray *array;

  g_string_append_c (slice, ']');
  /* The whole payload was JSON, so is a slice of its elements; should it
   * not be, the slice is left out rather than the event. */
  if (json_parser_load_from_data (parser, slice->str, slice->len, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      array = json_node_get_array (json_parser_get_root (parser));
      for (guint i = 0; i < json_array_get_length (array); i++)
        func (into, json_array_get_element (array, i), (*index)++, NULL);
    }
  g_string_truncate (slice, 0);
}

static void
read_large_array (const char       *raw,
                  gsize             raw_len,
                  const LargeArray *large,
                  ReadElementFunc   func,
                  gpointer          into)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) slice = g_string_sized_new (SLICE_BYTES + 1024);
  gsize i = large->start + 1;
  guint index = 0;

  while (TRUE)
    {
      gsize end;

      i = converc_json_skip_space (raw, large->end, i);
      if (i >= large->end - 1 || raw[i] == ']')
        break;
      end = converc_json_skip_value (raw, large->end - 1, i);
      if (end <= i)
        break;

      g_string_append_c (slice, slice->len == 0 ? '[' : ',');
      g_string_append_len (slice, raw + i, end - i);
      if (slice->len >= SLICE_BYTES)
        read_slice (parser, slice, &index, func, into);

      i = converc_json_skip_space (raw, large->end, end);
      if (i < large->end && raw[i] == ',')
        i++;
    }
  if (slice->len > 0)
    read_slice (parser, slice, &index, func, into);
}

/* The payload's bytes with the large arrays made "null", for one tree of
 * everything else. */
static GBytes *
without_large_arrays (const char       *raw,
                      gsize             raw_len,
                      const LargeArray *first,
                      const LargeArray *second)
{
  const LargeArray *cut[2] = { first, second };
  GString *out = g_string_sized_new (raw_len);
  gsize at = 0;

  if (second->end > 0 && (first->end == 0 || second->start < first->start))
    {
      cut[0] = second;
      cut[1] = first;
    }

  for (guint i = 0; i < 2; i++)
    {
      if (cut[i]->end == 0)
        continue;
      g_string_append_len (out, raw + at, cut[i]->start - at);
      g_string_append (out, "null");
      at = cut[i]->end;
    }
  g_string_append_len (out, raw + at, raw_len - at);

  return g_string_free_to_bytes (out);
}

char *
converc_format_duration (gint64 seconds)
{
  if (seconds < 0)
    return NULL;

  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int)((seconds / 60) % 60), (int)(seconds % 60));

  return g_strdup_printf ("%d:%02d", (int)(seconds / 60), (int)(seconds % 60));
}

/**
 * converc_event_details_new:
 * @event: an event
 * @error: a #GError
 *
 * Parses @event's bytes again and reads everything the detail view shows.
 * Any member may be missing, null or of another type; only bytes that are
 * not a JSON object are an error.
 *
 * Returns: (transfer full): the details
 */
ConvercEventDetails *
converc_event_details_new (ConvercEvent  *event,
                           GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ConvercEventDetails) details = NULL;
  JsonObject *object;
  JsonObject *data;
  JsonObject *call;
  JsonObject *contact;
  JsonObject *location;
  JsonObject *recording;
  JsonArray *answers;
  LargeArray large_transcript = { 0, 0 };
  LargeArray large_answers = { 0, 0 };
  const char *raw;
  gsize raw_len = 0;
  gsize data_start = 0, data_end = 0;
  double latitude, longitude;

  g_return_val_if_fail (CONVERC_IS_EVENT (event), NULL);

  raw = g_bytes_get_data (converc_event_get_raw (event), &raw_len);
  data_start = converc_json_skip_space (raw, raw_len, 0);
  if (data_start < raw_len && converc_json_member_range (raw, raw_len, data_start, "data",
                                                         &data_start, &data_end))
    {
      find_large_transcript (raw, raw_len, data_start, &large_transcript);
      find_large_array (raw, raw_len, data_start, "qualificationAnswers", &large_answers);
    }

  if (large_transcript.end > 0 || large_answers.end > 0)
    {
      g_autoptr(GBytes) rest = without_large_arrays (raw, raw_len,
                                                     &large_transcript, &large_answers);
      const char *rest_data;
      gsize rest_len;

      rest_data = g_bytes_get_data (rest, &rest_len);
      root = converc_parse_json (rest_data, rest_len, error);
    }
  else
    {
      root = converc_event_parse_payload (event, error);
    }
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
                           _("The event is not a JSON object."));
      return NULL;
    }

  object = json_node_get_object (root);
  data = converc_json_object_member (object, "data");
  call = converc_json_object_member (data, "call");
  contact = converc_json_object_member (data, "contact");
  location = converc_json_object_member (contact, "location");
  recording = converc_json_object_member (data, "recording");
  answers = converc_json_array_member (data, "qualificationAnswers");

  details = g_new0 (ConvercEventDetails, 1);
  details->answers = g_ptr_array_new_with_free_func ((GDestroyNotify)answer_free);

  details->id = text_member (object, "id");
  details->type = text_member (object, "type");
  if (details->type == NULL)
    details->type = text_member (object, "eventType");
  details->type_description = g_strdup (converc_event_type_describe (details->type));
  details->created_at = text_member (object, "createdAt");
  details->organization_id = text_member (object, "organizationId");

  details->has_call = call != NULL;
  details->call_id = text_member (call, "id");
  details->call_status = text_member (call, "status");
  details->media_type = text_member (call, "mediaType");
  details->requested_at = text_member (call, "requestedAt");
  details->accepted_at = text_member (call, "acceptedAt");
  details->ended_at = text_member (call, "endedAt");
  details->accepted_by = text_member (call, "acceptedBy");
  details->session_id = text_member (call, "sessionId");
  details->site_id = text_member (call, "siteId");
  details->visitor_fingerprint = text_member (call, "visitorFingerprint");
  details->qualification_flow_id = text_member (call, "qualificationFlowId");
  details->duration = converc_event_get_duration (event);

  details->has_contact = contact != NULL;
  details->contact_identity_id = text_member (contact, "identityId");
  details->contact_fingerprint = text_member (contact, "fingerprint");
  details->contact_name = text_member (contact, "name");
  details->contact_email = text_member (contact, "email");
  details->contact_phone = text_member (contact, "phone");
  details->contact_last_seen_at = text_member (contact, "lastSeenAt");
  if (location != NULL)
    {
      details->location = format_location (location);
      details->location_timezone = text_member (location, "timezone");
      if (number_member (location, "latitude", &latitude) &&
          number_member (location, "longitude", &longitude))
        {
          char lat[G_ASCII_DTOSTR_BUF_SIZE];
          char lon[G_ASCII_DTOSTR_BUF_SIZE];

          details->coordinates = g_strdup_printf ("%s, %s",
                                                  g_ascii_formatd (lat, sizeof lat, "%.4f", latitude),
                                                  g_ascii_formatd (lon, sizeof lon, "%.4f", longitude));
        }
    }

  for (guint i = 0; answers != NULL && i < json_array_get_length (answers); i++)
    add_answer (details->answers, json_array_get_element (answers, i), i, NULL);
  if (large_answers.end > 0)
    read_large_array (raw, raw_len, &large_answers, add_answer, details->answers);

  details->has_recording = recording != NULL;
  details->recording_expires_in = -1;
  if (recording != NULL)
    {
      JsonNode *available = json_object_get_member (recording, "available");
      double expires;

      details->recording_available = available != NULL && JSON_NODE_HOLDS_VALUE (available) &&
                                     json_node_get_value_type (available) == G_TYPE_BOOLEAN &&
                                     json_node_get_boolean (available);
      details->video_url = text_member (recording, "videoUrl");
      details->audio_url = text_member (recording, "audioUrl");
      if (number_member (recording, "expiresInSeconds", &expires) && expires >= 0 &&
          expires < (double)G_MAXINT64)
        details->recording_expires_in = (gint64)expires;
    }

  if (large_transcript.end > 0)
    {
      details->transcript = g_ptr_array_new_with_free_func ((GDestroyNotify)transcript_line_free);
      read_large_array (raw, raw_len, &large_transcript, add_segment, details->transcript);
      if (details->transcript->len == 0)
        g_clear_pointer (&details->transcript, g_ptr_array_unref);
    }
  else
    {
      details->transcript = read_transcript (data != NULL ? json_object_get_member (data, "transcript")
                                                          : NULL);
    }

  return g_steal_pointer (&details);
}

void
converc_event_details_free (ConvercEventDetails *details)
{
  if (details == NULL)
    return;

  g_free (details->id);
  g_free (details->type);
  g_free (details->type_description);
  g_free (details->created_at);
  g_free (details->organization_id);
  g_free (details->call_id);
  g_free (details->call_status);
  g_free (details->media_type);
  g_free (details->requested_at);
  g_free (details->accepted_at);
  g_free (details->ended_at);
  g_free (details->accepted_by);
  g_free (details->session_id);
  g_free (details->site_id);
  g_free (details->visitor_fingerprint);
  g_free (details->qualification_flow_id);
  g_free (details->contact_identity_id);
  g_free (details->contact_fingerprint);
  g_free (details->contact_name);
  g_free (details->contact_email);
  g_free (details->contact_phone);
  g_free (details->contact_last_seen_at);
  g_free (details->location);
  g_free (details->location_timezone);
  g_free (details->coordinates);
  g_clear_pointer (&details->answers, g_ptr_array_unref);
  g_free (details->video_url);
  g_free (details->audio_url);
  g_clear_pointer (&details->transcript, g_ptr_array_unref);
  g_free (details);
}
