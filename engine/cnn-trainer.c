/* cnn-trainer.c — mini-batch training and evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cnn-trainer.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cnn-error.h"

/* Forward passes per held-out sample in the temperature fit: the sample
 * as it is, then (unless the run had no augmentation) 4 draws of the run's
 * augmentation. Calibrated on the drawings the network was trained to
 * read, not only on clean ones, where it is nearly always right — and
 * where, when all of them are, the loss keeps falling as T shrinks, which
 * says nothing about how sure it should be of a drawing unlike its
 * writers'. */
#define VALIDATION_DRAWS 5

struct _CnnTrainer {
  CnnNet           *net;        /* not owned: trained in place */
  const CnnDataset *train;
  const CnnDataset *test;
  CnnTrainConfig    config;
  CnnOptimizer     *opt;
  CnnWorkspace     *ws;
  CnnAugmenter     *augmenter;
  float            *grads;      /* like net->params: mean over the last batch */
  float            *last_good;  /* the weights before the last update */
  float            *dlogits;    /* [n_classes], label smoothing's gradient */
  CnnRng            rng;
  guint32          *order;      /* [n_order] indices into train, reshuffled every epoch */
  gsize             n_order;    /* the samples trained on */
  guint32          *validation; /* [n_validation] indices into train, held out */
  gsize             n_validation;
  float            *val_logits; /* [n_validation · VALIDATION_DRAWS][n_classes] */
  guint8           *val_labels; /* [n_validation · VALIDATION_DRAWS] */
  gsize             pos;        /* next sample of order */
  int               epoch;
  gint64            step;
  double            epoch_loss;
  gsize             epoch_seen;
  gsize             epoch_correct;
  float             test_accuracy;
  int               last_index;
  float             last_input[CNN_INPUT_SIZE];
  gsize             frozen_offset; /* params held fixed (cnn_trainer_freeze) */
  gsize             frozen_n;
};

void
cnn_train_config_init_default (CnnTrainConfig *config)
{
  g_return_if_fail (config != NULL);

  *config = (CnnTrainConfig) {
    .optimizer = CNN_OPTIMIZER_ADAM,
    .lr = 0.02f,
    .batch_size = 32,
    .epochs = 30,
    .weight_decay = 0.0f,
    .augment = CNN_AUGMENT_FULL,
    .lr_decay = TRUE,
    .seed = 1,
    .label_smoothing = 0.0f,
    .validation = 0.05f,
  };
}

/* The held-out part: round (validation · count) samples of each class,
 * chosen by a generator of its own (seeded from config->seed), at least one
 * sample left to train on. Fills t->order with the rest, in data order. */
static void
split_validation (CnnTrainer *t)
{
  const CnnDataset *ds = t->train;
  g_autofree guint32 *by_class = g_new (guint32, ds->n);
  g_autofree gboolean *held = g_new0 (gboolean, ds->n);
  gsize start = 0;
  CnnRng rng;

  t->n_validation = 0;
  cnn_rng_init (&rng, t->config.seed ^ G_GUINT64_CONSTANT (0x7e11da7a7e11da7a));
  for (int c = 0; c < ds->n_classes && t->config.validation > 0.0f; c++)
    {
      gsize count = 0, take;

      for (gsize i = 0; i < ds->n; i++)
        if (ds->y[i] == c)
          by_class[start + count++] = (guint32) i;
      take = (gsize) floor (count * (double) t->config.validation + 0.5);
      take = MIN (take, count);
      cnn_rng_shuffle (&rng, by_class + start, count);
      for (gsize k = 0; k < take; k++)
        held[by_class[start + k]] = TRUE;
      t->n_validation += take;
      start += count;
    }
  if (t->n_validation >= ds->n)
    {
      /* too few samples to hold any out */
      memset (held, 0, sizeof (gboolean) * ds->n);
      t->n_validation = 0;
    }

  t->validation = g_new (guint32, MAX (t->n_validation, 1));
  t->order = g_new (guint32, ds->n);
  t->n_order = 0;
  for (gsize i = 0, v = 0; i < ds->n; i++)
    {
      if (held[i])
        t->validation[v++] = (guint32) i;
      else
        t->order[t->n_order++] = (guint32) i;
    }
}

CnnTrainer *
cnn_trainer_new (CnnNet               *net,
                 const CnnDataset     *train,
                 const CnnDataset     *test,
                 const CnnTrainConfig *config,
                 GError              **error)
{
  CnnTrainer *t;

  g_return_val_if_fail (net != NULL && train != NULL && config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (train->n == 0)
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_DATA, _("There are no training samples"));
      return NULL;
    }
  if (train->n_classes != net->n_classes || (test != NULL && test->n_classes != net->n_classes))
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_DATA,
                   _("The network has %d outputs but the data has %d classes"),
                   net->n_classes, train->n_classes);
      return NULL;
    }
  if (config->batch_size < 1 || config->epochs < 1 || !(config->lr > 0.0f)
      || !(config->weight_decay >= 0.0f))
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_DATA,
                           _("Batch size and epochs must be at least 1 and the learning rate positive"));
      return NULL;
    }
  if (cnn_augment_to_string (config->augment) == NULL
      || !(config->label_smoothing >= 0.0f && config->label_smoothing < 1.0f)
      || !(config->validation >= 0.0f && config->validation < 1.0f))
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_DATA,
                           _("Augmentation must be none, shift or full, and label smoothing "
                             "and the validation fraction from 0 to below 1"));
      return NULL;
    }

  t = g_new0 (CnnTrainer, 1);
  t->net = net;
  t->train = train;
  t->test = test;
  t->config = *config;
  t->opt = cnn_optimizer_new (config->optimizer, config->lr, config->weight_decay, net->n_params);
  t->ws = cnn_workspace_new (net);
  t->grads = cnn_blob_new (net->n_params);
  t->last_good = cnn_blob_new (net->n_params);
  memcpy (t->last_good, net->params, sizeof (float) * net->n_params);
  t->dlogits = g_new0 (float, net->n_classes);
  /* a stream of its own, apart from the one that initialised the weights */
  cnn_rng_init (&t->rng, config->seed ^ G_GUINT64_CONSTANT (0x5eed5eed5eed5eed));
  split_validation (t);
  t->val_logits = g_new (float, MAX (t->n_validation, 1) * VALIDATION_DRAWS * net->n_classes);
  t->val_labels = g_new (guint8, MAX (t->n_validation, 1) * VALIDATION_DRAWS);
  t->augmenter = cnn_augmenter_new (train, config->augment, NULL);
  t->test_accuracy = -1.0f;
  t->last_index = -1;
  return t;
}

void
cnn_trainer_free (CnnTrainer *t)
{
  if (t == NULL)
    return;
  cnn_optimizer_free (t->opt);
  cnn_workspace_free (t->ws);
  cnn_augmenter_free (t->augmenter);
  cnn_blob_free (t->grads);
  cnn_blob_free (t->last_good);
  g_free (t->dlogits);
  g_free (t->order);
  g_free (t->validation);
  g_free (t->val_logits);
  g_free (t->val_labels);
  g_free (t);
}

gboolean
cnn_trainer_finished (CnnTrainer *t)
{
  g_return_val_if_fail (t != NULL, TRUE);
  return t->epoch >= t->config.epochs && t->pos == 0;
}

const float *
cnn_trainer_grads (CnnTrainer *t)
{
  g_return_val_if_fail (t != NULL, NULL);
  return t->grads;
}

int
cnn_trainer_last_sample (CnnTrainer *t,
                         float       input[CNN_INPUT_SIZE])
{
  g_return_val_if_fail (t != NULL, -1);
  if (input != NULL)
    memcpy (input, t->last_input, sizeof t->last_input);
  return t->last_index;
}

void
cnn_trainer_freeze (CnnTrainer *t,
                    gsize       offset,
                    gsize       n)
{
  g_return_if_fail (t != NULL);
  g_return_if_fail (offset <= t->net->n_params && n <= t->net->n_params - offset);

  t->frozen_offset = offset;
  t->frozen_n = n;
}

gsize
cnn_trainer_n_train (CnnTrainer *t)
{
  g_return_val_if_fail (t != NULL, 0);
  return t->n_order;
}

gsize
cnn_trainer_n_validation (CnnTrainer *t)
{
  g_return_val_if_fail (t != NULL, 0);
  return t->n_validation;
}

static gboolean
all_finite (const float *v,
            gsize        n)
{
  float acc = 0.0f;

  /* x·0 is NaN for an infinite or NaN x: one branch-free pass */
  for (gsize i = 0; i < n; i++)
    acc += v[i] * 0.0f;
  return acc == 0.0f;
}

gboolean
cnn_trainer_step (CnnTrainer        *t,
                  CnnTrainProgress  *progress,
                  GError           **error)
{
  CnnNet *net;
  const CnnDataset *ds;
  gsize batch;
  double loss = 0.0;
  gsize correct = 0;
  float augmented[CNN_INPUT_SIZE];
  const float smoothing = t->config.label_smoothing;

  g_return_val_if_fail (t != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  net = t->net;
  ds = t->train;
  /* training runs at T = 1; the weights it leaves have no record yet */
  net->temperature = 1.0f;
  net->has_record = FALSE;

  if (t->pos == 0)
    {
      if (t->epoch >= t->config.epochs)
        t->epoch = 0;   /* a finished trainer starts another run of epochs */
      t->epoch++;
      t->epoch_loss = 0.0;
      t->epoch_seen = 0;
      t->epoch_correct = 0;
      cnn_rng_shuffle (&t->rng, t->order, t->n_order);
    }

  batch = MIN ((gsize) t->config.batch_size, t->n_order - t->pos);
  memset (t->grads, 0, sizeof (float) * net->n_params);

  for (gsize b = 0; b < batch; b++)
    {
      guint32 index = t->order[t->pos + b];
      /* cnn-augment.h: none, shift (the old default) or the full pipeline */
      const float *x = cnn_augmenter_sample (t->augmenter, index, &t->rng, augmented);
      int label = ds->y[index];
      const float *probs;

      probs = cnn_net_forward (net, t->ws, x);
      correct += cnn_argmax (probs, net->n_classes) == label;
      if (smoothing > 0.0f)
        {
          /* targets (1 − ε)·one-hot + ε/K: dL/dz = p − target */
          const float off = smoothing / net->n_classes;
          double l = 0.0;

          for (int c = 0; c < net->n_classes; c++)
            {
              float target = off + (c == label ? 1.0f - smoothing : 0.0f);

              t->dlogits[c] = probs[c] - target;
              l -= target * log (MAX (probs[c], 1e-30f));
            }
          if (isnan (probs[label]))
            l = NAN;
          cnn_net_backward_from_logits (net, t->ws, t->dlogits, t->grads, FALSE);
          loss += l;
        }
      else
        loss += cnn_net_backward (net, t->ws, label, t->grads, FALSE);

      if (b == batch - 1)
        {
          t->last_index = (int) index;
          memcpy (t->last_input, x, sizeof t->last_input);
        }
    }

  if (!isfinite (loss) || !all_finite (t->grads, net->n_params))
    {
      /* the step as text: xgettext cannot see through G_GINT64_FORMAT */
      g_autofree char *step = g_strdup_printf ("%" G_GINT64_FORMAT, t->step + 1);

      /* these weights gave a non-finite loss: go back to the ones before the
       * update that made them */
      memcpy (net->params, t->last_good, sizeof (float) * net->n_params);
      cnn_optimizer_reset (t->opt);
      g_set_error (error, CNN_ERROR, CNN_ERROR_DIVERGED,
                   /* TRANSLATORS: the first %s is the step, the second "NaN" or "infinite" */
                   _("Training diverged at step %s (the loss became %s); "
                     "the last good weights were restored. Try a lower learning rate."),
                   step, isnan (loss) ? "NaN" : _("infinite"));
      return FALSE;
    }

  memcpy (t->last_good, net->params, sizeof (float) * net->n_params);
  {
    const float scale = 1.0f / (float) batch;

    for (gsize i = 0; i < net->n_params; i++)
      t->grads[i] *= scale;
  }
  if (t->config.lr_decay)
    {
      /* where this step falls in the run of epochs, 0..1 */
      double steps_per_epoch = ceil ((double) t->n_order / t->config.batch_size);
      double f = ((t->epoch - 1) * steps_per_epoch + floor ((double) t->pos / t->config.batch_size))
                 / (t->config.epochs * steps_per_epoch);

      t->opt->lr = (float) (t->config.lr * 0.5 * (1.0 + cos (G_PI * MIN (f, 1.0))));
    }
  cnn_optimizer_step (t->opt, net->params, t->grads, 1.0f);
  /* frozen parameters: undo the update (weight decay included) from the
   * copy taken just before it, which is exact whatever the optimizer did */
  if (t->frozen_n > 0)
    memcpy (net->params + t->frozen_offset, t->last_good + t->frozen_offset,
            sizeof (float) * t->frozen_n);

  t->step++;
  t->pos += batch;
  t->epoch_loss += loss;
  t->epoch_seen += batch;
  t->epoch_correct += correct;

  if (progress != NULL)
    {
      progress->epoch = t->epoch;
      progress->step = t->step;
      progress->loss = (float) (loss / batch);
      progress->epoch_loss = (float) (t->epoch_loss / t->epoch_seen);
      progress->train_accuracy = (float) t->epoch_correct / (float) t->epoch_seen;
      progress->epoch_done = FALSE;
    }

  if (t->pos >= t->n_order)
    {
      t->pos = 0;
      if (t->test != NULL)
        t->test_accuracy = (float) cnn_accuracy (net, t->ws, t->test);
      if (progress != NULL)
        progress->epoch_done = TRUE;
    }
  if (progress != NULL)
    progress->test_accuracy = t->test_accuracy;

  return TRUE;
}

gboolean
cnn_train (CnnNet               *net,
           const CnnDataset     *train,
           const CnnDataset     *test,
           const CnnTrainConfig *config,
           CnnProgressFunc       progress_func,
           gpointer              user_data,
           GCancellable         *cancellable,
           GError              **error)
{
  g_autoptr(CnnTrainer) t = NULL;

  t = cnn_trainer_new (net, train, test, config, error);
  if (t == NULL)
    return FALSE;

  do
    {
      CnnTrainProgress progress;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!cnn_trainer_step (t, &progress, error))
        return FALSE;
      if (progress_func != NULL && !progress_func (&progress, user_data))
        break;
    }
  while (!cnn_trainer_finished (t));

  cnn_trainer_finish (t);
  return TRUE;
}

/* f'(β) of the mean cross-entropy f(β) = mean logsumexp (β z) − β z_label:
 * mean over the samples of E_softmax(βz)[z] − z_label. Increasing in β. */
static double
nll_slope (const float  *logits,
           const guint8 *labels,
           gsize         n,
           int           k,
           double        beta)
{
  double slope = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      const float *z = logits + i * k;
      double max = z[0], sum = 0.0, mean = 0.0;

      for (int c = 1; c < k; c++)
        max = MAX (max, (double) z[c]);
      for (int c = 0; c < k; c++)
        {
          double e = exp (beta * (z[c] - max));

          sum += e;
          mean += e * z[c];
        }
      slope += mean / sum - z[labels[i]];
    }
  return slope / (double) n;
}

float
cnn_fit_temperature (const float  *logits,
                     const guint8 *labels,
                     gsize         n,
                     int           n_classes)
{
  double lo = 1.0 / CNN_TEMPERATURE_MAX, hi = 1.0 / CNN_TEMPERATURE_MIN;

  g_return_val_if_fail (n == 0 || (logits != NULL && labels != NULL), 1.0f);
  g_return_val_if_fail (n_classes >= 2, 1.0f);

  if (n == 0)
    return 1.0f;
  if (nll_slope (logits, labels, n, n_classes, lo) >= 0.0)
    return CNN_TEMPERATURE_MAX;
  if (nll_slope (logits, labels, n, n_classes, hi) <= 0.0)
    return CNN_TEMPERATURE_MIN;
  /* bisection in log β: 40 halvings of a factor-32 range leave 1e-10 */
  for (int i = 0; i < 40; i++)
    {
      double mid = sqrt (lo * hi);

      if (nll_slope (logits, labels, n, n_classes, mid) < 0.0)
        lo = mid;
      else
        hi = mid;
    }
  return (float) (1.0 / sqrt (lo * hi));
}

float
cnn_trainer_finish (CnnTrainer *t)
{
  CnnNet *net;
  CnnTrainRecord *r;
  CnnRng rng;
  const int k = t != NULL ? t->net->n_classes : 0;
  const int draws = t != NULL && t->config.augment != CNN_AUGMENT_NONE ? VALIDATION_DRAWS : 1;
  gsize n = 0;

  g_return_val_if_fail (t != NULL, 1.0f);

  net = t->net;
  /* the logits are the output of the dense layer before the softmax, at 1 */
  net->temperature = 1.0f;
  /* a stream of its own, so the fit is the same whenever the run ends */
  cnn_rng_init (&rng, t->config.seed ^ G_GUINT64_CONSTANT (0xca11b4a7eca11b4a));
  for (gsize i = 0; i < t->n_validation; i++)
    for (int d = 0; d < draws; d++)
      {
        guint32 index = t->validation[i];
        float augmented[CNN_INPUT_SIZE];
        const float *x = d == 0 ? t->train->x + (gsize) index * CNN_INPUT_SIZE
                                : cnn_augmenter_sample (t->augmenter, index, &rng, augmented);

        cnn_net_forward (net, t->ws, x);
        memcpy (t->val_logits + n * k, cnn_workspace_output (t->ws, net->n_layers - 2),
                sizeof (float) * k);
        t->val_labels[n++] = t->train->y[index];
      }
  net->temperature = cnn_fit_temperature (t->val_logits, t->val_labels, n, k);

  r = &net->record;
  memset (r, 0, sizeof *r);
  r->optimizer = t->config.optimizer;
  r->lr = t->config.lr;
  r->lr_decay = t->config.lr_decay;
  r->batch_size = t->config.batch_size;
  /* the epoch in progress does not count until it is done */
  r->epochs = t->pos == 0 ? t->epoch : t->epoch - 1;
  r->weight_decay = t->config.weight_decay;
  r->augment = t->config.augment;
  r->label_smoothing = t->config.label_smoothing;
  r->seed = t->config.seed;
  r->n_train = (guint32) t->n_order;
  r->n_validation = (guint32) t->n_validation;
  r->test_accuracy = t->test != NULL ? (float) cnn_accuracy (net, t->ws, t->test) : -1.0f;
  g_strlcpy (r->data, t->config.data, sizeof r->data);
  net->has_record = TRUE;

  return net->temperature;
}

double
cnn_accuracy (const CnnNet     *net,
              CnnWorkspace     *ws,
              const CnnDataset *ds)
{
  g_autoptr(CnnWorkspace) own = NULL;
  gsize correct = 0;

  g_return_val_if_fail (net != NULL && ds != NULL, 0.0);

  if (ds->n == 0)
    return 0.0;
  if (ws == NULL)
    ws = own = cnn_workspace_new (net);
  for (gsize i = 0; i < ds->n; i++)
    correct += cnn_argmax (cnn_net_forward (net, ws, ds->x + i * CNN_INPUT_SIZE), net->n_classes) == ds->y[i];
  return (double) correct / (double) ds->n;
}

CnnEvaluation *
cnn_evaluate (const CnnNet     *net,
              const CnnDataset *ds)
{
  g_autoptr(CnnWorkspace) ws = NULL;
  CnnEvaluation *eval;
  GArray *mistakes;
  double loss = 0.0;
  double bin_conf[CNN_ECE_BINS] = { 0 };
  gsize bin_n[CNN_ECE_BINS] = { 0 }, bin_correct[CNN_ECE_BINS] = { 0 };

  g_return_val_if_fail (net != NULL && ds != NULL, NULL);
  g_return_val_if_fail (ds->n_classes <= net->n_classes, NULL);

  ws = cnn_workspace_new (net);
  eval = g_new0 (CnnEvaluation, 1);
  eval->n_classes = net->n_classes;
  eval->n = ds->n;
  eval->confusion = g_new0 (guint, (gsize) net->n_classes * net->n_classes);
  mistakes = g_array_new (FALSE, FALSE, sizeof (CnnMistake));

  for (gsize i = 0; i < ds->n; i++)
    {
      const float *probs = cnn_net_forward (net, ws, ds->x + i * CNN_INPUT_SIZE);
      int truth = ds->y[i];
      int predicted = cnn_argmax (probs, net->n_classes);
      float p = probs[predicted];
      /* bins [0, 0.1), …, [0.9, 1]: p = 1 goes to the last */
      int bin = MIN ((int) (p * CNN_ECE_BINS), CNN_ECE_BINS - 1);

      eval->confusion[truth * net->n_classes + predicted]++;
      eval->correct += predicted == truth;
      if (predicted != truth)
        {
          CnnMistake m = { i, truth, predicted, p };

          eval->max_wrong = MAX (eval->max_wrong, p);
          g_array_append_val (mistakes, m);
        }
      loss -= log (MAX (probs[truth], 1e-30f));
      bin = MAX (bin, 0);
      bin_n[bin]++;
      bin_correct[bin] += predicted == truth;
      bin_conf[bin] += p;
    }
  eval->accuracy = ds->n > 0 ? (double) eval->correct / (double) ds->n : 0.0;
  eval->loss = ds->n > 0 ? loss / (double) ds->n : 0.0;
  for (int b = 0; b < CNN_ECE_BINS; b++)
    if (bin_n[b] > 0)
      eval->ece += fabs ((double) bin_correct[b] - bin_conf[b]) / (double) ds->n;
  eval->mistakes = (CnnMistake *) (gpointer) g_array_free (mistakes, FALSE);
  return eval;
}

double
cnn_evaluation_precision (const CnnEvaluation *eval,
                          int                  c)
{
  guint predicted = 0;

  g_return_val_if_fail (eval != NULL && c >= 0 && c < eval->n_classes, NAN);

  for (int t = 0; t < eval->n_classes; t++)
    predicted += eval->confusion[t * eval->n_classes + c];
  return predicted > 0 ? eval->confusion[c * eval->n_classes + c] / (double) predicted : NAN;
}

double
cnn_evaluation_recall (const CnnEvaluation *eval,
                       int                  c)
{
  guint actual = 0;

  g_return_val_if_fail (eval != NULL && c >= 0 && c < eval->n_classes, NAN);

  for (int p = 0; p < eval->n_classes; p++)
    actual += eval->confusion[c * eval->n_classes + p];
  return actual > 0 ? eval->confusion[c * eval->n_classes + c] / (double) actual : NAN;
}

void
cnn_evaluation_free (CnnEvaluation *eval)
{
  if (eval == NULL)
    return;
  g_free (eval->confusion);
  g_free (eval->mistakes);
  g_free (eval);
}
