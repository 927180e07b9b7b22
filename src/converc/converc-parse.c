/* converc-parse.c
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
#include "converc-parse.h"

void
converc_test_result_free (ConvercTestResult *result)
{
  if (result == NULL)
    return;
  g_free (result->error);
  g_free (result);
}

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    default:
      return _("a number");
    }
}

static gboolean
invalid_response (GError     **error,
                  const char  *format,
                  ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid_response (GError     **error,
                  const char  *format,
                  ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
               _("The server’s answer could not be understood: %s"), detail);
  return FALSE;
}

/* Skips a JSON string starting at data[i] == '"'; returns the index after
 * the closing quote, or len when it is not closed. */
static gsize
skip_string (const char *data,
             gsize       len,
             gsize       i)
{
  for (i++; i < len; i++)
    {
      if (data[i] == '\\')
        i++;
      else if (data[i] == '"')
        return i + 1;
    }
  return len;
}

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
check_depth (const char  *data,
             gsize        len,
             GError     **error)
{
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '"')
        {
          i = skip_string (data, len, i) - 1;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > CONVERC_MAX_NESTING_DEPTH)
            return invalid_response (error, _("values are nested more than %d levels deep"),
                                     CONVERC_MAX_NESTING_DEPTH);
        }
      else if (c == ']' || c == '}')
        {
          depth--;
        }
    }

  return TRUE;
}

/**
 * converc_parse_json:
 * @data: (array length=len): JSON text
 * @len: its length
 * @error: a #GError
 *
 * Parses JSON with the checks json-glib leaves to its callers: not empty,
 * valid UTF-8, nesting at most %CONVERC_MAX_NESTING_DEPTH deep.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
converc_parse_json (const char  *data,
                    gsize        len,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize start = 0;

  if (data == NULL || len == 0)
    {
      invalid_response (error, _("the body is empty"));
      return NULL;
    }

  /* A UTF-8 byte order mark is tolerated. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  if (!g_utf8_validate_len (data + start, len - start, NULL))
    {
      invalid_response (error, _("the body is not valid UTF-8 text"));
      return NULL;
    }

  if (memchr (data + start, '\0', len - start) != NULL)
    {
      invalid_response (error, _("the body contains a NUL byte"));
      return NULL;
    }

  if (!check_depth (data + start, len - start, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data + start, len - start, &local_error))
    {
      invalid_response (error, _("it is not valid JSON (%s)"), local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      invalid_response (error, _("the body is empty"));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static JsonObject *
parse_object (GBytes  *body,
              JsonNode **root_out,
              GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  gsize len = 0;
  const char *data;

  if (body == NULL)
    {
      invalid_response (error, _("the body is empty"));
      return NULL;
    }

  data = g_bytes_get_data (body, &len);
  root = converc_parse_json (data, len, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid_response (error, _("expected an object, got %s"), describe_node (root));
      return NULL;
    }

  *root_out = g_steal_pointer (&root);
  return json_node_get_object (*root_out);
}

JsonObject *
converc_json_object_member (JsonObject *object,
                            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
converc_json_array_member (JsonObject *object,
                           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

char *
converc_json_dup_string (JsonObject *object,
                         const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return NULL;
    }
}

static gboolean
get_bool (JsonObject *object,
          const char *name,
          gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (node);
    case G_TYPE_INT64:
      return json_node_get_int (node) != 0;
    case G_TYPE_STRING:
      return g_ascii_strcasecmp (json_node_get_string (node), "true") == 0 ||
             g_strcmp0 (json_node_get_string (node), "1") == 0;
    default:
      return fallback;
    }
}

/**
 * converc_parse_webhook_object:
 * @object: a WEBHOOK object
 * @error: a #GError
 *
 * Only `id` is required: without it nothing can be done with the endpoint.
 * `isActive` defaults to %TRUE, a missing `events` means every type.
 *
 * Returns: (transfer full): a new #ConvercWebhook
 */
ConvercWebhook *
converc_parse_webhook_object (JsonObject  *object,
                              GError     **error)
{
  g_autofree char *id = converc_json_dup_string (object, "id");
  g_autofree char *url = converc_json_dup_string (object, "url");
  g_autofree char *created_at = converc_json_dup_string (object, "createdAt");
  g_autofree char *updated_at = converc_json_dup_string (object, "updatedAt");
  g_autoptr(GStrvBuilder) events = g_strv_builder_new ();
  g_auto(GStrv) events_strv = NULL;
  JsonNode *events_node;

  if (id == NULL || id[0] == '\0')
    {
      invalid_response (error, _("an endpoint has no id"));
      return NULL;
    }

  events_node = json_object_get_member (object, "events");
  if (events_node != NULL && JSON_NODE_HOLDS_ARRAY (events_node))
    {
      JsonArray *array = json_node_get_array (events_node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING &&
              json_node_get_string (element)[0] != '\0')
            g_strv_builder_add (events, json_node_get_string (element));
        }
    }
  else if (events_node != NULL && JSON_NODE_HOLDS_VALUE (events_node) &&
           json_node_get_value_type (events_node) == G_TYPE_STRING)
    {
      /* "events": "call.ended,call.missed" */
      g_auto(GStrv) split = g_strsplit (json_node_get_string (events_node), ",", -1);

      for (guint i = 0; split[i] != NULL; i++)
        {
          g_strstrip (split[i]);
          if (split[i][0] != '\0' && g_strcmp0 (split[i], "*") != 0)
            g_strv_builder_add (events, split[i]);
        }
    }

  events_strv = g_strv_builder_end (events);

  return converc_webhook_new (id, url != NULL ? url : "",
                              (const char * const *)events_strv,
                              get_bool (object, "isActive", TRUE),
                              created_at, updated_at);
}

/**
 * converc_parse_webhook_list:
 * @body: the body of `GET /integrations/webhooks`
 * @n_skipped: (out) (optional): how many list elements could not be read
 * @error: a #GError
 *
 * Reads `{"webhooks": [...]}`; a bare array is accepted too.
 *
 * Returns: (transfer full) (element-type ConvercWebhook): the endpoints
 */
GPtrArray *
converc_parse_webhook_list (GBytes  *body,
                            guint   *n_skipped,
                            GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) result = NULL;
  JsonArray *array = NULL;
  guint skipped = 0;
  gsize len = 0;
  const char *data;

  if (n_skipped != NULL)
    *n_skipped = 0;

  if (body == NULL)
    {
      invalid_response (error, _("the body is empty"));
      return NULL;
    }

  data = g_bytes_get_data (body, &len);
  root = converc_parse_json (data, len, error);
  if (root == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *list = json_object_get_member (object, "webhooks");

      if (list == NULL)
        list = json_object_get_member (object, "data");

      if (list == NULL || JSON_NODE_HOLDS_NULL (list))
        {
          invalid_response (error, _("it has no “webhooks” list"));
          return NULL;
        }
      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          invalid_response (error, _("“webhooks” is %s, not a list"), describe_node (list));
          return NULL;
        }
      array = json_node_get_array (list);
    }
  else
    {
      invalid_response (error, _("expected an object, got %s"), describe_node (root));
      return NULL;
    }

  result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      ConvercWebhook *webhook = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        webhook = converc_parse_webhook_object (json_node_get_object (element), NULL);

      if (webhook != NULL)
        g_ptr_array_add (result, webhook);
      else
        skipped++;
    }

  if (n_skipped != NULL)
    *n_skipped = skipped;

  return g_steal_pointer (&result);
}

/**
 * converc_parse_create_response:
 * @body: the body of `POST /integrations/webhooks`
 * @secret: (out) (transfer full): the signing secret
 * @error: a #GError
 *
 * Returns: (transfer full): the new endpoint
 */
ConvercWebhook *
converc_parse_create_response (GBytes  *body,
                               char   **secret,
                               GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autofree char *found_secret = NULL;
  JsonObject *object;
  JsonNode *webhook_node;

  g_return_val_if_fail (secret != NULL, NULL);

  *secret = NULL;

  object = parse_object (body, &root, error);
  if (object == NULL)
    return NULL;

  webhook_node = json_object_get_member (object, "webhook");
  if (webhook_node == NULL)
    webhook_node = json_object_get_member (object, "data");

  if (webhook_node != NULL && JSON_NODE_HOLDS_OBJECT (webhook_node))
    {
      JsonObject *webhook_object = json_node_get_object (webhook_node);

      webhook = converc_parse_webhook_object (webhook_object, error);
      if (webhook == NULL)
        return NULL;

      found_secret = converc_json_dup_string (object, "secret");
      if (found_secret == NULL)
        found_secret = converc_json_dup_string (webhook_object, "secret");
    }
  else if (webhook_node == NULL && json_object_has_member (object, "id"))
    {
      /* The endpoint itself, with the secret beside its fields. */
      webhook = converc_parse_webhook_object (object, error);
      if (webhook == NULL)
        return NULL;
      found_secret = converc_json_dup_string (object, "secret");
    }
  else
    {
      invalid_response (error, _("it has no “webhook” object"));
      return NULL;
    }

  if (found_secret == NULL || found_secret[0] == '\0')
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
                   _("The endpoint %s was created, but the server sent no signing secret. "
                     "Signatures of its deliveries cannot be checked."),
                   converc_webhook_get_id (webhook));
      return NULL;
    }

  *secret = g_steal_pointer (&found_secret);
  return g_steal_pointer (&webhook);
}

gboolean
converc_parse_disable_response (GBytes   *body,
                                gboolean *is_active,
                                GError  **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  gboolean active;

  if (is_active != NULL)
    *is_active = FALSE;

  /* 204 No Content, or an empty 200: the disable went through. */
  if (body == NULL || g_bytes_get_size (body) == 0)
    return TRUE;

  object = parse_object (body, &root, error);
  if (object == NULL)
    return FALSE;

  if (json_object_has_member (object, "ok") && !get_bool (object, "ok", TRUE))
    {
      g_autofree char *message = converc_error_extract_message (body);

      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_FAILED,
                   _("The server did not disable the endpoint: %s"),
                   message != NULL ? message : _("no reason given"));
      return FALSE;
    }

  active = get_bool (object, "isActive", FALSE);
  if (is_active != NULL)
    *is_active = active;

  if (active)
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_FAILED,
                           _("The server answered, but says the endpoint is still active."));
      return FALSE;
    }

  return TRUE;
}

/**
 * converc_parse_test_response:
 * @body: the body of `POST /integrations/webhooks/test`
 * @error: a #GError
 *
 * Returns: (transfer full): what the receiving URL answered
 */
ConvercTestResult *
converc_parse_test_response (GBytes  *body,
                             GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ConvercTestResult) result = NULL;
  JsonObject *object;
  JsonNode *status;
  JsonNode *error_node;

  object = parse_object (body, &root, error);
  if (object == NULL)
    return NULL;

  result = g_new0 (ConvercTestResult, 1);

  status = json_object_get_member (object, "status");
  if (status != NULL && JSON_NODE_HOLDS_VALUE (status))
    {
      gint64 value = 0;

      if (json_node_get_value_type (status) == G_TYPE_INT64)
        value = json_node_get_int (status);
      else if (json_node_get_value_type (status) == G_TYPE_DOUBLE)
        value = (gint64)json_node_get_double (status);
      else if (json_node_get_value_type (status) == G_TYPE_STRING)
        value = g_ascii_strtoll (json_node_get_string (status), NULL, 10);

      if (value >= 100 && value <= 999)
        result->status = (int)value;
    }

  error_node = json_object_get_member (object, "error");
  if (error_node != NULL && JSON_NODE_HOLDS_VALUE (error_node) &&
      json_node_get_value_type (error_node) == G_TYPE_STRING &&
      json_node_get_string (error_node)[0] != '\0')
    result->error = g_strdup (json_node_get_string (error_node));
  else if (error_node != NULL && JSON_NODE_HOLDS_OBJECT (error_node))
    result->error = converc_json_dup_string (json_node_get_object (error_node), "message");

  result->ok = get_bool (object, "ok",
                         result->error == NULL && result->status >= 200 && result->status <= 299);

  if (!json_object_has_member (object, "ok") && !json_object_has_member (object, "status") &&
      !json_object_has_member (object, "error"))
    {
      invalid_response (error, _("it says nothing about the delivery"));
      return NULL;
    }

  return g_steal_pointer (&result);
}

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
      invalid_response (error, _("the body is empty"));
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  while (i < len && is_json_space (data[i]))
    i++;

  if (i >= len || data[i] != '[')
    {
      invalid_response (error, _("expected a list of events"));
      return NULL;
    }
  i++;

  for (;;)
    {
      gsize start;
      gsize end;
      int depth = 0;

      while (i < len && is_json_space (data[i]))
        i++;

      if (i >= len)
        {
          invalid_response (error, _("the list of events is cut short"));
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
              i = skip_string (data, len, i) - 1;
            }
          else if (c == '[' || c == '{')
            {
              if (++depth > CONVERC_MAX_NESTING_DEPTH)
                {
                  invalid_response (error, _("values are nested more than %d levels deep"),
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
          invalid_response (error, _("the list of events is cut short"));
          return NULL;
        }

      end = i;
      while (end > start && is_json_space (data[end - 1]))
        end--;

      if (end == start)
        {
          invalid_response (error, _("the list of events has an empty element"));
          return NULL;
        }

      if (data[i] == '}')
        {
          invalid_response (error, _("the list of events has an unmatched “}”"));
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

  while (i < len && is_json_space (data[i]))
    i++;

  if (i != len)
    {
      invalid_response (error, _("there is text after the list of events"));
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
              gsize after = skip_string (data, len, i);

              if (depth == 1 && after - i == name_len && memcmp (data + i, names[n], name_len) == 0)
                {
                  gsize j = after;

                  while (j < len && is_json_space (data[j]))
                    j++;
                  if (j < len && data[j] == ':')
                    {
                      j++;
                      while (j < len && is_json_space (data[j]))
                        j++;
                      if (j < len && data[j] == '[')
                        {
                          gsize k = j;
                          int inner = 0;

                          for (; k < len; k++)
                            {
                              if (data[k] == '"')
                                k = skip_string (data, len, k) - 1;
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
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *problem = NULL;
  const char *data;
  const char *array_data;
  gsize array_len;
  gsize len = 0;
  guint skipped = 0;
  guint n_events;
  ConvercEvent **parsed;
  char **problems;

  if (n_skipped != NULL)
    *n_skipped = 0;
  if (first_problem != NULL)
    *first_problem = NULL;

  if (body == NULL || g_bytes_get_size (body) == 0)
    {
      invalid_response (error, _("the body is empty"));
      return NULL;
    }

  data = g_bytes_get_data (body, &len);

  if (!g_utf8_validate_len (data, len, NULL))
    {
      invalid_response (error, _("the body is not valid UTF-8 text"));
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
                invalid_response (error, _("expected a list of events, got %s"),
                                  describe_node (root));
            }
          return NULL;
        }
    }

  n_events = ranges->len / 2;
  parsed = g_new0 (ConvercEvent *, n_events);
  problems = g_new0 (char *, n_events);

  {
    ParseSlice first = { body, array_data - data, ranges, 0, n_events, parsed, problems };
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
                                   i + 1, problems[i]);
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
