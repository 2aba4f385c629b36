/* cnn-preset.h — the networks Convolve ships, and the data each trains on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table for the app and the CLI. A preset is a spec, the task it is
 * for (its number of classes: 10 digits, or the 0s and 1s only) and a
 * shipped model trained by build-aux/make-models.
 */
#pragma once

#include <glib.h>

#include "cnn-dataset.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;        /* "digits", "zero-or-one": settings, file names, --preset */
  const char *title;     /* for people, untranslated (N_): translate with _() */
  const char *spec;      /* normalised */
  int         n_classes;
} CnnPreset;

#define CNN_PRESET_DEFAULT "digits"

/* Every preset, in menu order; n (nullable) gets their number */
const CnnPreset *cnn_presets        (guint *n);
/* NULL when there is none of that id */
const CnnPreset *cnn_preset_lookup  (const char *id);
/* The preset whose normalised spec this is, or NULL */
const CnnPreset *cnn_preset_for_spec (const char *spec);

typedef enum {
  CNN_SPLIT_STRATIFIED,  /* 20 % test, each class in proportion, a fixed seed */
  CNN_SPLIT_HEAD,        /* the first 80 % rows train, the rest test: partly other writers */
} CnnSplit;

/* The built-in digits for a task of n_classes (10: all; 2: the 0s and 1s),
 * split into train and test: the split every score in Convolve is given
 * on (360 test digits of 1,797 for 10 classes; the same fraction of the
 * 0s and 1s for 2). FALSE with CNN_ERROR_DATA for any other n_classes. */
gboolean cnn_dataset_builtin_split (int n_classes, CnnSplit split,
                                    CnnDataset **train, CnnDataset **test,
                                    GError **error);

/* The most times an extra sample may be repeated in a training set */
#define CNN_EXTRA_REPEAT_MAX 100

/* cnn_dataset_builtin_split() with extra samples after the training half,
 * each repeat times (1..CNN_EXTRA_REPEAT_MAX: a user's own drawing then
 * weighs as much as repeat digits of the data set). Only extra's samples
 * whose label fits n_classes are used (for 2: its 0s and 1s); n_used
 * (nullable) gets how many, before repeating. extra may be NULL or empty.
 * The test half is the built-in one, untouched, so scores stay comparable
 * with and without extra samples. FALSE with CNN_ERROR_DATA for an
 * n_classes the built-in data has no task for, or a repeat too large. */
gboolean cnn_dataset_builtin_split_extra (int n_classes, CnnSplit split,
                                          const CnnDataset *extra, guint repeat,
                                          CnnDataset **train, CnnDataset **test,
                                          gsize *n_used, GError **error);

G_END_DECLS
