/* converc-secret-store-keyring.c
 *
 * The keyring secret store: the Secret Service through libsecret, every
 * call bounded by a timeout.
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

#define G_LOG_DOMAIN "converc-secret-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "converc-error.h"
#include "converc-secret-store.h"
#include "converc-secret-store-keyring-private.h"
#include "converc-secret-store-private.h"

/* The schemas use SECRET_SCHEMA_DONT_MATCH_NAME so that items can be found
 * by their attributes alone (`secret-tool search base-url URL`). Because an
 * API key and a signing secret share the base-url attribute, every lookup and
 * clear also names the schema through the "xdg:schema" meta-attribute, which
 * libsecret stores with each item; otherwise looking up the API key could
 * return an endpoint's signing secret. */
#define SCHEMA_VERSION "1"
#define ATTR_XDG_SCHEMA "xdg:schema"

static const SecretSchema *
get_api_key_schema (void)
{
  static const SecretSchema schema = {
    CONVERC_SECRET_SCHEMA_API_KEY, SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { CONVERC_SECRET_ATTR_BASE_URL, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CONVERC_SECRET_ATTR_ACCOUNT, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CONVERC_SECRET_ATTR_VERSION, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static const SecretSchema *
get_signing_secret_schema (void)
{
  static const SecretSchema schema = {
    CONVERC_SECRET_SCHEMA_SIGNING_SECRET, SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { CONVERC_SECRET_ATTR_BASE_URL, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CONVERC_SECRET_ATTR_WEBHOOK_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CONVERC_SECRET_ATTR_ACCOUNT, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { CONVERC_SECRET_ATTR_VERSION, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
password_free (char *password)
{
  secret_password_free (password);
}

static void
search (const SecretSchema  *schema,
        GHashTable          *attributes,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  secret_service_search (NULL, schema, attributes,
                         SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                         cancellable, callback, user_data);
}

static GList *
search_finish (GAsyncResult  *result,
               GError       **error)
{
  return secret_service_search_finish (NULL, result, error);
}

static const ConvercKeyringBackend libsecret_backend = {
  .store = secret_password_storev,
  .store_finish = secret_password_store_finish,
  .lookup = secret_password_lookupv,
  .lookup_finish = secret_password_lookup_finish,
  .password_free = password_free,
  .clear = secret_password_clearv,
  .clear_finish = secret_password_clear_finish,
  .search = search,
  .search_finish = search_finish,
};

#define CONVERC_TYPE_KEYRING_STORE (converc_keyring_store_get_type ())
G_DECLARE_FINAL_TYPE (ConvercKeyringStore, converc_keyring_store, CONVERC, KEYRING_STORE, GObject)

struct _ConvercKeyringStore
{
  GObject                      parent_instance;
  const ConvercKeyringBackend *backend;
  guint                        timeout_seconds;
};

static void converc_keyring_store_iface_init (ConvercSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConvercKeyringStore, converc_keyring_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CONVERC_TYPE_SECRET_STORE,
                                                      converc_keyring_store_iface_init))

/* One pending libsecret call. Its own cancellable is cancelled either by the
 * caller's cancellable or by the timeout. The timeout answers the task
 * itself: a keyring waiting for an unlock prompt may not call back for a
 * long time after a cancel, or ever. The libsecret callback, when it comes,
 * then only frees what it brought (the task lives until then: the callback
 * holds a reference). */
typedef struct
{
  GTask                       *task;        /* not owned: the task owns this */
  const ConvercKeyringBackend *backend;
  GCancellable                *cancellable;
  GCancellable                *caller_cancellable;
  gulong                       caller_handler;
  GSource                     *timeout_source;
  guint                        timeout_seconds;
  gboolean                     answered;    /* the task has its result */
  /* For store and clear: the backend's finish */
  gboolean                   (*finish_boolean) (GAsyncResult  *result,
                                                GError       **error);
} KeyringCall;

static void
keyring_call_stop (KeyringCall *call)
{
  if (call->caller_handler != 0)
    {
      g_cancellable_disconnect (call->caller_cancellable, call->caller_handler);
      call->caller_handler = 0;
    }

  if (call->timeout_source != NULL)
    {
      g_source_destroy (call->timeout_source);
      g_clear_pointer (&call->timeout_source, g_source_unref);
    }
}

static void
keyring_call_free (gpointer data)
{
  KeyringCall *call = data;

  keyring_call_stop (call);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->caller_cancellable);
  g_free (call);
}

static GError *timeout_error_new (guint seconds);

static gboolean
keyring_call_timeout_cb (gpointer user_data)
{
  KeyringCall *call = user_data;

  g_clear_pointer (&call->timeout_source, g_source_unref);
  keyring_call_stop (call);

  /* Answer first: cancelling may run the libsecret callback at once. */
  call->answered = TRUE;
  g_task_return_error (call->task, timeout_error_new (call->timeout_seconds));
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static void
keyring_call_caller_cancelled_cb (GCancellable *caller_cancellable,
                                  gpointer      user_data)
{
  GCancellable *cancellable = user_data;

  /* May run in another thread: only touch the (thread-safe) cancellable. */
  g_cancellable_cancel (cancellable);
}

/* Creates the task and its KeyringCall; the returned cancellable is the one
 * to pass to libsecret. */
static GTask *
keyring_call_new (ConvercKeyringStore *self,
                  gpointer             source_tag,
                  GCancellable        *caller_cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task;
  KeyringCall *call;

  task = g_task_new (self, caller_cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  /* The error is decided here (cancelled, timed out or libsecret's). */
  g_task_set_check_cancellable (task, FALSE);

  call = g_new0 (KeyringCall, 1);
  call->task = task;
  call->backend = self->backend;
  call->cancellable = g_cancellable_new ();
  call->timeout_seconds = self->timeout_seconds;
  g_task_set_task_data (task, call, keyring_call_free);

  if (caller_cancellable != NULL)
    {
      call->caller_cancellable = g_object_ref (caller_cancellable);
      /* Runs the handler at once if already cancelled. */
      call->caller_handler = g_cancellable_connect (caller_cancellable,
                                                    G_CALLBACK (keyring_call_caller_cancelled_cb),
                                                    g_object_ref (call->cancellable),
                                                    g_object_unref);
    }

  call->timeout_source = g_timeout_source_new_seconds (self->timeout_seconds);
  g_source_set_name (call->timeout_source, "[converc] keyring timeout");
  g_source_set_callback (call->timeout_source, keyring_call_timeout_cb, call, NULL);
  g_source_attach (call->timeout_source, g_task_get_context (task));

  return task;
}

static KeyringCall *
keyring_call_get (GTask *task)
{
  return g_task_get_task_data (task);
}

static GCancellable *
keyring_call_get_cancellable (GTask *task)
{
  return keyring_call_get (task)->cancellable;
}

static gboolean
is_no_keyring_error (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
        case G_DBUS_ERROR_UNKNOWN_METHOD:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
        case G_DBUS_ERROR_UNKNOWN_INTERFACE:
          return TRUE;

        default:
          return FALSE;
        }
    }

  /* No session bus at all: "Cannot autolaunch D-Bus without X11 $DISPLAY",
   * a socket that refuses connections, a missing bus address... */
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED && error->code != G_IO_ERROR_TIMED_OUT;

  return FALSE;
}

static GError *
timeout_error_new (guint seconds)
{
  return g_error_new (CONVERC_ERROR, CONVERC_ERROR_KEYRING,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "The keyring did not answer within %u second. "
                                   "It may be locked: unlock it and try again.",
                                   "The keyring did not answer within %u seconds. "
                                   "It may be locked: unlock it and try again.",
                                   seconds),
                      seconds);
}

/* Turns whatever libsecret reported into a CONVERC_ERROR (or
 * G_IO_ERROR_CANCELLED when the caller cancelled). The underlying message
 * never contains the secret: libsecret does not put values in errors. */
static GError *
map_keyring_error (KeyringCall *call,
                   GError      *error)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Only the caller's cancellable gets here: the timeout answered
       * the task before it cancelled. */
      mapped = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                    _("The operation was cancelled."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      mapped = timeout_error_new (call->timeout_seconds);
    }
  else if (is_no_keyring_error (error))
    {
      if (error->domain == G_DBUS_ERROR)
        g_dbus_error_strip_remote_error (error);

      g_debug ("No Secret Service: %s", error->message);
      mapped = g_error_new (CONVERC_ERROR, CONVERC_ERROR_NO_KEYRING,
                            _("No keyring (Secret Service) is running, so secrets "
                              "cannot be saved or read. Start GNOME Keyring or "
                              "another Secret Service provider. (%s)"),
                            error->message);
    }
  else
    {
      if (error->domain == G_DBUS_ERROR)
        g_dbus_error_strip_remote_error (error);

      mapped = g_error_new (CONVERC_ERROR, CONVERC_ERROR_KEYRING,
                            _("The keyring failed: %s"), error->message);
    }

  g_error_free (error);

  return mapped;
}

/* Returns a new attribute table for an item; the values are not secret. */
static GHashTable *
build_attributes (const char  *base_url,
                  const char  *webhook_id,
                  const SecretSchema **schema)
{
  GHashTable *attributes;

  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (converc_secret_store_is_api_key (webhook_id))
    {
      *schema = get_api_key_schema ();
    }
  else
    {
      *schema = get_signing_secret_schema ();
      g_hash_table_insert (attributes, (gpointer) CONVERC_SECRET_ATTR_WEBHOOK_ID,
                           g_strdup (webhook_id));
    }

  /* An account's items carry the account attribute and no base-url, so a
   * lookup by base URL (items from before accounts) never finds them, and
   * two accounts on one server never see each other's items. */
  if (converc_secret_store_scope_is_base_url (base_url))
    g_hash_table_insert (attributes, (gpointer) CONVERC_SECRET_ATTR_BASE_URL,
                         converc_secret_store_normalize_base_url (base_url));
  else
    g_hash_table_insert (attributes, (gpointer) CONVERC_SECRET_ATTR_ACCOUNT,
                         converc_secret_store_normalize_base_url (base_url));
  g_hash_table_insert (attributes, (gpointer) CONVERC_SECRET_ATTR_VERSION,
                       g_strdup (SCHEMA_VERSION));
  g_hash_table_insert (attributes, (gpointer) ATTR_XDG_SCHEMA,
                       g_strdup ((*schema)->name));

  return attributes;
}

/* Store and clear both end in a boolean: hand it, or the mapped error, to
 * the task. */
static void
keyring_boolean_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  GError *error = NULL;

  /* For clear, FALSE without an error means nothing was stored: fine. */
  call->finish_boolean (result, &error);
  keyring_call_stop (call);

  if (call->answered)
    {
      /* Too late: the timeout answered already. */
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    g_task_return_error (task, map_keyring_error (call, error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
converc_keyring_store_store_async (ConvercSecretStore  *store,
                                   const char          *base_url,
                                   const char          *webhook_id,
                                   const char          *secret,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  ConvercKeyringStore *self = (ConvercKeyringStore *)store;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;
  const SecretSchema *schema;

  g_assert (CONVERC_IS_KEYRING_STORE (self));

  task = keyring_call_new (self, converc_keyring_store_store_async, cancellable,
                           callback, user_data);
  keyring_call_get (task)->finish_boolean = self->backend->store_finish;
  attributes = build_attributes (base_url, webhook_id, &schema);
  url = converc_secret_store_normalize_base_url (base_url);

  if (converc_secret_store_is_api_key (webhook_id) &&
      !converc_secret_store_scope_is_base_url (base_url))
    /* Translators: the keyring item's label; %s is the account's id */
    label = g_strdup_printf (_("Converc API key (account %s)"), url);
  else if (!converc_secret_store_scope_is_base_url (base_url))
    /* Translators: the keyring item's label; %s is the endpoint id, then the account's id */
    label = g_strdup_printf (_("Converc signing secret for %s (account %s)"), webhook_id, url);
  else if (converc_secret_store_is_api_key (webhook_id))
    /* Translators: the keyring item's label; %s is the API base URL */
    label = g_strdup_printf (_("Converc API key (%s)"), url);
  else
    /* Translators: the keyring item's label; %s is the endpoint id, then the base URL */
    label = g_strdup_printf (_("Converc signing secret for %s (%s)"), webhook_id, url);

  self->backend->store (schema, attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                        keyring_call_get_cancellable (task),
                        keyring_boolean_cb, g_object_ref (task));
}

static void
keyring_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  char *password;

  password = call->backend->lookup_finish (result, &error);
  keyring_call_stop (call);

  if (call->answered)
    {
      /* Too late: the timeout answered already. */
      g_clear_error (&error);
      if (password != NULL)
        call->backend->password_free (password);
    }
  else if (error != NULL)
    {
      g_task_return_error (task, map_keyring_error (call, error));
    }
  else if (password == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
    }
  else
    {
      /* Hand out a plain string (the interface says g_free) and wipe
       * libsecret's copy on the way out. */
      char *copy = g_strdup (password);

      call->backend->password_free (password);
      g_task_return_pointer (task, copy, converc_secret_store_wipe_and_free);
    }
}

static void
converc_keyring_store_lookup_async (ConvercSecretStore  *store,
                                    const char          *base_url,
                                    const char          *webhook_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  ConvercKeyringStore *self = (ConvercKeyringStore *)store;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const SecretSchema *schema;

  g_assert (CONVERC_IS_KEYRING_STORE (self));

  task = keyring_call_new (self, converc_keyring_store_lookup_async, cancellable,
                           callback, user_data);
  attributes = build_attributes (base_url, webhook_id, &schema);

  self->backend->lookup (schema, attributes, keyring_call_get_cancellable (task),
                         keyring_lookup_cb, g_object_ref (task));
}

static void
converc_keyring_store_clear_async (ConvercSecretStore  *store,
                                   const char          *base_url,
                                   const char          *webhook_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  ConvercKeyringStore *self = (ConvercKeyringStore *)store;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const SecretSchema *schema;

  g_assert (CONVERC_IS_KEYRING_STORE (self));

  task = keyring_call_new (self, converc_keyring_store_clear_async, cancellable,
                           callback, user_data);
  keyring_call_get (task)->finish_boolean = self->backend->clear_finish;
  attributes = build_attributes (base_url, webhook_id, &schema);

  self->backend->clear (schema, attributes, keyring_call_get_cancellable (task),
                        keyring_boolean_cb, g_object_ref (task));
}

/* After a search: TRUE when the task needs nothing more, for the timeout
 * answered already (the items are freed) or the search failed (the task
 * returns the error); FALSE when the caller goes on with the items. */
static gboolean
keyring_call_end_search (GTask       *task,
                         KeyringCall *call,
                         GList       *items,
                         GError      *error)
{
  keyring_call_stop (call);

  if (call->answered)
    {
      /* Too late: the timeout answered already. */
      g_clear_error (&error);
      g_list_free_full (items, g_object_unref);
      return TRUE;
    }

  if (error != NULL)
    {
      g_task_return_error (task, map_keyring_error (call, error));
      return TRUE;
    }

  return FALSE;
}

static void
keyring_list_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  g_autoptr(GPtrArray) list = NULL;
  GError *error = NULL;
  GList *items;

  items = call->backend->search_finish (result, &error);
  if (keyring_call_end_search (task, call, items, error))
    return;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) converc_stored_secret_free);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_item_get_attributes (l->data);
      g_autoptr(SecretValue) value = secret_item_get_secret (l->data);
      const char *webhook_id = g_hash_table_lookup (attributes, CONVERC_SECRET_ATTR_WEBHOOK_ID);
      const char *text = value != NULL ? secret_value_get_text (value) : NULL;
      ConvercStoredSecret *stored;

      if (converc_secret_store_is_api_key (webhook_id) || text == NULL || *text == '\0')
        continue;

      stored = g_new0 (ConvercStoredSecret, 1);
      stored->webhook_id = g_strdup (webhook_id);
      stored->secret = g_strdup (text);
      g_ptr_array_add (list, stored);
    }
  g_list_free_full (items, g_object_unref);

  g_task_return_pointer (task, g_steal_pointer (&list), (GDestroyNotify) g_ptr_array_unref);
}

static void
converc_keyring_store_list_async (ConvercSecretStore  *store,
                                  const char          *base_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  ConvercKeyringStore *self = (ConvercKeyringStore *)store;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const SecretSchema *schema = get_signing_secret_schema ();

  g_assert (CONVERC_IS_KEYRING_STORE (self));

  task = keyring_call_new (self, converc_keyring_store_list_async, cancellable,
                           callback, user_data);

  if (self->backend->search == NULL)
    {
      keyring_call_stop (keyring_call_get (task));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "This keyring backend cannot list its secrets");
      return;
    }

  /* Every endpoint's item of this scope (whatever other attributes): an
   * account's by its account attribute, older ones by their base URL. */
  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (attributes,
                       (gpointer) (converc_secret_store_scope_is_base_url (base_url)
                                   ? CONVERC_SECRET_ATTR_BASE_URL : CONVERC_SECRET_ATTR_ACCOUNT),
                       converc_secret_store_normalize_base_url (base_url));
  g_hash_table_insert (attributes, (gpointer) ATTR_XDG_SCHEMA, g_strdup (schema->name));

  self->backend->search (schema, attributes, keyring_call_get_cancellable (task),
                         keyring_list_cb, g_object_ref (task));
}

static GPtrArray *
converc_keyring_store_list_finish (ConvercSecretStore  *store,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_assert (g_task_is_valid (result, store));

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
converc_keyring_store_iface_init (ConvercSecretStoreInterface *iface)
{
  iface->store_async = converc_keyring_store_store_async;
  iface->store_finish = converc_secret_store_task_finish_boolean;
  iface->lookup_async = converc_keyring_store_lookup_async;
  iface->lookup_finish = converc_secret_store_task_finish_pointer;
  iface->clear_async = converc_keyring_store_clear_async;
  iface->clear_finish = converc_secret_store_task_finish_boolean;
  iface->list_async = converc_keyring_store_list_async;
  iface->list_finish = converc_keyring_store_list_finish;
}

static void
converc_keyring_store_class_init (ConvercKeyringStoreClass *klass)
{
}

static void
converc_keyring_store_init (ConvercKeyringStore *self)
{
  self->backend = &libsecret_backend;
  self->timeout_seconds = CONVERC_SECRET_DEFAULT_TIMEOUT;
}

/**
 * converc_keyring_store_new:
 * @timeout_seconds: the longest any call may take, 0 for the default
 *
 * Returns: (transfer full): a store backed by the Secret Service
 */
ConvercSecretStore *
converc_keyring_store_new (guint timeout_seconds)
{
  return converc_keyring_store_new_with_backend (timeout_seconds, &libsecret_backend);
}

ConvercSecretStore *
converc_keyring_store_new_with_backend (guint                        timeout_seconds,
                                        const ConvercKeyringBackend *backend)
{
  ConvercKeyringStore *self;

  g_return_val_if_fail (backend != NULL, NULL);

  self = g_object_new (CONVERC_TYPE_KEYRING_STORE, NULL);
  self->backend = backend;
  self->timeout_seconds = timeout_seconds ? timeout_seconds : CONVERC_SECRET_DEFAULT_TIMEOUT;

  return CONVERC_SECRET_STORE (self);
}

/* --- Items from before accounts -------------------------------------------- */

gboolean
converc_keyring_store_is_keyring_store (ConvercSecretStore *self)
{
  return CONVERC_IS_KEYRING_STORE (self);
}

static void
keyring_search_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  g_autoptr(GHashTable) found = NULL;
  GError *error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (keyring_call_end_search (task, call, items, error))
    return;

  found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 converc_secret_store_wipe_and_free);

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = NULL;
      g_autoptr(SecretValue) value = NULL;
      const char *webhook_id;
      const char *text;

      if (!SECRET_IS_ITEM (l->data))
        continue;

      attributes = secret_retrievable_get_attributes (SECRET_RETRIEVABLE (l->data));
      webhook_id = g_hash_table_lookup (attributes, CONVERC_SECRET_ATTR_WEBHOOK_ID);
      /* SECRET_SEARCH_LOAD_SECRETS loaded the values with the items. */
      value = secret_item_get_secret (SECRET_ITEM (l->data));
      text = value != NULL ? secret_value_get_text (value) : NULL;

      if (webhook_id != NULL && webhook_id[0] != '\0' && text != NULL)
        g_hash_table_replace (found, g_strdup (webhook_id), g_strdup (text));
    }

  g_list_free_full (items, g_object_unref);
  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_hash_table_unref);
}

/* Lists the signing secrets stored by base URL (the migration reads them).
 * libsecret is called directly: the backend table has no search. */
void
converc_keyring_store_list_legacy_async (ConvercSecretStore  *store,
                                         const char          *base_url,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  ConvercKeyringStore *self = (ConvercKeyringStore *)store;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const SecretSchema *schema;

  g_return_if_fail (CONVERC_IS_KEYRING_STORE (self));
  g_return_if_fail (converc_secret_store_scope_is_base_url (base_url));

  task = keyring_call_new (self, converc_secret_store_list_legacy_async, cancellable,
                           callback, user_data);
  /* A webhook id only to pick the signing-secret schema; then any id. */
  attributes = build_attributes (base_url, "-", &schema);
  g_hash_table_remove (attributes, CONVERC_SECRET_ATTR_WEBHOOK_ID);

  secret_password_searchv (schema, attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                           keyring_call_get_cancellable (task),
                           keyring_search_cb, g_object_ref (task));
}
