/* test-app-renderer.c
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

#define G_LOG_DOMAIN "test-app-renderer"
#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>

#include "cw-renderer.h"

/* The app draws with cairo when OpenGL is a software rasteriser, unless the
 * user chose a renderer with GSK_RENDERER (src/app/cw-renderer.c). Each
 * choice is made in a fresh process: GTK reads GSK_RENDERER once. */

static void
test_names (void)
{
  g_assert_true (cw_renderer_name_is_software ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (cw_renderer_name_is_software ("softpipe"));
  g_assert_true (cw_renderer_name_is_software ("Software Rasterizer"));
  g_assert_true (cw_renderer_name_is_software ("Gallium 0.4 on llvmpipe (LLVM 3.4, 128 bits)"));
  g_assert_true (cw_renderer_name_is_software ("Mesa X11 (swrast)"));

  /* A GPU whose driver names LLVM is hardware. */
  g_assert_false (cw_renderer_name_is_software ("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)"));
  g_assert_false (cw_renderer_name_is_software ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_false (cw_renderer_name_is_software ("NVIDIA GeForce RTX 3060/PCIe/SSE2"));
  g_assert_false (cw_renderer_name_is_software ("virgl"));
  g_assert_false (cw_renderer_name_is_software (""));
  g_assert_false (cw_renderer_name_is_software (NULL));
}

/* Shows a window and returns the type name of the renderer GTK gave it. */
static const char *
renderer_of_a_window (void)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  const char *name;

  gtk_window_present (window);
  while (gtk_native_get_renderer (GTK_NATIVE (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);

  name = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));
  gtk_window_destroy (window);
  return name;
}

static void
test_software_gl_draws_with_cairo (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *gl = NULL;
      gboolean software;
      gboolean chosen;
      const char *renderer;

      g_unsetenv ("GSK_RENDERER");
      gtk_init ();
      adw_init ();

      gl = cw_renderer_probe_gl (gdk_display_get_default ());
      software = cw_renderer_name_is_software (gl);
      g_printerr ("GL_RENDERER: %s\n", gl != NULL ? gl : "(no OpenGL)");

      chosen = cw_renderer_choose (gdk_display_get_default ());
      /* Without a GPU device, cairo without asking OpenGL */
      if (!cw_renderer_gpu_device_present ("/dev/dri", "/dev/nvidia0"))
        g_assert_true (chosen);
      else
        g_assert_cmpint (chosen, ==, software);

      renderer = renderer_of_a_window ();
      g_printerr ("window renderer: %s\n", renderer);
      /* The environment, which programs the app starts inherit, is untouched. */
      g_assert_null (g_getenv ("GSK_RENDERER"));
      if (chosen)
        g_assert_cmpstr (renderer, ==, "GskCairoRenderer");
      else if (gl != NULL)
        g_assert_cmpstr (renderer, !=, "GskCairoRenderer");
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*GL_RENDERER: *window renderer: *");
}

/* A GPU device is a DRM card or render node, or NVIDIA's own device. */
static void
test_gpu_device (void)
{
  g_autofree char *folder = g_dir_make_tmp ("renderer-XXXXXX", NULL);
  g_autofree char *dri = g_build_filename (folder, "dri", NULL);
  g_autofree char *nvidia = g_build_filename (folder, "nvidia0", NULL);
  g_autofree char *by_path = g_build_filename (dri, "by-path", NULL);
  g_autofree char *card = g_build_filename (dri, "card0", NULL);
  g_autofree char *render = g_build_filename (dri, "renderD128", NULL);

  /* No folder, no device */
  g_assert_false (cw_renderer_gpu_device_present (dri, nvidia));
  g_assert_cmpint (g_mkdir (dri, 0700), ==, 0);
  g_assert_false (cw_renderer_gpu_device_present (dri, nvidia));
  g_assert_cmpint (g_mkdir (by_path, 0700), ==, 0);
  g_assert_false (cw_renderer_gpu_device_present (dri, nvidia));

  g_assert_true (g_file_set_contents (render, "", 0, NULL));
  g_assert_true (cw_renderer_gpu_device_present (dri, nvidia));
  g_assert_cmpint (g_unlink (render), ==, 0);
  g_assert_true (g_file_set_contents (card, "", 0, NULL));
  g_assert_true (cw_renderer_gpu_device_present (dri, nvidia));
  g_assert_cmpint (g_unlink (card), ==, 0);
  g_assert_false (cw_renderer_gpu_device_present (dri, nvidia));

  g_assert_true (g_file_set_contents (nvidia, "", 0, NULL));
  g_assert_true (cw_renderer_gpu_device_present (dri, nvidia));

  g_unlink (nvidia);
  g_rmdir (by_path);
  g_rmdir (dri);
  g_rmdir (folder);
}

static void
test_user_choice_is_kept (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *gl = NULL;
      const char *renderer;

      g_setenv ("GSK_RENDERER", "gl", TRUE);
      gtk_init ();
      adw_init ();

      gl = cw_renderer_probe_gl (gdk_display_get_default ());
      g_assert_false (cw_renderer_choose (gdk_display_get_default ()));
      g_assert_null (g_object_get_data (G_OBJECT (gdk_display_get_default ()), "gsk-renderer"));
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");

      renderer = renderer_of_a_window ();
      g_printerr ("GL_RENDERER: %s, window renderer: %s\n", gl != NULL ? gl : "(no OpenGL)", renderer);
      /* With OpenGL at all, GTK honours the choice even on llvmpipe. */
      if (gl != NULL)
        g_assert_cmpstr (renderer, ==, "GskGLRenderer");
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/names", test_names);
  g_test_add_func ("/renderer/software-gl-draws-with-cairo", test_software_gl_draws_with_cairo);
  g_test_add_func ("/renderer/user-choice-is-kept", test_user_choice_is_kept);
  g_test_add_func ("/renderer/gpu-device", test_gpu_device);

  return g_test_run ();
}
