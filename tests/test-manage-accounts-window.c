/* test-manage-accounts-window.c
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

/* The one concern of this file: Manage Organisations lists every account
 * as typed and bounded, renames (checked), recolours and marks production
 * so that the badge follows, and removes after one confirmation naming the
 * organisation, or two when it has signing secrets. */

#define G_LOG_DOMAIN "test-manage-accounts-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "converc.h"
#include "cw-account-badge.h"
#include "cw-manage-accounts-window-private.h"
#include "cw-test-spy-store.h"
#include "cw-test-utils.h"

#define URL "https://api.converc.com"

typedef struct
{
  ConvercAccountStore    *accounts;
  CwTestSpyStore         *secrets;
  ConvercAccount         *production;
  ConvercAccount         *staging;
  CwManageAccountsWindow *window;
  ConvercAccount         *removed;
} Fixture;

static void
removed_cb (CwManageAccountsWindow  *window,
            ConvercAccount          *account,
            Fixture                 *f)
{
  g_assert_null (f->removed);
  f->removed = g_object_ref (account);
}

static void
write_journal (ConvercAccount *account)
{
  g_autofree char *path = converc_journal_dup_path_for_scope (converc_account_get_id (account));
  g_autofree char *dir = g_path_get_dirname (path);
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_assert_true (g_file_set_contents (file, "x", -1, NULL));
    }
}

static gboolean
journal_exists (ConvercAccount *account)
{
  g_autofree char *path = converc_journal_dup_path_for_scope (converc_account_get_id (account));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (wal, G_FILE_TEST_EXISTS) ||
         g_file_test (shm, G_FILE_TEST_EXISTS);
}

static char *
lookup (Fixture        *f,
        ConvercAccount *account,
        const char     *webhook_id)
{
  return converc_secret_store_lookup_sync (CONVERC_SECRET_STORE (f->secrets),
                                           converc_account_get_id (account), webhook_id, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ConvercSecretStore *secrets;
  g_autoptr(GError) error = NULL;

  f->accounts = converc_account_store_new (NULL);
  f->secrets = cw_test_spy_store_new ();
  secrets = CONVERC_SECRET_STORE (f->secrets);
  /* Held here too: a removed account is still asked about. */
  f->production = g_object_ref (converc_account_store_add (f->accounts, "Acme — Production",
                                                           URL, &error));
  g_assert_no_error (error);
  f->staging = g_object_ref (converc_account_store_add (f->accounts, "Acme — Staging", URL,
                                                        &error));
  g_assert_no_error (error);
  g_assert_true (converc_secret_store_store_sync (secrets, converc_account_get_id (f->production),
                                                  NULL, "key-p", NULL));
  g_assert_true (converc_secret_store_store_sync (secrets, converc_account_get_id (f->staging),
                                                  NULL, "key-s", NULL));
  write_journal (f->production);
  write_journal (f->staging);

  f->window = cw_manage_accounts_window_new (f->accounts, secrets);
  g_object_ref (f->window);
  g_signal_connect (f->window, "account-removed", G_CALLBACK (removed_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  g_clear_object (&f->removed);
  g_clear_object (&f->production);
  g_clear_object (&f->staging);
  g_clear_object (&f->secrets);
  g_clear_object (&f->accounts);
}

static GtkWidget *
row_control (Fixture    *f,
             guint       position,
             const char *name)
{
  GtkWidget *row = _cw_manage_accounts_window_get_row (f->window, position);

  g_assert_nonnull (row);
  return g_object_get_data (G_OBJECT (row), name);
}

/* A label anywhere under @root whose text (after any markup) is @text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every account, as typed (no markup), bounded however long its name. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *long_label = g_strnfill (2000, 'w');
  g_autofree char *shown = NULL;
  GtkWidget *row;
  int natural = 0;

  converc_account_set_label (f->staging, long_label);
  converc_account_set_label (f->production, "<b>Acme</b> & Co");
  converc_account_set_production (f->production, TRUE);

  row = _cw_manage_accounts_window_get_row (f->window, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "<b>Acme</b> & Co");
  g_assert_nonnull (find_label (row, "<b>Acme</b> & Co"));
  g_assert_nonnull (find_label (row, URL));
  g_assert_true (gtk_widget_get_visible (row_control (f, 0, "cw-production-tag")));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (row_control (f, 0, "cw-production"))));
  g_assert_false (gtk_widget_get_visible (row_control (f, 1, "cw-production-tag")));
  g_assert_null (_cw_manage_accounts_window_get_row (f->window, 2));

  row = _cw_manage_accounts_window_get_row (f->window, 1);
  shown = cw_account_short_label (long_label);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, shown);
  g_assert_cmpuint (g_utf8_strlen (shown, -1), <=, 65);
  /* The name field holds the whole name. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_control (f, 1, "cw-name-row"))),
                   ==, long_label);

  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &natural, NULL, NULL);
  g_test_message ("natural width with a 2,000-character name: %d", natural);
  g_assert_cmpint (natural, <, 1200);
}

static void
rename_to (Fixture    *f,
           guint       position,
           const char *label)
{
  GtkWidget *name_row = row_control (f, position, "cw-name-row");

  gtk_editable_set_text (GTK_EDITABLE (name_row), label);
  g_signal_emit_by_name (name_row, "apply");
}

/* Rename, recolour, production: checked, saved, and the badge follows. */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  CwAccountBadge *badge = CW_ACCOUNT_BADGE (g_object_ref_sink (cw_account_badge_new ()));
  g_autofree char *long_label = g_strnfill (2000, 'w');
  GtkWidget *name_row = row_control (f, 0, "cw-name-row");
  GtkWidget *button;

  cw_account_badge_set_account (badge, f->production);

  rename_to (f, 0, "<i>Acme</i> — Live");
  g_assert_cmpstr (converc_account_get_label (f->production), ==, "<i>Acme</i> — Live");
  g_assert_cmpstr (cw_account_badge_get_text (badge), ==, "<i>Acme</i> — Live");
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));

  /* Refused: empty, too long, another's name. The name stays. */
  rename_to (f, 0, "  ");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  rename_to (f, 0, long_label);
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  rename_to (f, 0, "acme — staging");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_cmpstr (converc_account_get_label (f->production), ==, "<i>Acme</i> — Live");
  g_assert_cmpstr (cw_account_badge_get_text (badge), ==, "<i>Acme</i> — Live");

  /* A colour swatch. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row_control (f, 0, "cw-color-red")), TRUE);
  g_assert_cmpstr (converc_account_get_color (f->production), ==, "red");
  g_assert_false (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (row_control (f, 0, "cw-color-blue"))));
  /* Changed elsewhere: the swatches follow. */
  converc_account_set_color (f->production, "teal");
  g_assert_true (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (row_control (f, 0, "cw-color-teal"))));

  /* Production: the badge stands out. */
  button = GTK_WIDGET (cw_account_badge_get_button (badge));
  g_assert_false (gtk_widget_has_css_class (button, "production"));
  gtk_switch_set_active (GTK_SWITCH (row_control (f, 0, "cw-production")), TRUE);
  g_assert_true (converc_account_get_production (f->production));
  g_assert_true (gtk_widget_has_css_class (button, "production"));
  g_assert_true (gtk_widget_get_visible (row_control (f, 0, "cw-production-tag")));

  g_assert_finalize_object (badge);
}

static AdwMessageDialog *
wait_for_dialog (Fixture *f)
{
  AdwMessageDialog *dialog;

  WAIT_FOR ((dialog = _cw_manage_accounts_window_get_dialog (f->window)) != NULL);

  return dialog;
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* No signing secrets: one confirmation, naming it. */
static void
test_remove_one (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *key = NULL;
  AdwMessageDialog *dialog;

  g_signal_emit_by_name (row_control (f, 0, "cw-remove"), "clicked");
  dialog = wait_for_dialog (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “Acme — Production”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Remove “Acme — Production” from this computer? Its API key and its "
                   "event history on this computer are deleted.");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  /* Cancelled: nothing happens. */
  respond (dialog, "cancel");
  g_assert_false (_cw_manage_accounts_window_is_busy (f->window));
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 2);
  key = lookup (f, f->production, NULL);
  g_assert_cmpstr (key, ==, "key-p");
  g_clear_pointer (&key, g_free);

  g_signal_emit_by_name (row_control (f, 0, "cw-remove"), "clicked");
  WAIT_FOR (_cw_manage_accounts_window_get_dialog (f->window) != dialog);
  dialog = wait_for_dialog (f);
  respond (dialog, "remove");
  WAIT_FOR (f->removed != NULL);
  /* No second question. */
  g_assert_null (_cw_manage_accounts_window_get_dialog (f->window));

  g_assert_true (f->removed == f->production);
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 1);
  key = lookup (f, f->production, NULL);
  g_assert_null (key);
  g_assert_false (journal_exists (f->production));
  /* The other stays as it was. */
  key = lookup (f, f->staging, NULL);
  g_assert_cmpstr (key, ==, "key-s");
  g_assert_true (journal_exists (f->staging));
  g_assert_cmpstr (adw_preferences_row_get_title (
    ADW_PREFERENCES_ROW (_cw_manage_accounts_window_get_row (f->window, 0))), ==,
    "Acme — Staging");
}

/* Signing secrets: a second question, keeping them by default. */
static void
test_remove_two (Fixture       *f,
                 gconstpointer  data)
{
  ConvercSecretStore *secrets = CONVERC_SECRET_STORE (f->secrets);
  const char *id_p = converc_account_get_id (f->production);
  const char *id_s = converc_account_get_id (f->staging);
  g_autofree char *value = NULL;
  AdwMessageDialog *first, *second;

  g_assert_true (converc_secret_store_store_sync (secrets, id_p, "wh_1", "whsec_1", NULL));
  g_assert_true (converc_secret_store_store_sync (secrets, id_p, "wh_2", "whsec_2", NULL));
  g_assert_true (converc_secret_store_store_sync (secrets, id_s, "wh_3", "whsec_3", NULL));

  /* Cancelled at the second question: nothing removed. */
  g_signal_emit_by_name (row_control (f, 0, "cw-remove"), "clicked");
  first = wait_for_dialog (f);
  respond (first, "remove");
  WAIT_FOR ((second = _cw_manage_accounts_window_get_dialog (f->window)) != NULL &&
            second != first);
  g_assert_cmpstr (adw_message_dialog_get_heading (second), ==,
                   "Also Delete Its Signing Secrets?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (second),
                            "“Acme — Production” has 2 signing secrets"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (second), ==, "keep");
  respond (second, "cancel");
  g_assert_false (_cw_manage_accounts_window_is_busy (f->window));
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 2);
  value = lookup (f, f->production, NULL);
  g_assert_cmpstr (value, ==, "key-p");
  g_clear_pointer (&value, g_free);

  /* Kept: the account goes, its secrets stay. */
  g_signal_emit_by_name (row_control (f, 0, "cw-remove"), "clicked");
  WAIT_FOR (_cw_manage_accounts_window_get_dialog (f->window) != NULL);
  first = _cw_manage_accounts_window_get_dialog (f->window);
  respond (first, "remove");
  WAIT_FOR ((second = _cw_manage_accounts_window_get_dialog (f->window)) != NULL &&
            second != first);
  respond (second, "keep");
  WAIT_FOR (f->removed != NULL);
  value = lookup (f, f->production, NULL);
  g_assert_null (value);
  value = lookup (f, f->production, "wh_1");
  g_assert_cmpstr (value, ==, "whsec_1");
  g_clear_pointer (&value, g_free);
  g_assert_false (journal_exists (f->production));
  g_clear_object (&f->removed);

  /* Deleted: the other one, with its one secret. */
  g_signal_emit_by_name (row_control (f, 0, "cw-remove"), "clicked");
  WAIT_FOR (_cw_manage_accounts_window_get_dialog (f->window) != NULL);
  first = _cw_manage_accounts_window_get_dialog (f->window);
  g_assert_cmpstr (adw_message_dialog_get_heading (first), ==, "Remove “Acme — Staging”?");
  respond (first, "remove");
  WAIT_FOR ((second = _cw_manage_accounts_window_get_dialog (f->window)) != NULL &&
            second != first);
  g_assert_cmpstr (adw_message_dialog_get_heading (second), ==,
                   "Also Delete Its Signing Secret?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (second), "has 1 signing secret "));
  respond (second, "delete");
  WAIT_FOR (f->removed != NULL);
  value = lookup (f, f->staging, "wh_3");
  g_assert_null (value);
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 0);
  g_assert_false (journal_exists (f->staging));
  /* Production's kept secrets are still there. */
  value = lookup (f, f->production, "wh_2");
  g_assert_cmpstr (value, ==, "whsec_2");
}

/* A locked or absent keyring: the account stays listed with its history. */
static void
test_remove_no_keyring (Fixture       *f,
                        gconstpointer  data)
{
  AdwMessageDialog *dialog;

  f->secrets->absent = TRUE;
  g_signal_emit_by_name (row_control (f, 0, "cw-remove"), "clicked");
  dialog = wait_for_dialog (f);
  respond (dialog, "remove");
  WAIT_FOR (!_cw_manage_accounts_window_is_busy (f->window));
  g_assert_null (f->removed);
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 2);
  g_assert_true (journal_exists (f->production));
  f->secrets->absent = FALSE;
}

/* Replace Key… opens the checked Replace Key form for that account. */
static void
test_replace_key_opens (Fixture       *f,
                        gconstpointer  data)
{
  CwAddAccountDialog *dialog;

  g_signal_emit_by_name (row_control (f, 1, "cw-replace-key"), "clicked");
  WAIT_FOR ((dialog = _cw_manage_accounts_window_get_key_dialog (f->window)) != NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Replace API Key");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("test-manage-accounts-XXXXXX", NULL);

  /* The journals live under the user data folder: a private one. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Under Xvfb with no window manager a hidden dialog's entry gets no
   * focus-out, and GtkText's cursor-blink timer then warns (fatally in a
   * test) that it missed one: the blink is not what these tests check. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

#define ADD(path, func) \
  g_test_add ("/cw/manage-accounts/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("rows", test_rows);
  ADD ("edit", test_edit);
  ADD ("remove-one-confirmation", test_remove_one);
  ADD ("remove-two-confirmations", test_remove_two);
  ADD ("remove-no-keyring", test_remove_no_keyring);
  ADD ("replace-key-opens", test_replace_key_opens);
#undef ADD

  return g_test_run ();
}
