/* convolve-invariance-window.h — the drawing shifted, and why the answer holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window beside the main one (transient for it, not modal), following
 * its session live: the network's input shifted by −2..+2 cells in x and
 * y as a 5×5 grid of small images (rows DY, columns DX, the centre the
 * input itself), each with the predicted class and its probability,
 * marked ✓/✗ by agreement with the unshifted answer (cnn_invariance_grid);
 * for one chosen shift, (+1, 0) at first, conv 1's maps of the original
 * and the shifted input one above the other, then the pooled maps and the
 * flattened vector, and how much every layer's output changed
 * (cnn_shift_compare); and the same 5×5 grid for the shipped network that
 * has no convolutions (resources/models/dense-only.cnvm).
 */
#pragma once

#include <adwaita.h>

#include "convolve-heatmap.h"
#include "convolve-session.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_INVARIANCE_WINDOW (convolve_invariance_window_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveInvarianceWindow, convolve_invariance_window, CONVOLVE,
                      INVARIANCE_WINDOW, AdwWindow)

/* A window over parent (nullable) showing session's network and input */
GtkWidget       *convolve_invariance_window_new        (GtkWindow       *parent,
                                                        ConvolveSession *session);
ConvolveSession *convolve_invariance_window_get_session (ConvolveInvarianceWindow *self);
void             convolve_invariance_window_set_session (ConvolveInvarianceWindow *self,
                                                         ConvolveSession          *session);

/* The shift taken apart, −2..2 cells right and down (clamped); clicking a
 * cell of the grid sets it */
void             convolve_invariance_window_set_shift  (ConvolveInvarianceWindow *self,
                                                        int dx, int dy);
void             convolve_invariance_window_get_shift  (ConvolveInvarianceWindow *self,
                                                        int *dx, int *dy);

/* What is shown, for tests. index is cnn_shift_index (dx, dy); dense_only
 * picks the grid of the network without convolutions. */
GtkWidget       *convolve_invariance_window_get_cell   (ConvolveInvarianceWindow *self,
                                                        gboolean dense_only, int index);
/* "✓ 7 · 93 %" ("✗" another answer than the centre's, none on the
 * centre), "–" for an empty drawing */
const char      *convolve_invariance_window_get_answer (ConvolveInvarianceWindow *self,
                                                        gboolean dense_only, int index);
/* The shifted input a cell of the network's grid shows */
ConvolveHeatmap *convolve_invariance_window_get_image  (ConvolveInvarianceWindow *self, int index);
/* The rows of maps taken apart: the layer whose output each shows (−1:
 * the input, the vector of a network whose dense layer reads it), its
 * maps (one for the flattened vector), of the original or the shifted */
int              convolve_invariance_window_get_n_rows (ConvolveInvarianceWindow *self);
int              convolve_invariance_window_get_row_layer (ConvolveInvarianceWindow *self, int row);
int              convolve_invariance_window_get_row_n_maps (ConvolveInvarianceWindow *self, int row);
ConvolveHeatmap *convolve_invariance_window_get_row_map (ConvolveInvarianceWindow *self, int row,
                                                         gboolean shifted, int channel);
/* Layer's bar of how much its output changed, and its figure ("0.83") */
GtkLevelBar     *convolve_invariance_window_get_change_bar (ConvolveInvarianceWindow *self,
                                                            int layer);
const char      *convolve_invariance_window_get_change_text (ConvolveInvarianceWindow *self,
                                                             int layer);
/* What the view says about a network whose first layer is not a conv;
 * NULL when it says nothing */
const char      *convolve_invariance_window_get_note   (ConvolveInvarianceWindow *self);
GtkMenuButton   *convolve_invariance_window_get_help_button (ConvolveInvarianceWindow *self);

G_END_DECLS
