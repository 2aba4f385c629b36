/* convolve-train-controls.c — the run's buttons and its pace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-settings.h"
#include "convolve-train-controls.h"

struct _ConvolveTrainControls
{
  GtkWidget parent_instance;

  GtkWidget *box;
  AdwComboRow *pace_row;
};

G_DEFINE_FINAL_TYPE (ConvolveTrainControls, convolve_train_controls, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The pace choices: GSettings id, label, mini-batches per second (0: full) */
static const char * const pace_ids[] = { "full", "fast", "watchable", "slow", NULL };
static const struct {
  const char *label;
  double steps_per_second;
} paces[] = {
  { N_("As fast as possible"), 0 },
  { N_("Fast (100 steps/s)"), 100 },
  { N_("Watchable (25 steps/s)"), 25 },
  { N_("Slow motion (2 steps/s)"), 2 },
};
G_STATIC_ASSERT (G_N_ELEMENTS (paces) == G_N_ELEMENTS (pace_ids) - 1);
/* watchable: the default network trains in about a minute */
#define DEFAULT_PACE 2

double
convolve_train_controls_get_pace (ConvolveTrainControls *self)
{
  guint i;

  g_return_val_if_fail (CONVOLVE_IS_TRAIN_CONTROLS (self), 0);
  i = adw_combo_row_get_selected (self->pace_row);
  return i < G_N_ELEMENTS (paces) ? paces[i].steps_per_second : 0;
}

void
convolve_train_controls_set_pace (ConvolveTrainControls *self,
                                  double                 steps_per_second)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_CONTROLS (self));

  for (guint i = 0; i < G_N_ELEMENTS (paces); i++)
    if (paces[i].steps_per_second == steps_per_second)
      {
        adw_combo_row_set_selected (self->pace_row, i);
        return;
      }
  g_return_if_reached ();
}

void
convolve_train_controls_bind_settings (ConvolveTrainControls *self,
                                       GSettings             *settings)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_CONTROLS (self));

  if (settings != NULL)
    convolve_settings_bind_choice (settings, "training-pace", G_OBJECT (self->pace_row),
                                   "selected", pace_ids);
}

static void
on_selected (ConvolveTrainControls *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACE]);
}

static void
convolve_train_controls_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PACE:
      g_value_set_double (value, convolve_train_controls_get_pace (CONVOLVE_TRAIN_CONTROLS (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_train_controls_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CONVOLVE_TYPE_TRAIN_CONTROLS);

  G_OBJECT_CLASS (convolve_train_controls_parent_class)->dispose (object);
}

static void
convolve_train_controls_class_init (ConvolveTrainControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_train_controls_get_property;
  object_class->dispose = convolve_train_controls_dispose;

  properties[PROP_PACE] =
    g_param_spec_double ("pace", NULL, NULL, 0, G_MAXDOUBLE, 25,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-train-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainControls, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainControls, pace_row);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_train_controls_init (ConvolveTrainControls *self)
{
  const char *labels[G_N_ELEMENTS (paces) + 1] = { NULL };
  g_autoptr (GtkStringList) model = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (paces); i++)
    labels[i] = _(paces[i].label);
  model = gtk_string_list_new (labels);
  adw_combo_row_set_model (self->pace_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->pace_row, DEFAULT_PACE);
  g_signal_connect_swapped (self->pace_row, "notify::selected", G_CALLBACK (on_selected), self);
}
