/* cnn-layer.h — one layer of a CNN: its shapes and its forward/backward maths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every tensor is a flat float buffer in HWC order (row-major, channels
 * innermost): element (y, x, c) of a H×W×C map is at [(y * W + x) * C + c].
 * Channels innermost lets the conv and pool loops run over a contiguous run
 * of channels, which the compiler turns into SIMD.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CNN_LAYER_CONV,     /* k×k convolution, stride 1, 'same' or 'valid' padding */
  CNN_LAYER_RELU,
  CNN_LAYER_POOL,     /* 2×2 max-pool, stride 2; keeps its argmax for backward */
  CNN_LAYER_FLATTEN,  /* H×W×C → 1×1×(H·W·C); the data does not move (HWC order) */
  CNN_LAYER_DENSE,    /* fully connected, flattens its input */
  CNN_LAYER_SOFTMAX,  /* last layer; backward is fused with cross-entropy */
} CnnLayerKind;

typedef struct {
  int h, w, c;
} CnnShape;

static inline gsize
cnn_shape_size (CnnShape s)
{
  return (gsize) s.h * s.w * s.c;
}

typedef struct {
  CnnLayerKind kind;
  int          k;          /* conv: kernel size; pool: window (2) */
  int          pad;        /* conv: zero padding on each side (same: k/2, valid: 0) */
  CnnShape     in;
  CnnShape     out;
  /* Parameters, as offsets into the network's one parameter blob.
   * conv:  weights [k][k][c_in][c_out], bias [c_out]
   * dense: weights [out][in],           bias [out]   */
  gsize        w_offset;
  gsize        n_weights;
  gsize        b_offset;
  gsize        n_bias;
  /* conv: for every output position, the input index of each patch element
   * (in[h][w][c] order), or cnn_shape_size(in) for a zero-padding element —
   * so im2col is one gather with no branches. [out.h*out.w][k*k*c_in] */
  guint32     *patch_index;
} CnnLayer;

/* Number of elements of one input patch of a conv layer (k·k·c_in). */
static inline int
cnn_layer_patch_size (const CnnLayer *l)
{
  return l->k * l->k * l->in.c;
}

const char *cnn_layer_kind_name (CnnLayerKind kind);

/* conv forward.
 * in:  [in.h][in.w][in.c] plus ONE trailing element that must be 0 (padding)
 * col: [out.h*out.w][k*k*in.c], filled (im2col, kept for backward)
 * out: [out.h][out.w][out.c] */
void cnn_conv_forward   (const CnnLayer *l, const float *w, const float *b,
                         const float *in, float *col, float *out);
/* conv backward. Accumulates dw += col^T·dout and db += Σ dout;
 * din (nullable) is overwritten with dL/din, and needs the same one trailing
 * scratch element as the forward input. */
void cnn_conv_backward  (const CnnLayer *l, const float *w, const float *col,
                         const float *dout, float *dw, float *db, float *din);

void cnn_relu_forward   (gsize n, const float *in, float *out);
/* uses the forward output: dL/din = dout where out > 0 */
void cnn_relu_backward  (gsize n, const float *out, const float *dout, float *din);

/* argmax: [out.h][out.w][c], index into in of each maximum */
void cnn_pool_forward   (const CnnLayer *l, const float *in, float *out, guint32 *argmax);
void cnn_pool_backward  (const CnnLayer *l, const guint32 *argmax,
                         const float *dout, float *din);

/* dense: w [n_out][n_in], b [n_out] */
void cnn_dense_forward  (int n_in, int n_out, const float *w, const float *b,
                         const float *in, float *out);
/* accumulates dw, db; din (nullable) overwritten */
void cnn_dense_backward (int n_in, int n_out, const float *w, const float *in,
                         const float *dout, float *dw, float *db, float *din);

/* numerically stable: subtracts the max logit */
void  cnn_softmax_forward (int n, const float *logits, float *probs);
/* softmax (scale · logits): the calibrated probabilities, scale = 1 / T */
void  cnn_softmax_forward_scaled (int n, const float *logits, float scale, float *probs);
/* cross-entropy of probs against label, and dL/dlogits = probs − onehot */
float cnn_softmax_xent_backward (int n, const float *probs, int label, float *dlogits);

G_END_DECLS
