/* convolve-samples.h — the user's own labelled drawings, kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of ConvolveSample, kept in one file (by default
 * $XDG_DATA_HOME/convolve/samples.csv) in the shipped data set's CSV
 * format: one sample a line, 64 counts 0..16 then the label 0..9,
 * comma-separated, no header; no samples is an empty file. It is read
 * and written by the engine (cnn_dataset_load_csv(), cnn_dataset_save_csv():
 * one grammar, one parser).
 *
 * The list is always what the file holds: every change is written at once,
 * atomically (a temporary file renamed over the old one, so a crash or a
 * kill mid-write leaves the old file or the new one, never a mix), and a
 * change that cannot be written is not made (FALSE with the reason; the
 * list stays as it was) — nor one past CNN_LIMIT_CSV_ROWS samples, the
 * most the loader reads back (CNN_ERROR_LIMIT). A file that cannot be read when loaded is never
 * overwritten: it is moved aside (samples.csv.broken-YYYYMMDD-HHMMSS) and
 * the store starts empty; if it cannot even be moved, the store refuses
 * every change. No GTK.
 */
#pragma once

#include <gio/gio.h>

#include "cnn.h"
#include "convolve-sample.h"

G_BEGIN_DECLS

#define CONVOLVE_SAMPLES_ERROR (convolve_samples_error_quark ())
GQuark convolve_samples_error_quark (void);

typedef enum {
  CONVOLVE_SAMPLES_ERROR_BROKEN,   /* the file was unreadable: moved aside (the message says where) */
  CONVOLVE_SAMPLES_ERROR_BLOCKED,  /* unreadable and could not be moved: changes are refused */
  CONVOLVE_SAMPLES_ERROR_EMPTY,    /* nothing to export */
} ConvolveSamplesError;

#define CONVOLVE_TYPE_SAMPLES (convolve_samples_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveSamples, convolve_samples, CONVOLVE, SAMPLES, GObject)

/* $XDG_DATA_HOME/convolve/samples.csv */
char            *convolve_samples_default_path (void);

/* path: the file (NULL: the default path); its folder is made when first
 * written to. Empty until load(). */
ConvolveSamples *convolve_samples_new      (const char *path);
const char      *convolve_samples_get_path (ConvolveSamples *self);

/* Reads the file, replacing the list. No file: an empty list, TRUE. An
 * unreadable file: moved aside, an empty list, FALSE with
 * CONVOLVE_SAMPLES_ERROR_BROKEN (or _BLOCKED when it could not be moved;
 * the message says why and where). */
gboolean         convolve_samples_load     (ConvolveSamples *self, GError **error);

/* Each writes the file; FALSE (and no change) when it cannot. */

/* Appends a sample: counts 0..16, label 0..9 */
gboolean         convolve_samples_add      (ConvolveSamples *self, const guint8 *counts,
                                            int label, GError **error);
/* The same from the network's input (0..1, e.g. the normalised grid),
 * quantised to the nearest count (convolve_sample_quantize()) */
gboolean         convolve_samples_add_input (ConvolveSamples *self, const float *input,
                                             int label, GError **error);
/* Removes the sample at position; removed (nullable) gets it (a new
 * reference) for an Undo: insert (position, removed) puts it back */
gboolean         convolve_samples_remove   (ConvolveSamples *self, guint position,
                                            ConvolveSample **removed, GError **error);
/* Puts sample at position (0..n; n appends) */
gboolean         convolve_samples_insert   (ConvolveSamples *self, guint position,
                                            ConvolveSample *sample, GError **error);
/* The sample at position gets a new label (notify::label on it, and
 * items-changed (position, 1, 1)) */
gboolean         convolve_samples_relabel  (ConvolveSamples *self, guint position,
                                            int label, GError **error);
/* Appends every sample of a CSV file of the same format (a .gz one too).
 * A bad file is refused whole with CNN_ERROR_CSV naming the line and the
 * column, and changes nothing. n_added (nullable): how many. */
gboolean         convolve_samples_import   (ConvolveSamples *self, GFile *file,
                                            GCancellable *cancellable, guint *n_added,
                                            GError **error);
/* Writes every sample to file (a local one), atomically. FALSE with
 * CONVOLVE_SAMPLES_ERROR_EMPTY when there is none. */
gboolean         convolve_samples_export   (ConvolveSamples *self, GFile *file,
                                            GError **error);

/* For training and evaluation: the samples whose label is below
 * n_classes (2: the 0s and 1s), values count / 16, in list order; an
 * empty data set when there are none. Free with cnn_dataset_free(). */
CnnDataset      *convolve_samples_to_dataset (ConvolveSamples *self, int n_classes);

/* Properties: "n-items" (guint, notified when it changes). */

G_END_DECLS
