/* converc-delivery-outcomes.c
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

/* The one concern of this file: reading and writing the file of the last
 * delivery outcomes per endpoint. */

#define G_LOG_DOMAIN "converc-delivery"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "converc-atomic-file.h"
#include "converc-delivery-outcomes.h"
#include "converc-error.h"
#include "converc-parse.h"

#define FILE_FORMAT_VERSION 1
/* A file this large is not ours (20 × 64 KB bodies per endpoint, base64) */
#define MAX_FILE_SIZE (256 * 1024 * 1024)

struct _ConvercDeliveryOutcomes
{
  GObject     parent_instance;

  GFile      *file;
  /* "base_url\nwebhook_id" → GPtrArray of ConvercDeliveryExchange, newest first */
  GHashTable *table;
};

G_DEFINE_FINAL_TYPE (ConvercDeliveryOutcomes, converc_delivery_outcomes, G_TYPE_OBJECT)

static char *
make_key (const char *base_url,
          const char *webhook_id)
{
  return g_strconcat (base_url ? base_url : "", "\n", webhook_id ? webhook_id : "", NULL);
}

static GHashTable *
table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify)g_ptr_array_unref);
}

/* Parses the file's bytes; a bad entry is skipped, a bad file is an error. */
static GHashTable *
parse_file (GFile   *file,
            GBytes  *bytes,
            GError **error)
{
  g_autoptr(GHashTable) table = table_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *list;
  JsonArray *array;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  /* The bounded parser: the file could have been tampered with. */
  root = converc_parse_json (data, len, &local_error);
  if (root == NULL)
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
                   _("The saved delivery outcomes in %s cannot be read (%s). They start "
                     "afresh; the file is replaced at the next delivery."),
                   path, local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      json_object_get_int_member_with_default (json_node_get_object (root), "version", 0)
        != FILE_FORMAT_VERSION ||
      (list = json_object_get_member (json_node_get_object (root), "endpoints")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
                   _("The saved delivery outcomes in %s are not in a known format. They "
                     "start afresh; the file is replaced at the next delivery."),
                   path);
      return NULL;
    }

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry;
      JsonNode *exchanges;
      GPtrArray *kept;
      const char *base_url;
      const char *webhook_id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      base_url = json_object_get_string_member_with_default (entry, "baseUrl", NULL);
      webhook_id = json_object_get_string_member_with_default (entry, "webhookId", NULL);
      exchanges = json_object_get_member (entry, "exchanges");
      if (base_url == NULL || webhook_id == NULL || exchanges == NULL ||
          !JSON_NODE_HOLDS_ARRAY (exchanges))
        continue;

      kept = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint j = 0; j < json_array_get_length (json_node_get_array (exchanges)) &&
                        kept->len < CONVERC_DELIVERY_OUTCOMES_MAX; j++)
        {
          JsonNode *e = json_array_get_element (json_node_get_array (exchanges), j);
          ConvercDeliveryExchange *exchange = converc_delivery_exchange_from_json (e, NULL);

          if (exchange != NULL)
            g_ptr_array_add (kept, exchange);
        }

      g_hash_table_replace (table, make_key (base_url, webhook_id), kept);
    }

  return g_steal_pointer (&table);
}

static GHashTable *
load_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return table_new ();

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      g_autofree char *path = g_file_get_parse_name (file);

      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_TOO_LARGE,
                   _("The saved delivery outcomes in %s are too large to be read. They "
                     "start afresh."), path);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return table_new ();

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), len);

    return parse_file (file, bytes, error);
  }
}

/* Writes @bytes over the file, which is made private (0600) first. */
static gboolean
write_file (GFile         *file,
            GBytes        *bytes,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileOutputStream) created = NULL;

  if (parent != NULL &&
      !g_file_make_directory_with_parents (parent, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);

  /* The atomic replace keeps the mode of the file it replaces. */
  created = g_file_create (file, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
  if (created != NULL)
    g_output_stream_close (G_OUTPUT_STREAM (created), cancellable, NULL);
  else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return converc_atomic_file_replace (file, bytes, cancellable, error);
}

/* Drops the endpoints beyond CONVERC_DELIVERY_OUTCOMES_MAX_ENDPOINTS whose
 * newest outcome is the oldest. */
static void
prune_endpoints (GHashTable *table)
{
  while (g_hash_table_size (table) > CONVERC_DELIVERY_OUTCOMES_MAX_ENDPOINTS)
    {
      GHashTableIter iter;
      gpointer key, value;
      const char *oldest_key = NULL;
      gint64 oldest = G_MAXINT64;

      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GPtrArray *list = value;
          gint64 newest = list->len > 0
                          ? converc_delivery_exchange_get_started_at (g_ptr_array_index (list, 0))
                          : G_MININT64;

          if (oldest_key == NULL || newest < oldest ||
              (newest == oldest && g_strcmp0 (key, oldest_key) < 0))
            {
              oldest_key = key;
              oldest = newest;
            }
        }

      g_hash_table_remove (table, oldest_key);
    }
}

static GBytes *
serialize (ConvercDeliveryOutcomes *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) keys = NULL;
  char *text;
  gsize len;

  g_assert (CONVERC_IS_DELIVERY_OUTCOMES (self));

  keys = g_list_sort (g_hash_table_get_keys (self->table), (GCompareFunc)g_strcmp0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FILE_FORMAT_VERSION);
  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_array (builder);
  for (const GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *newline = strchr (key, '\n');
      g_autofree char *base_url = g_strndup (key, newline - key);
      GPtrArray *exchanges = g_hash_table_lookup (self->table, key);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "baseUrl");
      json_builder_add_string_value (builder, base_url);
      json_builder_set_member_name (builder, "webhookId");
      json_builder_add_string_value (builder, newline + 1);
      json_builder_set_member_name (builder, "exchanges");
      json_builder_begin_array (builder);
      for (guint i = 0; i < exchanges->len; i++)
        json_builder_add_value (builder,
                                converc_delivery_exchange_to_json (g_ptr_array_index (exchanges, i)));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);

  return g_bytes_new_take (text, len);
}

static void
converc_delivery_outcomes_finalize (GObject *object)
{
  ConvercDeliveryOutcomes *self = (ConvercDeliveryOutcomes *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->table, g_hash_table_unref);

  G_OBJECT_CLASS (converc_delivery_outcomes_parent_class)->finalize (object);
}

static void
converc_delivery_outcomes_class_init (ConvercDeliveryOutcomesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = converc_delivery_outcomes_finalize;
}

static void
converc_delivery_outcomes_init (ConvercDeliveryOutcomes *self)
{
  self->table = table_new ();
}

GFile *
converc_delivery_outcomes_default_file (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "converc-webhooks",
                                    "deliveries.json", NULL);
}

ConvercDeliveryOutcomes *
converc_delivery_outcomes_new (GFile *file)
{
  ConvercDeliveryOutcomes *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CONVERC_TYPE_DELIVERY_OUTCOMES, NULL);
  self->file = g_object_ref (file);

  return self;
}

GFile *
converc_delivery_outcomes_get_file (ConvercDeliveryOutcomes *self)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_OUTCOMES (self), NULL);

  return self->file;
}

gboolean
converc_delivery_outcomes_load (ConvercDeliveryOutcomes  *self,
                                GCancellable             *cancellable,
                                GError                  **error)
{
  GHashTable *table;

  g_return_val_if_fail (CONVERC_IS_DELIVERY_OUTCOMES (self), FALSE);

  table = load_file (self->file, cancellable, error);
  g_clear_pointer (&self->table, g_hash_table_unref);
  self->table = table != NULL ? table : table_new ();

  return table != NULL;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GHashTable *table = load_file (task_data, cancellable, &error);

  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, (GDestroyNotify)g_hash_table_unref);
}

void
converc_delivery_outcomes_load_async (ConvercDeliveryOutcomes *self,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CONVERC_IS_DELIVERY_OUTCOMES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_delivery_outcomes_load_async);
  g_task_set_task_data (task, g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
converc_delivery_outcomes_load_finish (ConvercDeliveryOutcomes  *self,
                                       GAsyncResult             *result,
                                       GError                  **error)
{
  GHashTable *table;

  g_return_val_if_fail (CONVERC_IS_DELIVERY_OUTCOMES (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  table = g_task_propagate_pointer (G_TASK (result), error);
  if (table == NULL)
    return FALSE;

  /* Outcomes added while the file was read stay, newest first. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->table);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        GPtrArray *added = value;
        GPtrArray *loaded = g_hash_table_lookup (table, key);

        if (loaded == NULL)
          {
            loaded = g_ptr_array_new_with_free_func (g_object_unref);
            g_hash_table_replace (table, g_strdup (key), loaded);
          }
        for (guint i = added->len; i > 0; i--)
          g_ptr_array_insert (loaded, 0, g_object_ref (g_ptr_array_index (added, i - 1)));
        if (loaded->len > CONVERC_DELIVERY_OUTCOMES_MAX)
          g_ptr_array_set_size (loaded, CONVERC_DELIVERY_OUTCOMES_MAX);
      }
  }

  g_clear_pointer (&self->table, g_hash_table_unref);
  self->table = table;

  return TRUE;
}

GPtrArray *
converc_delivery_outcomes_list (ConvercDeliveryOutcomes *self,
                                const char              *base_url,
                                const char              *webhook_id)
{
  g_autofree char *key = NULL;
  GPtrArray *found;
  GPtrArray *copy;

  g_return_val_if_fail (CONVERC_IS_DELIVERY_OUTCOMES (self), NULL);

  key = make_key (base_url, webhook_id);
  found = g_hash_table_lookup (self->table, key);
  copy = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; found != NULL && i < found->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (found, i)));

  return copy;
}

void
converc_delivery_outcomes_add (ConvercDeliveryOutcomes *self,
                               const char              *base_url,
                               const char              *webhook_id,
                               ConvercDeliveryExchange *exchange)
{
  g_autofree char *key = NULL;
  GPtrArray *list;

  g_return_if_fail (CONVERC_IS_DELIVERY_OUTCOMES (self));
  g_return_if_fail (CONVERC_IS_DELIVERY_EXCHANGE (exchange));

  key = make_key (base_url, webhook_id);
  list = g_hash_table_lookup (self->table, key);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_replace (self->table, g_steal_pointer (&key), list);
    }

  g_ptr_array_insert (list, 0, g_object_ref (exchange));
  if (list->len > CONVERC_DELIVERY_OUTCOMES_MAX)
    g_ptr_array_set_size (list, CONVERC_DELIVERY_OUTCOMES_MAX);

  prune_endpoints (self->table);
}

gboolean
converc_delivery_outcomes_save (ConvercDeliveryOutcomes  *self,
                                GCancellable             *cancellable,
                                GError                  **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CONVERC_IS_DELIVERY_OUTCOMES (self), FALSE);

  bytes = serialize (self);
  return write_file (self->file, bytes, cancellable, error);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ConvercDeliveryOutcomes *self = source_object;
  GError *error = NULL;

  if (write_file (self->file, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
converc_delivery_outcomes_save_async (ConvercDeliveryOutcomes *self,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CONVERC_IS_DELIVERY_OUTCOMES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_delivery_outcomes_save_async);
  g_task_set_task_data (task, serialize (self), (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
converc_delivery_outcomes_save_finish (ConvercDeliveryOutcomes  *self,
                                       GAsyncResult             *result,
                                       GError                  **error)
{
  g_return_val_if_fail (CONVERC_IS_DELIVERY_OUTCOMES (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
