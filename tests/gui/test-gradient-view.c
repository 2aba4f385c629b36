/* test-gradient-view.c — the backward pass view fed by a real training worker
 *
 * Needs a display (CI runs it under Xvfb). With CONVOLVE_TEST_PNG_DIR set,
 * the whole view is also saved there, light and dark, at 1400×900.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <adwaita.h>

#include "cnn.h"
#include "convolve-deferred.h"
#include "convolve-gradient-view.h"
#include "convolve-layer-card.h"
#include "convolve-plot.h"
#include "test-render.h"

#define WAIT_SECONDS 10

typedef struct
{
  CnnNet      *net;
  CnnDataset  *data;
  CnnWorker   *worker;
  GtkWidget   *window;
  ConvolveGradientView *view;
} Fixture;

/* the section that reveals the pass */
static ConvolveBackwardView *
backward (Fixture *f)
{
  return convolve_gradient_view_get_backward_view (f->view);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  CnnTrainConfig config;
  CnnRng rng;
  GtkWidget *scroller;

  f->net = cnn_net_new (CNN_SPEC_DIGITS, &error);
  g_assert_no_error (error);
  cnn_rng_init (&rng, 1);
  cnn_net_init_weights (f->net, &rng);
  f->data = cnn_dataset_load_builtin (&error);
  g_assert_no_error (error);
  cnn_train_config_init_default (&config);
  f->worker = cnn_worker_new (f->net, f->data, NULL, &config, &error);
  g_assert_no_error (error);

  f->view = CONVOLVE_GRADIENT_VIEW (convolve_gradient_view_new ());
  convolve_gradient_view_set_net (f->view, f->net);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->view));
  f->window = gtk_window_new ();
  /* CONVOLVE_TEST_WIDE: room for everything at once, to look at */
  if (g_getenv ("CONVOLVE_TEST_WIDE") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (f->window), 2300, 1300);
  else
    gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), scroller);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_pointer (&f->worker, cnn_worker_free);
  g_clear_pointer (&f->data, cnn_dataset_free);
  g_clear_pointer (&f->net, cnn_net_unref);
}

/* One mini-batch on the worker thread; returns the snapshot of its end */
static CnnSnapshot *
step (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  gint64 before = cnn_worker_get_step (f->worker);

  g_assert_true (cnn_worker_step (f->worker));
  while (g_get_monotonic_time () < deadline)
    {
      CnnSnapshot *s = cnn_worker_take_snapshot (f->worker);

      if (s != NULL && s->state == CNN_WORKER_PAUSED && s->has_probe &&
          (s->step == before + 1 || (before > 0 && s->step == 1)))
        return s;
      g_clear_pointer (&s, cnn_snapshot_unref);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_error ("no snapshot of the step within %d s", WAIT_SECONDS);
}

/* Runs the main loop (frames, ticks) until done() or the deadline */
static gboolean
spin_until (Fixture  *f,
            gboolean (*done) (Fixture *f),
            double    seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!done (f))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  return TRUE;
}

static gboolean
animation_done (Fixture *f)
{
  return !convolve_backward_view_is_animating (backward (f));
}

static gboolean
three_revealed (Fixture *f)
{
  return convolve_backward_view_get_revealed (backward (f)) >= 3;
}

static void
spin_for (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

static ConvolvePlot *
find_plot (GtkWidget *widget)
{
  if (CONVOLVE_IS_PLOT (widget))
    return CONVOLVE_PLOT (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ConvolvePlot *plot = find_plot (child);

      if (plot != NULL)
        return plot;
    }
  return NULL;
}

/* Every parameterised layer: conv, conv, dense for the digits spec */
static int
n_param_layers (const CnnNet *net)
{
  int n = 0;

  for (int i = 0; i < net->n_layers; i++)
    n += net->layers[i].kind == CNN_LAYER_CONV || net->layers[i].kind == CNN_LAYER_DENSE;
  return n;
}

static void
assert_chart_points (Fixture *f,
                     guint    points)
{
  ConvolvePlot *plot = find_plot (GTK_WIDGET (f->view));

  g_assert_nonnull (plot);
  g_assert_cmpint (convolve_plot_get_n_series (plot), ==, n_param_layers (f->net));
  for (int s = 0; s < convolve_plot_get_n_series (plot); s++)
    g_assert_cmpuint (convolve_plot_get_n_points (plot, s), ==, points);
}

/* The largest |dL/d(output)| of layer (−1: the input) in a snapshot */
static float
snapshot_grad_max (CnnSnapshot  *s,
                   const CnnNet *net,
                   int           layer)
{
  const float *g = cnn_snapshot_activation_grad (s, layer);
  CnnShape shape = layer < 0 ? net->input : net->layers[layer].out;
  float m = 0.0f;

  g_assert_nonnull (g);
  for (gsize i = 0; i < cnn_shape_size (shape); i++)
    m = MAX (m, fabsf (g[i]));
  return m;
}

static void
test_reveal (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (CnnSnapshot) s1 = step (f);
  int n = f->net->n_layers;   /* every slot but the softmax's: the input and n − 1 layers */

  g_assert_false (convolve_backward_view_is_animating (backward (f)));
  convolve_gradient_view_set_snapshot (f->view, s1);
  g_assert_true (convolve_backward_view_is_animating (backward (f)));
  g_assert_cmpint (convolve_backward_view_get_revealed (backward (f)), <, n);

  /* ~1.2 s at speed 1 */
  g_assert_true (spin_until (f, animation_done, 5.0));
  g_assert_cmpint (convolve_backward_view_get_revealed (backward (f)), ==, n);

  /* every layer shows a non-zero gradient after a step, and exactly the
   * snapshot's largest one */
  for (int layer = -1; layer < n - 1; layer++)
    {
      float want = snapshot_grad_max (s1, f->net, layer);

      g_assert_cmpfloat (convolve_backward_view_get_layer_grad_max (backward (f), layer), >, 0.0f);
      g_assert_cmpfloat (convolve_backward_view_get_layer_grad_max (backward (f), layer), ==, want);
    }
  /* the softmax's gradient is fused into the dense layer's */
  g_assert_cmpfloat (convolve_backward_view_get_layer_grad_max (backward (f), n - 1), ==, 0.0f);
  assert_chart_points (f, 1);

  /* the same state again (a re-publication) does not replay */
  convolve_gradient_view_set_snapshot (f->view, s1);
  g_assert_false (convolve_backward_view_is_animating (backward (f)));
  assert_chart_points (f, 1);
}

/* The cards as they are drawn, in trace order (input first), found in the
 * widget tree: not through the view, which would bring them up to date */
static void
collect_cards (GtkWidget *widget,
               GPtrArray *cards)
{
  if (CONVOLVE_IS_LAYER_CARD (widget))
    g_ptr_array_add (cards, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_cards (c, cards);
}

/* Scrolled out of view, the reveal goes on being counted but no card is
 * touched (each reveal step would repaint a card column); back in view,
 * the cards are what they would have been: the gradients revealed so far,
 * the rest dimmed */
static void
test_out_of_view (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (CnnSnapshot) s1 = step (f);
  g_autoptr (CnnSnapshot) s2 = step (f);
  g_autoptr (GPtrArray) cards = g_ptr_array_new ();
  int n = f->net->n_layers;

  collect_cards (GTK_WIDGET (backward (f)), cards);
  g_assert_cmpuint (cards->len, ==, n + 1);

  convolve_deferred_set_in_view (GTK_WIDGET (backward (f)), FALSE);
  convolve_gradient_view_set_snapshot (f->view, s1);
  g_assert_true (convolve_backward_view_is_animating (backward (f)));
  g_assert_true (spin_until (f, animation_done, 5.0));
  g_assert_cmpint (convolve_backward_view_get_revealed (backward (f)), ==, n);
  g_assert_true (convolve_backward_view_get_stale (backward (f)));
  for (guint i = 0; i < cards->len; i++)
    {
      g_assert_false (convolve_layer_card_get_revealed (cards->pdata[i]));
      g_assert_cmpfloat (convolve_layer_card_get_grad_max (cards->pdata[i]), ==, 0.0f);
    }

  /* back in view: the whole pass, as an in-view reveal leaves it */
  convolve_deferred_set_in_view (GTK_WIDGET (backward (f)), TRUE);
  g_assert_false (convolve_backward_view_get_stale (backward (f)));
  for (int layer = -1; layer < n - 1; layer++)
    {
      ConvolveLayerCard *card = cards->pdata[layer + 1];

      g_assert_true (convolve_layer_card_get_revealed (card));
      g_assert_cmpfloat (convolve_layer_card_get_grad_max (card), ==, snapshot_grad_max (s1, f->net, layer));
    }

  /* out of view again, mid-reveal of the next pass: back in view shows the
   * cards revealed so far (from the output) and dims the others */
  convolve_deferred_set_in_view (GTK_WIDGET (backward (f)), FALSE);
  convolve_gradient_view_set_snapshot (f->view, s2);
  g_assert_true (spin_until (f, three_revealed, 5.0));
  convolve_deferred_set_in_view (GTK_WIDGET (backward (f)), TRUE);
  {
    int revealed = convolve_backward_view_get_revealed (backward (f));

    g_assert_cmpint (revealed, >=, 3);
    for (int layer = -1; layer < n - 1; layer++)
      {
        ConvolveLayerCard *card = cards->pdata[layer + 1];
        /* card layer + 1 is the (n − 1 − (layer + 1))-th from the output */
        gboolean shown = n - 1 - (layer + 1) < revealed;

        g_assert_cmpint (convolve_layer_card_get_revealed (card), ==, shown);
        if (shown)
          g_assert_cmpfloat (convolve_layer_card_get_grad_max (card), ==,
                             snapshot_grad_max (s2, f->net, layer));
      }
  }
  g_assert_true (spin_until (f, animation_done, 5.0));
}

/* Spins like spin_until, noting whether `never` was ever shown */
static gboolean
spin_until_shown (Fixture *f,
                  gint64   step,
                  gint64   never,
                  gboolean *saw_never)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (convolve_backward_view_get_shown_step (backward (f)) != step)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      if (convolve_backward_view_get_shown_step (backward (f)) == never)
        *saw_never = TRUE;
      g_usleep (500);
    }
  return TRUE;
}

static void
test_pending (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (CnnSnapshot) s1 = step (f);
  g_autoptr (CnnSnapshot) s2 = step (f);
  g_autoptr (CnnSnapshot) s3 = step (f);
  int n = f->net->n_layers;
  int revealed;
  gboolean saw_s2 = FALSE;

  /* the three passes can be told apart by their input gradient */
  g_assert_cmpfloat (snapshot_grad_max (s1, f->net, -1), !=, snapshot_grad_max (s3, f->net, -1));

  convolve_gradient_view_set_snapshot (f->view, s1);
  g_assert_true (spin_until (f, three_revealed, 5.0));
  revealed = convolve_backward_view_get_revealed (backward (f));
  g_assert_cmpint (revealed, <, n);

  /* a new step mid-way does not restart the reveal: it goes on with the
   * old numbers, the new step waits, and its norms are charted at once */
  convolve_gradient_view_set_snapshot (f->view, s2);
  g_assert_true (convolve_backward_view_is_animating (backward (f)));
  g_assert_cmpint (convolve_backward_view_get_revealed (backward (f)), >=, revealed);
  g_assert_cmpint (convolve_backward_view_get_shown_step (backward (f)), ==, s1->step);
  g_assert_cmpint (convolve_backward_view_get_pending_step (backward (f)), ==, s2->step);
  assert_chart_points (f, 2);

  /* a third replaces the second: nothing queues */
  convolve_gradient_view_set_snapshot (f->view, s3);
  g_assert_cmpint (convolve_backward_view_get_shown_step (backward (f)), ==, s1->step);
  g_assert_cmpint (convolve_backward_view_get_pending_step (backward (f)), ==, s3->step);
  assert_chart_points (f, 3);

  /* s1's pass completes: every card gets s1's gradient (the input, last) */
  g_assert_true (spin_until_shown (f, s3->step, s2->step, &saw_s2));
  g_assert_false (saw_s2);
  g_assert_cmpint (convolve_backward_view_get_pending_step (backward (f)), ==, -1);
  /* ... and s3's reveal starts from the loss right after */
  g_assert_true (convolve_backward_view_is_animating (backward (f)));
  g_assert_cmpint (convolve_backward_view_get_revealed (backward (f)), <, n);
  g_assert_cmpfloat (convolve_backward_view_get_layer_grad_max (backward (f), -1), ==,
                     snapshot_grad_max (s1, f->net, -1));

  g_assert_true (spin_until (f, animation_done, 5.0));
  g_assert_cmpint (convolve_backward_view_get_revealed (backward (f)), ==, n);
  g_assert_cmpfloat (convolve_backward_view_get_layer_grad_max (backward (f), -1), ==,
                     snapshot_grad_max (s3, f->net, -1));
  assert_chart_points (f, 3);
}

static void
test_speed (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (CnnSnapshot) s1 = step (f);
  int n = f->net->n_layers;

  g_assert_cmpfloat (convolve_backward_view_get_speed (backward (f)), ==, 1.0);
  convolve_backward_view_set_speed (backward (f), 100.0);
  g_assert_cmpfloat (convolve_backward_view_get_speed (backward (f)), ==, 4.0);
  convolve_backward_view_set_speed (backward (f), 0.0);
  g_assert_cmpfloat (convolve_backward_view_get_speed (backward (f)), ==, 0.1);

  /* at 0.1 the pass takes 12 s: half a second in, most is still dark */
  convolve_gradient_view_set_snapshot (f->view, s1);
  spin_for (0.5);
  g_assert_true (convolve_backward_view_is_animating (backward (f)));
  g_assert_cmpint (convolve_backward_view_get_revealed (backward (f)), <, n / 2);

  convolve_backward_view_skip_animation (backward (f));
  g_assert_false (convolve_backward_view_is_animating (backward (f)));
  g_assert_cmpint (convolve_backward_view_get_revealed (backward (f)), ==, n);
  g_assert_cmpfloat (convolve_backward_view_get_layer_grad_max (backward (f), -1), >, 0.0f);

  /* at 4 it is over 0.3 s of frame time after it began: the timing as a
   * function of the frame clock, so a busy machine cannot change it */
  g_assert_cmpint (convolve_backward_view_reveal_count (0.0, 4.0, n), ==, 1);
  g_assert_cmpint (convolve_backward_view_reveal_count (0.25, 4.0, n), <, n);
  g_assert_cmpint (convolve_backward_view_reveal_count (0.3, 4.0, n), ==, n);
  g_assert_cmpint (convolve_backward_view_reveal_count (0.5, 0.1, n), <, n / 2);
  g_assert_cmpint (convolve_backward_view_reveal_count (12.0, 0.1, n), ==, n);
  g_assert_cmpint (convolve_backward_view_reveal_count (1e9, 4.0, n), ==, n);
  convolve_backward_view_set_speed (backward (f), 4.0);
  {
    g_autoptr (CnnSnapshot) s2 = step (f);

    convolve_gradient_view_set_snapshot (f->view, s2);
    g_assert_true (spin_until (f, animation_done, 60.0));
    g_assert_cmpint (convolve_backward_view_get_revealed (backward (f)), ==, n);
  }
}

static void
test_norm_history (Fixture       *f,
                   gconstpointer  data)
{
  guint run;

  for (int i = 0; i < 4; i++)
    {
      g_autoptr (CnnSnapshot) s = step (f);

      convolve_gradient_view_set_snapshot (f->view, s);
      run = s->run;
      assert_chart_points (f, i + 1);
    }
  convolve_backward_view_skip_animation (backward (f));

  /* new weights: a new run, a new history */
  g_assert_true (cnn_worker_stop (f->worker));
  g_assert_true (cnn_worker_reset_weights (f->worker, 7));
  {
    g_autoptr (CnnSnapshot) s = step (f);

    g_assert_cmpuint (s->run, !=, run);
    convolve_gradient_view_set_snapshot (f->view, s);
    assert_chart_points (f, 1);
  }

  /* a new net: rebuilt, and empty */
  convolve_gradient_view_set_net (f->view, f->net);
  g_assert_false (convolve_backward_view_is_animating (backward (f)));
  assert_chart_points (f, 0);
  g_assert_cmpfloat (convolve_backward_view_get_layer_grad_max (backward (f), -1), ==, 0.0f);
}

/* Renders the window's content as the window's renderer would, and saves
 * it as name-{light,dark}.png in CONVOLVE_TEST_PNG_DIR if set */
static void
render_window (Fixture    *f,
               const char *name)
{
  g_autoptr (TestPixels) p = test_render (gtk_window_get_child (GTK_WINDOW (f->window)), name);

  g_assert_cmpint (p->width, >, 1000);
}

/* The whole view as it looks after some training, for a person to look
 * at when CONVOLVE_TEST_PNG_DIR is set; and halfway through a reveal */
static void
test_look (Fixture       *f,
           gconstpointer  data)
{
  gint64 spent = 0;

  for (int i = 0; i < 30; i++)
    {
      g_autoptr (CnnSnapshot) s = step (f);
      gint64 t0 = g_get_monotonic_time ();

      convolve_gradient_view_set_snapshot (f->view, s);
      spent += g_get_monotonic_time () - t0;
    }
  /* for the record: snapshots may come at 60 a second */
  g_test_message ("set_snapshot: %.0f µs on average", spent / 30.0);
  convolve_backward_view_skip_animation (backward (f));

  for (int dark = 0; dark <= 1; dark++)
    {
      test_set_dark (dark);
      render_window (f, "gradient-view");
    }

  test_set_dark (FALSE);
  convolve_backward_view_set_speed (backward (f), 0.25);
  {
    g_autoptr (CnnSnapshot) s = step (f);

    convolve_gradient_view_set_snapshot (f->view, s);
    spin_for (1.6);
    g_assert_true (convolve_backward_view_is_animating (backward (f)));
    render_window (f, "gradient-view-revealing");
  }
}

/* Whether a label under widget says text */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static char *wanted[3];

static gboolean
step_texts_shown (Fixture *f)
{
  GtkWidget *sv = GTK_WIDGET (convolve_gradient_view_get_step_view (f->view));

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    if (wanted[i] != NULL && !shows_text (sv, wanted[i]))
      return FALSE;
  return TRUE;
}

/* A pass's texts come a frame at a time (each lays the page out again):
 * the view says at once what they will be, shows them within a few
 * frames, and a newer pass's texts, or a new network's, replace the ones
 * not yet shown */
static void
test_step_texts (Fixture       *f,
                 gconstpointer  data)
{
  ConvolveStepView *sv = convolve_gradient_view_get_step_view (f->view);
  g_autoptr (CnnSnapshot) s1 = step (f);
  g_autoptr (CnnSnapshot) s2 = step (f);
  g_autofree char *loss = g_strdup_printf ("%.3f", s2->probe_loss);
  g_autofree char *old = NULL;

  convolve_step_view_show_pass (sv, s1);
  old = g_strdup (convolve_step_view_get_stage_text (sv, 1));
  convolve_step_view_show_pass (sv, s2);
  wanted[0] = g_strdup (convolve_step_view_get_stage_text (sv, 1));
  wanted[1] = g_strdup (convolve_step_view_get_stage_text (sv, 3));
  wanted[2] = g_strdup (convolve_step_view_get_delta_text (sv, 0));
  g_assert_nonnull (strstr (wanted[0], loss));
  g_assert_nonnull (strstr (wanted[2], "‖ΔW‖"));
  g_assert_true (spin_until (f, step_texts_shown, WAIT_SECONDS));
  if (g_strcmp0 (old, wanted[0]) != 0)
    g_assert_false (shows_text (GTK_WIDGET (sv), old));

  /* a new network before its texts were shown: its own texts, not those */
  convolve_step_view_show_pass (sv, s1);
  convolve_step_view_set_net (sv, f->net);
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    g_clear_pointer (&wanted[i], g_free);
  wanted[0] = g_strdup (convolve_step_view_get_stage_text (sv, 1));
  g_assert_null (strstr (wanted[0], loss));
  spin_for (0.3);
  g_assert_true (step_texts_shown (f));
  g_assert_false (shows_text (GTK_WIDGET (sv), old));
  g_clear_pointer (&wanted[0], g_free);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  test_render_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gradient-view/reveal", test_reveal);
  ADD ("/gradient-view/pending", test_pending);
  ADD ("/gradient-view/out-of-view", test_out_of_view);
  ADD ("/gradient-view/speed", test_speed);
  ADD ("/gradient-view/norm-history", test_norm_history);
  ADD ("/gradient-view/look", test_look);
  ADD ("/gradient-view/step-texts", test_step_texts);
#undef ADD

  return g_test_run ();
}
