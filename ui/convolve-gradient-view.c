/* convolve-gradient-view.c — four sections, one route for the snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "convolve-gradient-view.h"

struct _ConvolveGradientView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  ConvolveStepView *step_view;
  ConvolveBackwardView *backward_view;
  ConvolveKernelGrads *kernel_grads;
  ConvolveNormChart *norm_chart;
};

G_DEFINE_FINAL_TYPE (ConvolveGradientView, convolve_gradient_view, GTK_TYPE_WIDGET)

static void
on_pass_shown (ConvolveGradientView *self,
               CnnSnapshot          *snapshot)
{
  convolve_step_view_show_pass (self->step_view, snapshot);
  convolve_kernel_grads_show_pass (self->kernel_grads, snapshot);
}

static void
on_reveal (ConvolveGradientView *self,
           gboolean              revealing)
{
  convolve_step_view_set_backward_active (self->step_view, revealing);
}

void
convolve_gradient_view_set_net (ConvolveGradientView *self,
                                const CnnNet         *net)
{
  g_return_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self));

  convolve_step_view_set_net (self->step_view, net);
  convolve_backward_view_set_net (self->backward_view, net);
  convolve_kernel_grads_set_net (self->kernel_grads, net);
  convolve_norm_chart_set_net (self->norm_chart, net);
}

void
convolve_gradient_view_set_snapshot (ConvolveGradientView *self,
                                     CnnSnapshot          *snapshot)
{
  g_return_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self));
  g_return_if_fail (snapshot != NULL);

  /* the history does not wait for the reveal */
  convolve_norm_chart_add_snapshot (self->norm_chart, snapshot);
  convolve_backward_view_set_snapshot (self->backward_view, snapshot);
}

ConvolveStepView *
convolve_gradient_view_get_step_view (ConvolveGradientView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self), NULL);
  return self->step_view;
}

ConvolveBackwardView *
convolve_gradient_view_get_backward_view (ConvolveGradientView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self), NULL);
  return self->backward_view;
}

ConvolveKernelGrads *
convolve_gradient_view_get_kernel_grads (ConvolveGradientView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self), NULL);
  return self->kernel_grads;
}

ConvolveNormChart *
convolve_gradient_view_get_norm_chart (ConvolveGradientView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self), NULL);
  return self->norm_chart;
}

static void
convolve_gradient_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CONVOLVE_TYPE_GRADIENT_VIEW);

  G_OBJECT_CLASS (convolve_gradient_view_parent_class)->dispose (object);
}

static void
convolve_gradient_view_class_init (ConvolveGradientViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_gradient_view_dispose;

  g_type_ensure (CONVOLVE_TYPE_STEP_VIEW);
  g_type_ensure (CONVOLVE_TYPE_BACKWARD_VIEW);
  g_type_ensure (CONVOLVE_TYPE_KERNEL_GRADS);
  g_type_ensure (CONVOLVE_TYPE_NORM_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-gradient-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveGradientView, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveGradientView, step_view);
  gtk_widget_class_bind_template_child (widget_class, ConvolveGradientView, backward_view);
  gtk_widget_class_bind_template_child (widget_class, ConvolveGradientView, kernel_grads);
  gtk_widget_class_bind_template_child (widget_class, ConvolveGradientView, norm_chart);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gradientview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_gradient_view_init (ConvolveGradientView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->backward_view, "pass-shown", G_CALLBACK (on_pass_shown), self);
  g_signal_connect_swapped (self->backward_view, "reveal", G_CALLBACK (on_reveal), self);
}

GtkWidget *
convolve_gradient_view_new (void)
{
  return g_object_new (CONVOLVE_TYPE_GRADIENT_VIEW, NULL);
}
