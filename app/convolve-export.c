/* convolve-export.c — a view, whole, as PNG, SVG or PDF for slides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget is snapshotted into a render node (its children all drawn,
 * scrolled into view or not) and the node drawn with cairo onto an image,
 * SVG or PDF surface: text, lines and the maps' cells stay vectors in
 * the last two.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "convolve-export.h"
#include "convolve-style.h"

#define PNG_SCALE 2  /* sharp on a projector and in a slide */

typedef enum { FORMAT_PNG, FORMAT_SVG, FORMAT_PDF } Format;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *out = closure;

  return g_output_stream_write_all (out, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Every widget below draws itself again at the next snapshot: its cached
 * render node goes */
static void
queue_draw_all (GtkWidget *widget)
{
  gtk_widget_queue_draw (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    queue_draw_all (c);
}

/* The widget's content as a render node. A widget paintable gives the
 * nodes of the last frame; for SVG and PDF the maps' cells are drawn
 * again as rectangles (viewers smooth an image scaled up): every widget
 * below draws itself anew into this snapshot, then once more, as images,
 * at the screen's next frame. (The widget's own CSS background is left
 * out there: the export paints the window's.) */
static GskRenderNode *
snapshot_whole (GtkWidget *widget,
                int        width,
                int        height,
                gboolean   vector)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  if (vector)
    {
      convolve_style_set_vector_cells (TRUE);
      queue_draw_all (widget);
      GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      convolve_style_set_vector_cells (FALSE);
      queue_draw_all (widget);
    }
  else
    {
      g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  return node;
}

static gboolean
format_of (GFile   *file,
           Format  *format,
           GError **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = FORMAT_PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” ends in none of .png, .svg or .pdf"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
convolve_export_widget (GtkWidget  *widget,
                        GFile      *file,
                        GError    **error)
{
  g_autoptr (GFileOutputStream) out = NULL;
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  GdkRGBA bg = { 1, 1, 1, 1 };
  Format format;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!format_of (file, &format, error))
    return FALSE;
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The view is not shown"));
      return FALSE;
    }

  node = snapshot_whole (widget, width, height, format != FORMAT_PNG);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    {
      g_clear_pointer (&node, gsk_render_node_unref);
      return FALSE;
    }

  if (format == FORMAT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * PNG_SCALE, height * PNG_SCALE);
  else if (format == FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (write_to_stream, out, width, height);
  else
    surface = cairo_pdf_surface_create_for_stream (write_to_stream, out, width, height);

  cr = cairo_create (surface);
  if (format == FORMAT_PNG)
    cairo_scale (cr, PNG_SCALE, PNG_SCALE);
  /* the window's background, so a dark view stays dark on a slide */
  if (!convolve_style_lookup_color (widget, "window_bg_color", &bg))
    bg = (GdkRGBA) { 1, 1, 1, 1 };
  gdk_cairo_set_source_rgba (cr, &bg);
  cairo_paint (cr);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, out);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  g_clear_pointer (&node, gsk_render_node_unref);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autoptr (GCancellable) abandon = g_cancellable_new ();

      /* closed cancelled, the replace is abandoned: an old file stays */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the view: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}
