/* cnn-ink.c — the dataset's own rule: bounding box, scale, count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cnn-ink.h"

#include <string.h>

/* The grid's default pen (1.2 cells of 8) as a share of the frame: the
 * width thin strokes are drawn at when shrinking */
#define THIN_STROKE_PERCENT 15

void
cnn_ink_count (const guint8 *ink,
               int           side,
               float         out[CNN_INPUT_SIZE])
{
  int block;

  g_return_if_fail (ink != NULL && out != NULL);
  g_return_if_fail (side > 0 && side % CNN_INPUT_W == 0);

  block = side / CNN_INPUT_W;
  for (int cy = 0; cy < CNN_INPUT_H; cy++)
    for (int cx = 0; cx < CNN_INPUT_W; cx++)
      {
        guint count = 0;

        for (int y = cy * block; y < (cy + 1) * block; y++)
          {
            const guint8 *row = ink + (gsize) y * side + cx * block;

            for (int x = 0; x < block; x++)
              count += row[x] != 0;
          }
        out[cy * CNN_INPUT_W + cx] = (float) count / (float) (block * block);
      }
}

gboolean
cnn_ink_normalize (const guint8 *ink,
                   int           side,
                   float         out[CNN_INPUT_SIZE])
{
  return cnn_ink_normalize_rect (ink, side, side, (gsize) MAX (side, 0), side, out);
}

/* Floor of a / b for b > 0 and any sign of a */
static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Point sampling: each frame pixel (of F × F) takes the box pixel under
 * its centre. Returns how many are ink. */
static guint
sample_centres (const guint8 *ink,
                gsize         stride,
                gint64        w,
                gint64        h,
                gint64        L,
                gint64        F,
                guint8       *bitmap)
{
  guint n = 0;

  for (gint64 v = 0; v < F; v++)
    {
      gint64 sy = floor_div ((2 * v + 1) * L - F * (L - h), 2 * F);
      const guint8 *row;

      if (sy < 0 || sy >= h)
        continue;
      row = ink + (gsize) sy * stride;
      for (gint64 u = 0; u < F; u++)
        {
          gint64 sx = floor_div ((2 * u + 1) * L - F * (L - w), 2 * F);

          if (sx >= 0 && sx < w && row[sx] != 0)
            {
              bitmap[v * F + u] = 1;
              n++;
            }
        }
    }
  return n;
}

/* Gathering: each ink pixel of the box inks the frame pixel its centre
 * falls in, so none is lost. Returns how many frame pixels are ink. */
static guint
gather_ink (const guint8 *ink,
            gsize         stride,
            gint64        w,
            gint64        h,
            gint64        L,
            gint64        F,
            guint8       *bitmap)
{
  guint n = 0;

  for (gint64 sy = 0; sy < h; sy++)
    {
      const guint8 *row = ink + (gsize) sy * stride;
      guint8 *out = bitmap + (F * (L - h) + (2 * sy + 1) * F) / (2 * L) * F;

      for (gint64 sx = 0; sx < w; sx++)
        if (row[sx])
          {
            guint8 *p = out + (F * (L - w) + (2 * sx + 1) * F) / (2 * L);

            n += *p == 0;
            *p = 1;
          }
    }
  return n;
}

/* Draws every ink pixel of bitmap (F × F) as a disc of radius r */
static void
thicken (guint8 *bitmap,
         gint64  F,
         int     r)
{
  g_autofree guint8 *src = g_memdup2 (bitmap, (gsize) (F * F));

  for (gint64 v = 0; v < F; v++)
    for (gint64 u = 0; u < F; u++)
      if (src[v * F + u])
        for (int dy = -r; dy <= r; dy++)
          for (int dx = -r; dx <= r; dx++)
            if (dx * dx + dy * dy <= r * r && v + dy >= 0 && v + dy < F && u + dx >= 0 && u + dx < F)
              bitmap[(v + dy) * F + u + dx] = 1;
}

gboolean
cnn_ink_normalize_rect (const guint8 *ink,
                        int           width,
                        int           height,
                        gsize         stride,
                        int           frame,
                        float         out[CNN_INPUT_SIZE])
{
  g_autofree guint8 *bitmap = NULL;
  int x0 = width, x1 = -1, y0 = height, y1 = -1;
  const guint8 *box;
  gint64 w, h, L, F;
  guint kept;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (ink != NULL && stride >= (gsize) width, FALSE);
  g_return_val_if_fail (frame > 0 && frame <= CNN_INK_FRAME_MAX && frame % CNN_INPUT_W == 0, FALSE);

  for (int y = 0; y < height; y++)
    {
      const guint8 *row = ink + (gsize) y * stride;

      for (int x = 0; x < width; x++)
        if (row[x])
          {
            x0 = MIN (x0, x);
            x1 = MAX (x1, x);
            y0 = MIN (y0, y);
            y1 = MAX (y1, y);
          }
    }

  if (x1 < 0)
    {
      memset (out, 0, CNN_INPUT_SIZE * sizeof (float));
      return FALSE;
    }

  /* The box (w × h pixels from (x0, y0)) is scaled by s = F / L and
   * centred: box pixel i (of n along an axis) spans [o + i·s, o + (i+1)·s)
   * in the frame, o = (F − n·s) / 2. In integers:
   *   the box pixel under a frame pixel's centre
   *     i = floor (((2u + 1)·L − F·(L − n)) / 2F)
   *   the frame pixel a box pixel's centre falls in
   *     u = floor ((F·(L − n) + (2i + 1)·F) / 2L). */
  w = x1 - x0 + 1;
  h = y1 - y0 + 1;
  L = MAX (w, h);
  F = frame;
  box = ink + (gsize) y0 * stride + x0;

  /* Enlarging, point sampling is all there is to it (the grid's case).
   * Shrinking, it keeps a stroke's width on average but breaks up strokes
   * thinner than a frame pixel, or loses them: if it keeps less than half
   * of the frame pixels the ink falls in, the strokes are that thin, and
   * they are gathered instead (no ink lost) and drawn as wide as the
   * grid's default pen (1.2 of 8 cells, 15 % of the frame: a disc of
   * radius 2 at 32) so the network sees strokes like the data set's. */
  bitmap = g_malloc0 ((gsize) frame * frame);
  kept = sample_centres (box, stride, w, h, L, F, bitmap);
  if (L > F)
    {
      g_autofree guint8 *gathered = g_malloc0 ((gsize) frame * frame);

      if (2 * kept < gather_ink (box, stride, w, h, L, F, gathered))
        {
          thicken (gathered, F, (int) ((F * THIN_STROKE_PERCENT + 100) / 200));
          g_free (bitmap);
          bitmap = g_steal_pointer (&gathered);
        }
    }

  cnn_ink_count (bitmap, frame, out);
  return TRUE;
}
