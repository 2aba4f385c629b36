/* convolve-gradient-view.h — the backward pass of one probe sample, explained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Train page's lower half, top to bottom: one training step explained
 * (ConvolveStepView), dL/d(output) flowing from the loss to the input
 * (ConvolveBackwardView), dL/dW of every kernel (ConvolveKernelGrads) and
 * each layer's gradient norm over the steps (ConvolveNormChart). This
 * widget only routes: every snapshot to the chart and the backward view;
 * the pass the backward view starts showing to the step and dL/dW.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"
#include "convolve-backward-view.h"
#include "convolve-kernel-grads.h"
#include "convolve-norm-chart.h"
#include "convolve-step-view.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_GRADIENT_VIEW (convolve_gradient_view_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveGradientView, convolve_gradient_view, CONVOLVE, GRADIENT_VIEW, GtkWidget)

GtkWidget            *convolve_gradient_view_new          (void);
/* The structure (not kept); NULL empties every section */
void                  convolve_gradient_view_set_net      (ConvolveGradientView *self,
                                                           const CnnNet         *net);
/* A new published state: charted at once, revealed when its turn comes
 * (see ConvolveBackwardView) */
void                  convolve_gradient_view_set_snapshot (ConvolveGradientView *self,
                                                           CnnSnapshot          *snapshot);

ConvolveStepView     *convolve_gradient_view_get_step_view     (ConvolveGradientView *self);
ConvolveBackwardView *convolve_gradient_view_get_backward_view (ConvolveGradientView *self);
ConvolveKernelGrads  *convolve_gradient_view_get_kernel_grads  (ConvolveGradientView *self);
ConvolveNormChart    *convolve_gradient_view_get_norm_chart    (ConvolveGradientView *self);

G_END_DECLS
