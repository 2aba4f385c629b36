/* convolve-matrix-cell.h — one cell of the confusion matrix, a button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CONVOLVE_TYPE_MATRIX_CELL (convolve_matrix_cell_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveMatrixCell, convolve_matrix_cell, CONVOLVE, MATRIX_CELL, GtkWidget)

GtkWidget *convolve_matrix_cell_new (void);
/* count: shown as a number (nothing for 0); share: 0..1, the colour */
void       convolve_matrix_cell_set (ConvolveMatrixCell *self, guint count, float share);
guint      convolve_matrix_cell_get_count (ConvolveMatrixCell *self);
/* its accessible name and its tooltip: "true 4, predicted 9: 3 digits" */
void       convolve_matrix_cell_set_text (ConvolveMatrixCell *self, const char *text);
const char *convolve_matrix_cell_get_text (ConvolveMatrixCell *self);
void       convolve_matrix_cell_set_selected (ConvolveMatrixCell *self, gboolean selected);
gboolean   convolve_matrix_cell_get_selected (ConvolveMatrixCell *self);

/* Signal "activate": clicked, or Enter/Space with the focus on it */

G_END_DECLS
