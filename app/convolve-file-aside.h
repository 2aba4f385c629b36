/* convolve-file-aside.h — keeping a file nobody could read for whoever can
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user's data (autosaved networks, samples) is never overwritten when
 * it cannot be read: the file is renamed out of the way first, so a bug
 * or a newer version's format loses nothing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Renames path to PATH.broken-YYYYMMDD-HHMMSS (local time; -2, -3… when
 * that exists) and returns the new name, or NULL when it could not. */
char *convolve_file_move_aside (const char *path);

G_END_DECLS
