/* test-secret-dialog.c
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

/* CwSecretDialog: where the secret is kept, and that it cannot be lost unseen. */

#define G_LOG_DOMAIN "test-secret-dialog"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cw-secret-dialog-private.h"

static void
test_secret_dialog (void)
{
  CwSecretDialog *saved = cw_secret_dialog_new ("s3cr3t", "https://example.com/a",
                                                CW_SECRET_SAVED, NULL);
  CwSecretDialog *failed = cw_secret_dialog_new ("s3cr3t", "https://example.com/a",
                                                 CW_SECRET_SAVE_FAILED, "no Secret Service");
  CwSecretDialog *demo = cw_secret_dialog_new ("s3cr3t", "https://example.com/a",
                                               CW_SECRET_DEMO, NULL);
  GdkClipboard *clipboard;

  g_object_ref (saved);
  g_object_ref (failed);
  g_object_ref (demo);

  g_assert_true (cw_secret_dialog_get_can_close (saved));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (saved->copied_check)));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (saved->status_row)), "Keyring"));

  g_assert_nonnull (strstr (adw_action_row_get_subtitle (demo->status_row), "only in memory"));
  g_assert_true (cw_secret_dialog_get_can_close (demo));

  /* The keyring failed: it cannot be dismissed until the user confirms. */
  gtk_window_present (GTK_WINDOW (failed));
  g_assert_false (cw_secret_dialog_get_can_close (failed));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (failed->copied_check)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (failed->done_button)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (failed->status_row), "no Secret Service"));
  gtk_window_close (GTK_WINDOW (failed));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (failed)));

  /* Copy Secret puts it on the clipboard. */
  g_signal_emit_by_name (failed->copy_button, "clicked");
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (failed));
  g_assert_true (gdk_clipboard_is_local (clipboard));

  gtk_check_button_set_active (failed->copied_check, TRUE);
  g_assert_true (cw_secret_dialog_get_can_close (failed));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (failed->done_button)));
  gtk_window_close (GTK_WINDOW (failed));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (failed)));

  gtk_window_destroy (GTK_WINDOW (saved));
  gtk_window_destroy (GTK_WINDOW (demo));
  g_assert_finalize_object (saved);
  g_assert_finalize_object (failed);
  g_assert_finalize_object (demo);
}

static gboolean
hyphens_off (PangoAttribute *attr,
             gpointer        user_data)
{
  if (attr->klass->type == PANGO_ATTR_INSERT_HYPHENS && !((PangoAttrInt *) attr)->value)
    *(gboolean *) user_data = TRUE;
  return FALSE;
}

/* A long secret laid out narrow wraps, and Pango inserts no hyphen where
 * it breaks it: the secret read from the screen is the secret. */
static void
test_secret_no_hyphens (void)
{
  const char *secret = "whsec_8f3b390b2b0fc0c6a1d94e7720b5c3e9f1a2b3c4d5e6f708192a3b4c5d6e7f80";
  CwSecretDialog *dialog = cw_secret_dialog_new (secret, "https://example.com/a",
                                                 CW_SECRET_SAVED, NULL);
  PangoLayout *layout;
  PangoAttrList *attrs;
  gboolean off = FALSE;

  g_object_ref (dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 500);
  gtk_window_present (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpstr (gtk_label_get_text (dialog->secret_label), ==, secret);
  layout = gtk_label_get_layout (dialog->secret_label);
  g_assert_cmpstr (pango_layout_get_text (layout), ==, secret);
  /* It does wrap at this width, so breaking matters. */
  g_assert_cmpint (pango_layout_get_line_count (layout), >, 1);
  attrs = pango_layout_get_attributes (layout);
  g_assert_nonnull (attrs);
  pango_attr_list_filter (attrs, hyphens_off, &off);
  g_assert_true (off);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/widgets/secret-dialog", test_secret_dialog);
  g_test_add_func ("/cw/widgets/secret-no-hyphens", test_secret_no_hyphens);

  return g_test_run ();
}
