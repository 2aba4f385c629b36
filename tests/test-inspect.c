/* test-inspect.c — flatten indices, top-activating samples, kernels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cnn.h"

/* The mapping is the HWC index formula, for every element of the shipped
 * networks' flattened vectors — and it is where the values really are: the
 * dense layer's input element i is the block's (y, x, c). */
static void
test_flatten_mapping (void)
{
  const struct {
    const char *spec;
    int         layer;     /* the flattening layer */
    CnnShape    block;
  } cases[] = {
    { CNN_SPEC_DIGITS, 6, { 2, 2, 16 } },
    { CNN_SPEC_ZERO_OR_ONE, 3, { 3, 3, 4 } },
    { "dense10", 0, { 8, 8, 1 } },      /* the dense-only network: the drawing itself */
    { "conv3x3x5 pool2 dense3", 2, { 4, 4, 5 } },
  };

  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(CnnNet) net = cnn_net_new (cases[k].spec, NULL);
      g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
      CnnShape block;
      int layer = cnn_net_flatten_layer (net), dense;
      const float *vector, *map;
      float input[CNN_INPUT_SIZE];
      CnnRng rng;
      gsize n, seen = 0;

      g_assert_cmpint (layer, ==, cases[k].layer);
      block = net->layers[layer].in;
      g_assert_cmpint (block.h, ==, cases[k].block.h);
      g_assert_cmpint (block.w, ==, cases[k].block.w);
      g_assert_cmpint (block.c, ==, cases[k].block.c);
      n = cnn_shape_size (block);

      cnn_rng_init (&rng, 7);
      cnn_net_init_weights (net, &rng);
      for (int i = 0; i < CNN_INPUT_SIZE; i++)
        input[i] = cnn_rng_uniform (&rng);
      cnn_net_forward (net, ws, input);
      map = layer == 0 ? cnn_workspace_input (ws) : cnn_workspace_output (ws, layer - 1);
      /* the classifier's input vector: the flatten layer's output, or for a
       * dense that flattens, what it reads */
      dense = net->layers[layer].kind == CNN_LAYER_FLATTEN ? layer : -1;
      vector = dense >= 0 ? cnn_workspace_output (ws, dense) : map;

      for (int y = 0; y < block.h; y++)
        for (int x = 0; x < block.w; x++)
          for (int c = 0; c < block.c; c++)
            {
              int index = (y * block.w + x) * block.c + c;
              int ry = -1, rx = -1, rc = -1;

              g_assert_cmpint (cnn_flatten_from_hwc (block, y, x, c), ==, index);
              cnn_flatten_to_hwc (block, index, &ry, &rx, &rc);
              g_assert_cmpint (ry, ==, y);
              g_assert_cmpint (rx, ==, x);
              g_assert_cmpint (rc, ==, c);
              g_assert_cmpfloat (vector[index], ==, map[(y * block.w + x) * block.c + c]);
              seen++;
            }
      g_assert_cmpuint (seen, ==, n);
      /* every element once: the round trip from the index side too */
      for (gsize i = 0; i < n; i++)
        {
          int y, x, c;

          cnn_flatten_to_hwc (block, (int) i, &y, &x, &c);
          g_assert_cmpint (cnn_flatten_from_hwc (block, y, x, c), ==, (int) i);
        }
    }
}

/* A constructed case: conv1x1x2 with weights +1 and −1 makes channel 0
 * the image and channel 1 its negative. Image i is flat, value v[i]. */
static void
test_top_activating (void)
{
  static const float v[] = { 0.3f, 0.9f, 0.1f, 0.7f, 0.9f, 0.5f, 0.2f };
  g_autoptr(CnnDataset) ds = cnn_dataset_new (G_N_ELEMENTS (v), 2);

  for (gsize i = 0; i < ds->n; i++)
    {
      for (int j = 0; j < CNN_INPUT_SIZE; j++)
        ds->x[i * CNN_INPUT_SIZE + j] = v[i];
      ds->y[i] = 0;
    }

  for (int rectified = 0; rectified <= 1; rectified++)
    {
      g_autoptr(CnnNet) net = cnn_net_new (rectified ? "conv1x1x2 relu pool2 dense2"
                                                     : "conv1x1x2 pool2 dense2", NULL);
      g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
      float *w = cnn_net_layer_weights (net, net->params, 0);
      int indices[2 * 3];
      float maxima[2 * 3];

      w[0] = 1.0f;
      w[1] = -1.0f;
      g_assert_cmpint (cnn_net_rectified_output (net, 0), ==, rectified ? 1 : 0);
      g_assert_cmpint (cnn_top_activating (net, ws, ds, 0, 3, indices, maxima), ==, 3);

      /* channel 0: 0.9 (1, then 4: the earlier first), then 0.7 (3) */
      g_assert_cmpint (indices[0], ==, 1);
      g_assert_cmpint (indices[1], ==, 4);
      g_assert_cmpint (indices[2], ==, 3);
      g_assert_cmpfloat_with_epsilon (maxima[0], 0.9f, 1e-6);
      g_assert_cmpfloat_with_epsilon (maxima[2], 0.7f, 1e-6);
      if (rectified)
        {
          /* after the ReLU channel 1 is 0 everywhere: all tie, data order */
          g_assert_cmpint (indices[3], ==, 0);
          g_assert_cmpint (indices[4], ==, 1);
          g_assert_cmpint (indices[5], ==, 2);
          g_assert_cmpfloat (maxima[3], ==, 0.0f);
        }
      else
        {
          /* −v: the darkest images excite it most */
          g_assert_cmpint (indices[3], ==, 2);
          g_assert_cmpint (indices[4], ==, 6);
          g_assert_cmpint (indices[5], ==, 0);
          g_assert_cmpfloat_with_epsilon (maxima[3], -0.1f, 1e-6);
        }

      /* more asked for than there are: the rest are −1 */
      {
        int many[2 * 9];

        g_assert_cmpint (cnn_top_activating (net, ws, ds, 0, 9, many, NULL), ==, 7);
        g_assert_cmpint (many[6], >=, 0);
        g_assert_cmpint (many[7], ==, -1);
        g_assert_cmpint (many[8], ==, -1);
        g_assert_cmpint (many[9 + 8], ==, -1);
        /* each sample once per channel */
        for (int c = 0; c < 2; c++)
          for (int a = 0; a < 7; a++)
            for (int b = a + 1; b < 7; b++)
              g_assert_cmpint (many[c * 9 + a], !=, many[c * 9 + b]);
      }
    }
}

/* The maximum is over positions: one bright cell anywhere counts as much
 * as a bright image. */
static void
test_top_activating_positions (void)
{
  g_autoptr(CnnDataset) ds = cnn_dataset_new (3, 2);
  g_autoptr(CnnNet) net = cnn_net_new ("conv1x1x1 relu pool2 dense2", NULL);
  g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
  int indices[2];

  memset (ds->x, 0, sizeof (float) * 3 * CNN_INPUT_SIZE);
  for (int j = 0; j < CNN_INPUT_SIZE; j++)
    ds->x[0 * CNN_INPUT_SIZE + j] = 0.4f;       /* flat grey */
  ds->x[1 * CNN_INPUT_SIZE + 63] = 1.0f;         /* one cell in the corner */
  ds->x[2 * CNN_INPUT_SIZE + 9] = 0.6f;
  cnn_net_layer_weights (net, net->params, 0)[0] = 1.0f;
  g_assert_cmpint (cnn_top_activating (net, ws, ds, 0, 2, indices, NULL), ==, 2);
  g_assert_cmpint (indices[0], ==, 1);
  g_assert_cmpint (indices[1], ==, 2);
}

static void
test_conv_kernel (void)
{
  g_autoptr(CnnNet) net = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  const CnnLayer *l = &net->layers[3];   /* conv 3×3, 8 → 16 */
  float kernel[9];

  for (gsize i = 0; i < net->n_params; i++)
    net->params[i] = (float) i;
  /* weights [ky][kx][c_in][c_out] */
  cnn_conv_kernel (net, net->params, 3, 11, 5, kernel);
  for (int t = 0; t < 9; t++)
    g_assert_cmpfloat (kernel[t], ==, (float) (l->w_offset + (t * 8 + 5) * 16 + 11));
  cnn_conv_kernel (net, net->params, 0, 2, 0, kernel);
  for (int t = 0; t < 9; t++)
    g_assert_cmpfloat (kernel[t], ==, (float) (t * 8 + 2));
}

static void
test_kernel_deltas (void)
{
  g_autoptr(CnnNet) net = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autoptr(CnnNet) after = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  const CnnLayer *l = &net->layers[3];
  float norms[16 * 8];
  CnnRng rng;

  cnn_rng_init (&rng, 5);
  cnn_net_init_weights (net, &rng);
  memcpy (after->params, net->params, sizeof (float) * net->n_params);
  /* kernel (filter 4, channel 6): taps 0 and 8 move by 3 and 4 → ‖ΔW‖ 5;
   * a bias moving is not a kernel moving */
  after->params[l->w_offset + (0 * 8 + 6) * 16 + 4] += 3.0f;
  after->params[l->w_offset + (8 * 8 + 6) * 16 + 4] -= 4.0f;
  after->params[l->b_offset + 4] += 10.0f;

  cnn_kernel_deltas (net, 3, net->params, after->params, norms);
  for (int f = 0; f < 16; f++)
    for (int c = 0; c < 8; c++)
      {
        if (f == 4 && c == 6)
          g_assert_cmpfloat_with_epsilon (norms[f * 8 + c], 5.0f, 1e-5);
        else
          g_assert_cmpfloat (norms[f * 8 + c], ==, 0.0f);
      }

  /* agrees with cnn_conv_kernel, kernel by kernel */
  cnn_rng_init (&rng, 6);
  cnn_net_init_weights (after, &rng);
  cnn_kernel_deltas (net, 0, net->params, after->params, norms);
  for (int f = 0; f < 8; f++)
    {
      float a[9], b[9];
      double sum = 0.0;

      cnn_conv_kernel (net, net->params, 0, f, 0, a);
      cnn_conv_kernel (net, after->params, 0, f, 0, b);
      for (int t = 0; t < 9; t++)
        sum += (double) (b[t] - a[t]) * (b[t] - a[t]);
      g_assert_cmpfloat_with_epsilon (norms[f], sqrt (sum), 1e-5);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/inspect/flatten-mapping", test_flatten_mapping);
  g_test_add_func ("/inspect/top-activating", test_top_activating);
  g_test_add_func ("/inspect/top-activating-positions", test_top_activating_positions);
  g_test_add_func ("/inspect/conv-kernel", test_conv_kernel);
  g_test_add_func ("/inspect/kernel-deltas", test_kernel_deltas);

  return g_test_run ();
}
