/* converc-parse.c
 *
 * Parsing the server's answers: JSON with the checks json-glib leaves out,
 * members that may be missing, endpoints and test results.
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
#include "converc-json-private.h"
#include "converc-json-scan.h"
#include "converc-parse.h"

void
converc_test_result_free (ConvercTestResult *result)
{
  if (result == NULL)
    return;
  g_free (result->error);
  g_free (result);
}

const char *
converc_json_describe_node (JsonNode *node)
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

gboolean
converc_invalid_response (GError     **error,
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
          i = converc_json_skip_string (data, len, i) - 1;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > CONVERC_MAX_NESTING_DEPTH)
            return converc_invalid_response (error,
                                             _("values are nested more than %d levels deep"),
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
      converc_invalid_response (error, _("the body is empty"));
      return NULL;
    }

  /* A UTF-8 byte order mark is tolerated. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  if (!g_utf8_validate_len (data + start, len - start, NULL))
    {
      converc_invalid_response (error, _("the body is not valid UTF-8 text"));
      return NULL;
    }

  if (memchr (data + start, '\0', len - start) != NULL)
    {
      converc_invalid_response (error, _("the body contains a NUL byte"));
      return NULL;
    }

  if (!check_depth (data + start, len - start, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data + start, len - start, &local_error))
    {
      converc_invalid_response (error, _("it is not valid JSON (%s)"), local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      converc_invalid_response (error, _("the body is empty"));
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
      converc_invalid_response (error, _("the body is empty"));
      return NULL;
    }

  data = g_bytes_get_data (body, &len);
  root = converc_parse_json (data, len, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      converc_invalid_response (error, _("expected an object, got %s"), converc_json_describe_node (root));
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
      converc_invalid_response (error, _("an endpoint has no id"));
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
      converc_invalid_response (error, _("the body is empty"));
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
          converc_invalid_response (error, _("it has no “webhooks” list"));
          return NULL;
        }
      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          converc_invalid_response (error, _("“webhooks” is %s, not a list"), converc_json_describe_node (list));
          return NULL;
        }
      array = json_node_get_array (list);
    }
  else
    {
      converc_invalid_response (error, _("expected an object, got %s"), converc_json_describe_node (root));
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
      converc_invalid_response (error, _("it has no “webhook” object"));
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
      converc_invalid_response (error, _("it says nothing about the delivery"));
      return NULL;
    }

  return g_steal_pointer (&result);
}
