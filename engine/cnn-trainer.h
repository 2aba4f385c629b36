/* cnn-trainer.h — mini-batch training, one step at a time or to the end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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
  gboolean augment;       /* half the samples shifted by −1..+1 cell in x and y,
                           * half stretched by 0.85..1.15 in x and y */
  gboolean lr_decay;      /* cosine decay of lr to 0 over the epochs */
  guint64  seed;          /* weights init (by the caller) and shuffling/augmentation */
} CnnTrainConfig;

/* Adam, lr 0.02 with cosine decay, batch 32, 30 epochs, weight decay 0,
 * augmentation on, seed 1. */
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

/* One mini-batch: forward, backward, update. When it completes an epoch it
 * evaluates on test. Fails with CNN_ERROR_DIVERGED (and restores the weights
 * from before the step) if the loss is not finite. */
gboolean    cnn_trainer_step     (CnnTrainer *trainer, CnnTrainProgress *progress, GError **error);
gboolean    cnn_trainer_finished (CnnTrainer *trainer);
/* Last computed gradient blob (sum over the batch / batch size), like net->params. */
const float *cnn_trainer_grads   (CnnTrainer *trainer);
/* The index in train of the last sample of the last batch, and its augmented input. */
int         cnn_trainer_last_sample (CnnTrainer *trainer, float input[CNN_INPUT_SIZE]);

typedef gboolean (*CnnProgressFunc) (const CnnTrainProgress *progress, gpointer user_data);

/* Trains to the end; progress is called after every step (return FALSE to
 * stop early). Cancellable checked every mini-batch (G_IO_ERROR_CANCELLED). */
gboolean    cnn_train            (CnnNet *net, const CnnDataset *train, const CnnDataset *test,
                                  const CnnTrainConfig *config, CnnProgressFunc progress,
                                  gpointer user_data, GCancellable *cancellable, GError **error);

typedef struct {
  int    n_classes;
  gsize  n;
  gsize  correct;
  double accuracy;
  double loss;           /* mean cross-entropy */
  guint *confusion;      /* [true][predicted], n_classes² */
} CnnEvaluation;

CnnEvaluation *cnn_evaluate       (const CnnNet *net, const CnnDataset *ds);
void           cnn_evaluation_free (CnnEvaluation *eval);
/* Accuracy only, no allocation when ws is given (nullable). */
double         cnn_accuracy       (const CnnNet *net, CnnWorkspace *ws, const CnnDataset *ds);

/* Copies src shifted by (dx, dy) cells into dst, zero-filling. */
void           cnn_shift_image    (const float *src, float *dst, int dx, int dy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnTrainer, cnn_trainer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnEvaluation, cnn_evaluation_free)

G_END_DECLS
