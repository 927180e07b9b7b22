/* test-display-text.c
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

/* converc_display_text(): server text as the app shows it, bounded and
 * with nothing hidden. */

#include "config.h"

#include <string.h>

#include "converc.h"

#define ONE_LINE CONVERC_DISPLAY_TEXT_ONE_LINE
#define IDENTITY CONVERC_DISPLAY_TEXT_IDENTITY
#define ISOLATE  CONVERC_DISPLAY_TEXT_ISOLATE

static void
check (const char              *in,
       gsize                    max_chars,
       ConvercDisplayTextFlags  flags,
       const char              *expected)
{
  g_autofree char *out = converc_display_text (in, -1, max_chars, flags);

  g_assert_cmpstr (out, ==, expected);
  g_assert_true (g_utf8_validate (out, -1, NULL));
}

static void
test_plain_unchanged (void)
{
  check ("Alice Martin", 100, ONE_LINE | IDENTITY, "Alice Martin");
  check ("José Müller-Lüdenscheidt", 0, ONE_LINE | IDENTITY, "José Müller-Lüdenscheidt");
  /* Right-to-left text without controls is not touched. */
  check ("שלום עולם", 50, ONE_LINE | IDENTITY, "שלום עולם");
  check ("", 10, ONE_LINE, "");
  check (NULL, 10, ONE_LINE, "");
  g_assert_true (converc_display_text_is_exact ("https://example.com/rec/1.mp4", 300,
                                                ONE_LINE | IDENTITY));
}

static void
test_bidi_overrides (void)
{
  /* The case: "Alice " U+202E "gnp.exe" must not read "Alice exe.png". */
  check ("Alice \u202Egnp.exe", 100, ONE_LINE, "Alice <U+202E>gnp.exe");
  check ("Alice \u202Egnp.exe", 100, 0, "Alice <U+202E>gnp.exe");
  /* Every embedding, override and isolate, in any mode. */
  check ("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069", 0, 0,
         "<U+202A><U+202B><U+202C><U+202D><U+202E><U+2066><U+2067><U+2068><U+2069>");
  g_assert_false (converc_display_text_is_exact ("https://x.test/rec/\u202E4pm.exe", 300,
                                                 ONE_LINE | IDENTITY));
  /* Isolation wraps the whole value. */
  check ("abc", 10, ISOLATE, "\u2068abc\u2069");
  check ("\u202Eabc", 20, ISOLATE | ONE_LINE, "\u2068<U+202E>abc\u2069");
}

static void
test_invisible (void)
{
  /* Zero-width characters are visible where identity matters only. */
  check ("ad\u200Bmin@example.com", 100, IDENTITY, "ad<U+200B>min@example.com");
  check ("ad\u200Bmin", 100, 0, "ad\u200Bmin");
  check ("a\u200Db\u2060c\uFEFFd\u00ADe\u200Ef", 0, IDENTITY,
         "a<U+200D>b<U+2060>c<U+FEFF>d<U+00AD>e<U+200E>f");
  /* Controls are always visible: C0 as control pictures, C1 as marks. */
  check ("a\x1b[31mred", 0, 0, "a\u241b[31mred");
  check ("bell\x07\x7f", 0, 0, "bell\u2407\u2421");
  check ("c1\xc2\x9b", 0, 0, "c1<U+009B>");
  check ("tab\there", 0, ONE_LINE, "tab here");
}

static void
test_lines (void)
{
  /* A line break cannot draw a second field. */
  check ("Alice\nEmail: evil@example.com", 0, ONE_LINE, "Alice⏎Email: evil@example.com");
  check ("a\r\nb\rc\u2028d\u2029e\x0b" "f\x0cg\xc2\x85h", 0, ONE_LINE, "a⏎b⏎c⏎d⏎e⏎f⏎g⏎h");
  /* Multi-line text keeps its lines, with CRLF as one. */
  check ("a\r\nb\nc", 0, 0, "a\nb\nc");
}

static void
test_cap (void)
{
  g_autofree char *big = g_strnfill (10 * 1000 * 1000, 'x');
  g_autofree char *out = NULL;
  gint64 start;
  gint64 elapsed;

  check ("abcdef", 6, 0, "abcdef");
  check ("abcdefg", 6, 0, "abcde…");
  check ("ééééééé", 4, 0, "ééé…");
  /* A mark is never cut in half. */
  check ("abc\u202Edef", 6, 0, "abc…");
  check ("ab\u202E", 10, 0, "ab<U+202E>");

  /* The cost follows the cap, not the input: 10 MB in well under a millisecond
   * per call even on a slow machine. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 1000; i++)
    g_free (converc_display_text (big, 10 * 1000 * 1000, 200, ONE_LINE | IDENTITY));
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("1000 calls on 10 MB capped at 200: %" G_GINT64_FORMAT " us", elapsed);
  g_assert_cmpint (elapsed, <, 1000 * 1000);

  out = converc_display_text (big, -1, 200, 0);
  g_assert_cmpint (g_utf8_strlen (out, -1), ==, 200);
  g_assert_true (g_str_has_suffix (out, "…"));
}

static void
test_break_runs (void)
{
  g_autofree char *word = g_strnfill (100, 'x');
  g_autofree char *out = converc_display_text (word, -1, 0, CONVERC_DISPLAY_TEXT_BREAK_RUNS);
  g_auto(GStrv) parts = g_strsplit (out, "\u200B", -1);

  /* 100 characters without a space: breaks after 40 and 80. */
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_assert_cmpuint (strlen (parts[0]), ==, 40);
  g_assert_cmpuint (strlen (parts[1]), ==, 40);
  g_assert_cmpuint (strlen (parts[2]), ==, 20);
  /* Words are left alone, and so is text without the flag. */
  check ("some ordinary words of prose", 0, CONVERC_DISPLAY_TEXT_BREAK_RUNS,
         "some ordinary words of prose");
  g_clear_pointer (&out, g_free);
  out = converc_display_text (word, -1, 0, 0);
  g_assert_cmpstr (out, ==, word);
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *out = NULL;
  static const char bytes[] = "ok\xff\xfe" "and\xe2\x82" "nul\0after";

  check ("a\xffz", 0, 0, "a\uFFFDz");
  /* An explicit length: embedded nul shown, truncated sequence replaced. */
  out = converc_display_text (bytes, sizeof bytes - 1, 0, 0);
  g_assert_cmpstr (out, ==, "ok\uFFFD\uFFFDand\uFFFD\uFFFDnul\u2400after");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/converc/display-text/plain", test_plain_unchanged);
  g_test_add_func ("/converc/display-text/bidi", test_bidi_overrides);
  g_test_add_func ("/converc/display-text/invisible", test_invisible);
  g_test_add_func ("/converc/display-text/lines", test_lines);
  g_test_add_func ("/converc/display-text/cap", test_cap);
  g_test_add_func ("/converc/display-text/break-runs", test_break_runs);
  g_test_add_func ("/converc/display-text/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
