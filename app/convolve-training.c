/* convolve-training.c — the window's side of the training worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thread hand-off: the worker calls notify_cb() on its own thread at most
 * once between two takes; that only sets the ready time of our GSource
 * (thread-safe, wakes the main context). The source runs at idle priority,
 * below GTK's layout and paint, so a hand-off uses the time between two
 * frames and never holds one up. It takes the latest snapshot unless the
 * frame widget's current frame already had one; then it asks the frame
 * clock for one tick, which only wakes the source again once the next
 * frame has begun (or, if no tick comes within 100 ms — a hidden surface
 * may get no frames — the source takes it anyway). Without a mapped frame
 * widget, hand-offs are 1/60 s apart instead. Until a take the worker does
 * not notify again, so at most one wake-up is pending, a publication
 * racing with the take is either taken now or notifies afterwards, none is
 * lost and none waits in a queue: ~250 publications a second become at
 * most one hand-off per frame.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "convolve-training.h"

/* Without a frame clock: hand-offs at most this often (60 Hz) */
#define FRAME_INTERVAL_US (G_USEC_PER_SEC / 60)
/* A tick asked for and not come by then: take without it */
#define TICK_TIMEOUT_US (G_USEC_PER_SEC / 10)

struct _ConvolveTraining
{
  GObject parent_instance;

  CnnWorker *worker;
  CnnClockFunc clock_func;  /* for tests: the workers' clock; NULL: real time */
  gpointer clock_data;
  double pace;            /* mini-batches per second while running; 0: full speed */
  GSource *source;        /* woken by the worker thread */
  GtkWidget *frame_widget;  /* weak; its frame clock paces the hand-offs */
  gulong unmap_id;
  guint tick_id;          /* a tick asked for: the next frame has begun */
  gint64 tick_requested;  /* monotonic µs */
  GdkFrameClock *handoff_clock;  /* not a ref: only compared */
  gint64 handoff_frame;   /* its frame counter at the last hand-off */
  gint64 last_handoff;    /* monotonic µs; 0 before the first */
  guint n_handoffs;

  CnnDataset *train;       /* the built-in split's, plus the extra samples */
  CnnDataset *test;
  CnnDataset *extra;       /* the extra samples, or NULL */
  guint extra_repeat;
  gsize n_extra;           /* of them in train (before repeating) */
  gboolean data_changed;   /* train is not what the worker has */
  CnnNet *net;            /* the network trained: the session's, shared; its
                           * weights follow the hand-offs (the window sets
                           * them), so a new worker starts from the latest */
  CnnTrainConfig config;
  CnnTrainConfig worker_config;  /* what the current worker was made with */
  int steps_per_epoch;    /* of the current worker's run */
  /* A reset is applied on the worker thread, later: a worker replaced
   * before it ran it gets it again (He init from a seed is repeatable). */
  gboolean reset_pending;
  guint64 reset_seed;

  ConvolveTrainingState state;
  CnnSnapshot *snapshot;
  guint run;
  guint worker_run;       /* snapshot->run last seen from this worker */
  gboolean seen_worker_run;

  float *probe_input;     /* [64] or NULL: the training sample */
  int probe_label;
};

G_DEFINE_ENUM_TYPE (ConvolveTrainingState, convolve_training_state,
                    G_DEFINE_ENUM_VALUE (CONVOLVE_TRAINING_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (CONVOLVE_TRAINING_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (CONVOLVE_TRAINING_PAUSED, "paused"),
                    G_DEFINE_ENUM_VALUE (CONVOLVE_TRAINING_FINISHED, "finished"),
                    G_DEFINE_ENUM_VALUE (CONVOLVE_TRAINING_DIVERGED, "diverged"),
                    G_DEFINE_ENUM_VALUE (CONVOLVE_TRAINING_STOPPED, "stopped"))

G_DEFINE_FINAL_TYPE (ConvolveTraining, convolve_training, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_NET,
  PROP_RUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SNAPSHOT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Runs on the worker thread. */
static void
notify_cb (gpointer data)
{
  g_source_set_ready_time ((GSource *) data, 0);
}

static void
refresh_state (ConvolveTraining *self)
{
  ConvolveTrainingState state;

  if (self->worker == NULL)
    return;
  state = (ConvolveTrainingState) cnn_worker_get_state (self->worker);
  if (state == self->state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
bump_run (ConvolveTraining *self)
{
  self->run++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN]);
}

static void
handle_snapshot (ConvolveTraining *self,
                 CnnSnapshot      *snapshot)
{
  if (self->seen_worker_run && snapshot->run != self->worker_run)
    bump_run (self);
  self->worker_run = snapshot->run;
  self->seen_worker_run = TRUE;

  g_clear_pointer (&self->snapshot, cnn_snapshot_unref);
  self->snapshot = snapshot;
  self->last_handoff = g_get_monotonic_time ();
  self->n_handoffs++;
  g_signal_emit (self, signals[SIGNAL_SNAPSHOT], 0, snapshot);
  refresh_state (self);
}

/* Before a command that begins a new run: the worker's current run must
 * be known, or the new run's first snapshot would pass for the worker's
 * first (and the curves would not start over). Hand-offs are paced, so
 * this worker's first publication may not have been taken yet. */
static void
note_worker_run (ConvolveTraining *self)
{
  CnnSnapshot *snapshot;

  if (self->worker == NULL || self->seen_worker_run)
    return;
  snapshot = cnn_worker_dup_snapshot (self->worker);
  if (snapshot == NULL)
    return;
  self->worker_run = snapshot->run;
  self->seen_worker_run = TRUE;
  cnn_snapshot_unref (snapshot);
}

static gboolean
take_pending (ConvolveTraining *self)
{
  CnnSnapshot *snapshot;

  if (self->worker == NULL)
    return FALSE;
  snapshot = cnn_worker_take_snapshot (self->worker);
  if (snapshot == NULL)
    return FALSE;
  handle_snapshot (self, snapshot);
  return TRUE;
}

/* The frame after the last hand-off has begun: hand off once it is drawn */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  ConvolveTraining *self = data;

  self->tick_id = 0;
  g_source_set_ready_time (self->source, 0);
  return G_SOURCE_REMOVE;
}

static gboolean
dispatch_cb (gpointer data)
{
  ConvolveTraining *self = data;
  gint64 now = g_get_monotonic_time ();
  GdkFrameClock *clock = NULL;

  g_source_set_ready_time (self->source, -1);
  if (self->frame_widget != NULL && gtk_widget_get_mapped (self->frame_widget))
    clock = gtk_widget_get_frame_clock (self->frame_widget);

  if (self->tick_id != 0)
    {
      /* woken before the tick (a take in between let the worker notify
       * again): wait for it, but not for ever — a clock that stopped (a
       * hidden surface may get no frames) must not strand the snapshot */
      if (now - self->tick_requested < TICK_TIMEOUT_US)
        {
          g_source_set_ready_time (self->source, self->tick_requested + TICK_TIMEOUT_US);
          return G_SOURCE_CONTINUE;
        }
      gtk_widget_remove_tick_callback (self->frame_widget, self->tick_id);
      self->tick_id = 0;
    }
  else if (clock != NULL)
    {
      gint64 frame = gdk_frame_clock_get_frame_counter (clock);

      /* this frame had its snapshot: wait for the next one to begin */
      if (self->handoff_clock == clock && frame == self->handoff_frame)
        {
          self->tick_id = gtk_widget_add_tick_callback (self->frame_widget, tick_cb, self, NULL);
          self->tick_requested = now;
          g_source_set_ready_time (self->source, now + TICK_TIMEOUT_US);
          return G_SOURCE_CONTINUE;
        }
    }
  else if (self->last_handoff != 0 && now - self->last_handoff < FRAME_INTERVAL_US)
    {
      /* no frames to count (tests, a hidden window): 1/60 s apart */
      g_source_set_ready_time (self->source, self->last_handoff + FRAME_INTERVAL_US);
      return G_SOURCE_CONTINUE;
    }

  if (take_pending (self) && clock != NULL)
    {
      self->handoff_clock = clock;
      self->handoff_frame = gdk_frame_clock_get_frame_counter (clock);
    }
  return G_SOURCE_CONTINUE;
}

/* A tick asked for but never coming (the widget unmapped or gone) must not
 * strand the snapshot: the worker will not notify again until a take. */
static void
cancel_tick (ConvolveTraining *self)
{
  if (self->tick_id == 0)
    return;
  if (self->frame_widget != NULL)
    gtk_widget_remove_tick_callback (self->frame_widget, self->tick_id);
  self->tick_id = 0;
  if (self->source != NULL)
    g_source_set_ready_time (self->source, 0);
}

static void
on_frame_widget_unmap (ConvolveTraining *self)
{
  cancel_tick (self);
}

static void
frame_widget_gone (gpointer  data,
                   GObject  *where_the_widget_was)
{
  ConvolveTraining *self = data;

  /* its tick callbacks went with it */
  self->frame_widget = NULL;
  self->unmap_id = 0;
  self->tick_id = 0;
  if (self->source != NULL)
    g_source_set_ready_time (self->source, 0);
}

static void
drop_frame_widget (ConvolveTraining *self)
{
  if (self->frame_widget == NULL)
    return;
  cancel_tick (self);
  g_clear_signal_handler (&self->unmap_id, self->frame_widget);
  g_object_weak_unref (G_OBJECT (self->frame_widget), frame_widget_gone, self);
  self->frame_widget = NULL;
}

/* keep: hand out a publication nobody took yet (same network, new run);
 * otherwise it belongs to a network that is going away. */
static void
free_worker (ConvolveTraining *self,
             gboolean          keep)
{
  if (self->worker == NULL)
    return;
  if (keep)
    take_pending (self);
  cnn_worker_set_notify (self->worker, NULL, NULL);
  g_clear_pointer (&self->worker, cnn_worker_free);
}

static void
adopt_worker (ConvolveTraining *self,
              CnnWorker        *worker)
{
  self->worker = worker;
  self->worker_config = self->config;
  self->seen_worker_run = FALSE;
  self->steps_per_epoch = (int) ((self->train->n + self->config.batch_size - 1)
                                 / MAX (self->config.batch_size, 1));
  if (self->probe_input != NULL)
    cnn_worker_set_probe (worker, self->probe_input, self->probe_label);
  cnn_worker_set_pace (worker, self->pace);
  if (self->clock_func != NULL)
    cnn_worker_set_clock (worker, self->clock_func, self->clock_data);
  cnn_worker_set_notify (worker, notify_cb, self->source);
  bump_run (self);
}

/* A worker for self->net with the current config: every new run gets the
 * hyperparameters set since the last one. */
static gboolean
new_worker (ConvolveTraining  *self,
            GError           **error)
{
  CnnWorker *worker;

  /* Start from the latest weights; on failure the old worker stays. */
  take_pending (self);
  worker = cnn_worker_new (self->net, self->train, self->test, &self->config, error);
  if (worker == NULL)
    return FALSE;
  free_worker (self, FALSE);
  adopt_worker (self, worker);
  self->data_changed = FALSE;
  return TRUE;
}

static gboolean
config_equal (const CnnTrainConfig *a,
              const CnnTrainConfig *b)
{
  return a->optimizer == b->optimizer && a->lr == b->lr && a->batch_size == b->batch_size
         && a->epochs == b->epochs && a->weight_decay == b->weight_decay
         && a->augment == b->augment && !a->lr_decay == !b->lr_decay && a->seed == b->seed
         && a->label_smoothing == b->label_smoothing && a->validation == b->validation
         && strcmp (a->data, b->data) == 0;
}

/* New hyperparameters need a new worker; otherwise the worker starts the
 * new run itself, so a reset it has not run yet is not lost. */
static gboolean
ensure_worker_for_new_run (ConvolveTraining *self)
{
  g_autoptr (GError) error = NULL;

  if (config_equal (&self->config, &self->worker_config) && !self->data_changed)
    return TRUE;
  if (!new_worker (self, &error))
    {
      g_warning ("Cannot train with these settings: %s", error->message);
      return FALSE;
    }
  if (self->reset_pending)
    cnn_worker_reset_weights (self->worker, self->reset_seed);
  return TRUE;
}

static void
convolve_training_dispose (GObject *object)
{
  ConvolveTraining *self = CONVOLVE_TRAINING (object);

  /* No dispatch after this; the worker may still wake the destroyed
   * source until it is freed, which is harmless while we hold a ref. */
  drop_frame_widget (self);
  if (self->source != NULL)
    g_source_destroy (self->source);
  if (self->worker != NULL)
    {
      cnn_worker_set_notify (self->worker, NULL, NULL);
      g_clear_pointer (&self->worker, cnn_worker_free);
    }
  g_clear_pointer (&self->source, g_source_unref);
  g_clear_pointer (&self->snapshot, cnn_snapshot_unref);

  G_OBJECT_CLASS (convolve_training_parent_class)->dispose (object);
}

static void
convolve_training_finalize (GObject *object)
{
  ConvolveTraining *self = CONVOLVE_TRAINING (object);

  g_clear_pointer (&self->net, cnn_net_unref);
  g_clear_pointer (&self->train, cnn_dataset_free);
  g_clear_pointer (&self->test, cnn_dataset_free);
  g_clear_pointer (&self->extra, cnn_dataset_free);
  g_clear_pointer (&self->probe_input, g_free);

  G_OBJECT_CLASS (convolve_training_parent_class)->finalize (object);
}

static void
convolve_training_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ConvolveTraining *self = CONVOLVE_TRAINING (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_NET:
      g_value_set_pointer (value, self->net);
      break;
    case PROP_RUN:
      g_value_set_uint (value, self->run);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_training_class_init (ConvolveTrainingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convolve_training_dispose;
  object_class->finalize = convolve_training_finalize;
  object_class->get_property = convolve_training_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       CONVOLVE_TYPE_TRAINING_STATE, CONVOLVE_TRAINING_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* const CnnNet *, owned by the object */
  properties[PROP_NET] =
    g_param_spec_pointer ("net", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUN] =
    g_param_spec_uint ("run", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* CnnSnapshot *: valid during the emission; ref it to keep it */
  signals[SIGNAL_SNAPSHOT] =
    g_signal_new ("snapshot", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

/* A source with no prepare or check is ready when its ready time comes. */
static gboolean
source_dispatch (GSource     *source,
                 GSourceFunc  callback,
                 gpointer     user_data)
{
  return callback (user_data);
}

static void
convolve_training_init (ConvolveTraining *self)
{
  static GSourceFuncs funcs = { .dispatch = source_dispatch };

  cnn_train_config_init_default (&self->config);
  self->probe_label = -1;
  self->extra_repeat = 1;

  self->source = g_source_new (&funcs, sizeof (GSource));
  g_source_set_name (self->source, "ConvolveTraining snapshot");
  /* Below redraws: a frame is never held up by snapshots. */
  g_source_set_priority (self->source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (self->source, dispatch_cb, self, NULL);
  g_source_set_ready_time (self->source, -1);
  g_source_attach (self->source, g_main_context_get_thread_default ());
}

ConvolveTraining *
convolve_training_new (void)
{
  return g_object_new (CONVOLVE_TYPE_TRAINING, NULL);
}

gboolean
convolve_training_set_net (ConvolveTraining  *self,
                           CnnNet            *net,
                           GError           **error)
{
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (CnnDataset) test = NULL;
  CnnWorker *worker;
  gsize n_extra = 0;

  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), FALSE);
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cnn_dataset_builtin_split_extra (net->n_classes, CNN_SPLIT_STRATIFIED, self->extra,
                                        self->extra_repeat, &train, &test, &n_extra, error))
    return FALSE;

  /* Try the new worker first (it copies the net): on failure nothing changes. */
  worker = cnn_worker_new (net, train, test, &self->config, error);
  if (worker == NULL)
    return FALSE;

  free_worker (self, FALSE);
  cnn_net_ref (net);
  g_clear_pointer (&self->net, cnn_net_unref);
  self->net = net;
  g_clear_pointer (&self->train, cnn_dataset_free);
  g_clear_pointer (&self->test, cnn_dataset_free);
  self->train = g_steal_pointer (&train);
  self->test = g_steal_pointer (&test);
  self->n_extra = n_extra;
  self->data_changed = FALSE;
  g_clear_pointer (&self->snapshot, cnn_snapshot_unref);
  self->reset_pending = FALSE;
  adopt_worker (self, worker);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
  refresh_state (self);
  return TRUE;
}

void
convolve_training_set_extra_samples (ConvolveTraining *self,
                                     const CnnDataset *samples,
                                     guint             repeat)
{
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (CnnDataset) test = NULL;
  g_autoptr (GError) error = NULL;
  gsize n_extra = 0;

  g_return_if_fail (CONVOLVE_IS_TRAINING (self));
  g_return_if_fail (repeat >= 1 && repeat <= CNN_EXTRA_REPEAT_MAX);

  g_clear_pointer (&self->extra, cnn_dataset_free);
  if (samples != NULL && samples->n > 0)
    self->extra = cnn_dataset_copy (samples);
  self->extra_repeat = repeat;
  if (self->net == NULL)
    return;

  /* the running worker keeps its own copy; the next run gets this */
  if (!cnn_dataset_builtin_split_extra (self->net->n_classes, CNN_SPLIT_STRATIFIED, self->extra,
                                        repeat, &train, &test, &n_extra, &error))
    {
      g_warning ("Cannot train on these samples: %s", error->message);
      return;
    }
  g_clear_pointer (&self->train, cnn_dataset_free);
  self->train = g_steal_pointer (&train);
  self->n_extra = n_extra;
  self->data_changed = TRUE;
}

gsize
convolve_training_get_n_extra_samples (ConvolveTraining *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), 0);
  return self->net != NULL ? self->n_extra : 0;
}

const CnnNet *
convolve_training_get_net (ConvolveTraining *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), NULL);
  return self->net;
}

void
convolve_training_set_pace (ConvolveTraining *self,
                            double            steps_per_second)
{
  g_return_if_fail (CONVOLVE_IS_TRAINING (self));
  g_return_if_fail (steps_per_second >= 0);

  /* unlike the hyperparameters, the pace applies at once, mid-run too */
  self->pace = steps_per_second;
  if (self->worker != NULL)
    cnn_worker_set_pace (self->worker, steps_per_second);
}

void
convolve_training_set_clock (ConvolveTraining *self,
                             CnnClockFunc      now,
                             gpointer          data)
{
  g_return_if_fail (CONVOLVE_IS_TRAINING (self));

  self->clock_func = now;
  self->clock_data = data;
  if (self->worker != NULL)
    cnn_worker_set_clock (self->worker, now, data);
}

void
convolve_training_clock_changed (ConvolveTraining *self)
{
  g_return_if_fail (CONVOLVE_IS_TRAINING (self));

  if (self->worker != NULL)
    cnn_worker_clock_changed (self->worker);
}

void
convolve_training_set_config (ConvolveTraining     *self,
                              const CnnTrainConfig *config)
{
  g_return_if_fail (CONVOLVE_IS_TRAINING (self));
  g_return_if_fail (config != NULL);
  self->config = *config;
}

void
convolve_training_get_config (ConvolveTraining *self,
                              CnnTrainConfig   *config)
{
  g_return_if_fail (CONVOLVE_IS_TRAINING (self));
  g_return_if_fail (config != NULL);
  *config = self->config;
}

ConvolveTrainingState
convolve_training_get_state (ConvolveTraining *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), CONVOLVE_TRAINING_IDLE);
  return self->state;
}

gboolean
convolve_training_start (ConvolveTraining *self)
{
  gboolean ok;

  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), FALSE);
  if (self->worker == NULL || self->state == CONVOLVE_TRAINING_RUNNING)
    return FALSE;

  if (self->state == CONVOLVE_TRAINING_PAUSED)
    ok = cnn_worker_resume (self->worker);
  else if ((ok = ensure_worker_for_new_run (self)))
    {
      note_worker_run (self);
      ok = cnn_worker_start (self->worker);
    }
  if (ok)
    self->reset_pending = FALSE;
  refresh_state (self);
  return ok;
}

gboolean
convolve_training_pause (ConvolveTraining *self)
{
  gboolean ok;

  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), FALSE);
  if (self->worker == NULL)
    return FALSE;
  ok = cnn_worker_pause (self->worker);
  refresh_state (self);
  return ok;
}

gboolean
convolve_training_resume (ConvolveTraining *self)
{
  gboolean ok;

  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), FALSE);
  if (self->worker == NULL)
    return FALSE;
  ok = cnn_worker_resume (self->worker);
  refresh_state (self);
  return ok;
}

gboolean
convolve_training_stop (ConvolveTraining *self)
{
  gboolean ok;

  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), FALSE);
  if (self->worker == NULL)
    return FALSE;
  ok = cnn_worker_stop (self->worker);
  refresh_state (self);
  return ok;
}

gboolean
convolve_training_step (ConvolveTraining *self)
{
  gboolean ok;

  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), FALSE);
  if (self->worker == NULL || self->state == CONVOLVE_TRAINING_RUNNING)
    return FALSE;
  if (self->state != CONVOLVE_TRAINING_PAUSED && !ensure_worker_for_new_run (self))
    return FALSE;
  note_worker_run (self);
  ok = cnn_worker_step (self->worker);
  if (ok)
    self->reset_pending = FALSE;
  refresh_state (self);
  return ok;
}

gboolean
convolve_training_reset (ConvolveTraining *self)
{
  gboolean ok;

  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), FALSE);
  if (self->worker == NULL || self->state == CONVOLVE_TRAINING_RUNNING)
    return FALSE;
  if (!ensure_worker_for_new_run (self))
    return FALSE;
  note_worker_run (self);
  ok = cnn_worker_reset_weights (self->worker, self->config.seed);
  if (ok)
    {
      self->reset_pending = TRUE;
      self->reset_seed = self->config.seed;
    }
  refresh_state (self);
  return ok;
}

void
convolve_training_set_probe (ConvolveTraining *self,
                             const float      *input,
                             int               label)
{
  g_return_if_fail (CONVOLVE_IS_TRAINING (self));

  if (label < 0 || input == NULL)
    {
      g_clear_pointer (&self->probe_input, g_free);
      self->probe_label = -1;
    }
  else
    {
      if (self->probe_input == NULL)
        self->probe_input = g_new (float, CNN_INPUT_SIZE);
      memcpy (self->probe_input, input, CNN_INPUT_SIZE * sizeof (float));
      self->probe_label = label;
    }
  if (self->worker != NULL)
    cnn_worker_set_probe (self->worker, self->probe_input, self->probe_label);
}

guint
convolve_training_get_run (ConvolveTraining *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), 0);
  return self->run;
}

CnnSnapshot *
convolve_training_get_snapshot (ConvolveTraining *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), NULL);
  return self->snapshot;
}

void
convolve_training_set_frame_widget (ConvolveTraining *self,
                                    GtkWidget        *widget)
{
  g_return_if_fail (CONVOLVE_IS_TRAINING (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (widget == self->frame_widget)
    return;
  drop_frame_widget (self);
  if (widget == NULL)
    return;
  self->frame_widget = widget;
  g_object_weak_ref (G_OBJECT (widget), frame_widget_gone, self);
  self->unmap_id = g_signal_connect_swapped (widget, "unmap",
                                             G_CALLBACK (on_frame_widget_unmap), self);
}

guint
convolve_training_get_n_handoffs (ConvolveTraining *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), 0);
  return self->n_handoffs;
}

gboolean
convolve_training_flush (ConvolveTraining *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), FALSE);
  return take_pending (self);
}

const char *
convolve_training_state_to_label (ConvolveTrainingState state)
{
  switch (state)
    {
    case CONVOLVE_TRAINING_IDLE: return _("Ready");
    case CONVOLVE_TRAINING_RUNNING: return _("Training");
    case CONVOLVE_TRAINING_PAUSED: return _("Paused");
    case CONVOLVE_TRAINING_FINISHED: return _("Finished");
    case CONVOLVE_TRAINING_DIVERGED: return _("Diverged");
    case CONVOLVE_TRAINING_STOPPED: return _("Stopped");
    default: return "";
    }
}

int
convolve_training_get_steps_per_epoch (ConvolveTraining *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAINING (self), 1);
  return MAX (self->steps_per_epoch, 1);
}
