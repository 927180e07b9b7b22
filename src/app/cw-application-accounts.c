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

/* The one concern of this file: which account the application acts on,
 * the migration of a key saved before accounts, and that account's API
 * key. */

#define G_LOG_DOMAIN "cw-application"

#include "config.h"

#include "cw-application-private.h"

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

/* The account is a new one for @url, not saved yet. */
static gboolean
is_unsaved_account_for (CwApplication *self,
                        const char    *url)
{
  g_assert (CW_IS_APPLICATION (self));

  return self->account != NULL &&
         converc_account_store_lookup_id (self->accounts,
                                          converc_account_get_id (self->account)) == NULL &&
         g_strcmp0 (converc_account_get_base_url (self->account), url) == 0;
}

/* Picks the account for the client's base URL. */
static void
choose_account (CwApplication *self)
{
  const char *url;
  ConvercAccount *account;

  g_assert (CW_IS_APPLICATION (self));

  if (self->demo)
    {
      g_clear_object (&self->account);
      return;
    }

  url = converc_client_get_base_url (self->client);
  account = find_account_for_url (self, url);

  if (account != NULL)
    g_set_object (&self->account, account);
  else if (self->base_url_override != NULL)
    /* A server for this run only that no account uses: its key is kept
     * by base URL, as before accounts. */
    g_clear_object (&self->account);
  else if (!is_unsaved_account_for (self, url))
    {
      g_autofree char *label = label_for_url (url);

      /* Not saved yet: cw_application_account_signed_in() adds it. */
      g_clear_object (&self->account);
      self->account = converc_account_new_generated (label, url);
    }
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

  choose_account (self);
  converc_secret_store_lookup_async (self->secret_store,
                                     cw_application_get_secret_scope (self),
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
}

ConvercAccountStore *
cw_application_get_accounts (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  return self->accounts;
}

ConvercAccount *
cw_application_get_account (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  return self->account;
}

const char *
cw_application_get_secret_scope (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  if (self->demo)
    return "demo";

  if (self->account != NULL)
    return converc_account_get_secret_scope (self->account);

  return converc_client_get_base_url (self->client);
}

void
cw_application_lookup_api_key_async (CwApplication       *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_APPLICATION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_application_lookup_api_key_async);

  /* The first start after an update: today's key by base URL becomes the
   * first account before anything looks for a key. Not in demo mode (it
   * writes nothing), nor for a --base-url run (a server for this run
   * only: the saved key is for another one). */
  if (!self->accounts_migrated && !self->demo && self->base_url_override == NULL &&
      self->accounts != NULL)
    {
      converc_account_migrate_async (self->accounts, self->secret_store,
                                     converc_client_get_base_url (self->client),
                                     cancellable, migrate_cb, g_steal_pointer (&task));
      return;
    }

  lookup_key (g_steal_pointer (&task));
}

char *
cw_application_lookup_api_key_finish (CwApplication  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cw_application_account_signed_in (CwApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_label = NULL;

  g_return_if_fail (CW_IS_APPLICATION (self));

  if (self->demo || self->account == NULL)
    return;

  if (converc_account_store_lookup_id (self->accounts,
                                       converc_account_get_id (self->account)) == NULL)
    {
      base_label = g_strdup (converc_account_get_label (self->account));

      /* "127.0.0.1" twice (two ports) becomes "127.0.0.1 (2)". */
      for (guint n = 2; converc_account_store_lookup (self->accounts,
                                                      converc_account_get_label (self->account));
           n++)
        {
          g_autofree char *label = g_strdup_printf ("%s (%u)", base_label, n);

          converc_account_set_label (self->account, label);
        }

      if (!converc_account_store_insert (self->accounts, self->account, &error))
        {
          g_warning ("The account was not saved: %s", error->message);
          return;
        }
    }

  converc_account_store_set_default (self->accounts, converc_account_get_id (self->account),
                                     NULL);
}

gboolean
cw_application_switch_account (CwApplication   *self,
                               ConvercAccount  *account,
                               GError         **error)
{
  const char *url;

  g_return_val_if_fail (CW_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (!self->demo, FALSE);

  if (account == self->account)
    return TRUE;

  if (!converc_account_store_set_default (self->accounts, converc_account_get_id (account),
                                          error))
    return FALSE;

  g_set_object (&self->account, account);
  url = converc_account_get_base_url (account);

  /* The account's server is no longer one for this run only. The client
   * moves first, so the settings handler finds nothing to do. */
  g_clear_pointer (&self->base_url_override, g_free);
  converc_client_set_base_url (self->client, url);
  converc_client_set_api_key (self->client, NULL);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "base-url", url);

  cw_application_session_changed (self);

  return TRUE;
}
