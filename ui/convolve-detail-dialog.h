/* convolve-detail-dialog.h — one feature map taken apart: kernel, patch, sum
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For one channel of a conv layer (or of the ReLU after it): the map large,
 * the kernel that produced it, the input patch under a chosen output cell and
 * the arithmetic Σ (patch ⊙ kernel) + bias = z → ReLU(z) with real numbers.
 * It works on a copy of what it shows, taken when it is made.
 */
#pragma once

#include <adwaita.h>

#include "cnn.h"
#include "convolve-heatmap.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_DETAIL_DIALOG (convolve_detail_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveDetailDialog, convolve_detail_dialog,
                      CONVOLVE, DETAIL_DIALOG, AdwWindow)

/* layer: a conv layer, or a ReLU right after one (its conv is explained);
 * ws holds the last forward pass of net. Modal and transient for parent. */
GtkWidget  *convolve_detail_dialog_new  (GtkWindow    *parent,
                                         const CnnNet *net,
                                         CnnWorkspace *ws,
                                         int           layer,
                                         int           channel);

/* The output cell explained (row, col in the conv output) */
void        convolve_detail_dialog_set_cell (ConvolveDetailDialog *self, int row, int col);
void        convolve_detail_dialog_get_cell (ConvolveDetailDialog *self, int *row, int *col);

/* For tests: the conv layer explained, z recomputed from the patch, the
 * kernel and the bias, and the arithmetic as shown. */
int         convolve_detail_dialog_get_conv_layer (ConvolveDetailDialog *self);
float       convolve_detail_dialog_get_z          (ConvolveDetailDialog *self);
const char *convolve_detail_dialog_get_arithmetic (ConvolveDetailDialog *self);
ConvolveHeatmap *convolve_detail_dialog_get_map   (ConvolveDetailDialog *self);

G_END_DECLS
