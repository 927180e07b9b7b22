/* converc-cli-accounts.c
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

/* The one concern of this file: accounts on the command line: which account
 * a command acts on (--account, $CONVERC_ACCOUNT, the default), and
 * `converc accounts list|add|remove|rename|default`. */

#define G_LOG_DOMAIN "converc-cli"

#include "config.h"

#include "converc-cli-private.h"

#include <glib/gi18n.h>
#include <string.h>

#define SCHEMA_ID "com.converc.Webhooks"

ConvercAccountStore *
cli_get_accounts (CliContext *cli)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (cli->accounts != NULL)
    return cli->accounts;

  /* The app's schema holds the list. Without it (the CLI installed alone,
   * or run from a build tree without GSETTINGS_SCHEMA_DIR) there are no
   * accounts: the keyring items by base URL are used as before. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);

  if (schema != NULL)
    {
      cli->settings = g_settings_new (SCHEMA_ID);
      cli->accounts = converc_account_store_new (cli->settings);
    }
  else
    {
      g_debug ("No GSettings schema %s: no accounts", SCHEMA_ID);
      cli->accounts = converc_account_store_new (NULL);
    }

  return cli->accounts;
}

void
cli_close_accounts (CliContext *cli)
{
  g_clear_object (&cli->account);
  g_clear_object (&cli->accounts);
  if (cli->settings != NULL)
    g_settings_sync ();
  g_clear_object (&cli->settings);
}

/* "“Acme — Production” (acct-…)", safe for a terminal. */
static char *
describe (ConvercAccount *account)
{
  g_autofree char *label = cli_sanitize (converc_account_get_label (account));

  return g_strdup_printf ("“%s” (%s)", label, converc_account_get_id (account));
}

gboolean
cli_resolve_account (CliContext *cli,
                     int        *exit_status)
{
  ConvercAccountStore *accounts = cli_get_accounts (cli);
  const char *name = cli->account_option;
  const char *url = cli->base_url_option;
  ConvercAccount *account = NULL;

  if (name == NULL || name[0] == '\0')
    name = g_getenv ("CONVERC_ACCOUNT");
  if (url == NULL || url[0] == '\0')
    url = g_getenv ("CONVERC_BASE_URL");

  if (name != NULL && name[0] != '\0')
    {
      account = converc_account_store_lookup (accounts, name);
      if (account == NULL)
        {
          g_autofree char *shown = cli_sanitize (name);

          *exit_status = cli_usage_error (NULL, _("No account “%s”. `converc accounts list` "
                                                  "shows the accounts."), shown);
          return FALSE;
        }

      if (cli->base_url_option != NULL && cli->base_url_option[0] != '\0')
        {
          g_autoptr(GPtrArray) same = converc_account_store_find_by_base_url (accounts,
                                                                               cli->base_url_option);

          if (!g_ptr_array_find (same, account, NULL))
            {
              g_autofree char *who = describe (account);

              *exit_status = cli_usage_error (NULL, _("The account %s uses %s, not the "
                                                      "--base-url given."),
                                              who, converc_account_get_base_url (account));
              return FALSE;
            }
        }
    }
  else if (url != NULL && url[0] != '\0')
    {
      g_autoptr(GPtrArray) same = converc_account_store_find_by_base_url (accounts, url);
      ConvercAccount *fallback = converc_account_store_get_default (accounts);

      if (same->len == 1)
        account = g_ptr_array_index (same, 0);
      else if (same->len > 1 && g_ptr_array_find (same, fallback, NULL))
        account = fallback;
      else if (same->len > 1)
        {
          *exit_status = cli_usage_error (NULL, _("Several accounts use this base URL: say "
                                                  "which one with --account."));
          return FALSE;
        }
      /* else: no account for it, the items by base URL as before */
    }
  else
    {
      account = converc_account_store_get_default (accounts);
    }

  if (account != NULL && converc_account_store_get_n_accounts (accounts) > 1 &&
      (name == NULL || name[0] == '\0'))
    {
      g_autofree char *who = describe (account);

      /* Translators: %s is an account: “Acme — Production” (acct-…) */
      g_printerr (_("converc: Using the account %s.\n"), who);
    }

  g_set_object (&cli->account, account);

  return TRUE;
}

/* Before the first account is listed or added: the key from before
 * accounts becomes the first account. A keyring problem is said, and the
 * command goes on: the accounts stay listed. */
static void
migrate (CliContext *cli)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(ConvercAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  int status = 0;

  if (converc_account_store_get_settings (cli_get_accounts (cli)) == NULL ||
      converc_account_store_get_n_accounts (cli_get_accounts (cli)) > 0)
    return;

  if (!(url = cli_plain_base_url (cli, &status)))
    return;

  store = converc_keyring_store_new (0);
  account = converc_account_migrate_sync (cli_get_accounts (cli), store, url, &error);
  if (error != NULL)
    {
      g_printerr ("converc: %s\n", error->message);
      g_printerr (_("converc: The API key saved before accounts existed could not be "
                    "moved to an account; it was left as it is.\n"));
    }
  else if (account != NULL)
    {
      g_autofree char *who = describe (account);

      g_printerr (_("converc: The API key saved for %s is now the account %s.\n"),
                  converc_account_get_base_url (account), who);
    }
}

static ConvercAccount *
lookup_or_usage (CliContext *cli,
                 const char *command_words,
                 const char *name,
                 int        *exit_status)
{
  ConvercAccount *account = converc_account_store_lookup (cli_get_accounts (cli), name);

  if (account == NULL)
    {
      g_autofree char *shown = cli_sanitize (name);

      *exit_status = cli_usage_error (command_words, _("No account “%s”. `converc accounts "
                                                       "list` shows the accounts."), shown);
    }

  return account;
}

static gboolean
require_settings (CliContext *cli,
                  int        *exit_status)
{
  if (converc_account_store_get_settings (cli_get_accounts (cli)) != NULL)
    return TRUE;

  g_printerr (_("converc: Accounts need the GSettings schema %s, which is not installed. "
                "Install Converc Webhooks, or set GSETTINGS_SCHEMA_DIR.\n"), SCHEMA_ID);
  *exit_status = CLI_EXIT_FAILURE;

  return FALSE;
}

static int
accounts_list (CliContext  *cli,
               int          argc,
               char       **argv)
{
  ConvercAccountStore *accounts;
  ConvercAccount *fallback;
  guint n;

  if (!cli_parse_options (cli, "accounts list", NULL,
                          _("List the accounts. The default account is marked with *."),
                          NULL, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  migrate (cli);
  accounts = cli_get_accounts (cli);
  fallback = converc_account_store_get_default (accounts);
  n = g_list_model_get_n_items (G_LIST_MODEL (accounts));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ConvercAccount) account = g_list_model_get_item (G_LIST_MODEL (accounts), i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, converc_account_get_id (account));
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, converc_account_get_label (account));
          json_builder_set_member_name (builder, "baseUrl");
          json_builder_add_string_value (builder, converc_account_get_base_url (account));
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, converc_account_get_color (account));
          json_builder_set_member_name (builder, "production");
          json_builder_add_boolean_value (builder, converc_account_get_production (account));
          cli_json_add_string (builder, "organizationId",
                               converc_account_get_organization_id (account));
          json_builder_set_member_name (builder, "default");
          json_builder_add_boolean_value (builder, account == fallback);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);

      return CLI_EXIT_OK;
    }

  if (n == 0)
    {
      g_print (_("No accounts. Add one with `converc accounts add NAME --base-url URL`.\n"));
      return CLI_EXIT_OK;
    }

  {
    g_autoptr(CliTable) table = cli_table_new (5, "", _("NAME"), _("ID"), _("BASE URL"),
                                               _("COLOUR"));

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(ConvercAccount) account = g_list_model_get_item (G_LIST_MODEL (accounts), i);
        g_autofree char *color = NULL;

        color = converc_account_get_production (account)
          /* Translators: an account's colour, then that it is production */
          ? g_strdup_printf (_("%s, production"), converc_account_get_color (account))
          : g_strdup (converc_account_get_color (account));
        cli_table_add_row (table, account == fallback ? "*" : " ",
                           converc_account_get_label (account),
                           converc_account_get_id (account),
                           converc_account_get_base_url (account),
                           color);
      }
    cli_table_print (table);
  }

  return CLI_EXIT_OK;
}

static int
accounts_add (CliContext  *cli,
              int          argc,
              char       **argv)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(ConvercAccount) account = NULL;
  g_autoptr(CliSecret) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;
  g_autofree char *color = NULL;
  g_autofree char *who = NULL;
  gboolean no_verify = FALSE;
  gboolean production = FALSE;
  gboolean make_default = FALSE;
  int status = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "no-verify", 0, 0, G_OPTION_ARG_NONE, &no_verify,
      N_("Save the key without checking it against the server first"), NULL },
    { "color", 0, 0, G_OPTION_ARG_STRING, &color,
      N_("The account's colour: blue, teal, green, yellow, orange, red, purple or slate"),
      N_("COLOUR") },
    { "production", 0, 0, G_OPTION_ARG_NONE, &production,
      N_("Mark the account as production (it stands out in the app)"), NULL },
    { "default", 0, 0, G_OPTION_ARG_NONE, &make_default,
      N_("Make it the default account"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli, "accounts add", _("NAME"),
                          _("Add an account: read its API key from standard input (one "
                            "line), check it with a list call on --base-url, then save "
                            "the key in the keyring and the account in the settings. The "
                            "key is never printed."),
                          entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;

  if (!require_settings (cli, &status))
    return status;

  if (!(url = cli_plain_base_url (cli, &status)))
    return status;

  if (color != NULL && !converc_account_is_palette_color (color))
    {
      g_autofree char *shown = cli_sanitize (color);

      return cli_usage_error ("accounts add", _("Unknown colour “%s”: use blue, teal, green, "
                                                "yellow, orange, red, purple or slate."), shown);
    }

  /* The key from before accounts gets its own account first. */
  migrate (cli);

  /* The name is checked before the key is read or sent anywhere. */
  label = converc_account_clean_label (argv[argc - 1]);
  if (label[0] == '\0')
    return cli_usage_error ("accounts add", _("Give the account a name."));
  if (converc_account_store_lookup (cli_get_accounts (cli), label) != NULL)
    {
      g_autofree char *shown = cli_sanitize (label);

      return cli_usage_error ("accounts add", _("There is an account named “%s” already."),
                              shown);
    }

  if (!(key = cli_read_key (&error)))
    return cli_report_error (cli, error);

  if (!converc_validate_api_key (key, &error))
    return cli_report_error (cli, error);

  if (!no_verify && !cli_check_key (url, key, &error))
    {
      status = cli_report_error (cli, error);
      g_printerr (_("The account was not added. (Use --no-verify to add it without "
                    "checking the key.)\n"));
      return status;
    }

  account = converc_account_new_generated (label, url);
  if (color != NULL)
    converc_account_set_color (account, color);
  converc_account_set_production (account, production);

  /* The key first: an account in the list without its key would be worse
   * than no account. */
  store = converc_keyring_store_new (0);
  if (!converc_secret_store_store_sync (store, converc_account_get_secret_scope (account),
                                        NULL, key, &error))
    {
      status = cli_report_error (cli, error);
      g_printerr (_("The account was not added.\n"));
      return status;
    }

  if (!converc_account_store_insert (cli_get_accounts (cli), account, &error))
    {
      converc_secret_store_clear_sync (store, converc_account_get_secret_scope (account),
                                       NULL, NULL);
      return cli_report_error (cli, error);
    }

  if (make_default)
    converc_account_store_set_default (cli_get_accounts (cli),
                                       converc_account_get_id (account), NULL);

  who = describe (account);
  if (no_verify)
    g_print (_("Added the account %s for %s (key not checked).\n"), who,
             converc_account_get_base_url (account));
  else
    g_print (_("Added the account %s for %s (key checked).\n"), who,
             converc_account_get_base_url (account));

  return CLI_EXIT_OK;
}

static int
accounts_remove (CliContext  *cli,
                 int          argc,
                 char       **argv)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(ConvercAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;
  gboolean delete_secrets = FALSE;
  guint n_deleted = 0;
  int status = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "delete-secrets", 0, 0, G_OPTION_ARG_NONE, &delete_secrets,
      N_("Also delete the signing secrets of its endpoints from the keyring"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli, "accounts remove", _("NAME|ID"),
                          _("Remove an account from this computer: its API key, its event "
                            "history and its entry in the list. The signing secrets of its "
                            "endpoints stay in the keyring unless --delete-secrets is given."),
                          entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;

  if (!require_settings (cli, &status))
    return status;

  if (!(account = lookup_or_usage (cli, "accounts remove", argv[argc - 1], &status)))
    return status;
  g_object_ref (account);
  who = describe (account);

  /* The same steps as the app's Manage Organisations: the key goes first;
   * if the keyring fails, the account stays listed so that the removal can
   * be tried again. */
  store = converc_keyring_store_new (0);
  if (!converc_account_remove_sync (cli_get_accounts (cli), store, account,
                                    delete_secrets ? CONVERC_ACCOUNT_REMOVAL_DELETE_SECRETS
                                                   : CONVERC_ACCOUNT_REMOVAL_NONE,
                                    &n_deleted, &error))
    {
      status = cli_report_error (cli, error);
      g_printerr (_("The account %s was not removed.\n"), who);
      return status;
    }

  if (delete_secrets)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Removed the account %s, its API key, its event history and its "
                          "%u signing secret.\n",
                          "Removed the account %s, its API key, its event history and its "
                          "%u signing secrets.\n", n_deleted),
             who, n_deleted);
  else
    g_print (_("Removed the account %s, its API key and its event history.\n"), who);

  return CLI_EXIT_OK;
}

static int
accounts_rename (CliContext  *cli,
                 int          argc,
                 char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;
  ConvercAccount *account;
  int status = CLI_EXIT_OK;

  if (!cli_parse_options (cli, "accounts rename", _("NAME|ID NEW-NAME"),
                          _("Give an account another name."),
                          NULL, &argc, &argv, 2, 2))
    return CLI_EXIT_USAGE;

  if (!require_settings (cli, &status))
    return status;

  if (!(account = lookup_or_usage (cli, "accounts rename", argv[argc - 2], &status)))
    return status;

  if (!converc_account_store_rename (cli_get_accounts (cli), converc_account_get_id (account),
                                     argv[argc - 1], &error))
    return cli_report_error (cli, error);

  who = describe (account);
  g_print (_("Renamed: %s.\n"), who);

  return CLI_EXIT_OK;
}

static int
accounts_default (CliContext  *cli,
                  int          argc,
                  char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;
  ConvercAccount *account;
  int status = CLI_EXIT_OK;

  if (!cli_parse_options (cli, "accounts default", _("NAME|ID"),
                          _("Make an account the one used when no --account is given."),
                          NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;

  if (!require_settings (cli, &status))
    return status;

  if (!(account = lookup_or_usage (cli, "accounts default", argv[argc - 1], &status)))
    return status;

  if (!converc_account_store_set_default (cli_get_accounts (cli),
                                          converc_account_get_id (account), &error))
    return cli_report_error (cli, error);

  who = describe (account);
  g_print (_("The default account is now %s.\n"), who);

  return CLI_EXIT_OK;
}

int
cli_command_accounts (CliContext  *cli,
                      int          argc,
                      char       **argv)
{
  static const CliSubcommand subcommands[] = {
    { "list", accounts_list },
    { "add", accounts_add },
    { "remove", accounts_remove },
    { "rename", accounts_rename },
    { "default", accounts_default },
  };
  static const char * const valued_options[] = {
    "--base-url", "--account", "--color", NULL
  };
  const char *sub = cli_take_subcommand (argc, argv, valued_options);
  CliCommandFunc func;

  if (sub == NULL)
    {
      if (cli_asks_help (argc, argv))
        {
          g_print ("%s\n\n  list\n  add NAME --base-url URL [--no-verify] [--color COLOUR] "
                   "[--production] [--default]\n  remove NAME|ID [--delete-secrets]\n  rename NAME|ID NEW-NAME\n"
                   "  default NAME|ID\n",
                   _("Usage: converc accounts COMMAND [OPTION…]"));
          return CLI_EXIT_OK;
        }

      return cli_usage_error (NULL, _("Missing accounts command: list, add, remove, rename or "
                                      "default."));
    }

  if ((func = cli_find_subcommand (subcommands, G_N_ELEMENTS (subcommands), sub)))
    return func (cli, argc, argv);

  {
    g_autofree char *shown = cli_sanitize (sub);

    return cli_usage_error (NULL, _("Unknown accounts command “%s”: use list, add, remove, "
                                    "rename or default."), shown);
  }
}
