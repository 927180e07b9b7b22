/* cw-sign-in-page.c
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

/* The one concern of this file: the sign-in page — the API key checked with the server before it
 * is kept, and the demo. */

#define G_LOG_DOMAIN "cw-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-sign-in-page-private.h"
#include "cw-error-text.h"

G_DEFINE_FINAL_TYPE (CwSignInPage, cw_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_SECRET_STORE,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  CwSignInPage *self;
  char         *api_key;
} SignIn;

static void
sign_in_free (SignIn *state)
{
  g_clear_pointer (&state->api_key, g_free);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignIn, sign_in_free)

static void
cw_sign_in_page_set_busy (CwSignInPage *self,
                          gboolean      busy)
{
  g_assert (CW_IS_SIGN_IN_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_spinner), busy);
  gtk_spinner_set_spinning (self->sign_in_spinner, busy);
  gtk_label_set_text_with_mnemonic (self->sign_in_label,
                                    busy ? _("Checking the Key…") : _("_Sign In"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button),
                            !busy && *gtk_editable_get_text (GTK_EDITABLE (self->key_row)) != '\0');
}

/* @blame_key: whether the key field is marked wrong: only when the key is
 * (missing, refused); a network or server failure says nothing about it. */
static void
cw_sign_in_page_show_error (CwSignInPage *self,
                            const char   *message,
                            gboolean      blame_key)
{
  g_assert (CW_IS_SIGN_IN_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL && blame_key)
    gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
}

static void
cw_sign_in_page_store_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(SignIn) state = user_data;
  CwSignInPage *self = state->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_error = NULL;

  converc_secret_store_store_finish (CONVERC_SECRET_STORE (object), result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_SIGN_IN_PAGE (self));

  if (error != NULL)
    store_error = cw_error_describe (error, -1);

  cw_sign_in_page_set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  g_signal_emit (self, signals[SIGNED_IN], 0, state->api_key, store_error);
}

static void
cw_sign_in_page_list_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(SignIn) state = user_data;
  CwSignInPage *self = state->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webhooks = NULL;
  ConvercClient *client = CONVERC_CLIENT (object);
  const char *api_key;

  webhooks = converc_client_list_webhooks_finish (client, result, &error);
  if (cw_error_is_cancelled (error))
    return;

  g_assert (CW_IS_SIGN_IN_PAGE (self));

  if (webhooks == NULL)
    {
      gboolean key_refused = g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_UNAUTHORIZED) ||
                             g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_FORBIDDEN);
      g_autofree char *message = NULL;

      /* Here the key is typed: say to type it again, not to go elsewhere. */
      if (g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_UNAUTHORIZED))
        message = g_strdup (_("Converc refused the API key. Copy it again from the Converc "
                              "dashboard (Settings → Integrations → API Keys) and retype or "
                              "paste it here."));
      else
        message = cw_error_describe (error, converc_client_get_retry_after (client));

      cw_sign_in_page_set_busy (self, FALSE);
      cw_sign_in_page_show_error (self, message, key_refused);
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  /* The key works: keep it, then tell the window. */
  if (self->secret_store == NULL)
    {
      cw_sign_in_page_set_busy (self, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
      g_signal_emit (self, signals[SIGNED_IN], 0, state->api_key,
                     _("No keyring is available."));
      return;
    }

  api_key = state->api_key;
  converc_secret_store_store_async (self->secret_store,
                                    self->secret_scope != NULL ? self->secret_scope
                                                               : self->base_url,
                                    NULL,
                                    api_key,
                                    self->cancellable,
                                    cw_sign_in_page_store_cb,
                                    g_steal_pointer (&state));
}

static void
sign_in_cb (CwSignInPage *self)
{
  g_autoptr(ConvercClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *api_key = NULL;
  SignIn *state;

  g_assert (CW_IS_SIGN_IN_PAGE (self));

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->sign_in_button)))
    return;

  api_key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  if (*api_key == '\0')
    {
      cw_sign_in_page_show_error (self, _("Enter an API key first."), TRUE);
      return;
    }

  /* A line break or another control character pasted with the key: say
   * so now, not "refused" after a request without it. */
  if (!converc_validate_api_key (api_key, &error))
    {
      cw_sign_in_page_show_error (self, error->message, TRUE);
      return;
    }

  cw_sign_in_page_show_error (self, NULL, FALSE);
  cw_sign_in_page_set_busy (self, TRUE);

  state = g_new0 (SignIn, 1);
  state->self = self;
  state->api_key = g_steal_pointer (&api_key);

  client = converc_client_new (self->base_url, state->api_key);
  converc_client_list_webhooks_async (client,
                                      self->cancellable,
                                      cw_sign_in_page_list_cb,
                                      state);
}

static void
key_changed_cb (CwSignInPage *self)
{
  const char *text;

  g_assert (CW_IS_SIGN_IN_PAGE (self));

  text = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button),
                            text != NULL && *text != '\0' &&
                            !gtk_widget_get_visible (GTK_WIDGET (self->sign_in_spinner)));
  cw_sign_in_page_show_error (self, NULL, FALSE);
}

static gboolean
cw_sign_in_page_grab_focus (GtkWidget *widget)
{
  CwSignInPage *self = CW_SIGN_IN_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
cw_sign_in_page_dispose (GObject *object)
{
  CwSignInPage *self = (CwSignInPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->secret_store);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->returning_label, g_free);
  g_clear_pointer (&self->secret_scope, g_free);

  /* AdwBin owns the template's root: let it go first, then clear the
   * pointers bound to its children. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (cw_sign_in_page_parent_class)->dispose (object);
}

static void
cw_sign_in_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CwSignInPage *self = CW_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_SECRET_STORE:
      g_value_set_object (value, self->secret_store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_sign_in_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CwSignInPage *self = CW_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      cw_sign_in_page_set_base_url (self, g_value_get_string (value));
      break;

    case PROP_SECRET_STORE:
      cw_sign_in_page_set_secret_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_sign_in_page_class_init (CwSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_sign_in_page_dispose;
  object_class->get_property = cw_sign_in_page_get_property;
  object_class->set_property = cw_sign_in_page_set_property;

  widget_class->grab_focus = cw_sign_in_page_grab_focus;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, CONVERC_DEFAULT_BASE_URL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECRET_STORE] =
    g_param_spec_object ("secret-store", NULL, NULL, CONVERC_TYPE_SECRET_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwSignInPage::signed-in:
   * @api_key: the verified key
   * @store_error: (nullable): why the key could not be saved, or %NULL
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CwSignInPage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, CwSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwSignInPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, CwSignInPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CwSignInPage, server_label);
  gtk_widget_class_bind_template_child (widget_class, CwSignInPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CwSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, CwSignInPage, sign_in_label);
  gtk_widget_class_bind_template_child (widget_class, CwSignInPage, sign_in_spinner);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
}

static void
cw_sign_in_page_init (CwSignInPage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  cw_sign_in_page_set_base_url (self, CONVERC_DEFAULT_BASE_URL);
}

/* The server line: where to change it only on the first run (an account
 * signing in again keeps its server). */
static void
update_server_label (CwSignInPage *self)
{
  g_autofree char *text = NULL;

  if (self->returning_label != NULL)
    /* Translators: %s is the API server address */
    text = g_strdup_printf (_("Server: %s"), self->base_url);
  else
    /* Translators: %s is the API server address */
    text = g_strdup_printf (_("Server: %s (change it in Preferences)"), self->base_url);
  gtk_label_set_text (self->server_label, text);
}

void
cw_sign_in_page_set_base_url (CwSignInPage *self,
                              const char   *base_url)
{
  g_return_if_fail (CW_IS_SIGN_IN_PAGE (self));

  if (base_url == NULL)
    base_url = CONVERC_DEFAULT_BASE_URL;

  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  update_server_label (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

void
cw_sign_in_page_set_returning (CwSignInPage *self,
                               const char   *label)
{
  g_autofree char *title = NULL;

  g_return_if_fail (CW_IS_SIGN_IN_PAGE (self));

  g_free (self->returning_label);
  self->returning_label = g_strdup (label);

  if (label != NULL)
    {
      /* Translators: %s is an organisation's name, as in "Acme — Staging" */
      title = g_strdup_printf (_("Sign In to “%s” Again"), label);
      adw_status_page_set_title (self->status_page, title);
      adw_status_page_set_description (self->status_page,
                                       _("Enter its API key from the Converc dashboard: "
                                         "Settings → Integrations → API Keys. The key is "
                                         "checked, then kept in your keyring."));
    }
  else
    {
      adw_status_page_set_title (self->status_page, _("Welcome to Converc Webhooks"));
      adw_status_page_set_description (self->status_page,
                                       _("Sign in with an API key from the Converc dashboard: "
                                         "Settings → Integrations → API Keys. The key is "
                                         "checked, then kept in your keyring."));
    }

  update_server_label (self);
}

/* The scope the key is saved under (converc-secret-store.h): the
 * account id; NULL for the base URL. */
void
cw_sign_in_page_set_secret_scope (CwSignInPage *self,
                                  const char   *scope)
{
  g_return_if_fail (CW_IS_SIGN_IN_PAGE (self));

  g_free (self->secret_scope);
  self->secret_scope = g_strdup (scope);
}

void
cw_sign_in_page_set_secret_store (CwSignInPage       *self,
                                  ConvercSecretStore *store)
{
  g_return_if_fail (CW_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (!store || CONVERC_IS_SECRET_STORE (store));

  if (g_set_object (&self->secret_store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRET_STORE]);
}

void
cw_sign_in_page_set_notice (CwSignInPage *self,
                            const char   *notice)
{
  g_return_if_fail (CW_IS_SIGN_IN_PAGE (self));

  gtk_label_set_text (self->notice_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), notice != NULL);
}
