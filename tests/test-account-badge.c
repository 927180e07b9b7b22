/* test-account-badge.c
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

/* The one concern of this file: CwAccountBadge shows the account as typed
 * (never as markup), bounded however long its label, production standing
 * out; its switcher lists every account with the current one checked and
 * says which one was chosen. */

#define G_LOG_DOMAIN "test-account-badge"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cw-account-badge.h"
#include "cw-test-utils.h"

static GtkWidget *
find_class (GtkWidget  *root,
            const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
activated_cb (CwAccountBadge  *badge,
              ConvercAccount  *account,
              ConvercAccount **out)
{
  *out = account;
}

static void
test_label (void)
{
  g_autoptr(ConvercAccountStore) store = converc_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  CwAccountBadge *badge;
  ConvercAccount *account;
  GtkWidget *dot;

  account = converc_account_store_add (store, "Acme <b>Prod</b> & <i>co</i>",
                                       "http://127.0.0.1:1", &error);
  g_assert_no_error (error);

  badge = CW_ACCOUNT_BADGE (g_object_ref_sink (cw_account_badge_new ()));
  /* No account: nothing to show. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cw_account_badge_get_button (badge))));

  cw_account_badge_set_account (badge, account);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cw_account_badge_get_button (badge))));
  /* Shown as typed: markup would have dropped the tags. */
  g_assert_cmpstr (cw_account_badge_get_text (badge), ==, "Acme <b>Prod</b> & <i>co</i>");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (cw_account_badge_get_button (badge))),
                   ==, "Organisation: Acme <b>Prod</b> & <i>co</i> — http://127.0.0.1:1");

  /* Its colour, and a new one when it changes. */
  dot = find_class (GTK_WIDGET (badge), "account-dot");
  g_assert_nonnull (dot);
  g_assert_true (gtk_widget_has_css_class (dot, "account-blue"));
  g_assert_true (converc_account_store_recolor (store, converc_account_get_id (account),
                                                "purple", &error));
  g_assert_true (gtk_widget_has_css_class (dot, "account-purple"));
  g_assert_false (gtk_widget_has_css_class (dot, "account-blue"));

  /* A rename shows at once. */
  g_assert_true (converc_account_store_rename (store, converc_account_get_id (account),
                                               "Acme — Staging", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cw_account_badge_get_text (badge), ==, "Acme — Staging");

  cw_account_badge_set_account (badge, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cw_account_badge_get_button (badge))));
  g_assert_finalize_object (badge);
}

static void
test_production (void)
{
  g_autoptr(ConvercAccountStore) store = converc_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  CwAccountBadge *badge;
  GtkWidget *button, *tag;
  ConvercAccount *account;

  account = converc_account_store_add (store, "Acme", "http://127.0.0.1:1", &error);
  g_assert_no_error (error);
  badge = CW_ACCOUNT_BADGE (g_object_ref_sink (cw_account_badge_new ()));
  cw_account_badge_set_account (badge, account);
  button = GTK_WIDGET (cw_account_badge_get_button (badge));
  tag = find_class (button, "account-production-tag");
  g_assert_nonnull (tag);

  g_assert_false (gtk_widget_has_css_class (button, "production"));
  g_assert_false (gtk_widget_get_visible (tag));

  converc_account_set_production (account, TRUE);
  g_assert_true (gtk_widget_has_css_class (button, "production"));
  g_assert_true (gtk_widget_get_visible (tag));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (tag)), ==, "Production");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "Organisation: Acme (production) — http://127.0.0.1:1");

  /* A narrow window: the colour says it, the word is left out. */
  cw_account_badge_set_compact (badge, TRUE);
  g_assert_true (gtk_widget_has_css_class (button, "production"));
  g_assert_false (gtk_widget_get_visible (tag));
  cw_account_badge_set_compact (badge, FALSE);
  g_assert_true (gtk_widget_get_visible (tag));

  converc_account_set_production (account, FALSE);
  g_assert_false (gtk_widget_has_css_class (button, "production"));
  g_assert_false (gtk_widget_get_visible (tag));
  g_assert_finalize_object (badge);
}

static void
test_long_label (void)
{
  g_autoptr(ConvercAccountStore) store = converc_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) label = g_string_new (NULL);
  CwAccountBadge *badge;
  ConvercAccount *account;
  int minimum, natural;

  for (guint i = 0; i < 200; i++)
    g_string_append (label, "Organisat ");
  g_string_truncate (label, 1999);
  g_string_append_c (label, 'X');
  g_assert_cmpuint (g_utf8_strlen (label->str, -1), ==, 2000);

  account = converc_account_store_add (store, label->str, "http://127.0.0.1:1", &error);
  g_assert_no_error (error);
  badge = CW_ACCOUNT_BADGE (g_object_ref_sink (cw_account_badge_new ()));
  cw_account_badge_set_account (badge, account);
  cw_account_badge_set_accounts (badge, G_LIST_MODEL (store));

  /* The whole label is there (tooltip, accessible name), the width is not. */
  g_assert_cmpstr (cw_account_badge_get_text (badge), ==, label->str);
  gtk_widget_measure (GTK_WIDGET (badge), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, <, 360);
  g_assert_cmpint (minimum, <, 200);
  /* A narrow window's badge asks for less. */
  cw_account_badge_set_compact (badge, TRUE);
  gtk_widget_measure (GTK_WIDGET (badge), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <, 130);
  g_assert_cmpint (natural, <, 360);
  cw_account_badge_set_compact (badge, FALSE);
  gtk_widget_measure (GTK_WIDGET (badge), GTK_ORIENTATION_VERTICAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, <, 60);

  /* Its row in the switcher too. */
  gtk_widget_measure (GTK_WIDGET (cw_account_badge_get_list (badge)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, <, 480);

  g_assert_finalize_object (badge);
}

static void
test_switcher (void)
{
  g_autoptr(ConvercAccountStore) store = converc_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  ConvercAccount *staging, *production, *chosen = NULL;
  CwAccountBadge *badge;
  GtkListBox *list;

  staging = converc_account_store_add (store, "Acme — Staging", "http://127.0.0.1:1", &error);
  production = converc_account_store_add (store, "Acme — Production", "http://127.0.0.1:2",
                                          &error);
  g_assert_no_error (error);
  converc_account_set_production (production, TRUE);

  badge = CW_ACCOUNT_BADGE (g_object_ref_sink (cw_account_badge_new ()));
  cw_account_badge_set_accounts (badge, G_LIST_MODEL (store));
  cw_account_badge_set_account (badge, staging);
  g_signal_connect (badge, "account-activated", G_CALLBACK (activated_cb), &chosen);
  list = cw_account_badge_get_list (badge);

  /* Every account, the current one checked. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  g_assert_true (cw_account_badge_is_checked (badge, 0));
  g_assert_false (cw_account_badge_is_checked (badge, 1));
  g_assert_nonnull (find_class (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)),
                                "account-production-tag"));
  g_assert_true (gtk_widget_get_visible (find_class (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)),
                                                     "account-production-tag")));
  g_assert_false (gtk_widget_get_visible (find_class (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)),
                                                      "account-production-tag")));

  /* Choosing says which; the badge follows what the window decides. */
  cw_account_badge_activate (badge, 1);
  g_assert_true (chosen == production);
  g_assert_true (cw_account_badge_get_account (badge) == staging);
  cw_account_badge_set_account (badge, production);
  g_assert_false (cw_account_badge_is_checked (badge, 0));
  g_assert_true (cw_account_badge_is_checked (badge, 1));

  /* A third account appears; a removed one goes. */
  converc_account_store_add (store, "Other", "http://127.0.0.1:3", &error);
  g_assert_no_error (error);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 2));
  g_assert_true (converc_account_store_remove (store, converc_account_get_id (staging), &error));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  g_assert_true (cw_account_badge_is_checked (badge, 0));

  g_assert_finalize_object (badge);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cw/account-badge/label", test_label);
  g_test_add_func ("/cw/account-badge/production", test_production);
  g_test_add_func ("/cw/account-badge/long-label", test_long_label);
  g_test_add_func ("/cw/account-badge/switcher", test_switcher);

  return g_test_run ();
}
