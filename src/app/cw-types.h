/* cw-types.h
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

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CwAddEndpointDialog  CwAddEndpointDialog;
typedef struct _CwApplication        CwApplication;
typedef struct _CwEndpointList       CwEndpointList;
typedef struct _CwEndpointsPage      CwEndpointsPage;
typedef struct _CwEventDetail        CwEventDetail;
typedef struct _CwEventFilter        CwEventFilter;
typedef struct _CwEventsPage         CwEventsPage;
typedef struct _CwHistoryKeeper      CwHistoryKeeper;
typedef struct _CwPreferencesWindow  CwPreferencesWindow;
typedef struct _CwSecretDialog       CwSecretDialog;
typedef struct _CwSession            CwSession;
typedef struct _CwSignInPage         CwSignInPage;
typedef struct _CwWindow             CwWindow;

/**
 * CwSecretSaveStatus:
 * @CW_SECRET_SAVED: the signing secret is in the keyring
 * @CW_SECRET_SAVE_FAILED: the keyring refused it or is not available
 * @CW_SECRET_DEMO: demo mode: the secret is kept in memory for this run
 */
typedef enum
{
  CW_SECRET_SAVED,
  CW_SECRET_SAVE_FAILED,
  CW_SECRET_DEMO,
} CwSecretSaveStatus;

G_END_DECLS
