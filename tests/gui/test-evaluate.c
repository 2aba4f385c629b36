/* test-evaluate.c — the Evaluate page: the engine's score, the matrix's
 * cells filtering the gallery, a digit onto the grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"

#define WAIT_US (60 * G_USEC_PER_SEC)

static ConvolveApplication *the_app;

/* The main loop until the page has scored what it was asked to (bounded:
 * only reached if it never does) */
static void
wait_scored (ConvolveEvaluatePage *page)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;

  while (convolve_evaluate_page_get_busy (page) || convolve_evaluate_page_get_evaluation (page) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static CnnDataset *
test_split (void)
{
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (GError) error = NULL;
  CnnDataset *test = NULL;

  g_assert_true (cnn_dataset_builtin_split (10, CNN_SPLIT_STRATIFIED, &train, &test, &error));
  return test;
}

/* Fresh weights from the trainer (Reset, no step): plenty of mistakes */
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

/* The gallery's i-th item shows the i-th digit it is said to: its map
 * holds that digit's 64 values */
static void
assert_item_shows (ConvolveEvaluatePage *page,
                   guint                 i,
                   const CnnDataset     *test)
{
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (convolve_evaluate_page_get_item (page, i)));
  ConvolveHeatmap *map = CONVOLVE_HEATMAP (gtk_widget_get_first_child (box));
  gsize index = convolve_evaluate_page_get_shown (page, i);

  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (convolve_evaluate_page_get_item (page, i))));
  for (int p = 0; p < CNN_INPUT_SIZE; p++)
    g_assert_cmpfloat (convolve_heatmap_get_value (map, p / CNN_INPUT_W, p % CNN_INPUT_W), ==,
                       test->x[index * CNN_INPUT_SIZE + p]);
}

static void
test_evaluate_page (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  ConvolveEvaluatePage *page = window->evaluate_page;
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (window->explore_page);
  g_autoptr (CnnDataset) test = test_split ();
  g_autoptr (CnnEvaluation) expect = NULL;
  g_autofree float *drawing = g_memdup2 (convolve_grid_model_get_values (model),
                                         sizeof (float) * CNN_INPUT_SIZE);
  const CnnEvaluation *eval;
  ConvolveMatrixCell *cell = NULL;
  int truth = -1, predicted = -1;
  guint matching = 0, n_items;
  gsize index;
  g_autoptr (GHashTable) items = g_hash_table_new (NULL, NULL);  /* digit → its item */

  /* shown: scored, and the same as the engine's for the same weights */
  adw_view_stack_set_visible_child_name (window->view_stack, "evaluate");
  wait_scored (page);
  expect = cnn_evaluate (convolve_session_get_net (window->session), test);
  eval = convolve_evaluate_page_get_evaluation (page);
  g_assert_cmpuint (eval->n, ==, test->n);
  g_assert_cmpuint (eval->correct, ==, expect->correct);
  g_assert_cmpmem (eval->confusion, sizeof (guint) * 100, expect->confusion, sizeof (guint) * 100);

  /* new weights: scored again, and shown a part a frame — the texts
   * first, the matrix still the old one's, the gallery's new digits at
   * most CONVOLVE_EVALUATE_PAGE_NEW_PER_FRAME a frame */
  {
    gsize old_correct = eval->correct;
    g_autofree char *old_cell = g_strdup (convolve_matrix_cell_get_text (
      convolve_confusion_matrix_get_cell (convolve_evaluate_page_get_matrix (page), 0, 0)));
    gint64 end = g_get_monotonic_time () + WAIT_US;
    guint visible = convolve_evaluate_page_get_n_visible_items (page), frames = 0;

    reset_weights (window);
    while (convolve_evaluate_page_get_evaluation (page)->correct == old_correct)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, TRUE);
      }
    g_assert_true (convolve_evaluate_page_get_busy (page));
    g_assert_cmpstr (convolve_matrix_cell_get_text (
      convolve_confusion_matrix_get_cell (convolve_evaluate_page_get_matrix (page), 0, 0)),
      ==, old_cell);
    while (convolve_evaluate_page_get_busy (page))
      {
        guint now;

        g_assert_cmpint (g_get_monotonic_time (), <, end);
        gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
        now = convolve_evaluate_page_get_n_visible_items (page);
        g_assert_cmpuint (now, <=, visible + CONVOLVE_EVALUATE_PAGE_NEW_PER_FRAME);
        visible = now;
        frames++;
      }
    /* texts, matrix, bars, and the gallery in more than one frame */
    g_assert_cmpuint (frames, >, 4);
  }
  wait_scored (page);
  g_clear_pointer (&expect, cnn_evaluation_free);
  expect = cnn_evaluate (convolve_session_get_net (window->session), test);
  eval = convolve_evaluate_page_get_evaluation (page);
  g_assert_cmpmem (eval->confusion, sizeof (guint) * 100, expect->confusion, sizeof (guint) * 100);
  g_assert_cmpuint (eval->n - eval->correct, >, 10);
  g_assert_cmpuint (convolve_evaluate_page_get_n_shown (page), >, 0);
  n_items = convolve_evaluate_page_get_n_items (page);
  g_assert_cmpuint (n_items, >=, convolve_evaluate_page_get_n_shown (page));
  for (guint i = 0; i < convolve_evaluate_page_get_n_shown (page); i++)
    {
      assert_item_shows (page, i, test);
      g_hash_table_insert (items, GSIZE_TO_POINTER (convolve_evaluate_page_get_shown (page, i)),
                           convolve_evaluate_page_get_item (page, i));
    }

  /* a cell of the matrix, clicked: only that pair's digits, each one */
  for (int t = 0; t < 10 && cell == NULL; t++)
    for (int p = 0; p < 10 && cell == NULL; p++)
      if (t != p && expect->confusion[t * 10 + p] > 0)
        {
          truth = t;
          predicted = p;
          cell = convolve_confusion_matrix_get_cell (convolve_evaluate_page_get_matrix (page), t, p);
        }
  g_assert_nonnull (cell);
  {
    g_autofree char *want = g_strdup_printf ("true %d, predicted %d: %u digit%s", truth, predicted,
                                             expect->confusion[truth * 10 + predicted],
                                             expect->confusion[truth * 10 + predicted] == 1 ? "" : "s");

    g_assert_cmpstr (convolve_matrix_cell_get_text (cell), ==, want);
    g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (cell)));
  }
  g_signal_emit_by_name (cell, "activate");
  g_assert_true (convolve_matrix_cell_get_selected (cell));
  for (gsize i = 0; i < expect->n - expect->correct; i++)
    matching += expect->mistakes[i].label == truth && expect->mistakes[i].predicted == predicted;
  g_assert_cmpuint (convolve_evaluate_page_get_n_shown (page), ==, MIN (matching, 120));
  for (guint i = 0; i < convolve_evaluate_page_get_n_shown (page); i++)
    {
      GtkWidget *before;

      index = convolve_evaluate_page_get_shown (page, i);
      g_assert_cmpint (test->y[index], ==, truth);
      /* in the set's order, each on the item that showed it before (a
       * score while training keeps most mistakes: nothing is made again) */
      if (i > 0)
        g_assert_cmpuint (index, >, convolve_evaluate_page_get_shown (page, i - 1));
      assert_item_shows (page, i, test);
      before = g_hash_table_lookup (items, GSIZE_TO_POINTER (index));
      if (before != NULL)
        g_assert_true (convolve_evaluate_page_get_item (page, i) == before);
    }
  /* fewer shown: the others wait hidden, none is made or dropped */
  g_assert_cmpuint (convolve_evaluate_page_get_n_items (page), ==, n_items);

  /* a digit clicked: its 64 values on the grid, Explore shown, and one
   * Ctrl+Z brings the drawing back */
  index = convolve_evaluate_page_get_shown (page, 0);
  convolve_evaluate_page_activate_shown (page, 0);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "explore");
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof (float) * CNN_INPUT_SIZE,
                   test->x + index * CNN_INPUT_SIZE, sizeof (float) * CNN_INPUT_SIZE);
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof (float) * CNN_INPUT_SIZE,
                   drawing, sizeof (float) * CNN_INPUT_SIZE);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_data_home_new ("convolve-test-evaluate");
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-evaluate"))
    return 1;
  the_app = test_app_new_registered ();

  g_test_add_func ("/evaluate/page", test_evaluate_page);

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
