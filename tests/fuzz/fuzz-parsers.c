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
