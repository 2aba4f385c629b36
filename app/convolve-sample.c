/* convolve-sample.c — counts and a label
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "convolve-sample-private.h"

struct _ConvolveSample
{
  GObject parent_instance;

  guint8 counts[CNN_INPUT_SIZE];
  int label;
};

G_DEFINE_FINAL_TYPE (ConvolveSample, convolve_sample, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
convolve_sample_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ConvolveSample *self = CONVOLVE_SAMPLE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_int (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_sample_class_init (ConvolveSampleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = convolve_sample_get_property;

  properties[PROP_LABEL] =
    g_param_spec_int ("label", NULL, NULL, 0, CONVOLVE_SAMPLE_N_LABELS - 1, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convolve_sample_init (ConvolveSample *self)
{
}

ConvolveSample *
convolve_sample_new (const guint8 *counts,
                     int           label)
{
  ConvolveSample *self;

  g_return_val_if_fail (counts != NULL, NULL);
  g_return_val_if_fail (label >= 0 && label < CONVOLVE_SAMPLE_N_LABELS, NULL);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    g_return_val_if_fail (counts[i] <= CONVOLVE_SAMPLE_MAX_COUNT, NULL);

  self = g_object_new (CONVOLVE_TYPE_SAMPLE, NULL);
  memcpy (self->counts, counts, sizeof self->counts);
  self->label = label;
  return self;
}

guint8
convolve_sample_quantize (float value)
{
  float level = value * CONVOLVE_SAMPLE_MAX_COUNT + 0.5f;

  /* written this way round so NaN ends up as 0 */
  if (!(level >= 0.0f))
    return 0;
  if (level >= CONVOLVE_SAMPLE_MAX_COUNT)
    return CONVOLVE_SAMPLE_MAX_COUNT;
  return (guint8) level;
}

ConvolveSample *
convolve_sample_new_from_input (const float *input,
                                int          label)
{
  guint8 counts[CNN_INPUT_SIZE];

  g_return_val_if_fail (input != NULL, NULL);

  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    counts[i] = convolve_sample_quantize (input[i]);
  return convolve_sample_new (counts, label);
}

const guint8 *
convolve_sample_get_counts (ConvolveSample *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SAMPLE (self), NULL);

  return self->counts;
}

void
convolve_sample_get_input (ConvolveSample *self,
                           float          *out)
{
  g_return_if_fail (CONVOLVE_IS_SAMPLE (self));
  g_return_if_fail (out != NULL);

  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    out[i] = (float) self->counts[i] / CONVOLVE_SAMPLE_MAX_COUNT;
}

int
convolve_sample_get_label (ConvolveSample *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SAMPLE (self), 0);

  return self->label;
}

void
convolve_sample_set_label (ConvolveSample *self,
                           int             label)
{
  g_return_if_fail (CONVOLVE_IS_SAMPLE (self));
  g_return_if_fail (label >= 0 && label < CONVOLVE_SAMPLE_N_LABELS);

  if (label == self->label)
    return;
  self->label = label;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}
