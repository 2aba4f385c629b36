/* cnn-ink.h — from an ink bitmap to the network's 8×8 input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The UCI digits were made from 32×32 binary bitmaps by counting the ink
 * in each 4×4 block. Convolve makes its input the same way, whatever drew
 * the ink (the grid's 128×128 pen bitmap, a decoded image): one rule, here.
 */
#pragma once

#include <glib.h>

#include "cnn-net.h"

G_BEGIN_DECLS

/* The fraction of inked pixels in each of the 8×8 blocks of a side×side
 * bitmap (side a multiple of 8; nonzero bytes are ink): out [64], 0..1,
 * row-major. */
void     cnn_ink_count     (const guint8 *ink, int side, float out[CNN_INPUT_SIZE]);

/* The same after normalising the way the dataset's writers' digits were:
 * the ink's bounding box scaled (aspect kept, never below 1:1, nearest
 * neighbour so no ink is lost) until its longer side fills the frame, and
 * centred. All zero without ink. Returns FALSE then. */
gboolean cnn_ink_normalize (const guint8 *ink, int side, float out[CNN_INPUT_SIZE]);

G_END_DECLS
