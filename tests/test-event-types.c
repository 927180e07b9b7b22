/* converc-client.h
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


#define G_LOG_DOMAIN "test-event-types"

#include "config.h"

#include <string.h>

#include "converc-event-types.h"

#include "converc-test-utils.h"

/* The documented catalogue (converc-api.md, "Event types") */
static const char * const documented[] = {
  "call.requested",
  "call.accepted",
  "call.canceled",
  "call.missed",
  "call.ended",
  "call.transcript_ready",
  "call.recording_ready",
  "webhook.test",
};

static void
test_event_types_catalogue (void)
{
  const ConvercEventTypeInfo *types;
  guint n_types = 0;

  types = converc_event_types_get (&n_types);
  g_assert_nonnull (types);
  g_assert_cmpuint (n_types, ==, G_N_ELEMENTS (documented));

  /* Every documented type is there exactly once, nothing else. */
  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    {
      guint found = 0;

      for (guint j = 0; j < n_types; j++)
        if (g_strcmp0 (types[j].name, documented[i]) == 0)
          found++;

      if (found != 1)
        g_error ("%s found %u times in the catalogue", documented[i], found);
    }
}

static void
test_event_types_descriptions (void)
{
  const ConvercEventTypeInfo *types;
  guint n_types = 0;

  types = converc_event_types_get (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      const char *described;

      g_assert_nonnull (types[i].description);
      g_assert_cmpuint (strlen (types[i].description), >, 0);
      g_assert_true (g_utf8_validate (types[i].description, -1, NULL));
      /* A description says something, it is not the name again */
      g_assert_cmpstr (types[i].description, !=, types[i].name);

      /* describe() gives the (here untranslated: C locale) description */
      described = converc_event_type_describe (types[i].name);
      g_assert_cmpstr (described, ==, types[i].description);
    }

  /* Descriptions are distinct from one another */
  for (guint i = 0; i < n_types; i++)
    for (guint j = i + 1; j < n_types; j++)
      g_assert_cmpstr (types[i].description, !=, types[j].description);
}

static void
test_event_types_get_null_count (void)
{
  /* The count is optional; the array is still returned */
  g_assert_nonnull (converc_event_types_get (NULL));
}

static void
test_event_types_is_known (void)
{
  static const char * const unknown[] = {
    "call.event",      /* the example in the polling docs */
    "call.cancelled",  /* the documented spelling has one "l" */
    "call",
    "call.",
    "CALL.ENDED",
    " call.ended",
    "call.ended ",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    g_assert_true (converc_event_type_is_known (documented[i]));

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_test_message ("\"%s\"", unknown[i]);
      g_assert_false (converc_event_type_is_known (unknown[i]));
    }

  g_assert_false (converc_event_type_is_known (NULL));
}

static void
test_event_types_describe_unknown (void)
{
  static const char * const unknown[] = { "call.event", "something.new", "", NULL };

  /* Documented in converc-event-types.c: NULL for an unlisted type (the
   * caller shows the raw name instead). */
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_null (converc_event_type_describe (unknown[i]));
}

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/event-types/catalogue", test_event_types_catalogue);
  g_test_add_func ("/converc/event-types/descriptions", test_event_types_descriptions);
  g_test_add_func ("/converc/event-types/get-null-count", test_event_types_get_null_count);
  g_test_add_func ("/converc/event-types/is-known", test_event_types_is_known);
  g_test_add_func ("/converc/event-types/describe-unknown", test_event_types_describe_unknown);

  return g_test_run ();
}
