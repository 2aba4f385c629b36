/* cnn-error.h — the engine's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CNN_ERROR (cnn_error_quark ())

typedef enum {
  CNN_ERROR_SPEC,           /* a network spec that does not parse or whose shapes do not fit */
  CNN_ERROR_CSV,            /* a data file with a bad line; the message names line and column */
  CNN_ERROR_MODEL_TRUNCATED,
  CNN_ERROR_MODEL_MAGIC,
  CNN_ERROR_MODEL_VERSION,
  CNN_ERROR_MODEL_CHECKSUM,
  CNN_ERROR_MODEL_MISMATCH, /* the weights do not fit the spec stored with them */
  CNN_ERROR_DATA,           /* a dataset that does not fit the network (classes, size) */
  CNN_ERROR_DIVERGED,       /* the loss became NaN or infinite */
  CNN_ERROR_LIMIT,          /* a file larger than a limit of cnn-limits.h; the message names it */
  CNN_ERROR_NO_MEMORY,      /* memory an input asked for (within the limits) could not be had */
} CnnError;

GQuark cnn_error_quark (void);

G_END_DECLS
