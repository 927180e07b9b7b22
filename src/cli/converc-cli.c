/* converc-cli.c
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

/* `converc`, the command-line companion: main(), the global options, and
 * the helpers every command shares (option parsing, errors, the API key,
 * waiting for async calls, tables). */

#define G_LOG_DOMAIN "converc-cli"

#include "config.h"

#include "converc-cli-private.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  const char     *name;
  CliCommandFunc  func;
  const char     *description;
} CliCommand;

static const CliCommand commands[] = {
  { "webhooks", cli_command_webhooks, N_("List, create, disable and test endpoints") },
  { "events",   cli_command_events,   N_("Show recent events") },
  { "history",  cli_command_history,  N_("Search the events stored on this computer; sync or clear them") },
  { "verify",   cli_command_verify,   N_("Check a delivery's X-IC-Signature") },
  { "login",    cli_command_login,    N_("Save the API key (read from standard input) in the keyring") },
  { "logout",   cli_command_logout,   N_("Remove the API key from the keyring") },
  { "emulator", cli_command_emulator, N_("Run a local Converc API emulator") },
  { "deliver",  cli_command_deliver,  N_("Send a signed event from this computer and show the exchange") },
  { "secret",   cli_command_secret,   N_("Show or store an endpoint's signing secret in the keyring") },
  { "accounts", cli_command_accounts, N_("List, add, remove and rename accounts (organisations)") },
};

struct _CliTable
{
  guint      n_columns;
  GPtrArray *rows;  /* of GStrv, the first is the header */
};


/* ------------------------------------------------------------------------ */
/* Option parsing                                                           */
/* ------------------------------------------------------------------------ */

static GOptionEntry *
global_entries (CliContext *cli)
{
  GOptionEntry entries[] = {
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &cli->base_url_option,
      /* The URL is written out: xgettext cannot expand CONVERC_DEFAULT_BASE_URL. */
      N_("The Converc API base URL (default: $CONVERC_BASE_URL, else "
         "https://api.converc.com)"), N_("URL") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &cli->account_option,
      N_("The account to act on, by name or id (default: $CONVERC_ACCOUNT, else "
         "the default account)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Print JSON for scripts instead of tables"), NULL },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

int
cli_usage_error (const char *command_words,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("converc: %s\n", message);
  if (command_words != NULL)
    /* Translators: %s is a command such as "webhooks create" */
    g_printerr (_("Try “converc %s --help” for more information.\n"), command_words);
  else
    g_printerr (_("Try “converc --help” for more information.\n"));

  return CLI_EXIT_USAGE;
}

/* The entry of @sets named by the option @arg ("--name[=value]" or "-n"). */
static const GOptionEntry *
find_option_entry (const GOptionEntry * const *sets,
                   const char                 *arg)
{
  gboolean is_long = arg[1] == '-';
  const char *name = arg + (is_long ? 2 : 1);
  gsize name_len = is_long ? strcspn (name, "=") : 1;

  for (guint s = 0; sets[s] != NULL; s++)
    {
      for (const GOptionEntry *e = sets[s]; e->long_name != NULL; e++)
        {
          if (is_long ? (strlen (e->long_name) == name_len &&
                         strncmp (e->long_name, name, name_len) == 0)
                      : (e->short_name != 0 && e->short_name == name[0]))
            return e;
        }
    }

  return NULL;
}

/* GOption converts the values of string options to UTF-8 and, when that
 * fails, says only "Invalid byte sequence in conversion input". Name the
 * option or argument instead. Values of filename options may be any bytes.
 * With @stop_at_command, the first argument that is not an option ends the
 * check (the command parses the rest). */
static gboolean
check_arguments_utf8 (const char                 *command_words,
                      const GOptionEntry * const *sets,
                      int                         argc,
                      char                      **argv,
                      gboolean                    stop_at_command)
{
  gboolean options_end = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const GOptionEntry *entry;
      const char *value = NULL;

      if (!options_end && g_str_equal (arg, "--"))
        {
          options_end = TRUE;
          continue;
        }

      if (options_end || arg[0] != '-' || arg[1] == '\0')
        {
          if (stop_at_command)
            return TRUE;

          if (!g_utf8_validate (arg, -1, NULL))
            {
              g_autofree char *shown = cli_sanitize (arg);

              cli_usage_error (command_words, _("The argument “%s” is not valid UTF-8 text."),
                               shown);
              return FALSE;
            }
          continue;
        }

      entry = find_option_entry (sets, arg);
      if (entry == NULL)
        {
          if (!g_utf8_validate (arg, -1, NULL))
            {
              g_autofree char *shown = cli_sanitize (arg);

              cli_usage_error (command_words, _("The option “%s” is not valid UTF-8 text."),
                               shown);
              return FALSE;
            }
          continue;
        }

      if (entry->arg == G_OPTION_ARG_NONE)
        continue;

      if (arg[1] == '-' && strchr (arg, '=') != NULL)
        value = strchr (arg, '=') + 1;
      else if (arg[1] != '-' && arg[2] != '\0')
        value = arg + 2;
      else if (i + 1 < argc)
        value = argv[++i];

      if (value != NULL &&
          entry->arg != G_OPTION_ARG_FILENAME && entry->arg != G_OPTION_ARG_FILENAME_ARRAY &&
          !g_utf8_validate (value, -1, NULL))
        {
          cli_usage_error (command_words, _("The value of --%s is not valid UTF-8 text."),
                           entry->long_name);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
cli_parse_options (CliContext          *cli,
                   const char          *command_words,
                   const char          *parameter_string,
                   const char          *summary,
                   const GOptionEntry  *entries,
                   int                 *argc,
                   char              ***argv,
                   int                  min_args,
                   int                  max_args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree GOptionEntry *globals = global_entries (cli);
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = NULL;
  int n_args;

  usage = g_strdup_printf ("%s%s%s", command_words,
                           parameter_string ? " " : "",
                           parameter_string ? parameter_string : "");
  context = g_option_context_new (usage);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, globals, GETTEXT_PACKAGE);

  {
    /* @entries may be NULL: it then ends the list. */
    const GOptionEntry *sets[] = { globals, entries, NULL };

    if (!check_arguments_utf8 (command_words, sets, *argc, *argv, FALSE))
      return FALSE;
  }

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cli_usage_error (command_words, "%s", error->message);
      return FALSE;
    }

  /* (*argv)[0] is the command's name, the command words follow. */
  n_args = *argc - 1;
  for (const char *p = command_words; (p = strchr (p, ' ')) != NULL; p++)
    n_args--;

  if (n_args < min_args)
    {
      cli_usage_error (command_words, _("Missing argument for “%s”."), command_words);
      return FALSE;
    }

  if (max_args >= 0 && n_args > max_args)
    {
      g_autofree char *extra = cli_sanitize ((*argv)[*argc - n_args + max_args]);

      cli_usage_error (command_words, _("Unexpected argument “%s”."), extra);
      return FALSE;
    }

  return TRUE;
}


/* ------------------------------------------------------------------------ */
/* Errors, the base URL and the API key                                     */
/* ------------------------------------------------------------------------ */

void
cli_note_display_limit (ConvercClient *client,
                        guint          wanted)
{
  guint limit = converc_client_get_display_limit (client);

  if (limit > 0 && wanted > limit)
    g_printerr (_("converc: the server refused to send %u events at once; "
                  "the newest %u were asked for instead.\n"), wanted, limit);
}

int
cli_report_error (CliContext   *cli,
                  const GError *error)
{
  g_printerr ("converc: %s\n", error->message);

  if (error->domain == CONVERC_ERROR)
    {
      switch ((ConvercError) error->code)
        {
        case CONVERC_ERROR_UNAUTHORIZED:
          g_printerr (_("The API key comes from $CONVERC_API_KEY or else the keyring "
                        "(`converc login`).\n"));
          break;

        case CONVERC_ERROR_INVALID_INPUT:
          return CLI_EXIT_USAGE;

        case CONVERC_ERROR_NETWORK:
        case CONVERC_ERROR_TIMEOUT:
        case CONVERC_ERROR_TLS:
        case CONVERC_ERROR_FAILED:
        case CONVERC_ERROR_FORBIDDEN:
        case CONVERC_ERROR_NOT_FOUND:
        case CONVERC_ERROR_INVALID_REQUEST:
        case CONVERC_ERROR_RATE_LIMITED:
        case CONVERC_ERROR_SERVER:
        case CONVERC_ERROR_HTTP:
        case CONVERC_ERROR_INVALID_RESPONSE:
        case CONVERC_ERROR_TOO_LARGE:
        case CONVERC_ERROR_NO_KEYRING:
        case CONVERC_ERROR_KEYRING:
        case CONVERC_ERROR_NO_API_KEY:
        default:
          break;
        }
    }

  return CLI_EXIT_FAILURE;
}

char *
cli_plain_base_url (CliContext *cli,
                    int        *exit_status)
{
  g_autoptr(GError) error = NULL;
  const char *url = cli->base_url_option;

  if (url == NULL || url[0] == '\0')
    url = g_getenv ("CONVERC_BASE_URL");
  if (url == NULL || url[0] == '\0')
    url = CONVERC_DEFAULT_BASE_URL;

  if (!converc_validate_base_url (url, &error))
    {
      g_autofree char *redacted = converc_dup_url_for_message (url);
      g_autofree char *shown = cli_sanitize (redacted);

      *exit_status = cli_usage_error (NULL, _("Invalid API base URL “%s”: %s"),
                                      shown, error->message);
      return NULL;
    }

  return g_strdup (url);
}

gboolean
cli_resolve_base_url (CliContext *cli,
                      int        *exit_status)
{
  if (cli->base_url != NULL)
    return TRUE;

  if (!cli_resolve_account (cli, exit_status))
    return FALSE;

  if (cli->account != NULL)
    {
      cli->base_url = g_strdup (converc_account_get_base_url (cli->account));
      cli->secret_scope = g_strdup (converc_account_get_secret_scope (cli->account));
      return TRUE;
    }

  if (!(cli->base_url = cli_plain_base_url (cli, exit_status)))
    return FALSE;

  /* One spelling for keyring items: no trailing slash */
  while (g_str_has_suffix (cli->base_url, "/"))
    cli->base_url[strlen (cli->base_url) - 1] = '\0';
  cli->secret_scope = g_strdup (cli->base_url);

  return TRUE;
}

ConvercClient *
cli_make_client (CliContext *cli,
                 int        *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  const char *env_key;

  if (!cli_resolve_base_url (cli, exit_status))
    return NULL;

  env_key = g_getenv ("CONVERC_API_KEY");
  if (env_key != NULL)
    {
      key = g_strstrip (g_strdup (env_key));
      if (key[0] == '\0')
        g_clear_pointer (&key, g_free);
    }

  if (key == NULL)
    {
      g_autoptr(ConvercSecretStore) store = converc_keyring_store_new (0);

      key = converc_secret_store_lookup_sync (store, cli->secret_scope, NULL, &error);
      if (error != NULL)
        {
          g_printerr ("converc: %s\n", error->message);
          g_printerr (_("No API key: run `converc login` or set CONVERC_API_KEY.\n"));
          *exit_status = CLI_EXIT_FAILURE;
          return NULL;
        }
    }

  if (key == NULL && cli->account != NULL)
    {
      g_autofree char *label = cli_sanitize (converc_account_get_label (cli->account));

      g_printerr (_("converc: No API key for the account “%s” in the keyring: run "
                    "`converc --account %s login` or set CONVERC_API_KEY.\n"),
                  label, converc_account_get_id (cli->account));
      *exit_status = CLI_EXIT_FAILURE;
      return NULL;
    }

  if (key == NULL)
    {
      g_printerr (_("converc: No API key for %s: run `converc login` or set "
                    "CONVERC_API_KEY.\n"), cli->base_url);
      *exit_status = CLI_EXIT_FAILURE;
      return NULL;
    }

  return converc_client_new (cli->base_url, key);
}


/* ------------------------------------------------------------------------ */
/* Waiting for async calls                                                  */
/* ------------------------------------------------------------------------ */

void
cli_wait_init (CliWait *wait)
{
  wait->loop = g_main_loop_new (NULL, FALSE);
  wait->result = NULL;
}

void
cli_wait_clear (CliWait *wait)
{
  g_clear_object (&wait->result);
  g_clear_pointer (&wait->loop, g_main_loop_unref);
}

void
cli_wait_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CliWait *wait = user_data;

  g_set_object (&wait->result, result);
  g_main_loop_quit (wait->loop);
}

GAsyncResult *
cli_wait_run (CliWait *wait)
{
  if (wait->result == NULL)
    g_main_loop_run (wait->loop);

  return wait->result;
}


/* ------------------------------------------------------------------------ */
/* Output                                                                   */
/* ------------------------------------------------------------------------ */

char *
cli_sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL || text[0] == '\0')
    return g_strdup ("—");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* No escape sequences, line breaks or tabs from the server reach the
       * terminal. */
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      /* Nor invisible format characters: the bidi controls (U+202A–U+202E,
       * U+2066–U+2069, U+200E, U+200F, U+061C) would reorder what follows
       * ("Alice <U+202E>gnp.exe" shown as "Alice exe.png"), zero-width ones
       * hide text. They are shown as their code instead. */
      else if (g_unichar_type (c) == G_UNICODE_FORMAT)
        g_string_append_printf (out, "<U+%04X>", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gsize
display_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

CliTable *
cli_table_new (guint n_columns,
               ...)
{
  CliTable *table = g_new0 (CliTable, 1);
  char **header = g_new0 (char *, n_columns + 1);
  va_list args;

  va_start (args, n_columns);
  for (guint i = 0; i < n_columns; i++)
    header[i] = g_strdup (va_arg (args, const char *));
  va_end (args);

  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table->rows, header);

  return table;
}

/* Cells are sanitized here. */
void
cli_table_add_row (CliTable *table,
                   ...)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    row[i] = cli_sanitize (va_arg (args, const char *));
  va_end (args);

  g_ptr_array_add (table->rows, row);
}

void
cli_table_print (CliTable *table)
{
  g_autofree gsize *widths = g_new0 (gsize, table->n_columns);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], display_width (row[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      g_string_truncate (line, 0);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (line, row[c]);
          if (c + 1 < table->n_columns)
            {
              for (gsize w = display_width (row[c]); w < widths[c] + 2; w++)
                g_string_append_c (line, ' ');
            }
        }
      g_print ("%s\n", line->str);
    }
}

void
cli_table_free (CliTable *table)
{
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

void
cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize len = 0;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);

  /* JSON is UTF-8 whatever the locale: bytes out as they are. */
  fwrite (text, 1, len, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

void
cli_json_add_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* ------------------------------------------------------------------------ */
/* Subcommands                                                              */
/* ------------------------------------------------------------------------ */

const char *
cli_take_subcommand (int                 argc,
                     char              **argv,
                     const char * const *valued_options)
{
  for (int i = 1; i < argc; i++)
    {
      if (argv[i][0] != '-')
        {
          const char *sub = argv[i];

          /* Move it to argv[1] so that the options may come before it. */
          memmove (&argv[2], &argv[1], (i - 1) * sizeof (char *));
          argv[1] = (char *) sub;
          return sub;
        }
      if (g_strv_contains (valued_options, argv[i]))
        i++;  /* skip its value */
    }

  return NULL;
}

gboolean
cli_asks_help (int    argc,
               char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return TRUE;

  return FALSE;
}

CliCommandFunc
cli_find_subcommand (const CliSubcommand *subcommands,
                     gsize                n_subcommands,
                     const char          *name)
{
  for (gsize i = 0; i < n_subcommands; i++)
    if (g_str_equal (name, subcommands[i].name))
      return subcommands[i].func;

  return NULL;
}


/* ------------------------------------------------------------------------ */
/* main                                                                     */
/* ------------------------------------------------------------------------ */

static char *
commands_summary (void)
{
  GString *s = g_string_new (_("Manage Converc webhooks from the command line."));

  g_string_append_printf (s, "\n\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-10s %s\n", commands[i].name, _(commands[i].description));

  g_string_append_printf (s, "\n%s",
                          _("The API key comes from $CONVERC_API_KEY, or else from the keyring\n"
                            "(see `converc login`); it is never given on the command line.\n"
                            "Run “converc COMMAND --help” for a command's options."));

  return g_string_free (s, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree GOptionEntry *globals = NULL;
  g_autofree char *summary = NULL;
  CliContext cli = { NULL };
  gboolean version = FALSE;
  GOptionEntry main_entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };
  int status = CLI_EXIT_USAGE;

  /* Standard output is for results (tables, --json); every log message,
   * debug ones included, goes to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);

  setlocale (LC_ALL, "");
  /* CONVERC_LOCALEDIR: the build tree's po/ folder, for running uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CONVERC_LOCALEDIR") != NULL &&
                                   *g_getenv ("CONVERC_LOCALEDIR") != '\0'
                                   ? g_getenv ("CONVERC_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("converc");

  /* Global options come before the command; the command parses the rest. */
  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);
  summary = commands_summary ();
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, main_entries, GETTEXT_PACKAGE);
  globals = global_entries (&cli);
  g_option_context_add_main_entries (context, globals, GETTEXT_PACKAGE);

  {
    const GOptionEntry *sets[] = { main_entries, globals, NULL };

    if (!check_arguments_utf8 (NULL, sets, argc, argv, TRUE))
      {
        status = CLI_EXIT_USAGE;
        goto out;
      }
  }

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = cli_usage_error (NULL, "%s", error->message);
      goto out;
    }

  if (version)
    {
      g_print ("converc %s\n", PACKAGE_VERSION);
      status = CLI_EXIT_OK;
      goto out;
    }

  if (argc < 2)
    {
      status = cli_usage_error (NULL, _("No command given."));
      goto out;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[1], commands[i].name) == 0)
        {
          status = commands[i].func (&cli, argc - 1, argv + 1);
          goto out;
        }
    }

  if (g_strcmp0 (argv[1], "help") == 0)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", help);
      status = CLI_EXIT_OK;
    }
  else
    {
      g_autofree char *shown = cli_sanitize (argv[1]);

      status = cli_usage_error (NULL, _("Unknown command “%s”."), shown);
    }

out:
  fflush (stdout);
  cli_close_accounts (&cli);
  g_free (cli.base_url_option);
  g_free (cli.base_url);
  g_free (cli.account_option);
  g_free (cli.secret_scope);

  return status;
}
