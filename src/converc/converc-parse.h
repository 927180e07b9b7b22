/* converc-parse.h
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

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "converc-event.h"
#include "converc-webhook.h"

G_BEGIN_DECLS

/* Pure parsers: bytes in, objects or a CONVERC_ERROR_INVALID_RESPONSE out.
 * Unknown members are ignored, missing and null members are allowed; only a
 * wrong shape for what the caller needs is an error. */

#define CONVERC_MAX_NESTING_DEPTH 64

typedef struct
{
  gboolean  ok;
  int       status;   /* receiver's HTTP status, 0 when none */
  char     *error;    /* delivery error text, or NULL */
} ConvercTestResult;

void              converc_test_result_free        (ConvercTestResult  *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvercTestResult, converc_test_result_free)

/* Returns a GPtrArray of ConvercWebhook (owned). Bad elements of the list are
 * skipped and counted in @n_skipped. */
GPtrArray        *converc_parse_webhook_list      (GBytes             *body,
                                                   guint              *n_skipped,
                                                   GError            **error);
ConvercWebhook   *converc_parse_webhook_object    (JsonObject         *object,
                                                   GError            **error);
/* @secret: (out) the signing secret; never NULL on success */
ConvercWebhook   *converc_parse_create_response   (GBytes             *body,
                                                   char              **secret,
                                                   GError            **error);
/* Returns TRUE when the body says the endpoint is disabled or says nothing
 * contradicting it; @is_active is set from "isActive" (FALSE when absent). */
gboolean          converc_parse_disable_response  (GBytes             *body,
                                                   gboolean           *is_active,
                                                   GError            **error);
ConvercTestResult *converc_parse_test_response    (GBytes             *body,
                                                   GError            **error);
/* A bare array of events (also accepts {"events": [...]} or {"data": [...]}).
 * Each element's exact bytes are kept, as a slice of @body (no copy; see
 * converc_event_compact()). Elements that are not objects are
 * skipped and counted in @n_skipped; @first_problem gets a description of the
 * first skipped one. Returns a GPtrArray of ConvercEvent. */
GPtrArray        *converc_parse_event_list        (GBytes             *body,
                                                   guint              *n_skipped,
                                                   char              **first_problem,
                                                   GError            **error);
/* The elements of a list at @ranges (offset and length pairs from @base in
 * @body), each keeping its exact bytes as a slice of @body; as
 * converc_parse_event_list() reads them. @first_number: elements before
 * these, for the message. */
GPtrArray        *converc_parse_event_ranges      (GBytes             *body,
                                                   gsize               base,
                                                   GArray             *ranges,
                                                   guint               first_number,
                                                   guint              *n_skipped,
                                                   char              **first_problem);
/* One event from its exact bytes. */
ConvercEvent     *converc_parse_event             (GBytes             *raw,
                                                   GError            **error);
/* Splits a JSON array into the byte ranges of its elements without building
 * a tree. Returns a GArray of (offset, length) pairs of gsize. */
GArray           *converc_json_split_array        (const char         *data,
                                                   gsize               len,
                                                   GError            **error);
/* Parses bytes into a node with the nesting-depth bound enforced. */
JsonNode         *converc_parse_json              (const char         *data,
                                                   gsize               len,
                                                   GError            **error);

G_END_DECLS
