/* cw-endpoint-list.c
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

/* The endpoints of one account, as a model without widgets (the Endpoints
 * page shows it): loading, the list, lookup by id, its state. */

#define G_LOG_DOMAIN "cw-endpoint-list"

#include "config.h"

#include "cw-endpoint-list-private.h"

G_DEFINE_FINAL_TYPE (CwEndpointList, cw_endpoint_list, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SECRET_STORE,
  PROP_DEMO,
  PROP_LOADING,
  PROP_LOADED,
  PROP_LAST_ERROR,
  PROP_WEBHOOKS,
  N_PROPS
};

enum {
  TEST_STARTED,
  OUTCOME_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_cw_endpoint_list_request_free (Request *request)
{
  g_clear_object (&request->cancellable);
  g_clear_pointer (&request->webhook_id, g_free);
  g_free (request);
}

Request *
_cw_endpoint_list_request_new (CwEndpointList *self,
                               const char     *webhook_id)
{
  Request *request = g_new0 (Request, 1);

  request->self = self;
  request->cancellable = g_object_ref (self->cancellable);
  request->webhook_id = g_strdup (webhook_id);

  return request;
}

void
_cw_endpoint_list_add_outcome (CwEndpointList *self,
                               const char     *webhook_id,
                               CwTestOutcome  *outcome)
{
  GPtrArray *outcomes;

  g_assert (CW_IS_ENDPOINT_LIST (self));

  outcomes = g_hash_table_lookup (self->outcomes, webhook_id);
  if (outcomes == NULL)
    {
      outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_test_outcome_unref);
      g_hash_table_insert (self->outcomes, g_strdup (webhook_id), outcomes);
    }
  g_ptr_array_insert (outcomes, 0, cw_test_outcome_ref (outcome));

  g_signal_emit (self, signals[OUTCOME_ADDED], 0, webhook_id, outcome);
}

void
_cw_endpoint_list_emit_test_started (CwEndpointList *self,
                                     const char     *webhook_id)
{
  g_assert (CW_IS_ENDPOINT_LIST (self));

  g_signal_emit (self, signals[TEST_STARTED], 0, webhook_id);
}

static void
cw_endpoint_list_set_loading (CwEndpointList *self,
                              gboolean        loading)
{
  g_assert (CW_IS_ENDPOINT_LIST (self));

  loading = !!loading;
  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static void
cw_endpoint_list_set_loaded (CwEndpointList *self,
                             gboolean        loaded)
{
  g_assert (CW_IS_ENDPOINT_LIST (self));

  loaded = !!loaded;
  if (self->loaded != loaded)
    {
      self->loaded = loaded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

static void
cw_endpoint_list_set_last_error (CwEndpointList *self,
                                 const GError   *error,
                                 gint64          retry_after)
{
  g_assert (CW_IS_ENDPOINT_LIST (self));

  if (self->last_error == NULL && error == NULL)
    return;

  g_clear_error (&self->last_error);
  self->last_error = error != NULL ? g_error_copy (error) : NULL;
  self->last_retry_after = error != NULL ? retry_after : -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* Drops what is in flight: answers to it are not wanted any more. */
static void
cw_endpoint_list_cancel (CwEndpointList *self)
{
  g_assert (CW_IS_ENDPOINT_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_hash_table_remove_all (self->pending_tests);
  cw_endpoint_list_set_loading (self, FALSE);
}

static void
cw_endpoint_list_list_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  CwEndpointList *self = request->self;
  ConvercClient *client = CONVERC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webhooks = NULL;

  webhooks = converc_client_list_webhooks_finish (client, result, &error);
  if (g_cancellable_is_cancelled (request->cancellable))
    return;

  g_assert (CW_IS_ENDPOINT_LIST (self));

  /* Everything changes first, then the notifications go out together. */
  g_object_freeze_notify (G_OBJECT (self));

  if (webhooks == NULL)
    {
      /* Keep the last good list: only say what went wrong. */
      cw_endpoint_list_set_last_error (self, error, converc_client_get_retry_after (client));
    }
  else
    {
      cw_endpoint_list_set_last_error (self, NULL, -1);
      g_list_store_splice (self->webhooks,
                           0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->webhooks)),
                           webhooks->pdata,
                           webhooks->len);
      cw_endpoint_list_set_loaded (self, TRUE);
    }

  cw_endpoint_list_set_loading (self, FALSE);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
cw_endpoint_list_dispose (GObject *object)
{
  CwEndpointList *self = (CwEndpointList *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->secret_store);

  G_OBJECT_CLASS (cw_endpoint_list_parent_class)->dispose (object);
}

static void
cw_endpoint_list_finalize (GObject *object)
{
  CwEndpointList *self = (CwEndpointList *)object;

  g_clear_object (&self->webhooks);
  g_clear_pointer (&self->outcomes, g_hash_table_unref);
  g_clear_pointer (&self->pending_tests, g_hash_table_unref);
  g_clear_pointer (&self->created_here, g_hash_table_unref);
  g_clear_error (&self->last_error);
  g_clear_pointer (&self->secret_scope, g_free);
  g_clear_object (&self->outcomes_file);

  G_OBJECT_CLASS (cw_endpoint_list_parent_class)->finalize (object);
}

static void
cw_endpoint_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CwEndpointList *self = CW_ENDPOINT_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SECRET_STORE:
      g_value_set_object (value, self->secret_store);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;

    case PROP_WEBHOOKS:
      g_value_set_object (value, self->webhooks);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_endpoint_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CwEndpointList *self = CW_ENDPOINT_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      cw_endpoint_list_set_client (self, g_value_get_object (value));
      break;

    case PROP_SECRET_STORE:
      cw_endpoint_list_set_secret_store (self, g_value_get_object (value));
      break;

    case PROP_DEMO:
      cw_endpoint_list_set_demo (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_endpoint_list_class_init (CwEndpointListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_endpoint_list_dispose;
  object_class->finalize = cw_endpoint_list_finalize;
  object_class->get_property = cw_endpoint_list_get_property;
  object_class->set_property = cw_endpoint_list_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CONVERC_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECRET_STORE] =
    g_param_spec_object ("secret-store", NULL, NULL, CONVERC_TYPE_SECRET_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_ERROR] =
    g_param_spec_boxed ("last-error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WEBHOOKS] =
    g_param_spec_object ("webhooks", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwEndpointList::test-started:
   * @webhook_id: the endpoint a test event is now being sent to
   */
  signals[TEST_STARTED] =
    g_signal_new ("test-started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CwEndpointList::outcome-added:
   * @webhook_id: the endpoint tested
   * @outcome: (type CwTestOutcome): what the test came to, now the newest
   *   of cw_endpoint_list_get_outcomes()
   *
   * The test is no longer pending when this is emitted.
   */
  signals[OUTCOME_ADDED] =
    g_signal_new ("outcome-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, CW_TYPE_TEST_OUTCOME);
}

static void
cw_endpoint_list_init (CwEndpointList *self)
{
  self->cancellable = g_cancellable_new ();
  self->webhooks = g_list_store_new (CONVERC_TYPE_WEBHOOK);
  self->outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->pending_tests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->created_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->last_retry_after = -1;
}

CwEndpointList *
cw_endpoint_list_new (void)
{
  return g_object_new (CW_TYPE_ENDPOINT_LIST, NULL);
}

ConvercClient *
cw_endpoint_list_get_client (CwEndpointList *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), NULL);

  return self->client;
}

/**
 * cw_endpoint_list_set_client:
 *
 * Uses @client from now on. Requests in flight with the former client are
 * cancelled: their answers are dropped and their tests no longer pending.
 */
void
cw_endpoint_list_set_client (CwEndpointList *self,
                             ConvercClient  *client)
{
  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));
  g_return_if_fail (!client || CONVERC_IS_CLIENT (client));

  if (self->client == client)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  cw_endpoint_list_cancel (self);
  g_set_object (&self->client, client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  g_object_thaw_notify (G_OBJECT (self));
}

ConvercSecretStore *
cw_endpoint_list_get_secret_store (CwEndpointList *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), NULL);

  return self->secret_store;
}

void
cw_endpoint_list_set_secret_store (CwEndpointList     *self,
                                   ConvercSecretStore *store)
{
  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));
  g_return_if_fail (!store || CONVERC_IS_SECRET_STORE (store));

  if (g_set_object (&self->secret_store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRET_STORE]);
}

const char *
cw_endpoint_list_get_secret_scope (CwEndpointList *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), NULL);

  if (self->secret_scope != NULL)
    return self->secret_scope;

  return self->client != NULL ? converc_client_get_base_url (self->client) : NULL;
}

void
cw_endpoint_list_set_secret_scope (CwEndpointList *self,
                                   const char     *scope)
{
  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));

  g_free (self->secret_scope);
  self->secret_scope = g_strdup (scope);
}

gboolean
cw_endpoint_list_get_demo (CwEndpointList *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), FALSE);

  return self->demo;
}

void
cw_endpoint_list_set_demo (CwEndpointList *self,
                           gboolean        demo)
{
  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));

  demo = !!demo;
  if (self->demo != demo)
    {
      self->demo = demo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
    }
}

gboolean
cw_endpoint_list_get_loading (CwEndpointList *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), FALSE);

  return self->loading;
}

/**
 * cw_endpoint_list_get_loaded:
 *
 * Returns: %TRUE once a list arrived (or an endpoint was added), until
 *   cw_endpoint_list_clear()
 */
gboolean
cw_endpoint_list_get_loaded (CwEndpointList *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), FALSE);

  return self->loaded;
}

/**
 * cw_endpoint_list_get_last_error:
 *
 * Returns: (nullable) (transfer none): why the last refresh failed, or
 *   %NULL when it worked; the list keeps what it had
 */
const GError *
cw_endpoint_list_get_last_error (CwEndpointList *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), NULL);

  return self->last_error;
}

/**
 * cw_endpoint_list_get_last_retry_after:
 *
 * Returns: with the last error, a 429's Retry-After in seconds; else -1
 */
gint64
cw_endpoint_list_get_last_retry_after (CwEndpointList *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), -1);

  return self->last_retry_after;
}

/**
 * cw_endpoint_list_get_webhooks:
 *
 * Returns: (transfer none): the endpoints, a #GListModel of #ConvercWebhook
 *   in the server's order
 */
GListModel *
cw_endpoint_list_get_webhooks (CwEndpointList *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), NULL);

  return G_LIST_MODEL (self->webhooks);
}

/**
 * cw_endpoint_list_lookup:
 * @position: (out) (optional): where it is in the list
 *
 * Returns: (nullable) (transfer none): the endpoint with @webhook_id
 */
ConvercWebhook *
cw_endpoint_list_lookup (CwEndpointList *self,
                         const char     *webhook_id,
                         guint          *position)
{
  guint n;

  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), NULL);

  if (webhook_id == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->webhooks));
  for (guint i = 0; i < n; i++)
    {
      ConvercWebhook *webhook = g_list_model_get_item (G_LIST_MODEL (self->webhooks), i);

      /* The store keeps its own reference. */
      g_object_unref (webhook);
      if (g_strcmp0 (converc_webhook_get_id (webhook), webhook_id) == 0)
        {
          if (position != NULL)
            *position = i;
          return webhook;
        }
    }

  return NULL;
}

/**
 * cw_endpoint_list_refresh:
 *
 * Fetches the list again, unless a fetch is under way. The list keeps its
 * contents until an answer arrives; a failure sets #CwEndpointList:last-error
 * and keeps them.
 */
void
cw_endpoint_list_refresh (CwEndpointList *self)
{
  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));

  if (self->client == NULL || self->loading)
    return;

  cw_endpoint_list_set_loading (self, TRUE);
  converc_client_list_webhooks_async (self->client,
                                      self->cancellable,
                                      cw_endpoint_list_list_cb,
                                      _cw_endpoint_list_request_new (self, NULL));
}

/**
 * cw_endpoint_list_clear:
 *
 * Forgets the list, the test outcomes and the last error, and cancels
 * requests in flight (another account or server is about to be used).
 */
void
cw_endpoint_list_clear (CwEndpointList *self)
{
  g_return_if_fail (CW_IS_ENDPOINT_LIST (self));

  g_object_freeze_notify (G_OBJECT (self));
  cw_endpoint_list_cancel (self);
  g_list_store_remove_all (self->webhooks);
  g_hash_table_remove_all (self->outcomes);
  cw_endpoint_list_set_last_error (self, NULL, -1);
  cw_endpoint_list_set_loaded (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * cw_endpoint_list_add:
 * @webhook: an endpoint made in this run
 *
 * Adds @webhook to the list unless an endpoint with its id is there.
 *
 * Returns: %TRUE when it was added
 */
gboolean
cw_endpoint_list_add (CwEndpointList *self,
                      ConvercWebhook *webhook)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (self), FALSE);
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (webhook), FALSE);

  if (cw_endpoint_list_lookup (self, converc_webhook_get_id (webhook), NULL) != NULL)
    return FALSE;

  g_list_store_append (self->webhooks, webhook);
  cw_endpoint_list_set_loaded (self, TRUE);

  return TRUE;
}

