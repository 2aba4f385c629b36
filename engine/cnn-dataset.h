/* cnn-dataset.h — labelled 8×8 digits in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File format (the UCI digits as shipped): one sample per line, 64 integers
 * 0..16 (row-major, top-left first), then the label 0..9; comma-separated,
 * no header. In memory the values are scaled to 0..1 (value / 16).
 */
#pragma once

#include <gio/gio.h>

#include "cnn-net.h"
#include "cnn-rng.h"

G_BEGIN_DECLS

typedef struct _CnnDataset CnnDataset;

struct _CnnDataset {
  gsize   n;
  int     n_classes;  /* labels are 0 .. n_classes − 1 */
  float  *x;          /* [n][64], 0..1 */
  guint8 *y;          /* [n] */
};

CnnDataset *cnn_dataset_new        (gsize n, int n_classes);
CnnDataset *cnn_dataset_copy       (const CnnDataset *ds);
void        cnn_dataset_free       (CnnDataset *ds);

/* Parses CSV text (the row grammar of cnn-csv.h); errors (CNN_ERROR_CSV)
 * name the line and column. Files are read as streams within the limits
 * of cnn-limits.h — CNN_LIMIT_CSV_BYTES of text (after decompression),
 * CNN_LIMIT_CSV_ROWS rows, CNN_LIMIT_LINE_BYTES a line — and refused past
 * them with CNN_ERROR_LIMIT (CNN_ERROR_CSV for a line too long). */
CnnDataset *cnn_dataset_new_from_csv   (const char *text, gsize len, GError **error);
/* Plain or gzip-compressed CSV (told by the gzip magic). */
CnnDataset *cnn_dataset_new_from_bytes (GBytes *bytes, GCancellable *cancellable, GError **error);
/* A file; gzip by its magic or a name ending in .gz. */
CnnDataset *cnn_dataset_load_csv       (GFile *file, GCancellable *cancellable, GError **error);
/* Writes the same format, atomically (cnn_file_replace_contents). */
gboolean    cnn_dataset_save_csv       (const CnnDataset *ds, const char *path, GError **error);
/* The 1,797 UCI digits embedded in the engine (gzip inside a GResource). */
CnnDataset *cnn_dataset_load_builtin   (GError **error);

/* Seeded stratified split: n_test samples, each class in proportion. */
void        cnn_dataset_split_stratified (const CnnDataset *ds, gsize n_test, guint64 seed,
                                          CnnDataset **train, CnnDataset **test);
/* First n_train rows / the rest (the "hard" writer-disjoint-ish split). */
void        cnn_dataset_split_head     (const CnnDataset *ds, gsize n_train,
                                        CnnDataset **train, CnnDataset **test);
/* Only the samples of classes 0 and 1 (two outputs). */
CnnDataset *cnn_dataset_zero_or_one    (const CnnDataset *ds);
/* ds followed by other (same n_classes). */
CnnDataset *cnn_dataset_concat         (const CnnDataset *ds, const CnnDataset *other);

#define CNN_DEFAULT_TEST_SIZE 360
#define CNN_DEFAULT_SPLIT_SEED 20260101

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnDataset, cnn_dataset_free)

G_END_DECLS
