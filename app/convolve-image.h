/* convolve-image.h — a picture of a digit, read as the data set's digits were
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any image GdkPixbuf reads (PNG, JPEG, SVG, WebP, GIF, BMP…) becomes the
 * network's 8×8 input the way the UCI digits were made from their scans:
 * greyscale; ink told from paper by the border (dark ink on light paper
 * and light ink on dark paper both work; transparent pixels are paper);
 * an Otsu threshold makes it black and white; then the engine's one rule
 * (cnn_ink_normalize_rect() with the data set's 32×32 frame): crop to the
 * ink's box, scale its longer side to 32 keeping the aspect, centre,
 * count the ink in 4×4 blocks. Each value is k/16, what a row of the
 * shipped CSV holds divided by 16.
 *
 * GdkPixbuf, GIO and the engine only — no GTK — so convolve-cli uses it
 * too. Every failure a file can cause is a GError (CONVOLVE_IMAGE_ERROR,
 * or G_IO_ERROR from reading the file); nothing is decoded before its size
 * is known to be within the limits of engine/cnn-limits.h
 * (CNN_LIMIT_IMAGE_SIDE, CNN_LIMIT_IMAGE_FILE_BYTES).
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "cnn.h"

G_BEGIN_DECLS

#define CONVOLVE_IMAGE_ERROR (convolve_image_error_quark ())
GQuark convolve_image_error_quark (void);

typedef enum {
  CONVOLVE_IMAGE_ERROR_FORMAT,     /* not a format GdkPixbuf can read */
  CONVOLVE_IMAGE_ERROR_CORRUPT,    /* a known format, but the data is bad or cut short */
  CONVOLVE_IMAGE_ERROR_EMPTY,      /* an empty file, or an image of zero width or height */
  CONVOLVE_IMAGE_ERROR_TOO_LARGE,  /* over CNN_LIMIT_IMAGE_SIDE or CNN_LIMIT_IMAGE_FILE_BYTES */
  CONVOLVE_IMAGE_ERROR_ANIMATED,   /* more than one frame */
  CONVOLVE_IMAGE_ERROR_BLANK,      /* no ink: one colour, or too little contrast */
} ConvolveImageError;

#define CONVOLVE_TYPE_IMAGE (convolve_image_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveImage, convolve_image, CONVOLVE, IMAGE, GObject)

/* Reads and decodes file in a thread; cancellable at any time (then
 * G_IO_ERROR_CANCELLED). */
void           convolve_image_load_async    (GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
ConvolveImage *convolve_image_load_finish   (GAsyncResult        *result,
                                             GError             **error);
/* The same, blocking (convolve-cli) */
ConvolveImage *convolve_image_load          (GFile               *file,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* An encoded image already in memory (a file's bytes, a dropped or pasted
 * PNG): the same checks as for a file */
ConvolveImage *convolve_image_new_from_bytes (GBytes             *bytes,
                                              GCancellable       *cancellable,
                                              GError            **error);

/* Raw pixels: width × height, rows stride bytes apart, 8 bits a channel,
 * R G B (has_alpha FALSE) or R G B A, alpha not premultiplied — the layout
 * of a GdkPixbuf. Copied. */
ConvolveImage *convolve_image_new_from_rgba (const guint8 *pixels,
                                             int           width,
                                             int           height,
                                             gsize         stride,
                                             gboolean      has_alpha,
                                             GError      **error);
/* Raw pixels as Cairo's ARGB32 (32-bit native-endian words, alpha
 * premultiplied): what gdk_texture_download() writes on GTK 4.8. Copied. */
ConvolveImage *convolve_image_new_from_argb32_premultiplied (const guint8 *pixels,
                                                             int           width,
                                                             int           height,
                                                             gsize         stride,
                                                             GError      **error);

/* 64 values, row-major, each k/16 (0..1): the network's input */
const float   *convolve_image_get_values    (ConvolveImage *self);
/* The same as the shipped CSV holds them: 64 counts 0..16 */
void           convolve_image_get_counts    (ConvolveImage *self,
                                             guint8         counts[CNN_INPUT_SIZE]);
/* The decoded original (oriented as its EXIF tag says, for JPEGs) */
GdkPixbuf     *convolve_image_get_pixbuf    (ConvolveImage *self);

/* TRUE when data (the start of a file; 4 KiB is plenty) is in a format
 * GdkPixbuf reads — by content, whatever the file's name. It may still
 * fail to decode. */
gboolean       convolve_image_sniff         (const guint8 *data,
                                             gsize         len);

G_END_DECLS
