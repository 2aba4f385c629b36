/* test-lesson.c — the guided lesson, step by step, with real input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys and the pointer from the X server (xdotool, through XTEST), as a
 * person would: each step's task done, each step's check mark seen (the
 * Filters page scrolled by setting its adjustment, as a wheel would; its
 * buttons pressed from the keyboard).
 */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"

#define WAIT_US (60 * G_USEC_PER_SEC)

static ConvolveApplication *the_app;

/* xdotool with args, "%W" standing for the window's X id */
static void
xdotool (ConvolveWindow *window,
         const char     *args)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  g_auto (GStrv) parts = g_strsplit (args, "%W", -1);
  g_autofree char *joined = g_strjoinv (xid, parts);
  g_autofree char *command = g_strdup_printf ("xdotool windowfocus --sync %s %s", xid, joined);
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* F9, by its keycode: xdotool names a key by its keysym and takes the
 * first keycode and level it finds for it; with Debian testing's keymap
 * (xkeyboard-config 2.4x) that is F9 on a level reached with Alt, so
 * "key F9" arrives as Alt+F9. The keycode whose first level is F9 is F9. */
static void
press_f9 (ConvolveWindow *window)
{
  g_autofree GdkKeymapKey *keys = NULL;
  g_autofree char *args = NULL;
  int n_keys = 0;
  guint keycode = 0;

  g_assert_true (gdk_display_map_keyval (gtk_widget_get_display (GTK_WIDGET (window)), GDK_KEY_F9,
                                         &keys, &n_keys));
  for (int i = 0; i < n_keys && keycode == 0; i++)
    if (keys[i].level == 0)
      keycode = keys[i].keycode;
  g_assert_cmpuint (keycode, !=, 0);
  args = g_strdup_printf ("key --delay 20 %u", keycode);
  xdotool (window, args);
}

/* The pointer to the middle of widget (window coordinates) */
static void
point_at (ConvolveWindow *window,
          GtkWidget      *widget,
          double          fx,
          double          fy)
{
  graphene_point_t p;
  g_autofree char *args = NULL;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (fx * gtk_widget_get_width (widget),
                                                                 fy * gtk_widget_get_height (widget)),
                                           &p));
  args = g_strdup_printf ("mousemove --window %%W %d %d", (int) p.x, (int) p.y);
  xdotool (window, args);
}

typedef gboolean (*Done) (ConvolveWindow *window, gpointer data);

static void
spin_until (ConvolveWindow *window,
            Done            done,
            gpointer        data)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;

  while (!done (window, data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
step_done (ConvolveWindow *window,
           gpointer        step)
{
  return convolve_lesson_panel_get_done (window->lesson_panel, GPOINTER_TO_INT (step));
}

static gboolean
on_step (ConvolveWindow *window,
         gpointer        step)
{
  return convolve_lesson_panel_get_step (window->lesson_panel) == GPOINTER_TO_INT (step);
}

static gboolean
lesson_on (ConvolveWindow *window,
           gpointer        data)
{
  return convolve_window_get_lesson (window) == GPOINTER_TO_INT (data);
}

/* Alt+Right, then the step's page is shown */
static void
next_step (ConvolveWindow *window,
           int             step,
           const char     *page)
{
  xdotool (window, "key --delay 20 alt+Right");
  spin_until (window, on_step, GINT_TO_POINTER (step));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, page);
  g_assert_false (convolve_lesson_panel_get_done (window->lesson_panel, step));
}

/* The Filters page scrolled so that section is in view, as by the wheel */
static void
scroll_to (ConvolveWindow *window,
           GtkWidget      *section)
{
  GtkScrolledWindow *scroller = convolve_filters_page_get_scroller (window->filters_page);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);
  graphene_rect_t b;

  g_assert_true (gtk_widget_compute_bounds (section, gtk_scrolled_window_get_child (scroller), &b));
  gtk_adjustment_set_value (adj, b.origin.y);
  for (int i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static gboolean
experiment_in_state (ConvolveWindow *window,
                     gpointer        state)
{
  ConvolveClassicExperiment *e = convolve_filters_page_get_experiment (window->filters_page);

  return convolve_classic_experiment_get_state (e) == (ConvolveClassicExperimentState) GPOINTER_TO_INT (state);
}

/* A button pressed from the keyboard: focused, then Return */
static void
press (ConvolveWindow *window,
       GtkButton      *button)
{
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (button)));
  xdotool (window, "key --delay 20 Return");
}

static void
test_lesson_steps (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  ConvolveExplorePage *explore = window->explore_page;
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (explore);
  ConvolveTraceView *trace = convolve_explore_page_get_trace (explore);
  GtkWidget *grid = GTK_WIDGET (convolve_explore_page_get_grid (explore));
  CnnNet *net;
  GSettings *settings = convolve_application_get_settings (the_app);
  ConvolveClassicExperiment *experiment;
  g_autofree char *card = NULL;
  int flatten;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  convolve_train_page_set_pace (window->train_page, 25);
  /* another network: the lesson is written for Digits and switches to it */
  g_assert_true (convolve_window_show_network (window, "zero-or-one", NULL));
  convolve_grid_model_clear (model);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* F9: the lesson, at its first step, on Digits */
  press_f9 (window);
  spin_until (window, lesson_on, GINT_TO_POINTER (TRUE));
  g_assert_cmpstr (convolve_session_get_slot (window->session), ==, "digits");
  g_assert_cmpint (convolve_lesson_panel_get_step (window->lesson_panel), ==, 0);
  g_assert_false (convolve_lesson_panel_get_done (window->lesson_panel, 0));
  /* the texts give this network's sizes */
  card = convolve_lesson_panel_describe (window->lesson_panel);
  g_assert_nonnull (strstr (card, "8×8 = 64 numbers"));
  for (int i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* 1 input: a stroke down the grid */
  point_at (window, grid, 0.5, 0.15);
  xdotool (window, "mousedown 1");
  point_at (window, grid, 0.48, 0.5);
  point_at (window, grid, 0.45, 0.85);
  xdotool (window, "mouseup 1");
  spin_until (window, step_done, GINT_TO_POINTER (CONVOLVE_TOPIC_INPUT));

  /* 2 features: a cell of a conv 1 map hovered */
  next_step (window, CONVOLVE_TOPIC_FEATURES, "explore");
  g_clear_pointer (&card, g_free);
  card = convolve_lesson_panel_describe (window->lesson_panel);
  g_assert_nonnull (strstr (card, "8 filters of 3×3"));
  point_at (window, GTK_WIDGET (convolve_trace_view_get_map (trace, 1, 0)), 0.5, 0.5);
  point_at (window, GTK_WIDGET (convolve_trace_view_get_map (trace, 1, 0)), 0.6, 0.4);
  spin_until (window, step_done, GINT_TO_POINTER (CONVOLVE_TOPIC_FEATURES));

  /* 3 flatten: an element of the flatten strip hovered */
  next_step (window, CONVOLVE_TOPIC_FLATTEN, "explore");
  net = convolve_session_get_net (window->session);
  flatten = cnn_net_flatten_layer (net);
  /* along the strip, whichever way the trace laid it out */
  for (int i = 1; i < 10 && !step_done (window, GINT_TO_POINTER (CONVOLVE_TOPIC_FLATTEN)); i++)
    {
      point_at (window, GTK_WIDGET (convolve_trace_view_get_map (trace, flatten + 1, 0)),
                i / 10.0, i / 10.0);
      for (int k = 0; k < 20; k++)
        g_main_context_iteration (NULL, FALSE);
    }
  spin_until (window, step_done, GINT_TO_POINTER (CONVOLVE_TOPIC_FLATTEN));

  /* 4 head: drawn on until another class wins (a bar across: no more a 1) */
  next_step (window, CONVOLVE_TOPIC_HEAD, "explore");
  point_at (window, grid, 0.1, 0.15);
  xdotool (window, "mousedown 1");
  point_at (window, grid, 0.9, 0.15);
  xdotool (window, "mouseup 1");
  point_at (window, grid, 0.1, 0.85);
  xdotool (window, "mousedown 1");
  point_at (window, grid, 0.9, 0.85);
  xdotool (window, "mouseup 1");
  spin_until (window, step_done, GINT_TO_POINTER (CONVOLVE_TOPIC_HEAD));

  /* 5 invariance: Shift+Right on the grid, then Ctrl+I opens the view */
  next_step (window, CONVOLVE_TOPIC_INVARIANCE, "explore");
  g_assert_true (gtk_widget_grab_focus (grid));
  xdotool (window, "key --delay 20 shift+Right");
  xdotool (window, "key --delay 20 ctrl+i");
  spin_until (window, step_done, GINT_TO_POINTER (CONVOLVE_TOPIC_INVARIANCE));
  gtk_window_present (GTK_WINDOW (window));

  /* 6 backpropagation: Ctrl+T starts a watchable run; a backward pass shows */
  next_step (window, CONVOLVE_TOPIC_BACKPROP, "train");
  xdotool (window, "key --delay 20 ctrl+t");
  spin_until (window, step_done, GINT_TO_POINTER (CONVOLVE_TOPIC_BACKPROP));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train-stop", NULL));

  /* 7 learned vs hand-crafted: on the Filters page, the frozen-bank
   * experiment run to its end; a cancelled one does not count */
  next_step (window, CONVOLVE_TOPIC_LEARNED, "filters");
  experiment = convolve_filters_page_get_experiment (window->filters_page);
  g_settings_set_int (settings, "epochs", 500);
  g_settings_set_string (settings, "augmentation", "none");
  scroll_to (window, GTK_WIDGET (experiment));
  press (window, convolve_classic_experiment_get_run_button (experiment));
  spin_until (window, experiment_in_state, GINT_TO_POINTER (CONVOLVE_CLASSIC_EXPERIMENT_RUNNING));
  for (int i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  press (window, convolve_classic_experiment_get_cancel_button (experiment));
  spin_until (window, experiment_in_state, GINT_TO_POINTER (CONVOLVE_CLASSIC_EXPERIMENT_CANCELLED));
  g_assert_false (convolve_lesson_panel_get_done (window->lesson_panel, CONVOLVE_TOPIC_LEARNED));
  g_settings_set_int (settings, "epochs", 1);
  for (int i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  press (window, convolve_classic_experiment_get_run_button (experiment));
  spin_until (window, experiment_in_state, GINT_TO_POINTER (CONVOLVE_CLASSIC_EXPERIMENT_DONE));
  spin_until (window, step_done, GINT_TO_POINTER (CONVOLVE_TOPIC_LEARNED));
  g_settings_reset (settings, "epochs");
  g_settings_reset (settings, "augmentation");

  /* F9 leaves; F9 again comes back to the same step, its marks kept */
  press_f9 (window);
  spin_until (window, lesson_on, GINT_TO_POINTER (FALSE));
  press_f9 (window);
  spin_until (window, lesson_on, GINT_TO_POINTER (TRUE));
  g_assert_cmpint (convolve_lesson_panel_get_step (window->lesson_panel), ==, CONVOLVE_TOPIC_LEARNED);
  g_assert_true (convolve_lesson_panel_get_done (window->lesson_panel, CONVOLVE_TOPIC_INPUT));
  g_assert_true (convolve_lesson_panel_get_done (window->lesson_panel, CONVOLVE_TOPIC_LEARNED));
  /* Alt+Left goes back */
  xdotool (window, "key --delay 20 alt+Left");
  spin_until (window, on_step, GINT_TO_POINTER (CONVOLVE_TOPIC_BACKPROP));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_data_home_new ("convolve-test-lesson");
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-lesson"))
    return 1;
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_printerr ("test-lesson: needs an X11 display (xdotool)\n");
      return 1;
    }
  the_app = test_app_new_registered ();

  g_test_add_func ("/lesson/steps", test_lesson_steps);

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
