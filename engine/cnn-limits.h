/* cnn-limits.h — the largest input the engine accepts, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every loader checks these before it allocates anything whose size an
 * input decides — from a header, the file's size, or while streaming — and
 * refuses with a GError that names the limit (CNN_ERROR_LIMIT for files,
 * CNN_ERROR_SPEC for a network spec). A limit is data: change it here and
 * every check, message and test follows.
 *
 * The figures are generous for what Convolve does (the shipped networks
 * have 1,866 and 1,178 parameters, the shipped data 1,797 rows) and small
 * enough that the largest accepted input costs tens of megabytes, not
 * gigabytes: a network at the parameter limit is 16 MiB of weights, and the
 * trainer keeps five blobs of that size (weights, gradients, last good
 * weights, two optimizer moments).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---- networks (the spec parser; cnn_net_new, cnn_spec_measure) --------- */

/* Layers after normalisation, the appended softmax included. */
#define CNN_LIMIT_LAYERS            64
/* Every weight and bias of the network: 4 Mi floats, 16 MiB. */
#define CNN_LIMIT_PARAMS            ((gsize) 4 << 20)
/* Floats one sample's forward pass keeps: every layer's output plus each
 * conv layer's im2col columns (out.h·out.w × k·k·c_in; its patch index is
 * as long again in guint32). 4 Mi floats, 16 MiB per workspace. */
#define CNN_LIMIT_ACTIVATIONS       ((gsize) 4 << 20)
/* A spec's text, in bytes. The longest normalised spec of 64 layers is
 * about 1.2 kB; the rest is room for white space a person types. */
#define CNN_LIMIT_SPEC_BYTES        (64 * 1024)
/* One token of a spec ("conv7x7x256-valid" is 17). */
#define CNN_LIMIT_TOKEN_BYTES       64

/* ---- model files (cnn_model_load, cnn_model_deserialize) --------------- */

/* The whole file: the weights at CNN_LIMIT_PARAMS (16 MiB), the spec, and
 * room for the fields later format versions add after it. */
#define CNN_LIMIT_MODEL_FILE_BYTES  ((gsize) 32 << 20)

/* ---- CSV data (cnn_dataset_load_csv, convolve-cli classify) ------------ */

/* Rows (samples) of one file: 100,000 rows are 25.6 MB as floats, 55× the
 * shipped data set. */
#define CNN_LIMIT_CSV_ROWS          100000
/* The text, after decompression: a gzip file is inflated as a stream and
 * refused when its content passes this. 65 fields of "16," are 195 bytes
 * a row, so this holds CNN_LIMIT_CSV_ROWS rows with room for spaces. */
#define CNN_LIMIT_CSV_BYTES         ((gsize) 32 << 20)
/* One line of a CSV file, '\n' excluded. */
#define CNN_LIMIT_LINE_BYTES        4096

/* ---- images (app/convolve-image.c: the window and convolve-cli) --------- */

/* Each side, in pixels, of a decoded image: 8192 × 8192 RGBA is 256 MiB
 * decoded, far more than a picture of a digit needs and about what a
 * desktop can spare. Known from the header, before anything is decoded. */
#define CNN_LIMIT_IMAGE_SIDE        8192
/* The encoded image file, in bytes: any ordinary photo or scan. */
#define CNN_LIMIT_IMAGE_FILE_BYTES  ((gsize) 64 << 20)

/* ---- messages ----------------------------------------------------------- */

/* Characters of a bad token, field or line an error message quotes; longer
 * ones are cut and end in "…". */
#define CNN_LIMIT_QUOTE_CHARS       40

/* text[0..len) (len −1: NUL-terminated) as valid UTF-8 of at most
 * CNN_LIMIT_QUOTE_CHARS characters, cut with "…" when longer: for quoting
 * user input in an error message. Never NULL. */
char *cnn_limits_quote (const char *text, gssize len);

G_END_DECLS
