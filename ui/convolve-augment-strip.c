/* convolve-augment-strip.c — a drawing as augmented training might see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same seeds each time, so each place in the strip keeps its own
 * distortion while the drawing changes: what a turn or a thicker stroke
 * does to this drawing shows at a glance.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "convolve-augment-strip.h"
#include "convolve-heatmap.h"

#define CELL 4  /* px: 32 px a version, the strip fits the Train page's side column */

struct _ConvolveAugmentStrip
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *caption;
  GtkWidget *maps;
  GtkWidget *versions[CONVOLVE_AUGMENT_STRIP_LENGTH];

  CnnAugment mode;
  gboolean   has_input;
  float      input[CNN_INPUT_SIZE];
  float      shown[CONVOLVE_AUGMENT_STRIP_LENGTH][CNN_INPUT_SIZE];
};

G_DEFINE_FINAL_TYPE (ConvolveAugmentStrip, convolve_augment_strip, GTK_TYPE_WIDGET)

static void
update (ConvolveAugmentStrip *self)
{
  const char *caption;

  if (!self->has_input)
    caption = _("Draw a digit on the Explore page to see how training might vary it.");
  else if (self->mode == CNN_AUGMENT_NONE)
    caption = _("Your drawing as training sees every sample: unchanged.");
  else
    caption = _("Your drawing as training might see it, varied at random:");
  gtk_label_set_label (GTK_LABEL (self->caption), caption);
  gtk_widget_set_visible (self->maps, self->has_input);
  if (!self->has_input)
    return;

  for (int i = 0; i < CONVOLVE_AUGMENT_STRIP_LENGTH; i++)
    {
      cnn_augment_example (self->mode, (guint64) i + 1, self->input, self->shown[i]);
      convolve_heatmap_set_data (CONVOLVE_HEATMAP (self->versions[i]), self->shown[i],
                                 CNN_INPUT_H, CNN_INPUT_W, 1);
    }
}

void
convolve_augment_strip_set_input (ConvolveAugmentStrip *self,
                                  const float          *input)
{
  g_return_if_fail (CONVOLVE_IS_AUGMENT_STRIP (self));

  if (input == NULL ? !self->has_input
                    : self->has_input && memcmp (input, self->input, sizeof self->input) == 0)
    return;
  self->has_input = input != NULL;
  if (input != NULL)
    memcpy (self->input, input, sizeof self->input);
  update (self);
}

void
convolve_augment_strip_set_mode (ConvolveAugmentStrip *self,
                                 CnnAugment            mode)
{
  g_return_if_fail (CONVOLVE_IS_AUGMENT_STRIP (self));
  g_return_if_fail (mode < CNN_AUGMENT_N_MODES);

  if (mode == self->mode)
    return;
  self->mode = mode;
  update (self);
}

CnnAugment
convolve_augment_strip_get_mode (ConvolveAugmentStrip *self)
{
  g_return_val_if_fail (CONVOLVE_IS_AUGMENT_STRIP (self), CNN_AUGMENT_NONE);
  return self->mode;
}

const float *
convolve_augment_strip_get_version (ConvolveAugmentStrip *self,
                                    int                   i)
{
  g_return_val_if_fail (CONVOLVE_IS_AUGMENT_STRIP (self), NULL);
  g_return_val_if_fail (i >= 0 && i < CONVOLVE_AUGMENT_STRIP_LENGTH, NULL);
  return self->has_input ? self->shown[i] : NULL;
}

GtkWidget *
convolve_augment_strip_new (void)
{
  return g_object_new (CONVOLVE_TYPE_AUGMENT_STRIP, NULL);
}

static void
convolve_augment_strip_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CONVOLVE_TYPE_AUGMENT_STRIP);

  G_OBJECT_CLASS (convolve_augment_strip_parent_class)->dispose (object);
}

static void
convolve_augment_strip_class_init (ConvolveAugmentStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_augment_strip_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-augment-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveAugmentStrip, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveAugmentStrip, caption);
  gtk_widget_class_bind_template_child (widget_class, ConvolveAugmentStrip, maps);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "augmentstrip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_augment_strip_init (ConvolveAugmentStrip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mode = CNN_AUGMENT_FULL;
  for (int i = 0; i < CONVOLVE_AUGMENT_STRIP_LENGTH; i++)
    {
      GtkWidget *map = convolve_heatmap_new ();

      convolve_heatmap_set_scale (CONVOLVE_HEATMAP (map), CONVOLVE_SCALE_SEQUENTIAL, 1.0f);
      convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), CELL);
      gtk_widget_set_can_focus (map, FALSE);
      self->versions[i] = map;
      gtk_box_append (GTK_BOX (self->maps), map);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Augmented versions of your drawing"), -1);
  update (self);
}
