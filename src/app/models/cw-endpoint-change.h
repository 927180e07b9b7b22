/* cw-endpoint-change.h
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

/* The one concern of this file: changing an endpoint's URL or events, which
 * Converc cannot do in place: create the new one (its secret kept first),
 * optionally test it, then disable the old one. A model without widgets. */

#pragma once

#include <gio/gio.h>

#include "converc.h"
#include "cw-endpoint-list.h"

G_BEGIN_DECLS

typedef enum
{
  CW_ENDPOINT_CHANGE_EDITING,         /* nothing made yet: the form */
  CW_ENDPOINT_CHANGE_CREATING,        /* the create request is out */
  CW_ENDPOINT_CHANGE_CREATED,         /* the new one exists; the old is still active */
  CW_ENDPOINT_CHANGE_DISABLING,       /* the old one's disable request is out */
  CW_ENDPOINT_CHANGE_DISABLE_FAILED,  /* both are active; the disable may be retried */
  CW_ENDPOINT_CHANGE_DONE,            /* the new one is active, the old disabled */
} CwEndpointChangeStep;

#define CW_TYPE_ENDPOINT_CHANGE (cw_endpoint_change_get_type())

G_DECLARE_FINAL_TYPE (CwEndpointChange, cw_endpoint_change, CW, ENDPOINT_CHANGE, GObject)

CwEndpointChange     *cw_endpoint_change_new                 (CwEndpointList      *list,
                                                              ConvercWebhook      *old_webhook);
CwEndpointList       *cw_endpoint_change_get_list            (CwEndpointChange    *self);
CwEndpointChangeStep  cw_endpoint_change_get_step            (CwEndpointChange    *self);
ConvercWebhook       *cw_endpoint_change_get_old_webhook     (CwEndpointChange    *self);
ConvercWebhook       *cw_endpoint_change_get_new_webhook     (CwEndpointChange    *self);
/* The error of the last step that failed, or NULL */
const GError         *cw_endpoint_change_get_error           (CwEndpointChange    *self);
/* Creates the new endpoint with @url and @events (NULL: every type), keeps
 * its secret in the secret store and only then adds it to the list and
 * finishes. On failure nothing else happens and the step is EDITING again.
 * When the create's answer was lost (timeout, 5xx, ...) but the server made
 * the endpoint anyway, the change goes on with that one: no secret, and a
 * secret error that says it was lost. */
void                  cw_endpoint_change_create_async        (CwEndpointChange    *self,
                                                              const char          *url,
                                                              const char * const  *events,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
/* Returns the new endpoint; @secret: its signing secret, to be shown once;
 * @secret_error: set when it could not be kept in the store. */
ConvercWebhook       *cw_endpoint_change_create_finish       (CwEndpointChange    *self,
                                                              GAsyncResult        *result,
                                                              char               **secret,
                                                              GError             **secret_error,
                                                              GError             **error);
/* Has Converc send its test event to the new endpoint (outcome: the list). */
gboolean              cw_endpoint_change_send_test           (CwEndpointChange    *self);
/* Disables the old endpoint; refused unless the new one was created. */
void                  cw_endpoint_change_disable_old_async   (CwEndpointChange    *self,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean              cw_endpoint_change_disable_old_finish  (CwEndpointChange    *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

G_END_DECLS
