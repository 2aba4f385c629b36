/* test-samples-window.c — the user's samples in the window: Add to Samples
 * with real keys, the Samples page (remove and Undo, relabel, import, put
 * on the grid), the Train page's switch and the Evaluate page's set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real key presses from the X server (xdotool), as in test-keys.c: not
 * run in parallel with the other tests that type.
 */
#include "config.h"

#include <string.h>

#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"
#include "test-xdotool.h"

#define WAIT_US (60 * G_USEC_PER_SEC)

static ConvolveApplication *the_app;

typedef struct
{
  GListModel *model;
  guint       n;
} Count;

static gboolean
has_n (gpointer data)
{
  Count *c = data;

  return g_list_model_get_n_items (c->model) == c->n;
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (data)));
}

/* A fresh window, and no samples (the application's list is every
 * window's: emptied through it, so the file says so too) */
static ConvolveWindow *
new_window (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);

  while (g_list_model_get_n_items (G_LIST_MODEL (window->samples)) > 0)
    g_assert_true (convolve_samples_remove (window->samples, 0, NULL, NULL));
  return window;
}

/* What samples.csv holds, line by line */
static char **
file_lines (ConvolveWindow *window)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (convolve_samples_get_path (window->samples), &text, NULL, NULL));
  g_strchomp (text);
  return *text == '\0' ? g_new0 (char *, 1) : g_strsplit (text, "\n", -1);
}

static int
label_at (ConvolveWindow *window,
          guint           position)
{
  g_autoptr (ConvolveSample) sample = g_list_model_get_item (G_LIST_MODEL (window->samples), position);

  g_assert_nonnull (sample);
  return convolve_sample_get_label (sample);
}

/* A digit of the shipped test split on the grid */
static void
draw_test_digit (ConvolveWindow *window,
                 gsize           index)
{
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (CnnDataset) test = NULL;

  g_assert_true (cnn_dataset_builtin_split (10, CNN_SPLIT_STRATIFIED, &train, &test, NULL));
  convolve_grid_model_set_values (convolve_explore_page_get_grid_model (window->explore_page),
                                  test->x + index * CNN_INPUT_SIZE);
}

/* Three samples, labelled 1, 2 and 3, each a test digit */
static void
add_three (ConvolveWindow *window)
{
  for (int label = 1; label <= 3; label++)
    {
      draw_test_digit (window, (gsize) label * 10);
      g_assert_true (convolve_window_add_sample (window, label));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->samples)), ==, 3);
}

/* Ctrl+Enter, then 7: what the network sees, quantised, in samples.csv */
static void
test_add_with_keys (void)
{
  ConvolveWindow *window = new_window ();
  GtkMenuButton *button = convolve_explore_page_get_add_sample_button (window->explore_page);
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (window->explore_page);
  Count one = { G_LIST_MODEL (window->samples), 1 };
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) fields = NULL;
  const float *input;

  /* an empty grid is nothing to add */
  convolve_grid_model_clear (model);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-sample-as", "i", 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->samples)), ==, 0);

  draw_test_digit (window, 5);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_true (convolve_session_get_normalize (window->session));
  gtk_widget_grab_focus (GTK_WIDGET (convolve_explore_page_get_grid (window->explore_page)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  test_xdotool (GTK_WINDOW (window), "key --delay 20 ctrl+Return");
  test_spin_until (popover_shown, button);
  test_xdotool (GTK_WINDOW (window), "key --delay 20 7");
  test_spin_until (has_n, &one);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  g_assert_cmpstr (convolve_window_get_last_toast (window), ==, "Added as 7");

  /* on disk: the 64 counts of the normalised input, then the label */
  lines = file_lines (window);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  fields = g_strsplit (lines[0], ",", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, CNN_INPUT_SIZE + 1);
  input = convolve_session_get_input (window->session);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    g_assert_cmpint (atoi (fields[i]), ==, convolve_sample_quantize (input[i]));
  g_assert_cmpstr (fields[CNN_INPUT_SIZE], ==, "7");

  /* the next start reads it back */
  {
    g_autoptr (ConvolveSamples) again = convolve_samples_new (convolve_samples_get_path (window->samples));
    g_autoptr (ConvolveSample) kept = NULL;

    g_assert_true (convolve_samples_load (again, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
    kept = g_list_model_get_item (G_LIST_MODEL (again), 0);
    g_assert_cmpint (convolve_sample_get_label (kept), ==, 7);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Two windows share the list: what one adds, the other shows, and a
 * sample added in the other keeps the first one's in the file */
static void
test_two_windows (void)
{
  ConvolveWindow *a = new_window ();
  ConvolveWindow *b = test_app_present_window (the_app);
  g_auto (GStrv) lines = NULL;

  draw_test_digit (a, 3);
  g_assert_true (convolve_window_add_sample (a, 2));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b->samples)), ==, 1);
  draw_test_digit (b, 4);
  g_assert_true (convolve_window_add_sample (b, 5));
  lines = file_lines (a);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_suffix (lines[0], ",2"));
  g_assert_true (g_str_has_suffix (lines[1], ",5"));
  g_assert_cmpuint (convolve_training_get_n_extra_samples (a->training), ==, 2);
  gtk_window_destroy (GTK_WINDOW (b));
  gtk_window_destroy (GTK_WINDOW (a));
}

/* Delete on the gallery removes the selected one; Undo puts it back where
 * it was; a digit key relabels; Enter puts it on the grid, Ctrl+Z back */
static void
test_page_keys (void)
{
  ConvolveWindow *window = new_window ();
  ConvolveSamplesPage *page = window->samples_page;
  GtkGridView *view = convolve_samples_page_get_grid_view (page);
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (window->explore_page);
  Count two = { G_LIST_MODEL (window->samples), 2 };
  g_autofree float *drawing = NULL;
  g_auto (GStrv) before = NULL;
  g_auto (GStrv) after = NULL;
  g_autoptr (ConvolveSample) second = NULL;
  float values[CNN_INPUT_SIZE];

  add_three (window);
  before = file_lines (window);
  drawing = g_memdup2 (convolve_grid_model_get_values (model), sizeof (float) * CNN_INPUT_SIZE);
  adw_view_stack_set_visible_child_name (window->view_stack, "samples");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* F1: this page's explanation */
  {
    GtkPopover *help = gtk_menu_button_get_popover (convolve_samples_page_get_help_button (page));

    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (help)));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help", NULL);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (help)));
    gtk_popover_popdown (help);
  }

  /* remove the 2 (position 1) */
  convolve_samples_page_select (page, 1);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  test_xdotool (GTK_WINDOW (window), "key --delay 20 Delete");
  test_spin_until (has_n, &two);
  g_assert_cmpint (label_at (window, 0), ==, 1);
  g_assert_cmpint (label_at (window, 1), ==, 3);
  g_assert_cmpstr (convolve_window_get_last_toast (window), ==, "Removed a 2");
  after = file_lines (window);
  g_assert_cmpuint (g_strv_length (after), ==, 2);
  g_assert_cmpstr (after[1], ==, before[2]);

  /* Undo: back at position 1, and in the file in the old order */
  g_assert_true (convolve_samples_page_undo_remove (page));
  g_assert_cmpint (label_at (window, 1), ==, 2);
  g_clear_pointer (&after, g_strfreev);
  after = file_lines (window);
  g_assert_cmpstrv (after, before);
  g_assert_false (convolve_samples_page_undo_remove (page));

  /* a digit key relabels the selected one */
  convolve_samples_page_select (page, 0);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  test_xdotool (GTK_WINDOW (window), "key --delay 20 8");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->samples)), ==, 3);
  {
    gint64 end = g_get_monotonic_time () + WAIT_US;

    while (label_at (window, 0) != 8)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
  g_clear_pointer (&after, g_strfreev);
  after = file_lines (window);
  g_assert_true (g_str_has_suffix (after[0], ",8"));
  g_assert_cmpstr (after[1], ==, before[1]);

  /* put the 2 on the grid; Ctrl+Z brings the drawing back */
  convolve_samples_page_select (page, 1);
  convolve_samples_page_load_selected (page);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "explore");
  second = g_list_model_get_item (G_LIST_MODEL (window->samples), 1);
  convolve_sample_get_input (second, values);
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof values, values, sizeof values);
  g_assert_true (convolve_grid_model_undo (model));
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof (float) * CNN_INPUT_SIZE,
                   drawing, sizeof (float) * CNN_INPUT_SIZE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GFile *
write_temp (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static char *
csv_row (int value,
         int label)
{
  GString *row = g_string_new (NULL);

  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    g_string_append_printf (row, "%d,", (i % 9 == 0) ? value : 0);
  g_string_append_printf (row, "%d\n", label);
  return g_string_free (row, FALSE);
}

static AdwMessageDialog *
find_dialog (ConvolveWindow *window)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return l->data;
  return NULL;
}

/* A good CSV adds its rows; a bad one is refused with its line and column
 * and changes neither the list nor the file; a CSV opened (as File ▸ Open,
 * a drop or the command line do) is imported after asking */
static void
test_import (void)
{
  ConvolveWindow *window = new_window ();
  g_autofree char *a = csv_row (16, 4), *b = csv_row (8, 9), *bad = csv_row (17, 1);
  g_autofree char *good_text = g_strconcat (a, b, NULL);
  g_autofree char *bad_text = g_strconcat (a, bad, NULL);
  g_autoptr (GFile) good = write_temp ("good.csv", good_text);
  g_autoptr (GFile) broken = write_temp ("bad.csv", bad_text);
  g_autoptr (GError) error = NULL;
  g_autofree char *file_before = NULL;
  g_autofree char *file_after = NULL;
  AdwMessageDialog *dialog;

  add_three (window);
  g_assert_true (convolve_samples_page_import_file (window->samples_page, good, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->samples)), ==, 5);
  g_assert_cmpint (label_at (window, 3), ==, 4);
  g_assert_cmpint (label_at (window, 4), ==, 9);
  g_assert_cmpstr (convolve_window_get_last_toast (window), ==, "Added 2 samples from “good.csv”");

  g_assert_true (g_file_get_contents (convolve_samples_get_path (window->samples), &file_before, NULL, NULL));
  g_assert_false (convolve_samples_page_import_file (window->samples_page, broken, &error));
  g_assert_error (error, CNN_ERROR, CNN_ERROR_CSV);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "column 1"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->samples)), ==, 5);
  g_assert_true (g_file_get_contents (convolve_samples_get_path (window->samples), &file_after, NULL, NULL));
  g_assert_cmpstr (file_after, ==, file_before);

  /* opened: asked first; Cancel changes nothing, Import adds */
  convolve_window_open_file (window, good);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->samples)), ==, 5);
  convolve_window_open_file (window, good);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->samples)), ==, 7);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "samples");

  g_file_delete (good, NULL, NULL);
  g_file_delete (broken, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The switch decides whether the next run trains on the samples; the
 * training takes those of its network's classes, and follows changes */
static void
test_train_switch (void)
{
  ConvolveWindow *window = new_window ();
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (convolve_training_get_n_extra_samples (window->training), ==, 0);
  add_three (window);
  g_assert_true (convolve_train_page_get_include_samples (window->train_page));
  g_assert_cmpuint (convolve_training_get_n_extra_samples (window->training), ==, 3);

  convolve_train_page_set_include_samples (window->train_page, FALSE);
  g_assert_cmpuint (convolve_training_get_n_extra_samples (window->training), ==, 0);
  convolve_train_page_set_include_samples (window->train_page, TRUE);
  g_assert_cmpuint (convolve_training_get_n_extra_samples (window->training), ==, 3);

  /* a fourth, and one fewer */
  draw_test_digit (window, 7);
  g_assert_true (convolve_window_add_sample (window, 0));
  g_assert_cmpuint (convolve_training_get_n_extra_samples (window->training), ==, 4);
  g_assert_true (convolve_samples_remove (window->samples, 0, NULL, NULL));
  g_assert_cmpuint (convolve_training_get_n_extra_samples (window->training), ==, 3);

  /* 0 or 1: of the 2, 3 and 0 left, the 0 */
  g_assert_true (convolve_window_show_network (window, "zero-or-one", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (convolve_training_get_n_extra_samples (window->training), ==, 1);
  g_assert_true (convolve_window_show_network (window, "digits", &error));
  g_assert_cmpuint (convolve_training_get_n_extra_samples (window->training), ==, 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
wait_scored (ConvolveEvaluatePage *page,
             gsize                 n)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;

  while (convolve_evaluate_page_get_busy (page) || convolve_evaluate_page_get_evaluation (page) == NULL
         || convolve_evaluate_page_get_evaluation (page)->n != n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* "My samples" on the Evaluate page scores the samples, as the engine
 * does, and again when they change */
static void
test_evaluate_samples (void)
{
  ConvolveWindow *window = new_window ();
  ConvolveEvaluatePage *page = window->evaluate_page;
  g_autoptr (CnnDataset) ds = NULL;
  g_autoptr (CnnEvaluation) expect = NULL;

  add_three (window);
  adw_view_stack_set_visible_child_name (window->view_stack, "evaluate");
  convolve_evaluate_page_set_set (page, CONVOLVE_EVALUATE_SAMPLES);
  wait_scored (page, 3);
  ds = convolve_samples_to_dataset (window->samples, 10);
  expect = cnn_evaluate (convolve_session_get_net (window->session), ds);
  g_assert_cmpuint (convolve_evaluate_page_get_evaluation (page)->correct, ==, expect->correct);
  g_assert_cmpmem (convolve_evaluate_page_get_evaluation (page)->confusion,
                   sizeof (expect->confusion[0]) * 100, expect->confusion, sizeof (expect->confusion[0]) * 100);

  /* a 1 labelled 7: one more, and one more wrong */
  draw_test_digit (window, 11);
  g_assert_true (convolve_window_add_sample (window, 7));
  adw_view_stack_set_visible_child_name (window->view_stack, "evaluate");
  wait_scored (page, 4);
  g_clear_pointer (&ds, cnn_dataset_free);
  g_clear_pointer (&expect, cnn_evaluation_free);
  ds = convolve_samples_to_dataset (window->samples, 10);
  expect = cnn_evaluate (convolve_session_get_net (window->session), ds);
  g_assert_cmpuint (convolve_evaluate_page_get_evaluation (page)->correct, ==, expect->correct);
  convolve_evaluate_page_set_set (page, CONVOLVE_EVALUATE_TEST);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_data_home_new ("convolve-test-samples-window");
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-samples-window"))
    return 1;
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_printerr ("test-samples-window: needs an X11 display (xdotool)\n");
      return 1;
    }
  the_app = test_app_new_registered ();

  g_test_add_func ("/samples-window/add-with-keys", test_add_with_keys);
  g_test_add_func ("/samples-window/two-windows", test_two_windows);
  g_test_add_func ("/samples-window/page-keys", test_page_keys);
  g_test_add_func ("/samples-window/import", test_import);
  g_test_add_func ("/samples-window/train-switch", test_train_switch);
  g_test_add_func ("/samples-window/evaluate", test_evaluate_samples);

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
