/* test-trace-layout.c — where the layer cards go, worked out without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "convolve-trace-layout.h"

/* The digits network's ten cards, with the chrome a light theme measures */
static void
digits_cards (ConvolveTraceCard cards[10])
{
  const ConvolveTraceCard c[10] = {
    { .n_maps = 1, .rows = 8, .cols = 8, .blocks = 1, .chrome_h = 87, .text_w = 80, .extra_w = 16, .emphasis = 2 },
    { .n_maps = 8, .rows = 8, .cols = 8, .blocks = 1, .chrome_h = 101, .text_w = 96, .extra_w = 16 },
    { .n_maps = 8, .rows = 8, .cols = 8, .blocks = 1, .chrome_h = 87, .text_w = 80, .extra_w = 16 },
    { .n_maps = 8, .rows = 4, .cols = 4, .blocks = 1, .chrome_h = 87, .text_w = 106, .extra_w = 16 },
    { .n_maps = 16, .rows = 4, .cols = 4, .blocks = 1, .chrome_h = 101, .text_w = 104, .extra_w = 16 },
    { .n_maps = 16, .rows = 4, .cols = 4, .blocks = 1, .chrome_h = 87, .text_w = 82, .extra_w = 16 },
    { .n_maps = 16, .rows = 2, .cols = 2, .blocks = 1, .chrome_h = 87, .text_w = 112, .extra_w = 16 },
    { .n_maps = 1, .rows = 64, .cols = 1, .strip = TRUE, .blocks = 1, .chrome_h = 101, .text_w = 80,
      .extra_w = 16, .can_turn = TRUE },
    { .n_maps = 1, .rows = 10, .cols = 1, .strip = TRUE, .blocks = 1, .chrome_h = 87, .text_w = 80,
      .extra_w = 26, .min_cell = 12 },
    { .n_maps = 1, .rows = 10, .cols = 1, .strip = TRUE, .blocks = 1, .chrome_h = 87, .text_w = 82,
      .extra_w = 26, .min_cell = 12 },
  };

  memcpy (cards, c, sizeof c);
}

static void
assert_inside (const ConvolveTracePlace *p,
               int                       n,
               int                       width,
               int                       height)
{
  for (int i = 0; i < n; i++)
    {
      g_assert_cmpint (p[i].x, >=, 0);
      g_assert_cmpint (p[i].y, >=, 0);
      g_assert_cmpint (p[i].x + p[i].width, <=, width);
      if (height > 0)
        g_assert_cmpint (p[i].y + p[i].height, <=, height);
      /* no two cards overlap */
      for (int k = 0; k < i; k++)
        g_assert_true (p[i].x >= p[k].x + p[k].width || p[k].x >= p[i].x + p[i].width
                       || p[i].y >= p[k].y + p[k].height || p[k].y >= p[i].y + p[i].height);
    }
}

/* The whole network fits where it should, its maps grow with the space,
 * and fewer rows are kept unless more give clearly larger maps */
static void
test_layout_fits (void)
{
  ConvolveTraceCard cards[10];
  ConvolveTracePlace p[10];
  ConvolveTraceFit narrow, wide, tall;

  digits_cards (cards);
  /* the trace's space in a 1000×700 window */
  narrow = convolve_trace_layout_fit (cards, 10, 508, 566, 0, p);
  g_assert_true (narrow.fits);
  g_assert_cmpint (narrow.map, >=, CONVOLVE_TRACE_MAP_MIN);
  g_assert_cmpint (narrow.height, <=, 566);
  assert_inside (p, 10, 508, 566);

  /* twice as wide: one row, or larger maps */
  wide = convolve_trace_layout_fit (cards, 10, 1016, 566, 0, p);
  g_assert_true (wide.fits);
  g_assert_cmpint (wide.map, >=, narrow.map);
  g_assert_cmpint (wide.n_rows, <=, narrow.n_rows);
  assert_inside (p, 10, 1016, 566);

  /* taller: larger maps */
  tall = convolve_trace_layout_fit (cards, 10, 1016, 900, 0, p);
  g_assert_cmpint (tall.map, >, wide.map);
  assert_inside (p, 10, 1016, 900);
}

/* A row too short for a long vector lays it across; a labelled one never */
static void
test_layout_strips (void)
{
  ConvolveTraceCard cards[10];
  ConvolveTracePlace p[10];
  ConvolveTraceFit fit;

  digits_cards (cards);
  /* one row of room: 64 values down would need 101 + 64 × 3 px */
  fit = convolve_trace_layout_fit (cards, 10, 1400, 260, 0, p);
  g_assert_true (fit.fits);
  g_assert_cmpint (fit.n_rows, ==, 1);
  g_assert_true (p[7].across);
  g_assert_cmpint (p[7].width, >=, 64 * CONVOLVE_TRACE_STRIP_MIN);
  g_assert_false (p[8].across);
  g_assert_false (p[9].across);
  /* the class strips keep rows as tall as their labels */
  g_assert_cmpint (p[8].cell, >=, 12);

  /* room enough: down, as a vector is drawn */
  convolve_trace_layout_fit (cards, 10, 1400, 900, 0, p);
  g_assert_false (p[7].across);
}

/* Not even the smallest maps fit: taller than the space, never wider,
 * at the smallest size; the least height it needs is what makes it fit */
static void
test_layout_scrolls (void)
{
  ConvolveTraceCard cards[10];
  ConvolveTracePlace p[10];
  ConvolveTraceFit fit;
  int min_h;

  digits_cards (cards);
  fit = convolve_trace_layout_fit (cards, 10, 508, 200, 0, p);
  g_assert_false (fit.fits);
  g_assert_cmpint (fit.map, ==, CONVOLVE_TRACE_MAP_MIN);
  g_assert_cmpint (fit.height, >, 200);
  g_assert_cmpint (fit.width, <=, 508);
  assert_inside (p, 10, 508, 0);

  min_h = convolve_trace_layout_min_height (cards, 10, 508);
  g_assert_true (convolve_trace_layout_fit (cards, 10, 508, min_h, 0, p).fits);
  g_assert_false (convolve_trace_layout_fit (cards, 10, 508, min_h - 1, 0, p).fits);

  /* the narrowest a trace may be: its widest card at the smallest maps */
  g_assert_cmpint (convolve_trace_layout_min_width (cards, 10), >=, cards[6].text_w);
  g_assert_cmpint (convolve_trace_layout_min_width (cards, 10), <, 300);
}

/* No height to fit (the backward pass, below other things): the maps
 * keep the size asked for and the cards wrap to the width */
static void
test_layout_unbounded (void)
{
  ConvolveTraceCard cards[10];
  ConvolveTracePlace p[10];
  ConvolveTraceFit fit;

  digits_cards (cards);
  fit = convolve_trace_layout_fit (cards, 10, 600, 0, 40, p);
  g_assert_cmpint (fit.map, ==, 40);
  g_assert_cmpint (fit.n_rows, >=, 2);
  g_assert_cmpint (fit.width, <=, 600);
  assert_inside (p, 10, 600, 0);
  /* 8×8 maps at 40 px: 5 px cells */
  g_assert_cmpint (p[1].cell, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace-layout/fits", test_layout_fits);
  g_test_add_func ("/trace-layout/strips", test_layout_strips);
  g_test_add_func ("/trace-layout/scrolls", test_layout_scrolls);
  g_test_add_func ("/trace-layout/unbounded", test_layout_unbounded);

  return g_test_run ();
}
