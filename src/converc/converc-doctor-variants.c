/* converc-doctor-variants.c
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

/* The one concern of this file: the usual ways a body and a secret get changed,
 * as candidates for the doctor to try. */

#define G_LOG_DOMAIN "converc-doctor"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "converc-doctor-private.h"

#define SECRET_PREFIX  "whsec_"
#define MAX_JSON_DEPTH 256

void
converc_doctor_wipe (guint8 *data,
                     gsize   len)
{
  volatile guint8 *p = data;

  for (gsize i = 0; i < len; i++)
    p[i] = 0;
}

gboolean
converc_doctor_decode_hex (const char *hex,
                           gsize       len,
                           guint8     *out)
{
  for (gsize i = 0; i < len / 2; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }

  return TRUE;
}

static void
variant_clear (gpointer data)
{
  Variant *variant = data;

  g_clear_pointer (&variant->bytes, g_bytes_unref);
}

/* --- body variants --------------------------------------------------------- */

static void
add_variant (GArray            *variants,
             GBytes            *body,
             GBytes            *bytes,
             ConvercBodyChange  change)
{
  Variant variant = { bytes, change };

  if (bytes == NULL)
    return;
  if (g_bytes_equal (bytes, body))
    {
      g_bytes_unref (bytes);
      return;
    }
  for (guint i = 0; i < variants->len; i++)
    if (g_bytes_equal (g_array_index (variants, Variant, i).bytes, bytes))
      {
        g_bytes_unref (bytes);
        return;
      }

  g_array_append_val (variants, variant);
}

static GBytes *
replace_line_endings (const guint8 *data,
                      gsize         len,
                      gboolean      to_crlf)
{
  GString *out;
  const guint8 *p = data;
  const guint8 *end = data + len;
  gboolean changed = FALSE;

  if (len == 0 || memchr (data, '\n', len) == NULL)
    return NULL;

  out = g_string_sized_new (len + (to_crlf ? len / 16 : 0));
  while (p < end)
    {
      const guint8 *nl = memchr (p, '\n', end - p);
      gboolean after_cr;

      if (nl == NULL)
        {
          g_string_append_len (out, (const char *) p, end - p);
          break;
        }

      after_cr = nl > data && nl[-1] == '\r';
      if (to_crlf && !after_cr)
        {
          g_string_append_len (out, (const char *) p, nl - p);
          g_string_append (out, "\r\n");
          changed = TRUE;
        }
      else if (!to_crlf && after_cr)
        {
          g_string_append_len (out, (const char *) p, nl - 1 - p);
          g_string_append_c (out, '\n');
          changed = TRUE;
        }
      else
        g_string_append_len (out, (const char *) p, nl + 1 - p);
      p = nl + 1;
    }

  if (!changed)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free_to_bytes (out);
}

/* The text read as UTF-8 and written as Latin-1 (NULL if it cannot be) */
static GBytes *
utf8_to_latin1 (const guint8 *data,
                gsize         len)
{
  const char *p = (const char *) data;
  const char *end = p + len;
  GByteArray *out;
  gboolean high = FALSE;

  for (gsize i = 0; i < len && !high; i++)
    high = data[i] > 0x7f;
  if (!high || !g_utf8_validate_len (p, len, NULL))
    return NULL;

  out = g_byte_array_sized_new (len);
  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      guint8 b = (guint8) c;

      if (c > 0xff)
        {
          g_byte_array_unref (out);
          return NULL;
        }
      high |= c > 0x7f;
      g_byte_array_append (out, &b, 1);
      p = g_utf8_next_char (p);
    }

  if (!high)
    {
      g_byte_array_unref (out);
      return NULL;
    }

  return g_byte_array_free_to_bytes (out);
}

/* The bytes read as Latin-1 and written as UTF-8 (NULL if all ASCII) */
static GBytes *
latin1_to_utf8 (const guint8 *data,
                gsize         len)
{
  GByteArray *out;
  gboolean high = FALSE;

  for (gsize i = 0; i < len && !high; i++)
    high = data[i] > 0x7f;
  if (!high)
    return NULL;

  out = g_byte_array_sized_new (len + len / 8);
  for (gsize i = 0; i < len; i++)
    {
      guint8 two[2] = { 0xc0 | data[i] >> 6, 0x80 | (data[i] & 0x3f) };

      if (data[i] < 0x80)
        g_byte_array_append (out, &data[i], 1);
      else
        g_byte_array_append (out, two, 2);
    }

  return g_byte_array_free_to_bytes (out);
}

static void
write_json_string (GString    *out,
                   const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double, as JSON.stringify writes */
static void
write_json_double (GString *out,
                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
write_indent (GString *out,
              guint    indent,
              guint    depth)
{
  if (indent == 0)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent * depth; i++)
    g_string_append_c (out, ' ');
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (a, b);
}

/* JSON as JavaScript's JSON.stringify (value, null, indent) writes it;
 * FALSE when it is too deep to rewrite. */
static gboolean
write_json (GString  *out,
            JsonNode *node,
            guint     indent,
            gboolean  sorted,
            guint     depth)
{
  if (depth > MAX_JSON_DEPTH)
    return FALSE;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) names = json_object_get_members (object);
        gboolean first = TRUE;

        if (sorted)
          names = g_list_sort (names, compare_names);
        g_string_append_c (out, '{');
        for (GList *l = names; l != NULL; l = l->next)
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_indent (out, indent, depth + 1);
            write_json_string (out, l->data);
            g_string_append (out, indent > 0 ? ": " : ":");
            if (!write_json (out, json_object_get_member (object, l->data), indent, sorted,
                             depth + 1))
              return FALSE;
          }
        if (!first)
          write_indent (out, indent, depth);
        g_string_append_c (out, '}');
      }
      return TRUE;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_indent (out, indent, depth + 1);
            if (!write_json (out, json_array_get_element (array, i), indent, sorted, depth + 1))
              return FALSE;
          }
        if (n > 0)
          write_indent (out, indent, depth);
        g_string_append_c (out, ']');
      }
      return TRUE;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          write_json_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          write_json_string (out, json_node_get_string (node));
          break;
        default:
          return FALSE;
        }
      return TRUE;
    }
}

static GBytes *
json_variant (JsonNode *root,
              guint     indent,
              gboolean  sorted)
{
  GString *out = g_string_new (NULL);

  if (!write_json (out, root, indent, sorted, 0))
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free_to_bytes (out);
}

static void
add_json_variants (GArray *variants,
                   GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len;
  const char *data = (const char *) converc_doctor_bytes_data (body, &len);
  JsonNode *root;

  if (len == 0 || !json_parser_load_from_data (parser, data, (gssize) len, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || (!JSON_NODE_HOLDS_OBJECT (root) && !JSON_NODE_HOLDS_ARRAY (root)))
    return;

  add_variant (variants, body, json_variant (root, 0, FALSE), CONVERC_BODY_CHANGE_JSON_COMPACT);
  add_variant (variants, body, json_variant (root, 2, FALSE), CONVERC_BODY_CHANGE_JSON_PRETTY_2);
  add_variant (variants, body, json_variant (root, 4, FALSE), CONVERC_BODY_CHANGE_JSON_PRETTY_4);
  add_variant (variants, body, json_variant (root, 0, TRUE), CONVERC_BODY_CHANGE_JSON_KEYS_ORDER);
  add_variant (variants, body, json_variant (root, 2, TRUE), CONVERC_BODY_CHANGE_JSON_KEYS_ORDER);
  add_variant (variants, body, json_variant (root, 4, TRUE), CONVERC_BODY_CHANGE_JSON_KEYS_ORDER);
}

/* The bodies that, changed in a usual way, give the body that arrived: the
 * cheap and common ones first. */
GArray *
converc_doctor_body_variants (GBytes   *body,
                              gsize     max_json,
                              gboolean *limited)
{
  GArray *variants = g_array_new (FALSE, TRUE, sizeof (Variant));
  gsize len;
  const guint8 *data = converc_doctor_bytes_data (body, &len);

  g_array_set_clear_func (variants, variant_clear);

  /* A trailing newline added or removed is tried by the doctor itself,
   * without a copy of the body. */
  add_variant (variants, body, replace_line_endings (data, len, FALSE),
               CONVERC_BODY_CHANGE_LF_TO_CRLF);
  add_variant (variants, body, replace_line_endings (data, len, TRUE),
               CONVERC_BODY_CHANGE_CRLF_TO_LF);
  add_variant (variants, body, utf8_to_latin1 (data, len), CONVERC_BODY_CHANGE_LATIN1_TO_UTF8);
  add_variant (variants, body, latin1_to_utf8 (data, len), CONVERC_BODY_CHANGE_UTF8_TO_LATIN1);

  if (len <= max_json)
    add_json_variants (variants, body);
  else
    *limited = TRUE;

  return variants;
}

/* --- secret variants ------------------------------------------------------- */

static void
key_variant_clear (gpointer data)
{
  KeyVariant *variant = data;

  converc_doctor_wipe (variant->key, variant->len);
  g_clear_pointer (&variant->key, g_free);
}

static void
add_key (GArray              *keys,
         guint8              *key,
         gsize                len,
         ConvercSecretMisuse  misuse)
{
  KeyVariant variant = { key, len, misuse };

  if (key == NULL)
    return;
  g_array_append_val (keys, variant);
}

static guint8 *
concat_key (const char *a,
            gsize       a_len,
            const char *b,
            gsize       b_len,
            gsize      *len)
{
  guint8 *key = g_malloc (a_len + b_len + 1);

  memcpy (key, a, a_len);
  memcpy (key + a_len, b, b_len);
  *len = a_len + b_len;

  return key;
}

static gboolean
is_base64 (const char *text,
           gsize       len)
{
  gsize padding = 0;

  if (len < 4)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '=')
        padding++;
      else if (padding > 0 || !(g_ascii_isalnum (c) || strchr ("+/-_", c) != NULL))
        return FALSE;
    }

  return padding <= 2;
}

static void
add_decoded_keys (GArray     *keys,
                  const char *text,
                  gsize       len)
{
  gboolean hex = len >= 2 && len % 2 == 0;

  for (gsize i = 0; i < len && hex; i++)
    hex = g_ascii_isxdigit (text[i]);
  if (hex)
    {
      guint8 *key = g_malloc (len / 2);

      converc_doctor_decode_hex (text, len, key);
      add_key (keys, key, len / 2, CONVERC_SECRET_MISUSE_HEX_DECODED);
    }

  if (is_base64 (text, len))
    {
      g_autofree char *standard = g_malloc0 (len + 4);
      gsize decoded_len = 0;
      guchar *decoded;

      for (gsize i = 0; i < len; i++)
        standard[i] = text[i] == '-' ? '+' : text[i] == '_' ? '/' : text[i];
      for (gsize i = len; i % 4 != 0; i++)
        standard[i] = '=';

      decoded = g_base64_decode (standard, &decoded_len);
      converc_doctor_wipe ((guint8 *) standard, len);
      if (decoded_len > 0)
        add_key (keys, decoded, decoded_len, CONVERC_SECRET_MISUSE_BASE64_DECODED);
      else
        g_free (decoded);
    }
}

/* The keys a signer may have made of @secret by mistake */
GArray *
converc_doctor_secret_variants (const guint8 *secret,
                                gsize         len)
{
  GArray *keys = g_array_new (FALSE, TRUE, sizeof (KeyVariant));
  const char *s = (const char *) secret;
  gsize prefix_len = strlen (SECRET_PREFIX);
  gsize start = 0;
  gsize end = len;
  gsize key_len;
  guint8 *key;

  g_array_set_clear_func (keys, key_variant_clear);

  if (len > prefix_len && memcmp (s, SECRET_PREFIX, prefix_len) == 0)
    {
      key = concat_key (s + prefix_len, len - prefix_len, "", 0, &key_len);
      add_key (keys, key, key_len, CONVERC_SECRET_MISUSE_PREFIX_DROPPED);
    }
  else
    {
      key = concat_key (SECRET_PREFIX, prefix_len, s, len, &key_len);
      add_key (keys, key, key_len, CONVERC_SECRET_MISUSE_PREFIX_ADDED);
    }

  while (start < end && g_ascii_isspace (s[start]))
    start++;
  while (end > start && g_ascii_isspace (s[end - 1]))
    end--;
  if (start > 0 || end < len)
    {
      key = concat_key (s + start, end - start, "", 0, &key_len);
      add_key (keys, key, key_len, CONVERC_SECRET_MISUSE_WHITESPACE);
    }
  else
    {
      static const char * const suffixes[] = { "\n", "\r\n", " " };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          key = concat_key (s, len, suffixes[i], strlen (suffixes[i]), &key_len);
          add_key (keys, key, key_len, CONVERC_SECRET_MISUSE_WHITESPACE);
        }
      key = concat_key (" ", 1, s, len, &key_len);
      add_key (keys, key, key_len, CONVERC_SECRET_MISUSE_WHITESPACE);
    }

  add_decoded_keys (keys, s + start, end - start);
  if (end - start > prefix_len && memcmp (s + start, SECRET_PREFIX, prefix_len) == 0)
    add_decoded_keys (keys, s + start + prefix_len, end - start - prefix_len);

  return keys;
}

