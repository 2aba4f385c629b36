/* convolve-classic-names.c — the classic filters' names, for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cnn.h"
#include "convolve-classic-names.h"

/* In the bank's order (cnn-classic.h) */
static const char * const names[CNN_CLASSIC_N] = {
  /* Translators: classic 3×3 image filters, as named in textbooks */
  N_("Sobel x"), N_("Sobel y"), N_("Prewitt x"), N_("Prewitt y"),
  N_("Laplacian"), N_("Box blur"), N_("Sharpen"),
  /* Translators: Gabor filters, by the angle of the wave */
  N_("Gabor 0°"), N_("Gabor 45°"), N_("Gabor 90°"), N_("Gabor 135°"),
  N_("Identity"),
};

/* |cosine| from which a kernel is called the filter itself, or close to
 * it; below, a blend (the README's shipped model: one of eight above 0.9) */
#define SAME  0.9
#define CLOSE 0.7

const char *
convolve_classic_name (int index)
{
  if (index < 0 || index >= CNN_CLASSIC_N)
    return "";
  return _(names[index]);
}

const char *
convolve_classic_verdict (double similarity)
{
  double size = fabs (similarity);
  gboolean flipped = similarity < 0;

  /* Translators: how alike a learned kernel and its closest classic filter are */
  if (size >= SAME)
    return flipped ? _("nearly the same, sign-flipped") : _("nearly the same");
  if (size >= CLOSE)
    return flipped ? _("close, sign-flipped") : _("close");
  return flipped ? _("a blend of several, sign-flipped") : _("a blend of several");
}
