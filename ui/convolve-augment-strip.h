/* convolve-augment-strip.h — a drawing as augmented training might see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cnn.h"

G_BEGIN_DECLS

#define CONVOLVE_AUGMENT_STRIP_LENGTH 8  /* versions shown */

#define CONVOLVE_TYPE_AUGMENT_STRIP (convolve_augment_strip_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveAugmentStrip, convolve_augment_strip, CONVOLVE, AUGMENT_STRIP, GtkWidget)

GtkWidget *convolve_augment_strip_new       (void);
/* The network's input, 64 values 0..1, copied; NULL: nothing drawn */
void       convolve_augment_strip_set_input (ConvolveAugmentStrip *self, const float *input);
void       convolve_augment_strip_set_mode  (ConvolveAugmentStrip *self, CnnAugment mode);
CnnAugment convolve_augment_strip_get_mode  (ConvolveAugmentStrip *self);
/* Version i (0 ≤ i < LENGTH) as shown, 64 values; NULL while nothing is drawn */
const float *convolve_augment_strip_get_version (ConvolveAugmentStrip *self, int i);

G_END_DECLS
