/* cnn-ink.c — the dataset's own rule: bounding box, scale, count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cnn-ink.h"

#include <string.h>

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
  gint64 w, h, L, F;

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

  /* The box is scaled by s = F / L and centred: box pixel i (of n along an
   * axis) spans [o + i·s, o + (i+1)·s) in the frame, o = (F − n·s) / 2.
   * In integers:
   *   the frame pixel a box pixel's centre falls in
   *     u = floor ((F·(L − n) + (2i + 1)·F) / 2L)
   *   the box pixel under a frame pixel's centre
   *     i = floor (((2u + 1)·L − F·(L − n)) / 2F). */
  w = x1 - x0 + 1;
  h = y1 - y0 + 1;
  L = MAX (w, h);
  F = frame;

  bitmap = g_malloc0 ((gsize) frame * frame);
  if (L <= F)
    {
      for (gint64 v = 0; v < F; v++)
        {
          gint64 sy = floor_div ((2 * v + 1) * L - F * (L - h), 2 * F);
          const guint8 *row;

          if (sy < 0 || sy >= h)
            continue;
          row = ink + (gsize) (y0 + sy) * stride + x0;
          for (gint64 u = 0; u < F; u++)
            {
              gint64 sx = floor_div ((2 * u + 1) * L - F * (L - w), 2 * F);

              if (sx >= 0 && sx < w)
                bitmap[v * F + u] = row[sx] != 0;
            }
        }
    }
  else
    {
      for (gint64 sy = 0; sy < h; sy++)
        {
          const guint8 *row = ink + (gsize) (y0 + sy) * stride + x0;
          gint64 v = (F * (L - h) + (2 * sy + 1) * F) / (2 * L);

          for (gint64 sx = 0; sx < w; sx++)
            if (row[sx])
              bitmap[v * F + (F * (L - w) + (2 * sx + 1) * F) / (2 * L)] = 1;
        }
    }

  cnn_ink_count (bitmap, frame, out);
  return TRUE;
}
