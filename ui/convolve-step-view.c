/* convolve-step-view.c — the four stages of a step and the size of its update
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "convolve-heatmap.h"
#include "convolve-layer-card.h"
#include "convolve-step-view.h"

#define DELTA_CELL 14

/* One parameterised layer: how far its filters moved */
typedef struct
{
  int        layer;
  char      *name;
  gboolean   conv;
  int        units;        /* conv: filters; dense: outputs */
  GtkWidget *map;          /* 1 × units: ‖ΔW‖ of each */
  GtkWidget *label;
  float     *deltas;       /* [units] */
} Delta;

struct _ConvolveStepView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *stages;
  GtkWidget *deltas_grid;

  GtkWidget *titles[4];
  GtkWidget *bodies[4];
  GArray    *deltas;       /* Delta */
  CnnNet    *net;          /* a reference: the shapes and offsets */
  float     *prev_params;  /* the weights of the pass shown before */
  gsize      n_prev;
  gint64     prev_step;
  /* new texts not yet shown, oldest first: labels[i] is to say texts[i] */
  GPtrArray *pending_labels;
  GPtrArray *pending_texts;
  guint      text_tick;
};

G_DEFINE_FINAL_TYPE (ConvolveStepView, convolve_step_view, GTK_TYPE_WIDGET)

static void
delta_clear (gpointer data)
{
  Delta *d = data;

  g_clear_pointer (&d->name, g_free);
  g_clear_pointer (&d->deltas, g_free);
}

/* Each new text lays the page out again, and wrapped labels are the
 * costliest part of that; a pass changes seven of them at once, in the
 * frame that also repaints every map of the pass. One text a frame keeps
 * every frame short; all are shown within a few frames. */
static gboolean
text_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  ConvolveStepView *self = CONVOLVE_STEP_VIEW (widget);

  if (self->pending_labels->len > 0)
    {
      gtk_label_set_text (g_ptr_array_index (self->pending_labels, 0),
                          g_ptr_array_index (self->pending_texts, 0));
      g_ptr_array_remove_index (self->pending_labels, 0);
      g_ptr_array_remove_index (self->pending_texts, 0);
    }
  if (self->pending_labels->len > 0)
    return G_SOURCE_CONTINUE;
  self->text_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
set_text_soon (ConvolveStepView *self,
               GtkWidget        *label,
               const char       *text)
{
  guint i;

  if (g_ptr_array_find (self->pending_labels, label, &i))
    {
      g_free (self->pending_texts->pdata[i]);
      self->pending_texts->pdata[i] = g_strdup (text);
      return;
    }
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
    return;
  g_ptr_array_add (self->pending_labels, label);
  g_ptr_array_add (self->pending_texts, g_strdup (text));
  if (self->text_tick == 0)
    self->text_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), text_tick_cb, NULL, NULL);
}

/* What label says, or will say in a few frames */
static const char *
get_text_soon (ConvolveStepView *self,
               GtkWidget        *label)
{
  guint i;

  if (g_ptr_array_find (self->pending_labels, label, &i))
    return g_ptr_array_index (self->pending_texts, i);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
build_stage (ConvolveStepView *self,
             int               index,
             const char       *title)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *child;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "stage-card");
  self->titles[index] = gtk_label_new (title);
  gtk_widget_add_css_class (self->titles[index], "heading");
  gtk_label_set_xalign (GTK_LABEL (self->titles[index]), 0.0f);
  gtk_box_append (GTK_BOX (card), self->titles[index]);
  self->bodies[index] = gtk_label_new ("");
  /* wraps to the card's share of the row, at any character if a word is
   * wider than the card: never clipped */
  gtk_label_set_wrap (GTK_LABEL (self->bodies[index]), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->bodies[index]), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->bodies[index]), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (self->bodies[index]), 0.0f);
  gtk_label_set_width_chars (GTK_LABEL (self->bodies[index]), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (self->bodies[index]), 30);
  gtk_widget_set_vexpand (self->bodies[index], TRUE);
  gtk_box_append (GTK_BOX (card), self->bodies[index]);
  gtk_flow_box_append (GTK_FLOW_BOX (self->stages), card);
  /* a picture, not a place to stop at with Tab */
  child = gtk_widget_get_parent (card);
  gtk_widget_set_focusable (child, FALSE);
}

static void
clear_deltas (ConvolveStepView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->deltas_grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->deltas_grid), child);
  g_array_set_size (self->deltas, 0);
}

void
convolve_step_view_set_net (ConvolveStepView *self,
                            const CnnNet     *net)
{
  g_return_if_fail (CONVOLVE_IS_STEP_VIEW (self));

  /* the old network's texts are not to come, nor its labels to be kept */
  g_ptr_array_set_size (self->pending_labels, 0);
  g_ptr_array_set_size (self->pending_texts, 0);
  clear_deltas (self);
  g_clear_pointer (&self->net, cnn_net_unref);
  g_clear_pointer (&self->prev_params, g_free);
  self->n_prev = 0;
  gtk_label_set_text (GTK_LABEL (self->heading), _("One training step, explained — no step taken yet"));
  gtk_label_set_text (GTK_LABEL (self->bodies[0]),
                      _("A sample goes through every layer to class probabilities."));
  gtk_label_set_text (GTK_LABEL (self->bodies[1]),
                      _("Cross-entropy: −log of the probability given to the right label."));
  gtk_label_set_text (GTK_LABEL (self->bodies[2]),
                      _("The chain rule carries dL/d(output) back through each layer (below), "
                        "giving dL/dW for every weight on the way."));
  gtk_label_set_text (GTK_LABEL (self->bodies[3]),
                      _("Each weight moves a little against its gradient (the optimizer decides "
                        "how far)."));
  if (net == NULL)
    return;
  /* for its shapes and offsets: the weights shown come from snapshots */
  self->net = cnn_net_ref ((CnnNet *) net);

  for (int i = 0, row = 0; i < net->n_layers; i++)
    {
      const CnnLayer *l = &net->layers[i];
      Delta d = { 0 };
      GtkWidget *name;
      g_autofree char *a11y = NULL;
      g_autofree float *zeros = NULL;

      if (l->kind != CNN_LAYER_CONV && l->kind != CNN_LAYER_DENSE)
        continue;
      d.layer = i;
      d.name = convolve_layer_card_stage_name (net, i);
      d.conv = l->kind == CNN_LAYER_CONV;
      d.units = l->out.c;
      d.deltas = g_new0 (float, d.units);

      name = gtk_label_new (d.name);
      gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
      gtk_widget_add_css_class (name, "heading");
      gtk_grid_attach (GTK_GRID (self->deltas_grid), name, 0, row, 1, 1);

      d.map = convolve_heatmap_new ();
      convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (d.map), DELTA_CELL);
      zeros = g_new0 (float, d.units);
      convolve_heatmap_set_data (CONVOLVE_HEATMAP (d.map), zeros, 1, d.units, 1);
      gtk_widget_set_size_request (d.map, d.units * DELTA_CELL, DELTA_CELL);
      gtk_widget_set_valign (d.map, GTK_ALIGN_CENTER);
      gtk_widget_set_halign (d.map, GTK_ALIGN_START);
      a11y = g_strdup_printf (d.conv ? _("%s, change of each filter's weights")
                                     : _("%s, change of each output's weights"), d.name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d.map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      a11y, -1);
      gtk_grid_attach (GTK_GRID (self->deltas_grid), d.map, 1, row, 1, 1);

      d.label = gtk_label_new ("");
      gtk_widget_add_css_class (d.label, "caption");
      gtk_widget_add_css_class (d.label, "numeric");
      gtk_label_set_xalign (GTK_LABEL (d.label), 0.0f);
      /* a long sentence: it wraps rather than widening the page */
      gtk_label_set_wrap (GTK_LABEL (d.label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (d.label), 16);
      gtk_label_set_max_width_chars (GTK_LABEL (d.label), 70);
      gtk_widget_set_hexpand (d.label, TRUE);
      gtk_grid_attach (GTK_GRID (self->deltas_grid), d.label, 2, row, 1, 1);
      row++;
      g_array_append_val (self->deltas, d);
    }
}

/* ‖ΔW‖ of each filter (conv) or output row (dense) between the pass shown
 * before and this one */
static void
show_deltas (ConvolveStepView *self,
             CnnSnapshot      *s,
             gboolean          have_prev,
             gint64            steps)
{
  for (guint i = 0; i < self->deltas->len; i++)
    {
      Delta *d = &g_array_index (self->deltas, Delta, i);
      const CnnLayer *l = &self->net->layers[d->layer];
      g_autofree char *text = NULL;
      int most = 0;

      if (have_prev)
        {
          const float *now = s->params + l->w_offset;
          const float *before = self->prev_params + l->w_offset;
          gsize per_unit = l->n_weights / d->units;

          for (int u = 0; u < d->units; u++)
            {
              double sum = 0.0;

              for (gsize j = 0; j < per_unit; j++)
                {
                  /* conv: [k·k·c_in][c_out], a filter is a column; dense: [out][in], a row */
                  gsize idx = d->conv ? j * d->units + u : u * per_unit + j;
                  double diff = (double) now[idx] - before[idx];

                  sum += diff * diff;
                }
              d->deltas[u] = (float) sqrt (sum);
              if (d->deltas[u] > d->deltas[most])
                most = u;
            }
          convolve_heatmap_set_scale (CONVOLVE_HEATMAP (d->map), CONVOLVE_SCALE_SEQUENTIAL,
                                      convolve_colormap_range (CONVOLVE_SCALE_SEQUENTIAL,
                                                               d->deltas, d->units));
          if (steps > 1)
            text = g_strdup_printf (d->conv ? _("‖ΔW‖ %.3g this step; over the last %lld"
                                                " steps filter %d changed most (%.3g)")
                                            : _("‖ΔW‖ %.3g this step; over the last %lld"
                                                " steps output %d's weights changed most (%.3g)"),
                                    s->update_norms[d->layer], (long long) steps,
                                    d->conv ? most + 1 : most, d->deltas[most]);
          else
            text = g_strdup_printf (d->conv ? _("‖ΔW‖ %.3g: filter %d changed most (%.3g)")
                                            : _("‖ΔW‖ %.3g: output %d's weights changed most (%.3g)"),
                                    s->update_norms[d->layer],
                                    d->conv ? most + 1 : most, d->deltas[most]);
        }
      else
        {
          memset (d->deltas, 0, sizeof (float) * d->units);
          text = g_strdup_printf (_("‖ΔW‖ %.3g (each filter's share from the next step on)"),
                                  s->update_norms[d->layer]);
        }
      convolve_heatmap_set_data (CONVOLVE_HEATMAP (d->map), d->deltas, 1, d->units, 1);
      set_text_soon (self, d->label, text);
    }
}

static void
show_stages (ConvolveStepView *self,
             CnnSnapshot      *s)
{
  const CnnNet *net = self->net;
  g_autofree char *heading = NULL;
  g_autoptr (GString) upd = g_string_new (NULL);

  if (s->step > 0)
    heading = g_strdup_printf (_("One training step, explained — step %lld, epoch %d"),
                               (long long) s->step, s->epoch);
  else
    heading = g_strdup (_("One training step, explained — no step taken yet"));
  set_text_soon (self, self->heading, heading);

  if (s->has_probe)
    {
      const float *probs = cnn_snapshot_activation (s, net->n_layers - 1);
      int best = cnn_argmax (probs, net->n_classes);
      g_autofree char *sample = NULL;
      g_autofree char *fwd = NULL;
      g_autofree char *loss = NULL;

      if (s->probe_index >= 0)
        sample = g_strdup_printf (_("Training sample #%d (a %d)"), s->probe_index, s->probe_label);
      else
        sample = g_strdup_printf (_("Your drawing (labelled %d)"), s->probe_label);
      /* Translators: "Training sample #12 (a 3) goes through the 9 layers. …" */
      fwd = g_strdup_printf (_("%s goes through the %d layers. The network answers %d, "
                               "%.0f%% sure."), sample, net->n_layers, best, 100.0 * probs[best]);
      loss = g_strdup_printf (_("The right answer is %d and the network gives it p = %.2f, "
                                "so the loss is −log %.2f = %.3f. Lower is better: 0 means "
                                "sure and right."),
                              s->probe_label, probs[s->probe_label], probs[s->probe_label],
                              s->probe_loss);
      set_text_soon (self, self->bodies[0], fwd);
      set_text_soon (self, self->bodies[1], loss);
    }

  g_string_append (upd, _("Each weight moves a little against its gradient (the optimizer "
                          "decides how far). Size of the change, ‖ΔW‖:"));
  for (guint i = 0; i < self->deltas->len; i++)
    {
      Delta *d = &g_array_index (self->deltas, Delta, i);

      g_string_append_printf (upd, "\n%s: %.3g", d->name, s->update_norms[d->layer]);
    }
  set_text_soon (self, self->bodies[3], upd->str);
}

void
convolve_step_view_show_pass (ConvolveStepView *self,
                              CnnSnapshot      *snapshot)
{
  gboolean have_prev;

  g_return_if_fail (CONVOLVE_IS_STEP_VIEW (self));
  g_return_if_fail (snapshot != NULL);

  if (self->net == NULL || snapshot->n_params != self->net->n_params)
    return;

  have_prev = self->prev_params != NULL && snapshot->step > self->prev_step;
  show_stages (self, snapshot);
  /* a snapshot with no new step keeps the last step's changes */
  if (have_prev || self->prev_params == NULL)
    show_deltas (self, snapshot, have_prev, have_prev ? snapshot->step - self->prev_step : 0);
  if (self->prev_params == NULL || snapshot->step != self->prev_step)
    {
      if (self->prev_params == NULL)
        self->prev_params = g_new (float, snapshot->n_params);
      memcpy (self->prev_params, snapshot->params, sizeof (float) * snapshot->n_params);
      self->prev_step = snapshot->step;
    }
}

void
convolve_step_view_set_backward_active (ConvolveStepView *self,
                                        gboolean          active)
{
  g_return_if_fail (CONVOLVE_IS_STEP_VIEW (self));

  if (active)
    gtk_widget_add_css_class (self->titles[2], "accent");
  else
    gtk_widget_remove_css_class (self->titles[2], "accent");
}

const char *
convolve_step_view_get_stage_text (ConvolveStepView *self,
                                   int               stage)
{
  g_return_val_if_fail (CONVOLVE_IS_STEP_VIEW (self), NULL);
  g_return_val_if_fail (stage >= 0 && stage < 4, NULL);
  return get_text_soon (self, self->bodies[stage]);
}

const char *
convolve_step_view_get_delta_text (ConvolveStepView *self,
                                   int               index)
{
  g_return_val_if_fail (CONVOLVE_IS_STEP_VIEW (self), NULL);
  g_return_val_if_fail (index >= 0 && index < (int) self->deltas->len, NULL);
  return get_text_soon (self, g_array_index (self->deltas, Delta, index).label);
}

static void
convolve_step_view_dispose (GObject *object)
{
  ConvolveStepView *self = CONVOLVE_STEP_VIEW (object);

  if (self->text_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->text_tick);
  self->text_tick = 0;
  g_clear_pointer (&self->pending_labels, g_ptr_array_unref);
  g_clear_pointer (&self->pending_texts, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_STEP_VIEW);
  g_clear_pointer (&self->deltas, g_array_unref);
  g_clear_pointer (&self->net, cnn_net_unref);
  g_clear_pointer (&self->prev_params, g_free);

  G_OBJECT_CLASS (convolve_step_view_parent_class)->dispose (object);
}

static void
convolve_step_view_class_init (ConvolveStepViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_step_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-step-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveStepView, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveStepView, heading);
  gtk_widget_class_bind_template_child (widget_class, ConvolveStepView, stages);
  gtk_widget_class_bind_template_child_full (widget_class, "deltas", FALSE,
                                             G_STRUCT_OFFSET (ConvolveStepView, deltas_grid));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stepview");
}

static void
convolve_step_view_init (ConvolveStepView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending_labels = g_ptr_array_new ();
  self->pending_texts = g_ptr_array_new_with_free_func (g_free);
  self->deltas = g_array_new (FALSE, TRUE, sizeof (Delta));
  g_array_set_clear_func (self->deltas, delta_clear);
  build_stage (self, 0, _("1 · Forward →"));
  build_stage (self, 1, _("2 · Loss →"));
  build_stage (self, 2, _("3 · Backward →"));
  build_stage (self, 3, _("4 · Update"));
  convolve_step_view_set_net (self, NULL);
}

GtkWidget *
convolve_step_view_new (void)
{
  return g_object_new (CONVOLVE_TYPE_STEP_VIEW, NULL);
}
