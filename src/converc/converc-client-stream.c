/* converc-client-stream.c
 *
 * Fetching the list of events and giving them a part at a time as the
 * answer arrives.
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

/* The one concern of this file: a list of events read as it arrives, its
 * first events given before the last bytes are in (a deep first fetch of
 * thousands of events shows rows at once). */

#define G_LOG_DOMAIN "converc-client"

#include "config.h"

#include <glib/gi18n.h>

#include "converc-background-private.h"
#include "converc-client-private.h"
#include "converc-event-stream-private.h"
#include "converc-json-private.h"
#include "converc-parse.h"

/* The first part: a window's worth of rows. Each next part is twice as
 * large, up to the last. */
#define FIRST_PART 25
#define LARGEST_PART 2000

typedef struct
{
  ConvercEventStream *stream;
  ConvercEventsFunc   func;
  gpointer            func_data;
  guint               part_size;
  guint               parsing : 1;
  guint               at_end : 1;
  guint               whole : 1;      /* read whole at its end */
  guint               n_events;
  guint               n_skipped;
  char               *first_problem;
} Reader;

/* What a part's parse gives back to the main thread. */
typedef struct
{
  Reader    *reader;      /* lives as long as the request's task */
  GBytes    *bytes;
  GArray    *ranges;      /* NULL: @bytes are the whole answer */
  guint      first_number;
  GPtrArray *events;
  guint      n_skipped;
  char      *problem;
} Part;

typedef struct
{
  guint  n_events;
  guint  n_skipped;
  char  *first_problem;
} Totals;

static void
reader_free (Reader *reader)
{
  g_clear_pointer (&reader->stream, converc_event_stream_free);
  g_clear_pointer (&reader->first_problem, g_free);
  g_free (reader);
}

static void
part_free (Part *part)
{
  g_clear_pointer (&part->bytes, g_bytes_unref);
  g_clear_pointer (&part->ranges, g_array_unref);
  g_clear_pointer (&part->events, g_ptr_array_unref);
  g_clear_pointer (&part->problem, g_free);
  g_free (part);
}

static void
totals_free (Totals *totals)
{
  g_free (totals->first_problem);
  g_free (totals);
}

static void
parse_part_thread (GTask        *part_task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Part *part = task_data;
  GError *error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (part->bytes, &len);

  if (part->ranges == NULL)
    {
      part->events = converc_parse_event_list (part->bytes, &part->n_skipped,
                                               &part->problem, &error);
      if (part->events == NULL)
        {
          g_task_return_error (part_task, error);
          return;
        }
    }
  else
    {
      /* Parts end and start at ASCII commas: each is whole UTF-8 text
       * when the answer is. */
      if (!g_utf8_validate_len (data, len, NULL))
        {
          converc_invalid_response (&error, _("the body is not valid UTF-8 text"));
          g_task_return_error (part_task, error);
          return;
        }
      part->events = converc_parse_event_ranges (part->bytes, 0, part->ranges,
                                                 part->first_number,
                                                 &part->n_skipped, &part->problem);
    }

  g_task_return_boolean (part_task, TRUE);
}

static void next_step (Reader *reader,
                       GTask  *task);

/* TRUE when the caller has its answer, or cancelled: then, if nothing told
 * it yet, it learns it now (after the body's end no read is left to notice
 * a cancel, and its callback would never come). */
static gboolean
stop_if_done (GTask *task)
{
  GError *error = NULL;

  if (!converc_client_request_is_done (task))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    converc_client_request_return_error (task, error);
  return TRUE;
}

static void
part_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Part *part = g_task_get_task_data (G_TASK (result));
  Reader *reader = part->reader;
  g_autoptr(GError) error = NULL;

  reader->parsing = FALSE;

  /* Cancelled, timed out or failed meanwhile: the caller has its answer. */
  if (stop_if_done (task))
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      converc_client_request_return_error (task, g_steal_pointer (&error));
      return;
    }

  reader->n_events += part->events->len;
  reader->n_skipped += part->n_skipped;
  if (reader->first_problem == NULL && part->problem != NULL)
    reader->first_problem = g_steal_pointer (&part->problem);

  if (part->events->len > 0)
    reader->func (part->events, reader->func_data);

  if (stop_if_done (task))
    return;

  reader->part_size = MIN (reader->part_size * 2, LARGEST_PART);
  next_step (reader, task);
}

static void
parse_part (Reader *reader,
            GTask  *task,
            Part   *part)
{
  g_autoptr(GTask) part_task = NULL;

  reader->parsing = TRUE;
  part->reader = reader;
  part_task = g_task_new (g_task_get_source_object (task), NULL, part_parsed_cb,
                          g_object_ref (task));
  g_task_set_source_tag (part_task, parse_part);
  g_task_set_task_data (part_task, part, (GDestroyNotify) part_free);
  converc_background_run_task (part_task, parse_part_thread);
}

/* Parses the next part when one is due, or ends the answer. */
static void
next_step (Reader *reader,
           GTask  *task)
{
  ConvercEventStream *stream = reader->stream;
  guint n_ready;
  g_autoptr(GError) error = NULL;

  if (reader->parsing || stop_if_done (task))
    return;

  n_ready = converc_event_stream_get_n_ready (stream);

  if (!reader->at_end)
    {
      if (n_ready >= reader->part_size)
        {
          Part *part = g_new0 (Part, 1);

          part->first_number = converc_event_stream_get_n_taken (stream);
          part->bytes = converc_event_stream_take (stream, &part->ranges);
          parse_part (reader, task, part);
        }
      return;
    }

  /* A short answer, or not a bare array: read whole, as any answer was
   * before it could be read in parts. */
  if (converc_event_stream_get_n_taken (stream) == 0 && !reader->whole)
    {
      Part *part = g_new0 (Part, 1);

      reader->whole = TRUE;
      part->bytes = converc_event_stream_steal_rest (stream);
      parse_part (reader, task, part);
      return;
    }

  if (n_ready > 0)
    {
      Part *part = g_new0 (Part, 1);

      part->first_number = converc_event_stream_get_n_taken (stream);
      part->bytes = converc_event_stream_take (stream, &part->ranges);
      parse_part (reader, task, part);
      return;
    }

  /* Every part given: the answer must have ended as a whole list. */
  if (!reader->whole && !converc_event_stream_check_end (stream, &error))
    {
      converc_client_request_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    Totals *totals = g_new0 (Totals, 1);

    totals->n_events = reader->n_events;
    totals->n_skipped = reader->n_skipped;
    totals->first_problem = g_steal_pointer (&reader->first_problem);
    converc_client_request_return_result (task, totals, (GDestroyNotify) totals_free);
  }
}

static void
reader_push (gpointer  data,
             GTask    *task,
             GBytes   *chunk)
{
  Reader *reader = data;
  gsize len;
  const guint8 *bytes = g_bytes_get_data (chunk, &len);

  converc_event_stream_push (reader->stream, bytes, len);
  next_step (reader, task);
}

static void
reader_finish (gpointer  data,
               GTask    *task)
{
  Reader *reader = data;

  reader->at_end = TRUE;
  next_step (reader, task);
}

static const ConvercBodyReaderFuncs reader_funcs = {
  reader_push,
  reader_finish,
};

static void
stream_events_start (ConvercClient       *self,
                     ConvercEventsAsk    *ask,
                     const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  Reader *reader = g_new0 (Reader, 1);

  reader->stream = converc_event_stream_new ();
  reader->func = ask->events_func;
  reader->func_data = ask->events_data;
  reader->part_size = FIRST_PART;

  converc_client_request_streamed_async (self, path, &reader_funcs,
                                         reader, (GDestroyNotify) reader_free,
                                         converc_client_stream_events_async,
                                         cancellable, callback, user_data);
}

/**
 * converc_client_stream_events_async:
 * @event_type: (nullable): the type asked for, or %NULL for all
 * @display: how many, or 0 to let the server choose
 * @events_func: given the events, a part at a time
 * @events_data: its data; it must stay valid until @callback
 *
 * Fetches the recent events and gives them to @events_func as their bytes
 * arrive, before @callback is called. The same answers are accepted, and
 * the same refusals of @display asked again for fewer, as by
 * converc_client_list_events_async().
 */
void
converc_client_stream_events_async (ConvercClient       *self,
                                    const char          *event_type,
                                    guint                display,
                                    ConvercEventsFunc    events_func,
                                    gpointer             events_data,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  ConvercEventsAsk *ask;

  g_return_if_fail (CONVERC_IS_CLIENT (self));
  g_return_if_fail (events_func != NULL);

  ask = converc_client_events_ask_new (event_type, display, converc_client_stream_events_async,
                                       (GDestroyNotify) totals_free, stream_events_start);
  ask->events_func = events_func;
  ask->events_data = events_data;
  converc_client_events_ask (self, ask, cancellable, callback, user_data);
}

/**
 * converc_client_stream_events_finish:
 * @n_events: (out) (optional): how many events were given
 * @n_skipped: (out) (optional): elements that could not be read
 * @first_problem: (out) (optional) (transfer full): why the first failed
 *
 * Returns: %TRUE when the whole answer was read
 */
gboolean
converc_client_stream_events_finish (ConvercClient  *self,
                                     GAsyncResult   *result,
                                     guint          *n_events,
                                     guint          *n_skipped,
                                     char          **first_problem,
                                     GError        **error)
{
  Totals *totals;

  if (n_events != NULL)
    *n_events = 0;
  if (n_skipped != NULL)
    *n_skipped = 0;
  if (first_problem != NULL)
    *first_problem = NULL;

  totals = converc_client_request_finish (self, result, converc_client_stream_events_async, error);
  if (totals == NULL)
    return FALSE;

  if (n_events != NULL)
    *n_events = totals->n_events;
  if (n_skipped != NULL)
    *n_skipped = totals->n_skipped;
  if (first_problem != NULL)
    *first_problem = g_steal_pointer (&totals->first_problem);
  totals_free (totals);

  return TRUE;
}
