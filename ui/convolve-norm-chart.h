/* convolve-norm-chart.h — each layer's gradient norm over the steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ‖dL/dW‖ of every parameterised layer for each mini-batch, on a log
 * scale: a curve sinking decade after decade is a vanishing gradient, one
 * shooting up an exploding one. Fed every snapshot (not only the passes
 * revealed); a new run starts a new history.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"
#include "convolve-plot.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_NORM_CHART (convolve_norm_chart_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveNormChart, convolve_norm_chart, CONVOLVE, NORM_CHART, GtkWidget)

GtkWidget    *convolve_norm_chart_new          (void);
void          convolve_norm_chart_set_net      (ConvolveNormChart *self, const CnnNet *net);
/* One point per layer for each new step */
void          convolve_norm_chart_add_snapshot (ConvolveNormChart *self, CnnSnapshot *snapshot);
ConvolvePlot *convolve_norm_chart_get_plot     (ConvolveNormChart *self);

G_END_DECLS
