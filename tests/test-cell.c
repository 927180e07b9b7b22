/* test-cell.c
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

/* CwCell's text helpers: what a one-line table cell shows. */

#define G_LOG_DOMAIN "test-cell"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cw-cell.h"

static void
test_text_one_line (void)
{
  g_autofree char *plain = cw_text_one_line ("https://example.com/hook");
  g_autofree char *breaks = cw_text_one_line ("a\nb\r\n\tc\xe2\x80\xa8" "d\x7f");
  g_autofree char *invalid = cw_text_one_line ("ok\xff\n");

  g_assert_cmpstr (plain, ==, "https://example.com/hook");
  g_assert_cmpstr (breaks, ==, "a b   c d ");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_null (strchr (invalid, '\n'));
  g_assert_null (cw_text_one_line (NULL));
}

/* A cell's text costs what 512 characters cost, whatever the server sent,
 * and a right-to-left override is shown, not obeyed (issue 13). */
static void
test_text_one_line_hostile (void)
{
  g_autofree char *huge = g_strnfill (100000, 'a');
  g_autofree char *capped = cw_text_one_line (huge);
  g_autofree char *rlo = cw_text_one_line ("Alice \u202Egnp.exe");

  g_assert_cmpuint (g_utf8_strlen (capped, -1), <=, 513);
  g_assert_true (g_str_has_suffix (capped, "…"));
  g_assert_null (strstr (rlo, "\u202E"));
  g_assert_nonnull (strstr (rlo, "U+202E"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/widgets/text-one-line", test_text_one_line);
  g_test_add_func ("/cw/widgets/text-one-line-hostile", test_text_one_line_hostile);

  return g_test_run ();
}
