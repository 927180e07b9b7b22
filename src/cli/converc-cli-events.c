/* converc-cli-events.c
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

/* `converc events` */

#define G_LOG_DOMAIN "converc-cli"

#include "config.h"

#include "converc-cli-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COUNT 100000

/* Newest first; events whose time cannot be read go last, in server order. */
static int
compare_events_newest_first (gconstpointer a,
                             gconstpointer b)
{
  ConvercEvent *ea = *(ConvercEvent **) a;
  ConvercEvent *eb = *(ConvercEvent **) b;
  gint64 ta = converc_event_get_created_unix (ea);
  gint64 tb = converc_event_get_created_unix (eb);

  return (tb > ta) - (tb < ta);
}

static gboolean
parse_positive (const char *text,
                gint64      max,
                gint64     *value)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || text[0] == '\0' || !g_ascii_isdigit (text[0]))
    return FALSE;

  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == NULL || *end != '\0' || v <= 0 || v > max)
    return FALSE;

  *value = v;
  return TRUE;
}

int
cli_command_events (CliContext  *cli,
                    int          argc,
                    char       **argv)
{
  g_autofree char *type = NULL;
  g_autofree char *count_text = NULL;
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_problem = NULL;
  guint n_skipped = 0;
  gint64 count = 0;
  CliWait wait;
  int status = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type,
      N_("Only events of this type, e.g. call.ended"), N_("TYPE") },
    { "count", 'n', 0, G_OPTION_ARG_STRING, &count_text,
      N_("How many recent events to fetch (default: the server decides)"), N_("N") },
    { NULL }
  };

  if (!cli_parse_options (cli, "events", NULL,
                          _("Show recent events, newest first. With --json, print each "
                            "event exactly as Converc sent it, in a JSON array."),
                          entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (count_text != NULL && !parse_positive (count_text, MAX_COUNT, &count))
    {
      g_autofree char *shown = cli_sanitize (count_text);

      return cli_usage_error ("events", _("Invalid --count “%s”: give a whole number "
                                          "from 1 to %d."), shown, MAX_COUNT);
    }

  if (type != NULL)
    {
      g_strstrip (type);
      if (type[0] == '\0')
        return cli_usage_error ("events", _("The --type option needs an event type."));
    }

  if (!(client = cli_make_client (cli, &status)))
    return status;

  cli_wait_init (&wait);
  converc_client_list_events_async (client, type, (guint) count, NULL, cli_wait_cb, &wait);
  events = converc_client_list_events_finish (client, cli_wait_run (&wait), &n_skipped,
                                              &first_problem, &error);
  cli_wait_clear (&wait);

  if (events == NULL)
    return cli_report_error (cli, error);
  cli_note_display_limit (client, (guint) count);

  if (n_skipped > 0)
    {
      g_autofree char *shown = cli_sanitize (first_problem);

      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "converc: %u event could not be read and was skipped (%s).\n",
                               "converc: %u events could not be read and were skipped "
                               "(the first: %s).\n",
                               n_skipped),
                  n_skipped, shown);
    }

  if (cli->json)
    {
      /* Each event's bytes exactly as received, in the server's order. */
      fputs ("[", stdout);
      for (guint i = 0; i < events->len; i++)
        {
          GBytes *raw = converc_event_get_raw (g_ptr_array_index (events, i));
          gsize len = 0;
          const char *data = g_bytes_get_data (raw, &len);

          fputs (i == 0 ? "\n" : ",\n", stdout);
          fwrite (data, 1, len, stdout);
        }
      fputs (events->len > 0 ? "\n]\n" : "]\n", stdout);
      fflush (stdout);
      return CLI_EXIT_OK;
    }

  if (events->len == 0)
    {
      g_print (_("No events.\n"));
      return CLI_EXIT_OK;
    }

  g_ptr_array_sort (events, compare_events_newest_first);

  {
    g_autoptr(CliTable) table = cli_table_new (4, _("TIME"), _("TYPE"), _("ID"),
                                               _("SUMMARY"));

    for (guint i = 0; i < events->len; i++)
      {
        ConvercEvent *event = g_ptr_array_index (events, i);
        const char *created_at = converc_event_get_created_at (event);
        g_autofree char *time = created_at ? converc_timestamp_format (created_at, NULL) : NULL;
        g_autofree char *summary = converc_event_dup_summary (event);

        cli_table_add_row (table, time, converc_event_get_event_type (event),
                           converc_event_get_id (event), summary);
      }

    cli_table_print (table);
  }

  return CLI_EXIT_OK;
}
