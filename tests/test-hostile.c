/* test-hostile.c — the hostile inputs of issue 12, each refused cleanly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case makes its input itself — sparse files, endless streams, a
 * gzip bomb spliced from one compressed block — and asserts a clean GError
 * that names the limit, and that nothing changed: the caller's current
 * network or data stays, no file is written. No time or memory is measured
 * here (build-aux/hostile-inputs does that); what is asserted instead is
 * what the loader read, which is exact.
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "cnn.h"
#include "test-tmpdir.h"

#define TMPDIR_TEMPLATE "convolve-test-hostile-XXXXXX"

/* ---- an endless (or long) stream that counts what it served ------------ */

#define TEST_TYPE_PATTERN_STREAM (test_pattern_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestPatternStream, test_pattern_stream, TEST, PATTERN_STREAM, GInputStream)

struct _TestPatternStream {
  GInputStream parent_instance;
  char        *pattern;
  gsize        pattern_len;
  guint64      served;
  guint64      total;     /* bytes before EOF; G_MAXUINT64: endless */
  gsize        max_read;  /* at most this much per read; 0: no limit */
};

G_DEFINE_TYPE (TestPatternStream, test_pattern_stream, G_TYPE_INPUT_STREAM)

static gssize
test_pattern_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestPatternStream *self = TEST_PATTERN_STREAM (stream);
  char *out = buffer;
  gsize n = (gsize) MIN ((guint64) count, self->total - self->served);

  if (self->max_read > 0)
    n = MIN (n, self->max_read);

  for (gsize i = 0; i < n; i++)
    out[i] = self->pattern[(self->served + i) % self->pattern_len];
  self->served += n;
  return (gssize) n;
}

static void
test_pattern_stream_finalize (GObject *object)
{
  g_free (TEST_PATTERN_STREAM (object)->pattern);
  G_OBJECT_CLASS (test_pattern_stream_parent_class)->finalize (object);
}

static void
test_pattern_stream_class_init (TestPatternStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_pattern_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_pattern_stream_read;
}

static void
test_pattern_stream_init (TestPatternStream *self)
{
}

static TestPatternStream *
pattern_stream_new (const char *pattern,
                    guint64     total)
{
  TestPatternStream *s = g_object_new (TEST_TYPE_PATTERN_STREAM, NULL);

  s->pattern = g_strdup (pattern);
  s->pattern_len = strlen (pattern);
  s->total = total;
  return s;
}

/* ---- helpers ------------------------------------------------------------ */

static void
assert_error_mentions (const GError *error,
                       const char   *part)
{
  g_assert_nonnull (error);
  if (strstr (error->message, part) == NULL)
    g_error ("error “%s” does not mention “%s”", error->message, part);
  /* a clean message: valid UTF-8 and short, whatever the input quoted */
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <, 300);
}

/* The files in dir, for "nothing was written". */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* The app's pattern: load, and replace the current network only on
 * success. Asserts the load fails with domain/code, the current network
 * is the same object with the same weights, and nothing was written. */
static GError *
assert_model_refused (const char *dir,
                      const char *path,
                      int         code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CnnNet) current = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  g_autofree float *before = NULL;
  CnnNet *old = current;
  GError *error = NULL;
  CnnNet *loaded;
  guint n_files = count_files (dir);
  CnnRng rng;

  cnn_rng_init (&rng, 5);
  cnn_net_init_weights (current, &rng);
  before = g_memdup2 (current->params, current->n_params * sizeof (float));

  loaded = cnn_model_load (file, NULL, &error);
  if (loaded != NULL)
    {
      cnn_net_unref (current);
      current = loaded;
    }
  g_assert_null (loaded);
  g_assert_error (error, CNN_ERROR, code);
  g_assert_true (current == old);
  g_assert_cmpmem (current->params, current->n_params * sizeof (float),
                   before, current->n_params * sizeof (float));
  g_assert_cmpuint (count_files (dir), ==, n_files);
  return error;
}

static void
put_u32 (GByteArray *a,
         guint32     v)
{
  guint8 b[4] = { v, v >> 8, v >> 16, v >> 24 };

  g_byte_array_append (a, b, 4);
}

/* A model file of format version 1 (which this version still reads) with
 * the given spec and n_params zero weights, its checksum right. */
static GBytes *
model_file (const char *spec,
            guint32     n_params)
{
  GByteArray *a = g_byte_array_new ();
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_byte_array_append (a, (const guint8 *) CNN_MODEL_MAGIC, 8);
  put_u32 (a, 1);
  put_u32 (a, (guint32) strlen (spec));
  g_byte_array_append (a, (const guint8 *) spec, (guint) strlen (spec));
  put_u32 (a, n_params);
  g_byte_array_set_size (a, a->len + 4 * n_params);
  memset (a->data + a->len - 4 * n_params, 0, 4 * n_params);
  g_checksum_update (sha, a->data, a->len);
  g_checksum_get_digest (sha, digest, &digest_len);
  g_byte_array_append (a, digest, 32);
  return g_byte_array_free_to_bytes (a);
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                       (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* head, then zeros up to size: a hole, so it costs no disk and no time */
static void
write_sparse (const char   *path,
              const void   *head,
              gsize         head_len,
              goffset       size)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, head_len), ==, (gssize) head_len);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
}

/* ---- model files -------------------------------------------------------- */

/* Issue 12: an 805-byte file with a valid checksum whose spec asks for
 * 18 dense4096 layers (1.22 GB); the loader built that network before
 * comparing the parameter count. Now the spec's size is counted first. */
static void
test_model_asks_for_gigabytes (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *path = g_build_filename (dir, "small.cnvm", NULL);
  g_autoptr(GString) spec = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = NULL;
  g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, CNN_LIMIT_PARAMS);

  for (int i = 0; i < 18; i++)
    g_string_append (spec, "dense4096 ");
  g_string_append (spec, "dense10");
  /* padded with blanks to the reported size: 52 bytes of header and
   * checksum around the spec */
  while (spec->len < 805 - 52)
    g_string_append_c (spec, ' ');
  bytes = model_file (spec->str, 0);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 805);

  net = cnn_model_deserialize (bytes, &error);
  g_assert_null (net);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_MODEL_MISMATCH);
  assert_error_mentions (error, limit);
  g_clear_error (&error);

  write_bytes (path, bytes);
  error = assert_model_refused (dir, path, CNN_ERROR_MODEL_MISMATCH);
  assert_error_mentions (error, "weights and biases");

  test_tmpdir_remove (dir);
}

/* A spec within the limits whose count the file contradicts: refused on
 * the count, from the spec alone. */
static void
test_model_count_from_spec (void)
{
  g_autoptr(GBytes) bytes = model_file ("dense4096 dense958", 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = cnn_model_deserialize (bytes, &error);

  g_assert_null (net);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_MODEL_MISMATCH);
  assert_error_mentions (error, "holds 7 weights, the network has 4191166");
}

/* Issue 12 case 1, as a file: a model that an older convolve-cli trained
 * and saved with 63 × relu then dense10 (65 layers) is refused cleanly. */
static void
test_model_too_many_layers (void)
{
  g_autoptr(GString) spec = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = NULL;

  for (int i = 0; i < 63; i++)
    g_string_append (spec, "relu ");
  g_string_append (spec, "dense10 softmax");
  bytes = model_file (spec->str, 64 * 10 + 10);
  net = cnn_model_deserialize (bytes, &error);
  g_assert_null (net);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_MODEL_MISMATCH);
  assert_error_mentions (error, "at most 64");
}

/* Issue 12: a 3 GB file was read whole (3.15 GB, 10 s) before its magic
 * was looked at. Sparse files: a hole of zeros, one with a model's header
 * in front, one with a future version's. */
static void
test_model_huge_file (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *zeros = g_build_filename (dir, "zeros.cnvm", NULL);
  g_autofree char *header = g_build_filename (dir, "header.cnvm", NULL);
  g_autofree char *future = g_build_filename (dir, "future.cnvm", NULL);
  const goffset size = G_GINT64_CONSTANT (3) << 30;
  GError *error;

  write_sparse (zeros, "", 0, size);
  write_sparse (header, CNN_MODEL_MAGIC "\x01\0\0\0", 12, size);
  write_sparse (future, CNN_MODEL_MAGIC "\x09\0\0\0", 12, size);

  error = assert_model_refused (dir, zeros, CNN_ERROR_MODEL_MAGIC);
  g_error_free (error);
  error = assert_model_refused (dir, header, CNN_ERROR_LIMIT);
  assert_error_mentions (error, "32.0");
  assert_error_mentions (error, "model file");
  g_error_free (error);
  error = assert_model_refused (dir, future, CNN_ERROR_MODEL_VERSION);
  assert_error_mentions (error, "version 9");
  g_error_free (error);

  /* just over the limit, and in memory too */
  write_sparse (header, CNN_MODEL_MAGIC "\x01\0\0\0", 12, CNN_LIMIT_MODEL_FILE_BYTES + 1);
  error = assert_model_refused (dir, header, CNN_ERROR_LIMIT);
  g_error_free (error);
  {
    g_autofree guint8 *big = g_malloc0 (CNN_LIMIT_MODEL_FILE_BYTES + 1);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(CnnNet) net = NULL;
    g_autoptr(GError) mem_error = NULL;

    memcpy (big, CNN_MODEL_MAGIC "\x01\0\0\0", 12);
    bytes = g_bytes_new_take (g_steal_pointer (&big), CNN_LIMIT_MODEL_FILE_BYTES + 1);
    net = cnn_model_deserialize (bytes, &mem_error);
    g_assert_null (net);
    g_assert_error (mem_error, CNN_ERROR, CNN_ERROR_LIMIT);
  }

  test_tmpdir_remove (dir);
}

/* A model through a pipe has no size to check first: read to the limit,
 * then refused. The header is a model's, so only the limit stops it. */
static void
test_model_read_bounded_stream (void)
{
  g_autoptr(TestPatternStream) in = pattern_stream_new ("0", G_MAXUINT64);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = cnn_file_read_bounded (G_INPUT_STREAM (in), CNN_MODEL_MAGIC "\x01\0\0\0", 12, 0,
                                 CNN_LIMIT_MODEL_FILE_BYTES, "a model file", NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_LIMIT);
  /* read no further than one byte past the limit */
  g_assert_cmpuint (in->served + 12, ==, CNN_LIMIT_MODEL_FILE_BYTES + 1);
}

/* ---- CSV ---------------------------------------------------------------- */

/* The app's pattern for data: refused, the current data set stays. */
static GError *
assert_csv_file_refused (const char *path,
                         int         code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CnnDataset) current = cnn_dataset_new (3, 10);
  CnnDataset *old = current;
  CnnDataset *loaded;
  GError *error = NULL;

  current->x[5] = 0.5f;
  loaded = cnn_dataset_load_csv (file, NULL, &error);
  if (loaded != NULL)
    {
      cnn_dataset_free (current);
      current = loaded;
    }
  g_assert_null (loaded);
  g_assert_error (error, CNN_ERROR, code);
  g_assert_true (current == old);
  g_assert_cmpuint (current->n, ==, 3);
  g_assert_cmpfloat (current->x[5], ==, 0.5f);
  return error;
}

/* Issue 12: 100 MB of blank lines made the loader reserve ~260 bytes per
 * newline (25.6 GB) before parsing. */
static void
test_csv_blank_lines (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *path = g_build_filename (dir, "blank.csv", NULL);
  g_autofree char *mb = g_strnfill (1 << 20, '\n');
  /* 4 MiB: the old loader reserved 1 GiB for it */
  g_autofree char *under = g_strnfill (4 << 20, '\n');
  g_autoptr(GString) row_after = g_string_new (under);
  g_autoptr(CnnDataset) ds = NULL;
  g_autoptr(GError) mem_error = NULL;
  GError *error;
  FILE *f = fopen (path, "wb");

  g_assert_nonnull (f);
  for (int i = 0; i < 100; i++)
    g_assert_cmpuint (fwrite (mb, 1, 1 << 20, f), ==, 1 << 20);
  fclose (f);
  error = assert_csv_file_refused (path, CNN_ERROR_LIMIT);
  assert_error_mentions (error, "32.0");
  g_error_free (error);

  /* under the limit, streamed: blank lines only are no samples … */
  ds = cnn_dataset_new_from_csv (under, strlen (under), &mem_error);
  g_assert_null (ds);
  g_assert_error (mem_error, CNN_ERROR, CNN_ERROR_CSV);
  assert_error_mentions (mem_error, "no samples");
  g_clear_error (&mem_error);

  /* … and a row after them names the first blank line */
  for (int i = 0; i < 64; i++)
    g_string_append (row_after, "0,");
  g_string_append (row_after, "1\n");
  ds = cnn_dataset_new_from_csv (row_after->str, row_after->len, &mem_error);
  g_assert_null (ds);
  g_assert_error (mem_error, CNN_ERROR, CNN_ERROR_CSV);
  assert_error_mentions (mem_error, "line 1: the line is empty");

  test_tmpdir_remove (dir);
}

/* The same through a stream with no size: stopped at the byte limit,
 * having read no more than one read's worth past it. */
static void
test_csv_endless_blank_stream (void)
{
  g_autofree char *blanks = g_strnfill (255, ' ');
  g_autofree char *pattern = g_strconcat (blanks, "\n", NULL);
  g_autoptr(TestPatternStream) in = pattern_stream_new (pattern, G_MAXUINT64);
  g_autoptr(CnnCsvReader) reader = cnn_csv_reader_new (G_INPUT_STREAM (in),
                                                       CNN_CSV_LABEL_REQUIRED,
                                                       CNN_LIMIT_CSV_BYTES);
  g_autoptr(GError) error = NULL;
  float pixels[64];
  int label;
  CnnCsvRead read;
  guint64 n_blank = 0;

  while ((read = cnn_csv_reader_next (reader, pixels, &label, NULL, &error)) == CNN_CSV_READ_BLANK)
    n_blank++;
  g_assert_cmpint (read, ==, CNN_CSV_READ_ERROR);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_LIMIT);
  g_assert_cmpuint (in->served, >, CNN_LIMIT_CSV_BYTES);
  g_assert_cmpuint (in->served, <=, CNN_LIMIT_CSV_BYTES + 64 * 1024);
  g_assert_cmpuint (n_blank, <=, CNN_LIMIT_CSV_BYTES);
  /* and after the error the reader stays done */
  g_assert_cmpint (cnn_csv_reader_next (reader, pixels, &label, NULL, NULL), ==, CNN_CSV_READ_END);
}

/* Issue 12: `convolve-cli classify` copied and split a 100 MB line before
 * counting its fields (2.15 GB). The reader stops at the line limit:
 * endless digits ("longer than"), endless fields ("more than 65"). */
static void
test_csv_endless_line (void)
{
  static const struct { const char *pattern; CnnCsvLabel mode; const char *message; } cases[] = {
    { "1", CNN_CSV_LABEL_OPTIONAL, "line 1 is longer than 4096 bytes" },
    { "1,", CNN_CSV_LABEL_OPTIONAL, "line 1: more than 65 values, expected 64 (or 65 with a label)" },
    { "16,", CNN_CSV_LABEL_REQUIRED, "line 1: more than 65 values, expected 65" },
    { " ", CNN_CSV_LABEL_REQUIRED, "line 1 is longer than" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TestPatternStream) in = pattern_stream_new (cases[i].pattern, G_MAXUINT64);
      g_autoptr(CnnCsvReader) reader = cnn_csv_reader_new (G_INPUT_STREAM (in), cases[i].mode,
                                                           CNN_LIMIT_CSV_BYTES);
      g_autoptr(GError) error = NULL;
      float pixels[64];
      int label;

      g_assert_cmpint (cnn_csv_reader_next (reader, pixels, &label, NULL, &error), ==,
                       CNN_CSV_READ_ERROR);
      g_assert_error (error, CNN_ERROR, CNN_ERROR_CSV);
      assert_error_mentions (error, cases[i].message);
      /* one read buffer, not the line */
      g_assert_cmpuint (in->served, <=, 64 * 1024);
    }
}

/* A line of exactly the limit is a line (here: a row padded with blanks);
 * one byte more is not. */
static void
test_csv_line_at_limit (void)
{
  for (int extra = 0; extra <= 1; extra++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CnnDataset) ds = NULL;

      for (int i = 0; i < 64; i++)
        g_string_append (line, "3,");
      g_string_append (line, "7");
      while (line->len < CNN_LIMIT_LINE_BYTES + (gsize) extra)
        g_string_insert_c (line, 0, ' ');
      g_string_append_c (line, '\n');
      ds = cnn_dataset_new_from_csv (line->str, line->len, &error);
      if (extra == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (ds->n, ==, 1);
          g_assert_cmpuint (ds->y[0], ==, 7);
        }
      else
        {
          g_assert_null (ds);
          g_assert_error (error, CNN_ERROR, CNN_ERROR_CSV);
        }
    }
}

/* A gzip stream of `segments` MiB of blank lines (4,095 spaces and a
 * newline: few lines, so the test is quick) spliced from one block: with
 * a full flush, deflate's output for a segment does not depend on what came
 * before, so 4 GiB of text is a 6 MB file built in an instant. The trailer
 * (CRC, length) is left off: no reader that stops at the limit reaches it. */
static GBytes *
gzip_bomb (guint segments)
{
  static char in[1 << 20];
  guint8 first[1 << 14], block[1 << 14];
  gsize first_len, block_len;
  z_stream z = { 0 };
  GByteArray *out;

  memset (in, ' ', sizeof in);
  for (gsize i = 4095; i < sizeof in; i += 4096)
    in[i] = '\n';
  g_assert_cmpint (deflateInit2 (&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), ==, Z_OK);
  z.next_in = (Bytef *) in;
  z.avail_in = sizeof in;
  z.next_out = first;
  z.avail_out = sizeof first;
  g_assert_cmpint (deflate (&z, Z_FULL_FLUSH), ==, Z_OK);
  first_len = sizeof first - z.avail_out;
  z.next_in = (Bytef *) in;
  z.avail_in = sizeof in;
  z.next_out = block;
  z.avail_out = sizeof block;
  g_assert_cmpint (deflate (&z, Z_FULL_FLUSH), ==, Z_OK);
  block_len = sizeof block - z.avail_out;
  deflateEnd (&z);

  out = g_byte_array_sized_new ((guint) (first_len + segments * block_len));
  g_byte_array_append (out, first, (guint) first_len);
  for (guint i = 1; i < segments; i++)
    g_byte_array_append (out, block, (guint) block_len);
  return g_byte_array_free_to_bytes (out);
}

/* Issue 12: a 2.9 MB .gz inflated to 4.2 GB and aborted; `train --csv`
 * reached it. The loader inflates as a stream and stops at the limit. */
static void
test_csv_gzip_bomb (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *path = g_build_filename (dir, "bomb.csv.gz", NULL);
  g_autofree char *no_ext = g_build_filename (dir, "bomb.csv", NULL);
  g_autoptr(GBytes) bomb = gzip_bomb (4096);
  g_autoptr(GError) mem_error = NULL;
  g_autoptr(CnnDataset) ds = NULL;
  GError *error;

  /* 4 GiB of text in about 6 MB */
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 8 << 20);
  write_bytes (path, bomb);
  error = assert_csv_file_refused (path, CNN_ERROR_LIMIT);
  assert_error_mentions (error, "decompresses to more than 32.0");
  g_error_free (error);
  /* told by its magic, whatever its name */
  write_bytes (no_ext, bomb);
  error = assert_csv_file_refused (no_ext, CNN_ERROR_LIMIT);
  g_error_free (error);

  ds = cnn_dataset_new_from_bytes (bomb, NULL, &mem_error);
  g_assert_null (ds);
  g_assert_error (mem_error, CNN_ERROR, CNN_ERROR_LIMIT);

  test_tmpdir_remove (dir);
}

/* More rows than the limit: refused at the first row past it. */
static void
test_csv_rows_limit (void)
{
  g_autoptr(GString) row = g_string_new (NULL);
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) ds = NULL;
  g_autofree char *limit = g_strdup_printf ("%d", CNN_LIMIT_CSV_ROWS);

  for (int i = 0; i < 64; i++)
    g_string_append (row, "0,");
  g_string_append (row, "4\n");
  text = g_string_sized_new (row->len * (CNN_LIMIT_CSV_ROWS + 1));
  for (int i = 0; i < CNN_LIMIT_CSV_ROWS; i++)
    g_string_append_len (text, row->str, (gssize) row->len);

  /* exactly the limit loads */
  ds = cnn_dataset_new_from_csv (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n, ==, CNN_LIMIT_CSV_ROWS);
  g_assert_cmpuint (ds->y[CNN_LIMIT_CSV_ROWS - 1], ==, 4);
  g_clear_pointer (&ds, cnn_dataset_free);

  g_string_append_len (text, row->str, (gssize) row->len);
  ds = cnn_dataset_new_from_csv (text->str, text->len, &error);
  g_assert_null (ds);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_LIMIT);
  assert_error_mentions (error, limit);
}

/* A stream that gives one byte (or seven) at a time: the byte-order
 * mark, the "\r\n" and the rows split across reads read as in memory. */
static void
test_csv_trickle (void)
{
  g_autoptr(GString) text = g_string_new ("\xef\xbb\xbf");
  g_autoptr(CnnDataset) whole = NULL;
  g_autoptr(GError) error = NULL;

  for (int r = 0; r < 3; r++)
    {
      for (int i = 0; i < 64; i++)
        g_string_append_printf (text, "%d,", (i + r) % 17);
      g_string_append_printf (text, " %d \r\n", r + 2);
    }
  g_string_append (text, "\n\n");
  whole = cnn_dataset_new_from_csv (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (whole->n, ==, 3);

  for (gsize max_read = 1; max_read <= 7; max_read += 6)
    {
      g_autoptr(TestPatternStream) in = pattern_stream_new (text->str, text->len);
      g_autoptr(CnnCsvReader) reader = NULL;
      gsize n_rows = 0, n_blank = 0;
      CnnCsvRead read;
      float pixels[64];
      int label;

      in->max_read = max_read;
      reader = cnn_csv_reader_new (G_INPUT_STREAM (in), CNN_CSV_LABEL_REQUIRED, CNN_LIMIT_CSV_BYTES);
      while ((read = cnn_csv_reader_next (reader, pixels, &label, NULL, &error)) != CNN_CSV_READ_END)
        {
          g_assert_no_error (error);
          if (read == CNN_CSV_READ_BLANK)
            {
              n_blank++;
              continue;
            }
          g_assert_cmpint (read, ==, CNN_CSV_READ_ROW);
          g_assert_cmpmem (pixels, sizeof pixels, whole->x + n_rows * 64, sizeof pixels);
          g_assert_cmpint (label, ==, whole->y[n_rows]);
          n_rows++;
        }
      g_assert_cmpuint (n_rows, ==, 3);
      g_assert_cmpuint (n_blank, ==, 2);
      g_assert_cmpuint (cnn_csv_reader_line_no (reader), ==, 5);
    }
}

/* A bad token or field is quoted at most CNN_LIMIT_QUOTE_CHARS long. */
static void
test_quotes_are_short (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *junk = g_strnfill (3000, 'z');
  g_autoptr(GError) error = NULL;
  float pixels[64];
  int label;

  g_string_append (line, junk);
  for (int i = 0; i < 64; i++)
    g_string_append (line, ",1");
  g_assert_false (cnn_csv_parse_row (line->str, line->len, 7, CNN_CSV_LABEL_REQUIRED,
                                     pixels, &label, &error));
  g_assert_error (error, CNN_ERROR, CNN_ERROR_CSV);
  assert_error_mentions (error, "line 7, column 1");
  assert_error_mentions (error, "…");
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, CNN_LIMIT_QUOTE_CHARS + 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/model/asks-for-gigabytes", test_model_asks_for_gigabytes);
  g_test_add_func ("/hostile/model/count-from-spec", test_model_count_from_spec);
  g_test_add_func ("/hostile/model/too-many-layers", test_model_too_many_layers);
  g_test_add_func ("/hostile/model/huge-file", test_model_huge_file);
  g_test_add_func ("/hostile/model/read-bounded-stream", test_model_read_bounded_stream);
  g_test_add_func ("/hostile/csv/blank-lines", test_csv_blank_lines);
  g_test_add_func ("/hostile/csv/endless-blank-stream", test_csv_endless_blank_stream);
  g_test_add_func ("/hostile/csv/endless-line", test_csv_endless_line);
  g_test_add_func ("/hostile/csv/line-at-limit", test_csv_line_at_limit);
  g_test_add_func ("/hostile/csv/gzip-bomb", test_csv_gzip_bomb);
  g_test_add_func ("/hostile/csv/rows-limit", test_csv_rows_limit);
  g_test_add_func ("/hostile/csv/trickle", test_csv_trickle);
  g_test_add_func ("/hostile/quotes-are-short", test_quotes_are_short);

  return g_test_run ();
}
