/* cw-window.h
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

#include <adwaita.h>

#include "cw-types.h"

G_BEGIN_DECLS

#define CW_TYPE_WINDOW (cw_window_get_type())

G_DECLARE_FINAL_TYPE (CwWindow, cw_window, CW, WINDOW, AdwApplicationWindow)

/* A window that starts on the application's start session */
CwWindow   *cw_window_new                (CwApplication *application);
/* A window on @session (NULL: the start session) */
CwWindow   *cw_window_new_for_session    (CwApplication *application,
                                          CwSession     *session);
/* What the window acts on: NULL until its first key lookup. Property
 * "session" (notified when the window switches). */
CwSession  *cw_window_get_session        (CwWindow      *self);
/* Switches this window (only) to @session (NULL: the start session): its
 * requests are cancelled and its pages emptied before anything of the new
 * account is shown. */
void        cw_window_set_session        (CwWindow      *self,
                                          CwSession     *session);
/* Opens the account switcher (at once, or once the window is shown) */
void        cw_window_open_switcher      (CwWindow      *self);
void        cw_window_load_session       (CwWindow      *self);
void        cw_window_present_when_ready (CwWindow      *self);
void        cw_window_add_toast          (CwWindow      *self,
                                          const char    *title);
/* "loading", "sign-in", "main" or "removed" */
const char *cw_window_get_state          (CwWindow      *self);
/* The Events page with the event @event_id selected (or, until it is
 * listed, searched for by its id). */
void        cw_window_show_event         (CwWindow      *self,
                                          const char    *event_id);
/* The Events page searching for @text. */
void        cw_window_search_events      (CwWindow      *self,
                                          const char    *text);

G_END_DECLS
