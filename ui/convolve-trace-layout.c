/* convolve-trace-layout.c — fitting the layer cards to the space
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything follows one number, the side in px of an 8×8 map; smaller
 * maps (4×4 after a pool) get larger cells, up to a cap, so maps of one
 * network read alike. For 1 … 4 rows of cards, a bisection finds the
 * largest side at which each card fits its row's height (its maps in as
 * few columns as that allows) and the cards, wrapped like words, fit the
 * width in that many rows. Fewer rows win unless more give clearly larger
 * maps: a trace read in one line is easier to follow.
 */
#include "config.h"

#include <math.h>

#include "convolve-trace-layout.h"

/* a strip's cells are never narrower than this, so a vector reads as a bar */
#define STRIP_WIDTH 14
/* more rows must give maps this much larger to be chosen over fewer */
#define MORE_ROWS_GAIN 1.25

static int
cell_for (const ConvolveTraceCard *c,
          int                      map)
{
  int side = MAX (MAX (c->rows, c->cols), 1);

  map *= MAX (c->emphasis, 1);
  return CLAMP (map / side, 3, MAX (CONVOLVE_TRACE_CELL_MAX, map / 8));
}

/* The card at map px with per_row maps a row (strips: cell px a value,
 * across or down) */
static void
strip_size (const ConvolveTraceCard *c,
            int                      cell,
            gboolean                 across,
            int                     *width,
            int                     *height)
{
  int blocks = MAX (c->blocks, 1);
  int maps_w = across ? c->rows * cell : MAX (cell, STRIP_WIDTH);
  int maps_h = across ? MAX (cell, STRIP_WIDTH) : c->rows * cell;

  *width = MAX (c->text_w, maps_w + c->extra_w);
  *height = c->chrome_h + blocks * maps_h + (blocks - 1) * CONVOLVE_TRACE_SPACING;
}

static void
card_size (const ConvolveTraceCard *c,
           int                      per_row,
           int                      cell,
           int                     *width,
           int                     *height)
{
  int maps_w, maps_h;

  if (c->n_maps <= 0 || c->blocks <= 0)
    {
      /* a card with no maps (the loss): its own size */
      *width = c->text_w;
      *height = c->chrome_h;
      return;
    }
  if (c->strip)
    {
      strip_size (c, cell, FALSE, width, height);
      return;
    }
  {
    int map_rows = (c->n_maps + per_row - 1) / per_row;

    maps_w = per_row * c->cols * cell + (per_row - 1) * CONVOLVE_TRACE_SPACING;
    maps_h = map_rows * c->rows * cell + (map_rows - 1) * CONVOLVE_TRACE_SPACING;
  }
  *width = MAX (c->text_w, maps_w + c->extra_w);
  *height = c->chrome_h + MAX (c->blocks, 1) * maps_h
            + (MAX (c->blocks, 1) - 1) * CONVOLVE_TRACE_SPACING;
}

/* The narrowest arrangement of c's maps at map px within row_h (≤ 0:
 * unbounded, then about square). FALSE when nothing fits row_h. */
static gboolean
arrange (const ConvolveTraceCard *c,
         int                      map,
         int                      row_h,
         ConvolveTracePlace      *p)
{
  p->across = FALSE;
  if (c->strip)
    {
      int blocks = MAX (c->blocks, 1);
      int cell;

      int min_cell = MAX (c->min_cell, CONVOLVE_TRACE_STRIP_MIN);

      p->per_row = 1;
      if (row_h <= 0)
        cell = CLAMP (240 / MAX (c->rows, 1), min_cell, MAX (min_cell, CONVOLVE_TRACE_STRIP_MAX));
      else
        {
          cell = (row_h - c->chrome_h - (blocks - 1) * CONVOLVE_TRACE_SPACING)
                 / blocks / MAX (c->rows, 1);
          if (cell < min_cell)
            {
              /* too tall for the row: lying across, its cells like a map's */
              if (!c->can_turn)
                return FALSE;
              p->across = TRUE;
              p->cell = CLAMP (map / 8, CONVOLVE_TRACE_STRIP_MIN, CONVOLVE_TRACE_STRIP_MAX);
              strip_size (c, p->cell, TRUE, &p->width, &p->height);
              return p->height <= row_h;
            }
          /* no taller than the maps beside it need */
          cell = MIN (cell, MAX (CONVOLVE_TRACE_STRIP_MAX * map / 64, min_cell));
          cell = MIN (cell, MAX (CONVOLVE_TRACE_STRIP_MAX, min_cell));
        }
      p->cell = cell;
      strip_size (c, cell, FALSE, &p->width, &p->height);
      return TRUE;
    }

  p->cell = cell_for (c, map);
  if (c->n_maps <= 0 || c->blocks <= 0)
    {
      p->per_row = 1;
      card_size (c, 1, p->cell, &p->width, &p->height);
      return row_h <= 0 || p->height <= row_h;
    }
  if (row_h <= 0)
    {
      p->per_row = MAX (1, (int) ceil (sqrt ((double) c->n_maps)));
      card_size (c, p->per_row, p->cell, &p->width, &p->height);
      return TRUE;
    }
  {
    /* the fewest maps a row (the narrowest card) whose rows fit row_h */
    int blocks = MAX (c->blocks, 1);
    int mh = c->rows * p->cell + CONVOLVE_TRACE_SPACING;
    int room = (row_h - c->chrome_h - (blocks - 1) * CONVOLVE_TRACE_SPACING) / blocks
               + CONVOLVE_TRACE_SPACING;
    int map_rows = room / mh;

    if (map_rows < 1)
      return FALSE;
    p->per_row = (c->n_maps + map_rows - 1) / map_rows;
    card_size (c, p->per_row, p->cell, &p->width, &p->height);
    return p->height <= row_h;
  }
}

/* Wraps the placed cards into rows of at most width px (a card wider
 * than that on a row of its own); sets x, y; returns the rows used */
static int
wrap (ConvolveTracePlace *places,
      int                 n,
      int                 width,
      int                *total_w,
      int                *total_h)
{
  int rows = 0, x = 0, y = 0, row_h = 0, row_start = 0;

  *total_w = 0;
  for (int i = 0; i < n; i++)
    {
      ConvolveTracePlace *p = &places[i];

      if (i > row_start && x + CONVOLVE_TRACE_GAP + p->width > width)
        {
          y += row_h + CONVOLVE_TRACE_GAP;
          x = 0;
          row_h = 0;
          row_start = i;
        }
      if (i == row_start)
        rows++;
      else
        x += CONVOLVE_TRACE_GAP;
      p->x = x;
      p->y = y;
      x += p->width;
      row_h = MAX (row_h, p->height);
      *total_w = MAX (*total_w, x);
    }
  *total_h = n > 0 ? y + row_h : 0;
  return rows;
}

/* Every card at map px, none taller than row_h (≤ 0: unbounded), wrapped
 * to width; TRUE when that takes at most max_rows rows (≤ 0: any) and at
 * most height px (≤ 0: any). Rows are as tall as their tallest card, so a
 * row of short cards leaves its height to a row of tall ones. */
static gboolean
try_fit (const ConvolveTraceCard *cards,
         int                      n,
         int                      map,
         int                      width,
         int                      height,
         int                      row_h,
         int                      max_rows,
         ConvolveTracePlace      *out,
         ConvolveTraceFit        *fit)
{
  for (int i = 0; i < n; i++)
    if (!arrange (&cards[i], map, row_h, &out[i]))
      return FALSE;
  fit->map = map;
  fit->n_rows = wrap (out, n, width, &fit->width, &fit->height);
  return (max_rows <= 0 || fit->n_rows <= max_rows) && fit->width <= width
         && (height <= 0 || fit->height <= height);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* Whether some cap on the cards' height fits everything at map px into
 * width × height in at most max_rows rows; the lowest such cap in *row_h.
 * The candidates are the heights the cards can take at that size: a card
 * gets narrower (its maps in fewer columns) as the cap grows. */
static gboolean
fits_at (const ConvolveTraceCard *cards,
         int                      n,
         int                      map,
         int                      width,
         int                      height,
         int                      max_rows,
         ConvolveTracePlace      *out,
         int                     *row_h)
{
  g_autoptr (GArray) caps = g_array_new (FALSE, FALSE, sizeof (int));
  ConvolveTraceFit fit;

  for (int i = 0; i < n; i++)
    {
      const ConvolveTraceCard *c = &cards[i];

      if (c->strip)
        {
          int w, h;

          /* a strip stretches with the cap: a few heights along the way */
          for (int k = 0; k <= 8; k++)
            {
              int lo = MAX (c->min_cell, CONVOLVE_TRACE_STRIP_MIN);

              strip_size (c, lo + k * MAX (CONVOLVE_TRACE_STRIP_MAX - lo, 0) / 8, FALSE, &w, &h);
              g_array_append_val (caps, h);
            }
          if (c->can_turn)
            {
              strip_size (c, CLAMP (map / 8, CONVOLVE_TRACE_STRIP_MIN, CONVOLVE_TRACE_STRIP_MAX),
                          TRUE, &w, &h);
              g_array_append_val (caps, h);
            }
          continue;
        }
      for (int per_row = 1; per_row <= MAX (c->n_maps, 1); per_row++)
        {
          int w, h;

          card_size (c, per_row, cell_for (c, map), &w, &h);
          g_array_append_val (caps, h);
        }
    }
  g_array_append_val (caps, height);
  g_array_sort (caps, compare_int);
  for (guint k = 0; k < caps->len; k++)
    {
      int cap = g_array_index (caps, int, k);

      if (cap > height || (k > 0 && cap == g_array_index (caps, int, k - 1)))
        continue;
      if (try_fit (cards, n, map, width, height, cap, max_rows, out, &fit))
        {
          *row_h = cap;
          return TRUE;
        }
    }
  return FALSE;
}

ConvolveTraceFit
convolve_trace_layout_fit (const ConvolveTraceCard *cards,
                           int                      n,
                           int                      width,
                           int                      height,
                           int                      preferred_map,
                           ConvolveTracePlace      *out)
{
  ConvolveTraceFit fit = { 0 };
  int best_rows = 0, best_map = 0, best_cap = 0;

  g_return_val_if_fail (n >= 0 && (n == 0 || (cards != NULL && out != NULL)), fit);

  if (n == 0)
    {
      fit.fits = TRUE;
      return fit;
    }

  if (height <= 0)
    {
      try_fit (cards, n, CLAMP (preferred_map, CONVOLVE_TRACE_MAP_MIN, CONVOLVE_TRACE_MAP_MAX),
               width, 0, 0, 0, out, &fit);
      fit.fits = fit.width <= width;
      return fit;
    }

  for (int rows = 1; rows <= MIN (CONVOLVE_TRACE_ROWS_MAX, n); rows++)
    {
      int lo = CONVOLVE_TRACE_MAP_MIN, hi = CONVOLVE_TRACE_MAP_MAX + 1, cap, lo_cap;

      if (!fits_at (cards, n, lo, width, height, rows, out, &lo_cap))
        continue;
      /* the largest map that still fits: fitting gets harder as maps grow */
      while (hi - lo > 1)
        {
          int mid = (lo + hi) / 2;

          if (fits_at (cards, n, mid, width, height, rows, out, &cap))
            {
              lo = mid;
              lo_cap = cap;
            }
          else
            hi = mid;
        }
      if (best_rows == 0 || lo >= best_map * MORE_ROWS_GAIN)
        {
          best_rows = rows;
          best_map = lo;
          best_cap = lo_cap;
        }
    }

  if (best_rows > 0)
    {
      try_fit (cards, n, best_map, width, height, best_cap, best_rows, out, &fit);
      fit.fits = TRUE;
      return fit;
    }

  /* Even the smallest maps do not fit the height: at that size, wrapped
   * to the width, taller than the space (it scrolls) */
  try_fit (cards, n, CONVOLVE_TRACE_MAP_MIN, width, 0, 0, 0, out, &fit);
  fit.fits = FALSE;
  return fit;
}

int
convolve_trace_layout_min_height (const ConvolveTraceCard *cards,
                                  int                      n,
                                  int                      width)
{
  g_autofree ConvolveTracePlace *places = g_new0 (ConvolveTracePlace, MAX (n, 1));
  ConvolveTraceFit fit = { 0 };
  int lo = 0, hi;

  if (n <= 0)
    return 0;
  /* the tallest it may need: the smallest maps, wrapped, as many rows as
   * it takes; then the least height at which the layout itself fits */
  try_fit (cards, n, CONVOLVE_TRACE_MAP_MIN, width, 0, 0, 0, places, &fit);
  hi = fit.height;
  while (hi - lo > 1)
    {
      int mid = (lo + hi) / 2;

      if (convolve_trace_layout_fit (cards, n, width, mid, 0, places).fits)
        hi = mid;
      else
        lo = mid;
    }
  return hi;
}

int
convolve_trace_layout_min_width (const ConvolveTraceCard *cards,
                                 int                      n)
{
  int widest = 0;

  for (int i = 0; i < n; i++)
    {
      ConvolveTracePlace p;

      if (cards[i].strip)
        strip_size (&cards[i], MAX (cards[i].min_cell, CONVOLVE_TRACE_STRIP_MIN), FALSE,
                    &p.width, &p.height);
      else
        card_size (&cards[i], 1, cell_for (&cards[i], CONVOLVE_TRACE_MAP_MIN), &p.width, &p.height);
      widest = MAX (widest, p.width);
    }
  return widest;
}
