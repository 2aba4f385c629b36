/* cnn-csv.c — the data format's rows, one grammar for every reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cnn-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cnn-error.h"
#include "cnn-file.h"
#include "cnn-limits.h"
#include "cnn-net.h"

#define N_PIXELS  CNN_INPUT_SIZE
#define N_FIELDS  (CNN_INPUT_SIZE + 1)   /* 64 pixels and a label */
#define MAX_VALUE 16
#define MAX_LABEL 9
/* what the reader asks the stream for at a time */
#define CHUNK     (64 * 1024)

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

gboolean
cnn_csv_line_is_blank (const char *line,
                       gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!is_blank (line[i]) && line[i] != '\r')
      return FALSE;
  return TRUE;
}

/* Parses one field [start, end) as a non-negative integer ≤ max.
 * Returns FALSE with error set. */
static gboolean
parse_field (const char  *start,
             const char  *end,
             gsize        line_no,
             int          column,
             gboolean     is_label,
             int         *value_out,
             GError     **error)
{
  const char *p;
  gboolean negative = FALSE;
  gint64 value = 0;
  int max = is_label ? MAX_LABEL : MAX_VALUE;

  /* tolerate spaces around a value, as spreadsheets sometimes write them */
  while (start < end && is_blank (*start))
    start++;
  while (end > start && is_blank (end[-1]))
    end--;

  if (start == end)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_CSV,
                   _("line %lu, column %d: the value is missing"),
                   (unsigned long) line_no, column);
      return FALSE;
    }

  p = start;
  if (*p == '-' || *p == '+')
    {
      negative = *p == '-';
      p++;
    }

  if (p == end)
    goto not_a_number;

  for (; p < end; p++)
    {
      if (*p < '0' || *p > '9')
        goto not_a_number;
      /* saturate: anything this large is out of range anyway */
      if (value < 1000000)
        value = value * 10 + (*p - '0');
    }

  if (negative)
    value = -value;

  if (value < 0 || value > max)
    {
      g_autofree char *text = cnn_limits_quote (start, end - start);

      if (is_label)
        g_set_error (error, CNN_ERROR, CNN_ERROR_CSV,
                     _("line %lu, column %d: label %s is out of range 0..%d"),
                     (unsigned long) line_no, column, text, max);
      else
        g_set_error (error, CNN_ERROR, CNN_ERROR_CSV,
                     _("line %lu, column %d: value %s is out of range 0..%d"),
                     (unsigned long) line_no, column, text, max);
      return FALSE;
    }

  *value_out = (int) value;
  return TRUE;

not_a_number:
  {
    g_autofree char *text = cnn_limits_quote (start, end - start);

    g_set_error (error, CNN_ERROR, CNN_ERROR_CSV,
                 _("line %lu, column %d: “%s” is not a number"),
                 (unsigned long) line_no, column, text);
    return FALSE;
  }
}

static void
set_count_error (GError      **error,
                 gsize         line_no,
                 const char   *count,
                 CnnCsvLabel   label_mode)
{
  if (label_mode == CNN_CSV_LABEL_REQUIRED)
    g_set_error (error, CNN_ERROR, CNN_ERROR_CSV,
                 _("line %lu: %s values, expected %d (%d pixels and a label)"),
                 (unsigned long) line_no, count, N_FIELDS, N_PIXELS);
  else
    g_set_error (error, CNN_ERROR, CNN_ERROR_CSV,
                 _("line %lu: %s values, expected %d (or %d with a label)"),
                 (unsigned long) line_no, count, N_PIXELS, N_FIELDS);
}

gboolean
cnn_csv_parse_row (const char   *line,
                   gsize         len,
                   gsize         line_no,
                   CnnCsvLabel   label_mode,
                   float        *pixels,
                   int          *label,
                   GError      **error)
{
  const char *end = line + len;
  const char *field;
  gsize n_fields = 1;

  g_return_val_if_fail (line != NULL || len == 0, FALSE);
  g_return_val_if_fail (pixels != NULL && label != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (len > 0 && end[-1] == '\r')
    end--;

  for (const char *q = line; q < end; q++)
    if (*q == ',')
      n_fields++;
  if (n_fields != N_FIELDS && (label_mode == CNN_CSV_LABEL_REQUIRED || n_fields != N_PIXELS))
    {
      g_autofree char *count = g_strdup_printf ("%lu", (unsigned long) n_fields);

      set_count_error (error, line_no, count, label_mode);
      return FALSE;
    }

  *label = CNN_CSV_NO_LABEL;
  field = line;
  for (int column = 1; column <= (int) n_fields; column++)
    {
      const char *field_end = column < (int) n_fields
        ? memchr (field, ',', (gsize) (end - field))
        : end;
      int value;

      if (!parse_field (field, field_end, line_no, column, column == N_FIELDS, &value, error))
        return FALSE;

      if (column <= N_PIXELS)
        pixels[column - 1] = (float) value / MAX_VALUE;
      else
        *label = value;

      field = field_end + 1;
    }

  return TRUE;
}

/* ---- the streaming reader ---------------------------------------------- */

struct _CnnCsvReader {
  GInputStream *stream;
  CnnCsvLabel   label_mode;
  gsize         byte_limit;
  guint64       bytes_read;   /* from the stream, all told */
  char         *chunk;        /* [CHUNK]: what the stream gave, not yet used */
  gsize         chunk_len;
  gsize         chunk_pos;
  gboolean      eof;
  gboolean      done;         /* after END or ERROR */
  gsize         line_no;
  char          line[CNN_LIMIT_LINE_BYTES];
};

CnnCsvReader *
cnn_csv_reader_new (GInputStream *stream,
                    CnnCsvLabel   label_mode,
                    gsize         byte_limit)
{
  CnnCsvReader *r;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  r = g_new0 (CnnCsvReader, 1);
  r->stream = g_object_ref (stream);
  r->label_mode = label_mode;
  r->byte_limit = byte_limit;
  r->chunk = g_malloc (CHUNK);
  return r;
}

void
cnn_csv_reader_free (CnnCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_object_unref (reader->stream);
  g_free (reader->chunk);
  g_free (reader);
}

gsize
cnn_csv_reader_line_no (CnnCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->line_no;
}

/* More bytes into the chunk; FALSE on a stream error or at the limit. */
static gboolean
fill (CnnCsvReader  *r,
      GCancellable  *cancellable,
      GError       **error)
{
  gssize n = g_input_stream_read (r->stream, r->chunk, CHUNK, cancellable, error);

  if (n < 0)
    return FALSE;
  r->chunk_len = (gsize) n;
  r->chunk_pos = 0;
  r->eof = n == 0;
  r->bytes_read += (guint64) n;
  if (r->bytes_read > r->byte_limit)
    {
      cnn_file_set_limit_error (error, r->byte_limit, _("a data file"));
      return FALSE;
    }
  return TRUE;
}

CnnCsvRead
cnn_csv_reader_next (CnnCsvReader  *r,
                     float         *pixels,
                     int           *label,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gsize len = 0;
  gsize n_commas = 0;
  gboolean newline = FALSE;
  const char *line;

  g_return_val_if_fail (r != NULL, CNN_CSV_READ_ERROR);
  g_return_val_if_fail (pixels != NULL && label != NULL, CNN_CSV_READ_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, CNN_CSV_READ_ERROR);

  if (r->done)
    return CNN_CSV_READ_END;

  /* one line: copy what arrives up to its '\n', counting its fields as
   * they go by, and stop at the line limit without reading further */
  while (!newline)
    {
      const char *start, *nl;
      gsize seg;

      if (r->chunk_pos == r->chunk_len)
        {
          if (r->eof)
            break;
          if (!fill (r, cancellable, error))
            {
              r->done = TRUE;
              return CNN_CSV_READ_ERROR;
            }
          continue;
        }

      start = r->chunk + r->chunk_pos;
      nl = memchr (start, '\n', r->chunk_len - r->chunk_pos);
      seg = nl != NULL ? (gsize) (nl - start) : r->chunk_len - r->chunk_pos;
      for (gsize i = 0; i < seg; i++)
        n_commas += start[i] == ',';

      if (len + seg > CNN_LIMIT_LINE_BYTES)
        {
          r->done = TRUE;
          if (n_commas + 1 > N_FIELDS)
            {
              g_autofree char *count = g_strdup_printf (_("more than %d"), N_FIELDS);

              set_count_error (error, r->line_no + 1, count, r->label_mode);
            }
          else
            g_set_error (error, CNN_ERROR, CNN_ERROR_CSV,
                         _("line %lu is longer than %d bytes, the limit for one line"),
                         (unsigned long) r->line_no + 1, CNN_LIMIT_LINE_BYTES);
          return CNN_CSV_READ_ERROR;
        }

      memcpy (r->line + len, start, seg);
      len += seg;
      r->chunk_pos += seg + (nl != NULL);
      newline = nl != NULL;
    }

  if (!newline && len == 0)
    {
      r->done = TRUE;
      return CNN_CSV_READ_END;
    }

  r->line_no++;
  line = r->line;
  /* a UTF-8 byte-order mark, as some editors write */
  if (r->line_no == 1 && len >= 3 && memcmp (line, "\xef\xbb\xbf", 3) == 0)
    {
      line += 3;
      len -= 3;
    }

  if (cnn_csv_line_is_blank (line, len))
    return CNN_CSV_READ_BLANK;
  if (!cnn_csv_parse_row (line, len, r->line_no, r->label_mode, pixels, label, error))
    {
      r->done = TRUE;
      return CNN_CSV_READ_ERROR;
    }
  return CNN_CSV_READ_ROW;
}
