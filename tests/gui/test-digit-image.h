/* test-digit-image.h — pictures of digits made by the tests themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

/* A "7" stroked in ink on paper (RGB, opaque), width × height pixels, as
 * PNG to path: ink and paper are greys 0..1, so dark on light and light
 * on dark are both one call */
static inline void
test_digit_png (const char *path,
                int         width,
                int         height,
                double      ink,
                double      paper)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, paper, paper, paper);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, ink, ink, ink);
  cairo_set_line_width (cr, MAX (1.0, width / 12.0));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, width * 0.25, height * 0.2);
  cairo_line_to (cr, width * 0.75, height * 0.2);
  cairo_line_to (cr, width * 0.4, height * 0.85);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}
