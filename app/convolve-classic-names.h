/* convolve-classic-names.h — the classic filters' names, for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cnn-classic.h gives the bank stable ASCII ids for files and scripts
 * ("sobel-x"); the Filters page shows these translated names instead.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The translated name of bank index ("Sobel x", "Gabor 45°"), "" out of range */
const char *convolve_classic_name        (int index);
/* How alike a learned kernel is to its best match, by the size and sign of
 * their cosine: "nearly the same" (|cos| ≥ 0.9), "close" (≥ 0.7) or "a
 * blend", with ", sign-flipped" when it is negative */
const char *convolve_classic_verdict     (double similarity);

G_END_DECLS
