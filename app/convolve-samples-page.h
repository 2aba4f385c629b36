/* convolve-samples-page.h — the user's own labelled drawings, as a gallery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a ConvolveSamples (the file on disk, kept by the window) as small
 * images with their labels, or a status page saying how to add one when
 * there is none. The selected sample can be removed (Delete; a toast
 * offers Undo, which puts it back at the same position), relabelled (a
 * digit key or the Label popover) and put on the grid (Enter or a double
 * click; "load-sample"). Import and export go through the file chooser; a
 * bad file is refused with its line and column and changes nothing.
 */
#pragma once

#include <adwaita.h>

#include "convolve-samples.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_SAMPLES_PAGE (convolve_samples_page_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveSamplesPage, convolve_samples_page, CONVOLVE, SAMPLES_PAGE, GtkWidget)

/* samples: nullable */
void             convolve_samples_page_set_samples (ConvolveSamplesPage *self,
                                                    ConvolveSamples     *samples);
ConvolveSamples *convolve_samples_page_get_samples (ConvolveSamplesPage *self);

/* The position selected, GTK_INVALID_LIST_POSITION for none */
guint            convolve_samples_page_get_selected (ConvolveSamplesPage *self);
void             convolve_samples_page_select      (ConvolveSamplesPage *self, guint position);

/* What the keys and buttons do, on the selected sample; FALSE (a toast
 * says why) when there is none or the file cannot be written */
gboolean         convolve_samples_page_remove_selected  (ConvolveSamplesPage *self);
gboolean         convolve_samples_page_relabel_selected (ConvolveSamplesPage *self, int label);
void             convolve_samples_page_load_selected    (ConvolveSamplesPage *self);
/* The last removal's Undo (the toast's button): TRUE when it was put back */
gboolean         convolve_samples_page_undo_remove      (ConvolveSamplesPage *self);

/* What Import… and Export… do once a file is chosen: a toast on success;
 * on failure FALSE with the reason (a dialog shows it when chosen in the
 * file chooser) and nothing changed */
gboolean         convolve_samples_page_import_file (ConvolveSamplesPage *self, GFile *file,
                                                    GError **error);
gboolean         convolve_samples_page_export_file (ConvolveSamplesPage *self, GFile *file,
                                                    GError **error);
/* The same, telling a failure in a dialog over the window */
void             convolve_samples_page_import_or_tell (ConvolveSamplesPage *self, GFile *file);

/* The gallery, which has the keys (for tests) */
GtkGridView     *convolve_samples_page_get_grid_view (ConvolveSamplesPage *self);
GtkMenuButton   *convolve_samples_page_get_help_button (ConvolveSamplesPage *self);

/* Signals: "load-sample" (gpointer values: 64 floats 0..1), "toast"
 * (AdwToast *: the window shows it) */

G_END_DECLS
