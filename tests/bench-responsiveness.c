/* bench-responsiveness.c — is the window still smooth while training runs
 * at full speed?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: numbers to report, with no threshold. For each page (Explore,
 * then Train) it trains without pause for a few seconds while a synthetic
 * pen draws on the grid every frame, and measures
 *   - the main loop's longest stall: the largest gap between two runs of a
 *     1 ms timeout, and
 *   - the frame interval (between two "after-paint"s of the frame clock):
 *     median, 99th percentile and worst.
 * Run: meson test -C <build> --benchmark responsiveness -v
 * (under xvfb-run … dbus-run-session -- without a display), or the
 * executable bench-responsiveness directly; CONVOLVE_BENCH_SECONDS sets the
 * time per page (default 5).
 */
#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "convolve-application.h"
#include "convolve-train-view.h"
#include "convolve-window.h"

typedef struct
{
  ConvolveWindow *window;
  gint64 last_tick;
  gint64 longest_stall;
  gint64 last_paint;
  GArray *intervals;       /* gint64 µs */
  guint strokes;
  guint frame;
  guint snapshots;
} Bench;

static gboolean
on_timeout (gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();

  if (b->last_tick != 0)
    b->longest_stall = MAX (b->longest_stall, now - b->last_tick);
  b->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 now = g_get_monotonic_time ();

  if (b->last_paint != 0)
    {
      gint64 interval = now - b->last_paint;
      g_array_append_val (b->intervals, interval);
    }
  b->last_paint = now;
}

/* One short stroke per frame, going round a circle: the network runs and
 * every view updates each frame, as when a person draws. */
static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Bench *b = data;
  ConvolveGridModel *model = convolve_window_get_grid_model (b->window);
  double a = b->frame * 0.15;
  double x = 4 + 2.5 * cos (a), y = 4 + 2.5 * sin (a);

  if (b->frame % 120 == 0)
    convolve_grid_model_clear (model);
  convolve_grid_model_begin_stroke (model, x, y, FALSE);
  convolve_grid_model_stroke_to (model, 4 + 2.5 * cos (a + 0.15), 4 + 2.5 * sin (a + 0.15));
  convolve_grid_model_end_stroke (model);
  b->frame++;
  b->strokes++;
  return G_SOURCE_CONTINUE;
}

static void
on_snapshot (ConvolveTraining *training,
             CnnSnapshot      *snapshot,
             Bench            *b)
{
  b->snapshots++;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  gsize i;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_gint64);
  i = (gsize) ceil (p * values->len) - 1;
  return g_array_index (values, gint64, MIN (i, values->len - 1)) / 1000.0;
}

static void
measure (ConvolveWindow *window,
         const char     *page,
         gboolean        train,
         double          seconds)
{
  ConvolveTraining *training = convolve_window_get_training (window);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  Bench b = { .window = window };
  gint64 end;
  guint timeout_id, tick_id;
  gulong paint_id, snapshot_id;
  CnnSnapshot *snapshot;

  AdwViewStack *stack;

  stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (convolve_window_get_train_view (window)),
                                                  ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, page);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  b.intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
  timeout_id = g_timeout_add (1, on_timeout, &b);
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, &b, NULL);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &b);
  snapshot_id = g_signal_connect (training, "snapshot", G_CALLBACK (on_snapshot), &b);

  end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < end)
    {
      ConvolveTrainingState state = convolve_training_get_state (training);

      /* full speed all the time: a finished run starts again */
      if (train && state != CONVOLVE_TRAINING_RUNNING)
        g_action_group_activate_action (G_ACTION_GROUP (window), "train-start", NULL);
      g_main_context_iteration (NULL, TRUE);
    }
  snapshot = convolve_training_get_snapshot (training);
  g_action_group_activate_action (G_ACTION_GROUP (window), "train-stop", NULL);

  g_source_remove (timeout_id);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);
  g_signal_handler_disconnect (clock, paint_id);
  g_signal_handler_disconnect (training, snapshot_id);

  g_print ("%-8s %.1f s %s (%.0f samples/s in the last run), "
           "%u snapshots shown, %u strokes drawn\n"
           "         longest main-loop stall: %.2f ms\n"
           "         frame interval: median %.2f ms, p99 %.2f ms, worst %.2f ms (%u frames)\n",
           page, seconds, train ? "training at full speed" : "not training", snapshot != NULL ? snapshot->samples_per_second : 0.0,
           b.snapshots, b.strokes, b.longest_stall / 1000.0,
           percentile (b.intervals, 0.5), percentile (b.intervals, 0.99),
           percentile (b.intervals, 1.0), b.intervals->len);
  g_array_unref (b.intervals);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_home = NULL;
  ConvolveApplication *app;
  ConvolveWindow *window;
  CnnTrainConfig config;
  const char *env = g_getenv ("CONVOLVE_BENCH_SECONDS");
  double seconds = env != NULL ? g_ascii_strtod (env, NULL) : 5.0;

  /* the autosave must not touch the user's data folder */
  data_home = g_dir_make_tmp ("convolve-bench-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (!gtk_init_check ())
    {
      g_printerr ("bench-responsiveness: no display; run it under xvfb-run\n");
      return 1;
    }
  if (seconds <= 0)
    seconds = 5.0;

  app = convolve_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  window = convolve_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 780);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  /* from fresh weights, with enough epochs not to stop on its own */
  convolve_train_view_set_pace (convolve_window_get_train_view (window), 0);
  cnn_train_config_init_default (&config);
  config.epochs = 1000;
  convolve_training_set_config (convolve_window_get_training (window), &config);
  g_action_group_activate_action (G_ACTION_GROUP (window), "train-reset", NULL);

  g_print ("Responsiveness while training (GTK %u.%u.%u, GSK renderer %s)\n",
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default");
  /* the baseline: drawing alone */
  measure (window, "explore", FALSE, seconds);
  measure (window, "explore", TRUE, seconds);
  measure (window, "train", TRUE, seconds);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (app);
  {
    g_autofree char *saved = g_build_filename (data_home, "convolve", "current.cnvm", NULL);
    g_autofree char *dir = g_build_filename (data_home, "convolve", NULL);

    g_remove (saved);
    g_rmdir (dir);
    g_rmdir (data_home);
  }
  return 0;
}
