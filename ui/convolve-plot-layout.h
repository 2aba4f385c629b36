/* convolve-plot-layout.h — a line chart's maths: ranges, ticks, data → pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain arithmetic with no widget, so the tests can check it without a
 * display. Pixel coordinates are the widget's: x grows to the right, y
 * grows downwards (larger data values sit higher, at smaller y).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One axis: the data values at its two ends. lo < hi always; on a log axis
 * 0 < lo too, and both are whole decades. */
typedef struct
{
  double   lo, hi;
  gboolean log;
} ConvolvePlotScale;

/* The widest number of ticks an axis ever gets */
#define CONVOLVE_PLOT_MAX_TICKS 12

/* A range covering data from min to max (min > max: no data; NaN and
 * infinities ignored by the caller). Never empty: a single value v gets
 * v ± 1 (or ± |v|/2); no data gets 0..1 (log: 0.001..1).
 *   nice:  round the ends out to tick values (y); else keep them (x)
 *   log:   whole decades around min..max, which must then be the positive
 *          data only (min ≤ 0 is treated as no data) */
void   convolve_plot_scale_fit      (ConvolvePlotScale *scale, double min, double max,
                                     gboolean log, gboolean nice);
/* A fixed range; FALSE (and scale unchanged) if it cannot be one
 * (lo ≥ hi, not finite, or lo ≤ 0 on a log axis) */
gboolean convolve_plot_scale_set    (ConvolvePlotScale *scale, double lo, double hi,
                                     gboolean log);
/* v's position along the axis: 0 at lo, 1 at hi, outside 0..1 beyond them;
 * −∞ for v ≤ 0 on a log axis */
double convolve_plot_scale_fraction (const ConvolvePlotScale *scale, double v);
/* Tick values inside lo..hi, ascending, at most MIN (max_ticks,
 * CONVOLVE_PLOT_MAX_TICKS): "nice" multiples on a linear axis, decades (with
 * 2 and 5 between when the range spans one decade) on a log one. Returns
 * the count written to ticks. */
int    convolve_plot_scale_ticks    (const ConvolvePlotScale *scale, int max_ticks,
                                     double *ticks);
/* A tick's label with as many decimals as neighbours need to differ
 * ("0.25", "1500", "10⁻⁵"); step is the distance to the next tick. */
void   convolve_plot_format_tick    (const ConvolvePlotScale *scale, double v, double step,
                                     char *buf, gsize size);

/* What the text around the plot area needs, measured by the widget */
typedef struct
{
  double y_tick_width;   /* the widest y tick label */
  double tick_height;    /* one line of tick labels */
  double title_height;   /* one line of an axis title */
  double legend_height;  /* the legend band above the plot; 0: none */
} ConvolvePlotMetrics;

/* The plot area (where the data is drawn) inside a widget, and its scales */
typedef struct
{
  ConvolvePlotScale x, y;
  double left, top, width, height;  /* the plot area, ≥ 1×1 */
} ConvolvePlotLayout;

/* Places the plot area in a width × height widget after the margins the
 * tick labels, axis titles and legend need. */
void   convolve_plot_layout_place   (ConvolvePlotLayout *layout, double width, double height,
                                     const ConvolvePlotMetrics *metrics);
double convolve_plot_layout_x_to_pixel (const ConvolvePlotLayout *layout, double x);
double convolve_plot_layout_y_to_pixel (const ConvolvePlotLayout *layout, double y);

/* Margins between the parts, in pixels */
#define CONVOLVE_PLOT_PAD 6.0
#define CONVOLVE_PLOT_TICK_LENGTH 4.0

G_END_DECLS
