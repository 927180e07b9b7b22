/* main.c
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

/* The one concern of this file: the program's entry point. */

#define G_LOG_DOMAIN "converc-webhooks"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cw-application-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CwApplication) app = NULL;
  const char *localedir;
  int status;

  /* CONVERC_LOCALEDIR: the build tree's po/ folder (build-aux/run-app.sh),
   * where meson compiles the .mo files, for running uninstalled. */
  localedir = g_getenv ("CONVERC_LOCALEDIR");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Converc Webhooks"));

  app = cw_application_new ();

  status = g_application_run (G_APPLICATION (app), argc, argv);
  if (status == 0 && _cw_application_get_startup_failed (app))
    status = 1;

  return status;
}
