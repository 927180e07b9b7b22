/* fuzz-parsers.c
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

/* libFuzzer harnesses for every parser of libconverc. One source, built once
 * per target with -DFUZZ_TARGET_<NAME>; see tests/fuzz/meson.build and
 * build-aux/fuzz.sh. */

#include "config.h"

#include <string.h>

#include "converc.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

#if defined(FUZZ_TARGET_EVENT_DETAILS)
/* What the detail view shows of @text: bounded, valid, nothing hidden. */
static void
check_display (const char *text,
               gssize      len,
               gsize       max_chars,
               gboolean    one_line)
{
  ConvercDisplayTextFlags flags = CONVERC_DISPLAY_TEXT_IDENTITY |
                                  (one_line ? CONVERC_DISPLAY_TEXT_ONE_LINE : 0);
  g_autofree char *shown = converc_display_text (text, len, max_chars, flags);

  g_assert (g_utf8_validate (shown, -1, NULL));
  g_assert (max_chars == 0 || (gsize)g_utf8_strlen (shown, -1) <= max_chars);
  for (const char *p = shown; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert (!((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)));
      g_assert (c >= 0x20 || c == '\n');
      g_assert (!(c >= 0x200B && c <= 0x200F));
      g_assert (!one_line || (c != '\n' && c != 0x2028 && c != 0x2029));
    }
}
#endif

static void
fuzz_one (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  const char *data = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes);

#if defined(FUZZ_TARGET_WEBHOOK_LIST)
  g_autoptr(GPtrArray) list = converc_parse_webhook_list (bytes, NULL, &error);

  g_assert ((list == NULL) == (error != NULL));
  for (guint i = 0; list != NULL && i < list->len; i++)
    g_free (converc_webhook_dup_events_label (g_ptr_array_index (list, i)));
#elif defined(FUZZ_TARGET_CREATE_RESPONSE)
  g_autofree char *secret = NULL;
  g_autoptr(ConvercWebhook) webhook = converc_parse_create_response (bytes, &secret, &error);

  g_assert ((webhook == NULL) == (error != NULL));
  g_assert (webhook == NULL || (secret != NULL && secret[0] != '\0'));
#elif defined(FUZZ_TARGET_DISABLE_RESPONSE)
  gboolean is_active = TRUE;

  if (!converc_parse_disable_response (bytes, &is_active, &error))
    g_assert (error != NULL);
#elif defined(FUZZ_TARGET_TEST_RESPONSE)
  g_autoptr(ConvercTestResult) result = converc_parse_test_response (bytes, &error);

  g_assert ((result == NULL) == (error != NULL));
#elif defined(FUZZ_TARGET_EVENT_LIST)
  g_autofree char *problem = NULL;
  guint skipped = 0;
  g_autoptr(GPtrArray) events = converc_parse_event_list (bytes, &skipped, &problem, &error);

  g_assert ((events == NULL) == (error != NULL));
  g_assert ((skipped == 0) == (problem == NULL));
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      ConvercEvent *event = g_ptr_array_index (events, i);
      g_autofree char *summary = converc_event_dup_summary (event);
      g_autofree char *pretty = converc_event_dup_pretty_json (event);

      g_assert (summary != NULL && pretty != NULL);
    }
#elif defined(FUZZ_TARGET_EVENT)
  g_autoptr(ConvercEvent) event = converc_parse_event (bytes, &error);

  if (event != NULL)
    {
      g_autofree char *summary = converc_event_dup_summary (event);
      g_autofree char *pretty = converc_event_dup_pretty_json (event);
      g_autoptr(JsonNode) again = NULL;

      /* Pretty printing keeps the JSON valid. */
      again = converc_parse_json (pretty, strlen (pretty), NULL);
      g_assert (again != NULL);
      g_assert (summary != NULL);
      g_assert (converc_event_matches (event, ""));

      /* Pieces of the input as needles: the search walks the raw bytes,
       * and must never read outside them whatever they hold. */
      for (gsize at = 0; at < size; at += 1 + size / 8)
        {
          g_autofree char *piece = g_utf8_make_valid (data + at, MIN (size - at, 6));
          g_autofree char *folded = converc_fold_for_search (piece);

          (void) converc_event_matches (event, folded);
        }
    }
#elif defined(FUZZ_TARGET_EVENT_DETAILS)
  g_autoptr(ConvercEvent) event = converc_parse_event (bytes, &error);

  /* The raw bytes themselves, as any server string could be. */
  check_display (data, size, 40, TRUE);
  check_display (data, size, 0, FALSE);

  if (event != NULL)
    {
      g_autoptr(GError) details_error = NULL;
      g_autoptr(ConvercEventDetails) details = converc_event_details_new (event, &details_error);

      g_assert ((details == NULL) == (details_error != NULL));
      if (details != NULL)
        {
          const char *fields[] = {
            details->id, details->type, details->created_at, details->organization_id,
            details->call_id, details->call_status, details->media_type, details->accepted_by,
            details->session_id, details->site_id, details->visitor_fingerprint,
            details->contact_name, details->contact_email, details->contact_phone,
            details->contact_identity_id, details->contact_fingerprint, details->location,
            details->location_timezone, details->coordinates, details->video_url,
            details->audio_url,
          };

          for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
            if (fields[i] != NULL)
              {
                g_assert (g_utf8_validate (fields[i], -1, NULL));
                check_display (fields[i], -1, 64, TRUE);
              }

          for (guint i = 0; i < details->answers->len; i++)
            {
              ConvercAnswer *answer = g_ptr_array_index (details->answers, i);

              g_assert (answer->question != NULL);
              check_display (answer->question, -1, 64, TRUE);
              check_display (answer->answer, -1, 64, TRUE);
            }

          for (guint i = 0; details->transcript != NULL && i < details->transcript->len; i++)
            {
              ConvercTranscriptLine *line = g_ptr_array_index (details->transcript, i);

              g_assert (line->text != NULL);
              g_assert (strlen (line->text) <= CONVERC_TRANSCRIPT_LINE_MAX);
              g_assert (g_utf8_validate (line->text, -1, NULL));
              check_display (line->text, -1, 0, FALSE);
            }
          g_assert (details->transcript == NULL || details->transcript->len > 0);
        }
    }
#elif defined(FUZZ_TARGET_TIMESTAMP)
  g_autofree char *text = g_strndup (data, size);
  g_autoptr(GDateTime) parsed = converc_timestamp_parse (text);
  g_autofree char *shown = converc_timestamp_format (text, NULL);

  g_assert (shown != NULL);
  (void)parsed;
#elif defined(FUZZ_TARGET_SIGNATURE)
  g_autofree char *header = g_strndup (data, size);
  gint64 t = 0;
  g_auto(GStrv) signatures = NULL;

  if (converc_signature_parse (header, &t, &signatures, &error))
    g_assert (signatures != NULL && signatures[0] != NULL);
  g_clear_error (&error);
  g_assert (converc_signature_verify ("secret", header, (const guint8 *)data, size,
                                      1700000000, 300, &error) == (error == NULL));
#elif defined(FUZZ_TARGET_DELIVERY_DOCTOR)
  /* A pasted request read, then diagnosed: no crash, a sentence every time */
  g_autoptr(ConvercHttpMessage) message = converc_http_message_parse ((const guint8 *)data,
                                                                      size, &error);
  g_autoptr(ConvercDoctor) doctor = converc_doctor_new ();
  g_autoptr(ConvercDiagnosis) diagnosis = NULL;

  g_assert ((message == NULL) == (error != NULL));
  converc_doctor_add_secret (doctor, "fuzz", "whsec_fuzz", TRUE);
  converc_doctor_add_secret (doctor, "fuzz base64", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                             FALSE);
  if (message != NULL)
    diagnosis = converc_doctor_diagnose (doctor,
                                         converc_http_message_get_header (message,
                                                                          "X-IC-Signature"),
                                         converc_http_message_get_body (message), 1700000000);
  else
    diagnosis = converc_doctor_diagnose (doctor, "t=1700000000,v1=00", bytes, 1700000000);
  g_assert (g_utf8_validate (converc_diagnosis_get_explanation (diagnosis), -1, NULL));
  g_assert (converc_diagnosis_get_title (diagnosis)[0] != '\0');
#elif defined(FUZZ_TARGET_ERROR_BODY)
  g_autoptr(GError) http_error = converc_error_new_for_http (size > 0 && data[0] == '1' ? 429 : 500,
                                                              "120", bytes);
  g_autofree char *text = g_strndup (data, size);

  g_assert (http_error != NULL && g_utf8_validate (http_error->message, -1, NULL));
  converc_parse_retry_after (text, NULL);
#else
#error "define one FUZZ_TARGET_*"
#endif
  (void)data;
  (void)size;
  (void)error;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  fuzz_one (bytes);
  return 0;
}
