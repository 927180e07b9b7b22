/* cw-application-windows.c
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

/* The one concern of this file: the application's windows and their
 * accounts — opening a window on an account, and the accounts of the open
 * windows, saved so that the next start opens them again. */

#define G_LOG_DOMAIN "cw-application"

#include "config.h"

#include "cw-application-private.h"
#include "cw-window.h"

#define KEY_WINDOW_ACCOUNTS "window-accounts"

static void
window_session_cb (CwApplication *self,
                   GParamSpec    *pspec,
                   CwWindow      *window)
{
  g_assert (CW_IS_APPLICATION (self));

  cw_application_save_windows (self);
}

static void
window_added_cb (CwApplication *self,
                 GtkWindow     *window,
                 GtkApplication *app)
{
  g_assert (CW_IS_APPLICATION (self));

  if (!CW_IS_WINDOW (window))
    return;

  g_signal_connect_object (window, "notify::session", G_CALLBACK (window_session_cb),
                           self, G_CONNECT_SWAPPED);
  cw_application_save_windows (self);
}

static void
window_removed_cb (CwApplication  *self,
                   GtkWindow      *window,
                   GtkApplication *app)
{
  gboolean last = TRUE;

  g_assert (CW_IS_APPLICATION (self));

  if (!CW_IS_WINDOW (window))
    return;

  g_signal_handlers_disconnect_by_func (window, window_session_cb, self);

  /* Closing the last window quits: it is the one to open next time. */
  for (const GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (CW_IS_WINDOW (l->data) && l->data != (gpointer) window)
      last = FALSE;

  if (!last)
    cw_application_save_windows (self);
}

void
_cw_application_windows_init (CwApplication *self)
{
  g_assert (CW_IS_APPLICATION (self));

  g_signal_connect_object (self, "window-added", G_CALLBACK (window_added_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "window-removed", G_CALLBACK (window_removed_cb),
                           self, G_CONNECT_SWAPPED);
}

CwWindow *
cw_application_open_window (CwApplication *self,
                            CwSession     *session)
{
  CwWindow *window;

  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (!session || CW_IS_SESSION (session), NULL);

  window = cw_window_new_for_session (self, session);
  cw_window_load_session (window);
  cw_window_present_when_ready (window);

  return window;
}

void
cw_application_save_windows (CwApplication *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) saved = NULL;
  GList *windows;

  g_return_if_fail (CW_IS_APPLICATION (self));

  /* Quitting closes every window: those are the ones to restore. The demo
   * writes nothing. */
  if (self->quitting || self->demo || self->settings == NULL || self->accounts == NULL)
    return;

  builder = g_strv_builder_new ();
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  /* GTK lists the most recently focused window first: save the others first. */
  for (const GList *l = g_list_last (windows); l != NULL; l = l->prev)
    {
      CwSession *session;
      const char *id;

      if (!CW_IS_WINDOW (l->data) ||
          (session = cw_window_get_session (l->data)) == NULL ||
          cw_session_get_demo (session) ||
          (id = cw_session_get_id (session)) == NULL ||
          converc_account_store_lookup_id (self->accounts, id) == NULL)
        continue;

      g_strv_builder_add (builder, id);
    }

  ids = g_strv_builder_end (builder);
  saved = g_settings_get_strv (self->settings, KEY_WINDOW_ACCOUNTS);
  if (!g_strv_equal ((const char * const *) ids, (const char * const *) saved))
    g_settings_set_strv (self->settings, KEY_WINDOW_ACCOUNTS, (const char * const *) ids);
}

void
cw_application_restore_windows (CwApplication *self)
{
  g_auto(GStrv) ids = NULL;
  guint n_opened = 0;

  g_return_if_fail (CW_IS_APPLICATION (self));

  if (self->settings == NULL)
    return;

  /* A demo, or a server for this run only, is not what was saved. */
  if (!self->demo && self->base_url_override == NULL)
    ids = g_settings_get_strv (self->settings, KEY_WINDOW_ACCOUNTS);

  for (guint i = 0; ids != NULL && ids[i] != NULL && n_opened < CW_MAX_RESTORED_WINDOWS; i++)
    {
      ConvercAccount *account = converc_account_store_lookup_id (self->accounts, ids[i]);
      gboolean open = FALSE;

      /* An account removed since, or a name twice: skipped. */
      if (account == NULL)
        continue;

      for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
           l != NULL; l = l->next)
        if (CW_IS_WINDOW (l->data) && cw_window_get_session (l->data) != NULL &&
            cw_session_get_account (cw_window_get_session (l->data)) == account)
          open = TRUE;

      if (open)
        continue;

      cw_application_open_window (self, cw_application_get_session (self, account));
      n_opened++;
    }

  if (n_opened == 0)
    cw_application_open_window (self, NULL);
}
