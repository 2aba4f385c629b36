/* cnn-rng.h — the one source of randomness in the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* xoshiro128** seeded through splitmix64: small, fast and, above all,
 * reproducible on every platform, which rand() is not. Plain value type so a
 * trainer can embed it and copy it with its state. */
typedef struct {
  guint32 s[4];
} CnnRng;

void    cnn_rng_init      (CnnRng *rng, guint64 seed);
guint32 cnn_rng_next      (CnnRng *rng);
/* uniform in [0, 1) */
float   cnn_rng_uniform   (CnnRng *rng);
/* uniform integer in [0, n) */
guint32 cnn_rng_below     (CnnRng *rng, guint32 n);
/* standard normal (Box–Muller) */
float   cnn_rng_normal    (CnnRng *rng);
void    cnn_rng_shuffle   (CnnRng *rng, guint32 *items, gsize n);

G_END_DECLS
