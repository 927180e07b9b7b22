/* converc.h
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

#pragma once

#include "converc-account.h"
#include "converc-account-migration.h"
#include "converc-account-store.h"
#include "converc-account-removal.h"
#include "converc-atomic-file.h"
#include "converc-client.h"
#include "converc-display-text.h"
#include "converc-error.h"
#include "converc-event.h"
#include "converc-event-types.h"
#include "converc-parse.h"
#include "converc-secret-store.h"
#include "converc-signature.h"
#include "converc-timestamp.h"
#include "converc-validate.h"
#include "converc-webhook.h"
#include "converc-event-details.h"
#include "converc-delivery.h"
#include "converc-delivery-outcomes.h"
#include "converc-diagnosis.h"
#include "converc-doctor.h"
#include "converc-http-message.h"
#include "converc-journal.h"
#include "converc-journal-export.h"
#include "converc-search-query.h"
#include "converc-curl.h"
