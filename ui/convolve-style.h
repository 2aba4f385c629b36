/* convolve-style.h — the theme's colours and dark mode, as the widgets read
 * them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "convolve-colormap.h"

G_BEGIN_DECLS

/* The opacity of what is not shown yet (a gradient still to come) */
#define CONVOLVE_DIM_ALPHA 0.25f

/* Whether the app's style is dark now (libadwaita's style manager) */
gboolean convolve_style_is_dark                (void);

/* Queues a redraw of widget whenever the style turns dark or light, for
 * widgets that pick a palette by convolve_style_is_dark(); for as long as
 * widget lives. */
void     convolve_style_redraw_on_dark_change  (GtkWidget *widget);

/* A named colour of the theme ("accent_color", "window_bg_color", …);
 * FALSE, color untouched, when the theme has none of that name. */
gboolean convolve_style_lookup_color           (GtkWidget *widget, const char *name, GdkRGBA *color);

/* The widget's CSS foreground colour (translucent in some themes) */
void     convolve_style_get_fg_color           (GtkWidget *widget, GdkRGBA *color);

/* accent_color (text and outlines) and accent_bg_color (fills), or
 * libadwaita's default blues when the theme has no accent */
void     convolve_style_get_accent_color       (GtkWidget *widget, GdkRGBA *color);
void     convolve_style_get_accent_bg_color    (GtkWidget *widget, GdkRGBA *color);

/* The window's zoom (Ctrl+plus/minus): its CSS class "zoom-NNN" (NNN %),
 * which sets its font size; 1 without one. Sizes in px that go with the
 * text scale by it. */
double   convolve_style_get_zoom               (GtkWidget *widget);

/* rows × cols cells of values / range on the scale, filling bounds, at
 * opacity alpha (0..1): one image scaled up without smoothing, one node
 * however many cells (a frame of the trace redraws some 2,000 of them on
 * each stroke), and no offscreen pass for the opacity. In vector mode,
 * and for a map of at most 16 cells (a kernel), a rectangle per run of
 * like cells instead. */
void     convolve_style_append_cells           (GtkSnapshot           *snapshot,
                                                const graphene_rect_t *bounds,
                                                ConvolveScale          scale,
                                                gboolean               dark,
                                                const float           *values,
                                                int                    rows,
                                                int                    cols,
                                                float                  range,
                                                float                  alpha);

/* Vector mode, while a view is drawn for SVG or PDF: SVG and PDF viewers
 * smooth an image scaled up (cairo 1.16 writes no image-rendering), so
 * cells become rectangles, which every viewer draws sharp; too slow for
 * the screen's every frame */
void     convolve_style_set_vector_cells       (gboolean vector);

/* A layout of text in widget's font — small: the size of tick labels,
 * with tabular figures — kept in *cache (made on first use) for the
 * widget's next frames, as drawing the same few texts every frame would
 * shape them every frame. The layout follows font changes by itself.
 * Call convolve_style_trim_layouts() where no layout is held (the start
 * of a snapshot): texts the data left behind go once there are many. */
PangoLayout *convolve_style_get_layout         (GHashTable **cache,
                                                GtkWidget   *widget,
                                                const char  *text,
                                                gboolean     small);
void     convolve_style_trim_layouts           (GHashTable  *cache);

G_END_DECLS
