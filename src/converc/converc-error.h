/* converc-error.h
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

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CONVERC_ERROR (converc_error_quark ())

/**
 * ConvercError:
 * @CONVERC_ERROR_FAILED: anything not covered below
 * @CONVERC_ERROR_NETWORK: the server could not be reached (DNS, refused, reset)
 * @CONVERC_ERROR_TIMEOUT: the server did not answer in time
 * @CONVERC_ERROR_TLS: the server's certificate was refused
 * @CONVERC_ERROR_UNAUTHORIZED: HTTP 401, the API key was refused
 * @CONVERC_ERROR_FORBIDDEN: HTTP 403
 * @CONVERC_ERROR_NOT_FOUND: HTTP 404
 * @CONVERC_ERROR_INVALID_REQUEST: HTTP 400, 409, 422 and other 4xx
 * @CONVERC_ERROR_RATE_LIMITED: HTTP 429
 * @CONVERC_ERROR_SERVER: HTTP 5xx
 * @CONVERC_ERROR_HTTP: any other unexpected HTTP status (1xx, 3xx)
 * @CONVERC_ERROR_INVALID_RESPONSE: a 2xx body that is not what the API documents
 * @CONVERC_ERROR_TOO_LARGE: a body larger than the client accepts
 * @CONVERC_ERROR_INVALID_INPUT: bad input from the user (URL, key, id)
 * @CONVERC_ERROR_NO_KEYRING: no Secret Service is running
 * @CONVERC_ERROR_KEYRING: the Secret Service failed or timed out
 * @CONVERC_ERROR_NO_API_KEY: no API key is configured
 */
typedef enum
{
  CONVERC_ERROR_FAILED,
  CONVERC_ERROR_NETWORK,
  CONVERC_ERROR_TIMEOUT,
  CONVERC_ERROR_TLS,
  CONVERC_ERROR_UNAUTHORIZED,
  CONVERC_ERROR_FORBIDDEN,
  CONVERC_ERROR_NOT_FOUND,
  CONVERC_ERROR_INVALID_REQUEST,
  CONVERC_ERROR_RATE_LIMITED,
  CONVERC_ERROR_SERVER,
  CONVERC_ERROR_HTTP,
  CONVERC_ERROR_INVALID_RESPONSE,
  CONVERC_ERROR_TOO_LARGE,
  CONVERC_ERROR_INVALID_INPUT,
  CONVERC_ERROR_NO_KEYRING,
  CONVERC_ERROR_KEYRING,
  CONVERC_ERROR_NO_API_KEY,
} ConvercError;

GQuark   converc_error_quark             (void);
GError  *converc_error_new_for_http      (guint         status,
                                          const char   *retry_after,
                                          GBytes       *body);
char    *converc_error_extract_message   (GBytes       *body);
gint64   converc_parse_retry_after       (const char   *value,
                                          GDateTime    *now);
/* Whether, after a request that changes something failed with @error,
 * the server may have done it anyway: the request went out and its answer
 * was lost, cut short, or unreadable (timeout, network, 5xx, bad answer). */
gboolean converc_error_outcome_unsure    (const GError *error);

G_END_DECLS
