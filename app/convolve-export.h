/* convolve-export.h — a view, whole, as PNG, SVG or PDF for slides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* widget's whole content at its allocated size (what scrolls out of view
 * too), on the window's background, light or dark as shown, written to
 * file by its extension: .png (at twice the scale), .svg or .pdf.
 * Atomic; FALSE with the reason (another extension, nothing to draw, a
 * write error). */
gboolean convolve_export_widget (GtkWidget *widget, GFile *file, GError **error);

G_END_DECLS
