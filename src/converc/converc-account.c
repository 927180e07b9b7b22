/* converc-account.c
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

/* The one concern of this file: the account model (one organisation). */

#define G_LOG_DOMAIN "converc-account"

#include "config.h"

#include "converc-account.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ConvercAccount
{
  GObject   parent_instance;
  char     *id;
  char     *label;
  char     *base_url;
  char     *color;
  char     *organization_id;
  char     *legacy_base_url;
  gboolean  production;
  gboolean  demo;
};

G_DEFINE_FINAL_TYPE (ConvercAccount, converc_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_BASE_URL,
  PROP_COLOR,
  PROP_PRODUCTION,
  PROP_ORGANIZATION_ID,
  PROP_DEMO,
  PROP_LEGACY_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const palette[] = {
  "blue", "teal", "green", "yellow", "orange", "red", "purple", "slate", NULL
};

/* Replaces *@field with a copy of @value; TRUE when it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static char *
generate_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *id = g_string_new ("acct-");

  /* 16 hex digits of a random UUID: unique enough for one user's list. */
  for (const char *p = uuid; *p != '\0' && id->len < 5 + 16; p++)
    if (*p != '-')
      g_string_append_c (id, g_ascii_tolower (*p));

  return g_string_free (id, FALSE);
}

static void
converc_account_finalize (GObject *object)
{
  ConvercAccount *self = (ConvercAccount *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->organization_id, g_free);
  g_clear_pointer (&self->legacy_base_url, g_free);

  G_OBJECT_CLASS (converc_account_parent_class)->finalize (object);
}

static void
converc_account_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ConvercAccount *self = CONVERC_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_PRODUCTION:
      g_value_set_boolean (value, self->production);
      break;

    case PROP_ORGANIZATION_ID:
      g_value_set_string (value, self->organization_id);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_LEGACY_BASE_URL:
      g_value_set_string (value, self->legacy_base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
converc_account_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ConvercAccount *self = CONVERC_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      converc_account_set_label (self, g_value_get_string (value));
      break;

    case PROP_BASE_URL:
      converc_account_set_base_url (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      converc_account_set_color (self, g_value_get_string (value));
      break;

    case PROP_PRODUCTION:
      converc_account_set_production (self, g_value_get_boolean (value));
      break;

    case PROP_ORGANIZATION_ID:
      converc_account_set_organization_id (self, g_value_get_string (value));
      break;

    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;

    case PROP_LEGACY_BASE_URL:
      converc_account_set_legacy_base_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
converc_account_class_init (ConvercAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = converc_account_finalize;
  object_class->get_property = converc_account_get_property;
  object_class->set_property = converc_account_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, CONVERC_ACCOUNT_COLOR_DEFAULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRODUCTION] =
    g_param_spec_boolean ("production", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_string ("organization-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEGACY_BASE_URL] =
    g_param_spec_string ("legacy-base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
converc_account_init (ConvercAccount *self)
{
  self->color = g_strdup (CONVERC_ACCOUNT_COLOR_DEFAULT);
  self->label = g_strdup ("");
  self->base_url = g_strdup ("");
}

ConvercAccount *
converc_account_new (const char *id,
                     const char *label,
                     const char *base_url)
{
  g_return_val_if_fail (converc_account_is_valid_id (id), NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (CONVERC_TYPE_ACCOUNT,
                       "id", id,
                       "label", label,
                       "base-url", base_url,
                       NULL);
}

ConvercAccount *
converc_account_new_generated (const char *label,
                               const char *base_url)
{
  g_autofree char *id = generate_id ();

  return converc_account_new (id, label, base_url);
}

ConvercAccount *
converc_account_new_demo (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (CONVERC_TYPE_ACCOUNT,
                       "id", "demo",
                       /* Translators: the name of the demo account */
                       "label", _("Demo"),
                       "base-url", base_url,
                       "color", "purple",
                       "demo", TRUE,
                       NULL);
}

const char *
converc_account_get_id (ConvercAccount *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (self), NULL);

  return self->id;
}

const char *
converc_account_get_label (ConvercAccount *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (self), NULL);

  return self->label;
}

void
converc_account_set_label (ConvercAccount *self,
                           const char     *label)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (CONVERC_IS_ACCOUNT (self));

  clean = converc_account_clean_label (label != NULL ? label : "");
  if (set_string (&self->label, clean))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
converc_account_get_base_url (ConvercAccount *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (self), NULL);

  return self->base_url;
}

void
converc_account_set_base_url (ConvercAccount *self,
                              const char     *base_url)
{
  g_autofree char *url = NULL;
  gsize len;

  g_return_if_fail (CONVERC_IS_ACCOUNT (self));

  /* One spelling: no surrounding spaces, no trailing slash. */
  url = g_strstrip (g_strdup (base_url != NULL ? base_url : ""));
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  if (set_string (&self->base_url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

const char *
converc_account_get_color (ConvercAccount *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (self), NULL);

  return self->color;
}

void
converc_account_set_color (ConvercAccount *self,
                           const char     *color)
{
  g_return_if_fail (CONVERC_IS_ACCOUNT (self));

  if (!converc_account_is_palette_color (color))
    color = CONVERC_ACCOUNT_COLOR_DEFAULT;

  if (set_string (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

gboolean
converc_account_get_production (ConvercAccount *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (self), FALSE);

  return self->production;
}

void
converc_account_set_production (ConvercAccount *self,
                                gboolean        production)
{
  g_return_if_fail (CONVERC_IS_ACCOUNT (self));

  production = !!production;
  if (self->production == production)
    return;

  self->production = production;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCTION]);
}

const char *
converc_account_get_organization_id (ConvercAccount *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (self), NULL);

  return self->organization_id;
}

void
converc_account_set_organization_id (ConvercAccount *self,
                                     const char     *organization_id)
{
  g_return_if_fail (CONVERC_IS_ACCOUNT (self));

  if (organization_id != NULL && organization_id[0] == '\0')
    organization_id = NULL;

  if (set_string (&self->organization_id, organization_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION_ID]);
}

gboolean
converc_account_get_demo (ConvercAccount *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (self), FALSE);

  return self->demo;
}

const char *
converc_account_get_legacy_base_url (ConvercAccount *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (self), NULL);

  return self->legacy_base_url;
}

void
converc_account_set_legacy_base_url (ConvercAccount *self,
                                     const char     *base_url)
{
  g_return_if_fail (CONVERC_IS_ACCOUNT (self));

  if (base_url != NULL && base_url[0] == '\0')
    base_url = NULL;

  if (set_string (&self->legacy_base_url, base_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGACY_BASE_URL]);
}

const char *
converc_account_get_secret_scope (ConvercAccount *self)
{
  g_return_val_if_fail (CONVERC_IS_ACCOUNT (self), NULL);

  return self->id;
}

const char * const *
converc_account_get_palette (void)
{
  return palette;
}

gboolean
converc_account_is_palette_color (const char *color)
{
  return color != NULL && g_strv_contains (palette, color);
}

gboolean
converc_account_is_valid_id (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > 64)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
        return FALSE;
    }

  return TRUE;
}

char *
converc_account_clean_label (const char *label)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (label == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (label, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Line breaks and tabs too: a label is one line. */
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        continue;
      g_string_append_unichar (out, c);
    }

  g_strstrip (out->str);
  out->len = strlen (out->str);

  return g_string_free (out, FALSE);
}

GVariant *
converc_account_to_variant (ConvercAccount *self)
{
  GVariantDict dict;

  g_return_val_if_fail (CONVERC_IS_ACCOUNT (self), NULL);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "id", "s", self->id);
  g_variant_dict_insert (&dict, "label", "s", self->label);
  g_variant_dict_insert (&dict, "base-url", "s", self->base_url);
  g_variant_dict_insert (&dict, "color", "s", self->color);
  g_variant_dict_insert (&dict, "production", "b", self->production);
  if (self->organization_id != NULL)
    g_variant_dict_insert (&dict, "organization-id", "s", self->organization_id);
  if (self->legacy_base_url != NULL)
    g_variant_dict_insert (&dict, "legacy-base-url", "s", self->legacy_base_url);

  return g_variant_dict_end (&dict);
}

ConvercAccount *
converc_account_new_from_variant (GVariant *dict)
{
  g_autoptr(ConvercAccount) self = NULL;
  g_autofree char *label = NULL;
  const char *id = NULL;
  const char *raw_label = NULL;
  const char *base_url = NULL;
  const char *color = NULL;
  const char *organization_id = NULL;
  const char *legacy_base_url = NULL;
  gboolean production = FALSE;
  GVariantDict d;

  g_return_val_if_fail (dict != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_dict_init (&d, dict);
  g_variant_dict_lookup (&d, "id", "&s", &id);
  g_variant_dict_lookup (&d, "label", "&s", &raw_label);
  g_variant_dict_lookup (&d, "base-url", "&s", &base_url);
  g_variant_dict_lookup (&d, "color", "&s", &color);
  g_variant_dict_lookup (&d, "production", "b", &production);
  g_variant_dict_lookup (&d, "organization-id", "&s", &organization_id);
  g_variant_dict_lookup (&d, "legacy-base-url", "&s", &legacy_base_url);

  label = converc_account_clean_label (raw_label);

  if (!converc_account_is_valid_id (id) || label[0] == '\0' ||
      base_url == NULL || base_url[0] == '\0')
    {
      g_debug ("Ignoring an account entry without a valid id, label or base URL");
      g_variant_dict_clear (&d);
      return NULL;
    }

  self = converc_account_new (id, label, base_url);
  converc_account_set_color (self, color);
  converc_account_set_production (self, production);
  converc_account_set_organization_id (self, organization_id);
  converc_account_set_legacy_base_url (self, legacy_base_url);
  g_variant_dict_clear (&d);

  return g_steal_pointer (&self);
}
