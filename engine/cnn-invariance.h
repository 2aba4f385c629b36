/* cnn-invariance.h — the network's answer when its input moves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A convolution applies the same filter at every position, so its maps
 * move with the input (equivariance); pooling and the classifier after it
 * make the answer move less (invariance). These functions measure both:
 * one input shifted by −2..+2 cells in x and y, what the network says for
 * each shift, how much each layer's output changed for one shift, and the
 * accuracy on a data set for each shift.
 *
 * Shifts are whole cells, x right and y down, zero-filled
 * (cnn_shift_image): what leaves the 8×8 grid is lost. The 25 shifts are
 * ordered DY outer, DX inner, both ascending: index (dy + 2)·5 + (dx + 2),
 * so index 0 is (−2, −2), 12 is (0, 0), 24 is (+2, +2).
 */
#pragma once

#include <glib.h>

#include "cnn-dataset.h"
#include "cnn-net.h"
#include "cnn-workspace.h"

G_BEGIN_DECLS

#define CNN_SHIFT_RANGE 2                                /* −2..+2 cells */
#define CNN_SHIFT_SIDE  (2 * CNN_SHIFT_RANGE + 1)        /* 5 */
#define CNN_N_SHIFTS    (CNN_SHIFT_SIDE * CNN_SHIFT_SIDE) /* 25 */

static inline int
cnn_shift_index (int dx, int dy)
{
  return (dy + CNN_SHIFT_RANGE) * CNN_SHIFT_SIDE + (dx + CNN_SHIFT_RANGE);
}

static inline int
cnn_shift_dx (int index)
{
  return index % CNN_SHIFT_SIDE - CNN_SHIFT_RANGE;
}

static inline int
cnn_shift_dy (int index)
{
  return index / CNN_SHIFT_SIDE - CNN_SHIFT_RANGE;
}

typedef struct {
  int   dx, dy;                   /* cells, right and down */
  int   predicted;                /* the class, cnn_argmax of the probabilities */
  float confidence;               /* its probability, at net->temperature */
  float input[CNN_INPUT_SIZE];    /* the shifted input [8][8] */
} CnnShiftResult;

/* The 25 shifts of input (64 values) through net, in the order above;
 * ws is a workspace of net (its activations are then those of the last
 * shift, (+2, +2)). Allocates nothing. */
void   cnn_invariance_grid   (const CnnNet *net, CnnWorkspace *ws, const float *input,
                              CnnShiftResult results[CNN_N_SHIFTS]);

/* One shift taken apart: input through net into original, input shifted by
 * (dx, dy) (−8..8) into shifted — two workspaces of net, whose
 * activations the views then show side by side
 * (cnn_workspace_get_activations: conv 1, pooled, flattened, …). change
 * (nullable, [net->n_layers]) gets for every layer i, from the first conv
 * to the probabilities, the relative L2 change of its output
 * ‖shifted − original‖ / ‖original‖; 0 when both are all zeros, +∞ when
 * only the original is. Allocates nothing. */
void   cnn_shift_compare     (const CnnNet *net, CnnWorkspace *original, CnnWorkspace *shifted,
                              const float *input, int dx, int dy, float *change);

/* The accuracy on ds of every shift, in the order above (accuracy[12] is
 * cnn_accuracy's). ws (nullable) is a workspace of net; without one a
 * workspace is made. The labels of ds must be below net->n_classes. */
void   cnn_invariance_accuracy (const CnnNet *net, CnnWorkspace *ws, const CnnDataset *ds,
                                double accuracy[CNN_N_SHIFTS]);

G_END_DECLS
