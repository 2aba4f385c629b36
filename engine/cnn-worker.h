/* cnn-worker.h — a trainer on a thread of its own, publishing snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker owns a copy of the network and of the data and trains it on its
 * own thread. Commands may come from any thread; pause and stop are honoured
 * between two mini-batches. The worker publishes a snapshot — counters, a
 * copy of the weights, per-layer gradient norms and the whole forward and
 * backward pass of a probe sample — after every command, single step,
 * finished epoch and change of state, and while running at most every 4 ms
 * (a few per frame; publishing every step cost ~7% of the speed). The
 * consumer takes the latest one when it is ready to draw. Nothing queues
 * up: a snapshot nobody took is replaced by the next, and a snapshot
 * somebody holds is never written to again.
 *
 * The hand-off uses pthread mutexes and C11 atomics only (not GMutex), so
 * ThreadSanitizer can check it.
 */
#pragma once

#include <glib-object.h>

#include "cnn-dataset.h"
#include "cnn-net.h"
#include "cnn-trainer.h"
#include "cnn-workspace.h"

G_BEGIN_DECLS

typedef enum {
  CNN_WORKER_IDLE,      /* nothing trained yet, or the weights were just reset */
  CNN_WORKER_RUNNING,
  CNN_WORKER_PAUSED,    /* in the middle of a run; resume or step continue it */
  CNN_WORKER_FINISHED,  /* every epoch of the run done */
  CNN_WORKER_DIVERGED,  /* the loss was not finite; the last good weights are back */
  CNN_WORKER_STOPPED,   /* the run was ended; start begins a new one */
} CnnWorkerState;

typedef struct {
  float epoch_loss;
  float train_accuracy;
  float test_accuracy;   /* −1 without test data */
} CnnEpochRecord;

typedef struct _CnnSnapshot CnnSnapshot;

/* Read-only for its holders. Activations and their gradients are flat, one
 * slot per tensor: slot 0 is the input [8×8], slot i + 1 the output of layer
 * i (HWC order, shape net->layers[i].out), each starting at act_offset[slot]. */
struct _CnnSnapshot {
  guint64        seq;            /* grows with every publication */
  guint          run;            /* changes when a run begins or the weights are reset */
  CnnWorkerState state;

  int            epoch;          /* 1-based; 0 before the first step of a run */
  int            epochs;
  gint64         step;           /* mini-batches done in this run */
  float          loss;           /* mean over the last mini-batch */
  float          epoch_loss;
  float          train_accuracy; /* over the epoch so far */
  float          test_accuracy;  /* at the end of each epoch; −1 before the first */
  gboolean       epoch_done;     /* this step finished an epoch */
  double         samples_per_second;
  double         elapsed;        /* seconds spent training in this run */
  char          *error_message;  /* DIVERGED: what happened and what to try; else NULL */
  int            n_epoch_records; /* epochs completed in this run: curves lose none */
  CnnEpochRecord *epoch_records; /* [epochs], the first n_epoch_records filled */

  int            n_layers;
  gsize          n_params;
  float         *params;         /* [n_params], the weights after the step */
  float          temperature;    /* 1 during a run; fitted when a run ends
                                  * (finished or stopped), as the net's */
  gboolean       has_record;     /* after a run's end: how params were trained */
  CnnTrainRecord record;
  float         *grad_norms;     /* [n_layers], ‖dL/dW‖₂ of the last batch (mean over it);
                                  * 0 for layers without weights */
  float         *update_norms;   /* [n_layers], ‖ΔW‖₂ of the last step */

  gboolean       has_probe;      /* FALSE until there is a probe sample */
  int            probe_label;
  int            probe_index;    /* the training sample's index, or −1 for a set probe */
  float          probe_loss;
  gsize          n_act;
  gsize         *act_offset;     /* [n_layers + 1] */
  float         *activations;    /* [n_act]; the last slot holds the probabilities */
  float         *act_grads;      /* [n_act], dL/d(slot); the softmax slot is all 0
                                  * (it is fused with the loss: see the layer before) */
  float         *param_grads;    /* [n_params], dL/dθ of the probe alone */
};

#define CNN_TYPE_SNAPSHOT (cnn_snapshot_get_type ())
GType        cnn_snapshot_get_type (void) G_GNUC_CONST;
CnnSnapshot *cnn_snapshot_ref   (CnnSnapshot *snapshot);
void         cnn_snapshot_unref (CnnSnapshot *snapshot);
/* The probe's pass (valid while the snapshot is held) */
void         cnn_snapshot_get_activations (const CnnSnapshot *snapshot, CnnActivations *out);
/* Copies the snapshot's weights, temperature and training record into
 * net (the same spec); FALSE, changing nothing, when the shapes differ. */
gboolean     cnn_snapshot_copy_weights (const CnnSnapshot *snapshot, CnnNet *net);
/* layer −1 is the input; NULL for the softmax's gradient */
const float *cnn_snapshot_activation      (const CnnSnapshot *snapshot, int layer);
const float *cnn_snapshot_activation_grad (const CnnSnapshot *snapshot, int layer);

typedef struct _CnnWorker CnnWorker;

/* Copies net (with its weights), the datasets and config; test may be NULL.
 * Fails like cnn_trainer_new() on data or a config that cannot train. */
CnnWorker     *cnn_worker_new   (const CnnNet *net, const CnnDataset *train,
                                 const CnnDataset *test, const CnnTrainConfig *config,
                                 GError **error);
/* Stops the thread and waits for it (at most one mini-batch). Snapshots
 * still held stay valid. */
void           cnn_worker_free  (CnnWorker *worker);

/* Each returns FALSE, changing nothing, when the command makes no sense in
 * the current state. start: a new run from the current weights (from
 * PAUSED it resumes). step: exactly one more mini-batch, then PAUSED: of
 * the paused or stopped run, else of a new one. stop ends the run (a step
 * may still continue it). reset_weights: He init from seed, which also
 * becomes the shuffling seed; not while RUNNING. A run that finishes or
 * is stopped ends with the temperature fit of cnn_trainer_finish(), which
 * the next snapshot shows. */
gboolean       cnn_worker_start         (CnnWorker *worker);
gboolean       cnn_worker_pause         (CnnWorker *worker);
gboolean       cnn_worker_resume        (CnnWorker *worker);
gboolean       cnn_worker_stop          (CnnWorker *worker);
gboolean       cnn_worker_step          (CnnWorker *worker);
gboolean       cnn_worker_reset_weights (CnnWorker *worker, guint64 seed);
CnnWorkerState cnn_worker_get_state     (CnnWorker *worker);
/* Mini-batches done in the current run, up to date (a snapshot may be up
 * to 4 ms behind). After pause() returns, at most one more completes. */
gint64         cnn_worker_get_step      (CnnWorker *worker);

/* The sample whose full pass is published. label −1: the last training
 * sample of the last mini-batch (input ignored, may be NULL); the default. */
void           cnn_worker_set_probe     (CnnWorker *worker, const float *input, int label);

/* At most this many mini-batches per second while running, so a person can
 * watch the curves rise and the gradients flow; 0 (the default): as fast as
 * the machine goes. Single steps are never delayed. */
void           cnn_worker_set_pace      (CnnWorker *worker, double steps_per_second);

/* The clock the worker paces and times by, in µs (thread-safe: it is read
 * on the worker thread). NULL: the monotonic clock, the default. With a
 * clock of its own, a paced run does not sleep by real time: it waits
 * until cnn_worker_clock_changed() after the clock moved, which returns
 * once the worker has taken every step then due and waits again (at once
 * when it runs unpaced). For tests, which can then check the pace
 * exactly, whatever the machine's load. */
typedef gint64 (*CnnClockFunc) (gpointer data);
void           cnn_worker_set_clock     (CnnWorker *worker, CnnClockFunc now, gpointer data);
void           cnn_worker_clock_changed (CnnWorker *worker);

/* func runs on the worker thread after a publication, at most once until
 * the next take_snapshot(): it should only schedule work, e.g. g_idle_add().
 * After cnn_worker_free() it is not called again. */
void           cnn_worker_set_notify    (CnnWorker *worker, void (*func) (gpointer data),
                                         gpointer data);

/* The latest snapshot (a new reference), or NULL if none was published
 * since the last take. */
CnnSnapshot   *cnn_worker_take_snapshot (CnnWorker *worker);
/* The latest snapshot whether taken or not (NULL only before the first). */
CnnSnapshot   *cnn_worker_dup_snapshot  (CnnWorker *worker);

const char    *cnn_worker_state_to_string (CnnWorkerState state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnSnapshot, cnn_snapshot_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnWorker, cnn_worker_free)

G_END_DECLS
