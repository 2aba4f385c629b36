/* test-plot.c — the line chart, drawn for real and read back as pixels
 *
 * Needs a display (CI runs it under Xvfb). With CONVOLVE_TEST_PNG_DIR set,
 * the renderings are also saved there as PNGs to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <adwaita.h>

#include "convolve-plot.h"
#include "test-render.h"

/* every chart is shown alone in a window this size */
#define WINDOW_W 420
#define WINDOW_H 220

/* Whether the pixel at x, y is within tol of color in each channel */
static gboolean
near_color (const TestPixels *p,
            int               x,
            int               y,
            const GdkRGBA    *color,
            float             tol)
{
  const guchar *px = p->data + y * p->stride + x * 4;

  return fabsf (px[2] / 255.0f - color->red) <= tol &&
         fabsf (px[1] / 255.0f - color->green) <= tol &&
         fabsf (px[0] / 255.0f - color->blue) <= tol;
}

/* Pixels within tol of color in rows y0.. (below the legend band) */
static int
count_color (const TestPixels *p,
             const GdkRGBA    *color,
             int               y0,
             float             tol)
{
  int n = 0;

  for (int y = y0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      n += near_color (p, x, y, color, tol);
  return n;
}

/* Strongly coloured pixels (neither grey text nor background) */
static int
count_saturated (const TestPixels *p)
{
  int n = 0;

  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      {
        const guchar *px = p->data + y * p->stride + x * 4;
        int hi = MAX (px[0], MAX (px[1], px[2]));
        int lo = MIN (px[0], MIN (px[1], px[2]));

        n += hi - lo > 80;
      }
  return n;
}

static void
test_two_series (void)
{
  GdkRGBA red, blue;
  GtkWidget *plot = convolve_plot_new ("step", "loss (cross-entropy)");
  GtkWidget *window = test_show_in_window (plot, WINDOW_W, WINDOW_H);
  int a, b;

  gdk_rgba_parse (&red, "#e01b24");
  gdk_rgba_parse (&blue, "#1c71d8");
  a = convolve_plot_add_series (CONVOLVE_PLOT (plot), "train", &red, FALSE);
  b = convolve_plot_add_series (CONVOLVE_PLOT (plot), "test", &blue, TRUE);
  g_assert_cmpint (a, ==, 0);
  g_assert_cmpint (b, ==, 1);
  g_assert_cmpint (convolve_plot_get_n_series (CONVOLVE_PLOT (plot)), ==, 2);

  for (int dark = 0; dark <= 1; dark++)
    {
      int before_red, before_blue;

      test_set_dark (dark);
      convolve_plot_clear (CONVOLVE_PLOT (plot));
      g_assert_false (convolve_plot_get_last (CONVOLVE_PLOT (plot), a, NULL, NULL));
      /* train falls across the whole range; test only over its first half */
      for (int i = 0; i <= 50; i++)
        {
          convolve_plot_append (CONVOLVE_PLOT (plot), a, i * 10, 2.3 * exp (-i / 15.0));
          convolve_plot_append (CONVOLVE_PLOT (plot), b, i * 10, 0.5 + i / 100.0);
        }
      g_assert_cmpuint (convolve_plot_get_n_points (CONVOLVE_PLOT (plot), a), ==, 51);

      {
        g_autoptr (TestPixels) p = test_render (plot, "plot-two-series");

        /* the curves, below the legend band */
        before_red = count_color (p, &red, p->height / 4, 0.12f);
        before_blue = count_color (p, &blue, p->height / 4, 0.12f);
        g_assert_cmpint (before_red, >, 100);
        g_assert_cmpint (before_blue, >, 60);
      }

      /* appending draws: the test curve grows over the right half */
      for (int i = 51; i <= 100; i++)
        convolve_plot_append (CONVOLVE_PLOT (plot), b, i * 5, 1.0);
      {
        g_autoptr (TestPixels) p = test_render (plot, NULL);

        g_assert_cmpint (count_color (p, &blue, p->height / 4, 0.12f), >, before_blue + 40);
      }
    }

  {
    double x, y;

    g_assert_true (convolve_plot_get_last (CONVOLVE_PLOT (plot), b, &x, &y));
    g_assert_cmpfloat (x, ==, 500);
    g_assert_cmpfloat (y, ==, 1.0);
  }

  convolve_plot_remove_all (CONVOLVE_PLOT (plot));
  g_assert_cmpint (convolve_plot_get_n_series (CONVOLVE_PLOT (plot)), ==, 0);
  {
    g_autoptr (TestPixels) p = test_render (plot, "plot-empty");

    /* axes and labels only: nothing coloured */
    g_assert_cmpint (count_saturated (p), <, 10);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Palette colours (no colour given) on a log axis, in both themes; values
 * ≤ 0 leave a gap instead of breaking the chart */
static void
test_palette_log (void)
{
  GtkWidget *plot = convolve_plot_new ("step", "‖dL/dW‖ (L2)");
  GtkWidget *window = test_show_in_window (plot, WINDOW_W, WINDOW_H);
  int s[3];

  convolve_plot_set_log_y (CONVOLVE_PLOT (plot), TRUE);
  s[0] = convolve_plot_add_series (CONVOLVE_PLOT (plot), "conv 1", NULL, FALSE);
  s[1] = convolve_plot_add_series (CONVOLVE_PLOT (plot), "conv 2", NULL, FALSE);
  s[2] = convolve_plot_add_series (CONVOLVE_PLOT (plot), "dense", NULL, FALSE);
  for (int i = 1; i <= 200; i++)
    for (int k = 0; k < 3; k++)
      convolve_plot_append (CONVOLVE_PLOT (plot), s[k], i,
                            i == 100 ? 0.0 : pow (10, -1 - k) * (1 + 0.3 * sin (i / 7.0 + k)));

  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr (TestPixels) p = NULL;

      test_set_dark (dark);
      p = test_render (plot, "plot-log");
      g_assert_cmpint (count_saturated (p), >, 600);
    }

  /* a fixed range is kept whatever the data */
  convolve_plot_set_log_y (CONVOLVE_PLOT (plot), FALSE);
  convolve_plot_set_y_range (CONVOLVE_PLOT (plot), 0, 100);
  {
    g_autoptr (TestPixels) p = test_render (plot, "plot-fixed");

    /* the curves all lie along 0, flattened into the bottom edge */
    g_assert_cmpint (count_saturated (p), >, 100);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The leftmost column holding a pixel near color: where the plot area
 * starts, right of the y tick labels */
static int
leftmost (const TestPixels *p,
          const GdkRGBA    *color)
{
  for (int x = 0; x < p->width; x++)
    for (int y = 0; y < p->height; y++)
      if (near_color (p, x, y, color, 0.12f))
        return x;
  return -1;
}

/* The texts are kept laid out between frames, but in the font of the
 * moment: larger tick labels push the plot area right */
static void
test_font_change (void)
{
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
  GtkWidget *plot = convolve_plot_new ("step", "loss");
  GtkWidget *window = test_show_in_window (plot, WINDOW_W, WINDOW_H);
  GdkRGBA red;
  int s, before, after;

  test_set_dark (FALSE);
  gdk_rgba_parse (&red, "#e01b24");
  s = convolve_plot_add_series (CONVOLVE_PLOT (plot), "train", &red, FALSE);
  for (int i = 0; i <= 50; i++)
    convolve_plot_append (CONVOLVE_PLOT (plot), s, i * 10, 2.3 * exp (-i / 15.0));
  {
    g_autoptr (TestPixels) p = test_render (plot, NULL);

    before = leftmost (p, &red);
  }

  gtk_css_provider_load_from_data (css, "plot { font-size: 24px; }", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (plot),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  {
    g_autoptr (TestPixels) p = test_render (plot, "plot-large-font");

    after = leftmost (p, &red);
  }
  gtk_style_context_remove_provider_for_display (gtk_widget_get_display (plot),
                                                 GTK_STYLE_PROVIDER (css));
  g_assert_cmpint (before, >, 0);
  g_assert_cmpint (after, >, before + 10);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The topmost row and the number of columns holding a pixel near color */
static void
extent (const TestPixels *p,
        const GdkRGBA    *color,
        int              *top,
        int              *columns)
{
  *top = p->height;
  *columns = 0;
  for (int x = 0; x < p->width; x++)
    {
      gboolean hit = FALSE;

      for (int y = p->height / 4; y < p->height; y++)
        if (near_color (p, x, y, color, 0.12f))
          {
            *top = MIN (*top, y);
            hit = TRUE;
          }
      *columns += hit;
    }
}

/* Far more points than pixels are drawn a column at a time, as the band
 * of each column's values (filled, not stroked): a one-point spike still
 * shows, a gap still breaks the line, and the band is as wide as the
 * line drawn through fewer points */
static void
test_many_points (void)
{
  GtkWidget *plot = convolve_plot_new ("step", "loss");
  GtkWidget *window = test_show_in_window (plot, WINDOW_W, WINDOW_H);
  GdkRGBA red;
  int s, top_few, columns_few, top, columns, top_flat, columns_gap;

  test_set_dark (FALSE);
  gdk_rgba_parse (&red, "#e01b24");
  s = convolve_plot_add_series (CONVOLVE_PLOT (plot), "running", &red, FALSE);
  convolve_plot_set_y_range (CONVOLVE_PLOT (plot), 0, 2);

  /* 100 points: a line */
  for (int i = 0; i < 100; i++)
    convolve_plot_append (CONVOLVE_PLOT (plot), s, i * 50, i == 50 ? 1.9 : 0.5);
  {
    g_autoptr (TestPixels) p = test_render (plot, "plot-few-points");

    extent (p, &red, &top_few, &columns_few);
  }

  /* 5,000 points, the same shape: a band, the spike kept */
  convolve_plot_clear (CONVOLVE_PLOT (plot));
  for (int i = 0; i < 5000; i++)
    convolve_plot_append (CONVOLVE_PLOT (plot), s, i, i == 2500 ? 1.9 : 0.5);
  {
    g_autoptr (TestPixels) p = test_render (plot, "plot-many-points");

    extent (p, &red, &top, &columns);
    g_assert_cmpint (count_color (p, &red, p->height / 4, 0.12f), >, columns);
  }
  g_assert_cmpint (columns, >, 200);
  g_assert_cmpint (ABS (columns - columns_few), <=, 4);
  g_assert_cmpint (ABS (top - top_few), <=, 3);

  /* without the spike the band lies lower */
  convolve_plot_clear (CONVOLVE_PLOT (plot));
  for (int i = 0; i < 5000; i++)
    convolve_plot_append (CONVOLVE_PLOT (plot), s, i, 0.5);
  {
    g_autoptr (TestPixels) p = test_render (plot, NULL);

    extent (p, &red, &top_flat, &columns);
  }
  g_assert_cmpint (top_flat, >, top + 50);

  /* a gap (NaN) over a tenth of the points leaves columns empty */
  convolve_plot_clear (CONVOLVE_PLOT (plot));
  for (int i = 0; i < 5000; i++)
    convolve_plot_append (CONVOLVE_PLOT (plot), s, i, i / 500 == 4 ? NAN : 0.5);
  {
    g_autoptr (TestPixels) p = test_render (plot, "plot-many-points-gap");

    extent (p, &red, &top, &columns_gap);
  }
  g_assert_cmpint (columns_gap, <, columns - 15);

  /* a dashed series is stroked a column at a time: the spike kept too */
  convolve_plot_remove_all (CONVOLVE_PLOT (plot));
  s = convolve_plot_add_series (CONVOLVE_PLOT (plot), "running", &red, TRUE);
  convolve_plot_set_y_range (CONVOLVE_PLOT (plot), 0, 2);
  for (int i = 0; i < 5000; i++)
    convolve_plot_append (CONVOLVE_PLOT (plot), s, i, i == 2500 ? 1.9 : 0.5);
  {
    g_autoptr (TestPixels) p = test_render (plot, "plot-many-points-dashed");

    extent (p, &red, &top, &columns);
  }
  g_assert_cmpint (ABS (top - top_few), <=, 3);
  g_assert_cmpint (columns, >, 100);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_accessible (void)
{
  GtkWidget *plot = convolve_plot_new ("step", "loss");
  int s = convolve_plot_add_series (CONVOLVE_PLOT (plot), "loss", NULL, FALSE);
  GtkWidget *window = test_show_in_window (plot, WINDOW_W, WINDOW_H);
  int min, nat;

  convolve_plot_append (CONVOLVE_PLOT (plot), s, 450, 0.12);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (plot)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_measure (plot, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, >=, 400);
  g_assert_cmpint (min, <, nat);
  gtk_widget_measure (plot, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, >=, 200);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  test_render_init ();

  g_test_add_func ("/plot/two-series", test_two_series);
  g_test_add_func ("/plot/palette-log", test_palette_log);
  g_test_add_func ("/plot/accessible", test_accessible);
  g_test_add_func ("/plot/font-change", test_font_change);
  g_test_add_func ("/plot/many-points", test_many_points);

  return g_test_run ();
}
