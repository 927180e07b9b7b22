/* test-add-account-dialog.c
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

/* The one concern of this file: Add Organisation (and its Replace Key form)
 * checks the name and server first, the key with the server next, stores
 * nothing for a refused key, an unreachable server or a failing keyring,
 * and adds a second account on one server under another name. */

#define G_LOG_DOMAIN "test-add-account-dialog"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "converc.h"
#include "converc-emulator.h"
#include "cw-add-account-dialog-private.h"
#include "converc-test-utils.h"
#include "cw-test-spy-store.h"
#include "cw-test-utils.h"

typedef struct
{
  ConvercEmulator     *emulator;
  ConvercAccountStore *accounts;
  CwTestSpyStore      *secrets;
  ConvercAccount      *existing;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->emulator = converc_emulator_new (NULL);
  g_assert_true (converc_emulator_start (f->emulator, 0, &error));
  g_assert_no_error (error);
  converc_emulator_seed (f->emulator, 3, 0);
  f->accounts = converc_account_store_new (NULL);
  f->secrets = cw_test_spy_store_new ();
  f->existing = converc_account_store_add (f->accounts, "Acme — Production",
                                           converc_emulator_get_base_url (f->emulator), &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  converc_emulator_stop (f->emulator);
  g_clear_object (&f->emulator);
  g_clear_object (&f->secrets);
  g_clear_object (&f->accounts);
}

static CwAddAccountDialog *
new_dialog (Fixture *f)
{
  CwAddAccountDialog *dialog = cw_add_account_dialog_new (f->accounts,
                                                          CONVERC_SECRET_STORE (f->secrets));

  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
fill (CwAddAccountDialog *dialog,
      const char         *label,
      const char         *url,
      const char         *key)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog->label_row), label);
  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (dialog->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (dialog->key_row), key);
}

static void
click (CwAddAccountDialog *dialog)
{
  g_signal_emit_by_name (dialog->add_button, "clicked");
  WAIT_FOR (!dialog->busy);
}

static const char *
error_text (CwAddAccountDialog *dialog)
{
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));
  return gtk_label_get_text (dialog->error_label);
}

static void
added_cb (CwAddAccountDialog  *dialog,
          ConvercAccount      *account,
          ConvercAccount     **out)
{
  g_assert_null (*out);
  *out = g_object_ref (account);
}

static void
close_dialog (CwAddAccountDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

/* Name and server are checked before anything goes to the server. */
static void
test_fields (Fixture       *f,
             gconstpointer  data)
{
  CwAddAccountDialog *dialog = new_dialog (f);
  const char *url = converc_emulator_get_base_url (f->emulator);
  guint n_requests = converc_emulator_get_n_requests (f->emulator);
  g_autofree char *long_label = g_strnfill (2000, 'x');
  g_autofree char *long_url = NULL;

  /* The default server, the Advanced row closed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->url_row)), ==,
                   "https://api.converc.com");
  g_assert_false (adw_expander_row_get_expanded (dialog->advanced_row));

  fill (dialog, "   ", url, converc_emulator_get_api_key (f->emulator));
  click (dialog);
  g_assert_nonnull (strstr (error_text (dialog), "Give the organisation a name"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog->label_row), "error"));

  fill (dialog, long_label, url, converc_emulator_get_api_key (f->emulator));
  click (dialog);
  g_assert_nonnull (strstr (error_text (dialog), "longer than 200 characters"));

  /* Another account on this very server: allowed, under another name only
   * (case does not count). */
  fill (dialog, "ACME — production", url, converc_emulator_get_api_key (f->emulator));
  click (dialog);
  g_assert_nonnull (strstr (error_text (dialog), "Another organisation already has this name"));

  /* A server that is not https (and not loopback), or too long. */
  fill (dialog, "Acme — Staging", "http://staging.example.com", "key");
  click (dialog);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog->url_row), "error"));
  g_assert_true (adw_expander_row_get_expanded (dialog->advanced_row));
  g_test_message ("http: %s", error_text (dialog));
  long_url = g_strconcat ("https://example.com/", long_label, long_label, NULL);
  fill (dialog, "Acme — Staging", long_url, "key");
  click (dialog);
  g_assert_nonnull (strstr (error_text (dialog), "longer than 2048 characters"));

  /* No key. */
  fill (dialog, "Acme — Staging", url, "");
  click (dialog);
  g_assert_nonnull (strstr (error_text (dialog), "Enter an API key"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog->key_row), "error"));

  /* Typing clears the message. */
  gtk_editable_set_text (GTK_EDITABLE (dialog->key_row), "k");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));

  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, n_requests);
  g_assert_cmpuint (f->secrets->n_calls, ==, 0);
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 1);
  close_dialog (dialog);
}

/* A refused key (401): said, the key field marked, nothing stored. */
static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  CwAddAccountDialog *dialog = new_dialog (f);
  g_autoptr(ConvercAccount) added = NULL;
  guint n_requests = converc_emulator_get_n_requests (f->emulator);

  g_signal_connect (dialog, "account-added", G_CALLBACK (added_cb), &added);
  fill (dialog, "Acme — Staging", converc_emulator_get_base_url (f->emulator), "wrong-key");
  click (dialog);
  g_assert_nonnull (strstr (error_text (dialog), "refused this API key"));
  g_assert_nonnull (strstr (error_text (dialog), "Nothing was saved"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog->key_row), "error"));
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, n_requests + 1);
  g_assert_cmpuint (f->secrets->n_calls, ==, 0);
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 1);
  g_assert_null (added);
  /* The form stays for a correction. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->label_row)), ==,
                   "Acme — Staging");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  close_dialog (dialog);
}

/* Nothing listens: the server is blamed, not the key. */
static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  CwAddAccountDialog *dialog = new_dialog (f);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u",
                                          converc_test_get_unused_port ());

  fill (dialog, "Acme — Staging", url, "a-key-that-may-be-right");
  click (dialog);
  g_test_message ("unreachable: %s", error_text (dialog));
  g_assert_nonnull (strstr (error_text (dialog), "could not be checked, so nothing was saved"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (dialog->key_row), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog->url_row), "error"));
  g_assert_cmpuint (f->secrets->n_calls, ==, 0);
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 1);
  close_dialog (dialog);
}

/* The keyring is locked or absent: said; nothing stored anywhere. */
static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  CwAddAccountDialog *dialog = new_dialog (f);

  f->secrets->absent = TRUE;
  fill (dialog, "Acme — Staging", converc_emulator_get_base_url (f->emulator),
        converc_emulator_get_api_key (f->emulator));
  click (dialog);
  g_test_message ("no keyring: %s", error_text (dialog));
  g_assert_nonnull (strstr (error_text (dialog), "could not be saved in the keyring"));
  g_assert_nonnull (strstr (error_text (dialog), "never written in plain text"));
  g_assert_cmpuint (f->secrets->n_stores, ==, 1);
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 1);
  close_dialog (dialog);

  /* No keyring at all: the same, without trying. */
  dialog = cw_add_account_dialog_new (f->accounts, NULL);
  g_object_ref (dialog);
  fill (dialog, "Acme — Staging", converc_emulator_get_base_url (f->emulator),
        converc_emulator_get_api_key (f->emulator));
  click (dialog);
  g_assert_nonnull (strstr (error_text (dialog), "No keyring is available"));
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 1);
  close_dialog (dialog);
}

/* A second account on the same server, with markup in its name: checked,
 * its key stored under its own id, listed, the dialog closed. */
static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  CwAddAccountDialog *dialog = new_dialog (f);
  g_autoptr(ConvercAccount) added = NULL;
  g_autofree char *stored = NULL;

  g_signal_connect (dialog, "account-added", G_CALLBACK (added_cb), &added);
  fill (dialog, "  <b>Acme</b> — Staging ", converc_emulator_get_base_url (f->emulator),
        converc_emulator_get_api_key (f->emulator));
  g_signal_emit_by_name (dialog->add_button, "clicked");
  g_assert_true (dialog->busy);
  g_assert_cmpstr (gtk_label_get_text (dialog->add_label), ==, "Checking the Key…");
  WAIT_FOR (added != NULL);

  g_assert_cmpstr (converc_account_get_label (added), ==, "<b>Acme</b> — Staging");
  g_assert_cmpstr (converc_account_get_base_url (added), ==,
                   converc_emulator_get_base_url (f->emulator));
  g_assert_true (converc_account_store_lookup_id (f->accounts,
                                                  converc_account_get_id (added)) == added);
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 2);
  stored = converc_secret_store_lookup_sync (CONVERC_SECRET_STORE (f->secrets),
                                             converc_account_get_id (added), NULL, NULL);
  g_assert_cmpstr (stored, ==, converc_emulator_get_api_key (f->emulator));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_finalize_object (dialog);
}

static void
replaced_cb (CwAddAccountDialog  *dialog,
             ConvercAccount      *account,
             const char          *key,
             char               **out)
{
  *out = g_strdup (key);
}

/* Replace Key: a refused key leaves the stored one; a good one replaces it. */
static void
test_replace_key (Fixture       *f,
                  gconstpointer  data)
{
  ConvercSecretStore *secrets = CONVERC_SECRET_STORE (f->secrets);
  const char *id = converc_account_get_id (f->existing);
  CwAddAccountDialog *dialog;
  g_autofree char *replaced = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (converc_secret_store_store_sync (secrets, id, NULL, "old-key", NULL));
  f->secrets->n_stores = 0;

  dialog = cw_add_account_dialog_new_replace_key (f->accounts, secrets, f->existing);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_connect (dialog, "key-replaced", G_CALLBACK (replaced_cb), &replaced);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Replace API Key");
  g_assert_nonnull (strstr (gtk_label_get_text (dialog->description_label),
                            "“Acme — Production”"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->label_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->advanced_row)));

  gtk_editable_set_text (GTK_EDITABLE (dialog->key_row), "wrong-key");
  click (dialog);
  g_assert_nonnull (strstr (error_text (dialog), "refused this API key"));
  g_assert_cmpuint (f->secrets->n_stores, ==, 0);
  stored = converc_secret_store_lookup_sync (secrets, id, NULL, NULL);
  g_assert_cmpstr (stored, ==, "old-key");
  g_clear_pointer (&stored, g_free);

  gtk_editable_set_text (GTK_EDITABLE (dialog->key_row),
                         converc_emulator_get_api_key (f->emulator));
  g_signal_emit_by_name (dialog->add_button, "clicked");
  WAIT_FOR (replaced != NULL);
  g_assert_cmpstr (replaced, ==, converc_emulator_get_api_key (f->emulator));
  stored = converc_secret_store_lookup_sync (secrets, id, NULL, NULL);
  g_assert_cmpstr (stored, ==, converc_emulator_get_api_key (f->emulator));
  g_assert_cmpuint (converc_account_store_get_n_accounts (f->accounts), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_finalize_object (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Under Xvfb with no window manager a hidden dialog's entry gets no
   * focus-out, and GtkText's cursor-blink timer then warns (fatally in a
   * test) that it missed one: the blink is not what these tests check. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

#define ADD(path, func) \
  g_test_add ("/cw/add-account/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("fields", test_fields);
  ADD ("wrong-key", test_wrong_key);
  ADD ("unreachable", test_unreachable);
  ADD ("no-keyring", test_no_keyring);
  ADD ("add", test_add);
  ADD ("replace-key", test_replace_key);
#undef ADD

  return g_test_run ();
}
