/* test-render.h — a widget under test drawn for real and read back as
 * pixels, in the light or the dark style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (CI runs the GUI tests under Xvfb). With
 * CONVOLVE_TEST_PNG_DIR set, renderings that are given a name are also
 * saved there as name-{light,dark}.png for a person to look at.
 */
#pragma once

#include <adwaita.h>

#include "test-log.h"

/* A rendering read back to memory: B8G8R8A8, premultiplied, composited
 * over the window background so it looks as it does in the app (and so is
 * opaque: premultiplication is a no-op). */
typedef struct
{
  int width, height;
  gsize stride;
  guchar *data;
} TestPixels;

static inline void
test_pixels_free (TestPixels *p)
{
  g_free (p->data);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPixels, test_pixels_free)

/* GTK and libadwaita, in main() after g_test_init(). CI always runs the
 * GUI tests under Xvfb: no display is a broken set-up, not a skip. */
static inline void
test_render_init (void)
{
  test_log_init ();
  if (!gtk_init_check ())
    g_error ("no display: run under Xvfb (build-aux/dev test does)");
  adw_init ();
}

static inline gboolean
test_is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static inline void
test_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (test_is_dark (), ==, dark);
}

/* Puts widget alone in a window of width × height and shows it; returns
 * the window */
static inline GtkWidget *
test_show_in_window (GtkWidget *widget,
                     int        width,
                     int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  return window;
}

/* Renders widget as its window's renderer would and downloads the pixels;
 * saves a PNG named after name (unless NULL) when CONVOLVE_TEST_PNG_DIR is
 * set. */
static inline TestPixels *
test_render (GtkWidget  *widget,
             const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  const char *dir;
  GdkRGBA bg;
  TestPixels *p;
  int w, h;

  gtk_test_widget_wait_for_draw (widget);

  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  g_assert_cmpint (w, >, 0);
  g_assert_cmpint (h, >, 0);

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                       "window_bg_color", &bg))
    g_error ("the theme has no window_bg_color");

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));

  p = g_new0 (TestPixels, 1);
  p->width = gdk_texture_get_width (texture);
  p->height = gdk_texture_get_height (texture);
  p->stride = (gsize) p->width * 4;
  p->data = g_malloc (p->stride * p->height);
  gdk_texture_download (texture, p->data, p->stride);
  g_assert_cmpint (p->width, ==, w);
  g_assert_cmpint (p->height, ==, h);

  dir = g_getenv ("CONVOLVE_TEST_PNG_DIR");
  if (dir != NULL && name != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s.png", name,
                                               test_is_dark () ? "dark" : "light");
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
    }

  return p;
}

/* The first controller of type on widget, still owned by the widget */
static inline GtkEventController *
test_find_controller (GtkWidget *widget,
                      GType      type)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}
