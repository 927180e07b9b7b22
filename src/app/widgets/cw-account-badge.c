/* cw-account-badge.c
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

/* The one concern of this file: the account badge in the header bar — the
 * organisation the window acts on (label, colour, production), always in
 * sight, and the switcher popover that lists every account. */

#define G_LOG_DOMAIN "cw-account-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-account-badge.h"

struct _CwAccountBadge
{
  GtkWidget       parent_instance;

  ConvercAccount *account;
  GListModel     *accounts;
  GSignalGroup   *account_signals;

  GtkMenuButton  *button;
  GtkWidget      *dot;
  GtkLabel       *label;
  GtkWidget      *production_tag;
  GtkListBox     *list;

  guint           compact : 1;
};

G_DEFINE_FINAL_TYPE (CwAccountBadge, cw_account_badge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_ACCOUNTS,
  N_PROPS
};

enum {
  ACCOUNT_ACTIVATED,
  OPEN_IN_NEW_WINDOW,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A badge's text stays short; the whole label is in its tooltip. The
 * header bar gives its end children their minimum width when space is
 * short: a short label keeps at least BADGE_MIN_CHARS. */
#define BADGE_MAX_CHARS 24
#define BADGE_MIN_CHARS 16
/* A narrow window: the label keeps less, and a production account says so
 * by its colour alone (its tooltip and accessible name still say it). */
#define BADGE_COMPACT_MIN_CHARS 10
#define ROW_MAX_CHARS   32
/* How much of a label titles and confirmations show */
#define SHORT_LABEL_MAX_CHARS 64

/* The account's colour as a style class ("account-blue"), and none of the
 * others. */
static void
set_color_class (GtkWidget      *widget,
                 ConvercAccount *account)
{
  const char * const *palette = converc_account_get_palette ();

  for (guint i = 0; palette[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("account-%s", palette[i]);

      if (account != NULL && g_str_equal (palette[i], converc_account_get_color (account)))
        gtk_widget_add_css_class (widget, name);
      else
        gtk_widget_remove_css_class (widget, name);
    }
}

static GtkWidget *
new_dot (void)
{
  GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (dot, "account-dot");
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);

  return dot;
}

static GtkWidget *
new_production_tag (void)
{
  GtkWidget *tag = gtk_label_new (_("Production"));

  gtk_widget_add_css_class (tag, "account-production-tag");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);

  return tag;
}

static void
cw_account_badge_update (CwAccountBadge *self)
{
  ConvercAccount *account;
  gboolean production;

  g_assert (CW_IS_ACCOUNT_BADGE (self));

  account = self->account;
  production = account != NULL && converc_account_get_production (account);

  gtk_widget_set_visible (GTK_WIDGET (self->button), account != NULL);
  set_color_class (self->dot, account);
  gtk_widget_set_visible (self->production_tag, production && !self->compact);
  if (production)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "production");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "production");

  if (account != NULL)
    {
      const char *text = converc_account_get_label (account);
      g_autofree char *tooltip = NULL;
      g_autofree char *name = NULL;

      /* Plain text: a label with markup is shown as typed. */
      gtk_label_set_text (self->label, text);
      gtk_label_set_width_chars (self->label,
                                 MIN (g_utf8_strlen (text, -1),
                                      self->compact ? BADGE_COMPACT_MIN_CHARS : BADGE_MIN_CHARS));
      tooltip = g_strdup_printf (production ? _("Organisation: %s (production) — %s")
                                            : _("Organisation: %s — %s"),
                                 text, converc_account_get_base_url (account));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
      name = g_strdup_printf (production ? _("Organisation: %s (production)")
                                         : _("Organisation: %s"),
                              text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
    }
  else
    {
      gtk_label_set_text (self->label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), NULL);
    }

  /* The switcher checks the current account. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "cw-check");
      ConvercAccount *row_account = g_object_get_data (G_OBJECT (row), "cw-account");

      if (check != NULL)
        gtk_widget_set_visible (check, row_account != NULL && row_account == self->account);
    }
}

static void
row_account_changed_cb (GtkWidget      *row,
                        GParamSpec     *pspec,
                        ConvercAccount *account)
{
  g_assert (GTK_IS_LIST_BOX_ROW (row));

  set_color_class (g_object_get_data (G_OBJECT (row), "cw-dot"), account);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "cw-production"),
                          converc_account_get_production (account));
}

/* The row's "Open in New Window" button */
static void
open_clicked_cb (CwAccountBadge *self,
                 GtkButton      *button)
{
  ConvercAccount *account;

  g_assert (CW_IS_ACCOUNT_BADGE (self));

  account = g_object_get_data (G_OBJECT (button), "cw-account");
  if (account == NULL)
    return;

  gtk_menu_button_popdown (self->button);
  g_signal_emit (self, signals[OPEN_IN_NEW_WINDOW], 0, account);
}

/* Its tooltip and accessible name say which organisation it opens. */
static void
open_button_update_cb (GtkWidget      *button,
                       GParamSpec     *pspec,
                       ConvercAccount *account)
{
  g_autofree char *shown = cw_account_short_label (converc_account_get_label (account));
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Open “%s” in New Window"), shown);
  gtk_widget_set_tooltip_text (button, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static GtkWidget *
new_open_button (CwAccountBadge *self,
                 ConvercAccount *account)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("window-new-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "cw-account", g_object_ref (account),
                          g_object_unref);
  open_button_update_cb (button, NULL, account);
  g_signal_connect_object (account, "notify::label", G_CALLBACK (open_button_update_cb),
                           button, G_CONNECT_SWAPPED);
  g_signal_connect_object (button, "clicked", G_CALLBACK (open_clicked_cb),
                           self, G_CONNECT_SWAPPED);

  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CwAccountBadge *self = user_data;
  ConvercAccount *account = item;
  GtkWidget *row, *box, *texts, *label, *url, *dot, *tag, *check, *open;

  g_assert (CW_IS_ACCOUNT_BADGE (self));
  g_assert (CONVERC_IS_ACCOUNT (account));

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  dot = new_dot ();
  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), ROW_MAX_CHARS);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  g_object_bind_property (account, "label", label, "label", G_BINDING_SYNC_CREATE);
  url = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (url), 0);
  gtk_label_set_ellipsize (GTK_LABEL (url), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (url), ROW_MAX_CHARS);
  gtk_label_set_single_line_mode (GTK_LABEL (url), TRUE);
  gtk_widget_add_css_class (url, "dim-label");
  gtk_widget_add_css_class (url, "caption");
  g_object_bind_property (account, "base-url", url, "label", G_BINDING_SYNC_CREATE);
  tag = new_production_tag ();
  check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Current organisation"),
                                  -1);

  gtk_box_append (GTK_BOX (texts), label);
  gtk_box_append (GTK_BOX (texts), url);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_box_append (GTK_BOX (box), check);
  open = new_open_button (self, account);
  gtk_box_append (GTK_BOX (box), open);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "cw-account", g_object_ref (account), g_object_unref);
  g_object_set_data (G_OBJECT (row), "cw-dot", dot);
  g_object_set_data (G_OBJECT (row), "cw-production", tag);
  g_object_set_data (G_OBJECT (row), "cw-check", check);
  g_object_set_data (G_OBJECT (row), "cw-open", open);
  gtk_widget_set_visible (check, account == self->account);
  row_account_changed_cb (row, NULL, account);
  g_signal_connect_object (account, "notify::color", G_CALLBACK (row_account_changed_cb),
                           row, G_CONNECT_SWAPPED);
  g_signal_connect_object (account, "notify::production", G_CALLBACK (row_account_changed_cb),
                           row, G_CONNECT_SWAPPED);

  return row;
}

static void
row_activated_cb (CwAccountBadge *self,
                  GtkListBoxRow  *row,
                  GtkListBox     *list)
{
  ConvercAccount *account;

  g_assert (CW_IS_ACCOUNT_BADGE (self));

  account = g_object_get_data (G_OBJECT (row), "cw-account");
  if (account == NULL)
    return;

  gtk_menu_button_popdown (self->button);
  g_signal_emit (self, signals[ACCOUNT_ACTIVATED], 0, account);
}

static void
menu_item_clicked_cb (CwAccountBadge *self,
                      GtkButton      *button)
{
  g_assert (CW_IS_ACCOUNT_BADGE (self));

  gtk_menu_button_popdown (self->button);
}

/* A flat, menu-like button under the list: Add Organisation…, Manage
 * Organisations… (application actions). */
static GtkWidget *
new_menu_item (CwAccountBadge *self,
               const char     *label,
               const char     *action_name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "account-switcher-item");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  /* The name without its mnemonic underscore. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (GTK_LABEL (text)),
                                  -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (menu_item_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  return button;
}

static void
cw_account_badge_dispose (GObject *object)
{
  CwAccountBadge *self = (CwAccountBadge *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_pointer ((GtkWidget **)&self->button, gtk_widget_unparent);
  g_clear_object (&self->account_signals);
  g_clear_object (&self->account);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (cw_account_badge_parent_class)->dispose (object);
}

static void
cw_account_badge_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CwAccountBadge *self = CW_ACCOUNT_BADGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_account_badge_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CwAccountBadge *self = CW_ACCOUNT_BADGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      cw_account_badge_set_account (self, g_value_get_object (value));
      break;

    case PROP_ACCOUNTS:
      cw_account_badge_set_accounts (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_account_badge_class_init (CwAccountBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_account_badge_dispose;
  object_class->get_property = cw_account_badge_get_property;
  object_class->set_property = cw_account_badge_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CONVERC_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACCOUNT_ACTIVATED] =
    g_signal_new ("account-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CONVERC_TYPE_ACCOUNT);
  signals[OPEN_IN_NEW_WINDOW] =
    g_signal_new ("open-in-new-window", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CONVERC_TYPE_ACCOUNT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "accountbadge");
}

static void
cw_account_badge_init (CwAccountBadge *self)
{
  GtkWidget *content, *popover, *box, *heading, *scrolled;

  self->account_signals = g_signal_group_new (CONVERC_TYPE_ACCOUNT);
  g_signal_group_connect_object (self->account_signals, "notify",
                                 G_CALLBACK (cw_account_badge_update), self,
                                 G_CONNECT_SWAPPED);

  /* The badge: a dot of the account's colour, its label, "Production". */
  self->dot = new_dot ();
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->label, BADGE_MAX_CHARS);
  gtk_label_set_single_line_mode (self->label, TRUE);
  self->production_tag = new_production_tag ();
  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (content), self->dot);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (content), self->production_tag);

  /* The switcher: every account, the current one checked. */
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organisations"),
                                  -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  /* As wide as the rows want (each is bounded), not their minimum. */
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));

  heading = gtk_label_new (_("Organisations"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_start (heading, 6);
  gtk_widget_set_margin_top (heading, 6);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), new_menu_item (self, _("_Add Organisation…"),
                                                "app.add-account"));
  gtk_box_append (GTK_BOX (box), new_menu_item (self, _("_Manage Organisations…"),
                                                "app.manage-accounts"));
  popover = gtk_popover_new ();
  gtk_widget_add_css_class (popover, "account-switcher");
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->button, content);
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "account-badge");
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  cw_account_badge_update (self);
}

char *
cw_account_short_label (const char *label)
{
  g_autofree char *start = NULL;

  g_return_val_if_fail (label != NULL, NULL);

  if (g_utf8_strlen (label, -1) <= SHORT_LABEL_MAX_CHARS)
    return g_strdup (label);

  start = g_utf8_substring (label, 0, SHORT_LABEL_MAX_CHARS);

  return g_strconcat (start, "…", NULL);
}

GtkWidget *
cw_account_badge_new (void)
{
  return g_object_new (CW_TYPE_ACCOUNT_BADGE, NULL);
}

ConvercAccount *
cw_account_badge_get_account (CwAccountBadge *self)
{
  g_return_val_if_fail (CW_IS_ACCOUNT_BADGE (self), NULL);

  return self->account;
}

void
cw_account_badge_set_account (CwAccountBadge *self,
                              ConvercAccount *account)
{
  g_return_if_fail (CW_IS_ACCOUNT_BADGE (self));
  g_return_if_fail (!account || CONVERC_IS_ACCOUNT (account));

  if (g_set_object (&self->account, account))
    {
      g_signal_group_set_target (self->account_signals, account);
      cw_account_badge_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
    }
}

GListModel *
cw_account_badge_get_accounts (CwAccountBadge *self)
{
  g_return_val_if_fail (CW_IS_ACCOUNT_BADGE (self), NULL);

  return self->accounts;
}

void
cw_account_badge_set_accounts (CwAccountBadge *self,
                               GListModel     *accounts)
{
  g_return_if_fail (CW_IS_ACCOUNT_BADGE (self));
  g_return_if_fail (!accounts || G_IS_LIST_MODEL (accounts));

  if (g_set_object (&self->accounts, accounts))
    {
      gtk_list_box_bind_model (self->list, accounts, create_row, self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS]);
    }
}

const char *
cw_account_badge_get_text (CwAccountBadge *self)
{
  g_return_val_if_fail (CW_IS_ACCOUNT_BADGE (self), NULL);

  return gtk_label_get_text (self->label);
}

GtkMenuButton *
cw_account_badge_get_button (CwAccountBadge *self)
{
  g_return_val_if_fail (CW_IS_ACCOUNT_BADGE (self), NULL);

  return self->button;
}

GtkListBox *
cw_account_badge_get_list (CwAccountBadge *self)
{
  g_return_val_if_fail (CW_IS_ACCOUNT_BADGE (self), NULL);

  return self->list;
}

gboolean
cw_account_badge_is_checked (CwAccountBadge *self,
                             guint           position)
{
  GtkListBoxRow *row;
  GtkWidget *check;

  g_return_val_if_fail (CW_IS_ACCOUNT_BADGE (self), FALSE);

  row = gtk_list_box_get_row_at_index (self->list, position);
  if (row == NULL)
    return FALSE;

  check = g_object_get_data (G_OBJECT (row), "cw-check");

  return check != NULL && gtk_widget_get_visible (check);
}

void
cw_account_badge_activate (CwAccountBadge *self,
                           guint           position)
{
  GtkListBoxRow *row;

  g_return_if_fail (CW_IS_ACCOUNT_BADGE (self));

  row = gtk_list_box_get_row_at_index (self->list, position);
  if (row != NULL)
    g_signal_emit_by_name (self->list, "row-activated", row);
}

/* Clicks the "Open in New Window" button of the account at @position. */
void
cw_account_badge_open_in_new_window (CwAccountBadge *self,
                                     guint           position)
{
  GtkListBoxRow *row;
  GtkWidget *open;

  g_return_if_fail (CW_IS_ACCOUNT_BADGE (self));

  row = gtk_list_box_get_row_at_index (self->list, position);
  open = row != NULL ? g_object_get_data (G_OBJECT (row), "cw-open") : NULL;
  if (open != NULL)
    g_signal_emit_by_name (open, "clicked");
}

/* A narrow window: the badge takes less room (see BADGE_COMPACT_MIN_CHARS). */
void
cw_account_badge_set_compact (CwAccountBadge *self,
                              gboolean        compact)
{
  g_return_if_fail (CW_IS_ACCOUNT_BADGE (self));

  if (self->compact == !!compact)
    return;

  self->compact = !!compact;
  cw_account_badge_update (self);
}
