/* cw-endpoint-list-actions.c
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

/* What is done to one endpoint of a CwEndpointList: disabling it, test
 * events and their outcomes, keeping the secret of one made here, and
 * looking up or adding the secret of any. */

#define G_LOG_DOMAIN "cw-endpoint-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-endpoint-list-private.h"

static void
cw_endpoint_list_disable_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwEndpointList *self = g_task_get_source_object (task);
  const char *webhook_id = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  ConvercWebhook *webhook;

  if (!converc_client_disable_webhook_finish (CONVERC_CLIENT (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  g_assert (CW_IS_ENDPOINT_LIST (self));

  webhook = cw_endpoint_list_lookup (self, webhook_id, NULL);
  if (webhook != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format_iso8601 (now);

      converc_webhook_set_is_active (webhook, FALSE);
      converc_webhook_set_updated_at (webhook, stamp);
    }

  g_task_return_boolean (task, TRUE);
}

/* Keeping Converc's test outcomes ---------------------------------------- */

/* One outcome on its way to the outcomes file. It holds no reference to the
 * list: the outcome is kept even when the list goes away meanwhile. */
typedef struct
{
  ConvercDeliveryOutcomes *outcomes;
  char                    *scope;
  char                    *webhook_id;
  ConvercDeliveryExchange *exchange;
} KeptOutcome;

static void
kept_outcome_free (KeptOutcome *kept)
{
  g_clear_object (&kept->outcomes);
  g_clear_pointer (&kept->scope, g_free);
  g_clear_pointer (&kept->webhook_id, g_free);
  g_clear_object (&kept->exchange);
  g_free (kept);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeptOutcome, kept_outcome_free)

static void
converc_outcome_saved_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!converc_delivery_outcomes_save_finish (CONVERC_DELIVERY_OUTCOMES (object), result, &error))
    g_message ("The outcome of a test event could not be kept: %s", error->message);
}

static void
converc_outcomes_loaded_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(KeptOutcome) kept = user_data;
  g_autoptr(GError) error = NULL;

  /* The file as it is now, the new outcome on top (added before the load),
   * so that what the delivery window wrote stays. A file that cannot be
   * read starts anew, as it does there. */
  if (!converc_delivery_outcomes_load_finish (kept->outcomes, result, &error))
    g_message ("The kept delivery outcomes could not be read: %s", error->message);

  converc_delivery_outcomes_save_async (kept->outcomes, NULL, converc_outcome_saved_cb, NULL);
}

/* Adds what Converc's test of @webhook_id came to (@test: the server's
 * answer) to the outcomes file, where the delivery window lists it with
 * the local sends. */
static void
keep_converc_outcome (CwEndpointList    *self,
                      const char        *webhook_id,
                      ConvercTestResult *test)
{
  ConvercWebhook *webhook = cw_endpoint_list_lookup (self, webhook_id, NULL);
  const char *scope = cw_endpoint_list_get_secret_scope (self);
  gboolean delivered = test->status >= 200 && test->status < 300;
  g_autoptr(GFile) default_file = NULL;
  KeptOutcome *kept;

  if (scope == NULL)
    return;

  kept = g_new0 (KeptOutcome, 1);
  if (self->outcomes_file == NULL)
    default_file = converc_delivery_outcomes_default_file ();
  kept->outcomes = converc_delivery_outcomes_new (self->outcomes_file ? self->outcomes_file
                                                                      : default_file);
  kept->scope = g_strdup (scope);
  kept->webhook_id = g_strdup (webhook_id);
  kept->exchange = converc_delivery_exchange_new_converc_test (
    webhook != NULL ? converc_webhook_get_url (webhook) : "",
    MAX (test->status, 0), delivered ? NULL : test->error, g_get_real_time ());
  converc_delivery_outcomes_add (kept->outcomes, kept->scope, kept->webhook_id, kept->exchange);

  converc_delivery_outcomes_load_async (kept->outcomes, NULL, converc_outcomes_loaded_cb, kept);
}

/**
 * cw_endpoint_list_set_outcomes_file:
 * @file: (nullable): where Converc's test outcomes are kept
 */
void
cw_endpoint_list_set_outcomes_file (CwEndpointList *self,
                                    GFile          *file)
{
  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->outcomes_file, file);
}

static void
cw_endpoint_list_test_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  CwEndpointList *self = request->self;
  ConvercClient *client = CONVERC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercTestResult) test = NULL;
  g_autoptr(CwTestOutcome) outcome = NULL;
  g_autoptr(GDateTime) now = NULL;

  test = converc_client_test_webhook_finish (client, result, &error);
  if (g_cancellable_is_cancelled (request->cancellable))
    return;

  g_assert (CW_IS_ENDPOINT_LIST (self));

  g_hash_table_remove (self->pending_tests, request->webhook_id);

  now = g_date_time_new_now_utc ();
  if (test == NULL)
    outcome = cw_test_outcome_new (now, FALSE, 0, NULL, error,
                                   converc_client_get_retry_after (client));
  else
    outcome = cw_test_outcome_new (now, test->status >= 200 && test->status < 300,
                                   MAX (test->status, 0), test->error, NULL, -1);

  _cw_endpoint_list_add_outcome (self, request->webhook_id, outcome);

  /* A delivery Converc made (or tried): kept across restarts. A request
   * that failed sent nothing, so there is no delivery to keep. */
  if (test != NULL)
    keep_converc_outcome (self, request->webhook_id, test);
}

static void
cw_endpoint_list_secret_stored_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwEndpointList *self = g_task_get_source_object (task);
  const char *webhook_id = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!converc_secret_store_store_finish (CONVERC_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_assert (CW_IS_ENDPOINT_LIST (self));

  g_hash_table_add (self->created_here, g_strdup (webhook_id));
  g_task_return_boolean (task, TRUE);
}

static void
cw_endpoint_list_lookup_secret_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = converc_secret_store_lookup_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, secret, g_free);
}

static void
cw_endpoint_list_add_secret_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!converc_secret_store_store_finish (CONVERC_SECRET_STORE (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * cw_endpoint_list_disable_async:
 *
 * Disables the endpoint @webhook_id. When the server agreed, the endpoint
 * in the list is marked inactive before @callback runs.
 */
void
cw_endpoint_list_disable_async (CwEndpointList      *self,
                                const char          *webhook_id,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));
  g_return_if_fail (webhook_id != NULL);

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_endpoint_list_disable_async);
  g_task_set_task_data (task, g_strdup (webhook_id), g_free);

  if (self->client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "No client to disable the endpoint with");
      return;
    }

  converc_client_disable_webhook_async (self->client,
                                        webhook_id,
                                        self->cancellable,
                                        cw_endpoint_list_disable_cb,
                                        g_steal_pointer (&task));
}

gboolean
cw_endpoint_list_disable_finish (CwEndpointList  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cw_endpoint_list_send_test:
 *
 * Has Converc send a test event to the endpoint @webhook_id. Emits
 * #CwEndpointList::test-started now and #CwEndpointList::outcome-added when
 * the answer came. One test per endpoint at a time.
 *
 * Returns: %TRUE when a test was started
 */
gboolean
cw_endpoint_list_send_test (CwEndpointList *self,
                            const char     *webhook_id)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), FALSE);

  if (self->client == NULL || webhook_id == NULL)
    return FALSE;

  if (g_hash_table_contains (self->pending_tests, webhook_id))
    return FALSE;

  g_hash_table_add (self->pending_tests, g_strdup (webhook_id));
  converc_client_test_webhook_async (self->client,
                                     webhook_id,
                                     self->cancellable,
                                     cw_endpoint_list_test_cb,
                                     _cw_endpoint_list_request_new (self, webhook_id));
  _cw_endpoint_list_emit_test_started (self, webhook_id);

  return TRUE;
}

gboolean
cw_endpoint_list_is_test_pending (CwEndpointList *self,
                                  const char     *webhook_id)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), FALSE);

  return webhook_id != NULL && g_hash_table_contains (self->pending_tests, webhook_id);
}

/**
 * cw_endpoint_list_get_outcomes:
 *
 * Returns: (nullable) (transfer none) (element-type CwTestOutcome): the
 *   outcomes of the tests sent to @webhook_id in this run, newest first,
 *   or %NULL when none was
 */
GPtrArray *
cw_endpoint_list_get_outcomes (CwEndpointList *self,
                               const char     *webhook_id)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), NULL);

  if (webhook_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->outcomes, webhook_id);
}

/**
 * cw_endpoint_list_store_secret_async:
 * @webhook: an endpoint just created
 * @secret: its signing secret
 *
 * Keeps @secret in the secret store, under the client's base URL and the
 * endpoint's id. This is never cancelled: losing the only copy of a secret
 * is worse than a late answer.
 */
void
cw_endpoint_list_store_secret_async (CwEndpointList      *self,
                                     ConvercWebhook      *webhook,
                                     const char          *secret,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));
  g_return_if_fail (CONVERC_IS_WEBHOOK (webhook));
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, cw_endpoint_list_store_secret_async);
  g_task_set_task_data (task, g_strdup (converc_webhook_get_id (webhook)), g_free);

  if (self->secret_store == NULL || self->client == NULL)
    {
      g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING,
                               "No keyring is available");
      return;
    }

  converc_secret_store_store_async (self->secret_store,
                                    cw_endpoint_list_get_secret_scope (self),
                                    converc_webhook_get_id (webhook),
                                    secret,
                                    NULL,
                                    cw_endpoint_list_secret_stored_cb,
                                    g_steal_pointer (&task));
}

gboolean
cw_endpoint_list_store_secret_finish (CwEndpointList  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cw_endpoint_list_is_created_here:
 *
 * Returns: %TRUE when this run stored the signing secret of @webhook_id
 */
gboolean
cw_endpoint_list_is_created_here (CwEndpointList *self,
                                  const char     *webhook_id)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), FALSE);

  return webhook_id != NULL && g_hash_table_contains (self->created_here, webhook_id);
}

/**
 * cw_endpoint_list_lookup_secret_async:
 *
 * Looks up the signing secret of @webhook_id under the client's base URL.
 * The secret is never logged; the caller shows or copies it and frees it.
 */
void
cw_endpoint_list_lookup_secret_async (CwEndpointList      *self,
                                      const char          *webhook_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));
  g_return_if_fail (webhook_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_endpoint_list_lookup_secret_async);

  if (self->secret_store == NULL || self->client == NULL)
    {
      g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING,
                               _("No keyring is available."));
      return;
    }

  converc_secret_store_lookup_async (self->secret_store,
                                     cw_endpoint_list_get_secret_scope (self),
                                     webhook_id,
                                     cancellable,
                                     cw_endpoint_list_lookup_secret_cb,
                                     g_steal_pointer (&task));
}

char *
cw_endpoint_list_lookup_secret_finish (CwEndpointList  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
cw_endpoint_list_check_secret (const char  *secret,
                               GError     **error)
{
  gsize len;

  if (secret == NULL || secret[0] == '\0')
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("Paste the signing secret first."));
      return FALSE;
    }

  if (strpbrk (secret, "\r\n") != NULL)
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("The secret contains a line break. A signing secret is one "
                             "line: copy it again without what came before or after it."));
      return FALSE;
    }

  len = strlen (secret);
  if (g_ascii_isspace (secret[0]) || g_ascii_isspace (secret[len - 1]))
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("The secret starts or ends with a space. A signing secret has "
                             "none: remove the spaces around it."));
      return FALSE;
    }

  if (!g_utf8_validate (secret, -1, NULL))
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("The secret is not valid text."));
      return FALSE;
    }

  return TRUE;
}

/**
 * cw_endpoint_list_add_secret_async:
 * @webhook_id: an endpoint whose secret is not stored (made elsewhere)
 * @secret: its signing secret, as the user pasted it
 *
 * Checks @secret with cw_endpoint_list_check_secret() and keeps it in the
 * secret store for @webhook_id. Never cancelled, as storing a new secret.
 */
void
cw_endpoint_list_add_secret_async (CwEndpointList      *self,
                                   const char          *webhook_id,
                                   const char          *secret,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));
  g_return_if_fail (webhook_id != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, cw_endpoint_list_add_secret_async);

  if (!cw_endpoint_list_check_secret (secret, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->secret_store == NULL || self->client == NULL)
    {
      g_task_return_new_error (task, CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING,
                               _("No keyring is available."));
      return;
    }

  converc_secret_store_store_async (self->secret_store,
                                    cw_endpoint_list_get_secret_scope (self),
                                    webhook_id,
                                    secret,
                                    NULL,
                                    cw_endpoint_list_add_secret_cb,
                                    g_steal_pointer (&task));
}

gboolean
cw_endpoint_list_add_secret_finish (CwEndpointList  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
