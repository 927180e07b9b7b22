/* cw-session.c
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

/* The one concern of this file: what one account's window acts on — the
 * account (or the demo), its API client, its keyring scope and its
 * journal. */

#define G_LOG_DOMAIN "cw-session"

#include "config.h"

#include "cw-session.h"

struct _CwSession
{
  GObject             parent_instance;

  ConvercAccount     *account;
  ConvercClient      *client;
  ConvercSecretStore *secret_store;
};

G_DEFINE_FINAL_TYPE (CwSession, cw_session, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cw_session_finalize (GObject *object)
{
  CwSession *self = (CwSession *)object;

  g_clear_object (&self->account);
  g_clear_object (&self->client);
  g_clear_object (&self->secret_store);

  G_OBJECT_CLASS (cw_session_parent_class)->finalize (object);
}

static void
cw_session_class_init (CwSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_session_finalize;

  /**
   * CwSession::changed:
   *
   * The API key was replaced or forgotten: every window of the session
   * loads it again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cw_session_init (CwSession *self)
{
}

CwSession *
cw_session_new (ConvercAccount     *account,
                const char         *base_url,
                ConvercSecretStore *store)
{
  CwSession *self;

  g_return_val_if_fail (!account || CONVERC_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (CONVERC_IS_SECRET_STORE (store), NULL);

  self = g_object_new (CW_TYPE_SESSION, NULL);
  g_set_object (&self->account, account);
  self->secret_store = g_object_ref (store);
  self->client = converc_client_new (base_url, NULL);

  return self;
}

ConvercAccount *
cw_session_get_account (CwSession *self)
{
  g_return_val_if_fail (CW_IS_SESSION (self), NULL);

  return self->account;
}

ConvercClient *
cw_session_get_client (CwSession *self)
{
  g_return_val_if_fail (CW_IS_SESSION (self), NULL);

  return self->client;
}

ConvercSecretStore *
cw_session_get_secret_store (CwSession *self)
{
  g_return_val_if_fail (CW_IS_SESSION (self), NULL);

  return self->secret_store;
}

const char *
cw_session_get_base_url (CwSession *self)
{
  g_return_val_if_fail (CW_IS_SESSION (self), NULL);

  return converc_client_get_base_url (self->client);
}

gboolean
cw_session_get_demo (CwSession *self)
{
  g_return_val_if_fail (CW_IS_SESSION (self), FALSE);

  return self->account != NULL && converc_account_get_demo (self->account);
}

const char *
cw_session_get_secret_scope (CwSession *self)
{
  g_return_val_if_fail (CW_IS_SESSION (self), NULL);

  if (cw_session_get_demo (self))
    return "demo";

  if (self->account != NULL)
    return converc_account_get_secret_scope (self->account);

  return converc_client_get_base_url (self->client);
}

const char *
cw_session_get_journal_scope (CwSession *self)
{
  g_return_val_if_fail (CW_IS_SESSION (self), NULL);

  if (cw_session_get_demo (self))
    return NULL;

  return cw_session_get_secret_scope (self);
}

char *
cw_session_dup_journal_path (CwSession *self)
{
  const char *scope;

  g_return_val_if_fail (CW_IS_SESSION (self), NULL);

  scope = cw_session_get_journal_scope (self);

  return scope != NULL ? converc_journal_dup_path_for_scope (scope) : NULL;
}

const char *
cw_session_get_id (CwSession *self)
{
  g_return_val_if_fail (CW_IS_SESSION (self), NULL);

  return self->account != NULL ? converc_account_get_id (self->account) : NULL;
}

/**
 * cw_session_changed:
 *
 * Says that the session's API key was replaced or forgotten
 * (#CwSession::changed).
 */
void
cw_session_changed (CwSession *self)
{
  g_return_if_fail (CW_IS_SESSION (self));

  g_signal_emit (self, signals[CHANGED], 0);
}
