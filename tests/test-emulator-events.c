/* test-emulator-events.c
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

/* The one concern of this file: the emulator's events endpoint — the type
 * filter and display, the content of generated events, sizes, raw events,
 * the window of newest events and a maximum of display. */

#define G_LOG_DOMAIN "test-emulator-events"

#include "config.h"

#include <string.h>

#include "converc-emulator.h"
#include "converc-emulator-private.h"
#include "converc-parse.h"
#include "converc-test-emulator.h"
#include "converc-test-utils.h"

/* Like the server, the emulator can keep only its newest events: older
 * ones leave the window when newer ones come. */
static void
test_max_events (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) before = NULL;
  g_autoptr(Response) after = NULL;
  g_autoptr(JsonNode) n1 = NULL;
  g_autoptr(JsonNode) n2 = NULL;
  JsonArray *first;
  JsonArray *later;
  g_autofree char *oldest_kept = NULL;

  converc_emulator_seed (emu, 30, 5);
  g_assert_cmpuint (converc_emulator_get_n_events (emu), ==, 30);
  converc_emulator_set_max_events (emu, 20);
  g_assert_cmpuint (converc_emulator_get_n_events (emu), ==, 20);

  before = request (emu, "GET", "/webhooks/events?display=100", KEY, NULL);
  first = parse_array (before->body, &n1);
  g_assert_cmpuint (json_array_get_length (first), ==, 20);
  oldest_kept = g_strdup (json_object_get_string_member (json_array_get_object_element (first, 19),
                                                         "id"));

  converc_emulator_generate_events (emu, 5, 6);
  g_assert_cmpuint (converc_emulator_get_n_events (emu), ==, 20);
  after = request (emu, "GET", "/webhooks/events?display=100", KEY, NULL);
  later = parse_array (after->body, &n2);
  g_assert_cmpuint (json_array_get_length (later), ==, 20);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (later, i), "id"),
                     !=, oldest_kept);

  converc_emulator_set_max_events (emu, 0);
  converc_emulator_generate_events (emu, 5, 7);
  g_assert_cmpuint (converc_emulator_get_n_events (emu), ==, 25);
}

/* One reading of the contract's missing maximum of `display`: a request
 * for more is refused with 400 and says the range; up to it is answered. */
static void
test_max_display (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) refused = NULL;
  g_autoptr(Response) answered = NULL;
  g_autoptr(Response) any = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) refusal = NULL;
  g_autoptr(JsonNode) all = NULL;

  converc_emulator_seed (emu, 30, 5);
  converc_emulator_set_max_display (emu, 10);

  refused = request (emu, "GET", "/webhooks/events?display=11", KEY, NULL);
  g_assert_cmpuint (refused->status, ==, 400);
  refusal = parse (refused->body);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (refusal), "error"), ==,
                   "display must be between 1 and 10");

  answered = request (emu, "GET", "/webhooks/events?display=10", KEY, NULL);
  g_assert_cmpuint (answered->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (parse_array (answered->body, &node)), ==, 10);

  converc_emulator_reset_knobs (emu);
  any = request (emu, "GET", "/webhooks/events?display=1000", KEY, NULL);
  g_assert_cmpuint (any->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (parse_array (any->body, &all)), ==, 30);
}

static void
test_events_filter (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) dflt = NULL;
  g_autoptr(Response) ended = NULL;
  g_autoptr(Response) three = NULL;
  g_autoptr(Response) zero = NULL;
  g_autoptr(Response) unknown = NULL;
  g_autoptr(Response) all = NULL;
  g_autoptr(JsonNode) n1 = NULL;
  g_autoptr(JsonNode) n2 = NULL;
  g_autoptr(JsonNode) n3 = NULL;
  g_autoptr(JsonNode) n4 = NULL;
  g_autoptr(JsonNode) n5 = NULL;
  g_autoptr(JsonNode) n6 = NULL;
  JsonArray *array;
  const char *bad[] = { "abc", "-1", "1.5", "10x", "" };

  converc_emulator_seed (emu, 300, 99);

  dflt = request (emu, "GET", "/webhooks/events", KEY, NULL);
  g_assert_cmpuint (dflt->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (dflt->headers, NULL), ==,
                   "application/json");
  array = parse_array (dflt->body, &n1);
  g_assert_cmpuint (json_array_get_length (array), ==, 10);

  ended = request (emu, "GET", "/webhooks/events?eventType=call.ended&display=40", KEY, NULL);
  array = parse_array (ended->body, &n2);
  g_assert_cmpuint (json_array_get_length (array), ==, 40);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *e = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (e, "type"), ==, "call.ended");
    }

  three = request (emu, "GET", "/webhooks/events?display=3", KEY, NULL);
  array = parse_array (three->body, &n3);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);

  zero = request (emu, "GET", "/webhooks/events?display=0", KEY, NULL);
  array = parse_array (zero->body, &n4);
  g_assert_cmpuint (json_array_get_length (array), ==, 0);

  unknown = request (emu, "GET", "/webhooks/events?eventType=call.exploded&display=5", KEY,
                     NULL);
  g_assert_cmpuint (unknown->status, ==, 200);
  array = parse_array (unknown->body, &n5);
  g_assert_cmpuint (json_array_get_length (array), ==, 0);

  /* Newest first, strictly ordered, over everything */
  all = request (emu, "GET", "/webhooks/events?display=100000", KEY, NULL);
  array = parse_array (all->body, &n6);
  g_assert_cmpuint (json_array_get_length (array), ==, 300);
  for (guint i = 1; i < json_array_get_length (array); i++)
    {
      JsonObject *newer = json_array_get_object_element (array, i - 1);
      JsonObject *older = json_array_get_object_element (array, i);
      g_autoptr(GDateTime) t_newer = g_date_time_new_from_iso8601 (
        json_object_get_string_member (newer, "createdAt"), NULL);
      g_autoptr(GDateTime) t_older = g_date_time_new_from_iso8601 (
        json_object_get_string_member (older, "createdAt"), NULL);

      g_assert_nonnull (t_newer);
      g_assert_nonnull (t_older);
      g_assert_cmpint (g_date_time_compare (t_newer, t_older), >, 0);
    }

  /* The first events of the default list are the newest ones */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_node_get_array (n1), 0), "id"), ==,
                   json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "id"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strconcat ("/webhooks/events?display=", bad[i], NULL);
      g_autoptr(Response) r = request (emu, "GET", path, KEY, NULL);

      g_test_message ("display=%s", bad[i]);
      g_assert_cmpuint (r->status, ==, 400);
      assert_error_message (r->body, "display must be a non-negative number");
    }
}

static guint
count_matches (const char *pattern,
               const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  guint n = 0;

  g_regex_match (regex, text, 0, &info);
  while (g_match_info_matches (info))
    {
      n++;
      g_match_info_next (info, NULL);
    }

  return n;
}

static void
test_events_content (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) all = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;
  JsonArray *array;
  guint n_contactless = 0;
  guint n_null_phone = 0;
  guint n_video = 0;
  guint n_transcripts = 0;
  guint n_null_location = 0;
  guint n_answers_max = 0;
  guint n_garbled;
  guint n_events = 1000;

  converc_emulator_seed (emu, n_events, 2024);
  all = request (emu, "GET", "/webhooks/events?display=5000", KEY, NULL);
  array = parse_array (all->body, &node);
  g_assert_cmpuint (json_array_get_length (array), ==, n_events);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *e = json_array_get_object_element (array, i);
      const char *type = json_object_get_string_member (e, "type");
      JsonObject *data = json_object_get_object_member (e, "data");
      JsonObject *call = json_object_get_object_member (data, "call");
      JsonNode *contact = json_object_get_member (data, "contact");
      JsonObject *recording = json_object_get_object_member (data, "recording");
      JsonArray *answers = json_object_get_array_member (data, "qualificationAnswers");

      g_assert_true (g_str_has_prefix (json_object_get_string_member (e, "id"), "evt_"));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (e, "organizationId"),
                                       "org_"));
      assert_iso_timestamp (json_object_get_string_member (e, "createdAt"));
      g_hash_table_add (types, (gpointer)type);

      g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (call, "id")));
      g_assert_nonnull (json_object_get_string_member (call, "status"));
      g_assert_true (json_object_has_member (call, "acceptedBy"));
      g_assert_true (json_object_has_member (call, "qualificationFlowId"));
      g_assert_true (json_object_has_member (call, "sessionId"));
      g_assert_true (json_object_has_member (call, "siteId"));
      g_assert_true (json_object_has_member (call, "visitorFingerprint"));
      if (g_str_equal (json_object_get_string_member (call, "mediaType"), "video"))
        n_video++;
      else
        g_assert_cmpstr (json_object_get_string_member (call, "mediaType"), ==, "audio");

      if (g_str_equal (type, "call.ended"))
        {
          g_assert_nonnull (json_object_get_string_member (call, "acceptedAt"));
          g_assert_nonnull (json_object_get_string_member (call, "endedAt"));
        }
      if (g_str_equal (type, "call.requested"))
        {
          g_assert_true (json_object_get_null_member (call, "acceptedAt"));
          g_assert_true (json_object_get_null_member (call, "endedAt"));
        }

      if (contact == NULL || JSON_NODE_HOLDS_NULL (contact))
        {
          g_assert_cmpstr (type, ==, "call.requested");
          n_contactless++;
        }
      else
        {
          JsonObject *c = json_node_get_object (contact);
          JsonNode *location = json_object_get_member (c, "location");

          g_assert_true (json_object_has_member (c, "identityId"));
          g_assert_true (json_object_has_member (c, "fingerprint"));
          g_assert_true (json_object_has_member (c, "email"));
          g_assert_true (json_object_has_member (c, "name"));
          g_assert_true (json_object_has_member (c, "lastSeenAt"));
          g_assert_cmpstr (json_object_get_string_member (c, "fingerprint"), ==,
                           json_object_get_string_member (call, "visitorFingerprint"));
          if (json_object_get_null_member (c, "phone"))
            n_null_phone++;
          g_assert_nonnull (location);
          if (JSON_NODE_HOLDS_NULL (location))
            n_null_location++;
          else
            {
              JsonObject *l = json_node_get_object (location);

              g_assert_cmpuint (strlen (json_object_get_string_member (l, "countryCode")), ==, 2);
              g_assert_true (json_object_has_member (l, "city"));
              g_assert_true (json_object_has_member (l, "region"));
              g_assert_true (json_object_has_member (l, "timezone"));
              g_assert_cmpfloat (ABS (json_object_get_double_member (l, "latitude")), <=, 90);
              g_assert_cmpfloat (ABS (json_object_get_double_member (l, "longitude")), <=, 180);
            }
        }

      g_assert_cmpuint (json_array_get_length (answers), <=, 4);
      n_answers_max = MAX (n_answers_max, json_array_get_length (answers));
      for (guint a = 0; a < json_array_get_length (answers); a++)
        {
          JsonObject *qa = json_array_get_object_element (answers, a);
          JsonObject *question = json_object_get_object_member (qa, "question");

          g_assert_cmpstr (json_object_get_string_member (qa, "questionId"), ==,
                           json_object_get_string_member (question, "id"));
          g_assert_cmpint (json_object_get_int_member (qa, "position"), ==, a + 1);
          g_assert_nonnull (json_object_get_string_member (question, "label"));
          g_assert_nonnull (json_object_get_string_member (question, "type"));
          g_assert_nonnull (json_object_get_array_member (question, "options"));
          g_assert_true (json_object_has_member (json_object_get_object_member (qa, "answer"),
                                                "value"));
        }

      if (g_str_equal (type, "call.transcript_ready"))
        {
          JsonObject *t = json_object_get_object_member (data, "transcript");

          g_assert_nonnull (t);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (t, "segments")),
                            >=, 3);
          n_transcripts++;
        }
      else
        {
          g_assert_true (json_object_get_null_member (data, "transcript"));
        }

      g_assert_true (json_object_has_member (recording, "available"));
      g_assert_true (json_object_has_member (recording, "videoUrl"));
      g_assert_true (json_object_has_member (recording, "audioUrl"));
      g_assert_true (json_object_has_member (recording, "expiresInSeconds"));
      if (g_str_equal (type, "call.recording_ready"))
        {
          g_assert_true (json_object_get_boolean_member (recording, "available"));
          g_assert_true (g_str_has_prefix (json_object_get_string_member (recording, "audioUrl"),
                                           "https://"));
        }
    }

  /* All documented types plus the undocumented one */
  {
    guint n_types;
    const char * const *documented = converc_emulator_documented_types (&n_types);

    g_assert_cmpuint (n_types, ==, 8);
    for (guint i = 0; i < n_types; i++)
      g_assert_true (g_hash_table_contains (types, documented[i]));
    g_assert_true (g_hash_table_contains (types, "call.event"));
    g_assert_cmpuint (g_hash_table_size (types), ==, 9);
  }

  g_assert_cmpuint (n_contactless, >, 0);
  g_assert_cmpuint (n_null_phone, >, n_events / 3);
  g_assert_cmpuint (n_null_location, >, 0);
  g_assert_cmpuint (n_video, >, n_events / 5);
  g_assert_cmpuint (n_video, <, n_events * 4 / 5);
  g_assert_cmpuint (n_transcripts, >, 0);
  g_assert_cmpuint (n_answers_max, ==, 4);

  /* Varied names, non-ASCII ones among them (json-glib would have
   * refused invalid UTF-8 above) */
  text = g_strndup (g_bytes_get_data (all->body, NULL), g_bytes_get_size (all->body));
  g_assert_nonnull (strstr (text, "\"Zoë Müller\""));
  g_assert_nonnull (strstr (text, "\"José Álvarez\""));
  g_assert_nonnull (strstr (text, "\"李雷\""));
  g_assert_true (g_utf8_validate (text, -1, NULL));

  /* About 2% carry the documented garbled timestamp form, never in createdAt */
  n_garbled = count_matches ("\"\\d{4}-\\d\\d-\\d\\dT\\d\\d: \\d\\d: \\d\\d(\\.\\d{3})?2\"", text);
  g_test_message ("garbled timestamps: %u of %u events", n_garbled, n_events);
  g_assert_cmpuint (n_garbled, >=, n_events / 100);
  g_assert_cmpuint (n_garbled, <=, n_events / 25);
  g_assert_cmpuint (count_matches ("\"type\":\"[^\"]*\",\"createdAt\":\"[^\"]*: ", text), ==, 0);
}

static void
test_call_ended_size (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  gsize total;

  converc_emulator_seed (emu, 3000, 5);
  r = request (emu, "GET", "/webhooks/events?eventType=call.ended&display=100000", KEY, NULL);
  array = parse_array (r->body, &node);
  g_assert_cmpuint (json_array_get_length (array), >, 400);

  total = g_bytes_get_size (r->body);
  g_test_message ("call.ended: %u events, %" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT
                  " per event", json_array_get_length (array), total,
                  total / json_array_get_length (array));
  g_assert_cmpuint (total / json_array_get_length (array), >=, 1800);
  g_assert_cmpuint (total / json_array_get_length (array), <=, 2800);
}

static void
test_raw_event (void)
{
  g_autoptr(ConvercEmulator) emu = start_emulator ();
  g_autoptr(Response) all = NULL;
  g_autoptr(Response) typed = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *raw = "{\"id\":\"evt_raw\",\"type\":\"call.event\",\"createdAt\":"
                    "\"2024-01-01T00: 00: 0002\",\"data\":{}}";

  converc_emulator_add_raw_event (emu, raw);
  converc_emulator_add_raw_event (emu, "{\"id\": \"broken\", ");
  g_assert_cmpuint (converc_emulator_get_n_events (emu), ==, 2);

  all = request (emu, "GET", "/webhooks/events", KEY, NULL);
  g_assert_cmpuint (all->status, ==, 200);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (all->body, NULL),
                                       g_bytes_get_size (all->body));
    g_autofree char *expected = g_strconcat ("[{\"id\": \"broken\", ,", raw, "]", NULL);

    g_assert_cmpstr (text, ==, expected);
  }

  typed = request (emu, "GET", "/webhooks/events?eventType=call.event", KEY, NULL);
  g_assert_cmpuint (json_array_get_length (parse_array (typed->body, &node)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/emulator/events-filter", test_events_filter);
  g_test_add_func ("/converc/emulator/events-content", test_events_content);
  g_test_add_func ("/converc/emulator/call-ended-size", test_call_ended_size);
  g_test_add_func ("/converc/emulator/raw-event", test_raw_event);
  g_test_add_func ("/converc/emulator/max-events", test_max_events);
  g_test_add_func ("/converc/emulator/max-display", test_max_display);

  return g_test_run ();
}
