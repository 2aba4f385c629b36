/* convolve-image.c — decode, tell ink from paper, threshold, normalise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every source (a file, bytes, raw pixels) ends up as an 8-bit RGB(A)
 * GdkPixbuf, kept for the detail view, and goes through read_ink():
 *
 *   pass 1  grey g = 0.299 R + 0.587 G + 0.114 B (0..255) and alpha a of
 *           every pixel: their sums over the whole image and over its
 *           border (the outermost rows and columns) give the paper's grey:
 *           the border's, when the border is mostly opaque; when it is
 *           mostly transparent (an icon, an SVG on no background), the
 *           opposite of the drawing's own grey, so transparent is paper.
 *           Transparent pixels are laid on that paper (v = a·g + (1−a)·P).
 *           The ink is dark when the paper is at least as light as the
 *           image's mean, else light.
 *   pass 2  "inkness" I = 255 − v for dark ink, v for light (0..255,
 *           one byte a pixel) and its histogram; Otsu's threshold t (the
 *           one that best separates two classes); I > t is ink. An image
 *           whose two classes differ by less than MIN_CONTRAST grey levels
 *           is blank (paper with noise, a flat colour).
 *   then    the ink bitmap through cnn_ink_normalize_rect() into the data
 *           set's 32×32 frame: 64 values k/16.
 *
 * Sizes are checked before anything is allocated from them: the file's
 * size first, then the image's from its header, in the decoding loader's
 * "size-prepared" handler, which stops an oversized decode the way
 * gdk_pixbuf_get_file_info() does (a requested size of 0 × 0 makes every
 * loader stop before it allocates the pixels). Data is fed to the loader
 * as it is read, so a refused header costs one 64 KiB read.
 */
#include "config.h"

#include "convolve-image.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* Grey levels (of 255) between the ink's and the paper's mean below which
 * there is no ink, only noise: a JPEG of white paper varies by a few
 * levels, a faint pencil line on white by 60 or more. */
#define MIN_CONTRAST 32
/* Bytes handed to the loader at a time: cancellation is looked at between */
#define CHUNK ((gsize) 64 * 1024)
/* The start of a file convolve_image_sniff() looks at */
#define SNIFF_BYTES 4096

struct _ConvolveImage
{
  GObject parent_instance;

  GdkPixbuf *pixbuf;
  float values[CNN_INPUT_SIZE];
};

G_DEFINE_FINAL_TYPE (ConvolveImage, convolve_image, G_TYPE_OBJECT)

G_DEFINE_QUARK (convolve-image-error-quark, convolve_image_error)

static void
convolve_image_finalize (GObject *object)
{
  ConvolveImage *self = CONVOLVE_IMAGE (object);

  g_clear_object (&self->pixbuf);

  G_OBJECT_CLASS (convolve_image_parent_class)->finalize (object);
}

static void
convolve_image_class_init (ConvolveImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = convolve_image_finalize;
}

static void
convolve_image_init (ConvolveImage *self)
{
}

/* ---- limits --------------------------------------------------------------- */

static gboolean
check_file_size (guint64   size,
                 GError  **error)
{
  if (size == 0)
    {
      g_set_error_literal (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_EMPTY,
                           _("The file is empty"));
      return FALSE;
    }
  if (size > CNN_LIMIT_IMAGE_FILE_BYTES)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *limit = g_format_size (CNN_LIMIT_IMAGE_FILE_BYTES);

      /* Translators: two file sizes, e.g. "80.2 MB" and "67.1 MB" */
      g_set_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_TOO_LARGE,
                   _("The file is %s; images of at most %s can be opened"), have, limit);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_dimensions (int      width,
                  int      height,
                  GError **error)
{
  if (width <= 0 || height <= 0)
    {
      g_set_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_EMPTY,
                   _("The image has no pixels (%d × %d)"), MAX (width, 0), MAX (height, 0));
      return FALSE;
    }
  if (width > CNN_LIMIT_IMAGE_SIDE || height > CNN_LIMIT_IMAGE_SIDE)
    {
      g_set_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_TOO_LARGE,
                   _("The image is %d × %d pixels; at most %d × %d can be opened"),
                   width, height, CNN_LIMIT_IMAGE_SIDE, CNN_LIMIT_IMAGE_SIDE);
      return FALSE;
    }
  return TRUE;
}

/* ---- pixels → values ------------------------------------------------------ */

static inline guint
grey_of (const guint8 *p)
{
  return (299u * p[0] + 587u * p[1] + 114u * p[2] + 500u) / 1000u;
}

static gboolean
read_ink (GdkPixbuf  *pixbuf,
          float       values[CNN_INPUT_SIZE],
          GError    **error)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  gsize stride = (gsize) gdk_pixbuf_get_rowstride (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint64 n = (guint64) width * height;
  guint64 sum_a = 0, sum_ag = 0, border_n = 0, border_a = 0, border_ag = 0;
  guint64 hist[256] = { 0 };
  guint64 mean_v255;
  g_autofree guint8 *level = NULL;
  guint paper;
  gboolean dark_ink;
  double total_i = 0, best = -1, best_contrast = 0;
  guint64 below = 0;
  double sum_below = 0;
  int threshold = -1;

  if (gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB
      || gdk_pixbuf_get_bits_per_sample (pixbuf) != 8
      || channels != (alpha ? 4 : 3))
    {
      g_set_error_literal (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_FORMAT,
                           _("The image’s pixel format is not supported"));
      return FALSE;
    }
  if (!check_dimensions (width, height, error))
    return FALSE;

  /* pass 1: sums of a and a·g, everywhere and on the border */
  for (int y = 0; y < height; y++)
    {
      const guint8 *p = pixels + (gsize) y * stride;
      gboolean edge_row = y == 0 || y == height - 1;

      for (int x = 0; x < width; x++, p += channels)
        {
          guint a = alpha ? p[3] : 255u;
          guint64 ag = (guint64) a * grey_of (p);

          sum_a += a;
          sum_ag += ag;
          if (edge_row || x == 0 || x == width - 1)
            {
              border_n++;
              border_a += a;
              border_ag += ag;
            }
        }
    }

  if (sum_a == 0)
    {
      g_set_error_literal (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_BLANK,
                           _("The image has no ink: it is fully transparent"));
      return FALSE;
    }
  if (2 * border_a >= border_n * 255)
    paper = (guint) ((border_ag + border_a / 2) / border_a);
  else
    paper = sum_ag / sum_a >= 128 ? 0 : 255;

  /* the mean of v, times 255: Σ (a·g + (255 − a)·P) / n */
  mean_v255 = (sum_ag + (n * 255 - sum_a) * paper) / n;
  dark_ink = (guint64) paper * 255 >= mean_v255;

  /* pass 2: inkness and its histogram */
  level = g_try_malloc (n);
  if (level == NULL)
    {
      g_set_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_TOO_LARGE,
                   _("Not enough memory to read an image of %d × %d pixels"), width, height);
      return FALSE;
    }
  for (int y = 0; y < height; y++)
    {
      const guint8 *p = pixels + (gsize) y * stride;
      guint8 *out = level + (gsize) y * width;

      for (int x = 0; x < width; x++, p += channels)
        {
          guint a = alpha ? p[3] : 255u;
          guint v = (a * grey_of (p) + (255u - a) * paper + 127u) / 255u;
          guint i = dark_ink ? 255u - v : v;

          out[x] = (guint8) i;
          hist[i]++;
        }
    }

  /* Otsu: the t maximising w0·w1·(μ1 − μ0)², classes I ≤ t and I > t; the
   * first of equal maxima (a two-level image: the paper's level) */
  for (int i = 0; i < 256; i++)
    total_i += (double) i * hist[i];
  for (int t = 0; t < 255; t++)
    {
      double w0, w1, mu0, mu1, between;

      below += hist[t];
      sum_below += (double) t * hist[t];
      if (below == 0 || below == n)
        continue;
      w0 = (double) below / n;
      w1 = 1.0 - w0;
      mu0 = sum_below / below;
      mu1 = (total_i - sum_below) / (n - below);
      between = w0 * w1 * (mu1 - mu0) * (mu1 - mu0);
      if (between > best)
        {
          best = between;
          best_contrast = mu1 - mu0;
          threshold = t;
        }
    }

  if (threshold < 0)
    {
      g_set_error_literal (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_BLANK,
                           _("The image has no ink: it is all one colour"));
      return FALSE;
    }
  if (best_contrast < MIN_CONTRAST)
    {
      g_set_error_literal (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_BLANK,
                           _("The image has no ink: there is too little contrast to tell "
                             "ink from paper"));
      return FALSE;
    }

  for (guint64 i = 0; i < n; i++)
    level[i] = level[i] > threshold;
  if (!cnn_ink_normalize_rect (level, width, height, (gsize) width, CNN_INK_FRAME, values))
    {
      g_set_error_literal (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_BLANK,
                           _("The image has no ink"));
      return FALSE;
    }
  return TRUE;
}

/* Takes pixbuf */
static ConvolveImage *
image_new (GdkPixbuf  *pixbuf,
           GError    **error)
{
  g_autoptr (ConvolveImage) self = g_object_new (CONVOLVE_TYPE_IMAGE, NULL);

  self->pixbuf = pixbuf;
  if (!read_ink (pixbuf, self->values, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- decoding ------------------------------------------------------------- */

typedef struct
{
  int width;
  int height;
  gboolean refused;
  /* rows the loader said it decoded ("area-updated"), [height] */
  guint8 *rows;
  int rows_done;
} SizeCheck;

/* Before the loader allocates anything: an image of no pixels or over the
 * limit is stopped here (0 × 0 makes every loader give up at once) */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         data)
{
  SizeCheck *check = data;

  check->width = width;
  check->height = height;
  if (width <= 0 || height <= 0
      || width > CNN_LIMIT_IMAGE_SIDE || height > CNN_LIMIT_IMAGE_SIDE)
    {
      check->refused = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }
  g_free (check->rows);
  check->rows = g_new0 (guint8, height);
  check->rows_done = 0;
}

static void
on_area_updated (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 gpointer         data)
{
  SizeCheck *check = data;

  if (check->rows == NULL)
    return;
  for (int row = MAX (y, 0); row < MIN (y + height, check->height); row++)
    if (!check->rows[row])
      {
        check->rows[row] = 1;
        check->rows_done++;
      }
}

/* Feeds the loader from in, a chunk at a time, and stops as soon as the
 * size is refused (the header comes first) or the data is: nothing more
 * is read than the loader needs to say no, never more than
 * CNN_LIMIT_IMAGE_FILE_BYTES + 1 bytes. */
static ConvolveImage *
decode_stream (GInputStream  *in,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr (GError) local = NULL;
  g_autofree guint8 *buf = g_malloc (CHUNK);
  GdkPixbufAnimation *animation;
  GdkPixbuf *pixbuf;
  SizeCheck check = { 0 };
  guint64 total = 0;
  gboolean ok = TRUE, closed;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &check);
  g_signal_connect (loader, "area-updated", G_CALLBACK (on_area_updated), &check);
  while (ok && !check.refused)
    {
      gssize got = g_input_stream_read (in, buf, CHUNK, cancellable, error);

      if (got < 0 || (total += (guint64) got) > CNN_LIMIT_IMAGE_FILE_BYTES)
        {
          /* a read error (cancelled too), or too much */
          gdk_pixbuf_loader_close (loader, NULL);
          g_free (check.rows);
          if (got >= 0)
            check_file_size (total, error);
          return NULL;
        }
      if (got == 0)
        break;
      ok = gdk_pixbuf_loader_write (loader, buf, (gsize) got, &local);
    }
  /* always closed (a loader finalised open complains); its error only
   * counts when writing went well */
  closed = gdk_pixbuf_loader_close (loader, ok ? &local : NULL);
  ok = ok && closed;
  g_clear_pointer (&check.rows, g_free);

  if (total == 0)
    {
      check_file_size (0, error);
      return NULL;
    }
  if (check.refused)
    {
      check_dimensions (check.width, check.height, error);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!ok)
    {
      if (g_error_matches (local, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE))
        g_set_error_literal (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_FORMAT,
                             _("The file is not an image in a format that can be opened"));
      else
        /* Translators: the decoder's own explanation follows */
        g_set_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_CORRUPT,
                     _("The image is damaged or incomplete: %s"),
                     local != NULL ? local->message : _("no pixels"));
      return NULL;
    }

  animation = gdk_pixbuf_loader_get_animation (loader);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (animation != NULL && !gdk_pixbuf_animation_is_static_image (animation))
    {
      g_set_error_literal (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_ANIMATED,
                           _("The image is animated; only still images can be opened"));
      return NULL;
    }
  if (pixbuf == NULL)
    {
      g_set_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_CORRUPT,
                   _("The image is damaged or incomplete: %s"), _("no pixels"));
      return NULL;
    }
  /* Some loaders (PNG, BMP, PNM, ICO) take a file cut short without an
   * error, the rows never decoded left blank: every installed loader
   * reports each row it decodes, so rows never reported mean the data
   * ended early. (An interlaced image cut after its first pass, or a
   * WebP, still passes: it is whole, only coarse.) */
  if (check.rows_done < gdk_pixbuf_get_height (pixbuf))
    {
      g_set_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_CORRUPT,
                   _("The image is damaged or incomplete: %s"), _("the data ends early"));
      return NULL;
    }

  /* a JPEG from a phone stands the way its EXIF tag says */
  return image_new (gdk_pixbuf_apply_embedded_orientation (pixbuf), error);
}

ConvolveImage *
convolve_image_new_from_bytes (GBytes        *bytes,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr (GInputStream) in = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_file_size (g_bytes_get_size (bytes), error))
    return NULL;
  in = g_memory_input_stream_new_from_bytes (bytes);
  return decode_stream (in, cancellable, error);
}

ConvolveImage *
convolve_image_load (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) in = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A regular file too large is refused by its size, unread. (The
   * header's size is checked by the loader itself as it decodes: the
   * mechanism gdk_pixbuf_get_file_info() uses, without its second read
   * of the file and without its critical warning on a 0 × 0 SVG.) */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
      && !check_file_size ((guint64) g_file_info_get_size (info), error))
    return NULL;

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  return decode_stream (G_INPUT_STREAM (in), cancellable, error);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  ConvolveImage *image = convolve_image_load (task_data, cancellable, &error);

  if (image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, image, g_object_unref);
}

void
convolve_image_load_async (GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, convolve_image_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  /* a cancelled load answers at once; the thread stops at its next check */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

ConvolveImage *
convolve_image_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == convolve_image_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- raw pixels ----------------------------------------------------------- */

static GdkPixbuf *
new_pixbuf (int        width,
            int        height,
            gboolean   has_alpha,
            GError   **error)
{
  GdkPixbuf *pixbuf;

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, has_alpha, 8, width, height);
  if (pixbuf == NULL)
    g_set_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_TOO_LARGE,
                 _("Not enough memory to read an image of %d × %d pixels"), width, height);
  return pixbuf;
}

ConvolveImage *
convolve_image_new_from_rgba (const guint8  *pixels,
                              int            width,
                              int            height,
                              gsize          stride,
                              gboolean       has_alpha,
                              GError       **error)
{
  GdkPixbuf *pixbuf;
  guint8 *dest;
  gsize dest_stride, row_bytes;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_dimensions (width, height, error))
    return NULL;
  row_bytes = (gsize) width * (has_alpha ? 4 : 3);
  g_return_val_if_fail (pixels != NULL && stride >= row_bytes, NULL);

  pixbuf = new_pixbuf (width, height, has_alpha, error);
  if (pixbuf == NULL)
    return NULL;
  dest = gdk_pixbuf_get_pixels (pixbuf);
  dest_stride = (gsize) gdk_pixbuf_get_rowstride (pixbuf);
  for (int y = 0; y < height; y++)
    memcpy (dest + y * dest_stride, pixels + y * stride, row_bytes);
  return image_new (pixbuf, error);
}

ConvolveImage *
convolve_image_new_from_argb32_premultiplied (const guint8  *pixels,
                                              int            width,
                                              int            height,
                                              gsize          stride,
                                              GError       **error)
{
  GdkPixbuf *pixbuf;
  guint8 *dest;
  gsize dest_stride;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_dimensions (width, height, error))
    return NULL;
  g_return_val_if_fail (pixels != NULL && stride >= (gsize) width * 4, NULL);

  pixbuf = new_pixbuf (width, height, TRUE, error);
  if (pixbuf == NULL)
    return NULL;

  dest = gdk_pixbuf_get_pixels (pixbuf);
  dest_stride = (gsize) gdk_pixbuf_get_rowstride (pixbuf);
  for (int y = 0; y < height; y++)
    {
      const guint8 *src = pixels + y * stride;
      guint8 *out = dest + y * dest_stride;

      for (int x = 0; x < width; x++, src += 4, out += 4)
        {
          guint32 word;
          guint a, r, g, b;

          memcpy (&word, src, 4);
          a = word >> 24;
          r = (word >> 16) & 0xff;
          g = (word >> 8) & 0xff;
          b = word & 0xff;
          /* undo the premultiplication; rounded, and never above 255 */
          out[0] = a == 0 ? 0 : (guint8) MIN (255u, (r * 255u + a / 2) / a);
          out[1] = a == 0 ? 0 : (guint8) MIN (255u, (g * 255u + a / 2) / a);
          out[2] = a == 0 ? 0 : (guint8) MIN (255u, (b * 255u + a / 2) / a);
          out[3] = (guint8) a;
        }
    }
  return image_new (pixbuf, error);
}

/* ---- results -------------------------------------------------------------- */

const float *
convolve_image_get_values (ConvolveImage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_IMAGE (self), NULL);

  return self->values;
}

void
convolve_image_get_counts (ConvolveImage *self,
                           guint8         counts[CNN_INPUT_SIZE])
{
  g_return_if_fail (CONVOLVE_IS_IMAGE (self));
  g_return_if_fail (counts != NULL);

  /* exact: every value is k/16 */
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    counts[i] = (guint8) (self->values[i] * 16.0f + 0.5f);
}

GdkPixbuf *
convolve_image_get_pixbuf (ConvolveImage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_IMAGE (self), NULL);

  return self->pixbuf;
}

/* ---- sniffing ------------------------------------------------------------- */

static void
on_sniff_size_prepared (GdkPixbufLoader *loader,
                        int              width,
                        int              height,
                        gpointer         data)
{
  /* the format is known: nothing needs decoding */
  gdk_pixbuf_loader_set_size (loader, 0, 0);
}

gboolean
convolve_image_sniff (const guint8 *data,
                      gsize         len)
{
  g_autoptr (GdkPixbufLoader) loader = NULL;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len == 0)
    return FALSE;
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_sniff_size_prepared), NULL);
  /* the loader picks its module from the first bytes, by content; a cut
   * or broken image fails after that, an unknown format before */
  gdk_pixbuf_loader_write (loader, data, MIN (len, SNIFF_BYTES), NULL);
  gdk_pixbuf_loader_close (loader, NULL);
  return gdk_pixbuf_loader_get_format (loader) != NULL;
}
