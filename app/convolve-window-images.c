/* convolve-window-images.c — a picture of a digit into the grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open Image… (Ctrl+Shift+O), a file dropped on the window or the grid,
 * Ctrl+V on the grid: ConvolveImage turns the picture into 64 values
 * (off the main thread for a file) and they replace the drawing as one
 * undoable change (convolve_window_load_digit), so Ctrl+Z brings the
 * drawing back. A picture that cannot be read changes nothing. While the
 * drawing is still the picture's, win.image-details shows the two side
 * by side.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "convolve-file-chooser.h"
#include "convolve-image-details.h"
#include "convolve-window-private.h"

/* A decode that takes longer than this says so: most take a few ms */
#define PROGRESS_DELAY_MS 300

static void
stop_progress (ConvolveWindow *self)
{
  g_clear_handle_id (&self->image_progress_id, g_source_remove);
  if (self->image_progress_toast != NULL)
    adw_toast_dismiss (self->image_progress_toast);
  g_clear_object (&self->image_progress_toast);
}

/* Whether the drawing is still the picture's values, unchanged */
static gboolean
drawing_is_image (ConvolveWindow *self)
{
  ConvolveGridModel *model;

  /* none, or the window is being taken apart */
  if (self->image == NULL || self->explore_page == NULL)
    return FALSE;
  model = convolve_explore_page_get_grid_model (self->explore_page);
  return memcmp (convolve_grid_model_get_values (model), convolve_image_get_values (self->image),
                 sizeof (float) * CNN_INPUT_SIZE) == 0;
}

static void
update_details_action (ConvolveWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.image-details", drawing_is_image (self));
}

/* image (taken) onto the grid; what: the toast's text */
static void
show_image (ConvolveWindow *self,
            ConvolveImage  *image,
            const char     *name,
            const char     *what)
{
  g_set_object (&self->image, image);
  g_object_unref (image);
  g_free (self->image_name);
  self->image_name = g_strdup (name);
  convolve_window_load_digit (self, convolve_image_get_values (image));
  update_details_action (self);
  /* Translators: the button of the toast after an image was read: shows it beside its 8×8 */
  convolve_window_toast_full (self, what, _("_Show"), "win.image-details");
}

/* One open in flight: whose (weak: closing the window disposes it, and
 * that cancels the read), of what, and which (a newer one replaces it) */
typedef struct
{
  GWeakRef window;
  GFile *file;
  GCancellable *cancellable;
} Opening;

static void
opening_free (Opening *o)
{
  g_weak_ref_clear (&o->window);
  g_clear_object (&o->file);
  g_clear_object (&o->cancellable);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

static void
on_image_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (Opening) o = user_data;
  g_autoptr (ConvolveWindow) self = g_weak_ref_get (&o->window);
  g_autoptr (GError) error = NULL;
  ConvolveImage *image = convolve_image_load_finish (result, &error);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  /* a newer open, or the window closing: this one is nobody's news */
  if (self == NULL || o->cancellable != self->image_cancellable
      || g_cancellable_is_cancelled (o->cancellable))
    {
      g_clear_object (&image);
      return;
    }
  stop_progress (self);
  g_clear_object (&self->image_cancellable);
  name = g_file_get_basename (o->file);
  if (image == NULL)
    {
      /* Translators: a toast: the file's name, then why it could not be read */
      text = g_strdup_printf (_("Could not open “%s”: %s. The drawing is unchanged."), name,
                              error->message);
      convolve_window_toast (self, text);
      return;
    }
  {
    GdkPixbuf *pixbuf = convolve_image_get_pixbuf (image);

    /* Translators: a toast: the file's name, its width and height in pixels */
    text = g_strdup_printf (_("Read “%s” (%d × %d) into the grid"), name,
                            gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
  }
  show_image (self, image, name, text);
}

static gboolean
on_progress_due (gpointer user_data)
{
  ConvolveWindow *self = user_data;
  /* Translators: a toast while a large image is being read */
  AdwToast *toast = adw_toast_new (_("Reading the image…"));

  self->image_progress_id = 0;
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Cancel"));
  adw_toast_set_action_name (toast, "win.image-cancel");
  self->image_progress_toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return G_SOURCE_REMOVE;
}

void
convolve_window_open_image_async (ConvolveWindow *self,
                                  GFile          *file)
{
  g_return_if_fail (CONVOLVE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* the newest open wins: an older one still decoding is dropped */
  convolve_window_cancel_image (self);
  self->image_cancellable = g_cancellable_new ();
  self->image_progress_id = g_timeout_add (PROGRESS_DELAY_MS, on_progress_due, self);
  {
    Opening *o = g_new0 (Opening, 1);

    g_weak_ref_init (&o->window, self);
    o->file = g_object_ref (file);
    o->cancellable = g_object_ref (self->image_cancellable);
    convolve_image_load_async (file, self->image_cancellable, on_image_loaded, o);
  }
}

void
convolve_window_cancel_image (ConvolveWindow *self)
{
  g_return_if_fail (CONVOLVE_IS_WINDOW (self));

  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  stop_progress (self);
}

gboolean
convolve_window_get_image_loading (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), FALSE);
  return self->image_cancellable != NULL;
}

gboolean
convolve_window_paste_texture (ConvolveWindow  *self,
                               GdkTexture      *texture,
                               GError         **error)
{
  int width, height;
  gsize stride;
  g_autofree guint8 *pixels = NULL;
  ConvolveImage *image;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (GDK_IS_TEXTURE (texture), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  /* refused by the image unit's own size check (the one message for
   * every way in) before a pixel is copied: it looks at nothing else */
  if (width <= 0 || height <= 0 || width > CNN_LIMIT_IMAGE_SIDE || height > CNN_LIMIT_IMAGE_SIDE)
    return convolve_image_new_from_argb32_premultiplied (NULL, width, height, 0, error) != NULL;
  stride = (gsize) width * 4;
  pixels = g_malloc ((gsize) height * stride);
  gdk_texture_download (texture, pixels, stride);
  image = convolve_image_new_from_argb32_premultiplied (pixels, width, height, stride, error);
  if (image == NULL)
    return FALSE;
  /* Translators: a toast: the pasted image's width and height in pixels */
  text = g_strdup_printf (_("Pasted a %d × %d image into the grid"), width, height);
  show_image (self, image, _("Pasted image"), text);
  return TRUE;
}

static void
on_received (ConvolveWindow *self,
             GObject        *content)
{
  g_autoptr (GError) error = NULL;

  if (G_IS_FILE (content))
    convolve_window_open_file (self, G_FILE (content));
  else if (GDK_IS_TEXTURE (content))
    {
      if (!convolve_window_paste_texture (self, GDK_TEXTURE (content), &error))
        {
          /* Translators: a toast: why a pasted or dropped image could not be read */
          g_autofree char *text = g_strdup_printf (_("Could not read the image: %s. The drawing is "
                                                     "unchanged."), error->message);

          convolve_window_toast (self, text);
        }
    }
  else
    /* Translators: a toast: Ctrl+V on the grid with no image on the clipboard */
    convolve_window_toast (self, _("Nothing to paste: the clipboard holds no image"));
}

ConvolveImage *
convolve_window_get_image (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return drawing_is_image (self) ? self->image : NULL;
}

GtkWidget *
convolve_window_show_image_details (ConvolveWindow *self)
{
  GtkWidget *details;

  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);

  if (!drawing_is_image (self))
    return NULL;
  details = convolve_image_details_new (GTK_WINDOW (self), self->image, self->image_name);
  gtk_window_present (GTK_WINDOW (details));
  return details;
}

static void
on_image_chosen (GtkWindow *parent,
                 GFile     *file,
                 gpointer   user_data)
{
  convolve_window_open_image_async (CONVOLVE_WINDOW (parent), file);
}

void
convolve_window_choose_image_file (ConvolveWindow *self)
{
  GtkFileFilter *filters[] = { convolve_file_filter_new_images (_("Images")), NULL };

  g_return_if_fail (CONVOLVE_IS_WINDOW (self));

  convolve_choose_file (GTK_WINDOW (self), _("Open Image"), NULL, filters, on_image_chosen, NULL);
}

void
convolve_window_images_init (ConvolveWindow *self)
{
  ConvolveGrid *grid = convolve_explore_page_get_grid (self->explore_page);

  g_signal_connect_object (grid, "received", G_CALLBACK (on_received), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (convolve_grid_get_model (grid), "changed", G_CALLBACK (update_details_action),
                           self, G_CONNECT_SWAPPED);
  update_details_action (self);
}

void
convolve_window_images_dispose (ConvolveWindow *self)
{
  convolve_window_cancel_image (self);
  g_clear_object (&self->image);
  g_clear_pointer (&self->image_name, g_free);
}
