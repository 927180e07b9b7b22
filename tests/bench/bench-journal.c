/* bench-journal.c
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

/* The one concern of this file: the event journal's figures (issue 14), a
 * benchmark program, not a test. For each N it builds a journal of N
 * realistic events (the emulator's generator, 30 days, answers of 10,000)
 * and prints
 *   - the ingest of one 10,000-event answer (parse + store) beside
 *     json-glib parsing the same bytes (the curl + json-glib reference,
 *     without the transfer, which would only add to it), and their ratio:
 *     json-glib in a process of its own, as a `curl | parser` pipeline
 *     runs it, and json-glib again in this process just after the ingest
 *     (its memory already faulted in, the stricter reference); and the
 *     indexing behind it (the journal's thread does it in the app);
 *   - the database size per event;
 *   - a search keystroke (first page of 50 + the count up to 1,000, as the
 *     Events page asks) for typical searches: median and worst, and the
 *     1–2 character searches (no index) apart;
 *   - the peak RSS of a process that only opens the journal and searches.
 *
 * The journal is built in bulk: answers stored without their indexing,
 * indexed at the end in batches of INDEX_BULK (the first answer and the
 * last are timed with their indexing apart).
 *
 * Usage: bench-journal [--dir DIR] [--keep] [N ...]   (default N: 100000)
 *        bench-journal --search-only PATH           (the RSS child)
 *        bench-journal --json-glib FILE             (the reference child) 
 * Machine-readable lines "@name value" follow the human ones. */

#define G_LOG_DOMAIN "bench-journal"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "converc.h"
#include "converc-emulator-private.h"
#include "converc-journal-private.h"

#define ANSWER_SIZE 10000
#define INDEX_BULK 50000
#define PAGE 50
#define RUNS 5
/* The status line counts this far ("1,000+ matching") on a keystroke. */
#define COUNT_AT_MOST 1000
#define NOW_USEC (G_GINT64_CONSTANT (1796083200) * G_USEC_PER_SEC)  /* 2026-12-01 */
#define SPAN_USEC (G_GINT64_CONSTANT (30) * 86400 * G_USEC_PER_SEC)

static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

/* One answer of @n events, oldest first from @first of @total. */
static GBytes *
render_answer (ConvercEmulatorGenerator *gen,
               guint                     first,
               guint                     n,
               guint                     total,
               GPtrArray                *needles)
{
  GString *s = g_string_new ("[");

  for (guint i = first; i < first + n; i++)
    {
      const char *type = converc_emulator_generator_pick_type (gen);
      gint64 created = NOW_USEC - SPAN_USEC + (SPAN_USEC / total) * i;
      g_autofree char *id = NULL;
      g_autofree char *json = converc_emulator_generator_render (gen, type, created, &id);

      if (i > first)
        g_string_append (s, ",\n");
      g_string_append (s, json);

      /* Searches a support person types: an event id, an e-mail address,
       * a name, from events spread over the journal. */
      if (needles != NULL && i % (total / 8 + 1) == 7)
        {
          g_autoptr(GBytes) raw = g_bytes_new (json, strlen (json));
          g_autoptr(ConvercEvent) event = converc_parse_event (raw, NULL);

          g_ptr_array_add (needles, g_strdup (id));
          if (converc_event_get_contact_email (event) != NULL)
            g_ptr_array_add (needles, g_strdup (converc_event_get_contact_email (event)));
          if (converc_event_get_contact_name (event) != NULL)
            g_ptr_array_add (needles, g_strdup_printf ("type:call.ended %s",
                                                       converc_event_get_contact_name (event)));
        }
    }
  g_string_append (s, "]");

  return g_string_free_to_bytes (s);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Times a keystroke: the first page and the count. Returns ms (wall), and
 * the CPU time it took in @cpu_ms, which a loaded machine disturbs less. */
static double
time_search (ConvercJournal *journal,
             const char     *text,
             gint64         *n_matches,
             double         *cpu_ms)
{
  g_autoptr(ConvercSearchQuery) query = converc_search_query_parse (text);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double c0 = thread_cpu_ms ();

  /* What converc_journal_query_async() does on its thread. */
  rows = converc_journal_query_page (journal, query, 0, 0, PAGE, COUNT_AT_MOST, n_matches, &error);
  if (rows == NULL)
    g_error ("%s", error->message);

  *cpu_ms = thread_cpu_ms () - c0;
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* The 1-minute load average, for the record of a wall-clock figure. */
static const char *
load_average (void)
{
  static char text[32];
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return "?";
  g_strlcpy (text, contents, sizeof text);
  if (strchr (text, ' ') != NULL)
    *strchr (text, ' ') = '\0';
  return text;
}

static void
search_figures (ConvercJournal *journal,
                GPtrArray      *searches,
                const char     *label)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double median, worst, cpu_median;

  for (guint s = 0; s < searches->len; s++)
    {
      const char *text = g_ptr_array_index (searches, s);
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
      gint64 n = 0;

      for (int r = 0; r < RUNS; r++)
        {
          double cpu = 0;
          double ms = time_search (journal, text, &n, &cpu);

          g_array_append_val (times, ms);
          g_array_append_val (all, ms);
          g_array_append_val (all_cpu, cpu);
          g_array_append_val (cpu_times, cpu);
        }
      g_array_sort (times, compare_double);
      g_array_sort (cpu_times, compare_double);
      g_print ("  %-44s %8" G_GINT64_FORMAT " matches  median %8.1f ms  worst %8.1f ms  CPU %6.1f ms\n",
               text, n, g_array_index (times, double, RUNS / 2),
               g_array_index (times, double, RUNS - 1), g_array_index (cpu_times, double, RUNS / 2));
    }

  g_array_sort (all, compare_double);
  median = g_array_index (all, double, all->len / 2);
  worst = g_array_index (all, double, all->len - 1);
  g_array_sort (all_cpu, compare_double);
  cpu_median = g_array_index (all_cpu, double, all_cpu->len / 2);
  g_print ("%s: median %.1f ms, worst %.1f ms over %u keystrokes (CPU time: median %.1f ms;"
           " load average %s)\n", label, median, worst, all->len, cpu_median, load_average ());
  g_print ("@%s_median_ms %.1f\n@%s_worst_ms %.1f\n@%s_cpu_median_ms %.1f\n",
           label, median, label, worst, label, cpu_median);
}

static GPtrArray *
short_searches (void)
{
  GPtrArray *searches = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (searches, g_strdup ("z"));
  g_ptr_array_add (searches, g_strdup ("ab"));
  g_ptr_array_add (searches, g_strdup ("type:call.missed q"));
  return searches;
}

static int
search_only (const char *path,
             const char *needles_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvercJournal) journal = converc_journal_open (path, &error);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) searches = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  double before;

  if (journal == NULL)
    g_error ("%s", error->message);
  if (!g_file_get_contents (needles_path, &contents, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (searches, g_strdup (lines[i]));

  before = peak_rss_mb ();
  search_figures (journal, searches, "search");
  {
    g_autoptr(GPtrArray) few = short_searches ();

    search_figures (journal, few, "search_short");
  }
  g_print ("peak RSS of opening and searching: %.1f MB (%.1f MB after opening)\n",
           peak_rss_mb (), before);
  g_print ("@search_peak_rss_mb %.1f\n", peak_rss_mb ());

  return 0;
}

/* Indexes every stored event not in the index yet. Returns µs. */
static gint64
index_all (ConvercJournal *journal)
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  gint64 left;

  do
    left = converc_journal_index_pending (journal, INDEX_BULK, &error);
  while (left > 0);
  if (left < 0)
    g_error ("%s", error->message);

  return g_get_monotonic_time () - t0;
}

/* --json-glib FILE: json-glib parsing FILE's bytes (read first, not
 * timed), in a process that has done nothing else; prints the time. */
static int
json_glib_only (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  gint64 t0;

  if (!g_file_get_contents (path, &data, &len, &error))
    g_error ("%s", error->message);
  t0 = g_get_monotonic_time ();
  if (!json_parser_load_from_data (parser, data, len, &error))
    g_error ("%s", error->message);
  g_print ("%.1f\n", (g_get_monotonic_time () - t0) / 1000.0);

  return 0;
}

/* json-glib on @answer in a process of its own, in ms. */
static double
json_glib_child_ms (const char *self,
                    const char *dir,
                    GBytes     *answer)
{
  g_autofree char *path = g_build_filename (dir, "answer.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self, "--json-glib", path, NULL };
  int status = 0;
  double ms;

  if (!g_file_set_contents (path, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                            &error) ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("json-glib reference: %s", error->message);
  ms = g_ascii_strtod (out, NULL);
  g_remove (path);

  return ms;
}

static void
run (const char *dir,
     guint       n_events,
     const char *self,
     gboolean    keep)
{
  g_autoptr(ConvercEmulatorGenerator) gen = converc_emulator_generator_new (4242);
  g_autofree char *path = g_strdup_printf ("%s/bench-%u.sqlite", dir, n_events);
  g_autofree char *needles_path = g_strdup_printf ("%s/bench-%u.needles", dir, n_events);
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ConvercJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) needles_text = g_string_new (NULL);
  gint64 t_build = g_get_monotonic_time ();
  gint64 ingest_usec = 0;
  gsize json_bytes = 0;
  GStatBuf st;

  g_print ("== %u events (%s)\n", n_events, path);
  g_remove (path);
  journal = converc_journal_open (path, &error);
  if (journal == NULL)
    g_error ("%s", error->message);
  journal->auto_index = FALSE;

  for (guint first = 0; first < n_events; first += ANSWER_SIZE)
    {
      guint n = MIN (ANSWER_SIZE, n_events - first);
      g_autoptr(GBytes) answer = render_answer (gen, first, n, n_events, needles);
      gint64 t0;
      guint added = 0;

      /* The last answer into a journal whose events are all indexed. */
      if (first > 0 && first + ANSWER_SIZE >= n_events)
        {
          gint64 bulk = index_all (journal);

          ingest_usec += bulk;
          g_print ("indexing %u stored events in bulk: %.1f s\n", first, bulk / 1e6);
        }

      t0 = g_get_monotonic_time ();
      json_bytes += g_bytes_get_size (answer);
      if (!converc_journal_ingest_answer (journal, answer, NOW_USEC, &added, &error))
        g_error ("%s", error->message);
      ingest_usec += g_get_monotonic_time () - t0;

      /* The first answer (into an empty journal) and the last (into a
       * full one), against json-glib on the same bytes. */
      if (first == 0 || first + ANSWER_SIZE >= n_events)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          gint64 ingest = g_get_monotonic_time () - t0;
          gint64 index = index_all (journal);
          gint64 j0 = g_get_monotonic_time ();
          double json_ms;
          double child_ms;

          ingest_usec += index;

          if (!json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                           g_bytes_get_size (answer), &error))
            g_error ("%s", error->message);
          json_ms = (g_get_monotonic_time () - j0) / 1000.0;
          child_ms = json_glib_child_ms (self, dir, answer);
          g_print ("ingest of a %u-event answer (%.1f MB) into %u stored: %.0f ms; "
                   "json-glib parse alone %.0f ms in a process of its own (ratio %.2f), "
                   "%.0f ms in this one after the ingest (ratio %.2f)\n",
                   n, g_bytes_get_size (answer) / 1e6, first, ingest / 1000.0,
                   child_ms, ingest / 1000.0 / child_ms, json_ms, ingest / 1000.0 / json_ms);
          g_print ("  its indexing behind it (the journal's thread): %.0f ms\n", index / 1000.0);
          if (first == 0)
            g_print ("@ingest_first_answer_ms %.0f\n@index_first_answer_ms %.0f\n"
                     "@json_glib_parse_ms %.0f\n", ingest / 1000.0, index / 1000.0, json_ms);
          else
            g_print ("@ingest_last_answer_ms %.0f\n@index_last_answer_ms %.0f\n",
                     ingest / 1000.0, index / 1000.0);
        }
    }

  index_all (journal);
  g_print ("built in %.1f s (ingest and indexing %.1f s for %.0f MB of JSON)\n",
           (g_get_monotonic_time () - t_build) / 1e6, ingest_usec / 1e6, json_bytes / 1e6);
  g_clear_object (&journal);  /* checkpoints the WAL into the file */

  g_assert (g_stat (path, &st) == 0);
  g_print ("database: %.1f MB, %.0f bytes per event (JSON: %.0f bytes per event)\n",
           st.st_size / 1e6, (double) st.st_size / n_events, (double) json_bytes / n_events);
  g_print ("@db_bytes_per_event %.0f\n", (double) st.st_size / n_events);

  for (guint i = 0; i < needles->len; i++)
    g_string_append_printf (needles_text, "%s\n", (char *) g_ptr_array_index (needles, i));
  g_string_append (needles_text, "call\nyahoo.co\nzzzqq\ntype:call.ended\n");
  if (!g_file_set_contents (needles_path, needles_text->str, -1, &error))
    g_error ("%s", error->message);

  /* Searching in a process of its own, for its peak RSS. */
  {
    const char *argv[] = { self, "--search-only", path, needles_path, NULL };
    int status = 0;

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                       NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      g_error ("%s", error->message);
  }

  if (!keep)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
      g_remove (needles_path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  gboolean keep = FALSE;
  gboolean any = FALSE;

  setlocale (LC_ALL, "");
  if (argc == 4 && g_str_equal (argv[1], "--search-only"))
    return search_only (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "--json-glib"))
    return json_glib_only (argv[2]);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dir") && i + 1 < argc)
        dir = g_strdup (argv[++i]);
      else if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
    }
  if (dir == NULL)
    dir = g_dir_make_tmp ("converc-bench-journal-XXXXXX", NULL);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dir"))
        {
          i++;
          continue;
        }
      if (g_ascii_isdigit (argv[i][0]))
        {
          run (dir, (guint) atoi (argv[i]), argv[0], keep);
          any = TRUE;
        }
    }
  if (!any)
    run (dir, 100000, argv[0], keep);

  return 0;
}
