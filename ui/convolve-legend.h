/* convolve-legend.h — the colour scale explained: a gradient strip with ticks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "convolve-colormap.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_LEGEND (convolve_legend_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveLegend, convolve_legend, CONVOLVE, LEGEND, GtkWidget)

GtkWidget *convolve_legend_new       (ConvolveScale scale, const char *title);
/* the value at the strip's end: 0..range (sequential) or −range..range */
void       convolve_legend_set_range (ConvolveLegend *self, float range);
/* Compact: the title above the strip and the strip as wide as the legend's
 * allocation (at least a short minimum), with at most three ticks — for
 * narrow columns. Default: title left of a fixed 160 px strip. */
void       convolve_legend_set_compact (ConvolveLegend *self, gboolean compact);

/* The title drawn (default) or only its tooltip and accessible name:
 * for small cards where the caption says what the values are */
void       convolve_legend_set_title_visible (ConvolveLegend *self, gboolean visible);
/* How every number in the app is written for people: `decimals` places,
 * U+2212 MINUS SIGN for negatives and no "−0.00" for values that round to
 * zero. Returns buf. */
char      *convolve_format_number    (float v, int decimals, char *buf, gsize size);

G_END_DECLS
