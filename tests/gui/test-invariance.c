/* test-invariance.c — the two views of "where did it go": flatten as the
 * bridge in the trace, and the translation invariance window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "convolve-invariance-window.h"
#include "convolve-legend.h"
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
  g_assert_true (convolve_window_show_network (window, "digits", &error));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the translation invariance window ---- */

#define WAIT_US (60 * G_USEC_PER_SEC)

static CnnNet *
load_dense_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_resources_lookup_data ("/io/github/convolve/Convolve/models/dense-only.cnvm",
                                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  CnnNet *net;

  g_assert_no_error (error);
  net = cnn_model_deserialize (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (net->spec, ==, "dense10 softmax");
  return net;
}

static void
count_shown (guint *n)
{
  (*n)++;
}

/* explore.invariance, as the button and Ctrl+I do: one window, over the
 * main one, not modal */
static ConvolveInvarianceWindow *
open_view (ConvolveWindow *window)
{
  GtkWidget *page = GTK_WIDGET (window->explore_page);
  GtkWidget *view = NULL;
  guint n = 0, shown = 0;
  gulong id = g_signal_connect_swapped (page, "invariance-shown", G_CALLBACK (count_shown), &shown);

  g_assert_true (gtk_widget_activate_action (page, "explore.invariance", NULL));
  g_assert_true (gtk_widget_activate_action (page, "explore.invariance", NULL));
  g_assert_cmpuint (shown, ==, 2);
  g_signal_handler_disconnect (page, id);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

        if (CONVOLVE_IS_INVARIANCE_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
          {
            view = GTK_WIDGET (w);
            n++;
          }
      }
  }
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (convolve_explore_page_open_invariance (window->explore_page) == view);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (view)) == GTK_WINDOW (window));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (view)));
  gtk_test_widget_wait_for_draw (view);
  return CONVOLVE_INVARIANCE_WINDOW (view);
}

static char *
expected_answer (const CnnShiftResult *results,
                 int                   i)
{
  const char *mark = i == CNN_N_SHIFTS / 2 ? ""
                     : results[i].predicted == results[CNN_N_SHIFTS / 2].predicted ? "✓ " : "✗ ";

  return g_strdup_printf ("%s%d · %.0f %%", mark, results[i].predicted, 100.0 * results[i].confidence);
}

/* The 25 cells say what cnn_invariance_grid says of the session's input;
 * the network's also show the shifted images */
static void
check_grid (ConvolveInvarianceWindow *view,
            ConvolveSession          *session,
            const CnnNet             *net,
            gboolean                  dense_only)
{
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (net);
  CnnShiftResult expect[CNN_N_SHIFTS];

  cnn_invariance_grid (net, ws, convolve_session_get_input (session), expect);
  for (int i = 0; i < CNN_N_SHIFTS; i++)
    {
      g_autofree char *want = expected_answer (expect, i);

      g_assert_cmpstr (convolve_invariance_window_get_answer (view, dense_only, i), ==, want);
      if (dense_only)
        continue;
      for (int p = 0; p < CNN_INPUT_SIZE; p++)
        g_assert_cmpfloat (convolve_heatmap_get_value (convolve_invariance_window_get_image (view, i),
                                                       p / CNN_INPUT_W, p % CNN_INPUT_W),
                           ==, expect[i].input[p]);
    }
}

/* The shift taken apart: each row's maps are its layer's output for the
 * original and the shifted input, and each bar is cnn_shift_compare's */
static void
check_shift (ConvolveInvarianceWindow *view,
             ConvolveSession          *session,
             int                       dx,
             int                       dy)
{
  const CnnNet *net = convolve_session_get_net (session);
  g_autoptr (CnnWorkspace) original = cnn_workspace_new (net);
  g_autoptr (CnnWorkspace) shifted = cnn_workspace_new (net);
  g_autofree float *change = g_new0 (float, net->n_layers);
  CnnActivations acts[2];
  float top = 1.0f;
  int got_dx, got_dy;

  convolve_invariance_window_get_shift (view, &got_dx, &got_dy);
  g_assert_cmpint (got_dx, ==, dx);
  g_assert_cmpint (got_dy, ==, dy);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    convolve_invariance_window_get_cell (view, FALSE, cnn_shift_index (dx, dy)))));
  cnn_shift_compare (net, original, shifted, convolve_session_get_input (session), dx, dy, change);
  cnn_workspace_get_activations (original, &acts[0]);
  cnn_workspace_get_activations (shifted, &acts[1]);

  g_assert_cmpint (convolve_invariance_window_get_n_rows (view), >=, 1);
  for (int r = 0; r < convolve_invariance_window_get_n_rows (view); r++)
    {
      int layer = convolve_invariance_window_get_row_layer (view, r);
      CnnShape shape = layer < 0 ? net->input : net->layers[layer].out;
      int n = convolve_invariance_window_get_row_n_maps (view, r);

      /* one map a channel, or the vector in one; the last row is the vector */
      g_assert_true (n == shape.c || n == 1);
      if (r == convolve_invariance_window_get_n_rows (view) - 1)
        g_assert_cmpint (convolve_heatmap_get_rows (convolve_invariance_window_get_row_map (view, r, FALSE, 0)),
                         ==, 1);
      for (int s = 0; s < 2; s++)
        for (int c = 0; c < n; c++)
          {
            ConvolveHeatmap *map = convolve_invariance_window_get_row_map (view, r, s, c);
            const float *v = cnn_activations_values (&acts[s], layer);

            /* the flattened vector: one row of all the values */
            if (n == 1 && convolve_heatmap_get_rows (map) == 1 && shape.h > 1)
              {
                g_assert_cmpint (convolve_heatmap_get_cols (map), ==, (int) cnn_shape_size (shape));
                for (gsize j = 0; j < cnn_shape_size (shape); j++)
                  g_assert_cmpfloat (convolve_heatmap_get_value (map, 0, (int) j), ==, v[j]);
              }
            else
              for (int y = 0; y < shape.h; y++)
                for (int x = 0; x < shape.w; x++)
                  g_assert_cmpfloat (convolve_heatmap_get_value (map, y, x), ==,
                                     v[(y * shape.w + x) * shape.c + c]);
          }
    }

  for (int i = 0; i < net->n_layers; i++)
    if (isfinite (change[i]))
      top = MAX (top, change[i]);
  for (int i = 0; i < net->n_layers; i++)
    {
      GtkLevelBar *bar = convolve_invariance_window_get_change_bar (view, i);
      char want[32];

      if (isinf (change[i]))
        {
          g_assert_cmpstr (convolve_invariance_window_get_change_text (view, i), ==, "∞");
          g_assert_cmpfloat (gtk_level_bar_get_value (bar), ==, top);
          continue;
        }
      g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (bar), change[i], 1e-6);
      g_assert_cmpfloat (gtk_level_bar_get_max_value (bar), ==, top);
      g_assert_cmpstr (convolve_invariance_window_get_change_text (view, i), ==,
                       convolve_format_number (change[i], 2, want, sizeof want));
    }
}

static void
test_invariance_view (void)
{
  ConvolveWindow *window;
  ConvolveInvarianceWindow *view;
  g_autoptr (CnnNet) dense = load_dense_only ();
  ConvolveSession *session;
  CnnNet *net;

  test_data_home_forget_networks ();
  window = test_app_present_window (the_app);
  session = window->session;
  g_assert_cmpstr (convolve_session_get_slot (session), ==, "digits");
  view = open_view (window);
  net = convolve_session_get_net (session);
  g_assert_cmpint (net->layers[0].kind, ==, CNN_LAYER_CONV);
  g_assert_null (convolve_invariance_window_get_note (view));

  /* the session's input through the session's network and through the
   * network without convolutions */
  check_grid (view, session, net, FALSE);
  check_grid (view, session, dense, TRUE);
  /* a cell to the right is taken apart at first: conv 1, the two
   * max-pools, the flattened vector */
  check_shift (view, session, 1, 0);
  g_assert_cmpint (convolve_invariance_window_get_n_rows (view), ==, 4);
  g_assert_cmpint (convolve_invariance_window_get_row_layer (view, 0), ==, 0);
  g_assert_cmpint (convolve_invariance_window_get_row_n_maps (view, 0), ==, 8);

  /* a click on another cell takes that shift apart */
  g_signal_emit_by_name (convolve_invariance_window_get_cell (view, FALSE, cnn_shift_index (-1, 2)),
                         "clicked");
  check_shift (view, session, -1, 2);
  convolve_invariance_window_set_shift (view, 2, -2);
  check_shift (view, session, 2, -2);

  gtk_window_destroy (GTK_WINDOW (view));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Fresh weights from the trainer (Reset, no step) */
static void
reset_weights (ConvolveWindow *window)
{
  CnnNet *net = convolve_session_get_net (window->session);
  g_autofree float *before = g_memdup2 (net->params, sizeof (float) * net->n_params);
  gint64 end = g_get_monotonic_time () + WAIT_US;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train-reset", NULL));
  while (memcmp (net->params, before, sizeof (float) * net->n_params) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The view follows the session: the drawing, the weights, another
 * network, one without a conv first, an empty drawing */
static void
test_invariance_follows (void)
{
  ConvolveWindow *window;
  ConvolveInvarianceWindow *view;
  g_autoptr (CnnNet) dense = load_dense_only ();
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (CnnDataset) test = NULL;
  g_autoptr (GError) error = NULL;
  ConvolveSession *session;
  ConvolveGridModel *model;

  test_data_home_forget_networks ();
  window = test_app_present_window (the_app);
  session = window->session;
  model = convolve_explore_page_get_grid_model (window->explore_page);
  g_assert_cmpstr (convolve_session_get_slot (session), ==, "digits");
  view = open_view (window);
  g_assert_true (cnn_dataset_builtin_split (10, CNN_SPLIT_STRATIFIED, &train, &test, &error));
  g_assert_no_error (error);

  /* a new drawing: a 3 of the test split, then a 0 */
  for (gsize s = 0; s < 2; s++)
    {
      gsize index = 0;

      while (test->y[index] != (s == 0 ? 3 : 0))
        index++;
      convolve_grid_model_set_values (model, test->x + index * CNN_INPUT_SIZE);
      check_grid (view, session, convolve_session_get_net (session), FALSE);
      check_grid (view, session, dense, TRUE);
      check_shift (view, session, 1, 0);
    }

  /* new weights, the same network */
  reset_weights (window);
  check_grid (view, session, convolve_session_get_net (session), FALSE);
  check_shift (view, session, 1, 0);

  /* another network: its four conv 1 maps and one pool */
  g_assert_true (convolve_window_show_network (window, "zero-or-one", &error));
  g_assert_no_error (error);
  check_grid (view, session, convolve_session_get_net (session), FALSE);
  check_grid (view, session, dense, TRUE);
  check_shift (view, session, 1, 0);
  g_assert_cmpint (convolve_invariance_window_get_n_rows (view), ==, 3);
  g_assert_cmpint (convolve_invariance_window_get_row_n_maps (view, 0), ==, 4);
  g_assert_null (convolve_invariance_window_get_note (view));

  /* no conv first: it says so, and shows the vector dense reads */
  g_assert_true (convolve_window_show_network (window, "spec:dense10", &error));
  g_assert_no_error (error);
  g_assert_nonnull (convolve_invariance_window_get_note (view));
  g_assert_cmpint (convolve_invariance_window_get_n_rows (view), ==, 1);
  g_assert_cmpint (convolve_invariance_window_get_row_layer (view, 0), ==, -1);
  check_grid (view, session, convolve_session_get_net (session), FALSE);
  check_shift (view, session, 1, 0);

  g_assert_true (convolve_window_show_network (window, "digits", &error));
  g_assert_no_error (error);
  g_assert_null (convolve_invariance_window_get_note (view));
  check_grid (view, session, convolve_session_get_net (session), FALSE);
  check_shift (view, session, 1, 0);

  /* nothing drawn: nothing answered */
  convolve_grid_model_clear (model);
  for (int i = 0; i < CNN_N_SHIFTS; i++)
    {
      g_assert_cmpstr (convolve_invariance_window_get_answer (view, FALSE, i), ==, "–");
      g_assert_cmpstr (convolve_invariance_window_get_answer (view, TRUE, i), ==, "–");
    }

  /* the main window takes it along when it goes (once it is disposed,
   * from the main loop) */
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (GTK_WINDOW (window));
  {
    gint64 end = g_get_monotonic_time () + WAIT_US;

    while (view != NULL)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, FALSE);
      }
  }
}

/* Ctrl+I is the page's, like the drawing's keys: never the application's */
static void
test_invariance_shortcut (void)
{
  ConvolveWindow *window;
  GListModel *shortcuts;
  gboolean found = FALSE;

  test_data_home_forget_networks ();
  window = test_app_present_window (the_app);
  shortcuts = G_LIST_MODEL (convolve_explore_page_get_shortcuts (window->explore_page));
  for (guint k = 0; k < g_list_model_get_n_items (shortcuts); k++)
    {
      g_autoptr (GtkShortcut) sc = g_list_model_get_item (shortcuts, k);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (sc);
      GtkShortcutAction *action = gtk_shortcut_get_action (sc);

      if (GTK_IS_KEYVAL_TRIGGER (trigger) && GTK_IS_NAMED_ACTION (action)
          && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_i
          && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_CONTROL_MASK)
        {
          g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==,
                           "explore.invariance");
          found = TRUE;
        }
    }
  g_assert_true (found);
  {
    g_auto (GStrv) global = gtk_application_get_actions_for_accel (GTK_APPLICATION (the_app),
                                                                    "<Control>i");

    g_assert_null (global[0]);
  }
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
  g_test_add_func ("/invariance/view", test_invariance_view);
  g_test_add_func ("/invariance/follows", test_invariance_follows);
  g_test_add_func ("/invariance/shortcut", test_invariance_shortcut);

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
