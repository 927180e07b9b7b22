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
/* Prints a GError to stderr with a hint; returns the exit status. */
int             cli_report_error       (CliContext          *cli,
                                        const GError        *error);
/* --base-url, else $CONVERC_BASE_URL, else the default; validated. */
gboolean        cli_resolve_base_url   (CliContext          *cli,
                                        int                 *exit_status);
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

G_END_DECLS
