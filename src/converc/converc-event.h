/* converc-event.h
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

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CONVERC_TYPE_EVENT (converc_event_get_type())

G_DECLARE_FINAL_TYPE (ConvercEvent, converc_event, CONVERC, EVENT, GObject)

/* An event keeps the exact bytes the server sent for it ("raw") plus the few
 * fields lists show. Every field may be NULL (missing or null in the JSON).
 * The full payload is parsed on demand with converc_event_parse_payload().
 *
 * Properties (read-only strings unless noted): "id", "event-type",
 * "created-at", "organization-id", "call-id", "call-status", "media-type",
 * "requested-at", "accepted-at", "ended-at", "accepted-by", "contact-name",
 * "contact-email", "contact-phone", "duration" (gint64 seconds, -1 unknown),
 * "created-unix" (gint64, G_MININT64 when the timestamp cannot be read),
 * "raw" (GBytes). */
const char  *converc_event_get_id              (ConvercEvent  *self);
const char  *converc_event_get_event_type      (ConvercEvent  *self);
const char  *converc_event_get_created_at      (ConvercEvent  *self);
const char  *converc_event_get_organization_id (ConvercEvent  *self);
const char  *converc_event_get_call_id         (ConvercEvent  *self);
const char  *converc_event_get_call_status     (ConvercEvent  *self);
const char  *converc_event_get_media_type      (ConvercEvent  *self);
const char  *converc_event_get_requested_at    (ConvercEvent  *self);
const char  *converc_event_get_accepted_at     (ConvercEvent  *self);
const char  *converc_event_get_ended_at        (ConvercEvent  *self);
const char  *converc_event_get_accepted_by     (ConvercEvent  *self);
const char  *converc_event_get_contact_name    (ConvercEvent  *self);
const char  *converc_event_get_contact_email   (ConvercEvent  *self);
const char  *converc_event_get_contact_phone   (ConvercEvent  *self);
gint64       converc_event_get_duration        (ConvercEvent  *self);
gint64       converc_event_get_created_unix    (ConvercEvent  *self);
GBytes      *converc_event_get_raw             (ConvercEvent  *self);
/* Gives the event a copy of its own bytes when they are a slice of a whole
 * answer (see converc_parse_event_list()); otherwise does nothing. */
void         converc_event_compact             (ConvercEvent  *self);
/* TRUE when @folded_needle is inside one string or number value of the
 * payload, case-insensitively (never in a member name, never across two
 * values; numbers as spelled in the JSON). "" matches every event. */
gboolean     converc_event_matches             (ConvercEvent  *self,
                                                const char    *folded_needle);
/* Folds @text the way string values are compared: case- and accent-
 * insensitive (non-spacing marks dropped, case folded, NFC). */
char        *converc_fold_for_search           (const char    *text);
/* One-line summary: "Ada Lovelace · completed · 4:12" */
char        *converc_event_dup_summary         (ConvercEvent  *self);
/* Parses the raw bytes again; the caller owns the node. */
JsonNode    *converc_event_parse_payload       (ConvercEvent  *self,
                                                GError       **error);
/* Pretty-printed JSON of the raw bytes (2-space indent). */
char        *converc_event_dup_pretty_json     (ConvercEvent  *self);
/* Its start: at most about @max bytes, at a cost bounded by @max. */
char        *converc_event_dup_pretty_json_prefix (ConvercEvent *self,
                                                   gsize         max,
                                                   gboolean     *complete);

G_END_DECLS
