/* converc-validate.c
 *
 * Checking what a person types before any request: addresses and the API
 * key; and showing an address in a message without its password.
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

#define G_LOG_DOMAIN "converc-validate"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "converc-error.h"
#include "converc-validate.h"

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost"))
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
validate_http_url (const char  *url,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || url[0] == '\0')
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s is empty."), what);
      return FALSE;
    }

  if (strlen (url) > CONVERC_MAX_URL_LENGTH)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s is too long: it may have at most %d characters."),
                   what, CONVERC_MAX_URL_LENGTH);
      return FALSE;
    }

  for (const char *p = url; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      {
        g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                     _("The %s must not contain spaces."), what);
        return FALSE;
      }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s is not a valid address. It should look like https://example.com/webhooks."),
                   what);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s must start with https:// (not %s:)."), what, scheme);
      return FALSE;
    }

  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s has no host name."), what);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback_host (host))
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s must use https://. Plain http:// is only allowed for this computer "
                     "(localhost, 127.0.0.1)."),
                   what);
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The %s must not contain a user name or password."), what);
      return FALSE;
    }

  return TRUE;
}

gboolean
converc_validate_base_url (const char  *url,
                           GError     **error)
{
  return validate_http_url (url, _("API base URL"), error);
}

gboolean
converc_validate_endpoint_url (const char  *url,
                               GError     **error)
{
  return validate_http_url (url, _("endpoint URL"), error);
}

/* The reason @c may not be in an API key, or NULL. */
static const char *
api_key_problem (gunichar c)
{
  if (c == '\r' || c == '\n')
    return _("a line break");
  if (c == '\t')
    return _("a tab");
  if (c < 0x20 || c == 0x7F)
    return _("a control character");
  if (c == ' ')
    return _("a space");
  if (c >= 0x80)
    return _("a character that is not ASCII");
  return NULL;
}

gboolean
converc_validate_api_key (const char  *api_key,
                          GError     **error)
{
  const char *start = api_key;
  const char *end;
  guint position = 0;

  if (api_key != NULL)
    {
      while (g_ascii_isspace (*start))
        start++;
    }

  if (start == NULL || *start == '\0')
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("The API key is empty. Copy it from the Converc dashboard "
                             "(Settings → Integrations → API Keys)."));
      return FALSE;
    }

  /* White space around the key is dropped, as the client does. */
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  if (!g_utf8_validate_len (start, end - start, NULL))
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("The API key is not valid text (it is not UTF-8). "
                             "Copy it again from the Converc dashboard."));
      return FALSE;
    }

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *problem = api_key_problem (c);

      position++;
      if (problem != NULL)
        {
          /* Translators: the first %s is what was found ("a line break"),
           * %u the position of the character in the key, U+%04X its code */
          g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                       _("The API key contains %s (character %u, U+%04X). An API key is "
                         "one word of letters, digits and punctuation: copy it again, "
                         "without anything around it."),
                       problem, position, c);
          return FALSE;
        }
    }

  return TRUE;
}

/* Past this many characters a URL in a message is cut. */
#define URL_MESSAGE_LENGTH 200

char *
converc_dup_url_for_message (const char *url)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *authority;
  const char *authority_end;
  const char *at = NULL;
  const char *scheme_end;

  if (url == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (url, -1);

  /* The authority runs from after "scheme://" (or the start, when there
   * is no scheme) to the first "/", "?" or "#"; its last "@" ends the
   * user name and password. */
  scheme_end = strstr (valid, "://");
  authority = scheme_end != NULL ? scheme_end + 3 : valid;
  authority_end = authority + strcspn (authority, "/?#");
  for (const char *p = authority; p < authority_end; p++)
    {
      if (*p == '@')
        at = p;
    }

  out = g_string_new (NULL);
  if (at != NULL)
    {
      g_string_append_len (out, valid, authority - valid);
      g_string_append (out, "***");
      g_string_append (out, at);
    }
  else
    {
      g_string_append (out, valid);
    }

  if (g_utf8_strlen (out->str, -1) > URL_MESSAGE_LENGTH)
    {
      const char *cut = g_utf8_offset_to_pointer (out->str, URL_MESSAGE_LENGTH);

      g_string_truncate (out, cut - out->str);
      g_string_append (out, "…");
    }

  return g_string_free (out, FALSE);
}
