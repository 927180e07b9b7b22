/* converc-account-store.c
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

/* The one concern of this file: the list of accounts and the default one,
 * saved in GSettings. */

#define G_LOG_DOMAIN "converc-account-store"

#include "config.h"

#include "converc-account-store.h"
#include "converc-error.h"
#include "converc-validate.h"

#include <glib/gi18n.h>

/* Why aa{sv} and not a JSON string: GSettings checks the type, dconf-editor
 * shows it readably, an older version ignores keys a newer one adds, and
 * reading settings never needs a parser that can fail halfway. */

struct _ConvercAccountStore
{
  GObject    parent_instance;
  GSettings *settings;
  GPtrArray *accounts;     /* of ConvercAccount */
  char      *default_id;   /* as set; may name no account */
  gboolean   loading;      /* applying the settings: do not save back */
  gboolean   saving;       /* writing them: do not read back halfway */
};

static void converc_account_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConvercAccountStore, converc_account_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      converc_account_store_list_model_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GVariant *
build_accounts_variant (ConvercAccountStore *self)
{
  GVariantBuilder builder;

  g_assert (CONVERC_IS_ACCOUNT_STORE (self));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < self->accounts->len; i++)
    {
      ConvercAccount *account = g_ptr_array_index (self->accounts, i);

      if (!converc_account_get_demo (account))
        g_variant_builder_add_value (&builder, converc_account_to_variant (account));
    }

  return g_variant_builder_end (&builder);
}

static void
save (ConvercAccountStore *self)
{
  g_assert (CONVERC_IS_ACCOUNT_STORE (self));

  if (self->settings == NULL || self->loading)
    return;

  /* Not g_settings_delay(): the object would stay in delay mode for every
   * later write of the caller's settings. This object's "changed" may come
   * at each set, before the other key is written: it is ignored then. A
   * reader that sees the list before the default falls back to the first
   * account. */
  self->saving = TRUE;
  g_settings_set_value (self->settings, CONVERC_ACCOUNT_STORE_KEY_ACCOUNTS,
                        build_accounts_variant (self));
  g_settings_set_string (self->settings, CONVERC_ACCOUNT_STORE_KEY_DEFAULT,
                         self->default_id != NULL ? self->default_id : "");
  self->saving = FALSE;
}

static void
emit_changed (ConvercAccountStore *self)
{
  g_assert (CONVERC_IS_ACCOUNT_STORE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
account_notify_cb (ConvercAccountStore *self,
                   GParamSpec          *pspec,
                   ConvercAccount      *account)
{
  g_assert (CONVERC_IS_ACCOUNT_STORE (self));

  save (self);
  if (!self->loading)
    emit_changed (self);
}

static void
watch_account (ConvercAccountStore *self,
               ConvercAccount      *account)
{
  g_assert (CONVERC_IS_ACCOUNT_STORE (self));

  g_signal_connect_object (account, "notify", G_CALLBACK (account_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
unwatch_account (ConvercAccountStore *self,
                 ConvercAccount      *account)
{
  g_assert (CONVERC_IS_ACCOUNT_STORE (self));

  g_signal_handlers_disconnect_by_func (account, account_notify_cb, self);
}

static ConvercAccount *
find_in (GPtrArray  *accounts,
         const char *id)
{
  for (guint i = 0; i < accounts->len; i++)
    {
      ConvercAccount *account = g_ptr_array_index (accounts, i);

      if (g_strcmp0 (converc_account_get_id (account), id) == 0)
        return account;
    }

  return NULL;
}

static gboolean
label_taken (ConvercAccountStore *self,
             const char          *label,
             ConvercAccount      *except)
{
  g_autofree char *folded = g_utf8_casefold (label, -1);

  g_assert (CONVERC_IS_ACCOUNT_STORE (self));

  for (guint i = 0; i < self->accounts->len; i++)
    {
      ConvercAccount *account = g_ptr_array_index (self->accounts, i);
      g_autofree char *other = NULL;

      if (account == except)
        continue;

      other = g_utf8_casefold (converc_account_get_label (account), -1);
      if (g_str_equal (folded, other))
        return TRUE;
    }

  return FALSE;
}

/* The cleaned label, or NULL with @error. */
static char *
check_label (ConvercAccountStore  *self,
             const char           *label,
             ConvercAccount       *except,
             GError              **error)
{
  g_autofree char *clean = converc_account_clean_label (label);

  g_assert (CONVERC_IS_ACCOUNT_STORE (self));

  if (clean[0] == '\0')
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("Give the account a name."));
      return NULL;
    }

  if (label_taken (self, clean, except))
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("Another account already has this name. Choose a "
                             "different one."));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

static ConvercAccount *
lookup_or_error (ConvercAccountStore  *self,
                 const char           *id,
                 GError              **error)
{
  ConvercAccount *account = converc_account_store_lookup_id (self, id);

  if (account == NULL)
    g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                         _("There is no such account."));

  return account;
}

/* Reads the settings into the list, keeping the objects of accounts that
 * stay (updated in place) and the demo account. */
static void
load (ConvercAccountStore *self)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) current = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autofree char *default_id = NULL;
  gboolean default_changed;
  GVariantIter iter;
  GVariant *dict;
  guint old_n;

  g_assert (CONVERC_IS_ACCOUNT_STORE (self));

  if (self->settings == NULL)
    return;

  default_id = g_settings_get_string (self->settings, CONVERC_ACCOUNT_STORE_KEY_DEFAULT);
  default_changed = g_strcmp0 (default_id, self->default_id ? self->default_id : "") != 0;
  g_free (self->default_id);
  self->default_id = default_id[0] != '\0' ? g_steal_pointer (&default_id) : NULL;

  value = g_settings_get_value (self->settings, CONVERC_ACCOUNT_STORE_KEY_ACCOUNTS);
  current = g_variant_ref_sink (build_accounts_variant (self));
  if (g_variant_equal (value, current))
    {
      /* Our own write coming back, or only the default changed. */
      if (default_changed)
        emit_changed (self);
      return;
    }

  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_variant_iter_init (&iter, value);
  self->loading = TRUE;
  while ((dict = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(ConvercAccount) read = converc_account_new_from_variant (dict);
      ConvercAccount *account;

      g_variant_unref (dict);
      if (read == NULL || find_in (accounts, converc_account_get_id (read)) != NULL)
        continue;

      account = find_in (self->accounts, converc_account_get_id (read));
      if (account != NULL && !converc_account_get_demo (account))
        {
          converc_account_set_label (account, converc_account_get_label (read));
          converc_account_set_base_url (account, converc_account_get_base_url (read));
          converc_account_set_color (account, converc_account_get_color (read));
          converc_account_set_production (account, converc_account_get_production (read));
          converc_account_set_organization_id (account,
                                               converc_account_get_organization_id (read));
          converc_account_set_legacy_base_url (account,
                                               converc_account_get_legacy_base_url (read));
          g_ptr_array_add (accounts, g_object_ref (account));
        }
      else
        {
          watch_account (self, read);
          g_ptr_array_add (accounts, g_steal_pointer (&read));
        }
    }
  self->loading = FALSE;

  /* The demo account stays, at the end. */
  for (guint i = 0; i < self->accounts->len; i++)
    {
      ConvercAccount *account = g_ptr_array_index (self->accounts, i);

      if (converc_account_get_demo (account))
        g_ptr_array_add (accounts, g_object_ref (account));
    }

  for (guint i = 0; i < self->accounts->len; i++)
    {
      ConvercAccount *account = g_ptr_array_index (self->accounts, i);

      if (find_in (accounts, converc_account_get_id (account)) == NULL)
        unwatch_account (self, account);
    }

  old_n = self->accounts->len;
  old = g_steal_pointer (&self->accounts);
  self->accounts = g_steal_pointer (&accounts);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->accounts->len);
  emit_changed (self);
}

static void
settings_changed_cb (ConvercAccountStore *self,
                     const char          *key,
                     GSettings           *settings)
{
  g_assert (CONVERC_IS_ACCOUNT_STORE (self));

  if (!self->saving)
    load (self);
}

static GType
converc_account_store_get_item_type (GListModel *model)
{
  return CONVERC_TYPE_ACCOUNT;
}

static guint
converc_account_store_get_n_items (GListModel *model)
{
  return CONVERC_ACCOUNT_STORE (model)->accounts->len;
}

static gpointer
converc_account_store_get_item (GListModel *model,
                                guint       position)
{
  ConvercAccountStore *self = CONVERC_ACCOUNT_STORE (model);

  if (position >= self->accounts->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
converc_account_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = converc_account_store_get_item_type;
  iface->get_n_items = converc_account_store_get_n_items;
  iface->get_item = converc_account_store_get_item;
}

static void
converc_account_store_dispose (GObject *object)
{
  ConvercAccountStore *self = (ConvercAccountStore *)object;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, settings_changed_cb, self);
  g_clear_object (&self->settings);

  if (self->accounts != NULL)
    {
      for (guint i = 0; i < self->accounts->len; i++)
        unwatch_account (self, g_ptr_array_index (self->accounts, i));
      g_ptr_array_set_size (self->accounts, 0);
    }

  G_OBJECT_CLASS (converc_account_store_parent_class)->dispose (object);
}

static void
converc_account_store_finalize (GObject *object)
{
  ConvercAccountStore *self = (ConvercAccountStore *)object;

  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->default_id, g_free);

  G_OBJECT_CLASS (converc_account_store_parent_class)->finalize (object);
}

static void
converc_account_store_class_init (ConvercAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = converc_account_store_dispose;
  object_class->finalize = converc_account_store_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
converc_account_store_init (ConvercAccountStore *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}

ConvercAccountStore *
converc_account_store_new (GSettings *settings)
{
  ConvercAccountStore *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CONVERC_TYPE_ACCOUNT_STORE, NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      /* Read the keys once so that GSettings emits changed for them. */
      load (self);
      g_signal_connect_object (settings, "changed::" CONVERC_ACCOUNT_STORE_KEY_ACCOUNTS,
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::" CONVERC_ACCOUNT_STORE_KEY_DEFAULT,
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
    }

  return self;
}

GSettings *
converc_account_store_get_settings (ConvercAccountStore *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), NULL);

  return self->settings;
}

guint
converc_account_store_get_n_accounts (ConvercAccountStore *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), 0);

  return self->accounts->len;
}

gboolean
converc_account_store_insert (ConvercAccountStore  *self,
                              ConvercAccount       *account,
                              GError              **error)
{
  g_autofree char *label = NULL;
  g_autoptr(GError) local_error = NULL;
  guint position;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (account), FALSE);

  if (find_in (self->accounts, converc_account_get_id (account)) != NULL)
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("This account is listed already."));
      return FALSE;
    }

  if (!(label = check_label (self, converc_account_get_label (account), NULL, error)))
    return FALSE;

  if (!converc_validate_base_url (converc_account_get_base_url (account), &local_error))
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           local_error->message);
      return FALSE;
    }

  position = self->accounts->len;
  g_ptr_array_add (self->accounts, g_object_ref (account));
  watch_account (self, account);

  if (self->default_id == NULL && !converc_account_get_demo (account))
    self->default_id = g_strdup (converc_account_get_id (account));

  save (self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  emit_changed (self);

  return TRUE;
}

ConvercAccount *
converc_account_store_add (ConvercAccountStore  *self,
                           const char           *label,
                           const char           *base_url,
                           GError              **error)
{
  g_autoptr(ConvercAccount) account = NULL;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  account = converc_account_new_generated (label, base_url);
  if (!converc_account_store_insert (self, account, error))
    return NULL;

  return account;
}

ConvercAccount *
converc_account_store_add_demo (ConvercAccountStore *self,
                                const char          *base_url)
{
  g_autoptr(ConvercAccount) account = NULL;
  guint position;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      ConvercAccount *existing = g_ptr_array_index (self->accounts, i);

      if (converc_account_get_demo (existing))
        {
          converc_account_set_base_url (existing, base_url);
          return existing;
        }
    }

  /* Not through _insert(): "Demo" may be a user's label too. */
  account = converc_account_new_demo (base_url);
  position = self->accounts->len;
  g_ptr_array_add (self->accounts, g_object_ref (account));
  watch_account (self, account);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  emit_changed (self);

  return account;
}

gboolean
converc_account_store_rename (ConvercAccountStore  *self,
                              const char           *id,
                              const char           *label,
                              GError              **error)
{
  g_autofree char *clean = NULL;
  ConvercAccount *account;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if (!(account = lookup_or_error (self, id, error)))
    return FALSE;

  if (!(clean = check_label (self, label, account, error)))
    return FALSE;

  converc_account_set_label (account, clean);

  return TRUE;
}

gboolean
converc_account_store_recolor (ConvercAccountStore  *self,
                               const char           *id,
                               const char           *color,
                               GError              **error)
{
  ConvercAccount *account;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), FALSE);

  if (!(account = lookup_or_error (self, id, error)))
    return FALSE;

  if (!converc_account_is_palette_color (color))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) converc_account_get_palette ());

      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("Unknown colour. Choose one of: %s."), names);
      return FALSE;
    }

  converc_account_set_color (account, color);

  return TRUE;
}

gboolean
converc_account_store_remove (ConvercAccountStore  *self,
                              const char           *id,
                              GError              **error)
{
  g_autoptr(ConvercAccount) removed = NULL;
  ConvercAccount *account;
  guint position = 0;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), FALSE);

  if (!(account = lookup_or_error (self, id, error)))
    return FALSE;

  /* @id may be the account's own string: it lives until the end. */
  removed = g_object_ref (account);
  g_ptr_array_find (self->accounts, account, &position);
  unwatch_account (self, account);
  g_ptr_array_remove_index (self->accounts, position);

  if (g_strcmp0 (self->default_id, id) == 0)
    {
      g_clear_pointer (&self->default_id, g_free);
      for (guint i = 0; i < self->accounts->len; i++)
        {
          ConvercAccount *other = g_ptr_array_index (self->accounts, i);

          if (!converc_account_get_demo (other))
            {
              self->default_id = g_strdup (converc_account_get_id (other));
              break;
            }
        }
    }

  save (self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  emit_changed (self);

  return TRUE;
}

ConvercAccount *
converc_account_store_lookup_id (ConvercAccountStore *self,
                                 const char          *id)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), NULL);

  if (id == NULL)
    return NULL;

  return find_in (self->accounts, id);
}

ConvercAccount *
converc_account_store_lookup (ConvercAccountStore *self,
                              const char          *id_or_label)
{
  g_autofree char *clean = NULL;
  g_autofree char *folded = NULL;
  ConvercAccount *account;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), NULL);

  if (id_or_label == NULL)
    return NULL;

  if ((account = find_in (self->accounts, id_or_label)) != NULL)
    return account;

  clean = converc_account_clean_label (id_or_label);
  folded = g_utf8_casefold (clean, -1);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      g_autofree char *other = NULL;

      account = g_ptr_array_index (self->accounts, i);
      other = g_utf8_casefold (converc_account_get_label (account), -1);
      if (g_str_equal (folded, other))
        return account;
    }

  return NULL;
}

GPtrArray *
converc_account_store_find_by_base_url (ConvercAccountStore *self,
                                        const char          *base_url)
{
  g_autoptr(ConvercAccount) probe = NULL;
  GPtrArray *found;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  found = g_ptr_array_new_with_free_func (g_object_unref);
  /* The account's own spelling of the URL, to compare like with like. */
  probe = converc_account_new ("probe", "probe", base_url);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      ConvercAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (converc_account_get_base_url (account),
                       converc_account_get_base_url (probe)))
        g_ptr_array_add (found, g_object_ref (account));
    }

  return found;
}

ConvercAccount *
converc_account_store_get_default (ConvercAccountStore *self)
{
  ConvercAccount *account;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), NULL);

  if ((account = converc_account_store_lookup_id (self, self->default_id)) != NULL)
    return account;

  for (guint i = 0; i < self->accounts->len; i++)
    {
      account = g_ptr_array_index (self->accounts, i);
      if (!converc_account_get_demo (account))
        return account;
    }

  return self->accounts->len > 0 ? g_ptr_array_index (self->accounts, 0) : NULL;
}

gboolean
converc_account_store_set_default (ConvercAccountStore  *self,
                                   const char           *id,
                                   GError              **error)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (self), FALSE);

  if (lookup_or_error (self, id, error) == NULL)
    return FALSE;

  if (g_strcmp0 (self->default_id, id) == 0)
    return TRUE;

  g_free (self->default_id);
  self->default_id = g_strdup (id);
  save (self);
  emit_changed (self);

  return TRUE;
}
