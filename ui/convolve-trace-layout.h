/* convolve-trace-layout.h — where the layer cards go, without a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trace shows one card per layer, left to right. Given the space, this
 * picks the largest maps with which every card fits: all in one row if
 * they can, else wrapped onto a few rows (read like lines of text), each
 * card's channel maps in as few columns as its row's height allows. Only
 * when even the smallest readable maps do not fit the height does the
 * trace grow taller than the space (it then scrolls vertically). It never
 * grows wider than the space unless a single card is wider.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A map side in px: 24 (8×8 maps at 3 px a cell) is still readable */
#define CONVOLVE_TRACE_MAP_MIN   24
#define CONVOLVE_TRACE_MAP_MAX   128
#define CONVOLVE_TRACE_CELL_MAX  16
#define CONVOLVE_TRACE_SPACING   4    /* between maps */
#define CONVOLVE_TRACE_GAP       8    /* between cards and between rows */
#define CONVOLVE_TRACE_ROWS_MAX  4
#define CONVOLVE_TRACE_STRIP_MIN 3    /* px a value of a 1-D strip */
#define CONVOLVE_TRACE_STRIP_MAX 18

/* What a card needs, measured by the widget */
typedef struct
{
  int      n_maps;    /* channel maps in one block */
  int      rows;      /* cells of a map: rows × cols; a strip: n values × 1 */
  int      cols;
  gboolean strip;     /* a 1-D vector drawn as one column of cells */
  int      blocks;    /* blocks of maps stacked in the card (1; 2 with gradients) */
  int      chrome_h;  /* px of everything but the maps: titles, captions, legends, padding */
  int      text_w;    /* px its texts need: the card is at least this wide */
  int      extra_w;   /* px beside a strip (its class labels) and the card's padding */
  int      emphasis;  /* its maps this many times the others' size (0, 1: alike) */
  gboolean can_turn;  /* a strip that may lie across (a row of cells) when a row is short */
  int      min_cell;  /* a strip's smallest cell (its row labels' height); 0: the default */
} ConvolveTraceCard;

typedef struct
{
  int x, y, width, height;  /* the card's allocation */
  int per_row;              /* maps a row in each block */
  int cell;                 /* px a cell of its maps */
  gboolean across;          /* a strip lying across: one row of cells */
} ConvolveTracePlace;

typedef struct
{
  int map;                  /* px a side of an 8×8 map: the size everything follows */
  int n_rows;               /* rows of cards */
  int width, height;        /* of everything */
  gboolean fits;            /* within width × height at map ≥ CONVOLVE_TRACE_MAP_MIN */
} ConvolveTraceFit;

/* Places n cards in width × height (height ≤ 0: unbounded — then at
 * preferred_map px, wrapped to the width). out: n places. */
ConvolveTraceFit convolve_trace_layout_fit (const ConvolveTraceCard *cards, int n,
                                            int width, int height, int preferred_map,
                                            ConvolveTracePlace *out);

/* The least height in which the smallest readable maps fit width (with
 * less, the layout is taller than the space) */
int              convolve_trace_layout_min_height (const ConvolveTraceCard *cards, int n,
                                                   int width);

/* The narrowest width any layout needs (the widest card at the smallest
 * maps, one map a row) */
int              convolve_trace_layout_min_width (const ConvolveTraceCard *cards, int n);

G_END_DECLS
