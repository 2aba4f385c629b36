/* convolve-plot-layout.c — a line chart's maths: ranges, ticks, data → pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "convolve-colormap.h"
#include "convolve-plot-layout.h"

/* Ticks a fitted linear axis aims for: enough to read values off, few
 * enough that the labels of a 220 px tall chart never touch */
#define FIT_TICKS 6
#define LOG_EMPTY_LO 1e-3
#define LOG_EMPTY_HI 1.0

/* The tick step convolve_colormap_ticks() settles on for lo..hi, back in
 * double precision: it works in floats, and 0.1f is not 0.1. Its steps are
 * 1, 2 or 5 × 10^k, so one significant digit restores them exactly. */
static double
nice_step (double lo,
           double hi,
           int    max_ticks)
{
  float ticks[CONVOLVE_PLOT_MAX_TICKS];
  int n = convolve_colormap_ticks ((float) lo, (float) hi,
                                   CLAMP (max_ticks, 2, CONVOLVE_PLOT_MAX_TICKS), ticks);
  double step, p;

  if (n < 2)
    return 0.0;
  step = fabs ((double) ticks[1] - (double) ticks[0]);
  if (!(step > 0.0))
    return 0.0;
  p = pow (10.0, floor (log10 (step)));
  return round (step / p) * p;
}

void
convolve_plot_scale_fit (ConvolvePlotScale *scale,
                         double             min,
                         double             max,
                         gboolean           log,
                         gboolean           nice)
{
  g_return_if_fail (scale != NULL);

  scale->log = log;
  if (log)
    {
      double e_lo, e_hi;

      if (!(min <= max) || !(min > 0.0) || !isfinite (min) || !isfinite (max))
        {
          scale->lo = LOG_EMPTY_LO;
          scale->hi = LOG_EMPTY_HI;
          return;
        }
      /* the slack keeps an exact decade (0.1) from rounding past itself */
      e_lo = floor (log10 (min) + 1e-9);
      e_hi = ceil (log10 (max) - 1e-9);
      if (e_hi <= e_lo)
        e_hi = e_lo + 1;
      scale->lo = pow (10.0, e_lo);
      scale->hi = pow (10.0, e_hi);
      return;
    }

  if (!(min <= max) || !isfinite (min) || !isfinite (max))
    {
      scale->lo = 0.0;
      scale->hi = 1.0;
      return;
    }
  if (max - min <= fabs (max) * 1e-12)
    {
      /* one value: centre it, with room for the curve to move */
      double half = min == 0.0 ? 1.0 : fabs (min) / 2.0;

      min -= half;
      max += half;
    }
  scale->lo = min;
  scale->hi = max;

  if (nice)
    {
      double step = nice_step (min, max, FIT_TICKS);

      if (step > 0.0)
        {
          scale->lo = floor (min / step + 1e-9) * step;
          scale->hi = ceil (max / step - 1e-9) * step;
        }
      if (!(scale->hi > scale->lo))
        scale->hi = scale->lo + (step > 0.0 ? step : 1.0);
    }
}

gboolean
convolve_plot_scale_set (ConvolvePlotScale *scale,
                         double             lo,
                         double             hi,
                         gboolean           log)
{
  g_return_val_if_fail (scale != NULL, FALSE);

  if (!isfinite (lo) || !isfinite (hi) || !(lo < hi) || (log && !(lo > 0.0)))
    return FALSE;
  scale->lo = lo;
  scale->hi = hi;
  scale->log = log;
  return TRUE;
}

double
convolve_plot_scale_fraction (const ConvolvePlotScale *scale,
                              double                   v)
{
  g_return_val_if_fail (scale != NULL, 0.0);

  if (scale->log)
    {
      double a, b;

      if (!(v > 0.0))
        return -INFINITY;
      a = log10 (scale->lo);
      b = log10 (scale->hi);
      return (log10 (v) - a) / (b - a);
    }
  return (v - scale->lo) / (scale->hi - scale->lo);
}

int
convolve_plot_scale_ticks (const ConvolvePlotScale *scale,
                           int                      max_ticks,
                           double                  *ticks)
{
  int n = 0;

  g_return_val_if_fail (scale != NULL, 0);
  g_return_val_if_fail (ticks != NULL || max_ticks <= 0, 0);

  max_ticks = MIN (max_ticks, CONVOLVE_PLOT_MAX_TICKS);
  if (max_ticks <= 0)
    return 0;

  if (scale->log)
    {
      int e_lo = (int) floor (log10 (scale->lo) + 1e-9);
      int e_hi = (int) floor (log10 (scale->hi) + 1e-9);
      int decades = e_hi - e_lo + 1;
      int every;

      if (decades == 2 && max_ticks >= 4)
        {
          /* one decade: 1, 2, 5, 10 × its start, so it has a scale at all */
          static const double mults[] = { 1.0, 2.0, 5.0, 10.0 };

          for (guint i = 0; i < G_N_ELEMENTS (mults); i++)
            {
              double v = mults[i] * pow (10.0, e_lo);

              if (v >= scale->lo * (1 - 1e-9) && v <= scale->hi * (1 + 1e-9))
                ticks[n++] = v;
            }
          return n;
        }

      every = MAX (1, (decades + max_ticks - 1) / max_ticks);
      for (int e = e_lo; e <= e_hi && n < max_ticks; e++)
        {
          double v = pow (10.0, e);

          /* every n-th decade, on multiples of n so they don't shift as
           * the range grows */
          if (((e % every) + every) % every != 0)
            continue;
          if (v >= scale->lo * (1 - 1e-9) && v <= scale->hi * (1 + 1e-9))
            ticks[n++] = v;
        }
      return n;
    }
  else
    {
      double step = nice_step (scale->lo, scale->hi, max_ticks);
      double eps;
      long first = 0, last = 0;   /* set when step > 0, the only case they are read */

      if (step > 0.0)
        {
          eps = step * 1e-6;
          first = (long) ceil ((scale->lo - eps) / step);
          last = (long) floor ((scale->hi + eps) / step);
        }
      /* too narrow for two nice multiples in so few ticks: the ends then,
       * so the axis still has a scale */
      if (!(step > 0.0) || last - first < 1)
        {
          ticks[n++] = scale->lo;
          if (max_ticks >= 2)
            ticks[n++] = scale->hi;
          return n;
        }
      for (long i = first; i <= last && n < max_ticks; i++)
        {
          double v = i * step;

          /* rounding must not put a tick a hair outside the axis */
          ticks[n++] = CLAMP (v, scale->lo, scale->hi);
        }
      return n;
    }
}

void
convolve_plot_format_tick (const ConvolvePlotScale *scale,
                           double                   v,
                           double                   step,
                           char                    *buf,
                           gsize                    size)
{
  double a = fabs (v);
  int decimals;

  g_return_if_fail (scale != NULL);
  g_return_if_fail (buf != NULL && size > 0);

  if (scale->log)
    {
      static const char *const digits[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
      int e;

      if ((a >= 1e-3 && a < 1e5) || !(a > 0.0) || !isfinite (a))
        {
          g_snprintf (buf, size, "%g", v);
          return;
        }
      e = (int) floor (log10 (a) + 1e-9);
      if (fabs (a - pow (10.0, e)) > a * 1e-6)
        {
          g_snprintf (buf, size, "%.0e", v);
          return;
        }
      /* a decade far from 1 reads best as a power: 10⁻⁵ */
      {
        g_autoptr (GString) text = g_string_new (v < 0 ? "−10" : "10");
        char exponent[16];

        g_snprintf (exponent, sizeof exponent, "%d", ABS (e));
        if (e < 0)
          g_string_append (text, "⁻");
        for (const char *d = exponent; *d; d++)
          g_string_append (text, digits[*d - '0']);
        g_strlcpy (buf, text->str, size);
      }
      return;
    }

  step = fabs (step);
  /* no "−0.0" where the axis crosses zero */
  if (step > 0.0 && a < step * 1e-6)
    v = a = 0.0;
  if (a >= 1e6)
    {
      g_snprintf (buf, size, "%.3g", v);
      return;
    }
  if (!(step > 0.0) || step >= 1.0)
    decimals = step > 0.0 ? 0 : 2;
  else
    decimals = CLAMP ((int) ceil (-log10 (step) - 1e-6), 0, 6);
  g_snprintf (buf, size, "%.*f", decimals, v);
}

void
convolve_plot_layout_place (ConvolvePlotLayout        *layout,
                            double                     width,
                            double                     height,
                            const ConvolvePlotMetrics *m)
{
  double left, right, top, bottom;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (m != NULL);

  /* y title (turned on its side), the tick labels, the ticks */
  left = CONVOLVE_PLOT_PAD + (m->title_height > 0 ? m->title_height + CONVOLVE_PLOT_PAD : 0) +
         m->y_tick_width + CONVOLVE_PLOT_TICK_LENGTH + 2;
  /* the last x tick label may stick out half its width */
  right = CONVOLVE_PLOT_PAD + 14;
  /* the legend, then half a y tick label above the top tick */
  top = CONVOLVE_PLOT_PAD + (m->legend_height > 0 ? m->legend_height + CONVOLVE_PLOT_PAD : 0) +
        m->tick_height / 2;
  bottom = CONVOLVE_PLOT_TICK_LENGTH + 2 + m->tick_height +
           (m->title_height > 0 ? CONVOLVE_PLOT_PAD / 2 + m->title_height : 0) +
           CONVOLVE_PLOT_PAD;

  layout->left = left;
  layout->top = top;
  layout->width = MAX (1.0, width - left - right);
  layout->height = MAX (1.0, height - top - bottom);
}

double
convolve_plot_layout_x_to_pixel (const ConvolvePlotLayout *layout,
                                 double                    x)
{
  g_return_val_if_fail (layout != NULL, 0.0);

  return layout->left + convolve_plot_scale_fraction (&layout->x, x) * layout->width;
}

double
convolve_plot_layout_y_to_pixel (const ConvolvePlotLayout *layout,
                                 double                    y)
{
  g_return_val_if_fail (layout != NULL, 0.0);

  return layout->top + (1.0 - convolve_plot_scale_fraction (&layout->y, y)) * layout->height;
}
