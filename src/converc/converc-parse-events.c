/* converc-parse-events.c
 *
 * Parsing a list of events: finding each element's exact bytes in the answer
 * without a tree, then parsing them (in two threads when the list is long).
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

#define G_LOG_DOMAIN "converc-parse"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "converc-error.h"
#include "converc-event-private.h"
#include "converc-json-private.h"
#include "converc-json-scan.h"
#include "converc-parse.h"

/**
 * converc_json_split_array:
 * @data: (array length=len): JSON text holding an array
 * @len: its length
 * @error: a #GError
 *
 * Finds where each element of a top-level array starts and ends without
 * building a tree, so every element's exact bytes can be kept. Strings and
 * nesting are honoured; the elements' own syntax is checked later, when each
 * is parsed.
 *
 * Returns: (transfer full) (element-type gsize): offset and length pairs
 */
GArray *
converc_json_split_array (const char  *data,
                          gsize        len,
                          GError     **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize i = 0;

  if (data == NULL || len == 0)
    {
      converc_invalid_response (error, _("the body is empty"));
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  while (i < len && converc_json_is_space (data[i]))
    i++;

  if (i >= len || data[i] != '[')
    {
      converc_invalid_response (error, _("expected a list of events"));
      return NULL;
    }
  i++;

  for (;;)
    {
      gsize start;
      gsize end;
      int depth = 0;

      while (i < len && converc_json_is_space (data[i]))
        i++;

      if (i >= len)
        {
          converc_invalid_response (error, _("the list of events is cut short"));
          return NULL;
        }

      if (data[i] == ']' && ranges->len == 0)
        {
          i++;
          break;
        }

      start = i;
      for (; i < len; i++)
        {
          char c = data[i];

          if (c == '"')
            {
              i = converc_json_skip_string (data, len, i) - 1;
            }
          else if (c == '[' || c == '{')
            {
              if (++depth > CONVERC_MAX_NESTING_DEPTH)
                {
                  converc_invalid_response (error,
                                            _("values are nested more than %d levels deep"),
                                            CONVERC_MAX_NESTING_DEPTH);
                  return NULL;
                }
            }
          else if (c == ']' || c == '}')
            {
              if (depth == 0)
                break;
              depth--;
            }
          else if (c == ',' && depth == 0)
            {
              break;
            }
        }

      if (i >= len)
        {
          converc_invalid_response (error, _("the list of events is cut short"));
          return NULL;
        }

      end = i;
      while (end > start && converc_json_is_space (data[end - 1]))
        end--;

      if (end == start)
        {
          converc_invalid_response (error, _("the list of events has an empty element"));
          return NULL;
        }

      if (data[i] == '}')
        {
          converc_invalid_response (error, _("the list of events has an unmatched “}”"));
          return NULL;
        }

      g_array_append_val (ranges, start);
      {
        gsize length = end - start;
        g_array_append_val (ranges, length);
      }

      if (data[i] == ']')
        {
          i++;
          break;
        }
      i++; /* the comma */
    }

  while (i < len && converc_json_is_space (data[i]))
    i++;

  if (i != len)
    {
      converc_invalid_response (error, _("there is text after the list of events"));
      return NULL;
    }

  return g_steal_pointer (&ranges);
}

static const char *
find_member_array (const char *data,
                   gsize       len,
                   gsize      *out_len)
{
  const char *names[] = { "\"events\"", "\"data\"", "\"items\"" };

  /* Locates the array of a wrapper object such as {"events": [...]} by
   * scanning top-level members only. */
  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      gsize name_len = strlen (names[n]);
      int depth = 0;

      for (gsize i = 0; i < len; i++)
        {
          char c = data[i];

          if (c == '"')
            {
              gsize after = converc_json_skip_string (data, len, i);

              if (depth == 1 && after - i == name_len && memcmp (data + i, names[n], name_len) == 0)
                {
                  gsize j = after;

                  while (j < len && converc_json_is_space (data[j]))
                    j++;
                  if (j < len && data[j] == ':')
                    {
                      j++;
                      while (j < len && converc_json_is_space (data[j]))
                        j++;
                      if (j < len && data[j] == '[')
                        {
                          gsize k = j;
                          int inner = 0;

                          for (; k < len; k++)
                            {
                              if (data[k] == '"')
                                k = converc_json_skip_string (data, len, k) - 1;
                              else if (data[k] == '[' || data[k] == '{')
                                inner++;
                              else if ((data[k] == ']' || data[k] == '}') && --inner == 0)
                                break;
                            }
                          if (k < len)
                            {
                              *out_len = k + 1 - j;
                              return data + j;
                            }
                          return NULL;
                        }
                    }
                }
              i = after - 1;
            }
          else if (c == '[' || c == '{')
            depth++;
          else if (c == ']' || c == '}')
            depth--;
        }
    }

  return NULL;
}

/* Below this many events one thread is quicker than starting another. */
#define PARSE_PARALLEL_MIN 512

typedef struct
{
  GBytes        *body;
  gsize          base;      /* where the ranges' offsets start in @body */
  GArray        *ranges;
  guint          begin;
  guint          end;
  ConvercEvent **events;    /* [i]: the event, or NULL when it failed */
  char         **problems;  /* [i]: why it failed */
} ParseSlice;

static void
parse_slice (ParseSlice *slice)
{
  for (guint i = slice->begin; i < slice->end; i++)
    {
      gsize offset = g_array_index (slice->ranges, gsize, 2 * i);
      gsize length = g_array_index (slice->ranges, gsize, 2 * i + 1);
      g_autoptr(GError) event_error = NULL;

      /* No copy: the event's bytes are a slice of the body. */
      slice->events[i] = converc_parse_event_slice (slice->body, slice->base + offset, length,
                                                    &event_error);
      if (slice->events[i] == NULL)
        slice->problems[i] = g_strdup (event_error->message);
    }
}

static gpointer
parse_slice_thread (gpointer data)
{
  parse_slice (data);
  return NULL;
}

/**
 * converc_parse_event_ranges:
 * @body: bytes holding the elements of a list of events
 * @base: where the offsets of @ranges start in @body
 * @ranges: (element-type gsize): offset and length pairs, as
 *   converc_json_split_array() finds them
 * @first_number: how many elements of the list came before these (for
 *   the message of one that cannot be read)
 * @n_skipped: (out) (optional): elements that could not be read
 * @first_problem: (out) (optional) (transfer full): why the first one failed
 *
 * Parses the elements at @ranges, each keeping its exact bytes as a slice
 * of @body. Two threads share a long list.
 *
 * Returns: (transfer full) (element-type ConvercEvent): the events, in order
 */
GPtrArray *
converc_parse_event_ranges (GBytes  *body,
                            gsize    base,
                            GArray  *ranges,
                            guint    first_number,
                            guint   *n_skipped,
                            char   **first_problem)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *problem = NULL;
  guint skipped = 0;
  guint n_events;
  ConvercEvent **parsed;
  char **problems;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (ranges != NULL, NULL);

  if (n_skipped != NULL)
    *n_skipped = 0;
  if (first_problem != NULL)
    *first_problem = NULL;

  n_events = ranges->len / 2;
  parsed = g_new0 (ConvercEvent *, n_events);
  problems = g_new0 (char *, n_events);

  {
    ParseSlice first = { body, base, ranges, 0, n_events, parsed, problems };
    ParseSlice second = first;
    GThread *helper = NULL;

    /* Two cores parse twice as fast: the second half of a long list goes to
     * a thread of its own (this function already runs off the main
     * thread). The events keep the server's order either way. */
    if (n_events >= PARSE_PARALLEL_MIN && g_get_num_processors () > 1)
      {
        first.end = second.begin = n_events / 2;
        helper = g_thread_try_new ("converc-parse", parse_slice_thread, &second, NULL);
        if (helper == NULL)
          first.end = n_events;
      }

    parse_slice (&first);
    if (helper != NULL)
      g_thread_join (helper);
  }

  events = g_ptr_array_new_full (n_events, g_object_unref);

  for (guint i = 0; i < n_events; i++)
    {
      if (parsed[i] != NULL)
        {
          g_ptr_array_add (events, parsed[i]);
          continue;
        }

      skipped++;
      if (problem == NULL)
        problem = g_strdup_printf (_("Event %u of the list could not be read: %s"),
                                   first_number + i + 1, problems[i]);
    }

  for (guint i = 0; i < n_events; i++)
    g_free (problems[i]);
  g_free (problems);
  g_free (parsed);

  if (n_skipped != NULL)
    *n_skipped = skipped;
  if (first_problem != NULL)
    *first_problem = g_steal_pointer (&problem);

  return g_steal_pointer (&events);
}

/**
 * converc_parse_event_list:
 * @body: the body of `GET /webhooks/events`
 * @n_skipped: (out) (optional): elements that could not be read
 * @first_problem: (out) (optional) (transfer full): why the first one failed
 * @error: a #GError
 *
 * Reads the documented bare array, and also `{"events": [...]}`,
 * `{"data": [...]}` or `{"items": [...]}`. Each event keeps its exact bytes,
 * as a slice of @body: @body stays alive as long as one of the events does
 * (see converc_event_compact()). One bad element does not lose the others.
 *
 * Returns: (transfer full) (element-type ConvercEvent): the events, in the
 *   server's order
 */
GPtrArray *
converc_parse_event_list (GBytes  *body,
                          guint   *n_skipped,
                          char   **first_problem,
                          GError **error)
{
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  const char *array_data;
  gsize array_len;
  gsize len = 0;

  if (n_skipped != NULL)
    *n_skipped = 0;
  if (first_problem != NULL)
    *first_problem = NULL;

  if (body == NULL || g_bytes_get_size (body) == 0)
    {
      converc_invalid_response (error, _("the body is empty"));
      return NULL;
    }

  data = g_bytes_get_data (body, &len);

  if (!g_utf8_validate_len (data, len, NULL))
    {
      converc_invalid_response (error, _("the body is not valid UTF-8 text"));
      return NULL;
    }

  array_data = data;
  array_len = len;

  ranges = converc_json_split_array (array_data, array_len, &local_error);
  if (ranges == NULL)
    {
      /* Perhaps a wrapper object around the list. */
      if ((array_data = find_member_array (data, len, &array_len)) != NULL)
        ranges = converc_json_split_array (array_data, array_len, NULL);

      if (ranges == NULL)
        {
          /* A whole-body JSON error says more than the splitter's. */
          g_autoptr(JsonNode) root = converc_parse_json (data, len, error);

          if (root != NULL)
            {
              if (JSON_NODE_HOLDS_ARRAY (root))
                g_propagate_error (error, g_steal_pointer (&local_error));
              else
                converc_invalid_response (error, _("expected a list of events, got %s"),
                                          converc_json_describe_node (root));
            }
          return NULL;
        }
    }

  return converc_parse_event_ranges (body, array_data - data, ranges, 0, n_skipped, first_problem);
}
