/* converc-client-display.c
 *
 * How many events the server lets one request ask for.
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

/* The one concern of this file: the `display` of an events request.
 *
 * The API documents no maximum of `display`. A server that has one may
 * refuse a deeper request as invalid (HTTP 400, 422…) rather than answer
 * with fewer events; then the history's first sync (10,000) would fail at
 * every try. A refused request is asked again for fewer events, down a
 * ladder of the maxima servers use, and the largest the server answered
 * is kept for the client's next requests. */

#define G_LOG_DOMAIN "converc-client"

#include "config.h"

#include "converc-client-private.h"
#include "converc-error.h"

static const guint fewer_ladder[] = { 1000, 500, 100, 50 };

/* What to ask for when @wanted are wanted (0: as many as the server
 * chooses). */
guint
converc_client_display_to_ask (ConvercClient *self,
                               guint          wanted)
{
  g_assert (CONVERC_IS_CLIENT (self));

  if (wanted == 0 || self->display_limit == 0)
    return wanted;

  return MIN (wanted, self->display_limit);
}

/* After a request for @refused events failed with @error: the fewer to
 * ask for instead, or 0 to give up with @error. Only a refusal of the
 * request as such (HTTP 400, 422 and the like) is asked again: a bad key,
 * a rate limit or a server in trouble would answer fewer the same. */
guint
converc_client_display_after_refusal (ConvercClient *self,
                                      guint          refused,
                                      const GError  *error)
{
  g_assert (CONVERC_IS_CLIENT (self));

  if (!g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_REQUEST))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (fewer_ladder); i++)
    {
      if (fewer_ladder[i] < refused)
        {
          g_debug ("The server refused display=%u; asking for %u", refused, fewer_ladder[i]);
          return fewer_ladder[i];
        }
    }

  return 0;
}

/* A request for @asked events was answered; @wanted were wanted. */
void
converc_client_display_answered (ConvercClient *self,
                                 guint          asked,
                                 guint          wanted)
{
  g_assert (CONVERC_IS_CLIENT (self));

  if (asked > 0 && asked < wanted && (self->display_limit == 0 || asked < self->display_limit))
    self->display_limit = asked;
}

/**
 * converc_client_get_display_limit:
 *
 * The most events this client asks for in one request: what the server
 * answered after it refused more (see converc_client_list_events_async()).
 *
 * Returns: that number, or 0 while no request was refused for asking too
 *   many
 */
guint
converc_client_get_display_limit (ConvercClient *self)
{
  g_return_val_if_fail (CONVERC_IS_CLIENT (self), 0);

  return self->display_limit;
}
