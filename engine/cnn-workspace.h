/* cnn-workspace.h — every activation and gradient of one sample's pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace is made once per network shape and reused for every sample,
 * so the forward and backward passes allocate nothing. It keeps what the
 * views show: the output of every layer, and after a backward pass
 * dL/d(output) of every layer and dL/d(input).
 */
#pragma once

#include <glib.h>

#include "cnn-net.h"

G_BEGIN_DECLS

typedef struct _CnnWorkspace CnnWorkspace;

CnnWorkspace *cnn_workspace_new  (const CnnNet *net);
void          cnn_workspace_free (CnnWorkspace *ws);

/* Runs net on 64 input values (row-major, 0..1); returns the class
 * probabilities at net->temperature, valid until the next pass. */
const float  *cnn_net_forward   (const CnnNet *net, CnnWorkspace *ws, const float *input);

/* After cnn_net_forward: backward from the cross-entropy loss of label
 * (of the probabilities at net->temperature).
 * Accumulates dL/dθ into grads (a blob laid out like net->params; nullable)
 * and, when want_input_grad, fills cnn_workspace_input_grad(). Returns the
 * loss. */
float         cnn_net_backward  (const CnnNet *net, CnnWorkspace *ws, int label,
                                 float *grads, gboolean want_input_grad);

/* Backward from an arbitrary dL/d(logits) [n_classes] (e.g. a one-hot to get
 * the saliency of one class score). Same accumulation rules. */
void          cnn_net_backward_from_logits (const CnnNet *net, CnnWorkspace *ws,
                                            const float *dlogits, float *grads,
                                            gboolean want_input_grad);

/* Layer i's output (the input of layer i + 1), shape net->layers[i].out. */
const float  *cnn_workspace_output      (CnnWorkspace *ws, int layer);
/* Layer i's input logits: for the softmax layer, the output of the dense. */
const float  *cnn_workspace_input       (CnnWorkspace *ws);
/* dL/d(output of layer i), after a backward pass; for the softmax layer,
 * dL/d(logits) is the gradient of the layer before it. */
const float  *cnn_workspace_output_grad (CnnWorkspace *ws, int layer);
/* dL/d(input) [8×8], after a backward pass with want_input_grad */
const float  *cnn_workspace_input_grad  (CnnWorkspace *ws);

/* What the views show of one pass, wherever it was computed (a workspace
 * on the main thread, a snapshot from the training thread): every slot's
 * values and, when there was a backward pass, dL/d(slot). Slot 0 is the
 * input [8×8], slot i + 1 layer i's output (HWC, net->layers[i].out). It
 * points into its source and is valid as long as that is. */
typedef struct {
  int          n_slots;   /* n_layers + 1 */
  const gsize *offset;    /* [n_slots] */
  const float *values;    /* slot s starts at values + offset[s] */
  const float *grads;     /* the same layout; NULL: no backward pass */
} CnnActivations;

void          cnn_workspace_get_activations (CnnWorkspace *ws, CnnActivations *out);

/* layer −1: the input */
static inline const float *
cnn_activations_values (const CnnActivations *a, int layer)
{
  return a->values + a->offset[layer + 1];
}

/* NULL without a backward pass */
static inline const float *
cnn_activations_grads (const CnnActivations *a, int layer)
{
  return a->grads != NULL ? a->grads + a->offset[layer + 1] : NULL;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnWorkspace, cnn_workspace_free)

G_END_DECLS
