/* cw-test-outcome.h
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

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CwTestOutcome:
 * @when: when the answer came (UTC)
 * @delivered: the receiver answered with a 2xx status
 * @status: the receiver's HTTP status, 0 when it did not answer
 * @detail: what the server said about the delivery (untranslated), or %NULL
 * @error: the test request itself failed (nothing was sent), or %NULL
 * @retry_after: with @error, a 429's Retry-After in seconds, else -1
 *
 * What one "Send Test Event" came to. Reference counted; read only.
 */
typedef struct
{
  GDateTime *when;
  gboolean   delivered;
  int        status;
  char      *detail;
  GError    *error;
  gint64     retry_after;
} CwTestOutcome;

#define CW_TYPE_TEST_OUTCOME (cw_test_outcome_get_type())

GType          cw_test_outcome_get_type (void) G_GNUC_CONST;
CwTestOutcome *cw_test_outcome_new      (GDateTime           *when,
                                         gboolean             delivered,
                                         int                  status,
                                         const char          *detail,
                                         const GError        *error,
                                         gint64               retry_after);
CwTestOutcome *cw_test_outcome_ref      (CwTestOutcome       *self);
void           cw_test_outcome_unref    (CwTestOutcome       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwTestOutcome, cw_test_outcome_unref)

G_END_DECLS
