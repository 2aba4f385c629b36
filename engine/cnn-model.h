/* cnn-model.h — model files: the spec, the weights, the temperature and
 * how the weights were trained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout (all integers and floats little-endian):
 *   0   8 bytes  magic "CNVLVMDL"
 *   8   u32      format version (CNN_MODEL_VERSION, 2; 1 is still read)
 *   12  u32      spec length S in bytes
 *   16  S bytes  spec (UTF-8, no NUL)
 *   …   u32      parameter count P
 *   …   P × f32  parameters, in net->params order
 *   …   f32      temperature (finite, > 0)               format 2 only
 *   …   u32      record length R, 0 when there is none  format 2 only
 *   …   R bytes  the training record                    format 2 only
 *   …   32 bytes SHA-256 of every byte before it
 *
 * The training record (net->record) is UTF-8 text, one "key=value" per
 * line ending in "\n", numbers in C notation:
 *   optimizer=adam  lr=0.02  lr-decay=true  batch=32  epochs=30
 *   weight-decay=0  augment=full  label-smoothing=0  seed=1
 *   train-samples=1293  validation-samples=144  test-accuracy=0.9889
 *   data=UCI digits, stratified split
 * A reader skips keys it does not know (a later version may add some) and
 * rejects a value it cannot read. A format 1 file loads with temperature 1
 * and no record.
 */
#pragma once

#include <gio/gio.h>

#include "cnn-net.h"

G_BEGIN_DECLS

#define CNN_MODEL_MAGIC "CNVLVMDL"
#define CNN_MODEL_VERSION 2

GBytes   *cnn_model_serialize   (const CnnNet *net);
/* A new network; on any error NULL and nothing else changes. */
CnnNet   *cnn_model_deserialize (GBytes *bytes, GError **error);

/* Atomic (write to a temporary file, then rename), through a symbolic
 * link to its target: cnn_file_replace_contents(). */
gboolean  cnn_model_save        (const CnnNet *net, const char *path, GError **error);
/* Reads the 12-byte header first (not a model, another version: told at
 * once), then at most CNN_LIMIT_MODEL_FILE_BYTES (else CNN_ERROR_LIMIT). */
CnnNet   *cnn_model_load        (GFile *file, GCancellable *cancellable, GError **error);

G_END_DECLS
