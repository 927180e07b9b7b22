/* cw-manage-accounts-window.c
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

/* The one concern of this file: the Manage Organisations window — a row
 * per account to rename, recolour, mark as production, replace the key
 * of, or remove (after one confirmation naming it, and a second about its
 * signing secrets when it has some). */

#define G_LOG_DOMAIN "cw-manage-accounts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-manage-accounts-window-private.h"

#include "cw-account-badge.h"
#include "cw-error-text.h"
#include "cw-toast.h"

struct _CwManageAccountsWindow
{
  AdwWindow            parent_instance;

  ConvercAccountStore *accounts;
  ConvercSecretStore  *secret_store;
  GCancellable        *cancellable;

  /* The confirmation or Replace Key dialog on screen (weak) */
  AdwMessageDialog    *dialog;
  CwAddAccountDialog  *key_dialog;

  /* Template widgets */
  GtkLabel            *empty_label;
  GtkListBox          *list;
  AdwToastOverlay     *toast_overlay;

  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (CwManageAccountsWindow, cw_manage_accounts_window, ADW_TYPE_WINDOW)

enum {
  ACCOUNT_REMOVED,
  KEY_REPLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One removal: the account and, once counted, its secrets. */
typedef struct
{
  CwManageAccountsWindow *self;
  ConvercAccount         *account;
  int                     n_secrets;
} Removing;

static void
removing_free (Removing *removing)
{
  g_clear_object (&removing->account);
  g_free (removing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Removing, removing_free)

/* The palette's names as people read them. */
static const char *
color_display_name (const char *color)
{
  static const struct { const char *id; const char *name; } names[] = {
    { "blue", N_("Blue") }, { "teal", N_("Teal") }, { "green", N_("Green") },
    { "yellow", N_("Yellow") }, { "orange", N_("Orange") }, { "red", N_("Red") },
    { "purple", N_("Purple") }, { "slate", N_("Slate") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].id, color))
      return _(names[i].name);

  return color;
}

static void
add_toast (CwManageAccountsWindow *self,
           const char             *title)
{
  AdwToast *toast;

  g_assert (CW_IS_MANAGE_ACCOUNTS_WINDOW (self));

  toast = cw_toast_new (title);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static CwManageAccountsWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return CW_IS_MANAGE_ACCOUNTS_WINDOW (root) ? CW_MANAGE_ACCOUNTS_WINDOW (root) : NULL;
}

static void
set_color_class (GtkWidget  *widget,
                 const char *color)
{
  const char * const *palette = converc_account_get_palette ();

  for (guint i = 0; palette[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("account-%s", palette[i]);

      if (g_strcmp0 (palette[i], color) == 0)
        gtk_widget_add_css_class (widget, name);
      else
        gtk_widget_remove_css_class (widget, name);
    }
}

static GtkWidget *
new_dot (const char *color)
{
  GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (dot, "account-dot");
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (dot, GTK_ALIGN_CENTER);
  set_color_class (dot, color);

  return dot;
}

/* The row follows its account (renamed here, elsewhere, or by the CLI). */
static void
row_update (GtkWidget      *row,
            GParamSpec     *pspec,
            ConvercAccount *account)
{
  const char * const *palette = converc_account_get_palette ();
  g_autofree char *shown = cw_account_short_label (converc_account_get_label (account));
  GtkWidget *name_row = g_object_get_data (G_OBJECT (row), "cw-name-row");
  GtkSwitch *production = g_object_get_data (G_OBJECT (row), "cw-production");
  gboolean is_production = converc_account_get_production (account);

  g_assert (ADW_IS_EXPANDER_ROW (row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), converc_account_get_base_url (account));
  set_color_class (g_object_get_data (G_OBJECT (row), "cw-dot"),
                   converc_account_get_color (account));
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "cw-production-tag"),
                          is_production);
  if (gtk_switch_get_active (production) != is_production)
    gtk_switch_set_active (production, is_production);

  /* The name field keeps what is being typed; it follows otherwise. */
  if (!gtk_widget_has_css_class (name_row, "error") &&
      g_strcmp0 (g_object_get_data (G_OBJECT (name_row), "cw-shown"),
                 converc_account_get_label (account)) != 0)
    {
      g_object_set_data_full (G_OBJECT (name_row), "cw-shown",
                              g_strdup (converc_account_get_label (account)), g_free);
      gtk_editable_set_text (GTK_EDITABLE (name_row), converc_account_get_label (account));
    }

  for (guint i = 0; palette[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat ("cw-color-", palette[i], NULL);
      GtkToggleButton *swatch = g_object_get_data (G_OBJECT (row), key);
      gboolean active = g_str_equal (palette[i], converc_account_get_color (account));

      if (gtk_toggle_button_get_active (swatch) != active)
        gtk_toggle_button_set_active (swatch, active);
    }
}

static ConvercAccount *
account_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "cw-account");
}

static void
name_apply_cb (AdwEntryRow *name_row,
               gpointer     unused)
{
  CwManageAccountsWindow *self = window_of (GTK_WIDGET (name_row));
  ConvercAccount *account = account_of (GTK_WIDGET (name_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (self == NULL || account == NULL)
    return;

  /* Enter can come as "apply" and as "entry-activated": once is enough,
   * and a name refused stays refused until it is edited. */
  if (gtk_widget_has_css_class (GTK_WIDGET (name_row), "error") ||
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (name_row)),
                 converc_account_get_label (account)) == 0)
    return;

  label = cw_account_check_label (self->accounts, gtk_editable_get_text (GTK_EDITABLE (name_row)),
                                  account, &error);
  if (label == NULL ||
      !converc_account_store_rename (self->accounts, converc_account_get_id (account), label,
                                     &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (name_row), "error");
      add_toast (self, error->message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (name_row), "error");
  /* The cleaned name. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (name_row)), label) != 0)
    gtk_editable_set_text (GTK_EDITABLE (name_row), label);
}

static void
name_changed_cb (AdwEntryRow *name_row,
                 gpointer     unused)
{
  gtk_widget_remove_css_class (GTK_WIDGET (name_row), "error");
}

static void
swatch_toggled_cb (GtkToggleButton *swatch,
                   gpointer         unused)
{
  CwManageAccountsWindow *self = window_of (GTK_WIDGET (swatch));
  ConvercAccount *account = account_of (GTK_WIDGET (swatch));
  const char *color = g_object_get_data (G_OBJECT (swatch), "cw-color");
  g_autoptr(GError) error = NULL;

  if (self == NULL || account == NULL || !gtk_toggle_button_get_active (swatch) ||
      g_strcmp0 (converc_account_get_color (account), color) == 0)
    return;

  if (!converc_account_store_recolor (self->accounts, converc_account_get_id (account), color,
                                      &error))
    add_toast (self, error->message);
}

static void
production_cb (GtkSwitch  *production,
               GParamSpec *pspec,
               gpointer    unused)
{
  ConvercAccount *account = account_of (GTK_WIDGET (production));

  if (account != NULL &&
      converc_account_get_production (account) != gtk_switch_get_active (production))
    converc_account_set_production (account, gtk_switch_get_active (production));
}

static void
key_replaced_cb (CwManageAccountsWindow *self,
                 ConvercAccount         *account,
                 const char             *api_key,
                 CwAddAccountDialog     *dialog)
{
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;

  g_assert (CW_IS_MANAGE_ACCOUNTS_WINDOW (self));

  shown = cw_account_short_label (converc_account_get_label (account));
  /* Translators: %s is an organisation's name */
  message = g_strdup_printf (_("The new API key for “%s” is checked and saved."), shown);
  add_toast (self, message);
  g_signal_emit (self, signals[KEY_REPLACED], 0, account, api_key);
}

static void
replace_key_cb (GtkButton *button,
                gpointer   unused)
{
  CwManageAccountsWindow *self = window_of (GTK_WIDGET (button));
  ConvercAccount *account = account_of (GTK_WIDGET (button));
  CwAddAccountDialog *dialog;

  if (self == NULL || account == NULL)
    return;

  dialog = cw_add_account_dialog_new_replace_key (self->accounts, self->secret_store, account);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "key-replaced", G_CALLBACK (key_replaced_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->key_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Removing) removing = user_data;
  CwManageAccountsWindow *self = removing->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;

  converc_account_remove_finish (CONVERC_ACCOUNT_STORE (object), result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_MANAGE_ACCOUNTS_WINDOW (self));

  self->busy = FALSE;
  shown = cw_account_short_label (converc_account_get_label (removing->account));
  if (error != NULL)
    {
      g_autofree char *text = cw_error_describe (error, -1);

      /* Translators: %s is an organisation's name, then why */
      message = g_strdup_printf (_("“%s” was not removed and stays listed. %s"), shown, text);
      add_toast (self, message);
      return;
    }

  message = g_strdup_printf (_("“%s” was removed from this computer."), shown);
  add_toast (self, message);
  g_signal_emit (self, signals[ACCOUNT_REMOVED], 0, removing->account);
}

static void
remove_now (Removing                   *removing,
            ConvercAccountRemovalFlags  flags)
{
  CwManageAccountsWindow *self = removing->self;

  g_assert (CW_IS_MANAGE_ACCOUNTS_WINDOW (self));

  converc_account_remove_async (self->accounts, self->secret_store, removing->account, flags,
                                self->cancellable, remove_done_cb, removing);
}

static void
secrets_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Removing *removing = user_data;
  CwManageAccountsWindow *self = removing->self;

  g_assert (CW_IS_MANAGE_ACCOUNTS_WINDOW (self));

  if (g_strcmp0 (response, "delete") == 0)
    remove_now (removing, CONVERC_ACCOUNT_REMOVAL_DELETE_SECRETS);
  else if (g_strcmp0 (response, "keep") == 0)
    remove_now (removing, CONVERC_ACCOUNT_REMOVAL_NONE);
  else
    {
      self->busy = FALSE;
      removing_free (removing);
    }
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Removing) removing = user_data;
  CwManageAccountsWindow *self = removing->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  int n;

  n = converc_account_count_secrets_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_MANAGE_ACCOUNTS_WINDOW (self));

  shown = cw_account_short_label (converc_account_get_label (removing->account));
  if (n < 0)
    {
      g_autofree char *text = cw_error_describe (error, -1);
      g_autofree char *message =
        g_strdup_printf (_("“%s” was not removed and stays listed. %s"), shown, text);

      self->busy = FALSE;
      add_toast (self, message);
      return;
    }

  if (n == 0)
    {
      remove_now (g_steal_pointer (&removing), CONVERC_ACCOUNT_REMOVAL_NONE);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” has %d signing secret stored on this computer "
                                       "(to check its deliveries). Keep it if you may add "
                                       "this organisation again.",
                                       "“%s” has %d signing secrets stored on this computer "
                                       "(to check its deliveries). Keep them if you may add "
                                       "this organisation again.", n),
                          shown, n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       g_dngettext (GETTEXT_PACKAGE,
                                                                    "Also Delete Its Signing Secret?",
                                                                    "Also Delete Its Signing Secrets?",
                                                                    n),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Them"),
                                    "keep", _("_Keep Them"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "cancel");
  removing->n_secrets = n;
  g_signal_connect (dialog, "response", G_CALLBACK (secrets_response_cb),
                    g_steal_pointer (&removing));
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Removing *removing = user_data;
  CwManageAccountsWindow *self = removing->self;

  g_assert (CW_IS_MANAGE_ACCOUNTS_WINDOW (self));

  if (g_strcmp0 (response, "remove") != 0)
    {
      self->busy = FALSE;
      removing_free (removing);
      return;
    }

  converc_account_count_secrets_async (self->secret_store, removing->account,
                                       self->cancellable, count_cb, removing);
}

static void
remove_cb (GtkButton *button,
           gpointer   unused)
{
  CwManageAccountsWindow *self = window_of (GTK_WIDGET (button));
  ConvercAccount *account = account_of (GTK_WIDGET (button));
  g_autofree char *shown = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Removing *removing;

  if (self == NULL || account == NULL || self->busy)
    return;

  if (self->secret_store == NULL)
    {
      add_toast (self, _("No keyring is available: nothing can be removed from it now."));
      return;
    }

  shown = cw_account_short_label (converc_account_get_label (account));
  /* Translators: %s is an organisation's name */
  heading = g_strdup_printf (_("Remove “%s”?"), shown);
  body = g_strdup_printf (_("Remove “%s” from this computer? Its API key and its event "
                            "history on this computer are deleted."), shown);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  removing = g_new0 (Removing, 1);
  removing->self = self;
  removing->account = g_object_ref (account);
  self->busy = TRUE;
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), removing);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
new_button_row (ConvercAccount *account,
                const char     *title,
                const char     *subtitle,
                const char     *button_label,
                const char     *button_class,
                GCallback       callback,
                GtkWidget     **button_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (button_label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (button_class != NULL)
    gtk_widget_add_css_class (button, button_class);
  g_object_set_data (G_OBJECT (button), "cw-account", account);
  g_signal_connect (button, "clicked", callback, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  *button_out = button;

  return row;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ConvercAccount *account = item;
  const char * const *palette = converc_account_get_palette ();
  GtkWidget *row, *dot, *tag, *name_row, *color_row, *swatches, *production_row;
  GtkWidget *production, *key_row, *remove_row, *button;
  GtkToggleButton *group = NULL;

  g_assert (CONVERC_IS_ACCOUNT (account));

  row = adw_expander_row_new ();
  /* Names and addresses are shown as typed, never as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "cw-account", g_object_ref (account), g_object_unref);

  dot = new_dot (converc_account_get_color (account));
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), dot);
  tag = gtk_label_new (_("Production"));
  gtk_widget_add_css_class (tag, "account-production-tag");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), tag);
  g_object_set_data (G_OBJECT (row), "cw-dot", dot);
  g_object_set_data (G_OBJECT (row), "cw-production-tag", tag);

  /* Name */
  name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name_row), TRUE);
  g_object_set_data (G_OBJECT (name_row), "cw-account", account);
  g_signal_connect (name_row, "apply", G_CALLBACK (name_apply_cb), NULL);
  g_signal_connect (name_row, "entry-activated", G_CALLBACK (name_apply_cb), NULL);
  g_signal_connect (name_row, "changed", G_CALLBACK (name_changed_cb), NULL);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), name_row);
  g_object_set_data (G_OBJECT (row), "cw-name-row", name_row);

  /* Colour: the badge's palette */
  color_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (color_row), _("Colour"));
  swatches = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_valign (swatches, GTK_ALIGN_CENTER);
  for (guint i = 0; palette[i] != NULL; i++)
    {
      GtkWidget *swatch = gtk_toggle_button_new ();
      g_autofree char *key = g_strconcat ("cw-color-", palette[i], NULL);

      gtk_button_set_child (GTK_BUTTON (swatch), new_dot (palette[i]));
      gtk_widget_add_css_class (swatch, "flat");
      gtk_widget_add_css_class (swatch, "circular");
      gtk_widget_set_tooltip_text (swatch, color_display_name (palette[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (swatch),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      color_display_name (palette[i]),
                                      -1);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (swatch), group);
      else
        group = GTK_TOGGLE_BUTTON (swatch);
      g_object_set_data (G_OBJECT (swatch), "cw-account", account);
      g_object_set_data (G_OBJECT (swatch), "cw-color", (gpointer) palette[i]);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (swatch),
                                    g_str_equal (palette[i], converc_account_get_color (account)));
      g_signal_connect (swatch, "toggled", G_CALLBACK (swatch_toggled_cb), NULL);
      gtk_box_append (GTK_BOX (swatches), swatch);
      g_object_set_data (G_OBJECT (row), key, swatch);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (color_row), swatches);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), color_row);

  /* Production */
  production_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (production_row), _("Production"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (production_row),
                               _("Its badge stands out, so that it is never taken for another."));
  production = gtk_switch_new ();
  gtk_widget_set_valign (production, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (production), converc_account_get_production (account));
  g_object_set_data (G_OBJECT (production), "cw-account", account);
  g_signal_connect (production, "notify::active", G_CALLBACK (production_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (production_row), production);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (production_row), production);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), production_row);
  g_object_set_data (G_OBJECT (row), "cw-production", production);

  /* Key and removal */
  key_row = new_button_row (account, _("API Key"), _("Kept in your keyring"),
                            _("_Replace Key…"), NULL, G_CALLBACK (replace_key_cb), &button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), key_row);
  g_object_set_data (G_OBJECT (row), "cw-replace-key", button);
  remove_row = new_button_row (account, _("Remove from This Computer"),
                               _("Deletes its API key and its event history here"),
                               _("_Remove…"), "destructive-action", G_CALLBACK (remove_cb),
                               &button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);
  g_object_set_data (G_OBJECT (row), "cw-remove", button);

  row_update (row, NULL, account);
  g_signal_connect_object (account, "notify", G_CALLBACK (row_update), row, G_CONNECT_SWAPPED);

  return row;
}

static void
items_changed_cb (CwManageAccountsWindow *self)
{
  g_assert (CW_IS_MANAGE_ACCOUNTS_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label),
                          g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) == 0);
}

static void
cw_manage_accounts_window_dispose (GObject *object)
{
  CwManageAccountsWindow *self = (CwManageAccountsWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_weak_pointer (&self->dialog);
  g_clear_weak_pointer (&self->key_dialog);
  g_clear_object (&self->accounts);
  g_clear_object (&self->secret_store);

  G_OBJECT_CLASS (cw_manage_accounts_window_parent_class)->dispose (object);
}

static void
cw_manage_accounts_window_class_init (CwManageAccountsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_manage_accounts_window_dispose;

  signals[ACCOUNT_REMOVED] =
    g_signal_new ("account-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CONVERC_TYPE_ACCOUNT);
  signals[KEY_REPLACED] =
    g_signal_new ("key-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, CONVERC_TYPE_ACCOUNT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/converc/Webhooks/ui/cw-manage-accounts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwManageAccountsWindow, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CwManageAccountsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, CwManageAccountsWindow, toast_overlay);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cw_manage_accounts_window_init (CwManageAccountsWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

CwManageAccountsWindow *
cw_manage_accounts_window_new (ConvercAccountStore *accounts,
                               ConvercSecretStore  *secret_store)
{
  CwManageAccountsWindow *self;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT_STORE (accounts), NULL);
  g_return_val_if_fail (!secret_store || CONVERC_IS_SECRET_STORE (secret_store), NULL);

  self = g_object_new (CW_TYPE_MANAGE_ACCOUNTS_WINDOW, NULL);
  self->accounts = g_object_ref (accounts);
  g_set_object (&self->secret_store, secret_store);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (accounts), create_row, NULL, NULL);
  g_signal_connect_object (accounts, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  items_changed_cb (self);

  return self;
}

GtkWidget *
_cw_manage_accounts_window_get_row (CwManageAccountsWindow *self,
                                    guint                   position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CW_IS_MANAGE_ACCOUNTS_WINDOW (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list, position);

  return row != NULL ? GTK_WIDGET (row) : NULL;
}

AdwMessageDialog *
_cw_manage_accounts_window_get_dialog (CwManageAccountsWindow *self)
{
  g_return_val_if_fail (CW_IS_MANAGE_ACCOUNTS_WINDOW (self), NULL);

  return self->dialog;
}

CwAddAccountDialog *
_cw_manage_accounts_window_get_key_dialog (CwManageAccountsWindow *self)
{
  g_return_val_if_fail (CW_IS_MANAGE_ACCOUNTS_WINDOW (self), NULL);

  return self->key_dialog;
}

gboolean
_cw_manage_accounts_window_is_busy (CwManageAccountsWindow *self)
{
  g_return_val_if_fail (CW_IS_MANAGE_ACCOUNTS_WINDOW (self), FALSE);

  return self->busy;
}
