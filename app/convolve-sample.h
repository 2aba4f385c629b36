/* convolve-sample.h — one labelled drawing of the user's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 64 counts 0..16 (row-major from the top left), as a row of the shipped
 * CSV holds them, and a label 0..9. The counts never change; the label
 * changes only through convolve_samples_relabel() (notify::label). No GTK.
 */
#pragma once

#include <glib-object.h>

#include "cnn.h"

G_BEGIN_DECLS

#define CONVOLVE_SAMPLE_MAX_COUNT 16
#define CONVOLVE_SAMPLE_N_LABELS  10

#define CONVOLVE_TYPE_SAMPLE (convolve_sample_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveSample, convolve_sample, CONVOLVE, SAMPLE, GObject)

/* counts: 64 values 0..16, copied; label 0..9 */
ConvolveSample *convolve_sample_new        (const guint8 *counts, int label);
/* The network's input, 0..1 (count / 16) */
ConvolveSample *convolve_sample_new_from_input (const float *input, int label);

/* 64 counts 0..16 */
const guint8   *convolve_sample_get_counts (ConvolveSample *self);
/* The same as the network's input: out [64], count / 16 */
void            convolve_sample_get_input  (ConvolveSample *self, float *out);
int             convolve_sample_get_label  (ConvolveSample *self);

/* Input 0..1 → the count 0..16 nearest (NaN and below 0: 0; above 1: 16),
 * as the engine's CSV writer rounds */
guint8          convolve_sample_quantize   (float value);

G_END_DECLS
