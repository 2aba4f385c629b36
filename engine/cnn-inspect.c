/* cnn-inspect.c — flatten indices, top-activating samples, kernels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cnn-inspect.h"

#include <math.h>

int
cnn_net_flatten_layer (const CnnNet *net)
{
  g_return_val_if_fail (net != NULL, -1);

  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].kind == CNN_LAYER_FLATTEN || net->layers[i].kind == CNN_LAYER_DENSE)
      return i;
  return -1;
}

void
cnn_flatten_to_hwc (CnnShape  block,
                    int       index,
                    int      *y,
                    int      *x,
                    int      *c)
{
  int position;

  g_return_if_fail (block.h > 0 && block.w > 0 && block.c > 0);
  g_return_if_fail (index >= 0 && (gsize) index < cnn_shape_size (block));

  position = index / block.c;
  if (y != NULL)
    *y = position / block.w;
  if (x != NULL)
    *x = position % block.w;
  if (c != NULL)
    *c = index % block.c;
}

int
cnn_flatten_from_hwc (CnnShape block,
                      int      y,
                      int      x,
                      int      c)
{
  g_return_val_if_fail (y >= 0 && y < block.h && x >= 0 && x < block.w && c >= 0 && c < block.c, -1);

  return (y * block.w + x) * block.c + c;
}

int
cnn_net_rectified_output (const CnnNet *net,
                          int           layer)
{
  g_return_val_if_fail (net != NULL && layer >= 0 && layer < net->n_layers, layer);

  if (layer + 1 < net->n_layers && net->layers[layer + 1].kind == CNN_LAYER_RELU)
    return layer + 1;
  return layer;
}

int
cnn_top_activating (const CnnNet     *net,
                    CnnWorkspace     *ws,
                    const CnnDataset *ds,
                    int               layer,
                    int               k,
                    int              *indices,
                    float            *maxima)
{
  g_autofree float *values = NULL;
  CnnShape shape;
  int read, channels;
  gsize positions;

  g_return_val_if_fail (net != NULL && ws != NULL && ds != NULL && indices != NULL, 0);
  g_return_val_if_fail (layer >= 0 && layer < net->n_layers, 0);
  g_return_val_if_fail (k >= 1, 0);

  read = cnn_net_rectified_output (net, layer);
  shape = net->layers[read].out;
  channels = shape.c;
  positions = (gsize) shape.h * shape.w;

  /* the rows' values, [C][k], once per call: maxima may be NULL */
  values = g_new (float, (gsize) channels * k);
  for (int i = 0; i < channels * k; i++)
    {
      indices[i] = -1;
      values[i] = -INFINITY;
    }

  for (gsize s = 0; s < ds->n; s++)
    {
      const float *out;

      cnn_net_forward (net, ws, ds->x + s * CNN_INPUT_SIZE);
      out = cnn_workspace_output (ws, read);
      for (int c = 0; c < channels; c++)
        {
          int *row = indices + c * k;
          float *row_values = values + c * k;
          float best = -INFINITY;
          int at;

          for (gsize p = 0; p < positions; p++)
            best = MAX (best, out[p * channels + c]);
          if (isnan (best))
            continue;

          /* insertion into the sorted row: only a strictly greater value
           * passes another, so among equals the earlier sample stays first */
          at = k;
          while (at > 0 && (row[at - 1] < 0 || best > row_values[at - 1]))
            at--;
          if (at == k)
            continue;
          for (int j = k - 1; j > at; j--)
            {
              row[j] = row[j - 1];
              row_values[j] = row_values[j - 1];
            }
          row[at] = (int) s;
          row_values[at] = best;
        }
    }

  if (maxima != NULL)
    for (int i = 0; i < channels * k; i++)
      maxima[i] = values[i];
  return (int) MIN ((gsize) k, ds->n);
}

void
cnn_conv_kernel (const CnnNet *net,
                 const float  *blob,
                 int           layer,
                 int           filter,
                 int           channel,
                 float        *kernel)
{
  const CnnLayer *l;
  const float *w;

  g_return_if_fail (net != NULL && blob != NULL && kernel != NULL);
  g_return_if_fail (layer >= 0 && layer < net->n_layers);
  l = &net->layers[layer];
  g_return_if_fail (l->kind == CNN_LAYER_CONV);
  g_return_if_fail (filter >= 0 && filter < l->out.c && channel >= 0 && channel < l->in.c);

  w = blob + l->w_offset;
  for (int t = 0; t < l->k * l->k; t++)
    kernel[t] = w[((gsize) t * l->in.c + channel) * l->out.c + filter];
}

void
cnn_kernel_deltas (const CnnNet *net,
                   int           layer,
                   const float  *before,
                   const float  *after,
                   float        *norms)
{
  const CnnLayer *l;
  const float *a, *b;

  g_return_if_fail (net != NULL && before != NULL && after != NULL && norms != NULL);
  g_return_if_fail (layer >= 0 && layer < net->n_layers);
  l = &net->layers[layer];
  g_return_if_fail (l->kind == CNN_LAYER_CONV);

  a = before + l->w_offset;
  b = after + l->w_offset;
  for (int f = 0; f < l->out.c; f++)
    for (int c = 0; c < l->in.c; c++)
      {
        double sum = 0.0;

        for (int t = 0; t < l->k * l->k; t++)
          {
            gsize i = ((gsize) t * l->in.c + c) * l->out.c + f;
            double d = (double) b[i] - a[i];

            sum += d * d;
          }
        norms[f * l->in.c + c] = (float) sqrt (sum);
      }
}
