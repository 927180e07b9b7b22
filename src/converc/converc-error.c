/* converc-error.c
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

/* The one concern of this file: the CONVERC_ERROR domain and the messages of HTTP statuses and
 * error bodies. */

#define G_LOG_DOMAIN "converc-error"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <errno.h>
#include <string.h>

#include "converc-error.h"

#define MAX_SERVER_TEXT 200
#define MAX_RETRY_AFTER (24 * 60 * 60)

G_DEFINE_QUARK (converc-error-quark, converc_error)

/* " Conflict" for 409; nothing for codes libsoup does not know. */
static char *
status_phrase (guint status)
{
  const char *phrase = soup_status_get_phrase (status);

  if (phrase == NULL || g_strcmp0 (phrase, "Unknown Error") == 0)
    return g_strdup ("");

  return g_strconcat (" ", phrase, NULL);
}

/* @html: whether @text is a whole body that may be an HTML page, whose
 * tags are dropped; a message taken from JSON is kept as it is. */
static char *
clean_text (const char *text,
            gsize       len,
            gboolean    html_page)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);
  GString *out = g_string_new (NULL);
  gboolean in_tag = FALSE;
  gboolean space = FALSE;
  gboolean html = FALSE;
  const char *p;
  glong n_chars = 0;

  g_strstrip (valid);
  html = html_page && valid[0] == '<';

  for (p = valid; *p && n_chars < MAX_SERVER_TEXT; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (html && c == '<')
        {
          in_tag = TRUE;
          space = out->len > 0;
          continue;
        }
      if (html && c == '>')
        {
          in_tag = FALSE;
          continue;
        }
      if (in_tag)
        continue;

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        {
          g_string_append_c (out, ' ');
          n_chars++;
          space = FALSE;
        }
      g_string_append_unichar (out, c);
      n_chars++;
    }

  if (*p != '\0' && n_chars >= MAX_SERVER_TEXT)
    g_string_append (out, "…");

  return g_string_free (out, out->len == 0);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

/**
 * converc_error_extract_message:
 * @body: (nullable): an error response body
 *
 * Finds the server's own explanation in an error body: a JSON `error`,
 * `message` or `error.message` string, else the first 200 characters of the
 * body as plain text (tags of an HTML page removed).
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for an empty body
 */
char *
converc_error_extract_message (GBytes *body)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  gsize len = 0;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &len);
  if (data == NULL || len == 0)
    return NULL;

  parser = json_parser_new_immutable ();
  if (len < 1024 * 1024 &&
      g_utf8_validate (data, len, NULL) &&
      json_parser_load_from_data (parser, data, len, NULL))
    {
      JsonNode *root = json_parser_get_root (parser);

      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);
          JsonNode *error_node = json_object_get_member (object, "error");
          const char *text = NULL;

          if (error_node != NULL && JSON_NODE_HOLDS_OBJECT (error_node))
            text = string_member (json_node_get_object (error_node), "message");
          if (text == NULL)
            text = string_member (object, "error");
          if (text == NULL)
            text = string_member (object, "message");
          if (text == NULL)
            text = string_member (object, "detail");

          if (text != NULL)
            return clean_text (text, strlen (text), FALSE);
        }
    }

  return clean_text (data, len, TRUE);
}

/**
 * converc_parse_retry_after:
 * @value: (nullable): a Retry-After header value
 * @now: (nullable): the current time, for the HTTP-date form
 *
 * Returns: the number of seconds to wait, at most one day, or -1 when the value
 *   is missing or cannot be read
 */
gint64
converc_parse_retry_after (const char *value,
                           GDateTime  *now)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  guint64 seconds;
  const char *end = NULL;

  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_isdigit (*value))
    {
      errno = 0;
      seconds = g_ascii_strtoull (value, (char **)&end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0')
        return -1;
      if (errno == ERANGE || seconds > MAX_RETRY_AFTER)
        return MAX_RETRY_AFTER;
      return (gint64)seconds;
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  if (now == NULL)
    now = local_now = g_date_time_new_now_utc ();

  seconds = MAX (0, g_date_time_difference (date, now) / G_TIME_SPAN_SECOND);
  return MIN ((gint64)seconds, MAX_RETRY_AFTER);
}

/**
 * converc_error_new_for_http:
 * @status: a non-2xx HTTP status
 * @retry_after: (nullable): the Retry-After header
 * @body: (nullable): the response body
 *
 * Turns a failed HTTP answer into a #GError in %CONVERC_ERROR whose message
 * says what happened, what to do, and what the server said.
 *
 * Returns: (transfer full): a new #GError
 */
GError *
converc_error_new_for_http (guint       status,
                            const char *retry_after,
                            GBytes     *body)
{
  g_autofree char *server_text = converc_error_extract_message (body);
  g_autofree char *what = NULL;
  g_autofree char *message = NULL;
  g_autofree char *phrase = NULL;
  ConvercError code;

  switch (status)
    {
    case 401:
      code = CONVERC_ERROR_UNAUTHORIZED;
      what = g_strdup (_("The API key was refused (HTTP 401). Check the key, or make a new one in the Converc dashboard under Settings → Integrations → API Keys."));
      break;

    case 403:
      code = CONVERC_ERROR_FORBIDDEN;
      what = g_strdup (_("This API key is not allowed to do that (HTTP 403). Ask an administrator of your Converc organisation for access."));
      break;

    case 404:
      code = CONVERC_ERROR_NOT_FOUND;
      what = g_strdup (_("Not found (HTTP 404). The endpoint may not exist any more, or the API base URL is wrong."));
      break;

    case 429:
      {
        gint64 seconds = converc_parse_retry_after (retry_after, NULL);

        code = CONVERC_ERROR_RATE_LIMITED;
        if (seconds >= 0)
          what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Too many requests (HTTP 429). Converc asks to wait %d second before trying again.",
                                               "Too many requests (HTTP 429). Converc asks to wait %d seconds before trying again.",
                                               (gulong)seconds),
                                  (int)seconds);
        else
          what = g_strdup (_("Too many requests (HTTP 429). Wait a minute before trying again."));
      }
      break;

    default:
      phrase = status_phrase (status);
      if (status >= 500 && status <= 599)
        {
          code = CONVERC_ERROR_SERVER;
          what = g_strdup_printf (_("The Converc server had a problem (HTTP %u%s). Try again later."),
                                  status, phrase);
        }
      else if (status >= 400 && status <= 499)
        {
          code = CONVERC_ERROR_INVALID_REQUEST;
          what = g_strdup_printf (_("The server refused the request (HTTP %u%s)."),
                                  status, phrase);
        }
      else
        {
          code = CONVERC_ERROR_HTTP;
          what = g_strdup_printf (_("Unexpected answer from the server (HTTP %u%s)."),
                                  status, phrase);
        }
      break;
    }

  if (server_text != NULL)
    message = g_strdup_printf (_("%s The server said: “%s”"), what, server_text);
  else
    message = g_steal_pointer (&what);

  return g_error_new_literal (CONVERC_ERROR, code, message);
}

/**
 * converc_error_outcome_unsure:
 *
 * After these the server may have done what was asked (made the endpoint):
 * the request went out and its answer was lost, cut short, or unreadable.
 */
gboolean
converc_error_outcome_unsure (const GError *error)
{
  if (error == NULL || error->domain != CONVERC_ERROR)
    return FALSE;

  switch ((ConvercError) error->code)
    {
    case CONVERC_ERROR_TIMEOUT:
    case CONVERC_ERROR_NETWORK:
    case CONVERC_ERROR_SERVER:
    case CONVERC_ERROR_HTTP:
    case CONVERC_ERROR_INVALID_RESPONSE:
    case CONVERC_ERROR_TOO_LARGE:
      return TRUE;

    case CONVERC_ERROR_FAILED:
    case CONVERC_ERROR_TLS:
    case CONVERC_ERROR_UNAUTHORIZED:
    case CONVERC_ERROR_FORBIDDEN:
    case CONVERC_ERROR_NOT_FOUND:
    case CONVERC_ERROR_INVALID_REQUEST:
    case CONVERC_ERROR_RATE_LIMITED:
    case CONVERC_ERROR_INVALID_INPUT:
    case CONVERC_ERROR_NO_KEYRING:
    case CONVERC_ERROR_KEYRING:
    case CONVERC_ERROR_NO_API_KEY:
    default:
      return FALSE;
    }
}
