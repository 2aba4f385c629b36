/* convolve-map-tile.h — one small map (a kernel, a feature map, a digit) over its caption
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For rows of maps that wrap (GtkFlowBox): a tile is never squeezed below
 * its natural size, so its cells keep their size and its caption is never
 * cut; the row wraps instead. The caption is only set again when its text
 * changes, so a tile whose numbers follow training costs no layout while
 * the text stays the same.
 */
#pragma once

#include <gtk/gtk.h>

#include "convolve-heatmap.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_MAP_TILE (convolve_map_tile_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveMapTile, convolve_map_tile, CONVOLVE, MAP_TILE, GtkWidget)

/* caption: nullable (none); cell: the heatmap's cell size in pixels */
GtkWidget       *convolve_map_tile_new         (const char *caption, int cell);
ConvolveHeatmap *convolve_map_tile_get_map     (ConvolveMapTile *self);
void             convolve_map_tile_set_caption (ConvolveMapTile *self, const char *caption);
const char      *convolve_map_tile_get_caption (ConvolveMapTile *self);

G_END_DECLS
