/* convolve-training.h — the window's side of the training worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns the CnnWorker and is the only code that talks to it. Snapshots are
 * handed to the main context through one GSource that the worker thread
 * only wakes up: at most one hand-off is ever pending, and each takes the
 * latest snapshot, so a slow frame never makes work queue up. Hand-offs
 * run between frames, at most one per frame of the frame widget's clock
 * (without one: at most one every 1/60 s), so "snapshot" comes at most
 * once per frame however often the worker publishes.
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"

G_BEGIN_DECLS

/* Mirrors CnnWorkerState, value for value. */
typedef enum {
  CONVOLVE_TRAINING_IDLE     = CNN_WORKER_IDLE,
  CONVOLVE_TRAINING_RUNNING  = CNN_WORKER_RUNNING,
  CONVOLVE_TRAINING_PAUSED   = CNN_WORKER_PAUSED,
  CONVOLVE_TRAINING_FINISHED = CNN_WORKER_FINISHED,
  CONVOLVE_TRAINING_DIVERGED = CNN_WORKER_DIVERGED,
  CONVOLVE_TRAINING_STOPPED  = CNN_WORKER_STOPPED,
} ConvolveTrainingState;

GType convolve_training_state_get_type (void) G_GNUC_CONST;
#define CONVOLVE_TYPE_TRAINING_STATE (convolve_training_state_get_type ())

#define CONVOLVE_TYPE_TRAINING (convolve_training_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveTraining, convolve_training, CONVOLVE, TRAINING, GObject)

ConvolveTraining     *convolve_training_new        (void);

/* A new network to train (a reference is kept; the worker trains a copy
 * of it): stops any run and starts over with a new worker. The owner keeps
 * net's weights up to date from the snapshots, so a later worker starts
 * from the latest. The data is the built-in split for its task (10
 * classes, or the 0s and 1s for two). FALSE with error when nothing fits
 * it; the previous network then stays. */
gboolean              convolve_training_set_net    (ConvolveTraining *self, CnnNet *net,
                                                    GError **error);
/* Samples to train on besides the built-in data (the user's own; NULL or
 * empty: none), each repeat times (1..CNN_EXTRA_REPEAT_MAX); copied. Only
 * those whose label fits the network are used. Takes effect at the next
 * run, like the hyperparameters; the test data stays the built-in split. */
void                  convolve_training_set_extra_samples (ConvolveTraining *self,
                                                           const CnnDataset *samples,
                                                           guint             repeat);
/* How many of them the network's data holds (before repeating) */
gsize                 convolve_training_get_n_extra_samples (ConvolveTraining *self);

/* The network trained (the "net" property); NULL before set_net */
const CnnNet         *convolve_training_get_net    (ConvolveTraining *self);

/* Mini-batches per second while running (0: as fast as it can); applies at
 * once, unlike the hyperparameters */
void                  convolve_training_set_pace   (ConvolveTraining *self,
                                                    double            steps_per_second);

/* For tests: the clock the workers pace by (see cnn_worker_set_clock()) */
void                  convolve_training_set_clock  (ConvolveTraining *self, CnnClockFunc now,
                                                    gpointer data);
void                  convolve_training_clock_changed (ConvolveTraining *self);

/* Takes effect at the next run: start from a stopped state, reset, or a
 * step that begins a run. */
void                  convolve_training_set_config (ConvolveTraining *self,
                                                    const CnnTrainConfig *config);
void                  convolve_training_get_config (ConvolveTraining *self, CnnTrainConfig *config);

ConvolveTrainingState convolve_training_get_state  (ConvolveTraining *self);

/* Each FALSE, changing nothing, when the state does not allow it */
gboolean              convolve_training_start      (ConvolveTraining *self);
gboolean              convolve_training_pause      (ConvolveTraining *self);
gboolean              convolve_training_resume     (ConvolveTraining *self);
gboolean              convolve_training_stop       (ConvolveTraining *self);
gboolean              convolve_training_step       (ConvolveTraining *self);
/* He init from the configured seed */
gboolean              convolve_training_reset      (ConvolveTraining *self);

/* label −1: the training sample just used; otherwise input [64] with that label */
void                  convolve_training_set_probe  (ConvolveTraining *self, const float *input,
                                                    int label);

/* Changes whenever the curves must start over: a new run, new weights, a
 * new network */
guint                 convolve_training_get_run    (ConvolveTraining *self);
/* Mini-batches in one epoch of the current run */
int                   convolve_training_get_steps_per_epoch (ConvolveTraining *self);
/* The last snapshot handed out by "snapshot"; NULL before the first */
CnnSnapshot          *convolve_training_get_snapshot (ConvolveTraining *self);
/* The widget whose frame clock paces the hand-offs (weak; NULL: none),
 * e.g. the window. While it is not mapped, hand-offs are 1/60 s apart. */
void                  convolve_training_set_frame_widget (ConvolveTraining *self,
                                                          GtkWidget        *widget);
/* How many snapshots were handed out ("snapshot" emissions); for tests */
guint                 convolve_training_get_n_handoffs (ConvolveTraining *self);
/* Takes a pending snapshot now instead of waiting for the main loop; for
 * tests. TRUE if there was one. */
gboolean              convolve_training_flush      (ConvolveTraining *self);

const char           *convolve_training_state_to_label (ConvolveTrainingState state);

G_END_DECLS
