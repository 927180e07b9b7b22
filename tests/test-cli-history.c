/* test-cli-history.c
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

/* The one concern of this file: `converc history` end to end — sync from
 * an in-process emulator, search, filters, JSON, clear — and the API key
 * never entering the journal. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "converc.h"
#include "converc-emulator.h"
#include "converc-test-utils.h"

#define N_EVENTS 300

typedef struct
{
  ConvercEmulator *emulator;
  char            *api_key;
  char            *base_url;
  char            *data_home;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->api_key = g_strdup_printf ("history-test-key-%08x%08x", g_random_int (), g_random_int ());
  f->emulator = converc_emulator_new (f->api_key);
  converc_emulator_start (f->emulator, 0, &error);
  g_assert_no_error (error);
  converc_emulator_seed (f->emulator, N_EVENTS, 14);
  f->base_url = g_strdup (converc_emulator_get_base_url (f->emulator));
  f->data_home = g_dir_make_tmp ("converc-test-history-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  converc_emulator_stop (f->emulator);
  g_clear_object (&f->emulator);
  converc_test_remove_tree (f->data_home);
  g_clear_pointer (&f->data_home, g_free);
  g_clear_pointer (&f->base_url, g_free);
  g_clear_pointer (&f->api_key, g_free);
}

/* Runs `converc --base-url URL ARGS…` with the fixture's data folder and
 * key, while the main loop serves the emulator. */
static ConvercCliRun *
run_cli (Fixture    *f,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *env[] = { "XDG_DATA_HOME", f->data_home, NULL };
  const char *arg;
  va_list va;

  g_ptr_array_add (args, (gpointer) "--base-url");
  g_ptr_array_add (args, f->base_url);
  va_start (va, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (va, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (va);
  g_ptr_array_add (args, NULL);

  return converc_test_run_cli (f->api_key, f->api_key, NULL, env,
                               (const char * const *) args->pdata);
}

static JsonArray *
parse_array (const char *text,
             JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

/* Every file under @folder, checked for @needle's bytes. */
static void
assert_no_file_holds (const char *folder,
                      const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_no_file_holds (path, needle);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      for (gsize i = 0; i + strlen (needle) <= len; i++)
        g_assert_false (memcmp (contents + i, needle, strlen (needle)) == 0);
    }
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ConvercCliRun) run = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) typed_parser = json_parser_new ();
  g_autofree char *folder = g_build_filename (f->data_home, "converc-webhooks", NULL);
  g_autofree char *email = NULL;
  JsonArray *all, *typed;
  guint n_ended = 0;
  GStatBuf st;

  /* Nothing stored yet: says so, makes no file. */
  run = run_cli (f, "history", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "history sync"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "history", "--json", NULL);
  g_assert_cmpstr (run->out, ==, "[]\n");
  g_clear_pointer (&run, converc_cli_run_free);

  run = run_cli (f, "history", "sync", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Fetched 300 events, 300 of them new"));
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "history", "sync", "--count", "50", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Fetched 50 events, 0 of them new; 300 stored"));
  g_clear_pointer (&run, converc_cli_run_free);

  /* Private files, and no API key in them. */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  assert_no_file_holds (folder, f->api_key);

  run = run_cli (f, "history", "--count", "5", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "5 shown of 300 matching, 300 events stored."));
  g_clear_pointer (&run, converc_cli_run_free);

  /* --json: every stored event's exact bytes, newest first. */
  run = run_cli (f, "history", "--json", "--count", "1000", NULL);
  g_assert_cmpint (run->status, ==, 0);
  all = parse_array (run->out, parser);
  g_assert_cmpuint (json_array_get_length (all), ==, N_EVENTS);
  for (guint i = 0; i < N_EVENTS; i++)
    {
      JsonObject *event = json_array_get_object_element (all, i);

      n_ended += g_strcmp0 (json_object_get_string_member (event, "type"), "call.ended") == 0;
    }
  g_clear_pointer (&run, converc_cli_run_free);

  /* --type and type: in --search agree. */
  run = run_cli (f, "history", "--json", "--type", "call.ended", "-n", "1000", NULL);
  typed = parse_array (run->out, typed_parser);
  g_assert_cmpuint (json_array_get_length (typed), ==, n_ended);
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "history", "--search", "type:call.ended", "-n", "1", NULL);
  {
    g_autofree char *line = g_strdup_printf ("1 shown of %u matching", n_ended);

    g_assert_nonnull (strstr (run->out, line));
  }
  g_clear_pointer (&run, converc_cli_run_free);

  /* A contact's e-mail address in upper case finds its events. */
  for (guint i = 0; email == NULL && i < N_EVENTS; i++)
    {
      JsonObject *event = json_array_get_object_element (all, i);
      JsonObject *d = json_object_get_object_member (event, "data");
      JsonObject *contact = d != NULL && json_object_has_member (d, "contact") &&
                            JSON_NODE_HOLDS_OBJECT (json_object_get_member (d, "contact"))
                              ? json_object_get_object_member (d, "contact") : NULL;

      if (contact != NULL && json_object_has_member (contact, "email") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (contact, "email")))
        email = g_ascii_strup (json_object_get_string_member (contact, "email"), -1);
    }
  g_assert_nonnull (email);
  run = run_cli (f, "history", "--search", email, NULL);
  g_assert_cmpint (run->status, ==, 0);
  {
    g_autofree char *lower = g_ascii_strdown (email, -1);

    g_assert_nonnull (strstr (run->out, lower));
    g_assert_null (strstr (run->out, " 0 matching"));
  }
  g_clear_pointer (&run, converc_cli_run_free);

  /* --since */
  run = run_cli (f, "history", "--since", "2999-01-01", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "0 shown of 0 matching, 300 events stored."));
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "history", "--since", "3000d", NULL);
  g_assert_nonnull (strstr (run->out, "50 shown of 300 matching"));
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "history", "--since", "yesterday", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "--since"));
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "history", "--count", "0", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_clear_pointer (&run, converc_cli_run_free);
  /* --account's value is not taken for the subcommand: "sync" is still
   * found after it, and the unknown account is what is reported. */
  run = run_cli (f, "history", "--account", "no-such-account", "sync", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "no-such-account"));
  g_assert_null (strstr (run->err, "Unexpected argument"));
  g_clear_pointer (&run, converc_cli_run_free);

  /* clear asks; without a terminal it needs --yes and removes nothing. */
  run = run_cli (f, "history", "clear", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "--yes"));
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "history", "-n", "1", NULL);
  g_assert_nonnull (strstr (run->out, "300 events stored"));
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "history", "clear", "--yes", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Removed 300 stored events."));
  g_clear_pointer (&run, converc_cli_run_free);
  run = run_cli (f, "history", "--json", NULL);
  g_assert_cmpstr (run->out, ==, "[]\n");
  g_clear_pointer (&run, converc_cli_run_free);
}

/* A server with a maximum of `display` refuses the sync's 10,000: the
 * sync asks again for fewer, stores them and says so; `converc events`
 * too. */
static void
test_history_sync_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ConvercCliRun) run = NULL;

  converc_emulator_set_max_display (f->emulator, 100);

  run = run_cli (f, "history", "sync", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Fetched 100 events, 100 of them new; 100 stored"));
  g_assert_nonnull (strstr (run->err, "refused to send 10000 events at once; the newest 100 "
                                      "were asked for instead"));
  g_clear_pointer (&run, converc_cli_run_free);

  run = run_cli (f, "events", "--json", "--count", "250", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->err, "refused to send 250 events at once; the newest 100"));
  g_clear_pointer (&run, converc_cli_run_free);

  /* Within the maximum: no note */
  run = run_cli (f, "history", "sync", "--count", "100", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Fetched 100 events, 0 of them new; 100 stored"));
  g_assert_null (strstr (run->err, "refused"));
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add ("/converc/cli/history", Fixture, NULL, fixture_setup, test_history, fixture_teardown);
  g_test_add ("/converc/cli/history-sync-refused", Fixture, NULL, fixture_setup,
              test_history_sync_refused, fixture_teardown);

  return g_test_run ();
}
