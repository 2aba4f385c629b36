/* test-networks.c — every network keeps what it learned, whatever happens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Switching networks, closing, quitting, an autosave that cannot be read
 * or written, the questions before trained weights are thrown away, and
 * the trace still whole after a load and a fast run.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"

#define WAIT_US (60 * G_USEC_PER_SEC)

static ConvolveApplication *the_app;

static ConvolveWindow *
new_window (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);

  /* full speed: these tests are about what is kept, not how it looks */
  convolve_train_page_set_pace (window->train_page, 0);
  return window;
}

static CnnNet *
net_of (ConvolveWindow *window)
{
  return convolve_session_get_net (window->session);
}

static void
spin (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

typedef gboolean (*Predicate) (ConvolveWindow *window, gconstpointer data);

/* Runs the main loop until done holds; fails after WAIT_US in which
 * training makes no step */
static void
spin_until (ConvolveWindow *window,
            Predicate       done,
            gconstpointer   data)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;
  gint64 step = -1;

  while (!done (window, data))
    {
      if (test_training_stepped (window->training, &step))
        end = g_get_monotonic_time () + WAIT_US;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      convolve_training_flush (window->training);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
stepped (ConvolveWindow *window,
         gconstpointer   data)
{
  CnnSnapshot *s = convolve_training_get_snapshot (window->training);

  return s != NULL && s->step >= *(const gint64 *) data && s->state == CNN_WORKER_PAUSED;
}

static gboolean
in_state (ConvolveWindow *window,
          gconstpointer   data)
{
  CnnSnapshot *s = convolve_training_get_snapshot (window->training);

  return s != NULL && (int) s->state == *(const int *) data;
}

/* A few mini-batches: weights unlike any shipped */
static void
train_steps (ConvolveWindow *window,
             gint64          n)
{
  CnnSnapshot *s = convolve_training_get_snapshot (window->training);
  gint64 target = (s != NULL && s->state == CNN_WORKER_PAUSED ? s->step : 0) + n;

  for (gint64 i = 0; i < n; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train-step", NULL));
  spin_until (window, stepped, &target);
}

static void
show_preset (ConvolveWindow *window,
             const char     *id)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", id);
  g_assert_cmpstr (convolve_session_get_slot (window->session), ==, id);
}

static char *
slot_path (ConvolveWindow *window,
           const char     *slot)
{
  return convolve_autosave_path (window->autosave, slot);
}

static GtkWidget *
question (ConvolveWindow *window)
{
  return test_question_find (GTK_WINDOW (window));
}

static void
answer (ConvolveWindow *window,
        const char     *response)
{
  GtkWidget *dialog = question (window);

  g_assert_nonnull (dialog);
  test_question_answer (GTK_WINDOW (window), dialog, response);
}

static void
close_window (ConvolveWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  spin ();
}

/* Each network keeps its own training, across switches and restarts, and
 * the network shown last is shown again */
static void
test_networks_own_slots (void)
{
  ConvolveWindow *window;
  g_autofree float *digits = NULL;
  g_autofree float *zero = NULL;
  gsize n_digits, n_zero;

  test_data_home_forget_networks ();
  window = new_window ();
  train_steps (window, 3);
  n_digits = net_of (window)->n_params;
  digits = g_memdup2 (net_of (window)->params, n_digits * sizeof (float));

  show_preset (window, "zero-or-one");
  train_steps (window, 2);
  n_zero = net_of (window)->n_params;
  zero = g_memdup2 (net_of (window)->params, n_zero * sizeof (float));

  /* back: the digits network as it was trained, not the shipped one */
  show_preset (window, "digits");
  g_assert_cmpmem (net_of (window)->params, n_digits * sizeof (float), digits,
                   n_digits * sizeof (float));
  /* the network shown already: choosing it again changes nothing */
  train_steps (window, 1);
  g_free (digits);
  digits = g_memdup2 (net_of (window)->params, n_digits * sizeof (float));
  show_preset (window, "digits");
  g_assert_cmpmem (net_of (window)->params, n_digits * sizeof (float), digits,
                   n_digits * sizeof (float));

  /* closed on "Zero or One": the next start shows it, trained */
  show_preset (window, "zero-or-one");
  close_window (window);
  window = new_window ();
  g_assert_cmpstr (convolve_session_get_slot (window->session), ==, "zero-or-one");
  g_assert_cmpmem (net_of (window)->params, n_zero * sizeof (float), zero, n_zero * sizeof (float));
  show_preset (window, "digits");
  g_assert_cmpmem (net_of (window)->params, n_digits * sizeof (float), digits,
                   n_digits * sizeof (float));
  close_window (window);
}

/* Opening and closing without training writes nothing: the autosave
 * stays as it was, byte for byte */
static void
test_networks_no_change_no_write (void)
{
  ConvolveWindow *window;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len_before, len_after;
  GStatBuf st_before, st_after;

  test_data_home_forget_networks ();
  window = new_window ();
  train_steps (window, 2);
  close_window (window);

  window = new_window ();
  path = slot_path (window, "digits");
  g_assert_true (g_file_get_contents (path, &before, &len_before, NULL));
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);
  /* the file's time would move with any write */
  g_usleep (20000);
  close_window (window);
  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpmem (before, len_before, after, len_after);
  g_assert_cmpint (st_after.st_mtime, ==, st_before.st_mtime);
  g_assert_cmpint (st_after.st_ino, ==, st_before.st_ino);
}

/* An autosave that cannot be read is moved aside, never overwritten, and
 * the person is told */
static void
test_networks_broken_autosave (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GDir) listing = NULL;
  ConvolveWindow *window;
  const char *name;
  int kept = 0;

  test_data_home_forget_networks ();
  dir = g_build_filename (g_get_user_data_dir (), "convolve", "networks", NULL);
  path = g_build_filename (dir, "digits.cnvm", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "not a model at all", -1, NULL));

  window = new_window ();
  g_assert_nonnull (convolve_window_get_last_toast (window));
  g_assert_nonnull (strstr (convolve_window_get_last_toast (window), "digits.cnvm.broken-"));
  g_assert_cmpstr (convolve_session_get_slot (window->session), ==, "digits");
  train_steps (window, 1);
  close_window (window);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "digits.cnvm.broken-"))
      {
        g_autofree char *aside = g_build_filename (dir, name, NULL);
        g_autofree char *text = NULL;

        g_assert_true (g_file_get_contents (aside, &text, NULL, NULL));
        g_assert_cmpstr (text, ==, "not a model at all");
        kept++;
      }
  g_assert_cmpint (kept, ==, 1);
  /* and the new training went into a slot of its own again */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* An autosave that cannot be written says so */
static void
test_networks_unwritable (void)
{
  g_autofree char *parent = g_build_filename (g_get_user_data_dir (), "convolve", NULL);
  g_autofree char *dir = g_build_filename (parent, "networks", NULL);
  ConvolveWindow *window;

  test_data_home_forget_networks ();
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  /* a file where the folder should be: no save can succeed, even as root */
  g_assert_true (g_file_set_contents (dir, "in the way", -1, NULL));

  window = new_window ();
  train_steps (window, 1);
  convolve_window_autosave (window);
  g_assert_nonnull (convolve_window_get_last_toast (window));
  g_assert_nonnull (strstr (convolve_window_get_last_toast (window), "could not be saved"));
  close_window (window);
  g_remove (dir);
}

/* Reset and Restore the Shipped Model ask before throwing trained
 * weights away, and not when nothing would be lost */
static void
test_networks_questions (void)
{
  ConvolveWindow *window;
  g_autofree float *trained = NULL;
  gsize n;

  test_data_home_forget_networks ();
  window = new_window ();
  /* the shipped weights: Restore has nothing to lose */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-shipped", NULL);
  g_assert_null (question (window));

  train_steps (window, 2);
  n = net_of (window)->n_params;
  trained = g_memdup2 (net_of (window)->params, n * sizeof (float));

  /* asked, and "Cancel": nothing changes */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train-reset", NULL);
  answer (window, "cancel");
  spin ();
  g_assert_cmpmem (net_of (window)->params, n * sizeof (float), trained, n * sizeof (float));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-shipped", NULL);
  answer (window, "cancel");
  g_assert_cmpmem (net_of (window)->params, n * sizeof (float), trained, n * sizeof (float));

  /* asked, and "Restore": the shipped weights are back */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-shipped", NULL);
  answer (window, "discard");
  g_assert_false (memcmp (net_of (window)->params, trained, n * sizeof (float)) == 0);
  g_assert_null (question (window));
  close_window (window);
}

/* Step after Stop continues the run: its curves go on */
static void
test_networks_step_after_stop (void)
{
  ConvolveWindow *window;
  ConvolvePlot *loss;
  guint run, points;
  int stopped = CNN_WORKER_STOPPED;

  test_data_home_forget_networks ();
  window = new_window ();
  loss = convolve_train_page_get_loss_plot (window->train_page);
  train_steps (window, 5);
  run = convolve_training_get_run (window->training);
  points = convolve_plot_get_n_points (loss, 1);
  g_assert_cmpuint (points, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train-stop", NULL));
  spin_until (window, in_state, &stopped);
  train_steps (window, 1);
  g_assert_cmpint (convolve_training_get_snapshot (window->training)->step, ==, 6);
  g_assert_cmpuint (convolve_training_get_run (window->training), ==, run);
  g_assert_cmpuint (convolve_plot_get_n_points (loss, 1), >=, points);
  close_window (window);
}

/* While a run goes on its slot is written at the end of epochs: a kill
 * then loses at most the epoch under way */
static void
test_networks_autosave_during_run (void)
{
  ConvolveWindow *window;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  gint64 end;
  CnnTrainConfig config;

  test_data_home_forget_networks ();
  window = new_window ();
  path = slot_path (window, "digits");
  file = g_file_new_for_path (path);
  cnn_train_config_init_default (&config);
  config.epochs = 1000;
  convolve_training_set_config (window->training, &config);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train-start", NULL));

  /* the file appears, with trained weights, while the run still runs */
  end = g_get_monotonic_time () + WAIT_US;
  for (;;)
    {
      g_autoptr (CnnNet) saved = g_file_test (path, G_FILE_TEST_EXISTS)
                                 ? cnn_model_load (file, NULL, NULL) : NULL;

      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (saved != NULL && convolve_training_get_state (window->training) == CONVOLVE_TRAINING_RUNNING
          && convolve_training_get_snapshot (window->training)->n_epoch_records >= 2)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train-stop", NULL));
  close_window (window);
}

/* `convolve FILE.cnvm` (and the file manager, and a drop on the window):
 * the model opens in the window; a file that is no model is refused with
 * a toast and changes nothing, whatever its name */
static void
test_networks_open_file (void)
{
  ConvolveWindow *window;
  g_autofree char *dir = g_dir_make_tmp ("convolve-open-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mine.cnvm", NULL);
  g_autofree char *fake_path = g_build_filename (dir, "fake.cnvm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) fake = g_file_new_for_path (fake_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CnnNet) mine = NULL;
  GFile *files[1];

  test_data_home_forget_networks ();
  window = new_window ();
  mine = cnn_net_copy (net_of (window));
  mine->params[0] += 0.5f;
  g_assert_true (cnn_model_save (mine, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (fake_path, "1,2,3\n", -1, NULL));

  files[0] = file;
  g_application_open (G_APPLICATION (the_app), files, 1, "");
  /* read in a thread: shown once it is read */
  {
    gint64 end = g_get_monotonic_time () + WAIT_US;

    while (convolve_session_get_file (window->session) == NULL)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, TRUE);
      }
  }
  g_assert_true (g_file_equal (convolve_session_get_file (window->session), file));
  g_assert_cmpfloat (net_of (window)->params[0], ==, mine->params[0]);
  g_assert_nonnull (strstr (convolve_window_get_last_toast (window), "Opened “mine.cnvm”"));

  /* a model file that does not read: named in the toast, nothing changes */
  {
    g_autofree char *broken_path = g_build_filename (dir, "broken.cnvm", NULL);
    g_autoptr (GFile) broken = g_file_new_for_path (broken_path);
    gint64 end = g_get_monotonic_time () + WAIT_US;

    g_assert_true (g_file_set_contents (broken_path, "CNVLVMDL and then nothing", -1, NULL));
    files[0] = broken;
    g_application_open (G_APPLICATION (the_app), files, 1, "");
    while (strstr (convolve_window_get_last_toast (window), "broken.cnvm") == NULL)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, TRUE);
      }
    g_assert_nonnull (strstr (convolve_window_get_last_toast (window), "Could not open “broken.cnvm”"));
    g_assert_true (g_file_equal (convolve_session_get_file (window->session), file));
    g_remove (broken_path);
  }

  files[0] = fake;
  g_application_open (G_APPLICATION (the_app), files, 1, "");
  g_assert_true (g_file_equal (convolve_session_get_file (window->session), file));
  g_assert_nonnull (strstr (convolve_window_get_last_toast (window), "not a Convolve model"));

  close_window (window);
  g_remove (path);
  g_remove (fake_path);
  g_rmdir (dir);
}

/* At 1680×940 the whole trace is on screen after a preset switch, a model
 * load and a full-speed run: nothing grows off it */
static void
assert_trace_whole (ConvolveWindow *window)
{
  ConvolveTraceView *trace = convolve_explore_page_get_trace (window->explore_page);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (trace), GTK_TYPE_SCROLLED_WINDOW);

  for (int r = 0; r < 3; r++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (convolve_trace_view_get_fit (trace).fits);
  for (int i = 0; i < convolve_trace_view_get_n_columns (trace); i++)
    {
      graphene_rect_t b;

      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (convolve_trace_view_get_card (trace, i)),
                                                scroller, &b));
      g_assert_cmpfloat (b.origin.x + b.size.width, <=, gtk_widget_get_width (scroller));
      g_assert_cmpfloat (b.origin.y + b.size.height, <=, gtk_widget_get_height (scroller));
    }
}

static void
test_networks_trace_stays (void)
{
  g_autofree char *model = g_build_filename (g_get_user_data_dir (), "saved.cnvm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (model);
  g_autoptr (GError) error = NULL;
  ConvolveWindow *window = convolve_window_new (the_app);
  int finished = CNN_WORKER_FINISHED;
  CnnTrainConfig config;

  test_data_home_forget_networks ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1680, 940);
  gtk_widget_set_size_request (GTK_WIDGET (window), 1680, 940);
  gtk_window_present (GTK_WINDOW (window));
  convolve_train_page_set_pace (window->train_page, 0);
  assert_trace_whole (window);

  show_preset (window, "zero-or-one");
  assert_trace_whole (window);
  show_preset (window, "digits");
  assert_trace_whole (window);

  g_assert_true (convolve_window_save_model_file (window, file, &error));
  show_preset (window, "zero-or-one");
  g_assert_true (convolve_window_open_model_file (window, file, &error));
  g_assert_no_error (error);
  assert_trace_whole (window);

  cnn_train_config_init_default (&config);
  config.epochs = 5;
  convolve_training_set_config (window->training, &config);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train-start", NULL));
  spin_until (window, in_state, &finished);
  assert_trace_whole (window);
  close_window (window);
  g_remove (model);
}

/* The title stays "Convolve"; the network's name is the subtitle, with a
 * dot while its model file has changes not saved to it */
static void
test_networks_title (void)
{
  g_autofree char *model = g_build_filename (g_get_user_data_dir (), "My digits.cnvm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (model);
  g_autoptr (GError) error = NULL;
  ConvolveWindow *window;

  test_data_home_forget_networks ();
  window = new_window ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Convolve");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, "Digits 0–9");
  /* a preset has no file: trained, still no dot */
  train_steps (window, 1);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, "Digits 0–9");

  g_assert_true (convolve_window_save_model_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, "My digits.cnvm");
  train_steps (window, 1);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, "My digits.cnvm •");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-model", NULL);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, "My digits.cnvm");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Convolve");
  close_window (window);
  g_remove (model);
}

/* Quitting from the menu or with Ctrl+Q in the middle of a run keeps
 * what it learned up to the last mini-batch (this test runs last: the
 * application quits) */
static gboolean
running_a_while (ConvolveWindow *window,
                 gconstpointer   data)
{
  CnnSnapshot *s = convolve_training_get_snapshot (window->training);

  return s != NULL && s->state == CNN_WORKER_RUNNING && s->step >= 50;
}

static void
test_networks_quit (void)
{
  ConvolveWindow *window;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (CnnNet) saved = NULL;
  CnnTrainConfig config;

  test_data_home_forget_networks ();
  window = new_window ();
  path = slot_path (window, "digits");
  file = g_file_new_for_path (path);
  cnn_train_config_init_default (&config);
  config.epochs = 1000;
  convolve_training_set_config (window->training, &config);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train-start", NULL));
  spin_until (window, running_a_while, NULL);

  g_action_group_activate_action (G_ACTION_GROUP (the_app), "quit", NULL);
  g_assert_null (window->training);
  saved = cnn_model_load (file, NULL, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpmem (saved->params, saved->n_params * sizeof (float), net_of (window)->params,
                   saved->n_params * sizeof (float));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a save killed halfway leaves: one long ago, one a moment ago (a
 * save of another instance, maybe, still under way) */
static char *stale_temp, *fresh_temp;

static void
plant_temps (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "convolve", "networks", NULL);
  gint64 old = (g_get_real_time () / G_USEC_PER_SEC - 3600) * G_USEC_PER_SEC;
  g_autoptr (GFile) file = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  stale_temp = g_build_filename (dir, "digits.cnvm.Ab12Cd", NULL);
  fresh_temp = g_build_filename (dir, "digits.cnvm.Zz98Yy", NULL);
  g_assert_true (g_file_set_contents (stale_temp, "half a model", -1, NULL));
  g_assert_true (g_file_set_contents (fresh_temp, "half a model", -1, NULL));
  file = g_file_new_for_path (stale_temp);
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              (guint64) (old / G_USEC_PER_SEC),
                                              G_FILE_QUERY_INFO_NONE, NULL, NULL));
}

/* At start the app removes its own stale temporary files, not a fresh one */
static void
test_networks_stale_temps (void)
{
  g_assert_false (g_file_test (stale_temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh_temp, G_FILE_TEST_EXISTS));
  g_remove (fresh_temp);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_data_home_new ("convolve-test-networks");
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-networks"))
    return 1;
  plant_temps ();
  the_app = test_app_new_registered ();

  g_test_add_func ("/networks/stale-temps", test_networks_stale_temps);
  g_test_add_func ("/networks/own-slots", test_networks_own_slots);
  g_test_add_func ("/networks/no-change-no-write", test_networks_no_change_no_write);
  g_test_add_func ("/networks/broken-autosave", test_networks_broken_autosave);
  g_test_add_func ("/networks/unwritable", test_networks_unwritable);
  g_test_add_func ("/networks/questions", test_networks_questions);
  g_test_add_func ("/networks/step-after-stop", test_networks_step_after_stop);
  g_test_add_func ("/networks/autosave-during-run", test_networks_autosave_during_run);
  g_test_add_func ("/networks/trace-stays", test_networks_trace_stays);
  g_test_add_func ("/networks/title", test_networks_title);
  g_test_add_func ("/networks/open-file", test_networks_open_file);
  g_test_add_func ("/networks/quit", test_networks_quit);

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
