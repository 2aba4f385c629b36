/* test-window.c — the main window opens, draws and offers About
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "convolve-application.h"
#include "convolve-window.h"

typedef struct
{
  ConvolveApplication *app;
  ConvolveWindow *window;
} Fixture;

/* One application per process: a registered GApplication keeps its object
 * path on the session bus, so a second one with the same id in the same
 * process fails to register. */
static ConvolveApplication *the_app;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->app = the_app;
  f->window = convolve_window_new (f->app);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
}

static void
test_window_basics (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_true (ADW_IS_APPLICATION_WINDOW (f->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Convolve");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (f->window)) ==
                 GTK_APPLICATION (f->app));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static void
test_window_shortcuts (Fixture       *f,
                       gconstpointer  data)
{
  g_auto (GStrv) quit = NULL;
  g_auto (GStrv) close = NULL;

  quit = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "app.quit");
  close = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "window.close");
  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) close, "<Control>w"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "quit"));
}

static AdwAboutWindow *
find_about_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
test_window_about (Fixture       *f,
                   gconstpointer  data)
{
  AdwAboutWindow *about;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "about"));
  g_assert_null (find_about_window (GTK_APPLICATION (f->app)));

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  about = find_about_window (GTK_APPLICATION (f->app));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Convolve");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (f->window));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));
  gtk_window_destroy (GTK_WINDOW (about));
  g_assert_null (find_about_window (GTK_APPLICATION (f->app)));
}

/* Render the window the way the compositor would see it and read back
 * the pixels: a blank or failed render is a handful of flat colours at
 * most, while anti-aliased text and icons give many. */
static void
test_window_pixels (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guint32 *pixels = NULL;
  g_autoptr (GHashTable) colours = NULL;
  GskRenderer *renderer;
  int width, height;
  gsize n, opaque = 0;

  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  g_assert_cmpint (width, >=, 600);
  g_assert_cmpint (height, >=, 400);

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);

  /* gdk_texture_download gives premultiplied B8G8R8A8 in native uint32. */
  n = (gsize) width * height;
  pixels = g_new (guint32, n);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  colours = g_hash_table_new (NULL, NULL);
  for (gsize i = 0; i < n; i++)
    {
      g_hash_table_add (colours, GUINT_TO_POINTER (pixels[i]));
      opaque += (pixels[i] >> 24) == 0xff;
    }

  g_assert_cmpuint (g_hash_table_size (colours), >=, 16);
  g_assert_cmpuint (opaque, >, n / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  gboolean registered;
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* CI always runs this under Xvfb: no display is a broken set-up, and a
   * skip would hide it. */
  if (!gtk_init_check ())
    {
      g_printerr ("test-window: no display; run it through build-aux/dev test "
                  "or xvfb-run\n");
      return 1;
    }

  the_app = convolve_application_new ();
  /* Several test processes may run at once: no single-instance check. */
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  registered = g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (registered);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/basics", test_window_basics);
  ADD ("/window/shortcuts", test_window_shortcuts);
  ADD ("/window/about", test_window_about);
  ADD ("/window/pixels", test_window_pixels);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&the_app);
  return ret;
}
