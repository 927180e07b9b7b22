/* test-app-hostile.c
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

/* The event detail against hostile events: whatever an event holds,
 * showing it never stalls the main loop for long nor takes memory without
 * bound, and nothing in it can disguise what it is. Each case runs in a
 * subprocess of its own so that its peak memory is its own. */

#define G_LOG_DOMAIN "test-app-hostile"

#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "converc.h"
#include "cw-application-private.h"
#include "cw-event-detail.h"
#include "cw-preferences-window.h"
#include "cw-renderer.h"
#include "cw-test-utils.h"

/* Generous bounds: the goal is 50 ms and 10× the event's size; a loaded
 * CI machine with a software renderer must still pass. */
#define MAX_STALL_MS       1000
#define MAX_PEAK_FACTOR    10
/* What showing any event takes besides its size, with room: 4.8 MB for a
 * 49 KB event, the most over 10× of any case. Most of it is drawing, not
 * the event (massif): the frame after malloc_trim() faults in GTK 4.8's
 * window-sized cairo image again (2.5 MB at 900×700), and cairo-xlib maps
 * a window-sized X shared-memory image when it falls back (about 2 MB). */
#define PEAK_SLACK_BYTES   (7 * 1024 * 1024)
/* After "Show the Whole JSON": a text buffer costs about 300 bytes a line. */
#define MAX_WHOLE_FACTOR   100
/* How long the loop keeps running after the event is set: work deferred to
 * idle callbacks counts too. */
#define SETTLE_MS          1500

typedef struct
{
  const char *name;
  GBytes   *(*make) (void);
  /* A label that shows once the event is shown (a prefix), and the button
   * to press next, whose result is measured too (NULL: none). */
  const char *shown;
  const char *button;
} Case;

/* Building the events */

static GString *
event_begin (const char *id)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "{\"id\":\"%s\",\"type\":\"call.ended\","
                          "\"createdAt\":\"2024-05-01T10:00:00Z\",\"organizationId\":\"org_1\","
                          "\"data\":{\"call\":{\"id\":\"call_1\",\"status\":\"ended\","
                          "\"duration\":61},", id);
  return s;
}

static GBytes *
event_end (GString *s)
{
  g_string_append (s, "}}");
  return g_string_free_to_bytes (s);
}

static GBytes *
make_long_name (void)
{
  GString *s = event_begin ("evt_long_name");
  g_autofree char *name = g_strnfill (10000, 'W');

  g_string_append_printf (s, "\"contact\":{\"name\":\"%s\",\"email\":\"%s@example.com\","
                          "\"phone\":\"%s\",\"identityId\":\"%s\",\"fingerprint\":\"%s\"}",
                          name, name, name, name, name);
  return event_end (s);
}

static GBytes *
make_transcript_segments (void)
{
  GString *s = event_begin ("evt_transcript_5000");

  g_string_append (s, "\"transcript\":{\"segments\":[");
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (s, "%s{\"speaker\":\"%s\",\"text\":\"Segment %u: I would like to "
                            "know whether the Business plan includes call recording and "
                            "transcripts for every agent.\"}",
                            i > 0 ? "," : "", i % 2 ? "agent" : "visitor", i);
  g_string_append (s, "]}");
  return event_end (s);
}

static GBytes *
make_transcript_string (void)
{
  GString *s = event_begin ("evt_transcript_5mb");

  g_string_append (s, "\"transcript\":\"");
  while (s->len < 5 * 1024 * 1024)
    g_string_append (s, "and then the visitor said that the order never arrived ");
  g_string_append (s, "\"");
  return event_end (s);
}

static GBytes *
make_transcript_array (void)
{
  GString *s = event_begin ("evt_transcript_200k");

  g_string_append (s, "\"transcript\":[");
  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (s, "%s{\"speaker\":\"a\",\"text\":\"hi %u\"}", i > 0 ? "," : "", i);
  g_string_append (s, "]");
  return event_end (s);
}

static GBytes *
make_answers (void)
{
  GString *s = event_begin ("evt_answers_20k");

  g_string_append (s, "\"qualificationAnswers\":[");
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (s, "%s{\"questionId\":\"q%u\",\"question\":{\"label\":\"Question %u\","
                            "\"type\":\"text\"},\"answer\":\"Answer %u\"}",
                            i > 0 ? "," : "", i, i, i);
  g_string_append (s, "]");
  return event_end (s);
}

static GBytes *
make_json_array (void)
{
  GString *s = event_begin ("evt_json_200k");

  g_string_append (s, "\"extra\":[");
  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (s, "%s%u", i > 0 ? "," : "", i);
  g_string_append (s, "]");
  return event_end (s);
}

static GBytes *
make_transcript_no_spaces (void)
{
  GString *s = event_begin ("evt_transcript_no_spaces");

  g_string_append (s, "\"transcript\":\"");
  while (s->len < 1024 * 1024)
    g_string_append (s, "nospacesatallinthistranscript");
  g_string_append (s, "\"");
  return event_end (s);
}

static GBytes *
make_answers_no_spaces (void)
{
  GString *s = event_begin ("evt_answers_no_spaces");
  g_autofree char *word = g_strnfill (10000, 'A');

  g_string_append (s, "\"qualificationAnswers\":[");
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (s, "%s{\"question\":{\"label\":\"%s\"},\"answer\":\"%s\"}",
                            i > 0 ? "," : "", word, word);
  g_string_append (s, "]");
  return event_end (s);
}

static const Case cases[] = {
  { "long-name", make_long_name, "WWWWWWWW", NULL },
  { "transcript-5000-segments", make_transcript_segments, "visitor: Segment 0:", "Show All 5000 Lines…" },
  { "transcript-5mb-string", make_transcript_string, "and then the visitor", "Show All " },
  { "transcript-200k-array", make_transcript_array, "a: hi 0", "Show All 200000 Lines…" },
  { "answers-20k", make_answers, "Answer 0", "Show All 20000 Answers…" },
  { "json-200k-array", make_json_array, "ended", "Show the Whole JSON" },
  { "transcript-1mb-no-spaces", make_transcript_no_spaces, "nospaces", "Show All " },
  { "answers-10k-words", make_answers_no_spaces, "AAAAAAAA", "Show All 30 Answers…" },
};

/* Measuring */

/* The longest time between two ticks of the main loop, in wall-clock time
 * and in CPU time of the main thread: on a loaded machine the first is
 * what a user waits, the second what the app itself spent. */
typedef struct
{
  gint64 last;
  gint64 longest;
  gint64 last_cpu;
  gint64 longest_cpu;
} Probe;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
probe_reset (Probe *probe)
{
  probe->last = g_get_monotonic_time ();
  probe->last_cpu = thread_cpu_us ();
  probe->longest = probe->longest_cpu = 0;
}

static gboolean
probe_tick_cb (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  probe->longest = MAX (probe->longest, now - probe->last);
  probe->longest_cpu = MAX (probe->longest_cpu, cpu - probe->last_cpu);
  probe->last = now;
  probe->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static gsize
proc_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);
  return (gsize)g_ascii_strtoull (line + strlen (field) + 1, NULL, 10);
}

static void
reset_peak (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");

  /* "5" resets the peak resident set size (VmHWM) to the current one. */
  g_assert_nonnull (file);
  g_assert_cmpint (fputs ("5", file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* The first visible label or button under @widget whose text starts with
 * @prefix. */
static GtkWidget *
find_text (GtkWidget  *widget,
           const char *prefix)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget) && !GTK_IS_LINK_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget));

  if (text != NULL && gtk_widget_is_visible (widget) && g_str_has_prefix (text, prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_tooltip (GtkWidget  *widget,
              const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether any label under @widget has @needle in it. */
static gboolean
any_label_has (GtkWidget  *widget,
               const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (any_label_has (child, needle))
      return TRUE;

  return FALSE;
}

/* The longest label text under @widget, in characters. */
static glong
longest_label (GtkWidget *widget)
{
  glong longest = 0;

  if (GTK_IS_LABEL (widget))
    longest = g_utf8_strlen (gtk_label_get_text (GTK_LABEL (widget)), -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    longest = MAX (longest, longest_label (child));

  return longest;
}

static void
pump (gint64 ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static GtkWindow *
window_with_detail (CwEventDetail **detail)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 900, 700);
  *detail = cw_event_detail_new ();
  gtk_window_set_child (window, GTK_WIDGET (*detail));
  gtk_window_present (window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (*detail)));

  return window;
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ConvercEvent) event = NULL;
  g_autoptr(ConvercEvent) warm = NULL;
  g_autoptr(GError) error = NULL;
  CwEventDetail *detail;
  GtkWindow *window;
  Probe probe;
  gsize base_kb, peak_kb, size;
  guint probe_id;
  double stall_ms, cpu_ms, factor;

  if (!g_test_subprocess ())
    {
      g_autofree char *path = g_strdup_printf ("/cw/hostile-detail/%s", c->name);

      g_test_trap_subprocess (path, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT);
      g_test_trap_assert_passed ();
      return;
    }

  window = window_with_detail (&detail);

  /* Warm up: the first event loads the JSON language and styles. */
  {
    static const char json[] = "{\"id\":\"evt_warm\",\"type\":\"call.ended\"}";
    g_autoptr(GBytes) small = g_bytes_new_static (json, sizeof json - 1);

    warm = converc_parse_event (small, &error);
  }
  g_assert_no_error (error);
  cw_event_detail_set_event (detail, warm);
  pump (300);

  bytes = c->make ();
  size = g_bytes_get_size (bytes);
  event = converc_parse_event (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  g_clear_pointer (&bytes, g_bytes_unref);

  malloc_trim (0);
  reset_peak ();
  base_kb = proc_status_kb ("VmRSS:");

  probe_reset (&probe);
  probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 5, probe_tick_cb, &probe, NULL);
  cw_event_detail_set_event (detail, event);
  /* Shown, large events read in a thread included, and then settled. */
  WAIT_FOR (find_text (GTK_WIDGET (detail), c->shown) != NULL);
  pump (SETTLE_MS);
  /* A stall at the very end is a stall too. */
  probe_tick_cb (&probe);
  stall_ms = probe.longest / 1000.0;
  cpu_ms = probe.longest_cpu / 1000.0;
  peak_kb = proc_status_kb ("VmHWM:");
  factor = (double)(peak_kb - MIN (peak_kb, base_kb)) * 1024 / size;
  g_print ("# %s: stall %.0f ms (%.0f ms CPU), peak +%.1f MB = %.1fx of %.1f KB\n",
           c->name, stall_ms, cpu_ms, (peak_kb - MIN (peak_kb, base_kb)) / 1024.0, factor,
           size / 1024.0);
  g_assert_cmpfloat (stall_ms, <, MAX_STALL_MS * CW_TEST_TIME_FACTOR);
  if (CW_TEST_SANITIZED)
    g_test_message ("peak memory not checked under AddressSanitizer (its quarantine "
                    "keeps freed memory); the plain build checks it");
  else
    g_assert_cmpuint ((peak_kb - MIN (peak_kb, base_kb)) * 1024, <,
                      MAX_PEAK_FACTOR * size + PEAK_SLACK_BYTES);

  /* No label lays out more than a bounded amount of server text. */
  g_assert_cmpint (longest_label (GTK_WIDGET (detail)), <=, 1200);

  if (c->button != NULL)
    {
      GtkWidget *button = find_text (GTK_WIDGET (detail), c->button);
      double button_ms;

      g_assert_nonnull (button);
      reset_peak ();
      base_kb = proc_status_kb ("VmRSS:");
      probe_reset (&probe);
      g_signal_emit_by_name (button, "clicked");
      WAIT_FOR (find_text (GTK_WIDGET (detail), c->button) == NULL);
      pump (SETTLE_MS);
      probe_tick_cb (&probe);
      button_ms = probe.longest / 1000.0;
      peak_kb = proc_status_kb ("VmHWM:");
      g_print ("# %s: then \"%s\": stall %.0f ms (%.0f ms CPU), peak +%.1f MB\n",
               c->name, c->button, button_ms, probe.longest_cpu / 1000.0,
               (peak_kb - MIN (peak_kb, base_kb)) / 1024.0);
      g_assert_cmpfloat (button_ms, <, MAX_STALL_MS * CW_TEST_TIME_FACTOR);
      /* Everything at once has a price, but a bounded one. */
      if (!CW_TEST_SANITIZED)
        g_assert_cmpuint ((peak_kb - MIN (peak_kb, base_kb)) * 1024, <,
                          MAX_WHOLE_FACTOR * size + PEAK_SLACK_BYTES);
    }
  g_source_remove (probe_id);

  gtk_window_destroy (window);
  pump (50);
}

/* Right-to-left overrides cannot disguise a name or a link target. */
static void
test_rtl_override (void)
{
  static const char json[] =
    "{\"id\":\"evt_rtl\",\"type\":\"call.ended\",\"data\":{"
    "\"contact\":{\"name\":\"Alice \u202Egnp.exe\",\"email\":\"ad\u200Bmin@example.com\","
    "\"phone\":\"+49 30\\nEmail: evil@example.com\"},"
    "\"recording\":{\"available\":true,"
    "\"videoUrl\":\"https://rec.example.com/rec/\u202E4pm.exe\","
    "\"audioUrl\":\"https://rec.example.com/rec/audio.mp3\"}}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(ConvercEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  CwEventDetail *detail;
  GtkWindow *window;
  GtkWidget *audio;
  guint n_links = 0;

  window = window_with_detail (&detail);
  event = converc_parse_event (bytes, &error);
  g_assert_no_error (error);
  cw_event_detail_set_event (detail, event);
  pump (100);

  /* The override is shown, not obeyed; nothing reorders the text. */
  g_assert_nonnull (find_text (GTK_WIDGET (detail), "Alice <U+202E>gnp.exe"));
  g_assert_false (any_label_has (GTK_WIDGET (detail), "\u202E"));
  /* The zero-width space in the email is visible. */
  g_assert_nonnull (find_text (GTK_WIDGET (detail), "ad<U+200B>min@example.com"));
  /* A line break cannot draw a field of its own. */
  g_assert_nonnull (find_text (GTK_WIDGET (detail), "+49 30⏎Email: evil@example.com"));
  g_assert_null (find_text (GTK_WIDGET (detail), "Email: evil"));

  /* The video URL with an override is not a link, and is shown escaped. */
  g_assert_nonnull (find_text (GTK_WIDGET (detail), "https://rec.example.com/rec/<U+202E>4pm.exe"));
  for (GtkWidget *w = GTK_WIDGET (detail); w != NULL; )
    {
      /* Walk every widget, depth first. */
      if (GTK_IS_LINK_BUTTON (w))
        {
          const char *uri = gtk_link_button_get_uri (GTK_LINK_BUTTON (w));

          g_assert_null (strstr (uri, "\u202E"));
          /* A link's label is its whole target. */
          g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (w)), ==, uri);
          n_links++;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (detail) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == GTK_WIDGET (detail)) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  /* The plain audio URL still is one. */
  g_assert_cmpuint (n_links, ==, 1);
  audio = find_text (GTK_WIDGET (detail), "https://rec.example.com/rec/audio.mp3");
  g_assert_nonnull (audio);
  g_assert_true (GTK_IS_LINK_BUTTON (gtk_widget_get_ancestor (audio, GTK_TYPE_LINK_BUTTON)));

  gtk_window_destroy (window);
  pump (50);
}

/* A huge saved base URL must not stop the app: the default is used, the
 * problem is said, Preferences offers the default instead of the value. */
static void
test_settings_base_url (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(CwApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *url = NULL;
  g_autofree char *problem = NULL;
  CwPreferencesWindow *prefs;
  GtkWidget *reset;
  gint64 start;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT);
      g_test_trap_assert_passed ();
      return;
    }

  /* The test settings use the memory backend: one store for the process. */
  settings = g_settings_new ("com.converc.Webhooks");

  g_settings_set_string (settings, "base-url", "https://api.example.com");
  url = _cw_application_read_base_url (settings, &problem);
  g_assert_cmpstr (url, ==, "https://api.example.com");
  g_assert_null (problem);
  g_clear_pointer (&url, g_free);

  g_settings_set_string (settings, "base-url", "ftp://api.example.com");
  g_test_expect_message ("cw-application", G_LOG_LEVEL_WARNING, "*Saved base URL not used*");
  url = _cw_application_read_base_url (settings, &problem);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (url, ==, CONVERC_DEFAULT_BASE_URL);
  g_assert_nonnull (problem);
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&problem, g_free);

  /* 64 KiB: refused, and the message does not repeat it. */
  huge = g_strconcat ("https://", g_strnfill (64 * 1024, 'a'), ".example.com", NULL);
  g_settings_set_string (settings, "base-url", huge);
  g_test_expect_message ("cw-application", G_LOG_LEVEL_WARNING, "*Saved base URL not used*");
  url = _cw_application_read_base_url (settings, &problem);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (url, ==, CONVERC_DEFAULT_BASE_URL);
  g_assert_nonnull (problem);
  g_assert_cmpuint (strlen (problem), <, 200);
  g_clear_pointer (&url, g_free);

  /* The application starts on it, quickly, with the default. */
  start = g_get_monotonic_time ();
  app = cw_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_test_expect_message ("cw-application", G_LOG_LEVEL_WARNING, "*Saved base URL not used*");
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpstr (cw_application_get_base_url (app), ==, CONVERC_DEFAULT_BASE_URL);
  g_assert_nonnull (_cw_application_get_settings_problem (app));

  /* Preferences: the default in the entry, the problem said, and Reset
   * replaces the saved value. */
  prefs = cw_preferences_window_new (app, NULL);
  gtk_window_present (GTK_WINDOW (prefs));
  pump (200);
  g_print ("# settings: 64 KiB base-url, start and preferences in %.0f ms\n",
           (g_get_monotonic_time () - start) / 1000.0);
  g_assert_nonnull (find_text (GTK_WIDGET (prefs), problem));
  g_assert_cmpint (longest_label (GTK_WIDGET (prefs)), <, 1000);
  reset = find_tooltip (GTK_WIDGET (prefs), "Reset to the Default Server");
  g_assert_nonnull (reset);
  g_signal_emit_by_name (reset, "clicked");
  pump (50);
  url = g_settings_get_string (settings, "base-url");
  g_assert_cmpstr (url, ==, CONVERC_DEFAULT_BASE_URL);
  g_assert_null (_cw_application_get_settings_problem (app));

  gtk_window_destroy (GTK_WINDOW (prefs));
  pump (50);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* As the app does: cairo rather than GL drawn in software, whose shader
   * compilation would be measured as stalls of the app. */
  cw_renderer_choose (gdk_display_get_default ());

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cw/hostile-detail/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], run_case);
    }
  g_test_add_func ("/cw/hostile-detail/rtl-override", test_rtl_override);
  g_test_add_func ("/cw/hostile-settings/base-url", test_settings_base_url);

  return g_test_run ();
}
