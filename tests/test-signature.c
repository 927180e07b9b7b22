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


#define G_LOG_DOMAIN "test-signature"

#include "config.h"

#include <string.h>

#include "converc-signature.h"

#include "converc-test-utils.h"

#define SECRET "whsec_test_secret"
#define T0     G_GINT64_CONSTANT (1700000000)
#define BODY   "{\"id\":\"evt_1\",\"type\":\"call.ended\",\"data\":{\"call\":{\"status\":\"completed\"}}}"
/* openssl: see tests/data/signature-vectors.txt, vector "json" */
#define BODY_SIG "e744ac1b3fc996c3f70d6e3d0b6bb1bf17b6ea0884d7d253f55d4cb1ead53c64"

typedef struct
{
  char   *name;
  char   *secret;
  gint64  t;
  GBytes *body;
  char   *expected;
} Vector;

static void
vector_free (gpointer data)
{
  Vector *v = data;

  g_free (v->name);
  g_free (v->secret);
  g_bytes_unref (v->body);
  g_free (v->expected);
  g_free (v);
}

static GPtrArray *
load_vectors (void)
{
  g_autoptr(GBytes) file = converc_test_load_data ("signature-vectors.txt");
  g_autofree char *text = g_strndup (g_bytes_get_data (file, NULL), g_bytes_get_size (file));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *vectors = g_ptr_array_new_with_free_func (vector_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Vector *v;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;

      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 5);

      v = g_new0 (Vector, 1);
      v->name = g_strdup (fields[0]);
      v->secret = g_strdup (fields[1]);
      v->t = g_ascii_strtoll (fields[2], NULL, 10);
      v->body = converc_test_load_data (fields[3]);
      v->expected = g_strdup (fields[4]);
      g_assert_cmpuint (strlen (v->expected), ==, 64);
      g_ptr_array_add (vectors, v);
    }

  /* The file has binary, empty, UTF-8, large bodies and a UTF-8 secret. */
  g_assert_cmpuint (vectors->len, >=, 10);
  return vectors;
}

static gboolean
verify_text (const char  *secret,
             const char  *header,
             const char  *body,
             gint64       now,
             gint64       tolerance,
             GError     **error)
{
  return converc_signature_verify (secret, header, (const guint8 *) body,
                                   strlen (body), now, tolerance, error);
}

static void
test_signature_compute_vectors (void)
{
  g_autoptr(GPtrArray) vectors = load_vectors ();

  for (guint i = 0; i < vectors->len; i++)
    {
      Vector *v = g_ptr_array_index (vectors, i);
      gsize len;
      const guint8 *data = g_bytes_get_data (v->body, &len);
      g_autofree char *sig = converc_signature_compute (v->secret, v->t, data, len);

      g_test_message ("vector %s", v->name);
      g_assert_cmpstr (sig, ==, v->expected);
    }
}

static void
test_signature_compute_empty_body_null (void)
{
  g_autoptr(GPtrArray) vectors = load_vectors ();

  for (guint i = 0; i < vectors->len; i++)
    {
      Vector *v = g_ptr_array_index (vectors, i);
      g_autofree char *sig = NULL;

      if (g_bytes_get_size (v->body) != 0)
        continue;

      /* An empty body may come as NULL, 0 */
      sig = converc_signature_compute (v->secret, v->t, NULL, 0);
      g_assert_cmpstr (sig, ==, v->expected);
      return;
    }

  g_assert_not_reached ();
}

static void
test_signature_compute_lowercase (void)
{
  g_autofree char *sig = converc_signature_compute (SECRET, T0, (const guint8 *) BODY, strlen (BODY));

  g_assert_cmpstr (sig, ==, BODY_SIG);
  for (const char *p = sig; *p; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
}

static void
test_signature_header_vectors (void)
{
  g_autoptr(GPtrArray) vectors = load_vectors ();

  for (guint i = 0; i < vectors->len; i++)
    {
      Vector *v = g_ptr_array_index (vectors, i);
      gsize len;
      const guint8 *data = g_bytes_get_data (v->body, &len);
      g_autofree char *header = converc_signature_header (v->secret, v->t, data, len);
      g_autofree char *expected = g_strdup_printf ("t=%" G_GINT64_FORMAT ",v1=%s",
                                                   v->t, v->expected);

      g_assert_cmpstr (header, ==, expected);
    }
}

static void
test_signature_verify_vectors (void)
{
  g_autoptr(GPtrArray) vectors = load_vectors ();

  for (guint i = 0; i < vectors->len; i++)
    {
      Vector *v = g_ptr_array_index (vectors, i);
      gsize len;
      const guint8 *data = g_bytes_get_data (v->body, &len);
      g_autofree char *header = g_strdup_printf ("t=%" G_GINT64_FORMAT ",v1=%s",
                                                 v->t, v->expected);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("vector %s", v->name);
      ok = converc_signature_verify (v->secret, header, data, len, v->t + 10,
                                     CONVERC_SIGNATURE_DEFAULT_TOLERANCE, &error);
      g_assert_no_error (error);
      g_assert_true (ok);

      /* One byte changed anywhere in the body: mismatch. */
      if (len > 0)
        {
          g_autofree guint8 *copy = g_memdup2 (data, len);

          copy[len / 2] ^= 0x01;
          ok = converc_signature_verify (v->secret, header, copy, len, v->t + 10,
                                         CONVERC_SIGNATURE_DEFAULT_TOLERANCE, &error);
          g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH);
          g_assert_false (ok);
          g_clear_error (&error);

          /* One byte less: mismatch. */
          ok = converc_signature_verify (v->secret, header, data, len - 1, v->t + 10,
                                         CONVERC_SIGNATURE_DEFAULT_TOLERANCE, &error);
          g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH);
          g_assert_false (ok);
          g_clear_error (&error);
        }
    }
}

static void
test_signature_roundtrip (void)
{
  static const guint8 body[] = { 0x00, 0xff, 0x7b, 0x22, 0x00, 0x0a, 0xc3, 0x28 };
  g_autofree char *header = converc_signature_header ("s", 42, body, sizeof body);
  g_autoptr(GError) error = NULL;

  g_assert_true (converc_signature_verify ("s", header, body, sizeof body, 42, 300, &error));
  g_assert_no_error (error);
}

static void
test_signature_parse_simple (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sigs = NULL;
  gint64 t = 0;

  g_assert_true (converc_signature_parse ("t=1700000000,v1=" BODY_SIG, &t, &sigs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t, ==, T0);
  g_assert_nonnull (sigs);
  g_assert_cmpuint (g_strv_length (sigs), ==, 1);
  g_assert_cmpstr (sigs[0], ==, BODY_SIG);
}

static void
test_signature_parse_multiple (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sigs = NULL;
  gint64 t = 0;

  g_assert_true (converc_signature_parse ("t=12,v1=aaaa,v1=bbbb,v1=" BODY_SIG,
                                          &t, &sigs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t, ==, 12);
  g_assert_cmpuint (g_strv_length (sigs), ==, 3);
  g_assert_cmpstr (sigs[0], ==, "aaaa");
  g_assert_cmpstr (sigs[1], ==, "bbbb");
  g_assert_cmpstr (sigs[2], ==, BODY_SIG);
}

static void
test_signature_parse_order_and_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sigs = NULL;
  gint64 t = 0;

  /* v1 before t, and unknown schemes (v0, v2) are ignored. */
  g_assert_true (converc_signature_parse ("v0=dead,v1=" BODY_SIG ",t=1700000000,v2=beef",
                                          &t, &sigs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t, ==, T0);
  g_assert_cmpuint (g_strv_length (sigs), ==, 1);
  g_assert_cmpstr (sigs[0], ==, BODY_SIG);
}

static void
test_signature_parse_spaces (void)
{
  static const char * const headers[] = {
    "t=1700000000, v1=" BODY_SIG,
    " t=1700000000 , v1=" BODY_SIG " ",
    "t=1700000000,\tv1=" BODY_SIG,
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) sigs = NULL;
      gint64 t = 0;

      g_test_message ("header \"%s\"", headers[i]);
      g_assert_true (converc_signature_parse (headers[i], &t, &sigs, &error));
      g_assert_no_error (error);
      g_assert_cmpint (t, ==, T0);
      g_assert_cmpuint (g_strv_length (sigs), ==, 1);
      g_assert_cmpstr (sigs[0], ==, BODY_SIG);
    }
}

static void
test_signature_parse_malformed (void)
{
  static const char * const headers[] = {
    "",
    " ",
    ",",
    ",,,",
    "=",
    "t",
    "t=",
    "v1=" BODY_SIG,                              /* missing t */
    "t=1700000000",                              /* missing v1 */
    "t=1700000000,",
    "t=1700000000,v1",
    "t=abc,v1=" BODY_SIG,                        /* non-numeric t */
    "t=17000x0000,v1=" BODY_SIG,
    "t=1700000000abc,v1=" BODY_SIG,
    "t=99999999999999999999999999,v1=" BODY_SIG, /* overflows gint64 */
    "t=9223372036854775808,v1=" BODY_SIG,        /* G_MAXINT64 + 1 */
    "t==1700000000,v1=" BODY_SIG,
    "sha256=" BODY_SIG,
    "garbage",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) sigs = NULL;
      gint64 t = 0;
      gboolean ok;

      g_test_message ("header \"%s\"", headers[i]);
      ok = converc_signature_parse (headers[i], &t, &sigs, &error);
      g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED);
      g_assert_false (ok);
      g_clear_error (&error);

      /* verify reports the same, even with a valid body and secret */
      ok = verify_text (SECRET, headers[i], BODY, T0, 300, &error);
      g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED);
      g_assert_false (ok);
    }
}

static void
test_signature_parse_long (void)
{
  g_autoptr(GString) header = g_string_new ("t=1700000000");
  g_autoptr(GString) huge = g_string_new ("t=1700000000");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sigs = NULL;
  gint64 t = 0;

  /* Several v1 values (key rotation) parse without trouble */
  for (guint i = 0; i < 40; i++)
    g_string_append (header, ",v1=0000000000000000000000000000000000000000000000000000000000000000");
  g_string_append (header, ",v1=" BODY_SIG);

  g_assert_true (converc_signature_parse (header->str, &t, &sigs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sigs), ==, 41);

  g_assert_true (verify_text (SECRET, header->str, BODY, T0, 300, &error));
  g_assert_no_error (error);

  /* An absurdly long header is refused as malformed, without a crash */
  for (guint i = 0; i < 100000; i++)
    g_string_append (huge, ",v1=00");
  g_assert_false (verify_text (SECRET, huge->str, BODY, T0, 300, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == CONVERC_SIGNATURE_ERROR);
}

static void
test_signature_verify_valid (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, T0, 300, &error));
  g_assert_no_error (error);
  g_assert_true (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, T0 + 299, 300, &error));
  g_assert_no_error (error);
  g_assert_true (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, T0 - 299, 300, &error));
  g_assert_no_error (error);
}

static void
test_signature_verify_any_v1 (void)
{
  g_autoptr(GError) error = NULL;

  /* The matching signature is the second of several */
  g_assert_true (verify_text (SECRET,
                              "t=1700000000,v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,v1=" BODY_SIG,
                              BODY, T0, 300, &error));
  g_assert_no_error (error);
}

static void
test_signature_verify_one_good_v1_enough (void)
{
  /* One matching v1 among unusable ones (not hex, wrong length, other
   * schemes) is enough, as Stripe's and Svix's libraries read the header. */
  static const char * const headers[] = {
    "t=1700000000,v1=" BODY_SIG ",v1=bad",
    "t=1700000000,v1=bad,v1=" BODY_SIG,
    "t=1700000000,v1=" BODY_SIG ",v1=not-hex-at-all",
    "t=1700000000,v1=zz,v1=" BODY_SIG ",v1=",
    "t=1700000000,v0=zz,v1=" BODY_SIG ",v2=beef",
    "v2=xyz,t=1700000000,v1=" BODY_SIG,
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("header \"%s\"", headers[i]);
      g_assert_true (verify_text (SECRET, headers[i], BODY, T0, 300, &error));
      g_assert_no_error (error);
    }
}

static void
test_signature_verify_no_usable_v1 (void)
{
  g_autoptr(GError) error = NULL;

  /* Only unusable v1 values: a mismatch, never a crash */
  g_assert_false (verify_text (SECRET, "t=1700000000,v1=bad,v1=zz", BODY, T0, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH);
  g_clear_error (&error);

  /* An empty v1 is no v1 at all */
  g_assert_false (verify_text (SECRET, "t=1700000000,v1=", BODY, T0, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED);
}

static void
test_signature_verify_tampered (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tampered = g_strdup (BODY);

  tampered[strlen (tampered) - 3] = 'x';
  g_assert_false (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, tampered, T0, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH);
  g_clear_error (&error);

  /* Re-serialised JSON (spaces added) is a different body */
  g_assert_false (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG,
                               "{\"id\": \"evt_1\", \"type\": \"call.ended\", \"data\": {\"call\": {\"status\": \"completed\"}}}",
                               T0, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH);
  g_clear_error (&error);

  /* A timestamp changed in the header breaks the signature */
  g_assert_false (verify_text (SECRET, "t=1700000001,v1=" BODY_SIG, BODY, T0, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH);
}

static void
test_signature_verify_wrong_secret (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (verify_text ("whsec_test_secreT", "t=1700000000,v1=" BODY_SIG, BODY,
                               T0, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH);
  g_clear_error (&error);

  /* A prefix of the right secret is still wrong */
  g_assert_false (verify_text ("whsec_test_secre", "t=1700000000,v1=" BODY_SIG, BODY,
                               T0, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH);
}

static void
test_signature_verify_expired (void)
{
  g_autoptr(GError) error = NULL;

  /* Too old */
  g_assert_false (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, T0 + 301, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_EXPIRED);
  g_clear_error (&error);
  g_assert_false (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, T0 + 86400 * 365, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_EXPIRED);
  g_clear_error (&error);

  /* Too far in the future */
  g_assert_false (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, T0 - 301, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_EXPIRED);
  g_clear_error (&error);
  g_assert_false (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, 0, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_EXPIRED);
  g_clear_error (&error);

  /* A smaller tolerance */
  g_assert_false (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, T0 + 11, 10, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_EXPIRED);
}

static void
test_signature_verify_extreme_times (void)
{
  g_autofree char *header = NULL;
  g_autoptr(GError) error = NULL;

  /* A timestamp at the end of time is in the future, not fresh */
  header = converc_signature_header (SECRET, G_MAXINT64, (const guint8 *) BODY, strlen (BODY));
  g_assert_false (verify_text (SECRET, header, BODY, T0, 300, &error));
  /* (converc-signature.c refuses a t that overflows microseconds as malformed) */
  g_assert_true (g_error_matches (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_EXPIRED) ||
                 g_error_matches (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED));
  g_clear_error (&error);

  g_clear_pointer (&header, g_free);
  header = converc_signature_header (SECRET, 0, (const guint8 *) BODY, strlen (BODY));
  g_assert_false (verify_text (SECRET, header, BODY, G_MAXINT64, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_EXPIRED);
  g_clear_error (&error);

  /* A huge tolerance does not overflow */
  g_assert_true (verify_text (SECRET, header, BODY, T0, G_MAXINT64, &error));
  g_assert_no_error (error);
}

static void
test_signature_verify_no_tolerance (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, T0 + 86400 * 3650, 0, &error));
  g_assert_no_error (error);
  g_assert_true (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_true (verify_text (SECRET, "t=1700000000,v1=" BODY_SIG, BODY, T0 + 86400 * 3650, -1, &error));
  g_assert_no_error (error);

  /* Without the age check a bad signature is still refused */
  g_assert_false (verify_text ("other", "t=1700000000,v1=" BODY_SIG, BODY, 0, 0, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH);
}

static void
test_signature_verify_no_secret (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (verify_text ("", "t=1700000000,v1=" BODY_SIG, BODY, T0, 300, &error));
  g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_NO_SECRET);
  g_clear_error (&error);

  /* Even a signature computed with an empty key is not accepted */
    {
      g_autofree char *header = converc_signature_header ("x", T0, (const guint8 *) BODY, strlen (BODY));

      g_assert_false (verify_text ("", header, BODY, T0, 300, &error));
      g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_NO_SECRET);
    }
}

static void
test_signature_verify_wrong_length (void)
{
  static const char * const headers[] = {
    "t=1700000000,v1=e744",
    "t=1700000000,v1=e744ac1b3fc996c3f70d6e3d0b6bb1bf17b6ea0884d7d253f55d4cb1ead53c6",     /* 63 */
    "t=1700000000,v1=e744ac1b3fc996c3f70d6e3d0b6bb1bf17b6ea0884d7d253f55d4cb1ead53c644",   /* 65 */
    "t=1700000000,v1=" BODY_SIG BODY_SIG,                                                  /* 128 */
    "t=1700000000,v1=" BODY_SIG "00",
    "t=1700000000,v1=zz44ac1b3fc996c3f70d6e3d0b6bb1bf17b6ea0884d7d253f55d4cb1ead53c64",   /* not hex */
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("header \"%s\"", headers[i]);
      g_assert_false (verify_text (SECRET, headers[i], BODY, T0, 300, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == CONVERC_SIGNATURE_ERROR);
      /* A v1 that cannot match is a mismatch; a stricter reader may call
       * non-hex malformed. */
      if (i < 5)
        g_assert_error (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH);
      else
        g_assert_true (error->code == CONVERC_SIGNATURE_ERROR_MISMATCH ||
                       error->code == CONVERC_SIGNATURE_ERROR_MALFORMED);
    }
}

static void
test_signature_verify_uppercase_hex (void)
{
  g_autofree char *upper = g_ascii_strup (BODY_SIG, -1);
  g_autofree char *header = g_strdup_printf ("t=1700000000,v1=%s", upper);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* The API sends lowercase. Uppercase hex is the same bytes: accepting it is
   * fine, refusing it is fine, but only as a mismatch or malformed header. */
  ok = verify_text (SECRET, header, BODY, T0, 300, &error);
  if (ok)
    g_assert_no_error (error);
  else
    g_assert_true (g_error_matches (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MISMATCH) ||
                   g_error_matches (error, CONVERC_SIGNATURE_ERROR, CONVERC_SIGNATURE_ERROR_MALFORMED));
}

static void
test_signature_error_messages (void)
{
  g_autoptr(GError) error = NULL;

  /* Messages never contain the secret */
  verify_text ("my-very-private-secret", "t=1700000000,v1=" BODY_SIG, BODY, T0, 300, &error);
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "my-very-private-secret"));
  g_assert_cmpstr (error->message, !=, "");
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/signature/compute-vectors", test_signature_compute_vectors);
  g_test_add_func ("/converc/signature/compute-empty-body-null",
                   test_signature_compute_empty_body_null);
  g_test_add_func ("/converc/signature/compute-lowercase", test_signature_compute_lowercase);
  g_test_add_func ("/converc/signature/header-vectors", test_signature_header_vectors);
  g_test_add_func ("/converc/signature/verify-vectors", test_signature_verify_vectors);
  g_test_add_func ("/converc/signature/roundtrip", test_signature_roundtrip);
  g_test_add_func ("/converc/signature/parse-simple", test_signature_parse_simple);
  g_test_add_func ("/converc/signature/parse-multiple", test_signature_parse_multiple);
  g_test_add_func ("/converc/signature/parse-order-and-unknown",
                   test_signature_parse_order_and_unknown);
  g_test_add_func ("/converc/signature/parse-spaces", test_signature_parse_spaces);
  g_test_add_func ("/converc/signature/parse-malformed", test_signature_parse_malformed);
  g_test_add_func ("/converc/signature/parse-long", test_signature_parse_long);
  g_test_add_func ("/converc/signature/verify-valid", test_signature_verify_valid);
  g_test_add_func ("/converc/signature/verify-any-v1", test_signature_verify_any_v1);
  g_test_add_func ("/converc/signature/verify-one-good-v1-enough",
                   test_signature_verify_one_good_v1_enough);
  g_test_add_func ("/converc/signature/verify-no-usable-v1", test_signature_verify_no_usable_v1);
  g_test_add_func ("/converc/signature/verify-tampered", test_signature_verify_tampered);
  g_test_add_func ("/converc/signature/verify-wrong-secret", test_signature_verify_wrong_secret);
  g_test_add_func ("/converc/signature/verify-expired", test_signature_verify_expired);
  g_test_add_func ("/converc/signature/verify-extreme-times", test_signature_verify_extreme_times);
  g_test_add_func ("/converc/signature/verify-no-tolerance", test_signature_verify_no_tolerance);
  g_test_add_func ("/converc/signature/verify-no-secret", test_signature_verify_no_secret);
  g_test_add_func ("/converc/signature/verify-wrong-length", test_signature_verify_wrong_length);
  g_test_add_func ("/converc/signature/verify-uppercase-hex", test_signature_verify_uppercase_hex);
  g_test_add_func ("/converc/signature/error-messages", test_signature_error_messages);

  return g_test_run ();
}
