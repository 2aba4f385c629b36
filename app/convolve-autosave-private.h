/* convolve-autosave-private.h — for the tests: the order of writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "convolve-autosave.h"

G_BEGIN_DECLS

/* While paused, save_async() writes wait before they start (save() does
 * not): a test can put a background write behind a later save(). */
void convolve_autosave_pause_background (ConvolveAutosave *self, gboolean paused);

G_END_DECLS
