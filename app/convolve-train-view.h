/* convolve-train-view.h — the Train page: controls, hyperparameters,
 * progress, curves and the backward pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view holds no training state of its own: the window feeds it
 * snapshots and the training state, and reads back the hyperparameters
 * ("config-changed"), the probe ("probe-changed") and a network spec the
 * user applied ("apply-spec", with the validated spec text).
 */
#pragma once

#include <adwaita.h>

#include "cnn.h"
#include "convolve-gradient-view.h"
#include "convolve-plot.h"
#include "convolve-training.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_TRAIN_VIEW (convolve_train_view_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveTrainView, convolve_train_view, CONVOLVE, TRAIN_VIEW, AdwBin)

GtkWidget *convolve_train_view_new            (void);
/* Binds every hyperparameter to its key (nullable: defaults, not kept) */
void       convolve_train_view_bind_settings  (ConvolveTrainView *self, GSettings *settings);
/* The hyperparameters as shown */
void       convolve_train_view_get_config     (ConvolveTrainView *self, CnnTrainConfig *config);
/* A new network: its spec in the entry, the gradient view rebuilt, the
 * probe labels, the curves emptied. */
void       convolve_train_view_set_net        (ConvolveTrainView *self, const CnnNet *net);
void       convolve_train_view_set_state      (ConvolveTrainView *self, ConvolveTrainingState state);
/* run: convolve_training_get_run(); a new one restarts the curves.
 * steps_per_epoch places the running loss between two epochs. */
void       convolve_train_view_set_snapshot   (ConvolveTrainView *self, CnnSnapshot *snapshot,
                                               guint run, int steps_per_epoch);
/* −1: the training sample just used; else the label the drawing is probed with */
int        convolve_train_view_get_probe_label (ConvolveTrainView *self);

/* For tests */
ConvolvePlot         *convolve_train_view_get_loss_plot     (ConvolveTrainView *self);
ConvolvePlot         *convolve_train_view_get_accuracy_plot (ConvolveTrainView *self);
ConvolveGradientView *convolve_train_view_get_gradient_view (ConvolveTrainView *self);
/* The spec entry row and the engine's message under it ("" when valid) */
AdwEntryRow          *convolve_train_view_get_spec_row      (ConvolveTrainView *self);
const char           *convolve_train_view_get_spec_error    (ConvolveTrainView *self);
const char           *convolve_train_view_get_stats_text    (ConvolveTrainView *self);
void                  convolve_train_view_set_probe_label   (ConvolveTrainView *self, int label);
GtkMenuButton        *convolve_train_view_get_help_button   (ConvolveTrainView *self);
/* The chosen pace in mini-batches per second (0: as fast as possible);
 * set_pace takes one of the offered values */
double                convolve_train_view_get_pace          (ConvolveTrainView *self);
void                  convolve_train_view_set_pace          (ConvolveTrainView *self,
                                                             double             steps_per_second);

G_END_DECLS
