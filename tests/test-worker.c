/* test-worker.c — the trainer's thread: commands, snapshots, divergence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also run under ThreadSanitizer (build-aux/dev test). The notify callback
 * only schedules an idle and touches no test state, so any race TSan finds
 * is in the worker's hand-off, not in the test's plumbing.
 */
#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "cnn.h"

#define WAIT_TIMEOUT_US (60 * G_USEC_PER_SEC)   /* generous: TSan is ~10× slower */

static CnnDataset *train_set;
static CnnDataset *test_set;

static CnnNet *
new_net (guint64 seed)
{
  CnnNet *net = cnn_net_new (CNN_SPEC_DIGITS, NULL);
  CnnRng rng;

  cnn_rng_init (&rng, seed);
  cnn_net_init_weights (net, &rng);
  return net;
}

static void
config_for (CnnTrainConfig *config,
            guint64         seed,
            int             epochs)
{
  cnn_train_config_init_default (config);
  config->seed = seed;
  config->epochs = epochs;
}

static CnnWorker *
new_worker (const CnnNet *net,
            const CnnTrainConfig *config)
{
  g_autoptr(GError) error = NULL;
  CnnWorker *w = cnn_worker_new (net, train_set, test_set, config, &error);

  g_assert_no_error (error);
  g_assert_nonnull (w);
  return w;
}

typedef gboolean (*SnapshotPredicate) (const CnnSnapshot *s, gconstpointer data);

/* Polls the latest snapshot until pred holds; fails the test on timeout. */
static CnnSnapshot *
wait_for (CnnWorker         *w,
          SnapshotPredicate  pred,
          gconstpointer      data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;

  for (;;)
    {
      CnnSnapshot *s = cnn_worker_dup_snapshot (w);

      if (s != NULL && pred (s, data))
        return s;
      cnn_snapshot_unref (s);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for a snapshot");
      g_usleep (500);
    }
}

static gboolean
step_at_least (const CnnSnapshot *s, gconstpointer data)
{
  return s->step >= *(const gint64 *) data;
}

static gboolean
state_is (const CnnSnapshot *s, gconstpointer data)
{
  return s->state == *(const CnnWorkerState *) data;
}

/* A snapshot whose state and step say the worker has parked after step n. */
typedef struct { CnnWorkerState state; gint64 step; } Parked;

static gboolean
parked_at (const CnnSnapshot *s, gconstpointer data)
{
  const Parked *p = data;

  return s->state == p->state && s->step == p->step;
}

/* Replays a plain trainer for n steps on a fresh copy of net. */
static CnnNet *
replay (const CnnNet *net, const CnnTrainConfig *config, gint64 n, CnnTrainer **trainer_out)
{
  CnnNet *copy = cnn_net_copy (net);
  CnnTrainer *t = cnn_trainer_new (copy, train_set, test_set, config, NULL);

  for (gint64 i = 0; i < n; i++)
    g_assert_true (cnn_trainer_step (t, NULL, NULL));
  if (trainer_out != NULL)
    *trainer_out = t;
  else
    cnn_trainer_free (t);
  return copy;
}

static void
assert_params_equal (const float *a, const float *b, gsize n)
{
  g_assert_cmpmem (a, n * sizeof (float), b, n * sizeof (float));
}

static float
l2_of (const float *v, gsize n)
{
  double acc = 0.0;

  for (gsize i = 0; i < n; i++)
    acc += (double) v[i] * v[i];
  return (float) sqrt (acc);
}

static gboolean
layer_has_weights (const CnnNet *net, int i)
{
  return net->layers[i].n_weights > 0;
}

/* start → pause → resume → stop, driven from a main loop by notifications */

typedef enum { PHASE_RUN, PHASE_PAUSED, PHASE_RESUMED, PHASE_STOPPING } Phase;

typedef struct {
  CnnWorker  *worker;
  GMainLoop  *loop;
  Phase       phase;
  guint64     last_seq;
  guint       run;
  gint64      last_step;
  gint64      pause_bound;    /* the most steps may reach after pause() */
  gint64      paused_step;
  guint       n_taken;
  guint       n_idles;
  atomic_int  pending_idles;  /* the only state the worker thread touches */
  gboolean    saw_stopped;
} Driver;

static gboolean driver_idle (gpointer data);

static void
driver_notify (gpointer data)
{
  Driver *d = data;

  /* at most one idle is ever pending */
  g_assert_cmpint (atomic_fetch_add (&d->pending_idles, 1), ==, 0);
  g_idle_add (driver_idle, d);
}

static gboolean
check_paused (gpointer data)
{
  Driver *d = data;
  g_autoptr(CnnSnapshot) s = cnn_worker_dup_snapshot (d->worker);

  g_assert_cmpint (cnn_worker_get_state (d->worker), ==, CNN_WORKER_PAUSED);
  g_assert_cmpint (s->state, ==, CNN_WORKER_PAUSED);
  /* pause is honoured within one mini-batch … */
  g_assert_cmpint (s->step, <=, d->pause_bound);
  if (d->paused_step < 0)
    {
      /* … and then nothing moves: look again a little later */
      d->paused_step = s->step;
      return G_SOURCE_CONTINUE;
    }
  g_assert_cmpint (s->step, ==, d->paused_step);
  g_assert_cmpint (cnn_worker_get_step (d->worker), ==, s->step);
  g_assert_true (cnn_worker_resume (d->worker));
  g_assert_false (cnn_worker_resume (d->worker));
  d->phase = PHASE_RESUMED;
  return G_SOURCE_REMOVE;
}

static gboolean
driver_idle (gpointer data)
{
  Driver *d = data;
  g_autoptr(CnnSnapshot) s = NULL;

  atomic_fetch_sub (&d->pending_idles, 1);
  d->n_idles++;
  s = cnn_worker_take_snapshot (d->worker);
  if (s == NULL)
    return G_SOURCE_REMOVE;
  d->n_taken++;

  /* only the latest counts, but never out of order */
  g_assert_cmpuint (s->seq, >, d->last_seq);
  d->last_seq = s->seq;
  g_assert_cmpuint (s->run, ==, d->run);
  g_assert_cmpint (s->step, >=, d->last_step);
  d->last_step = s->step;
  g_assert_null (cnn_worker_take_snapshot (d->worker));

  switch (d->phase)
    {
    case PHASE_RUN:
      g_assert_cmpint (s->state, ==, CNN_WORKER_RUNNING);
      if (s->step >= 200)
        {
          g_assert_true (cnn_worker_pause (d->worker));
          /* what was done when pause() returned, plus the step in flight */
          d->pause_bound = cnn_worker_get_step (d->worker) + 1;
          g_assert_cmpint (d->pause_bound, >, s->step);
          g_assert_cmpint (cnn_worker_get_state (d->worker), ==, CNN_WORKER_PAUSED);
          g_assert_false (cnn_worker_pause (d->worker));
          d->paused_step = -1;
          d->phase = PHASE_PAUSED;
          g_timeout_add (100, check_paused, d);
        }
      break;
    case PHASE_PAUSED:
      g_assert_cmpint (s->step, <=, d->pause_bound);
      break;
    case PHASE_RESUMED:
      if (s->step >= d->paused_step + 200)
        {
          g_assert_true (cnn_worker_stop (d->worker));
          g_assert_cmpint (cnn_worker_get_state (d->worker), ==, CNN_WORKER_STOPPED);
          d->phase = PHASE_STOPPING;
        }
      break;
    case PHASE_STOPPING:
      if (s->state == CNN_WORKER_STOPPED)
        {
          d->saw_stopped = TRUE;
          g_main_loop_quit (d->loop);
        }
      break;
    default:
      g_assert_not_reached ();
    }
  return G_SOURCE_REMOVE;
}

static gboolean
driver_timeout (gpointer data)
{
  g_error ("the start/pause/resume/stop sequence did not finish");
  return G_SOURCE_REMOVE;
}

static void
test_lifecycle_main_loop (void)
{
  g_autoptr(CnnNet) net = new_net (1);
  CnnTrainConfig config;
  Driver d = { 0 };
  g_autoptr(CnnSnapshot) first = NULL;
  guint timeout_id;

  config_for (&config, 1, 50);
  d.worker = new_worker (net, &config);
  d.loop = g_main_loop_new (NULL, FALSE);
  atomic_init (&d.pending_idles, 0);

  /* the worker publishes its starting point before any command */
  first = wait_for (d.worker, state_is, &(CnnWorkerState) { CNN_WORKER_IDLE });
  g_assert_cmpint (first->step, ==, 0);
  assert_params_equal (first->params, net->params, net->n_params);
  g_assert_false (first->has_probe);
  d.run = first->run;
  d.last_seq = first->seq;

  g_assert_false (cnn_worker_pause (d.worker));
  g_assert_false (cnn_worker_resume (d.worker));
  g_assert_false (cnn_worker_stop (d.worker));
  cnn_worker_set_notify (d.worker, driver_notify, &d);
  g_assert_true (cnn_worker_start (d.worker));
  g_assert_false (cnn_worker_start (d.worker));
  g_assert_false (cnn_worker_reset_weights (d.worker, 1));
  g_assert_false (cnn_worker_step (d.worker));

  timeout_id = g_timeout_add_seconds (120, driver_timeout, NULL);
  g_main_loop_run (d.loop);
  g_source_remove (timeout_id);

  g_assert_true (d.saw_stopped);
  g_assert_cmpint (cnn_worker_get_state (d.worker), ==, CNN_WORKER_STOPPED);
  g_test_message ("%u idles, %u snapshots taken, %" G_GINT64_FORMAT " steps",
                  d.n_idles, d.n_taken, d.last_step);
  g_assert_cmpuint (d.n_taken, >=, 3);

  cnn_worker_free (d.worker);
  /* an idle scheduled before the free may still be queued: drop it */
  while (g_source_remove_by_user_data (&d))
    ;
  g_main_loop_unref (d.loop);
}

/* weights in snapshots are those of a plain trainer after the same steps */

static guint32
checksum (const CnnSnapshot *s)
{
  guint32 h = 2166136261u;
  const guint8 *p = (const guint8 *) s->params;

  for (gsize i = 0; i < s->n_params * sizeof (float); i++)
    h = (h ^ p[i]) * 16777619u;
  return h;
}

static void
test_snapshots_match_plain_trainer (void)
{
  g_autoptr(CnnNet) net = new_net (7);
  g_autoptr(CnnWorker) w = NULL;
  CnnTrainConfig config;
  CnnSnapshot *held[4] = { NULL };
  guint32 sums[4];
  int n_held = 0;
  g_autoptr(CnnSnapshot) last = NULL;
  g_autoptr(CnnTrainer) counter = NULL;
  gint64 steps_per_epoch;
  CnnWorkerState finished = CNN_WORKER_FINISHED;

  config_for (&config, 7, 2);
  /* the held-out part (for the temperature) is not trained on */
  counter = cnn_trainer_new (net, train_set, test_set, &config, NULL);
  steps_per_epoch = (gint64) (cnn_trainer_n_train (counter) + 31) / 32;
  g_assert_cmpuint (cnn_trainer_n_train (counter) + cnn_trainer_n_validation (counter), ==, train_set->n);
  w = new_worker (net, &config);
  g_assert_true (cnn_worker_start (w));

  /* hold a few snapshots while it runs, as a UI drawing them would */
  while (n_held < 4)
    {
      CnnSnapshot *s = cnn_worker_take_snapshot (w);

      if (s == NULL || s->step == 0 || (n_held > 0 && s->step == held[n_held - 1]->step))
        {
          cnn_snapshot_unref (s);
          if (s == NULL && cnn_worker_get_state (w) == CNN_WORKER_FINISHED)
            break;
          g_usleep (200);
          continue;
        }
      sums[n_held] = checksum (s);
      held[n_held++] = s;
    }
  g_assert_cmpint (n_held, >=, 2);

  last = wait_for (w, state_is, &finished);
  g_assert_cmpint (last->step, ==, 2 * steps_per_epoch);
  g_assert_cmpint (last->epoch, ==, 2);
  g_assert_true (last->epoch_done);
  g_assert_cmpfloat (last->test_accuracy, >, 0.8f);
  g_assert_cmpfloat (last->samples_per_second, >, 0.0);
  g_assert_cmpfloat (last->elapsed, >, 0.0);
  g_assert_null (last->error_message);
  /* every epoch's figures, even those no snapshot was taken at */
  g_assert_cmpint (last->n_epoch_records, ==, 2);
  g_assert_cmpfloat (last->epoch_records[1].test_accuracy, ==, last->test_accuracy);
  g_assert_cmpfloat (last->epoch_records[1].epoch_loss, ==, last->epoch_loss);
  g_assert_cmpfloat (last->epoch_records[0].epoch_loss, >, last->epoch_records[1].epoch_loss);

  for (int i = 0; i < n_held; i++)
    {
      CnnTrainer *t = NULL;
      g_autoptr(CnnNet) expect = replay (net, &config, held[i]->step, &t);
      const float *grads = cnn_trainer_grads (t);

      /* never written to while held */
      g_assert_cmpuint (checksum (held[i]), ==, sums[i]);
      if (held[i]->state == CNN_WORKER_RUNNING)
        {
          g_assert_cmpfloat (held[i]->temperature, ==, 1.0f);
          g_assert_false (held[i]->has_record);
        }
      assert_params_equal (held[i]->params, expect->params, net->n_params);
      for (int l = 0; l < net->n_layers; l++)
        {
          const CnnLayer *layer = &net->layers[l];
          double acc = 0.0;

          for (gsize j = 0; j < layer->n_weights; j++)
            acc += (double) grads[layer->w_offset + j] * grads[layer->w_offset + j];
          g_assert_cmpfloat_with_epsilon (held[i]->grad_norms[l], sqrt (acc), 1e-6);
          if (layer_has_weights (net, l))
            {
              g_assert_cmpfloat (held[i]->grad_norms[l], >, 0.0f);
              g_assert_cmpfloat (held[i]->update_norms[l], >, 0.0f);
            }
        }
      cnn_trainer_free (t);
      cnn_snapshot_unref (held[i]);
    }

  {
    CnnTrainer *t = NULL;
    g_autoptr(CnnNet) expect = replay (net, &config, last->step, &t);

    assert_params_equal (last->params, expect->params, net->n_params);
    /* the run's end is published with the temperature the trainer fits
     * then, and the record of the run; the snapshots before it ran at 1 */
    g_assert_cmpfloat (last->temperature, ==, cnn_trainer_finish (t));
    g_assert_true (last->has_record);
    g_assert_cmpint (last->record.epochs, ==, 2);
    g_assert_cmpint (last->record.augment, ==, config.augment);
    g_assert_cmpuint (last->record.n_validation, ==, cnn_trainer_n_validation (t));
    g_assert_cmpfloat (last->record.test_accuracy, ==, last->test_accuracy);
    cnn_trainer_free (t);
  }
}

/* step() runs exactly one mini-batch; the probe is a full pass */

static void
assert_probe_is_full_pass (const CnnNet      *net,
                           const CnnSnapshot *s,
                           const float       *input,
                           int                label)
{
  g_autoptr(CnnNet) copy = cnn_net_copy (net);
  g_autoptr(CnnWorkspace) ws = cnn_workspace_new (net);
  float *grads = cnn_blob_new (net->n_params);

  g_assert_true (s->has_probe);
  g_assert_cmpint (s->probe_label, ==, label);
  memcpy (copy->params, s->params, sizeof (float) * net->n_params);
  cnn_net_forward (copy, ws, input);
  g_assert_cmpfloat (s->probe_loss, ==, cnn_net_backward (copy, ws, label, grads, TRUE));

  assert_params_equal (cnn_snapshot_activation (s, -1), input, CNN_INPUT_SIZE);
  assert_params_equal (cnn_snapshot_activation_grad (s, -1), cnn_workspace_input_grad (ws),
                       CNN_INPUT_SIZE);
  for (int i = 0; i < net->n_layers; i++)
    {
      gsize n = cnn_shape_size (net->layers[i].out);
      const float *g = cnn_snapshot_activation_grad (s, i);

      assert_params_equal (cnn_snapshot_activation (s, i), cnn_workspace_output (ws, i), n);
      g_assert_true ((g == NULL) == (i == net->n_layers - 1));
      if (g != NULL)
        {
          assert_params_equal (g, cnn_workspace_output_grad (ws, i), n);
          g_assert_cmpfloat (l2_of (g, n), >, 0.0f);
        }
    }
  assert_params_equal (s->param_grads, grads, net->n_params);
  /* every kernel gets a gradient from the probe */
  for (int i = 0; i < net->n_layers; i++)
    if (layer_has_weights (net, i))
      {
        const CnnLayer *l = &net->layers[i];

        g_assert_cmpfloat (l2_of (s->param_grads + l->w_offset, l->n_weights), >, 0.0f);
      }
  cnn_blob_free (grads);
}

static void
test_step_and_probe (void)
{
  g_autoptr(CnnNet) net = new_net (3);
  g_autoptr(CnnWorker) w = NULL;
  g_autoptr(CnnSnapshot) s1 = NULL;
  g_autoptr(CnnSnapshot) s2 = NULL;
  g_autoptr(CnnSnapshot) later = NULL;
  g_autoptr(CnnSnapshot) probed = NULL;
  g_autoptr(CnnNet) expect = NULL;
  CnnTrainer *t = NULL;
  CnnTrainConfig config;
  float sample[CNN_INPUT_SIZE];
  int index;
  const float *drawing = train_set->x + 5 * CNN_INPUT_SIZE;

  config_for (&config, 3, 5);
  w = new_worker (net, &config);

  g_assert_true (cnn_worker_step (w));
  g_assert_cmpint (cnn_worker_get_state (w), ==, CNN_WORKER_PAUSED);
  s1 = wait_for (w, parked_at, &(Parked) { CNN_WORKER_PAUSED, 1 });
  g_assert_cmpfloat (s1->samples_per_second, >, 0.0);
  g_assert_cmpfloat (s1->elapsed, >, 0.0);
  /* exactly one: nothing more comes */
  g_usleep (50000);
  later = cnn_worker_dup_snapshot (w);
  g_assert_cmpint (later->step, ==, 1);
  g_assert_cmpuint (later->seq, ==, s1->seq);

  g_assert_true (cnn_worker_step (w));
  s2 = wait_for (w, parked_at, &(Parked) { CNN_WORKER_PAUSED, 2 });
  expect = replay (net, &config, 2, &t);
  assert_params_equal (s2->params, expect->params, net->n_params);

  /* the default probe: the last training sample of the step */
  index = cnn_trainer_last_sample (t, sample);
  g_assert_cmpint (s2->probe_index, ==, index);
  assert_probe_is_full_pass (net, s2, sample, train_set->y[index]);
  cnn_trainer_free (t);

  /* a drawing with a chosen label, recomputed while paused */
  cnn_worker_set_probe (w, drawing, 4);
  for (;;)
    {
      probed = cnn_worker_dup_snapshot (w);
      if (probed->seq > s2->seq && probed->probe_label == 4)
        break;
      g_clear_pointer (&probed, cnn_snapshot_unref);
      g_usleep (500);
    }
  g_assert_cmpint (probed->step, ==, 2);
  g_assert_cmpint (probed->probe_index, ==, -1);
  assert_params_equal (probed->params, s2->params, net->n_params);
  assert_probe_is_full_pass (net, probed, drawing, 4);
}

/* a huge learning rate ends in DIVERGED with the last good weights */

static void
test_diverged (void)
{
  g_autoptr(CnnNet) net = new_net (5);
  g_autoptr(CnnNet) expect = cnn_net_copy (net);
  g_autoptr(CnnWorker) w = NULL;
  g_autoptr(CnnSnapshot) s = NULL;
  g_autoptr(CnnTrainer) t = NULL;
  g_autoptr(GError) error = NULL;
  CnnTrainConfig config;
  CnnWorkerState diverged = CNN_WORKER_DIVERGED;
  gint64 good_steps = 0;

  config_for (&config, 5, 3);
  config.optimizer = CNN_OPTIMIZER_SGD;
  config.lr = 1e30f;
  config.lr_decay = FALSE;

  /* where a plain trainer diverges, and the weights it restores */
  t = cnn_trainer_new (expect, train_set, test_set, &config, NULL);
  while (cnn_trainer_step (t, NULL, &error))
    good_steps++;
  g_assert_error (error, CNN_ERROR, CNN_ERROR_DIVERGED);

  w = new_worker (net, &config);
  g_assert_true (cnn_worker_start (w));
  s = wait_for (w, state_is, &diverged);
  g_assert_cmpint (cnn_worker_get_state (w), ==, CNN_WORKER_DIVERGED);
  g_assert_cmpint (s->step, ==, good_steps);
  g_assert_nonnull (s->error_message);
  g_assert_cmpstr (s->error_message, ==, error->message);
  for (gsize i = 0; i < s->n_params; i++)
    g_assert_true (isfinite (s->params[i]));
  assert_params_equal (s->params, expect->params, net->n_params);
  g_assert_true (isfinite (s->probe_loss));

  /* it can start over; the message goes with the run that diverged */
  g_assert_false (cnn_worker_pause (w));
  g_assert_true (cnn_worker_reset_weights (w, 5));
  {
    g_autoptr(CnnSnapshot) r = wait_for (w, state_is, &(CnnWorkerState) { CNN_WORKER_IDLE });

    g_assert_null (r->error_message);
    g_assert_cmpint (r->step, ==, 0);
    g_assert_cmpuint (r->run, !=, s->run);
  }
}

/* stop, then free while running: both join within a mini-batch */

static void
test_stop_and_free_while_running (void)
{
  g_autoptr(CnnNet) net = new_net (2);
  CnnTrainConfig config;
  CnnWorker *w;
  CnnSnapshot *kept;
  gint64 t0, one = 1;
  CnnWorkerState stopped = CNN_WORKER_STOPPED, running = CNN_WORKER_RUNNING;
  g_autoptr(CnnSnapshot) at_stop = NULL;

  config_for (&config, 2, 1000);
  w = new_worker (net, &config);

  g_assert_true (cnn_worker_start (w));
  cnn_snapshot_unref (wait_for (w, step_at_least, &one));
  g_assert_true (cnn_worker_stop (w));
  g_assert_false (cnn_worker_stop (w));
  g_assert_false (cnn_worker_resume (w));
  at_stop = wait_for (w, state_is, &stopped);
  /* a stop ends the run: the snapshot that says so is calibrated */
  g_assert_true (at_stop->has_record);
  g_assert_cmpfloat (at_stop->temperature, >=, CNN_TEMPERATURE_MIN);
  g_assert_cmpfloat (at_stop->temperature, <=, CNN_TEMPERATURE_MAX);
  g_assert_cmpint (at_stop->record.epochs, ==, at_stop->epoch_done ? at_stop->epoch : at_stop->epoch - 1);
  g_usleep (20000);
  {
    g_autoptr(CnnSnapshot) still = cnn_worker_dup_snapshot (w);

    g_assert_cmpuint (still->seq, ==, at_stop->seq);
  }

  /* a new run starts from the weights the stopped one reached */
  g_assert_true (cnn_worker_start (w));
  kept = wait_for (w, state_is, &running);
  g_assert_cmpuint (kept->run, !=, at_stop->run);
  g_assert_cmpint (kept->step, >=, 1);

  t0 = g_get_monotonic_time ();
  cnn_worker_free (w);
  g_test_message ("free while running took %.2f ms",
                  (g_get_monotonic_time () - t0) / 1000.0);
  /* held snapshots outlive the worker */
  g_assert_cmpint (kept->n_params, ==, net->n_params);
  g_assert_cmpint (kept->state, ==, CNN_WORKER_RUNNING);
  cnn_snapshot_unref (kept);

  /* and freeing one that never ran */
  cnn_worker_free (new_worker (net, &config));
}

/* Pacing, on a clock of the test's own: the worker takes a step only when
 * one is due on it, so the rate is exact and nothing depends on how busy
 * the machine is. The waits below are for states, bounded only in case
 * the state never comes. */

static gint64
fake_now (gpointer data)
{
  return atomic_load ((atomic_llong *) data);
}

/* Waits until the live step count reaches n; fails the test on timeout. */
static gint64
wait_for_step (CnnWorker *w,
               gint64     n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;
  gint64 step;

  while ((step = cnn_worker_get_step (w)) < n)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for step %" G_GINT64_FORMAT, n);
      g_usleep (200);
    }
  return step;
}

static void
advance (CnnWorker   *w,
         atomic_llong *clock,
         gint64       us)
{
  atomic_fetch_add (clock, us);
  cnn_worker_clock_changed (w);
}

static void
test_pace (void)
{
  /* declared before the worker, so it outlives the worker's thread, which
   * reads it until cnn_worker_free() (the g_autoptr below) joins it */
  atomic_llong clock = 1000000;
  g_autoptr(CnnNet) net = new_net (6);
  g_autoptr(CnnWorker) w = NULL;
  g_autoptr(CnnSnapshot) s = NULL;
  CnnTrainConfig config;
  const gint64 period = G_USEC_PER_SEC / 50;
  CnnWorkerState paused = CNN_WORKER_PAUSED;
  gint64 steps;

  config_for (&config, 6, 1000);
  w = new_worker (net, &config);
  cnn_worker_set_clock (w, fake_now, &clock);
  cnn_worker_set_pace (w, 50);

  /* the first step is due at once; the next only a period later */
  g_assert_true (cnn_worker_start (w));
  g_assert_cmpint (wait_for_step (w, 1), ==, 1);

  /* 400 ms of the clock, half a step's period at a time: exactly 20
   * steps, one per period (advance() returns when the worker has taken
   * every step due and waits again) */
  for (int i = 1; i <= 20; i++)
    {
      advance (w, &clock, period / 2);
      g_assert_cmpint (cnn_worker_get_step (w), ==, i);
      advance (w, &clock, period - period / 2);
      g_assert_cmpint (cnn_worker_get_step (w), ==, i + 1);
    }

  /* a long gap does not make up for lost time: one step, then the pace */
  advance (w, &clock, 50 * period);
  g_assert_cmpint (cnn_worker_get_step (w), ==, 22);

  /* every paced step is shown before the worker sleeps: a new pace takes
   * a step at once, at the same instant of the clock as the last snapshot,
   * and that step must be published without waiting for the clock (it
   * once waited for a publishing interval the test clock never reached,
   * and the step stayed unseen) */
  cnn_worker_set_pace (w, 50);
  advance (w, &clock, 0);
  g_assert_cmpint (cnn_worker_get_step (w), ==, 23);
  g_clear_pointer (&s, cnn_snapshot_unref);
  s = wait_for (w, step_at_least, &(gint64) { 23 });
  g_clear_pointer (&s, cnn_snapshot_unref);
  advance (w, &clock, period);
  g_assert_cmpint (cnn_worker_get_step (w), ==, 24);

  /* a pause lands in the middle of a wait, with no clock moving */
  g_assert_true (cnn_worker_pause (w));
  s = wait_for (w, state_is, &paused);
  g_assert_cmpint (s->step, ==, 24);
  g_assert_cmpint (cnn_worker_get_step (w), ==, 24);
  /* the run's elapsed time is the clock's: from its first step, one
   * period per paced step (the long gap counts too: it is wall time the
   * run was running) */
  g_assert_cmpfloat_with_epsilon (s->elapsed, (20 * period + 50 * period + period) / 1e6, 1e-9);

  /* while paused, no clock makes it step */
  advance (w, &clock, 100 * period);
  g_clear_pointer (&s, cnn_snapshot_unref);
  g_assert_true (cnn_worker_step (w));
  s = wait_for (w, parked_at, &(Parked) { CNN_WORKER_PAUSED, 25 });

  /* pace 0: no waiting for the clock at all */
  cnn_worker_set_pace (w, 0);
  g_assert_true (cnn_worker_resume (w));
  steps = wait_for_step (w, 25 + 200);
  g_assert_cmpint (steps, >=, 225);
  g_assert_true (cnn_worker_stop (w));
}

/* reset restores the He initialisation of a seed */

static void
test_reset_weights (void)
{
  g_autoptr(CnnNet) net = new_net (11);
  g_autoptr(CnnNet) fresh = new_net (42);
  g_autoptr(CnnWorker) w = NULL;
  g_autoptr(CnnSnapshot) reset = NULL;
  g_autoptr(CnnSnapshot) stepped = NULL;
  g_autoptr(CnnNet) expect = NULL;
  CnnTrainConfig config;
  gint64 five = 5;

  config_for (&config, 11, 10);
  w = new_worker (net, &config);
  g_assert_true (cnn_worker_start (w));
  cnn_snapshot_unref (wait_for (w, step_at_least, &five));
  g_assert_false (cnn_worker_reset_weights (w, 42));
  g_assert_true (cnn_worker_pause (w));

  g_assert_true (cnn_worker_reset_weights (w, 42));
  g_assert_cmpint (cnn_worker_get_state (w), ==, CNN_WORKER_IDLE);
  reset = wait_for (w, parked_at, &(Parked) { CNN_WORKER_IDLE, 0 });
  assert_params_equal (reset->params, fresh->params, net->n_params);
  g_assert_false (reset->has_probe);

  /* the seed also drives the shuffling: a plain trainer seeded alike agrees */
  g_assert_true (cnn_worker_step (w));
  stepped = wait_for (w, parked_at, &(Parked) { CNN_WORKER_PAUSED, 1 });
  config.seed = 42;
  expect = replay (fresh, &config, 1, NULL);
  assert_params_equal (stepped->params, expect->params, net->n_params);
  g_assert_cmpuint (stepped->run, ==, reset->run);
}

/* Not a test: steps/s of the worker against a plain loop (-m perf). Best of
 * a few alternating runs, as the machine may be busy. */

static double
plain_steps_per_second (const CnnNet *net, const CnnTrainConfig *config)
{
  g_autoptr(CnnNet) copy = cnn_net_copy (net);
  g_autoptr(CnnTrainer) t = cnn_trainer_new (copy, train_set, test_set, config, NULL);
  gint64 n = 0, t0 = g_get_monotonic_time ();

  do
    {
      g_assert_true (cnn_trainer_step (t, NULL, NULL));
      n++;
    }
  while (!cnn_trainer_finished (t));
  return n / ((g_get_monotonic_time () - t0) / 1e6);
}

static double
worker_steps_per_second (const CnnNet *net, const CnnTrainConfig *config)
{
  g_autoptr(CnnWorker) w = new_worker (net, config);
  g_autoptr(CnnSnapshot) s = NULL;
  gint64 t0 = g_get_monotonic_time ();

  g_assert_true (cnn_worker_start (w));
  s = wait_for (w, state_is, &(CnnWorkerState) { CNN_WORKER_FINISHED });
  return s->step / ((g_get_monotonic_time () - t0) / 1e6);
}

static void
test_throughput (void)
{
  g_autoptr(CnnNet) net = new_net (1);
  CnnTrainConfig config;
  double plain = 0.0, worker = 0.0;

  config_for (&config, 1, 10);
  for (int i = 0; i < 5; i++)
    {
      plain = MAX (plain, plain_steps_per_second (net, &config));
      worker = MAX (worker, worker_steps_per_second (net, &config));
    }
  g_test_minimized_result (0, "plain trainer %.0f steps/s, worker %.0f steps/s (%.1f%% overhead)",
                           plain, worker, 100.0 * (plain - worker) / plain);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) all = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  all = cnn_dataset_load_builtin (&error);
  g_assert_no_error (error);
  cnn_dataset_split_stratified (all, CNN_DEFAULT_TEST_SIZE, CNN_DEFAULT_SPLIT_SEED,
                                &train_set, &test_set);

  g_test_add_func ("/worker/lifecycle-main-loop", test_lifecycle_main_loop);
  g_test_add_func ("/worker/snapshots-match-plain-trainer", test_snapshots_match_plain_trainer);
  g_test_add_func ("/worker/step-and-probe", test_step_and_probe);
  g_test_add_func ("/worker/pace", test_pace);
  g_test_add_func ("/worker/diverged", test_diverged);
  g_test_add_func ("/worker/stop-and-free-while-running", test_stop_and_free_while_running);
  g_test_add_func ("/worker/reset-weights", test_reset_weights);
  /* a benchmark, not a check: only with -m perf */
  if (g_test_perf ())
    g_test_add_func ("/worker/throughput", test_throughput);

  ret = g_test_run ();
  cnn_dataset_free (train_set);
  cnn_dataset_free (test_set);
  return ret;
}
