/* test-classic.c — the classic filter bank, matching, and the frozen-bank run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cnn.h"

static CnnDataset *all_digits;

static const char *const expected_ids[CNN_CLASSIC_N] = {
  "sobel-x", "sobel-y", "prewitt-x", "prewitt-y", "laplacian", "box", "sharpen",
  "gabor-0", "gabor-45", "gabor-90", "gabor-135", "identity",
};

static void
test_ids (void)
{
  for (int i = 0; i < CNN_CLASSIC_N; i++)
    {
      const char *id = cnn_classic_id (i);

      g_assert_cmpstr (id, ==, expected_ids[i]);
      g_assert_cmpint (cnn_classic_lookup (id), ==, i);
      /* ASCII, no spaces: one word of a script's line */
      for (const char *p = id; *p != '\0'; p++)
        g_assert_true (g_ascii_isalnum (*p) || *p == '-');
    }
  g_assert_cmpint (cnn_classic_lookup ("sobel"), ==, -1);
  g_assert_cmpint (cnn_classic_lookup ("Sobel-X"), ==, -1);
}

/* The values cnn-classic.h documents: the textbook kernels exactly, the
 * Gabor ones from their formula to the 4 decimals they are given with. */
static void
test_bank_values (void)
{
  static const float textbook[][CNN_CLASSIC_TAPS] = {
    { -1, 0, 1, -2, 0, 2, -1, 0, 1 },
    { -1, -2, -1, 0, 0, 0, 1, 2, 1 },
    { -1, 0, 1, -1, 0, 1, -1, 0, 1 },
    { -1, -1, -1, 0, 0, 0, 1, 1, 1 },
    { 0, 1, 0, 1, -4, 1, 0, 1, 0 },
  };
  const float *box = cnn_classic_kernel (cnn_classic_lookup ("box"));
  const float *sharpen = cnn_classic_kernel (cnn_classic_lookup ("sharpen"));
  const float *identity = cnn_classic_kernel (cnn_classic_lookup ("identity"));

  for (gsize f = 0; f < G_N_ELEMENTS (textbook); f++)
    for (int t = 0; t < CNN_CLASSIC_TAPS; t++)
      g_assert_cmpfloat (cnn_classic_kernel ((int) f)[t], ==, textbook[f][t]);
  for (int t = 0; t < CNN_CLASSIC_TAPS; t++)
    {
      g_assert_cmpfloat_with_epsilon (box[t], 1.0 / 9.0, 1e-7);
      g_assert_cmpfloat (sharpen[t], ==, t == 4 ? 5.0f : t % 2 == 1 ? -1.0f : 0.0f);
      g_assert_cmpfloat (identity[t], ==, t == 4 ? 1.0f : 0.0f);
    }

  for (int o = 0; o < 4; o++)
    {
      const double theta = o * G_PI / 4.0, lambda = 2.0 * G_SQRT2;
      const float *k = cnn_classic_kernel (cnn_classic_lookup (expected_ids[7 + o]));
      double g[CNN_CLASSIC_TAPS], mean = 0.0, sum = 0.0;

      for (int v = -1; v <= 1; v++)
        for (int u = -1; u <= 1; u++)
          {
            double a = u * cos (theta) - v * sin (theta);

            g[(v + 1) * 3 + u + 1] = exp (-(u * u + v * v) / 2.0) * cos (2.0 * G_PI * a / lambda);
            mean += g[(v + 1) * 3 + u + 1] / 9.0;
          }
      for (int t = 0; t < CNN_CLASSIC_TAPS; t++)
        {
          g_assert_cmpfloat_with_epsilon (k[t], g[t] - mean, 0.5e-4 + 1e-7);
          sum += k[t];
        }
      /* a flat patch gives (nearly) nothing */
      g_assert_cmpfloat (fabs (sum), <, 1e-3);
    }
  /* orientation as documented: gabor-0 finds vertical lines (its middle
   * column is positive), gabor-90 horizontal ones, gabor-45 “\” */
  {
    const float *g0 = cnn_classic_kernel (cnn_classic_lookup ("gabor-0"));
    const float *g90 = cnn_classic_kernel (cnn_classic_lookup ("gabor-90"));
    const float *g45 = cnn_classic_kernel (cnn_classic_lookup ("gabor-45"));
    const float *g135 = cnn_classic_kernel (cnn_classic_lookup ("gabor-135"));

    g_assert_cmpfloat (g0[1], >, 0.0f);
    g_assert_cmpfloat (g0[3], <, 0.0f);
    g_assert_cmpfloat (g90[3], >, 0.0f);
    g_assert_cmpfloat (g90[1], <, 0.0f);
    g_assert_cmpfloat (g45[0], >, 0.0f);
    g_assert_cmpfloat (g45[2], <, 0.0f);
    g_assert_cmpfloat (g135[2], >, 0.0f);
    g_assert_cmpfloat (g135[0], <, 0.0f);
  }
}

static void
test_cosine_and_match (void)
{
  const int sobel_x = cnn_classic_lookup ("sobel-x");
  const float *s = cnn_classic_kernel (sobel_x);
  float flipped[CNN_CLASSIC_TAPS], zeros[CNN_CLASSIC_TAPS] = { 0 };
  double similarity = 0.0;

  for (int t = 0; t < CNN_CLASSIC_TAPS; t++)
    flipped[t] = -0.37f * s[t];
  g_assert_cmpfloat_with_epsilon (cnn_kernel_cosine (s, flipped, CNN_CLASSIC_TAPS), -1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cnn_kernel_cosine (s, s, CNN_CLASSIC_TAPS), 1.0, 1e-12);
  /* Sobel x against Prewitt x: (1 + 2 + 1)·2 / √(12 · 6) */
  g_assert_cmpfloat_with_epsilon (cnn_kernel_cosine (s, cnn_classic_kernel (2), 9),
                                  8.0 / sqrt (72.0), 1e-9);
  g_assert_cmpfloat (cnn_kernel_cosine (s, zeros, 9), ==, 0.0);

  /* a sign-flipped Sobel x is a Sobel x, with a negative similarity */
  g_assert_cmpint (cnn_classic_match (flipped, &similarity), ==, sobel_x);
  g_assert_cmpfloat_with_epsilon (similarity, -1.0, 1e-12);

  /* every filter of the bank finds itself, whatever its scale */
  for (int f = 0; f < CNN_CLASSIC_N; f++)
    {
      float k[CNN_CLASSIC_TAPS];

      for (int t = 0; t < CNN_CLASSIC_TAPS; t++)
        k[t] = 2.5f * cnn_classic_kernel (f)[t];
      g_assert_cmpint (cnn_classic_match (k, &similarity), ==, f);
      g_assert_cmpfloat_with_epsilon (similarity, 1.0, 1e-6);
    }

  /* a noisy Sobel y is still nearest to Sobel y, below 1 */
  {
    float k[CNN_CLASSIC_TAPS];

    memcpy (k, cnn_classic_kernel (cnn_classic_lookup ("sobel-y")), sizeof k);
    k[0] += 0.8f;
    k[5] -= 0.6f;
    g_assert_cmpint (cnn_classic_match (k, &similarity), ==, cnn_classic_lookup ("sobel-y"));
    g_assert_cmpfloat (similarity, <, 0.99);
    g_assert_cmpfloat (similarity, >, 0.9);
  }

  /* Sobel x + Sobel y is as like Sobel x as Sobel y (cos 1/√2, nothing
   * else comes near): the first wins */
  {
    float k[CNN_CLASSIC_TAPS];

    for (int t = 0; t < CNN_CLASSIC_TAPS; t++)
      k[t] = s[t] + cnn_classic_kernel (cnn_classic_lookup ("sobel-y"))[t];
    g_assert_cmpint (cnn_classic_match (k, &similarity), ==, sobel_x);
    g_assert_cmpfloat_with_epsilon (similarity, G_SQRT2 / 2, 1e-9);
  }

  g_assert_cmpint (cnn_classic_match (zeros, &similarity), ==, -1);
  g_assert_cmpfloat (similarity, ==, 0.0);
}

/* The bank's maps are what a conv layer holding the bank computes, with
 * both paddings of the presets. */
static void
test_feature_maps_are_a_conv_layer (void)
{
  const char *specs[] = { CNN_SPEC_DIGITS, CNN_SPEC_ZERO_OR_ONE };

  for (gsize s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      g_autoptr(CnnNet) net = cnn_net_new (specs[s], NULL);
      g_autoptr(CnnNet) variant = cnn_classic_variant_new (net, NULL);
      g_autoptr(CnnWorkspace) ws = NULL;
      const CnnDataset *ds = all_digits;
      const int pad = net->layers[0].pad;
      CnnShape shape = cnn_classic_maps_shape (pad);
      g_autofree float *maps = g_new (float, cnn_shape_size (shape));

      g_assert_nonnull (variant);
      cnn_classic_set_bank (variant, 0);
      ws = cnn_workspace_new (variant);
      g_assert_cmpint (shape.h, ==, variant->layers[0].out.h);
      g_assert_cmpint (shape.w, ==, variant->layers[0].out.w);
      g_assert_cmpint (shape.c, ==, CNN_CLASSIC_N);
      g_assert_cmpint (shape.h, ==, pad == 1 ? 8 : 6);

      for (gsize i = 0; i < 20; i++)
        {
          const float *x = ds->x + i * CNN_INPUT_SIZE;
          const float *conv;

          cnn_classic_feature_maps (x, pad, maps);
          cnn_net_forward (variant, ws, x);
          /* layer 0's output: before the ReLU, biases 0 */
          conv = cnn_workspace_output (ws, 0);
          for (gsize j = 0; j < cnn_shape_size (shape); j++)
            g_assert_cmpfloat_with_epsilon (maps[j], conv[j], 1e-4);
        }
    }

  /* one known value: Sobel x at (3, 3) of a vertical edge (bright right
   * of column 3) is 1 + 2 + 1; same padding */
  {
    float edge[CNN_INPUT_SIZE] = { 0 }, maps[8 * 8 * CNN_CLASSIC_N];

    for (int y = 0; y < 8; y++)
      for (int x = 4; x < 8; x++)
        edge[y * 8 + x] = 1.0f;
    cnn_classic_feature_maps (edge, 1, maps);
    g_assert_cmpfloat (maps[(3 * 8 + 3) * CNN_CLASSIC_N + 0], ==, 4.0f);
    g_assert_cmpfloat (maps[(3 * 8 + 1) * CNN_CLASSIC_N + 0], ==, 0.0f);
    /* sobel-y sees no change downwards there */
    g_assert_cmpfloat (maps[(3 * 8 + 3) * CNN_CLASSIC_N + 1], ==, 0.0f);
  }
}

static void
test_variant (void)
{
  struct {
    const char *spec;
    const char *variant;   /* NULL: unavailable */
  } cases[] = {
    { CNN_SPEC_DIGITS, "conv3x3x12 relu pool2 conv3x3x16 relu pool2 flatten dense10 softmax" },
    { CNN_SPEC_ZERO_OR_ONE, "conv3x3x12-valid relu pool2 flatten dense2 softmax" },
    { "conv3x3x12 relu pool2 conv3x3x16 relu pool2 dense10", "conv3x3x12 relu pool2 conv3x3x16 relu pool2 dense10 softmax" },
    { "dense10", NULL },
    { "conv5x5x8 relu pool2 dense10", NULL },
    { "relu conv3x3x8 pool2 dense10", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CnnNet) net = cnn_net_new (cases[i].spec, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *spec = NULL;
      g_autoptr(CnnNet) variant = NULL;

      g_assert_nonnull (net);
      spec = cnn_classic_variant_spec (net, &error);
      g_assert_cmpint (cnn_classic_available (net, NULL), ==, cases[i].variant != NULL);
      if (cases[i].variant == NULL)
        {
          g_assert_error (error, CNN_ERROR, CNN_ERROR_SPEC);
          g_assert_null (spec);
          g_test_message ("%s: %s", cases[i].spec, error->message);
          g_clear_error (&error);
          g_assert_null (cnn_classic_variant_new (net, &error));
          g_assert_error (error, CNN_ERROR, CNN_ERROR_SPEC);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (spec, ==, cases[i].variant);
      variant = cnn_classic_variant_new (net, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (variant->spec, ==, cases[i].variant);
    }
}

static void
test_set_bank (void)
{
  g_autoptr(CnnNet) digits = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autoptr(CnnNet) net = cnn_classic_variant_new (digits, NULL);
  float kernel[9];
  float *b = cnn_net_layer_bias (net, net->params, 0);

  b[3] = 0.5f;
  cnn_classic_set_bank (net, 0);
  for (int f = 0; f < CNN_CLASSIC_N; f++)
    {
      cnn_conv_kernel (net, net->params, 0, f, 0, kernel);
      for (int t = 0; t < 9; t++)
        g_assert_cmpfloat (kernel[t], ==, cnn_classic_kernel (f)[t]);
    }
  /* the biases are the caller's */
  g_assert_cmpfloat (b[3], ==, 0.5f);
}

typedef struct {
  int    calls;
  int    last_run;
  double last_fraction;
  int    cancel_at;        /* cancel on this call (1-based); 0: never */
  GCancellable *cancellable;
} ProgressLog;

static void
on_progress (const CnnClassicProgress *p,
             gpointer                  user_data)
{
  ProgressLog *log = user_data;

  log->calls++;
  g_assert_cmpint (p->run, >=, log->last_run);
  g_assert_cmpfloat (p->fraction, >, log->last_fraction);
  g_assert_cmpint (p->epoch, >=, 1);
  g_assert_cmpint (p->epoch, <=, p->epochs);
  g_assert_cmpfloat (p->test_accuracy, >=, 0.0f);
  log->last_run = p->run;
  log->last_fraction = p->fraction;
  if (log->calls == log->cancel_at)
    g_cancellable_cancel (log->cancellable);
}

static void
test_experiment (void)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autoptr(GError) error = NULL;
  CnnTrainConfig config;
  CnnClassicResult result = { -1, -1 };
  ProgressLog log = { 0 };
  gint64 start;

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  cnn_train_config_init_default (&config);

  /* the Train page's defaults, as the Filters page runs it: measured,
   * reported, not judged by the clock */
  start = g_get_monotonic_time ();
  g_assert_true (cnn_classic_experiment (net, train, test, &config, on_progress, &log,
                                         NULL, &result, &error));
  g_assert_no_error (error);
  g_test_message ("frozen bank %.4f, learned %.4f (%d epochs each, %.2f s)",
                  result.frozen_accuracy, result.learned_accuracy, config.epochs,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (log.calls, ==, 2 * config.epochs);
  g_assert_cmpint (log.last_run, ==, 1);
  g_assert_cmpfloat (log.last_fraction, ==, 1.0);
  /* both learn the digits; the bank is a fair start, not a crippled one */
  g_assert_cmpfloat (result.frozen_accuracy, >, 0.9);
  g_assert_cmpfloat (result.learned_accuracy, >, 0.9);
  g_assert_cmpfloat (result.frozen_accuracy, <=, 1.0);
  g_assert_cmpfloat (result.learned_accuracy, <=, 1.0);
}

/* The experiment is two ordinary runs: the frozen one is the trainer with
 * conv 1 set to the bank and frozen, the learned one the same start
 * without — the same numbers as composing them by hand. */
static double
run_by_hand (gboolean              frozen,
             const CnnDataset     *train,
             const CnnDataset     *test,
             const CnnTrainConfig *config)
{
  g_autoptr(CnnNet) digits = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autoptr(CnnNet) net = cnn_net_new ("conv3x3x12 relu pool2 conv3x3x16 relu pool2 flatten dense10", NULL);
  g_autofree char *variant = cnn_classic_variant_spec (digits, NULL);
  g_autoptr(CnnTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *bank = NULL;
  const CnnLayer *l0 = &net->layers[0];
  CnnRng rng;

  g_assert_cmpstr (net->spec, ==, variant);
  cnn_rng_init (&rng, config->seed);
  cnn_net_init_weights (net, &rng);
  if (frozen)
    cnn_classic_set_bank (net, 0);
  bank = g_memdup2 (net->params + l0->w_offset, sizeof (float) * l0->n_weights);
  trainer = cnn_trainer_new (net, train, test, config, &error);
  g_assert_no_error (error);
  if (frozen)
    cnn_trainer_freeze (trainer, l0->w_offset, l0->n_weights);
  while (!cnn_trainer_finished (trainer))
    g_assert_true (cnn_trainer_step (trainer, NULL, NULL));
  /* frozen: still the bank; learned: moved */
  g_assert_cmpint (memcmp (bank, net->params + l0->w_offset, sizeof (float) * l0->n_weights) == 0,
                   ==, frozen);
  return cnn_accuracy (net, NULL, test);
}

static void
test_experiment_is_two_runs (void)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autoptr(GError) error = NULL;
  CnnTrainConfig config;
  CnnClassicResult result;
  double frozen, learned;

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  cnn_train_config_init_default (&config);
  config.epochs = 3;
  config.augment = CNN_AUGMENT_NONE;
  config.seed = 4;

  g_assert_true (cnn_classic_experiment (net, train, test, &config, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  frozen = run_by_hand (TRUE, train, test, &config);
  learned = run_by_hand (FALSE, train, test, &config);
  g_test_message ("3 epochs: frozen %.4f, learned %.4f", frozen, learned);
  g_assert_cmpfloat (result.frozen_accuracy, ==, frozen);
  g_assert_cmpfloat (result.learned_accuracy, ==, learned);
}

static void
test_experiment_cancel_and_refuse (void)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autoptr(CnnNet) dense = cnn_net_new ("dense10", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CnnTrainConfig config;
  CnnClassicResult result = { -1, -1 };
  ProgressLog log = { .cancel_at = 3, .cancellable = cancellable };

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  cnn_train_config_init_default (&config);
  config.epochs = 4;
  config.augment = CNN_AUGMENT_NONE;

  /* cancelled in the frozen run's third epoch: stops within a mini-batch */
  g_assert_false (cnn_classic_experiment (net, train, test, &config, on_progress, &log,
                                          cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (log.calls, ==, 3);
  g_assert_cmpfloat (result.frozen_accuracy, ==, -1);
  g_clear_error (&error);

  /* no first layer of 3×3 filters: refused before anything runs */
  log = (ProgressLog) { 0 };
  g_assert_false (cnn_classic_experiment (dense, train, test, &config, on_progress, &log,
                                          NULL, &result, &error));
  g_assert_error (error, CNN_ERROR, CNN_ERROR_SPEC);
  g_assert_cmpint (log.calls, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  all_digits = cnn_dataset_load_builtin (&error);
  g_assert_no_error (error);

  g_test_add_func ("/classic/ids", test_ids);
  g_test_add_func ("/classic/bank-values", test_bank_values);
  g_test_add_func ("/classic/cosine-and-match", test_cosine_and_match);
  g_test_add_func ("/classic/feature-maps", test_feature_maps_are_a_conv_layer);
  g_test_add_func ("/classic/variant", test_variant);
  g_test_add_func ("/classic/set-bank", test_set_bank);
  g_test_add_func ("/classic/experiment", test_experiment);
  g_test_add_func ("/classic/experiment-is-two-runs", test_experiment_is_two_runs);
  g_test_add_func ("/classic/experiment-cancel-and-refuse", test_experiment_cancel_and_refuse);

  return g_test_run ();
}
