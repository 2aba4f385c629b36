/* test-trainer.c — training reaches the accuracy asked, reproducibly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cnn.h"

static CnnDataset *all_digits;

static CnnNet *
new_net (const char *spec, guint64 seed)
{
  CnnNet *net = cnn_net_new (spec, NULL);
  CnnRng rng;

  cnn_rng_init (&rng, seed);
  cnn_net_init_weights (net, &rng);
  return net;
}

static gboolean
log_epoch (const CnnTrainProgress *p, gpointer user_data)
{
  if (p->epoch_done)
    g_test_message ("epoch %d  loss %.4f  train %.4f  test %.4f", p->epoch, p->epoch_loss,
                    p->train_accuracy, p->test_accuracy);
  return TRUE;
}

static void
test_train_digits_defaults (void)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = new_net (CNN_SPEC_DIGITS, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnEvaluation) eval = NULL;
  CnnTrainConfig config;
  guint total = 0;

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  cnn_train_config_init_default (&config);
  g_assert_true (cnn_train (net, train, test, &config, log_epoch, NULL, NULL, &error));
  g_assert_no_error (error);

  eval = cnn_evaluate (net, test);
  g_test_message ("digits, defaults: test accuracy %.4f", eval->accuracy);
  g_assert_cmpfloat (eval->accuracy, >=, 0.97);
  g_assert_cmpuint (eval->n, ==, 360);
  for (int i = 0; i < 100; i++)
    total += eval->confusion[i];
  g_assert_cmpuint (total, ==, 360);
  g_assert_cmpfloat (cnn_accuracy (net, NULL, test), ==, eval->accuracy);
}

static void
test_train_zero_or_one (void)
{
  g_autoptr(CnnDataset) subset = cnn_dataset_zero_or_one (all_digits);
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = new_net (CNN_SPEC_ZERO_OR_ONE, 1);
  g_autoptr(GError) error = NULL;
  CnnTrainConfig config;
  double accuracy;

  cnn_dataset_split_stratified (subset, subset->n / 5, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  cnn_train_config_init_default (&config);
  config.epochs = 10;
  g_assert_true (cnn_train (net, train, test, &config, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  accuracy = cnn_accuracy (net, NULL, test);
  g_test_message ("zero-or-one: test accuracy %.4f on %" G_GSIZE_FORMAT, accuracy, test->n);
  g_assert_cmpfloat (accuracy, >=, 0.99);
}

static void
train_once (CnnOptimizerKind kind, gboolean augment, float *out, gsize n)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = new_net (CNN_SPEC_DIGITS, 77);
  CnnTrainConfig config;

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, 5, &train, &test);
  cnn_train_config_init_default (&config);
  config.optimizer = kind;
  config.lr = kind == CNN_OPTIMIZER_SGD ? 0.05f : 0.01f;
  config.epochs = 2;
  config.augment = augment;
  config.seed = 77;
  g_assert_true (cnn_train (net, train, test, &config, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (n, ==, net->n_params);
  memcpy (out, net->params, n * sizeof (float));
}

static void
test_train_deterministic (void)
{
  const gsize n = 1898;
  g_autofree float *a = g_new (float, n);
  g_autofree float *b = g_new (float, n);
  g_autofree float *c = g_new (float, n);

  train_once (CNN_OPTIMIZER_ADAM, TRUE, a, n);
  train_once (CNN_OPTIMIZER_ADAM, TRUE, b, n);
  train_once (CNN_OPTIMIZER_ADAM, FALSE, c, n);
  g_assert_cmpmem (a, n * 4, b, n * 4);
  g_assert_true (memcmp (a, c, n * 4) != 0);

  train_once (CNN_OPTIMIZER_SGD, TRUE, a, n);
  train_once (CNN_OPTIMIZER_SGD, TRUE, b, n);
  g_assert_cmpmem (a, n * 4, b, n * 4);
}

static void
test_sgd_learns (void)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = new_net (CNN_SPEC_DIGITS, 2);
  CnnTrainConfig config;

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  cnn_train_config_init_default (&config);
  config.optimizer = CNN_OPTIMIZER_SGD;
  config.lr = 0.05f;
  config.epochs = 8;
  config.weight_decay = 1e-4f;
  g_assert_true (cnn_train (net, train, test, &config, NULL, NULL, NULL, NULL));
  g_assert_cmpfloat (cnn_accuracy (net, NULL, test), >=, 0.95);
}

static void
test_diverged_restores_last_good (void)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = new_net (CNN_SPEC_DIGITS, 3);
  g_autoptr(CnnTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *before = NULL;
  g_autofree float *prev = NULL;
  CnnTrainConfig config;
  CnnTrainProgress progress;
  int steps = 0;

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  cnn_train_config_init_default (&config);
  config.optimizer = CNN_OPTIMIZER_SGD;
  config.lr = 1e30f;
  trainer = cnn_trainer_new (net, train, test, &config, &error);
  g_assert_no_error (error);

  /* s_k: the weights going into step k; prev: those of the last good step */
  before = g_memdup2 (net->params, net->n_params * sizeof (float));
  prev = g_memdup2 (net->params, net->n_params * sizeof (float));
  for (;;)
    {
      memcpy (before, net->params, net->n_params * sizeof (float));
      if (!cnn_trainer_step (trainer, &progress, &error))
        break;
      memcpy (prev, before, net->n_params * sizeof (float));
      g_assert_cmpint (++steps, <, 50);
    }
  g_assert_error (error, CNN_ERROR, CNN_ERROR_DIVERGED);
  g_assert_nonnull (strstr (error->message, "learning rate"));
  g_test_message ("diverged after %d good steps: %s", steps, error->message);
  g_assert_cmpint (steps, >=, 1);

  /* restored: the weights that went into the last step whose loss was
   * finite, not the ones its update produced */
  for (gsize i = 0; i < net->n_params; i++)
    g_assert_true (isfinite (net->params[i]));
  g_assert_cmpmem (prev, net->n_params * sizeof (float), net->params, net->n_params * sizeof (float));
}

static gboolean
cancel_after_three (const CnnTrainProgress *p, gpointer user_data)
{
  if (p->step == 3)
    g_cancellable_cancel (user_data);
  return TRUE;
}

static gboolean
stop_after_five (const CnnTrainProgress *p, gpointer user_data)
{
  *(gint64 *) user_data = p->step;
  return p->step < 5;
}

static void
test_cancel_within_one_batch (void)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = new_net (CNN_SPEC_DIGITS, 4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CnnTrainConfig config;
  gint64 last_step = 0;

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  cnn_train_config_init_default (&config);
  g_assert_false (cnn_train (net, train, test, &config, cancel_after_three, cancellable,
                             cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_true (cnn_train (net, train, test, &config, stop_after_five, &last_step, NULL, NULL));
  g_assert_cmpint (last_step, ==, 5);
}

static void
test_trainer_rejects_bad_setup (void)
{
  g_autoptr(CnnDataset) subset = cnn_dataset_zero_or_one (all_digits);
  g_autoptr(CnnNet) net = new_net (CNN_SPEC_DIGITS, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnTrainer) trainer = NULL;
  CnnTrainConfig config;

  cnn_train_config_init_default (&config);
  trainer = cnn_trainer_new (net, subset, NULL, &config, &error);
  g_assert_null (trainer);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_DATA);
  g_clear_error (&error);

  config.batch_size = 0;
  trainer = cnn_trainer_new (net, all_digits, NULL, &config, &error);
  g_assert_null (trainer);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_DATA);
}

static void
test_shift_image (void)
{
  float src[64] = { 0 }, dst[64];

  src[0] = 1.0f;          /* (0, 0) */
  src[7 * 8 + 7] = 2.0f;  /* (7, 7) falls off when shifted right */
  cnn_shift_image (src, dst, 1, 1);
  g_assert_cmpfloat (dst[1 * 8 + 1], ==, 1.0f);
  g_assert_cmpfloat (dst[0], ==, 0.0f);
  for (int i = 0; i < 64; i++)
    g_assert_cmpfloat (dst[i], ==, i == 9 ? 1.0f : 0.0f);
  cnn_shift_image (src, dst, -1, 0);
  g_assert_cmpfloat (dst[7 * 8 + 6], ==, 2.0f);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  all_digits = cnn_dataset_load_builtin (&error);
  g_assert_no_error (error);

  g_test_add_func ("/trainer/shift-image", test_shift_image);
  g_test_add_func ("/trainer/digits-defaults", test_train_digits_defaults);
  g_test_add_func ("/trainer/zero-or-one", test_train_zero_or_one);
  g_test_add_func ("/trainer/deterministic", test_train_deterministic);
  g_test_add_func ("/trainer/sgd-learns", test_sgd_learns);
  g_test_add_func ("/trainer/diverged", test_diverged_restores_last_good);
  g_test_add_func ("/trainer/cancel", test_cancel_within_one_batch);
  g_test_add_func ("/trainer/bad-setup", test_trainer_rejects_bad_setup);
  ret = g_test_run ();
  cnn_dataset_free (all_digits);
  return ret;
}
