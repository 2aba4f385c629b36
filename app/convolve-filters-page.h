/* convolve-filters-page.h — every learned kernel of the network shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows the session: a new network rebuilds the filters view, new
 * weights (a training hand-off) only change its numbers.
 */
#pragma once

#include <adwaita.h>

#include "convolve-filters-view.h"
#include "convolve-session.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_FILTERS_PAGE (convolve_filters_page_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveFiltersPage, convolve_filters_page, CONVOLVE, FILTERS_PAGE, GtkWidget)

ConvolveSession     *convolve_filters_page_get_session     (ConvolveFiltersPage *self);
void                 convolve_filters_page_set_session     (ConvolveFiltersPage *self,
                                                            ConvolveSession     *session);
ConvolveFiltersView *convolve_filters_page_get_view        (ConvolveFiltersPage *self);
GtkMenuButton       *convolve_filters_page_get_help_button (ConvolveFiltersPage *self);

G_END_DECLS
