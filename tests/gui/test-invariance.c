/* test-invariance.c — the two views of "where did it go": flatten as the
 * bridge in the trace, and the translation invariance window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"

/* One application per process: see test_app_new_registered() */
static ConvolveApplication *the_app;

/* The strip's cell of element e, whichever way the layout laid it */
static void
strip_cell (ConvolveHeatmap *strip,
            int              e,
            int             *row,
            int             *col)
{
  if (convolve_heatmap_get_rows (strip) == 1)
    {
      *row = 0;
      *col = e;
    }
  else
    {
      g_assert_cmpint (convolve_heatmap_get_cols (strip), ==, 1);
      *row = e;
      *col = 0;
    }
}

static void
assert_highlight (ConvolveHeatmap *map,
                  int              row,
                  int              col)
{
  int r, c;

  convolve_heatmap_get_highlight (map, &r, &c);
  g_assert_cmpint (r, ==, row);
  g_assert_cmpint (c, ==, col);
}

/* Element e outlined: in the strip, and at (y, x) of map c of the block
 * (cnn_flatten_to_hwc), no other map outlined */
static void
assert_shows_element (ConvolveFlattenBridge *bridge,
                      int                    e)
{
  CnnShape block = convolve_flatten_bridge_get_block (bridge);
  ConvolveHeatmap *strip = convolve_flatten_bridge_get_strip (bridge);
  int y = -1, x = -1, c = -1, row, col;

  g_assert_cmpint (convolve_flatten_bridge_get_element (bridge), ==, e);
  if (e >= 0)
    {
      cnn_flatten_to_hwc (block, e, &y, &x, &c);
      strip_cell (strip, e, &row, &col);
      assert_highlight (strip, row, col);
    }
  else
    assert_highlight (strip, -1, -1);
  for (int k = 0; k < block.c; k++)
    {
      ConvolveHeatmap *map = convolve_flatten_bridge_get_block_map (bridge, k);

      if (k == c)
        assert_highlight (map, y, x);
      else
        assert_highlight (map, -1, -1);
    }
}

/* Every element to its (y, x, c) and back, by hovering, by the keys, and
 * in the tooltips */
static void
check_bridge (ConvolveWindow *window,
              const char     *block_name)
{
  ConvolveTraceView *trace = convolve_explore_page_get_trace (window->explore_page);
  ConvolveFlattenBridge *bridge = convolve_trace_view_get_flatten_bridge (trace);
  CnnNet *net = convolve_session_get_net (window->session);
  int f = cnn_net_flatten_layer (net);
  CnnShape block;
  ConvolveHeatmap *strip;
  int n;

  g_assert_nonnull (bridge);
  g_assert_cmpint (net->layers[f].kind, ==, CNN_LAYER_FLATTEN);
  block = convolve_flatten_bridge_get_block (bridge);
  g_assert_cmpint (block.h, ==, net->layers[f].in.h);
  g_assert_cmpint (block.w, ==, net->layers[f].in.w);
  g_assert_cmpint (block.c, ==, net->layers[f].in.c);
  n = (int) cnn_shape_size (block);
  /* the trace's own cards: flatten is column f + 1, its block column f */
  strip = convolve_flatten_bridge_get_strip (bridge);
  g_assert_true (strip == convolve_trace_view_get_map (trace, f + 1, 0));
  for (int c = 0; c < block.c; c++)
    g_assert_true (convolve_flatten_bridge_get_block_map (bridge, c)
                   == convolve_trace_view_get_map (trace, f, c));
  g_assert_cmpint (convolve_heatmap_get_rows (strip) * convolve_heatmap_get_cols (strip), ==, n);
  assert_shows_element (bridge, -1);

  /* hovering the strip: element e → (y, x, c) */
  for (int e = 0; e < n; e++)
    {
      g_autofree char *tooltip = NULL;
      g_autofree char *want = NULL;
      int y, x, c, row, col;

      strip_cell (strip, e, &row, &col);
      g_signal_emit_by_name (strip, "cell-hovered", row, col);
      assert_shows_element (bridge, e);

      cnn_flatten_to_hwc (block, e, &y, &x, &c);
      tooltip = convolve_heatmap_dup_cell_tooltip (strip, row, col);
      want = g_strdup_printf ("element %d = %s, row %d, column %d, channel %d\n", e, block_name,
                              y, x, c);
      g_assert_true (g_str_has_prefix (tooltip, want));
    }
  g_signal_emit_by_name (strip, "cell-hovered", -1, -1);
  assert_shows_element (bridge, -1);

  /* hovering a cell of a map: (y, x, c) → its element */
  for (int c = 0; c < block.c; c++)
    for (int y = 0; y < block.h; y++)
      for (int x = 0; x < block.w; x++)
        {
          ConvolveHeatmap *map = convolve_flatten_bridge_get_block_map (bridge, c);
          int e = cnn_flatten_from_hwc (block, y, x, c);
          g_autofree char *tooltip = NULL;
          g_autofree char *want = NULL;

          g_signal_emit_by_name (map, "cell-hovered", y, x);
          assert_shows_element (bridge, e);
          tooltip = convolve_heatmap_dup_cell_tooltip (map, y, x);
          want = g_strdup_printf ("→ flatten element %d", e);
          g_assert_true (g_str_has_suffix (tooltip, want));
          g_signal_emit_by_name (map, "cell-hovered", -1, -1);
        }
  assert_shows_element (bridge, -1);

  /* the keyboard: the strip takes the focus and shows its first element,
   * a choice is shown until something is hovered, and comes back after */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (strip)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (strip)));
  assert_shows_element (bridge, 0);
  convolve_flatten_bridge_select (bridge, n - 1);
  assert_shows_element (bridge, n - 1);
  g_signal_emit_by_name (convolve_flatten_bridge_get_block_map (bridge, 0), "cell-hovered", 0, 0);
  assert_shows_element (bridge, 0);
  g_signal_emit_by_name (convolve_flatten_bridge_get_block_map (bridge, 0), "cell-hovered", -1, -1);
  assert_shows_element (bridge, n - 1);
  gtk_widget_grab_focus (GTK_WIDGET (convolve_explore_page_get_grid (window->explore_page)));
  assert_shows_element (bridge, -1);
}

static void
test_flatten_bridge (void)
{
  ConvolveWindow *window;
  g_autoptr (GError) error = NULL;

  test_data_home_forget_networks ();
  window = test_app_present_window (the_app);
  check_bridge (window, "max-pool 2");
  g_assert_true (convolve_window_show_network (window, "zero-or-one", &error));
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  check_bridge (window, "max-pool 1");

  /* no flatten layer (dense flattens by itself): no bridge */
  g_assert_true (convolve_window_show_network (window, "spec:conv3x3x4 relu pool2 dense10", &error));
  g_assert_no_error (error);
  g_assert_null (convolve_trace_view_get_flatten_bridge (convolve_explore_page_get_trace (window->explore_page)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_data_home_new ("convolve-test-invariance");
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-invariance"))
    return 1;
  the_app = test_app_new_registered ();

  g_test_add_func ("/trace/flatten-bridge", test_flatten_bridge);

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
