/* convolve-style.c — the theme's colours and dark mode, as the widgets read
 * them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "convolve-style.h"

gboolean
convolve_style_is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

void
convolve_style_redraw_on_dark_change (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), widget, G_CONNECT_SWAPPED);
}

gboolean
convolve_style_lookup_color (GtkWidget  *widget,
                             const char *name,
                             GdkRGBA    *color)
{
  gboolean found;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  /* Deprecated after 4.8 with no replacement there; fine on 4.8 */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return found;
}

void
convolve_style_get_fg_color (GtkWidget *widget,
                             GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* GtkStyleContext is deprecated from 4.10, which has the replacement */
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

void
convolve_style_get_accent_color (GtkWidget *widget,
                                 GdkRGBA   *color)
{
  if (!convolve_style_lookup_color (widget, "accent_color", color))
    gdk_rgba_parse (color, "#1c71d8");
}

void
convolve_style_get_accent_bg_color (GtkWidget *widget,
                                    GdkRGBA   *color)
{
  if (!convolve_style_lookup_color (widget, "accent_bg_color", color))
    gdk_rgba_parse (color, "#3584e4");
}

double
convolve_style_get_zoom (GtkWidget *widget)
{
  GtkRoot *root;
  g_auto (GStrv) classes = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 1.0);

  root = gtk_widget_get_root (widget);
  if (root == NULL)
    return 1.0;
  classes = gtk_widget_get_css_classes (GTK_WIDGET (root));
  for (guint i = 0; classes[i] != NULL; i++)
    if (g_str_has_prefix (classes[i], "zoom-"))
      {
        guint64 percent = g_ascii_strtoull (classes[i] + 5, NULL, 10);

        if (percent >= 50 && percent <= 400)
          return percent / 100.0;
      }
  return 1.0;
}

/* While a view is exported to SVG or PDF: see convolve_style_set_vector_cells() */
static gboolean vector_cells;

/* A map of at most this many cells is drawn as colour nodes, not as an
 * image in a cairo node: the Filters page's 136 kernels (3×3), all
 * repainted at every training step, took 4.8 ms of the main thread a
 * frame as images and 3.6 ms as colour nodes */
#define MAX_RECT_CELLS 16

void
convolve_style_set_vector_cells (gboolean vector)
{
  vector_cells = !!vector;
}

/* 8 bits a channel: cells that look the same share a rect */
static guint32
pack (const GdkRGBA *c)
{
  return (guint32) lrintf (c->red * 255.0f) << 24 | (guint32) lrintf (c->green * 255.0f) << 16
         | (guint32) lrintf (c->blue * 255.0f) << 8 | (guint32) lrintf (c->alpha * 255.0f);
}

/* One colour node a run of like cells in a row, edges on whole units */
static void
append_rects (GtkSnapshot           *snapshot,
              const graphene_rect_t *bounds,
              ConvolveScale          scale,
              gboolean               dark,
              const float           *values,
              int                    rows,
              int                    cols,
              float                  range,
              float                  alpha)
{
  float cw = bounds->size.width / cols, ch = bounds->size.height / rows;

  for (int r = 0; r < rows; r++)
    {
      float top = roundf (bounds->origin.y + r * ch);
      float bottom = roundf (bounds->origin.y + (r + 1) * ch);
      GdkRGBA color, next = { 0 };
      int c = 0;

      convolve_colormap_color (scale, values[r * cols] / range, dark, &color);
      color.alpha = alpha;
      while (c < cols)
        {
          int end = c + 1;
          float left, right;

          /* each cell's colour once: the first unlike one starts the next run */
          for (; end < cols; end++)
            {
              convolve_colormap_color (scale, values[r * cols + end] / range, dark, &next);
              next.alpha = alpha;
              if (pack (&next) != pack (&color))
                break;
            }
          left = roundf (bounds->origin.x + c * cw);
          right = roundf (bounds->origin.x + end * cw);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (left, top, right - left, bottom - top));
          color = next;
          c = end;
        }
    }
}

void
convolve_style_append_cells (GtkSnapshot           *snapshot,
                             const graphene_rect_t *bounds,
                             ConvolveScale          scale,
                             gboolean               dark,
                             const float           *values,
                             int                    rows,
                             int                    cols,
                             float                  range,
                             float                  alpha)
{
  cairo_surface_t *image;
  cairo_t *cr;
  guint32 *pixels;
  int stride;

  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (values != NULL || rows * cols == 0);

  if (rows <= 0 || cols <= 0)
    return;
  alpha = CLAMP (alpha, 0.0f, 1.0f);
  if (vector_cells || rows * cols <= MAX_RECT_CELLS)
    {
      append_rects (snapshot, bounds, scale, dark, values, rows, cols, range, alpha);
      return;
    }
  image = cairo_image_surface_create (alpha < 1.0f ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                      cols, rows);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return;
    }
  cairo_surface_flush (image);
  pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
      {
        GdkRGBA color;

        convolve_colormap_color (scale, values[r * cols + c] / range, dark, &color);
        /* premultiplied, as cairo keeps it */
        pixels[r * stride + c] = (guint32) lrintf (alpha * 255.0f) << 24
                                 | (guint32) lrintf (alpha * color.red * 255.0f) << 16
                                 | (guint32) lrintf (alpha * color.green * 255.0f) << 8
                                 | (guint32) lrintf (alpha * color.blue * 255.0f);
      }
  cairo_surface_mark_dirty (image);

  /* the node at the origin: cairo 1.16's SVG surface misplaces a
   * recording (a cairo node) whose extents start elsewhere */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &bounds->origin);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, bounds->size.width,
                                                                 bounds->size.height));
  cairo_scale (cr, bounds->size.width / cols, bounds->size.height / rows);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, 0, 0, cols, rows);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  gtk_snapshot_restore (snapshot);
}

/* texts kept laid out per widget: a few axes' worth of ticks */
#define MAX_LAYOUTS 64

PangoLayout *
convolve_style_get_layout (GHashTable **cache,
                           GtkWidget   *widget,
                           const char  *text,
                           gboolean     small)
{
  g_autofree char *key = NULL;
  PangoLayout *layout;

  g_return_val_if_fail (cache != NULL, NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  if (*cache == NULL)
    *cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  /* "s" or "n" (small or not), then the text */
  key = g_strconcat (small ? "s" : "n", text, NULL);
  layout = g_hash_table_lookup (*cache, key);
  if (layout != NULL)
    return layout;

  layout = gtk_widget_create_pango_layout (widget, text);
  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  g_hash_table_insert (*cache, g_steal_pointer (&key), layout);
  return layout;
}

void
convolve_style_trim_layouts (GHashTable *cache)
{
  if (cache != NULL && g_hash_table_size (cache) > MAX_LAYOUTS)
    g_hash_table_remove_all (cache);
}
