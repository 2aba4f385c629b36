/* convolve-heatmap.h — one 2-D map (feature map, kernel, gradient) as coloured cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "convolve-colormap.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_HEATMAP (convolve_heatmap_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveHeatmap, convolve_heatmap, CONVOLVE, HEATMAP, GtkWidget)

GtkWidget *convolve_heatmap_new        (void);
/* Copies rows×cols values read as values[(r * cols + c) * stride]: stride lets
 * the caller pass one channel of an HWC map (values = map + channel,
 * stride = channels) without copying it first. */
void       convolve_heatmap_set_data   (ConvolveHeatmap *self, const float *values,
                                        int rows, int cols, int stride);
/* The colour scale and the value that maps to its end (max |v| for
 * diverging); range ≤ 0 means "fit the data". */
void       convolve_heatmap_set_scale  (ConvolveHeatmap *self, ConvolveScale scale, float range);
/* Cell size in pixels used for the natural size (default 12) */
void       convolve_heatmap_set_cell_size (ConvolveHeatmap *self, int pixels);
/* Draw each cell's number on it (kernels, detail view) */
void       convolve_heatmap_set_show_values (ConvolveHeatmap *self, gboolean show);
/* Outline one cell (row, col), or none with −1 */
/* Whether the cell size grows with the window's zoom (default); a layout
 * that sizes the cells itself (the trace) zooms them there */
void       convolve_heatmap_set_zoomable (ConvolveHeatmap *self, gboolean zoomable);
/* Drawn faint (CONVOLVE_DIM_ALPHA): the values are not the news yet */
void       convolve_heatmap_set_dimmed (ConvolveHeatmap *self, gboolean dimmed);
void       convolve_heatmap_set_highlight (ConvolveHeatmap *self, int row, int col);
float      convolve_heatmap_get_value  (ConvolveHeatmap *self, int row, int col);
int        convolve_heatmap_get_rows   (ConvolveHeatmap *self);
int        convolve_heatmap_get_cols   (ConvolveHeatmap *self);

/* Hovering shows a tooltip with the cell's row, column and value. Signals:
 * "cell-activated" (int row, int col) on click or Enter when focusable. */

G_END_DECLS
