/* convolve-filters-page.h — every learned kernel of the network shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows the session: a new network rebuilds the filters view, new
 * weights (a training hand-off) only change its numbers. Below the
 * learned kernels, one scrolling area on, its sections: the kernels
 * before and after training, the classic filters beside the learned ones
 * and on the drawing, the frozen-bank experiment, and what conv 2's
 * channels respond to.
 */
#pragma once

#include <adwaita.h>

#include "convolve-channel-digits.h"
#include "convolve-classic-experiment.h"
#include "convolve-classic-maps.h"
#include "convolve-classic-matches.h"
#include "convolve-filters-view.h"
#include "convolve-kernel-history.h"
#include "convolve-session.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_FILTERS_PAGE (convolve_filters_page_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveFiltersPage, convolve_filters_page, CONVOLVE, FILTERS_PAGE, GtkWidget)

ConvolveSession     *convolve_filters_page_get_session     (ConvolveFiltersPage *self);
void                 convolve_filters_page_set_session     (ConvolveFiltersPage *self,
                                                            ConvolveSession     *session);
ConvolveFiltersView *convolve_filters_page_get_view        (ConvolveFiltersPage *self);
GtkMenuButton       *convolve_filters_page_get_help_button (ConvolveFiltersPage *self);
/* The Train page's settings, which the experiment trains with */
void                 convolve_filters_page_set_train_config (ConvolveFiltersPage  *self,
                                                             const CnnTrainConfig *config);

/* Its sections and its scrolling area, for the window and tests */
ConvolveKernelHistory     *convolve_filters_page_get_history        (ConvolveFiltersPage *self);
ConvolveClassicMatches    *convolve_filters_page_get_matches        (ConvolveFiltersPage *self);
ConvolveClassicMaps       *convolve_filters_page_get_maps           (ConvolveFiltersPage *self);
ConvolveClassicExperiment *convolve_filters_page_get_experiment     (ConvolveFiltersPage *self);
ConvolveChannelDigits     *convolve_filters_page_get_channel_digits (ConvolveFiltersPage *self);
GtkScrolledWindow         *convolve_filters_page_get_scroller       (ConvolveFiltersPage *self);
/* TRUE: every section follows as if scrolled into view (an export draws
 * them all); FALSE: only those on screen do */
void                       convolve_filters_page_set_show_all       (ConvolveFiltersPage *self,
                                                                     gboolean             show_all);

/* Signals: "experiment-finished" when the frozen-bank experiment has run
 * to its end and shows both accuracies (not on a cancel). */

G_END_DECLS
