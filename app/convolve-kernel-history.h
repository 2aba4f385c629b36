/* convolve-kernel-history.h — the kernels before and after training, and how far they moved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A section of the Filters page. For every conv layer, the kernels at the
 * start of the current run (the session's start weights: after the last
 * Reset, or as the network was loaded) beside the current ones, with
 * ‖ΔW‖ per kernel (cnn_kernel_deltas()). A layer with one input channel
 * shows every filter's pair; a layer with several shows ‖ΔW‖ of all its
 * kernels as a matrix (one row per filter, one column per input channel)
 * and the pairs of the filter chosen in it. Start and now of a layer
 * share one diverging scale. New weights change the numbers in place;
 * nothing is computed while hidden.
 */
#pragma once

#include <adwaita.h>

#include "convolve-heatmap.h"
#include "convolve-session.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_KERNEL_HISTORY (convolve_kernel_history_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveKernelHistory, convolve_kernel_history, CONVOLVE, KERNEL_HISTORY, GtkWidget)

void             convolve_kernel_history_set_session      (ConvolveKernelHistory *self,
                                                           ConvolveSession       *session);
/* Every weight written on its cell, with larger cells ("show-numbers") */
void             convolve_kernel_history_set_show_numbers (ConvolveKernelHistory *self,
                                                           gboolean               show);

/* Sections, one per conv layer in order, and the layer's index in the net */
int              convolve_kernel_history_get_n_sections   (ConvolveKernelHistory *self);
int              convolve_kernel_history_get_layer        (ConvolveKernelHistory *self, int section);
/* A layer of several input channels shows one filter's kernels: choose it */
void             convolve_kernel_history_select_filter    (ConvolveKernelHistory *self, int section,
                                                           int filter);
int              convolve_kernel_history_get_selected     (ConvolveKernelHistory *self, int section);

/* For tests. The pairs shown: j is the filter (one input channel) or the
 * input channel of the selected filter (several); ‖ΔW‖ of any kernel as
 * computed for the view, its text under pair j, and the matrix (NULL for
 * a layer of one input channel). */
ConvolveHeatmap *convolve_kernel_history_get_start        (ConvolveKernelHistory *self, int section,
                                                           int j);
ConvolveHeatmap *convolve_kernel_history_get_now          (ConvolveKernelHistory *self, int section,
                                                           int j);
float            convolve_kernel_history_get_norm         (ConvolveKernelHistory *self, int section,
                                                           int filter, int channel);
const char      *convolve_kernel_history_get_norm_text    (ConvolveKernelHistory *self, int section,
                                                           int j);
ConvolveHeatmap *convolve_kernel_history_get_matrix       (ConvolveKernelHistory *self, int section);


G_END_DECLS
