/* cnn-net.h — a small CNN built from a text spec, with one parameter blob
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spec grammar (tokens separated by white space, case-insensitive):
 *
 *   conv<K>x<K>x<N>[-same|-valid]  K×K convolution to N channels, stride 1,
 *                                  ReLU not included; 'same' is the default
 *   relu                           rectified linear unit
 *   pool2                          2×2 max-pool, stride 2 (odd edges dropped)
 *   flatten                        H×W×C → H·W·C (optional: dense flattens)
 *   dense<N>                       fully connected to N outputs
 *   softmax                        must be last; appended when missing
 *
 * The input is always one 8×8 grey image. The layer before softmax must be
 * dense. Example: "conv3x3x8 relu pool2 conv3x3x16 relu pool2 flatten dense10".
 *
 * Limits (cnn-limits.h), checked while parsing, before anything is
 * allocated: the spec's length and each token's, the layer count after
 * normalisation (the appended softmax included), and the network's total
 * parameters and activations per sample — the per-layer limits alone
 * (256 filters, 7×7 kernels, 4096 outputs) do not bound a deep network.
 * Errors quote at most CNN_LIMIT_QUOTE_CHARS characters of a token.
 */
#pragma once

#include <glib-object.h>

#include "cnn-augment.h"
#include "cnn-layer.h"
#include "cnn-optimizer.h"
#include "cnn-rng.h"

G_BEGIN_DECLS

#define CNN_INPUT_H 8
#define CNN_INPUT_W 8
#define CNN_INPUT_SIZE (CNN_INPUT_H * CNN_INPUT_W)

#define CNN_SPEC_DIGITS      "conv3x3x8 relu pool2 conv3x3x16 relu pool2 flatten dense10 softmax"
#define CNN_SPEC_ZERO_OR_ONE "conv3x3x4-valid relu pool2 flatten dense2 softmax"

typedef struct _CnnNet CnnNet;

#define CNN_TRAIN_DATA_LEN 96

/* How a network's weights were trained: filled by the trainer at the end
 * of a run (cnn_trainer_finish), kept in model files (format 2). */
typedef struct {
  CnnOptimizerKind optimizer;
  float      lr;              /* the starting rate */
  gboolean   lr_decay;        /* cosine decay to 0 over the epochs */
  int        batch_size;
  int        epochs;          /* epochs completed */
  float      weight_decay;
  CnnAugment augment;
  float      label_smoothing;
  guint64    seed;
  guint32    n_train;         /* samples trained on … */
  guint32    n_validation;    /* … and held out to fit the temperature */
  float      test_accuracy;   /* on the test data at the end; −1 without */
  char       data[CNN_TRAIN_DATA_LEN]; /* what the data was, UTF-8; "" unknown */
} CnnTrainRecord;

/* Reference-counted: holders share one network and never copy it to keep
 * it. Whoever changes the weights in place (the session, the trainer)
 * tells the other holders; nobody else writes to params. */
struct _CnnNet {
  gint       ref_count;   /* atomic */
  char      *spec;        /* normalised: every token explicit, one space apart */
  CnnShape   input;       /* 8×8×1 */
  int        n_layers;
  CnnLayer  *layers;
  int        n_classes;   /* outputs of the final softmax */
  gsize      n_params;
  float     *params;      /* one 64-byte aligned blob: every weight and bias */
  float      temperature; /* the logits are divided by it before the softmax
                           * (calibration, fitted after training); 1 by default */
  gboolean   has_record;  /* record describes how params were trained */
  CnnTrainRecord record;
};

#define CNN_TYPE_NET (cnn_net_get_type ())
GType       cnn_net_get_type     (void) G_GNUC_CONST;

/* NULL with a CNN_ERROR_SPEC error for a spec that does not parse, does
 * not fit or passes a limit, or CNN_ERROR_NO_MEMORY. */
CnnNet     *cnn_net_new          (const char *spec, GError **error);
/* A new network with the same spec and a copy of the weights, the
 * temperature and the training record */
CnnNet     *cnn_net_copy         (const CnnNet *net);
CnnNet     *cnn_net_ref          (CnnNet *net);
void        cnn_net_unref        (CnnNet *net);
/* Shape check without allocating a network. */
gboolean    cnn_spec_validate    (const char *spec, GError **error);

/* What cnn_net_new (spec) would build, counted without building it. */
typedef struct {
  int    n_layers;       /* after normalisation, the softmax included */
  gsize  n_params;       /* every weight and bias: net->n_params */
  gsize  n_activations;  /* floats one forward pass keeps: the input, every
                          * layer's output and the conv layers' im2col
                          * columns (what CNN_LIMIT_ACTIVATIONS bounds) */
} CnnSpecSize;

/* Parses and checks spec as cnn_net_new does, allocating nothing of the
 * network's size; size (nullable) gets its size. */
gboolean    cnn_spec_measure     (const char *spec, CnnSpecSize *size, GError **error);

/* He/Kaiming-normal weights (std √(2/fan_in)), zero biases; temperature 1
 * and no training record, which belonged to the old weights. */
void        cnn_net_init_weights (CnnNet *net, CnnRng *rng);
/* The same from a fresh generator seeded with seed: what a training run
 * with that seed starts from (the worker's reset, the CLI's train). */
void        cnn_net_init_weights_from_seed (CnnNet *net, guint64 seed);
/* Same spec ⇒ same parameter layout. */
gboolean    cnn_net_same_shape   (const CnnNet *a, const CnnNet *b);

/* The predicted class: the index of the largest of n scores or
 * probabilities (the first on a tie, NaN ignored); −1 when there is none. */
int         cnn_argmax           (const float *values, int n);

/* The conv layer whose arithmetic explains layer's maps: layer itself for
 * a conv, the conv before a ReLU that directly follows one; −1 for any
 * other layer (a pool, a ReLU after a pool, dense, …). */
int         cnn_net_explained_conv (const CnnNet *net, int layer);

/* Human caption, e.g. "conv 3×3, 8 filters → 8×8×8" (UTF-8). */
char       *cnn_net_describe_layer (const CnnNet *net, int index);

/* The layer's slices of any blob laid out like net->params (the params
 * themselves, gradients or optimizer moments). */
static inline float *
cnn_net_layer_weights (const CnnNet *net, float *blob, int index)
{
  return blob + net->layers[index].w_offset;
}

static inline float *
cnn_net_layer_bias (const CnnNet *net, float *blob, int index)
{
  return blob + net->layers[index].b_offset;
}

/* Allocations of parameter-sized blobs, 64-byte aligned, zeroed.
 * cnn_blob_try_new() is for sizes an input decides: NULL and a
 * CNN_ERROR_NO_MEMORY error when the memory cannot be had. cnn_blob_new()
 * aborts then, like g_malloc(): only for sizes of a network that exists
 * (every network passed the limits of cnn-limits.h when it was built). */
float      *cnn_blob_try_new (gsize n, GError **error);
float      *cnn_blob_new  (gsize n);
void        cnn_blob_free (float *blob);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnNet, cnn_net_unref)

G_END_DECLS
