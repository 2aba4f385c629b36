/* convolve-channel-digits.h — what conv 2's channels respond to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A section of the Filters page. A conv 2 kernel spans all of conv 1's
 * channels, so no classic filter is like it; what it detects shows in the
 * data instead: for each channel of the network's second conv layer, the
 * six training digits that excite it most (cnn_top_activating(): the
 * largest value of its map after the ReLU). Ranking the training split is
 * ~1,400 forward passes, more than a frame, so it runs in a thread on a
 * copy of the network, when shown, and again when the weights change — at
 * most once a second while training runs.
 */
#pragma once

#include <adwaita.h>

#include "convolve-session.h"

G_BEGIN_DECLS

#define CONVOLVE_CHANNEL_DIGITS_K 6

#define CONVOLVE_TYPE_CHANNEL_DIGITS (convolve_channel_digits_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveChannelDigits, convolve_channel_digits, CONVOLVE, CHANNEL_DIGITS, GtkWidget)

void     convolve_channel_digits_set_session (ConvolveChannelDigits *self,
                                              ConvolveSession       *session);

/* For tests: the layer ranked (−1: the network has no second conv
 * layer), its channels shown, whether a ranking is under way or due, and
 * the k-th digit shown for a channel (an index into the training split of
 * cnn_dataset_builtin_split(), stratified; −1: none yet) */
int      convolve_channel_digits_get_layer      (ConvolveChannelDigits *self);
int      convolve_channel_digits_get_n_channels (ConvolveChannelDigits *self);
gboolean convolve_channel_digits_get_busy       (ConvolveChannelDigits *self);
int      convolve_channel_digits_get_index      (ConvolveChannelDigits *self, int channel, int k);


G_END_DECLS
