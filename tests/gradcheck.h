/* gradcheck.h — central-difference gradient checking shared by the engine tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include <glib.h>

typedef double (*LossFunc) (gpointer data);

/* Compares analytic[i] with (L(x+h) − L(x−h)) / 2h for every x[i], where x
 * points into the state loss() reads. float32 sums leave ~1e-4 of noise, so
 * the check is relative with a floor; a wrong gradient is off by far more. */
static inline void
gradcheck (const char  *what,
           float       *x,
           const float *analytic,
           gsize        n,
           LossFunc     loss,
           gpointer     data)
{
  const float h = 2e-3f;
  double worst = 0.0;
  gsize checked = 0;

  for (gsize i = 0; i < n; i++)
    {
      float saved = x[i];
      double numeric = 0.0, err = G_MAXDOUBLE;

      /* a ReLU or max-pool kink within h of x[i] spoils the difference; a
       * smaller step steps past it, a wrong gradient stays wrong */
      for (float step = h; step >= h / 16 && err > 2e-2; step /= 4)
        {
          double plus, minus;

          x[i] = saved + step;
          plus = loss (data);
          x[i] = saved - step;
          minus = loss (data);
          x[i] = saved;
          numeric = (plus - minus) / (2.0 * step);
          err = fabs (numeric - analytic[i]) / MAX (1e-2, fabs (numeric) + fabs (analytic[i]));
        }
      loss (data);
      worst = MAX (worst, err);
      if (err > 2e-2)
        g_error ("%s: gradient %" G_GSIZE_FORMAT " is %g, numerically %g", what, i,
                 (double) analytic[i], numeric);
      checked++;
    }
  g_test_message ("%s: %" G_GSIZE_FORMAT " gradients, worst relative error %.2g", what, checked, worst);
  g_assert_cmpuint (checked, ==, n);
}

static inline void
fill_random (GRand *rand, float *v, gsize n, double lo, double hi)
{
  for (gsize i = 0; i < n; i++)
    v[i] = (float) g_rand_double_range (rand, lo, hi);
}
