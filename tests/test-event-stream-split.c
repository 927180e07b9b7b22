/* test-event-stream-split.c
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

/* The one concern of this file: ConvercEventStream, fed an answer in any
 * chunking, finds the elements converc_json_split_array() finds in the
 * whole text, as soon as each is complete, and fails with its words. */

#define G_LOG_DOMAIN "test-event-stream-split"

#include "config.h"

#include <string.h>

#include "converc.h"
#include "converc-emulator-private.h"
#include "converc-event-stream-private.h"

#include "converc-test-events.h"
#include "converc-test-utils.h"

/* Takes the ready elements of @stream, each as its own GBytes. */
static void
take_ready (ConvercEventStream *stream,
            GPtrArray          *elements)
{
  guint n_ready = converc_event_stream_get_n_ready (stream);
  guint n_taken = converc_event_stream_get_n_taken (stream);
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GBytes) bytes = converc_event_stream_take (stream, &ranges);

  if (n_ready == 0)
    {
      g_assert_null (bytes);
      g_assert_null (ranges);
      return;
    }

  g_assert_nonnull (bytes);
  g_assert_cmpuint (ranges->len, ==, 2 * n_ready);
  for (guint i = 0; i < n_ready; i++)
    {
      gsize offset = g_array_index (ranges, gsize, 2 * i);
      gsize length = g_array_index (ranges, gsize, 2 * i + 1);

      g_assert_cmpuint (offset + length, <=, g_bytes_get_size (bytes));
      g_ptr_array_add (elements, g_bytes_new_from_bytes (bytes, offset, length));
    }
  g_assert_cmpuint (converc_event_stream_get_n_ready (stream), ==, 0);
  g_assert_cmpuint (converc_event_stream_get_n_taken (stream), ==, n_taken + n_ready);
}

/* Pushes @text in chunks of @chunk bytes (0: random sizes), taking
 * whatever is ready after each; returns check_end's answer. */
static gboolean
stream_split (const char  *text,
              gsize        len,
              gsize        chunk,
              GPtrArray   *elements,
              GError     **error)
{
  g_autoptr(ConvercEventStream) stream = converc_event_stream_new ();

  for (gsize at = 0; at < len;)
    {
      gsize n = chunk > 0 ? chunk : (gsize) g_test_rand_int_range (1, 300);

      n = MIN (n, len - at);
      converc_event_stream_push (stream, (const guint8 *) text + at, n);
      at += n;
      take_ready (stream, elements);
    }
  take_ready (stream, elements);
  g_assert_cmpuint (converc_event_stream_get_size (stream), ==, len);

  return converc_event_stream_check_end (stream, error);
}

static const gsize chunk_sizes[] = { 1, 2, 7, 64, 0, 0, 0 };

/* The elements streamed in every chunk size are those the whole-answer
 * splitter finds, byte for byte. */
static void
assert_splits_as_whole (const char *text,
                        gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranges = converc_json_split_array (text, len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ranges);

  for (guint c = 0; c < G_N_ELEMENTS (chunk_sizes); c++)
    {
      g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_autoptr(GError) stream_error = NULL;
      gboolean ok = stream_split (text, len, chunk_sizes[c], elements, &stream_error);

      g_assert_no_error (stream_error);
      g_assert_true (ok);
      g_assert_cmpuint (elements->len, ==, ranges->len / 2);
      for (guint i = 0; i < elements->len; i++)
        {
          gsize size;
          const char *data = g_bytes_get_data (g_ptr_array_index (elements, i), &size);

          g_assert_cmpmem (data, size,
                           text + g_array_index (ranges, gsize, 2 * i),
                           g_array_index (ranges, gsize, 2 * i + 1));
        }
    }
}

static char *
nested (const char *inner,
        guint       depth)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, ']');

  return g_string_free (s, FALSE);
}

static void
test_split_tricky (void)
{
  const char *texts[] = {
    "[]",
    " \n\t[ \r\n ]\n ",
    "\xEF\xBB\xBF[1,2]",
    "\xEF\xBB\xBF \n[ {\"a\":1} ]\n",
    /* strings holding brackets, commas, escaped quotes, backslashes right
     * before the closing quote */
    "[\"a]b\", \"c,d\", \"{\", \"}\", \"[\", \"e\\\"f\", \"g\\\\\", \"h\\\\\\\"i]\", \"\\\\\"]",
    "[{\"s\":\"\\\\\",\"t\":\"]}\\\"{\"},[[[]]],{},{\"a\":[1,{\"b\":[2,\"],[\"]}]}]",
    "[true,false,null,-1.5e3,0,\"\",1 ,\n2\t]",
    "[\"\xC3\xBC\xE2\x82\xAC\xF0\x9F\x98\x80\", {\"n\":\"\xE6\x97\xA5\xE6\x9C\xAC,]\"}]",
    "[\n  {\n \"id\" : \"a\" , \"x\" : [ 1 , 2 ]\n } ,\n\n {\"id\":\"b\\\\\\\\\"}\r\n\t]\r\n",
    "[\"\\\\\\\\\\\"]\\\\\",\"\\u005c\",\"x\\\"\"]",
  };
  g_autofree char *deepest = nested ("\"deep\"", CONVERC_MAX_NESTING_DEPTH);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("text %u: %s", i, texts[i]);
      assert_splits_as_whole (texts[i], strlen (texts[i]));
    }
  assert_splits_as_whole (deepest, strlen (deepest));
}

static void
test_split_generated (void)
{
  const char *spaces[] = { "", " ", "\n", "\r\n\t ", "\t\t\n  " };
  g_autoptr(GPtrArray) events = generate_events (150, 77);
  g_autoptr(GString) plain = g_string_new ("[");
  g_autoptr(GString) spaced = g_string_new ("\xEF\xBB\xBF\r\n [");

  /* The events one a line, and with random space around every comma. */
  for (guint i = 0; i < events->len; i++)
    {
      if (i > 0)
        {
          g_string_append (plain, ",\n");
          g_string_append (spaced, spaces[g_test_rand_int_range (0, G_N_ELEMENTS (spaces))]);
          g_string_append (spaced, ",");
        }
      g_string_append (spaced, spaces[g_test_rand_int_range (0, G_N_ELEMENTS (spaces))]);
      g_string_append (plain, g_ptr_array_index (events, i));
      g_string_append (spaced, g_ptr_array_index (events, i));
    }
  g_string_append (plain, "]");
  g_string_append (spaced, "\n]\n\n");
  assert_splits_as_whole (plain->str, plain->len);
  assert_splits_as_whole (spaced->str, spaced->len);
}

/* An element is ready as soon as the ',' or ']' after it arrives, not at
 * the end of the answer. */
static void
test_split_ready_early (void)
{
  const char *text = "[10,\"a,]\\\"\",{\"b\":[1,2]} ,7]";
  /* The number of elements ready after each byte of @text. */
  const char *expected = "0000111111112222222222222334";
  g_autoptr(ConvercEventStream) stream = converc_event_stream_new ();

  g_assert_cmpuint (strlen (expected), ==, strlen (text) + 1);
  g_assert_cmpuint (converc_event_stream_get_n_ready (stream), ==, 0);
  for (gsize i = 0; text[i] != '\0'; i++)
    {
      converc_event_stream_push (stream, (const guint8 *) text + i, 1);
      g_assert_cmpuint (converc_event_stream_get_n_ready (stream), ==, expected[i + 1] - '0');
    }
  g_assert_true (converc_event_stream_check_end (stream, NULL));
}

/* Answers that are not a whole bare array */

typedef struct
{
  const char *text;
  const char *message;       /* what the stream says */
  gboolean    list_same;     /* converc_parse_event_list() says the same */
} BadCase;

static void
assert_bad_ending (const char *text,
                   gsize       len,
                   const char *message,
                   gboolean    list_same)
{
  g_autoptr(GError) split_error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GBytes) body = g_bytes_new (text, len);
  g_autoptr(GArray) ranges = converc_json_split_array (text, len, &split_error);
  g_autoptr(GPtrArray) events = converc_parse_event_list (body, NULL, NULL, &list_error);

  g_assert_null (ranges);
  g_assert_error (split_error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
  /* The whole reading says more (a JSON parser's message), or even finds
   * the array of an unfinished wrapper object: compared where it is the
   * splitter's. */
  if (list_same)
    {
      g_assert_null (events);
      g_assert_error (list_error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
      g_assert_cmpstr (list_error->message, ==, split_error->message);
    }

  for (guint c = 0; c < G_N_ELEMENTS (chunk_sizes); c++)
    {
      g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_autoptr(GError) error = NULL;

      g_assert_false (stream_split (text, len, chunk_sizes[c], elements, &error));
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
      /* The wording of the whole-answer splitter. */
      g_assert_cmpstr (error->message, ==, split_error->message);
      g_assert_true (strstr (error->message, message) != NULL);
    }
}

static void
test_bad_endings (void)
{
  const BadCase cases[] = {
    { "[1,2", "is cut short", FALSE },
    { "[{\"a\":\"bc", "is cut short", FALSE },
    { "[{\"a\":\"bc\\\"]", "is cut short", FALSE },
    { "[1,2,", "is cut short", FALSE },
    { "[1,{\"a\":[1,2]", "is cut short", FALSE },
    { "[1,2] x", "text after the list", FALSE },
    { "[1,2]]", "text after the list", FALSE },
    { "[1,,2]", "has an empty element", FALSE },
    { "[1,]", "has an empty element", FALSE },
    { "[,1]", "has an empty element", FALSE },
    { "[1,}", "has an empty element", FALSE },
    { "[1}", "has an unmatched “}”", FALSE },
    { "[{\"a\":1}},2]", "has an unmatched “}”", FALSE },
    { "", "the body is empty", TRUE },
    { "  \n", "expected a list of events", FALSE },
    { "{\"events\":[1,2,3]", "expected a list of events", FALSE },
    { "hello, [1,2,3]", "expected a list of events", FALSE },
    /* A broken byte order mark is no byte order mark. */
    { "\xEF[1,2]", "expected a list of events", FALSE },
    { "\xEF\xBB[1,2]", "expected a list of events", FALSE },
    { " \xBB\xBF[1,2]", "expected a list of events", FALSE },
  };
  g_autofree char *too_deep = nested ("1", CONVERC_MAX_NESTING_DEPTH + 1);
  g_autofree char *deep_late = g_strconcat ("[1,2,", too_deep + 1, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i].text);
      assert_bad_ending (cases[i].text, strlen (cases[i].text), cases[i].message, cases[i].list_same);
    }
  assert_bad_ending (too_deep, strlen (too_deep), "nested more than", TRUE);
  assert_bad_ending (deep_late, strlen (deep_late), "nested more than", TRUE);
}

/* A bare array gone bad gives up what was ready and stays bad; a wrapper
 * object or other text never has a ready element. */
static void
test_bad_stays_bad (void)
{
  const char *not_lists[] = {
    "{\"events\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}]}",
    "{\"data\":[1,2,3,4]}",
    "<html>[1,2,3]</html>",
    "\"[1,2,3]\"",
  };
  g_autoptr(ConvercEventStream) stream = converc_event_stream_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) rest = NULL;

  converc_event_stream_push (stream, (const guint8 *) "[1,2,3,", 7);
  g_assert_cmpuint (converc_event_stream_get_n_ready (stream), ==, 3);
  converc_event_stream_push (stream, (const guint8 *) "4}", 2);
  g_assert_cmpuint (converc_event_stream_get_n_ready (stream), ==, 0);
  converc_event_stream_push (stream, (const guint8 *) ",4,5,6]", 7);
  g_assert_cmpuint (converc_event_stream_get_n_ready (stream), ==, 0);
  g_assert_false (converc_event_stream_check_end (stream, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
  g_assert_true (strstr (error->message, "unmatched") != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (not_lists); i++)
    {
      g_autoptr(ConvercEventStream) other = converc_event_stream_new ();
      gsize len = strlen (not_lists[i]);

      for (gsize at = 0; at < len; at++)
        {
          converc_event_stream_push (other, (const guint8 *) not_lists[i] + at, 1);
          g_assert_cmpuint (converc_event_stream_get_n_ready (other), ==, 0);
        }
      g_assert_false (converc_event_stream_check_end (other, NULL));
      rest = converc_event_stream_steal_rest (other);
      g_assert_cmpmem (g_bytes_get_data (rest, NULL), g_bytes_get_size (rest), not_lists[i], len);
      g_clear_pointer (&rest, g_bytes_unref);
    }

  /* What was not taken is the rest. */
  g_clear_pointer (&stream, converc_event_stream_free);
  stream = converc_event_stream_new ();
  converc_event_stream_push (stream, (const guint8 *) "[1, 22 ,3", 9);
  {
    g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

    take_ready (stream, elements);
    g_assert_cmpuint (elements->len, ==, 2);
    g_assert_cmpmem (g_bytes_get_data (elements->pdata[1], NULL), g_bytes_get_size (elements->pdata[1]),
                     "22", 2);
  }
  rest = converc_event_stream_steal_rest (stream);
  g_assert_cmpmem (g_bytes_get_data (rest, NULL), g_bytes_get_size (rest), " ,3", 3);
  converc_event_stream_push (stream, (const guint8 *) ",4,5,", 5);
  g_assert_cmpuint (converc_event_stream_get_n_ready (stream), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/event-stream/split/tricky", test_split_tricky);
  g_test_add_func ("/event-stream/split/generated", test_split_generated);
  g_test_add_func ("/event-stream/split/ready-early", test_split_ready_early);
  g_test_add_func ("/event-stream/split/bad-endings", test_bad_endings);
  g_test_add_func ("/event-stream/split/bad-stays-bad", test_bad_stays_bad);

  return g_test_run ();
}
