/* convolve-prob-bars.h — one horizontal bar per class, with its percentage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CONVOLVE_TYPE_PROB_BARS (convolve_prob_bars_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveProbBars, convolve_prob_bars, CONVOLVE, PROB_BARS, GtkWidget)

GtkWidget *convolve_prob_bars_new        (void);
/* n probabilities (copied; NULL: none yet, every bar empty), top the
 * class highlighted (the caller's answer: cnn_argmax, −1 for none),
 * labels (nullable: "0", "1", … are used) */
void       convolve_prob_bars_set        (ConvolveProbBars *self, const float *probs, int n,
                                          int top, const char * const *labels);
int        convolve_prob_bars_get_n      (ConvolveProbBars *self);
float      convolve_prob_bars_get_prob   (ConvolveProbBars *self, int index);
/* index of the highlighted (top) class, −1 when empty */
int        convolve_prob_bars_get_top    (ConvolveProbBars *self);

G_END_DECLS
