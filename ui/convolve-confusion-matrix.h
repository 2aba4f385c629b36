/* convolve-confusion-matrix.h — which classes the network mixes up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "convolve-matrix-cell.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_CONFUSION_MATRIX (convolve_confusion_matrix_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveConfusionMatrix, convolve_confusion_matrix, CONVOLVE,
                      CONFUSION_MATRIX, GtkWidget)

GtkWidget *convolve_confusion_matrix_new          (void);
/* confusion: [true][predicted], n × n counts, copied; each cell coloured
 * by its share of its row (of the digits that are that class) */
void       convolve_confusion_matrix_set          (ConvolveConfusionMatrix *self,
                                                   const guint             *confusion,
                                                   int                      n);
int        convolve_confusion_matrix_get_n        (ConvolveConfusionMatrix *self);
/* The pair marked (−1, −1: none) */
void       convolve_confusion_matrix_set_selected (ConvolveConfusionMatrix *self,
                                                   int                      truth,
                                                   int                      predicted);
ConvolveMatrixCell *convolve_confusion_matrix_get_cell (ConvolveConfusionMatrix *self,
                                                        int                      truth,
                                                        int                      predicted);

/* Signal "cell-activated" (int truth, int predicted): a cell clicked or
 * activated from the keyboard */

G_END_DECLS
