/* test-train-samples.c — a new style of 7, learnt from the user's samples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fifteen 7s in a style the data set does not have — a crossbar, and a
 * foot that hooks to the right and up — drawn as pen strokes with the grid
 * model (default pen, normalised as the window does) from a seeded
 * generator. The shipped model reads them as 3s. Ten of them go into a
 * samples store (quantised to 0..16, as "Add to Samples" keeps them) and,
 * as a CnnDataset, into the training data, each repeated; the other five
 * are kept out. Trained from the same seed with the default settings, with
 * and without the samples: with them, all ten are read as 7, and the
 * accuracy on the shipped test split is within one point of the run
 * without them; most of the five unseen ones are read as 7 too.
 *
 * Two default runs of 30 epochs: about a second each on the development
 * machine. No display: the grid model is compiled in.
 */
#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "convolve-grid-model.h"
#include "convolve-samples.h"
#include "test-tmpdir.h"

#define N_TRAINED 10
#define N_UNSEEN 5
#define REPEAT 10

/* A 7 from the top-left corner (x0, y0), bar width w, height h: the bar
 * with a small tick down at its left end, the stem to the bottom (moved
 * sideways by slant), its foot hooking to the right and up over hook
 * cells; then a crossbar of width bar across the stem's middle. */
static void
draw_seven (ConvolveGridModel *m,
            double             x0,
            double             y0,
            double             w,
            double             h,
            double             slant,
            double             hook,
            double             bar)
{
  double xr = x0 + w, yb = y0 + h;
  double xs = xr - w * 0.55 + slant;
  double xm, ym;

  convolve_grid_model_begin_stroke (m, x0, y0 + 0.15, FALSE);
  convolve_grid_model_stroke_to (m, x0 + 0.1, y0);
  convolve_grid_model_stroke_to (m, (x0 + xr) / 2, y0);
  convolve_grid_model_stroke_to (m, xr, y0);
  for (int i = 1; i <= 8; i++)
    {
      double t = i / 8.0;

      convolve_grid_model_stroke_to (m, xr + (xs - xr) * t, y0 + (h - hook * 0.5) * t);
    }
  convolve_grid_model_stroke_to (m, xs + hook * 0.3, yb);
  convolve_grid_model_stroke_to (m, xs + hook * 0.9, yb - hook * 0.1);
  convolve_grid_model_stroke_to (m, xs + hook * 1.3, yb - hook * 0.5);
  convolve_grid_model_end_stroke (m);

  xm = xr + (xs - xr) * 0.5;
  ym = y0 + h * 0.5;
  convolve_grid_model_begin_stroke (m, xm - bar * 0.55, ym + 0.1, FALSE);
  convolve_grid_model_stroke_to (m, xm + bar * 0.45, ym - 0.1);
  convolve_grid_model_end_stroke (m);
}

/* The i-th drawing's normalised input */
static void
seven_input (CnnRng *rng,
             float   input[CNN_INPUT_SIZE])
{
  g_autoptr (ConvolveGridModel) m = convolve_grid_model_new ();
  float u[7];

  for (int i = 0; i < 7; i++)
    u[i] = cnn_rng_uniform (rng);
  draw_seven (m, 1.0 + u[0], 0.8 + u[1] * 0.6, 4.2 + u[2] * 1.2, 5.6 + u[3] * 1.0,
              u[4] * 0.8 - 0.4, 2.0 + u[5] * 0.8, 2.6 + u[6] * 0.8);
  convolve_grid_model_get_normalized (m, input);
}

static CnnNet *
load_shipped (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "models",
                                                 "digits.cnvm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  CnnNet *net = cnn_model_load (file, NULL, &error);

  g_assert_no_error (error);
  return net;
}

static int
sevens_read (CnnNet           *net,
             const CnnDataset *ds)
{
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (net);
  int n = 0;

  for (gsize i = 0; i < ds->n; i++)
    n += cnn_argmax (cnn_net_forward (net, ws, ds->x + i * CNN_INPUT_SIZE), net->n_classes) == 7;
  return n;
}

/* The default run from seed 1: the preset's weights re-drawn, trained */
static CnnNet *
train (const CnnDataset *extra,
       double           *test_accuracy)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CnnDataset) train_set = NULL;
  g_autoptr (CnnDataset) test_set = NULL;
  CnnNet *net = cnn_net_new (CNN_SPEC_DIGITS, &error);
  CnnTrainConfig config;
  CnnRng rng;
  gsize used = 0;

  g_assert_no_error (error);
  cnn_train_config_init_default (&config);
  g_assert_true (cnn_dataset_builtin_split_extra (10, CNN_SPLIT_STRATIFIED, extra, REPEAT,
                                                  &train_set, &test_set, &used, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (used, ==, extra != NULL ? extra->n : 0);
  g_assert_cmpuint (train_set->n, ==, 1437 + used * REPEAT);
  g_assert_cmpuint (test_set->n, ==, CNN_DEFAULT_TEST_SIZE);

  cnn_rng_init (&rng, config.seed);
  cnn_net_init_weights (net, &rng);
  /* cnn_train() ends with the temperature fit, as every run does */
  g_assert_true (cnn_train (net, train_set, test_set, &config, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  *test_accuracy = cnn_accuracy (net, NULL, test_set);
  return net;
}

static void
test_new_style_of_seven (void)
{
  g_autofree char *dir = test_tmpdir_new ("test-train-samples-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "samples.csv", NULL);
  g_autoptr (ConvolveSamples) store = convolve_samples_new (path);
  g_autoptr (CnnDataset) trained = NULL;
  g_autoptr (CnnDataset) unseen = cnn_dataset_new (N_UNSEEN, 10);
  g_autoptr (CnnNet) shipped = load_shipped ();
  g_autoptr (CnnNet) without = NULL;
  g_autoptr (CnnNet) with = NULL;
  g_autoptr (GError) error = NULL;
  double acc_without, acc_with;
  CnnRng rng;

  g_assert_true (convolve_samples_load (store, &error));
  cnn_rng_init (&rng, 7);
  for (int i = 0; i < N_TRAINED + N_UNSEEN; i++)
    {
      float input[CNN_INPUT_SIZE];

      seven_input (&rng, input);
      if (i < N_TRAINED)
        {
          g_assert_true (convolve_samples_add_input (store, input, 7, &error));
          g_assert_no_error (error);
        }
      else
        {
          /* quantised as the store does */
          for (int k = 0; k < CNN_INPUT_SIZE; k++)
            unseen->x[(i - N_TRAINED) * CNN_INPUT_SIZE + k] = convolve_sample_quantize (input[k]) / 16.0f;
          unseen->y[i - N_TRAINED] = 7;
        }
    }
  trained = convolve_samples_to_dataset (store, 10);
  g_assert_cmpuint (trained->n, ==, N_TRAINED);

  /* a style the shipped model does not know: it reads at most 2 of 15 */
  g_test_message ("shipped model: %d of %d trained-on and %d of %d unseen read as 7",
                  sevens_read (shipped, trained), N_TRAINED, sevens_read (shipped, unseen), N_UNSEEN);
  g_assert_cmpint (sevens_read (shipped, trained) + sevens_read (shipped, unseen), <=, 2);

  without = train (NULL, &acc_without);
  with = train (trained, &acc_with);
  g_test_message ("without the samples: %d of %d read as 7, test accuracy %.4f",
                  sevens_read (without, trained), N_TRAINED, acc_without);
  g_test_message ("with them (x%d): %d of %d read as 7, %d of %d unseen, test accuracy %.4f",
                  REPEAT, sevens_read (with, trained), N_TRAINED, sevens_read (with, unseen),
                  N_UNSEEN, acc_with);

  /* the same run without them reads a few (4 on the development machine) */
  g_assert_cmpint (sevens_read (without, trained), <=, N_TRAINED / 2);
  g_assert_cmpint (sevens_read (with, trained), ==, N_TRAINED);
  /* and it generalises: most of the unseen ones too (5 of 5 there) */
  g_assert_cmpint (sevens_read (with, unseen), >=, 3);
  g_assert_cmpfloat (fabs (acc_with - acc_without), <=, 0.01);

  test_tmpdir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/train-samples/new-style-of-seven", test_new_style_of_seven);

  return g_test_run ();
}
