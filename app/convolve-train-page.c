/* convolve-train-page.c — the Train page: its sections, the curves, the probe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "convolve-deferred.h"
#include "convolve-settings.h"
#include "convolve-train-page.h"

struct _ConvolveTrainPage
{
  GtkWidget parent_instance;

  /* template children */
  GtkWidget *scroller;
  GtkWidget *content;
  ConvolveTrainControls *controls;
  ConvolveTrainProgress *progress;
  ConvolveHyperparams *hyperparams;
  ConvolveSpecRow *spec_row;
  GtkMenuButton *help_button;
  GtkWidget *plots;
  AdwComboRow *probe_row;
  GtkAdjustment *speed_adjustment;
  ConvolveGradientView *gradient_view;
  GtkWidget *left;
  AdwActionRow *samples_row;
  GtkSwitch *samples_switch;
  GtkAdjustment *repeat_adjustment;
  GtkWidget *repeat_row;

  ConvolvePlot *loss_plot;
  ConvolvePlot *acc_plot;
  int loss_epoch_series, loss_running_series;
  int acc_train_series, acc_test_series;
  GtkStringList *probe_labels;
  guint run;
  gboolean have_run;
  int n_records_shown;
  double running_x;       /* the last running-loss point, −1: none */
  gboolean show_all;      /* an export: every section as if in view */
};

G_DEFINE_FINAL_TYPE (ConvolveTrainPage, convolve_train_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CONFIG_CHANGED,
  SIGNAL_PROBE_CHANGED,
  SIGNAL_APPLY_SPEC,
  SIGNAL_SAMPLES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_config_changed (ConvolveTrainPage *self)
{
  g_signal_emit (self, signals[SIGNAL_CONFIG_CHANGED], 0);
}

static void
emit_probe_changed (ConvolveTrainPage *self)
{
  g_signal_emit (self, signals[SIGNAL_PROBE_CHANGED], 0);
}

static void
on_apply (ConvolveTrainPage *self,
          const char        *spec)
{
  g_signal_emit (self, signals[SIGNAL_APPLY_SPEC], 0, spec);
}

static void
emit_samples_changed (ConvolveTrainPage *self)
{
  g_signal_emit (self, signals[SIGNAL_SAMPLES_CHANGED], 0);
}

gboolean
convolve_train_page_get_include_samples (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), FALSE);
  return gtk_switch_get_active (self->samples_switch);
}

void
convolve_train_page_set_include_samples (ConvolveTrainPage *self,
                                         gboolean           include)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));
  gtk_switch_set_active (self->samples_switch, include);
}

guint
convolve_train_page_get_samples_repeat (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), 1);
  return (guint) CLAMP (lround (gtk_adjustment_get_value (self->repeat_adjustment)), 1, CNN_EXTRA_REPEAT_MAX);
}

void
convolve_train_page_set_samples_used (ConvolveTrainPage *self,
                                      guint              n_samples,
                                      gsize              n_used,
                                      guint              repeat)
{
  g_autofree char *text = NULL;
  gboolean include;

  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));

  include = gtk_switch_get_active (self->samples_switch);
  if (n_samples == 0)
    text = g_strdup (_("No samples yet: on the Explore page, Ctrl+Enter adds your drawing"));
  else if (!include)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Off: your %u sample is not trained on",
                                         "Off: your %u samples are not trained on", n_samples),
                            n_samples);
  else if (n_used == 0)
    text = g_strdup (_("None of your samples is of a class this network knows"));
  else
    /* Translators: "12 of your samples, each used 3×" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu of your samples, each used %u×",
                                         "%zu of your samples, each used %u×", n_used),
                            n_used, repeat);
  adw_action_row_set_subtitle (self->samples_row, text);
  gtk_widget_set_sensitive (self->repeat_row, include && n_used > 0);
}

static void
on_speed_changed (ConvolveTrainPage *self)
{
  convolve_backward_view_set_speed (convolve_gradient_view_get_backward_view (self->gradient_view),
                                    gtk_adjustment_get_value (self->speed_adjustment));
}

void
convolve_train_page_bind_settings (ConvolveTrainPage *self,
                                   GSettings         *settings)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));

  if (settings == NULL)
    return;
  convolve_hyperparams_bind_settings (self->hyperparams, settings);
  convolve_train_controls_bind_settings (self->controls, settings);
  g_settings_bind (settings, "gradient-animation-speed", self->speed_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "include-samples", self->samples_switch, "active", G_SETTINGS_BIND_DEFAULT);
  convolve_settings_bind_number (settings, "samples-repeat", G_OBJECT (self->repeat_adjustment), "value");
}

void
convolve_train_page_get_config (ConvolveTrainPage *self,
                                CnnTrainConfig    *config)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));
  convolve_hyperparams_get_config (self->hyperparams, config);
}

double
convolve_train_page_get_pace (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), 0);
  return convolve_train_controls_get_pace (self->controls);
}

void
convolve_train_page_set_pace (ConvolveTrainPage *self,
                              double             steps_per_second)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));
  convolve_train_controls_set_pace (self->controls, steps_per_second);
}

static void
clear_curves (ConvolveTrainPage *self)
{
  convolve_plot_clear (self->loss_plot);
  convolve_plot_clear (self->acc_plot);
  self->n_records_shown = 0;
  self->running_x = -1;
}

void
convolve_train_page_set_net (ConvolveTrainPage *self,
                             const CnnNet      *net)
{
  guint selected, n_items;

  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));
  g_return_if_fail (net != NULL);

  convolve_spec_row_set_spec (self->spec_row, net->spec);
  convolve_gradient_view_set_net (self->gradient_view, net);
  clear_curves (self);
  self->have_run = FALSE;

  /* Probe choices: the training sample, or the drawing as each class */
  selected = adw_combo_row_get_selected (self->probe_row);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->probe_labels));
  g_signal_handlers_block_by_func (self->probe_row, emit_probe_changed, self);
  gtk_string_list_splice (self->probe_labels, 0, n_items, NULL);
  gtk_string_list_append (self->probe_labels, _("Training sample"));
  for (int c = 0; c < net->n_classes; c++)
    {
      /* Translators: a probe choice, "My drawing as a 7" */
      g_autofree char *text = g_strdup_printf (_("My drawing as a %d"), c);

      gtk_string_list_append (self->probe_labels, text);
    }
  if (selected == GTK_INVALID_LIST_POSITION || selected > (guint) net->n_classes)
    selected = 0;
  adw_combo_row_set_selected (self->probe_row, selected);
  g_signal_handlers_unblock_by_func (self->probe_row, emit_probe_changed, self);
}

void
convolve_train_page_set_state (ConvolveTrainPage     *self,
                               ConvolveTrainingState  state)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));
  convolve_train_progress_set_state (self->progress, state);
}

void
convolve_train_page_set_snapshot (ConvolveTrainPage *self,
                                  CnnSnapshot       *s,
                                  guint              run,
                                  int                steps_per_epoch)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));
  g_return_if_fail (s != NULL);

  if (!self->have_run || run != self->run)
    {
      clear_curves (self);
      self->run = run;
      self->have_run = TRUE;
    }

  /* Every finished epoch, including those between two snapshots */
  for (int e = self->n_records_shown; e < s->n_epoch_records; e++)
    {
      const CnnEpochRecord *r = &s->epoch_records[e];

      convolve_plot_append (self->loss_plot, self->loss_epoch_series, e + 1, r->epoch_loss);
      convolve_plot_append (self->acc_plot, self->acc_train_series, e + 1, 100.0 * r->train_accuracy);
      if (r->test_accuracy >= 0)
        convolve_plot_append (self->acc_plot, self->acc_test_series, e + 1, 100.0 * r->test_accuracy);
    }
  self->n_records_shown = MAX (self->n_records_shown, s->n_epoch_records);

  /* The mean loss of the epoch so far, at its fractional epoch */
  if (s->step > 0 && s->epoch > 0 && isfinite (s->epoch_loss) && steps_per_epoch > 0)
    {
      double x = CLAMP ((double) s->step / steps_per_epoch, s->epoch - 1, s->epoch);

      /* a few hundred points over the run are plenty for a line, and
       * snapshots come every few milliseconds */
      if (self->running_x < 0 || x - self->running_x >= MAX (s->epochs, 1) / 400.0)
        {
          convolve_plot_append (self->loss_plot, self->loss_running_series, x, s->epoch_loss);
          self->running_x = x;
        }
    }

  convolve_train_progress_set_snapshot (self->progress, s);
  convolve_gradient_view_set_snapshot (self->gradient_view, s);
}

int
convolve_train_page_get_probe_label (ConvolveTrainPage *self)
{
  guint selected;

  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), -1);
  selected = adw_combo_row_get_selected (self->probe_row);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return -1;
  return (int) selected - 1;
}

void
convolve_train_page_set_probe_label (ConvolveTrainPage *self,
                                     int                label)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));
  adw_combo_row_set_selected (self->probe_row, label < 0 ? 0 : (guint) label + 1);
}

ConvolvePlot *
convolve_train_page_get_loss_plot (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), NULL);
  return self->loss_plot;
}

ConvolvePlot *
convolve_train_page_get_accuracy_plot (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), NULL);
  return self->acc_plot;
}

void
convolve_train_page_set_lesson_focus (ConvolveTrainPage *self,
                                      gboolean           gradients)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));

  /* the backward pass in focus; the controls dimmed but still there */
  for (GtkWidget **w = (GtkWidget *[]) { self->left, self->plots, NULL }; *w != NULL; w++)
    if (gradients)
      gtk_widget_add_css_class (*w, "lesson-dimmed");
    else
      gtk_widget_remove_css_class (*w, "lesson-dimmed");
}

ConvolveGradientView *
convolve_train_page_get_gradient_view (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), NULL);
  return self->gradient_view;
}

ConvolveSpecRow *
convolve_train_page_get_spec_row (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), NULL);
  return self->spec_row;
}

ConvolveTrainProgress *
convolve_train_page_get_progress (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), NULL);
  return self->progress;
}

ConvolveHyperparams *
convolve_train_page_get_hyperparams (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), NULL);
  return self->hyperparams;
}

GtkMenuButton *
convolve_train_page_get_help_button (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), NULL);
  return self->help_button;
}

static void
convolve_train_page_dispose (GObject *object)
{
  ConvolveTrainPage *self = CONVOLVE_TRAIN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_TRAIN_PAGE);
  g_clear_object (&self->probe_labels);

  G_OBJECT_CLASS (convolve_train_page_parent_class)->dispose (object);
}

static void
convolve_train_page_class_init (ConvolveTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_train_page_dispose;

  signals[SIGNAL_CONFIG_CHANGED] =
    g_signal_new ("config-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_PROBE_CHANGED] =
    g_signal_new ("probe-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_APPLY_SPEC] =
    g_signal_new ("apply-spec", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SAMPLES_CHANGED] =
    g_signal_new ("samples-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CONVOLVE_TYPE_TRAIN_CONTROLS);
  g_type_ensure (CONVOLVE_TYPE_TRAIN_PROGRESS);
  g_type_ensure (CONVOLVE_TYPE_HYPERPARAMS);
  g_type_ensure (CONVOLVE_TYPE_SPEC_ROW);
  g_type_ensure (CONVOLVE_TYPE_GRADIENT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-train-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, content);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, controls);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, progress);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, hyperparams);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, spec_row);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, help_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, plots);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, probe_row);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, speed_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, gradient_view);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, left);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, samples_row);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, samples_switch);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, repeat_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainPage, repeat_row);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "train-page");
}

static ConvolvePlot *
add_plot (ConvolveTrainPage *self,
          const char        *y_label,
          const char        *accessible)
{
  GtkWidget *plot = convolve_plot_new (_("epoch"), y_label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (plot), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_hexpand (plot, TRUE);
  gtk_widget_set_size_request (plot, 200, 220);
  gtk_box_append (GTK_BOX (self->plots), plot);
  return CONVOLVE_PLOT (plot);
}

/* The backward pass's cards and the dL/dW maps follow each step only
 * while some of them are on screen (below the fold they would cost a
 * frame's worth of drawing at every step of a reveal); they catch up when
 * scrolled to */
static void
update_in_view (ConvolveTrainPage *self)
{
  GtkWidget *sections[] = {
    GTK_WIDGET (convolve_gradient_view_get_backward_view (self->gradient_view)),
    GTK_WIDGET (convolve_gradient_view_get_kernel_grads (self->gradient_view)),
  };

  convolve_deferred_follow_scroller (sections, G_N_ELEMENTS (sections),
                                     GTK_SCROLLED_WINDOW (self->scroller), self->content,
                                     self->show_all);
}

GtkScrolledWindow *
convolve_train_page_get_scroller (ConvolveTrainPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PAGE (self), NULL);
  return GTK_SCROLLED_WINDOW (self->scroller);
}

void
convolve_train_page_set_show_all (ConvolveTrainPage *self,
                                  gboolean           show_all)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_PAGE (self));

  self->show_all = !!show_all;
  update_in_view (self);
}

static void
convolve_train_page_init (ConvolveTrainPage *self)
{
  GdkRGBA faint = { 0.5, 0.5, 0.5, 0.6 };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loss_plot = add_plot (self, _("loss (cross-entropy)"), _("Loss curve"));
  self->acc_plot = add_plot (self, _("accuracy (%)"), _("Accuracy curves, train and test"));
  self->loss_epoch_series = convolve_plot_add_series (self->loss_plot, _("train, per epoch"), NULL, FALSE);
  self->loss_running_series = convolve_plot_add_series (self->loss_plot, _("train, running"), &faint, FALSE);
  self->acc_train_series = convolve_plot_add_series (self->acc_plot, _("train"), NULL, FALSE);
  self->acc_test_series = convolve_plot_add_series (self->acc_plot, _("test"), NULL, TRUE);
  convolve_plot_set_y_range (self->acc_plot, 0, 100);
  self->running_x = -1;

  self->probe_labels = gtk_string_list_new (NULL);
  gtk_string_list_append (self->probe_labels, _("Training sample"));
  adw_combo_row_set_model (self->probe_row, G_LIST_MODEL (self->probe_labels));

  g_signal_connect_swapped (self->hyperparams, "changed", G_CALLBACK (emit_config_changed), self);
  g_signal_connect_swapped (self->controls, "notify::pace", G_CALLBACK (emit_config_changed), self);
  g_signal_connect_swapped (self->probe_row, "notify::selected", G_CALLBACK (emit_probe_changed), self);
  g_signal_connect_swapped (self->spec_row, "apply", G_CALLBACK (on_apply), self);
  g_signal_connect_swapped (self->speed_adjustment, "value-changed", G_CALLBACK (on_speed_changed), self);
  g_signal_connect_swapped (self->samples_switch, "notify::active", G_CALLBACK (emit_samples_changed), self);
  g_signal_connect_swapped (self->repeat_adjustment, "value-changed", G_CALLBACK (emit_samples_changed), self);
  on_speed_changed (self);
  convolve_train_page_set_samples_used (self, 0, 0, 1);
  {
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));

    g_signal_connect_swapped (adj, "value-changed", G_CALLBACK (update_in_view), self);
    /* the page's size, or the sections' heights, changed */
    g_signal_connect_swapped (adj, "changed", G_CALLBACK (update_in_view), self);
  }
}
