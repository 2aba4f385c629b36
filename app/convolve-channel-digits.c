/* convolve-channel-digits.c — what conv 2's channels respond to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "convolve-a11y.h"
#include "convolve-channel-digits.h"
#include "convolve-deferred.h"
#include "convolve-heatmap.h"

#define K CONVOLVE_CHANNEL_DIGITS_K
/* ranked at most this often while the weights keep changing (training) */
#define THROTTLE_US G_USEC_PER_SEC
#define DIGIT_CELL 4

typedef struct
{
  GtkWidget *card;          /* its tooltip tells the six */
  GtkLabel *caption;
  ConvolveHeatmap *digits[K];
} Channel;

struct _ConvolveChannelDigits
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *note_label;
  GtkFlowBox *channel_box;
  GtkSpinner *spinner;

  ConvolveSession *session;
  int layer;                  /* the second conv layer, −1: none */
  GArray *channels;           /* Channel */
  int *indices;               /* [channels][K] shown, −1: none */
  CnnDataset *train;          /* the training split, for train_classes */
  int train_classes;

  gboolean running;           /* a thread is ranking */
  gboolean stale;             /* changed since the ranking shown */
  gint64 last_start;
  guint throttle_id;
  guint job_id;               /* bumped when a network goes: its ranking is dropped */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (ConvolveChannelDigits, convolve_channel_digits, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- ranking, in a thread ---- */

typedef struct
{
  guint id;
  CnnNet *net;          /* a copy: training changes the session's */
  CnnDataset *train;    /* a copy */
  int layer;
  int channels;
  int *indices;         /* [channels][K], the answer */
  float *maxima;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->net, cnn_net_unref);
  g_clear_pointer (&job->train, cnn_dataset_free);
  g_free (job->indices);
  g_free (job->maxima);
  g_free (job);
}

static void
rank_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (job->net);

  cnn_top_activating (job->net, ws, job->train, job->layer, K, job->indices, job->maxima);
  g_task_return_boolean (task, TRUE);
}

static void show_ranking (ConvolveChannelDigits *self, const Job *job);
static void request (ConvolveChannelDigits *self);

static void
ranked (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  ConvolveChannelDigits *self = CONVOLVE_CHANNEL_DIGITS (source);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (job->id != self->job_id)
    return;
  self->running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;
  show_ranking (self, job);
  gtk_spinner_set_spinning (self->spinner, self->stale);
  if (self->stale)
    request (self);
}

static void
start (ConvolveChannelDigits *self)
{
  CnnNet *net = convolve_session_get_net (self->session);
  g_autoptr (GTask) task = NULL;
  Job *job;

  self->stale = FALSE;
  if (self->layer < 0 || self->train == NULL)
    return;
  job = g_new0 (Job, 1);
  job->id = self->job_id;
  job->net = cnn_net_copy (net);
  job->train = cnn_dataset_copy (self->train);
  job->layer = self->layer;
  job->channels = net->layers[self->layer].out.c;
  job->indices = g_new (int, (gsize) job->channels * K);
  job->maxima = g_new (float, (gsize) job->channels * K);
  self->running = TRUE;
  self->last_start = g_get_monotonic_time ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  task = g_task_new (self, self->cancellable, ranked, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, rank_thread);
}

static gboolean
throttle_done (gpointer data)
{
  ConvolveChannelDigits *self = data;

  self->throttle_id = 0;
  if (self->stale && !self->running)
    start (self);
  return G_SOURCE_REMOVE;
}

/* Rank again: now if it can be, else once the running ranking is in, the
 * second is up, or the section is shown */
static void
request (ConvolveChannelDigits *self)
{
  gint64 since;

  if (self->layer < 0)
    return;
  self->stale = TRUE;
  if (!convolve_deferred_get_shown (GTK_WIDGET (self)))
    {
      /* here again once it is */
      convolve_deferred_queue (GTK_WIDGET (self));
      return;
    }
  if (self->running || self->throttle_id != 0)
    return;
  since = g_get_monotonic_time () - self->last_start;
  if (self->last_start != 0 && since < THROTTLE_US)
    {
      self->throttle_id = g_timeout_add ((guint) ((THROTTLE_US - since) / 1000) + 1,
                                         throttle_done, self);
      return;
    }
  start (self);
}

/* ---- showing it ---- */

static void
show_ranking (ConvolveChannelDigits *self,
              const Job             *job)
{
  const CnnDataset *ds = job->train;

  if (job->channels != (int) self->channels->len)
    return;
  for (int c = 0; c < job->channels; c++)
    {
      Channel *ch = &g_array_index (self->channels, Channel, c);
      int labels[K], n = 0, best = -1, best_count = 0;
      g_autofree char *caption = NULL;
      g_autoptr (GString) tip = g_string_new (NULL);

      for (int i = 0; i < K; i++)
        {
          int index = job->indices[c * K + i];
          ConvolveHeatmap *map = ch->digits[i];

          if (index < 0)
            continue;
          labels[n++] = ds->y[index];
          if (tip->len > 0)
            g_string_append_c (tip, '\n');
          /* Translators: one of a channel's six digits: its class, its number in the
           * training data and the channel's largest value on it */
          g_string_append_printf (tip, _("a %d (training digit %d): up to %.2f"), ds->y[index],
                                  index + 1, job->maxima[c * K + i]);
          if (index != self->indices[c * K + i])
            convolve_heatmap_set_data (map, ds->x + (gsize) index * CNN_INPUT_SIZE, CNN_INPUT_H,
                                       CNN_INPUT_W, 1);
          self->indices[c * K + i] = index;
        }
      /* the class most of the six are, if one is */
      for (int i = 0; i < n; i++)
        {
          int same = 0;

          for (int j = 0; j < n; j++)
            same += labels[j] == labels[i];
          if (same > best_count)
            {
              best = labels[i];
              best_count = same;
            }
        }
      /* Translators: over a channel's six digits: "channel 3 · mostly 7s" */
      if (job->maxima[c * K] <= 0.0f)
        /* zero after the ReLU on every digit: the ranking is only the
         * first six by index, which says nothing */
        caption = g_strdup_printf (_("channel %d · silent on every digit"), c + 1);
      else if (best >= 0 && best_count >= K / 2 + 1)
        caption = g_strdup_printf (_("channel %d · mostly %ds"), c + 1, best);
      else
        caption = g_strdup_printf (_("channel %d · mixed"), c + 1);
      for (int i = 0; i < K; i++)
        gtk_widget_set_opacity (GTK_WIDGET (ch->digits[i]), job->maxima[c * K] <= 0.0f ? 0.25 : 1.0);
      if (g_strcmp0 (gtk_label_get_label (ch->caption), caption) != 0)
        gtk_label_set_label (ch->caption, caption);
      convolve_a11y_set_tooltip (ch->card, tip->str);
    }
}

static GtkWidget *
channel_card (ConvolveChannelDigits *self,
              int                    c)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
  GtkWidget *child = gtk_flow_box_child_new ();
  g_autofree char *name = g_strdup_printf (_("channel %d"), c + 1);
  g_autofree char *a11y = g_strdup_printf (_("The training digits conv 2's channel %d responds to "
                                             "most"), c + 1);
  Channel ch = { .card = card };

  ch.caption = GTK_LABEL (gtk_label_new (name));
  gtk_label_set_xalign (ch.caption, 0.0f);
  /* "channel 16 · mostly 7s": the width does not change with the text */
  gtk_label_set_width_chars (ch.caption, 28);
  gtk_widget_add_css_class (GTK_WIDGET (ch.caption), "caption");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (ch.caption));
  for (int i = 0; i < K; i++)
    {
      ch.digits[i] = CONVOLVE_HEATMAP (convolve_heatmap_new ());
      convolve_heatmap_set_scale (ch.digits[i], CONVOLVE_SCALE_SEQUENTIAL, 1.0f);
      convolve_heatmap_set_cell_size (ch.digits[i], DIGIT_CELL);
      /* the card's tooltip, not a cell's value, says what a digit is */
      gtk_widget_set_can_target (GTK_WIDGET (ch.digits[i]), FALSE);
      {
        float blank[CNN_INPUT_SIZE] = { 0 };

        convolve_heatmap_set_data (ch.digits[i], blank, CNN_INPUT_H, CNN_INPUT_W, 1);
      }
      gtk_box_append (GTK_BOX (row), GTK_WIDGET (ch.digits[i]));
    }
  gtk_box_append (GTK_BOX (card), row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
  gtk_widget_set_focusable (child, FALSE);
  g_array_append_val (self->channels, ch);
  return child;
}

static void
clear_channels (ConvolveChannelDigits *self)
{
  GtkWidget *child;

  g_array_set_size (self->channels, 0);
  g_clear_pointer (&self->indices, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->channel_box))) != NULL)
    gtk_flow_box_remove (self->channel_box, child);
}

/* The second conv layer of net, −1 when there is none */
static int
second_conv (const CnnNet *net)
{
  int seen = 0;

  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].kind == CNN_LAYER_CONV && ++seen == 2)
      return i;
  return -1;
}

static void
on_net (ConvolveChannelDigits *self)
{
  const CnnNet *net = convolve_session_get_net (self->session);
  int channels;

  /* a ranking of the network before is of no use */
  self->job_id++;
  self->running = FALSE;
  self->last_start = 0;
  g_clear_handle_id (&self->throttle_id, g_source_remove);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  clear_channels (self);
  self->layer = net != NULL ? second_conv (net) : -1;
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), self->layer < 0);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_box), self->layer >= 0);
  if (self->layer < 0)
    return;

  if (self->train == NULL || self->train_classes != net->n_classes)
    {
      g_autoptr (CnnDataset) test = NULL;

      g_clear_pointer (&self->train, cnn_dataset_free);
      self->train_classes = net->n_classes;
      if (!cnn_dataset_builtin_split (net->n_classes, CNN_SPLIT_STRATIFIED, &self->train, &test,
                                      NULL))
        {
          gtk_label_set_label (self->note_label,
                               _("There is no training data for a network of this many classes."));
          gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
          self->layer = -1;
          return;
        }
    }

  channels = net->layers[self->layer].out.c;
  self->indices = g_new (int, (gsize) channels * K);
  for (int i = 0; i < channels * K; i++)
    self->indices[i] = -1;
  for (int c = 0; c < channels; c++)
    gtk_flow_box_append (self->channel_box, channel_card (self, c));
  request (self);
}

void
convolve_channel_digits_set_session (ConvolveChannelDigits *self,
                                     ConvolveSession       *session)
{
  g_return_if_fail (CONVOLVE_IS_CHANNEL_DIGITS (self));
  g_return_if_fail (session == NULL || CONVOLVE_IS_SESSION (session));

  if (session == self->session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::net", G_CALLBACK (on_net), self);
      g_signal_connect_swapped (session, "weights-changed", G_CALLBACK (request), self);
      on_net (self);
    }
  else
    {
      self->job_id++;
      clear_channels (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

int
convolve_channel_digits_get_layer (ConvolveChannelDigits *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CHANNEL_DIGITS (self), -1);
  return self->layer;
}

int
convolve_channel_digits_get_n_channels (ConvolveChannelDigits *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CHANNEL_DIGITS (self), 0);
  return (int) self->channels->len;
}

gboolean
convolve_channel_digits_get_busy (ConvolveChannelDigits *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CHANNEL_DIGITS (self), FALSE);
  return self->running || self->stale;
}

int
convolve_channel_digits_get_index (ConvolveChannelDigits *self,
                                   int                    channel,
                                   int                    k)
{
  g_return_val_if_fail (CONVOLVE_IS_CHANNEL_DIGITS (self), -1);
  g_return_val_if_fail (channel >= 0 && channel < (int) self->channels->len, -1);
  g_return_val_if_fail (k >= 0 && k < K, -1);
  return self->indices[channel * K + k];
}

/* ---- GObject ---- */

static void
convolve_channel_digits_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, CONVOLVE_CHANNEL_DIGITS (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_channel_digits_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      convolve_channel_digits_set_session (CONVOLVE_CHANNEL_DIGITS (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_channel_digits_dispose (GObject *object)
{
  ConvolveChannelDigits *self = CONVOLVE_CHANNEL_DIGITS (object);

  convolve_channel_digits_set_session (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->throttle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_CHANNEL_DIGITS);

  G_OBJECT_CLASS (convolve_channel_digits_parent_class)->dispose (object);
}

static void
convolve_channel_digits_finalize (GObject *object)
{
  ConvolveChannelDigits *self = CONVOLVE_CHANNEL_DIGITS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->channels, g_array_unref);
  g_clear_pointer (&self->indices, g_free);
  g_clear_pointer (&self->train, cnn_dataset_free);

  G_OBJECT_CLASS (convolve_channel_digits_parent_class)->finalize (object);
}

static void
convolve_channel_digits_class_init (ConvolveChannelDigitsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_channel_digits_get_property;
  object_class->set_property = convolve_channel_digits_set_property;
  object_class->dispose = convolve_channel_digits_dispose;
  object_class->finalize = convolve_channel_digits_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CONVOLVE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-channel-digits.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveChannelDigits, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveChannelDigits, note_label);
  gtk_widget_class_bind_template_child (widget_class, ConvolveChannelDigits, channel_box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveChannelDigits, spinner);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_channel_digits_init (ConvolveChannelDigits *self)
{
  convolve_deferred_attach (GTK_WIDGET (self), (ConvolveDeferredFunc) request);
  self->layer = -1;
  self->channels = g_array_new (FALSE, TRUE, sizeof (Channel));
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
