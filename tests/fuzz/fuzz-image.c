/* fuzz-image.c — libFuzzer target: decoded pixels to the network's 8×8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an opened, dropped or pasted image goes through once GdkPixbuf or
 * GTK has decoded it (convolve-image.c: paper from the border, Otsu, the
 * engine's ink rule), and the ink rule alone. The first four bytes give
 * the shape, the rest are the pixels (zero past the end of the input):
 *   [0] width − 1 (1..256)   [1] height − 1 (1..256)
 *   [2] mode: 0 RGB, 1 RGBA, 2 Cairo ARGB32 premultiplied (what a pasted
 *       texture is downloaded as), 3 an ink bitmap for
 *       cnn_ink_normalize_rect() directly
 *   [3] for mode 3, the frame: 8 << ([3] % 5), 8..128; else extra bytes
 *       at the end of each row (the stride's padding, 0..7)
 * Whatever the pixels: 64 values, each k/16 (or k/(frame/8)² for the ink
 * rule), some ink; or a CONVOLVE_IMAGE_ERROR saying why not.
 */
#include "fuzz-common.h"

#include <math.h>

#include "convolve-image.h"

static void
check_values (const float *values,
              int          per_block)
{
  gboolean ink = FALSE;

  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    {
      float k = values[i] * per_block;

      g_assert (values[i] >= 0.0f && values[i] <= 1.0f);
      g_assert (fabsf (k - roundf (k)) < 1e-3f);
      ink |= values[i] > 0.0f;
    }
  g_assert (ink);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  int width, height, mode, channels, frame = 0;
  gsize stride, n;
  g_autofree guint8 *pixels = NULL;

  if (size < 4)
    return 0;
  width = 1 + data[0];
  height = 1 + data[1];
  mode = data[2] % 4;
  channels = mode == 0 ? 3 : mode == 3 ? 1 : 4;
  stride = (gsize) width * channels;
  if (mode == 3)
    frame = 8 << (data[3] % 5);
  else
    stride += data[3] % 8;
  data += 4;
  size -= 4;

  n = stride * height;
  pixels = g_malloc0 (n);
  memcpy (pixels, data, MIN (size, n));

  if (mode == 3)
    {
      float values[CNN_INPUT_SIZE];
      gboolean any = FALSE;

      for (int y = 0; y < height && !any; y++)
        for (int x = 0; x < width && !any; x++)
          any = pixels[(gsize) y * stride + x] != 0;
      g_assert (cnn_ink_normalize_rect (pixels, width, height, stride, frame, values) == any);
      if (any)
        check_values (values, (frame / 8) * (frame / 8));
      else
        for (int i = 0; i < CNN_INPUT_SIZE; i++)
          g_assert (values[i] == 0.0f);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ConvolveImage) image = NULL;

      if (mode == 2)
        image = convolve_image_new_from_argb32_premultiplied (pixels, width, height, stride, &error);
      else
        image = convolve_image_new_from_rgba (pixels, width, height, stride, mode == 1, &error);
      g_assert ((image == NULL) == (error != NULL));
      if (image != NULL)
        check_values (convolve_image_get_values (image), 16);
      else
        {
          fuzz_check_error (error);
          g_assert (error->domain == CONVOLVE_IMAGE_ERROR);
        }
    }
  return 0;
}
