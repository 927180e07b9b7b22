/* cw-application-accounts.c
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

/* The one concern of this file: the sessions windows act on (one per
 * account), the one a window starts on, the migration of a key saved
 * before accounts, and a session's API key. */

#define G_LOG_DOMAIN "cw-application"

#include "config.h"

#include "cw-application-private.h"

typedef struct
{
  CwSession *session;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_clear_object (&data->session);
  g_free (data);
}

/* The accounts whose base URL is @url: the default one if it is among
 * them, else the first; NULL when none. */
static ConvercAccount *
find_account_for_url (CwApplication *self,
                      const char    *url)
{
  g_autoptr(GPtrArray) same = NULL;
  ConvercAccount *fallback;

  g_assert (CW_IS_APPLICATION (self));

  same = converc_account_store_find_by_base_url (self->accounts, url);
  fallback = converc_account_store_get_default (self->accounts);

  if (fallback != NULL && g_ptr_array_find (same, fallback, NULL))
    return fallback;

  return same->len > 0 ? g_ptr_array_index (same, 0) : NULL;
}

static char *
label_for_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0')
    return g_strdup (g_uri_get_host (uri));

  return g_strdup ("Converc");
}

/* The session for @url: its account's, else (a --base-url server) one
 * kept by base URL, else that of a new account not saved yet. */
static CwSession *
session_for_url (CwApplication *self,
                 const char    *url)
{
  ConvercAccount *account;
  CwSession *session;

  g_assert (CW_IS_APPLICATION (self));

  account = find_account_for_url (self, url);
  if (account != NULL)
    return cw_application_get_session (self, account);

  if (self->base_url_override != NULL)
    {
      /* A server for this run only that no account uses: its key is kept
       * by base URL, as before accounts. Account ids are never URLs. */
      session = g_hash_table_lookup (self->sessions, url);
      if (session == NULL)
        {
          session = cw_session_new (NULL, url, self->secret_store);
          g_hash_table_insert (self->sessions, g_strdup (url), session);
        }
      return session;
    }

  if (self->unsaved_session == NULL ||
      g_strcmp0 (cw_session_get_base_url (self->unsaved_session), url) != 0)
    {
      g_autofree char *label = label_for_url (url);
      g_autoptr(ConvercAccount) unsaved = converc_account_new_generated (label, url);

      /* Not saved yet: cw_application_account_signed_in() adds it. */
      g_clear_object (&self->unsaved_session);
      self->unsaved_session = cw_session_new (unsaved, url, self->secret_store);
    }

  return self->unsaved_session;
}

static void
lookup_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key;

  key = converc_secret_store_lookup_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_free);
}

static void
lookup_key (GTask *task)
{
  CwApplication *self = g_task_get_source_object (task);
  LookupData *data = g_task_get_task_data (task);

  if (data->session == NULL)
    data->session = g_object_ref (cw_application_get_start_session (self));

  converc_secret_store_lookup_async (cw_session_get_secret_store (data->session),
                                     cw_session_get_secret_scope (data->session),
                                     NULL,
                                     g_task_get_cancellable (task),
                                     lookup_key_cb,
                                     g_object_ref (task));
  g_object_unref (task);
}

static void
migrate_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwApplication *self = g_task_get_source_object (task);
  g_autoptr(ConvercAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = converc_account_migrate_finish (CONVERC_ACCOUNT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (error != NULL)
    /* The key lookup that follows meets the same keyring and says so. */
    g_warning ("The API key saved before accounts was not moved: %s", error->message);
  else
    self->accounts_migrated = TRUE;

  lookup_key (g_steal_pointer (&task));
}

void
_cw_application_accounts_init (CwApplication *self)
{
  g_assert (CW_IS_APPLICATION (self));

  self->accounts = converc_account_store_new (self->settings);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

ConvercAccountStore *
cw_application_get_accounts (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  return self->accounts;
}

CwSession *
cw_application_get_session (CwApplication  *self,
                            ConvercAccount *account)
{
  CwSession *session;
  const char *id;

  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (account), NULL);

  if (converc_account_get_demo (account) && self->demo_session != NULL)
    return self->demo_session;

  if (self->unsaved_session != NULL &&
      cw_session_get_account (self->unsaved_session) == account)
    return self->unsaved_session;

  id = converc_account_get_id (account);
  session = g_hash_table_lookup (self->sessions, id);
  if (session != NULL && cw_session_get_account (session) == account)
    return session;

  session = cw_session_new (account, converc_account_get_base_url (account),
                            self->secret_store);
  g_hash_table_replace (self->sessions, g_strdup (id), session);

  return session;
}

CwSession *
cw_application_get_start_session (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  if (self->demo_session != NULL)
    return self->demo_session;

  return session_for_url (self, self->base_url);
}

void
cw_application_lookup_api_key_async (CwApplication       *self,
                                     CwSession           *session,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LookupData *data;

  g_return_if_fail (CW_IS_APPLICATION (self));
  g_return_if_fail (!session || CW_IS_SESSION (session));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_application_lookup_api_key_async);
  data = g_new0 (LookupData, 1);
  g_set_object (&data->session, session);
  g_task_set_task_data (task, data, (GDestroyNotify) lookup_data_free);

  /* The first start after an update: today's key by base URL becomes the
   * first account before anything looks for a key. Not in demo mode (it
   * writes nothing), nor for a --base-url run (a server for this run
   * only: the saved key is for another one). */
  if (!self->accounts_migrated && !self->demo && self->base_url_override == NULL &&
      self->accounts != NULL)
    {
      converc_account_migrate_async (self->accounts, self->secret_store, self->base_url,
                                     cancellable, migrate_cb, g_steal_pointer (&task));
      return;
    }

  lookup_key (g_steal_pointer (&task));
}

char *
cw_application_lookup_api_key_finish (CwApplication  *self,
                                      GAsyncResult   *result,
                                      CwSession     **session,
                                      GError        **error)
{
  LookupData *data;

  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (session != NULL)
    *session = data->session != NULL ? g_object_ref (data->session) : NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cw_application_account_signed_in (CwApplication *self,
                                  CwSession     *session)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_label = NULL;
  ConvercAccount *account;

  g_return_if_fail (CW_IS_APPLICATION (self));
  g_return_if_fail (CW_IS_SESSION (session));

  account = cw_session_get_account (session);
  if (self->demo || cw_session_get_demo (session) || account == NULL)
    return;

  if (converc_account_store_lookup_id (self->accounts,
                                       converc_account_get_id (account)) == NULL)
    {
      base_label = g_strdup (converc_account_get_label (account));

      /* "127.0.0.1" twice (two ports) becomes "127.0.0.1 (2)". */
      for (guint n = 2; converc_account_store_lookup (self->accounts,
                                                      converc_account_get_label (account));
           n++)
        {
          g_autofree char *label = g_strdup_printf ("%s (%u)", base_label, n);

          converc_account_set_label (account, label);
        }

      if (!converc_account_store_insert (self->accounts, account, &error))
        {
          g_warning ("The account was not saved: %s", error->message);
          return;
        }

      /* Saved: from now on it is an account's session like any other. */
      if (session == self->unsaved_session)
        {
          g_hash_table_replace (self->sessions, g_strdup (converc_account_get_id (account)),
                                g_object_ref (session));
          g_clear_object (&self->unsaved_session);
        }
    }

  converc_account_store_set_default (self->accounts, converc_account_get_id (account), NULL);
  cw_application_save_windows (self);
}

gboolean
cw_application_account_chosen (CwApplication   *self,
                               ConvercAccount  *account,
                               GError         **error)
{
  const char *url;

  g_return_val_if_fail (CW_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (account), FALSE);

  if (self->demo || converc_account_get_demo (account))
    return TRUE;

  if (!converc_account_store_set_default (self->accounts, converc_account_get_id (account),
                                          error))
    return FALSE;

  /* The account's server is no longer one for this run only. The URL
   * moves first, so the settings handler finds nothing to do. */
  url = converc_account_get_base_url (account);
  g_clear_pointer (&self->base_url_override, g_free);
  g_free (self->base_url);
  self->base_url = g_strdup (url);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "base-url", url);

  return TRUE;
}
