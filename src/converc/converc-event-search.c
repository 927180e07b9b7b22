/* converc-event-search.c
 *
 * The search engine behind the events filter: does a needle occur inside one
 * string or number value of an event's JSON, read from its raw bytes.
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

#define G_LOG_DOMAIN "converc-event-search"

#include "config.h"

#include <string.h>

#include "converc-event.h"
#include "converc-event-search-private.h"
#include "converc-json-scan.h"

/* Searching the raw bytes
 *
 * A needle matches an event when it occurs, case-insensitively, inside one
 * string or number value of the payload: never in a key, never across two
 * values. Most string values are plain ASCII without escapes, which fold
 * to their lower case: those, and the numbers (as spelled in the JSON), are
 * searched in place in the raw bytes. The other string values (non-ASCII
 * or escaped) are decoded and folded into @search_text when the event is
 * parsed, usually a few short ones or none.
 *
 * Reading the raw bytes relies on them being JSON as RFC 8259 has it, as
 * the server sends it: in what json-glib accepts besides (comments, single
 * quotes), a search may miss or find wrongly, but never reads out of
 * bounds, whatever the bytes. */

/* Folds non-ASCII text: canonical decomposition, the non-spacing marks
 * (accents, diaereses, cedillas…) dropped, case folding, then composition
 * again, so that "Ångström", "ANGSTROM" and "angstrom" fold alike. */
static char *
fold_unicode (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT);
  g_autofree char *folded = NULL;
  GString *bare;

  if (decomposed == NULL)
    return NULL;

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }

  folded = g_utf8_casefold (bare->str, bare->len);
  g_string_free (bare, TRUE);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT_COMPOSE);
}

/* Appends @text folded for search. ASCII text (most of a payload) folds
 * to its lower case: it has no marks to drop and case folding is
 * tolower(), so the fast path gives exactly what the general one would,
 * without its allocations and Unicode tables. */
static void
append_folded (GString    *out,
               const char *text)
{
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        break;
    }

  if (*p == '\0')
    {
      gsize start = out->len;

      g_string_append_len (out, text, p - text);
      for (gsize i = start; i < out->len; i++)
        out->str[i] = g_ascii_tolower (out->str[i]);
    }
  else
    {
      g_autofree char *folded = fold_unicode (text);

      if (folded != NULL)
        g_string_append (out, folded);
    }
}

char *
converc_fold_for_search (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  append_folded (out, text);

  return g_string_free (out, FALSE);
}

/* A bit for @c in a 64-bit set of bytes (bytes 64 apart share it). */
static inline guint64
byte_bit (char c)
{
  return G_GUINT64_CONSTANT (1) << ((guchar) c % 64);
}

/* The string values the raw bytes cannot be searched in (non-ASCII or
 * escaped), decoded and folded, each ended by a NUL (which no value holds),
 * then one more NUL; NULL when there are none. @bytes gets a bit for each
 * byte in them (see byte_bit()). */
static char *
collect_search_text (const char *data,
                     gsize       len,
                     guint64    *bytes)
{
  ConvercJsonTokens tokens = { data, len, 0 };
  GString *out = NULL;
  gsize size;

  while (converc_json_tokens_next (&tokens))
    {
      g_autofree char *text = NULL;
      gsize before;

      if (tokens.kind != CONVERC_JSON_TOKEN_STRING ||
          converc_json_is_plain_text (data + tokens.start, tokens.end - tokens.start))
        continue;

      if (out == NULL)
        out = g_string_new (NULL);

      text = converc_json_decode_string (data, tokens.start, tokens.end);
      before = out->len;
      append_folded (out, text);
      if (out->len > before)
        g_string_append_c (out, '\0');
    }

  if (out == NULL || out->len == 0)
    {
      if (out != NULL)
        g_string_free (out, TRUE);
      return NULL;
    }

  for (gsize i = 0; i < out->len; i++)
    *bytes |= byte_bit (out->str[i]);

  g_string_append_c (out, '\0');
  size = out->len;
  /* Give back the GString's spare capacity: 10,000 events keep theirs. */
  return g_realloc (g_string_free (out, FALSE), size);
}

/* JSON bytes in event payloads, most common first (a letter stands for
 * both its cases; measured on the emulator's realistic events). The
 * needle's least common byte is looked for first. */
static const char common_bytes[] = "\"eat:id,noslrc210u-46b5p3f798m qyg{}v.hz_wkxj/[]";

/* Bytes that valid JSON has outside strings too: in numbers, in true,
 * false and null, and between tokens. */
static const char outside_string_bytes[] = "0123456789+-.eEtrufalsn{}[]:, \t\n\r";

enum {
  BYTE_OUTSIDE_STRINGS = 1 << 7,
  BYTE_COMMONNESS      = 0x7F,
};

/* For each byte: how common it is (0: rare) and BYTE_OUTSIDE_STRINGS. */
static const guint8 *
byte_classes (void)
{
  static guint8 classes[256];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gsize i = 0; common_bytes[i] != '\0'; i++)
        {
          guint8 rank = sizeof common_bytes - i;

          classes[(guchar) common_bytes[i]] = rank;
          classes[(guchar) g_ascii_toupper (common_bytes[i])] = rank;
        }
      for (gsize i = 0; outside_string_bytes[i] != '\0'; i++)
        classes[(guchar) outside_string_bytes[i]] |= BYTE_OUTSIDE_STRINGS;

      g_once_init_leave (&initialized, 1);
    }

  return classes;
}

static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Finds a folded ASCII needle in raw bytes, case-insensitively: looks for
 * its least common byte with memchr(), in both cases if it is a letter,
 * then compares the rest. */
typedef struct
{
  const char *data;
  gsize       len;
  const char *needle;
  gsize       needle_len;
  gsize       anchor;    /* the index in the needle of the byte looked for */
  char        chars[2];  /* that byte, in lower and upper case */
  guint       n_chars;
  gsize       next[2];   /* where each of @chars is next (@len: nowhere
                          * further; G_MAXSIZE: not looked for yet) */
  gsize       work;      /* bytes compared so far */
  gsize       budget;    /* beyond this many, give up (see below) */
  gboolean    exhausted;
} Finder;

static void
finder_init (Finder     *finder,
             const char *data,
             gsize       len,
             const char *needle,
             gsize       needle_len)
{
  const guint8 *classes = byte_classes ();
  gsize anchor = 0;

  for (gsize i = 1; i < needle_len; i++)
    {
      if ((classes[(guchar) needle[i]] & BYTE_COMMONNESS) <
          (classes[(guchar) needle[anchor]] & BYTE_COMMONNESS))
        anchor = i;
    }

  finder->data = data;
  finder->len = len;
  finder->needle = needle;
  finder->needle_len = needle_len;
  finder->anchor = anchor;
  finder->chars[0] = needle[anchor];
  finder->chars[1] = g_ascii_toupper (needle[anchor]);
  finder->n_chars = finder->chars[1] != finder->chars[0] ? 2 : 1;
  finder->next[0] = finder->next[1] = G_MAXSIZE;
  /* Comparing the whole needle at each place its rarest byte occurs is
   * quick on real payloads but quadratic on bytes made to defeat it (a
   * megabyte of "a", needle "aaa…ab"): past a few comparisons a byte, the
   * finder gives up and the caller searches in linear time instead. */
  finder->work = 0;
  finder->budget = 4 * len + 4096;
  finder->exhausted = FALSE;
}

/* Where the next occurrence at or after @from starts, or G_MAXSIZE. Each
 * memchr() goes on from where the last one of its byte stopped. */
static gsize
finder_next (Finder *finder,
             gsize   from)
{
  const char *data = finder->data;
  gsize len = finder->len;
  gsize min_pos;

  if (from > len || len - from < finder->needle_len)
    return G_MAXSIZE;

  min_pos = from + finder->anchor;

  for (;;)
    {
      gsize pos = len;
      gsize start;
      gsize i;

      for (guint c = 0; c < finder->n_chars; c++)
        {
          if (finder->next[c] == G_MAXSIZE || finder->next[c] < min_pos)
            {
              const char *found = memchr (data + min_pos, finder->chars[c], len - min_pos);

              finder->next[c] = found != NULL ? (gsize) (found - data) : len;
            }
          pos = MIN (pos, finder->next[c]);
        }

      if (pos >= len)
        return G_MAXSIZE;

      start = pos - finder->anchor;
      if (len - start < finder->needle_len)
        return G_MAXSIZE;

      for (i = 0; i < finder->needle_len; i++)
        {
          if (ascii_lower (data[start + i]) != finder->needle[i])
            break;
        }
      if (i == finder->needle_len)
        return start;

      finder->work += i + 1;
      if (finder->work > finder->budget)
        {
          finder->exhausted = TRUE;
          return G_MAXSIZE;
        }

      min_pos = pos + 1;
    }
}

/* What raw_values_contain() answers, in time linear in @len whatever the
 * bytes: each number and plain string value at least as long as the needle
 * is lower-cased and searched with strstr() (glibc's is linear). Slower
 * than the finder on real payloads, so only used when it gave up. */
static gboolean
raw_values_contain_linear (const char *data,
                           gsize       len,
                           const char *needle,
                           gsize       needle_len)
{
  ConvercJsonTokens tokens = { data, len, 0 };
  g_autoptr(GByteArray) scratch = g_byte_array_new ();
  g_autofree char *terminated = g_strndup (needle, needle_len);

  while (converc_json_tokens_next (&tokens))
    {
      gsize n = tokens.end - tokens.start;
      const char *text = data + tokens.start;

      if (n < needle_len || tokens.kind == CONVERC_JSON_TOKEN_KEY ||
          (tokens.kind == CONVERC_JSON_TOKEN_STRING && !converc_json_is_plain_text (text, n)))
        continue;

      g_byte_array_set_size (scratch, n + 1);
      for (gsize i = 0; i < n; i++)
        scratch->data[i] = (guint8) ascii_lower (text[i]);
      scratch->data[n] = '\0';

      if (strstr ((const char *) scratch->data, terminated) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* TRUE when a folded ASCII needle is inside a number or a plain string
 * value of the raw bytes. Most events do not hold the needle anywhere,
 * and the finder says so quickly; then each occurrence is checked, until
 * one is in a value. */
static gboolean
raw_values_contain (const char *data,
                    gsize       len,
                    const char *needle,
                    gsize       needle_len)
{
  const guint8 *classes = byte_classes ();
  gboolean in_strings_only = FALSE;
  Finder finder;
  gsize hit;

  for (gsize i = 0; i < needle_len; i++)
    {
      /* Neither a plain string nor a number holds these. */
      if (needle[i] == '"' || needle[i] == '\\')
        return FALSE;
      if ((classes[(guchar) needle[i]] & BYTE_OUTSIDE_STRINGS) == 0)
        in_strings_only = TRUE;
    }

  finder_init (&finder, data, len, needle, needle_len);

  if (in_strings_only)
    {
      /* Each occurrence is inside a string (it has a byte valid JSON has
       * nowhere else) and within it (it has no quote): the unescaped
       * quotes before and after it are the string's own, and say at once
       * whether it is a plain value, with no walk from the start. */
      for (hit = finder_next (&finder, 0); hit != G_MAXSIZE;)
        {
          gsize open = hit;
          gsize close = converc_json_string_end (data, len, hit + needle_len);
          gsize after;

          if (close >= len)
            return FALSE;

          while (open > 0 && (data[open - 1] != '"' || converc_json_is_escaped (data, open - 1)))
            open--;

          after = close + 1;
          while (after < len && converc_json_is_space (data[after]))
            after++;

          if (open > 0 && (after >= len || data[after] != ':') &&
              converc_json_is_plain_text (data + open, close - open))
            return TRUE;

          /* Every other occurrence in this string is in the same place. */
          hit = finder_next (&finder, close + 1);
        }

      return finder.exhausted && raw_values_contain_linear (data, len, needle, needle_len);
    }

  /* The needle could be outside strings too ("2026", "la", "true"): the
   * tokens are walked as far as the occurrences, to see what each is in. */
  {
    ConvercJsonTokens tokens = { data, len, 0 };
    gboolean have_token = FALSE;

    for (hit = finder_next (&finder, 0); hit != G_MAXSIZE;)
      {
        /* The token holding the occurrence's start, or the next one */
        while (!have_token || tokens.end <= hit)
          {
            if (!converc_json_tokens_next (&tokens))
              return FALSE;
            have_token = TRUE;
          }

        if (hit < tokens.start)
          {
            /* Between tokens: in a quote, a separator, a literal… */
            hit = finder_next (&finder, tokens.start);
            continue;
          }

        if (hit + needle_len <= tokens.end &&
            (tokens.kind == CONVERC_JSON_TOKEN_NUMBER ||
             (tokens.kind == CONVERC_JSON_TOKEN_STRING &&
              converc_json_is_plain_text (data + tokens.start, tokens.end - tokens.start))))
          return TRUE;

        /* A key, a value searched in @search_text, or an occurrence that
         * goes past the token's end, as any later one in it would. */
        hit = finder_next (&finder, tokens.end);
      }
  }

  return finder.exhausted && raw_values_contain_linear (data, len, needle, needle_len);
}

void
converc_event_search_init (ConvercEventSearch *search,
                           const char         *raw_data,
                           gsize               raw_len)
{
  search->raw_data = raw_data;
  search->raw_len = raw_len;
  search->search_text_bytes = 0;
  search->search_text = collect_search_text (raw_data, raw_len, &search->search_text_bytes);
}

void
converc_event_search_move (ConvercEventSearch *search,
                           const char         *raw_data,
                           gsize               raw_len)
{
  search->raw_data = raw_data;
  search->raw_len = raw_len;
}

void
converc_event_search_clear (ConvercEventSearch *search)
{
  g_clear_pointer (&search->search_text, g_free);
}

gboolean
converc_event_search_matches (const ConvercEventSearch *search,
                              const char               *folded_needle)
{
  gboolean ascii = TRUE;
  gsize needle_len = 0;
  guint64 needle_bytes = 0;

  if (folded_needle == NULL || folded_needle[0] == '\0')
    return TRUE;

  for (; folded_needle[needle_len] != '\0'; needle_len++)
    {
      /* The values searched in place are ASCII. */
      if ((guchar) folded_needle[needle_len] >= 0x80)
        ascii = FALSE;
      needle_bytes |= byte_bit (folded_needle[needle_len]);
    }

  if (ascii && search->raw_data != NULL &&
      raw_values_contain (search->raw_data, search->raw_len, folded_needle, needle_len))
    return TRUE;

  /* Not reading @search_text when it lacks a byte of the needle saves a
   * cache miss an event. */
  if (search->search_text != NULL && (needle_bytes & ~search->search_text_bytes) == 0)
    {
      for (const char *value = search->search_text; *value != '\0'; value += strlen (value) + 1)
        {
          if (strstr (value, folded_needle) != NULL)
            return TRUE;
        }
    }

  return FALSE;
}


/* The text the journal indexes for an event (converc-journal.c): each
 * string and number value, folded as converc_event_search_matches()
 * compares it, one a line. A needle without a line break (the search's
 * words never have one) is inside this text exactly when it is inside one
 * of the values, so a substring index over it answers as the matcher does. */
char *
converc_event_search_index_text (const char *data,
                                 gsize       len)
{
  ConvercJsonTokens tokens = { data, len, 0 };
  GString *out = g_string_new (NULL);

  while (converc_json_tokens_next (&tokens))
    {
      const char *text = data + tokens.start;
      gsize n = tokens.end - tokens.start;
      gsize before = out->len;

      if (tokens.kind == CONVERC_JSON_TOKEN_KEY)
        continue;

      if (tokens.kind == CONVERC_JSON_TOKEN_NUMBER ||
          converc_json_is_plain_text (text, n))
        {
          g_string_append_len (out, text, n);
          for (gsize i = before; i < out->len; i++)
            out->str[i] = ascii_lower (out->str[i]);
        }
      else
        {
          g_autofree char *decoded = converc_json_decode_string (data, tokens.start, tokens.end);

          append_folded (out, decoded);
        }

      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
