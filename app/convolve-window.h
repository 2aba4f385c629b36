/* convolve-window.h — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages (Explore, Filters, Train), the header with the network menu
 * and the model's name, and what holds them together: the session, the
 * training, the autosave. Split by concern like gnome-text-editor's
 * window: convolve-window.c (template, pages, geometry, settings, close),
 * -actions.c, -models.c (networks and model files), -training.c.
 */
#pragma once

#include <adwaita.h>

#include "convolve-application.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_WINDOW (convolve_window_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveWindow, convolve_window, CONVOLVE, WINDOW, AdwApplicationWindow)

ConvolveWindow *convolve_window_new        (ConvolveApplication *application);
/* Before the application quits (the menu, Ctrl+Q, the session ending):
 * stops training and keeps everything — the network's autosave and the
 * window's size. Closing the window does the same. */
void            convolve_window_save_state (ConvolveWindow *self);
/* A file given to the app (its command line, the file manager, dropped
 * on the window or the grid), by its content: a model is opened, an
 * image goes onto the grid; anything else is refused with a toast saying
 * why */
void            convolve_window_open_file  (ConvolveWindow *self, GFile *file);

G_END_DECLS
