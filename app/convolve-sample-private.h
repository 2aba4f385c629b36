/* convolve-sample-private.h — for ConvolveSamples only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "convolve-sample.h"

G_BEGIN_DECLS

/* Notifies "label"; the store saves it */
void convolve_sample_set_label (ConvolveSample *self, int label);

G_END_DECLS
