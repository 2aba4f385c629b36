/* convolve-model-properties.c — what a network is and how it was trained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-model-properties.h"

struct _ConvolveModelProperties
{
  AdwPreferencesWindow parent_instance;

  AdwPreferencesGroup *network_group;
  AdwPreferencesGroup *training_group;

  CnnNet *net;
  GString *described;  /* "Title: value" lines, as the rows say them */
};

G_DEFINE_FINAL_TYPE (ConvolveModelProperties, convolve_model_properties, ADW_TYPE_PREFERENCES_WINDOW)

/* A row whose value can be selected and copied (a spec, a path) */
static void
add_row (ConvolveModelProperties *self,
         AdwPreferencesGroup     *group,
         const char              *title,
         const char              *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
#if ADW_CHECK_VERSION (1, 3, 0)
  adw_action_row_set_subtitle_selectable (ADW_ACTION_ROW (row), TRUE);
#endif
  adw_preferences_group_add (group, row);
  g_string_append_printf (self->described, "%s: %s\n", title, value);
}

static const char *
augment_name (CnnAugment mode)
{
  switch (mode)
    {
    case CNN_AUGMENT_NONE:
      return C_("augmentation", "None");
    case CNN_AUGMENT_SHIFT:
      return C_("augmentation", "Shift");
    case CNN_AUGMENT_FULL:
    default:
      return C_("augmentation", "Full");
    }
}

static void
show_record (ConvolveModelProperties *self,
             const CnnTrainRecord    *r)
{
  AdwPreferencesGroup *g = self->training_group;
  g_autofree char *lr = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *epochs = NULL;
  g_autofree char *decay = NULL;
  g_autofree char *smoothing = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *samples = NULL;
  g_autofree char *accuracy = NULL;

  add_row (self, g, _("Optimizer"), r->optimizer == CNN_OPTIMIZER_SGD ? _("SGD with momentum") : "Adam");
  lr = r->lr_decay ? g_strdup_printf (_("%g, decayed to 0 along a cosine"), r->lr)
                   : g_strdup_printf ("%g", r->lr);
  add_row (self, g, _("Learning rate"), lr);
  batch = g_strdup_printf ("%d", r->batch_size);
  add_row (self, g, _("Batch size"), batch);
  epochs = g_strdup_printf ("%d", r->epochs);
  add_row (self, g, _("Epochs"), epochs);
  decay = g_strdup_printf ("%g", r->weight_decay);
  add_row (self, g, _("Weight decay"), decay);
  add_row (self, g, _("Augmentation"), augment_name (r->augment));
  smoothing = g_strdup_printf ("%g", r->label_smoothing);
  add_row (self, g, _("Label smoothing"), smoothing);
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, r->seed);
  add_row (self, g, _("Seed"), seed);
  /* Translators: training samples, then those held out for the temperature */
  samples = g_strdup_printf (_("%u trained on, %u held out to calibrate"), r->n_train, r->n_validation);
  add_row (self, g, _("Samples"), samples);
  if (r->data[0] != '\0')
    add_row (self, g, _("Data"), r->data);
  accuracy = r->test_accuracy >= 0 ? g_strdup_printf ("%.2f %%", 100.0 * r->test_accuracy)
                                   : g_strdup (_("Not measured"));
  add_row (self, g, _("Test accuracy"), accuracy);
}

static void
show (ConvolveModelProperties *self,
      const char              *title,
      GFile                   *file)
{
  const CnnNet *net = self->net;
  g_autofree char *layers = g_strdup_printf ("%d", net->n_layers);
  g_autofree char *params = g_strdup_printf ("%" G_GSIZE_FORMAT, net->n_params);
  g_autofree char *temperature = g_strdup_printf ("%.3f", net->temperature);

  add_row (self, self->network_group, _("Name"), title);
  if (file != NULL)
    {
      g_autofree char *where = g_file_get_parse_name (file);

      add_row (self, self->network_group, _("File"), where);
    }
  add_row (self, self->network_group, _("Spec"), net->spec);
  add_row (self, self->network_group, _("Layers"), layers);
  add_row (self, self->network_group, _("Parameters"), params);
  /* Translators: the calibration temperature; 1 means none */
  add_row (self, self->network_group, _("Temperature"), temperature);

  if (net->has_record)
    show_record (self, &net->record);
  else
    adw_preferences_group_set_description (self->training_group,
                                           _("Not recorded: these weights come from a file saved "
                                             "before Convolve kept how weights were trained, or "
                                             "were not trained since a reset."));
}

GtkWidget *
convolve_model_properties_new (GtkWindow  *parent,
                               CnnNet     *net,
                               const char *title,
                               GFile      *file)
{
  ConvolveModelProperties *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (CONVOLVE_TYPE_MODEL_PROPERTIES, "transient-for", parent, NULL);
  self->net = cnn_net_ref (net);
  show (self, title != NULL ? title : "", file);
  return GTK_WIDGET (self);
}

char *
convolve_model_properties_describe (ConvolveModelProperties *self)
{
  g_return_val_if_fail (CONVOLVE_IS_MODEL_PROPERTIES (self), NULL);
  return g_strdup (self->described->str);
}

static void
convolve_model_properties_dispose (GObject *object)
{
  ConvolveModelProperties *self = CONVOLVE_MODEL_PROPERTIES (object);

  g_clear_pointer (&self->net, cnn_net_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_MODEL_PROPERTIES);

  G_OBJECT_CLASS (convolve_model_properties_parent_class)->dispose (object);
}

static void
convolve_model_properties_finalize (GObject *object)
{
  ConvolveModelProperties *self = CONVOLVE_MODEL_PROPERTIES (object);

  g_string_free (self->described, TRUE);

  G_OBJECT_CLASS (convolve_model_properties_parent_class)->finalize (object);
}

static void
convolve_model_properties_class_init (ConvolveModelPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_model_properties_dispose;
  object_class->finalize = convolve_model_properties_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-model-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveModelProperties, network_group);
  gtk_widget_class_bind_template_child (widget_class, ConvolveModelProperties, training_group);
}

static void
convolve_model_properties_init (ConvolveModelProperties *self)
{
  self->described = g_string_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}
