/* converc-atomic-file.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

/* Replacing a file so that a failure never destroys it: the new contents go
 * to a temporary file in the same folder, which is synced and then renamed
 * over the old one. */

gboolean converc_atomic_file_replace         (GFile                *file,
                                              GBytes               *contents,
                                              GCancellable         *cancellable,
                                              GError              **error);
void     converc_atomic_file_replace_async   (GFile                *file,
                                              GBytes               *contents,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean converc_atomic_file_replace_finish  (GFile                *file,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Writes the new contents to @stream (not closing it); FALSE with @error
 * on failure. */
typedef gboolean (*ConvercAtomicFileWriteFunc) (GOutputStream  *stream,
                                                gpointer        user_data,
                                                GCancellable   *cancellable,
                                                GError        **error);

/* The same, streamed: for contents too big to hold in memory. Blocks. */
gboolean converc_atomic_file_replace_with    (GFile                       *file,
                                              ConvercAtomicFileWriteFunc   write_func,
                                              gpointer                     user_data,
                                              GCancellable                *cancellable,
                                              GError                     **error);

G_END_DECLS
