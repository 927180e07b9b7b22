/* test-event-details.c
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

#include "config.h"

#include "converc.h"
#include "converc-test-utils.h"

static ConvercEvent *
load_event (const char *name)
{
  g_autoptr(GBytes) bytes = converc_test_load_data (name);
  g_autoptr(GError) error = NULL;
  ConvercEvent *event = converc_parse_event (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

static ConvercEventDetails *
details_for_text (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(ConvercEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  ConvercEventDetails *details;

  event = converc_parse_event (bytes, &error);
  g_assert_no_error (error);
  details = converc_event_details_new (event, &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);
  return details;
}

static void
test_details_documented (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");
  g_autoptr(ConvercEventDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  ConvercAnswer *answer;

  details = converc_event_details_new (event, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (details->id, ==, "evt_01HQ3Z8K2M4N6P8R0T2V4X6Z8B");
  g_assert_cmpstr (details->type, ==, "call.ended");
  g_assert_cmpstr (details->type_description, ==, "A call ends");
  g_assert_cmpstr (details->organization_id, ==, "org_7f3c2a");
  g_assert_true (details->has_call);
  g_assert_cmpstr (details->call_status, ==, "completed");
  g_assert_cmpstr (details->media_type, ==, "video");
  g_assert_cmpstr (details->accepted_by, ==, "rep_grace_hopper");
  g_assert_cmpstr (details->qualification_flow_id, ==, "qf_sales");
  g_assert_cmpint (details->duration, ==, 4 * 60 + 12);

  g_assert_true (details->has_contact);
  g_assert_cmpstr (details->contact_name, ==, "Ada Lovelace");
  g_assert_cmpstr (details->contact_email, ==, "ada@example.com");
  g_assert_cmpstr (details->contact_phone, ==, "+44 20 7946 0958");
  g_assert_cmpstr (details->location, ==, "London, England, United Kingdom (GB)");
  g_assert_cmpstr (details->location_timezone, ==, "Europe/London");
  g_assert_cmpstr (details->coordinates, ==, "51.5072, -0.1276");

  g_assert_cmpuint (details->answers->len, ==, 2);
  answer = g_ptr_array_index (details->answers, 0);
  g_assert_cmpstr (answer->question, ==, "Which plan are you interested in?");
  g_assert_cmpstr (answer->type, ==, "select");
  g_assert_cmpstr (answer->answer, ==, "Enterprise Platinum");
  answer = g_ptr_array_index (details->answers, 1);
  g_assert_cmpstr (answer->answer, ==, "987654");

  g_assert_true (details->has_recording);
  g_assert_true (details->recording_available);
  g_assert_cmpstr (details->video_url, ==, "https://media.example.com/rec/call_9a8b7c6d.mp4");
  g_assert_cmpstr (details->audio_url, ==, "https://media.example.com/rec/call_9a8b7c6d.m4a");
  g_assert_cmpint (details->recording_expires_in, ==, 3600);
  g_assert_null (details->transcript);
}

static void
test_details_nulls (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-nulls.json");
  g_autoptr(ConvercEventDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  details = converc_event_details_new (event, &error);
  g_assert_no_error (error);
  g_assert_null (details->id);
  g_assert_null (details->type);
  g_assert_null (details->type_description);
  g_assert_true (details->has_call);
  g_assert_null (details->call_status);
  g_assert_cmpint (details->duration, ==, -1);
  g_assert_true (details->has_contact);
  g_assert_null (details->location);
  g_assert_null (details->coordinates);
  g_assert_cmpuint (details->answers->len, ==, 0);
  g_assert_false (details->has_recording);
  g_assert_null (details->transcript);
}

static void
test_details_unknown_type_and_empty (void)
{
  g_autoptr(ConvercEventDetails) details = details_for_text ("{\"type\":\"call.event\"}");

  g_assert_cmpstr (details->type, ==, "call.event");
  g_assert_null (details->type_description);
  g_assert_false (details->has_call);
  g_assert_false (details->has_contact);
  g_assert_nonnull (details->answers);
}

static void
test_details_answer_shapes (void)
{
  g_autoptr(ConvercEventDetails) details = details_for_text (
    "{\"data\":{\"qualificationAnswers\":["
    "{\"questionId\":\"q1\",\"answer\":{\"value\":[\"a\",\"b\",3]}},"
    "{\"question\":{\"label\":\"Agree?\",\"type\":\"boolean\"},\"answer\":{\"value\":true}},"
    "{\"question\":{\"label\":\"Pick\"},\"answer\":{\"value\":{\"label\":\"Gold\",\"value\":\"g\"}}},"
    "{\"question\":{\"label\":\"Ratio\"},\"answer\":{\"value\":0.25}},"
    "{\"question\":{\"label\":\"Skipped\"},\"answer\":{\"value\":null}},"
    "{\"question\":{\"label\":\"Bare\"},\"answer\":\"plain\"},"
    "42,"
    "{}"
    "]}}");
  const char *expected[][2] = {
    { "q1", "a, b, 3" },
    { "Agree?", "Yes" },
    { "Pick", "Gold" },
    { "Ratio", "0.25" },
    { "Skipped", NULL },
    { "Bare", "plain" },
    { "Question 8", NULL },
  };

  g_assert_cmpuint (details->answers->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ConvercAnswer *answer = g_ptr_array_index (details->answers, i);

      g_assert_cmpstr (answer->question, ==, expected[i][0]);
      g_assert_cmpstr (answer->answer, ==, expected[i][1]);
    }
}

/* The transcript as "speaker: text" lines, or NULL. */
static char *
transcript_text (ConvercEventDetails *details)
{
  GString *out;

  if (details->transcript == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < details->transcript->len; i++)
    {
      ConvercTranscriptLine *line = g_ptr_array_index (details->transcript, i);

      if (i > 0)
        g_string_append_c (out, '\n');
      if (line->speaker != NULL)
        g_string_append_printf (out, "%s: ", line->speaker);
      g_string_append (out, line->text);
    }

  return g_string_free (out, FALSE);
}

static void
test_details_location_and_transcript (void)
{
  g_autoptr(ConvercEventDetails) a = details_for_text (
    "{\"data\":{\"contact\":{\"location\":{\"city\":\"Berlin\",\"region\":\"Berlin\","
    "\"country\":\"Germany\",\"countryCode\":\"DE\",\"latitude\":\"52.52\",\"longitude\":13.405}},"
    "\"transcript\":{\"segments\":[{\"speaker\":\"Visitor\",\"text\":\"Hello\"},"
    "{\"role\":\"agent\",\"content\":\"Hi there\"},{\"text\":\"...\"},7]}}}");
  g_autoptr(ConvercEventDetails) b = details_for_text (
    "{\"data\":{\"contact\":{\"location\":{\"countryCode\":\"FR\"}},\"transcript\":\"Bonjour\"}}");
  g_autoptr(ConvercEventDetails) c = details_for_text (
    "{\"data\":{\"contact\":{\"location\":{}},\"transcript\":{\"other\":1},"
    "\"recording\":{\"available\":\"yes\",\"expiresInSeconds\":-5}}}");
  g_autofree char *a_text = transcript_text (a);
  g_autofree char *b_text = transcript_text (b);
  g_autofree char *c_text = transcript_text (c);


  g_assert_cmpstr (a->location, ==, "Berlin, Germany (DE)");
  g_assert_cmpstr (a->coordinates, ==, "52.5200, 13.4050");
  g_assert_cmpstr (a_text, ==, "Visitor: Hello\nagent: Hi there\n...\n7");

  g_assert_cmpstr (b->location, ==, "FR");
  g_assert_cmpstr (b_text, ==, "Bonjour");

  g_assert_null (c->location);
  g_assert_nonnull (c_text);
  g_assert_true (strstr (c_text, "other") != NULL);
  g_assert_true (c->has_recording);
  g_assert_false (c->recording_available);
  g_assert_cmpint (c->recording_expires_in, ==, -1);
}

/* Without spaces and line breaks, which may be where lines were cut. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\\')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* A huge transcript string becomes lines of bounded length, at spaces or
 * character boundaries, nothing else lost. */
static void
test_details_transcript_lines (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(ConvercEventDetails) details = NULL;
  g_autofree char *json = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  while (text->len < 3 * 1024 * 1024)
    g_string_append (text, "the order never arrived ");
  /* JSON escapes of a CRLF and a LF: squeeze() drops the backslashes too. */
  g_string_append (text, "first\\r\\nsecond\\n");
  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "\xc3\xa9");
  json = g_strdup_printf ("{\"data\":{\"transcript\":\"%s\"}}", text->str);

  details = details_for_text (json);
  g_assert_nonnull (details->transcript);
  g_assert_cmpuint (details->transcript->len, >, 3 * 1024);

  for (guint i = 0; i < details->transcript->len; i++)
    {
      ConvercTranscriptLine *line = g_ptr_array_index (details->transcript, i);

      g_assert_cmpuint (strlen (line->text), <=, CONVERC_TRANSCRIPT_LINE_MAX);
      g_assert_true (g_utf8_validate (line->text, -1, NULL));
      g_assert_null (strpbrk (line->text, "\r\n"));
      g_assert_null (line->speaker);
      g_string_append (joined, line->text);
    }

  want = squeeze (text->str);
  want[strlen (want) - 6000 - strlen ("firstrnsecondn")] = '\0';
  got = squeeze (joined->str);
  g_assert_true (g_str_has_prefix (got, want));
  g_string_truncate (text, 0);
  g_string_append (text, "firstsecond");
  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "\xc3\xa9");
  g_assert_true (g_str_has_suffix (got, text->str));
}

/* Arrays of more than 64 KB are read a slice at a time, not as one tree:
 * what they give must be what a small array gives, in order, with the rest
 * of the event (before and after them) read too. */
static void
test_details_large_arrays (void)
{
  g_autoptr(GString) json = g_string_new ("{\"id\":\"evt_large\",\"d\\u0061ta\":{");
  g_autoptr(ConvercEventDetails) details = NULL;
  const guint groups = 700;
  const guint segments = 4000;

  g_string_append (json, "\"qualificationAnswers\": [ ");
  for (guint g = 0; g < groups; g++)
    g_string_append_printf (json,
      "%s{\"questionId\":\"q%u\",\"answer\":{\"value\":[\"a]\",\"b[\",%u]}},"
      "{\"question\":{\"label\":\"Agree? {%u}\"},\"answer\":{\"value\":true}},"
      "42,{}",
      g > 0 ? " ,\n" : "", g, g, g);
  g_string_append (json, " ],\"contact\":{\"name\":\"Esi \\\"Quoted\\\" Boateng\"},"
                         "\"transcript\":[");
  for (guint i = 0; i < segments; i++)
    {
      if (i % 1000 == 999)
        g_string_append_printf (json, "%s\"bare line %u\"", i > 0 ? "," : "", i);
      else
        g_string_append_printf (json, "%s{\"speaker\":\"agent\",\"text\":\"Line %u ]}\\\"\"}",
                                i > 0 ? "," : "", i);
    }
  g_string_append (json, "],\"call\":{\"status\":\"ended\"}}}");
  g_assert_cmpuint (json->len, >, 2 * 64 * 1024);

  details = details_for_text (json->str);
  g_assert_cmpstr (details->id, ==, "evt_large");
  g_assert_cmpstr (details->contact_name, ==, "Esi \"Quoted\" Boateng");
  g_assert_cmpstr (details->call_status, ==, "ended");

  g_assert_cmpuint (details->answers->len, ==, groups * 3);
  for (guint g = 0; g < groups; g++)
    {
      ConvercAnswer *first = g_ptr_array_index (details->answers, 3 * g);
      ConvercAnswer *second = g_ptr_array_index (details->answers, 3 * g + 1);
      ConvercAnswer *empty = g_ptr_array_index (details->answers, 3 * g + 2);
      g_autofree char *id = g_strdup_printf ("q%u", g);
      g_autofree char *value = g_strdup_printf ("a], b[, %u", g);
      g_autofree char *label = g_strdup_printf ("Agree? {%u}", g);
      /* The 4th element of its group, counted from 1 over the whole array. */
      g_autofree char *numbered = g_strdup_printf ("Question %u", 4 * g + 4);

      g_assert_cmpstr (first->question, ==, id);
      g_assert_cmpstr (first->answer, ==, value);
      g_assert_cmpstr (second->question, ==, label);
      g_assert_cmpstr (second->answer, ==, "Yes");
      g_assert_cmpstr (empty->question, ==, numbered);
      g_assert_null (empty->answer);
    }

  g_assert_nonnull (details->transcript);
  g_assert_cmpuint (details->transcript->len, ==, segments);
  for (guint i = 0; i < segments; i++)
    {
      ConvercTranscriptLine *line = g_ptr_array_index (details->transcript, i);
      g_autofree char *text = i % 1000 == 999 ? g_strdup_printf ("bare line %u", i)
                                              : g_strdup_printf ("Line %u ]}\"", i);

      g_assert_cmpstr (line->text, ==, text);
      g_assert_cmpstr (line->speaker, ==, i % 1000 == 999 ? NULL : "agent");
    }
}

/* The documented shape, {"segments": [...]}, is read a slice at a time
 * too when large, and the member taken is the one a small transcript
 * object would give: the first of the known names that is an array. */
static void
test_details_large_transcript_object (void)
{
  /* Before and after the array. */
  const char *shapes[][2] = {
    { "{\"segments\":", "}" },
    { "{\"language\":\"en\",\"segments\":\"none\",\"messages\":", ",\"lines\":[\"no\"]}" },
    { "{\"segments\":[\"small\"],\"messages\":", "}" },
  };
  const guint segments = 3000;

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr(GString) array = g_string_new ("[");
      g_autoptr(ConvercEventDetails) details = NULL;
      g_autofree char *transcript = NULL;
      g_autofree char *json = NULL;

      for (guint i = 0; i < segments; i++)
        g_string_append_printf (array, "%s{\"speaker\":\"visitor\",\"text\":\"Segment %u: "
                                "when does the order arrive?\"}", i > 0 ? "," : "", i);
      g_string_append (array, "]");
      g_assert_cmpuint (array->len, >, 64 * 1024);

      transcript = g_strconcat (shapes[s][0], array->str, shapes[s][1], NULL);
      json = g_strdup_printf ("{\"id\":\"evt_t\",\"data\":{\"transcript\":%s,"
                              "\"call\":{\"status\":\"ended\"}}}", transcript);
      details = details_for_text (json);
      g_assert_cmpstr (details->call_status, ==, "ended");
      g_assert_nonnull (details->transcript);

      if (s == 2)
        {
          ConvercTranscriptLine *line = g_ptr_array_index (details->transcript, 0);

          g_assert_cmpuint (details->transcript->len, ==, 1);
          g_assert_cmpstr (line->text, ==, "small");
          continue;
        }

      g_assert_cmpuint (details->transcript->len, ==, segments);
      for (guint i = 0; i < segments; i += 999)
        {
          ConvercTranscriptLine *line = g_ptr_array_index (details->transcript, i);
          g_autofree char *text = g_strdup_printf ("Segment %u: when does the order arrive?", i);

          g_assert_cmpstr (line->text, ==, text);
          g_assert_cmpstr (line->speaker, ==, "visitor");
        }
    }
}

static void
test_format_duration (void)
{
  g_autofree char *a = converc_format_duration (0);
  g_autofree char *b = converc_format_duration (252);
  g_autofree char *c = converc_format_duration (3723);

  g_assert_null (converc_format_duration (-1));
  g_assert_cmpstr (a, ==, "0:00");
  g_assert_cmpstr (b, ==, "4:12");
  g_assert_cmpstr (c, ==, "1:02:03");
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/event-details/documented", test_details_documented);
  g_test_add_func ("/converc/event-details/nulls", test_details_nulls);
  g_test_add_func ("/converc/event-details/unknown-type", test_details_unknown_type_and_empty);
  g_test_add_func ("/converc/event-details/answer-shapes", test_details_answer_shapes);
  g_test_add_func ("/converc/event-details/location-transcript", test_details_location_and_transcript);
  g_test_add_func ("/converc/event-details/transcript-lines", test_details_transcript_lines);
  g_test_add_func ("/converc/event-details/large-arrays", test_details_large_arrays);
  g_test_add_func ("/converc/event-details/large-transcript-object",
                   test_details_large_transcript_object);
  g_test_add_func ("/converc/event-details/format-duration", test_format_duration);

  return g_test_run ();
}
