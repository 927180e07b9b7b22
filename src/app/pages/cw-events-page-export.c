/* cw-events-page-export.c
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

/* The one concern of this file: Export Shown Events… — the events the page
 * shows (type and search applied, every one of them) saved as JSON Lines
 * through the file chooser portal, written off the main thread by
 * libconverc, and the toast that says how it went. */

#define G_LOG_DOMAIN "cw-events-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cw-events-page-private.h"

#include "cw-toast.h"

static void
say (CwEventsPage *self,
     const char   *text)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  g_free (self->export_message);
  self->export_message = g_strdup (text);
  cw_widget_add_toast (GTK_WIDGET (self), text);
}

static void
exported (CwEventsPage *self,
          GFile        *file,
          gboolean      ok,
          guint         n_written,
          const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  g_assert (CW_IS_EVENTS_PAGE (self));

  self->exporting = FALSE;
  _cw_events_page_update (self);

  if (ok)
    /* Translators: "Exported 18 events to converc-events-2026-12-06.jsonl" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u event to %s",
                                         "Exported %u events to %s", n_written),
                            n_written, name);
  else
    /* The message names the file and what failed (a read-only folder, a
     * full disk); any earlier file of that name is as it was. */
    text = g_strdup_printf (_("Could not export the events: %s"), error->message);

  say (self, text);
  g_signal_emit_by_name (self, "exported", ok);
}

/* One export: the page (kept until it ends) and the file. */
typedef struct
{
  CwEventsPage *self;
  GFile        *file;
  GPtrArray    *events;   /* without a journal: the events shown */
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->self);
  g_clear_object (&export->file);
  g_clear_pointer (&export->events, g_ptr_array_unref);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
journal_exported_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(GError) error = NULL;
  guint n_written = 0;
  gboolean ok;

  ok = converc_journal_export_finish (CONVERC_JOURNAL (object), result, &n_written, &error);
  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the page went */

  exported (export->self, export->file, ok, n_written, error);
}

static void
events_export_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;
  guint n_written = 0;

  if (converc_events_export_to_file (export->events, export->file, &n_written,
                                     cancellable, &error))
    g_task_return_int (task, n_written);
  else
    g_task_return_error (task, error);
}

static void
events_exported_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize n_written;

  n_written = g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  exported (export->self, export->file, error == NULL,
            error == NULL ? (guint) n_written : 0, error);
}

/**
 * _cw_events_page_export_to:
 * @file: where to write
 *
 * Writes the events shown to @file off the main thread; "exported" and a
 * toast follow. On a journal every match counts, not only the rows read.
 */
void
_cw_events_page_export_to (CwEventsPage *self,
                           GFile        *file)
{
  ConvercJournal *journal;
  Export *export;

  g_return_if_fail (CW_IS_EVENTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export_cancellable == NULL)
    self->export_cancellable = g_cancellable_new ();

  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->file = g_object_ref (file);

  self->exporting = TRUE;
  _cw_events_page_update (self);

  journal = cw_journal_model_get_journal (self->journal_model);
  if (journal != NULL)
    {
      converc_journal_export_async (journal, cw_journal_model_get_query (self->journal_model),
                                    file, self->export_cancellable, journal_exported_cb,
                                    export);
    }
  else
    {
      g_autoptr(GTask) task = NULL;
      GListModel *model = G_LIST_MODEL (self->filter_model);
      guint n = g_list_model_get_n_items (model);

      /* The events loaded (no journal): the filtered list, as shown. */
      export->events = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (export->events, g_list_model_get_item (model, i));

      task = g_task_new (NULL, self->export_cancellable, events_exported_cb, NULL);
      g_task_set_source_tag (task, _cw_events_page_export_to);
      g_task_set_task_data (task, export, (GDestroyNotify) export_free);
      g_task_run_in_thread (task, events_export_thread);
    }
}

static void
chooser_response_cb (CwEventsPage         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_assert (CW_IS_EVENTS_PAGE (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->export_chooser);

  if (file != NULL)
    _cw_events_page_export_to (self, file);
}

/* "converc-events-2026-12-06.jsonl" */
char *
_cw_events_page_export_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "converc-events-%Y-%m-%d.jsonl");
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CwEventsPage *self = CW_EVENTS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->exporting)
    return;

  g_clear_object (&self->export_chooser);
  self->export_chooser = gtk_file_chooser_native_new (_("Export Shown Events"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);

  filter = gtk_file_filter_new ();
  /* Translators: a kind of file, one JSON document a line */
  gtk_file_filter_set_name (filter, _("JSON Lines"));
  gtk_file_filter_add_pattern (filter, "*.jsonl");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), filter);

  name = _cw_events_page_export_name ();
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);

  g_signal_connect_object (self->export_chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

gboolean
cw_events_page_get_can_export (CwEventsPage *self)
{
  g_return_val_if_fail (CW_IS_EVENTS_PAGE (self), FALSE);

  return self->can_export;
}

void
_cw_events_page_dispose_export (CwEventsPage *self)
{
  g_assert (CW_IS_EVENTS_PAGE (self));

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  g_clear_pointer (&self->export_message, g_free);
}

void
_cw_events_page_class_export_init (CwEventsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * CwEventsPage::exported:
   * @ok: whether the file holds the events
   *
   * An export ended (the toast says how).
   */
  g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "events.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "events.export", NULL);
}
