/* cw-events-page-curl.c
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

/* The one concern of this file: the Events page's Copy as curl — the
 * events query the feed makes (its type filter and count) as a command. */

#define G_LOG_DOMAIN "cw-events-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-events-page-private.h"

#include "cw-toast.h"

static void
cw_events_page_copy_curl_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  CwEventsPage *self = CW_EVENTS_PAGE (widget);
  g_autofree char *command = NULL;
  ConvercClient *client;

  if (self->feed == NULL || (client = cw_event_feed_get_client (self->feed)) == NULL)
    return;

  command = converc_curl_command_for_events (converc_client_get_base_url (client),
                                             cw_event_feed_get_event_type (self->feed),
                                             cw_event_feed_get_event_count (self->feed));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), command);
  cw_widget_add_toast (widget, _("curl command copied"));
}

void
_cw_events_page_class_curl_init (CwEventsPageClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "events.copy-curl", NULL,
                                   cw_events_page_copy_curl_action);
}
