/* convolve-deferred.h — a widget's updates held back until it can be seen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Filters page's sections redraw on every pass or weight change; a
 * section scrolled out of view, or on a page not shown, would spend frames
 * on pixels nobody sees (while training, every frame). A widget attached
 * here has its update function run at once when it is shown — mapped and
 * in view — and otherwise once, when it next is.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*ConvolveDeferredFunc) (GtkWidget *widget);

/* In view until told otherwise */
void     convolve_deferred_attach      (GtkWidget            *widget,
                                        ConvolveDeferredFunc  update);
/* Something changed: update now if shown, else when it is */
void     convolve_deferred_queue       (GtkWidget            *widget);
/* Whether the widget lies in its scroller's visible part */
void     convolve_deferred_set_in_view (GtkWidget            *widget,
                                        gboolean              in_view);
gboolean convolve_deferred_get_shown   (GtkWidget            *widget);

/* Whether any of widget lies in the visible part of scroller, whose
 * content holds it; TRUE while it is not laid out yet, so nothing is
 * left out of date. For any widget, attached here or not. */
gboolean convolve_deferred_in_scroller (GtkWidget            *widget,
                                        GtkScrolledWindow    *scroller,
                                        GtkWidget            *content);
/* convolve_deferred_set_in_view() on each of the n attached widgets:
 * in view if all, else if convolve_deferred_in_scroller() */
void     convolve_deferred_follow_scroller (GtkWidget * const *widgets,
                                            guint              n,
                                            GtkScrolledWindow *scroller,
                                            GtkWidget         *content,
                                            gboolean           all);

G_END_DECLS
