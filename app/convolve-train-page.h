/* convolve-train-page.h — train the network and watch it learn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Left: the run's controls and pace, its progress, the hyperparameters
 * and the network's spec. Right: the loss and accuracy curves, the probe
 * choice and the backward pass of the probe. The whole page is one
 * scrolling area. It shows what the window hands it (the net, the
 * state, each snapshot) and says what the person chose (signals).
 */
#pragma once

#include <adwaita.h>

#include "cnn.h"
#include "convolve-gradient-view.h"
#include "convolve-hyperparams.h"
#include "convolve-plot.h"
#include "convolve-spec-row.h"
#include "convolve-train-controls.h"
#include "convolve-train-progress.h"
#include "convolve-training.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_TRAIN_PAGE (convolve_train_page_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveTrainPage, convolve_train_page, CONVOLVE, TRAIN_PAGE, GtkWidget)

/* Binds the hyperparameters, the pace and the animation speed (nullable) */
void       convolve_train_page_bind_settings (ConvolveTrainPage *self, GSettings *settings);
void       convolve_train_page_get_config    (ConvolveTrainPage *self, CnnTrainConfig *config);
/* Mini-batches a second while running (0: as fast as possible) */
double     convolve_train_page_get_pace      (ConvolveTrainPage *self);
void       convolve_train_page_set_pace      (ConvolveTrainPage *self, double steps_per_second);

/* A new network: its spec, the probe labels, empty curves, the backward
 * pass rebuilt */
void       convolve_train_page_set_net       (ConvolveTrainPage *self, const CnnNet *net);
void       convolve_train_page_set_state     (ConvolveTrainPage *self, ConvolveTrainingState state);
/* run: convolve_training_get_run(); another restarts the curves.
 * steps_per_epoch places the running loss between two epochs. */
void       convolve_train_page_set_snapshot  (ConvolveTrainPage *self, CnnSnapshot *snapshot,
                                              guint run, int steps_per_epoch);
/* −1: the training sample just used; else the label the drawing is probed with */
int        convolve_train_page_get_probe_label (ConvolveTrainPage *self);
void       convolve_train_page_set_probe_label (ConvolveTrainPage *self, int label);

/* "Include my samples" (a setting) and how many times each is used */
gboolean   convolve_train_page_get_include_samples (ConvolveTrainPage *self);
void       convolve_train_page_set_include_samples (ConvolveTrainPage *self, gboolean include);
guint      convolve_train_page_get_samples_repeat  (ConvolveTrainPage *self);
/* What the switch's row says: n_samples the user has, n_used of them the
 * next run trains on (those of a class the network knows), each repeat× */
void       convolve_train_page_set_samples_used    (ConvolveTrainPage *self, guint n_samples,
                                                    gsize n_used, guint repeat);

/* Parts, for the window and tests */
ConvolvePlot          *convolve_train_page_get_loss_plot     (ConvolveTrainPage *self);
ConvolvePlot          *convolve_train_page_get_accuracy_plot (ConvolveTrainPage *self);
ConvolveGradientView  *convolve_train_page_get_gradient_view (ConvolveTrainPage *self);
/* The page's one scrolling area */
GtkScrolledWindow     *convolve_train_page_get_scroller      (ConvolveTrainPage *self);
/* TRUE: every section follows the snapshots as if scrolled into view (an
 * export draws them all); FALSE: only those on screen do */
void                   convolve_train_page_set_show_all      (ConvolveTrainPage *self,
                                                              gboolean           show_all);
/* The lesson's backward-pass step: the rest of the page dimmed */
void                   convolve_train_page_set_lesson_focus  (ConvolveTrainPage *self,
                                                              gboolean           gradients);
ConvolveSpecRow       *convolve_train_page_get_spec_row      (ConvolveTrainPage *self);
ConvolveTrainProgress *convolve_train_page_get_progress      (ConvolveTrainPage *self);
ConvolveHyperparams   *convolve_train_page_get_hyperparams   (ConvolveTrainPage *self);
GtkMenuButton         *convolve_train_page_get_help_button   (ConvolveTrainPage *self);

/* Signals: "config-changed" (hyperparameters or pace), "probe-changed",
 * "apply-spec" (const char *spec), "samples-changed" (the switch or the
 * repeat factor). */

G_END_DECLS
