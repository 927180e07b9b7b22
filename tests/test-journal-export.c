/* test-journal-export.c
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

/* The one concern of this file: the JSON Lines export writes each event's
 * exact bytes on a line of its own, to a stream or a file, whole or not. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "converc.h"
#include "converc-test-utils.h"

/* Spacing and member order as a server may send them: kept byte for byte. */
#define ANSWER \
  "[ {\"id\":\"evt_1\",\"eventType\":\"call.ended\",\"createdAt\":\"2026-11-01T10:00:00Z\"," \
  "\"payload\":{\"contact\":{\"name\":\"Kwame Mensah\",\"email\":\"kwame@example.com\"}}}," \
  "{ \"eventType\" : \"call.started\", \"id\" : \"evt_2\",\r\n \"createdAt\":\"2026-11-01T09:00:00Z\"," \
  " \"payload\": {\"note\": \"caf\\u00e9 \\n\"} } ]"

#define LINE_1 \
  "{\"id\":\"evt_1\",\"eventType\":\"call.ended\",\"createdAt\":\"2026-11-01T10:00:00Z\"," \
  "\"payload\":{\"contact\":{\"name\":\"Kwame Mensah\",\"email\":\"kwame@example.com\"}}}"
#define LINE_2 \
  "{ \"eventType\" : \"call.started\", \"id\" : \"evt_2\",   \"createdAt\":\"2026-11-01T09:00:00Z\"," \
  " \"payload\": {\"note\": \"caf\\u00e9 \\n\"} }"

static GPtrArray *
parse_answer (void)
{
  g_autoptr(GBytes) body = converc_test_bytes_new (ANSWER);
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  events = converc_parse_event_list (body, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (events);
  g_assert_cmpuint (events->len, ==, 2);
  return events;
}

static void
test_export_stream (void)
{
  g_autoptr(GPtrArray) events = parse_answer ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) written = NULL;
  guint n = 0;

  g_assert_true (converc_events_write_json_lines (events, out, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (g_output_stream_close (out, NULL, NULL));

  written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                   LINE_1 "\n" LINE_2 "\n", strlen (LINE_1 "\n" LINE_2 "\n"));

  /* The first event had no line break: its line is its exact bytes. */
  g_assert_cmpmem (g_bytes_get_data (converc_event_get_raw (events->pdata[0]), NULL),
                   g_bytes_get_size (converc_event_get_raw (events->pdata[0])),
                   LINE_1, strlen (LINE_1));
}

static void
test_export_each_line_parses (void)
{
  g_autoptr(GPtrArray) events = parse_answer ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) written = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;

  g_assert_true (converc_events_write_json_lines (events, out, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  text = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) raw = g_bytes_new (lines[i], strlen (lines[i]));
      g_autoptr(ConvercEvent) event = NULL;
      g_autoptr(GError) error = NULL;

      event = converc_parse_event (raw, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (converc_event_get_id (event), ==, i == 0 ? "evt_1" : "evt_2");
    }
}

static void
test_export_file (void)
{
  g_autoptr(GPtrArray) events = parse_answer ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("converc-export-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) nowhere = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  gsize len = 0;
  guint n = 0;

  g_assert_no_error (error);
  path = g_build_filename (folder, "events.jsonl", NULL);
  file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_assert_true (converc_events_export_to_file (events, file, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, LINE_1 "\n" LINE_2 "\n", strlen (LINE_1 "\n" LINE_2 "\n"));

  /* No events: an empty file. */
  g_clear_pointer (&contents, g_free);
  g_assert_true (converc_events_export_to_file (none, file, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, 0);

  /* A folder that does not exist: an error, nothing written. */
  missing = g_build_filename (folder, "no-such-folder", "events.jsonl", NULL);
  nowhere = g_file_new_for_path (missing);
  g_assert_false (converc_events_export_to_file (events, nowhere, &n, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static void
test_export_cancelled_keeps_old_file (void)
{
  g_autoptr(GPtrArray) events = parse_answer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = g_dir_make_tmp ("converc-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "events.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (converc_events_export_to_file (events, file, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old\n");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The disk fills up half way through an export: the earlier file survives
 * byte for byte (the export goes through a temporary file renamed over
 * it), the error names the file, no temporary file is left. */
static void
test_export_full_disk_keeps_old_file (void)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  struct rlimit limit = { 4096, 4096 };
  guint n = 7;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* 100 events of about 1 KiB: far past the 4 KiB limit. */
  events = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *pad = g_strnfill (1000, 'x');
      g_autofree char *json = g_strdup_printf ("{\"id\":\"evt_%u\",\"type\":\"call.ended\","
                                               "\"createdAt\":\"2026-11-01T10:00:00Z\","
                                               "\"pad\":\"%s\"}", i, pad);
      g_autoptr(GBytes) raw = g_bytes_new (json, strlen (json));
      ConvercEvent *event = converc_parse_event (raw, &error);

      g_assert_no_error (error);
      g_ptr_array_add (events, event);
    }

  folder = g_dir_make_tmp ("converc-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "events.jsonl", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (converc_events_export_to_file (events, file, &n, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, "events.jsonl"));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old\n");
  g_assert_cmpuint (count_entries (folder), ==, 1);

  g_unlink (path);
  g_rmdir (folder);
}

/* A journal's events matching a search, newest first, each its exact
 * bytes on a line: every match, not a page of them. */
static void
test_export_journal_search (void)
{
  g_autoptr(ConvercJournal) journal = converc_journal_new_in_memory ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(ConvercSearchQuery) query = converc_search_query_parse ("type:call.ended someone@example.com");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("converc-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "events.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  guint n = 0;

  /* 1,200 events (more than one batch); every third a call.ended of
   * someone@example.com, every fifth a call.started of the same. */
  for (guint i = 0; i < 1200; i++)
    {
      const char *type = i % 3 == 0 ? "call.ended" : "call.started";
      const char *email = i % 3 == 0 || i % 5 == 0 ? "Someone@Example.com" : "other@example.com";
      g_autofree char *json = g_strdup_printf ("{ \"id\" : \"evt_%04u\", \"type\":\"%s\","
                                               "\"createdAt\":\"2026-11-01T%02u:%02u:%02uZ\","
                                               "\"data\":{\"contact\":{\"email\":\"%s\"}} }",
                                               i, type, i / 3600, (i / 60) % 60, i % 60, email);
      g_autoptr(GBytes) raw = g_bytes_new (json, strlen (json));
      ConvercEvent *event = converc_parse_event (raw, &error);

      g_assert_no_error (error);
      g_ptr_array_add (events, event);
    }
  g_assert_true (converc_journal_ingest (journal, events, g_get_real_time (), NULL, &error));
  g_assert_no_error (error);

  /* Newest first */
  for (guint i = 1200; i-- > 0;)
    {
      if (i % 3 != 0)
        continue;
      g_string_append_len (expected,
                           g_bytes_get_data (converc_event_get_raw (g_ptr_array_index (events, i)), NULL),
                           g_bytes_get_size (converc_event_get_raw (g_ptr_array_index (events, i))));
      g_string_append_c (expected, '\n');
    }

  converc_journal_export_async (journal, query, file, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (converc_journal_export_finish (journal, result, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 400);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected->str);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/journal-export/stream", test_export_stream);
  g_test_add_func ("/journal-export/each-line-parses", test_export_each_line_parses);
  g_test_add_func ("/journal-export/file", test_export_file);
  g_test_add_func ("/journal-export/cancelled-keeps-old-file", test_export_cancelled_keeps_old_file);
  g_test_add_func ("/journal-export/full-disk-keeps-old-file", test_export_full_disk_keeps_old_file);
  g_test_add_func ("/journal-export/journal-search", test_export_journal_search);

  return g_test_run ();
}
