/* convolve-session.h — the network shown, the drawing it reads, what it answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one owner of the current network and everything derived from it
 * (like sysprof's session or Text Editor's EditorDocument), with no GTK:
 * the pages bind to it and redraw when it says so. Each change of the
 * drawing, the network or its weights runs the forward pass once; the
 * views read the results from here and never run the network themselves.
 *
 * The weights change only through set_net() (a new network: a preset, a
 * file, a spec, a restore) and set_weights() (the same network with new
 * numbers: the training hand-off, a reset). The network is shared by
 * reference, never copied to be kept: set_weights() writes into it in
 * place and emits "weights-changed".
 */
#pragma once

#include <gio/gio.h>

#include "cnn.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_SESSION (convolve_session_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveSession, convolve_session, CONVOLVE, SESSION, GObject)

ConvolveSession *convolve_session_new              (void);

/* A new network, taken by reference. file: the model file it was opened
 * from (NULL: a preset, a spec or an autosave of one of them); its
 * weights become the ones "dirty" compares with. Notifies "net" and
 * every property derived from it. */
void             convolve_session_set_net          (ConvolveSession *self,
                                                    CnnNet          *net,
                                                    GFile           *file);
/* (transfer none) NULL before the first set_net() */
CnnNet          *convolve_session_get_net          (ConvolveSession *self);
/* New weights for the network shown, n_params of them (as many as it
 * has, or nothing happens and FALSE), with their temperature and how they
 * were trained (record: NULL for unknown). Emits "weights-changed" and
 * runs the network again when weights or temperature differ from the
 * current ones. */
gboolean         convolve_session_set_weights      (ConvolveSession      *self,
                                                    const float          *params,
                                                    gsize                 n_params,
                                                    float                 temperature,
                                                    const CnnTrainRecord *record);

/* The weights the current run started from [n_params], for the views that
 * compare before and after training: the network's own as set_net() gave
 * them (a preset, a file, and after a restart the autosave it was loaded
 * from), until set_start() replaces them (a reset: the weights the next
 * run starts from). set_weights() leaves them: training moves away from
 * them. They live here, not in a page, because they belong to the network
 * the session owns (they go when it goes, like the weights "dirty"
 * compares with) and the window's training unit, which alone knows when
 * a reset happens, talks to the session, not to the pages. NULL before
 * the first set_net(). "start-changed" after either. */
void             convolve_session_set_start        (ConvolveSession *self,
                                                    const float     *params,
                                                    gsize            n_params);
const float     *convolve_session_get_start        (ConvolveSession *self);

/* The drawing as an ink bitmap, side × side bytes (a multiple of 8;
 * nonzero = ink), copied: the network's input is made from it by the
 * dataset's rule (cnn-ink.h), normalised or not. */
void             convolve_session_set_drawing      (ConvolveSession *self,
                                                    const guint8    *ink,
                                                    int              side);
/* Whether the drawing has any ink; the network answers nothing then */
gboolean         convolve_session_get_empty        (ConvolveSession *self);

/* Normalisation: the drawing's ink box scaled and centred the way the
 * training digits were made, before the network sees it (default on) */
void             convolve_session_set_normalize    (ConvolveSession *self, gboolean normalize);
gboolean         convolve_session_get_normalize    (ConvolveSession *self);
/* The nudge (Shift+arrows): with normalisation on, the normalised input is
 * shifted by whole cells (zero-filled), up to MAX_OFFSET each way, and
 * TRUE; with it off, FALSE: the caller moves the ink itself. The offset
 * stays while drawing and goes back to 0 when the drawing is cleared or
 * normalisation is switched. */
#define CONVOLVE_SESSION_MAX_OFFSET 4
gboolean         convolve_session_nudge            (ConvolveSession *self, int dx, int dy);
void             convolve_session_get_offset       (ConvolveSession *self, int *dx, int *dy);
/* Saliency: d(top class score)/d(input), scaled to −1..1 (default off) */
void             convolve_session_set_saliency     (ConvolveSession *self, gboolean saliency);
gboolean         convolve_session_get_saliency     (ConvolveSession *self);

/* The results of the last pass, valid until the next "changed".
 * input: what the network saw [64]; probabilities [n_classes]; saliency
 * [64] or NULL when off; the top class, −1 for an empty drawing. */
const float     *convolve_session_get_input        (ConvolveSession *self);
const float     *convolve_session_get_probabilities (ConvolveSession *self);
int              convolve_session_get_top_class    (ConvolveSession *self);
const float     *convolve_session_get_saliency_map (ConvolveSession *self);
/* Every layer's output of the last pass (no gradients) */
void             convolve_session_get_activations  (ConvolveSession *self,
                                                    CnnActivations  *out);
/* The workspace of the last pass, for views that explain one cell of it
 * (the detail dialog); read-only for them. */
CnnWorkspace    *convolve_session_get_workspace    (ConvolveSession *self);

/* The model file the weights belong to (nullable) */
GFile           *convolve_session_get_file         (ConvolveSession *self);
/* The weights were written to file: it becomes the session's file and
 * they are no longer dirty. */
void             convolve_session_mark_saved       (ConvolveSession *self, GFile *file);
/* The weights differ from those set_net() or mark_saved() last gave */
gboolean         convolve_session_get_dirty        (ConvolveSession *self);
/* Whether net's weights and temperature are these exactly (same shape) */
gboolean         convolve_session_weights_equal    (ConvolveSession *self, const CnnNet *net);

/* Which network this is, for its autosave and the settings: the preset's
 * id ("digits") when the spec is a preset's and there is no file,
 * "spec:" and the normalised spec for another, "file:" and the file's
 * URI for a model file. NULL before the first set_net(). */
const char      *convolve_session_get_slot         (ConvolveSession *self);
/* For people: the preset's title, the file's name, or "Custom network" */
const char      *convolve_session_get_title        (ConvolveSession *self);

/* Signals: "changed" after every forward pass (the drawing, the weights,
 * a switch, a new net); "weights-changed" after set_weights() changed
 * them; "start-changed" after set_net() or set_start(). Properties:
 * net, file, title, slot, dirty, normalize, saliency, top-class, empty,
 * offset-x, offset-y. */

G_END_DECLS
