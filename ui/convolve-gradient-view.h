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
/* A new published state (reffed). Its gradient norms go on the chart at
 * once. Its pass (stages, forward maps, dL/dW, the flow revealed from the
 * loss to the input) is shown now if no reveal is running; mid-reveal it
 * becomes the one pending pass, replacing any earlier pending one, and is
 * revealed when the current reveal ends — a reveal is never restarted.
 * A snapshot with another run number clears the norm history and shows at
 * once, dropping the reveal of the old run. */
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
/* Finishes the animation at once, showing the pending pass if any */
void       convolve_gradient_view_skip_animation (ConvolveGradientView *self);
/* How many of n_cards a reveal shows `elapsed` seconds after it began at
 * `speed`: the first at once, one more every 1.2 s / speed / n_cards. */
int        convolve_gradient_view_reveal_count (double elapsed, double speed, int n_cards);
/* The step of the pass shown / waiting to be shown; −1 if none */
gint64     convolve_gradient_view_get_shown_step   (ConvolveGradientView *self);
gint64     convolve_gradient_view_get_pending_step (ConvolveGradientView *self);

G_END_DECLS
