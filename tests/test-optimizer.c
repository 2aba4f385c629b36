/* test-optimizer.c — one step of each optimizer worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "cnn.h"

static void
test_sgd_momentum (void)
{
  g_autoptr(CnnOptimizer) opt = cnn_optimizer_new (CNN_OPTIMIZER_SGD, 0.1f, 0.0f, 2);
  float p[2] = { 1.0f, -2.0f };
  const float g[2] = { 0.5f, 1.0f };

  /* m = g; p −= lr·m */
  cnn_optimizer_step (opt, p, g, 1.0f);
  g_assert_cmpfloat_with_epsilon (p[0], 0.95f, 1e-6f);
  g_assert_cmpfloat_with_epsilon (p[1], -2.1f, 1e-6f);
  /* m = 0.9·m + g = 1.9·g */
  cnn_optimizer_step (opt, p, g, 1.0f);
  g_assert_cmpfloat_with_epsilon (p[0], 0.95f - 0.1f * 0.95f, 1e-6f);
  g_assert_cmpfloat_with_epsilon (p[1], -2.1f - 0.19f, 1e-6f);
}

static void
test_sgd_weight_decay_and_scale (void)
{
  g_autoptr(CnnOptimizer) opt = cnn_optimizer_new (CNN_OPTIMIZER_SGD, 0.5f, 0.1f, 1);
  float p[1] = { 2.0f };
  const float g[1] = { 4.0f };

  /* g·scale + wd·p = 1 + 0.2 */
  cnn_optimizer_step (opt, p, g, 0.25f);
  g_assert_cmpfloat_with_epsilon (p[0], 2.0f - 0.5f * 1.2f, 1e-6f);
}

static void
test_adam (void)
{
  g_autoptr(CnnOptimizer) opt = cnn_optimizer_new (CNN_OPTIMIZER_ADAM, 0.01f, 0.0f, 3);
  float p[3] = { 0.0f, 1.0f, 5.0f };
  const float g[3] = { 3.0f, -0.001f, 0.0f };

  /* the first bias-corrected Adam step is lr·sign(g), whatever |g| */
  cnn_optimizer_step (opt, p, g, 1.0f);
  g_assert_cmpfloat_with_epsilon (p[0], -0.01f, 1e-5f);
  g_assert_cmpfloat_with_epsilon (p[1], 1.01f, 1e-5f);
  g_assert_cmpfloat (p[2], ==, 5.0f);
  g_assert_cmpint (opt->t, ==, 1);

  /* second step, same gradient: m̂ = g, v̂ = g² again: another lr·sign(g) */
  cnn_optimizer_step (opt, p, g, 1.0f);
  g_assert_cmpfloat_with_epsilon (p[0], -0.02f, 1e-5f);

  cnn_optimizer_reset (opt);
  g_assert_cmpint (opt->t, ==, 0);
  g_assert_cmpfloat (opt->m[0], ==, 0.0f);
  g_assert_cmpfloat (opt->v[0], ==, 0.0f);
}

static void
test_kind_strings (void)
{
  CnnOptimizerKind kind;

  g_assert_true (cnn_optimizer_kind_from_string ("SGD", &kind));
  g_assert_cmpint (kind, ==, CNN_OPTIMIZER_SGD);
  g_assert_true (cnn_optimizer_kind_from_string ("adam", &kind));
  g_assert_cmpint (kind, ==, CNN_OPTIMIZER_ADAM);
  g_assert_false (cnn_optimizer_kind_from_string ("rmsprop", &kind));
  g_assert_cmpstr (cnn_optimizer_kind_to_string (CNN_OPTIMIZER_SGD), ==, "sgd");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/optimizer/sgd-momentum", test_sgd_momentum);
  g_test_add_func ("/optimizer/sgd-weight-decay", test_sgd_weight_decay_and_scale);
  g_test_add_func ("/optimizer/adam", test_adam);
  g_test_add_func ("/optimizer/kind-strings", test_kind_strings);
  return g_test_run ();
}
