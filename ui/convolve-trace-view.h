/* convolve-trace-view.h — every layer's output, left to right, as heatmaps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column (a card) per stage: the 8×8 input first, then each layer of the
 * network. A column shows one small heatmap per channel of the layer's
 * H×W×C output, a caption with the layer and its dimensions and a legend of
 * the column's one colour scale; flatten, dense and softmax are shown as the
 * 1-D vertical strips they are.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"
#include "convolve-heatmap.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_TRACE_VIEW (convolve_trace_view_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveTraceView, convolve_trace_view, CONVOLVE, TRACE_VIEW, GtkWidget)

GtkWidget       *convolve_trace_view_new        (void);
/* Rebuilds the columns for net's layers (shapes and captions are copied;
 * net is not kept). NULL empties the view. */
void             convolve_trace_view_set_net    (ConvolveTraceView *self, const CnnNet *net);
/* Shows the activations of the last cnn_net_forward on ws (made for the net
 * given to set_net). */
void             convolve_trace_view_update     (ConvolveTraceView *self, CnnWorkspace *ws);

/* Saliency: 64 values in −1..1 shown under the input as a diverging map
 * (the gradient of the top class score w.r.t. the input the network saw);
 * NULL hides it. */
void             convolve_trace_view_set_saliency (ConvolveTraceView *self,
                                                   const float       *values);
/* The height in pixels the columns may take without scrolling (the
 * viewport's). In a scrolled window whose page is wide enough for the whole
 * trace, the maps grow to fill that height (and no wider than the page);
 * otherwise they stay compact: columns with many maps put two a row when
 * that fits, four when not. 0: unknown (compact, four). */
void             convolve_trace_view_set_height_hint (ConvolveTraceView *self, int height);

/* Accessors, mostly for tests. Column 0 is the input (layer −1); column
 * i > 0 is net layer i − 1. */
int              convolve_trace_view_get_n_columns (ConvolveTraceView *self);
int              convolve_trace_view_get_column_layer (ConvolveTraceView *self, int column);
const char      *convolve_trace_view_get_caption   (ConvolveTraceView *self, int column);
int              convolve_trace_view_get_n_maps    (ConvolveTraceView *self, int column);
ConvolveHeatmap *convolve_trace_view_get_map       (ConvolveTraceView *self, int column,
                                                    int channel);

/* the saliency map when shown, else NULL */
ConvolveHeatmap *convolve_trace_view_get_saliency_map (ConvolveTraceView *self);
int              convolve_trace_view_get_maps_per_row (ConvolveTraceView *self, int column);

/* Signals: "map-activated" (int layer, int channel, int row, int col) when a
 * feature map's cell is clicked; layer is −1 for the input. */

/* The name a person reads for a layer: "input" (layer −1), "conv 1",
 * "ReLU 2", "max-pool 1", "flatten", "dense" (numbered when there are
 * several), "softmax" — shared by every view that shows the layers */
char *convolve_trace_view_stage_name (const CnnNet *net, int layer);

G_END_DECLS
