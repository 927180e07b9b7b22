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

#pragma once

#include "cw-endpoints-page.h"

G_BEGIN_DECLS

struct _CwEndpointsPage
{
  AdwBin               parent_instance;

  ConvercClient       *client;
  ConvercSecretStore  *secret_store;
  GCancellable        *cancellable;
  GCancellable        *secret_cancellable;

  GListStore          *store;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;

  /* webhook id → GPtrArray of result strings, newest first */
  GHashTable          *test_results;
  /* webhook ids with a test event in flight */
  GHashTable          *pending_tests;
  /* webhook ids whose secret this run saved (demo: in memory) */
  GHashTable          *created_here;

  char                *last_error;
  guint                loaded : 1;
  guint                loading : 1;
  guint                demo : 1;

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
  GtkSearchEntry      *search_entry;
  AdwActionRow        *secret_row;
  GtkToggleButton     *show_disabled_button;
  GtkColumnViewColumn *status_column;
  GtkButton           *test_button;
  GtkLabel            *test_label;
  GtkListBox          *test_results_list;
  GtkSpinner          *test_spinner;
  GtkColumnViewColumn *updated_column;
  AdwActionRow        *updated_row;
  GtkColumnViewColumn *url_column;
  AdwActionRow        *url_row;
};

ConvercWebhook *_cw_endpoints_page_get_selected (CwEndpointsPage *self);
gboolean        _cw_endpoints_page_select_id    (CwEndpointsPage *self,
                                                 const char      *webhook_id);
void            _cw_endpoints_page_disable      (CwEndpointsPage *self,
                                                 const char      *webhook_id);

G_END_DECLS
