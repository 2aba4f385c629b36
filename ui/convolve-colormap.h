/* convolve-colormap.h — colour scales, as plain maths the tests can check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

typedef enum {
  CONVOLVE_SCALE_SEQUENTIAL,  /* activations: 0 → max, one hue ramp */
  CONVOLVE_SCALE_DIVERGING,   /* weights and gradients: −m → 0 → +m, blue/white/red */
} ConvolveScale;

/* t in 0..1 (sequential) or −1..1 (diverging), clamped. dark: the palette
 * for a dark background (0 blends into the background either way). */
void  convolve_colormap_color (ConvolveScale scale, float t, gboolean dark, GdkRGBA *out);

/* WCAG relative luminance (0 black … 1 white) of an sRGB colour: text
 * drawn on c is black above about 0.22, white below */
float convolve_colormap_luminance (const GdkRGBA *c);

/* The symmetric or 0-based range that covers values: max |v| (diverging) or
 * max v (sequential); never 0 (returns a small positive floor instead). */
float convolve_colormap_range (ConvolveScale scale, const float *values, gsize n);

/* "nice" tick values for a legend/axis from lo to hi, at most max_ticks;
 * returns the number written to ticks. */
int   convolve_colormap_ticks (float lo, float hi, int max_ticks, float *ticks);

G_END_DECLS
