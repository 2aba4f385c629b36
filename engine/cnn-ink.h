/* cnn-ink.h — from an ink bitmap to the network's 8×8 input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The UCI digits were made from 32×32 binary bitmaps by counting the ink
 * in each 4×4 block. Convolve makes its input the same way, whatever drew
 * the ink (the grid's 128×128 pen bitmap, a decoded image of any size):
 * one rule, here.
 */
#pragma once

#include <glib.h>

#include "cnn-net.h"

G_BEGIN_DECLS

/* The data set's own frame: 32×32 pixels, ink counted in 4×4 blocks, so
 * each value is k/16 — exactly a UCI row's value / 16. */
#define CNN_INK_FRAME 32
/* The largest frame cnn_ink_normalize_rect() takes (the grid's is 128) */
#define CNN_INK_FRAME_MAX 1024

/* The fraction of inked pixels in each of the 8×8 blocks of a side×side
 * bitmap (side a multiple of 8; nonzero bytes are ink): out [64], 0..1,
 * row-major. */
void     cnn_ink_count     (const guint8 *ink, int side, float out[CNN_INPUT_SIZE]);

/* The same after normalising the way the dataset's writers' digits were:
 * the ink's bounding box scaled (aspect kept) until its longer side fills
 * a side×side frame, centred, and counted as cnn_ink_count() does. All
 * zero without ink. Returns FALSE then. The same as
 * cnn_ink_normalize_rect (ink, side, side, side, side, out). */
gboolean cnn_ink_normalize (const guint8 *ink, int side, float out[CNN_INPUT_SIZE]);

/* The rule for any bitmap: width × height bytes, rows stride bytes apart
 * (nonzero = ink). The ink's bounding box (w × h pixels, L = max (w, h))
 * is scaled by frame / L into a frame × frame bitmap (frame a multiple of
 * 8, at most CNN_INK_FRAME_MAX), centred, and its ink counted in
 * (frame/8)² blocks: out [64], 0..1, row-major.
 *
 * Enlarging (L ≤ frame), each frame pixel takes the box pixel under its
 * centre (nearest neighbour). Shrinking, the same, which keeps strokes
 * as wide as they are on average — unless that keeps less than half of
 * the frame pixels the ink falls in: strokes thinner than a frame pixel,
 * which sampling would break up or lose, are then gathered (every ink
 * pixel inks the frame pixel its centre falls in) and drawn about as
 * wide as the grid's default pen, 15 % of the frame (5 pixels at 32).
 * Positions are worked out in integers, so a line exactly on the frame's
 * midline always lands on the same side of it (the lower/right one).
 *
 * The grid model calls this with its 128×128 bitmap and frame 128 (values
 * k/256); a decoded image with frame CNN_INK_FRAME (values k/16). All zero
 * and FALSE without ink. */
gboolean cnn_ink_normalize_rect (const guint8 *ink, int width, int height, gsize stride,
                                 int frame, float out[CNN_INPUT_SIZE]);

G_END_DECLS
