/* converc-event.c
 *
 * The event model: one event's exact bytes and the few fields lists show.
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

#define G_LOG_DOMAIN "converc-event"

#include "config.h"

#include <glib/gi18n.h>

#include "converc-error.h"
#include "converc-event.h"

#include "converc-display-text.h"
#include "converc-event-details.h"
#include "converc-event-private.h"
#include "converc-event-search-private.h"
#include "converc-json-private.h"
#include "converc-json-scan.h"
#include "converc-parse.h"
#include "converc-timestamp.h"

/* An event keeps its exact bytes and the few fields that lists show and
 * search; the full payload is parsed again when it is opened. */
struct _ConvercEvent
{
  GObject     parent_instance;

  /* What a search reads first, together */
  ConvercEventSearch search;

  /* A slice of the whole answer when @raw_is_slice, else bytes of its own */
  GBytes     *raw;
  char       *id;
  char       *event_type;
  char       *created_at;
  char       *organization_id;
  char       *call_id;
  char       *call_status;
  char       *media_type;
  char       *requested_at;
  char       *accepted_at;
  char       *ended_at;
  char       *accepted_by;
  char       *contact_name;
  char       *contact_email;
  char       *contact_phone;
  gint64      duration;
  gint64      created_unix;
  guint       raw_is_slice : 1;
};

G_DEFINE_FINAL_TYPE (ConvercEvent, converc_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EVENT_TYPE,
  PROP_CREATED_AT,
  PROP_ORGANIZATION_ID,
  PROP_CALL_ID,
  PROP_CALL_STATUS,
  PROP_MEDIA_TYPE,
  PROP_REQUESTED_AT,
  PROP_ACCEPTED_AT,
  PROP_ENDED_AT,
  PROP_ACCEPTED_BY,
  PROP_CONTACT_NAME,
  PROP_CONTACT_EMAIL,
  PROP_CONTACT_PHONE,
  PROP_DURATION,
  PROP_CREATED_UNIX,
  PROP_RAW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
compute_duration (const char *from,
                  const char *to)
{
  g_autoptr(GDateTime) start = converc_timestamp_parse (from);
  g_autoptr(GDateTime) end = converc_timestamp_parse (to);
  GTimeSpan span;

  if (start == NULL || end == NULL)
    return -1;

  span = g_date_time_difference (end, start);
  if (span < 0)
    return -1;

  return span / G_TIME_SPAN_SECOND;
}

static ConvercEvent *
parse_event (GBytes  *raw,
             GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ConvercEvent) self = NULL;
  g_autoptr(GDateTime) created = NULL;
  JsonObject *object;
  JsonObject *data;
  JsonObject *call;
  JsonObject *contact;
  const char *bytes;
  gsize len = 0;

  bytes = g_bytes_get_data (raw, &len);
  root = converc_parse_json (bytes, len, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
                   _("an event must be a JSON object, not %s"),
                   JSON_NODE_HOLDS_ARRAY (root) ? _("a list") :
                   JSON_NODE_HOLDS_NULL (root) ? _("null") : _("a single value"));
      return NULL;
    }

  object = json_node_get_object (root);
  data = converc_json_object_member (object, "data");
  call = converc_json_object_member (data, "call");
  contact = converc_json_object_member (data, "contact");

  self = g_object_new (CONVERC_TYPE_EVENT, NULL);
  self->raw = g_bytes_ref (raw);
  self->id = converc_json_dup_string (object, "id");
  self->event_type = converc_json_dup_string (object, "type");
  if (self->event_type == NULL)
    self->event_type = converc_json_dup_string (object, "eventType");
  self->created_at = converc_json_dup_string (object, "createdAt");
  self->organization_id = converc_json_dup_string (object, "organizationId");
  self->call_id = converc_json_dup_string (call, "id");
  self->call_status = converc_json_dup_string (call, "status");
  self->media_type = converc_json_dup_string (call, "mediaType");
  self->requested_at = converc_json_dup_string (call, "requestedAt");
  self->accepted_at = converc_json_dup_string (call, "acceptedAt");
  self->ended_at = converc_json_dup_string (call, "endedAt");
  self->accepted_by = converc_json_dup_string (call, "acceptedBy");
  self->contact_name = converc_json_dup_string (contact, "name");
  self->contact_email = converc_json_dup_string (contact, "email");
  self->contact_phone = converc_json_dup_string (contact, "phone");
  self->duration = compute_duration (self->accepted_at, self->ended_at);

  created = converc_timestamp_parse (self->created_at);
  self->created_unix = created != NULL ? g_date_time_to_unix (created) : G_MININT64;

  converc_event_search_init (&self->search, bytes, len);

  return g_steal_pointer (&self);
}

/**
 * converc_parse_event:
 * @raw: one event's exact bytes
 * @error: a #GError
 *
 * Every member is optional; only a body that is not a JSON object is an
 * error. Unknown event types are kept as they are. The event keeps a
 * reference to @raw.
 *
 * Returns: (transfer full): the event
 */
ConvercEvent *
converc_parse_event (GBytes  *raw,
                     GError **error)
{
  g_return_val_if_fail (raw != NULL, NULL);

  return parse_event (raw, error);
}

/**
 * converc_parse_event_slice:
 * @body: a whole answer
 * @offset: where the event starts in @body
 * @length: its length
 * @error: a #GError
 *
 * Like converc_parse_event(), for an event inside a longer answer: the
 * event's raw bytes are a slice of @body, which stays alive as long as the
 * event does, unless converc_event_compact() is called.
 *
 * Returns: (transfer full): the event
 */
ConvercEvent *
converc_parse_event_slice (GBytes  *body,
                           gsize    offset,
                           gsize    length,
                           GError **error)
{
  g_autoptr(GBytes) raw = NULL;
  ConvercEvent *self;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (offset <= g_bytes_get_size (body), NULL);
  g_return_val_if_fail (length <= g_bytes_get_size (body) - offset, NULL);

  raw = g_bytes_new_from_bytes (body, offset, length);
  self = parse_event (raw, error);
  if (self != NULL)
    self->raw_is_slice = length < g_bytes_get_size (body);

  return self;
}

static void
converc_event_finalize (GObject *object)
{
  ConvercEvent *self = (ConvercEvent *)object;

  g_clear_pointer (&self->raw, g_bytes_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->created_at, g_free);
  g_clear_pointer (&self->organization_id, g_free);
  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->call_status, g_free);
  g_clear_pointer (&self->media_type, g_free);
  g_clear_pointer (&self->requested_at, g_free);
  g_clear_pointer (&self->accepted_at, g_free);
  g_clear_pointer (&self->ended_at, g_free);
  g_clear_pointer (&self->accepted_by, g_free);
  g_clear_pointer (&self->contact_name, g_free);
  g_clear_pointer (&self->contact_email, g_free);
  g_clear_pointer (&self->contact_phone, g_free);
  converc_event_search_clear (&self->search);

  G_OBJECT_CLASS (converc_event_parent_class)->finalize (object);
}

static void
converc_event_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ConvercEvent *self = CONVERC_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_EVENT_TYPE:
      g_value_set_string (value, self->event_type);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_ORGANIZATION_ID:
      g_value_set_string (value, self->organization_id);
      break;
    case PROP_CALL_ID:
      g_value_set_string (value, self->call_id);
      break;
    case PROP_CALL_STATUS:
      g_value_set_string (value, self->call_status);
      break;
    case PROP_MEDIA_TYPE:
      g_value_set_string (value, self->media_type);
      break;
    case PROP_REQUESTED_AT:
      g_value_set_string (value, self->requested_at);
      break;
    case PROP_ACCEPTED_AT:
      g_value_set_string (value, self->accepted_at);
      break;
    case PROP_ENDED_AT:
      g_value_set_string (value, self->ended_at);
      break;
    case PROP_ACCEPTED_BY:
      g_value_set_string (value, self->accepted_by);
      break;
    case PROP_CONTACT_NAME:
      g_value_set_string (value, self->contact_name);
      break;
    case PROP_CONTACT_EMAIL:
      g_value_set_string (value, self->contact_email);
      break;
    case PROP_CONTACT_PHONE:
      g_value_set_string (value, self->contact_phone);
      break;
    case PROP_DURATION:
      g_value_set_int64 (value, self->duration);
      break;
    case PROP_CREATED_UNIX:
      g_value_set_int64 (value, self->created_unix);
      break;
    case PROP_RAW:
      g_value_set_boxed (value, self->raw);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
converc_event_class_init (ConvercEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const struct { guint prop; const char *name; } strings[] = {
    { PROP_ID, "id" },
    { PROP_EVENT_TYPE, "event-type" },
    { PROP_CREATED_AT, "created-at" },
    { PROP_ORGANIZATION_ID, "organization-id" },
    { PROP_CALL_ID, "call-id" },
    { PROP_CALL_STATUS, "call-status" },
    { PROP_MEDIA_TYPE, "media-type" },
    { PROP_REQUESTED_AT, "requested-at" },
    { PROP_ACCEPTED_AT, "accepted-at" },
    { PROP_ENDED_AT, "ended-at" },
    { PROP_ACCEPTED_BY, "accepted-by" },
    { PROP_CONTACT_NAME, "contact-name" },
    { PROP_CONTACT_EMAIL, "contact-email" },
    { PROP_CONTACT_PHONE, "contact-phone" },
  };

  object_class->finalize = converc_event_finalize;
  object_class->get_property = converc_event_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    properties[strings[i].prop] =
      g_param_spec_string (strings[i].name, NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DURATION] =
    g_param_spec_int64 ("duration", NULL, NULL, -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREATED_UNIX] =
    g_param_spec_int64 ("created-unix", NULL, NULL, G_MININT64, G_MAXINT64, G_MININT64,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_RAW] =
    g_param_spec_boxed ("raw", NULL, NULL, G_TYPE_BYTES,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
converc_event_init (ConvercEvent *self)
{
  self->duration = -1;
  self->created_unix = G_MININT64;
}

#define GETTER(field)                                         \
const char *                                                  \
converc_event_get_##field (ConvercEvent *self)                \
{                                                             \
  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);       \
  return self->field;                                         \
}

GETTER (id)
GETTER (event_type)
GETTER (created_at)
GETTER (organization_id)
GETTER (call_id)
GETTER (call_status)
GETTER (media_type)
GETTER (requested_at)
GETTER (accepted_at)
GETTER (ended_at)
GETTER (accepted_by)
GETTER (contact_name)
GETTER (contact_email)
GETTER (contact_phone)

#undef GETTER

gint64
converc_event_get_duration (ConvercEvent *self)
{
  g_return_val_if_fail (CONVERC_IS_EVENT (self), -1);
  return self->duration;
}

gint64
converc_event_get_created_unix (ConvercEvent *self)
{
  g_return_val_if_fail (CONVERC_IS_EVENT (self), G_MININT64);
  return self->created_unix;
}

/**
 * converc_event_get_raw:
 *
 * Returns: (transfer none): the exact bytes the server sent for this event
 */
GBytes *
converc_event_get_raw (ConvercEvent *self)
{
  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);
  return self->raw;
}

gboolean
converc_event_raw_is_slice (ConvercEvent *self)
{
  g_return_val_if_fail (CONVERC_IS_EVENT (self), FALSE);
  return self->raw_is_slice;
}

/**
 * converc_event_compact:
 *
 * An event from converc_parse_event_list() shares the bytes of the whole
 * answer it came in, so that a list of events costs no copy of them; but
 * then one such event keeps the whole answer alive. An event kept while
 * most of its answer is dropped (a refresh keeps only the events not shown
 * yet) should be compacted: it then keeps a copy of its own bytes only.
 *
 * A no-op when the raw bytes are already the event's own (events from
 * converc_parse_event(), and events compacted before).
 *
 * The raw bytes are replaced by equal ones: a #GBytes from
 * converc_event_get_raw() stays valid only while a reference to it is held.
 * Call it before the event is shared with other threads.
 */
void
converc_event_compact (ConvercEvent *self)
{
  GBytes *own;
  const char *data;
  gsize len = 0;

  g_return_if_fail (CONVERC_IS_EVENT (self));

  if (!self->raw_is_slice)
    return;

  data = g_bytes_get_data (self->raw, &len);
  own = g_bytes_new (data, len);
  g_bytes_unref (self->raw);
  self->raw = own;
  data = g_bytes_get_data (own, &len);
  converc_event_search_move (&self->search, data, len);
  self->raw_is_slice = FALSE;
}

/**
 * converc_event_matches:
 * @folded_needle: text folded with converc_fold_for_search()
 *
 * A needle matches when it is inside one string or number value of the
 * payload, whatever the case: never in a member name, never across two
 * values. Strings are compared decoded, normalised and case-folded;
 * numbers as spelled in the JSON ("1.50" is found by "1.50", not "1.5").
 * The empty needle matches every event.
 *
 * Returns: %TRUE when a value of the event contains @folded_needle
 */
gboolean
converc_event_matches (ConvercEvent *self,
                       const char   *folded_needle)
{
  g_return_val_if_fail (CONVERC_IS_EVENT (self), FALSE);

  return converc_event_search_matches (&self->search, folded_needle);
}

static void
append_part (GString    *out,
             const char *text,
             gsize       max_chars)
{
  g_autofree char *shown = NULL;

  if (text == NULL || text[0] == '\0')
    return;

  /* Server text beside the app's own " · ": bounded, on one line, with
   * bidi controls shown, never obeyed (a name ending in U+202E would turn
   * "· ended" around). */
  shown = converc_display_text (text, -1, max_chars,
                                CONVERC_DISPLAY_TEXT_ONE_LINE | CONVERC_DISPLAY_TEXT_IDENTITY);
  if (out->len > 0)
    g_string_append (out, " · ");
  g_string_append (out, shown);
}

/**
 * converc_event_dup_summary:
 *
 * Returns: (transfer full): one line: who, their email, call status,
 *   duration ("Ada Lovelace · ada@example.com · completed · 4:12"), each
 *   part bounded
 */
char *
converc_event_dup_summary (ConvercEvent *self)
{
  GString *out;
  const char *who;

  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);

  out = g_string_new (NULL);

  who = self->contact_name;
  if (who == NULL || who[0] == '\0')
    who = self->contact_email;
  if (who == NULL || who[0] == '\0')
    who = self->contact_phone;

  append_part (out, who, 128);
  /* The email beside the name: what support searches for. */
  if (who != self->contact_email)
    append_part (out, self->contact_email, 128);
  append_part (out, self->call_status, 64);

  if (self->duration >= 0)
    {
      g_autofree char *duration = converc_format_duration (self->duration);

      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, duration);
    }

  if (out->len == 0)
    g_string_append (out, "—");

  return g_string_free (out, FALSE);
}

/**
 * converc_event_parse_payload:
 *
 * Returns: (transfer full): the event's JSON, parsed again from its bytes
 */
JsonNode *
converc_event_parse_payload (ConvercEvent  *self,
                             GError       **error)
{
  const char *data;
  gsize len = 0;

  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);

  data = g_bytes_get_data (self->raw, &len);
  return converc_parse_json (data, len, error);
}

/**
 * converc_event_dup_pretty_json:
 *
 * Returns: (transfer full): the event's JSON with two-space indentation,
 *   every value spelled exactly as the server sent it
 */
char *
converc_event_dup_pretty_json (ConvercEvent *self)
{
  const char *data;
  gsize len = 0;

  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);

  data = g_bytes_get_data (self->raw, &len);
  return converc_json_pretty_print (data, len);
}

/**
 * converc_event_dup_pretty_json_prefix:
 * @max: how many bytes of it
 * @complete: (out) (optional): whether that is all of it
 *
 * The start of converc_event_dup_pretty_json(), at most about @max bytes,
 * at a cost bounded by @max, not by the event's size.
 *
 * Returns: (transfer full): the start of the event's pretty JSON
 */
char *
converc_event_dup_pretty_json_prefix (ConvercEvent *self,
                                      gsize         max,
                                      gboolean     *complete)
{
  const char *data;
  gsize len = 0;

  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);

  data = g_bytes_get_data (self->raw, &len);
  return converc_json_pretty_print_prefix (data, len, max, complete);
}
