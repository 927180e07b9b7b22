/* converc-test-utils.c
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

#define G_LOG_DOMAIN "converc-test-utils"

#include "config.h"

#include "converc-test-utils.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void
converc_test_init (int    *argc,
                   char ***argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, NULL);
}

char *
converc_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

GBytes *
converc_test_load_data (const char *name)
{
  g_autofree char *path = converc_test_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

GBytes *
converc_test_bytes_new (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

char *
converc_test_nested (const char *open,
                     const char *close,
                     guint       depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  for (guint i = 0; close != NULL && i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

void
converc_test_assert_raw_equals (ConvercEvent *event,
                                const char   *expected,
                                gsize         expected_len)
{
  GBytes *raw = converc_event_get_raw (event);
  gsize len = 0;
  const char *data;

  g_assert_nonnull (raw);
  data = g_bytes_get_data (raw, &len);
  g_assert_cmpmem (data, len, expected, expected_len);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
converc_test_wait_for_result (GAsyncResult **result,
                              guint          timeout_seconds)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean timed_out = FALSE;
  GSource *source;

  source = g_timeout_source_new_seconds (timeout_seconds);
  g_source_set_callback (source, timeout_cb, &timed_out, NULL);
  g_source_attach (source, context);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (source);
  g_source_unref (source);

  if (*result == NULL)
    g_error ("async operation did not finish within %u s", timeout_seconds);
}

void
converc_test_store_result_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

void
converc_test_wait_for_flag (const gboolean *flag,
                            guint           timeout_seconds)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean timed_out = FALSE;
  GSource *source;

  source = g_timeout_source_new_seconds (timeout_seconds);
  g_source_set_callback (source, timeout_cb, &timed_out, NULL);
  g_source_attach (source, context);

  while (!*flag && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (source);
  g_source_unref (source);

  if (!*flag)
    g_error ("condition not met within %u s", timeout_seconds);
}

guint
converc_test_get_unused_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

void
converc_test_remove_tree (const char *path)
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

      converc_test_remove_tree (child);
    }
  g_rmdir (path);
}

char *
converc_test_bytes_to_string (GBytes *bytes)
{
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  return data != NULL ? g_strndup (data, len) : g_strdup ("");
}

void
converc_cli_run_free (ConvercCliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

ConvercCliRun *
converc_test_run_cli (const char         *api_key,
                      const char         *never_shown,
                      const char         *input,
                      const char * const *env,
                      const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) stdin_bytes = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) command = g_string_new ("converc");
  const char *cli = g_getenv ("CONVERC_CLI");
  ConvercCliRun *run;

  if (cli == NULL)
    g_error ("Set CONVERC_CLI to the converc executable (meson test does).");

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    {
      g_ptr_array_add (argv, (gpointer) args[i]);
      g_string_append_printf (command, " %s", args[i]);
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "CONVERC_BASE_URL");
  if (api_key != NULL)
    g_subprocess_launcher_setenv (launcher, "CONVERC_API_KEY", api_key, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "CONVERC_API_KEY");
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);

  stdin_bytes = g_bytes_new (input ? input : "", input ? strlen (input) : 0);
  g_subprocess_communicate_async (process, stdin_bytes, NULL,
                                  converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, 60);
  g_subprocess_communicate_finish (process, result, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  run = g_new0 (ConvercCliRun, 1);
  run->status = g_subprocess_get_exit_status (process);
  run->out = converc_test_bytes_to_string (out);
  run->err = converc_test_bytes_to_string (err);

  g_test_message ("$ %s\n-> %d\n%s%s", command->str, run->status, run->out, run->err);

  /* Whatever happened, the API key is never printed. */
  if (never_shown != NULL)
    {
      g_assert_null (strstr (run->out, never_shown));
      g_assert_null (strstr (run->err, never_shown));
    }

  return run;
}

gboolean
converc_test_need_session_bus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_fail_printf ("No session bus: run under build-aux/headless.sh");
      return FALSE;
    }

  return TRUE;
}

char *
converc_test_unique_base_url (const char *what)
{
  static guint counter;

  return g_strdup_printf ("https://%s-%d-%u.test.converc.invalid", what, (int) getpid (),
                          ++counter);
}
