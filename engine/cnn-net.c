/* cnn-net.c — spec parsing, shape inference and the parameter blob
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cnn-net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cnn-error.h"

#define MAX_LAYERS   64
#define MAX_CHANNELS 256
#define MAX_KERNEL   7
#define MAX_DENSE    4096

float *
cnn_blob_new (gsize n)
{
  /* 64-byte aligned so a whole AVX-512 vector never straddles a line */
  gsize bytes = ((MAX (n, 1) * sizeof (float)) + 63) & ~(gsize) 63;
  float *blob = aligned_alloc (64, bytes);

  if (blob == NULL)
    g_error ("out of memory allocating %" G_GSIZE_FORMAT " bytes", bytes);
  memset (blob, 0, bytes);
  return blob;
}

void
cnn_blob_free (float *blob)
{
  free (blob);
}

/* Parses a positive integer at *p, advancing it; FALSE if none or too big. */
static gboolean
parse_int (const char **p,
           int         *value)
{
  gint64 v = 0;

  if (!g_ascii_isdigit (**p))
    return FALSE;
  while (g_ascii_isdigit (**p))
    {
      v = v * 10 + (**p - '0');
      if (v > G_MAXINT / 2)
        return FALSE;
      (*p)++;
    }
  *value = (int) v;
  return TRUE;
}

static char *
shape_string (CnnShape s)
{
  if (s.h == 1 && s.w == 1)
    return g_strdup_printf ("%d", s.c);
  return g_strdup_printf ("%d×%d×%d", s.h, s.w, s.c);
}

/* Fills layer from token (lower case) given its input shape. */
static gboolean
parse_token (const char  *token,
             CnnShape     in,
             CnnLayer    *layer,
             GError     **error)
{
  const char *p = token;
  g_autofree char *in_str = shape_string (in);

  memset (layer, 0, sizeof *layer);
  layer->in = in;
  layer->out = in;

  if (g_str_has_prefix (token, "conv"))
    {
      int k1, k2, n;

      p += 4;
      if (!parse_int (&p, &k1) || *p++ != 'x' || !parse_int (&p, &k2) || *p++ != 'x'
          || !parse_int (&p, &n))
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s”: expected conv<K>x<K>x<N>, for example conv3x3x8", token);
          return FALSE;
        }
      layer->kind = CNN_LAYER_CONV;
      layer->k = k1;
      if (*p == '\0' || strcmp (p, "-same") == 0)
        layer->pad = k1 / 2;
      else if (strcmp (p, "-valid") == 0)
        layer->pad = 0;
      else
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s”: padding must be -same or -valid", token);
          return FALSE;
        }
      if (k1 != k2 || k1 < 1 || k1 > MAX_KERNEL)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s”: the kernel must be square, 1×1 to %d×%d", token, MAX_KERNEL, MAX_KERNEL);
          return FALSE;
        }
      if (layer->pad > 0 && k1 % 2 == 0)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s”: same padding needs an odd kernel size", token);
          return FALSE;
        }
      if (n < 1 || n > MAX_CHANNELS)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s”: 1 to %d filters", token, MAX_CHANNELS);
          return FALSE;
        }
      if (in.h == 1 && in.w == 1 && in.c > 1 && k1 > 1)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s” cannot follow a flattened or dense layer (input %s)", token, in_str);
          return FALSE;
        }
      layer->out.h = in.h + 2 * layer->pad - k1 + 1;
      layer->out.w = in.w + 2 * layer->pad - k1 + 1;
      layer->out.c = n;
      if (layer->out.h < 1 || layer->out.w < 1)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s” does not fit its %s input: the kernel is larger than the map",
                       token, in_str);
          return FALSE;
        }
      layer->n_weights = (gsize) k1 * k1 * in.c * n;
      layer->n_bias = n;
    }
  else if (strcmp (token, "relu") == 0)
    layer->kind = CNN_LAYER_RELU;
  else if (strcmp (token, "pool2") == 0)
    {
      layer->kind = CNN_LAYER_POOL;
      layer->k = 2;
      if (in.h < 2 || in.w < 2)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s” needs at least a 2×2 input, but its input is %s", token, in_str);
          return FALSE;
        }
      layer->out.h = in.h / 2;
      layer->out.w = in.w / 2;
    }
  else if (strcmp (token, "flatten") == 0)
    {
      layer->kind = CNN_LAYER_FLATTEN;
      layer->out = (CnnShape) { 1, 1, (int) cnn_shape_size (in) };
    }
  else if (g_str_has_prefix (token, "dense"))
    {
      int n;

      p += 5;
      if (!parse_int (&p, &n) || *p != '\0')
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s”: expected dense<N>, for example dense10", token);
          return FALSE;
        }
      if (n < 1 || n > MAX_DENSE)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s”: 1 to %d outputs", token, MAX_DENSE);
          return FALSE;
        }
      layer->kind = CNN_LAYER_DENSE;
      layer->out = (CnnShape) { 1, 1, n };
      layer->n_weights = cnn_shape_size (in) * n;
      layer->n_bias = n;
    }
  else if (strcmp (token, "softmax") == 0)
    layer->kind = CNN_LAYER_SOFTMAX;
  else
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                   "unknown layer “%s” (known: conv<K>x<K>x<N>, relu, pool2, flatten, dense<N>, softmax)",
                   token);
      return FALSE;
    }

  return TRUE;
}

/* Parses spec into a new array of layers (no patch tables, no offsets). */
static CnnLayer *
parse_spec (const char  *spec,
            int         *n_layers_out,
            GError     **error)
{
  g_auto(GStrv) tokens = NULL;
  g_autofree CnnLayer *layers = NULL;
  CnnShape shape = { CNN_INPUT_H, CNN_INPUT_W, 1 };
  int n = 0;

  g_return_val_if_fail (spec != NULL, NULL);

  {
    g_autofree char *lower = g_ascii_strdown (spec, -1);
    g_strdelimit (lower, "\t\n\r,;", ' ');
    tokens = g_strsplit (g_strstrip (lower), " ", -1);
  }

  layers = g_new0 (CnnLayer, MAX_LAYERS + 1);
  for (int i = 0; tokens[i] != NULL; i++)
    {
      if (tokens[i][0] == '\0')
        continue;
      if (n > 0 && layers[n - 1].kind == CNN_LAYER_SOFTMAX)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "“%s” after softmax: softmax must be the last layer", tokens[i]);
          return NULL;
        }
      if (n == MAX_LAYERS)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       "too many layers (at most %d)", MAX_LAYERS);
          return NULL;
        }
      if (!parse_token (tokens[i], shape, &layers[n], error))
        return NULL;
      shape = layers[n].out;
      n++;
    }

  if (n == 0)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                   "the spec is empty; for example: %s", CNN_SPEC_DIGITS);
      return NULL;
    }
  if (layers[n - 1].kind != CNN_LAYER_SOFTMAX)
    {
      layers[n] = (CnnLayer) { .kind = CNN_LAYER_SOFTMAX, .in = shape, .out = shape };
      n++;
    }
  if (n < 2 || layers[n - 2].kind != CNN_LAYER_DENSE)
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_SPEC,
                           "the last layer must be dense<N> (one output per class), "
                           "for example … flatten dense10");
      return NULL;
    }
  if (layers[n - 1].out.c < 2)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                   "the last dense layer has %d output; a classifier needs at least 2",
                   layers[n - 1].out.c);
      return NULL;
    }

  *n_layers_out = n;
  return g_steal_pointer (&layers);
}

gboolean
cnn_spec_validate (const char  *spec,
                   GError     **error)
{
  int n;
  g_autofree CnnLayer *layers = parse_spec (spec, &n, error);

  return layers != NULL;
}

static guint32 *
make_patch_index (const CnnLayer *l)
{
  const int K = cnn_layer_patch_size (l);
  const guint32 pad_slot = (guint32) cnn_shape_size (l->in);
  guint32 *idx = g_new (guint32, (gsize) l->out.h * l->out.w * K);
  guint32 *q = idx;

  for (int oy = 0; oy < l->out.h; oy++)
    for (int ox = 0; ox < l->out.w; ox++)
      for (int ky = 0; ky < l->k; ky++)
        for (int kx = 0; kx < l->k; kx++)
          {
            int iy = oy + ky - l->pad;
            int ix = ox + kx - l->pad;
            gboolean inside = iy >= 0 && iy < l->in.h && ix >= 0 && ix < l->in.w;

            for (int ci = 0; ci < l->in.c; ci++)
              *q++ = inside ? (guint32) ((iy * l->in.w + ix) * l->in.c + ci) : pad_slot;
          }
  return idx;
}

static char *
normalise_spec (const CnnLayer *layers,
                int             n)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    {
      const CnnLayer *l = &layers[i];

      if (i > 0)
        g_string_append_c (s, ' ');
      switch (l->kind)
        {
        case CNN_LAYER_CONV:
          g_string_append_printf (s, "conv%dx%dx%d%s", l->k, l->k, l->out.c,
                                  l->pad == 0 && l->k > 1 ? "-valid" : "");
          break;
        case CNN_LAYER_POOL:
          g_string_append (s, "pool2");
          break;
        case CNN_LAYER_DENSE:
          g_string_append_printf (s, "dense%d", l->out.c);
          break;
        default:
          g_string_append (s, cnn_layer_kind_name (l->kind));
          break;
        }
    }
  return g_string_free (s, FALSE);
}

CnnNet *
cnn_net_new (const char  *spec,
             GError     **error)
{
  CnnNet *net;
  CnnLayer *layers;
  gsize offset = 0;
  int n;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  layers = parse_spec (spec, &n, error);
  if (layers == NULL)
    return NULL;

  net = g_new0 (CnnNet, 1);
  net->ref_count = 1;
  net->temperature = 1.0f;
  net->input = (CnnShape) { CNN_INPUT_H, CNN_INPUT_W, 1 };
  net->n_layers = n;
  net->layers = layers;
  net->n_classes = layers[n - 1].out.c;
  net->spec = normalise_spec (layers, n);

  for (int i = 0; i < n; i++)
    {
      CnnLayer *l = &layers[i];

      l->w_offset = offset;
      offset += l->n_weights;
      l->b_offset = offset;
      offset += l->n_bias;
      if (l->kind == CNN_LAYER_CONV)
        l->patch_index = make_patch_index (l);
    }
  net->n_params = offset;
  net->params = cnn_blob_new (offset);

  return net;
}

CnnNet *
cnn_net_copy (const CnnNet *net)
{
  CnnNet *copy;

  g_return_val_if_fail (net != NULL, NULL);

  copy = cnn_net_new (net->spec, NULL);
  g_assert (copy != NULL && copy->n_params == net->n_params);
  memcpy (copy->params, net->params, sizeof (float) * net->n_params);
  copy->temperature = net->temperature;
  copy->has_record = net->has_record;
  copy->record = net->record;
  return copy;
}

G_DEFINE_BOXED_TYPE (CnnNet, cnn_net, cnn_net_ref, cnn_net_unref)

CnnNet *
cnn_net_ref (CnnNet *net)
{
  g_return_val_if_fail (net != NULL, NULL);
  g_atomic_int_inc (&net->ref_count);
  return net;
}

void
cnn_net_unref (CnnNet *net)
{
  if (net == NULL || !g_atomic_int_dec_and_test (&net->ref_count))
    return;
  for (int i = 0; i < net->n_layers; i++)
    g_free (net->layers[i].patch_index);
  g_free (net->layers);
  g_free (net->spec);
  cnn_blob_free (net->params);
  g_free (net);
}

int
cnn_argmax (const float *values,
            int          n)
{
  int best = -1;

  g_return_val_if_fail (values != NULL || n <= 0, -1);
  /* NaN (a diverged network) is never the answer */
  for (int i = 0; i < n; i++)
    if (!isnan (values[i]) && (best < 0 || values[i] > values[best]))
      best = i;
  return best;
}

int
cnn_net_explained_conv (const CnnNet *net,
                        int           layer)
{
  g_return_val_if_fail (net != NULL, -1);

  if (layer < 0 || layer >= net->n_layers)
    return -1;
  if (net->layers[layer].kind == CNN_LAYER_CONV)
    return layer;
  if (net->layers[layer].kind == CNN_LAYER_RELU && layer > 0
      && net->layers[layer - 1].kind == CNN_LAYER_CONV)
    return layer - 1;
  return -1;
}

void
cnn_net_init_weights (CnnNet *net,
                      CnnRng *rng)
{
  g_return_if_fail (net != NULL);
  g_return_if_fail (rng != NULL);

  for (int i = 0; i < net->n_layers; i++)
    {
      const CnnLayer *l = &net->layers[i];
      float *w = net->params + l->w_offset;
      float *b = net->params + l->b_offset;
      gsize fan_in;
      float std;

      if (l->n_weights == 0)
        continue;
      fan_in = l->kind == CNN_LAYER_CONV ? (gsize) cnn_layer_patch_size (l) : cnn_shape_size (l->in);
      std = sqrtf (2.0f / (float) fan_in);
      for (gsize j = 0; j < l->n_weights; j++)
        w[j] = std * cnn_rng_normal (rng);
      memset (b, 0, sizeof (float) * l->n_bias);
    }
  net->temperature = 1.0f;
  net->has_record = FALSE;
}

gboolean
cnn_net_same_shape (const CnnNet *a,
                    const CnnNet *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->n_params == b->n_params && g_strcmp0 (a->spec, b->spec) == 0;
}

char *
cnn_net_describe_layer (const CnnNet *net,
                        int           index)
{
  const CnnLayer *l;
  g_autofree char *out = NULL;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (index >= 0 && index < net->n_layers, NULL);

  l = &net->layers[index];
  out = shape_string (l->out);
  switch (l->kind)
    {
    case CNN_LAYER_CONV:
      return g_strdup_printf ("conv %d×%d%s, %d filter%s → %s", l->k, l->k,
                              l->pad == 0 && l->k > 1 ? " valid" : "",
                              l->out.c, l->out.c == 1 ? "" : "s", out);
    case CNN_LAYER_RELU:
      return g_strdup_printf ("ReLU → %s", out);
    case CNN_LAYER_POOL:
      return g_strdup_printf ("max-pool 2×2 → %s", out);
    case CNN_LAYER_FLATTEN:
      return g_strdup_printf ("flatten → %s", out);
    case CNN_LAYER_DENSE:
      return g_strdup_printf ("dense → %s", out);
    case CNN_LAYER_SOFTMAX:
      return g_strdup_printf ("softmax → %s", out);
    default:
      g_assert_not_reached ();
    }
}
