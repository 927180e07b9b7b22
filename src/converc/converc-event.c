/* converc-event.c
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

#define G_LOG_DOMAIN "converc-event"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "converc-error.h"
#include "converc-event.h"
#include "converc-event-details.h"
#include "converc-event-private.h"
#include "converc-json-private.h"
#include "converc-parse.h"
#include "converc-timestamp.h"

/* An event keeps its exact bytes and the few fields that lists show and
 * search; the full payload is parsed again when it is opened. */
struct _ConvercEvent
{
  GObject     parent_instance;

  /* What a search reads first, together: @raw's data and size, and the
   * folded values the raw bytes cannot be searched in (or NULL) */
  const char *raw_data;
  gsize       raw_len;
  char       *search_text;
  guint64     search_text_bytes;  /* bit (b % 64) set for each byte b in it */

  /* A slice of the whole answer when @raw_is_slice, else bytes of its own */
  GBytes     *raw;
  char       *id;
  char       *event_type;
  char       *created_at;
  char       *organization_id;
  char       *call_id;
  char       *call_status;
  char       *media_type;
  char       *requested_at;
  char       *accepted_at;
  char       *ended_at;
  char       *accepted_by;
  char       *contact_name;
  char       *contact_email;
  char       *contact_phone;
  gint64      duration;
  gint64      created_unix;
  guint       raw_is_slice : 1;
};

G_DEFINE_FINAL_TYPE (ConvercEvent, converc_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EVENT_TYPE,
  PROP_CREATED_AT,
  PROP_ORGANIZATION_ID,
  PROP_CALL_ID,
  PROP_CALL_STATUS,
  PROP_MEDIA_TYPE,
  PROP_REQUESTED_AT,
  PROP_ACCEPTED_AT,
  PROP_ENDED_AT,
  PROP_ACCEPTED_BY,
  PROP_CONTACT_NAME,
  PROP_CONTACT_EMAIL,
  PROP_CONTACT_PHONE,
  PROP_DURATION,
  PROP_CREATED_UNIX,
  PROP_RAW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Appends @text folded for search. ASCII text (most of a payload) folds
 * to its lower case: NFC leaves it alone and case folding is tolower(), so
 * the fast path gives exactly what the general one would, without its two
 * allocations and Unicode tables. */
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
      g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);

      if (normalized != NULL)
        {
          g_autofree char *folded = g_utf8_casefold (normalized, -1);

          g_string_append (out, folded);
        }
    }
}

char *
converc_fold_for_search (const char *text)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return g_strdup ("");

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (normalized == NULL)
    return g_strdup ("");

  return g_utf8_casefold (normalized, -1);
}

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

typedef enum
{
  TOKEN_KEY,
  TOKEN_STRING,
  TOKEN_NUMBER,
} TokenKind;

/* The strings and numbers of JSON text, in order. Whatever the bytes, only
 * data[0..len) is read; on valid JSON (an event's bytes parsed before)
 * keys are told apart from string values by the colon after them. */
typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;    /* where the next token is looked for */
  TokenKind   kind;
  gsize       start;  /* the token's text, a string's without its quotes */
  gsize       end;
} Tokens;

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* TRUE when the quote at data[at] is escaped: after an odd number of
 * backslashes. */
static gboolean
is_escaped (const char *data,
            gsize       at)
{
  gsize n_backslashes = 0;

  while (n_backslashes < at && data[at - n_backslashes - 1] == '\\')
    n_backslashes++;

  return n_backslashes % 2 == 1;
}

/* The index of the first unescaped quote at or after @from (the end of the
 * string @from is in), or @len when there is none. */
static gsize
string_end (const char *data,
            gsize       len,
            gsize       from)
{
  for (;;)
    {
      const char *quote = memchr (data + from, '"', len - from);

      if (quote == NULL)
        return len;
      if (!is_escaped (data, quote - data))
        return quote - data;

      from = quote - data + 1;
    }
}

static gboolean
tokens_next (Tokens *tokens)
{
  const char *data = tokens->data;
  gsize len = tokens->len;
  gsize i = tokens->pos;

  while (i < len && data[i] != '"' && data[i] != '-' && !g_ascii_isdigit (data[i]))
    i++;

  if (i >= len)
    {
      tokens->pos = len;
      return FALSE;
    }

  if (data[i] == '"')
    {
      gsize end = string_end (data, len, i + 1);
      gsize after = MIN (end + 1, len);

      while (after < len && is_json_space (data[after]))
        after++;

      tokens->kind = after < len && data[after] == ':' ? TOKEN_KEY : TOKEN_STRING;
      tokens->start = i + 1;
      tokens->end = end;
      tokens->pos = MIN (end + 1, len);
    }
  else
    {
      gsize end = i + 1;

      while (end < len && is_number_char (data[end]))
        end++;

      tokens->kind = TOKEN_NUMBER;
      tokens->start = i;
      tokens->end = end;
      tokens->pos = end;
    }

  return TRUE;
}

/* TRUE for string text that is ASCII without escapes: its raw bytes are
 * its text, and folding it is lower-casing it. */
static gboolean
is_plain_text (const char *text,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) text[i] >= 0x80 || text[i] == '\\')
        return FALSE;
    }

  return TRUE;
}

/* Reads the 4 hex digits of a \u escape at data[i..i+4), before @end. */
static gboolean
read_hex4 (const char *data,
           gsize       i,
           gsize       end,
           gunichar   *out)
{
  gunichar value = 0;

  if (i > end || end - i < 4)
    return FALSE;

  for (gsize k = i; k < i + 4; k++)
    {
      int digit = g_ascii_xdigit_value (data[k]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }

  *out = value;
  return TRUE;
}

/* The text of the JSON string data[start..end) (without its quotes),
 * decoded as json-glib decodes valid JSON. A \u0000 ends the text, as the
 * C strings of json-glib end there too; a lone surrogate becomes U+FFFD;
 * other malformed escapes (not in text that parsed) are kept as they are. */
static char *
decode_string (const char *data,
               gsize       start,
               gsize       end)
{
  GString *out = g_string_sized_new (end - start);

  for (gsize i = start; i < end; i++)
    {
      gunichar c;

      if (data[i] != '\\')
        {
          g_string_append_c (out, data[i]);
          continue;
        }

      if (++i >= end)
        break;

      switch (data[i])
        {
        case 'b':
          g_string_append_c (out, '\b');
          break;
        case 'f':
          g_string_append_c (out, '\f');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'u':
          if (!read_hex4 (data, i + 1, end, &c))
            {
              g_string_append (out, "\\u");
              break;
            }
          i += 4;

          if (c >= 0xD800 && c <= 0xDBFF)
            {
              gunichar low;

              if (i + 2 < end && data[i + 1] == '\\' && data[i + 2] == 'u' &&
                  read_hex4 (data, i + 3, end, &low) && low >= 0xDC00 && low <= 0xDFFF)
                {
                  c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                  i += 6;
                }
              else
                c = 0xFFFD;
            }
          else if (c >= 0xDC00 && c <= 0xDFFF)
            c = 0xFFFD;

          if (c == 0)
            return g_string_free (out, FALSE);
          g_string_append_unichar (out, c);
          break;
        default:
          /* \" \\ \/ */
          g_string_append_c (out, data[i]);
          break;
        }
    }

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
  Tokens tokens = { data, len, 0 };
  GString *out = NULL;
  gsize size;

  while (tokens_next (&tokens))
    {
      g_autofree char *text = NULL;
      gsize before;

      if (tokens.kind != TOKEN_STRING ||
          is_plain_text (data + tokens.start, tokens.end - tokens.start))
        continue;

      if (out == NULL)
        out = g_string_new (NULL);

      text = decode_string (data, tokens.start, tokens.end);
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
  Tokens tokens = { data, len, 0 };
  g_autoptr(GByteArray) scratch = g_byte_array_new ();
  g_autofree char *terminated = g_strndup (needle, needle_len);

  while (tokens_next (&tokens))
    {
      gsize n = tokens.end - tokens.start;
      const char *text = data + tokens.start;

      if (n < needle_len || tokens.kind == TOKEN_KEY ||
          (tokens.kind == TOKEN_STRING && !is_plain_text (text, n)))
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
          gsize close = string_end (data, len, hit + needle_len);
          gsize after;

          if (close >= len)
            return FALSE;

          while (open > 0 && (data[open - 1] != '"' || is_escaped (data, open - 1)))
            open--;

          after = close + 1;
          while (after < len && is_json_space (data[after]))
            after++;

          if (open > 0 && (after >= len || data[after] != ':') &&
              is_plain_text (data + open, close - open))
            return TRUE;

          /* Every other occurrence in this string is in the same place. */
          hit = finder_next (&finder, close + 1);
        }

      return finder.exhausted && raw_values_contain_linear (data, len, needle, needle_len);
    }

  /* The needle could be outside strings too ("2026", "la", "true"): the
   * tokens are walked as far as the occurrences, to see what each is in. */
  {
    Tokens tokens = { data, len, 0 };
    gboolean have_token = FALSE;

    for (hit = finder_next (&finder, 0); hit != G_MAXSIZE;)
      {
        /* The token holding the occurrence's start, or the next one */
        while (!have_token || tokens.end <= hit)
          {
            if (!tokens_next (&tokens))
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
            (tokens.kind == TOKEN_NUMBER ||
             (tokens.kind == TOKEN_STRING &&
              is_plain_text (data + tokens.start, tokens.end - tokens.start))))
          return TRUE;

        /* A key, a value searched in @search_text, or an occurrence that
         * goes past the token's end, as any later one in it would. */
        hit = finder_next (&finder, tokens.end);
      }
  }

  return finder.exhausted && raw_values_contain_linear (data, len, needle, needle_len);
}

static gint64
compute_duration (const char *from,
                  const char *to)
{
  g_autoptr(GDateTime) start = converc_timestamp_parse (from);
  g_autoptr(GDateTime) end = converc_timestamp_parse (to);
  GTimeSpan span;

  if (start == NULL || end == NULL)
    return -1;

  span = g_date_time_difference (end, start);
  if (span < 0)
    return -1;

  return span / G_TIME_SPAN_SECOND;
}

static ConvercEvent *
parse_event (GBytes  *raw,
             GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ConvercEvent) self = NULL;
  g_autoptr(GDateTime) created = NULL;
  JsonObject *object;
  JsonObject *data;
  JsonObject *call;
  JsonObject *contact;
  const char *bytes;
  gsize len = 0;

  bytes = g_bytes_get_data (raw, &len);
  root = converc_parse_json (bytes, len, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE,
                   _("an event must be a JSON object, not %s"),
                   JSON_NODE_HOLDS_ARRAY (root) ? _("a list") :
                   JSON_NODE_HOLDS_NULL (root) ? _("null") : _("a single value"));
      return NULL;
    }

  object = json_node_get_object (root);
  data = converc_json_object_member (object, "data");
  call = converc_json_object_member (data, "call");
  contact = converc_json_object_member (data, "contact");

  self = g_object_new (CONVERC_TYPE_EVENT, NULL);
  self->raw = g_bytes_ref (raw);
  self->raw_data = bytes;
  self->raw_len = len;
  self->id = converc_json_dup_string (object, "id");
  self->event_type = converc_json_dup_string (object, "type");
  if (self->event_type == NULL)
    self->event_type = converc_json_dup_string (object, "eventType");
  self->created_at = converc_json_dup_string (object, "createdAt");
  self->organization_id = converc_json_dup_string (object, "organizationId");
  self->call_id = converc_json_dup_string (call, "id");
  self->call_status = converc_json_dup_string (call, "status");
  self->media_type = converc_json_dup_string (call, "mediaType");
  self->requested_at = converc_json_dup_string (call, "requestedAt");
  self->accepted_at = converc_json_dup_string (call, "acceptedAt");
  self->ended_at = converc_json_dup_string (call, "endedAt");
  self->accepted_by = converc_json_dup_string (call, "acceptedBy");
  self->contact_name = converc_json_dup_string (contact, "name");
  self->contact_email = converc_json_dup_string (contact, "email");
  self->contact_phone = converc_json_dup_string (contact, "phone");
  self->duration = compute_duration (self->accepted_at, self->ended_at);

  created = converc_timestamp_parse (self->created_at);
  self->created_unix = created != NULL ? g_date_time_to_unix (created) : G_MININT64;

  self->search_text = collect_search_text (bytes, len, &self->search_text_bytes);

  return g_steal_pointer (&self);
}

/**
 * converc_parse_event:
 * @raw: one event's exact bytes
 * @error: a #GError
 *
 * Every member is optional; only a body that is not a JSON object is an
 * error. Unknown event types are kept as they are. The event keeps a
 * reference to @raw.
 *
 * Returns: (transfer full): the event
 */
ConvercEvent *
converc_parse_event (GBytes  *raw,
                     GError **error)
{
  g_return_val_if_fail (raw != NULL, NULL);

  return parse_event (raw, error);
}

/**
 * converc_parse_event_slice:
 * @body: a whole answer
 * @offset: where the event starts in @body
 * @length: its length
 * @error: a #GError
 *
 * Like converc_parse_event(), for an event inside a longer answer: the
 * event's raw bytes are a slice of @body, which stays alive as long as the
 * event does, unless converc_event_compact() is called.
 *
 * Returns: (transfer full): the event
 */
ConvercEvent *
converc_parse_event_slice (GBytes  *body,
                           gsize    offset,
                           gsize    length,
                           GError **error)
{
  g_autoptr(GBytes) raw = NULL;
  ConvercEvent *self;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (offset <= g_bytes_get_size (body), NULL);
  g_return_val_if_fail (length <= g_bytes_get_size (body) - offset, NULL);

  raw = g_bytes_new_from_bytes (body, offset, length);
  self = parse_event (raw, error);
  if (self != NULL)
    self->raw_is_slice = length < g_bytes_get_size (body);

  return self;
}

/* Re-indents valid JSON token by token, so numbers and string escapes keep
 * their exact spelling (a round trip through a tree would not). */
static char *
pretty_print (const char *data,
              gsize       len)
{
  GString *out = g_string_sized_new (len + len / 2);
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      switch (c)
        {
        case '"':
          {
            gsize start = i;

            for (i++; i < len; i++)
              {
                if (data[i] == '\\')
                  i++;
                else if (data[i] == '"')
                  break;
              }
            g_string_append_len (out, data + start, MIN (i + 1, len) - start);
          }
          break;

        case '{':
        case '[':
          {
            gsize j = i + 1;

            while (j < len && g_ascii_isspace (data[j]))
              j++;
            if (j < len && (data[j] == '}' || data[j] == ']'))
              {
                g_string_append_c (out, c);
                g_string_append_c (out, data[j]);
                i = j;
                break;
              }
            depth++;
            g_string_append_c (out, c);
            g_string_append_c (out, '\n');
            for (int k = 0; k < depth; k++)
              g_string_append (out, "  ");
          }
          break;

        case '}':
        case ']':
          depth = MAX (0, depth - 1);
          g_string_append_c (out, '\n');
          for (int k = 0; k < depth; k++)
            g_string_append (out, "  ");
          g_string_append_c (out, c);
          break;

        case ',':
          g_string_append (out, ",\n");
          for (int k = 0; k < depth; k++)
            g_string_append (out, "  ");
          break;

        case ':':
          g_string_append (out, ": ");
          break;

        case ' ':
        case '\t':
        case '\n':
        case '\r':
          break;

        default:
          g_string_append_c (out, c);
          break;
        }
    }

  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static void
converc_event_finalize (GObject *object)
{
  ConvercEvent *self = (ConvercEvent *)object;

  g_clear_pointer (&self->raw, g_bytes_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->created_at, g_free);
  g_clear_pointer (&self->organization_id, g_free);
  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->call_status, g_free);
  g_clear_pointer (&self->media_type, g_free);
  g_clear_pointer (&self->requested_at, g_free);
  g_clear_pointer (&self->accepted_at, g_free);
  g_clear_pointer (&self->ended_at, g_free);
  g_clear_pointer (&self->accepted_by, g_free);
  g_clear_pointer (&self->contact_name, g_free);
  g_clear_pointer (&self->contact_email, g_free);
  g_clear_pointer (&self->contact_phone, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (converc_event_parent_class)->finalize (object);
}

static void
converc_event_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ConvercEvent *self = CONVERC_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_EVENT_TYPE:
      g_value_set_string (value, self->event_type);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_ORGANIZATION_ID:
      g_value_set_string (value, self->organization_id);
      break;
    case PROP_CALL_ID:
      g_value_set_string (value, self->call_id);
      break;
    case PROP_CALL_STATUS:
      g_value_set_string (value, self->call_status);
      break;
    case PROP_MEDIA_TYPE:
      g_value_set_string (value, self->media_type);
      break;
    case PROP_REQUESTED_AT:
      g_value_set_string (value, self->requested_at);
      break;
    case PROP_ACCEPTED_AT:
      g_value_set_string (value, self->accepted_at);
      break;
    case PROP_ENDED_AT:
      g_value_set_string (value, self->ended_at);
      break;
    case PROP_ACCEPTED_BY:
      g_value_set_string (value, self->accepted_by);
      break;
    case PROP_CONTACT_NAME:
      g_value_set_string (value, self->contact_name);
      break;
    case PROP_CONTACT_EMAIL:
      g_value_set_string (value, self->contact_email);
      break;
    case PROP_CONTACT_PHONE:
      g_value_set_string (value, self->contact_phone);
      break;
    case PROP_DURATION:
      g_value_set_int64 (value, self->duration);
      break;
    case PROP_CREATED_UNIX:
      g_value_set_int64 (value, self->created_unix);
      break;
    case PROP_RAW:
      g_value_set_boxed (value, self->raw);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
converc_event_class_init (ConvercEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const struct { guint prop; const char *name; } strings[] = {
    { PROP_ID, "id" },
    { PROP_EVENT_TYPE, "event-type" },
    { PROP_CREATED_AT, "created-at" },
    { PROP_ORGANIZATION_ID, "organization-id" },
    { PROP_CALL_ID, "call-id" },
    { PROP_CALL_STATUS, "call-status" },
    { PROP_MEDIA_TYPE, "media-type" },
    { PROP_REQUESTED_AT, "requested-at" },
    { PROP_ACCEPTED_AT, "accepted-at" },
    { PROP_ENDED_AT, "ended-at" },
    { PROP_ACCEPTED_BY, "accepted-by" },
    { PROP_CONTACT_NAME, "contact-name" },
    { PROP_CONTACT_EMAIL, "contact-email" },
    { PROP_CONTACT_PHONE, "contact-phone" },
  };

  object_class->finalize = converc_event_finalize;
  object_class->get_property = converc_event_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    properties[strings[i].prop] =
      g_param_spec_string (strings[i].name, NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DURATION] =
    g_param_spec_int64 ("duration", NULL, NULL, -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREATED_UNIX] =
    g_param_spec_int64 ("created-unix", NULL, NULL, G_MININT64, G_MAXINT64, G_MININT64,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_RAW] =
    g_param_spec_boxed ("raw", NULL, NULL, G_TYPE_BYTES,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
converc_event_init (ConvercEvent *self)
{
  self->duration = -1;
  self->created_unix = G_MININT64;
}

#define GETTER(field)                                         \
const char *                                                  \
converc_event_get_##field (ConvercEvent *self)                \
{                                                             \
  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);       \
  return self->field;                                         \
}

GETTER (id)
GETTER (event_type)
GETTER (created_at)
GETTER (organization_id)
GETTER (call_id)
GETTER (call_status)
GETTER (media_type)
GETTER (requested_at)
GETTER (accepted_at)
GETTER (ended_at)
GETTER (accepted_by)
GETTER (contact_name)
GETTER (contact_email)
GETTER (contact_phone)

#undef GETTER

gint64
converc_event_get_duration (ConvercEvent *self)
{
  g_return_val_if_fail (CONVERC_IS_EVENT (self), -1);
  return self->duration;
}

gint64
converc_event_get_created_unix (ConvercEvent *self)
{
  g_return_val_if_fail (CONVERC_IS_EVENT (self), G_MININT64);
  return self->created_unix;
}

/**
 * converc_event_get_raw:
 *
 * Returns: (transfer none): the exact bytes the server sent for this event
 */
GBytes *
converc_event_get_raw (ConvercEvent *self)
{
  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);
  return self->raw;
}

gboolean
converc_event_raw_is_slice (ConvercEvent *self)
{
  g_return_val_if_fail (CONVERC_IS_EVENT (self), FALSE);
  return self->raw_is_slice;
}

/**
 * converc_event_compact:
 *
 * An event from converc_parse_event_list() shares the bytes of the whole
 * answer it came in, so that a list of events costs no copy of them; but
 * then one such event keeps the whole answer alive. An event kept while
 * most of its answer is dropped (a refresh keeps only the events not shown
 * yet) should be compacted: it then keeps a copy of its own bytes only.
 *
 * A no-op when the raw bytes are already the event's own (events from
 * converc_parse_event(), and events compacted before).
 *
 * The raw bytes are replaced by equal ones: a #GBytes from
 * converc_event_get_raw() stays valid only while a reference to it is held.
 * Call it before the event is shared with other threads.
 */
void
converc_event_compact (ConvercEvent *self)
{
  GBytes *own;
  const char *data;
  gsize len = 0;

  g_return_if_fail (CONVERC_IS_EVENT (self));

  if (!self->raw_is_slice)
    return;

  data = g_bytes_get_data (self->raw, &len);
  own = g_bytes_new (data, len);
  g_bytes_unref (self->raw);
  self->raw = own;
  self->raw_data = g_bytes_get_data (own, &self->raw_len);
  self->raw_is_slice = FALSE;
}

/**
 * converc_event_matches:
 * @folded_needle: text folded with converc_fold_for_search()
 *
 * A needle matches when it is inside one string or number value of the
 * payload, whatever the case: never in a member name, never across two
 * values. Strings are compared decoded, normalised and case-folded;
 * numbers as spelled in the JSON ("1.50" is found by "1.50", not "1.5").
 * The empty needle matches every event.
 *
 * Returns: %TRUE when a value of the event contains @folded_needle
 */
gboolean
converc_event_matches (ConvercEvent *self,
                       const char   *folded_needle)
{
  gboolean ascii = TRUE;
  gsize needle_len = 0;
  guint64 needle_bytes = 0;

  g_return_val_if_fail (CONVERC_IS_EVENT (self), FALSE);

  if (folded_needle == NULL || folded_needle[0] == '\0')
    return TRUE;

  for (; folded_needle[needle_len] != '\0'; needle_len++)
    {
      /* The values searched in place are ASCII. */
      if ((guchar) folded_needle[needle_len] >= 0x80)
        ascii = FALSE;
      needle_bytes |= byte_bit (folded_needle[needle_len]);
    }

  if (ascii && self->raw_data != NULL &&
      raw_values_contain (self->raw_data, self->raw_len, folded_needle, needle_len))
    return TRUE;

  /* Not reading @search_text when it lacks a byte of the needle saves a
   * cache miss an event. */
  if (self->search_text != NULL && (needle_bytes & ~self->search_text_bytes) == 0)
    {
      for (const char *value = self->search_text; *value != '\0'; value += strlen (value) + 1)
        {
          if (strstr (value, folded_needle) != NULL)
            return TRUE;
        }
    }

  return FALSE;
}

/**
 * converc_event_dup_summary:
 *
 * Returns: (transfer full): one line: who, call status, duration
 */
char *
converc_event_dup_summary (ConvercEvent *self)
{
  GString *out;
  const char *who;

  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);

  out = g_string_new (NULL);

  who = self->contact_name;
  if (who == NULL || who[0] == '\0')
    who = self->contact_email;
  if (who == NULL || who[0] == '\0')
    who = self->contact_phone;

  if (who != NULL && who[0] != '\0')
    g_string_append (out, who);

  if (self->call_status != NULL && self->call_status[0] != '\0')
    {
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, self->call_status);
    }

  if (self->duration >= 0)
    {
      g_autofree char *duration = converc_format_duration (self->duration);

      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, duration);
    }

  if (out->len == 0)
    g_string_append (out, "—");

  return g_string_free (out, FALSE);
}

/**
 * converc_event_parse_payload:
 *
 * Returns: (transfer full): the event's JSON, parsed again from its bytes
 */
JsonNode *
converc_event_parse_payload (ConvercEvent  *self,
                             GError       **error)
{
  const char *data;
  gsize len = 0;

  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);

  data = g_bytes_get_data (self->raw, &len);
  return converc_parse_json (data, len, error);
}

/**
 * converc_event_dup_pretty_json:
 *
 * Returns: (transfer full): the event's JSON with two-space indentation,
 *   every value spelled exactly as the server sent it
 */
char *
converc_event_dup_pretty_json (ConvercEvent *self)
{
  const char *data;
  gsize len = 0;

  g_return_val_if_fail (CONVERC_IS_EVENT (self), NULL);

  data = g_bytes_get_data (self->raw, &len);
  return pretty_print (data, len);
}
