/* convolve-image-details.h — an opened image beside what the network sees of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "convolve-image.h"

G_BEGIN_DECLS

#define CONVOLVE_TYPE_IMAGE_DETAILS (convolve_image_details_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveImageDetails, convolve_image_details, CONVOLVE, IMAGE_DETAILS, AdwWindow)

/* A window over parent: image's original, scaled to fit, beside its 8×8
 * (a reference to image is kept); name is what it was opened from */
GtkWidget *convolve_image_details_new       (GtkWindow     *parent,
                                             ConvolveImage *image,
                                             const char    *name);
ConvolveImage *convolve_image_details_get_image (ConvolveImageDetails *self);

G_END_DECLS
