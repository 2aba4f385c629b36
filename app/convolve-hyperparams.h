/* convolve-hyperparams.h — the settings of the next run, remembered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Optimizer, learning rate, batch size, epochs, weight decay, seed and
 * augmentation, each bound to its GSettings key, and a button that puts
 * them all back to their defaults. "changed" after any of them changes.
 */
#pragma once

#include <adwaita.h>

#include "cnn.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_HYPERPARAMS (convolve_hyperparams_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveHyperparams, convolve_hyperparams, CONVOLVE, HYPERPARAMS, GtkWidget)

/* nullable: the defaults, not kept */
void convolve_hyperparams_bind_settings   (ConvolveHyperparams *self, GSettings *settings);
/* The run's settings as shown */
void convolve_hyperparams_get_config      (ConvolveHyperparams *self, CnnTrainConfig *config);
void convolve_hyperparams_restore_defaults (ConvolveHyperparams *self);
/* The drawing the augmentation strip shows: the network's input, 64 values;
 * NULL while nothing is drawn */
void convolve_hyperparams_set_drawing     (ConvolveHyperparams *self, const float *input);

G_END_DECLS
