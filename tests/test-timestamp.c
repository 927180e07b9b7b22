/* converc-client.h
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


#define G_LOG_DOMAIN "test-timestamp"

#include "config.h"

#include <string.h>

#include "converc-timestamp.h"

#include "converc-test-utils.h"

/* 2024-01-01T00:00:00Z */
#define NEW_YEAR_2024 G_GINT64_CONSTANT (1704067200)
#define DAY           G_GINT64_CONSTANT (86400)

static void
assert_parses_to (const char *text,
                  gint64      expected_unix)
{
  g_autoptr(GDateTime) dt = converc_timestamp_parse (text);

  if (dt == NULL)
    g_test_fail_printf ("\"%s\" did not parse", text);
  else if (g_date_time_to_unix (dt) != expected_unix)
    g_test_fail_printf ("\"%s\" parsed to %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
             text, g_date_time_to_unix (dt), expected_unix);
}

static void
assert_unparseable (const char *text)
{
  g_autoptr(GDateTime) dt = converc_timestamp_parse (text);

  if (dt != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (dt);
      g_test_fail_printf ("\"%.80s\" parsed to %s, expected NULL", text ? text : "(null)", iso);
    }
}

static void
test_timestamp_parse_utc (void)
{
  assert_parses_to ("2024-01-01T00:00:00Z", NEW_YEAR_2024);
  assert_parses_to ("2024-01-02T00:00:00Z", NEW_YEAR_2024 + DAY);
  assert_parses_to ("2024-02-29T12:34:56Z", G_GINT64_CONSTANT (1709210096));
  assert_parses_to ("1970-01-01T00:00:00Z", 0);
}

static void
test_timestamp_parse_fraction (void)
{
  g_autoptr(GDateTime) ms = NULL;
  g_autoptr(GDateTime) us = NULL;

  assert_parses_to ("2024-01-01T00:00:00.000Z", NEW_YEAR_2024);
  assert_parses_to ("2024-01-01T00:00:00.5Z", NEW_YEAR_2024);
  assert_parses_to ("2024-01-01T00:00:00.999999Z", NEW_YEAR_2024);

  ms = converc_timestamp_parse ("2024-01-01T00:00:07.123Z");
  g_assert_nonnull (ms);
  g_assert_cmpint (g_date_time_get_second (ms), ==, 7);
  g_assert_cmpint (g_date_time_get_microsecond (ms), ==, 123000);

  us = converc_timestamp_parse ("2024-01-01T00:00:07.654321Z");
  g_assert_nonnull (us);
  g_assert_cmpint (g_date_time_get_microsecond (us), ==, 654321);
}

static void
test_timestamp_parse_offsets (void)
{
  assert_parses_to ("2024-01-01T02:00:00+02:00", NEW_YEAR_2024);
  assert_parses_to ("2023-12-31T18:30:00-05:30", NEW_YEAR_2024);
  assert_parses_to ("2023-12-31T18:30:00-0530", NEW_YEAR_2024);
  assert_parses_to ("2024-01-01T05:45:00.250+0545", NEW_YEAR_2024);
  assert_parses_to ("2024-01-01T00:00:00+00:00", NEW_YEAR_2024);
}

static void
test_timestamp_parse_lowercase (void)
{
  assert_parses_to ("2024-01-01t00:00:00z", NEW_YEAR_2024);
  assert_parses_to ("2024-01-01t00:00:00.000z", NEW_YEAR_2024);
}

static void
test_timestamp_parse_no_zone (void)
{
  /* No zone: the test runs with TZ=UTC, so UTC and local time agree and
   * either reading gives the same instant. */
  assert_parses_to ("2024-01-01T00:00:00", NEW_YEAR_2024);
  assert_parses_to ("2024-01-01T00:00:00.123", NEW_YEAR_2024);
}

static void
test_timestamp_parse_date_only (void)
{
  g_autoptr(GDateTime) dt = converc_timestamp_parse ("2024-01-01");

  /* Not required, but when accepted it must be midnight of that day. */
  if (dt != NULL)
    g_assert_cmpint (g_date_time_to_unix (dt), ==, NEW_YEAR_2024);
  else
    g_test_message ("date-only value not accepted (allowed)");
}

static void
test_timestamp_parse_garbled (void)
{
  g_autoptr(GDateTime) other = NULL;

  /* The two forms printed in Converc's documentation. */
  assert_parses_to ("2024-01-01T00: 00: 0002", NEW_YEAR_2024);
  assert_parses_to ("2024-01-02T00: 00: 00.0002", NEW_YEAR_2024 + DAY);

  /* The same rendering fault on another date. */
  assert_parses_to ("2025-07-04T00: 00: 0002", G_GINT64_CONSTANT (1751587200));
  assert_parses_to ("2025-07-04T00: 00: 00.0002", G_GINT64_CONSTANT (1751587200));

  /* The same rendering fault with a non-zero time: whatever reading is
   * chosen, it must not land on another second. */
  other = converc_timestamp_parse ("2024-01-02T10: 20: 30.0002");
  g_assert_nonnull (other);
  g_assert_cmpint (g_date_time_to_unix (other), ==, NEW_YEAR_2024 + DAY + 10 * 3600 + 20 * 60 + 30);
}

static void
test_timestamp_parse_garbled_other_time (void)
{
  g_autoptr(GDateTime) dt = converc_timestamp_parse ("2024-01-02T10: 20: 3002");

  /* Undocumented variant: accepted or not, but never a wrong time. */
  if (dt != NULL)
    g_assert_cmpint (g_date_time_to_unix (dt), ==, NEW_YEAR_2024 + DAY + 10 * 3600 + 20 * 60 + 30);
}

static void
test_timestamp_parse_invalid (void)
{
  static const char * const invalid[] = {
    "",
    " ",
    "yesterday",
    "now",
    "2024",
    "2024-13-45T99:99:99Z",
    "2024-01-01T24:61:00Z",
    "2024-02-30T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-00-10T00:00:00Z",
    "T00:00:00Z",
    "2024-01-01T",
    "2024-01-01TZ",
    "2024-01-01T00:00:00Zjunk",
    "2024-01-01T00:00:00Z 2024-01-01T00:00:00Z",
    "2024-01-01T00:00:00+99:99",
    ":::::",
    "--T::Z",
    "0000-00-00T00: 00: 0002",
    "\xff\xfe\xfd",
    "2024-01-01T00:00:00\xe2\x80\x8bZ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_unparseable (invalid[i]);
}

static void
test_timestamp_parse_null (void)
{
  g_autoptr(GDateTime) dt = converc_timestamp_parse (NULL);

  g_assert_null (dt);
}

static void
test_timestamp_parse_long (void)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(GString) suffix = g_string_new ("2024-01-01T00:00:00");
  g_autoptr(GString) fraction = g_string_new ("2024-01-01T00:00:00.");
  g_autoptr(GString) spaces = g_string_new ("2024-01-01T00:");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (digits, '9');
  assert_unparseable (digits->str);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (suffix, 'Z');
  assert_unparseable (suffix->str);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (spaces, ' ');
  g_string_append (spaces, "00: 0002");
  assert_unparseable (spaces->str);

  /* A very long fraction is odd but not wrong; it must not crash and, if
   * accepted, must keep the second. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (fraction, '1');
  g_string_append_c (fraction, 'Z');
    {
      g_autoptr(GDateTime) dt = converc_timestamp_parse (fraction->str);

      if (dt != NULL)
        g_assert_cmpint (g_date_time_to_unix (dt), ==, NEW_YEAR_2024);
    }
}

static void
test_timestamp_parse_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240101);
  const char alphabet[] = "0123456789-:T Z.+tz2";

  /* Random strings over the timestamp alphabet: must never crash. */
  for (guint i = 0; i < 20000; i++)
    {
      char buf[40];
      guint len = g_rand_int_range (rand, 0, sizeof buf);
      g_autoptr(GDateTime) dt = NULL;

      for (guint j = 0; j < len; j++)
        buf[j] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      buf[len] = '\0';

      dt = converc_timestamp_parse (buf);
      if (dt != NULL)
        {
          g_assert_cmpint (g_date_time_get_year (dt), >=, 1);
          g_assert_cmpint (g_date_time_get_year (dt), <=, 9999);
        }
    }
}

static void
test_timestamp_format_valid (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) plus5 = g_time_zone_new_identifier ("+05:00");
  g_autofree char *in_utc = NULL;
  g_autofree char *in_plus5 = NULL;
  g_autofree char *garbled = NULL;
  g_autofree char *local = NULL;

  g_assert_nonnull (plus5);

  in_utc = converc_timestamp_format ("2024-01-01T22:30:00Z", utc);
  g_assert_nonnull (in_utc);
  g_assert_true (g_utf8_validate (in_utc, -1, NULL));
  g_assert_nonnull (strstr (in_utc, "2024"));
  g_assert_nonnull (strstr (in_utc, "22:30"));

  /* Same instant, other zone: another wall-clock time (03:30 next day). */
  in_plus5 = converc_timestamp_format ("2024-01-01T22:30:00Z", plus5);
  g_assert_nonnull (in_plus5);
  g_assert_nonnull (strstr (in_plus5, "03:30"));
  g_assert_cmpstr (in_utc, !=, in_plus5);

  /* The garbled documented form formats like the real one. */
  garbled = converc_timestamp_format ("2024-01-01T00: 00: 0002", utc);
  g_assert_nonnull (garbled);
  g_assert_nonnull (strstr (garbled, "2024"));
  g_assert_null (strstr (garbled, ": "));

  /* NULL zone: local time, must not crash. */
  local = converc_timestamp_format ("2024-01-01T22:30:00Z", NULL);
  g_assert_nonnull (local);
}

static void
test_timestamp_format_invalid (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  static const char * const raw[] = {
    "yesterday",
    "2024-13-45T99:99:99Z",
    "",
    "not a time \xe2\x80\x94 at all",
  };

  for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
    {
      g_autofree char *text = converc_timestamp_format (raw[i], utc);

      g_assert_cmpstr (text, ==, raw[i]);
    }
}

static void
test_timestamp_format_null (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *text = converc_timestamp_format (NULL, utc);

  /* Nothing to show: NULL or an empty/placeholder string, no crash. */
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/timestamp/parse-utc", test_timestamp_parse_utc);
  g_test_add_func ("/converc/timestamp/parse-fraction", test_timestamp_parse_fraction);
  g_test_add_func ("/converc/timestamp/parse-offsets", test_timestamp_parse_offsets);
  g_test_add_func ("/converc/timestamp/parse-lowercase", test_timestamp_parse_lowercase);
  g_test_add_func ("/converc/timestamp/parse-no-zone", test_timestamp_parse_no_zone);
  g_test_add_func ("/converc/timestamp/parse-date-only", test_timestamp_parse_date_only);
  g_test_add_func ("/converc/timestamp/parse-garbled", test_timestamp_parse_garbled);
  g_test_add_func ("/converc/timestamp/parse-garbled-other-time",
                   test_timestamp_parse_garbled_other_time);
  g_test_add_func ("/converc/timestamp/parse-invalid", test_timestamp_parse_invalid);
  g_test_add_func ("/converc/timestamp/parse-null", test_timestamp_parse_null);
  g_test_add_func ("/converc/timestamp/parse-long", test_timestamp_parse_long);
  g_test_add_func ("/converc/timestamp/parse-garbage", test_timestamp_parse_garbage);
  g_test_add_func ("/converc/timestamp/format-valid", test_timestamp_format_valid);
  g_test_add_func ("/converc/timestamp/format-invalid", test_timestamp_format_invalid);
  g_test_add_func ("/converc/timestamp/format-null", test_timestamp_format_null);

  return g_test_run ();
}
