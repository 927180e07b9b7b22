/* cw-journal-model.c
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

/* The one concern of this file: a list model over a journal query — the
 * count and first page from a worker thread, later pages read as a view
 * asks for them, a few pages kept. */

#define G_LOG_DOMAIN "cw-journal-model"

#include "config.h"

#include "cw-journal-model.h"

/* Pages kept besides the first: 8 × 200 events, whatever the journal holds */
#define MAX_PAGES 8

struct _CwJournalModel
{
  GObject             parent_instance;

  ConvercJournal     *journal;
  ConvercSearchQuery *query;
  GCancellable       *cancellable;

  guint               n_items;
  gint64              n_stored;
  gint64              oldest;
  /* page number → GPtrArray of ConvercEvent; @recent: page numbers, most
   * recently used first */
  GHashTable         *pages;
  GQueue              recent;

  guint               loading : 1;
  guint               queried : 1;
};

enum {
  PROP_0,
  PROP_JOURNAL,
  PROP_LOADING,
  PROP_N_ITEMS,
  PROP_N_STORED,
  PROP_OLDEST,
  PROP_QUERIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CwJournalModel, cw_journal_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* The events of @rows, their bodies read by key. An event that cannot be
 * read any more (pruned meanwhile) is NULL. */
static GPtrArray *
read_events (ConvercJournal *journal,
             GPtrArray      *rows)
{
  GPtrArray *events = g_ptr_array_new_full (rows->len, (GDestroyNotify) g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      ConvercJournalRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GBytes) raw = converc_journal_lookup_by_key (journal, row->key, NULL);
      ConvercEvent *event = raw != NULL ? converc_parse_event (raw, NULL) : NULL;

      g_ptr_array_add (events, event);
    }

  return events;
}

typedef struct
{
  ConvercSearchQuery *query;
  GPtrArray          *first_page;
  gint64              n_matches;
  gint64              n_stored;
  gint64              oldest;
} Answer;

static void
answer_free (Answer *answer)
{
  g_clear_pointer (&answer->query, converc_search_query_free);
  g_clear_pointer (&answer->first_page, g_ptr_array_unref);
  g_free (answer);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ConvercJournal *journal = task_data;
  Answer *answer = g_object_get_data (G_OBJECT (task), "answer");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) last = NULL;
  g_autoptr(GError) error = NULL;

  answer->n_stored = converc_journal_count (journal, NULL, 0, &error);
  if (answer->n_stored >= 0)
    answer->n_matches = converc_journal_count (journal, answer->query, 0, &error);
  if (answer->n_stored >= 0 && answer->n_matches >= 0)
    rows = converc_journal_query (journal, answer->query, 0, 0, CW_JOURNAL_MODEL_PAGE, &error);
  if (rows != NULL && answer->n_stored > 0)
    last = converc_journal_query (journal, NULL, 0, answer->n_stored - 1, 1, &error);

  if (rows == NULL || (answer->n_stored > 0 && last == NULL))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (last != NULL && last->len > 0)
    {
      ConvercJournalRow *row = g_ptr_array_index (last, 0);

      answer->oldest = row->created_usec != G_MININT64 ? row->created_usec : row->first_seen_usec;
    }
  answer->first_page = read_events (journal, rows);
  g_task_return_boolean (task, TRUE);
}

static void
set_loading (CwJournalModel *self,
             gboolean        loading)
{
  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
drop_pages (CwJournalModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

static void
keep_page (CwJournalModel *self,
           guint           page,
           GPtrArray      *events)
{
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), events);
  if (page == 0)
    return;   /* the first page stays: the list opens there */

  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
}

static void
query_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CwJournalModel *self = CW_JOURNAL_MODEL (object);
  Answer *answer = g_object_get_data (G_OBJECT (result), "answer");
  g_autoptr(GError) error = NULL;
  guint old_n;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not search the event history: %s", error->message);
      set_loading (self, FALSE);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  old_n = self->n_items;
  drop_pages (self);
  keep_page (self, 0, g_steal_pointer (&answer->first_page));
  self->n_items = (guint) MIN (answer->n_matches, G_MAXUINT - 1);
  self->n_stored = answer->n_stored;
  self->oldest = answer->oldest;
  self->queried = TRUE;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);

  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STORED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OLDEST]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERIED]);
  set_loading (self, FALSE);

  g_object_thaw_notify (G_OBJECT (self));
}

void
cw_journal_model_reload (CwJournalModel *self)
{
  g_autoptr(GTask) task = NULL;
  Answer *answer;

  g_return_if_fail (CW_IS_JOURNAL_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->journal == NULL)
    {
      guint old_n = self->n_items;

      drop_pages (self);
      self->n_items = 0;
      self->n_stored = 0;
      self->oldest = 0;
      if (old_n > 0)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
        }
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  answer = g_new0 (Answer, 1);
  answer->query = self->query != NULL ? converc_search_query_copy (self->query) : NULL;

  task = g_task_new (self, self->cancellable, query_cb, NULL);
  g_task_set_source_tag (task, cw_journal_model_reload);
  g_task_set_task_data (task, g_object_ref (self->journal), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "answer", answer, (GDestroyNotify) answer_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, query_thread);
}

static GType
cw_journal_model_get_item_type (GListModel *model)
{
  return CONVERC_TYPE_EVENT;
}

static guint
cw_journal_model_get_n_items (GListModel *model)
{
  return CW_JOURNAL_MODEL (model)->n_items;
}

/* A page a view asks for is read at once: 200 rows by key, a few ms. */
static gpointer
cw_journal_model_get_item (GListModel *model,
                           guint       position)
{
  CwJournalModel *self = CW_JOURNAL_MODEL (model);
  guint page = position / CW_JOURNAL_MODEL_PAGE;
  GPtrArray *events;
  gpointer event;

  if (position >= self->n_items || self->journal == NULL)
    return NULL;

  events = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (events == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      rows = converc_journal_query (self->journal, self->query, 0,
                                    page * CW_JOURNAL_MODEL_PAGE, CW_JOURNAL_MODEL_PAGE, &error);
      if (rows == NULL)
        {
          g_warning ("Could not read events of the history: %s", error->message);
          return NULL;
        }
      events = read_events (self->journal, rows);
      keep_page (self, page, events);
    }
  else if (page != 0)
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
    }

  if (position % CW_JOURNAL_MODEL_PAGE >= events->len)
    return NULL;

  event = g_ptr_array_index (events, position % CW_JOURNAL_MODEL_PAGE);
  return event != NULL ? g_object_ref (event) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cw_journal_model_get_item_type;
  iface->get_n_items = cw_journal_model_get_n_items;
  iface->get_item = cw_journal_model_get_item;
}

static void
cw_journal_model_dispose (GObject *object)
{
  CwJournalModel *self = (CwJournalModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  drop_pages (self);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (cw_journal_model_parent_class)->dispose (object);
}

static void
cw_journal_model_finalize (GObject *object)
{
  CwJournalModel *self = (CwJournalModel *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->query, converc_search_query_free);

  G_OBJECT_CLASS (cw_journal_model_parent_class)->finalize (object);
}

static void
cw_journal_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CwJournalModel *self = CW_JOURNAL_MODEL (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_N_STORED:
      g_value_set_int64 (value, self->n_stored);
      break;

    case PROP_OLDEST:
      g_value_set_int64 (value, self->oldest);
      break;

    case PROP_QUERIED:
      g_value_set_boolean (value, self->queried);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_journal_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CwJournalModel *self = CW_JOURNAL_MODEL (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      cw_journal_model_set_journal (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_journal_model_class_init (CwJournalModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cw_journal_model_dispose;
  object_class->finalize = cw_journal_model_finalize;
  object_class->get_property = cw_journal_model_get_property;
  object_class->set_property = cw_journal_model_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, CONVERC_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_STORED] =
    g_param_spec_int64 ("n-stored", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_OLDEST] =
    g_param_spec_int64 ("oldest", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_QUERIED] =
    g_param_spec_boolean ("queried", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_journal_model_init (CwJournalModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
}

CwJournalModel *
cw_journal_model_new (void)
{
  return g_object_new (CW_TYPE_JOURNAL_MODEL, NULL);
}

ConvercJournal *
cw_journal_model_get_journal (CwJournalModel *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), NULL);

  return self->journal;
}

void
cw_journal_model_set_journal (CwJournalModel *self,
                              ConvercJournal *journal)
{
  g_return_if_fail (CW_IS_JOURNAL_MODEL (self));
  g_return_if_fail (!journal || CONVERC_IS_JOURNAL (journal));

  if (!g_set_object (&self->journal, journal))
    return;

  cw_journal_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOURNAL]);
}

void
cw_journal_model_set_search (CwJournalModel *self,
                             const char     *search,
                             const char     *event_type)
{
  g_autoptr(ConvercSearchQuery) query = NULL;

  g_return_if_fail (CW_IS_JOURNAL_MODEL (self));

  query = converc_search_query_parse (search != NULL ? search : "");
  if (query->event_type == NULL && event_type != NULL && event_type[0] != '\0')
    query->event_type = g_strdup (event_type);

  g_clear_pointer (&self->query, converc_search_query_free);
  self->query = g_steal_pointer (&query);
  cw_journal_model_reload (self);
}

gboolean
cw_journal_model_get_loading (CwJournalModel *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), FALSE);

  return self->loading;
}

gboolean
cw_journal_model_get_queried (CwJournalModel *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), FALSE);

  return self->queried;
}

gint64
cw_journal_model_get_n_stored (CwJournalModel *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), 0);

  return self->n_stored;
}

gint64
cw_journal_model_get_oldest (CwJournalModel *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), 0);

  return self->oldest;
}

guint
cw_journal_model_find_id (CwJournalModel *self,
                          const char     *id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *events = value;

      for (guint i = 0; i < events->len; i++)
        {
          ConvercEvent *event = g_ptr_array_index (events, i);

          if (event != NULL && g_strcmp0 (converc_event_get_id (event), id) == 0)
            return GPOINTER_TO_UINT (key) * CW_JOURNAL_MODEL_PAGE + i;
        }
    }

  return G_MAXUINT;
}

guint
_cw_journal_model_get_n_pages (CwJournalModel *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), 0);

  return g_hash_table_size (self->pages);
}

const ConvercSearchQuery *
cw_journal_model_get_query (CwJournalModel *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), NULL);

  return self->query;
}
