/* converc-validate.c
 *
 * Checking what a person types before any request: addresses (and, below,
 * the API key).
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
