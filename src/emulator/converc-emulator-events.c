/* converc-emulator-events.c
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

/* Realistic, varied and deterministic call events. Everything below is
 * driven by one GRand, so a seed always renders the same bytes for the
 * same creation times. The JSON is written directly into a GString: it is
 * much faster than building json-glib trees, and 10,000 events must be
 * cheap to make. */

#define N_VISITORS      48
#define USEC_PER_SEC    G_USEC_PER_SEC
#define USEC_PER_MS     1000

typedef struct
{
  const char *name;
  const char *email_local;
} PersonInfo;

typedef struct
{
  const char *city;
  const char *region;
  const char *country;
  const char *country_code;
  const char *timezone;
  double      latitude;
  double      longitude;
  const char *phone_prefix;
} PlaceInfo;

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

typedef struct
{
  char             *identity_id;
  char             *fingerprint;
  const PersonInfo *person;
  const PlaceInfo  *place;      /* NULL: no geo data */
  char             *email;      /* NULL: never given */
  char             *phone;      /* NULL: often */
  gboolean          anonymous;  /* no name given */
  double            lat_jitter;
  double            lon_jitter;
} Visitor;

struct _ConvercEmulatorGenerator
{
  GRand     *rand;
  char      *organization_id;
  char      *site_ids[3];
  char      *flow_ids[2];
  GPtrArray *visitors;
};

static const char * const documented_types[] = {
  "call.requested",
  "call.accepted",
  "call.canceled",
  "call.missed",
  "call.ended",
  "call.transcript_ready",
  "call.recording_ready",
  "webhook.test",
};

static const struct
{
  const char *type;
  guint       weight;
} type_weights[] = {
  { "call.requested", 180 },
  { "call.accepted", 150 },
  { "call.canceled", 70 },
  { "call.missed", 70 },
  { "call.ended", 260 },
  { "call.transcript_ready", 110 },
  { "call.recording_ready", 120 },
  { "webhook.test", 20 },
  { CONVERC_EMULATOR_UNDOCUMENTED_TYPE, 20 },
};

static const PersonInfo people[] = {
  { "Zoë Müller", "zoe.mueller" },
  { "José Álvarez", "jose.alvarez" },
  { "李雷", "lilei" },
  { "Ada Lovelace", "ada" },
  { "Grace Hopper", "ghopper" },
  { "Priya Natarajan", "priya.n" },
  { "Søren Kierkegaard", "soren.k" },
  { "Amélie Dubois", "amelie.dubois" },
  { "Björn Andersson", "bjorn.andersson" },
  { "Kwame Mensah", "kwame.mensah" },
  { "田中由紀", "yuki.tanaka" },
  { "Ольга Иванова", "olga.ivanova" },
  { "Łukasz Nowak", "lukasz.nowak" },
  { "Chloé Martin", "chloe.martin" },
  { "Mateo Rossi", "mateo.rossi" },
  { "Aoife O'Brien", "aoife.obrien" },
  { "Nguyễn Văn An", "an.nguyen" },
  { "Emma \"Em\" Johnson", "emma.johnson" },
  { "Liam Smith", "liam.smith" },
  { "Sofia García", "sofia.garcia" },
  { "Noah Williams", "noah.w" },
  { "Ingrid Bergström", "ingrid.b" },
  { "Rahul Mehta", "rahul.mehta" },
  { "Hannah Schmidt", "h.schmidt" },
  { "محمد حداد", "m.haddad" },
  { "Ana Carolina Souza", "ana.souza" },
  { "Dmitri Petrov", "dmitri.petrov" },
  { "Fatima Al-Sayed", "fatima.alsayed" },
};

static const char * const email_domains[] = {
  "gmail.com", "outlook.com", "acme.io", "example.org", "northwind.co",
  "globex.com", "initech.dev", "posteo.de", "proton.me", "yahoo.co.jp",
  "umbrella-corp.net", "wayne.enterprises",
};

static const PlaceInfo places[] = {
  { "London", "England", "United Kingdom", "GB", "Europe/London", 51.5074, -0.1278, "+44 20 " },
  { "Berlin", "Berlin", "Germany", "DE", "Europe/Berlin", 52.5200, 13.4050, "+49 30 " },
  { "München", "Bavaria", "Germany", "DE", "Europe/Berlin", 48.1351, 11.5820, "+49 89 " },
  { "Madrid", "Community of Madrid", "Spain", "ES", "Europe/Madrid", 40.4168, -3.7038, "+34 91 " },
  { "Paris", "Île-de-France", "France", "FR", "Europe/Paris", 48.8566, 2.3522, "+33 1 " },
  { "New York", "New York", "United States", "US", "America/New_York",
    40.7128, -74.0060, "+1 212 " },
  { "San Francisco", "California", "United States", "US", "America/Los_Angeles",
    37.7749, -122.4194, "+1 415 " },
  { "Toronto", "Ontario", "Canada", "CA", "America/Toronto", 43.6532, -79.3832, "+1 416 " },
  { "São Paulo", "São Paulo", "Brazil", "BR", "America/Sao_Paulo",
    -23.5505, -46.6333, "+55 11 " },
  { "Tokyo", "Tokyo", "Japan", "JP", "Asia/Tokyo", 35.6762, 139.6503, "+81 3 " },
  { "Beijing", "Beijing", "China", "CN", "Asia/Shanghai", 39.9042, 116.4074, "+86 10 " },
  { "Bengaluru", "Karnataka", "India", "IN", "Asia/Kolkata", 12.9716, 77.5946, "+91 80 " },
  { "Sydney", "New South Wales", "Australia", "AU", "Australia/Sydney",
    -33.8688, 151.2093, "+61 2 " },
  { "Kraków", "Lesser Poland", "Poland", "PL", "Europe/Warsaw", 50.0647, 19.9450, "+48 12 " },
  { "Stockholm", "Stockholm County", "Sweden", "SE", "Europe/Stockholm",
    59.3293, 18.0686, "+46 8 " },
  { "Accra", "Greater Accra", "Ghana", "GH", "Africa/Accra", 5.6037, -0.1870, "+233 30 " },
  { "Dubai", NULL, "United Arab Emirates", "AE", "Asia/Dubai", 25.2048, 55.2708, "+971 4 " },
  { "Mexico City", "Ciudad de México", "Mexico", "MX", "America/Mexico_City",
    19.4326, -99.1332, "+52 55 " },
  { "Reykjavík", "Capital Region", "Iceland", "IS", "Atlantic/Reykjavik",
    64.1466, -21.9426, "+354 " },
};

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

static const char alnum_chars[] =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* JSON writer */

static void
json_escape (GString    *s,
             const char *text)
{
  const char *p;

  g_string_append_c (s, '"');
  for (p = text; *p; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (s, "\\\"");
          break;
        case '\\':
          g_string_append (s, "\\\\");
          break;
        case '\n':
          g_string_append (s, "\\n");
          break;
        case '\r':
          g_string_append (s, "\\r");
          break;
        case '\t':
          g_string_append (s, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (s, "\\u%04x", c);
          else
            g_string_append_c (s, (char)c);
        }
    }
  g_string_append_c (s, '"');
}

static void
json_key (GString    *s,
          const char *key)
{
  if (key != NULL)
    {
      json_escape (s, key);
      g_string_append_c (s, ':');
    }
}

static void
json_strip_separator (GString *s)
{
  if (s->len > 0 && s->str[s->len - 1] == ',')
    g_string_truncate (s, s->len - 1);
}

void
converc_emulator_json_begin_object (GString    *s,
                                    const char *key)
{
  json_key (s, key);
  g_string_append_c (s, '{');
}

void
converc_emulator_json_end_object (GString *s)
{
  json_strip_separator (s);
  g_string_append (s, "},");
}

void
converc_emulator_json_begin_array (GString    *s,
                                   const char *key)
{
  json_key (s, key);
  g_string_append_c (s, '[');
}

void
converc_emulator_json_end_array (GString *s)
{
  json_strip_separator (s);
  g_string_append (s, "],");
}

void
converc_emulator_json_string (GString    *s,
                              const char *key,
                              const char *value)
{
  json_key (s, key);
  if (value == NULL)
    g_string_append (s, "null");
  else
    json_escape (s, value);
  g_string_append_c (s, ',');
}

void
converc_emulator_json_int (GString    *s,
                           const char *key,
                           gint64      value)
{
  json_key (s, key);
  g_string_append_printf (s, "%" G_GINT64_FORMAT ",", value);
}

void
converc_emulator_json_double (GString    *s,
                              const char *key,
                              double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  json_key (s, key);
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.6f", value));
  g_string_append_c (s, ',');
}

void
converc_emulator_json_boolean (GString    *s,
                               const char *key,
                               gboolean    value)
{
  json_key (s, key);
  g_string_append (s, value ? "true," : "false,");
}

void
converc_emulator_json_null (GString    *s,
                            const char *key)
{
  json_key (s, key);
  g_string_append (s, "null,");
}

char *
converc_emulator_json_finish (GString *s)
{
  json_strip_separator (s);
  return g_string_free (s, FALSE);
}

/* Types and times */

const char * const *
converc_emulator_documented_types (guint *n_types)
{
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (documented_types);
  return documented_types;
}

gboolean
converc_emulator_type_is_documented (const char *type)
{
  if (type == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (documented_types); i++)
    {
      if (strcmp (documented_types[i], type) == 0)
        return TRUE;
    }

  return FALSE;
}

char *
converc_emulator_format_time (gint64   unix_usec,
                              gboolean with_ms)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;
  gint64 secs = unix_usec / G_USEC_PER_SEC;
  int ms = (int)((unix_usec % G_USEC_PER_SEC) / 1000);

  if (ms < 0)
    {
      ms += 1000;
      secs -= 1;
    }

  dt = g_date_time_new_from_unix_utc (secs);
  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");

  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  if (with_ms)
    return g_strdup_printf ("%s.%03dZ", base, ms);
  return g_strdup_printf ("%sZ", base);
}

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

/* Generator */

guint32
converc_emulator_generator_int_range (ConvercEmulatorGenerator *gen,
                                      guint32                   begin,
                                      guint32                   end)
{
  if (end <= begin)
    return begin;
  return (guint32)g_rand_int_range (gen->rand, (gint32)begin, (gint32)end);
}

static gboolean
chance (ConvercEmulatorGenerator *gen,
        guint                     percent)
{
  return g_rand_int_range (gen->rand, 0, 1000) < (gint32)(percent * 10);
}

static gboolean
chance_permille (ConvercEmulatorGenerator *gen,
                 guint                     permille)
{
  return g_rand_int_range (gen->rand, 0, 1000) < (gint32)permille;
}

char *
converc_emulator_generator_hex (ConvercEmulatorGenerator *gen,
                                guint                     n_bytes)
{
  GString *s = g_string_sized_new (n_bytes * 2 + 1);

  for (guint i = 0; i < n_bytes; i++)
    g_string_append_printf (s, "%02x", g_rand_int_range (gen->rand, 0, 256));

  return g_string_free (s, FALSE);
}

char *
converc_emulator_generator_alnum (ConvercEmulatorGenerator *gen,
                                  guint                     n_chars)
{
  char *s = g_malloc (n_chars + 1);

  for (guint i = 0; i < n_chars; i++)
    s[i] = alnum_chars[g_rand_int_range (gen->rand, 0, sizeof alnum_chars - 1)];
  s[n_chars] = '\0';

  return s;
}

static char *
make_id (ConvercEmulatorGenerator *gen,
         const char               *prefix,
         guint                     n_chars)
{
  g_autofree char *tail = converc_emulator_generator_alnum (gen, n_chars);

  return g_strconcat (prefix, tail, NULL);
}

/* A version 4 UUID drawn from the generator */
static char *
make_uuid (ConvercEmulatorGenerator *gen)
{
  guint8 b[16];

  for (guint i = 0; i < 16; i++)
    b[i] = (guint8)g_rand_int_range (gen->rand, 0, 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static void
visitor_free (gpointer data)
{
  Visitor *v = data;

  g_free (v->identity_id);
  g_free (v->fingerprint);
  g_free (v->email);
  g_free (v->phone);
  g_free (v);
}

static Visitor *
visitor_new (ConvercEmulatorGenerator *gen,
             guint                     index)
{
  Visitor *v = g_new0 (Visitor, 1);

  v->identity_id = make_uuid (gen);
  v->fingerprint = converc_emulator_generator_hex (gen, 16);
  /* Everybody once, then namesakes */
  if (index < G_N_ELEMENTS (people))
    v->person = &people[index];
  else
    v->person = &people[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (people))];
  v->anonymous = chance (gen, 6);

  if (!chance (gen, 14))
    v->place = &places[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (places))];

  if (!chance (gen, 10))
    {
      const char *domain = email_domains[g_rand_int_range (gen->rand, 0,
                                                            G_N_ELEMENTS (email_domains))];

      if (chance (gen, 25))
        v->email = g_strdup_printf ("%s%d@%s", v->person->email_local,
                                    g_rand_int_range (gen->rand, 1, 99), domain);
      else
        v->email = g_strdup_printf ("%s@%s", v->person->email_local, domain);
    }

  if (chance (gen, 38))
    {
      const char *prefix = v->place != NULL ? v->place->phone_prefix : "+1 555 ";

      v->phone = g_strdup_printf ("%s%03d %04d", prefix,
                                  g_rand_int_range (gen->rand, 100, 1000),
                                  g_rand_int_range (gen->rand, 0, 10000));
    }

  v->lat_jitter = g_rand_double_range (gen->rand, -0.05, 0.05);
  v->lon_jitter = g_rand_double_range (gen->rand, -0.05, 0.05);

  return v;
}

ConvercEmulatorGenerator *
converc_emulator_generator_new (guint32 seed)
{
  ConvercEmulatorGenerator *gen = g_new0 (ConvercEmulatorGenerator, 1);
  g_autoptr(GRand) world = g_rand_new_with_seed (0xC0DEC0DE);
  ConvercEmulatorGenerator world_gen = { world, NULL, { NULL }, { NULL }, NULL };

  /* The organisation, its sites and its flows are the same for every
   * emulator: only the events depend on @seed. */
  gen->organization_id = make_id (&world_gen, "org_", 20);
  for (guint i = 0; i < G_N_ELEMENTS (gen->site_ids); i++)
    gen->site_ids[i] = make_id (&world_gen, "site_", 16);
  for (guint i = 0; i < G_N_ELEMENTS (gen->flow_ids); i++)
    gen->flow_ids[i] = make_id (&world_gen, "qf_", 16);

  gen->rand = g_rand_new_with_seed (seed);
  gen->visitors = g_ptr_array_new_with_free_func (visitor_free);
  for (guint i = 0; i < N_VISITORS; i++)
    g_ptr_array_add (gen->visitors, visitor_new (gen, i));

  return gen;
}

void
converc_emulator_generator_free (ConvercEmulatorGenerator *gen)
{
  if (gen == NULL)
    return;

  g_rand_free (gen->rand);
  g_free (gen->organization_id);
  for (guint i = 0; i < G_N_ELEMENTS (gen->site_ids); i++)
    g_free (gen->site_ids[i]);
  for (guint i = 0; i < G_N_ELEMENTS (gen->flow_ids); i++)
    g_free (gen->flow_ids[i]);
  g_ptr_array_unref (gen->visitors);
  g_free (gen);
}

const char *
converc_emulator_generator_pick_type (ConvercEmulatorGenerator *gen)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < G_N_ELEMENTS (type_weights); i++)
    total += type_weights[i].weight;

  r = (guint)g_rand_int_range (gen->rand, 0, (gint32)total);
  for (guint i = 0; i < G_N_ELEMENTS (type_weights); i++)
    {
      if (r < type_weights[i].weight)
        return type_weights[i].type;
      r -= type_weights[i].weight;
    }

  return "call.ended";
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
  gboolean with_ms = !chance (tw->gen, 8);

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
          if (chance (gen, 45))
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
      g_autofree char *answer_id = make_uuid (gen);

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
      gint64 expires_in = chance (gen, 50) ? 3600 : 86400;
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

  if (chance (gen, 70))
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
  g_autofree char *event_id = make_id (gen, "evt_", 26);
  g_autofree char *call_id = make_uuid (gen);
  g_autofree char *session_id = make_uuid (gen);
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
  video = chance (gen, 40);
  {
    /* 0..4 answers, flows usually ask two or three questions */
    static const guint weights[] = { 12, 16, 26, 24, 22 };
    guint r = (guint)g_rand_int_range (gen->rand, 0, 100);

    for (n_answers = 0; n_answers < 4 && r >= weights[n_answers]; n_answers++)
      r -= weights[n_answers];
  }

  /* ~2% of events carry one garbled timestamp (never createdAt) */
  if (chance_permille (gen, 25))
    tw.garbled_slot = g_rand_int_range (gen->rand, 1, 4 + (int)n_answers);

  if (strcmp (type, "call.requested") == 0)
    {
      status = chance (gen, 80) ? "requested" : "queued";
      requested = created - random_ms (gen, 0, 2);
      if (chance (gen, 12))
        contact_mode = chance (gen, 50) ? 1 : 2;
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
      status = chance (gen, 85) ? "completed" : "ended";
      accepted = ended = TRUE;
      recording = chance (gen, 80);
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
      recording = with_transcript ? chance (gen, 80) : TRUE;
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

  if (contact_mode == 0 && n_answers == 0 && chance (gen, 10))
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
