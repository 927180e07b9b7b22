/* converc-emulator-generator.c
 *
 * The sample-data generator: a seeded world of people, places and visitors,
 * and the random draws (types, ids) that events are rendered from.
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

/* Realistic, varied and deterministic call events. Everything below is
 * driven by one GRand, so a seed always renders the same bytes for the
 * same creation times. The JSON is written directly into a GString: it is
 * much faster than building json-glib trees, and 10,000 events must be
 * cheap to make. */

#define N_VISITORS      48

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

static const char alnum_chars[] =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

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

gboolean
converc_emulator_generator_chance (ConvercEmulatorGenerator *gen,
                                   guint                     percent)
{
  return g_rand_int_range (gen->rand, 0, 1000) < (gint32)(percent * 10);
}

gboolean
converc_emulator_generator_permille (ConvercEmulatorGenerator *gen,
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

char *
converc_emulator_generator_id (ConvercEmulatorGenerator *gen,
                               const char               *prefix,
                               guint                     n_chars)
{
  g_autofree char *tail = converc_emulator_generator_alnum (gen, n_chars);

  return g_strconcat (prefix, tail, NULL);
}

/* A version 4 UUID drawn from the generator */
char *
converc_emulator_generator_uuid (ConvercEmulatorGenerator *gen)
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

  v->identity_id = converc_emulator_generator_uuid (gen);
  v->fingerprint = converc_emulator_generator_hex (gen, 16);
  /* Everybody once, then namesakes */
  if (index < G_N_ELEMENTS (people))
    v->person = &people[index];
  else
    v->person = &people[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (people))];
  v->anonymous = converc_emulator_generator_chance (gen, 6);

  if (!converc_emulator_generator_chance (gen, 14))
    v->place = &places[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (places))];

  if (!converc_emulator_generator_chance (gen, 10))
    {
      const char *domain = email_domains[g_rand_int_range (gen->rand, 0,
                                                            G_N_ELEMENTS (email_domains))];

      if (converc_emulator_generator_chance (gen, 25))
        v->email = g_strdup_printf ("%s%d@%s", v->person->email_local,
                                    g_rand_int_range (gen->rand, 1, 99), domain);
      else
        v->email = g_strdup_printf ("%s@%s", v->person->email_local, domain);
    }

  if (converc_emulator_generator_chance (gen, 38))
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
  gen->organization_id = converc_emulator_generator_id (&world_gen, "org_", 20);
  for (guint i = 0; i < G_N_ELEMENTS (gen->site_ids); i++)
    gen->site_ids[i] = converc_emulator_generator_id (&world_gen, "site_", 16);
  for (guint i = 0; i < G_N_ELEMENTS (gen->flow_ids); i++)
    gen->flow_ids[i] = converc_emulator_generator_id (&world_gen, "qf_", 16);

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
