/* convolve-classic-maps.h — the drawing through the classic filters and through conv 1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A section of the Filters page: the 12 classic filters' feature maps on
 * the network's current input (cnn_classic_feature_maps(): no bias, no
 * ReLU, zero padding as conv 1 has it), above conv 1's own maps of the
 * same input (its output before the ReLU, bias included), each map on its
 * own diverging scale. Follows the session live: every pass (a pen
 * movement, new weights) updates the maps in place; the classic ones only
 * when the input itself changed. Nothing is computed while hidden; the
 * maps catch up when shown.
 */
#pragma once

#include <adwaita.h>

#include "convolve-heatmap.h"
#include "convolve-session.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_CLASSIC_MAPS (convolve_classic_maps_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveClassicMaps, convolve_classic_maps, CONVOLVE, CLASSIC_MAPS, GtkWidget)

void             convolve_classic_maps_set_session (ConvolveClassicMaps *self,
                                                    ConvolveSession     *session);

/* For tests: classic filter index's map, the padding it was made with,
 * and conv 1's maps (0 when the network does not start with a conv) */
ConvolveHeatmap *convolve_classic_maps_get_classic (ConvolveClassicMaps *self, int index);
int              convolve_classic_maps_get_pad     (ConvolveClassicMaps *self);
int              convolve_classic_maps_get_n_learned (ConvolveClassicMaps *self);
ConvolveHeatmap *convolve_classic_maps_get_learned (ConvolveClassicMaps *self, int filter);


G_END_DECLS
