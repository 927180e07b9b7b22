/* test-secret-store.c
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

/* The keyring tests talk to a real gnome-keyring-daemon: run them under
 * build-aux/headless.sh (a private D-Bus session with an unlocked keyring).
 * The "no keyring" and "timeout" cases run in a subprocess on a private bus
 * of their own (GTestDBus), so they never depend on the caller's session. */

#define G_LOG_DOMAIN "test-secret-store"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "converc-error.h"
#include "converc-secret-store.h"
#include "converc-test-utils.h"
#include "converc-secret-store-keyring-private.h"

#define SECRET_A "sk_test_first-secret-value"
#define SECRET_B "whsec_second-secret-value"
#define SECRET_C "whsec_third-secret-value"

static void
assert_no_secret_in (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, SECRET_A));
  g_assert_null (strstr (error->message, SECRET_B));
  g_assert_null (strstr (error->message, SECRET_C));
}

/* Async round trip through the interface (not the sync helpers). */
typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} AsyncData;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = g_object_ref (result);
  g_main_loop_quit (data->loop);
}

static void
test_keyring_api_key (void)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *url_slash = NULL;
  g_autofree char *value = NULL;
  gboolean ok;

  if (!converc_test_need_session_bus ())
    return;

  store = converc_keyring_store_new (0);
  url = converc_test_unique_base_url ("api-key");
  url_slash = g_strconcat (url, "/", NULL);

  ok = converc_secret_store_store_sync (store, url, NULL, SECRET_A, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  value = converc_secret_store_lookup_sync (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, SECRET_A);
  g_clear_pointer (&value, g_free);

  /* A trailing slash names the same server. */
  value = converc_secret_store_lookup_sync (store, url_slash, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, SECRET_A);
  g_clear_pointer (&value, g_free);

  /* Storing again replaces the value, it does not add a second item. */
  ok = converc_secret_store_store_sync (store, url, NULL, SECRET_B, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  value = converc_secret_store_lookup_sync (store, url, "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, SECRET_B);
  g_clear_pointer (&value, g_free);

  ok = converc_secret_store_clear_sync (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  value = converc_secret_store_lookup_sync (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);

  /* Clearing what is not there is not an error. */
  ok = converc_secret_store_clear_sync (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_keyring_signing_secrets (void)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *value = NULL;

  if (!converc_test_need_session_bus ())
    return;

  store = converc_keyring_store_new (5);
  url = converc_test_unique_base_url ("signing");

  /* A signing secret alone must not be mistaken for the API key. */
  converc_secret_store_store_sync (store, url, "wh_1", SECRET_B, &error);
  g_assert_no_error (error);
  value = converc_secret_store_lookup_sync (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);

  converc_secret_store_store_sync (store, url, NULL, SECRET_A, &error);
  g_assert_no_error (error);
  converc_secret_store_store_sync (store, url, "wh_2", SECRET_C, &error);
  g_assert_no_error (error);

  value = converc_secret_store_lookup_sync (store, url, "wh_1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, SECRET_B);
  g_clear_pointer (&value, g_free);
  value = converc_secret_store_lookup_sync (store, url, "wh_2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, SECRET_C);
  g_clear_pointer (&value, g_free);
  value = converc_secret_store_lookup_sync (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, SECRET_A);
  g_clear_pointer (&value, g_free);

  /* Clearing one endpoint's secret leaves the others alone. */
  converc_secret_store_clear_sync (store, url, "wh_1", &error);
  g_assert_no_error (error);
  value = converc_secret_store_lookup_sync (store, url, "wh_1", &error);
  g_assert_no_error (error);
  g_assert_null (value);
  value = converc_secret_store_lookup_sync (store, url, "wh_2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, SECRET_C);
  g_clear_pointer (&value, g_free);

  /* Clearing the API key leaves the signing secrets alone. */
  converc_secret_store_clear_sync (store, url, NULL, &error);
  g_assert_no_error (error);
  value = converc_secret_store_lookup_sync (store, url, "wh_2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, SECRET_C);
  g_clear_pointer (&value, g_free);

  converc_secret_store_clear_sync (store, url, "wh_2", &error);
  g_assert_no_error (error);
}

static void
test_keyring_missing (void)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *value = NULL;

  if (!converc_test_need_session_bus ())
    return;

  store = converc_keyring_store_new (0);
  url = converc_test_unique_base_url ("missing");

  value = converc_secret_store_lookup_sync (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);

  value = converc_secret_store_lookup_sync (store, url, "wh_nothing", &error);
  g_assert_no_error (error);
  g_assert_null (value);
}

static void
test_keyring_async (void)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *value = NULL;
  AsyncData data = { NULL };

  if (!converc_test_need_session_bus ())
    return;

  store = converc_keyring_store_new (0);
  url = converc_test_unique_base_url ("async");
  loop = g_main_loop_new (NULL, FALSE);
  data.loop = loop;

  converc_secret_store_store_async (store, url, "wh_async", SECRET_C, NULL,
                                    async_done_cb, &data);
  g_main_loop_run (loop);
  g_assert_true (converc_secret_store_store_finish (store, data.result, &error));
  g_assert_no_error (error);
  g_clear_object (&data.result);

  converc_secret_store_lookup_async (store, url, "wh_async", NULL, async_done_cb, &data);
  g_main_loop_run (loop);
  value = converc_secret_store_lookup_finish (store, data.result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, SECRET_C);
  g_clear_object (&data.result);

  converc_secret_store_clear_async (store, url, "wh_async", NULL, async_done_cb, &data);
  g_main_loop_run (loop);
  g_assert_true (converc_secret_store_clear_finish (store, data.result, &error));
  g_assert_no_error (error);
  g_clear_object (&data.result);
}

static void
test_keyring_secret_tool (void)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *url_slash = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expect = NULL;
  g_autofree char *tool = NULL;
  g_autofree char *all = NULL;
  int status = 0;

  if (!converc_test_need_session_bus ())
    return;

  tool = g_find_program_in_path ("secret-tool");
  if (tool == NULL)
    {
      g_test_skip ("secret-tool is not installed (libsecret-tools)");
      return;
    }

  store = converc_keyring_store_new (0);
  url = converc_test_unique_base_url ("secret-tool");
  url_slash = g_strconcat (url, "/", NULL);

  /* Stored with a trailing slash, found without one. */
  converc_secret_store_store_sync (store, url_slash, NULL, SECRET_A, &error);
  g_assert_no_error (error);
  converc_secret_store_store_sync (store, url, "wh_123", SECRET_B, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { "secret-tool", "search", "--all", "base-url", url, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  /* secret-tool prints the attributes on stderr, the rest on stdout. */
  all = g_strconcat (out, err, NULL);
  g_test_message ("secret-tool said:\n%s", all);

  /* Both items: their labels, schemas and attributes. */
  expect = g_strdup_printf ("label = Converc API key (%s)", url);
  g_assert_nonnull (strstr (out, expect));
  g_clear_pointer (&expect, g_free);
  expect = g_strdup_printf ("label = Converc signing secret for wh_123 (%s)", url);
  g_assert_nonnull (strstr (out, expect));
  g_clear_pointer (&expect, g_free);
  g_assert_nonnull (strstr (out, "schema = " CONVERC_SECRET_SCHEMA_API_KEY));
  g_assert_nonnull (strstr (out, "schema = " CONVERC_SECRET_SCHEMA_SIGNING_SECRET));
  g_assert_nonnull (strstr (all, "attribute.webhook-id = wh_123"));
  g_assert_nonnull (strstr (all, "attribute.version = 1"));
  expect = g_strdup_printf ("attribute.base-url = %s\n", url);
  g_assert_nonnull (strstr (all, expect));
  /* secret-tool prints values: they are the ones we stored. */
  g_assert_nonnull (strstr (out, "secret = " SECRET_A));
  g_assert_nonnull (strstr (out, "secret = " SECRET_B));

  converc_secret_store_clear_sync (store, url, NULL, &error);
  g_assert_no_error (error);
  converc_secret_store_clear_sync (store, url, "wh_123", &error);
  g_assert_no_error (error);
}

static void
test_keyring_cancelled (void)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *value = NULL;
  AsyncData data = { NULL };

  if (!converc_test_need_session_bus ())
    return;

  store = converc_keyring_store_new (0);
  url = converc_test_unique_base_url ("cancelled");
  loop = g_main_loop_new (NULL, FALSE);
  data.loop = loop;

  /* Cancelled before the call. */
  cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  converc_secret_store_store_async (store, url, NULL, SECRET_A, cancellable,
                                    async_done_cb, &data);
  g_main_loop_run (loop);
  g_assert_false (converc_secret_store_store_finish (store, data.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_no_secret_in (error);
  g_clear_error (&error);
  g_clear_object (&data.result);

  /* Cancelled while the call is in flight. */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  converc_secret_store_lookup_async (store, url, NULL, cancellable, async_done_cb, &data);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (loop);
  value = converc_secret_store_lookup_finish (store, data.result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (value);
  g_clear_error (&error);
  g_clear_object (&data.result);

  /* Nothing was stored by the cancelled call. */
  value = converc_secret_store_lookup_sync (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);
}

/* Reachable till exit, so that leak checkers stay quiet. */
static GTestDBus *keep_bus;

/* --- No Secret Service ---------------------------------------------------- */

static void
assert_no_keyring_for_all_calls (void)
{
  g_autoptr(ConvercSecretStore) store = converc_keyring_store_new (10);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (converc_secret_store_store_sync (store, "https://api.converc.com", NULL,
                                                   SECRET_A, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING);
  g_assert_nonnull (strstr (error->message, "No keyring"));
  assert_no_secret_in (error);
  g_printerr ("store: %s\n", error->message);
  g_clear_error (&error);

  value = converc_secret_store_lookup_sync (store, "https://api.converc.com", "wh_1", &error);
  g_assert_null (value);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING);
  g_clear_error (&error);

  g_assert_false (converc_secret_store_clear_sync (store, "https://api.converc.com", NULL,
                                                   &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING);

  /* It fails at once, it does not wait for the timeout. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);

      /* A private bus on which nothing provides org.freedesktop.secrets. */
      g_test_dbus_up (bus);
      assert_no_keyring_for_all_calls ();
      /* Stop the daemon but keep the object: g_test_dbus_down() would wait
       * for the session connection that libsecret keeps to go away. */
      g_test_dbus_stop (bus);
      keep_bus = bus;
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*No keyring (Secret Service) is running*");
}

static void
test_no_session_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *runtime_dir = g_dir_make_tmp ("converc-test-XXXXXX", NULL);

      /* Nowhere to find a bus: no address, no X11 to autolaunch one, and an
       * empty runtime dir (GLib also looks for $XDG_RUNTIME_DIR/bus). */
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_unsetenv ("DISPLAY");
      g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
      assert_no_keyring_for_all_calls ();
      g_rmdir (runtime_dir);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*No keyring (Secret Service) is running*");
}

/* --- A Secret Service that never answers (a locked keyring's hidden
 * prompt looks the same from here) ---------------------------------------- */

static GDBusMessage *
drop_method_calls_filter (GDBusConnection *connection,
                          GDBusMessage    *message,
                          gboolean         incoming,
                          gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }

  return message;
}

static void
test_timeout (void)
{
  if (g_test_subprocess ())
    {
      GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(GDBusConnection) mute = NULL;
      g_autoptr(ConvercSecretStore) store = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;
      gint64 start;
      guint32 code = 0;

      g_test_dbus_up (bus);

      mute = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                     G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                     NULL, NULL, &error);
      g_assert_no_error (error);
      g_dbus_connection_add_filter (mute, drop_method_calls_filter, NULL, NULL);
      reply = g_dbus_connection_call_sync (mute, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "RequestName",
                                           g_variant_new ("(su)", "org.freedesktop.secrets", 4),
                                           G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                           NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(u)", &code);
      g_assert_cmpuint (code, ==, 1); /* primary owner */

      store = converc_keyring_store_new (1);

      start = g_get_monotonic_time ();
      g_assert_false (converc_secret_store_store_sync (store, "https://api.converc.com", NULL,
                                                       SECRET_A, &error));
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_KEYRING);
      g_assert_nonnull (strstr (error->message, "did not answer within 1 second"));
      g_assert_nonnull (strstr (error->message, "unlock"));
      assert_no_secret_in (error);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      g_printerr ("store: %s\n", error->message);
      g_clear_error (&error);

      start = g_get_monotonic_time ();
      value = converc_secret_store_lookup_sync (store, "https://api.converc.com", "wh_1",
                                                &error);
      g_assert_null (value);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_KEYRING);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

      /* Stop the daemon but keep the object: g_test_dbus_down() would wait
       * for the session connection that libsecret keeps to go away. */
      g_test_dbus_stop (bus);
      keep_bus = bus;
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*The keyring did not answer within 1 second*");
}

/* A keyring that does not call back when cancelled (one waiting for an
 * unlock prompt): it keeps each call, and the test answers it late. */
typedef struct
{
  GAsyncReadyCallback callback;
  gpointer            user_data;
} PendingCall;

static GArray *pending_calls;
static guint   n_late_finished;
static guint   n_late_freed;

static void
silent_keep (GAsyncReadyCallback callback,
             gpointer            user_data)
{
  PendingCall call = { callback, user_data };

  g_array_append_val (pending_calls, call);
}

static void
silent_store (const SecretSchema  *schema,
              GHashTable          *attributes,
              const char          *collection,
              const char          *label,
              const char          *password,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  silent_keep (callback, user_data);
}

static void
silent_lookup (const SecretSchema  *schema,
               GHashTable          *attributes,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  silent_keep (callback, user_data);
}

static gboolean
late_boolean_finish (GAsyncResult  *result,
                     GError       **error)
{
  n_late_finished++;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
late_lookup_finish (GAsyncResult  *result,
                    GError       **error)
{
  n_late_finished++;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
late_password_free (char *password)
{
  n_late_freed++;
  g_free (password);
}

static const ConvercKeyringBackend silent_backend = {
  .store = silent_store,
  .store_finish = late_boolean_finish,
  .lookup = silent_lookup,
  .lookup_finish = late_lookup_finish,
  .password_free = late_password_free,
  .clear = silent_lookup,
  .clear_finish = late_boolean_finish,
};

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  guint         n_calls;
} CountedData;

static void
counted_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CountedData *data = user_data;

  data->n_calls++;
  g_set_object (&data->result, result);
  g_main_loop_quit (data->loop);
}

static gboolean
quit_guard_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Answers every kept call now, as libsecret would once the prompt goes. */
static void
answer_pending_calls (gboolean with_password)
{
  for (guint i = 0; i < pending_calls->len; i++)
    {
      PendingCall *call = &g_array_index (pending_calls, PendingCall, i);
      g_autoptr(GTask) late = g_task_new (NULL, NULL, call->callback, call->user_data);

      if (with_password)
        g_task_return_pointer (late, g_strdup (SECRET_B), g_free);
      else
        g_task_return_boolean (late, TRUE);
    }
  g_array_set_size (pending_calls, 0);
}

/* Issue 13, item 4: the timeout answers by itself, whatever the keyring
 * does after the cancel; a late answer is then dropped (and freed). */
static void
test_timeout_without_callback (void)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  CountedData data = { loop, NULL, 0 };
  guint guard;
  gint64 start;

  pending_calls = g_array_new (FALSE, FALSE, sizeof (PendingCall));
  n_late_finished = n_late_freed = 0;
  store = converc_keyring_store_new_with_backend (1, &silent_backend);

  /* Store: the sign-in path */
  start = g_get_monotonic_time ();
  converc_secret_store_store_async (store, "https://api.converc.com", NULL, SECRET_A, NULL,
                                    counted_done_cb, &data);
  guard = g_timeout_add_seconds (10, quit_guard_cb, loop);
  g_main_loop_run (loop);
  g_printerr ("store answered after %.2f s\n",
              (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (data.n_calls, ==, 1);
  g_source_remove (guard);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_false (converc_secret_store_store_finish (store, data.result, &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "did not answer within 1 second"));
  assert_no_secret_in (error);
  g_clear_error (&error);
  g_clear_object (&data.result);

  /* The keyring answers late: nothing more reaches the caller. */
  g_assert_cmpuint (pending_calls->len, ==, 1);
  answer_pending_calls (FALSE);
  while (n_late_finished < 1)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (data.n_calls, ==, 1);

  /* Lookup: a password arriving late is freed, not handed out. */
  data.n_calls = 0;
  converc_secret_store_lookup_async (store, "https://api.converc.com", "wh_1", NULL,
                                     counted_done_cb, &data);
  guard = g_timeout_add_seconds (10, quit_guard_cb, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (data.n_calls, ==, 1);
  g_source_remove (guard);
  value = converc_secret_store_lookup_finish (store, data.result, &error);
  g_assert_null (value);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_KEYRING);
  g_clear_error (&error);
  g_clear_object (&data.result);

  answer_pending_calls (TRUE);
  while (n_late_finished < 2)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (data.n_calls, ==, 1);
  g_assert_cmpuint (n_late_freed, ==, 1);

  /* Every task was released with its late answer. */
  g_assert_finalize_object (g_steal_pointer (&store));
  g_clear_pointer (&pending_calls, g_array_unref);
}

/* --- The memory store ------------------------------------------------------ */

static void
test_memory (void)
{
  g_autoptr(ConvercSecretStore) store = converc_memory_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  value = converc_secret_store_lookup_sync (store, "https://a.example", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (converc_secret_store_store_sync (store, "https://a.example/", NULL,
                                                  SECRET_A, &error));
  g_assert_no_error (error);
  g_assert_true (converc_secret_store_store_sync (store, "https://a.example", "wh_1",
                                                  SECRET_B, &error));
  g_assert_true (converc_secret_store_store_sync (store, "https://b.example", NULL,
                                                  SECRET_C, &error));

  value = converc_secret_store_lookup_sync (store, "https://a.example", NULL, &error);
  g_assert_cmpstr (value, ==, SECRET_A);
  g_clear_pointer (&value, g_free);
  value = converc_secret_store_lookup_sync (store, "https://a.example//", "wh_1", &error);
  g_assert_cmpstr (value, ==, SECRET_B);
  g_clear_pointer (&value, g_free);
  value = converc_secret_store_lookup_sync (store, "https://b.example", NULL, &error);
  g_assert_cmpstr (value, ==, SECRET_C);
  g_clear_pointer (&value, g_free);
  value = converc_secret_store_lookup_sync (store, "https://b.example", "wh_1", &error);
  g_assert_null (value);

  /* Replace, then clear. */
  g_assert_true (converc_secret_store_store_sync (store, "https://a.example", NULL,
                                                  SECRET_C, &error));
  value = converc_secret_store_lookup_sync (store, "https://a.example", NULL, &error);
  g_assert_cmpstr (value, ==, SECRET_C);
  g_clear_pointer (&value, g_free);

  g_assert_true (converc_secret_store_clear_sync (store, "https://a.example", NULL, &error));
  value = converc_secret_store_lookup_sync (store, "https://a.example", NULL, &error);
  g_assert_null (value);
  value = converc_secret_store_lookup_sync (store, "https://a.example", "wh_1", &error);
  g_assert_cmpstr (value, ==, SECRET_B);
  g_clear_pointer (&value, g_free);
  g_assert_no_error (error);

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_memory_cancelled (void)
{
  g_autoptr(ConvercSecretStore) store = converc_memory_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  AsyncData data = { loop, NULL };

  g_cancellable_cancel (cancellable);
  converc_secret_store_store_async (store, "https://a.example", NULL, SECRET_A, cancellable,
                                    async_done_cb, &data);
  g_main_loop_run (loop);
  g_assert_false (converc_secret_store_store_finish (store, data.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&data.result);

  value = converc_secret_store_lookup_sync (store, "https://a.example", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);
}

/* --- listing the signing secrets (for the delivery doctor) ------------------ */

static int
compare_stored (gconstpointer a,
                gconstpointer b)
{
  const ConvercStoredSecret *x = *(ConvercStoredSecret * const *) a;
  const ConvercStoredSecret *y = *(ConvercStoredSecret * const *) b;

  return strcmp (x->webhook_id, y->webhook_id);
}

/* Two signing secrets and an API key for @url, one secret for another URL:
 * the list holds exactly the two, with their endpoint ids. */
static void
check_list (ConvercSecretStore *store,
            const char         *url,
            const char         *other_url)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url_with_slash = g_strconcat (url, "/", NULL);
  ConvercStoredSecret *first;
  ConvercStoredSecret *second;

  list = converc_secret_store_list_sync (store, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (converc_secret_store_store_sync (store, url, NULL, SECRET_A, &error));
  g_assert_true (converc_secret_store_store_sync (store, url, "wh_2", SECRET_C, &error));
  g_assert_true (converc_secret_store_store_sync (store, url_with_slash, "wh_1", SECRET_B,
                                                  &error));
  g_assert_true (converc_secret_store_store_sync (store, other_url, "wh_9", SECRET_A, &error));
  g_assert_no_error (error);

  list = converc_secret_store_list_sync (store, url_with_slash, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_ptr_array_sort (list, compare_stored);
  first = g_ptr_array_index (list, 0);
  second = g_ptr_array_index (list, 1);
  g_assert_cmpstr (first->webhook_id, ==, "wh_1");
  g_assert_cmpstr (first->secret, ==, SECRET_B);
  g_assert_cmpstr (second->webhook_id, ==, "wh_2");
  g_assert_cmpstr (second->secret, ==, SECRET_C);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A cleared secret is no longer listed */
  g_assert_true (converc_secret_store_clear_sync (store, url, "wh_1", &error));
  list = converc_secret_store_list_sync (store, url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ConvercStoredSecret *) g_ptr_array_index (list, 0))->webhook_id, ==,
                   "wh_2");

  converc_secret_store_clear_sync (store, url, "wh_2", NULL);
  converc_secret_store_clear_sync (store, url, NULL, NULL);
  converc_secret_store_clear_sync (store, other_url, "wh_9", NULL);
}

static void
test_memory_list (void)
{
  g_autoptr(ConvercSecretStore) store = converc_memory_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  AsyncData data = { loop, NULL };

  check_list (store, "https://a.example", "https://a.example.org");

  g_cancellable_cancel (cancellable);
  converc_secret_store_list_async (store, "https://a.example", cancellable, async_done_cb,
                                   &data);
  g_main_loop_run (loop);
  g_assert_null (converc_secret_store_list_finish (store, data.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&data.result);

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_keyring_list (void)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autofree char *url = NULL;
  g_autofree char *other = NULL;

  if (!converc_test_need_session_bus ())
    return;

  store = converc_keyring_store_new (5);
  url = converc_test_unique_base_url ("list");
  other = converc_test_unique_base_url ("list-other");
  check_list (store, url, other);
}

/* A backend that cannot list says so; it does not hang or crash */
static void
test_keyring_list_unsupported (void)
{
  static const ConvercKeyringBackend no_search_backend = { NULL };
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  store = converc_keyring_store_new_with_backend (5, &no_search_backend);
  list = converc_secret_store_list_sync (store, "https://a.example", &error);
  g_assert_null (list);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/converc/secret-store/memory/store-lookup-clear", test_memory);
  g_test_add_func ("/converc/secret-store/memory/cancelled", test_memory_cancelled);
  g_test_add_func ("/converc/secret-store/keyring/api-key", test_keyring_api_key);
  g_test_add_func ("/converc/secret-store/keyring/signing-secrets", test_keyring_signing_secrets);
  g_test_add_func ("/converc/secret-store/keyring/missing", test_keyring_missing);
  g_test_add_func ("/converc/secret-store/keyring/async", test_keyring_async);
  g_test_add_func ("/converc/secret-store/keyring/secret-tool", test_keyring_secret_tool);
  g_test_add_func ("/converc/secret-store/keyring/cancelled", test_keyring_cancelled);
  g_test_add_func ("/converc/secret-store/keyring/no-secret-service", test_no_secret_service);
  g_test_add_func ("/converc/secret-store/keyring/no-session-bus", test_no_session_bus);
  g_test_add_func ("/converc/secret-store/keyring/timeout", test_timeout);
  g_test_add_func ("/converc/secret-store/keyring/timeout-without-callback",
                   test_timeout_without_callback);
  g_test_add_func ("/converc/secret-store/memory/list", test_memory_list);
  g_test_add_func ("/converc/secret-store/keyring/list", test_keyring_list);
  g_test_add_func ("/converc/secret-store/keyring/list-unsupported",
                   test_keyring_list_unsupported);

  return g_test_run ();
}
