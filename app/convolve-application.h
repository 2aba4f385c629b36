/* convolve-application.h — the Convolve AdwApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "convolve-samples.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_APPLICATION (convolve_application_get_type ())

G_DECLARE_FINAL_TYPE (ConvolveApplication, convolve_application,
                      CONVOLVE, APPLICATION, AdwApplication)

/* App id APP_ID, G_APPLICATION_DEFAULT_FLAGS; tests may change the flags
 * with g_application_set_flags() before registering. */
ConvolveApplication *convolve_application_new (void);

/* The io.github.convolve.Convolve settings (window size, preset, pen width,
 * hyperparameters…), valid from startup on. (transfer none) (nullable):
 * NULL before startup, or when the schema is not installed — a binary run
 * from the build tree without `meson devenv`; callers then use defaults. */
GSettings *convolve_application_get_settings (ConvolveApplication *self);

/* The user's samples (samples.csv), one list for every window, so that
 * no window writes the file over what another added: read on the first
 * call, which alone sets error when the file could not be read (it was
 * moved aside; the list starts empty). (transfer none) */
ConvolveSamples *convolve_application_get_samples (ConvolveApplication *self, GError **error);

G_END_DECLS
