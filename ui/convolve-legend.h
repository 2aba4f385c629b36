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

G_END_DECLS
