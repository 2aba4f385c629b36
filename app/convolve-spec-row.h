/* convolve-spec-row.h — the network as text, checked as it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry for the spec (cnn-net.h's grammar) that shows the engine's own
 * message while the text is not a network, and emits "apply" (the text)
 * when a valid one is applied.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CONVOLVE_TYPE_SPEC_ROW (convolve_spec_row_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveSpecRow, convolve_spec_row, CONVOLVE, SPEC_ROW, GtkWidget)

/* The spec of the network shown */
void         convolve_spec_row_set_spec  (ConvolveSpecRow *self, const char *spec);
AdwEntryRow *convolve_spec_row_get_entry (ConvolveSpecRow *self);
/* The engine's message under it; "" while valid */
const char  *convolve_spec_row_get_error (ConvolveSpecRow *self);

G_END_DECLS
