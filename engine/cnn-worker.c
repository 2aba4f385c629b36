/* cnn-worker.c — the trainer's thread and its snapshot hand-off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ownership: the net, the trainer, the probe workspace and the back buffer
 * belong to the worker thread alone. Everything the commands touch lives in
 * the "shared" part of CnnWorker and is guarded by lock. Snapshots are
 * reference-counted with C11 atomics: the published slot holds one
 * reference, every taker one more. When the worker replaces the published
 * snapshot it reuses the old one as its next back buffer only if its count
 * is 1 (nobody else holds it; nobody can take it any more, it is no longer
 * published), otherwise it drops its reference and allocates a fresh one —
 * so at most one allocation per snapshot a consumer keeps, and no copy.
 *
 * Synchronisation is pthread + <stdatomic.h>, never GMutex/GCond, which
 * ThreadSanitizer cannot see.
 */
#include "cnn-worker.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "cnn-error.h"
#include "cnn-workspace.h"

#define WORKER_NICE 10

/* While running, publish at most this often (µs): 4 per 60 Hz frame, so a
 * frame never shows a snapshot much older than itself. */
#define PUBLISH_INTERVAL_US 4000

typedef struct {
  CnnSnapshot pub;
  atomic_int  ref_count;
} SnapshotPriv;

struct _CnnWorker {
  /* Set in new(), read-only afterwards */
  pthread_t         thread;
  CnnDataset       *train;
  CnnDataset       *test;
  int               n_layers;
  int               n_classes;
  gsize             n_params;
  gsize             n_act;
  gsize            *act_offset;   /* [n_layers + 1] */

  /* Worker thread only */
  CnnNet           *net;
  CnnTrainConfig    config;
  CnnTrainer       *trainer;
  CnnWorkspace     *probe_ws;
  SnapshotPriv     *back;
  float            *prev_params;   /* the weights before the last step */
  float            *grad_norms;    /* [n_layers], of the last good step */
  float            *update_norms;  /* [n_layers] */
  CnnTrainProgress  progress;
  gboolean          has_progress;
  gboolean          run_ended;     /* cnn_trainer_finish() done for this run */
  guint             run;
  double            elapsed;       /* seconds of this run */
  double            rate;          /* samples/s over the last window */
  gint64            window_start;  /* µs, monotonic; 0: no window open */
  double            window_time;
  gsize             window_samples;
  float             sample_input[CNN_INPUT_SIZE];  /* the last training sample */
  int               sample_index;                  /* −1: none yet */
  char             *error_message;
  guint64           seq;
  gint64            last_publish;  /* µs, monotonic */
  gint64            last_step_end; /* µs, monotonic; 0: the run was not running on */
  int               n_epoch_records;
  CnnEpochRecord   *epoch_records; /* [config.epochs] */

  /* Shared: guarded by lock */
  pthread_mutex_t   lock;
  pthread_cond_t    cond;
  CnnWorkerState    state;
  gint64            step;           /* of the run, live: snapshots may lag */
  gboolean          quit;
  gboolean          run_continuously;
  int               steps_pending;
  gboolean          new_run;        /* start a new trainer before the next step */
  gboolean          reset_pending;
  guint64           reset_seed;
  gboolean          publish_pending; /* something changed that the consumer should see */
  double            pace;           /* steps per second while running; 0: as fast as it can */
  gint64            next_step_at;   /* µs, on the clock: when a paced run may take its next step */
  CnnClockFunc      clock_func;     /* NULL: the monotonic clock */
  gpointer          clock_data;
  guint64           clock_changes;  /* cnn_worker_clock_changed() calls … */
  guint64           clock_seen;     /* … the worker had seen when it last began to wait */
  pthread_cond_t    waiting_cond;   /* broadcast when the worker begins to wait */
  float             probe_input[CNN_INPUT_SIZE];
  int               probe_label;    /* −1: the training sample */
  SnapshotPriv     *published;
  guint64           taken_seq;
  void            (*notify_func) (gpointer data);
  gpointer          notify_data;

  /* Set by the worker after a publication, cleared by take_snapshot(): at
   * most one notification is outstanding. */
  atomic_bool       notify_pending;
};

/* The worker's clock, µs. Read under the lock, so a clock set while the
 * thread runs is seen at the next look. */
static gint64
now_locked (CnnWorker *w)
{
  return w->clock_func != NULL ? w->clock_func (w->clock_data) : g_get_monotonic_time ();
}

static gint64
now (CnnWorker *w)
{
  gint64 t;

  pthread_mutex_lock (&w->lock);
  t = now_locked (w);
  pthread_mutex_unlock (&w->lock);
  return t;
}

/* Waits on cond, telling cnn_worker_clock_changed() that every change of
 * the clock so far has been acted on. Called with the lock held. */
static void
wait_locked (CnnWorker             *w,
             const struct timespec *until)
{
  w->clock_seen = w->clock_changes;
  pthread_cond_broadcast (&w->waiting_cond);
  if (until != NULL)
    pthread_cond_timedwait (&w->cond, &w->lock, until);
  else
    pthread_cond_wait (&w->cond, &w->lock);
}

/* Snapshots */

static SnapshotPriv *
snapshot_new (CnnWorker *w)
{
  SnapshotPriv *p = g_new0 (SnapshotPriv, 1);
  CnnSnapshot *s = &p->pub;

  atomic_init (&p->ref_count, 1);
  s->n_layers = w->n_layers;
  s->n_params = w->n_params;
  s->n_act = w->n_act;
  s->params = cnn_blob_new (w->n_params);
  s->param_grads = cnn_blob_new (w->n_params);
  s->grad_norms = g_new0 (float, w->n_layers);
  s->update_norms = g_new0 (float, w->n_layers);
  s->act_offset = g_memdup2 (w->act_offset, sizeof (gsize) * (w->n_layers + 1));
  s->activations = g_new0 (float, w->n_act);
  s->act_grads = g_new0 (float, w->n_act);
  s->epoch_records = g_new0 (CnnEpochRecord, w->config.epochs);
  return p;
}

CnnSnapshot *
cnn_snapshot_ref (CnnSnapshot *snapshot)
{
  SnapshotPriv *p = (SnapshotPriv *) snapshot;

  g_return_val_if_fail (snapshot != NULL, NULL);
  atomic_fetch_add_explicit (&p->ref_count, 1, memory_order_relaxed);
  return snapshot;
}

void
cnn_snapshot_unref (CnnSnapshot *snapshot)
{
  SnapshotPriv *p = (SnapshotPriv *) snapshot;
  CnnSnapshot *s = snapshot;

  if (snapshot == NULL)
    return;
  /* release: our reads of the snapshot happen before whoever sees the count
   * drop writes to it (the worker reusing it) or frees it */
  if (atomic_fetch_sub_explicit (&p->ref_count, 1, memory_order_acq_rel) != 1)
    return;

  cnn_blob_free (s->params);
  cnn_blob_free (s->param_grads);
  g_free (s->grad_norms);
  g_free (s->update_norms);
  g_free (s->act_offset);
  g_free (s->activations);
  g_free (s->act_grads);
  g_free (s->error_message);
  g_free (s->epoch_records);
  g_free (p);
}

G_DEFINE_BOXED_TYPE (CnnSnapshot, cnn_snapshot, cnn_snapshot_ref, cnn_snapshot_unref)

void
cnn_snapshot_get_activations (const CnnSnapshot *s,
                              CnnActivations    *out)
{
  g_return_if_fail (s != NULL && out != NULL);

  out->n_slots = s->n_layers + 1;
  out->offset = s->act_offset;
  out->values = s->activations;
  out->grads = s->act_grads;
}

gboolean
cnn_snapshot_copy_weights (const CnnSnapshot *s,
                           CnnNet            *net)
{
  g_return_val_if_fail (s != NULL && net != NULL, FALSE);

  if (s->n_params != net->n_params)
    return FALSE;
  memcpy (net->params, s->params, sizeof (float) * s->n_params);
  net->temperature = s->temperature;
  net->has_record = s->has_record;
  net->record = s->record;
  return TRUE;
}

const float *
cnn_snapshot_activation (const CnnSnapshot *s,
                         int                layer)
{
  g_return_val_if_fail (s != NULL, NULL);
  g_return_val_if_fail (layer >= -1 && layer < s->n_layers, NULL);
  return s->activations + s->act_offset[layer + 1];
}

const float *
cnn_snapshot_activation_grad (const CnnSnapshot *s,
                              int                layer)
{
  g_return_val_if_fail (s != NULL, NULL);
  g_return_val_if_fail (layer >= -1 && layer < s->n_layers, NULL);
  if (layer == s->n_layers - 1)
    return NULL;
  return s->act_grads + s->act_offset[layer + 1];
}

const char *
cnn_worker_state_to_string (CnnWorkerState state)
{
  switch (state)
    {
    case CNN_WORKER_IDLE: return "idle";
    case CNN_WORKER_RUNNING: return "running";
    case CNN_WORKER_PAUSED: return "paused";
    case CNN_WORKER_FINISHED: return "finished";
    case CNN_WORKER_DIVERGED: return "diverged";
    case CNN_WORKER_STOPPED: return "stopped";
    default: return "unknown";
    }
}

/* Worker thread */

static float
l2_norm (const float *v,
         gsize        n)
{
  double acc = 0.0;

  for (gsize i = 0; i < n; i++)
    acc += (double) v[i] * v[i];
  return (float) sqrt (acc);
}

/* The probe's forward and backward pass with the current weights, into the
 * back buffer. */
static void
fill_probe (CnnWorker   *w,
            CnnSnapshot *s,
            const float *probe_input,
            int          probe_label)
{
  const CnnNet *net = w->net;
  const float *input = probe_input;
  int label = probe_label;

  s->probe_index = -1;
  if (label < 0)
    {
      if (w->sample_index < 0)
        {
          s->has_probe = FALSE;
          s->probe_label = -1;
          s->probe_loss = 0.0f;
          memset (s->activations, 0, sizeof (float) * w->n_act);
          memset (s->act_grads, 0, sizeof (float) * w->n_act);
          memset (s->param_grads, 0, sizeof (float) * w->n_params);
          return;
        }
      input = w->sample_input;
      label = w->train->y[w->sample_index];
      s->probe_index = w->sample_index;
    }

  s->has_probe = TRUE;
  s->probe_label = label;
  memset (s->param_grads, 0, sizeof (float) * w->n_params);
  cnn_net_forward (net, w->probe_ws, input);
  s->probe_loss = cnn_net_backward (net, w->probe_ws, label, s->param_grads, TRUE);

  memcpy (s->activations, cnn_workspace_input (w->probe_ws), sizeof (float) * CNN_INPUT_SIZE);
  memcpy (s->act_grads, cnn_workspace_input_grad (w->probe_ws), sizeof (float) * CNN_INPUT_SIZE);
  for (int i = 0; i < w->n_layers; i++)
    {
      gsize n = cnn_shape_size (net->layers[i].out);
      const float *g = cnn_workspace_output_grad (w->probe_ws, i);

      memcpy (s->activations + w->act_offset[i + 1], cnn_workspace_output (w->probe_ws, i),
              sizeof (float) * n);
      if (g != NULL)
        memcpy (s->act_grads + w->act_offset[i + 1], g, sizeof (float) * n);
      else
        memset (s->act_grads + w->act_offset[i + 1], 0, sizeof (float) * n);
    }
}

/* Fills the back buffer and makes it the published snapshot. Called without
 * the lock. */
static void
publish (CnnWorker *w)
{
  CnnSnapshot *s;
  SnapshotPriv *old;
  float probe_input[CNN_INPUT_SIZE];
  int probe_label;
  CnnWorkerState state;
  void (*notify_func) (gpointer);
  gpointer notify_data;

  pthread_mutex_lock (&w->lock);
  memcpy (probe_input, w->probe_input, sizeof probe_input);
  probe_label = w->probe_label;
  state = w->state;
  w->publish_pending = FALSE;
  pthread_mutex_unlock (&w->lock);

  /* A stop ends the run: the first snapshot that says so shows the
   * temperature fitted for the weights it reached (a finished run was
   * fitted after its last step). Here, on the worker thread, whichever
   * way the stop came in. */
  if (state == CNN_WORKER_STOPPED && w->has_progress && !w->run_ended)
    {
      cnn_trainer_finish (w->trainer);
      w->run_ended = TRUE;
    }

  if (w->back == NULL)
    w->back = snapshot_new (w);
  s = &w->back->pub;

  s->seq = ++w->seq;
  s->run = w->run;
  s->state = state;
  s->epochs = w->config.epochs;
  if (w->has_progress)
    {
      s->epoch = w->progress.epoch;
      s->step = w->progress.step;
      s->loss = w->progress.loss;
      s->epoch_loss = w->progress.epoch_loss;
      s->train_accuracy = w->progress.train_accuracy;
      s->test_accuracy = w->progress.test_accuracy;
      s->epoch_done = w->progress.epoch_done;
    }
  else
    {
      s->epoch = 0;
      s->step = 0;
      s->loss = s->epoch_loss = 0.0f;
      s->train_accuracy = 0.0f;
      s->test_accuracy = -1.0f;
      s->epoch_done = FALSE;
    }
  s->samples_per_second = w->rate;
  s->elapsed = w->elapsed;
  g_free (s->error_message);
  s->error_message = g_strdup (w->error_message);
  s->n_epoch_records = w->n_epoch_records;
  memcpy (s->epoch_records, w->epoch_records, sizeof (CnnEpochRecord) * w->n_epoch_records);
  memcpy (s->params, w->net->params, sizeof (float) * w->n_params);
  s->temperature = w->net->temperature;
  s->has_record = w->net->has_record;
  s->record = w->net->record;
  memcpy (s->grad_norms, w->grad_norms, sizeof (float) * w->n_layers);
  memcpy (s->update_norms, w->update_norms, sizeof (float) * w->n_layers);
  fill_probe (w, s, probe_input, probe_label);
  w->last_publish = now (w);

  pthread_mutex_lock (&w->lock);
  old = w->published;
  w->published = w->back;
  w->back = NULL;
  /* acquire: pairs with the release in unref, so the last holder's reads
   * are done before we write into it again */
  if (old != NULL && atomic_load_explicit (&old->ref_count, memory_order_acquire) == 1)
    w->back = old;
  notify_func = w->notify_func;
  notify_data = w->notify_data;
  pthread_mutex_unlock (&w->lock);

  if (old != NULL && w->back == NULL)
    cnn_snapshot_unref (&old->pub);

  if (notify_func != NULL && !atomic_exchange (&w->notify_pending, TRUE))
    notify_func (notify_data);
}

static void
begin_run (CnnWorker *w)
{
  g_autoptr(GError) error = NULL;

  cnn_trainer_free (w->trainer);
  w->trainer = cnn_trainer_new (w->net, w->train, w->test, &w->config, &error);
  /* the same data and config were accepted in cnn_worker_new() */
  g_assert_no_error (error);
  w->run++;
  w->has_progress = FALSE;
  w->run_ended = FALSE;
  w->elapsed = 0.0;
  w->rate = 0.0;
  w->window_start = 0;
  w->window_time = 0.0;
  w->window_samples = 0;
  w->n_epoch_records = 0;
  g_clear_pointer (&w->error_message, g_free);
  memset (w->grad_norms, 0, sizeof (float) * w->n_layers);
  memset (w->update_norms, 0, sizeof (float) * w->n_layers);
}

static void
reset_weights (CnnWorker *w,
               guint64    seed)
{
  cnn_net_init_weights_from_seed (w->net, seed);
  w->config.seed = seed;
  begin_run (w);
  w->sample_index = -1;
}

/* One mini-batch and its statistics. Returns FALSE if it diverged. */
static gboolean
train_step (CnnWorker *w,
            GError   **error)
{
  const CnnNet *net = w->net;
  const float *grads;

  memcpy (w->prev_params, net->params, sizeof (float) * w->n_params);
  if (!cnn_trainer_step (w->trainer, &w->progress, error))
    return FALSE;
  w->has_progress = TRUE;

  grads = cnn_trainer_grads (w->trainer);
  for (int i = 0; i < w->n_layers; i++)
    {
      const CnnLayer *l = &net->layers[i];
      float acc = 0.0f;

      w->grad_norms[i] = l2_norm (grads + l->w_offset, l->n_weights);
      for (gsize j = 0; j < l->n_weights; j++)
        {
          float d = net->params[l->w_offset + j] - w->prev_params[l->w_offset + j];
          acc += d * d;
        }
      w->update_norms[i] = sqrtf (acc);
    }
  w->sample_index = cnn_trainer_last_sample (w->trainer, w->sample_input);

  if (w->progress.epoch_done && w->n_epoch_records < w->config.epochs)
    w->epoch_records[w->n_epoch_records++] = (CnnEpochRecord) {
      .epoch_loss = w->progress.epoch_loss,
      .train_accuracy = w->progress.train_accuracy,
      .test_accuracy = w->progress.test_accuracy,
    };
  return TRUE;
}

/* Training time and samples/s, over windows of about half a second so the
 * rate follows changes. t0: when the step began. */
static void
account_time (CnnWorker *w,
              gint64     t0,
              gboolean   continuous,
              gsize      samples)
{
  gint64 t = now (w);
  /* wall time: in a running (possibly paced) run, from the end of the
   * previous step, so elapsed and samples/s are what the person sees */
  gint64 from = continuous && w->last_step_end != 0 ? w->last_step_end : t0;
  double dt = (t - from) / 1e6;

  w->last_step_end = continuous ? t : 0;
  w->elapsed += dt;
  w->window_time += dt;
  w->window_samples += samples;
  if (w->window_start == 0 || w->window_time >= 0.5)
    {
      if (w->window_time > 0.0)
        w->rate = w->window_samples / w->window_time;
      w->window_start = t0;
      w->window_time = 0.0;
      w->window_samples = 0;
    }
}

static gpointer
worker_thread (gpointer data)
{
  CnnWorker *w = data;

#ifdef __linux__
  /* Training yields to whoever shows it: when every core is busy, the
   * window's next frame comes before the next mini-batch. (On Linux a
   * thread has a nice value of its own; failing to set it changes only
   * that.) */
  (void) setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICE);
#endif

  publish (w);

  pthread_mutex_lock (&w->lock);
  for (;;)
    {
      gboolean new_run, single, must_publish;
      g_autoptr(GError) error = NULL;
      gboolean ok, finished;
      gint64 t0;

      while (!w->quit && !w->reset_pending && !w->run_continuously && w->steps_pending == 0
             && !w->publish_pending)
        {
          /* parked: a pause is not training time */
          w->last_step_end = 0;
          wait_locked (w, NULL);
        }
      if (w->quit)
        break;

      if (w->reset_pending)
        {
          guint64 seed = w->reset_seed;

          w->reset_pending = FALSE;
          w->new_run = FALSE;
          w->step = 0;
          pthread_mutex_unlock (&w->lock);
          reset_weights (w, seed);
          publish (w);
          pthread_mutex_lock (&w->lock);
          continue;
        }

      if (!w->run_continuously && w->steps_pending == 0)
        {
          /* only a state or probe change to show */
          pthread_mutex_unlock (&w->lock);
          publish (w);
          pthread_mutex_lock (&w->lock);
          continue;
        }

      if (w->run_continuously && w->steps_pending == 0 && w->pace > 0
          && now_locked (w) < w->next_step_at)
        {
          /* a paced run: sleep until the next step is due, awake to any
           * command (the loop checks everything again) */
          struct timespec until = {
            .tv_sec = w->next_step_at / G_USEC_PER_SEC,
            .tv_nsec = (w->next_step_at % G_USEC_PER_SEC) * 1000,
          };

          wait_locked (w, w->clock_func != NULL ? NULL : &until);
          continue;
        }
      if (w->pace > 0)
        w->next_step_at = MAX (w->next_step_at, now_locked (w))
                          + (gint64) (G_USEC_PER_SEC / w->pace);

      new_run = w->new_run;
      w->new_run = FALSE;
      single = !w->run_continuously;
      pthread_mutex_unlock (&w->lock);

      if (new_run)
        begin_run (w);
      t0 = now (w);
      ok = train_step (w, &error);
      finished = ok && cnn_trainer_finished (w->trainer);
      if (finished)
        {
          /* the temperature fit on the held-out part: ~1 ms */
          cnn_trainer_finish (w->trainer);
          w->run_ended = TRUE;
        }
      if (ok)
        account_time (w, t0, !single && !new_run, MIN ((gsize) w->config.batch_size, w->train->n));
      else
        {
          g_free (w->error_message);
          w->error_message = g_strdup (error->message);
        }

      pthread_mutex_lock (&w->lock);
      if (ok)
        w->step = w->progress.step;
      if (w->steps_pending > 0)
        w->steps_pending--;
      /* a stop or pause that came in during the step stands */
      if (!ok || finished)
        {
          if (w->state == CNN_WORKER_RUNNING || w->state == CNN_WORKER_PAUSED)
            w->state = ok ? CNN_WORKER_FINISHED : CNN_WORKER_DIVERGED;
          w->run_continuously = FALSE;
          w->steps_pending = 0;
          w->new_run = TRUE;
        }
      /* a paced run sleeps after each step: it shows the step first, or
       * the step stays unseen until the clock moves (a test's clock may
       * not move until it has seen it) */
      must_publish = single || !ok || finished || w->publish_pending || w->progress.epoch_done
                     || w->pace > 0 || now_locked (w) - w->last_publish >= PUBLISH_INTERVAL_US;
      pthread_mutex_unlock (&w->lock);

      if (must_publish)
        publish (w);
      pthread_mutex_lock (&w->lock);
    }
  pthread_mutex_unlock (&w->lock);

  return NULL;
}

/* Public API */

CnnWorker *
cnn_worker_new (const CnnNet         *net,
                const CnnDataset     *train,
                const CnnDataset     *test,
                const CnnTrainConfig *config,
                GError              **error)
{
  CnnWorker *w;
  gsize total = 0;
  int rc;

  g_return_val_if_fail (net != NULL && train != NULL && config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  w = g_new0 (CnnWorker, 1);
  w->net = cnn_net_copy (net);
  w->train = cnn_dataset_copy (train);
  w->test = test != NULL ? cnn_dataset_copy (test) : NULL;
  w->config = *config;
  w->trainer = cnn_trainer_new (w->net, w->train, w->test, &w->config, error);
  if (w->trainer == NULL)
    {
      cnn_net_unref (w->net);
      cnn_dataset_free (w->train);
      cnn_dataset_free (w->test);
      g_free (w);
      return NULL;
    }

  w->n_layers = net->n_layers;
  w->n_classes = net->n_classes;
  w->n_params = net->n_params;
  w->act_offset = g_new (gsize, net->n_layers + 1);
  for (int i = 0; i <= net->n_layers; i++)
    {
      w->act_offset[i] = total;
      total += i == 0 ? CNN_INPUT_SIZE : cnn_shape_size (net->layers[i - 1].out);
    }
  w->n_act = total;
  w->probe_ws = cnn_workspace_new (w->net);
  w->prev_params = cnn_blob_new (w->n_params);
  w->grad_norms = g_new0 (float, w->n_layers);
  w->update_norms = g_new0 (float, w->n_layers);
  w->epoch_records = g_new0 (CnnEpochRecord, config->epochs);
  w->sample_index = -1;
  w->run = 1;
  w->probe_label = -1;
  w->state = CNN_WORKER_IDLE;
  atomic_init (&w->notify_pending, FALSE);

  pthread_mutex_init (&w->lock, NULL);
  {
    /* timed waits (pacing) count on the monotonic clock, as g_get_monotonic_time */
    pthread_condattr_t attr;

    pthread_condattr_init (&attr);
    pthread_condattr_setclock (&attr, CLOCK_MONOTONIC);
    pthread_cond_init (&w->cond, &attr);
    pthread_condattr_destroy (&attr);
  }
  pthread_cond_init (&w->waiting_cond, NULL);
  /* everything above happens before the thread starts */
  rc = pthread_create (&w->thread, NULL, worker_thread, w);
  if (rc != 0)
    g_error ("cannot start the training thread: %s", g_strerror (rc));
  return w;
}

void
cnn_worker_free (CnnWorker *w)
{
  if (w == NULL)
    return;

  pthread_mutex_lock (&w->lock);
  w->quit = TRUE;
  w->notify_func = NULL;
  pthread_cond_signal (&w->cond);
  pthread_cond_broadcast (&w->waiting_cond);
  pthread_mutex_unlock (&w->lock);
  pthread_join (w->thread, NULL);

  pthread_cond_destroy (&w->cond);
  pthread_cond_destroy (&w->waiting_cond);
  pthread_mutex_destroy (&w->lock);
  if (w->published != NULL)
    cnn_snapshot_unref (&w->published->pub);
  if (w->back != NULL)
    cnn_snapshot_unref (&w->back->pub);
  cnn_trainer_free (w->trainer);
  cnn_workspace_free (w->probe_ws);
  cnn_net_unref (w->net);
  cnn_dataset_free (w->train);
  cnn_dataset_free (w->test);
  cnn_blob_free (w->prev_params);
  g_free (w->grad_norms);
  g_free (w->update_norms);
  g_free (w->epoch_records);
  g_free (w->act_offset);
  g_free (w->error_message);
  g_free (w);
}

/* Runs a state change under the lock and wakes the worker if it applied. */
typedef gboolean (*Command) (CnnWorker *w, gpointer data);

static gboolean
command (CnnWorker *w,
         Command    func,
         gpointer   data)
{
  gboolean applied;

  pthread_mutex_lock (&w->lock);
  applied = func (w, data);
  if (applied)
    {
      w->publish_pending = TRUE;
      pthread_cond_signal (&w->cond);
    }
  pthread_mutex_unlock (&w->lock);
  return applied;
}

static gboolean
ends_a_run (CnnWorkerState state)
{
  return state == CNN_WORKER_IDLE || state == CNN_WORKER_FINISHED
         || state == CNN_WORKER_DIVERGED || state == CNN_WORKER_STOPPED;
}

static gboolean
do_start (CnnWorker *w,
          gpointer   data)
{
  if (w->state == CNN_WORKER_RUNNING)
    return FALSE;
  /* the trainer made in new() or by a reset is already a fresh run */
  if (ends_a_run (w->state) && w->state != CNN_WORKER_IDLE)
    {
      w->new_run = TRUE;
      w->step = 0;
    }
  w->state = CNN_WORKER_RUNNING;
  w->run_continuously = TRUE;
  return TRUE;
}

static gboolean
do_pause (CnnWorker *w,
          gpointer   data)
{
  if (w->state != CNN_WORKER_RUNNING)
    return FALSE;
  w->state = CNN_WORKER_PAUSED;
  w->run_continuously = FALSE;
  w->steps_pending = 0;
  return TRUE;
}

static gboolean
do_resume (CnnWorker *w,
           gpointer   data)
{
  if (w->state != CNN_WORKER_PAUSED)
    return FALSE;
  w->state = CNN_WORKER_RUNNING;
  w->run_continuously = TRUE;
  return TRUE;
}

static gboolean
do_stop (CnnWorker *w,
         gpointer   data)
{
  if (w->state != CNN_WORKER_RUNNING && w->state != CNN_WORKER_PAUSED)
    return FALSE;
  w->state = CNN_WORKER_STOPPED;
  w->run_continuously = FALSE;
  w->steps_pending = 0;
  w->new_run = TRUE;
  return TRUE;
}

static gboolean
do_step (CnnWorker *w,
         gpointer   data)
{
  if (w->state == CNN_WORKER_RUNNING)
    return FALSE;
  /* a stopped run goes on a step at a time: its curves continue */
  if (w->state == CNN_WORKER_STOPPED)
    w->new_run = FALSE;
  else if (ends_a_run (w->state) && w->state != CNN_WORKER_IDLE)
    {
      w->new_run = TRUE;
      w->step = 0;
    }
  w->state = CNN_WORKER_PAUSED;
  w->steps_pending++;
  return TRUE;
}

static gboolean
do_reset (CnnWorker *w,
          gpointer   data)
{
  if (w->state == CNN_WORKER_RUNNING)
    return FALSE;
  w->state = CNN_WORKER_IDLE;
  w->steps_pending = 0;
  w->reset_pending = TRUE;
  w->reset_seed = *(const guint64 *) data;
  return TRUE;
}

gboolean
cnn_worker_start (CnnWorker *worker)
{
  g_return_val_if_fail (worker != NULL, FALSE);
  return command (worker, do_start, NULL);
}

gboolean
cnn_worker_pause (CnnWorker *worker)
{
  g_return_val_if_fail (worker != NULL, FALSE);
  return command (worker, do_pause, NULL);
}

gboolean
cnn_worker_resume (CnnWorker *worker)
{
  g_return_val_if_fail (worker != NULL, FALSE);
  return command (worker, do_resume, NULL);
}

gboolean
cnn_worker_stop (CnnWorker *worker)
{
  g_return_val_if_fail (worker != NULL, FALSE);
  return command (worker, do_stop, NULL);
}

gboolean
cnn_worker_step (CnnWorker *worker)
{
  g_return_val_if_fail (worker != NULL, FALSE);
  return command (worker, do_step, NULL);
}

gboolean
cnn_worker_reset_weights (CnnWorker *worker,
                          guint64    seed)
{
  g_return_val_if_fail (worker != NULL, FALSE);
  return command (worker, do_reset, &seed);
}

CnnWorkerState
cnn_worker_get_state (CnnWorker *worker)
{
  CnnWorkerState state;

  g_return_val_if_fail (worker != NULL, CNN_WORKER_IDLE);
  pthread_mutex_lock (&worker->lock);
  state = worker->state;
  pthread_mutex_unlock (&worker->lock);
  return state;
}

gint64
cnn_worker_get_step (CnnWorker *worker)
{
  gint64 step;

  g_return_val_if_fail (worker != NULL, 0);
  pthread_mutex_lock (&worker->lock);
  step = worker->step;
  pthread_mutex_unlock (&worker->lock);
  return step;
}

void
cnn_worker_set_probe (CnnWorker   *worker,
                      const float *input,
                      int          label)
{
  g_return_if_fail (worker != NULL);
  g_return_if_fail (label >= -1 && label < worker->n_classes);
  g_return_if_fail (label < 0 || input != NULL);

  pthread_mutex_lock (&worker->lock);
  if (label >= 0)
    memcpy (worker->probe_input, input, sizeof worker->probe_input);
  worker->probe_label = label;
  worker->publish_pending = TRUE;
  pthread_cond_signal (&worker->cond);
  pthread_mutex_unlock (&worker->lock);
}

void
cnn_worker_set_notify (CnnWorker *worker,
                       void     (*func) (gpointer data),
                       gpointer   data)
{
  g_return_if_fail (worker != NULL);

  pthread_mutex_lock (&worker->lock);
  worker->notify_func = func;
  worker->notify_data = data;
  pthread_mutex_unlock (&worker->lock);
  atomic_store (&worker->notify_pending, FALSE);
}

CnnSnapshot *
cnn_worker_take_snapshot (CnnWorker *worker)
{
  SnapshotPriv *p = NULL;

  g_return_val_if_fail (worker != NULL, NULL);

  /* cleared before looking, so a publication after this look notifies again */
  atomic_store (&worker->notify_pending, FALSE);
  pthread_mutex_lock (&worker->lock);
  if (worker->published != NULL && worker->published->pub.seq != worker->taken_seq)
    {
      p = worker->published;
      worker->taken_seq = p->pub.seq;
      cnn_snapshot_ref (&p->pub);
    }
  pthread_mutex_unlock (&worker->lock);

  return p != NULL ? &p->pub : NULL;
}

CnnSnapshot *
cnn_worker_dup_snapshot (CnnWorker *worker)
{
  SnapshotPriv *p;

  g_return_val_if_fail (worker != NULL, NULL);

  pthread_mutex_lock (&worker->lock);
  p = worker->published;
  if (p != NULL)
    cnn_snapshot_ref (&p->pub);
  pthread_mutex_unlock (&worker->lock);

  return p != NULL ? &p->pub : NULL;
}

void
cnn_worker_set_pace (CnnWorker *worker,
                     double     steps_per_second)
{
  g_return_if_fail (worker != NULL);
  g_return_if_fail (steps_per_second >= 0);

  pthread_mutex_lock (&worker->lock);
  worker->pace = steps_per_second;
  worker->next_step_at = 0;
  pthread_cond_signal (&worker->cond);
  pthread_mutex_unlock (&worker->lock);
}

void
cnn_worker_set_clock (CnnWorker    *worker,
                      CnnClockFunc  now_func,
                      gpointer      data)
{
  g_return_if_fail (worker != NULL);

  pthread_mutex_lock (&worker->lock);
  worker->clock_func = now_func;
  worker->clock_data = data;
  worker->next_step_at = 0;
  pthread_cond_signal (&worker->cond);
  pthread_mutex_unlock (&worker->lock);
}

void
cnn_worker_clock_changed (CnnWorker *worker)
{
  g_return_if_fail (worker != NULL);

  pthread_mutex_lock (&worker->lock);
  worker->clock_changes++;
  pthread_cond_signal (&worker->cond);
  /* an unpaced run never waits: nothing it does depends on the clock */
  while (worker->clock_seen < worker->clock_changes && !worker->quit
         && !(worker->run_continuously && worker->pace == 0))
    pthread_cond_wait (&worker->waiting_cond, &worker->lock);
  pthread_mutex_unlock (&worker->lock);
}
