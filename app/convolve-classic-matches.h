/* convolve-classic-matches.h — the classic filter bank beside the learned kernels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A section of the Filters page: the 12 hand-crafted 3×3 filters of
 * cnn-classic.h, then each learned kernel of conv 1 beside its best classic
 * match by |cosine| (drawn with the learned kernel's sign) and the signed
 * cosine ("≈ −0.97 · Sobel x: a sign-flipped Sobel x"). Every kernel is
 * drawn on the diverging weight scale, each to its own largest |weight|
 * (the cosine ignores scale). A network whose first layer is not a 3×3
 * convolution of the drawing gets the bank and a note saying why nothing
 * is matched (cnn_classic_available()). Follows its session: a new
 * network rebuilds the pairs, new weights change their numbers in place.
 */
#pragma once

#include <adwaita.h>

#include "convolve-heatmap.h"
#include "convolve-session.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_CLASSIC_MATCHES (convolve_classic_matches_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveClassicMatches, convolve_classic_matches, CONVOLVE, CLASSIC_MATCHES, GtkWidget)

void             convolve_classic_matches_set_session  (ConvolveClassicMatches *self,
                                                        ConvolveSession        *session);
/* Every weight written on its cell, with larger cells ("show-numbers") */
void             convolve_classic_matches_set_show_numbers (ConvolveClassicMatches *self,
                                                            gboolean                show);

/* For tests: the bank as shown (index as in cnn-classic.h) and its name */
ConvolveHeatmap *convolve_classic_matches_get_bank     (ConvolveClassicMatches *self, int index);
const char      *convolve_classic_matches_get_bank_name (ConvolveClassicMatches *self, int index);
/* conv 1's filters matched (0 when unavailable); filter f's kernel, its
 * match as drawn, the match's bank index (−1: none) with the cosine, and
 * the caption under the pair */
int              convolve_classic_matches_get_n_pairs  (ConvolveClassicMatches *self);
ConvolveHeatmap *convolve_classic_matches_get_learned  (ConvolveClassicMatches *self, int filter);
ConvolveHeatmap *convolve_classic_matches_get_matched  (ConvolveClassicMatches *self, int filter);
int              convolve_classic_matches_get_match    (ConvolveClassicMatches *self, int filter,
                                                        double *similarity);
const char      *convolve_classic_matches_get_caption  (ConvolveClassicMatches *self, int filter);
/* Why nothing is matched, or "" */
const char      *convolve_classic_matches_get_note     (ConvolveClassicMatches *self);


G_END_DECLS
