/* test-plot-layout.c — the chart's maths: ranges, ticks, data → pixels
 *
 * No display needed: plain arithmetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib.h>

#include "convolve-plot-layout.h"

static const ConvolvePlotMetrics metrics = {
  .y_tick_width = 30, .tick_height = 12, .title_height = 16, .legend_height = 14,
};

static void
place (ConvolvePlotLayout *layout,
       double              x_lo,
       double              x_hi,
       double              y_lo,
       double              y_hi,
       gboolean            log_y)
{
  g_assert_true (convolve_plot_scale_set (&layout->x, x_lo, x_hi, FALSE));
  g_assert_true (convolve_plot_scale_set (&layout->y, y_lo, y_hi, log_y));
  convolve_plot_layout_place (layout, 420, 220, &metrics);
}

static void
test_mapping_endpoints (void)
{
  ConvolvePlotLayout layout;

  place (&layout, 0, 500, 0, 2.5, FALSE);

  /* the plot area leaves room for the labels and stays inside the widget */
  g_assert_cmpfloat (layout.left, >=, metrics.y_tick_width + metrics.title_height);
  g_assert_cmpfloat (layout.top, >=, metrics.legend_height);
  g_assert_cmpfloat (layout.left + layout.width, <=, 420);
  g_assert_cmpfloat (layout.top + layout.height, <=,
                     220 - metrics.tick_height - metrics.title_height);
  g_assert_cmpfloat (layout.width, >, 300);
  g_assert_cmpfloat (layout.height, >, 120);

  g_assert_cmpfloat_with_epsilon (convolve_plot_layout_x_to_pixel (&layout, 0), layout.left, 1e-9);
  g_assert_cmpfloat_with_epsilon (convolve_plot_layout_x_to_pixel (&layout, 500),
                                  layout.left + layout.width, 1e-9);
  g_assert_cmpfloat_with_epsilon (convolve_plot_layout_x_to_pixel (&layout, 250),
                                  layout.left + layout.width / 2, 1e-9);
  /* y: the top of the range at the top of the area */
  g_assert_cmpfloat_with_epsilon (convolve_plot_layout_y_to_pixel (&layout, 2.5), layout.top, 1e-9);
  g_assert_cmpfloat_with_epsilon (convolve_plot_layout_y_to_pixel (&layout, 0),
                                  layout.top + layout.height, 1e-9);
}

static void
test_monotonic (void)
{
  ConvolvePlotLayout layout;

  for (int log_y = 0; log_y <= 1; log_y++)
    {
      double prev_x = -INFINITY, prev_y = INFINITY;

      place (&layout, 0, 1000, log_y ? 1e-4 : -3, 10, log_y);
      for (int i = 1; i <= 1000; i++)
        {
          double v = log_y ? 1e-4 * pow (10, i * 5.0 / 1000) : -3 + i * 13.0 / 1000;
          double px = convolve_plot_layout_x_to_pixel (&layout, i);
          double py = convolve_plot_layout_y_to_pixel (&layout, v);

          g_assert_cmpfloat (px, >, prev_x);
          /* larger values higher up: smaller pixel y */
          g_assert_cmpfloat (py, <, prev_y);
          prev_x = px;
          prev_y = py;
        }
    }
}

static void
test_log_decades (void)
{
  ConvolvePlotLayout layout;
  double y_prev, gap = 0;

  place (&layout, 0, 1, 1e-4, 1, TRUE);

  g_assert_cmpfloat_with_epsilon (convolve_plot_layout_y_to_pixel (&layout, 1), layout.top, 1e-9);
  g_assert_cmpfloat_with_epsilon (convolve_plot_layout_y_to_pixel (&layout, 1e-4),
                                  layout.top + layout.height, 1e-9);
  /* every decade takes the same height: a quarter of it here */
  y_prev = convolve_plot_layout_y_to_pixel (&layout, 1e-4);
  for (int e = -3; e <= 0; e++)
    {
      double y = convolve_plot_layout_y_to_pixel (&layout, pow (10, e));

      if (gap == 0)
        gap = y_prev - y;
      g_assert_cmpfloat_with_epsilon (y_prev - y, gap, 1e-9);
      y_prev = y;
    }
  g_assert_cmpfloat_with_epsilon (gap, layout.height / 4, 1e-9);
  /* 10^-2.5 sits halfway between its decades */
  g_assert_cmpfloat_with_epsilon (convolve_plot_scale_fraction (&layout.y, pow (10, -2.5)),
                                  0.375, 1e-9);
  /* nothing ≤ 0 on a log axis */
  g_assert_true (isinf (convolve_plot_scale_fraction (&layout.y, 0)));
  g_assert_true (isinf (convolve_plot_scale_fraction (&layout.y, -1)));
}

static void
assert_ticks_sane (const ConvolvePlotScale *scale,
                   int                      max_ticks)
{
  double ticks[CONVOLVE_PLOT_MAX_TICKS];
  int n = convolve_plot_scale_ticks (scale, max_ticks, ticks);

  g_assert_cmpint (n, >=, 2);
  g_assert_cmpint (n, <=, max_ticks);
  for (int i = 0; i < n; i++)
    {
      g_assert_cmpfloat (ticks[i], >=, scale->lo);
      g_assert_cmpfloat (ticks[i], <=, scale->hi);
      if (i > 0)
        g_assert_cmpfloat (ticks[i], >, ticks[i - 1]);
    }
}

static void
test_ticks (void)
{
  ConvolvePlotScale s;
  double ticks[CONVOLVE_PLOT_MAX_TICKS];
  char text[32];
  int n;

  /* nice numbers */
  convolve_plot_scale_set (&s, 0, 2.3, FALSE);
  n = convolve_plot_scale_ticks (&s, 6, ticks);
  g_assert_cmpint (n, ==, 5);
  g_assert_cmpfloat_with_epsilon (ticks[0], 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks[1], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks[4], 2.0, 1e-12);
  assert_ticks_sane (&s, 6);

  /* exact in double precision: a label reads 0.3, not 0.30000001 */
  convolve_plot_scale_set (&s, 0, 1, FALSE);
  n = convolve_plot_scale_ticks (&s, 11, ticks);
  g_assert_cmpint (n, ==, 11);
  g_assert_cmpfloat (ticks[3], ==, 3 * 0.1);
  convolve_plot_format_tick (&s, ticks[3], ticks[1] - ticks[0], text, sizeof text);
  g_assert_cmpstr (text, ==, "0.3");

  for (int max = 2; max <= 10; max++)
    {
      convolve_plot_scale_set (&s, -0.37, 1234.5, FALSE);
      assert_ticks_sane (&s, max);
      convolve_plot_scale_set (&s, 0.31, 0.39, FALSE);
      assert_ticks_sane (&s, max);
    }

  /* log: the decades, thinned when there are many */
  convolve_plot_scale_set (&s, 1e-4, 10, TRUE);
  n = convolve_plot_scale_ticks (&s, 8, ticks);
  g_assert_cmpint (n, ==, 6);
  for (int i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (log10 (ticks[i]), -4 + i, 1e-9);
  convolve_plot_scale_set (&s, 1e-12, 1e3, TRUE);
  assert_ticks_sane (&s, 5);
  /* one decade still gets a scale: 1, 2, 5, 10 */
  convolve_plot_scale_set (&s, 0.1, 1, TRUE);
  n = convolve_plot_scale_ticks (&s, 6, ticks);
  g_assert_cmpint (n, ==, 4);
  g_assert_cmpfloat_with_epsilon (ticks[1], 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks[2], 0.5, 1e-12);

  convolve_plot_format_tick (&s, 1e-3, 0, text, sizeof text);
  g_assert_cmpstr (text, ==, "0.001");
  convolve_plot_format_tick (&s, 1e-6, 0, text, sizeof text);
  g_assert_cmpstr (text, ==, "10⁻⁶");
  convolve_plot_format_tick (&s, 1e12, 0, text, sizeof text);
  g_assert_cmpstr (text, ==, "10¹²");
  convolve_plot_format_tick (&s, 3e-7, 0, text, sizeof text);
  g_assert_cmpstr (text, ==, "3e-07");

  convolve_plot_scale_set (&s, 0, 1500, FALSE);
  convolve_plot_format_tick (&s, 1500, 500, text, sizeof text);
  g_assert_cmpstr (text, ==, "1500");
  convolve_plot_scale_set (&s, -1, 1, FALSE);
  convolve_plot_format_tick (&s, -1e-17, 0.5, text, sizeof text);
  g_assert_cmpstr (text, ==, "0.0");
}

static void
test_fit (void)
{
  ConvolvePlotScale s;

  /* y rounds out to ticks */
  convolve_plot_scale_fit (&s, 0.12, 2.31, FALSE, TRUE);
  g_assert_cmpfloat (s.lo, <=, 0.12);
  g_assert_cmpfloat (s.hi, >=, 2.31);
  g_assert_cmpfloat_with_epsilon (s.lo, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.hi, 2.5, 1e-12);
  /* x keeps the data's ends */
  convolve_plot_scale_fit (&s, 0, 451, FALSE, FALSE);
  g_assert_cmpfloat (s.lo, ==, 0);
  g_assert_cmpfloat (s.hi, ==, 451);

  /* log: whole decades around the data */
  convolve_plot_scale_fit (&s, 0.0032, 0.41, TRUE, TRUE);
  g_assert_true (s.log);
  g_assert_cmpfloat_with_epsilon (s.lo, 1e-3, 1e-15);
  g_assert_cmpfloat_with_epsilon (s.hi, 1.0, 1e-12);
  convolve_plot_scale_fit (&s, 0.01, 0.01, TRUE, TRUE);
  g_assert_cmpfloat (s.lo, <=, 0.01);
  g_assert_cmpfloat (s.hi, >, 0.01);
  g_assert_cmpfloat (s.lo, >, 0);
}

static void
test_degenerate (void)
{
  ConvolvePlotScale s;
  ConvolvePlotLayout layout;

  /* empty */
  convolve_plot_scale_fit (&s, INFINITY, -INFINITY, FALSE, TRUE);
  g_assert_cmpfloat (s.lo, <, s.hi);
  g_assert_true (isfinite (s.lo) && isfinite (s.hi));
  convolve_plot_scale_fit (&s, INFINITY, -INFINITY, TRUE, TRUE);
  g_assert_cmpfloat (s.lo, >, 0);
  g_assert_cmpfloat (s.lo, <, s.hi);

  /* one point, or all equal: the value inside, not at an edge */
  for (int nice = 0; nice <= 1; nice++)
    {
      const double values[] = { 0.0, 5.0, -2.0, 1e-7, 3e6 };

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          double f;

          convolve_plot_scale_fit (&s, values[i], values[i], FALSE, nice);
          g_assert_cmpfloat (s.lo, <, s.hi);
          f = convolve_plot_scale_fraction (&s, values[i]);
          g_assert_cmpfloat (f, >, 0.0);
          g_assert_cmpfloat (f, <, 1.0);
          assert_ticks_sane (&s, 6);
        }
    }

  /* only non-positive values on a log axis: treated as no data */
  convolve_plot_scale_fit (&s, -3, 0, TRUE, TRUE);
  g_assert_cmpfloat (s.lo, >, 0);
  g_assert_cmpfloat (s.lo, <, s.hi);

  /* fixed ranges that cannot be one are refused */
  convolve_plot_scale_set (&s, 0, 1, FALSE);
  g_assert_false (convolve_plot_scale_set (&s, 1, 1, FALSE));
  g_assert_false (convolve_plot_scale_set (&s, 2, 1, FALSE));
  g_assert_false (convolve_plot_scale_set (&s, 0, 1, TRUE));
  g_assert_false (convolve_plot_scale_set (&s, NAN, 1, FALSE));
  g_assert_cmpfloat (s.lo, ==, 0);
  g_assert_cmpfloat (s.hi, ==, 1);

  /* a widget too small for its labels still gets a plot area */
  convolve_plot_scale_set (&layout.x, 0, 1, FALSE);
  convolve_plot_scale_set (&layout.y, 0, 1, FALSE);
  convolve_plot_layout_place (&layout, 10, 10, &metrics);
  g_assert_cmpfloat (layout.width, >=, 1);
  g_assert_cmpfloat (layout.height, >=, 1);
  g_assert_true (isfinite (convolve_plot_layout_y_to_pixel (&layout, 0.5)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot-layout/mapping-endpoints", test_mapping_endpoints);
  g_test_add_func ("/plot-layout/monotonic", test_monotonic);
  g_test_add_func ("/plot-layout/log-decades", test_log_decades);
  g_test_add_func ("/plot-layout/ticks", test_ticks);
  g_test_add_func ("/plot-layout/fit", test_fit);
  g_test_add_func ("/plot-layout/degenerate", test_degenerate);

  return g_test_run ();
}
