/* cw-event-filter.c
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

/* The one concern of this file: the Events page's filter — the event type and the search words
 * it keeps events by. */

#define G_LOG_DOMAIN "cw-event-filter"

#include "config.h"

#include "cw-event-filter.h"

#include "converc.h"

struct _CwEventFilter
{
  GtkFilter   parent_instance;

  char       *event_type;
  char       *search;
  /* The search read by libconverc: `type:T` and folded words, every one
   * of which must match (the journal's search means the same). */
  ConvercSearchQuery *query;
};

G_DEFINE_FINAL_TYPE (CwEventFilter, cw_event_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_EVENT_TYPE,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* TRUE when every word of @a is contained in a word of @b, i.e. @b's
 * matches are a subset of @a's (@b is "more strict"). */
static gboolean
words_stricter (const char * const *a,
                const char * const *b)
{
  guint n_a = g_strv_length ((GStrv) a);
  guint n_b = g_strv_length ((GStrv) b);

  if (n_b < n_a)
    return FALSE;

  for (guint i = 0; i < n_a; i++)
    {
      if (strstr (b[i], a[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* TRUE when @b keeps a subset of what @a keeps: the same `type:` or none
 * in @a, and stricter words. */
static gboolean
query_stricter (const ConvercSearchQuery *a,
                const ConvercSearchQuery *b)
{
  if (a->event_type != NULL && g_strcmp0 (a->event_type, b->event_type) != 0)
    return FALSE;

  return words_stricter ((const char * const *) a->words, (const char * const *) b->words);
}

static gboolean
cw_event_filter_match (GtkFilter *filter,
                       gpointer   item)
{
  CwEventFilter *self = CW_EVENT_FILTER (filter);
  ConvercEvent *event = item;

  if (!CONVERC_IS_EVENT (item))
    return FALSE;

  if (self->event_type != NULL &&
      g_strcmp0 (converc_event_get_event_type (event), self->event_type) != 0)
    return FALSE;

  return converc_search_query_matches (self->query, event);
}

static GtkFilterMatch
cw_event_filter_get_strictness (GtkFilter *filter)
{
  CwEventFilter *self = CW_EVENT_FILTER (filter);

  if (self->event_type == NULL && converc_search_query_is_empty (self->query))
    return GTK_FILTER_MATCH_ALL;

  return GTK_FILTER_MATCH_SOME;
}

static void
cw_event_filter_finalize (GObject *object)
{
  CwEventFilter *self = (CwEventFilter *)object;

  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->query, converc_search_query_free);

  G_OBJECT_CLASS (cw_event_filter_parent_class)->finalize (object);
}

static void
cw_event_filter_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CwEventFilter *self = CW_EVENT_FILTER (object);

  switch (prop_id)
    {
    case PROP_EVENT_TYPE:
      g_value_set_string (value, self->event_type);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_event_filter_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CwEventFilter *self = CW_EVENT_FILTER (object);

  switch (prop_id)
    {
    case PROP_EVENT_TYPE:
      cw_event_filter_set_event_type (self, g_value_get_string (value));
      break;

    case PROP_SEARCH:
      cw_event_filter_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_event_filter_class_init (CwEventFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = cw_event_filter_finalize;
  object_class->get_property = cw_event_filter_get_property;
  object_class->set_property = cw_event_filter_set_property;

  filter_class->match = cw_event_filter_match;
  filter_class->get_strictness = cw_event_filter_get_strictness;

  properties[PROP_EVENT_TYPE] =
    g_param_spec_string ("event-type", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_event_filter_init (CwEventFilter *self)
{
  self->query = converc_search_query_parse (NULL);
}

CwEventFilter *
cw_event_filter_new (void)
{
  return g_object_new (CW_TYPE_EVENT_FILTER, NULL);
}

const char *
cw_event_filter_get_event_type (CwEventFilter *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FILTER (self), NULL);

  return self->event_type;
}

/**
 * cw_event_filter_set_event_type:
 * @event_type: (nullable): a type such as "call.ended", or %NULL for all
 */
void
cw_event_filter_set_event_type (CwEventFilter *self,
                                const char    *event_type)
{
  GtkFilterChange change;

  g_return_if_fail (CW_IS_EVENT_FILTER (self));

  if (event_type != NULL && event_type[0] == '\0')
    event_type = NULL;

  if (g_strcmp0 (self->event_type, event_type) == 0)
    return;

  if (self->event_type == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (event_type == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->event_type);
  self->event_type = g_strdup (event_type);

  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_TYPE]);
}

const char *
cw_event_filter_get_search (CwEventFilter *self)
{
  g_return_val_if_fail (CW_IS_EVENT_FILTER (self), NULL);

  return self->search;
}

/**
 * cw_event_filter_set_search:
 * @search: (nullable): words to look for, as the user typed them
 *
 * Typing more letters only narrows the list, so the filter model then
 * checks only the events that still match.
 */
void
cw_event_filter_set_search (CwEventFilter *self,
                            const char    *search)
{
  g_autoptr(ConvercSearchQuery) query = NULL;
  GtkFilterChange change;

  g_return_if_fail (CW_IS_EVENT_FILTER (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;

  query = converc_search_query_parse (search);

  if (g_strcmp0 (query->event_type, self->query->event_type) == 0 &&
      g_strv_equal ((const char * const *) query->words,
                    (const char * const *) self->query->words))
    change = (GtkFilterChange) -1;
  else if (query_stricter (self->query, query))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (query_stricter (query, self->query))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->search);
  self->search = g_strdup (search);
  converc_search_query_free (self->query);
  self->query = g_steal_pointer (&query);

  if ((int) change != -1)
    gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}
