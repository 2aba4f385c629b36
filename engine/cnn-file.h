/* cnn-file.h — reading files within a limit, saving them atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every loader and saver of the engine shares, so each rule is kept
 * once: a file is read only up to a limit of cnn-limits.h (refused from its
 * size before reading when the size is known, else while reading), and a
 * save replaces the file it names — the target of a symbolic link, not the
 * link — with a temporary file renamed over it, so an interrupted save
 * leaves the old file or the new one and nothing in between.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads what is left of stream into one GBytes that starts with the
 * head_len bytes of head already read from it. size_hint is the file's
 * whole size when known (0 when not): a size above limit is refused before
 * anything more is read, and reading stops with the same error as soon as
 * more than limit bytes arrive. The error (CNN_ERROR_LIMIT) says
 * "The file is larger than LIMIT, the limit for WHAT" — what is a
 * translated noun phrase such as _("a model file"). */
GBytes   *cnn_file_read_bounded    (GInputStream  *stream,
                                    const void    *head,
                                    gsize          head_len,
                                    guint64        size_hint,
                                    gsize          limit,
                                    const char    *what,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* The CNN_ERROR_LIMIT error of cnn_file_read_bounded(). */
void      cnn_file_set_limit_error (GError **error, gsize limit, const char *what);

/* Replaces the file at path with data, atomically: path is resolved
 * through symbolic links first (realpath(); a dangling link names the file
 * to create), then the data goes to a temporary "TARGET.XXXXXX" in the
 * target's own folder, is flushed and renamed over TARGET. On failure the
 * old file is untouched and the temporary file removed; a killed process
 * can leave the temporary file: see cnn_file_remove_stale_temps(). */
gboolean  cnn_file_replace_contents (const char  *path,
                                     const void  *data,
                                     gsize        len,
                                     GError     **error);

/* How old, in seconds, a temporary file of a save must be to count as
 * stale: a save takes milliseconds, so a younger one may be in progress
 * (another instance of the app). */
#define CNN_FILE_STALE_TEMP_SECONDS 60

/* Removes, from folder only (not below it), the temporary files an
 * interrupted save of this engine leaves behind: regular files (never
 * links) named NAME.cnvm.XXXXXX or NAME.csv.XXXXXX, XXXXXX being six
 * letters or digits, last modified more than CNN_FILE_STALE_TEMP_SECONDS
 * ago. The app calls it at start-up on its own data folder. Returns how
 * many it removed, or −1 with error when folder cannot be read. */
int       cnn_file_remove_stale_temps (const char  *folder,
                                       GError     **error);

G_END_DECLS
