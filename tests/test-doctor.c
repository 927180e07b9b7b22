/* test-doctor.c
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

/* The one concern of this file: the delivery doctor says the right thing for
 * every kind of failure. The signatures come from tests/data/doctor-vectors.txt
 * (made with openssl by make-doctor-vectors.sh; the command is on each line). */

#define G_LOG_DOMAIN "test-doctor"

#include "config.h"

#include <string.h>

#include "converc-doctor.h"
#include "converc-http-message.h"
#include "converc-signature.h"

#include "converc-test-utils.h"

#define SECRET "whsec_doctor_secret"
#define T0     G_GINT64_CONSTANT (1700000000)

static GHashTable *vectors;  /* name -> "t=…,v1=…" */

static void
load_vectors (void)
{
  g_autoptr(GBytes) file = converc_test_load_data ("doctor-vectors.txt");
  g_autofree char *text = g_strndup (g_bytes_get_data (file, NULL), g_bytes_get_size (file));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  vectors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;

      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      g_assert_cmpuint (strlen (fields[3]), ==, 64);
      g_hash_table_insert (vectors, g_strdup (fields[0]),
                           g_strdup_printf ("t=%s,v1=%s", fields[1], fields[3]));
    }

  g_assert_cmpuint (g_hash_table_size (vectors), >=, 15);
}

static const char *
header_of (const char *name)
{
  const char *header = g_hash_table_lookup (vectors, name);

  g_assert_nonnull (header);
  return header;
}

static GBytes *
body_of (const char *name)
{
  g_autofree char *file = g_strdup_printf ("doctor-body-%s.bin", name);

  return converc_test_load_data (file);
}

/* The doctor with SECRET, the secret the user gave (preferred) */
static ConvercDoctor *
doctor_with (const char *secret)
{
  ConvercDoctor *doctor = converc_doctor_new ();

  converc_doctor_add_secret (doctor, "the secret you gave", secret, TRUE);
  return doctor;
}

static ConvercDiagnosis *
check (ConvercDoctor *doctor,
       const char    *vector,
       const char    *arrived,
       gint64         now)
{
  g_autoptr(GBytes) body = body_of (arrived);
  ConvercDiagnosis *diagnosis = converc_doctor_diagnose (doctor, header_of (vector), body, now);

  g_test_message ("%s / %s: [%s] %s — %s", vector, arrived,
                  converc_diagnosis_kind_to_string (converc_diagnosis_get_kind (diagnosis)),
                  converc_diagnosis_get_title (diagnosis),
                  converc_diagnosis_get_explanation (diagnosis));

  /* Whatever it says, it never shows a secret */
  g_assert_null (strstr (converc_diagnosis_get_explanation (diagnosis), "doctor_secret"));
  g_assert_null (strstr (converc_diagnosis_get_title (diagnosis), "doctor_secret"));
  g_assert_cmpstr (converc_diagnosis_get_explanation (diagnosis), !=, "");

  return diagnosis;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* The vectors agree with libconverc's own signing (checked against openssl
 * in test-signature), so each vector means what its name says. */
static void
test_doctor_vectors_agree (void)
{
  const char * const bodies[] = { "json", "json-nl", "pretty2", "pretty4", "sorted", "lf",
                                  "crlf", "utf8", "latin1" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = body_of (bodies[i]);
      g_autofree char *header = converc_signature_header (SECRET, T0,
                                                          g_bytes_get_data (body, NULL),
                                                          g_bytes_get_size (body));

      g_assert_cmpstr (header, ==, header_of (bodies[i]));
    }
}

static void
test_doctor_valid (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  g_autoptr(ConvercDiagnosis) d = check (doctor, "json", "json", T0 + 10);
  gint64 t = 0;

  g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_VALID);
  g_assert_true (converc_diagnosis_is_valid (d));
  g_assert_cmpstr (converc_diagnosis_get_secret_label (d), ==, "the secret you gave");
  g_assert_cmpint (converc_diagnosis_get_timestamp_problem (d), ==, CONVERC_TIMESTAMP_OK);
  g_assert_true (converc_diagnosis_get_timestamp (d, &t));
  g_assert_cmpint (t, ==, T0);
  g_assert_cmpint (converc_diagnosis_get_age (d), ==, 10);
  assert_contains (converc_diagnosis_get_title (d), "Valid");
}

/* An empty body (Content-Length: 0) is a body like any other: the doctor
 * answers, it does not read through a NULL pointer (found by the fuzzer). */
static void
test_doctor_empty_body (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autofree char *header = converc_signature_header (SECRET, T0, (const guint8 *) "", 0);
  g_autoptr(ConvercDiagnosis) valid = NULL;
  g_autoptr(ConvercDiagnosis) mismatch = NULL;

  valid = converc_doctor_diagnose (doctor, header, empty, T0 + 1);
  g_assert_cmpint (converc_diagnosis_get_kind (valid), ==, CONVERC_DIAGNOSIS_VALID);

  mismatch = converc_doctor_diagnose (doctor,
                                      "t=100,v1=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                                      empty, 100);
  g_assert_false (converc_diagnosis_is_valid (mismatch));
}

static void
test_doctor_valid_several_v1 (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  g_autoptr(GBytes) body = body_of ("json");
  g_autofree char *header = g_strdup_printf ("X-IC-Signature: v0=abc,%s,v1=bad,v2=zz",
                                             header_of ("json"));
  g_autoptr(ConvercDiagnosis) d = converc_doctor_diagnose (doctor, header, body, T0);

  g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_VALID);
}

static void
test_doctor_other_endpoint (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  g_autoptr(ConvercDiagnosis) d = NULL;
  g_autoptr(ConvercDoctor) keyring = converc_doctor_new ();
  g_autoptr(ConvercDiagnosis) k = NULL;

  converc_doctor_add_secret (doctor, "endpoint wh_1 (https://a.example/hook)", SECRET "_x",
                             FALSE);
  converc_doctor_add_secret (doctor, "endpoint wh_2 (https://b.example/hook)",
                             "whsec_other_endpoint", FALSE);
  d = check (doctor, "other-endpoint", "json", T0);
  g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_VALID_OTHER_SECRET);
  g_assert_true (converc_diagnosis_is_valid (d));
  g_assert_cmpstr (converc_diagnosis_get_secret_label (d), ==,
                   "endpoint wh_2 (https://b.example/hook)");
  assert_contains (converc_diagnosis_get_explanation (d), "wh_2");

  /* Every secret of the keyring, none preferred: valid, and which one */
  converc_doctor_add_secret (keyring, "endpoint wh_1", SECRET, FALSE);
  converc_doctor_add_secret (keyring, "endpoint wh_2", "whsec_other_endpoint", FALSE);
  k = check (keyring, "other-endpoint", "json", T0);
  g_assert_cmpint (converc_diagnosis_get_kind (k), ==, CONVERC_DIAGNOSIS_VALID);
  g_assert_cmpstr (converc_diagnosis_get_secret_label (k), ==, "endpoint wh_2");
}

static void
test_doctor_timestamp (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  struct {
    gint64                  now;
    ConvercTimestampProblem problem;
    const char             *title;
    const char             *words;
  } cases[] = {
    { T0 + 1800, CONVERC_TIMESTAMP_SKEW, "30 minutes old", "clock skew" },
    { T0 + 301, CONVERC_TIMESTAMP_SKEW, "301 seconds old", "slow delivery" },
    { T0 + 86400 * 3, CONVERC_TIMESTAMP_REPLAY, "3 days old", "replay" },
    { T0 + 3600, CONVERC_TIMESTAMP_REPLAY, "60 minutes old", "replay" },
    { T0 - 600, CONVERC_TIMESTAMP_FUTURE, "10 minutes in the future", "clock skew" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ConvercDiagnosis) d = check (doctor, "json", "json", cases[i].now);
      g_autofree char *title = g_ascii_strdown (converc_diagnosis_get_title (d), -1);

      g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_TIMESTAMP);
      g_assert_false (converc_diagnosis_is_valid (d));
      g_assert_cmpint (converc_diagnosis_get_timestamp_problem (d), ==, cases[i].problem);
      g_assert_cmpint (converc_diagnosis_get_age (d), ==, cases[i].now - T0);
      assert_contains (title, "signature right, timestamp ");
      assert_contains (converc_diagnosis_get_explanation (d), cases[i].title);
      assert_contains (converc_diagnosis_get_explanation (d), cases[i].words);
      assert_contains (converc_diagnosis_get_explanation (d), "5 minutes allowed");
    }

  /* No tolerance: the age is not checked */
  converc_doctor_set_tolerance (doctor, 0);
  {
    g_autoptr(ConvercDiagnosis) d = check (doctor, "json", "json", T0 + 86400 * 3);

    g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_VALID);
    g_assert_cmpint (converc_diagnosis_get_timestamp_problem (d), ==,
                     CONVERC_TIMESTAMP_UNCHECKED);
  }
}

static void
test_doctor_body_changed (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  struct {
    const char        *signed_as;
    const char        *arrived;
    ConvercBodyChange  change;
    const char        *words;
  } cases[] = {
    { "json", "json-nl", CONVERC_BODY_CHANGE_TRAILING_NEWLINE_ADDED,
      "trailing newline was added" },
    { "json-nl", "json", CONVERC_BODY_CHANGE_TRAILING_NEWLINE_REMOVED,
      "lost its trailing newline" },
    { "lf", "crlf", CONVERC_BODY_CHANGE_LF_TO_CRLF, "from LF to CRLF" },
    { "crlf", "lf", CONVERC_BODY_CHANGE_CRLF_TO_LF, "from CRLF to LF" },
    { "json", "pretty2", CONVERC_BODY_CHANGE_JSON_COMPACT, "signed compact" },
    { "json", "pretty4", CONVERC_BODY_CHANGE_JSON_COMPACT, "signed compact" },
    { "pretty2", "json", CONVERC_BODY_CHANGE_JSON_PRETTY_2, "2 spaces" },
    { "pretty4", "json", CONVERC_BODY_CHANGE_JSON_PRETTY_4, "4 spaces" },
    { "pretty4", "pretty2", CONVERC_BODY_CHANGE_JSON_PRETTY_4, "4 spaces" },
    { "sorted", "json", CONVERC_BODY_CHANGE_JSON_KEYS_ORDER, "keys in another order" },
    { "utf8", "latin1", CONVERC_BODY_CHANGE_UTF8_TO_LATIN1, "from UTF-8 to Latin-1" },
    { "latin1", "utf8", CONVERC_BODY_CHANGE_LATIN1_TO_UTF8, "to UTF-8 from Latin-1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ConvercDiagnosis) d = check (doctor, cases[i].signed_as, cases[i].arrived, T0);

      g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_BODY_CHANGED);
      g_assert_cmpint (converc_diagnosis_get_body_change (d), ==, cases[i].change);
      g_assert_cmpstr (converc_diagnosis_get_title (d), ==, "The Body Was Changed");
      assert_contains (converc_diagnosis_get_explanation (d), cases[i].words);
      g_assert_cmpstr (converc_diagnosis_get_secret_label (d), ==, "the secret you gave");
    }
}

static void
test_doctor_body_changed_and_old (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  g_autoptr(ConvercDiagnosis) d = check (doctor, "json", "json-nl", T0 + 7200);

  /* Both things are said */
  g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_BODY_CHANGED);
  g_assert_cmpint (converc_diagnosis_get_timestamp_problem (d), ==, CONVERC_TIMESTAMP_REPLAY);
  assert_contains (converc_diagnosis_get_explanation (d), "trailing newline");
  assert_contains (converc_diagnosis_get_explanation (d), "2 hours old");
}

static void
test_doctor_secret_misused (void)
{
  struct {
    const char          *vector;
    const char          *given;
    ConvercSecretMisuse  misuse;
    const char          *words;
  } cases[] = {
    { "prefix-dropped", SECRET, CONVERC_SECRET_MISUSE_PREFIX_DROPPED, "without its “whsec_”" },
    { "prefix-added", "plain_secret", CONVERC_SECRET_MISUSE_PREFIX_ADDED, "“whsec_” added" },
    { "newline-secret", SECRET, CONVERC_SECRET_MISUSE_WHITESPACE, "line break" },
    /* the secret given with a newline (from a file), signed without */
    { "json", SECRET "\n", CONVERC_SECRET_MISUSE_WHITESPACE, "line break" },
    { "json", "  " SECRET, CONVERC_SECRET_MISUSE_WHITESPACE, "spaces" },
    { "hex-decoded", "whsec_00112233445566778899aabbccddeeff", CONVERC_SECRET_MISUSE_HEX_DECODED,
      "hex-decoded" },
    { "base64-decoded", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      CONVERC_SECRET_MISUSE_BASE64_DECODED, "base64-decoded" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ConvercDoctor) doctor = doctor_with (cases[i].given);
      g_autoptr(ConvercDiagnosis) d = check (doctor, cases[i].vector, "json", T0);

      g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_SECRET_MISUSED);
      g_assert_cmpint (converc_diagnosis_get_secret_misuse (d), ==, cases[i].misuse);
      g_assert_cmpstr (converc_diagnosis_get_title (d), ==, "The Secret Was Used Wrongly");
      assert_contains (converc_diagnosis_get_explanation (d), cases[i].words);
    }
}

static void
test_doctor_malformed (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  g_autoptr(GBytes) body = body_of ("json");
  g_autoptr(GString) huge = g_string_new ("t=1700000000");
  const char *sig = header_of ("json") + strlen ("t=1700000000,v1=");
  struct {
    const char           *header;
    ConvercHeaderProblem  problem;
    const char           *words;
  } cases[] = {
    { NULL, CONVERC_HEADER_MISSING, "no X-IC-Signature header" },
    { "", CONVERC_HEADER_MISSING, "no X-IC-Signature header" },
    { "  ", CONVERC_HEADER_MISSING, "no X-IC-Signature header" },
    { "X-IC-Signature:", CONVERC_HEADER_MISSING, "no X-IC-Signature header" },
    { "t=1700000000", CONVERC_HEADER_NO_V1, "no v1 signature" },
    { "t=1700000000,v1=", CONVERC_HEADER_NO_V1, "no v1 signature" },
    { "v1=@", CONVERC_HEADER_NO_TIMESTAMP, "no timestamp" },
    { "t=soon,v1=@", CONVERC_HEADER_TIMESTAMP_NOT_NUMBER, "“soon” is not a number" },
    { "t=-5,v1=@", CONVERC_HEADER_TIMESTAMP_NOT_NUMBER, "“-5” is not a number" },
    { "t=99999999999999999999,v1=@", CONVERC_HEADER_TIMESTAMP_NOT_NUMBER, "not a number" },
    { "t=1700000000;v1=@", CONVERC_HEADER_BAD_SEPARATOR, "separated by commas" },
    { "t=1700000000 v1=@", CONVERC_HEADER_BAD_SEPARATOR, "is not “name=value”" },
    { "t=1700000000,sha256", CONVERC_HEADER_BAD_SEPARATOR, "“sha256”" },
    { "t=1,t=2,v1=@", CONVERC_HEADER_SEVERAL_TIMESTAMPS, "more than one timestamp" },
    { "t=1700000000,v1=zz", CONVERC_HEADER_V1_NOT_HEX, "“zz” is not" },
    { "t=1700000000,v1=abcdef", CONVERC_HEADER_V1_NOT_HEX, "64 hexadecimal digits" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) header = cases[i].header ? g_string_new (cases[i].header) : NULL;
      g_autoptr(ConvercDiagnosis) d = NULL;

      if (header != NULL)
        g_string_replace (header, "@", sig, 0);
      d = converc_doctor_diagnose (doctor, header ? header->str : NULL, body, T0);
      g_test_message ("header %s: %s", cases[i].header, converc_diagnosis_get_explanation (d));
      g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_MALFORMED_HEADER);
      g_assert_cmpint (converc_diagnosis_get_header_problem (d), ==, cases[i].problem);
      g_assert_cmpstr (converc_diagnosis_get_title (d), ==, "Malformed Signature Header");
      assert_contains (converc_diagnosis_get_explanation (d), cases[i].words);
      assert_contains (converc_diagnosis_get_explanation (d), "t=<Unix seconds>");
    }

  /* Too long, and control characters in a shown part are replaced */
  for (guint i = 0; i < 2000; i++)
    g_string_append (huge, ",v1=00");
  {
    g_autoptr(ConvercDiagnosis) d = converc_doctor_diagnose (doctor, huge->str, body, T0);
    g_autoptr(ConvercDiagnosis) e = converc_doctor_diagnose (doctor, "t=1\x1b[31m,v1=00", body, T0);

    g_assert_cmpint (converc_diagnosis_get_header_problem (d), ==, CONVERC_HEADER_TOO_LONG);
    g_assert_cmpint (converc_diagnosis_get_header_problem (e), ==,
                     CONVERC_HEADER_TIMESTAMP_NOT_NUMBER);
    g_assert_null (strchr (converc_diagnosis_get_explanation (e), '\x1b'));
  }
}

static void
test_doctor_unexplained (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  g_autoptr(ConvercDiagnosis) d = NULL;
  g_autoptr(ConvercDiagnosis) e = NULL;

  d = check (doctor, "unknown-secret", "json", T0);
  g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_UNEXPLAINED);
  assert_contains (converc_diagnosis_get_explanation (d), "does not match");
  assert_contains (converc_diagnosis_get_explanation (d), "a secret you don’t have");
  g_assert_null (converc_diagnosis_get_secret_label (d));

  converc_doctor_add_secret (doctor, "endpoint wh_9", "whsec_another", FALSE);
  e = check (doctor, "unknown-secret", "json", T0);
  g_assert_cmpint (converc_diagnosis_get_kind (e), ==, CONVERC_DIAGNOSIS_UNEXPLAINED);
  assert_contains (converc_diagnosis_get_explanation (e), "2 secrets were tried");
}

static void
test_doctor_no_secret (void)
{
  g_autoptr(ConvercDoctor) doctor = converc_doctor_new ();
  g_autoptr(ConvercDiagnosis) d = NULL;

  converc_doctor_add_secret (doctor, "empty", "", TRUE);  /* ignored */
  g_assert_cmpuint (converc_doctor_get_n_secrets (doctor), ==, 0);
  d = check (doctor, "json", "json", T0);
  g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_NO_SECRET);
  assert_contains (converc_diagnosis_get_explanation (d), "no signing secret");
}

/* A body of several megabytes: a change found, or an honest "not all
 * checks", well under a second. */
static void
test_doctor_huge_body (void)
{
  g_autoptr(ConvercDoctor) doctor = converc_doctor_new ();
  g_autoptr(GString) text = g_string_new ("{\"items\":[");
  g_autoptr(GBytes) signed_body = NULL;
  g_autoptr(GBytes) arrived = NULL;
  g_autoptr(GBytes) unknown = NULL;
  g_autoptr(ConvercDiagnosis) d = NULL;
  g_autoptr(ConvercDiagnosis) e = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *header = NULL;

  for (guint i = 0; text->len < 5 * 1024 * 1024; i++)
    g_string_append_printf (text, "%s{\"n\":%u,\"text\":\"a line of a large body\"}",
                            i ? "," : "", i);
  g_string_append (text, "]}");
  signed_body = g_bytes_new (text->str, text->len);
  header = converc_signature_header (SECRET, T0, (const guint8 *) text->str, text->len);
  g_string_append_c (text, '\n');
  arrived = g_bytes_new (text->str, text->len);
  g_string_overwrite (text, 20, "X");
  unknown = g_bytes_new (text->str, text->len);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *label = g_strdup_printf ("endpoint wh_%u", i);
      g_autofree char *secret = g_strdup_printf ("whsec_other_%u", i);

      converc_doctor_add_secret (doctor, label, secret, FALSE);
    }
  converc_doctor_add_secret (doctor, "endpoint wh_ok", SECRET, FALSE);

  g_timer_start (timer);
  d = converc_doctor_diagnose (doctor, header, arrived, T0);
  g_test_message ("5 MB, found: %.3f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_BODY_CHANGED);
  g_assert_cmpint (converc_diagnosis_get_body_change (d), ==,
                   CONVERC_BODY_CHANGE_TRAILING_NEWLINE_ADDED);
  g_assert_cmpstr (converc_diagnosis_get_secret_label (d), ==, "endpoint wh_ok");

  g_timer_start (timer);
  e = converc_doctor_diagnose (doctor, header, unknown, T0);
  g_test_message ("5 MB, not found: %.3f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpint (converc_diagnosis_get_kind (e), ==, CONVERC_DIAGNOSIS_UNEXPLAINED);
  g_assert_true (converc_diagnosis_get_checks_limited (e));
  assert_contains (converc_diagnosis_get_explanation (e), "too large for every check");
  /* generous under sanitizers and a loaded machine; about 0.3 s otherwise */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 3.0);
}

static void
test_doctor_async (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  g_autoptr(GBytes) body = body_of ("json-nl");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvercDiagnosis) d = NULL;
  g_autoptr(GError) error = NULL;

  converc_doctor_diagnose_async (doctor, header_of ("json"), body, T0, NULL,
                                 converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, 10);
  d = converc_doctor_diagnose_finish (doctor, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (converc_diagnosis_get_body_change (d), ==,
                   CONVERC_BODY_CHANGE_TRAILING_NEWLINE_ADDED);
}

/* A request pasted with LF line endings: the body's CRLF became LF too, and
 * its Content-Length counts the bytes it had */
static void
test_doctor_pasted_request (void)
{
  g_autoptr(ConvercDoctor) doctor = doctor_with (SECRET);
  g_autoptr(GBytes) signed_body = body_of ("crlf");
  g_autoptr(GBytes) arrived = body_of ("lf");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(ConvercHttpMessage) message = NULL;
  g_autoptr(ConvercDiagnosis) d = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append_printf (text, "POST /hook HTTP/1.1\nX-IC-Signature: %s\n"
                          "Content-Length: %zu\n\n", header_of ("crlf"),
                          g_bytes_get_size (signed_body));
  g_string_append_len (text, g_bytes_get_data (arrived, NULL), g_bytes_get_size (arrived));

  message = converc_http_message_parse ((const guint8 *) text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (converc_http_message_get_line_ending (message), ==, CONVERC_LINE_ENDING_LF);
  g_assert_true (converc_http_message_get_truncated (message));
  g_assert_true (g_bytes_equal (converc_http_message_get_body (message), arrived));

  d = converc_doctor_diagnose (doctor,
                               converc_http_message_get_header (message, "x-ic-signature"),
                               converc_http_message_get_body (message), T0);
  g_assert_cmpint (converc_diagnosis_get_kind (d), ==, CONVERC_DIAGNOSIS_BODY_CHANGED);
  g_assert_cmpint (converc_diagnosis_get_body_change (d), ==, CONVERC_BODY_CHANGE_CRLF_TO_LF);
}

static void
test_doctor_names (void)
{
  g_assert_cmpstr (converc_diagnosis_kind_to_string (CONVERC_DIAGNOSIS_BODY_CHANGED), ==,
                   "body-changed");
  g_assert_cmpstr (converc_body_change_to_string (CONVERC_BODY_CHANGE_TRAILING_NEWLINE_ADDED),
                   ==, "trailing-newline-added");
  g_assert_cmpstr (converc_secret_misuse_to_string (CONVERC_SECRET_MISUSE_BASE64_DECODED), ==,
                   "base64-decoded");
  g_assert_cmpstr (converc_header_problem_to_string (CONVERC_HEADER_V1_NOT_HEX), ==,
                   "v1-not-hex");
  g_assert_cmpstr (converc_timestamp_problem_to_string (CONVERC_TIMESTAMP_REPLAY), ==,
                   "replay");
  g_assert_cmpstr (converc_diagnosis_kind_to_string (99), ==, "unknown");
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);
  load_vectors ();

  g_test_add_func ("/converc/doctor/vectors-agree", test_doctor_vectors_agree);
  g_test_add_func ("/converc/doctor/valid", test_doctor_valid);
  g_test_add_func ("/converc/doctor/empty-body", test_doctor_empty_body);
  g_test_add_func ("/converc/doctor/valid-several-v1", test_doctor_valid_several_v1);
  g_test_add_func ("/converc/doctor/other-endpoint", test_doctor_other_endpoint);
  g_test_add_func ("/converc/doctor/timestamp", test_doctor_timestamp);
  g_test_add_func ("/converc/doctor/body-changed", test_doctor_body_changed);
  g_test_add_func ("/converc/doctor/body-changed-and-old", test_doctor_body_changed_and_old);
  g_test_add_func ("/converc/doctor/secret-misused", test_doctor_secret_misused);
  g_test_add_func ("/converc/doctor/malformed", test_doctor_malformed);
  g_test_add_func ("/converc/doctor/unexplained", test_doctor_unexplained);
  g_test_add_func ("/converc/doctor/no-secret", test_doctor_no_secret);
  g_test_add_func ("/converc/doctor/huge-body", test_doctor_huge_body);
  g_test_add_func ("/converc/doctor/async", test_doctor_async);
  g_test_add_func ("/converc/doctor/pasted-request", test_doctor_pasted_request);
  g_test_add_func ("/converc/doctor/names", test_doctor_names);

  return g_test_run ();
}
