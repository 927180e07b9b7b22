/* bench-app.c
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

/* The app as bench-startup times it: converc-webhooks (the same library,
 * the same application) which, with CONVERC_BENCH=1 in the environment,
 * prints when the first frame that shows the fetched endpoint list has
 * been painted,
 *   CONVERC_BENCH first-frame <g_get_monotonic_time()>
 * and quits. The app itself knows nothing of this: the program follows the
 * Endpoints page's list and its window's frame clock from outside.
 *
 * Usage: bench-startup bench-app --demo */

#define G_LOG_DOMAIN "bench-app"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cw-application-private.h"
#include "cw-endpoints-page.h"

static void report_first_list (GtkWidget *page);

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  g_print ("CONVERC_BENCH first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, data);
  g_application_quit (g_application_get_default ());
}

/* The list is in: report the next frame painted, once the page is on
 * screen. */
static void
report_first_list (GtkWidget *page)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (page);

  if (clock == NULL)
    {
      g_signal_connect (page, "map", G_CALLBACK (report_first_list), NULL);
      return;
    }

  g_signal_handlers_disconnect_by_func (page, report_first_list, NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (page);
}

static void
list_changed_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 GtkWidget  *page)
{
  if (g_list_model_get_n_items (model) == 0)
    return;

  g_signal_handlers_disconnect_by_func (model, list_changed_cb, page);
  report_first_list (page);
}

static GtkWidget *
find_endpoints_page (GtkWidget *widget)
{
  if (CW_IS_ENDPOINTS_PAGE (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *page = find_endpoints_page (child);

      if (page != NULL)
        return page;
    }

  return NULL;
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  GtkWidget *page = find_endpoints_page (GTK_WIDGET (window));

  if (page == NULL)
    return;

  g_signal_handlers_disconnect_by_func (app, window_added_cb, NULL);
  g_signal_connect (cw_endpoints_page_get_model (CW_ENDPOINTS_PAGE (page)), "items-changed",
                    G_CALLBACK (list_changed_cb), page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CwApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Converc Webhooks"));

  app = cw_application_new ();
  if (g_strcmp0 (g_getenv ("CONVERC_BENCH"), "1") == 0)
    g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
