/* test-layer.c — every layer's forward by hand and its backward by central differences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cnn.h"
#include "gradcheck.h"

/* ---- known answers, worked out by hand ---- */

static void
test_conv_known_impulse (void)
{
  g_autoptr(CnnNet) net = cnn_net_new ("conv3x3x1 dense2", NULL);
  const CnnLayer *l = &net->layers[0];
  float w[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };  /* [ky][kx] */
  float b[1] = { 0.5f };
  float in[65] = { 0 }, col[64 * 9], out[64];

  /* an impulse at (y 3, x 4): out(y, x) = w[4 − y][5 − x] + b near it */
  in[3 * 8 + 4] = 1.0f;
  cnn_conv_forward (l, w, b, in, col, out);
  g_assert_cmpfloat (out[2 * 8 + 3], ==, 9.5f);
  g_assert_cmpfloat (out[3 * 8 + 4], ==, 5.5f);
  g_assert_cmpfloat (out[4 * 8 + 5], ==, 1.5f);
  g_assert_cmpfloat (out[2 * 8 + 5], ==, 7.5f);
  g_assert_cmpfloat (out[4 * 8 + 3], ==, 3.5f);
  g_assert_cmpfloat (out[0], ==, 0.5f);
  g_assert_cmpfloat (out[7 * 8 + 7], ==, 0.5f);
}

static void
test_conv_known_padding (void)
{
  g_autoptr(CnnNet) same = cnn_net_new ("conv3x3x2 dense2", NULL);
  g_autoptr(CnnNet) valid = cnn_net_new ("conv3x3x1-valid dense2", NULL);
  float in[65], col[64 * 9], out[128];
  float w2[18], b2[2] = { 0.0f, -1.0f };
  float w1[9], b1[1] = { 0.25f };

  for (int i = 0; i < 64; i++)
    in[i] = 1.0f;
  in[64] = 0.0f;
  /* filter 0 all ones, filter 1 all twos: [ky][kx][c_in][c_out] */
  for (int j = 0; j < 9; j++)
    {
      w2[j * 2 + 0] = 1.0f;
      w2[j * 2 + 1] = 2.0f;
      w1[j] = 1.0f;
    }

  /* same padding on a field of ones: corners see 4, edges 6, the inside 9 */
  g_assert_cmpint (same->layers[0].out.h, ==, 8);
  cnn_conv_forward (&same->layers[0], w2, b2, in, col, out);
  g_assert_cmpfloat (out[(0 * 8 + 0) * 2 + 0], ==, 4.0f);
  g_assert_cmpfloat (out[(0 * 8 + 3) * 2 + 0], ==, 6.0f);
  g_assert_cmpfloat (out[(4 * 8 + 4) * 2 + 0], ==, 9.0f);
  g_assert_cmpfloat (out[(7 * 8 + 7) * 2 + 1], ==, 7.0f);
  g_assert_cmpfloat (out[(4 * 8 + 4) * 2 + 1], ==, 17.0f);

  /* valid: 6×6, every output sees nine ones */
  g_assert_cmpint (valid->layers[0].out.h, ==, 6);
  g_assert_cmpint (valid->layers[0].out.w, ==, 6);
  cnn_conv_forward (&valid->layers[0], w1, b1, in, col, out);
  for (int i = 0; i < 36; i++)
    g_assert_cmpfloat (out[i], ==, 9.25f);
}

static void
test_pool_known (void)
{
  g_autoptr(CnnNet) net = cnn_net_new ("conv1x1x2 pool2 dense2", NULL);
  const CnnLayer *l = &net->layers[1];
  float in[8 * 8 * 2], out[4 * 4 * 2], din[8 * 8 * 2], dout[4 * 4 * 2];
  guint32 arg[4 * 4 * 2];

  g_assert_cmpint (l->kind, ==, CNN_LAYER_POOL);
  for (int i = 0; i < 128; i++)
    in[i] = (float) (i % 7) - 3.0f * (i % 2);
  /* block (0,0) of channel 1 at (y,x) = (0,0) (0,1) (1,0) (1,1) */
  in[(0 * 8 + 0) * 2 + 1] = -5.0f;
  in[(0 * 8 + 1) * 2 + 1] = -1.0f;
  in[(1 * 8 + 0) * 2 + 1] = -2.0f;
  in[(1 * 8 + 1) * 2 + 1] = -3.0f;
  cnn_pool_forward (l, in, out, arg);
  g_assert_cmpfloat (out[1], ==, -1.0f);
  g_assert_cmpuint (arg[1], ==, (0 * 8 + 1) * 2 + 1);

  for (int i = 0; i < 32; i++)
    dout[i] = (float) (i + 1);
  cnn_pool_backward (l, arg, dout, din);
  g_assert_cmpfloat (din[(0 * 8 + 1) * 2 + 1], ==, 2.0f);
  g_assert_cmpfloat (din[(0 * 8 + 0) * 2 + 1], ==, 0.0f);
  {
    float sum = 0;
    for (int i = 0; i < 128; i++)
      sum += din[i];
    g_assert_cmpfloat (sum, ==, 32.0f * 33.0f / 2.0f);
  }
}

static void
test_softmax_known (void)
{
  float logits[3] = { 0.0f, logf (2.0f), logf (3.0f) };
  float probs[3], d[3];
  float big[2] = { 1000.0f, 1000.0f }, pbig[2];
  float loss;

  cnn_softmax_forward (3, logits, probs);
  g_assert_cmpfloat_with_epsilon (probs[0], 1.0f / 6.0f, 1e-6f);
  g_assert_cmpfloat_with_epsilon (probs[1], 2.0f / 6.0f, 1e-6f);
  g_assert_cmpfloat_with_epsilon (probs[2], 3.0f / 6.0f, 1e-6f);

  loss = cnn_softmax_xent_backward (3, probs, 2, d);
  g_assert_cmpfloat_with_epsilon (loss, logf (2.0f), 1e-6f);
  g_assert_cmpfloat_with_epsilon (d[2], -0.5f, 1e-6f);
  g_assert_cmpfloat_with_epsilon (d[0], 1.0f / 6.0f, 1e-6f);

  /* stable for huge logits: no overflow to inf/NaN */
  cnn_softmax_forward (2, big, pbig);
  g_assert_cmpfloat (pbig[0], ==, 0.5f);
  g_assert_cmpfloat (pbig[1], ==, 0.5f);
}

static void
test_relu_known (void)
{
  float in[4] = { -1.0f, 0.0f, 2.0f, -0.5f }, out[4], dout[4] = { 1, 1, 1, 1 }, din[4];

  cnn_relu_forward (4, in, out);
  g_assert_cmpfloat (out[0], ==, 0.0f);
  g_assert_cmpfloat (out[2], ==, 2.0f);
  cnn_relu_backward (4, out, dout, din);
  g_assert_cmpfloat (din[0], ==, 0.0f);
  g_assert_cmpfloat (din[1], ==, 0.0f);
  g_assert_cmpfloat (din[2], ==, 1.0f);
}

/* ---- gradient checks: L = Σ r ⊙ out, so dL/dout = r ---- */

typedef struct {
  const CnnLayer *l;
  float *w, *b, *in, *col, *out, *r;
  guint32 *arg;
  gsize n_out;
} LayerCase;

static double
weighted_sum (const float *out, const float *r, gsize n)
{
  double s = 0.0;

  for (gsize i = 0; i < n; i++)
    s += (double) out[i] * r[i];
  return s;
}

static double
conv_loss (gpointer data)
{
  LayerCase *c = data;

  cnn_conv_forward (c->l, c->w, c->b, c->in, c->col, c->out);
  return weighted_sum (c->out, c->r, c->n_out);
}

static void
check_conv (const char *spec, int layer_index)
{
  g_autoptr(CnnNet) net = cnn_net_new (spec, NULL);
  const CnnLayer *l = &net->layers[layer_index];
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gsize n_in = cnn_shape_size (l->in), n_out = cnn_shape_size (l->out);
  gsize n_col = (gsize) l->out.h * l->out.w * cnn_layer_patch_size (l);
  g_autofree float *w = g_new (float, l->n_weights);
  g_autofree float *b = g_new (float, l->n_bias);
  g_autofree float *in = g_new0 (float, n_in + 1);
  g_autofree float *col = g_new (float, n_col);
  g_autofree float *out = g_new (float, n_out);
  g_autofree float *r = g_new (float, n_out);
  g_autofree float *dw = g_new0 (float, l->n_weights);
  g_autofree float *db = g_new0 (float, l->n_bias);
  g_autofree float *din = g_new (float, n_in + 1);
  LayerCase c = { l, w, b, in, col, out, r, NULL, n_out };
  g_autofree char *what = NULL;

  g_assert_cmpint (l->kind, ==, CNN_LAYER_CONV);
  fill_random (rand, w, l->n_weights, -1, 1);
  fill_random (rand, b, l->n_bias, -1, 1);
  fill_random (rand, in, n_in, -1, 1);
  fill_random (rand, r, n_out, -1, 1);

  conv_loss (&c);
  cnn_conv_backward (l, w, col, r, dw, db, din);
  g_assert_cmpfloat (in[n_in], ==, 0.0f);

  what = g_strdup_printf ("%s layer %d dW", spec, layer_index);
  gradcheck (what, w, dw, l->n_weights, conv_loss, &c);
  gradcheck ("conv db", b, db, l->n_bias, conv_loss, &c);
  gradcheck ("conv din", in, din, n_in, conv_loss, &c);

  /* accumulation: a second backward adds the same again */
  {
    g_autofree float *dw2 = g_memdup2 (dw, sizeof (float) * l->n_weights);

    conv_loss (&c);
    cnn_conv_backward (l, w, col, r, dw2, db, NULL);
    for (gsize i = 0; i < l->n_weights; i++)
      g_assert_cmpfloat_with_epsilon (dw2[i], 2.0f * dw[i], 1e-4f * (1.0f + fabsf (dw[i])));
  }
}

static void
test_conv_gradients (void)
{
  check_conv ("conv3x3x8 dense2", 0);                          /* 1 → 8, same */
  check_conv ("conv3x3x3 conv3x3x16 dense2", 1);               /* 3 → 16, same */
  check_conv ("conv3x3x2 conv5x5x5-valid dense2", 1);          /* 2 → 5, valid, odd width */
  check_conv ("conv3x3x4-valid dense2", 0);
  check_conv ("conv3x3x2 pool2 conv3x3x32 dense2", 2);         /* 2 → 32 on 4×4 */
}

static double
pool_loss (gpointer data)
{
  LayerCase *c = data;

  cnn_pool_forward (c->l, c->in, c->out, c->arg);
  return weighted_sum (c->out, c->r, c->n_out);
}

static void
test_pool_gradients (void)
{
  g_autoptr(CnnNet) net = cnn_net_new ("conv3x3x3-valid pool2 dense2", NULL);  /* 6×6×3 → 3×3×3 */
  const CnnLayer *l = &net->layers[1];
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  float in[108], out[27], r[27], din[108];
  guint32 arg[27];
  LayerCase c = { l, NULL, NULL, in, NULL, out, r, arg, 27 };

  /* distinct values more than 2h apart, so the argmax does not flip */
  for (int i = 0; i < 108; i++)
    in[i] = (float) ((i * 37) % 108) * 0.05f;
  fill_random (rand, r, 27, -1, 1);
  pool_loss (&c);
  cnn_pool_backward (l, arg, r, din);
  gradcheck ("pool din", in, din, 108, pool_loss, &c);
}

static double
relu_loss (gpointer data)
{
  LayerCase *c = data;

  cnn_relu_forward (c->n_out, c->in, c->out);
  return weighted_sum (c->out, c->r, c->n_out);
}

static void
test_relu_gradients (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  float in[50], out[50], r[50], din[50];
  LayerCase c = { NULL, NULL, NULL, in, NULL, out, r, NULL, 50 };

  for (int i = 0; i < 50; i++)
    in[i] = (float) ((i % 2) ? 1 : -1) * (float) g_rand_double_range (rand, 0.1, 1.0);
  fill_random (rand, r, 50, -1, 1);
  relu_loss (&c);
  cnn_relu_backward (50, out, r, din);
  gradcheck ("relu din", in, din, 50, relu_loss, &c);
}

static double
dense_loss (gpointer data)
{
  LayerCase *c = data;

  cnn_dense_forward (37, 11, c->w, c->b, c->in, c->out);
  return weighted_sum (c->out, c->r, c->n_out);
}

static void
test_dense_gradients (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  float w[37 * 11], b[11], in[37], out[11], r[11];
  float dw[37 * 11] = { 0 }, db[11] = { 0 }, din[37];
  LayerCase c = { NULL, w, b, in, NULL, out, r, NULL, 11 };

  fill_random (rand, w, G_N_ELEMENTS (w), -1, 1);
  fill_random (rand, b, 11, -1, 1);
  fill_random (rand, in, 37, -1, 1);
  fill_random (rand, r, 11, -1, 1);
  dense_loss (&c);
  cnn_dense_backward (37, 11, w, in, r, dw, db, din);
  gradcheck ("dense dW", w, dw, G_N_ELEMENTS (w), dense_loss, &c);
  gradcheck ("dense db", b, db, 11, dense_loss, &c);
  gradcheck ("dense din", in, din, 37, dense_loss, &c);
}

typedef struct {
  float *logits;
  int n, label;
} XentCase;

static double
xent_loss (gpointer data)
{
  XentCase *c = data;
  float probs[16], d[16];

  cnn_softmax_forward (c->n, c->logits, probs);
  return cnn_softmax_xent_backward (c->n, probs, c->label, d);
}

static void
test_softmax_xent_gradients (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  float logits[10], probs[10], d[10];
  XentCase c = { logits, 10, 3 };

  fill_random (rand, logits, 10, -3, 3);
  cnn_softmax_forward (10, logits, probs);
  cnn_softmax_xent_backward (10, probs, 3, d);
  gradcheck ("softmax+xent dlogits", logits, d, 10, xent_loss, &c);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/layer/conv/known-impulse", test_conv_known_impulse);
  g_test_add_func ("/layer/conv/known-padding", test_conv_known_padding);
  g_test_add_func ("/layer/pool/known", test_pool_known);
  g_test_add_func ("/layer/relu/known", test_relu_known);
  g_test_add_func ("/layer/softmax/known", test_softmax_known);
  g_test_add_func ("/layer/conv/gradients", test_conv_gradients);
  g_test_add_func ("/layer/pool/gradients", test_pool_gradients);
  g_test_add_func ("/layer/relu/gradients", test_relu_gradients);
  g_test_add_func ("/layer/dense/gradients", test_dense_gradients);
  g_test_add_func ("/layer/softmax-xent/gradients", test_softmax_xent_gradients);
  return g_test_run ();
}
