/* convolve-colormap.c — colour scales, as plain maths the tests can check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "convolve-colormap.h"

/* Colours are given in sRGB (0..1) but interpolated in linear light: the
 * relative luminance of a mix of two colours is then the same mix of their
 * luminances, so a ramp whose stops are ordered by luminance stays strictly
 * monotone between them, and the two halves of the diverging scale (whose
 * stops are paired at equal luminance) stay equally strong for t and −t. */
typedef struct { float r, g, b; } Rgb;

/* Sequential, light background: near-white (0 sits on the view background)
 * through pale and mid blue to a deep blue-violet. Luminance falls
 * strictly: 0.94, 0.70, 0.38, 0.14, 0.036, 0.015. */
static const Rgb seq_light[] = {
  { 0.973f, 0.973f, 0.980f },
  { 0.788f, 0.863f, 0.941f },
  { 0.498f, 0.659f, 0.863f },
  { 0.314f, 0.388f, 0.753f },
  { 0.231f, 0.122f, 0.518f },
  { 0.165f, 0.039f, 0.369f },
};

/* Sequential, dark background: an inferno-like ramp from the dark view
 * background through purple, crimson and orange to a bright yellow.
 * Luminance rises strictly: 0.020, 0.032, 0.095, 0.23, 0.45, 0.79. Both
 * ramps vary in lightness first, so they read without colour vision. */
static const Rgb seq_dark[] = {
  { 0.149f, 0.149f, 0.161f },
  { 0.302f, 0.114f, 0.361f },
  { 0.612f, 0.165f, 0.361f },
  { 0.878f, 0.333f, 0.180f },
  { 0.976f, 0.627f, 0.106f },
  { 0.984f, 0.910f, 0.416f },
};

/* Diverging: [0] neutral, [1] middle, [2] end, for each sign. The blue
 * (negative) and red-orange (positive) stops are matched in luminance pair
 * by pair (light: 0.50 and 0.13; dark: 0.108 and 0.50). Blue/orange is the
 * pair that stays distinct for red-green colour-blind viewers. */
static const Rgb div_light_neg[] = {
  { 0.965f, 0.965f, 0.965f },
  { 0.566f, 0.764f, 0.861f },
  { 0.131f, 0.403f, 0.679f },
};
static const Rgb div_light_pos[] = {
  { 0.965f, 0.965f, 0.965f },
  { 0.976f, 0.661f, 0.521f },
  { 0.732f, 0.202f, 0.100f },
};
static const Rgb div_dark_neg[] = {
  { 0.180f, 0.180f, 0.188f },
  { 0.183f, 0.370f, 0.580f },
  { 0.538f, 0.753f, 0.981f },
};
static const Rgb div_dark_pos[] = {
  { 0.180f, 0.180f, 0.188f },
  { 0.611f, 0.250f, 0.135f },
  { 1.000f, 0.653f, 0.458f },
};

static inline float
to_linear (float c)
{
  return c <= 0.04045f ? c / 12.92f : powf ((c + 0.055f) / 1.055f, 2.4f);
}

static inline float
to_srgb (float c)
{
  c = CLAMP (c, 0.0f, 1.0f);
  return c <= 0.0031308f ? c * 12.92f : 1.055f * powf (c, 1.0f / 2.4f) - 0.055f;
}

/* t in 0..1 along n evenly spaced stops */
static void
ramp (const Rgb *stops,
      int        n,
      float      t,
      GdkRGBA   *out)
{
  float pos = t * (float) (n - 1);
  int i = CLAMP ((int) floorf (pos), 0, n - 2);
  float f = CLAMP (pos - (float) i, 0.0f, 1.0f);
  const Rgb *a = &stops[i];
  const Rgb *b = &stops[i + 1];

  out->red = to_srgb (to_linear (a->r) + f * (to_linear (b->r) - to_linear (a->r)));
  out->green = to_srgb (to_linear (a->g) + f * (to_linear (b->g) - to_linear (a->g)));
  out->blue = to_srgb (to_linear (a->b) + f * (to_linear (b->b) - to_linear (a->b)));
  out->alpha = 1.0f;
}

float
convolve_colormap_luminance (const GdkRGBA *c)
{
  g_return_val_if_fail (c != NULL, 0.0f);

  return 0.2126f * to_linear (c->red) + 0.7152f * to_linear (c->green)
         + 0.0722f * to_linear (c->blue);
}

void
convolve_colormap_color (ConvolveScale  scale,
                         float          t,
                         gboolean       dark,
                         GdkRGBA       *out)
{
  g_return_if_fail (out != NULL);

  if (isnan (t))
    t = 0.0f;

  if (scale == CONVOLVE_SCALE_DIVERGING)
    {
      const Rgb *stops;

      t = CLAMP (t, -1.0f, 1.0f);
      if (t < 0.0f)
        stops = dark ? div_dark_neg : div_light_neg;
      else
        stops = dark ? div_dark_pos : div_light_pos;
      ramp (stops, G_N_ELEMENTS (div_light_neg), fabsf (t), out);
    }
  else
    {
      t = CLAMP (t, 0.0f, 1.0f);
      ramp (dark ? seq_dark : seq_light, G_N_ELEMENTS (seq_light), t, out);
    }
}

/* Below this a map is "all zero": its colours should stay at the neutral
 * end instead of blowing numerical noise up to full strength. */
#define RANGE_FLOOR 1e-6f

float
convolve_colormap_range (ConvolveScale  scale,
                         const float   *values,
                         gsize          n)
{
  float m = 0.0f;

  g_return_val_if_fail (values != NULL || n == 0, RANGE_FLOOR);

  for (gsize i = 0; i < n; i++)
    {
      float v = scale == CONVOLVE_SCALE_DIVERGING ? fabsf (values[i]) : values[i];

      /* NaN and ±inf would make every other cell look empty */
      if (isfinite (v) && v > m)
        m = v;
    }

  return MAX (m, RANGE_FLOOR);
}

/* The smallest of 1, 2, 5 × 10^k that is ≥ x (x > 0) */
static double
nice_step_at_least (double x)
{
  double p = pow (10.0, floor (log10 (x)));
  double m = x / p;

  /* the small slack keeps 0.2 from becoming 0.5 through rounding */
  if (m <= 1.0 + 1e-9)
    return p;
  if (m <= 2.0 + 1e-9)
    return 2.0 * p;
  if (m <= 5.0 + 1e-9)
    return 5.0 * p;
  return 10.0 * p;
}

static double
next_nice_step (double step)
{
  double p = pow (10.0, floor (log10 (step) + 1e-9));
  double m = step / p;

  if (m < 1.5)
    return 2.0 * p;
  if (m < 3.5)
    return 5.0 * p;
  return 10.0 * p;
}

static double
prev_nice_step (double step)
{
  double p = pow (10.0, floor (log10 (step) + 1e-9));
  double m = step / p;

  if (m < 1.5)
    return 0.5 * p;
  if (m < 3.5)
    return p;
  return 2.0 * p;
}

/* The multiples of step inside [lo, hi] are first·step … last·step */
static void
count_multiples (double  lo,
                 double  hi,
                 double  step,
                 long   *first,
                 long   *last)
{
  double eps = step * 1e-6;

  *first = (long) ceil ((lo - eps) / step);
  *last = (long) floor ((hi + eps) / step);
}

int
convolve_colormap_ticks (float  lo,
                         float  hi,
                         int    max_ticks,
                         float *ticks)
{
  double step;
  long first, last;

  g_return_val_if_fail (ticks != NULL || max_ticks <= 0, 0);

  if (max_ticks <= 0 || !isfinite (lo) || !isfinite (hi))
    return 0;
  if (lo > hi)
    {
      float tmp = lo;
      lo = hi;
      hi = tmp;
    }
  if (max_ticks == 1 || hi - lo <= 0.0f)
    {
      ticks[0] = (lo <= 0.0f && hi >= 0.0f) ? 0.0f : lo;
      return 1;
    }

  /* Ticks are whole multiples of the step, so 0 is one whenever lo ≤ 0 ≤ hi.
   * Start from the step that would give exactly max_ticks and widen it
   * until the multiples inside [lo, hi] fit. */
  step = nice_step_at_least (((double) hi - lo) / (max_ticks - 1));
  for (;;)
    {
      count_multiples (lo, hi, step, &first, &last);
      if (last - first + 1 <= max_ticks)
        break;
      step = next_nice_step (step);
    }

  /* A narrow range away from 0 (0.31..0.39) can hold fewer than two
   * multiples of that step: a finer one still may fit. */
  while (last - first + 1 < 2)
    {
      double finer = prev_nice_step (step);
      long f, l;

      count_multiples (lo, hi, finer, &f, &l);
      if (l - f + 1 > max_ticks)
        break;
      step = finer;
      first = f;
      last = l;
    }

  for (long i = first; i <= last; i++)
    ticks[i - first] = (float) (i * step);

  return (int) (last - first + 1);
}
