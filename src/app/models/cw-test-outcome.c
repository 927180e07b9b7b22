/* cw-test-outcome.c
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

/* What one "Send Test Event" came to, as typed data: the page puts it into
 * words, nothing reads words back. */

#define G_LOG_DOMAIN "cw-test-outcome"

#include "config.h"

#include "cw-test-outcome.h"

/* The outcome is kept in the struct that the boxed type hands out: the
 * reference count sits in front of it. */
typedef struct
{
  gatomicrefcount ref_count;
  CwTestOutcome   outcome;
} CwTestOutcomeBox;

#define OUTCOME_BOX(o) \
  ((CwTestOutcomeBox *) ((char *) (o) - G_STRUCT_OFFSET (CwTestOutcomeBox, outcome)))

G_DEFINE_BOXED_TYPE (CwTestOutcome, cw_test_outcome, cw_test_outcome_ref, cw_test_outcome_unref)

/**
 * cw_test_outcome_new:
 * @when: when the answer came
 * @delivered: the receiver accepted the event (2xx)
 * @status: the receiver's HTTP status, 0 for none
 * @detail: (nullable): the server's text about the delivery
 * @error: (nullable): the test request failed
 * @retry_after: with @error, a 429's Retry-After, or -1
 *
 * Returns: (transfer full): a new outcome
 */
CwTestOutcome *
cw_test_outcome_new (GDateTime    *when,
                     gboolean      delivered,
                     int           status,
                     const char   *detail,
                     const GError *error,
                     gint64        retry_after)
{
  CwTestOutcomeBox *box;

  g_return_val_if_fail (when != NULL, NULL);

  box = g_new0 (CwTestOutcomeBox, 1);
  g_atomic_ref_count_init (&box->ref_count);
  box->outcome.when = g_date_time_ref (when);
  box->outcome.delivered = !!delivered;
  box->outcome.status = status;
  box->outcome.detail = g_strdup (detail);
  box->outcome.error = error != NULL ? g_error_copy (error) : NULL;
  box->outcome.retry_after = error != NULL ? retry_after : -1;

  return &box->outcome;
}

CwTestOutcome *
cw_test_outcome_ref (CwTestOutcome *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&OUTCOME_BOX (self)->ref_count);

  return self;
}

void
cw_test_outcome_unref (CwTestOutcome *self)
{
  CwTestOutcomeBox *box;

  g_return_if_fail (self != NULL);

  box = OUTCOME_BOX (self);
  if (!g_atomic_ref_count_dec (&box->ref_count))
    return;

  g_clear_pointer (&self->when, g_date_time_unref);
  g_clear_pointer (&self->detail, g_free);
  g_clear_error (&self->error);
  g_free (box);
}
