/* test-event.c
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

/* The one concern of this file: ConvercEvent — its fields and exact
 * bytes, time and duration, search inside its values, its summary and
 * pretty JSON. */

#define G_LOG_DOMAIN "test-event"

#include "config.h"

#include <string.h>

#include "converc-error.h"
#include "converc-event.h"
#include "converc-parse.h"

#include "converc-test-utils.h"

/* 2024-01-01T00:00:00Z */
#define NEW_YEAR_2024 G_GINT64_CONSTANT (1704067200)

/* Parses an event that must be valid. */
static ConvercEvent *
event_from_bytes (GBytes *raw)
{
  g_autoptr(GError) error = NULL;
  ConvercEvent *event = converc_parse_event (raw, &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

static ConvercEvent *
load_event (const char *name)
{
  g_autoptr(GBytes) raw = converc_test_load_data (name);

  return event_from_bytes (raw);
}

static void
test_event_fields (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");

  g_assert_cmpstr (converc_event_get_id (event), ==, "evt_01HQ3Z8K2M4N6P8R0T2V4X6Z8B");
  g_assert_cmpstr (converc_event_get_event_type (event), ==, "call.ended");
  g_assert_cmpstr (converc_event_get_created_at (event), ==, "2024-01-01T10:04:13Z");
  g_assert_cmpint (converc_event_get_created_unix (event), ==, NEW_YEAR_2024 + 10 * 3600 + 4 * 60 + 13);
  g_assert_cmpstr (converc_event_get_organization_id (event), ==, "org_7f3c2a");
  g_assert_cmpstr (converc_event_get_call_id (event), ==, "call_9a8b7c6d");
  g_assert_cmpstr (converc_event_get_call_status (event), ==, "completed");
  g_assert_cmpstr (converc_event_get_media_type (event), ==, "video");
  g_assert_cmpstr (converc_event_get_requested_at (event), ==, "2024-01-01T09:59:30Z");
  g_assert_cmpstr (converc_event_get_accepted_at (event), ==, "2024-01-01T10:00:00Z");
  g_assert_cmpstr (converc_event_get_ended_at (event), ==, "2024-01-01T10:04:12Z");
  g_assert_cmpstr (converc_event_get_accepted_by (event), ==, "rep_grace_hopper");
  g_assert_cmpstr (converc_event_get_contact_name (event), ==, "Ada Lovelace");
  g_assert_cmpstr (converc_event_get_contact_email (event), ==, "ada@example.com");
  g_assert_cmpstr (converc_event_get_contact_phone (event), ==, "+44 20 7946 0958");
  /* acceptedAt 10:00:00 -> endedAt 10:04:12 */
  g_assert_cmpint (converc_event_get_duration (event), ==, 252);
}

static void
test_event_properties (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");
  g_autofree char *id = NULL;
  g_autofree char *type = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) raw = NULL;
  gint64 duration = 0;
  gint64 created = 0;

  g_object_get (event,
                "id", &id,
                "event-type", &type,
                "contact-name", &name,
                "duration", &duration,
                "created-unix", &created,
                "raw", &raw,
                NULL);
  g_assert_cmpstr (id, ==, "evt_01HQ3Z8K2M4N6P8R0T2V4X6Z8B");
  g_assert_cmpstr (type, ==, "call.ended");
  g_assert_cmpstr (name, ==, "Ada Lovelace");
  g_assert_cmpint (duration, ==, 252);
  g_assert_cmpint (created, ==, converc_event_get_created_unix (event));
  g_assert_true (g_bytes_equal (raw, converc_event_get_raw (event)));
}

static void
test_event_raw_exact (void)
{
  g_autoptr(GBytes) raw = converc_test_load_data ("event-call-ended.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercEvent) event = converc_parse_event (raw, &error);

  g_assert_no_error (error);
  /* The file has newlines and indentation; the raw bytes keep them */
  converc_test_assert_raw_equals (event, g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
}

static void
test_event_nulls (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-nulls.json");
  g_autofree char *summary = NULL;
  g_autofree char *pretty = NULL;

  g_assert_null (converc_event_get_id (event));
  g_assert_null (converc_event_get_event_type (event));
  g_assert_null (converc_event_get_created_at (event));
  g_assert_null (converc_event_get_organization_id (event));
  g_assert_null (converc_event_get_call_id (event));
  g_assert_null (converc_event_get_call_status (event));
  g_assert_null (converc_event_get_media_type (event));
  g_assert_null (converc_event_get_accepted_at (event));
  g_assert_null (converc_event_get_ended_at (event));
  g_assert_null (converc_event_get_accepted_by (event));
  g_assert_null (converc_event_get_contact_name (event));
  g_assert_null (converc_event_get_contact_email (event));
  g_assert_null (converc_event_get_contact_phone (event));
  g_assert_cmpint (converc_event_get_duration (event), ==, -1);
  g_assert_cmpint (converc_event_get_created_unix (event), ==, G_MININT64);

  summary = converc_event_dup_summary (event);
  g_assert_nonnull (summary);
  g_assert_true (g_utf8_validate (summary, -1, NULL));
  g_assert_false (converc_event_matches (event, "lovelace"));
  pretty = converc_event_dup_pretty_json (event);
  g_assert_nonnull (pretty);
}

static void
test_event_minimal_and_odd (void)
{
  static const char * const bodies[] = {
    "{}",
    "{\"data\": null}",
    "{\"data\": \"text\"}",
    "{\"data\": [1, 2]}",
    "{\"data\": {\"call\": [], \"contact\": 7, \"qualificationAnswers\": {}}}",
    "{\"data\": {\"call\": {\"status\": [\"x\"], \"acceptedAt\": 5, \"endedAt\": true}}}",
    "{\"type\": [\"call.ended\"], \"createdAt\": {\"t\": 1}}",
    "{\"id\": \"\", \"type\": \"\"}",
    "{\"data\": {\"contact\": {\"name\": \"\\u0000nul\\u0000\"}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) raw = converc_test_bytes_new (bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercEvent) event = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *pretty = NULL;

      g_test_message ("%s", bodies[i]);
      event = converc_parse_event (raw, &error);
      g_assert_no_error (error);
      g_assert_nonnull (event);
      g_assert_cmpint (converc_event_get_duration (event), ==, -1);
      g_assert_null (converc_event_get_call_status (event));
      if (i == 6)
        g_assert_null (converc_event_get_event_type (event));
      summary = converc_event_dup_summary (event);
      g_assert_nonnull (summary);
      pretty = converc_event_dup_pretty_json (event);
      g_assert_nonnull (pretty);
      converc_event_matches (event, "x");
      converc_test_assert_raw_equals (event, bodies[i], strlen (bodies[i]));
    }
}

static void
test_event_not_object (void)
{
  static const char * const bodies[] = { "[]", "[{\"id\":\"a\"}]", "42", "\"evt\"", "null", "", "{" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) raw = converc_test_bytes_new (bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercEvent) event = NULL;

      event = converc_parse_event (raw, &error);
      g_assert_null (event);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
    }
}

static void
test_event_duration (void)
{
  struct {
    const char *accepted;
    const char *ended;
    gint64      duration;
  } cases[] = {
    { "\"2024-01-01T00:00:00Z\"", "\"2024-01-01T00:01:30Z\"", 90 },
    { "\"2024-01-01T00: 00: 0002\"", "\"2024-01-01T00:01:30Z\"", 90 },
    { "\"2024-01-01T01:00:00+01:00\"", "\"2024-01-01T00:00:05Z\"", 5 },
    { "\"2024-01-01T00:00:00Z\"", "\"2024-01-01T00:00:00Z\"", 0 },
    { "\"2024-01-01T00:00:00.250Z\"", "\"2024-01-01T00:00:10.750Z\"", 10 },
    { "null", "\"2024-01-01T00:01:30Z\"", -1 },
    { "\"2024-01-01T00:00:00Z\"", "null", -1 },
    { "\"yesterday\"", "\"2024-01-01T00:01:30Z\"", -1 },
    { "\"2024-01-01T00:01:30Z\"", "\"2024-01-01T00:00:00Z\"", -1 },  /* ends before it starts */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"type\":\"call.ended\",\"data\":{\"call\":{"
                                               "\"requestedAt\":\"2023-12-31T23:00:00Z\","
                                               "\"acceptedAt\":%s,\"endedAt\":%s}}}",
                                               cases[i].accepted, cases[i].ended);
      g_autoptr(GBytes) raw = converc_test_bytes_new (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercEvent) event = converc_parse_event (raw, &error);

      g_test_message ("%s", text);
      g_assert_no_error (error);
      g_assert_cmpint (converc_event_get_duration (event), ==, cases[i].duration);
    }
}

static void
test_event_created_unix (void)
{
  struct {
    const char *created;
    gint64      unix_time;
  } cases[] = {
    { "\"2024-01-01T00:00:00Z\"", NEW_YEAR_2024 },
    { "\"2024-01-01T00: 00: 0002\"", NEW_YEAR_2024 },
    { "\"2024-01-02T00: 00: 00.0002\"", NEW_YEAR_2024 + 86400 },
    { "\"2024-01-01T01:00:00+01:00\"", NEW_YEAR_2024 },
    { "\"yesterday\"", G_MININT64 },
    { "\"\"", G_MININT64 },
    { "null", G_MININT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"id\":\"e\",\"createdAt\":%s}", cases[i].created);
      g_autoptr(GBytes) raw = converc_test_bytes_new (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvercEvent) event = converc_parse_event (raw, &error);

      g_test_message ("%s", text);
      g_assert_no_error (error);
      g_assert_cmpint (converc_event_get_created_unix (event), ==, cases[i].unix_time);
    }

    {
      /* An unreadable timestamp keeps its raw text: never drop the record */
      g_autoptr(GBytes) raw = converc_test_bytes_new ("{\"id\":\"e\",\"createdAt\":\"last tuesday\"}");
      g_autoptr(ConvercEvent) event = converc_parse_event (raw, NULL);

      g_assert_cmpstr (converc_event_get_created_at (event), ==, "last tuesday");
    }
}

static gboolean
matches (ConvercEvent *event,
         const char   *needle)
{
  g_autofree char *folded = converc_fold_for_search (needle);

  return converc_event_matches (event, folded);
}

static void
test_event_search (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");

  /* ids, contact fields, case-insensitively */
  g_assert_true (matches (event, "evt_01HQ3Z8K2M4N6P8R0T2V4X6Z8B"));
  g_assert_true (matches (event, "evt_01hq3z8k"));
  g_assert_true (matches (event, "LOVELACE"));
  g_assert_true (matches (event, "ada lovelace"));
  g_assert_true (matches (event, "ADA@EXAMPLE.COM"));
  g_assert_true (matches (event, "7946 0958"));
  g_assert_true (matches (event, "call_9a8b7c6d"));
  /* text deep in the payload: qualification answers, questions, location */
  g_assert_true (matches (event, "enterprise platinum"));
  g_assert_true (matches (event, "How many seats"));
  g_assert_true (matches (event, "london"));
  /* numbers too */
  g_assert_true (matches (event, "987654"));

  g_assert_false (matches (event, "zzz-not-there"));
  g_assert_false (matches (event, "Grace Lovelace"));
  /* member names are not searched */
  g_assert_false (matches (event, "qualificationAnswers"));
  g_assert_false (matches (event, "organizationId"));
}

static ConvercEvent *
event_of (const char *text)
{
  g_autoptr(GBytes) raw = converc_test_bytes_new (text);

  return event_from_bytes (raw);
}

/* What a search means: the needle inside one string or number value,
 * whatever the case; never in a member name, never across values. */
static void
test_event_search_values (void)
{
  g_autoptr(ConvercEvent) event = NULL;

  /* A value in another case */
  event = event_of ("{\"id\":\"evt_1\",\"note\":\"Hello World\",\"tags\":[\"Red\",\"blue\"]}");
  g_assert_true (matches (event, "hello w"));
  g_assert_true (matches (event, "WORLD"));
  g_assert_true (matches (event, "EVT_1"));
  g_assert_true (matches (event, "red"));
  g_assert_true (matches (event, "Hello World"));
  g_assert_false (matches (event, "Hello World!"));
  /* Not in a member name, nor spanning one and its value */
  g_assert_false (matches (event, "note"));
  g_assert_false (matches (event, "tags"));
  g_assert_false (matches (event, "ote"));
  g_assert_false (matches (event, "note\":\"hello"));
  g_assert_false (matches (event, "\"hello"));
  /* Not across two values */
  g_assert_false (matches (event, "red\",\"blue"));
  g_assert_false (matches (event, "red\nblue"));
  g_assert_false (matches (event, "redblue"));
  g_assert_false (matches (event, "d\",\""));
  g_clear_object (&event);

  /* Names that are not plain ASCII are not searched either */
  event = event_of ("{\"gr\xc3\xb6\xc3\x9f" "e\":\"XL\",\"n\\u00e4me\":\"Bo\",\"a\\\"b\":1}");
  g_assert_false (matches (event, "gr\xc3\xb6\xc3\x9f" "e"));
  g_assert_false (matches (event, "n\xc3\xa4me"));
  g_assert_false (matches (event, "a\"b"));
  g_assert_true (matches (event, "xl"));
  g_assert_true (matches (event, "bo"));
  g_clear_object (&event);

  /* Not across two values that are not plain ASCII */
  event = event_of ("{\"v\":[\"Zo\xc3\xab\",\"\xc3\x85ngstr\xc3\xb6m\",\"a\\nb\",\"x\\ty\"]}");
  g_assert_true (matches (event, "zo\xc3\xab"));
  g_assert_true (matches (event, "\xc3\xa5ngstr\xc3\xb6m"));
  g_assert_false (matches (event, "zo\xc3\xab\xc3\xa5ngstr\xc3\xb6m"));
  g_assert_false (matches (event, "zo\xc3\xab\n\xc3\xa5ngstr\xc3\xb6m"));
  /* an escaped newline is in its value; it joins nothing */
  g_assert_true (matches (event, "a\nb"));
  g_assert_false (matches (event, "b\nx"));
  g_assert_false (matches (event, "a\\nb"));
  g_assert_false (matches (event, "anb"));
  g_assert_true (matches (event, "x\ty"));
  g_clear_object (&event);

  /* Non-ASCII values, as decoded, normalised and folded text */
  event = event_of ("{\"contact\":{\"name\":\"Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m\"}}");
  g_assert_true (matches (event, "zo\xc3\xab"));                 /* zoë */
  g_assert_true (matches (event, "\xc3\x85NGSTR\xc3\x96M"));     /* ÅNGSTRÖM */
  g_assert_true (matches (event, "Zo\xc3\xab \xc3\xa5ngstr\xc3\xb6m"));
  g_assert_true (matches (event, "ngstr"));                        /* ASCII part of it */
  g_assert_true (matches (event, "zoe\xcc\x88"));                 /* ë decomposed */
  /* accents are ignored (issue 14): the bare spelling finds them */
  g_assert_true (matches (event, "zoe"));
  g_assert_true (matches (event, "angstrom"));
  g_assert_true (matches (event, "ZOE ANGSTROM"));
  g_clear_object (&event);

  /* Escaped values, as decoded text */
  event = event_of ("{\"last\":\"O\\\"Brien\",\"city\":\"Caf\\u00e9\","
                    "\"u\":\"https:\\/\\/x.test\\/a\","
                    "\"k\":\"\\u004bEY\",\"smile\":\"\\ud83d\\ude00!\",\"p\":\"C:\\\\dir\"}");
  g_assert_true (matches (event, "o\"brien"));
  g_assert_true (matches (event, "O\"BRIEN"));
  g_assert_true (matches (event, "brien"));
  g_assert_true (matches (event, "\xc3\xa9"));                    /* é */
  g_assert_true (matches (event, "CAF\xc3\x89"));                 /* CAFÉ */
  g_assert_true (matches (event, "https://x.test/a"));
  g_assert_true (matches (event, "key"));
  g_assert_true (matches (event, "\xf0\x9f\x98\x80!"));          /* 😀! */
  g_assert_true (matches (event, "c:\\dir"));
  /* not the escapes as spelled */
  g_assert_false (matches (event, "u00e9"));
  g_assert_false (matches (event, "o\\\"brien"));
  g_assert_false (matches (event, "\\/"));
  g_assert_false (matches (event, "u004b"));
  g_assert_false (matches (event, "\\\\"));
  g_clear_object (&event);

  /* Numbers, as spelled in the JSON */
  event = event_of ("{\"n\":1.50,\"big\":12345678901234567890,\"lat\":-33.897039,"
                    "\"e\":1E5,\"i\":42,\"list\":[7,9]}");
  g_assert_true (matches (event, "1.50"));
  g_assert_true (matches (event, "1.5"));
  g_assert_true (matches (event, "12345678901234567890"));
  g_assert_true (matches (event, "-33.897039"));
  g_assert_true (matches (event, "33.89"));
  g_assert_true (matches (event, "1e5"));
  g_assert_true (matches (event, "42"));
  g_assert_true (matches (event, "7"));
  g_assert_false (matches (event, "100000"));
  g_assert_false (matches (event, "7,9"));
  g_assert_false (matches (event, "79"));
  g_assert_false (matches (event, "42,"));
  g_assert_false (matches (event, "big"));
  g_clear_object (&event);

  /* Booleans and null are no text */
  event = event_of ("{\"a\":true,\"b\":false,\"c\":null,\"d\":[true]}");
  g_assert_false (matches (event, "true"));
  g_assert_false (matches (event, "fals"));
  g_assert_false (matches (event, "null"));
  g_assert_false (matches (event, "u"));
  g_clear_object (&event);

  /* A needle longer than the event; the empty needle; at the very end */
  event = event_of ("{\"a\":\"xyz\"}");
  g_assert_false (matches (event, "{\"a\":\"xyz\"}{\"a\":\"xyz\"}"));
  g_assert_false (matches (event, "xyz\"}"));
  g_assert_true (matches (event, "xyz"));
  g_assert_true (matches (event, "yz"));
  g_assert_true (matches (event, "z"));
  g_assert_true (matches (event, ""));
  g_assert_true (converc_event_matches (event, NULL));
  g_assert_false (matches (event, "\xc3\xa9"));
  g_clear_object (&event);
}

static void
collect_string_values (JsonNode  *node,
                       GPtrArray *values)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          collect_string_values (member, values);
      }
      break;
    case JSON_NODE_ARRAY:
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        collect_string_values (json_array_get_element (json_node_get_array (node), i), values);
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (values, converc_fold_for_search (json_node_get_string (node)));
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* Bytes made to defeat the quick search (one letter repeated, the needle
 * that letter and one other): the search gives up comparing and answers
 * in linear time, with the same meaning. Correctness only: speed is for
 * the benchmarks. */
static void
test_event_search_repetitive (void)
{
  g_autofree char *run = g_strnfill (200000, 'a');
  g_autofree char *forty = g_strnfill (40, 'a');
  g_autofree char *needle_end = g_strconcat (forty, "e", NULL);       /* at the value's end */
  g_autofree char *needle_none = g_strconcat (forty, "ea", NULL);     /* nowhere */
  g_autofree char *in_value = g_strdup_printf ("{\"id\":\"evt_1\",\"note\":\"%sE\"}", run);
  g_autofree char *in_key = g_strdup_printf ("{\"id\":\"evt_1\",\"%se\":1}", run);
  g_autofree char *digits = g_strnfill (200000, '1');
  g_autofree char *forty_ones = g_strnfill (40, '1');
  g_autofree char *digits_end = g_strconcat (forty_ones, "2", NULL);
  g_autofree char *digits_none = g_strconcat (forty_ones, "21", NULL);
  g_autofree char *in_number = g_strdup_printf ("{\"id\":\"evt_1\",\"n\":%s2}", digits);
  g_autoptr(ConvercEvent) value_event = event_of (in_value);
  g_autoptr(ConvercEvent) key_event = event_of (in_key);
  g_autoptr(ConvercEvent) number_event = event_of (in_number);

  g_assert_true (matches (value_event, needle_end));
  g_assert_false (matches (value_event, needle_none));
  g_assert_true (matches (value_event, "evt_1"));

  /* The same text in a key is never found. */
  g_assert_false (matches (key_event, needle_end));
  g_assert_true (matches (key_event, "evt_1"));

  g_assert_true (matches (number_event, digits_end));
  g_assert_false (matches (number_event, digits_none));
}

/* Every piece of an event's text as a needle: it matches exactly when
 * json-glib's decoded string values, folded, hold it (no numbers here). */
static void
test_event_search_every_needle (void)
{
  static const char * const texts[] = {
    "{\"id\":\"evt_X1\",\"data\":{\"contact\":{\"name\":\"Ren\xc3\xa9" "e O\\\"Hara\","
    "\"email\":\"RO@Example.COM\"},\"tags\":[\"a\",\"b\",\"ab\",\"\",\"Stra\xc3\x9f" "e\"],"
    "\"note\":\"line1\\nline2 \\u00c9t\\u00e9\",\"ok\":true,"
    "\"na\\u006de\":\"key-like\",\"x\":null,\"deep\":[[{\"k\":\"v:\\\\\"}]]}}",
    "  {\n  \"a\" : \"A b\" ,\n  \"b\":[ \"c\" , {\"d\":\"e\"} ] }\n",
  };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(ConvercEvent) event = event_of (texts[t]);
      g_autoptr(JsonNode) root = converc_event_parse_payload (event, NULL);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      gsize len = strlen (texts[t]);

      collect_string_values (root, values);

      for (gsize start = 0; start < len; start++)
        {
          for (gsize n = 1; n <= 12 && start + n <= len; n++)
            {
              g_autofree char *piece = g_strndup (texts[t] + start, n);
              g_autofree char *folded = NULL;
              gboolean expected = FALSE;

              if (!g_utf8_validate (piece, -1, NULL))
                continue;

              folded = converc_fold_for_search (piece);
              for (guint i = 0; i < values->len && !expected; i++)
                expected = strstr (g_ptr_array_index (values, i), folded) != NULL;

              if (converc_event_matches (event, folded) != expected)
                g_error ("needle “%s” in %s: expected %d", folded, texts[t], expected);
            }
        }

      /* Each value, and each piece of it, finds the event */
      for (guint i = 0; i < values->len; i++)
        {
          const char *value = g_ptr_array_index (values, i);

          for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
            g_assert_true (converc_event_matches (event, p));
        }
    }
}

static void
test_event_search_unicode (void)
{
  g_autoptr(GBytes) raw = converc_test_bytes_new ("{\"id\":\"e1\",\"data\":{\"contact\":{\"name\":\"Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m\"},"
                                    "\"qualificationAnswers\":[{\"answer\":{\"value\":\"Stra\xc3\x9f" "e\"}},"
                                    "{\"answer\":{\"value\":\"caf\\u00e9\"}}]}}");
  g_autoptr(ConvercEvent) event = converc_parse_event (raw, NULL);

  g_assert_nonnull (event);
  g_assert_true (matches (event, "ZO\xc3\x8b"));               /* ZOË */
  g_assert_true (matches (event, "\xc3\xa5ngstr\xc3\xb6m"));   /* ångström */
  g_assert_true (matches (event, "STRASSE"));                   /* ß folds to ss */
  g_assert_true (matches (event, "CAF\xc3\x89"));               /* escaped é in the JSON */
  g_assert_true (matches (event, "cafe\xcc\x81"));              /* decomposed é */
  /* accents are ignored (issue 14): "zoe " is in "Zoë Ångström" */
  g_assert_true (matches (event, "zoe "));
  g_assert_true (matches (event, "strasse"));
  g_assert_false (matches (event, "zoe s"));
}

static void
test_event_summary (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");
  g_autofree char *summary = converc_event_dup_summary (event);

  /* Name, email, status, duration, in that order. */
  g_assert_cmpstr (summary, ==, "Ada Lovelace · ada@example.com · completed · 4:12");
}

static void
test_event_summary_bounded (void)
{
  g_autoptr(GString) body = g_string_new ("{\"data\": {\"contact\": {\"name\": \"Kwame\", \"email\": \"");
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(ConvercEvent) event = NULL;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (body, 'k');
  g_string_append (body, "@example.com\"}}}");
  raw = g_bytes_new (body->str, body->len);
  event = converc_parse_event (raw, NULL);
  g_assert_nonnull (event);

  /* The email is there, cut to a bound; only the email, when it is all. */
  summary = converc_event_dup_summary (event);
  g_assert_true (g_str_has_prefix (summary, "Kwame · kkkk"));
  g_assert_cmpuint (g_utf8_strlen (summary, -1), <=, 300);
}

static void
test_event_pretty_json (void)
{
  const char *text = "{\"id\":\"e1\",\"n\":1.50,\"big\":12345678901234567890,\"s\":\"a\\u00e9\\n\\\"q\\\"\","
                     "\"list\":[1,{\"x\":null}],\"empty\":{},\"none\":[]}";
  g_autoptr(GBytes) raw = converc_test_bytes_new (text);
  g_autoptr(ConvercEvent) event = converc_parse_event (raw, NULL);
  g_autofree char *pretty = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (event);
  pretty = converc_event_dup_pretty_json (event);
  g_assert_nonnull (pretty);
  g_assert_true (g_utf8_validate (pretty, -1, NULL));

  /* two-space indentation, one member a line */
  g_assert_true (g_str_has_prefix (pretty, "{\n  \"id\""));
  g_assert_nonnull (strstr (pretty, "\n  \"list\""));
  g_assert_nonnull (strstr (pretty, "\n    1"));

  /* the same JSON */
  reparsed = converc_parse_json (pretty, strlen (pretty), &error);
  g_assert_no_error (error);
  original = converc_parse_json (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (reparsed, original));

  /* values spelled as the server sent them */
  g_assert_nonnull (strstr (pretty, "1.50"));
  g_assert_nonnull (strstr (pretty, "12345678901234567890"));
}

static void
test_event_pretty_json_document (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");
  g_autofree char *pretty = converc_event_dup_pretty_json (event);
  g_autoptr(GBytes) raw = converc_test_load_data ("event-call-ended.json");
  g_autoptr(JsonNode) a = converc_parse_json (pretty, strlen (pretty), NULL);
  g_autoptr(JsonNode) b = converc_parse_json (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (json_node_equal (a, b));
  g_assert_nonnull (strstr (pretty, "\n      \"status\": \"completed\""));
}

static void
test_event_parse_payload (void)
{
  g_autoptr(ConvercEvent) event = load_event ("event-call-ended.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = converc_event_parse_payload (event, &error);
  g_autoptr(JsonNode) again = NULL;
  JsonObject *data;
  JsonArray *answers;

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  data = json_object_get_object_member (json_node_get_object (node), "data");
  g_assert_nonnull (data);
  answers = json_object_get_array_member (data, "qualificationAnswers");
  g_assert_cmpuint (json_array_get_length (answers), ==, 2);
  g_assert_true (json_object_get_null_member (data, "transcript"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (data, "recording"), "available"));

  /* The caller owns a fresh node each time */
  again = converc_event_parse_payload (event, &error);
  g_assert_no_error (error);
  g_assert_true (again != node);
  g_assert_true (json_node_equal (again, node));
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/event/fields", test_event_fields);
  g_test_add_func ("/converc/event/properties", test_event_properties);
  g_test_add_func ("/converc/event/raw-exact", test_event_raw_exact);
  g_test_add_func ("/converc/event/nulls", test_event_nulls);
  g_test_add_func ("/converc/event/minimal-and-odd", test_event_minimal_and_odd);
  g_test_add_func ("/converc/event/not-object", test_event_not_object);
  g_test_add_func ("/converc/event/duration", test_event_duration);
  g_test_add_func ("/converc/event/created-unix", test_event_created_unix);
  g_test_add_func ("/converc/event/search", test_event_search);
  g_test_add_func ("/converc/event/search-unicode", test_event_search_unicode);
  g_test_add_func ("/converc/event/search-values", test_event_search_values);
  g_test_add_func ("/converc/event/search-every-needle", test_event_search_every_needle);
  g_test_add_func ("/converc/event/search-repetitive", test_event_search_repetitive);
  g_test_add_func ("/converc/event/summary", test_event_summary);
  g_test_add_func ("/converc/event/summary-bounded", test_event_summary_bounded);
  g_test_add_func ("/converc/event/pretty-json", test_event_pretty_json);
  g_test_add_func ("/converc/event/pretty-json-document", test_event_pretty_json_document);
  g_test_add_func ("/converc/event/parse-payload", test_event_parse_payload);

  return g_test_run ();
}
