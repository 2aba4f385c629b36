/* test-keys.c — typing in a text field types; the drawing's keys stay on the drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real key presses, from the X server (xdotool sends them through the
 * XTEST extension, as a keyboard would), into a real window.
 */
#include "config.h"

#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"
#include "test-xdotool.h"
#include "test-digit-image.h"

static ConvolveApplication *the_app;

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

typedef struct
{
  ConvolveGridModel *model;
  const float       *before;
} Moved;

static gboolean
drawing_moved (gpointer data)
{
  Moved *m = data;

  return memcmp (convolve_grid_model_get_values (m->model), m->before,
                 sizeof (float) * CNN_INPUT_SIZE) != 0;
}

static gboolean
eraser_on (gpointer data)
{
  return convolve_grid_get_eraser (data);
}

static gboolean
drawing_empty (gpointer data)
{
  return convolve_grid_model_is_empty (data);
}

typedef struct
{
  ConvolveSession *session;
  int dx, dy;
} Offset;

static gboolean
offset_is (gpointer data)
{
  Offset *o = data;
  int dx, dy;

  convolve_session_get_offset (o->session, &dx, &dy);
  return dx == o->dx && dy == o->dy;
}

/* Shift+arrows on the grid: with "Normalize drawing" on, the network's
 * input moves and the drawing stays; off, the drawing moves */
static void
test_keys_nudge (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (window->explore_page);
  ConvolveGrid *grid = convolve_explore_page_get_grid (window->explore_page);
  ConvolveSession *session = window->session;
  float drawing[CNN_INPUT_SIZE], centred[CNN_INPUT_SIZE], expect[CNN_INPUT_SIZE];
  Offset o = { session, 1, 0 };

  g_assert_true (convolve_session_get_normalize (session));
  memcpy (drawing, convolve_grid_model_get_values (model), sizeof drawing);
  memcpy (centred, convolve_session_get_input (session), sizeof centred);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (grid)));

  test_xdotool (GTK_WINDOW (window), "key --delay 20 shift+Right");
  test_spin_until (offset_is, &o);
  cnn_shift_image (centred, expect, 1, 0);
  g_assert_cmpmem (convolve_session_get_input (session), sizeof expect, expect, sizeof expect);
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof drawing, drawing, sizeof drawing);

  /* off: the offset goes, the ink itself moves */
  convolve_session_set_normalize (session, FALSE);
  o.dx = 0;
  g_assert_true (offset_is (&o));
  test_xdotool (GTK_WINDOW (window), "key --delay 20 shift+Right");
  test_spin_until (drawing_moved, &(Moved) { model, drawing });
  convolve_session_set_normalize (session, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
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

  test_xdotool (GTK_WINDOW (window), "type --delay 5 'conv3x3x8 relu pool2 abcdefghijklmnopqrstuvwxyz dense10'");
  test_spin_until (typed, &t);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, spec);
  /* e went to the text, not to the eraser */
  g_assert_false (convolve_grid_get_eraser (grid));

  /* Ctrl+Z in the field: the field's own undo; the drawing is as it was */
  t.want = "";
  test_xdotool (GTK_WINDOW (window), "key --delay 20 ctrl+z");
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof drawing, drawing, sizeof drawing);
  g_assert_true (convolve_grid_model_can_undo (model));

  /* on the Explore page, with the grid focused, the same keys act on the
   * drawing: E toggles the eraser, Ctrl+Z undoes the stroke */
  adw_view_stack_set_visible_child_name (window->view_stack, "explore");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (grid)));
  test_xdotool (GTK_WINDOW (window), "key --delay 20 e");
  test_spin_until (eraser_on, grid);
  test_xdotool (GTK_WINDOW (window), "key --delay 20 ctrl+z");
  /* the first start's "1" was the only stroke */
  test_spin_until (drawing_empty, model);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  ConvolveGridModel *model;
  const float       *want;
} Shows;

static gboolean
drawing_is (gpointer data)
{
  Shows *s = data;

  return memcmp (convolve_grid_model_get_values (s->model), s->want,
                 sizeof (float) * CNN_INPUT_SIZE) == 0;
}

/* Ctrl+V with the grid focused pastes the clipboard's picture into the
 * drawing; the same keys in the Train page's Spec field paste text there
 * and leave the drawing alone */
static void
test_keys_paste (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (window->explore_page);
  ConvolveGrid *grid = convolve_explore_page_get_grid (window->explore_page);
  AdwEntryRow *entry = convolve_spec_row_get_entry (convolve_train_page_get_spec_row (window->train_page));
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (grid));
  g_autofree char *dir = g_dir_make_tmp ("convolve-paste-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "seven.png", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ConvolveImage) image = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  static const char spec[] = "conv3x3x4 relu pool2 dense10";
  float drawing[CNN_INPUT_SIZE];
  Typed t = { GTK_EDITABLE (entry), spec };

  test_digit_png (path, 200, 200, 0.0, 1.0);
  image = convolve_image_load (file, NULL, &error);
  g_assert_no_error (error);
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);

  /* in the Spec field: the text, and the drawing as it was */
  memcpy (drawing, convolve_grid_model_get_values (model), sizeof drawing);
  g_assert_true (memcmp (drawing, convolve_image_get_values (image), sizeof drawing) != 0);
  gdk_clipboard_set_text (clipboard, spec);
  adw_view_stack_set_visible_child_name (window->view_stack, "train");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (entry)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  test_xdotool (GTK_WINDOW (window), "key --delay 20 ctrl+v");
  test_spin_until (typed, &t);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof drawing, drawing, sizeof drawing);

  /* on the grid: the picture */
  gdk_clipboard_set_texture (clipboard, texture);
  adw_view_stack_set_visible_child_name (window->view_stack, "explore");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (grid)));
  test_xdotool (GTK_WINDOW (window), "key --delay 20 ctrl+v");
  test_spin_until (drawing_is, &(Shows) { model, convolve_image_get_values (image) });
  /* and Ctrl+Z there brings the drawing back */
  test_xdotool (GTK_WINDOW (window), "key --delay 20 ctrl+z");
  test_spin_until (drawing_is, &(Shows) { model, drawing });

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
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
  g_test_add_func ("/keys/nudge", test_keys_nudge);
  g_test_add_func ("/keys/paste", test_keys_paste);

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
