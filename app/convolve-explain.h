/* convolve-explain.h — what each part of a CNN does, said once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson's steps and the Help read the same texts, so an explanation
 * lives in one place. Sizes in them come from the network shown, never
 * from literals. No GTK.
 */
#pragma once

#include "cnn.h"

G_BEGIN_DECLS

typedef enum {
  CONVOLVE_TOPIC_INPUT,       /* 64 numbers between 0 and 1 */
  CONVOLVE_TOPIC_FEATURES,    /* convolution, ReLU, max-pooling */
  CONVOLVE_TOPIC_FLATTEN,     /* the 3-D block becomes one vector */
  CONVOLVE_TOPIC_HEAD,        /* dense and softmax */
  CONVOLVE_TOPIC_INVARIANCE,  /* the same filter everywhere */
  CONVOLVE_TOPIC_BACKPROP,    /* gradients flow back through the layers */
  CONVOLVE_TOPIC_LEARNED,     /* learned vs hand-crafted features */
  CONVOLVE_N_TOPICS
} ConvolveTopic;

/* A heading ("Feature extraction"), translated */
const char *convolve_topic_title   (ConvolveTopic topic);
/* 3–5 sentences, translated, with the sizes of net (nullable: general) */
char       *convolve_topic_explain (ConvolveTopic topic, const CnnNet *net);
/* What to do to see it, one sentence, translated */
const char *convolve_topic_task    (ConvolveTopic topic);

G_END_DECLS
