/* cnn-classic.h — hand-crafted 3×3 filters beside the learned ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The question the Filters page answers: how is what a CNN learns like the
 * filters of traditional computer vision, and how is it different? This is
 * the engine's half: a fixed bank of 12 classic 3×3 kernels, the best match
 * of a learned kernel among them, the bank's own feature maps on a drawing,
 * and an experiment that trains the digits network once with its first
 * layer frozen to the bank and once fully learned.
 *
 * Kernels are 9 floats, row-major [ky][kx], x right and y down as on screen;
 * a filter's response at (y, x) is Σ kernel[ky][kx] · in[y + ky − 1][x + kx − 1]
 * (correlation, as the network's conv layers compute it). The bank, in
 * order (index: id — values, rows top to bottom):
 *
 *    0 sobel-x    −1 0 1 / −2 0 2 / −1 0 1     brightness rising to the right
 *    1 sobel-y    −1 −2 −1 / 0 0 0 / 1 2 1     brightness rising downwards
 *    2 prewitt-x  −1 0 1 / −1 0 1 / −1 0 1
 *    3 prewitt-y  −1 −1 −1 / 0 0 0 / 1 1 1
 *    4 laplacian  0 1 0 / 1 −4 1 / 0 1 0       blobs and line ends (negative on a dot)
 *    5 box        1/9 everywhere               blur: the local mean
 *    6 sharpen    0 −1 0 / −1 5 −1 / 0 −1 0
 *    7 gabor-0    an even (cosine) Gabor whose wave runs along x: finds
 *                 vertical lines
 *    8 gabor-45   wave running up and to the right: finds “\” lines
 *    9 gabor-90   wave running along y: finds horizontal lines
 *   10 gabor-135  wave running up and to the left: finds “/” lines
 *   11 identity   0 0 0 / 0 1 0 / 0 0 0
 *
 * The Gabor kernels are g(u, v) = exp (−(u² + v²) / 2σ²) · cos (2π a / λ)
 * sampled at u, v ∈ {−1, 0, 1} (u right, v down), a = u cos θ − v sin θ the
 * distance along the wave (θ anticlockwise from x as seen on screen),
 * σ = 1 cell, λ = 2√2 cells, minus their mean so a flat patch gives 0,
 * rounded to 4 decimals; cnn-classic.c has the numbers, and a test checks
 * them against the formula. The other kernels are the textbook ones,
 * unscaled, so their values are the ones people know.
 *
 * The ids are stable ASCII names for files, scripts and settings; a UI
 * shows its own translated names.
 */
#pragma once

#include <gio/gio.h>

#include "cnn-dataset.h"
#include "cnn-net.h"
#include "cnn-trainer.h"

G_BEGIN_DECLS

#define CNN_CLASSIC_N    12
#define CNN_CLASSIC_SIZE 3                                    /* 3×3 */
#define CNN_CLASSIC_TAPS (CNN_CLASSIC_SIZE * CNN_CLASSIC_SIZE) /* 9 */

/* The id of classic filter index ("sobel-x", …), NULL out of range. */
const char  *cnn_classic_id      (int index);
/* The index of id, −1 when there is no such filter. */
int          cnn_classic_lookup  (const char *id);
/* Its 9 values (row-major), static; NULL out of range. */
const float *cnn_classic_kernel  (int index);

/* Cosine similarity of two kernels of n values: a·b / (‖a‖ ‖b‖), in
 * −1..1; 0 when either is all zeros. Computed in double. */
double       cnn_kernel_cosine   (const float *a, const float *b, int n);

/* The classic filter most like kernel (9 values) by |cosine|, the first on
 * a tie; similarity (nullable) gets the signed cosine, so −0.97 is a
 * sign-flipped Sobel x. −1 (similarity 0) for a kernel of zeros. */
int          cnn_classic_match   (const float *kernel, double *similarity);

/* The bank's feature maps on an 8×8 input, as a conv layer with the 12
 * classic kernels would make them: zero padding pad on each side (1 for
 * “same”, 0 for “valid”, as the network's conv 1 has it, layer->pad), no
 * bias and no ReLU, so the maps are signed. out is HWC, like every
 * activation in the engine: [out_h][out_w][CNN_CLASSIC_N] with
 * out_h = out_w = 8 + 2·pad − 2 (see cnn_classic_maps_shape). */
CnnShape     cnn_classic_maps_shape (int pad);
void         cnn_classic_feature_maps (const float *input, int pad, float *out);

/* ---- the frozen-bank experiment ------------------------------------------
 *
 * The classic variant of a network: its first layer replaced by a 3×3
 * convolution to 12 channels with the same padding (for the digits network
 * "conv3x3x12 relu pool2 conv3x3x16 relu pool2 flatten dense10 softmax"),
 * the rest unchanged. It exists only when the first layer is a 3×3
 * convolution of the drawing (one input channel); otherwise these fail
 * with CNN_ERROR_SPEC and a message (translated) saying why, for the UI
 * to show as the reason the experiment is unavailable. */
gboolean     cnn_classic_available   (const CnnNet *net, GError **error);
/* The variant's normalised spec (free it), or NULL with the error above. */
char        *cnn_classic_variant_spec (const CnnNet *net, GError **error);
/* A new network of the variant's spec with zero weights, or NULL. */
CnnNet      *cnn_classic_variant_new (const CnnNet *net, GError **error);
/* Copies the bank into the weights of conv layer, which must be 3×3 from
 * one channel to 12 (weights [ky][kx][1][12]: filter f is bank index f);
 * leaves its biases alone. */
void         cnn_classic_set_bank    (CnnNet *net, int layer);

typedef struct {
  int    run;            /* 0: first layer frozen to the bank; 1: fully learned */
  int    epoch;          /* 1-based, the epoch of that run just finished */
  int    epochs;         /* per run (config->epochs) */
  double fraction;       /* of the whole experiment done, 0..1 */
  float  test_accuracy;  /* of this run after this epoch */
} CnnClassicProgress;

/* Called at the end of every epoch of either run, on the thread running
 * the experiment. */
typedef void (*CnnClassicProgressFunc) (const CnnClassicProgress *progress, gpointer user_data);

typedef struct {
  double frozen_accuracy;   /* test accuracy, conv 1 = the bank (biases learned) */
  double learned_accuracy;  /* test accuracy, every weight learned */
} CnnClassicResult;

/* Trains net's classic variant twice with config (epochs, optimizer,
 * augmentation, seed, …) on train, and tests each on test: once with the
 * first layer's weights frozen to the bank (cnn_trainer_freeze: its
 * biases and every other layer learned), once fully learned from the same
 * initial weights (He, seeded with config->seed; the frozen run's first
 * layer then set to the bank) and the same order of samples; the share
 * config->validation holds out is not trained on, as in any run, and no
 * temperature is fitted (it changes no answer). net itself is
 * only read (its spec), so it can be used on another thread meanwhile if
 * nobody changes its layers; train and test must stay alive and unchanged.
 * Made to run in a GTask thread: cancellable is checked every mini-batch
 * (G_IO_ERROR_CANCELLED), progress (nullable) at every epoch's end.
 * FALSE with CNN_ERROR_SPEC when the variant does not exist, CNN_ERROR_DATA
 * when the data does not fit, CNN_ERROR_DIVERGED when a run diverges. */
gboolean     cnn_classic_experiment  (const CnnNet *net, const CnnDataset *train,
                                      const CnnDataset *test, const CnnTrainConfig *config,
                                      CnnClassicProgressFunc progress, gpointer user_data,
                                      GCancellable *cancellable, CnnClassicResult *result,
                                      GError **error);

G_END_DECLS
