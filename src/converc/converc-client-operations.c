/* converc-client-operations.c
 *
 * The five API operations of the client: list, create, disable and test
 * endpoints, and list events; each maps its request and its answer.
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

#define G_LOG_DOMAIN "converc-client"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "converc-client-private.h"
#include "converc-error.h"
#include "converc-parse.h"

/* Request paths and bodies, also for converc-curl.c */

JsonNode *
converc_client_new_create_body (const char         *url,
                                const char * const *events)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  if (events != NULL && events[0] != NULL)
    {
      json_builder_set_member_name (builder, "events");
      json_builder_begin_array (builder);
      for (guint i = 0; events[i] != NULL; i++)
        json_builder_add_string_value (builder, events[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
converc_client_new_test_body (const char *webhook_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "webhookId");
  json_builder_add_string_value (builder, webhook_id);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
converc_client_dup_webhook_path (const char *webhook_id)
{
  g_autofree char *escaped = g_uri_escape_string (webhook_id, NULL, FALSE);

  return g_strconcat (CONVERC_CLIENT_WEBHOOKS_PATH "/", escaped, NULL);
}

char *
converc_client_dup_events_path (const char *event_type,
                                guint       display)
{
  GString *path = g_string_new ("/webhooks/events");

  if (event_type != NULL && event_type[0] != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (event_type, NULL, FALSE);

      g_string_append_printf (path, "?eventType=%s", escaped);
    }
  if (display > 0)
    g_string_append_printf (path, "%cdisplay=%u", strchr (path->str, '?') ? '&' : '?', display);

  return g_string_free (path, FALSE);
}

/* list */

static gpointer
parse_webhook_list (GBytes  *body,
                    GError **error)
{
  return converc_parse_webhook_list (body, NULL, error);
}

void
converc_client_list_webhooks_async (ConvercClient       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CONVERC_IS_CLIENT (self));

  converc_client_request_async (self, "GET", CONVERC_CLIENT_WEBHOOKS_PATH, NULL,
                                parse_webhook_list, (GDestroyNotify)g_ptr_array_unref,
                                converc_client_list_webhooks_async,
                                cancellable, callback, user_data);
}

GPtrArray *
converc_client_list_webhooks_finish (ConvercClient  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return converc_client_request_finish (self, result, converc_client_list_webhooks_async, error);
}

/* create */

typedef struct
{
  ConvercWebhook *webhook;
  char           *secret;
} CreateResult;

static void
create_result_free (CreateResult *result)
{
  g_clear_object (&result->webhook);
  if (result->secret != NULL)
    {
      explicit_bzero (result->secret, strlen (result->secret));
      g_free (result->secret);
    }
  g_free (result);
}

static gpointer
parse_create (GBytes  *body,
              GError **error)
{
  CreateResult *result = g_new0 (CreateResult, 1);

  result->webhook = converc_parse_create_response (body, &result->secret, error);
  if (result->webhook == NULL)
    {
      create_result_free (result);
      return NULL;
    }

  return result;
}

void
converc_client_create_webhook_async (ConvercClient       *self,
                                     const char          *url,
                                     const char * const  *events,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CONVERC_IS_CLIENT (self));

  if (!converc_validate_endpoint_url (url, &error))
    {
      g_task_report_error (self, callback, user_data,
                           converc_client_create_webhook_async, g_steal_pointer (&error));
      return;
    }

  body = converc_client_new_create_body (url, events);

  converc_client_request_async (self, "POST", CONVERC_CLIENT_WEBHOOKS_PATH, body,
                                parse_create, (GDestroyNotify)create_result_free,
                                converc_client_create_webhook_async,
                                cancellable, callback, user_data);
}

/**
 * converc_client_create_webhook_finish:
 * @secret: (out) (transfer full): the signing secret, shown by Converc
 *   only this once: store it before anything else
 *
 * Returns: (transfer full): the new endpoint
 */
ConvercWebhook *
converc_client_create_webhook_finish (ConvercClient  *self,
                                      GAsyncResult   *result,
                                      char          **secret,
                                      GError        **error)
{
  CreateResult *create;
  ConvercWebhook *webhook;

  g_return_val_if_fail (secret != NULL, NULL);

  *secret = NULL;
  create = converc_client_request_finish (self, result, converc_client_create_webhook_async, error);
  if (create == NULL)
    return NULL;

  webhook = g_steal_pointer (&create->webhook);
  *secret = g_steal_pointer (&create->secret);
  create_result_free (create);

  return webhook;
}

/* disable */

static gpointer
parse_disable (GBytes  *body,
               GError **error)
{
  gboolean is_active = FALSE;

  if (!converc_parse_disable_response (body, &is_active, error))
    return NULL;

  return GINT_TO_POINTER (1);
}

void
converc_client_disable_webhook_async (ConvercClient       *self,
                                      const char          *webhook_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CONVERC_IS_CLIENT (self));

  if (webhook_id == NULL || webhook_id[0] == '\0')
    {
      g_task_report_new_error (self, callback, user_data, converc_client_disable_webhook_async,
                               CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                               _("No endpoint id was given."));
      return;
    }

  path = converc_client_dup_webhook_path (webhook_id);

  converc_client_request_async (self, "DELETE", path, NULL,
                                parse_disable, NULL,
                                converc_client_disable_webhook_async,
                                cancellable, callback, user_data);
}

gboolean
converc_client_disable_webhook_finish (ConvercClient  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return converc_client_request_finish (self, result, converc_client_disable_webhook_async,
                                        error) != NULL;
}

/* test */

static gpointer
parse_test (GBytes  *body,
            GError **error)
{
  return converc_parse_test_response (body, error);
}

void
converc_client_test_webhook_async (ConvercClient       *self,
                                   const char          *webhook_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CONVERC_IS_CLIENT (self));

  if (webhook_id == NULL || webhook_id[0] == '\0')
    {
      g_task_report_new_error (self, callback, user_data, converc_client_test_webhook_async,
                               CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                               _("No endpoint id was given."));
      return;
    }

  body = converc_client_new_test_body (webhook_id);

  converc_client_request_async (self, "POST", CONVERC_CLIENT_TEST_PATH, body,
                                parse_test, (GDestroyNotify)converc_test_result_free,
                                converc_client_test_webhook_async,
                                cancellable, callback, user_data);
}

ConvercTestResult *
converc_client_test_webhook_finish (ConvercClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return converc_client_request_finish (self, result, converc_client_test_webhook_async, error);
}

/* events */

typedef struct
{
  GPtrArray *events;
  char      *first_problem;
  guint      n_skipped;
} EventsResult;

static void
events_result_free (EventsResult *result)
{
  g_clear_pointer (&result->events, g_ptr_array_unref);
  g_clear_pointer (&result->first_problem, g_free);
  g_free (result);
}

static gpointer
parse_events (GBytes  *body,
              GError **error)
{
  EventsResult *result = g_new0 (EventsResult, 1);

  result->events = converc_parse_event_list (body, &result->n_skipped,
                                             &result->first_problem, error);
  if (result->events == NULL)
    {
      events_result_free (result);
      return NULL;
    }

  return result;
}

static void
list_events_start (ConvercClient       *self,
                   ConvercEventsAsk    *ask,
                   const char          *path,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  /* Tagged as the list: the request reads an answer as large as events
   * take. */
  converc_client_request_async (self, "GET", path, NULL,
                                parse_events, (GDestroyNotify)events_result_free,
                                converc_client_list_events_async,
                                cancellable, callback, user_data);
}

void
converc_client_list_events_async (ConvercClient       *self,
                                  const char          *event_type,
                                  guint                display,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  ConvercEventsAsk *ask;

  g_return_if_fail (CONVERC_IS_CLIENT (self));

  ask = converc_client_events_ask_new (event_type, display, converc_client_list_events_async,
                                       (GDestroyNotify)events_result_free, list_events_start);
  converc_client_events_ask (self, ask, cancellable, callback, user_data);
}

GPtrArray *
converc_client_list_events_finish (ConvercClient  *self,
                                   GAsyncResult   *result,
                                   guint          *n_skipped,
                                   char          **first_problem,
                                   GError        **error)
{
  EventsResult *events;
  GPtrArray *array;

  if (n_skipped != NULL)
    *n_skipped = 0;
  if (first_problem != NULL)
    *first_problem = NULL;

  events = converc_client_request_finish (self, result, converc_client_list_events_async, error);
  if (events == NULL)
    return NULL;

  array = g_steal_pointer (&events->events);
  if (n_skipped != NULL)
    *n_skipped = events->n_skipped;
  if (first_problem != NULL)
    *first_problem = g_steal_pointer (&events->first_problem);
  events_result_free (events);

  return array;
}
