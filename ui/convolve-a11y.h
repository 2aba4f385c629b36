/* convolve-a11y.h — accessible names where GTK gives none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The accessible name (label) of widget, kept so that it can be copied:
 * GTK 4.8 has no getter for an accessible property. */
void convolve_a11y_set_label              (GtkWidget *widget, const char *label);

/* Gives widget the name set on like with convolve_a11y_set_label(): for
 * the container GTK wraps around a child (a GtkFlowBoxChild), which takes
 * the focus too and which GTK 4.8 names by its type. */
void convolve_a11y_label_like             (GtkWidget *widget, GtkWidget *like);

/* GtkDropDown's button is what takes the focus; GTK 4.8 gives it no name
 * and has no accessor for it. Names it with the text of the drop-down's
 * mnemonic label (whose mnemonic-widget it is), without the underscore. */
void convolve_a11y_name_drop_down_button  (GtkDropDown *drop_down);

/* gtk_widget_set_tooltip_text(), but only when the text changes: GTK asks
 * the display server where the pointer is at every call, even for the
 * same text — on X11 a round trip, that a view updated while training
 * pays at every update. */
void convolve_a11y_set_tooltip            (GtkWidget *widget, const char *text);

G_END_DECLS
