/* cw-toast.c
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

/* The one concern of this file: toasts that show text, possibly from a server, literally. */

#define G_LOG_DOMAIN "cw-toast"

#include "config.h"

#include "cw-toast.h"
#include "cw-window.h"

/**
 * cw_toast_new:
 * @text: plain text, possibly from a server
 *
 * libadwaita 1.2 reads a toast's title as Pango markup: escape @text so that
 * "<", "&" in a URL or a server's message show as they are.
 *
 * Returns: (transfer full): a toast showing @text literally
 */
AdwToast *
cw_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/**
 * cw_widget_add_toast:
 *
 * Shows @title, plain text, in the nearest #AdwToastOverlay above @widget.
 */
void
cw_widget_add_toast (GtkWidget  *widget,
                     const char *title)
{
  GtkWidget *overlay;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      AdwToast *toast = cw_toast_new (title);

      adw_toast_set_timeout (toast, 6);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }

  /* Dialogs: show it in the window they belong to. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root) && !CW_IS_WINDOW (root))
    root = (GtkRoot *) gtk_window_get_transient_for (GTK_WINDOW (root));

  if (CW_IS_WINDOW (root))
    cw_window_add_toast (CW_WINDOW (root), title);
  else
    g_message ("%s", title);
}
