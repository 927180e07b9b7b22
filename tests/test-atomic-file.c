/* test-atomic-file.c
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

/* converc_atomic_file_replace(): a failed save never destroys the file it
 * replaces. Failures are made with a file size limit (RLIMIT_FSIZE), which
 * works for root too, where a read-only folder would not. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "converc.h"

static const char old_contents[] = "{\"id\":\"evt_old\",\"note\":\"keep me\"}\n";

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("converc-atomic-XXXXXX", &error);

  g_assert_no_error (error);
  return folder;
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

static GBytes *
big_contents (gsize size)
{
  char *data = g_malloc (size);

  memset (data, 'n', size);
  return g_bytes_new_take (data, size);
}

static void
assert_file_is (const char *path,
                const char *expected,
                gsize       expected_len)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpmem (data, len, expected, expected_len);
}

static void
test_replace (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "event.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("new\n", 4);
  g_autoptr(GError) error = NULL;
  struct stat st;

  /* A new file. */
  g_assert_true (converc_atomic_file_replace (file, bytes, NULL, &error));
  g_assert_no_error (error);
  assert_file_is (path, "new\n", 4);

  /* An existing file keeps its permissions; no temporary file is left. */
  g_assert_true (g_file_set_contents (path, old_contents, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (converc_atomic_file_replace (file, bytes, NULL, &error));
  g_assert_no_error (error);
  assert_file_is (path, "new\n", 4);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_cmpuint (count_entries (folder), ==, 1);

  g_unlink (path);
  g_rmdir (folder);
}

static void
test_symlink (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *real = g_build_filename (folder, "real.json", NULL);
  g_autofree char *link = g_build_filename (folder, "link.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("new\n", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;

  g_assert_true (g_file_set_contents (real, old_contents, -1, NULL));
  g_assert_cmpint (symlink ("real.json", link), ==, 0);

  g_assert_true (converc_atomic_file_replace (file, bytes, NULL, &error));
  g_assert_no_error (error);
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "real.json");
  assert_file_is (real, "new\n", 4);

  g_unlink (link);
  g_unlink (real);
  g_rmdir (folder);
}

static void
test_not_a_file (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *sub = g_build_filename (folder, "sub", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (sub);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("new\n", 4);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_false (converc_atomic_file_replace (file, bytes, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_true (g_file_test (sub, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (folder), ==, 1);

  g_rmdir (sub);
  g_rmdir (folder);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* The disk fills up half way: the old file survives byte for byte, the
 * error says why, no temporary file is left behind. */
static void
test_full_disk (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 4096, 4096 };

  if (!g_test_subprocess ())
    {
      /* The child's own messages show if it fails. */
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  folder = make_folder ();
  path = g_build_filename (folder, "event.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (g_file_set_contents (path, old_contents, -1, NULL));

  /* Writes past 4 KiB fail with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  bytes = big_contents (1024 * 1024);
  g_assert_false (converc_atomic_file_replace (file, bytes, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_true (strstr (error->message, "event.json") != NULL);
  assert_file_is (path, old_contents, strlen (old_contents));
  g_assert_cmpuint (count_entries (folder), ==, 1);

  /* The same through the async version, as the app calls it. */
  g_clear_error (&error);
  {
    g_autoptr(GAsyncResult) result = NULL;

    GWeakRef task;
    gint64 deadline;

    converc_atomic_file_replace_async (file, bytes, NULL, store_result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (converc_atomic_file_replace_finish (file, result, &error));
    g_assert_nonnull (error);

    /* Wait until the worker thread let the task go, so that the leak
     * checker at this child's exit never sees the task in flight. */
    g_weak_ref_init (&task, result);
    g_clear_object (&result);
    deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    for (;;)
      {
        GObject *alive = g_weak_ref_get (&task);

        if (alive == NULL)
          break;
        g_object_unref (alive);
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_weak_ref_clear (&task);
  }
  assert_file_is (path, old_contents, strlen (old_contents));
  g_assert_cmpuint (count_entries (folder), ==, 1);

  g_unlink (path);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/converc/atomic-file/replace", test_replace);
  g_test_add_func ("/converc/atomic-file/symlink", test_symlink);
  g_test_add_func ("/converc/atomic-file/not-a-file", test_not_a_file);
  g_test_add_func ("/converc/atomic-file/full-disk", test_full_disk);

  return g_test_run ();
}
