/* convolve-step-view.h — one training step explained: forward, loss, backward, update
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four cards that tell the step of the pass shown in words and numbers,
 * and how far each filter (or each output's weights) moved in the update:
 * ‖ΔW‖ between the pass shown before and this one.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_STEP_VIEW (convolve_step_view_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveStepView, convolve_step_view, CONVOLVE, STEP_VIEW, GtkWidget)

GtkWidget  *convolve_step_view_new        (void);
/* The structure (not kept); NULL empties it */
void        convolve_step_view_set_net    (ConvolveStepView *self, const CnnNet *net);
/* The pass now shown (the backward view's "pass-shown") */
void        convolve_step_view_show_pass  (ConvolveStepView *self, CnnSnapshot *snapshot);
/* The backward stage highlighted while the gradients are being revealed */
void        convolve_step_view_set_backward_active (ConvolveStepView *self, gboolean active);
/* For tests: the text of stage 0..3, and of the ‖ΔW‖ line of param layer i */
const char *convolve_step_view_get_stage_text (ConvolveStepView *self, int stage);
const char *convolve_step_view_get_delta_text (ConvolveStepView *self, int index);

G_END_DECLS
