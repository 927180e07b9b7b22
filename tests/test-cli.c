/* test-cli.c
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

/* The `converc` executable end to end: an in-process emulator on an
 * ephemeral port, the real binary run with GSubprocess while this process's
 * main loop serves the emulator (and a receiving SoupServer), and its output
 * and exit status checked. The keyring cases need build-aux/headless.sh. */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-test-utils.h"

typedef struct
{
  ConvercEmulator *emulator;
  char            *api_key;
  char            *base_url;
  char            *tmpdir;

  /* The receiving URL for endpoints created by the tests */
  SoupServer      *receiver;
  char            *receiver_url;
  guint            receiver_status;
  guint            n_received;
  char            *last_signature;
  GBytes          *last_body;
} Fixture;

static const char *
cli_path (void)
{
  const char *path = g_getenv ("CONVERC_CLI");

  if (path == NULL)
    g_error ("Set CONVERC_CLI to the converc executable (meson test does).");

  return path;
}

static gboolean
have_session_bus (void)
{
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

static void
receiver_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  f->n_received++;
  g_clear_pointer (&f->last_signature, g_free);
  f->last_signature = g_strdup (soup_message_headers_get_one (headers, "X-IC-Signature"));
  g_clear_pointer (&f->last_body, g_bytes_unref);
  f->last_body = g_bytes_ref (bytes);

  soup_server_message_set_status (msg, f->receiver_status, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->api_key = g_strdup_printf ("cli-test-key-%08x%08x", g_random_int (), g_random_int ());
  f->emulator = converc_emulator_new (f->api_key);
  converc_emulator_start (f->emulator, 0, &error);
  g_assert_no_error (error);
  converc_emulator_seed (f->emulator, 20, 7);
  f->base_url = g_strdup (converc_emulator_get_base_url (f->emulator));
  f->tmpdir = g_dir_make_tmp ("converc-test-cli-XXXXXX", &error);
  g_assert_no_error (error);

  f->receiver = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->receiver, "/hook", receiver_cb, f, NULL);
  soup_server_listen_local (f->receiver, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->receiver);
  f->receiver_url = g_strdup_printf ("http://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->receiver_status = 200;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  converc_test_remove_tree (f->tmpdir);

  converc_emulator_stop (f->emulator);
  g_clear_object (&f->emulator);
  soup_server_disconnect (f->receiver);
  g_clear_object (&f->receiver);
  g_clear_pointer (&f->last_body, g_bytes_unref);
  g_free (f->last_signature);
  g_free (f->receiver_url);
  g_free (f->base_url);
  g_free (f->tmpdir);
  g_free (f->api_key);
}

/* Runs converc with @argv (NULL-terminated, without the program), with
 * CONVERC_API_KEY set to @api_key (NULL: unset) and @input on stdin, while
 * the main loop keeps serving the emulator; the fixture's key is never
 * printed. */
static ConvercCliRun *
run_cli_full (Fixture            *f,
              const char         *api_key,
              const char         *input,
              const char * const *env,
              const char * const *args)
{
  return converc_test_run_cli (api_key, f->api_key, input, env, args);
}

static ConvercCliRun *
run_cli (Fixture    *f,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list va;

  g_ptr_array_add (args, (gpointer) "--base-url");
  g_ptr_array_add (args, f->base_url);
  va_start (va, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (va, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (va);
  g_ptr_array_add (args, NULL);

  return run_cli_full (f, f->api_key, NULL, NULL, (const char * const *) args->pdata);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* "Created endpoint wh_…" */
static char *
created_id (const char *out)
{
  const char *p = strstr (out, "Created endpoint ");
  const char *end;

  g_assert_nonnull (p);
  p += strlen ("Created endpoint ");
  end = strchr (p, '\n');
  g_assert_nonnull (end);

  return g_strndup (p, end - p);
}

static int
count_lines (const char *text)
{
  int n = 0;

  for (const char *p = text; *p; p++)
    if (*p == '\n')
      n++;

  return n;
}

/* --- Usage ----------------------------------------------------------------- */

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  struct {
    const char *args[12];
    const char *expect_err;
  } cases[] = {
    { { NULL }, "No command" },
    { { "frobnicate", NULL }, "Unknown command" },
    { { "--bogus", NULL }, "bogus" },
    { { "webhooks", NULL }, "Missing webhooks command" },
    { { "webhooks", "frob", NULL }, "Unknown webhooks command" },
    { { "webhooks", "list", "extra", NULL }, "Unexpected argument" },
    { { "webhooks", "list", "--bogus", NULL }, "bogus" },
    { { "webhooks", "disable", NULL }, "Missing argument" },
    { { "webhooks", "test", NULL }, "Missing argument" },
    { { "webhooks", "create", NULL }, "--url" },
    { { "webhooks", "create", "--url", "ftp://example.com/x", NULL }, "Invalid URL" },
    { { "webhooks", "create", "--url", "http://example.com/x", NULL }, "Invalid URL" },
    { { "webhooks", "create", "--url", "https://example.com/x", "--event", "call.ringing",
        NULL }, "call.recording_ready" },
    { { "events", "--count", "abc", NULL }, "Invalid --count" },
    { { "events", "--count", "0", NULL }, "Invalid --count" },
    { { "events", "--count", "-3", NULL }, "Invalid --count" },
    { { "events", "--count", "12x", NULL }, "Invalid --count" },
    { { "events", "--type", "", NULL }, "--type" },
    { { "verify", NULL }, "required" },
    { { "verify", "--tolerance", "soon", "--secret-file", "a", "--header", "h",
        "--body-file", "b", NULL }, "Invalid --tolerance" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ConvercCliRun) run = NULL;
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      g_ptr_array_add (args, (gpointer) "--base-url");
      g_ptr_array_add (args, f->base_url);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, NULL);

      run = run_cli_full (f, f->api_key, NULL, NULL, (const char * const *) args->pdata);
      g_assert_cmpint (run->status, ==, 2);
      assert_contains (run->err, cases[i].expect_err);
      g_assert_cmpstr (run->out, ==, "");
    }

  /* Nothing reached the server. */
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, 0);

  {
    const char *args[] = { "--base-url", "ftp://example.com", "webhooks", "list", NULL };
    g_autoptr(ConvercCliRun) run = run_cli_full (f, f->api_key, NULL, NULL, args);

    g_assert_cmpint (run->status, ==, 2);
    assert_contains (run->err, "Invalid API base URL");
  }

  {
    const char *args[] = { "--version", NULL };
    g_autoptr(ConvercCliRun) run = run_cli_full (f, NULL, NULL, NULL, args);

    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->out, "converc " PACKAGE_VERSION);
  }

  {
    const char *args[] = { "--help", NULL };
    g_autoptr(ConvercCliRun) run = run_cli_full (f, NULL, NULL, NULL, args);

    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->out, "webhooks");
    assert_contains (run->out, "verify");
    assert_contains (run->out, "emulator");
  }

  {
    const char *args[] = { "webhooks", "create", "--help", NULL };
    g_autoptr(ConvercCliRun) run = run_cli_full (f, NULL, NULL, NULL, args);

    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->out, "--url");
    assert_contains (run->out, "--event");
    assert_contains (run->out, "--base-url");
  }
}

/* --- webhooks list --------------------------------------------------------- */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ConvercCliRun) run = NULL;
  g_autoptr(ConvercCliRun) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  guint n;

  json = run_cli (f, "--json", "webhooks", "list", NULL);
  g_assert_cmpint (json->status, ==, 0);
  g_assert_cmpstr (json->err, ==, "");
  root = parse_json (json->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  n = json_array_get_length (array);
  g_assert_cmpuint (n, ==, converc_emulator_get_n_webhooks (f->emulator));
  g_assert_cmpuint (n, >, 0);

  /* Global options may also follow the command. */
  run = run_cli (f, "webhooks", "list", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_true (g_str_has_prefix (run->out, "ID "));
  assert_contains (run->out, "STATUS");
  assert_contains (run->out, "URL");
  assert_contains (run->out, "EVENTS");
  assert_contains (run->out, "CREATED");
  g_assert_cmpint (count_lines (run->out), ==, n + 1);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *webhook = json_array_get_object_element (array, i);
      JsonArray *events = json_object_get_array_member (webhook, "events");
      g_autofree char *row_start = g_strdup_printf ("\n%s ",
                                                    json_object_get_string_member (webhook, "id"));
      const char *row = strstr (run->out, row_start);
      g_autofree char *line = NULL;

      g_assert_nonnull (row);
      line = g_strndup (row + 1, strchr (row + 1, '\n') - (row + 1));
      assert_contains (line, json_object_get_string_member (webhook, "url"));
      assert_contains (line, json_object_get_boolean_member (webhook, "isActive")
                             ? " Active " : " Disabled ");
      if (json_array_get_length (events) == 0)
        assert_contains (line, "All events");
      else
        assert_contains (line, json_array_get_string_element (events, 0));
    }

  /* The columns line up: every row has its URL where the header has URL. */
  {
    g_auto(GStrv) lines = g_strsplit (run->out, "\n", -1);
    const char *url_col = strstr (lines[0], "URL");
    gsize offset = url_col - lines[0];

    for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
      g_assert_true (g_str_has_prefix (lines[i] + offset, "http"));
  }
}

/* --- create, test, disable -------------------------------------------------- */

static void
test_create_test_disable (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ConvercCliRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;
  g_autofree char *line = NULL;
  const char *secret;
  guint n_webhooks = converc_emulator_get_n_webhooks (f->emulator);

  run = run_cli (f, "webhooks", "create", "--url", f->receiver_url,
                 "--event", "call.ended", "--event", "call.missed,webhook.test", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->emulator), ==, n_webhooks + 1);

  id = created_id (run->out);
  secret = converc_emulator_get_secret (f->emulator, id);
  g_assert_nonnull (secret);

  /* The secret is shown, once, with the warning. */
  line = g_strdup_printf ("Signing secret: %s\n", secret);
  assert_contains (run->out, line);
  assert_contains (run->out, "never show this secret again");
  assert_contains (run->out, f->receiver_url);
  assert_contains (run->out, "call.ended, call.missed, webhook.test");

  if (have_session_bus ())
    {
      /* ...and it is in the keyring. */
      g_autoptr(ConvercSecretStore) store = converc_keyring_store_new (0);
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = NULL;

      stored = converc_secret_store_lookup_sync (store, f->base_url, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (stored, ==, secret);
      assert_contains (run->out, "saved in the keyring");
      g_assert_cmpstr (run->err, ==, "");

      converc_secret_store_clear_sync (store, f->base_url, id, &error);
      g_assert_no_error (error);
    }
  else
    {
      g_test_message ("No session bus: the keyring part is not checked");
    }

  /* Send Test Event: the receiver answers 200, then 503. */
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "webhooks", "test", id, NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "Delivered — HTTP 200");
  g_assert_cmpuint (f->n_received, ==, 1);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (converc_signature_verify (secret, f->last_signature,
                                             g_bytes_get_data (f->last_body, NULL),
                                             g_bytes_get_size (f->last_body),
                                             g_get_real_time () / G_USEC_PER_SEC, 300,
                                             &error));
    g_assert_no_error (error);
  }

  f->receiver_status = 503;
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "webhooks", "test", id, NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "Delivery failed");
  assert_contains (run->out, "503");
  g_assert_cmpuint (f->n_received, ==, 2);

  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "--json", "webhooks", "test", id, NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "status"), ==, 503);
  g_clear_pointer (&root, json_node_unref);

  /* Disable, then the list says so. */
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "webhooks", "disable", id, NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "Disabled endpoint");
  assert_contains (run->out, id);

  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "--json", "webhooks", "list", NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  {
    JsonArray *array = json_node_get_array (root);
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *webhook = json_array_get_object_element (array, i);

        if (g_strcmp0 (json_object_get_string_member (webhook, "id"), id) == 0)
          {
            found = TRUE;
            g_assert_false (json_object_get_boolean_member (webhook, "isActive"));
          }
      }
    g_assert_true (found);
  }

  /* An unknown id is an API error. */
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "webhooks", "disable", "wh_does_not_exist", NULL);
  g_assert_cmpint (run->status, ==, 1);
  assert_contains (run->err, "404");
}

static void
test_create_all_events_json (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ConvercCliRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *webhook;
  const char *id;

  run = run_cli (f, "--json", "webhooks", "create", "--url", f->receiver_url, NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  object = json_node_get_object (root);
  webhook = json_object_get_object_member (object, "webhook");
  id = json_object_get_string_member (webhook, "id");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (webhook, "events")),
                    ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "secret"), ==,
                   converc_emulator_get_secret (f->emulator, id));
  g_assert_cmpint (json_object_get_boolean_member (object, "savedToKeyring"), ==,
                   have_session_bus ());

  if (have_session_bus ())
    {
      g_autoptr(ConvercSecretStore) store = converc_keyring_store_new (0);

      converc_secret_store_clear_sync (store, f->base_url, id, NULL);
    }
}

/* With the keyring out of reach the secret is still printed, with a loud
 * warning, and the command succeeds: the endpoint exists now. */
static void
test_create_without_keyring (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *runtime_dir = g_build_filename (f->tmpdir, "run", NULL);
  const char *env[] = {
    "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/converc-test-bus",
    "DISPLAY", "",
    "XDG_RUNTIME_DIR", runtime_dir,
    NULL
  };
  const char *args[] = { "--base-url", f->base_url, "webhooks", "create",
                         "--url", f->receiver_url, NULL };
  g_autoptr(ConvercCliRun) run = NULL;
  g_autofree char *id = NULL;
  g_autofree char *line = NULL;

  g_mkdir (runtime_dir, 0700);
  run = run_cli_full (f, f->api_key, NULL, env, args);
  g_assert_cmpint (run->status, ==, 0);

  id = created_id (run->out);
  line = g_strdup_printf ("Signing secret: %s\n",
                          converc_emulator_get_secret (f->emulator, id));
  assert_contains (run->out, line);
  assert_contains (run->out, "NOT saved in the keyring");
  assert_contains (run->err, "WARNING");
  assert_contains (run->err, "keyring");
  /* The warning does not repeat the secret. */
  g_assert_null (strstr (run->err, converc_emulator_get_secret (f->emulator, id)));
  g_rmdir (runtime_dir);
}

static void
test_test_unreachable_receiver (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/nobody",
                                          converc_test_get_unused_port ());
  g_autoptr(ConvercCliRun) run = NULL;
  g_autofree char *id = NULL;

  run = run_cli (f, "webhooks", "create", "--url", url, NULL);
  g_assert_cmpint (run->status, ==, 0);
  id = created_id (run->out);

  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "webhooks", "test", id, NULL);
  /* The API call worked; the receiver's failure is data. */
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "Delivery failed: ");

  if (have_session_bus ())
    {
      g_autoptr(ConvercSecretStore) store = converc_keyring_store_new (0);

      converc_secret_store_clear_sync (store, f->base_url, id, NULL);
    }
}

/* --- events ---------------------------------------------------------------- */

#define RAW_EVENT \
  "{ \"id\" : \"evt_cli_raw\",\"type\":\"call.missed\", \"createdAt\":\"2024-01-01T00: 00: 0002\"," \
  "\"data\":{\"contact\":{\"name\":\"Zo\\u00eb \\u001b[31mRed\"}, \"x\": 1.50 } }"

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ConvercCliRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  run = run_cli (f, "events", "--count", "3", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "TIME "));
  assert_contains (run->out, "TYPE");
  assert_contains (run->out, "SUMMARY");
  g_assert_cmpint (count_lines (run->out), ==, 4);

  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "events", "--type", "call.ended", "--json", NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i),
                                                    "type"), ==, "call.ended");
  g_clear_pointer (&root, json_node_unref);

  /* --json gives each event's bytes exactly as the server sent them. */
  converc_emulator_add_raw_event (f->emulator, RAW_EVENT);
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "--json", "events", "--type", "call.missed", "--count", "500", NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, RAW_EVENT);
  root = parse_json (run->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_clear_pointer (&root, json_node_unref);

  /* The table shows it, with the garbled time read and the escape
   * sequence from the server defused. */
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "events", "--type", "call.missed", "--count", "500", NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "evt_cli_raw");
  assert_contains (run->out, "2024-01-01 00:00:00");
  assert_contains (run->out, "Zoë");
  g_assert_null (strchr (run->out, '\033'));

  /* Nothing of a type: an empty array, or a friendly line. */
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "--json", "events", "--type", "call.nothing", NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);

  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "events", "--type", "call.nothing", NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "No events");
}

/* --- verify ---------------------------------------------------------------- */

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->tmpdir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static ConvercCliRun *
run_verify (Fixture    *f,
            const char *secret_file,
            const char *header,
            const char *body_file,
            const char *now,
            const char *tolerance)
{
  const char *args[] = { "verify", "--secret-file", secret_file, "--header", header,
                         "--body-file", body_file, "--now", now,
                         tolerance ? "--tolerance" : NULL, tolerance, NULL };

  /* No API key and no server needed. */
  return run_cli_full (f, NULL, NULL, NULL, args);
}

static void
test_verify (Fixture       *f,
             gconstpointer  data)
{
  const char *secret = "whsec_cli_verify_secret";
  const char *body = "{\"id\":\"evt_1\",\"type\":\"webhook.test\",\"data\":{\"n\":1.0}}";
  gint64 t = 1700000000;
  g_autofree char *header = converc_signature_header (secret, t, (const guint8 *) body,
                                                      strlen (body));
  g_autofree char *full_header = g_strdup_printf ("X-IC-Signature: %s", header);
  g_autofree char *secret_file = write_file (f, "secret", "whsec_cli_verify_secret\n");
  g_autofree char *body_file = write_file (f, "body.json", body);
  g_autofree char *tampered_file = write_file (f, "tampered.json",
                                               "{\"id\":\"evt_1\",\"type\":\"webhook.test\","
                                               "\"data\":{\"n\":1}}");
  g_autofree char *missing = g_build_filename (f->tmpdir, "missing", NULL);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, t + 10);
  g_autofree char *later = g_strdup_printf ("%" G_GINT64_FORMAT, t + 3600);
  ConvercCliRun *run;

  run = run_verify (f, secret_file, header, body_file, now, NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "Valid signature");
  converc_cli_run_free (run);

  /* The whole header line is accepted too. */
  run = run_verify (f, secret_file, full_header, body_file, now, NULL);
  g_assert_cmpint (run->status, ==, 0);
  converc_cli_run_free (run);

  run = run_verify (f, secret_file, header, tampered_file, now, NULL);
  g_assert_cmpint (run->status, ==, 1);
  assert_contains (run->err, "Invalid signature: ");
  assert_contains (run->err, "does not match");
  converc_cli_run_free (run);

  run = run_verify (f, secret_file, "t=abc;v1", body_file, now, NULL);
  g_assert_cmpint (run->status, ==, 1);
  assert_contains (run->err, "Invalid signature: ");
  assert_contains (run->err, "X-IC-Signature");
  converc_cli_run_free (run);

  run = run_verify (f, secret_file, header, body_file, later, NULL);
  g_assert_cmpint (run->status, ==, 1);
  assert_contains (run->err, "Invalid signature: ");
  assert_contains (run->err, "replay");
  converc_cli_run_free (run);

  /* ...unless the age check is off or wide enough. */
  run = run_verify (f, secret_file, header, body_file, later, "0");
  g_assert_cmpint (run->status, ==, 0);
  converc_cli_run_free (run);
  run = run_verify (f, secret_file, header, body_file, later, "7200");
  g_assert_cmpint (run->status, ==, 0);
  converc_cli_run_free (run);

  /* Unreadable input is a usage error, not "invalid". */
  run = run_verify (f, missing, header, body_file, now, NULL);
  g_assert_cmpint (run->status, ==, 2);
  assert_contains (run->err, "secret file");
  converc_cli_run_free (run);
  run = run_verify (f, secret_file, header, missing, now, NULL);
  g_assert_cmpint (run->status, ==, 2);
  assert_contains (run->err, "body file");
  converc_cli_run_free (run);

  /* The secret never shows up in the output, even when the check fails. */
  run = run_verify (f, secret_file, "t=1,v1=00", body_file, now, NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_null (strstr (run->out, secret));
  g_assert_null (strstr (run->err, secret));
  converc_cli_run_free (run);

  /* The body from standard input */
  {
    const char *args[] = { "verify", "--secret-file", secret_file, "--header", header,
                           "--body-file", "-", "--now", now, NULL };

    run = run_cli_full (f, NULL, body, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    converc_cli_run_free (run);
  }
}

/* `converc verify` as the delivery doctor: a raw request, every secret of the
 * keyring, the explanation and its JSON. */
static void
test_verify_doctor (Fixture       *f,
                    gconstpointer  data)
{
  const char *secret = "whsec_cli_doctor_secret";
  const char *body = "{\"id\":\"evt_7\",\"type\":\"webhook.test\"}";
  gint64 t = 1700000000;
  g_autofree char *header = converc_signature_header (secret, t, (const guint8 *) body,
                                                      strlen (body));
  /* Pasted with LF line endings and a newline added after the body */
  g_autofree char *request = g_strdup_printf ("POST /hooks/converc HTTP/1.1\n"
                                              "Host: receiver.example\n"
                                              "x-ic-signature: %s\n"
                                              "X-IC-Event: webhook.test\n\n%s\n",
                                              header, body);
  g_autofree char *crlf_request = g_strdup_printf ("POST /hooks/converc HTTP/1.1\r\n"
                                                   "X-IC-Signature: %s\r\n"
                                                   "Content-Length: %zu\r\n\r\n%s\r\n",
                                                   header, strlen (body), body);
  g_autofree char *request_file = write_file (f, "request.http", request);
  g_autofree char *crlf_file = write_file (f, "request-crlf.http", crlf_request);
  g_autofree char *secret_file = write_file (f, "doctor-secret", "whsec_cli_doctor_secret\n");
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, t + 5);
  g_autoptr(ConvercSecretStore) store = converc_keyring_store_new (10);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *diagnosis;
  ConvercCliRun *run;

  /* The trailing newline the paste added is named */
  {
    const char *args[] = { "verify", "--secret-file", secret_file, "--request-file",
                           request_file, "--now", now, NULL };

    run = run_cli_full (f, NULL, NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 1);
    assert_contains (run->err, "Invalid signature: ");
    assert_contains (run->err, "trailing newline was added");
    g_assert_null (strstr (run->err, secret));
    converc_cli_run_free (run);
  }

  /* Content-Length bounds the body: valid, also from standard input */
  {
    const char *args[] = { "verify", "--secret-file", secret_file, "--request-file", "-",
                           "--now", now, NULL };

    run = run_cli_full (f, NULL, crlf_request, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->out, "Valid signature");
    converc_cli_run_free (run);
  }

  /* --json: the old members and the diagnosis */
  {
    const char *args[] = { "--json", "verify", "--secret-file", secret_file, "--request-file",
                           request_file, "--now", now, NULL };

    run = run_cli_full (f, NULL, NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 1);
    root = parse_json (run->out);
    object = json_node_get_object (root);
    g_assert_false (json_object_get_boolean_member (object, "valid"));
    g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, "mismatch");
    diagnosis = json_object_get_object_member (object, "diagnosis");
    g_assert_cmpstr (json_object_get_string_member (diagnosis, "kind"), ==, "body-changed");
    g_assert_cmpstr (json_object_get_string_member (diagnosis, "body_change"), ==,
                     "trailing-newline-added");
    g_assert_null (strstr (run->out, secret));
    converc_cli_run_free (run);
  }

  /* No --secret-file: every secret of the keyring for the base URL */
  converc_secret_store_store_sync (store, f->base_url, "wh_doc_1", "whsec_not_this_one", &error);
  g_assert_no_error (error);
  converc_secret_store_store_sync (store, f->base_url, "wh_doc_2", secret, &error);
  g_assert_no_error (error);
  {
    const char *args[] = { "--base-url", f->base_url, "verify", "--request-file", crlf_file,
                           "--now", now, NULL };

    run = run_cli_full (f, NULL, NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->out, "Valid signature");
    assert_contains (run->out, "endpoint wh_doc_2");
    g_assert_null (strstr (run->out, secret));
    converc_cli_run_free (run);
  }
  converc_secret_store_clear_sync (store, f->base_url, "wh_doc_2", NULL);
  {
    const char *args[] = { "--base-url", f->base_url, "verify", "--request-file", crlf_file,
                           "--now", now, NULL };

    run = run_cli_full (f, NULL, NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 1);
    assert_contains (run->err, "does not match");
    converc_cli_run_free (run);
  }
  converc_secret_store_clear_sync (store, f->base_url, "wh_doc_1", NULL);

  /* Usage errors */
  {
    const char *args[] = { "verify", "--request-file", request_file, "--body-file",
                           request_file, NULL };

    run = run_cli_full (f, NULL, NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 2);
    converc_cli_run_free (run);
  }
  {
    g_autofree char *garbage = write_file (f, "garbage.http", "this is not a request\n\n{}");
    const char *args[] = { "verify", "--secret-file", secret_file, "--request-file", garbage,
                           NULL };

    run = run_cli_full (f, NULL, NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 2);
    assert_contains (run->err, "Cannot read the request");
    converc_cli_run_free (run);
  }
}

/* --- API and network errors ------------------------------------------------ */

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *down_url = g_strdup_printf ("http://127.0.0.1:%u",
                                               converc_test_get_unused_port ());
  ConvercCliRun *run;

  /* A wrong key */
  {
    const char *args[] = { "--base-url", f->base_url, "webhooks", "list", NULL };

    run = run_cli_full (f, "wrong-key", NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 1);
    assert_contains (run->err, "401");
    assert_contains (run->err, "API key");
    g_assert_cmpstr (run->out, ==, "");
    g_assert_null (strstr (run->err, "wrong-key"));
    converc_cli_run_free (run);
  }

  /* The server is down */
  {
    const char *args[] = { "--base-url", down_url, "events", NULL };

    run = run_cli_full (f, f->api_key, NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 1);
    assert_contains (run->err, "127.0.0.1");
    g_assert_cmpstr (run->out, ==, "");
    converc_cli_run_free (run);
  }

  /* The server is in trouble */
  converc_emulator_set_forced_status (f->emulator, 500, NULL);
  run = run_cli (f, "webhooks", "list", NULL);
  g_assert_cmpint (run->status, ==, 1);
  assert_contains (run->err, "500");
  converc_cli_run_free (run);

  converc_emulator_reset_knobs (f->emulator);
  converc_emulator_set_rate_limited (f->emulator, TRUE, "30");
  run = run_cli (f, "events", NULL);
  g_assert_cmpint (run->status, ==, 1);
  assert_contains (run->err, "429");
  converc_cli_run_free (run);

  converc_emulator_reset_knobs (f->emulator);
  converc_emulator_set_malformed (f->emulator, TRUE);
  run = run_cli (f, "webhooks", "list", NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->err, !=, "");
  converc_cli_run_free (run);
  converc_emulator_reset_knobs (f->emulator);

  /* The key is taken from the environment, not argv: an empty one is none. */
  {
    const char *args[] = { "--base-url", "https://nokey.converc.invalid", "webhooks", "list",
                           NULL };

    run = run_cli_full (f, "   ", NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 1);
    assert_contains (run->err, "No API key");
    assert_contains (run->err, "converc login");
    converc_cli_run_free (run);
  }
}

/* --- login / logout -------------------------------------------------------- */

static void
test_login_logout (Fixture       *f,
                   gconstpointer  data)
{
  const char *list_args[] = { "--base-url", NULL, "webhooks", "list", NULL };
  const char *login_args[] = { "--base-url", NULL, "login", NULL };
  const char *logout_args[] = { "--base-url", NULL, "logout", NULL };
  g_autofree char *input = g_strdup_printf ("  %s  \n", f->api_key);
  ConvercCliRun *run;

  if (!have_session_bus ())
    {
      g_test_skip ("No session bus: run under build-aux/headless.sh");
      return;
    }

  list_args[1] = login_args[1] = logout_args[1] = f->base_url;

  /* Nothing stored yet */
  run = run_cli_full (f, NULL, NULL, NULL, list_args);
  g_assert_cmpint (run->status, ==, 1);
  assert_contains (run->err, "No API key");
  converc_cli_run_free (run);

  /* A wrong key is checked and refused, and not saved. */
  run = run_cli_full (f, NULL, "not-the-key\n", NULL, login_args);
  g_assert_cmpint (run->status, ==, 1);
  assert_contains (run->err, "401");
  assert_contains (run->err, "not saved");
  g_assert_null (strstr (run->err, "not-the-key"));
  converc_cli_run_free (run);
  run = run_cli_full (f, NULL, NULL, NULL, list_args);
  g_assert_cmpint (run->status, ==, 1);
  converc_cli_run_free (run);

  /* Empty input */
  run = run_cli_full (f, NULL, "\n", NULL, login_args);
  g_assert_cmpint (run->status, ==, 2);
  assert_contains (run->err, "No API key on standard input");
  converc_cli_run_free (run);

  /* The right key, with blanks around it */
  run = run_cli_full (f, NULL, input, NULL, login_args);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "saved in the keyring");
  converc_cli_run_free (run);

  {
    g_autoptr(ConvercSecretStore) store = converc_keyring_store_new (0);
    g_autoptr(GError) error = NULL;
    g_autofree char *stored = converc_secret_store_lookup_sync (store, f->base_url, NULL,
                                                                &error);

    g_assert_no_error (error);
    g_assert_cmpstr (stored, ==, f->api_key);
  }

  /* Now the key comes from the keyring. */
  run = run_cli_full (f, NULL, NULL, NULL, list_args);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "STATUS");
  converc_cli_run_free (run);

  /* $CONVERC_API_KEY wins over the keyring. */
  run = run_cli_full (f, "wrong-key", NULL, NULL, list_args);
  g_assert_cmpint (run->status, ==, 1);
  assert_contains (run->err, "401");
  converc_cli_run_free (run);

  run = run_cli_full (f, NULL, NULL, NULL, logout_args);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "Removed");
  converc_cli_run_free (run);

  run = run_cli_full (f, NULL, NULL, NULL, list_args);
  g_assert_cmpint (run->status, ==, 1);
  assert_contains (run->err, "No API key");
  converc_cli_run_free (run);

  /* --no-verify saves without asking the server (which is down). */
  {
    g_autofree char *down_url = g_strdup_printf ("http://127.0.0.1:%u",
                                                 converc_test_get_unused_port ());
    const char *args[] = { "--base-url", down_url, "login", "--no-verify", NULL };
    const char *out_args[] = { "--base-url", down_url, "logout", NULL };

    run = run_cli_full (f, NULL, input, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->out, "not checked");
    converc_cli_run_free (run);
    run = run_cli_full (f, NULL, NULL, NULL, out_args);
    g_assert_cmpint (run->status, ==, 0);
    converc_cli_run_free (run);
  }
}

/* --- accounts -------------------------------------------------------------- */

/* The "isActive" of endpoint @id in `--json webhooks list` output. */
static gboolean
json_webhook_is_active (const char *json,
                        const char *id)
{
  g_autoptr(JsonNode) root = parse_json (json);
  JsonArray *array = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *webhook = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (webhook, "id"), id) == 0)
        return json_object_get_boolean_member (webhook, "isActive");
    }

  g_assert_not_reached ();
}

/* Two servers with two keys: the key saved before accounts becomes an
 * account, a second one is added, `--account` picks the server, and an
 * endpoint disabled in one is untouched in the other. */
static void
test_accounts (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *config = g_build_filename (f->tmpdir, "config", NULL);
  g_autofree char *keyfile = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *key_b = g_strdup_printf ("cli-test-key-b-%08x", g_random_int ());
  g_autofree char *input_a = g_strdup_printf ("%s\n", f->api_key);
  g_autofree char *input_b = g_strdup_printf ("%s\n", key_b);
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autofree char *webhook_id = NULL;
  g_autofree char *before_a = NULL;
  g_autoptr(ConvercEmulator) emulator_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *env[] = {
    "GSETTINGS_BACKEND", "keyfile",
    "XDG_CONFIG_HOME", config,
    "CONVERC_ACCOUNT", "",
    NULL
  };
  const char *env_b[] = {
    "GSETTINGS_BACKEND", "keyfile",
    "XDG_CONFIG_HOME", config,
    "CONVERC_ACCOUNT", "acme — STAGING",
    NULL
  };
  const char *url_b;
  guint requests_a;
  JsonArray *array;
  ConvercCliRun *run;

  if (!have_session_bus ())
    {
      g_test_skip ("No session bus: run under build-aux/headless.sh");
      return;
    }

  emulator_b = converc_emulator_new (key_b);
  converc_emulator_start (emulator_b, 0, &error);
  g_assert_no_error (error);
  converc_emulator_seed (emulator_b, 20, 7);
  url_b = converc_emulator_get_base_url (emulator_b);

  /* No accounts yet. */
  {
    const char *args[] = { "accounts", "list", NULL };

    run = run_cli_full (f, NULL, NULL, env, args);
    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->out, "No accounts");
    converc_cli_run_free (run);
  }

  /* Today's single key (by base URL) becomes the first account. */
  {
    const char *login[] = { "--base-url", f->base_url, "login", NULL };
    const char *list[] = { "--base-url", f->base_url, "accounts", "list", NULL };

    run = run_cli_full (f, NULL, input_a, env, login);
    g_assert_cmpint (run->status, ==, 0);
    converc_cli_run_free (run);
    run = run_cli_full (f, NULL, NULL, env, list);
    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->err, "is now the account");
    assert_contains (run->out, "127.0.0.1");
    converc_cli_run_free (run);
  }
  {
    const char *rename[] = { "accounts", "rename", "127.0.0.1", "Acme — Production", NULL };

    run = run_cli_full (f, NULL, NULL, env, rename);
    g_assert_cmpint (run->status, ==, 0);
    converc_cli_run_free (run);
  }

  /* The second account: a wrong key is refused and nothing is added. */
  {
    const char *add[] = { "--base-url", url_b, "accounts", "add", "Acme — Staging",
                          "--color", "green", NULL };

    run = run_cli_full (f, NULL, "not-the-key\n", env, add);
    g_assert_cmpint (run->status, ==, 1);
    assert_contains (run->err, "401");
    assert_contains (run->err, "not added");
    converc_cli_run_free (run);

    run = run_cli_full (f, NULL, input_b, env, add);
    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->out, "Added the account “Acme — Staging”");
    g_assert_null (strstr (run->out, key_b));
    g_assert_null (strstr (run->err, key_b));
    converc_cli_run_free (run);

    /* A name is taken once, whatever its case. */
    add[4] = "ACME — staging";
    run = run_cli_full (f, NULL, input_b, env, add);
    g_assert_cmpint (run->status, ==, 2);
    assert_contains (run->err, "already");
    converc_cli_run_free (run);
  }

  /* Both listed; the first is the default. */
  {
    const char *list[] = { "--json", "accounts", "list", NULL };
    JsonObject *a, *b;

    run = run_cli_full (f, NULL, NULL, env, list);
    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    array = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    a = json_array_get_object_element (array, 0);
    b = json_array_get_object_element (array, 1);
    g_assert_cmpstr (json_object_get_string_member (a, "label"), ==, "Acme — Production");
    g_assert_cmpstr (json_object_get_string_member (a, "baseUrl"), ==, f->base_url);
    g_assert_true (json_object_get_boolean_member (a, "default"));
    g_assert_cmpstr (json_object_get_string_member (b, "label"), ==, "Acme — Staging");
    g_assert_cmpstr (json_object_get_string_member (b, "baseUrl"), ==, url_b);
    g_assert_cmpstr (json_object_get_string_member (b, "color"), ==, "green");
    g_assert_false (json_object_get_boolean_member (b, "default"));
    id_a = g_strdup (json_object_get_string_member (a, "id"));
    id_b = g_strdup (json_object_get_string_member (b, "id"));
    converc_cli_run_free (run);
  }

  /* Without --account: the default, and stderr says which. */
  {
    const char *list[] = { "--json", "webhooks", "list", NULL };

    run = run_cli_full (f, NULL, NULL, env, list);
    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->err, "Using the account “Acme — Production”");
    before_a = g_strdup (run->out);
    converc_cli_run_free (run);
  }

  /* Disable an endpoint in B, by --account with the id... */
  {
    const char *list[] = { "--account", id_b, "--json", "webhooks", "list", NULL };
    const char *disable[] = { "webhooks", "disable", NULL, "--account", id_b, NULL };
    g_autoptr(JsonNode) list_root = NULL;

    run = run_cli_full (f, NULL, NULL, env, list);
    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->err, ==, "");
    list_root = parse_json (run->out);
    webhook_id = g_strdup (json_object_get_string_member (
      json_array_get_object_element (json_node_get_array (list_root), 0), "id"));
    g_assert_true (json_webhook_is_active (run->out, webhook_id));
    converc_cli_run_free (run);

    requests_a = converc_emulator_get_n_requests (f->emulator);
    disable[2] = webhook_id;
    run = run_cli_full (f, NULL, NULL, env, disable);
    g_assert_cmpint (run->status, ==, 0);
    converc_cli_run_free (run);
    /* ...and server A saw nothing. */
    g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, requests_a);
  }

  /* $CONVERC_ACCOUNT by name (any case) shows B's state. */
  {
    const char *list[] = { "--json", "webhooks", "list", NULL };

    run = run_cli_full (f, NULL, NULL, env_b, list);
    g_assert_cmpint (run->status, ==, 0);
    g_assert_false (json_webhook_is_active (run->out, webhook_id));
    converc_cli_run_free (run);
  }

  /* A is as it was. */
  {
    const char *list[] = { "--account", "acme — production", "--json", "webhooks", "list",
                           NULL };

    run = run_cli_full (f, NULL, NULL, env, list);
    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->out, ==, before_a);
    converc_cli_run_free (run);
  }

  /* Unknown accounts are usage errors. */
  {
    const char *list[] = { "--account", "Nobody", "webhooks", "list", NULL };

    run = run_cli_full (f, NULL, NULL, env, list);
    g_assert_cmpint (run->status, ==, 2);
    assert_contains (run->err, "No account “Nobody”");
    converc_cli_run_free (run);
  }

  /* Remove B: its key goes from the keyring, A keeps working. */
  {
    const char *remove[] = { "accounts", "remove", "Acme — Staging", NULL };
    const char *list_b[] = { "--account", id_b, "webhooks", "list", NULL };
    const char *list_a[] = { "webhooks", "list", NULL };
    g_autoptr(ConvercSecretStore) store = converc_keyring_store_new (0);
    g_autofree char *stored = NULL;

    run = run_cli_full (f, NULL, NULL, env, remove);
    g_assert_cmpint (run->status, ==, 0);
    converc_cli_run_free (run);
    stored = converc_secret_store_lookup_sync (store, id_b, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (stored);
    stored = converc_secret_store_lookup_sync (store, id_a, NULL, &error);
    g_assert_cmpstr (stored, ==, f->api_key);

    run = run_cli_full (f, NULL, NULL, env, list_b);
    g_assert_cmpint (run->status, ==, 2);
    converc_cli_run_free (run);
    run = run_cli_full (f, NULL, NULL, env, list_a);
    g_assert_cmpint (run->status, ==, 0);
    /* One account left: no "Using the account" line. */
    g_assert_cmpstr (run->err, ==, "");
    converc_cli_run_free (run);
  }

  converc_emulator_stop (emulator_b);
  g_unlink (keyfile);
}

/* --- converc emulator ------------------------------------------------------ */

static void
test_emulator_command (Fixture       *f,
                       gconstpointer  data)
{
  const char *argv[] = { cli_path (), "emulator", "--port", "0", "--events", "7", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  ConvercCliRun *run;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  while (url == NULL || key == NULL)
    {
      g_autofree char *line = NULL;

      g_clear_object (&result);
      g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL,
                                           converc_test_store_result_cb, &result);
      converc_test_wait_for_result (&result, 30);
      line = g_data_input_stream_read_line_finish_utf8 (out, result, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);

      if (g_str_has_prefix (line, "Emulator listening on "))
        url = g_strdup (line + strlen ("Emulator listening on "));
      else if (g_str_has_prefix (line, "API key: "))
        key = g_strdup (line + strlen ("API key: "));
    }

  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_cmpstr (key, ==, CONVERC_EMULATOR_DEMO_KEY);

  {
    const char *args[] = { "--base-url", url, "--json", "events", NULL };
    g_autoptr(JsonNode) root = NULL;

    run = run_cli_full (f, key, NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 7);
    converc_cli_run_free (run);
  }

  g_subprocess_send_signal (process, SIGTERM);
  g_clear_object (&result);
  g_subprocess_wait_async (process, NULL, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, 30);
  g_subprocess_wait_finish (process, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* With every debug message of GLib, GIO, libsoup and libsecret printed,
 * neither the API key nor a signing secret shows up anywhere but where the
 * user asked for it (the secret, once, on standard output of create); and
 * debug messages never mix with results on standard output. */
static void
test_debug_logs_keep_secrets (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const debug_env[] = { "G_MESSAGES_DEBUG", "all", NULL };
  g_autofree char *login_input = g_strdup_printf ("%s\n", f->api_key);
  const char * const create[] = { "--base-url", f->base_url, "webhooks", "create",
                                  "--url", f->receiver_url, NULL };
  const char * const list[] = { "--base-url", f->base_url, "--json", "webhooks", "list", NULL };
  const char * const events[] = { "--base-url", f->base_url, "events", "--count", "3", NULL };
  const char * const login[] = { "--base-url", f->base_url, "login", NULL };
  const char * const listed[] = { "--base-url", f->base_url, "webhooks", "list", NULL };
  g_autoptr(ConvercCliRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;
  const char *secret;

  /* (run_cli_full asserts that the key is in neither stream.) */
  run = run_cli_full (f, f->api_key, NULL, debug_env, create);
  g_assert_cmpint (run->status, ==, 0);
  id = created_id (run->out);
  secret = converc_emulator_get_secret (f->emulator, id);
  g_assert_nonnull (secret);
  assert_contains (run->out, secret);
  g_assert_null (strstr (run->err, secret));
  g_assert_nonnull (strstr (run->err, "DEBUG"));   /* the logs were on */
  g_clear_pointer (&run, converc_cli_run_free);

  run = run_cli_full (f, f->api_key, NULL, debug_env, list);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);                   /* nothing but JSON */
  g_assert_null (strstr (run->err, secret));
  g_clear_pointer (&run, converc_cli_run_free);

  run = run_cli_full (f, f->api_key, NULL, debug_env, events);
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&run, converc_cli_run_free);

  if (have_session_bus ())
    {
      /* The key typed on standard input goes to the keyring, not the logs;
       * then the keyring lookup on use does not log it either. */
      run = run_cli_full (f, NULL, login_input, debug_env, login);
      g_assert_cmpint (run->status, ==, 0);
      g_clear_pointer (&run, converc_cli_run_free);
      run = run_cli_full (f, NULL, NULL, debug_env, listed);
      g_assert_cmpint (run->status, ==, 0);
    }
}

/* --- Hostile input (issue 13, items 7 to 10) -------------------------------- */

static void
test_hostile_input (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *long_url = NULL;
  guint n_requests;
  ConvercCliRun *run;

  /* Item 8: a password in a URL is never printed back */
  run = run_cli (f, "webhooks", "create", "--url", "https://user:pass@host.example/x", NULL);
  g_assert_cmpint (run->status, ==, 2);
  assert_contains (run->err, "user name or password");
  assert_contains (run->err, "https://***@host.example/x");
  g_assert_null (strstr (run->err, "pass@"));
  g_assert_null (strstr (run->err, "user:"));
  converc_cli_run_free (run);

  {
    const char *args[] = { "--base-url", "https://user:hunter2@api.converc.com", "events",
                           NULL };

    run = run_cli_full (f, f->api_key, NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 2);
    g_assert_null (strstr (run->err, "hunter2"));
    converc_cli_run_free (run);
  }

  /* ... and a URL has the app's length limit: nothing is created. */
  long_url = g_strdup_printf ("https://%0*d.example/x", CONVERC_MAX_URL_LENGTH, 0);
  n_requests = converc_emulator_get_n_requests (f->emulator);
  run = run_cli (f, "webhooks", "create", "--url", long_url, NULL);
  g_assert_cmpint (run->status, ==, 2);
  assert_contains (run->err, "too long");
  g_assert_cmpint (strlen (run->err), <, 1000);
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, n_requests);
  converc_cli_run_free (run);

  /* Item 9: a key with a line break is refused before any request */
  {
    const char *args[] = { "--base-url", f->base_url, "webhooks", "list", NULL };

    n_requests = converc_emulator_get_n_requests (f->emulator);
    run = run_cli_full (f, "K1\r\nX-Evil: 1", NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 2);
    assert_contains (run->err, "API key contains a line break");
    g_assert_null (strstr (run->err, "X-Evil"));
    g_assert_null (strstr (run->err, "CRITICAL"));
    g_assert_null (strstr (run->err, "401"));
    g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, n_requests);
    converc_cli_run_free (run);
  }

  {
    const char *args[] = { "--base-url", f->base_url, "login", "--no-verify", NULL };

    run = run_cli_full (f, NULL, "sk_live\tsecond\n", NULL, args);
    g_assert_cmpint (run->status, ==, 2);
    assert_contains (run->err, "API key contains a tab");
    g_assert_null (strstr (run->out, "saved"));
    converc_cli_run_free (run);
  }

  /* Item 10: an argument that is not UTF-8 is named */
  run = run_cli (f, "webhooks", "create", "--url", "https://host.example/\xff\xfe", NULL);
  g_assert_cmpint (run->status, ==, 2);
  assert_contains (run->err, "The value of --url is not valid UTF-8 text.");
  g_assert_null (strstr (run->err, "Invalid byte sequence"));
  converc_cli_run_free (run);

  run = run_cli (f, "events", "--type=call.\xff", NULL);
  g_assert_cmpint (run->status, ==, 2);
  assert_contains (run->err, "The value of --type is not valid UTF-8 text.");
  converc_cli_run_free (run);

  {
    const char *args[] = { "--base-url", "https://api\xe9.example", "events", NULL };

    run = run_cli_full (f, f->api_key, NULL, NULL, args);
    g_assert_cmpint (run->status, ==, 2);
    assert_contains (run->err, "The value of --base-url is not valid UTF-8 text.");
    converc_cli_run_free (run);
  }

  run = run_cli (f, "webhooks", "disable", "wh_\xff", NULL);
  g_assert_cmpint (run->status, ==, 2);
  assert_contains (run->err, "not valid UTF-8 text");
  converc_cli_run_free (run);

  /* Item 7: bidi controls and other invisible format characters from the
   * server are shown as their code, like ESC and line breaks are defused. */
  converc_emulator_add_raw_event (f->emulator,
                                  "{\"id\":\"evt_bidi\",\"type\":\"call.ended\","
                                  "\"createdAt\":\"2030-01-01T00:00:00.000Z\","
                                  "\"data\":{\"contact\":{\"name\":\"Alice \\u202egnp.exe"
                                  "\\u2067x\\u2069\\u200e\\u200f\\u061c\\u200b\\u202a\\u2066\"},"
                                  "\"call\":{\"status\":\"ended\\u001b[31m\"}}}");
  run = run_cli (f, "events", "--count", "100", NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_contains (run->out, "Alice <U+202E>gnp.exe<U+2067>x<U+2069><U+200E><U+200F>"
                             "<U+061C><U+200B><U+202A><U+2066>");
  for (const char *p = run->out; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_true (c == '\n' || !g_unichar_iscntrl (c));
      g_assert_cmpint (g_unichar_type (c), !=, G_UNICODE_FORMAT);
    }
  converc_cli_run_free (run);
}

/* --- deliver / secret ------------------------------------------------------ */

/* Runs converc with --base-url, the API key and XDG_DATA_HOME in tmpdir. */
static ConvercCliRun *
run_deliver_cli (Fixture            *f,
                 const char         *input,
                 const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *env[] = { "XDG_DATA_HOME", f->tmpdir, NULL };

  g_ptr_array_add (argv, (gpointer) "--base-url");
  g_ptr_array_add (argv, f->base_url);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  return run_cli_full (f, f->api_key, input, env, (const char * const *) argv->pdata);
}

static void
test_deliver_and_secret (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *seeded_id = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *outcomes_dir = g_build_filename (f->tmpdir, "converc-webhooks", NULL);
  g_autofree char *outcomes_path = g_build_filename (outcomes_dir, "deliveries.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *shown_line = NULL;
  GStatBuf st;
  ConvercCliRun *run;

  if (!have_session_bus ())
    {
      g_test_skip ("No session bus: run under build-aux/headless.sh");
      return;
    }

  /* Usage errors come before any request. */
  {
    const char *cases[][8] = {
      { "deliver", "--endpoint", "wh_x", NULL },
      { "deliver", "--test", NULL },
      { "deliver", "--test", "--event", "evt_1", "--endpoint", "wh_x", NULL },
      { "deliver", "--test", "--endpoint", "wh_x", "--to", "http://example.com/x", NULL },
      { "deliver", "--test", "--endpoint", "wh_x", "--timeout", "0", NULL },
      { "secret", NULL },
      { "secret", "show", NULL },
      { "secret", "frob", "x", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        run = run_deliver_cli (f, NULL, cases[i]);
        g_assert_cmpint (run->status, ==, 2);
        g_assert_cmpstr (run->out, ==, "");
        converc_cli_run_free (run);
      }
    g_assert_cmpuint (f->n_received, ==, 0);
  }

  /* An endpoint made here: its secret is in the keyring. */
  {
    const char *args[] = { "webhooks", "create", "--url", f->receiver_url, NULL };

    run = run_deliver_cli (f, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    id = created_id (run->out);
    secret = g_strdup (converc_emulator_get_secret (f->emulator, id));
    converc_cli_run_free (run);
  }

  /* secret show prints it on stdout, and only it. */
  {
    const char *args[] = { "secret", "show", id, NULL };

    run = run_deliver_cli (f, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    shown_line = g_strdup_printf ("%s\n", secret);
    g_assert_cmpstr (run->out, ==, shown_line);
    g_assert_cmpstr (run->err, ==, "");
    converc_cli_run_free (run);
  }

  /* deliver --test: signed as Converc signs, the whole exchange shown. */
  {
    const char *args[] = { "deliver", "--test", "--endpoint", id, NULL };

    run = run_deliver_cli (f, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpuint (f->n_received, ==, 1);
    g_assert_true (converc_signature_verify (secret, f->last_signature,
                                             g_bytes_get_data (f->last_body, NULL),
                                             g_bytes_get_size (f->last_body),
                                             g_get_real_time () / G_USEC_PER_SEC, 300,
                                             &error));
    g_assert_no_error (error);
    assert_contains (run->out, "Sent from this computer, not by Converc");
    assert_contains (run->out, "> POST /hook HTTP/1.1\n");
    assert_contains (run->out, "> X-IC-Signature: t=");
    assert_contains (run->out, "> X-IC-Event: webhook.test\n");
    assert_contains (run->out, "< HTTP/1.1 200 OK\n");
    assert_contains (run->out, "\nok\n");
    assert_contains (run->out, "Time: ");
    g_assert_null (strstr (run->out, secret));
    g_assert_null (strstr (run->err, secret));
    converc_cli_run_free (run);
  }

  /* A failing receiver: exit 1, its status and body shown. */
  f->receiver_status = 500;
  {
    const char *args[] = { "deliver", "--test", "--endpoint", id, NULL };

    run = run_deliver_cli (f, NULL, args);
    g_assert_cmpint (run->status, ==, 1);
    assert_contains (run->out, "< HTTP/1.1 500 Internal Server Error\n");
    assert_contains (run->out, "\nok\n");
    converc_cli_run_free (run);
  }
  f->receiver_status = 200;

  /* --event: the event's exact bytes from the events API; --json. */
  {
    const char *events_args[] = { "--json", "events", NULL };
    JsonArray *array;

    run = run_deliver_cli (f, NULL, events_args);
    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    array = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (array), >, 0);
    event_id = g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                        "id"));
    g_clear_pointer (&root, json_node_unref);
    converc_cli_run_free (run);
  }
  {
    const char *args[] = { "--json", "deliver", "--event", event_id, "--endpoint", id, NULL };
    g_autofree char *body = NULL;
    JsonObject *object;

    run = run_deliver_cli (f, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    object = json_node_get_object (root);
    g_assert_true (json_object_get_boolean_member (object, "success"));
    g_assert_cmpstr (json_object_get_string_member (object, "eventId"), ==, event_id);
    g_assert_cmpint (json_object_get_int_member (object, "status"), ==, 200);
    body = g_strndup (g_bytes_get_data (f->last_body, NULL), g_bytes_get_size (f->last_body));
    assert_contains (body, event_id);
    g_clear_pointer (&root, json_node_unref);
    converc_cli_run_free (run);
  }
  {
    const char *args[] = { "deliver", "--event", "evt_not_there", "--endpoint", id, NULL };

    run = run_deliver_cli (f, NULL, args);
    g_assert_cmpint (run->status, ==, 1);
    assert_contains (run->err, "No event evt_not_there");
    converc_cli_run_free (run);
  }

  /* The outcomes are kept for the app: private, without the secret. */
  g_assert_cmpint (g_stat (outcomes_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (outcomes_path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, secret));
  assert_contains (contents, id);

  /* An endpoint made elsewhere (seeded): no secret, a clear hint. */
  {
    const char *list_args[] = { "--json", "webhooks", "list", NULL };
    JsonArray *array;

    run = run_deliver_cli (f, NULL, list_args);
    root = parse_json (run->out);
    array = json_node_get_array (root);
    for (guint i = 0; i < json_array_get_length (array) && seeded_id == NULL; i++)
      {
        JsonObject *o = json_array_get_object_element (array, i);

        if (g_strcmp0 (json_object_get_string_member (o, "id"), id) != 0)
          seeded_id = g_strdup (json_object_get_string_member (o, "id"));
      }
    g_assert_nonnull (seeded_id);
    g_clear_pointer (&root, json_node_unref);
    converc_cli_run_free (run);
  }
  {
    const char *args[] = { "deliver", "--test", "--endpoint", seeded_id,
                           "--to", f->receiver_url, NULL };

    run = run_deliver_cli (f, NULL, args);
    g_assert_cmpint (run->status, ==, 1);
    assert_contains (run->err, "No signing secret for endpoint");
    assert_contains (run->err, "converc secret store");
    converc_cli_run_free (run);
  }

  /* secret store: one line; white space and several lines refused. */
  {
    const char *args[] = { "secret", "store", seeded_id, NULL };
    const char *bad[] = { "whsec_a b\n", " whsec_ab\n", "whsec_ab\t\n", "\n", "",
                          "whsec_ab\nsecond\n" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        run = run_deliver_cli (f, bad[i], args);
        g_assert_cmpint (run->status, ==, 2);
        assert_contains (run->err, "secret");
        converc_cli_run_free (run);
      }

    run = run_deliver_cli (f, "whsec_abc\n", args);
    g_assert_cmpint (run->status, ==, 0);
    assert_contains (run->out, "saved in the keyring");
    g_assert_null (strstr (run->out, "whsec_abc"));
    converc_cli_run_free (run);
  }
  {
    const char *args[] = { "secret", "show", seeded_id, NULL };

    run = run_deliver_cli (f, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->out, ==, "whsec_abc\n");
    converc_cli_run_free (run);
  }
  {
    const char *args[] = { "deliver", "--test", "--endpoint", seeded_id,
                           "--to", f->receiver_url, NULL };

    run = run_deliver_cli (f, NULL, args);
    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (converc_signature_verify ("whsec_abc", f->last_signature,
                                             g_bytes_get_data (f->last_body, NULL),
                                             g_bytes_get_size (f->last_body),
                                             g_get_real_time () / G_USEC_PER_SEC, 300,
                                             &error));
    g_assert_no_error (error);
    converc_cli_run_free (run);
  }

  store = converc_keyring_store_new (0);
  converc_secret_store_clear_sync (store, f->base_url, id, NULL);
  converc_secret_store_clear_sync (store, f->base_url, seeded_id, NULL);
  g_unlink (outcomes_path);
  g_rmdir (outcomes_dir);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/converc/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("usage", test_usage);
  ADD ("list", test_list);
  ADD ("create-test-disable", test_create_test_disable);
  ADD ("create-all-events-json", test_create_all_events_json);
  ADD ("create-without-keyring", test_create_without_keyring);
  ADD ("test-unreachable-receiver", test_test_unreachable_receiver);
  ADD ("events", test_events);
  ADD ("verify", test_verify);
  ADD ("verify-doctor", test_verify_doctor);
  ADD ("errors", test_errors);
  ADD ("login-logout", test_login_logout);
  ADD ("emulator-command", test_emulator_command);
  ADD ("debug-logs-keep-secrets", test_debug_logs_keep_secrets);
  ADD ("hostile-input", test_hostile_input);
  ADD ("deliver-and-secret", test_deliver_and_secret);
  ADD ("accounts", test_accounts);

#undef ADD

  return g_test_run ();
}
