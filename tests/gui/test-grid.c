/* test-grid.c — the drawing grid widget: pixels, pointer and keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "convolve-grid.h"
#include "test-render.h"

#define N CONVOLVE_GRID_SIZE
/* 400 px: 50 px per cell, the square fills the widget exactly */
#define SIDE_PX 400
#define CELL_PX (SIDE_PX / N)

typedef struct
{
  GtkWindow *window;
  ConvolveGrid *grid;
  ConvolveGridModel *model;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *grid;

  f->model = convolve_grid_model_new ();
  grid = convolve_grid_new (f->model);
  f->grid = CONVOLVE_GRID (grid);
  gtk_widget_set_size_request (grid, SIDE_PX, SIDE_PX);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (grid, GTK_ALIGN_CENTER);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (f->window, grid);
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->model);
}

/* The widget as the window's renderer draws it, as premultiplied B8G8R8A8
 * bytes (GDK_MEMORY_DEFAULT on little-endian hosts) */
static GBytes *
render_widget (GtkWidget *widget,
               int       *width,
               int       *height,
               gsize     *stride)
{
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  guchar *data;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);

  /* The paintable shows the widget's last drawn frame, and has nothing
   * while a redraw is pending (a change, or the focus arriving from the X
   * server just after a frame): wait for frames until there is one. */
  for (int attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      g_autoptr (GdkPaintable) paintable = NULL;
      g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();

      gtk_test_widget_wait_for_draw (widget);
      paintable = gtk_widget_paintable_new (widget);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *width, *height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, *width, *height));

  *stride = (gsize) *width * 4;
  data = g_malloc (*stride * *height);
  gdk_texture_download (texture, data, *stride);
  return g_bytes_new_take (data, *stride * *height);
}

/* Luminance 0..1 of the pixel at (x, y), from B, G, R */
static double
luminance_at (GBytes *pixels,
              gsize   stride,
              int     x,
              int     y)
{
  const guchar *p = (const guchar *) g_bytes_get_data (pixels, NULL) + y * stride + x * 4;

  return (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / 255.0;
}

static double
cell_luminance (GBytes *pixels,
                gsize   stride,
                int     cx,
                int     cy)
{
  return luminance_at (pixels, stride, cx * CELL_PX + CELL_PX / 2, cy * CELL_PX + CELL_PX / 2);
}

static void
test_grid_basics (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (ConvolveGridModel) own = NULL;
  ConvolveGridModel *prop_model = NULL;
  GtkWidget *widget;
  int minimum, natural;

  g_assert_true (convolve_grid_get_model (f->grid) == f->model);
  g_object_get (f->grid, "model", &prop_model, NULL);
  g_assert_true (prop_model == f->model);
  g_object_unref (prop_model);

  g_assert_false (convolve_grid_get_eraser (f->grid));
  g_object_set (f->grid, "eraser", TRUE, NULL);
  g_assert_true (convolve_grid_get_eraser (f->grid));
  convolve_grid_set_eraser (f->grid, FALSE);

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->grid)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->grid)), ==, SIDE_PX);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->grid)), ==, SIDE_PX);

  /* Square, from 24 px up to 44 px per cell (its own, not the request) */
  gtk_widget_set_size_request (GTK_WIDGET (f->grid), -1, -1);
  gtk_widget_measure (GTK_WIDGET (f->grid), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, N * 24);
  g_assert_cmpint (natural, ==, N * 44);
  gtk_widget_measure (GTK_WIDGET (f->grid), GTK_ORIENTATION_VERTICAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, N * 24);
  g_assert_cmpint (natural, ==, N * 44);
  gtk_widget_set_size_request (GTK_WIDGET (f->grid), SIDE_PX, SIDE_PX);

  /* Without a model the widget makes its own */
  widget = g_object_ref_sink (convolve_grid_new (NULL));
  g_assert_true (CONVOLVE_IS_GRID_MODEL (convolve_grid_get_model (CONVOLVE_GRID (widget))));
  g_object_unref (widget);

  /* The accessible role and label, for screen readers */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (f->grid), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->grid),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Drawing grid, 8 by 8 cells");
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (f->grid),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

static void
test_grid_pixels (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GBytes) pixels = NULL;
  g_autoptr (GBytes) overlaid = NULL;
  float overlay[N * N] = { 0 };
  int width, height;
  gsize stride;
  const guchar *p;

  convolve_grid_model_paint_cell (f->model, 2, 3, FALSE);
  convolve_grid_model_paint_cell (f->model, 5, 5, TRUE);
  /* A half cell: a grey between the two */
  convolve_grid_model_set_pen_width (f->model, 1.0);
  convolve_grid_model_begin_stroke (f->model, 0.0, 7.0, FALSE);
  convolve_grid_model_stroke_to (f->model, 1.0, 7.0);
  convolve_grid_model_end_stroke (f->model);
  g_assert_cmpfloat (convolve_grid_model_get_value (f->model, 0, 6), ==, 0.5f);

  pixels = render_widget (GTK_WIDGET (f->grid), &width, &height, &stride);
  g_assert_cmpint (width, ==, SIDE_PX);
  g_assert_cmpint (height, ==, SIDE_PX);

  g_assert_cmpfloat (cell_luminance (pixels, stride, 2, 3), <, 0.25);
  g_assert_cmpfloat (cell_luminance (pixels, stride, 5, 5), >, 0.75);
  /* Cell (0, 6) is inked in its lower half only, but drawn by its value */
  g_assert_cmpfloat (cell_luminance (pixels, stride, 0, 6), >, 0.3);
  g_assert_cmpfloat (cell_luminance (pixels, stride, 0, 6), <, 0.7);

  /* A positive overlay tints a blank cell red, a negative one blue */
  overlay[5 * N + 5] = 1.0f;
  overlay[1 * N + 1] = -1.0f;
  convolve_grid_set_overlay (f->grid, overlay);
  overlaid = render_widget (GTK_WIDGET (f->grid), &width, &height, &stride);
  p = (const guchar *) g_bytes_get_data (overlaid, NULL) + (5 * CELL_PX + 25) * stride + (5 * CELL_PX + 25) * 4;
  g_assert_cmpint (p[2], >, p[0] + 80);   /* red over blue (BGRA) */
  p = (const guchar *) g_bytes_get_data (overlaid, NULL) + (1 * CELL_PX + 25) * stride + (1 * CELL_PX + 25) * 4;
  g_assert_cmpint (p[0], >, p[2] + 80);

  /* Hiding the overlay brings the plain drawing back */
  convolve_grid_set_overlay (f->grid, NULL);
  g_clear_pointer (&overlaid, g_bytes_unref);
  overlaid = render_widget (GTK_WIDGET (f->grid), &width, &height, &stride);
  g_assert_true (g_bytes_equal (overlaid, pixels));
}

/* Dark mode is paper too: light ink on dark cells */
static void
test_grid_dark (Fixture       *f,
                gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr (GBytes) pixels = NULL;
  int width, height;
  gsize stride;

  convolve_grid_model_paint_cell (f->model, 2, 3, FALSE);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));

  pixels = render_widget (GTK_WIDGET (f->grid), &width, &height, &stride);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_cmpfloat (cell_luminance (pixels, stride, 2, 3), >, 0.75);
  g_assert_cmpfloat (cell_luminance (pixels, stride, 5, 5), <, 0.25);
}

static gboolean
press_key (Fixture         *f,
           guint            keyval,
           GdkModifierType  state)
{
  GtkEventController *key = test_find_controller (GTK_WIDGET (f->grid), GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_assert_nonnull (key);
  g_signal_emit_by_name (key, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static void
test_grid_keyboard (Fixture       *f,
                    gconstpointer  data)
{
  int x, y;

  g_assert_true (press_key (f, GDK_KEY_Right, 0));
  g_assert_true (press_key (f, GDK_KEY_Right, 0));
  g_assert_true (press_key (f, GDK_KEY_Down, 0));
  convolve_grid_model_get_cursor (f->model, &x, &y);
  g_assert_cmpint (x, ==, 2);
  g_assert_cmpint (y, ==, 1);

  g_assert_true (press_key (f, GDK_KEY_space, 0));
  g_assert_cmpfloat (convolve_grid_model_get_value (f->model, 2, 1), ==, 1.0f);

  /* Shift+arrow moves the drawing, not the cursor */
  g_assert_true (press_key (f, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_cmpfloat (convolve_grid_model_get_value (f->model, 2, 1), ==, 0.0f);
  g_assert_cmpfloat (convolve_grid_model_get_value (f->model, 3, 1), ==, 1.0f);
  convolve_grid_model_get_cursor (f->model, &x, &y);
  g_assert_cmpint (x, ==, 2);

  /* With the eraser, Space empties the cell */
  g_assert_true (press_key (f, GDK_KEY_Right, 0));
  convolve_grid_set_eraser (f->grid, TRUE);
  g_assert_true (press_key (f, GDK_KEY_space, 0));
  g_assert_true (convolve_grid_model_is_empty (f->model));
  convolve_grid_set_eraser (f->grid, FALSE);

  /* In cell mode Space toggles */
  convolve_grid_model_set_mode (f->model, CONVOLVE_GRID_MODE_CELL);
  g_assert_true (press_key (f, GDK_KEY_space, 0));
  g_assert_cmpfloat (convolve_grid_model_get_value (f->model, 3, 1), ==, 1.0f);
  g_assert_true (press_key (f, GDK_KEY_space, 0));
  g_assert_cmpfloat (convolve_grid_model_get_value (f->model, 3, 1), ==, 0.0f);
  g_assert_true (press_key (f, GDK_KEY_space, 0));

  /* Ctrl combinations are left to the window's shortcuts */
  g_assert_false (press_key (f, GDK_KEY_Delete, GDK_CONTROL_MASK));
  g_assert_false (convolve_grid_model_is_empty (f->model));
  g_assert_false (press_key (f, GDK_KEY_a, 0));

  g_assert_true (press_key (f, GDK_KEY_Delete, 0));
  g_assert_true (convolve_grid_model_is_empty (f->model));
  g_assert_true (convolve_grid_model_undo (f->model));
  g_assert_true (press_key (f, GDK_KEY_BackSpace, 0));
  g_assert_true (convolve_grid_model_is_empty (f->model));
}

static void
drag (Fixture *f,
      double   x0,
      double   y0,
      double   x1,
      double   y1)
{
  GtkEventController *gesture = test_find_controller (GTK_WIDGET (f->grid), GTK_TYPE_GESTURE_DRAG);

  g_assert_nonnull (gesture);
  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  g_signal_emit_by_name (gesture, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (gesture, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
}

static void
test_grid_drag (Fixture       *f,
                gconstpointer  data)
{
  /* Widget pixels to cells: 50 px a cell. A horizontal drag through the
   * middle of row 2, from cell 1 to cell 6, 1 cell wide: it fills cells
   * 2..5 and, but for the round caps, cells 1 and 6. */
  convolve_grid_model_set_pen_width (f->model, 1.0);
  drag (f, 1.5 * CELL_PX, 2.5 * CELL_PX, 6.5 * CELL_PX, 2.5 * CELL_PX);

  for (int x = 0; x < N; x++)
    for (int y = 0; y < N; y++)
      {
        float v = convolve_grid_model_get_value (f->model, x, y);

        if (y == 2 && x >= 2 && x <= 5)
          g_assert_cmpfloat (v, ==, 1.0f);
        else if (y == 2 && (x == 1 || x == 6))
          g_assert_cmpfloat_with_epsilon (v, 0.5f + G_PI / 8, 0.03f);
        else
          g_assert_cmpfloat (v, ==, 0.0f);
      }
  /* The whole drag is one undo step */
  g_assert_true (convolve_grid_model_can_undo (f->model));
  g_assert_true (convolve_grid_model_undo (f->model));
  g_assert_true (convolve_grid_model_is_empty (f->model));
  g_assert_true (convolve_grid_model_redo (f->model));

  /* With the eraser property the primary button erases */
  convolve_grid_set_eraser (f->grid, TRUE);
  drag (f, 0.5 * CELL_PX, 2.5 * CELL_PX, 7.5 * CELL_PX, 2.5 * CELL_PX);
  g_assert_true (convolve_grid_model_is_empty (f->model));
  convolve_grid_set_eraser (f->grid, FALSE);

  /* Cell mode: the press toggles the cell, the drag paints cells */
  convolve_grid_model_set_mode (f->model, CONVOLVE_GRID_MODE_CELL);
  drag (f, 4.2 * CELL_PX, 0.5 * CELL_PX, 4.2 * CELL_PX, 3.5 * CELL_PX);
  for (int y = 0; y < N; y++)
    g_assert_cmpfloat (convolve_grid_model_get_value (f->model, 4, y), ==, y <= 3 ? 1.0f : 0.0f);
  g_assert_cmpfloat (convolve_grid_model_get_value (f->model, 3, 0), ==, 0.0f);
}

/* The cell cursor is for keyboard users: a stroke hides it, an arrow key
 * brings it back, and it is drawn (accent pixels on the cursor cell's edge)
 * only then. */
static void
test_grid_cursor (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GBytes) with_cursor = NULL;
  g_autoptr (GBytes) without = NULL;
  const guchar *p;
  int width, height;
  gsize stride;

  gtk_widget_grab_focus (GTK_WIDGET (f->grid));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->grid)));

  /* the mouse user: a stroke, and no outline at (0, 0) */
  drag (f, 4.5 * CELL_PX, 4.5 * CELL_PX, 5.5 * CELL_PX, 5.5 * CELL_PX);
  g_assert_false (convolve_grid_get_cursor_visible (f->grid));
  without = render_widget (GTK_WIDGET (f->grid), &width, &height, &stride);

  /* an arrow key shows the cursor where it is (moved to 1, 0) */
  g_assert_true (press_key (f, GDK_KEY_Right, 0));
  g_assert_true (convolve_grid_get_cursor_visible (f->grid));
  with_cursor = render_widget (GTK_WIDGET (f->grid), &width, &height, &stride);
  /* the middle of the cursor cell's top edge: blank paper without the
   * cursor, the accent colour (blue over red, BGRA) with it */
  p = (const guchar *) g_bytes_get_data (without, NULL) + 1 * stride + (CELL_PX + 25) * 4;
  g_assert_cmpint (p[0], >, 200);
  g_assert_cmpint (p[2], >, 200);
  p = (const guchar *) g_bytes_get_data (with_cursor, NULL) + 1 * stride + (CELL_PX + 25) * 4;
  g_assert_cmpint (p[0], >, p[2] + 60);

  /* the next stroke hides it again; so does losing focus */
  drag (f, 1.5 * CELL_PX, 1.5 * CELL_PX, 2.5 * CELL_PX, 1.5 * CELL_PX);
  g_assert_false (convolve_grid_get_cursor_visible (f->grid));
  g_assert_true (press_key (f, GDK_KEY_Down, 0));
  g_assert_true (convolve_grid_get_cursor_visible (f->grid));
  gtk_widget_set_focusable (GTK_WIDGET (f->grid), FALSE);
  gtk_window_set_focus (f->window, NULL);
  g_assert_false (convolve_grid_get_cursor_visible (f->grid));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* GTK_A11Y=none (tests/meson.build) gives widgets no AT context at all;
   * the in-process "test" context records the accessible properties without
   * a bus, so the label can be checked. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  test_log_init ();
  /* No skipping: without a display this is a failure, with the reason */
  if (!gtk_init_check ())
    {
      g_printerr ("test-grid needs a display (run it under Xvfb: build-aux/dev test)\n");
      return 1;
    }
  adw_init ();

  g_test_add ("/grid/basics", Fixture, NULL, fixture_set_up, test_grid_basics, fixture_tear_down);
  g_test_add ("/grid/pixels", Fixture, NULL, fixture_set_up, test_grid_pixels, fixture_tear_down);
  g_test_add ("/grid/dark", Fixture, NULL, fixture_set_up, test_grid_dark, fixture_tear_down);
  g_test_add ("/grid/keyboard", Fixture, NULL, fixture_set_up, test_grid_keyboard, fixture_tear_down);
  g_test_add ("/grid/drag", Fixture, NULL, fixture_set_up, test_grid_drag, fixture_tear_down);
  g_test_add ("/grid/cursor", Fixture, NULL, fixture_set_up, test_grid_cursor, fixture_tear_down);

  return g_test_run ();
}
