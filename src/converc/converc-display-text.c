/* converc-display-text.c
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

/* Text from a server, for display: capped, bidi controls and invisible
 * characters made visible, line breaks collapsed. Pure and GTK-free. */

#define G_LOG_DOMAIN "converc-display-text"

#include "config.h"

#include <string.h>

#include "converc-display-text.h"

#define RETURN_SYMBOL "\342\217\216"   /* U+23CE ⏎ */
#define FSI "\342\201\250"             /* U+2068 */
#define PDI "\342\201\251"             /* U+2069 */
#define ZWSP "\342\200\213"            /* U+200B */

/* Embeddings, overrides and isolates: they reorder what follows them, so
 * "Alice \u202Egnp.exe" reads "Alice exe.png". Always shown as marks. */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 ||
         c == 0x2028 || c == 0x2029;
}

/* Characters that draw nothing, or nothing distinct, in a name: zero-width
 * spaces and joiners, directional marks, soft hyphens, fillers, tags,
 * variation selectors outside emoji use. */
static gboolean
is_invisible (gunichar c)
{
  switch (c)
    {
    case 0x00AD: case 0x034F: case 0x061C: case 0x115F: case 0x1160:
    case 0x17B4: case 0x17B5: case 0x180E: case 0x3164: case 0xFEFF:
    case 0xFFA0:
      return TRUE;
    default:
      break;
    }

  if ((c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) ||
      (c >= 0xE0000 && c <= 0xE007F) || (c >= 0xFE00 && c <= 0xFE0E))
    return TRUE;

  return g_unichar_type (c) == G_UNICODE_FORMAT;
}

/* Appends @c as the visible @out text; returns the number of characters
 * appended. */
static gsize
append_char (GString                 *out,
             gunichar                 c,
             gboolean                *after_cr,
             ConvercDisplayTextFlags  flags)
{
  gboolean was_cr = *after_cr;

  *after_cr = c == '\r';

  if (is_line_break (c))
    {
      /* CRLF is one line break. */
      if (c == '\n' && was_cr)
        return 0;
      if (flags & CONVERC_DISPLAY_TEXT_ONE_LINE)
        {
          g_string_append (out, RETURN_SYMBOL);
          return 1;
        }
      g_string_append_c (out, '\n');
      return 1;
    }

  if (c == '\t')
    {
      g_string_append_c (out, ' ');
      return 1;
    }

  if (c < 0x20 || c == 0x7F)
    {
      /* The control pictures: ␀ … ␟, ␡. */
      g_string_append_unichar (out, c == 0x7F ? 0x2421 : 0x2400 + c);
      return 1;
    }

  if (is_bidi_control (c) || (c >= 0x80 && c < 0xA0) ||
      ((flags & CONVERC_DISPLAY_TEXT_IDENTITY) && is_invisible (c)))
    {
      gsize before = out->len;

      g_string_append_printf (out, "<U+%04X>", c);
      return out->len - before;
    }

  g_string_append_unichar (out, c);
  return 1;
}

/**
 * converc_display_text:
 * @text: (nullable): text from a server, not necessarily valid UTF-8
 * @length: the length of @text in bytes, or -1 when it ends with a nul
 * @max_chars: show at most this many characters (0: no cap)
 * @flags: what to make visible
 *
 * Makes server text safe to put in a label. Bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069), C0 and C1 controls always become
 * visible marks; tabs become spaces; invalid UTF-8 becomes U+FFFD. Text
 * longer than @max_chars is cut and ends with "…". The cost is bounded by
 * @max_chars, not by the length of @text. Plain text comes back unchanged.
 *
 * Returns: (transfer full): the text to show, "" for %NULL
 */
char *
converc_display_text (const char              *text,
                      gssize                   length,
                      gsize                    max_chars,
                      ConvercDisplayTextFlags  flags)
{
  const char *p;
  const char *end;
  GString *out;
  gsize shown = 0;
  gsize cut = 0;       /* out->len while one character is left for "…" */
  gboolean after_cr = FALSE;
  guint run = 0;

  if (text == NULL)
    text = "";

  p = text;
  end = length < 0 ? NULL : text + length;
  out = g_string_sized_new (MIN (length < 0 ? 64 : (gsize)length,
                                 max_chars > 0 ? max_chars * 4 : G_MAXSIZE) + 8);

  if (flags & CONVERC_DISPLAY_TEXT_ISOLATE)
    g_string_append (out, FSI);
  cut = out->len;

  while (end != NULL ? p < end : *p != '\0')
    {
      gunichar c = *p == '\0' ? 0 : g_utf8_get_char_validated (p, end != NULL ? end - p : -1);
      gsize step;

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          /* Invalid or truncated UTF-8. */
          step = 1;
          c = 0xFFFD;
        }
      else
        {
          step = c == 0 ? 1 : (gsize)g_utf8_skip[*(const guchar *)p];
        }

      if (flags & CONVERC_DISPLAY_TEXT_BREAK_RUNS)
        {
          if (g_unichar_isspace (c) || is_line_break (c) || c == 0x200B)
            run = 0;
          else if (++run > CONVERC_DISPLAY_RUN_MAX)
            {
              g_string_append (out, ZWSP);
              run = 1;
            }
        }

      /* A mark goes in whole or not at all. */
      shown += append_char (out, c, &after_cr, flags);
      if (max_chars > 0 && shown > max_chars)
        {
          g_string_truncate (out, cut);
          g_string_append (out, CONVERC_DISPLAY_ELLIPSIS);
          goto done;
        }
      if (max_chars == 0 || shown < max_chars)
        cut = out->len;
      p += step;
    }

done:
  if (flags & CONVERC_DISPLAY_TEXT_ISOLATE)
    g_string_append (out, PDI);

  return g_string_free (out, FALSE);
}

/**
 * converc_display_text_is_exact:
 * @text: (nullable): text from a server
 * @max_chars: as for converc_display_text()
 * @flags: as for converc_display_text(), without %CONVERC_DISPLAY_TEXT_ISOLATE
 *
 * Whether converc_display_text() shows @text exactly as it is: nothing cut,
 * nothing replaced. A link may only be labelled with its target when this
 * holds. Bounded by @max_chars.
 *
 * Returns: %TRUE when the shown text is @text
 */
gboolean
converc_display_text_is_exact (const char              *text,
                               gsize                    max_chars,
                               ConvercDisplayTextFlags  flags)
{
  g_autofree char *shown = NULL;

  if (text == NULL)
    return FALSE;

  shown = converc_display_text (text, -1, max_chars, flags & ~CONVERC_DISPLAY_TEXT_ISOLATE);
  return strcmp (shown, text) == 0;
}
