/* test-training.c — training from the window: actions, curves, live
 * weights, gradients, divergence, model files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include <glib/gstdio.h>

#include "convolve-augment-strip.h"
#include "convolve-deferred.h"
#include "convolve-settings.h"
#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"

#define convolve_window_get_net(w) convolve_session_get_net ((w)->session)
#define convolve_window_get_input(w) convolve_session_get_input ((w)->session)
#define convolve_window_get_prob_bars(w) convolve_explore_page_get_bars ((w)->explore_page)
#define convolve_window_get_prediction_text(w) convolve_explore_page_get_prediction_text ((w)->explore_page)
#define convolve_window_get_filters_view(w) convolve_filters_page_get_view ((w)->filters_page)

typedef struct
{
  ConvolveApplication *app;
  ConvolveWindow *window;
  ConvolveTraining *training;
} Fixture;

/* One application per process: see test_app_new_registered() */
static ConvolveApplication *the_app;
static char *data_home;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->app = the_app;
  test_data_home_forget_networks ();
  f->window = test_app_present_window (f->app);
  f->training = f->window->training;
  /* the tests train at full speed; /training/run-pace checks the others */
  convolve_train_page_set_pace (f->window->train_page, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
}

/* A widget action's state shows in the widgets that use it */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_actionable (c, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
action_enabled (Fixture    *f,
                const char *name)
{
  g_autofree char *full = g_strconcat ("win.", name, NULL);
  GtkWidget *button = find_actionable (GTK_WIDGET (f->window), full);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static void
activate (Fixture    *f,
          const char *name)
{
  g_autofree char *full = g_strconcat ("win.", name, NULL);

  g_assert_true (action_enabled (f, name));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), full, NULL));
}

/* The question asked before trained weights are thrown away, if any:
 * answered with response; TRUE if there was one */
static gboolean
answer_question (Fixture    *f,
                 const char *response)
{
  GtkWidget *question = test_question_find (GTK_WINDOW (f->window));

  if (question == NULL)
    return FALSE;
  test_question_answer (GTK_WINDOW (f->window), question, response);
  return TRUE;
}

typedef gboolean (*Predicate) (Fixture *f, gpointer data);

/* a bound for waits on a state: only reached when the state never comes */
#define WAIT_MS 60000

/* Runs the main loop until pred holds, or until timeout_ms pass in which
 * training makes no step */
static gboolean
iterate_until (Fixture   *f,
               Predicate  pred,
               gpointer   data,
               guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gint64 step = -1;

  while (!pred (f, data))
    {
      if (test_training_stepped (f->training, &step))
        end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

static gboolean
state_is (Fixture *f,
          gpointer data)
{
  convolve_training_flush (f->training);
  return convolve_training_get_state (f->training) == (ConvolveTrainingState) GPOINTER_TO_INT (data);
}

static gboolean
has_step_snapshot (Fixture *f,
                   gpointer data)
{
  CnnSnapshot *s = convolve_training_get_snapshot (f->training);

  return s != NULL && s->step >= GPOINTER_TO_INT (data) && s->has_probe
         && s->state == CNN_WORKER_PAUSED;
}

static gboolean
run_changed (Fixture *f,
             gpointer data)
{
  CnnSnapshot *s;

  convolve_training_flush (f->training);
  s = convolve_training_get_snapshot (f->training);
  return convolve_training_get_run (f->training) != GPOINTER_TO_UINT (data)
         && s != NULL && s->state == CNN_WORKER_IDLE;
}

static gboolean
weights_shown (Fixture *f,
               gpointer data)
{
  const CnnNet *expect = data;
  const CnnNet *net;

  convolve_training_flush (f->training);
  net = convolve_window_get_net (f->window);
  return net->n_params == expect->n_params
         && memcmp (net->params, expect->params, net->n_params * sizeof (float)) == 0;
}

/* Reset runs on the worker thread: wait for the weights it published.
 * Not only for a new run: a reset that needs a new worker (new settings)
 * begins a run at once, and that worker's first snapshot, with the old
 * weights, may be handed over before the reset's. */
static void
reset_and_wait (Fixture *f)
{
  guint run = convolve_training_get_run (f->training);
  g_autoptr (CnnNet) fresh = cnn_net_copy (convolve_window_get_net (f->window));
  CnnTrainConfig config;

  convolve_training_get_config (f->training, &config);
  cnn_net_init_weights_from_seed (fresh, config.seed);
  activate (f, "train-reset");
  /* trained weights: Reset asks first */
  answer_question (f, "discard");
  g_assert_cmpint (convolve_training_get_state (f->training), ==, CONVOLVE_TRAINING_IDLE);
  g_assert_true (iterate_until (f, run_changed, GUINT_TO_POINTER (run), WAIT_MS));
  g_assert_true (iterate_until (f, weights_shown, fresh, WAIT_MS));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
set_config (Fixture           *f,
            CnnOptimizerKind   optimizer,
            float              lr,
            int                epochs)
{
  CnnTrainConfig config;

  convolve_training_get_config (f->training, &config);
  config.optimizer = optimizer;
  config.lr = lr;
  config.epochs = epochs;
  convolve_training_set_config (f->training, &config);
}

typedef struct
{
  GdkFrameClock *clock;
  guint    handoffs;
  guint    same_frame;     /* hand-offs in a frame that already had one */
  gint64   last_frame;
  gint64   first_time;     /* µs, of the first hand-off seen */
  gint64   last_time;
} Pace;

static void
on_pace_snapshot (ConvolveTraining *training,
                  CnnSnapshot      *snapshot,
                  Pace             *p)
{
  gint64 now = g_get_monotonic_time ();

  if (p->clock != NULL)
    {
      gint64 frame = gdk_frame_clock_get_frame_counter (p->clock);

      if (p->handoffs > 0 && frame == p->last_frame)
        p->same_frame++;
      p->last_frame = frame;
    }
  if (p->handoffs == 0)
    p->first_time = now;
  p->last_time = now;
  p->handoffs++;
}

/* Trains at full speed until n hand-offs were counted (bounded in case
 * they never come) */
static void
pace_run (Fixture *f,
          Pace    *p,
          guint    n)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gulong id = g_signal_connect (f->training, "snapshot", G_CALLBACK (on_pace_snapshot), p);

  while (p->handoffs < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (f->training, id);
  g_assert_cmpuint (p->handoffs, >=, n);
}

/* The worker publishes every few ms; the UI takes at most one snapshot a
 * frame: from a tick of the frame widget's clock, or without one at most
 * every 1/60 s. Counted in frames and hand-offs, not in wall time, so a
 * busy machine only makes it slower. */
static void
test_training_pace (Fixture       *f,
                    gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  Pace with_clock = { .clock = clock };
  Pace without = { 0 };
  gint64 frames;
  guint before;

  set_config (f, CNN_OPTIMIZER_ADAM, 0.02f, 1000);
  reset_and_wait (f);

  convolve_training_set_frame_widget (f->training, GTK_WIDGET (f->window));
  activate (f, "train-start");
  frames = gdk_frame_clock_get_frame_counter (clock);
  before = convolve_training_get_n_handoffs (f->training);
  pace_run (f, &with_clock, 20);
  frames = gdk_frame_clock_get_frame_counter (clock) - frames;
  g_test_message ("frame clock: %u hand-offs in %" G_GINT64_FORMAT " frames",
                  with_clock.handoffs, frames);
  g_assert_cmpuint (with_clock.same_frame, ==, 0);
  g_assert_cmpint (with_clock.handoffs, <=, frames + 1);
  g_assert_cmpuint (convolve_training_get_n_handoffs (f->training) - before, ==, with_clock.handoffs);

  convolve_training_set_frame_widget (f->training, NULL);
  pace_run (f, &without, 20);
  g_test_message ("no frame clock: %u hand-offs in %.1f ms", without.handoffs,
                  (without.last_time - without.first_time) / 1000.0);
  /* the takes are at least 1/60 s apart, so n of them span at least
   * (n - 1)/60 s; seen from a handler after the window's, whose work
   * varies, the first may be seen late and the last early: up to two
   * frames' slack. A busy machine only spreads them further apart; a
   * take on every publish (every few ms) spans a fraction of that. */
  g_assert_cmpint ((gint64) (without.handoffs - 1) * (G_USEC_PER_SEC / 60), <=,
                   without.last_time - without.first_time + 2 * (G_USEC_PER_SEC / 60));

  activate (f, "train-stop");
  /* a step after a pause shows without waiting for anything else */
  activate (f, "train-step");
  g_assert_true (iterate_until (f, has_step_snapshot, GINT_TO_POINTER (1), WAIT_MS));
}

static void
test_training_actions (Fixture       *f,
                       gconstpointer  data)
{
  g_assert_cmpint (convolve_training_get_state (f->training), ==, CONVOLVE_TRAINING_IDLE);
  g_assert_true (action_enabled (f, "train-start"));
  g_assert_false (action_enabled (f, "train-pause"));
  g_assert_false (action_enabled (f, "train-resume"));
  g_assert_false (action_enabled (f, "train-stop"));
  g_assert_true (action_enabled (f, "train-step"));
  g_assert_true (action_enabled (f, "train-reset"));

  /* long enough to still run while the test looks */
  set_config (f, CNN_OPTIMIZER_ADAM, 0.001f, 1000);
  activate (f, "train-start");
  g_assert_cmpint (convolve_training_get_state (f->training), ==, CONVOLVE_TRAINING_RUNNING);
  g_assert_false (action_enabled (f, "train-start"));
  g_assert_true (action_enabled (f, "train-pause"));
  g_assert_false (action_enabled (f, "train-resume"));
  g_assert_true (action_enabled (f, "train-stop"));
  g_assert_false (action_enabled (f, "train-step"));
  g_assert_false (action_enabled (f, "train-reset"));

  activate (f, "train-pause");
  g_assert_cmpint (convolve_training_get_state (f->training), ==, CONVOLVE_TRAINING_PAUSED);
  g_assert_false (action_enabled (f, "train-pause"));
  g_assert_true (action_enabled (f, "train-resume"));
  g_assert_true (action_enabled (f, "train-step"));
  g_assert_true (action_enabled (f, "train-reset"));
  g_assert_true (action_enabled (f, "train-stop"));

  activate (f, "train-resume");
  g_assert_cmpint (convolve_training_get_state (f->training), ==, CONVOLVE_TRAINING_RUNNING);

  /* the header bar's toggle: pause, then resume */
  activate (f, "train-toggle");
  g_assert_cmpint (convolve_training_get_state (f->training), ==, CONVOLVE_TRAINING_PAUSED);
  activate (f, "train-toggle");
  g_assert_cmpint (convolve_training_get_state (f->training), ==, CONVOLVE_TRAINING_RUNNING);

  activate (f, "train-stop");
  g_assert_cmpint (convolve_training_get_state (f->training), ==, CONVOLVE_TRAINING_STOPPED);
  g_assert_true (action_enabled (f, "train-start"));
  g_assert_false (action_enabled (f, "train-stop"));
  g_assert_false (action_enabled (f, "train-pause"));
  g_assert_true (action_enabled (f, "train-reset"));

  /* a late snapshot of the old run does not bring the state back */
  g_assert_true (iterate_until (f, state_is, GINT_TO_POINTER (CONVOLVE_TRAINING_STOPPED), WAIT_MS));
}

static void
test_training_accels (Fixture       *f,
                      gconstpointer  data)
{
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "win.train-toggle", "<Control>t" },
    { "win.train-stop", "<Control>period" },
    { "win.train-step", "<Control><Shift>t" },
    { "win.train-reset", "<Control>r" },
    { "win.open-model", "<Control>o" },
    { "win.save-model", "<Control>s" },
    { "win.save-model-as", "<Control><Shift>s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app),
                                                                     expected[i].action);
      guint want_key, key;
      GdkModifierType want_mods, mods;

      /* compared parsed: GTK writes modifiers in an order of its own */
      g_assert_true (gtk_accelerator_parse (expected[i].accel, &want_key, &want_mods));
      g_assert_nonnull (accels);
      g_assert_nonnull (accels[0]);
      g_assert_true (gtk_accelerator_parse (accels[0], &key, &mods));
      g_assert_cmpuint (key, ==, want_key);
      g_assert_cmpuint (mods, ==, want_mods);
    }
}

/* From fresh weights to the end of a default run: the curves fill, and
 * what the window predicts comes from the weights the worker published. */
/* The user's samples join the training data at the next run, each
 * repeated; a run's mini-batches per epoch show it (the built-in 1,437
 * training digits, plus 10 × 3) */
static void
test_training_extra_samples (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (CnnDataset) samples = cnn_dataset_new (10, 10);
  CnnTrainConfig config;
  int batch;

  convolve_training_get_config (f->training, &config);
  batch = config.batch_size;
  for (gsize i = 0; i < samples->n; i++)
    {
      samples->y[i] = 7;
      samples->x[i * CNN_INPUT_SIZE + i] = 1.0f;
    }

  g_assert_true (convolve_training_reset (f->training));
  g_assert_cmpint (convolve_training_get_steps_per_epoch (f->training), ==, (1437 + batch - 1) / batch);
  g_assert_cmpuint (convolve_training_get_n_extra_samples (f->training), ==, 0);

  convolve_training_set_extra_samples (f->training, samples, 3);
  g_assert_cmpuint (convolve_training_get_n_extra_samples (f->training), ==, 10);
  g_assert_true (convolve_training_reset (f->training));
  g_assert_cmpint (convolve_training_get_steps_per_epoch (f->training), ==,
                   (1437 + 30 + batch - 1) / batch);

  convolve_training_set_extra_samples (f->training, NULL, 1);
  g_assert_cmpuint (convolve_training_get_n_extra_samples (f->training), ==, 0);
  g_assert_true (convolve_training_reset (f->training));
  g_assert_cmpint (convolve_training_get_steps_per_epoch (f->training), ==, (1437 + batch - 1) / batch);
}

static void
test_training_run (Fixture       *f,
                   gconstpointer  data)
{
  ConvolveTrainPage *view = f->window->train_page;
  ConvolvePlot *loss = convolve_train_page_get_loss_plot (view);
  ConvolvePlot *acc = convolve_train_page_get_accuracy_plot (view);
  ConvolveProbBars *bars = convolve_window_get_prob_bars (f->window);
  const CnnNet *net = convolve_window_get_net (f->window);
  g_autoptr (CnnNet) check = NULL;
  g_autoptr (CnnWorkspace) ws = NULL;
  CnnTrainConfig defaults;
  CnnSnapshot *snapshot;
  const float *probs;

  cnn_train_config_init_default (&defaults);
  convolve_training_set_config (f->training, &defaults);

  /* straight from reset to start, as a person would: the reset must not
   * be lost on the way */
  activate (f, "train-reset");
  activate (f, "train-start");
  g_assert_true (iterate_until (f, state_is, GINT_TO_POINTER (CONVOLVE_TRAINING_FINISHED), WAIT_MS));
  /* a last snapshot may still be on its way */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  convolve_training_flush (f->training);

  snapshot = convolve_training_get_snapshot (f->training);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (snapshot->n_epoch_records, ==, defaults.epochs);
  /* it began from random weights, not the shipped model (loss ~0.05) */
  g_assert_cmpfloat (snapshot->epoch_records[0].epoch_loss, >, 0.5);
  g_test_message ("from reset, default settings: test accuracy %.4f after %d epochs, %.3f s",
                  snapshot->epoch_records[snapshot->n_epoch_records - 1].test_accuracy,
                  snapshot->n_epoch_records, snapshot->elapsed);
  g_assert_cmpfloat (snapshot->epoch_records[snapshot->n_epoch_records - 1].test_accuracy, >, 0.9);

  g_assert_cmpuint (convolve_plot_get_n_points (loss, 0), ==, (guint) defaults.epochs);
  g_assert_cmpuint (convolve_plot_get_n_points (acc, 0), ==, (guint) defaults.epochs);
  g_assert_cmpuint (convolve_plot_get_n_points (acc, 1), ==, (guint) defaults.epochs);

  /* the shown network holds the published weights … */
  g_assert_cmpuint (snapshot->n_params, ==, net->n_params);
  g_assert_cmpmem (net->params, net->n_params * sizeof (float),
                   snapshot->params, snapshot->n_params * sizeof (float));

  /* … and the bars are their answer for the drawing */
  check = cnn_net_copy (net);
  ws = cnn_workspace_new (check);
  probs = cnn_net_forward (check, ws, convolve_window_get_input (f->window));
  g_assert_cmpint (convolve_prob_bars_get_n (bars), ==, check->n_classes);
  for (int c = 0; c < check->n_classes; c++)
    g_assert_cmpfloat_with_epsilon (convolve_prob_bars_get_prob (bars, c), probs[c], 1e-6);

  /* reset: the curves start over */
  reset_and_wait (f);
  g_assert_cmpuint (convolve_plot_get_n_points (loss, 0), ==, 0);
  g_assert_cmpuint (convolve_plot_get_n_points (acc, 1), ==, 0);
}

static void
test_training_step_gradients (Fixture       *f,
                              gconstpointer  data)
{
  ConvolveTrainPage *view = f->window->train_page;
  ConvolveBackwardView *gradients =
    convolve_gradient_view_get_backward_view (convolve_train_page_get_gradient_view (view));
  const CnnNet *net = convolve_window_get_net (f->window);
  CnnSnapshot *snapshot;

  activate (f, "train-step");
  g_assert_cmpint (convolve_training_get_state (f->training), ==, CONVOLVE_TRAINING_PAUSED);
  g_assert_true (iterate_until (f, has_step_snapshot, GINT_TO_POINTER (1), WAIT_MS));
  g_assert_true (action_enabled (f, "train-step"));
  g_assert_true (action_enabled (f, "train-resume"));

  convolve_backward_view_skip_animation (gradients);
  /* The softmax's own slot is fused with the loss and holds no gradient;
   * every other layer and the input must show one. */
  for (int layer = -1; layer < net->n_layers - 1; layer++)
    g_assert_cmpfloat (convolve_backward_view_get_layer_grad_max (gradients, layer), >, 0);

  /* the drawing as the probe, with a label the user picked */
  convolve_train_page_set_probe_label (view, 3);
  activate (f, "train-step");
  g_assert_true (iterate_until (f, has_step_snapshot, GINT_TO_POINTER (2), WAIT_MS));
  snapshot = convolve_training_get_snapshot (f->training);
  g_assert_cmpint (snapshot->probe_label, ==, 3);
  g_assert_cmpint (snapshot->probe_index, ==, -1);
  g_assert_cmpmem (snapshot->activations + snapshot->act_offset[0], CNN_INPUT_SIZE * sizeof (float),
                   convolve_window_get_input (f->window), CNN_INPUT_SIZE * sizeof (float));
}

static void
test_training_diverge (Fixture       *f,
                       gconstpointer  data)
{
  const CnnNet *net = convolve_window_get_net (f->window);
  const char *toast;

  /* beyond anything the settings allow: the loss must blow up. The
   * largest float, not 1e30: with 1e30 the baseline-ISA build (the one
   * ASan uses, no AVX clones) ran all 5 epochs at a loss of 69.08 (the
   * clamp of −log p), finite, never NaN, so it never diverged. With the
   * largest float an update overflows whatever the rounding. */
  set_config (f, CNN_OPTIMIZER_SGD, G_MAXFLOAT, 5);
  activate (f, "train-start");
  g_assert_true (iterate_until (f, state_is, GINT_TO_POINTER (CONVOLVE_TRAINING_DIVERGED), WAIT_MS));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  toast = convolve_window_get_last_toast (f->window);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (toast, "diverged"));
  g_assert_nonnull (strstr (toast, "lower learning rate"));
  for (gsize i = 0; i < net->n_params; i++)
    g_assert_true (isfinite (net->params[i]));
  g_assert_true (action_enabled (f, "train-start"));
  g_assert_true (action_enabled (f, "train-reset"));
}

static GFile *
temp_file (const char *name)
{
  g_autofree char *path = g_build_filename (data_home, name, NULL);

  return g_file_new_for_path (path);
}

static void
test_training_open_corrupt (Fixture       *f,
                            gconstpointer  data)
{
  const CnnNet *net = convolve_window_get_net (f->window);
  g_autoptr (GFile) file = temp_file ("corrupt.cnvm");
  g_autoptr (GError) error = NULL;
  g_autofree float *before = g_memdup2 (net->params, net->n_params * sizeof (float));
  g_autofree char *spec = g_strdup (net->spec);
  g_autofree char *text = g_strdup (convolve_window_get_prediction_text (f->window));
  static const char junk[] = "CNVLVMDL but not really a model, just some bytes";

  g_assert_true (g_file_replace_contents (file, junk, sizeof junk, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  g_assert_false (convolve_window_open_model_file (f->window, file, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");

  net = convolve_window_get_net (f->window);
  g_assert_cmpstr (net->spec, ==, spec);
  g_assert_cmpmem (net->params, net->n_params * sizeof (float), before, net->n_params * sizeof (float));
  g_assert_cmpstr (convolve_window_get_prediction_text (f->window), ==, text);
}

static gboolean
params_differ (const CnnNet *a,
               const float  *b)
{
  return memcmp (a->params, b, a->n_params * sizeof (float)) != 0;
}

static void
test_training_save_open (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GFile) file = temp_file ("saved.cnvm");
  g_autoptr (GError) error = NULL;
  g_autofree float *saved = NULL;
  const CnnNet *net;
  gsize n;

  /* weights unlike the shipped ones */
  reset_and_wait (f);
  net = convolve_window_get_net (f->window);
  n = net->n_params;
  saved = g_memdup2 (net->params, n * sizeof (float));
  g_assert_true (convolve_window_save_model_file (f->window, file, &error));
  g_assert_no_error (error);

  /* another network and back: each keeps its own weights */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preset", "s", "zero-or-one");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preset", "s", "digits");
  net = convolve_window_get_net (f->window);
  g_assert_cmpuint (net->n_params, ==, n);
  g_assert_false (params_differ (net, saved));

  /* back to the shipped model (asked first), then open the saved one */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.restore-shipped", NULL);
  g_assert_true (answer_question (f, "discard"));
  net = convolve_window_get_net (f->window);
  g_assert_true (params_differ (net, saved));

  g_assert_true (convolve_window_open_model_file (f->window, file, &error));
  g_assert_no_error (error);
  net = convolve_window_get_net (f->window);
  g_assert_cmpmem (net->params, net->n_params * sizeof (float), saved, n * sizeof (float));
  /* and training continues from them */
  g_assert_cmpmem (convolve_training_get_net (f->training)->params, n * sizeof (float),
                   saved, n * sizeof (float));
}

static void
test_training_spec (Fixture       *f,
                    gconstpointer  data)
{
  ConvolveTrainPage *view = f->window->train_page;
  ConvolveSpecRow *spec_row = convolve_train_page_get_spec_row (view);
  AdwEntryRow *row = convolve_spec_row_get_entry (spec_row);
  const CnnNet *net;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   convolve_window_get_net (f->window)->spec);
  g_assert_cmpstr (convolve_spec_row_get_error (spec_row), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (row), "conv3x3x8 relu pool9 dense10 softmax");
  g_assert_cmpstr (convolve_spec_row_get_error (spec_row), !=, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));

  gtk_editable_set_text (GTK_EDITABLE (row), "conv3x3x4 relu pool2 flatten dense10 softmax");
  g_assert_cmpstr (convolve_spec_row_get_error (spec_row), ==, "");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));

  /* Apply: a new network everywhere, and it trains */
  g_signal_emit_by_name (row, "apply");
  net = convolve_window_get_net (f->window);
  g_assert_cmpstr (net->spec, ==, "conv3x3x4 relu pool2 flatten dense10 softmax");
  g_assert_cmpstr (convolve_training_get_net (f->training)->spec, ==, net->spec);
  g_assert_cmpint (convolve_filters_view_get_n_sections (convolve_window_get_filters_view (f->window)),
                   ==, 1);
  activate (f, "train-step");
  g_assert_true (iterate_until (f, has_step_snapshot, GINT_TO_POINTER (1), WAIT_MS));
  g_assert_cmpmem (net->params, net->n_params * sizeof (float),
                   convolve_training_get_snapshot (f->training)->params,
                   net->n_params * sizeof (float));
}

static gboolean
reveal_over (Fixture *f,
             gpointer data)
{
  return !convolve_backward_view_is_animating (data);
}

static gboolean
frame_drawn (Fixture *f,
             gpointer data)
{
  return gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)))
         > GPOINTER_TO_INT (data);
}

static void
wait_frames (Fixture *f,
             int      n)
{
  gint64 now = gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)));

  g_assert_true (iterate_until (f, frame_drawn, GINT_TO_POINTER ((int) now + n), WAIT_MS));
}

/* The backward pass below the fold is not redrawn at each step of its
 * reveal, nor the dL/dW maps at each pass; scrolled to, or exported,
 * they show the latest pass at once */
static void
test_training_backward_out_of_view (Fixture       *f,
                                    gconstpointer  data)
{
  ConvolveTrainPage *page = f->window->train_page;
  ConvolveBackwardView *backward
    = convolve_gradient_view_get_backward_view (convolve_train_page_get_gradient_view (page));
  GtkScrolledWindow *scroller = convolve_train_page_get_scroller (page);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);
  g_autoptr (GFile) file = temp_file ("train.png");
  g_autoptr (GError) error = NULL;
  GtkWidget *content = gtk_scrolled_window_get_child (scroller);
  GtkWidget *grads = GTK_WIDGET (convolve_gradient_view_get_kernel_grads (convolve_train_page_get_gradient_view (page)));
  graphene_rect_t b;

  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 700);
  adw_view_stack_set_visible_child_name (f->window->view_stack, "train");
  wait_frames (f, 3);
  gtk_adjustment_set_value (adj, 0);
  wait_frames (f, 2);
  g_assert_false (convolve_deferred_in_scroller (GTK_WIDGET (backward), scroller, content));

  activate (f, "train-step");
  g_assert_true (iterate_until (f, has_step_snapshot, GINT_TO_POINTER (1), WAIT_MS));
  g_assert_true (iterate_until (f, reveal_over, backward, WAIT_MS));
  g_assert_true (convolve_backward_view_get_stale (backward));
  /* the dL/dW maps below it wait too */
  g_assert_false (convolve_deferred_get_shown (grads));

  /* scrolled to: up to date */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (backward), content, &b));
  gtk_adjustment_set_value (adj, b.origin.y);
  wait_frames (f, 2);
  g_assert_false (convolve_backward_view_get_stale (backward));
  g_assert_true (gtk_widget_compute_bounds (grads, content, &b));
  gtk_adjustment_set_value (adj, b.origin.y);
  wait_frames (f, 2);
  g_assert_true (convolve_deferred_get_shown (grads));

  /* back up, another step; an export draws it up to date */
  gtk_adjustment_set_value (adj, 0);
  wait_frames (f, 2);
  activate (f, "train-step");
  g_assert_true (iterate_until (f, has_step_snapshot, GINT_TO_POINTER (2), WAIT_MS));
  g_assert_true (iterate_until (f, reveal_over, backward, WAIT_MS));
  g_assert_true (convolve_backward_view_get_stale (backward));
  g_assert_true (convolve_window_export_view (f->window, file, &error));
  g_assert_no_error (error);
  g_assert_false (convolve_backward_view_get_stale (backward));
}

/* The Pace menu slows a run so a person can follow it, and applies at once */
static gboolean
step_reached (Fixture *f,
              gpointer data)
{
  CnnSnapshot *s;

  convolve_training_flush (f->training);
  s = convolve_training_get_snapshot (f->training);
  return s != NULL && s->step >= GPOINTER_TO_INT (data);
}

static gint64
fake_now (gpointer data)
{
  return atomic_load ((atomic_llong *) data);
}

/* The pace reaches the worker at once, also mid-run: on a clock of the
 * test's own, slow motion (2 a second) takes one step per half second of
 * it and no more; full speed needs no clock at all */
static void
test_training_run_pace (Fixture       *f,
                        gconstpointer  data)
{
  ConvolveTrainPage *view = f->window->train_page;
  atomic_llong clock = G_USEC_PER_SEC;

  g_assert_cmpfloat (convolve_train_page_get_pace (view), ==, 0);
  convolve_train_page_set_pace (view, 2);
  g_assert_cmpfloat (convolve_train_page_get_pace (view), ==, 2);

  convolve_training_set_clock (f->training, fake_now, &clock);
  reset_and_wait (f);
  activate (f, "train-start");
  g_assert_true (iterate_until (f, step_reached, GINT_TO_POINTER (1), WAIT_MS));
  for (int i = 1; i <= 4; i++)
    {
      atomic_fetch_add (&clock, G_USEC_PER_SEC / 4);
      convolve_training_clock_changed (f->training);
      g_assert_true (iterate_until (f, step_reached, GINT_TO_POINTER (1 + i / 2), WAIT_MS));
      g_assert_cmpint (convolve_training_get_snapshot (f->training)->step, <=, 1 + i / 2);
    }

  /* switched mid-run, it speeds up at once */
  convolve_train_page_set_pace (view, 0);
  g_assert_true (iterate_until (f, step_reached, GINT_TO_POINTER (3 + 100), WAIT_MS));
  activate (f, "train-stop");
  g_assert_true (iterate_until (f, state_is, GINT_TO_POINTER (CONVOLVE_TRAINING_STOPPED), WAIT_MS));
  convolve_training_set_clock (f->training, NULL, NULL);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The three augmentations: chosen on the page, kept in GSettings, trained
 * with, shown on the drawing; Restore Defaults and the old switch's
 * "false" bring back what they should */
static void
test_training_augmentation (Fixture       *f,
                            gconstpointer  data)
{
  GSettings *settings = convolve_application_get_settings (f->app);
  ConvolveHyperparams *hp = convolve_train_page_get_hyperparams (f->window->train_page);
  ConvolveAugmentStrip *strip = CONVOLVE_AUGMENT_STRIP (find_type (GTK_WIDGET (hp),
                                                                   CONVOLVE_TYPE_AUGMENT_STRIP));
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (f->window->explore_page);
  const float *input = convolve_session_get_input (f->window->session);
  g_autoptr (GVariant) user = NULL;
  CnnTrainConfig config;
  g_autofree char *mode = NULL;
  guint differ = 0;

  g_assert_nonnull (strip);
  convolve_training_get_config (f->training, &config);
  g_assert_cmpint (config.augment, ==, CNN_AUGMENT_FULL);
  g_assert_cmpint (convolve_augment_strip_get_mode (strip), ==, CNN_AUGMENT_FULL);

  /* nothing drawn: nothing to vary */
  convolve_grid_model_clear (model);
  g_assert_null (convolve_augment_strip_get_version (strip, 0));

  /* a 7 */
  convolve_grid_model_begin_stroke (model, 1.5, 1.5, FALSE);
  convolve_grid_model_stroke_to (model, 6.5, 1.5);
  convolve_grid_model_stroke_to (model, 3.5, 6.5);
  convolve_grid_model_end_stroke (model);
  for (int i = 0; i < CONVOLVE_AUGMENT_STRIP_LENGTH; i++)
    {
      const float *v = convolve_augment_strip_get_version (strip, i);

      g_assert_nonnull (v);
      differ += memcmp (v, input, sizeof (float) * CNN_INPUT_SIZE) != 0;
      for (int j = 0; j < CNN_INPUT_SIZE; j++)
        g_assert_cmpfloat (v[j] * 16.0f, ==, rintf (v[j] * 16.0f));
    }
  g_assert_cmpuint (differ, >=, CONVOLVE_AUGMENT_STRIP_LENGTH / 2);

  /* chosen in the settings (as the combo row writes them): the page, the
   * training and the strip follow */
  g_settings_set_string (settings, "augmentation", "none");
  g_settings_set_int (settings, "epochs", 7);
  convolve_training_get_config (f->training, &config);
  g_assert_cmpint (config.augment, ==, CNN_AUGMENT_NONE);
  g_assert_cmpint (config.epochs, ==, 7);
  g_assert_cmpint (convolve_augment_strip_get_mode (strip), ==, CNN_AUGMENT_NONE);
  for (int i = 0; i < CONVOLVE_AUGMENT_STRIP_LENGTH; i++)
    g_assert_cmpmem (convolve_augment_strip_get_version (strip, i), sizeof (float) * CNN_INPUT_SIZE,
                     input, sizeof (float) * CNN_INPUT_SIZE);
  g_settings_set_string (settings, "augmentation", "shift");
  convolve_training_get_config (f->training, &config);
  g_assert_cmpint (config.augment, ==, CNN_AUGMENT_SHIFT);

  /* Restore Defaults: every hyperparameter, augmentation too */
  convolve_hyperparams_restore_defaults (hp);
  convolve_training_get_config (f->training, &config);
  g_assert_cmpint (config.augment, ==, CNN_AUGMENT_FULL);
  g_assert_cmpint (config.epochs, ==, 30);
  user = g_settings_get_user_value (settings, "augmentation");
  g_assert_null (user);

  /* the old switch, off: none, once; a choice made since wins */
  g_settings_set_boolean (settings, "augment", FALSE);
  convolve_settings_migrate (settings);
  mode = g_settings_get_string (settings, "augmentation");
  g_assert_cmpstr (mode, ==, "none");
  user = g_settings_get_user_value (settings, "augment");
  g_assert_null (user);
  g_clear_pointer (&mode, g_free);
  g_settings_set_string (settings, "augmentation", "shift");
  g_settings_set_boolean (settings, "augment", FALSE);
  convolve_settings_migrate (settings);
  mode = g_settings_get_string (settings, "augmentation");
  g_assert_cmpstr (mode, ==, "shift");
  g_settings_reset (settings, "augmentation");
  convolve_grid_model_clear (model);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = test_data_home_new ("convolve-test-training");

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-training"))
    return 1;
  the_app = test_app_new_registered ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/training/actions", test_training_actions);
  ADD ("/training/accels", test_training_accels);
  ADD ("/training/run", test_training_run);
  ADD ("/training/step-gradients", test_training_step_gradients);
  ADD ("/training/diverge", test_training_diverge);
  ADD ("/training/open-corrupt", test_training_open_corrupt);
  ADD ("/training/save-open", test_training_save_open);
  ADD ("/training/spec", test_training_spec);
  ADD ("/training/pace", test_training_pace);
  ADD ("/training/run-pace", test_training_run_pace);
  ADD ("/training/backward-out-of-view", test_training_backward_out_of_view);
  ADD ("/training/augmentation", test_training_augmentation);
  ADD ("/training/extra-samples", test_training_extra_samples);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  g_free (data_home);
  return ret;
}
