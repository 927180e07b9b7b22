/* test-journal-faults.c
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

/* The one concern of this file: the event journal's faults — a corrupt or
 * truncated file, a newer version, a full disk, a read-only folder, two
 * writers, a crash in the middle of an ingest or between its two
 * transactions: each a clear GError, and no stored event lost. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "converc.h"
#include "converc-emulator-private.h"
#include "converc-journal-private.h"
#include "converc-test-utils.h"

#include <sqlite3.h>

/* 2026-11-01T00:00:00Z */
#define NOV_1_USEC (G_GINT64_CONSTANT (1793491200) * G_USEC_PER_SEC)

static const char *self_path;

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("converc-journal-XXXXXX", &error);

  g_assert_no_error (error);
  return folder;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

/* Events "<prefix>-<first>" … "<prefix>-<first + n - 1>", realistic bodies. */
static GPtrArray *
make_events (const char *prefix,
             guint       first,
             guint       n)
{
  g_autoptr(ConvercEmulatorGenerator) gen = converc_emulator_generator_new (first + 1);
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *generated_id = NULL;
      g_autofree char *json = converc_emulator_generator_render (gen, "call.ended",
                                                                 NOV_1_USEC + (gint64) i * G_USEC_PER_SEC,
                                                                 &generated_id);
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, i);
      g_autoptr(GString) with_id = g_string_new (json);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      ConvercEvent *event;

      /* Our own id, so that the test knows which events it wrote. */
      g_string_replace (with_id, generated_id, id, 1);
      bytes = g_bytes_new (with_id->str, with_id->len);
      event = converc_parse_event (bytes, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (converc_event_get_id (event), ==, id);
      g_ptr_array_add (events, event);
    }

  return events;
}

static char *
make_journal (const char *folder,
              guint       n_events)
{
  char *path = g_build_filename (folder, "journal.sqlite", NULL);
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GPtrArray) events = make_events ("evt", 0, n_events);
  g_autoptr(GError) error = NULL;

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The damaged file was moved aside with every byte; a new journal
 * starts on the next open. */
static void
assert_moved_aside (const char   *folder,
                    const char   *path,
                    const GError *error,
                    const char   *contents,
                    gsize         len)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(ConvercJournal) fresh = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;
  gboolean found = FALSE;

  g_assert_error (error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_CORRUPT);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *aside = g_build_filename (folder, name, NULL);
      g_autofree char *aside_contents = NULL;
      gsize aside_len = 0;

      if (strstr (name, ".damaged-") == NULL || g_str_has_suffix (name, "-wal") ||
          g_str_has_suffix (name, "-shm"))
        continue;
      g_assert_nonnull (strstr (error->message, aside));
      g_assert_true (g_file_get_contents (aside, &aside_contents, &aside_len, NULL));
      g_assert_cmpmem (aside_contents, aside_len, contents, len);
      found = TRUE;
    }
  g_assert_true (found);

  fresh = converc_journal_open (path, &local_error);
  g_assert_no_error (local_error);
  g_assert_cmpint (converc_journal_count (fresh, NULL, 0, NULL), ==, 0);
}

static void
test_corrupt (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "journal.sqlite", NULL);
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercJournal) journal = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append (garbage, "this is not an event history ");
  g_assert_true (g_file_set_contents (path, garbage->str, garbage->len, NULL));

  journal = converc_journal_open (path, &error);
  g_assert_null (journal);
  assert_moved_aside (folder, path, error, garbage->str, garbage->len);

  /* A caller that does not ask for the error: still moved aside. */
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, garbage->str, garbage->len, NULL));
  g_assert_null (converc_journal_open (path, NULL));
  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (journal);
  g_clear_object (&journal);
  remove_tree (folder);
}

static void
test_truncated (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = make_journal (folder, 1500);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercJournal) journal = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 64 * 1024);
  /* Half of it, as a full disk or a killed copy leaves it. */
  len /= 2;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  journal = converc_journal_open (path, &error);
  g_assert_null (journal);
  assert_moved_aside (folder, path, error, contents, len);
  remove_tree (folder);
}

static void
test_newer_version (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = make_journal (folder, 10);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercJournal) journal = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  journal = converc_journal_open (path, &error);
  g_assert_null (journal);
  g_assert_error (error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_NEWER_VERSION);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, "newer version"));

  /* Left as it is. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpuint (count_entries (folder), ==, 1);
  remove_tree (folder);
}

/* Root writes into any folder: the child gives up root for "nobody". */
static void
become_unprivileged (void)
{
  if (geteuid () != 0)
    return;
  g_assert_cmpint (setgid (65534), ==, 0);
  g_assert_cmpint (setuid (65534), ==, 0);
  g_assert_cmpint (geteuid (), ==, 65534);
}

/* The folder of test_read_only_folder(): made by the parent, which removes
 * it; named after the parent's process id so that the child finds it. */
static char *
read_only_folder_for (GPid parent)
{
  return g_strdup_printf ("%s/converc-journal-read-only-%d", g_get_tmp_dir (), (int) parent);
}

static void
test_read_only_folder (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercJournal) journal = NULL;
  gsize before_len, after_len;

  if (!g_test_subprocess ())
    {
      folder = read_only_folder_for (getpid ());
      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
      remove_tree (folder);
      g_test_trap_assert_passed ();
      return;
    }

  folder = read_only_folder_for (getppid ());
  path = make_journal (folder, 20);
  new_path = g_build_filename (folder, "new", "journal.sqlite", NULL);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  /* Readable, not writable, for the child after it dropped root. */
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  become_unprivileged ();

  journal = converc_journal_open (path, &error);
  g_assert_null (journal);
  g_assert_error (error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_READ_ONLY);
  g_test_message ("error: %s", error->message);
  g_clear_error (&error);

  journal = converc_journal_open (new_path, &error);
  g_assert_null (journal);
  g_assert_error (error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_READ_ONLY);
  g_test_message ("error: %s", error->message);

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_full_disk (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GPtrArray) big = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  struct rlimit limit;
  GStatBuf st, wal_st;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  folder = make_folder ();
  path = make_journal (folder, 100);
  wal = g_strconcat (path, "-wal", NULL);
  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);

  /* Writes that make any file larger than it is now, plus 256 KiB, fail
   * with EFBIG instead of killing the process. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limit.rlim_cur = MAX (st.st_size, g_stat (wal, &wal_st) == 0 ? wal_st.st_size : 0) + 256 * 1024;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  big = make_events ("big", 1000, 3000);
  g_assert_false (converc_journal_ingest (journal, big, NOV_1_USEC, NULL, &error));
  g_assert_error (error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_NO_SPACE);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);

  /* Nothing of the failed batch, everything from before, still readable. */
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, &error), ==, 100);
  g_assert_no_error (error);
  {
    g_autoptr(ConvercSearchQuery) query = converc_search_query_parse ("evt-99");

    rows = converc_journal_query (journal, query, 0, 0, 0, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_object (&journal);

  /* And after the disk has room again, it opens and takes more. */
  limit.rlim_cur = limit.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  converc_journal_ingest (journal, big, NOV_1_USEC, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 3100);
  g_clear_object (&journal);
  remove_tree (folder);
}

typedef struct
{
  const char *path;
  const char *prefix;
  GError     *error;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(ConvercJournal) journal = converc_journal_open (writer->path, &writer->error);

  if (journal == NULL)
    return NULL;

  for (guint batch = 0; batch < 20; batch++)
    {
      g_autoptr(GPtrArray) events = make_events (writer->prefix, batch * 25, 25);

      if (!converc_journal_ingest (journal, events, NOV_1_USEC, NULL, &writer->error))
        return NULL;
    }

  return NULL;
}

/* Two app instances (two connections) ingest into one file at once. */
static void
test_two_writers (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = make_journal (folder, 10);
  Writer a = { path, "a", NULL };
  Writer b = { path, "b", NULL };
  GThread *ta, *tb;
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  ta = g_thread_new ("writer-a", writer_thread, &a);
  tb = g_thread_new ("writer-b", writer_thread, &b);
  g_thread_join (ta);
  g_thread_join (tb);
  g_assert_no_error (a.error);
  g_assert_no_error (b.error);

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 1010);
  g_clear_object (&journal);
  remove_tree (folder);
}

typedef struct
{
  const char *path;
  gint        done;
  guint       n_opened;
  GError     *error;
} Opener;

/* Opens @path again and again (when it is there) until told to stop; the
 * first error is kept. */
static gpointer
opener_thread (gpointer data)
{
  Opener *opener = data;

  while (!g_atomic_int_get (&opener->done) && opener->error == NULL)
    {
      g_autoptr(ConvercJournal) journal = NULL;

      if (!g_file_test (opener->path, G_FILE_TEST_EXISTS))
        continue;
      journal = converc_journal_open (opener->path, &opener->error);
      if (journal != NULL)
        opener->n_opened++;
    }

  return NULL;
}

/* A second instance opens a journal while the first creates it (the
 * history keeper lists every journal of the folder at start): the new file
 * is never taken for a damaged one and moved aside, and keeps what the
 * first stores. */
static void
test_open_while_created (void)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(GPtrArray) events = make_events ("evt", 0, 2);
  guint n_opened = 0;

  for (guint round = 0; round < 40; round++)
    {
      g_autofree char *name = g_strdup_printf ("new-%u.sqlite", round);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(ConvercJournal) journal = NULL;
      g_autoptr(GError) error = NULL;
      Opener opener = { path, 0, 0, NULL };
      GThread *thread = g_thread_new ("opener", opener_thread, &opener);

      journal = converc_journal_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (converc_journal_ingest (journal, events, NOV_1_USEC, NULL, &error));
      g_assert_no_error (error);
      g_atomic_int_set (&opener.done, 1);
      g_thread_join (thread);
      g_assert_no_error (opener.error);
      n_opened += opener.n_opened;

      g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 2);
      g_clear_object (&journal);
    }

  /* No file moved aside: only the 40 journals and their WAL files */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *entry;

    while ((entry = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (entry, "damaged"));
  }
  g_assert_cmpuint (n_opened, >, 0);
  remove_tree (folder);
}

/* The child of test_two_writer_processes(): 20 batches of 25 events
 * "<prefix>-N". */
static int
ingest_batches (const char *path,
                const char *prefix)
{
  Writer writer = { path, prefix, NULL };

  writer_thread (&writer);
  if (writer.error != NULL)
    {
      g_printerr ("child %s: %s\n", prefix, writer.error->message);
      return 1;
    }
  return 0;
}

/* Two app instances (two processes) ingest into one file at once. */
static void
test_two_writer_processes (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = make_journal (folder, 10);
  const char *prefixes[] = { "p", "q" };
  GPid pids[2];
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    {
      const char *child_argv[] = { self_path, "--ingest-batches", path, prefixes[i], NULL };

      g_assert_true (g_spawn_async (NULL, (char **) child_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                    NULL, NULL, &pids[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_spawn_close_pid (pids[i]);
    }

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, NULL), ==, 1010);
  g_clear_object (&journal);
  remove_tree (folder);
}

/* The child of test_crash_mid_ingest(): ingests batches of 400 events for
 * ever, printing "committed N" after batch N is committed. */
static int
ingest_forever (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercJournal) journal = converc_journal_open (path, &error);

  if (journal == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }

  for (guint batch = 0;; batch++)
    {
      g_autoptr(GPtrArray) events = make_events ("crash", batch * 400, 400);

      if (!converc_journal_ingest (journal, events, NOV_1_USEC, NULL, &error))
        {
          g_printerr ("child: %s\n", error->message);
          return 1;
        }
      printf ("committed %u\n", batch);
      fflush (stdout);
    }
}

/* A writer killed in the middle of an ingest: every batch it reported
 * committed is there whole, no batch is there in part, the file is sound. */
static void
test_crash_mid_ingest (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "journal.sqlite", NULL);
  const char *child_argv[] = { self_path, "--ingest-forever", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  GPid pid;
  int out_fd;
  int status;
  guint last_committed = 0;
  gint64 n;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) child_argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  for (guint seen = 0; seen < 3;)
    {
      g_autofree char *line = NULL;

      g_assert_cmpint (g_io_channel_read_line (channel, &line, NULL, NULL, &error), ==,
                       G_IO_STATUS_NORMAL);
      g_assert_true (sscanf (line, "committed %u", &last_committed) == 1);
      seen++;
    }
  /* Well into the next batch's transaction (a batch takes a while). */
  g_usleep (30 * 1000);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  n = converc_journal_count (journal, NULL, 0, NULL);
  g_test_message ("%" G_GINT64_FORMAT " events after the crash, batch %u reported", n, last_committed);
  g_assert_cmpint (n % 400, ==, 0);
  g_assert_cmpint (n, >=, (last_committed + 1) * 400);
  for (guint i = 0; i < (last_committed + 1) * 400; i += 37)
    {
      g_autofree char *id = g_strdup_printf ("crash-%u", i);
      g_autoptr(GBytes) raw = converc_journal_lookup (journal, id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (raw);
    }
  /* The search index holds them too. */
  {
    g_autoptr(ConvercSearchQuery) query = converc_search_query_parse ("crash-");

    g_assert_cmpint (converc_journal_count (journal, query, 0, NULL), ==, n);
  }
  g_clear_object (&journal);
  remove_tree (folder);
}

/* The child of test_crash_before_index(): stores 400 events "stored-N"
 * and aborts before they are in the search index. */
static int
store_then_abort (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercJournal) journal = converc_journal_open (path, &error);
  g_autoptr(GPtrArray) events = make_events ("stored", 0, 400);

  if (journal == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  journal->auto_index = FALSE;
  if (!converc_journal_ingest (journal, events, NOV_1_USEC, NULL, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  abort ();
}

/* A writer that dies after storing an answer and before indexing it: the
 * events are there and found by search at once, and the next open indexes
 * them (FTS5's own check of the index against the text passes). */
static void
test_crash_before_index (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = make_journal (folder, 10);
  const char *child_argv[] = { self_path, "--store-then-abort", path, NULL };
  g_autoptr(ConvercSearchQuery) query = converc_search_query_parse ("STORED-3");
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  int status = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGABRT);

  /* The pending marker: 400 stored events not in the index. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM events_unindexed", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 400);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  journal = converc_journal_open (path, &error);
  g_assert_no_error (error);
  /* stored-3, stored-30..39, stored-300..399 */
  g_assert_cmpint (converc_journal_count (journal, query, 0, &error), ==, 111);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  for (;;)
    {
      gint64 left;

      converc_journal_lock (journal);
      left = converc_journal_count_unindexed_locked (journal, &error);
      g_mutex_unlock (&journal->lock);
      g_assert_no_error (error);
      if (left == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }

  converc_journal_lock (journal);
  if (sqlite3_exec (journal->db, "INSERT INTO events_text (events_text, rank)"
                    " VALUES ('integrity-check', 1)", NULL, NULL, &message) != SQLITE_OK)
    g_error ("the search index is not sound: %s", message);
  g_mutex_unlock (&journal->lock);
  g_assert_cmpint (converc_journal_count (journal, query, 0, &error), ==, 111);
  g_assert_cmpint (converc_journal_count (journal, NULL, 0, &error), ==, 410);
  g_assert_no_error (error);

  g_clear_object (&journal);
  remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--store-then-abort"))
    return store_then_abort (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--ingest-forever"))
    return ingest_forever (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "--ingest-batches"))
    return ingest_batches (argv[2], argv[3]);

  self_path = argv[0];
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/journal-faults/corrupt", test_corrupt);
  g_test_add_func ("/converc/journal-faults/truncated", test_truncated);
  g_test_add_func ("/converc/journal-faults/newer-version", test_newer_version);
  g_test_add_func ("/converc/journal-faults/read-only-folder", test_read_only_folder);
  g_test_add_func ("/converc/journal-faults/full-disk", test_full_disk);
  g_test_add_func ("/converc/journal-faults/two-writers", test_two_writers);
  g_test_add_func ("/converc/journal-faults/two-writer-processes", test_two_writer_processes);
  g_test_add_func ("/converc/journal-faults/open-while-created", test_open_while_created);
  g_test_add_func ("/converc/journal-faults/crash-mid-ingest", test_crash_mid_ingest);
  g_test_add_func ("/converc/journal-faults/crash-before-index", test_crash_before_index);

  return g_test_run ();
}
