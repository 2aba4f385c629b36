/* test-invariance.c — shifted inputs: answers known by construction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cnn.h"

/* A network that reads one pixel: dense2 with logit 0 = 10 · x[3][3] − 5
 * and logit 1 = 0, so it says 0 exactly when cell (3, 3) holds ink. */
static CnnNet *
pixel_reader (void)
{
  CnnNet *net = cnn_net_new ("dense2", NULL);
  float *w = cnn_net_layer_weights (net, net->params, 0);
  float *b = cnn_net_layer_bias (net, net->params, 0);

  g_assert_nonnull (net);
  memset (net->params, 0, sizeof (float) * net->n_params);
  w[0 * CNN_INPUT_SIZE + 3 * 8 + 3] = 10.0f;
  b[0] = -5.0f;
  return net;
}

static void
test_shift_order (void)
{
  /* DY outer, DX inner, ascending */
  for (int i = 0, dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++, i++)
      {
        g_assert_cmpint (cnn_shift_index (dx, dy), ==, i);
        g_assert_cmpint (cnn_shift_dx (i), ==, dx);
        g_assert_cmpint (cnn_shift_dy (i), ==, dy);
      }
  g_assert_cmpint (cnn_shift_index (0, 0), ==, 12);
  g_assert_cmpint (CNN_N_SHIFTS, ==, 25);
}

static void
test_grid_known (void)
{
  g_autoptr(CnnNet) net = pixel_reader ();
  g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
  CnnShiftResult results[CNN_N_SHIFTS];
  float input[CNN_INPUT_SIZE] = { 0 };
  const float sure = 1.0f / (1.0f + expf (-5.0f));   /* softmax of (±5, 0) */

  /* ink at x = 1, y = 2: only the shift (+2, +1) brings it to (3, 3) */
  input[2 * 8 + 1] = 1.0f;
  cnn_invariance_grid (net, ws, input, results);
  for (int i = 0; i < CNN_N_SHIFTS; i++)
    {
      const CnnShiftResult *r = &results[i];
      int x = 1 + r->dx, y = 2 + r->dy;

      g_assert_cmpint (r->dx, ==, cnn_shift_dx (i));
      g_assert_cmpint (r->dy, ==, cnn_shift_dy (i));
      g_assert_cmpint (r->predicted, ==, i == cnn_shift_index (2, 1) ? 0 : 1);
      g_assert_cmpfloat_with_epsilon (r->confidence, sure, 1e-6);
      /* the shifted input itself, zero-filled: at x = −1 the ink is gone */
      for (int j = 0; j < CNN_INPUT_SIZE; j++)
        g_assert_cmpfloat (r->input[j], ==, x >= 0 && j == y * 8 + x ? 1.0f : 0.0f);
    }
}

/* A data set whose accuracy under each shift is known: for every shift s,
 * s + 1 images with one cell of ink where s moves it to (3, 3), all
 * labelled 0. Under shift s exactly those s + 1 of 325 are read as 0. */
static void
test_accuracy_known (void)
{
  g_autoptr(CnnNet) net = pixel_reader ();
  g_autoptr(CnnDataset) ds = cnn_dataset_new (25 * 26 / 2, 2);
  double accuracy[CNN_N_SHIFTS];
  gsize n = 0;

  memset (ds->x, 0, sizeof (float) * ds->n * CNN_INPUT_SIZE);
  for (int s = 0; s < CNN_N_SHIFTS; s++)
    for (int m = 0; m <= s; m++, n++)
      {
        int x = 3 - cnn_shift_dx (s), y = 3 - cnn_shift_dy (s);

        ds->x[n * CNN_INPUT_SIZE + y * 8 + x] = 1.0f;
        ds->y[n] = 0;
      }
  g_assert_cmpuint (n, ==, ds->n);

  cnn_invariance_accuracy (net, NULL, ds, accuracy);
  for (int s = 0; s < CNN_N_SHIFTS; s++)
    g_assert_cmpfloat_with_epsilon (accuracy[s], (s + 1) / 325.0, 1e-12);
  /* the unshifted entry is the plain accuracy */
  g_assert_cmpfloat (accuracy[12], ==, cnn_accuracy (net, NULL, ds));
}

static CnnNet *
shipped_digits (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "models",
                                                 "digits.cnvm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CnnNet *net = cnn_model_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (net->spec, ==, CNN_SPEC_DIGITS);
  return net;
}

/* Equivariance: an impulse moved one cell right moves conv 1's maps one
 * cell right, every channel, wherever the border does not cut them. */
static void
test_impulse_moves_conv1 (void)
{
  g_autoptr(CnnNet) net = shipped_digits ();
  g_autoptr(CnnWorkspace) original = cnn_workspace_new (net);
  g_autoptr(CnnWorkspace) shifted = cnn_workspace_new (net);
  g_autofree float *change = g_new (float, net->n_layers);
  CnnActivations a, b;
  float input[CNN_INPUT_SIZE] = { 0 };
  const CnnShape s = net->layers[0].out;
  gsize moved = 0;

  input[3 * 8 + 3] = 1.0f;
  cnn_shift_compare (net, original, shifted, input, 1, 0, change);
  cnn_workspace_get_activations (original, &a);
  cnn_workspace_get_activations (shifted, &b);

  /* the second pass saw the input moved */
  g_assert_cmpfloat (cnn_activations_values (&b, -1)[3 * 8 + 4], ==, 1.0f);
  g_assert_cmpfloat (cnn_activations_values (&b, -1)[3 * 8 + 3], ==, 0.0f);

  for (int y = 0; y < s.h; y++)
    for (int x = 0; x + 1 < s.w; x++)
      for (int c = 0; c < s.c; c++)
        {
          float before = cnn_activations_values (&a, 0)[(y * s.w + x) * s.c + c];
          float after = cnn_activations_values (&b, 0)[(y * s.w + x + 1) * s.c + c];

          g_assert_cmpfloat_with_epsilon (after, before, 1e-6);
          /* the maps are not flat: the comparison means something */
          moved += fabsf (before - cnn_activations_values (&a, 0)[(y * s.w + x + 1) * s.c + c]) > 1e-3f;
        }
  g_assert_cmpuint (moved, >, 10);

  /* conv 1 changed as a whole (it moved), and every later layer has a number */
  g_assert_cmpfloat (change[0], >, 0.1f);
  for (int i = 0; i < net->n_layers; i++)
    {
      g_test_message ("layer %d (%s): relative change %.4f", i,
                      cnn_layer_kind_name (net->layers[i].kind), change[i]);
      g_assert_true (isfinite (change[i]));
    }

  /* no shift, no change */
  cnn_shift_compare (net, original, shifted, input, 0, 0, change);
  for (int i = 0; i < net->n_layers; i++)
    g_assert_cmpfloat (change[i], ==, 0.0f);
}

/* The relative change by construction: an identity conv passes the input
 * through, so an impulse moved inside the grid changes by √2 (‖e₁ − e₂‖),
 * one moved off it by 1, and nothing moved from nothing by 0. */
static void
test_change_known (void)
{
  g_autoptr(CnnNet) net = cnn_net_new ("conv1x1x1 dense2", NULL);
  g_autoptr(CnnWorkspace) original = cnn_workspace_new (net);
  g_autoptr(CnnWorkspace) shifted = cnn_workspace_new (net);
  float input[CNN_INPUT_SIZE] = { 0 }, change[3];

  g_assert_cmpint (net->n_layers, ==, 3);
  cnn_net_layer_weights (net, net->params, 0)[0] = 1.0f;

  input[3 * 8 + 3] = 0.5f;
  cnn_shift_compare (net, original, shifted, input, -2, 1, change);
  g_assert_cmpfloat_with_epsilon (change[0], G_SQRT2, 1e-6);
  /* dense with zero weights and biases: its output does not move */
  g_assert_cmpfloat (change[1], ==, 0.0f);
  g_assert_cmpfloat (change[2], ==, 0.0f);

  memset (input, 0, sizeof input);
  input[3 * 8 + 7] = 1.0f;
  cnn_shift_compare (net, original, shifted, input, 1, 0, change);
  g_assert_cmpfloat_with_epsilon (change[0], 1.0, 1e-6);

  memset (input, 0, sizeof input);
  cnn_shift_compare (net, original, shifted, input, 1, 0, change);
  g_assert_cmpfloat (change[0], ==, 0.0f);

  /* from nothing to something is infinitely more: the dense layer reads
   * cell (3, 3) into logit 0, which the ink reaches only when shifted */
  cnn_net_layer_weights (net, net->params, 1)[3 * 8 + 3] = 1.0f;
  input[3 * 8 + 2] = 1.0f;
  cnn_shift_compare (net, original, shifted, input, 1, 0, change);
  g_assert_cmpfloat_with_epsilon (change[0], G_SQRT2, 1e-6);
  g_assert_true (isinf (change[1]) && change[1] > 0.0f);
  g_assert_true (isfinite (change[2]) && change[2] > 0.0f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/invariance/order", test_shift_order);
  g_test_add_func ("/invariance/grid-known", test_grid_known);
  g_test_add_func ("/invariance/accuracy-known", test_accuracy_known);
  g_test_add_func ("/invariance/impulse-moves-conv1", test_impulse_moves_conv1);
  g_test_add_func ("/invariance/change-known", test_change_known);

  return g_test_run ();
}
