/* converc-search-query.c
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

/* The one concern of this file: reading a search string into the event type
 * (`type:call.ended`) and the folded words every matching event holds. */

#define G_LOG_DOMAIN "converc-search-query"

#include "config.h"

#include "converc-search-query.h"

#include <string.h>

#define TYPE_PREFIX "type:"

ConvercSearchQuery *
converc_search_query_parse (const char *text)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_auto(GStrv) pieces = NULL;
  ConvercSearchQuery *query = g_new0 (ConvercSearchQuery, 1);

  pieces = g_strsplit_set (text != NULL ? text : "", " \t\n\r", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_autofree char *folded = NULL;
      g_auto(GStrv) parts = NULL;

      if (pieces[i][0] == '\0')
        continue;

      if (g_ascii_strncasecmp (pieces[i], TYPE_PREFIX, strlen (TYPE_PREFIX)) == 0)
        {
          const char *type = pieces[i] + strlen (TYPE_PREFIX);

          g_clear_pointer (&query->event_type, g_free);
          if (type[0] != '\0')
            query->event_type = g_strdup (type);
          continue;
        }

      /* Folding can make white space of other characters (it does not
       * today): split again so that no word holds a line break, which
       * the journal's index relies on. */
      folded = converc_fold_for_search (pieces[i]);
      parts = g_strsplit_set (folded, " \t\n\r", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        {
          if (parts[j][0] != '\0')
            g_strv_builder_add (words, parts[j]);
        }
    }

  query->words = g_strv_builder_end (words);

  return query;
}

ConvercSearchQuery *
converc_search_query_copy (const ConvercSearchQuery *query)
{
  ConvercSearchQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_new0 (ConvercSearchQuery, 1);
  copy->event_type = g_strdup (query->event_type);
  copy->words = g_strdupv (query->words);

  return copy;
}

void
converc_search_query_free (ConvercSearchQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->event_type);
  g_strfreev (query->words);
  g_free (query);
}

gboolean
converc_search_query_is_empty (const ConvercSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, TRUE);

  return query->event_type == NULL && query->words[0] == NULL;
}

gboolean
converc_search_query_matches (const ConvercSearchQuery *query,
                              ConvercEvent             *event)
{
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (CONVERC_IS_EVENT (event), FALSE);

  if (query->event_type != NULL &&
      g_strcmp0 (converc_event_get_event_type (event), query->event_type) != 0)
    return FALSE;

  for (guint i = 0; query->words[i] != NULL; i++)
    {
      if (!converc_event_matches (event, query->words[i]))
        return FALSE;
    }

  return TRUE;
}
