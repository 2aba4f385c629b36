/* cnn-trainer.h — mini-batch training, one step at a time or to the end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cnn-augment.h"
#include "cnn-dataset.h"
#include "cnn-net.h"
#include "cnn-optimizer.h"
#include "cnn-workspace.h"

G_BEGIN_DECLS

typedef struct {
  CnnOptimizerKind optimizer;
  float    lr;
  int      batch_size;
  int      epochs;
  float    weight_decay;
  CnnAugment augment;     /* see cnn-augment.h */
  gboolean lr_decay;      /* cosine decay of lr to 0 over the epochs */
  guint64  seed;          /* weights init (by the caller), validation split,
                           * shuffling and augmentation */
  float    label_smoothing; /* ε: the targets are (1 − ε)·one-hot + ε/K, which
                             * caps a probability at 1 − ε + ε/K; 0: off */
  float    validation;    /* the fraction of the training data held out (per
                           * class, seeded) to fit the temperature at the end
                           * of a run; 0: none held out, the temperature stays 1 */
  char     data[CNN_TRAIN_DATA_LEN]; /* what the training data is, for the
                                      * record (UTF-8, may be empty) */
} CnnTrainConfig;

/* Adam, lr 0.02 with cosine decay, batch 32, 30 epochs, weight decay 0,
 * full augmentation, seed 1, no label smoothing, 5 % held out for the
 * temperature, data "". */
void cnn_train_config_init_default (CnnTrainConfig *config);

typedef struct {
  int    epoch;          /* 1-based, the epoch in progress or just finished */
  gint64 step;           /* mini-batches done since the start */
  float  loss;           /* mean loss of the last mini-batch */
  float  epoch_loss;     /* mean loss over the epoch so far */
  float  train_accuracy; /* over the epoch so far (augmented samples) */
  float  test_accuracy;  /* at the end of each epoch; −1 before the first */
  gboolean epoch_done;
} CnnTrainProgress;

typedef struct _CnnTrainer CnnTrainer;

/* The trainer trains net in place (it keeps a pointer; the caller keeps
 * ownership of net, train and test and keeps them alive). test may be NULL. */
CnnTrainer *cnn_trainer_new      (CnnNet *net, const CnnDataset *train, const CnnDataset *test,
                                  const CnnTrainConfig *config, GError **error);
void        cnn_trainer_free     (CnnTrainer *trainer);

/* One mini-batch: forward, backward, update, at temperature 1 (a step sets
 * net->temperature to 1 and clears its training record: the weights it
 * leaves are not the ones they described). When it completes an epoch it
 * evaluates on test. Fails with CNN_ERROR_DIVERGED (and restores the weights
 * from before the step) if the loss is not finite. */
gboolean    cnn_trainer_step     (CnnTrainer *trainer, CnnTrainProgress *progress, GError **error);
gboolean    cnn_trainer_finished (CnnTrainer *trainer);
/* Last computed gradient blob (sum over the batch / batch size), like net->params. */
const float *cnn_trainer_grads   (CnnTrainer *trainer);
/* The index in train of the last sample of the last batch, and its augmented input. */
int         cnn_trainer_last_sample (CnnTrainer *trainer, float input[CNN_INPUT_SIZE]);
/* Holds the parameters [offset, offset + n) of net->params fixed (for
 * example one layer's weights, cnn_net_layer_weights): every later step
 * leaves them bit for bit as they were before it — no update and no
 * weight decay. Their gradients are still computed and reported by
 * cnn_trainer_grads(), and the optimizer's moments still follow them
 * (unused while frozen). One range per trainer; n = 0 frees it. */
void        cnn_trainer_freeze   (CnnTrainer *trainer, gsize offset, gsize n);
/* Samples trained on and held out for the temperature (they add up to train->n). */
gsize       cnn_trainer_n_train      (CnnTrainer *trainer);
gsize       cnn_trainer_n_validation (CnnTrainer *trainer);

/* Ends a run: fits the temperature on the held-out part (see
 * cnn_fit_temperature), each sample as it is and, unless the run had no
 * augmentation, four times augmented as in training; stores it on the
 * network with a training
 * record of the run (net->has_record). cnn_train() and the worker call it
 * when a run ends; a caller stepping by hand calls it when it stops.
 * Returns the temperature (1 when nothing was held out). */
float       cnn_trainer_finish       (CnnTrainer *trainer);

typedef gboolean (*CnnProgressFunc) (const CnnTrainProgress *progress, gpointer user_data);

/* Trains to the end; progress is called after every step (return FALSE to
 * stop early). Cancellable checked every mini-batch (G_IO_ERROR_CANCELLED). */
gboolean    cnn_train            (CnnNet *net, const CnnDataset *train, const CnnDataset *test,
                                  const CnnTrainConfig *config, CnnProgressFunc progress,
                                  gpointer user_data, GCancellable *cancellable, GError **error);

/* Temperature scaling: the T > 0 that minimises the mean cross-entropy of
 * softmax(logits / T) over n samples (logits [n][n_classes], labels [n]),
 * within CNN_TEMPERATURE_MIN..MAX. The loss is convex in 1/T, so a
 * bisection on its derivative finds it; when the loss keeps falling to
 * an end of the range (every sample right and sure), that end. 1 for n = 0. */
#define CNN_TEMPERATURE_MIN 0.25f
#define CNN_TEMPERATURE_MAX 8.0f
float       cnn_fit_temperature  (const float *logits, const guint8 *labels, gsize n,
                                  int n_classes);

#define CNN_ECE_BINS 10

/* One digit the network got wrong */
typedef struct {
  gsize index;         /* in the data set */
  int   label;
  int   predicted;
  float confidence;    /* the probability of the predicted class */
} CnnMistake;

typedef struct {
  int    n_classes;
  gsize  n;
  gsize  correct;
  double accuracy;
  double loss;           /* mean cross-entropy */
  double ece;            /* expected calibration error: the top class's
                          * probability in CNN_ECE_BINS equal bins of 0..1,
                          * Σ (bin's share) · |bin's accuracy − its mean probability| */
  double max_wrong;      /* the highest probability of a wrong answer; 0 if none */
  guint *confusion;      /* [true][predicted], n_classes² */
  CnnMistake *mistakes;  /* [n − correct], in data set order */
} CnnEvaluation;

CnnEvaluation *cnn_evaluate       (const CnnNet *net, const CnnDataset *ds);
void           cnn_evaluation_free (CnnEvaluation *eval);
/* Of the digits predicted c, the share that are c; of the digits that are
 * c, the share predicted c. NaN when there are none to share. */
double         cnn_evaluation_precision (const CnnEvaluation *eval, int c);
double         cnn_evaluation_recall    (const CnnEvaluation *eval, int c);
/* Accuracy only, no allocation when ws is given (nullable). */
double         cnn_accuracy       (const CnnNet *net, CnnWorkspace *ws, const CnnDataset *ds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnTrainer, cnn_trainer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnEvaluation, cnn_evaluation_free)

G_END_DECLS
