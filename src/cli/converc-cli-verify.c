/* converc-cli-verify.c
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

/* The one concern of this file: `converc verify`, the delivery doctor on the
 * command line. */

#define G_LOG_DOMAIN "converc-cli"

#include "config.h"

#include "converc-cli-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

static gboolean
read_input_file (const char  *path,
                 char       **contents,
                 gsize       *length,
                 GError     **error)
{
  if (g_strcmp0 (path, "-") == 0)
    {
      GString *data = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (data, buffer, n);

      if (ferror (stdin))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Cannot read standard input"));
          g_string_free (data, TRUE);
          return FALSE;
        }

      *length = data->len;
      *contents = g_string_free (data, FALSE);
      return TRUE;
    }

  return g_file_get_contents (path, contents, length, error);
}

static gboolean
parse_seconds (const char *text,
               gint64     *value)
{
  char *end = NULL;

  errno = 0;
  *value = g_ascii_strtoll (text, &end, 10);

  return errno == 0 && end != text && *end == '\0' && *value >= 0;
}

/* Every signing secret of the keyring for the base URL, labelled with its
 * endpoint; FALSE (reported) when the keyring fails. */
static gboolean
add_keyring_secrets (CliContext    *cli,
                     ConvercDoctor *doctor,
                     int           *exit_status)
{
  g_autoptr(ConvercSecretStore) store = NULL;
  g_autoptr(GPtrArray) secrets = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_resolve_base_url (cli, exit_status))
    return FALSE;

  store = converc_keyring_store_new (0);
  secrets = converc_secret_store_list_sync (store, cli->secret_scope, &error);
  if (secrets == NULL)
    {
      *exit_status = cli_report_error (cli, error);
      return FALSE;
    }

  for (guint i = 0; i < secrets->len; i++)
    {
      ConvercStoredSecret *stored = g_ptr_array_index (secrets, i);
      g_autofree char *id = cli_sanitize (stored->webhook_id);
      /* Translators: names the secret that matched; %s is an endpoint id */
      g_autofree char *label = g_strdup_printf (_("endpoint %s"), id);

      converc_doctor_add_secret (doctor, label, stored->secret, FALSE);
    }

  return TRUE;
}

/* The reasons `converc verify --json` gave before the doctor, kept */
static const char *
legacy_reason (ConvercDiagnosisKind kind)
{
  switch (kind)
    {
    case CONVERC_DIAGNOSIS_MALFORMED_HEADER: return "malformed";
    case CONVERC_DIAGNOSIS_TIMESTAMP:        return "expired";
    case CONVERC_DIAGNOSIS_NO_SECRET:        return "no-secret";
    case CONVERC_DIAGNOSIS_VALID:
    case CONVERC_DIAGNOSIS_VALID_OTHER_SECRET:
    case CONVERC_DIAGNOSIS_BODY_CHANGED:
    case CONVERC_DIAGNOSIS_SECRET_MISUSED:
    case CONVERC_DIAGNOSIS_UNEXPLAINED:
    default:                                 return "mismatch";
    }
}

static void
print_json (ConvercDiagnosis *diagnosis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean valid = converc_diagnosis_is_valid (diagnosis);
  ConvercDiagnosisKind kind = converc_diagnosis_get_kind (diagnosis);
  gint64 timestamp = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, valid);
  if (converc_diagnosis_get_timestamp (diagnosis, &timestamp))
    {
      json_builder_set_member_name (builder, "timestamp");
      json_builder_add_int_value (builder, timestamp);
    }
  if (!valid)
    {
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, legacy_reason (kind));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, converc_diagnosis_get_explanation (diagnosis));
    }

  json_builder_set_member_name (builder, "diagnosis");
  json_builder_begin_object (builder);
  cli_json_add_string (builder, "kind", converc_diagnosis_kind_to_string (kind));
  cli_json_add_string (builder, "title", converc_diagnosis_get_title (diagnosis));
  cli_json_add_string (builder, "explanation", converc_diagnosis_get_explanation (diagnosis));
  cli_json_add_string (builder, "secret", converc_diagnosis_get_secret_label (diagnosis));
  cli_json_add_string (builder, "body_change",
                       converc_body_change_to_string (
                         converc_diagnosis_get_body_change (diagnosis)));
  cli_json_add_string (builder, "secret_misuse",
                       converc_secret_misuse_to_string (
                         converc_diagnosis_get_secret_misuse (diagnosis)));
  cli_json_add_string (builder, "header_problem",
                       converc_header_problem_to_string (
                         converc_diagnosis_get_header_problem (diagnosis)));
  cli_json_add_string (builder, "timestamp_problem",
                       converc_timestamp_problem_to_string (
                         converc_diagnosis_get_timestamp_problem (diagnosis)));
  json_builder_set_member_name (builder, "age");
  json_builder_add_int_value (builder, converc_diagnosis_get_age (diagnosis));
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cli_print_json (root);
}

int
cli_command_verify (CliContext  *cli,
                    int          argc,
                    char       **argv)
{
  g_autofree char *secret_file = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *request_file = NULL;
  g_autofree char *header = NULL;
  g_autofree char *tolerance_text = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercDoctor) doctor = converc_doctor_new ();
  g_autoptr(ConvercHttpMessage) message = NULL;
  g_autoptr(ConvercDiagnosis) diagnosis = NULL;
  g_autoptr(GBytes) body_bytes = NULL;
  const char *value = NULL;
  gsize body_len = 0;
  gint64 tolerance = CONVERC_SIGNATURE_DEFAULT_TOLERANCE;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 timestamp = 0;
  int status = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "secret-file", 's', 0, G_OPTION_ARG_FILENAME, &secret_file,
      N_("A file holding the endpoint's signing secret (default: try every secret in the "
         "keyring)"), N_("FILE") },
    { "header", 'H', 0, G_OPTION_ARG_STRING, &header,
      N_("The X-IC-Signature header's value (t=…,v1=…)"), N_("VALUE") },
    { "body-file", 'b', 0, G_OPTION_ARG_FILENAME, &body_file,
      N_("A file holding the raw request body (- for standard input)"), N_("FILE") },
    { "request-file", 'r', 0, G_OPTION_ARG_FILENAME, &request_file,
      N_("A file holding the whole raw HTTP request, headers and body (- for standard "
         "input)"), N_("FILE") },
    { "tolerance", 0, 0, G_OPTION_ARG_STRING, &tolerance_text,
      N_("Largest accepted age of the signature in seconds, 0 for any (default: 300)"),
      N_("SECONDS") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text,
      N_("The current time as Unix seconds (for testing)"), N_("UNIX") },
    { NULL }
  };

  if (!cli_parse_options (cli, "verify", NULL,
                          _("Check that a delivery's X-IC-Signature matches its body, and "
                            "explain why not: a changed body, a misused secret, an old "
                            "timestamp, a malformed header. Without --secret-file, every "
                            "signing secret in the keyring is tried. Exit status 0: valid; "
                            "1: invalid (the reason is printed); 2: usage error. Uses no "
                            "network and no API key."),
                          entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;

  if (request_file == NULL && (header == NULL || body_file == NULL))
    return cli_usage_error ("verify", _("--header and --body-file, or --request-file, are "
                                        "required."));
  if (request_file != NULL && body_file != NULL)
    return cli_usage_error ("verify", _("Give --request-file or --body-file, not both."));

  if (g_strcmp0 (secret_file, "-") == 0 &&
      (g_strcmp0 (body_file, "-") == 0 || g_strcmp0 (request_file, "-") == 0))
    return cli_usage_error ("verify", _("Only one of the files can be standard input."));

  if (tolerance_text != NULL && !parse_seconds (tolerance_text, &tolerance))
    {
      g_autofree char *shown = cli_sanitize (tolerance_text);

      return cli_usage_error ("verify", _("Invalid --tolerance “%s”: give a number "
                                          "of seconds, 0 for no limit."), shown);
    }

  if (now_text != NULL && !parse_seconds (now_text, &now))
    {
      g_autofree char *shown = cli_sanitize (now_text);

      return cli_usage_error ("verify", _("Invalid --now “%s”: give Unix seconds."), shown);
    }

  converc_doctor_set_tolerance (doctor, tolerance);

  if (secret_file != NULL)
    {
      char *secret = NULL;
      gsize secret_len = 0;

      if (!read_input_file (secret_file, &secret, &secret_len, &error))
        {
          g_printerr (_("converc: Cannot read the secret file: %s\n"), error->message);
          return CLI_EXIT_USAGE;
        }

      /* A secret file usually ends with a newline; the secret does not. */
      g_strstrip (secret);
      if (secret[0] == '\0')
        {
          cli_secret_free (secret);
          g_printerr (_("converc: The secret file is empty.\n"));
          return CLI_EXIT_USAGE;
        }

      converc_doctor_add_secret (doctor, _("the secret you gave"), secret, TRUE);
      cli_secret_free (secret);
    }

  if (request_file != NULL)
    {
      if (!read_input_file (request_file, &body, &body_len, &error))
        {
          g_printerr (_("converc: Cannot read the request file: %s\n"), error->message);
          return CLI_EXIT_USAGE;
        }

      message = converc_http_message_parse ((const guint8 *) body, body_len, &error);
      if (message == NULL)
        {
          g_printerr (_("converc: Cannot read the request: %s\n"), error->message);
          return CLI_EXIT_USAGE;
        }

      body_bytes = g_bytes_ref (converc_http_message_get_body (message));
      if (header == NULL)
        header = g_strdup (converc_http_message_get_header (message, "X-IC-Signature"));
    }
  else
    {
      if (!read_input_file (body_file, &body, &body_len, &error))
        {
          g_printerr (_("converc: Cannot read the body file: %s\n"), error->message);
          return CLI_EXIT_USAGE;
        }
      body_bytes = g_bytes_new (body, body_len);
    }

  /* Only now the keyring: a usage error never waits for it */
  if (secret_file == NULL && !add_keyring_secrets (cli, doctor, &status))
    return status;

  if (header != NULL)
    value = g_strstrip (header);

  diagnosis = converc_doctor_diagnose (doctor, value, body_bytes, now);

  if (cli->json)
    print_json (diagnosis);

  if (converc_diagnosis_is_valid (diagnosis))
    {
      if (!cli->json)
        {
          converc_diagnosis_get_timestamp (diagnosis, &timestamp);
          g_print (_("Valid signature (signed at %lld, %lld s before now).\n"),
                   (long long) timestamp, (long long) (now - timestamp));
          g_print ("%s\n", converc_diagnosis_get_explanation (diagnosis));
        }
      return CLI_EXIT_OK;
    }

  g_printerr (_("Invalid signature: %s\n"), converc_diagnosis_get_explanation (diagnosis));
  if (message != NULL && converc_http_message_get_truncated (message) &&
      converc_diagnosis_get_kind (diagnosis) == CONVERC_DIAGNOSIS_UNEXPLAINED)
    g_printerr (_("The request holds fewer bytes than its Content-Length: the body may "
                  "have been cut when it was copied.\n"));

  return CLI_EXIT_FAILURE;
}
