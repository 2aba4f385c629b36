/* bench-responsiveness.c — is the window still smooth while training runs
 * at full speed?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: numbers to report, with no threshold. For each page
 * (Explore, Filters, Train, Evaluate, Samples), first only drawing, then
 * while training runs at full speed (and on the Filters page, while its
 * frozen-bank experiment runs, again and again, on its own thread), a
 * synthetic pen draws on the grid every frame for a few seconds, and it
 * measures
 *   - the first frame after switching to the page (its layout), apart;
 *   - the main loop's longest stall: the largest gap between two runs of a
 *     1 ms timeout, after that first frame;
 *   - the frame interval (between two "after-paint"s of the frame clock):
 *     median, 99th percentile and worst;
 *   - the main thread's CPU time per frame (from "before-paint" to
 *     "after-paint": the hand-off, layout, snapshot and render), median
 *     and 99th percentile — what a frame costs, however busy the machine.
 * One line per figure: "PAGE PHASE KEY: VALUE".
 * Run: meson test -C <build> --benchmark responsiveness -v
 * (under xvfb-run … dbus-run-session -- without a display), or the
 * executable bench-responsiveness directly; CONVOLVE_BENCH_SECONDS sets the
 * time per phase (default 5), CONVOLVE_BENCH_PAGES which pages
 * (comma-separated; default all five).
 */
#include "config.h"

#include <math.h>
#include <time.h>

#include <glib/gstdio.h>

#include "convolve-application.h"
#include "convolve-window-private.h"

typedef struct
{
  ConvolveWindow *window;
  gint64 last_tick;
  gint64 longest_stall;
  gint64 last_paint;
  GArray *intervals;       /* gint64 µs */
  GArray *cpu;             /* gint64 µs of main-thread CPU per frame */
  gint64 frame_start_cpu;
  guint strokes;
  guint frame;
  guint snapshots;
  guint experiments;       /* frozen-bank experiments finished */
} Bench;

typedef enum {
  PHASE_IDLE,
  PHASE_TRAINING,
  PHASE_EXPERIMENT,  /* the Filters page's experiment, not the Train page's run */
} Phase;

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

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *b)
{
  b->frame_start_cpu = thread_cpu_us ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 now = g_get_monotonic_time ();

  if (b->frame_start_cpu != 0)
    {
      gint64 cpu = thread_cpu_us () - b->frame_start_cpu;
      g_array_append_val (b->cpu, cpu);
    }

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
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (b->window->explore_page);
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
on_experiment_finished (ConvolveFiltersPage *page,
                        Bench               *b)
{
  b->experiments++;
}

/* The experiment under way, started again when it has finished */
static void
keep_experiment_running (ConvolveWindow *window)
{
  ConvolveClassicExperiment *e = convolve_filters_page_get_experiment (window->filters_page);

  if (convolve_classic_experiment_get_state (e) != CONVOLVE_CLASSIC_EXPERIMENT_RUNNING)
    convolve_classic_experiment_run (e);
}

static void
measure (ConvolveWindow *window,
         const char     *page,
         Phase           phase_kind,
         double          seconds)
{
  ConvolveTraining *training = window->training;
  gboolean train = phase_kind == PHASE_TRAINING;
  gboolean experiment = phase_kind == PHASE_EXPERIMENT;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  Bench b = { .window = window };
  const char *phase = train ? "training" : experiment ? "experiment" : "idle";
  gint64 end, switched, first_frame;
  guint timeout_id, tick_id;
  gulong paint_id, before_id, snapshot_id, finished_id;

  if (train && convolve_training_get_state (training) != CONVOLVE_TRAINING_RUNNING)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.train-start", NULL);
  b.intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  before_id = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &b);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &b);

  /* the first frame after the switch lays the page out: apart */
  switched = g_get_monotonic_time ();
  adw_view_stack_set_visible_child_name (window->view_stack, page);
  /* a frame even when the page was shown already */
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (b.last_paint == 0)
    g_main_context_iteration (NULL, TRUE);
  first_frame = b.last_paint - switched;
  g_array_set_size (b.intervals, 0);
  g_array_set_size (b.cpu, 0);

  /* the experiment watched: its section scrolled into view, as a person
   * who pressed its button sees it */
  if (experiment)
    {
      GtkScrolledWindow *scroller = convolve_filters_page_get_scroller (window->filters_page);
      GtkWidget *section = GTK_WIDGET (convolve_filters_page_get_experiment (window->filters_page));
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (section, gtk_scrolled_window_get_child (scroller), &bounds))
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), bounds.origin.y);
    }

  timeout_id = g_timeout_add (1, on_timeout, &b);
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, &b, NULL);
  snapshot_id = g_signal_connect (training, "snapshot", G_CALLBACK (on_snapshot), &b);
  finished_id = g_signal_connect (window->filters_page, "experiment-finished",
                                  G_CALLBACK (on_experiment_finished), &b);

  end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < end)
    {
      /* full speed all the time: a finished run starts again */
      if (train && convolve_training_get_state (training) != CONVOLVE_TRAINING_RUNNING)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.train-start", NULL);
      if (experiment)
        keep_experiment_running (window);
      g_main_context_iteration (NULL, TRUE);
    }
  if (train)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.train-stop", NULL);
  if (experiment)
    convolve_classic_experiment_cancel (convolve_filters_page_get_experiment (window->filters_page));
  g_signal_handler_disconnect (window->filters_page, finished_id);

  g_source_remove (timeout_id);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);
  g_signal_handler_disconnect (clock, paint_id);
  g_signal_handler_disconnect (clock, before_id);
  g_signal_handler_disconnect (training, snapshot_id);

  g_print ("%s %s first_frame_ms: %.2f\n", page, phase, first_frame / 1000.0);
  g_print ("%s %s longest_stall_ms: %.2f\n", page, phase, b.longest_stall / 1000.0);
  g_print ("%s %s frame_p50_ms: %.2f\n", page, phase, percentile (b.intervals, 0.5));
  g_print ("%s %s frame_p99_ms: %.2f\n", page, phase, percentile (b.intervals, 0.99));
  g_print ("%s %s frame_worst_ms: %.2f\n", page, phase, percentile (b.intervals, 1.0));
  g_print ("%s %s frame_cpu_p50_ms: %.2f\n", page, phase, percentile (b.cpu, 0.5));
  g_print ("%s %s frame_cpu_p99_ms: %.2f\n", page, phase, percentile (b.cpu, 0.99));
  g_print ("%s %s frames: %u\n", page, phase, b.intervals->len);
  g_print ("%s %s snapshots_shown: %u\n", page, phase, b.snapshots);
  if (experiment)
    g_print ("%s %s experiments_finished: %u\n", page, phase, b.experiments);
  g_array_unref (b.intervals);
  g_array_unref (b.cpu);
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
  static const char * const pages[] = { "explore", "filters", "train", "evaluate", "samples" };
  const char *env = g_getenv ("CONVOLVE_BENCH_SECONDS");
  g_auto (GStrv) only = g_getenv ("CONVOLVE_BENCH_PAGES") != NULL
                        ? g_strsplit (g_getenv ("CONVOLVE_BENCH_PAGES"), ",", -1) : NULL;
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
  convolve_train_page_set_pace (window->train_page, 0);
  cnn_train_config_init_default (&config);
  config.epochs = 1000;
  convolve_training_set_config (window->training, &config);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train-reset", NULL);

  g_print ("gtk: %u.%u.%u\n", gtk_get_major_version (), gtk_get_minor_version (),
           gtk_get_micro_version ());
  g_print ("renderer: %s\n", g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER")
                                                                : "default");
  /* a second of drawing first, unmeasured: the first strokes after start-up
   * fill font and glyph caches, which the first page's baseline would
   * otherwise count */
  {
    Bench warm = { .window = window };
    guint tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, &warm, NULL);
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);
  }

  /* per page, the baseline (drawing alone), then while training */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      if (only != NULL && !g_strv_contains ((const char * const *) only, pages[i]))
        continue;
      measure (window, pages[i], PHASE_IDLE, seconds);
      measure (window, pages[i], PHASE_TRAINING, seconds);
      if (g_str_equal (pages[i], "filters"))
        measure (window, pages[i], PHASE_EXPERIMENT, seconds);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (app);
  {
    g_autofree char *argv_rm[] = { g_strdup ("rm"), g_strdup ("-rf"), g_strdup (data_home), NULL };

    g_spawn_sync (NULL, argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return 0;
}
