/* converc-client-display.c
 *
 * How many events the server lets one request ask for.
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

/* The one concern of this file: the `display` of an events request.
 *
 * The API documents no maximum of `display`. A server that has one may
 * refuse a deeper request as invalid (HTTP 400, 422…) rather than answer
 * with fewer events; then the history's first sync (10,000) would fail at
 * every try. A refused request is asked again for fewer events, down a
 * ladder of the maxima servers use, and the largest the server answered
 * is kept for the client's next requests. */

#define G_LOG_DOMAIN "converc-client"

#include "config.h"

#include "converc-client-private.h"
#include "converc-error.h"

static const guint fewer_ladder[] = { 1000, 500, 100, 50 };

/* What to ask for when @wanted are wanted (0: as many as the server
 * chooses). */
static guint
display_to_ask (ConvercClient *self,
                guint          wanted)
{
  if (wanted == 0 || self->display_limit == 0)
    return wanted;

  return MIN (wanted, self->display_limit);
}

/* After a request for @refused events failed with @error: the fewer to
 * ask for instead, or 0 to give up with @error. Only a refusal of the
 * request as such (HTTP 400, 422 and the like) is asked again: a bad key,
 * a rate limit or a server in trouble would answer fewer the same. */
static guint
display_after_refusal (guint         refused,
                       const GError *error)
{
  if (!g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_REQUEST))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (fewer_ladder); i++)
    {
      if (fewer_ladder[i] < refused)
        {
          g_debug ("The server refused display=%u; asking for %u", refused, fewer_ladder[i]);
          return fewer_ladder[i];
        }
    }

  return 0;
}

static void
events_ask_free (ConvercEventsAsk *ask)
{
  g_free (ask->event_type);
  g_free (ask);
}

static void events_asked_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

static void
events_ask (GTask *task)
{
  ConvercEventsAsk *ask = g_task_get_task_data (task);
  g_autofree char *path = converc_client_dup_events_path (ask->event_type, ask->asked);

  ask->start (g_task_get_source_object (task), ask, path, g_task_get_cancellable (task),
              events_asked_cb, task);
}

static void
events_asked_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ConvercClient *self = CONVERC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  ConvercEventsAsk *ask = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer answer;
  guint fewer;

  answer = converc_client_request_finish (self, result, ask->source_tag, &error);
  if (answer == NULL && (fewer = display_after_refusal (ask->asked, error)) > 0)
    {
      /* A refusal has no 2xx body: nothing of it was given to a reader. */
      ask->asked = fewer;
      events_ask (g_steal_pointer (&task));
      return;
    }

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Answered for fewer than wanted: the most this server sends. */
  if (ask->asked > 0 && ask->asked < ask->wanted &&
      (self->display_limit == 0 || ask->asked < self->display_limit))
    self->display_limit = ask->asked;

  g_task_return_pointer (task, answer, ask->result_free);
}

/* A request for @display events (0: as the server chooses) of @event_type
 * (NULL: all), each try sent by @start with @source_tag, its answer freed
 * with @result_free. */
ConvercEventsAsk *
converc_client_events_ask_new (const char            *event_type,
                               guint                  display,
                               gpointer               source_tag,
                               GDestroyNotify         result_free,
                               ConvercEventsAskStart  start)
{
  ConvercEventsAsk *ask = g_new0 (ConvercEventsAsk, 1);

  ask->event_type = g_strdup (event_type);
  ask->wanted = display;
  ask->source_tag = source_tag;
  ask->result_free = result_free;
  ask->start = start;

  return ask;
}

/* Starts @ask (taken), asking for what the server is known to answer, and
 * again for fewer while it refuses; @callback gets a task whose source tag
 * is @ask's, and whose result is the answered request's. */
void
converc_client_events_ask (ConvercClient       *self,
                           ConvercEventsAsk    *ask,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_assert (CONVERC_IS_CLIENT (self));
  g_assert (ask->start != NULL && ask->source_tag != NULL);

  ask->asked = display_to_ask (self, ask->wanted);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ask->source_tag);
  g_task_set_task_data (task, ask, (GDestroyNotify) events_ask_free);
  events_ask (task);
}

/**
 * converc_client_get_display_limit:
 *
 * The most events this client asks for in one request: what the server
 * answered after it refused more (see converc_client_list_events_async()).
 *
 * Returns: that number, or 0 while no request was refused for asking too
 *   many
 */
guint
converc_client_get_display_limit (ConvercClient *self)
{
  g_return_val_if_fail (CONVERC_IS_CLIENT (self), 0);

  return self->display_limit;
}
