/* convolve-grid-model.c — the 8×8 drawing, without any widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing is an ink bitmap of 128 × 128 sub-pixels (16 × 16 per cell),
 * one byte each (0 or 1). A cell's value is its inked sub-pixels / 256,
 * cached in values[64] and recomputed after every change. Undo and redo
 * are stacks of whole bitmaps (16 KiB each, capped at UNDO_LIMIT steps).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "convolve-grid-model.h"
#include "cnn-ink.h"

#define SUB     CONVOLVE_GRID_SUBPIXELS                    /* 16 */
#define SIDE    (CONVOLVE_GRID_SIZE * SUB)                 /* 128 */
#define NCELLS  (CONVOLVE_GRID_SIZE * CONVOLVE_GRID_SIZE)  /* 64 */
#define NSUB    (SUB * SUB)                                /* 256 */
#define BITMAP_BYTES ((gsize) SIDE * SIDE)

#define UNDO_LIMIT 100

#define PEN_WIDTH_MIN 0.3
#define PEN_WIDTH_MAX 3.0
/* 1.2 cells. Measured against resources/data/uci-digits-8x8.csv.gz: the
 * dataset's "0"s have mean value 0.31, 55 % of cells non-zero, 10 % at
 * 15–16; an ellipse "0" drawn across the grid (radii 2.3 × 3.2 cells) at
 * width 1.2 gives mean 0.33, 56 % non-zero, 6 % full, with 16s in the
 * middle of the strokes and partial cells at their edges. Width 1.0 gives
 * no full cells at all (0.27 mean), 1.5 is already too heavy (0.41). */
#define PEN_WIDTH_DEFAULT 1.2

struct _ConvolveGridModel
{
  GObject parent_instance;

  guint8 *ink;                  /* SIDE × SIDE, row-major, 0 or 1 */
  float values[NCELLS];

  GPtrArray *undo;              /* of guint8[BITMAP_BYTES], oldest first */
  GPtrArray *redo;              /* of guint8[BITMAP_BYTES], next redo last */

  /* The stroke in progress: the bitmap before it, the last point */
  guint8 *stroke_before;
  gboolean stroke_erase;
  double stroke_x;
  double stroke_y;
  /* In cell mode a stroke paints whole cells: whether it fills them */
  gboolean stroke_cell_fill;

  double pen_width;
  ConvolveGridMode mode;
  int cursor_x;
  int cursor_y;

  gboolean could_undo;
  gboolean could_redo;
};

G_DEFINE_TYPE (ConvolveGridModel, convolve_grid_model, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ConvolveGridMode, convolve_grid_mode,
                    G_DEFINE_ENUM_VALUE (CONVOLVE_GRID_MODE_PEN, "pen"),
                    G_DEFINE_ENUM_VALUE (CONVOLVE_GRID_MODE_CELL, "cell"))

enum {
  PROP_0,
  PROP_PEN_WIDTH,
  PROP_MODE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_CURSOR_X,
  PROP_CURSOR_Y,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* 16×16 ordered-dither ranks (a recursive Bayer matrix), built once: the
 * first n ranks of a cell are spread evenly over it, so a cell set to a
 * small value still spans the cell for the bounding box of
 * get_normalized, and the count is exact. */
static guint8 bayer16[SUB][SUB];

static void
bayer_init (void)
{
  for (int y = 0; y < SUB; y++)
    for (int x = 0; x < SUB; x++)
      {
        guint v = 0;

        /* Interleave the bits of x ^ y and y, low bits most significant:
         * the classic closed form of the Bayer matrix. */
        for (int bit = 0; bit < 4; bit++)
          {
            guint xb = ((guint) x >> bit) & 1;
            guint yb = ((guint) y >> bit) & 1;

            v |= ((xb ^ yb) << (2 * (3 - bit) + 1)) | (yb << (2 * (3 - bit)));
          }
        bayer16[y][x] = (guint8) v;
      }
}

static void
recompute_values (ConvolveGridModel *self)
{
  cnn_ink_count (self->ink, SIDE, self->values);
}

static void
update_undo_flags (ConvolveGridModel *self)
{
  gboolean can_undo = convolve_grid_model_can_undo (self);
  gboolean can_redo = convolve_grid_model_can_redo (self);

  if (can_undo != self->could_undo)
    {
      self->could_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->could_redo)
    {
      self->could_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

/* The bitmap changed: refresh the values and tell listeners (once). */
static void
changed (ConvolveGridModel *self)
{
  recompute_values (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Records @before (owned) as one undo step; a new change drops the redo
 * history. */
static void
push_undo (ConvolveGridModel *self,
           guint8            *before)
{
  if (self->undo->len >= UNDO_LIMIT)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_add (self->undo, before);
  g_ptr_array_set_size (self->redo, 0);
  update_undo_flags (self);
}

/* Ends a change begun by copying the bitmap into @before (owned): if the
 * bitmap differs, it is one undo step and "changed" is emitted. */
static void
commit (ConvolveGridModel *self,
        guint8            *before)
{
  if (memcmp (before, self->ink, BITMAP_BYTES) == 0)
    {
      g_free (before);
      return;
    }
  push_undo (self, before);
  changed (self);
}

static guint8 *
snapshot_ink (ConvolveGridModel *self)
{
  return g_memdup2 (self->ink, BITMAP_BYTES);
}

/* Sets every sub-pixel whose centre is within @radius of the segment
 * (ax, ay)–(bx, by) (cell units) to @value; TRUE if any sub-pixel changed.
 * A zero-length segment stamps a disc. */
static gboolean
stamp_capsule (ConvolveGridModel *self,
               double             ax,
               double             ay,
               double             bx,
               double             by,
               double             radius,
               guint8             value)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double r2 = radius * radius;
  gboolean any = FALSE;
  int x0, x1, y0, y1;

  /* Sub-pixel bounds of the capsule's box; centres are at (i + ½) / SUB */
  x0 = MAX (0, (int) floor ((MIN (ax, bx) - radius) * SUB - 0.5));
  x1 = MIN (SIDE - 1, (int) ceil ((MAX (ax, bx) + radius) * SUB - 0.5));
  y0 = MAX (0, (int) floor ((MIN (ay, by) - radius) * SUB - 0.5));
  y1 = MIN (SIDE - 1, (int) ceil ((MAX (ay, by) + radius) * SUB - 0.5));

  for (int j = y0; j <= y1; j++)
    {
      double py = (j + 0.5) / SUB;
      guint8 *row = self->ink + (gsize) j * SIDE;

      for (int i = x0; i <= x1; i++)
        {
          double px = (i + 0.5) / SUB;
          double t = 0.0, qx, qy;

          if (len2 > 0.0)
            t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);
          qx = ax + t * dx - px;
          qy = ay + t * dy - py;
          if (qx * qx + qy * qy <= r2 && row[i] != value)
            {
              row[i] = value;
              any = TRUE;
            }
        }
    }

  return any;
}

static gboolean
fill_cell (ConvolveGridModel *self,
           int                x,
           int                y,
           guint8             value)
{
  gboolean any = FALSE;

  for (int j = y * SUB; j < (y + 1) * SUB; j++)
    {
      guint8 *row = self->ink + (gsize) j * SIDE + x * SUB;

      for (int i = 0; i < SUB; i++)
        if (row[i] != value)
          {
            row[i] = value;
            any = TRUE;
          }
    }

  return any;
}

static gboolean
cell_is_full (ConvolveGridModel *self,
              int                x,
              int                y)
{
  return self->values[y * CONVOLVE_GRID_SIZE + x] >= 1.0f;
}

/* Cell mode: paints the cells the segment passes through (sampled finely
 * enough not to skip a cell). */
static gboolean
stamp_cells (ConvolveGridModel *self,
             double             ax,
             double             ay,
             double             bx,
             double             by,
             guint8             value)
{
  double dist = hypot (bx - ax, by - ay);
  int steps = MAX (1, (int) ceil (dist * 4));
  gboolean any = FALSE;

  for (int s = 0; s <= steps; s++)
    {
      double t = (double) s / steps;
      int cx = (int) floor (ax + t * (bx - ax));
      int cy = (int) floor (ay + t * (by - ay));

      if (cx >= 0 && cx < CONVOLVE_GRID_SIZE && cy >= 0 && cy < CONVOLVE_GRID_SIZE)
        any |= fill_cell (self, cx, cy, value);
    }

  return any;
}

static void
convolve_grid_model_finalize (GObject *object)
{
  ConvolveGridModel *self = CONVOLVE_GRID_MODEL (object);

  g_clear_pointer (&self->ink, g_free);
  g_clear_pointer (&self->stroke_before, g_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (convolve_grid_model_parent_class)->finalize (object);
}

static void
set_cursor (ConvolveGridModel *self,
            int                x,
            int                y)
{
  x = CLAMP (x, 0, CONVOLVE_GRID_SIZE - 1);
  y = CLAMP (y, 0, CONVOLVE_GRID_SIZE - 1);

  g_object_freeze_notify (G_OBJECT (self));
  if (x != self->cursor_x)
    {
      self->cursor_x = x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_X]);
    }
  if (y != self->cursor_y)
    {
      self->cursor_y = y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
convolve_grid_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ConvolveGridModel *self = CONVOLVE_GRID_MODEL (object);

  switch (prop_id)
    {
    case PROP_PEN_WIDTH:
      g_value_set_double (value, self->pen_width);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, convolve_grid_model_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, convolve_grid_model_can_redo (self));
      break;
    case PROP_CURSOR_X:
      g_value_set_int (value, self->cursor_x);
      break;
    case PROP_CURSOR_Y:
      g_value_set_int (value, self->cursor_y);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_grid_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ConvolveGridModel *self = CONVOLVE_GRID_MODEL (object);

  switch (prop_id)
    {
    case PROP_PEN_WIDTH:
      convolve_grid_model_set_pen_width (self, g_value_get_double (value));
      break;
    case PROP_MODE:
      convolve_grid_model_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_CURSOR_X:
      set_cursor (self, g_value_get_int (value), self->cursor_y);
      break;
    case PROP_CURSOR_Y:
      set_cursor (self, self->cursor_x, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_grid_model_class_init (ConvolveGridModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = convolve_grid_model_finalize;
  object_class->get_property = convolve_grid_model_get_property;
  object_class->set_property = convolve_grid_model_set_property;

  properties[PROP_PEN_WIDTH] =
    g_param_spec_double ("pen-width", NULL, NULL,
                         PEN_WIDTH_MIN, PEN_WIDTH_MAX, PEN_WIDTH_DEFAULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       CONVOLVE_TYPE_GRID_MODE, CONVOLVE_GRID_MODE_PEN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURSOR_X] =
    g_param_spec_int ("cursor-x", NULL, NULL, 0, CONVOLVE_GRID_SIZE - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURSOR_Y] =
    g_param_spec_int ("cursor-y", NULL, NULL, 0, CONVOLVE_GRID_SIZE - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted once per call that changed the drawing (the ink bitmap), so
   * also when get_normalized() changes but get_values() does not. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  bayer_init ();
}

static void
convolve_grid_model_init (ConvolveGridModel *self)
{
  self->ink = g_malloc0 (BITMAP_BYTES);
  self->undo = g_ptr_array_new_with_free_func (g_free);
  self->redo = g_ptr_array_new_with_free_func (g_free);
  self->pen_width = PEN_WIDTH_DEFAULT;
  self->mode = CONVOLVE_GRID_MODE_PEN;
}

ConvolveGridModel *
convolve_grid_model_new (void)
{
  return g_object_new (CONVOLVE_TYPE_GRID_MODEL, NULL);
}

const float *
convolve_grid_model_get_values (ConvolveGridModel *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID_MODEL (self), NULL);

  return self->values;
}

float
convolve_grid_model_get_value (ConvolveGridModel *self,
                               int                x,
                               int                y)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID_MODEL (self), 0.0f);
  g_return_val_if_fail (x >= 0 && x < CONVOLVE_GRID_SIZE, 0.0f);
  g_return_val_if_fail (y >= 0 && y < CONVOLVE_GRID_SIZE, 0.0f);

  return self->values[y * CONVOLVE_GRID_SIZE + x];
}

void
convolve_grid_model_set_values (ConvolveGridModel *self,
                                const float       *values)
{
  guint8 *before;

  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));
  g_return_if_fail (values != NULL);

  convolve_grid_model_end_stroke (self);
  before = snapshot_ink (self);

  for (int cy = 0; cy < CONVOLVE_GRID_SIZE; cy++)
    for (int cx = 0; cx < CONVOLVE_GRID_SIZE; cx++)
      {
        float v = values[cy * CONVOLVE_GRID_SIZE + cx];
        int n;

        if (!isfinite (v))
          v = 0.0f;
        n = (int) lrintf (CLAMP (v, 0.0f, 1.0f) * NSUB);
        for (int j = 0; j < SUB; j++)
          for (int i = 0; i < SUB; i++)
            self->ink[(gsize) (cy * SUB + j) * SIDE + cx * SUB + i] = bayer16[j][i] < n;
      }

  commit (self, before);
}

gboolean
convolve_grid_model_is_empty (ConvolveGridModel *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID_MODEL (self), TRUE);

  for (int i = 0; i < NCELLS; i++)
    if (self->values[i] > 0.0f)
      return FALSE;
  return TRUE;
}

void
convolve_grid_model_begin_stroke (ConvolveGridModel *self,
                                  double             x,
                                  double             y,
                                  gboolean           erase)
{
  gboolean any;

  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));

  convolve_grid_model_end_stroke (self);

  self->stroke_before = snapshot_ink (self);
  self->stroke_erase = !!erase;
  self->stroke_x = x;
  self->stroke_y = y;

  if (self->mode == CONVOLVE_GRID_MODE_CELL)
    {
      int cx = (int) floor (x), cy = (int) floor (y);
      gboolean inside = cx >= 0 && cx < CONVOLVE_GRID_SIZE &&
                        cy >= 0 && cy < CONVOLVE_GRID_SIZE;

      /* The first cell toggles (or clears when erasing); the rest of the
       * stroke paints cells the same way, as paint programs do. */
      self->stroke_cell_fill = !erase && !(inside && cell_is_full (self, cx, cy));
      any = stamp_cells (self, x, y, x, y, self->stroke_cell_fill);
    }
  else
    {
      any = stamp_capsule (self, x, y, x, y, self->pen_width / 2, !erase);
    }

  if (any)
    changed (self);
}

void
convolve_grid_model_stroke_to (ConvolveGridModel *self,
                               double             x,
                               double             y)
{
  gboolean any;

  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));

  if (self->stroke_before == NULL)
    return;

  if (self->mode == CONVOLVE_GRID_MODE_CELL)
    any = stamp_cells (self, self->stroke_x, self->stroke_y, x, y,
                       self->stroke_cell_fill);
  else
    any = stamp_capsule (self, self->stroke_x, self->stroke_y, x, y,
                         self->pen_width / 2, !self->stroke_erase);
  self->stroke_x = x;
  self->stroke_y = y;

  if (any)
    changed (self);
}

void
convolve_grid_model_end_stroke (ConvolveGridModel *self)
{
  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));

  if (self->stroke_before == NULL)
    return;

  /* "changed" was emitted while stroking: only the undo step is left */
  if (memcmp (self->stroke_before, self->ink, BITMAP_BYTES) != 0)
    push_undo (self, g_steal_pointer (&self->stroke_before));
  else
    g_clear_pointer (&self->stroke_before, g_free);
}

void
convolve_grid_model_paint_cell (ConvolveGridModel *self,
                                int                x,
                                int                y,
                                gboolean           erase)
{
  guint8 *before;

  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));
  g_return_if_fail (x >= 0 && x < CONVOLVE_GRID_SIZE);
  g_return_if_fail (y >= 0 && y < CONVOLVE_GRID_SIZE);

  convolve_grid_model_end_stroke (self);
  before = snapshot_ink (self);
  fill_cell (self, x, y, !erase);
  commit (self, before);
}

void
convolve_grid_model_toggle_cell (ConvolveGridModel *self,
                                 int                x,
                                 int                y)
{
  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));
  g_return_if_fail (x >= 0 && x < CONVOLVE_GRID_SIZE);
  g_return_if_fail (y >= 0 && y < CONVOLVE_GRID_SIZE);

  /* A partly inked cell becomes full: the toggle aims at whole cells */
  convolve_grid_model_paint_cell (self, x, y, cell_is_full (self, x, y));
}

void
convolve_grid_model_clear (ConvolveGridModel *self)
{
  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));

  convolve_grid_model_end_stroke (self);
  if (convolve_grid_model_is_empty (self))
    return;

  push_undo (self, snapshot_ink (self));
  memset (self->ink, 0, BITMAP_BYTES);
  changed (self);
}

void
convolve_grid_model_shift (ConvolveGridModel *self,
                           int                dx,
                           int                dy)
{
  g_autofree guint8 *shifted = NULL;
  int sx, sy;

  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));

  convolve_grid_model_end_stroke (self);
  if ((dx == 0 && dy == 0) || convolve_grid_model_is_empty (self))
    return;

  sx = dx * SUB;
  sy = dy * SUB;
  shifted = g_malloc0 (BITMAP_BYTES);
  for (int y = 0; y < SIDE; y++)
    {
      int ty = y + sy;

      if (ty < 0 || ty >= SIDE)
        continue;
      for (int x = 0; x < SIDE; x++)
        {
          int tx = x + sx;

          if (tx >= 0 && tx < SIDE)
            shifted[(gsize) ty * SIDE + tx] = self->ink[(gsize) y * SIDE + x];
        }
    }

  /* The old bitmap is the undo step, the shifted one takes its place */
  if (memcmp (shifted, self->ink, BITMAP_BYTES) == 0)
    return;
  push_undo (self, g_steal_pointer (&self->ink));
  self->ink = g_steal_pointer (&shifted);
  changed (self);
}

gboolean
convolve_grid_model_can_undo (ConvolveGridModel *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID_MODEL (self), FALSE);

  return self->undo->len > 0;
}

gboolean
convolve_grid_model_can_redo (ConvolveGridModel *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID_MODEL (self), FALSE);

  return self->redo->len > 0;
}

/* Moves the current bitmap onto @to and makes the last of @from current */
static gboolean
swap_history (ConvolveGridModel *self,
              GPtrArray         *from,
              GPtrArray         *to)
{
  if (from->len == 0)
    return FALSE;

  g_ptr_array_add (to, g_steal_pointer (&self->ink));
  self->ink = g_ptr_array_steal_index (from, from->len - 1);
  update_undo_flags (self);
  changed (self);

  return TRUE;
}

gboolean
convolve_grid_model_undo (ConvolveGridModel *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID_MODEL (self), FALSE);

  convolve_grid_model_end_stroke (self);
  return swap_history (self, self->undo, self->redo);
}

gboolean
convolve_grid_model_redo (ConvolveGridModel *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID_MODEL (self), FALSE);

  convolve_grid_model_end_stroke (self);
  return swap_history (self, self->redo, self->undo);
}

double
convolve_grid_model_get_pen_width (ConvolveGridModel *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID_MODEL (self), PEN_WIDTH_DEFAULT);

  return self->pen_width;
}

void
convolve_grid_model_set_pen_width (ConvolveGridModel *self,
                                   double             width)
{
  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));

  width = CLAMP (width, PEN_WIDTH_MIN, PEN_WIDTH_MAX);
  if (width == self->pen_width)
    return;

  self->pen_width = width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEN_WIDTH]);
}

ConvolveGridMode
convolve_grid_model_get_mode (ConvolveGridModel *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID_MODEL (self), CONVOLVE_GRID_MODE_PEN);

  return self->mode;
}

void
convolve_grid_model_set_mode (ConvolveGridModel *self,
                              ConvolveGridMode   mode)
{
  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));
  g_return_if_fail (mode == CONVOLVE_GRID_MODE_PEN || mode == CONVOLVE_GRID_MODE_CELL);

  if (mode == self->mode)
    return;

  convolve_grid_model_end_stroke (self);
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

void
convolve_grid_model_get_cursor (ConvolveGridModel *self,
                                int               *x,
                                int               *y)
{
  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));

  if (x != NULL)
    *x = self->cursor_x;
  if (y != NULL)
    *y = self->cursor_y;
}

void
convolve_grid_model_move_cursor (ConvolveGridModel *self,
                                 int                dx,
                                 int                dy)
{
  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));

  set_cursor (self, self->cursor_x + dx, self->cursor_y + dy);
}

void
convolve_grid_model_get_normalized (ConvolveGridModel *self,
                                    float             *out)
{
  g_return_if_fail (CONVOLVE_IS_GRID_MODEL (self));
  g_return_if_fail (out != NULL);

  cnn_ink_normalize (self->ink, SIDE, out);
}

const guint8 *
convolve_grid_model_get_ink (ConvolveGridModel *self,
                             int               *side)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID_MODEL (self), NULL);

  if (side != NULL)
    *side = SIDE;
  return self->ink;
}
