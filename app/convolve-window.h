/* convolve-window.h — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "convolve-application.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_WINDOW (convolve_window_get_type ())

G_DECLARE_FINAL_TYPE (ConvolveWindow, convolve_window,
                      CONVOLVE, WINDOW, AdwApplicationWindow)

ConvolveWindow *convolve_window_new (ConvolveApplication *application);

G_END_DECLS
