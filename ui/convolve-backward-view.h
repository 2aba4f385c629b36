/* convolve-backward-view.h — dL/d(activation) flowing from the loss to the input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The probe's pass as layer cards (forward values above dL/d(output)),
 * then the loss. A new pass is revealed card by card from the loss back
 * to the input. A reveal is never cut short: a snapshot that comes
 * mid-reveal waits as the one pending pass (a newer one replaces it;
 * nothing queues) and is revealed when the current reveal ends, so a
 * student follows whole backward passes even at full training speed.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"
#include "convolve-trace-view.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_BACKWARD_VIEW (convolve_backward_view_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveBackwardView, convolve_backward_view, CONVOLVE, BACKWARD_VIEW, GtkWidget)

GtkWidget         *convolve_backward_view_new          (void);
/* The structure to show (the net is not kept); NULL empties it */
void               convolve_backward_view_set_net      (ConvolveBackwardView *self,
                                                        const CnnNet         *net);
/* A new published state (reffed): shown now, or pending if a reveal is on.
 * Another run drops the reveal of the old one. */
void               convolve_backward_view_set_snapshot (ConvolveBackwardView *self,
                                                        CnnSnapshot          *snapshot);
/* 1.0 = the whole pass revealed in ~1.2 s; clamped to 0.1..4 */
void               convolve_backward_view_set_speed    (ConvolveBackwardView *self, double speed);
double             convolve_backward_view_get_speed    (ConvolveBackwardView *self);
gboolean           convolve_backward_view_is_animating (ConvolveBackwardView *self);
/* Cards whose gradient is shown so far (counted from the output) */
int                convolve_backward_view_get_revealed (ConvolveBackwardView *self);
/* The largest |dL/d(output)| shown for layer (−1: the input); 0 if none */
float              convolve_backward_view_get_layer_grad_max (ConvolveBackwardView *self, int layer);
/* Ends the reveal at once, showing the pending pass if any */
void               convolve_backward_view_skip_animation (ConvolveBackwardView *self);
/* The step of the pass shown / waiting to be shown; −1 if none */
gint64             convolve_backward_view_get_shown_step   (ConvolveBackwardView *self);
gint64             convolve_backward_view_get_pending_step (ConvolveBackwardView *self);
/* The cards, brought up to date first if they are stale */
ConvolveTraceView *convolve_backward_view_get_trace    (ConvolveBackwardView *self);
/* Not shown (convolve-deferred.h: scrolled out of view, or unmapped),
 * the cards stay as they are while the passes and their reveal go on
 * being counted; shown again, they catch up at once. */
/* Whether the cards lag behind the pass (only while not shown) */
gboolean           convolve_backward_view_get_stale    (ConvolveBackwardView *self);

/* How many of n_cards a reveal shows `elapsed` seconds after it began at
 * `speed`: the first at once, one more every 1.2 s / speed / n_cards. */
int                convolve_backward_view_reveal_count (double elapsed, double speed, int n_cards);

/* Signals: "pass-shown" (CnnSnapshot *) when a pass starts being shown
 * (the step explained and dL/dW follow it); "reveal" (gboolean) when a
 * reveal begins (TRUE) and ends (FALSE). */

G_END_DECLS
