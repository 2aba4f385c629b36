/* convolve-layer-card.h — one layer of a pass: its maps, its scale, its name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card the forward trace (Explore) and the backward pass (Train) are
 * made of: the layer's name ("conv 1", from convolve_layer_card_stage_name)
 * and caption, one heatmap per channel of its output, a legend; with
 * gradients also a second block, dL/d(output), on its own diverging
 * scale. Fed by a CnnActivations, whichever computed it. The parent sizes
 * it: set_geometry() says how many maps a row and how large a cell, and
 * the card places its parts inside whatever it is given.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"
#include "convolve-heatmap.h"
#include "convolve-trace-layout.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_LAYER_CARD (convolve_layer_card_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveLayerCard, convolve_layer_card, CONVOLVE, LAYER_CARD, GtkWidget)

/* layer −1 is the input. gradients: a dL/d(output) block under the maps. */
GtkWidget       *convolve_layer_card_new          (const CnnNet *net, int layer, gboolean gradients);

/* The values of this card's slot */
void             convolve_layer_card_set_activations (ConvolveLayerCard    *self,
                                                      const CnnActivations *acts);
/* Its gradient, dL/d(slot), in the second block (made with gradients and
 * not the softmax's; acts with grads) */
void             convolve_layer_card_set_gradients (ConvolveLayerCard    *self,
                                                    const CnnActivations *acts);
gboolean         convolve_layer_card_has_gradients (ConvolveLayerCard *self);
/* per_row maps a row, cell px a cell, a strip across or down; for the
 * parent's size_allocate,
 * which then allocates the card (nothing is resized) */
void             convolve_layer_card_set_geometry (ConvolveLayerCard *self, int per_row, int cell,
                                                   gboolean across);
/* What the layout needs to know of this card (cnn-trace-layout.h) */
void             convolve_layer_card_describe     (ConvolveLayerCard *self, ConvolveTraceCard *out);

/* A widget under everything else (the input's saliency), or NULL */
void             convolve_layer_card_set_extra    (ConvolveLayerCard *self, GtkWidget *extra);
/* The gradient block dimmed until it is revealed */
void             convolve_layer_card_set_revealed (ConvolveLayerCard *self, gboolean revealed);
gboolean         convolve_layer_card_get_revealed (ConvolveLayerCard *self);
/* The title in the accent colour: where the backward pass is now */
void             convolve_layer_card_set_front    (ConvolveLayerCard *self, gboolean front);

int              convolve_layer_card_get_layer    (ConvolveLayerCard *self);
/* The layer's caption as the engine writes it ("conv 3×3, 8 filters → 8×8×8") */
const char      *convolve_layer_card_get_caption  (ConvolveLayerCard *self);
/* Maps of the values (one for a strip), and of the gradient */
int              convolve_layer_card_get_n_maps   (ConvolveLayerCard *self);
ConvolveHeatmap *convolve_layer_card_get_map      (ConvolveLayerCard *self, int channel);
ConvolveHeatmap *convolve_layer_card_get_grad_map (ConvolveLayerCard *self, int channel);
/* The largest |dL/d(output)| shown; 0 without */
float            convolve_layer_card_get_grad_max (ConvolveLayerCard *self);
int              convolve_layer_card_get_per_row  (ConvolveLayerCard *self);

/* The name a person reads for a layer: "input" (layer −1), "conv 1",
 * "ReLU 2", "max-pool 1", "flatten", "dense" (numbered when there are
 * several), "softmax" — shared by every view that shows the layers */
char            *convolve_layer_card_stage_name   (const CnnNet *net, int layer);

/* Signals: "map-activated" (int channel, int row, int col) when a cell of
 * a map is clicked (or Enter on it); only on maps that can be explained
 * (cnn_net_explained_conv()), which show a pointer. */

G_END_DECLS
