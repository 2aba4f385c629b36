/* convolve-backward-view.c — the probe's backward pass, revealed from the loss
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "convolve-backward-view.h"
#include "convolve-deferred.h"

/* the whole backward pass revealed in this many seconds at speed 1 */
#define REVEAL_SECONDS 1.2
#define SPEED_MIN 0.1
#define SPEED_MAX 4.0
/* maps of the backward pass: about this many px a side */
#define PREFERRED_MAP 40

struct _ConvolveBackwardView
{
  GtkWidget parent_instance;

  ConvolveTraceView *trace;
  GtkWidget *loss_card;
  GtkWidget *loss_value;
  GtkWidget *loss_detail;

  int n_classes;
  CnnSnapshot *snapshot;     /* the pass being shown (revealed) */
  CnnSnapshot *pending;      /* the newest one that came mid-reveal: shown next */
  double speed;
  gboolean have_run;
  guint run;

  int n_reveal;              /* cards with a gradient: every one but the softmax's */
  int revealed;
  /* not shown (convolve-deferred.h: scrolled out of view, or unmapped),
   * the cards are left as they are (a reveal step repaints a whole card
   * column: ~15 ms a frame with the cairo renderer) and only the counting
   * goes on; stale until they catch up, when they are shown again */
  gboolean stale;
  guint tick_id;
  gint64 start_time;         /* frame time of the first tick; 0 before it */
};

G_DEFINE_FINAL_TYPE (ConvolveBackwardView, convolve_backward_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_PASS_SHOWN,
  SIGNAL_REVEAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

int
convolve_backward_view_reveal_count (double elapsed,
                                     double speed,
                                     int    n_cards)
{
  double per_card = REVEAL_SECONDS / CLAMP (speed, SPEED_MIN, SPEED_MAX) / MAX (1, n_cards);
  /* the first card at once: the loss's gradient is known as soon as it is */
  double count = 1.0 + floor (elapsed / per_card + 1e-9);

  return (int) CLAMP (count, 0.0, (double) MAX (0, n_cards));
}

static GtkWidget *
label (const char *text,
       const char *css_class)
{
  GtkWidget *l = gtk_label_new (text);

  if (css_class != NULL)
    gtk_widget_add_css_class (l, css_class);
  gtk_label_set_xalign (GTK_LABEL (l), 0.0f);
  return l;
}

/* The loss card's figures change at every pass: in a GtkInscription,
 * whose size is set by its lines and characters, not its text, a new
 * text only redraws it. A label's new text would lay out the whole trace
 * again (and with it the window), at the frame that starts a pass. Its
 * text is its accessible name (4.8) or text (4.14). */
static GtkWidget *
figure (const char *css_class,
        guint       chars,
        guint       lines)
{
  GtkWidget *w = gtk_inscription_new (NULL);

  gtk_widget_add_css_class (w, css_class);
  gtk_widget_add_css_class (w, "numeric");
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (w), chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (w), chars);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (w), lines);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (w), lines);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (w), 0.0f);
  return w;
}

static GtkWidget *
build_loss_card (ConvolveBackwardView *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *hint;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "loss-card");
  gtk_box_append (GTK_BOX (card), label (_("loss"), "heading"));
  hint = label (_("cross-entropy\nL = −log p(label)"), "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (card), hint);
  /* "0.123"; "label 3\np(3) = 0.91\nanswer 3" */
  self->loss_value = figure ("title-2", 6, 1);
  gtk_inscription_set_text (GTK_INSCRIPTION (self->loss_value), "–");
  gtk_box_append (GTK_BOX (card), self->loss_value);
  self->loss_detail = figure ("caption", 16, 3);
  gtk_box_append (GTK_BOX (card), self->loss_detail);
  hint = label (_("the backward pass\nstarts here"), "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (card), hint);
  return card;
}

static ConvolveLayerCard *
card_for_slot (ConvolveBackwardView *self,
               int                   slot)
{
  if (slot < 0 || slot >= convolve_trace_view_get_n_columns (self->trace))
    return NULL;
  return convolve_trace_view_get_card (self->trace, slot);
}

static gboolean
shown (ConvolveBackwardView *self)
{
  return convolve_deferred_get_shown (GTK_WIDGET (self));
}

/* The cards lag behind: brought up to date when next shown */
static void
mark_stale (ConvolveBackwardView *self)
{
  self->stale = TRUE;
  convolve_deferred_queue (GTK_WIDGET (self));
}

/* Mid-reveal, the newest revealed card's title in the accent colour
 * marks where the gradient is */
static void
set_fronts (ConvolveBackwardView *self)
{
  for (int slot = 0; slot < convolve_trace_view_get_n_columns (self->trace); slot++)
    convolve_layer_card_set_front (card_for_slot (self, slot),
                                   self->tick_id != 0 && self->revealed < self->n_reveal
                                   && slot == self->n_reveal - self->revealed);
}

/* Reveals cards until count are shown (counted from the output); the
 * newest one's title in the accent colour marks where the gradient is */
static void
reveal_to (ConvolveBackwardView *self,
           int                   count)
{
  CnnActivations acts;

  count = CLAMP (count, 0, self->n_reveal);
  if (!shown (self))
    {
      self->revealed = MAX (self->revealed, count);
      mark_stale (self);
      return;
    }
  if (self->snapshot != NULL)
    cnn_snapshot_get_activations (self->snapshot, &acts);
  while (self->revealed < count)
    {
      ConvolveLayerCard *c = card_for_slot (self, self->n_reveal - 1 - self->revealed);

      self->revealed++;
      if (c != NULL && self->snapshot != NULL && self->snapshot->has_probe)
        {
          convolve_layer_card_set_gradients (c, &acts);
          convolve_layer_card_set_revealed (c, TRUE);
        }
    }
  set_fronts (self);
}

/* Every card as it would be had it been in view all along: the pass's
 * forward values, the gradients revealed so far, the rest dimmed */
static void
catch_up (ConvolveBackwardView *self)
{
  CnnActivations acts;
  gboolean probe = self->snapshot != NULL && self->snapshot->has_probe;

  if (!self->stale)
    return;
  self->stale = FALSE;
  if (probe)
    {
      cnn_snapshot_get_activations (self->snapshot, &acts);
      convolve_trace_view_set_activations (self->trace, &acts);
    }
  for (int i = 0; i < self->n_reveal; i++)
    {
      ConvolveLayerCard *c = card_for_slot (self, self->n_reveal - 1 - i);

      if (c == NULL)
        continue;
      if (probe && i < self->revealed)
        convolve_layer_card_set_gradients (c, &acts);
      convolve_layer_card_set_revealed (c, probe && i < self->revealed);
    }
  set_fronts (self);
}

static void
stop_animation (ConvolveBackwardView *self)
{
  if (self->tick_id == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_signal_emit (self, signals[SIGNAL_REVEAL], 0, FALSE);
}

static void
show_loss (ConvolveBackwardView *self)
{
  CnnSnapshot *s = self->snapshot;
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;

  if (s->has_probe)
    {
      const float *probs = cnn_snapshot_activation (s, s->n_layers - 1);

      value = g_strdup_printf ("%.3f", s->probe_loss);
      /* Translators: the loss card: the label, its probability, the answer */
      detail = g_strdup_printf (_("label %d\np(%d) = %.2f\nanswer %d"), s->probe_label,
                                s->probe_label, probs[s->probe_label],
                                cnn_argmax (probs, self->n_classes));
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (self->loss_value), value != NULL ? value : "–");
  gtk_inscription_set_text (GTK_INSCRIPTION (self->loss_detail), detail != NULL ? detail : "");
}

/* snapshot's forward values everywhere now; its gradients come card by
 * card in reveal_to() */
static void
show_pass (ConvolveBackwardView *self,
           CnnSnapshot          *snapshot)
{
  CnnActivations acts;

  cnn_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, cnn_snapshot_unref);
  self->snapshot = snapshot;
  if (!shown (self))
    mark_stale (self);
  else if (snapshot->has_probe)
    {
      cnn_snapshot_get_activations (snapshot, &acts);
      convolve_trace_view_set_activations (self->trace, &acts);
    }
  show_loss (self);
  g_signal_emit (self, signals[SIGNAL_PASS_SHOWN], 0, snapshot);
}

static void start_animation (ConvolveBackwardView *self);

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  ConvolveBackwardView *self = CONVOLVE_BACKWARD_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->start_time == 0)
    self->start_time = now;
  reveal_to (self, convolve_backward_view_reveal_count ((now - self->start_time) / 1e6,
                                                        self->speed, self->n_reveal));
  if (self->revealed < self->n_reveal)
    return G_SOURCE_CONTINUE;

  /* the whole pass was seen: now the newest step that came meanwhile */
  if (self->pending != NULL)
    {
      g_autoptr (CnnSnapshot) next = g_steal_pointer (&self->pending);

      show_pass (self, next);
      start_animation (self);
      return G_SOURCE_CONTINUE;
    }
  self->tick_id = 0;
  reveal_to (self, self->n_reveal);
  g_signal_emit (self, signals[SIGNAL_REVEAL], 0, FALSE);
  return G_SOURCE_REMOVE;
}

static void
start_animation (ConvolveBackwardView *self)
{
  /* dim every gradient again: the old numbers stay until the new come */
  if (shown (self))
    for (int slot = 0; slot < convolve_trace_view_get_n_columns (self->trace); slot++)
      convolve_layer_card_set_revealed (card_for_slot (self, slot), FALSE);
  else
    mark_stale (self);
  self->revealed = 0;
  self->start_time = 0;
  if (self->tick_id == 0)
    {
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
      g_signal_emit (self, signals[SIGNAL_REVEAL], 0, TRUE);
    }
  reveal_to (self, 0);
}

void
convolve_backward_view_set_net (ConvolveBackwardView *self,
                                const CnnNet         *net)
{
  g_return_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self));

  stop_animation (self);
  g_clear_pointer (&self->snapshot, cnn_snapshot_unref);
  g_clear_pointer (&self->pending, cnn_snapshot_unref);
  self->have_run = FALSE;
  self->revealed = 0;
  self->stale = FALSE;
  convolve_trace_view_set_net (self->trace, net, TRUE);
  self->n_reveal = 0;
  self->n_classes = 0;
  if (net == NULL)
    return;
  self->n_classes = net->n_classes;
  /* every slot but the softmax's, whose gradient is fused into the dense
   * layer's before it */
  self->n_reveal = net->n_layers
                   + (net->layers[net->n_layers - 1].kind == CNN_LAYER_SOFTMAX ? 0 : 1);
  for (int slot = 0; slot < net->n_layers + 1; slot++)
    convolve_layer_card_set_revealed (card_for_slot (self, slot), FALSE);
  gtk_inscription_set_text (GTK_INSCRIPTION (self->loss_value), "–");
  gtk_inscription_set_text (GTK_INSCRIPTION (self->loss_detail), "");
}

/* The same state published again (a pause, say) is not a new pass */
static gboolean
same_pass (const CnnSnapshot *a,
           const CnnSnapshot *b)
{
  return a != NULL && a->run == b->run && a->step == b->step && a->has_probe == b->has_probe
         && a->n_act == b->n_act
         && memcmp (a->act_grads, b->act_grads, sizeof (float) * b->n_act) == 0;
}

void
convolve_backward_view_set_snapshot (ConvolveBackwardView *self,
                                     CnnSnapshot          *snapshot)
{
  gboolean new_pass;

  g_return_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self));
  g_return_if_fail (snapshot != NULL);

  /* another structure (the worker not yet replaced after a new spec) has
   * nothing to show here */
  if (snapshot->n_layers + 1 != convolve_trace_view_get_n_columns (self->trace))
    return;

  if (!self->have_run || snapshot->run != self->run)
    {
      /* new weights or a new run: the old pass is not worth finishing */
      stop_animation (self);
      g_clear_pointer (&self->pending, cnn_snapshot_unref);
      self->run = snapshot->run;
      self->have_run = TRUE;
    }

  /* mid-reveal: the newest step waits its turn, alone */
  if (self->tick_id != 0)
    {
      if (!same_pass (self->pending != NULL ? self->pending : self->snapshot, snapshot))
        {
          cnn_snapshot_ref (snapshot);
          g_clear_pointer (&self->pending, cnn_snapshot_unref);
          self->pending = snapshot;
        }
      return;
    }

  new_pass = !same_pass (self->snapshot, snapshot);
  show_pass (self, snapshot);
  if (!snapshot->has_probe)
    return;
  if (new_pass)
    start_animation (self);
  else
    reveal_to (self, self->n_reveal);
}

void
convolve_backward_view_set_speed (ConvolveBackwardView *self,
                                  double                speed)
{
  g_return_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self));

  if (!isfinite (speed))
    speed = 1.0;
  speed = CLAMP (speed, SPEED_MIN, SPEED_MAX);
  /* mid-reveal, carry on from where it is at the new pace */
  if (self->tick_id != 0 && self->start_time != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        {
          gint64 now = gdk_frame_clock_get_frame_time (clock);

          self->start_time = now - (gint64) ((now - self->start_time) * self->speed / speed);
        }
    }
  self->speed = speed;
}

double
convolve_backward_view_get_speed (ConvolveBackwardView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self), 1.0);
  return self->speed;
}

gboolean
convolve_backward_view_is_animating (ConvolveBackwardView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self), FALSE);
  return self->tick_id != 0;
}

int
convolve_backward_view_get_revealed (ConvolveBackwardView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self), 0);
  return self->revealed;
}

float
convolve_backward_view_get_layer_grad_max (ConvolveBackwardView *self,
                                           int                   layer)
{
  ConvolveLayerCard *c;

  g_return_val_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self), 0.0f);
  catch_up (self);
  c = card_for_slot (self, layer + 1);
  return c != NULL ? convolve_layer_card_get_grad_max (c) : 0.0f;
}

void
convolve_backward_view_skip_animation (ConvolveBackwardView *self)
{
  g_return_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self));

  if (self->tick_id == 0)
    return;
  stop_animation (self);
  if (self->pending != NULL)
    {
      g_autoptr (CnnSnapshot) next = g_steal_pointer (&self->pending);

      show_pass (self, next);
      self->revealed = 0;
    }
  reveal_to (self, self->n_reveal);
}

gint64
convolve_backward_view_get_shown_step (ConvolveBackwardView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self), -1);
  return self->snapshot != NULL ? self->snapshot->step : -1;
}

gint64
convolve_backward_view_get_pending_step (ConvolveBackwardView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self), -1);
  return self->pending != NULL ? self->pending->step : -1;
}

ConvolveTraceView *
convolve_backward_view_get_trace (ConvolveBackwardView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self), NULL);
  /* whoever reads the cards reads them up to date */
  catch_up (self);
  return self->trace;
}

gboolean
convolve_backward_view_get_stale (ConvolveBackwardView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_BACKWARD_VIEW (self), FALSE);
  return self->stale;
}

static void
convolve_backward_view_dispose (GObject *object)
{
  ConvolveBackwardView *self = CONVOLVE_BACKWARD_VIEW (object);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_pointer (&self->snapshot, cnn_snapshot_unref);
  g_clear_pointer (&self->pending, cnn_snapshot_unref);
  if (self->trace != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->trace));
  self->trace = NULL;

  G_OBJECT_CLASS (convolve_backward_view_parent_class)->dispose (object);
}

static void
convolve_backward_view_class_init (ConvolveBackwardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_backward_view_dispose;

  signals[SIGNAL_PASS_SHOWN] =
    g_signal_new ("pass-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CNN_TYPE_SNAPSHOT);
  signals[SIGNAL_REVEAL] =
    g_signal_new ("reveal", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "backwardview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_backward_view_init (ConvolveBackwardView *self)
{
  self->speed = 1.0;
  self->trace = CONVOLVE_TRACE_VIEW (convolve_trace_view_new ());
  convolve_trace_view_set_fit_height (self->trace, FALSE, PREFERRED_MAP);
  self->loss_card = build_loss_card (self);
  convolve_trace_view_set_tail (self->trace, self->loss_card);
  gtk_widget_set_parent (GTK_WIDGET (self->trace), GTK_WIDGET (self));
  convolve_deferred_attach (GTK_WIDGET (self), (ConvolveDeferredFunc) catch_up);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The backward pass: gradients from the loss back to the input"),
                                  -1);
}

GtkWidget *
convolve_backward_view_new (void)
{
  return g_object_new (CONVOLVE_TYPE_BACKWARD_VIEW, NULL);
}
