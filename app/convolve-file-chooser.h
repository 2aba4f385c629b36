/* convolve-file-chooser.h — one way to ask for a file, on every GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkFileDialog where GTK has it (4.10), the native file chooser before;
 * the rest of the app never sees which.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* file: the one chosen; never called when the person cancels */
typedef void (*ConvolveFileChosen) (GtkWindow *parent, GFile *file, gpointer user_data);

/* Asks for a file to open, or to save to when initial_name is given (the
 * name offered). filters: NULL-terminated, the first one chosen at first
 * (taken: the call owns them); user_data must live until the answer. */
void convolve_choose_file (GtkWindow          *parent,
                           const char         *title,
                           const char         *initial_name,
                           GtkFileFilter     **filters,
                           ConvolveFileChosen  chosen,
                           gpointer            user_data);

/* A filter of name matching the glob patterns (NULL-terminated) */
GtkFileFilter *convolve_file_filter_new (const char *name, const char * const *patterns);

/* A filter of name matching every image GdkPixbuf can read here (its
 * loaders' MIME types and extensions) */
GtkFileFilter *convolve_file_filter_new_images (const char *name);

G_END_DECLS
