/* converc-event-stream.c
 *
 * Finding the elements of a bare JSON array of events as its bytes arrive.
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

/* The one concern of this file: finding the events of a bare JSON array
 * while its bytes still arrive, so that the first can be shown before the
 * last are read. */

#define G_LOG_DOMAIN "converc-parse"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "converc-event-stream-private.h"
#include "converc-json-private.h"
#include "converc-json-scan.h"
#include "converc-parse.h"

typedef enum
{
  PHASE_START,      /* before the '[' */
  PHASE_FIRST,      /* after the '[': an element or ']' */
  PHASE_NEXT,       /* after a ',': an element */
  PHASE_ELEMENT,    /* inside an element */
  PHASE_END,        /* after the ']': only space */
  PHASE_NOT_ARRAY,  /* no bare array: read whole at the end */
  PHASE_BAD,        /* a bare array gone wrong: @error says how */
} Phase;

struct _ConvercEventStream
{
  GByteArray *buffer;    /* the bytes from @base on */
  gsize       base;      /* where buffer[0] is in the answer */
  gsize       pos;       /* the next byte to look at, in the answer */
  gsize       size;      /* every byte pushed */
  Phase       phase;
  GArray     *ready;     /* (start, length) pairs in the answer */
  guint       n_taken;
  GError     *error;
  guint       bom;       /* bytes of a byte order mark seen */

  /* inside an element */
  gsize       element_start;
  guint       depth;
  guint       in_string : 1;
  guint       escaped : 1;
};

ConvercEventStream *
converc_event_stream_new (void)
{
  ConvercEventStream *self = g_new0 (ConvercEventStream, 1);

  self->buffer = g_byte_array_new ();
  self->ready = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->phase = PHASE_START;

  return self;
}

void
converc_event_stream_free (ConvercEventStream *self)
{
  if (self == NULL)
    return;

  g_byte_array_unref (self->buffer);
  g_array_unref (self->ready);
  g_clear_error (&self->error);
  g_free (self);
}

static void
go_bad (ConvercEventStream *self,
        const char         *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
go_bad (ConvercEventStream *self,
        const char         *format,
        ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  self->phase = PHASE_BAD;
  converc_invalid_response (&self->error, "%s", reason);
  /* What was found is not shown from a list that turned out broken. */
  g_array_set_size (self->ready, 0);
}

/* The element that started at @element_start ends before @at (a ',' or
 * ']' outside any string or nesting). */
static gboolean
end_element (ConvercEventStream *self,
             gsize               at)
{
  const guint8 *data = self->buffer->data;
  gsize end = at;
  gsize length;

  while (end > self->element_start && converc_json_is_space (data[end - 1 - self->base]))
    end--;

  if (end == self->element_start)
    {
      go_bad (self, _("the list of events has an empty element"));
      return FALSE;
    }

  length = end - self->element_start;
  g_array_append_val (self->ready, self->element_start);
  g_array_append_val (self->ready, length);

  return TRUE;
}

static void
start_element (ConvercEventStream *self,
               gsize               at)
{
  self->phase = PHASE_ELEMENT;
  self->element_start = at;
  self->depth = 0;
  self->in_string = FALSE;
  self->escaped = FALSE;
}

static void
scan (ConvercEventStream *self)
{
  const guint8 *data = self->buffer->data;
  gsize end = self->base + self->buffer->len;

  for (; self->pos < end; self->pos++)
    {
      gsize at = self->pos;
      char c = (char) data[at - self->base];

      switch (self->phase)
        {
        case PHASE_START:
          /* A byte order mark is allowed, as the whole-answer reading
           * allows it: whole, and first. */
          if (at == self->bom && at < 3 && (guint8) c == ((const guint8 *) "\xEF\xBB\xBF")[at])
            {
              self->bom++;
              continue;
            }
          if (self->bom == 1 || self->bom == 2)
            {
              self->phase = PHASE_NOT_ARRAY;
              return;
            }
          if (converc_json_is_space (c))
            continue;
          if (c != '[')
            {
              self->phase = PHASE_NOT_ARRAY;
              return;
            }
          self->phase = PHASE_FIRST;
          continue;

        case PHASE_FIRST:
        case PHASE_NEXT:
          if (converc_json_is_space (c))
            continue;
          if (c == ']' && self->phase == PHASE_FIRST)
            {
              self->phase = PHASE_END;
              continue;
            }
          if (c == ']' || c == ',' || c == '}')
            {
              go_bad (self, _("the list of events has an empty element"));
              return;
            }
          start_element (self, at);
          /* This byte is the element's first: look at it as such. */
          self->pos--;
          continue;

        case PHASE_ELEMENT:
          if (self->in_string)
            {
              if (self->escaped)
                self->escaped = FALSE;
              else if (c == '\\')
                self->escaped = TRUE;
              else if (c == '"')
                self->in_string = FALSE;
              continue;
            }
          if (c == '"')
            self->in_string = TRUE;
          else if (c == '[' || c == '{')
            {
              if (++self->depth > CONVERC_MAX_NESTING_DEPTH)
                {
                  go_bad (self, _("values are nested more than %d levels deep"),
                          CONVERC_MAX_NESTING_DEPTH);
                  return;
                }
            }
          else if ((c == ']' || c == '}') && self->depth > 0)
            self->depth--;
          else if (c == '}')
            {
              go_bad (self, _("the list of events has an unmatched “}”"));
              return;
            }
          else if (self->depth == 0 && (c == ']' || c == ','))
            {
              if (!end_element (self, at))
                return;
              self->phase = c == ']' ? PHASE_END : PHASE_NEXT;
            }
          continue;

        case PHASE_END:
          if (converc_json_is_space (c))
            continue;
          go_bad (self, _("there is text after the list of events"));
          return;

        case PHASE_NOT_ARRAY:
        case PHASE_BAD:
        default:
          return;
        }
    }
}

void
converc_event_stream_push (ConvercEventStream *self,
                           const guint8       *data,
                           gsize               len)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || len == 0);

  g_byte_array_append (self->buffer, data, len);
  self->size += len;
  scan (self);
}

guint
converc_event_stream_get_n_ready (ConvercEventStream *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ready->len / 2;
}

guint
converc_event_stream_get_n_taken (ConvercEventStream *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_taken;
}

gsize
converc_event_stream_get_size (ConvercEventStream *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

GBytes *
converc_event_stream_take (ConvercEventStream  *self,
                           GArray             **ranges)
{
  g_autoptr(GArray) relative = NULL;
  GByteArray *taken;
  gsize last_end;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ranges != NULL, NULL);

  *ranges = NULL;
  n = self->ready->len / 2;
  if (n == 0)
    return NULL;

  last_end = g_array_index (self->ready, gsize, 2 * (n - 1)) +
             g_array_index (self->ready, gsize, 2 * (n - 1) + 1);

  relative = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 2 * n);
  for (guint i = 0; i < n; i++)
    {
      gsize offset = g_array_index (self->ready, gsize, 2 * i) - self->base;
      gsize length = g_array_index (self->ready, gsize, 2 * i + 1);

      g_array_append_val (relative, offset);
      g_array_append_val (relative, length);
    }

  /* The buffer itself is given, not copied: a deep answer read faster than
   * it is parsed has megabytes ready, and copying them stalled the main
   * loop. Only what follows the last ready element — at most the element
   * still arriving — starts the next buffer. */
  taken = g_steal_pointer (&self->buffer);
  self->buffer = g_byte_array_sized_new ((guint) (self->base + taken->len - last_end));
  g_byte_array_append (self->buffer, taken->data + (last_end - self->base),
                       (guint) (self->base + taken->len - last_end));
  g_byte_array_set_size (taken, (guint) (last_end - self->base));
  self->base = last_end;
  g_array_set_size (self->ready, 0);
  self->n_taken += n;

  *ranges = g_steal_pointer (&relative);
  return g_byte_array_free_to_bytes (taken);
}

gboolean
converc_event_stream_check_end (ConvercEventStream  *self,
                                GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  switch (self->phase)
    {
    case PHASE_END:
      return TRUE;

    case PHASE_BAD:
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;

    case PHASE_START:
      if (self->size == 0)
        converc_invalid_response (error, _("the body is empty"));
      else
        converc_invalid_response (error, _("expected a list of events"));
      return FALSE;

    case PHASE_NOT_ARRAY:
      converc_invalid_response (error, _("expected a list of events"));
      return FALSE;

    case PHASE_FIRST:
    case PHASE_NEXT:
    case PHASE_ELEMENT:
    default:
      converc_invalid_response (error, _("the list of events is cut short"));
      return FALSE;
    }
}

GBytes *
converc_event_stream_steal_rest (ConvercEventStream *self)
{
  GByteArray *rest;

  g_return_val_if_fail (self != NULL, NULL);

  rest = g_steal_pointer (&self->buffer);
  self->buffer = g_byte_array_new ();
  /* Whoever takes the rest reads it whole: nothing of it stays ready. */
  g_array_set_size (self->ready, 0);
  self->phase = PHASE_NOT_ARRAY;
  self->base += rest->len;
  self->pos = MAX (self->pos, self->base);

  return g_byte_array_free_to_bytes (rest);
}
