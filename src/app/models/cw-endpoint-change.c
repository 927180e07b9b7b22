/* cw-endpoint-change.c
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

/* The one concern of this file: the sequence of an endpoint change — create
 * the new endpoint, keep its secret, then (after the user agreed) disable
 * the old one — and what state each failure leaves. */

#define G_LOG_DOMAIN "cw-endpoint-change"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cw-endpoint-change.h"

struct _CwEndpointChange
{
  GObject               parent_instance;

  CwEndpointList       *list;
  ConvercWebhook       *old_webhook;
  ConvercWebhook       *new_webhook;
  GError               *error;
  /* While creating: the URL asked for, and the ids known before, to find
   * the endpoint the server made when the create answer was lost */
  char                 *pending_url;
  GHashTable           *known_ids;
  CwEndpointChangeStep  step;
};

G_DEFINE_FINAL_TYPE (CwEndpointChange, cw_endpoint_change, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LIST,
  PROP_OLD_WEBHOOK,
  PROP_NEW_WEBHOOK,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a create came to, until the secret is kept. */
typedef struct
{
  ConvercWebhook *webhook;
  char           *secret;
  GError         *secret_error;
} Created;

static void
created_free (Created *created)
{
  g_clear_object (&created->webhook);
  if (created->secret != NULL)
    memset (created->secret, 0, strlen (created->secret));
  g_clear_pointer (&created->secret, g_free);
  g_clear_error (&created->secret_error);
  g_free (created);
}

static void
cw_endpoint_change_set_step (CwEndpointChange     *self,
                             CwEndpointChangeStep  step)
{
  g_assert (CW_IS_ENDPOINT_CHANGE (self));

  if (self->step == step)
    return;

  self->step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static void
cw_endpoint_change_set_error (CwEndpointChange *self,
                              const GError     *error)
{
  g_assert (CW_IS_ENDPOINT_CHANGE (self));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
}

static void
cw_endpoint_change_secret_stored_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwEndpointChange *self = g_task_get_source_object (task);
  Created *created = g_task_get_task_data (task);

  g_assert (CW_IS_ENDPOINT_CHANGE (self));

  if (object != NULL)
    cw_endpoint_list_store_secret_finish (CW_ENDPOINT_LIST (object), result,
                                          &created->secret_error);

  /* Only now, with the only copy of the secret kept (or its loss known),
   * does the new endpoint reach the list. */
  g_set_object (&self->new_webhook, created->webhook);
  cw_endpoint_list_add (self->list, created->webhook);
  cw_endpoint_change_set_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_WEBHOOK]);
  cw_endpoint_change_set_step (self, CW_ENDPOINT_CHANGE_CREATED);

  g_task_return_boolean (task, TRUE);
}

/* The create's answer was lost (@error): the endpoints the server lists now
 * tell whether it made the new one anyway. If so, the change goes on with
 * it, its secret lost; else the create failed as @error says. */
typedef struct
{
  GTask  *task;
  GError *error;
} Unsure;

static void
cw_endpoint_change_check_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  Unsure *unsure = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&unsure->task);
  g_autoptr(GError) create_error = g_steal_pointer (&unsure->error);
  CwEndpointChange *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) webhooks = NULL;
  ConvercWebhook *made = NULL;
  Created *created;

  g_free (unsure);
  g_assert (CW_IS_ENDPOINT_CHANGE (self));

  webhooks = converc_client_list_webhooks_finish (CONVERC_CLIENT (object), result, NULL);
  for (guint i = 0; webhooks != NULL && i < webhooks->len; i++)
    {
      ConvercWebhook *webhook = g_ptr_array_index (webhooks, i);

      if (!g_hash_table_contains (self->known_ids, converc_webhook_get_id (webhook)) &&
          g_strcmp0 (converc_webhook_get_url (webhook), self->pending_url) == 0)
        made = webhook;
    }

  g_clear_pointer (&self->known_ids, g_hash_table_unref);
  g_clear_pointer (&self->pending_url, g_free);

  if (made == NULL)
    {
      /* Nothing was made (or the list failed too): the first error says
       * what went wrong, and creating again is safe. */
      cw_endpoint_change_set_error (self, create_error);
      cw_endpoint_change_set_step (self, CW_ENDPOINT_CHANGE_EDITING);
      g_task_return_error (task, g_steal_pointer (&create_error));
      return;
    }

  created = g_new0 (Created, 1);
  created->webhook = g_object_ref (made);
  created->secret_error =
    g_error_new_literal (CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
                         _("Converc made the new endpoint, but its answer was lost, and with it "
                           "the signing secret: Converc shows a secret only once. A receiver "
                           "that checks signatures cannot check this endpoint’s deliveries."));
  g_task_set_task_data (task, created, (GDestroyNotify) created_free);
  cw_endpoint_change_secret_stored_cb (NULL, NULL, g_steal_pointer (&task));
}

static void
cw_endpoint_change_create_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwEndpointChange *self = g_task_get_source_object (task);
  g_autoptr(ConvercWebhook) webhook = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  Created *created;

  g_assert (CW_IS_ENDPOINT_CHANGE (self));

  webhook = converc_client_create_webhook_finish (CONVERC_CLIENT (object), result, &secret, &error);
  if (webhook == NULL && converc_error_outcome_unsure (error) && self->known_ids != NULL)
    {
      /* Did the server make it before the answer was lost? Look before
       * inviting the user to create it twice. */
      Unsure *unsure = g_new0 (Unsure, 1);

      unsure->task = g_steal_pointer (&task);
      unsure->error = g_steal_pointer (&error);
      converc_client_list_webhooks_async (CONVERC_CLIENT (object), NULL,
                                          cw_endpoint_change_check_cb, unsure);
      return;
    }

  g_clear_pointer (&self->known_ids, g_hash_table_unref);
  g_clear_pointer (&self->pending_url, g_free);

  if (webhook == NULL)
    {
      /* Nothing was made (or nothing is known to be): the old endpoint is
       * left alone and the form may try again. */
      cw_endpoint_change_set_error (self, error);
      cw_endpoint_change_set_step (self, CW_ENDPOINT_CHANGE_EDITING);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  created = g_new0 (Created, 1);
  created->webhook = g_object_ref (webhook);
  created->secret = g_steal_pointer (&secret);
  g_task_set_task_data (task, created, (GDestroyNotify) created_free);

  if (created->secret == NULL)
    {
      created->secret_error = g_error_new_literal (CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
                                                   _("Converc sent no signing secret."));
      cw_endpoint_change_secret_stored_cb (NULL, NULL, g_steal_pointer (&task));
      return;
    }

  cw_endpoint_list_store_secret_async (self->list, webhook, created->secret,
                                       cw_endpoint_change_secret_stored_cb,
                                       g_steal_pointer (&task));
}

static void
cw_endpoint_change_disable_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwEndpointChange *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  g_assert (CW_IS_ENDPOINT_CHANGE (self));

  if (!cw_endpoint_list_disable_finish (CW_ENDPOINT_LIST (object), result, &error))
    {
      cw_endpoint_change_set_error (self, error);
      cw_endpoint_change_set_step (self, CW_ENDPOINT_CHANGE_DISABLE_FAILED);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cw_endpoint_change_set_error (self, NULL);
  cw_endpoint_change_set_step (self, CW_ENDPOINT_CHANGE_DONE);
  g_task_return_boolean (task, TRUE);
}

static void
cw_endpoint_change_dispose (GObject *object)
{
  CwEndpointChange *self = (CwEndpointChange *)object;

  g_clear_object (&self->list);
  g_clear_object (&self->old_webhook);
  g_clear_object (&self->new_webhook);
  g_clear_error (&self->error);
  g_clear_pointer (&self->known_ids, g_hash_table_unref);
  g_clear_pointer (&self->pending_url, g_free);

  G_OBJECT_CLASS (cw_endpoint_change_parent_class)->dispose (object);
}

static void
cw_endpoint_change_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CwEndpointChange *self = CW_ENDPOINT_CHANGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;

    case PROP_OLD_WEBHOOK:
      g_value_set_object (value, self->old_webhook);
      break;

    case PROP_NEW_WEBHOOK:
      g_value_set_object (value, self->new_webhook);
      break;

    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_endpoint_change_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CwEndpointChange *self = CW_ENDPOINT_CHANGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      self->list = g_value_dup_object (value);
      break;

    case PROP_OLD_WEBHOOK:
      self->old_webhook = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_endpoint_change_class_init (CwEndpointChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_endpoint_change_dispose;
  object_class->get_property = cw_endpoint_change_get_property;
  object_class->set_property = cw_endpoint_change_set_property;

  properties[PROP_LIST] =
    g_param_spec_object ("list", NULL, NULL, CW_TYPE_ENDPOINT_LIST,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_OLD_WEBHOOK] =
    g_param_spec_object ("old-webhook", NULL, NULL, CONVERC_TYPE_WEBHOOK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NEW_WEBHOOK] =
    g_param_spec_object ("new-webhook", NULL, NULL, CONVERC_TYPE_WEBHOOK,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL,
                      CW_ENDPOINT_CHANGE_EDITING, CW_ENDPOINT_CHANGE_DONE, CW_ENDPOINT_CHANGE_EDITING,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_endpoint_change_init (CwEndpointChange *self)
{
  self->step = CW_ENDPOINT_CHANGE_EDITING;
}

CwEndpointChange *
cw_endpoint_change_new (CwEndpointList *list,
                        ConvercWebhook *old_webhook)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_LIST (list), NULL);
  g_return_val_if_fail (CONVERC_IS_WEBHOOK (old_webhook), NULL);

  return g_object_new (CW_TYPE_ENDPOINT_CHANGE,
                       "list", list,
                       "old-webhook", old_webhook,
                       NULL);
}

CwEndpointList *
cw_endpoint_change_get_list (CwEndpointChange *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_CHANGE (self), NULL);

  return self->list;
}

CwEndpointChangeStep
cw_endpoint_change_get_step (CwEndpointChange *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_CHANGE (self), CW_ENDPOINT_CHANGE_EDITING);

  return self->step;
}

ConvercWebhook *
cw_endpoint_change_get_old_webhook (CwEndpointChange *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_CHANGE (self), NULL);

  return self->old_webhook;
}

ConvercWebhook *
cw_endpoint_change_get_new_webhook (CwEndpointChange *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_CHANGE (self), NULL);

  return self->new_webhook;
}

const GError *
cw_endpoint_change_get_error (CwEndpointChange *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_CHANGE (self), NULL);

  return self->error;
}

/**
 * cw_endpoint_change_create_async:
 *
 * Never cancelled: the answer carries the only copy of the new secret.
 */
void
cw_endpoint_change_create_async (CwEndpointChange    *self,
                                 const char          *url,
                                 const char * const  *events,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ConvercClient *client;

  g_return_if_fail (CW_IS_ENDPOINT_CHANGE (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, cw_endpoint_change_create_async);

  client = cw_endpoint_list_get_client (self->list);
  if (self->step != CW_ENDPOINT_CHANGE_EDITING || client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The new endpoint is made already, or no client is set");
      return;
    }

  g_clear_pointer (&self->known_ids, g_hash_table_unref);
  self->known_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    GListModel *webhooks = cw_endpoint_list_get_webhooks (self->list);
    guint n = g_list_model_get_n_items (webhooks);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (webhooks, i);

        g_hash_table_add (self->known_ids, g_strdup (converc_webhook_get_id (webhook)));
      }
    g_hash_table_add (self->known_ids, g_strdup (converc_webhook_get_id (self->old_webhook)));
  }
  g_free (self->pending_url);
  self->pending_url = g_strdup (url);

  cw_endpoint_change_set_step (self, CW_ENDPOINT_CHANGE_CREATING);
  converc_client_create_webhook_async (client, url, events, NULL,
                                       cw_endpoint_change_create_cb,
                                       g_steal_pointer (&task));
}

ConvercWebhook *
cw_endpoint_change_create_finish (CwEndpointChange  *self,
                                  GAsyncResult      *result,
                                  char             **secret,
                                  GError           **secret_error,
                                  GError           **error)
{
  Created *created;

  g_return_val_if_fail (CW_IS_ENDPOINT_CHANGE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  created = g_task_get_task_data (G_TASK (result));
  if (secret != NULL)
    *secret = g_strdup (created->secret);
  if (secret_error != NULL && created->secret_error != NULL)
    *secret_error = g_error_copy (created->secret_error);

  return g_object_ref (created->webhook);
}

gboolean
cw_endpoint_change_send_test (CwEndpointChange *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_CHANGE (self), FALSE);

  if (self->new_webhook == NULL)
    return FALSE;

  return cw_endpoint_list_send_test (self->list, converc_webhook_get_id (self->new_webhook));
}

void
cw_endpoint_change_disable_old_async (CwEndpointChange    *self,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_ENDPOINT_CHANGE (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, cw_endpoint_change_disable_old_async);

  /* The old endpoint goes only once its successor exists. */
  if (self->step != CW_ENDPOINT_CHANGE_CREATED &&
      self->step != CW_ENDPOINT_CHANGE_DISABLE_FAILED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "The new endpoint was not created: the old one stays");
      return;
    }

  cw_endpoint_change_set_step (self, CW_ENDPOINT_CHANGE_DISABLING);
  cw_endpoint_list_disable_async (self->list, converc_webhook_get_id (self->old_webhook),
                                  cw_endpoint_change_disable_cb, g_steal_pointer (&task));
}

gboolean
cw_endpoint_change_disable_old_finish (CwEndpointChange  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (CW_IS_ENDPOINT_CHANGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
