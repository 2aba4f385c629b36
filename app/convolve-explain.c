/* convolve-explain.c — what each part of a CNN does, said once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-explain.h"

/* The first layer of kind, −1 when there is none */
static int
first_layer (const CnnNet *net,
             CnnLayerKind  kind)
{
  for (int i = 0; net != NULL && i < net->n_layers; i++)
    if (net->layers[i].kind == kind)
      return i;
  return -1;
}

const char *
convolve_topic_title (ConvolveTopic topic)
{
  switch (topic)
    {
    case CONVOLVE_TOPIC_INPUT: return _("The Input");
    case CONVOLVE_TOPIC_FEATURES: return _("Feature Extraction");
    case CONVOLVE_TOPIC_FLATTEN: return _("Flattening");
    case CONVOLVE_TOPIC_HEAD: return _("The Classification Head");
    case CONVOLVE_TOPIC_INVARIANCE: return _("Translation Invariance");
    case CONVOLVE_TOPIC_BACKPROP: return _("Backpropagation in Conv Layers");
    case CONVOLVE_TOPIC_LEARNED: return _("Learned vs Hand-Crafted Features");
    case CONVOLVE_N_TOPICS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
convolve_topic_task (ConvolveTopic topic)
{
  switch (topic)
    {
    case CONVOLVE_TOPIC_INPUT:
      return _("Draw a 1, or pick one from Examples.");
    case CONVOLVE_TOPIC_FEATURES:
      return _("Hover a bright cell of conv 1: which part of your stroke made it?");
    case CONVOLVE_TOPIC_FLATTEN:
      return _("Hover an element of the flatten column to see where it came from.");
    case CONVOLVE_TOPIC_HEAD:
      return _("Draw until another class wins.");
    case CONVOLVE_TOPIC_INVARIANCE:
      return _("Shift your drawing with Shift+arrows, then open the invariance view.");
    case CONVOLVE_TOPIC_BACKPROP:
      return _("Start a slow-motion run and watch dL/d(feature map) flow from the loss back "
               "to the input.");
    case CONVOLVE_TOPIC_LEARNED:
      return _("Compare your filters with the classic ones, then run the frozen-bank experiment.");
    case CONVOLVE_N_TOPICS:
    default:
      g_return_val_if_reached ("");
    }
}

static char *
explain_features (const CnnNet *net)
{
  int conv = first_layer (net, CNN_LAYER_CONV);
  int pool = first_layer (net, CNN_LAYER_POOL);

  if (conv < 0)
    return g_strdup (_("This network has no convolution layer: every output looks at the whole "
                       "input at once, so nothing in it detects a local pattern. Choose the "
                       "Digits network to see feature maps."));
  {
    const CnnLayer *c = &net->layers[conv];
    g_autofree char *first = g_strdup_printf (
      /* Translators: conv 1's filter count and size, then its output's size */
      g_dngettext (GETTEXT_PACKAGE,
                   "Conv 1 slides %d filter of %d×%d weights over the input, making a feature "
                   "map of %d×%d cells: a cell is bright where the filter's pattern is.",
                   "Conv 1 slides %d filters of %d×%d weights over the input, each making a "
                   "feature map of %d×%d cells: a cell is bright where its filter's pattern is.",
                   c->out.c),
      c->out.c, c->k, c->k, c->out.h, c->out.w);
    g_autofree char *pooled = pool < 0 ? g_strdup ("")
      : g_strdup_printf (_(" Max-pooling keeps the largest value of each %d×%d block, so the "
                           "maps shrink to %d×%d and a pattern found one cell further still "
                           "counts."),
                         net->layers[pool].k, net->layers[pool].k, net->layers[pool].out.h,
                         net->layers[pool].out.w);

    return g_strconcat (first,
                        _(" ReLU then keeps the positive values only: \"pattern here\", never "
                          "\"pattern not here\"."),
                        pooled,
                        _(" Deeper convolutions combine the maps below them into patterns of "
                          "patterns: strokes, then corners and loops."),
                        NULL);
  }
}

char *
convolve_topic_explain (ConvolveTopic topic,
                        const CnnNet *net)
{
  switch (topic)
    {
    case CONVOLVE_TOPIC_INPUT:
      return g_strdup_printf (_("The network sees your drawing as %d×%d = %d numbers between 0 "
                                "and 1, one per cell: how much of the cell is ink. With Normalize "
                                "drawing on, the drawing is first scaled and centred the way the "
                                "training digits were made. The input card of the trace shows "
                                "exactly these numbers."),
                              CNN_INPUT_H, CNN_INPUT_W, CNN_INPUT_SIZE);
    case CONVOLVE_TOPIC_FEATURES:
      return explain_features (net);
    case CONVOLVE_TOPIC_FLATTEN:
      {
        int f = first_layer (net, CNN_LAYER_FLATTEN);

        if (f < 0)
          return g_strdup (_("Before the dense layer, the last block of feature maps is laid out "
                             "as one long vector, position by position. Nothing is computed: "
                             "the same numbers, in a line."));
        /* Translators: the block's height, width and channels, then the vector's length */
        return g_strdup_printf (_("The last block of feature maps, %d×%d cells in %d channels, is "
                                  "reshaped into one vector of %d numbers: the 3-D output becomes "
                                  "1-D, position by position. Nothing is computed here; the dense "
                                  "layer after it needs a list, and each element still comes from "
                                  "one cell of one map."),
                                net->layers[f].in.h, net->layers[f].in.w, net->layers[f].in.c,
                                (int) cnn_shape_size (net->layers[f].in));
      }
    case CONVOLVE_TOPIC_HEAD:
      return g_strdup_printf (_("The dense layer weighs every element of the vector into one "
                                "score per class, %d scores in all. Softmax turns the scores into "
                                "probabilities that add up to 1; the largest is the answer. A "
                                "small change to your drawing moves the scores, and sometimes "
                                "another class wins."),
                              net != NULL ? net->n_classes : 10);
    case CONVOLVE_TOPIC_INVARIANCE:
      return g_strdup (_("A convolution applies the same filter at every position, so a pattern "
                         "is found wherever it is: move the input and the feature maps move with "
                         "it. Pooling then forgets a little of where, so the answer changes less "
                         "than the maps. A dense-only network has no such sharing: shifted by one "
                         "cell, the same digit looks new to it."));
    case CONVOLVE_TOPIC_BACKPROP:
      return g_strdup (_("Training compares the answer with the right label (the loss), then the "
                         "chain rule carries dL/d(output) back through each layer: through "
                         "softmax and dense, through max-pooling only to the cell that won, "
                         "through each convolution to every input cell its filter touched. Each "
                         "weight then moves a little against its gradient."));
    case CONVOLVE_TOPIC_LEARNED:
      return g_strdup (_("Alike: the first filters are local detectors of oriented edges and "
                         "blobs, much like Sobel, Prewitt or Gabor filters of classic computer "
                         "vision. Different: they were learned from the data for this task, not "
                         "designed by hand, and they are stacked: conv 2 combines conv 1's maps "
                         "into patterns no classic filter describes. Frozen to the classic bank, "
                         "conv 1 still works, but a network that learns its own does better."));
    case CONVOLVE_N_TOPICS:
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}
