/* converc-cli-account.c
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

/* `converc login`, `converc logout` and `converc emulator` */

#define G_LOG_DOMAIN "converc-cli"

#include "config.h"

#include "converc-cli-private.h"
#include "converc-emulator.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define MAX_KEY_LENGTH 4096

GString *
cli_read_line_quietly (const char *prompt,
                       gsize       max_length,
                       gboolean   *too_long,
                       gboolean   *more_lines)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  gboolean echo_off = FALSE;
  GString *line = g_string_new (NULL);
  int c;

  if (too_long != NULL)
    *too_long = FALSE;
  if (more_lines != NULL)
    *more_lines = FALSE;

  if (tty)
    {
      g_printerr ("%s", prompt);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~ECHO;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  while ((c = getchar ()) != EOF && c != '\n')
    {
      if (line->len < max_length)
        g_string_append_c (line, (char) c);
      else if (too_long != NULL)
        *too_long = TRUE;
    }
  if (c == '\n' && !tty && more_lines != NULL)
    {
      /* Anything but a last empty line means several lines were given. */
      while ((c = getchar ()) != EOF)
        if (c != '\n' && c != '\r')
          *more_lines = TRUE;
    }

  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  if (tty)
    g_printerr ("\n");

  return line;
}

char *
cli_read_key (GError **error)
{
  GString *line = cli_read_line_quietly (_("API key: "), MAX_KEY_LENGTH, NULL, NULL);

  g_strstrip (line->str);
  line->len = strlen (line->str);

  if (line->len == 0)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("No API key on standard input. Type or pipe the key, e.g. "
                     "“converc login < key.txt”."));
      g_string_free (line, TRUE);
      return NULL;
    }

  return g_string_free (line, FALSE);
}

void
cli_secret_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

gboolean
cli_check_key (const char  *base_url,
               const char  *key,
               GError     **error)
{
  g_autoptr(ConvercClient) client = converc_client_new (base_url, key);
  g_autoptr(GPtrArray) webhooks = NULL;
  CliWait wait;

  cli_wait_init (&wait);
  converc_client_list_webhooks_async (client, NULL, cli_wait_cb, &wait);
  webhooks = converc_client_list_webhooks_finish (client, cli_wait_run (&wait), error);
  cli_wait_clear (&wait);

  return webhooks != NULL;
}

int
cli_command_login (CliContext  *cli,
                   int          argc,
                   char       **argv)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliSecret) key = NULL;
  gboolean no_verify = FALSE;
  int status = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "no-verify", 0, 0, G_OPTION_ARG_NONE, &no_verify,
      N_("Save the key without checking it against the server first"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli, "login", NULL,
                          _("Read the API key from standard input (one line), check it "
                            "with a list call, and save it in the keyring for the base "
                            "URL. The key is never printed."),
                          entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (!cli_resolve_base_url (cli, &status))
    return status;

  if (!(key = cli_read_key (&error)))
    return cli_report_error (cli, error);

  /* Checked before anything is sent or saved, --no-verify or not. */
  if (!converc_validate_api_key (key, &error))
    return cli_report_error (cli, error);

  if (!no_verify && !cli_check_key (cli->base_url, key, &error))
    {
      status = cli_report_error (cli, error);
      g_printerr (_("The API key was not saved. (Use --no-verify to save it "
                    "without checking.)\n"));
      return status;
    }

  store = converc_keyring_store_new (0);
  if (!converc_secret_store_store_sync (store, cli->secret_scope, NULL, key, &error))
    return cli_report_error (cli, error);

  if (no_verify)
    g_print (_("API key for %s saved in the keyring (not checked).\n"), cli->base_url);
  else
    g_print (_("API key for %s checked and saved in the keyring.\n"), cli->base_url);

  return CLI_EXIT_OK;
}

int
cli_command_logout (CliContext  *cli,
                    int          argc,
                    char       **argv)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = CLI_EXIT_OK;

  if (!cli_parse_options (cli, "logout", NULL,
                          _("Remove the API key for the base URL from the keyring."),
                          NULL, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (!cli_resolve_base_url (cli, &status))
    return status;

  store = converc_keyring_store_new (0);
  if (!converc_secret_store_clear_sync (store, cli->secret_scope, NULL, &error))
    return cli_report_error (cli, error);

  g_print (_("Removed the API key for %s from the keyring.\n"), cli->base_url);

  return CLI_EXIT_OK;
}

/* --- emulator -------------------------------------------------------------- */

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* SIGUSR1: newer events arrive (as many as seeded), for tests and demos. */
typedef struct
{
  ConvercEmulator *emulator;
  guint            n_events;
  guint32          seed;
} MoreEvents;

static gboolean
more_events_on_signal_cb (gpointer user_data)
{
  MoreEvents *more = user_data;

  converc_emulator_generate_events (more->emulator, more->n_events, ++more->seed);
  g_print (_("Added %u newer events; the server has %u.\n"), more->n_events,
           converc_emulator_get_n_events (more->emulator));
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

int
cli_command_emulator (CliContext  *cli,
                      int          argc,
                      char       **argv)
{
  g_autoptr(ConvercEmulator) emulator = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  gboolean seed = FALSE;
  int port = 0;
  int n_events = -1;
  int keep = 0;
  int max_display = 0;
  MoreEvents more = { NULL, 40, 1 };
  guint sigint_id, sigterm_id, sigusr1_id;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("The port to listen on, on 127.0.0.1 (default: any free port)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_NONE, &seed,
      N_("Start with sample endpoints and events"), NULL },
    { "events", 0, 0, G_OPTION_ARG_INT, &n_events,
      N_("How many sample events to seed (implies --seed; default: 40)"), N_("N") },
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep,
      N_("Keep only the newest N events, as Converc's server does (default: all). "
         "SIGUSR1 adds as many newer events as were seeded"), N_("N") },
    { "max-display", 0, 0, G_OPTION_ARG_INT, &max_display,
      N_("Refuse (HTTP 400) a request for more than N events, as a server with a "
         "maximum would (default: answer any)"), N_("N") },
    { NULL }
  };

  if (!cli_parse_options (cli, "emulator", NULL,
                          _("Run a Converc API emulator on loopback in the foreground "
                            "until Ctrl+C. It accepts the demo API key it prints."),
                          entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (port < 0 || port > 65535)
    return cli_usage_error ("emulator", _("Invalid --port %d: give 0 to 65535."), port);

  if (n_events != -1 && (n_events < 0 || n_events > 1000000))
    return cli_usage_error ("emulator", _("Invalid --events %d: give 0 to 1000000."),
                            n_events);

  if (keep < 0 || keep > 1000000)
    return cli_usage_error ("emulator", _("Invalid --keep %d: give 0 to 1000000."), keep);

  if (max_display < 0 || max_display > 1000000)
    return cli_usage_error ("emulator", _("Invalid --max-display %d: give 0 to 1000000."),
                            max_display);

  emulator = converc_emulator_new (CONVERC_EMULATOR_DEMO_KEY);
  converc_emulator_set_max_events (emulator, (guint) keep);
  converc_emulator_set_max_display (emulator, (guint) max_display);
  if (!converc_emulator_start (emulator, (guint) port, &error))
    {
      g_printerr (_("converc: Cannot start the emulator: %s\n"), error->message);
      return CLI_EXIT_FAILURE;
    }

  if (seed || n_events >= 0)
    converc_emulator_seed (emulator, n_events >= 0 ? (guint) n_events : 40, 1);

  g_print (_("Emulator listening on %s\n"), converc_emulator_get_base_url (emulator));
  /* The demo key is not a secret: it only opens this emulator. */
  g_print (_("API key: %s\n"), converc_emulator_get_api_key (emulator));
  g_print (_("Try: CONVERC_API_KEY=%s converc --base-url %s webhooks list\n"),
           converc_emulator_get_api_key (emulator), converc_emulator_get_base_url (emulator));
  g_print (_("Press Ctrl+C to stop.\n"));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_on_signal_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_on_signal_cb, loop);
  more.emulator = emulator;
  if (n_events > 0)
    more.n_events = (guint) n_events;
  sigusr1_id = g_unix_signal_add (SIGUSR1, more_events_on_signal_cb, &more);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_source_remove (sigusr1_id);

  converc_emulator_stop (emulator);
  g_clear_object (&emulator);
  /* Let the server's connections finish closing. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_printerr (_("Emulator stopped.\n"));

  return CLI_EXIT_OK;
}
