/* cnn-inspect.h — questions the views ask of a network's layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a channel responds to (the training digits that excite it most),
 * where a flattened element came from, one conv kernel out of the weight
 * layout, and how far each kernel moved between two sets of weights.
 * Every map is HWC as everywhere in the engine (cnn-layer.h): element
 * (y, x, c) of an H×W×C block is at (y·W + x)·C + c.
 */
#pragma once

#include <glib.h>

#include "cnn-dataset.h"
#include "cnn-net.h"
#include "cnn-workspace.h"

G_BEGIN_DECLS

/* ---- flatten as the bridge ---------------------------------------------- */

/* The layer that flattens the last map into the classifier's vector: the
 * first flatten layer, or else the first dense layer (dense flattens its
 * input); −1 when there is neither. Its input shape,
 * net->layers[i].in, is the block (for the digits network the last pooled
 * 2×2×16); its input values are element i of the flattened vector. */
int      cnn_net_flatten_layer (const CnnNet *net);

/* Element index of the flattened vector of block → (y, x, c) in block,
 * and back. The engine never moves data to flatten (HWC order): index =
 * (y·W + x)·C + c. */
void     cnn_flatten_to_hwc    (CnnShape block, int index, int *y, int *x, int *c);
int      cnn_flatten_from_hwc  (CnnShape block, int y, int x, int c);

/* ---- what a channel responds to ----------------------------------------- */

/* The layer whose output cnn_top_activating ranks for layer: layer + 1
 * when that is a ReLU directly after it, else layer itself. */
int      cnn_net_rectified_output (const CnnNet *net, int layer);

/* For every channel c of layer's output, the k samples of ds that excite
 * it most: the largest maxima over all positions of channel c, taken
 * after the ReLU when one directly follows layer (a conv, usually; see
 * cnn_net_rectified_output) and of layer's own output otherwise. ws is a
 * workspace of net (its activations are then the last sample's).
 * indices [C][k] gets indices into ds, most exciting first, the lower
 * index first among equal maxima; maxima (nullable) [C][k] the values.
 * Returns how many of each channel's k were filled: MIN (k, ds->n); the
 * rest are −1 (maxima −∞). Allocates nothing. */
int      cnn_top_activating    (const CnnNet *net, CnnWorkspace *ws, const CnnDataset *ds,
                                int layer, int k, int *indices, float *maxima);

/* ---- kernels ------------------------------------------------------------ */

/* The k×k kernel of conv layer from input channel channel to output filter
 * filter, out of a blob laid out like net->params (the weights are
 * [ky][kx][c_in][c_out]): kernel [k][k], row-major. */
void     cnn_conv_kernel       (const CnnNet *net, const float *blob, int layer,
                                int filter, int channel, float *kernel);

/* ‖ΔW‖ of every kernel of conv layer between two blobs laid out like
 * net->params (before and after training, say): norms [c_out][c_in],
 * filter-major as the Filters view lists them, norms[f·c_in + c] =
 * √Σ (after − before)² over the k×k kernel (filter f, input channel c).
 * Biases are not part of a kernel. */
void     cnn_kernel_deltas     (const CnnNet *net, int layer, const float *before,
                                const float *after, float *norms);

G_END_DECLS
