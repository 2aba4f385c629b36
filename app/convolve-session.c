/* convolve-session.c — the current network and the pass over the drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "convolve-session.h"

struct _ConvolveSession
{
  GObject parent_instance;

  CnnNet *net;
  CnnWorkspace *ws;
  float *baseline;         /* [n_params]: the weights "dirty" compares with */
  float baseline_temperature;
  float *start;            /* [n_params]: the weights the current run started from */
  GFile *file;
  char *slot;
  char *title;
  gboolean dirty;

  guint8 *ink;             /* the drawing: ink_side² bytes */
  int ink_side;
  gboolean empty;
  gboolean normalize;
  gboolean saliency;
  int offset_x, offset_y;  /* cells, applied after normalising */

  float input[CNN_INPUT_SIZE];
  const float *probs;      /* in ws, after the last pass */
  int top_class;
  float saliency_map[CNN_INPUT_SIZE];
  float *onehot;           /* [n_classes], scratch for the saliency pass */
};

G_DEFINE_FINAL_TYPE (ConvolveSession, convolve_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NET,
  PROP_FILE,
  PROP_TITLE,
  PROP_SLOT,
  PROP_DIRTY,
  PROP_NORMALIZE,
  PROP_SALIENCY,
  PROP_TOP_CLASS,
  PROP_EMPTY,
  PROP_OFFSET_X,
  PROP_OFFSET_Y,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  SIGNAL_WEIGHTS_CHANGED,
  SIGNAL_START_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Saliency: d(logit of the top class)/d(input), scaled by its largest |g|
 * to −1..1, with respect to what the network saw (the normalised drawing
 * when normalising is on). */
static void
compute_saliency (ConvolveSession *self)
{
  const float *grad;
  float peak = 0.0f;

  memset (self->onehot, 0, sizeof (float) * self->net->n_classes);
  self->onehot[self->top_class] = 1.0f;
  cnn_net_backward_from_logits (self->net, self->ws, self->onehot, NULL, TRUE);
  grad = cnn_workspace_input_grad (self->ws);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    peak = MAX (peak, fabsf (grad[i]));
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    self->saliency_map[i] = peak > 0.0f ? grad[i] / peak : 0.0f;
}

/* The forward pass over the current input, once per change */
static void
run (ConvolveSession *self)
{
  int top;

  if (self->net == NULL)
    return;

  if (self->ink == NULL)
    memset (self->input, 0, sizeof self->input);
  else if (self->normalize)
    {
      cnn_ink_normalize (self->ink, self->ink_side, self->input);
      /* the nudge: a normalised drawing is always centred, so moving the
       * ink would not move what the network sees */
      if (self->offset_x != 0 || self->offset_y != 0)
        {
          float centred[CNN_INPUT_SIZE];

          memcpy (centred, self->input, sizeof centred);
          cnn_shift_image (centred, self->input, self->offset_x, self->offset_y);
        }
    }
  else
    cnn_ink_count (self->ink, self->ink_side, self->input);

  self->probs = cnn_net_forward (self->net, self->ws, self->input);
  top = self->empty ? -1 : cnn_argmax (self->probs, self->net->n_classes);
  if (top >= 0 && self->saliency)
    {
      self->top_class = top;
      compute_saliency (self);
    }
  if (top != self->top_class)
    {
      self->top_class = top;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOP_CLASS]);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
set_dirty (ConvolveSession *self,
           gboolean         dirty)
{
  if (dirty == self->dirty)
    return;
  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static gboolean
differs_from_baseline (ConvolveSession *self)
{
  return self->net->temperature != self->baseline_temperature
         || memcmp (self->net->params, self->baseline, sizeof (float) * self->net->n_params) != 0;
}

static void
take_baseline (ConvolveSession *self)
{
  g_free (self->baseline);
  self->baseline = g_memdup2 (self->net->params, sizeof (float) * self->net->n_params);
  self->baseline_temperature = self->net->temperature;
}

/* The slot and the title follow from the spec and the file */
static void
update_identity (ConvolveSession *self)
{
  const CnnPreset *preset = cnn_preset_for_spec (self->net->spec);
  g_autofree char *slot = NULL;
  g_autofree char *title = NULL;

  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);
      g_autoptr (GFileInfo) info = g_file_query_info (self->file,
                                                      G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                      G_FILE_QUERY_INFO_NONE, NULL, NULL);

      slot = g_strconcat ("file:", uri, NULL);
      title = info != NULL ? g_strdup (g_file_info_get_display_name (info))
                           : g_file_get_basename (self->file);
    }
  else if (preset != NULL)
    {
      slot = g_strdup (preset->id);
      title = g_strdup (_(preset->title));
    }
  else
    {
      slot = g_strconcat ("spec:", self->net->spec, NULL);
      title = g_strdup (_("Custom network"));
    }

  if (g_strcmp0 (slot, self->slot) != 0)
    {
      g_free (self->slot);
      self->slot = g_steal_pointer (&slot);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLOT]);
    }
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

static void
convolve_session_finalize (GObject *object)
{
  ConvolveSession *self = CONVOLVE_SESSION (object);

  g_clear_pointer (&self->ws, cnn_workspace_free);
  g_clear_pointer (&self->net, cnn_net_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->baseline, g_free);
  g_clear_pointer (&self->start, g_free);
  g_clear_pointer (&self->slot, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->ink, g_free);
  g_clear_pointer (&self->onehot, g_free);

  G_OBJECT_CLASS (convolve_session_parent_class)->finalize (object);
}

static void
convolve_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConvolveSession *self = CONVOLVE_SESSION (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_boxed (value, self->net);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SLOT:
      g_value_set_string (value, self->slot);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_NORMALIZE:
      g_value_set_boolean (value, self->normalize);
      break;
    case PROP_OFFSET_X:
      g_value_set_int (value, self->offset_x);
      break;
    case PROP_OFFSET_Y:
      g_value_set_int (value, self->offset_y);
      break;
    case PROP_SALIENCY:
      g_value_set_boolean (value, self->saliency);
      break;
    case PROP_TOP_CLASS:
      g_value_set_int (value, self->top_class);
      break;
    case PROP_EMPTY:
      g_value_set_boolean (value, self->empty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_session_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConvolveSession *self = CONVOLVE_SESSION (object);

  switch (prop_id)
    {
    case PROP_NORMALIZE:
      convolve_session_set_normalize (self, g_value_get_boolean (value));
      break;
    case PROP_SALIENCY:
      convolve_session_set_saliency (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_session_class_init (ConvolveSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = convolve_session_finalize;
  object_class->get_property = convolve_session_get_property;
  object_class->set_property = convolve_session_set_property;

  properties[PROP_NET] =
    g_param_spec_boxed ("net", NULL, NULL, CNN_TYPE_NET,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLOT] =
    g_param_spec_string ("slot", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NORMALIZE] =
    g_param_spec_boolean ("normalize", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SALIENCY] =
    g_param_spec_boolean ("saliency", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOP_CLASS] =
    g_param_spec_int ("top-class", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFSET_X] =
    g_param_spec_int ("offset-x", NULL, NULL, -CONVOLVE_SESSION_MAX_OFFSET,
                      CONVOLVE_SESSION_MAX_OFFSET, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFSET_Y] =
    g_param_spec_int ("offset-y", NULL, NULL, -CONVOLVE_SESSION_MAX_OFFSET,
                      CONVOLVE_SESSION_MAX_OFFSET, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_WEIGHTS_CHANGED] =
    g_signal_new ("weights-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_START_CHANGED] =
    g_signal_new ("start-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
convolve_session_init (ConvolveSession *self)
{
  self->normalize = TRUE;
  self->empty = TRUE;
  self->top_class = -1;
}

ConvolveSession *
convolve_session_new (void)
{
  return g_object_new (CONVOLVE_TYPE_SESSION, NULL);
}

void
convolve_session_set_net (ConvolveSession *self,
                          CnnNet          *net,
                          GFile           *file)
{
  g_return_if_fail (CONVOLVE_IS_SESSION (self));
  g_return_if_fail (net != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_object_freeze_notify (G_OBJECT (self));

  cnn_net_ref (net);
  g_clear_pointer (&self->ws, cnn_workspace_free);
  g_clear_pointer (&self->net, cnn_net_unref);
  self->net = net;
  self->ws = cnn_workspace_new (net);
  g_free (self->onehot);
  self->onehot = g_new0 (float, net->n_classes);
  take_baseline (self);
  g_free (self->start);
  self->start = g_memdup2 (net->params, sizeof (float) * net->n_params);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  update_identity (self);
  set_dirty (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
  run (self);

  g_object_thaw_notify (G_OBJECT (self));
  /* after "notify::net": the views have the new network's shape by then */
  g_signal_emit (self, signals[SIGNAL_START_CHANGED], 0);
}

CnnNet *
convolve_session_get_net (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), NULL);
  return self->net;
}

gboolean
convolve_session_set_weights (ConvolveSession      *self,
                              const float          *params,
                              gsize                 n_params,
                              float                 temperature,
                              const CnnTrainRecord *record)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (self->net == NULL || n_params != self->net->n_params)
    return FALSE;
  /* how they were trained goes with the weights, but is no change itself */
  self->net->has_record = record != NULL;
  if (record != NULL)
    self->net->record = *record;
  if (temperature == self->net->temperature
      && memcmp (self->net->params, params, sizeof (float) * n_params) == 0)
    return TRUE;

  memcpy (self->net->params, params, sizeof (float) * n_params);
  self->net->temperature = temperature;
  set_dirty (self, differs_from_baseline (self));
  g_signal_emit (self, signals[SIGNAL_WEIGHTS_CHANGED], 0);
  run (self);
  return TRUE;
}

/* TRUE when it changed (the caller runs the pass) */
static gboolean
set_offset (ConvolveSession *self,
            int              dx,
            int              dy)
{
  if (dx == self->offset_x && dy == self->offset_y)
    return FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  if (dx != self->offset_x)
    {
      self->offset_x = dx;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET_X]);
    }
  if (dy != self->offset_y)
    {
      self->offset_y = dy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

void
convolve_session_set_drawing (ConvolveSession *self,
                              const guint8    *ink,
                              int              side)
{
  gboolean empty = TRUE;
  gsize n;

  g_return_if_fail (CONVOLVE_IS_SESSION (self));
  g_return_if_fail (ink != NULL);
  g_return_if_fail (side > 0 && side % CNN_INPUT_W == 0);

  n = (gsize) side * side;
  if (side != self->ink_side)
    {
      g_free (self->ink);
      self->ink = g_malloc (n);
      self->ink_side = side;
    }
  memcpy (self->ink, ink, n);
  for (gsize i = 0; i < n && empty; i++)
    empty = ink[i] == 0;

  if (empty != self->empty)
    {
      self->empty = empty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
    }
  /* a new drawing starts centred */
  if (empty)
    set_offset (self, 0, 0);
  run (self);
}

gboolean
convolve_session_get_empty (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), TRUE);
  return self->empty;
}

void
convolve_session_set_normalize (ConvolveSession *self,
                                gboolean         normalize)
{
  g_return_if_fail (CONVOLVE_IS_SESSION (self));

  normalize = !!normalize;
  if (normalize == self->normalize)
    return;
  self->normalize = normalize;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NORMALIZE]);
  /* without normalising a nudge moves the ink itself */
  set_offset (self, 0, 0);
  run (self);
}

gboolean
convolve_session_nudge (ConvolveSession *self,
                        int              dx,
                        int              dy)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), FALSE);

  if (!self->normalize)
    return FALSE;
  if (self->empty)
    return TRUE;
  if (!set_offset (self,
                   CLAMP (self->offset_x + dx, -CONVOLVE_SESSION_MAX_OFFSET, CONVOLVE_SESSION_MAX_OFFSET),
                   CLAMP (self->offset_y + dy, -CONVOLVE_SESSION_MAX_OFFSET, CONVOLVE_SESSION_MAX_OFFSET)))
    return TRUE;
  run (self);
  return TRUE;
}

void
convolve_session_get_offset (ConvolveSession *self,
                             int             *dx,
                             int             *dy)
{
  g_return_if_fail (CONVOLVE_IS_SESSION (self));

  if (dx != NULL)
    *dx = self->offset_x;
  if (dy != NULL)
    *dy = self->offset_y;
}

gboolean
convolve_session_get_normalize (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), TRUE);
  return self->normalize;
}

void
convolve_session_set_saliency (ConvolveSession *self,
                               gboolean         saliency)
{
  g_return_if_fail (CONVOLVE_IS_SESSION (self));

  saliency = !!saliency;
  if (saliency == self->saliency)
    return;
  self->saliency = saliency;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SALIENCY]);
  run (self);
}

gboolean
convolve_session_get_saliency (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), FALSE);
  return self->saliency;
}

const float *
convolve_session_get_input (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), NULL);
  return self->input;
}

const float *
convolve_session_get_probabilities (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), NULL);
  return self->probs;
}

int
convolve_session_get_top_class (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), -1);
  return self->top_class;
}

const float *
convolve_session_get_saliency_map (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), NULL);
  return self->saliency && self->top_class >= 0 ? self->saliency_map : NULL;
}

void
convolve_session_get_activations (ConvolveSession *self,
                                  CnnActivations  *out)
{
  g_return_if_fail (CONVOLVE_IS_SESSION (self));
  g_return_if_fail (self->ws != NULL);

  cnn_workspace_get_activations (self->ws, out);
  /* the saliency pass leaves gradients behind: they are not a loss's */
  out->grads = NULL;
}

CnnWorkspace *
convolve_session_get_workspace (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), NULL);
  return self->ws;
}

GFile *
convolve_session_get_file (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), NULL);
  return self->file;
}

void
convolve_session_mark_saved (ConvolveSession *self,
                             GFile           *file)
{
  g_return_if_fail (CONVOLVE_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->net != NULL);

  take_baseline (self);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  update_identity (self);
  set_dirty (self, FALSE);
}

gboolean
convolve_session_get_dirty (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), FALSE);
  return self->dirty;
}

gboolean
convolve_session_weights_equal (ConvolveSession *self,
                                const CnnNet    *net)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (net != NULL, FALSE);

  return self->net != NULL && cnn_net_same_shape (self->net, net)
         && self->net->temperature == net->temperature
         && memcmp (self->net->params, net->params, sizeof (float) * net->n_params) == 0;
}

const char *
convolve_session_get_slot (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), NULL);
  return self->slot;
}

const char *
convolve_session_get_title (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), NULL);
  return self->title;
}

void
convolve_session_set_start (ConvolveSession *self,
                            const float     *params,
                            gsize            n_params)
{
  g_return_if_fail (CONVOLVE_IS_SESSION (self));
  g_return_if_fail (params != NULL);
  g_return_if_fail (self->net != NULL && n_params == self->net->n_params);

  memcpy (self->start, params, sizeof (float) * n_params);
  g_signal_emit (self, signals[SIGNAL_START_CHANGED], 0);
}

const float *
convolve_session_get_start (ConvolveSession *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SESSION (self), NULL);
  return self->start;
}
