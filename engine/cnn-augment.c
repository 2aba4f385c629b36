/* cnn-augment.c — random distortions of training digits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline is described in cnn-augment.h. A sample of the full mode
 * costs about 1.2 µs (a forward and backward pass about 4): the draw (~40
 * random numbers, one sine and cosine), then render_hot(), where the warp
 * takes 1,024 nearest samples of the lifted bitmap eight at a time in GCC
 * vector extensions (each pixel's source position is an affine function
 * of its column plus an elastic term, a 4-term sum over a constant
 * table), and the width filter and the count are word operations on the
 * 32 packed rows. The lift (a rank selection in each partly inked block)
 * runs once per sample of a data set, the first time an augmenter draws
 * it.
 */
#include "cnn-augment.h"

#include <math.h>
#include <string.h>

#include "cnn-dataset.h"
#include "cnn-simd.h"

#define SIDE  CNN_AUGMENT_SIDE          /* 32 */
#define GRID  CNN_AUGMENT_ELASTIC_GRID  /* 4 */
#define CELLS 8                         /* the data set's 8×8 */
#define BLOCK (SIDE / CELLS)            /* 4 pixels a cell */

G_STATIC_ASSERT (CELLS * CELLS == CNN_INPUT_SIZE);

const char *
cnn_augment_to_string (CnnAugment mode)
{
  switch (mode)
    {
    case CNN_AUGMENT_NONE:  return "none";
    case CNN_AUGMENT_SHIFT: return "shift";
    case CNN_AUGMENT_FULL:  return "full";
    default:                return NULL;
    }
}

gboolean
cnn_augment_from_string (const char *name,
                         CnnAugment *mode)
{
  g_return_val_if_fail (mode != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (int m = 0; m < CNN_AUGMENT_N_MODES; m++)
    if (g_str_equal (name, cnn_augment_to_string ((CnnAugment) m)))
      {
        *mode = (CnnAugment) m;
        return TRUE;
      }
  return FALSE;
}

void
cnn_augment_ranges_init_default (CnnAugmentRanges *ranges)
{
  g_return_if_fail (ranges != NULL);

  /* The geometric ranges are the (they span how people tilt,
   * squeeze and place digits). Probability, elastic and stroke width were
   * chosen on the head split (train on the first 1,437 rows, test on the
   * last 360) and the stratified split, nothing else. */
  *ranges = (CnnAugmentRanges) {
    .probability = 0.8f,
    .rotation = 15.0f,
    .scale = 0.2f,
    .aspect = 0.2f,
    .shear = 0.3f,
    .translation = 1.0f,
    .elastic = 1.0f,
    .thin = 0.25f,
    .thicken = 0.25f,
  };
}

void
cnn_augment_params_init_identity (CnnAugmentParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->scale_x = 1.0f;
  params->scale_y = 1.0f;
}

/* uniform in [−1, 1) */
static inline float
symmetric (CnnRng *rng)
{
  return 2.0f * cnn_rng_uniform (rng) - 1.0f;
}

gboolean
cnn_augment_draw (const CnnAugmentRanges *r,
                  CnnRng                 *rng,
                  CnnAugmentParams       *p)
{
  float s, a, w;

  g_return_val_if_fail (r != NULL && rng != NULL && p != NULL, FALSE);

  cnn_augment_params_init_identity (p);
  if (!(cnn_rng_uniform (rng) < r->probability))
    return FALSE;

  p->rotation = r->rotation * symmetric (rng);
  s = 1.0f + r->scale * symmetric (rng);
  a = sqrtf (1.0f + r->aspect * symmetric (rng));
  p->scale_x = s * a;
  p->scale_y = s / a;
  p->shear = r->shear * symmetric (rng);
  p->dx = r->translation * symmetric (rng);
  p->dy = r->translation * symmetric (rng);
  /* uniform with the asked std (√3 · std wide): as smooth after the
   * interpolation as a normal draw, without a logarithm per point */
  for (int j = 0; j < GRID; j++)
    for (int i = 0; i < GRID; i++)
      {
        p->elastic_x[j][i] = 1.7320508f * r->elastic * symmetric (rng);
        p->elastic_y[j][i] = 1.7320508f * r->elastic * symmetric (rng);
      }
  w = cnn_rng_uniform (rng);
  p->width = w < r->thin ? -1 : w < r->thin + r->thicken ? 1 : 0;
  return TRUE;
}

/* The 0..16 count a value stands for (NaN and negatives count 0). */
static inline int
count_of (float v)
{
  float c = v * 16.0f + 0.5f;

  if (!(c >= 0.0f))
    return 0;
  return c >= 16.0f ? 16 : (int) c;
}

/* The bilinear surface through the cell centres, at the 4 pixel centres
 * of a block along one axis: pixel i sits (2i − 3)/8 cells off the cell's
 * centre, so it mixes the cell with its neighbour before (i < 2) or after
 * (i ≥ 2). tent[i] = { before, cell, after }. */
static const float tent[BLOCK][3] = {
  { 3 / 8.0f, 5 / 8.0f, 0 },
  { 1 / 8.0f, 7 / 8.0f, 0 },
  { 0, 7 / 8.0f, 1 / 8.0f },
  { 0, 5 / 8.0f, 3 / 8.0f },
};

void
cnn_augment_lift (const float *in,
                  guint32      bitmap[SIDE])
{
  int count[CELLS][CELLS];

  g_return_if_fail (in != NULL && bitmap != NULL);

  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    count[i / CELLS][i % CELLS] = count_of (in[i]);
  memset (bitmap, 0, sizeof (guint32) * SIDE);

  for (int cy = 0; cy < CELLS; cy++)
    for (int cx = 0; cx < CELLS; cx++)
      {
        int n = count[cy][cx];
        float across[3][BLOCK], key[BLOCK * BLOCK];
        int order[BLOCK * BLOCK];

        if (n == 0)
          continue;
        if (n == BLOCK * BLOCK)
          {
            for (int j = 0; j < BLOCK; j++)
              bitmap[cy * BLOCK + j] |= 0xfu << (cx * BLOCK);
            continue;
          }

        /* Each pixel's key: the bilinear surface (edges clamped), so a
         * block's ink leans towards its inked neighbours and a stroke
         * stays joined; ties go to the pixels nearer the block's centre. */
        for (int r = 0; r < 3; r++)
          {
            const int *row = count[CLAMP (cy + r - 1, 0, CELLS - 1)];
            float before = row[MAX (cx - 1, 0)], cell = row[cx], after = row[MIN (cx + 1, CELLS - 1)];

            for (int i = 0; i < BLOCK; i++)
              across[r][i] = tent[i][0] * before + tent[i][1] * cell + tent[i][2] * after;
          }
        for (int j = 0; j < BLOCK; j++)
          for (int i = 0; i < BLOCK; i++)
            {
              float di = i - 1.5f, dj = j - 1.5f;

              key[j * BLOCK + i] = tent[j][0] * across[0][i] + tent[j][1] * across[1][i]
                                   + tent[j][2] * across[2][i] - 1e-3f * (di * di + dj * dj);
            }

        /* the n largest keys get ink (equal keys: the earlier pixel first):
         * an insertion sort of the 16, largest first */
        for (int p = 0; p < BLOCK * BLOCK; p++)
          {
            int q = p;

            for (; q > 0 && key[order[q - 1]] < key[p]; q--)
              order[q] = order[q - 1];
            order[q] = p;
          }
        for (int k = 0; k < n; k++)
          bitmap[cy * BLOCK + order[k] / BLOCK] |= 1u << (cx * BLOCK + order[k] % BLOCK);
      }
}

/* hat[k][u]: the weight of elastic control column k (at 0, 32/3, 64/3 and
 * 32 pixels) at the centre of pixel column u, (u + ½)·3/32 − k off it —
 * bilinear interpolation's tent. The same for rows. Exact in binary
 * (multiples of 1/64). */
static const float hat[GRID][SIDE] __attribute__ ((aligned (32))) = {
  { 0.953125f, 0.859375f, 0.765625f, 0.671875f, 0.578125f, 0.484375f, 0.390625f, 0.296875f,
    0.203125f, 0.109375f, 0.015625f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
  { 0.046875f, 0.140625f, 0.234375f, 0.328125f, 0.421875f, 0.515625f, 0.609375f, 0.703125f,
    0.796875f, 0.890625f, 0.984375f, 0.921875f, 0.828125f, 0.734375f, 0.640625f, 0.546875f,
    0.453125f, 0.359375f, 0.265625f, 0.171875f, 0.078125f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
  { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.078125f, 0.171875f, 0.265625f, 0.359375f, 0.453125f,
    0.546875f, 0.640625f, 0.734375f, 0.828125f, 0.921875f, 0.984375f, 0.890625f, 0.796875f,
    0.703125f, 0.609375f, 0.515625f, 0.421875f, 0.328125f, 0.234375f, 0.140625f, 0.046875f },
  { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.015625f, 0.109375f,
    0.203125f, 0.296875f, 0.390625f, 0.484375f, 0.578125f, 0.671875f, 0.765625f, 0.859375f,
    0.953125f },
};

/* GCC vector extensions, as in cnn-layer.c: one source for every ISA that
 * target_clones builds (a v8f is one AVX register or two SSE ones). */
typedef float   v8f  __attribute__ ((vector_size (32)));
typedef gint32  v8i  __attribute__ ((vector_size (32)));
typedef guint32 v8u  __attribute__ ((vector_size (32)));
typedef float   v8fu __attribute__ ((vector_size (32), aligned (4), may_alias));

/* r[i] = v[idx[i] % 8]. GCC's __builtin_shuffle takes a variable mask;
 * clang has no such builtin (its __builtin_shufflevector, which the
 * constant shuffles below use, takes constants only), so for clang — the
 * fuzz build — it is a loop. */
static inline __attribute__ ((always_inline)) v8u
permute8 (v8u v,
          v8u idx)
{
#if defined(__clang__)
  v8u r;

  for (int i = 0; i < 8; i++)
    r[i] = v[idx[i] & 7];
  return r;
#else
  return __builtin_shuffle (v, idx);
#endif
}

#define LOAD8F(p) (*(const v8fu *) (p))

/* lanes where mask is set take a, the others b (mask lanes all 1s or 0s) */
static inline __attribute__ ((always_inline)) v8f
select8 (v8i mask, v8f a, v8f b)
{
  return (v8f) (((v8i) a & mask) | ((v8i) b & ~mask));
}

/* The four 4-bit groups of x, each replaced by its number of set bits:
 * bytes of the result hold the counts of nibbles 0, 2, 4, 6 (low nibbles)
 * and, shifted, 1, 3, 5, 7 — see count_blocks(). */
static inline guint32
nibble_counts (guint32 x)
{
  x = x - ((x >> 1) & 0x55555555u);
  return (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
}

/* The hot part of a render, one function so target_clones builds all of it
 * for wide vectors. For each output pixel (u, v): its source position is
 * origin + u·(m00, m10) + v·(m01, m11) plus the elastic field, which is
 * bilinear between the 4×4 control points: with hat[k][u] the weight of
 * control column k at pixel column u, row v's field is Σ_k r_k·hat[k][u]
 * where r_k = Σ_j hat[j][v]·ctl[j][k] (the same table serves rows and
 * columns). Eight pixels at a time; their bit
 * lookups are permutes, not loads: the bitmap's 32 rows are four vectors
 * of 8, and lane l takes row iy[l] from the one that holds it (one vpermd
 * each with AVX2) and shifts it by ix[l]. The pixel takes the lifted
 * bitmap's bit there (nearest: a binary image stays binary); each output
 * row is packed into a word again, so the strokes are thinned or thickened
 * (2×2 min or max over (u, v)…(u + 1, v + 1), empty outside) and the ink
 * counted per 4×4 block (into counts[64]) with word operations. Returns the
 * total ink. */
CNN_HOT static guint
render_hot (const float    m[2][2],
            const float    origin[2],
            const float    ctl_x[GRID][GRID],
            const float    ctl_y[GRID][GRID],
            const guint32 *bitmap,
            int            width,
            guint8         counts[CNN_INPUT_SIZE])
{
  guint32 out[SIDE + 1];   /* one empty row below: the 2×2 filter's outside */
  const v8f iota = { 0, 1, 2, 3, 4, 5, 6, 7 };
  const v8u lane = { 0, 1, 2, 3, 4, 5, 6, 7 };
  const v8f lo = { -60, -60, -60, -60, -60, -60, -60, -60 };
  const v8f hi = { 90, 90, 90, 90, 90, 90, 90, 90 };
  v8u rows[SIDE / 8];
  guint total = 0;

  /* r_k for every row at once: rx[k][v] = Σ_j hat[j][v]·ctl[j][k] */
  v8f rx[GRID][SIDE / 8], ry[GRID][SIDE / 8];

  memcpy (rows, bitmap, sizeof rows);
  for (int k = 0; k < GRID; k++)
    for (int q = 0; q < SIDE / 8; q++)
      {
        v8f h0 = LOAD8F (hat[0] + 8 * q), h1 = LOAD8F (hat[1] + 8 * q);
        v8f h2 = LOAD8F (hat[2] + 8 * q), h3 = LOAD8F (hat[3] + 8 * q);

        rx[k][q] = ctl_x[0][k] * h0 + ctl_x[1][k] * h1 + ctl_x[2][k] * h2 + ctl_x[3][k] * h3;
        ry[k][q] = ctl_y[0][k] * h0 + ctl_y[1][k] * h1 + ctl_y[2][k] * h2 + ctl_y[3][k] * h3;
      }

  for (int v = 0; v < SIDE; v++)
    {
      const float bx = origin[0] + m[0][1] * v;
      const float by = origin[1] + m[1][1] * v;
      const float rx0 = rx[0][v / 8][v % 8], rx1 = rx[1][v / 8][v % 8];
      const float rx2 = rx[2][v / 8][v % 8], rx3 = rx[3][v / 8][v % 8];
      const float ry0 = ry[0][v / 8][v % 8], ry1 = ry[1][v / 8][v % 8];
      const float ry2 = ry[2][v / 8][v % 8], ry3 = ry[3][v / 8][v % 8];
      v8u packed = { 0 };

      for (int u0 = 0; u0 < SIDE; u0 += 8)
        {
          v8f h0 = LOAD8F (hat[0] + u0), h1 = LOAD8F (hat[1] + u0);
          v8f h2 = LOAD8F (hat[2] + u0), h3 = LOAD8F (hat[3] + u0);
          v8f uf = iota + (float) u0;
          v8f sx = bx + m[0][0] * uf + (rx0 * h0 + rx1 * h1 + rx2 * h2 + rx3 * h3);
          v8f sy = by + m[1][0] * uf + (ry0 * h0 + ry1 * h1 + ry2 * h2 + ry3 * h3);
          v8i ix, iy, inside, quarter;
          v8u word;

          /* floor for anything above −64, and no overflow converting */
          sx = select8 (sx < lo, lo, select8 (sx > hi, hi, sx));
          sy = select8 (sy < lo, lo, select8 (sy > hi, hi, sy));
          ix = __builtin_convertvector (sx + 64.0f, v8i) - 64;
          iy = __builtin_convertvector (sy + 64.0f, v8i) - 64;
          inside = ((v8u) ix < (guint32) SIDE) & ((v8u) iy < (guint32) SIDE);
          ix &= SIDE - 1;
          quarter = (iy >> 3) & 3;
          iy &= 7;
          word = (permute8 (rows[0], (v8u) iy) & (v8u) (quarter == 0))
                 | (permute8 (rows[1], (v8u) iy) & (v8u) (quarter == 1))
                 | (permute8 (rows[2], (v8u) iy) & (v8u) (quarter == 2))
                 | (permute8 (rows[3], (v8u) iy) & (v8u) (quarter == 3));
          /* pixel u0 + l's bit, moved to bit u0 + l of lane l */
          packed |= ((word >> (v8u) ix) & (v8u) inside & 1) << (lane + (guint32) u0);
        }
      /* OR the eight lanes together: the row's 32 pixels, bit u = pixel u */
      packed |= __builtin_shufflevector (packed, packed, 4, 5, 6, 7, 0, 1, 2, 3);
      packed |= __builtin_shufflevector (packed, packed, 2, 3, 0, 1, 6, 7, 4, 5);
      packed |= __builtin_shufflevector (packed, packed, 1, 0, 3, 2, 5, 4, 7, 6);
      out[v] = packed[0];
    }
  out[SIDE] = 0;

  if (width != 0)
    {
      guint32 stroked[SIDE];
      guint before = 0, after = 0;

      for (int v = 0; v < SIDE; v++)
        {
          /* bit u of x >> 1 is pixel u + 1 (0 past the right edge) */
          guint32 a = out[v], b = out[v + 1];

          stroked[v] = width > 0 ? (a | a >> 1 | b | b >> 1) : (a & a >> 1 & b & b >> 1);
          before += (guint) __builtin_popcount (a);
          after += (guint) __builtin_popcount (stroked[v]);
        }
      /* a thin stroke thinned would vanish: then it keeps its width */
      if (width > 0 || 2 * after >= before)
        memcpy (out, stroked, sizeof stroked);
    }

  for (int cy = 0; cy < CELLS; cy++)
    {
      /* per row, each nibble's count (≤ 4); the even nibbles' and the odd
       * nibbles' summed over the block's four rows in bytes (≤ 16) */
      guint32 even = 0, odd = 0;

      for (int j = 0; j < BLOCK; j++)
        {
          guint32 n = nibble_counts (out[cy * BLOCK + j]);

          even += n & 0x0f0f0f0fu;
          odd += (n >> 4) & 0x0f0f0f0fu;
        }
      for (int q = 0; q < 4; q++)
        {
          guint8 ce = (guint8) (even >> (8 * q)), co = (guint8) (odd >> (8 * q));

          counts[cy * CELLS + 2 * q] = ce;
          counts[cy * CELLS + 2 * q + 1] = co;
          total += ce + co;
        }
    }
  return total;
}

gboolean
cnn_augment_render (const CnnAugmentParams *p,
                    const guint32           bitmap[SIDE],
                    float                  *out)
{
  float m[2][2], origin[2];
  float c, s, f00, f01, f10, f11, det;
  guint8 counts[CNN_INPUT_SIZE];
  const float centre = SIDE / 2.0f;
  const float tx = p->dx * BLOCK, ty = p->dy * BLOCK;

  g_return_val_if_fail (p != NULL && bitmap != NULL && out != NULL, FALSE);

  /* The digit's map F = rotation · shear · scale about the centre, then the
   * translation; each output pixel looks up F⁻¹ (q − centre − t) + centre.
   * Anticlockwise on screen, with y down, is [[c, s], [−s, c]]. */
  c = cosf (p->rotation * (float) (G_PI / 180.0));
  s = sinf (p->rotation * (float) (G_PI / 180.0));
  f00 = c * p->scale_x;
  f01 = (c * p->shear + s) * p->scale_y;
  f10 = -s * p->scale_x;
  f11 = (-s * p->shear + c) * p->scale_y;
  det = f00 * f11 - f01 * f10;
  if (!(fabsf (det) > 1e-6f))
    return FALSE;
  m[0][0] = f11 / det;
  m[0][1] = -f01 / det;
  m[1][0] = -f10 / det;
  m[1][1] = f00 / det;
  /* the source of pixel (0, 0)'s centre */
  origin[0] = m[0][0] * (0.5f - centre - tx) + m[0][1] * (0.5f - centre - ty) + centre;
  origin[1] = m[1][0] * (0.5f - centre - tx) + m[1][1] * (0.5f - centre - ty) + centre;

  G_STATIC_ASSERT (GRID == 4 && SIDE == 32);

  if (render_hot ((const float (*)[2]) m, origin, (const float (*)[GRID]) p->elastic_x, (const float (*)[GRID]) p->elastic_y,
                  bitmap, p->width, counts) == 0)
    return FALSE;
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    out[i] = counts[i] / 16.0f;
  return TRUE;
}

void
cnn_augment_image (const CnnAugmentRanges *ranges,
                   guint64                 seed,
                   const float            *in,
                   float                  *out)
{
  guint32 bitmap[SIDE];
  CnnAugmentParams params;
  CnnRng rng;

  g_return_if_fail (ranges != NULL && in != NULL && out != NULL);

  cnn_rng_init (&rng, seed);
  if (cnn_augment_draw (ranges, &rng, &params))
    {
      cnn_augment_lift (in, bitmap);
      if (cnn_augment_render (&params, bitmap, out))
        return;
    }
  if (out != in)
    memmove (out, in, sizeof (float) * CNN_INPUT_SIZE);
}

void
cnn_augment_example (CnnAugment   mode,
                     guint64      seed,
                     const float *in,
                     float       *out)
{
  CnnAugmentRanges ranges;
  CnnRng rng;
  float src[CNN_INPUT_SIZE];
  const float *x;

  g_return_if_fail (in != NULL && out != NULL);

  memcpy (src, in, sizeof src);
  switch (mode)
    {
    case CNN_AUGMENT_FULL:
      cnn_augment_ranges_init_default (&ranges);
      cnn_augment_image (&ranges, seed, src, out);
      return;
    case CNN_AUGMENT_SHIFT:
      cnn_rng_init (&rng, seed);
      x = cnn_augment_shift (src, &rng, out);
      break;
    case CNN_AUGMENT_NONE:
    default:
      x = src;
      break;
    }
  if (x != out)
    memcpy (out, x, sizeof src);
}

/* The "shift" mode, as the trainer had it */

void
cnn_shift_image (const float *src,
                 float       *dst,
                 int          dx,
                 int          dy)
{
  for (int y = 0; y < CNN_INPUT_H; y++)
    for (int x = 0; x < CNN_INPUT_W; x++)
      {
        int sx = x - dx, sy = y - dy;

        dst[y * CNN_INPUT_W + x] =
          (sx >= 0 && sx < CNN_INPUT_W && sy >= 0 && sy < CNN_INPUT_H) ? src[sy * CNN_INPUT_W + sx] : 0.0f;
      }
}

/* Resamples src stretched by (sx, sy) about the image centre, bilinearly:
 * people draw digits wider, narrower, taller than the dataset's writers. */
static void
scale_image (const float *src,
             float       *dst,
             float        sx,
             float        sy)
{
  const float cx = (CNN_INPUT_W - 1) / 2.0f, cy = (CNN_INPUT_H - 1) / 2.0f;

  for (int y = 0; y < CNN_INPUT_H; y++)
    for (int x = 0; x < CNN_INPUT_W; x++)
      {
        float fx = (x - cx) / sx + cx, fy = (y - cy) / sy + cy;
        int x0 = (int) floorf (fx), y0 = (int) floorf (fy);
        float ax = fx - x0, ay = fy - y0, v = 0.0f;

        for (int dy = 0; dy < 2; dy++)
          for (int dx = 0; dx < 2; dx++)
            {
              int xx = x0 + dx, yy = y0 + dy;

              if (xx >= 0 && xx < CNN_INPUT_W && yy >= 0 && yy < CNN_INPUT_H)
                v += (dx ? ax : 1 - ax) * (dy ? ay : 1 - ay) * src[yy * CNN_INPUT_W + xx];
            }
        dst[y * CNN_INPUT_W + x] = v;
      }
}

const float *
cnn_augment_shift (const float *in,
                   CnnRng      *rng,
                   float       *out)
{
  const float *x = in;
  float copy[CNN_INPUT_SIZE];

  g_return_val_if_fail (in != NULL && rng != NULL && out != NULL, in);

  /* Half of the samples shifted (shifting all of them costs about a point
   * of test accuracy on this small network and data), half stretched by
   * up to ±15 % in x and y. The order of the draws is the trainer's of
   * before: a "shift" run is the same run it always was. */
  if (cnn_rng_below (rng, 2) == 0)
    {
      int dx = (int) cnn_rng_below (rng, 3) - 1;
      int dy = (int) cnn_rng_below (rng, 3) - 1;

      cnn_shift_image (x, out, dx, dy);
      x = out;
    }
  if (cnn_rng_below (rng, 2) == 0)
    {
      float sx = 0.85f + 0.3f * cnn_rng_uniform (rng);
      float sy = 0.85f + 0.3f * cnn_rng_uniform (rng);

      if (x == out)
        {
          memcpy (copy, out, sizeof copy);
          x = copy;
        }
      scale_image (x, out, sx, sy);
      x = out;
    }
  return x;
}

/* Over a data set */

struct _CnnAugmenter {
  const CnnDataset *ds;
  CnnAugment        mode;
  CnnAugmentRanges  ranges;
  guint32          *lifted;   /* full: [ds->n][SIDE], each lifted when first drawn */
  guint8           *is_lifted; /* full: [ds->n] */
};

CnnAugmenter *
cnn_augmenter_new (const CnnDataset       *ds,
                   CnnAugment              mode,
                   const CnnAugmentRanges *ranges)
{
  CnnAugmenter *a;

  g_return_val_if_fail (ds != NULL, NULL);
  g_return_val_if_fail (mode == CNN_AUGMENT_NONE || mode == CNN_AUGMENT_SHIFT
                        || mode == CNN_AUGMENT_FULL, NULL);

  a = g_new0 (CnnAugmenter, 1);
  a->ds = ds;
  a->mode = mode;
  if (ranges != NULL)
    a->ranges = *ranges;
  else
    cnn_augment_ranges_init_default (&a->ranges);
  if (mode == CNN_AUGMENT_FULL)
    {
      /* lifted on first use (~5 µs a sample), so making one costs the
       * caller — often the UI thread, making a worker — nothing */
      a->lifted = g_new (guint32, MAX (ds->n, 1) * SIDE);
      a->is_lifted = g_new0 (guint8, MAX (ds->n, 1));
    }
  return a;
}

void
cnn_augmenter_free (CnnAugmenter *a)
{
  if (a == NULL)
    return;
  g_free (a->lifted);
  g_free (a->is_lifted);
  g_free (a);
}

const float *
cnn_augmenter_sample (CnnAugmenter *a,
                      gsize         index,
                      CnnRng       *rng,
                      float        *out)
{
  const float *x;

  g_return_val_if_fail (a != NULL && rng != NULL && out != NULL, NULL);
  g_return_val_if_fail (index < a->ds->n, NULL);

  x = a->ds->x + index * CNN_INPUT_SIZE;
  switch (a->mode)
    {
    case CNN_AUGMENT_SHIFT:
      return cnn_augment_shift (x, rng, out);
    case CNN_AUGMENT_FULL:
      {
        /* a generator of the sample's own, seeded from the trainer's:
         * the same two draws per sample whatever the distortion uses */
        guint64 seed = (guint64) cnn_rng_next (rng) << 32 | cnn_rng_next (rng);
        CnnAugmentParams params;
        CnnRng own;

        cnn_rng_init (&own, seed);
        if (!a->is_lifted[index])
          {
            cnn_augment_lift (x, a->lifted + index * SIDE);
            a->is_lifted[index] = TRUE;
          }
        if (cnn_augment_draw (&a->ranges, &own, &params)
            && cnn_augment_render (&params, a->lifted + index * SIDE, out))
          return out;
        return x;
      }
    case CNN_AUGMENT_NONE:
    default:
      return x;
    }
}
