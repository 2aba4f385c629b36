/* test-filters.c — the Filters page: learned vs hand-crafted, before and after
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the page shows is checked against the engine's own answers for
 * the same network and input: the bank, the matches, the classic maps,
 * the frozen-bank experiment, the digits conv 2 responds to, and ‖ΔW‖
 * since the run's start. No assertion is on time: each wait is for a
 * state, bounded only so that a state that never comes fails.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "convolve-legend.h"
#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"

#define WAIT_US (60 * G_USEC_PER_SEC)

static ConvolveApplication *the_app;

typedef gboolean (*Predicate) (ConvolveWindow *window, gpointer data);

/* The main loop until pred holds (bounded: only reached if it never does) */
static void
wait_for (ConvolveWindow *window,
          Predicate       pred,
          gpointer        data)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;

  while (!pred (window, data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static ConvolveWindow *
show_filters_page (void)
{
  ConvolveWindow *window;

  test_data_home_forget_networks ();
  window = test_app_present_window (the_app);
  /* the settings remember the network last shown: the digits again */
  g_assert_true (convolve_window_show_network (window, "digits", NULL));
  convolve_train_page_set_pace (window->train_page, 0);
  adw_view_stack_set_visible_child_name (window->view_stack, "filters");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* As a person would before looking at it: a section out of view
 * follows no change until it is scrolled into view */
static void
scroll_to (ConvolveWindow *window,
           gpointer        section)
{
  GtkScrolledWindow *scroller = convolve_filters_page_get_scroller (window->filters_page);
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (scroller);
  graphene_rect_t b;

  g_assert_true (gtk_widget_compute_bounds (section, gtk_widget_get_parent (section), &b));
  gtk_adjustment_set_value (vadj, b.origin.y);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static void
assert_map_equals (ConvolveHeatmap *map,
                   const float     *values,
                   int              rows,
                   int              cols,
                   int              stride)
{
  g_assert_cmpint (convolve_heatmap_get_rows (map), ==, rows);
  g_assert_cmpint (convolve_heatmap_get_cols (map), ==, cols);
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
      g_assert_cmpfloat (convolve_heatmap_get_value (map, r, c), ==, values[(r * cols + c) * stride]);
}

/* Each learned conv 1 kernel with the engine's best match and cosine,
 * the match drawn with its sign */
static void
assert_matches (ConvolveWindow *window)
{
  ConvolveClassicMatches *matches = convolve_filters_page_get_matches (window->filters_page);
  const CnnNet *net = convolve_session_get_net (window->session);

  scroll_to (window, matches);

  g_assert_cmpint (convolve_classic_matches_get_n_pairs (matches), ==, net->layers[0].out.c);
  for (int f = 0; f < net->layers[0].out.c; f++)
    {
      float kernel[CNN_CLASSIC_TAPS], flipped[CNN_CLASSIC_TAPS];
      double want_sim, shown_sim;
      int want = 0, shown;
      char cosine[32];
      g_autofree char *line = NULL;

      cnn_conv_kernel (net, net->params, 0, f, 0, kernel);
      want = cnn_classic_match (kernel, &want_sim);
      shown = convolve_classic_matches_get_match (matches, f, &shown_sim);
      g_assert_cmpint (shown, ==, want);
      g_assert_cmpfloat (shown_sim, ==, want_sim);
      assert_map_equals (convolve_classic_matches_get_learned (matches, f), kernel, 3, 3, 1);
      for (int i = 0; i < CNN_CLASSIC_TAPS; i++)
        flipped[i] = (want_sim < 0 ? -1.0f : 1.0f) * cnn_classic_kernel (want)[i];
      assert_map_equals (convolve_classic_matches_get_matched (matches, f), flipped, 3, 3, 1);
      /* "≈ −0.91 · Gabor 135°" and the verdict */
      convolve_format_number ((float) want_sim, 2, cosine, sizeof cosine);
      line = g_strdup_printf ("≈ %s · ", cosine);
      g_assert_true (g_str_has_prefix (convolve_classic_matches_get_caption (matches, f), line));
      if (want_sim <= -0.9)
        g_assert_nonnull (strstr (convolve_classic_matches_get_caption (matches, f),
                                  "nearly the same, sign-flipped"));
    }
}

static gboolean
weights_differ (ConvolveWindow *window,
                gpointer        data)
{
  const CnnNet *net = convolve_session_get_net (window->session);

  return memcmp (net->params, data, sizeof (float) * net->n_params) != 0;
}

/* Reset: the weights are He init from the configured seed, and the
 * session's start is the same */
static void
reset_weights (ConvolveWindow *window)
{
  CnnNet *net = convolve_session_get_net (window->session);
  g_autofree float *before = g_memdup2 (net->params, sizeof (float) * net->n_params);
  g_autoptr (CnnNet) expect = cnn_net_copy (net);
  CnnTrainConfig config;
  CnnRng rng;

  convolve_training_get_config (window->training, &config);
  cnn_rng_init (&rng, config.seed);
  cnn_net_init_weights (expect, &rng);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train-reset", NULL));
  wait_for (window, weights_differ, before);
  g_assert_cmpmem (net->params, sizeof (float) * net->n_params,
                   expect->params, sizeof (float) * net->n_params);
  g_assert_cmpmem (convolve_session_get_start (window->session), sizeof (float) * net->n_params,
                   expect->params, sizeof (float) * net->n_params);
}

static void
test_filters_bank_and_matches (void)
{
  ConvolveWindow *window = show_filters_page ();
  ConvolveClassicMatches *matches = convolve_filters_page_get_matches (window->filters_page);
  static const char * const names[CNN_CLASSIC_N] = {
    "Sobel x", "Sobel y", "Prewitt x", "Prewitt y", "Laplacian", "Box blur", "Sharpen",
    "Gabor 0°", "Gabor 45°", "Gabor 90°", "Gabor 135°", "Identity",
  };

  /* the bank as the engine has it, named */
  for (int i = 0; i < CNN_CLASSIC_N; i++)
    {
      assert_map_equals (convolve_classic_matches_get_bank (matches, i), cnn_classic_kernel (i), 3, 3, 1);
      g_assert_cmpstr (convolve_classic_matches_get_bank_name (matches, i), ==, names[i]);
    }
  g_assert_cmpstr (convolve_classic_matches_get_note (matches), ==, "");

  /* the shipped model's kernels, then fresh ones: the matches follow */
  assert_matches (window);
  reset_weights (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  assert_matches (window);

  /* zero-or-one: 4 filters, valid padding */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "zero-or-one");
  g_assert_cmpint (convolve_classic_matches_get_n_pairs (matches), ==, 4);
  assert_matches (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The classic maps of the session's input, and conv 1's own */
static void
assert_maps (ConvolveWindow *window)
{
  ConvolveClassicMaps *maps = convolve_filters_page_get_maps (window->filters_page);
  const CnnNet *net = convolve_session_get_net (window->session);
  int pad = net->layers[0].pad;
  CnnShape shape = cnn_classic_maps_shape (pad);
  float want[CNN_INPUT_SIZE * CNN_CLASSIC_N];
  CnnActivations acts;

  scroll_to (window, maps);
  g_assert_cmpint (convolve_classic_maps_get_pad (maps), ==, pad);
  cnn_classic_feature_maps (convolve_session_get_input (window->session), pad, want);
  for (int i = 0; i < CNN_CLASSIC_N; i++)
    assert_map_equals (convolve_classic_maps_get_classic (maps, i), want + i, shape.h, shape.w,
                       CNN_CLASSIC_N);
  convolve_session_get_activations (window->session, &acts);
  g_assert_cmpint (convolve_classic_maps_get_n_learned (maps), ==, net->layers[0].out.c);
  for (int f = 0; f < net->layers[0].out.c; f++)
    assert_map_equals (convolve_classic_maps_get_learned (maps, f),
                       cnn_activations_values (&acts, 0) + f, net->layers[0].out.h,
                       net->layers[0].out.w, net->layers[0].out.c);
}

static void
test_filters_maps (void)
{
  ConvolveWindow *window = show_filters_page ();
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (window->explore_page);
  float input[CNN_INPUT_SIZE];

  assert_maps (window);

  /* a new drawing: the maps follow it */
  memcpy (input, convolve_session_get_input (window->session), sizeof input);
  convolve_grid_model_clear (model);
  convolve_grid_model_begin_stroke (model, 1.5, 4.0, FALSE);
  convolve_grid_model_stroke_to (model, 6.5, 4.0);
  convolve_grid_model_end_stroke (model);
  g_assert_true (memcmp (input, convolve_session_get_input (window->session), sizeof input) != 0);
  assert_maps (window);

  /* valid padding: 6×6 maps */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "zero-or-one");
  assert_maps (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
experiment_in_state (ConvolveWindow *window,
                     gpointer        data)
{
  ConvolveClassicExperiment *e = convolve_filters_page_get_experiment (window->filters_page);

  return convolve_classic_experiment_get_state (e) == (ConvolveClassicExperimentState) GPOINTER_TO_INT (data);
}

static gboolean
experiment_in_first_run (ConvolveWindow *window,
                         gpointer        data)
{
  ConvolveClassicExperiment *e = convolve_filters_page_get_experiment (window->filters_page);

  return g_str_has_prefix (convolve_classic_experiment_get_status (e), "Run 1 of 2");
}

static void
count_finished (ConvolveFiltersPage *page,
                guint               *n)
{
  (*n)++;
}

static void
test_filters_experiment (void)
{
  ConvolveWindow *window = show_filters_page ();
  ConvolveClassicExperiment *e = convolve_filters_page_get_experiment (window->filters_page);
  GSettings *settings = convolve_application_get_settings (the_app);
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (CnnDataset) test = NULL;
  g_autoptr (GError) error = NULL;
  CnnClassicResult shown, want;
  CnnTrainConfig config;
  guint finished = 0;
  char text[32];

  g_assert_nonnull (settings);
  g_signal_connect (window->filters_page, "experiment-finished", G_CALLBACK (count_finished), &finished);
  g_assert_cmpint (convolve_classic_experiment_get_state (e), ==, CONVOLVE_CLASSIC_EXPERIMENT_READY);

  /* short runs, through the Train page's settings */
  g_settings_set_int (settings, "epochs", 2);
  g_settings_set_string (settings, "augmentation", "none");
  convolve_train_page_get_config (window->train_page, &config);
  g_assert_cmpint (config.epochs, ==, 2);

  g_signal_emit_by_name (convolve_classic_experiment_get_run_button (e), "clicked");
  g_assert_cmpint (convolve_classic_experiment_get_state (e), ==, CONVOLVE_CLASSIC_EXPERIMENT_RUNNING);
  g_assert_cmpint (convolve_classic_experiment_get_epochs (e), ==, 2);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (convolve_classic_experiment_get_run_button (e))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (convolve_classic_experiment_get_cancel_button (e))));
  wait_for (window, experiment_in_state, GINT_TO_POINTER (CONVOLVE_CLASSIC_EXPERIMENT_DONE));
  g_assert_cmpuint (finished, ==, 1);

  /* the engine's answer for the same network and settings, both shown */
  g_assert_true (convolve_classic_experiment_get_result (e, &shown));
  g_assert_true (cnn_dataset_builtin_split (10, CNN_SPLIT_STRATIFIED, &train, &test, &error));
  g_assert_true (cnn_classic_experiment (convolve_session_get_net (window->session), train, test,
                                         &config, NULL, NULL, NULL, &want, &error));
  g_assert_no_error (error);
  g_test_message ("2 epochs, no augmentation: frozen %.4f, learned %.4f",
                  shown.frozen_accuracy, shown.learned_accuracy);
  g_assert_cmpfloat (shown.frozen_accuracy, ==, want.frozen_accuracy);
  g_assert_cmpfloat (shown.learned_accuracy, ==, want.learned_accuracy);
  g_snprintf (text, sizeof text, "%.1f %%", 100.0 * want.frozen_accuracy);
  g_assert_cmpstr (convolve_classic_experiment_get_accuracy_text (e, FALSE), ==, text);
  g_snprintf (text, sizeof text, "%.1f %%", 100.0 * want.learned_accuracy);
  g_assert_cmpstr (convolve_classic_experiment_get_accuracy_text (e, TRUE), ==, text);
  g_assert_true (g_str_has_prefix (convolve_classic_experiment_get_status (e), "Done: 2 epochs each"));

  /* long runs, cancelled in the first: it stops, with no result */
  g_settings_set_int (settings, "epochs", 500);
  g_signal_emit_by_name (convolve_classic_experiment_get_run_button (e), "clicked");
  wait_for (window, experiment_in_first_run, NULL);
  g_signal_emit_by_name (convolve_classic_experiment_get_cancel_button (e), "clicked");
  wait_for (window, experiment_in_state, GINT_TO_POINTER (CONVOLVE_CLASSIC_EXPERIMENT_CANCELLED));
  g_assert_false (convolve_classic_experiment_get_result (e, &shown));
  g_assert_cmpstr (convolve_classic_experiment_get_status (e), ==, "Cancelled.");
  /* a cancelled run is not a finished one (the lesson counts only those) */
  g_assert_cmpuint (finished, ==, 1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (convolve_classic_experiment_get_run_button (e))));

  g_settings_reset (settings, "epochs");
  g_settings_reset (settings, "augmentation");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A network whose first layer is no 3×3 convolution of the drawing: no
 * experiment and no matches, with the engine's reason */
static void
test_filters_refused (void)
{
  ConvolveWindow *window = show_filters_page ();
  ConvolveClassicExperiment *e = convolve_filters_page_get_experiment (window->filters_page);
  ConvolveClassicMatches *matches = convolve_filters_page_get_matches (window->filters_page);
  ConvolveChannelDigits *digits = convolve_filters_page_get_channel_digits (window->filters_page);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) why = NULL;

  g_assert_true (convolve_window_show_network (window, "spec:dense10", &error));
  g_assert_no_error (error);
  g_assert_false (cnn_classic_available (convolve_session_get_net (window->session), &why));
  g_assert_cmpint (convolve_classic_experiment_get_state (e), ==, CONVOLVE_CLASSIC_EXPERIMENT_UNAVAILABLE);
  g_assert_cmpstr (convolve_classic_experiment_get_status (e), ==, why->message);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (convolve_classic_experiment_get_run_button (e))));
  g_assert_false (convolve_classic_experiment_run (e));
  g_assert_cmpint (convolve_classic_matches_get_n_pairs (matches), ==, 0);
  g_assert_cmpstr (convolve_classic_matches_get_note (matches), ==, why->message);
  g_assert_cmpint (convolve_channel_digits_get_layer (digits), ==, -1);

  /* a 5×5 first layer: refused too */
  g_clear_error (&why);
  g_assert_true (convolve_window_show_network (window, "spec:conv5x5x4 relu pool2 dense10", &error));
  g_assert_false (cnn_classic_available (convolve_session_get_net (window->session), &why));
  g_assert_cmpstr (convolve_classic_experiment_get_status (e), ==, why->message);

  /* and back: available again */
  g_assert_true (convolve_window_show_network (window, "digits", &error));
  g_assert_cmpint (convolve_classic_experiment_get_state (e), ==, CONVOLVE_CLASSIC_EXPERIMENT_READY);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (convolve_classic_experiment_get_run_button (e))));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
digits_ranked (ConvolveWindow *window,
               gpointer        data)
{
  ConvolveChannelDigits *digits = convolve_filters_page_get_channel_digits (window->filters_page);

  return !convolve_channel_digits_get_busy (digits) && convolve_channel_digits_get_index (digits, 0, 0) >= 0;
}

static void
assert_digits (ConvolveWindow *window)
{
  ConvolveChannelDigits *digits = convolve_filters_page_get_channel_digits (window->filters_page);
  CnnNet *net = convolve_session_get_net (window->session);
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (CnnDataset) test = NULL;
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (net);
  int layer = convolve_channel_digits_get_layer (digits);
  int channels = net->layers[layer].out.c;
  g_autofree int *want = g_new (int, (gsize) channels * CONVOLVE_CHANNEL_DIGITS_K);

  scroll_to (window, digits);
  wait_for (window, digits_ranked, NULL);

  g_assert_true (cnn_dataset_builtin_split (net->n_classes, CNN_SPLIT_STRATIFIED, &train, &test, NULL));
  cnn_top_activating (net, ws, train, layer, CONVOLVE_CHANNEL_DIGITS_K, want, NULL);
  g_assert_cmpint (convolve_channel_digits_get_n_channels (digits), ==, channels);
  for (int c = 0; c < channels; c++)
    for (int k = 0; k < CONVOLVE_CHANNEL_DIGITS_K; k++)
      g_assert_cmpint (convolve_channel_digits_get_index (digits, c, k), ==,
                       want[c * CONVOLVE_CHANNEL_DIGITS_K + k]);
}

static void
test_filters_channel_digits (void)
{
  ConvolveWindow *window = show_filters_page ();
  ConvolveChannelDigits *digits = convolve_filters_page_get_channel_digits (window->filters_page);

  /* conv 2 of the digits network: layer 3 */
  g_assert_cmpint (convolve_channel_digits_get_layer (digits), ==, 3);
  assert_digits (window);

  /* new weights: ranked again, once in view */
  reset_weights (window);
  assert_digits (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
stepped (ConvolveWindow *window,
         gpointer        data)
{
  CnnSnapshot *snapshot = convolve_training_get_snapshot (window->training);
  const CnnNet *net = convolve_session_get_net (window->session);

  return snapshot != NULL && snapshot->step == GPOINTER_TO_INT (data)
         && snapshot->state == CNN_WORKER_PAUSED
         && memcmp (snapshot->params, net->params, sizeof (float) * net->n_params) == 0;
}

/* Start and now kernels and ‖ΔW‖ of every conv layer, against the
 * engine's deltas between start and the current weights */
static void
assert_history (ConvolveWindow *window,
                const float    *start)
{
  ConvolveKernelHistory *history = convolve_filters_page_get_history (window->filters_page);
  const CnnNet *net = convolve_session_get_net (window->session);
  int n = 0;

  scroll_to (window, history);
  for (int i = 0; i < net->n_layers; i++)
    {
      const CnnLayer *l = &net->layers[i];
      g_autofree float *norms = NULL;
      g_autofree float *kernel = NULL;
      int pairs;

      if (l->kind != CNN_LAYER_CONV)
        continue;
      g_assert_cmpint (convolve_kernel_history_get_layer (history, n), ==, i);
      norms = g_new (float, (gsize) l->out.c * l->in.c);
      kernel = g_new (float, (gsize) l->k * l->k);
      cnn_kernel_deltas (net, i, start, net->params, norms);
      for (int f = 0; f < l->out.c; f++)
        for (int c = 0; c < l->in.c; c++)
          g_assert_cmpfloat (convolve_kernel_history_get_norm (history, n, f, c), ==,
                             norms[f * l->in.c + c]);
      if (l->in.c > 1)
        assert_map_equals (convolve_kernel_history_get_matrix (history, n), norms, l->out.c,
                           l->in.c, 1);

      /* the pairs shown: every filter, or every channel of the one chosen */
      pairs = l->in.c == 1 ? l->out.c : l->in.c;
      for (int j = 0; j < pairs; j++)
        {
          int f = l->in.c == 1 ? j : convolve_kernel_history_get_selected (history, n);
          int c = l->in.c == 1 ? 0 : j;
          char number[32];
          g_autofree char *text = NULL;

          cnn_conv_kernel (net, start, i, f, c, kernel);
          assert_map_equals (convolve_kernel_history_get_start (history, n, j), kernel, l->k, l->k, 1);
          cnn_conv_kernel (net, net->params, i, f, c, kernel);
          assert_map_equals (convolve_kernel_history_get_now (history, n, j), kernel, l->k, l->k, 1);
          convolve_format_number (norms[f * l->in.c + c], 2, number, sizeof number);
          text = g_strdup_printf ("‖ΔW‖ %s", number);
          g_assert_cmpstr (convolve_kernel_history_get_norm_text (history, n, j), ==, text);
        }
      n++;
    }
  g_assert_cmpint (convolve_kernel_history_get_n_sections (history), ==, n);
}

static void
test_filters_before_after (void)
{
  ConvolveWindow *window = show_filters_page ();
  ConvolveKernelHistory *history = convolve_filters_page_get_history (window->filters_page);
  CnnNet *net = convolve_session_get_net (window->session);
  g_autofree float *loaded = g_memdup2 (net->params, sizeof (float) * net->n_params);
  g_autofree float *start = NULL;
  float moved = 0.0f;

  /* as loaded: the start is the network's own weights, nothing moved */
  g_assert_cmpmem (convolve_session_get_start (window->session), sizeof (float) * net->n_params,
                   loaded, sizeof (float) * net->n_params);
  assert_history (window, loaded);
  g_assert_cmpfloat (convolve_kernel_history_get_norm (history, 0, 0, 0), ==, 0.0f);

  /* a run from Reset, a few steps: start is the reset weights */
  reset_weights (window);
  start = g_memdup2 (net->params, sizeof (float) * net->n_params);
  scroll_to (window, convolve_filters_page_get_channel_digits (window->filters_page));
  for (int i = 1; i <= 3; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train-step", NULL));
      wait_for (window, stepped, GINT_TO_POINTER (i));
    }
  g_assert_cmpmem (convolve_session_get_start (window->session), sizeof (float) * net->n_params,
                   start, sizeof (float) * net->n_params);
  assert_history (window, start);
  for (int f = 0; f < net->layers[0].out.c; f++)
    moved = MAX (moved, convolve_kernel_history_get_norm (history, 0, f, 0));
  g_assert_cmpfloat (moved, >, 0.0f);

  /* conv 2: another filter's kernels */
  convolve_kernel_history_select_filter (history, 1, 5);
  g_assert_cmpint (convolve_kernel_history_get_selected (history, 1), ==, 5);
  assert_history (window, start);

  /* a new network: its own weights are the start */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "zero-or-one");
  net = convolve_session_get_net (window->session);
  assert_history (window, net->params);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_data_home_new ("convolve-test-filters");
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-filters"))
    return 1;
  the_app = test_app_new_registered ();

  g_test_add_func ("/filters/bank-and-matches", test_filters_bank_and_matches);
  g_test_add_func ("/filters/maps", test_filters_maps);
  g_test_add_func ("/filters/experiment", test_filters_experiment);
  g_test_add_func ("/filters/refused", test_filters_refused);
  g_test_add_func ("/filters/channel-digits", test_filters_channel_digits);
  g_test_add_func ("/filters/before-after", test_filters_before_after);

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
