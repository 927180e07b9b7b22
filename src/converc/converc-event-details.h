/* converc-event-details.h
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

#include <glib.h>

#include "converc-event.h"

G_BEGIN_DECLS

/* What the detail view of an event shows, read from its full payload. Every
 * string may be NULL (missing or null in the JSON). The UI shows these and
 * never parses JSON itself. */

typedef struct
{
  char *question;   /* the question's label (or its id) */
  char *type;       /* the question's type, e.g. "select" */
  char *answer;     /* the answer as text: strings as they are, lists joined */
} ConvercAnswer;

/* A transcript line is at most this many bytes: longer text is split. */
#define CONVERC_TRANSCRIPT_LINE_MAX 500

typedef struct
{
  char *speaker;    /* "agent", "visitor", …; NULL when not said */
  char *text;       /* never NULL */
} ConvercTranscriptLine;

typedef struct
{
  char     *id;
  char     *type;
  char     *type_description;  /* translated; NULL for unknown types */
  char     *created_at;
  char     *organization_id;

  gboolean  has_call;
  char     *call_id;
  char     *call_status;
  char     *media_type;
  char     *requested_at;
  char     *accepted_at;
  char     *ended_at;
  char     *accepted_by;
  char     *session_id;
  char     *site_id;
  char     *visitor_fingerprint;
  char     *qualification_flow_id;
  gint64    duration;          /* seconds, -1 unknown */

  gboolean  has_contact;
  char     *contact_identity_id;
  char     *contact_fingerprint;
  char     *contact_name;
  char     *contact_email;
  char     *contact_phone;
  char     *contact_last_seen_at;
  char     *location;          /* "Berlin, Berlin, Germany (DE)"; NULL without geo data */
  char     *location_timezone;
  char     *coordinates;       /* "52.5200, 13.4050" or NULL */

  GPtrArray *answers;          /* of ConvercAnswer, never NULL */

  gboolean  has_recording;
  gboolean  recording_available;
  char     *video_url;
  char     *audio_url;
  gint64    recording_expires_in; /* seconds, -1 unknown */

  GPtrArray *transcript;       /* of ConvercTranscriptLine; NULL without a transcript */
} ConvercEventDetails;

ConvercEventDetails *converc_event_details_new    (ConvercEvent         *event,
                                                   GError              **error);
void                 converc_event_details_free   (ConvercEventDetails  *details);
/* "4:12", "1:02:03", or NULL for -1 */
char                *converc_format_duration      (gint64                seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvercEventDetails, converc_event_details_free)

G_END_DECLS
