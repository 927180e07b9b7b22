/* converc-emulator.h
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

G_BEGIN_DECLS

#define CONVERC_EMULATOR_DEMO_KEY "demo-key-converc-emulator"

#define CONVERC_TYPE_EMULATOR (converc_emulator_get_type())

G_DECLARE_FINAL_TYPE (ConvercEmulator, converc_emulator, CONVERC, EMULATOR, GObject)

/* A Converc API server on loopback (SoupServer), state in memory. It runs on
 * the thread-default main context of the thread that calls _start(). */
ConvercEmulator *converc_emulator_new                  (const char       *api_key);
/* @port: 0 for an ephemeral port. Binds 127.0.0.1 only. */
gboolean         converc_emulator_start                (ConvercEmulator  *self,
                                                        guint             port,
                                                        GError          **error);
void             converc_emulator_stop                 (ConvercEmulator  *self);
/* "http://127.0.0.1:PORT" without a trailing slash; NULL before start */
const char      *converc_emulator_get_base_url         (ConvercEmulator  *self);
const char      *converc_emulator_get_api_key          (ConvercEmulator  *self);

/* Seeds a few endpoints and @n_events realistic events of every type.
 * Deterministic for a @seed. The endpoints point at the emulator's own demo
 * receiver (BASE/demo-receiver/...), which answers 200 to deliveries whose
 * signature verifies, so "Send Test Event" works in demo mode. May be called
 * before or after _start(): the receiver URLs follow the bound port. */
void             converc_emulator_seed                 (ConvercEmulator  *self,
                                                        guint             n_events,
                                                        guint32           seed);
/* Adds @n more generated events (newest last). */
void             converc_emulator_generate_events      (ConvercEmulator  *self,
                                                        guint             n,
                                                        guint32           seed);
/* Adds an event from raw JSON exactly as given (may be malformed: for tests). */
void             converc_emulator_add_raw_event        (ConvercEmulator  *self,
                                                        const char       *raw_json);
/* Generates one call event of @type and delivers it to every active endpoint
 * subscribed to it. */
void             converc_emulator_emit_event           (ConvercEmulator  *self,
                                                        const char       *type);
/* Refuses (HTTP 400) a request for more than @max_display events (0:
 * answers any). */
void             converc_emulator_set_max_display      (ConvercEmulator  *self,
                                                        guint             max_display);
/* Keeps only the newest @max_events events (0: all), as the server does. */
void             converc_emulator_set_max_events       (ConvercEmulator  *self,
                                                        guint             max_events);
guint            converc_emulator_get_n_events         (ConvercEmulator  *self);
guint            converc_emulator_get_n_webhooks       (ConvercEmulator  *self);
/* The signing secret the emulator holds for @webhook_id (tests only). */
const char      *converc_emulator_get_secret           (ConvercEmulator  *self,
                                                        const char       *webhook_id);

/* Knobs for tests. Each applies to every following request until reset. */
void             converc_emulator_set_latency          (ConvercEmulator  *self,
                                                        guint             milliseconds);
/* Answer every request with @status and @body (NULL: a JSON error body). */
void             converc_emulator_set_forced_status    (ConvercEmulator  *self,
                                                        guint             status,
                                                        const char       *body);
/* Answer 429 with "Retry-After: @retry_after" (NULL: no header). */
void             converc_emulator_set_rate_limited     (ConvercEmulator  *self,
                                                        gboolean          rate_limited,
                                                        const char       *retry_after);
/* Answer 200 with a truncated/garbled body. */
void             converc_emulator_set_malformed        (ConvercEmulator  *self,
                                                        gboolean          malformed);
void             converc_emulator_reset_knobs          (ConvercEmulator  *self);
guint            converc_emulator_get_n_requests       (ConvercEmulator  *self);

/* Deliveries made to receivers, newest last. */
typedef struct
{
  char   *webhook_id;
  char   *event_id;
  char   *event_type;
  int     status;      /* receiver's HTTP status, 0 on transport failure */
  char   *error;       /* transport error text or NULL */
} ConvercEmulatorDelivery;

guint                           converc_emulator_get_n_deliveries (ConvercEmulator *self);
const ConvercEmulatorDelivery  *converc_emulator_get_delivery     (ConvercEmulator *self,
                                                                   guint            index);

/* An emulator serving from a thread of its own, so that no request waits
 * for the calling thread's main loop, nor that loop for the emulator (the
 * app's demo, the benchmarks). */
typedef struct _ConvercEmulatorThread ConvercEmulatorThread;
typedef void (*ConvercEmulatorThreadFunc) (ConvercEmulator *emulator,
                                           gpointer         user_data);

/* Creates an emulator for @api_key (as converc_emulator_new()) in a new
 * thread, starts it on an ephemeral loopback port there and returns once
 * its address is known. @then (may be NULL) runs next in that thread, while
 * the caller goes on; requests wait until it is done (seeding there keeps
 * it off the caller's time). Only the thread uses the emulator. */
ConvercEmulatorThread *converc_emulator_thread_start        (const char                 *api_key,
                                                             ConvercEmulatorThreadFunc   then,
                                                             gpointer                    user_data,
                                                             GError                    **error);
const char            *converc_emulator_thread_get_base_url (ConvercEmulatorThread      *self);
const char            *converc_emulator_thread_get_api_key  (ConvercEmulatorThread      *self);
/* Stops the emulator, joins the thread and frees @self. */
void                   converc_emulator_thread_stop         (ConvercEmulatorThread      *self);

G_END_DECLS
