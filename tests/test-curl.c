/* test-curl.c
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

/* The one concern of this file: converc-curl's commands, run by a real
 * shell (every argument arrives as it was meant) and by a real curl
 * against the emulator. */

#define G_LOG_DOMAIN "test-curl"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-test-utils.h"

#define KEY "cvk_curl_test_key"

/* Strings a shell would mangle if a command quoted them badly. */
static const char *hostile[] = {
  "https://hooks.example/plain",
  "https://hooks.example/it's",
  "https://hooks.example/a b  c",
  "https://hooks.example/$HOME/${PATH}",
  "https://hooks.example/`id`/$(id)",
  "https://hooks.example/line\nbreak",
  "https://hooks.example/\"double\"",
  "https://hooks.example/back\\slash",
  "https://hooks.example/'; touch /tmp/pwned-by-converc; '",
  "https://hooks.example/!history*?[a]~",
  "'",
  "''''",
  "",
  "https://hooks.example/ünïcødé",
};

/* Runs @script with sh, CONVERC_API_KEY set to @key (NULL: unset) and
 * returns its stdout; the test fails unless sh exits with 0. */
static char *
run_sh (const char *script,
        const char *key,
        gsize      *length)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  int status = 0;

  if (key != NULL)
    envp = g_environ_setenv (envp, "CONVERC_API_KEY", key, TRUE);
  else
    envp = g_environ_unsetenv (envp, "CONVERC_API_KEY");

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("sh failed: %s\nscript: %s\nstderr: %s", error->message, script, err);

  if (length != NULL)
    *length = strlen (out);

  return g_steal_pointer (&out);
}

/* The arguments @command gives curl, as curl would get them: a shell
 * function named curl prints each one NUL-terminated. */
static GPtrArray *
shell_words (const char *command,
             const char *key)
{
  g_autofree char *script = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p;

  /* sh -n first: the command must parse on its own. */
  script = g_strdup_printf ("set -n\n%s\n", command);
  g_free (run_sh (script, key, NULL));
  g_free (script);

  script = g_strdup_printf ("curl () { printf '%%s\\0' \"$@\"; }\n%s\n", command);
  /* The words are NUL-terminated: read stdout as bytes. */
  {
    const char *argv[] = { "/bin/sh", "-c", script, NULL };
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "CONVERC_API_KEY", key, TRUE);
    g_autofree char *raw = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    g_autoptr(GSubprocess) child = NULL;
    g_autoptr(GBytes) stdout_bytes = NULL;
    gsize size;

    g_subprocess_launcher_set_environ (launcher, envp);
    child = g_subprocess_launcher_spawnv (launcher, argv, &error);
    g_assert_no_error (error);
    g_subprocess_communicate (child, NULL, NULL, &stdout_bytes, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_successful (child));

    p = g_bytes_get_data (stdout_bytes, &size);
    for (const char *end = p + size; p < end; p += strlen (p) + 1)
      {
        g_assert_nonnull (memchr (p, '\0', end - p));
        g_ptr_array_add (words, g_strdup (p));
      }
  }

  return words;
}

static void
assert_words (GPtrArray          *words,
              const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < MIN (n, words->len); i++)
    g_assert_cmpstr (g_ptr_array_index (words, i), ==, expected[i]);
  g_assert_cmpuint (words->len, ==, n);
}

static void
test_quote (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *quoted = converc_curl_quote (hostile[i]);
      g_autofree char *script = g_strdup_printf ("printf '%%s' %s", quoted);
      g_autofree char *out = NULL;

      g_assert_true (quoted[0] == '\'');
      g_assert_true (g_str_has_suffix (quoted, "'"));
      out = run_sh (script, NULL, NULL);
      g_assert_cmpstr (out, ==, hostile[i]);
    }
}

static void
test_list (void)
{
  g_autofree char *command = converc_curl_command_for_list ("https://api.converc.com/");
  g_autoptr(GPtrArray) words = shell_words (command, "k-1");
  const char *expected[] = { "-sS", "https://api.converc.com/integrations/webhooks",
                             "-H", "Authorization: Bearer k-1", NULL };

  assert_words (words, expected);
  /* The key is a variable in the text, expanded only by the shell. */
  g_assert_nonnull (strstr (command, "\"Authorization: Bearer $CONVERC_API_KEY\""));
  g_assert_true (g_str_has_prefix (command, "curl "));
}

/* Every hostile URL reaches curl's --data-raw intact, inside valid JSON,
 * and the hostile base URL reaches it as one argument. */
static void
test_create_hostile (void)
{
  const char *events[] = { "call.ended", "it's \"odd\"", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *base = g_strconcat (hostile[i], "/api", NULL);
      g_autofree char *request_url = g_strconcat (base, "/integrations/webhooks", NULL);
      g_autofree char *command = converc_curl_command_for_create (base, hostile[i], events);
      g_autoptr(GPtrArray) words = shell_words (command, "$(touch /tmp/not-run) `x` '");
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *object;
      JsonArray *array;

      g_assert_cmpuint (words->len, ==, 10);
      g_assert_cmpstr (g_ptr_array_index (words, 0), ==, "-sS");
      g_assert_cmpstr (g_ptr_array_index (words, 1), ==, "-X");
      g_assert_cmpstr (g_ptr_array_index (words, 2), ==, "POST");
      g_assert_cmpstr (g_ptr_array_index (words, 3), ==, request_url);
      g_assert_cmpstr (g_ptr_array_index (words, 5), ==,
                       "Authorization: Bearer $(touch /tmp/not-run) `x` '");
      g_assert_cmpstr (g_ptr_array_index (words, 7), ==, "Content-Type: application/json");
      g_assert_cmpstr (g_ptr_array_index (words, 8), ==, "--data-raw");

      body = json_from_string (g_ptr_array_index (words, 9), &error);
      g_assert_no_error (error);
      object = json_node_get_object (body);
      g_assert_cmpstr (json_object_get_string_member (object, "url"), ==, hostile[i]);
      array = json_object_get_array_member (object, "events");
      g_assert_cmpuint (json_array_get_length (array), ==, 2);
      g_assert_cmpstr (json_array_get_string_element (array, 1), ==, events[1]);
    }

  g_assert_false (g_file_test ("/tmp/pwned-by-converc", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("/tmp/not-run", G_FILE_TEST_EXISTS));
}

static void
test_create_all_events (void)
{
  g_autofree char *command = converc_curl_command_for_create ("https://api.converc.com",
                                                              "https://hooks.example/x", NULL);
  g_autoptr(GPtrArray) words = shell_words (command, "k");

  g_assert_cmpuint (words->len, ==, 10);
  g_assert_cmpstr (g_ptr_array_index (words, 9), ==, "{\"url\":\"https://hooks.example/x\"}");
}

static void
test_disable_and_test (void)
{
  g_autofree char *disable = converc_curl_command_for_disable ("https://api.converc.com",
                                                              "wh_1/'x y");
  g_autofree char *test = converc_curl_command_for_test ("https://api.converc.com", "wh_'1");
  g_autoptr(GPtrArray) disable_words = shell_words (disable, "k");
  g_autoptr(GPtrArray) test_words = shell_words (test, "k");
  const char *expected_disable[] = { "-sS", "-X", "DELETE",
                                     "https://api.converc.com/integrations/webhooks/wh_1%2F%27x%20y",
                                     "-H", "Authorization: Bearer k", NULL };
  const char *expected_test[] = { "-sS", "-X", "POST",
                                  "https://api.converc.com/integrations/webhooks/test",
                                  "-H", "Authorization: Bearer k",
                                  "-H", "Content-Type: application/json",
                                  "--data-raw", "{\"webhookId\":\"wh_'1\"}", NULL };

  assert_words (disable_words, expected_disable);
  assert_words (test_words, expected_test);
}

static void
test_events (void)
{
  g_autofree char *all = converc_curl_command_for_events ("https://api.converc.com", NULL, 0);
  g_autofree char *some = converc_curl_command_for_events ("https://api.converc.com",
                                                           "call.ended&x=1", 25);
  g_autoptr(GPtrArray) all_words = shell_words (all, "k");
  g_autoptr(GPtrArray) some_words = shell_words (some, "k");

  g_assert_cmpstr (g_ptr_array_index (all_words, 1), ==,
                   "https://api.converc.com/webhooks/events");
  g_assert_cmpstr (g_ptr_array_index (some_words, 1), ==,
                   "https://api.converc.com/webhooks/events?eventType=call.ended%26x%3D1&display=25");
}

/* Runs @command with the real curl and returns what the server answered. */
static GBytes *
run_curl (const char *command,
          const char *key)
{
  gsize length = 0;
  char *out = run_sh (command, key, &length);

  return g_bytes_new_take (out, length);
}

static void
seed_cb (ConvercEmulator *emulator,
         gpointer         data)
{
  converc_emulator_seed (emulator, 12, 3);
}

/* The commands do against the emulator what the client does. */
static void
test_emulator (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(ConvercWebhook) created = NULL;
  g_autoptr(ConvercTestResult) test = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *command = NULL;
  g_autofree char *hook_url = NULL;
  const char *types[] = { "call.ended", NULL };
  ConvercEmulatorThread *server;
  const char *base;
  gboolean is_active = TRUE;
  gboolean found = FALSE;

  server = converc_emulator_thread_start (KEY, seed_cb, NULL, &error);
  g_assert_no_error (error);
  base = converc_emulator_thread_get_base_url (server);

  /* Without the key in the environment the server refuses: the key is not
   * in the command. */
  command = converc_curl_command_for_list (base);
  {
    g_autofree char *script = g_strconcat (command, " -o /dev/null -w '%{http_code}'", NULL);
    g_autofree char *code = run_sh (script, NULL, NULL);

    g_assert_cmpstr (code, ==, "401");
  }

  answer = run_curl (command, KEY);
  before = converc_parse_webhook_list (answer, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&answer, g_bytes_unref);
  g_clear_pointer (&command, g_free);

  hook_url = g_strdup_printf ("http://127.0.0.1:%u/hook?name=it's", converc_test_get_unused_port ());
  command = converc_curl_command_for_create (base, hook_url, types);
  answer = run_curl (command, KEY);
  created = converc_parse_create_response (answer, &secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (converc_webhook_get_url (created), ==, hook_url);
  g_assert_nonnull (secret);
  g_clear_pointer (&answer, g_bytes_unref);
  g_clear_pointer (&command, g_free);

  command = converc_curl_command_for_test (base, converc_webhook_get_id (created));
  answer = run_curl (command, KEY);
  test = converc_parse_test_response (answer, &error);
  g_assert_no_error (error);
  /* Nobody listens there: Converc's delivery failed, and says so. */
  g_assert_nonnull (test->error);
  g_clear_pointer (&answer, g_bytes_unref);
  g_clear_pointer (&command, g_free);

  command = converc_curl_command_for_disable (base, converc_webhook_get_id (created));
  answer = run_curl (command, KEY);
  g_assert_true (converc_parse_disable_response (answer, &is_active, &error));
  g_assert_no_error (error);
  g_assert_false (is_active);
  g_clear_pointer (&answer, g_bytes_unref);
  g_clear_pointer (&command, g_free);

  command = converc_curl_command_for_list (base);
  answer = run_curl (command, KEY);
  after = converc_parse_webhook_list (answer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len; i++)
    {
      ConvercWebhook *webhook = g_ptr_array_index (after, i);

      if (g_strcmp0 (converc_webhook_get_id (webhook), converc_webhook_get_id (created)) == 0)
        {
          found = TRUE;
          g_assert_false (converc_webhook_get_is_active (webhook));
        }
    }
  g_assert_true (found);
  g_clear_pointer (&answer, g_bytes_unref);
  g_clear_pointer (&command, g_free);

  command = converc_curl_command_for_events (base, "call.ended", 5);
  answer = run_curl (command, KEY);
  events = converc_parse_event_list (answer, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >, 0);
  g_assert_cmpuint (events->len, <=, 5);
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpstr (converc_event_get_event_type (g_ptr_array_index (events, i)), ==, "call.ended");

  converc_emulator_thread_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/curl/quote", test_quote);
  g_test_add_func ("/converc/curl/list", test_list);
  g_test_add_func ("/converc/curl/create-hostile", test_create_hostile);
  g_test_add_func ("/converc/curl/create-all-events", test_create_all_events);
  g_test_add_func ("/converc/curl/disable-and-test", test_disable_and_test);
  g_test_add_func ("/converc/curl/events", test_events);
  g_test_add_func ("/converc/curl/emulator", test_emulator);

  return g_test_run ();
}
