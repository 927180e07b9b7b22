/* converc-emulator-events.c
 *
 * Rendering one realistic call event as JSON from the generator's draws:
 * call, contact, qualification answers, transcript, recording.
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

#define G_LOG_DOMAIN "converc-emulator-events"

#include "config.h"

#include <string.h>

#include "converc-emulator-private.h"
#include "converc-emulator-generator-private.h"

#define USEC_PER_SEC    G_USEC_PER_SEC
#define USEC_PER_MS     1000

typedef enum
{
  ANSWER_TEXT,
  ANSWER_SELECT,
  ANSWER_MULTI,
  ANSWER_NUMBER,
  ANSWER_BOOLEAN,
  ANSWER_DATE,
  ANSWER_EMAIL,
} AnswerKind;

typedef struct
{
  const char *id;
  const char *label;
  const char *type;
  gboolean    required;
  AnswerKind  kind;
  const char *options[6][2];    /* label, value */
  const char *texts[5];         /* free-text answers */
} QuestionInfo;

static const char * const representatives[] = {
  "Marta Kowalska", "Tom Becker", "Aisha Khan", "Lucas Moreau", "Mei Chen",
  "Jonas Weber", "Olivia Brown",
};

static const QuestionInfo questions[] = {
  { "qst_company", "Company name", "text", TRUE, ANSWER_TEXT, { { NULL } },
    { "Acme Corp", "Globex GmbH", "Müller & Söhne KG", "北京科技有限公司", "Initech" } },
  { "qst_topic", "What can we help you with?", "select", TRUE, ANSWER_SELECT,
    { { "Sales", "sales" }, { "Technical support", "support" },
      { "Billing", "billing" }, { "Partnerships", "partnerships" } }, { NULL } },
  { "qst_seats", "How many seats do you need?", "number", FALSE, ANSWER_NUMBER,
    { { NULL } }, { NULL } },
  { "qst_customer", "Are you an existing customer?", "boolean", TRUE, ANSWER_BOOLEAN,
    { { "Yes", "true" }, { "No", "false" } }, { NULL } },
  { "qst_products", "Which products are you interested in?", "multi_select", FALSE,
    ANSWER_MULTI,
    { { "Video calls", "video" }, { "Call recording", "recording" },
      { "Transcripts", "transcripts" }, { "CRM sync", "crm" },
      { "Analytics", "analytics" } }, { NULL } },
  { "qst_budget", "Monthly budget", "select", FALSE, ANSWER_SELECT,
    { { "Under $500", "lt_500" }, { "$500–$2,000", "500_2000" },
      { "Over $2,000", "gt_2000" } }, { NULL } },
  { "qst_notes", "Anything else we should know?", "textarea", FALSE, ANSWER_TEXT,
    { { NULL } },
    { "We need GDPR-compliant recording — can you help?",
      "Bitte auf Deutsch, danke!",
      "Two questions:\n1. pricing\n2. \"enterprise\" SSO",
      "Call me after 5pm (CET) please.",
      "Est-ce que l'enregistrement est chiffré ?" } },
  { "qst_email", "Work email", "email", TRUE, ANSWER_EMAIL, { { NULL } }, { NULL } },
  { "qst_callback", "Preferred callback date", "date", FALSE, ANSWER_DATE,
    { { NULL } }, { NULL } },
};

static const char * const transcript_lines[][2] = {
  { "agent", "Hi, thanks for calling! How can I help you today?" },
  { "visitor", "Hello, I have a question about your pricing for larger teams." },
  { "agent", "Of course. How many people would be using it?" },
  { "visitor", "Around forty, maybe more next quarter." },
  { "agent", "Then the Business plan fits best; it includes recording and transcripts." },
  { "visitor", "Does the recording stay in the EU?" },
  { "agent", "Yes, all media is stored in Frankfurt by default." },
  { "visitor", "Great — can you send me a quote by email?" },
  { "agent", "Sure, I'll send it right after this call." },
  { "visitor", "Perfect, thank you so much." },
  { "agent", "You're welcome, have a nice day!" },
};

/* The rendering fault of the published examples: a space after each colon
 * and the "Z" printed as "2", e.g. "2024-01-01T00: 00: 0002". */
static char *
format_garbled_time (gint64   unix_usec,
                     gboolean with_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_usec / G_USEC_PER_SEC);
  g_autofree char *base = NULL;

  if (dt == NULL)
    return g_strdup ("2024-01-01T00: 00: 0002");

  base = g_date_time_format (dt, "%Y-%m-%dT%H: %M: %S");
  if (with_ms)
    return g_strdup_printf ("%s.%03d2", base,
                            (int)((unix_usec % G_USEC_PER_SEC) / 1000));
  return g_strdup_printf ("%s02", base);
}

/* Event rendering */

typedef struct
{
  ConvercEmulatorGenerator *gen;
  int                       garbled_slot;   /* which timestamp to garble, -1 none */
  int                       slot;
} TimeWriter;

static void
write_time (TimeWriter *tw,
            GString    *s,
            const char *key,
            gint64      usec)
{
  g_autofree char *text = NULL;
  gboolean with_ms = !converc_emulator_generator_chance (tw->gen, 8);

  if (tw->slot++ == tw->garbled_slot)
    text = format_garbled_time (usec, with_ms);
  else
    text = converc_emulator_format_time (usec, with_ms);

  converc_emulator_json_string (s, key, text);
}

static void
write_answer_value (ConvercEmulatorGenerator *gen,
                    GString                  *s,
                    const QuestionInfo       *q,
                    const Visitor            *visitor,
                    gint64                    requested)
{
  guint n_options = 0;
  guint n_texts = 0;

  while (n_options < G_N_ELEMENTS (q->options) && q->options[n_options][0] != NULL)
    n_options++;
  while (n_texts < G_N_ELEMENTS (q->texts) && q->texts[n_texts] != NULL)
    n_texts++;

  converc_emulator_json_begin_object (s, "answer");

  switch (q->kind)
    {
    case ANSWER_TEXT:
      converc_emulator_json_string (s, "value",
                                    q->texts[g_rand_int_range (gen->rand, 0, n_texts)]);
      break;

    case ANSWER_SELECT:
      converc_emulator_json_string (s, "value",
                                    q->options[g_rand_int_range (gen->rand, 0, n_options)][1]);
      break;

    case ANSWER_MULTI:
      converc_emulator_json_begin_array (s, "value");
      for (guint i = 0; i < n_options; i++)
        {
          if (converc_emulator_generator_chance (gen, 45))
            converc_emulator_json_string (s, NULL, q->options[i][1]);
        }
      converc_emulator_json_end_array (s);
      break;

    case ANSWER_NUMBER:
      converc_emulator_json_int (s, "value", g_rand_int_range (gen->rand, 1, 500));
      break;

    case ANSWER_BOOLEAN:
      converc_emulator_json_boolean (s, "value", g_rand_boolean (gen->rand));
      break;

    case ANSWER_DATE:
      {
        g_autoptr(GDateTime) dt = NULL;
        g_autofree char *text = NULL;

        dt = g_date_time_new_from_unix_utc (requested / G_USEC_PER_SEC +
                                            g_rand_int_range (gen->rand, 1, 15) * 86400);
        text = g_date_time_format (dt, "%Y-%m-%d");
        converc_emulator_json_string (s, "value", text);
      }
      break;

    case ANSWER_EMAIL:
      if (visitor != NULL && visitor->email != NULL)
        converc_emulator_json_string (s, "value", visitor->email);
      else
        converc_emulator_json_string (s, "value", "someone@example.com");
      break;

    default:
      g_assert_not_reached ();
    }

  converc_emulator_json_end_object (s);
}

static void
write_qualification (ConvercEmulatorGenerator *gen,
                     TimeWriter               *tw,
                     GString                  *s,
                     const Visitor            *visitor,
                     guint                     n_answers,
                     gint64                   *requested)
{
  guint picked[G_N_ELEMENTS (questions)];
  guint n_picked = 0;

  /* Distinct questions, in a random order */
  while (n_picked < n_answers)
    {
      guint q = (guint)g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (questions));
      gboolean seen = FALSE;

      for (guint i = 0; i < n_picked; i++)
        seen |= (picked[i] == q);
      if (!seen)
        picked[n_picked++] = q;
    }

  converc_emulator_json_begin_array (s, "qualificationAnswers");

  for (guint i = 0; i < n_picked; i++)
    {
      const QuestionInfo *q = &questions[picked[i]];
      g_autofree char *answer_id = converc_emulator_generator_uuid (gen);

      converc_emulator_json_begin_object (s, NULL);
      converc_emulator_json_string (s, "id", answer_id);
      converc_emulator_json_string (s, "questionId", q->id);
      converc_emulator_json_int (s, "position", i + 1);

      converc_emulator_json_begin_object (s, "question");
      converc_emulator_json_string (s, "id", q->id);
      converc_emulator_json_string (s, "label", q->label);
      converc_emulator_json_string (s, "type", q->type);
      converc_emulator_json_boolean (s, "required", q->required);
      converc_emulator_json_int (s, "position", i + 1);
      converc_emulator_json_begin_array (s, "options");
      for (guint o = 0; o < G_N_ELEMENTS (q->options) && q->options[o][0] != NULL; o++)
        {
          converc_emulator_json_begin_object (s, NULL);
          converc_emulator_json_string (s, "label", q->options[o][0]);
          converc_emulator_json_string (s, "value", q->options[o][1]);
          converc_emulator_json_end_object (s);
        }
      converc_emulator_json_end_array (s);
      converc_emulator_json_end_object (s);

      write_answer_value (gen, s, q, visitor, *requested);
      /* answered a few seconds apart, before the call was requested */
      write_time (tw, s, "createdAt",
                  *requested - (gint64)(n_picked - i) * g_rand_int_range (gen->rand, 4, 40) *
                  USEC_PER_SEC - g_rand_int_range (gen->rand, 0, 1000) * USEC_PER_MS);

      converc_emulator_json_end_object (s);
    }

  converc_emulator_json_end_array (s);
}

static void
write_transcript (ConvercEmulatorGenerator *gen,
                  GString                  *s,
                  const char               *rep,
                  const Visitor            *visitor,
                  gint64                    duration_ms)
{
  guint n_segments = (guint)g_rand_int_range (gen->rand, 3, G_N_ELEMENTS (transcript_lines) + 1);
  gint64 step = MAX (duration_ms / (n_segments + 1), 1500);
  gint64 t = g_rand_int_range (gen->rand, 200, 1500);

  converc_emulator_json_begin_object (s, "transcript");
  converc_emulator_json_string (s, "language", "en");
  converc_emulator_json_int (s, "durationSeconds", duration_ms / 1000);
  converc_emulator_json_begin_array (s, "segments");
  for (guint i = 0; i < n_segments; i++)
    {
      const char *speaker = transcript_lines[i][0];
      gint64 len = step - g_rand_int_range (gen->rand, 100, 1200);

      converc_emulator_json_begin_object (s, NULL);
      converc_emulator_json_string (s, "speaker", speaker);
      if (strcmp (speaker, "agent") == 0)
        converc_emulator_json_string (s, "name", rep);
      else if (visitor != NULL && !visitor->anonymous)
        converc_emulator_json_string (s, "name", visitor->person->name);
      else
        converc_emulator_json_null (s, "name");
      converc_emulator_json_int (s, "startMs", t);
      converc_emulator_json_int (s, "endMs", t + len);
      converc_emulator_json_string (s, "text", transcript_lines[i][1]);
      converc_emulator_json_end_object (s);
      t += step;
    }
  converc_emulator_json_end_array (s);
  converc_emulator_json_end_object (s);
}

static void
write_recording (ConvercEmulatorGenerator *gen,
                 GString                  *s,
                 gboolean                  available,
                 const char               *call_id,
                 gboolean                  video,
                 gint64                    created)
{
  converc_emulator_json_begin_object (s, "recording");
  converc_emulator_json_boolean (s, "available", available);

  if (available)
    {
      gint64 expires_in = converc_emulator_generator_chance (gen, 50) ? 3600 : 86400;
      gint64 expires = created / G_USEC_PER_SEC + expires_in;
      g_autofree char *sig_video = converc_emulator_generator_hex (gen, 32);
      g_autofree char *sig_audio = converc_emulator_generator_hex (gen, 32);

      if (video)
        {
          g_autofree char *url = g_strdup_printf ("https://media.converc.com/recordings/%s/%s/"
                                                  "video.mp4?Expires=%" G_GINT64_FORMAT
                                                  "&Key-Pair-Id=K2JCJMDEHXQW5F"
                                                  "&Signature=%s", gen->organization_id,
                                                  call_id, expires, sig_video);
          converc_emulator_json_string (s, "videoUrl", url);
        }
      else
        converc_emulator_json_null (s, "videoUrl");

      {
        g_autofree char *url = g_strdup_printf ("https://media.converc.com/recordings/%s/%s/"
                                                "audio.m4a?Expires=%" G_GINT64_FORMAT
                                                "&Key-Pair-Id=K2JCJMDEHXQW5F"
                                                "&Signature=%s", gen->organization_id,
                                                call_id, expires, sig_audio);
        converc_emulator_json_string (s, "audioUrl", url);
      }
      converc_emulator_json_int (s, "expiresInSeconds", expires_in);
    }
  else
    {
      converc_emulator_json_null (s, "videoUrl");
      converc_emulator_json_null (s, "audioUrl");
      converc_emulator_json_null (s, "expiresInSeconds");
    }

  converc_emulator_json_end_object (s);
}

static void
write_contact (ConvercEmulatorGenerator *gen,
               TimeWriter               *tw,
               GString                  *s,
               const Visitor            *v,
               gint64                    requested)
{
  gint64 last_seen;

  converc_emulator_json_begin_object (s, "contact");
  converc_emulator_json_string (s, "identityId", v->identity_id);
  converc_emulator_json_string (s, "fingerprint", v->fingerprint);
  converc_emulator_json_string (s, "email", v->email);
  converc_emulator_json_string (s, "phone", v->phone);
  converc_emulator_json_string (s, "name", v->anonymous ? NULL : v->person->name);

  if (converc_emulator_generator_chance (gen, 70))
    last_seen = requested - g_rand_int_range (gen->rand, 0, 600) * USEC_PER_SEC;
  else
    last_seen = requested - (gint64)g_rand_int_range (gen->rand, 1, 30 * 24) * 3600 *
                USEC_PER_SEC;
  last_seen -= g_rand_int_range (gen->rand, 0, 1000) * USEC_PER_MS;
  write_time (tw, s, "lastSeenAt", last_seen);

  if (v->place != NULL)
    {
      converc_emulator_json_begin_object (s, "location");
      converc_emulator_json_string (s, "city", v->place->city);
      converc_emulator_json_string (s, "region", v->place->region);
      converc_emulator_json_string (s, "country", v->place->country);
      converc_emulator_json_string (s, "countryCode", v->place->country_code);
      converc_emulator_json_string (s, "timezone", v->place->timezone);
      converc_emulator_json_double (s, "latitude", v->place->latitude + v->lat_jitter);
      converc_emulator_json_double (s, "longitude", v->place->longitude + v->lon_jitter);
      converc_emulator_json_end_object (s);
    }
  else
    {
      converc_emulator_json_null (s, "location");
    }

  converc_emulator_json_end_object (s);
}

static gint64
random_ms (ConvercEmulatorGenerator *gen,
           guint                     min_seconds,
           guint                     max_seconds)
{
  return (gint64)g_rand_int_range (gen->rand, (gint32)min_seconds, (gint32)max_seconds) *
         USEC_PER_SEC + g_rand_int_range (gen->rand, 0, 1000) * USEC_PER_MS;
}

char *
converc_emulator_generator_render (ConvercEmulatorGenerator *gen,
                                   const char               *type,
                                   gint64                    created,
                                   char                    **out_id)
{
  GString *s = g_string_sized_new (2600);
  g_autofree char *event_id = converc_emulator_generator_id (gen, "evt_", 26);
  g_autofree char *call_id = converc_emulator_generator_uuid (gen);
  g_autofree char *session_id = converc_emulator_generator_uuid (gen);
  const Visitor *visitor;
  const char *rep;
  const char *status;
  const char *site_id;
  const char *flow_id;
  TimeWriter tw = { gen, -1, 0 };
  gboolean video;
  gboolean accepted = FALSE;
  gboolean ended = FALSE;
  gboolean with_transcript = FALSE;
  gboolean recording = FALSE;
  int contact_mode = 0;            /* 0 present, 1 null, 2 missing */
  gint64 requested = 0;
  gint64 accepted_at = 0;
  gint64 ended_at = 0;
  guint n_answers;

  g_return_val_if_fail (gen != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);

  visitor = g_ptr_array_index (gen->visitors,
                               g_rand_int_range (gen->rand, 0, gen->visitors->len));
  rep = representatives[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (representatives))];
  site_id = gen->site_ids[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (gen->site_ids))];
  flow_id = gen->flow_ids[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (gen->flow_ids))];
  video = converc_emulator_generator_chance (gen, 40);
  {
    /* 0..4 answers, flows usually ask two or three questions */
    static const guint weights[] = { 12, 16, 26, 24, 22 };
    guint r = (guint)g_rand_int_range (gen->rand, 0, 100);

    for (n_answers = 0; n_answers < 4 && r >= weights[n_answers]; n_answers++)
      r -= weights[n_answers];
  }

  /* ~2% of events carry one garbled timestamp (never createdAt) */
  if (converc_emulator_generator_permille (gen, 25))
    tw.garbled_slot = g_rand_int_range (gen->rand, 1, 4 + (int)n_answers);

  if (strcmp (type, "call.requested") == 0)
    {
      status = converc_emulator_generator_chance (gen, 80) ? "requested" : "queued";
      requested = created - random_ms (gen, 0, 2);
      if (converc_emulator_generator_chance (gen, 12))
        contact_mode = converc_emulator_generator_chance (gen, 50) ? 1 : 2;
    }
  else if (strcmp (type, "call.accepted") == 0)
    {
      status = "accepted";
      accepted = TRUE;
      accepted_at = created - random_ms (gen, 0, 2);
      requested = accepted_at - random_ms (gen, 3, 90);
    }
  else if (strcmp (type, "call.canceled") == 0)
    {
      status = "canceled";
      ended = TRUE;
      ended_at = created - random_ms (gen, 0, 2);
      requested = ended_at - random_ms (gen, 5, 120);
    }
  else if (strcmp (type, "call.missed") == 0)
    {
      static const guint timeouts[] = { 60, 90, 120 };

      status = "missed";
      ended = TRUE;
      ended_at = created - random_ms (gen, 0, 2);
      requested = ended_at - timeouts[g_rand_int_range (gen->rand, 0, 3)] * USEC_PER_SEC;
    }
  else if (strcmp (type, "call.ended") == 0 ||
           strcmp (type, "webhook.test") == 0)
    {
      status = converc_emulator_generator_chance (gen, 85) ? "completed" : "ended";
      accepted = ended = TRUE;
      recording = converc_emulator_generator_chance (gen, 80);
      ended_at = created - random_ms (gen, 0, 3);
      accepted_at = ended_at - random_ms (gen, 20, 40 * 60);
      requested = accepted_at - random_ms (gen, 3, 90);
    }
  else if (strcmp (type, "call.transcript_ready") == 0 ||
           strcmp (type, "call.recording_ready") == 0)
    {
      status = "completed";
      accepted = ended = TRUE;
      with_transcript = (type[5] == 't');
      recording = with_transcript ? converc_emulator_generator_chance (gen, 80) : TRUE;
      ended_at = created - random_ms (gen, 30, 600);
      accepted_at = ended_at - random_ms (gen, 20, 40 * 60);
      requested = accepted_at - random_ms (gen, 3, 90);
    }
  else
    {
      static const char * const statuses[] = { "requested", "accepted", "completed",
                                                "missed", "canceled", "transferred" };

      /* "call.event" and anything else: the undocumented catch-all */
      status = statuses[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (statuses))];
      accepted = ended = TRUE;
      ended_at = created - random_ms (gen, 0, 3);
      accepted_at = ended_at - random_ms (gen, 20, 20 * 60);
      requested = accepted_at - random_ms (gen, 3, 90);
    }

  if (contact_mode == 0 && n_answers == 0 && converc_emulator_generator_chance (gen, 10))
    flow_id = NULL;

  converc_emulator_json_begin_object (s, NULL);
  converc_emulator_json_string (s, "id", event_id);
  converc_emulator_json_string (s, "type", type);
  {
    g_autofree char *text = converc_emulator_format_time (created, TRUE);
    converc_emulator_json_string (s, "createdAt", text);
    tw.slot++;
  }
  converc_emulator_json_string (s, "organizationId", gen->organization_id);

  converc_emulator_json_begin_object (s, "data");

  converc_emulator_json_begin_object (s, "call");
  converc_emulator_json_string (s, "id", call_id);
  converc_emulator_json_string (s, "status", status);
  converc_emulator_json_string (s, "mediaType", video ? "video" : "audio");
  write_time (&tw, s, "requestedAt", requested);
  if (accepted)
    write_time (&tw, s, "acceptedAt", accepted_at);
  else
    converc_emulator_json_null (s, "acceptedAt");
  if (ended)
    write_time (&tw, s, "endedAt", ended_at);
  else
    converc_emulator_json_null (s, "endedAt");
  converc_emulator_json_string (s, "acceptedBy", accepted ? rep : NULL);
  converc_emulator_json_string (s, "sessionId", session_id);
  converc_emulator_json_string (s, "siteId", site_id);
  converc_emulator_json_string (s, "visitorFingerprint", visitor->fingerprint);
  converc_emulator_json_string (s, "qualificationFlowId", flow_id);
  converc_emulator_json_end_object (s);

  if (contact_mode == 0)
    write_contact (gen, &tw, s, visitor, requested);
  else if (contact_mode == 1)
    converc_emulator_json_null (s, "contact");

  write_qualification (gen, &tw, s, contact_mode == 0 ? visitor : NULL,
                       flow_id != NULL ? n_answers : 0, &requested);

  if (with_transcript)
    write_transcript (gen, s, rep, contact_mode == 0 ? visitor : NULL,
                      (ended_at - accepted_at) / 1000);
  else
    converc_emulator_json_null (s, "transcript");

  write_recording (gen, s, recording, call_id, video, created);

  converc_emulator_json_end_object (s); /* data */
  converc_emulator_json_end_object (s); /* event */

  if (out_id != NULL)
    *out_id = g_steal_pointer (&event_id);

  return converc_emulator_json_finish (s);
}
