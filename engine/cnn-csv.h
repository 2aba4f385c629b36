/* cnn-csv.h — the data format's rows, one grammar for every reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row is 64 pixel values 0..16 (row-major, top-left first) and a label
 * 0..9, comma-separated, each value a decimal integer with optional blanks
 * (spaces, tabs) around it; a line may end in "\r\n". The data set loader
 * (cnn-dataset.h) requires the label; convolve-cli classify makes it
 * optional. Both read through CnnCsvReader, which streams: a line is at
 * most CNN_LIMIT_LINE_BYTES and the whole text at most a byte limit, both
 * checked as the bytes arrive, so no input makes it hold more than one
 * line and one read buffer.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  CNN_CSV_LABEL_REQUIRED,   /* 65 fields: 64 pixels, then the label */
  CNN_CSV_LABEL_OPTIONAL,   /* 64 fields, or 65 with a label */
} CnnCsvLabel;

/* the label of a row that has none (CNN_CSV_LABEL_OPTIONAL) */
#define CNN_CSV_NO_LABEL (-1)

/* Parses one line [line, line + len) — without its '\n'; a trailing '\r'
 * is ignored — into pixels [64], scaled to 0..1 (value / 16), and *label
 * (0..9 or CNN_CSV_NO_LABEL). The fields are counted first, so a wrong
 * count is reported as such before any value is looked at. Errors
 * (CNN_ERROR_CSV) name line_no and the 1-based column and quote at most
 * CNN_LIMIT_QUOTE_CHARS characters of a bad value. A blank line is an
 * error here: see cnn_csv_line_is_blank(). */
gboolean      cnn_csv_parse_row      (const char   *line,
                                      gsize         len,
                                      gsize         line_no,
                                      CnnCsvLabel   label_mode,
                                      float        *pixels,
                                      int          *label,
                                      GError      **error);

/* Only blanks and '\r'. */
gboolean      cnn_csv_line_is_blank  (const char *line, gsize len);

typedef struct _CnnCsvReader CnnCsvReader;

typedef enum {
  CNN_CSV_READ_ROW,     /* pixels and label filled */
  CNN_CSV_READ_BLANK,   /* a blank line: the caller's policy */
  CNN_CSV_READ_END,     /* no more lines */
  CNN_CSV_READ_ERROR,   /* error set; the reader is done */
} CnnCsvRead;

/* Reads stream (which it refs) line by line; at most byte_limit bytes of
 * it (CNN_LIMIT_CSV_BYTES for a data file), else a CNN_ERROR_LIMIT error.
 * A UTF-8 byte-order mark at the start is skipped. */
CnnCsvReader *cnn_csv_reader_new     (GInputStream *stream,
                                      CnnCsvLabel   label_mode,
                                      gsize         byte_limit);
void          cnn_csv_reader_free    (CnnCsvReader *reader);
/* The next line. A line longer than CNN_LIMIT_LINE_BYTES is refused
 * (CNN_ERROR_CSV) once that many bytes of it have arrived; the rest of it
 * is never read. Stream errors are passed on as they are. */
CnnCsvRead    cnn_csv_reader_next    (CnnCsvReader  *reader,
                                      float         *pixels,
                                      int           *label,
                                      GCancellable  *cancellable,
                                      GError       **error);
/* The 1-based number of the line cnn_csv_reader_next() last returned. */
gsize         cnn_csv_reader_line_no (CnnCsvReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnCsvReader, cnn_csv_reader_free)

G_END_DECLS
