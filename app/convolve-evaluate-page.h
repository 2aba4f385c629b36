/* convolve-evaluate-page.h — how often the network is right, and where not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows the session: the shown network's weights scored on a set of
 * digits (the shipped test split, or the user's samples), as accuracy, a
 * confusion matrix, per-class precision and recall, and a gallery of the
 * digits it gets wrong. Scored in a thread, again when the weights change
 * (at most once a second while they keep changing), and only while the
 * page is on screen.
 */
#pragma once

#include <adwaita.h>

#include "convolve-confusion-matrix.h"
#include "convolve-session.h"

G_BEGIN_DECLS

typedef enum {
  CONVOLVE_EVALUATE_TEST,     /* the shipped test split: scores comparable */
  CONVOLVE_EVALUATE_SAMPLES,  /* the user's own labelled drawings */
} ConvolveEvaluateSet;

/* A new score while one is shown comes a part a frame (the texts, the
 * matrix, the bars, the gallery), the gallery with at most this many
 * digits it did not show before in one frame */
#define CONVOLVE_EVALUATE_PAGE_NEW_PER_FRAME 24

#define CONVOLVE_TYPE_EVALUATE_PAGE (convolve_evaluate_page_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveEvaluatePage, convolve_evaluate_page, CONVOLVE, EVALUATE_PAGE, GtkWidget)

ConvolveSession *convolve_evaluate_page_get_session (ConvolveEvaluatePage *self);
void             convolve_evaluate_page_set_session (ConvolveEvaluatePage *self,
                                                     ConvolveSession      *session);
/* The user's samples (nullable: none), copied; scored when chosen */
void             convolve_evaluate_page_set_samples (ConvolveEvaluatePage *self,
                                                     const CnnDataset     *samples);
void             convolve_evaluate_page_set_set     (ConvolveEvaluatePage *self,
                                                     ConvolveEvaluateSet   set);
/* The last score shown (NULL before the first), valid until the next */
const CnnEvaluation *convolve_evaluate_page_get_evaluation (ConvolveEvaluatePage *self);
GtkMenuButton       *convolve_evaluate_page_get_help_button (ConvolveEvaluatePage *self);
/* Whether a score is being computed or due */
gboolean         convolve_evaluate_page_get_busy    (ConvolveEvaluatePage *self);
/* The gallery's filter: the pair of a confusion matrix cell, or (−1, −1) */
void             convolve_evaluate_page_set_filter  (ConvolveEvaluatePage *self,
                                                     int                   truth,
                                                     int                   predicted);
ConvolveConfusionMatrix *convolve_evaluate_page_get_matrix (ConvolveEvaluatePage *self);
/* Digits in the gallery now; the i-th's index in the scored set */
guint            convolve_evaluate_page_get_n_shown (ConvolveEvaluatePage *self);
gsize            convolve_evaluate_page_get_shown   (ConvolveEvaluatePage *self, guint i);
/* The i-th digit's item (a button holding its map and caption), and how
 * many items the gallery has made, shown or kept in reserve */
GtkWidget       *convolve_evaluate_page_get_item    (ConvolveEvaluatePage *self, guint i);
guint            convolve_evaluate_page_get_n_items (ConvolveEvaluatePage *self);
guint            convolve_evaluate_page_get_n_visible_items (ConvolveEvaluatePage *self);
/* Activates the i-th digit of the gallery, as a click does */
void             convolve_evaluate_page_activate_shown (ConvolveEvaluatePage *self, guint i);

/* Signal "load-digit" (gpointer values: 64 floats 0..1): a gallery digit
 * was clicked; the window puts it on the grid */

G_END_DECLS
