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

/* A cell's tooltip text (row, col from 0; its value), newly allocated */
typedef char *(*ConvolveHeatmapTooltipFunc) (ConvolveHeatmap *map, int row, int col,
                                             float value, gpointer user_data);

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
/* The outlined cell, −1, −1 for none */
void       convolve_heatmap_get_highlight (ConvolveHeatmap *self, int *row, int *col);
/* What a cell's tooltip says (default: "row 2, column 5: −0.314", 1-based);
 * NULL restores the default */
void       convolve_heatmap_set_tooltip_func (ConvolveHeatmap *self, ConvolveHeatmapTooltipFunc func,
                                              gpointer user_data, GDestroyNotify destroy);
/* The tooltip text of cell (row, col), as hovering it shows */
char      *convolve_heatmap_dup_cell_tooltip (ConvolveHeatmap *self, int row, int col);
float      convolve_heatmap_get_value  (ConvolveHeatmap *self, int row, int col);
int        convolve_heatmap_get_rows   (ConvolveHeatmap *self);
int        convolve_heatmap_get_cols   (ConvolveHeatmap *self);

/* Hovering shows a tooltip with the cell's row, column and value. Signals:
 * "cell-activated" (int row, int col) on click or Enter when focusable;
 * "cell-hovered" (int row, int col) when the pointer enters another cell,
 * −1, −1 when it leaves the cells. */

G_END_DECLS
