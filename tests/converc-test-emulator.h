/* converc-test-emulator.h
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

/* The one concern of this file: what the emulator's tests share — plain
 * HTTP to an emulator on this thread, and reading its JSON answers. */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "converc-emulator.h"

G_BEGIN_DECLS

#define KEY "test-key-0123"

/* Plain HTTP over a SoupSession, async + main loop (never _sync: the
 * server runs on this very thread). */
typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  gint64              elapsed_usec;
} Response;

void             response_free        (Response         *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

/* @method @base_url@path with @key as the bearer (NULL: none) and @json as
 * the body (NULL: none), the main loop run until the answer is in. */
Response        *request_at           (const char       *base_url,
                                       const char       *method,
                                       const char       *path,
                                       const char       *key,
                                       const char       *json);
Response        *request              (ConvercEmulator  *emu,
                                       const char       *method,
                                       const char       *path,
                                       const char       *key,
                                       const char       *json);
JsonNode        *parse                (GBytes           *bytes);
JsonObject      *parse_object         (GBytes           *bytes,
                                       JsonNode        **holder);
JsonArray       *parse_array          (GBytes           *bytes,
                                       JsonNode        **holder);
/* A new emulator with the key KEY, listening on loopback */
ConvercEmulator *start_emulator       (void);
void             assert_iso_timestamp (const char       *text);
/* The body's "error" is @expected (a string), or an object whose
 * "message" holds @expected (NULL: any) */
void             assert_error_message (GBytes           *body,
                                       const char       *expected);

/* A receiving server for deliveries, on loopback, answering @status */
typedef struct
{
  SoupServer *server;
  char       *url;
  guint       status;         /* what to answer */
  gboolean    hang;           /* never answer */
  GPtrArray  *bodies;         /* GBytes */
  GPtrArray  *headers;        /* SoupMessageHeaders */
  GPtrArray  *paths;
  GPtrArray  *hanging;        /* SoupServerMessage */
} Receiver;

Receiver        *receiver_new         (guint             status);
void             receiver_free        (Receiver         *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Receiver, receiver_free)

/* Creates an endpoint for @url (@events_json: a JSON array, or NULL for
 * every type); returns its id, and its @secret when asked */
char            *create_webhook       (ConvercEmulator  *emu,
                                       const char       *url,
                                       const char       *events_json,
                                       char            **secret);
/* Runs the main loop until @emu made @n deliveries (15 s at most) */
void             wait_for_deliveries  (ConvercEmulator  *emu,
                                       guint             n);
/* Runs the main loop for @ms milliseconds */
void             wait_ms              (guint             ms);

G_END_DECLS
