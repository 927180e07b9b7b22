/* converc-cli-webhooks.c
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

/* `converc webhooks list|create|disable|test` */

#define G_LOG_DOMAIN "converc-cli"

#include "config.h"

#include "converc-cli-private.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

static JsonNode *
webhook_to_json (ConvercWebhook *webhook)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char * const *events = converc_webhook_get_events (webhook);

  json_builder_begin_object (builder);
  cli_json_add_string (builder, "id", converc_webhook_get_id (webhook));
  cli_json_add_string (builder, "url", converc_webhook_get_url (webhook));
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; events != NULL && events[i] != NULL; i++)
    json_builder_add_string_value (builder, events[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "isActive");
  json_builder_add_boolean_value (builder, converc_webhook_get_is_active (webhook));
  cli_json_add_string (builder, "createdAt", converc_webhook_get_created_at (webhook));
  cli_json_add_string (builder, "updatedAt", converc_webhook_get_updated_at (webhook));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static const char *
status_label (ConvercWebhook *webhook)
{
  return converc_webhook_get_is_active (webhook) ? _("Active") : _("Disabled");
}

static char *
format_time (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return NULL;

  return converc_timestamp_format (text, NULL);
}

/* --- list ------------------------------------------------------------------ */

static int
webhooks_list (CliContext  *cli,
               int          argc,
               char       **argv)
{
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;
  CliWait wait;
  int status = CLI_EXIT_OK;

  if (!cli_parse_options (cli, "webhooks list", NULL,
                          _("List the webhook endpoints of the organisation."),
                          NULL, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (!(client = cli_make_client (cli, &status)))
    return status;

  cli_wait_init (&wait);
  converc_client_list_webhooks_async (client, NULL, cli_wait_cb, &wait);
  webhooks = converc_client_list_webhooks_finish (client, cli_wait_run (&wait), &error);
  cli_wait_clear (&wait);

  if (webhooks == NULL)
    return cli_report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < webhooks->len; i++)
        json_array_add_element (array, webhook_to_json (g_ptr_array_index (webhooks, i)));
      json_node_set_array (root, array);
      cli_print_json (root);
      return CLI_EXIT_OK;
    }

  if (webhooks->len == 0)
    {
      g_print (_("No endpoints yet. Create one with “converc webhooks create --url URL”.\n"));
      return CLI_EXIT_OK;
    }

  {
    g_autoptr(CliTable) table = cli_table_new (5, _("ID"), _("STATUS"), _("URL"),
                                               _("EVENTS"), _("CREATED"));

    for (guint i = 0; i < webhooks->len; i++)
      {
        ConvercWebhook *webhook = g_ptr_array_index (webhooks, i);
        g_autofree char *events = converc_webhook_dup_events_label (webhook);
        g_autofree char *created = format_time (converc_webhook_get_created_at (webhook));

        cli_table_add_row (table,
                           converc_webhook_get_id (webhook),
                           status_label (webhook),
                           converc_webhook_get_url (webhook),
                           events,
                           created);
      }

    cli_table_print (table);
  }

  return CLI_EXIT_OK;
}

/* --- create ---------------------------------------------------------------- */

static void
print_event_types (FILE *stream)
{
  const ConvercEventTypeInfo *types;
  guint n_types = 0;

  types = converc_event_types_get (&n_types);
  fprintf (stream, "%s\n", _("Valid event types:"));
  for (guint i = 0; i < n_types; i++)
    fprintf (stream, "  %-24s %s\n", types[i].name, _(types[i].description));
}

static int
webhooks_create (CliContext  *cli,
                 int          argc,
                 char       **argv)
{
  g_auto(GStrv) event_options = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autofree char *secret = NULL;
  gboolean saved;
  CliWait wait;
  int status = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("The receiving URL (https://, or http:// on loopback)"), N_("URL") },
    { "event", 'e', 0, G_OPTION_ARG_STRING_ARRAY, &event_options,
      N_("An event type to send (repeat, or separate with commas; default: all)"),
      N_("TYPE") },
    { NULL }
  };

  if (!cli_parse_options (cli, "webhooks create", NULL,
                          _("Create an endpoint. Its signing secret is printed once and "
                            "saved in the keyring."),
                          entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (url == NULL)
    return cli_usage_error ("webhooks create", _("The --url option is required."));

  if (!converc_validate_endpoint_url (url, &error))
    {
      g_autofree char *redacted = converc_dup_url_for_message (url);
      g_autofree char *shown = cli_sanitize (redacted);

      return cli_usage_error ("webhooks create", _("Invalid URL “%s”: %s"), shown,
                              error->message);
    }

  for (guint i = 0; event_options != NULL && event_options[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (event_options[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          char *type = g_strstrip (parts[j]);

          if (type[0] == '\0')
            continue;

          if (!converc_event_type_is_known (type))
            {
              g_autofree char *shown = cli_sanitize (type);

              g_printerr (_("converc: Unknown event type “%s”.\n"), shown);
              print_event_types (stderr);
              return CLI_EXIT_USAGE;
            }

          if (!g_ptr_array_find_with_equal_func (events, type, g_str_equal, NULL))
            g_ptr_array_add (events, g_strdup (type));
        }
    }
  g_ptr_array_add (events, NULL);

  if (!(client = cli_make_client (cli, &status)))
    return status;

  cli_wait_init (&wait);
  converc_client_create_webhook_async (client, url,
                                       (const char * const *) events->pdata,
                                       NULL, cli_wait_cb, &wait);
  webhook = converc_client_create_webhook_finish (client, cli_wait_run (&wait),
                                                  &secret, &error);
  cli_wait_clear (&wait);

  if (webhook == NULL)
    return cli_report_error (cli, error);

  /* The secret is shown only now, ever: save it before anything else. */
  store = converc_keyring_store_new (0);
  saved = converc_secret_store_store_sync (store, cli->secret_scope,
                                           converc_webhook_get_id (webhook),
                                           secret, &keyring_error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "webhook");
      json_builder_add_value (builder, webhook_to_json (webhook));
      json_builder_set_member_name (builder, "secret");
      json_builder_add_string_value (builder, secret);
      json_builder_set_member_name (builder, "savedToKeyring");
      json_builder_add_boolean_value (builder, saved);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  else
    {
      g_autofree char *id = cli_sanitize (converc_webhook_get_id (webhook));
      g_autofree char *shown_url = cli_sanitize (converc_webhook_get_url (webhook));
      g_autofree char *label = converc_webhook_dup_events_label (webhook);
      g_autofree char *shown_events = cli_sanitize (label);
      g_autofree char *shown_secret = cli_sanitize (secret);

      g_print (_("Created endpoint %s\n"), id);
      g_print ("  %-9s %s\n", _("URL:"), shown_url);
      g_print ("  %-9s %s\n", _("Events:"), shown_events);
      g_print ("  %-9s %s\n", _("Status:"), status_label (webhook));
      g_print ("\n");
      g_print (_("Signing secret: %s\n"), shown_secret);
      g_print (_("Converc will never show this secret again: you need it to verify "
                 "the X-IC-Signature of each delivery.\n"));
      if (saved)
        g_print (_("It was saved in the keyring (“%s”, webhook-id %s).\n"),
                 CONVERC_SECRET_SCHEMA_SIGNING_SECRET, id);
      else
        g_print (_("It was NOT saved in the keyring: copy it now.\n"));
      fflush (stdout);
    }

  if (!saved)
    {
      g_printerr (_("converc: WARNING: the signing secret could not be saved in the "
                    "keyring: %s\n"), keyring_error->message);
      g_printerr (_("converc: Copy the secret printed above now; Converc will never "
                    "show it again.\n"));
    }

  explicit_bzero (secret, strlen (secret));

  return CLI_EXIT_OK;
}

/* --- disable --------------------------------------------------------------- */

static int
webhooks_disable (CliContext  *cli,
                  int          argc,
                  char       **argv)
{
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  const char *id;
  CliWait wait;
  gboolean ok;
  int status = CLI_EXIT_OK;

  if (!cli_parse_options (cli, "webhooks disable", _("ID"),
                          _("Disable an endpoint: Converc stops sending it events. "
                            "There is no way to enable it again."),
                          NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;

  id = argv[2];
  shown = cli_sanitize (id);

  if (!(client = cli_make_client (cli, &status)))
    return status;

  cli_wait_init (&wait);
  converc_client_disable_webhook_async (client, id, NULL, cli_wait_cb, &wait);
  ok = converc_client_disable_webhook_finish (client, cli_wait_run (&wait), &error);
  cli_wait_clear (&wait);

  if (!ok)
    return cli_report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "webhookId");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "isActive");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  else
    {
      g_print (_("Disabled endpoint %s.\n"), shown);
    }

  return CLI_EXIT_OK;
}

/* --- test ------------------------------------------------------------------ */

static int
webhooks_test (CliContext  *cli,
               int          argc,
               char       **argv)
{
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(ConvercTestResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  CliWait wait;
  int status = CLI_EXIT_OK;

  if (!cli_parse_options (cli, "webhooks test", _("ID"),
                          _("Ask Converc to send a webhook.test event to an endpoint "
                            "and show what the receiving URL answered."),
                          NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;

  id = argv[2];

  if (!(client = cli_make_client (cli, &status)))
    return status;

  cli_wait_init (&wait);
  converc_client_test_webhook_async (client, id, NULL, cli_wait_cb, &wait);
  result = converc_client_test_webhook_finish (client, cli_wait_run (&wait), &error);
  cli_wait_clear (&wait);

  if (result == NULL)
    return cli_report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, result->ok);
      json_builder_set_member_name (builder, "status");
      if (result->status > 0)
        json_builder_add_int_value (builder, result->status);
      else
        json_builder_add_null_value (builder);
      cli_json_add_string (builder, "error", result->error);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  else if (result->error == NULL && result->status >= 200 && result->status < 300)
    {
      /* Translators: the receiving URL's answer, e.g. "Delivered — HTTP 200" */
      g_print (_("Delivered — HTTP %d\n"), result->status);
    }
  else
    {
      g_autofree char *reason = NULL;

      if (result->error != NULL && result->status > 0)
        reason = g_strdup_printf (_("%s (HTTP %d)"), result->error, result->status);
      else if (result->error != NULL)
        reason = g_strdup (result->error);
      else if (result->status > 0)
        reason = g_strdup_printf (_("HTTP %d"), result->status);
      else
        reason = g_strdup (_("no answer from the receiving URL"));

      {
        g_autofree char *shown = cli_sanitize (reason);

        g_print (_("Delivery failed: %s\n"), shown);
      }
    }

  return CLI_EXIT_OK;
}

/* --- dispatch -------------------------------------------------------------- */

int
cli_command_webhooks (CliContext  *cli,
                      int          argc,
                      char       **argv)
{
  static const CliSubcommand subcommands[] = {
    { "list", webhooks_list },
    { "create", webhooks_create },
    { "disable", webhooks_disable },
    { "test", webhooks_test },
  };
  static const char * const valued_options[] = {
    "--base-url", "--account", NULL
  };
  const char *sub = cli_take_subcommand (argc, argv, valued_options);
  CliCommandFunc func;

  if (sub == NULL)
    {
      if (cli_asks_help (argc, argv))
        {
          g_print ("%s\n\n  list\n  create --url URL [--event TYPE…]\n"
                   "  disable ID\n  test ID\n",
                   _("Usage: converc webhooks COMMAND [OPTION…]"));
          return CLI_EXIT_OK;
        }

      return cli_usage_error (NULL, _("Missing webhooks command: list, create, disable or "
                                      "test."));
    }

  if ((func = cli_find_subcommand (subcommands, G_N_ELEMENTS (subcommands), sub)))
    return func (cli, argc, argv);

  {
    g_autofree char *shown = cli_sanitize (sub);

    return cli_usage_error (NULL, _("Unknown webhooks command “%s”: use list, create, "
                                    "disable or test."), shown);
  }
}
