/* fuzz-csv.c — libFuzzer target: the CSV data loader, plain and gzip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the path, the rest is the file:
 *   0  plain text (cnn_dataset_new_from_csv)
 *   1  bytes as a file holds them (cnn_dataset_new_from_bytes: gzip when
 *      they start with its magic, so a damaged gzip stream is fuzzed too)
 *   2  the text gzip-compressed first, then loaded: the inflating,
 *      streaming path must give exactly what the plain path gives
 */
#include "fuzz-common.h"

#include <math.h>

static void
check_dataset (const CnnDataset *ds)
{
  g_assert (ds->n > 0 && ds->n <= CNN_LIMIT_CSV_ROWS);
  g_assert (ds->n_classes == 10);
  for (gsize i = 0; i < ds->n * CNN_INPUT_SIZE; i++)
    g_assert (ds->x[i] >= 0.0f && ds->x[i] <= 1.0f);
  for (gsize i = 0; i < ds->n; i++)
    g_assert (ds->y[i] < 10);
}

static GBytes *
gzip (const uint8_t *data,
      size_t         size)
{
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (z));
  gsize written;

  g_assert (g_output_stream_write_all (out, data, size, &written, NULL, NULL));
  g_assert (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) ds = NULL;
  int mode;

  if (size < 1)
    return 0;
  mode = data[0] % 3;
  data++;
  size--;

  if (mode == 0)
    ds = cnn_dataset_new_from_csv ((const char *) data, size, &error);
  else if (mode == 1)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, size);

      ds = cnn_dataset_new_from_bytes (bytes, NULL, &error);
    }
  else
    {
      g_autoptr(GBytes) compressed = gzip (data, size);
      g_autoptr(GError) plain_error = NULL;
      g_autoptr(CnnDataset) plain = cnn_dataset_new_from_csv ((const char *) data, size,
                                                              &plain_error);

      ds = cnn_dataset_new_from_bytes (compressed, NULL, &error);
      g_assert ((ds == NULL) == (plain == NULL));
      if (ds != NULL)
        {
          g_assert (ds->n == plain->n);
          g_assert (memcmp (ds->x, plain->x, ds->n * CNN_INPUT_SIZE * sizeof (float)) == 0);
          g_assert (memcmp (ds->y, plain->y, ds->n) == 0);
        }
      else
        g_assert (g_strcmp0 (error->message, plain_error->message) == 0);
    }

  g_assert ((ds == NULL) != (error == NULL));
  if (ds != NULL)
    check_dataset (ds);
  else
    {
      fuzz_check_error (error);
      /* CSV and limit errors, or a gzip stream zlib refuses */
      g_assert (error->domain == CNN_ERROR || error->domain == G_IO_ERROR);
    }
  return 0;
}
