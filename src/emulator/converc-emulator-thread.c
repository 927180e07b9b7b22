/* converc-emulator-thread.c
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

/* The one concern of this file: an emulator running in a thread of its own, as a server
 * elsewhere would (the demo, the benchmarks). */

#define G_LOG_DOMAIN "converc-emulator"

#include "config.h"

#include "converc-emulator.h"

struct _ConvercEmulatorThread
{
  GMutex                     lock;
  GCond                      cond;
  GThread                   *thread;
  char                      *requested_key;
  ConvercEmulatorThreadFunc  then;
  gpointer                   user_data;
  /* Set by the thread, under @lock, before @ready */
  GMainContext              *context;
  GMainLoop                 *loop;
  char                      *base_url;
  char                      *api_key;
  GError                    *error;
  gboolean                   ready;
};

static gpointer
emulator_thread (gpointer data)
{
  ConvercEmulatorThread *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(ConvercEmulator) emulator = NULL;
  g_autoptr(GError) error = NULL;
  gboolean started;

  /* Made here: its HTTP session belongs to the context it was made in. */
  g_main_context_push_thread_default (context);
  emulator = converc_emulator_new (self->requested_key);
  started = converc_emulator_start (emulator, 0, &error);

  g_mutex_lock (&self->lock);
  if (started)
    {
      self->base_url = g_strdup (converc_emulator_get_base_url (emulator));
      self->api_key = g_strdup (converc_emulator_get_api_key (emulator));
      self->context = g_main_context_ref (context);
      self->loop = g_main_loop_new (context, FALSE);
    }
  else
    self->error = g_steal_pointer (&error);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (started)
    {
      /* Requests wait in this thread's context until it is done. */
      if (self->then != NULL)
        self->then (emulator, self->user_data);
      g_main_loop_run (self->loop);
      converc_emulator_stop (emulator);
    }

  g_clear_object (&emulator);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
emulator_thread_free (ConvercEmulatorThread *self)
{
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->requested_key, g_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

ConvercEmulatorThread *
converc_emulator_thread_start (const char                 *api_key,
                               ConvercEmulatorThreadFunc   then,
                               gpointer                    user_data,
                               GError                    **error)
{
  ConvercEmulatorThread *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (ConvercEmulatorThread, 1);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->requested_key = g_strdup (api_key);
  self->then = then;
  self->user_data = user_data;

  self->thread = g_thread_try_new ("converc-emulator", emulator_thread, self, error);
  if (self->thread == NULL)
    {
      emulator_thread_free (self);
      return NULL;
    }

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      g_thread_join (self->thread);
      emulator_thread_free (self);
      return NULL;
    }

  return self;
}

const char *
converc_emulator_thread_get_base_url (ConvercEmulatorThread *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->base_url;
}

const char *
converc_emulator_thread_get_api_key (ConvercEmulatorThread *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->api_key;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
converc_emulator_thread_stop (ConvercEmulatorThread *self)
{
  g_return_if_fail (self != NULL);

  /* Runs in the thread's loop, even one that has not started yet. */
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  emulator_thread_free (self);
}
