/* converc-curl.c
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

/* The one concern of this file: curl command lines equal to the client's
 * requests (converc-client-operations.c), safe to paste into a shell. */

#define G_LOG_DOMAIN "converc-curl"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "converc-client-private.h"
#include "converc-curl.h"

/* The header is written in double quotes so that the shell expands the
 * variable; nothing else in a command is expanded. */
#define AUTHORIZATION "-H \"Authorization: Bearer $CONVERC_API_KEY\""

char *
converc_curl_quote (const char *arg)
{
  GString *quoted;

  g_return_val_if_fail (arg != NULL, NULL);

  quoted = g_string_sized_new (strlen (arg) + 2);
  g_string_append_c (quoted, '\'');
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (quoted, "'\\''");
      else
        g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '\'');

  return g_string_free (quoted, FALSE);
}

/* @base_url without its trailing slashes, then @path. */
static char *
dup_request_url (const char *base_url,
                 const char *path)
{
  gsize len = strlen (base_url);

  while (len > 0 && base_url[len - 1] == '/')
    len--;

  return g_strdup_printf ("%.*s%s", (int) len, base_url, path);
}

/* curl -sS [-X METHOD] 'URL' -H "Authorization: …" [JSON body] */
static char *
build_command (const char *method,
               const char *base_url,
               const char *path,
               const char *json_body)
{
  g_autofree char *url = dup_request_url (base_url, path);
  g_autofree char *quoted_url = converc_curl_quote (url);
  GString *command = g_string_new ("curl -sS");

  if (method != NULL)
    g_string_append_printf (command, " -X %s", method);
  g_string_append_printf (command, " %s \\\n  " AUTHORIZATION, quoted_url);
  if (json_body != NULL)
    {
      g_autofree char *quoted_body = converc_curl_quote (json_body);

      g_string_append (command, " \\\n  -H 'Content-Type: application/json'");
      g_string_append_printf (command, " \\\n  --data-raw %s", quoted_body);
    }

  return g_string_free (command, FALSE);
}

char *
converc_curl_command_for_list (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return build_command (NULL, base_url, CONVERC_CLIENT_WEBHOOKS_PATH, NULL);
}

char *
converc_curl_command_for_create (const char         *base_url,
                                 const char         *url,
                                 const char * const *events)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  root = converc_client_new_create_body (url, events);
  body = json_to_string (root, FALSE);

  return build_command ("POST", base_url, CONVERC_CLIENT_WEBHOOKS_PATH, body);
}

char *
converc_curl_command_for_disable (const char *base_url,
                                  const char *webhook_id)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (webhook_id != NULL, NULL);

  path = converc_client_dup_webhook_path (webhook_id);

  return build_command ("DELETE", base_url, path, NULL);
}

char *
converc_curl_command_for_test (const char *base_url,
                               const char *webhook_id)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (webhook_id != NULL, NULL);

  root = converc_client_new_test_body (webhook_id);
  body = json_to_string (root, FALSE);

  return build_command ("POST", base_url, CONVERC_CLIENT_TEST_PATH, body);
}

char *
converc_curl_command_for_events (const char *base_url,
                                 const char *event_type,
                                 guint       display)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  path = converc_client_dup_events_path (event_type, display);

  return build_command (NULL, base_url, path, NULL);
}
