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

static char *
repeat_token (const char *token,
              int         n,
              const char *tail)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    g_string_append_printf (s, "%s ", token);
  g_string_append (s, tail);
  return g_string_free (s, FALSE);
}

static void
assert_spec_refused (const char *spec,
                     const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(CnnNet) net = cnn_net_new (spec, &error);
  CnnSpecSize size = { -1, 0, 0 };

  g_assert_null (net);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_SPEC);
  if (strstr (error->message, message_part) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, message_part);
  /* the message quotes no more than the limit allows, however long the
   * spec (the longest fixed text of a message is under 120 characters) */
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, CNN_LIMIT_QUOTE_CHARS + 120);
  g_assert_false (cnn_spec_measure (spec, &size, &error2));
  g_assert_error (error2, CNN_ERROR, CNN_ERROR_SPEC);
  g_assert_cmpstr (error2->message, ==, error->message);
  g_assert_cmpint (size.n_layers, ==, -1);
}

/* An accepted spec builds, its size is what cnn_spec_measure said, its
 * normalised spec parses to itself, and the net copies. */
static void
assert_spec_accepted (const char *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = cnn_net_new (spec, &error);
  g_autoptr(CnnNet) again = NULL;
  g_autoptr(CnnNet) copy = NULL;
  CnnSpecSize size;

  g_assert_no_error (error);
  g_assert_cmpint (net->n_layers, <=, CNN_LIMIT_LAYERS);
  g_assert_cmpuint (net->n_params, <=, CNN_LIMIT_PARAMS);
  g_assert_true (cnn_spec_measure (spec, &size, &error));
  g_assert_cmpint (size.n_layers, ==, net->n_layers);
  g_assert_cmpuint (size.n_params, ==, net->n_params);
  g_assert_cmpuint (size.n_activations, <=, CNN_LIMIT_ACTIVATIONS);

  again = cnn_net_new (net->spec, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->spec, ==, net->spec);
  g_assert_cmpint (again->n_layers, ==, net->n_layers);

  net->params[net->n_params - 1] = 0.5f;
  copy = cnn_net_copy (net);
  g_assert_true (cnn_net_same_shape (net, copy));
  g_assert_cmpfloat (copy->params[net->n_params - 1], ==, 0.5f);
}

/* Issue 12, case 1: 63 × relu then dense10 is 65 layers once the softmax
 * is appended; it used to build, and its own normalised spec (which the
 * parser refused) made cnn_net_copy abort. */
static void
test_spec_layer_limit (void)
{
  g_autofree char *relu63 = repeat_token ("relu", CNN_LIMIT_LAYERS - 1, "dense10");
  g_autofree char *relu62 = repeat_token ("relu", CNN_LIMIT_LAYERS - 2, "dense10");
  g_autofree char *relu62_softmax = repeat_token ("relu", CNN_LIMIT_LAYERS - 2, "dense10 softmax");
  g_autofree char *relu63_softmax = repeat_token ("relu", CNN_LIMIT_LAYERS - 1, "dense10 softmax");
  g_autoptr(CnnNet) net = NULL;

  assert_spec_refused (relu63, "softmax after them");
  assert_spec_refused (relu63_softmax, "at most 64");
  assert_spec_accepted (relu62);
  assert_spec_accepted (relu62_softmax);
  net = cnn_net_new (relu62, NULL);
  g_assert_cmpint (net->n_layers, ==, CNN_LIMIT_LAYERS);
}

/* Issue 12: the per-layer limits do not bound the network — 62 ×
 * conv7x7x256 then dense10 (196 M weights) used to be accepted. */
static void
test_spec_size_limits (void)
{
  g_autofree char *conv62 = repeat_token ("conv7x7x256", 62, "dense10");
  /* few weights, but 802,816 im2col floats each */
  g_autofree char *wide_cols = repeat_token ("conv7x7x256 conv7x7x1", 8, "dense10");
  g_autofree char *limit_str = g_strdup_printf ("%" G_GSIZE_FORMAT, CNN_LIMIT_PARAMS);

  assert_spec_refused (conv62, "(layer 3)");
  assert_spec_refused (conv62, limit_str);
  assert_spec_refused (wide_cols, "the values one pass keeps");
  /* 4,096 outputs is within the per-layer limit; two of them are not */
  assert_spec_refused ("dense4096 dense4096 dense10", "weights and biases");

  /* just under the limits: 64·4096 + 4096 + 4096·958 + 958 = 4,191,166 */
  assert_spec_accepted ("dense4096 dense958");
  assert_spec_accepted ("conv7x7x256 conv7x7x64 dense10");
  assert_spec_accepted (CNN_SPEC_DIGITS);
  assert_spec_accepted (CNN_SPEC_ZERO_OR_ONE);
}

/* Issue 12: spec errors quoted a whole 1 MB token. */
static void
test_spec_text_limits (void)
{
  g_autofree char *huge = g_strnfill (1 << 20, 'a');
  g_autofree char *long_token = g_strnfill (CNN_LIMIT_SPEC_BYTES - 100, 'a');
  g_autofree char *long_dense = g_strconcat ("dense", long_token, NULL);
  g_autofree char *zeros = g_strnfill (CNN_LIMIT_TOKEN_BYTES - 7, '0');
  g_autofree char *padded = g_strconcat ("dense", zeros, "10", NULL);
  g_autofree char *spaces = g_strnfill (CNN_LIMIT_SPEC_BYTES, ' ');
  g_autofree char *long_spec = g_strconcat (spaces, "dense10", NULL);
  g_autofree char *fits = g_strconcat (spaces + 8, "dense10", NULL);
  /* a token of 45 two-byte characters: quoted cut at a character */
  g_autoptr(GString) umlauts = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = NULL;

  assert_spec_refused (long_token, "limit for one layer");
  assert_spec_refused (long_dense, "…");
  assert_spec_refused (long_spec, "longer than");
  assert_spec_refused (huge, "longer than");
  assert_spec_accepted (fits);
  /* exactly the token limit, leading zeros and all, is fine */
  assert_spec_accepted (padded);

  for (int i = 0; i < 45; i++)
    g_string_append (umlauts, "ä");
  net = cnn_net_new (umlauts->str, &error);
  g_assert_null (net);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "ää…"));
  g_assert_null (strstr (error->message, umlauts->str));
}

static void
test_limits_quote (void)
{
  g_autofree char *short_q = cnn_limits_quote ("conv3x3", -1);
  g_autofree char *exact = g_strnfill (CNN_LIMIT_QUOTE_CHARS, 'x');
  g_autofree char *exact_q = cnn_limits_quote (exact, -1);
  g_autofree char *longer = g_strnfill (CNN_LIMIT_QUOTE_CHARS + 1, 'x');
  g_autofree char *longer_q = cnn_limits_quote (longer, -1);
  g_autofree char *bad_q = cnn_limits_quote ("a\xff" "b", 3);
  g_autofree char *len_q = cnn_limits_quote ("abcdef", 3);
  g_autofree char *null_q = cnn_limits_quote (NULL, 0);

  g_assert_cmpstr (short_q, ==, "conv3x3");
  g_assert_cmpstr (exact_q, ==, exact);
  g_assert_cmpint (g_utf8_strlen (longer_q, -1), ==, CNN_LIMIT_QUOTE_CHARS);
  g_assert_true (g_str_has_suffix (longer_q, "…"));
  g_assert_true (g_utf8_validate (bad_q, -1, NULL));
  g_assert_cmpstr (len_q, ==, "abc");
  g_assert_cmpstr (null_q, ==, "");
}

static void
test_blob_try_new (void)
{
  g_autoptr(GError) error = NULL;
  float *blob = cnn_blob_try_new (1000, &error);

  g_assert_no_error (error);
  g_assert_nonnull (blob);
  g_assert_cmpuint ((guintptr) blob % 64, ==, 0);
  g_assert_cmpfloat (blob[999], ==, 0.0f);
  cnn_blob_free (blob);

  /* a size no machine has: an error, not an abort */
  blob = cnn_blob_try_new (G_MAXSIZE / 2, &error);
  g_assert_null (blob);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_NO_MEMORY);
  g_clear_error (&error);
  blob = cnn_blob_try_new (G_MAXSIZE / 8, &error);
  g_assert_null (blob);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_NO_MEMORY);
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
  /* from a seed: a fresh generator with that seed */
  memset (b->params, 0, b->n_params * 4);
  cnn_net_init_weights_from_seed (b, 99);
  g_assert_cmpmem (a->params, a->n_params * 4, b->params, b->n_params * 4);

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
  g_test_add_func ("/net/spec/layer-limit", test_spec_layer_limit);
  g_test_add_func ("/net/spec/size-limits", test_spec_size_limits);
  g_test_add_func ("/net/spec/text-limits", test_spec_text_limits);
  g_test_add_func ("/net/limits-quote", test_limits_quote);
  g_test_add_func ("/net/blob-try-new", test_blob_try_new);
  g_test_add_func ("/net/init/he", test_init_he);
  g_test_add_func ("/net/gradients", test_network_gradients);
  g_test_add_func ("/net/backward-from-logits", test_backward_from_logits_and_layer_grads);
  g_test_add_func ("/net/forward/probabilities-and-copy", test_forward_probabilities_and_copy);
  return g_test_run ();
}
