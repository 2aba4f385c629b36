/* cnn-ink.c — the dataset's own rule: bounding box, scale, count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cnn-ink.h"

#include <math.h>
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
  g_autofree guint8 *frame = NULL;
  int x0 = side, x1 = -1, y0 = side, y1 = -1;
  int w, h;
  double scale, ox, oy;

  g_return_val_if_fail (ink != NULL && out != NULL, FALSE);
  g_return_val_if_fail (side > 0 && side % CNN_INPUT_W == 0, FALSE);

  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      if (ink[(gsize) y * side + x])
        {
          x0 = MIN (x0, x);
          x1 = MAX (x1, x);
          y0 = MIN (y0, y);
          y1 = MAX (y1, y);
        }

  if (x1 < 0)
    {
      memset (out, 0, CNN_INPUT_SIZE * sizeof (float));
      return FALSE;
    }

  /* The box (w × h pixels) scaled by side / max(w, h) — never below 1, so
   * nearest sampling loses no ink — and centred in the frame. */
  w = x1 - x0 + 1;
  h = y1 - y0 + 1;
  scale = (double) side / MAX (w, h);
  ox = (side - w * scale) / 2;
  oy = (side - h * scale) / 2;

  frame = g_malloc0 ((gsize) side * side);
  for (int v = 0; v < side; v++)
    {
      int sy = (int) floor ((v + 0.5 - oy) / scale);

      if (sy < 0 || sy >= h)
        continue;
      for (int u = 0; u < side; u++)
        {
          int sx = (int) floor ((u + 0.5 - ox) / scale);

          if (sx >= 0 && sx < w)
            frame[(gsize) v * side + u] = ink[(gsize) (y0 + sy) * side + x0 + sx] != 0;
        }
    }
  cnn_ink_count (frame, side, out);
  return TRUE;
}
