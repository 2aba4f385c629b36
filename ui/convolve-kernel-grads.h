/* convolve-kernel-grads.h — dL/dW of every kernel, for one sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the update uses: a card per parameterised layer, a conv layer's
 * kernels as a grid (a column per filter, a row per input channel), a
 * dense layer's as one outputs × inputs map; each layer on its own
 * diverging scale.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_KERNEL_GRADS (convolve_kernel_grads_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveKernelGrads, convolve_kernel_grads, CONVOLVE, KERNEL_GRADS, GtkWidget)

GtkWidget *convolve_kernel_grads_new       (void);
void       convolve_kernel_grads_set_net   (ConvolveKernelGrads *self, const CnnNet *net);
/* The probe's dL/dθ of the pass now shown: drawn at once when on screen,
 * else when it is (convolve-deferred.h) */
void       convolve_kernel_grads_show_pass (ConvolveKernelGrads *self, CnnSnapshot *snapshot);

G_END_DECLS
