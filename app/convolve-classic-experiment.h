/* convolve-classic-experiment.h — a hand-crafted first layer against a learned one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A section of the Filters page: the frozen-bank experiment of
 * cnn-classic.h on the session's network — its classic variant (first
 * layer 3×3 ×12) trained twice with the Train page's settings, once with
 * that layer frozen to the bank and once fully learned — run in a thread,
 * with its progress (which run, epoch N of M), a Cancel button and both
 * test accuracies side by side. Unavailable, with the engine's reason,
 * when the network's first layer is not a 3×3 convolution of the
 * drawing. A new network cancels a run and clears the result; new
 * weights change nothing (the experiment trains from its own start).
 */
#pragma once

#include <adwaita.h>

#include "cnn.h"
#include "convolve-session.h"

G_BEGIN_DECLS

typedef enum {
  CONVOLVE_CLASSIC_EXPERIMENT_UNAVAILABLE,  /* the network's first layer does not fit */
  CONVOLVE_CLASSIC_EXPERIMENT_READY,
  CONVOLVE_CLASSIC_EXPERIMENT_RUNNING,      /* also while a cancel is on its way */
  CONVOLVE_CLASSIC_EXPERIMENT_DONE,         /* both accuracies shown */
  CONVOLVE_CLASSIC_EXPERIMENT_CANCELLED,
  CONVOLVE_CLASSIC_EXPERIMENT_FAILED,       /* diverged, or no data for the network */
} ConvolveClassicExperimentState;

#define CONVOLVE_TYPE_CLASSIC_EXPERIMENT (convolve_classic_experiment_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveClassicExperiment, convolve_classic_experiment, CONVOLVE, CLASSIC_EXPERIMENT, GtkWidget)

void       convolve_classic_experiment_set_session (ConvolveClassicExperiment *self,
                                                    ConvolveSession           *session);
/* The Train page's settings (epochs, optimizer, augmentation, seed, …):
 * the next run uses them; a run under way keeps its own. */
void       convolve_classic_experiment_set_config  (ConvolveClassicExperiment *self,
                                                    const CnnTrainConfig      *config);

/* What the buttons do. run: FALSE when unavailable or already running. */
gboolean   convolve_classic_experiment_run         (ConvolveClassicExperiment *self);
void       convolve_classic_experiment_cancel      (ConvolveClassicExperiment *self);

/* For tests */
ConvolveClassicExperimentState
           convolve_classic_experiment_get_state   (ConvolveClassicExperiment *self);
/* TRUE once DONE: the accuracies shown */
gboolean   convolve_classic_experiment_get_result  (ConvolveClassicExperiment *self,
                                                    CnnClassicResult          *result);
/* The progress line, the reason it is unavailable, or how it ended */
const char *convolve_classic_experiment_get_status (ConvolveClassicExperiment *self);
/* The accuracy shown for the frozen run (learned FALSE) or the learned one */
const char *convolve_classic_experiment_get_accuracy_text (ConvolveClassicExperiment *self,
                                                         gboolean                   learned);
/* The epochs per run of the run under way or shown (0: none yet) */
int        convolve_classic_experiment_get_epochs  (ConvolveClassicExperiment *self);
GtkButton *convolve_classic_experiment_get_run_button    (ConvolveClassicExperiment *self);
GtkButton *convolve_classic_experiment_get_cancel_button (ConvolveClassicExperiment *self);

G_END_DECLS
