/* cnn-net.c — spec parsing, shape inference and the parameter blob
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parser allocates nothing proportional to the spec's text: tokens are
 * read in place, at most CNN_LIMIT_TOKEN_BYTES each, and the size of the
 * network (layers, parameters, activations) is summed while parsing and
 * checked against cnn-limits.h before anything of that size is allocated.
 */
#include "config.h"

#include "cnn-net.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cnn-error.h"
#include "cnn-limits.h"

#define MAX_CHANNELS 256
#define MAX_KERNEL   7
#define MAX_DENSE    4096

float *
cnn_blob_try_new (gsize    n,
                  GError **error)
{
  gsize bytes;
  float *blob;

  /* 64-byte aligned so a whole AVX-512 vector never straddles a line */
  if (n > (G_MAXSIZE - 63) / sizeof (float))
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_NO_MEMORY,
                   _("Out of memory: %llu numbers do not fit in memory"), (unsigned long long) n);
      return NULL;
    }
  bytes = ((MAX (n, 1) * sizeof (float)) + 63) & ~(gsize) 63;
  blob = aligned_alloc (64, bytes);
  if (blob == NULL)
    {
      g_autofree char *size = g_format_size (bytes);

      g_set_error (error, CNN_ERROR, CNN_ERROR_NO_MEMORY,
                   _("Out of memory: %s could not be allocated"), size);
      return NULL;
    }
  memset (blob, 0, bytes);
  return blob;
}

float *
cnn_blob_new (gsize n)
{
  g_autoptr(GError) error = NULL;
  float *blob = cnn_blob_try_new (n, &error);

  /* like g_malloc: for sizes the engine derives from a network that
   * already passed the limits, so running out here is the machine's fault */
  if (blob == NULL)
    g_error ("%s", error->message);
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

/* Fills layer from token (lower case, at most CNN_LIMIT_TOKEN_BYTES)
 * given its input shape. */
static gboolean
parse_token (const char  *token,
             CnnShape     in,
             CnnLayer    *layer,
             GError     **error)
{
  const char *p = token;
  g_autofree char *in_str = shape_string (in);
  g_autofree char *quoted = cnn_limits_quote (token, -1);

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
                       _("“%s”: expected conv<K>x<K>x<N>, for example conv3x3x8"), quoted);
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
                       _("“%s”: padding must be -same or -valid"), quoted);
          return FALSE;
        }
      if (k1 != k2 || k1 < 1 || k1 > MAX_KERNEL)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       _("“%s”: the kernel must be square, 1×1 to %d×%d"), quoted, MAX_KERNEL, MAX_KERNEL);
          return FALSE;
        }
      if (layer->pad > 0 && k1 % 2 == 0)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       _("“%s”: same padding needs an odd kernel size"), quoted);
          return FALSE;
        }
      if (n < 1 || n > MAX_CHANNELS)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       _("“%s”: 1 to %d filters"), quoted, MAX_CHANNELS);
          return FALSE;
        }
      if (in.h == 1 && in.w == 1 && in.c > 1 && k1 > 1)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       _("“%s” cannot follow a flattened or dense layer (input %s)"), quoted, in_str);
          return FALSE;
        }
      layer->out.h = in.h + 2 * layer->pad - k1 + 1;
      layer->out.w = in.w + 2 * layer->pad - k1 + 1;
      layer->out.c = n;
      if (layer->out.h < 1 || layer->out.w < 1)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       _("“%s” does not fit its %s input: the kernel is larger than the map"),
                       quoted, in_str);
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
                       _("“%s” needs at least a 2×2 input, but its input is %s"), quoted, in_str);
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
                       _("“%s”: expected dense<N>, for example dense10"), quoted);
          return FALSE;
        }
      if (n < 1 || n > MAX_DENSE)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       _("“%s”: 1 to %d outputs"), quoted, MAX_DENSE);
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
                   _("unknown layer “%s” (known: conv<K>x<K>x<N>, relu, pool2, flatten, dense<N>, softmax)"),
                   quoted);
      return FALSE;
    }

  return TRUE;
}

static inline gboolean
is_separator (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ';';
}

/* What one sample's forward pass keeps for layer l: its output, and for a
 * conv its im2col columns [out.h·out.w][k·k·c_in]. */
static guint64
layer_activations (const CnnLayer *l)
{
  guint64 n = cnn_shape_size (l->out);

  if (l->kind == CNN_LAYER_CONV)
    n += (guint64) l->out.h * l->out.w * cnn_layer_patch_size (l);
  return n;
}

/* Adds layer to the running size; FALSE with an error naming the limit and
 * the token that passes it (layer is the 1-based position). */
static gboolean
add_to_size (CnnSpecSize    *size,
             const CnnLayer *l,
             const char     *token,
             int             layer,
             GError        **error)
{
  g_autofree char *quoted = cnn_limits_quote (token, -1);
  guint64 params = (guint64) size->n_params + l->n_weights + l->n_bias;
  guint64 activations = (guint64) size->n_activations + layer_activations (l);

  if (params > CNN_LIMIT_PARAMS)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                   _("“%s” (layer %d) takes the network to %llu weights and biases; "
                     "the limit is %llu"),
                   quoted, layer, (unsigned long long) params,
                   (unsigned long long) CNN_LIMIT_PARAMS);
      return FALSE;
    }
  if (activations > CNN_LIMIT_ACTIVATIONS)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                   _("“%s” (layer %d) takes the values one pass keeps to %llu; "
                     "the limit is %llu"),
                   quoted, layer, (unsigned long long) activations,
                   (unsigned long long) CNN_LIMIT_ACTIVATIONS);
      return FALSE;
    }
  size->n_params = (gsize) params;
  size->n_activations = (gsize) activations;
  return TRUE;
}

/* Parses spec into a new array of layers (no patch tables, no offsets) and
 * its size; the layer count is that of the normalised network, the
 * appended softmax included, so whatever this accepts its own normalised
 * spec is accepted too. */
static CnnLayer *
parse_spec (const char   *spec,
            int          *n_layers_out,
            CnnSpecSize  *size_out,
            GError      **error)
{
  g_autofree CnnLayer *layers = NULL;
  CnnShape shape = { CNN_INPUT_H, CNN_INPUT_W, 1 };
  CnnSpecSize size = { 0, 0, CNN_INPUT_SIZE };
  const char *p = spec;
  int n = 0;

  g_return_val_if_fail (spec != NULL, NULL);

  if (strnlen (spec, CNN_LIMIT_SPEC_BYTES + 1) > CNN_LIMIT_SPEC_BYTES)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                   _("the spec is longer than %d bytes, the limit"), CNN_LIMIT_SPEC_BYTES);
      return NULL;
    }

  layers = g_new0 (CnnLayer, CNN_LIMIT_LAYERS + 1);
  for (;;)
    {
      char token[CNN_LIMIT_TOKEN_BYTES + 1];
      const char *start;
      gsize len;

      while (is_separator (*p))
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !is_separator (*p))
        p++;
      len = (gsize) (p - start);
      if (len > CNN_LIMIT_TOKEN_BYTES)
        {
          g_autofree char *quoted = cnn_limits_quote (start, (gssize) len);

          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       _("“%s” is longer than %d characters, the limit for one layer"),
                       quoted, CNN_LIMIT_TOKEN_BYTES);
          return NULL;
        }
      for (gsize i = 0; i < len; i++)
        token[i] = g_ascii_tolower (start[i]);
      token[len] = '\0';

      if (n > 0 && layers[n - 1].kind == CNN_LAYER_SOFTMAX)
        {
          g_autofree char *quoted = cnn_limits_quote (token, -1);

          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       _("“%s” after softmax: softmax must be the last layer"), quoted);
          return NULL;
        }
      if (n == CNN_LIMIT_LAYERS)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       _("too many layers (at most %d)"), CNN_LIMIT_LAYERS);
          return NULL;
        }
      if (!parse_token (token, shape, &layers[n], error)
          || !add_to_size (&size, &layers[n], token, n + 1, error))
        return NULL;
      shape = layers[n].out;
      n++;
    }

  if (n == 0)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                   _("the spec is empty; for example: %s"), CNN_SPEC_DIGITS);
      return NULL;
    }
  if (layers[n - 1].kind != CNN_LAYER_SOFTMAX)
    {
      /* counted after normalisation: the softmax appended is a layer too */
      if (n == CNN_LIMIT_LAYERS)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                       _("too many layers: %d and the softmax after them (at most %d)"),
                       n, CNN_LIMIT_LAYERS);
          return NULL;
        }
      layers[n] = (CnnLayer) { .kind = CNN_LAYER_SOFTMAX, .in = shape, .out = shape };
      if (!add_to_size (&size, &layers[n], "softmax", n + 1, error))
        return NULL;
      n++;
    }
  if (n < 2 || layers[n - 2].kind != CNN_LAYER_DENSE)
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_SPEC,
                           _("the last layer must be dense<N> (one output per class), "
                             "for example … flatten dense10"));
      return NULL;
    }
  if (layers[n - 1].out.c < 2)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_SPEC,
                   _("the last dense layer has %d output; a classifier needs at least 2"),
                   layers[n - 1].out.c);
      return NULL;
    }

  size.n_layers = n;
  *n_layers_out = n;
  if (size_out != NULL)
    *size_out = size;
  return g_steal_pointer (&layers);
}

gboolean
cnn_spec_measure (const char   *spec,
                  CnnSpecSize  *size,
                  GError      **error)
{
  g_autofree CnnLayer *layers = NULL;
  int n;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  layers = parse_spec (spec, &n, size, error);
  return layers != NULL;
}

gboolean
cnn_spec_validate (const char  *spec,
                   GError     **error)
{
  return cnn_spec_measure (spec, NULL, error);
}

/* NULL when the memory cannot be had; the size is bounded by
 * CNN_LIMIT_ACTIVATIONS, but a spec decides it. */
static guint32 *
make_patch_index (const CnnLayer *l)
{
  const int K = cnn_layer_patch_size (l);
  const guint32 pad_slot = (guint32) cnn_shape_size (l->in);
  guint32 *idx = g_try_new (guint32, (gsize) l->out.h * l->out.w * K);
  guint32 *q = idx;

  if (idx == NULL)
    return NULL;
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
  g_autoptr(CnnNet) net = NULL;
  CnnLayer *layers;
  gsize offset = 0;
  int n;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* the parser has checked every size below against cnn-limits.h */
  layers = parse_spec (spec, &n, NULL, error);
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
        {
          l->patch_index = make_patch_index (l);
          if (l->patch_index == NULL)
            {
              g_set_error_literal (error, CNN_ERROR, CNN_ERROR_NO_MEMORY,
                                   _("Out of memory: the network’s index tables could not be allocated"));
              return NULL;
            }
        }
    }
  net->n_params = offset;
  net->params = cnn_blob_try_new (offset, error);
  if (net->params == NULL)
    return NULL;

  return g_steal_pointer (&net);
}

CnnNet *
cnn_net_copy (const CnnNet *net)
{
  g_autoptr(GError) error = NULL;
  CnnNet *copy;

  g_return_val_if_fail (net != NULL, NULL);

  /* A normalised spec always parses again (the layer count is checked
   * after normalisation), so the only failure left is memory for a
   * network that already exists once: abort as g_malloc would. */
  copy = cnn_net_new (net->spec, &error);
  if (copy == NULL)
    g_error ("cannot copy the network “%s”: %s", net->spec, error->message);
  g_assert (copy->n_params == net->n_params);
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
  for (int i = 0; i < net->n_layers && net->layers != NULL; i++)
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

void
cnn_net_init_weights_from_seed (CnnNet  *net,
                                guint64  seed)
{
  CnnRng rng;

  g_return_if_fail (net != NULL);
  cnn_rng_init (&rng, seed);
  cnn_net_init_weights (net, &rng);
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
      /* the caption under a layer's name in the trace, the filters view and
       * the detail window: shown to the user, so translated */
      if (l->pad == 0 && l->k > 1)
        /* TRANSLATORS: a convolution without padding ("valid"): kernel
         * size, kernel size, filters, output shape */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "conv %d×%d valid, %d filter → %s",
                                             "conv %d×%d valid, %d filters → %s", l->out.c),
                                l->k, l->k, l->out.c, out);
      /* TRANSLATORS: kernel size, kernel size, filters, output shape */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "conv %d×%d, %d filter → %s",
                                           "conv %d×%d, %d filters → %s", l->out.c),
                              l->k, l->k, l->out.c, out);
    case CNN_LAYER_RELU:
      return g_strdup_printf (_("ReLU → %s"), out);
    case CNN_LAYER_POOL:
      return g_strdup_printf (_("max-pool 2×2 → %s"), out);
    case CNN_LAYER_FLATTEN:
      return g_strdup_printf (_("flatten → %s"), out);
    case CNN_LAYER_DENSE:
      return g_strdup_printf (_("dense → %s"), out);
    case CNN_LAYER_SOFTMAX:
      return g_strdup_printf (_("softmax → %s"), out);
    default:
      g_assert_not_reached ();
    }
}
