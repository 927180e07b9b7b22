/* converc-journal.c
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

/* The one concern of this file: the journal's file — opening, creating and
 * migrating it, its faults — and writing events into it. */

#define G_LOG_DOMAIN "converc-journal"

#include "config.h"

#include "converc-journal-private.h"

#include "converc-background-private.h"
#include "converc-event-search-private.h"
#include "converc-parse.h"
#include "converc-timestamp.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_FINAL_TYPE (ConvercJournal, converc_journal, G_TYPE_OBJECT)

G_DEFINE_QUARK (converc-journal-error-quark, converc_journal_error)

/* Files smaller than this are checked whole when opened (PRAGMA
 * quick_check); larger ones by their size against their header only, so
 * that opening a year of events stays quick. */
#define QUICK_CHECK_MAX_BYTES (16 * 1024 * 1024)

static ConvercJournalError
error_code_for (sqlite3 *db,
                int      rc)
{
  int sys_errno = db != NULL ? sqlite3_system_errno (db) : 0;

  switch (rc & 0xFF)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CONVERC_JOURNAL_ERROR_CORRUPT;
    case SQLITE_FULL:
      return CONVERC_JOURNAL_ERROR_NO_SPACE;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return CONVERC_JOURNAL_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CONVERC_JOURNAL_ERROR_BUSY;
    case SQLITE_IOERR:
      if (sys_errno == ENOSPC || sys_errno == EFBIG || sys_errno == EDQUOT)
        return CONVERC_JOURNAL_ERROR_NO_SPACE;
      if (sys_errno == EACCES || sys_errno == EROFS || sys_errno == EPERM)
        return CONVERC_JOURNAL_ERROR_READ_ONLY;
      return CONVERC_JOURNAL_ERROR_FAILED;
    default:
      return CONVERC_JOURNAL_ERROR_FAILED;
    }
}

void
converc_journal_set_error (ConvercJournal  *self,
                           int              rc,
                           const char      *what,
                           GError         **error)
{
  ConvercJournalError code = error_code_for (self->db, rc);
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  const char *hint = NULL;

  switch (code)
    {
    case CONVERC_JOURNAL_ERROR_NO_SPACE:
      hint = _("the disk is full");
      break;
    case CONVERC_JOURNAL_ERROR_READ_ONLY:
      hint = _("the event history cannot be written");
      break;
    case CONVERC_JOURNAL_ERROR_BUSY:
      hint = _("another program kept the event history busy");
      break;
    case CONVERC_JOURNAL_ERROR_CORRUPT:
      hint = _("the event history is damaged");
      break;
    case CONVERC_JOURNAL_ERROR_FAILED:
    case CONVERC_JOURNAL_ERROR_NEWER_VERSION:
    case CONVERC_JOURNAL_ERROR_NOT_FOUND:
    default:
      break;
    }

  if (hint != NULL)
    /* Translators: "Storing events: the disk is full (database or disk is full)" */
    g_set_error (error, CONVERC_JOURNAL_ERROR, code, _("%s: %s (%s)"), what, hint, detail);
  else
    g_set_error (error, CONVERC_JOURNAL_ERROR, code, "%s: %s", what, detail);
}

gboolean
converc_journal_exec (ConvercJournal  *self,
                      const char      *sql,
                      GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      converc_journal_set_error (self, rc, _("Event history"), error);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
converc_journal_prepare (ConvercJournal  *self,
                         const char      *sql,
                         GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      converc_journal_set_error (self, rc, _("Event history"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/* A single integer from @sql, or FALSE with @error set. */
static gboolean
query_int64 (ConvercJournal  *self,
             const char      *sql,
             gint64          *value,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = converc_journal_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      *value = 0;
      return TRUE;
    }

  converc_journal_set_error (self, rc, _("Event history"), error);
  return FALSE;
}

void
converc_journal_rollback (ConvercJournal *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Brings the schema to CONVERC_JOURNAL_SCHEMA_VERSION, each step in one
 * transaction with its version number. */
static gboolean
migrate (ConvercJournal  *self,
         gint64           version,
         GError         **error)
{
  g_assert (CONVERC_IS_JOURNAL (self));

  for (; version < CONVERC_JOURNAL_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = NULL;

      if (!converc_journal_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Another program may have migrated it while this one waited. */
      if (!query_int64 (self, "PRAGMA user_version", &version, error))
        {
          converc_journal_rollback (self);
          return FALSE;
        }
      if (version >= CONVERC_JOURNAL_SCHEMA_VERSION)
        return converc_journal_exec (self, "COMMIT", error);

      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);

      if (!converc_journal_exec (self, converc_journal_migrations[version], error) ||
          !converc_journal_exec (self, set_version, error) ||
          !converc_journal_exec (self, "COMMIT", error))
        {
          converc_journal_rollback (self);
          return FALSE;
        }
    }

  return TRUE;
}

/* A truncated file: smaller than its header says, with no WAL to hold the
 * missing pages. Read in one read transaction, the header first: another
 * connection creating or writing the file meanwhile (a second instance)
 * can neither commit in rollback mode nor empty the WAL whose pages the
 * header counts, so a file being written is not taken for a truncated
 * one. */
static gboolean
looks_truncated (ConvercJournal *self)
{
  g_autofree char *wal_path = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st, wal_st;
  gint64 page_count = 0, page_size = 0;
  gboolean truncated = FALSE;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (!converc_journal_exec (self, "BEGIN", NULL))
    return FALSE;

  if (query_int64 (self, "PRAGMA page_count", &page_count, NULL) &&
      query_int64 (self, "PRAGMA page_size", &page_size, NULL) &&
      g_stat (self->path, &st) == 0 &&
      !(g_stat (wal_path, &wal_st) == 0 && wal_st.st_size > 0))
    truncated = (gint64) st.st_size < page_count * page_size;

  converc_journal_exec (self, "COMMIT", NULL);

  return truncated;
}

/* The WAL journal mode. A new file is in rollback mode until then, and two
 * connections switching it at once (two instances opening a new journal)
 * make SQLite refuse one at once rather than wait, to avoid a deadlock:
 * that one tries again, a moment later, up to the busy timeout. */
static gboolean
set_wal (ConvercJournal  *self,
         GError         **error)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert (CONVERC_IS_JOURNAL (self));

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (converc_journal_exec (self, "PRAGMA journal_mode = WAL", &local_error))
        return TRUE;
      if (!g_error_matches (local_error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_BUSY) ||
          g_get_monotonic_time () > until)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_usleep (5 * 1000);
    }
}

/* Checks that the file is a sound journal of a version this code reads. */
static gboolean
check_file (ConvercJournal  *self,
            gint64          *version,
            GError         **error)
{
  GStatBuf st;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (!query_int64 (self, "PRAGMA user_version", version, error) ||
      !query_int64 (self, "SELECT count(*) FROM sqlite_schema", &(gint64) { 0 }, error))
    return FALSE;

  if (*version > CONVERC_JOURNAL_SCHEMA_VERSION)
    {
      g_set_error (error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_NEWER_VERSION,
                   _("The event history in “%s” was written by a newer version of this "
                     "application (format %ld, this one reads up to %d); it was left as "
                     "it is"),
                   self->path, (long) *version, CONVERC_JOURNAL_SCHEMA_VERSION);
      return FALSE;
    }

  if (looks_truncated (self))
    {
      g_set_error (error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_CORRUPT,
                   _("Event history: the file is shorter than it says (truncated)"));
      return FALSE;
    }

  if (g_stat (self->path, &st) == 0 && st.st_size <= QUICK_CHECK_MAX_BYTES)
    {
      g_autoptr(sqlite3_stmt) stmt = converc_journal_prepare (self, "PRAGMA quick_check(1)", error);
      int rc;

      if (stmt == NULL)
        return FALSE;

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          converc_journal_set_error (self, rc, _("Event history"), error);
          return FALSE;
        }
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        {
          g_set_error (error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_CORRUPT,
                       _("Event history: the file is damaged (%s)"),
                       (const char *) sqlite3_column_text (stmt, 0));
          return FALSE;
        }
    }

  return TRUE;
}

/* Moves a damaged file (and its WAL) aside, never deleting it, and says
 * where to in @error. */
static void
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *aside = NULL;
  const char *suffixes[] = { "-wal", "-shm" };
  GError *original = *error;

  for (guint n = 0; aside == NULL || g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = n == 0 ? g_strdup_printf ("%s.damaged-%s", path, stamp)
                     : g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      *error = g_error_new (CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_CORRUPT,
                            _("%s; it could not be moved aside (%s)"),
                            original->message, g_strerror (saved_errno));
      g_error_free (original);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  *error = g_error_new (CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_CORRUPT,
                        _("%s; it was kept as “%s” and a new history starts"),
                        original->message, aside);
  g_error_free (original);
}

static gboolean
open_file (ConvercJournal  *self,
           GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  gint64 version = 0;
  gint64 n_unindexed;
  int fd;
  int rc;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CONVERC_JOURNAL_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM
                     ? CONVERC_JOURNAL_ERROR_READ_ONLY : CONVERC_JOURNAL_ERROR_FAILED,
                   _("The event history folder “%s” cannot be made: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Made here so that it is private from the start (SQLite gives its
   * WAL and shared-memory files the same mode). */
  fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CONVERC_JOURNAL_ERROR,
                   saved_errno == ENOSPC || saved_errno == EDQUOT
                     ? CONVERC_JOURNAL_ERROR_NO_SPACE : CONVERC_JOURNAL_ERROR_READ_ONLY,
                   _("The event history “%s” cannot be opened for writing: %s"),
                   self->path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      converc_journal_set_error (self, rc, _("Event history"), error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 10000);

  if (!check_file (self, &version, error))
    return FALSE;

  /* WAL: readers do not wait for the writer. FULL: a committed ingest
   * survives a power cut too, at one sync per ingest. */
  if (!set_wal (self, error) ||
      !converc_journal_exec (self, "PRAGMA synchronous = FULL", error))
    return FALSE;
  /* An ingest of 10,000 events writes ~70 MB of pages to the WAL; once
   * they are copied into the file, the WAL is cut back to this size
   * rather than kept at its largest while the app runs. */
  if (!converc_journal_exec (self, "PRAGMA journal_size_limit = 8388608", error))
    return FALSE;
  /* Copying the WAL into the file (a checkpoint) is not part of a commit,
   * where SQLite runs it by default: into 100,000 events it took 450 ms of
   * a 10,000-event ingest, whose events were stored and safe before it.
   * The indexer's thread runs it behind the ingest (closing the journal
   * copies what is left, and removes the WAL). */
  if (self->path != NULL)
    converc_journal_watch_wal (self);

  if (!migrate (self, version, error))
    return FALSE;

  self->reader = g_object_new (CONVERC_TYPE_JOURNAL, NULL);
  self->reader->path = g_strdup (self->path);
  rc = sqlite3_open_v2 (self->path, &self->reader->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      converc_journal_set_error (self->reader, rc, _("Event history"), error);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->reader->db, 1);
  sqlite3_busy_timeout (self->reader->db, 10000);

  /* A search reads the folded text of up to a few thousand candidates and
   * the index's lists; with SQLite's 2 MB cache they were read again from
   * the file (pread) on every keystroke. 16 MB keeps them (a keystroke at
   * 1,000,000 events was no slower than with 32 MB) and the page's peak
   * memory at 1,000,000 events under 150 MB (BENCHMARKS.md). */
  if (!converc_journal_exec (self->reader, "PRAGMA query_only = 1", error) ||
      !converc_journal_exec (self->reader, "PRAGMA cache_size = -16384", error))
    return FALSE;

  /* Events a closed journal stored but did not index (or a migration
   * listed): the indexer takes them up now. */
  n_unindexed = converc_journal_count_unindexed_locked (self, error);
  if (n_unindexed < 0)
    return FALSE;
  if (n_unindexed > 0)
    {
      g_mutex_lock (&self->lock);
      converc_journal_want_index (self);
      g_mutex_unlock (&self->lock);
    }

  return TRUE;
}

static void
converc_journal_finalize (GObject *object)
{
  ConvercJournal *self = (ConvercJournal *)object;

  converc_journal_stop_indexer (self);
  g_clear_object (&self->reader);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_cond_clear (&self->indexer_cond);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (converc_journal_parent_class)->finalize (object);
}

static void
converc_journal_class_init (ConvercJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = converc_journal_finalize;
}

static void
converc_journal_init (ConvercJournal *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->indexer_cond);
  self->auto_index = TRUE;
  self->index_candidates_max = CONVERC_JOURNAL_INDEX_CANDIDATES_MAX;
}

void
converc_journal_row_free (ConvercJournalRow *row)
{
  if (row == NULL)
    return;

  g_free (row->id);
  g_free (row->event_type);
  g_free (row->created_at);
  g_free (row->contact_name);
  g_free (row->contact_email);
  g_free (row->call_status);
  g_free (row);
}

void
converc_journal_outcome_free (ConvercJournalOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_free (outcome->endpoint_id);
  g_free (outcome->kind);
  g_free (outcome->blob);
  g_free (outcome);
}

char *
converc_journal_scope_for_base_url (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  int port;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (base_url);

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  path = g_strdup (g_uri_get_path (uri));
  while (path[0] != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';
  port = g_uri_get_port (uri);
  if ((port == 443 && g_str_equal (scheme, "https")) || (port == 80 && g_str_equal (scheme, "http")))
    port = -1;

  if (port > 0)
    return g_strdup_printf ("%s://%s:%d%s", scheme, host, port, path);

  return g_strdup_printf ("%s://%s%s", scheme, host, path);
}

char *
converc_journal_dup_path_for_scope (const char *scope)
{
  g_autofree char *normal = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (scope != NULL, NULL);

  /* The same file for every spelling of one base URL; an account id
   * (no scheme) is its own scope. */
  normal = converc_journal_scope_for_base_url (scope);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, normal, -1);
  name = g_strdup_printf ("journal-%.16s.sqlite", hash);

  return g_build_filename (g_get_user_data_dir (), "converc-webhooks", name, NULL);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * converc_journal_list_files:
 * @folder: where journals are kept (the folder of
 *   converc_journal_dup_path_for_scope())
 *
 * Lists the journal files in @folder, one per organisation that has kept
 * history, leaving out their WAL and shared-memory files and anything
 * else kept there.
 *
 * Returns: (transfer full) (element-type filename): the paths, sorted
 */
GPtrArray *
converc_journal_list_files (const char *folder)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, "journal-") || !g_str_has_suffix (name, ".sqlite"))
        continue;

      path = g_build_filename (folder, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_ptr_array_sort (paths, compare_paths);

  return g_steal_pointer (&paths);
}

ConvercJournal *
converc_journal_open (const char  *path,
                      GError     **error)
{
  g_autoptr(ConvercJournal) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CONVERC_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);

  if (!open_file (self, &local_error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      /* Even when the caller does not look at the error: a damaged file
       * must not stop the next open. */
      if (g_error_matches (local_error, CONVERC_JOURNAL_ERROR, CONVERC_JOURNAL_ERROR_CORRUPT))
        move_aside (path, &local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

ConvercJournal *
converc_journal_open_for_scope (const char  *scope,
                                GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (scope != NULL, NULL);

  path = converc_journal_dup_path_for_scope (scope);

  return converc_journal_open (path, error);
}

ConvercJournal *
converc_journal_new_in_memory (void)
{
  ConvercJournal *self = g_object_new (CONVERC_TYPE_JOURNAL, NULL);
  int rc = sqlite3_open_v2 (":memory:", &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_MEMORY | SQLITE_OPEN_FULLMUTEX, NULL);
  g_autoptr(GError) error = NULL;

  if (rc != SQLITE_OK || !migrate (self, 0, &error))
    g_error ("An in-memory event history cannot be made: %s",
             error != NULL ? error->message : sqlite3_errstr (rc));

  return self;
}

const char *
converc_journal_get_path (ConvercJournal *self)
{
  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), NULL);

  return self->path;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static gint64
parse_created_usec (const char *created_at)
{
  g_autoptr(GDateTime) when = created_at != NULL ? converc_timestamp_parse (created_at) : NULL;

  if (when == NULL)
    return G_MININT64;

  return g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
}

static gboolean
ingest_locked (ConvercJournal  *self,
               GPtrArray       *events,
               gint64           seen_usec,
               guint           *n_added,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) insert_body = NULL;
  g_autoptr(sqlite3_stmt) insert_folded = NULL;
  g_autoptr(sqlite3_stmt) insert_unindexed = NULL;
  guint added = 0;

  g_assert (CONVERC_IS_JOURNAL (self));

  if (!converc_journal_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  insert = converc_journal_prepare (self,
                                    "INSERT OR IGNORE INTO events (dedupe, id, type, created_at,"
                                    " created_usec, first_seen_usec, sort_usec, contact_name,"
                                    " contact_email, call_status)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  insert_body = insert == NULL ? NULL :
    converc_journal_prepare (self, "INSERT INTO event_bodies (key, raw) VALUES (?, ?)", error);
  insert_folded = insert_body == NULL ? NULL :
    converc_journal_prepare (self, "INSERT INTO event_folded (key, folded) VALUES (?, ?)", error);
  /* The trigram index is filled behind this transaction, in one of its
   * own (converc-journal-index.c): it is most of the work. */
  insert_unindexed = insert_folded == NULL ? NULL :
    converc_journal_prepare (self, "INSERT INTO events_unindexed (key) VALUES (?)", error);
  if (insert_unindexed == NULL)
    {
      converc_journal_rollback (self);
      return FALSE;
    }

  for (guint i = 0; i < events->len; i++)
    {
      ConvercEvent *event = g_ptr_array_index (events, i);
      GBytes *raw = converc_event_get_raw (event);
      const char *id = converc_event_get_id (event);
      g_autofree char *dedupe = NULL;
      g_autofree char *folded = NULL;
      const char *data;
      gsize len;
      gint64 created_usec;
      gint64 key;
      int rc;

      if (raw == NULL)
        continue;

      data = g_bytes_get_data (raw, &len);
      if (id != NULL)
        dedupe = g_strconcat ("id:", id, NULL);
      else
        {
          g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                               (const guchar *) data, len);

          dedupe = g_strconcat ("sha256:", hash, NULL);
        }

      created_usec = parse_created_usec (converc_event_get_created_at (event));

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, dedupe, -1, SQLITE_STATIC);
      bind_text_or_null (insert, 2, id);
      bind_text_or_null (insert, 3, converc_event_get_event_type (event));
      bind_text_or_null (insert, 4, converc_event_get_created_at (event));
      if (created_usec != G_MININT64)
        sqlite3_bind_int64 (insert, 5, created_usec);
      else
        sqlite3_bind_null (insert, 5);
      sqlite3_bind_int64 (insert, 6, seen_usec);
      sqlite3_bind_int64 (insert, 7, created_usec != G_MININT64 ? created_usec : seen_usec);
      bind_text_or_null (insert, 8, converc_event_get_contact_name (event));
      bind_text_or_null (insert, 9, converc_event_get_contact_email (event));
      bind_text_or_null (insert, 10, converc_event_get_call_status (event));

      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        {
          converc_journal_set_error (self, rc, _("Storing events"), error);
          converc_journal_rollback (self);
          return FALSE;
        }

      if (sqlite3_changes (self->db) == 0)
        continue;  /* stored already */

      key = sqlite3_last_insert_rowid (self->db);
      sqlite3_reset (insert_body);
      sqlite3_bind_int64 (insert_body, 1, key);
      sqlite3_bind_blob64 (insert_body, 2, len > 0 ? data : "", len, SQLITE_STATIC);
      rc = sqlite3_step (insert_body);
      if (rc != SQLITE_DONE)
        {
          converc_journal_set_error (self, rc, _("Storing events"), error);
          converc_journal_rollback (self);
          return FALSE;
        }

      folded = converc_event_search_index_text (data, len);
      sqlite3_reset (insert_folded);
      sqlite3_bind_int64 (insert_folded, 1, key);
      sqlite3_bind_text (insert_folded, 2, folded, -1, SQLITE_STATIC);
      rc = sqlite3_step (insert_folded);
      if (rc == SQLITE_DONE)
        {
          sqlite3_reset (insert_unindexed);
          sqlite3_bind_int64 (insert_unindexed, 1, key);
          rc = sqlite3_step (insert_unindexed);
        }
      if (rc != SQLITE_DONE)
        {
          converc_journal_set_error (self, rc, _("Storing events"), error);
          converc_journal_rollback (self);
          return FALSE;
        }

      added++;
    }

  g_clear_pointer (&insert, sqlite3_finalize);
  g_clear_pointer (&insert_body, sqlite3_finalize);
  g_clear_pointer (&insert_folded, sqlite3_finalize);
  g_clear_pointer (&insert_unindexed, sqlite3_finalize);

  if (!converc_journal_exec (self, "COMMIT", error))
    {
      converc_journal_rollback (self);
      return FALSE;
    }

  if (added > 0 && self->auto_index)
    converc_journal_want_index (self);   /* which copies the WAL behind */
  else
    converc_journal_checkpoint_locked (self, FALSE);

  if (n_added != NULL)
    *n_added = added;

  return TRUE;
}

gboolean
converc_journal_ingest (ConvercJournal  *self,
                        GPtrArray       *events,
                        gint64           seen_usec,
                        guint           *n_added,
                        GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_added != NULL)
    *n_added = 0;

  converc_journal_lock (self);
  ok = ingest_locked (self, events, seen_usec, n_added, error);
  g_mutex_unlock (&self->lock);

  return ok;
}

gboolean
converc_journal_ingest_answer (ConvercJournal  *self,
                               GBytes          *answer,
                               gint64           seen_usec,
                               guint           *n_added,
                               GError         **error)
{
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);

  events = converc_parse_event_list (answer, NULL, NULL, error);
  if (events == NULL)
    return FALSE;

  return converc_journal_ingest (self, events, seen_usec, n_added, error);
}

static void
ingest_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ConvercJournal *self = source_object;
  GPtrArray *events = task_data;
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  if (!converc_journal_ingest (self, events, g_get_real_time (), &n_added, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n_added);
}

void
converc_journal_ingest_async (ConvercJournal      *self,
                              GPtrArray           *events,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CONVERC_IS_JOURNAL (self));
  g_return_if_fail (events != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, converc_journal_ingest_async);
  g_task_set_task_data (task, g_ptr_array_ref (events), (GDestroyNotify) g_ptr_array_unref);
  /* Once started, an ingest finishes: its transaction is all or nothing. */
  g_task_set_return_on_cancel (task, FALSE);
  converc_background_run_task (task, ingest_thread);
}

gboolean
converc_journal_ingest_finish (ConvercJournal  *self,
                               GAsyncResult    *result,
                               guint           *n_added,
                               GError         **error)
{
  gssize added;

  g_return_val_if_fail (CONVERC_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  added = g_task_propagate_int (G_TASK (result), error);
  if (added < 0)
    return FALSE;

  if (n_added != NULL)
    *n_added = added;

  return TRUE;
}
