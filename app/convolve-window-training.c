/* convolve-window-training.c — the worker's weights into the session, once each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ConvolveTraining hands over at most one snapshot a frame; its weights go
 * into the session (convolve_session_set_weights(): one copy, into the
 * network every view shows), its figures to the Train page. The trained
 * weights are kept in the network's autosave slot at the end of every
 * epoch and whenever the run pauses or ends, so a kill loses at most an
 * epoch.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-window-private.h"

#define AUTOSAVE_INTERVAL_US G_USEC_PER_SEC

static gboolean
run_over (ConvolveTrainingState state)
{
  return state == CONVOLVE_TRAINING_PAUSED || state == CONVOLVE_TRAINING_FINISHED
         || state == CONVOLVE_TRAINING_STOPPED || state == CONVOLVE_TRAINING_DIVERGED;
}

static void
on_snapshot (ConvolveTraining *training,
             CnnSnapshot      *snapshot,
             ConvolveWindow   *self)
{
  guint run = convolve_training_get_run (training);

  convolve_session_set_weights (self->session, snapshot->params, snapshot->n_params,
                                snapshot->temperature,
                                snapshot->has_record ? &snapshot->record : NULL);
  convolve_train_page_set_snapshot (self->train_page, snapshot, run,
                                    convolve_training_get_steps_per_epoch (training));

  /* once per run: later snapshots of the same stopped run say it again */
  if (snapshot->state == CNN_WORKER_DIVERGED && self->diverged_run != run + 1)
    {
      self->diverged_run = run + 1;
      convolve_window_toast (self, snapshot->error_message != NULL
                                   ? snapshot->error_message
                                   : _("Training diverged; the last good weights were restored. "
                                       "Try a lower learning rate."));
    }

  /* every epoch's end (even one whose own snapshot was not handed over),
   * at most once a second while running at full speed (a save is an
   * fsync: written in a thread), and whenever the run pauses or ends */
  if (run_over ((ConvolveTrainingState) snapshot->state)
      || ((run != self->saved_run || snapshot->n_epoch_records != self->saved_epochs)
          && g_get_monotonic_time () - self->saved_at >= AUTOSAVE_INTERVAL_US))
    {
      self->saved_run = run;
      self->saved_epochs = snapshot->n_epoch_records;
      self->saved_at = g_get_monotonic_time ();
      convolve_window_autosave_in_background (self);
    }
}

static void
on_state (ConvolveWindow *self)
{
  convolve_window_update_actions (self);
}

static void
update_probe (ConvolveWindow *self)
{
  int label = convolve_train_page_get_probe_label (self->train_page);
  CnnNet *net = convolve_session_get_net (self->session);

  if (net == NULL || label >= net->n_classes)
    label = -1;
  convolve_training_set_probe (self->training,
                               label >= 0 ? convolve_session_get_input (self->session) : NULL,
                               label);
}

static void
on_drawing (ConvolveWindow *self)
{
  convolve_hyperparams_set_drawing (convolve_train_page_get_hyperparams (self->train_page),
                                    convolve_session_get_empty (self->session)
                                    ? NULL : convolve_session_get_input (self->session));
  if (convolve_train_page_get_probe_label (self->train_page) >= 0)
    update_probe (self);
}

static void
on_config_changed (ConvolveWindow *self)
{
  CnnTrainConfig config;

  convolve_train_page_get_config (self->train_page, &config);
  convolve_training_set_config (self->training, &config);
  convolve_filters_page_set_train_config (self->filters_page, &config);
  convolve_training_set_pace (self->training, convolve_train_page_get_pace (self->train_page));
}

/* A new network in the session (a preset, a file, a spec): train that */
static void
on_session_net (ConvolveWindow *self)
{
  g_autoptr (GError) error = NULL;
  CnnNet *net = convolve_session_get_net (self->session);

  if (net == NULL)
    return;
  if (!convolve_training_set_net (self->training, net, &error))
    convolve_window_toast (self, error->message);
  convolve_train_page_set_net (self->train_page, net);
  update_probe (self);
  convolve_window_update_actions (self);
}

static void
on_apply_spec (ConvolveTrainPage *page,
               const char        *spec,
               ConvolveWindow    *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CnnNet) net = cnn_net_new (spec, &error);
  g_autofree char *slot = NULL;

  if (net != NULL)
    {
      slot = g_strconcat ("spec:", net->spec, NULL);
      if (convolve_window_show_network (self, slot, &error))
        return;
    }
  convolve_window_toast (self, error->message);
}

void
convolve_window_training_init (ConvolveWindow *self)
{
  self->training = convolve_training_new ();
  convolve_training_set_frame_widget (self->training, GTK_WIDGET (self));
  on_config_changed (self);

  g_signal_connect (self->training, "snapshot", G_CALLBACK (on_snapshot), self);
  g_signal_connect_swapped (self->training, "notify::state", G_CALLBACK (on_state), self);
  g_signal_connect_swapped (self->train_page, "config-changed", G_CALLBACK (on_config_changed), self);
  g_signal_connect_swapped (self->train_page, "probe-changed", G_CALLBACK (update_probe), self);
  g_signal_connect (self->train_page, "apply-spec", G_CALLBACK (on_apply_spec), self);
  g_signal_connect_swapped (self->session, "notify::net", G_CALLBACK (on_session_net), self);
  g_signal_connect_swapped (self->session, "changed", G_CALLBACK (on_drawing), self);
}

/* Once the settings are bound: the hyperparameters they hold */
void
convolve_window_training_ready (ConvolveWindow *self)
{
  on_config_changed (self);
}

/* Stops the run and takes what its last mini-batch learned */
void
convolve_window_training_dispose (ConvolveWindow *self)
{
  if (self->training == NULL)
    return;
  convolve_training_stop (self->training);
  convolve_training_flush (self->training);
  g_signal_handlers_disconnect_by_data (self->training, self);
  g_clear_object (&self->training);
}

void
convolve_window_train_toggle (ConvolveWindow *self)
{
  if (self->training == NULL)
    return;
  switch (convolve_training_get_state (self->training))
    {
    case CONVOLVE_TRAINING_RUNNING:
      convolve_training_pause (self->training);
      break;
    case CONVOLVE_TRAINING_PAUSED:
      convolve_training_resume (self->training);
      break;
    default:
      convolve_training_start (self->training);
      break;
    }
}

/* A reset is He init from the configured seed, made on the worker thread
 * later; the same seed gives the same weights (ConvolveTraining replays a
 * reset on a new worker for that reason), so the session is told the
 * next run's start now: the reset's own snapshot is never handed over
 * when a Start follows at once (each hand-off takes the latest). */
static void
do_reset (ConvolveWindow *self)
{
  const CnnNet *net = convolve_training_get_net (self->training);
  g_autoptr (CnnNet) start = NULL;
  CnnTrainConfig config;

  if (!convolve_training_reset (self->training) || net != convolve_session_get_net (self->session))
    return;
  convolve_training_get_config (self->training, &config);
  start = cnn_net_copy (net);
  cnn_net_init_weights_from_seed (start, config.seed);
  convolve_session_set_start (self->session, start->params, start->n_params);
}

void
convolve_window_train_reset (ConvolveWindow *self)
{
  convolve_window_confirm_discard (self, _("Reset the Weights?"), _("_Reset"), do_reset);
}
