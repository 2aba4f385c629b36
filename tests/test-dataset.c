/* test-dataset.c — CSV parsing, the built-in digits, splits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cnn-dataset.h"
#include "cnn-error.h"
#include "cnn-rng.h"
#include "test-tmpdir.h"

#define TMPDIR_TEMPLATE "convolve-test-dataset-XXXXXX"

/* the first line of resources/data/uci-digits-8x8.csv.gz */
static const int first_row[65] = {
  0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11,
  8, 0, 0, 4, 12, 0, 0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12,
  7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0, 0,
};

/* per-class sample counts of the UCI 8×8 digits */
static const gsize class_counts[10] = { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 };

/* A CSV line of n_values comma-separated fields: value (i % 17) for the
 * pixels and i % 10 for the 65th, unless overridden by column (1-based). */
static void
append_line (GString    *s,
             int         n_values,
             int         column,
             const char *text,
             const char *newline)
{
  for (int i = 1; i <= n_values; i++)
    {
      if (i > 1)
        g_string_append_c (s, ',');
      if (i == column)
        g_string_append (s, text);
      else if (i == 65)
        g_string_append_printf (s, "%d", i % 10);
      else
        g_string_append_printf (s, "%d", i % 17);
    }
  g_string_append (s, newline);
}

static CnnDataset *
parse (const char  *text,
       GError     **error)
{
  return cnn_dataset_new_from_csv (text, strlen (text), error);
}

static void
assert_csv_error (const char *text,
                  const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) ds = parse (text, &error);

  g_assert_null (ds);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_CSV);
  if (strstr (error->message, expected) == NULL)
    g_error ("error “%s” does not contain “%s”", error->message, expected);
}

static void
assert_same_data (const CnnDataset *a,
                  const CnnDataset *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpint (a->n_classes, ==, b->n_classes);
  g_assert_cmpmem (a->y, a->n, b->y, b->n);
  g_assert_cmpmem (a->x, a->n * 64 * sizeof (float), b->x, b->n * 64 * sizeof (float));
}

static void
test_builtin_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) ds = cnn_dataset_load_builtin (&error);
  gsize counts[10] = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (ds->n, ==, 1797);
  g_assert_cmpint (ds->n_classes, ==, 10);

  for (gsize i = 0; i < ds->n; i++)
    {
      g_assert_cmpuint (ds->y[i], <, 10);
      counts[ds->y[i]]++;
    }
  for (int c = 0; c < 10; c++)
    {
      g_assert_cmpuint (counts[c], >=, 174);
      g_assert_cmpuint (counts[c], <=, 183);
      g_assert_cmpuint (counts[c], ==, class_counts[c]);
    }
}

static void
test_builtin_values (void)
{
  g_autoptr(CnnDataset) ds = cnn_dataset_load_builtin (NULL);

  g_assert_nonnull (ds);

  /* the first row, scaled by 1/16 */
  for (int j = 0; j < 64; j++)
    g_assert_cmpfloat (ds->x[j], ==, first_row[j] / 16.0f);
  g_assert_cmpuint (ds->y[0], ==, first_row[64]);

  /* every value is one of the 17 levels */
  for (gsize i = 0; i < ds->n * 64; i++)
    {
      float level = ds->x[i] * 16.0f;

      g_assert_cmpfloat (ds->x[i], >=, 0.0f);
      g_assert_cmpfloat (ds->x[i], <=, 1.0f);
      g_assert_cmpfloat (level, ==, floorf (level));
    }
}

static void
test_csv_valid (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) ds = NULL;

  append_line (s, 65, 0, NULL, "\n");
  append_line (s, 65, 1, "16", "");   /* no newline at the end */

  ds = parse (s->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (ds->n, ==, 2);
  g_assert_cmpint (ds->n_classes, ==, 10);
  for (int j = 0; j < 64; j++)
    g_assert_cmpfloat (ds->x[j], ==, ((j + 1) % 17) / 16.0f);
  g_assert_cmpfloat (ds->x[64], ==, 1.0f);
  g_assert_cmpuint (ds->y[0], ==, 5);
  g_assert_cmpuint (ds->y[1], ==, 5);
}

static void
test_csv_crlf (void)
{
  g_autoptr(GString) lf = g_string_new (NULL);
  g_autoptr(GString) crlf = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) a = NULL;
  g_autoptr(CnnDataset) b = NULL;

  for (int i = 0; i < 3; i++)
    {
      append_line (lf, 65, 2, i == 1 ? "7" : "3", "\n");
      append_line (crlf, 65, 2, i == 1 ? "7" : "3", "\r\n");
    }

  a = parse (lf->str, &error);
  g_assert_no_error (error);
  b = parse (crlf->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->n, ==, 3);
  assert_same_data (a, b);
  g_assert_cmpfloat (b->x[64 + 1], ==, 7 / 16.0f);
}

static void
test_csv_blank_lines (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) ds = NULL;

  append_line (s, 65, 0, NULL, "\n");
  append_line (s, 65, 0, NULL, "\n");
  g_string_append (s, "\n\r\n  \n");

  ds = parse (s->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n, ==, 2);

  /* a gap in the middle is a mistake, not the end of the data */
  g_string_truncate (s, 0);
  append_line (s, 65, 0, NULL, "\n");
  g_string_append (s, "\n");
  append_line (s, 65, 0, NULL, "\n");
  assert_csv_error (s->str, "line 2");
}

static void
test_csv_wrong_count (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  append_line (s, 65, 0, NULL, "\n");
  append_line (s, 63, 0, NULL, "\n");
  append_line (s, 65, 0, NULL, "\n");
  assert_csv_error (s->str, "line 2: 63 values, expected 65 (64 pixels and a label)");

  g_string_truncate (s, 0);
  append_line (s, 65, 0, NULL, "\n");
  append_line (s, 66, 0, NULL, "\n");
  assert_csv_error (s->str, "line 2: 66 values, expected 65");

  /* the last line, with no newline after it, is checked too */
  g_string_truncate (s, 0);
  append_line (s, 65, 0, NULL, "\n");
  append_line (s, 65, 0, NULL, "\n");
  append_line (s, 64, 0, NULL, "");
  assert_csv_error (s->str, "line 3: 64 values");
}

static void
test_csv_not_a_number (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  append_line (s, 65, 4, "a", "\n");
  assert_csv_error (s->str, "line 1, column 4: “a” is not a number");

  g_string_truncate (s, 0);
  append_line (s, 65, 0, NULL, "\n");
  append_line (s, 65, 30, "1.5", "\n");
  assert_csv_error (s->str, "line 2, column 30: “1.5” is not a number");

  g_string_truncate (s, 0);
  append_line (s, 65, 65, "x", "\n");
  assert_csv_error (s->str, "line 1, column 65: “x” is not a number");

  g_string_truncate (s, 0);
  append_line (s, 65, 9, "", "\n");
  assert_csv_error (s->str, "line 1, column 9");

  g_string_truncate (s, 0);
  append_line (s, 65, 12, "-", "\n");
  assert_csv_error (s->str, "line 1, column 12: “-” is not a number");
}

static void
test_csv_out_of_range (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  append_line (s, 65, 0, NULL, "\n");
  append_line (s, 65, 0, NULL, "\n");
  append_line (s, 65, 17, "17", "\n");
  assert_csv_error (s->str, "line 3, column 17: value 17 is out of range 0..16");

  g_string_truncate (s, 0);
  append_line (s, 65, 1, "-1", "\n");
  assert_csv_error (s->str, "line 1, column 1: value -1 is out of range 0..16");

  /* too many digits for any integer type must not wrap round into range */
  g_string_truncate (s, 0);
  append_line (s, 65, 2, "18446744073709551616", "\n");
  assert_csv_error (s->str, "line 1, column 2: value 18446744073709551616 is out of range");

  g_string_truncate (s, 0);
  for (int i = 0; i < 4; i++)
    append_line (s, 65, 0, NULL, "\n");
  append_line (s, 65, 65, "10", "\n");
  assert_csv_error (s->str, "line 5, column 65: label 10 is out of range 0..9");

  g_string_truncate (s, 0);
  append_line (s, 65, 65, "-1", "\n");
  assert_csv_error (s->str, "line 1, column 65: label -1 is out of range 0..9");
}

static void
test_csv_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) ds = cnn_dataset_new_from_csv (NULL, 0, &error);

  g_assert_null (ds);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_CSV);
  g_assert_nonnull (strstr (error->message, "the file holds no samples"));

  assert_csv_error ("", "the file holds no samples");
  assert_csv_error ("\n\n\r\n", "the file holds no samples");
}

static void
test_csv_save_roundtrip (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *path = g_build_filename (dir, "digits.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) ds = cnn_dataset_load_builtin (&error);
  g_autoptr(CnnDataset) back = NULL;
  g_autoptr(CnnDataset) odd = NULL;
  g_autoptr(CnnDataset) odd_back = NULL;
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (cnn_dataset_save_csv (ds, path, &error));
  g_assert_no_error (error);

  back = cnn_dataset_load_csv (file, NULL, &error);
  g_assert_no_error (error);
  assert_same_data (ds, back);

  /* the file is in the shipped format: the first line reads as in the data */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,"));

  /* values off the 1/16 grid are rounded and clamped to 0..16 */
  odd = cnn_dataset_new (1, 10);
  odd->x[0] = 0.49f / 16;
  odd->x[1] = 0.51f / 16;
  odd->x[2] = -0.3f;
  odd->x[3] = 1.7f;
  odd->x[4] = 15.6f / 16;
  odd->x[5] = NAN;
  odd->y[0] = 9;
  g_assert_true (cnn_dataset_save_csv (odd, path, &error));
  g_assert_no_error (error);
  odd_back = cnn_dataset_load_csv (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odd_back->n, ==, 1);
  g_assert_cmpfloat (odd_back->x[0], ==, 0.0f);
  g_assert_cmpfloat (odd_back->x[1], ==, 1 / 16.0f);
  g_assert_cmpfloat (odd_back->x[2], ==, 0.0f);
  g_assert_cmpfloat (odd_back->x[3], ==, 1.0f);
  g_assert_cmpfloat (odd_back->x[4], ==, 1.0f);
  g_assert_cmpfloat (odd_back->x[5], ==, 0.0f);
  g_assert_cmpuint (odd_back->y[0], ==, 9);

  test_tmpdir_remove (dir);
}

static void
test_csv_save_fails (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *path = g_build_filename (dir, "missing", "digits.csv", NULL);
  g_autoptr(CnnDataset) ds = cnn_dataset_new (2, 10);
  g_autoptr(GError) error = NULL;

  g_assert_false (cnn_dataset_save_csv (ds, path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  test_tmpdir_remove (dir);
}

static GBytes *
gzip (const char *text)
{
  g_autoptr(GZlibCompressor) compressor =
    g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_data (text, (gssize) strlen (text), NULL);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, G_CONVERTER (compressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, in,
                          G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_csv_gzip (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *gz_path = g_build_filename (dir, "digits.csv.gz", NULL);
  g_autofree char *plain_name = g_build_filename (dir, "sniffed.csv", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.csv.gz", NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) expected = NULL;
  g_autoptr(CnnDataset) ds = NULL;
  g_autoptr(CnnDataset) sniffed = NULL;
  g_autoptr(CnnDataset) bad = NULL;
  g_autoptr(GFile) gz_file = g_file_new_for_path (gz_path);
  g_autoptr(GFile) plain_file = g_file_new_for_path (plain_name);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  const char *data;
  gsize len;

  for (int i = 0; i < 5; i++)
    append_line (s, 65, i + 1, "16", "\n");
  expected = parse (s->str, &error);
  g_assert_no_error (error);

  gz = gzip (s->str);
  data = g_bytes_get_data (gz, &len);
  g_assert_cmpuint (len, >, 2);
  g_assert_true (g_file_set_contents (gz_path, data, (gssize) len, &error));
  g_assert_true (g_file_set_contents (plain_name, data, (gssize) len, &error));
  g_assert_no_error (error);

  ds = cnn_dataset_load_csv (gz_file, NULL, &error);
  g_assert_no_error (error);
  assert_same_data (expected, ds);

  /* the gzip magic is recognised without the .gz name */
  sniffed = cnn_dataset_load_csv (plain_file, NULL, &error);
  g_assert_no_error (error);
  assert_same_data (expected, sniffed);

  /* a .gz that is not gzip data is an error, not a crash or garbage */
  g_assert_true (g_file_set_contents (bad_path, s->str, (gssize) s->len, &error));
  bad = cnn_dataset_load_csv (bad_file, NULL, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* a gzip stream cut in half is an error too */
  g_assert_true (g_file_set_contents (gz_path, data, (gssize) len / 2, &error));
  bad = cnn_dataset_load_csv (gz_file, NULL, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);

  test_tmpdir_remove (dir);
}

static void
test_csv_load_missing (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/convolve/digits.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) ds = cnn_dataset_load_csv (file, NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
count_classes (const CnnDataset *ds,
               gsize            *counts)
{
  memset (counts, 0, 10 * sizeof (gsize));
  for (gsize i = 0; i < ds->n; i++)
    counts[ds->y[i]]++;
}

static double
pixel_sum (const CnnDataset *ds)
{
  double sum = 0;

  for (gsize i = 0; i < ds->n * 64; i++)
    sum += ds->x[i];
  return sum;
}

static void
test_split_stratified (void)
{
  g_autoptr(CnnDataset) ds = cnn_dataset_load_builtin (NULL);
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnDataset) train2 = NULL;
  g_autoptr(CnnDataset) test2 = NULL;
  g_autoptr(CnnDataset) train3 = NULL;
  g_autoptr(CnnDataset) test3 = NULL;
  gsize all[10], n_train[10], n_test[10];

  g_assert_nonnull (ds);
  cnn_dataset_split_stratified (ds, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED, &train, &test);
  g_assert_cmpuint (test->n, ==, 360);
  g_assert_cmpuint (train->n, ==, 1437);
  g_assert_cmpint (test->n_classes, ==, 10);
  g_assert_cmpint (train->n_classes, ==, 10);

  count_classes (ds, all);
  count_classes (train, n_train);
  count_classes (test, n_test);
  for (int c = 0; c < 10; c++)
    {
      double share = (double) all[c] * 360 / 1797;

      g_assert_cmpuint (n_train[c] + n_test[c], ==, all[c]);
      g_assert_cmpfloat (fabs ((double) n_test[c] - share), <, 1.0);
    }

  /* nothing lost or duplicated: the pixels add up (sums of 1/16 steps are exact) */
  g_assert_cmpfloat (pixel_sum (train) + pixel_sum (test), ==, pixel_sum (ds));

  /* same seed ⇒ same split */
  cnn_dataset_split_stratified (ds, 360, CNN_DEFAULT_SPLIT_SEED, &train2, &test2);
  assert_same_data (train, train2);
  assert_same_data (test, test2);

  /* another seed ⇒ another test set of the same sizes */
  cnn_dataset_split_stratified (ds, 360, CNN_DEFAULT_SPLIT_SEED + 1, &train3, &test3);
  g_assert_cmpuint (test3->n, ==, 360);
  g_assert_cmpuint (train3->n, ==, 1437);
  g_assert_false (memcmp (test->x, test3->x, 360 * 64 * sizeof (float)) == 0);
}

static void
test_split_stratified_edges (void)
{
  g_autoptr(CnnDataset) ds = cnn_dataset_load_builtin (NULL);
  g_autoptr(CnnDataset) small = NULL;
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  gsize n_test[10];

  /* 0 test samples, and more than there are */
  cnn_dataset_split_stratified (ds, 0, 1, &train, &test);
  g_assert_cmpuint (test->n, ==, 0);
  assert_same_data (ds, train);
  g_clear_pointer (&train, cnn_dataset_free);
  g_clear_pointer (&test, cnn_dataset_free);

  cnn_dataset_split_stratified (ds, 5000, 1, &train, &test);
  g_assert_cmpuint (test->n, ==, ds->n);
  g_assert_cmpuint (train->n, ==, 0);
  g_clear_pointer (&train, cnn_dataset_free);
  g_clear_pointer (&test, cnn_dataset_free);

  /* fewer test samples than classes: the quota still sums exactly */
  cnn_dataset_split_stratified (ds, 7, 1, &train, &test);
  g_assert_cmpuint (test->n, ==, 7);
  g_assert_cmpuint (train->n, ==, ds->n - 7);
  count_classes (test, n_test);
  for (int c = 0; c < 10; c++)
    g_assert_cmpuint (n_test[c], <=, 1);
  g_clear_pointer (&train, cnn_dataset_free);
  g_clear_pointer (&test, cnn_dataset_free);

  /* only one output wanted */
  small = cnn_dataset_zero_or_one (ds);
  cnn_dataset_split_stratified (small, 36, 3, NULL, &test);
  g_assert_cmpuint (test->n, ==, 36);
  g_assert_cmpint (test->n_classes, ==, 2);
}

static void
test_split_head (void)
{
  g_autoptr(CnnDataset) ds = cnn_dataset_load_builtin (NULL);
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnDataset) joined = NULL;

  cnn_dataset_split_head (ds, 1437, &train, &test);
  g_assert_cmpuint (train->n, ==, 1437);
  g_assert_cmpuint (test->n, ==, 360);
  g_assert_cmpmem (train->x, 64 * sizeof (float), ds->x, 64 * sizeof (float));
  g_assert_cmpmem (test->x, 64 * sizeof (float), ds->x + 1437 * 64, 64 * sizeof (float));
  g_assert_cmpuint (test->y[359], ==, ds->y[1796]);

  /* the halves put back together are the whole */
  joined = cnn_dataset_concat (train, test);
  assert_same_data (ds, joined);
}

static void
test_zero_or_one (void)
{
  g_autoptr(CnnDataset) ds = cnn_dataset_load_builtin (NULL);
  g_autoptr(CnnDataset) zo = cnn_dataset_zero_or_one (ds);
  gsize j = 0;

  g_assert_cmpint (zo->n_classes, ==, 2);
  g_assert_cmpuint (zo->n, ==, class_counts[0] + class_counts[1]);
  for (gsize i = 0; i < zo->n; i++)
    g_assert_cmpuint (zo->y[i], <=, 1);

  /* the same rows, in the same order */
  for (gsize i = 0; i < ds->n; i++)
    if (ds->y[i] <= 1)
      {
        g_assert_cmpuint (zo->y[j], ==, ds->y[i]);
        g_assert_cmpmem (zo->x + j * 64, 64 * sizeof (float), ds->x + i * 64, 64 * sizeof (float));
        j++;
      }
  g_assert_cmpuint (j, ==, zo->n);
}

static void
test_new_copy_concat (void)
{
  g_autoptr(CnnDataset) a = cnn_dataset_new (3, 10);
  g_autoptr(CnnDataset) b = NULL;
  g_autoptr(CnnDataset) c = NULL;
  g_autoptr(CnnDataset) empty = cnn_dataset_new (0, 10);
  g_autoptr(CnnDataset) d = NULL;

  g_assert_cmpuint (a->n, ==, 3);
  g_assert_cmpint (a->n_classes, ==, 10);
  for (gsize i = 0; i < 3 * 64; i++)
    g_assert_cmpfloat (a->x[i], ==, 0.0f);
  for (gsize i = 0; i < 3; i++)
    g_assert_cmpuint (a->y[i], ==, 0);

  a->x[5] = 0.5f;
  a->y[2] = 7;
  b = cnn_dataset_copy (a);
  assert_same_data (a, b);
  /* a deep copy: changing one leaves the other alone */
  b->x[5] = 0.25f;
  g_assert_cmpfloat (a->x[5], ==, 0.5f);

  c = cnn_dataset_concat (a, b);
  g_assert_cmpuint (c->n, ==, 6);
  g_assert_cmpfloat (c->x[5], ==, 0.5f);
  g_assert_cmpfloat (c->x[3 * 64 + 5], ==, 0.25f);
  g_assert_cmpuint (c->y[5], ==, 7);

  d = cnn_dataset_concat (empty, a);
  assert_same_data (a, d);

  cnn_dataset_free (NULL);
}

/* Seeded mutation fuzzing of the CSV parser: characters replaced by
 * CSV-ish ones, cut, doubled. Every text gives a valid dataset or a
 * CNN_ERROR_CSV naming a line, never both, never a crash (ASan in CI). */
static void
test_csv_fuzz (void)
{
  static const char alphabet[] = "0123456789,,,\n\r -+.a\t";
  const char *base =
    "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0,0\n"
    "0,0,0,12,13,5,0,0,0,0,0,11,16,9,0,0,0,0,3,15,16,6,0,0,0,7,15,16,16,2,0,0,0,0,1,16,16,3,0,0,0,0,1,16,16,6,0,0,0,0,1,16,16,6,0,0,0,0,0,11,16,10,0,0,1\n";
  CnnRng rng;
  guint n_parsed = 0, n_rejected = 0;

  cnn_rng_init (&rng, 99);
  for (int iter = 0; iter < 4000; iter++)
    {
      g_autoptr(GString) text = g_string_new (base);
      g_autoptr(GError) error = NULL;
      g_autoptr(CnnDataset) ds = NULL;
      int n_mutations = 1 + (int) cnn_rng_below (&rng, 3);

      for (int m = 0; m < n_mutations; m++)
        {
          gsize pos = cnn_rng_below (&rng, (guint32) MAX (text->len, 1));

          switch (cnn_rng_below (&rng, 4))
            {
            case 0:
              if (text->len > 0)
                text->str[pos] = alphabet[cnn_rng_below (&rng, sizeof alphabet - 1)];
              break;
            case 1:
              g_string_truncate (text, pos);
              break;
            case 2:
              g_string_insert_c (text, (gssize) pos, alphabet[cnn_rng_below (&rng, sizeof alphabet - 1)]);
              break;
            default:
              g_string_append (text, text->str);
              break;
            }
        }

      ds = cnn_dataset_new_from_csv (text->str, text->len, &error);
      g_assert_true ((ds == NULL) != (error == NULL));
      if (ds != NULL)
        {
          n_parsed++;
          for (gsize i = 0; i < ds->n * 64; i++)
            g_assert_true (ds->x[i] >= 0.0f && ds->x[i] <= 1.0f);
          for (gsize i = 0; i < ds->n; i++)
            g_assert_cmpuint (ds->y[i], <, 10);
        }
      else
        {
          g_assert_error (error, CNN_ERROR, CNN_ERROR_CSV);
          n_rejected++;
        }
    }
  g_test_message ("fuzz: %u parsed, %u rejected", n_parsed, n_rejected);
  g_assert_cmpuint (n_parsed, >, 0);
  g_assert_cmpuint (n_rejected, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset/builtin/size", test_builtin_size);
  g_test_add_func ("/dataset/builtin/values", test_builtin_values);
  g_test_add_func ("/dataset/csv/valid", test_csv_valid);
  g_test_add_func ("/dataset/csv/crlf", test_csv_crlf);
  g_test_add_func ("/dataset/csv/blank-lines", test_csv_blank_lines);
  g_test_add_func ("/dataset/csv/wrong-count", test_csv_wrong_count);
  g_test_add_func ("/dataset/csv/not-a-number", test_csv_not_a_number);
  g_test_add_func ("/dataset/csv/out-of-range", test_csv_out_of_range);
  g_test_add_func ("/dataset/csv/empty", test_csv_empty);
  g_test_add_func ("/dataset/csv/save-roundtrip", test_csv_save_roundtrip);
  g_test_add_func ("/dataset/csv/save-fails", test_csv_save_fails);
  g_test_add_func ("/dataset/csv/gzip", test_csv_gzip);
  g_test_add_func ("/dataset/csv/load-missing", test_csv_load_missing);
  g_test_add_func ("/dataset/split/stratified", test_split_stratified);
  g_test_add_func ("/dataset/split/stratified-edges", test_split_stratified_edges);
  g_test_add_func ("/dataset/split/head", test_split_head);
  g_test_add_func ("/dataset/zero-or-one", test_zero_or_one);
  g_test_add_func ("/dataset/new-copy-concat", test_new_copy_concat);
  g_test_add_func ("/dataset/csv/fuzz", test_csv_fuzz);

  return g_test_run ();
}
