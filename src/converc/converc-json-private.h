/* converc-json-private.h
 *
 * What libconverc's parsers share: reading JSON members that may be missing,
 * and the 'answer could not be understood' error.
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

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reading members that may be missing, null or of another type. Each takes
 * a NULL @object too, so paths like data.call.status read in one line. */

JsonObject *converc_json_object_member (JsonObject *object,
                                        const char *name);
JsonArray  *converc_json_array_member  (JsonObject *object,
                                        const char *name);
/* A string member; an integer is read as its decimal text, since some
 * servers send ids as numbers. Anything else is NULL. */
char       *converc_json_dup_string    (JsonObject *object,
                                        const char *name);

/* What a node holds, for messages: "an object", "a string"… */
const char *converc_json_describe_node (JsonNode   *node);
/* Sets CONVERC_ERROR_INVALID_RESPONSE, "The server’s answer could not be
 * understood: " and the detail. Returns FALSE. */
gboolean    converc_invalid_response   (GError    **error,
                                        const char *format,
                                        ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
