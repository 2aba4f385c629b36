/* cnn-rng.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cnn-rng.h"

#include <math.h>

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
cnn_rng_init (CnnRng  *rng,
              guint64  seed)
{
  guint64 x = seed;
  guint64 a, b;

  g_return_if_fail (rng != NULL);

  a = splitmix64 (&x);
  b = splitmix64 (&x);
  rng->s[0] = (guint32) a;
  rng->s[1] = (guint32) (a >> 32);
  rng->s[2] = (guint32) b;
  rng->s[3] = (guint32) (b >> 32);
  /* xoshiro must not start from the all-zero state */
  if ((rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]) == 0)
    rng->s[0] = 1;
}

static inline guint32
rotl (guint32 x, int k)
{
  return (x << k) | (x >> (32 - k));
}

guint32
cnn_rng_next (CnnRng *rng)
{
  guint32 result = rotl (rng->s[1] * 5, 7) * 9;
  guint32 t = rng->s[1] << 9;

  rng->s[2] ^= rng->s[0];
  rng->s[3] ^= rng->s[1];
  rng->s[1] ^= rng->s[2];
  rng->s[0] ^= rng->s[3];
  rng->s[2] ^= t;
  rng->s[3] = rotl (rng->s[3], 11);

  return result;
}

float
cnn_rng_uniform (CnnRng *rng)
{
  /* 24 random bits: every value exactly representable, never 1.0 */
  return (float) (cnn_rng_next (rng) >> 8) * (1.0f / 16777216.0f);
}

guint32
cnn_rng_below (CnnRng  *rng,
               guint32  n)
{
  /* Lemire's multiply-shift; the bias for n ≤ a few thousand is < 1e-6 */
  return (guint32) (((guint64) cnn_rng_next (rng) * n) >> 32);
}

float
cnn_rng_normal (CnnRng *rng)
{
  float u1 = 1.0f - cnn_rng_uniform (rng); /* (0, 1], log() stays finite */
  float u2 = cnn_rng_uniform (rng);

  return sqrtf (-2.0f * logf (u1)) * cosf (2.0f * (float) G_PI * u2);
}

void
cnn_rng_shuffle (CnnRng  *rng,
                 guint32 *items,
                 gsize    n)
{
  for (gsize i = n; i > 1; i--)
    {
      guint32 j = cnn_rng_below (rng, (guint32) i);
      guint32 t = items[i - 1];
      items[i - 1] = items[j];
      items[j] = t;
    }
}
