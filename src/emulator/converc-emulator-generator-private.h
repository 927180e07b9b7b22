/* converc-emulator-generator-private.h
 *
 * What the sample-data generator shares with the event renderer: the
 * generator's world (organisation, visitors) and its random draws.
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

#include "converc-emulator-private.h"

G_BEGIN_DECLS

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

/* TRUE @percent (or @permille) times in a hundred (a thousand). */
gboolean converc_emulator_generator_chance   (ConvercEmulatorGenerator *gen,
                                              guint                     percent);
gboolean converc_emulator_generator_permille (ConvercEmulatorGenerator *gen,
                                              guint                     permille);
/* @prefix and @n_chars random alphanumerics. */
char    *converc_emulator_generator_id       (ConvercEmulatorGenerator *gen,
                                              const char               *prefix,
                                              guint                     n_chars);
/* A version 4 UUID drawn from the generator. */
char    *converc_emulator_generator_uuid     (ConvercEmulatorGenerator *gen);

G_END_DECLS
