/* convolve-explore-page.h — draw a digit and watch the network read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing and its tools on the left, every layer's output in the
 * middle, the class probabilities on the right; all of it from the
 * session (the "session" property). The drawing's keys belong here, not
 * to the application: E toggles the eraser and Ctrl+Z / Ctrl+Shift+Z
 * undo and redo the drawing only while the focus is on this page, and
 * the grid itself takes the arrows, Space and Delete.
 */
#pragma once

#include <adwaita.h>

#include "convolve-grid.h"
#include "convolve-prob-bars.h"
#include "convolve-session.h"
#include "convolve-trace-view.h"

G_BEGIN_DECLS

/* What the lesson is about on this page: the rest is dimmed (still usable) */
typedef enum {
  CONVOLVE_EXPLORE_FOCUS_NONE,
  CONVOLVE_EXPLORE_FOCUS_DRAWING,
  CONVOLVE_EXPLORE_FOCUS_TRACE,
  CONVOLVE_EXPLORE_FOCUS_ANSWER,
} ConvolveExploreFocus;

#define CONVOLVE_TYPE_EXPLORE_PAGE (convolve_explore_page_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveExplorePage, convolve_explore_page, CONVOLVE, EXPLORE_PAGE, GtkWidget)

ConvolveSession   *convolve_explore_page_get_session    (ConvolveExplorePage *self);
void               convolve_explore_page_set_session    (ConvolveExplorePage *self,
                                                         ConvolveSession     *session);
/* Remembers the pen width in settings (nullable: not kept) */
void               convolve_explore_page_bind_settings  (ConvolveExplorePage *self,
                                                         GSettings           *settings);

/* Opens the feature-map detail dialog for channel of layer (explained
 * by cnn_net_explained_conv()), on output cell (row, col); returns it */
GtkWidget         *convolve_explore_page_open_detail    (ConvolveExplorePage *self, int layer,
                                                         int channel, int row, int col);

/* Opens (or brings up) the translation invariance window over the
 * page's window (the action explore.invariance, Ctrl+I) and emits
 * "invariance-shown"; returns it */
GtkWidget         *convolve_explore_page_open_invariance (ConvolveExplorePage *self);

ConvolveGrid      *convolve_explore_page_get_grid       (ConvolveExplorePage *self);
ConvolveGridModel *convolve_explore_page_get_grid_model (ConvolveExplorePage *self);
ConvolveTraceView *convolve_explore_page_get_trace      (ConvolveExplorePage *self);
ConvolveProbBars  *convolve_explore_page_get_bars       (ConvolveExplorePage *self);
/* "Prediction: 7 (97 %)", or "Draw a digit" for an empty drawing */
const char        *convolve_explore_page_get_prediction_text (ConvolveExplorePage *self);
GtkMenuButton     *convolve_explore_page_get_help_button (ConvolveExplorePage *self);
/* "Add to Samples": the window gives it its popover of digits */
GtkMenuButton     *convolve_explore_page_get_add_sample_button (ConvolveExplorePage *self);
/* The page's own shortcuts (E, Ctrl+Z, …), for the shortcuts window's test */
GtkShortcutController *convolve_explore_page_get_shortcuts (ConvolveExplorePage *self);
/* Microseconds from each change of the drawing to the end of the frame
 * that showed it, and the forward pass plus the views' update alone */
const gint64      *convolve_explore_page_get_latencies  (ConvolveExplorePage *self, guint *n);
const gint64      *convolve_explore_page_get_compute_times (ConvolveExplorePage *self, guint *n);

void convolve_explore_page_set_lesson_focus (ConvolveExplorePage *self, ConvolveExploreFocus focus);
void convolve_explore_page_set_narrow       (ConvolveExplorePage *self, gboolean narrow);

G_END_DECLS
