/* convolve-plot.h — a line chart with axes, ticks, units and a legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The maths (data → pixels, tick placement) lives in convolve-plot-layout.c
 * so tests can check it without a display.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CONVOLVE_TYPE_PLOT (convolve_plot_get_type ())
G_DECLARE_FINAL_TYPE (ConvolvePlot, convolve_plot, CONVOLVE, PLOT, GtkWidget)

/* Axis titles include their unit, e.g. "step", "loss (cross-entropy)",
 * "accuracy (%)". */
GtkWidget *convolve_plot_new            (const char *x_label, const char *y_label);
/* Adds a series drawn in color (NULL: the next colour of a built-in,
 * colour-blind-safe palette); dashed for e.g. the test curve. Returns its index. */
int        convolve_plot_add_series     (ConvolvePlot *self, const char *name,
                                         const GdkRGBA *color, gboolean dashed);
void       convolve_plot_append         (ConvolvePlot *self, int series, double x, double y);
/* Removes every point, keeps the series */
void       convolve_plot_clear          (ConvolvePlot *self);
/* Removes every series */
void       convolve_plot_remove_all     (ConvolvePlot *self);
/* A fixed y range (e.g. 0..100 for accuracy); min ≥ max means fit the data */
void       convolve_plot_set_y_range    (ConvolvePlot *self, double min, double max);
/* Logarithmic y axis (gradient norms: vanishing/exploding spans decades) */
void       convolve_plot_set_log_y      (ConvolvePlot *self, gboolean log_y);
int        convolve_plot_get_n_series   (ConvolvePlot *self);
guint      convolve_plot_get_n_points   (ConvolvePlot *self, int series);
/* Last point of a series; FALSE if empty */
gboolean   convolve_plot_get_last       (ConvolvePlot *self, int series, double *x, double *y);

G_END_DECLS
