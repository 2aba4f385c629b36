/* cnn-classic.c — the classic filter bank, matching, and the frozen-bank run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cnn-classic.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cnn-error.h"

static const char *const ids[CNN_CLASSIC_N] = {
  "sobel-x", "sobel-y", "prewitt-x", "prewitt-y", "laplacian", "box", "sharpen",
  "gabor-0", "gabor-45", "gabor-90", "gabor-135", "identity",
};

/* [filter][ky][kx]; cnn-classic.h says what each is and where the Gabor
 * numbers come from (tests/test-classic.c recomputes them) */
static const float bank[CNN_CLASSIC_N][CNN_CLASSIC_TAPS] = {
  { -1,  0,  1,  -2,  0,  2,  -1,  0,  1 },   /* sobel-x */
  { -1, -2, -1,   0,  0,  0,   1,  2,  1 },   /* sobel-y */
  { -1,  0,  1,  -1,  0,  1,  -1,  0,  1 },   /* prewitt-x */
  { -1, -1, -1,   0,  0,  0,   1,  1,  1 },   /* prewitt-y */
  {  0,  1,  0,   1, -4,  1,   0,  1,  0 },   /* laplacian */
  { 1.0f / 9, 1.0f / 9, 1.0f / 9, 1.0f / 9, 1.0f / 9, 1.0f / 9,
    1.0f / 9, 1.0f / 9, 1.0f / 9 },           /* box */
  {  0, -1,  0,  -1,  5, -1,   0, -1,  0 },   /* sharpen */
  { -0.2880f,  0.5413f, -0.2880f,
    -0.4326f,  0.9348f, -0.4326f,
    -0.2880f,  0.5413f, -0.2880f },           /* gabor-0: a vertical line */
  {  0.2568f, -0.1111f, -0.4790f,
    -0.1111f,  0.8889f, -0.1111f,
    -0.4790f, -0.1111f,  0.2568f },           /* gabor-45: a “\” line */
  { -0.2880f, -0.4326f, -0.2880f,
     0.5413f,  0.9348f,  0.5413f,
    -0.2880f, -0.4326f, -0.2880f },           /* gabor-90: a horizontal line */
  { -0.4790f, -0.1111f,  0.2568f,
    -0.1111f,  0.8889f, -0.1111f,
     0.2568f, -0.1111f, -0.4790f },           /* gabor-135: a “/” line */
  {  0,  0,  0,   0,  1,  0,   0,  0,  0 },   /* identity */
};

const char *
cnn_classic_id (int index)
{
  g_return_val_if_fail (index >= 0 && index < CNN_CLASSIC_N, NULL);
  return ids[index];
}

int
cnn_classic_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, -1);

  for (int i = 0; i < CNN_CLASSIC_N; i++)
    if (g_str_equal (id, ids[i]))
      return i;
  return -1;
}

const float *
cnn_classic_kernel (int index)
{
  g_return_val_if_fail (index >= 0 && index < CNN_CLASSIC_N, NULL);
  return bank[index];
}

double
cnn_kernel_cosine (const float *a,
                   const float *b,
                   int          n)
{
  double ab = 0.0, aa = 0.0, bb = 0.0;

  g_return_val_if_fail (a != NULL && b != NULL && n >= 0, 0.0);

  for (int i = 0; i < n; i++)
    {
      ab += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
  if (aa == 0.0 || bb == 0.0)
    return 0.0;
  /* rounding may leave |cos| a hair above 1 for parallel kernels */
  return CLAMP (ab / sqrt (aa * bb), -1.0, 1.0);
}

int
cnn_classic_match (const float *kernel,
                   double      *similarity)
{
  int best = -1;
  double best_cos = 0.0;

  g_return_val_if_fail (kernel != NULL, -1);

  for (int i = 0; i < CNN_CLASSIC_N; i++)
    {
      double c = cnn_kernel_cosine (kernel, bank[i], CNN_CLASSIC_TAPS);

      /* strictly greater: the first of equals wins */
      if (fabs (c) > fabs (best_cos))
        {
          best = i;
          best_cos = c;
        }
    }
  if (similarity != NULL)
    *similarity = best_cos;
  return best;
}

CnnShape
cnn_classic_maps_shape (int pad)
{
  int side = CNN_INPUT_H + 2 * pad - CNN_CLASSIC_SIZE + 1;

  g_return_val_if_fail (pad >= 0 && pad <= 1, ((CnnShape) { 0, 0, 0 }));
  return (CnnShape) { side, side, CNN_CLASSIC_N };
}

void
cnn_classic_feature_maps (const float *input,
                          int          pad,
                          float       *out)
{
  CnnShape shape;

  g_return_if_fail (input != NULL && out != NULL);
  g_return_if_fail (pad >= 0 && pad <= 1);

  shape = cnn_classic_maps_shape (pad);
  /* for display: 8·8·12·9 multiply-adds, no need for the layer's im2col */
  for (int y = 0; y < shape.h; y++)
    for (int x = 0; x < shape.w; x++)
      {
        float patch[CNN_CLASSIC_TAPS];
        float *o = out + ((gsize) y * shape.w + x) * CNN_CLASSIC_N;

        for (int ky = 0; ky < CNN_CLASSIC_SIZE; ky++)
          for (int kx = 0; kx < CNN_CLASSIC_SIZE; kx++)
            {
              int iy = y + ky - pad, ix = x + kx - pad;
              gboolean inside = iy >= 0 && iy < CNN_INPUT_H && ix >= 0 && ix < CNN_INPUT_W;

              patch[ky * CNN_CLASSIC_SIZE + kx] = inside ? input[iy * CNN_INPUT_W + ix] : 0.0f;
            }
        for (int f = 0; f < CNN_CLASSIC_N; f++)
          {
            float sum = 0.0f;

            for (int t = 0; t < CNN_CLASSIC_TAPS; t++)
              sum += bank[f][t] * patch[t];
            o[f] = sum;
          }
      }
}

/* ---- the frozen-bank experiment ----------------------------------------- */

gboolean
cnn_classic_available (const CnnNet  *net,
                       GError       **error)
{
  const CnnLayer *l;

  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  l = &net->layers[0];
  if (l->kind != CNN_LAYER_CONV)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                   _("The network does not start with a convolution, so there is no first "
                     "layer of filters to compare with the classic 3×3 ones"));
      return FALSE;
    }
  if (l->k != CNN_CLASSIC_SIZE || l->in.c != 1)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                   _("The first layer's filters are %d×%d, but the classic filters are 3×3 "
                     "kernels on the drawing"),
                   l->k, l->k);
      return FALSE;
    }
  return TRUE;
}

char *
cnn_classic_variant_spec (const CnnNet  *net,
                          GError       **error)
{
  g_auto(GStrv) tokens = NULL;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cnn_classic_available (net, error))
    return NULL;

  /* the normalised spec has one token per layer, one space apart, so
   * token 0 is layer 0 */
  tokens = g_strsplit (net->spec, " ", -1);
  g_free (tokens[0]);
  tokens[0] = g_strdup_printf ("conv3x3x%d%s", CNN_CLASSIC_N,
                               net->layers[0].pad == 0 ? "-valid" : "");
  return g_strjoinv (" ", tokens);
}

CnnNet *
cnn_classic_variant_new (const CnnNet  *net,
                         GError       **error)
{
  g_autofree char *spec = cnn_classic_variant_spec (net, error);

  if (spec == NULL)
    return NULL;
  return cnn_net_new (spec, error);
}

void
cnn_classic_set_bank (CnnNet *net,
                      int     layer)
{
  const CnnLayer *l;
  float *w;

  g_return_if_fail (net != NULL && layer >= 0 && layer < net->n_layers);
  l = &net->layers[layer];
  g_return_if_fail (l->kind == CNN_LAYER_CONV && l->k == CNN_CLASSIC_SIZE
                    && l->in.c == 1 && l->out.c == CNN_CLASSIC_N);

  /* weights [ky][kx][c_in = 1][c_out = 12]: tap t of filter f at t·12 + f */
  w = cnn_net_layer_weights (net, net->params, layer);
  for (int t = 0; t < CNN_CLASSIC_TAPS; t++)
    for (int f = 0; f < CNN_CLASSIC_N; f++)
      w[t * CNN_CLASSIC_N + f] = bank[f][t];
}

typedef struct {
  CnnClassicProgressFunc func;
  gpointer               user_data;
  int                    run;
  int                    epochs;
} ProgressRelay;

/* One run of the experiment: cnn_train's loop, with the freeze and the
 * experiment's progress. */
static gboolean
train_run (CnnNet               *net,
           gboolean              frozen,
           const CnnDataset     *train,
           const CnnDataset     *test,
           const CnnTrainConfig *config,
           const ProgressRelay  *relay,
           GCancellable         *cancellable,
           double               *accuracy,
           GError              **error)
{
  g_autoptr(CnnTrainer) trainer = cnn_trainer_new (net, train, test, config, error);

  if (trainer == NULL)
    return FALSE;
  if (frozen)
    cnn_trainer_freeze (trainer, net->layers[0].w_offset, net->layers[0].n_weights);

  while (!cnn_trainer_finished (trainer))
    {
      CnnTrainProgress p;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!cnn_trainer_step (trainer, &p, error))
        return FALSE;
      if (p.epoch_done && relay->func != NULL)
        {
          CnnClassicProgress cp = {
            .run = relay->run,
            .epoch = p.epoch,
            .epochs = relay->epochs,
            .fraction = (relay->run * relay->epochs + p.epoch) / (2.0 * relay->epochs),
            .test_accuracy = p.test_accuracy,
          };

          relay->func (&cp, relay->user_data);
        }
    }
  /* the temperature does not change which class wins: no need to fit it */
  *accuracy = cnn_accuracy (net, NULL, test);
  return TRUE;
}

gboolean
cnn_classic_experiment (const CnnNet           *net,
                        const CnnDataset       *train,
                        const CnnDataset       *test,
                        const CnnTrainConfig   *config,
                        CnnClassicProgressFunc  progress,
                        gpointer                user_data,
                        GCancellable           *cancellable,
                        CnnClassicResult       *result,
                        GError                **error)
{
  g_autoptr(CnnNet) frozen = NULL;
  g_autoptr(CnnNet) learned = NULL;
  ProgressRelay relay = { progress, user_data, 0, config != NULL ? config->epochs : 0 };
  CnnRng rng;
  double frozen_accuracy, learned_accuracy;

  g_return_val_if_fail (net != NULL && train != NULL && test != NULL, FALSE);
  g_return_val_if_fail (config != NULL && result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  frozen = cnn_classic_variant_new (net, error);
  if (frozen == NULL)
    return FALSE;
  if (test->n == 0)
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_DATA, "there are no test samples");
      return FALSE;
    }

  /* both runs from the same start; the frozen one's first layer is then
   * the bank */
  cnn_rng_init (&rng, config->seed);
  cnn_net_init_weights (frozen, &rng);
  learned = cnn_net_copy (frozen);
  cnn_classic_set_bank (frozen, 0);

  relay.run = 0;
  if (!train_run (frozen, TRUE, train, test, config, &relay, cancellable, &frozen_accuracy, error))
    return FALSE;
  relay.run = 1;
  if (!train_run (learned, FALSE, train, test, config, &relay, cancellable, &learned_accuracy, error))
    return FALSE;

  result->frozen_accuracy = frozen_accuracy;
  result->learned_accuracy = learned_accuracy;
  return TRUE;
}
