/* converc-doctor.c
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

/* The one concern of this file: explaining why a delivery's signature fails. */

#define G_LOG_DOMAIN "converc-doctor"

#include "config.h"

#include <string.h>

#include "converc-diagnosis-private.h"
#include "converc-doctor.h"
#include "converc-doctor-private.h"
#include "converc-signature.h"

#define MAX_HEADER_LEN    4096
#define DIGEST_LEN        32
#define SIGNATURE_HEXLEN  64
#define SKEW_LIMIT        3600                 /* older than this: a replay */
/* Work bounds, so that a body of several megabytes is diagnosed well under a
 * second: the bytes fed to HMAC in one diagnosis, the largest body that is
 * parsed as JSON to try re-serialisations, and the JSON depth written back. */
#define MAX_WORK_BYTES    (40 * 1024 * 1024)
#define MAX_JSON_BODY     (1024 * 1024)

typedef struct
{
  char     *label;
  guint8   *secret;
  gsize     secret_len;
  gboolean  preferred;
} Candidate;

struct _ConvercDoctor
{
  GObject    parent_instance;

  GPtrArray *candidates;  /* Candidate */
  gint64     tolerance;
};

G_DEFINE_FINAL_TYPE (ConvercDoctor, converc_doctor, G_TYPE_OBJECT)

/* One diagnosis in progress */
typedef struct
{
  GArray       *signatures;  /* guint8[DIGEST_LEN] each */
  char          prefix[32];  /* "<t>." */
  gsize         prefix_len;
  gsize         work;
  gboolean      limited;
  GCancellable *cancellable;
} Check;

typedef struct
{
  char   *header;
  GBytes *body;
  gint64  now;
} DiagnoseData;

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  converc_doctor_wipe (candidate->secret, candidate->secret_len);
  g_free (candidate->secret);
  g_free (candidate->label);
  g_free (candidate);
}

static void
diagnose_data_free (gpointer data)
{
  DiagnoseData *d = data;

  g_free (d->header);
  g_bytes_unref (d->body);
  g_free (d);
}

/* --- the header ------------------------------------------------------------ */

/* Printable ASCII, at most 40 characters: safe to show in a sentence. */
static char *
sanitize_part (const char *part)
{
  GString *out = g_string_new (NULL);

  for (const char *p = part; *p != '\0'; p++)
    {
      if (out->len >= 40)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_c (out, g_ascii_isprint (*p) ? *p : '?');
    }

  return g_string_free (out, FALSE);
}

/* Reads "t=…,v1=…" saying which part is wrong; the v1 values that can be
 * signatures go into @signatures as digests. */
static ConvercHeaderProblem
analyse_header (const char  *header,
                gboolean    *have_t,
                gint64      *t,
                GArray      *signatures,
                char       **bad_part)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) parts = NULL;
  const char *first_bad_v1 = NULL;
  guint n_v1 = 0;
  char *value;

  *have_t = FALSE;

  if (header == NULL)
    return CONVERC_HEADER_MISSING;

  copy = g_strdup (header);
  value = g_strstrip (copy);
  if (g_ascii_strncasecmp (value, "X-IC-Signature:", strlen ("X-IC-Signature:")) == 0)
    value = g_strchug (value + strlen ("X-IC-Signature:"));

  if (*value == '\0')
    return CONVERC_HEADER_MISSING;
  if (strlen (value) > MAX_HEADER_LEN)
    return CONVERC_HEADER_TOO_LONG;

  parts = g_strsplit (value, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *eq = strchr (part, '=');
      char *key;
      char *val;

      if (*part == '\0')
        continue;

      if (eq == NULL || eq == part || strpbrk (part, " \t;|&") != NULL)
        {
          *bad_part = sanitize_part (part);
          return CONVERC_HEADER_BAD_SEPARATOR;
        }

      *eq = '\0';
      key = part;
      val = eq + 1;

      if (strcmp (key, "t") == 0)
        {
          guint64 parsed;
          char *end = NULL;

          if (*have_t)
            return CONVERC_HEADER_SEVERAL_TIMESTAMPS;

          parsed = g_ascii_strtoull (val, &end, 10);
          if (!g_ascii_isdigit (*val) || end == NULL || *end != '\0' ||
              parsed > G_MAXINT64 / G_USEC_PER_SEC)
            {
              *bad_part = sanitize_part (val);
              return CONVERC_HEADER_TIMESTAMP_NOT_NUMBER;
            }

          *t = (gint64) parsed;
          *have_t = TRUE;
        }
      else if (strcmp (key, "v1") == 0 && *val != '\0')
        {
          guint8 digest[DIGEST_LEN];

          n_v1++;
          if (strlen (val) == SIGNATURE_HEXLEN &&
              converc_doctor_decode_hex (val, SIGNATURE_HEXLEN, digest))
            g_array_append_vals (signatures, digest, 1);
          else if (first_bad_v1 == NULL)
            first_bad_v1 = val;
        }
    }

  if (!*have_t)
    return CONVERC_HEADER_NO_TIMESTAMP;
  if (n_v1 == 0)
    return CONVERC_HEADER_NO_V1;
  if (signatures->len == 0)
    {
      *bad_part = sanitize_part (first_bad_v1 != NULL ? first_bad_v1 : "");
      return CONVERC_HEADER_V1_NOT_HEX;
    }

  return CONVERC_HEADER_OK;
}

/* --- HMAC within the work bound ------------------------------------------- */

/* HMAC state after the key, "<t>." and @body: NULL past the work bound */
static GHmac *
check_start (Check        *check,
             const guint8 *key,
             gsize         key_len,
             const guint8 *body,
             gsize         body_len)
{
  GHmac *hmac;

  if (key_len == 0)
    return NULL;

  if (check->work + body_len > MAX_WORK_BYTES ||
      g_cancellable_is_cancelled (check->cancellable))
    {
      check->limited = TRUE;
      return NULL;
    }
  check->work += body_len + check->prefix_len;

  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  g_hmac_update (hmac, (const guint8 *) check->prefix, check->prefix_len);
  if (body_len > 0)
    g_hmac_update (hmac, body, body_len);

  return hmac;
}

/* Whether @hmac, with @suffix added, gives one of the signatures */
static gboolean
check_finish (Check        *check,
              GHmac        *hmac,
              const guint8 *suffix,
              gsize         suffix_len)
{
  g_autoptr(GHmac) copy = g_hmac_copy (hmac);
  guint8 digest[DIGEST_LEN];
  gsize digest_len = sizeof digest;
  gboolean match = FALSE;

  if (suffix_len > 0)
    g_hmac_update (copy, suffix, suffix_len);
  g_hmac_get_digest (copy, digest, &digest_len);

  /* Constant time per signature: the length is public */
  for (guint i = 0; i < check->signatures->len; i++)
    {
      const guint8 *expected = &g_array_index (check->signatures, guint8, i * DIGEST_LEN);
      guint8 diff = 0;

      for (gsize j = 0; j < DIGEST_LEN; j++)
        diff |= digest[j] ^ expected[j];
      match |= diff == 0;
    }

  return match;
}

static gboolean
check_matches (Check        *check,
               const guint8 *key,
               gsize         key_len,
               const guint8 *body,
               gsize         body_len)
{
  g_autoptr(GHmac) hmac = check_start (check, key, key_len, body, body_len);

  return hmac != NULL && check_finish (check, hmac, NULL, 0);
}

/* --- the diagnosis --------------------------------------------------------- */

static ConvercTimestampProblem
judge_timestamp (gint64 age,
                 gint64 tolerance)
{
  if (tolerance <= 0)
    return CONVERC_TIMESTAMP_UNCHECKED;
  if (age < -tolerance)
    return CONVERC_TIMESTAMP_FUTURE;
  if (age > tolerance)
    return age < SKEW_LIMIT ? CONVERC_TIMESTAMP_SKEW : CONVERC_TIMESTAMP_REPLAY;
  return CONVERC_TIMESTAMP_OK;
}

static ConvercDiagnosis *
diagnose (ConvercDoctor *self,
          const char    *header,
          GBytes        *body,
          gint64         now,
          GCancellable  *cancellable)
{
  g_autoptr(GArray) signatures = g_array_new (FALSE, FALSE, DIGEST_LEN);
  g_autoptr(GArray) variants = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree char *bad_part = NULL;
  ConvercDiagnosisFacts facts = { 0, };
  Check check = { 0, };
  gboolean have_preferred = FALSE;
  Candidate *newline_match = NULL;
  gsize tail_len;
  gsize body_len;
  const guint8 *body_data = converc_doctor_bytes_data (body, &body_len);

  facts.tolerance = self->tolerance;
  facts.n_secrets = self->candidates->len;

  facts.header_problem = analyse_header (header, &facts.has_timestamp, &facts.timestamp,
                                         signatures, &bad_part);
  if (facts.has_timestamp)
    {
      /* Both are clamped so that the difference cannot overflow */
      gint64 clamped_now = CLAMP (now, -(G_MAXINT64 / 4), G_MAXINT64 / 4);

      facts.age = clamped_now - facts.timestamp;
      facts.timestamp_problem = judge_timestamp (facts.age, self->tolerance);
    }

  if (facts.header_problem != CONVERC_HEADER_OK)
    {
      facts.kind = CONVERC_DIAGNOSIS_MALFORMED_HEADER;
      facts.header_part = bad_part;
      return converc_diagnosis_new (&facts);
    }

  if (self->candidates->len == 0)
    {
      facts.kind = CONVERC_DIAGNOSIS_NO_SECRET;
      return converc_diagnosis_new (&facts);
    }

  check.signatures = signatures;
  check.cancellable = cancellable;
  check.prefix_len = g_snprintf (check.prefix, sizeof check.prefix,
                                 "%" G_GINT64_FORMAT ".", facts.timestamp);

  /* The preferred secrets first */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->candidates->len; i++)
      {
        Candidate *candidate = g_ptr_array_index (self->candidates, i);

        if (candidate->preferred == (pass == 0))
          g_ptr_array_add (order, candidate);
        have_preferred |= candidate->preferred;
      }

  /* 1. As it is, and with a trailing newline added or removed: one pass
   * over the body for each secret, the endings tried on copies of its state */
  tail_len = body_len >= 2 && memcmp (body_data + body_len - 2, "\r\n", 2) == 0 ? 2
           : body_len >= 1 && (body_data[body_len - 1] == '\n' ||
                               body_data[body_len - 1] == '\r') ? 1 : 0;
  for (guint i = 0; i < order->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (order, i);
      g_autoptr(GHmac) hmac = check_start (&check, candidate->secret, candidate->secret_len,
                                           body_data, body_len - tail_len);
      const guint8 *tail = body_data + body_len - tail_len;

      if (hmac == NULL)
        break;

      if (check_finish (&check, hmac, tail, tail_len))
        {
          facts.secret_label = candidate->label;
          if (facts.timestamp_problem != CONVERC_TIMESTAMP_OK &&
              facts.timestamp_problem != CONVERC_TIMESTAMP_UNCHECKED)
            facts.kind = CONVERC_DIAGNOSIS_TIMESTAMP;
          else if (have_preferred && !candidate->preferred)
            facts.kind = CONVERC_DIAGNOSIS_VALID_OTHER_SECRET;
          else
            facts.kind = CONVERC_DIAGNOSIS_VALID;
          return converc_diagnosis_new (&facts);
        }

      if (newline_match == NULL &&
          (tail_len > 0
           ? check_finish (&check, hmac, NULL, 0)
           : check_finish (&check, hmac, (const guint8 *) "\n", 1) ||
             check_finish (&check, hmac, (const guint8 *) "\r\n", 2)))
        newline_match = candidate;
    }

  if (newline_match != NULL)
    {
      facts.kind = CONVERC_DIAGNOSIS_BODY_CHANGED;
      facts.body_change = tail_len > 0 ? CONVERC_BODY_CHANGE_TRAILING_NEWLINE_ADDED
                                       : CONVERC_BODY_CHANGE_TRAILING_NEWLINE_REMOVED;
      facts.secret_label = newline_match->label;
      return converc_diagnosis_new (&facts);
    }

  /* 2. A body changed on its way */
  variants = converc_doctor_body_variants (body, MAX_JSON_BODY, &check.limited);
  for (guint v = 0; v < variants->len; v++)
    {
      const Variant *variant = &g_array_index (variants, Variant, v);
      gsize len;
      const guint8 *data = converc_doctor_bytes_data (variant->bytes, &len);

      for (guint i = 0; i < order->len; i++)
        {
          Candidate *candidate = g_ptr_array_index (order, i);

          if (!check_matches (&check, candidate->secret, candidate->secret_len, data, len))
            continue;

          facts.kind = CONVERC_DIAGNOSIS_BODY_CHANGED;
          facts.body_change = variant->change;
          facts.secret_label = candidate->label;
          return converc_diagnosis_new (&facts);
        }
    }
  g_clear_pointer (&variants, g_array_unref);

  /* 3. A secret used wrongly */
  for (guint i = 0; i < order->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (order, i);
      g_autoptr(GArray) keys = converc_doctor_secret_variants (candidate->secret,
                                                               candidate->secret_len);

      for (guint k = 0; k < keys->len; k++)
        {
          const KeyVariant *key = &g_array_index (keys, KeyVariant, k);

          if (!check_matches (&check, key->key, key->len, body_data, body_len))
            continue;

          facts.kind = CONVERC_DIAGNOSIS_SECRET_MISUSED;
          facts.secret_misuse = key->misuse;
          facts.secret_label = candidate->label;
          return converc_diagnosis_new (&facts);
        }
    }

  facts.kind = CONVERC_DIAGNOSIS_UNEXPLAINED;
  facts.checks_limited = check.limited;

  return converc_diagnosis_new (&facts);
}

static void
diagnose_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ConvercDoctor *self = source_object;
  DiagnoseData *d = task_data;
  g_autoptr(ConvercDiagnosis) diagnosis = NULL;

  g_assert (CONVERC_IS_DOCTOR (self));

  diagnosis = diagnose (self, d->header, d->body, d->now, cancellable);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_steal_pointer (&diagnosis), g_object_unref);
}

static void
converc_doctor_finalize (GObject *object)
{
  ConvercDoctor *self = (ConvercDoctor *) object;

  g_clear_pointer (&self->candidates, g_ptr_array_unref);

  G_OBJECT_CLASS (converc_doctor_parent_class)->finalize (object);
}

static void
converc_doctor_class_init (ConvercDoctorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = converc_doctor_finalize;
}

static void
converc_doctor_init (ConvercDoctor *self)
{
  self->candidates = g_ptr_array_new_with_free_func (candidate_free);
  self->tolerance = CONVERC_SIGNATURE_DEFAULT_TOLERANCE;
}

ConvercDoctor *
converc_doctor_new (void)
{
  return g_object_new (CONVERC_TYPE_DOCTOR, NULL);
}

void
converc_doctor_add_secret (ConvercDoctor *self,
                           const char    *label,
                           const char    *secret,
                           gboolean       preferred)
{
  Candidate *candidate;

  g_return_if_fail (CONVERC_IS_DOCTOR (self));
  g_return_if_fail (secret != NULL);

  if (*secret == '\0')
    return;

  candidate = g_new0 (Candidate, 1);
  candidate->label = g_strdup (label);
  candidate->secret_len = strlen (secret);
  candidate->secret = g_memdup2 (secret, candidate->secret_len + 1);
  candidate->preferred = !!preferred;
  g_ptr_array_add (self->candidates, candidate);
}

guint
converc_doctor_get_n_secrets (ConvercDoctor *self)
{
  g_return_val_if_fail (CONVERC_IS_DOCTOR (self), 0);

  return self->candidates->len;
}

void
converc_doctor_set_tolerance (ConvercDoctor *self,
                              gint64         tolerance)
{
  g_return_if_fail (CONVERC_IS_DOCTOR (self));

  self->tolerance = MAX (tolerance, 0);
}

/**
 * converc_doctor_diagnose:
 * @self: a #ConvercDoctor
 * @header: (nullable): the X-IC-Signature value
 * @body: the body bytes as received
 * @now_unix: the current time, in seconds since the epoch
 *
 * Tries every secret on the body as it is, then on the usual changes of the
 * body, then the usual misuses of each secret, within a bound on the work.
 *
 * Returns: (transfer full): what was found
 */
ConvercDiagnosis *
converc_doctor_diagnose (ConvercDoctor *self,
                         const char    *header,
                         GBytes        *body,
                         gint64         now_unix)
{
  g_return_val_if_fail (CONVERC_IS_DOCTOR (self), NULL);
  g_return_val_if_fail (body != NULL, NULL);

  return diagnose (self, header, body, now_unix, NULL);
}

/* Runs in a worker thread: do not add secrets until it finishes. */
void
converc_doctor_diagnose_async (ConvercDoctor       *self,
                               const char          *header,
                               GBytes              *body,
                               gint64               now_unix,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DiagnoseData *d;

  g_return_if_fail (CONVERC_IS_DOCTOR (self));
  g_return_if_fail (body != NULL);

  d = g_new0 (DiagnoseData, 1);
  d->header = g_strdup (header);
  d->body = g_bytes_ref (body);
  d->now = now_unix;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_doctor_diagnose_async);
  g_task_set_task_data (task, d, diagnose_data_free);
  g_task_run_in_thread (task, diagnose_thread);
}

ConvercDiagnosis *
converc_doctor_diagnose_finish (ConvercDoctor  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (CONVERC_IS_DOCTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
