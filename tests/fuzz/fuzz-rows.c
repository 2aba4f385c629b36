/* fuzz-rows.c — libFuzzer target: the row reader of convolve-cli classify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a file for `convolve-cli classify`: read as the CLI reads
 * it (CnnCsvReader, the label optional, blank lines skipped). The same
 * bytes are also one line for cnn_csv_parse_row, in both label modes; when
 * they hold no newline the reader must agree with it.
 */
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  g_autoptr(CnnCsvReader) reader = cnn_csv_reader_new (stream, CNN_CSV_LABEL_OPTIONAL,
                                                       CNN_LIMIT_CSV_BYTES);
  g_autoptr(GError) error = NULL;
  gsize n_rows = 0, n_blank = 0;
  CnnCsvRead read, first = CNN_CSV_READ_END;
  float pixels[CNN_INPUT_SIZE];
  int label;

  while ((read = cnn_csv_reader_next (reader, pixels, &label, NULL, &error)) != CNN_CSV_READ_END)
    {
      if (n_rows + n_blank == 0)
        first = read;
      if (read == CNN_CSV_READ_ERROR)
        {
          fuzz_check_error (error);
          g_assert (error->domain == CNN_ERROR);
          break;
        }
      g_assert (error == NULL);
      if (read == CNN_CSV_READ_BLANK)
        {
          n_blank++;
          continue;
        }
      for (int i = 0; i < CNN_INPUT_SIZE; i++)
        g_assert (pixels[i] >= 0.0f && pixels[i] <= 1.0f);
      g_assert (label >= CNN_CSV_NO_LABEL && label <= 9);
      n_rows++;
    }
  g_assert (cnn_csv_reader_next (reader, pixels, &label, NULL, NULL) == CNN_CSV_READ_END);

  for (int mode = CNN_CSV_LABEL_REQUIRED; mode <= CNN_CSV_LABEL_OPTIONAL; mode++)
    {
      g_autoptr(GError) row_error = NULL;
      gboolean ok = cnn_csv_parse_row ((const char *) data, size, 1, mode, pixels, &label,
                                       &row_error);

      g_assert (ok == (row_error == NULL));
      if (!ok)
        fuzz_check_error (row_error);
      else if (mode == CNN_CSV_LABEL_REQUIRED)
        g_assert (label >= 0 && label <= 9);

      /* one line, not blank, short enough, no byte-order mark: the reader
       * read exactly this */
      if (mode == CNN_CSV_LABEL_OPTIONAL && memchr (data, '\n', size) == NULL
          && size <= CNN_LIMIT_LINE_BYTES && !cnn_csv_line_is_blank ((const char *) data, size)
          && !(size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0))
        g_assert (ok == (first == CNN_CSV_READ_ROW));
    }
  return 0;
}
