/* convolve-window-lesson.c — the guided lesson in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panel says what a step is about; here each step gets its page, the
 * view it talks about in focus (the rest dimmed, still usable: the panel
 * never blocks drawing) and the check that marks it done. The lesson is
 * written for the Digits network and switches to it (each network keeps
 * its own autosave); leaving and coming back goes on from the same step.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-window-private.h"

typedef struct
{
  const char *page;
  ConvolveExploreFocus focus;  /* on the Explore page */
} Place;

static const Place places[CONVOLVE_LESSON_N_STEPS] = {
  [CONVOLVE_TOPIC_INPUT] = { "explore", CONVOLVE_EXPLORE_FOCUS_DRAWING },
  [CONVOLVE_TOPIC_FEATURES] = { "explore", CONVOLVE_EXPLORE_FOCUS_TRACE },
  [CONVOLVE_TOPIC_FLATTEN] = { "explore", CONVOLVE_EXPLORE_FOCUS_TRACE },
  [CONVOLVE_TOPIC_HEAD] = { "explore", CONVOLVE_EXPLORE_FOCUS_ANSWER },
  [CONVOLVE_TOPIC_INVARIANCE] = { "explore", CONVOLVE_EXPLORE_FOCUS_DRAWING },
  [CONVOLVE_TOPIC_BACKPROP] = { "train", CONVOLVE_EXPLORE_FOCUS_NONE },
  [CONVOLVE_TOPIC_LEARNED] = { "filters", CONVOLVE_EXPLORE_FOCUS_NONE },
};

static void
update_lesson_actions (ConvolveWindow *self)
{
  int step = convolve_lesson_panel_get_step (self->lesson_panel);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-back", self->lesson && step > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-next",
                                 self->lesson && step < CONVOLVE_LESSON_N_STEPS - 1);
}

/* The step's page and focus; what its check compares with */
static void
enter_step (ConvolveWindow *self)
{
  int step = convolve_lesson_panel_get_step (self->lesson_panel);

  update_lesson_actions (self);
  if (!self->lesson)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, places[step].page);
  convolve_explore_page_set_lesson_focus (self->explore_page, places[step].focus);
  convolve_train_page_set_lesson_focus (self->train_page, step == CONVOLVE_TOPIC_BACKPROP);
  self->lesson_top_class = convolve_session_get_top_class (self->session);
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "lesson-step", step);
  /* a step whose state is already there is done at once */
  if (step == CONVOLVE_TOPIC_INPUT && !convolve_session_get_empty (self->session))
    convolve_window_lesson_check (self, CONVOLVE_TOPIC_INPUT);
}

void
convolve_window_lesson_check (ConvolveWindow *self,
                              ConvolveTopic   topic)
{
  g_return_if_fail (CONVOLVE_IS_WINDOW (self));

  /* a task counts while its step is the one shown */
  if (!self->lesson || convolve_lesson_panel_get_step (self->lesson_panel) != (int) topic)
    return;
  convolve_lesson_panel_set_done (self->lesson_panel, topic, TRUE);
}

void
convolve_window_set_lesson (ConvolveWindow *self,
                            gboolean        lesson)
{
  g_return_if_fail (CONVOLVE_IS_WINDOW (self));

  lesson = !!lesson;
  if (lesson == self->lesson)
    return;
  self->lesson = lesson;
  if (lesson)
    {
      const char *slot = convolve_session_get_slot (self->session);
      g_autoptr (GError) error = NULL;

      if (g_strcmp0 (slot, CNN_PRESET_DEFAULT) != 0
          && !convolve_window_show_network (self, CNN_PRESET_DEFAULT, &error))
        convolve_window_toast (self, error->message);
      convolve_lesson_panel_set_net (self->lesson_panel, convolve_session_get_net (self->session));
    }
  else
    {
      convolve_explore_page_set_lesson_focus (self->explore_page, CONVOLVE_EXPLORE_FOCUS_NONE);
      convolve_train_page_set_lesson_focus (self->train_page, FALSE);
    }
  convolve_explore_page_set_narrow (self->explore_page, lesson);
  gtk_revealer_set_reveal_child (self->lesson_revealer, lesson);
  enter_step (self);
  g_object_notify (G_OBJECT (self), "lesson");
}

gboolean
convolve_window_get_lesson (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), FALSE);
  return self->lesson;
}

static void
on_empty (ConvolveWindow *self)
{
  if (!convolve_session_get_empty (self->session))
    convolve_window_lesson_check (self, CONVOLVE_TOPIC_INPUT);
}

static void
on_top_class (ConvolveWindow *self)
{
  int top = convolve_session_get_top_class (self->session);

  if (top >= 0 && self->lesson_top_class >= 0 && top != self->lesson_top_class)
    convolve_window_lesson_check (self, CONVOLVE_TOPIC_HEAD);
  if (self->lesson_top_class < 0)
    self->lesson_top_class = top;
}

static void
on_pass_shown (ConvolveWindow *self)
{
  convolve_window_lesson_check (self, CONVOLVE_TOPIC_BACKPROP);
}

static void
on_conv_hovered (ConvolveHeatmap *map,
                 int              row,
                 int              col,
                 ConvolveWindow  *self)
{
  if (row >= 0 && col >= 0)
    convolve_window_lesson_check (self, CONVOLVE_TOPIC_FEATURES);
}

static void
on_flatten_hovered (ConvolveHeatmap *map,
                    int              row,
                    int              col,
                    ConvolveWindow  *self)
{
  if (row >= 0 && col >= 0)
    convolve_window_lesson_check (self, CONVOLVE_TOPIC_FLATTEN);
}

/* The trace's maps are made again for each network: so are the links to
 * the ones the feature and flatten steps ask to hover */
static void
watch_trace (ConvolveWindow *self)
{
  ConvolveTraceView *trace = convolve_explore_page_get_trace (self->explore_page);
  CnnNet *net = convolve_session_get_net (self->session);
  int conv = -1, flatten;

  if (net == NULL)
    return;
  for (int i = 0; i < net->n_layers && conv < 0; i++)
    if (net->layers[i].kind == CNN_LAYER_CONV)
      conv = i;
  flatten = cnn_net_flatten_layer (net);
  /* column 0 is the input: layer i is column i + 1 */
  for (int m = 0; conv >= 0 && m < convolve_trace_view_get_n_maps (trace, conv + 1); m++)
    g_signal_connect_object (convolve_trace_view_get_map (trace, conv + 1, m), "cell-hovered",
                             G_CALLBACK (on_conv_hovered), self, 0);
  if (flatten >= 0 && net->layers[flatten].kind == CNN_LAYER_FLATTEN)
    for (int m = 0; m < convolve_trace_view_get_n_maps (trace, flatten + 1); m++)
      g_signal_connect_object (convolve_trace_view_get_map (trace, flatten + 1, m), "cell-hovered",
                               G_CALLBACK (on_flatten_hovered), self, 0);
}

static void
on_invariance_shown (ConvolveWindow *self)
{
  convolve_window_lesson_check (self, CONVOLVE_TOPIC_INVARIANCE);
}

static void
on_experiment_finished (ConvolveWindow *self)
{
  convolve_window_lesson_check (self, CONVOLVE_TOPIC_LEARNED);
}

static void
on_net (ConvolveWindow *self)
{
  convolve_lesson_panel_set_net (self->lesson_panel, convolve_session_get_net (self->session));
  watch_trace (self);
}

static void
on_close (ConvolveWindow *self)
{
  convolve_window_set_lesson (self, FALSE);
}

void
convolve_window_lesson_back (ConvolveWindow *self)
{
  convolve_lesson_panel_set_step (self->lesson_panel,
                                  convolve_lesson_panel_get_step (self->lesson_panel) - 1);
}

void
convolve_window_lesson_next (ConvolveWindow *self)
{
  convolve_lesson_panel_set_step (self->lesson_panel,
                                  convolve_lesson_panel_get_step (self->lesson_panel) + 1);
}

void
convolve_window_lesson_init (ConvolveWindow *self)
{
  ConvolveGradientView *gradients = convolve_train_page_get_gradient_view (self->train_page);

  g_signal_connect_swapped (self->session, "notify::empty", G_CALLBACK (on_empty), self);
  g_signal_connect_swapped (self->session, "notify::top-class", G_CALLBACK (on_top_class), self);
  g_signal_connect_swapped (self->session, "notify::net", G_CALLBACK (on_net), self);
  g_signal_connect_swapped (convolve_gradient_view_get_backward_view (gradients), "pass-shown",
                            G_CALLBACK (on_pass_shown), self);
  g_signal_connect_swapped (self->explore_page, "invariance-shown", G_CALLBACK (on_invariance_shown),
                            self);
  g_signal_connect_swapped (self->filters_page, "experiment-finished",
                            G_CALLBACK (on_experiment_finished), self);
  g_signal_connect_swapped (self->lesson_panel, "notify::step", G_CALLBACK (enter_step), self);
  g_signal_connect_swapped (self->lesson_panel, "close", G_CALLBACK (on_close), self);
  update_lesson_actions (self);
  watch_trace (self);
}

void
convolve_window_lesson_restore (ConvolveWindow *self)
{
  if (self->settings != NULL)
    convolve_lesson_panel_set_step (self->lesson_panel,
                                    g_settings_get_int (self->settings, "lesson-step"));
}
