/* test-colormap.c — colour scales and ticks, as plain maths (no display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "convolve-colormap.h"

static double
lin (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG relative luminance */
static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * lin (c->red) + 0.7152 * lin (c->green) + 0.0722 * lin (c->blue);
}

static gboolean
rgba_close (const GdkRGBA *a,
            const GdkRGBA *b,
            double         tol)
{
  return fabs (a->red - b->red) <= tol && fabs (a->green - b->green) <= tol &&
         fabs (a->blue - b->blue) <= tol && fabs (a->alpha - b->alpha) <= tol;
}

static void
assert_valid (const GdkRGBA *c)
{
  g_assert_cmpfloat (c->red, >=, 0);
  g_assert_cmpfloat (c->red, <=, 1);
  g_assert_cmpfloat (c->green, >=, 0);
  g_assert_cmpfloat (c->green, <=, 1);
  g_assert_cmpfloat (c->blue, >=, 0);
  g_assert_cmpfloat (c->blue, <=, 1);
  g_assert_cmpfloat (c->alpha, ==, 1);
}

/* 0 must sit near the background it is drawn on: light ≈ white, dark ≈ the
 * dark window background; the top end must be a strong colour. */
static void
test_sequential_endpoints (void)
{
  GdkRGBA c;

  convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 0, FALSE, &c);
  assert_valid (&c);
  g_assert_cmpfloat (luminance (&c), >, 0.85);

  convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 1, FALSE, &c);
  assert_valid (&c);
  g_assert_cmpfloat (luminance (&c), <, 0.05);
  /* blue-violet: blue dominates, then red, green lowest */
  g_assert_cmpfloat (c.blue, >, c.red);
  g_assert_cmpfloat (c.red, >, c.green);

  convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 0, TRUE, &c);
  assert_valid (&c);
  g_assert_cmpfloat (luminance (&c), <, 0.03);

  convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 1, TRUE, &c);
  assert_valid (&c);
  g_assert_cmpfloat (luminance (&c), >, 0.6);
  /* yellow: red and green high, blue low */
  g_assert_cmpfloat (c.red, >, 0.9);
  g_assert_cmpfloat (c.green, >, 0.8);
  g_assert_cmpfloat (c.blue, <, 0.5);
}

/* The midpoint is a mid-tone between the ends, not a jump to either */
static void
test_sequential_midpoint (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      GdkRGBA a, m, b;

      convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 0, dark, &a);
      convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 0.5f, dark, &m);
      convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 1, dark, &b);
      g_assert_cmpfloat (luminance (&m), >, MIN (luminance (&a), luminance (&b)) + 0.05);
      g_assert_cmpfloat (luminance (&m), <, MAX (luminance (&a), luminance (&b)) - 0.05);
    }
}

/* Lightness alone must order the values (colour-blind and greyscale
 * readers): darker and darker on light, brighter and brighter on dark. */
static void
test_sequential_monotone (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      double prev = dark ? -1.0 : 2.0;

      for (int i = 0; i <= 200; i++)
        {
          GdkRGBA c;
          double l;

          convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, i / 200.0f, dark, &c);
          assert_valid (&c);
          l = luminance (&c);
          if (dark)
            g_assert_cmpfloat (l, >, prev);
          else
            g_assert_cmpfloat (l, <, prev);
          prev = l;
        }
    }
}

static void
test_diverging_neutral (void)
{
  GdkRGBA c;

  convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, 0, FALSE, &c);
  assert_valid (&c);
  /* white-ish and grey (no hue) */
  g_assert_cmpfloat (luminance (&c), >, 0.85);
  g_assert_cmpfloat (fabs (c.red - c.blue), <, 0.02);
  g_assert_cmpfloat (fabs (c.red - c.green), <, 0.02);

  convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, 0, TRUE, &c);
  assert_valid (&c);
  /* dark grey */
  g_assert_cmpfloat (luminance (&c), <, 0.06);
  g_assert_cmpfloat (luminance (&c), >, 0.005);
  g_assert_cmpfloat (fabs (c.red - c.blue), <, 0.02);
  g_assert_cmpfloat (fabs (c.red - c.green), <, 0.02);

  /* the ends: blue for −1, red-orange for +1 */
  for (int dark = 0; dark <= 1; dark++)
    {
      convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, -1, dark, &c);
      g_assert_cmpfloat (c.blue, >, c.green);
      g_assert_cmpfloat (c.green, >, c.red);
      convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, 1, dark, &c);
      g_assert_cmpfloat (c.red, >, c.green);
      g_assert_cmpfloat (c.green, >, c.blue);
    }
}

/* t and −t: opposite hues, equally far from neutral in lightness, and
 * further from it as |t| grows */
static void
test_diverging_symmetric (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      GdkRGBA n;
      double prev = 0.0;

      convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, 0, dark, &n);
      for (int i = 1; i <= 100; i++)
        {
          float t = i / 100.0f;
          GdkRGBA pos, neg;
          double dpos, dneg;

          convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, t, dark, &pos);
          convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, -t, dark, &neg);
          assert_valid (&pos);
          assert_valid (&neg);

          g_assert_cmpfloat (pos.red, >, pos.blue);
          g_assert_cmpfloat (neg.blue, >, neg.red);

          dpos = fabs (luminance (&pos) - luminance (&n));
          dneg = fabs (luminance (&neg) - luminance (&n));
          g_assert_cmpfloat (fabs (dpos - dneg), <, 0.01);
          g_assert_cmpfloat (dpos, >, prev);
          prev = dpos;
        }
    }
}

static void
test_clamping (void)
{
  static const ConvolveScale scales[] = { CONVOLVE_SCALE_SEQUENTIAL, CONVOLVE_SCALE_DIVERGING };

  for (gsize s = 0; s < G_N_ELEMENTS (scales); s++)
    for (int dark = 0; dark <= 1; dark++)
      {
        float lo = scales[s] == CONVOLVE_SCALE_DIVERGING ? -1.0f : 0.0f;
        GdkRGBA a, b;

        convolve_colormap_color (scales[s], 1, dark, &a);
        convolve_colormap_color (scales[s], 7.5f, dark, &b);
        g_assert_true (rgba_close (&a, &b, 1e-6));
        convolve_colormap_color (scales[s], INFINITY, dark, &b);
        g_assert_true (rgba_close (&a, &b, 1e-6));

        convolve_colormap_color (scales[s], lo, dark, &a);
        convolve_colormap_color (scales[s], lo - 3.0f, dark, &b);
        g_assert_true (rgba_close (&a, &b, 1e-6));

        /* NaN draws as 0, not as garbage */
        convolve_colormap_color (scales[s], 0, dark, &a);
        convolve_colormap_color (scales[s], NAN, dark, &b);
        g_assert_true (rgba_close (&a, &b, 1e-6));
      }
}

static void
test_range (void)
{
  const float values[] = { 0.1f, -2.5f, 0.7f, 1.25f, 0.0f, -0.3f };
  const float zeros[] = { 0, 0, 0 };
  const float with_nan[] = { 0.5f, NAN, -INFINITY, 0.25f };

  g_assert_cmpfloat (convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, values, 6), ==, 2.5f);
  g_assert_cmpfloat (convolve_colormap_range (CONVOLVE_SCALE_SEQUENTIAL, values, 6), ==, 1.25f);
  /* n limits what is read */
  g_assert_cmpfloat (convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, values, 1), ==, 0.1f);

  /* never 0: a blank map must not divide by zero */
  g_assert_cmpfloat (convolve_colormap_range (CONVOLVE_SCALE_SEQUENTIAL, zeros, 3), >, 0);
  g_assert_cmpfloat (convolve_colormap_range (CONVOLVE_SCALE_SEQUENTIAL, zeros, 3), <=, 1e-5);
  g_assert_cmpfloat (convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, NULL, 0), >, 0);
  /* all negative on a sequential scale: only the floor */
  g_assert_cmpfloat (convolve_colormap_range (CONVOLVE_SCALE_SEQUENTIAL, values + 1, 1), <=, 1e-5);

  /* non-finite values are ignored */
  g_assert_cmpfloat (convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, with_nan, 4), ==, 0.5f);
}

/* The properties every tick set must have */
static void
assert_nice_ticks (float        lo,
                   float        hi,
                   int          max_ticks,
                   const float *ticks,
                   int          n)
{
  double step, p, m;

  g_assert_cmpint (n, >=, 2);
  g_assert_cmpint (n, <=, max_ticks);

  for (int i = 0; i < n; i++)
    {
      g_assert_cmpfloat (ticks[i], >=, lo - 1e-6);
      g_assert_cmpfloat (ticks[i], <=, hi + 1e-6);
    }

  step = (double) ticks[1] - ticks[0];
  g_assert_cmpfloat (step, >, 0);
  for (int i = 1; i < n; i++)
    g_assert_cmpfloat_with_epsilon ((double) ticks[i] - ticks[i - 1], step, step * 1e-4);

  /* step = 1, 2 or 5 × 10^k */
  p = pow (10.0, floor (log10 (step) + 1e-6));
  m = step / p;
  g_assert_true (fabs (m - 1) < 1e-4 || fabs (m - 2) < 1e-4 || fabs (m - 5) < 1e-4);

  /* ticks are multiples of the step, so 0 is one when it is in range */
  for (int i = 0; i < n; i++)
    g_assert_cmpfloat (fabs (ticks[i] / step - round (ticks[i] / step)), <, 1e-4);
  if (lo <= 0 && hi >= 0)
    {
      gboolean has_zero = FALSE;

      for (int i = 0; i < n; i++)
        has_zero |= ticks[i] == 0.0f;
      g_assert_true (has_zero);
    }
}

static void
test_ticks (void)
{
  float ticks[16];
  int n;

  n = convolve_colormap_ticks (0, 1, 5, ticks);
  assert_nice_ticks (0, 1, 5, ticks, n);
  /* 0.2 would need 6; 0.5 gives 0, 0.5, 1 */
  g_assert_cmpint (n, ==, 3);
  g_assert_cmpfloat (ticks[0], ==, 0);
  g_assert_cmpfloat_with_epsilon (ticks[1], 0.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (ticks[2], 1.0, 1e-6);

  n = convolve_colormap_ticks (0, 1, 6, ticks);
  assert_nice_ticks (0, 1, 6, ticks, n);
  g_assert_cmpint (n, ==, 6);

  n = convolve_colormap_ticks (-0.37f, 0.37f, 5, ticks);
  assert_nice_ticks (-0.37f, 0.37f, 5, ticks, n);
  g_assert_cmpint (n, ==, 3);
  g_assert_cmpfloat_with_epsilon (ticks[0], -0.2, 1e-6);
  g_assert_cmpfloat (ticks[1], ==, 0);
  g_assert_cmpfloat_with_epsilon (ticks[2], 0.2, 1e-6);

  /* a spread of ranges, including ones without 0 and tiny/huge ones */
  {
    const float cases[][2] = {
      { 0, 0.37f }, { -3, 7 }, { 0.31f, 0.39f }, { 2, 1000 }, { -1e-5f, 1e-5f },
      { 0, 123456 }, { -0.001f, 0.8f }, { 5, 6 },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      for (int max = 2; max <= 8; max++)
        {
          n = convolve_colormap_ticks (cases[i][0], cases[i][1], max, ticks);
          if (n >= 2)
            assert_nice_ticks (cases[i][0], cases[i][1], max, ticks, n);
          else
            g_assert_cmpint (n, >=, 0);
          /* with room for 4 there is always a usable axis */
          if (max >= 4)
            g_assert_cmpint (n, >=, 2);
        }
  }

  /* degenerate input */
  g_assert_cmpint (convolve_colormap_ticks (0, 1, 0, ticks), ==, 0);
  g_assert_cmpint (convolve_colormap_ticks (NAN, 1, 5, ticks), ==, 0);
  n = convolve_colormap_ticks (-2, 3, 1, ticks);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpfloat (ticks[0], ==, 0);
  /* reversed bounds are the same range */
  n = convolve_colormap_ticks (1, 0, 5, ticks);
  assert_nice_ticks (0, 1, 5, ticks, n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/colormap/sequential/endpoints", test_sequential_endpoints);
  g_test_add_func ("/colormap/sequential/midpoint", test_sequential_midpoint);
  g_test_add_func ("/colormap/sequential/monotone", test_sequential_monotone);
  g_test_add_func ("/colormap/diverging/neutral", test_diverging_neutral);
  g_test_add_func ("/colormap/diverging/symmetric", test_diverging_symmetric);
  g_test_add_func ("/colormap/clamping", test_clamping);
  g_test_add_func ("/colormap/range", test_range);
  g_test_add_func ("/colormap/ticks", test_ticks);

  return g_test_run ();
}
