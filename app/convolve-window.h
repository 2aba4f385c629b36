/* convolve-window.h — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cnn.h"
#include "convolve-application.h"
#include "convolve-filters-view.h"
#include "convolve-grid-model.h"
#include "convolve-prob-bars.h"
#include "convolve-trace-view.h"
#include "convolve-train-view.h"
#include "convolve-training.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_WINDOW (convolve_window_get_type ())

G_DECLARE_FINAL_TYPE (ConvolveWindow, convolve_window,
                      CONVOLVE, WINDOW, AdwApplicationWindow)

ConvolveWindow *convolve_window_new (ConvolveApplication *application);

/* Opens the feature-map detail dialog for channel of layer (a conv layer or
 * the ReLU after one), explaining output cell (row, col); returns it. */
GtkWidget      *convolve_window_open_detail (ConvolveWindow *self, int layer, int channel,
                                             int row, int col);

/* For tests: the window's parts and state. */
/* The "?" button of a page ("explore", "filters", "train") */
GtkMenuButton       *convolve_window_get_help_button  (ConvolveWindow *self, const char *page);
ConvolveGridModel   *convolve_window_get_grid_model   (ConvolveWindow *self);
GtkWidget           *convolve_window_get_grid         (ConvolveWindow *self);
ConvolveProbBars    *convolve_window_get_prob_bars    (ConvolveWindow *self);
ConvolveTraceView   *convolve_window_get_trace_view   (ConvolveWindow *self);
ConvolveFiltersView *convolve_window_get_filters_view (ConvolveWindow *self);
const char          *convolve_window_get_prediction_text (ConvolveWindow *self);
/* The network shown and the 64 values it was last given */
const CnnNet        *convolve_window_get_net          (ConvolveWindow *self);
const float         *convolve_window_get_input        (ConvolveWindow *self);
/* Microseconds from each model change to the end of the frame that showed
 * it (one entry per painted frame with pending changes), and the forward
 * pass plus view update alone for each change. */
const gint64        *convolve_window_get_latencies    (ConvolveWindow *self, guint *n);
const gint64        *convolve_window_get_compute_times (ConvolveWindow *self, guint *n);

/* Models: what Open… and Save… do once a file is chosen. A file that does
 * not load changes nothing. */
gboolean             convolve_window_open_model_file  (ConvolveWindow *self, GFile *file,
                                                       GError **error);
gboolean             convolve_window_save_model_file  (ConvolveWindow *self, GFile *file,
                                                       GError **error);

/* For tests: training */
ConvolveTraining    *convolve_window_get_training     (ConvolveWindow *self);
ConvolveTrainView   *convolve_window_get_train_view   (ConvolveWindow *self);
/* The text of the last toast shown; NULL before the first */
const char          *convolve_window_get_last_toast   (ConvolveWindow *self);

G_END_DECLS
