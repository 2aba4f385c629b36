/* convolve-filters-view.h — every learned kernel of every conv layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per conv layer a header with its shape ("conv 1: 8 × (3×3×1)") and its
 * kernels as heatmaps on a diverging scale centred on 0. A layer with one
 * input channel shows its filters in a row; a layer with several shows a
 * grid, one row per filter and one column per input channel, labelled.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"
#include "convolve-heatmap.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_FILTERS_VIEW (convolve_filters_view_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveFiltersView, convolve_filters_view, CONVOLVE, FILTERS_VIEW, GtkWidget)

GtkWidget       *convolve_filters_view_new              (void);
/* Rebuilds from net's conv layers and shows its weights (net is not
 * kept); NULL empties the view. */
void             convolve_filters_view_set_net          (ConvolveFiltersView *self,
                                                         const CnnNet        *net);
/* New weights of the same structure: the numbers change, no widget is
 * made or laid out again. Shown at once if the view is (net is kept
 * until then), else when it next is: see convolve-deferred.h. */
void             convolve_filters_view_set_weights      (ConvolveFiltersView *self,
                                                         CnnNet              *net);
/* Every kernel cell's number drawn on it, with larger cells */
void             convolve_filters_view_set_show_numbers (ConvolveFiltersView *self,
                                                         gboolean             show);
gboolean         convolve_filters_view_get_show_numbers (ConvolveFiltersView *self);

/* For tests: conv layers shown, each one's header, and its kernels
 * (filter-major: index = filter * c_in + input channel). */
int              convolve_filters_view_get_n_sections   (ConvolveFiltersView *self);
const char      *convolve_filters_view_get_title        (ConvolveFiltersView *self, int section);
int              convolve_filters_view_get_n_kernels    (ConvolveFiltersView *self, int section);
ConvolveHeatmap *convolve_filters_view_get_kernel       (ConvolveFiltersView *self, int section,
                                                         int filter, int channel);

G_END_DECLS
