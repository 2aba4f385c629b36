/* test-ink.c — one normalisation rule for every ink bitmap, on answers
 * worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The frame is 32×32 (the data set's), counted in 4×4 blocks, so every
 * expected value is k/16 and compared exactly. Each bitmap has a row
 * stride wider than its width, the padding all ink: a rule that read past
 * a row's width would see it.
 */
#include <string.h>

#include "cnn.h"
#include "cnn-ink.h"

typedef struct {
  int width, height;
  gsize stride;
  guint8 *ink;
} Bitmap;

static Bitmap *
bitmap_new (int width,
            int height)
{
  Bitmap *b = g_new0 (Bitmap, 1);

  b->width = width;
  b->height = height;
  b->stride = (gsize) width + 5;
  b->ink = g_malloc0 (b->stride * height);
  for (int y = 0; y < height; y++)
    memset (b->ink + y * b->stride + width, 0xff, 5);
  return b;
}

static void
bitmap_free (Bitmap *b)
{
  g_free (b->ink);
  g_free (b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Bitmap, bitmap_free)

static void
fill (Bitmap *b,
      int     x,
      int     y,
      int     w,
      int     h)
{
  for (int j = y; j < y + h; j++)
    memset (b->ink + j * b->stride + x, 1, w);
}

/* rows: 8 strings of 8 hex digits, the counts 0..16 ('g' is 16) */
static void
assert_counts (const float *out,
               const char  *rows[8])
{
  for (int y = 0; y < 8; y++)
    for (int x = 0; x < 8; x++)
      {
        char c = rows[y][x];
        int want = c == 'g' ? 16 : g_ascii_xdigit_value (c);

        if (out[y * 8 + x] != want / 16.0f)
          g_error ("cell (%d, %d) is %g/16, expected %d/16", x, y, out[y * 8 + x] * 16.0, want);
      }
}

static void
normalize32 (const Bitmap *b,
             float         out[CNN_INPUT_SIZE])
{
  g_assert_true (cnn_ink_normalize_rect (b->ink, b->width, b->height, b->stride,
                                         CNN_INK_FRAME, out));
}

/* A filled square anywhere fills the whole frame */
static void
test_square (void)
{
  g_autoptr (Bitmap) b = bitmap_new (40, 30);
  static const char *full[8] = {
    "gggggggg", "gggggggg", "gggggggg", "gggggggg",
    "gggggggg", "gggggggg", "gggggggg", "gggggggg",
  };
  float out[CNN_INPUT_SIZE];

  fill (b, 25, 3, 10, 10);
  normalize32 (b, out);
  assert_counts (out, full);
}

/* A 2:1 rectangle keeps its aspect: 32 wide, 16 tall, rows 8..23 of the
 * frame — block rows 2 to 5 — enlarged (20 × 10 → ×1.6) or shrunk
 * (200 × 100 → ×0.16) */
static void
test_aspect (void)
{
  static const char *band[8] = {
    "00000000", "00000000", "gggggggg", "gggggggg",
    "gggggggg", "gggggggg", "00000000", "00000000",
  };
  float out[CNN_INPUT_SIZE];

  {
    g_autoptr (Bitmap) b = bitmap_new (64, 64);

    fill (b, 7, 40, 20, 10);
    normalize32 (b, out);
    assert_counts (out, band);
  }
  {
    g_autoptr (Bitmap) b = bitmap_new (300, 300);

    fill (b, 50, 120, 200, 100);
    normalize32 (b, out);
    assert_counts (out, band);
  }
}

/* A 1-pixel line. Vertical, 20 long: enlarged ×1.6, it is 1.6 pixels
 * wide centred at 16 — frame columns 15 and 16 (their centres 15.5 and
 * 16.5 fall inside [15.2, 16.8)) — so 4 of 16 in block columns 3 and 4.
 * Horizontal, 64 long: shrunk ×0.5 it is half a pixel thin, on the
 * frame's midline 16.0; point sampling finds none of it, so it is
 * gathered into frame row 16 and drawn 5 pixels wide (a disc of radius
 * 2): rows 14 to 18, 2 of block row 3 and 3 of block row 4. */
static void
test_thin_line (void)
{
  float out[CNN_INPUT_SIZE];

  {
    static const char *vertical[8] = {
      "00044000", "00044000", "00044000", "00044000",
      "00044000", "00044000", "00044000", "00044000",
    };
    g_autoptr (Bitmap) b = bitmap_new (40, 40);

    fill (b, 3, 11, 1, 20);
    normalize32 (b, out);
    assert_counts (out, vertical);
  }
  {
    static const char *horizontal[8] = {
      "00000000", "00000000", "00000000", "88888888",
      "cccccccc", "00000000", "00000000", "00000000",
    };
    g_autoptr (Bitmap) b = bitmap_new (100, 10);

    fill (b, 30, 9, 64, 1);
    normalize32 (b, out);
    assert_counts (out, horizontal);
  }
}

/* Shrinking keeps a stroke's width: a bar 20 pixels wide and 280 tall,
 * ×32/280, is 2.3 frame pixels wide; point sampling gives 2 (columns 15
 * and 16), where gathering every pixel would give 4 (14 to 17) */
static void
test_shrink_keeps_width (void)
{
  static const char *bar[8] = {
    "00044000", "00044000", "00044000", "00044000",
    "00044000", "00044000", "00044000", "00044000",
  };
  g_autoptr (Bitmap) b = bitmap_new (300, 300);
  float out[CNN_INPUT_SIZE];

  fill (b, 100, 10, 20, 280);
  normalize32 (b, out);
  assert_counts (out, bar);
}

/* Shrinking loses no ink: 300 × 300 holding a 1-pixel "L" */
static void
test_shrink_keeps_thin_ink (void)
{
  static const char *ell[8] = {
    "c0000000", "c0000000", "c0000000", "c0000000",
    "c0000000", "c0000000", "c0000000", "fccccccc",
  };
  g_autoptr (Bitmap) b = bitmap_new (300, 300);
  float out[CNN_INPUT_SIZE];

  fill (b, 10, 10, 1, 280);
  fill (b, 10, 289, 280, 1);
  normalize32 (b, out);
  /* Box 280 × 280, ×32/280: no frame pixel's centre is on the lines, so
   * they are gathered into column 0 and row 31 and drawn 5 wide (only 3
   * of it inside the frame): columns 0–2, rows 29–31; the corner cell
   * holds 3 + 3 · 4 */
  assert_counts (out, ell);
}

static void
test_blank (void)
{
  g_autoptr (Bitmap) b = bitmap_new (17, 9);
  float out[CNN_INPUT_SIZE];

  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    out[i] = 1.0f;
  g_assert_false (cnn_ink_normalize_rect (b->ink, b->width, b->height, b->stride,
                                          CNN_INK_FRAME, out));
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    g_assert_cmpfloat (out[i], ==, 0.0f);
}

/* cnn_ink_normalize() is the rule on a square with its own side as the
 * frame (the grid's way): a "7" in the corner of a 128² bitmap */
static void
test_square_frame (void)
{
  g_autofree guint8 *ink = g_malloc0 (128 * 128);
  float a[CNN_INPUT_SIZE], b[CNN_INPUT_SIZE];

  for (int x = 5; x < 40; x++)
    ink[6 * 128 + x] = ink[7 * 128 + x] = 1;
  for (int y = 6; y < 50; y++)
    ink[y * 128 + 40 - (y - 6) / 2] = 1;
  g_assert_true (cnn_ink_normalize (ink, 128, a));
  g_assert_true (cnn_ink_normalize_rect (ink, 128, 128, 128, 128, b));
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  /* the box fills the frame's height: top and bottom rows inked */
  g_assert_cmpfloat (a[0] + a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7], >, 0.0f);
  g_assert_cmpfloat (a[56] + a[57] + a[58] + a[59] + a[60] + a[61] + a[62] + a[63], >, 0.0f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ink/square", test_square);
  g_test_add_func ("/ink/aspect", test_aspect);
  g_test_add_func ("/ink/thin-line", test_thin_line);
  g_test_add_func ("/ink/shrink-keeps-width", test_shrink_keeps_width);
  g_test_add_func ("/ink/shrink-keeps-thin-ink", test_shrink_keeps_thin_ink);
  g_test_add_func ("/ink/blank", test_blank);
  g_test_add_func ("/ink/square-frame", test_square_frame);

  return g_test_run ();
}
