/* convolve-trace-view.h — every layer of a pass, fitted to the space
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One ConvolveLayerCard per slot (the input, then each layer), placed by
 * convolve-trace-layout: the largest maps that let the whole network fit
 * the width and, when fit-height is on, the height — wrapped onto a few
 * rows when one does not hold it, scrolling vertically only when even the
 * smallest readable maps do not fit. Put it in a scrolled window with no
 * horizontal scrolling. Fit-height off (the Train page's backward pass),
 * the maps keep a preferred size and the cards wrap to the width.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"
#include "convolve-flatten-bridge.h"
#include "convolve-heatmap.h"
#include "convolve-layer-card.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_TRACE_VIEW (convolve_trace_view_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveTraceView, convolve_trace_view, CONVOLVE, TRACE_VIEW, GtkWidget)

GtkWidget         *convolve_trace_view_new            (void);

/* Cards for net's slots (net is not kept). gradients: each card also
 * shows dL/d(output) (the softmax's card does not: it is fused with the
 * loss). NULL empties the view. */
void               convolve_trace_view_set_net        (ConvolveTraceView *self,
                                                       const CnnNet      *net,
                                                       gboolean           gradients);
/* The values (and gradients) of a pass of that net */
void               convolve_trace_view_set_activations (ConvolveTraceView    *self,
                                                        const CnnActivations *acts);
/* Saliency: 64 values in −1..1 under the input (the gradient of the top
 * class score w.r.t. the input the network saw); NULL hides it */
void               convolve_trace_view_set_saliency   (ConvolveTraceView *self,
                                                       const float       *values);
/* A widget after the last card (the backward pass's loss), or NULL */
void               convolve_trace_view_set_tail       (ConvolveTraceView *self,
                                                       GtkWidget         *tail);
/* Fit the height given (default TRUE), or keep preferred_map px maps */
void               convolve_trace_view_set_fit_height (ConvolveTraceView *self,
                                                       gboolean           fit,
                                                       int                preferred_map);

/* Accessors, mostly for tests. Column 0 is the input (layer −1); column
 * i > 0 is net layer i − 1. */
int                convolve_trace_view_get_n_columns  (ConvolveTraceView *self);
ConvolveLayerCard *convolve_trace_view_get_card       (ConvolveTraceView *self, int column);
int                convolve_trace_view_get_column_layer (ConvolveTraceView *self, int column);
const char        *convolve_trace_view_get_caption    (ConvolveTraceView *self, int column);
int                convolve_trace_view_get_n_maps     (ConvolveTraceView *self, int column);
ConvolveHeatmap   *convolve_trace_view_get_map        (ConvolveTraceView *self, int column,
                                                       int channel);
int                convolve_trace_view_get_maps_per_row (ConvolveTraceView *self, int column);
/* the saliency map when shown, else NULL */
ConvolveHeatmap   *convolve_trace_view_get_saliency_map (ConvolveTraceView *self);
/* Flatten and the block it flattens, outlined together; NULL without a
 * flatten layer and in a trace with gradients */
ConvolveFlattenBridge *convolve_trace_view_get_flatten_bridge (ConvolveTraceView *self);
/* The last layout: the map size and whether it fitted without scrolling */
ConvolveTraceFit   convolve_trace_view_get_fit        (ConvolveTraceView *self);

/* Signals: "map-activated" (int layer, int channel, int row, int col) when
 * a cell of a map that can be explained is clicked. */

G_END_DECLS
