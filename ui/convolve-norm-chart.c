/* convolve-norm-chart.c — gradient norms per layer, log scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-layer-card.h"
#include "convolve-norm-chart.h"

struct _ConvolveNormChart
{
  GtkWidget parent_instance;

  ConvolvePlot *plot;
  GArray *layers;        /* int: the layer of each series */
  int n_layers;
  gboolean have_run;
  guint run;
  gint64 last_step;
};

G_DEFINE_FINAL_TYPE (ConvolveNormChart, convolve_norm_chart, GTK_TYPE_WIDGET)

void
convolve_norm_chart_set_net (ConvolveNormChart *self,
                             const CnnNet      *net)
{
  g_return_if_fail (CONVOLVE_IS_NORM_CHART (self));

  convolve_plot_remove_all (self->plot);
  g_array_set_size (self->layers, 0);
  self->have_run = FALSE;
  self->last_step = -1;
  self->n_layers = net != NULL ? net->n_layers : 0;
  for (int i = 0; net != NULL && i < net->n_layers; i++)
    if (net->layers[i].kind == CNN_LAYER_CONV || net->layers[i].kind == CNN_LAYER_DENSE)
      {
        g_autofree char *name = convolve_layer_card_stage_name (net, i);

        convolve_plot_add_series (self->plot, name, NULL, FALSE);
        g_array_append_val (self->layers, i);
      }
}

void
convolve_norm_chart_add_snapshot (ConvolveNormChart *self,
                                  CnnSnapshot       *s)
{
  g_return_if_fail (CONVOLVE_IS_NORM_CHART (self));
  g_return_if_fail (s != NULL);

  if (s->n_layers != self->n_layers)
    return;
  if (!self->have_run || s->run != self->run)
    {
      convolve_plot_clear (self->plot);
      self->run = s->run;
      self->have_run = TRUE;
      self->last_step = -1;
    }
  /* the gradient of a step: nothing before the first, once per step */
  if (s->step <= 0 || s->step == self->last_step)
    return;
  self->last_step = s->step;
  for (guint i = 0; i < self->layers->len; i++)
    convolve_plot_append (self->plot, (int) i, (double) s->step,
                          s->grad_norms[g_array_index (self->layers, int, i)]);
}

ConvolvePlot *
convolve_norm_chart_get_plot (ConvolveNormChart *self)
{
  g_return_val_if_fail (CONVOLVE_IS_NORM_CHART (self), NULL);
  return self->plot;
}

static void
convolve_norm_chart_dispose (GObject *object)
{
  ConvolveNormChart *self = CONVOLVE_NORM_CHART (object);

  if (self->plot != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->plot));
  self->plot = NULL;
  g_clear_pointer (&self->layers, g_array_unref);

  G_OBJECT_CLASS (convolve_norm_chart_parent_class)->dispose (object);
}

static void
convolve_norm_chart_class_init (ConvolveNormChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_norm_chart_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "normchart");
}

static void
convolve_norm_chart_init (ConvolveNormChart *self)
{
  self->layers = g_array_new (FALSE, FALSE, sizeof (int));
  self->last_step = -1;
  self->plot = CONVOLVE_PLOT (convolve_plot_new (_("step"), _("‖dL/dW‖ (L2)")));
  convolve_plot_set_log_y (self->plot, TRUE);
  /* tall enough for several decades */
  gtk_widget_set_size_request (GTK_WIDGET (self->plot), 320, 240);
  gtk_widget_set_parent (GTK_WIDGET (self->plot), GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->plot), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Gradient size of each layer over the steps"), -1);
}

GtkWidget *
convolve_norm_chart_new (void)
{
  return g_object_new (CONVOLVE_TYPE_NORM_CHART, NULL);
}
