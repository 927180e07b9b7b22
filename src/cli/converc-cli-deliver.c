/* converc-cli-deliver.c
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

/* The one concern of this file: `converc deliver` (a signed delivery sent
 * from this computer) and `converc secret show|store` (an endpoint's
 * signing secret in the keyring). */

#define G_LOG_DOMAIN "converc-cli"

#include "config.h"

#include "converc-cli-private.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#define MAX_SECRET_LENGTH 4096
/* How many recent events `deliver --event` looks through */
#define EVENT_SEARCH_DEPTH 1000

static void
print_no_secret_hint (const char *webhook_id)
{
  g_autofree char *shown = cli_sanitize (webhook_id);

  g_printerr (_("converc: No signing secret for endpoint %s in the keyring.\n"), shown);
  g_printerr (_("Store it with “converc secret store %s” (the secret on standard input, "
                "one line).\n"), shown);
}

/* Text from the receiver, line by line, safe for a terminal. */
static void
print_lines (const char *prefix,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *shown = NULL;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        {
          if (lines[i + 1] != NULL)
            g_print ("%s\n", prefix);
          continue;
        }
      shown = cli_sanitize (lines[i]);
      g_print ("%s%s\n", prefix, shown);
    }
}

static void
print_headers (const char         *prefix,
               const char * const *headers)
{
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    {
      g_autofree char *name = cli_sanitize (headers[i]);
      g_autofree char *value = cli_sanitize (headers[i + 1]);

      g_print ("%s%s: %s\n", prefix, name, value);
    }
}

static void
print_exchange (ConvercDeliveryExchange *exchange)
{
  g_autofree char *request_line = converc_delivery_exchange_dup_request_line (exchange);
  g_autofree char *status_line = converc_delivery_exchange_dup_status_line (exchange);
  g_autofree char *url = cli_sanitize (converc_delivery_exchange_get_url (exchange));
  g_autofree char *summary = converc_delivery_exchange_dup_summary (exchange);
  g_autofree char *shown_summary = cli_sanitize (summary);
  const GError *error = converc_delivery_exchange_get_error (exchange);
  gint64 duration = converc_delivery_exchange_get_duration (exchange);

  g_print ("%s\n", converc_delivery_origin_describe (converc_delivery_exchange_get_origin (exchange)));
  g_print (_("To: %s\n"), url);
  g_print ("\n");
  print_lines ("> ", request_line);
  print_headers ("> ", converc_delivery_exchange_get_request_headers (exchange));
  g_print ("\n");

  if (status_line != NULL)
    {
      g_autofree char *body = NULL;
      ConvercDeliveryBodyKind kind;

      print_lines ("< ", status_line);
      print_headers ("< ", converc_delivery_exchange_get_response_headers (exchange));
      g_print ("\n");

      body = converc_delivery_exchange_dup_body_text (exchange, &kind);
      if (kind == CONVERC_DELIVERY_BODY_EMPTY)
        g_print (_("(no body)\n"));
      else if (kind == CONVERC_DELIVERY_BODY_BINARY)
        g_print ("(%s)\n", body);
      else
        print_lines ("", body);

      if (converc_delivery_exchange_get_body_truncated (exchange))
        {
          g_autofree char *total = g_format_size (converc_delivery_exchange_get_body_size (exchange));

          g_print (_("(body cut: the first 64 KB of %s are shown)\n"), total);
        }
      g_print ("\n");
    }

  if (error != NULL)
    {
      g_autofree char *message = cli_sanitize (error->message);

      g_print (_("No answer: %s\n"), message);
    }
  else
    g_print (_("Result: %s\n"), shown_summary);

  g_print (_("Time: %.0f ms\n"), duration / 1000.0);
  fflush (stdout);
}

static void
print_exchange_json (ConvercDeliveryExchange *exchange)
{
  g_autoptr(JsonNode) node = converc_delivery_exchange_to_json (exchange);
  g_autofree char *body = converc_delivery_exchange_dup_body_text (exchange, NULL);
  JsonObject *object = json_node_get_object (node);

  json_object_set_boolean_member (object, "success", converc_delivery_exchange_is_success (exchange));
  json_object_set_string_member (object, "bodyText", body);
  cli_print_json (node);
}

/* Keeps the outcome with the endpoint's others; a failure only warns. */
static void
remember_outcome (CliContext              *cli,
                  const char              *webhook_id,
                  ConvercDeliveryExchange *exchange)
{
  g_autoptr(GFile) file = converc_delivery_outcomes_default_file ();
  g_autoptr(ConvercDeliveryOutcomes) outcomes = converc_delivery_outcomes_new (file);
  g_autoptr(GError) error = NULL;

  if (!converc_delivery_outcomes_load (outcomes, NULL, &error))
    {
      g_printerr ("converc: %s\n", error->message);
      g_clear_error (&error);
    }

  converc_delivery_outcomes_add (outcomes, cli->secret_scope, webhook_id, exchange);
  if (!converc_delivery_outcomes_save (outcomes, NULL, &error))
    g_printerr (_("converc: The outcome was not kept: %s\n"), error->message);
}

static ConvercWebhook *
find_endpoint (CliContext     *cli,
               ConvercClient  *client,
               const char     *webhook_id,
               int            *status)
{
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;
  CliWait wait;

  cli_wait_init (&wait);
  converc_client_list_webhooks_async (client, NULL, cli_wait_cb, &wait);
  webhooks = converc_client_list_webhooks_finish (client, cli_wait_run (&wait), &error);
  cli_wait_clear (&wait);

  if (webhooks == NULL)
    {
      *status = cli_report_error (cli, error);
      return NULL;
    }

  for (guint i = 0; i < webhooks->len; i++)
    {
      ConvercWebhook *webhook = g_ptr_array_index (webhooks, i);

      if (g_strcmp0 (converc_webhook_get_id (webhook), webhook_id) == 0)
        return g_object_ref (webhook);
    }

  {
    g_autofree char *shown = cli_sanitize (webhook_id);

    g_printerr (_("converc: No endpoint %s: “converc webhooks list” shows the endpoints.\n"),
                shown);
  }
  *status = CLI_EXIT_FAILURE;
  return NULL;
}

static ConvercEvent *
find_event (CliContext    *cli,
            ConvercClient *client,
            const char    *event_id,
            int           *status)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  CliWait wait;

  cli_wait_init (&wait);
  converc_client_list_events_async (client, NULL, EVENT_SEARCH_DEPTH, NULL, cli_wait_cb, &wait);
  events = converc_client_list_events_finish (client, cli_wait_run (&wait), NULL, NULL, &error);
  cli_wait_clear (&wait);

  if (events == NULL)
    {
      *status = cli_report_error (cli, error);
      return NULL;
    }

  for (guint i = 0; i < events->len; i++)
    {
      ConvercEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (converc_event_get_id (event), event_id) == 0)
        {
          converc_event_compact (event);
          return g_object_ref (event);
        }
    }

  {
    g_autofree char *shown = cli_sanitize (event_id);

    g_printerr (_("converc: No event %s among the %d most recent events.\n"), shown,
                EVENT_SEARCH_DEPTH);
  }
  *status = CLI_EXIT_FAILURE;
  return NULL;
}

int
cli_command_deliver (CliContext  *cli,
                     int          argc,
                     char       **argv)
{
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autoptr(ConvercEvent) event = NULL;
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(ConvercDeliveryExchange) exchange = NULL;
  g_autoptr(CliSecret) secret = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *endpoint_id = NULL;
  g_autofree char *to = NULL;
  g_autofree char *test_event_id = NULL;
  const char *url;
  const char *event_type;
  gboolean test = FALSE;
  int timeout = CONVERC_DELIVERY_DEFAULT_TIMEOUT_MS / 1000;
  int status = CLI_EXIT_OK;
  CliWait wait;
  const GOptionEntry entries[] = {
    { "test", 0, 0, G_OPTION_ARG_NONE, &test,
      N_("Send a webhook.test event"), NULL },
    { "event", 0, 0, G_OPTION_ARG_STRING, &event_id,
      N_("Send this event (its exact bytes, from the recent events)"), N_("ID") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint_id,
      N_("The endpoint whose URL and signing secret are used"), N_("ID") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Send to this URL instead of the endpoint's (https://, or http:// on loopback)"),
      N_("URL") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds to wait for the whole answer (default: 15)"), N_("SECONDS") },
    { NULL }
  };

  if (!cli_parse_options (cli, "deliver", NULL,
                          _("Send a signed event from this computer to an endpoint's URL, "
                            "signed with its secret from the keyring, as Converc signs, and "
                            "show the whole exchange. Exits 0 when the receiver answers 2xx."),
                          entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (test == (event_id != NULL))
    return cli_usage_error ("deliver", _("Give either --test or --event ID."));
  if (endpoint_id == NULL || endpoint_id[0] == '\0')
    return cli_usage_error ("deliver", _("The --endpoint option is required."));
  if (timeout < 1 || timeout > 600)
    return cli_usage_error ("deliver", _("Invalid --timeout %d: give 1 to 600 seconds."),
                            timeout);
  if (to != NULL && !converc_validate_endpoint_url (to, &error))
    {
      g_autofree char *redacted = converc_dup_url_for_message (to);
      g_autofree char *shown = cli_sanitize (redacted);

      return cli_usage_error ("deliver", _("Invalid URL “%s”: %s"), shown, error->message);
    }

  if (!(client = cli_make_client (cli, &status)))
    return status;

  if (!(webhook = find_endpoint (cli, client, endpoint_id, &status)))
    return status;

  store = converc_keyring_store_new (0);
  secret = converc_secret_store_lookup_sync (store, cli->secret_scope, endpoint_id, &error);
  if (error != NULL)
    return cli_report_error (cli, error);
  if (secret == NULL)
    {
      print_no_secret_hint (endpoint_id);
      return CLI_EXIT_FAILURE;
    }

  if (test)
    {
      body = converc_delivery_build_test_event (g_get_real_time () / G_USEC_PER_SEC,
                                                &test_event_id);
      event_type = "webhook.test";
    }
  else
    {
      if (!(event = find_event (cli, client, event_id, &status)))
        return status;
      body = g_bytes_ref (converc_event_get_raw (event));
      event_type = converc_event_get_event_type (event);
    }

  url = to != NULL ? to : converc_webhook_get_url (webhook);

  cli_wait_init (&wait);
  converc_delivery_send_async (NULL, url, secret, body, event_type,
                               test ? test_event_id : event_id, 0, (guint)timeout * 1000,
                               NULL, cli_wait_cb, &wait);
  exchange = converc_delivery_send_finish (cli_wait_run (&wait), &error);
  cli_wait_clear (&wait);

  if (exchange == NULL)
    return cli_report_error (cli, error);

  remember_outcome (cli, endpoint_id, exchange);

  if (cli->json)
    print_exchange_json (exchange);
  else
    print_exchange (exchange);

  return converc_delivery_exchange_is_success (exchange) ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

/* --- secret ---------------------------------------------------------------- */

/* One line from standard input (no echo on a terminal); its line break is
 * stripped, any other white space or control character refused. */
static char *
read_secret (GError **error)
{
  gboolean too_long = FALSE;
  gboolean more = FALSE;
  g_autoptr(GString) line = cli_read_line_quietly (_("Signing secret: "), MAX_SECRET_LENGTH,
                                                   &too_long, &more);

  /* A file written on Windows ends its line with CR LF. */
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  if (line->len == 0)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("No secret on standard input. Type or pipe it, e.g. "
                     "“converc secret store ID < secret.txt”."));
      explicit_bzero (line->str, line->allocated_len);
      return NULL;
    }

  if (too_long)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The secret is longer than %d characters; nothing was stored."),
                   MAX_SECRET_LENGTH);
      explicit_bzero (line->str, line->allocated_len);
      return NULL;
    }

  if (more)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("Standard input has more than one line; give the secret alone on "
                     "one line. Nothing was stored."));
      explicit_bzero (line->str, line->allocated_len);
      return NULL;
    }

  for (gsize i = 0; i < line->len; i++)
    {
      guchar ch = (guchar)line->str[i];

      if (g_ascii_isspace (ch) || g_ascii_iscntrl (ch))
        {
          g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                       g_ascii_isspace (ch)
                       ? _("The secret has white space at character %u; signing secrets "
                           "have none (a copy-and-paste mistake?). Nothing was stored.")
                       : _("The secret has a control character at character %u. Nothing "
                           "was stored."),
                       (guint)i + 1);
          explicit_bzero (line->str, line->allocated_len);
          return NULL;
        }
    }

  if (!g_utf8_validate (line->str, line->len, NULL))
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The secret is not valid UTF-8 text. Nothing was stored."));
      explicit_bzero (line->str, line->allocated_len);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static int
secret_show (CliContext  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(CliSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  int status = CLI_EXIT_OK;
  const char *id;

  if (!cli_parse_options (cli, "secret show", _("ID"),
                          _("Print the endpoint's signing secret from the keyring on standard "
                            "output. It is printed nowhere else."),
                          NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;

  id = argv[2];
  if (!cli_resolve_base_url (cli, &status))
    return status;

  store = converc_keyring_store_new (0);
  secret = converc_secret_store_lookup_sync (store, cli->secret_scope, id, &error);
  if (error != NULL)
    return cli_report_error (cli, error);
  if (secret == NULL)
    {
      print_no_secret_hint (id);
      return CLI_EXIT_FAILURE;
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "webhookId");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "secret");
      json_builder_add_string_value (builder, secret);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  else
    {
      fputs (secret, stdout);
      fputc ('\n', stdout);
      fflush (stdout);
    }

  return CLI_EXIT_OK;
}

static int
secret_store (CliContext  *cli,
              int          argc,
              char       **argv)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(CliSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  int status = CLI_EXIT_OK;
  const char *id;

  if (!cli_parse_options (cli, "secret store", _("ID"),
                          _("Read an endpoint's signing secret from standard input (one line) "
                            "and save it in the keyring, e.g. for an endpoint created "
                            "elsewhere. The secret is never printed."),
                          NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;

  id = argv[2];
  shown = cli_sanitize (id);
  if (!cli_resolve_base_url (cli, &status))
    return status;

  if (!(secret = read_secret (&error)))
    return cli_report_error (cli, error);

  store = converc_keyring_store_new (0);
  if (!converc_secret_store_store_sync (store, cli->secret_scope, id, secret, &error))
    return cli_report_error (cli, error);

  g_print (_("Signing secret for endpoint %s saved in the keyring.\n"), shown);

  return CLI_EXIT_OK;
}

int
cli_command_secret (CliContext  *cli,
                    int          argc,
                    char       **argv)
{
  const char *sub = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (argv[i][0] != '-')
        {
          sub = argv[i];
          memmove (&argv[2], &argv[1], (i - 1) * sizeof (char *));
          argv[1] = (char *)sub;
          break;
        }
      if (g_str_equal (argv[i], "--base-url"))
        i++;
    }

  if (sub == NULL)
    {
      for (int i = 1; i < argc; i++)
        if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
          {
            g_print ("%s\n\n  show ID\n  store ID\n", _("Usage: converc secret COMMAND [OPTION…]"));
            return CLI_EXIT_OK;
          }

      return cli_usage_error (NULL, _("Missing secret command: show or store."));
    }

  if (g_str_equal (sub, "show"))
    return secret_show (cli, argc, argv);
  if (g_str_equal (sub, "store"))
    return secret_store (cli, argc, argv);

  {
    g_autofree char *shown = cli_sanitize (sub);

    return cli_usage_error (NULL, _("Unknown secret command “%s”: use show or store."), shown);
  }
}
