/* cw-add-account-dialog.c
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

/* The one concern of this file: the Add Organisation dialog (and its
 * Replace Key form): the fields checked, the key checked with the server,
 * then stored in the keyring, then the account listed. */

#define G_LOG_DOMAIN "cw-add-account-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-add-account-dialog-private.h"

#include "cw-account-badge.h"
#include "cw-error-text.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (CwAddAccountDialog, cw_add_account_dialog, ADW_TYPE_WINDOW)

enum {
  ACCOUNT_ADDED,
  KEY_REPLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One add (or replace) in flight: what was checked, for the next step. */
typedef struct
{
  CwAddAccountDialog *self;
  ConvercAccount     *account;
  char               *api_key;
} Adding;

static void
adding_free (Adding *adding)
{
  g_clear_object (&adding->account);
  g_clear_pointer (&adding->api_key, g_free);
  g_free (adding);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Adding, adding_free)

static void
set_busy (CwAddAccountDialog *self,
          gboolean            busy)
{
  g_assert (CW_IS_ADD_ACCOUNT_DIALOG (self));

  self->busy = !!busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->label_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->advanced_row), !busy);
  if (busy)
    gtk_label_set_text (self->add_label, _("Checking the Key…"));
  else
    gtk_label_set_text_with_mnemonic (self->add_label,
                                      self->account != NULL ? _("_Replace") : _("_Add"));
}

/* @row: the field the message is about (marked), or NULL. */
static void
show_error (CwAddAccountDialog *self,
            const char         *message,
            GtkWidget          *row)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->label_row), GTK_WIDGET (self->key_row),
                        GTK_WIDGET (self->url_row) };

  g_assert (CW_IS_ADD_ACCOUNT_DIALOG (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i] == row && message != NULL)
        gtk_widget_add_css_class (rows[i], "error");
      else
        gtk_widget_remove_css_class (rows[i], "error");
    }

  if (row == GTK_WIDGET (self->url_row) && message != NULL)
    adw_expander_row_set_expanded (self->advanced_row, TRUE);
  if (row != NULL && message != NULL)
    gtk_widget_grab_focus (row);
}

static void
finish_failed (CwAddAccountDialog *self,
               const char         *message,
               GtkWidget          *row)
{
  g_assert (CW_IS_ADD_ACCOUNT_DIALOG (self));

  set_busy (self, FALSE);
  show_error (self, message, row);
}

/* Why nothing was stored, for a keyring error. */
static char *
describe_keyring_error (const GError *error)
{
  g_autofree char *text = cw_error_describe (error, -1);

  /* Translators: %s says what the keyring answered */
  return g_strdup_printf (_("The key could not be saved in the keyring, so nothing was "
                            "stored (keys are never written in plain text). %s"), text);
}

static void
clear_orphan_key_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!converc_secret_store_clear_finish (CONVERC_SECRET_STORE (object), result, &error))
    g_debug ("The key of an account that was not added stays: %s", error->message);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Adding) adding = user_data;
  CwAddAccountDialog *self = adding->self;
  g_autoptr(GError) error = NULL;

  converc_secret_store_store_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_ADD_ACCOUNT_DIALOG (self));

  if (error != NULL)
    {
      g_autofree char *message = describe_keyring_error (error);

      finish_failed (self, message, NULL);
      return;
    }

  if (self->account != NULL)
    {
      set_busy (self, FALSE);
      g_signal_emit (self, signals[KEY_REPLACED], 0, self->account, adding->api_key);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* The key is in: now the list. The name is checked again (another
   * window or the command line may have taken it meanwhile). */
  if (!converc_account_store_insert (self->accounts, adding->account, &error))
    {
      converc_secret_store_clear_async (self->secret_store,
                                        converc_account_get_secret_scope (adding->account),
                                        NULL, NULL, clear_orphan_key_cb, NULL);
      finish_failed (self, error->message, GTK_WIDGET (self->label_row));
      return;
    }

  set_busy (self, FALSE);
  g_signal_emit (self, signals[ACCOUNT_ADDED], 0, adding->account);
  gtk_window_close (GTK_WINDOW (self));
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Adding) adding = user_data;
  CwAddAccountDialog *self = adding->self;
  ConvercClient *client = CONVERC_CLIENT (object);
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;

  webhooks = converc_client_list_webhooks_finish (client, result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_ADD_ACCOUNT_DIALOG (self));

  if (webhooks == NULL)
    {
      g_autofree char *message = NULL;
      GtkWidget *row = NULL;

      if (g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_UNAUTHORIZED))
        {
          message = g_strdup (_("The server refused this API key. Nothing was saved. Copy "
                                "the key again from the Converc dashboard (Settings → "
                                "Integrations → API Keys)."));
          row = GTK_WIDGET (self->key_row);
        }
      else if (g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_FORBIDDEN))
        {
          message = g_strdup (_("This API key may not list webhook endpoints. Nothing was "
                                "saved. Use a key with access to webhooks."));
          row = GTK_WIDGET (self->key_row);
        }
      else
        {
          g_autofree char *text = cw_error_describe (error,
                                                     converc_client_get_retry_after (client));

          /* Translators: %s says why the server could not be asked */
          message = g_strdup_printf (_("The key could not be checked, so nothing was saved. "
                                       "%s"), text);
          if (g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_NETWORK) ||
              g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_TLS) ||
              g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_NOT_FOUND))
            row = GTK_WIDGET (self->url_row);
        }

      finish_failed (self, message, row);
      return;
    }

  if (self->secret_store == NULL)
    {
      finish_failed (self, _("No keyring is available, so nothing was saved (keys are "
                             "never written in plain text)."), NULL);
      return;
    }

  converc_secret_store_store_async (self->secret_store,
                                    converc_account_get_secret_scope (adding->account),
                                    NULL,
                                    adding->api_key,
                                    self->cancellable,
                                    store_cb,
                                    adding);
  adding = NULL;
}

static void
add_cb (CwAddAccountDialog *self)
{
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *url = NULL;
  g_autofree char *api_key = NULL;
  Adding *adding;

  g_assert (CW_IS_ADD_ACCOUNT_DIALOG (self));

  if (self->busy)
    return;

  if (self->account == NULL)
    {
      label = cw_account_check_label (self->accounts,
                                      gtk_editable_get_text (GTK_EDITABLE (self->label_row)),
                                      NULL, &error);
      if (label == NULL)
        {
          show_error (self, error->message, GTK_WIDGET (self->label_row));
          return;
        }

      url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
      if (url[0] == '\0')
        {
          g_free (url);
          url = g_strdup (CONVERC_DEFAULT_BASE_URL);
        }
      if (strlen (url) > CONVERC_MAX_URL_LENGTH)
        {
          g_autofree char *message =
            g_strdup_printf (_("The base URL is longer than %d characters."),
                             CONVERC_MAX_URL_LENGTH);

          show_error (self, message, GTK_WIDGET (self->url_row));
          return;
        }
      if (!converc_validate_base_url (url, &error))
        {
          show_error (self, error->message, GTK_WIDGET (self->url_row));
          return;
        }
    }
  else
    url = g_strdup (converc_account_get_base_url (self->account));

  api_key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  if (api_key[0] == '\0')
    {
      show_error (self, _("Enter an API key."), GTK_WIDGET (self->key_row));
      return;
    }
  if (!converc_validate_api_key (api_key, &error))
    {
      show_error (self, error->message, GTK_WIDGET (self->key_row));
      return;
    }

  show_error (self, NULL, NULL);
  set_busy (self, TRUE);

  adding = g_new0 (Adding, 1);
  adding->self = self;
  adding->api_key = g_steal_pointer (&api_key);
  adding->account = self->account != NULL ? g_object_ref (self->account)
                                          : converc_account_new_generated (label, url);

  /* A cheap authenticated request: the endpoint list. */
  client = converc_client_new (url, adding->api_key);
  converc_client_list_webhooks_async (client, self->cancellable, check_cb, adding);
}

static void
changed_cb (CwAddAccountDialog *self)
{
  g_assert (CW_IS_ADD_ACCOUNT_DIALOG (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    show_error (self, NULL, NULL);
}

static void
cw_add_account_dialog_dispose (GObject *object)
{
  CwAddAccountDialog *self = (CwAddAccountDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->accounts);
  g_clear_object (&self->secret_store);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (cw_add_account_dialog_parent_class)->dispose (object);
}

static void
cw_add_account_dialog_class_init (CwAddAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_add_account_dialog_dispose;

  signals[ACCOUNT_ADDED] =
    g_signal_new ("account-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CONVERC_TYPE_ACCOUNT);
  signals[KEY_REPLACED] =
    g_signal_new ("key-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, CONVERC_TYPE_ACCOUNT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/converc/Webhooks/ui/cw-add-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwAddAccountDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, CwAddAccountDialog, add_label);
  gtk_widget_class_bind_template_child (widget_class, CwAddAccountDialog, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, CwAddAccountDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, CwAddAccountDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwAddAccountDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, CwAddAccountDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, CwAddAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CwAddAccountDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, CwAddAccountDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_add_account_dialog_init (CwAddAccountDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), CONVERC_DEFAULT_BASE_URL);
  set_busy (self, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add"),
                                  -1);
}

char *
cw_account_check_label (ConvercAccountStore  *accounts,
                        const char           *label,
                        ConvercAccount       *except,
                        GError              **error)
{
  g_autofree char *clean = NULL;
  ConvercAccount *other;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (accounts), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  clean = converc_account_clean_label (label);
  if (clean[0] == '\0')
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("Give the organisation a name."));
      return NULL;
    }

  if (g_utf8_strlen (clean, -1) > CW_ACCOUNT_LABEL_MAX)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                   _("The name is longer than %d characters. Choose a shorter one."),
                   CW_ACCOUNT_LABEL_MAX);
      return NULL;
    }

  other = converc_account_store_lookup (accounts, clean);
  if (other != NULL && other != except)
    {
      g_set_error_literal (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT,
                           _("Another organisation already has this name. Two organisations "
                             "may use the same server, but each needs its own name."));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

CwAddAccountDialog *
cw_add_account_dialog_new (ConvercAccountStore *accounts,
                           ConvercSecretStore  *secret_store)
{
  CwAddAccountDialog *self;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (accounts), NULL);
  g_return_val_if_fail (!secret_store || CONVERC_IS_SECRET_STORE (secret_store), NULL);

  self = g_object_new (CW_TYPE_ADD_ACCOUNT_DIALOG, NULL);
  self->accounts = g_object_ref (accounts);
  g_set_object (&self->secret_store, secret_store);

  return self;
}

CwAddAccountDialog *
cw_add_account_dialog_new_replace_key (ConvercAccountStore *accounts,
                                       ConvercSecretStore  *secret_store,
                                       ConvercAccount      *account)
{
  CwAddAccountDialog *self;
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT (account), NULL);

  self = cw_add_account_dialog_new (accounts, secret_store);
  self->account = g_object_ref (account);

  shown = cw_account_short_label (converc_account_get_label (account));
  gtk_window_set_title (GTK_WINDOW (self), _("Replace API Key"));
  adw_window_title_set_title (self->window_title, _("Replace API Key"));
  /* Translators: %s is an organisation's name, %s its server */
  text = g_strdup_printf (_("The new API key for “%s” (%s) is checked with the server "
                            "before it replaces the one in your keyring."),
                          shown, converc_account_get_base_url (account));
  gtk_label_set_text (self->description_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->label_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->advanced_row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Replace"),
                                  -1);
  set_busy (self, FALSE);

  return self;
}
