/* convolve-train-controls.h — Start, Pause, Resume, Step, Stop, Reset and the pace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The buttons act through the window's train actions (enabled by the
 * state there). The pace — mini-batches a second — applies at once and is
 * remembered in settings ("training-pace").
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CONVOLVE_TYPE_TRAIN_CONTROLS (convolve_train_controls_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveTrainControls, convolve_train_controls, CONVOLVE, TRAIN_CONTROLS, GtkWidget)

void   convolve_train_controls_bind_settings (ConvolveTrainControls *self, GSettings *settings);
/* Mini-batches a second (0: as fast as possible); set_pace takes one of
 * the offered values. Notifies "pace". */
double convolve_train_controls_get_pace      (ConvolveTrainControls *self);
void   convolve_train_controls_set_pace      (ConvolveTrainControls *self, double steps_per_second);

G_END_DECLS
