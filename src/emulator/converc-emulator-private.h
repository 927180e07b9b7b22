/* converc-emulator-private.h
 *
 * What the emulator's files share: its state, the cross-file functions of
 * its object, handlers and deliveries, the JSON writer and the generator;
 * and the knobs tests use.
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
#include <libsoup/soup.h>

#include "converc-emulator.h"

G_BEGIN_DECLS

/* The event types the emulator accepts in subscriptions (the documented
 * catalogue). "call.event" is generated too but is not subscribable. */
#define CONVERC_EMULATOR_UNDOCUMENTED_TYPE "call.event"

const char * const *converc_emulator_documented_types (guint *n_types);
gboolean            converc_emulator_type_is_documented (const char *type);

/* Fixes the clock the event generator and timestamps use, so that two
 * emulators seeded alike produce identical data (tests). 0 = real time. */
void                converc_emulator_set_reference_time (ConvercEmulator *self,
                                                         gint64           unix_usec);

/* How long a delivery may wait for the receiver (default 10 s; tests). */
void                converc_emulator_set_latency_once     (ConvercEmulator *self,
                                                          guint            milliseconds);
void                converc_emulator_set_delivery_timeout (ConvercEmulator *self,
                                                           guint            seconds);

/* ISO 8601 UTC, "2026-05-01T12:34:56.789Z" (or without the fraction). */
char               *converc_emulator_format_time        (gint64           unix_usec,
                                                         gboolean         with_ms);

/* A tiny streaming JSON writer over GString. Every value is followed by a
 * comma, which closing a container (or finishing) removes again, so callers
 * never track separators. @key may be NULL inside arrays. */
void  converc_emulator_json_begin_object (GString    *s,
                                          const char *key);
void  converc_emulator_json_end_object   (GString    *s);
void  converc_emulator_json_begin_array  (GString    *s,
                                          const char *key);
void  converc_emulator_json_end_array    (GString    *s);
void  converc_emulator_json_string       (GString    *s,
                                          const char *key,
                                          const char *value);
void  converc_emulator_json_int          (GString    *s,
                                          const char *key,
                                          gint64      value);
void  converc_emulator_json_double       (GString    *s,
                                          const char *key,
                                          double      value);
void  converc_emulator_json_boolean      (GString    *s,
                                          const char *key,
                                          gboolean    value);
void  converc_emulator_json_null         (GString    *s,
                                          const char *key);
/* Removes the trailing separator and returns the text. */
char *converc_emulator_json_finish       (GString    *s);

/* Event generation (converc-emulator-events.c). */
typedef struct _ConvercEmulatorGenerator ConvercEmulatorGenerator;

ConvercEmulatorGenerator *converc_emulator_generator_new       (guint32                   seed);
void                      converc_emulator_generator_free      (ConvercEmulatorGenerator *gen);
/* A weighted random type, including now and then "call.event". */
const char               *converc_emulator_generator_pick_type (ConvercEmulatorGenerator *gen);
/* Renders one event created at @created_usec. @id: (out) the event id. */
char                     *converc_emulator_generator_render    (ConvercEmulatorGenerator *gen,
                                                                const char               *type,
                                                                gint64                    created_usec,
                                                                char                    **id);
/* Random bytes from the generator, as lowercase hex / alphanumerics. */
char                     *converc_emulator_generator_hex       (ConvercEmulatorGenerator *gen,
                                                                guint                     n_bytes);
char                     *converc_emulator_generator_alnum     (ConvercEmulatorGenerator *gen,
                                                                guint                     n_chars);
guint32                   converc_emulator_generator_int_range (ConvercEmulatorGenerator *gen,
                                                                guint32                   begin,
                                                                guint32                   end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvercEmulatorGenerator, converc_emulator_generator_free)

/* The emulator's state, shared by its object (converc-emulator.c), its
 * handlers (converc-emulator-handlers.c) and its deliveries
 * (converc-emulator-deliveries.c). */

typedef struct
{
  char     *id;
  char     *url;
  char     *demo_path;    /* "/demo-receiver/crm" for seeded endpoints, else NULL */
  GStrv     events;       /* empty: every type */
  gboolean  is_active;
  gint64    created;
  gint64    updated;
  char     *secret;
} EmuWebhook;

typedef struct
{
  char   *id;
  char   *type;         /* NULL when the raw JSON has no readable type */
  char   *raw;
  gsize   len;
  gint64  created;
} EmuEvent;

/* A request answered later (latency knob). */
typedef struct
{
  ConvercEmulator   *self;
  SoupServerMessage *msg;
  guint              source_id;
} PendingReply;

/* A delivery in flight. It holds no reference on the emulator: dispose
 * cancels @cancellable first, and callbacks look at it before @self. */
typedef struct
{
  ConvercEmulator   *self;
  GCancellable      *cancellable;
  SoupMessage       *message;
  char              *webhook_id;
  char              *event_id;
  char              *event_type;
  SoupServerMessage *test_request;  /* the paused /test request, or NULL */
} Delivery;

struct _ConvercEmulator
{
  GObject                   parent_instance;

  char                     *api_key;
  SoupServer               *server;
  char                     *base_url;
  SoupSession              *session;
  GCancellable             *cancellable;

  GPtrArray                *webhooks;     /* EmuWebhook */
  GPtrArray                *events;       /* EmuEvent, oldest first */
  guint                     max_events;   /* 0: keep every event */
  guint                     max_display;  /* 0: any display is answered */
  GPtrArray                *deliveries;   /* ConvercEmulatorDelivery */
  GPtrArray                *pending;      /* PendingReply */
  GPtrArray                *in_flight;    /* Delivery, not owned */
  ConvercEmulatorGenerator *live;         /* for emit_event and test events */
  gint64                    reference_time;

  guint                     latency;
  guint                     latency_once;  /* for the next response only */
  guint                     forced_status;
  char                     *forced_body;
  gboolean                  rate_limited;
  char                     *retry_after;
  gboolean                  malformed;
  guint                     n_requests;
};

/* converc-emulator.c */
gint64      converc_emulator_now_usec          (ConvercEmulator   *self);
EmuWebhook *converc_emulator_find_webhook      (ConvercEmulator   *self,
                                                const char        *id);
void        converc_emulator_write_webhook     (GString           *s,
                                                const char        *key,
                                                EmuWebhook        *w);
/* Renders and stores one live event (emit_event, test events). */
EmuEvent   *converc_emulator_make_live_event   (ConvercEmulator   *self,
                                                const char        *type);
void        converc_emulator_delivery_finished (ConvercEmulator   *self);
/* Emits ::answer-started for @msg (connected to its "wrote-headers"). */
void        converc_emulator_answer_started    (ConvercEmulator   *self,
                                                SoupServerMessage *msg);

/* converc-emulator-handlers.c */
void        converc_emulator_api_handler_cb     (SoupServer        *server,
                                                 SoupServerMessage *msg,
                                                 const char        *path,
                                                 GHashTable        *query,
                                                 gpointer           user_data);
void        converc_emulator_demo_receiver_cb   (SoupServer        *server,
                                                 SoupServerMessage *msg,
                                                 const char        *path,
                                                 GHashTable        *query,
                                                 gpointer           user_data);
/* Every API response goes through here (the latency and malformed knobs).
 * Takes @body. @paused: whether @msg is paused already. */
void        converc_emulator_finish_response    (ConvercEmulator   *self,
                                                 SoupServerMessage *msg,
                                                 guint              status,
                                                 char              *body,
                                                 gboolean           paused);
void        converc_emulator_pending_reply_free (gpointer           data);

/* converc-emulator-deliveries.c */
/* Posts @event to @webhook; answers @test_request (if any) when done. */
void        converc_emulator_deliver              (ConvercEmulator   *self,
                                                   EmuWebhook        *webhook,
                                                   EmuEvent          *event,
                                                   SoupServerMessage *test_request);
void        converc_emulator_delivery_record_free (gpointer           data);

G_END_DECLS
