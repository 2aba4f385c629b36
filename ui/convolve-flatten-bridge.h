/* convolve-flatten-bridge.h — flatten as the bridge from maps to a vector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Links two cards of the trace: the flatten card (one strip of H·W·C
 * values) and the card of the block it flattens (C maps of H×W, for the
 * digits network max-pool 2's 2×2×16). Hovering an element of the strip,
 * or moving over it with the arrow keys once it has the focus, outlines
 * the cell (y, x) of map c it came from; hovering a cell of one of the
 * maps outlines its element. One rule, the engine's: cnn_flatten_to_hwc
 * (HWC order, element = (y·W + x)·C + c). The strip's tooltip says it
 * plainly: "element 37 = max-pool 2, row 1, column 0, channel 5",
 * counted from 0 like the formula.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"
#include "convolve-layer-card.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_FLATTEN_BRIDGE (convolve_flatten_bridge_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveFlattenBridge, convolve_flatten_bridge, CONVOLVE, FLATTEN_BRIDGE,
                      GObject)

/* The bridge between block (the card of layer flatten − 1's output, or
 * the input's) and flatten (the card of net's flatten layer, a
 * CNN_LAYER_FLATTEN). NULL when net has no such layer or the cards are
 * not those. Keeps the cards' maps until it is disposed, which undoes
 * everything it set on them: dispose it before the cards go. */
ConvolveFlattenBridge *convolve_flatten_bridge_new         (const CnnNet      *net,
                                                            ConvolveLayerCard *block,
                                                            ConvolveLayerCard *flatten);

/* The element outlined: the one hovered (in the strip or in a map), else
 * the one chosen with the keys; −1 for none */
int                    convolve_flatten_bridge_get_element (ConvolveFlattenBridge *self);
/* Chooses an element as the arrow keys do (−1: none) */
void                   convolve_flatten_bridge_select      (ConvolveFlattenBridge *self,
                                                            int                    element);
/* The strip (flatten's one map) and map c of the block */
ConvolveHeatmap       *convolve_flatten_bridge_get_strip   (ConvolveFlattenBridge *self);
ConvolveHeatmap       *convolve_flatten_bridge_get_block_map (ConvolveFlattenBridge *self,
                                                              int                    channel);
/* The block's shape, H×W×C */
CnnShape               convolve_flatten_bridge_get_block   (ConvolveFlattenBridge *self);

G_END_DECLS
