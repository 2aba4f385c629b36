/* convolve-grid-model.h — the 8×8 drawing, without any widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing is kept as an ink bitmap of CONVOLVE_GRID_SUBPIXELS ×
 * CONVOLVE_GRID_SUBPIXELS sub-pixels per cell; a cell's value is the fraction
 * of its sub-pixels covered by ink — the way the UCI digits were made (a
 * 32×32 bitmap counted in 4×4 blocks). Coordinates are in cell units:
 * (0, 0) is the top-left corner of the grid, (8, 8) the bottom-right.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONVOLVE_GRID_SIZE 8
#define CONVOLVE_GRID_SUBPIXELS 16

typedef enum {
  CONVOLVE_GRID_MODE_PEN,   /* strokes with a width, ink coverage per cell */
  CONVOLVE_GRID_MODE_CELL,  /* a click toggles one whole cell */
} ConvolveGridMode;

#define CONVOLVE_TYPE_GRID_MODE (convolve_grid_mode_get_type ())
GType convolve_grid_mode_get_type (void) G_GNUC_CONST;

#define CONVOLVE_TYPE_GRID_MODEL (convolve_grid_model_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveGridModel, convolve_grid_model, CONVOLVE, GRID_MODEL, GObject)

ConvolveGridModel *convolve_grid_model_new          (void);

/* 64 values, row-major, 0..1; valid until the next change */
const float       *convolve_grid_model_get_values   (ConvolveGridModel *self);
float              convolve_grid_model_get_value    (ConvolveGridModel *self, int x, int y);
/* Replaces the drawing (one undoable change); values 0..1 */
void               convolve_grid_model_set_values   (ConvolveGridModel *self, const float *values);
gboolean           convolve_grid_model_is_empty     (ConvolveGridModel *self);

/* A stroke: begin, any number of points, end. The end makes one undo step.
 * In CELL mode a stroke paints whole cells: the first cell is toggled (or
 * cleared when erase), the cells the stroke then passes through are set the
 * same way. */
void               convolve_grid_model_begin_stroke (ConvolveGridModel *self, double x, double y,
                                                     gboolean erase);
void               convolve_grid_model_stroke_to    (ConvolveGridModel *self, double x, double y);
void               convolve_grid_model_end_stroke   (ConvolveGridModel *self);

/* Cell mode and keyboard painting: sets the cell full (or empty when erase) */
void               convolve_grid_model_paint_cell   (ConvolveGridModel *self, int x, int y,
                                                     gboolean erase);
void               convolve_grid_model_toggle_cell  (ConvolveGridModel *self, int x, int y);

void               convolve_grid_model_clear        (ConvolveGridModel *self);
/* Moves the whole drawing by whole cells; what falls off the edge is lost */
void               convolve_grid_model_shift        (ConvolveGridModel *self, int dx, int dy);

gboolean           convolve_grid_model_can_undo     (ConvolveGridModel *self);
gboolean           convolve_grid_model_can_redo     (ConvolveGridModel *self);
gboolean           convolve_grid_model_undo         (ConvolveGridModel *self);
gboolean           convolve_grid_model_redo         (ConvolveGridModel *self);

/* Pen width in cell units (default chosen so strokes look like the dataset) */
double             convolve_grid_model_get_pen_width (ConvolveGridModel *self);
void               convolve_grid_model_set_pen_width (ConvolveGridModel *self, double width);
ConvolveGridMode   convolve_grid_model_get_mode      (ConvolveGridModel *self);
void               convolve_grid_model_set_mode      (ConvolveGridModel *self, ConvolveGridMode mode);

/* The keyboard cell cursor */
void               convolve_grid_model_get_cursor    (ConvolveGridModel *self, int *x, int *y);
void               convolve_grid_model_move_cursor   (ConvolveGridModel *self, int dx, int dy);

/* The drawing as the dataset's writers' digits were: the ink's bounding box
 * scaled (aspect kept) to fill the frame and centred — what the network is
 * given when normalisation is on. out: 64 values. */
void               convolve_grid_model_get_normalized (ConvolveGridModel *self, float *out);
/* The ink bitmap itself: side × side bytes (side: 8 × the sub-pixels a
 * cell), nonzero = ink; valid until the next change */
const guint8      *convolve_grid_model_get_ink        (ConvolveGridModel *self, int *side);

/* Signals: "changed" (values changed), properties notify: "pen-width",
 * "mode", "can-undo", "can-redo", "cursor-x", "cursor-y". */

G_END_DECLS
