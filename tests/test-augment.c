/* test-augment.c — the augmentation pipeline: known answers, ranges, seeds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cnn.h"

static CnnDataset *digits;

/* 8×8 counts 0..16 → values as the data set stores them */
static void
from_counts (const int counts[CNN_INPUT_SIZE],
             float     out[CNN_INPUT_SIZE])
{
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    out[i] = counts[i] / 16.0f;
}

static void
assert_counts (const float *values,
               const int    counts[CNN_INPUT_SIZE])
{
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    if (values[i] != counts[i] / 16.0f)
      g_error ("cell (%d, %d) is %g/16, expected %d/16", i % 8, i / 8, values[i] * 16.0, counts[i]);
}

static void
test_mode_strings (void)
{
  CnnAugment mode = CNN_AUGMENT_SHIFT;

  for (int m = 0; m < CNN_AUGMENT_N_MODES; m++)
    {
      CnnAugment back;

      g_assert_true (cnn_augment_from_string (cnn_augment_to_string ((CnnAugment) m), &back));
      g_assert_cmpint (back, ==, m);
    }
  g_assert_cmpstr (cnn_augment_to_string (CNN_AUGMENT_NONE), ==, "none");
  g_assert_cmpstr (cnn_augment_to_string (CNN_AUGMENT_SHIFT), ==, "shift");
  g_assert_cmpstr (cnn_augment_to_string (CNN_AUGMENT_FULL), ==, "full");
  g_assert_null (cnn_augment_to_string ((CnnAugment) 7));
  g_assert_false (cnn_augment_from_string ("Full", &mode));
  g_assert_false (cnn_augment_from_string ("", &mode));
  g_assert_false (cnn_augment_from_string (NULL, &mode));
  g_assert_cmpint (mode, ==, CNN_AUGMENT_SHIFT);
}

/* The lift keeps every block's count, so with every range at zero a
 * sample comes back as it was: all 1,797 digits, through both the image
 * function and a data set's augmenter. */
static void
test_zero_ranges_unchanged (void)
{
  CnnAugmentRanges zero = { .probability = 1.0f };
  g_autoptr(CnnAugmenter) augmenter = NULL;
  CnnAugmentParams params;
  CnnRng rng;

  for (gsize i = 0; i < digits->n; i++)
    {
      const float *x = digits->x + i * CNN_INPUT_SIZE;
      guint32 bitmap[CNN_AUGMENT_SIDE];
      float out[CNN_INPUT_SIZE];
      guint ink = 0, count = 0;

      /* the lifted bitmap holds round(16 · value) pixels per block */
      cnn_augment_lift (x, bitmap);
      for (int v = 0; v < CNN_AUGMENT_SIDE; v++)
        ink += (guint) __builtin_popcount (bitmap[v]);
      for (int j = 0; j < CNN_INPUT_SIZE; j++)
        count += (guint) lrintf (x[j] * 16.0f);
      g_assert_cmpuint (ink, ==, count);

      cnn_augment_image (&zero, i, x, out);
      g_assert_cmpmem (out, sizeof out, x, sizeof out);
    }

  /* drawn with zero ranges, the params are the identity */
  cnn_rng_init (&rng, 3);
  g_assert_true (cnn_augment_draw (&zero, &rng, &params));
  g_assert_cmpfloat (params.rotation, ==, 0.0f);
  g_assert_cmpfloat (params.scale_x, ==, 1.0f);
  g_assert_cmpfloat (params.scale_y, ==, 1.0f);
  g_assert_cmpfloat (params.shear, ==, 0.0f);
  g_assert_cmpint (params.width, ==, 0);

  augmenter = cnn_augmenter_new (digits, CNN_AUGMENT_FULL, &zero);
  for (gsize i = 0; i < digits->n; i++)
    {
      float out[CNN_INPUT_SIZE];
      const float *x = cnn_augmenter_sample (augmenter, i, &rng, out);

      g_assert_cmpmem (x, sizeof out, digits->x + i * CNN_INPUT_SIZE, sizeof out);
    }
}

/* A half-full cell between an empty one and a full one: its 8 pixels lean
 * towards the full neighbour (so a stroke stays joined) and sit
 * symmetrically about the middle rows, whose neighbours above and below
 * are both empty. Worked out by hand from the bilinear keys: column 3 of
 * the block, column 2's and column 1's two middle rows. */
static void
test_lift_leans_towards_ink (void)
{
  int counts[CNN_INPUT_SIZE] = { 0 };
  float in[CNN_INPUT_SIZE];
  guint32 bitmap[CNN_AUGMENT_SIDE];
  /* block (3, 3) is pixels 12..15 in x and y: bits 12..15 of rows 12..15 */
  const guint32 expected[4] = { 1u << 15, 0x7u << 13, 0x7u << 13, 1u << 15 };

  counts[3 * 8 + 3] = 8;
  counts[3 * 8 + 4] = 16;
  from_counts (counts, in);
  cnn_augment_lift (in, bitmap);
  for (int j = 0; j < 4; j++)
    g_assert_cmphex (bitmap[12 + j] & (0xfu << 12), ==, expected[j]);
}

/* A "7" with partial cells, in counts (rows top to bottom) */
static const int seven[CNN_INPUT_SIZE] = {
  0,  4, 16, 16, 16, 16,  8,  0,
  0,  0,  0,  0,  2, 14, 10,  0,
  0,  0,  0,  0, 12, 12,  0,  0,
  0,  0,  0,  6, 16,  3,  0,  0,
  0,  0,  1, 15,  8,  0,  0,  0,
  0,  0,  9, 14,  0,  0,  0,  0,
  0,  0, 16,  5,  0,  0,  0,  0,
  0,  0,  7,  0,  0,  0,  0,  0,
};

/* Turned a quarter anticlockwise (on screen), worked out by hand: row r
 * of the result is column 7 − r of the seven, read top to bottom. */
static const int seven_turned_left[CNN_INPUT_SIZE] = {
   0,  0,  0,  0,  0,  0,  0,  0,
   8, 10,  0,  0,  0,  0,  0,  0,
  16, 14, 12,  3,  0,  0,  0,  0,
  16,  2, 12, 16,  8,  0,  0,  0,
  16,  0,  0,  6, 15, 14,  5,  0,
  16,  0,  0,  0,  1,  9, 16,  7,
   4,  0,  0,  0,  0,  0,  0,  0,
   0,  0,  0,  0,  0,  0,  0,  0,
};

/* …and a quarter clockwise: row r is column r read bottom to top. */
static const int seven_turned_right[CNN_INPUT_SIZE] = {
   0,  0,  0,  0,  0,  0,  0,  0,
   0,  0,  0,  0,  0,  0,  0,  4,
   7, 16,  9,  1,  0,  0,  0, 16,
   0,  5, 14, 15,  6,  0,  0, 16,
   0,  0,  0,  8, 16, 12,  2, 16,
   0,  0,  0,  0,  3, 12, 14, 16,
   0,  0,  0,  0,  0,  0, 10,  8,
   0,  0,  0,  0,  0,  0,  0,  0,
};

static void
test_rotate_quarter (void)
{
  CnnAugmentParams params;
  guint32 bitmap[CNN_AUGMENT_SIDE];
  float in[CNN_INPUT_SIZE], out[CNN_INPUT_SIZE];

  from_counts (seven, in);
  cnn_augment_lift (in, bitmap);
  cnn_augment_params_init_identity (&params);

  params.rotation = 90.0f;
  g_assert_true (cnn_augment_render (&params, bitmap, out));
  assert_counts (out, seven_turned_left);

  params.rotation = -90.0f;
  g_assert_true (cnn_augment_render (&params, bitmap, out));
  assert_counts (out, seven_turned_right);
}

/* One cell to the right and one up, by hand: the seven's columns move
 * right (the last falls off), its rows up (the first falls off). */
static void
test_translate_one_cell (void)
{
  CnnAugmentParams params;
  guint32 bitmap[CNN_AUGMENT_SIDE];
  float in[CNN_INPUT_SIZE], out[CNN_INPUT_SIZE];
  int expected[CNN_INPUT_SIZE] = { 0 };

  for (int y = 0; y < 7; y++)
    for (int x = 1; x < 8; x++)
      expected[y * 8 + x] = seven[(y + 1) * 8 + x - 1];
  from_counts (seven, in);
  cnn_augment_lift (in, bitmap);
  cnn_augment_params_init_identity (&params);
  params.dx = 1.0f;
  params.dy = -1.0f;
  g_assert_true (cnn_augment_render (&params, bitmap, out));
  assert_counts (out, expected);
}

/* One full cell, thickened and thinned by a pixel (the 2×2 filter reaches
 * right and down, so ink grows to the left and up), counted by hand. */
static void
test_stroke_width (void)
{
  int one_cell[CNN_INPUT_SIZE] = { 0 };
  int thick[CNN_INPUT_SIZE] = { 0 }, thin[CNN_INPUT_SIZE] = { 0 };
  CnnAugmentParams params;
  guint32 bitmap[CNN_AUGMENT_SIDE];
  float in[CNN_INPUT_SIZE], out[CNN_INPUT_SIZE];

  one_cell[3 * 8 + 3] = 16;
  /* pixels 12..15 × 12..15 → 11..15 × 11..15: the cell keeps its 16, the
   * cells to its left and above get a column or row of 4, the one up and
   * left a single pixel */
  thick[3 * 8 + 3] = 16;
  thick[3 * 8 + 2] = 4;
  thick[2 * 8 + 3] = 4;
  thick[2 * 8 + 2] = 1;
  /* → 12..14 × 12..14: 9 of 16 */
  thin[3 * 8 + 3] = 9;

  from_counts (one_cell, in);
  cnn_augment_lift (in, bitmap);
  cnn_augment_params_init_identity (&params);
  params.width = 1;
  g_assert_true (cnn_augment_render (&params, bitmap, out));
  assert_counts (out, thick);
  params.width = -1;
  g_assert_true (cnn_augment_render (&params, bitmap, out));
  assert_counts (out, thin);

  /* a stroke one pixel wide would vanish: it keeps its width instead */
  memset (bitmap, 0, sizeof bitmap);
  for (int v = 4; v < 28; v++)
    bitmap[v] = 1u << 17;
  g_assert_true (cnn_augment_render (&params, bitmap, out));
  {
    float sum = 0.0f;

    for (int i = 0; i < CNN_INPUT_SIZE; i++)
      sum += out[i] * 16.0f;
    g_assert_cmpfloat (sum, ==, 24.0f);
  }

  /* and a distortion that moves all the ink out of the frame renders
   * nothing: the caller keeps the sample as it was */
  cnn_augment_params_init_identity (&params);
  params.dx = 9.0f;
  out[0] = -1.0f;
  g_assert_false (cnn_augment_render (&params, bitmap, out));
  g_assert_cmpfloat (out[0], ==, -1.0f);
}

static gboolean
is_count (float v)
{
  float c = v * 16.0f;

  return c >= 0.0f && c <= 16.0f && c == floorf (c);
}

/* Whatever the distortion, each cell is a count of 16 pixels: 0..16 / 16 */
static void
test_output_range (void)
{
  CnnAugmentRanges ranges, wild = {
    .probability = 1.0f, .rotation = 180.0f, .scale = 0.9f, .aspect = 0.9f,
    .shear = 2.0f, .translation = 6.0f, .elastic = 8.0f, .thin = 0.4f, .thicken = 0.4f,
  };
  guint distorted = 0;

  cnn_augment_ranges_init_default (&ranges);
  for (gsize i = 0; i < 4 * digits->n; i++)
    {
      const float *x = digits->x + (i % digits->n) * CNN_INPUT_SIZE;
      float a[CNN_INPUT_SIZE], b[CNN_INPUT_SIZE];

      cnn_augment_image (&ranges, i, x, a);
      cnn_augment_image (&wild, i, x, b);
      for (int j = 0; j < CNN_INPUT_SIZE; j++)
        {
          g_assert_true (is_count (a[j]));
          g_assert_true (is_count (b[j]));
        }
      distorted += memcmp (a, x, sizeof a) != 0;
    }
  /* and the defaults distort most samples (probability 0.8) */
  g_assert_cmpuint (distorted, >, 3 * digits->n);
  g_test_message ("%u of %" G_GSIZE_FORMAT " samples changed", distorted, 4 * digits->n);
}

static void
test_same_seed_same_samples (void)
{
  CnnAugmentRanges ranges;
  g_autoptr(CnnAugmenter) a = cnn_augmenter_new (digits, CNN_AUGMENT_FULL, NULL);
  g_autoptr(CnnAugmenter) b = cnn_augmenter_new (digits, CNN_AUGMENT_FULL, NULL);
  CnnRng ra, rb, rc;
  guint differ = 0;

  cnn_augment_ranges_init_default (&ranges);
  for (gsize i = 0; i < 500; i++)
    {
      const float *x = digits->x + i * CNN_INPUT_SIZE;
      float one[CNN_INPUT_SIZE], two[CNN_INPUT_SIZE], other[CNN_INPUT_SIZE];

      cnn_augment_image (&ranges, 1000 + i, x, one);
      cnn_augment_image (&ranges, 1000 + i, x, two);
      cnn_augment_image (&ranges, 5000 + i, x, other);
      g_assert_cmpmem (one, sizeof one, two, sizeof two);
      differ += memcmp (one, other, sizeof one) != 0;
    }
  /* another seed, mostly another sample */
  g_assert_cmpuint (differ, >, 300);

  /* two augmenters fed from generators seeded alike draw the same samples */
  cnn_rng_init (&ra, 77);
  cnn_rng_init (&rb, 77);
  cnn_rng_init (&rc, 78);
  differ = 0;
  for (gsize i = 0; i < 2000; i++)
    {
      gsize index = (i * 7919) % digits->n;
      float oa[CNN_INPUT_SIZE], ob[CNN_INPUT_SIZE], oc[CNN_INPUT_SIZE];
      const float *xa = cnn_augmenter_sample (a, index, &ra, oa);
      const float *xb = cnn_augmenter_sample (b, index, &rb, ob);
      const float *xc = cnn_augmenter_sample (b, index, &rc, oc);

      g_assert_cmpmem (xa, sizeof oa, xb, sizeof ob);
      differ += memcmp (xa, xc, sizeof oa) != 0;
    }
  g_assert_cmpuint (differ, >, 1000);
  g_assert_cmpmem (&ra, sizeof ra, &rb, sizeof rb);
}

/* The trainer's augmentation before the full pipeline existed, copied
 * here as it was: "shift" must reproduce it bit for bit, draws included,
 * so a run with --augment shift is the run it always was. */
static void
old_shift (const float *src, float *dst, int dx, int dy)
{
  for (int y = 0; y < 8; y++)
    for (int x = 0; x < 8; x++)
      {
        int sx = x - dx, sy = y - dy;

        dst[y * 8 + x] = (sx >= 0 && sx < 8 && sy >= 0 && sy < 8) ? src[sy * 8 + sx] : 0.0f;
      }
}

static void
old_scale (const float *src, float *dst, float sx, float sy)
{
  const float cx = 3.5f, cy = 3.5f;

  for (int y = 0; y < 8; y++)
    for (int x = 0; x < 8; x++)
      {
        float fx = (x - cx) / sx + cx, fy = (y - cy) / sy + cy;
        int x0 = (int) floorf (fx), y0 = (int) floorf (fy);
        float ax = fx - x0, ay = fy - y0, v = 0.0f;

        for (int dy = 0; dy < 2; dy++)
          for (int dx = 0; dx < 2; dx++)
            {
              int xx = x0 + dx, yy = y0 + dy;

              if (xx >= 0 && xx < 8 && yy >= 0 && yy < 8)
                v += (dx ? ax : 1 - ax) * (dy ? ay : 1 - ay) * src[yy * 8 + xx];
            }
        dst[y * 8 + x] = v;
      }
}

static const float *
old_augment (const float *x, CnnRng *rng, float shifted[64], float stretched[64])
{
  if (cnn_rng_below (rng, 2) == 0)
    {
      int dx = (int) cnn_rng_below (rng, 3) - 1;
      int dy = (int) cnn_rng_below (rng, 3) - 1;

      old_shift (x, shifted, dx, dy);
      x = shifted;
    }
  if (cnn_rng_below (rng, 2) == 0)
    {
      float sx = 0.85f + 0.3f * cnn_rng_uniform (rng);
      float sy = 0.85f + 0.3f * cnn_rng_uniform (rng);

      if (x == shifted)
        {
          memcpy (stretched, shifted, 64 * sizeof (float));
          x = stretched;
        }
      old_scale (x, shifted, sx, sy);
      x = shifted;
    }
  return x;
}

static void
test_shift_is_the_old_augmentation (void)
{
  g_autoptr(CnnAugmenter) augmenter = cnn_augmenter_new (digits, CNN_AUGMENT_SHIFT, NULL);
  CnnRng old_rng, new_rng;
  guint changed = 0;

  cnn_rng_init (&old_rng, 5);
  cnn_rng_init (&new_rng, 5);
  for (gsize i = 0; i < 3 * digits->n; i++)
    {
      gsize index = i % digits->n;
      const float *x = digits->x + index * CNN_INPUT_SIZE;
      float shifted[64], stretched[64], out[64];
      const float *expect = old_augment (x, &old_rng, shifted, stretched);
      const float *got = cnn_augmenter_sample (augmenter, index, &new_rng, out);

      g_assert_cmpmem (got, sizeof out, expect, sizeof out);
      g_assert_true ((got == x) == (expect == x));
      changed += got != x;
    }
  g_assert_cmpmem (&old_rng, sizeof old_rng, &new_rng, sizeof new_rng);
  /* three in four samples are shifted, stretched or both */
  g_assert_cmpuint (changed, >, 2 * digits->n);
}

/* "none" leaves every sample and the generator alone */
static void
test_none (void)
{
  g_autoptr(CnnAugmenter) augmenter = cnn_augmenter_new (digits, CNN_AUGMENT_NONE, NULL);
  CnnRng rng, before;
  float out[CNN_INPUT_SIZE];

  cnn_rng_init (&rng, 9);
  before = rng;
  for (gsize i = 0; i < digits->n; i++)
    g_assert_true (cnn_augmenter_sample (augmenter, i, &rng, out) == digits->x + i * CNN_INPUT_SIZE);
  g_assert_cmpmem (&rng, sizeof rng, &before, sizeof before);
}

/* What the Train page shows: each mode's own draws, the same for a seed,
 * in place or not */
static void
test_example (void)
{
  const float *x = digits->x + 3 * CNN_INPUT_SIZE;
  float out[CNN_INPUT_SIZE], again[CNN_INPUT_SIZE], expect[CNN_INPUT_SIZE];
  CnnAugmentRanges ranges;
  guint distorted = 0;
  CnnRng rng;

  cnn_augment_example (CNN_AUGMENT_NONE, 4, x, out);
  g_assert_cmpmem (out, sizeof out, x, sizeof out);

  cnn_augment_ranges_init_default (&ranges);
  for (guint64 seed = 1; seed <= 16; seed++)
    {
      const float *shifted;

      cnn_augment_example (CNN_AUGMENT_FULL, seed, x, out);
      cnn_augment_image (&ranges, seed, x, expect);
      g_assert_cmpmem (out, sizeof out, expect, sizeof out);
      distorted += memcmp (out, x, sizeof out) != 0;

      memcpy (again, x, sizeof again);
      cnn_augment_example (CNN_AUGMENT_FULL, seed, again, again);
      g_assert_cmpmem (again, sizeof again, expect, sizeof again);

      cnn_augment_example (CNN_AUGMENT_SHIFT, seed, x, out);
      cnn_rng_init (&rng, seed);
      shifted = cnn_augment_shift (x, &rng, expect);
      g_assert_cmpmem (out, sizeof out, shifted, sizeof out);
      memcpy (again, x, sizeof again);
      cnn_augment_example (CNN_AUGMENT_SHIFT, seed, again, again);
      g_assert_cmpmem (again, sizeof again, shifted, sizeof again);
    }
  /* most samples are distorted */
  g_assert_cmpuint (distorted, >=, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  digits = cnn_dataset_load_builtin (&error);
  g_assert_no_error (error);

  g_test_add_func ("/augment/mode-strings", test_mode_strings);
  g_test_add_func ("/augment/zero-ranges-unchanged", test_zero_ranges_unchanged);
  g_test_add_func ("/augment/lift-leans-towards-ink", test_lift_leans_towards_ink);
  g_test_add_func ("/augment/rotate-quarter", test_rotate_quarter);
  g_test_add_func ("/augment/translate-one-cell", test_translate_one_cell);
  g_test_add_func ("/augment/stroke-width", test_stroke_width);
  g_test_add_func ("/augment/output-range", test_output_range);
  g_test_add_func ("/augment/same-seed-same-samples", test_same_seed_same_samples);
  g_test_add_func ("/augment/shift-is-the-old-augmentation", test_shift_is_the_old_augmentation);
  g_test_add_func ("/augment/none", test_none);
  g_test_add_func ("/augment/example", test_example);

  ret = g_test_run ();
  cnn_dataset_free (digits);
  return ret;
}
