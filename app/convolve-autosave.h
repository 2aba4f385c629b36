/* convolve-autosave.h — every network's own autosave, and nothing lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file per network (a "slot", see convolve_session_get_slot()) in a
 * folder of the user's data: each preset, each custom spec, each model
 * opened from a file keeps its own trained weights, whatever was shown
 * since. No GTK.
 *
 * Writes are atomic (a temporary file renamed over the old one) and only
 * happen for a real change: the same weights as the slot last held are
 * not written again. A slot whose file cannot be read is never
 * overwritten: load() moves the file aside first (NAME.broken-DATE-TIME)
 * and says where; if even that fails, saves to the slot are refused.
 */
#pragma once

#include <gio/gio.h>

#include "cnn.h"

G_BEGIN_DECLS

#define CONVOLVE_AUTOSAVE_ERROR (convolve_autosave_error_quark ())
GQuark convolve_autosave_error_quark (void);

typedef enum {
  CONVOLVE_AUTOSAVE_ERROR_BROKEN,   /* unreadable: moved aside (the message says where) */
  CONVOLVE_AUTOSAVE_ERROR_BLOCKED,  /* unreadable and could not be moved: left alone */
} ConvolveAutosaveError;

#define CONVOLVE_TYPE_AUTOSAVE (convolve_autosave_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveAutosave, convolve_autosave, CONVOLVE, AUTOSAVE, GObject)

/* dir: the folder of the slots, made when first written to */
ConvolveAutosave *convolve_autosave_new    (const char *dir);
const char       *convolve_autosave_get_dir (ConvolveAutosave *self);
/* The file a slot is kept in */
char             *convolve_autosave_path   (ConvolveAutosave *self, const char *slot);

/* The network last saved in slot. NULL without error when there is none;
 * NULL with CONVOLVE_AUTOSAVE_ERROR_* when the file is unreadable. */
CnnNet           *convolve_autosave_load   (ConvolveAutosave *self, const char *slot,
                                            GError **error);
/* Keeps net in slot unless the slot holds these weights already. TRUE
 * when net is kept (written now or before); FALSE with the reason
 * (a read-only folder, a full disk, a blocked slot). */
gboolean          convolve_autosave_save   (ConvolveAutosave *self, const char *slot,
                                            const CnnNet *net, GError **error);

G_END_DECLS
