/* cw-search-provider.c
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

/* The one concern of this file: GNOME Shell's search provider
 * (org.gnome.Shell.SearchProvider2), answered from every account's event
 * journal. */

#define G_LOG_DOMAIN "cw-search-provider"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "converc.h"
#include "cw-application.h"
#include "cw-search-provider.h"
#include "cw-time-format.h"

#define INTERFACE_NAME "org.gnome.Shell.SearchProvider2"
#define INTERFACE_RESOURCE "/com/converc/Webhooks/org.gnome.Shell.SearchProvider2.xml"

struct _CwSearchProvider
{
  GObject          parent_instance;

  /* Not a reference: the application owns the provider. */
  CwApplication   *application;
  GDBusConnection *connection;
  guint            registration_id;

  /* The journals opened so far (path → ConvercJournal), kept for the next
   * search; used from worker threads under @lock. */
  GMutex           lock;
  GHashTable      *journals;
};

G_DEFINE_FINAL_TYPE (CwSearchProvider, cw_search_provider, G_TYPE_OBJECT)

/* One journal to search: an account's (@account_id NULL before there
 * are accounts: the base URL's). */
typedef struct
{
  char *account_id;
  char *path;
} Source;

typedef struct
{
  GDBusMethodInvocation *invocation;
  /* Of Source, the default account's first */
  GPtrArray             *sources;
  ConvercSearchQuery    *query;
  GStrv                  ids;
} Request;

static void
source_free (Source *source)
{
  g_free (source->account_id);
  g_free (source->path);
  g_free (source);
}

static void
request_free (Request *request)
{
  g_clear_object (&request->invocation);
  g_clear_pointer (&request->sources, g_ptr_array_unref);
  g_clear_pointer (&request->query, converc_search_query_free);
  g_clear_pointer (&request->ids, g_strfreev);
  g_free (request);
}

static void
add_source (GPtrArray  *sources,
            const char *account_id,
            char       *path)
{
  Source *source;

  if (path == NULL)
    return;

  source = g_new0 (Source, 1);
  source->account_id = g_strdup (account_id);
  source->path = path;
  g_ptr_array_add (sources, source);
}

/* The journal files of every account, the default account's first; before
 * any account, that of the base URL. None in demo mode (its journal is in
 * memory). */
static GPtrArray *
dup_sources (CwSearchProvider *self)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  ConvercAccountStore *accounts;
  ConvercAccount *fallback;
  guint n;

  if (self->application == NULL || cw_application_get_demo (self->application))
    return sources;

  accounts = cw_application_get_accounts (self->application);
  fallback = accounts != NULL ? converc_account_store_get_default (accounts) : NULL;
  if (fallback != NULL && !converc_account_get_demo (fallback))
    add_source (sources, converc_account_get_id (fallback),
                converc_journal_dup_path_for_scope (converc_account_get_secret_scope (fallback)));

  n = accounts != NULL ? g_list_model_get_n_items (G_LIST_MODEL (accounts)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvercAccount) account = g_list_model_get_item (G_LIST_MODEL (accounts), i);

      if (account == fallback || converc_account_get_demo (account))
        continue;

      add_source (sources, converc_account_get_id (account),
                  converc_journal_dup_path_for_scope (converc_account_get_secret_scope (account)));
    }

  if (sources->len == 0)
    add_source (sources, NULL, cw_application_dup_journal_path (self->application));

  return sources;
}

/* A result id names the account and the event: "ACCOUNT-ID/EVENT-ID";
 * before any account, the event id alone. Returns the source of @result_id
 * (one without an account, or whose account is gone: the default's) and
 * sets @event_id to the event's id. */
static Source *
lookup_result_id (GPtrArray   *sources,
                  const char  *result_id,
                  const char **event_id)
{
  const char *slash = strchr (result_id, '/');

  *event_id = result_id;
  if (sources->len == 0)
    return NULL;

  for (guint i = 0; slash != NULL && i < sources->len; i++)
    {
      Source *source = g_ptr_array_index (sources, i);

      if (source->account_id != NULL &&
          strlen (source->account_id) == (gsize) (slash - result_id) &&
          strncmp (source->account_id, result_id, slash - result_id) == 0)
        {
          *event_id = slash + 1;
          return source;
        }
    }

  return g_ptr_array_index (sources, 0);
}

/* In a worker thread, with @lock held: the journal at @path, opened once;
 * NULL without error when no journal was ever written there. */
static ConvercJournal *
get_journal_locked (CwSearchProvider  *self,
                    const char        *path,
                    GError           **error)
{
  ConvercJournal *journal = g_hash_table_lookup (self->journals, path);

  if (journal != NULL)
    return journal;

  /* A search never creates a journal. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  journal = converc_journal_open (path, error);
  if (journal != NULL)
    g_hash_table_insert (self->journals, g_strdup (path), journal);

  return journal;
}

/* A row found, with where it was found (for the merge). */
typedef struct
{
  ConvercJournalRow *row;
  Source            *source;
  guint              source_index;
  guint              row_index;
} Found;

static gint64
found_time (const Found *found)
{
  return found->row->created_usec != G_MININT64 ? found->row->created_usec
                                                : found->row->first_seen_usec;
}

/* Newest first; ties in the order of the sources, then of the journal. */
static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *fa = *(Found * const *) a;
  const Found *fb = *(Found * const *) b;
  gint64 ta = found_time (fa);
  gint64 tb = found_time (fb);

  if (ta != tb)
    return ta > tb ? -1 : 1;
  if (fa->source_index != fb->source_index)
    return fa->source_index < fb->source_index ? -1 : 1;
  return fa->row_index < fb->row_index ? -1 : (fa->row_index > fb->row_index);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CwSearchProvider *self = source_object;
  Request *request = task_data;
  g_autoptr(GPtrArray) all_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  /* Each journal gives its newest matches; the newest of all are kept. */
  for (guint i = 0; i < request->sources->len; i++)
    {
      Source *source = g_ptr_array_index (request->sources, i);
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      ConvercJournal *journal;

      g_mutex_lock (&self->lock);
      journal = get_journal_locked (self, source->path, &error);
      if (journal != NULL)
        rows = converc_journal_query (journal, request->query, 0, 0,
                                      CW_SEARCH_PROVIDER_MAX_RESULTS, &error);
      g_mutex_unlock (&self->lock);

      if (error != NULL)
        {
          /* The shell shows the others' results; the reason goes to the
           * journal. */
          g_warning ("Searching the event history failed: %s", error->message);
          continue;
        }

      for (guint j = 0; rows != NULL && j < rows->len; j++)
        {
          Found *f = g_new0 (Found, 1);

          f->row = g_ptr_array_index (rows, j);
          f->source = source;
          f->source_index = i;
          f->row_index = j;
          if (f->row->id != NULL)
            g_ptr_array_add (found, f);
          else
            g_free (f);
        }
      if (rows != NULL)
        g_ptr_array_add (all_rows, g_steal_pointer (&rows));
    }

  g_ptr_array_sort (found, compare_found);
  for (guint i = 0; i < found->len && i < CW_SEARCH_PROVIDER_MAX_RESULTS; i++)
    {
      Found *f = g_ptr_array_index (found, i);

      if (f->source->account_id != NULL)
        g_ptr_array_add (ids, g_strdup_printf ("%s/%s", f->source->account_id, f->row->id));
      else
        g_ptr_array_add (ids, g_strdup (f->row->id));
    }
  g_ptr_array_add (ids, NULL);

  g_task_return_pointer (task, g_ptr_array_free (g_steal_pointer (&ids), FALSE),
                         (GDestroyNotify) g_strfreev);
}

/* "call.ended · Kwame Mensah" and "2 h ago · kwame@example.com". */
static GVariant *
build_meta (const char   *id,
            const char   *event_id,
            ConvercEvent *event,
            gint64        now_unix)
{
  g_autofree char *when = cw_format_event_time (event, now_unix);
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  const char *type = converc_event_get_event_type (event);
  const char *who = converc_event_get_contact_name (event);
  const char *reach = converc_event_get_contact_email (event);
  GVariantBuilder meta;

  if (type == NULL || type[0] == '\0')
    type = _("Event");
  if (who == NULL || who[0] == '\0')
    who = converc_event_get_contact_email (event);
  if (who == NULL || who[0] == '\0')
    who = converc_event_get_contact_phone (event);

  if (g_strcmp0 (reach, who) == 0 || reach == NULL || reach[0] == '\0')
    reach = converc_event_get_contact_phone (event);
  if (g_strcmp0 (reach, who) == 0 || reach == NULL || reach[0] == '\0')
    reach = event_id;

  /* Translators: an event in the search results of GNOME Shell: its type
   * and the contact, as in "call.ended · Kwame Mensah". */
  name = who != NULL && who[0] != '\0'
    ? g_strdup_printf (_("%s · %s"), type, who)
    : g_strdup (type);
  /* Translators: below an event in GNOME Shell: when it happened and how
   * to reach the contact, as in "2 h ago · kwame@example.com". */
  description = g_strdup_printf (_("%s · %s"), when, reach);

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&meta, "{sv}", "gicon", g_variant_new_string (APP_ID));
  return g_variant_builder_end (&meta);
}

static void
metas_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CwSearchProvider *self = source_object;
  Request *request = task_data;
  gint64 now_unix = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;
  GVariantBuilder metas;

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));

  g_mutex_lock (&self->lock);
  for (guint i = 0; request->ids[i] != NULL; i++)
    {
      g_autoptr(GBytes) raw = NULL;
      g_autoptr(ConvercEvent) event = NULL;
      g_autoptr(GError) lookup_error = NULL;
      ConvercJournal *journal = NULL;
      const char *event_id;
      Source *source;

      source = lookup_result_id (request->sources, request->ids[i], &event_id);
      if (source != NULL)
        journal = get_journal_locked (self, source->path, &error);
      if (journal == NULL)
        {
          if (error != NULL)
            break;
          continue;
        }

      raw = converc_journal_lookup (journal, event_id, &lookup_error);
      if (raw != NULL)
        event = converc_parse_event (raw, &lookup_error);
      if (event == NULL)
        {
          /* Pruned or cleared since the search: the shell leaves it out. */
          g_debug ("No result meta for %s: %s", request->ids[i], lookup_error->message);
          continue;
        }

      g_variant_builder_add_value (&metas, build_meta (request->ids[i], event_id, event, now_unix));
    }
  g_mutex_unlock (&self->lock);

  if (error != NULL)
    g_warning ("Reading the event history failed: %s", error->message);

  g_task_return_pointer (task, g_variant_ref_sink (g_variant_builder_end (&metas)),
                         (GDestroyNotify) g_variant_unref);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CwSearchProvider *self = CW_SEARCH_PROVIDER (object);
  Request *request = g_task_get_task_data (G_TASK (result));
  g_auto(GStrv) ids = g_task_propagate_pointer (G_TASK (result), NULL);

  g_dbus_method_invocation_return_value (request->invocation,
                                         g_variant_new ("(^as)", ids));
  if (self->application != NULL)
    g_application_release (G_APPLICATION (self->application));
}

static void
metas_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CwSearchProvider *self = CW_SEARCH_PROVIDER (object);
  Request *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GVariant) metas = g_task_propagate_pointer (G_TASK (result), NULL);

  g_dbus_method_invocation_return_value (request->invocation,
                                         g_variant_new_tuple (&metas, 1));
  if (self->application != NULL)
    g_application_release (G_APPLICATION (self->application));
}

/* Runs @func in a worker thread; the application stays up until the
 * answer is sent. */
static void
run_request (CwSearchProvider      *self,
             GDBusMethodInvocation *invocation,
             Request               *request,
             GTaskThreadFunc        func,
             GAsyncReadyCallback    callback)
{
  g_autoptr(GTask) task = NULL;

  request->invocation = g_object_ref (invocation);
  request->sources = dup_sources (self);

  task = g_task_new (self, NULL, callback, NULL);
  g_task_set_source_tag (task, run_request);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (request->sources->len == 0)
    {
      if (func == search_thread)
        g_task_return_pointer (task, g_new0 (char *, 1), (GDestroyNotify) g_strfreev);
      else
        g_task_return_pointer (task,
                               g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE_VARDICT,
                                                                        NULL, 0)),
                               (GDestroyNotify) g_variant_unref);
    }
  else
    {
      g_task_run_in_thread (task, func);
    }

  g_application_hold (G_APPLICATION (self->application));
}

static char *
join_terms (GVariant *terms)
{
  g_autofree const char **strv = g_variant_get_strv (terms, NULL);

  return g_strjoinv (" ", (char **) strv);
}

static void
handle_search (CwSearchProvider      *self,
               GDBusMethodInvocation *invocation,
               GVariant              *terms)
{
  g_autofree char *text = join_terms (terms);
  Request *request = g_new0 (Request, 1);

  request->query = converc_search_query_parse (text);
  if (converc_search_query_is_empty (request->query))
    {
      const char *none[] = { NULL };

      request_free (request);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", none));
      return;
    }

  run_request (self, invocation, request, search_thread, search_done_cb);
}

static void
activate_action (CwSearchProvider *self,
                 const char       *name,
                 const char       *parameter)
{
  GApplication *app = G_APPLICATION (self->application);

  g_action_group_activate_action (G_ACTION_GROUP (app), name,
                                  g_variant_new_string (parameter));
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  CwSearchProvider *self = CW_SEARCH_PROVIDER (user_data);

  if (self->application == NULL)
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_FAILED,
                                             "The application is closing");
      return;
    }

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 0);

      handle_search (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      /* Searching again is as fast as narrowing, and finds the same. */
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 1);

      handle_search (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      Request *request = g_new0 (Request, 1);

      g_variant_get (parameters, "(^as)", &request->ids);
      run_request (self, invocation, request, metas_thread, metas_done_cb);
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *id = NULL;

      g_variant_get (parameters, "(&s@asu)", &id, NULL, NULL);
      activate_action (self, "show-event", id);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 0);
      g_autofree char *text = join_terms (terms);

      activate_action (self, "search-events", text);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "No method %s", method_name);
    }
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { NULL } };

static GDBusInterfaceInfo *
get_interface_info (void)
{
  static GDBusNodeInfo *node;

  if (g_once_init_enter (&node))
    {
      g_autoptr(GBytes) xml = NULL;
      GDBusNodeInfo *info;

      xml = g_resources_lookup_data (INTERFACE_RESOURCE, 0, NULL);
      g_assert (xml != NULL);
      info = g_dbus_node_info_new_for_xml (g_bytes_get_data (xml, NULL), NULL);
      g_assert (info != NULL);
      g_once_init_leave (&node, info);
    }

  return g_dbus_node_info_lookup_interface (node, INTERFACE_NAME);
}

gboolean
cw_search_provider_register (CwSearchProvider  *self,
                             GDBusConnection   *connection,
                             const char        *object_path,
                             GError           **error)
{
  g_return_val_if_fail (CW_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (object_path != NULL, FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  self->registration_id =
    g_dbus_connection_register_object (connection, object_path, get_interface_info (),
                                       &vtable, self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;

  self->connection = g_object_ref (connection);
  return TRUE;
}

void
cw_search_provider_unregister (CwSearchProvider *self)
{
  g_return_if_fail (CW_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}

static void
cw_search_provider_dispose (GObject *object)
{
  CwSearchProvider *self = CW_SEARCH_PROVIDER (object);

  cw_search_provider_unregister (self);
  self->application = NULL;

  G_OBJECT_CLASS (cw_search_provider_parent_class)->dispose (object);
}

static void
cw_search_provider_finalize (GObject *object)
{
  CwSearchProvider *self = CW_SEARCH_PROVIDER (object);

  g_clear_pointer (&self->journals, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cw_search_provider_parent_class)->finalize (object);
}

static void
cw_search_provider_class_init (CwSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_search_provider_dispose;
  object_class->finalize = cw_search_provider_finalize;
}

static void
cw_search_provider_init (CwSearchProvider *self)
{
  g_mutex_init (&self->lock);
  self->journals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

CwSearchProvider *
cw_search_provider_new (CwApplication *application)
{
  CwSearchProvider *self;

  g_return_val_if_fail (CW_IS_APPLICATION (application), NULL);

  self = g_object_new (CW_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  return self;
}
