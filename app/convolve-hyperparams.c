/* convolve-hyperparams.c — spin buttons and switches for CnnTrainConfig
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "convolve-augment-strip.h"
#include "convolve-hyperparams.h"
#include "convolve-settings.h"

struct _ConvolveHyperparams
{
  GtkWidget parent_instance;

  GtkWidget *group;
  GtkButton *defaults_button;
  AdwComboRow *optimizer_row;
  GtkSpinButton *lr_spin;
  GtkSpinButton *batch_spin;
  GtkSpinButton *epochs_spin;
  GtkSpinButton *decay_spin;
  GtkSpinButton *seed_spin;
  AdwComboRow *augment_row;
  ConvolveAugmentStrip *augment_strip;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (ConvolveHyperparams, convolve_hyperparams, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const optimizer_ids[] = { "sgd", "adam", NULL };
/* the rows of the augmentation choice: CnnAugment's order */
static const char * const augment_ids[] = { "none", "shift", "full", NULL };
/* every key this section writes, for Restore Defaults */
static const char * const keys[] = {
  "optimizer", "learning-rate", "batch-size", "epochs", "weight-decay", "seed", "augmentation",
  NULL
};

static void
emit_changed (ConvolveHyperparams *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Arrows move the learning rate by one unit of its leading digit:
 * 0.02 → 0.03, 0.002 → 0.003; a log-ish scale over five decades. */
static void
on_lr_changed (ConvolveHyperparams *self)
{
  double v = gtk_spin_button_get_value (self->lr_spin);
  double step = pow (10.0, floor (log10 (MAX (v, 1e-5)) + 1e-9));

  gtk_spin_button_set_increments (self->lr_spin, step, step * 10);
  emit_changed (self);
}

static CnnAugment
get_augment (ConvolveHyperparams *self)
{
  guint selected = adw_combo_row_get_selected (self->augment_row);

  return selected < CNN_AUGMENT_N_MODES ? (CnnAugment) selected : CNN_AUGMENT_FULL;
}

static void
on_augment_changed (ConvolveHyperparams *self)
{
  static const char * const explained[CNN_AUGMENT_N_MODES] = {
    N_("Every sample as it is: the network learns the data set's 13 hands"),
    N_("Half the samples shifted by up to one cell, half stretched by up to 15 %"),
    N_("Most samples turned, scaled, slanted and warped, their strokes thinned or "
       "thickened, as other hands draw"),
  };
  CnnAugment mode = get_augment (self);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->augment_row), _(explained[mode]));
  convolve_augment_strip_set_mode (self->augment_strip, mode);
  emit_changed (self);
}

void
convolve_hyperparams_set_drawing (ConvolveHyperparams *self,
                                  const float         *input)
{
  g_return_if_fail (CONVOLVE_IS_HYPERPARAMS (self));

  convolve_augment_strip_set_input (self->augment_strip, input);
}

static void
setup_spin (GtkSpinButton *spin,
            double         lower,
            double         upper,
            double         step,
            guint          digits)
{
  gtk_spin_button_set_range (spin, lower, upper);
  gtk_spin_button_set_increments (spin, step, step * 10);
  gtk_spin_button_set_digits (spin, digits);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), digits > 0 ? digits + 3 : 5);
}

static void
show_config (ConvolveHyperparams  *self,
             const CnnTrainConfig *c)
{
  adw_combo_row_set_selected (self->optimizer_row, c->optimizer == CNN_OPTIMIZER_SGD ? 0 : 1);
  gtk_spin_button_set_value (self->lr_spin, c->lr);
  gtk_spin_button_set_value (self->batch_spin, c->batch_size);
  gtk_spin_button_set_value (self->epochs_spin, c->epochs);
  gtk_spin_button_set_value (self->decay_spin, c->weight_decay);
  gtk_spin_button_set_value (self->seed_spin, (double) c->seed);
  adw_combo_row_set_selected (self->augment_row, c->augment);
}

void
convolve_hyperparams_restore_defaults (ConvolveHyperparams *self)
{
  CnnTrainConfig defaults;

  g_return_if_fail (CONVOLVE_IS_HYPERPARAMS (self));

  if (self->settings != NULL)
    {
      g_settings_delay (self->settings);
      for (guint i = 0; keys[i] != NULL; i++)
        g_settings_reset (self->settings, keys[i]);
      g_settings_apply (self->settings);
      return;
    }
  cnn_train_config_init_default (&defaults);
  show_config (self, &defaults);
}

void
convolve_hyperparams_bind_settings (ConvolveHyperparams *self,
                                    GSettings           *settings)
{
  g_return_if_fail (CONVOLVE_IS_HYPERPARAMS (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (settings == NULL || self->settings != NULL)
    return;
  self->settings = g_object_ref (settings);
  convolve_settings_bind_choice (settings, "optimizer", G_OBJECT (self->optimizer_row), "selected",
                                 optimizer_ids);
  convolve_settings_bind_number (settings, "learning-rate",
                                 G_OBJECT (gtk_spin_button_get_adjustment (self->lr_spin)), "value");
  convolve_settings_bind_number (settings, "batch-size",
                                 G_OBJECT (gtk_spin_button_get_adjustment (self->batch_spin)), "value");
  convolve_settings_bind_number (settings, "epochs",
                                 G_OBJECT (gtk_spin_button_get_adjustment (self->epochs_spin)), "value");
  convolve_settings_bind_number (settings, "weight-decay",
                                 G_OBJECT (gtk_spin_button_get_adjustment (self->decay_spin)), "value");
  convolve_settings_bind_number (settings, "seed",
                                 G_OBJECT (gtk_spin_button_get_adjustment (self->seed_spin)), "value");
  convolve_settings_bind_choice (settings, "augmentation", G_OBJECT (self->augment_row), "selected",
                                 augment_ids);
}

void
convolve_hyperparams_get_config (ConvolveHyperparams *self,
                                 CnnTrainConfig      *config)
{
  g_return_if_fail (CONVOLVE_IS_HYPERPARAMS (self));
  g_return_if_fail (config != NULL);

  cnn_train_config_init_default (config);
  config->optimizer = adw_combo_row_get_selected (self->optimizer_row) == 0
                      ? CNN_OPTIMIZER_SGD : CNN_OPTIMIZER_ADAM;
  config->lr = (float) gtk_spin_button_get_value (self->lr_spin);
  config->batch_size = gtk_spin_button_get_value_as_int (self->batch_spin);
  config->epochs = gtk_spin_button_get_value_as_int (self->epochs_spin);
  config->weight_decay = (float) gtk_spin_button_get_value (self->decay_spin);
  config->augment = get_augment (self);
  config->seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
}

static void
convolve_hyperparams_dispose (GObject *object)
{
  ConvolveHyperparams *self = CONVOLVE_HYPERPARAMS (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_HYPERPARAMS);

  G_OBJECT_CLASS (convolve_hyperparams_parent_class)->dispose (object);
}

static void
convolve_hyperparams_class_init (ConvolveHyperparamsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_hyperparams_dispose;

  g_type_ensure (CONVOLVE_TYPE_AUGMENT_STRIP);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-hyperparams.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveHyperparams, group);
  gtk_widget_class_bind_template_child (widget_class, ConvolveHyperparams, defaults_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveHyperparams, optimizer_row);
  gtk_widget_class_bind_template_child (widget_class, ConvolveHyperparams, lr_spin);
  gtk_widget_class_bind_template_child (widget_class, ConvolveHyperparams, batch_spin);
  gtk_widget_class_bind_template_child (widget_class, ConvolveHyperparams, epochs_spin);
  gtk_widget_class_bind_template_child (widget_class, ConvolveHyperparams, decay_spin);
  gtk_widget_class_bind_template_child (widget_class, ConvolveHyperparams, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, ConvolveHyperparams, augment_row);
  gtk_widget_class_bind_template_child (widget_class, ConvolveHyperparams, augment_strip);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_hyperparams_init (ConvolveHyperparams *self)
{
  const char *optimizers[] = { _("SGD with momentum"), _("Adam"), NULL };
  g_autoptr (GtkStringList) model = gtk_string_list_new (optimizers);
  CnnTrainConfig defaults;

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->optimizer_row, G_LIST_MODEL (model));
  /* the same ranges as the schema's keys */
  setup_spin (self->lr_spin, 1e-5, 1.0, 0.01, 5);
  setup_spin (self->batch_spin, 1, 512, 1, 0);
  setup_spin (self->epochs_spin, 1, 1000, 1, 0);
  setup_spin (self->decay_spin, 0, 0.1, 0.0001, 4);
  gtk_spin_button_set_increments (self->decay_spin, 0.0001, 0.001);
  setup_spin (self->seed_spin, 0, G_MAXUINT32, 1, 0);
  cnn_train_config_init_default (&defaults);
  show_config (self, &defaults);
  on_lr_changed (self);

  g_signal_connect_swapped (self->optimizer_row, "notify::selected", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->lr_spin, "value-changed", G_CALLBACK (on_lr_changed), self);
  g_signal_connect_swapped (self->batch_spin, "value-changed", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->epochs_spin, "value-changed", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->decay_spin, "value-changed", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->seed_spin, "value-changed", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->augment_row, "notify::selected", G_CALLBACK (on_augment_changed), self);
  on_augment_changed (self);
  g_signal_connect_swapped (self->defaults_button, "clicked",
                            G_CALLBACK (convolve_hyperparams_restore_defaults), self);
}
