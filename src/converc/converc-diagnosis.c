/* converc-diagnosis.c
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

/* The one concern of this file: what the delivery doctor found, in words. */

#define G_LOG_DOMAIN "converc-diagnosis"

#include "config.h"

#include <glib/gi18n.h>

#include "converc-diagnosis-private.h"

struct _ConvercDiagnosis
{
  GObject                parent_instance;

  ConvercDiagnosisFacts  facts;
  char                  *title;
  char                  *explanation;
};

G_DEFINE_FINAL_TYPE (ConvercDiagnosis, converc_diagnosis, G_TYPE_OBJECT)

/* "45 seconds", "301 seconds", "5 minutes", "3 hours", "5 days" */
static char *
format_duration (guint64 seconds)
{
  if (seconds < 120 || (seconds < 600 && seconds % 60 != 0))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds",
                                         (gulong) seconds), (guint) seconds);
  if (seconds < 2 * 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                         (gulong) (seconds / 60)), (guint) (seconds / 60));
  if (seconds < 2 * 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours",
                                         (gulong) (seconds / 3600)), (guint) (seconds / 3600));

  seconds = MIN (seconds / 86400, G_MAXUINT);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                       (gulong) seconds), (guint) seconds);
}

static guint64
magnitude (gint64 value)
{
  return value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
}

static char *
timestamp_sentence (const ConvercDiagnosisFacts *facts)
{
  g_autofree char *off = format_duration (magnitude (facts->age));
  g_autofree char *allowed = format_duration (magnitude (facts->tolerance));

  switch (facts->timestamp_problem)
    {
    case CONVERC_TIMESTAMP_FUTURE:
      return g_strdup_printf (_("Its timestamp is %s in the future, more than the %s "
                                "allowed: the sender’s and the receiver’s clocks disagree "
                                "(clock skew)."),
                              off, allowed);
    case CONVERC_TIMESTAMP_SKEW:
      return g_strdup_printf (_("Its timestamp is %s old, more than the %s allowed: a clock "
                                "skew or a slow delivery, not an attack."), off, allowed);
    case CONVERC_TIMESTAMP_REPLAY:
      return g_strdup_printf (_("Its timestamp is %s old, more than the %s allowed: it looks "
                                "like a replay of an old delivery."), off, allowed);
    case CONVERC_TIMESTAMP_UNCHECKED:
    case CONVERC_TIMESTAMP_OK:
    default:
      return NULL;
    }
}

static const char *
body_change_sentence (ConvercBodyChange change)
{
  switch (change)
    {
    case CONVERC_BODY_CHANGE_TRAILING_NEWLINE_ADDED:
      return _("A trailing newline was added to the body after it was signed: without it, "
               "the signature matches.");
    case CONVERC_BODY_CHANGE_TRAILING_NEWLINE_REMOVED:
      return _("The body lost its trailing newline after it was signed: with it, the "
               "signature matches.");
    case CONVERC_BODY_CHANGE_LF_TO_CRLF:
      return _("The body’s line endings were changed from LF to CRLF after it was signed "
               "(by a paste, an editor or a proxy).");
    case CONVERC_BODY_CHANGE_CRLF_TO_LF:
      return _("The body’s line endings were changed from CRLF to LF after it was signed "
               "(by a paste, an editor or a proxy).");
    case CONVERC_BODY_CHANGE_JSON_COMPACT:
      return _("The JSON was re-serialised: it was signed compact, without spaces, and "
               "arrived formatted otherwise. Check the raw bytes, before any JSON parsing.");
    case CONVERC_BODY_CHANGE_JSON_PRETTY_2:
      return _("The JSON was re-serialised: it was signed pretty-printed with 2 spaces, "
               "and arrived formatted otherwise. Check the raw bytes, before any JSON "
               "parsing.");
    case CONVERC_BODY_CHANGE_JSON_PRETTY_4:
      return _("The JSON was re-serialised: it was signed pretty-printed with 4 spaces, "
               "and arrived formatted otherwise. Check the raw bytes, before any JSON "
               "parsing.");
    case CONVERC_BODY_CHANGE_JSON_KEYS_ORDER:
      return _("The JSON was re-serialised with its keys in another order than the one "
               "signed. Check the raw bytes, before any JSON parsing.");
    case CONVERC_BODY_CHANGE_UTF8_TO_LATIN1:
      return _("The body was converted from UTF-8 to Latin-1 after it was signed: handle "
               "it as bytes, not as text.");
    case CONVERC_BODY_CHANGE_LATIN1_TO_UTF8:
      return _("The body was converted to UTF-8 from Latin-1 after it was signed (or read "
               "as Latin-1 and written as UTF-8): handle it as bytes, not as text.");
    case CONVERC_BODY_CHANGE_NONE:
    default:
      return NULL;
    }
}

static const char *
secret_misuse_sentence (ConvercSecretMisuse misuse)
{
  switch (misuse)
    {
    case CONVERC_SECRET_MISUSE_PREFIX_DROPPED:
      return _("It was signed with the secret without its “whsec_” prefix: the whole "
               "secret, prefix included, is the key.");
    case CONVERC_SECRET_MISUSE_PREFIX_ADDED:
      return _("It was signed with “whsec_” added in front of the secret: the secret is "
               "the key exactly as given.");
    case CONVERC_SECRET_MISUSE_WHITESPACE:
      return _("It matches the secret once spaces or a line break around it are added or "
               "removed: often the newline at the end of a file or of an environment "
               "variable.");
    case CONVERC_SECRET_MISUSE_HEX_DECODED:
      return _("It was signed with the secret hex-decoded into bytes: the key is the "
               "secret’s UTF-8 text, not decoded.");
    case CONVERC_SECRET_MISUSE_BASE64_DECODED:
      return _("It was signed with the secret base64-decoded into bytes: the key is the "
               "secret’s UTF-8 text, not decoded.");
    case CONVERC_SECRET_MISUSE_NONE:
    default:
      return NULL;
    }
}

static char *
header_sentence (const ConvercDiagnosisFacts *facts)
{
  const char *part = facts->header_part != NULL ? facts->header_part : "";

  switch (facts->header_problem)
    {
    case CONVERC_HEADER_MISSING:
      return g_strdup (_("There is no X-IC-Signature header, or it is empty."));
    case CONVERC_HEADER_TOO_LONG:
      return g_strdup (_("The X-IC-Signature header is too long to be a signature."));
    case CONVERC_HEADER_BAD_SEPARATOR:
      return g_strdup_printf (_("The X-IC-Signature header is malformed: “%s” is not "
                                "“name=value”, and parts are separated by commas."), part);
    case CONVERC_HEADER_NO_TIMESTAMP:
      return g_strdup (_("The X-IC-Signature header has no timestamp (t=…)."));
    case CONVERC_HEADER_TIMESTAMP_NOT_NUMBER:
      return g_strdup_printf (_("The X-IC-Signature timestamp “%s” is not a number of "
                                "seconds."), part);
    case CONVERC_HEADER_SEVERAL_TIMESTAMPS:
      return g_strdup (_("The X-IC-Signature header has more than one timestamp (t=…)."));
    case CONVERC_HEADER_NO_V1:
      return g_strdup (_("The X-IC-Signature header has no v1 signature (v1=…)."));
    case CONVERC_HEADER_V1_NOT_HEX:
      return g_strdup_printf (_("No v1 value of the X-IC-Signature header is 64 hexadecimal "
                                "digits (“%s” is not)."), part);
    case CONVERC_HEADER_OK:
    default:
      return g_strdup (_("The X-IC-Signature header is malformed."));
    }
}

static void
compose (ConvercDiagnosis *self)
{
  const ConvercDiagnosisFacts *facts = &self->facts;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *when = timestamp_sentence (facts);
  g_autofree char *matched = NULL;

  g_assert (CONVERC_IS_DIAGNOSIS (self));

  if (facts->secret_label != NULL)
    matched = g_strdup_printf (_("Secret that matched: %s."), facts->secret_label);

  switch (facts->kind)
    {
    case CONVERC_DIAGNOSIS_VALID:
      self->title = g_strdup (_("Valid Signature"));
      if (facts->timestamp_problem == CONVERC_TIMESTAMP_UNCHECKED)
        g_string_append (text, _("The signature matches the body exactly (its age was not "
                                 "checked)."));
      else
        g_string_append (text, _("The signature matches the body exactly, and its "
                                 "timestamp is within the tolerance."));
      break;

    case CONVERC_DIAGNOSIS_VALID_OTHER_SECRET:
      self->title = g_strdup (_("Valid, With Another Secret"));
      g_string_append (text, _("The signature matches, but with another secret than the one "
                               "you expected: the delivery is for another endpoint, or the "
                               "receiver holds the wrong endpoint’s secret."));
      break;

    case CONVERC_DIAGNOSIS_TIMESTAMP:
      if (facts->timestamp_problem == CONVERC_TIMESTAMP_FUTURE)
        self->title = g_strdup (_("Signature Right, Timestamp in the Future"));
      else
        self->title = g_strdup (_("Signature Right, Timestamp Too Old"));
      g_string_append (text, _("The signature matches the body exactly."));
      break;

    case CONVERC_DIAGNOSIS_BODY_CHANGED:
      self->title = g_strdup (_("The Body Was Changed"));
      g_string_append (text, body_change_sentence (facts->body_change));
      break;

    case CONVERC_DIAGNOSIS_SECRET_MISUSED:
      self->title = g_strdup (_("The Secret Was Used Wrongly"));
      g_string_append (text, secret_misuse_sentence (facts->secret_misuse));
      break;

    case CONVERC_DIAGNOSIS_MALFORMED_HEADER:
      {
        g_autofree char *sentence = header_sentence (facts);

        self->title = g_strdup (_("Malformed Signature Header"));
        g_string_append (text, sentence);
        g_string_append_c (text, ' ');
        g_string_append (text, _("It should read “t=<Unix seconds>,v1=<64 hex digits>”."));
      }
      break;

    case CONVERC_DIAGNOSIS_NO_SECRET:
      self->title = g_strdup (_("No Secret to Check With"));
      g_string_append (text, _("There is no signing secret to try: give the endpoint’s "
                               "secret, or store it in the keyring."));
      break;

    case CONVERC_DIAGNOSIS_UNEXPLAINED:
    default:
      self->title = g_strdup (_("The Signature Does Not Match"));
      g_string_append (text, _("The signature does not match: it was signed with a secret "
                               "you don’t have, or the body changed in a way not "
                               "recognised."));
      if (facts->n_secrets > 1)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u secret was tried.",
                                                     "%u secrets were tried.",
                                                     facts->n_secrets),
                                  facts->n_secrets);
        }
      if (facts->checks_limited)
        {
          g_string_append_c (text, ' ');
          g_string_append (text, _("The body is too large for every check: some changes "
                                   "were not tried."));
        }
      break;
    }

  if (when != NULL && facts->kind != CONVERC_DIAGNOSIS_MALFORMED_HEADER)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, when);
    }

  if (matched != NULL)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, matched);
    }

  self->explanation = g_string_free (g_steal_pointer (&text), FALSE);
}

static void
converc_diagnosis_finalize (GObject *object)
{
  ConvercDiagnosis *self = (ConvercDiagnosis *) object;

  g_clear_pointer (&self->facts.secret_label, g_free);
  g_clear_pointer (&self->facts.header_part, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->explanation, g_free);

  G_OBJECT_CLASS (converc_diagnosis_parent_class)->finalize (object);
}

static void
converc_diagnosis_class_init (ConvercDiagnosisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = converc_diagnosis_finalize;
}

static void
converc_diagnosis_init (ConvercDiagnosis *self)
{
}

ConvercDiagnosis *
converc_diagnosis_new (const ConvercDiagnosisFacts *facts)
{
  ConvercDiagnosis *self;

  g_return_val_if_fail (facts != NULL, NULL);

  self = g_object_new (CONVERC_TYPE_DIAGNOSIS, NULL);
  self->facts = *facts;
  self->facts.secret_label = g_strdup (facts->secret_label);
  self->facts.header_part = g_strdup (facts->header_part);
  compose (self);

  return self;
}

ConvercDiagnosisKind
converc_diagnosis_get_kind (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), CONVERC_DIAGNOSIS_UNEXPLAINED);

  return self->facts.kind;
}

gboolean
converc_diagnosis_is_valid (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), FALSE);

  return self->facts.kind == CONVERC_DIAGNOSIS_VALID ||
         self->facts.kind == CONVERC_DIAGNOSIS_VALID_OTHER_SECRET;
}

const char *
converc_diagnosis_get_title (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), NULL);

  return self->title;
}

const char *
converc_diagnosis_get_explanation (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), NULL);

  return self->explanation;
}

const char *
converc_diagnosis_get_secret_label (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), NULL);

  return self->facts.secret_label;
}

ConvercBodyChange
converc_diagnosis_get_body_change (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), CONVERC_BODY_CHANGE_NONE);

  return self->facts.body_change;
}

ConvercSecretMisuse
converc_diagnosis_get_secret_misuse (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), CONVERC_SECRET_MISUSE_NONE);

  return self->facts.secret_misuse;
}

ConvercHeaderProblem
converc_diagnosis_get_header_problem (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), CONVERC_HEADER_OK);

  return self->facts.header_problem;
}

ConvercTimestampProblem
converc_diagnosis_get_timestamp_problem (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), CONVERC_TIMESTAMP_UNCHECKED);

  return self->facts.timestamp_problem;
}

gboolean
converc_diagnosis_get_timestamp (ConvercDiagnosis *self,
                                 gint64           *timestamp)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), FALSE);

  if (timestamp != NULL)
    *timestamp = self->facts.timestamp;

  return self->facts.has_timestamp;
}

gint64
converc_diagnosis_get_age (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), 0);

  return self->facts.age;
}

gboolean
converc_diagnosis_get_checks_limited (ConvercDiagnosis *self)
{
  g_return_val_if_fail (CONVERC_IS_DIAGNOSIS (self), FALSE);

  return self->facts.checks_limited;
}

const char *
converc_diagnosis_kind_to_string (ConvercDiagnosisKind kind)
{
  static const char * const names[] = {
    "valid", "valid-other-secret", "timestamp", "body-changed", "secret-misused",
    "malformed-header", "no-secret", "unexplained",
  };

  return (guint) kind < G_N_ELEMENTS (names) ? names[kind] : "unknown";
}

const char *
converc_body_change_to_string (ConvercBodyChange change)
{
  static const char * const names[] = {
    "none", "trailing-newline-added", "trailing-newline-removed", "lf-to-crlf",
    "crlf-to-lf", "json-compact", "json-pretty-2", "json-pretty-4", "json-keys-order",
    "utf8-to-latin1", "latin1-to-utf8",
  };

  return (guint) change < G_N_ELEMENTS (names) ? names[change] : "unknown";
}

const char *
converc_secret_misuse_to_string (ConvercSecretMisuse misuse)
{
  static const char * const names[] = {
    "none", "prefix-dropped", "prefix-added", "whitespace", "hex-decoded", "base64-decoded",
  };

  return (guint) misuse < G_N_ELEMENTS (names) ? names[misuse] : "unknown";
}

const char *
converc_header_problem_to_string (ConvercHeaderProblem problem)
{
  static const char * const names[] = {
    "ok", "missing", "too-long", "bad-separator", "no-timestamp", "timestamp-not-number",
    "several-timestamps", "no-v1", "v1-not-hex",
  };

  return (guint) problem < G_N_ELEMENTS (names) ? names[problem] : "unknown";
}

const char *
converc_timestamp_problem_to_string (ConvercTimestampProblem problem)
{
  static const char * const names[] = {
    "unchecked", "ok", "future", "skew", "replay",
  };

  return (guint) problem < G_N_ELEMENTS (names) ? names[problem] : "unknown";
}
