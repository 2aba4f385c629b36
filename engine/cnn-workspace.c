/* cnn-workspace.c — the forward and backward passes of one sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Activation slots: slot 0 is the input [8][8][1], slot i + 1 the output of
 * layer i. Each slot is followed by one element that stays 0 — the padding
 * value a following conv gathers — and is rounded up to 16 floats so every
 * slot starts on a 64-byte line. The gradient blob has the same layout.
 */
#include "cnn-workspace.h"

#include <math.h>
#include <string.h>

struct _CnnWorkspace {
  int       n_layers;
  gsize    *slot;     /* [n_layers + 1] offsets into act and grad */
  float    *act;
  float    *grad;
  float   **col;      /* [n_layers]: im2col of conv layers, else NULL */
  float    *scratch;  /* the largest layer's dW and db, for passes without grads */
  guint32 **argmax;   /* [n_layers]: pool layers, else NULL */
};

CnnWorkspace *
cnn_workspace_new (const CnnNet *net)
{
  CnnWorkspace *ws;
  gsize total = 0;

  g_return_val_if_fail (net != NULL, NULL);

  ws = g_new0 (CnnWorkspace, 1);
  ws->n_layers = net->n_layers;
  ws->slot = g_new (gsize, net->n_layers + 1);
  ws->col = g_new0 (float *, net->n_layers);
  ws->argmax = g_new0 (guint32 *, net->n_layers);

  for (int i = 0; i <= net->n_layers; i++)
    {
      CnnShape s = i == 0 ? net->input : net->layers[i - 1].out;

      ws->slot[i] = total;
      total += (cnn_shape_size (s) + 1 + 15) & ~(gsize) 15;
    }
  ws->act = cnn_blob_new (total);
  ws->grad = cnn_blob_new (total);
  {
    gsize largest = 0;

    for (int i = 0; i < net->n_layers; i++)
      largest = MAX (largest, net->layers[i].n_weights + net->layers[i].n_bias);
    ws->scratch = cnn_blob_new (largest);
  }

  for (int i = 0; i < net->n_layers; i++)
    {
      const CnnLayer *l = &net->layers[i];

      if (l->kind == CNN_LAYER_CONV)
        ws->col[i] = cnn_blob_new ((gsize) l->out.h * l->out.w * cnn_layer_patch_size (l));
      else if (l->kind == CNN_LAYER_POOL)
        ws->argmax[i] = g_new0 (guint32, cnn_shape_size (l->out));
    }

  return ws;
}

void
cnn_workspace_free (CnnWorkspace *ws)
{
  if (ws == NULL)
    return;
  for (int i = 0; i < ws->n_layers; i++)
    {
      cnn_blob_free (ws->col[i]);
      g_free (ws->argmax[i]);
    }
  g_free (ws->col);
  g_free (ws->argmax);
  g_free (ws->slot);
  cnn_blob_free (ws->act);
  cnn_blob_free (ws->grad);
  cnn_blob_free (ws->scratch);
  g_free (ws);
}

const float *
cnn_net_forward (const CnnNet *net,
                 CnnWorkspace *ws,
                 const float  *input)
{
  g_return_val_if_fail (net != NULL && ws != NULL && input != NULL, NULL);
  g_return_val_if_fail (ws->n_layers == net->n_layers, NULL);

  memcpy (ws->act, input, sizeof (float) * CNN_INPUT_SIZE);

  for (int i = 0; i < net->n_layers; i++)
    {
      const CnnLayer *l = &net->layers[i];
      const float *in = ws->act + ws->slot[i];
      float *out = ws->act + ws->slot[i + 1];

      switch (l->kind)
        {
        case CNN_LAYER_CONV:
          cnn_conv_forward (l, net->params + l->w_offset, net->params + l->b_offset,
                            in, ws->col[i], out);
          break;
        case CNN_LAYER_RELU:
          cnn_relu_forward (cnn_shape_size (l->out), in, out);
          break;
        case CNN_LAYER_POOL:
          cnn_pool_forward (l, in, out, ws->argmax[i]);
          break;
        case CNN_LAYER_FLATTEN:
          memcpy (out, in, sizeof (float) * cnn_shape_size (l->out));
          break;
        case CNN_LAYER_DENSE:
          cnn_dense_forward ((int) cnn_shape_size (l->in), l->out.c,
                             net->params + l->w_offset, net->params + l->b_offset, in, out);
          break;
        case CNN_LAYER_SOFTMAX:
          /* every probability anyone sees is calibrated (training runs at 1) */
          if (net->temperature == 1.0f)
            cnn_softmax_forward (l->out.c, in, out);
          else
            cnn_softmax_forward_scaled (l->out.c, in, 1.0f / net->temperature, out);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return ws->act + ws->slot[net->n_layers];
}

void
cnn_net_backward_from_logits (const CnnNet *net,
                              CnnWorkspace *ws,
                              const float  *dlogits,
                              float        *grads,
                              gboolean      want_input_grad)
{
  const int last = net->n_layers - 1;   /* the softmax */

  g_return_if_fail (net != NULL && ws != NULL && dlogits != NULL);
  g_return_if_fail (ws->n_layers == net->n_layers);

  if (ws->grad + ws->slot[last] != dlogits)
    memcpy (ws->grad + ws->slot[last], dlogits, sizeof (float) * net->n_classes);

  for (int i = last - 1; i >= 0; i--)
    {
      const CnnLayer *l = &net->layers[i];
      const float *in = ws->act + ws->slot[i];
      const float *out = ws->act + ws->slot[i + 1];
      const float *dout = ws->grad + ws->slot[i + 1];
      /* the input's gradient is only wanted for saliency and gradient views */
      float *din = (i > 0 || want_input_grad) ? ws->grad + ws->slot[i] : NULL;
      float *dw = grads != NULL ? grads + l->w_offset : NULL;
      float *db = grads != NULL ? grads + l->b_offset : NULL;

      switch (l->kind)
        {
        case CNN_LAYER_CONV:
          if (dw != NULL)
            cnn_conv_backward (l, net->params + l->w_offset, ws->col[i], dout, dw, db, din);
          else if (din != NULL)
            /* no parameter gradients wanted: they go to scratch, unread */
            cnn_conv_backward (l, net->params + l->w_offset, ws->col[i], dout,
                               ws->scratch, ws->scratch + l->n_weights, din);
          break;
        case CNN_LAYER_RELU:
          if (din != NULL)
            cnn_relu_backward (cnn_shape_size (l->out), out, dout, din);
          break;
        case CNN_LAYER_POOL:
          if (din != NULL)
            cnn_pool_backward (l, ws->argmax[i], dout, din);
          break;
        case CNN_LAYER_FLATTEN:
          if (din != NULL)
            memcpy (din, dout, sizeof (float) * cnn_shape_size (l->out));
          break;
        case CNN_LAYER_DENSE:
          if (dw != NULL)
            cnn_dense_backward ((int) cnn_shape_size (l->in), l->out.c,
                                net->params + l->w_offset, in, dout, dw, db, din);
          else if (din != NULL)
            cnn_dense_backward ((int) cnn_shape_size (l->in), l->out.c,
                                net->params + l->w_offset, in, dout,
                                ws->scratch, ws->scratch + l->n_weights, din);
          break;
        case CNN_LAYER_SOFTMAX:
        default:
          g_assert_not_reached ();
        }
    }
}

float
cnn_net_backward (const CnnNet *net,
                  CnnWorkspace *ws,
                  int           label,
                  float        *grads,
                  gboolean      want_input_grad)
{
  const int last = net->n_layers - 1;
  float *dlogits;
  float loss;

  g_return_val_if_fail (net != NULL && ws != NULL, NAN);
  g_return_val_if_fail (label >= 0 && label < net->n_classes, NAN);

  dlogits = ws->grad + ws->slot[last];
  loss = cnn_softmax_xent_backward (net->n_classes, ws->act + ws->slot[last + 1], label, dlogits);
  /* p = softmax (z / T): dL/dz = (p − onehot) / T */
  if (net->temperature != 1.0f)
    for (int i = 0; i < net->n_classes; i++)
      dlogits[i] /= net->temperature;
  cnn_net_backward_from_logits (net, ws, dlogits, grads, want_input_grad);
  return loss;
}

const float *
cnn_workspace_input (CnnWorkspace *ws)
{
  g_return_val_if_fail (ws != NULL, NULL);
  return ws->act;
}

const float *
cnn_workspace_output (CnnWorkspace *ws,
                      int           layer)
{
  g_return_val_if_fail (ws != NULL, NULL);
  g_return_val_if_fail (layer >= 0 && layer < ws->n_layers, NULL);
  return ws->act + ws->slot[layer + 1];
}

const float *
cnn_workspace_output_grad (CnnWorkspace *ws,
                           int           layer)
{
  g_return_val_if_fail (ws != NULL, NULL);
  g_return_val_if_fail (layer >= 0 && layer < ws->n_layers, NULL);

  /* the softmax is fused with the loss: it has no separate output gradient */
  if (layer == ws->n_layers - 1)
    return NULL;
  return ws->grad + ws->slot[layer + 1];
}

const float *
cnn_workspace_input_grad (CnnWorkspace *ws)
{
  g_return_val_if_fail (ws != NULL, NULL);
  return ws->grad;
}

void
cnn_workspace_get_activations (CnnWorkspace   *ws,
                               CnnActivations *out)
{
  g_return_if_fail (ws != NULL && out != NULL);

  out->n_slots = ws->n_layers + 1;
  out->offset = ws->slot;
  out->values = ws->act;
  out->grads = ws->grad;
}
