/* converc-cli-history.c
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

/* The one concern of this file: `converc history` — reading, filling and
 * clearing the local event journal of one organisation. */

#define G_LOG_DOMAIN "converc-cli"

#include "config.h"

#include "converc-cli-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_COUNT 50
#define MAX_COUNT 1000000
#define DEFAULT_SYNC_COUNT 10000
#define MAX_SYNC_COUNT 100000

static gboolean
parse_count (const char *text,
             gint64      max,
             gint64     *value)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;

  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || *end != '\0' || v <= 0 || v > max)
    return FALSE;

  *value = v;
  return TRUE;
}

/* --since: "2026-11-01", an ISO 8601 date and time, or "7d" (days ago).
 * Returns µs since the epoch, or -1. */
static gint64
parse_since (const char *text)
{
  g_autoptr(GDateTime) when = NULL;
  gsize len = strlen (text);

  if (len >= 2 && text[len - 1] == 'd')
    {
      g_autofree char *days = g_strndup (text, len - 1);
      gint64 n = 0;

      if (!parse_count (days, 100000, &n))
        return -1;
      return g_get_real_time () - n * 86400 * G_USEC_PER_SEC;
    }

  if (len == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      when = converc_timestamp_parse (midnight);
    }
  else
    when = converc_timestamp_parse (text);

  if (when == NULL)
    return -1;

  return g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
}

/* The journal of the organisation at the base URL; NULL with @status set.
 * With @create FALSE a journal that does not exist yet is not made:
 * *journal stays NULL and TRUE is returned. */
static gboolean
open_journal (CliContext      *cli,
              gboolean         create,
              ConvercJournal **journal,
              int             *status)
{
  g_autofree char *scope = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  *journal = NULL;

  if (!cli_resolve_base_url (cli, status))
    return FALSE;

  /* The account's journal, as the app opens it (the base URL's for a key
   * from before accounts). */
  scope = g_strdup (cli->secret_scope);
  path = converc_journal_dup_path_for_scope (scope);
  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  *journal = converc_journal_open (path, &error);
  if (*journal == NULL)
    {
      g_printerr ("converc: %s\n", error->message);
      *status = CLI_EXIT_FAILURE;
      return FALSE;
    }

  return TRUE;
}

static int
history_show (CliContext  *cli,
              int          argc,
              char       **argv)
{
  g_autofree char *search = NULL;
  g_autofree char *type = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *count_text = NULL;
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(ConvercSearchQuery) query = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count = DEFAULT_COUNT;
  gint64 since = 0;
  gint64 n_matches;
  int status = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Only events with these words in their values (and type:TYPE)"), N_("WORDS") },
    { "type", 't', 0, G_OPTION_ARG_STRING, &type,
      N_("Only events of this type, e.g. call.ended"), N_("TYPE") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
      N_("Only events from this date on (2026-11-01, an ISO 8601 time, or 7d)"), N_("DATE") },
    { "count", 'n', 0, G_OPTION_ARG_STRING, &count_text,
      N_("How many events to show, newest first (default: 50)"), N_("N") },
    { NULL }
  };

  if (!cli_parse_options (cli, "history", NULL,
                          _("Show the events stored on this computer, newest first, "
                            "without asking the server. With --json, print each event "
                            "exactly as Converc sent it, in a JSON array."),
                          entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (count_text != NULL && !parse_count (count_text, MAX_COUNT, &count))
    {
      g_autofree char *shown = cli_sanitize (count_text);

      return cli_usage_error ("history", _("Invalid --count “%s”: give a whole number "
                                           "from 1 to %d."), shown, MAX_COUNT);
    }

  if (since_text != NULL && (since = parse_since (since_text)) < 0)
    {
      g_autofree char *shown = cli_sanitize (since_text);

      return cli_usage_error ("history", _("Invalid --since “%s”: give a date like "
                                           "2026-11-01, a time, or a number of days "
                                           "like 7d."), shown);
    }

  query = converc_search_query_parse (search);
  if (type != NULL)
    {
      g_strstrip (type);
      if (type[0] == '\0')
        return cli_usage_error ("history", _("The --type option needs an event type."));
      g_free (query->event_type);
      query->event_type = g_strdup (type);
    }

  if (!open_journal (cli, FALSE, &journal, &status))
    return status;

  if (journal == NULL)
    {
      if (cli->json)
        g_print ("[]\n");
      else
        g_print (_("No events are stored for %s yet: `converc history sync` fetches "
                   "and stores them.\n"), cli->base_url);
      return CLI_EXIT_OK;
    }

  rows = converc_journal_query (journal, query, since, 0, (guint) count, &error);
  n_matches = rows != NULL ? converc_journal_count (journal, query, since, &error) : -1;
  if (rows == NULL || n_matches < 0)
    {
      g_printerr ("converc: %s\n", error->message);
      return CLI_EXIT_FAILURE;
    }

  if (cli->json)
    {
      fputs ("[", stdout);
      for (guint i = 0; i < rows->len; i++)
        {
          ConvercJournalRow *row = g_ptr_array_index (rows, i);
          g_autoptr(GBytes) raw = converc_journal_lookup_by_key (journal, row->key, &error);
          const char *data;
          gsize len = 0;

          if (raw == NULL)
            {
              fputs ("\n]\n", stdout);
              g_printerr ("converc: %s\n", error->message);
              return CLI_EXIT_FAILURE;
            }
          data = g_bytes_get_data (raw, &len);
          fputs (i == 0 ? "\n" : ",\n", stdout);
          fwrite (data, 1, len, stdout);
        }
      fputs (rows->len > 0 ? "\n]\n" : "]\n", stdout);
      fflush (stdout);
      return CLI_EXIT_OK;
    }

  if (rows->len > 0)
    {
      g_autoptr(CliTable) table = cli_table_new (4, _("TIME"), _("TYPE"), _("ID"), _("CONTACT"));

      for (guint i = 0; i < rows->len; i++)
        {
          ConvercJournalRow *row = g_ptr_array_index (rows, i);
          g_autofree char *time = row->created_at != NULL
                                    ? converc_timestamp_format (row->created_at, NULL) : NULL;
          g_autofree char *contact = NULL;

          if (row->contact_name != NULL && row->contact_email != NULL)
            contact = g_strdup_printf ("%s · %s", row->contact_name, row->contact_email);
          else
            contact = g_strdup (row->contact_name != NULL ? row->contact_name : row->contact_email);

          cli_table_add_row (table, time, row->event_type, row->id, contact);
        }
      cli_table_print (table);
    }

  /* What was searched, as the Events page says it. */
  {
    gint64 n_stored = converc_journal_count (journal, NULL, 0, NULL);

    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u shown of %lu matching, %lu event stored.\n",
                          "%u shown of %lu matching, %lu events stored.\n", (gulong) n_stored),
             rows->len, (gulong) n_matches, (gulong) n_stored);
  }

  return CLI_EXIT_OK;
}

static int
history_sync (CliContext  *cli,
              int          argc,
              char       **argv)
{
  g_autofree char *count_text = NULL;
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count = DEFAULT_SYNC_COUNT;
  guint n_skipped = 0;
  guint n_added = 0;
  int status = CLI_EXIT_OK;
  CliWait wait;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_STRING, &count_text,
      N_("How many recent events to fetch (default: 10000)"), N_("N") },
    { NULL }
  };

  if (!cli_parse_options (cli, "history sync", NULL,
                          _("Fetch the newest events from Converc and store them on this "
                            "computer. Events stored already are kept as they are."),
                          entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (count_text != NULL && !parse_count (count_text, MAX_SYNC_COUNT, &count))
    {
      g_autofree char *shown = cli_sanitize (count_text);

      return cli_usage_error ("history sync", _("Invalid --count “%s”: give a whole number "
                                                "from 1 to %d."), shown, MAX_SYNC_COUNT);
    }

  if (!(client = cli_make_client (cli, &status)))
    return status;
  if (!open_journal (cli, TRUE, &journal, &status))
    return status;

  cli_wait_init (&wait);
  converc_client_list_events_async (client, NULL, (guint) count, NULL, cli_wait_cb, &wait);
  events = converc_client_list_events_finish (client, cli_wait_run (&wait), &n_skipped,
                                              NULL, &error);
  cli_wait_clear (&wait);

  if (events == NULL)
    return cli_report_error (cli, error);
  cli_note_display_limit (client, (guint) count);

  if (!converc_journal_ingest (journal, events, g_get_real_time (), &n_added, &error))
    {
      g_printerr ("converc: %s\n", error->message);
      return CLI_EXIT_FAILURE;
    }

  if (cli->json)
    g_print ("{\"fetched\": %u, \"added\": %u, \"skipped\": %u, \"stored\": %" G_GINT64_FORMAT "}\n",
             events->len, n_added, n_skipped, converc_journal_count (journal, NULL, 0, NULL));
  else
    g_print (_("Fetched %u events, %u of them new; %lu stored in all.\n"),
             events->len, n_added, (gulong) converc_journal_count (journal, NULL, 0, NULL));

  if (n_skipped > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "converc: %u event could not be read and was not stored.\n",
                             "converc: %u events could not be read and were not stored.\n",
                             n_skipped), n_skipped);

  return CLI_EXIT_OK;
}

static int
history_clear (CliContext  *cli,
               int          argc,
               char       **argv)
{
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  gboolean yes = FALSE;
  gint64 n_stored;
  int status = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Do not ask for confirmation"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli, "history clear", NULL,
                          _("Remove every event stored on this computer for the "
                            "organisation. Asks first, unless --yes is given."),
                          entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (!open_journal (cli, FALSE, &journal, &status))
    return status;
  if (journal == NULL)
    {
      g_print (_("No events are stored for %s.\n"), cli->base_url);
      return CLI_EXIT_OK;
    }

  n_stored = converc_journal_count (journal, NULL, 0, NULL);

  if (!yes)
    {
      char answer[16] = "";

      if (!isatty (STDIN_FILENO))
        return cli_usage_error ("history clear",
                                _("Not asking on a standard input that is not a terminal: "
                                  "give --yes to remove the stored events."));

      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Remove the %lu event stored for %s? [y/N] ",
                            "Remove the %lu events stored for %s? [y/N] ",
                            (gulong) n_stored),
               (gulong) n_stored, cli->base_url);
      fflush (stdout);
      if (fgets (answer, sizeof answer, stdin) == NULL ||
          (answer[0] != 'y' && answer[0] != 'Y'))
        {
          g_print (_("Nothing was removed.\n"));
          return CLI_EXIT_OK;
        }
    }

  if (!converc_journal_clear (journal, &error))
    {
      g_printerr ("converc: %s\n", error->message);
      return CLI_EXIT_FAILURE;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Removed %lu stored event.\n",
                        "Removed %lu stored events.\n", (gulong) n_stored),
           (gulong) n_stored);

  return CLI_EXIT_OK;
}

int
cli_command_history (CliContext  *cli,
                     int          argc,
                     char       **argv)
{
  const char *sub = NULL;

  /* A subcommand is the first word that is not an option or its value. */
  for (int i = 1; i < argc; i++)
    {
      if (argv[i][0] != '-')
        {
          if (g_str_equal (argv[i], "sync") || g_str_equal (argv[i], "clear"))
            {
              sub = argv[i];
              memmove (&argv[2], &argv[1], (i - 1) * sizeof (char *));
              argv[1] = (char *) sub;
            }
          break;
        }
      /* Options that take a value in the next word */
      if (g_str_equal (argv[i], "--base-url") || g_str_equal (argv[i], "--account") ||
          g_str_equal (argv[i], "--search") ||
          g_str_equal (argv[i], "-s") || g_str_equal (argv[i], "--type") ||
          g_str_equal (argv[i], "-t") || g_str_equal (argv[i], "--since") ||
          g_str_equal (argv[i], "--count") || g_str_equal (argv[i], "-n"))
        i++;
    }

  if (g_strcmp0 (sub, "sync") == 0)
    return history_sync (cli, argc, argv);
  if (g_strcmp0 (sub, "clear") == 0)
    return history_clear (cli, argc, argv);

  return history_show (cli, argc, argv);
}
