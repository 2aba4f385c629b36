/* test-window.c — the main window opens, draws and offers About
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "convolve-detail-dialog.h"
#include "convolve-grid.h"
#include "convolve-heatmap.h"
#include "convolve-model-properties.h"
#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"

/* The window's parts, through its pages and its session */
#define convolve_window_get_grid_model(w) convolve_explore_page_get_grid_model ((w)->explore_page)
#define convolve_window_get_grid(w) GTK_WIDGET (convolve_explore_page_get_grid ((w)->explore_page))
#define convolve_window_get_net(w) convolve_session_get_net ((w)->session)
#define convolve_window_get_input(w) convolve_session_get_input ((w)->session)
#define convolve_window_get_trace_view(w) convolve_explore_page_get_trace ((w)->explore_page)
#define convolve_window_get_filters_view(w) convolve_filters_page_get_view ((w)->filters_page)
#define convolve_window_get_prob_bars(w) convolve_explore_page_get_bars ((w)->explore_page)
#define convolve_window_get_prediction_text(w) convolve_explore_page_get_prediction_text ((w)->explore_page)
#define convolve_window_open_detail(w, l, c, r, k) convolve_explore_page_open_detail ((w)->explore_page, l, c, r, k)
#define convolve_window_get_latencies(w, n) convolve_explore_page_get_latencies ((w)->explore_page, n)
#define convolve_window_get_compute_times(w, n) convolve_explore_page_get_compute_times ((w)->explore_page, n)

static GtkMenuButton *
convolve_window_get_help_button (ConvolveWindow *w,
                                 const char     *page)
{
  if (g_str_equal (page, "filters"))
    return convolve_filters_page_get_help_button (w->filters_page);
  if (g_str_equal (page, "train"))
    return convolve_train_page_get_help_button (w->train_page);
  if (g_str_equal (page, "evaluate"))
    return convolve_evaluate_page_get_help_button (w->evaluate_page);
  return convolve_explore_page_get_help_button (w->explore_page);
}

static void
show_preset (ConvolveWindow *w,
             const char     *id)
{
  gtk_widget_activate_action (GTK_WIDGET (w), "win.preset", "s", id);
  g_assert_cmpstr (convolve_session_get_slot (w->session), ==, id);
}

/* Whether the page's button for a drawing action is enabled */
static gboolean
drawing_action_enabled (ConvolveWindow *w,
                        const char     *action)
{
  GtkWidget *page = GTK_WIDGET (w->explore_page);
  GtkWidget *widget = page;

  /* depth-first over the page's widgets for the actionable one */
  while (widget != NULL)
    {
      if (GTK_IS_ACTIONABLE (widget)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
        return gtk_widget_is_sensitive (widget);
      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != page && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget == page ? NULL : gtk_widget_get_next_sibling (widget);
        }
    }
  g_assert_not_reached ();
}

typedef struct
{
  ConvolveApplication *app;
  ConvolveWindow *window;
} Fixture;

/* One application per process: see test_app_new_registered() */
static ConvolveApplication *the_app;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->app = the_app;
  test_data_home_forget_networks ();
  f->window = test_app_present_window (f->app);
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

static void
test_window_about (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *about;
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;
  GtkLicense license;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "about"));
  g_assert_null (test_about_find (GTK_WINDOW (f->window)));

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  /* shown over the window (found only there) */
  about = test_about_find (GTK_WINDOW (f->window));
  g_assert_nonnull (about);
  name = test_about_get (about, "application-name");
  version = test_about_get (about, "version");
  g_object_get (about, "license-type", &license, NULL);
  g_assert_cmpstr (name, ==, "Convolve");
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));
  test_dialog_close (GTK_WINDOW (f->window), about);
  g_assert_null (test_about_find (GTK_WINDOW (f->window)));
}

/* Render the window the way the compositor would see it and read back the
 * pixels: premultiplied B8G8R8A8 in native uint32, row-major. */
static guint32 *
render_window (ConvolveWindow *window,
               int            *width_out,
               int            *height_out)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer;
  guint32 *pixels;
  int width, height;

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);

  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  *width_out = width;
  *height_out = height;
  return pixels;
}

/* A blank or failed render is a handful of flat colours at most, while
 * anti-aliased text and icons give many. */
static void
test_window_pixels (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree guint32 *pixels = NULL;
  g_autoptr (GHashTable) colours = NULL;
  int width, height;
  gsize n, opaque = 0;

  pixels = render_window (f->window, &width, &height);
  g_assert_cmpint (width, >=, 600);
  g_assert_cmpint (height, >=, 400);

  n = (gsize) width * height;
  colours = g_hash_table_new (NULL, NULL);
  for (gsize i = 0; i < n; i++)
    {
      g_hash_table_add (colours, GUINT_TO_POINTER (pixels[i]));
      opaque += (pixels[i] >> 24) == 0xff;
    }

  g_assert_cmpuint (g_hash_table_size (colours), >=, 16);
  g_assert_cmpuint (opaque, >, n / 2);
}

static double
pixel_luminance (guint32 p)
{
  double a = (p >> 24) / 255.0;
  double r = ((p >> 16) & 0xff) / 255.0;
  double g = ((p >> 8) & 0xff) / 255.0;
  double b = (p & 0xff) / 255.0;

  /* premultiplied over nothing: treat transparent as unknown (mid grey) */
  if (a == 0)
    return 0.5;
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / a;
}

/* A cell painted full in the model is dark on screen and an empty one is
 * light: the grid really draws the model (light theme). */
static void
test_window_grid_pixels (Fixture       *f,
                         gconstpointer  data)
{
  ConvolveGridModel *model = convolve_window_get_grid_model (f->window);
  GtkWidget *grid = convolve_window_get_grid (f->window);
  g_autofree guint32 *pixels = NULL;
  graphene_rect_t bounds;
  double cell, x0, y0;
  int width, height;

  g_assert_false (adw_style_manager_get_dark (adw_style_manager_get_default ()));

  convolve_grid_model_clear (model);
  convolve_grid_model_paint_cell (model, 2, 5, FALSE);
  g_assert_cmpfloat (convolve_grid_model_get_value (model, 2, 5), ==, 1.0f);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  g_assert_true (gtk_widget_compute_bounds (grid, GTK_WIDGET (f->window), &bounds));
  cell = MIN (bounds.size.width, bounds.size.height) / 8.0;
  g_assert_cmpfloat (cell, >=, 16.0);
  x0 = bounds.origin.x + (bounds.size.width - 8 * cell) / 2;
  y0 = bounds.origin.y + (bounds.size.height - 8 * cell) / 2;

  pixels = render_window (f->window, &width, &height);
#define AT(cx, cy) pixels[(int) (y0 + ((cy) + 0.5) * cell) * width + \
                          (int) (x0 + ((cx) + 0.5) * cell)]
  g_assert_cmpfloat (pixel_luminance (AT (2, 5)), <, 0.25);
  g_assert_cmpfloat (pixel_luminance (AT (5, 2)), >, 0.75);
  g_assert_cmpfloat (pixel_luminance (AT (3, 5)), >, 0.75);
#undef AT
}

static void
assert_views_match_net (ConvolveWindow *window,
                        int             n_classes)
{
  const CnnNet *net = convolve_window_get_net (window);
  ConvolveTraceView *trace = convolve_window_get_trace_view (window);
  ConvolveFiltersView *filters = convolve_window_get_filters_view (window);
  int n_conv = 0;

  g_assert_nonnull (net);
  g_assert_cmpint (net->n_classes, ==, n_classes);
  g_assert_cmpint (convolve_prob_bars_get_n (convolve_window_get_prob_bars (window)), ==, n_classes);

  /* the input, then one column per layer, one heatmap per channel */
  g_assert_cmpint (convolve_trace_view_get_n_columns (trace), ==, net->n_layers + 1);
  g_assert_cmpint (convolve_trace_view_get_column_layer (trace, 0), ==, -1);
  g_assert_cmpint (convolve_trace_view_get_n_maps (trace, 0), ==, 1);
  for (int i = 0; i < net->n_layers; i++)
    {
      const CnnLayer *l = &net->layers[i];
      g_autofree char *caption = cnn_net_describe_layer (net, i);
      gboolean strip = l->out.h == 1 && l->out.w == 1;

      g_assert_cmpint (convolve_trace_view_get_column_layer (trace, i + 1), ==, i);
      g_assert_cmpstr (convolve_trace_view_get_caption (trace, i + 1), ==, caption);
      g_assert_cmpint (convolve_trace_view_get_n_maps (trace, i + 1), ==, strip ? 1 : l->out.c);
      if (strip)
        {
          ConvolveHeatmap *map = convolve_trace_view_get_map (trace, i + 1, 0);

          g_assert_cmpint (convolve_heatmap_get_rows (map), ==, l->out.c);
          g_assert_cmpint (convolve_heatmap_get_cols (map), ==, 1);
        }
      else
        {
          ConvolveHeatmap *map = convolve_trace_view_get_map (trace, i + 1, l->out.c - 1);

          g_assert_cmpint (convolve_heatmap_get_rows (map), ==, l->out.h);
          g_assert_cmpint (convolve_heatmap_get_cols (map), ==, l->out.w);
        }
      if (l->kind == CNN_LAYER_CONV)
        {
          g_assert_cmpint (convolve_filters_view_get_n_kernels (filters, n_conv), ==,
                           l->out.c * l->in.c);
          n_conv++;
        }
    }
  g_assert_cmpint (convolve_filters_view_get_n_sections (filters), ==, n_conv);
}

static const char *
find_caption (ConvolveTraceView *trace,
              const char        *prefix)
{
  for (int i = 0; i < convolve_trace_view_get_n_columns (trace); i++)
    if (g_str_has_prefix (convolve_trace_view_get_caption (trace, i), prefix))
      return convolve_trace_view_get_caption (trace, i);
  return NULL;
}

static void
test_window_views_per_preset (Fixture       *f,
                              gconstpointer  data)
{
  ConvolveTraceView *trace = convolve_window_get_trace_view (f->window);
  ConvolveFiltersView *filters = convolve_window_get_filters_view (f->window);

  assert_views_match_net (f->window, 10);
  g_assert_cmpint (convolve_trace_view_get_n_columns (trace), ==, 10);
  g_assert_cmpstr (convolve_trace_view_get_caption (trace, 1), ==, "conv 3×3, 8 filters → 8×8×8");
  g_assert_cmpstr (find_caption (trace, "max-pool"), ==, "max-pool 2×2 → 4×4×8");
  g_assert_cmpstr (find_caption (trace, "flatten"), ==, "flatten → 64");
  g_assert_cmpstr (find_caption (trace, "dense"), ==, "dense → 10");
  g_assert_cmpstr (convolve_filters_view_get_title (filters, 0), ==, "conv 1: 8 × (3×3×1)");
  g_assert_cmpstr (convolve_filters_view_get_title (filters, 1), ==, "conv 2: 16 × (3×3×8)");

  show_preset (f->window, "zero-or-one");
  assert_views_match_net (f->window, 2);
  g_assert_cmpint (convolve_trace_view_get_n_columns (trace), ==, 7);
  g_assert_cmpstr (convolve_trace_view_get_caption (trace, 1), ==,
                   "conv 3×3 valid, 4 filters → 6×6×4");
  g_assert_cmpstr (find_caption (trace, "max-pool"), ==, "max-pool 2×2 → 3×3×4");
  g_assert_cmpstr (find_caption (trace, "flatten"), ==, "flatten → 36");
  g_assert_cmpstr (find_caption (trace, "dense"), ==, "dense → 2");
  g_assert_cmpint (convolve_filters_view_get_n_sections (filters), ==, 1);
  g_assert_cmpstr (convolve_filters_view_get_title (filters, 0), ==, "conv 1: 4 × (3×3×1)");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  show_preset (f->window, "digits");
  assert_views_match_net (f->window, 10);
}

/* The bars, the trace and the engine agree on the same 64 values. */
static void
assert_shows_engine_output (ConvolveWindow *window)
{
  const CnnNet *net = convolve_window_get_net (window);
  ConvolveProbBars *bars = convolve_window_get_prob_bars (window);
  ConvolveTraceView *trace = convolve_window_get_trace_view (window);
  ConvolveGridModel *model = convolve_window_get_grid_model (window);
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (net);
  float normalized[CNN_INPUT_SIZE];
  const float *probs;
  double sum = 0;

  /* normalisation is on by default: the network sees the normalised drawing */
  convolve_grid_model_get_normalized (model, normalized);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    g_assert_cmpfloat_with_epsilon (convolve_window_get_input (window)[i], normalized[i], 1e-6);

  probs = cnn_net_forward (net, ws, normalized);
  for (int i = 0; i < net->n_classes; i++)
    {
      float shown = convolve_prob_bars_get_prob (bars, i);

      g_assert_cmpfloat_with_epsilon (shown, probs[i], 1e-6);
      sum += shown;
    }
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-5);
  g_assert_cmpint (convolve_prob_bars_get_top (bars), ==, cnn_argmax (probs, net->n_classes));

  /* every column shows its layer's output, HWC channel by channel */
  for (int col = 1; col < convolve_trace_view_get_n_columns (trace); col++)
    {
      int layer = convolve_trace_view_get_column_layer (trace, col);
      const CnnLayer *l = &net->layers[layer];
      const float *out = cnn_workspace_output (ws, layer);

      if (l->out.h == 1 && l->out.w == 1)
        {
          ConvolveHeatmap *map = convolve_trace_view_get_map (trace, col, 0);

          for (int i = 0; i < l->out.c; i++)
            g_assert_cmpfloat_with_epsilon (convolve_heatmap_get_value (map, i, 0), out[i], 1e-5);
          continue;
        }
      for (int c = 0; c < l->out.c; c++)
        {
          ConvolveHeatmap *map = convolve_trace_view_get_map (trace, col, c);

          for (int y = 0; y < l->out.h; y++)
            for (int x = 0; x < l->out.w; x++)
              g_assert_cmpfloat_with_epsilon (convolve_heatmap_get_value (map, y, x),
                                              out[(y * l->out.w + x) * l->out.c + c], 1e-5);
        }
    }
}

static void
test_window_first_digit (Fixture       *f,
                         gconstpointer  data)
{
  ConvolveGridModel *model = convolve_window_get_grid_model (f->window);

  /* the seed's example is there, already classified as a 1 */
  g_assert_false (convolve_grid_model_is_empty (model));
  g_assert_cmpint (convolve_prob_bars_get_top (convolve_window_get_prob_bars (f->window)), ==, 1);
  g_assert_true (g_str_has_prefix (convolve_window_get_prediction_text (f->window),
                                   "Prediction: 1 ("));
  assert_shows_engine_output (f->window);
}

/* The Examples menu: a test digit of the class asked for (another one
 * each time), or any; one undoable change of the drawing */
static void
test_window_examples (Fixture       *f,
                      gconstpointer  data)
{
  ConvolveGridModel *model = convolve_window_get_grid_model (f->window);
  GtkWidget *page = GTK_WIDGET (f->window->explore_page);
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (CnnDataset) test = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree float *before = g_memdup2 (convolve_grid_model_get_values (model),
                                        sizeof (float) * CNN_INPUT_SIZE);
  gsize first = G_MAXSIZE, second = G_MAXSIZE;
  gboolean any = FALSE;

  g_assert_true (cnn_dataset_builtin_split (10, CNN_SPLIT_STRATIFIED, &train, &test, &error));
  for (gsize i = 0; i < test->n && second == G_MAXSIZE; i++)
    if (test->y[i] == 3)
      {
        if (first == G_MAXSIZE)
          first = i;
        else
          second = i;
      }

  g_assert_true (gtk_widget_activate_action (page, "drawing.example", "i", 3));
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof (float) * CNN_INPUT_SIZE,
                   test->x + first * CNN_INPUT_SIZE, sizeof (float) * CNN_INPUT_SIZE);
  g_assert_true (gtk_widget_activate_action (page, "drawing.example", "i", 3));
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof (float) * CNN_INPUT_SIZE,
                   test->x + second * CNN_INPUT_SIZE, sizeof (float) * CNN_INPUT_SIZE);

  /* any: one of the test digits */
  g_assert_true (gtk_widget_activate_action (page, "drawing.example", "i", -1));
  for (gsize i = 0; i < test->n && !any; i++)
    any = memcmp (convolve_grid_model_get_values (model), test->x + i * CNN_INPUT_SIZE,
                  sizeof (float) * CNN_INPUT_SIZE) == 0;
  g_assert_true (any);

  /* undone one by one, back to the drawing there was */
  for (int i = 0; i < 3; i++)
    g_assert_true (convolve_grid_model_undo (model));
  g_assert_cmpmem (convolve_grid_model_get_values (model), sizeof (float) * CNN_INPUT_SIZE,
                   before, sizeof (float) * CNN_INPUT_SIZE);
}

/* Model ▸ Properties: what the network is, and what the shipped file
 * records of its training */
static void
test_window_model_properties (Fixture       *f,
                              gconstpointer  data)
{
  CnnNet *net = convolve_window_get_net (f->window);
  GListModel *toplevels = gtk_window_get_toplevels ();
  ConvolveModelProperties *props = NULL;
  g_autofree char *text = NULL;
  g_autofree char *spec = g_strdup_printf ("Spec: %s\n", net->spec);
  g_autofree char *params = g_strdup_printf ("Parameters: %" G_GSIZE_FORMAT "\n", net->n_params);
  g_autofree char *epochs = NULL;

  g_assert_true (net->has_record);
  epochs = g_strdup_printf ("Epochs: %d\n", net->record.epochs);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.model-properties", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && props == NULL; i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (CONVOLVE_IS_MODEL_PROPERTIES (w))
        props = CONVOLVE_MODEL_PROPERTIES (w);
    }
  g_assert_nonnull (props);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (props)) == GTK_WINDOW (f->window));
  text = convolve_model_properties_describe (props);
  g_assert_nonnull (strstr (text, "Name: Digits 0–9\n"));
  g_assert_nonnull (strstr (text, spec));
  g_assert_nonnull (strstr (text, params));
  g_assert_nonnull (strstr (text, epochs));
  g_assert_nonnull (strstr (text, "Augmentation: Full\n"));
  g_assert_nonnull (strstr (text, "Test accuracy: "));
  gtk_window_destroy (GTK_WINDOW (props));
}

/* Export View: the page shown, whole, as PNG (2×), SVG and PDF — what is
 * scrolled out of view too — and nothing for another extension */
static void
test_window_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("convolve-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "train.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "train.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "train.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "train.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  GtkWidget *scroller;
  int view_height;
  gsize len;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  adw_view_stack_set_visible_child_name (f->window->view_stack, "train");
  for (int i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  /* the Train page scrolls at this size: its content is taller */
  scroller = gtk_widget_get_first_child (GTK_WIDGET (f->window->train_page));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  view_height = gtk_widget_get_height (scroller);

  file = g_file_new_for_path (png);
  g_assert_true (convolve_window_export_view (f->window, file, &error));
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), >=, 2 * (gtk_widget_get_width (scroller) - 20));
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), >, 2 * view_height);
  g_clear_object (&file);

  file = g_file_new_for_path (svg);
  g_assert_true (convolve_window_export_view (f->window, file, &error));
  g_assert_true (g_file_get_contents (svg, &text, &len, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, "</svg>"));
  g_clear_pointer (&text, g_free);
  g_clear_object (&file);

  file = g_file_new_for_path (pdf);
  g_assert_true (convolve_window_export_view (f->window, file, &error));
  g_assert_true (g_file_get_contents (pdf, &text, &len, NULL));
  g_assert_true (len > 5 && memcmp (text, "%PDF-", 5) == 0);
  g_clear_object (&file);

  file = g_file_new_for_path (txt);
  g_assert_false (convolve_window_export_view (f->window, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));

  /* the Filters page's kernels as rectangles, sharp in any viewer: in
   * an SVG, no longer an image each (an image scaled up is smoothed) */
  g_clear_pointer (&text, g_free);
  g_clear_error (&error);
  g_clear_object (&file);
  adw_view_stack_set_visible_child_name (f->window->view_stack, "filters");
  for (int i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  file = g_file_new_for_path (svg);
  g_assert_true (convolve_window_export_view (f->window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, &len, NULL));
  /* a map drawn as an image is its cells, one pixel each: at most 8 rows
   * (a kernel is 3 × 3, a legend STEPS × 1); what cairo rasterises itself
   * (an opacity) is drawn at the size shown */
  for (const char *p = strstr (text, "<image"); p != NULL; p = strstr (p + 1, "<image"))
    {
      const char *h = strstr (p, " height=\"");

      g_assert_nonnull (h);
      g_assert_cmpint (atoi (h + strlen (" height=\"")), >, 8);
    }
  g_clear_object (&file);
  /* and the screen draws images again */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  g_remove (png);
  g_remove (svg);
  g_remove (pdf);
  g_rmdir (dir);
}

/* Ctrl+plus / Ctrl+minus / Ctrl+0: the text and the maps that go with
 * it grow and shrink together, and the zoom is remembered */
static void
test_window_zoom (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GSettings *settings = convolve_application_get_settings (f->app);
  g_autoptr (GtkWidget) map = g_object_ref_sink (convolve_heatmap_new ());
  GtkWidget *box = gtk_widget_get_first_child (GTK_WIDGET (f->window->explore_page));
  float zeros[64] = { 0 };
  int normal, zoomed;
  double size, bigger;

  /* a heatmap of 12 px cells, in the window */
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), zeros, 8, 8, 1);
  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), 12);
  gtk_box_append (GTK_BOX (box), map);
  gtk_test_widget_wait_for_draw (window);
  gtk_widget_measure (map, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &normal, NULL, NULL);
  g_assert_cmpint (normal, ==, 96);
  size = pango_font_description_get_size (pango_context_get_font_description (gtk_widget_get_pango_context (window)));

  g_assert_true (gtk_widget_activate_action (window, "win.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (window, "win.zoom-in", NULL));
  g_assert_true (gtk_widget_has_css_class (window, "zoom-125"));
  g_assert_cmpfloat (g_settings_get_double (settings, "zoom"), ==, 1.25);
  gtk_test_widget_wait_for_draw (window);
  gtk_widget_measure (map, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &zoomed, NULL, NULL);
  g_assert_cmpint (zoomed, ==, 8 * 15);
  bigger = pango_font_description_get_size (pango_context_get_font_description (gtk_widget_get_pango_context (window)));
  g_assert_cmpfloat (bigger, >, 1.2 * size);

  /* a zoom in the settings (the next start) is shown */
  g_settings_set_double (settings, "zoom", 2.0);
  g_assert_true (gtk_widget_has_css_class (window, "zoom-200"));
  /* the largest: no further */
  gtk_widget_activate_action (window, "win.zoom-in", NULL);
  g_assert_true (gtk_widget_has_css_class (window, "zoom-200"));

  g_assert_true (gtk_widget_activate_action (window, "win.zoom-reset", NULL));
  g_assert_false (gtk_widget_has_css_class (window, "zoom-200"));
  g_assert_cmpfloat (g_settings_get_double (settings, "zoom"), ==, 1.0);
  gtk_box_remove (GTK_BOX (box), map);

  /* F11: the window's own full-screen state, as a toggle */
  g_assert_true (gtk_widget_activate_action (window, "win.fullscreen", NULL));
}

static void
copy_probs (ConvolveWindow *window,
            float          *probs)
{
  ConvolveProbBars *bars = convolve_window_get_prob_bars (window);

  for (int i = 0; i < convolve_prob_bars_get_n (bars); i++)
    probs[i] = convolve_prob_bars_get_prob (bars, i);
}

static gboolean
probs_differ (const float *a,
              const float *b,
              int          n)
{
  for (int i = 0; i < n; i++)
    if (fabsf (a[i] - b[i]) > 1e-4f)
      return TRUE;
  return FALSE;
}

static void
test_window_actions (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (f->window->explore_page);
  ConvolveGridModel *model = convolve_window_get_grid_model (f->window);
  float before[10], cleared[10], after[10];

  /* draw a 7 on top of the 1 */
  convolve_grid_model_clear (model);
  convolve_grid_model_begin_stroke (model, 1.5, 1.3, FALSE);
  convolve_grid_model_stroke_to (model, 6.3, 1.2);
  convolve_grid_model_stroke_to (model, 4.8, 4.0);
  convolve_grid_model_stroke_to (model, 3.6, 6.8);
  convolve_grid_model_end_stroke (model);
  assert_shows_engine_output (f->window);
  copy_probs (f->window, before);

  g_assert_true (drawing_action_enabled (f->window, "drawing.undo"));
  gtk_widget_activate_action (page, "drawing.clear", NULL);
  g_assert_true (convolve_grid_model_is_empty (model));
  g_assert_cmpstr (convolve_window_get_prediction_text (f->window), ==, "Draw a digit");
  /* the empty grid lights no bar */
  g_assert_cmpint (convolve_prob_bars_get_top (convolve_window_get_prob_bars (f->window)), ==, -1);
  copy_probs (f->window, cleared);
  g_assert_true (probs_differ (before, cleared, 10));

  gtk_widget_activate_action (page, "drawing.undo", NULL);
  g_assert_false (convolve_grid_model_is_empty (model));
  copy_probs (f->window, after);
  g_assert_false (probs_differ (before, after, 10));
  g_assert_true (drawing_action_enabled (f->window, "drawing.redo"));

  gtk_widget_activate_action (page, "drawing.redo", NULL);
  g_assert_true (convolve_grid_model_is_empty (model));
  g_assert_false (drawing_action_enabled (f->window, "drawing.redo"));

  /* the eraser and cell mode reach the grid and its model */
  gtk_widget_activate_action (page, "drawing.eraser", NULL);
  g_assert_true (convolve_grid_get_eraser (CONVOLVE_GRID (convolve_window_get_grid (f->window))));
  gtk_widget_activate_action (page, "drawing.eraser", NULL);
  g_assert_false (convolve_grid_get_eraser (CONVOLVE_GRID (convolve_window_get_grid (f->window))));
  gtk_widget_activate_action (page, "drawing.cell-mode", NULL);
  g_assert_cmpint (convolve_grid_model_get_mode (model), ==, CONVOLVE_GRID_MODE_CELL);
  gtk_widget_activate_action (page, "drawing.cell-mode", NULL);
  g_assert_cmpint (convolve_grid_model_get_mode (model), ==, CONVOLVE_GRID_MODE_PEN);

  /* the preset switch keeps the drawing and follows with 2 bars */
  gtk_widget_activate_action (page, "drawing.undo", NULL);
  show_preset (f->window, "zero-or-one");
  g_assert_false (convolve_grid_model_is_empty (model));
  g_assert_cmpint (convolve_prob_bars_get_n (convolve_window_get_prob_bars (f->window)), ==, 2);
  assert_shows_engine_output (f->window);

  /* normalisation off (the menu's win.normalize): the network gets the raw grid */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.normalize", NULL);
  g_assert_false (convolve_session_get_normalize (f->window->session));
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    g_assert_cmpfloat (convolve_window_get_input (f->window)[i], ==,
                       convolve_grid_model_get_values (model)[i]);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.normalize", NULL);
  g_assert_true (convolve_session_get_normalize (f->window->session));
  show_preset (f->window, "digits");
}

/* F1 opens the explanation of the page in view, and only that one */
static void
test_window_help (Fixture       *f,
                  gconstpointer  data)
{
  static const char *pages[] = { "explore", "filters", "train", "evaluate" };
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app),
                                                                  "win.show-help");
  AdwViewStack *stack;

  g_assert_cmpstr (accels[0], ==, "F1");
  stack = f->window->view_stack;
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkPopover *popover = gtk_menu_button_get_popover (convolve_window_get_help_button (f->window, pages[i]));
      GtkPopover *other = gtk_menu_button_get_popover (convolve_window_get_help_button (f->window, pages[(i + 1) % G_N_ELEMENTS (pages)]));

      adw_view_stack_set_visible_child_name (stack, pages[i]);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help", NULL);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (other)));
      gtk_popover_popdown (popover);
    }
  adw_view_stack_set_visible_child_name (stack, "explore");
}

/* The application's accelerators are keys no text field types; the
 * drawing's own keys are the Explore page's, in its shortcut controller */
static void
test_window_accels (Fixture       *f,
                    gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (f->app);
  GListModel *shortcuts = G_LIST_MODEL (convolve_explore_page_get_shortcuts (f->window->explore_page));
  struct { const char *action; const char *accel; } expected[] = {
    { "win.preset('digits')", "<Control>1" },
    { "win.preset('zero-or-one')", "<Control>2" },
    { "win.show-page(uint32 0)", "<Alt>1" },
    { "win.show-page(uint32 2)", "<Alt>3" },
  };
  struct { const char *action; const char *accel; } page_keys[] = {
    { "drawing.undo", "<Control>z" },
    { "drawing.redo", "<Shift><Control>z" },
    { "drawing.eraser", "e" },
  };
  static const char *never_global[] = { "win.undo", "win.redo", "win.eraser", "win.clear",
                                        "drawing.undo", "drawing.redo", "drawing.eraser",
                                        "drawing.clear" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (app, expected[i].action);
      guint key, want_key;
      GdkModifierType mods, want_mods;

      g_assert_nonnull (accels[0]);
      g_assert_true (gtk_accelerator_parse (accels[0], &key, &mods));
      g_assert_true (gtk_accelerator_parse (expected[i].accel, &want_key, &want_mods));
      g_assert_cmpuint (key, ==, want_key);
      g_assert_cmpuint (mods, ==, want_mods);
    }
  for (guint i = 0; i < G_N_ELEMENTS (page_keys); i++)
    {
      gboolean found = FALSE;
      guint want_key;
      GdkModifierType want_mods;

      g_assert_true (gtk_accelerator_parse (page_keys[i].accel, &want_key, &want_mods));
      for (guint k = 0; k < g_list_model_get_n_items (shortcuts); k++)
        {
          g_autoptr (GtkShortcut) sc = g_list_model_get_item (shortcuts, k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (sc);
          GtkShortcutAction *action = gtk_shortcut_get_action (sc);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && GTK_IS_NAMED_ACTION (action)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == want_key
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == want_mods
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                              page_keys[i].action))
            found = TRUE;
        }
      g_assert_true (found);
    }
  /* none of them window-wide: they would break typing in a text field */
  for (guint i = 0; i < G_N_ELEMENTS (never_global); i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (app, never_global[i]);

      g_assert_null (accels[0]);
    }
}

/* The detail dialog's arithmetic reproduces the engine's conv output. */
static void
check_detail (ConvolveWindow *window,
              int             layer,
              int             channel,
              int             row,
              int             col)
{
  const CnnNet *net = convolve_window_get_net (window);
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (net);
  ConvolveDetailDialog *dialog;
  int conv = net->layers[layer].kind == CNN_LAYER_RELU ? layer - 1 : layer;
  const CnnLayer *l = &net->layers[conv];
  float expected, z;
  g_autofree char *z_text = NULL;

  cnn_net_forward (net, ws, convolve_window_get_input (window));
  expected = cnn_workspace_output (ws, conv)[(row * l->out.w + col) * l->out.c + channel];

  dialog = CONVOLVE_DETAIL_DIALOG (convolve_window_open_detail (window, layer, channel, row, col));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpint (convolve_detail_dialog_get_conv_layer (dialog), ==, conv);
  z = convolve_detail_dialog_get_z (dialog);
  g_assert_cmpfloat_with_epsilon (z, expected, 1e-4);

  /* the text shows that z, and the ReLU of it, with real minus signs and
   * negative factors in parentheses */
  if (fabsf (z) < 0.005f)
    z_text = g_strdup ("(bias) = 0.00\n");
  else
    z_text = g_strdup_printf ("(bias) = %s%.2f\n", z < 0 ? "−" : "", fabsf (z));
  g_assert_nonnull (strstr (convolve_detail_dialog_get_arithmetic (dialog), z_text));
  g_assert_nonnull (strstr (convolve_detail_dialog_get_arithmetic (dialog), "ReLU(z) = max(0, "));
  g_assert_null (strchr (convolve_detail_dialog_get_arithmetic (dialog), '-'));
  g_assert_null (strstr (convolve_detail_dialog_get_arithmetic (dialog), "×−"));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_window_detail (Fixture       *f,
                    gconstpointer  data)
{
  const CnnNet *net;

  net = convolve_window_get_net (f->window);
  g_assert_cmpint (net->layers[0].kind, ==, CNN_LAYER_CONV);
  check_detail (f->window, 0, 2, 3, 4);
  check_detail (f->window, 0, 7, 0, 0);   /* a corner: zero padding */
  check_detail (f->window, 1, 5, 4, 3);   /* the ReLU explains its conv */
  g_assert_cmpint (net->layers[3].kind, ==, CNN_LAYER_CONV);
  check_detail (f->window, 3, 11, 1, 2);  /* 8 input channels */
  check_detail (f->window, 4, 15, 3, 3);

  show_preset (f->window, "zero-or-one");
  check_detail (f->window, 0, 3, 5, 5);   /* valid padding: 6×6 output */
  show_preset (f->window, "digits");
}

/* The engine's saliency for the same input: d(top logit)/d(input) / max |g| */
static void
engine_saliency (ConvolveWindow *window,
                 float           out[CNN_INPUT_SIZE])
{
  const CnnNet *net = convolve_window_get_net (window);
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (net);
  g_autofree float *onehot = g_new0 (float, net->n_classes);
  const float *probs = cnn_net_forward (net, ws, convolve_window_get_input (window));
  const float *grad;
  float peak = 0.0f;

  onehot[cnn_argmax (probs, net->n_classes)] = 1.0f;
  cnn_net_backward_from_logits (net, ws, onehot, NULL, TRUE);
  grad = cnn_workspace_input_grad (ws);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    peak = MAX (peak, fabsf (grad[i]));
  g_assert_cmpfloat (peak, >, 0.0f);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    out[i] = grad[i] / peak;
}

static void
assert_saliency_shown (ConvolveWindow *window,
                       gboolean        on_grid)
{
  ConvolveTraceView *trace = convolve_window_get_trace_view (window);
  ConvolveGrid *grid = CONVOLVE_GRID (convolve_window_get_grid (window));
  ConvolveHeatmap *map = convolve_trace_view_get_saliency_map (trace);
  float expected[CNN_INPUT_SIZE], overlay[CNN_INPUT_SIZE];
  float peak = 0.0f;

  engine_saliency (window, expected);
  g_assert_nonnull (map);
  g_assert_cmpint (convolve_heatmap_get_rows (map), ==, 8);
  g_assert_cmpint (convolve_heatmap_get_cols (map), ==, 8);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    {
      float v = convolve_heatmap_get_value (map, i / 8, i % 8);

      g_assert_cmpfloat_with_epsilon (v, expected[i], 1e-5);
      peak = MAX (peak, fabsf (v));
    }
  g_assert_cmpfloat_with_epsilon (peak, 1.0f, 1e-6);

  g_assert_true (convolve_grid_get_overlay (grid, NULL) == on_grid);
  if (on_grid)
    {
      g_assert_true (convolve_grid_get_overlay (grid, overlay));
      for (int i = 0; i < CNN_INPUT_SIZE; i++)
        g_assert_cmpfloat_with_epsilon (overlay[i], expected[i], 1e-5);
    }
}

/* Saliency: the top class's input gradient, scaled to ±1, under the input
 * column; over the drawing too when the network sees the drawing as drawn
 * (normalizing off). It follows the drawing and the preset. */
static void
test_window_saliency (Fixture       *f,
                      gconstpointer  data)
{
  ConvolveSession *session = f->window->session;
  ConvolveTraceView *trace = convolve_window_get_trace_view (f->window);
  ConvolveGrid *grid = CONVOLVE_GRID (convolve_window_get_grid (f->window));
  ConvolveGridModel *model = convolve_window_get_grid_model (f->window);

  g_assert_false (convolve_session_get_saliency (session));
  g_assert_null (convolve_trace_view_get_saliency_map (trace));
  g_assert_false (convolve_grid_get_overlay (grid, NULL));

  convolve_session_set_normalize (session, TRUE);
  convolve_session_set_saliency (session, TRUE);
  assert_saliency_shown (f->window, FALSE);

  /* a new stroke: the saliency follows */
  convolve_grid_model_begin_stroke (model, 1.5, 1.3, FALSE);
  convolve_grid_model_stroke_to (model, 6.3, 1.2);
  convolve_grid_model_end_stroke (model);
  assert_saliency_shown (f->window, FALSE);

  convolve_session_set_normalize (session, FALSE);
  assert_saliency_shown (f->window, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  show_preset (f->window, "zero-or-one");
  assert_saliency_shown (f->window, TRUE);
  show_preset (f->window, "digits");

  convolve_session_set_saliency (session, FALSE);
  g_assert_null (convolve_trace_view_get_saliency_map (trace));
  g_assert_false (convolve_grid_get_overlay (grid, NULL));
  convolve_session_set_normalize (session, TRUE);
}

/* While training, the weights change every frame: a page not shown takes
 * the change only when it is shown again (its labels would lay the whole
 * window out each frame). The answer in words, for screen readers, is
 * always current. */
static float
first_kernel_value (ConvolveFiltersView *filters)
{
  return convolve_heatmap_get_value (convolve_filters_view_get_kernel (filters, 0, 0, 0), 0, 0);
}

static void
test_window_hidden_pages_wait (Fixture       *f,
                               gconstpointer  data)
{
  ConvolveSession *session = f->window->session;
  ConvolveFiltersView *filters = convolve_filters_page_get_view (f->window->filters_page);
  ConvolveProbBars *bars = convolve_window_get_prob_bars (f->window);
  ConvolveGridModel *model = convolve_window_get_grid_model (f->window);
  CnnNet *net = convolve_session_get_net (session);
  gsize w = 0;
  float shown_kernel, shown_prob;
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  int top;

  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].kind == CNN_LAYER_CONV)
      {
        w = net->layers[i].w_offset;
        break;
      }
  convolve_grid_model_begin_stroke (model, 4.0, 1.0, FALSE);
  convolve_grid_model_stroke_to (model, 4.5, 7.0);
  convolve_grid_model_end_stroke (model);
  adw_view_stack_set_visible_child_name (f->window->view_stack, "evaluate");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  shown_kernel = first_kernel_value (filters);
  top = convolve_session_get_top_class (session);
  shown_prob = convolve_prob_bars_get_prob (bars, top);
  g_assert_cmpfloat (shown_kernel, ==, net->params[w]);
  g_assert_cmpfloat (shown_prob, ==, convolve_session_get_probabilities (session)[top]);

  /* a training step, with Explore and Filters hidden */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.train-step", NULL));
  while (convolve_session_get_net (session)->params[w] == shown_kernel)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  net = convolve_session_get_net (session);
  g_assert_cmpfloat (convolve_session_get_probabilities (session)[top], !=, shown_prob);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (first_kernel_value (filters), ==, shown_kernel);
  g_assert_cmpfloat (convolve_prob_bars_get_prob (bars, top), ==, shown_prob);
  {
    const float *p = convolve_session_get_probabilities (session);
    int now = convolve_session_get_top_class (session);
    g_autofree char *words = g_strdup_printf ("Prediction: %d (%.1f %%)", now, 100.0 * p[now]);

    g_assert_cmpstr (convolve_window_get_prediction_text (f->window), ==, words);
  }

  /* shown: up to date */
  adw_view_stack_set_visible_child_name (f->window->view_stack, "filters");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (first_kernel_value (filters), ==, net->params[w]);
  g_assert_cmpfloat (convolve_prob_bars_get_prob (bars, top), ==, shown_prob);
  adw_view_stack_set_visible_child_name (f->window->view_stack, "explore");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (convolve_prob_bars_get_prob (bars, top), ==,
                     convolve_session_get_probabilities (session)[top]);
}

/* A window of width × height, shown and laid out for that size */
static ConvolveWindow *
show_window_sized (int width,
                   int height)
{
  ConvolveWindow *window = convolve_window_new (the_app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  /* larger than the test display (1280×800): not clamped to it as a
   * default size alone would be */
  gtk_widget_set_size_request (GTK_WIDGET (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 4; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* The first widget below root that passes pred, depth first */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*pred) (GtkWidget *w))
{
  if (pred (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, pred);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_saliency_toggle (GtkWidget *w)
{
  return GTK_IS_TOGGLE_BUTTON (w)
         && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (w)), "find-location-symbolic") == 0;
}

/* At 1024×700 the drawing and its tools fit without scrolling: the whole
 * grid and the saliency toggle are inside the window, the grid as large as
 * before (≥ 192 px) */
static void
test_window_small (Fixture       *f,
                   gconstpointer  data)
{
  ConvolveWindow *window = show_window_sized (1024, 700);
  GtkWidget *grid = convolve_window_get_grid (window);
  GtkWidget *button = find_widget (GTK_WIDGET (window->explore_page), is_saliency_toggle);
  graphene_rect_t bounds;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  g_assert_true (gtk_widget_compute_bounds (grid, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (MIN (bounds.size.width, bounds.size.height), >=, 192);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, 700);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, 700);
  g_assert_true (gtk_widget_get_mapped (button));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* px a cell of column's first map takes on screen */
static int
drawn_cell (ConvolveTraceView *trace,
            int                column)
{
  ConvolveHeatmap *map = convolve_trace_view_get_map (trace, column, 0);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (map)));
  return gtk_widget_get_width (GTK_WIDGET (map)) / convolve_heatmap_get_cols (map);
}

/* Every card of the trace inside the scrolled window's view, none cut off */
static void
assert_trace_on_screen (ConvolveWindow *window)
{
  ConvolveTraceView *trace = convolve_window_get_trace_view (window);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (trace), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  int view_w = gtk_widget_get_width (scroller), view_h = gtk_widget_get_height (scroller);

  /* the whole network, no scrolling either way */
  g_assert_true (convolve_trace_view_get_fit (trace).fits);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), <=, gtk_adjustment_get_page_size (vadj));
  for (int i = 0; i < convolve_trace_view_get_n_columns (trace); i++)
    {
      GtkWidget *card = GTK_WIDGET (convolve_trace_view_get_card (trace, i));
      graphene_rect_t b;

      g_assert_true (gtk_widget_compute_bounds (card, scroller, &b));
      g_assert_cmpfloat (b.origin.x, >=, 0);
      g_assert_cmpfloat (b.origin.y, >=, 0);
      g_assert_cmpfloat (b.origin.x + b.size.width, <=, view_w);
      g_assert_cmpfloat (b.origin.y + b.size.height, <=, view_h);
    }
}

/* At the first-start size, at 1000×700 and at 1680×940 the whole network
 * is on screen with no scrolling, for both presets and a custom spec of
 * ten layers; maps and the grid grow with the window */
static void
test_window_trace_fits (Fixture       *f,
                        gconstpointer  data)
{
  static const int sizes[3][2] = { { 1000, 700 }, { 1200, 780 }, { 1680, 940 } };
  static const char *slots[] = {
    "digits", "zero-or-one",
    "spec:conv3x3x8 relu pool2 conv3x3x16 relu pool2 dense32 relu dense10",
  };
  int conv1_cell[3], conv2_cell[3], grid_side[3];

  for (int i = 0; i < 3; i++)
    {
      ConvolveWindow *window = show_window_sized (sizes[i][0], sizes[i][1]);
      ConvolveTraceView *trace = convolve_window_get_trace_view (window);

      for (guint k = 0; k < G_N_ELEMENTS (slots); k++)
        {
          g_autoptr (GError) error = NULL;

          g_assert_true (convolve_window_show_network (window, slots[k], &error));
          g_assert_no_error (error);
          for (int r = 0; r < 3; r++)
            gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
          g_test_message ("%d×%d, %s: maps %d px, %d rows", sizes[i][0], sizes[i][1], slots[k],
                          convolve_trace_view_get_fit (trace).map,
                          convolve_trace_view_get_fit (trace).n_rows);
          assert_trace_on_screen (window);
          if (k == 0)
            {
              conv1_cell[i] = drawn_cell (trace, 1);
              conv2_cell[i] = drawn_cell (trace, 4);
              grid_side[i] = gtk_widget_get_width (convolve_window_get_grid (window));
            }
        }
      convolve_window_show_network (window, "digits", NULL);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  for (int i = 1; i < 3; i++)
    {
      g_assert_cmpint (conv1_cell[i], >=, conv1_cell[i - 1]);
      g_assert_cmpint (conv2_cell[i], >=, conv2_cell[i - 1]);
      g_assert_cmpint (grid_side[i], >=, grid_side[i - 1]);
    }
  g_assert_cmpint (conv1_cell[2], >, conv1_cell[0]);
  g_assert_cmpint (grid_side[2], >, grid_side[0]);
}

/* No widget of the page allocated less than it needs (that is what
 * clipping is) and nothing wider than the window */
static void
assert_not_clipped (GtkWidget *widget,
                    GtkWidget *window,
                    int        width)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  graphene_rect_t b;
  int min_w, min_h, w, h;

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_mapped (widget))
    return;
  /* what it was given: its border box (the bounds) and its margins, the
   * sizes measure() speaks of */
  g_assert_true (gtk_widget_compute_bounds (widget, widget, &b));
  w = (int) b.size.width + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
  h = (int) b.size.height + gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget);
  /* the leaves: what is cut off when a page is too small is their text,
   * maps and buttons (containers just pass the shortage on) */
  if (w > 0 && !GTK_IS_SCROLLED_WINDOW (parent) && !GTK_IS_VIEWPORT (parent)
      && (GTK_IS_LABEL (widget) || GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)
          || CONVOLVE_IS_HEATMAP (widget) || CONVOLVE_IS_LAYER_CARD (widget)
          || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_SCALE (widget)
          || GTK_IS_DRAWING_AREA (widget)))
    {
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
      if (w < min_w)
        g_error ("%s %p in %s in %s: %d px wide, needs %d", G_OBJECT_TYPE_NAME (widget), widget,
                 G_OBJECT_TYPE_NAME (parent), G_OBJECT_TYPE_NAME (gtk_widget_get_parent (parent)),
                 w, min_w);
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
      if (h < min_h && !GTK_IS_LABEL (widget))
        g_error ("%s %p in %s: %d px tall, needs %d", G_OBJECT_TYPE_NAME (widget), widget,
                 G_OBJECT_TYPE_NAME (parent), h, min_h);
    }
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *hadj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (widget));

      /* one scrolling direction: down */
      if (gtk_adjustment_get_upper (hadj) > gtk_adjustment_get_page_size (hadj) + 0.5)
        g_error ("%s %p scrolls sideways: %.0f in %.0f", G_OBJECT_TYPE_NAME (widget), widget,
                 gtk_adjustment_get_upper (hadj), gtk_adjustment_get_page_size (hadj));
    }
  /* into the containers of the page, not into GTK's own controls (a
   * scale's value label, an entry's parts) which lay themselves out */
  if (GTK_IS_BOX (widget) || GTK_IS_GRID (widget) || ADW_IS_CLAMP (widget)
      || GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_VIEWPORT (widget) || GTK_IS_FRAME (widget)
      || GTK_IS_FLOW_BOX (widget) || GTK_IS_FLOW_BOX_CHILD (widget) || ADW_IS_BIN (widget)
      || ADW_IS_PREFERENCES_GROUP (widget) || GTK_IS_ASPECT_FRAME (widget)
      || g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Convolve"))
    for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
      assert_not_clipped (c, window, width);
}

static void
test_window_pages_fit (Fixture       *f,
                       gconstpointer  data)
{
  static const char *pages[] = { "explore", "filters", "train", "evaluate", "samples" };
  ConvolveWindow *window = show_window_sized (1000, 700);
  gint64 end;
  int min;
  graphene_rect_t b;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      adw_view_stack_set_visible_child_name (window->view_stack, pages[i]);
      for (int r = 0; r < 3; r++)
        gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      g_test_message ("page %s", pages[i]);
      assert_not_clipped (adw_view_stack_get_visible_child (window->view_stack),
                          GTK_WIDGET (window), 1000);
    }

  /* the lesson panel beside any page still fits 1000 px (a 1024 px
   * projector): no page's least width pushes the window wider */
  convolve_window_set_lesson (window, TRUE);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_revealer_get_child_revealed (window->lesson_revealer))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("least width with the lesson panel: %d px", min);
  g_assert_cmpint (min, <=, 1000);
  for (int r = 0; r < 3; r++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (window->lesson_panel), GTK_WIDGET (window), &b));
  g_assert_cmpfloat (b.origin.x + b.size.width, <=, 1000);
  convolve_window_set_lesson (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* 200 synthetic strokes, each shown before the next: how long from a change
 * of the drawing to the end of the frame that shows it. Reported, not
 * asserted: timing depends on the machine. */
static void
test_window_latency (Fixture       *f,
                     gconstpointer  data)
{
  ConvolveGridModel *model = convolve_window_get_grid_model (f->window);
  g_autoptr (GArray) frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) compute = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_before, n;
  const gint64 *lat, *comp;
  gint64 worst = 0, cworst = 0;
  guint n_comp_before;

  convolve_window_get_latencies (f->window, &n_before);
  convolve_window_get_compute_times (f->window, &n_comp_before);
  for (int i = 0; i < 200; i++)
    {
      /* draw a segment, then erase it: every stroke changes the drawing */
      double x = 1.0 + (i / 2) % 6, y = 1.0 + (i / 12) % 6;
      gboolean timed_out = FALSE;
      guint id;

      convolve_grid_model_begin_stroke (model, x, y, i % 2 == 1);
      convolve_grid_model_stroke_to (model, x + 1.3, y + 0.7);
      id = g_timeout_add (2000, timeout_cb, &timed_out);
      do
        {
          g_main_context_iteration (NULL, TRUE);
          convolve_window_get_latencies (f->window, &n);
        }
      while (n == n_before && !timed_out);
      if (!timed_out)
        g_source_remove (id);
      g_assert_false (timed_out);
      convolve_grid_model_end_stroke (model);
      n_before = n;
    }

  lat = convolve_window_get_latencies (f->window, &n);
  g_assert_cmpuint (n, >=, 200);
  for (guint i = n - 200; i < n; i++)
    {
      g_array_append_val (frames, lat[i]);
      worst = MAX (worst, lat[i]);
    }
  comp = convolve_window_get_compute_times (f->window, &n);
  for (guint i = n_comp_before; i < n; i++)
    {
      g_array_append_val (compute, comp[i]);
      cworst = MAX (cworst, comp[i]);
    }
  g_array_sort (frames, compare_int64);
  g_array_sort (compute, compare_int64);
  g_test_message ("change → painted frame over 200 strokes: median %.2f ms, worst %.2f ms",
                  g_array_index (frames, gint64, frames->len / 2) / 1000.0, worst / 1000.0);
  g_test_message ("forward pass + view updates over %u changes: median %.3f ms, worst %.3f ms",
                  compute->len, g_array_index (compute, gint64, compute->len / 2) / 1000.0,
                  cworst / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_data_home_new ("convolve-test-window");
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-window"))
    return 1;
  the_app = test_app_new_registered ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/basics", test_window_basics);
  ADD ("/window/shortcuts", test_window_shortcuts);
  ADD ("/window/about", test_window_about);
  ADD ("/window/pixels", test_window_pixels);
  ADD ("/window/grid-pixels", test_window_grid_pixels);
  ADD ("/window/views-per-preset", test_window_views_per_preset);
  ADD ("/window/first-digit", test_window_first_digit);
  ADD ("/window/examples", test_window_examples);
  ADD ("/window/model-properties", test_window_model_properties);
  ADD ("/window/export", test_window_export);
  ADD ("/window/zoom", test_window_zoom);
  ADD ("/window/actions", test_window_actions);
  ADD ("/window/accels", test_window_accels);
  ADD ("/window/help", test_window_help);
  ADD ("/window/detail", test_window_detail);
  ADD ("/window/latency", test_window_latency);
  ADD ("/window/saliency", test_window_saliency);
  ADD ("/window/hidden-pages-wait", test_window_hidden_pages_wait);
  ADD ("/window/small", test_window_small);
  ADD ("/window/trace-fits", test_window_trace_fits);
  ADD ("/window/pages-fit", test_window_pages_fit);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
