/* convolve-settings.c — the mappings between keys and widget properties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "convolve-settings.h"

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *ids = user_data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (id, ids[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *ids = user_data;
  guint i = g_value_get_uint (value);

  return i < g_strv_length ((char **) ids) ? g_variant_new_string (ids[i]) : NULL;
}

void
convolve_settings_bind_choice (GSettings          *settings,
                               const char         *key,
                               GObject            *object,
                               const char         *property,
                               const char * const *ids)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (ids != NULL);

  g_settings_bind_with_mapping (settings, key, object, property, G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping, (gpointer) ids, NULL);
}

/* A spin button's value is always a double */
static gboolean
number_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  double v;

  if (g_variant_is_of_type (variant, G_VARIANT_TYPE_INT32))
    v = g_variant_get_int32 (variant);
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_UINT64))
    v = (double) g_variant_get_uint64 (variant);
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_DOUBLE))
    v = g_variant_get_double (variant);
  else
    return FALSE;
  /* NaN and infinity pass any schema range (they compare as neither
   * smaller nor larger): such a stored value reads as the default */
  if (!isfinite (v))
    return FALSE;
  g_value_set_double (value, v);
  return TRUE;
}

static GVariant *
number_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  double v = g_value_get_double (value);

  if (!isfinite (v))
    return NULL;
  if (g_variant_type_equal (expected_type, G_VARIANT_TYPE_INT32))
    return g_variant_new_int32 ((gint32) lround (v));
  if (g_variant_type_equal (expected_type, G_VARIANT_TYPE_UINT64))
    return g_variant_new_uint64 ((guint64) MAX (llround (v), 0));
  if (g_variant_type_equal (expected_type, G_VARIANT_TYPE_DOUBLE))
    return g_variant_new_double (v);
  return NULL;
}

void
convolve_settings_bind_number (GSettings  *settings,
                               const char *key,
                               GObject    *object,
                               const char *property)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind_with_mapping (settings, key, object, property, G_SETTINGS_BIND_DEFAULT,
                                number_get_mapping, number_set_mapping, NULL, NULL);
}

void
convolve_settings_migrate (GSettings *settings)
{
  g_autoptr (GVariant) old = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));

  old = g_settings_get_user_value (settings, "augment");
  if (old == NULL)
    return;
  if (!g_variant_get_boolean (old))
    {
      g_autoptr (GVariant) chosen = g_settings_get_user_value (settings, "augmentation");

      /* a choice made since wins over the old switch */
      if (chosen == NULL)
        g_settings_set_string (settings, "augmentation", "none");
    }
  g_settings_reset (settings, "augment");
}
