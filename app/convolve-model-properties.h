/* convolve-model-properties.h — what a network is and how it was trained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cnn.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_MODEL_PROPERTIES (convolve_model_properties_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveModelProperties, convolve_model_properties, CONVOLVE,
                      MODEL_PROPERTIES, AdwPreferencesWindow)

/* A window over parent showing net (a reference is kept): its name (title),
 * its file (nullable), spec, size, temperature, and the training record
 * when it has one */
GtkWidget *convolve_model_properties_new (GtkWindow  *parent,
                                          CnnNet     *net,
                                          const char *title,
                                          GFile      *file);
/* The rows as "Title: value" lines, for tests and screen readers */
char      *convolve_model_properties_describe (ConvolveModelProperties *self);

G_END_DECLS
