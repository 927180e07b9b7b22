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
 * count and first page, and every later page, asked of worker threads
 * (cw-journal-model-read.c), a few at a time; placeholders shown until a
 * page arrives; results of an older query dropped; a few pages kept. */

#define G_LOG_DOMAIN "cw-journal-model"

#include "config.h"

#include "cw-journal-model.h"
#include "cw-journal-model-private.h"

/* Pages kept besides the first: 8 × 50 events, whatever the journal holds */
#define MAX_PAGES 8
#define EXACT_COUNT_DELAY_MS 250
/* A query's answer that adds rows to a short list adds them in steps:
 * below CW_JOURNAL_MODEL_FIRST_ROWS a few a frame (see
 * cw-journal-model-private.h), then GROW_STEP a main-loop iteration up to
 * GROW_LIMIT, then all the others: GTK 4.8's list view makes a row for
 * each of its first 200 items at once, and 200 rows at once stall the
 * main loop. */
#define GROW_STEP   25
#define GROW_LIMIT  200
/* Pages read at once (one a core) */
#define MAX_PAGE_READS 2


struct _CwJournalModel
{
  GObject             parent_instance;

  ConvercJournal     *journal;
  ConvercSearchQuery *query;
  ConvercJournalOrder order;
  /* Cancels the reads of the current query (count, first page, pages) */
  GCancellable       *cancellable;
  /* Grows with every query: a page read for an older one is dropped */
  guint               generation;
  /* For tests: each read on the worker first sleeps this long */
  guint               read_delay_ms;

  /* @n_items: the positions the model shows; @n_target: those the
   * query found, which @grow_source adds while they differ */
  guint               n_items;
  guint               n_target;
  guint               grow_source;
  /* Starts the exact count of a search's matches past CW_JOURNAL_MODEL_FIRST_COUNT */
  guint               exact_source;
  gint64              n_stored;
  gint64              oldest;
  /* page number → Page; @recent: page numbers, most recently used first */
  GHashTable         *pages;
  GQueue              recent;
  guint               n_reads;
  /* Numbers of the pages to read, MAX_PAGE_READS at a time (a list view
   * asks for four or five at once, and a search keystroke must not wait
   * behind them), and how many are being read */
  GQueue              to_read;
  guint               n_page_reads;

  guint               loading : 1;
  guint               queried : 1;
  /* @n_stored and @oldest hold for the journal as it is now: a new
   * search or order does not count them again */
  guint               stored_known : 1;
};

/* One page of events, or its placeholders while it is read. */
typedef struct
{
  GPtrArray *events;
  guint      reading : 1;
} Page;

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
static void read_next_page (CwJournalModel *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (CwJournalModel, cw_journal_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
page_free (Page *page)
{
  g_clear_pointer (&page->events, g_ptr_array_unref);
  g_free (page);
}


static void
set_loading (CwJournalModel *self,
             gboolean        loading)
{
  g_assert (CW_IS_JOURNAL_MODEL (self));

  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (!loading)
    read_next_page (self);
}

static void
drop_pages (CwJournalModel *self)
{
  g_assert (CW_IS_JOURNAL_MODEL (self));

  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

static void
keep_page (CwJournalModel *self,
           guint           number,
           Page           *page)
{
  g_assert (CW_IS_JOURNAL_MODEL (self));

  if (g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number)) != page)
    g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
  if (number == 0)
    return;   /* the first page stays: the list opens there */

  g_queue_remove (&self->recent, GUINT_TO_POINTER (number));
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (number));
  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
}

static GTask *
read_task_new (CwJournalModel      *self,
               guint                page,
               gboolean             count,
               GAsyncReadyCallback  callback)
{
  GTask *task;
  CwJournalRead *read;

  g_assert (CW_IS_JOURNAL_MODEL (self));

  read = g_new0 (CwJournalRead, 1);
  read->journal = g_object_ref (self->journal);
  read->query = self->query != NULL ? converc_search_query_copy (self->query) : NULL;
  read->order = self->order;
  read->generation = self->generation;
  read->page = page;
  read->count = count;
  read->known_stored = self->stored_known ? self->n_stored : -1;
  read->known_oldest = self->oldest;
  read->read_delay_ms = self->read_delay_ms;

  task = g_task_new (self, self->cancellable, callback, NULL);
  g_task_set_source_tag (task, read_task_new);
  g_task_set_task_data (task, read, (GDestroyNotify) cw_journal_read_free);

  return task;
}

/* How many positions the model shows next, growing from @n_items towards
 * @n_target (or shrinking to it). */
static guint
next_step (CwJournalModel *self,
           guint           n_items)
{
  g_assert (CW_IS_JOURNAL_MODEL (self));

  if (self->n_target <= n_items || n_items >= GROW_LIMIT)
    return self->n_target;

  if (n_items < CW_JOURNAL_MODEL_FIRST_ROWS)
    return MIN (self->n_target, n_items + CW_JOURNAL_MODEL_FIRST_STEP);

  return MIN (self->n_target, MIN (n_items + GROW_STEP, GROW_LIMIT));
}

/* grow_cb() starts the next source itself past the first screenful */
static void start_growing (CwJournalModel *self);

static gboolean
grow_cb (gpointer user_data)
{
  CwJournalModel *self = user_data;
  guint old_n = self->n_items;

  g_assert (CW_IS_JOURNAL_MODEL (self));

  self->n_items = next_step (self, old_n);
  if (self->n_items > old_n)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_items - old_n);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }

  if (self->n_items >= self->n_target)
    {
      self->grow_source = 0;
      return G_SOURCE_REMOVE;
    }

  /* Past the first screenful: a step a main-loop iteration, not a frame */
  if (old_n < CW_JOURNAL_MODEL_FIRST_ROWS && self->n_items >= CW_JOURNAL_MODEL_FIRST_ROWS)
    {
      self->grow_source = 0;
      start_growing (self);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
start_growing (CwJournalModel *self)
{
  g_assert (CW_IS_JOURNAL_MODEL (self));

  if (self->grow_source != 0)
    return;

  /* Taking turns with frames (see cw-event-feed-merge.c): GTK draws at
   * G_PRIORITY_HIGH_IDLE + 20 (GDK_PRIORITY_REDRAW; this model does not
   * use GTK). The first screenful waits a frame's time between steps. */
  if (self->n_items < CW_JOURNAL_MODEL_FIRST_ROWS)
    self->grow_source = g_timeout_add_full (G_PRIORITY_HIGH_IDLE + 20,
                                            CW_JOURNAL_MODEL_FIRST_STEP_MS,
                                            grow_cb, self, NULL);
  else
    self->grow_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, grow_cb, self, NULL);
  g_source_set_name_by_id (self->grow_source, "[cw] journal rows adding");
}

/* The exact number of matches, past CW_JOURNAL_MODEL_FIRST_COUNT: the list grows. */
static void
exact_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CwJournalModel *self = CW_JOURNAL_MODEL (object);
  CwJournalRead *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint old_n;
  guint n;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          read->generation == self->generation)
        g_warning ("Could not count the events of the history: %s", error->message);
      return;
    }

  if (read->generation != self->generation)
    return;

  n = (guint) MIN (read->n_matches, G_MAXUINT - 1);
  if (n <= self->n_target)
    return;

  self->n_target = n;
  if (self->grow_source != 0)
    return;

  old_n = self->n_items;
  self->n_items = next_step (self, old_n);
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_items - old_n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (self->n_items < self->n_target)
    start_growing (self);
}

static gboolean
count_exactly_cb (gpointer user_data)
{
  CwJournalModel *self = user_data;
  g_autoptr(GTask) task = NULL;

  g_assert (CW_IS_JOURNAL_MODEL (self));

  self->exact_source = 0;
  task = read_task_new (self, 0, FALSE, exact_cb);
  ((CwJournalRead *) g_task_get_task_data (task))->exact = TRUE;
  g_task_run_in_thread (task, cw_journal_read_thread);

  return G_SOURCE_REMOVE;
}

static void
query_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CwJournalModel *self = CW_JOURNAL_MODEL (object);
  CwJournalRead *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Page *first;
  guint old_n;
  guint keep;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (read->generation != self->generation)
        return;
      g_warning ("Could not search the event history: %s", error->message);
      set_loading (self, FALSE);
      return;
    }

  /* A newer query is under way: this one's answer is stale. */
  if (read->generation != self->generation)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  old_n = self->n_items;
  drop_pages (self);
  first = g_new0 (Page, 1);
  first->events = g_steal_pointer (&read->events);
  keep_page (self, 0, first);
  g_clear_handle_id (&self->grow_source, g_source_remove);
  self->n_target = (guint) MIN (read->n_matches, G_MAXUINT - 1);
  self->n_items = next_step (self, old_n);
  self->n_stored = read->n_stored;
  self->oldest = read->oldest;
  self->stored_known = TRUE;
  self->queried = TRUE;

  /* In two steps: GTK 4.8's list views look for the rows of removed
   * items among every added item, which would ask for (and read) every
   * page; positions added or removed at the end are one change, those
   * that stay (their items replaced) another. */
  keep = MIN (old_n, self->n_items);
  if (old_n != self->n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), keep, old_n - keep, self->n_items - keep);
  if (keep > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, keep, keep);

  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STORED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OLDEST]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERIED]);
  set_loading (self, FALSE);

  g_object_thaw_notify (G_OBJECT (self));

  if (self->n_items < self->n_target)
    start_growing (self);

  /* More than the first count: the exact number follows, once the
   * search has stayed the same a moment (not for every keystroke of a
   * word being typed, which would take a core from the next one). */
  if (read->n_matches >= CW_JOURNAL_MODEL_FIRST_COUNT && read->n_matches != read->n_stored)
    {
      self->exact_source = g_timeout_add (EXACT_COUNT_DELAY_MS, count_exactly_cb, self);
      g_source_set_name_by_id (self->exact_source, "[cw] journal exact count");
    }
}

/* A page read: its events replace the placeholders, unless the query
 * changed or the page was dropped meanwhile. */
static void
apply_page (CwJournalModel *self,
            GAsyncResult   *result)
{
  CwJournalRead *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Page *page;
  guint n_shown;
  guint start;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* By a new query: the page is read again once it is answered,
           * unless the answer replaces it. */
          page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (read->page));
          if (page != NULL && page->reading &&
              g_queue_find (&self->to_read, GUINT_TO_POINTER (read->page)) == NULL)
            g_queue_push_head (&self->to_read, GUINT_TO_POINTER (read->page));
        }
      else if (read->generation == self->generation)
        {
          g_warning ("Could not read events of the history: %s", error->message);
          /* The placeholders stay; asking again reads the page again. */
          g_queue_remove (&self->recent, GUINT_TO_POINTER (read->page));
          g_hash_table_remove (self->pages, GUINT_TO_POINTER (read->page));
        }
      return;
    }

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (read->page));
  if (read->generation != self->generation || page == NULL || !page->reading)
    return;

  n_shown = page->events->len;
  /* The journal changed meanwhile: positions past its end stay
   * placeholders until the next query. */
  for (guint i = 0; i < read->events->len && i < n_shown; i++)
    {
      g_object_unref (page->events->pdata[i]);
      page->events->pdata[i] = g_object_ref (g_ptr_array_index (read->events, i));
    }
  page->reading = FALSE;

  start = read->page * CW_JOURNAL_MODEL_PAGE;
  if (start >= self->n_items)
    return;
  n_shown = MIN (n_shown, self->n_items - start);
  g_list_model_items_changed (G_LIST_MODEL (self), start, n_shown, n_shown);
}

/* A page read ended, whichever way: the next one may start. */
static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CwJournalModel *self = CW_JOURNAL_MODEL (object);

  self->n_page_reads--;
  apply_page (self, result);
  read_next_page (self);
}

/* The next pages to read, while fewer than MAX_PAGE_READS are being read
 * and no query is under way (its answer replaces the pages): in the
 * order the view asked for them, skipping those it let go of meanwhile.
 * A read is made when it starts, so that it reads the current query. */
static void
read_next_page (CwJournalModel *self)
{
  g_assert (CW_IS_JOURNAL_MODEL (self));

  while (self->n_page_reads < MAX_PAGE_READS && !self->loading && self->journal != NULL &&
         !g_queue_is_empty (&self->to_read))
    {
      guint number = GPOINTER_TO_UINT (g_queue_pop_head (&self->to_read));
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
      g_autoptr(GTask) task = NULL;

      if (page == NULL || !page->reading)
        continue;

      self->n_page_reads++;
      self->n_reads++;
      task = read_task_new (self, number, FALSE, page_cb);
      g_task_run_in_thread (task, cw_journal_read_thread);
    }
}

static void
read_page (CwJournalModel *self,
           guint           number,
           Page           *page)
{
  g_assert (CW_IS_JOURNAL_MODEL (self));

  page->reading = TRUE;
  if (g_queue_find (&self->to_read, GUINT_TO_POINTER (number)) == NULL)
    g_queue_push_tail (&self->to_read, GUINT_TO_POINTER (number));
  read_next_page (self);
}

/* Queries again; @recount: the journal's events changed, so that their
 * number and oldest time are read again too. */
static void
query_again (CwJournalModel *self,
             gboolean        recount)
{
  g_autoptr(GTask) task = NULL;

  g_assert (CW_IS_JOURNAL_MODEL (self));

  if (recount)
    self->stored_known = FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->exact_source, g_source_remove);
  self->generation++;
  /* What is shown stays until the new answer. */
  g_clear_handle_id (&self->grow_source, g_source_remove);
  self->n_target = self->n_items;

  if (self->journal == NULL)
    {
      guint old_n = self->n_items;

      drop_pages (self);
      self->n_items = 0;
      self->n_target = 0;
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
  task = read_task_new (self, 0, TRUE, query_cb);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, cw_journal_read_thread);
}

void
cw_journal_model_reload (CwJournalModel *self)
{
  g_return_if_fail (CW_IS_JOURNAL_MODEL (self));

  query_again (self, TRUE);
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

/* A page a view asks for is read on a worker; until it arrives its
 * positions hold placeholders (see cw_journal_model_is_placeholder()). */
static gpointer
cw_journal_model_get_item (GListModel *model,
                           guint       position)
{
  CwJournalModel *self = CW_JOURNAL_MODEL (model);
  guint number = position / CW_JOURNAL_MODEL_PAGE;
  guint offset = position % CW_JOURNAL_MODEL_PAGE;
  Page *page;

  if (position >= self->n_items || self->journal == NULL)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));

  /* Made while the list was shorter (it grows a step at a time, or by
   * the exact count): read again, whole. */
  if (page != NULL && offset >= page->events->len)
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (number));
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (number));
      page = NULL;
    }

  if (page == NULL)
    {
      /* As many as the query found, though the list may show fewer yet. */
      guint n = MIN (CW_JOURNAL_MODEL_PAGE,
                     MAX (self->n_items, self->n_target) - number * CW_JOURNAL_MODEL_PAGE);

      page = g_new0 (Page, 1);
      page->events = g_ptr_array_new_full (n, (GDestroyNotify) g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (page->events, cw_journal_placeholder_new ());
      keep_page (self, number, page);
      read_page (self, number, page);
    }
  else if (number != 0)
    keep_page (self, number, page);   /* most recently used */

  if (offset >= page->events->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (page->events, offset));
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
  g_clear_handle_id (&self->grow_source, g_source_remove);
  g_clear_handle_id (&self->exact_source, g_source_remove);
  drop_pages (self);
  g_queue_clear (&self->to_read);
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
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
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
  query_again (self, FALSE);
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
      GPtrArray *events = ((Page *) value)->events;

      for (guint i = 0; i < events->len; i++)
        {
          ConvercEvent *event = g_ptr_array_index (events, i);

          guint position = GPOINTER_TO_UINT (key) * CW_JOURNAL_MODEL_PAGE + i;

          if (position < self->n_items && !cw_journal_model_is_placeholder (event) &&
              g_strcmp0 (converc_event_get_id (event), id) == 0)
            return position;
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

/**
 * cw_journal_model_is_placeholder:
 * @event: (nullable): an item of the model
 *
 * Returns: %TRUE when @event stands for an event whose page is still read
 */
gboolean
cw_journal_model_is_placeholder (gpointer event)
{
  return event == NULL ||
         (G_IS_OBJECT (event) &&
          g_object_get_qdata (event, cw_journal_placeholder_quark ()) != NULL);
}

ConvercJournalOrder
cw_journal_model_get_order (CwJournalModel *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), CONVERC_JOURNAL_ORDER_NEWEST_FIRST);

  return self->order;
}

/**
 * cw_journal_model_set_order:
 *
 * Queries again in @order (a column of the list was sorted).
 */
void
cw_journal_model_set_order (CwJournalModel      *self,
                            ConvercJournalOrder  order)
{
  g_return_if_fail (CW_IS_JOURNAL_MODEL (self));

  if (self->order == order)
    return;

  self->order = order;
  query_again (self, FALSE);
}

void
_cw_journal_model_set_read_delay (CwJournalModel *self,
                                  guint           msec)
{
  g_return_if_fail (CW_IS_JOURNAL_MODEL (self));

  self->read_delay_ms = msec;
}

guint
_cw_journal_model_get_n_reads (CwJournalModel *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), 0);

  return self->n_reads;
}

guint
_cw_journal_model_get_n_reading (CwJournalModel *self)
{
  g_return_val_if_fail (CW_IS_JOURNAL_MODEL (self), 0);

  return self->n_page_reads + g_queue_get_length (&self->to_read);
}
