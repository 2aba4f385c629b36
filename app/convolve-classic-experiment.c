/* convolve-classic-experiment.c — a hand-crafted first layer against a learned one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why a GTask and not the training worker (ConvolveTraining/CnnWorker):
 * the experiment is one call that trains two throw-away networks and
 * returns two numbers, and cnn_classic_experiment() is made for a GTask
 * thread (a GCancellable checked every mini-batch, a progress callback per
 * epoch). The worker trains the network shown and hands its weights to
 * the session at the frame rate; this must not touch that network, and a
 * second worker would bring snapshots, pacing and probe passes for
 * nothing. So the thread gets a copy of the network (only its spec is
 * read) and the config, makes its own split, and nothing of the window is
 * shared with it. Training may run meanwhile; both then share the cores.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "convolve-classic-experiment.h"

struct _ConvolveClassicExperiment
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *setup_label;
  GtkButton *run_button;
  GtkButton *cancel_button;
  GtkProgressBar *progress_bar;
  GtkLabel *status_label;
  GtkWidget *results;
  GtkLabel *frozen_value;
  GtkLabel *learned_value;
  GtkLabel *verdict_label;

  ConvolveSession *session;
  CnnTrainConfig config;
  ConvolveClassicExperimentState state;
  guint job_id;               /* of the run whose news is shown; bumped to forget one */
  GCancellable *cancellable;  /* of the run under way */
  int epochs;                 /* of the run under way or shown */
  CnnClassicResult result;
};

G_DEFINE_FINAL_TYPE (ConvolveClassicExperiment, convolve_classic_experiment, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  guint id;
  CnnNet *net;               /* a copy: only its spec is read */
  CnnTrainConfig config;
  GMainContext *context;     /* where the progress goes */
  ConvolveClassicExperiment *self;  /* a reference, for the progress messages */
} Job;

typedef struct
{
  CnnClassicResult result;
  gsize n_test;
  double seconds;
} Outcome;

typedef struct
{
  ConvolveClassicExperiment *self;  /* a reference */
  guint id;
  CnnClassicProgress progress;
} Progress;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->net, cnn_net_unref);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->self);
  g_free (job);
}

static void
progress_free (Progress *p)
{
  g_object_unref (p->self);
  g_free (p);
}

/* ---- what is shown ---- */

static void
set_status (ConvolveClassicExperiment *self,
            const char                *text)
{
  if (g_strcmp0 (gtk_label_get_label (self->status_label), text) != 0)
    gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), *text != '\0');
}

static void
set_state (ConvolveClassicExperiment      *self,
           ConvolveClassicExperimentState  state)
{
  gboolean running = state == CONVOLVE_CLASSIC_EXPERIMENT_RUNNING;

  self->state = state;
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button),
                            state != CONVOLVE_CLASSIC_EXPERIMENT_UNAVAILABLE && !running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_widget_set_visible (self->results, state == CONVOLVE_CLASSIC_EXPERIMENT_DONE);
}

static void
show_setup (ConvolveClassicExperiment *self)
{
  const CnnNet *net = self->session != NULL ? convolve_session_get_net (self->session) : NULL;
  g_autofree char *spec = net != NULL ? cnn_classic_variant_spec (net, NULL) : NULL;
  g_autofree char *text = NULL;

  if (spec == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->setup_label), TRUE);
  /* Translators: %s is a network spec, then the Train page's epochs and seed */
  text = g_strdup_printf (_("The network %s is trained twice with the Train page's settings "
                            "(%d epochs, seed %llu, and the rest): once with "
                            "its first layer frozen to the 12 classic filters, so that only "
                            "their biases and the layers above learn, and once with every "
                            "weight learned, from the same start. Then both are tested on the "
                            "test digits."),
                          spec, self->config.epochs, (unsigned long long) self->config.seed);
  gtk_label_set_label (self->setup_label, text);
}

static char *
format_accuracy (double accuracy)
{
  return g_strdup_printf (_("%.1f %%"), 100.0 * accuracy);
}

static void
show_outcome (ConvolveClassicExperiment *self,
              const Outcome             *o)
{
  g_autofree char *frozen = format_accuracy (o->result.frozen_accuracy);
  g_autofree char *learned = format_accuracy (o->result.learned_accuracy);
  g_autofree char *verdict = NULL;
  g_autofree char *status = NULL;
  /* in test digits: the accuracies are counts of n_test */
  long diff = lround ((o->result.learned_accuracy - o->result.frozen_accuracy) * (double) o->n_test);

  gtk_label_set_label (self->frozen_value, frozen);
  gtk_label_set_label (self->learned_value, learned);
  if (diff > 0)
    verdict = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The learned first layer reads %ld more of the %zu "
                                            "test digits right.",
                                            "The learned first layer reads %ld more of the %zu "
                                            "test digits right.", (gulong) diff),
                               diff, o->n_test);
  else if (diff < 0)
    verdict = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The classic bank reads %ld more of the %zu test "
                                            "digits right.",
                                            "The classic bank reads %ld more of the %zu test "
                                            "digits right.", (gulong) -diff),
                               -diff, o->n_test);
  else
    verdict = g_strdup_printf (_("Both read as many of the %zu test digits right."), o->n_test);
  gtk_label_set_label (self->verdict_label, verdict);
  /* Translators: how long the experiment took, and with how many epochs */
  status = g_strdup_printf (_("Done: %d epochs each, in %.1f s."), self->epochs, o->seconds);
  set_status (self, status);
}

static void
show_progress (ConvolveClassicExperiment *self,
               const CnnClassicProgress  *p)
{
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, p->fraction);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  /* Translators: the experiment's progress: which of its two runs, which epoch */
  text = g_strdup_printf (p->run == 0 ? _("Run 1 of 2, first layer frozen to the classic bank: "
                                          "epoch %d of %d")
                                      : _("Run 2 of 2, every weight learned: epoch %d of %d"),
                          p->epoch, p->epochs);
  set_status (self, text);
}

/* ---- the thread ---- */

static gboolean
progress_in_main (gpointer data)
{
  Progress *p = data;

  /* news of a run since forgotten (cancelled, another network) */
  if (p->id == p->self->job_id && p->self->state == CONVOLVE_CLASSIC_EXPERIMENT_RUNNING)
    show_progress (p->self, &p->progress);
  return G_SOURCE_REMOVE;
}

/* On the experiment's thread, at every epoch's end: to the main context */
static void
deliver_progress (const CnnClassicProgress *progress,
                  gpointer                  user_data)
{
  Job *job = user_data;
  Progress *p = g_new (Progress, 1);

  p->self = g_object_ref (job->self);
  p->id = job->id;
  p->progress = *progress;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_in_main, p,
                              (GDestroyNotify) progress_free);
}

static void
experiment_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (CnnDataset) test = NULL;
  GError *error = NULL;
  Outcome *o = g_new0 (Outcome, 1);
  gint64 start = g_get_monotonic_time ();

  /* the data the Train page trains this network on (ConvolveTraining) */
  if (!cnn_dataset_builtin_split (job->net->n_classes, CNN_SPLIT_STRATIFIED, &train, &test, &error)
      || !cnn_classic_experiment (job->net, train, test, &job->config, deliver_progress, job,
                                  cancellable, &o->result, &error))
    {
      g_free (o);
      g_task_return_error (task, error);
      return;
    }
  o->n_test = test->n;
  o->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_task_return_pointer (task, o, g_free);
}

static void
experiment_done (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  ConvolveClassicExperiment *self = CONVOLVE_CLASSIC_EXPERIMENT (source);
  Job *job = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  g_autofree Outcome *o = g_task_propagate_pointer (G_TASK (res), &error);

  /* forgotten: another network came, or the page went */
  if (job->id != self->job_id)
    return;
  g_clear_object (&self->cancellable);
  if (o != NULL)
    {
      self->result = o->result;
      show_outcome (self, o);
      set_state (self, CONVOLVE_CLASSIC_EXPERIMENT_DONE);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_status (self, _("Cancelled."));
      set_state (self, CONVOLVE_CLASSIC_EXPERIMENT_CANCELLED);
    }
  else
    {
      set_status (self, error->message);
      set_state (self, CONVOLVE_CLASSIC_EXPERIMENT_FAILED);
    }
}

/* ---- public ---- */

gboolean
convolve_classic_experiment_run (ConvolveClassicExperiment *self)
{
  const CnnNet *net;
  g_autoptr (GTask) task = NULL;
  Job *job;

  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self), FALSE);

  net = self->session != NULL ? convolve_session_get_net (self->session) : NULL;
  if (net == NULL || self->state == CONVOLVE_CLASSIC_EXPERIMENT_UNAVAILABLE
      || self->state == CONVOLVE_CLASSIC_EXPERIMENT_RUNNING)
    return FALSE;

  job = g_new0 (Job, 1);
  job->id = ++self->job_id;
  job->net = cnn_net_copy (net);
  job->config = self->config;
  job->context = g_main_context_ref_thread_default ();
  job->self = g_object_ref (self);
  self->epochs = self->config.epochs;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  set_status (self, _("Starting…"));
  set_state (self, CONVOLVE_CLASSIC_EXPERIMENT_RUNNING);

  task = g_task_new (self, self->cancellable, experiment_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, experiment_thread);
  return TRUE;
}

void
convolve_classic_experiment_cancel (ConvolveClassicExperiment *self)
{
  g_return_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self));

  if (self->state != CONVOLVE_CLASSIC_EXPERIMENT_RUNNING || self->cancellable == NULL)
    return;
  /* the thread stops within a mini-batch; the state follows when it has */
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  set_status (self, _("Cancelling…"));
}

/* Forget a run under way: its news will be ignored */
static void
forget_run (ConvolveClassicExperiment *self)
{
  self->job_id++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
on_net (ConvolveClassicExperiment *self)
{
  const CnnNet *net = convolve_session_get_net (self->session);
  g_autoptr (GError) error = NULL;

  forget_run (self);
  self->epochs = 0;
  if (net == NULL)
    return;
  if (!cnn_classic_available (net, &error))
    {
      /* the reason is the status line; no setup to describe (and no gap) */
      gtk_widget_set_visible (GTK_WIDGET (self->setup_label), FALSE);
      set_status (self, error->message);
      set_state (self, CONVOLVE_CLASSIC_EXPERIMENT_UNAVAILABLE);
      return;
    }
  show_setup (self);
  set_status (self, "");
  set_state (self, CONVOLVE_CLASSIC_EXPERIMENT_READY);
}

void
convolve_classic_experiment_set_session (ConvolveClassicExperiment *self,
                                         ConvolveSession           *session)
{
  g_return_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self));
  g_return_if_fail (session == NULL || CONVOLVE_IS_SESSION (session));

  if (session == self->session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::net", G_CALLBACK (on_net), self);
      on_net (self);
    }
  else
    forget_run (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
convolve_classic_experiment_set_config (ConvolveClassicExperiment *self,
                                        const CnnTrainConfig      *config)
{
  g_return_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self));
  g_return_if_fail (config != NULL);

  self->config = *config;
  if (self->state != CONVOLVE_CLASSIC_EXPERIMENT_UNAVAILABLE)
    show_setup (self);
}

ConvolveClassicExperimentState
convolve_classic_experiment_get_state (ConvolveClassicExperiment *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self), CONVOLVE_CLASSIC_EXPERIMENT_UNAVAILABLE);
  return self->state;
}

gboolean
convolve_classic_experiment_get_result (ConvolveClassicExperiment *self,
                                        CnnClassicResult          *result)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (self->state != CONVOLVE_CLASSIC_EXPERIMENT_DONE)
    return FALSE;
  *result = self->result;
  return TRUE;
}

const char *
convolve_classic_experiment_get_status (ConvolveClassicExperiment *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self), NULL);
  return gtk_label_get_label (self->status_label);
}

const char *
convolve_classic_experiment_get_accuracy_text (ConvolveClassicExperiment *self,
                                               gboolean                   learned)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self), NULL);
  return gtk_label_get_label (learned ? self->learned_value : self->frozen_value);
}

int
convolve_classic_experiment_get_epochs (ConvolveClassicExperiment *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self), 0);
  return self->epochs;
}

GtkButton *
convolve_classic_experiment_get_run_button (ConvolveClassicExperiment *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self), NULL);
  return self->run_button;
}

GtkButton *
convolve_classic_experiment_get_cancel_button (ConvolveClassicExperiment *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_EXPERIMENT (self), NULL);
  return self->cancel_button;
}

static void
on_run_clicked (ConvolveClassicExperiment *self)
{
  convolve_classic_experiment_run (self);
}

static void
on_cancel_clicked (ConvolveClassicExperiment *self)
{
  convolve_classic_experiment_cancel (self);
}

/* ---- GObject ---- */

static void
convolve_classic_experiment_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, CONVOLVE_CLASSIC_EXPERIMENT (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_classic_experiment_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      convolve_classic_experiment_set_session (CONVOLVE_CLASSIC_EXPERIMENT (object),
                                               g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_classic_experiment_dispose (GObject *object)
{
  ConvolveClassicExperiment *self = CONVOLVE_CLASSIC_EXPERIMENT (object);

  /* a run still under way stops within a mini-batch; its news is ignored */
  convolve_classic_experiment_set_session (self, NULL);
  forget_run (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_CLASSIC_EXPERIMENT);

  G_OBJECT_CLASS (convolve_classic_experiment_parent_class)->dispose (object);
}

static void
convolve_classic_experiment_class_init (ConvolveClassicExperimentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_classic_experiment_get_property;
  object_class->set_property = convolve_classic_experiment_set_property;
  object_class->dispose = convolve_classic_experiment_dispose;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CONVOLVE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* both runs ended and their accuracies are shown (not on a cancel or
   * a failure): the lesson's task */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-classic-experiment.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicExperiment, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicExperiment, setup_label);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicExperiment, run_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicExperiment, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicExperiment, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicExperiment, status_label);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicExperiment, results);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicExperiment, frozen_value);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicExperiment, learned_value);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicExperiment, verdict_label);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_classic_experiment_init (ConvolveClassicExperiment *self)
{
  cnn_train_config_init_default (&self->config);
  gtk_widget_init_template (GTK_WIDGET (self));
  set_state (self, CONVOLVE_CLASSIC_EXPERIMENT_READY);
}
