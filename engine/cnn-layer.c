/* cnn-layer.c — forward and backward of every layer kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shapes are given as [dim][dim]…, HWC order (see cnn-layer.h). The conv
 * kernels are written with the channel count as a compile-time constant for
 * the common widths (4, 8, 16), so the innermost loop is one or two SIMD
 * vectors with no remainder; other widths take the generic path.
 */
#include "cnn-layer.h"

#include <math.h>
#include <string.h>

#include "cnn-simd.h"

const char *
cnn_layer_kind_name (CnnLayerKind kind)
{
  switch (kind)
    {
    case CNN_LAYER_CONV:    return "conv";
    case CNN_LAYER_RELU:    return "relu";
    case CNN_LAYER_POOL:    return "pool";
    case CNN_LAYER_FLATTEN: return "flatten";
    case CNN_LAYER_DENSE:   return "dense";
    case CNN_LAYER_SOFTMAX: return "softmax";
    default:                return "?";
    }
}

/* GCC vector extensions rather than intrinsics: one source for every ISA
 * target_clones builds (a v8 is one AVX register, or two SSE ones). */
typedef float v8 __attribute__ ((vector_size (32)));
typedef float v8u __attribute__ ((vector_size (32), aligned (4), may_alias));

#define LOAD(p)      (*(const v8u *) (p))
#define STORE(p, v)  (*(v8u *) (p) = (v))

/* Position blocking: 4 output positions at once give 4·NV independent
 * accumulator chains, enough to hide the FMA latency. */
#define PB 4

/* out[p][c] = b[c] + Σ_j col[p][j] · w[j][c]
 * col [P][K], w [K][C], out [P][C], C = 8·NV */
static inline __attribute__ ((always_inline)) void
conv_forward_v8 (int P, int K, const int NV,
                 const float *restrict col, const float *restrict w,
                 const float *restrict b, float *restrict out)
{
  const int C = 8 * NV;
  int p = 0;

  for (; p + PB <= P; p += PB)
    {
      v8 acc[PB][4];
      const float *c0 = col + (gsize) p * K;

      for (int q = 0; q < PB; q++)
        for (int v = 0; v < NV; v++)
          acc[q][v] = LOAD (b + 8 * v);
      for (int j = 0; j < K; j++)
        {
          const float *wj = w + (gsize) j * C;

          for (int v = 0; v < NV; v++)
            {
              const v8 wv = LOAD (wj + 8 * v);

              for (int q = 0; q < PB; q++)
                acc[q][v] += c0[q * K + j] * wv;
            }
        }
      for (int q = 0; q < PB; q++)
        for (int v = 0; v < NV; v++)
          STORE (out + (gsize) (p + q) * C + 8 * v, acc[q][v]);
    }

  for (; p < P; p++)
    {
      v8 acc[4];
      const float *pc = col + (gsize) p * K;

      for (int v = 0; v < NV; v++)
        acc[v] = LOAD (b + 8 * v);
      for (int j = 0; j < K; j++)
        for (int v = 0; v < NV; v++)
          acc[v] += pc[j] * LOAD (w + (gsize) j * C + 8 * v);
      for (int v = 0; v < NV; v++)
        STORE (out + (gsize) p * C + 8 * v, acc[v]);
    }
}

static void
conv_forward_scalar (int P, int K, int C,
                     const float *restrict col, const float *restrict w,
                     const float *restrict b, float *restrict out)
{
  for (int p = 0; p < P; p++)
    {
      float *o = out + (gsize) p * C;

      memcpy (o, b, sizeof (float) * C);
      for (int j = 0; j < K; j++)
        {
          const float v = col[(gsize) p * K + j];
          const float *wj = w + (gsize) j * C;

          for (int c = 0; c < C; c++)
            o[c] += v * wj[c];
        }
    }
}

CNN_HOT static void
conv_forward_dispatch (int P, int K, int C,
                       const float *restrict col, const float *restrict w,
                       const float *restrict b, float *restrict out)
{
  switch (C)
    {
    case 8:  conv_forward_v8 (P, K, 1, col, w, b, out); break;
    case 16: conv_forward_v8 (P, K, 2, col, w, b, out); break;
    case 24: conv_forward_v8 (P, K, 3, col, w, b, out); break;
    case 32: conv_forward_v8 (P, K, 4, col, w, b, out); break;
    default: conv_forward_scalar (P, K, C, col, w, b, out); break;
    }
}

void
cnn_conv_forward (const CnnLayer *l,
                  const float    *w,
                  const float    *b,
                  const float    *in,
                  float          *col,
                  float          *out)
{
  const int P = l->out.h * l->out.w;
  const int K = cnn_layer_patch_size (l);
  const gsize n = (gsize) P * K;
  const guint32 *idx = l->patch_index;

  /* im2col: padding elements point at in[size], which is 0 */
  for (gsize i = 0; i < n; i++)
    col[i] = in[idx[i]];

  conv_forward_dispatch (P, K, l->out.c, col, w, b, out);
}

/* dw[j][c] += Σ_p col[p][j] · dout[p][c];  db[c] += Σ_p dout[p][c]
 * Blocked over 4 patch elements j: 4·NV accumulator chains. */
static inline __attribute__ ((always_inline)) void
conv_backward_params_v8 (int P, int K, const int NV,
                         const float *restrict col, const float *restrict dout,
                         float *restrict dw, float *restrict db)
{
  const int C = 8 * NV;
  int j = 0;

  {
    v8 acc[4];

    for (int v = 0; v < NV; v++)
      acc[v] = LOAD (db + 8 * v);
    for (int p = 0; p < P; p++)
      for (int v = 0; v < NV; v++)
        acc[v] += LOAD (dout + (gsize) p * C + 8 * v);
    for (int v = 0; v < NV; v++)
      STORE (db + 8 * v, acc[v]);
  }

  for (; j + 4 <= K; j += 4)
    {
      v8 acc[4][4];

      for (int q = 0; q < 4; q++)
        for (int v = 0; v < NV; v++)
          acc[q][v] = LOAD (dw + (gsize) (j + q) * C + 8 * v);
      for (int p = 0; p < P; p++)
        {
          const float *pc = col + (gsize) p * K + j;

          for (int v = 0; v < NV; v++)
            {
              const v8 g = LOAD (dout + (gsize) p * C + 8 * v);

              for (int q = 0; q < 4; q++)
                acc[q][v] += pc[q] * g;
            }
        }
      for (int q = 0; q < 4; q++)
        for (int v = 0; v < NV; v++)
          STORE (dw + (gsize) (j + q) * C + 8 * v, acc[q][v]);
    }

  for (; j < K; j++)
    {
      v8 acc[4];

      for (int v = 0; v < NV; v++)
        acc[v] = LOAD (dw + (gsize) j * C + 8 * v);
      for (int p = 0; p < P; p++)
        for (int v = 0; v < NV; v++)
          acc[v] += col[(gsize) p * K + j] * LOAD (dout + (gsize) p * C + 8 * v);
      for (int v = 0; v < NV; v++)
        STORE (dw + (gsize) j * C + 8 * v, acc[v]);
    }
}

static void
conv_backward_params_scalar (int P, int K, int C,
                             const float *restrict col, const float *restrict dout,
                             float *restrict dw, float *restrict db)
{
  for (int p = 0; p < P; p++)
    {
      const float *pc = col + (gsize) p * K;
      const float *g = dout + (gsize) p * C;

      for (int c = 0; c < C; c++)
        db[c] += g[c];
      for (int j = 0; j < K; j++)
        for (int c = 0; c < C; c++)
          dw[(gsize) j * C + c] += pc[j] * g[c];
    }
}

/* Shuffles with constant indices: __builtin_shufflevector, which GCC (12
 * and later) and clang both have, unlike GCC's __builtin_shuffle. */
#define SHUF_LO1(x, y) __builtin_shufflevector (x, y, 0, 8, 1, 9, 4, 12, 5, 13)
#define SHUF_HI1(x, y) __builtin_shufflevector (x, y, 2, 10, 3, 11, 6, 14, 7, 15)
#define SHUF_LO2(x, y) __builtin_shufflevector (x, y, 0, 1, 8, 9, 4, 5, 12, 13)
#define SHUF_HI2(x, y) __builtin_shufflevector (x, y, 2, 3, 10, 11, 6, 7, 14, 15)
#define SHUF_LO3(x, y) __builtin_shufflevector (x, y, 0, 1, 2, 3, 8, 9, 10, 11)
#define SHUF_HI3(x, y) __builtin_shufflevector (x, y, 4, 5, 6, 7, 12, 13, 14, 15)

/* r[q] = Σ lanes of s[q], for q = 0..7: a transpose-and-add in three
 * rounds of shuffles, 14 shuffles and 7 adds for eight sums. */
static inline __attribute__ ((always_inline)) v8
hsum8 (const v8 s[8])
{
  v8 a = SHUF_LO1 (s[0], s[1]) + SHUF_HI1 (s[0], s[1]);
  v8 b = SHUF_LO1 (s[2], s[3]) + SHUF_HI1 (s[2], s[3]);
  v8 c = SHUF_LO1 (s[4], s[5]) + SHUF_HI1 (s[4], s[5]);
  v8 d = SHUF_LO1 (s[6], s[7]) + SHUF_HI1 (s[6], s[7]);
  v8 e = SHUF_LO2 (a, b) + SHUF_HI2 (a, b);
  v8 f = SHUF_LO2 (c, d) + SHUF_HI2 (c, d);

  return SHUF_LO3 (e, f) + SHUF_HI3 (e, f);
}

/* din[idx[p][j]] += Σ_c w[j][c] · dout[p][c] (col2im of dout·wᵀ).
 * Eight patch elements at a time: with 8 input channels they are one tap's
 * channels, contiguous in din unless the tap falls in the padding. */
static inline __attribute__ ((always_inline)) void
conv_backward_input_v8 (int P, int K, const int NV, const guint32 *restrict idx,
                        const float *restrict w, const float *restrict dout,
                        float *restrict din)
{
  const int C = 8 * NV;

  for (int p = 0; p < P; p++)
    {
      const guint32 *ip = idx + (gsize) p * K;
      v8 g[4];
      int j = 0;

      for (int v = 0; v < NV; v++)
        g[v] = LOAD (dout + (gsize) p * C + 8 * v);

      for (; j + 8 <= K; j += 8)
        {
          v8 s[8], r;

          for (int q = 0; q < 8; q++)
            {
              s[q] = g[0] * LOAD (w + (gsize) (j + q) * C);
              for (int v = 1; v < NV; v++)
                s[q] += g[v] * LOAD (w + (gsize) (j + q) * C + 8 * v);
            }
          r = hsum8 (s);
          if (ip[j + 7] == ip[j] + 7)
            STORE (din + ip[j], LOAD (din + ip[j]) + r);
          else
            for (int q = 0; q < 8; q++)
              din[ip[j + q]] += r[q];
        }

      for (; j < K; j++)
        {
          v8 s = g[0] * LOAD (w + (gsize) j * C);

          for (int v = 1; v < NV; v++)
            s += g[v] * LOAD (w + (gsize) j * C + 8 * v);
          din[ip[j]] += ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]));
        }
    }
}

static void
conv_backward_input_scalar (int P, int K, int C, const guint32 *restrict idx,
                            const float *restrict w, const float *restrict dout,
                            float *restrict din)
{
  for (int p = 0; p < P; p++)
    for (int j = 0; j < K; j++)
      {
        float s = 0.0f;

        for (int c = 0; c < C; c++)
          s += w[(gsize) j * C + c] * dout[(gsize) p * C + c];
        din[idx[(gsize) p * K + j]] += s;
      }
}

CNN_HOT static void
conv_backward_dispatch (int P, int K, int C, const guint32 *idx,
                        const float *restrict w, const float *restrict col,
                        const float *restrict dout, float *restrict dw,
                        float *restrict db, float *restrict din)
{
#define CONV_BACKWARD_CASE(NV) \
  conv_backward_params_v8 (P, K, NV, col, dout, dw, db); \
  if (din != NULL) \
    conv_backward_input_v8 (P, K, NV, idx, w, dout, din); \
  break;

  switch (C)
    {
    case 8:  CONV_BACKWARD_CASE (1)
    case 16: CONV_BACKWARD_CASE (2)
    case 24: CONV_BACKWARD_CASE (3)
    case 32: CONV_BACKWARD_CASE (4)
    default:
      conv_backward_params_scalar (P, K, C, col, dout, dw, db);
      if (din != NULL)
        conv_backward_input_scalar (P, K, C, idx, w, dout, din);
      break;
    }
#undef CONV_BACKWARD_CASE
}

void
cnn_conv_backward (const CnnLayer *l,
                   const float    *w,
                   const float    *col,
                   const float    *dout,
                   float          *dw,
                   float          *db,
                   float          *din)
{
  const int P = l->out.h * l->out.w;
  const int K = cnn_layer_patch_size (l);

  /* din[size] is the padding slot: it collects the gradients of the zeros
   * and is ignored */
  if (din != NULL)
    memset (din, 0, sizeof (float) * (cnn_shape_size (l->in) + 1));
  conv_backward_dispatch (P, K, l->out.c, l->patch_index, w, col, dout, dw, db, din);
}

CNN_HOT void
cnn_relu_forward (gsize                 n,
                  const float *restrict in,
                  float       *restrict out)
{
  for (gsize i = 0; i < n; i++)
    out[i] = in[i] > 0.0f ? in[i] : 0.0f;
}

CNN_HOT void
cnn_relu_backward (gsize                 n,
                   const float *restrict out,
                   const float *restrict dout,
                   float       *restrict din)
{
  /* both loads unconditional, so the select vectorises */
  for (gsize i = 0; i < n; i++)
    {
      const float g = dout[i];

      din[i] = out[i] > 0.0f ? g : 0.0f;
    }
}

void
cnn_pool_forward (const CnnLayer *l,
                  const float    *in,
                  float          *out,
                  guint32        *argmax)
{
  const int C = l->in.c;
  const int W = l->in.w;

  for (int oy = 0; oy < l->out.h; oy++)
    for (int ox = 0; ox < l->out.w; ox++)
      {
        const guint32 i00 = (guint32) (((2 * oy) * W + 2 * ox) * C);
        const guint32 i01 = i00 + C;
        const guint32 i10 = i00 + W * C;
        const guint32 i11 = i10 + C;
        float *o = out + (gsize) (oy * l->out.w + ox) * C;
        guint32 *a = argmax + (gsize) (oy * l->out.w + ox) * C;

        /* strict '>' so ties go to the first (top-left) element */
        for (int c = 0; c < C; c++)
          {
            float m = in[i00 + c];
            guint32 k = i00 + c;

            if (in[i01 + c] > m) { m = in[i01 + c]; k = i01 + c; }
            if (in[i10 + c] > m) { m = in[i10 + c]; k = i10 + c; }
            if (in[i11 + c] > m) { m = in[i11 + c]; k = i11 + c; }
            o[c] = m;
            a[c] = k;
          }
      }
}

void
cnn_pool_backward (const CnnLayer *l,
                   const guint32  *argmax,
                   const float    *dout,
                   float          *din)
{
  const gsize n = cnn_shape_size (l->out);

  memset (din, 0, sizeof (float) * cnn_shape_size (l->in));
  for (gsize i = 0; i < n; i++)
    din[argmax[i]] += dout[i];
}

CNN_HOT void
cnn_dense_forward (int          n_in,
                   int          n_out,
                   const float *restrict w,
                   const float *restrict b,
                   const float *restrict in,
                   float       *restrict out)
{
  for (int o = 0; o < n_out; o++)
    {
      const float *wo = w + (gsize) o * n_in;
      float s = 0.0f;

      CNN_SIMD_SUM (s)
      for (int i = 0; i < n_in; i++)
        s += wo[i] * in[i];
      out[o] = s + b[o];
    }
}

CNN_HOT void
cnn_dense_backward (int          n_in,
                    int          n_out,
                    const float *restrict w,
                    const float *restrict in,
                    const float *restrict dout,
                    float       *restrict dw,
                    float       *restrict db,
                    float       *restrict din)
{
  if (din != NULL)
    memset (din, 0, sizeof (float) * n_in);

  for (int o = 0; o < n_out; o++)
    {
      const float g = dout[o];
      const float *wo = w + (gsize) o * n_in;
      float *dwo = dw + (gsize) o * n_in;

      db[o] += g;
      for (int i = 0; i < n_in; i++)
        dwo[i] += g * in[i];
      if (din != NULL)
        for (int i = 0; i < n_in; i++)
          din[i] += g * wo[i];
    }
}

void
cnn_softmax_forward (int          n,
                     const float *logits,
                     float       *probs)
{
  float max = logits[0];
  float sum = 0.0f;

  for (int i = 1; i < n; i++)
    max = logits[i] > max ? logits[i] : max;
  for (int i = 0; i < n; i++)
    {
      probs[i] = expf (logits[i] - max);
      sum += probs[i];
    }
  for (int i = 0; i < n; i++)
    probs[i] /= sum;
}

void
cnn_softmax_forward_scaled (int          n,
                            const float *logits,
                            float        scale,
                            float       *probs)
{
  float max = logits[0];
  float sum = 0.0f;

  /* scale > 0, so the largest logit stays the largest */
  for (int i = 1; i < n; i++)
    max = logits[i] > max ? logits[i] : max;
  for (int i = 0; i < n; i++)
    {
      probs[i] = expf (scale * (logits[i] - max));
      sum += probs[i];
    }
  for (int i = 0; i < n; i++)
    probs[i] /= sum;
}

float
cnn_softmax_xent_backward (int          n,
                           const float *probs,
                           int          label,
                           float       *dlogits)
{
  for (int i = 0; i < n; i++)
    dlogits[i] = probs[i];
  dlogits[label] -= 1.0f;

  /* probs[label] can underflow to 0: clamp so the loss stays finite —
   * but let a NaN through, it is how divergence is noticed */
  if (isnan (probs[label]))
    return probs[label];
  return -logf (MAX (probs[label], 1e-30f));
}
