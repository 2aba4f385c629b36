/* cnn-optimizer.c — one flat loop over the parameter blob per step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cnn-optimizer.h"

#include <math.h>
#include <string.h>

#include "cnn-net.h"
#include "cnn-simd.h"

CnnOptimizer *
cnn_optimizer_new (CnnOptimizerKind kind,
                   float            lr,
                   float            weight_decay,
                   gsize            n)
{
  CnnOptimizer *opt = g_new0 (CnnOptimizer, 1);

  opt->kind = kind;
  opt->lr = lr;
  opt->momentum = 0.9f;
  opt->beta1 = 0.9f;
  opt->beta2 = 0.999f;
  opt->eps = 1e-8f;
  opt->weight_decay = weight_decay;
  opt->n = n;
  opt->m = cnn_blob_new (n);
  opt->v = cnn_blob_new (n);
  return opt;
}

void
cnn_optimizer_free (CnnOptimizer *opt)
{
  if (opt == NULL)
    return;
  cnn_blob_free (opt->m);
  cnn_blob_free (opt->v);
  g_free (opt);
}

void
cnn_optimizer_reset (CnnOptimizer *opt)
{
  g_return_if_fail (opt != NULL);

  opt->t = 0;
  memset (opt->m, 0, sizeof (float) * opt->n);
  memset (opt->v, 0, sizeof (float) * opt->n);
}

CNN_HOT static void
sgd_step (gsize n, float lr, float mu, float wd, float scale,
          float *restrict p, const float *restrict g, float *restrict m)
{
  for (gsize i = 0; i < n; i++)
    {
      float gi = g[i] * scale + wd * p[i];

      m[i] = mu * m[i] + gi;
      p[i] -= lr * m[i];
    }
}

CNN_HOT static void
adam_step (gsize n, float lr_t, float b1, float b2, float eps, float wd, float scale,
           float *restrict p, const float *restrict g, float *restrict m, float *restrict v)
{
  for (gsize i = 0; i < n; i++)
    {
      float gi = g[i] * scale + wd * p[i];

      m[i] = b1 * m[i] + (1.0f - b1) * gi;
      v[i] = b2 * v[i] + (1.0f - b2) * gi * gi;
      p[i] -= lr_t * m[i] / (sqrtf (v[i]) + eps);
    }
}

void
cnn_optimizer_step (CnnOptimizer *opt,
                    float        *params,
                    const float  *grads,
                    float         grad_scale)
{
  g_return_if_fail (opt != NULL && params != NULL && grads != NULL);

  opt->t++;
  switch (opt->kind)
    {
    case CNN_OPTIMIZER_SGD:
      sgd_step (opt->n, opt->lr, opt->momentum, opt->weight_decay, grad_scale,
                params, grads, opt->m);
      break;
    case CNN_OPTIMIZER_ADAM:
      {
        /* bias correction folded into the step size; eps is applied to the
         * uncorrected v, as in the Adam paper's efficient form */
        double c1 = 1.0 - pow (opt->beta1, (double) opt->t);
        double c2 = 1.0 - pow (opt->beta2, (double) opt->t);
        float lr_t = (float) (opt->lr * sqrt (c2) / c1);

        adam_step (opt->n, lr_t, opt->beta1, opt->beta2, opt->eps, opt->weight_decay,
                   grad_scale, params, grads, opt->m, opt->v);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
cnn_optimizer_kind_from_string (const char       *name,
                                CnnOptimizerKind *kind)
{
  g_return_val_if_fail (name != NULL && kind != NULL, FALSE);

  if (g_ascii_strcasecmp (name, "sgd") == 0)
    *kind = CNN_OPTIMIZER_SGD;
  else if (g_ascii_strcasecmp (name, "adam") == 0)
    *kind = CNN_OPTIMIZER_ADAM;
  else
    return FALSE;
  return TRUE;
}

const char *
cnn_optimizer_kind_to_string (CnnOptimizerKind kind)
{
  return kind == CNN_OPTIMIZER_SGD ? "sgd" : "adam";
}
