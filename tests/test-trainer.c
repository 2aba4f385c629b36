/* test-trainer.c — training reaches the accuracy asked, reproducibly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cnn.h"
#include "gradcheck.h"

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
  g_test_message ("digits, defaults: test accuracy %.4f, ECE %.4f at T = %.3f, worst wrong %.3f",
                  eval->accuracy, eval->ece, net->temperature, eval->max_wrong);
  /* the product's targets, with the defaults (full augmentation, the
   * temperature fitted on the held-out twentieth) */
  g_assert_cmpfloat (eval->accuracy, >=, 0.985);
  g_assert_cmpfloat (eval->ece, <=, 0.03);
  g_assert_cmpint (config.augment, ==, CNN_AUGMENT_FULL);
  g_assert_true (net->has_record);
  g_assert_cmpint (net->record.epochs, ==, config.epochs);
  g_assert_cmpint (net->record.augment, ==, CNN_AUGMENT_FULL);
  g_assert_cmpfloat (net->record.test_accuracy, ==, (float) eval->accuracy);
  g_assert_cmpuint (eval->n, ==, 360);
  for (int i = 0; i < 100; i++)
    total += eval->confusion[i];
  g_assert_cmpuint (total, ==, 360);
  g_assert_cmpfloat (cnn_accuracy (net, NULL, test), ==, eval->accuracy);

  /* every wrong digit listed, with the network's own answer */
  {
    g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
    gsize n_wrong = eval->n - eval->correct;

    for (gsize i = 0; i < n_wrong; i++)
      {
        const CnnMistake *m = &eval->mistakes[i];
        const float *probs = cnn_net_forward (net, ws, test->x + m->index * CNN_INPUT_SIZE);

        g_assert_cmpint (m->label, ==, test->y[m->index]);
        g_assert_cmpint (m->predicted, ==, cnn_argmax (probs, 10));
        g_assert_cmpint (m->predicted, !=, m->label);
        g_assert_cmpfloat (m->confidence, ==, probs[m->predicted]);
        g_assert_true (i == 0 || eval->mistakes[i - 1].index < m->index);
      }
  }
}

/* Precision and recall from a confusion matrix worked out by hand */
static void
test_precision_recall (void)
{
  guint confusion[] = { 3, 1,    /* true 0: 3 right, 1 read as 1 */
                        2, 4,    /* true 1: 2 read as 0, 4 right */
                        0, 0 };
  CnnEvaluation eval = { .n_classes = 2, .n = 10, .correct = 7, .confusion = confusion };
  CnnEvaluation three = { .n_classes = 3, .n = 10, .correct = 7, .confusion = confusion };
  guint nine[9] = { 3, 1, 0, 2, 4, 0, 0, 0, 0 };

  g_assert_cmpfloat_with_epsilon (cnn_evaluation_precision (&eval, 0), 3.0 / 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cnn_evaluation_recall (&eval, 0), 3.0 / 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cnn_evaluation_precision (&eval, 1), 4.0 / 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cnn_evaluation_recall (&eval, 1), 4.0 / 6.0, 1e-12);
  /* a class nobody is, nor was predicted: nothing to share */
  three.confusion = nine;
  g_assert_true (isnan (cnn_evaluation_precision (&three, 2)));
  g_assert_true (isnan (cnn_evaluation_recall (&three, 2)));
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
train_once (CnnOptimizerKind kind, CnnAugment augment, float *out, gsize n)
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

  train_once (CNN_OPTIMIZER_ADAM, CNN_AUGMENT_FULL, a, n);
  train_once (CNN_OPTIMIZER_ADAM, CNN_AUGMENT_FULL, b, n);
  train_once (CNN_OPTIMIZER_ADAM, CNN_AUGMENT_NONE, c, n);
  g_assert_cmpmem (a, n * 4, b, n * 4);
  g_assert_true (memcmp (a, c, n * 4) != 0);
  train_once (CNN_OPTIMIZER_ADAM, CNN_AUGMENT_SHIFT, c, n);
  g_assert_true (memcmp (a, c, n * 4) != 0);

  train_once (CNN_OPTIMIZER_SGD, CNN_AUGMENT_SHIFT, a, n);
  train_once (CNN_OPTIMIZER_SGD, CNN_AUGMENT_SHIFT, b, n);
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
  g_clear_error (&error);

  cnn_train_config_init_default (&config);
  config.augment = (CnnAugment) 3;
  trainer = cnn_trainer_new (net, all_digits, NULL, &config, &error);
  g_assert_null (trainer);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_DATA);
  g_clear_error (&error);

  cnn_train_config_init_default (&config);
  config.label_smoothing = 1.0f;
  trainer = cnn_trainer_new (net, all_digits, NULL, &config, &error);
  g_assert_null (trainer);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_DATA);
  g_clear_error (&error);

  cnn_train_config_init_default (&config);
  config.validation = -0.1f;
  trainer = cnn_trainer_new (net, all_digits, NULL, &config, &error);
  g_assert_null (trainer);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_DATA);
}

/* Temperature scaling, against answers worked out by hand. Two classes,
 * every sample with logits (d, 0): the loss of T is that of a coin that
 * says class 0 with σ(d/T), so with a share q of the samples labelled 0
 * the best T makes σ(d/T) = q: T = d / ln (q / (1 − q)). */
static void
test_fit_temperature_known (void)
{
  float logits[10 * 2];
  guint8 labels[10];

  for (int i = 0; i < 10; i++)
    {
      logits[2 * i] = 4.0f;
      logits[2 * i + 1] = 0.0f;
      labels[i] = i < 8 ? 0 : 1;
    }
  /* q = 0.8: T = 4 / ln 4 = 2.885 */
  g_assert_cmpfloat_with_epsilon (cnn_fit_temperature (logits, labels, 10, 2), 4.0 / log (4.0), 1e-4);

  /* q = 0.95 needs sharper than the logits: T = 4 / ln 19 = 1.358 */
  {
    float many[40 * 2];
    guint8 many_labels[40];

    for (int i = 0; i < 40; i++)
      {
        many[2 * i] = 4.0f;
        many[2 * i + 1] = 0.0f;
        many_labels[i] = i < 38 ? 0 : 1;
      }
    g_assert_cmpfloat_with_epsilon (cnn_fit_temperature (many, many_labels, 40, 2),
                                    4.0 / log (19.0), 1e-4);
  }

  /* q = 0.5: no T does better than a coin (T → ∞): the top of the range */
  for (int i = 0; i < 10; i++)
    labels[i] = i % 2;
  g_assert_cmpfloat (cnn_fit_temperature (logits, labels, 10, 2), ==, CNN_TEMPERATURE_MAX);

  /* every sample right: sharper is always better, down to the range's end */
  for (int i = 0; i < 10; i++)
    labels[i] = 0;
  g_assert_cmpfloat (cnn_fit_temperature (logits, labels, 10, 2), ==, CNN_TEMPERATURE_MIN);

  /* nothing to fit on */
  g_assert_cmpfloat (cnn_fit_temperature (NULL, NULL, 0, 2), ==, 1.0f);
}

typedef struct {
  CnnNet *net;
  CnnWorkspace *ws;
  float *input;
  int label;
} TemperatureCase;

static double
temperature_loss (gpointer data)
{
  TemperatureCase *c = data;

  return -log (cnn_net_forward (c->net, c->ws, c->input)[c->label]);
}

/* The forward pass divides the logits by the temperature; the backward
 * pass is the gradient of the loss of those calibrated probabilities. */
static void
test_temperature_forward_backward (void)
{
  g_autoptr(CnnNet) net = new_net (CNN_SPEC_DIGITS, 21);
  g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
  g_autofree float *grads = NULL;
  float input[CNN_INPUT_SIZE], logits[10], plain[10];
  TemperatureCase c = { net, ws, input, 3 };
  const float *probs;
  double sum = 0.0;
  CnnRng rng;

  cnn_rng_init (&rng, 21);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    input[i] = cnn_rng_uniform (&rng);
  /* non-zero biases so ReLUs are not all on the same side of their kink */
  for (int l = 0; l < net->n_layers; l++)
    for (gsize j = 0; j < net->layers[l].n_bias; j++)
      net->params[net->layers[l].b_offset + j] = 0.6f * cnn_rng_uniform (&rng) - 0.3f;
  memcpy (plain, cnn_net_forward (net, ws, input), sizeof plain);
  memcpy (logits, cnn_workspace_output (ws, net->n_layers - 2), sizeof logits);

  net->temperature = 2.5f;
  probs = cnn_net_forward (net, ws, input);
  for (int k = 0; k < 10; k++)
    sum += exp (logits[k] / 2.5);
  for (int k = 0; k < 10; k++)
    g_assert_cmpfloat_with_epsilon (probs[k], exp (logits[k] / 2.5) / sum, 1e-6);
  /* softer than at 1, same ranking */
  g_assert_cmpint (cnn_argmax (probs, 10), ==, cnn_argmax (plain, 10));
  g_assert_cmpfloat (probs[cnn_argmax (probs, 10)], <, plain[cnn_argmax (plain, 10)]);

  grads = cnn_blob_new (net->n_params);
  cnn_net_forward (net, ws, input);
  cnn_net_backward (net, ws, c.label, grads, FALSE);
  gradcheck ("digits at T = 2.5", net->params, grads, net->n_params, temperature_loss, &c);
  cnn_blob_free (g_steal_pointer (&grads));
}

/* The held-out part, the record of the run, and T = 1 while training */
static void
test_validation_and_record (void)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = new_net (CNN_SPEC_DIGITS, 6);
  g_autoptr(CnnTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  CnnTrainConfig config;
  CnnTrainProgress progress;
  gsize per_class[10] = { 0 };
  float temperature;

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  for (gsize i = 0; i < train->n; i++)
    per_class[train->y[i]]++;
  cnn_train_config_init_default (&config);
  config.epochs = 3;
  g_strlcpy (config.data, "the stratified split", sizeof config.data);
  trainer = cnn_trainer_new (net, train, test, &config, &error);
  g_assert_no_error (error);

  /* a twentieth of each class, rounded */
  {
    gsize expect = 0;

    for (int c = 0; c < 10; c++)
      expect += (gsize) floor (per_class[c] * (double) config.validation + 0.5);
    g_assert_cmpuint (cnn_trainer_n_validation (trainer), ==, expect);
    g_assert_cmpuint (cnn_trainer_n_train (trainer) + expect, ==, train->n);
  }

  net->temperature = 3.0f;
  g_assert_true (cnn_trainer_step (trainer, &progress, &error));
  g_assert_cmpfloat (net->temperature, ==, 1.0f);
  g_assert_false (net->has_record);
  while (!cnn_trainer_finished (trainer))
    g_assert_true (cnn_trainer_step (trainer, &progress, &error));

  temperature = cnn_trainer_finish (trainer);
  g_assert_cmpfloat (net->temperature, ==, temperature);
  g_assert_cmpfloat (temperature, >=, CNN_TEMPERATURE_MIN);
  g_assert_cmpfloat (temperature, <=, CNN_TEMPERATURE_MAX);
  g_test_message ("3 epochs: temperature %.4f", temperature);
  g_assert_true (net->has_record);
  g_assert_cmpint (net->record.optimizer, ==, config.optimizer);
  g_assert_cmpfloat (net->record.lr, ==, config.lr);
  g_assert_true (net->record.lr_decay);
  g_assert_cmpint (net->record.batch_size, ==, 32);
  g_assert_cmpint (net->record.epochs, ==, 3);
  g_assert_cmpint (net->record.augment, ==, CNN_AUGMENT_FULL);
  g_assert_cmpuint (net->record.seed, ==, 1);
  g_assert_cmpuint (net->record.n_train, ==, cnn_trainer_n_train (trainer));
  g_assert_cmpuint (net->record.n_validation, ==, cnn_trainer_n_validation (trainer));
  g_assert_cmpfloat (net->record.test_accuracy, ==, (float) cnn_accuracy (net, NULL, test));
  g_assert_cmpstr (net->record.data, ==, "the stratified split");
  /* ending twice fits the same: its draws have a generator of their own */
  g_assert_cmpfloat (cnn_trainer_finish (trainer), ==, temperature);

  /* nothing held out: every sample trains, the temperature stays 1 */
  {
    g_autoptr(CnnNet) other = new_net (CNN_SPEC_DIGITS, 6);
    g_autoptr(CnnTrainer) all = NULL;

    config.validation = 0.0f;
    config.epochs = 1;
    all = cnn_trainer_new (other, train, test, &config, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cnn_trainer_n_train (all), ==, train->n);
    g_assert_cmpuint (cnn_trainer_n_validation (all), ==, 0);
    while (!cnn_trainer_finished (all))
      g_assert_true (cnn_trainer_step (all, &progress, &error));
    g_assert_cmpfloat (cnn_trainer_finish (all), ==, 1.0f);
    g_assert_true (other->has_record);
  }
}

/* Label smoothing: the targets are (1 − ε)·one-hot + ε/10, so the network
 * stops short of certainty (1 − ε + ε/10 = 0.82 for ε = 0.2), where
 * without it the training digits get ~0.999. */
static void
test_label_smoothing_caps_confidence (void)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  CnnTrainConfig config;
  double top[2] = { 0.0, 0.0 };

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  for (int smoothed = 0; smoothed < 2; smoothed++)
    {
      g_autoptr(CnnNet) net = new_net (CNN_SPEC_DIGITS, 8);
      g_autoptr(CnnWorkspace) net_ws = NULL;

      cnn_train_config_init_default (&config);
      config.epochs = 10;
      config.augment = CNN_AUGMENT_NONE;
      config.validation = 0.0f;   /* T stays 1: the raw probabilities */
      config.label_smoothing = smoothed ? 0.2f : 0.0f;
      g_assert_true (cnn_train (net, train, test, &config, NULL, NULL, NULL, NULL));
      g_assert_cmpfloat (cnn_accuracy (net, NULL, test), >=, 0.95);
      net_ws = cnn_workspace_new (net);
      for (gsize i = 0; i < train->n; i++)
        {
          const float *p = cnn_net_forward (net, net_ws, train->x + i * CNN_INPUT_SIZE);

          top[smoothed] += p[cnn_argmax (p, 10)] / train->n;
        }
    }
  g_test_message ("mean top probability on the training digits: %.4f plain, %.4f smoothed",
                  top[0], top[1]);
  g_assert_cmpfloat (top[0], >, 0.97);
  g_assert_cmpfloat (top[1], <, 0.84);
  g_assert_cmpfloat (top[1], >, 0.7);
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

/* A frozen range is not touched by any step — no update, no weight decay —
 * with either optimizer, while everything around it trains. */
static void
test_freeze_range (void)
{
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;

  cnn_dataset_split_stratified (all_digits, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  for (int kind = CNN_OPTIMIZER_SGD; kind <= CNN_OPTIMIZER_ADAM; kind++)
    {
      g_autoptr(CnnNet) net = new_net (CNN_SPEC_DIGITS, 3);
      g_autoptr(CnnNet) before = cnn_net_copy (net);
      g_autoptr(CnnTrainer) trainer = NULL;
      g_autoptr(GError) error = NULL;
      const CnnLayer *l0 = &net->layers[0];
      const CnnLayer *l3 = &net->layers[3];
      CnnTrainConfig config;
      double grad_norm = 0.0;

      cnn_train_config_init_default (&config);
      config.optimizer = kind;
      config.epochs = 2;
      config.augment = CNN_AUGMENT_NONE;
      config.weight_decay = 0.01f;   /* would shrink every weight it reached */
      trainer = cnn_trainer_new (net, train, test, &config, &error);
      g_assert_no_error (error);
      cnn_trainer_freeze (trainer, l0->w_offset, l0->n_weights);
      while (!cnn_trainer_finished (trainer))
        {
          g_assert_true (cnn_trainer_step (trainer, NULL, &error));
          g_assert_no_error (error);
        }

      /* bit for bit */
      g_assert_cmpmem (net->params + l0->w_offset, sizeof (float) * l0->n_weights,
                       before->params + l0->w_offset, sizeof (float) * l0->n_weights);
      /* its biases, and the next conv's weights, did train */
      g_assert_cmpint (memcmp (net->params + l0->b_offset, before->params + l0->b_offset,
                               sizeof (float) * l0->n_bias), !=, 0);
      g_assert_cmpint (memcmp (net->params + l3->w_offset, before->params + l3->w_offset,
                               sizeof (float) * l3->n_weights), !=, 0);
      /* and the frozen weights' gradients are still reported */
      for (gsize i = 0; i < l0->n_weights; i++)
        grad_norm += fabs (cnn_trainer_grads (trainer)[l0->w_offset + i]);
      g_assert_cmpfloat (grad_norm, >, 0.0);
      /* and it learns around the frozen layer (chance: 0.1) */
      g_test_message ("%s, conv 1 frozen, 2 epochs: test accuracy %.4f",
                      cnn_optimizer_kind_to_string (kind), cnn_accuracy (net, NULL, test));
      g_assert_cmpfloat (cnn_accuracy (net, NULL, test), >, 0.5);
    }
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
  g_test_add_func ("/trainer/precision-recall", test_precision_recall);
  g_test_add_func ("/trainer/zero-or-one", test_train_zero_or_one);
  g_test_add_func ("/trainer/deterministic", test_train_deterministic);
  g_test_add_func ("/trainer/sgd-learns", test_sgd_learns);
  g_test_add_func ("/trainer/diverged", test_diverged_restores_last_good);
  g_test_add_func ("/trainer/cancel", test_cancel_within_one_batch);
  g_test_add_func ("/trainer/bad-setup", test_trainer_rejects_bad_setup);
  g_test_add_func ("/trainer/temperature/fit-known", test_fit_temperature_known);
  g_test_add_func ("/trainer/temperature/forward-backward", test_temperature_forward_backward);
  g_test_add_func ("/trainer/validation-and-record", test_validation_and_record);
  g_test_add_func ("/trainer/label-smoothing", test_label_smoothing_caps_confidence);
  g_test_add_func ("/trainer/freeze-range", test_freeze_range);
  ret = g_test_run ();
  cnn_dataset_free (all_digits);
  return ret;
}
