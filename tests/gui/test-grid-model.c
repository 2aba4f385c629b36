/* test-grid-model.c — the drawing model: coverage, strokes, undo, shifts,
 * normalisation. No display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "convolve-grid-model.h"

#define N CONVOLVE_GRID_SIZE

static int
count_changed (ConvolveGridModel *model)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (model), "changed-count"));
}

static void
on_changed (ConvolveGridModel *model)
{
  g_object_set_data (G_OBJECT (model), "changed-count",
                     GINT_TO_POINTER (count_changed (model) + 1));
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           int        *count)
{
  (*count)++;
}

static ConvolveGridModel *
new_counted_model (void)
{
  ConvolveGridModel *model = convolve_grid_model_new ();

  g_signal_connect (model, "changed", G_CALLBACK (on_changed), NULL);
  return model;
}

/* A full-width horizontal stroke of width 1.0 centred on y = 4.0 */
static void
draw_midline (ConvolveGridModel *model)
{
  convolve_grid_model_set_pen_width (model, 1.0);
  convolve_grid_model_begin_stroke (model, 0.0, 4.0, FALSE);
  convolve_grid_model_stroke_to (model, 8.0, 4.0);
  convolve_grid_model_end_stroke (model);
}

static void
assert_values_equal (const float *a,
                     const float *b)
{
  for (int i = 0; i < N * N; i++)
    g_assert_cmpfloat (a[i], ==, b[i]);
}

static void
test_defaults (void)
{
  g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();
  const float *v = convolve_grid_model_get_values (model);
  int x = -1, y = -1;
  GEnumClass *enum_class;

  g_assert_true (convolve_grid_model_is_empty (model));
  for (int i = 0; i < N * N; i++)
    g_assert_cmpfloat (v[i], ==, 0.0f);
  g_assert_false (convolve_grid_model_can_undo (model));
  g_assert_false (convolve_grid_model_can_redo (model));
  g_assert_false (convolve_grid_model_undo (model));
  g_assert_false (convolve_grid_model_redo (model));
  g_assert_cmpfloat_with_epsilon (convolve_grid_model_get_pen_width (model), 1.2, 1e-9);
  g_assert_cmpint (convolve_grid_model_get_mode (model), ==, CONVOLVE_GRID_MODE_PEN);
  convolve_grid_model_get_cursor (model, &x, &y);
  g_assert_cmpint (x, ==, 0);
  g_assert_cmpint (y, ==, 0);

  /* The mode is a registered enum, usable from GObject properties */
  enum_class = g_type_class_ref (CONVOLVE_TYPE_GRID_MODE);
  g_assert_cmpstr (g_enum_get_value (enum_class, CONVOLVE_GRID_MODE_CELL)->value_nick, ==, "cell");
  g_type_class_unref (enum_class);
  g_object_set (model, "mode", CONVOLVE_GRID_MODE_CELL, NULL);
  g_assert_cmpint (convolve_grid_model_get_mode (model), ==, CONVOLVE_GRID_MODE_CELL);
}

static void
test_midline_coverage (void)
{
  g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();

  /* Width 1 around y = 4: sub-pixel centres are at k/16 + 1/32, so the rows
   * within 0.5 of y = 4 are exactly the lower 8 sub-rows of row 3 and the
   * upper 8 of row 4 — half of each cell, nothing elsewhere. The caps at
   * x = 0 and x = 8 lie outside the grid. */
  draw_midline (model);
  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      g_assert_cmpfloat (convolve_grid_model_get_value (model, x, y), ==,
                         (y == 3 || y == 4) ? 0.5f : 0.0f);
  g_assert_false (convolve_grid_model_is_empty (model));
}

static void
test_short_stroke (void)
{
  g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();
  float v;

  /* A capsule of radius 0.25 and length 0.1 well inside cell (2, 5):
   * area π·0.25² + 0.5·0.1 ≈ 0.246 of the cell */
  convolve_grid_model_set_pen_width (model, 0.5);
  convolve_grid_model_begin_stroke (model, 2.5, 5.5, FALSE);
  convolve_grid_model_stroke_to (model, 2.6, 5.5);
  convolve_grid_model_end_stroke (model);

  v = convolve_grid_model_get_value (model, 2, 5);
  g_assert_cmpfloat_with_epsilon (v, 0.246, 0.02);
  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      if (x != 2 || y != 5)
        g_assert_cmpfloat (convolve_grid_model_get_value (model, x, y), ==, 0.0f);
}

static void
test_erase_stroke (void)
{
  g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();
  float v;

  draw_midline (model);

  /* Erase the left half: the cap at x = 4 reaches 0.5 into cell 4 */
  convolve_grid_model_begin_stroke (model, 0.0, 4.0, TRUE);
  convolve_grid_model_stroke_to (model, 4.0, 4.0);
  convolve_grid_model_end_stroke (model);
  for (int x = 0; x < 4; x++)
    {
      g_assert_cmpfloat (convolve_grid_model_get_value (model, x, 3), ==, 0.0f);
      g_assert_cmpfloat (convolve_grid_model_get_value (model, x, 4), ==, 0.0f);
    }
  v = convolve_grid_model_get_value (model, 4, 3);
  g_assert_cmpfloat (v, >, 0.0f);
  g_assert_cmpfloat (v, <, 0.5f);
  for (int x = 5; x < N; x++)
    g_assert_cmpfloat (convolve_grid_model_get_value (model, x, 3), ==, 0.5f);

  /* Erasing along the rest removes every bit of ink */
  convolve_grid_model_begin_stroke (model, 4.0, 4.0, TRUE);
  convolve_grid_model_stroke_to (model, 8.0, 4.0);
  convolve_grid_model_end_stroke (model);
  g_assert_true (convolve_grid_model_is_empty (model));

  /* Two strokes plus the drawing: three undo steps back to empty */
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 6, 4), ==, 0.5f);
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 0, 4), ==, 0.5f);
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_true (convolve_grid_model_is_empty (model));
}

static void
test_clear (void)
{
  g_autoptr (ConvolveGridModel) model = new_counted_model ();
  float before[N * N];

  /* Clearing an empty drawing changes nothing and records nothing */
  convolve_grid_model_clear (model);
  g_assert_cmpint (count_changed (model), ==, 0);
  g_assert_false (convolve_grid_model_can_undo (model));

  draw_midline (model);
  memcpy (before, convolve_grid_model_get_values (model), sizeof before);
  g_object_set_data (G_OBJECT (model), "changed-count", NULL);

  convolve_grid_model_clear (model);
  g_assert_cmpint (count_changed (model), ==, 1);
  g_assert_true (convolve_grid_model_is_empty (model));

  g_assert_true (convolve_grid_model_undo (model));
  assert_values_equal (convolve_grid_model_get_values (model), before);
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_true (convolve_grid_model_is_empty (model));
  g_assert_false (convolve_grid_model_can_undo (model));
}

static void
test_undo_redo (void)
{
  g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();
  float after_a[N * N], after_b[N * N];
  int undo_notes = 0, redo_notes = 0;

  g_signal_connect (model, "notify::can-undo", G_CALLBACK (on_notify), &undo_notes);
  g_signal_connect (model, "notify::can-redo", G_CALLBACK (on_notify), &redo_notes);

  /* A: a diagonal; B: a vertical line crossing it */
  convolve_grid_model_begin_stroke (model, 1.0, 1.0, FALSE);
  convolve_grid_model_stroke_to (model, 3.0, 2.5);
  convolve_grid_model_stroke_to (model, 6.0, 6.0);
  g_assert_false (convolve_grid_model_can_undo (model));
  convolve_grid_model_end_stroke (model);
  g_assert_true (convolve_grid_model_can_undo (model));
  g_assert_cmpint (undo_notes, ==, 1);
  memcpy (after_a, convolve_grid_model_get_values (model), sizeof after_a);

  convolve_grid_model_begin_stroke (model, 5.0, 0.5, FALSE);
  convolve_grid_model_stroke_to (model, 5.0, 7.5);
  convolve_grid_model_end_stroke (model);
  memcpy (after_b, convolve_grid_model_get_values (model), sizeof after_b);
  g_assert_true (memcmp (after_a, after_b, sizeof after_a) != 0);
  g_assert_cmpint (undo_notes, ==, 1);

  g_assert_true (convolve_grid_model_undo (model));
  assert_values_equal (convolve_grid_model_get_values (model), after_a);
  g_assert_true (convolve_grid_model_can_redo (model));
  g_assert_cmpint (redo_notes, ==, 1);

  g_assert_true (convolve_grid_model_undo (model));
  g_assert_true (convolve_grid_model_is_empty (model));
  g_assert_false (convolve_grid_model_can_undo (model));
  g_assert_false (convolve_grid_model_undo (model));
  g_assert_cmpint (undo_notes, ==, 2);

  g_assert_true (convolve_grid_model_redo (model));
  assert_values_equal (convolve_grid_model_get_values (model), after_a);
  g_assert_true (convolve_grid_model_redo (model));
  assert_values_equal (convolve_grid_model_get_values (model), after_b);
  g_assert_false (convolve_grid_model_can_redo (model));
  g_assert_false (convolve_grid_model_redo (model));

  /* A new stroke after an undo drops the redo history */
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_true (convolve_grid_model_can_redo (model));
  convolve_grid_model_begin_stroke (model, 0.5, 7.0, FALSE);
  convolve_grid_model_stroke_to (model, 7.5, 7.0);
  convolve_grid_model_end_stroke (model);
  g_assert_false (convolve_grid_model_can_redo (model));
  g_assert_false (convolve_grid_model_redo (model));
  g_assert_true (convolve_grid_model_undo (model));
  assert_values_equal (convolve_grid_model_get_values (model), after_a);

  /* A stroke that changes nothing (erasing blank paper) is no undo step */
  convolve_grid_model_redo (model);
  convolve_grid_model_undo (model);
  convolve_grid_model_begin_stroke (model, 0.5, 7.5, TRUE);
  convolve_grid_model_stroke_to (model, 0.6, 7.5);
  convolve_grid_model_end_stroke (model);
  g_assert_true (convolve_grid_model_can_redo (model));
}

static void
test_undo_limit (void)
{
  g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();
  int undone = 0;

  for (int i = 0; i < 150; i++)
    convolve_grid_model_toggle_cell (model, i % N, (i / N) % N);
  while (convolve_grid_model_undo (model))
    undone++;
  g_assert_cmpint (undone, ==, 100);
  /* The oldest 50 toggles can no longer be undone */
  g_assert_false (convolve_grid_model_is_empty (model));
}

static void
test_shift (void)
{
  g_autoptr (ConvolveGridModel) model = new_counted_model ();

  for (int y = 0; y < N; y++)
    convolve_grid_model_paint_cell (model, 7, y, FALSE);
  convolve_grid_model_paint_cell (model, 3, 2, FALSE);
  g_object_set_data (G_OBJECT (model), "changed-count", NULL);

  convolve_grid_model_shift (model, 1, 0);
  g_assert_cmpint (count_changed (model), ==, 1);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 4, 2), ==, 1.0f);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 3, 2), ==, 0.0f);
  for (int y = 0; y < N; y++)
    g_assert_cmpfloat (convolve_grid_model_get_value (model, 7, y), ==, 0.0f);

  convolve_grid_model_shift (model, -1, 0);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 3, 2), ==, 1.0f);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 4, 2), ==, 0.0f);
  for (int y = 0; y < N; y++)
    {
      g_assert_cmpfloat (convolve_grid_model_get_value (model, 7, y), ==, 0.0f);
      g_assert_cmpfloat (convolve_grid_model_get_value (model, 6, y), ==, 0.0f);
    }

  /* Vertical too, and sub-cell ink moves by whole cells exactly */
  draw_midline (model);
  convolve_grid_model_shift (model, 0, -2);
  for (int x = 0; x < N; x++)
    {
      g_assert_cmpfloat (convolve_grid_model_get_value (model, x, 0), ==, x == 3 ? 1.0f : 0.0f);
      g_assert_cmpfloat (convolve_grid_model_get_value (model, x, 1), ==, 0.5f);
      g_assert_cmpfloat (convolve_grid_model_get_value (model, x, 2), ==, 0.5f);
      g_assert_cmpfloat (convolve_grid_model_get_value (model, x, 4), ==, 0.0f);
    }

  /* Each shift was one undo step */
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 0, 4), ==, 0.5f);
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 7, 5), ==, 1.0f);

  /* Shifting everything off the edge empties the drawing */
  convolve_grid_model_shift (model, 0, 8);
  g_assert_true (convolve_grid_model_is_empty (model));
}

static void
test_cursor_paint (void)
{
  g_autoptr (ConvolveGridModel) model = new_counted_model ();
  int x, y, notes = 0;

  g_signal_connect (model, "notify::cursor-x", G_CALLBACK (on_notify), &notes);

  convolve_grid_model_move_cursor (model, 3, 2);
  convolve_grid_model_get_cursor (model, &x, &y);
  g_assert_cmpint (x, ==, 3);
  g_assert_cmpint (y, ==, 2);
  g_assert_cmpint (notes, ==, 1);

  convolve_grid_model_paint_cell (model, x, y, FALSE);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 3, 2), ==, 1.0f);
  g_assert_cmpint (count_changed (model), ==, 1);
  /* Painting a full cell again changes nothing */
  convolve_grid_model_paint_cell (model, x, y, FALSE);
  g_assert_cmpint (count_changed (model), ==, 1);

  convolve_grid_model_move_cursor (model, 1, 0);
  convolve_grid_model_get_cursor (model, &x, &y);
  convolve_grid_model_paint_cell (model, x, y, FALSE);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 4, 2), ==, 1.0f);
  convolve_grid_model_paint_cell (model, 3, 2, TRUE);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 3, 2), ==, 0.0f);

  /* Clamped at the edges; no notify when it cannot move */
  convolve_grid_model_move_cursor (model, 100, -100);
  convolve_grid_model_get_cursor (model, &x, &y);
  g_assert_cmpint (x, ==, 7);
  g_assert_cmpint (y, ==, 0);
  notes = 0;
  convolve_grid_model_move_cursor (model, 1, 0);
  g_assert_cmpint (notes, ==, 0);
  g_object_get (model, "cursor-x", &x, "cursor-y", &y, NULL);
  g_assert_cmpint (x, ==, 7);
  g_assert_cmpint (y, ==, 0);
}

static void
test_toggle (void)
{
  g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();

  convolve_grid_model_toggle_cell (model, 5, 6);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 5, 6), ==, 1.0f);
  convolve_grid_model_toggle_cell (model, 5, 6);
  g_assert_true (convolve_grid_model_is_empty (model));

  g_assert_true (convolve_grid_model_undo (model));
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 5, 6), ==, 1.0f);

  /* A half-inked cell toggles to full, not to empty */
  draw_midline (model);
  convolve_grid_model_toggle_cell (model, 0, 3);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 0, 3), ==, 1.0f);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 1, 3), ==, 0.5f);
}

static void
test_cell_mode_stroke (void)
{
  g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();

  convolve_grid_model_set_mode (model, CONVOLVE_GRID_MODE_CELL);
  convolve_grid_model_begin_stroke (model, 1.5, 1.5, FALSE);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 1, 1), ==, 1.0f);
  convolve_grid_model_stroke_to (model, 3.9, 1.2);
  convolve_grid_model_end_stroke (model);
  for (int x = 0; x < N; x++)
    g_assert_cmpfloat (convolve_grid_model_get_value (model, x, 1), ==,
                       (x >= 1 && x <= 3) ? 1.0f : 0.0f);

  /* Starting on a full cell empties the cells along the drag */
  convolve_grid_model_begin_stroke (model, 2.5, 1.5, FALSE);
  convolve_grid_model_stroke_to (model, 3.5, 1.5);
  convolve_grid_model_end_stroke (model);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 1, 1), ==, 1.0f);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 2, 1), ==, 0.0f);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 3, 1), ==, 0.0f);

  /* Each drag is one undo step */
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 3, 1), ==, 1.0f);
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_true (convolve_grid_model_is_empty (model));
}

static void
test_set_values (void)
{
  g_autoptr (ConvolveGridModel) model = new_counted_model ();
  float in[N * N];
  const float *out;

  for (int i = 0; i < N * N; i++)
    in[i] = (float) g_test_rand_double_range (0.0, 1.0);
  in[0] = 0.0f;
  in[1] = 1.0f;
  in[2] = 1.0f / 256;
  in[3] = 5.0f / 16;  /* a dataset level */

  convolve_grid_model_set_values (model, in);
  g_assert_cmpint (count_changed (model), ==, 1);
  out = convolve_grid_model_get_values (model);
  for (int i = 0; i < N * N; i++)
    g_assert_cmpfloat_with_epsilon (out[i], in[i], 0.5f / 256 + 1e-6f);
  g_assert_cmpfloat (out[0], ==, 0.0f);
  g_assert_cmpfloat (out[1], ==, 1.0f);
  g_assert_cmpfloat (out[3], ==, 5.0f / 16);

  g_assert_true (convolve_grid_model_undo (model));
  g_assert_true (convolve_grid_model_is_empty (model));
}

static void
assert_rows_inked (const float *v,
                   int          row)
{
  float sum = 0;

  for (int x = 0; x < N; x++)
    sum += v[row * N + x];
  g_assert_cmpfloat (sum, >, 0.0f);
}

static void
test_normalized (void)
{
  g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();
  float out[N * N];

  convolve_grid_model_get_normalized (model, out);
  for (int i = 0; i < N * N; i++)
    g_assert_cmpfloat (out[i], ==, 0.0f);

  /* A small "7" in the top-left corner fills the frame */
  convolve_grid_model_begin_stroke (model, 0.5, 0.5, FALSE);
  convolve_grid_model_stroke_to (model, 2.0, 0.5);
  convolve_grid_model_stroke_to (model, 1.0, 2.5);
  convolve_grid_model_end_stroke (model);
  for (int y = 3; y < N; y++)
    for (int x = 3; x < N; x++)
      g_assert_cmpfloat (convolve_grid_model_get_value (model, x, y), ==, 0.0f);

  convolve_grid_model_get_normalized (model, out);
  assert_rows_inked (out, 0);
  assert_rows_inked (out, 7);
  /* Its box is about as wide as tall: both outer columns are inked too */
  g_assert_cmpfloat (out[0 * N + 7], >, 0.0f);
  g_assert_cmpfloat (out[7 * N + 0] + out[7 * N + 1] + out[7 * N + 2], >, 0.0f);
  g_assert_cmpfloat (out[7 * N + 7], ==, 0.0f);

  /* A thin vertical line stays thin: aspect is kept, it is centred */
  convolve_grid_model_clear (model);
  convolve_grid_model_set_pen_width (model, 0.5);
  convolve_grid_model_begin_stroke (model, 6.0, 1.0, FALSE);
  convolve_grid_model_stroke_to (model, 6.0, 3.0);
  convolve_grid_model_end_stroke (model);
  convolve_grid_model_get_normalized (model, out);
  for (int y = 0; y < N; y++)
    {
      assert_rows_inked (out, y);
      for (int x = 0; x < N; x++)
        if (x != 3 && x != 4)
          g_assert_cmpfloat (out[y * N + x], ==, 0.0f);
      g_assert_cmpfloat_with_epsilon (out[y * N + 3], out[y * N + 4], 1.0f / 16);
    }

  /* Normalising changes no undoable state */
  g_assert_false (convolve_grid_model_can_redo (model));

  /* A drawing that already fills the frame's width stays as it is */
  convolve_grid_model_clear (model);
  draw_midline (model);
  convolve_grid_model_get_normalized (model, out);
  assert_values_equal (out, convolve_grid_model_get_values (model));
}

static void
test_changed_count (void)
{
  g_autoptr (ConvolveGridModel) model = new_counted_model ();
  int width_notes = 0;

  g_signal_connect (model, "notify::pen-width", G_CALLBACK (on_notify), &width_notes);

  convolve_grid_model_begin_stroke (model, 1.0, 1.0, FALSE);
  g_assert_cmpint (count_changed (model), ==, 1);
  convolve_grid_model_stroke_to (model, 5.0, 5.0);
  g_assert_cmpint (count_changed (model), ==, 2);
  /* Over ink already there: nothing changes */
  convolve_grid_model_stroke_to (model, 1.0, 1.0);
  g_assert_cmpint (count_changed (model), ==, 2);
  convolve_grid_model_end_stroke (model);
  g_assert_cmpint (count_changed (model), ==, 2);

  /* Erasing blank paper */
  convolve_grid_model_begin_stroke (model, 7.5, 0.5, TRUE);
  convolve_grid_model_stroke_to (model, 7.5, 0.6);
  convolve_grid_model_end_stroke (model);
  g_assert_cmpint (count_changed (model), ==, 2);

  convolve_grid_model_undo (model);
  g_assert_cmpint (count_changed (model), ==, 3);
  convolve_grid_model_redo (model);
  g_assert_cmpint (count_changed (model), ==, 4);
  convolve_grid_model_shift (model, 0, 0);
  g_assert_cmpint (count_changed (model), ==, 4);

  convolve_grid_model_set_pen_width (model, 10.0);
  g_assert_cmpfloat (convolve_grid_model_get_pen_width (model), ==, 3.0);
  convolve_grid_model_set_pen_width (model, 0.0);
  g_assert_cmpfloat (convolve_grid_model_get_pen_width (model), ==, 0.3);
  convolve_grid_model_set_pen_width (model, 0.3);
  g_assert_cmpint (width_notes, ==, 2);
  g_assert_cmpint (count_changed (model), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grid-model/defaults", test_defaults);
  g_test_add_func ("/grid-model/midline-coverage", test_midline_coverage);
  g_test_add_func ("/grid-model/short-stroke", test_short_stroke);
  g_test_add_func ("/grid-model/erase-stroke", test_erase_stroke);
  g_test_add_func ("/grid-model/clear", test_clear);
  g_test_add_func ("/grid-model/undo-redo", test_undo_redo);
  g_test_add_func ("/grid-model/undo-limit", test_undo_limit);
  g_test_add_func ("/grid-model/shift", test_shift);
  g_test_add_func ("/grid-model/cursor-paint", test_cursor_paint);
  g_test_add_func ("/grid-model/toggle", test_toggle);
  g_test_add_func ("/grid-model/cell-mode-stroke", test_cell_mode_stroke);
  g_test_add_func ("/grid-model/set-values", test_set_values);
  g_test_add_func ("/grid-model/normalized", test_normalized);
  g_test_add_func ("/grid-model/changed-count", test_changed_count);

  return g_test_run ();
}
