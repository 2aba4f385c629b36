/* convolve-train-progress.h — where the run is: state, epoch, step, speed, scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "convolve-training.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_TRAIN_PROGRESS (convolve_train_progress_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveTrainProgress, convolve_train_progress, CONVOLVE, TRAIN_PROGRESS, GtkWidget)

void        convolve_train_progress_set_state    (ConvolveTrainProgress *self,
                                                  ConvolveTrainingState  state);
void        convolve_train_progress_set_snapshot (ConvolveTrainProgress *self,
                                                  CnnSnapshot           *snapshot);
/* "epoch 3 / 30, step 120, loss 0.1234, train 97.0 %, test 98.1 %": for tests */
const char *convolve_train_progress_get_text     (ConvolveTrainProgress *self);

G_END_DECLS
