/* test-keys.c — typing in a text field types; the drawing's keys stay on the drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real key presses, from the X server (xdotool sends them through the
 * XTEST extension, as a keyboard would), into a real window.
 */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"

#define WAIT_US (30 * G_USEC_PER_SEC)

static ConvolveApplication *the_app;

/* Runs xdotool with args on the window's X id: "%s" in args is the id */
static void
xdotool (ConvolveWindow *window,
         const char     *args)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;
  g_autofree char *command = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  command = g_strdup_printf ("xdotool windowfocus --sync %s %s", xid, args);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The main loop until done() holds (bounded: only if it never does) */
static void
spin_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

typedef struct
{
  GtkEditable *editable;
  const char  *want;
} Typed;

static gboolean
typed (gpointer data)
{
  Typed *t = data;

  return g_str_equal (gtk_editable_get_text (t->editable), t->want);
}

/* Every letter a–z typed into the Spec field arrives as typed: no single
 * letter is taken by a shortcut (E was the eraser's), and Ctrl+Z there
 * undoes the typing, never the drawing */
static void
test_keys_spec_field (void)
{
  g_autoptr (GtkWidget) keep = NULL;
  ConvolveWindow *window = test_app_present_window (the_app);
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (window->explore_page);
  ConvolveGrid *grid = convolve_explore_page_get_grid (window->explore_page);
  AdwEntryRow *entry = convolve_spec_row_get_entry (convolve_train_page_get_spec_row (window->train_page));
  static const char spec[] = "conv3x3x8 relu pool2 abcdefghijklmnopqrstuvwxyz dense10";
  float drawing[CNN_INPUT_SIZE];
  Typed t = { GTK_EDITABLE (entry), spec };

  memcpy (drawing, convolve_grid_model_get_values (model), sizeof drawing);
  g_assert_true (convolve_grid_model_can_undo (model));

  adw_view_stack_set_visible_child_name (window->view_stack, "train");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (entry)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  xdotool (window, "type --delay 5 'conv3x3x8 relu pool2 abcdefghijklmnopqrstuvwxyz dense10'");
  spin_until (typed, &t);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, spec);
  /* e went to the text, not to the eraser */
  g_assert_false (convolve_grid_get_eraser (grid));

  /* Ctrl+Z in the field: the field's own undo; the drawing is as it was */
  t.want = "";
  xdotool (window, "key --delay 20 ctrl+z");
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof drawing, drawing, sizeof drawing);
  g_assert_true (convolve_grid_model_can_undo (model));

  /* on the Explore page, with the grid focused, the same keys act on the
   * drawing: E toggles the eraser, Ctrl+Z undoes the stroke */
  adw_view_stack_set_visible_child_name (window->view_stack, "explore");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (grid)));
  xdotool (window, "key --delay 20 e");
  for (int i = 0; i < 50 && !convolve_grid_get_eraser (grid); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (convolve_grid_get_eraser (grid));
  xdotool (window, "key --delay 20 ctrl+z");
  for (int i = 0; i < 200 && !convolve_grid_model_is_empty (model); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  /* the first start's "1" was the only stroke */
  g_assert_true (convolve_grid_model_is_empty (model));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_data_home_new ("convolve-test-keys");
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-keys"))
    return 1;
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_printerr ("test-keys: needs an X11 display (xdotool)\n");
      return 1;
    }
  the_app = test_app_new_registered ();

  g_test_add_func ("/keys/spec-field", test_keys_spec_field);

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
