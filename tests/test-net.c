/* test-net.c — specs, shapes, initialisation and whole-network gradients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cnn.h"
#include "gradcheck.h"

static void
test_spec_digits_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = cnn_net_new (CNN_SPEC_DIGITS, &error);
  static const char *captions[] = {
    "conv 3×3, 8 filters → 8×8×8",
    "ReLU → 8×8×8",
    "max-pool 2×2 → 4×4×8",
    "conv 3×3, 16 filters → 4×4×16",
    "ReLU → 4×4×16",
    "max-pool 2×2 → 2×2×16",
    "flatten → 64",
    "dense → 10",
    "softmax → 10",
  };

  g_assert_no_error (error);
  g_assert_cmpint (net->n_layers, ==, G_N_ELEMENTS (captions));
  for (int i = 0; i < net->n_layers; i++)
    {
      g_autofree char *caption = cnn_net_describe_layer (net, i);
      g_assert_cmpstr (caption, ==, captions[i]);
    }
  g_assert_cmpint (net->n_classes, ==, 10);
  /* 8·9 + 8, 16·72 + 16, 64·10 + 10 */
  g_assert_cmpuint (net->n_params, ==, 80 + 1168 + 650);
  g_assert_cmpstr (net->spec, ==, CNN_SPEC_DIGITS);
}

static void
test_spec_zero_or_one_shapes (void)
{
  g_autoptr(CnnNet) net = cnn_net_new (CNN_SPEC_ZERO_OR_ONE, NULL);
  g_autofree char *c0 = cnn_net_describe_layer (net, 0);
  g_autofree char *c2 = cnn_net_describe_layer (net, 2);
  g_autofree char *c3 = cnn_net_describe_layer (net, 3);

  g_assert_cmpstr (c0, ==, "conv 3×3 valid, 4 filters → 6×6×4");
  g_assert_cmpstr (c2, ==, "max-pool 2×2 → 3×3×4");
  g_assert_cmpstr (c3, ==, "flatten → 36");
  g_assert_cmpint (net->n_classes, ==, 2);
  g_assert_cmpuint (net->n_params, ==, 40 + 74);
}

static void
test_spec_normalised (void)
{
  /* case, extra blanks, a missing softmax and explicit -same all normalise */
  g_autoptr(CnnNet) net = cnn_net_new ("  CONV3x3x8-same  relu\tPool2 dense10 ", NULL);

  g_assert_nonnull (net);
  g_assert_cmpstr (net->spec, ==, "conv3x3x8 relu pool2 dense10 softmax");
  g_assert_cmpint (net->layers[3].in.c, ==, 8);
  g_assert_cmpint (net->layers[3].n_weights, ==, 4 * 4 * 8 * 10);
}

static void
test_spec_errors (void)
{
  static const struct { const char *spec; const char *message_part; } cases[] = {
    { "", "empty" },
    { "conv3x3 dense10", "“conv3x3”" },
    { "conv3x5x8 dense10", "square" },
    { "conv4x4x8 dense10", "odd" },
    { "conv3x3x0 dense10", "filters" },
    { "conv3x3x8 pool2 pool2 pool2 pool2 dense10", "2×2 input" },
    { "conv9x9x8-valid dense10", "kernel" },
    { "conv3x3x8 relu", "dense" },
    { "conv3x3x8 dense1", "at least 2" },
    { "conv3x3x8 softmax dense10", "softmax must be the last" },
    { "conv3x3x8 tanh dense10", "unknown layer “tanh”" },
    { "dense10 conv3x3x8 dense10", "cannot follow" },
    { "densex", "dense<N>" },
    { "conv3x3x8-full dense10", "-same or -valid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      g_autoptr(CnnNet) net = cnn_net_new (cases[i].spec, &error);

      g_assert_null (net);
      g_assert_error (error, CNN_ERROR, CNN_ERROR_SPEC);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("spec “%s”: message “%s” lacks “%s”", cases[i].spec, error->message,
                 cases[i].message_part);
      g_assert_false (cnn_spec_validate (cases[i].spec, &error2));
      g_assert_error (error2, CNN_ERROR, CNN_ERROR_SPEC);
    }
  g_assert_true (cnn_spec_validate (CNN_SPEC_DIGITS, NULL));
}

static void
test_init_he (void)
{
  g_autoptr(CnnNet) a = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autoptr(CnnNet) b = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autoptr(CnnNet) c = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  CnnRng ra, rb, rc;
  const CnnLayer *conv2 = &a->layers[3];
  double sum2 = 0.0;

  cnn_rng_init (&ra, 99);
  cnn_rng_init (&rb, 99);
  cnn_rng_init (&rc, 100);
  cnn_net_init_weights (a, &ra);
  cnn_net_init_weights (b, &rb);
  cnn_net_init_weights (c, &rc);
  g_assert_cmpmem (a->params, a->n_params * 4, b->params, b->n_params * 4);
  g_assert_true (memcmp (a->params, c->params, a->n_params * 4) != 0);

  /* conv2 has fan-in 72: std √(2/72) = 0.1667 */
  for (gsize i = 0; i < conv2->n_weights; i++)
    sum2 += a->params[conv2->w_offset + i] * a->params[conv2->w_offset + i];
  g_assert_cmpfloat (fabs (sqrt (sum2 / conv2->n_weights) - sqrt (2.0 / 72)), <, 0.015);
  for (gsize i = 0; i < conv2->n_bias; i++)
    g_assert_cmpfloat (a->params[conv2->b_offset + i], ==, 0.0f);
}

typedef struct {
  CnnNet *net;
  CnnWorkspace *ws;
  float *input;
  int label;
} NetCase;

static double
net_loss (gpointer data)
{
  NetCase *c = data;
  const float *probs = cnn_net_forward (c->net, c->ws, c->input);

  return -log (probs[c->label]);
}

static void
check_network_gradients (const char *spec, guint32 seed)
{
  g_autoptr(CnnNet) net = cnn_net_new (spec, NULL);
  g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree float *grads = cnn_blob_new (net->n_params);
  float input[CNN_INPUT_SIZE], input_grad[CNN_INPUT_SIZE];
  NetCase c = { net, ws, input, (int) (seed % net->n_classes) };
  CnnRng rng;
  float loss;

  cnn_rng_init (&rng, seed);
  cnn_net_init_weights (net, &rng);
  /* non-zero biases so ReLUs are not all on the same side of their kink */
  for (int i = 0; i < net->n_layers; i++)
    fill_random (rand, net->params + net->layers[i].b_offset, net->layers[i].n_bias, -0.3, 0.3);
  fill_random (rand, input, CNN_INPUT_SIZE, 0, 1);

  cnn_net_forward (net, ws, input);
  loss = cnn_net_backward (net, ws, c.label, grads, TRUE);
  g_assert_cmpfloat_with_epsilon (loss, net_loss (&c), 1e-5);
  memcpy (input_grad, cnn_workspace_input_grad (ws), sizeof input_grad);

  gradcheck (spec, net->params, grads, net->n_params, net_loss, &c);
  gradcheck ("input", input, input_grad, CNN_INPUT_SIZE, net_loss, &c);
  cnn_blob_free (g_steal_pointer (&grads));
}

static void
test_network_gradients (void)
{
  check_network_gradients (CNN_SPEC_DIGITS, 3);
  check_network_gradients (CNN_SPEC_ZERO_OR_ONE, 4);
  check_network_gradients ("conv3x3x4 relu pool2 flatten dense16 relu dense10", 5);
  check_network_gradients ("conv5x5x6-valid relu conv3x3x12 relu pool2 dense3", 6);
}

static void
test_backward_from_logits_and_layer_grads (void)
{
  g_autoptr(CnnNet) net = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
  float input[CNN_INPUT_SIZE], dlogits[10] = { 0 };
  CnnRng rng;

  cnn_rng_init (&rng, 8);
  cnn_net_init_weights (net, &rng);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    input[i] = cnn_rng_uniform (&rng);

  /* a one-hot dlogits = the saliency of that class's score: without
   * parameter gradients it still reaches the input */
  cnn_net_forward (net, ws, input);
  dlogits[4] = 1.0f;
  cnn_net_backward_from_logits (net, ws, dlogits, NULL, TRUE);
  {
    double norm = 0;
    for (int i = 0; i < CNN_INPUT_SIZE; i++)
      norm += fabs (cnn_workspace_input_grad (ws)[i]);
    g_assert_cmpfloat (norm, >, 0.0);
  }
  /* every layer but the softmax exposes dL/d(output) of its shape */
  for (int i = 0; i < net->n_layers - 1; i++)
    g_assert_nonnull (cnn_workspace_output_grad (ws, i));
  g_assert_null (cnn_workspace_output_grad (ws, net->n_layers - 1));
  g_assert_cmpfloat (cnn_workspace_output_grad (ws, net->n_layers - 2)[4], ==, 1.0f);
}

static void
test_forward_probabilities_and_copy (void)
{
  g_autoptr(CnnNet) net = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autoptr(CnnNet) copy = NULL;
  g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
  g_autoptr(CnnWorkspace) ws2 = NULL;
  float input[CNN_INPUT_SIZE], first[10];
  const float *probs;
  double sum = 0;
  CnnRng rng;

  cnn_rng_init (&rng, 12);
  cnn_net_init_weights (net, &rng);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    input[i] = cnn_rng_uniform (&rng);
  probs = cnn_net_forward (net, ws, input);
  for (int i = 0; i < 10; i++)
    {
      g_assert_cmpfloat (probs[i], >, 0.0f);
      sum += probs[i];
    }
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-5);
  memcpy (first, probs, sizeof first);

  /* a copy computes the same, bit for bit, in a workspace of its own */
  copy = cnn_net_copy (net);
  ws2 = cnn_workspace_new (copy);
  g_assert_true (cnn_net_same_shape (net, copy));
  g_assert_cmpmem (cnn_net_forward (copy, ws2, input), sizeof first, first, sizeof first);
  /* the activations of the first conv are its shape: 8×8×8 */
  g_assert_nonnull (cnn_workspace_output (ws2, 0));
  g_assert_cmpmem (cnn_workspace_input (ws2), sizeof input, input, sizeof input);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/net/spec/digits-shapes", test_spec_digits_shapes);
  g_test_add_func ("/net/spec/zero-or-one-shapes", test_spec_zero_or_one_shapes);
  g_test_add_func ("/net/spec/normalised", test_spec_normalised);
  g_test_add_func ("/net/spec/errors", test_spec_errors);
  g_test_add_func ("/net/init/he", test_init_he);
  g_test_add_func ("/net/gradients", test_network_gradients);
  g_test_add_func ("/net/backward-from-logits", test_backward_from_logits_and_layer_grads);
  g_test_add_func ("/net/forward/probabilities-and-copy", test_forward_probabilities_and_copy);
  return g_test_run ();
}
