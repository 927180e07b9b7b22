/* converc-display-text.h
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

#include <glib.h>

G_BEGIN_DECLS

/* Server text made safe and cheap to show: bounded in length, with the
 * characters that could disguise it made visible. */

typedef enum
{
  CONVERC_DISPLAY_TEXT_DEFAULT  = 0,
  /* Line breaks (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029) become "⏎", so a
   * value cannot draw what looks like another field below it. */
  CONVERC_DISPLAY_TEXT_ONE_LINE = 1 << 0,
  /* Zero-width and other invisible format characters become "<U+200B>":
   * for names, emails, URLs and ids, where two values must never look alike. */
  CONVERC_DISPLAY_TEXT_IDENTITY = 1 << 1,
  /* Wrap the result in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, for
   * text placed inside a sentence or next to the app's own words. */
  CONVERC_DISPLAY_TEXT_ISOLATE  = 1 << 2,
  /* Prose only: a run of CONVERC_DISPLAY_RUN_MAX characters without a space
   * gets an invisible break opportunity (U+200B), so that wrapping it costs
   * what wrapping words costs (without, it grows much faster than its
   * length). Never for names or ids: a copy would carry the U+200B. */
  CONVERC_DISPLAY_TEXT_BREAK_RUNS = 1 << 3,
} ConvercDisplayTextFlags;

#define CONVERC_DISPLAY_RUN_MAX 40

#define CONVERC_DISPLAY_ELLIPSIS "…"

char     *converc_display_text           (const char              *text,
                                          gssize                   length,
                                          gsize                    max_chars,
                                          ConvercDisplayTextFlags  flags);
gboolean  converc_display_text_is_exact  (const char              *text,
                                          gsize                    max_chars,
                                          ConvercDisplayTextFlags  flags);

G_END_DECLS
