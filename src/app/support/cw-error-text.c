/* cw-error-text.c
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

/* The one concern of this file: what the app says about an error from libconverc or GIO: a sentence
 * for an inline message, a shorter one for a toast. */

#define G_LOG_DOMAIN "cw-error-text"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-error-text.h"

/**
 * cw_error_describe:
 * @error: an error from libconverc (or GIO)
 * @retry_after: seconds from a 429's Retry-After, or -1
 *
 * Returns: (transfer full): a sentence that says what happened and what to
 *   do about it, suitable for a toast or an inline message
 */
char *
cw_error_describe (const GError *error,
                   gint64        retry_after)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CONVERC_ERROR)
    {
      switch ((ConvercError) error->code)
        {
        case CONVERC_ERROR_UNAUTHORIZED:
          return g_strdup (_("Converc refused the API key. Check it in the Converc dashboard "
                             "(Settings → Integrations → API Keys) and replace it in Preferences."));
        case CONVERC_ERROR_FORBIDDEN:
          return g_strdup (_("This API key is not allowed to do that. Ask an administrator of "
                             "your Converc organisation for a key with access to webhooks."));
        case CONVERC_ERROR_TIMEOUT:
          return g_strdup (_("The server did not answer in time. Try again in a moment."));
        case CONVERC_ERROR_RATE_LIMITED:
          if (retry_after > 0)
            return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Too many requests: Converc asks to wait %d second. Try again then.",
                                                 "Too many requests: Converc asks to wait %d seconds. Try again then.",
                                                 (gulong) retry_after),
                                    (int) retry_after);
          return g_strdup (_("Too many requests: Converc asks to slow down. Wait a minute and try again."));
        case CONVERC_ERROR_INVALID_RESPONSE:
        case CONVERC_ERROR_TOO_LARGE:
          return g_strdup_printf (_("%s Check the API base URL in Preferences."),
                                  error->message);
        case CONVERC_ERROR_KEYRING:
          return g_strdup_printf (_("The keyring failed (%s). Unlock it and try again."),
                                  error->message);
        case CONVERC_ERROR_NO_API_KEY:
          return g_strdup (_("No API key is set. Sign in with a key from the Converc dashboard."));
        case CONVERC_ERROR_NETWORK:
        case CONVERC_ERROR_TLS:
        case CONVERC_ERROR_SERVER:
        case CONVERC_ERROR_NOT_FOUND:
        case CONVERC_ERROR_NO_KEYRING:
        case CONVERC_ERROR_INVALID_INPUT:
        case CONVERC_ERROR_INVALID_REQUEST:
        case CONVERC_ERROR_HTTP:
        case CONVERC_ERROR_FAILED:
        default:
          /* libconverc's messages already say what happened, what the
           * server said and what to do. */
          return g_strdup (error->message);
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_strdup (_("The operation took too long. Try again in a moment."));

  return g_strdup (error->message);
}

/**
 * cw_error_describe_short:
 *
 * Like cw_error_describe() but short enough for a toast: what happened and
 * what to do, without the technical detail.
 */
char *
cw_error_describe_short (const GError *error,
                         gint64        retry_after)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CONVERC_ERROR)
    {
      switch ((ConvercError) error->code)
        {
        case CONVERC_ERROR_UNAUTHORIZED:
          return g_strdup (_("Converc refused the API key. Replace it in Preferences."));
        case CONVERC_ERROR_NETWORK:
          return g_strdup (_("The server cannot be reached. Check your connection and try again."));
        case CONVERC_ERROR_TIMEOUT:
          return g_strdup (_("The server did not answer in time. Try again in a moment."));
        case CONVERC_ERROR_RATE_LIMITED:
          if (retry_after > 0)
            return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Too many requests. Try again in %d second.",
                                                 "Too many requests. Try again in %d seconds.",
                                                 (gulong) retry_after),
                                    (int) retry_after);
          return g_strdup (_("Too many requests. Wait a minute and try again."));
        case CONVERC_ERROR_SERVER:
          return g_strdup (_("Converc has a server problem. Try again later."));
        case CONVERC_ERROR_NO_KEYRING:
          return g_strdup (_("No keyring is running: secrets are not kept after this run."));
        case CONVERC_ERROR_FAILED:
        case CONVERC_ERROR_TLS:
        case CONVERC_ERROR_FORBIDDEN:
        case CONVERC_ERROR_NOT_FOUND:
        case CONVERC_ERROR_INVALID_REQUEST:
        case CONVERC_ERROR_HTTP:
        case CONVERC_ERROR_INVALID_RESPONSE:
        case CONVERC_ERROR_TOO_LARGE:
        case CONVERC_ERROR_INVALID_INPUT:
        case CONVERC_ERROR_KEYRING:
        case CONVERC_ERROR_NO_API_KEY:
        default:
          break;
        }
    }

  return cw_error_describe (error, retry_after);
}

gboolean
cw_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
