/* convolve-image-details.c — an opened image beside what the network sees of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-heatmap.h"
#include "convolve-image-details.h"

struct _ConvolveImageDetails
{
  AdwWindow parent_instance;

  /* template children */
  AdwWindowTitle *window_title;
  GtkPicture *picture;
  GtkLabel *original_caption;
  ConvolveHeatmap *heatmap;

  ConvolveImage *image;
};

G_DEFINE_FINAL_TYPE (ConvolveImageDetails, convolve_image_details, ADW_TYPE_WINDOW)

/* Pictures with both sides under this many pixels are enlarged to it */
#define SMALL_SIDE 256

/* the count the data set would hold, not the value the network reads */
static char *
cell_tooltip (ConvolveHeatmap *map,
              int              row,
              int              col,
              float            value,
              gpointer         user_data)
{
  /* Translators: a cell of the 8×8 image: row, column (from 1), its ink count of 16 */
  return g_strdup_printf (_("row %d, column %d: %d of 16"), row + 1, col + 1, (int) value);
}

static void
show (ConvolveImageDetails *self,
      const char           *name)
{
  GdkPixbuf *pixbuf = convolve_image_get_pixbuf (self->image);
  int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
  /* a small picture (a 28×28 digit) blown up by whole pixels, crisp, not
   * blurred by the picture's smooth scaling */
  int factor = MAX (1, SMALL_SIDE / MAX (width, height));
  g_autoptr (GdkPixbuf) shown = factor > 1
                                ? gdk_pixbuf_scale_simple (pixbuf, width * factor, height * factor,
                                                           GDK_INTERP_NEAREST)
                                : g_object_ref (pixbuf);
  /* the pixbuf's own bytes as a texture: gdk_texture_new_for_pixbuf() is
   * deprecated in newer GTK, and a pixbuf is 8-bit RGB(A), not premultiplied */
  g_autoptr (GBytes) pixels = gdk_pixbuf_read_pixel_bytes (shown);
  g_autoptr (GdkTexture) texture =
    gdk_memory_texture_new (gdk_pixbuf_get_width (shown), gdk_pixbuf_get_height (shown),
                            gdk_pixbuf_get_has_alpha (shown) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                            pixels, gdk_pixbuf_get_rowstride (shown));
  guint8 counts[CNN_INPUT_SIZE];
  float cells[CNN_INPUT_SIZE];
  g_autofree char *caption = NULL;

  adw_window_title_set_subtitle (self->window_title, name);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  /* Translators: under the original image: its width × height in pixels */
  caption = g_strdup_printf (_("The image, %d × %d pixels"), width, height);
  gtk_label_set_label (self->original_caption, caption);

  convolve_image_get_counts (self->image, counts);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    cells[i] = counts[i];
  convolve_heatmap_set_scale (self->heatmap, CONVOLVE_SCALE_SEQUENTIAL, 16);
  convolve_heatmap_set_data (self->heatmap, cells, CNN_INPUT_H, CNN_INPUT_W, 1);
}

GtkWidget *
convolve_image_details_new (GtkWindow     *parent,
                            ConvolveImage *image,
                            const char    *name)
{
  ConvolveImageDetails *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONVOLVE_IS_IMAGE (image), NULL);

  self = g_object_new (CONVOLVE_TYPE_IMAGE_DETAILS, "transient-for", parent, NULL);
  self->image = g_object_ref (image);
  show (self, name != NULL ? name : "");
  return GTK_WIDGET (self);
}

ConvolveImage *
convolve_image_details_get_image (ConvolveImageDetails *self)
{
  g_return_val_if_fail (CONVOLVE_IS_IMAGE_DETAILS (self), NULL);
  return self->image;
}

static void
convolve_image_details_dispose (GObject *object)
{
  ConvolveImageDetails *self = CONVOLVE_IMAGE_DETAILS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_IMAGE_DETAILS);
  g_clear_object (&self->image);

  G_OBJECT_CLASS (convolve_image_details_parent_class)->dispose (object);
}

static void
convolve_image_details_class_init (ConvolveImageDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_image_details_dispose;

  g_type_ensure (CONVOLVE_TYPE_HEATMAP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-image-details.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveImageDetails, window_title);
  gtk_widget_class_bind_template_child (widget_class, ConvolveImageDetails, picture);
  gtk_widget_class_bind_template_child (widget_class, ConvolveImageDetails, original_caption);
  gtk_widget_class_bind_template_child (widget_class, ConvolveImageDetails, heatmap);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
convolve_image_details_init (ConvolveImageDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  convolve_heatmap_set_tooltip_func (self->heatmap, cell_tooltip, NULL, NULL);
}
