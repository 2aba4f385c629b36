/* test-images.c — a picture of a digit onto the grid: opened, dropped,
 * pasted; undone; refused; shown beside its 8×8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "convolve-image-details.h"
#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"
#include "test-digit-image.h"

#define WAIT_US (60 * G_USEC_PER_SEC)

static ConvolveApplication *the_app;
static char *scratch;   /* the test's own folder for the pictures it makes */

static char *
scratch_path (const char *name)
{
  return g_build_filename (scratch, name, NULL);
}

/* What convolve_image reads from path: the values the grid must show */
static ConvolveImage *
read_image (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  ConvolveImage *image = convolve_image_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  return image;
}

/* The main loop until no image is being read (bounded: only reached if
 * the read never ends) */
static void
wait_read (ConvolveWindow *window)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;

  while (convolve_window_get_image_loading (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
open_and_wait (ConvolveWindow *window,
               const char     *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  convolve_window_open_image_async (window, file);
  g_assert_true (convolve_window_get_image_loading (window));
  wait_read (window);
}

static const float *
grid_values (ConvolveWindow *window)
{
  return convolve_grid_model_get_values (convolve_explore_page_get_grid_model (window->explore_page));
}

static void
assert_values (const float *got,
               const float *want)
{
  g_assert_cmpmem (got, sizeof (float) * CNN_INPUT_SIZE, want, sizeof (float) * CNN_INPUT_SIZE);
}

static ConvolveImageDetails *
find_details (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (CONVOLVE_IS_IMAGE_DETAILS (window))
        return CONVOLVE_IMAGE_DETAILS (window);
    }
  return NULL;
}

/* Open Image…'s path: the 64 values are convolve_image's, as one undoable
 * change (Ctrl+Z on the grid brings the drawing back); the toast says
 * what was read and the detail view shows it while the drawing is it */
static void
test_images_open (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (window->explore_page);
  g_autofree char *path = scratch_path ("seven.png");
  g_autoptr (ConvolveImage) expect = NULL;
  float drawing[CNN_INPUT_SIZE];
  ConvolveImageDetails *details;

  test_digit_png (path, 300, 300, 0.1, 0.95);
  expect = read_image (path);
  memcpy (drawing, grid_values (window), sizeof drawing);
  /* the test means something only if the picture is not the drawing */
  g_assert_true (memcmp (drawing, convolve_image_get_values (expect), sizeof drawing) != 0);
  g_assert_null (convolve_window_get_image (window));

  open_and_wait (window, path);
  assert_values (grid_values (window), convolve_image_get_values (expect));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "explore");
  g_assert_cmpstr (convolve_window_get_last_toast (window), ==, "Read “seven.png” (300 × 300) into the grid");
  g_assert_nonnull (convolve_window_get_image (window));

  /* the toast's Show and the menu item: the original beside its 8×8 */
  g_assert_null (find_details ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.image-details", NULL));
  details = find_details ();
  g_assert_nonnull (details);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (details));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (details)));
  assert_values (convolve_image_get_values (convolve_image_details_get_image (details)),
                 convolve_image_get_values (expect));
  g_assert_cmpint (gdk_pixbuf_get_width (convolve_image_get_pixbuf (convolve_image_details_get_image (details))),
                   ==, 300);
  gtk_window_destroy (GTK_WINDOW (details));

  /* the grid's undo: the drawing as it was; no longer the image's */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->explore_page), "drawing.undo", NULL));
  assert_values (grid_values (window), drawing);
  g_assert_null (convolve_window_get_image (window));
  g_assert_null (convolve_window_show_image_details (window));
  /* redo: the image again, and its details with it */
  g_assert_true (convolve_grid_model_redo (model));
  g_assert_nonnull (convolve_window_get_image (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* light ink on dark paper and a small picture read the same way; its
 * rows (29 RGB pixels, 87 bytes, the last one unpadded) shown whole */
static void
test_images_open_inverted (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  g_autofree char *path = scratch_path ("seven-inverted.png");
  g_autoptr (ConvolveImage) expect = NULL;
  GtkWidget *details;

  test_digit_png (path, 29, 28, 1.0, 0.0);
  expect = read_image (path);
  open_and_wait (window, path);
  assert_values (grid_values (window), convolve_image_get_values (expect));
  details = convolve_window_show_image_details (window);
  g_assert_nonnull (details);
  gtk_test_widget_wait_for_draw (details);
  g_assert_true (gtk_widget_get_mapped (details));
  gtk_window_destroy (GTK_WINDOW (details));
  gtk_window_destroy (GTK_WINDOW (window));
}

static guint32
crc32_of (const guint8 *data,
          gsize         len)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
  return crc ^ 0xffffffffu;
}

/* PNG's signature and IHDR claiming width × height, and the start of an
 * IDAT: the size is known before any pixel is decoded */
static void
write_png_header (const char *path,
                  guint32     width,
                  guint32     height)
{
  guint8 b[47] = { 0 };
  guint32 crc;

  memcpy (b, "\x89PNG\r\n\x1a\n", 8);
  b[11] = 13;
  memcpy (b + 12, "IHDR", 4);
  for (int i = 0; i < 4; i++)
    {
      b[16 + i] = width >> (24 - 8 * i);
      b[20 + i] = height >> (24 - 8 * i);
    }
  b[24] = 8;
  b[25] = 2;
  crc = crc32_of (b + 12, 17);
  for (int i = 0; i < 4; i++)
    b[29 + i] = crc >> (24 - 8 * i);
  b[36] = 2;
  memcpy (b + 37, "IDAT\x78\x9c", 6);
  crc = crc32_of (b + 37, 6);
  for (int i = 0; i < 4; i++)
    b[43 + i] = crc >> (24 - 8 * i);
  g_assert_true (g_file_set_contents (path, (const char *) b, sizeof b, NULL));
}

/* GIF89a, 1 × 1, two frames (black, then white) 0.1 s apart, looping */
static const guint8 two_frames[] = {
  'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0,
  0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
  0x21, 0xff, 0x0b, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0', 3, 1, 0, 0, 0,
  0x21, 0xf9, 4, 0, 10, 0, 0, 0,
  0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0,
  0x21, 0xf9, 4, 0, 10, 0, 0, 0,
  0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4c, 0x01, 0,
  0x3b,
};

/* Huge, corrupt, empty, zero-size, animated and blank pictures: a toast naming the file and
 * why, and the drawing (and its undo history) unchanged */
static void
test_images_refused (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  ConvolveGridModel *model = convolve_explore_page_get_grid_model (window->explore_page);
  g_autofree char *huge = scratch_path ("huge.png");
  g_autofree char *corrupt = scratch_path ("corrupt.png");
  g_autofree char *empty = scratch_path ("empty.png");
  g_autofree char *blank = scratch_path ("blank.png");
  g_autofree char *zero = scratch_path ("zero.svg");
  g_autofree char *animated = scratch_path ("animated.gif");
  static const char zero_svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"/>";
  static const char junk[] = "\x89PNG\r\n\x1a\n and then nothing a PNG would hold";
  const struct {
    const char *path;
    const char *why;   /* a part of the message */
  } cases[] = {
    { huge, "8192" },
    { corrupt, "" },
    { empty, "" },
    { zero, "" },
    { animated, "animated" },
    { blank, "ink" },
  };
  float drawing[CNN_INPUT_SIZE];
  gboolean could_undo = convolve_grid_model_can_undo (model);

  write_png_header (huge, 9000, 9000);
  g_assert_true (g_file_set_contents (corrupt, junk, sizeof junk - 1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  test_digit_png (blank, 64, 64, 0.9, 0.9);
  g_assert_true (g_file_set_contents (zero, zero_svg, sizeof zero_svg - 1, NULL));
  g_assert_true (g_file_set_contents (animated, (const char *) two_frames, sizeof two_frames, NULL));
  memcpy (drawing, grid_values (window), sizeof drawing);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_path_get_basename (cases[i].path);
      g_autofree char *start = g_strdup_printf ("Could not open “%s”: ", name);
      const char *toast;

      open_and_wait (window, cases[i].path);
      toast = convolve_window_get_last_toast (window);
      g_test_message ("%s", toast);
      g_assert_true (g_str_has_prefix (toast, start));
      g_assert_true (g_str_has_suffix (toast, ". The drawing is unchanged."));
      /* a reason, not only the frame around it */
      g_assert_cmpuint (strlen (toast), >, strlen (start) + strlen (". The drawing is unchanged.") + 4);
      g_assert_nonnull (strstr (toast, cases[i].why));
      assert_values (grid_values (window), drawing);
      g_assert_cmpint (convolve_grid_model_can_undo (model), ==, could_undo);
      g_assert_null (convolve_window_get_image (window));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A second open while the first is still reading: only the second lands
 * (one undo step brings back the drawing, not the first picture); a
 * window closed while reading shows nothing and leaks nothing */
static void
test_images_cancel (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  g_autofree char *first = scratch_path ("first.png");
  g_autofree char *second = scratch_path ("second.png");
  g_autoptr (GFile) first_file = g_file_new_for_path (first);
  g_autoptr (GFile) second_file = g_file_new_for_path (second);
  g_autoptr (ConvolveImage) expect = NULL;
  float drawing[CNN_INPUT_SIZE];

  test_digit_png (first, 2000, 2000, 0.0, 1.0);
  test_digit_png (second, 40, 80, 1.0, 0.2);
  expect = read_image (second);
  memcpy (drawing, grid_values (window), sizeof drawing);

  convolve_window_open_image_async (window, first_file);
  convolve_window_open_image_async (window, second_file);
  wait_read (window);
  assert_values (grid_values (window), convolve_image_get_values (expect));
  /* the first one's answer, cancelled, may come later: it changes nothing */
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  assert_values (grid_values (window), convolve_image_get_values (expect));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->explore_page), "drawing.undo", NULL));
  assert_values (grid_values (window), drawing);

  /* the Cancel of "Reading the image…": the read stops, nothing changes
   * (its answer, if it comes, lands in a main loop turn after this) */
  convolve_window_open_image_async (window, first_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.image-cancel", NULL));
  g_assert_false (convolve_window_get_image_loading (window));
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  assert_values (grid_values (window), drawing);

  {
    g_autoptr (GCancellable) was = NULL;

    convolve_window_open_image_async (window, first_file);
    was = g_object_ref (window->image_cancellable);
    gtk_window_destroy (GTK_WINDOW (window));
    g_assert_true (g_cancellable_is_cancelled (was));
  }
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
}

static GtkDropTarget *
grid_drop_target (ConvolveWindow *window)
{
  g_autoptr (GListModel) controllers =
    gtk_widget_observe_controllers (GTK_WIDGET (convolve_explore_page_get_grid (window->explore_page)));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* What a drop of value on the grid's drop target does */
static void
drop_on_grid (ConvolveWindow *window,
              const GValue   *value)
{
  GtkDropTarget *target = grid_drop_target (window);
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "drop", value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
}

/* An image file dropped on the grid goes onto the grid; a model file
 * dropped there still opens as a model; a dropped picture (a texture) too */
static void
test_images_drop (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  g_autofree char *path = scratch_path ("dropped.png");
  g_autofree char *model_path = scratch_path ("dropped.cnvm");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) model_file = g_file_new_for_path (model_path);
  g_autoptr (ConvolveImage) expect = NULL;
  g_autoptr (GError) error = NULL;
  GType types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };
  gsize n_types = 0;
  const GType *accepted;

  test_digit_png (path, 120, 200, 0.2, 0.9);
  expect = read_image (path);
  g_assert_true (cnn_model_save (convolve_session_get_net (window->session), model_path, &error));
  g_assert_no_error (error);

  accepted = gtk_drop_target_get_gtypes (grid_drop_target (window), &n_types);
  g_assert_cmpuint (n_types, ==, G_N_ELEMENTS (types));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_true (accepted[i] == types[i]);

  {
    g_auto (GValue) value = G_VALUE_INIT;
    GFile *files[] = { file };

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 1));
    drop_on_grid (window, &value);
    wait_read (window);
    assert_values (grid_values (window), convolve_image_get_values (expect));
  }
  {
    g_auto (GValue) value = G_VALUE_INIT;
    GFile *files[] = { model_file };
    gint64 end = g_get_monotonic_time () + WAIT_US;

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 1));
    drop_on_grid (window, &value);
    while (convolve_session_get_file (window->session) == NULL)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, TRUE);
      }
    g_assert_true (g_file_equal (convolve_session_get_file (window->session), model_file));
    /* the drawing stays the picture's */
    assert_values (grid_values (window), convolve_image_get_values (expect));
  }
  {
    g_auto (GValue) value = G_VALUE_INIT;
    g_autofree char *other = scratch_path ("dropped-texture.png");
    g_autoptr (ConvolveImage) other_expect = NULL;

    test_digit_png (other, 90, 90, 0.9, 0.1);
    other_expect = read_image (other);
    g_value_init (&value, GDK_TYPE_TEXTURE);
    g_value_take_object (&value, gdk_texture_new_from_filename (other, &error));
    g_assert_no_error (error);
    drop_on_grid (window, &value);
    assert_values (grid_values (window), convolve_image_get_values (other_expect));
    g_assert_cmpstr (convolve_window_get_last_toast (window), ==, "Pasted a 90 × 90 image into the grid");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
wait_toast (ConvolveWindow *window,
            const char     *start)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;

  while (!g_str_has_prefix (convolve_window_get_last_toast (window) != NULL
                            ? convolve_window_get_last_toast (window) : "", start))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* grid.paste (Ctrl+V on the grid): a picture on the clipboard onto the
 * grid; a blank picture or text is refused and changes nothing */
static void
test_images_paste (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  ConvolveGrid *grid = convolve_explore_page_get_grid (window->explore_page);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (grid));
  g_autofree char *path = scratch_path ("pasted.png");
  g_autofree char *blank = scratch_path ("pasted-blank.png");
  g_autoptr (ConvolveImage) expect = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GdkTexture) blank_texture = NULL;
  g_autoptr (GError) error = NULL;
  float drawing[CNN_INPUT_SIZE];

  test_digit_png (path, 160, 240, 0.0, 1.0);
  test_digit_png (blank, 50, 50, 1.0, 1.0);
  expect = read_image (path);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  blank_texture = gdk_texture_new_from_filename (blank, &error);
  g_assert_no_error (error);
  memcpy (drawing, grid_values (window), sizeof drawing);

  gdk_clipboard_set_texture (clipboard, texture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.paste", NULL));
  wait_toast (window, "Pasted a 160 × 240 image");
  assert_values (grid_values (window), convolve_image_get_values (expect));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->explore_page), "drawing.undo", NULL));
  assert_values (grid_values (window), drawing);

  gdk_clipboard_set_texture (clipboard, blank_texture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.paste", NULL));
  wait_toast (window, "Could not read the image: ");
  assert_values (grid_values (window), drawing);

  gdk_clipboard_set_text (clipboard, "just words");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.paste", NULL));
  wait_toast (window, "Nothing to paste");
  assert_values (grid_values (window), drawing);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file given to the app (the command line, the file manager) that is
 * an image goes onto the grid, whatever its name */
static void
test_images_open_file (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  g_autofree char *path = scratch_path ("no-extension");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (ConvolveImage) expect = NULL;

  test_digit_png (path, 64, 64, 0.0, 1.0);
  expect = read_image (path);
  convolve_window_open_file (window, file);
  wait_read (window);
  assert_values (grid_values (window), convolve_image_get_values (expect));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_data_home_new ("convolve-test-images");
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-images"))
    return 1;
  the_app = test_app_new_registered ();
  scratch = g_build_filename (data_home, "pictures", NULL);
  g_assert_cmpint (g_mkdir_with_parents (scratch, 0700), ==, 0);

  g_test_add_func ("/images/open", test_images_open);
  g_test_add_func ("/images/open-inverted", test_images_open_inverted);
  g_test_add_func ("/images/refused", test_images_refused);
  g_test_add_func ("/images/cancel", test_images_cancel);
  g_test_add_func ("/images/drop", test_images_drop);
  g_test_add_func ("/images/paste", test_images_paste);
  g_test_add_func ("/images/open-file", test_images_open_file);

  ret = g_test_run ();
  g_clear_object (&the_app);
  g_free (scratch);
  test_data_home_remove (data_home);
  return ret;
}
