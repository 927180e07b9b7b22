/* cw-endpoints-page.c
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

/* The Endpoints page: its construction and state. It shows a
 * CwEndpointList: the list, the selected endpoint's details and its tests. */

#define G_LOG_DOMAIN "cw-endpoints-page"

/* Below this width the details go below the list. */

#include "config.h"

#include <glib/gi18n.h>

#include "cw-endpoints-page-private.h"

#include "cw-accessible.h"
#include "cw-account-badge.h"
#include "cw-adaptive-paned.h"
#include "cw-error-text.h"
#include "cw-toast.h"

G_DEFINE_FINAL_TYPE (CwEndpointsPage, cw_endpoints_page, ADW_TYPE_BIN)

static gboolean
cw_endpoints_page_filter_func (gpointer item,
                               gpointer user_data)
{
  CwEndpointsPage *self = user_data;
  ConvercWebhook *webhook = item;
  g_autofree char *needle = NULL;
  const char *text;

  if (!gtk_check_button_get_active (self->show_disabled_button) &&
      !converc_webhook_get_is_active (webhook))
    return FALSE;

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (text == NULL || *text == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);

  return converc_webhook_matches (webhook, needle);
}

/* A refresh failed over a list that stays: the banner says so while the
 * list is stale, and offers what helps. Only a refused key sends the user
 * to where the key is replaced; anything else is worth trying again. */
static void
update_problem (CwEndpointsPage *self)
{
  const GError *error;
  gboolean stale;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  error = cw_endpoint_list_get_last_error (self->list);
  stale = error != NULL && cw_endpoint_list_get_loaded (self->list);

  if (stale)
    {
      g_autofree char *brief =
        cw_error_describe_short (error, cw_endpoint_list_get_last_retry_after (self->list));
      g_autofree char *text =
        g_strdup_printf (_("Could not refresh endpoints: the list may be out of date. %s"), brief);
      gboolean key_refused = g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_UNAUTHORIZED) ||
                             g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_FORBIDDEN);

      gtk_label_set_text (self->problem_label, text);
      if (key_refused)
        {
          gtk_button_set_label (self->problem_button, _("Open _Preferences"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (self->problem_button), "app.preferences");
        }
      else
        {
          gtk_button_set_label (self->problem_button, _("_Try Again"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (self->problem_button), "endpoints.refresh");
        }
      cw_accessible_name_button (self->problem_button);
    }

  gtk_revealer_set_reveal_child (self->problem_revealer, stale);
}

static void
list_state_changed_cb (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  update_problem (self);
  _cw_endpoints_page_update_view (self);
  _cw_endpoints_page_update_actions (self);
}

/* A refresh failed: the error page says it while nothing was loaded; over a
 * list, which stays, the banner does until a refresh succeeds. */
static void
list_error_changed_cb (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  update_problem (self);
  _cw_endpoints_page_update_view (self);
}

/* Before the list changes (this handler runs before the filter model's):
 * which endpoint was selected. */
static void
list_items_changing_cb (CwEndpointsPage *self)
{
  ConvercWebhook *selected;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  selected = _cw_endpoints_page_get_selected (self);
  g_free (self->reselect_id);
  self->reselect_id = selected ? g_strdup (converc_webhook_get_id (selected)) : NULL;
}

/* After it changed: the same endpoint selected again, if it is still there. */
static void
list_items_changed_cb (CwEndpointsPage *self)
{
  g_autofree char *webhook_id = NULL;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  webhook_id = g_steal_pointer (&self->reselect_id);
  if (webhook_id == NULL || !_cw_endpoints_page_select_id (self, webhook_id))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
list_test_started_cb (CwEndpointsPage *self,
                      const char      *webhook_id)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  _cw_endpoints_page_update_details (self);
}

static void
list_outcome_added_cb (CwEndpointsPage *self,
                       const char      *webhook_id,
                       CwTestOutcome   *outcome)
{
  g_autofree char *toast = NULL;
  ConvercWebhook *webhook;
  ConvercWebhook *selected;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  webhook = cw_endpoint_list_lookup (self->list, webhook_id, NULL);
  if (outcome->error != NULL)
    toast = _cw_endpoints_page_dup_outcome_text (outcome, TRUE);
  else
    {
      g_autofree char *text = _cw_endpoints_page_dup_outcome_text (outcome, TRUE);

      toast = g_strdup_printf (_("Test event to %s: %s"),
                               webhook ? converc_webhook_get_url (webhook) : webhook_id,
                               text);
    }
  cw_widget_add_toast (GTK_WIDGET (self), toast);

  selected = _cw_endpoints_page_get_selected (self);
  if (selected != NULL && g_strcmp0 (converc_webhook_get_id (selected), webhook_id) == 0)
    _cw_endpoints_page_update_test_results (self, selected);
  _cw_endpoints_page_update_actions (self);
}

static void
search_changed_cb (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  _cw_endpoints_page_update_view (self);
}

static void
show_disabled_toggled_cb (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  gtk_filter_changed (GTK_FILTER (self->filter),
                      gtk_check_button_get_active (self->show_disabled_button)
                        ? GTK_FILTER_CHANGE_LESS_STRICT
                        : GTK_FILTER_CHANGE_MORE_STRICT);
  _cw_endpoints_page_update_view (self);
}

static void
column_view_activate_cb (CwEndpointsPage *self,
                         guint            position,
                         GtkColumnView   *column_view)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

static void
selection_changed_cb (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  _cw_endpoints_page_update_details (self);
}

static void
shown_items_changed_cb (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  _cw_endpoints_page_update_view (self);
}

static gboolean
cw_endpoints_page_grab_focus (GtkWidget *widget)
{
  CwEndpointsPage *self = CW_ENDPOINTS_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "list") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));

  return GTK_WIDGET_CLASS (cw_endpoints_page_parent_class)->grab_focus (widget);
}

static void
cw_endpoints_page_dispose (GObject *object)
{
  CwEndpointsPage *self = (CwEndpointsPage *)object;

  g_cancellable_cancel (self->secret_cancellable);
  g_clear_object (&self->secret_cancellable);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (cw_endpoint_list_get_webhooks (self->list), self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_model, self);

  /* AdwBin owns the template's root: let it go first, then clear the
   * pointers bound to its children. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_ENDPOINTS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->list);
  g_clear_pointer (&self->reselect_id, g_free);
  g_clear_pointer (&self->secret_shown_id, g_free);
  g_clear_pointer (&self->account_label, g_free);

  G_OBJECT_CLASS (cw_endpoints_page_parent_class)->dispose (object);
}

static void
cw_endpoints_page_class_init (CwEndpointsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_endpoints_page_dispose;

  widget_class->grab_focus = cw_endpoints_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/converc/Webhooks/ui/cw-endpoints-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, actions_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, created_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, created_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, details_status_label);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, details_title);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, disable_button);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, events_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, events_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, id_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, problem_button);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, show_disabled_button);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, test_label);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, test_results_list);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, updated_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, url_column);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, add_secret_button);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, copy_secret_button);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, secret_value_row);
  gtk_widget_class_bind_template_child (widget_class, CwEndpointsPage, show_secret_button);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_disabled_toggled_cb);

  _cw_endpoints_page_class_actions_init (klass);
  _cw_endpoints_page_class_secret_init (klass);

  gtk_widget_class_set_css_name (widget_class, "endpointspage");

  g_type_ensure (CW_TYPE_ADAPTIVE_PANED);
  g_type_ensure (CW_TYPE_ENDPOINT_LIST);
}

static void
cw_endpoints_page_init (CwEndpointsPage *self)
{
  GListModel *webhooks;
  GtkSorter *sorter;


  gtk_widget_init_template (GTK_WIDGET (self));

  self->list = cw_endpoint_list_new ();
  webhooks = cw_endpoint_list_get_webhooks (self->list);

  /* Before the filter model hears of a change, and after everything did:
   * the selection follows the endpoint's id across a reload. */
  g_signal_connect_object (webhooks, "items-changed",
                           G_CALLBACK (list_items_changing_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (webhooks, "items-changed",
                           G_CALLBACK (list_items_changed_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->list, "notify::loading",
                           G_CALLBACK (list_state_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loaded",
                           G_CALLBACK (list_state_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::last-error",
                           G_CALLBACK (list_error_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "test-started",
                           G_CALLBACK (list_test_started_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "outcome-added",
                           G_CALLBACK (list_outcome_added_cb),
                           self, G_CONNECT_SWAPPED);

  self->filter = gtk_custom_filter_new (cw_endpoints_page_filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (webhooks),
                                                  g_object_ref (GTK_FILTER (self->filter)));

  _cw_endpoints_page_setup_columns (self);

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->created_column, GTK_SORT_DESCENDING);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (shown_items_changed_cb),
                           self, G_CONNECT_SWAPPED);

  _cw_endpoints_page_update_view (self);
  _cw_endpoints_page_update_details (self);
}

CwEndpointsPage *
cw_endpoints_page_new (void)
{
  return g_object_new (CW_TYPE_ENDPOINTS_PAGE, NULL);
}

void
cw_endpoints_page_set_client (CwEndpointsPage *self,
                              ConvercClient   *client)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));
  g_return_if_fail (!client || CONVERC_IS_CLIENT (client));

  cw_endpoint_list_set_client (self->list, client);
  _cw_endpoints_page_update_actions (self);
}

void
cw_endpoints_page_set_secret_store (CwEndpointsPage    *self,
                                    ConvercSecretStore *store)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));
  g_return_if_fail (!store || CONVERC_IS_SECRET_STORE (store));

  cw_endpoint_list_set_secret_store (self->list, store);
}

/* The scope of the signing secrets: the account id (NULL: the base URL). */
void
cw_endpoints_page_set_secret_scope (CwEndpointsPage *self,
                                    const char      *scope)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));

  cw_endpoint_list_set_secret_scope (self->list, scope);
}

void
cw_endpoints_page_set_account_label (CwEndpointsPage *self,
                                     const char      *label)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));

  g_free (self->account_label);
  self->account_label = label != NULL ? cw_account_short_label (label) : NULL;
}

void
cw_endpoints_page_set_demo (CwEndpointsPage *self,
                            gboolean         demo)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));

  cw_endpoint_list_set_demo (self->list, demo);
}

/**
 * cw_endpoints_page_refresh:
 *
 * Fetches the endpoint list again. The list keeps its contents until an
 * answer arrives; a failure after a first success shows a banner over the
 * list until a refresh succeeds.
 */
void
cw_endpoints_page_refresh (CwEndpointsPage *self)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));

  cw_endpoint_list_refresh (self->list);
}

/**
 * cw_endpoints_page_clear:
 *
 * Forgets the list and cancels requests in flight (another account or
 * server is about to be used).
 */
void
cw_endpoints_page_clear (CwEndpointsPage *self)
{
  g_return_if_fail (CW_IS_ENDPOINTS_PAGE (self));

  cw_endpoint_list_clear (self->list);
  _cw_endpoints_page_update_view (self);
  _cw_endpoints_page_update_details (self);
}

/**
 * cw_endpoints_page_get_model:
 *
 * Returns: (transfer none): the endpoints as shown: filtered and sorted
 */
GListModel *
cw_endpoints_page_get_model (CwEndpointsPage *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * cw_endpoints_page_get_endpoint_list:
 *
 * Returns: (transfer none): the model the page shows
 */
CwEndpointList *
cw_endpoints_page_get_endpoint_list (CwEndpointsPage *self)
{
  g_return_val_if_fail (CW_IS_ENDPOINTS_PAGE (self), NULL);

  return self->list;
}

/* Says why the last refresh failed, or NULL. */
char *
_cw_endpoints_page_dup_error_text (CwEndpointsPage *self)
{
  const GError *error;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  error = cw_endpoint_list_get_last_error (self->list);
  if (error == NULL)
    return NULL;

  return cw_error_describe (error, cw_endpoint_list_get_last_retry_after (self->list));
}

void
_cw_endpoints_page_update_view (CwEndpointsPage *self)
{
  g_autofree char *error = NULL;
  const char *page;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  error = _cw_endpoints_page_dup_error_text (self);
  if (!cw_endpoint_list_get_loaded (self->list))
    page = cw_endpoint_list_get_loading (self->list) || error == NULL ? "loading" : "error";
  else if (g_list_model_get_n_items (cw_endpoint_list_get_webhooks (self->list)) == 0)
    page = "empty";
  else
    page = "list";

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->content_stack, page);

  if (error != NULL)
    {
      /* The description is markup; the error may quote the server. */
      g_autofree char *escaped = g_markup_escape_text (error, -1);

      adw_status_page_set_description (self->error_page, escaped);
    }

  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) > 0
                                      ? "list" : "no-results");
}

void
_cw_endpoints_page_update_actions (CwEndpointsPage *self)
{
  ConvercWebhook *webhook;
  gboolean has_client;
  gboolean pending = FALSE;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  webhook = _cw_endpoints_page_get_selected (self);
  has_client = cw_endpoint_list_get_client (self->list) != NULL;
  if (webhook != NULL)
    pending = cw_endpoint_list_is_test_pending (self->list, converc_webhook_get_id (webhook));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.add", has_client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.refresh", has_client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.disable",
                                 has_client && webhook != NULL &&
                                 converc_webhook_get_is_active (webhook));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.test-selected",
                                 has_client && webhook != NULL && !pending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.copy-id", webhook != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.send-from-computer",
                                 has_client && webhook != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.copy-url", webhook != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.copy-curl", has_client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.change",
                                 has_client && webhook != NULL &&
                                 converc_webhook_get_is_active (webhook));
}

ConvercWebhook *
_cw_endpoints_page_get_selected (CwEndpointsPage *self)
{
  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  if (self->selection == NULL)
    return NULL;

  return gtk_single_selection_get_selected_item (self->selection);
}

/* Selects the endpoint @webhook_id if the list shows it. */
gboolean
_cw_endpoints_page_select_id (CwEndpointsPage *self,
                              const char      *webhook_id)
{
  guint n;

  g_assert (CW_IS_ENDPOINTS_PAGE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvercWebhook) webhook = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (g_strcmp0 (converc_webhook_get_id (webhook), webhook_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}
