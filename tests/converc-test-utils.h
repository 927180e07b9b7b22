/* converc-test-utils.h
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

#include "converc-event.h"

G_BEGIN_DECLS

/* Shared helpers for the libconverc and emulator tests. */

/* Common setup: g_test_init, TZ=UTC, C locale for messages. */
void     converc_test_init            (int           *argc,
                                       char        ***argv);
/* Contents of tests/data/@name (found through G_TEST_DIST). */
GBytes  *converc_test_load_data       (const char    *name);
char    *converc_test_data_path       (const char    *name);
GBytes  *converc_test_bytes_new       (const char    *text);
/* @open @depth times, then @close (NULL: none) as many times. */
char    *converc_test_nested          (const char    *open,
                                       const char    *close,
                                       guint          depth);
/* Fails unless @event's raw bytes are exactly @expected. */
void     converc_test_assert_raw_equals (ConvercEvent *event,
                                         const char   *expected,
                                         gsize         expected_len);
/* Iterates the thread-default main context until *@result is set or
 * @timeout_seconds pass (then the test fails). */
void     converc_test_wait_for_result (GAsyncResult **result,
                                       guint          timeout_seconds);
/* A GAsyncReadyCallback that stores a ref of the result in *user_data. */
void     converc_test_store_result_cb (GObject       *object,
                                       GAsyncResult  *result,
                                       gpointer       user_data);
/* Iterates the main context until @condition (a flag) becomes TRUE. */
void     converc_test_wait_for_flag   (const gboolean *flag,
                                       guint           timeout_seconds);
/* A TCP port on 127.0.0.1 that nobody listens on (bound then closed). */
guint    converc_test_get_unused_port (void);

/* Whether there is a session bus (the keyring tests need one); when there
 * is none, the test fails: run it under build-aux/headless.sh. */
gboolean converc_test_need_session_bus (void);
/* A base URL no other test (or earlier run) uses, with @what in it. */
char    *converc_test_unique_base_url (const char    *what);
/* Removes @path and, when it is a folder, everything under it. */
void     converc_test_remove_tree     (const char    *path);
/* The bytes as a string ("" for NULL). */
char    *converc_test_bytes_to_string (GBytes        *bytes);

/* What a run of the `converc` command printed, and how it exited. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} ConvercCliRun;

void     converc_cli_run_free         (ConvercCliRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvercCliRun, converc_cli_run_free)

/* Runs $CONVERC_CLI with @args (NULL-terminated, without the program),
 * LC_ALL=C.UTF-8, TZ=UTC, no CONVERC_BASE_URL, CONVERC_API_KEY set to
 * @api_key (NULL: unset), the variables of @env (name, value, …; may be
 * NULL) and @input on stdin (NULL: none), while the main context runs
 * (so an emulator in the test keeps serving). Fails the test when either
 * output holds @never_shown (NULL: no check), e.g. the real API key. */
ConvercCliRun *converc_test_run_cli   (const char         *api_key,
                                       const char         *never_shown,
                                       const char         *input,
                                       const char * const *env,
                                       const char * const *args);

G_END_DECLS
