/* cnn-augment.h — random distortions of training digits, made the way the
 * data set was made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The UCI digits were scanned as 32×32 binary bitmaps whose ink was counted
 * in 4×4 blocks (0..16 per cell). Full augmentation undoes that and does it
 * again, so a distorted digit is one the same pipeline could have made:
 *
 *   lift    8×8 → 32×32: the bilinear surface of the 8×8 values decides
 *           which pixels of each 4×4 block carry ink, and exactly as many
 *           of them as the block's count (the brightest first), so counting
 *           again gives the sample back unchanged
 *   warp    a random affine map — rotation, scale, aspect, shear,
 *           translation — plus a smooth random elastic displacement (a
 *           4×4 grid of random shifts, interpolated bilinearly), sampled at
 *           each output pixel's centre from the lifted bitmap
 *   width   the strokes thinned, kept or thickened by one 32×32 pixel
 *           (a 2×2 min or max filter)
 *   count   the ink in 4×4 blocks again: 0..16, then /16 as the data set
 *           stores it
 *
 * Everything works on fixed-size arrays on the stack: nothing here
 * allocates except cnn_augmenter_new(), which lifts a whole data set once.
 * Bitmaps are 32 rows of 32 bits; bit u of row v is the pixel (u, v), x
 * right and y down as on screen.
 */
#pragma once

#include <glib.h>

#include "cnn-rng.h"

G_BEGIN_DECLS

typedef struct _CnnDataset CnnDataset;

typedef enum {
  CNN_AUGMENT_NONE,   /* every sample as it is */
  CNN_AUGMENT_SHIFT,  /* half the samples shifted by −1..+1 cell in x and y,
                       * half stretched by 0.85..1.15 in x and y (on 8×8) */
  CNN_AUGMENT_FULL,   /* the pipeline above */
} CnnAugment;

#define CNN_AUGMENT_N_MODES 3

/* "none", "shift", "full"; NULL for anything else */
const char *cnn_augment_to_string   (CnnAugment mode);
/* FALSE (mode untouched) when name is none of those */
gboolean    cnn_augment_from_string (const char *name, CnnAugment *mode);

#define CNN_AUGMENT_SIDE 32          /* the lifted bitmap is SIDE × SIDE */
#define CNN_AUGMENT_ELASTIC_GRID 4   /* control points of the elastic field per side */

/* How far the distortions of the full pipeline go. Every range is
 * symmetric about "no change"; all at zero, a sample comes back as it was. */
typedef struct {
  float probability;  /* of distorting a sample at all (0..1) */
  float rotation;     /* degrees: uniform in ±rotation */
  float scale;        /* uniform factor 1 ± scale, x and y alike */
  float aspect;       /* x over y: uniform factor 1 ± aspect, split evenly */
  float shear;        /* x += shear · y: uniform in ±shear */
  float translation;  /* cells: uniform in ±translation, x and y apart */
  float elastic;      /* 32×32 pixels: std of each control point's shift */
  float thin;         /* probability of thinning the strokes by a pixel … */
  float thicken;      /* … and of thickening them (the rest are kept) */
} CnnAugmentRanges;

/* rotation 15°, scale 0.2, aspect 0.2, shear 0.3, translation 1 cell, elastic
 * and stroke width as tuned on the head split (cnn-augment.c says how) */
void cnn_augment_ranges_init_default (CnnAugmentRanges *ranges);

/* One draw: the distortion applied to one sample. */
typedef struct {
  float rotation;     /* degrees, anticlockwise as seen on screen */
  float scale_x;      /* the digit's width is multiplied by this … */
  float scale_y;      /* … and its height by this */
  float shear;        /* x += shear · y (about the centre, y down) */
  float dx, dy;       /* cells, right and down */
  float elastic_x[CNN_AUGMENT_ELASTIC_GRID][CNN_AUGMENT_ELASTIC_GRID];  /* [y][x], pixels */
  float elastic_y[CNN_AUGMENT_ELASTIC_GRID][CNN_AUGMENT_ELASTIC_GRID];
  int   width;        /* −1 thin, 0 keep, +1 thicken */
} CnnAugmentParams;

/* No distortion at all */
void cnn_augment_params_init_identity (CnnAugmentParams *params);
/* Draws params within ranges. FALSE (params: the identity) when this
 * sample is to be left as it is (see ranges->probability). */
gboolean cnn_augment_draw (const CnnAugmentRanges *ranges, CnnRng *rng,
                           CnnAugmentParams *params);

/* 64 values 0..1 → the 32×32 bitmap whose 4×4 block counts are
 * round(16 · value). */
void cnn_augment_lift   (const float *in, guint32 bitmap[CNN_AUGMENT_SIDE]);
/* The lifted bitmap, warped, re-stroked and counted: 64 values k/16. FALSE
 * (out untouched) when the distortion left no ink at all. */
gboolean cnn_augment_render (const CnnAugmentParams *params,
                             const guint32 bitmap[CNN_AUGMENT_SIDE], float *out);

/* One image through the whole pipeline, its distortion drawn from a
 * generator seeded with seed: the same seed, the same result. in and out
 * are 64 values and may be the same array. */
void cnn_augment_image  (const CnnAugmentRanges *ranges, guint64 seed,
                         const float *in, float *out);

/* One sample as training in mode might see it, its draws from a generator
 * seeded with seed (the default ranges for full): for showing what a mode
 * does to a drawing. in and out are 64 values and may be the same. */
void cnn_augment_example (CnnAugment mode, guint64 seed, const float *in, float *out);

/* The "shift" mode on 8×8 directly: with even odds shifted by −1..+1 cell
 * in x and y (zero-filled), then with even odds stretched by 0.85..1.15 in
 * x and y about the centre (bilinear). Returns in when neither happened,
 * else out. The draws from rng are the trainer's of before the full
 * pipeline existed, so its runs are reproduced bit for bit. */
const float *cnn_augment_shift (const float *in, CnnRng *rng, float *out);
/* Copies src shifted by (dx, dy) cells into dst (8×8), zero-filling. */
void         cnn_shift_image   (const float *src, float *dst, int dx, int dy);

/* Augmented samples of one data set, drawn in the trainer's hot loop: each
 * sample is lifted once, the first time it is drawn, into storage made
 * with the augmenter (128 bytes a sample), so a sample costs one warp and
 * one count, and nothing is allocated. */
typedef struct _CnnAugmenter CnnAugmenter;

/* ranges NULL: the defaults. Keeps a pointer to ds, which must outlive it. */
CnnAugmenter *cnn_augmenter_new    (const CnnDataset *ds, CnnAugment mode,
                                    const CnnAugmentRanges *ranges);
void          cnn_augmenter_free   (CnnAugmenter *augmenter);
/* Sample index of the data set, augmented: the full pipeline seeds a
 * generator of its own from one draw of rng per sample. Returns the data
 * set's own row when the sample is left as it is, else out (64 values). */
const float  *cnn_augmenter_sample (CnnAugmenter *augmenter, gsize index, CnnRng *rng,
                                    float *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnAugmenter, cnn_augmenter_free)

G_END_DECLS
