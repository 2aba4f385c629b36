/* convolve-grid.h — the drawing grid widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a ConvolveGridModel large, each cell's grey level its value, with an
 * optional overlay (e.g. saliency) and the keyboard cursor. Left button
 * draws, right button (or the eraser property) erases; arrow keys move the
 * cursor, Space paints, Delete clears, Shift+arrows shift the drawing.
 *
 * Signal "nudge" (int dx, int dy → gboolean handled): Shift+arrows; when no
 * handler returns TRUE the drawing itself is shifted.
 *
 * Signal "received" (GObject *content): something dropped on the grid or
 * pasted into it (the action grid.paste, Ctrl+V while it has the focus):
 * a GFile (the first of the files), a GdkTexture, or NULL when the
 * clipboard held neither. The grid does not read it: whoever owns the
 * drawing decides what it is.
 */
#pragma once

#include <gtk/gtk.h>

#include "convolve-grid-model.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_GRID (convolve_grid_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveGrid, convolve_grid, CONVOLVE, GRID, GtkWidget)

GtkWidget         *convolve_grid_new          (ConvolveGridModel *model);
ConvolveGridModel *convolve_grid_get_model    (ConvolveGrid *self);
void               convolve_grid_set_eraser   (ConvolveGrid *self, gboolean eraser);
gboolean           convolve_grid_get_eraser   (ConvolveGrid *self);
/* 64 values in −1..1 drawn as a translucent diverging overlay; NULL hides it */
void               convolve_grid_set_overlay  (ConvolveGrid *self, const float *values);
/* Copies the overlay into values[64] when one is shown; FALSE when none */
gboolean           convolve_grid_get_overlay  (ConvolveGrid *self, float *values);
/* Whether the keyboard cell cursor is drawn: focused, and either an arrow
 * key or Space was pressed since the last stroke, or focus is visible and
 * no stroke was drawn since focus came in. */
gboolean           convolve_grid_get_cursor_visible (ConvolveGrid *self);

G_END_DECLS
