/* cw-history-keeper.c
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

/* The one concern of this file: keeping the event journal as Preferences →
 * History says — pruning old events at start and daily, nothing kept when
 * history is off, and Clear History. */

#define G_LOG_DOMAIN "cw-history-keeper"

#include "config.h"

#include "converc.h"
#include "cw-history-keeper.h"

struct _CwHistoryKeeper
{
  GObject    parent_instance;

  GSettings *settings;
  char      *path;
  guint      interval_seconds;
  guint      timer_id;
};

G_DEFINE_FINAL_TYPE (CwHistoryKeeper, cw_history_keeper, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

enum {
  PRUNED,
  CLEARED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What one pass does, decided on the main thread. */
typedef struct
{
  char     *path;
  gboolean  clear;
  gboolean  every;   /* every organisation's journal in the folder of @path */
  guint     days;
} Pass;

static void
pass_free (Pass *pass)
{
  g_free (pass->path);
  g_free (pass);
}

/* In a worker thread: prunes or clears the journal at @path. The number
 * of events removed, or -1 with @error. */
static gint64
run_pass_on (const Pass  *pass,
             const char  *path,
             GError     **error)
{
  g_autoptr(ConvercJournal) journal = NULL;

  /* Nothing stored yet: nothing to remove, and no file is made. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return 0;

  journal = converc_journal_open (path, error);
  if (journal == NULL)
    return -1;

  if (pass->clear)
    {
      gint64 n = converc_journal_count (journal, NULL, 0, error);

      if (n < 0 || !converc_journal_clear (journal, error))
        return -1;
      return n;
    }

  return converc_journal_prune (journal, pass->days, g_get_real_time (), error);
}

/* In a worker thread. The number of events removed, or -1 with @error
 * (the first journal's that failed; the others are still done). */
static gint64
run_pass (const Pass  *pass,
          GError     **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) first_error = NULL;
  gint64 removed = 0;

  if (pass->path == NULL)
    return 0;

  /* Every organisation's journal sits beside this one: history is kept
   * for each as Preferences say, not only for the one on show. */
  if (pass->every)
    {
      g_autofree char *folder = g_path_get_dirname (pass->path);

      paths = converc_journal_list_files (folder);
    }
  else
    paths = g_ptr_array_new_with_free_func (g_free);
  if (!g_ptr_array_find_with_equal_func (paths, pass->path, g_str_equal, NULL))
    g_ptr_array_add (paths, g_strdup (pass->path));

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 n = run_pass_on (pass, g_ptr_array_index (paths, i), &local_error);

      if (n >= 0)
        removed += n;
      else if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return -1;
    }

  return removed;
}

static void
pass_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 n;

  n = run_pass (task_data, &error);
  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void
prune_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CwHistoryKeeper *self = CW_HISTORY_KEEPER (object);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    {
      /* The next pass tries again; the journal reports its own faults
       * where it is read. */
      g_warning ("The event history could not be pruned: %s", error->message);
      n = -1;
    }
  else if (n > 0)
    {
      g_debug ("Removed %" G_GSSIZE_FORMAT " events from the history", n);
    }

  g_signal_emit (self, signals[PRUNED], 0, (gint64) n);
}

static Pass *
pass_new (CwHistoryKeeper *self,
          gboolean         clear)
{
  Pass *pass = g_new0 (Pass, 1);

  pass->path = g_strdup (self->path);
  pass->clear = clear || !g_settings_get_boolean (self->settings, "history-enabled");
  /* Clear History empties one organisation's; the settings hold for all. */
  pass->every = !clear;
  pass->days = MAX (1, g_settings_get_uint (self->settings, "history-days"));
  return pass;
}

void
cw_history_keeper_prune (CwHistoryKeeper *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CW_IS_HISTORY_KEEPER (self));

  task = g_task_new (self, NULL, prune_done_cb, NULL);
  g_task_set_source_tag (task, cw_history_keeper_prune);
  g_task_set_task_data (task, pass_new (self, FALSE), (GDestroyNotify) pass_free);
  g_task_run_in_thread (task, pass_thread);
}

static gboolean
timer_cb (gpointer user_data)
{
  cw_history_keeper_prune (CW_HISTORY_KEEPER (user_data));
  return G_SOURCE_CONTINUE;
}

static void
settings_changed_cb (CwHistoryKeeper *self,
                     const char      *key,
                     GSettings       *settings)
{
  g_assert (CW_IS_HISTORY_KEEPER (self));

  cw_history_keeper_prune (self);
  if (g_strcmp0 (key, "history-enabled") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

static void
cw_history_keeper_dispose (GObject *object)
{
  CwHistoryKeeper *self = CW_HISTORY_KEEPER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cw_history_keeper_parent_class)->dispose (object);
}

static void
cw_history_keeper_finalize (GObject *object)
{
  CwHistoryKeeper *self = CW_HISTORY_KEEPER (object);

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cw_history_keeper_parent_class)->finalize (object);
}

static void
cw_history_keeper_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CwHistoryKeeper *self = CW_HISTORY_KEEPER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, cw_history_keeper_get_enabled (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_history_keeper_class_init (CwHistoryKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_history_keeper_dispose;
  object_class->finalize = cw_history_keeper_finalize;
  object_class->get_property = cw_history_keeper_get_property;

  /**
   * CwHistoryKeeper:enabled:
   *
   * Whether fetched events may be stored ("history-enabled"); notified
   * when the setting changes.
   */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwHistoryKeeper::pruned:
   * @removed: how many events went, -1 when the pass failed
   *
   * A pass ended.
   */
  signals[PRUNED] =
    g_signal_new ("pruned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * CwHistoryKeeper::cleared:
   *
   * Clear History removed every stored event: what lists them reloads.
   */
  signals[CLEARED] =
    g_signal_new ("cleared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cw_history_keeper_init (CwHistoryKeeper *self)
{
}

CwHistoryKeeper *
cw_history_keeper_new (GSettings  *settings,
                       const char *path,
                       guint       interval_seconds)
{
  CwHistoryKeeper *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (interval_seconds > 0, NULL);

  self = g_object_new (CW_TYPE_HISTORY_KEEPER, NULL);
  self->settings = g_object_ref (settings);
  self->path = g_strdup (path);
  self->interval_seconds = interval_seconds;

  g_signal_connect_object (settings, "changed::history-enabled",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::history-days",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  self->timer_id = g_timeout_add_seconds (interval_seconds, timer_cb, self);
  cw_history_keeper_prune (self);

  return self;
}

const char *
cw_history_keeper_get_path (CwHistoryKeeper *self)
{
  g_return_val_if_fail (CW_IS_HISTORY_KEEPER (self), NULL);

  return self->path;
}

void
cw_history_keeper_set_path (CwHistoryKeeper *self,
                            const char      *path)
{
  g_return_if_fail (CW_IS_HISTORY_KEEPER (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  cw_history_keeper_prune (self);
}

gboolean
cw_history_keeper_get_enabled (CwHistoryKeeper *self)
{
  g_return_val_if_fail (CW_IS_HISTORY_KEEPER (self), FALSE);

  return g_settings_get_boolean (self->settings, "history-enabled");
}

static void
clear_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwHistoryKeeper *self = g_task_get_source_object (task);
  GError *error = NULL;

  g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_signal_emit (self, signals[CLEARED], 0);
  g_task_return_boolean (task, TRUE);
}

void
cw_history_keeper_clear_async (CwHistoryKeeper     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) pass = NULL;

  g_return_if_fail (CW_IS_HISTORY_KEEPER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_history_keeper_clear_async);

  /* The clearing is not cancelled half-way: only its answer is. */
  pass = g_task_new (self, NULL, clear_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (pass, pass_new (self, TRUE), (GDestroyNotify) pass_free);
  g_task_run_in_thread (pass, pass_thread);
}

gboolean
cw_history_keeper_clear_finish (CwHistoryKeeper  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (CW_IS_HISTORY_KEEPER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
