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

/* `converc events` and `converc verify` */

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

/* --- verify ---------------------------------------------------------------- */

static gboolean
read_input_file (const char  *path,
                 char       **contents,
                 gsize       *length,
                 GError     **error)
{
  if (g_strcmp0 (path, "-") == 0)
    {
      GString *data = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (data, buffer, n);

      if (ferror (stdin))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Cannot read standard input"));
          g_string_free (data, TRUE);
          return FALSE;
        }

      *length = data->len;
      *contents = g_string_free (data, FALSE);
      return TRUE;
    }

  return g_file_get_contents (path, contents, length, error);
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

int
cli_command_verify (CliContext  *cli,
                    int          argc,
                    char       **argv)
{
  g_autofree char *secret_file = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *header = NULL;
  g_autofree char *tolerance_text = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  char *secret = NULL;
  const char *value;
  gsize secret_len = 0;
  gsize body_len = 0;
  gint64 tolerance = CONVERC_SIGNATURE_DEFAULT_TOLERANCE;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 timestamp = 0;
  gboolean valid;
  const GOptionEntry entries[] = {
    { "secret-file", 's', 0, G_OPTION_ARG_FILENAME, &secret_file,
      N_("A file holding the endpoint's signing secret"), N_("FILE") },
    { "header", 'H', 0, G_OPTION_ARG_STRING, &header,
      N_("The X-IC-Signature header's value (t=…,v1=…)"), N_("VALUE") },
    { "body-file", 'b', 0, G_OPTION_ARG_FILENAME, &body_file,
      N_("A file holding the raw request body (- for standard input)"), N_("FILE") },
    { "tolerance", 0, 0, G_OPTION_ARG_STRING, &tolerance_text,
      N_("Largest accepted age of the signature in seconds, 0 for any (default: 300)"),
      N_("SECONDS") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text,
      N_("The current time as Unix seconds (for testing)"), N_("UNIX") },
    { NULL }
  };

  if (!cli_parse_options (cli, "verify", NULL,
                          _("Check that a delivery's X-IC-Signature matches its body. "
                            "Exit status 0: valid; 1: invalid (the reason is printed); "
                            "2: usage error. Uses no network and no API key."),
                          entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (secret_file == NULL || header == NULL || body_file == NULL)
    return cli_usage_error ("verify", _("--secret-file, --header and --body-file are "
                                        "required."));

  if (g_strcmp0 (secret_file, "-") == 0 && g_strcmp0 (body_file, "-") == 0)
    return cli_usage_error ("verify", _("Only one of the files can be standard input."));

  if (tolerance_text != NULL)
    {
      char *end = NULL;

      errno = 0;
      tolerance = g_ascii_strtoll (tolerance_text, &end, 10);
      if (errno != 0 || end == tolerance_text || *end != '\0' || tolerance < 0)
        {
          g_autofree char *shown = cli_sanitize (tolerance_text);

          return cli_usage_error ("verify", _("Invalid --tolerance “%s”: give a number "
                                              "of seconds, 0 for no limit."), shown);
        }
    }

  if (now_text != NULL)
    {
      char *end = NULL;

      errno = 0;
      now = g_ascii_strtoll (now_text, &end, 10);
      if (errno != 0 || end == now_text || *end != '\0' || now < 0)
        {
          g_autofree char *shown = cli_sanitize (now_text);

          return cli_usage_error ("verify", _("Invalid --now “%s”: give Unix seconds."),
                                  shown);
        }
    }

  if (!read_input_file (secret_file, &secret, &secret_len, &error))
    {
      g_printerr (_("converc: Cannot read the secret file: %s\n"), error->message);
      return CLI_EXIT_USAGE;
    }

  /* A secret file usually ends with a newline; the secret does not. */
  g_strstrip (secret);
  if (secret[0] == '\0')
    {
      wipe_free (secret);
      g_printerr (_("converc: The secret file is empty.\n"));
      return CLI_EXIT_USAGE;
    }

  if (!read_input_file (body_file, &body, &body_len, &error))
    {
      wipe_free (secret);
      g_printerr (_("converc: Cannot read the body file: %s\n"), error->message);
      return CLI_EXIT_USAGE;
    }

  /* Accept the whole header line too: "X-IC-Signature: t=…,v1=…" */
  value = g_strstrip (header);
  if (g_ascii_strncasecmp (value, "X-IC-Signature:", strlen ("X-IC-Signature:")) == 0)
    {
      value += strlen ("X-IC-Signature:");
      while (g_ascii_isspace (*value))
        value++;
    }

  valid = converc_signature_verify (secret, value, (const guint8 *) body, body_len,
                                    now, tolerance, &error);
  wipe_free (secret);

  if (valid)
    {
      g_auto(GStrv) signatures = NULL;

      converc_signature_parse (value, &timestamp, &signatures, NULL);

      if (cli->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "valid");
          json_builder_add_boolean_value (builder, TRUE);
          json_builder_set_member_name (builder, "timestamp");
          json_builder_add_int_value (builder, timestamp);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          cli_print_json (root);
        }
      else
        {
          g_print (_("Valid signature (signed at %lld, %lld s before now).\n"),
                   (long long) timestamp, (long long) (now - timestamp));
        }

      return CLI_EXIT_OK;
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      const char *reason = "invalid";

      if (error->domain == CONVERC_SIGNATURE_ERROR)
        {
          switch ((ConvercSignatureError) error->code)
            {
            case CONVERC_SIGNATURE_ERROR_MALFORMED: reason = "malformed"; break;
            case CONVERC_SIGNATURE_ERROR_MISMATCH:  reason = "mismatch"; break;
            case CONVERC_SIGNATURE_ERROR_EXPIRED:   reason = "expired"; break;
            case CONVERC_SIGNATURE_ERROR_NO_SECRET: reason = "no-secret"; break;
            default: break;
            }
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "valid");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);
    }

  g_printerr (_("Invalid signature: %s\n"), error->message);

  return CLI_EXIT_FAILURE;
}
