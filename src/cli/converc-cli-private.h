/* converc-cli-private.h
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

#pragma once

#include <gio/gio.h>

#include "converc.h"

G_BEGIN_DECLS

/* Exit statuses of `converc`. */
enum
{
  CLI_EXIT_OK      = 0,
  CLI_EXIT_FAILURE = 1,  /* API, network, keyring; or an invalid signature */
  CLI_EXIT_USAGE   = 2,  /* bad command line or unreadable input files */
};

typedef struct
{
  /* Global options: --base-url, --json (also accepted after the command) */
  char     *base_url_option;
  gboolean  json;
  /* The resolved base URL, set by cli_resolve_base_url() */
  char     *base_url;
  /* Global option --account (else $CONVERC_ACCOUNT) */
  char                *account_option;
  /* The accounts (GSettings; an empty list when the schema is not
   * installed), opened by cli_get_accounts() */
  ConvercAccountStore *accounts;
  GSettings           *settings;
  /* Set by cli_resolve_base_url(): the account acted on (NULL: none, the
   * keyring items by base URL from before accounts), and the scope of its
   * keyring items (the account id, else the base URL). */
  ConvercAccount      *account;
  char                *secret_scope;
} CliContext;

/* A command's entry point; argv[0] is the command's name. */
typedef int (*CliCommandFunc) (CliContext  *cli,
                               int          argc,
                               char       **argv);

/* Parses a command's options (plus the global ones). @min_args/@max_args
 * count positional arguments after the command words (-1: no maximum).
 * Prints the problem and returns FALSE on a usage error. */
gboolean        cli_parse_options      (CliContext          *cli,
                                        const char          *command_words,
                                        const char          *parameter_string,
                                        const char          *summary,
                                        const GOptionEntry  *entries,
                                        int                 *argc,
                                        char              ***argv,
                                        int                  min_args,
                                        int                  max_args);
/* Prints "converc: @message" and a hint to stderr; returns CLI_EXIT_USAGE. */
int             cli_usage_error        (const char          *command_words,
                                        const char          *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* After an events request for @wanted: says (on stderr) when the server
 * refused so many and fewer were asked for. */
void            cli_note_display_limit (ConvercClient       *client,
                                        guint                wanted);
/* Prints a GError to stderr with a hint; returns the exit status. */
int             cli_report_error       (CliContext          *cli,
                                        const GError        *error);
/* --base-url, else $CONVERC_BASE_URL, else the default; validated. */
gboolean        cli_resolve_base_url   (CliContext          *cli,
                                        int                 *exit_status);
/* The base URL of --base-url, else $CONVERC_BASE_URL, else the default,
 * without the account logic; validated (a usage error with *@exit_status
 * and NULL when invalid). */
char           *cli_plain_base_url     (CliContext          *cli,
                                        int                 *exit_status);
/* The account store (opened on first use). */
ConvercAccountStore *cli_get_accounts  (CliContext          *cli);
/* Picks the account for --account/$CONVERC_ACCOUNT, or the one for an
 * explicit base URL, or the default one; says which on stderr when there
 * are several. Sets cli->account (maybe NULL). FALSE with *@exit_status on
 * a usage error (an unknown account, an ambiguous base URL). */
gboolean        cli_resolve_account    (CliContext          *cli,
                                        int                 *exit_status);
/* Reads one line (the API key) from standard input, without echo on a
 * terminal. */
char           *cli_read_key           (GError             **error);
/* Reads one line from standard input, without echo on a terminal (where
 * @prompt is shown on stderr first); keeps at most @max_length bytes of it
 * (*@too_long, if given, says whether there were more). With @more_lines,
 * the rest of a non-terminal input is read too, and *@more_lines says
 * whether it held anything but line breaks. The line break is not kept. */
GString        *cli_read_line_quietly  (const char          *prompt,
                                        gsize                max_length,
                                        gboolean            *too_long,
                                        gboolean            *more_lines);
/* Wipes and frees a key or secret (NULL is fine). */
void            cli_secret_free        (char                *secret);
typedef char CliSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliSecret, cli_secret_free)
/* Checks an API key with a list call against @base_url. */
gboolean        cli_check_key          (const char          *base_url,
                                        const char          *key,
                                        GError             **error);
/* Saves the settings written (GSettings may write them asynchronously). */
void            cli_close_accounts     (CliContext          *cli);
/* A client with the API key from $CONVERC_API_KEY or else the keyring. */
ConvercClient  *cli_make_client        (CliContext          *cli,
                                        int                 *exit_status);

/* Runs the default main context until an async call completes. */
typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} CliWait;

void            cli_wait_init          (CliWait             *wait);
void            cli_wait_clear         (CliWait             *wait);
void            cli_wait_cb            (GObject             *object,
                                        GAsyncResult        *result,
                                        gpointer             user_data);
GAsyncResult   *cli_wait_run           (CliWait             *wait);

/* Text from the server, safe for a terminal: no control characters, format
 * characters (bidi controls, zero-width) shown as "<U+202E>", valid UTF-8,
 * "—" for NULL or empty. */
char           *cli_sanitize           (const char          *text);

typedef struct _CliTable CliTable;

CliTable       *cli_table_new          (guint                n_columns,
                                        ...);
void            cli_table_add_row      (CliTable            *table,
                                        ...);
void            cli_table_print        (CliTable            *table);
void            cli_table_free         (CliTable            *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliTable, cli_table_free)

/* Writes a JSON node to stdout, pretty-printed, with a final newline. */
void            cli_print_json         (JsonNode            *node);
/* Adds @member with the string @value, or null for NULL. */
void            cli_json_add_string    (JsonBuilder         *builder,
                                        const char          *member,
                                        const char          *value);

/* A command's subcommands, by name. */
typedef struct
{
  const char     *name;
  CliCommandFunc  func;
} CliSubcommand;

/* The subcommand: the first word that is not an option nor the value of
 * one of @valued_options (those that take the next word); moved to argv[1]
 * so that options may come before it. NULL when there is none. */
const char     *cli_take_subcommand    (int                  argc,
                                        char               **argv,
                                        const char * const  *valued_options);
/* Whether --help or -h is among the words. */
gboolean        cli_asks_help          (int                  argc,
                                        char               **argv);
/* The function of the subcommand named @name, NULL when there is none. */
CliCommandFunc  cli_find_subcommand    (const CliSubcommand *subcommands,
                                        gsize                n_subcommands,
                                        const char          *name);

/* The commands */
int             cli_command_webhooks   (CliContext  *cli,
                                        int          argc,
                                        char       **argv);
int             cli_command_events     (CliContext  *cli,
                                        int          argc,
                                        char       **argv);
int             cli_command_verify     (CliContext  *cli,
                                        int          argc,
                                        char       **argv);
int             cli_command_login      (CliContext  *cli,
                                        int          argc,
                                        char       **argv);
int             cli_command_logout     (CliContext  *cli,
                                        int          argc,
                                        char       **argv);
int             cli_command_emulator   (CliContext  *cli,
                                        int          argc,
                                        char       **argv);
int             cli_command_deliver    (CliContext  *cli,
                                        int          argc,
                                        char       **argv);
int             cli_command_secret     (CliContext  *cli,
                                        int          argc,
                                        char       **argv);
int             cli_command_history    (CliContext  *cli,
                                        int          argc,
                                        char       **argv);
int             cli_command_accounts   (CliContext  *cli,
                                        int          argc,
                                        char       **argv);

G_END_DECLS
