/* convolve-gradient-view.h — the backward pass of one probe sample, layer by layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every layer: its forward output beside dL/d(output) (diverging scale),
 * revealed from the loss back to the input after each new snapshot — an
 * animation at an adjustable speed — plus dL/dW of every kernel, a chart of
 * each parameterised layer's gradient norm over the steps (log scale), and
 * "one SGD step explained": forward → loss → backward → update, with how
 * much each kernel changed.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_GRADIENT_VIEW (convolve_gradient_view_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveGradientView, convolve_gradient_view, CONVOLVE, GRADIENT_VIEW, GtkWidget)

GtkWidget *convolve_gradient_view_new          (void);
/* The structure to show (rebuilds everything; clears the norm history).
 * The net is copied. */
void       convolve_gradient_view_set_net      (ConvolveGradientView *self, const CnnNet *net);
/* A new published state (reffed); starts the reveal animation from the loss
 * to the input when it has a probe. A snapshot with another run number
 * clears the norm history. */
void       convolve_gradient_view_set_snapshot (ConvolveGradientView *self, CnnSnapshot *snapshot);
/* 1.0 = the whole backward pass revealed in ~1.2 s; 0.1..4 */
void       convolve_gradient_view_set_speed    (ConvolveGradientView *self, double speed);
double     convolve_gradient_view_get_speed    (ConvolveGradientView *self);

/* For tests */
gboolean   convolve_gradient_view_is_animating (ConvolveGradientView *self);
/* Layers whose gradient is shown so far (counted from the output) */
int        convolve_gradient_view_get_revealed (ConvolveGradientView *self);
/* The largest |dL/d(output)| shown for layer (−1: the input); 0 if none */
float      convolve_gradient_view_get_layer_grad_max (ConvolveGradientView *self, int layer);
/* Finishes the animation at once */
void       convolve_gradient_view_skip_animation (ConvolveGradientView *self);

G_END_DECLS
