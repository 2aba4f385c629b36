/* test-widgets.c — the heatmap, legend and probability bars, drawn for real
 *
 * Needs a display (CI runs it under Xvfb). With CONVOLVE_TEST_PNG_DIR set,
 * every rendering is also saved there as a PNG to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <math.h>
#include <adwaita.h>

#include "cnn.h"
#include "convolve-colormap.h"
#include "convolve-heatmap.h"
#include "convolve-legend.h"
#include "convolve-prob-bars.h"
#include "test-render.h"

static void
pixel_at (const TestPixels *p,
          int               x,
          int               y,
          GdkRGBA          *out)
{
  const guchar *px;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (x, <, p->width);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, p->height);

  px = p->data + y * p->stride + x * 4;
  out->alpha = px[3] / 255.0f;
  /* opaque after compositing, so premultiplication is a no-op */
  out->red = px[2] / 255.0f;
  out->green = px[1] / 255.0f;
  out->blue = px[0] / 255.0f;
}

static gboolean
rgba_near (const GdkRGBA *a,
           const GdkRGBA *b,
           float          tol)
{
  return fabsf (a->red - b->red) <= tol && fabsf (a->green - b->green) <= tol &&
         fabsf (a->blue - b->blue) <= tol;
}

static void
assert_rgba_near (const GdkRGBA *got,
                  const GdkRGBA *want,
                  float          tol)
{
  if (!rgba_near (got, want, tol))
    {
      g_autofree char *g = gdk_rgba_to_string (got);
      g_autofree char *w = gdk_rgba_to_string (want);

      g_error ("pixel %s is not within %.3f of %s", g, tol, w);
    }
}

/* A fake 3×3×2 feature block in HWC order: channel 0 holds 0..8 row by
 * row, channel 1 holds 100 + 10 × that. */
static void
fill_hwc (float block[18])
{
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      {
        block[(r * 3 + c) * 2 + 0] = r * 3 + c;
        block[(r * 3 + c) * 2 + 1] = 100 + 10 * (r * 3 + c);
      }
}

static void
test_heatmap_stride (void)
{
  GtkWidget *map = g_object_ref_sink (convolve_heatmap_new ());
  float block[18];

  fill_hwc (block);
  g_assert_cmpint (convolve_heatmap_get_rows (CONVOLVE_HEATMAP (map)), ==, 0);

  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), block + 1, 3, 3, 2);
  g_assert_cmpint (convolve_heatmap_get_rows (CONVOLVE_HEATMAP (map)), ==, 3);
  g_assert_cmpint (convolve_heatmap_get_cols (CONVOLVE_HEATMAP (map)), ==, 3);
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      g_assert_cmpfloat (convolve_heatmap_get_value (CONVOLVE_HEATMAP (map), r, c), ==,
                         100 + 10 * (r * 3 + c));

  /* the data is copied: changing the source afterwards changes nothing */
  block[1] = -1;
  g_assert_cmpfloat (convolve_heatmap_get_value (CONVOLVE_HEATMAP (map), 0, 0), ==, 100);

  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), block, 3, 3, 2);
  g_assert_cmpfloat (convolve_heatmap_get_value (CONVOLVE_HEATMAP (map), 2, 1), ==, 7);

  /* a non-square map, stride 1 */
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), block, 2, 5, 1);
  g_assert_cmpint (convolve_heatmap_get_rows (CONVOLVE_HEATMAP (map)), ==, 2);
  g_assert_cmpint (convolve_heatmap_get_cols (CONVOLVE_HEATMAP (map)), ==, 5);
  g_assert_cmpfloat (convolve_heatmap_get_value (CONVOLVE_HEATMAP (map), 1, 2), ==, block[7]);

  g_object_unref (map);
}

static void
test_heatmap_size (void)
{
  GtkWidget *map = g_object_ref_sink (convolve_heatmap_new ());
  float values[6 * 4] = { 0 };
  int min, nat;

  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), values, 6, 4, 1);
  gtk_widget_measure (map, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, ==, 4 * 12);
  g_assert_cmpint (min, ==, 4 * 3);
  gtk_widget_measure (map, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, ==, 6 * 12);
  g_assert_cmpint (min, ==, 6 * 3);

  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), 30);
  gtk_widget_measure (map, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, ==, 4 * 30);
  g_assert_cmpint (min, ==, 4 * 3);

  g_object_unref (map);
}

/* Checks the centre of each cell of a 3×3 map drawn at cell px per cell,
 * starting at x0, y0, against the colours the scale promises. */
static void
assert_cells (const TestPixels *p,
              int               x0,
              int               y0,
              int               cell,
              ConvolveScale     scale,
              const float      *values,
              float             range)
{
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      {
        GdkRGBA got, want;

        convolve_colormap_color (scale, values[r * 3 + c] / range, test_is_dark (), &want);
        /* a quarter in from the corner: clear of the centre's number */
        pixel_at (p, x0 + c * cell + cell / 4, y0 + r * cell + cell / 4, &got);
        assert_rgba_near (&got, &want, 0.02f);
      }
}

static void
test_heatmap_colours (void)
{
  GtkWidget *map = convolve_heatmap_new ();
  GtkWidget *window;
  float block[18];
  float channel0[9], signed_values[9];
  GdkRGBA zero, top, got;

  test_set_dark (FALSE);
  fill_hwc (block);
  for (int i = 0; i < 9; i++)
    {
      channel0[i] = block[i * 2];
      signed_values[i] = (i - 4) * 0.25f;  /* −1 … 1 */
    }

  gtk_widget_set_halign (map, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (map, GTK_ALIGN_CENTER);
  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), 20);
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), block, 3, 3, 2);
  window = test_show_in_window (map, 200, 200);
  g_assert_cmpint (gtk_widget_get_width (map), ==, 60);
  g_assert_cmpint (gtk_widget_get_height (map), ==, 60);

  /* fit to the data: the max (8, bottom right) is the end of the scale,
   * 0 (top left) its start */
  {
    g_autoptr (TestPixels) p = test_render (map, "heatmap-sequential");

    convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 1, FALSE, &top);
    convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 0, FALSE, &zero);
    pixel_at (p, 2 * 20 + 10, 2 * 20 + 10, &got);
    assert_rgba_near (&got, &top, 0.02f);
    pixel_at (p, 10, 10, &got);
    assert_rgba_near (&got, &zero, 0.02f);
    assert_cells (p, 0, 0, 20, CONVOLVE_SCALE_SEQUENTIAL, channel0, 8);
    /* the border is drawn on the outermost pixels, in the foreground colour */
    pixel_at (p, 0, 10, &got);
    g_assert_false (rgba_near (&got, &zero, 0.02f));
  }

  /* a fixed range: 8 of 16 is the middle of the scale */
  convolve_heatmap_set_scale (CONVOLVE_HEATMAP (map), CONVOLVE_SCALE_SEQUENTIAL, 16);
  {
    g_autoptr (TestPixels) p = test_render (map, NULL);

    assert_cells (p, 0, 0, 20, CONVOLVE_SCALE_SEQUENTIAL, channel0, 16);
  }

  /* signed values on the diverging scale, with numbers and a highlight */
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), signed_values, 3, 3, 1);
  convolve_heatmap_set_scale (CONVOLVE_HEATMAP (map), CONVOLVE_SCALE_DIVERGING, 0);
  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), 40);
  convolve_heatmap_set_show_values (CONVOLVE_HEATMAP (map), TRUE);
  convolve_heatmap_set_highlight (CONVOLVE_HEATMAP (map), 1, 2);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (gtk_widget_get_width (map), ==, 120);
  {
    g_autoptr (TestPixels) p = test_render (map, "heatmap-diverging");
    GdkRGBA accent;
    gboolean dark_text = FALSE;

    assert_cells (p, 0, 0, 40, CONVOLVE_SCALE_DIVERGING, signed_values, 1);

    /* the highlighted cell's edge (just inside the 1-px border) is accent */
    g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (map),
                                                   "accent_color", &accent));
    pixel_at (p, 2 * 40 + 20, 1 * 40 + 1, &got);
    assert_rgba_near (&got, &accent, 0.06f);
    pixel_at (p, 1 * 40 + 20, 1 * 40 + 1, &got);
    g_assert_false (rgba_near (&got, &accent, 0.1f));

    /* the neutral centre cell (0.00) carries dark text on its light fill */
    for (int y = 40 + 12; y < 80 - 12; y++)
      for (int x = 40 + 4; x < 80 - 4; x++)
        {
          pixel_at (p, x, y, &got);
          dark_text |= got.red + got.green + got.blue < 1.0f;
        }
    g_assert_true (dark_text);
  }

  /* dark mode: the map redraws itself with the dark palette */
  test_set_dark (TRUE);
  gtk_test_widget_wait_for_draw (window);
  {
    g_autoptr (TestPixels) p = test_render (map, "heatmap-diverging");

    assert_cells (p, 0, 0, 40, CONVOLVE_SCALE_DIVERGING, signed_values, 1);
  }
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), block, 3, 3, 2);
  convolve_heatmap_set_scale (CONVOLVE_HEATMAP (map), CONVOLVE_SCALE_SEQUENTIAL, 0);
  convolve_heatmap_set_show_values (CONVOLVE_HEATMAP (map), FALSE);
  convolve_heatmap_set_highlight (CONVOLVE_HEATMAP (map), -1, -1);
  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), 20);
  gtk_test_widget_wait_for_draw (window);
  {
    g_autoptr (TestPixels) p = test_render (map, "heatmap-sequential");

    convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 1, TRUE, &top);
    convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 0, TRUE, &zero);
    pixel_at (p, 2 * 20 + 10, 2 * 20 + 10, &got);
    assert_rgba_near (&got, &top, 0.02f);
    pixel_at (p, 10, 10, &got);
    assert_rgba_near (&got, &zero, 0.02f);
  }
  test_set_dark (FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Allocated more than it asks for, the map keeps square cells, centred */
static void
test_heatmap_centred (void)
{
  GtkWidget *map = convolve_heatmap_new ();
  GtkWidget *window;
  g_autoptr (TestPixels) p = NULL;
  float values[6] = { 1, 2, 3, 4, 5, 6 };
  GdkRGBA bg, got;
  int left = -1, right = -1, top = -1, bottom = -1;

  test_set_dark (FALSE);
  /* 2 rows × 3 columns in 300 × 150: cells of 75 px, 225 × 150, centred */
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), values, 2, 3, 1);
  window = test_show_in_window (map, 300, 150);
  g_assert_cmpint (gtk_widget_get_width (map), ==, 300);
  g_assert_cmpint (gtk_widget_get_height (map), ==, 150);

  p = test_render (map, "heatmap-centred");
  gtk_style_context_lookup_color (gtk_widget_get_style_context (map), "window_bg_color", &bg);
  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      {
        pixel_at (p, x, y, &got);
        if (rgba_near (&got, &bg, 0.004f))
          continue;
        left = left < 0 ? x : MIN (left, x);
        right = MAX (right, x);
        top = top < 0 ? y : MIN (top, y);
        bottom = MAX (bottom, y);
      }

  g_assert_cmpint (right - left + 1, ==, 3 * 75);
  g_assert_cmpint (bottom - top + 1, ==, 2 * 75);
  g_assert_cmpint (abs (left - (p->width - 1 - right)), <=, 1);
  g_assert_cmpint (abs (top - (p->height - 1 - bottom)), <=, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
cell_activated_cb (ConvolveHeatmap *map,
                   int              row,
                   int              col,
                   int             *got)
{
  got[0] = row;
  got[1] = col;
  got[2]++;
}

static void
test_heatmap_activate (void)
{
  GtkWidget *map = convolve_heatmap_new ();
  GtkWidget *window;
  GtkEventController *click, *key;
  float values[3 * 4] = { 0 };
  int got[3] = { -1, -1, 0 };
  gboolean handled = FALSE;

  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), values, 3, 4, 1);
  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), 20);
  gtk_widget_set_halign (map, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (map, GTK_ALIGN_CENTER);
  g_signal_connect (map, "cell-activated", G_CALLBACK (cell_activated_cb), got);
  window = test_show_in_window (map, 200, 200);

  click = test_find_controller (map, GTK_TYPE_GESTURE_CLICK);
  g_assert_nonnull (click);
  g_assert_cmpuint (gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (click)), ==,
                    GDK_BUTTON_PRIMARY);

  /* row 2, column 1 */
  g_signal_emit_by_name (click, "pressed", 1, 1 * 20 + 7.0, 2 * 20 + 13.0);
  g_assert_cmpint (got[2], ==, 1);
  g_assert_cmpint (got[0], ==, 2);
  g_assert_cmpint (got[1], ==, 1);

  /* row 0, last column */
  g_signal_emit_by_name (click, "pressed", 1, 3 * 20 + 19.5, 0.5);
  g_assert_cmpint (got[2], ==, 2);
  g_assert_cmpint (got[0], ==, 0);
  g_assert_cmpint (got[1], ==, 3);

  /* off the cells: nothing */
  g_signal_emit_by_name (click, "pressed", 1, 4 * 20 + 1.0, 10.0);
  g_signal_emit_by_name (click, "pressed", 1, -1.0, 10.0);
  g_assert_cmpint (got[2], ==, 2);

  /* Enter activates the highlighted cell; other keys pass through */
  key = test_find_controller (map, GTK_TYPE_EVENT_CONTROLLER_KEY);
  g_assert_nonnull (key);
  convolve_heatmap_set_highlight (CONVOLVE_HEATMAP (map), 1, 3);
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpint (got[2], ==, 3);
  g_assert_cmpint (got[0], ==, 1);
  g_assert_cmpint (got[1], ==, 3);
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_a, 0, 0, &handled);
  g_assert_false (handled);
  g_assert_cmpint (got[2], ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The longest run of pixels on row y that are far from bg, and how many of
 * them are accent-coloured */
static int
longest_run (const TestPixels *p,
             int               y,
             const GdkRGBA    *bg,
             const GdkRGBA    *accent,
             int              *n_accent)
{
  int best = 0, run = 0;

  *n_accent = 0;
  for (int x = 0; x < p->width; x++)
    {
      GdkRGBA got;

      pixel_at (p, x, y, &got);
      if (rgba_near (&got, accent, 0.05f))
        (*n_accent)++;
      if (!rgba_near (&got, bg, 0.15f))
        {
          run++;
          best = MAX (best, run);
        }
      else
        run = 0;
    }

  return best;
}

static void
test_prob_bars (void)
{
  GtkWidget *bars = convolve_prob_bars_new ();
  GtkWidget *window;
  const float probs[3] = { 0.1f, 0.7f, 0.2f };
  const char * const labels[] = { "zero", "one", "two" };
  int nat, runs[3], n_accent[3];
  GdkRGBA bg, accent;

  test_set_dark (FALSE);
  g_assert_cmpint (convolve_prob_bars_get_top (CONVOLVE_PROB_BARS (bars)), ==, -1);
  g_assert_cmpint (convolve_prob_bars_get_n (CONVOLVE_PROB_BARS (bars)), ==, 0);

  convolve_prob_bars_set (CONVOLVE_PROB_BARS (bars), probs, 3, cnn_argmax (probs, 3), NULL);
  g_assert_cmpint (convolve_prob_bars_get_n (CONVOLVE_PROB_BARS (bars)), ==, 3);
  g_assert_cmpint (convolve_prob_bars_get_top (CONVOLVE_PROB_BARS (bars)), ==, 1);
  g_assert_cmpfloat (convolve_prob_bars_get_prob (CONVOLVE_PROB_BARS (bars), 2), ==, 0.2f);

  gtk_widget_measure (bars, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat, NULL, NULL);
  g_assert_cmpint (nat, ==, 3 * 28);
  gtk_widget_measure (bars, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
  g_assert_cmpint (nat, ==, 220);

  gtk_widget_set_halign (bars, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (bars, GTK_ALIGN_CENTER);
  window = test_show_in_window (bars, 320, 200);

  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr (TestPixels) p = NULL;

      test_set_dark (dark);
      gtk_test_widget_wait_for_draw (window);
      p = test_render (bars, "prob-bars");
      gtk_style_context_lookup_color (gtk_widget_get_style_context (bars),
                                      "window_bg_color", &bg);
      gtk_style_context_lookup_color (gtk_widget_get_style_context (bars),
                                      "accent_bg_color", &accent);

      for (int i = 0; i < 3; i++)
        {
          runs[i] = longest_run (p, i * 28 + 14, &bg, &accent, &n_accent[i]);
          g_test_message ("row %d: bar %d px, %d accent px", i, runs[i], n_accent[i]);
        }

      /* the top class's bar is the longest, filled with the accent colour;
       * the others are neutral */
      g_assert_cmpint (runs[1], >, runs[0]);
      g_assert_cmpint (runs[1], >, runs[2]);
      g_assert_cmpint (n_accent[1], >, runs[1] * 3 / 4);
      g_assert_cmpint (n_accent[0], ==, 0);
      g_assert_cmpint (n_accent[2], ==, 0);
      /* lengths ∝ probabilities */
      g_assert_cmpfloat (fabs ((double) runs[1] / runs[2] - 3.5), <, 0.35);
      g_assert_cmpfloat (fabs ((double) runs[2] / runs[0] - 2.0), <, 0.3);
    }
  test_set_dark (FALSE);

  /* a new argmax moves the highlight; labels are kept */
  {
    const float next[3] = { 0.6f, 0.3f, 0.1f };

    convolve_prob_bars_set (CONVOLVE_PROB_BARS (bars), next, 3, cnn_argmax (next, 3), labels);
    g_assert_cmpint (convolve_prob_bars_get_top (CONVOLVE_PROB_BARS (bars)), ==, 0);
    g_assert_cmpfloat (convolve_prob_bars_get_prob (CONVOLVE_PROB_BARS (bars), 0), ==, 0.6f);
  }

  /* out-of-range input is clamped, NaN never wins */
  {
    const float bad[4] = { NAN, 1.5f, -0.2f, 0.5f };
    g_autoptr (TestPixels) p = NULL;

    convolve_prob_bars_set (CONVOLVE_PROB_BARS (bars), bad, 4, cnn_argmax (bad, 4), NULL);
    g_assert_cmpint (convolve_prob_bars_get_n (CONVOLVE_PROB_BARS (bars)), ==, 4);
    g_assert_cmpint (convolve_prob_bars_get_top (CONVOLVE_PROB_BARS (bars)), ==, 1);
    g_assert_cmpfloat (convolve_prob_bars_get_prob (CONVOLVE_PROB_BARS (bars), 0), ==, 0);
    g_assert_cmpfloat (convolve_prob_bars_get_prob (CONVOLVE_PROB_BARS (bars), 1), ==, 1);
    g_assert_cmpfloat (convolve_prob_bars_get_prob (CONVOLVE_PROB_BARS (bars), 2), ==, 0);
    gtk_test_widget_wait_for_draw (window);
    g_assert_cmpint (gtk_widget_get_height (bars), ==, 4 * 28);
    p = test_render (bars, NULL);
  }

  /* no answer yet (an empty drawing): empty bars, none lit */
  convolve_prob_bars_set (CONVOLVE_PROB_BARS (bars), NULL, 3, -1, NULL);
  g_assert_cmpint (convolve_prob_bars_get_top (CONVOLVE_PROB_BARS (bars)), ==, -1);
  g_assert_cmpfloat (convolve_prob_bars_get_prob (CONVOLVE_PROB_BARS (bars), 1), ==, 0.0f);
  convolve_prob_bars_set (CONVOLVE_PROB_BARS (bars), NULL, 0, -1, NULL);
  g_assert_cmpint (convolve_prob_bars_get_top (CONVOLVE_PROB_BARS (bars)), ==, -1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ten digits, as the app shows them: saved for a look, and checked that
 * the top row stands out */
static void
test_prob_bars_digits (void)
{
  GtkWidget *bars = convolve_prob_bars_new ();
  GtkWidget *window;
  const float probs[10] = { 0.002f, 0.004f, 0.001f, 0.012f, 0.0f,
                            0.003f, 0.0f, 0.973f, 0.001f, 0.004f };

  convolve_prob_bars_set (CONVOLVE_PROB_BARS (bars), probs, 10, cnn_argmax (probs, 10), NULL);
  g_assert_cmpint (convolve_prob_bars_get_top (CONVOLVE_PROB_BARS (bars)), ==, 7);
  gtk_widget_set_halign (bars, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (bars, GTK_ALIGN_CENTER);
  window = test_show_in_window (bars, 300, 300);
  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr (TestPixels) p = NULL;

      test_set_dark (dark);
      gtk_test_widget_wait_for_draw (window);
      p = test_render (bars, "prob-bars-digits");
      g_assert_cmpint (p->height, ==, 10 * 28);
    }
  test_set_dark (FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* How many different colours, and whether one near want occurs */
static int
count_colours (const TestPixels *p,
               const GdkRGBA    *want,
               gboolean         *found)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

  *found = FALSE;
  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      {
        GdkRGBA got;
        const guint32 *px = (const guint32 *) (p->data + y * p->stride + x * 4);

        g_hash_table_add (seen, GUINT_TO_POINTER (*px));
        pixel_at (p, x, y, &got);
        *found |= rgba_near (&got, want, 0.03f);
      }

  return g_hash_table_size (seen);
}

/* Numbers for people: a real minus sign, never "−0.00" */
static void
test_format_number (void)
{
  char buf[32];

  g_assert_cmpstr (convolve_format_number (-0.001f, 2, buf, sizeof buf), ==, "0.00");
  g_assert_cmpstr (convolve_format_number (-0.004f, 2, buf, sizeof buf), ==, "0.00");
  g_assert_cmpstr (convolve_format_number (0.004f, 2, buf, sizeof buf), ==, "0.00");
  g_assert_cmpstr (convolve_format_number (-0.006f, 2, buf, sizeof buf), ==, "−0.01");
  g_assert_cmpstr (convolve_format_number (-1.5f, 2, buf, sizeof buf), ==, "−1.50");
  g_assert_cmpstr (convolve_format_number (2.345f, 1, buf, sizeof buf), ==, "2.3");
  g_assert_cmpstr (convolve_format_number (-0.4f, 0, buf, sizeof buf), ==, "0");
  g_assert_cmpstr (convolve_format_number (-2.0f, 0, buf, sizeof buf), ==, "−2");
  g_assert_null (strchr (convolve_format_number (-3.25f, 3, buf, sizeof buf), '-'));
}

/* A compact legend asks for little width and fills what it is given: its
 * strip spans the allocation (the red end near its right edge), not a
 * fixed 160 px */
static void
test_legend_compact (void)
{
  GtkWidget *wide = convolve_legend_new (CONVOLVE_SCALE_DIVERGING, "value");
  GtkWidget *compact = convolve_legend_new (CONVOLVE_SCALE_DIVERGING, "value");
  GtkWidget *window;
  g_autoptr (TestPixels) p = NULL;
  int min_wide, min_compact, nat_compact, red_x = -1;
  GdkRGBA end;

  g_object_ref_sink (wide);
  convolve_legend_set_compact (CONVOLVE_LEGEND (compact), TRUE);
  gtk_widget_measure (wide, GTK_ORIENTATION_HORIZONTAL, -1, &min_wide, NULL, NULL, NULL);
  gtk_widget_measure (compact, GTK_ORIENTATION_HORIZONTAL, -1, &min_compact, &nat_compact,
                      NULL, NULL);
  g_assert_cmpint (min_wide, >=, 160);
  g_assert_cmpint (nat_compact, <=, 100);
  g_assert_cmpint (min_compact, <, min_wide);
  g_object_unref (wide);

  gtk_widget_set_size_request (compact, 300, -1);
  window = test_show_in_window (compact, 320, 120);
  p = test_render (compact, "legend-compact");
  g_assert_cmpint (p->width, >=, 300);
  convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, 1, FALSE, &end);
  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      {
        GdkRGBA got;

        pixel_at (p, x, y, &got);
        if (rgba_near (&got, &end, 0.06))
          red_x = MAX (red_x, x);
      }
  g_assert_cmpint (red_x, >, 280);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A range near FLT_MAX, as weights after a diverging step have: the tick
 * positions overflowed to NaN, an invalid matrix for the tick labels (a
 * Gsk warning, fatal here), seen in the training test under ASan */
static void
test_legend_huge_range (void)
{
  GtkWidget *legend = convolve_legend_new (CONVOLVE_SCALE_DIVERGING, "weight");
  GtkWidget *window;
  g_autoptr (TestPixels) p = NULL;

  convolve_legend_set_range (CONVOLVE_LEGEND (legend), 3.0e38f);
  window = test_show_in_window (legend, 320, 120);
  p = test_render (legend, "legend-huge-range");
  g_assert_cmpint (p->width, >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_legend (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *seq = convolve_legend_new (CONVOLVE_SCALE_SEQUENTIAL, "activation");
  GtkWidget *div = convolve_legend_new (CONVOLVE_SCALE_DIVERGING, "weight");
  GtkWidget *window;

  convolve_legend_set_range (CONVOLVE_LEGEND (seq), 0.37f);
  convolve_legend_set_range (CONVOLVE_LEGEND (div), 1.6f);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), seq);
  gtk_box_append (GTK_BOX (box), div);
  window = test_show_in_window (box, 320, 200);

  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr (TestPixels) ps = NULL;
      g_autoptr (TestPixels) pd = NULL;
      GdkRGBA end;
      gboolean found;
      int nat;

      test_set_dark (dark);
      gtk_test_widget_wait_for_draw (window);
      gtk_widget_measure (seq, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
      g_assert_cmpint (nat, >=, 160);
      g_assert_cmpint (gtk_widget_get_height (seq), >=, 10);

      ps = test_render (seq, "legend-sequential");
      pd = test_render (div, "legend-diverging");
      /* a gradient, text and ticks: many colours, including the ends */
      convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, 1, dark, &end);
      g_assert_cmpint (count_colours (ps, &end, &found), >, 40);
      g_assert_true (found);
      convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, -1, dark, &end);
      g_assert_cmpint (count_colours (pd, &end, &found), >, 40);
      g_assert_true (found);
      convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, 1, dark, &end);
      count_colours (pd, &end, &found);
      g_assert_true (found);
    }
  test_set_dark (FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* One picture of everything together, for a look (only with the env) */
static void
test_gallery (void)
{
  GtkWidget *box, *row, *map, *kernel, *bars;
  GtkWidget *window;
  float fmap[8 * 8], weights[9] = { -0.42f, 0.1f, 0.37f, -0.05f, 0.8f, 0.0f, -0.6f, 0.22f, 0.31f };
  const float probs[10] = { 0.002f, 0.004f, 0.001f, 0.012f, 0.0f,
                            0.003f, 0.0f, 0.973f, 0.001f, 0.004f };

  for (int i = 0; i < 64; i++)
    fmap[i] = MAX (0.0f, sinf (i * 0.37f) * cosf (i * 0.11f) * 2.0f);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  map = convolve_heatmap_new ();
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), fmap, 8, 8, 1);
  convolve_heatmap_set_highlight (CONVOLVE_HEATMAP (map), 3, 4);
  kernel = convolve_heatmap_new ();
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (kernel), weights, 3, 3, 1);
  convolve_heatmap_set_scale (CONVOLVE_HEATMAP (kernel), CONVOLVE_SCALE_DIVERGING, 0);
  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (kernel), 36);
  convolve_heatmap_set_show_values (CONVOLVE_HEATMAP (kernel), TRUE);
  gtk_box_append (GTK_BOX (row), map);
  gtk_box_append (GTK_BOX (row), kernel);
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), convolve_legend_new (CONVOLVE_SCALE_SEQUENTIAL, "activation"));
  gtk_box_append (GTK_BOX (box), convolve_legend_new (CONVOLVE_SCALE_DIVERGING, "weight"));
  bars = convolve_prob_bars_new ();
  convolve_prob_bars_set (CONVOLVE_PROB_BARS (bars), probs, 10, cnn_argmax (probs, 10), NULL);
  gtk_box_append (GTK_BOX (box), bars);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  window = test_show_in_window (box, 300, 500);

  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr (TestPixels) p = NULL;

      test_set_dark (dark);
      gtk_test_widget_wait_for_draw (window);
      p = test_render (box, "gallery");
    }
  test_set_dark (FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_render_init ();

  g_test_add_func ("/heatmap/stride", test_heatmap_stride);
  g_test_add_func ("/heatmap/size", test_heatmap_size);
  g_test_add_func ("/heatmap/colours", test_heatmap_colours);
  g_test_add_func ("/heatmap/centred", test_heatmap_centred);
  g_test_add_func ("/heatmap/activate", test_heatmap_activate);
  g_test_add_func ("/prob-bars/basics", test_prob_bars);
  g_test_add_func ("/prob-bars/digits", test_prob_bars_digits);
  g_test_add_func ("/legend/render", test_legend);
  g_test_add_func ("/legend/compact", test_legend_compact);
  g_test_add_func ("/legend/huge-range", test_legend_huge_range);
  g_test_add_func ("/format/number", test_format_number);
  /* nothing to check, only to look at */
  if (g_getenv ("CONVOLVE_TEST_PNG_DIR") != NULL)
    g_test_add_func ("/gallery", test_gallery);

  return g_test_run ();
}
