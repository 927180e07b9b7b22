/* converc-atomic-file.c
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

/* Replacing a file atomically: temporary file, fsync, rename. */

#define G_LOG_DOMAIN "converc-atomic-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "converc-atomic-file.h"

static gboolean set_errno_error (GError     **error,
                                 int          saved_errno,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (3, 4);

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *format,
                 ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", what, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, 1024 * 1024));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      data += n;
      len -= n;
    }

  return TRUE;
}

/* Syncs the folder so that the rename itself survives a crash. Best effort:
 * some file systems cannot sync a folder. */
static void
sync_folder (const char *folder)
{
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      (void) fsync (fd);
      close (fd);
    }
}

/* Writes the new contents to @fd, the temporary file. */
typedef gboolean (*WriteFdFunc) (int            fd,
                                 gpointer       data,
                                 GCancellable  *cancellable,
                                 GError       **error);

static gboolean
replace_path (const char    *path,
              WriteFdFunc    write_fd,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *target = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *shown = g_filename_display_name (path);
  g_autofree char *shown_folder = NULL;
  g_autoptr(GError) write_error = NULL;
  struct stat st;
  mode_t mode = 0644;
  int fd;

  /* A symbolic link stays one: its target is what gets replaced. */
  target = realpath (path, NULL);
  if (target == NULL)
    target = g_strdup (path);

  if (stat (target, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                       _("%s is not a regular file."), shown);
          return FALSE;
        }
      mode = st.st_mode & 07777;
    }

  folder = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  shown_folder = g_filename_display_name (folder);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", folder, base);

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, mode);
  if (fd < 0)
    return set_errno_error (error, errno, _("Could not create a file in %s"), shown_folder);

  if (fchmod (fd, mode) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp);
      return set_errno_error (error, saved_errno, _("Could not write %s"), shown);
    }

  if (!write_fd (fd, data, cancellable, &write_error))
    {
      close (fd);
      g_unlink (tmp);
      if (g_error_matches (write_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&write_error));
          return FALSE;
        }
      g_set_error (error, write_error->domain, write_error->code,
                   _("Could not write %s: %s"), shown, write_error->message);
      return FALSE;
    }

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp);
      return set_errno_error (error, saved_errno, _("Could not write %s"), shown);
    }

  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_errno_error (error, saved_errno, _("Could not write %s"), shown);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (g_rename (tmp, target) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_errno_error (error, saved_errno, _("Could not replace %s"), shown);
    }

  sync_folder (folder);
  return TRUE;
}

static gboolean
write_bytes_fd (int            fd,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  gsize len = 0;
  const guint8 *bytes = g_bytes_get_data (data, &len);

  if (!write_all (fd, bytes, len))
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  ConvercAtomicFileWriteFunc func;
  gpointer                   user_data;
} StreamWriter;

static gboolean
write_stream_fd (int            fd,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  StreamWriter *writer = data;
  g_autoptr(GOutputStream) raw = g_unix_output_stream_new (fd, FALSE);
  g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (raw, 64 * 1024);

  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);

  if (!writer->func (buffered, writer->user_data, cancellable, error))
    return FALSE;

  /* Flushes what is buffered; @fd stays open for the sync. */
  return g_output_stream_close (buffered, cancellable, error);
}

/**
 * converc_atomic_file_replace:
 * @file: the file to write; it may exist
 * @contents: its new contents
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Replaces @file with @contents so that it holds either its old contents or
 * all of the new ones, whatever fails (a full disk, a size limit, a crash):
 * never a part. Blocks: call it from a thread, or use the async version.
 * A file without a local path falls back to g_file_replace_contents().
 *
 * Returns: %TRUE when @file holds @contents
 */
gboolean
converc_atomic_file_replace (GFile         *file,
                             GBytes        *contents,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    return g_file_replace_contents (file, g_bytes_get_data (contents, NULL),
                                    g_bytes_get_size (contents), NULL, TRUE,
                                    G_FILE_CREATE_NONE, NULL, cancellable, error);

  return replace_path (path, write_bytes_fd, contents, cancellable, error);
}

/**
 * converc_atomic_file_replace_with:
 * @file: the file to write; it may exist
 * @write_func: writes the new contents to the stream it is given (which
 *   it must not close)
 * @user_data: for @write_func
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * The same as converc_atomic_file_replace() for contents too big to hold
 * in memory: @write_func streams them into the temporary file. When it
 * fails (a full disk, a cancel), @file keeps its old contents.
 *
 * Returns: %TRUE when @file holds what @write_func wrote
 */
gboolean
converc_atomic_file_replace_with (GFile                       *file,
                                  ConvercAtomicFileWriteFunc   write_func,
                                  gpointer                     user_data,
                                  GCancellable                *cancellable,
                                  GError                     **error)
{
  g_autofree char *path = NULL;
  StreamWriter writer = { write_func, user_data };

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (write_func != NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GFileOutputStream) out = NULL;

      /* No local path: GIO's own replace, which keeps the old file until
       * the stream is closed, and drops the new one when cancelled. */
      out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
      if (out == NULL)
        return FALSE;
      if (!write_func (G_OUTPUT_STREAM (out), user_data, cancellable, error))
        {
          g_autoptr(GCancellable) abandon = g_cancellable_new ();

          g_cancellable_cancel (abandon);
          g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
          return FALSE;
        }
      return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
    }

  return replace_path (path, write_stream_fd, &writer, cancellable, error);
}

static void
replace_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (converc_atomic_file_replace (G_FILE (source_object), task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
converc_atomic_file_replace_async (GFile               *file,
                                   GBytes              *contents,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_atomic_file_replace_async);
  g_task_set_task_data (task, g_bytes_ref (contents), (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, replace_thread);
}

gboolean
converc_atomic_file_replace_finish (GFile         *file,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
