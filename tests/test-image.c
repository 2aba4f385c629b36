/* test-image.c — pictures of digits into the network's input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Known answers worked out by hand (a square, its negative, a 1-pixel
 * line, an SVG, a JPEG, a WebP, transparent paper), the refusals (blank,
 * oversized by header and by file size, corrupt, empty, animated), the
 * asynchronous load and its cancellation, sniffing by content, and the
 * one rule: an image of the grid model's strokes gives what the engine's
 * rule gives for the grid's own ink bitmap. No display needed.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "convolve-grid-model.h"
#include "convolve-image.h"
#include "test-tmpdir.h"

static char *tmpdir;

/* ---- making pictures -------------------------------------------------------- */

static GdkPixbuf *
canvas (int      width,
        int      height,
        gboolean alpha,
        guint32  rgba)
{
  GdkPixbuf *pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);

  gdk_pixbuf_fill (pb, rgba);
  return pb;
}

static void
fill_rect (GdkPixbuf *pb,
           int        x,
           int        y,
           int        w,
           int        h,
           guint32    rgba)
{
  g_autoptr (GdkPixbuf) sub = gdk_pixbuf_new_subpixbuf (pb, x, y, w, h);

  gdk_pixbuf_fill (sub, rgba);
}

static GBytes *
encode (GdkPixbuf  *pb,
        const char *type)
{
  g_autoptr (GError) error = NULL;
  gchar *buf = NULL;
  gsize len = 0;

  gdk_pixbuf_save_to_buffer (pb, &buf, &len, type, &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buf, len);
}

static char *
write_file (const char *name,
            GBytes     *bytes)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

static ConvolveImage *
load_path (const char *path,
           GError    **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return convolve_image_load (file, NULL, error);
}

/* rows: 8 strings of 8 hex digits, the counts 0..16 ('g' is 16) */
static void
assert_counts (ConvolveImage *image,
               const char    *rows[8])
{
  const float *values = convolve_image_get_values (image);
  guint8 counts[CNN_INPUT_SIZE];

  convolve_image_get_counts (image, counts);
  for (int y = 0; y < 8; y++)
    for (int x = 0; x < 8; x++)
      {
        char c = rows[y][x];
        int want = c == 'g' ? 16 : g_ascii_xdigit_value (c);

        if (values[y * 8 + x] != want / 16.0f || counts[y * 8 + x] != want)
          g_error ("cell (%d, %d) is %g/16, expected %d/16", x, y, values[y * 8 + x] * 16.0, want);
      }
}

static ConvolveImage *
decode_ok (GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  ConvolveImage *image = convolve_image_new_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  return image;
}

static void
assert_refused (GBytes *bytes,
                int     code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ConvolveImage) image = convolve_image_new_from_bytes (bytes, NULL, &error);

  g_assert_error (error, CONVOLVE_IMAGE_ERROR, code);
  g_assert_null (image);
  g_assert_cmpstr (error->message, !=, "");
}

static const char *all_ink[8] = {
  "gggggggg", "gggggggg", "gggggggg", "gggggggg",
  "gggggggg", "gggggggg", "gggggggg", "gggggggg",
};
/* a 2:1 box: 32 × 16 in the frame, rows 8..23 — block rows 2 to 5 */
static const char *band[8] = {
  "00000000", "00000000", "gggggggg", "gggggggg",
  "gggggggg", "gggggggg", "00000000", "00000000",
};

#define BLACK 0x000000ff
#define WHITE 0xffffffff
#define CLEAR 0x00000000

/* ---- known answers ---------------------------------------------------------- */

/* A black square on white fills the frame; so does its negative; so
 * does a 2:1 rectangle's height fill half of it, as a PNG file and the
 * same as raw pixels */
static void
test_square (void)
{
  g_autoptr (GdkPixbuf) pb = canvas (40, 40, FALSE, WHITE);
  g_autoptr (GdkPixbuf) neg = canvas (40, 40, FALSE, BLACK);
  g_autoptr (GdkPixbuf) wide = canvas (64, 48, TRUE, WHITE);
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GBytes) neg_png = NULL;
  g_autofree char *path = NULL;
  g_autoptr (ConvolveImage) image = NULL;
  g_autoptr (ConvolveImage) inverted = NULL;
  g_autoptr (ConvolveImage) raw = NULL;
  g_autoptr (GError) error = NULL;

  fill_rect (pb, 5, 20, 10, 10, BLACK);
  png = encode (pb, "png");
  path = write_file ("square.png", png);
  image = load_path (path, &error);
  g_assert_no_error (error);
  assert_counts (image, all_ink);
  /* the original is kept as decoded */
  g_assert_cmpint (gdk_pixbuf_get_width (convolve_image_get_pixbuf (image)), ==, 40);
  g_assert_cmpint (gdk_pixbuf_get_height (convolve_image_get_pixbuf (image)), ==, 40);

  fill_rect (neg, 5, 20, 10, 10, WHITE);
  neg_png = encode (neg, "png");
  inverted = decode_ok (neg_png);
  assert_counts (inverted, all_ink);

  fill_rect (wide, 30, 7, 20, 10, BLACK);
  raw = convolve_image_new_from_rgba (gdk_pixbuf_read_pixels (wide), 64, 48,
                                      (gsize) gdk_pixbuf_get_rowstride (wide), TRUE, &error);
  g_assert_no_error (error);
  assert_counts (raw, band);
}

/* A 1-pixel line, 20 long, on white: enlarged ×1.6 it is 1.6 pixels wide
 * centred at 16 — frame columns 15 and 16 — so 4 of 16 in block columns
 * 3 and 4, all the way down. Light grey paper, dark grey ink: the
 * threshold sits between them. */
static void
test_thin_line (void)
{
  static const char *vertical[8] = {
    "00044000", "00044000", "00044000", "00044000",
    "00044000", "00044000", "00044000", "00044000",
  };
  g_autoptr (GdkPixbuf) pb = canvas (40, 40, FALSE, 0xc8c8c8ff);
  g_autoptr (GBytes) png = NULL;
  g_autoptr (ConvolveImage) image = NULL;

  fill_rect (pb, 3, 11, 1, 20, 0x404040ff);
  png = encode (pb, "png");
  image = decode_ok (png);
  assert_counts (image, vertical);
}

/* An SVG with no background: transparent is paper, whatever the ink's
 * colour. A 32 × 16 rectangle on whole pixels (no edge is smoothed). */
static void
test_svg (void)
{
  static const char *dark =
    "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'>"
    "<rect x='8' y='20' width='32' height='16' fill='#000'/></svg>";
  static const char *light =
    "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'>"
    "<rect x='8' y='20' width='32' height='16' fill='#fff'/></svg>";
  static const char *on_paper =
    "<svg xmlns='http://www.w3.org/2000/svg' width='100' height='80'>"
    "<rect width='100' height='80' fill='#fff'/>"
    "<path d='M 30 10 L 60 10 L 60 70' stroke='#000' stroke-width='6' fill='none'/></svg>";
  g_autoptr (GBytes) a = g_bytes_new_static (dark, strlen (dark));
  g_autoptr (GBytes) b = g_bytes_new_static (light, strlen (light));
  g_autoptr (GBytes) c = g_bytes_new_static (on_paper, strlen (on_paper));
  g_autofree char *path = write_file ("seven.svg", c);
  g_autoptr (ConvolveImage) ia = decode_ok (a);
  g_autoptr (ConvolveImage) ib = decode_ok (b);
  g_autoptr (ConvolveImage) ic = NULL;
  g_autoptr (GError) error = NULL;
  const float *v;

  assert_counts (ia, band);
  assert_counts (ib, band);

  /* a "7" of two strokes 6 wide on white paper, by file: its box is
   * 33 × 63 pixels (butt caps, a mitred corner), so 16.8 of the frame's 32
   * wide, block columns 1 (barely) to 6, its strokes 3 frame pixels wide:
   * ink along the top and down block column 5, none in columns 0 and 7
   * or below the bar on the left */
  ic = load_path (path, &error);
  g_assert_no_error (error);
  v = convolve_image_get_values (ic);
  for (int x = 2; x <= 5; x++)
    g_assert_cmpfloat (v[x], >, 0.0f);
  for (int y = 0; y < 8; y++)
    {
      g_assert_cmpfloat (v[y * 8 + 5], >, 0.0f);
      g_assert_cmpfloat (v[y * 8 + 0] + v[y * 8 + 7], ==, 0.0f);
    }
  for (int y = 1; y < 8; y++)
    for (int x = 0; x < 5; x++)
      g_assert_cmpfloat (v[y * 8 + x], ==, 0.0f);
}

/* Transparent paper in a PNG, with white ink or black ink */
static void
test_transparent (void)
{
  for (int white = 0; white <= 1; white++)
    {
      g_autoptr (GdkPixbuf) pb = canvas (50, 50, TRUE, CLEAR);
      g_autoptr (GBytes) png = NULL;
      g_autoptr (ConvolveImage) image = NULL;

      fill_rect (pb, 10, 20, 30, 15, white ? WHITE : BLACK);
      png = encode (pb, "png");
      image = decode_ok (png);
      assert_counts (image, band);
    }
}

/* Lossy formats: a JPEG (its blocks aligned with the square, so ringing
 * stays far below the threshold) and a WebP */
static void
test_lossy (void)
{
  g_autoptr (GdkPixbuf) pb = canvas (64, 64, FALSE, WHITE);
  g_autoptr (GBytes) jpeg = NULL;
  g_autoptr (ConvolveImage) image = NULL;
  g_autoptr (GdkPixbuf) wide = canvas (64, 64, TRUE, WHITE);
  g_autoptr (GBytes) webp = NULL;
  g_autoptr (ConvolveImage) wimage = NULL;
  g_autofree char *webp_path = NULL;
  g_autoptr (GError) error = NULL;

  fill_rect (pb, 16, 24, 32, 32, BLACK);
  jpeg = encode (pb, "jpeg");
  image = decode_ok (jpeg);
  assert_counts (image, all_ink);

  /* webp-pixbuf-loader both reads and writes; build-aux/dev installs it */
  fill_rect (wide, 16, 24, 32, 16, BLACK);
  webp = encode (wide, "webp");
  webp_path = write_file ("band.webp", webp);
  wimage = load_path (webp_path, &error);
  g_assert_no_error (error);
  assert_counts (wimage, band);
}

/* What gdk_texture_download() gives on GTK 4.8: premultiplied ARGB32 in
 * native-endian words. Half-transparent black paper is still paper. */
static void
test_argb32 (void)
{
  int w = 20, h = 12;
  gsize stride = (gsize) w * 4 + 8;
  g_autofree guint8 *pixels = g_malloc0 (stride * h);
  g_autoptr (ConvolveImage) image = NULL;
  g_autoptr (GError) error = NULL;
  GdkPixbuf *pb;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gboolean ink = x >= 4 && x < 16 && y >= 3 && y < 9;
        /* ink: opaque white; paper: black at alpha 0x40 */
        guint32 word = ink ? 0xffffffffu : 0x40000000u;

        memcpy (pixels + y * stride + x * 4, &word, 4);
      }
  image = convolve_image_new_from_argb32_premultiplied (pixels, w, h, stride, &error);
  g_assert_no_error (error);
  assert_counts (image, band);
  pb = convolve_image_get_pixbuf (image);
  g_assert_true (gdk_pixbuf_get_has_alpha (pb));
  /* unpremultiplied: the ink's pixel reads back as opaque white */
  g_assert_cmpmem (gdk_pixbuf_read_pixels (pb) + 3 * gdk_pixbuf_get_rowstride (pb) + 4 * 4, 4,
                   "\xff\xff\xff\xff", 4);
}

/* ---- refusals --------------------------------------------------------------- */

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

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static void
put_le32 (guint8  *p,
          guint32  v)
{
  p[0] = v;
  p[1] = v >> 8;
  p[2] = v >> 16;
  p[3] = v >> 24;
}

/* A PNG signature, an IHDR chunk claiming width × height (8-bit RGB) and
 * the start of an IDAT chunk, CRCs right: libpng reports the size when it
 * meets the first IDAT. No pixel data follows. */
static GBytes *
png_header (guint32 width,
            guint32 height)
{
  guint8 *b = g_malloc0 (47);

  memcpy (b, "\x89PNG\r\n\x1a\n", 8);
  put_be32 (b + 8, 13);
  memcpy (b + 12, "IHDR", 4);
  put_be32 (b + 16, width);
  put_be32 (b + 20, height);
  b[24] = 8;   /* bit depth */
  b[25] = 2;   /* RGB */
  put_be32 (b + 29, crc32_of (b + 12, 17));
  put_be32 (b + 33, 2);
  memcpy (b + 37, "IDAT\x78\x9c", 6);   /* a zlib stream's first two bytes */
  put_be32 (b + 43, crc32_of (b + 37, 6));
  return g_bytes_new_take (b, 47);
}

/* A BMP file and info header claiming width × height at 24 bits, and 64
 * bytes of pixels. (gdk_pixbuf_new_from_file() opens this 118-byte file
 * as a 10000 × 10000 image: 300 MB.) */
static GBytes *
bmp_header (guint32 width,
            guint32 height)
{
  guint8 *b = g_malloc0 (54 + 64);

  b[0] = 'B';
  b[1] = 'M';
  put_le32 (b + 2, 54 + 64);
  put_le32 (b + 10, 54);
  put_le32 (b + 14, 40);
  put_le32 (b + 18, width);
  put_le32 (b + 22, height);
  b[26] = 1;   /* planes */
  b[28] = 24;  /* bits a pixel */
  return g_bytes_new_take (b, 54 + 64);
}

static void
test_oversized_header (void)
{
  GBytes *headers[] = { png_header (10000, 10000), bmp_header (10000, 10000),
                        png_header (8193, 1), png_header (1, 8193) };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *name = g_strdup_printf ("oversized-%u", i);
      g_autofree char *path = write_file (name, headers[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (ConvolveImage) image = NULL;
      int w = 0, h = 0;

      /* the header really claims that size */
      g_assert_nonnull (gdk_pixbuf_get_file_info (path, &w, &h));
      g_assert_cmpint (MAX (w, h), >, CNN_LIMIT_IMAGE_SIDE);

      /* refused from a file and from bytes, from the header alone */
      image = load_path (path, &error);
      g_assert_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, "8192"));
      assert_refused (headers[i], CONVOLVE_IMAGE_ERROR_TOO_LARGE);
      g_bytes_unref (headers[i]);
    }
}

/* The limit itself is allowed: 8192 × 2 with a 1-pixel line in it,
 * gathered and thickened as test-ink's thin line is */
static void
test_largest_side (void)
{
  g_autoptr (GdkPixbuf) pb = canvas (CNN_LIMIT_IMAGE_SIDE, 2, FALSE, WHITE);
  g_autoptr (GBytes) png = NULL;
  g_autoptr (ConvolveImage) image = NULL;
  static const char *row[8] = {
    "00000000", "00000000", "00000000", "88888888",
    "cccccccc", "00000000", "00000000", "00000000",
  };

  fill_rect (pb, 0, 1, CNN_LIMIT_IMAGE_SIDE, 1, BLACK);
  png = encode (pb, "png");
  image = decode_ok (png);
  assert_counts (image, row);
}

/* A file over the size limit is refused by its size, unread: a sparse
 * file of 64 MiB + 1 byte costs no disk */
static void
test_oversized_file (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "huge.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ConvolveImage) image = NULL;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "\x89PNG\r\n\x1a\n", 8), ==, 8);
  g_assert_cmpint (ftruncate (fd, (off_t) CNN_LIMIT_IMAGE_FILE_BYTES + 1), ==, 0);
  close (fd);

  image = load_path (path, &error);
  g_assert_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_TOO_LARGE);
  g_unlink (path);
}

static void
test_blank (void)
{
  g_autoptr (GdkPixbuf) white = canvas (30, 30, FALSE, WHITE);
  g_autoptr (GdkPixbuf) clear = canvas (30, 30, TRUE, CLEAR);
  g_autoptr (GdkPixbuf) noisy = canvas (30, 30, FALSE, WHITE);
  g_autoptr (GBytes) a = NULL;
  g_autoptr (GBytes) b = NULL;
  g_autoptr (GBytes) c = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  guint8 *p = gdk_pixbuf_get_pixels (noisy);

  /* white paper with a little noise, as a scan or a JPEG has it */
  for (int y = 0; y < 30; y++)
    for (int x = 0; x < 30 * 3; x++)
      p[y * gdk_pixbuf_get_rowstride (noisy) + x] = 255 - g_rand_int_range (rand, 0, 12);
  g_rand_free (rand);

  a = encode (white, "png");
  b = encode (clear, "png");
  c = encode (noisy, "png");
  assert_refused (a, CONVOLVE_IMAGE_ERROR_BLANK);
  assert_refused (b, CONVOLVE_IMAGE_ERROR_BLANK);
  assert_refused (c, CONVOLVE_IMAGE_ERROR_BLANK);
}

static void
test_corrupt (void)
{
  g_autoptr (GdkPixbuf) pb = canvas (40, 40, FALSE, WHITE);
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GBytes) cut = NULL;
  g_autoptr (GBytes) garbage = NULL;
  g_autoptr (GBytes) text = g_bytes_new_static ("hello, world\n", 13);
  g_autofree char *cut_path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ConvolveImage) image = NULL;
  guint8 *bad;

  fill_rect (pb, 5, 5, 20, 20, BLACK);
  png = encode (pb, "png");

  /* cut short: a known format that ends too soon */
  cut = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2);
  assert_refused (cut, CONVOLVE_IMAGE_ERROR_CORRUPT);
  cut_path = write_file ("cut.png", cut);
  image = load_path (cut_path, &error);
  g_assert_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_CORRUPT);

  /* a PNG signature, then noise */
  bad = g_malloc (600);
  for (int i = 0; i < 600; i++)
    bad[i] = (guint8) (i * 37 + 11);
  memcpy (bad, "\x89PNG\r\n\x1a\n", 8);
  garbage = g_bytes_new_take (bad, 600);
  assert_refused (garbage, CONVOLVE_IMAGE_ERROR_CORRUPT);

  /* not an image at all */
  assert_refused (text, CONVOLVE_IMAGE_ERROR_FORMAT);
}

static void
test_empty (void)
{
  g_autoptr (GBytes) nothing = g_bytes_new_static ("", 0);
  g_autofree char *path = write_file ("empty.png", nothing);
  g_autoptr (GError) error = NULL;
  g_autoptr (ConvolveImage) image = NULL;
  static const char zero_svg[] =
    "<svg xmlns='http://www.w3.org/2000/svg' width='0' height='0'>"
    "<rect width='10' height='10'/></svg>";
  g_autoptr (GBytes) zero = g_bytes_new_static (zero_svg, sizeof zero_svg - 1);
  g_autoptr (GError) zero_error = NULL;
  g_autofree char *zero_path = NULL;
  ConvolveImage *zero_image = NULL;
  g_autoptr (GError) raw_error = NULL;
  guint8 pixel[4] = { 0 };

  assert_refused (nothing, CONVOLVE_IMAGE_ERROR_EMPTY);
  image = load_path (path, &error);
  g_assert_error (error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_EMPTY);

  /* an SVG of no size, as bytes and as a file (where
   * gdk_pixbuf_get_file_info() would warn: G_DEBUG=fatal-warnings) */
  zero_image = convolve_image_new_from_bytes (zero, NULL, &zero_error);
  g_assert_null (zero_image);
  g_assert_error (zero_error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_EMPTY);
  g_clear_error (&zero_error);
  zero_path = write_file ("zero.svg", zero);
  zero_image = load_path (zero_path, &zero_error);
  g_assert_null (zero_image);
  g_assert_error (zero_error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_EMPTY);

  g_assert_null (convolve_image_new_from_rgba (pixel, 0, 5, 4, TRUE, &raw_error));
  g_assert_error (raw_error, CONVOLVE_IMAGE_ERROR, CONVOLVE_IMAGE_ERROR_EMPTY);
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

static void
test_animated (void)
{
  g_autoptr (GBytes) gif = g_bytes_new_static (two_frames, sizeof two_frames);
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbufAnimation) animation = NULL;
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (gif);

  /* it is one: GdkPixbuf sees two frames */
  animation = gdk_pixbuf_animation_new_from_stream (in, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (gdk_pixbuf_animation_is_static_image (animation));

  assert_refused (gif, CONVOLVE_IMAGE_ERROR_ANIMATED);
}

/* ---- asynchronous loading ---------------------------------------------------- */

typedef struct {
  gboolean done;
  ConvolveImage *image;
  GError *error;
} Result;

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Result *r = data;

  r->image = convolve_image_load_finish (result, &r->error);
  r->done = TRUE;
}

/* Iterates the main context until the load is done: a bounded wait, no
 * timing asserted (30 s is only there so a hang fails) */
static void
wait_for (Result *r)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!r->done && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (r->done);
}

static void
test_async (void)
{
  g_autoptr (GdkPixbuf) pb = canvas (40, 40, FALSE, WHITE);
  g_autoptr (GBytes) png = NULL;
  g_autofree char *path = NULL;
  g_autofree char *missing = g_build_filename (tmpdir, "no-such.png", NULL);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) none = g_file_new_for_path (missing);
  Result ok = { 0 }, cancelled = { 0 }, precancelled = { 0 }, absent = { 0 };
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  g_autoptr (GCancellable) pre = g_cancellable_new ();

  fill_rect (pb, 5, 20, 10, 10, BLACK);
  png = encode (pb, "png");
  path = write_file ("async.png", png);
  file = g_file_new_for_path (path);

  convolve_image_load_async (file, NULL, on_loaded, &ok);
  wait_for (&ok);
  g_assert_no_error (ok.error);
  assert_counts (ok.image, all_ink);
  g_clear_object (&ok.image);

  /* cancelled right after it began: the answer is "cancelled", whether
   * or not the thread had finished */
  convolve_image_load_async (file, cancel, on_loaded, &cancelled);
  g_cancellable_cancel (cancel);
  wait_for (&cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.image);
  g_clear_error (&cancelled.error);

  g_cancellable_cancel (pre);
  convolve_image_load_async (file, pre, on_loaded, &precancelled);
  wait_for (&precancelled);
  g_assert_error (precancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&precancelled.error);

  /* a missing file: GIO's own error */
  convolve_image_load_async (none, NULL, on_loaded, &absent);
  wait_for (&absent);
  g_assert_error (absent.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&absent.error);
}

/* ---- sniffing ---------------------------------------------------------------- */

static void
test_sniff (void)
{
  g_autoptr (GdkPixbuf) pb = canvas (8, 8, FALSE, WHITE);
  g_autoptr (GBytes) png = encode (pb, "png");
  g_autoptr (GBytes) jpeg = encode (pb, "jpeg");
  g_autoptr (GBytes) header = png_header (10000, 10000);
  static const char csv[] = "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,"
                            "8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0,0\n";
  static const char svg[] = "<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg' "
                            "width='4' height='4'><rect width='2' height='2'/></svg>";

  g_assert_true (convolve_image_sniff (g_bytes_get_data (png, NULL), g_bytes_get_size (png)));
  g_assert_true (convolve_image_sniff (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg)));
  /* the start of an image is enough, even one too large to open */
  g_assert_true (convolve_image_sniff (g_bytes_get_data (png, NULL), 40));
  g_assert_true (convolve_image_sniff (g_bytes_get_data (header, NULL), g_bytes_get_size (header)));
  g_assert_true (convolve_image_sniff ((const guint8 *) svg, sizeof svg - 1));
  g_assert_true (convolve_image_sniff (two_frames, sizeof two_frames));
  /* the data set's CSV is not an image */
  g_assert_false (convolve_image_sniff ((const guint8 *) csv, sizeof csv - 1));
  g_assert_false (convolve_image_sniff ((const guint8 *) "", 0));
}

/* ---- the one rule ------------------------------------------------------------ */

/* Pen strokes in cell units, as tests/data/stroke-drawings.txt holds them */
static const char *strokes[] = {
  /* a 7 with a bar */
  "1.4,0.7 3.2,0.8 5.8,1.0 4.9,2.9 3.7,5.5 2.9,7.3; 2.5,4.3 4.0,4.1 5.2,3.9",
  /* a small 4 in a corner */
  "6.9,0.3 5.5,2.6 4.8,3.6 7.6,3.6; 7.0,1.8 7.0,4.4",
  /* a slanted 1 */
  "3.1,6.9 3.8,4.5 4.6,1.9 5.0,0.6",
  /* a 0 that touches the edges */
  "4.0,0.1 1.0,1.5 0.2,4.0 1.2,7.0 4.0,7.9 6.9,6.6 7.9,4.0 6.8,1.2 4.0,0.1",
};

static void
draw (ConvolveGridModel *model,
      const char        *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ";", -1);

  for (guint s = 0; parts[s] != NULL; s++)
    {
      g_auto (GStrv) points = g_strsplit (g_strstrip (parts[s]), " ", -1);

      for (guint p = 0; points[p] != NULL; p++)
        {
          double x, y;

          g_assert_cmpint (sscanf (points[p], "%lf,%lf", &x, &y), ==, 2);
          if (p == 0)
            convolve_grid_model_begin_stroke (model, x, y, FALSE);
          else
            convolve_grid_model_stroke_to (model, x, y);
        }
      convolve_grid_model_end_stroke (model);
    }
}

/* The grid's ink, drawn into a bigger picture at (ox, oy): ink and paper
 * of the given colours, a transparent paper when paper's alpha is 0 */
static GdkPixbuf *
picture_of (const guint8 *ink,
            int           side,
            int           width,
            int           height,
            int           ox,
            int           oy,
            guint32       ink_rgba,
            guint32       paper_rgba)
{
  GdkPixbuf *pb = canvas (width, height, TRUE, paper_rgba);

  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      if (ink[y * side + x])
        fill_rect (pb, ox + x, oy + y, 1, 1, ink_rgba);
  return pb;
}

/* The same strokes, rasterised by the grid model and drawn as an image
 * (dark on light as a PNG, light on dark, on transparent paper as raw
 * pixels; placed anywhere in a larger picture), give the values the
 * engine's rule gives for the grid's ink bitmap at the data set's frame.
 * The grid's own normalisation is the same rule at its 128 frame (values
 * k/256, not k/16): the two agree to within 1/32 on average. */
static void
test_grid_and_image_agree (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (strokes); d++)
    {
      g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();
      float rule[CNN_INPUT_SIZE], grid[CNN_INPUT_SIZE];
      const guint8 *ink;
      double diff = 0;
      int side;
      struct { guint32 ink, paper; int w, h, ox, oy; gboolean png; } kinds[] = {
        { BLACK, WHITE, 200, 170, 37, 21, TRUE },
        { WHITE, BLACK, 128, 128, 0, 0, TRUE },
        { 0x202020ff, CLEAR, 150, 300, 11, 99, FALSE },
      };

      draw (model, strokes[d]);
      ink = convolve_grid_model_get_ink (model, &side);
      g_assert_true (cnn_ink_normalize_rect (ink, side, side, side, CNN_INK_FRAME, rule));

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr (GdkPixbuf) pb = picture_of (ink, side, kinds[k].w, kinds[k].h,
                                                 kinds[k].ox, kinds[k].oy,
                                                 kinds[k].ink, kinds[k].paper);
          g_autoptr (ConvolveImage) image = NULL;
          g_autoptr (GError) error = NULL;

          if (kinds[k].png)
            {
              g_autoptr (GBytes) png = encode (pb, "png");

              image = convolve_image_new_from_bytes (png, NULL, &error);
            }
          else
            image = convolve_image_new_from_rgba (gdk_pixbuf_read_pixels (pb), kinds[k].w, kinds[k].h,
                                                  (gsize) gdk_pixbuf_get_rowstride (pb), TRUE, &error);
          g_assert_no_error (error);
          g_assert_cmpmem (convolve_image_get_values (image), sizeof rule, rule, sizeof rule);
        }

      convolve_grid_model_get_normalized (model, grid);
      for (int i = 0; i < CNN_INPUT_SIZE; i++)
        diff += ABS (grid[i] - rule[i]);
      g_test_message ("drawing %u: mean |grid - image| %.4f", d, diff / CNN_INPUT_SIZE);
      g_assert_cmpfloat (diff / CNN_INPUT_SIZE, <, 1.0 / 32);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = test_tmpdir_new ("test-image-XXXXXX");

  g_test_add_func ("/image/square", test_square);
  g_test_add_func ("/image/thin-line", test_thin_line);
  g_test_add_func ("/image/svg", test_svg);
  g_test_add_func ("/image/transparent", test_transparent);
  g_test_add_func ("/image/lossy", test_lossy);
  g_test_add_func ("/image/argb32", test_argb32);
  g_test_add_func ("/image/oversized-header", test_oversized_header);
  g_test_add_func ("/image/largest-side", test_largest_side);
  g_test_add_func ("/image/oversized-file", test_oversized_file);
  g_test_add_func ("/image/blank", test_blank);
  g_test_add_func ("/image/corrupt", test_corrupt);
  g_test_add_func ("/image/empty", test_empty);
  g_test_add_func ("/image/animated", test_animated);
  g_test_add_func ("/image/async", test_async);
  g_test_add_func ("/image/sniff", test_sniff);
  g_test_add_func ("/image/grid-and-image-agree", test_grid_and_image_agree);

  status = g_test_run ();
  test_tmpdir_remove (tmpdir);
  g_free (tmpdir);
  return status;
}
