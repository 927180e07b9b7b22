/* cw-test-spy-store.h
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

/* The one concern of this file: a secret store for the account dialogs'
 * tests that keeps its items in memory, counts what it was asked, and can
 * behave like a locked or absent keyring. */

#pragma once

#include "converc.h"

G_BEGIN_DECLS

#define CW_TYPE_TEST_SPY_STORE (cw_test_spy_store_get_type ())
G_DECLARE_FINAL_TYPE (CwTestSpyStore, cw_test_spy_store, CW, TEST_SPY_STORE, GObject)

struct _CwTestSpyStore
{
  GObject             parent_instance;
  ConvercSecretStore *memory;
  guint               n_stores;
  guint               n_calls;
  /* Every call fails with CONVERC_ERROR_NO_KEYRING */
  gboolean            absent;
};

CwTestSpyStore *cw_test_spy_store_new (void);

G_END_DECLS
