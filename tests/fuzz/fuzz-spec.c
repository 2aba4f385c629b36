/* fuzz-spec.c — libFuzzer target: the network spec parser, and the
 * network it builds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a spec. Whatever it is: cnn_spec_measure and cnn_net_new
 * agree (the same error, or the same size); an accepted spec's normalised
 * form parses again to itself with the same layers and parameters (the
 * round trip whose failure made cnn_net_copy abort); the network copies,
 * and — when it is small enough to run quickly — takes one forward pass,
 * one backward pass and one Adam step with finite numbers out.
 */
#include "fuzz-common.h"

#include <math.h>

/* multiply-adds of one forward pass */
static guint64
forward_cost (const CnnNet *net)
{
  guint64 cost = 0;

  for (int i = 0; i < net->n_layers; i++)
    {
      const CnnLayer *l = &net->layers[i];

      cost += l->kind == CNN_LAYER_CONV ? (guint64) l->n_weights * l->out.h * l->out.w
                                        : l->n_weights;
    }
  return cost;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *spec = g_strndup ((const char *) data, size);
  g_autoptr(GError) measure_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = NULL;
  CnnSpecSize measured;
  gboolean ok;

  ok = cnn_spec_measure (spec, &measured, &measure_error);
  net = cnn_net_new (spec, &error);
  g_assert ((net == NULL) != (error == NULL));
  g_assert (ok == (net != NULL));
  g_assert (ok == cnn_spec_validate (spec, NULL));
  if (net == NULL)
    {
      fuzz_check_error (error);
      g_assert (error->domain == CNN_ERROR && error->code == CNN_ERROR_SPEC);
      g_assert (g_str_equal (error->message, measure_error->message));
      return 0;
    }

  g_assert (measured.n_layers == net->n_layers);
  g_assert (measured.n_params == net->n_params);
  g_assert (net->n_layers <= CNN_LIMIT_LAYERS);
  g_assert (net->n_params <= CNN_LIMIT_PARAMS);
  g_assert (measured.n_activations <= CNN_LIMIT_ACTIVATIONS);
  g_assert (net->layers[net->n_layers - 1].kind == CNN_LAYER_SOFTMAX);

  /* parse → normalise → parse: a fixed point. cnn_net_copy() is that
   * round trip (it builds from net->spec), and it aborted on a spec whose
   * normalised form the parser refused. */
  {
    g_autoptr(CnnNet) copy = cnn_net_copy (net);

    g_assert (g_str_equal (copy->spec, net->spec));
    g_assert (cnn_net_same_shape (net, copy));
    g_assert (copy->n_layers == net->n_layers && copy->n_classes == net->n_classes);
    for (int i = 0; i < net->n_layers; i++)
      {
        g_autofree char *a = cnn_net_describe_layer (net, i);
        g_autofree char *b = cnn_net_describe_layer (copy, i);

        g_assert (g_str_equal (a, b));
        g_assert (memcmp (&net->layers[i].out, &copy->layers[i].out, sizeof (CnnShape)) == 0);
      }
  }

  /* 4 M multiply-adds: about a millisecond; the largest networks the
   * limits allow take a second a pass under ASan, which would starve the
   * fuzzer of executions without reaching new code */
  if (forward_cost (net) <= 4u << 20)
    {
      g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
      g_autoptr(CnnOptimizer) opt = cnn_optimizer_new (CNN_OPTIMIZER_ADAM, 0.01f, 0.0f,
                                                       net->n_params);
      float *grads = cnn_blob_new (net->n_params);
      float input[CNN_INPUT_SIZE];
      const float *probs;
      float loss, sum = 0.0f;
      CnnRng rng;

      cnn_rng_init (&rng, size);
      cnn_net_init_weights (net, &rng);
      for (int i = 0; i < CNN_INPUT_SIZE; i++)
        input[i] = (float) data[i % MAX (size, 1)] / 255.0f;

      probs = cnn_net_forward (net, ws, input);
      for (int c = 0; c < net->n_classes; c++)
        {
          g_assert (probs[c] >= 0.0f && probs[c] <= 1.0f);
          sum += probs[c];
        }
      g_assert (fabsf (sum - 1.0f) < 1e-3f);
      loss = cnn_net_backward (net, ws, (int) (size % net->n_classes), grads, TRUE);
      g_assert (isfinite (loss) && loss >= 0.0f);
      cnn_optimizer_step (opt, net->params, grads, 1.0f);
      for (gsize i = 0; i < net->n_params; i++)
        g_assert (isfinite (net->params[i]));
      cnn_blob_free (grads);
    }
  return 0;
}
