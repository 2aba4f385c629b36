/* cnn-invariance.c — shifted inputs through a network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cnn-invariance.h"

#include <math.h>
#include <string.h>

#include "cnn-augment.h"

void
cnn_invariance_grid (const CnnNet   *net,
                     CnnWorkspace   *ws,
                     const float    *input,
                     CnnShiftResult  results[CNN_N_SHIFTS])
{
  g_return_if_fail (net != NULL && ws != NULL && input != NULL && results != NULL);

  for (int i = 0; i < CNN_N_SHIFTS; i++)
    {
      CnnShiftResult *r = &results[i];
      const float *probs;

      r->dx = cnn_shift_dx (i);
      r->dy = cnn_shift_dy (i);
      cnn_shift_image (input, r->input, r->dx, r->dy);
      probs = cnn_net_forward (net, ws, r->input);
      r->predicted = cnn_argmax (probs, net->n_classes);
      r->confidence = r->predicted >= 0 ? probs[r->predicted] : 0.0f;
    }
}

void
cnn_shift_compare (const CnnNet *net,
                   CnnWorkspace *original,
                   CnnWorkspace *shifted,
                   const float  *input,
                   int           dx,
                   int           dy,
                   float        *change)
{
  float moved[CNN_INPUT_SIZE];

  g_return_if_fail (net != NULL && original != NULL && shifted != NULL && input != NULL);
  g_return_if_fail (original != shifted);
  g_return_if_fail (ABS (dx) <= CNN_INPUT_W && ABS (dy) <= CNN_INPUT_H);

  cnn_shift_image (input, moved, dx, dy);
  cnn_net_forward (net, original, input);
  cnn_net_forward (net, shifted, moved);
  if (change == NULL)
    return;

  for (int i = 0; i < net->n_layers; i++)
    {
      const float *a = cnn_workspace_output (original, i);
      const float *b = cnn_workspace_output (shifted, i);
      gsize n = cnn_shape_size (net->layers[i].out);
      double diff = 0.0, norm = 0.0;

      for (gsize j = 0; j < n; j++)
        {
          double d = (double) b[j] - a[j];

          diff += d * d;
          norm += (double) a[j] * a[j];
        }
      if (norm > 0.0)
        change[i] = (float) sqrt (diff / norm);
      else
        change[i] = diff > 0.0 ? INFINITY : 0.0f;
    }
}

void
cnn_invariance_accuracy (const CnnNet     *net,
                         CnnWorkspace     *ws,
                         const CnnDataset *ds,
                         double            accuracy[CNN_N_SHIFTS])
{
  g_autoptr(CnnWorkspace) own = NULL;
  gsize correct[CNN_N_SHIFTS] = { 0 };

  g_return_if_fail (net != NULL && ds != NULL && accuracy != NULL);

  if (ws == NULL)
    ws = own = cnn_workspace_new (net);

  for (gsize s = 0; s < ds->n; s++)
    {
      const float *x = ds->x + s * CNN_INPUT_SIZE;

      for (int i = 0; i < CNN_N_SHIFTS; i++)
        {
          float moved[CNN_INPUT_SIZE];

          cnn_shift_image (x, moved, cnn_shift_dx (i), cnn_shift_dy (i));
          correct[i] += cnn_argmax (cnn_net_forward (net, ws, moved), net->n_classes) == ds->y[s];
        }
    }
  for (int i = 0; i < CNN_N_SHIFTS; i++)
    accuracy[i] = ds->n > 0 ? (double) correct[i] / (double) ds->n : 0.0;
}
