/* convolve-settings.h — GSettings keys bound to widgets, one way each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A string key with choices ↔ a guint "selected" property (a drop-down,
 * a combo row): ids, NULL-terminated, in the order of the rows; it must
 * outlive the binding (a static array) */
void convolve_settings_bind_choice (GSettings *settings, const char *key, GObject *object,
                                    const char *property, const char * const *ids);
/* An i, t or d key ↔ a double property (a spin button's adjustment) */
void convolve_settings_bind_number (GSettings *settings, const char *key, GObject *object,
                                    const char *property);

/* Carries keys of older versions over to the keys that replaced them
 * (augment false → augmentation "none"), once. */
void convolve_settings_migrate     (GSettings *settings);

G_END_DECLS
