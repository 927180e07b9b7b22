/* cw-renderer.c
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

/* The one concern of this file: choosing the renderer at start-up (cairo on a software OpenGL). */

#define G_LOG_DOMAIN "cw-renderer"

#include "config.h"

#include <epoxy/gl.h>
#include <gtk/gtk.h>
#include <string.h>

#include "cw-renderer.h"

/* Which renderer draws the windows.
 *
 * GTK 4.8 draws with OpenGL whenever it can, even when the OpenGL is Mesa's
 * software rasteriser (llvmpipe and friends: virtual machines, remote
 * desktops, machines without a GPU driver). There the GL renderer runs its
 * shaders on the CPU, and a frame that shows a new page of a long list
 * takes two to three times as long as GTK's cairo renderer needs for it
 * (BENCHMARKS.md), and compiling those shaders stalls the first frames.
 * Later GTK releases made the same choice themselves: they pass over GL
 * when it is llvmpipe. On 4.8 the app does it, and only when the user has
 * not chosen a renderer with GSK_RENDERER.
 *
 * The choice is the display's "gsk-renderer" data, which
 * gsk_renderer_new_for_surface() reads before anything else (GTK 4.8's own
 * per-display switch): unlike setting GSK_RENDERER, it needs no change to
 * the environment while GTK's threads run, and programs the app starts
 * (a browser for a link) do not inherit it. */

/**
 * cw_renderer_name_is_software:
 * @gl_renderer: (nullable): the GL_RENDERER string of an OpenGL context
 *
 * Returns: whether it names a renderer that draws on the CPU
 */
gboolean
cw_renderer_name_is_software (const char *gl_renderer)
{
  static const char * const software[] = {
    "llvmpipe", "softpipe", "swrast", "software rasterizer",
  };
  g_autofree char *lower = NULL;

  if (gl_renderer == NULL)
    return FALSE;

  lower = g_ascii_strdown (gl_renderer, -1);
  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    {
      if (strstr (lower, software[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * cw_renderer_gpu_device_present:
 * @dri_dir: the folder of DRM devices (`/dev/dri`)
 * @nvidia_device: the device of NVIDIA's own driver (`/dev/nvidia0`)
 *
 * Whether a GPU could draw: a DRM card or render node in @dri_dir, or
 * @nvidia_device. Without one, OpenGL can only be drawn in software.
 *
 * Returns: %TRUE when there is a GPU device
 */
gboolean
cw_renderer_gpu_device_present (const char *dri_dir,
                                const char *nvidia_device)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (dri_dir != NULL, TRUE);
  g_return_val_if_fail (nvidia_device != NULL, TRUE);

  if (g_file_test (nvidia_device, G_FILE_TEST_EXISTS))
    return TRUE;

  dir = g_dir_open (dri_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "card") || g_str_has_prefix (name, "renderD"))
        return TRUE;
    }

  return FALSE;
}

/**
 * cw_renderer_probe_gl:
 * @display: (nullable): a display
 *
 * Creates an OpenGL context on @display and asks it what draws.
 *
 * Returns: (transfer full) (nullable): the GL_RENDERER string, or %NULL
 *   when there is no display or no OpenGL
 */
char *
cw_renderer_probe_gl (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  char *result;

  if (display == NULL)
    return NULL;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL: %s", error != NULL ? error->message : "?");
      return NULL;
    }

  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  result = g_strdup (name);
  gdk_gl_context_clear_current ();

  return result;
}

/**
 * cw_renderer_choose:
 * @display: (nullable): the display the app's windows will be on
 *
 * Makes GTK draw the windows of @display with cairo when its OpenGL is a
 * software rasteriser (or there is no GPU device at all) and the user has
 * not set GSK_RENDERER. Call it before
 * the first window is shown (the application's startup).
 *
 * Returns: whether it chose cairo
 */
gboolean
cw_renderer_choose (GdkDisplay *display)
{
  g_autofree char *gl_renderer = NULL;
  const char *chosen = g_getenv ("GSK_RENDERER");

  if (chosen != NULL && chosen[0] != '\0')
    {
      g_debug ("GSK_RENDERER=%s is set; using it", chosen);
      return FALSE;
    }

  /* No GPU to draw with: OpenGL would be a software rasteriser, and
   * asking it (loading Mesa and LLVM) costs more start-up time than the
   * whole window's first frame. */
  if (!cw_renderer_gpu_device_present ("/dev/dri", "/dev/nvidia0"))
    {
      g_debug ("No GPU device (/dev/dri, /dev/nvidia0): drawing with cairo");
      g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) "cairo");
      return TRUE;
    }

  gl_renderer = cw_renderer_probe_gl (display);
  if (!cw_renderer_name_is_software (gl_renderer))
    return FALSE;

  g_debug ("OpenGL is drawn in software (%s): drawing with cairo instead", gl_renderer);
  g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) "cairo");
  return TRUE;
}
