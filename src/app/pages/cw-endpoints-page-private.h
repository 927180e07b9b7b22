/* cw-endpoints-page-private.h
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

/* The Endpoints page's insides, shared by its files: cw-endpoints-page.c
 * (state), -details.c, -columns.c and -actions.c. */

#pragma once

#include "cw-endpoint-list.h"
#include "cw-endpoints-page.h"

G_BEGIN_DECLS

/* What the details know of the selected endpoint's signing secret */
typedef enum
{
  CW_SECRET_STATE_UNKNOWN,
  CW_SECRET_STATE_STORED,
  CW_SECRET_STATE_MISSING,
} CwSecretState;

struct _CwEndpointsPage
{
  AdwBin               parent_instance;

  /* The endpoints, their tests and what this run created: the model */
  CwEndpointList      *list;
  GCancellable        *secret_cancellable;

  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;

  /* The selected endpoint's id while the list changes under it */
  char                *reselect_id;
  /* The endpoint whose secret the details show (Show), or NULL */
  char                *secret_shown_id;
  /* The organisation named in confirmations, or NULL */
  char                *account_label;
  CwSecretState        secret_state;

  /* Template widgets */
  GtkColumnViewColumn *actions_column;
  GtkColumnView       *column_view;
  GtkStack            *content_stack;
  GtkColumnViewColumn *created_column;
  AdwActionRow        *created_row;
  GtkStack            *details_stack;
  GtkLabel            *details_status_label;
  GtkLabel            *details_title;
  GtkButton           *disable_button;
  AdwStatusPage       *error_page;
  GtkColumnViewColumn *events_column;
  AdwActionRow        *events_row;
  AdwActionRow        *id_row;
  GtkStack            *list_stack;
  GtkSpinner          *loading_spinner;
  GtkPaned            *paned;
  GtkButton           *problem_button;
  GtkLabel            *problem_label;
  GtkRevealer         *problem_revealer;
  GtkSearchEntry      *search_entry;
  AdwActionRow        *secret_row;
  GtkCheckButton      *show_disabled_button;
  GtkColumnViewColumn *status_column;
  GtkButton           *test_button;
  GtkLabel            *test_label;
  GtkListBox          *test_results_list;
  GtkSpinner          *test_spinner;
  AdwActionRow        *updated_row;
  GtkColumnViewColumn *url_column;
  AdwActionRow        *url_row;
  GtkButton           *add_secret_button;
  GtkButton           *copy_secret_button;
  GtkMenuButton       *more_button;
  GtkButton           *show_secret_button;
  AdwActionRow        *secret_value_row;
};

/* cw-endpoints-page.c: state */
ConvercWebhook *_cw_endpoints_page_get_selected     (CwEndpointsPage *self);
gboolean        _cw_endpoints_page_select_id        (CwEndpointsPage *self,
                                                     const char      *webhook_id);
void            _cw_endpoints_page_update_view      (CwEndpointsPage *self);
void            _cw_endpoints_page_update_actions   (CwEndpointsPage *self);
char           *_cw_endpoints_page_dup_error_text   (CwEndpointsPage *self);

/* cw-endpoints-page-details.c: the selected endpoint, its tests */
void            _cw_endpoints_page_update_details   (CwEndpointsPage *self);
char           *_cw_endpoints_page_dup_outcome_text   (CwTestOutcome   *outcome,
                                                       gboolean         brief);
void            _cw_endpoints_page_update_test_results (CwEndpointsPage *self,
                                                        ConvercWebhook  *webhook);

/* cw-endpoints-page-columns.c: cells, tooltips, sorters */
void            _cw_endpoints_page_setup_columns    (CwEndpointsPage *self);
void            _cw_endpoints_page_set_status_badge (GtkLabel        *label,
                                                     ConvercWebhook  *webhook);
char           *_cw_endpoints_page_dup_updated_text (ConvercWebhook  *webhook);

/* cw-endpoints-page-actions.c: the endpoints.* actions */
void            _cw_endpoints_page_class_actions_init (CwEndpointsPageClass *klass);
void            _cw_endpoints_page_send_test        (CwEndpointsPage *self,
                                                     const char      *webhook_id);
void            _cw_endpoints_page_disable          (CwEndpointsPage *self,
                                                     const char      *webhook_id);

/* cw-endpoints-page-secret.c: Copy Secret, Show, Add Its Secret… */
void            _cw_endpoints_page_class_secret_init  (CwEndpointsPageClass *klass);
void            _cw_endpoints_page_update_secret_tools (CwEndpointsPage     *self);
void            _cw_endpoints_page_hide_secret        (CwEndpointsPage      *self);

G_END_DECLS
